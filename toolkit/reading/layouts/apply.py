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

import functools
import re
from collections.abc import Callable
from datetime import date, datetime, time

from toolkit.excel.proofsheet import MAIN_COLUMN
from toolkit.normalize import is_bare_marker, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.layouts.match import Shift, boxes
from toolkit.reading.layouts.model import LayoutMap, Place, Table
from toolkit.reading.layouts.repeats import (
    MAX_UNITS,
    first_area,
    form_copies,
    in_band,
    is_blank,
    labels_repeat,
    last_row,
    repeat_band,
    unit_starts,
)
from toolkit.reading.legend import apply_legend, find_legend
from toolkit.reading.region import shown_value
from toolkit.reading.sheetkind import is_placeholder

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
    if layout.repeat_by is not None:
        return _by_boxes(layout, grid, shift, layout.repeat_by)
    if not down and not right:
        first = _unit(layout, grid, shift, 0, 0)
        copies = form_copies(layout, grid, shift)
        if not copies:
            return [first]
        # The whole form printed again on the sheet (two meetings one under the other,
        # or side by side): each copy is read by the same map.
        area = first_area(layout)
        found = [first]
        first.area = (area[0], area[1], area[2] + shift.rows(area[2]), area[3])
        for rows, cols in copies:
            raw = _unit(layout, grid, Shift(), rows, cols)
            raw.area = (area[0] + rows, area[1] + cols, area[2] + rows, area[3] + cols)
            if not is_blank(raw):
                found.append(raw)
        return found
    area = first_area(layout)
    out: list[RawReport] = []
    for k in range(MAX_UNITS):
        rows, cols = k * down, k * right
        if area[0] + rows >= grid.height or area[1] + cols >= grid.width:
            break
        if k and not labels_repeat(layout, grid, area, rows, cols):
            break
        raw = _unit(layout, grid, shift, rows, cols)
        raw.area = (area[0] + rows, area[1] + cols, area[2] + rows, area[3] + cols)
        if k == 0 or not is_blank(raw):
            if out:
                _shared(raw, out[-1])
            out.append(raw)
    return out


# Who reports, for which council: a 記録簿 or a list with one meeting a row or a column
# writes them once, for every meeting in it.
_SHARED = ("affiliation", "reporter", "phone", "council_name", "facility_name")


def _shared(raw: RawReport, before: RawReport) -> None:
    """A repeated report's who-and-which fields left blank are the report's before it."""
    for key in _SHARED:
        cells = raw.fields.get(key, [])
        if all(c.value is None for c in cells) and before.fields.get(key):
            raw.fields[key] = before.fields[key]


