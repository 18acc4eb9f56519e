"""Label-anchored reading: find each field of the 別記様式 by its printed label.

Stations draw their own versions of the form (方眼紙 grids, merged cells, labels with
spaces, labels above their values, rows inserted). Fixed cell addresses break on them, so
this reader finds every printed label, then takes the value to its right, or below it when
nothing is to the right, skipping merged continuations and unit cells such as 人. Tables
(区分/協議事項/備考 and 要望事項/措置・回答) are read row by row until the next section.

The result is a `RawReport`: values exactly as the workbook holds them, each with its cell.
Nothing is validated here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from toolkit import labels as L
from toolkit.cells import Cell
from toolkit.model import ReadNote
from toolkit.normalize import is_bare_marker, label_key, split_attendance
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Box, Grid
from toolkit.reading.lists import Layout, check_requests, find_layout, numbered_label, read_lists
from toolkit.reading.region import (
    MAX_CONTINUED_ROWS,
    continued_rows,
    label_rows,
    next_label_col,
    row_width,
    scan_right,
    window_right,
)
from toolkit.reading.sheetkind import is_hint

# --- the vocabulary, compiled once ------------------------------------------------------

FIELD_OF: dict[str, str] = {}
for _field, _variants in L.VARIANTS.items():
    for _v in _variants:
        FIELD_OF.setdefault(label_key(_v), _field)

HEADER_OF: dict[str, str] = {}
for _name, _variants in (
    ("category", L.AGENDA_CATEGORY),
    ("topic", L.AGENDA_TOPIC),
    ("remarks", L.AGENDA_REMARKS),
    ("request", L.REQUEST),
    ("response", L.RESPONSE),
):
    for _v in _variants:
        HEADER_OF.setdefault(label_key(_v), _name)

DECOR: frozenset[str] = frozenset(label_key(x) for x in L.DECORATION)
TITLE_KEYS: frozenset[str] = frozenset(
    label_key(x) for x in ("交番・駐在所連絡協議会開催結果報告書", "開催結果報告書")
)

# Labels that may carry their value in the same cell ("所属：西原警察署", "警察官 3人").
_PREFIX_LENGTHS = sorted({len(k) for k in FIELD_OF if len(k) >= 2}, reverse=True)
_COUNT_FIELDS = ("police_attendees", "civilian_attendees")
# List headers that may carry their list in the same cell (「協議事項：①…」). The short
# words (要望, 回答, 議題) are left out: 「要望：…」「回答：…」 lines are exchanges.
_LIST_HEADERS = frozenset({"topic", "request", "response"})
_LIST_FIRST = frozenset(k[0] for k, v in HEADER_OF.items() if v in _LIST_HEADERS) | frozenset(
    k[0] for variants in L.NUMBERED.values() for k in map(label_key, variants)
)
_LIST_PREFIX_LENGTHS = sorted(
    {len(k) for k, v in HEADER_OF.items() if v in _LIST_HEADERS and len(k) >= 4}, reverse=True
)
_NUMERAL_START = re.compile(r"[0-9〇零一二三四五六七八九十百]")
_INLINE_CACHE: dict[str, re.Pattern[str]] = {}

# Fields whose value may spread over several cells to the right of the label.
_MULTI = frozenset({"date", "meeting_type", "officers", "attendance", "time_range"})
# Free text that may go on over the rows below its label, one line a row; the rows are
# joined (and the record says so). The date may have its times on the row below.
_CONTINUED = frozenset({"discussion", "reference", "officers", "attachment"})
_COUNTED = frozenset({*_COUNT_FIELDS, "attendance"})
_DATE_ROWS = 1
# Fields that count for recognising a sheet as a report.
_CORE = frozenset(
    {
        "affiliation",
        "council_name",
        "facility_name",
        "date",
        "attendance",
        "police_attendees",
        "meeting_type",
        "discussion",
        "officers",
    }
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A printed word on the form: a field label, a table header, or decoration."""

    kind: str  # "field" | "header" | "item" | "decor" | "title"
    name: str
    box: Box
    inline: RawCell | None = None  # the value written in the label's own cell
    index: int = 0  # the number of a numbered row label (協議事項1, 要望事項2)
    # More labels with their values in the same cell (「協議会名：…　施設名：…」).
    also: tuple[tuple[str, RawCell], ...] = ()


