"""What a cell shows, found in the workbook: the number format of an .xlsx cell, the
shown text of an .ods cell.

The label reader asks about the few cells whose value it takes (`Grid.shown`); nothing
here runs unless it does, so our own template's fast path never pays for it. For .xlsx,
`styles.xml` (custom formats and cell styles) is read once per workbook at the first
question, and a cell's style index comes from a search of the sheet part for that one
cell; the text is then rendered by `numfmt`. An .ods file holds the text each cell shows:
`content.xml` is read once, at the first question. Formats of .xls are not read
(python-calamine gives none).
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time

from toolkit.cells import column_letter
from toolkit.excel.guard import Limits, Unreadable, expat_parser, parse_xml, read_member
from toolkit.excel.ooxml import main_part, relationships
from toolkit.reading.numfmt import BUILTIN, shown_text

# --- the formats of an .xlsx workbook ---------------------------------------------------

_NUMFMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*?>", re.S)
_ATTR = re.compile(rb'\b(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_CELLXFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs\s*>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_NUMFMT_ID = re.compile(rb'\bnumFmtId\s*=\s*["\']([0-9]{1,9})["\']')
_FORMAT_CODE = re.compile(rb'\bformatCode\s*=\s*"([^"]*)"')


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _ATTR.finditer(tag)
    }


def parse_styles(styles_xml: bytes) -> list[str | None]:
    """The number format code of each cell style (`cellXfs`, by index) of a styles part.

    Read with a few searches rather than a parser: only two attributes are needed, and
    no entity is ever expanded (a DTD in the part has been refused by the guard already).
    """
    custom: dict[int, str] = {}
    for tag in _NUMFMT.findall(styles_xml):
        number = _NUMFMT_ID.search(tag)
        code = _FORMAT_CODE.search(tag)
        if number is not None and code is not None:
            custom[int(number.group(1))] = html.unescape(code.group(1).decode("utf-8", "replace"))
    block = _CELLXFS.search(styles_xml)
    if block is None:
        return []
    codes: list[str | None] = []
    for tag in _XF.findall(block.group(0)):
        found = _NUMFMT_ID.search(tag)
        ident = int(found.group(1)) if found is not None else 0
        codes.append(custom.get(ident, BUILTIN.get(ident)))
    return codes


_STYLES_PART = "xl/styles.xml"


class XlsxFormats:
    """Number formats of one workbook's cells, read only when a cell is asked about."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits) -> None:
        self._zf = zf
        self._limits = limits
        self._codes: list[str | None] | None = None

    def _styles(self) -> list[str | None]:
        if self._codes is None:
            self._codes = []
            # No styles, or a broken styles part: values are shown as they are.
            with contextlib.suppress(KeyError, Unreadable):
                self._codes = parse_styles(read_member(self._zf, self._part(), self._limits))
        return self._codes

    def _part(self) -> str:
        """The styles part: where Excel and every other writer put it, else where the
        workbook's relationships say."""
        if _STYLES_PART in self._zf.NameToInfo:
            return _STYLES_PART
        book = main_part(self._zf, self._limits)
        for rel in relationships(self._zf, book, self._limits):
            if rel.type.endswith("/styles") and not rel.external:
                return rel.target
        raise KeyError(_STYLES_PART)

    def for_sheet(self, sheet_xml: bytes) -> Callable[[int, int, object], str | None]:
        """`shown(row, col, value)` for one sheet part: the text the cell shows when its
        format changes the value's meaning, else None."""
        cache: dict[tuple[int, int], str | None] = {}

        def code_of(r: int, c: int) -> str | None:
            if (r, c) not in cache:
                cache[(r, c)] = self._code(sheet_xml, r, c)
            return cache[(r, c)]

        def shown(r: int, c: int, value: object) -> str | None:
            return shown_text(value, code_of(r, c))

        return shown

    def _code(self, sheet_xml: bytes, r: int, c: int) -> str | None:
        style = _style_index(sheet_xml, f"{column_letter(c)}{r + 1}".encode())
        if style is None:
            return None
        codes = self._styles()
        return codes[style] if style < len(codes) else None


