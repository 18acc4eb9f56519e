"""Plain-text output for people: what a check found, grouped by police station.

By default only what needs attention is shown: reports with findings, files that could not
be read and files left alone, each finding of a report on its own indented line with its
cell; then the totals. `Display` asks for more (every report; notes and skipped sheets) or
less (the totals only). Lines are broken at the terminal's width by display width, Japanese
characters taking two columns (`toolkit.text.wrap`).

Only what will be printed is kept: with the default display, a clean report costs a count,
not a row, so a run over 50,000 files holds the rows of the reports with findings only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from toolkit.cells import Cell
from toolkit.era import wareki
from toolkit.findings import Finding, Severity
from toolkit.registry import station_key
from toolkit.results import (
    ERROR,
    OK,
    STATUS_JA,
    STATUSES,
    UNREADABLE,
    WARNING,
    Checked,
    FileResult,
    unconfirmed_text,
)
from toolkit.text import display_width, terminal_text, wrap

NO_STATION = "（所属不明）"
SEVERITY_JA = {Severity.ERROR: STATUS_JA[ERROR], Severity.WARNING: STATUS_JA[WARNING]}

QUIET, NORMAL, VERBOSE = 0, 1, 2


@dataclass(frozen=True)
class Display:
    """How much the terminal shows.

    `every`: every report, the clean ones too (--all), and the files counted once because
    another file had the same bytes. `level`: QUIET shows the totals only; VERBOSE adds the
    notes of the reader and the sheets passed over (and the files counted once).
    """

    every: bool = False
    level: int = NORMAL

    @property
    def quiet(self) -> bool:
        return self.level <= QUIET

    @property
    def keeps_rows(self) -> bool:
        return self.level > QUIET


@dataclass(frozen=True)
class Issue:
    """One finding as printed: severity word, cell (A1 on the report's sheet) and message."""

    severity: str
    cell: str
    message: str


@dataclass
class Row:
    status: str
    path: str
    sheet: str
    council: str
    date: str
    issues: list[Issue] = field(default_factory=list)


@dataclass
class StationView:
    """What a run found, kept per police station while results stream in (strings only)."""

    display: Display = field(default_factory=Display)
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    )
    files: int = 0
    reports: int = 0
    findings: int = 0
    identical: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sheets passed over inside read files
    notes: list[str] = field(default_factory=list)
    skipped_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unconfirmed: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, result: FileResult) -> None:
        self.files += 1
        shown = self.display.keeps_rows
        if result.skipped_file is not None:
            if shown:
                self.skipped_files.append(f"{result.path}: {result.skipped_file}")
            self.skipped_kinds[result.skipped_kind or "その他"] += 1
            return
        if result.same_as is not None:
            # Identical bytes to an earlier file: accounted for, counted once.
            self.identical += 1
            if shown and (self.display.every or self.display.level >= VERBOSE):
                self.duplicates.append((result.path, result.same_as))
            return
        if self.display.level >= VERBOSE:
            self.skipped += [f"{result.path}「{sheet}」: {why}" for sheet, why in result.skipped]
            self.notes += [f"{result.path}: {note}" for note in result.notes]
        for checked in result.reports:
            self._add(checked)

    def _add(self, c: Checked) -> None:
        report = c.report
        if report is not None:
            self.reports += 1
            self.findings += len(c.findings)
        station = station_key(report.affiliation.value if report else None) or NO_STATION
        self.counts[station][c.status] += 1
        if c.unconfirmed:
            self.unconfirmed[station] += 1
        if not self.display.keeps_rows or (c.status == OK and not self.display.every):
            return
        self.rows[station].append(
            Row(
                status=c.status,
                path=c.path,
                sheet=_sheet_of(c),
                council=(report.council_name.value or "") if report else "",
                date=wareki(report.date.value) if report and report.date.value else "",
                issues=[_issue(f, c.sheet) for f in c.findings],
            )
        )

    @property
    def hidden(self) -> int:
        """Clean reports counted but not shown."""
        if self.display.every or not self.display.keeps_rows:
            return 0
        return sum(n[OK] for n in self.counts.values())

    def lines(self, width: int | None = None, *, closing: bool = True) -> list[str]:
        """The reports station by station, then the files passed over and (with `closing`)
        the totals, broken at `width` display columns (None: not broken). Every text from a
        file or a cell is printed harmlessly: escape sequences shown, not obeyed."""
        out: list[str] = []
        if self.display.keeps_rows:
            for station in sorted(self.rows, key=lambda s: (s == NO_STATION, s)):
                out += wrap(
                    terminal_text(f"■ {station}  {_counts_text(self.counts[station])}"), width
                )
                for row in self.rows[station]:
                    out += _row_lines(row, width)
                out.append("")
            for path, same in self.duplicates:
                text = f"同一ファイル: {path} は {same} と同じ内容のため1件として数えます。"
                out += wrap(terminal_text(text), width, hang=2)
            for label, texts in (
                ("読み飛ばし", self.skipped_files),
                ("読み飛ばし", self.skipped),
                ("注意", self.notes),
            ):
                for text in texts:
                    out += wrap(terminal_text(f"{label}: {text}"), width, hang=2)
            if self.hidden:
                hint = (
                    f"問題のない報告書 {self.hidden}件は表示していません"
                    "（すべて表示するには --all を付けてください）。"
                )
                out += wrap(hint, width, hang=2)
        return [*out, *self.closing_lines(width)] if closing else out

    def closing_lines(self, width: int | None = None, label: str = "") -> list[str]:
        """The totals after `label`: one line, or two (files, then statuses) when one
        line would not fit in `width`."""
        totals = label + self.closing()
        if width is None or display_width(totals) <= width:
            return [totals]
        files, counts = totals.split(" — ")
        return [*wrap(files, width, hang=2), *wrap(counts, width, indent=2)]

    def closing(self) -> str:
        """The totals line."""
        total = dict.fromkeys(STATUSES, 0)
        for counts in self.counts.values():
            for status, n in counts.items():
                total[status] += n
        left = ""
        if self.skipped_kinds:
            kinds = "、".join(f"{k} {n}件" for k, n in sorted(self.skipped_kinds.items()))
            left = f"、読み飛ばし {sum(self.skipped_kinds.values())}件（{kinds}）"
        same = f"、同一内容 {self.identical}件" if self.identical else ""
        unconfirmed = unconfirmed_text(dict(self.unconfirmed))
        return (
            f"ファイル {self.files}件{left}{same}、報告書 {self.reports}件{unconfirmed}、"
            f"指摘 {self.findings}件 — {_counts_text(total)}"
        )


