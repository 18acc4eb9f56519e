"""Settling a record (SPEC, "Settling a record"): HQ withdraws a file's reports from the
ledger, or keeps them as the ones that count for their meetings (R7), with a reason.

Nothing is deleted: each decision is a row of `settlements` (who, when, why), the latest
decision about a file is the one in force, and the counting rule
(`toolkit.ledger.counting`) follows it in every summary made afterwards. `unsettled` lists
the meetings reported twice that HQ still has to decide (`rules.duplicates.needs_settling`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

import toolkit.ledger.schema as S
from toolkit import __version__
from toolkit.errors import InputError
from toolkit.ledger.counting import counted, cutoff, reconcile
from toolkit.ledger.queries import Querying
from toolkit.ledger.store import next_id, now
from toolkit.rules.duplicates import Candidate, needs_settling

WITHDRAW, KEEP = "withdraw", "keep"
ACTION_JA = {WITHDRAW: "取下げ", KEEP: "採用"}
_HEX = re.compile(r"[0-9a-fA-F]{8,64}")


class NotInLedger(InputError):
    """The file or digest given to `settle` is not one the ledger holds (exit 2)."""


@dataclass(frozen=True)
class Settlement:
    """One decision of HQ about a file, as the history keeps it."""

    settlement_id: int
    sha256: str
    path: str
    action: str  # withdraw / keep
    reason: str
    made_by: str
    made_at: str


@dataclass(frozen=True)
class MeetingNow:
    """A meeting a decision touched, and the report that counts for it now (None: none)."""

    council: str
    day: date | None
    station: str | None
    counted_path: str | None
    counted_sheet: str | None


@dataclass
class Settled:
    """What `settle` did."""

    settlement: Settlement
    meetings: list[MeetingNow] = field(default_factory=list)


@dataclass(frozen=True)
class Twice:
    """One report of a meeting reported more than once."""

    path: str
    sheet: str | None
    sha256: str
    received: str | None
    status: str
    counts: bool


@dataclass
class Unsettled:
    """A meeting reported by two or more different reports that HQ has not settled."""

    council: str
    day: date
    station: str | None
    reports: list[Twice]


class Settling(Querying):
    """The ledger's settlements."""

    def _first(self, statement: str, params: tuple[Any, ...] = ()) -> Any:
        found = self.fetch(statement, params)
        return found[0] if found else None

    def find_file(self, given: str, digest: str | None = None) -> tuple[str, str]:
        """The file the user named — by its SHA-256 (`digest`, when they gave a file that
        exists), by a digest or its first 8+ hex digits, or by a path or file name the
        ledger saw — as (sha256, path). Raises `NotInLedger` when none or several match."""
        if digest is not None:
            row = self._first("SELECT sha256, first_path FROM files WHERE sha256 = ?", (digest,))
            if row is None:
                raise NotInLedger(
                    f"ファイル「{given}」は台帳にありません（取り込まれていないか、取り込んだ後に"
                    "書き換えられています）。台帳にあるファイル名か SHA-256 を指定してください。"
                )
            return str(row[0]), str(row[1])
        found: dict[str, str] = {}
        if _HEX.fullmatch(given):
            for sha, path in self.fetch(
                "SELECT sha256, first_path FROM files WHERE sha256 LIKE ?", (given.lower() + "%",)
            ):
                found[str(sha)] = str(path)
        if not found:
            found = self._by_path(given)
        if len(found) == 1:
            return next(iter(found.items()))
        if not found:
            raise NotInLedger(
                f"「{given}」に当たるファイルが台帳にありません。受信フォルダのファイルのパスか、"
                "台帳にあるファイルの SHA-256（先頭8文字以上）を指定してください。"
            )
        listed = "、".join(f"{path}（{sha[:12]}）" for sha, path in sorted(found.items()))
        raise NotInLedger(
            f"「{given}」に当たるファイルが台帳に{len(found)}件あります: {listed}。"
            "パスか SHA-256 の先頭で1件に絞ってください。"
        )

    def _by_path(self, given: str) -> dict[str, str]:
        """Files seen at the path `given` (exactly, or ending with it, or with its name)."""
        wanted = given.replace("\\", "/")
        name = PurePath(wanted).name
        pattern = "%" + re.sub(r"([!%_])", r"!\1", name)
        seen = self.fetch(
            "SELECT DISTINCT s.sha256, s.path, f.first_path FROM sightings s"
            " JOIN files f ON f.sha256 = s.sha256 WHERE s.path LIKE ? ESCAPE '!'",
            (pattern,),
        )
        tail = "/" + wanted.lstrip("./")
        for fits in (
            lambda p: p == wanted,
            lambda p: p.endswith(tail),
            lambda p: PurePath(p).name == name,
        ):
            found = {str(sha): str(first) for sha, path, first in seen
                     if fits(str(path).replace("\\", "/"))}  # fmt: skip
            if found:
                return found
        return {}

    def settle(self, sha256: str, action: str, reason: str, made_by: str) -> Settled:
        """Record HQ's decision about the file `sha256` and apply it to its meetings.

        Raises `InputError` when the decision cannot be made: no reason, a file without
        reports, or the same decision as the one already in force."""
        if action not in ACTION_JA:
            raise ValueError(action)
        reason = reason.strip()
        if not reason:
            raise InputError(
                "理由（--reason）を書いてください。あとで経緯を確かめるために残します。"
            )
        path = self.find_file(sha256, sha256)[1]
        reports = self._first("SELECT count(*) FROM reports WHERE sha256 = ?", (sha256,))
        if reports is None or not reports[0]:
            raise InputError(
                f"「{path}」からは報告書を読み取れていないため、取下げ・採用の対象になりません。"
            )
        with self.transaction() as conn:  # the write lock: the meetings change with it
            # judged under the lock: another desk may have decided meanwhile
            current = self._first("SELECT action FROM settled WHERE sha256 = ?", (sha256,))
            if current is not None and current[0] == action:
                raise InputError(
                    f"「{path}」はすでに{ACTION_JA[action]}としています（変更はありません）。"
                )
            settlement_id = next_id(conn, S.settlements.c.settlement_id)
            conn.execute(
                S.settlements.insert().values(
                    settlement_id=settlement_id, sha256=sha256, action=action, reason=reason,
                    made_by=made_by, made_at=now(), tool_version=__version__,
                )
            )  # fmt: skip
            reconcile(
                conn, "SELECT council_key, meeting_date FROM reports WHERE sha256 = ?", (sha256,)
            )
        made = next(s for s in self.settlements() if s.settlement_id == settlement_id)
        return Settled(made, list(self._meetings_of(sha256)))

    def _meetings_of(self, sha256: str) -> Iterator[MeetingNow]:
        """Each meeting of the file's reports, and which report counts for it now."""
        rows = self.fetch(
            "SELECT DISTINCT r.council_key, r.meeting_date, r.council_name, r.station"
            " FROM reports r WHERE r.sha256 = ? ORDER BY r.meeting_date",
            (sha256,),
        )
        for key, day, name, station in rows:
            winner = None
            if key is not None and day is not None:
                winner = self._first(
                    f"SELECT r.path, r.sheet FROM reports r JOIN {counted()} c"
                    " ON c.report_id = r.report_id"
                    " WHERE r.council_key = ? AND r.meeting_date = ?",
                    (cutoff(None), key, day),
                )
            else:
                winner = self._first(
                    f"SELECT r.path, r.sheet FROM reports r JOIN {counted()} c"
                    " ON c.report_id = r.report_id WHERE r.sha256 = ?",
                    (cutoff(None), sha256),
                )
            yield MeetingNow(
                str(name or key or "（協議会名なし）"),
                date.fromisoformat(day) if day else None,
                station,
                winner[0] if winner else None,
                winner[1] if winner else None,
            )

    def settlements(self) -> list[Settlement]:
        """Every decision, oldest first."""
        rows = self.fetch(
            "SELECT s.settlement_id, s.sha256, f.first_path, s.action, s.reason, s.made_by,"
            " s.made_at FROM settlements s JOIN files f ON f.sha256 = s.sha256"
            " ORDER BY s.settlement_id"
        )
        return [Settlement(int(i), *map(str, rest)) for i, *rest in rows]

    def unsettled(self, as_of: date | None = None) -> list[Unsettled]:
        """Meetings reported by two or more different reports that HQ has not settled."""
        found = self.meetings_reported_twice(as_of)
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for chunk in found.chunks:
            for values in chunk:
                row = dict(zip(found.columns, values, strict=True))
                groups.setdefault((row["council_key"], row["meeting_date"]), []).append(row)
        out = []
        for (key, day), rows in groups.items():
            candidates = [
                Candidate(
                    r["content"],
                    r["status"],
                    r["received_on"],
                    r["action"] == KEEP,
                    bool(r["asked"]),
                )
                for r in rows
            ]
            if not needs_settling(candidates):
                continue
            twice = [
                Twice(r["path"], r["sheet"], r["sha256"], r["received_on"], r["status"],
                      r["place"] == 1)
                for r in rows
            ]  # fmt: skip
            first = rows[0]
            name = str(first["council_name"] or key)
            out.append(Unsettled(name, date.fromisoformat(day), first["station"], twice))
        return out
