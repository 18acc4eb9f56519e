"""The few parts of an .xlsx package that python-calamine does not give us.

Defined names (our template's input cells), which part holds which sheet, and how many
pictures a sheet carries. All parts are read through `safety.read_member`, with caps.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from toolkit.cells import Cell, parse_range
from toolkit.excel.safety import Limits, read_member, safe_xml

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PIC = re.compile(rb"<(?:\w+:)?pic>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')


@dataclass(frozen=True, slots=True)
class SheetPart:
    name: str
    part: str
    state: str  # "visible" | "hidden" | "veryHidden"


@dataclass
class Package:
    """Sheets in workbook order and the defined names that point into each of them."""

    sheets: list[SheetPart]
    names: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    has_media: bool = False

    def part_of(self, sheet: str) -> str | None:
        return next((s.part for s in self.sheets if s.name == sheet), None)


def read_package(zf: zipfile.ZipFile, limits: Limits) -> Package:
    """Sheets and defined names from `xl/workbook.xml` and its relationships.

    Stations' files mostly share a handful of layouts, so the parse is kept per distinct
    pair of parts: a month of files made from our template parses them once.
    """
    book = read_member(zf, "xl/workbook.xml", limits)
    try:
        rels = read_member(zf, "xl/_rels/workbook.xml.rels", limits)
    except KeyError:
        rels = b""
    sheets, names = _parse_workbook(book, rels)
    has_media = any(n.startswith("xl/media/") for n in zf.namelist())
    return Package(list(sheets), {k: dict(v) for k, v in names.items()}, has_media)


@functools.lru_cache(maxsize=64)
def _parse_workbook(
    book: bytes, rels: bytes
) -> tuple[tuple[SheetPart, ...], dict[str, dict[str, tuple[int, int]]]]:
    root = safe_xml(book)
    targets = _targets(rels, "xl") if rels else {}
    sheets: list[SheetPart] = []
    for el in root.iter(f"{_NS_MAIN}sheet"):
        rid = el.get(f"{_NS_REL}id", "")
        sheets.append(
            SheetPart(el.get("name", ""), targets.get(rid, ""), el.get("state", "visible"))
        )
    names: dict[str, dict[str, tuple[int, int]]] = {}
    scoped: list[tuple[str, str, int, int]] = []
    for el in root.iter(f"{_NS_MAIN}definedName"):
        name = el.get("name", "")
        if name.startswith("_xlnm.") or not el.text:
            continue
        target = _target(el.text)
        if target is None:
            continue
        sheet, r, c = target
        local = el.get("localSheetId")
        if local is not None and local.isdigit() and int(local) < len(sheets):
            scoped.append((sheets[int(local)].name, name, r, c))
        else:
            names.setdefault(sheet, {})[name] = (r, c)
    # Names scoped to a sheet (Excel makes them when a named sheet is copied) win there.
    for sheet, name, r, c in scoped:
        names.setdefault(sheet, {})[name] = (r, c)
    return tuple(sheets), names


def _target(text: str) -> tuple[str, int, int] | None:
    """(sheet, row, col) of a defined name's formula such as `'報告書 (2)'!$G$5` (the
    top-left cell of a range)."""
    text = text.strip().lstrip("=")
    try:
        cell = Cell.parse(text.split(":", 1)[0])
    except ValueError:
        return None
    return cell.sheet, cell.row, cell.col


def _relationships(
    zf: zipfile.ZipFile, rels_part: str, base: str, limits: Limits
) -> dict[str, str]:
    try:
        data = read_member(zf, rels_part, limits)
    except KeyError:
        return {}
    return _targets(data, base)


def _targets(data: bytes, base: str) -> dict[str, str]:
    """Relationship id → part path, from a .rels part."""
    out: dict[str, str] = {}
    for el in safe_xml(data).iter(f"{_NS_PKG}Relationship"):
        target = el.get("Target", "")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(base, target))
        out[el.get("Id", "")] = path
    return out


_PROPERTY = re.compile(
    rb'<(?:\w+:)?property\b[^>]*\bname="(kyogikai_[a-z_]+)"[^>]*>\s*'
    rb"<(?:\w+:)?lpwstr>([^<]*)</(?:\w+:)?lpwstr>"
)


def template_properties(zf: zipfile.ZipFile, limits: Limits) -> dict[str, str]:
    """Our template's custom document properties (version, 協議会ID), when present."""
    try:
        data = read_member(zf, "docProps/custom.xml", limits, max_bytes=2**20)
    except KeyError:
        return {}
    out = {}
    for m in _PROPERTY.finditer(data):
        key = m.group(1).decode().removeprefix("kyogikai_")
        out[key] = html.unescape(m.group(2).decode("utf-8", "replace")).strip()
    return {k: v for k, v in out.items() if v}


def pictures_in(zf: zipfile.ZipFile, sheet_part: str, limits: Limits) -> int:
    """How many pictures are placed on a sheet (photos pasted in 参考事項（写真添付）)."""
    folder, name = posixpath.split(sheet_part)
    rels = _relationships(zf, f"{folder}/_rels/{name}.rels", folder, limits)
    count = 0
    for target in rels.values():
        if "/drawings/" in target and target.endswith(".xml"):
            try:
                count += len(_PIC.findall(read_member(zf, target, limits)))
            except KeyError:
                continue
    return count


def merges_in(sheet_xml: bytes) -> list[tuple[int, int, int, int]]:
    """Merged areas of a worksheet part, read without a full parse."""
    out = []
    for m in _MERGE.finditer(sheet_xml):
        ref = m.group(1).decode() + (":" + m.group(2).decode() if m.group(2) else "")
        try:
            out.append(parse_range(ref))
        except ValueError:
            continue  # a merge outside the grid means nothing on the form
    return out
