"""HQ's working folder: `kyogikai init`.

`init_workspace` lays out a folder HQ keeps: the settings file (`toolkit.config`), a
registry with one example row on each sheet, an empty 受付簿, and the folders for incoming
reports, returned copies, outputs and the ledger. The month's work done from that folder is
`toolkit.monthly`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from toolkit import jobs as J
from toolkit.config import CONFIG_NAME, PATHS, Workspace, settings_file_bytes
from toolkit.errors import InputError, OperationalError, os_error_text
from toolkit.fileio import OutputRefused, read_input, write_atomic
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
    return Workspace(config=root / CONFIG_NAME, operator=None, **paths)


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
    from toolkit.writing.receipt_log import write_receipt_log
    from toolkit.writing.registry_io import write_registry

    ws = workspace_at(root)
    _check_places(ws)
    if ws.config.exists():
        raise OutputRefused(
            f"「{root}」はすでに作業フォルダです（{ws.config} があります）。"
            "設定ファイルは上書きしません。別のフォルダを指定してください。"
        )
    kept = ws.registry.exists()
    if registry_from is not None and kept:
        raise OutputRefused(
            f"「{ws.registry}」がすでにあるため、--registry の名簿を写しません。"
            "どちらの名簿を使うか決めて、使わない方を別の場所に移してください。"
        )
    source = J.load_registry(registry_from)  # checked before anything is written
    try:
        ledger = [ws.ledger.parent] if isinstance(ws.ledger, Path) else []
        for folder in (root, ws.incoming, ws.returned, ws.outputs, *ledger, ws.layouts):
            folder.mkdir(parents=True, exist_ok=True)
        if registry_from is not None and source is not None:
            write_atomic(ws.registry, read_input(registry_from))
        elif not kept:
            write_registry(example_registry(today), ws.registry)
        if not ws.receipts.exists():
            write_receipt_log(ws.receipts, [])
        write_atomic(ws.config, settings_file_bytes())
    except OSError as exc:
        raise OperationalError(
            f"作業フォルダ「{root}」を作り終えられませんでした。{os_error_text(exc)}"
            "原因を取り除いてから、もう一度 kyogikai init を実行してください"
            "（設定ファイルは最後に書くため、やり直せます）。"
        ) from exc
    return Created(ws, kept)


def _check_places(ws: Workspace) -> None:
    """Refuse, before anything is written, a place of the working folder that holds
    something else: a file where a folder goes, a folder where the registry goes, a link
    that points nowhere (a share not connected: it is never replaced by a new file)."""
    ledger = (ws.ledger.parent,) if isinstance(ws.ledger, Path) else ()
    folders = (ws.root, ws.incoming, ws.returned, ws.outputs, *ledger, ws.layouts)
    for place in (*folders, ws.registry, ws.config):
        if place.is_symlink() and not place.exists():
            raise InputError(
                f"「{place}」はリンク（ショートカット）ですが、リンク先がありません。"
                "リンク先のドライブや共有フォルダがつながっているか確かめるか、リンクを消してから、"
                "もう一度実行してください（リンクを新しいファイルで置き換えることはしません）。"
            )
    for folder in folders:
        if folder.exists() and not folder.is_dir():
            raise InputError(
                f"「{folder}」はファイルです。作業フォルダのフォルダを作るため、"
                "別の場所に移すか名前を変えてから、もう一度実行してください。"
            )
    if ws.registry.exists() and not ws.registry.is_file():
        raise InputError(
            f"協議会名簿の場所「{ws.registry}」がフォルダです。別の場所に移してから、"
            "もう一度実行してください。"
        )