# --- finding the labels -----------------------------------------------------------------


def find_hits(grid: Grid) -> dict[tuple[int, int], Hit]:
    """Every printed word of the form on the sheet, by the top-left cell of its area."""
    hits: dict[tuple[int, int], Hit] = {}
    for r, c, v in grid.cells():
        if not isinstance(v, str):
            continue
        if grid.anchor(r, c) != (r, c):
            continue  # a value left behind inside a merged area is not shown by Excel
        hit = _classify(v, grid, r, c)
        if hit is not None:
            hits[(r, c)] = hit
    return hits


def _classify(text: str, grid: Grid, r: int, c: int) -> Hit | None:
    key = label_key(text)
    if not key or len(key) > 40:
        return None
    box = grid.box(r, c)
    if key in FIELD_OF:
        return Hit("field", FIELD_OF[key], box)
    if key in HEADER_OF:
        return Hit("header", HEADER_OF[key], box)
    if key in TITLE_KEYS:
        return Hit("title", key, box)
    if key in DECOR:
        return Hit("decor", key, box)
    listed = _list_hit(text, key, grid, r, c)
    if listed is not None:
        return listed
    for n in _PREFIX_LENGTHS:
        name = FIELD_OF.get(key[:n])
        if name is None or len(key) == n:
            continue
        if name in _COUNT_FIELDS and split_attendance(text) is not None:
            return None  # "警察官3人・民間10人" is a value, not a label
        inline = _inline_value(text, key[:n], name)
        if inline is not None:
            first, more = _split_inline(inline)
            ref = grid.ref(r, c)
            also = tuple((other, RawCell(v, ref)) for other, v in more if other != name)
            return Hit("field", name, box, RawCell(first, ref), also=also)
    return None


def _list_hit(text: str, key: str, grid: Grid, r: int, c: int) -> Hit | None:
    """A numbered row label of a list (協議事項1, 要望事項２, 措置・回答①), or a list header
    with its list written after it in the same cell (「要望事項：①…②…」)."""
    if key[0] not in _LIST_FIRST:
        return None  # the common case: a value, not a list's label
    item = numbered_label(text, key)
    if item is not None:
        name, index, value = item
        inline = RawCell(value, grid.ref(r, c)) if value else None
        return Hit("item", name, grid.box(r, c), inline, index)
    for n in _LIST_PREFIX_LENGTHS:
        header = HEADER_OF.get(key[:n])
        if header is None or header not in _LIST_HEADERS or len(key) == n:
            continue
        after = _after_label(text, key[:n])
        if after is not None:
            return Hit("header", header, grid.box(r, c), RawCell(after, grid.ref(r, c)))
    return None


def _after_label(text: str, label: str) -> str | None:
    """What follows `label` (in label_key form) and a colon or a space in `text`, as
    typed: a list keeps its ①② (which NFKC would turn into digits)."""
    consumed = ""
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch)
        if not norm.strip():
            continue
        consumed += norm
        if consumed == label:
            rest = text[i + 1 :]
            stripped = rest.lstrip(" \t\u3000")
            colon = stripped[:1] in (":", "：")
            if not colon and not rest[:1].isspace():
                return None
            return (stripped[1:] if colon else stripped).strip() or None
        if not label.startswith(consumed):
            return None
    return None


