"""Build the second-round corpus: forms filled in shapes, and sheets that are not reports.

Offices fill forms in text boxes laid over the printed form, circle 定期 or 臨時 with an
ellipse, strike a word out, group their boxes, and send workbooks that hold a filled-in
記入例 sheet, instructions, blank copies, dropdown lists. Each workbook here is written the
way Excel writes such a file (DrawingML parts beside the sheets) and saved beside
`<name>.expected.json`: the reports a correct reader gives (each field, and every issue
with its code and cell) and the sheets it must skip. Expectations are written from the
content below, never read back from the reader. `.ods` and `.xls` copies are made with
LibreOffice when it is available:

    python tests/corpus/make_round2_shapes.py        # rewrite tests/corpus/round2_shapes/
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).parent))
from make_layouts import BOX, agenda, record, request

OUT = Path(__file__).parent / "round2_shapes"
ROOT = Path(__file__).resolve().parents[2]
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# The form is a 方眼紙 grid: every column 2.6 characters (18 px), every row 18 pt.
COL_WIDTH = 2.6
COL_EMU = 18 * 9525
ROW_PT = 18
ROW_EMU = ROW_PT * 12700


def issue(severity: str, code: str, field: str | None, cell: str | None) -> dict[str, Any]:
    return {"severity": severity, "code": code, "field": field, "cell": cell}


# --- the form ----------------------------------------------------------------------------

# field → (label, label area, value area)
FORM: dict[str, tuple[str, str, str]] = {
    "affiliation": ("所　　属", "B6:F6", "G6:T6"),
    "reporter": ("報 告 者", "B7:F7", "G7:T7"),
    "phone": ("警　電", "U7:W7", "X7:AC7"),
    "council_name": ("協議会名", "B8:F8", "G8:T8"),
    "facility_name": ("施 設 名", "U8:W8", "X8:AC8"),
    "date": ("開催日時", "B9:F9", "G9:AC9"),
    "venue": ("開催場所", "B10:F10", "G10:AC10"),
    "police": ("警察官", "G11:I11", "J11:K11"),
    "civilian": ("民　間", "M11:O11", "P11:Q11"),
    "meeting_type": ("会議種別", "S11:V11", "W11:AC11"),
    "discussion": ("協議内容等", "B19:F21", "G19:AC21"),
    "reference": ("参考事項（写真添付）", "B27:F27", "G27:AC27"),
    "officers": ("出席警察官名", "B28:F28", "G28:AC28"),
}
CATEGORIES = (
    "ア　交番等の活動状況",
    "イ　地域住民等に身近な事件・事故等の発生状況",
    "ウ　地域の祭礼等の催事・行事",
    "そ　の　他",
)
AGENDA_ROWS = (14, 15, 16, 17)
REQUEST_ROWS = (24, 25)


def put(ws: Worksheet, area: str, value: Any, align: Alignment = CENTER) -> None:
    first = area.split(":")[0]
    ws[first] = value
    ws[first].alignment = align
    ws[first].border = BOX
    if ":" in area:
        ws.merge_cells(area)


def blank_form(
    ws: Worksheet, *, title: bool = True, meeting: str | None = "定期　・　臨時"
) -> None:
    """The printed form: labels, boxes, categories; no value written."""
    for col in range(1, 31):
        ws.column_dimensions[get_column_letter(col)].width = COL_WIDTH
    for row in range(1, 31):
        ws.row_dimensions[row].height = ROW_PT
    ws["B2"] = "別記様式（２の(9)関係）"
    ws["B3"] = "地域指導係宛"
    if title:
        put(ws, "G4:Z4", "交番・駐在所連絡協議会開催結果報告書")
    for _key, (label, label_area, value_area) in FORM.items():
        put(ws, label_area, label)
        first = value_area.split(":")[0]
        ws[first].border = BOX
        ws.merge_cells(value_area)
    put(ws, "B11:F11", "出席者数")
    put(ws, "L11", "人")
    put(ws, "R11", "人")
    if meeting is not None:
        ws["W11"] = meeting
        ws["W11"].alignment = Alignment(horizontal="center", vertical="center")
    put(ws, "B13:H13", "区　分")
    put(ws, "I13:W13", "協 議 事 項")
    put(ws, "X13:AC13", "備　考")
    for row, category in zip(AGENDA_ROWS, CATEGORIES, strict=True):
        put(ws, f"B{row}:H{row}", category)
        ws.merge_cells(f"I{row}:W{row}")
        ws.merge_cells(f"X{row}:AC{row}")
    put(ws, "B23:P23", "要望事項")
    put(ws, "Q23:AC23", "措置・回答")
    for row in REQUEST_ROWS:
        ws.merge_cells(f"B{row}:P{row}")
        ws.merge_cells(f"Q{row}:AC{row}")


# One meeting of the 北野駅前交番: what the officer wrote, and the record it must read as.
WRITTEN: dict[str, str] = {
    "affiliation": "北野警察署",
    "reporter": "巡査部長　高橋　誠",
    "phone": "0312",
    "council_name": "北野駅前交番連絡協議会",
    "facility_name": "北野駅前交番",
    "date": "令和8年10月15日（木）午後2時～午後3時30分",
    "venue": "北野駅前公民館　第1会議室",
    "police": "3",
    "civilian": "11",
    "meeting_type": "定期会議",
    "discussion": "秋祭り当日の交通規制について町内会と役割分担を確認した。",
    "officers": "巡査部長　高橋　誠、巡査　中村　翔、巡査　小川　葵",
}
TOPICS = {
    14: ("秋の地域安全運動の取組", None),
    15: ("自転車盗難の発生状況", "前年比増"),
    16: ("北野秋祭りの雑踏警備", None),
}
REQUESTS = {
    24: ("駅前駐輪場への防犯カメラ設置", "市が11月に設置した"),
    25: ("通学路の街路灯の増設", None),
}


def meeting_record(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "affiliation": "北野警察署",
        "reporter": "巡査部長 高橋 誠",
        "phone": "0312",
        "council_name": "北野駅前交番連絡協議会",
        "facility_name": "北野駅前交番",
        "date": "2026-10-15",
        "start_time": "14:00",
        "end_time": "15:30",
        "venue": "北野駅前公民館 第1会議室",
        "police_attendees": 3,
        "civilian_attendees": 11,
        "meeting_type": "regular",
        "agenda": [
            agenda("交番等の活動状況", "秋の地域安全運動の取組"),
            agenda("地域住民等に身近な事件・事故等の発生状況", "自転車盗難の発生状況", "前年比増"),
            agenda("地域の祭礼等の催事・行事", "北野秋祭りの雑踏警備"),
        ],
        "discussion": "秋祭り当日の交通規制について町内会と役割分担を確認した。",
        "requests": [
            request("駅前駐輪場への防犯カメラ設置", "市が11月に設置した"),
            request("通学路の街路灯の増設"),
        ],
        "officers": ["巡査部長 高橋 誠", "巡査 中村 翔", "巡査 小川 葵"],
    }
    values.update(changes)
    return record(**values)


# The second request has no answer yet: R5 warns on it, at its 措置・回答 cell.
def open_request(sheet: str) -> dict[str, Any]:
    return issue("warning", "R5.open-request", "requests[1].response", f"{sheet}!Q25")


def fill_cells(ws: Worksheet, skip: tuple[str, ...] = ()) -> None:
    """Write the meeting into the value cells (fields in `skip` left empty)."""
    for key, text in WRITTEN.items():
        if key in skip:
            continue
        first = FORM[key][2].split(":")[0]
        ws[first] = text
    if "agenda" not in skip:
        for row, (topic, remarks) in TOPICS.items():
            ws[f"I{row}"] = topic
            if remarks:
                ws[f"X{row}"] = remarks
    if "requests" not in skip:
        for row, (req, resp) in REQUESTS.items():
            ws[f"B{row}"] = req
            if resp:
                ws[f"Q{row}"] = resp


# --- DrawingML, as Excel writes it -------------------------------------------------------

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"


def cell_box(area: str) -> tuple[int, int, int, int]:
    """0-based (row0, col0, row1, col1) of an A1 range."""
    first, _, last = area.partition(":")
    last = last or first
    m0 = re.fullmatch(r"([A-Z]+)([0-9]+)", first)
    m1 = re.fullmatch(r"([A-Z]+)([0-9]+)", last)
    assert m0 is not None and m1 is not None
    return (
        int(m0.group(2)) - 1,
        column_index_from_string(m0.group(1)) - 1,
        int(m1.group(2)) - 1,
        column_index_from_string(m1.group(1)) - 1,
    )


@dataclass
class Place:
    """Where a shape lies: a cell range, and offsets in EMU inside its first and last cells."""

    area: str
    inset: tuple[int, int, int, int] = (20000, 15000, COL_EMU - 20000, ROW_EMU - 15000)

    def corners(self) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
        r0, c0, r1, c1 = cell_box(self.area)
        x0, y0, x1, y1 = self.inset
        return (c0, x0, r0, y0), (c1, x1, r1, y1)

    def emu(self) -> tuple[int, int, int, int]:
        """Absolute x, y, cx, cy in EMU (every column and row of the form is alike)."""
        (c0, x0, r0, y0), (c1, x1, r1, y1) = self.corners()
        x, y = c0 * COL_EMU + x0, r0 * ROW_EMU + y0
        return x, y, c1 * COL_EMU + x1 - x, r1 * ROW_EMU + y1 - y


def _marker(tag: str, col: int, col_off: int, row: int, row_off: int) -> str:
    return (
        f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_off}</xdr:colOff>"
        f"<xdr:row>{row}</xdr:row><xdr:rowOff>{row_off}</xdr:rowOff></xdr:{tag}>"
    )


def _anchored(place: Place, body: str, anchor: str) -> str:
    start, end = place.corners()
    x, y, cx, cy = place.emu()
    if anchor == "one":
        return (
            f'<xdr:oneCellAnchor>{_marker("from", *start)}<xdr:ext cx="{cx}" cy="{cy}"/>'
            f"{body}<xdr:clientData/></xdr:oneCellAnchor>"
        )
    if anchor == "absolute":
        return (
            f'<xdr:absoluteAnchor><xdr:pos x="{x}" y="{y}"/><xdr:ext cx="{cx}" cy="{cy}"/>'
            f"{body}<xdr:clientData/></xdr:absoluteAnchor>"
        )
    return (
        f'<xdr:twoCellAnchor editAs="oneCell">{_marker("from", *start)}{_marker("to", *end)}'
        f"{body}<xdr:clientData/></xdr:twoCellAnchor>"
    )


_ids = iter(range(2, 10_000))
STRIKE = ' strike="sngStrike"'
TXBOX = ' txBox="1"'


def _paragraphs(text: str | list[tuple[str, bool]]) -> str:
    """`a:p` elements: one per line; runs given as (text, struck) pairs are kept apart."""
    runs_of_lines: list[list[tuple[str, bool]]]
    if isinstance(text, str):
        runs_of_lines = [[(line, False)] for line in text.split("\n")]
    else:
        runs_of_lines = [text]
    out = []
    for runs in runs_of_lines:
        body = "".join(
            f'<a:r><a:rPr kumimoji="1" lang="ja-JP" altLang="en-US" sz="1100"'
            f"{STRIKE if struck else ''}/><a:t>{escape(piece)}</a:t></a:r>"
            for piece, struck in runs
        )
        out.append(f"<a:p>{body}</a:p>")
    return "".join(out)


def _sp(
    name: str,
    geometry: str,
    text: str | list[tuple[str, bool]] | None,
    xfrm: tuple[int, int, int, int],
    *,
    text_box: bool,
    fill: bool,
) -> str:
    x, y, cx, cy = xfrm
    shape_id = next(_ids)
    fill_xml = '<a:solidFill><a:schemeClr val="lt1"/></a:solidFill>' if fill else "<a:noFill/>"
    line = (
        '<a:ln w="9525" cmpd="sng"><a:solidFill><a:schemeClr val="lt1">'
        '<a:shade val="50000"/></a:schemeClr></a:solidFill></a:ln>'
        if text_box
        else '<a:ln w="19050"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln>'
    )
    body = (
        _paragraphs(text)
        if text
        else '<a:p><a:endParaRPr kumimoji="1" lang="ja-JP" sz="1100"/></a:p>'
    )
    return (
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{shape_id}" name="{name} {shape_id}"/>'
        f"<xdr:cNvSpPr{TXBOX if text_box else ''}/></xdr:nvSpPr>"
        f'<xdr:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{fill_xml}{line}</xdr:spPr>'
        '<xdr:style><a:lnRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:lnRef>'
        '<a:fillRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:fillRef>'
        '<a:effectRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:effectRef>'
        '<a:fontRef idx="minor"><a:schemeClr val="dk1"/></a:fontRef></xdr:style>'
        '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" wrap="square" '
        f'rtlCol="0" anchor="ctr"/><a:lstStyle/>{body}</xdr:txBody></xdr:sp>'
    )


def text_box(
    area: str,
    text: str | list[tuple[str, bool]],
    *,
    anchor: str = "two",
    inset: tuple[int, int, int, int] | None = None,
    fill: bool = True,
) -> str:
    place = Place(area, inset) if inset else Place(area)
    body = _sp("テキスト ボックス", "rect", text, place.emu(), text_box=True, fill=fill)
    return _anchored(place, body, anchor)


def ellipse(area: str, inset: tuple[int, int, int, int], *, anchor: str = "two") -> str:
    place = Place(area, inset)
    body = _sp("楕円", "ellipse", None, place.emu(), text_box=False, fill=False)
    return _anchored(place, body, anchor)


def group(area: str, members: list[tuple[str, str]], *, scale: float = 0.5) -> str:
    """Text boxes grouped: the group's child space is its own box scaled by `scale`, so
    the members' positions only make sense through the group's transform."""
    place = Place(area, (0, 0, COL_EMU, ROW_EMU))
    gx, gy, gcx, gcy = place.emu()
    parts = []
    for member_area, text in members:
        mx, my, mcx, mcy = Place(member_area).emu()
        child = (
            int((mx - gx) * scale),
            int((my - gy) * scale),
            int(mcx * scale),
            int(mcy * scale),
        )
        parts.append(_sp("テキスト ボックス", "rect", text, child, text_box=True, fill=True))
    group_id = next(_ids)
    body = (
        f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="{group_id}" name="グループ化 {group_id}"/>'
        "<xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr>"
        f'<a:xfrm><a:off x="{gx}" y="{gy}"/><a:ext cx="{gcx}" cy="{gcy}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{int(gcx * scale)}" cy="{int(gcy * scale)}"/>'
        f"</a:xfrm></xdr:grpSpPr>{''.join(parts)}</xdr:grpSp>"
    )
    return _anchored(place, body, "two")


def ink(area: str) -> str:
    """Handwriting with a pen (Excel's ink): a content part, with a picture as fallback."""
    place = Place(area)
    start, end = place.corners()
    return (
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice '
        'xmlns:xdr14="http://schemas.microsoft.com/office/excel/2010/spreadsheetDrawing" '
        'Requires="xdr14"><xdr:twoCellAnchor editAs="oneCell">'
        f"{_marker('from', *start)}{_marker('to', *end)}"
        f'<xdr:contentPart xmlns:r="{R}" r:id="rIdInk1"/><xdr:clientData/></xdr:twoCellAnchor>'
        "</mc:Choice><mc:Fallback/></mc:AlternateContent>"
    )


def drawing_part(anchors: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">{"".join(anchors)}</xdr:wsDr>'
    ).encode()


INK = (
    '<?xml version="1.0" encoding="UTF-8"?><inkml:ink xmlns:inkml="http://www.w3.org/2003/InkML">'
    "<inkml:trace>0 0, 10 5, 20 12, 28 20, 30 31</inkml:trace></inkml:ink>"
)


def add_drawings(path: Path, drawings: dict[int, list[str]]) -> None:
    """Put DrawingML parts on sheets of a saved workbook (sheet number → anchors), as
    Excel stores them: a drawing part, the sheet's relationship to it, its content type
    and the sheet's `<drawing r:id>`."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    types = parts["[Content_Types].xml"].decode()
    for n, anchors in drawings.items():
        drawing = f"xl/drawings/drawing{n}.xml"
        parts[drawing] = drawing_part(anchors)
        types = types.replace(
            "</Types>", f'<Override PartName="/{drawing}" ContentType="{DRAWING_TYPE}"/></Types>'
        )
        rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdDr1" Type="{DRAWING_REL}" Target="../drawings/drawing{n}.xml"/>'
            "</Relationships>"
        )
        sheet_rels = f"xl/worksheets/_rels/sheet{n}.xml.rels"
        assert sheet_rels not in parts, "corpus sheets have no other relationships"
        parts[sheet_rels] = rels.encode()
        if any("contentPart" in a for a in anchors):
            parts[f"xl/ink/ink{n}.xml"] = INK.encode()
            ink_rels = rels.replace("rIdDr1", "rIdInk1").replace(DRAWING_REL, R + "/customXml")
            parts[f"xl/drawings/_rels/drawing{n}.xml.rels"] = ink_rels.replace(
                f"../drawings/drawing{n}.xml", f"../ink/ink{n}.xml"
            ).encode()
            types = types.replace(
                "</Types>",
                f'<Override PartName="/xl/ink/ink{n}.xml" ContentType="application/inkml+xml"/>'
                "</Types>",
            )
        sheet = f"xl/worksheets/sheet{n}.xml"
        xml = parts[sheet].decode()
        tag = f'<drawing xmlns:r="{R}" r:id="rIdDr1"/>'
        cut = min(
            (
                i
                for i in (xml.find("<legacyDrawing"), xml.find("<tableParts"), xml.find("<extLst"))
                if i >= 0
            ),
            default=xml.rfind("</worksheet>"),
        )
        parts[sheet] = (xml[:cut] + tag + xml[cut:]).encode()
    parts["[Content_Types].xml"] = types.encode()
    _write_zip(path, parts)


def _write_zip(path: Path, parts: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    path.write_bytes(buffer.getvalue())


# --- the workbooks -----------------------------------------------------------------------


@dataclass
class Book:
    """One corpus workbook: how to make it, and what reading it must give."""

    make: Callable[[Path], None]
    reports: list[dict[str, Any]]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (sheet, words of the reason)
    skipped_file: str | None = None  # words of the reason the whole file is skipped
    converted: tuple[str, ...] = ()  # also written as .ods / .xls by LibreOffice
    # What the copies read differently, by format (e.g. what .xls cannot carry).
    differs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def report(sheet: str, rec: dict[str, Any], issues: list[dict[str, Any]]) -> dict[str, Any]:
    status = "ok"
    if issues:
        status = "error" if any(i["severity"] == "error" for i in issues) else "warning"
    return {"sheet": sheet, "status": status, "report": rec, "issues": issues}


def _pin(wb: Workbook) -> None:
    stamp = datetime(2026, 11, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "kyogikai corpus"


def _save(wb: Workbook, path: Path, drawings: dict[int, list[str]] | None = None) -> None:
    _pin(wb)
    wb.save(path)
    if drawings:
        add_drawings(path, drawings)


def _sheet(title: str) -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = title
    return wb, ws


def boxes_for(keys: tuple[str, ...], *, anchor: str = "two") -> list[str]:
    """A text box over the value area of each field, as an officer draws them."""
    out = []
    for key in keys:
        out.append(text_box(FORM[key][2], WRITTEN[key], anchor=anchor))
    return out


def table_boxes() -> list[str]:
    out = []
    for row, (topic, remarks) in TOPICS.items():
        out.append(text_box(f"I{row}:W{row}", topic))
        if remarks:
            out.append(text_box(f"X{row}:AC{row}", remarks))
    for row, (req, resp) in REQUESTS.items():
        out.append(text_box(f"B{row}:P{row}", req))
        if resp:
            out.append(text_box(f"Q{row}:AC{row}", resp))
    return out


ALL_FIELDS = tuple(WRITTEN)


def textbox_values(path: Path) -> None:
    """Every value typed in a text box laid over the printed form; the cells are empty."""
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=None)
    _save(wb, path, {1: boxes_for(ALL_FIELDS) + table_boxes()})


def textbox_anchors(path: Path) -> None:
    """Values in cells, except boxes placed with a one-cell anchor (moves with its cell)
    and an absolute anchor (does not move), and one box that spills into the row below."""
    wb, ws = _sheet("開催結果")
    blank_form(ws)
    fill_cells(ws, skip=("reporter", "venue", "police", "civilian", "meeting_type", "officers"))
    ws["W11"] = "定期会議"
    boxes = boxes_for(("reporter", "police"), anchor="one")
    boxes += boxes_for(("civilian", "officers"), anchor="absolute")
    # The 開催場所 box hangs over the top third of the row below (出席者数).
    boxes.append(
        text_box("G10:AC11", WRITTEN["venue"], inset=(10000, 30000, COL_EMU - 10000, 70000))
    )
    _save(wb, path, {1: boxes})


def textbox_title(path: Path) -> None:
    """A short form whose title is a text box: without the title, its three labels would
    not be enough to know it for a report."""
    wb, ws = _sheet("Sheet1")
    for col in range(1, 31):
        ws.column_dimensions[get_column_letter(col)].width = COL_WIDTH
    for row in range(1, 20):
        ws.row_dimensions[row].height = ROW_PT
    put(ws, "B4:F4", "所属")
    put(ws, "G4:T4", "南浜警察署")
    put(ws, "B5:F5", "協議会名")
    put(ws, "G5:T5", "南浜港交番連絡協議会")
    put(ws, "B6:F6", "開催日")
    put(ws, "G6:T6", "R8.9.3")
    _save(wb, path, {1: [text_box("E1:X2", "交番・駐在所連絡協議会開催結果報告書", fill=False)]})


SHORT = "Sheet1"


def _mt_form(meeting: str | None) -> tuple[Workbook, Worksheet]:
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=meeting)
    fill_cells(ws, skip=("meeting_type",))
    return wb, ws


def ellipse_centred(path: Path) -> None:
    """定期　・　臨時 printed centred in the merged value area; an ellipse round 定期."""
    wb, _ = _mt_form("定期　・　臨時")
    # W11:AC11 is 7 columns (126 px); the centred text is about 7 characters of 11 pt.
    # 定期 sits in columns Y–Z: the ellipse spans from inside X to inside Z.
    _save(wb, path, {1: [ellipse("X11:Z11", (60000, 5000, 150000, ROW_EMU - 5000))]})


def ellipse_cells(path: Path) -> None:
    """The options in cells of their own; an ellipse round 臨時会議, anchored to one cell."""
    wb, ws = _mt_form(None)
    ws.unmerge_cells("W11:AC11")
    ws["W11"] = "定期会議"
    ws["Z11"] = "臨時会議"
    ws.merge_cells("W11:Y11")
    ws.merge_cells("Z11:AC11")
    _save(wb, path, {1: [ellipse("Z11:AC11", (0, 0, COL_EMU, ROW_EMU), anchor="one")]})


def ellipse_both(path: Path) -> None:
    """An ellipse drawn over both options: which one is meant cannot be told."""
    wb, _ = _mt_form("定期　・　臨時")
    _save(wb, path, {1: [ellipse("W11:AC11", (0, 0, COL_EMU, ROW_EMU))]})


def struck_option(path: Path) -> None:
    """臨時 struck through in the printed options; a reporter corrected by striking out."""
    wb, ws = _mt_form(None)
    ws["W11"] = CellRichText(["定期　・　", TextBlock(InlineFont(strike=True), "臨時")])
    ws["G7"] = CellRichText(
        [TextBlock(InlineFont(strike=True), "巡査　高橋　誠"), "　巡査部長　高橋　誠"]
    )
    _save(wb, path)


def grouped_boxes(path: Path) -> None:
    """所属・報告者・警電 in text boxes grouped together (moved as one)."""
    wb, ws = _sheet("報告書")
    blank_form(ws)
    fill_cells(ws, skip=("affiliation", "reporter", "phone"))
    ws["W11"] = "定期会議"
    members = [(FORM[k][2], WRITTEN[k]) for k in ("affiliation", "reporter", "phone")]
    _save(wb, path, {1: [group("G6:AC7", members)]})


def placeholder_gaps(path: Path) -> None:
    """The date printed as 令和　　年　　月　　日（　　） with the numbers in small text
    boxes over its blanks; 〇〇警察署 printed and covered by a box with the station."""
    wb, ws = _sheet("報告書")
    blank_form(ws)
    fill_cells(ws, skip=("affiliation", "date"))
    ws["W11"] = "定期会議"
    ws["G6"] = "〇〇警察署"
    ws["G9"] = "令和　　年　　月　　日（　　）"
    ws["G9"].alignment = Alignment(horizontal="left", vertical="center")
    small = []
    # Characters of 11 pt (about 14.7 px) from the cell's left edge: 令和 then a blank of
    # two full-width spaces, and so on; each box is placed over its blank.
    for text, (first, last) in (("8", ("I9", "J9")), ("10", ("K9", "M9")), ("15", ("N9", "O9"))):
        small.append(text_box(f"{first}:{last}", text, fill=False))
    small.append(text_box("Q9:R9", "木", fill=False))
    small.append(text_box("G6:T6", "北野警察署"))
    _save(wb, path, {1: small})


def ink_date(path: Path) -> None:
    """The date written by hand with a pen (ink) in an empty date cell."""
    wb, ws = _sheet("報告書")
    blank_form(ws)
    fill_cells(ws, skip=("date",))
    ws["W11"] = "定期会議"
    _save(wb, path, {1: [ink("G9:AC9")]})


ABOVE = (  # labels above their values, one row each, nothing merged
    ("所属", "affiliation"),
    ("報告者", "reporter"),
    ("協議会名", "council_name"),
    ("施設名", "facility_name"),
    ("開催日時", "date"),
    ("開催場所", "venue"),
    ("会議種別", "meeting_type"),
    ("協議内容等", "discussion"),
    ("出席警察官名", "officers"),
)


def labels_above(path: Path) -> None:
    """Another office's form: labels above unmerged rows of small cells, every value in
    a text box anchored to one cell; the counts typed in cells; no tables."""
    wb, ws = _sheet("様式")
    for col in range(1, 20):
        ws.column_dimensions[get_column_letter(col)].width = COL_WIDTH
    for row in range(1, 30):
        ws.row_dimensions[row].height = ROW_PT
    ws["B1"] = "交番・駐在所連絡協議会開催結果報告書"
    boxes = []
    for i, (label, key) in enumerate(ABOVE):
        row = 3 + 2 * i
        ws[f"B{row}"] = label
        boxes.append(text_box(f"B{row + 1}:P{row + 1}", WRITTEN[key], anchor="one"))
    ws["B22"] = "出席者数"
    ws["C22"] = "警察官3人・民間11人"
    _save(wb, path, {1: boxes})


def rounded_box_and_sample(path: Path) -> None:
    """A rounded box (not an ellipse) round 臨時 printed with brackets, and a filled
    見本 sheet after the report."""
    wb, _ = _mt_form("( )定期 ( )臨時")
    sample = wb.create_sheet("見本")
    example_sheet(sample, {**WRITTEN, "affiliation": "〇〇警察署"})
    # Centred in W11:AC11 (126 px), 臨時 is about 89–118 px from W's left edge.
    mark = ellipse("AB11:AC11", (0, 8000, COL_EMU, ROW_EMU - 8000))
    _save(wb, path, {1: [mark.replace('prst="ellipse"', 'prst="roundRect"')]})


# --- sheets that are not reports ----------------------------------------------------------

# What HQ's distributed example shows (the values the template's own guidance uses).
EXAMPLE = {
    "affiliation": "〇〇警察署",
    "reporter": "巡査部長　山田太郎",
    "phone": "0123",
    "council_name": "駅前交番連絡協議会",
    "facility_name": "駅前交番",
    "date": "令和8年4月20日（月）午後2時～午後3時",
    "venue": "駅前公民館",
    "police": "3",
    "civilian": "10",
    "meeting_type": "定期会議",
    "discussion": "（例）地域の防犯活動について意見を交換した。",
    "officers": "巡査部長　山田太郎、巡査　鈴木一郎",
}


def example_sheet(ws: Worksheet, values: dict[str, str]) -> None:
    blank_form(ws, meeting=None)
    for key, text in values.items():
        ws[FORM[key][2].split(":")[0]] = text
    ws["I14"] = "春の地域安全運動について"


def example_and_report(path: Path) -> None:
    """A filled 記入例 sheet first, the real report second."""
    wb, ws = _sheet("記入例")
    example_sheet(
        ws, {**WRITTEN, "affiliation": "南浜警察署", "council_name": "南浜港交番連絡協議会"}
    )
    real = wb.create_sheet("報告書")
    blank_form(real, meeting=None)
    fill_cells(real)
    _save(wb, path)


def instructions_and_report(path: Path) -> None:
    """Instructions under two names, and one unnamed sheet whose value cells hold them."""
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=None)
    fill_cells(ws)
    guide = wb.create_sheet("記入要領")
    guide["A1"] = "記入要領"
    guide["A3"] = "所属：所属する警察署名を記入してください。"
    guide["A4"] = "開催日時：開催した年月日と時刻を記入してください。"
    notes = wb.create_sheet("記入上の注意")
    notes["A1"] = "１　会議種別は定期会議か臨時会議のいずれかを選ぶこと。"
    plain = wb.create_sheet("Sheet3")
    blank_form(plain, meeting=None)
    for key, hint in (
        ("affiliation", "所属する警察署名を記入してください"),
        ("council_name", "協議会の名称を記入してください"),
        ("date", "開催した年月日と時刻を記入してください"),
        ("venue", "会場の名称を記入してください"),
    ):
        plain[FORM[key][2].split(":")[0]] = hint
    _save(wb, path)


def template_blank(path: Path) -> None:
    """HQ's template, sent back untouched."""
    shutil.copyfile(ROOT / "workbook_templates" / "開催結果報告書.xlsx", path)


def placeholders_copy(path: Path) -> None:
    """The real report, and a copy of the form holding only its printed placeholders."""
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=None)
    fill_cells(ws)
    copy = wb.create_sheet("報告書 (2)")
    blank_form(copy)
    copy["G6"] = "〇〇警察署"
    copy["G7"] = "巡査部長　〇〇　〇〇"
    copy["G9"] = "令和　　年　　月　　日（　　）午前・午後　　時　　分～　　時　　分"
    copy["G8"] = "〇〇交番連絡協議会"
    _save(wb, path)


