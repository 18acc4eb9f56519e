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

from toolkit.discover import Skipped, discover, shown
from toolkit.excel.guard import Limits, Unreadable
from toolkit.fileio import archive_copy
from toolkit.findings import Finding, file_finding
from toolkit.isolation import Failure, imap_isolated
from toolkit.parse import build_report
from toolkit.reading.read import read_workbook
from toolkit.reading.shapes import suppressed
from toolkit.results import Checked, FileResult, content_hash
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
    # the bytes already, and copies are written in parallel, off the ledger's transaction).
    archive: Path | None = None


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
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(
                "F1.not-workbook", "通常のファイルではありません（フォルダ・パイプ・装置など）"
            )
        if info.st_size > options.limits.max_file_bytes:
            raise Unreadable("F1.too-large", f"{info.st_size / 2**20:.0f} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        return _unreadable(result, file_finding("F1.not-found", file=shown(path)))
    except Unreadable as exc:
        return _unreadable(result, _file_problem(exc, name))
    except OSError as exc:
        return _unreadable(
            result, file_finding("F1.not-workbook", file=name, detail=exc.strerror or "")
        )
    result.sha256 = hashlib.sha256(data).hexdigest()
    result.size = len(data)
    result.modified = _modified(info.st_mtime)
    if options.archive is not None:
        try:
            result.archived = archive_copy(options.archive, result.sha256, str(path), data)
        except OSError:
            result.archived = None  # the ledger tries again, and says so if it cannot
    try:
        book = read_workbook(data, name, password=options.password, limits=options.limits)
    except Unreadable as exc:
        return _unreadable(result, _file_problem(exc, name))
    result.format = book.format
    if book.output is not None:
        result.skipped_file = (
            f"kyogikai が書き出したファイル（{book.output}）のため読み飛ばしました"
        )
        result.skipped_kind = "kyogikaiの出力"
        return result
    result.skipped = book.skipped
    result.notes = book.notes
    for raw in book.reports:
        report = build_report(raw)
        findings = check_report(report, options.context)
        if raw.notes:
            findings = _unblamed(findings, suppressed(raw.notes))
        result.reports.append(
            Checked(result.path, raw.sheet, result.sha256, report, findings, content_hash(report))
        )
    if not result.reports:
        detail = "、".join(f"「{s}」" for s, _ in book.skipped) or "シートがありません"
        return _unreadable(result, file_finding("F1.no-report", file=name, detail=detail))
    return result


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
            if result.same_as is None:
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
