"""Fill the report template quickly: zip and string work on the template's own XML.

Generating thousands of sample reports through openpyxl costs tens of milliseconds each.
`FastFiller` reads the template once, finds the cell elements its defined names point at,
and for each report rewrites only those elements; every other part of the file is copied
as it is, so styles, validations, protection and print settings stay the template's.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from toolkit.excel.ooxml import (
    CUSTOM_PART,
    PROPERTY_PREFIX,
    WORKBOOK_PART,
    parse_workbook_part,
    rels_path,
    split_property,
)

META_SHEET = "_meta"
META_COUNCIL_CELL = "B2"
PROP_COUNCIL_ID = PROPERTY_PREFIX + "council_id"
_META_KEY = "\0council_id"  # never a defined name

# A cell element of sheetData, self-closing or not. `<c\b` does not match <col> or <cols>.
_CELL = re.compile(r'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)
_STYLE = re.compile(r'\bs="([0-9]+)"')
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SERIAL_DATE = date(1900, 3, 1)  # before this, Excel's 1900 leap-year bug shifts serials
_MAX_TEXT = 32767  # characters Excel keeps in one cell


class TemplateError(ValueError):
    """The bytes given are not a template FastFiller can fill."""


@dataclass(frozen=True)
class _Slot:
    """One cell element of a sheet part that `fill` may rewrite."""

    part: str
    start: int
    end: int
    ref: str
    style: str | None


class FastFiller:
    """Fill copies of one template by its defined names, without openpyxl."""

    def __init__(self, template: bytes) -> None:
        """Parse `template` (the bytes of an .xlsx) once for all later `fill` calls."""
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            self._members = [(info, archive.read(info)) for info in archive.infolist()]
        parts = {info.filename: data for info, data in self._members}
        book = parse_workbook_part(parts[WORKBOOK_PART], parts.get(rels_path(WORKBOOK_PART), b""))
        # Workbook-scoped names of one cell each are the template's inputs.
        targets = {
            d.name: (d.cell.sheet, d.cell.a1) for d in book.names if d.scope is None and d.single
        }
        sheet_parts = {s.name: s.part for s in book.sheets if s.part}
        if META_SHEET in sheet_parts:
            targets[_META_KEY] = (META_SHEET, META_COUNCIL_CELL)

        self._text: dict[str, str] = {}
        self._slots: dict[str, _Slot] = {}
        wanted: dict[str, dict[str, list[str]]] = {}
        for key, (sheet, ref) in targets.items():
            if sheet not in sheet_parts:
                raise TemplateError(f"defined name {key!r} points at unknown sheet {sheet!r}")
            wanted.setdefault(sheet_parts[sheet], {}).setdefault(ref, []).append(key)
        for part, refs in wanted.items():
            xml = parts[part].decode("utf-8")
            self._text[part] = xml
            found = _cell_elements(xml, part, set(refs))
            for ref, keys in refs.items():
                if ref not in found:
                    raise TemplateError(f"{part} has no cell element {ref} for {keys[0]!r}")
                for key in keys:
                    self._slots[key] = found[ref]
        self._custom = split_property(parts.get(CUSTOM_PART), PROP_COUNCIL_ID)

    @property
    def names(self) -> frozenset[str]:
        """The defined names `fill` accepts."""
        return frozenset(k for k in self._slots if k != _META_KEY)

    def fill(self, values: Mapping[str, object], *, council_id: str | None = None) -> bytes:
        """A complete .xlsx: the template with `values` written into their named cells.

        Values are text (stored as text, also when it starts with "="), int, float, date,
        datetime, time, or None or "" (an empty cell). Dates and times become Excel serial numbers
        in cells that keep their style, so the template's number format shows them.
        `council_id` goes into `_meta!B2` and the `kyogikai_council_id` property.
        Unknown names raise KeyError.
        """
        edits: dict[str, list[tuple[_Slot, str]]] = {}
        for key, value in values.items():
            if key not in self._slots or key == _META_KEY:
                raise KeyError(key)
            slot = self._slots[key]
            edits.setdefault(slot.part, []).append((slot, _cell_xml(key, slot, value)))
        meta = self._slots.get(_META_KEY)
        if meta is not None:
            edits.setdefault(meta.part, []).append(
                (meta, _cell_xml("council_id", meta, council_id))
            )

        changed = {
            part: _apply(self._text[part], cells).encode("utf-8") for part, cells in edits.items()
        }
        if self._custom is not None:
            head, tail = self._custom
            changed[CUSTOM_PART] = (head + _escape(council_id or "") + tail).encode("utf-8")

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for info, data in self._members:
                archive.writestr(info, changed.get(info.filename, data))
        return out.getvalue()


def _cell_elements(xml: str, part: str, refs: set[str]) -> dict[str, _Slot]:
    """The <c> elements of the sheetData of `part` whose reference is in `refs`."""
    start = xml.find("<sheetData")
    end = xml.find("</sheetData>")
    if start < 0 or end < 0:
        return {}
    found: dict[str, _Slot] = {}
    for match in _CELL.finditer(xml, start, end):
        ref = match.group(1)
        if ref in refs:
            style = _STYLE.search(match.group(0), 0, match.group(0).find(">"))
            found[ref] = _Slot(
                part=part,
                start=match.start(),
                end=match.end(),
                ref=ref,
                style=style.group(1) if style else None,
            )
    return found


def _apply(xml: str, cells: list[tuple[_Slot, str]]) -> str:
    """`xml` with each slot's element replaced by its new text."""
    pieces: list[str] = []
    pos = 0
    for slot, text in sorted(cells, key=lambda item: item[0].start):
        pieces.append(xml[pos : slot.start])
        pieces.append(text)
        pos = slot.end
    pieces.append(xml[pos:])
    return "".join(pieces)


def _escape(text: str) -> str:
    # \r would be read back as \n by an XML parser unless written as a character reference.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _cell_xml(key: str, slot: _Slot, value: object) -> str:
    """The <c> element for `value`, keeping the cell's reference and style."""
    head = f'<c r="{slot.ref}"' + (f' s="{slot.style}"' if slot.style is not None else "")
    if value is None or value == "":
        return head + "/>"
    if isinstance(value, str):
        bad = _NOT_XML.search(value)
        if bad:
            raise ValueError(f"{key}: character U+{ord(bad.group()):04X} cannot be stored")
        if len(value) > _MAX_TEXT:
            raise ValueError(f"{key}: text longer than {_MAX_TEXT} characters")
        # Inline strings never become formulas, so "=..." stays text.
        return (
            head + ' t="inlineStr"><is><t xml:space="preserve">' + _escape(value) + "</t></is></c>"
        )
    return f"{head}><v>{_number(key, value)}</v></c>"


def _number(key: str, value: object) -> str:
    """Excel's number for an int, float, date, datetime or time."""
    if isinstance(value, bool):
        raise TypeError(f"{key}: cannot write bool")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{key}: {value} is not a number Excel can hold")
        return repr(value)
    if isinstance(value, datetime):
        return repr(_days(key, value.date()) + _day_fraction(value.time()))
    if isinstance(value, date):
        return str(_days(key, value))
    if isinstance(value, time):
        return repr(_day_fraction(value))
    raise TypeError(f"{key}: cannot write {type(value).__name__}")


def _days(key: str, day: date) -> int:
    if day < _FIRST_SERIAL_DATE:
        raise ValueError(f"{key}: dates before 1900-03-01 are not supported")
    return (day - _EXCEL_EPOCH).days


def _day_fraction(t: time) -> float:
    seconds = t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1_000_000
    return seconds / 86400
