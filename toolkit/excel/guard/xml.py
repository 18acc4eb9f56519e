"""XML inside a package: parsers that refuse DTDs (and so every entity trick), a cheap
look at the prolog of each part a reader parses, and how far the cells of a worksheet
part reach.
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree as DefusedET

from toolkit.cells import column_index
from toolkit.excel.guard.caps import DANGEROUS_XML, Limits, Unreadable, short, size_text
from toolkit.excel.guard.zip import refuse_zip_password, seek_data

# --- parsers ----------------------------------------------------------------------------


def safe_xml(data: bytes, *, max_bytes: int = Limits.max_xml_bytes) -> Element:
    """Parse a small XML part with defusedxml: DTDs, entity declarations and external
    references are refused (F1.corrupt), as is broken XML; parts over `max_bytes` are
    F1.too-large (a tree costs ~50 bytes of memory per byte of dense markup)."""
    if len(data) > max_bytes:
        raise Unreadable("F1.too-large", f"XMLの部品が {size_text(len(data))}")
    try:
        return DefusedET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise Unreadable("F1.corrupt", DANGEROUS_XML) from exc
    except ParseError as exc:
        raise Unreadable("F1.corrupt", "XMLの構文が壊れています") from exc


def expat_parser(namespace_separator: str | None = None) -> expat.XMLParserType:
    """A streaming expat parser that refuses DTDs (F1.corrupt), and so every entity trick.
    With `namespace_separator`, element names come as `namespace<sep>local`."""
    if namespace_separator is None:
        parser = expat.ParserCreate()
    else:
        parser = expat.ParserCreate(namespace_separator=namespace_separator)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    return parser


def _refuse_dtd(*_: object) -> None:
    raise Unreadable("F1.corrupt", DANGEROUS_XML)


def parse_xml(parser: expat.XMLParserType, data: bytes, what: str) -> None:
    """Feed a whole part to `parser`; broken XML is F1.corrupt, worded with `what`."""
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Unreadable("F1.corrupt", f"{what}のXMLが壊れています") from exc


# --- the prolog of every parsed part ----------------------------------------------------

# XML parts that some reader of ours parses (calamine, our own package reading, openpyxl
# for feedback copies: the last through defusedxml anyway). Worksheets are measured apart.
OOXML_PARSED_PARTS = re.compile(
    r"xl/(workbook\.xml|sharedStrings\.xml|styles\.xml|_rels/.*|worksheets/_rels/.*"
    r"|drawings/.*)$|docProps/custom\.xml$",
    re.I,
)

_PROLOG_MAX = 64 * 2**10
_PROLOG_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)


def check_parts(zf: zipfile.ZipFile, parts: re.Pattern[str] = OOXML_PARSED_PARTS) -> None:
    """Refuse an XML part that a reader parses when it declares a DTD: OOXML forbids them
    and they carry the entity tricks.

    A DTD can only stand in the prolog, before the root element, so only the start of each
    part is inflated: this runs on every file and must cost little. A part whose prolog
    does not end within `_PROLOG_MAX` bytes is refused too. Sizes were judged by
    `check_zip`; the readers cap every part at its declared size.
    """
    for info in zf.infolist():
        name = info.filename
        if not parts.match(name):
            continue
        head = _prolog(zf, info)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:2]:
            head = head.replace(b"\x00", b"")  # UTF-16: only ASCII markup is looked for
        root = _root_start(head)
        if b"<!DOCTYPE" in head[: len(head) if root is None else root]:
            raise Unreadable("F1.corrupt", DANGEROUS_XML)
        if root is None and len(head) >= _PROLOG_MAX:
            raise Unreadable("F1.corrupt", f"部品「{short(name)}」の先頭が異常に長い")


def _root_start(head: bytes) -> int | None:
    """Offset of the root element's start tag, skipping declarations and comments."""
    pos = 0
    while True:
        m = _PROLOG_SKIP.match(head, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
    while pos < len(head) and head[pos : pos + 1].isspace():
        pos += 1
    if head[pos : pos + 9] == b"<!DOCTYPE":
        return None if pos + 9 >= len(head) else pos + 9
    if head[pos : pos + 1] == b"<" and len(head) > pos + 1:
        return pos
    return None


def _prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The first `_PROLOG_MAX` bytes of a member, inflating no more than that."""
    refuse_zip_password(info)
    try:
        if info.compress_type != zipfile.ZIP_DEFLATED:
            with zf.open(info) as member:
                return member.read(_PROLOG_MAX)
        raw = seek_data(zf, info).read(min(info.compress_size, _PROLOG_MAX))
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        # Most prologs end within the first few hundred bytes; inflate more only if not.
        head = inflater.decompress(raw, 1024)
        if _root_start(head) is None and inflater.unconsumed_tail:
            head += inflater.decompress(inflater.unconsumed_tail, _PROLOG_MAX - len(head))
        return head
    except (
        zlib.error,
        zipfile.BadZipFile,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise Unreadable(
            "F1.corrupt", f"部品「{short(info.filename)}」の圧縮データが壊れています"
        ) from exc


# --- how far a worksheet's cells reach --------------------------------------------------

# Every start tag of a cell, with its reference when written the usual way (r="A1").
# Attributes before `r` are skipped whole, so that an `r="…"` inside another attribute's
# value is never taken for the cell's own.
_CELL = re.compile(
    rb"<(?:[^\s<>/!?:]+:)?c(?=[\s/>])"
    rb"(?:(?:\s+[^\s=<>/]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*?\s+r=\"([A-Z]{1,3})([0-9]{1,7})\")?"
)
_PLAIN_REF = re.compile(rb'([A-Z]{1,3})([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]+[0-9]+:)?([A-Z]{1,3})([0-9]{1,7})"')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_ROOT = re.compile(rb"<[^?!]")
_REF = re.compile(r"([A-Za-z]{1,4})([0-9]{1,8})")


def sheet_extent(sheet_xml: bytes) -> tuple[int, int]:
    """(max_row, max_col), 1-based, of the cells present in an OOXML worksheet part; (0, 0)
    when it has none. `<dimension>` is not trusted. Styled cells without a value count too
    (some readers materialise them). A part that declares a DTD is refused (F1.corrupt):
    OOXML forbids them.

    Python's regex engine costs ~50 ns per match, too much to collect 2,000 cell references
    of a form on every file. So a candidate box comes from the last cell (rows come in
    order) or from `<dimension>`, and one regex search proves that no cell start tag lies
    outside it or is written in an unusual way. When that fails every reference is
    collected, and cells without one send the part to an exact XML scan."""
    if sheet_xml.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in sheet_xml[:2]:
        sheet_xml = sheet_xml.replace(b"\x00", b"")  # UTF-16: the ASCII markup is what counts
    root = _ROOT.search(sheet_xml)
    if b"<!DOCTYPE" in (sheet_xml[: root.start()] if root else sheet_xml):
        raise Unreadable("F1.corrupt", DANGEROUS_XML)
    last = sheet_xml.rfind(b'<c r="')
    m = _PLAIN_REF.match(sheet_xml, last + 6) if last >= 0 else None
    if m is not None and _PREFIXED_CELL.search(sheet_xml) is None:
        row, letters = int(m.group(2)), m.group(1)
        if _outside(row, letters).search(sheet_xml) is None:
            return row, _column_number(letters)
        dim = _DIMENSION.search(sheet_xml)
        if dim is not None:
            box_row = max(row, int(dim.group(2)))
            box_col = max(letters, dim.group(1), key=_ranks)
            if (
                _outside(box_row, box_col).search(sheet_xml) is None
                and re.search(rb'<c r="' + box_col + rb"[0-9]", sheet_xml)
                and re.search(rb'<c r="[A-Z]+' + str(box_row).encode() + b'"', sheet_xml)
            ):
                return box_row, _column_number(box_col)
    return _all_refs_extent(sheet_xml)


def _column_number(letters: bytes | str) -> int:
    """1-based column number of column letters, as the extent counts columns."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    return column_index(text) + 1


def _ranks(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


@functools.lru_cache(maxsize=256)
def _outside(row: int, letters: bytes) -> re.Pattern[bytes]:
    """A pattern for an unprefixed cell start tag that is not `<c r="…"` with a reference
    inside rows 1..`row` and columns A..`letters`."""
    cols = _not_after(letters.decode(), "A", "Z", "[A-Z]", first="A")
    rows = _not_after(str(row), "0", "9", "[0-9]", first="1")
    return re.compile(rb'<c(?! r="' + cols + rows + rb'")(?=[\s/>])')


def _not_after(text: str, low: str, high: str, any_char: str, *, first: str) -> bytes:
    """Regex for strings that sort at or before `text` (shorter, or as long and not
    larger) and do not start with a character below `first` (no leading zeros)."""
    n = len(text)
    options = [re.escape(text)]
    if n > 1:
        options.append(f"[{first}-{high}]{any_char}{{0,{n - 2}}}")
    for i, ch in enumerate(text):
        start = first if i == 0 else low
        if ch > start:
            rest = f"{any_char}{{{n - i - 1}}}" if i < n - 1 else ""
            options.append(f"{re.escape(text[:i])}[{start}-{chr(ord(ch) - 1)}]{rest}")
    return ("(?:" + "|".join(options) + ")").encode()


def _all_refs_extent(sheet_xml: bytes) -> tuple[int, int]:
    refs = _CELL.findall(sheet_xml)
    if not refs:
        return 0, 0
    cols, rows = zip(*refs, strict=True)
    col_set = set(cols)
    if b"" in col_set:
        return _exact_extent(sheet_xml)
    widest = max(col_set, key=_ranks)
    return max(map(int, set(rows))), _column_number(widest)


def _exact_extent(sheet_xml: bytes) -> tuple[int, int]:
    """Cell positions the way a reader computes them: an `r` when present, otherwise the
    next row / the next column."""
    state = {"row": 0, "col": 0, "max_row": 0, "max_col": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            r = attrs.get("r")
            state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
            state["col"] = 0
        elif local == "c":
            ref = attrs.get("r")
            if ref:
                m = _REF.fullmatch(ref)
                if m is None:
                    raise Unreadable("F1.corrupt", f"セル番地「{short(ref)}」が不正です")
                row, col = int(m.group(2)), _column_number(m.group(1))
            else:
                row, col = max(state["row"], 1), state["col"] + 1
            state["col"] = col
            state["max_row"] = max(state["max_row"], row)
            state["max_col"] = max(state["max_col"], col)

    parser = expat_parser()
    parser.StartElementHandler = start
    parse_xml(parser, sheet_xml, "シート")
    return state["max_row"], state["max_col"]
