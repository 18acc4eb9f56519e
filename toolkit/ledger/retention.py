"""Retention (2(9): 本様式は，１年保存とする).

A report is kept until 31 March of (fiscal year of its meeting) + 1 + years
(`toolkit.fiscal.keep_until`). `purge` removes the archived file and every free text of
the report (discussion, requests and responses, officers, reporter, phone, venue,
reference, agenda topics and remarks, and the finding messages that quote them) but keeps
the report row with its counts, dates and categories, marked purged: the statistics of past
fiscal years stay right while no personal data outlives the document it came from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import toolkit.ledger.schema as S
from toolkit import __version__
from toolkit.clock import check_recorded, plausible_problem
from toolkit.errors import os_error_text
from toolkit.fileio import FileLockedError, remove
from toolkit.findings import CATALOGUE
from toolkit.fiscal import keep_until
from toolkit.ledger.store import LedgerError, LedgerStore, next_id, now

PURGED_TEXT = "（保存期間経過のため削除）"


def resolved(path: Path) -> Path:
    """`path` made absolute with its links and `..` resolved (as far as it exists)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


@dataclass(frozen=True)
class Expired:
    """A report (or an unreadable file, `report_id` None) past its retention date."""

    sha256: str
    report_id: int | None
    path: str
    sheet: str | None
    meeting_date: date | None
    keep_until: date
    received: date | None = None
    not_answered: int = 0  # requests still open or pending: listed before a purge


@dataclass(frozen=True)
class ExpiredOutput:
    """A workbook kyogikai wrote (a summary, a feedback copy, a station list, a roster) and
    recorded, with the day its report text outlives its retention period."""

    output_id: int
    kind: str
    path: str  # absolute and resolved (rows of earlier versions: as typed, relative)
    written_on: date
    keep_until: date
    workspace: str | None = None  # the working folder whose command wrote it


