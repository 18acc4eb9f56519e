"""What a drawn shape is to the readers, whatever the file format: its kind, its text, and
where it lies on the sheet in cell coordinates.

A position is a fractional (row, col): row 4.5 is halfway down the fifth row. Formats give
positions as a cell plus an offset in EMU (.xlsx), as a cell plus an offset in 1/1024 of a
column and 1/256 of a row (.xls), or as lengths (.ods); `Metrics` turns lengths into cell
coordinates from the sheet's column widths and row heights.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from toolkit.cells import MAX_COLS, MAX_ROWS

EMU_PER_PX = 9525
EMU_PER_PT = 12700
EMU_PER_INCH = 914400
# Excel's default column: 8.43 characters of an 11 pt font, 64 pixels; its default row 15 pt.
DEFAULT_COL_EMU = 64 * EMU_PER_PX
DEFAULT_ROW_EMU = 15 * EMU_PER_PT
MAX_SHAPES = 400  # per sheet; a form has a few dozen at most

# Kinds of shape.
TEXT = "text"  # a text box, or any shape with text typed in it
MARK = "mark"  # an ellipse (or a rounded box, a freehand loop) with no text: circles an option
LINE = "line"  # a straight line: may strike an option out
UNREAD = "unread"  # something that may hold a value the format does not let us read


@dataclass(frozen=True, slots=True)
class Shape:
    """One shape on a sheet, with its bounding box in cell coordinates."""

    kind: str
    top: float
    left: float
    bottom: float
    right: float
    text: str = ""  # the text as shown, runs struck through left out
    struck: tuple[str, ...] = ()  # text struck through inside the shape
    opaque: bool = True  # filled: what lies under it cannot be seen
    what: str = ""  # for UNREAD: what the shape is, in Japanese (インク, SmartArt…)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.top + self.bottom) / 2, (self.left + self.right) / 2


@dataclass
class Drawn:
    """What one sheet holds besides its values: shapes, what could not be read of them
    (Japanese notes), and what the format lets the overlay know of its cells."""

    shapes: list[Shape] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    metrics: Metrics | None = None  # the sheet's sizes, when the format gives them
    # (row, col) → (text as shown without the struck runs, the struck runs)
    struck: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # Merged areas, for formats python-calamine gives none for (.ods)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    align: dict[tuple[int, int], str] = field(default_factory=dict)  # cells' text alignment

    def aligned(self, r: int, c: int) -> str:
        return self.align.get((r, c), "")

    def add(self, shape: Shape | None) -> bool:
        """Keep `shape`; False once the cap is reached (the caller stops reading)."""
        if shape is None:
            return True
        if len(self.shapes) >= MAX_SHAPES:
            return False
        if _sane(shape):
            self.shapes.append(shape)
        return True


def _sane(shape: Shape) -> bool:
    values = (shape.top, shape.left, shape.bottom, shape.right)
    if any(v != v for v in values):  # NaN
        return False
    return 0 <= shape.top <= shape.bottom <= MAX_ROWS and 0 <= shape.left <= shape.right <= MAX_COLS


@dataclass
class Metrics:
    """Column widths and row heights of a sheet in EMU, to place shapes given by lengths."""

    default_col: int = DEFAULT_COL_EMU
    default_row: int = DEFAULT_ROW_EMU
    cols: dict[int, int] = field(default_factory=dict)
    rows: dict[int, int] = field(default_factory=dict)
    _cache: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def col_width(self, c: int) -> int:
        return max(1, self.cols.get(c, self.default_col))

    def row_height(self, r: int) -> int:
        return max(1, self.rows.get(r, self.default_row))

    def col_at(self, x: float) -> float:
        """The fractional column at `x` EMU from the sheet's left edge."""
        return min(self._position(x, "c"), float(MAX_COLS))

    def row_at(self, y: float) -> float:
        """The fractional row at `y` EMU from the sheet's top edge."""
        return min(self._position(y, "r"), float(MAX_ROWS))

    def x_of(self, col: float) -> float:
        """EMU from the left edge to the fractional column `col`."""
        edges = self._cache.get("c")
        whole = int(col)
        if edges is not None and 0 <= whole < len(edges) - 1:
            return edges[whole] + (col - whole) * (edges[whole + 1] - edges[whole])
        return self._length(col, "c")

    def y_of(self, row: float) -> float:
        """EMU from the top edge to the fractional row `row`."""
        edges = self._cache.get("r")
        whole = int(row)
        if edges is not None and 0 <= whole < len(edges) - 1:
            return edges[whole] + (row - whole) * (edges[whole + 1] - edges[whole])
        return self._length(row, "r")

    def changed(self) -> None:
        """Forget the edges computed so far (a streaming reader has learnt more sizes)."""
        self._cache.clear()

    def _edges(self, axis: str, upto: int) -> list[int]:
        """Where each column (or row) begins, at least up to index `upto` (at most
        `_WALK`), and the last one ends; grown as far as asked, once."""
        edges = self._cache.setdefault(axis, [0])
        upto = min(upto, _WALK)
        if len(edges) <= upto + 1 and len(edges) <= _WALK:
            size = self.col_width if axis == "c" else self.row_height
            for i in range(len(edges) - 1, min(max(upto + 1, 2 * len(edges), 64), _WALK)):
                edges.append(edges[-1] + size(i))
        return edges

    def _position(self, length: float, axis: str) -> float:
        if length <= 0:
            return 0.0
        edges = self._cache.get(axis)
        if edges is not None and length < edges[-1]:
            i = bisect.bisect_right(edges, length) - 1
            return i + (length - edges[i]) / max(edges[i + 1] - edges[i], 1)
        edges = self._edges(axis, 64)
        while length >= edges[-1] and len(edges) <= _WALK:
            edges = self._edges(axis, 2 * len(edges))  # grows by at least half each time
        if length >= edges[-1]:
            default = self.default_col if axis == "c" else self.default_row
            return len(edges) - 1 + (length - edges[-1]) / max(default, 1)
        i = bisect.bisect_right(edges, length) - 1
        return i + (length - edges[i]) / max(edges[i + 1] - edges[i], 1)

    def _length(self, pos: float, axis: str) -> float:
        pos = max(pos, 0.0)
        whole = int(min(pos, _WALK))
        edges = self._edges(axis, whole + 1)
        if whole + 1 >= len(edges):
            default = self.default_col if axis == "c" else self.default_row
            return edges[-1] + (pos - (len(edges) - 1)) * default
        return edges[whole] + (pos - whole) * (edges[whole + 1] - edges[whole])