def _style_index(sheet_xml: bytes, ref: bytes) -> int | None:
    """The style index (`s`) of the cell `ref` in a worksheet part, found by plain byte
    searches (a regex compiled for each cell would cost more than the whole lookup)."""
    needle = b' r="' + ref + b'"'
    at = sheet_xml.find(needle)
    while at >= 0:
        start = sheet_xml.rfind(b"<", 0, at)
        end = sheet_xml.find(b">", at)
        tag = sheet_xml[start:end]
        name = tag[1:].split(None, 1)[0] if len(tag) > 1 else b""
        if name == b"c" or name.endswith(b":c"):
            style = _attrs(tag).get(b"s")
            return int(style) if style is not None and style.isdigit() else None
        at = sheet_xml.find(needle, at + 1)
    return None


# --- .ods: the text a cell shows is in the file ----------------------------------------

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SHOWN_TYPES = frozenset({"float", "percentage", "currency", "date", "time"})
_MAX_REPEATED_ROWS = 100  # a row repeated more often than this holds no report's values


class OdsShown:
    """The text the number and date cells of an .ods workbook show, read from its
    `content.xml` once, and only when a cell is asked about."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self._data = data
        self._limits = limits
        self._shown: dict[str, dict[tuple[int, int], str]] | None = None

    def for_sheet(self, sheet: str) -> Callable[[int, int, object], str | None]:
        def shown(r: int, c: int, value: object) -> str | None:
            text = self._sheets().get(sheet, {}).get((r, c))
            return _ods_reading(value, text)

        return shown

    def _sheets(self) -> dict[str, dict[tuple[int, int], str]]:
        if self._shown is None:
            self._shown = {}
            try:
                with zipfile.ZipFile(io.BytesIO(self._data)) as zf:
                    content = read_member(zf, "content.xml", self._limits)
                self._shown = _ods_texts(content)
            except (KeyError, Unreadable, zipfile.BadZipFile):
                pass  # the values are read as they are
        return self._shown


def _ods_reading(value: object, text: str | None) -> str | None:
    """What to read instead of `value`, given the text its .ods cell shows."""
    if text is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        plain = str(int(value)) if float(value).is_integer() else str(value)
        return None if text == plain else text
    if isinstance(value, datetime):
        if value.year <= 1900:
            return text
        hidden = value.time() != time(0) and not re.search(r"[0-9]:[0-9]|時", text)
        return value.date().isoformat() if hidden else None
    if isinstance(value, date) and value.year <= 1900:
        return text
    return None


def _ods_texts(content_xml: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """sheet → (row, col) → shown text, for the number and date cells of `content.xml`."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    state = {"row": 0, "col": 0, "rows": 1, "cols": 1, "depth": 0}
    sheet = [""]
    cell: list[str] | None = None
    cells = (f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell")

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal cell
        if name == f"{_TABLE_NS} table":
            sheet[0] = attrs.get(f"{_TABLE_NS} name", "")
            state["row"] = 0
        elif name == f"{_TABLE_NS} table-row":
            state["rows"] = _repeat(attrs.get(f"{_TABLE_NS} number-rows-repeated"))
            state["col"] = 0
        elif name in cells:
            state["cols"] = _repeat(attrs.get(f"{_TABLE_NS} number-columns-repeated"))
            kind = attrs.get(f"{_OFFICE_NS} value-type")
            cell = [] if kind in _SHOWN_TYPES else None
        elif name == f"{_TEXT_NS} p" and cell is not None and cell:
            cell.append("\n")

    def text(data: str) -> None:
        if cell is not None:
            cell.append(data)

    def end(name: str) -> None:
        nonlocal cell
        if name in cells:
            if cell is not None and state["rows"] <= _MAX_REPEATED_ROWS:
                shown = "".join(cell)
                for dr in range(state["rows"]):
                    for dc in range(min(state["cols"], 50)):
                        out.setdefault(sheet[0], {})[(state["row"] + dr, state["col"] + dc)] = shown
            state["col"] += state["cols"]
            cell = None
        elif name == f"{_TABLE_NS} table-row":
            state["row"] += state["rows"]

    parser = expat_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parse_xml(parser, content_xml, "content.xml")
    return out


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
