"""R7: the same council and date reported twice with different content.

Resubmissions are normal: a station sends the same file again (identical bytes: counted
once, no finding), or saves the same report again (identical record: no finding). Only a
second report for the same council and date whose content differs is flagged, on the
report that comes later in the run, naming the earlier one.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import TYPE_CHECKING

from toolkit.model import Report
from toolkit.normalize import wareki
from toolkit.rules.context import Context
from toolkit.rules.registry import council_of

if TYPE_CHECKING:
    from toolkit.check import FileResult


def council_key(report: Report, ctx: Context) -> str | None:
    """Who held the meeting: the registered 協議会ID when known, else the written name."""
    if ctx.registry is not None:
        council = council_of(report, ctx.registry)
        if council is not None:
            return council.council_id
    if report.council_id:
        return report.council_id
    name = report.council_name.value
    if not name:
        return None
    return "".join(unicodedata.normalize("NFKC", name).split())


class DuplicateTracker:
    """Remembers what the run has seen; marks identical files and flags R7.

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

    def add(self, result: FileResult) -> None:
        db = self.db
        if result.sha256 is not None:
            digest = bytes.fromhex(result.sha256)
            added = db.execute("INSERT OR IGNORE INTO files VALUES (?, ?)", (digest, result.path))
            if added.rowcount == 0:  # seen before: these bytes came in an earlier file
                row = db.execute("SELECT place FROM files WHERE sha = ?", (digest,)).fetchone()
                result.same_as = row[0]
                return
        for checked in result.reports:
            report = checked.report
            if report is None or report.date.value is None:
                continue
            who = council_key(report, self.ctx)
            if who is None:
                continue
            day = report.date.value.toordinal()
            content = bytes.fromhex(checked.content) if checked.content else b""
            place = f"{checked.path}「{checked.sheet}」"
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
                checked.findings.append(finding)
