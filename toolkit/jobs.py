"""One call per command: what `kyogikai` does, as functions HQ's other scripts can call too.

Each job takes plain arguments (paths, settings, a registry), does the whole of one command
and returns what happened; the command line only parses arguments and renders the result.
Problems the user can fix raise `InputError`; the machine or a file standing in the way
raises `OperationalError`. Findings about reports are never exceptions: they are in the
results.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit import clock
from toolkit.check import Options, Proofs, check_paths, proofs_of
from toolkit.errors import (
    InputError,
    OperationalError,
    os_error_reason,
    os_error_text,
)
from toolkit.fileio import (
    FileLockedError,
    OutputRefused,
    Protected,
    distinct_paths,
    guard_output,
    read_input,
)
from toolkit.fiscal import Period
from toolkit.ledgerurl import Location
from toolkit.reading.layouts import LayoutMap
from toolkit.registry import Registry, same_name
from toolkit.results import FileResult, Tally
from toolkit.rules import Context
from toolkit.rules.members import MemberFinding
from toolkit.settings import Settings, load_settings

if TYPE_CHECKING:  # the ledger (and its database libraries) load when a command needs it
    from toolkit.housekeeping import RetentionOutcome
    from toolkit.ledger import DateFix, IngestStats, Ledger

# A wrapper the caller may put around the stream of results (a progress bar).
Watch = Callable[[Iterator[FileResult]], Iterator[FileResult]]


def _unwatched(results: Iterator[FileResult]) -> Iterator[FileResult]:
    return results


def load_registry(path: Path | None) -> Registry | None:
    """The registry workbook at `path`, validated; None when no path is given.

    Raises `RegistryError` (an `InputError` listing every problem) when it cannot be used.
    """
    if path is None:
        return None
    from toolkit.isolation import Failure, imap_isolated
    from toolkit.registry import RegistryError
    from toolkit.writing.registry_io import RegistryUnreadable

    # Read in a worker of its own, like a report: a file that makes a native reader abort
    # ends that worker, not the command.
    (outcome,) = list(imap_isolated(_registry_outcome, [path], jobs=1, timeout=300))
    if isinstance(outcome, Failure):
        raise RegistryUnreadable(
            f"協議会名簿「{path}」を読む途中で読み取りが異常終了しました（{outcome.detail}）。"
            "Excelで開けるか確認し、.xlsx 形式で保存し直してから指定してください。"
        )
    kind, value = outcome
    if kind == "input":
        problems, source = value
        raise RegistryError(problems, source)
    if kind == "unreadable":
        raise RegistryUnreadable(value)
    if kind == "locked":  # open in Excel without sharing, or held by an antivirus
        raise FileLockedError(value)
    return value


def _registry_outcome(path: Path) -> tuple[str, Any]:
    """Read the registry in a worker: ("ok", Registry), ("input", (problems, source)),
    ("unreadable", message) or ("locked", path); exceptions do not cross the process
    boundary whole."""
    from toolkit.registry import RegistryError
    from toolkit.writing.registry_io import RegistryUnreadable, read_registry

    try:
        return "ok", read_registry(path)
    except RegistryError as exc:
        return "input", (exc.problems, exc.source)
    except RegistryUnreadable as exc:
        return "unreadable", str(exc)
    except FileLockedError as exc:
        return "locked", str(exc.path)


def reading_options(
    *,
    registry: Path | None = None,
    config: Path | None = None,
    as_of: date | None = None,
    password: str | None = None,
    jobs: int = 0,
    layouts: Path | None = None,
) -> Options:
    """How reports are read and checked: settings (with `as_of` as today), registry,
    password, number of worker processes, the folder of the layouts HQ confirmed."""
    from toolkit.reading.layouts import load_layouts

    settings = load_settings(config, today=as_of)
    context = Context(settings, load_registry(registry))
    return Options(context, password=password, jobs=jobs, layouts=load_layouts(layouts))


# --- check ---------------------------------------------------------------------------------


@dataclass
class CheckRun:
    """A check in progress: iterate it for each file's result; `tally` counts as it goes.

    With `feedback_dir`, a feedback copy is written for each file with findings as its
    result passes; `feedback` lists (path written or None, problem or None) per file.
    """

    paths: tuple[Path, ...]
    options: Options
    feedback_dir: Path | None = None
    watch: Watch = _unwatched
    tally: Tally = field(default_factory=Tally)
    feedback: list[tuple[str, Path | None, str | None]] = field(default_factory=list)

    def __iter__(self) -> Iterator[FileResult]:
        # Feedback copies written into an input folder are marked as kyogikai's own and
        # skipped when read: the folder is walked like any other, its real inputs kept.
        results = self.watch(self.tally.watch(check_paths(self.paths, self.options)))
        for result in results:
            if self.feedback_dir is not None:
                copy = feedback_copy(
                    result,
                    self.feedback_dir,
                    self.options.password,
                    settings=self.options.context.settings,
                )
                if copy is not None:
                    self.feedback.append(copy)
            yield result


def feedback_copy(
    result: FileResult,
    out_dir: Path,
    password: str | None,
    folder: str | None = None,
    *,
    settings: Settings | None = None,
) -> tuple[str, Path | None, str | None] | None:
    """Write the feedback copy of one file into `out_dir` (its subfolder `folder`):
    (path of the original, copy written or None, problem or None); None when the file
    asks the station nothing to correct. With `settings`, the copy says who returns it
    ([papers] sender, contact, phone), on which day, and by when it is due."""
    from datetime import timedelta

    from toolkit.writing.feedback import FeedbackError, Letter, write_feedback

    letter = None
    if settings is not None:
        due = settings.today + timedelta(days=settings.return_days)
        letter = Letter(settings.sender, settings.today, due, settings.contact, settings.phone)
    try:
        written = write_feedback(result, out_dir, password=password, folder=folder, letter=letter)
    except (FeedbackError, OperationalError) as exc:
        return result.path, None, str(exc)
    except OSError as exc:
        return result.path, None, os_error_text(exc)
    return None if written is None else (result.path, written, None)


# --- ingest --------------------------------------------------------------------------------


@dataclass
class IngestOutcome:
    stats: IngestStats
    tally: Tally
    receipt_problems: list[str] = field(default_factory=list)  # 受付簿 rows not used


def ingest(
    paths: Iterable[Path],
    db: Location,
    options: Options,
    *,
    watch: Watch = _unwatched,
    before_commit: Callable[[Ledger, int], None] | None = None,
    command: str = "ingest",
    received: date | None = None,
    receipts: Path | None = None,
) -> IngestOutcome:
    """Check every file and store it in the ledger at `db` (a file, created when missing,
    or a server database), in one transaction; `before_commit` may add to it (called with
    the ledger and the run's id); `received` is the receipt day of every new file (a
    backlog), `receipts` a 受付簿 giving the days of the files it names. Raises
    `LedgerError` when the ledger cannot be used, `InputError` when the day given as today,
    or as a receipt day, cannot be one. A file whose archive copy retention removed is never
    kept again."""
    from toolkit.ledger import Ledger

    clock.check_recorded(options.context.settings.today, "--as-of")
    tally = Tally()
    from toolkit.records import receipt_days

    given, book = receipt_days(options.context.settings.today, received, receipts)
    with Ledger.open(db) as ledger:
        options = replace(options, archive=ledger.archive, not_kept=ledger.purged_files())
        results = watch(tally.watch(check_paths(paths, options)))
        stats = ledger.ingest(
            results,
            context=options.context,
            command=command,
            receipts=given,
            before_commit=None
            if before_commit is None
            else functools.partial(before_commit, ledger),
        )
    problems = [*book.problems, *book.unmatched()] if book is not None else []
    return IngestOutcome(stats, tally, problems)


# --- summary -------------------------------------------------------------------------------


@dataclass
class SummaryOutcome:
    period: Period
    meetings: int  # reports of the period
    tally: Tally | None  # when read from report files


def summary(
    *,
    paths: tuple[Path, ...],
    db: Location | None,
    period: Period,
    out: Path,
    options: Options,
    station: str | None = None,
    inputs: Iterable[Path] = (),
    watch: Watch = _unwatched,
    force: bool = False,
    workspace: Path | None = None,
) -> SummaryOutcome:
    """Write the summary workbook of `period` to `out`, from report files (through an
    in-memory ledger) or from the ledger at `db` (which records it as an output of the
    working folder `workspace`, for retention)."""
    from toolkit.aggregate import build_summary
    from toolkit.ledger import Ledger
    from toolkit.writing.summary import check_target, write_summary

    if bool(paths) == (db is not None):
        raise InputError("報告書のフォルダ（PATH）か --db のどちらか一方を指定してください。")
    if db is not None:
        _existing(db)
    given = [*paths, *(p for p in (db, *inputs) if isinstance(p, Path))]
    archive = [_archive_of(db)] if isinstance(db, Path) else []
    check_target(out, Protected(tuple(given), tuple(archive), force))  # before any reading
    tally = Tally() if paths else None
    context = options.context
    ledger = Ledger.open(db) if db is not None else Ledger.memory()
    with ledger:
        if tally is not None:
            results = watch(tally.watch(check_paths(paths, options)))
            ledger.ingest(results, context=context, command="summary")
        with ledger.snapshot():  # one state of the ledger, whatever other desks commit
            table = build_summary(
                ledger, period, registry=context.registry, station=station,
                settings=context.settings,
            )  # fmt: skip
        folders = [ledger.archive] if ledger.archive is not None else []
        write_summary(table, out, protected=Protected(tuple(given), tuple(folders), force))
        if db is not None:
            ledger.record_outputs("summary", [out], clock.today(), workspace=workspace)
    return SummaryOutcome(period, len(table.lists.meetings), tally)


# --- retention and the ledger's repair (toolkit.housekeeping) -----------------------------


def retention(
    db: Location,
    settings: Settings,
    *,
    apply: bool,
    force: bool = False,
    workspace: Path | None = None,
) -> RetentionOutcome:
    """See `toolkit.housekeeping.retention`."""
    from toolkit import housekeeping

    return housekeeping.retention(db, settings, apply=apply, force=force, workspace=workspace)


def repair_dates(db: Location) -> list[DateFix]:
    """See `toolkit.housekeeping.repair_dates`."""
    from toolkit import housekeeping

    return housekeeping.repair_dates(db)


# --- remind --------------------------------------------------------------------------------


def remind(
    db: Location,
    registry: Registry,
    settings: Settings,
    out_dir: Path,
    *,
    force: bool = False,
    workspace: Path | None = None,
) -> list[Path]:
    """Write one list per police station of what it still owes (督促, corrections,
    long-open requests) into `out_dir`; the ledger records them as outputs."""
    from toolkit.aggregate.remind import station_lists
    from toolkit.ledger import Ledger
    from toolkit.writing.remind import remind_path, write_station_list

    _existing(db)
    written: list[Path] = []
    with Ledger.open(db) as ledger:
        with ledger.snapshot():
            lists = station_lists(ledger, registry, settings)
        given = (db,) if isinstance(db, Path) else ()
        protected = Protected(given, tuple(f for f in [ledger.archive] if f is not None), force)
        paths = distinct_paths(remind_path(out_dir, item.station) for item in lists)
        for path in paths:
            guard_output(path, protected)
        for item, path in zip(lists, paths, strict=True):
            _writing(path, functools.partial(write_station_list, item, path, settings))
            written.append(path)
        ledger.record_outputs("remind", written, clock.today(), workspace=workspace)
    return written


def _existing(db: Location) -> None:
    """A ledger a command reads must be there (a server ledger is found when connecting)."""
    if isinstance(db, Path) and not db.exists():
        raise InputError(f"台帳「{db}」がありません。先に kyogikai ingest で作ってください。")


def _archive_of(db: Path) -> Path:
    from toolkit.ledger import ARCHIVE_SUFFIX

    return db.with_name(db.name + ARCHIVE_SUFFIX)


# --- roster --------------------------------------------------------------------------------


@dataclass
class RosterOutcome:
    findings: list[MemberFinding]  # M1–M6, council by council in registry order
    councils: int
    members: int
    written: Path | None
    note: str | None = None  # the workbook was written but could not be recorded

    def line(self, today: date) -> str:
        """The closing line: what was checked, what was found, where it was written."""
        from toolkit.era import wareki

        flagged = len({f.council.council_id for f in self.findings})
        where = f" — 点検結果: {self.written}" if self.written is not None else ""
        return (
            f"基準日 {wareki(today)}: 協議会 {self.councils}、委員 {self.members}人を点検。"
            f"指摘 {len(self.findings)}件（{flagged}協議会）{where}"
        )


def roster(
    registry_path: Path,
    settings: Settings,
    out: Path | None,
    *,
    force: bool = False,
    ledger: Location | None = None,
    workspace: Path | None = None,
) -> RosterOutcome:
    """The member findings (M1–M6) of the registry at `registry_path` as of
    `settings.today`; with `out`, the roster workbook for HQ written there. It holds the
    members' names: with `ledger` (a working folder's), it is recorded there as an output,
    so that retention lists it."""
    from toolkit.aggregate.members import build_roster
    from toolkit.writing.roster import check_target, write_roster

    registry = load_registry(registry_path)
    assert registry is not None
    if not registry.members:
        raise InputError(
            f"協議会名簿「{registry_path}」の「委員」シートに委員が登録されていません。"
            "委員（協議会ID・氏名・区分・委嘱日・任期満了日など）を登録してください。"
        )
    protected = Protected((registry_path,), (), force)
    if out is not None:
        check_target(out, protected)
    data = build_roster(registry, settings)
    if out is not None:
        write_roster(data, out, protected=protected)
    done = RosterOutcome(data.findings, len(registry.councils), len(registry.members), out)
    if out is not None and ledger is not None:
        from toolkit.housekeeping import record_written

        done.note = record_written("roster", [out], ledger, workspace, "点検結果")
    return done


# --- forms ---------------------------------------------------------------------------------


def templates(
    out_dir: Path, registry: Registry | None, station: str | None, *, force: bool = False
) -> list[Path]:
    """Write the blank form, or one prefilled form per council (of one station). A file
    at a form's place that a station has filled in is never replaced (unless `force`)."""
    from toolkit.writing.template import BLANK_NAME, Prefill, template_path_for, write_template

    protected = Protected(force=force)
    if registry is None:
        if station:
            raise InputError("--station は --registry と一緒に指定してください。")
        guard_output(out_dir / BLANK_NAME, protected, _unfilled_form)
        _writing(out_dir / BLANK_NAME, lambda: write_template(out_dir / BLANK_NAME))
        return [out_dir / BLANK_NAME]
    councils = list(registry.councils)
    if station:
        councils = [c for c in councils if same_name(c.station, station)]
        if not councils:
            known = "、".join(registry.stations())
            raise InputError(f"警察署「{station}」は名簿にありません（名簿の警察署: {known}）。")
    paths = [template_path_for(out_dir, c.station, c.facility_name, c.name) for c in councils]
    targets = list(zip(councils, distinct_paths(paths), strict=True))
    for _, path in targets:  # every target checked before anything is written
        guard_output(path, protected, _unfilled_form)
    written = []
    for c, path in targets:
        prefill = Prefill(c.council_id, c.station, c.facility_name, c.name, c.manager or None)
        _writing(path, functools.partial(write_template, path, prefill))
        written.append(path)
    return written


