"""The label reader's reading of a sheet, proposed as a layout map for HQ to confirm.

For each key of the template contract: the place its value was read from (a cell, or the
range of cells it spread over; the merged box a value fills), and the value read. A table
drawn under its header gives every printed row, filled or not (hidden rows are not rows):
the rows between the header and the next label, the blank ones at its end only when they
are drawn as boxes. The printed words of the form that no field claims identify the
layout (`Label`), with the merged boxes around the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from toolkit.cells import Cell
from toolkit.era import wareki
from toolkit.excel import proofsheet as P
from toolkit.excel.proofsheet import FIELD_KEYS, TABLE_COLUMNS, row_key
from toolkit.model import EXTRAORDINARY, REGULAR, Report, Sourced
from toolkit.normalize import clean_text, is_bare_marker, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.labelread import Hit
from toolkit.reading.layouts.match import one_copy
from toolkit.reading.layouts.model import (
    Label,
    LayoutMap,
    Place,
    Table,
    field_boxes,
    layout_id,
    place_text,
)
from toolkit.reading.legend import find_legend

_STOPS = frozenset({"field", "header", "item"})
_LABEL_KINDS = frozenset({"field", "header", "item", "title", "decor"})


@dataclass(frozen=True, slots=True)
class ProposedRow:
    """One row of 読取結果: a key, where it was read (None: nothing found), what was read."""

    key: str
    place: Place | None
    value: str = ""


@dataclass
class Proposal:
    """The reading of one report sheet, as a layout for HQ to confirm."""

    sheet: str
    rows: list[ProposedRow]
    layout: LayoutMap
    unread: list[tuple[Place, str]] = field(default_factory=list)


def propose(
    grid: Grid,
    raw: RawReport,
    report: Report,
    hits: dict[tuple[int, int], Hit],
    *,
    name: str = "",
    repeat: tuple[int, int] = (0, 0),
    repeat_by: int | None = None,
) -> Proposal:
    """The layout the label reader found on `grid`, from its reading `raw` (and `report`,
    the record built from it)."""
    rows = _field_rows(grid, raw, report)
    rows += _agenda_rows(grid, raw, report, hits)
    rows += _request_rows(grid, raw, report, hits)
    if (repeat_by is not None or repeat[0]) and raw.area is not None:
        rows = _first_meeting(rows, raw.area[2])
    places = [r.place for r in rows if r.place is not None]
    labels = one_copy(_labels(grid, hits, places))
    boxes = tuple(_boxes(grid, rows))
    layout = LayoutMap(
        layout_id=layout_id(labels, boxes),
        name=name,
        labels=labels,
        fields=tuple((r.key, r.place) for r in rows if r.key in FIELD_KEYS),
        tables=tuple(_tables(rows)),
        boxes=boxes,
        extent=(extent(grid)[0] + 1, extent(grid)[1] + 1),
        repeat=repeat,
        repeat_by=repeat_by,
        legend=_legend(grid, raw),
    )
    unread = [
        (_box_place(grid, c.cell), clean_text(c.value) or "")
        for c in raw.unread
        if c.cell is not None
    ]
    return Proposal(grid.sheet, rows, layout, unread)


def _legend(grid: Grid, raw: RawReport) -> tuple[Place, ...]:
    """The cells of the legend the 区分 codes were read through, if they were."""
    if not any(n.code == "I1.legend" for n in raw.notes):
        return ()
    _, cells = find_legend(((r, c), v) for r, c, v in grid.cells())
    return tuple(sorted((_box_place(grid, grid.ref(r, c)) for r, c in cells), key=lambda p: p.box))


def extent(grid: Grid) -> tuple[int, int]:
    """The last row and column of the sheet: its cells and its merged boxes."""
    rows = max([grid.height - 1, 0, *(m[2] for m in grid.merges)])
    cols = max([grid.width - 1, 0, *(m[3] for m in grid.merges)])
    return rows, cols


def tables_of(rows: list[ProposedRow]) -> list[Table]:
    """The tables that the table keys of `rows` describe, row by row."""
    return _tables(rows)


# --- fields -----------------------------------------------------------------------------


def _field_rows(grid: Grid, raw: RawReport, report: Report) -> list[ProposedRow]:
    def cells(key: str) -> list[RawCell]:
        return [c for c in raw.fields.get(key, []) if c.cell is not None]

    def spread(key: str) -> Place | None:
        found = cells(key)
        with_value = [c for c in found if c.value is not None] or found
        if with_value:
            return _spread(grid, with_value)
        expected = raw.expected.get(key)
        return _box_place(grid, expected) if expected is not None else None

    places: dict[str, Place | None] = {k: spread(k) for k in FIELD_KEYS}
    day = places["date"]
    for key in ("start_time", "end_time"):
        if not cells(key):
            places[key] = spread("time_range") if cells("time_range") else None
        sourced: Sourced[object] = getattr(report, key)
        if places[key] is None and day is not None and _inside(sourced.cell, day):
            places[key] = day
    for key in ("police_attendees", "civilian_attendees"):
        sourced = getattr(report, key)
        if cells(key) and any(c.value is not None for c in cells(key)):
            continue
        if cells("attendance") and any(c.value is not None for c in cells("attendance")):
            places[key] = spread("attendance")
        elif sourced.value is not None and sourced.cell is not None:
            places[key] = _within(places, sourced.cell) or _box_place(grid, sourced.cell)
        elif places[key] is None and "attendance" in raw.expected:
            places[key] = spread("attendance")
    if not cells("phone") and report.phone.value is not None and report.phone.cell is not None:
        places["phone"] = _within(places, report.phone.cell) or _box_place(grid, report.phone.cell)
    return [ProposedRow(k, places[k], _shown(report, k)) for k in FIELD_KEYS]


def _within(places: dict[str, Place | None], cell: Cell) -> Place | None:
    """The place of another field that holds `cell` (a count read from the names)."""
    for place in places.values():
        if place is not None and _inside(cell, place):
            return place
    return None


def _inside(cell: Cell | None, place: Place) -> bool:
    if cell is None:
        return False
    return place.r0 <= cell.row <= place.r1 and place.c0 <= cell.col <= place.c1


def _shown(report: Report, key: str) -> str:
    """The value read, as HQ reads it on the proof."""
    value: Sourced[object] = getattr(report, key)
    return _text(value)


def _text(value: Sourced[Any]) -> str:
    v = value.value
    if v is None:
        return f"「{value.raw}」（読み取れません）" if value.raw else ""
    if isinstance(v, date):
        return wareki(v)
    if isinstance(v, time):
        return v.strftime("%H:%M")
    if isinstance(v, tuple):
        return "、".join(str(x) for x in v)
    if v == REGULAR:
        return "定期"
    if v == EXTRAORDINARY:
        return "臨時"
    return str(v)


# --- tables -----------------------------------------------------------------------------


def _agenda_rows(
    grid: Grid, raw: RawReport, report: Report, hits: dict[tuple[int, int], Hit]
) -> list[ProposedRow]:
    items = [(i.category, i.topic, i.remarks) for i in report.agenda]
    first = raw.agenda[0] if raw.agenda else None
    return _table_rows(grid, "agenda", raw.agenda_cell, first, items, hits, raw.lists.get("topic"))


def _request_rows(
    grid: Grid, raw: RawReport, report: Report, hits: dict[tuple[int, int], Hit]
) -> list[ProposedRow]:
    items = [(i.request, i.response) for i in report.requests]
    first = raw.requests[0] if raw.requests else None
    beside = raw.lists.get("request") or raw.lists.get("response")
    return _table_rows(grid, "requests", raw.requests_cell, first, items, hits, beside)


def _table_rows(
    grid: Grid,
    table: str,
    first_cell: Cell | None,
    first: tuple[RawCell, ...] | None,
    items: Sequence[tuple[Sourced[str], ...]],
    hits: dict[tuple[int, int], Hit],
    beside: list[RawCell] | None,
) -> list[ProposedRow]:
    columns = TABLE_COLUMNS[table]
    windows = _header_windows(grid, table, first_cell, hits) if first is not None else None
    out: list[ProposedRow] = []
    printed = (
        _printed_rows(grid, hits, first_cell.row, windows)
        if windows is not None and first_cell is not None
        else []
    )
    if windows is not None and printed:
        for n, (r0, r1) in enumerate(printed, 1):
            band = [
                (w, (r0, w[0], r1, w[1]) if w else None) for w in (windows.get(c) for c in columns)
            ]
            in_row = [it for it in items if _item_row(it, table) in range(r0, r1 + 1)]
            for column, (_w, box) in zip(columns, band, strict=True):
                place = Place(*box) if box is not None else None
                value = _row_value(grid, in_row, columns.index(column), place)
                out.append(ProposedRow(row_key(table, n, column), place, value))
        return out
    # Lists not drawn as a table (or rows under a heading that prints none, such as
    # 「要望①」「回答」 labels down the side): each item where it was found.
    main = "topic" if table == "agenda" else "request"
    listed = items if beside or first is not None else []
    mains = {item[columns.index(main)].cell for item in listed}
    for n, item in enumerate(listed, 1):
        for column, sourced in zip(columns, item, strict=True):
            place = _box_place(grid, sourced.cell) if sourced.cell is not None else None
            # A list has no box for what it does not say; a labelled row has one of its
            # own (「回答」 printed before an answer not written yet).
            if (
                sourced.value is None
                and column != main
                and (sourced.cell is None or sourced.cell in mains)
            ):
                place = None
            out.append(ProposedRow(row_key(table, n, column), place, _text(sourced)))
    return out


def _item_row(item: tuple[Sourced[str], ...], table: str) -> int:
    main = item[1] if table == "agenda" else item[0]
    return main.cell.row if main.cell is not None else -1


def _row_value(
    grid: Grid, items: Sequence[tuple[Sourced[str], ...]], index: int, place: Place | None
) -> str:
    """What a printed row holds in one column: the record's value when the row made one
    item (a 区分 left blank continues the one above, as it is read), else the cell's text
    as written (a list written in one cell, 要望：/回答： lines)."""
    if place is None:
        return ""
    if len(items) == 1:
        read = items[0][index]
        inherited = index == 0 and len(items[0]) == 3 and read.value is not None
        if inherited or (read.cell is not None and _inside(read.cell, place)):
            return _text(read)
    texts = []
    for r in range(place.r0, place.r1 + 1):
        for c in range(place.c0, place.c1 + 1):
            if grid.anchor(r, c) == (r, c) or (r, c) == (place.r0, place.c0):
                value = grid.value(*grid.anchor(r, c))
                text = None if is_bare_marker(value) else clean_text(value)
                if text and text not in texts:
                    texts.append(text)
    return " ".join(texts)


def _header_windows(
    grid: Grid,
    table: str,
    first_cell: Cell | None,
    hits: dict[tuple[int, int], Hit],
) -> dict[str, tuple[int, int]] | None:
    """The columns of a table drawn under its header: each header's column up to the next
    one's; None when the table has no header above its first row (numbered rows)."""
    if first_cell is None:
        return None
    columns = TABLE_COLUMNS[table]
    above = first_cell.row - 1
    found: dict[str, Hit] = {}
    for (_r, c), hit in hits.items():
        if hit.kind != "header" or hit.name not in columns or hit.inline is not None:
            continue
        if hit.box[0] <= above <= hit.box[2] and hit.name not in found:
            found[hit.name] = hit
        elif hit.box[0] <= above <= hit.box[2]:
            old = found[hit.name]
            if abs(c - first_cell.col) < abs(old.box[1] - first_cell.col):
                found[hit.name] = hit
    main = "topic" if table == "agenda" else "request"
    if main not in found or found[main].box[1] != first_cell.col:
        return None
    present = sorted((h.box[1], name) for name, h in found.items())
    windows: dict[str, tuple[int, int]] = {}
    for i, (c0, name) in enumerate(present):
        if i + 1 < len(present):
            windows[name] = (c0, present[i + 1][0] - 1)
        else:
            windows[name] = (c0, found[name].box[3])
    return windows


