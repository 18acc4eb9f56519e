"""Write the hostile workbook set: broken, disguised, encrypted and malicious files.

    python tests/hostile/make_hostile.py OUT_DIR

`build_hostile(dir)` writes every file and returns {file name: expected outcome}, where the
outcome is the F1.* code the safety layer gives (`toolkit.excel.guard`: `sniff`, then
`read_member` + `sheet_extent` on every worksheet part) or "ok". Everything is built here,
deterministically, with a small zip writer of our own (so that sizes and directories can
lie); the three legacy .xls files are small committed fixtures made with LibreOffice
(`make_xls.py`). See README.md for what each file exercises.
"""

from __future__ import annotations

import io
import shutil
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PASSWORD = "kyogikai"

# --- a zip writer whose directory says whatever we want ---------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    raw: bytes  # the data as stored in the archive (deflated or not)
    method: int  # 0 stored, 8 deflated
    crc: int
    size: int  # real uncompressed size
    claimed: int | None = None  # the uncompressed size the headers state, when it lies


def stored(name: str, data: bytes) -> Member:
    return Member(name, data, 0, zlib.crc32(data), len(data))


def deflated(name: str, data: bytes) -> Member:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Member(name, packer.compress(data) + packer.flush(), 8, zlib.crc32(data), len(data))


def zip_bytes(members: list[Member]) -> bytes:
    """A plain (non-zip64) archive with fixed timestamps: the same bytes every time."""
    out = io.BytesIO()
    central = []
    dos_time, dos_date = 0, (2026 - 1980) << 9 | 4 << 5 | 1
    for m in members:
        name = m.name.encode()
        size = m.size if m.claimed is None else m.claimed
        offset = out.tell()
        fields = (20, 0x800, m.method, dos_time, dos_date, m.crc, len(m.raw), size, len(name))
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + name + m.raw)
        central.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + name
        )
    start = out.tell()
    out.write(b"".join(central))
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), size, start, 0)
    )
    return out.getvalue()


# --- a realistic report workbook (方眼紙: 36 narrow columns × 60 rows, all bordered) --------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

LABELS = [
    ("地域指導係宛", None),
    ("交番・駐在所連絡協議会開催結果報告書", None),
    ("所属", "中央警察署"),
    ("報告者", "巡査部長　山田太郎"),
    ("警電", "0123"),
    ("協議会名", "駅前交番連絡協議会"),
    ("施設名", "駅前交番"),
    ("開催日時", "令和8年10月15日（木）午後2時～午後3時30分"),
    ("開催場所", "駅前公民館"),
    ("出席者数", "警察官　3人　民間　11人"),
    ("会議種別", "■定期会議　□臨時会議"),
    ("区分", "協議事項"),
    ("交番等の活動状況", "最近の交番の活動について"),
    ("地域住民等に身近な事件・事故等の発生状況", "自転車盗の発生状況"),
    ("地域の祭礼等の催事・行事", "秋祭りの警戒について"),
    ("そ の 他", None),
    ("協議内容等", "自転車盗の被害防止のため、駐輪場での声掛けを行う。"),
    ("要望事項", "通学路の見守りを強化してほしい"),
    ("措置・回答", "登下校時の立番を増やす"),
    ("参考事項（写真添付）", None),
    ("出席警察官名", "巡査部長　山田太郎、巡査　鈴木一郎"),
    ("別添", None),
]


