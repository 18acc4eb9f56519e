"""The steps of HQ's monthly job, as the ledger remembers them (table `steps`).

`kyogikai month` is a job of several steps: the ingest, one feedback copy per file with
findings, the summary, the reminders (and layout proofs). Each is recorded here when it
is planned (pending), done (with the file it wrote) or failed (with the reason), so that
the next run redoes what failed or was interrupted and tells the user what is left. A step
is known by its working folder, month, kind and subject (a file's SHA-256 for its feedback
copy; '' for a step done once a month). `shown` says that a finished run has told the user
about the step's output; a step recorded again is shown again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.ledger.store import LedgerStore, now

PENDING, DONE, FAILED = "pending", "done", "failed"
INGEST, FEEDBACK, SUMMARY, REMIND, PROOF = "ingest", "feedback", "summary", "remind", "proof"

_COLUMNS = "workspace, period, kind, subject, state, output, problem, run_id, shown"


@dataclass(frozen=True)
class Step:
    """One step of a month's job in one working folder."""

    workspace: str
    period: str  # the month: 2026-10
    kind: str
    subject: str = ""
    state: str = PENDING
    output: str | None = None  # the file the step wrote
    problem: str | None = None  # why it failed (Japanese)
    run_id: int | None = None  # the run that last recorded it
    shown: bool = False

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.workspace, self.period, self.kind, self.subject)


class Stepping(LedgerStore):
    """The ledger's record of the monthly job's steps."""

    def record_steps(self, steps: Iterable[Step]) -> None:
        """Record each step as it now stands (inside a transaction already open, as part
        of it): a step recorded again replaces what was known of it and is not shown yet."""
        rows = [(*s.key, s.state, s.output, s.problem, s.run_id, now()) for s in steps]
        if not rows:
            return
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO steps (workspace, period, kind, subject, state, output, problem,"
                " run_id, updated_at) VALUES (?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (workspace, period, kind, subject) DO UPDATE SET"
                " state = excluded.state, output = excluded.output,"
                " problem = excluded.problem,"
                " run_id = coalesce(excluded.run_id, steps.run_id),"
                " updated_at = excluded.updated_at, shown = 0",
                rows,
            )

    def steps(
        self,
        workspace: str,
        *,
        states: Sequence[str] = (),
        kinds: Sequence[str] = (),
        period: str | None = None,
    ) -> list[Step]:
        """The steps of a working folder (of those states, kinds and month when given),
        oldest first."""
        sql = f"SELECT {_COLUMNS} FROM steps WHERE workspace = ?"
        params: list[object] = [workspace]
        for column, values in (("state", states), ("kind", kinds)):
            if values:
                sql += f" AND {column} IN ({','.join('?' * len(values))})"
                params += list(values)
        if period is not None:
            sql += " AND period = ?"
            params.append(period)
        rows = self.connection.execute(sql + " ORDER BY step_id", params).fetchall()
        return [
            Step(w, p, k, s, state, out, problem, run, bool(shown))
            for w, p, k, s, state, out, problem, run, shown in rows
        ]

    def first_path(self, sha256: str) -> str | None:
        """The path a file was first taken in from, or None for a file never taken in."""
        row = self.connection.execute(
            "SELECT first_path FROM files WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return None if row is None else str(row[0])

    def workspaces(self) -> set[str]:
        """Every working folder the ledger holds steps or outputs of."""
        rows = self.connection.execute(
            "SELECT workspace FROM steps UNION SELECT workspace FROM outputs"
            " WHERE workspace IS NOT NULL"
        )
        return {str(w) for (w,) in rows if w is not None}

    def adopt(self, old: str, new: str) -> None:
        """Make the steps and outputs of the working folder `old` those of `new` (the same
        folder, moved): their paths under `old` are moved under `new`."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE steps SET workspace = ? WHERE workspace = ? AND NOT EXISTS ("
                "SELECT 1 FROM steps s2 WHERE s2.workspace = ? AND s2.period = steps.period"
                " AND s2.kind = steps.kind AND s2.subject = steps.subject)",
                (new, old, new),
            )
            conn.execute("DELETE FROM steps WHERE workspace = ?", (old,))
            steps = conn.execute(
                "SELECT step_id, output FROM steps WHERE workspace = ? AND output IS NOT NULL",
                (new,),
            ).fetchall()
            conn.executemany(
                "UPDATE steps SET output = ? WHERE step_id = ?",
                [(_rebased(out, old, new), step) for step, out in steps],
            )
            outputs = conn.execute(
                "SELECT output_id, path FROM outputs WHERE workspace = ?", (old,)
            ).fetchall()
            conn.executemany(
                "UPDATE outputs SET workspace = ?, path = ? WHERE output_id = ?",
                [(new, _rebased(path, old, new), output) for output, path in outputs],
            )

    def mark_shown(self, steps: Iterable[Step]) -> None:
        """Remember that the user has been told about these steps' outputs."""
        keys = [s.key for s in steps]
        if not keys:
            return
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE steps SET shown = 1"
                " WHERE workspace = ? AND period = ? AND kind = ? AND subject = ?",
                keys,
            )


def _rebased(path: str, old: str, new: str) -> str:
    """`path` under the folder `new` where it was under `old`; any other path as it is."""
    try:
        return str(Path(new) / Path(path).relative_to(old))
    except ValueError:
        return path