def _inline_value(text: str, label: str, name: str) -> str | None:
    """The value after a label in the same cell, when a separator (or a count) follows it."""
    pattern = _INLINE_CACHE.get(label)
    if pattern is None:
        chars = r"\s*".join(re.escape(ch) for ch in label)
        pattern = re.compile(rf"^\s*{chars}(?P<sep>\s*:\s*|\s+|)(?P<v>.+)$", re.S)
        _INLINE_CACHE[label] = pattern
    m = pattern.match(unicodedata.normalize("NFKC", text))
    if m is None:
        return None
    value = m.group("v").strip()
    if not value:
        return None
    if m.group("sep") or (name in _COUNT_FIELDS and _NUMERAL_START.match(value)):
        return value
    return None


_LABEL_COLON: list[re.Pattern[str]] = []


def _split_inline(value: str) -> tuple[str, list[tuple[str, str]]]:
    """A value written after its label, cut where another label and a colon follow it in
    the same cell: 「新田地区交番連絡協議会　施設名：新田交番」 → the council's name, and
    (facility_name, 新田交番)."""
    if ":" not in value:
        return value, []
    if not _LABEL_COLON:
        words = sorted((k for k in FIELD_OF if len(k) >= 2), key=len, reverse=True)
        alternation = "|".join(r"\s*".join(map(re.escape, w)) for w in words)
        _LABEL_COLON.append(re.compile(rf"(?:^|(?<=\s))(?P<label>{alternation})\s*:\s*"))
    marks = list(_LABEL_COLON[0].finditer(value))
    if not marks:
        return value, []
    first = value[: marks[0].start()].strip()
    more = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(value)
        text = value[m.end() : end].strip()
        name = FIELD_OF.get(label_key(m.group("label")))
        if name is not None and text:
            more.append((name, text))
    return (first or value), more


def is_report(hits: dict[tuple[int, int], Hit]) -> bool:
    """A sheet is a report when it shows enough of the form's labels."""
    names = {h.name for h in hits.values() if h.kind == "field"} & _CORE
    titled = any(h.kind == "title" for h in hits.values())
    headers = {h.name for h in hits.values() if h.kind == "header"}
    score = len(names) + (1 if {"category", "topic"} <= headers else 0)
    return score >= 4 or (titled and score >= 3)


# --- reading values ---------------------------------------------------------------------


def read_labelled(grid: Grid, hits: dict[tuple[int, int], Hit]) -> RawReport:
    """Read one report sheet by its labels."""
    raw = RawReport(grid.sheet)
    layout = find_layout(grid, hits)
    votes = {"right": 0, "below": 0}
    missing: list[Hit] = []
    for pos in sorted(hits):
        hit = hits[pos]
        if hit.kind != "field" or raw.fields.get(hit.name):
            continue
        if hit.inline is not None:
            raw.fields[hit.name] = [hit.inline]
            for other, cell in hit.also:
                if not raw.fields.get(other):
                    raw.fields[other] = [cell]
            continue
        cells, where = _value_of(grid, hits, hit, raw)
        if cells:
            raw.fields[hit.name] = cells
            votes[where] += 1
        elif hit.name not in raw.fields:
            raw.fields[hit.name] = []
            missing.append(hit)
    below = votes["below"] > votes["right"]
    for hit in missing:
        r0, c0, r1, c1 = hit.box
        raw.expected[hit.name] = grid.ref(r1 + 1, c0) if below else grid.ref(r0, c1 + 1)
    _read_tables(grid, hits, raw, layout)
    read_lists(grid, hits, layout, raw)
    check_requests(grid, hits, raw)
    _check_unformatted_phone(grid, raw)
    return raw


def _check_unformatted_phone(grid: Grid, raw: RawReport) -> None:
    """A phone stored as a short number where formats cannot be read (.xls): it may be
    shown with leading zeros (215 as 0215), so the record says it was read as stored."""
    first = raw.first("phone")
    if grid.shown is not None or first is None or first.cell is None:
        return
    value = first.value
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1000:
        raw.notes.append(
            ReadNote(
                "I1.unformatted-number",
                "phone",
                first.cell,
                (
                    ("label", L.PRINTED["phone"]),
                    ("where", str(first.cell)),
                    ("found", str(int(value)) if float(value).is_integer() else str(value)),
                ),
            )
        )


