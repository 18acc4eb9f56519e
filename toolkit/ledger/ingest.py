"""Ingest: every checked file of one run stored in one transaction.

A run has two stages. Reading (slow: the workbooks are opened and checked) stages what
each file brings in a private temporary SQLite file, holding no lock on the ledger, so
that several desks read at once; committing (fast) takes the ledger's write lock and
stores the staged files in batches, in one transaction: what is new and what is a
resubmission is decided there, against everything committed before, so two runs that
overlap never store a file twice nor leave two current reports of one meeting.

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
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import toolkit.ledger.schema as S
from toolkit import __version__, clock
from toolkit.clock import check_recorded
from toolkit.fileio import FileLockedError, archive_copy, archive_name, read_input
from toolkit.findings import Severity
from toolkit.fiscal import fiscal_year, month_key
from toolkit.ledger.bulk import insert_rows
from toolkit.ledger.counting import reconcile
from toolkit.ledger.staging import (  # the receipt kinds are ingest's words too
    BY_GIVEN,  # noqa: F401
    BY_LEDGER,
    BY_LOG,  # noqa: F401
    BY_MODIFIED,
    GivenReceipt,
    Receipts,
    Stage,
)
from toolkit.ledger.store import LedgerStore, next_id, now
from toolkit.model import Report
from toolkit.results import Checked, FileResult
from toolkit.rules.context import Context
from toolkit.rules.requests import STORED, written_status

_BATCH = 1000  # staged files stored per round of the commit
_ASK = 200  # files read before the ledger is asked which of them it holds

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

        `results` may be a generator (the check pipeline): it is read to the end first,
        without holding the ledger, then committed at once. `source_bytes` gives the bytes
        to archive (default: the file at `result.path`, read again and verified against its
        SHA-256). `progress` is called after each file with its 1-based number.
        `before_commit` is called with the run's id once every file is stored, inside the
        transaction: what it records commits with the run, or not at all. `receipts`
        gives the receipt days HQ knows (a batch day, a 受付簿). Raises
        LedgerError when another run holds the ledger longer than the ledger's `wait`.
        """
        received = self._receipt_day(context)  # refused before the run begins
        started = now()
        with Stage() as stage:
            reader = _Reader(self, context, source_bytes or _read_again, stage)
            reader.receipts = receipts
            for seq, result in enumerate(results, 1):
                reader.add(seq, result)
                if progress is not None:
                    progress(seq, result)
            reader.drain()
            with self._writing() as conn:
                run = {
                    "command": command,
                    "started_at": started,
                    "tool_version": __version__,
                    "registry": context.registry.source if context.registry is not None else None,
                    "received_on": received,
                }
                writer = _Writer(conn, run, received)
                for batch in stage.batches(_BATCH):
                    writer.add(batch, stage)
                writer.stats.superseded = reconcile(
                    conn,
                    "SELECT council_key, meeting_date FROM reports WHERE run_id = ?",
                    (writer.run_id,),
                )
                if before_commit is not None:  # after the run's reports found their places
                    before_commit(writer.run_id)
                writer.finish()
        return writer.stats


# --- reading: what each file brings, staged -----------------------------------------------


@dataclass
class _Report:
    """A report as staged: its row without the IDs the commit gives, and its parts."""

    row: dict[str, Any]
    agenda: list[dict[str, Any]]
    requests: list[dict[str, Any]]
    findings: list[dict[str, Any]]


@dataclass
class _File:
    """One file given to the run, as staged."""

    seq: int
    path: str
    sha256: str | None
    skipped: str | None = None  # why the file was left alone as a whole
    readable: bool = False
    format: str | None = None
    size: int | None = None
    archive: str | None = None  # its name in the archive, when its bytes were kept
    note: str | None = None  # what the ledger says about the file (changed after the check…)
    not_archived: bool = False
    notes: str | None = None  # the reader's notes, for the sighting
    reasons: str | None = None  # why it is unreadable
    modified: str | None = None  # the file's modification time (ISO)
    given_new: GivenReceipt | None = None  # HQ's receipt day, if the file is new
    given_old: GivenReceipt | None = None  # … if the ledger holds it already (a 受付簿)
    reports: list[_Report] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)  # about no report


