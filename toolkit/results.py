"""What a run learns about each file: results and statuses, shared by every stage.

The pipeline makes them (`toolkit.check`), the rules across reports look at them (R7),
the ledger stores them, the terminal view and the feedback copies show them. They live at
the bottom of the house so that none of those has to import another to know what a result
is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from toolkit.catalogue.reading import UNCONFIRMED
from toolkit.findings import Finding, Severity, worst
from toolkit.model import Report

OK, WARNING, ERROR, UNREADABLE = "ok", "warning", "error", "unreadable"
STATUSES = (OK, WARNING, ERROR, UNREADABLE)
STATUS_JA = {OK: "正常", WARNING: "警告", ERROR: "誤り", UNREADABLE: "読取不可"}
# Kinds of files left alone for now, through no fault of the file: open in another
# program (Excel), or at a path too long for the system. The next run reads them.
LOCKED, TOO_LONG = "使用中", "パスが長すぎる"
TRY_AGAIN = (LOCKED, TOO_LONG)


@dataclass
class Checked:
    """One report found in a file (or, with `report` None, a file that could not be read)."""

    path: str
    sheet: str | None
    sha256: str | None
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    content: str | None = None  # hash of the record, to tell resubmissions apart

    @property
    def unconfirmed(self) -> bool:
        """Read from a layout that is neither our template nor one HQ confirmed."""
        return any(f.code == UNCONFIRMED for f in self.findings)

    @property
    def status(self) -> str:
        if self.report is None:
            return UNREADABLE
        level = worst(self.findings)
        return OK if level is None else (ERROR if level is Severity.ERROR else WARNING)

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines object of SPEC.md."""
        return {
            "path": self.path,
            "sheet": self.sheet,
            "sha256": self.sha256,
            "status": self.status,
            "report": self.report.to_json() if self.report is not None else None,
            "issues": [f.to_json() for f in self.findings],
            "reading": self.reading(),
        }

    def reading(self) -> dict[str, Any] | None:
        """How the report was read: method, coverage, unread text, area on the sheet."""
        if self.report is None or self.report.reading is None:
            return None
        return self.report.reading.to_json(self.sheet)


def content_hash(report: Report) -> str:
    """A hash of what a report says (its JSON record), to tell resubmissions apart."""
    text = json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class FileResult:
    """Everything learned from one file."""

    path: str
    sha256: str | None = None
    format: str | None = None
    reports: list[Checked] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    same_as: str | None = None  # an earlier file of the run with identical bytes
    size: int | None = None
    modified: str | None = None  # the file's modification time (ISO, local): its arrival
    returned: bool = False  # a copy HQ returned, sent back by the station (its correction)
    archived: str | None = None  # name of the archive copy the worker kept, if asked to
    # A file left alone as a whole (kyogikai's own output, a CSV in the folder, a FIFO…):
    # why, and its kind for the totals. It has no reports and is not unreadable.
    skipped_file: str | None = None
    skipped_kind: str | None = None
    # The path as the system knows it, when `path` had to be shown with replacement
    # characters (a file name that is not valid text).
    real_path: str | None = None

    @property
    def readable(self) -> bool:
        return any(c.report is not None for c in self.reports)

    @property
    def source(self) -> str:
        """The path to open the file again."""
        return self.real_path or self.path


@dataclass
class Tally:
    """Counts of a run, kept while results stream past (for the closing line)."""

    files: int = 0
    reports: int = 0
    findings: int = 0
    errors: int = 0
    unreadable: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # files left alone, by kind
    unconfirmed: dict[str, int] = field(default_factory=dict)  # reports by 所属 as written

    def watch(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        for result in results:
            self.add(result)
            yield result

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.skipped_file is not None:
            kind = result.skipped_kind or "その他"
            self.skipped[kind] = self.skipped.get(kind, 0) + 1
            return
        if result.same_as is not None:
            return  # identical to an earlier file: accounted for, counted once
        for checked in result.reports:
            if checked.report is None:
                self.unreadable += 1
                continue
            self.reports += 1
            self.findings += len(checked.findings)
            self.errors += checked.status == ERROR
            if checked.unconfirmed:
                station = checked.report.affiliation.value or "所属不明"
                self.unconfirmed[station] = self.unconfirmed.get(station, 0) + 1

    @property
    def try_again(self) -> int:
        """Files that could not be opened now (open in Excel, a path too long): not the
        station's fault; the next run reads them."""
        return sum(self.skipped.get(kind, 0) for kind in TRY_AGAIN)

    @property
    def failed(self) -> bool:
        """Some report has an error, or some file could not be read, now or at all
        (exit status 1)."""
        return bool(self.errors or self.unreadable or self.try_again)

    def line(self) -> str:
        text = (
            f"ファイル {self.files}件、報告書 {self.reports}件、指摘 {self.findings}件、"
            f"読取不可 {self.unreadable}件"
        )
        if self.skipped:
            kinds = "、".join(f"{k} {n}件" for k, n in sorted(self.skipped.items()))
            text += f"、読み飛ばし {sum(self.skipped.values())}件（{kinds}）"
        return text + unconfirmed_text(self.unconfirmed)


def unconfirmed_text(by_station: dict[str, int]) -> str:
    """What a closing line says of the reports read from layouts HQ has not confirmed."""
    if not by_station:
        return ""
    stations = "、".join(f"{s} {n}件" for s, n in sorted(by_station.items()))
    return f"、確認していない様式 {sum(by_station.values())}件（{stations}）"