def samples(
    out_dir: Path,
    *,
    count: int,
    seed: int,
    mistakes: float,
    registry: Registry | None,
    force: bool = False,
) -> int:
    """Write the fictional prefecture's registry and `count` filled sample reports. Files
    already in the folder (a registry, reports) are never replaced unless `force`."""
    from toolkit.samples import MANIFEST, MEMBERS_DOC, RECEIPT_LOG, write_samples

    if not force:
        for name in ("registry.xlsx", MANIFEST, MEMBERS_DOC, RECEIPT_LOG):
            guard_output(out_dir / name, Protected())
        reports = out_dir / "reports"
        if reports.is_dir() and any(reports.iterdir()):
            raise OutputRefused(
                f"「{reports}」にはすでにファイルがあるため、見本を書き出しません。"
                "空のフォルダを指定してください（置き換えてよければ --force を付けてください）。"
            )

    from toolkit.era import wareki
    from toolkit.samples.planner import TooManyMeetings

    try:
        return _writing(
            out_dir,
            lambda: write_samples(
                out_dir, count=count, seed=seed, mistakes=mistakes, registry=registry
            ),
        )
    except TooManyMeetings as exc:
        raise InputError(
            f"報告書 {exc.count:,}件は、名簿の協議会の{wareki(exc.first)}から{wareki(exc.last)}"
            "までの開催日に"
            f"収まりません（1協議会1日1回で最大 {exc.room:,}件）。--count を減らすか、"
            "協議会の多い名簿を --registry で指定してください。"
        ) from exc