def dropdown_list(path: Path) -> None:
    """The report's 会議種別 and 区分 are dropdowns whose choices are on another sheet."""
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=None)
    fill_cells(ws)
    choices = wb.create_sheet("Sheet2")
    for i, text in enumerate(("定期会議", "臨時会議"), 1):
        choices[f"A{i}"] = text
    for i, text in enumerate(
        (
            "交番等の活動状況",
            "地域住民等に身近な事件・事故等の発生状況",
            "地域の祭礼等の催事・行事",
            "その他",
        ),
        1,
    ):
        choices[f"C{i}"] = text
    dv = DataValidation(type="list", formula1="Sheet2!$A$1:$A$2", allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("W11")
    _save(wb, path)


def register_and_report(path: Path) -> None:
    """A station's own register of meetings (one row per meeting) beside the report."""
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=None)
    fill_cells(ws)
    reg = wb.create_sheet("開催記録")
    header = ("協議会名", "施設名", "開催日", "会議種別", "警察官", "民間")
    for col, text in enumerate(header, 1):
        reg.cell(1, col, text)
    rows = (
        ("北野駅前交番連絡協議会", "北野駅前交番", "2026/4/20", "定期", 3, 12),
        ("北野駅前交番連絡協議会", "北野駅前交番", "2026/7/10", "臨時", 2, 8),
        ("北野駅前交番連絡協議会", "北野駅前交番", "2026/10/15", "定期", 3, 11),
    )
    for r, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            reg.cell(r, col, value)
    _save(wb, path)