def col_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def shared_strings(strings: list[str]) -> bytes:
    items = "".join(
        f'<si><t xml:space="preserve">{_esc(s)}</t><phoneticPr fontId="1"/></si>' for s in strings
    )
    return (
        f'{XML_DECL}<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def form_sheet(
    *,
    rows: int = 60,
    cols: int = 36,
    dimension: str | None = None,
    extra_rows: str = "",
    before_end: str = "",
    doctype: str = "",
) -> tuple[bytes, list[str]]:
    """A 方眼紙 report sheet: every cell styled, labels and values in shared strings, two
    merged ranges per labelled row. Returns the part and its shared strings."""
    strings: list[str] = []
    values: dict[tuple[int, int], int] = {}
    merges: list[str] = []
    for i, (label, value) in enumerate(LABELS):
        r = 3 + i * 2
        strings.append(label)
        values[(r, 2)] = len(strings) - 1
        merges.append(f"B{r}:H{r + 1}")
        if value is not None:
            strings.append(value)
            values[(r, 9)] = len(strings) - 1
            merges.append(f"I{r}:AI{r + 1}")
    body = []
    for r in range(1, rows + 1):
        cells = []
        for c in range(1, cols + 1):
            ref = f"{col_letters(c)}{r}"
            style = 1 + (r + c) % 4
            if (r, c) in values:
                cells.append(f'<c r="{ref}" s="{style}" t="s"><v>{values[(r, c)]}</v></c>')
            else:
                cells.append(f'<c r="{ref}" s="{style}"/>')
        body.append(
            f'<row r="{r}" spans="1:{cols}" ht="18.75" customHeight="1">{"".join(cells)}</row>'
        )
    ref = dimension or f"A1:{col_letters(cols)}{rows}"
    merge_xml = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    xml = (
        f'{XML_DECL}{doctype}<worksheet {NS} {NS_R}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="{ref}"/><sheetViews><sheetView showGridLines="0" tabSelected="1" '
        'workbookViewId="0"><selection activeCell="I5" sqref="I5:AI6"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="18.75"/>'
        f'<cols><col min="1" max="{cols}" width="2.625" customWidth="1"/></cols>'
        f"<sheetData>{''.join(body)}{extra_rows}</sheetData>"
        f'<mergeCells count="{len(merges)}">{merge_xml}</mergeCells>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="portrait"/>{before_end}</worksheet>'
    )
    return xml.encode(), strings


STYLES = (
    f"{XML_DECL}<styleSheet {NS}>"
    '<fonts count="2"><font><sz val="11"/><name val="游ゴシック"/><family val="3"/>'
    '<charset val="128"/></font><font><sz val="6"/><name val="游ゴシック"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/>'
    "<diagonal/></border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    + "".join(
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1">'
        f'<alignment vertical="center" wrapText="{i % 2}"/></xf>'
        for i in range(4)
    )
    + "</cellXfs></styleSheet>"
).encode()


