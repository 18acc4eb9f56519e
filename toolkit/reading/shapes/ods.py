"""Shapes and struck-through text of an .ods workbook, from its `content.xml`.

Shapes stand inside the cell they are anchored to (`draw:frame`, `draw:custom-shape`,
`draw:ellipse`, `draw:rect`, groups `draw:g`), with `table:end-cell-address` and
`table:end-x/y` for their far corner, or in `table:shapes` placed by lengths. Text is in
`text:p` paragraphs (of a `draw:text-box` for a frame). Text struck through is a
`text:span` whose automatic style has a `style:text-line-through-style`; a cell whose own
style strikes through is struck whole.

The part is streamed with expat, DTDs refused; it is parsed only when it holds a shape or
a struck style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.cells import parse_a1
from toolkit.excel.guard import Unreadable, expat_parser, parse_xml
from toolkit.reading.shapes.geometry import (
    EMU_PER_INCH,
    LINE,
    MARK,
    TEXT,
    Drawn,
    Metrics,
    Shape,
)

DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

_SHAPES = frozenset(
    {"frame", "custom-shape", "ellipse", "circle", "rect", "line", "polygon", "path", "g"}
)
_LOOP_TYPES = ("ellipse", "circle", "round-rectangle", "roundrect", "flowchart-connector")
_UNITS = {
    "in": EMU_PER_INCH,
    "cm": 360000,
    "mm": 36000,
    "pt": 12700,
    "pc": 152400,
    "px": 9525,
}
_ALIGN = {"center": "center", "end": "right", "right": "right", "start": "left", "left": "left"}
_LENGTH = re.compile(r"\s*(-?[0-9.]+)\s*([a-z]*)")
BROKEN = "図形の情報（content.xml）が壊れているため、図形の中の文字は読めませんでした。"


def needs_parse(content: bytes) -> bool:
    """Whether `content.xml` holds a shape or a struck style at all."""
    return b"<draw:" in content or b"line-through-" in content


def length(text: str | None) -> float | None:
    """EMU of an ODF length such as `2.54cm` or `0.5in`."""
    if not text:
        return None
    m = _LENGTH.match(text)
    if m is None:
        return None
    try:
        value = float(m.group(1))
    except ValueError:
        return None
    return value * _UNITS.get(m.group(2) or "cm", 360000)


def ods_shapes(content: bytes) -> dict[str, Drawn]:
    """Shapes and struck cells of every table, by table name. Malformed markup gives a
    note on the first table instead of raising."""
    reader = _Reader()
    parser = expat_parser(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    try:
        parse_xml(parser, content, "content.xml")
    except (Unreadable, ValueError):
        first = next(iter(reader.sheets.values()), None) or Drawn()
        first.notes.append(BROKEN)
        reader.sheets.setdefault(reader.table or "", first)
    return reader.sheets


@dataclass
class _Open:
    """A shape being read: where it is, what it is, and its text so far."""

    name: str
    attrs: dict[str, str]
    row: int
    col: int
    in_cell: bool = True
    lines: list[str] = field(default_factory=lambda: [""])
    struck: list[str] = field(default_factory=list)
    geometry: str = ""


class _Reader:
    """Streams `content.xml`, following rows and cells and collecting what is drawn."""

    def __init__(self) -> None:
        self.struck_styles: set[str] = set()
        self.transparent: set[str] = set()
        self.col_styles: dict[str, float] = {}
        self.row_styles: dict[str, float] = {}
        self.align_styles: dict[str, str] = {}
        self.style: str | None = None  # the automatic style being read
        self.sheets: dict[str, Drawn] = {}
        self.table: str | None = None
        self.metrics = Metrics()
        self.col_index = 0
        self.row = -1
        self.row_repeat = 1
        self.col = 0
        self.cell_repeat = 1
        self.cell: list[tuple[str, bool]] | None = None  # text pieces of the open cell
        self.cell_struck = False
        self.span: list[bool] = []  # struck state of open spans
        self.shapes: list[_Open] = []
        self.on_page: list[_Open] = []  # table:shapes come before the rows that size them
        self.done = False

    # --- expat handlers -----------------------------------------------------------------

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if ns == STYLE:
            self._style(local, attrs)
        elif ns == TABLE:
            self._table(local, attrs)
        elif ns == DRAW:
            self._draw(local, attrs)
        elif ns == TEXT_NS:
            self._text(local, attrs)

    def end(self, name: str) -> None:
        ns, _, local = name.rpartition(" ")
        if ns == STYLE and local == "style":
            self.style = None
        elif ns == TABLE:
            self._table_end(local)
        elif ns == DRAW and self.shapes and self.shapes[-1].name == local:
            self._shape_end(self.shapes.pop())
        elif ns == TEXT_NS and local == "span" and self.span:
            self.span.pop()

    def chars(self, data: str) -> None:
        self._put(data)

    # --- styles -------------------------------------------------------------------------

    def _style(self, local: str, attrs: dict[str, str]) -> None:
        if local == "style":
            self.style = attrs.get(f"{STYLE} name")
            return
        if self.style is None:
            return
        if local == "text-properties":
            style = attrs.get(f"{STYLE} text-line-through-style", "none")
            kind = attrs.get(f"{STYLE} text-line-through-type", "none")
            if style != "none" or kind != "none":
                self.struck_styles.add(self.style)
        elif local == "paragraph-properties" and f"{FO} text-align" in attrs:
            self.align_styles[self.style] = _ALIGN.get(attrs[f"{FO} text-align"], "")
        elif local == "graphic-properties" and attrs.get(f"{DRAW} fill") == "none":
            self.transparent.add(self.style)
        elif local == "table-column-properties":
            width = length(attrs.get(f"{STYLE} column-width"))
            if width:
                self.col_styles[self.style] = width
        elif local == "table-row-properties":
            height = length(attrs.get(f"{STYLE} row-height"))
            if height:
                self.row_styles[self.style] = height

    # --- tables, rows and cells ---------------------------------------------------------

    def _table(self, local: str, attrs: dict[str, str]) -> None:
        if local == "table":
            self.table = attrs.get(f"{TABLE} name", "")
            self.metrics = Metrics()
            self.sheets.setdefault(self.table, Drawn()).metrics = self.metrics
            self.col_index, self.row = 0, -1
        elif local == "table-column":
            repeat = _count(attrs.get(f"{TABLE} number-columns-repeated"))
            width = self.col_styles.get(attrs.get(f"{TABLE} style-name", ""))
            if width:
                for c in range(self.col_index, min(self.col_index + repeat, 1024)):
                    self.metrics.cols[c] = int(width)
                self.metrics.changed()
            self.col_index += repeat
        elif local == "table-row":
            self.row += 1
            self.row_repeat = _count(attrs.get(f"{TABLE} number-rows-repeated"))
            self.col = 0
            height = self.row_styles.get(attrs.get(f"{TABLE} style-name", ""))
            if height and self.row < 2048:
                for r in range(self.row, self.row + min(self.row_repeat, 1024)):
                    self.metrics.rows[r] = int(height)
                self.metrics.changed()
        elif local in ("table-cell", "covered-table-cell"):
            self.cell_repeat = _count(attrs.get(f"{TABLE} number-columns-repeated"))
            self.cell = []
            style = attrs.get(f"{TABLE} style-name", "")
            self.cell_struck = style in self.struck_styles
            self._cell_layout(attrs, style)

    def _cell_layout(self, attrs: dict[str, str], style: str) -> None:
        """A merged area starting at this cell, and its alignment."""
        if self.table is None or self.row > 100_000:
            return
        sheet = self.sheets[self.table]
        cols = _count(attrs.get(f"{TABLE} number-columns-spanned"))
        rows = _count(attrs.get(f"{TABLE} number-rows-spanned"))
        if (cols > 1 or rows > 1) and len(sheet.merges) < 5000:
            sheet.merges.append((self.row, self.col, self.row + rows - 1, self.col + cols - 1))
        align = self.align_styles.get(style)
        if align:
            sheet.align[(self.row, self.col)] = align

    def _table_end(self, local: str) -> None:
        if local == "table":
            for shape in self.on_page:
                self._shape_end(shape, deferred=True)
            self.on_page.clear()
        elif local in ("table-cell", "covered-table-cell"):
            if self.cell is not None and self.table is not None:
                self._struck_cell(self.cell)
            self.cell = None
            self.col += self.cell_repeat
        elif local == "table-row":
            self.row += self.row_repeat - 1

    def _struck_cell(self, pieces: list[tuple[str, bool]]) -> None:
        text = "".join(p for p, _ in pieces)
        struck: tuple[str, ...]
        if self.cell_struck and text.strip():
            kept, struck = "", (text.strip(),)
        elif any(s and p.strip() for p, s in pieces):
            kept = "".join(p for p, s in pieces if not s)
            struck = tuple(p for p, s in pieces if s and p.strip())
        else:
            return
        assert self.table is not None
        self.sheets[self.table].struck[(self.row, self.col)] = (kept.strip(), struck)

    # --- text ---------------------------------------------------------------------------

    def _text(self, local: str, attrs: dict[str, str]) -> None:
        if local == "span":
            self.span.append(attrs.get(f"{TEXT_NS} style-name", "") in self.struck_styles)
        elif local == "p":
            if self.shapes:
                if self.shapes[-1].lines[-1]:
                    self.shapes[-1].lines.append("")
            elif self.cell:
                self.cell.append(("\n", False))
        elif local == "s":
            self._put(" " * _count(attrs.get(f"{TEXT_NS} c")))
        elif local == "tab":
            self._put("\t")
        elif local == "line-break":
            self._put("\n")

    def _put(self, data: str) -> None:
        struck = bool(self.span) and self.span[-1]
        if self.shapes:
            shape = self.shapes[-1]
            if struck:
                if data.strip():
                    shape.struck.append(data)
            else:
                shape.lines[-1] += data
        elif self.cell is not None:
            self.cell.append((data, struck))

    # --- shapes -------------------------------------------------------------------------

    def _draw(self, local: str, attrs: dict[str, str]) -> None:
        if local == "enhanced-geometry" and self.shapes:
            self.shapes[-1].geometry = attrs.get(f"{DRAW} type", "").lower()
            return
        if local not in _SHAPES or self.table is None:
            return
        if self.shapes and self.shapes[-1].name == "frame" and local != "g":
            return  # the text box or image inside a frame: the frame is the shape
        in_cell = self.cell is not None
        self.shapes.append(_Open(local, dict(attrs), max(self.row, 0), self.col, in_cell))

    def _shape_end(self, shape: _Open, *, deferred: bool = False) -> None:
        if shape.name == "g" or self.table is None:
            return
        if not shape.in_cell and not deferred:
            self.on_page.append(shape)
            return
        placed = self._box(shape)
        if placed is None:
            return
        top, left, bottom, right = placed
        text = "\n".join(line.strip() for line in shape.lines if line.strip())
        style = shape.attrs.get(f"{DRAW} style-name", "")
        drawn = self.sheets[self.table]
        if text or shape.struck:
            opaque = style not in self.transparent
            drawn.add(Shape(TEXT, top, left, bottom, right, text, tuple(shape.struck), opaque))
        elif shape.name == "line":
            drawn.add(Shape(LINE, top, left, bottom, right))
        elif shape.name in ("ellipse", "circle") or shape.geometry.endswith(_LOOP_TYPES):
            drawn.add(Shape(MARK, top, left, bottom, right, opaque=False))

    def _box(self, shape: _Open) -> tuple[float, float, float, float] | None:
        """The shape's box in cell coordinates: from its far corner's cell and offsets
        back by its size, or from its position when it has no end cell."""
        a = shape.attrs
        m = self.metrics
        if shape.name == "line":
            xs = [length(a.get(f"{SVG} x1")), length(a.get(f"{SVG} x2"))]
            ys = [length(a.get(f"{SVG} y1")), length(a.get(f"{SVG} y2"))]
            if None in xs or None in ys:
                return None
            x0, x1 = sorted(v or 0.0 for v in xs)
            y0, y1 = sorted(v or 0.0 for v in ys)
            return _cells(m, y0, x0, y1, x1, shape)
        w, h = length(a.get(f"{SVG} width")), length(a.get(f"{SVG} height"))
        if w is None or h is None:
            return None
        end = a.get(f"{TABLE} end-cell-address")
        if end:
            ref = end.rpartition(".")[2].replace("$", "")
            try:
                r, c = parse_a1(ref)
            except ValueError:
                return None
            x1 = m.x_of(c) + (length(a.get(f"{TABLE} end-x")) or 0.0)
            y1 = m.y_of(r) + (length(a.get(f"{TABLE} end-y")) or 0.0)
            return m.row_at(y1 - h), m.col_at(x1 - w), m.row_at(y1), m.col_at(x1)
        x, y = length(a.get(f"{SVG} x")) or 0.0, length(a.get(f"{SVG} y")) or 0.0
        return _cells(m, y, x, y + h, x + w, shape)


def _cells(
    m: Metrics, y0: float, x0: float, y1: float, x1: float, shape: _Open
) -> tuple[float, float, float, float]:
    """Lengths to cell coordinates: from the cell a shape (or its group) is anchored to,
    as LibreOffice writes them; from the sheet's corner for a shape of `table:shapes`."""
    if shape.in_cell:
        dx, dy = m.x_of(shape.col), m.y_of(shape.row)
        x0, x1, y0, y1 = x0 + dx, x1 + dx, y0 + dy, y1 + dy
    return m.row_at(y0), m.col_at(x0), m.row_at(y1), m.col_at(x1)


def _count(value: str | None) -> int:
    return min(int(value), 1_048_576) if value and value.isdigit() else 1