class Retaining(LedgerStore):
    """The ledger's retention."""

    def expired(self, as_of: date, years: int) -> list[Expired]:
        """Reports and unreadable files whose retention ended before `as_of`, not yet purged.

        The period counts from the later of the meeting and the day the report was
        received: a report that arrives late (or with a mistyped year, 2016 for 2026) is
        kept its full period from its receipt. An undated report, or an unreadable file,
        counts from the day it was received.
        """
        r, u, q, f = S.reports.c, S.runs.c, S.requests.c, S.files.c
        received = sa.func.coalesce(u.received_on, sa.func.substr(u.started_at, 1, 10))
        state = sa.func.coalesce(q.state, sa.case((q.answered != 0, "answered"), else_="open"))
        waiting = (
            sa.select(sa.func.count())
            .select_from(S.requests)
            .where(q.report_id == r.report_id, state != "answered")
            .scalar_subquery()
        )
        out: list[Expired] = []
        with self.snapshot() as conn:
            rows = conn.execute(
                sa.select(r.sha256, r.report_id, r.path, r.sheet, r.meeting_date, received, waiting)
                .select_from(S.reports.join(S.runs, u.run_id == r.run_id))
                .where(r.purged_run.is_(None))
                .order_by(r.report_id)
            )
            for sha, report_id, path, sheet, meeting, got_on, n in rows:
                day = _meeting_day(meeting)
                got = stored_day(got_on, "受付日")
                until = _kept_until(max(day, got) if day else got, years)
                if as_of > until:
                    out.append(Expired(sha, report_id, path, sheet, day, until, got, int(n)))
            files = conn.execute(
                sa.select(f.sha256, f.first_path, received)
                .select_from(S.files.join(S.runs, u.run_id == f.first_run))
                .where(f.readable == 0, f.archive_removed_run.is_(None))
                .order_by(f.sha256)
            )
            for sha, path, got_on in files:
                got = stored_day(got_on, "受付日")
                until = _kept_until(got, years)
                if as_of > until:
                    out.append(Expired(sha, None, path, None, None, until, got))
        return out

    def record_outputs(
        self, kind: str, paths: Sequence[Path], as_of: date, *, workspace: Path | None = None
    ) -> None:
        """Remember workbooks this program wrote that hold report text (or members'
        names), so that retention can list them for deletion when that text has outlived
        its period. Each is recorded by its absolute, resolved path, with the working folder
        (`workspace`, the folder of its kyogikai.toml) of the command that wrote it."""
        if not paths:
            return
        home = None if workspace is None else str(resolved(workspace))
        with self.transaction() as conn:
            first = next_id(conn, S.outputs.c.output_id)
            conn.execute(
                S.outputs.insert(),
                [
                    {"output_id": first + i, "kind": kind, "path": str(resolved(p)),
                     "written_at": now(), "as_of": as_of.isoformat(), "workspace": home}
                    for i, p in enumerate(paths)
                ],
            )  # fmt: skip

    def recorded_outputs(self, years: int) -> list[ExpiredOutput]:
        """Every recorded output not yet settled by retention, oldest first, with the day
        its text outlives its period (counted from the day it was written)."""
        o = S.outputs.c
        with self.snapshot() as conn:
            rows = conn.execute(
                sa.select(o.output_id, o.kind, o.path, o.as_of, o.workspace)
                .where(o.removed_run.is_(None))
                .order_by(o.output_id)
            ).all()
        out = []
        for output_id, kind, path, written, workspace in rows:
            day = stored_day(written, "出力の作成日")
            out.append(
                ExpiredOutput(int(output_id), kind, path, day, _kept_until(day, years), workspace)
            )
        return out

    def purge(
        self,
        expired: Sequence[Expired],
        as_of: date,
        outputs: Sequence[tuple[ExpiredOutput, str]] = (),
        *,
        run_id: int | None = None,
    ) -> int:
        """Purge what `expired` lists; returns how many reports and files were purged.

        Each report keeps its row (counted in statistics, marked purged) but loses its
        free text. A file's archive copy is deleted once no unpurged report comes from it
        (on a server, its bytes in the same transaction); its SHA-256 stays known, so the
        same bytes are never taken in (or archived) again. `outputs` are the recorded
        outputs retention has settled, each with what became of it (deleted, missing,
        replaced…): the caller deletes the files, the ledger records it. The purge is
        recorded as a run of command "retention" (`run_id`, when the caller has recorded
        it) with one `purges` row each. A day after today (beyond the clock's margin) is
        refused before anything.
        """
        check_recorded(as_of, "--as-of")
        if not expired and not outputs:
            return 0
        outer = self.connection.in_transaction()
        with self.transaction() as conn:
            stamp = now()
            if run_id is None:
                run_id = self.retention_run()
            ids = [e.report_id for e in expired if e.report_id is not None]
            self._strip_reports(conn, ids, run_id)
            shas = sorted({e.sha256 for e in expired})
            removable = self._removable(conn, shas)
            f, o = S.files.c, S.outputs.c
            if removable:
                conn.execute(
                    S.files.update().where(f.sha256 == sa.bindparam("sha")),
                    [{"sha": sha, "archive_removed_run": run_id} for sha in sorted(removable)],
                )
            if expired:
                conn.execute(
                    S.purges.insert(),
                    [
                        {"run_id": run_id, "sha256": e.sha256, "report_id": e.report_id,
                         "purged_at": stamp, "as_of": as_of.isoformat(),
                         "keep_until": e.keep_until.isoformat(),
                         "archive_removed": int(e.sha256 in removable)}
                        for e in expired
                    ],
                )  # fmt: skip
            if outputs:
                conn.execute(
                    S.outputs.update().where(o.output_id == sa.bindparam("oid")),
                    [
                        {"oid": x.output_id, "removed_run": run_id, "outcome": outcome}
                        for x, outcome in outputs
                    ],
                )
            if self.server:  # the bytes go with the transaction that says they are gone
                conn.execute(
                    S.archived.delete().where(
                        S.archived.c.sha256.in_(
                            sa.select(f.sha256).where(f.archive_removed_run.is_not(None))
                        )
                    )
                )
            conn.execute(
                S.runs.update()
                .where(S.runs.c.run_id == run_id)
                .values(finished_at=now(), reports=len(ids))
            )
        # Deleted after the commit (by the caller, when the purge is part of its own
        # transaction): a crash in between leaves files that the next purge sweeps, never
        # a ledger that points at a deleted file it still needs.
        if not outer:
            self.sweep_archive()
        return len(expired)

    def retention_run(self) -> int:
        """Record a retention run (inside the caller's transaction) and return its id: a
        ledger that cannot be written fails here, before anything is deleted."""
        with self.transaction() as conn:
            run_id = next_id(conn, S.runs.c.run_id)
            conn.execute(
                S.runs.insert().values(
                    run_id=run_id, command="retention", started_at=now(), tool_version=__version__
                )
            )
        return run_id

    def purged_files(self) -> frozenset[str]:
        """The SHA-256 of every file whose archive copy retention removed: never kept
        again, whoever sends the same bytes."""
        f = S.files.c
        with self.snapshot() as conn:
            rows = conn.execute(sa.select(f.sha256).where(f.archive_removed_run.is_not(None)))
            return frozenset(str(sha) for (sha,) in rows)

    def _strip_reports(self, conn: sa.Connection, ids: list[int], run_id: int) -> None:
        r, a, q, f = S.reports.c, S.agenda.c, S.requests.c, S.findings.c
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            records = conn.execute(
                sa.select(r.report_id, r.record).where(r.report_id.in_(chunk))
            ).all()
            conn.execute(
                S.reports.update().where(r.report_id == sa.bindparam("rid")),
                [
                    {"rid": rid, "purged_run": run_id, "record": _stripped_record(record),
                     "reporter": None, "venue": None}
                    for rid, record in records
                ],
            )  # fmt: skip
            conn.execute(
                S.agenda.update().where(a.report_id.in_(chunk)).values(topic=None, remarks=None)
            )
            conn.execute(
                S.requests.update()
                .where(q.report_id.in_(chunk))
                .values(request=None, response=None)
            )
            codes = conn.execute(
                sa.select(f.code).distinct().where(f.report_id.in_(chunk))
            ).scalars()
            for code in list(codes):
                title = CATALOGUE[code].title if code in CATALOGUE else ""
                conn.execute(
                    S.findings.update()
                    .where(f.code == code, f.report_id.in_(chunk))
                    .values(message=f"{title}{PURGED_TEXT}")
                )

    def _removable(self, conn: sa.Connection, shas: list[str]) -> set[str]:
        """Files whose every report is purged (after this purge's updates)."""
        r = S.reports.c
        out: set[str] = set()
        for start in range(0, len(shas), 500):
            chunk = shas[start : start + 500]
            kept = set(
                conn.execute(
                    sa.select(r.sha256)
                    .distinct()
                    .where(r.sha256.in_(chunk), r.purged_run.is_(None))
                ).scalars()
            )
            out.update(sha for sha in chunk if sha not in kept)
        return out

    def sweep_archive(self) -> list[str]:
        """Delete the archive copies retention has removed from the ledger; returns why
        each that could not be deleted was not (each is tried again by the next purge)."""
        if self.archive is None:
            return []
        f = S.files.c
        with self.snapshot() as conn:
            names = list(
                conn.execute(
                    sa.select(f.archive).where(
                        f.archive_removed_run.is_not(None), f.archive.is_not(None)
                    )
                ).scalars()
            )
        failed: list[str] = []
        for name in names:
            try:
                remove(self.archive / name)  # waits a moment for a program that holds it
            except FileLockedError as exc:
                failed.append(str(exc))
            except OSError as exc:
                failed.append(os_error_text(exc))
        return failed