def _unfilled_form(path: Path) -> bool:
    """A file at a form's place that is our template with nothing written in it (a
    form handed out earlier, not a station's report): it may be written again."""
    from toolkit.excel.guard import Unreadable
    from toolkit.reading.read import read_workbook
    from toolkit.reading.sheetkind import BLANK_FORM

    try:
        book = read_workbook(read_input(path), path.name)
    except (OSError, Unreadable, FileLockedError):
        return False
    if not book.reports and book.template_version is not None:
        # the reader skips a form with nothing but what HQ prefilled as a blank form
        return any(reason == BLANK_FORM for _, reason in book.skipped)
    if len(book.reports) != 1 or book.reports[0].template_version is None:
        return False
    prefilled = {"affiliation", "council_name", "facility_name"}
    raw = book.reports[0]
    written = [k for k, cells in raw.fields.items() if any(c.value is not None for c in cells)]
    rows = [c for row in (*raw.agenda, *raw.requests) for c in row if c.value is not None]
    categories = {c for row in raw.agenda for c in row[:1]}
    return set(written) <= prefilled and all(c in categories for c in rows)


def _writing(path: Path, action: Callable[[], object]) -> int:
    """Run a writing action; an OS error becomes an `OperationalError` naming `path`."""
    try:
        result = action()
    except OSError as exc:
        reason, advice = os_error_reason(exc)
        raise OperationalError(f"「{path}」に書き出せません（{reason}）。{advice}。") from exc
    return result if isinstance(result, int) else 0


