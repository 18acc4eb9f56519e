"""The check pipeline: find the files, read each one in an isolated worker, apply the rules.

Every file given is accounted for: it yields a `FileResult` that holds its reports, or the
reason it could not be read. Files are read in worker processes, so that a file that
crashes or hangs a native reader costs that file, not the run. Results stream in the order
of the paths, so memory does not grow with the number of files.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.catalogue.reading import UNCONFIRMED
from toolkit.discover import Skipped, discover, shown
from toolkit.errors import os_error_reason
from toolkit.excel.guard import Limits, Unreadable
from toolkit.excel.proofsheet import ProofBook
from toolkit.fileio import (
    FileLockedError,
    archive_copy,
    read_input,
    system_path,
    too_long,
    too_long_text,
)
from toolkit.findings import Finding, file_finding
from toolkit.isolation import Failure, imap_isolated
from toolkit.parse import build_report
from toolkit.raw import RawReport
from toolkit.reading.labelread import find_hits
from toolkit.reading.layouts import LayoutMap
from toolkit.reading.layouts.propose import proof_book, propose
from toolkit.reading.read import WorkbookRead, read_workbook
from toolkit.reading.shapes import suppressed
from toolkit.reading.sheetkind import BLANK_FORM
from toolkit.results import LOCKED, TOO_LONG, Checked, FileResult, content_hash
from toolkit.rules import Context, check_report
from toolkit.rules.duplicates import DuplicateTracker


@dataclass(frozen=True)
class Options:
    """How to read: the rules' context, a password for protected files, worker settings."""

    context: Context
    password: str | None = None
    jobs: int = 0  # 0: one per core
    timeout: float = 60.0
    limits: Limits = field(default_factory=Limits)
    # A ledger's archive folder: the worker that read a file keeps a copy there (it holds
    # the bytes already, and copies are written in parallel, off the ledger's transaction),
    # unless it is kyogikai's own output or a file whose copy retention removed (not_kept).
    archive: Path | None = None
    not_kept: frozenset[str] = frozenset()
    # The layouts HQ confirmed (loaded once per run): a sheet in one is read by its map.
    layouts: tuple[LayoutMap, ...] = ()


# --- finding the files ------------------------------------------------------------------


# --- one file (runs in a worker) --------------------------------------------------------

_OPTIONS: Options | None = None