def xlsx(
    sheets: list[tuple[str, bytes]],
    strings: list[str],
    *,
    macro: bool = False,
    hidden_meta: bool = True,
    shared: bytes | None = None,
    workbook_doctype: str = "",
    replace: dict[str, Member] | None = None,
) -> bytes:
    """An .xlsx (or .xlsm) package around the given worksheet parts."""
    all_sheets = list(sheets)
    if hidden_meta:
        meta = f'{XML_DECL}<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>form_version</t></is></c><c r="B1" t="inlineStr"><is><t>1.0</t></is></c></row></sheetData></worksheet>'
        all_sheets.append(("_meta", meta.encode()))
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT_SHEET}"/>'
        for i in range(1, len(all_sheets) + 1)
    )
    types = (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + (
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            if macro
            else ""
        )
        + f'<Override PartName="/xl/workbook.xml" ContentType="{CT_MACRO if macro else CT_MAIN}"/>'
        + overrides
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_els = "".join(
        f'<sheet name="{_esc(name)}" sheetId="{i}"'
        + (' state="hidden"' if name == "_meta" else "")
        + f' r:id="rId{i}"/>'
        for i, (name, _) in enumerate(all_sheets, 1)
    )
    names = (
        "".join(
            f"<definedName name=\"{key}\">'{_esc(all_sheets[0][0])}'!$I${5 + 2 * i}</definedName>"
            for i, key in enumerate(
                [
                    "affiliation",
                    "reporter",
                    "phone",
                    "council_name",
                    "facility_name",
                    "date",
                    "venue",
                    "police_attendees",
                    "meeting_type",
                ]
            )
        )
        if all_sheets and all_sheets[0][0] != "_meta"
        else ""
    )
    workbook = (
        f'{XML_DECL}{workbook_doctype}<workbook {NS} {NS_R}><workbookPr defaultThemeVersion="166925"/>'
        f'<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000"/></bookViews>'
        f"<sheets>{sheet_els}</sheets>"
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + '<calcPr calcId="191029"/></workbook>'
    )
    n = len(all_sheets)
    wb_rels = (
        f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    members = [
        deflated("[Content_Types].xml", types.encode()),
        deflated("_rels/.rels", root_rels.encode()),
        deflated("xl/workbook.xml", workbook.encode()),
        deflated("xl/_rels/workbook.xml.rels", wb_rels.encode()),
        deflated("xl/styles.xml", STYLES),
        deflated("xl/sharedStrings.xml", shared if shared is not None else shared_strings(strings)),
    ]
    members += [
        deflated(f"xl/worksheets/sheet{i}.xml", xml) for i, (_, xml) in enumerate(all_sheets, 1)
    ]
    if macro:
        members.append(
            stored("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        )
    for name, member in (replace or {}).items():
        members = [member if m.name == name else m for m in members]
    return zip_bytes(members)


def normal_xlsx(**sheet_kw: object) -> bytes:
    xml, strings = form_sheet(**sheet_kw)  # type: ignore[arg-type]
    return xlsx([("報告書", xml)], strings)


# --- the bombs ----------------------------------------------------------------------------


def bomb_member(name: str, head: bytes, unit: bytes, tail: bytes, total: int) -> Member:
    """A member of `total` bytes (head + unit repeated + tail) deflated without ever holding
    it: one 1 MiB block of units is deflated once with a full flush (so it stands alone) and
    its output repeated; the CRC is computed over the same block repeated."""
    block = unit * (2**20 // len(unit))
    count = (total - len(head) - len(tail)) // len(block)

    def part(data: bytes, final: bool) -> bytes:
        packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        return packer.compress(data) + packer.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    raw = part(head, False) + part(block, False) * count + part(tail, True)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return Member(name, raw, 8, crc, len(head) + len(block) * count + len(tail))


def zip_bomb_sheet(total: int = 2**30) -> Member:
    head = f"{XML_DECL}<worksheet {NS}><sheetData>".encode()
    row = b"<row>" + b"<c><v>1</v></c>" * 16 + b"</row>"
    return bomb_member("xl/worksheets/sheet1.xml", head, row, b"</sheetData></worksheet>", total)


def lying_shared_strings(total: int = 2**30) -> Member:
    head = f"{XML_DECL}<sst {NS}>".encode()
    m = bomb_member("xl/sharedStrings.xml", head, b"<si><t>x</t></si>", b"</sst>", total)
    return Member(m.name, m.raw, m.method, m.crc, m.size, claimed=40_000)


BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY l0 "ha">'
    + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


LAUGH = '<row r="61"><c r="A61" t="inlineStr"><is><t>&l9;</t></is></c></row>'


def nested(depth: int) -> str:
    return "<extLst>" + "<x>" * depth + "</x>" * depth + "</extLst>"


def ods(content_body: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return zip_bytes(
        [
            stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            deflated("content.xml", content.encode()),
            deflated("META-INF/manifest.xml", manifest.encode()),
        ]
    )


def ods_cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{_esc(text)}</text:p></table:table-cell>'


NORMAL_ODS_BODY = (
    '<table:table table:name="報告書">'
    + "".join(
        f"<table:table-row>{ods_cell(label)}{ods_cell(value or '')}</table:table-row>"
        for label, value in LABELS
    )
    + '<table:table-row table:number-rows-repeated="1048550">'
    '<table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>'
)
REPEAT_BOMB_ODS_BODY = (
    '<table:table table:name="報告書"><table:table-row>'
    + ods_cell("所属")
    + '</table:table-row><table:table-row table:number-rows-repeated="1000000">'
    + ods_cell("x", 16384)
    + "</table:table-row></table:table>"
)

# --- disguised files ----------------------------------------------------------------------

HTML_XLS = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">'
    '<head><meta http-equiv=Content-Type content="text/html; charset=shift_jis"></head><body>'
    "<table><tr><td>所属</td><td>中央警察署</td></tr></table></body></html>"
).encode("cp932")
CSV_TEXT = "所属,報告者,協議会名\r\n中央警察署,山田太郎,駅前交番連絡協議会\r\n".encode("cp932")
PLAIN_TEXT = "交番・駐在所連絡協議会開催結果報告書\n所属　中央警察署\n報告者　山田太郎\n".encode()
UTF16_TSV = "\ufeff所属\t報告者\r\n中央警察署\t山田太郎\r\n".encode("utf-16-le")
HYPERLINK_TEXT = '=HYPERLINK("http://example.com","x")'
PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_like() -> bytes:
    types = (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    doc = f'{XML_DECL}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>報告書</w:t></w:r></w:p></w:body></w:document>'
    return zip_bytes(
        [
            deflated("[Content_Types].xml", types.encode()),
            deflated("word/document.xml", doc.encode()),
        ]
    )


def bit_flipped(book: bytes, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Flip bytes in the middle of one member's deflate data (the directory stays intact)."""
    name = member.encode()
    at = 0  # walk the local headers from the first
    while True:
        name_len, extra_len = struct.unpack_from("<HH", book, at + 26)
        packed = struct.unpack_from("<L", book, at + 18)[0]
        if book[at + 30 : at + 30 + name_len] == name:
            start = at + 30 + name_len + extra_len
            break
        at = at + 30 + name_len + extra_len + packed
    out = bytearray(book)
    for k in range(8):
        out[start + packed // 3 + k * 37] ^= 0x5A
    return bytes(out)


def encrypted(book: bytes, password: str = PASSWORD) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(book)).encrypt(password, out)
    return out.getvalue()


# --- the set ------------------------------------------------------------------------------


def build_hostile(out: Path) -> dict[str, str]:
    """Write the hostile set into `out`; return {file name: expected F1 code or "ok"}."""
    out.mkdir(parents=True, exist_ok=True)
    normal = normal_xlsx()
    sheet, strings = form_sheet()
    far_cell = '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
    no_r = '<row r="1048576">' + "<c><v>1</v></c>" * 16384 + "</row>"
    hyper = [HYPERLINK_TEXT if s == "中央警察署" else s for s in strings]
    files: dict[str, tuple[bytes, str]] = {
        "normal.xlsx": (normal, "ok"),
        "xlsx_named.xls": (normal, "ok"),
        "macro.xlsm": (xlsx([("報告書", sheet)], strings, macro=True), "ok"),
        "normal.ods": (ods(NORMAL_ODS_BODY), "ok"),
        "dimension_lie.xlsx": (normal_xlsx(dimension="A1:XFD1048576"), "ok"),
        "hyperlink_text.xlsx": (xlsx([("報告書", sheet)], hyper), "ok"),
        "deep_nesting.xlsx": (normal_xlsx(before_end=nested(100_000)), "ok"),
        "truncated.xlsx": (normal[: len(normal) // 2], "F1.corrupt"),
        "bit_flipped.xlsx": (bit_flipped(normal), "F1.corrupt"),
        "text.xlsx": (PLAIN_TEXT, "F1.not-workbook"),
        "html.xls": (HTML_XLS, "F1.not-workbook"),
        "empty.xlsx": (b"", "F1.not-workbook"),
        "csv.xlsx": (CSV_TEXT, "F1.not-workbook"),
        "unicode_text.xls": (UTF16_TSV, "F1.not-workbook"),
        "pdf.xlsx": (PDF, "F1.not-workbook"),
        "docx_like.xlsx": (docx_like(), "F1.not-workbook"),
        "plain_zip.xlsx": (zip_bytes([deflated("memo.txt", PLAIN_TEXT)]), "F1.not-workbook"),
        "zipped_book.xlsx": (zip_bytes([stored("報告書.xlsx", normal)]), "F1.not-workbook"),
        "encrypted.xlsx": (encrypted(normal), "F1.encrypted"),
        "zip_bomb.xlsx": (
            xlsx(
                [("報告書", sheet)], strings, replace={"xl/worksheets/sheet1.xml": zip_bomb_sheet()}
            ),
            "F1.zip-bomb",
        ),
        "lying_zip_bomb.xlsx": (
            xlsx(
                [("報告書", sheet)],
                strings,
                replace={"xl/sharedStrings.xml": lying_shared_strings()},
            ),
            "F1.zip-bomb",
        ),
        "billion_laughs.xlsx": (
            xlsx([("報告書", form_sheet(doctype=BILLION_LAUGHS, extra_rows=LAUGH)[0])], strings),
            "F1.corrupt",
        ),
        "xxe.xlsx": (
            xlsx(
                [("報告書", sheet)],
                strings,
                shared=(
                    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    f"<sst {NS}><si><t>&xxe;</t></si></sst>"
                ).encode(),
            ),
            "F1.corrupt",
        ),
        "stray_cell.xlsx": (normal_xlsx(extra_rows=far_cell), "F1.too-large"),
        "cells_without_r.xlsx": (normal_xlsx(extra_rows=no_r), "F1.too-large"),
        "many_sheets.xlsx": (
            xlsx(
                [
                    (f"S{i}", f"{XML_DECL}<worksheet {NS}><sheetData/></worksheet>".encode())
                    for i in range(5000)
                ],
                [],
                hidden_meta=False,
            ),
            "F1.too-large",
        ),
        "ods_repeat_bomb.ods": (ods(REPEAT_BOMB_ODS_BODY), "F1.too-large"),
    }
    expected: dict[str, str] = {}
    for name, (data, outcome) in files.items():
        (out / name).write_bytes(data)
        expected[name] = outcome
    for name, outcome in XLS_FIXTURES.items():
        shutil.copyfile(DATA / name, out / name)
        expected[name] = outcome
    assert expected == EXPECTED, "EXPECTED is out of date"
    return expected


XLS_FIXTURES = {
    "plain.xls": "ok",
    "encrypted.xls": "F1.encrypted",  # password "kyogikai"
    "stray_cell.xls": "F1.too-large",
}

# What `build_hostile` writes, known without building it (for test parametrisation).
EXPECTED: dict[str, str] = {
    "normal.xlsx": "ok",
    "xlsx_named.xls": "ok",
    "macro.xlsm": "ok",
    "normal.ods": "ok",
    "dimension_lie.xlsx": "ok",
    "hyperlink_text.xlsx": "ok",
    "deep_nesting.xlsx": "ok",
    "truncated.xlsx": "F1.corrupt",
    "bit_flipped.xlsx": "F1.corrupt",
    "text.xlsx": "F1.not-workbook",
    "html.xls": "F1.not-workbook",
    "empty.xlsx": "F1.not-workbook",
    "csv.xlsx": "F1.not-workbook",
    "unicode_text.xls": "F1.not-workbook",
    "pdf.xlsx": "F1.not-workbook",
    "docx_like.xlsx": "F1.not-workbook",
    "plain_zip.xlsx": "F1.not-workbook",
    "zipped_book.xlsx": "F1.not-workbook",
    "encrypted.xlsx": "F1.encrypted",
    "zip_bomb.xlsx": "F1.zip-bomb",
    "lying_zip_bomb.xlsx": "F1.zip-bomb",
    "billion_laughs.xlsx": "F1.corrupt",
    "xxe.xlsx": "F1.corrupt",
    "stray_cell.xlsx": "F1.too-large",
    "cells_without_r.xlsx": "F1.too-large",
    "many_sheets.xlsx": "F1.too-large",
    "ods_repeat_bomb.ods": "F1.too-large",
    **XLS_FIXTURES,
}

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-out")
    for file, result in build_hostile(target).items():
        print(f"{file:28} {result}")
