"""The parts of an .xlsx package, apart from cell values (python-calamine and openpyxl
give those): relationships, content types, custom properties, which part holds which
sheet, the defined names, and what a sheet's drawing holds.

Parts of a file that came from outside are read through the guard (`read_member`,
`safe_xml`), with its caps; the same code serves the reader, the feedback copy and the
template filler, so that all three agree on which part is which sheet.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from toolkit.cells import Cell, parse_range
from toolkit.excel.guard import DEFAULT_LIMITS, Limits, read_member, safe_xml

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DRAWING_REL = DOC_REL_NS + "/drawing"
OFFICE_DOCUMENT_REL = DOC_REL_NS + "/officeDocument"

WORKBOOK_PART = "xl/workbook.xml"
CONTENT_TYPES_PART = "[Content_Types].xml"
CUSTOM_PART = "docProps/custom.xml"
# Our custom document properties (template version, 協議会ID, a feedback copy's source).
PROPERTY_PREFIX = "kyogikai_"

_MAIN = f"{{{MAIN_NS}}}"
_PIC = re.compile(rb"<(?:\w+:)?pic>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')


# --- relationships ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship of a part: where `id` leads."""

    id: str
    type: str
    target: str  # a part name without leading "/" when internal, else as written
    external: bool = False


def rels_path(part: str) -> str:
    """The relationships part of `part` (`xl/_rels/workbook.xml.rels`); of the package
    itself for ""."""
    if not part:
        return "_rels/.rels"
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def parse_relationships(data: bytes, base: str) -> list[Relationship]:
    """The relationships in a .rels part; internal targets resolved against the folder
    `base` of the part they belong to (absolute targets taken from the package root)."""
    out = []
    for el in safe_xml(data).iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = el.get("Target", "")
        external = el.get("TargetMode") == "External"
        if not external:
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(base, target))
        out.append(Relationship(el.get("Id", ""), el.get("Type", ""), target, external))
    return out


def relationships(
    zf: zipfile.ZipFile, part: str, limits: Limits = DEFAULT_LIMITS
) -> list[Relationship]:
    """The relationships of `part` ("" for the package's own); none when it has no .rels."""
    try:
        data = read_member(zf, rels_path(part), limits)
    except KeyError:
        return []
    return parse_relationships(data, posixpath.dirname(part))


def quoteattr(text: str) -> str:
    """An attribute value escaped and quoted, as `xml.sax.saxutils.quoteattr` writes it
    (written here: that module imports urllib's HTTP client, which every run of the
    command line would load for nothing)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def relationships_xml(rels: Iterable[Relationship]) -> bytes:
    """A .rels part holding `rels`; internal targets are written from the package root."""
    items = []
    for rel in rels:
        if rel.external:
            target, mode = rel.target, ' TargetMode="External"'
        else:
            target, mode = "/" + rel.target, ""
        items.append(
            f"<Relationship Id={quoteattr(rel.id)} Type={quoteattr(rel.type)} "
            f"Target={quoteattr(target)}{mode}/>"
        )
    return relationships_document("".join(items))


def relationships_document(body: str) -> bytes:
    """A .rels part around already written `<Relationship>` elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}">{body}</Relationships>'
    ).encode()


def main_part(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> str:
    """The workbook part the package's relationships name (`xl/workbook.xml` as a rule)."""
    for rel in relationships(zf, "", limits):
        if rel.type.endswith("/officeDocument") and not rel.external:
            return rel.target
    return WORKBOOK_PART


# --- content types ----------------------------------------------------------------------


def content_types(
    zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, str], dict[str, str]]:
    """(extension → content type, part name → content type) of a package."""
    root = safe_xml(read_member(zf, CONTENT_TYPES_PART, limits))
    defaults = {
        el.get("Extension", "").lower(): el.get("ContentType", "")
        for el in root.iter(f"{{{CONTENT_TYPES_NS}}}Default")
    }
    overrides = {
        el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
        for el in root.iter(f"{{{CONTENT_TYPES_NS}}}Override")
    }
    return defaults, overrides


