"""R7: the same council and date reported twice with different content.

Resubmissions are normal: a station sends the same file again (identical bytes: counted
once, no finding), or saves the same report again (identical record: no finding). Only a
second report for the same council and date whose content differs is flagged, on the
report that comes later in the run, naming the earlier one.
"""

from __future__ import annotations

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

    Kept small (digests and indexes, not paths and records) because it lives as long as
    the run: a fiscal year of a large prefecture is tens of thousands of files.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.places: list[str] = []
        self.files: dict[bytes, int] = {}
        self.meetings: dict[tuple[str, int], tuple[bytes, int]] = {}

    def _place(self, text: str) -> int:
        self.places.append(text)
        return len(self.places) - 1

    def add(self, result: FileResult) -> None:
        if result.sha256 is not None:
            digest = bytes.fromhex(result.sha256)
            earlier = self.files.get(digest)
            if earlier is not None:
                result.same_as = self.places[earlier]
                return
            self.files[digest] = self._place(result.path)
        for checked in result.reports:
            report = checked.report
            if report is None or report.date.value is None:
                continue
            who = council_key(report, self.ctx)
            if who is None:
                continue
            key = (who, report.date.value.toordinal())
            content = bytes.fromhex(checked.content) if checked.content else b""
            seen = self.meetings.get(key)
            if seen is None:
                self.meetings[key] = (content, self._place(f"{checked.path}「{checked.sheet}」"))
                continue
            if seen[0] == content:
                continue
            finding = self.ctx.settings.make(
                "R7.duplicate",
                field=None,
                cell=None,
                council=report.council_name.value or who,
                date=wareki(report.date.value),
                other=self.places[seen[1]],
            )
            if finding is not None:
                checked.findings.append(finding)
