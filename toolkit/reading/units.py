"""A sheet read by its printed labels: what is printed, how many meetings it holds, each
read on its own and accounted for cell by cell.

A sheet may hold one report, or several meetings (SPEC, "Layouts HQ confirms"; issue of
stations that keep a register or copy the form twice):
- a register with one meeting per row, or one per column (`records`);
- the form twice, one under the other or side by side: the labels of the form repeat, and
  the sheet is cut between the copies, each read as its own report in its own `area`.
Nothing of one meeting is read into another; a copy holding nothing is no report.

Whatever the shape, each report is finished the same way: values that say nothing are
taken out, two fields read from one cell are a conflict, and every printed cell of the
report's area is accounted for (`coverage`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, replace

from toolkit import labels as L
from toolkit.model import ReadNote
from toolkit.raw import RawCell, RawReport
from toolkit.reading import printed
from toolkit.reading import records as R
from toolkit.reading import sheetkind as K
from toolkit.reading.catmarks import category_marks
from toolkit.reading.coverage import Kinds, account, claims, conflicts, settle_values
from toolkit.reading.document import find_document, merge, read_document
from toolkit.reading.grid import Box, Grid
from toolkit.reading.habits import (
    category_as_type,
    label_variants,
    spread_boxes,
    year_from_title,
)
from toolkit.reading.labelread import Hit, find_hits, is_report, read_labelled
from toolkit.reading.legend import apply_legend, code_of, find_legend
from toolkit.reading.region import scan_right
from toolkit.reading.sender import sender_lines

# Labels whose repetition says the form was copied (a table header repeats for other
# reasons: 措置・回答 under each 要望事項).
_SPLITTERS = frozenset(
    {
        "affiliation",
        "reporter",
        "council_name",
        "facility_name",
        "date",
        "venue",
        "attendance",
        "police_attendees",
        "civilian_attendees",
        "meeting_type",
        "discussion",
        "officers",
    }
)
# Labels of the meeting itself: a copy of the form repeats some of them.
_MEETING = frozenset(
    {"date", "venue", "attendance", "police_attendees", "meeting_type", "discussion", "officers"}
)
_WORDS = ("field", "header", "item")


@dataclass
class Unit:
    """One report read from a sheet, and the grid it was read from (its area only)."""

    raw: RawReport
    grid: Grid
    hits: dict[tuple[int, int], Hit]
    # Why it is not a report after all (a blank copy, instructions), judged on the values
    # as written, before those that say nothing are taken out.
    verdict: K.Verdict | None = None
    # The values as written, before those that say nothing were taken out: what shows a
    # filled-in example (記入例) is judged on them.
    written: RawReport | None = None
    # The part of the sheet whose printed cells this report accounts for: its area, and
    # for the first (last) meeting of a register also the labels above (notes below) it.
    scope: Box | None = None
    register: bool = False  # one meeting of a register (a row or a column of it)
    # Cells that print several labels with their values (a report typed as a document):
    # fields read from them are not in conflict.
    composite: frozenset[tuple[int, int]] = frozenset()


@dataclass
class SheetRead:
    """What a sheet read by its labels holds: its reports (a copy of the form left blank
    among them, judged blank by its `verdict`)."""

    units: list[Unit]
    grid: Grid  # the sheet as printed


def read_sheet(grid: Grid, kinds: Kinds | None = None) -> SheetRead | None:
    """The reports on a sheet that does not carry our template's names; None when the
    sheet does not show the form. With `kinds`, what each printed cell was taken for."""
    grid = printed.hide(grid)
    hits = find_hits(grid)
    words = [pos for pos, h in hits.items() if h.kind in _WORDS]
    clipped = printed.clip(grid, words)
    if clipped.print_area_cut or clipped is grid:
        grid = clipped
    else:
        grid = clipped
        hits = {pos: h for pos, h in hits.items() if grid.value(*pos) is not None}
    typed = find_document(grid)
    if typed is not None:
        return _document(grid, hits, typed, kinds)
    if K.output_listing(grid):
        return None  # kyogikai's own listing read back: not a station's register
    table = R.read_records(grid, hits)
    if table is not None:
        units = [
            Unit(raw, view, found, scope=scope, register=True) for raw, view, found, scope in table
        ]
        for u in units:
            finish(u, grid, kinds, hits)
        return SheetRead(units, grid)
    if not is_report(hits):
        return None
    areas = split_forms(grid, hits)
    if areas is None:
        raw = read_labelled(grid, hits)
        sender_lines(raw, grid, hits)
        unit = Unit(raw, grid, hits)
        finish(unit, grid, kinds)
        _repeated(unit, hits)
        return SheetRead([unit], grid)
    units = []
    for area in areas:
        view, inside = within(grid, hits, area)
        if not is_report(inside) and not any(h.kind == "field" for h in inside.values()):
            continue
        raw = read_labelled(view, inside)
        raw.area = area
        unit = Unit(raw, view, inside, scope=area)
        finish(unit, grid, kinds)
        units.append(unit)
    return SheetRead(units, grid)


def _document(
    grid: Grid,
    hits: dict[tuple[int, int], Hit],
    typed: tuple[int, int, list[str]],
    kinds: Kinds | None = None,
) -> SheetRead:
    """A report typed as a document in one cell, with whatever the rest of the sheet
    prints in boxes of its own (所属, 報告者 above a 記書き)."""
    r, c, lines = typed
    document = read_document(grid, (r, c), lines)
    rows = [list(row) for row in grid.rows]
    rows[r][c] = ""
    rest = replace(grid, rows=rows)
    raw = read_labelled(rest, hits) if hits else RawReport(grid.sheet)
    merge(raw, document)
    unit = Unit(raw, grid, hits, composite=frozenset({(r, c)}))
    finish(unit, grid, kinds)
    return SheetRead([unit], grid)


def finish(
    unit: Unit,
    sheet: Grid,
    kinds: Kinds | None = None,
    labels: dict[tuple[int, int], Hit] | None = None,
) -> None:
    """Values that say nothing out, conflicts named, every printed cell accounted for
    (`labels`: the sheet's printed words the report was read by, when not its own)."""
    raw = unit.raw
    unit.verdict = K.after_reading(raw, unit.grid)
    unit.written = replace(
        raw,
        fields=dict(raw.fields),
        agenda=list(raw.agenda),
        requests=list(raw.requests),
        notes=[],
    )
    used: set[tuple[int, int]] = set()
    if any(code_of(category.value) for category, _, _ in raw.agenda):
        legend, used = find_legend(((r, c), v) for r, c, v in sheet.cells())
        apply_legend(raw, legend)
    used |= category_marks(raw, unit.grid, unit.hits)
    _ticks(raw)
    year_from_title(raw, sheet)
    category_as_type(raw, unit.grid, unit.hits)
    spread_boxes(raw, unit.grid, unit.hits)
    settle_values(raw)
    heading = {
        (n.cell.row, n.cell.col) for n in raw.notes if n.code == "I1.heading-line" and n.cell
    }
    conflicts(raw, unit.grid, {*unit.hits, *unit.composite, *heading})
    label_variants(raw, unit.grid, labels if labels is not None else unit.hits, list(claims(raw)))
    account(unit.grid, unit.hits, raw, unit.scope, also=used, kinds=kinds)
    if sheet.print_area_cut and sheet.print_area is not None:
        r0, c0, r1, c1 = sheet.print_area
        area = f"{sheet.ref(r0, c0).a1}:{sheet.ref(r1, c1).a1}"
        raw.notes.append(ReadNote("I1.print-area-cut", None, sheet.ref(r0, c0), (("area", area),)))


def _ticks(raw: RawReport) -> None:
    """Checkboxes in cells (TRUE / FALSE, as Excel 365 draws them) among the options of
    会議種別: a ticked one chooses the option written after it, and says so."""
    cells = raw.fields.get("meeting_type") or []
    if not any(isinstance(c.value, bool) for c in cells):
        return
    out: list[RawCell] = []
    for i, c in enumerate(cells):
        if not isinstance(c.value, bool):
            out.append(c)
            continue
        out.append(RawCell("■" if c.value else "□", c.cell))
        option = next((n.value for n in cells[i + 1 :] if isinstance(n.value, str)), None)
        if c.value and c.cell is not None and option is not None:
            raw.notes.append(
                ReadNote(
                    "I1.checkbox",
                    "meeting_type",
                    c.cell,
                    (
                        ("label", L.PRINTED["meeting_type"]),
                        ("where", c.cell.a1),
                        ("option", str(option).strip()),
                    ),
                )
            )
    raw.fields["meeting_type"] = out


def within(
    grid: Grid, hits: dict[tuple[int, int], Hit], area: Box
) -> tuple[Grid, dict[tuple[int, int], Hit]]:
    """The grid with nothing but `area` in it (positions kept), and the words in it."""
    r0, c0, r1, c1 = area
    rows: list[list[object]] = []
    for r, row in enumerate(grid.rows):
        if r < r0 or r > r1:
            rows.append([])
            continue
        kept = list(row)
        for c in range(len(kept)):
            if c < c0 or c > c1:
                kept[c] = ""
        rows.append(kept)
    inside = {p: h for p, h in hits.items() if r0 <= p[0] <= r1 and c0 <= p[1] <= c1}
    return replace(grid, rows=rows), inside


# --- the form copied on one sheet -------------------------------------------------------


def split_forms(grid: Grid, hits: dict[tuple[int, int], Hit]) -> list[Box] | None:
    """The areas of the copies of the form on a sheet (one under another, or side by
    side), or None when the form is printed once (or its copies cannot be told apart)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for pos, h in hits.items():
        if h.kind == "field" and h.name in _SPLITTERS and h.inline is None:
            found.setdefault(h.name, []).append(pos)
    counts = Counter(len(v) for v in found.values() if len(v) >= 2)
    if not counts:
        return None
    k, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n < 3:
        return None
    if len({name for name, v in found.items() if len(v) == k} & _MEETING) < 2:
        return None  # who reports printed twice (a signature block): one form
    repeated = [sorted(v) for v in found.values() if len(v) == k]
    same_col = sum(len({p[1] for p in v}) == 1 for v in repeated)
    same_row = sum(len({p[0] for p in v}) == 1 for v in repeated)
    if same_col >= same_row and same_col * 2 > len(repeated):
        axis = 0  # one under another
    elif same_row * 2 > len(repeated):
        axis = 1  # side by side
    else:
        return None
    marks = [sorted(v, key=lambda p: p[axis]) for v in repeated]
    # Words printed once per copy (the title, the addressee, the stamp boxes) start a copy.
    names = Counter(h.name for h in hits.values() if h.kind in ("title", "decor"))
    for name, count in names.items():
        if count == k:
            marks.append(
                sorted((p for p, h in hits.items() if h.name == name), key=lambda p: p[axis])
            )
    starts = [min(m[i][axis] for m in marks) for i in range(k)]
    if any(b <= a for a, b in itertools.pairwise(starts)):
        return None
    end = (grid.height if axis == 0 else grid.width) - 1
    areas: list[Box] = []
    for i in range(k):
        lo = 0 if i == 0 else starts[i]
        hi = starts[i + 1] - 1 if i + 1 < k else end
        if axis == 0:
            areas.append((lo, 0, hi, max(grid.width - 1, 0)))
        else:
            areas.append((0, lo, max(grid.height - 1, 0), hi))
    for m in marks[: len(repeated)]:
        for i, pos in enumerate(m):
            if not areas[i][axis] <= pos[axis] <= areas[i][axis + 2]:
                return None  # the i-th label is not in the i-th copy: not copies
    return areas


def _restated(unit: Unit, hit: Hit) -> bool:
    """Whether a label printed again says again what was read (a signature block)."""
    cells = scan_right(unit.grid, unit.hits, hit.box[0], hit.box[3] + 1, True)
    if hit.inline is not None:
        cells = [hit.inline]
    said = {_flat(c.value) for c in unit.raw.fields.get(hit.name, []) if c.value is not None}
    again = {_flat(c.value) for c in cells if c.value is not None}
    return not again or again <= said


def _flat(value: object) -> str:
    return "".join(str(value).split())


def _repeated(unit: Unit, hits: dict[tuple[int, int], Hit]) -> None:
    """Field labels printed more than once on a sheet read as one report: the record
    says so, naming the label and where it is printed again."""
    seen: dict[str, tuple[int, int]] = {}
    for pos in sorted(hits):
        h = hits[pos]
        if h.kind != "field" or h.name not in _SPLITTERS or h.inline is not None:
            continue
        if h.name in seen:
            if _restated(unit, h):
                continue  # who reports, written again under the form (a signature)
            first = unit.grid.ref(*seen[h.name])
            again = unit.grid.ref(*pos)
            unit.raw.notes.append(
                ReadNote(
                    "I1.repeated-labels",
                    h.name,
                    again,
                    (
                        ("label", L.PRINTED.get(h.name, h.name)),
                        ("first", first.a1),
                        ("where", again.a1),
                    ),
                )
            )
            return
        seen[h.name] = pos
