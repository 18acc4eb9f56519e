"""Look at a workbook file before any reader sees it.

Native readers (python-calamine above all) abort the whole process on some hostile files: a
zip bomb, a single cell at XFD1048576. No `try` catches an abort, so everything that can be
decided cheaply is decided here, in pure Python, from the bytes: what the file really is
(by its magic bytes, not its name), whether it is encrypted, whether its zip directory is
sane, and how far the cells of a sheet reach.

Only the standard library, defusedxml, olefile and msoffcrypto are used; nothing is ever
written to disk from a zip. Every refusal is an `Unreadable` carrying a `findings` code.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree as DefusedET
import olefile

from toolkit.findings import CATALOGUE

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Excel encrypts a legacy .xls that only has a "password to modify" with this fixed password
# and opens it without asking; so do we.
XLS_DEFAULT_PASSWORD = "VelvetSweatshop"

DANGEROUS_XML = "XMLに危険な定義（エンティティ）が含まれています"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".xltx", ".xltm")


class Unreadable(Exception):
    """The file cannot be read; `code` is a findings.CATALOGUE F1.* code, `detail` a short
    Japanese explanation that fills the `{detail}` of the finding's message."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in CATALOGUE:
            raise ValueError(f"unknown finding code {code!r}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    """Caps applied before and while a file is read. Defaults suit report workbooks."""

    max_file_bytes: int = 64 * 2**20
    max_total_uncompressed: int = 256 * 2**20
    max_member_uncompressed: int = 128 * 2**20
    max_ratio: float = 100.0
    ratio_applies_above: int = 2**20  # small parts may compress extremely well (empty XML)
    max_members: int = 5000
    max_sheet_cells: int = 4_000_000  # bounding box (rows × cols) of the cells present
    max_directory_bytes: int = 4 * 2**20  # zip central directory, checked before parsing it
    max_xml_bytes: int = 16 * 2**20  # what `safe_xml` builds a tree from
    max_spin_count: int = 1_000_000  # password hashing rounds of an encrypted OOXML file


@dataclass(frozen=True)
class Sniffed:
    """What a file really is. `data` holds the decrypted bytes when the file was encrypted
    and the password was right (then `decrypted` is True); otherwise the bytes given."""

    format: str  # "xlsx" | "xlsm" | "xls" | "ods"
    data: bytes
    decrypted: bool = False
    # The opened package of a zip-based file, already judged; the caller closes it.
    zip: zipfile.ZipFile | None = field(default=None, compare=False, repr=False)


# --- sniff ------------------------------------------------------------------------------


def sniff(
    data: bytes, filename: str, *, password: str | None = None, limits: Limits = Limits()
) -> Sniffed:
    """Tell what a file is from its bytes and refuse what no reader should see.

    Checks, in order: size; magic bytes (zip, OLE2, or something else described in the
    detail); for a zip, its directory (`check_zip`) and, for a workbook, that every XML part
    decompresses honestly within the caps and declares no DTD (worksheet parts excepted:
    read them with `read_member` and measure them with `sheet_extent`); for OLE2, encryption
    (decrypted with `password` when given) or a BIFF workbook, whose cells must fit
    `max_sheet_cells`; for ODS, encryption and the cell area of `content.xml`.
    `filename` is used only to word the detail. Raises `Unreadable`.
    """
    return _sniff(data, filename, password, limits, allow_decrypt=True)


def _sniff(
    data: bytes, filename: str, password: str | None, limits: Limits, *, allow_decrypt: bool
) -> Sniffed:
    if len(data) > limits.max_file_bytes:
        raise Unreadable(
            "F1.too-large",
            f"ファイルサイズ {_size(len(data))}、上限 {_size(limits.max_file_bytes)}",
        )
    if data.startswith(ZIP_MAGIC):
        fmt, zf = _sniff_zip(data, filename, limits)
        return Sniffed(fmt, data, zip=zf)
    if data.startswith(OLE_MAGIC):
        return _sniff_ole(data, filename, password, limits, allow_decrypt=allow_decrypt)
    raise Unreadable("F1.not-workbook", f"{describe(data)}です")


def describe(data: bytes) -> str:
    """What a file that is neither a zip nor an OLE2 file looks like, in Japanese."""
    if not data:
        return "空のファイル"
    head = data[:4096]
    for magic, kind in _MAGICS:
        if head.startswith(magic):
            return kind
    if head.startswith(EMPTY_ZIP_MAGIC):
        return "空のZIPファイル"
    if head[2:7] in (b"-lh5-", b"-lh6-", b"-lh7-", b"-lh0-"):
        return "圧縮ファイル（LZH）"
    if len(head) >= 4 and struct.unpack("<H", head[:2])[0] in (0x0009, 0x0209, 0x0409):
        return "古い形式（Excel 2.1〜4.0）のブック"
    text = _as_text(head)
    if text is None:
        return "Excelのブックではないファイル"
    return _describe_text(text)


_MAGICS = (
    (b"%PDF", "PDFファイル"),
    (b"{\\rtf", "RTF文書"),
    (b"\x89PNG", "画像ファイル（PNG）"),
    (b"\xff\xd8\xff", "画像ファイル（JPEG）"),
    (b"GIF8", "画像ファイル（GIF）"),
    (b"BM", "画像ファイル（BMP）"),
    (b"II*\x00", "画像ファイル（TIFF）"),
    (b"MM\x00*", "画像ファイル（TIFF）"),
    (b"7z\xbc\xaf\x27\x1c", "圧縮ファイル（7z）"),
    (b"Rar!", "圧縮ファイル（RAR）"),
    (b"\x1f\x8b", "圧縮ファイル（gzip）"),
)


def _as_text(head: bytes) -> str | None:
    """The start of a file as text, or None when it looks binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", "ignore")
    if b"\x00" in head:
        return None
    head = head.removeprefix(b"\xef\xbb\xbf")
    for encoding in ("utf-8", "cp932"):
        for cut in range(4):  # the sample may end inside a multibyte character
            try:
                return head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
    return None


def _describe_text(text: str) -> str:
    low = text.lstrip().lower()
    if low.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in low or "excel.sheet" in low:
            return "Excel 2003 XML形式のファイル"
        if "<html" not in low:
            return "XMLファイル"
    if low.startswith(("<!doctype html", "<html")) or "<html" in low or "<table" in low:
        if "urn:schemas-microsoft-com:office:excel" in low:
            return "Excelで「Webページ」として保存されたHTMLファイル"
        return "HTMLファイル"
    if low.startswith("mime-version:") and "multipart/related" in low:
        return "Webページ（MHT）ファイル"
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(lines) >= 2:
        if all("\t" in line for line in lines[:-1]):
            return "タブ区切りのテキストファイル"
        if all("," in line for line in lines[:-1]):
            return "CSVファイル"
    return "テキストファイル"


# --- zip --------------------------------------------------------------------------------


def _sniff_zip(data: bytes, filename: str, limits: Limits) -> tuple[str, zipfile.ZipFile]:
    _precheck_directory(data, limits)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise Unreadable("F1.corrupt", "ZIPの構造が壊れています（途中で切れている可能性）") from exc
    try:
        return _zip_format(zf, limits), zf
    except BaseException:
        zf.close()
        raise


def _zip_format(zf: zipfile.ZipFile, limits: Limits) -> str:
    check_zip(zf, limits)
    names = set(zf.namelist())
    if "xl/workbook.xml" in names:
        _check_parts(zf, limits)
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if "mimetype" in names:
        mimetype = read_member(zf, "mimetype", limits, max_bytes=256).strip()
        if mimetype.startswith(ODS_MIMETYPE):
            _check_ods(zf, limits)
            return "ods"
        raise Unreadable("F1.not-workbook", "表計算以外のOpenDocumentファイルです")
    raise Unreadable("F1.not-workbook", _describe_zip(names))


def _describe_zip(names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "Excelバイナリブック（.xlsb）です"
    if "word/document.xml" in names:
        return "Wordの文書です"
    if "ppt/presentation.xml" in names:
        return "PowerPointのファイルです"
    if not names:
        return "空のZIPファイルです"
    if any(n.lower().endswith(WORKBOOK_SUFFIXES) for n in names):
        return "ZIPファイルです。中のブックを取り出して提出してください"
    return "ZIPファイルです"


def _precheck_directory(data: bytes, limits: Limits) -> None:
    """Read the end-of-central-directory record before `zipfile` parses the directory, so
    that a directory of millions of entries is refused before it costs any memory."""
    pos = data.rfind(EMPTY_ZIP_MAGIC, max(0, len(data) - 22 - 65535))
    if pos < 0 or len(data) < pos + 22:
        raise Unreadable("F1.corrupt", "ZIPの目録がありません（途中で切れている可能性）")
    entries, dir_size = struct.unpack_from("<HL", data, pos + 10)
    if (entries == 0xFFFF or dir_size == 0xFFFFFFFF) and data[pos - 20 : pos - 16] == (
        b"PK\x06\x07"
    ):
        (z64,) = struct.unpack_from("<Q", data, pos - 12)
        if data[z64 : z64 + 4] == b"PK\x06\x06" and len(data) >= z64 + 56:
            entries, dir_size = struct.unpack_from("<QQ", data, z64 + 32)
    if entries > limits.max_members:
        raise Unreadable(
            "F1.too-large", f"ZIPの中の部品が {entries:,} 個、上限 {limits.max_members:,} 個"
        )
    if dir_size > limits.max_directory_bytes:
        raise Unreadable("F1.too-large", f"ZIPの目録が {_size(dir_size)}")


def check_zip(zf: zipfile.ZipFile, limits: Limits = Limits()) -> None:
    """Judge a zip from its central directory only: member count, declared sizes and
    compression ratios, duplicate names. Decompresses nothing; raises `Unreadable`
    (F1.zip-bomb for an absurd ratio, F1.too-large for sizes, F1.corrupt for duplicates)."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise Unreadable(
            "F1.too-large", f"ZIPの中の部品が {len(infos):,} 個、上限 {limits.max_members:,} 個"
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in seen:
            raise Unreadable(
                "F1.corrupt", f"同じ名前の部品「{_short(info.filename)}」が重複しています"
            )
        seen.add(info.filename)
        _check_declared(info, limits.max_member_uncompressed, limits)
        total += info.file_size
    if total > limits.max_total_uncompressed:
        raise Unreadable(
            "F1.too-large",
            f"展開後の合計 {_size(total)}、上限 {_size(limits.max_total_uncompressed)}",
        )


def _check_declared(info: zipfile.ZipInfo, cap: int, limits: Limits) -> None:
    size, packed = info.file_size, info.compress_size
    if packed > size + size // 16 + 1024:
        # Deflate never grows data by more than a few bytes per block: the directory lies
        # about what this part inflates to.
        raise Unreadable(
            "F1.zip-bomb",
            f"部品「{_short(info.filename)}」の圧縮データ（{_size(packed)}）が"
            f"目録の記載（{_size(size)}）より大きく、記載と合いません",
        )
    if size > limits.ratio_applies_above and size > limits.max_ratio * max(packed, 1):
        ratio = size / max(packed, 1)
        raise Unreadable(
            "F1.zip-bomb",
            f"部品「{_short(info.filename)}」が {ratio:,.0f} 倍の {_size(size)} に展開されます",
        )
    if size > cap:
        raise Unreadable(
            "F1.too-large",
            f"部品「{_short(info.filename)}」が展開後 {_size(size)}、上限 {_size(cap)}",
        )


def read_member(
    zf: zipfile.ZipFile, name: str, limits: Limits = Limits(), *, max_bytes: int | None = None
) -> bytes:
    """The decompressed bytes of one zip member, with a hard cap.

    The declared size is judged first (as `check_zip` does); then the data is inflated in
    chunks and reading stops with F1.zip-bomb the moment it grows past the size the
    directory declared, whatever the directory says. Broken data (zlib errors, truncation,
    CRC mismatch) gives F1.corrupt. A missing member raises `KeyError`, like
    `ZipFile.getinfo`. Not safe to call from several threads on one `ZipFile`.
    """
    info = zf.getinfo(name)
    cap = limits.max_member_uncompressed
    if max_bytes is not None:
        cap = min(cap, max_bytes)
    return b"".join(_member_chunks(zf, info, cap, limits))


_IN_CHUNK = 256 * 2**10
_OUT_CHUNK = 2**20


def _member_chunks(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, limits: Limits
) -> Iterator[bytes]:
    _check_declared(info, cap, limits)
    if info.flag_bits & 0x1:
        raise Unreadable("F1.encrypted", f"部品「{_short(info.filename)}」にZIPのパスワード")
    declared = info.file_size
    # Past the declared size nothing is kept; counting goes on a little so that a broken
    # stream (F1.corrupt) is told apart from one that keeps growing (F1.zip-bomb).
    bomb_at = min(limits.max_member_uncompressed, max(limits.ratio_applies_above, 2 * declared))
    source = _inflate(zf, info) if info.compress_type == zipfile.ZIP_DEFLATED else _plain(zf, info)
    total = 0
    crc = 0
    try:
        for chunk in source:
            total += len(chunk)
            if total > bomb_at:
                raise Unreadable(
                    "F1.zip-bomb",
                    f"部品「{_short(info.filename)}」が目録の記載（{_size(declared)}）を超えて"
                    "展開され続けます",
                )
            if total <= declared:
                crc = zlib.crc32(chunk, crc)
                yield chunk
    except (
        zlib.error,
        zipfile.BadZipFile,
        EOFError,
        OSError,
        NotImplementedError,
        ValueError,  # a header offset before the start of the file (zipfile: negative seek)
    ) as exc:
        raise Unreadable(
            "F1.corrupt", f"部品「{_short(info.filename)}」の圧縮データが壊れています"
        ) from exc
    if total != declared or crc != info.CRC:
        raise Unreadable("F1.corrupt", f"部品「{_short(info.filename)}」のデータが壊れています")


def _seek_data(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """The package's file, positioned at the start of a member's compressed data."""
    fp = zf.fp
    if fp is None:
        raise ValueError("the zip file is closed")
    fp.seek(info.header_offset)
    head = fp.read(30)
    if len(head) < 30 or not head.startswith(ZIP_MAGIC):
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack_from("<HH", head, 26)
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    return fp


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Raw deflate data of a member, inflated in bounded chunks. `zipfile` itself would
    stop at the declared size and report a CRC error; here the overrun is seen as such."""
    fp = _seek_data(zf, info)
    left = info.compress_size
    if left == 0 and info.file_size == 0:
        return  # some writers store an empty part as "deflated" with no data at all
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while left > 0 and not inflater.eof:
        raw = fp.read(min(_IN_CHUNK, left))
        if not raw:
            raise EOFError("truncated member")
        left -= len(raw)
        out = inflater.decompress(raw, _OUT_CHUNK)
        while True:
            if out:
                yield out
            if not inflater.unconsumed_tail:
                break
            out = inflater.decompress(inflater.unconsumed_tail, _OUT_CHUNK)
    if not inflater.eof:
        raise EOFError("truncated deflate stream")


def _plain(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with zf.open(info) as member:
        while chunk := member.read(_OUT_CHUNK):
            yield chunk


# XML parts that some reader of ours parses (calamine, our own package reading, openpyxl
# for feedback copies: the last through defusedxml anyway). Worksheets are measured apart.
_PARSED_PARTS = re.compile(
    r"xl/(workbook\.xml|sharedStrings\.xml|styles\.xml|_rels/.*|worksheets/_rels/.*"
    r"|drawings/.*)$|docProps/custom\.xml$",
    re.I,
)


# In OpenDocument, content.xml is measured apart; every other XML part is looked at.
_ODS_PARTS = re.compile(r"(?!content\.xml$).*\.(xml|rdf)$", re.I)


def _check_parts(
    zf: zipfile.ZipFile, limits: Limits, parts: re.Pattern[str] = _PARSED_PARTS
) -> None:
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
            raise Unreadable("F1.corrupt", f"部品「{_short(name)}」の先頭が異常に長い")


_PROLOG_MAX = 64 * 2**10
_PROLOG_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)


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
    if info.flag_bits & 0x1:
        raise Unreadable("F1.encrypted", f"部品「{_short(info.filename)}」にZIPのパスワード")
    try:
        if info.compress_type != zipfile.ZIP_DEFLATED:
            with zf.open(info) as member:
                return member.read(_PROLOG_MAX)
        raw = _seek_data(zf, info).read(min(info.compress_size, _PROLOG_MAX))
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        # Most prologs end within the first few hundred bytes; inflate more only if not.
        head = inflater.decompress(raw, 1024)
        if _root_start(head) is None and inflater.unconsumed_tail:
            head += inflater.decompress(inflater.unconsumed_tail, _PROLOG_MAX - len(head))
        return head
    except (zlib.error, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise Unreadable(
            "F1.corrupt", f"部品「{_short(info.filename)}」の圧縮データが壊れています"
        ) from exc


# --- worksheets -------------------------------------------------------------------------

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
            return row, column_number(letters.decode())
        dim = _DIMENSION.search(sheet_xml)
        if dim is not None:
            box_row = max(row, int(dim.group(2)))
            box_col = max(letters, dim.group(1), key=_ranks)
            if (
                _outside(box_row, box_col).search(sheet_xml) is None
                and re.search(rb'<c r="' + box_col + rb"[0-9]", sheet_xml)
                and re.search(rb'<c r="[A-Z]+' + str(box_row).encode() + b'"', sheet_xml)
            ):
                return box_row, column_number(box_col.decode())
    return _all_refs_extent(sheet_xml)


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
    return max(map(int, set(rows))), column_number(widest.decode())


def column_number(letters: str) -> int:
    """1-based column number of column letters ("A" → 1, "XFD" → 16384)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_REF = re.compile(r"([A-Za-z]{1,4})([0-9]{1,8})")


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
                    raise Unreadable("F1.corrupt", f"セル番地「{_short(ref)}」が不正です")
                row, col = int(m.group(2)), column_number(m.group(1))
            else:
                row, col = max(state["row"], 1), state["col"] + 1
            state["col"] = col
            state["max_row"] = max(state["max_row"], row)
            state["max_col"] = max(state["max_col"], col)

    parser = _plain_parser()
    parser.StartElementHandler = start
    _parse(parser, sheet_xml, "シート")
    return state["max_row"], state["max_col"]


def _plain_parser() -> expat.XMLParserType:
    """An expat parser that refuses DTDs (and so every entity trick)."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> None:
        raise Unreadable("F1.corrupt", DANGEROUS_XML)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _parse(parser: expat.XMLParserType, data: bytes, what: str) -> None:
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Unreadable("F1.corrupt", f"{what}のXMLが壊れています") from exc


def safe_xml(data: bytes, *, max_bytes: int = Limits.max_xml_bytes) -> Element:
    """Parse a small XML part with defusedxml: DTDs, entity declarations and external
    references are refused (F1.corrupt), as is broken XML; parts over `max_bytes` are
    F1.too-large (a tree costs ~50 bytes of memory per byte of dense markup)."""
    if len(data) > max_bytes:
        raise Unreadable("F1.too-large", f"XMLの部品が {_size(len(data))}")
    try:
        return DefusedET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise Unreadable("F1.corrupt", DANGEROUS_XML) from exc
    except ParseError as exc:
        raise Unreadable("F1.corrupt", "XMLの構文が壊れています") from exc


# --- OpenDocument -----------------------------------------------------------------------

_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _check_ods(zf: zipfile.ZipFile, limits: Limits) -> None:
    try:
        manifest = read_member(zf, "META-INF/manifest.xml", limits)
    except KeyError:
        manifest = b""
    if b"encryption-data" in manifest:
        raise Unreadable("F1.encrypted", "OpenDocumentの暗号化には対応していません")
    _check_parts(zf, limits, _ODS_PARTS)
    try:
        content = read_member(zf, "content.xml", limits)
    except KeyError as exc:
        raise Unreadable("F1.corrupt", "content.xml がありません") from exc
    name, rows, cols = ods_extent(content)
    _check_area(name, rows, cols, limits)


def ods_extent(content_xml: bytes) -> tuple[str, int, int]:
    """(sheet name, rows, cols) of the largest cell area holding content in an ODS
    `content.xml`, counting `number-rows-repeated` / `number-columns-repeated`."""
    best = ("", 0, 0)
    state = {"row": 0, "col": 0, "rows_rep": 1, "max_row": 0, "max_col": 0}
    cell: list[int] = []  # [first col, repeat, has content] of the open cell
    table = [""]
    rep_rows, rep_cols = (
        f"{_ODS_TABLE} number-rows-repeated",
        f"{_ODS_TABLE} number-columns-repeated",
    )

    def start(name: str, attrs: dict[str, str]) -> None:
        if cell:
            cell[2] = 1
            return
        if name == f"{_ODS_TABLE} table":
            table[0] = attrs.get(f"{_ODS_TABLE} name", "")
            state.update(row=0, max_row=0, max_col=0)
        elif name == f"{_ODS_TABLE} table-row":
            state["rows_rep"] = _count(attrs.get(rep_rows))
            state["col"] = 0
        elif name in (f"{_ODS_TABLE} table-cell", f"{_ODS_TABLE} covered-table-cell"):
            valued = f"{_ODS_OFFICE} value-type" in attrs
            cell[:] = [state["col"] + 1, _count(attrs.get(rep_cols)), int(valued)]

    def end(name: str) -> None:
        nonlocal best
        if name in (f"{_ODS_TABLE} table-cell", f"{_ODS_TABLE} covered-table-cell") and cell:
            first, repeat, content = cell
            cell.clear()
            state["col"] = first + repeat - 1
            if content:
                state["max_col"] = max(state["max_col"], state["col"])
                state["max_row"] = max(state["max_row"], state["row"] + state["rows_rep"])
                area = state["max_row"] * state["max_col"]
                if area > best[1] * best[2]:
                    best = (table[0], state["max_row"], state["max_col"])
        elif name == f"{_ODS_TABLE} table-row":
            state["row"] += state["rows_rep"]

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _parse(parser, content_xml, "content.xml")
    return best


def _refuse_dtd(*_: object) -> None:
    raise Unreadable("F1.corrupt", DANGEROUS_XML)


def _count(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


def _check_area(sheet: str, rows: int, cols: int, limits: Limits) -> None:
    if rows * cols > limits.max_sheet_cells:
        where = f"シート「{_short(sheet)}」" if sheet else "シート"
        raise Unreadable(
            "F1.too-large",
            f"{where}の入力が {rows:,} 行 × {cols:,} 列の範囲に広がっています",
        )


# --- OLE2: encrypted OOXML, legacy .xls -------------------------------------------------


def _sniff_ole(
    data: bytes, filename: str, password: str | None, limits: Limits, *, allow_decrypt: bool
) -> Sniffed:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(p).lower() for p in ole.listdir(streams=True, storages=False)}
    except Exception as exc:  # olefile raises many kinds of errors on broken input
        raise Unreadable("F1.corrupt", "OLE形式の構造が壊れています") from exc
    if {"encryptioninfo", "encryptedpackage"} <= streams:
        if not allow_decrypt or password is None:
            raise Unreadable("F1.encrypted")
        decrypted = _decrypt_ooxml(data, ole, password, limits)
        inner = _sniff(decrypted, filename, None, limits, allow_decrypt=False)
        return Sniffed(inner.format, inner.data, decrypted=True, zip=inner.zip)
    book = "workbook" if "workbook" in streams else "book" if "book" in streams else None
    if book is None:
        raise Unreadable("F1.not-workbook", _describe_ole(streams))
    try:
        stream = ole.openstream(book).read()
    except Exception as exc:
        raise Unreadable("F1.corrupt", "ブックのデータが読めません") from exc
    encrypted, rows, cols = biff_scan(stream)
    if encrypted:
        if not allow_decrypt or book == "book":
            raise Unreadable("F1.encrypted")
        decrypted = _decrypt_xls(data, password)
        inner = _sniff(decrypted, filename, None, limits, allow_decrypt=False)
        return Sniffed(inner.format, inner.data, decrypted=True, zip=inner.zip)
    _check_area("", rows, cols, limits)
    return Sniffed("xls", data)


def _describe_ole(streams: set[str]) -> str:
    if "worddocument" in streams:
        return "Wordの文書（.doc）です"
    if "powerpoint document" in streams:
        return "PowerPointのファイル（.ppt）です"
    if any(s.startswith("__substg1.0_") for s in streams):
        return "Outlookのメッセージです"
    return "Excel以外のOLE形式のファイルです"


_BIFF_BOF, _BIFF_EOF, _BIFF_FILEPASS = 0x0809, 0x000A, 0x002F
_BIFF_CELLS = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6})
_BIFF_MULTI = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first col, …, last col


def biff_scan(stream: bytes) -> tuple[bool, int, int]:
    """(encrypted, rows, cols) of a BIFF5/8 workbook stream: whether the globals carry a
    FILEPASS record, and the largest bounding box (from A1) of the cell records of any
    sheet. DIMENSIONS records are not trusted."""
    pos, end = 0, len(stream)
    unpack = struct.unpack_from
    best_rows = best_cols = 0
    max_row = max_col = -1
    globals_done = False
    while pos + 4 <= end:
        rid, size = unpack("<HH", stream, pos)
        body = pos + 4
        pos = body + size
        if rid in _BIFF_CELLS and size >= 4:
            row, col = unpack("<HH", stream, body)
        elif rid in _BIFF_MULTI and size >= 6 and pos <= end:
            row, col = unpack("<HH", stream, body)
            col = max(col, unpack("<H", stream, pos - 2)[0])
        else:
            if rid == _BIFF_FILEPASS and not globals_done:
                return True, 0, 0
            if rid == _BIFF_EOF:
                globals_done = True
                if max_row >= 0 and (max_row + 1) * (max_col + 1) > best_rows * best_cols:
                    best_rows, best_cols = max_row + 1, max_col + 1
                max_row = max_col = -1
            continue
        if row > max_row:
            max_row = row
        if col > max_col:
            max_col = col
    if max_row >= 0 and (max_row + 1) * (max_col + 1) > best_rows * best_cols:
        best_rows, best_cols = max_row + 1, max_col + 1
    return False, best_rows, best_cols


def _decrypt_xls(data: bytes, password: str | None) -> bytes:
    """Decrypt a legacy .xls: first with Excel's fixed "password to modify" key, then with
    the password given."""
    from msoffcrypto.exceptions import InvalidKeyError  # only encrypted files need it
    from msoffcrypto.format.xls97 import Xls97File

    for attempt in (XLS_DEFAULT_PASSWORD, password):
        if attempt is None:
            break
        try:
            office = Xls97File(io.BytesIO(data))
            office.load_key(password=attempt)
            out = io.BytesIO()
            office.decrypt(out)
            return out.getvalue()
        except InvalidKeyError:
            continue
        except Exception as exc:  # unsupported scheme or broken records
            raise Unreadable("F1.encrypted", "対応していない暗号化方式です") from exc
    if password is None:
        raise Unreadable("F1.encrypted")
    raise Unreadable("F1.wrong-password")


_SPIN = re.compile(rb'spinCount="([0-9]+)"')


def _decrypt_ooxml(data: bytes, ole: olefile.OleFileIO, password: str, limits: Limits) -> bytes:
    """Decrypt an encrypted OOXML package. The EncryptionInfo XML is looked at first: its
    spin count sets how long key derivation takes, and msoffcrypto parses it with minidom."""
    from msoffcrypto.exceptions import InvalidKeyError  # only encrypted files need it
    from msoffcrypto.format.ooxml import OOXMLFile

    try:
        info = ole.openstream("EncryptionInfo").read(2**20)
    except Exception as exc:
        raise Unreadable("F1.corrupt", "暗号化情報が読めません") from exc
    if info[:4] == b"\x04\x00\x04\x00":  # agile encryption: an XML descriptor follows
        descriptor = info[8:]
        safe_xml(descriptor)
        spins = [int(s) for s in _SPIN.findall(descriptor)]
        if any(s > limits.max_spin_count for s in spins):
            raise Unreadable("F1.encrypted", "暗号化の設定が異常です")
    try:
        office = OOXMLFile(io.BytesIO(data))
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out)
    except InvalidKeyError as exc:
        raise Unreadable("F1.wrong-password") from exc
    except Exception as exc:  # unsupported scheme or broken streams
        raise Unreadable("F1.encrypted", "対応していない暗号化方式です") from exc
    return out.getvalue()


# --- helpers ----------------------------------------------------------------------------


def _size(n: int) -> str:
    if n >= 2**30:
        return f"{n / 2**30:.1f} GB"
    if n >= 2**20:
        return f"{n / 2**20:.0f} MB"
    if n >= 2**10:
        return f"{n / 2**10:.0f} KB"
    return f"{n} バイト"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
