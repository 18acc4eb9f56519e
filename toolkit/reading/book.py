"""The sheets of one workbook judged together: which of what was read are its reports.

Each sheet is read on its own (our template by its defined names, any other layout by its
printed labels, one report or several), then the workbook is judged as a whole:
- a filled-in example is skipped beside a real report, and alone judged on evidence;
- a register of meetings (one a row or a column) beside report forms is the station's
  log of what it reported, not more reports;
- a sheet of formulas that prints what another sheet holds (an 入力 sheet feeding the
  printed form) is one meeting, read once: from the printed form when it shows the values,
  else from the sheet they are typed in.
Every sheet left out is listed with its reason, in the workbook's order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.cells import Cell
from toolkit.excel.ooxml import list_sources
from toolkit.model import SCALAR_KEYS, TEXT_KEYS
from toolkit.raw import RawReport
from toolkit.reading import shapes as S
from toolkit.reading import sheetkind as K
from toolkit.reading import units as U
from toolkit.reading.boxes import add_named_rows
from toolkit.reading.coverage import Kinds, account_named
from toolkit.reading.grid import Grid
from toolkit.reading.layouts import LayoutMap, recognise

# Every single-cell input of the template contract (SPEC.md), beside the tables.
SCALAR_NAMES = (*SCALAR_KEYS, *TEXT_KEYS, "officers", "attachment")
_TEMPLATE_MARKERS = frozenset(
    {"council_name", "date", "police_attendees", "civilian_attendees", "meeting_type"}
)
UNSURE = "報告書の様式か判断できません（読み取れない図形があります）。セルに直接入力してください"
REGISTER = (
    "一覧表（開催記録）のシートで、同じブックに報告書のシートがあるため、報告として"
    "数えずに読み飛ばしました"
)
FED = "「{source}」シートの値を数式で写した同じ会議のシートのため、「{kept}」シートだけを読みました"


@dataclass
class WorkbookRead:
    """Every report sheet of one workbook, and the sheets that were skipped with why."""

    format: str
    reports: list[RawReport] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    output: str | None = None  # the kind of kyogikai output the workbook is, if it is one
    template_version: str | None = None  # our template's version, when the book is one
    # A copy HQ returned to a station (kind "feedback"): read as the station's report, with
    # its 確認事項 list skipped — the station may have corrected it (SPEC, feedback copies).
    returned: bool = False
    sent: frozenset[str] = frozenset()  # content hashes of the reports the copy was made from
    # When asked (`read_workbook(explain=True)`): for each sheet read as a report, what
    # each of its printed cells was taken for — label, value, decoration, unread — and the
    # cells it does not print (unprinted), by (row, col).
    accounted: dict[str, Kinds] | None = None
    grids: dict[str, Grid] | None = None  # each report sheet as read, when asked for


def is_template(names: dict[str, tuple[int, int]]) -> bool:
    """A sheet of our template: it has the defined names of the template contract."""
    return len(_TEMPLATE_MARKERS & names.keys()) >= 3


@dataclass
class _Candidate:
    """A report read from a sheet, before the workbook is judged as a whole."""

    raw: RawReport
    grid: Grid
    named: bool  # our template, read by its defined names
    example: bool  # named or stamped as an example (記入例)
    notes: list[str]  # for the file, when the sheet is kept as a report
    register: bool = False  # one of the meetings of a register
    written: RawReport | None = None  # its values as written (before the reader settled them)


@dataclass
class Sheets:
    """The sheets of one workbook as they are read; `settle` decides which are reports."""

    out: WorkbookRead
    names: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    candidates: list[_Candidate] = field(default_factory=list)
    others: list[Grid] = field(default_factory=list)  # not the form: reasons at the end
    xmls: list[bytes] = field(default_factory=list)  # worksheet parts, for their dropdowns
    order: list[str] = field(default_factory=list)
    fed: dict[str, str] = field(default_factory=dict)  # sheet → the sheet its formulas copy
    layouts: tuple[LayoutMap, ...] = ()  # confirmed by HQ: a sheet in one is read by its map
    sheet_grids: dict[str, Grid] = field(default_factory=dict)  # kept for `out.grids`

    def add(
        self,
        grid: Grid,
        names: dict[str, tuple[int, int]],
        meta: dict[str, str],
        pictures: int,
        boxes: Callable[[Grid, RawReport], None] | None = None,
    ) -> None:
        self.order.append(grid.sheet)
        named = is_template(names)
        kinds: Kinds | None = None
        if self.out.accounted is not None:
            kinds = self.out.accounted.setdefault(grid.sheet, {})
        units = _read_units(grid, names, meta, kinds, self.layouts)
        if units is None:
            self.others.append(grid)
            return
        if not units:
            self.out.skipped.append((grid.sheet, K.BLANK_FORM))
            return
        if self.out.grids is not None:
            self.sheet_grids[grid.sheet] = grid
        for i, unit in enumerate(units):
            raw, view = unit.raw, unit.grid
            raw.pictures = pictures if i == 0 else 0
            if boxes is not None:
                boxes(view, raw)
            verdict = K.after_reading(raw, view) if named else unit.verdict
            if verdict is not None and verdict.kind in (K.BLANK, K.PLACEHOLDERS) and raw.pictures:
                verdict = None  # photos pasted in: written for a meeting
            if verdict is not None:
                self.out.skipped.append((grid.sheet, _in_area(raw, verdict.reason, len(units))))
                continue
            notes = S.note_shapes(raw, view)
            example = K.example_name(grid.sheet) or K.stamp(view, scan=not named) is not None
            self.candidates.append(
                _Candidate(raw, view, named, example, notes, unit.register, unit.written)
            )

    def settle(self) -> None:
        """Examples are skipped beside a real report; alone, judged on evidence. Skipped
        sheets are listed in the workbook's order."""
        listed: set[str] = set()
        for xml in self.xmls if self.others else ():
            listed |= list_sources(xml, self.names)  # only a sheet that is not the form asks
        for grid in self.others:
            verdict = K.not_a_report(grid.sheet, grid, frozenset(listed))
            reason = UNSURE if grid.unread else verdict.reason
            self.out.skipped.append((grid.sheet, reason))
        self._registers()
        self._copies()
        real = [c for c in self.candidates if not c.example]
        for c in self.candidates:
            if not c.example:
                self._keep(c)
                continue
            name = c.grid.sheet
            scan = not c.named
            evidence = () if real else _evidence(c)
            if real or evidence:
                reason = K.example_skipped(name, c.grid, scan=scan, evidence=evidence)
                self.out.skipped.append((name, reason))
                continue
            c.raw.notes.append(K.example_note(name, c.raw, c.grid, scan=scan))
            self._keep(c)
        rank = {name: i for i, name in enumerate(self.order)}
        self.out.skipped.sort(key=lambda s: rank.get(s[0], -1))
        self.out.reports.sort(key=lambda r: rank.get(r.sheet, -1))

    def _registers(self) -> None:
        """A register beside report forms is the station's log: not more reports."""
        forms = [c for c in self.candidates if not c.register and not c.example]
        if not forms or not any(c.register for c in self.candidates):
            return
        for sheet in dict.fromkeys(c.raw.sheet for c in self.candidates if c.register):
            self.out.skipped.append((sheet, REGISTER))
        self.candidates = [c for c in self.candidates if not c.register]

    def _copies(self) -> None:
        """One meeting typed on one sheet and printed by formulas on another: read once."""
        sheets = {c.raw.sheet for c in self.candidates}
        for printed, source in self.fed.items():
            if printed not in sheets or source not in sheets or printed == source:
                continue
            keep = printed  # the form as it prints, when it shows the values
            drop = source
            self.out.skipped.append((drop, FED.format(source=source, kept=keep)))
            self.candidates = [c for c in self.candidates if c.raw.sheet != drop]
            sheets.discard(drop)

    def _keep(self, c: _Candidate) -> None:
        self.out.reports.append(c.raw)
        if self.out.grids is not None:
            self.out.grids[c.raw.sheet] = self.sheet_grids.get(c.raw.sheet, c.grid)
        self.out.notes.extend(c.notes)