def _printed_rows(
    grid: Grid, hits: dict[tuple[int, int], Hit], first: int, windows: dict[str, tuple[int, int]]
) -> list[tuple[int, int]]:
    """The printed rows of a table: (first sheet row, last sheet row) of each."""
    stops = sorted({r for (r, _c), h in hits.items() if h.kind in _STOPS and r >= first})
    end = stops[0] - 1 if stops else grid.height - 1
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    main_col = next(iter(sorted(windows.values())))[0]
    rows: list[tuple[int, int, bool]] = []
    r = first
    while r <= end:
        if r in grid.hidden_rows:
            r += 1
            continue
        box = grid.box(r, main_col)
        bottom = max(box[2], r) if box[0] == r else r
        drawn = any(grid.box(r, c) != (r, c, r, c) for c in range(lo, hi + 1))
        filled = any(
            grid.value(rr, c) is not None for rr in range(r, bottom + 1) for c in range(lo, hi + 1)
        )
        rows.append((r, bottom, drawn or filled))
        r = bottom + 1
    while rows and not rows[-1][2]:
        rows.pop()
    return [(a, b) for a, b, _ in rows]


def _first_meeting(rows: list[ProposedRow], bottom: int) -> list[ProposedRow]:
    """A register or forms repeating down the sheet: the table rows of the first meeting
    (the ones under it are the next meetings', read by the same map)."""
    from toolkit.excel.proofsheet import MAIN_COLUMN, parse_key

    beyond: set[tuple[str, int]] = set()
    for row in rows:
        parsed = parse_key(row.key)
        if (
            parsed is not None
            and parsed[0]
            and parsed[2] == MAIN_COLUMN[parsed[0]]
            and row.place is not None
            and row.place.r0 > bottom
        ):
            beyond.add(parsed[:2])
    return [r for r in rows if (parse_key(r.key) or ("", 0))[:2] not in beyond]


