"""What the summary and the reminders ask of the ledger, as rows (the ledger owns its SQL).

Each method returns `Rows`: the column names and the rows in chunks, so that a caller can
build a frame of a fiscal year's tens of thousands of reports without the raw copy
existing whole. "Current" reports are those no later report has superseded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from toolkit.ledger.store import LedgerStore

CHUNK = 20_000

# The columns of a report row as the summary uses them.
REPORT_COLUMNS = (
    "report_id",
    "run_id",
    "sha256",
    "path",
    "sheet",
    "council_key",
    "council_id",
    "template_council_id",
    "affiliation",
    "station",
    "council_name",
    "facility_name",
    "meeting_date",
    "meeting_type",
    "start_time",
    "end_time",
    "venue",
    "reporter",
    "police",
    "civilians",
    "status",
    "n_errors",
    "n_warnings",
    "pictures",
    "n_agenda",
    "n_requests",
    "n_open",
    "purged_run",
    "received_on",
    "first_received",
)
# The report's own receipt day (its run's), and the first day any report of the same
# meeting (council and date) was received: a resubmission does not make a meeting late.
_REPORTS = (
    ", ".join(f"r.{c}" for c in REPORT_COLUMNS[:-2])
    + ", u.received_on, (SELECT min(u2.received_on) FROM reports r2"
    " JOIN runs u2 ON u2.run_id = r2.run_id"
    " WHERE r2.council_key = r.council_key AND r2.meeting_date = r.meeting_date)"
    " AS first_received"
)
_FROM = "FROM reports r JOIN runs u ON u.run_id = r.run_id"
_REQUEST = "q.report_id, q.seq, q.request, q.response, q.answered, q.state"
_FINDING = "finding_id, report_id, path, sheet, cell, severity, code, message"


@dataclass
class Rows:
    """The result of a query: column names, and the rows in chunks (read lazily)."""

    columns: tuple[str, ...]
    chunks: Iterator[list[tuple[Any, ...]]]


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> Rows:
    cursor = conn.execute(sql, tuple(params))
    columns = tuple(d[0] for d in cursor.description)

    def chunks() -> Iterator[list[tuple[Any, ...]]]:
        while True:
            chunk = cursor.fetchmany(CHUNK)
            if not chunk:
                return
            yield chunk

    return Rows(columns, chunks())


def _marks(values: Sequence[int]) -> str:
    return ",".join(str(int(v)) for v in values)


class Querying(LedgerStore):
    """The ledger's read queries."""

    def current_reports(self, fiscal_year: int, until: date) -> Rows:
        """Current reports of a fiscal year dated up to `until`."""
        return _rows(
            self.connection,
            f"SELECT {_REPORTS} {_FROM} WHERE r.superseded_by IS NULL"
            " AND r.fiscal_year = ? AND r.meeting_date <= ? ORDER BY r.report_id",
            (fiscal_year, until.isoformat()),
        )

    def reports_by_id(self, report_ids: Sequence[int]) -> Rows:
        """The reports with these IDs (current or not), in ID order."""
        return _rows(
            self.connection,
            f"SELECT {_REPORTS} {_FROM} WHERE r.report_id IN ({_marks(report_ids)})"
            " ORDER BY r.report_id",
        )

    def undated_reports(self, run_ids: Sequence[int]) -> Rows:
        """Current reports without a readable meeting date, brought in by these runs."""
        return _rows(
            self.connection,
            f"SELECT {_REPORTS} {_FROM} WHERE r.superseded_by IS NULL"
            f" AND r.meeting_date IS NULL AND r.run_id IN ({_marks(run_ids)})"
            " ORDER BY r.report_id",
        )

    def reports_with_errors(self) -> Rows:
        """Current reports with an error (returned for correction, not yet resubmitted),
        not purged, in meeting date order."""
        return _rows(
            self.connection,
            f"SELECT {_REPORTS} {_FROM} WHERE r.superseded_by IS NULL AND r.n_errors > 0"
            " AND r.purged_run IS NULL ORDER BY r.meeting_date, r.report_id",
        )

    def known_files(self) -> set[str]:
        """The SHA-256 of every file the ledger has seen (read or unreadable)."""
        return {str(sha) for (sha,) in self.connection.execute("SELECT sha256 FROM files")}

    def stations(self) -> list[str]:
        """Every police station a report was stored under."""
        rows = self.connection.execute("SELECT DISTINCT station FROM reports")
        return [str(s) for (s,) in rows if s is not None]

    def run_ids(self) -> list[int]:
        """Every run of the ledger, oldest first."""
        return [int(r) for (r,) in self.connection.execute("SELECT run_id FROM runs")]

    def last_meetings(self, until: date) -> Rows:
        """The last meeting date up to `until` of each distinct way a council was written."""
        return _rows(
            self.connection,
            "SELECT council_key, council_id, template_council_id, council_name, station,"
            " affiliation, max(facility_name) AS facility_name, max(meeting_date) AS last"
            " FROM reports WHERE superseded_by IS NULL"
            " AND meeting_date <= ? GROUP BY 1, 2, 3, 4, 5, 6",
            (until.isoformat(),),
        )

    def agenda_between(self, start: date, end: date) -> Rows:
        """The 協議事項 rows of the current reports dated from `start` to `end`."""
        return _rows(
            self.connection,
            "SELECT a.report_id, a.seq, a.category, a.topic, a.remarks FROM agenda a"
            " JOIN reports r ON r.report_id = a.report_id"
            " WHERE r.superseded_by IS NULL AND r.meeting_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )

    def requests_between(self, start: date, end: date) -> Rows:
        """The 要望事項 rows of the current reports dated from `start` to `end`."""
        return _rows(
            self.connection,
            f"SELECT {_REQUEST} FROM requests q JOIN reports r ON r.report_id = q.report_id"
            " WHERE r.superseded_by IS NULL AND r.meeting_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )

    def not_done_before(self, start: date) -> Rows:
        """Requests not yet answered (open, pending, a 問題解決活動 theme), of current
        reports dated before `start`: they stay on HQ's desk until answered."""
        return _rows(
            self.connection,
            f"SELECT {_REQUEST} FROM requests q JOIN reports r ON r.report_id = q.report_id"
            " WHERE r.superseded_by IS NULL AND r.meeting_date < ? AND q.state <> 'answered'",
            (start.isoformat(),),
        )

    def findings_between(self, start: date, end: date) -> Rows:
        """Findings of the current reports dated from `start` to `end`."""
        return _rows(
            self.connection,
            "SELECT f.finding_id, f.report_id, f.path, f.sheet, f.cell, f.severity, f.code,"
            " f.message FROM findings f JOIN reports r ON r.report_id = f.report_id"
            " WHERE r.superseded_by IS NULL AND r.meeting_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )

    def findings_of_reports(self, report_ids: Sequence[int]) -> Rows:
        """Findings of these reports."""
        return _rows(
            self.connection,
            f"SELECT {_FINDING} FROM findings WHERE report_id IN ({_marks(report_ids)})",
        )

    def file_findings(self, run_ids: Sequence[int]) -> Rows:
        """Findings about whole files (unreadable ones) of these runs, with their run."""
        return _rows(
            self.connection,
            f"SELECT {_FINDING}, run_id FROM findings"
            f" WHERE report_id IS NULL AND run_id IN ({_marks(run_ids)})",
        )
