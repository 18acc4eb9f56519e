"""What a file that is not a workbook we read looks like, in Japanese, so that the finding
tells the station what it sent (a PDF, a Word document, a CSV, an .xlsb …)."""

from __future__ import annotations

import struct

from toolkit.excel.guard.zip import EMPTY_ZIP_MAGIC

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".xltx", ".xltm")

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


def describe_zip(names: set[str]) -> str:
    """What a zip that is neither an OOXML workbook nor an OpenDocument file holds."""
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


def describe_ole(streams: set[str]) -> str:
    """What an OLE2 file without a workbook stream is, from its (lower-case) stream names."""
    if "worddocument" in streams:
        return "Wordの文書（.doc）です"
    if "powerpoint document" in streams:
        return "PowerPointのファイル（.ppt）です"
    if any(s.startswith("__substg1.0_") for s in streams):
        return "Outlookのメッセージです"
    return "Excel以外のOLE形式のファイルです"


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
