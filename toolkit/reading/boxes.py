"""How much of a box's text prints: the boxes of our own template, measured as the sheet
has them (an officer may have made a row taller), against the type size of the form.

Only our template is measured: its boxes are known by their defined names, and the type
size of each is fixed by the form (the sheet is protected). A foreign layout's boxes are
not known well enough to say that text is cut.
"""

from __future__ import annotations

import functools
import re

from toolkit.cells import Cell, column_letter
from toolkit.excel.contract import INPUT_FONT_PT
from toolkit.model import Overflow
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.text import printed_capacity, wrapped_lines

_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")
_COLS = re.compile(rb"<(?:\w+:)?cols\b.*?</(?:\w+:)?cols>", re.S)
_ATTR = re.compile(rb'\b(r|ht|min|max|width)="([^"]*)"')
_DEFAULT_HEIGHT = re.compile(rb'defaultRowHeight="([0-9.]+)"')
_DEFAULT_WIDTH_PT = 15.0
_PX_PER_WIDTH = 8  # the Normal font of the template (Arial 11) has 8-pixel digits
_MM_PER_PX = 25.4 / 96

_LABELS = {
    "discussion": "協議内容等",
    "discussion_more": "協議内容等（続き）",
    "reference": "参考事項",
    "officers": "出席警察官名",
}


def overflows(grid: Grid, names: dict[str, tuple[int, int]], sheet_xml: bytes) -> list[Overflow]:
    """Every box of `names` whose text takes more lines on paper than the box has."""
    boxes = []
    for key, (r, c) in names.items():
        font = _font(key)
        if font is None:
            continue
        value = grid.value(r, c)
        if isinstance(value, str) and value.strip():
            boxes.append((key, r, c, font, value))
    if not boxes:
        return []
    ends = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in grid.merges}
    spans = [
        (key, r, c, *ends.get((r, c), (r, c)), font, value) for key, r, c, font, value in boxes
    ]
    needed = sorted({i + 1 for _, r, _, r1, _, _, _ in spans for i in range(r, r1 + 1)})
    heights, default_height = _row_heights(sheet_xml, needed)
    cols = _cols_section(sheet_xml)
    out = []
    for key, r, c, r1, c1, font, value in spans:
        text = value.strip()
        width_mm = _width_mm(cols, c, c1) if len(cols) <= _KEPT_COLS else _span(cols, c, c1)
        # Every box holds a line, and a line of n characters is at most 2n columns wide:
        # text that short is not measured (the box's height does not matter then).
        if "\n" not in text and 2 * len(text) <= printed_capacity(width_mm, 0.0, font)[0]:
            continue
        height_pt = sum(heights.get(i + 1, default_height) for i in range(r, r1 + 1))
        per_line, room = printed_capacity(width_mm, height_pt * 25.4 / 72, font)
        lines = wrapped_lines(text, per_line)
        if lines > room:
            out.append(Overflow(_label(key), Cell(grid.sheet, r, c), lines, room))
    return out


@functools.cache
def _font(key: str) -> float | None:
    """The type size of what is typed in the box named `key` (None: not a text box)."""
    return INPUT_FONT_PT.get(re.sub(r"_[0-9]+", "", key))


def _label(key: str) -> str:
    if key in _LABELS:
        return _LABELS[key]
    number = re.search(r"[0-9]+", key)
    n = number.group() if number else ""
    if key.startswith("agenda_"):
        return f"協議事項{n}"
    return f"要望事項{n}" if key.startswith("request_") else f"措置・回答{n}"


# One scan each for the usual attribute order (r before ht; min, max, width); a sheet
# written in another order goes through the attribute-by-attribute parse.
_HT = re.compile(rb'\bht="([0-9.]+)"')
_COL_WIDTH = re.compile(rb'<col min="([0-9]+)" max="([0-9]+)"[^>]*?\bwidth="([0-9.]+)"')
_WIDTH_COL = re.compile(rb'<col width="([0-9.]+)"[^>]*?\bmin="([0-9]+)" max="([0-9]+)"')
# A cell with something in it (a value, a formula, an inline string), as the usual writers
# write it: `<c r="E5" s="7" t="s"><v>`; an empty styled cell is `<c r="E5" s="7"/>`.
_TYPED = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"[^>]*+>\s*+<(?:v|f|is)\b')


def _row_heights(xml: bytes, needed: list[int]) -> tuple[dict[int, float], float]:
    """Heights (pt) of the `needed` rows (1-based, ascending) that the sheet sets, and the
    sheet's default. Rows written the usual way (`<row r="5" … ht="30">`, in order) are
    looked up one by one; any other way, every row tag is parsed."""
    found = _DEFAULT_HEIGHT.search(xml)
    default = float(found.group(1)) if found else _DEFAULT_WIDTH_PT
    first = xml.find(b"<row ")
    if first < 0:
        return {}, default
    heights: dict[int, float] = {}
    if xml.find(b'<row r="') == first:
        pos = first
        for n in needed:
            at = xml.find(b'<row r="%d"' % n, pos)
            if at < 0:
                continue
            pos = at
            ht = _HT.search(xml, at, xml.find(b">", at))
            if ht is not None:
                heights[n] = float(ht.group(1))
        return heights, default
    for m in _ROW.finditer(xml):
        attrs = dict(_ATTR.findall(m.group(1)))
        if b"r" in attrs and b"ht" in attrs:
            try:
                heights[int(attrs[b"r"])] = float(attrs[b"ht"])
            except ValueError:
                continue
    return heights, default