def _value_of(
    grid: Grid, hits: dict[tuple[int, int], Hit], hit: Hit, raw: RawReport
) -> tuple[list[RawCell], str]:
    r0, c0, r1, c1 = hit.box
    multi = hit.name in _MULTI
    # Counts mean the same whatever their format (3 shown as 3人): not looked up.
    shown = hit.name not in _COUNTED
    right = scan_right(grid, hits, r0, c1 + 1, multi, shown=shown)
    if right and not multi and hit.name not in _CONTINUED:
        return right, "right"
    if right:
        cols = window_right(grid, hits, hit.box)
        rows = [right]
        if multi or hit.name in _CONTINUED:
            rows += label_rows(grid, hits, hit.box, cols)
        if hit.name in _CONTINUED or hit.name == "date":
            last = max([r1, *(_bottom(grid, c) for row in rows for c in row)])
            limit = _DATE_ROWS if hit.name == "date" else MAX_CONTINUED_ROWS
            rows += continued_rows(grid, hits, last, (c0, c1), cols, limit)
        _note_joined(raw, hit.name, rows)
        return [c for row in rows for c in row], "right"
    below = grid.anchor(r1 + 1, c0)
    if below in hits or grid.value(*below) is None:
        return [], "right"
    nxt = next_label_col(hits, r0, c1)
    cols = (c0, nxt - 1 if nxt is not None else max(row_width(grid, below[0]) - 1, c1))
    first = scan_right(grid, hits, below[0], c0, multi, cols[1] if multi else c1, shown=shown)
    if not first:
        return [], "right"
    rows = [first]
    if hit.name in _CONTINUED:
        last = max(_bottom(grid, c) for c in first)
        rows += continued_rows(grid, hits, last, None, cols)
    _note_joined(raw, hit.name, rows)
    return [c for row in rows for c in row], "below"


def _bottom(grid: Grid, cell: RawCell) -> int:
    assert cell.cell is not None
    return grid.box(cell.cell.row, cell.cell.col)[2]


def _note_joined(raw: RawReport, name: str, rows: list[list[RawCell]]) -> None:
    """Text read from several rows says so in the record, naming the first and last cell."""
    if len(rows) < 2 or name not in _CONTINUED:
        return
    first, last = rows[0][0].cell, rows[-1][0].cell
    assert first is not None and last is not None
    raw.notes.append(
        ReadNote(
            "I1.joined-rows",
            name,
            first,
            (
                ("label", L.PRINTED[name]),
                ("rows", str(len(rows))),
                ("first", first.a1),
                ("last", last.a1),
            ),
        )
    )


# --- tables -----------------------------------------------------------------------------


