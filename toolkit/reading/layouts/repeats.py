"""Where the reports of a sheet read by a map are: the area of the first, the band of
rows (or columns) that repeats, the copies of the whole form printed again, and the
meetings of a register that starts one at each box of a column."""

from __future__ import annotations

from toolkit.raw import RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.layouts.match import Shift, boxes, cell_key, label_at
from toolkit.reading.layouts.model import LayoutMap, Place
from toolkit.reading.region import shown_value

MAX_UNITS = 500  # reports one sheet may repeat


def first_area(layout: LayoutMap) -> tuple[int, int, int, int]:
    places = [p for _, p in layout.fields if p is not None]
    places += [p for t in layout.tables for row in t.rows for p in row if p is not None]
    places = [p for p in places if p.sheet is None]
    if not places:
        return (0, 0, 0, 0)
    return (
        min(p.r0 for p in places),
        min(p.c0 for p in places),
        max(p.r1 for p in places),
        max(p.c1 for p in places),
    )


def repeat_band(layout: LayoutMap) -> tuple[int, int]:
    """The rows (repeating down) or columns (repeating right) of the first report that
    repeat: the stride-wide band holding most of its places."""
    down, right = layout.repeat
    stride = down or right
    places = [p for _, p in layout.fields if p is not None and p.sheet is None]
    places += [p for t in layout.tables for row in t.rows for p in row if p is not None]
    spans = [((p.r0, p.r1) if down else (p.c0, p.c1)) for p in places if p.sheet is None]
    if not spans:
        return (0, stride - 1)
    best = max(
        sorted({a for a, _ in spans}),
        key=lambda s: sum(1 for a, b in spans if s <= a and b <= s + stride - 1),
    )
    return best, best + stride - 1


def in_band(place: Place, band: tuple[int, int], repeat: tuple[int, int]) -> bool:
    lo, hi = (place.r0, place.r1) if repeat[0] else (place.c0, place.c1)
    return band[0] <= lo and hi <= band[1]


def form_copies(layout: LayoutMap, grid: Grid, shift: Shift) -> list[tuple[int, int]]:
    """Where the whole printed form stands again beyond the first one (below it or to
    its right): every label of the map at the same offset."""
    if not layout.labels:
        return []
    first = min(layout.labels, key=lambda lab: (lab.place.r0, lab.place.c0))
    bottom = max(p.r1 for p in [lab.place for lab in layout.labels]) + shift.rows(10**9)
    right = max(p.c1 for p in [lab.place for lab in layout.labels])
    if grid.height <= bottom + 1 and grid.width <= right + 1:
        return []  # nothing beyond the form
    out: list[tuple[int, int]] = []
    for r, row in enumerate(grid.rows):
        for c in range(right + 1 if r <= bottom else 0, len(row)):
            value = row[c]
            if not isinstance(value, str) or not value or cell_key(value) != first.text:
                continue
            rows, cols = r - first.place.r0, c - first.place.c0
            if all(
                label_at(grid, lab, lab.place.r0 + rows, lab.place.c0 + cols)
                for lab in layout.labels
            ):
                out.append((rows, cols))
    return out[: MAX_UNITS - 1]


def labels_repeat(
    layout: LayoutMap, grid: Grid, area: tuple[int, int, int, int], rows: int, cols: int
) -> bool:
    """A repeated block prints the labels the first one has inside it (a list with one
    report a row has its labels above, only once)."""
    band = repeat_band(layout)
    inside = [lab for lab in layout.labels if in_band(lab.place, band, layout.repeat)]
    return all(label_at(grid, lab, lab.place.r0 + rows, lab.place.c0 + cols) for lab in inside)


def unit_starts(grid: Grid, by: int, top: int) -> list[int]:
    """The rows from `top` down where a box of column `by` holding a value starts."""
    merged = boxes(grid)
    out: list[int] = []
    for r in range(top, grid.height):
        if r in grid.hidden_rows or merged.anchor(r, by) != (r, by):
            continue
        if shown_value(grid, r, by) is not None:
            out.append(r)
            if len(out) >= MAX_UNITS:
                break
    return out


def last_row(grid: Grid, top: int, by: int, area: tuple[int, int, int, int]) -> int:
    """The last row of the last meeting: its box in column `by`, then the rows under it
    with something written in the map's columns, up to the first empty one."""
    merged = boxes(grid)
    r = merged.box(top, by)[2]
    while r + 1 < grid.height:
        row = grid.rows[r + 1]
        if any(row[c] not in (None, "") for c in range(area[1], min(area[3] + 1, len(row)))):
            r += 1
        else:
            break
    return r


def is_blank(raw: RawReport, but: int | None = None) -> bool:
    cells = [c for cs in raw.fields.values() for c in cs]
    cells += [c for row in raw.agenda for c in row[1:]]
    cells += [c for row in raw.requests for c in row]
    # a row under a register (a note or a total) holds a value only in the column that
    # starts a meeting: no meeting
    return all(c.value is None or (c.cell is not None and c.cell.col == but) for c in cells)