def _init(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options


def check_file(path: Path, options: Options) -> FileResult:
    """Read and check one file. Never raises for anything the file holds."""
    result = FileResult(shown(path))
    if result.path != str(path):
        result.real_path = str(path)  # a name that is not valid text: kept for reading
    name = shown(path.name)
    try:
        info = os.stat(system_path(path))
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(
                "F1.not-workbook", "通常のファイルではありません（フォルダ・パイプ・装置など）"
            )
        if info.st_size > options.limits.max_file_bytes:
            raise Unreadable("F1.too-large", f"{info.st_size / 2**20:.0f} MB")
        data = read_input(path)
    except FileLockedError as exc:
        # Open in Excel or held by an antivirus: the station's file is not at fault.
        return _try_again(result, exc.ADVICE, LOCKED)
    except OSError as exc:
        if too_long(exc, path):  # HQ's folders are at fault, not the station's file
            return _try_again(result, too_long_text(path) + "。", TOO_LONG)
        if isinstance(exc, FileNotFoundError):
            return _unreadable(result, file_finding("F1.not-found", file=shown(path)))
        return _unreadable(
            result, file_finding("F1.not-workbook", file=name, detail=os_error_reason(exc)[0])
        )
    except Unreadable as exc:
        return _unreadable(result, _file_problem(exc, name))
    result.sha256 = hashlib.sha256(data).hexdigest()
    result.size = len(data)
    result.modified = _modified(info.st_mtime)
    try:
        book = read_workbook(
            data, name, password=options.password, limits=options.limits, layouts=options.layouts
        )
    except Unreadable as exc:
        _keep(result, path, data, options)
        return _unreadable(result, _file_problem(exc, name))
    result.format = book.format
    if book.output is not None or _unfilled_form(book) or (book.returned and not book.reports):
        # kyogikai's own: never kept in the archive, never read as a report, never sent back
        what = OUTPUT_NAMES.get(book.output or ("feedback" if book.returned else "template"),
                                f"ファイル（{book.output}）")  # fmt: skip
        result.skipped_file = f"kyogikai が書き出した{what}のため読み飛ばしました"
        result.skipped_kind = OWN_KIND
        result.skipped = book.skipped  # a blank form's sheet, and why
        return result
    checked = []
    for raw in book.reports:
        report = build_report(raw)
        findings = check_report(report, options.context)
        if raw.notes:
            findings = _unblamed(findings, suppressed(raw.notes))
        if raw.method == "labels":  # neither our template nor a layout HQ confirmed
            unconfirmed = options.context.settings.make(UNCONFIRMED, sheet=raw.sheet)
            findings += [unconfirmed] if unconfirmed is not None else []
        checked.append(
            Checked(result.path, raw.sheet, result.sha256, report, findings, content_hash(report))
        )
    if book.returned and book.sent and all(c.content in book.sent for c in checked):
        # A copy HQ made whose reports say what the original said: not a correction.
        result.skipped_file = (
            "kyogikai が書き出した確認用の写し（直されていません）のため読み飛ばしました"
        )
        result.skipped_kind = OWN_KIND
        return result
    _keep(result, path, data, options)
    result.skipped = book.skipped
    result.notes = book.notes
    if book.returned:
        # A copy HQ sent back that the station returned: its report, corrected.
        result.returned = True
        result.notes.append(
            "本部が返却した確認用の写しです。署が直した報告書として読みました"
            "（確認事項のシートは読んでいません）。"
        )
    result.reports.extend(checked)
    if not result.reports:
        # each sheet with why it was passed over: a blank form says it is one
        detail = "。".join(f"「{s}」は{why}" for s, why in book.skipped) or "シートがありません"
        return _unreadable(result, file_finding("F1.no-report", file=name, detail=detail))
    return result


OWN_KIND = "kyogikaiの出力"
# What each kind of kyogikai workbook is called when one is found among the reports.
OUTPUT_NAMES = {
    "summary": "集計表",
    "feedback": "確認用の写し",
    "remind": "督促・確認依頼",
    "roster": "委員の点検結果",
    "registry": "協議会名簿",
    "plan": "年間計画の様式",
    "template": "様式（記入がありません）",
    "proof": "読取確認",
}


def _unfilled_form(book: WorkbookRead) -> bool:
    """Our template (blank, or prefilled by HQ) with nothing written in it: a form handed
    out, not a report."""
    return (
        not book.reports
        and book.template_version is not None
        and bool(book.skipped)
        and all(reason == BLANK_FORM for _, reason in book.skipped)
    )


def _keep(result: FileResult, path: Path, data: bytes, options: Options) -> None:
    """Keep the file's bytes in the ledger's archive (when asked, and not purged)."""
    if options.archive is None or result.sha256 is None or result.sha256 in options.not_kept:
        return
    try:
        result.archived = archive_copy(options.archive, result.sha256, str(path), data)
    except (OSError, FileLockedError):
        result.archived = None  # the ledger tries again, and says so if it cannot


def _modified(mtime: float) -> str | None:
    """A modification time as the ledger stores it (local time, seconds); None when the
    system gives none that a date can hold."""
    try:
        return datetime.fromtimestamp(mtime).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def _unblamed(findings: list[Finding], unread: frozenset[str]) -> list[Finding]:
    """Without R1's "not filled in" for a field whose value is in a shape that could not
    be read: the reader's finding says so instead."""
    if not unread:
        return findings
    return [
        f
        for f in findings
        if not (f.code.startswith("R1.") and (f.field or "").split("[")[0].split(".")[0] in unread)
    ]


def _worker(item: Path | Skipped) -> FileResult:
    assert _OPTIONS is not None
    if isinstance(item, Skipped):
        result = FileResult(shown(item.path), skipped_file=item.reason, skipped_kind=item.kind)
        return result
    return check_file(item, _OPTIONS)


def _file_problem(exc: Unreadable, name: str) -> Finding:
    return file_finding(exc.code, file=name, detail=exc.detail)


def _try_again(result: FileResult, reason: str, kind: str) -> FileResult:
    """A file that could not be opened now, for a reason that is not in the file: left
    alone this run (no finding, no copy for the station) and read by the next one."""
    result.skipped_file = reason
    result.skipped_kind = kind
    return result


def _unreadable(result: FileResult, finding: Finding) -> FileResult:
    result.reports.append(Checked(result.path, None, result.sha256, None, [finding]))
    return result


# --- the run ----------------------------------------------------------------------------


def check_paths(
    paths: Iterable[Path], options: Options, exclude: Iterable[Path] = ()
) -> Iterator[FileResult]:
    """Check every file, in order, each in an isolated worker; R7 across the run.

    Files stream through: only the ones in flight are held, so memory does not grow with
    the number of files (a fiscal year of a large prefecture is tens of thousands).
    """
    found = discover(paths, exclude)
    head = list(itertools.islice(found, _SMALL_RUN))
    jobs = options.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(head)))
    chunk = 1 if len(head) < _SMALL_RUN else 8
    tracker = DuplicateTracker(options.context)
    pending: deque[Path | Skipped] = deque()

    def feed() -> Iterator[Path | Skipped]:
        for path in itertools.chain(head, found):
            pending.append(path)
            yield path

    results = imap_isolated(
        _worker,
        feed(),
        jobs=jobs,
        timeout=options.timeout,
        chunksize=chunk,
        initializer=_init,
        initargs=(options,),
    )
    try:
        for result in results:
            item = pending.popleft()  # results come in the order the paths went in
            if isinstance(result, Failure):
                path = item.path if isinstance(item, Skipped) else item
                result = _failed(path, result, options)
            result.same_as = tracker.same_file(result)
            # A copy HQ returned and the station sent back is its correction, not a
            # second report of the meeting (R7).
            if result.same_as is None and not result.returned:
                for checked, finding in tracker.findings(result):
                    checked.findings.append(finding)
            yield result
    finally:
        tracker.close()