def _evidence(c: _Candidate) -> tuple[str, ...]:
    return K.example_evidence(c.written or c.raw)


def _read_units(
    grid: Grid,
    names: dict[str, tuple[int, int]],
    meta: dict[str, str],
    kinds: Kinds | None,
    layouts: tuple[LayoutMap, ...] = (),
) -> list[U.Unit] | None:
    """The reports on a sheet: by its defined names (our template), else by the map of
    the layout HQ confirmed for it, else by its printed labels, one or several; None when
    the sheet does not show the form. A sheet read by a map is read as HQ confirmed it:
    the printed cells the map does not name are no judgement to account for (coverage is
    a measure of reads by judgement)."""
    if is_template(names):
        raw = read_named(grid, names, meta)
        account_named(grid, names, raw, kinds)
        return [U.Unit(raw, grid, {})]
    known = recognise(grid, layouts)
    if known.reports is not None:
        return [U.Unit(raw, grid, {}, verdict=K.after_reading(raw, grid)) for raw in known.reports]
    found = U.read_sheet(grid, kinds)
    if found is None:
        return None
    for unit in found.units:
        known.noted(unit.raw)
    return found.units


def _in_area(raw: RawReport, reason: str, units: int) -> str:
    """A reason for one of several reports of a sheet names where on the sheet it is."""
    if units < 2 or raw.area is None:
        return reason
    r0, c0, r1, c1 = raw.area
    start, end = Cell(raw.sheet, r0, c0).a1, Cell(raw.sheet, r1, c1).a1
    return f"{start}:{end}の範囲は、{reason}"