# --- custom document properties ---------------------------------------------------------

_PROPERTY = re.compile(
    rb'<(?:\w+:)?property\b[^>]*\bname="' + PROPERTY_PREFIX.encode() + rb'([a-z_]+)"[^>]*>\s*'
    rb"<(?:\w+:)?lpwstr>([^<]*)</(?:\w+:)?lpwstr>"
)


def custom_part(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The custom-properties part of a package (b"" when it has none), read once for
    the marks and properties below."""
    try:
        return read_member(zf, CUSTOM_PART, limits, max_bytes=2**20)
    except KeyError:
        return b""


def custom_properties(
    zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None
) -> dict[str, str]:
    """Our custom document properties that have a value, without their `kyogikai_`
    prefix: `template_version`, `council_id`, `feedback_source`. `data`: the part as
    `custom_part` read it (else it is read from `zf`)."""
    if data is None:
        data = custom_part(zf, limits)
    out = {}
    for m in _PROPERTY.finditer(data):
        out[m.group(1).decode()] = html.unescape(m.group(2).decode("utf-8", "replace")).strip()
    return {k: v for k, v in out.items() if v}


_OUTPUT = re.compile(
    rb'<(?:\w+:)?property\b[^>]*\bname="kyogikai-output"[^>]*>\s*'
    rb"<(?:\w+:)?lpwstr>([^<]{0,40})</(?:\w+:)?lpwstr>"
)


def output_mark(
    zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None
) -> str | None:
    """The kind of kyogikai output a package is (its `kyogikai-output` property: summary,
    feedback, remind, roster…), or None for any other workbook. `data`: as for
    `custom_properties`."""
    if data is None:
        data = custom_part(zf, limits)
    found = _OUTPUT.search(data)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None


# The marks of workbooks kyogikai writes for people to fill in that are not reports: the
# registry (`writing/registry_io.py`) and the yearly plan form (`writing/plan_forms.py`).
# They are not outputs to replace at will (HQ and the stations write in them), so they
# carry a mark of their own, not `kyogikai-output`.
FORM_MARKS = {"kyogikai-registry": "registry", "kyogikai-plan-form": "plan"}
_FORM = re.compile(rb'<(?:\w+:)?property\b[^>]*\bname="(kyogikai-registry|kyogikai-plan-form)"')


def form_mark(
    zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None
) -> str | None:
    """ "registry" or "plan" for a registry or a yearly plan form kyogikai wrote (and
    people may have filled since), or None. `data`: as for `custom_properties`."""
    if data is None:
        data = custom_part(zf, limits)
    found = _FORM.search(data)
    return FORM_MARKS[found.group(1).decode()] if found else None


def split_property(custom_xml: bytes | None, name: str) -> tuple[str, str] | None:
    """A custom-properties part cut where the text value of property `name` goes, so that
    a value can be put between the two halves; None when there is no such property."""
    if custom_xml is None:
        return None
    xml = custom_xml.decode("utf-8")
    prop = re.search(
        r'<property\b[^>]*\bname="' + re.escape(name) + r'"[^>]*>\s*'
        r"(<vt:lpwstr\s*/>|<vt:lpwstr>[^<]*</vt:lpwstr>)",
        xml,
    )
    if prop is None:
        return None
    return xml[: prop.start(1)] + "<vt:lpwstr>", "</vt:lpwstr>" + xml[prop.end(1) :]


# --- the workbook part: sheets and defined names ----------------------------------------


@dataclass(frozen=True, slots=True)
class SheetPart:
    """A sheet of the workbook and the part that holds it ("" when none is named)."""

    name: str
    part: str
    state: str  # "visible" | "hidden" | "veryHidden"


@dataclass(frozen=True, slots=True)
class DefinedName:
    """A defined name that points into a sheet."""

    name: str
    cell: Cell  # the top-left cell of what it points at
    single: bool  # one cell, not a range
    scope: str | None  # the sheet a sheet-scoped name belongs to; None for the workbook


@dataclass(frozen=True)
class WorkbookPart:
    """What the workbook part says: its sheets in order, and its defined names."""

    sheets: tuple[SheetPart, ...]
    names: tuple[DefinedName, ...]
    # Each sheet's print area as written (`'報告'!$A$1:$AH$31`, several joined by commas),
    # by sheet name: what is outside it is not printed.
    print_areas: tuple[tuple[str, str], ...] = ()


def read_workbook_part(
    zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS, part: str = WORKBOOK_PART
) -> WorkbookPart:
    """Sheets and defined names of a package, from `part` and its relationships."""
    book = read_member(zf, part, limits)
    try:
        rels = read_member(zf, rels_path(part), limits)
    except KeyError:
        rels = b""
    return parse_workbook_part(book, rels, posixpath.dirname(part))


@functools.lru_cache(maxsize=64)
def parse_workbook_part(book: bytes, rels: bytes, base: str = "xl") -> WorkbookPart:
    """Sheets and defined names from the bytes of a workbook part and of its .rels.

    Stations' files mostly share a handful of layouts, so the parse is kept per distinct
    pair of parts: a month of files made from our template parses them once.
    """
    root = safe_xml(book)
    targets = {
        r.id: r.target for r in (parse_relationships(rels, base) if rels else []) if not r.external
    }
    sheets = tuple(
        SheetPart(
            el.get("name", ""),
            targets.get(el.get(f"{{{DOC_REL_NS}}}id", ""), ""),
            el.get("state", "visible"),
        )
        for el in root.iter(f"{_MAIN}sheet")
    )
    names = []
    areas = []
    for el in root.iter(f"{_MAIN}definedName"):
        name = el.get("name", "")
        local = el.get("localSheetId", "")
        if name == "_xlnm.Print_Area" and el.text and local.isdigit() and int(local) < len(sheets):
            areas.append((sheets[int(local)].name, el.text.strip()))
            continue
        if name.startswith("_xlnm.") or not el.text:
            continue
        text = el.text.strip().lstrip("=")
        first, colon, _ = text.partition(":")
        try:
            cell = Cell.parse(first)
        except ValueError:
            continue
        scope = sheets[int(local)].name if local.isdigit() and int(local) < len(sheets) else None
        names.append(DefinedName(name, cell, not colon, scope))
    return WorkbookPart(sheets, tuple(names), tuple(areas))


def sheet_parts(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> dict[str, str]:
    """Sheet title → worksheet part, in workbook order, for the sheets whose part is in
    the package (the workbook part found through the package's relationships)."""
    book = read_workbook_part(zf, limits, main_part(zf, limits))
    return {s.name: s.part for s in book.sheets if s.part and s.part in zf.NameToInfo}


@dataclass
class Package:
    """Sheets in workbook order and the defined names that point into each of them, as
    sheet → name → 0-based (row, col) of the name's top-left cell."""

    sheets: list[SheetPart]
    names: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    has_media: bool = False
    print_areas: dict[str, str] = field(default_factory=dict)  # sheet → as written

    def part_of(self, sheet: str) -> str | None:
        return next((s.part for s in self.sheets if s.name == sheet), None)


def read_package(zf: zipfile.ZipFile, limits: Limits) -> Package:
    """Sheets and defined names from `xl/workbook.xml` and its relationships."""
    book = read_workbook_part(zf, limits)
    names: dict[str, dict[str, tuple[int, int]]] = {}
    for d in book.names:
        if d.scope is None:
            names.setdefault(d.cell.sheet, {})[d.name] = (d.cell.row, d.cell.col)
    # Names scoped to a sheet (Excel makes them when a named sheet is copied) win there.
    for d in book.names:
        if d.scope is not None:
            names.setdefault(d.scope, {})[d.name] = (d.cell.row, d.cell.col)
    has_media = any(n.startswith("xl/media/") for n in zf.namelist())
    return Package(list(book.sheets), names, has_media, dict(book.print_areas))


# --- what a worksheet holds besides cells -----------------------------------------------


def pictures_in(zf: zipfile.ZipFile, sheet_part: str, limits: Limits) -> int:
    """How many pictures are placed on a sheet (photos pasted in 参考事項（写真添付）)."""
    count = 0
    by_id = {rel.id: rel for rel in relationships(zf, sheet_part, limits)}
    for rel in by_id.values():
        if not rel.external and "/drawings/" in rel.target and rel.target.endswith(".xml"):
            try:
                count += len(_PIC.findall(read_member(zf, rel.target, limits)))
            except KeyError:
                continue
    return count


_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_REL_ATTR = re.compile(rb'(Type|Target|TargetMode)\s*=\s*"([^"]*)"')


def drawing_parts(zf: zipfile.ZipFile, sheet_part: str, limits: Limits) -> list[str]:
    """The drawing parts a worksheet's relationships point to. Read with patterns (every
    file with a drawing asks this; the full parse of `relationships` costs more than
    the rest of finding its shapes)."""
    try:
        data = read_member(zf, rels_path(sheet_part), limits)
    except KeyError:
        return []
    base = posixpath.dirname(sheet_part)
    out = []
    for tag in _RELATIONSHIP.finditer(data):
        attrs = {
            k.decode(): html.unescape(v.decode("utf-8", "replace"))
            for k, v in _REL_ATTR.findall(tag.group(1))
        }
        if attrs.get("Type") != DRAWING_REL or attrs.get("TargetMode") == "External":
            continue
        target = attrs.get("Target", "")
        if target.startswith("/"):
            out.append(target.lstrip("/"))
        else:
            out.append(posixpath.normpath(posixpath.join(base, target)))
    return out


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


# --- sheets that dropdown lists point to ------------------------------------------------

_LIST_FORMULA = re.compile(rb"<(?:\w+:)?formula1>\s*(?:<(?:\w+:)?f>)?([^<]{1,300})<")
_SHEET_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!=,:;()+\-*/&^<>]+))!")
_NAME_REF = re.compile(r"^=?\s*([^\s!$:()]+)\s*$")


