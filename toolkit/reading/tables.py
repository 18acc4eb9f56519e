"""The form's tables: 区分 / 協議事項 / 備考 and 要望事項 / 措置・回答, read row by row under
their header until the next section.

A header row may name its topic column otherwise (区分 | 内容 | 備考), carry a heading
printed down its side (協議事項 merged over the table's rows), or sit under a heading of
its own (協議事項 above 区分 | 内容 | 備考). A 区分 may span several topics (merged down);
a 区分 written as a code (1–4) is kept for the sheet's legend; a printed row number is not
a value. A table pasted from Word gives one row per paragraph of a cell, the other cells of
its row merged down beside them: those rows are one item, and the record says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit import labels as L
from toolkit.cells import Cell
from toolkit.model import ReadNote
from toolkit.normalize import canonical_category, is_bare_marker, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Box, Grid
from toolkit.reading.lists import Layout
from toolkit.reading.region import Label, Labels
from toolkit.reading.sheetkind import is_hint


@dataclass(frozen=True, slots=True)
class _Word:
    """A header word of a table found by its place rather than by the vocabulary."""

    kind: str
    name: str
    box: Box


def read_tables(grid: Grid, hits: Labels, raw: RawReport, layout: Layout) -> None:
    headers: dict[int, dict[str, Label]] = {}
    for (r, c), hit in sorted(hits.items()):
        if hit.kind == "header" and (r, c) not in layout.claimed:
            row = headers.setdefault(r, {})
            other = row.get(hit.name)
            # The same word twice on a header row: a heading printed down the side of the
            # table (協議事項 merged over its rows) and the column's own header.
            if other is None or _span(hit) < _span(other):
                row[hit.name] = hit
    for r, row in headers.items():
        side = (
            "topic" in row and row["topic"].box[3] < row["category"].box[1]
            if "category" in row
            else False
        )
        if "category" in row and ("topic" not in row or side):
            # (協議事項 printed down the side, left of 区分 | 内容 | 備考, is the table's heading)
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
        rows = _under_headings(rows, raw)
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


# A 区分 printed as a heading over its topics: 「(1)　交番等の活動状況」 then 「・巡回連絡」.
_HEADING_MARK = re.compile(
    r"^\s*(?:[(（]\s*[0-9０-９]{1,2}\s*[)）]|[0-9０-９]{1,2}\s*[.．、)）]|[①-⑳]|[アイウエ][\s.．、:：])\s*"
)


def _under_headings(rows: list[list[RawCell]], raw: RawReport) -> list[list[RawCell]]:
    """Rows of a 協議事項 table whose only text is a 区分 heading give their 区分 to the
    topics under them, and the record says so; other tables are unchanged."""
    out: list[list[RawCell]] = []
    heading: RawCell | None = None
    found = False
    for row in rows:
        category, topic, remarks = row
        text = topic.value if category.value is None and remarks.value is None else None
        if isinstance(text, str):
            mark = _HEADING_MARK.match(text)
            rest = text[mark.end() :] if mark else text
            name = canonical_category(rest)
            if name is not None and (mark is not None or label_key(rest) == label_key(name)):
                heading = RawCell(name, topic.cell)
                found = True
                continue
        if heading is not None and category.value is None and topic.value is not None:
            row = [heading, topic, remarks]
        out.append(row)
    if found and out:
        first = next((r[0].cell for r in out if r[0].cell is not None), None)
        raw.notes.append(
            ReadNote(
                "I1.category-heading", "agenda", first, (("where", first.a1 if first else ""),)
            )
        )
    return out if found else rows


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


def _span(hit: Label) -> int:
    return hit.box[2] - hit.box[0]


def _header_row_of(
    headers: dict[int, dict[str, Label]], name: str, partners: tuple[str, ...]
) -> int | None:
    """The header row of a table: of the rows that hold `name`, the first that also holds
    one of its partners (区分 and 備考 beside 協議事項), else the first. A 協議事項 printed
    alone above the header row is the table's heading."""
    rows = [r for r, h in sorted(headers.items()) if name in h]
    paired = [r for r in rows if any(p in headers[r] for p in partners)]
    chosen = paired or rows
    return chosen[0] if chosen else None


def _topic_word(grid: Grid, hits: Labels, r: int, category: Label) -> Label | None:
    """The column of the topics on a header row that names it otherwise (区分 | 内容 | 備考)."""
    c = category.box[3] + 1
    width = len(grid.rows[r]) if r < grid.height else 0
    while c < width:
        ar, ac = grid.anchor(r, c)
        v = grid.value(ar, ac)
        if ar == r and v is not None:
            hit = hits.get((ar, ac))
            if label_key(v) in _TOPIC_WORDS or (hit is not None and hit.name == "discussion"):
                return _Word("header", "topic", grid.box(ar, ac))
            return None
        c = grid.box(r, c)[3] + 1
    return None


_TOPIC_WORDS = frozenset(
    {"内容", "事項", "協議内容", "議題", "協議の内容", "主な内容", "概要", "テーマ"}
)


def _first_cell(grid: Grid, hit: Label) -> Cell:
    """The cell under a table header, where the table's first row is written."""
    return grid.ref(hit.box[2] + 1, hit.box[1])


_CLOSING = frozenset({"以上"})


def _closing(grid: Grid, r: int, windows: list[tuple[int, int]]) -> bool:
    """A row that holds only the closing word of a document (「以上」)."""
    texts = [
        grid.value(r, c)
        for lo, hi in windows
        for c in range(lo, hi + 1)
        if grid.anchor(r, c) == (r, c) and grid.value(r, c) is not None
    ]
    return bool(texts) and all(isinstance(t, str) and label_key(t) in _CLOSING for t in texts)


def _table_rows(
    grid: Grid,
    hits: Labels,
    header_row: int,
    cols: dict[str, Label],
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
        if _closing(grid, r, [windows[n] for _, n in present]):
            break  # 「以上」: the end of the document
        if _across(grid, r, [windows[n] for _, n in present]):
            continue  # one box across every column: a note or a legend, not an item
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


def _across(grid: Grid, r: int, windows: list[tuple[int, int]]) -> bool:
    """Whether row r of a table of two columns or more is one box written across all of
    them (「区分　ア：交番等の活動状況　イ：…」 under the table)."""
    if len(windows) < 2:
        return False
    anchors = {grid.anchor(r, c0) for c0, _ in windows}
    if len(anchors) != 1:
        return False
    (ar, ac) = next(iter(anchors))
    return ar == r and grid.value(ar, ac) is not None


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
    hits: Labels,
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
