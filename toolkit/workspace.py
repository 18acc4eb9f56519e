"""HQ's working folder: `kyogikai init`.

`init_workspace` lays out a folder HQ keeps: the settings file (`toolkit.config`), a
registry with one example row on each sheet, and the folders for incoming reports,
returned copies, outputs and the ledger. The month's work done from that folder is
`toolkit.monthly`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from toolkit import jobs as J
from toolkit.config import CONFIG_NAME, PATHS, Workspace, settings_file_text
from toolkit.errors import InputError, OperationalError
from toolkit.fileio import OutputRefused, write_atomic
from toolkit.fiscal import fiscal_year, fy_start
from toolkit.model import REGULAR
from toolkit.registry import (
    Council,
    Member,
    PlannedMeeting,
    Registry,
    RestrictedPeriod,
)

# The example rows of a new registry: HQ overwrites them with its own councils.
EXAMPLE_ID = "例001"
EXAMPLE_NOTE = "記入例です。この行を書き換えるか削除して、協議会を登録してください。"
NO_STATION = "所属不明"


def workspace_at(root: Path) -> Workspace:
    """The working folder at `root`, with the default names of its files and folders."""
    paths = {key: root / default for key, (default, _) in PATHS.items()}
    return Workspace(config=root / CONFIG_NAME, **paths)


def example_registry(today: date) -> Registry:
    """A registry of one example council, member, period and planned meeting, valid as it
    is, to be overwritten by HQ in Excel."""
    start = fy_start(fiscal_year(today))
    council = Council(
        EXAMPLE_ID, "〇〇警察署", "交番", "〇〇交番", "〇〇交番連絡協議会", "所管区", "交番所長",
        EXAMPLE_NOTE,
    )  # fmt: skip
    member = Member(
        EXAMPLE_ID, "記入例 山田太郎", "男性", "60代", "自治会長", "a",
        start, start.replace(year=start.year + 2) - timedelta(days=1), start,
    )  # fmt: skip
    period = RestrictedPeriod(
        "記入例: 〇〇市議会議員選挙", start.replace(month=9, day=1), start.replace(month=9, day=14),
        "〇〇警察署",
    )  # fmt: skip
    plan = PlannedMeeting(
        fiscal_year(today), EXAMPLE_ID, start.replace(month=10), REGULAR, "交番等の活動状況"
    )
    return Registry((council,), (member,), (period,), "", (plan,))


# --- init ----------------------------------------------------------------------------------


@dataclass
class Created:
    """A new working folder: its paths, and whether an existing registry was kept."""

    workspace: Workspace
    registry_kept: bool


def init_workspace(root: Path, *, registry_from: Path | None = None, today: date) -> Created:
    """Make `root` a working folder: settings file, registry, folders. A folder that has a
    settings file already is refused (nothing is written). A registry already at its place
    is kept as it is; `registry_from` copies (after checking it) an existing registry."""
    from toolkit.writing.registry_io import write_registry

    ws = workspace_at(root)
    if ws.config.exists() or ws.config.is_symlink():
        raise OutputRefused(
            f"「{root}」はすでに作業フォルダです（{ws.config} があります）。"
            "設定ファイルは上書きしません。別のフォルダを指定してください。"
        )
    if root.exists() and not root.is_dir():
        raise InputError(
            f"「{root}」はファイルです。作業フォルダにするフォルダを指定してください。"
        )
    kept = ws.registry.exists()
    if registry_from is not None and kept:
        raise OutputRefused(
            f"「{ws.registry}」がすでにあるため、--registry の名簿を写しません。"
            "どちらの名簿を使うか決めて、使わない方を別の場所に移してください。"
        )
    source = J.load_registry(registry_from)  # checked before anything is written
    try:
        for folder in (root, ws.incoming, ws.returned, ws.outputs, ws.ledger.parent):
            folder.mkdir(parents=True, exist_ok=True)
        if registry_from is not None and source is not None:
            write_atomic(ws.registry, registry_from.read_bytes())
        elif not kept:
            write_registry(example_registry(today), ws.registry)
        write_atomic(ws.config, settings_file_text().encode("utf-8"))
    except OSError as exc:
        where = exc.filename or root
        raise OperationalError(
            f"作業フォルダ「{where}」を作れません: {exc.strerror or exc}"
        ) from exc
    return Created(ws, kept)
