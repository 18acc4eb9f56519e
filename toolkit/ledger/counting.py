"""Which report of a meeting counts: one rule, written once in SQL (window functions that
SQLite and PostgreSQL read alike), that the ingest, the settlements and every summary use.

A meeting is a council and a date (R7). Among its reports that HQ has not withdrawn and
that were received up to the as-of day, the one that counts is, in this order:

1. the one HQ kept (`kyogikai settle --keep`; the latest such decision among them);
2. one without an error rather than one with an error — so a corrected resubmission that
   arrives in the same run as the erroneous original never loses to it by path order;
3. the one received last (receipt day, then the file's modification time);
4. the one stored last.

A report without a council or a date is a meeting of its own. Because the rule is applied
at the as-of day of whoever asks, a summary made "as of" an earlier day counts what had
arrived by then, and a settlement made today is followed by every summary made after it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from toolkit.ledger.store import run_many, run_sql

NO_CUTOFF = "9999-12-31"

# One window per meeting; a report without council or date is alone in its own.
MEETING_WINDOW = (
    "PARTITION BY r.council_key, r.meeting_date,"
    " CASE WHEN r.council_key IS NULL OR r.meeting_date IS NULL THEN r.report_id END"
)
PREFERENCE = (
    "CASE WHEN s.action = 'keep' THEN s.settlement_id ELSE 0 END DESC,"
    " CASE WHEN r.n_errors > 0 THEN 1 ELSE 0 END,"
    " coalesce(f.received_on, '') DESC, coalesce(f.modified_at, '') DESC, r.report_id DESC"
)
# The reports that take part: not withdrawn, received up to the as-of day (one parameter).
CANDIDATES = (
    "FROM reports r JOIN files f ON f.sha256 = r.sha256"
    " LEFT JOIN settled s ON s.sha256 = r.sha256"
    " WHERE (s.action IS NULL OR s.action <> 'withdraw')"
    " AND (f.received_on IS NULL OR f.received_on <= ?)"
)


def cutoff(as_of: date | None) -> str:
    """The as-of day as the queries compare it (None: no cut-off)."""
    return as_of.isoformat() if as_of is not None else NO_CUTOFF


def ranked(extra: str = "") -> str:
    """Every candidate report with its place in its meeting (1: the one that counts), the
    number of candidates of the meeting, and the first day any of them was received.
    Parameters: the as-of day, then those of `extra` (more conditions, `AND …`)."""
    return (
        "SELECT r.report_id, r.council_key, r.meeting_date,"
        f" ROW_NUMBER() OVER (meeting ORDER BY {PREFERENCE}) AS place,"
        " COUNT(*) OVER (meeting) AS reports_of_meeting,"
        " MIN(f.received_on) OVER (meeting) AS first_received"
        f" {CANDIDATES} {extra} WINDOW meeting AS ({MEETING_WINDOW})"
    )


def counted(extra: str = "") -> str:
    """A subquery (`report_id`, `first_received`) of the reports that count. Parameters as
    for `ranked`. `extra` may narrow only by what all reports of a meeting share (its date,
    or having none): the choice inside each meeting is then the same. A condition on what a
    report holds (its errors) must filter the result instead, or it would change the
    choice.

    `place <= 1`, not `place = 1`: the same rows, but PostgreSQL guesses that an equality
    on a window function's result keeps half a percent of the rows (a third for a range),
    when nearly every report counts; on that guess it joined the reports with them by a
    nested loop, quadratic in their number (a ledger not yet analysed: 3.9 s instead of
    0.1 s for 5,000 reports received in a year)."""
    return f"(SELECT report_id, first_received FROM ({ranked(extra)}) ranked WHERE place <= 1)"


def reconcile(conn: sa.Connection, meetings: str, params: tuple[Any, ...]) -> int:
    """Point `superseded_by` of every report of the meetings that `meetings` selects
    (council_key, meeting_date) at the report that counts now instead of it (NULL for the
    one that counts, and for withdrawn reports of a meeting where none counts). Returns
    how many reports of those meetings no longer count (new ones included: a report that
    arrives with its correction in one run is replaced too). Inside a transaction."""
    withdrawn = "CASE WHEN s.action = 'withdraw' THEN 1 ELSE 0 END"
    order = f"meeting ORDER BY {withdrawn}, {PREFERENCE}"
    rows = run_sql(
        conn,
        f"SELECT r.report_id, r.superseded_by, FIRST_VALUE(r.report_id) OVER ({order}),"
        f" FIRST_VALUE({withdrawn}) OVER ({order})"
        " FROM reports r JOIN files f ON f.sha256 = r.sha256"
        " LEFT JOIN settled s ON s.sha256 = r.sha256"
        f" WHERE (r.council_key, r.meeting_date) IN ({meetings})"
        f" WINDOW meeting AS ({MEETING_WINDOW})",
        params,
    ).all()
    changes: list[tuple[int | None, int]] = []
    stopped = 0
    for report_id, old, first, none_counts in (tuple(row) for row in rows):
        new = None if none_counts or first == report_id else first
        if new != old:
            changes.append((new, report_id))
            stopped += old is None and new is not None
    run_many(conn, "UPDATE reports SET superseded_by=? WHERE report_id=?", changes)
    return stopped
