"""Ingest: every checked file of one run stored in one transaction.

Files are identified by their SHA-256: ingesting the same bytes again changes nothing but
the record that the run saw the path (table `sightings`). Every file given to a run has
one sighting: read, unreadable (with its reason) or identical to an earlier file. A report
is superseded by a later report of the same council, meeting date and sheet name that
comes in a different file: the old row stays (`superseded_by` points at the new one).
Who the council is comes from the one council identity (`toolkit.registry.identity`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.fileio import archive_copy
from toolkit.findings import Severity
from toolkit.fiscal import fiscal_year, month_key
from toolkit.ledger.store import LedgerStore, now
from toolkit.model import Report
from toolkit.results import Checked, FileResult
from toolkit.rules.context import Context
from toolkit.rules.requests import STORED, written_status

_BATCH = 2000  # reports buffered before one executemany round

# Statuses of a sighting (one file given to one run).
READ, UNREADABLE, IDENTICAL, SKIPPED = "read", "unreadable", "identical", "skipped"


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


def _read_again(result: FileResult) -> bytes | None:
    try:
        return Path(result.source).read_bytes()
    except OSError:
        return None


class Ingesting(LedgerStore):
    """The ledger's ingest."""

    def _receipt_day(self, context: Context) -> str | None:
        """The day this run receives its files: the run's "today" (`--as-of`). A ledger in
        memory (a summary straight from files) knows no receipt days."""
        if self.source == ":memory:":
            return None
        return context.settings.today.isoformat()

    def ingest(
        self,
        results: Iterable[FileResult],
        *,
        context: Context,
        command: str = "ingest",
        source_bytes: Callable[[FileResult], bytes | None] | None = None,
        progress: Callable[[int, FileResult], None] | None = None,
    ) -> IngestStats:
        """Store every checked file of one run, in one transaction.

        `results` may be a generator (the check pipeline): it is consumed inside the
        transaction, so another run waits until this one ends. `source_bytes` gives the
        bytes to archive (default: the file at `result.path`, read again and verified
        against its SHA-256). `progress` is called after each file with its 1-based number.
        Raises LedgerError when another run holds the ledger.
        """
        conn = self.connection
        self._begin()
        try:
            registry = context.registry.source if context.registry is not None else None
            cursor = conn.execute(
                "INSERT INTO runs (command, started_at, tool_version, registry, received_on)"
                " VALUES (?,?,?,?,?)",
                (command, now(), __version__, registry, self._receipt_day(context)),
            )
            run_id = int(cursor.lastrowid or 0)
            writer = _RunWriter(self, run_id, context, source_bytes or _read_again)
            for seq, result in enumerate(results, 1):
                writer.add(seq, result)
                if progress is not None:
                    progress(seq, result)
            writer.flush()
            stats = writer.stats
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
        # meeting key → the current reports of this run, and the file they came from
        self.current: dict[tuple[str, str, str], tuple[list[int], str | None]] = {}
        self.files: list[tuple[Any, ...]] = []
        self.sightings: list[tuple[Any, ...]] = []
        self.reports: list[tuple[Any, ...]] = []
        self.agenda: list[tuple[Any, ...]] = []
        self.requests: list[tuple[Any, ...]] = []
        self.findings: list[tuple[Any, ...]] = []
        self.supersede: list[tuple[int, int]] = []

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
            self.stats.identical += 1
            self.sightings.append(
                (self.run_id, seq, result.path, sha, IDENTICAL, None, earlier, None)
            )
            return
        self.seen[sha] = result.path
        self.stats.new_files += 1
        archive, size, note = self._archive(result)
        self.files.append(
            (sha, self.run_id, result.path, result.format, size, int(result.readable), archive)
        )
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
        self._supersede(report_id, row[5], checked, report)

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

    def _supersede(
        self, report_id: int, key_council: str | None, checked: Checked, report: Report
    ) -> None:
        """Mark the current report of the same council, date and sheet as superseded."""
        day = report.date.value
        if key_council is None or day is None or checked.sheet is None:
            return
        key = (key_council, day.isoformat(), checked.sheet)
        found = self.current.get(key)
        if found is None:
            rows = self.conn.execute(
                "SELECT report_id, sha256 FROM reports WHERE council_key=? AND meeting_date=?"
                " AND sheet=? AND superseded_by IS NULL ORDER BY report_id",
                key,
            ).fetchall()
            found = ([int(r[0]) for r in rows], rows[-1][1] if rows else None)
        ids, sha = found
        if sha == checked.sha256:
            # Two meetings of that council and day on one sheet of one file (a register,
            # the form twice): two reports, neither supersedes the other.
            self.current[key] = ([*ids, report_id], sha)
            return
        for old in ids:  # a later file: its meetings replace those of the file before
            self.supersede.append((report_id, old))
            self.stats.superseded += 1
        self.current[key] = ([report_id], checked.sha256)

    def flush(self) -> None:
        conn = self.conn
        if self.files:
            conn.executemany(
                "INSERT INTO files (sha256, first_run, first_path, format, size, readable, archive)"
                " VALUES (?,?,?,?,?,?,?)",
                self.files,
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
        if self.supersede:
            conn.executemany("UPDATE reports SET superseded_by=? WHERE report_id=?", self.supersede)
        for rows in (
            self.files,
            self.sightings,
            self.reports,
            self.agenda,
            self.requests,
            self.findings,
            self.supersede,
        ):
            rows.clear()
        # Those files and reports are in the tables now, where `_known` and `_supersede`
        # find them: nothing of the run stays in memory between batches.
        self.seen.clear()
        self.current.clear()


def _hhmm(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "strftime"):
        return str(value.strftime("%H:%M"))
    return str(value)
