"""Retention (2(9): 本様式は，１年保存とする).

A report is kept until 31 March of (fiscal year of its meeting) + 1 + years
(`toolkit.fiscal.keep_until`). `purge` removes the archived file and every free text of
the report (discussion, requests and responses, officers, reporter, phone, venue,
reference, agenda topics and remarks, and the finding messages that quote them) but keeps
the report row with its counts, dates and categories, marked purged: the statistics of past
fiscal years stay right while no personal data outlives the document it came from.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.fileio import output_kind
from toolkit.findings import CATALOGUE
from toolkit.fiscal import keep_until
from toolkit.ledger.store import LedgerStore, now

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
    """A workbook kyogikai wrote (a summary, a feedback copy, a station list) whose report
    text has outlived its retention period."""

    output_id: int
    kind: str
    path: str
    written_on: date
    keep_until: date


class Retaining(LedgerStore):
    """The ledger's retention."""

    def expired(self, as_of: date, years: int) -> list[Expired]:
        """Reports and unreadable files whose retention ended before `as_of`, not yet purged.

        The period counts from the later of the meeting and the day the report was
        received: a report that arrives late (or with a mistyped year, 2016 for 2026) is
        kept its full period from its receipt. An undated report, or an unreadable file,
        counts from the day it was received.
        """
        out: list[Expired] = []
        rows = self.connection.execute(
            "SELECT r.sha256, r.report_id, r.path, r.sheet, r.meeting_date,"
            " coalesce(u.received_on, substr(u.started_at, 1, 10)),"
            " (SELECT count(*) FROM requests q WHERE q.report_id = r.report_id"
            "  AND coalesce(q.state, CASE WHEN q.answered THEN 'answered' ELSE 'open' END)"
            "  <> 'answered')"
            " FROM reports r JOIN runs u ON u.run_id = r.run_id"
            " WHERE r.purged_run IS NULL ORDER BY r.report_id"
        )
        for sha, report_id, path, sheet, meeting, received, waiting in rows:
            day = date.fromisoformat(meeting) if meeting else None
            got = date.fromisoformat(received)
            until = keep_until(max(day, got) if day else got, years)
            if as_of > until:
                out.append(Expired(sha, report_id, path, sheet, day, until, got, int(waiting)))
        files = self.connection.execute(
            "SELECT f.sha256, f.first_path, coalesce(u.received_on, substr(u.started_at, 1, 10))"
            " FROM files f JOIN runs u ON u.run_id = f.first_run"
            " WHERE f.readable = 0 AND f.archive_removed_run IS NULL ORDER BY f.sha256"
        )
        for sha, path, received in files:
            got = date.fromisoformat(received)
            until = keep_until(got, years)
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
            conn.executemany(
                "INSERT INTO outputs (kind, path, written_at, as_of, workspace) VALUES (?,?,?,?,?)",
                [(kind, str(resolved(p)), now(), as_of.isoformat(), home) for p in paths],
            )

    def expired_outputs(self, as_of: date, years: int) -> list[ExpiredOutput]:
        """Recorded outputs past the retention period of the report text they hold
        (counted from the day they were written), not yet removed."""
        out = []
        rows = self.connection.execute(
            "SELECT output_id, kind, path, as_of FROM outputs WHERE removed_run IS NULL"
            " ORDER BY output_id"
        )
        for output_id, kind, path, written in rows:
            day = date.fromisoformat(written)
            until = keep_until(day, years)
            if as_of > until:
                out.append(ExpiredOutput(int(output_id), kind, path, day, until))
        return out

    def forget_outputs(self, outputs: Sequence[ExpiredOutput], run_id: int) -> None:
        """Mark outputs as removed by the retention run `run_id` (inside its transaction)."""
        self.connection.executemany(
            "UPDATE outputs SET removed_run=? WHERE output_id=?",
            [(run_id, o.output_id) for o in outputs],
        )

    def purge(
        self,
        expired: Sequence[Expired],
        as_of: date,
        outputs: Sequence[ExpiredOutput] = (),
    ) -> int:
        """Purge what `expired` lists; returns how many reports and files were purged.

        Each report keeps its row (counted in statistics, marked purged) but loses its
        free text. A file's archive copy is deleted once no unpurged report comes from it.
        Each listed output is deleted when it is still a workbook this program wrote (a
        file put in its place since is left alone). The purge is recorded as a run of
        command "retention" with one `purges` row each.
        """
        if not expired and not outputs:
            return 0
        conn = self.connection
        self._begin()
        try:
            stamp = now()
            run_id = int(
                conn.execute(
                    "INSERT INTO runs (command, started_at, tool_version) VALUES (?,?,?)",
                    ("retention", stamp, __version__),
                ).lastrowid
                or 0
            )
            ids = [e.report_id for e in expired if e.report_id is not None]
            self._strip_reports(ids, run_id)
            shas = sorted({e.sha256 for e in expired})
            removable = self._removable(shas)
            conn.executemany(
                "UPDATE files SET archive_removed_run=? WHERE sha256=?",
                [(run_id, sha) for sha in removable],
            )
            conn.executemany(
                "INSERT INTO purges (run_id, sha256, report_id, purged_at, as_of, keep_until,"
                " archive_removed) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        run_id,
                        e.sha256,
                        e.report_id,
                        stamp,
                        as_of.isoformat(),
                        e.keep_until.isoformat(),
                        int(e.sha256 in removable),
                    )
                    for e in expired
                ],
            )
            self.forget_outputs(outputs, run_id)
            conn.execute(
                "UPDATE runs SET finished_at=?, reports=? WHERE run_id=?",
                (now(), len(ids), run_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        # Deleted after the commit: a crash in between leaves files that the next purge
        # sweeps (below), never a ledger that points at a deleted file it still needs.
        self._sweep_archive()
        for output in outputs:
            path = Path(output.path)
            if output_kind(path) is not None:
                with contextlib.suppress(OSError):
                    path.unlink()
        return len(expired)

    def _strip_reports(self, ids: list[int], run_id: int) -> None:
        conn = self.connection
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            records = conn.execute(
                f"SELECT report_id, record FROM reports WHERE report_id IN ({marks})", chunk
            ).fetchall()
            conn.executemany(
                "UPDATE reports SET purged_run=?, record=?, reporter=NULL, venue=NULL"
                " WHERE report_id=?",
                [(run_id, _stripped_record(record), rid) for rid, record in records],
            )
            conn.execute(
                f"UPDATE agenda SET topic=NULL, remarks=NULL WHERE report_id IN ({marks})", chunk
            )
            conn.execute(
                f"UPDATE requests SET request=NULL, response=NULL WHERE report_id IN ({marks})",
                chunk,
            )
            codes = conn.execute(
                f"SELECT DISTINCT code FROM findings WHERE report_id IN ({marks})", chunk
            ).fetchall()
            for (code,) in codes:
                title = CATALOGUE[code].title if code in CATALOGUE else ""
                conn.execute(
                    f"UPDATE findings SET message=? WHERE code=? AND report_id IN ({marks})",
                    (f"{title}{PURGED_TEXT}", code, *chunk),
                )

    def _removable(self, shas: list[str]) -> set[str]:
        """Files whose every report is purged (after this purge's updates)."""
        out: set[str] = set()
        for sha in shas:
            left = self.connection.execute(
                "SELECT 1 FROM reports WHERE sha256=? AND purged_run IS NULL LIMIT 1", (sha,)
            ).fetchone()
            if left is None:
                out.add(sha)
        return out

    def _sweep_archive(self) -> None:
        if self.archive is None:
            return
        rows = self.connection.execute(
            "SELECT archive FROM files WHERE archive_removed_run IS NOT NULL AND archive IS NOT NULL"
        )
        for (name,) in rows:
            with contextlib.suppress(FileNotFoundError):
                (self.archive / name).unlink()


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