# --- layouts HQ confirms -------------------------------------------------------------------


def layout_proofs(
    paths: Iterable[Path], out_dir: Path, options: Options, *, force: bool = False,
    ledger: Location | None = None, workspace: Path | None = None,
) -> Proofs:  # fmt: skip
    """One proof workbook (読取確認) in `out_dir` per distinct unconfirmed layout of the
    report sheets under `paths` (SPEC, "Layouts HQ confirms"); one HQ has begun to correct
    is kept (unless `force`), never replaced. With `ledger` (a working folder's), each one
    written is recorded as an output: it holds a station's sheet, which retention lists."""
    from toolkit.reading.layouts.confirm import corrected_proof
    from toolkit.writing.proofs import proof_path, write_proof

    given = tuple(paths)
    done = proofs_of(given, options)
    taken: set[Path] = set()
    for group in done.groups:
        path = proof_path(out_dir, group.book, taken)
        guard_output(path, Protected(given, (), force))
        group.path = path
        if not force and corrected_proof(path):
            group.kept = True
            done.kept.append(path)
            continue
        write = functools.partial(write_proof, group.book, group.source, path, options.password)
        _writing(path, write)
        done.written.append(path)
    if done.written and ledger is not None:
        from toolkit.housekeeping import record_written

        done.note = record_written("proof", done.written, ledger, workspace, "読取確認")
    return done


@dataclass
class Confirmed:
    path: Path  # the stored map
    layout: LayoutMap
    corrected: int  # rows of 読取結果 HQ corrected
    before: LayoutMap | None  # the same layout confirmed earlier, now replaced


def confirm_layout(proof: Path, layouts: Path | None, by: str | None) -> Confirmed:
    """Store a corrected proof's layout in `layouts`, confirmed by `by` or the operator."""
    from toolkit.config import operator
    from toolkit.reading.layouts import save_layout
    from toolkit.reading.layouts.confirm import confirm_file

    if layouts is None:
        raise InputError(
            "確認した様式の保存先がありません。作業フォルダ（kyogikai.toml のあるフォルダ）で"
            "実行するか、--layouts で保存先のフォルダを指定してください。"
        )
    layout, corrected = confirm_file(proof, by or operator())
    try:
        path, before = save_layout(layout, layouts)
    except OSError as exc:
        reason, advice = os_error_reason(exc)
        raise OperationalError(
            f"「{layouts}」に様式を保存できません（{reason}）。{advice}。"
        ) from exc
    return Confirmed(path, layout, corrected, before)