class _Reader:
    """Turns each checked file into its staged rows (no lock on the ledger is held)."""

    def __init__(
        self,
        ledger: Ingesting,
        context: Context,
        source_bytes: Callable[[FileResult], bytes | None],
        stage: Stage,
    ) -> None:
        self.ledger = ledger
        self.context = context
        self.source_bytes = source_bytes
        self.stage = stage
        self.pending: list[tuple[int, FileResult]] = []
        self.receipts: Receipts | None = None

    def add(self, seq: int, result: FileResult) -> None:
        """Stage one file (a few at a time: the ledger is asked once which of them it
        holds already)."""
        self.pending.append((seq, result))
        if len(self.pending) >= _ASK:
            self.drain()

    def drain(self) -> None:
        shas = {r.sha256 for _, r in self.pending if r.sha256 is not None}
        known = self._known(shas)
        for seq, result in self.pending:
            self._stage(seq, result, known)
        self.pending.clear()

    def _stage(self, seq: int, result: FileResult, known: set[str]) -> None:
        item = _File(seq, result.path, result.sha256, modified=result.modified)
        if self.receipts is not None and result.sha256 is not None:
            item.given_new = self.receipts(result, True)
            item.given_old = self.receipts(result, False)
            for given in (item.given_new, item.given_old):
                if given is not None:  # a day no run could record stops the run (exit 2)
                    check_recorded(given.day, f"受付日（{given.source or result.path}）")
        if result.skipped_file is not None:
            item.skipped = result.skipped_file
        elif result.sha256 is None:
            self._unreadable(item, result)
        else:
            item.readable, item.format = bool(result.readable), result.format
            if result.sha256 not in known:
                self._archive(item, result)
            if not result.readable:
                self._unreadable(item, result)
            else:
                notes = [*result.notes, *(f"「{s}」: {why}" for s, why in result.skipped)]
                if item.note:
                    notes.append(item.note)
                item.notes = "\n".join(notes) or None
                for checked in result.reports:
                    self._report(item, checked)
        self.stage.put(item)

    def _known(self, shas: set[str]) -> set[str]:
        """The files among `shas` the ledger holds already (as committed now: the commit
        decides again). Their bytes are then neither read again nor kept."""
        if self.ledger.source == ":memory:" or not shas:
            return set()
        with self.ledger.snapshot() as conn:
            found = conn.execute(sa.select(S.files.c.sha256).where(S.files.c.sha256.in_(shas)))
            return {str(sha) for (sha,) in found}

    def _archive(self, item: _File, result: FileResult) -> None:
        """Keep the file's bytes: in the archive folder beside a ledger file (the worker
        that read it may have done so already), or staged for a ledger on a server."""
        archive, server = self.ledger.archive, self.ledger.server
        sha = result.sha256
        if sha is None or (archive is None and not server):
            return
        if (
            archive is not None
            and result.archived is not None
            and (archive / result.archived).exists()
        ):
            item.archive, item.size = result.archived, result.size
            return
        data = self.source_bytes(result)
        if data is None:
            item.not_archived = True
            item.note = "点検後にファイルが読めなくなったため、保管用の写しを作れませんでした。"
            return
        if hashlib.sha256(data).hexdigest() != sha:
            item.not_archived = True
            item.note = "点検後にファイルが変更されたため、保管用の写しを作りませんでした。"
            return
        if archive is not None:
            item.archive = archive_copy(archive, sha, result.path, data)
        else:
            self.stage.keep(sha, data)
            item.archive = archive_name(sha, result.path)
        item.size = len(data)

    def _unreadable(self, item: _File, result: FileResult) -> None:
        reasons = [f.message for c in result.reports for f in c.findings]
        item.reasons = "\n".join(reasons) or "読み取れませんでした。"
        for checked in result.reports:
            item.findings += self._findings(checked, result.sha256)

    def _report(self, item: _File, checked: Checked) -> None:
        report = checked.report
        if report is None:
            item.findings += self._findings(checked, item.sha256)
            return
        settings = self.context.settings
        requests = []
        for i, req in enumerate(report.requests):
            if req.request.value is None and req.response.value is None:
                continue
            written = written_status(req.response.value, settings)
            requests.append(
                {"seq": i, "request": req.request.value, "response": req.response.value,
                 "answered": int(bool(req.response.value)), "state": STORED[written]}
            )  # fmt: skip
        agenda = [
            {"seq": i, "category": a.category.value, "topic": a.topic.value,
             "remarks": a.remarks.value}
            for i, a in enumerate(report.agenda)
        ]  # fmt: skip
        row = self._row(checked, report, item.sha256)
        findings = self._findings(checked, item.sha256)
        item.reports.append(_Report(row, agenda, requests, findings))

    def _row(self, checked: Checked, report: Report, sha: str | None) -> dict[str, Any]:
        who = self.context.identity(report)
        council = who.council
        day = report.date.value
        errors = sum(f.severity is Severity.ERROR for f in checked.findings)
        requests = sum(1 for r in report.requests if r.request.value or r.response.value)
        return {
            "sha256": sha,
            "path": checked.path,
            "sheet": checked.sheet,
            "council_key": who.key,
            "council_id": council.council_id if council is not None else report.council_id,
            "template_council_id": report.council_id,
            "affiliation": report.affiliation.value,
            "station": who.station,
            "council_name": report.council_name.value,
            "facility_name": report.facility_name.value,
            "meeting_date": day.isoformat() if day else None,
            "fiscal_year": fiscal_year(day) if day else None,
            "month": month_key(day) if day else None,
            "start_time": _hhmm(report.start_time.value),
            "end_time": _hhmm(report.end_time.value),
            "venue": report.venue.value,
            "reporter": report.reporter.value,
            "meeting_type": report.meeting_type.value,
            "police": self._count(report.police_attendees.value),
            "civilians": self._count(report.civilian_attendees.value),
            "status": checked.status,
            "n_errors": errors,
            "n_warnings": len(checked.findings) - errors,
            "pictures": report.pictures,
            "n_agenda": sum(1 for a in report.agenda if a.topic.value),
            "n_requests": requests,
            "n_open": len(report.open_requests),
            "record": json.dumps(report.to_json(), ensure_ascii=False),
            "content": checked.content,
        }

    def _count(self, value: int | None) -> int | None:
        """A count as stored: one above the plausible maximum is an error of the report
        (R3) and is not added into any total (nor can it overflow an integer column)."""
        if value is None or value > self.context.settings.max_attendees:
            return None
        return value

    def _findings(self, checked: Checked, sha: str | None) -> list[dict[str, Any]]:
        return [
            {"sha256": sha, "path": checked.path, "sheet": checked.sheet,
             "severity": str(f.severity), "code": f.code, "field": f.field,
             "cell": str(f.cell) if f.cell is not None else None, "message": f.message}
            for f in checked.findings
        ]  # fmt: skip