def list_sources(sheet_xml: bytes, names: dict[str, dict[str, tuple[int, int]]]) -> set[str]:
    """Sheets whose cells a worksheet's data validation lists (dropdowns) take their
    choices from: by a reference (`リスト!$A$1:$A$5`) or a defined name (`=種別`).
    `names` is `Package.names` (sheet → name → cell)."""
    if b"ormula1>" not in sheet_xml:
        return set()
    out: set[str] = set()
    for m in _LIST_FORMULA.finditer(sheet_xml):
        formula = html.unescape(m.group(1).decode("utf-8", "replace"))
        for quoted, bare in _SHEET_REF.findall(formula):
            out.add(quoted.replace("''", "'") if quoted else bare)
        named = _NAME_REF.match(formula)
        if named is not None and not formula.lstrip().startswith('"'):
            out.update(sheet for sheet, defined in names.items() if named.group(1) in defined)
    return out


# --- kyogikai's outputs saved in another format -----------------------------------------

_ODS_OUTPUT = re.compile(
    rb'<meta:user-defined\b[^>]*\bmeta:name="kyogikai-output"[^>]*>([^<]{0,40})<'
)


def ods_output_mark(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The kind of kyogikai output an .ods is (a summary re-saved by LibreOffice keeps
    its custom property as a user-defined field of `meta.xml`), or None."""
    try:
        data = read_member(zf, "meta.xml", limits, max_bytes=2**20)
    except KeyError:
        return None
    found = _ODS_OUTPUT.search(data)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None


def xls_output_mark(data: bytes) -> str | None:
    """Whether an .xls carries kyogikai's output property among its custom document
    properties (the second section of `\\x05DocumentSummaryInformation`)."""
    import io

    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        name = "\x05DocumentSummaryInformation"
        if not ole.exists(name):
            return None
        stream = ole.openstream(name).read(2**20)
    except Exception:  # olefile raises many kinds of errors; the guard judged the file
        return None
    key = "kyogikai-output"
    if key.encode("ascii") in stream or key.encode("utf-16-le") in stream:
        return "出力"
    return None
