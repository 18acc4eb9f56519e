"""What the summary and the reminders ask of the ledger, as rows (the ledger owns its SQL).

Each method returns `Rows`: the column names and the rows in chunks, so that a caller can
build a frame of a fiscal year's tens of thousands of reports without the raw copy
existing whole (on a server the rows come through a server-side cursor, `yield_per`). The
reports asked for are those that count at the caller's as-of day
(`toolkit.ledger.counting`): received by then, not withdrawn, one per meeting. The SQL is
written once and read alike by SQLite and PostgreSQL. Run the queries of one summary
inside `ledger.snapshot()`: they then see one state of the ledger, however many runs
commit meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from toolkit.findings import NOT_FOR_CORRECTION
from toolkit.ledger.counting import counted, cutoff, ranked
from toolkit.ledger.store import LedgerStore, sql

CHUNK = 2_000  # rows read at a time: the raw copy of a query is never large

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
# The report's own receipt day (its file's), and the first day any report of the same
# meeting was received: a resubmission does not make a meeting late.
_COLUMNS = ", ".join(f"r.{c}" for c in REPORT_COLUMNS[:-2]) + ", f.received_on"
_COUNTED_FROM = (
    "FROM reports r JOIN files f ON f.sha256 = r.sha256 JOIN {counted} c"
    " ON c.report_id = r.report_id"
)
_REQUEST = "q.report_id, q.seq, q.request, q.response, q.answered, q.state"
# A finding that asks the station to correct its report (`findings.asks_correction`, in SQL).
_ASKS = "(g.severity = 'error' OR NOT ({}))".format(
    " OR ".join(f"g.code LIKE '{prefix}%'" for prefix in NOT_FOR_CORRECTION)
)
_FINDING = "finding_id, report_id, path, sheet, cell, severity, code, message"
_IN_RANGE = "AND r.meeting_date BETWEEN ? AND ?"
_BEFORE = "AND r.meeting_date < ?"


@dataclass
class Rows:
    """The result of a query: column names, and the rows in chunks (read lazily)."""

    columns: tuple[str, ...]
    chunks: Iterator[list[tuple[Any, ...]]]


def _marks(values: Sequence[int]) -> str:
    return ",".join(str(int(v)) for v in values)


def _reports(narrow: str = "", where: str = "") -> str:
    """Report rows that count, their file's receipt day and the meeting's first. `narrow`
    limits the meetings looked at (by date: a meeting never spans dates, so which report of
    it counts is the same); `where` filters the reports that count (by what they hold)."""
    counting = _COUNTED_FROM.format(counted=counted(narrow))
    return f"SELECT {_COLUMNS}, c.first_received {counting} {where}"


class Querying(LedgerStore):
    """The ledger's read queries."""

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> Rows:
        """The query's column names (asked of the database without reading a row) and its
        rows, read when the chunks are."""
        probe, values = sql(f"SELECT * FROM ({statement}) AS probe WHERE 1 = 0", params)
        with self.snapshot() as conn:
            columns = tuple(conn.execute(probe, values).keys())
        text, _ = sql(statement, params)

        def chunks() -> Iterator[list[tuple[Any, ...]]]:
            with self.snapshot() as conn:
                result = conn.execute(text.execution_options(yield_per=CHUNK), values)
                # the size given: without it, partitions are the driver's fetchmany(),
                # one row at a time on SQLite (and a frame built per row)
                for part in result.partitions(CHUNK):
                    yield [tuple(row) for row in part]

        return Rows(columns, chunks())

    def current_reports(self, fiscal_year: int, until: date, as_of: date | None = None) -> Rows:
        """The reports that count at `as_of` of a fiscal year, dated up to `until`."""
        return self._rows(
            _reports("AND r.fiscal_year = ? AND r.meeting_date <= ?") + " ORDER BY r.report_id",
            (cutoff(as_of), fiscal_year, until.isoformat()),
        )

    def reports_by_id(self, report_ids: Sequence[int]) -> Rows:
        """The reports with these IDs (counted or not), in ID order."""
        return self._rows(
            f"SELECT {_COLUMNS}, f.received_on AS first_received"
            " FROM reports r JOIN files f ON f.sha256 = r.sha256"
            f" WHERE r.report_id IN ({_marks(report_ids)}) ORDER BY r.report_id",
        )

    def undated_reports(self, run_ids: Sequence[int], as_of: date | None = None) -> Rows:
        """Reports without a readable meeting date, brought in by these runs, that count."""
        return self._rows(
            _reports(f"AND r.meeting_date IS NULL AND r.run_id IN ({_marks(run_ids)})")
            + " ORDER BY r.report_id",
            (cutoff(as_of),),
        )

    def reports_with_errors(self, as_of: date | None = None) -> Rows:
        """Reports that count and have an error (returned for correction, not yet
        resubmitted), not purged, in meeting date order."""
        return self._rows(
            _reports(where="WHERE r.n_errors > 0 AND r.purged_run IS NULL")
            + " ORDER BY r.meeting_date, r.report_id",
            (cutoff(as_of),),
        )

    def known_files(self) -> set[str]:
        """The SHA-256 of every file the ledger has seen (read or unreadable)."""
        return {str(sha) for (sha,) in self.fetch("SELECT sha256 FROM files")}

    def stations(self) -> list[str]:
        """Every police station a report was stored under."""
        rows = self.fetch("SELECT DISTINCT station FROM reports")
        return [str(s) for (s,) in rows if s is not None]

    def run_ids(self) -> list[int]:
        """Every run of the ledger, oldest first."""
        return [int(r) for (r,) in self.fetch("SELECT run_id FROM runs ORDER BY run_id")]

    def last_meetings(self, until: date, as_of: date | None = None) -> Rows:
        """The last meeting date up to `until` of each distinct way a council was written."""
        return self._rows(
            "SELECT r.council_key, r.council_id, r.template_council_id, r.council_name,"
            " r.station, r.affiliation, max(r.facility_name) AS facility_name,"
            " max(r.meeting_date) AS last"
            f" {_COUNTED_FROM.format(counted=counted('AND r.meeting_date <= ?'))}"
            " GROUP BY 1, 2, 3, 4, 5, 6",
            (cutoff(as_of), until.isoformat()),
        )

    @property
    def _text_order(self) -> str:
        """Texts ordered by code point on both engines (SQLite's own order; a server's
        database may have been made with a language's collation)."""
        return ' COLLATE "C"' if self.dialect == "postgresql" else ""

    def agenda_of_reports(self, report_ids: Sequence[int]) -> Rows:
        """The 協議事項 rows of these reports."""
        return self._rows(
            "SELECT report_id, seq, category, topic, remarks FROM agenda"
            f" WHERE report_id IN ({_marks(report_ids)})",
        )

    def agenda_between(self, start: date, end: date, as_of: date | None = None) -> Rows:
        """The 協議事項 rows of the reports that count, dated from `start` to `end`."""
        return self._rows(
            "SELECT a.report_id, a.seq, a.category, a.topic, a.remarks FROM agenda a"
            f" JOIN {counted(_IN_RANGE)} c ON c.report_id = a.report_id",
            (cutoff(as_of), start.isoformat(), end.isoformat()),
        )

    def requests_between(self, start: date, end: date, as_of: date | None = None) -> Rows:
        """The 要望事項 rows of the reports that count, dated from `start` to `end`."""
        return self._rows(
            f"SELECT {_REQUEST} FROM requests q JOIN {counted(_IN_RANGE)} c"
            " ON c.report_id = q.report_id",
            (cutoff(as_of), start.isoformat(), end.isoformat()),
        )

    def requests_before(self, start: date, as_of: date | None = None) -> Rows:
        """Every 要望事項 of the reports that count dated before `start` (the caller tells
        from the words which are still not answered: the words' setting may have changed
        since they were stored)."""
        return self._rows(
            f"SELECT {_REQUEST} FROM requests q JOIN {counted(_BEFORE)} c"
            " ON c.report_id = q.report_id",
            (cutoff(as_of), start.isoformat()),
        )

    def findings_between(self, start: date, end: date, as_of: date | None = None) -> Rows:
        """Findings of the reports that count, dated from `start` to `end`."""
        return self._rows(
            "SELECT x.finding_id, x.report_id, x.path, x.sheet, x.cell, x.severity, x.code,"
            f" x.message FROM findings x JOIN {counted(_IN_RANGE)} c"
            " ON c.report_id = x.report_id",
            (cutoff(as_of), start.isoformat(), end.isoformat()),
        )

    def findings_of_reports(self, report_ids: Sequence[int]) -> Rows:
        """Findings of these reports."""
        return self._rows(
            f"SELECT {_FINDING} FROM findings WHERE report_id IN ({_marks(report_ids)})",
        )

    def file_findings(self, run_ids: Sequence[int]) -> Rows:
        """Findings about whole files (unreadable ones) of these runs, with their run."""
        return self._rows(
            f"SELECT {_FINDING}, run_id FROM findings"
            f" WHERE report_id IS NULL AND run_id IN ({_marks(run_ids)})",
        )

    def received_between(self, start: date, end: date, as_of: date | None = None) -> Rows:
        """Every file received from `start` to `end` (and by `as_of`), one row per report
        it holds (or one row for a file without reports): when and how its receipt day
        is known, HQ's decision about it, and whether each report counts. In the order the
        受付簿 lists them: by day, by path as Python orders text (code points), a file's
        reports by ID and a file without reports last."""
        last = min(end, as_of) if as_of is not None else end
        return self._rows(
            "SELECT f.sha256, f.first_path, f.received_on, f.received_how, f.readable,"
            " r.report_id, r.sheet, r.station, r.affiliation, r.council_key, r.council_id,"
            " r.template_council_id, r.council_name, r.facility_name, r.meeting_date,"
            " r.status, s.action,"
            " CASE WHEN c.report_id IS NULL THEN 0 ELSE 1 END AS counts"
            " FROM files f LEFT JOIN reports r ON r.sha256 = f.sha256"
            " LEFT JOIN settled s ON s.sha256 = f.sha256"
            f" LEFT JOIN {counted()} c ON c.report_id = r.report_id"
            " WHERE f.received_on BETWEEN ? AND ?"
            f" ORDER BY f.received_on, f.first_path{self._text_order},"
            " r.report_id IS NULL, r.report_id",
            (cutoff(as_of), start.isoformat(), last.isoformat()),
        )

    def meetings_reported_twice(self, as_of: date | None = None) -> Rows:
        """Every candidate report of a meeting that has more than one (R7 pairs): its
        place (1 counts), the file, its receipt, status, content and HQ's decision."""
        return self._rows(
            "SELECT k.council_key, k.meeting_date, k.place, r.report_id, r.sha256, r.path,"
            " r.sheet, r.station, r.council_name, r.status, r.n_errors, r.content,"
            " f.received_on, s.action, k.first_received,"
            f" EXISTS (SELECT 1 FROM findings g WHERE g.report_id = r.report_id AND {_ASKS}) AS asked"
            f" FROM ({ranked()}) k JOIN reports r ON r.report_id = k.report_id"
            " JOIN files f ON f.sha256 = r.sha256 LEFT JOIN settled s ON s.sha256 = r.sha256"
            " WHERE k.reports_of_meeting > 1 ORDER BY k.meeting_date, k.council_key, k.place",
            (cutoff(as_of),),
        )

    def reports_mentioning(self, report_ids: Sequence[int], words: Sequence[str]) -> set[int]:
        """Which of these reports hold any of `words` in their record (its free text)."""
        if not words or not report_ids:
            return set()
        escaped = ["%" + w.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
                   for w in words]  # fmt: skip
        test = " OR ".join("record LIKE ? ESCAPE '!'" for _ in escaped)
        found: set[int] = set()
        ids = list(report_ids)
        for start in range(0, len(ids), 500):
            chunk = _marks(ids[start : start + 500])
            rows = self.fetch(
                f"SELECT report_id FROM reports WHERE report_id IN ({chunk}) AND ({test})",
                escaped,
            )
            found.update(int(r) for (r,) in rows)
        return found