def _read_tables(
    grid: Grid, hits: dict[tuple[int, int], Hit], raw: RawReport, layout: Layout
) -> None:
    headers: dict[int, dict[str, Hit]] = {}
    for (r, c), hit in sorted(hits.items()):
        if hit.kind == "header" and (r, c) not in layout.claimed:
            row = headers.setdefault(r, {})
            other = row.get(hit.name)
            # The same word twice on a header row: a heading printed down the side of the
            # table (協議事項 merged over its rows) and the column's own header.
            if other is None or _span(hit) < _span(other):
                row[hit.name] = hit
    for r, row in headers.items():
        if "category" in row and "topic" not in row:
            topic = _topic_word(grid, hits, r, row["category"])
            if topic is not None:
                row["topic"] = topic
    # Rows that end a table: any field label, or a header row of another table.
    stops = sorted({r for (r, _c), h in hits.items() if h.kind in ("field", "header", "item")})
    agenda_row = _header_row_of(headers, "topic", ("category", "remarks"))
    request_row = _header_row_of(headers, "request", ("response",))
    if agenda_row is not None:
        cols = headers[agenda_row]
        joined: list[tuple[list[RawCell], int]] = []
        names = ("category", "topic", "remarks")
        rows = _table_rows(grid, hits, agenda_row, cols, names, stops, joined)
        raw.agenda = [(row[0], row[1], row[2]) for row in rows]
        raw.agenda_cell = _first_cell(grid, cols["topic"])
        _note_pasted(raw, "agenda", "topic", joined, grid)
    if request_row is not None:
        cols = headers[request_row]
        joined = []
        rows = _table_rows(grid, hits, request_row, cols, ("request", "response"), stops, joined)
        raw.requests = [(row[0], row[1]) for row in rows]
        raw.requests_cell = _first_cell(grid, cols["request"])
        _note_pasted(raw, "requests", "request", joined, grid)


def _note_pasted(
    raw: RawReport, field: str, label: str, joined: list[tuple[list[RawCell], int]], grid: Grid
) -> None:
    """Rows of a table read as the paragraphs of one item say so, naming the item's cell."""
    last: dict[int, int] = {}
    first: dict[int, RawCell] = {}
    for row, r in joined:
        key = id(row)
        first.setdefault(key, next((c for c in row if c.cell is not None), row[0]))
        last[key] = r
    for key, cell in first.items():
        assert cell.cell is not None
        end = grid.ref(last[key], cell.cell.col)
        rows = last[key] - cell.cell.row + 1
        raw.notes.append(
            ReadNote(
                "I1.joined-rows",
                field,
                cell.cell,
                (
                    ("label", L.PRINTED[label]),
                    ("rows", str(rows)),
                    ("first", cell.cell.a1),
                    ("last", end.a1),
                ),
            )
        )


def _span(hit: Hit) -> int:
    return hit.box[2] - hit.box[0]


def _header_row_of(
    headers: dict[int, dict[str, Hit]], name: str, partners: tuple[str, ...]
) -> int | None:
    """The header row of a table: of the rows that hold `name`, the first that also holds
    one of its partners (区分 and 備考 beside 協議事項), else the first. A 協議事項 printed
    alone above the header row is the table's heading."""
    rows = [r for r, h in sorted(headers.items()) if name in h]
    paired = [r for r in rows if any(p in headers[r] for p in partners)]
    chosen = paired or rows
    return chosen[0] if chosen else None


def _topic_word(grid: Grid, hits: dict[tuple[int, int], Hit], r: int, category: Hit) -> Hit | None:
    """The column of the topics on a header row that names it otherwise (区分 | 内容 | 備考)."""
    c = category.box[3] + 1
    width = len(grid.rows[r]) if r < grid.height else 0
    while c < width:
        ar, ac = grid.anchor(r, c)
        v = grid.value(ar, ac)
        if ar == r and v is not None:
            hit = hits.get((ar, ac))
            if label_key(v) in _TOPIC_WORDS or (hit is not None and hit.name == "discussion"):
                return Hit("header", "topic", grid.box(ar, ac))
            return None
        c = grid.box(r, c)[3] + 1
    return None


_TOPIC_WORDS = frozenset(
    {"内容", "事項", "協議内容", "議題", "協議の内容", "主な内容", "概要", "テーマ"}
)


def _first_cell(grid: Grid, hit: Hit) -> Cell:
    """The cell under a table header, where the table's first row is written."""
    return grid.ref(hit.box[2] + 1, hit.box[1])


