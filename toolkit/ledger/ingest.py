"""Ingest: every checked file of one run stored in one transaction.

Files are identified by their SHA-256: ingesting the same bytes again changes nothing but
the record that the run saw the path (table `sightings`). Every file given to a run has
one sighting: read, unreadable (with its reason) or identical to an earlier file.

Each new file gets its receipt day (受付日): the day it reached HQ, not the day a run read
it — by default the earlier of its modification time and the day the run saw it (the
run's "today"); HQ may give it for a batch or per file in a 受付簿 (`GivenReceipt`), and a
受付簿 may correct the day of a file already stored. Every day set is kept (`receipts`).

Which report of a meeting counts is the one rule of `toolkit.ledger.counting`; after a run
`superseded_by` records, for each meeting the run touched, the report now counted instead
of each other one (the old rows stay). Who the council is comes from the one council
identity (`toolkit.registry.identity`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from toolkit import __version__, clock
from toolkit.clock import check_recorded
from toolkit.fileio import FileLockedError, archive_copy, read_input
from toolkit.findings import Severity
from toolkit.fiscal import fiscal_year, month_key
from toolkit.ledger.counting import reconcile
from toolkit.ledger.store import LedgerStore, now
from toolkit.model import Report
from toolkit.results import Checked, FileResult
from toolkit.rules.context import Context
from toolkit.rules.requests import STORED, written_status

_BATCH = 2000  # reports buffered before one executemany round

# Statuses of a sighting (one file given to one run).
READ, UNREADABLE, IDENTICAL, SKIPPED = "read", "unreadable", "identical", "skipped"
# How a file's receipt day is known.
BY_MODIFIED, BY_LEDGER, BY_GIVEN, BY_LOG = "modified", "ledger", "given", "log"


@dataclass(frozen=True)
class GivenReceipt:
    """A receipt day HQ gave for a file: for a batch (`how` BY_GIVEN, new files only) or
    in a 受付簿 (BY_LOG, also correcting a file stored earlier); `source` says where."""

    day: date
    how: str = BY_GIVEN
    source: str | None = None


# What the caller knows about a file's receipt: (result, new to the ledger) → a day or None.
Receipts = Callable[[FileResult, bool], GivenReceipt | None]


@dataclass
class IngestStats:
    """What one run did. `files` counts every file given, whatever became of it."""

    run_id: int
    files: int = 0
    new_files: int = 0
    identical: int = 0
    unreadable: int = 0
    skipped: int = 0
    reports: int = 0
    superseded: int = 0
    archived: int = 0
    not_archived: list[str] = field(default_factory=list)  # paths whose bytes changed or vanished
    receipts_given: int = 0  # files whose receipt day HQ gave (a batch day or a 受付簿)


def _read_again(result: FileResult) -> bytes | None:
    try:
        return read_input(Path(result.source))
    except (OSError, FileLockedError):
        return None


class Ingesting(LedgerStore):
    """The ledger's ingest."""

    def _receipt_day(self, context: Context) -> str | None:
        """The day this run sees its files: the run's "today" (`--as-of`), or the real
        day when that is earlier. A ledger in memory (a summary straight from files)
        knows no receipt days."""
        if self.source == ":memory:":
            return None
        check_recorded(context.settings.today, "--as-of（受付日）")
        return min(context.settings.today, clock.today()).isoformat()

    def ingest(
        self,
        results: Iterable[FileResult],
        *,
        context: Context,
        command: str = "ingest",
        source_bytes: Callable[[FileResult], bytes | None] | None = None,
        progress: Callable[[int, FileResult], None] | None = None,
        before_commit: Callable[[int], None] | None = None,
        receipts: Receipts | None = None,
    ) -> IngestStats:
        """Store every checked file of one run, in one transaction.

        `results` may be a generator (the check pipeline): it is consumed inside the
        transaction, so another run waits until this one ends. `source_bytes` gives the
        bytes to archive (default: the file at `result.path`, read again and verified
        against its SHA-256). `progress` is called after each file with its 1-based number.
        `before_commit` is called with the run's id once every file is stored, inside the
        transaction: what it records commits with the run, or not at all.
        `receipts` gives the receipt days HQ knows (a batch day, a 受付簿).
        Raises LedgerError when another run holds the ledger.
        """
        conn = self.connection
        received = self._receipt_day(context)  # refused before the run begins
        self._begin()
        try:
            registry = context.registry.source if context.registry is not None else None
            cursor = conn.execute(
                "INSERT INTO runs (command, started_at, tool_version, registry, received_on)"
                " VALUES (?,?,?,?,?)",
                (command, now(), __version__, registry, received),
            )
            run_id = int(cursor.lastrowid or 0)
            writer = _RunWriter(self, run_id, context, source_bytes or _read_again)
            writer.seen_on = self._receipt_day(context)
            writer.receipts = receipts
            for seq, result in enumerate(results, 1):
                writer.add(seq, result)
                if progress is not None:
                    progress(seq, result)
            writer.flush()
            stats = writer.stats
            stats.superseded = reconcile(
                conn,
                "SELECT council_key, meeting_date FROM reports WHERE run_id = ?",
                (run_id,),
            )
            if before_commit is not None:
                before_commit(run_id)
            conn.execute(
                "UPDATE runs SET finished_at=?, files=?, new_files=?, identical=?, unreadable=?,"
                " reports=?, superseded=?, skipped=? WHERE run_id=?",
                (
                    now(),
                    stats.files,
                    stats.new_files,
                    stats.identical,
                    stats.unreadable,
                    stats.reports,
                    stats.superseded,
                    stats.skipped,
                    run_id,
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return stats


class _RunWriter:
    """Buffers one run's rows and writes them with executemany."""

    def __init__(
        self,
        ledger: Ingesting,
        run_id: int,
        context: Context,
        source_bytes: Callable[[FileResult], bytes | None],
    ) -> None:
        self.ledger = ledger
        self.conn = ledger.connection
        self.run_id = run_id
        self.context = context
        self.source_bytes = source_bytes
        self.stats = IngestStats(run_id)
        row = self.conn.execute("SELECT coalesce(max(report_id), 0) FROM reports").fetchone()
        self.next_report = int(row[0]) + 1
        self.seen: dict[str, str] = {}  # sha → first path, for files new in this run
        self.seen_on: str | None = None  # the day this run sees its files
        self.receipts: Receipts | None = None
        self.files: list[tuple[Any, ...]] = []
        self.receipt_rows: list[tuple[Any, ...]] = []
        self.sightings: list[tuple[Any, ...]] = []
        self.reports: list[tuple[Any, ...]] = []
        self.agenda: list[tuple[Any, ...]] = []
        self.requests: list[tuple[Any, ...]] = []
        self.findings: list[tuple[Any, ...]] = []
        self.corrected: list[tuple[str, str, str]] = []  # receipt days a 受付簿 corrects

    def add(self, seq: int, result: FileResult) -> None:
        self.stats.files += 1
        if result.skipped_file is not None:
            self.stats.skipped += 1
            self.sightings.append(
                (self.run_id, seq, result.path, result.sha256, SKIPPED, result.skipped_file,
                 None, None)
            )  # fmt: skip
            return
        sha = result.sha256
        if sha is None:
            self._unreadable(seq, result, None)
            return
        earlier = self.seen.get(sha) or self._known(sha)
        if earlier is not None:
            if sha not in self.seen:
                self._correct_receipt(result, sha)
            self.stats.identical += 1
            self.sightings.append(
                (self.run_id, seq, result.path, sha, IDENTICAL, None, earlier, None)
            )
            return
        self.seen[sha] = result.path
        self.stats.new_files += 1
        archive, size, note = self._archive(result)
        day, how, source = self._receipt(result)
        self.files.append(
            (sha, self.run_id, result.path, result.format, size, int(result.readable), archive,
             day, how, result.modified)
        )  # fmt: skip
        if day is not None:
            self.receipt_rows.append((sha, self.run_id, day, how, source, now()))
        if not result.readable:
            self._unreadable(seq, result, note)
        else:
            notes = [*result.notes, *(f"「{s}」: {why}" for s, why in result.skipped)]
            if note:
                notes.append(note)
            self.sightings.append(
                (self.run_id, seq, result.path, sha, READ, None, None, "\n".join(notes) or None)
            )
            for checked in result.reports:
                self._report(checked, sha)
        if len(self.reports) >= _BATCH or len(self.sightings) >= _BATCH:
            self.flush()

    def _receipt(self, result: FileResult) -> tuple[str | None, str | None, str | None]:
        """The receipt day of a file new to the ledger: (day, how, source)."""
        if self.seen_on is None:
            return None, None, None
        given = self.receipts(result, True) if self.receipts is not None else None
        if given is not None:
            check_recorded(given.day, f"受付日（{given.source or result.path}）")
            self.stats.receipts_given += 1
            return given.day.isoformat(), given.how, given.source
        modified = _day_of(result.modified)
        # A time before 平成 (1970, 1980) is a clock never set or a zip's default: not a day.
        if modified is not None and clock.EARLIEST.isoformat() <= modified < self.seen_on:
            return modified, BY_MODIFIED, None
        return self.seen_on, BY_LEDGER, None

    def _correct_receipt(self, result: FileResult, sha: str) -> None:
        """A 受付簿 naming a file stored earlier corrects its receipt day."""
        if self.receipts is None or self.seen_on is None:
            return
        given = self.receipts(result, False)
        if given is None:
            return
        check_recorded(given.day, f"受付日（{given.source or result.path}）")
        day = given.day.isoformat()
        row = self.conn.execute(
            "SELECT received_on, received_how FROM files WHERE sha256=?", (sha,)
        ).fetchone()
        if row is not None and (row[0], row[1]) == (day, given.how):
            return
        self.stats.receipts_given += 1
        self.corrected.append((day, given.how, sha))
        self.receipt_rows.append((sha, self.run_id, day, given.how, given.source, now()))

    def _known(self, sha: str) -> str | None:
        row = self.conn.execute("SELECT first_path FROM files WHERE sha256=?", (sha,)).fetchone()
        return None if row is None else str(row[0])

    def _archive(self, result: FileResult) -> tuple[str | None, int | None, str | None]:
        """Archive the file's bytes: (relative name or None, size, note for the sighting)."""
        archive = self.ledger.archive
        sha = result.sha256
        if archive is None or sha is None:
            return None, None, None
        if result.archived is not None and (archive / result.archived).exists():
            # The worker that read the file kept it already, beside this ledger.
            self.stats.archived += 1
            return result.archived, result.size, None
        data = self.source_bytes(result)
        if data is None:
            self.stats.not_archived.append(result.path)
            return (
                None,
                None,
                "点検後にファイルが読めなくなったため、保管用の写しを作れませんでした。",
            )
        if hashlib.sha256(data).hexdigest() != sha:
            self.stats.not_archived.append(result.path)
            return None, None, "点検後にファイルが変更されたため、保管用の写しを作りませんでした。"
        name = archive_copy(archive, sha, result.path, data)
        self.stats.archived += 1
        return name, len(data), None

    def _unreadable(self, seq: int, result: FileResult, note: str | None) -> None:
        self.stats.unreadable += 1
        reasons = [f.message for c in result.reports for f in c.findings]
        self.sightings.append(
            (
                self.run_id,
                seq,
                result.path,
                result.sha256,
                UNREADABLE,
                "\n".join(reasons) or "読み取れませんでした。",
                None,
                note,
            )
        )
        for checked in result.reports:
            self._findings(checked, result.sha256, None)

    def _report(self, checked: Checked, sha: str) -> None:
        report = checked.report
        if report is None:
            self._findings(checked, sha, None)
            return
        report_id = self.next_report
        self.next_report += 1
        self.stats.reports += 1
        row = self._row(report_id, checked, report, sha)
        self.reports.append(row)
        for i, item in enumerate(report.agenda):
            self.agenda.append(
                (report_id, i, item.category.value, item.topic.value, item.remarks.value)
            )
        for i, req in enumerate(report.requests):
            if req.request.value is None and req.response.value is None:
                continue
            written = written_status(req.response.value, self.context.settings)
            self.requests.append(
                (
                    report_id,
                    i,
                    req.request.value,
                    req.response.value,
                    int(bool(req.response.value)),
                    STORED[written],
                )
            )
        self._findings(checked, sha, report_id)

    def _row(self, report_id: int, checked: Checked, report: Report, sha: str) -> tuple[Any, ...]:
        who = self.context.identity(report)
        council = who.council
        day = report.date.value
        errors = sum(f.severity is Severity.ERROR for f in checked.findings)
        open_requests = len(report.open_requests)
        requests = sum(1 for r in report.requests if r.request.value or r.response.value)
        return (
            report_id,
            self.run_id,
            sha,
            checked.path,
            checked.sheet,
            who.key,
            council.council_id if council is not None else report.council_id,
            report.council_id,
            report.affiliation.value,
            who.station,
            report.council_name.value,
            report.facility_name.value,
            day.isoformat() if day else None,
            fiscal_year(day) if day else None,
            month_key(day) if day else None,
            _hhmm(report.start_time.value),
            _hhmm(report.end_time.value),
            report.venue.value,
            report.reporter.value,
            report.meeting_type.value,
            self._count(report.police_attendees.value),
            self._count(report.civilian_attendees.value),
            checked.status,
            errors,
            len(checked.findings) - errors,
            report.pictures,
            sum(1 for a in report.agenda if a.topic.value),
            requests,
            open_requests,
            json.dumps(report.to_json(), ensure_ascii=False),
            checked.content,
        )

    def _count(self, value: int | None) -> int | None:
        """A count as stored: one above the plausible maximum is an error of the report
        (R3) and is not added into any total (nor can it overflow an integer column)."""
        if value is None or value > self.context.settings.max_attendees:
            return None
        return value

    def _findings(self, checked: Checked, sha: str | None, report_id: int | None) -> None:
        for f in checked.findings:
            self.findings.append(
                (
                    self.run_id,
                    sha,
                    report_id,
                    checked.path,
                    checked.sheet,
                    str(f.severity),
                    f.code,
                    f.field,
                    str(f.cell) if f.cell is not None else None,
                    f.message,
                )
            )

    def flush(self) -> None:
        conn = self.conn
        if self.files:
            conn.executemany(
                "INSERT INTO files (sha256, first_run, first_path, format, size, readable, archive,"
                " received_on, received_how, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                self.files,
            )
        if self.receipt_rows:
            conn.executemany(
                "INSERT INTO receipts (sha256, run_id, received_on, how, source, set_at)"
                " VALUES (?,?,?,?,?,?)",
                self.receipt_rows,
            )
        if self.corrected:
            conn.executemany(
                "UPDATE files SET received_on=?, received_how=? WHERE sha256=?", self.corrected
            )
        if self.sightings:
            conn.executemany("INSERT INTO sightings VALUES (?,?,?,?,?,?,?,?)", self.sightings)
        if self.reports:
            marks = ",".join("?" * len(self.reports[0]))
            conn.executemany(
                "INSERT INTO reports (report_id, run_id, sha256, path, sheet, council_key,"
                " council_id, template_council_id, affiliation, station, council_name,"
                " facility_name, meeting_date, fiscal_year, month, start_time, end_time, venue,"
                " reporter, meeting_type, police, civilians, status, n_errors, n_warnings,"
                f" pictures, n_agenda, n_requests, n_open, record, content) VALUES ({marks})",
                self.reports,
            )
        if self.agenda:
            conn.executemany("INSERT INTO agenda VALUES (?,?,?,?,?)", self.agenda)
        if self.requests:
            conn.executemany(
                "INSERT INTO requests (report_id, seq, request, response, answered, state)"
                " VALUES (?,?,?,?,?,?)",
                self.requests,
            )
        if self.findings:
            conn.executemany(
                "INSERT INTO findings (run_id, sha256, report_id, path, sheet, severity, code,"
                " field, cell, message) VALUES (?,?,?,?,?,?,?,?,?,?)",
                self.findings,
            )
        for rows in (
            self.files,
            self.receipt_rows,
            self.corrected,
            self.sightings,
            self.reports,
            self.agenda,
            self.requests,
            self.findings,
        ):
            rows.clear()
        # Those files are in the tables now, where `_known` finds them: nothing of the run
        # stays in memory between batches.
        self.seen.clear()


def _day_of(moment: str | None) -> str | None:
    """The day of an ISO timestamp (a file's modification time), or None."""
    if not moment:
        return None
    try:
        return datetime.fromisoformat(moment).date().isoformat()
    except ValueError:
        return None


def _hhmm(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "strftime"):
        return str(value.strftime("%H:%M"))
    return str(value)