def _unit(
    layout: LayoutMap,
    grid: Grid,
    shift: Shift,
    down: int,
    right: int,
    bottom: int | None = None,
) -> RawReport:
    """One report by the map, its repeating places moved `down` and `right`; a meeting of
    a register repeating by the boxes of a column ends at row `bottom` (its places are
    moved to where it starts, not by the rows inserted above, and cut at its end)."""
    raw = RawReport(grid.sheet, method="confirmed", layout_id=layout.layout_id)
    prefixes = {(lab.place.r0, lab.place.c0): lab.text for lab in layout.labels if lab.prefix}
    band = repeat_band(layout) if layout.repeat != (0, 0) else None

    def offset(place: Place) -> tuple[int, int]:
        """Where a place of the first report is in this one: moved by the repeat when it
        lies in the repeating band (a header written once stays where it is)."""
        if band is not None and not in_band(place, band, layout.repeat):
            return shift.rows(place.r0), 0
        if bottom is not None:
            return down, right
        return shift.rows(place.r0) + down, right

    memo: dict[tuple[Place, bool, bool], list[RawCell]] = {}

    def read(place: Place, shown: bool = True, options: bool = False) -> list[RawCell]:
        """A place's values (each place is read once: several keys may name it)."""
        key = (place, shown, options)
        found = memo.get(key)
        if found is None:
            found = memo[key] = read_once(place, shown, options)
        return list(found)

    def read_once(place: Place, shown: bool, options: bool) -> list[RawCell]:
        if place.sheet is not None:
            return []  # a value kept on another sheet is not on this one
        rows, cols = offset(place)
        if bottom is not None and band is not None and in_band(place, band, layout.repeat):
            if place.r0 + rows > bottom:
                return []
            place = Place(place.r0, place.c0, min(place.r1, bottom - rows), place.c1)
        cells = [
            c
            for c in _cells_in(grid, place, rows, cols, prefixes, shown=shown)
            if not _hint(c.value)
        ]
        # A box holding only what the form prints before anything is written is empty;
        # printed choices (□定期　■臨時) say which was chosen: kept whole.
        if options or not cells or not all(isinstance(c.value, str) for c in cells):
            return cells
        text = "".join(str(c.value) for c in cells)
        return [] if len(text) <= _SCAFFOLD_LENGTH and _scaffold(text) else cells

    def at(place: Place) -> RawCell:
        moved = place.moved(*offset(place))
        return RawCell(None, grid.ref(moved.r0, moved.c0))

    _fields(layout, raw, read, at)
    agenda = layout.table("agenda")
    if agenda is not None and agenda.rows:
        rows = (
            _table(agenda, grid, shift, read, at, down, right, coded=bool(layout.legend))
            if bottom is None
            else _unit_rows(agenda, grid, down, bottom, coded=bool(layout.legend))
        )
        raw.agenda = [(r[0], r[1], r[2]) for r in rows]
        raw.agenda_cell = rows[0][1].cell if rows else None
        # 区分 written as codes: read through the legend printed where the map has it
        printed = [
            c for p in layout.legend for c in _cells_in(grid, p, *offset(p), {}, shown=False)
        ]
        texts = [((c.cell.row, c.cell.col), c.value) for c in printed if c.cell is not None]
        if texts:
            apply_legend(raw, find_legend(texts)[0])
    requests = layout.table("requests")
    if requests is not None and requests.rows:
        pairs = (
            _table(requests, grid, shift, read, at, down, right)
            if bottom is None
            else _unit_rows(requests, grid, down, bottom)
        )
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
            _phone_after(raw, place, read)  # written after the reporter's name
            continue
        cells = read(place, options=key == "meeting_type")
        if key == "meeting_type":
            cells = [_ticked(c) for c in cells]
        put(key, place, _joined(cells) if key in _ONE_LINE else cells)
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
    else:
        for key, place in (("police_attendees", police), ("civilian_attendees", civilians)):
            if place is not None:
                put(key, place, _joined(read(place, False), "、"))
    _labelled(places, raw, read)


# Keys read together from one box as the template's cells are (a date with its times, the
# two counts, a reporter with the phone after the name); any other keys sharing a box are
# told apart by the labels printed in it (「協議会名：…　施設名：…」).
TOGETHER = (
    frozenset({"date", "start_time", "end_time"}),
    frozenset({"police_attendees", "civilian_attendees", "officers"}),
    frozenset({"reporter", "phone"}),
)
# Where the value of a unit of keys sharing a box goes.
_UNIT_FIELD = {"date": "date", "police_attendees": "attendance", "reporter": "reporter"}


def _labelled(places: dict[str, Place | None], raw: RawReport, read: Read) -> None:
    """Keys of different units sharing one box: each takes the text after its label."""
    shared: dict[Place, list[str]] = {}
    for key, place in places.items():
        if place is not None:
            shared.setdefault(place, []).append(key)
    for place, keys in shared.items():
        units: list[list[str]] = []
        for key in keys:
            unit = next((u for u in units if any({key, k} <= g for g in TOGETHER for k in u)), None)
            if unit is None:
                units.append([key])
            else:
                unit.append(key)
        if len(units) < 2:
            continue
        cells = read(place)
        if not cells:
            continue
        text = " ".join(_token(c.value) for c in cells)
        for head, part in split_labelled(text, [u[0] for u in units]).items():
            field = _UNIT_FIELD.get(head, head)
            if field == "attendance" and "civilian_attendees" not in shared[place]:
                field = "police_attendees"
            raw.fields[field] = [RawCell(part, cells[0].cell)]
            if field == "date":
                for key in ("start_time", "end_time", "time_range"):
                    raw.fields.pop(key, None)


