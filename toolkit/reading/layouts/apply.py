"""Reading a sheet by the map HQ confirmed for its layout: one function, no judgement.

Each field is read from its place (moved down by the rows a station inserted into the
tables above it); a table in "rows" mode is read row by row over the rows the sheet has
between its first row and the label that follows it, so it grows and shrinks with the
rows used. Several keys that name one cell are read from it as the template's cells are:
the date with its times, both counts in one box, a list of items in one box (split by
`parse`, as for every layout). The result is a `RawReport` like any reader's, marked
"confirmed" with the layout's ID.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from toolkit.excel.proofsheet import MAIN_COLUMN
from toolkit.normalize import is_bare_marker, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.layouts.match import Shift, label_at
from toolkit.reading.layouts.model import LayoutMap, Place, Table
from toolkit.reading.region import shown_value

MAX_UNITS = 500  # reports one sheet may repeat
# Single-line text: the cells of its place read as one value.
_ONE_LINE = ("affiliation", "reporter", "phone", "council_name", "facility_name", "venue")
_AS_CELLS = ("date", "meeting_type", "discussion", "reference", "officers", "attachment")
# Counts mean the same whatever their format (3 shown as 3人): read as stored.
_COUNTS = ("police_attendees", "civilian_attendees")
# Table columns whose header may also stand over a printed number column (1, 2, 3…).
_NUMBERED = ("category", "topic", "request")

Read = Callable[..., list[RawCell]]


def read_by_map(layout: LayoutMap, grid: Grid, shift: Shift) -> list[RawReport]:
    """The reports on a sheet that matched `layout` (one, or one per repeated unit)."""
    down, right = layout.repeat
    if not down and not right:
        return [_unit(layout, grid, shift, 0, 0)]
    area = _area(layout)
    out: list[RawReport] = []
    for k in range(MAX_UNITS):
        rows, cols = k * down, k * right
        if area[0] + rows >= grid.height or area[1] + cols >= grid.width:
            break
        if k and not _labels_repeat(layout, grid, area, rows, cols):
            break
        raw = _unit(layout, grid, shift, rows, cols)
        raw.area = (area[0] + rows, area[1] + cols, area[2] + rows, area[3] + cols)
        if k == 0 or not _blank(raw):
            out.append(raw)
    return out


def _unit(layout: LayoutMap, grid: Grid, shift: Shift, down: int, right: int) -> RawReport:
    raw = RawReport(grid.sheet, method="confirmed", layout_id=layout.layout_id)
    prefixes = {(lab.place.r0, lab.place.c0): lab.text for lab in layout.labels if lab.prefix}

    def read(place: Place, shown: bool = True) -> list[RawCell]:
        if place.sheet is not None:
            return []  # a value kept on another sheet is not on this one
        down_here = shift.rows(place.r0) + down
        return _cells_in(grid, place, down_here, right, prefixes, shown=shown)

    def at(place: Place) -> RawCell:
        moved = place.moved(shift.rows(place.r0) + down, right)
        return RawCell(None, grid.ref(moved.r0, moved.c0))

    _fields(layout, raw, read, at)
    agenda = layout.table("agenda")
    if agenda is not None and agenda.rows:
        rows = _table(agenda, grid, shift, read, at, down, right)
        raw.agenda = [(r[0], r[1], r[2]) for r in rows]
        raw.agenda_cell = rows[0][1].cell if rows else None
    requests = layout.table("requests")
    if requests is not None and requests.rows:
        pairs = _table(requests, grid, shift, read, at, down, right)
        raw.requests = [(r[0], r[1]) for r in pairs]
        raw.requests_cell = pairs[0][0].cell if pairs else None
    return raw


# --- fields -----------------------------------------------------------------------------


def _fields(layout: LayoutMap, raw: RawReport, read: Read, at: Callable[[Place], RawCell]) -> None:
    places = dict(layout.fields)

    def put(key: str, place: Place, cells: list[RawCell]) -> None:
        raw.fields[key] = cells or [at(place)]

    for key in (*_ONE_LINE, *_AS_CELLS):
        place = places.get(key)
        if place is None:
            continue
        if key == "phone" and place == places.get("reporter"):
            continue  # written after the reporter's name: taken out of it by `parse`
        put(key, place, _joined(read(place)) if key in _ONE_LINE else read(place))
    day = places.get("date")
    start, end = places.get("start_time"), places.get("end_time")
    if start is not None and start == end and start != day:
        put("time_range", start, read(start))
    else:
        for key, place in (("start_time", start), ("end_time", end)):
            if place is not None and place != day:
                put(key, place, _joined(read(place)))
    police, civilians = places.get("police_attendees"), places.get("civilian_attendees")
    if police is not None and police == civilians:
        put("attendance", police, read(police, False))
        return
    for key, place in (("police_attendees", police), ("civilian_attendees", civilians)):
        if place is not None:
            put(key, place, _joined(read(place, False), "、"))


def _cells_in(
    grid: Grid,
    place: Place,
    down: int,
    right: int,
    prefixes: dict[tuple[int, int], str],
    *,
    shown: bool = True,
) -> list[RawCell]:
    """The values in a place, row by row: each merged box once (by its top-left cell),
    hidden rows and columns left out, a printed label at the start of a cell left out;
    numbers as their format shows them (`shown`: 0215, 10月)."""
    out: list[RawCell] = []
    seen: set[tuple[int, int]] = set()
    for r in range(place.r0, place.r1 + 1):
        if r + down in grid.hidden_rows:
            continue
        for c in range(place.c0, place.c1 + 1):
            if c + right in grid.hidden_cols:
                continue
            anchor = grid.anchor(r + down, c + right)
            inside = place.r0 + down <= anchor[0] and place.c0 + right <= anchor[1]
            if anchor in seen or not (inside or (r, c) == (place.r0, place.c0)):
                continue
            seen.add(anchor)
            value = shown_value(grid, *anchor) if shown else grid.value(*anchor)
            label = prefixes.get((anchor[0] - down, anchor[1] - right))
            if label is not None and isinstance(value, str):
                value = _after(value, label)
            if value is not None:
                out.append(RawCell(value, grid.ref(*anchor)))
    return out


def _after(text: str, label: str) -> str | None:
    """What follows a printed label at the start of a cell (「所属：西原警察署」)."""
    import unicodedata

    consumed = ""
    for i, ch in enumerate(text):
        consumed += unicodedata.normalize("NFKC", ch).strip()
        if label_key(consumed) == label:
            rest = text[i + 1 :].strip(" \t\u3000:：")
            return rest or None
        if len(consumed) > len(label) + 4:
            break
    return text


def _joined(cells: list[RawCell], sep: str = " ") -> list[RawCell]:
    """Cells of one value read as one text (a name typed over two cells, 2 and 人)."""
    if len(cells) <= 1:
        return cells
    text = sep.join(_token(c.value) for c in cells)
    return [RawCell(text, cells[0].cell)]


def _token(value: object) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- tables -----------------------------------------------------------------------------


def _table(
    table: Table,
    grid: Grid,
    shift: Shift,
    read: Read,
    at: Callable[[Place], RawCell],
    down: int,
    right: int,
) -> list[list[RawCell]]:
    mode = table.mode
    if mode == "rows" and not (down or right):
        return _scanned(table, grid, shift)
    rows = table.rows[:1] if mode == "cell" else table.rows
    out = []
    seen: list[Place] = []
    for row in rows:
        main = table.main(row)
        if main is not None and main in seen:
            continue  # items written in one box are one row here: `parse` splits them
        earlier = list(seen)
        seen += [p for p in row if p is not None]
        cells: list[RawCell] = []
        for name, place in zip(table.columns, row, strict=True):
            if place is None:
                cells.append(at(main or next(p for p in row if p is not None)))
            elif place in earlier or (place == main and name != MAIN_COLUMN[table.name]):
                cells.append(at(place))  # written in another cell: `parse` takes it out
            else:
                cells.append(_lines(read(place)) or at(place))
        out.append(cells)
    return out


def _lines(cells: list[RawCell]) -> RawCell | None:
    """The cells of one box read as one text, a line each."""
    if not cells:
        return None
    if len(cells) == 1:
        return cells[0]
    return RawCell("\n".join(_token(c.value) for c in cells), cells[0].cell)


def _scanned(table: Table, grid: Grid, shift: Shift) -> list[list[RawCell]]:
    """A "rows" table read over every row the sheet has for it: from its first row to
    the row before the label that follows it; a row starts where its main column's box
    starts (a box merged over two rows is one row)."""
    band = table.band
    assert band is not None
    first, last = band[0], band[1]
    top = first + shift.rows(first)
    bottom = last + shift.rows(last + 1)
    pattern = table.rows[0]
    main = table.main(pattern)
    assert main is not None
    out: list[list[RawCell]] = []
    for r in range(top, bottom + 1):
        if r in grid.hidden_rows or grid.anchor(r, main.c0)[0] != r:
            continue
        row = []
        for name, place in zip(table.columns, pattern, strict=True):
            if place is None or (place is not main and place == main):
                row.append(RawCell(None, grid.ref(r, main.c0)))
            else:
                inherit, numbered = name == "category", name in _NUMBERED
                row.append(_window(grid, r, place.c0, place.c1, inherit, numbered))
        out.append(row)
    return out


def _window(grid: Grid, r: int, c0: int, c1: int, inherit: bool, numbered: bool) -> RawCell:
    """The value of one column of a table row: the first box that starts on this row
    between the column's edges; a 区分 merged down from the row above is inherited; in a
    `numbered` column, a printed row number (1, ①, "2.") is not the value."""
    c = c0
    inherited: RawCell | None = None
    while c <= c1:
        if c not in grid.hidden_cols:
            ar, ac = grid.anchor(r, c)
            value = shown_value(grid, ar, ac)
            if value is not None and not (numbered and is_bare_marker(value)):
                if ar == r and ac >= c0:
                    return RawCell(value, grid.ref(ar, ac))
                if inherit and inherited is None:
                    inherited = RawCell(value, grid.ref(ar, ac))
        c = grid.box(r, c)[3] + 1
    return inherited or RawCell(None, grid.ref(r, c0))


# --- repeated units ---------------------------------------------------------------------


def _area(layout: LayoutMap) -> tuple[int, int, int, int]:
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


def _labels_repeat(
    layout: LayoutMap, grid: Grid, area: tuple[int, int, int, int], rows: int, cols: int
) -> bool:
    """A repeated block prints the labels the first one has inside it (a list with one
    report a row has its labels above, only once)."""
    inside = [
        lab
        for lab in layout.labels
        if area[0] <= lab.place.r0 <= area[2] and area[1] <= lab.place.c0 <= area[3]
    ]
    return all(label_at(grid, lab, lab.place.r0 + rows, lab.place.c0 + cols) for lab in inside)


def _blank(raw: RawReport) -> bool:
    cells = [c for cs in raw.fields.values() for c in cs]
    cells += [c for row in raw.agenda for c in row[1:]]
    cells += [c for row in raw.requests for c in row]
    return all(c.value is None for c in cells)