REPAIR_HINT = "kyogikai ledger repair で台帳の日付を直してから、もう一度実行してください。"


def stored_day(text: str | None, what: str) -> date:
    """A day the ledger recorded (a receipt day, the day an output was written); a day no
    run could have recorded (9999-12-31 from an unchecked --as-of of an earlier version)
    stops the command with the repair to run (exit 3), never a traceback."""
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        raise LedgerError(
            f"台帳に読めない{what}「{text}」が記録されています。{REPAIR_HINT}"
        ) from None
    if plausible_problem(day) is not None:
        raise LedgerError(
            f"台帳に正しくない{what} {day.isoformat()} が記録されています。{REPAIR_HINT}"
        )
    return day


def _meeting_day(text: str | None) -> date | None:
    """A meeting day as stored (what the report said)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _kept_until(day: date, years: int) -> date:
    """`keep_until`, for any day a report may say (9999-12-31 is kept for ever, not a
    crash)."""
    try:
        return keep_until(day, years)
    except (ValueError, OverflowError):
        return date.max


def _stripped_record(record: str) -> str:
    """The record JSON without free text: what may outlive the retention period."""
    data: dict[str, Any] = json.loads(record)
    for key in ("reporter", "phone", "venue", "discussion", "reference"):
        data[key] = None
    data["officers"] = []
    data["agenda"] = [
        {"category": item.get("category"), "topic": None, "remarks": None}
        for item in data.get("agenda", [])
    ]
    data["requests"] = [
        {"request": None, "response": None, "answered": bool(item.get("response"))}
        for item in data.get("requests", [])
    ]
    data["purged"] = True
    return json.dumps(data, ensure_ascii=False)
