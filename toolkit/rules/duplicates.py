"""R7: the same council and date reported twice with different content.

Resubmissions are normal: a station sends the same file again (identical bytes: counted
once, no finding), or saves the same report again (identical record: no finding). Only a
second report for the same council and date whose content differs is flagged, on the
report that comes later in the run, naming the earlier one by its file name (never by
HQ's folder path: the message goes back to the station).

The tracker keeps its memory inside itself and yields findings; the pipeline attaches
them to the report they are about.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from toolkit.era import wareki
from toolkit.findings import Finding
from toolkit.results import Checked, FileResult
from toolkit.rules.context import Context


class DuplicateTracker:
    """Remembers what the run has seen; tells identical files and flags R7.

    It lives as long as the run, and a fiscal year of a large prefecture is tens of
    thousands of files, so what it remembers is kept in a private temporary SQLite file
    rather than in memory: the run's memory stays flat however many files it reads.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.db = sqlite3.connect("")  # "" : a temporary database on disk, removed on close
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2048;"
            "CREATE TABLE files (sha BLOB PRIMARY KEY, place TEXT) WITHOUT ROWID;"
            "CREATE TABLE meetings (who TEXT, day INTEGER, content BLOB, place TEXT,"
            " PRIMARY KEY (who, day)) WITHOUT ROWID;"
        )

    def close(self) -> None:
        self.db.close()

    def same_file(self, result: FileResult) -> str | None:
        """The path of an earlier file of the run with the same bytes, else None (and the
        file is remembered)."""
        if result.sha256 is None:
            return None
        digest = bytes.fromhex(result.sha256)
        added = self.db.execute("INSERT OR IGNORE INTO files VALUES (?, ?)", (digest, result.path))
        if added.rowcount == 1:
            return None
        row = self.db.execute("SELECT place FROM files WHERE sha = ?", (digest,)).fetchone()
        return str(row[0])

    def findings(self, result: FileResult) -> Iterator[tuple[Checked, Finding]]:
        """R7 findings for the reports of `result`, each with the report it is about."""
        db = self.db
        for checked in result.reports:
            report = checked.report
            if report is None or report.date.value is None:
                continue
            who = self.ctx.identity(report).key
            if who is None:
                continue
            day = report.date.value.toordinal()
            content = bytes.fromhex(checked.content) if checked.content else b""
            sheet = f"の「{checked.sheet}」シート" if checked.sheet else ""
            area = (checked.reading() or {}).get("area")
            if sheet and area:
                sheet += f"（{area}）"  # one of several meetings on that sheet
            place = f"ファイル「{PurePath(checked.path).name}」{sheet}"
            added = db.execute(
                "INSERT OR IGNORE INTO meetings VALUES (?, ?, ?, ?)", (who, day, content, place)
            )
            if added.rowcount == 1:
                continue
            seen = db.execute(
                "SELECT content, place FROM meetings WHERE who = ? AND day = ?", (who, day)
            ).fetchone()
            if seen[0] == content:
                continue
            finding = self.ctx.settings.make(
                "R7.duplicate",
                field=None,
                cell=None,
                council=report.council_name.value or who,
                date=wareki(report.date.value),
                other=seen[1],
            )
            if finding is not None:
                yield checked, finding


# --- R7 across the ledger: which reports of one meeting HQ still has to settle -----------


@dataclass(frozen=True, slots=True)
class Candidate:
    """One report of a meeting as the ledger holds it, in the order of the counting rule
    (the first counts)."""

    content: str | None  # what it says (hash of the record)
    status: str  # ok / warning / error
    received: str | None  # receipt day (ISO)
    kept: bool  # HQ chose it (`settle --keep`)
    asked: bool = False  # a finding asked the station to correct it (its copy went back)


def needs_settling(candidates: Sequence[Candidate]) -> bool:
    """R7: two or more different reports of one meeting that HQ has not settled.

    Not to settle: reports that say the same (a file saved again), a meeting where HQ
    kept one, and the usual correction — every other report had a finding that asks the
    station to correct it (so a copy went back: `findings.asks_correction`) and the one that
    counts came no earlier than them. A report whose findings only tell HQ something (R5,
    R7, R8, S3 warnings) got no copy, so a second report beside it is not a correction.
    """
    if len(candidates) < 2 or any(c.kept for c in candidates):
        return False
    contents = {c.content if c.content else object() for c in candidates}
    if len(contents) < 2:
        return False
    first, others = candidates[0], candidates[1:]
    day = first.received or ""
    corrected = all(c.asked and (c.received or "") <= day for c in others)
    return not corrected