# Sizes are looked up one by one this far; beyond it every column or row counts as the
# default (no form reaches so far, and a hostile position must not cost a long loop).
_WALK = 2048


def cell_fraction(index: int, offset: float, size: int) -> float:
    """A cell index plus an offset into it (in the unit of `size`), as a coordinate."""
    return index + min(max(offset / size, 0.0), 1.0) if size > 0 else float(index)


# --- .xlsx worksheet metrics ------------------------------------------------------------

# Excel writes these tags without a prefix; a part that uses one is read the slow way.
_FORMAT = re.compile(rb"<sheetFormatPr\b([^>]*)>")
_COL = re.compile(rb"<col\b([^>]*)>")
_ROW = re.compile(rb"<row\b([^>]*)>")
_PREFIXED = (
    re.compile(rb"<\w+:sheetFormatPr\b([^>]*)>"),
    re.compile(rb"<\w+:col\b([^>]*)>"),
    re.compile(rb"<\w+:row\b([^>]*)>"),
)
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


_MIN, _MAX, _WIDTH, _R, _HT = (
    re.compile(rb"\b" + name + rb'="([0-9.]+)"') for name in (b"min", b"max", b"width", b"r", b"ht")
)
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')


def _attr(tag: bytes, pattern: re.Pattern[bytes]) -> float | None:
    found = pattern.search(tag)
    return _number(found.group(1)) if found else None


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(tag))


def _number(value: bytes | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def col_emu(width_chars: float, max_digit_px: int = 7) -> int:
    """EMU of a column `width_chars` wide, as Excel draws it (whole pixels)."""
    px = int(((256 * width_chars + int(128 / max_digit_px)) / 256) * max_digit_px)
    return max(px, 0) * EMU_PER_PX


def xlsx_metrics(sheet_xml: bytes) -> Metrics:
    """Column widths and row heights of an .xlsx worksheet part."""
    m = Metrics()
    tags = (_FORMAT, _COL, _ROW) if b"<sheetData" in sheet_xml else _PREFIXED
    fmt = tags[0].search(sheet_xml)
    if fmt is not None:
        attrs = _attrs(fmt.group(1))
        height = _number(attrs.get(b"defaultRowHeight"))
        if height is not None and 0 < height < 500:
            m.default_row = int(height * EMU_PER_PT)
        width = _number(attrs.get(b"defaultColWidth"))
        base = _number(attrs.get(b"baseColWidth"))
        if width is not None and 0 < width < 300:
            m.default_col = col_emu(width)
        elif base is not None and 0 < base < 300:
            m.default_col = col_emu(base + 0.71)  # Excel pads the base width by 5 pixels
    for tag in tags[1].finditer(sheet_xml):
        body = tag.group(1)
        lo, hi, width = (_attr(body, k) for k in (_MIN, _MAX, _WIDTH))
        if lo is None or hi is None or width is None:
            continue
        emu = 0 if _HIDDEN.search(body) else col_emu(width)
        for c in range(int(lo) - 1, min(int(hi), int(lo) + 512, MAX_COLS)):
            m.cols[c] = emu
    for tag in tags[2].finditer(sheet_xml):
        body = tag.group(1)
        if b'ht="' not in body and b"hidden" not in body:
            continue  # a row of the default height
        r, ht = _attr(body, _R), _attr(body, _HT)
        if r is None:
            continue
        if _HIDDEN.search(body):
            m.rows[int(r) - 1] = 0
        elif ht is not None and 0 <= ht < 1000:
            m.rows[int(r) - 1] = int(ht * EMU_PER_PT)
    return m