def split_labelled(text: str, keys: list[str]) -> dict[str, str | None]:
    """The text after each key's printed label (followed by a colon or a space), up to
    the next label; a key whose label is not there takes what comes before the first
    label (its own label printed in front of the box), if it is the only one."""
    import unicodedata

    from toolkit.labels import VARIANTS

    flat = unicodedata.normalize("NFKC", text)
    found: list[tuple[int, int, str]] = []  # start, end of the label, key
    for key in keys:
        words = sorted(
            VARIANTS.get(key, ()) + VARIANTS.get(_COUNT_LABEL.get(key, ""), ()),
            key=len,
            reverse=True,
        )
        for word in words:
            pattern = r"\s*".join(re.escape(ch) for ch in word)
            m = re.search(rf"(?<![^\s　、,，・/]){pattern}\s*(?:[:：]\s*|\s+)", flat)
            if m is not None:
                found.append((m.start(), m.end(), key))
                break
    found.sort()
    out: dict[str, str | None] = dict.fromkeys(keys)
    for i, (_start, end, key) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(flat)
        out[key] = flat[end:stop].strip() or None
    missing = [k for k in keys if k not in {f[2] for f in found}]
    if len(missing) == 1 and found:
        out[missing[0]] = flat[: found[0][0]].strip() or None
    return out


_COUNT_LABEL = {"police_attendees": "attendance"}


_BRACKETED = re.compile(
    r"^(?P<who>.*?\S)\s*[(（]\s*(?P<phone>[0-9０-９][0-9０-９\-－‐ー]{1,14})\s*[)）]\s*$"
)


def _phone_after(raw: RawReport, place: Place, read: Read) -> None:
    """報告者 and 警電 in one box (the map says so): a number in brackets after the name is
    the phone (「巡査部長 青木 大輔（8305）」); anything else is left to `parse`, which takes
    a phone written with its word (「（警電 8305）」)."""
    cells = _joined(read(place))
    if len(cells) != 1 or not isinstance(cells[0].value, str):
        return
    m = _BRACKETED.match(cells[0].value.strip())
    if m is not None:
        raw.fields["reporter"] = [RawCell(m["who"], cells[0].cell)]
        raw.fields["phone"] = [RawCell(m["phone"], cells[0].cell)]


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
    merged = boxes(grid)
    top, left = place.r0 + down, place.c0 + right
    box = merged.box(top, left)
    if (
        box[2] >= place.r1 + down
        and box[3] >= place.c1 + right
        and top < grid.height
        and left < len(grid.rows[top])
        and top not in grid.hidden_rows
        and left not in grid.hidden_cols
    ):
        # The place is one box (most are): the value at its corner, as the walk below
        # would find it first and then only cells of the same box.
        seen.add((box[0], box[1]))
        _take(grid, box[0], box[1], down, right, prefixes, shown, out)
        return out
    for r in range(top, place.r1 + down + 1):
        if r in grid.hidden_rows or r >= grid.height:
            continue
        row = grid.rows[r]
        for c in range(left, min(place.c1 + right + 1, len(row))):
            v = row[c]
            if (v is None or v == "") and (r, c) != (top, left):
                continue  # empty, or inside a merged box: its value is at the box's corner
            if c in grid.hidden_cols:
                continue
            anchor = merged.anchor(r, c)
            if anchor in seen or not (
                (anchor[0] >= top and anchor[1] >= left) or (r, c) == (top, left)
            ):
                continue
            seen.add(anchor)
            _take(grid, anchor[0], anchor[1], down, right, prefixes, shown, out)
    return out


def _take(
    grid: Grid,
    r: int,
    c: int,
    down: int,
    right: int,
    prefixes: dict[tuple[int, int], str],
    shown: bool,
    out: list[RawCell],
) -> None:
    """The value of the box at (r, c), without a printed label it begins with."""
    value = shown_value(grid, r, c) if shown else grid.value(r, c)
    label = prefixes.get((r - down, c - right))
    if label is not None and isinstance(value, str):
        value = _after(value, label)
    if value is not None:
        out.append(RawCell(value, grid.ref(r, c)))


_SCAFFOLD_LENGTH = 60  # printed scaffolding is short: longer text is written text


@functools.lru_cache(maxsize=4096)
def _scaffold(value: str) -> bool:
    """What the form prints in a box before anything is written (〇〇　〇〇, 令和　年　月　日):
    no value (kept: every report of a layout prints the same scaffolding)."""
    return is_placeholder(value)


def _ticked(cell: RawCell) -> RawCell:
    """A check box's cell in a box of choices (TRUE before 定期会議): the mark it shows."""
    if isinstance(cell.value, bool):
        return RawCell("■" if cell.value else "□", cell.cell)
    return cell