def read_named(
    grid: Grid, names: dict[str, tuple[int, int]], meta: dict[str, str] | None = None
) -> RawReport:
    """Read our own template by its defined names (SPEC.md's template contract)."""
    raw = RawReport(grid.sheet, method="template")
    meta = meta or {}
    raw.template_version = meta.get("template_version")
    raw.council_id = meta.get("council_id")
    for key in SCALAR_NAMES:
        if key in names:
            raw.fields[key] = [grid.raw(*names[key])]
    add_named_rows(raw, grid, names)
    if "agenda_1_topic" in names:
        raw.agenda_cell = grid.ref(*names["agenda_1_topic"])
    if "request_1" in names:
        raw.requests_cell = grid.ref(*names["request_1"])
    return raw


# --- a sheet of formulas that prints another ------------------------------------------

_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]{1,500})</(?:\w+:)?f>")
_ODS_FORMULA = re.compile(rb'table:formula="([^"]{1,500})"')
_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!=,:;()+\-*/&^<>\[\]$.]+))[!.]\$?[A-Z]{1,3}\$?[0-9]")


def fed_by(formulas: bytes, sheet: str, *, ods: bool = False) -> str | None:
    """The sheet whose cells most of this sheet's formulas copy (an 入力 sheet printed by
    this one), when at least three do; else None."""
    pattern = _ODS_FORMULA if ods else _FORMULA
    if (b"table:formula" if ods else b"<f") not in formulas:
        return None
    counts: dict[str, int] = {}
    for m in pattern.finditer(formulas):
        text = html.unescape(m.group(1).decode("utf-8", "replace"))
        for quoted, bare in _REF.findall(text):
            name = quoted.replace("''", "'") if quoted else bare
            name = name.lstrip("[$")
            if name and name != sheet:
                counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    source, n = max(counts.items(), key=lambda kv: kv[1])
    return source if n >= 3 else None
