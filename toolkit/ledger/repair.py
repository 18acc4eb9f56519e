"""Repairing dates no run could have recorded.

Earlier versions took `--as-of` as given: `month --as-of 9999-12-31` recorded that day as
the receipt day of the files it took in (and migration 7 copied it to each file), and
every later retention stopped on it. A receipt day (`runs.received_on`,
`files.received_on`, `receipts.received_on`) or an output's day (`outputs.as_of`) is
impossible when it cannot be read, falls before the earliest day this program works on,
or lies after the day its run actually happened by more than the clock's margin;
`repair_dates` replaces each with the day the run happened (`started_at`, `set_at`,
`written_at`), the one date the ledger knows for certain. Nothing else is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

import toolkit.ledger.schema as S
from toolkit.clock import EARLIEST, FUTURE_MARGIN
from toolkit.ledger.store import LedgerStore

RECEIPT, FILE_RECEIPT, GIVEN, OUTPUT = "受付日", "ファイルの受付日", "受付日の記録", "出力の作成日"


@dataclass(frozen=True)
class DateFix:
    """One impossible date and the day that replaces it."""

    what: str  # RECEIPT (of a run), FILE_RECEIPT, GIVEN (a receipts row) or OUTPUT
    row_id: int | str  # run_id, the file's SHA-256, receipt_id or output_id
    found: str
    fixed: str
    subject: str  # the run's command, or the output's path


class Repairing(LedgerStore):
    """The ledger's date repair."""

    def date_problems(self) -> list[DateFix]:
        """Every impossible receipt day and output day, with its replacement."""
        u, f, g, o = S.runs.c, S.files.c, S.receipts.c, S.outputs.c
        out = []
        with self.snapshot() as conn:
            runs = conn.execute(
                sa.select(u.run_id, u.received_on, u.started_at, u.command)
                .where(u.received_on.is_not(None))
                .order_by(u.run_id)
            ).all()
            files = conn.execute(
                sa.select(f.sha256, f.received_on, u.started_at, f.first_path)
                .select_from(S.files.join(S.runs, u.run_id == f.first_run))
                .where(f.received_on.is_not(None))
                .order_by(f.first_run, f.sha256)
            ).all()
            given = conn.execute(
                sa.select(g.receipt_id, g.received_on, g.set_at, g.sha256).order_by(g.receipt_id)
            ).all()
            outputs = conn.execute(
                sa.select(o.output_id, o.as_of, o.written_at, o.path).order_by(o.output_id)
            ).all()
        for run_id, received, started, command in runs:
            fixed = _replacement(received, started)
            if fixed is not None:
                out.append(DateFix(RECEIPT, int(run_id), str(received), fixed, command))
        for sha, received, started, path in files:
            fixed = _replacement(received, started)
            if fixed is not None:
                out.append(DateFix(FILE_RECEIPT, str(sha), str(received), fixed, path))
        for receipt_id, received, set_at, sha in given:
            fixed = _replacement(received, set_at)
            if fixed is not None:
                out.append(DateFix(GIVEN, int(receipt_id), str(received), fixed, sha))
        for output_id, as_of, written, path in outputs:
            fixed = _replacement(as_of, written)
            if fixed is not None:
                out.append(DateFix(OUTPUT, int(output_id), str(as_of), fixed, path))
        return out

    def repair_dates(self, fixes: Sequence[DateFix]) -> None:
        """Write the replacements, in one transaction."""
        places = (
            (RECEIPT, S.runs, S.runs.c.run_id, "received_on"),
            (FILE_RECEIPT, S.files, S.files.c.sha256, "received_on"),
            (GIVEN, S.receipts, S.receipts.c.receipt_id, "received_on"),
            (OUTPUT, S.outputs, S.outputs.c.output_id, "as_of"),
        )
        with self.transaction() as conn:
            for what, table, key, column in places:
                rows = [{"key": f.row_id, column: f.fixed} for f in fixes if f.what == what]
                if rows:
                    conn.execute(table.update().where(key == sa.bindparam("key")), rows)


def _replacement(recorded: object, happened: object) -> str | None:
    """The day to write instead of `recorded`, or None when it is possible."""
    try:
        ran = date.fromisoformat(str(happened)[:10])
    except ValueError:
        return None  # the run's own time is unreadable: nothing certain to put instead
    try:
        day = date.fromisoformat(str(recorded))
    except ValueError:
        return ran.isoformat()
    if day < EARLIEST or day > ran + FUTURE_MARGIN:
        return ran.isoformat()
    return None