def _hint(value: object) -> bool:
    """A ※ note printed beside or in a box (※警察署名, ※例）令和８年…): never a value."""
    return isinstance(value, str) and value.lstrip().startswith(("※", "＊"))


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
    *,
    coded: bool = False,
) -> list[list[RawCell]]:
    mode = table.mode
    if mode == "rows" and not (down or right):
        return _scanned(table, grid, shift, coded)
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


def _scanned(table: Table, grid: Grid, shift: Shift, coded: bool) -> list[list[RawCell]]:
    """A "rows" table read over every row the sheet has for it: from its first row to
    the row before the label that follows it; a row starts where its main column's box
    starts (a box merged over two rows is one row)."""
    band = table.band
    assert band is not None
    first, last = band[0], band[1]
    return _rows_between(table, grid, first + shift.rows(first), last + shift.rows(last + 1), coded)


def _unit_rows(
    table: Table, grid: Grid, down: int, bottom: int, *, coded: bool = False
) -> list[list[RawCell]]:
    """A table of one meeting of a register repeating by the boxes of a column: its first
    row's columns, over every row of the meeting."""
    main = table.main(table.rows[0]) if table.rows else None
    if main is None or main.sheet is not None:
        return []
    return _rows_between(table, grid, main.r0 + down, bottom, coded)


def _rows_between(
    table: Table, grid: Grid, top: int, bottom: int, coded: bool
) -> list[list[RawCell]]:
    """The table's rows from sheet row `top` to `bottom`, by the columns of its first row;
    a row starts where its main column's box starts (a box merged over two rows is one
    row)."""
    pattern = table.rows[0]
    main = table.main(pattern)
    assert main is not None
    out: list[list[RawCell]] = []
    merged = boxes(grid)
    for r in range(top, bottom + 1):
        if r in grid.hidden_rows or merged.anchor(r, main.c0)[0] != r:
            continue
        row = []
        for name, place in zip(table.columns, pattern, strict=True):
            if place is None or (place is not main and place == main):
                row.append(RawCell(None, grid.ref(r, main.c0)))
            else:
                inherit = name == "category"  # a code (1–4) is the 区分 when `coded`
                numbered = name in _NUMBERED and not (inherit and coded)
                row.append(_window(grid, r, place.c0, place.c1, inherit, numbered))
        out.append(row)
    return out


def _window(grid: Grid, r: int, c0: int, c1: int, inherit: bool, numbered: bool) -> RawCell:
    """The value of one column of a table row: the first box that starts on this row
    between the column's edges; a 区分 merged down from the row above is inherited; in a
    `numbered` column, a printed row number (1, ①, "2.") is not the value."""
    c = c0
    inherited: RawCell | None = None
    merged = boxes(grid)
    while c <= c1:
        if c not in grid.hidden_cols:
            ar, ac = merged.anchor(r, c)
            value = shown_value(grid, ar, ac)
            if value is not None and not (numbered and is_bare_marker(value)):
                if ar == r and ac >= c0:
                    return RawCell(value, grid.ref(ar, ac))
                if inherit and inherited is None:
                    inherited = RawCell(value, grid.ref(ar, ac))
        c = merged.box(r, c)[3] + 1
    return inherited or RawCell(None, grid.ref(r, c0))


# --- a register repeating by the boxes of a column -------------------------------------


def _by_boxes(layout: LayoutMap, grid: Grid, shift: Shift, by: int) -> list[RawReport]:
    """The meetings of a register that starts one at each box of column `by`: each from
    its box's first row to the row before the next one (the last: to the end of its box,
    and on over the rows written under it)."""
    band = repeat_band(layout)
    area = first_area(layout)
    starts = unit_starts(grid, by, band[0] + shift.rows(band[0]))
    out: list[RawReport] = []
    for k, top in enumerate(starts):
        bottom = starts[k + 1] - 1 if k + 1 < len(starts) else last_row(grid, top, by, area)
        raw = _unit(layout, grid, shift, top - band[0], 0, bottom)
        raw.area = (top, area[1], bottom, area[3])
        if k == 0 or not is_blank(raw, but=by):
            if out:
                _shared(raw, out[-1])
            out.append(raw)
    return out