# Runs shorter than this send one file per message (a crash then costs no re-run).
_SMALL_RUN = 64


def _failed(path: Path, failure: Failure, options: Options) -> FileResult:
    result = FileResult(shown(path))
    name = shown(path.name)
    if failure.kind == "timeout":
        finding = file_finding("F1.timeout", file=name, seconds=f"{options.timeout:.0f}")
    elif failure.kind == "error":  # our reading code raised: not the station's doing
        finding = file_finding("F1.program-error", file=name)
    else:
        finding = file_finding("F1.crashed", file=name, detail=failure.detail)
    if failure.log:
        # Technical detail for whoever maintains the tool; shown apart from the findings.
        result.notes.append(f"技術情報: {failure.log.strip().splitlines()[-1][:300]}")
    return _unreadable(result, finding)


# --- layouts for HQ to confirm (kyogikai layout) -------------------------------------------


@dataclass
class Proposed:
    """What `kyogikai layout` learns of one file: a proof for each report sheet read by
    its labels, and how many reports were read by our template or a confirmed layout."""

    path: str
    source: str
    format: str | None = None
    proofs: list[tuple[ProofBook, LayoutMap]] = field(default_factory=list)
    template: int = 0
    confirmed: int = 0
    problem: str | None = None  # why the file gives no report (Japanese)


def propose_file(path: Path, options: Options) -> Proposed:
    """Read one file as `check_file` does, and propose the layout of each sheet read by
    its labels (one proposal per sheet). Never raises for anything the file holds."""
    name = shown(path.name)
    out = Proposed(shown(path), str(path))
    try:
        data = read_input(path)
        book = read_workbook(
            data,
            name,
            password=options.password,
            limits=options.limits,
            layouts=options.layouts,
            keep_grids=True,
        )
    except FileLockedError as exc:
        out.problem = str(exc)
        return out
    except OSError as exc:
        detail = os_error_reason(exc)[0]
        out.problem = file_finding("F1.not-workbook", file=name, detail=detail).message
        return out
    except Unreadable as exc:
        out.problem = _file_problem(exc, name).message
        return out
    out.format = book.format
    if book.output is not None or _unfilled_form(book):
        what = OUTPUT_NAMES.get(book.output or "template", f"ファイル（{book.output}）")
        out.problem = f"kyogikai が書き出した{what}のため読み飛ばしました"
        return out
    by_sheet: dict[str, list[RawReport]] = {}
    for raw in book.reports:
        if raw.method == "labels":
            by_sheet.setdefault(raw.sheet, []).append(raw)
        elif raw.method == "confirmed":
            out.confirmed += 1
        else:
            out.template += 1
    assert book.grids is not None
    for sheet, raws in by_sheet.items():
        grid = book.grids[sheet]
        *repeat, by = _repeat(raws)
        proposal = propose(
            grid,
            raws[0],
            build_report(raws[0]),
            find_hits(grid),
            repeat=(repeat[0], repeat[1]),
            repeat_by=by,
        )
        out.proofs.append((proof_book(proposal, grid, out.path, book.format), proposal.layout))
    if not book.reports:
        detail = "、".join(f"「{s}」" for s, _ in book.skipped) or "シートがありません"
        out.problem = file_finding("F1.no-report", file=name, detail=detail).message
    return out