def _cols_section(xml: bytes) -> bytes:
    """The sheet's `<cols>…</cols>` (b"" when it has none)."""
    start = xml.find(b"<cols>")
    if start >= 0:
        end = xml.find(b"</cols>", start)
        return xml[start : end + 7] if end >= 0 else b""
    section = _COLS.search(xml)  # a prefixed namespace
    return section.group() if section is not None else b""


@functools.lru_cache(maxsize=64)
def _col_widths(xml: bytes) -> dict[int, float]:
    """Column widths in millimetres, as Excel draws a width (whole pixels), from a sheet's
    `<cols>` section (cached: the reports of one template share theirs). Not to be changed
    by the caller."""
    widths: dict[int, float] = {}
    cols = xml
    count = cols.count(b"<col ") + cols.count(b":col ")
    quick = _COL_WIDTH.findall(cols)
    if len(quick) == count:  # as Excel writes them
        found = [(int(a), int(b), float(w)) for a, b, w in quick]
    elif len(quick := _WIDTH_COL.findall(cols)) == count:  # as openpyxl writes them
        found = [(int(a), int(b), float(w)) for w, a, b in quick]
    else:
        found = []
        for m in _COL.finditer(cols):
            attrs = dict(_ATTR.findall(m.group(1)))
            try:
                found.append((int(attrs[b"min"]), int(attrs[b"max"]), float(attrs[b"width"])))
            except (KeyError, ValueError):
                continue
    for first, last, width in found:
        px = int(width * _PX_PER_WIDTH + 0.5)
        for j in range(first, min(last, first + 200) + 1):
            widths[j] = px * _MM_PER_PX
    return widths


_KEPT_COLS = 2**16  # a `<cols>` section up to this size is remembered with its widths


@functools.lru_cache(maxsize=256)
def _width_mm(cols: bytes, c0: int, c1: int) -> float:
    """`_span`, kept: the boxes of one form are measured in every report made from it."""
    return _span(cols, c0, c1)


def _span(cols: bytes, c0: int, c1: int) -> float:
    """How wide columns c0..c1 (0-based) are in millimetres, by the sheet's `<cols>`."""
    widths = _col_widths(cols)
    return sum(widths.get(j + 1, 5.0) for j in range(c0, c1 + 1))


def typed_in(sheet_xml: bytes, names: dict[str, tuple[int, int]]) -> bool:
    """Whether any cell named in `names` holds something in the sheet's XML. False only
    when the XML is written the usual way and none does; an unusual way counts as typed,
    so that the sheet is read."""
    cells = tuple(names.values())
    if len(sheet_xml) <= _KEPT_XML:
        return _typed_in_kept(sheet_xml, cells)
    return _typed_in(sheet_xml, cells)


_KEPT_XML = 2**20  # parts up to this size are remembered with their answer


@functools.lru_cache(maxsize=16)
def _typed_in_kept(sheet_xml: bytes, cells: tuple[tuple[int, int], ...]) -> bool:
    """`_typed_in`, kept by content: a 続紙 nobody wrote on is the same part in every
    report made from one form."""
    return _typed_in(sheet_xml, cells)


def _typed_in(sheet_xml: bytes, cells: tuple[tuple[int, int], ...]) -> bool:
    if b'<c r="' not in sheet_xml:
        return True  # prefixed tags or no cells: let the reader judge
    typed = set(_TYPED.findall(sheet_xml))
    return any(f"{column_letter(c)}{r + 1}".encode() in typed for r, c in cells)


def continue_from(raw: RawReport, grid: Grid, names: dict[str, tuple[int, int]]) -> None:
    """Add what the 続紙 (`grid`, read by its `names`) holds to the report of the form: its
    協議事項 and 要望事項 rows after the form's, and 協議内容等（続き） joined to 協議内容等
    on a new line (the cell stays the form's, where 協議内容等 begins)."""
    add_named_rows(raw, grid, names)
    more = _named(grid, names, "discussion_more")
    if isinstance(more.value, str) and more.value.strip():
        first = raw.first("discussion")
        if first is None or first.value in (None, ""):
            raw.fields["discussion"] = [more]
        else:
            joined = f"{str(first.value).rstrip()}\n{more.value.strip()}"
            raw.fields["discussion"] = [RawCell(joined, first.cell)]


def add_named_rows(raw: RawReport, grid: Grid, names: dict[str, tuple[int, int]]) -> None:
    """Append the 協議事項 and 要望事項 rows named in `names` (agenda_N_*, request_N and
    response_N), numbered on from the rows `raw` already has: the form's from 1, the
    続紙's after the form's."""
    n = len(raw.agenda) + 1
    while f"agenda_{n}_topic" in names:
        parts = ("category", "topic", "remarks")
        category, topic, remarks = (_named(grid, names, f"agenda_{n}_{p}") for p in parts)
        raw.agenda.append((category, topic, remarks))
        n += 1
    n = len(raw.requests) + 1
    while f"request_{n}" in names:
        raw.requests.append(
            (_named(grid, names, f"request_{n}"), _named(grid, names, f"response_{n}"))
        )
        n += 1


def _named(grid: Grid, names: dict[str, tuple[int, int]], key: str) -> RawCell:
    return grid.raw(*names[key]) if key in names else RawCell(None, None)
