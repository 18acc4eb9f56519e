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

import sqlalchemy as sa

import toolkit.ledger.schema as S
from toolkit.ledger.store import LedgerStore, next_id, now

PENDING, DONE, FAILED = "pending", "done", "failed"
INGEST, FEEDBACK, SUMMARY, REMIND, PROOF = "ingest", "feedback", "summary", "remind", "proof"

_c = S.steps.c
_KEY = (_c.workspace, _c.period, _c.kind, _c.subject)


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
        of it): a step recorded again replaces what was known of it and is not shown yet.

        Writers hold the ledger's write lock, so a step is looked up and then updated or
        added with no other run in between (the same on both engines, no dialect's upsert).
        """
        latest = {s.key: s for s in steps}  # the last word on each step
        if not latest:
            return
        with self.transaction() as conn:
            known = {
                tuple(row[:4]): (row[4], row[5])
                for row in conn.execute(
                    sa.select(*_KEY, _c.step_id, _c.run_id).where(
                        _c.workspace.in_({k[0] for k in latest}),
                        _c.period.in_({k[1] for k in latest}),
                    )
                )
            }
            stamp, first = now(), next_id(conn, _c.step_id)
            updates: list[dict[str, object]] = []
            inserts: list[dict[str, object]] = []
            for key, s in latest.items():
                values = {"state": s.state, "output": s.output, "problem": s.problem,
                          "updated_at": stamp, "shown": 0}  # fmt: skip
                if key in known:
                    step_id, run_id = known[key]
                    updates.append({**values, "sid": step_id, "run_id": s.run_id or run_id})
                else:
                    step_id = first + len(inserts)
                    inserts.append(
                        {**values, "step_id": step_id, "workspace": s.workspace, "period": s.period,
                         "kind": s.kind, "subject": s.subject, "run_id": s.run_id}
                    )  # fmt: skip
            if updates:
                conn.execute(S.steps.update().where(_c.step_id == sa.bindparam("sid")), updates)
            if inserts:
                conn.execute(S.steps.insert(), inserts)

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
        query = sa.select(*_KEY, _c.state, _c.output, _c.problem, _c.run_id, _c.shown).where(
            _c.workspace == workspace
        )
        if states:
            query = query.where(_c.state.in_(list(states)))
        if kinds:
            query = query.where(_c.kind.in_(list(kinds)))
        if period is not None:
            query = query.where(_c.period == period)
        with self.snapshot() as conn:
            rows = conn.execute(query.order_by(_c.step_id)).all()
        return [
            Step(w, p, k, s, state, out, problem, run, bool(shown))
            for w, p, k, s, state, out, problem, run, shown in rows
        ]

    def first_path(self, sha256: str) -> str | None:
        """The path a file was first taken in from, or None for a file never taken in."""
        f = S.files.c
        with self.snapshot() as conn:
            found = conn.execute(sa.select(f.first_path).where(f.sha256 == sha256)).scalar()
        return None if found is None else str(found)

    def workspaces(self) -> set[str]:
        """Every working folder the ledger holds steps or outputs of."""
        o = S.outputs.c
        query = sa.union(
            sa.select(_c.workspace), sa.select(o.workspace).where(o.workspace.is_not(None))
        )
        with self.snapshot() as conn:
            return {str(w) for (w,) in conn.execute(query) if w is not None}

    def adopt(self, old: str, new: str) -> None:
        """Make the steps and outputs of the working folder `old` those of `new` (the same
        folder, moved): their paths under `old` are moved under `new`."""
        o = S.outputs.c
        mine = S.steps.alias("mine")
        taken = (
            sa.select(sa.literal(1))
            .where(
                mine.c.workspace == new, mine.c.period == _c.period,
                mine.c.kind == _c.kind, mine.c.subject == _c.subject,
            )
            .exists()
        )  # fmt: skip
        with self.transaction() as conn:
            conn.execute(S.steps.update().where(_c.workspace == old, ~taken).values(workspace=new))
            conn.execute(S.steps.delete().where(_c.workspace == old))
            steps = conn.execute(
                sa.select(_c.step_id, _c.output).where(_c.workspace == new, _c.output.is_not(None))
            ).all()
            if steps:
                conn.execute(
                    S.steps.update()
                    .where(_c.step_id == sa.bindparam("sid"))
                    .values(output=sa.bindparam("out")),
                    [{"sid": step, "out": _rebased(out, old, new)} for step, out in steps],
                )
            outputs = conn.execute(sa.select(o.output_id, o.path).where(o.workspace == old)).all()
            if outputs:
                conn.execute(
                    S.outputs.update()
                    .where(o.output_id == sa.bindparam("oid"))
                    .values(workspace=new, path=sa.bindparam("p")),
                    [{"oid": oid, "p": _rebased(path, old, new)} for oid, path in outputs],
                )

    def mark_shown(self, steps: Iterable[Step]) -> None:
        """Remember that the user has been told about these steps' outputs."""
        keys = [s.key for s in steps]
        if not keys:
            return
        with self.transaction() as conn:
            conn.execute(
                S.steps.update()
                .where(
                    _c.workspace == sa.bindparam("w"), _c.period == sa.bindparam("p"),
                    _c.kind == sa.bindparam("k"), _c.subject == sa.bindparam("s"),
                )
                .values(shown=1),
                [{"w": w, "p": p, "k": k, "s": s} for w, p, k, s in keys],
            )  # fmt: skip


def _rebased(path: str, old: str, new: str) -> str:
    """`path` under the folder `new` where it was under `old`; any other path as it is."""
    try:
        return str(Path(new) / Path(path).relative_to(old))
    except ValueError:
        return path
