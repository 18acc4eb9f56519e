"""What the summary and the reminders ask of the ledger, as rows (the ledger owns its SQL).

Each method returns `Rows`: the column names and the rows in chunks, so that a caller can
build a frame of a fiscal year's tens of thousands of reports without the raw copy
existing whole (on a server the rows come through a server-side cursor, `yield_per`).
"Current" reports are those no later report has superseded. Run the queries of one
summary inside `ledger.snapshot()`: they then see one state of the ledger, however many
runs commit meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

import toolkit.ledger.schema as S
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

r, u, q, a, f = S.reports.c, S.runs.c, S.requests.c, S.agenda.c, S.findings.c
_r2 = S.reports.alias("r2")
_u2 = S.runs.alias("u2")
# The report's own receipt day (its run's), and the first day any report of the same
# meeting (council and date) was received: a resubmission does not make a meeting late.
_FIRST_RECEIVED = (
    sa.select(sa.func.min(_u2.c.received_on))
    .select_from(_r2.join(_u2, _u2.c.run_id == _r2.c.run_id))
    .where(_r2.c.council_key == r.council_key, _r2.c.meeting_date == r.meeting_date)
    .scalar_subquery()
    .label("first_received")
)
_REPORTS = sa.select(
    *(getattr(r, c) for c in REPORT_COLUMNS[:-2]), u.received_on, _FIRST_RECEIVED
).select_from(S.reports.join(S.runs, u.run_id == r.run_id))
_CURRENT = r.superseded_by.is_(None)
_REQUEST = (q.report_id, q.seq, q.request, q.response, q.answered, q.state)
_FINDING = (f.finding_id, f.report_id, f.path, f.sheet, f.cell, f.severity, f.code, f.message)


@dataclass
class Rows:
    """The result of a query: column names, and the rows in chunks (read lazily)."""

    columns: tuple[str, ...]
    chunks: Iterator[list[tuple[Any, ...]]]


def among(column: sa.ColumnElement[Any], values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """`column IN (values)`, the values written into the statement: a list of thousands of
    IDs stays one statement on either engine (no limit on the number of parameters)."""
    return column.in_(sa.bindparam(f"among_{column.key}", list(values), expanding=True,
                                   literal_execute=True))  # fmt: skip


class Querying(LedgerStore):
    """The ledger's read queries."""

    def _rows(self, statement: sa.Select[Any]) -> Rows:
        columns = tuple(statement.selected_columns.keys())

        def chunks() -> Iterator[list[tuple[Any, ...]]]:
            with self.snapshot() as conn:
                result = conn.execute(statement.execution_options(yield_per=CHUNK))
                for part in result.partitions():
                    yield [tuple(row) for row in part]

        return Rows(columns, chunks())

    def _scalars(self, statement: sa.Select[Any]) -> list[Any]:
        with self.snapshot() as conn:
            return list(conn.execute(statement).scalars())

    def current_reports(self, fiscal_year: int, until: date) -> Rows:
        """Current reports of a fiscal year dated up to `until`."""
        return self._rows(
            _REPORTS.where(
                _CURRENT, r.fiscal_year == fiscal_year, r.meeting_date <= until.isoformat()
            ).order_by(r.report_id)
        )

    def reports_by_id(self, report_ids: Sequence[int]) -> Rows:
        """The reports with these IDs (current or not), in ID order."""
        ids = [int(i) for i in report_ids]
        return self._rows(_REPORTS.where(among(r.report_id, ids)).order_by(r.report_id))

    def undated_reports(self, run_ids: Sequence[int]) -> Rows:
        """Current reports without a readable meeting date, brought in by these runs."""
        ids = [int(i) for i in run_ids]
        return self._rows(
            _REPORTS.where(_CURRENT, r.meeting_date.is_(None), among(r.run_id, ids)).order_by(
                r.report_id
            )
        )

    def reports_with_errors(self) -> Rows:
        """Current reports with an error (returned for correction, not yet resubmitted),
        not purged, in meeting date order."""
        return self._rows(
            _REPORTS.where(_CURRENT, r.n_errors > 0, r.purged_run.is_(None)).order_by(
                r.meeting_date, r.report_id
            )
        )

    def known_files(self) -> set[str]:
        """The SHA-256 of every file the ledger has seen (read or unreadable)."""
        return {str(sha) for sha in self._scalars(sa.select(S.files.c.sha256))}

    def stations(self) -> list[str]:
        """Every police station a report was stored under."""
        found = self._scalars(sa.select(r.station).distinct())
        return [str(s) for s in found if s is not None]

    def run_ids(self) -> list[int]:
        """Every run of the ledger, oldest first."""
        return [int(i) for i in self._scalars(sa.select(u.run_id).order_by(u.run_id))]

    def last_meetings(self, until: date) -> Rows:
        """The last meeting date up to `until` of each distinct way a council was written."""
        keys = (r.council_key, r.council_id, r.template_council_id, r.council_name, r.station,
                r.affiliation)  # fmt: skip
        return self._rows(
            sa.select(
                *keys,
                sa.func.max(r.facility_name).label("facility_name"),
                sa.func.max(r.meeting_date).label("last"),
            )
            .where(_CURRENT, r.meeting_date <= until.isoformat())
            .group_by(*keys)
        )

    def agenda_between(self, start: date, end: date) -> Rows:
        """The 協議事項 rows of the current reports dated from `start` to `end`."""
        return self._rows(
            sa.select(a.report_id, a.seq, a.category, a.topic, a.remarks)
            .select_from(S.agenda.join(S.reports, r.report_id == a.report_id))
            .where(_CURRENT, r.meeting_date.between(start.isoformat(), end.isoformat()))
        )

    def requests_between(self, start: date, end: date) -> Rows:
        """The 要望事項 rows of the current reports dated from `start` to `end`."""
        return self._rows(
            sa.select(*_REQUEST)
            .select_from(S.requests.join(S.reports, r.report_id == q.report_id))
            .where(_CURRENT, r.meeting_date.between(start.isoformat(), end.isoformat()))
        )

    def not_done_before(self, start: date) -> Rows:
        """Requests not yet answered (open, pending, a 問題解決活動 theme), of current
        reports dated before `start`: they stay on HQ's desk until answered."""
        return self._rows(
            sa.select(*_REQUEST)
            .select_from(S.requests.join(S.reports, r.report_id == q.report_id))
            .where(_CURRENT, r.meeting_date < start.isoformat(), q.state != "answered")
        )

    def findings_between(self, start: date, end: date) -> Rows:
        """Findings of the current reports dated from `start` to `end`."""
        return self._rows(
            sa.select(*_FINDING)
            .select_from(S.findings.join(S.reports, r.report_id == f.report_id))
            .where(_CURRENT, r.meeting_date.between(start.isoformat(), end.isoformat()))
        )

    def findings_of_reports(self, report_ids: Sequence[int]) -> Rows:
        """Findings of these reports."""
        ids = [int(i) for i in report_ids]
        return self._rows(sa.select(*_FINDING).where(among(f.report_id, ids)))

    def file_findings(self, run_ids: Sequence[int]) -> Rows:
        """Findings about whole files (unreadable ones) of these runs, with their run."""
        ids = [int(i) for i in run_ids]
        return self._rows(
            sa.select(*_FINDING, f.run_id).where(f.report_id.is_(None), among(f.run_id, ids))
        )