def _table_rows(
    grid: Grid,
    hits: dict[tuple[int, int], Hit],
    header_row: int,
    cols: dict[str, Hit],
    names: tuple[str, ...],
    stops: list[int],
    joined: list[tuple[list[RawCell], int]],
) -> list[list[RawCell]]:
    present = sorted((h.box[1], n) for n, h in cols.items() if n in names)
    windows: dict[str, tuple[int, int]] = {}
    for i, (c0, n) in enumerate(present):
        end = present[i + 1][0] - 1 if i + 1 < len(present) else grid.width - 1
        windows[n] = (c0, max(end, cols[n].box[3]) if i + 1 == len(present) else end)
    first = max(h.box[2] for h in cols.values()) + 1
    last = next((s - 1 for s in stops if s > header_row), grid.height - 1)
    # Where a column with no header of its own points: the first column's, else the leftmost.
    anchor = cols[names[0]].box[1] if names[0] in cols else present[0][0]
    rows: list[list[RawCell]] = []
    top = first  # the first row of the item being read
    for r in range(first, last + 1):
        row: list[RawCell] = []
        starts: list[bool] = []
        for n in names:
            if n not in windows:
                row.append(RawCell(None, grid.ref(r, anchor)))
                starts.append(False)
                continue
            cell, starts_here = _window_value(
                grid, hits, r, windows[n], n in _NUMBERED_COLS, coded=n == "category"
            )
            row.append(cell)
            starts.append(starts_here)
        if not any(starts):
            continue
        if rows and _continued(grid, r, top, [windows.get(n) for n in names[1:]]):
            # A table pasted from Word: a cell of several paragraphs takes a row each, the
            # other cells of its row merged down beside them. The paragraphs are one item.
            for i, here in enumerate(starts):
                if here:
                    rows[-1][i] = _join_cells(rows[-1][i], row[i])
            joined.append((rows[-1], r))
            continue
        rows.append(row)
        top = r
    return rows


def _continued(grid: Grid, r: int, top: int, windows: list[tuple[int, int] | None]) -> bool:
    """Whether row r goes on with the item that starts on row `top`: a column after the
    first is one box merged down from `top` over row r."""
    for window in windows:
        if window is None:
            continue
        box = grid.box(r, window[0])
        if box[0] == top < r <= box[2] and box != (r, window[0], r, window[0]):
            return True
    return False


def _join_cells(before: RawCell, more: RawCell) -> RawCell:
    if before.value is None:
        return more
    if more.value is None:
        return before
    return RawCell(f"{str(before.value).rstrip()}\n{str(more.value).strip()}", before.cell)


# Table columns whose header may also stand over a printed number column (1, 2, 3…).
_NUMBERED_COLS = frozenset({"category", "topic", "request"})


def _window_value(
    grid: Grid,
    hits: dict[tuple[int, int], Hit],
    r: int,
    window: tuple[int, int],
    numbered: bool = False,
    *,
    coded: bool = False,
) -> tuple[RawCell, bool]:
    """The value of a table column on row r, and whether it starts on this row.

    A value merged down from a row above (a 区分 spanning several topics) is returned but
    does not start a new row of the table. In a `numbered` column, a printed row number
    (1, ①, "2.") before the text is not the value, and alone does not start a row.
    """
    c0, c1 = window
    c = c0
    inherited: RawCell | None = None
    marker: RawCell | None = None
    while c <= c1:
        ar, ac = grid.anchor(r, c)
        box = grid.box(r, c)
        if (ar, ac) not in hits:
            v = grid.value(ar, ac)
            if numbered and coded and ar == r and marker is None and is_bare_marker(v):
                marker = RawCell(v, grid.ref(ar, ac))
            if v is not None and not (numbered and is_bare_marker(v)) and not is_hint(v):
                if ar == r:
                    return RawCell(v, grid.ref(ar, ac)), True
                if inherited is None and ac <= c0:
                    inherited = RawCell(v, grid.ref(ar, ac))
        c = box[3] + 1
    if inherited is not None:
        return inherited, False
    if marker is not None:
        return marker, False  # a 区分 written as a code (1–4), read through the legend
    return RawCell(None, grid.ref(r, c0)), False