def _repeat(raws: list[RawReport]) -> tuple[int, int, int | None]:
    """How the reports of one sheet repeat (rows down, columns right), from the areas the
    reader gave them; a register whose meetings take different numbers of rows repeats
    at each box of its first column (the third: that column)."""
    areas = [r.area for r in raws if r.area is not None]
    if len(areas) < 2:
        return 0, 0, None
    (r0, c0, *_), (r1, c1, *_) = areas[0], areas[1]
    if r1 == r0:
        return 0, c1 - c0, None
    strides = {b[0] - a[0] for a, b in itertools.pairwise(areas)}
    heights = {a[2] - a[0] for a in areas}
    if len(strides) > 1 or len(heights) > 1:
        return r1 - r0, 0, c0
    return r1 - r0, 0, None


def _propose_worker(item: Path) -> Proposed:
    assert _OPTIONS is not None
    return propose_file(item, _OPTIONS)


def propose_paths(paths: Iterable[Path], options: Options) -> Iterator[Proposed]:
    """`propose_file` for every workbook under `paths`, each in an isolated worker, in
    order; files that are not workbooks and workers that fail give a `Proposed` with its
    problem."""
    items = list(discover(paths))
    files = [i for i in items if not isinstance(i, Skipped)]
    jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(files) or 1))
    results = imap_isolated(
        _propose_worker, files, jobs=jobs, timeout=options.timeout,
        initializer=_init, initargs=(options,),
    )  # fmt: skip
    done = iter(results)
    for item in items:
        if isinstance(item, Skipped):
            yield Proposed(shown(item.path), str(item.path), problem=item.reason)
            continue
        result = next(done)
        if isinstance(result, Failure):
            yield Proposed(shown(item), str(item), problem=result.detail)
        else:
            yield result


@dataclass
class ProofGroup:
    """One distinct layout: the proof of its first sheet, and the file it came from."""

    book: ProofBook
    layout: LayoutMap
    source: Path
    others: list[str] = field(default_factory=list)  # sheets read in the same layout
    path: Path | None = None  # the proof, once written (or kept)
    kept: bool = False  # HQ had begun to correct the proof at its place: left as it was


@dataclass
class Proofs:
    """The distinct unconfirmed layouts under some paths (sheets of one layout share one
    proof), what else was read, and the proofs once written."""

    groups: list[ProofGroup] = field(default_factory=list)
    template: int = 0
    confirmed: int = 0
    sheets: int = 0  # report sheets read by their labels
    problems: list[tuple[str, str]] = field(default_factory=list)  # path, why
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # proofs HQ had begun to correct
    note: str | None = None  # the proofs written could not be recorded in the ledger


def proofs_of(paths: Iterable[Path], options: Options) -> Proofs:
    """The layouts to confirm among the files under `paths`."""
    from dataclasses import replace

    from toolkit.reading.layouts.match import same_layout

    out = Proofs()
    for found in propose_paths(paths, options):
        out.template += found.template
        out.confirmed += found.confirmed
        if found.problem is not None:
            out.problems.append((found.path, found.problem))
        for book, layout in found.proofs:
            out.sheets += 1
            group = next((g for g in out.groups if same_layout(g.layout, layout)), None)
            if group is None:
                out.groups.append(ProofGroup(book, layout, Path(found.source)))
            else:
                group.others.append(f"{Path(found.path).name}「{book.sheet}」")
    for group in out.groups:
        group.book = replace(group.book, same_layout=tuple(group.others))
    return out