def _tables(rows: list[ProposedRow]) -> list[Table]:
    from toolkit.excel.proofsheet import parse_key

    out: list[Table] = []
    for name, columns in TABLE_COLUMNS.items():
        by_row: dict[int, dict[str, Place | None]] = {}
        for row in rows:
            parsed = parse_key(row.key)
            if parsed is None or parsed[0] != name:
                continue
            by_row.setdefault(parsed[1], {})[parsed[2]] = row.place
        if by_row:
            out.append(
                Table(
                    name,
                    tuple(tuple(by_row[n].get(c) for c in columns) for n in sorted(by_row)),
                )
            )
    return out


# --- what identifies the layout ---------------------------------------------------------


def _labels(grid: Grid, hits: dict[tuple[int, int], Hit], places: list[Place]) -> tuple[Label, ...]:
    out: list[Label] = []
    for (r, c), hit in sorted(hits.items()):
        if hit.kind not in _LABEL_KINDS or r in grid.hidden_rows or c in grid.hidden_cols:
            continue
        box = Place(*hit.box)
        claimed = any(p.overlaps(box) for p in places)
        text = label_key(grid.value(r, c))
        if hit.inline is not None:
            out.append(Label(_prefix(text, hit), box, prefix=True))
        elif not claimed and text:
            out.append(Label(text, box))
    return tuple(out)