# --- committing: the staged files stored, under the ledger's write lock --------------------


class _Writer:
    """Stores staged files in batches inside the run's write transaction. What is new and
    what is identical to a file the ledger holds is decided here, against everything
    committed before and the batches already stored; which report of a meeting counts is
    reconciled after the last batch (`toolkit.ledger.counting`)."""

    def __init__(self, conn: sa.Connection, run: dict[str, Any], seen_on: str | None) -> None:
        self.conn = conn
        self.run_id = next_id(conn, S.runs.c.run_id)
        conn.execute(S.runs.insert().values(run_id=self.run_id, **run))
        self.next_report = next_id(conn, S.reports.c.report_id)
        self.next_finding = next_id(conn, S.findings.c.finding_id)
        self.next_receipt = next_id(conn, S.receipts.c.receipt_id)
        self.seen_on = seen_on  # the day this run sees its files
        self.stats = IngestStats(self.run_id)
        self._clear()

    def _clear(self) -> None:
        self.files: list[dict[str, Any]] = []
        self.blobs: list[dict[str, Any]] = []
        self.receipt_rows: list[dict[str, Any]] = []
        self.corrected: list[dict[str, Any]] = []
        self.sightings: list[dict[str, Any]] = []
        self.reports: list[dict[str, Any]] = []
        self.agenda: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []

    def add(self, batch: list[_File], stage: Stage) -> None:
        known = self._known_files({i.sha256 for i in batch if i.sha256 and not i.skipped})
        for item in batch:
            self._file(item, known, stage)
        self.flush()

    def _file(self, item: _File, known: dict[str, tuple[Any, ...]], stage: Stage) -> None:
        stats = self.stats
        stats.files += 1
        sighting = {"run_id": self.run_id, "seq": item.seq, "path": item.path,
                    "sha256": item.sha256}  # fmt: skip
        if item.skipped is not None:
            stats.skipped += 1
            self.sightings.append({**sighting, "status": SKIPPED, "reason": item.skipped})
            return
        sha = item.sha256
        if sha is None:
            self._unreadable(item, sighting)
            return
        earlier = known.get(sha)
        if earlier is not None:
            first_path, first_run, received_on, received_how = earlier
            if first_run != self.run_id:  # stored by an earlier run: a 受付簿 may correct it
                self._correct_receipt(item, sha, received_on, received_how)
            stats.identical += 1
            self.sightings.append({**sighting, "status": IDENTICAL, "same_as": first_path})
            return
        stats.new_files += 1
        if item.not_archived:
            stats.not_archived.append(item.path)
        elif item.archive is not None:
            stats.archived += 1
            data = stage.blob(sha) if self._server else None
            if data is not None:
                self.blobs.append({"sha256": sha, "data": data})
        day, how, source = self._receipt(item)
        known[sha] = (item.path, self.run_id, day, how)
        self.files.append(
            {"sha256": sha, "first_run": self.run_id, "first_path": item.path,
             "format": item.format, "size": item.size, "readable": int(item.readable),
             "archive": item.archive, "received_on": day, "received_how": how,
             "modified_at": item.modified}
        )  # fmt: skip
        if day is not None:
            self._receipt_row(sha, day, how, source)
        if not item.readable:
            self._unreadable(item, sighting)
            return
        self.sightings.append({**sighting, "status": READ, "note": item.notes})
        self._add_findings(item.findings, None)
        for report in item.reports:
            self._report(report)

    def _receipt(self, item: _File) -> tuple[str | None, str | None, str | None]:
        """The receipt day of a file new to the ledger: (day, how, source)."""
        if self.seen_on is None:
            return None, None, None
        given = item.given_new
        if given is not None:
            self.stats.receipts_given += 1
            return given.day.isoformat(), given.how, given.source
        modified = _day_of(item.modified)
        # A time before 平成 (1970, 1980) is a clock never set or a zip's default: not a day.
        if modified is not None and clock.EARLIEST.isoformat() <= modified < self.seen_on:
            return modified, BY_MODIFIED, None
        return self.seen_on, BY_LEDGER, None

    def _correct_receipt(
        self, item: _File, sha: str, received_on: str | None, received_how: str | None
    ) -> None:
        """A 受付簿 naming a file stored earlier corrects its receipt day."""
        given = item.given_old
        if given is None or self.seen_on is None:
            return
        day = given.day.isoformat()
        if (received_on, received_how) == (day, given.how):
            return
        self.stats.receipts_given += 1
        self.corrected.append({"sha": sha, "received_on": day, "received_how": given.how})
        self._receipt_row(sha, day, given.how, given.source)

    def _receipt_row(self, sha: str, day: str, how: str | None, source: str | None) -> None:
        self.receipt_rows.append(
            {"receipt_id": self.next_receipt, "sha256": sha, "run_id": self.run_id,
             "received_on": day, "how": how, "source": source, "set_at": now()}
        )  # fmt: skip
        self.next_receipt += 1

    @property
    def _server(self) -> bool:
        return self.conn.dialect.name != "sqlite"

    def _unreadable(self, item: _File, sighting: dict[str, Any]) -> None:
        self.stats.unreadable += 1
        self.sightings.append(
            {**sighting, "status": UNREADABLE, "reason": item.reasons, "note": item.note}
        )
        self._add_findings(item.findings, None)

    def _report(self, report: _Report) -> None:
        report_id = self.next_report
        self.next_report += 1
        self.stats.reports += 1
        self.reports.append({"report_id": report_id, "run_id": self.run_id, **report.row})
        self.agenda += [{"report_id": report_id, **a} for a in report.agenda]
        self.requests += [{"report_id": report_id, **q} for q in report.requests]
        self._add_findings(report.findings, report_id)

    def _add_findings(self, rows: list[dict[str, Any]], report_id: int | None) -> None:
        for row in rows:
            self.findings.append(
                {"finding_id": self.next_finding, "run_id": self.run_id, "report_id": report_id,
                 **row}
            )  # fmt: skip
            self.next_finding += 1

    def _known_files(self, shas: set[str]) -> dict[str, tuple[Any, ...]]:
        """The files of the ledger among `shas`: SHA-256 → (the path it was first seen at,
        the run that stored it, its receipt day and how that is known)."""
        if not shas:
            return {}
        f = S.files.c
        rows = self.conn.execute(
            sa.select(f.sha256, f.first_path, f.first_run, f.received_on, f.received_how).where(
                f.sha256.in_(shas)
            )
        )
        return {str(row[0]): tuple(row[1:]) for row in rows}

    def flush(self) -> None:
        conn = self.conn
        for table, rows in (
            (S.files, self.files),
            (S.archived, self.blobs),
            (S.receipts, self.receipt_rows),
            (S.sightings, self.sightings),
            (S.reports, self.reports),
            (S.agenda, self.agenda),
            (S.requests, self.requests),
            (S.findings, self.findings),
        ):
            insert_rows(conn, table, rows)
        if self.corrected:
            conn.execute(
                S.files.update().where(S.files.c.sha256 == sa.bindparam("sha")), self.corrected
            )
        self._clear()

    def finish(self) -> None:
        stats = self.stats
        self.conn.execute(
            S.runs.update()
            .where(S.runs.c.run_id == self.run_id)
            .values(
                finished_at=now(), files=stats.files, new_files=stats.new_files,
                identical=stats.identical, unreadable=stats.unreadable, reports=stats.reports,
                superseded=stats.superseded, skipped=stats.skipped,
            )
        )  # fmt: skip


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
