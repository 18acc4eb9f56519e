"""Struck-through text and alignment in the cells of an .xlsx workbook.

python-calamine gives a cell's text without its formatting, so words an officer struck
through (二重線で消す: 定期・~~臨時~~) would read as written. The shared strings part keeps
the runs of rich text with their `<strike/>`; the styles part says which cell formats
strike a whole cell, and how each format aligns its text (to tell which word of
「定期　・　臨時」 an ellipse lies over). Both parts are small; each is parsed only when it
holds a strike at all, or when an ellipse needs an alignment.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from xml.etree.ElementTree import Element

from toolkit.cells import column_letter, parse_a1
from toolkit.excel.guard import Limits, Unreadable, expat_parser, parse_xml, read_member, safe_xml
from toolkit.reading.shapes.overlay import Align, Struck

_STRIKE = re.compile(rb"<(?:\w+:)?strike(?:\s+val=\"(?:1|true)\")?\s*/>")
_CELL = re.compile(
    rb'<(?:\w+:)?c\s+r="([A-Z]{1,3}[0-9]{1,7})"([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S
)
_ATTR_S = re.compile(rb'\ss="([0-9]+)"')
_ATTR_T = re.compile(rb'\st="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([0-9]+)</(?:\w+:)?v>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?xf>)", re.S)
_HORIZONTAL = re.compile(rb"<(?:\w+:)?alignment\b[^>]*\bhorizontal=\"(\w+)\"")


@dataclass
class BookText:
    """What the workbook's shared strings and styles say about strikes and alignment."""

    struck_strings: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    struck_formats: frozenset[int] = frozenset()
    styles_xml: bytes = b""

    @property
    def strikes(self) -> bool:
        return bool(self.struck_strings or self.struck_formats)

    @cached_property
    def alignments(self) -> list[str]:
        """Horizontal alignment of each cell format (`cellXfs`), "" for general. Read
        with patterns, not parsed: only this is wanted of the styles part."""
        block = _CELL_XFS.search(self.styles_xml)
        if block is None:
            return []
        out = []
        for xf in _XF.finditer(block.group(1)):
            found = _HORIZONTAL.search(xf.group(2) or b"")
            out.append(found.group(1).decode("ascii", "replace") if found else "")
        return out


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def book_text(zf: zipfile.ZipFile, limits: Limits) -> BookText:
    """Strikes and styles of a package (parts named as Excel names them)."""
    out = BookText()
    with contextlib.suppress(KeyError):
        out.styles_xml = read_member(zf, "xl/styles.xml", limits)
    if b"strike" in out.styles_xml and _STRIKE.search(out.styles_xml):
        out.struck_formats = _struck_formats(out.styles_xml)
    try:
        strings = read_member(zf, "xl/sharedStrings.xml", limits)
    except KeyError:
        return out
    if b"strike" in strings and _STRIKE.search(strings):
        out.struck_strings = _struck_strings(strings)
    return out


def _struck_formats(styles: bytes) -> frozenset[int]:
    try:
        root = safe_xml(styles)
    except Unreadable:
        return frozenset()
    fonts = next((el for el in root.iter() if _local(el.tag) == "fonts"), None)
    xfs = next((el for el in root.iter() if _local(el.tag) == "cellXfs"), None)
    if fonts is None or xfs is None:
        return frozenset()
    struck = {i for i, font in enumerate(fonts) if _struck(font)}
    return frozenset(i for i, xf in enumerate(xfs) if _int(xf.get("fontId")) in struck)


def _struck(font: Element) -> bool:
    el = next((c for c in font if _local(c.tag) == "strike"), None)
    return el is not None and el.get("val", "1") in ("1", "true")


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1


def _struck_strings(data: bytes) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Shared strings with a struck run: index → (text without them, the struck runs)."""
    out: dict[int, tuple[str, tuple[str, ...]]] = {}
    state = {"si": -1, "skip": 0, "struck": False, "in_t": False}
    pieces: list[tuple[str, bool]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local in ("si", "is"):
            state["si"] += 1
            pieces.clear()
        elif local in ("rPh", "phoneticPr"):
            state["skip"] += 1  # furigana: not part of the text
        elif local == "r":
            state["struck"] = False
        elif local == "strike":
            state["struck"] = attrs.get("val", "1") in ("1", "true")
        elif local == "t":
            state["in_t"] = True

    def end(name: str) -> None:
        local = name.rpartition(" ")[2]
        if local in ("rPh", "phoneticPr"):
            state["skip"] -= 1
        elif local == "t":
            state["in_t"] = False
        elif local == "r":
            state["struck"] = False
        elif local in ("si", "is") and any(s and p.strip() for p, s in pieces):
            kept = "".join(p for p, s in pieces if not s)
            gone = tuple(p for p, s in pieces if s and p.strip())
            out[int(state["si"])] = (kept.strip(), gone)

    def chars(data: str) -> None:
        if state["in_t"] and not state["skip"]:
            pieces.append((data, bool(state["struck"])))

    parser = expat_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parse_xml(parser, data, "共有文字列")
    except Unreadable:
        return {}
    return out


def struck_cells(sheet_xml: bytes, book: BookText) -> Struck:
    """Cells of a worksheet whose text is struck through, whole or in part (shared
    strings, or rich text written in the cell itself as openpyxl writes it)."""
    out: Struck = {}
    inline = b"strike" in sheet_xml and _STRIKE.search(sheet_xml) is not None
    if not book.strikes and not inline:
        return out
    for m in _CELL.finditer(sheet_xml):
        attrs, body = m.group(2), m.group(3) or b""
        s = _ATTR_S.search(attrs)
        t = _ATTR_T.search(attrs)
        value = _VALUE.search(body)
        kind = t.group(1) if t is not None else b""
        text = None
        if kind == b"s" and value is not None:
            text = book.struck_strings.get(int(value.group(1)))
        elif kind == b"inlineStr" and inline and _STRIKE.search(body):
            text = _struck_strings(b"<c>" + body + b"</c>").get(0)
        whole = s is not None and int(s.group(1)) in book.struck_formats and bool(body.strip())
        if text is None and not whole:
            continue
        pos = parse_a1(m.group(1).decode())
        if whole:
            out[pos] = ("", ())  # the whole cell: the overlay quotes its value
        elif text is not None:
            out[pos] = text
    return out


def alignment(sheet_xml: bytes, book: BookText) -> Align:
    """(row, col) → the horizontal alignment of that cell's format."""

    def align(r: int, c: int) -> str:
        ref = f"{column_letter(c)}{r + 1}".encode()
        m = re.search(rb'<(?:\w+:)?c\s+r="' + ref + rb'"([^>]*)>', sheet_xml)
        s = _ATTR_S.search(m.group(1)) if m else None
        index = int(s.group(1)) if s else 0
        table = book.alignments
        return table[index] if 0 <= index < len(table) else ""

    return align