def only_example_real(path: Path) -> None:
    """The only sheet is named 記入例, but it holds a real meeting (the station wrote its
    report over the example): read, with a warning."""
    wb, ws = _sheet("記入例")
    blank_form(ws, meeting=None)
    fill_cells(ws)
    _save(wb, path)


def only_example_shipped(path: Path) -> None:
    """The only sheet is the 記入例 as HQ ships it: nothing to read."""
    wb, ws = _sheet("記入例")
    example_sheet(ws, EXAMPLE)
    _save(wb, path)


def _one_report(folder: Path) -> Path:
    wb, ws = _sheet("報告書")
    blank_form(ws, meeting=None)
    fill_cells(ws, skip=("venue",))
    source = folder / "報告.xlsx"
    _save(wb, source)
    return source


def _kyogikai(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, check=False, capture_output=True
    )


def kyogikai_summary(path: Path) -> None:
    """A summary workbook kyogikai wrote (its document property says so)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = _one_report(Path(tmp))
        out = Path(tmp) / "集計.xlsx"
        _kyogikai(
            "summary", str(source), "--period", "FY2026", "--as-of", "2026-11-25", "-o", str(out)
        )
        shutil.copyfile(out, path)


def summary_without_property(path: Path) -> None:
    """kyogikai's summary after some program dropped its custom document properties:
    still known by its sheets."""
    kyogikai_summary(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist() if n != "docProps/custom.xml"}
    parts["[Content_Types].xml"] = re.sub(
        rb'<Override PartName="/docProps/custom.xml"[^>]*/>', b"", parts["[Content_Types].xml"]
    )
    parts["_rels/.rels"] = re.sub(
        rb'<Relationship[^>]*Target="/?docProps/custom.xml"[^>]*/>', b"", parts["_rels/.rels"]
    )
    _write_zip(path, parts)


def kyogikai_feedback(path: Path) -> None:
    """A feedback copy kyogikai wrote from a report with a missing 開催場所."""
    with tempfile.TemporaryDirectory() as tmp:
        source = _one_report(Path(tmp))
        out = Path(tmp) / "返却"
        _kyogikai("check", str(source), "--as-of", "2026-11-25", "--feedback-dir", str(out))
        (copy,) = out.rglob("*.xlsx")
        shutil.copyfile(copy, path)


# --- what each workbook must read as -------------------------------------------------------

S = "報告書"
MT = f"{S}!W11"

BOOKS: dict[str, Book] = {
    "textbox_values": Book(
        textbox_values,
        [report(S, meeting_record(), [open_request(S)])],
        converted=("ods", "xls"),
    ),
    "textbox_anchors": Book(
        textbox_anchors,
        # Not converted: LibreOffice lays the 方眼紙 columns out wider than Excel, and a
        # box with an absolute anchor does not follow them.
        [report("開催結果", meeting_record(), [open_request("開催結果")])],
    ),
    "textbox_title": Book(
        textbox_title,
        [
            report(
                SHORT,
                record(
                    affiliation="南浜警察署",
                    council_name="南浜港交番連絡協議会",
                    date="2026-09-03",
                ),
                [
                    issue("error", "R1.required", "facility_name", None),
                    issue("error", "R1.required", "meeting_type", None),
                    issue("error", "R1.required", "police_attendees", None),
                    issue("error", "R1.required", "civilian_attendees", None),
                    issue("warning", "R1.recommended", "reporter", None),
                    issue("warning", "R1.recommended", "venue", None),
                    issue("warning", "R1.recommended", "discussion", None),
                    issue("warning", "R1.recommended", "officers", None),
                    issue("warning", "R1.recommended", "start_time", f"{SHORT}!G6"),
                    issue("warning", "R1.no-topic", "agenda[0].topic", None),
                ],
            )
        ],
    ),
    "ellipse_centred": Book(
        ellipse_centred,
        [
            report(
                S,
                meeting_record(),
                [issue("warning", "S1.inferred", "meeting_type", MT), open_request(S)],
            )
        ],
        converted=("ods", "xls"),
    ),
    "ellipse_cells": Book(
        ellipse_cells,
        [
            report(
                S,
                meeting_record(meeting_type="extraordinary"),
                [issue("warning", "S1.inferred", "meeting_type", f"{S}!Z11"), open_request(S)],
            )
        ],
        converted=("ods", "xls"),
    ),
    "ellipse_both": Book(
        ellipse_both,
        [
            report(
                S,
                meeting_record(meeting_type=None),
                [
                    issue("warning", "S1.unsure", "meeting_type", MT),
                    issue("error", "R4.meeting-type", "meeting_type", MT),
                    open_request(S),
                ],
            )
        ],
    ),
    "struck_option": Book(
        struck_option,
        [
            report(
                S,
                meeting_record(),
                [
                    issue("warning", "S1.inferred", "reporter", f"{S}!G7"),
                    issue("warning", "S1.inferred", "meeting_type", MT),
                    open_request(S),
                ],
            )
        ],
        converted=("ods", "xls"),
    ),
    "grouped_boxes": Book(
        grouped_boxes,
        [report(S, meeting_record(), [open_request(S)])],
        converted=("ods", "xls"),
    ),
    "placeholder_gaps": Book(
        placeholder_gaps,
        [
            report(
                S,
                meeting_record(start_time=None, end_time=None),
                [
                    issue("warning", "S1.inferred", "date", f"{S}!G9"),
                    issue("warning", "R1.recommended", "start_time", f"{S}!G9"),
                    open_request(S),
                ],
            )
        ],
    ),
    "ink_date": Book(
        ink_date,
        [
            report(
                S,
                meeting_record(date=None, start_time=None, end_time=None),
                [
                    issue("error", "S1.unreadable-required", "date", f"{S}!G9"),
                    open_request(S),
                ],
            )
        ],
    ),
    "labels_above": Book(
        labels_above,
        [
            report(
                "様式",
                meeting_record(phone=None, agenda=[], requests=[]),
                [issue("warning", "R1.no-topic", "agenda[0].topic", None)],
            )
        ],
        converted=("ods", "xls"),
    ),
    "rounded_box_and_sample": Book(
        rounded_box_and_sample,
        [
            report(
                S,
                meeting_record(meeting_type="extraordinary"),
                [issue("warning", "S1.inferred", "meeting_type", MT), open_request(S)],
            )
        ],
        skipped=[("見本", "記入例のシート")],
        converted=("xls",),
    ),
    "example_and_report": Book(
        example_and_report,
        [report(S, meeting_record(), [open_request(S)])],
        skipped=[("記入例", "記入例のシート")],
    ),
    "instructions_and_report": Book(
        instructions_and_report,
        [report(S, meeting_record(), [open_request(S)])],
        skipped=[
            ("記入要領", "記入要領・注意書き"),
            ("記入上の注意", "記入要領・注意書き"),
            ("Sheet3", "記入要領・注意書き"),
        ],
    ),
    "template_blank": Book(
        template_blank,
        [],
        skipped=[("報告書", "記入のない様式")],
        skipped_file="様式（記入がありません）",  # a form handed out: kyogikai's own
    ),
    "placeholders_copy": Book(
        placeholders_copy,
        [report(S, meeting_record(), [open_request(S)])],
        skipped=[("報告書 (2)", "記入前の文字だけ")],
    ),
    "dropdown_list": Book(
        dropdown_list,
        [report(S, meeting_record(), [open_request(S)])],
        skipped=[("Sheet2", "選択肢の一覧")],
    ),
    "register_and_report": Book(
        register_and_report,
        [report(S, meeting_record(), [open_request(S)])],
        skipped=[("開催記録", "一覧表")],
    ),
    "only_example_real": Book(
        only_example_real,
        [
            report(
                "記入例",
                meeting_record(),
                [issue("warning", "S2.example-sheet", None, "記入例!G6"), open_request("記入例")],
            )
        ],
    ),
    "only_example_shipped": Book(
        only_example_shipped,
        [],
        skipped=[("記入例", "記入例の値")],
    ),
    "kyogikai_summary": Book(
        kyogikai_summary, [], skipped_file="kyogikai が書き出した", converted=("ods", "xls")
    ),
    "summary_without_property": Book(
        summary_without_property, [], skipped_file="kyogikai が書き出した"
    ),
    "kyogikai_feedback": Book(kyogikai_feedback, [], skipped_file="kyogikai が書き出した"),
}


def expected(book: Book) -> dict[str, Any]:
    return {
        "reports": book.reports,
        "skipped": [list(s) for s in book.skipped],
        "skipped_file": book.skipped_file,
    }


def convert(path: Path, fmt: str) -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                out,
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        target = path.with_name(f"{path.stem}_{fmt}.{fmt}")
        shutil.move(str(Path(out) / f"{path.stem}.{fmt}"), target)
        return target


def build(only: set[str] | None = None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, book in BOOKS.items():
        if only and name not in only:
            continue
        path = OUT / f"{name}.xlsx"
        book.make(path)
        data = expected(book)
        (OUT / f"{name}.expected.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        for fmt in book.converted:
            copy = convert(path, fmt)
            if copy is None:
                print("soffice not found: .xls/.ods copies not rebuilt", file=sys.stderr)
                continue
            changed = {**data, "reports": book.differs.get(fmt, book.reports)}
            (OUT / f"{name}_{fmt}.expected.json").write_text(
                json.dumps(changed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )


if __name__ == "__main__":
    build(set(sys.argv[1:]) or None)
