"""What a sheet prints: its hidden rows and columns, and its print area.

SPEC ("Layouts HQ confirms"): what is not printed is not the report. Helper columns of
codes, formulas that check a weekday, the rows of the previous meeting kept hidden, notes
beside the form outside the print area: a person reading the printed form never sees
them, so they are never read as a value. They stay in `Grid.unprinted`, to explain what
was seen (the cell a checkbox is linked to, a code that repeats a printed value).

Each format says it its own way, and python-calamine gives none of it:
- .xlsx / .xlsm: `<row hidden="1">` and `<col hidden="1">` in the worksheet part, the print
  area as the defined name `_xlnm.Print_Area` of the workbook part;
- .ods: `table:visibility="collapse"` (or "filter") on rows and columns of content.xml,
  the print area as `table:print-ranges` of the table;
- .xls: the hidden bit of ROW and COLINFO records, the print area as the built-in NAME 6.

A print area that cuts through the form (a label of the form, or a merged box, outside
it) is a page set up wrongly, not the edge of the report: the sheet is then read whole and
`Grid.print_area_cut` says so.
"""

from __future__ import annotations

import functools
import io
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from toolkit.cells import column_index
from toolkit.excel.guard import Unreadable, expat_parser, parse_xml
from toolkit.reading.grid import Box, Grid

# How far hidden rows and columns are followed: no form is taller or wider, and a file
# that hides a million rows costs nothing more.
_MAX_ROWS = 5000
_MAX_COLS = 500


@dataclass(frozen=True, slots=True)
class Printed:
    """What one sheet hides, and its print area (None when none is set)."""

    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    print_area: Box | None = None


NOTHING_HIDDEN = Printed()


# --- print areas as written -------------------------------------------------------------

_REF = re.compile(r"\$?([A-Z]{1,3})?\$?([0-9]{1,7})?")


@functools.lru_cache(maxsize=256)
def parse_area(text: str) -> Box | None:
    """The box of a print area as Excel or LibreOffice writes it: `'報告'!$A$1:$AH$31`,
    `報告!$A:$AH`, `報告.A1:報告.H30`; several areas (joined by `,` or spaces) give the box
    around them all. None when nothing can be read."""
    boxes = [b for part in re.split(r"[,;\s]+", text.strip()) if (b := _one_area(part))]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _one_area(part: str) -> Box | None:
    corners = []
    for ref in part.split(":"):
        ref = ref.rsplit("!", 1)[-1]
        ref = ref.rsplit(".", 1)[-1] if "." in ref else ref
        m = _REF.fullmatch(ref.strip().upper())
        if m is None or not (m.group(1) or m.group(2)):
            return None
        col = column_index(m.group(1)) if m.group(1) else None
        row = int(m.group(2)) - 1 if m.group(2) else None
        corners.append((row, col))
    if len(corners) == 1:
        corners.append(corners[0])
    (ra, ca), (rb, cb) = corners[0], corners[-1]
    r0 = min(ra, rb) if ra is not None and rb is not None else 0
    r1 = max(ra, rb) if ra is not None and rb is not None else _MAX_ROWS * 100
    c0 = min(ca, cb) if ca is not None and cb is not None else 0
    c1 = max(ca, cb) if ca is not None and cb is not None else _MAX_COLS * 100
    if r0 < 0 or c0 < 0:
        return None
    return r0, c0, r1, c1


# --- .xlsx ------------------------------------------------------------------------------

_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_R = re.compile(rb'\br="([0-9]{1,7})"')
_MIN = re.compile(rb'\bmin="([0-9]{1,5})"')
_MAX = re.compile(rb'\bmax="([0-9]{1,5})"')


