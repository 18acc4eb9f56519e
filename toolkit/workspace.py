"""HQ's working folder and its monthly job: `kyogikai init` and `kyogikai month`.

`init_workspace` lays out a folder HQ keeps: the settings file (`toolkit.config`), a
registry with one example row on each sheet, and the folders for incoming reports,
returned copies, outputs and the ledger. `month` does the month's whole work from that
folder with the existing jobs: ingest the incoming folder, a feedback copy of each newly
received file with findings (one subfolder per police station), the month's summary and,
when the registry holds a yearly plan, the stations' reminder lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from toolkit import jobs as J
from toolkit.config import CONFIG_NAME, PATHS, Workspace, settings_file_text
from toolkit.errors import InputError, OperationalError
from toolkit.fileio import OutputRefused, Protected, safe_file_name, write_atomic
from toolkit.fiscal import Period, fiscal_year, fy_start, parse_period
from toolkit.ledger import ARCHIVE_SUFFIX, Ledger
from toolkit.ledgerurl import Location
from toolkit.model import REGULAR
from toolkit.registry import (
    Council,
    Member,
    PlannedMeeting,
    Registry,
    RestrictedPeriod,
    station_key,
)
from toolkit.render import Display, StationView
from toolkit.results import OK, FileResult

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
        ledger = [ws.ledger.parent] if isinstance(ws.ledger, Path) else []
        for folder in (root, ws.incoming, ws.returned, ws.outputs, *ledger):
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


# --- month ---------------------------------------------------------------------------------


@dataclass
class MonthOutcome:
    """What `month` did, for the terminal and its 「次にすること」."""

    period: Period
    view: StationView  # the files received in this run (new to the ledger)
    ingest: J.IngestOutcome
    ledger: Location
    returned: dict[str, list[Path]] = field(default_factory=dict)  # station → copies
    not_returned: list[tuple[str, str]] = field(default_factory=list)  # path, problem
    summary: Path | None = None
    meetings: int = 0
    reminders: list[Path] = field(default_factory=list)
    reminders_dir: Path | None = None
    planned: bool = False  # the registry holds a yearly plan
    example_left: bool = False  # the registry still holds the example council


def month(
    ws: Workspace,
    month_text: str,
    *,
    as_of: date | None = None,
    password: str | None = None,
    jobs: int = 0,
    display: Display | None = None,
    watch: J.Watch | None = None,
    force: bool = False,
) -> MonthOutcome:
    """The month's whole job in the working folder `ws` (see the module's docstring)."""
    from toolkit.writing.summary import check_target

    period = parse_period(month_text)
    if period.kind != "month":
        raise InputError(
            f"「{month_text}」は月ではありません。kyogikai month には 2026-10 のように月を指定して"
            "ください（年度の集計表は kyogikai summary --period FY2026 で作ります）。"
        )
    if not ws.incoming.is_dir():
        raise InputError(
            f"受信フォルダ「{ws.incoming}」がありません。フォルダを作って報告書を入れるか、"
            f"{ws.config} の incoming を直してください。"
        )
    key = f"{period.start.year}-{period.start.month:02d}"
    summary = ws.outputs / f"集計_{key}.xlsx"
    local = ws.ledger if isinstance(ws.ledger, Path) else None  # else a server ledger
    archive = (local.with_name(local.name + ARCHIVE_SUFFIX),) if local is not None else ()
    inputs = (ws.incoming, *(p for p in (local,) if p is not None), ws.registry, ws.config)
    check_target(summary, Protected(inputs, archive, force))  # before anything is read
    options = J.reading_options(
        registry=ws.registry, config=ws.config, as_of=as_of, password=password, jobs=jobs
    )
    for folder in (*(p.parent for p in (local,) if p is not None), ws.returned, ws.outputs):
        folder.mkdir(parents=True, exist_ok=True)
    received = _Received(ws, key, options.password, display or Display(), _known(ws.ledger))
    outer = watch or (lambda results: results)
    ingested = J.ingest((ws.incoming,), ws.ledger, options, watch=lambda r: received(outer(r)))
    done = MonthOutcome(
        period, received.view, ingested, ws.ledger, received.returned, received.problems
    )
    registry = options.context.registry
    assert registry is not None
    done.example_left = any(c.council_id == EXAMPLE_ID for c in registry.councils)
    made = J.summary(
        paths=(), db=ws.ledger, period=period, out=summary, options=options,
        inputs=(ws.registry, ws.config), force=force,
    )  # fmt: skip
    done.summary, done.meetings = summary, made.meetings
    done.planned = bool(registry.plans)
    if done.planned:
        done.reminders_dir = ws.outputs / f"督促_{key}"
        done.reminders = J.remind(
            ws.ledger, registry, options.context.settings, done.reminders_dir, force=force
        )
    return done


def _known(ledger: Location) -> set[str]:
    """The files the ledger has already seen (none when it does not exist yet)."""
    if isinstance(ledger, Path) and not ledger.exists():
        return set()
    with Ledger.open(ledger) as opened:
        return opened.known_files()


class _Received:
    """Watches the ingest's results: each file new to the ledger goes into the view and,
    when it has findings, gets its feedback copy in `returned/<month>/<police station>/`."""

    def __init__(
        self, ws: Workspace, key: str, password: str | None, display: Display, known: set[str]
    ) -> None:
        self.incoming = ws.incoming.absolute()
        self.out_dir = ws.returned / key
        self.password = password
        self.known = known
        self.view = StationView(display)
        self.returned: dict[str, list[Path]] = {}
        self.problems: list[tuple[str, str]] = []

    def __call__(self, results: Iterator[FileResult]) -> Iterator[FileResult]:
        for result in results:
            if result.sha256 is None or result.sha256 not in self.known:
                self.view.add(result)
                if any(c.status != OK for c in result.reports):
                    self._return(result)
            yield result

    def _return(self, result: FileResult) -> None:
        station = self._station(result)
        copy = J.feedback_copy(result, self.out_dir, self.password, safe_file_name(station))
        if copy is None:
            return
        path, written, problem = copy
        if written is not None:
            self.returned.setdefault(station, []).append(written)
        else:
            self.problems.append((path, problem or ""))

    def _station(self, result: FileResult) -> str:
        """The police station a file came from: its reports' 所属, else the folder it was
        put in under the incoming folder."""
        for checked in result.reports:
            if checked.report is not None:
                station = station_key(checked.report.affiliation.value)
                if station:
                    return station
        folder = Path(result.source).absolute().parent
        return NO_STATION if folder == self.incoming else folder.name
