"""A table's rows written straight into a worksheet's row stream.

A fiscal year's summary writes millions of cells. Cell by cell, xlsxwriter spends most of
the summary's time on each one: argument checks, a tuple per cell and a dict per row, a
regular expression or two per string, a row-information record kept for every row until
the file is closed. The rows of a table are known whole, so here they become XML directly:
one string per row, and each cell's XML made once per distinct value of its column (a
station's name, a status word, a date) and reused.

The XML is what xlsxwriter writes for the same cells (a test compares both byte for byte),
with one deliberate difference: a text that happens to look like rich-text XML
(``<r>…</r>``, as a hostile report may hold) is escaped as text here, where xlsxwriter
copies it into the file as markup.

This leans on xlsxwriter's constant_memory internals: the row stream ``fh``,
``previous_row``, ``_write_single_row``, ``_write_row``, ``_check_dimensions``,
``_convert_date_time``, ``row_sizes``, set_row's store and ``Format._get_xf_index``; row
heights are set and their tags written by xlsxwriter itself, so its units (points before
3.2, pixels since) are its own business. When any of them is missing, `write_rows`
returns None and the table is written cell by cell instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from toolkit.writing.summary.style import (
    MAX_TEXT,
    Column,
    fit_cell,
    lines_needed,
    missing,
    tone,
    wraps,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet


class Formats(Protocol):
    """Where the formats come from (the summary's `Book`)."""

    def fmt(
        self,
        kind: str,
        *,
        bold: bool = ...,
        tone: str | None = ...,
        fill: str | None = ...,
        wrap: bool = ...,
    ) -> Any: ...


_NEEDED = (
    "fh",
    "previous_row",
    "_write_single_row",
    "_write_row",
    "_check_dimensions",
    "_convert_date_time",
    "row_sizes",
)
# Where set_row keeps a row's height and format: `row_info` since xlsxwriter 3.2, `set_rows`
# before.
_ROW_STORES = ("row_info", "set_rows")
_ESCAPE_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
FILLS = {"小計": "#F2F2F2", "合計": "#D9D9D9"}
# A column stops remembering its cells' XML once most of its values are new (free text).
CACHE_TRIAL = 2_048


def supported(ws: Worksheet) -> bool:
    """Whether rows can be streamed into `ws` (a constant_memory sheet of a known kind)."""
    if not getattr(ws, "constant_memory", False):
        return False
    if not any(isinstance(getattr(ws, name, None), dict) for name in _ROW_STORES):
        return False
    return all(hasattr(ws, name) for name in _NEEDED)


def text_xml(text: str) -> tuple[str, bool]:
    """`text` as the content of an inline string's <t>, and whether its leading or
    trailing space must be kept (xml:space="preserve"), escaped as Excel expects:
    control characters as _xHHHH_ (a literal _xHHHH_ protected first), XML's &, <, >."""
    if "_x" in text:
        text = _ESCAPE_ESCAPE.sub(r"_x005F\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if "\ufffe" in text or "\uffff" in text:
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if _SURROGATE.search(text):  # cannot be written as UTF-8 at all
        text = _SURROGATE.sub("\ufffd", text)
    preserve = text[:1].isspace() or text[-1:].isspace()
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text, preserve


class _Cells:
    """The XML of one column's cells, after the cell reference: made once per value."""

    def __init__(
        self,
        book: Formats,
        ws: Worksheet,
        column: Column,
        colours: Mapping[str, str] | None,
    ):
        self.book = book
        self.ws = ws
        self.column = column
        self.colours = colours
        # A wrapped column sizes its rows; one left off the paper does not.
        self.sizes_rows = column.wrap and column.printed
        self.cache: dict[Any, tuple[str, int]] | None = {}
        self.looked = 0

    def cell(self, value: Any) -> tuple[str, int]:
        """The XML of a plain row's cell holding `value`, and the lines it needs."""
        cache = self.cache
        if cache is None:
            return self.make(value)
        key = value if type(value) is str else (type(value), value)
        try:
            made = cache.get(key)
        except TypeError:  # unhashable: made each time
            return self.make(value)
        if made is None:
            made = self.make(value)
            if not missing(value):  # NaN and NaT never match themselves: never remembered
                cache[key] = made
        self.looked += 1
        if self.looked == CACHE_TRIAL and len(cache) * 2 > CACHE_TRIAL:
            self.cache = None  # mostly distinct texts: remembering them costs memory only
        return made

    def make(self, value: Any, bold: bool = False, fill: str | None = None) -> tuple[str, int]:
        book, column, kind = self.book, self.column, self.column.kind
        if missing(value):
            return f' s="{_xf(book.fmt(kind, bold=bold, fill=fill))}"/>', 1
        if kind in ("date", "month"):
            day = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
            if isinstance(day, date) and not isinstance(day, datetime):
                day = datetime.combine(day, datetime.min.time())
            if isinstance(day, datetime):
                serial = self.ws._convert_date_time(day)
                xf = _xf(book.fmt(kind, bold=bold, fill=fill))
                return f' s="{xf}"><v>{serial:.16G}</v></c>', 1
        elif kind in ("number", "percent"):
            try:
                number = float(value)
            except (TypeError, ValueError):
                pass
            else:
                xf = _xf(book.fmt(kind, bold=bold, fill=fill))
                return f' s="{xf}"><v>{number:.16G}</v></c>', 1
        text = fit_cell(str(value), MAX_TEXT)
        shade = (self.colours.get(value) if self.colours else None) or tone(column.name, text)
        fmt = book.fmt("text", bold=bold, fill=fill, tone=shade, wrap=wraps(column, text))
        lines = 1
        if (
            self.sizes_rows
            and isinstance(value, str)
            and (len(value) * 2 > column.width - 1.5 or "\n" in value)
        ):
            lines = lines_needed(value, column.width)
        body, preserve = text_xml(text)
        space = ' xml:space="preserve"' if preserve else ""
        return f' s="{_xf(fmt)}" t="inlineStr"><is><t{space}>{body}</t></is></c>', lines


def _xf(fmt: Any) -> int:
    index: int = fmt._get_xf_index()
    return index


def write_rows(
    book: Formats,
    ws: Worksheet,
    columns: Sequence[Column],
    first_row: int,
    count: int,
    *,
    row_styles: Sequence[str | None] | None = None,
    colours: Mapping[str, Mapping[str, str]] | None = None,
    line_height: float,
    parts: Iterable[Sequence[Sequence[Any]]] | None = None,
) -> int | None:
    """Write `count` rows of `columns` from `first_row`, each as tall as its wrapped text
    needs; returns the last row written, or None when `ws` cannot take streamed rows
    (nothing is written then).

    `parts`, when given, holds the rows a part at a time (each part: the values of every
    column) instead of the columns' `values`: a listing read from disk as it is written.
    Its rows' heights are then not remembered for placing drawings (a listing sheet has
    none), so that nothing is kept per row."""
    if count <= 0 or not columns or not supported(ws) or first_row <= ws.previous_row:
        return None
    ws._write_single_row(first_row)  # the rows before the table go out first
    cells = [_Cells(book, ws, col, (colours or {}).get(col.name)) for col in columns]
    starts = [f'<c r="{xl_col_to_name(j)}' for j in range(len(columns))]
    heights = _Heights(ws, remember=parts is None)
    out: list[str] = []
    write = ws.fh.write
    last = first_row + count - 1
    row = first_row - 1
    for values in parts if parts is not None else [[col.values for col in columns]]:
        row = _write_part(cells, starts, values, row, row_styles, heights, line_height, out, write)
    write("".join(out))
    if row != last:
        raise RuntimeError(f"{row - first_row + 1} rows written instead of {count}")
    ws._check_dimensions(first_row, 0)
    ws._check_dimensions(last, len(columns) - 1)
    ws.previous_row = last + 1  # rows up to `last` are written; xlsxwriter goes on below
    return last


def _write_part(
    cells: list[_Cells],
    starts: list[str],
    values: Sequence[Sequence[Any]],
    row: int,
    row_styles: Sequence[str | None] | None,
    heights: _Heights,
    line_height: float,
    out: list[str],
    write: Any,
) -> int:
    """Write the rows of one part after `row`; returns the last row written."""
    first_row = row + 1
    for i in range(len(values[0]) if values else 0):
        row = first_row + i
        number = str(row + 1)
        style = row_styles[i] if row_styles is not None else None
        lines = 1
        parts: list[str] = []
        if style is None:
            for j, made in enumerate(cells):
                xml, need = made.cell(values[j][i])
                parts += (starts[j], number, '"', xml)
                if need > lines:
                    lines = need
        else:
            fill = FILLS.get(style)
            for j, made in enumerate(cells):
                xml, need = made.make(values[j][i], True, fill)
                parts += (starts[j], number, '"', xml)
                if need > lines:
                    lines = need
        attrs = heights.row(
            row, line_height * min(lines, 30) + (min(lines, 30) + 2 if lines > 1 else 2)
        )
        out.append(f'<row r="{number}"{attrs}>')
        out += parts
        out.append("</row>")
        if len(out) > 20_000:
            write("".join(out))
            out.clear()
    return row


class _Heights:
    """The <row> attributes of a row of a given height, as xlsxwriter writes them.

    For the first row of each height, xlsxwriter itself sets the row (set_row) and writes
    its tag; the attributes are kept for every later row of that height, and so is the size
    xlsxwriter records for placing charts (`row_sizes`), in the units of its version. The
    row's entry in set_row's store is taken out again: these rows are written already, and
    xlsxwriter would otherwise keep one for every row until the file is closed."""

    def __init__(self, ws: Worksheet, *, remember: bool = True):
        self.ws = ws
        self.remember = remember
        name = next(n for n in _ROW_STORES if isinstance(getattr(ws, n, None), dict))
        self.store: dict[int, Any] = getattr(ws, name)
        self.made: dict[float, tuple[str, Any]] = {}

    def row(self, row: int, height: float) -> str:
        ws = self.ws
        known = self.made.get(height)
        if known is None:
            ws.set_row(row, height)
            stream = ws.fh
            tag = io.StringIO()
            ws.fh = tag
            try:
                ws._write_row(row, None, self.store.pop(row))
            finally:
                ws.fh = stream
            head = f'<row r="{row + 1}"'
            text = tag.getvalue()
            if not (text.startswith(head) and text.endswith(">")):
                raise RuntimeError(f"unexpected row tag from xlsxwriter: {text[:80]!r}")
            known = self.made[height] = (text[len(head) : -1], ws.row_sizes[row])
        if self.remember:
            ws.row_sizes[row] = known[1]
        return known[0]