def xlsx_hidden(sheet_xml: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """0-based hidden rows and columns of a worksheet part (a quick look first: most
    sheets hide nothing)."""
    if b'hidden="1"' not in sheet_xml and b'hidden="true"' not in sheet_xml:
        return frozenset(), frozenset()
    rows: set[int] = set()
    cols: set[int] = set()
    start = sheet_xml.find(b"<sheetData")
    head = sheet_xml[: start if start >= 0 else len(sheet_xml)]
    for m in _COL_TAG.finditer(head):
        attrs = m.group(1)
        if not _HIDDEN.search(attrs):
            continue
        lo, hi = _MIN.search(attrs), _MAX.search(attrs)
        if lo is None:
            continue
        first = int(lo.group(1)) - 1
        last = int(hi.group(1)) - 1 if hi is not None else first
        cols.update(range(max(first, 0), min(last, _MAX_COLS) + 1))
    index = -1
    for m in _ROW_TAG.finditer(sheet_xml, start if start >= 0 else 0):
        attrs = m.group(1)
        r = _R.search(attrs)
        index = int(r.group(1)) - 1 if r is not None else index + 1
        if index > _MAX_ROWS:
            break
        if _HIDDEN.search(attrs):
            rows.add(index)
    return frozenset(rows), frozenset(cols)


# --- .ods -------------------------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def ods_printed(content: bytes) -> dict[str, Printed]:
    """What each table of an .ods hides, and its print area, by table name."""
    if b"table:visibility=" not in content and b"print-ranges" not in content:
        return {}
    out: dict[str, Printed] = {}
    state = {"row": 0, "col": 0}
    current: list[object] = ["", set(), set(), None]  # name, rows, cols, area

    def close() -> None:
        name, rows, cols, area = current
        assert isinstance(rows, set) and isinstance(cols, set)
        if rows or cols or area is not None:
            out[str(name)] = Printed(frozenset(rows), frozenset(cols), area)  # type: ignore[arg-type]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_TABLE} table":
            current[:] = [attrs.get(f"{_TABLE} name", ""), set(), set(), None]
            ranges = attrs.get(f"{_TABLE} print-ranges")
            current[3] = parse_area(ranges) if ranges else None
            state["row"] = state["col"] = 0
            return
        hidden = attrs.get(f"{_TABLE} visibility", "visible") != "visible"
        if name == f"{_TABLE} table-column":
            n = _repeat(attrs.get(f"{_TABLE} number-columns-repeated"))
            if hidden:
                cols = current[2]
                assert isinstance(cols, set)
                cols.update(range(state["col"], min(state["col"] + n, _MAX_COLS)))
            state["col"] += n
        elif name == f"{_TABLE} table-row":
            n = _repeat(attrs.get(f"{_TABLE} number-rows-repeated"))
            if hidden:
                rows = current[1]
                assert isinstance(rows, set)
                rows.update(range(state["row"], min(state["row"] + n, _MAX_ROWS)))
            state["row"] += n

    def end(name: str) -> None:
        if name == f"{_TABLE} table":
            close()

    parser = expat_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parse_xml(parser, content, "content.xml")
    except (Unreadable, ValueError):
        return out  # the cells' reader says what is wrong with the part
    return out


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


# --- .xls -------------------------------------------------------------------------------

_BOF, _EOF, _BOUNDSHEET, _NAME = 0x0809, 0x000A, 0x0085, 0x0018
_ROW, _COLINFO = 0x0208, 0x007D
_PRINT_AREA = 0x06  # the built-in name Print_Area
_AREA3D = frozenset({0x3B, 0x5B, 0x7B})


def xls_printed(data: bytes) -> dict[str, Printed]:
    """What each worksheet of a BIFF8 workbook hides, and its print area, by sheet name.
    Records that make no sense end the look quietly: the cells' reader has judged the
    file."""
    try:
        import olefile

        ole = olefile.OleFileIO(io.BytesIO(data))
        stream = ole.openstream("Workbook").read() if ole.exists("Workbook") else b""
    except Exception:  # olefile raises many kinds of errors; the guard judged the file
        return {}
    if not stream:
        return {}
    sheets: list[tuple[int, str]] = []
    areas: dict[int, Box] = {}
    for rid, body, size in _records(stream, 0):
        if rid == _BOUNDSHEET and size >= 8:
            sheets.append((struct.unpack_from("<I", stream, body)[0], _sheet_name(stream, body)))
        elif rid == _NAME and size >= 15:
            found = _print_area(stream, body, size)
            if found is not None:
                areas[found[0]] = found[1]
    out: dict[str, Printed] = {}
    for i, (offset, name) in enumerate(sheets):
        rows, cols = _hidden_in(stream, offset)
        area = areas.get(i + 1)
        if rows or cols or area is not None:
            out[name] = Printed(rows, cols, area)
    return out


def _records(stream: bytes, pos: int) -> Iterable[tuple[int, int, int]]:
    """(type, body offset, size) of the records of the substream starting at `pos`."""
    end = len(stream)
    depth = 0
    while pos + 4 <= end:
        rid, size = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        if body + size > end:
            return
        yield rid, body, size
        pos = body + size
        if rid == _BOF:
            depth += 1
        elif rid == _EOF:
            depth -= 1
            if depth <= 0:
                return


def _sheet_name(stream: bytes, body: int) -> str:
    cch, high = stream[body + 6], stream[body + 7] & 1
    raw = stream[body + 8 : body + 8 + cch * (2 if high else 1)]
    return raw.decode("utf-16-le" if high else "latin-1", "replace")


def _print_area(stream: bytes, body: int, size: int) -> tuple[int, Box] | None:
    (flags,) = struct.unpack_from("<H", stream, body)
    cch = stream[body + 3]
    (cce,) = struct.unpack_from("<H", stream, body + 4)
    (itab,) = struct.unpack_from("<H", stream, body + 8)
    if not flags & 0x0020 or cch != 1 or itab == 0:
        return None
    name_at = body + 14
    high = stream[name_at] & 1
    code = stream[name_at + 1]
    if code != _PRINT_AREA:
        return None
    formula = name_at + 1 + (2 if high else 1)
    end = min(formula + cce, body + size)
    boxes: list[Box] = []
    pos = formula
    while pos < end:
        ptg = stream[pos]
        if ptg in _AREA3D and pos + 11 <= end:
            r0, r1, c0, c1 = struct.unpack_from("<HHHH", stream, pos + 3)
            boxes.append((r0, c0 & 0x00FF, r1, c1 & 0x00FF))
            pos += 11
        elif ptg == 0x10:  # ptgUnion between two areas
            pos += 1
        else:
            break
    if not boxes:
        return None
    return itab, (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _hidden_in(stream: bytes, offset: int) -> tuple[frozenset[int], frozenset[int]]:
    rows: set[int] = set()
    cols: set[int] = set()
    for rid, body, size in _records(stream, offset):
        if rid == _ROW and size >= 16:
            row, _, _, _, _, _, flags = struct.unpack_from("<HHHHHHH", stream, body)
            if flags & 0x0020 and row <= _MAX_ROWS:
                rows.add(row)
        elif rid == _COLINFO and size >= 10:
            first, last, _, _, flags = struct.unpack_from("<HHHHH", stream, body)
            if flags & 0x0001:
                cols.update(range(first, min(last, _MAX_COLS) + 1))
    return frozenset(rows), frozenset(cols)


# --- the sheet as printed ---------------------------------------------------------------


def with_printed(grid: Grid, printed: Printed) -> Grid:
    """The grid carrying what its sheet hides and its print area."""
    if printed is NOTHING_HIDDEN or printed == NOTHING_HIDDEN:
        return grid
    return replace(
        grid,
        hidden_rows=printed.hidden_rows,
        hidden_cols=printed.hidden_cols,
        print_area=printed.print_area,
    )


def hide(grid: Grid) -> Grid:
    """The grid without the cells of hidden rows and columns (kept in `unprinted`). A
    merged box shows its value while one of its rows and one of its columns is shown."""
    if not grid.hidden_rows and not grid.hidden_cols:
        return grid
    return _without(grid, lambda box: _hidden(grid, box))


def clip(grid: Grid, labels: Iterable[tuple[int, int]]) -> Grid:
    """The grid without what lies outside its print area (kept in `unprinted`), unless
    the area cuts through the form: a merged box across its edge, or one of `labels` (the
    form's printed words) outside it. Then the grid is returned whole, marked."""
    area = grid.print_area
    if area is None:
        return grid
    r0, c0, r1, c1 = area
    for b in grid.merges:
        inside = r0 <= b[0] and b[2] <= r1 and c0 <= b[1] and b[3] <= c1
        outside = b[2] < r0 or b[0] > r1 or b[3] < c0 or b[1] > c1
        if not inside and not outside:
            return replace(grid, print_area_cut=True)
    if any(not (r0 <= r <= r1 and c0 <= c <= c1) for r, c in labels):
        return replace(grid, print_area_cut=True)
    return _without(grid, lambda box: box[2] < r0 or box[0] > r1 or box[3] < c0 or box[1] > c1)


def _hidden(grid: Grid, box: Box) -> bool:
    rows = grid.hidden_rows
    cols = grid.hidden_cols
    return all(r in rows for r in range(box[0], box[2] + 1)) or all(
        c in cols for c in range(box[1], box[3] + 1)
    )


def _without(grid: Grid, gone: Callable[[Box], bool]) -> Grid:
    """The grid without the values of the boxes `gone` says are not printed."""
    rows = list(grid.rows)
    unprinted = dict(grid.unprinted)
    for r, row in enumerate(grid.rows):
        copied: list[object] | None = None
        for c, v in enumerate(row):
            if v is None or v == "" or (isinstance(v, str) and not v.strip()):
                continue
            if not gone(grid.box(r, c)):
                continue
            if copied is None:
                copied = list(row)
            unprinted[(r, c)] = v
            copied[c] = ""
        if copied is not None:
            rows[r] = copied
    if len(unprinted) == len(grid.unprinted):
        return grid
    return replace(grid, rows=rows, unprinted=unprinted)