def _sheet_of(c: Checked) -> str:
    """The sheet of a report, and where on it the report lies when it holds several."""
    area = (c.reading() or {}).get("area")
    return f"{c.sheet or ''}（{area}）" if area else c.sheet or ""


def _issue(f: Finding, sheet: str | None) -> Issue:
    if f.cell is None:
        cell = ""
    elif isinstance(f.cell, Cell) and f.cell.sheet == sheet:
        cell = f.cell.a1  # the sheet is on the line above
    else:
        cell = str(f.cell)
    return Issue(SEVERITY_JA[f.severity], terminal_text(cell), terminal_text(f.message))


def _row_lines(row: Row, width: int | None) -> list[str]:
    """A report: status, council and date; the file and sheet; each finding on its own
    line, its message continuing under itself."""
    title = row.council or PurePath(row.path).name
    head = f"{STATUS_JA[row.status]}  {title}" + (f"  {row.date}" if row.date else "")
    out = wrap(terminal_text(head), width, indent=2, hang=6)
    out += _place(terminal_text(row.path), terminal_text(row.sheet), width)
    cells = max((display_width(i.cell) for i in row.issues), default=0)
    for issue in row.issues:
        cell = issue.cell + " " * (cells - display_width(issue.cell))
        prefix = f"    {issue.severity} {cell}  " if cells else f"    {issue.severity}  "
        hang = display_width(prefix)
        if width is not None and hang > width // 2:
            hang = 8
        out += _hung(prefix, issue.message, width, hang)
    return out


def _place(path: str, sheet: str, width: int | None) -> list[str]:
    """The file (broken after a folder separator) and its sheet, kept whole."""
    lines = wrap(path, width, indent=4, hang=6, path=True)
    if not sheet:
        return lines
    sheet = f"「{sheet}」"
    if width is None or display_width(lines[-1] + sheet) <= width:
        return [*lines[:-1], lines[-1] + sheet]
    return [*lines, *wrap(sheet, width, indent=6)]


def _hung(prefix: str, message: str, width: int | None, hang: int) -> list[str]:
    """`prefix` then `message`, the message's following lines indented by `hang`."""
    lines = wrap(message, width, indent=display_width(prefix), hang=hang)
    return [prefix + lines[0][display_width(prefix) :], *lines[1:]]


def _counts_text(counts: dict[str, int]) -> str:
    return " / ".join(f"{STATUS_JA[s]} {counts[s]}" for s in (OK, WARNING, ERROR, UNREADABLE))
