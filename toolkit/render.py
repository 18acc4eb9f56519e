"""Plain-text output for people: the check table grouped by police station.

Japanese characters take two columns in a terminal, so padding counts display width
(`toolkit.text`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from toolkit.era import wareki
from toolkit.registry import station_key
from toolkit.results import ERROR, OK, STATUS_JA, UNREADABLE, WARNING, Checked, FileResult
from toolkit.text import fit, terminal_text

NO_STATION = "（所属不明）"


@dataclass
class Row:
    status: str
    path: str
    sheet: str
    council: str
    date: str
    finding: str


@dataclass
class StationView:
    """Rows kept per police station while results stream in (strings only: small)."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    files: int = 0
    reports: int = 0
    findings: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped_files: int = 0
    skipped_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.skipped_file is not None:
            self.skipped.append(f"{result.path}: {result.skipped_file}")
            self.skipped_files += 1
            self.skipped_kinds[result.skipped_kind or "その他"] += 1
            return
        if result.same_as is not None:
            # Identical bytes to an earlier file: accounted for, counted once.
            self.duplicates.append((result.path, result.same_as))
            return
        for sheet, reason in result.skipped:
            self.skipped.append(f"{result.path}「{sheet}」: {reason}")
        for note in result.notes:
            self.notes.append(f"{result.path}: {note}")
        for checked in result.reports:
            self._add(checked)

    def _add(self, c: Checked) -> None:
        report = c.report
        if report is not None:
            self.reports += 1
        self.findings += len(c.findings) if report is not None else 0
        station = station_key(report.affiliation.value if report else None) or NO_STATION
        first = c.findings[0].message if c.findings else ""
        if len(c.findings) > 1:
            first += f"（ほか{len(c.findings) - 1}件）"
        self.rows[station].append(
            Row(
                status=c.status,
                path=c.path,
                sheet=c.sheet or "",
                council=(report.council_name.value or "") if report else "",
                date=wareki(report.date.value) if report and report.date.value else "",
                finding=first,
            )
        )

    def counts(self, rows: list[Row]) -> dict[str, int]:
        out = {s: 0 for s in (OK, WARNING, ERROR, UNREADABLE)}
        for r in rows:
            out[r.status] += 1
        return out

    def lines(self) -> list[str]:
        """The table, station by station, then the totals; every text from a file or a
        cell printed harmlessly (escape sequences shown, not obeyed)."""
        return [terminal_text(line) for line in self._lines()]

    def _lines(self) -> list[str]:
        out: list[str] = []
        everything: list[Row] = []
        for station in sorted(self.rows, key=lambda s: (s == NO_STATION, s)):
            rows = self.rows[station]
            everything += rows
            out.append(f"■ {station}  {_counts_text(self.counts(rows))}")
            for r in rows:
                out.append(
                    "  "
                    + "  ".join(
                        (
                            fit(STATUS_JA[r.status], 8),
                            fit(r.council or PurePath(r.path).name, 28),
                            fit(r.date, 18),
                            r.finding,
                        )
                    ).rstrip()
                )
                out.append(f"      {r.path}" + (f"「{r.sheet}」" if r.sheet else ""))
            out.append("")
        for path, same in self.duplicates:
            out.append(f"同一ファイル: {path} は {same} と同じ内容のため1件として数えます。")
        for line in self.skipped:
            out.append(f"読み飛ばし: {line}")
        for line in self.notes:
            out.append(f"注意: {line}")
        total = self.counts(everything)
        kinds = "、".join(f"{k} {n}件" for k, n in sorted(self.skipped_kinds.items()))
        left = f"、読み飛ばし {self.skipped_files}件（{kinds}）" if self.skipped_files else ""
        out.append(
            f"ファイル {self.files}件{left}、報告書 {self.reports}件、指摘 {self.findings}件 — "
            + _counts_text(total)
        )
        return out


def _counts_text(counts: dict[str, int]) -> str:
    return " / ".join(f"{STATUS_JA[s]} {counts[s]}" for s in (OK, WARNING, ERROR, UNREADABLE))