def _prefix(text: str, hit: Hit) -> str:
    """The printed part of a cell that holds a label and its value (「所属：西原警察署」):
    what comes before the value (more labels with their values may follow it:
    「協議会名：…　施設名：…」)."""
    value = label_key(hit.inline.value if hit.inline is not None else "")
    start = text.find(value, 1) if value else -1
    if start > 0:
        return text[:start].rstrip(":")
    return text[: max(1, len(text) - len(value))]


def _boxes(grid: Grid, rows: list[ProposedRow]) -> list[Place]:
    """The merged boxes the fields fill (`field_boxes` of the sheet's merges)."""
    fields = [(r.key, r.place) for r in rows if r.key in FIELD_KEYS]
    return list(field_boxes(fields, [Place(*m) for m in grid.merges]))


def _box_place(grid: Grid, cell: Cell | None) -> Place:
    assert cell is not None
    box = grid.box(cell.row, cell.col)
    sheet = cell.sheet if cell.sheet and cell.sheet != grid.sheet else None
    return Place(*box, sheet=sheet)


def _spread(grid: Grid, cells: list[RawCell]) -> Place:
    boxes = [grid.box(c.cell.row, c.cell.col) for c in cells if c.cell is not None]
    return Place(
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# --- the proof ----------------------------------------------------------------------------


def proof_book(proposal: Proposal, grid: Grid, source: str, fmt: str) -> P.ProofBook:
    """What the proof of `proposal` shows (the sheet `grid` of the file `source`)."""
    layout = proposal.layout
    rows = tuple(
        (r.key, P.key_label(r.key), r.place.a1 if r.place is not None else "", r.value)
        for r in proposal.rows
    )
    ident: list[tuple[str, str, str]] = [
        (P.IDENT_SOURCE, "", f"{source}「{proposal.sheet}」"),
        (P.IDENT_ID, "", layout.layout_id),
        (P.IDENT_SHEET, "", proposal.sheet),
        (P.IDENT_EXTENT, place_text((0, 0, *extent(grid))), ""),
        (P.IDENT_REPEAT, "", P.repeat_text(*layout.repeat, layout.repeat_by)),
    ]
    for lab in layout.labels:
        ident.append((P.IDENT_PREFIX if lab.prefix else P.IDENT_LABEL, lab.place.a1, lab.text))
    for box in sorted(set(grid.merges)):
        ident.append((P.IDENT_BOX, place_text(box), ""))
    for place in layout.legend:
        ident.append((P.IDENT_LEGEND, place.a1, str(grid.value(place.r0, place.c0) or "")))
    marks = [
        P.Mark(
            r.place.box,
            _kind(r.key),
            f"【{P.key_label(r.key)}】{r.key}\n読み取った値: {r.value or '（空欄）'}",
            r.place.sheet,
        )
        for r in proposal.rows
        if r.place is not None
    ]
    marks += [
        P.Mark(place.box, "unread", f"どの項目としても読まなかった文字: 「{text}」", place.sheet)
        for place, text in proposal.unread
    ]
    return P.ProofBook(
        source=source,
        sheet=proposal.sheet,
        format=fmt,
        layout_id=layout.layout_id,
        rows=rows,
        ident=tuple(ident),
        marks=tuple(marks),
        values=tuple(tuple(row) for row in grid.rows),
        merges=tuple(grid.merges),
    )


def _kind(key: str) -> str:
    parsed = P.parse_key(key)
    return parsed[0] if parsed is not None and parsed[0] else "field"
