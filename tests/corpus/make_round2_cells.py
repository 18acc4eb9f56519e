"""Build the second-round corpus of cell layouts: report workbooks made the way offices
make them, each beside the record it must read as and the findings it must give.

Classes (issue 10, items 3–7):
- split cells: 令和[8]年[10]月[15]日（木） over several cells, [14]時[00]分～[15]時[30]分,
  minutes stored as 0 and shown as 00, a 年/月/日 row below its label;
- lists in any shape: 協議事項 in one cell (①②③, 1., ・, with or without 区分, 【区分】
  before a topic, 区分 lines above their topics), 要望事項 and 措置・回答 as two numbered
  cells, 要望：/回答： rows, numbered rows 「協議事項1」「要望事項1 / 措置・回答1」, tables
  with a No. column, requests without an answer column;
- continuation rows: text typed one line a row under one label;
- what the user sees: number formats that change meaning (0000, 0"人", 和暦, hidden times);
- composite fields: a phone after the reporter's name, attendees listed by name;
- near misses that must not be split (「1.5倍」, a date inside a sentence).

Each workbook is written beside `<name>.expected.json`: a list of sheets, each with the
record (SPEC.md) and every finding as severity, code, field and cell. The expected records
are written from the content here, never read back from the reader. `.xls` and `.ods`
copies are made with LibreOffice when it is available:

    python tests/corpus/make_round2_cells.py        # rewrite tests/corpus/round2_cells/
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).parent))
from make_layouts import agenda, record, request

OUT = Path(__file__).parent / "round2_cells"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

KOBAN = "交番等の活動状況"
JIKEN = "地域住民等に身近な事件・事故等の発生状況"
MATSURI = "地域の祭礼等の催事・行事"
OTHER = "その他"

Issue = tuple[str, str, str | None, str | None]  # severity, code, field, cell
# A workbook (openpyxl) or a function that writes one (xlsxwriter), its report sheet,
# the record it must read as, and the findings it must give.
Built = tuple[Workbook | Callable[[Path], None], str, dict[str, Any], list[Issue]]


def put(
    ws: Worksheet, ref: str, value: Any, merge: str | None = None, fmt: str | None = None
) -> None:
    ws[ref] = value
    ws[ref].alignment = Alignment(wrap_text=True, vertical="center")
    ws[ref].border = BOX
    if fmt:
        ws[ref].number_format = fmt
    if merge:
        ws.merge_cells(f"{ref}:{merge}")


def grid_columns(ws: Worksheet, n: int = 40, width: float = 3.0) -> None:
    for col in range(1, n + 1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width


def header(ws: Worksheet, title_at: str = "A1", merge: str | None = "H1") -> None:
    put(ws, title_at, "交番・駐在所連絡協議会開催結果報告書", merge)


def W(code: str, field: str | None, cell: str | None) -> Issue:
    return ("warning", code, field, cell)


def E(code: str, field: str | None, cell: str | None) -> Issue:
    return ("error", code, field, cell)


# =========================================================================================
# 3. split cells
# =========================================================================================


def split_date_right() -> Built:
    """方眼紙: 令和|8|年|10|月|15|日|（木） to the right of a two-row 開催日時, the times on
    its second row as [14]時[0 shown 00]分～[15]時[30]分."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    grid_columns(ws)
    header(ws, "F2", "AD2")
    put(ws, "B4", "所　属", "F4")
    put(ws, "G4", "東町警察署", "R4")
    put(ws, "S4", "報告者", "V4")
    put(ws, "W4", "巡査部長　高橋　誠", "AH4")
    put(ws, "B5", "協議会名", "F5")
    put(ws, "G5", "東町交番連絡協議会", "R5")
    put(ws, "S5", "施設名", "V5")
    put(ws, "W5", "東町交番", "AH5")
    put(ws, "B6", "開催日時", "F7")
    for ref, value in (
        ("G6", "令和"),
        ("I6", 8),
        ("J6", "年"),
        ("K6", 10),
        ("L6", "月"),
        ("M6", 15),
        ("N6", "日"),
        ("O6", "（木）"),
    ):
        put(ws, ref, value)
    ws.merge_cells("G6:H6")
    ws.merge_cells("O6:P6")
    for ref, value, fmt in (
        ("G7", 14, None),
        ("H7", "時", None),
        ("I7", 0, "00"),
        ("J7", "分", None),
        ("K7", "～", None),
        ("L7", 15, None),
        ("M7", "時", None),
        ("N7", 30, "00"),
        ("O7", "分", None),
    ):
        put(ws, ref, value, fmt=fmt)
    put(ws, "S6", "開催場所", "V7")
    put(ws, "W6", "東町会館　大広間", "AH7")
    put(ws, "B8", "出席者数", "F8")
    put(ws, "G8", "警察官", "I8")
    put(ws, "J8", 2)
    put(ws, "K8", "人")
    put(ws, "L8", "民間", "N8")
    put(ws, "O8", 10)
    put(ws, "P8", "人")
    put(ws, "S8", "会議種別", "V8")
    put(ws, "W8", "■定期　□臨時", "AH8")
    put(ws, "B10", "区　分", "H10")
    put(ws, "I10", "協議事項", "Z10")
    put(ws, "AA10", "備　考", "AH10")
    put(ws, "B11", KOBAN, "H11")
    put(ws, "I11", "年末年始の特別警戒", "Z11")
    put(ws, "B12", "そ の 他", "H12")
    put(ws, "I12", None, "Z12")
    put(ws, "B14", "協議内容等", "F14")
    put(ws, "G14", "特別警戒の期間中、自治会が夜間パトロールを行う。", "AH14")
    put(ws, "B16", "要望事項", "R16")
    put(ws, "S16", "措置・回答", "AH16")
    put(ws, "B17", "商店街の見回りの強化", "R17")
    put(ws, "S17", "年末は毎日立ち寄る", "AH17")
    put(ws, "B19", "出席警察官名", "F19")
    put(ws, "G19", "巡査部長　高橋　誠、巡査　森　亮", "AH19")
    expected = record(
        affiliation="東町警察署",
        reporter="巡査部長 高橋 誠",
        council_name="東町交番連絡協議会",
        facility_name="東町交番",
        date="2026-10-15",
        start_time="14:00",
        end_time="15:30",
        venue="東町会館 大広間",
        police_attendees=2,
        civilian_attendees=10,
        meeting_type="regular",
        agenda=[agenda(KOBAN, "年末年始の特別警戒")],
        discussion="特別警戒の期間中、自治会が夜間パトロールを行う。",
        requests=[request("商店街の見回りの強化", "年末は毎日立ち寄る")],
        officers=["巡査部長 高橋 誠", "巡査 森 亮"],
    )
    return wb, "報告書", expected, []


def split_date_below() -> Built:
    """Labels above their values: a 年/月/日 row below 開催日時, a time row below 時間."""
    wb = Workbook()
    ws = wb.active
    ws.title = "様式"
    for col in "ABCDEFGHIJKLMN":
        ws.column_dimensions[col].width = 6
    header(ws, "A1", "N1")
    put(ws, "A3", "所属", "D3")
    put(ws, "E3", "報告者", "I3")
    put(ws, "J3", "警電", "N3")
    put(ws, "A4", "西浜警察署", "D4")
    put(ws, "E4", "警部補　松井　亮", "I4")
    put(ws, "J4", "2231", "N4")
    put(ws, "A6", "協議会名", "G6")
    put(ws, "H6", "施設名", "N6")
    put(ws, "A7", "西浜地区連絡協議会", "G7")
    put(ws, "H7", "西浜駐在所", "N7")
    put(ws, "A9", "開催日時", "H9")
    put(ws, "I9", "開催場所", "N9")
    for ref, value in (
        ("A10", "令和"),
        ("B10", "８"),
        ("C10", "年"),
        ("D10", "９"),
        ("E10", "月"),
        ("F10", "２"),
        ("G10", "日"),
        ("H10", "(水)"),
    ):
        put(ws, ref, value)
    put(ws, "I10", "西浜公民館", "N10")
    put(ws, "A12", "時間", "H12")
    for ref, value in (
        ("A13", "午後"),
        ("B13", 7),
        ("C13", "時"),
        ("D13", "から"),
        ("E13", 8),
        ("F13", "時"),
        ("G13", 30),
        ("H13", "分まで"),
    ):
        put(ws, ref, value)
    put(ws, "A15", "出席者数（警察官）", "D15")
    put(ws, "E15", "出席者数（民間）", "H15")
    put(ws, "I15", "会議種別", "N15")
    put(ws, "A16", "１", "D16")
    put(ws, "E16", "８名", "H16")
    put(ws, "I16", "臨時", "N16")
    put(ws, "A18", "区分", "D18")
    put(ws, "E18", "協議事項", "K18")
    put(ws, "L18", "備考", "N18")
    put(ws, "A19", JIKEN, "D19")
    put(ws, "E19", "漁具の盗難", "K19")
    put(ws, "L19", "8月に3件", "N19")
    put(ws, "A21", "協議内容等", "N21")
    put(ws, "A22", "漁港の出入口に防犯灯を設けることを漁協と協議した。", "N23")
    put(ws, "A25", "要望事項", "G25")
    put(ws, "H25", "措置・回答", "N25")
    put(ws, "A26", "夜間の漁港の警ら", "G26")
    put(ws, "H26", "検討中", "N26")
    put(ws, "A28", "出席警察官名", "N28")
    put(ws, "A29", "警部補　松井　亮", "N29")
    expected = record(
        affiliation="西浜警察署",
        reporter="警部補 松井 亮",
        phone="2231",
        council_name="西浜地区連絡協議会",
        facility_name="西浜駐在所",
        date="2026-09-02",
        start_time="19:00",
        end_time="20:30",
        venue="西浜公民館",
        police_attendees=1,
        civilian_attendees=8,
        meeting_type="extraordinary",
        agenda=[agenda(JIKEN, "漁具の盗難", "8月に3件")],
        discussion="漁港の出入口に防犯灯を設けることを漁協と協議した。",
        requests=[request("夜間の漁港の警ら", "検討中")],
        officers=["警部補 松井 亮"],
    )
    return wb, "様式", expected, [W("R5.pending-request", "requests[0].response", "様式!H26")]


def split_date_formatted_numbers() -> Built:
    """The year, month and day typed as numbers in cells formatted "令和"0"年", 0"月",
    0"日"; the times as numbers formatted 0"時" and 00"分" (written with xlsxwriter)."""

    def build(path: Path) -> None:
        wb = xlsxwriter.Workbook(path)
        ws = wb.add_worksheet("報告")
        ws.set_column(0, 0, 14)
        ws.set_column(1, 12, 7)
        box = wb.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})

        def fmt(code: str) -> Any:
            return wb.add_format({"border": 1, "num_format": code})

        ws.merge_range("A1:I1", "交番・駐在所連絡協議会開催結果報告書", box)
        rows = [
            ("所属", "北川警察署"),
            ("報告者", "巡査長　小林　翔"),
            ("警電", "5120"),
            ("協議会名", "北川中央交番連絡協議会"),
            ("施設名", "北川中央交番"),
        ]
        for i, (label, value) in enumerate(rows, start=2):
            ws.write(i, 0, label, box)
            ws.merge_range(i, 1, i, 8, value, box)
        ws.write(7, 0, "開催日時", box)
        ws.write_number(7, 1, 8, fmt('"令和"0"年"'))
        ws.write_number(7, 2, 11, fmt('0"月"'))
        ws.write_number(7, 3, 6, fmt('0"日"'))
        ws.write(7, 4, "（金）", box)
        ws.write_number(7, 5, 10, fmt('0"時"'))
        ws.write_number(7, 6, 0, fmt('00"分"'))
        ws.write(7, 7, "～", box)
        ws.write_number(7, 8, 11, fmt('0"時"'))
        ws.write_number(7, 9, 45, fmt('00"分"'))
        ws.write(8, 0, "開催場所", box)
        ws.merge_range(8, 1, 8, 8, "北川中央交番　会議室", box)
        ws.write(9, 0, "出席者数", box)
        ws.write(9, 1, "警察官", box)
        ws.write_number(9, 2, 3, fmt('0"人"'))
        ws.write(9, 3, "民間", box)
        ws.write_number(9, 4, 9, fmt('0"人"'))
        ws.write(10, 0, "会議種別", box)
        ws.write(10, 1, "定期会議", box)
        ws.write(12, 0, "区分", box)
        ws.merge_range(12, 1, 12, 6, "協議事項", box)
        ws.merge_range(12, 7, 12, 8, "備考", box)
        ws.write(13, 0, "交番等の活動状況", box)
        ws.merge_range(13, 1, 13, 6, "巡回連絡の実施状況", box)
        ws.merge_range(13, 7, 13, 8, "", box)
        ws.write(15, 0, "協議内容等", box)
        ws.merge_range(15, 1, 15, 8, "巡回連絡を年内に一巡させる。", box)
        ws.write(17, 0, "要望事項", box)
        ws.merge_range(17, 1, 17, 4, "措置・回答", box)
        ws.write(18, 0, "交番の不在時の連絡先の掲示", box)
        ws.merge_range(18, 1, 18, 4, "掲示済み", box)
        ws.write(20, 0, "出席警察官名", box)
        ws.merge_range(20, 1, 20, 8, "巡査長　小林　翔，巡査　中島　光，巡査　大塚　楓", box)
        wb.set_properties({"created": datetime(2026, 11, 1), "author": "kyogikai corpus"})
        wb.close()

    expected = record(
        affiliation="北川警察署",
        reporter="巡査長 小林 翔",
        phone="5120",
        council_name="北川中央交番連絡協議会",
        facility_name="北川中央交番",
        date="2026-11-06",
        start_time="10:00",
        end_time="11:45",
        venue="北川中央交番 会議室",
        police_attendees=3,
        civilian_attendees=9,
        meeting_type="regular",
        agenda=[agenda(KOBAN, "巡回連絡の実施状況")],
        discussion="巡回連絡を年内に一巡させる。",
        requests=[request("交番の不在時の連絡先の掲示", "掲示済み")],
        officers=["巡査長 小林 翔", "巡査 中島 光", "巡査 大塚 楓"],
    )
    return build, "報告", expected, []


def split_date_gregorian_times() -> Built:
    """西暦 split over cells with the weekday in its own cell, and a 開催時間 field typed as
    [18]時[30]分[から][20]時[00]分[まで] with the zero minutes as numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    grid_columns(ws, 30, 4)
    header(ws, "B1", "P1")
    put(ws, "B3", "所属署", "E3")
    put(ws, "F3", "南山警察署", "M3")
    put(ws, "B4", "報告者（階級・氏名）", "E4")
    put(ws, "F4", "巡査部長　吉田　真", "M4")
    put(ws, "N4", "警察電話", "P4")
    put(ws, "Q4", "４４０２", "S4")
    put(ws, "B5", "協議会名", "E5")
    put(ws, "F5", "南山第一交番連絡協議会", "M5")
    put(ws, "B6", "交番・駐在所名", "E6")
    put(ws, "F6", "南山第一交番", "M6")
    put(ws, "B7", "開催日", "E7")
    for ref, value in (
        ("F7", 2026),
        ("H7", "年"),
        ("I7", 6),
        ("J7", "月"),
        ("K7", 12),
        ("L7", "日"),
        ("M7", "金曜日"),
    ):
        put(ws, ref, value)
    ws.merge_cells("F7:G7")
    put(ws, "B8", "開催時間", "E8")
    for ref, value, fmt in (
        ("F8", 18, None),
        ("G8", "時", None),
        ("H8", 30, None),
        ("I8", "分", None),
        ("J8", "から", None),
        ("K8", 20, None),
        ("L8", "時", None),
        ("M8", 0, "00"),
        ("N8", "分まで", None),
    ):
        put(ws, ref, value, fmt=fmt)
    put(ws, "B9", "会場", "E9")
    put(ws, "F9", "南山第一集会所", "M9")
    put(ws, "B10", "出席者数", "E10")
    put(ws, "F10", "警察官２人・民間１３人", "M10")
    put(ws, "B11", "会議の種別", "E11")
    put(ws, "F11", "定例会", "M11")
    put(ws, "B13", "区分", "E13")
    put(ws, "F13", "議題", "M13")
    put(ws, "N13", "備考", "P13")
    put(ws, "B14", "祭礼・行事", "E14")
    put(ws, "F14", "夏祭りの雑踏警備", "M14")
    put(ws, "N14", "7月25日", "P14")
    put(ws, "B16", "協議内容", "E16")
    put(ws, "F16", "祭りの当日は交番員と自治会が合同で警戒する。", "P16")
    put(ws, "B18", "要望", "I18")
    put(ws, "J18", "回答", "P18")
    put(ws, "B19", "祭り会場の照明", "I19")
    put(ws, "J19", None, "P19")
    put(ws, "B21", "出席警察官", "E21")
    put(ws, "F21", "巡査部長　吉田　真／巡査　石川　葵", "P21")
    expected = record(
        affiliation="南山警察署",
        reporter="巡査部長 吉田 真",
        phone="4402",
        council_name="南山第一交番連絡協議会",
        facility_name="南山第一交番",
        date="2026-06-12",
        start_time="18:30",
        end_time="20:00",
        venue="南山第一集会所",
        police_attendees=2,
        civilian_attendees=13,
        meeting_type="regular",
        agenda=[agenda(MATSURI, "夏祭りの雑踏警備", "7月25日")],
        discussion="祭りの当日は交番員と自治会が合同で警戒する。",
        requests=[request("祭り会場の照明")],
        officers=["巡査部長 吉田 真", "巡査 石川 葵"],
    )
    return wb, "Sheet1", expected, [W("R5.open-request", "requests[0].response", "Sheet1!J19")]


# =========================================================================================
# 4. lists in any shape
# =========================================================================================


def _plain_head(ws: Worksheet, c: dict[str, Any], col_w: int = 50) -> int:
    """The ordinary fields, label in A and value in B, from row 2; returns the next row."""
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = col_w
    ws.column_dimensions["C"].width = 40
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "C1")
    rows = [
        ("所属", c["affiliation"]),
        ("報告者", c["reporter"]),
        ("協議会名", c["council_name"]),
        ("施設名", c["facility_name"]),
        ("開催日時", c["when"]),
        ("開催場所", c["venue"]),
        ("出席者数", c["counts"]),
        ("会議種別", c["type"]),
    ]
    for i, (label, value) in enumerate(rows, start=2):
        put(ws, f"A{i}", label)
        if value is not None:
            put(ws, f"B{i}", value, f"C{i}")
    return 2 + len(rows)


_BASE = {
    "affiliation": "中川警察署",
    "reporter": "巡査部長　原田　守",
    "council_name": "中川駅前交番連絡協議会",
    "facility_name": "中川駅前交番",
    "when": "令和8年10月20日（火）午後6時30分～午後8時",
    "venue": "中川駅前ビル会議室",
    "counts": "警察官2人・民間12人",
    "type": "定期",
}


def _base_record(**values: Any) -> dict[str, Any]:
    fields: dict[str, Any] = dict(
        affiliation="中川警察署",
        reporter="巡査部長 原田 守",
        council_name="中川駅前交番連絡協議会",
        facility_name="中川駅前交番",
        date="2026-10-20",
        start_time="18:30",
        end_time="20:00",
        venue="中川駅前ビル会議室",
        police_attendees=2,
        civilian_attendees=12,
        meeting_type="regular",
    )
    fields.update(values)
    return record(**fields)


def agenda_one_cell_circled() -> Built:
    """協議事項 beside its label: ①②③ in one cell, no 区分; requests as a table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "協議事項")
    put(
        ws,
        f"B{r}",
        "①秋の全国交通安全運動の取組\n②駅前の自転車盗の発生状況\n③ハロウィン当日の雑踏警戒",
        f"C{r}",
    )
    put(ws, f"A{r + 1}", "協議内容等")
    put(
        ws,
        f"B{r + 1}",
        "駅前の駐輪場で自転車盗が増えているため、ツーロックの呼び掛けを行う。",
        f"C{r + 1}",
    )
    put(ws, f"A{r + 3}", "要望事項")
    put(ws, f"B{r + 3}", "措置・回答")
    put(ws, f"A{r + 4}", "駐輪場の防犯カメラ")
    put(ws, f"B{r + 4}", "市に要望済み")
    put(ws, f"A{r + 6}", "出席警察官名")
    put(ws, f"B{r + 6}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 6}")
    topic_cell = f"報告書!B{r}"
    expected = _base_record(
        agenda=[
            agenda(None, "秋の全国交通安全運動の取組"),
            agenda(None, "駅前の自転車盗の発生状況"),
            agenda(None, "ハロウィン当日の雑踏警戒"),
        ],
        discussion="駅前の駐輪場で自転車盗が増えているため、ツーロックの呼び掛けを行う。",
        requests=[request("駐輪場の防犯カメラ", "市に要望済み")],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.pending-request", "requests[0].response", f"報告書!B{r + 4}"),
        W("I1.split-list", "agenda", topic_cell),
    ]
    return wb, "報告書", expected, issues


def agenda_bullets_with_categories() -> Built:
    """協議事項 beside its label as ・ bullets with 【区分】 before each topic, over two rows;
    a 区分 written in （） that is not one of the four stays part of the topic."""
    wb = Workbook()
    ws = wb.active
    ws.title = "R8.7"
    r = _plain_head(ws, {**_BASE, "when": "2026/7/14 19:00～20:30", "type": "■定期 □臨時"})
    put(ws, f"A{r}", "協議事項", f"A{r + 1}")
    put(
        ws,
        f"B{r}",
        "・【交番等の活動状況】夏季の夜間パトロール\n・【身近な事件・事故】特殊詐欺の予兆電話",
        f"C{r}",
    )
    put(ws, f"B{r + 1}", "・【その他】（仮称）駅前広場の利用ルール", f"C{r + 1}")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "予兆電話の手口を回覧で周知する。", f"C{r + 2}")
    put(ws, f"A{r + 4}", "要望事項")
    put(ws, f"B{r + 4}", "措置・回答")
    put(ws, f"A{r + 5}", "特になし")
    put(ws, f"A{r + 7}", "出席警察官名")
    put(ws, f"B{r + 7}", "巡査部長　原田　守\n巡査　千葉　翼", f"C{r + 7}")
    expected = _base_record(
        date="2026-07-14",
        start_time="19:00",
        end_time="20:30",
        agenda=[
            agenda(KOBAN, "夏季の夜間パトロール"),
            agenda(JIKEN, "特殊詐欺の予兆電話"),
            agenda(OTHER, "(仮称)駅前広場の利用ルール"),
        ],
        discussion="予兆電話の手口を回覧で周知する。",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [W("I1.split-list", "agenda", f"R8.7!B{r}")]
    return wb, "R8.7", expected, issues


def agenda_heading_lines() -> Built:
    """協議事項 beside its label: a 区分 alone on a line, its topics numbered under it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "協議事項")
    text = (
        "【交番等の活動状況】\n"
        "1. 巡回連絡の実施状況\n"
        "2. 交番だよりの配布\n"
        "【地域の祭礼等の催事・行事】\n"
        "3. 秋祭りの交通規制"
    )
    put(ws, f"B{r}", text, f"C{r}")
    put(ws, f"A{r + 1}", "協議内容等")
    put(ws, f"B{r + 1}", "秋祭りの交通規制の範囲を実行委員会と確認した。", f"C{r + 1}")
    put(ws, f"A{r + 2}", "出席警察官名")
    put(ws, f"B{r + 2}", "巡査部長　原田　守", f"C{r + 2}")
    expected = _base_record(
        agenda=[
            agenda(KOBAN, "巡回連絡の実施状況"),
            agenda(KOBAN, "交番だよりの配布"),
            agenda(MATSURI, "秋祭りの交通規制"),
        ],
        discussion="秋祭りの交通規制の範囲を実行委員会と確認した。",
        officers=["巡査部長 原田 守"],
    )
    issues = [
        W("R3.officer-names", "officers", f"報告書!B{r + 2}"),
        W("I1.split-list", "agenda", f"報告書!B{r}"),
    ]
    return wb, "報告書", expected, issues


def agenda_table_numbered_cells() -> Built:
    """The printed table, with two topics numbered in one 協議事項 cell and their 備考
    numbered alike; another cell holds a near miss, 「1.5倍」 at the start."""
    wb = Workbook()
    ws = wb.active
    ws.title = "開催結果"
    for col, w in zip("ABCDEFG", (18, 12, 12, 12, 12, 14, 14), strict=True):
        ws.column_dimensions[col].width = w
    header(ws, "A1", "G1")
    put(ws, "A3", "所属")
    put(ws, "B3", "川口警察署", "D3")
    put(ws, "E3", "報告者")
    put(ws, "F3", "巡査部長　木村　拓也", "G3")
    put(ws, "A4", "協議会名")
    put(ws, "B4", "川口台交番連絡協議会", "D4")
    put(ws, "E4", "施設名")
    put(ws, "F4", "川口台交番", "G4")
    put(ws, "A5", "開催日時")
    put(ws, "B5", datetime(2026, 9, 24, 0, 0), "D5", fmt="yyyy/m/d")
    put(ws, "E5", "開催場所")
    put(ws, "F5", "川口台自治会館", "G5")
    put(ws, "A6", "開催時間")
    put(ws, "B6", "13時30分～15時", "D6")
    put(ws, "A7", "出席者数")
    put(ws, "B7", "警察官")
    put(ws, "C7", "2人")
    put(ws, "D7", "民間")
    put(ws, "E7", "11人")
    put(ws, "F7", "会議種別")
    put(ws, "G7", "定期")
    put(ws, "A9", "区分")
    put(ws, "B9", "協議事項", "E9")
    put(ws, "F9", "備考", "G9")
    put(ws, "A10", "ア　交番等の活動状況")
    put(ws, "B10", "(1) 防犯診断の結果\n(2) 交番ニュースの発行", "E10")
    put(ws, "F10", "(1) 12件実施\n(2) 毎月1日", "G10")
    put(ws, "A11", "イ　地域住民等に身近な事件、事故等の発生状況")
    put(ws, "B11", "1.5倍に増えた特殊詐欺の予兆電話", "E11")
    put(ws, "F11", "前年同期比", "G11")
    put(ws, "A12", "ウ　地域の祭礼等の催事・行事")
    put(ws, "B12", None, "E12")
    put(ws, "A13", "そ　の　他")
    put(ws, "B13", "10.15の会議で決めた見守り活動", "E13")
    put(ws, "A15", "協議内容等")
    put(ws, "B15", "予兆電話が増えているため、高齢者宅への戸別訪問を増やす。", "G15")
    put(ws, "A17", "要望事項", "D17")
    put(ws, "E17", "措置・回答", "G17")
    put(ws, "A18", "公園のトイレ周辺の巡回", "D18")
    put(ws, "E18", "夜間の警らに組み入れた", "G18")
    put(ws, "A20", "出席警察官名")
    put(ws, "B20", "巡査部長　木村　拓也、巡査　池田　悠", "G20")
    expected = record(
        affiliation="川口警察署",
        reporter="巡査部長 木村 拓也",
        council_name="川口台交番連絡協議会",
        facility_name="川口台交番",
        date="2026-09-24",
        start_time="13:30",
        end_time="15:00",
        venue="川口台自治会館",
        police_attendees=2,
        civilian_attendees=11,
        meeting_type="regular",
        agenda=[
            agenda(KOBAN, "防犯診断の結果", "12件実施"),
            agenda(KOBAN, "交番ニュースの発行", "毎月1日"),
            agenda(JIKEN, "1.5倍に増えた特殊詐欺の予兆電話", "前年同期比"),
            agenda(OTHER, "10.15の会議で決めた見守り活動"),
        ],
        discussion="予兆電話が増えているため、高齢者宅への戸別訪問を増やす。",
        requests=[request("公園のトイレ周辺の巡回", "夜間の警らに組み入れた")],
        officers=["巡査部長 木村 拓也", "巡査 池田 悠"],
    )
    return wb, "開催結果", expected, [W("I1.split-list", "agenda", "開催結果!B10")]


def requests_numbered_cells() -> Built:
    """要望事項 and 措置・回答 each beside its label, numbered ①② in one cell, paired by
    number (the answers in another order)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"C{r}", "備考")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "地域安全マップの更新")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "危険箇所を自治会と一緒に点検する。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "要望事項")
    put(
        ws,
        f"B{r + 3}",
        "①通学路の見守り活動への参加\n②公園の街灯の増設\n③交番の不在時の対応",
        f"C{r + 3}",
    )
    put(ws, f"A{r + 4}", "措置・回答")
    put(
        ws,
        f"B{r + 4}",
        "①登校時間に合わせて立番する\n③不在時は警察署に転送される電話を案内した\n②市役所に伝える",
        f"C{r + 4}",
    )
    put(ws, f"A{r + 5}", "出席警察官名")
    put(ws, f"B{r + 5}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 5}")
    ask = f"報告書!B{r + 3}"
    expected = _base_record(
        agenda=[agenda(KOBAN, "地域安全マップの更新")],
        discussion="危険箇所を自治会と一緒に点検する。",
        requests=[
            request("通学路の見守り活動への参加", "登校時間に合わせて立番する"),
            request("公園の街灯の増設", "市役所に伝える"),
            request("交番の不在時の対応", "不在時は警察署に転送される電話を案内した"),
        ],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("I1.split-list", "requests", ask),
        W("I1.paired-by-number", "requests", ask),
    ]
    return wb, "報告書", expected, issues


def requests_interleaved_rows() -> Built:
    """要望：… / 回答：… typed in the rows of one column under 要望事項."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"C{r}", "備考")
    put(ws, f"A{r + 1}", JIKEN)
    put(ws, f"B{r + 1}", "駅前での客引き")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "客引きの多い時間帯に合同パトロールを行う。", f"C{r + 2}")
    put(ws, f"A{r + 4}", "要望事項", f"C{r + 4}")
    lines = [
        "要望：客引きの取締りの強化",
        "回答：金曜と土曜の夜に重点的に警らする",
        "要望：駅前交番の前の放置自転車",
        "回答：市の自転車対策課と調整中",
        "要望：防犯ボランティアの腕章の配布",
    ]
    for i, line in enumerate(lines, start=r + 5):
        put(ws, f"A{i}", line, f"C{i}")
    put(ws, f"A{r + 11}", "出席警察官名")
    put(ws, f"B{r + 11}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 11}")
    first = r + 5
    expected = _base_record(
        agenda=[agenda(JIKEN, "駅前での客引き")],
        discussion="客引きの多い時間帯に合同パトロールを行う。",
        requests=[
            request("客引きの取締りの強化", "金曜と土曜の夜に重点的に警らする"),
            request("駅前交番の前の放置自転車", "市の自転車対策課と調整中"),
            request("防犯ボランティアの腕章の配布"),
        ],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.pending-request", "requests[1].response", f"報告書!A{first + 3}"),
        W("R5.open-request", "requests[2].response", f"報告書!A{first + 4}"),
        W("I1.exchanges", "requests", f"報告書!A{first}"),
    ]
    return wb, "報告書", expected, issues


def requests_interleaved_one_cell() -> Built:
    """【要望】/【回答】 exchanges written in one cell beside 要望事項・措置回答 (a label the
    reader knows as 要望事項), an answer continued on a second line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    r = _plain_head(ws, {**_BASE, "type": "臨時会議"})
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", JIKEN)
    put(ws, f"B{r + 1}", "連続放火")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "夜間の見回りを自治会と分担する。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "要望事項")
    put(
        ws,
        f"B{r + 3}",
        "【要望】ごみ集積所の夜間の見回り\n【回答】当面、毎晩2回立ち寄る。\n"
        "集積所の管理者にも施錠を依頼した。\n【要望】放火の手口の情報提供",
        f"C{r + 3}",
    )
    put(ws, f"A{r + 4}", "出席警察官名")
    put(ws, f"B{r + 4}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 4}")
    cell = f"Sheet1!B{r + 3}"
    expected = _base_record(
        meeting_type="extraordinary",
        agenda=[agenda(JIKEN, "連続放火")],
        discussion="夜間の見回りを自治会と分担する。",
        requests=[
            request(
                "ごみ集積所の夜間の見回り",
                "当面、毎晩2回立ち寄る。\n集積所の管理者にも施錠を依頼した。",
            ),
            request("放火の手口の情報提供"),
        ],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.pending-request", "requests[0].response", cell),  # 「依頼した」: still handled
        W("R5.open-request", "requests[1].response", cell),
        W("I1.exchanges", "requests", cell),
    ]
    return wb, "Sheet1", expected, issues


def vertical_numbered_rows() -> Built:
    """Numbered rows down the sheet: 協議事項1 with 区分 / 内容 / 備考 rows, and 要望事項1 /
    措置・回答1 rows; one answer is missing."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告"
    for col, w in zip("ABCD", (14, 10, 44, 10), strict=True):
        ws.column_dimensions[col].width = w
    header(ws, "A1", "D1")
    fields = [
        ("所属", "山手警察署"),
        ("報告者", "巡査部長　佐々木　剛"),
        ("警電", "６０１８"),
        ("協議会名", "山手駐在所連絡協議会"),
        ("施設名", "山手駐在所"),
        ("開催日時", "令和８年８月２７日（木）１０時～１１時３０分"),
        ("開催場所", "山手地区センター"),
        ("出席者数", "警察官1名、民間7名"),
        ("会議種別", "定期"),
    ]
    for i, (label, value) in enumerate(fields, start=3):
        put(ws, f"A{i}", label)
        put(ws, f"B{i}", value, f"D{i}")
    row = 13
    blocks = [
        ("協議事項１", (KOBAN, "駐在所だよりの配布方法", None)),
        ("協議事項２", ("身近な事件・事故", "農機具の盗難", "7月に2件")),
    ]
    for label, (cat, topic, rem) in blocks:
        put(ws, f"A{row}", label, f"A{row + 2}")
        put(ws, f"B{row}", "区分")
        put(ws, f"C{row}", cat, f"D{row}")
        put(ws, f"B{row + 1}", "内容")
        put(ws, f"C{row + 1}", topic, f"D{row + 1}")
        put(ws, f"B{row + 2}", "備考")
        put(ws, f"C{row + 2}", rem, f"D{row + 2}")
        row += 3
    put(ws, "A20", "協議内容等")
    put(ws, "B20", "農機具の保管方法を回覧で知らせる。", "D20")
    put(ws, "A22", "要望事項1")
    put(ws, "B22", "農道の街灯の点検", "D22")
    put(ws, "A23", "措置・回答1")
    put(ws, "B23", "町役場に点検を依頼した", "D23")
    put(ws, "A24", "要望事項2")
    put(ws, "B24", "不審車両の情報の共有方法", "D24")
    put(ws, "A25", "措置・回答2")
    put(ws, "B25", None, "D25")
    put(ws, "A27", "出席警察官名")
    put(ws, "B27", "巡査部長　佐々木　剛", "D27")
    expected = record(
        affiliation="山手警察署",
        reporter="巡査部長 佐々木 剛",
        phone="6018",
        council_name="山手駐在所連絡協議会",
        facility_name="山手駐在所",
        date="2026-08-27",
        start_time="10:00",
        end_time="11:30",
        venue="山手地区センター",
        police_attendees=1,
        civilian_attendees=7,
        meeting_type="regular",
        agenda=[
            agenda(KOBAN, "駐在所だよりの配布方法"),
            agenda(JIKEN, "農機具の盗難", "7月に2件"),
        ],
        discussion="農機具の保管方法を回覧で知らせる。",
        requests=[
            request("農道の街灯の点検", "町役場に点検を依頼した"),
            request("不審車両の情報の共有方法"),
        ],
        officers=["巡査部長 佐々木 剛"],
    )
    issues = [
        W("R5.pending-request", "requests[0].response", "報告!B23"),
        W("R5.open-request", "requests[1].response", "報告!B25"),
    ]
    return wb, "報告", expected, issues


def table_with_number_column() -> Built:
    """Tables with a No. column: printed numbers 1–4 under 協議事項 and 要望事項 (the
    要望事項 header spans the number column), some rows left empty."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    for col, w in zip("ABCDEFGH", (14, 5, 16, 12, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[col].width = w
    header(ws, "A1", "H1")
    put(ws, "A3", "所属")
    put(ws, "C3", "東山警察署", "E3")
    put(ws, "F3", "報告者")
    put(ws, "G3", "警部補　上田　聡", "H3")
    put(ws, "A4", "協議会名")
    put(ws, "C4", "東山駅前交番連絡協議会", "E4")
    put(ws, "F4", "施設名")
    put(ws, "G4", "東山駅前交番", "H4")
    put(ws, "A5", "開催日時")
    put(ws, "C5", "R8.10.8(木) 14:00-15:00", "E5")
    put(ws, "F5", "開催場所")
    put(ws, "G5", "東山駅前交番", "H5")
    put(ws, "A6", "出席者数")
    put(ws, "C6", "警察官3人／民間8人", "E6")
    put(ws, "F6", "会議種別")
    put(ws, "G6", "（○）定期　（　）臨時", "H6")
    put(ws, "B8", "No.")
    put(ws, "C8", "区分")
    put(ws, "D8", "協議事項", "G8")
    put(ws, "H8", "備考")
    items = [(KOBAN, "交番の立番の時間帯", None), (OTHER, "駅前の違法駐車", "土日に多い")]
    for i in range(4):
        r = 9 + i
        put(ws, f"B{r}", i + 1)
        cat, topic, rem = items[i] if i < len(items) else (None, None, None)
        put(ws, f"C{r}", cat)
        put(ws, f"D{r}", topic, f"G{r}")
        put(ws, f"H{r}", rem)
    put(ws, "A14", "協議内容等")
    put(ws, "C14", "違法駐車の多い時間帯に取締りを行う。", "H14")
    put(ws, "A16", "要望事項", "E16")
    put(ws, "F16", "措置・回答", "H16")
    asks = [("駅の駐輪場の見回り", "実施中"), ("駅前広場の照明の修理", None)]
    for i in range(4):
        r = 17 + i
        put(ws, f"A{r}", f"{i + 1}.")
        q, a = asks[i] if i < len(asks) else (None, None)
        put(ws, f"B{r}", q, f"E{r}")
        put(ws, f"F{r}", a, f"H{r}")
    put(ws, "A22", "出席警察官名")
    put(ws, "C22", "警部補　上田　聡、巡査長　坂本　勇、巡査　岡　大輝", "H22")
    expected = record(
        affiliation="東山警察署",
        reporter="警部補 上田 聡",
        council_name="東山駅前交番連絡協議会",
        facility_name="東山駅前交番",
        date="2026-10-08",
        start_time="14:00",
        end_time="15:00",
        venue="東山駅前交番",
        police_attendees=3,
        civilian_attendees=8,
        meeting_type="regular",
        agenda=[agenda(KOBAN, "交番の立番の時間帯"), agenda(OTHER, "駅前の違法駐車", "土日に多い")],
        discussion="違法駐車の多い時間帯に取締りを行う。",
        requests=[request("駅の駐輪場の見回り", "実施中"), request("駅前広場の照明の修理")],
        officers=["警部補 上田 聡", "巡査長 坂本 勇", "巡査 岡 大輝"],
    )
    return wb, "報告書", expected, [W("R5.open-request", "requests[1].response", "報告書!F18")]


def requests_without_answer_column() -> Built:
    """要望事項 as a table with no 措置・回答 column at all."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, {**_BASE, "counts": "警察官：２名　民間：１５名"})
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "年末の特別警戒")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "特別警戒の日程を確認した。", f"C{r + 2}")
    put(ws, f"A{r + 4}", "要望事項", f"C{r + 4}")
    put(ws, f"A{r + 5}", "商店街の防犯カメラの増設", f"C{r + 5}")
    put(ws, f"A{r + 6}", "歳末の夜警への同行", f"C{r + 6}")
    put(ws, f"A{r + 8}", "出席警察官名")
    put(ws, f"B{r + 8}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 8}")
    expected = _base_record(
        civilian_attendees=15,
        agenda=[agenda(KOBAN, "年末の特別警戒")],
        discussion="特別警戒の日程を確認した。",
        requests=[request("商店街の防犯カメラの増設"), request("歳末の夜警への同行")],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.open-request", "requests[0].response", f"報告書!A{r + 5}"),
        W("R5.open-request", "requests[1].response", f"報告書!A{r + 6}"),
    ]
    return wb, "報告書", expected, issues


def requests_unshaped() -> Built:
    """要望事項 beside its label in two lines with no number and no answer: read as one
    request, and the record says the reader could not shape it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", OTHER)
    put(ws, f"B{r + 1}", "地域の見守り活動")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "見守り活動の担い手を増やす方法を話し合った。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "要望事項")
    put(
        ws,
        f"B{r + 3}",
        "見守りの腕章がほしいとの声があった。\n交番で保管している分を配布予定。",
        f"C{r + 3}",
    )
    put(ws, f"A{r + 4}", "出席警察官名")
    put(ws, f"B{r + 4}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 4}")
    cell = f"報告書!B{r + 3}"
    expected = _base_record(
        agenda=[agenda(OTHER, "地域の見守り活動")],
        discussion="見守り活動の担い手を増やす方法を話し合った。",
        requests=[
            request("見守りの腕章がほしいとの声があった。\n交番で保管している分を配布予定。")
        ],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.open-request", "requests[0].response", cell),
        W("I1.unshaped-requests", "requests", cell),
    ]
    return wb, "報告書", expected, issues


def requests_rows_beside() -> Built:
    """One request a row beside 要望事項 (label merged over the rows), and one answer a row
    beside 措置・回答: paired in order."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "交番の連絡先の周知")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "連絡先カードを回覧で配る。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "要望事項", f"A{r + 4}")
    put(ws, f"B{r + 3}", "連絡先カードの増刷", f"C{r + 3}")
    put(ws, f"B{r + 4}", "外国語版の作成", f"C{r + 4}")
    put(ws, f"A{r + 5}", "措置・回答", f"A{r + 6}")
    put(ws, f"B{r + 5}", "500部を増刷する", f"C{r + 5}")
    put(ws, f"B{r + 6}", "英語版を検討中", f"C{r + 6}")
    put(ws, f"A{r + 7}", "出席警察官名")
    put(ws, f"B{r + 7}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 7}")
    ask = f"報告書!B{r + 3}"
    expected = _base_record(
        agenda=[agenda(KOBAN, "交番の連絡先の周知")],
        discussion="連絡先カードを回覧で配る。",
        requests=[
            request("連絡先カードの増刷", "500部を増刷する"),
            request("外国語版の作成", "英語版を検討中"),
        ],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.pending-request", "requests[1].response", f"報告書!B{r + 6}"),
        W("I1.rows-as-items", "requests", ask),
        W("I1.paired-by-number", "requests", ask),
    ]
    return wb, "報告書", expected, issues


def inline_list_labels() -> Built:
    """Labels and lists in one cell, one cell a line: 「協議事項：①…②…」 over two lines,
    「要望事項：…」 and 「措置・回答：…」."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告"
    ws.column_dimensions["A"].width = 70
    lines = [
        "交番・駐在所連絡協議会開催結果報告書",
        "所属：北山警察署",
        "報告者：巡査部長　森田　健",
        "協議会名：北山・西山地区連絡協議会",
        "施設名：北山駐在所",
        "開催日時：令和８年１１月１０日（火）午後７時～午後８時",
        "開催場所：西山地区センター",
        "出席者数：警察官１名、民間８名",
        "会議種別：定期会議",
        "協議事項：①イノシシの出没時の連絡方法\n②年末年始の特別警戒",
        "協議内容等：出没の情報は駐在所と役場の両方に知らせる。",
        "要望事項：夜間の見回りの回数を増やしてほしい",
        "措置・回答：年末は毎晩見回る",
        "出席警察官名：巡査部長　森田　健",
    ]
    for i, text in enumerate(lines, start=1):
        put(ws, f"A{i}", text)
    expected = record(
        affiliation="北山警察署",
        reporter="巡査部長 森田 健",
        council_name="北山・西山地区連絡協議会",
        facility_name="北山駐在所",
        date="2026-11-10",
        start_time="19:00",
        end_time="20:00",
        venue="西山地区センター",
        police_attendees=1,
        civilian_attendees=8,
        meeting_type="regular",
        agenda=[agenda(None, "イノシシの出没時の連絡方法"), agenda(None, "年末年始の特別警戒")],
        discussion="出没の情報は駐在所と役場の両方に知らせる。",
        requests=[request("夜間の見回りの回数を増やしてほしい", "年末は毎晩見回る")],
        officers=["巡査部長 森田 健"],
    )
    return wb, "報告", expected, [W("I1.split-list", "agenda", "報告!A10")]


def side_by_side_sections() -> Built:
    """要望事項 / 措置・回答 drawn beside 参考事項 on the same rows: the table's rows hold
    another label, so its requests are not read as a table — and the record says so,
    naming the cell, instead of an empty list without a word."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    ws.column_dimensions["D"].width = 16
    ws.column_dimensions["E"].width = 30
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "交番の移転計画")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "移転先の候補地を説明した。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "要望事項")
    put(ws, f"B{r + 3}", "措置・回答")
    put(ws, f"A{r + 4}", "移転後の立番の継続")
    put(ws, f"B{r + 4}", "継続する")
    put(ws, f"D{r + 4}", "参考事項")
    put(ws, f"E{r + 4}", "候補地の地図を添付")
    put(ws, f"A{r + 6}", "出席警察官名")
    put(ws, f"B{r + 6}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 6}")
    expected = _base_record(
        agenda=[agenda(KOBAN, "交番の移転計画")],
        discussion="移転先の候補地を説明した。",
        reference="候補地の地図を添付",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    return (
        wb,
        "報告書",
        expected,
        [
            W("I1.unread-requests", "requests", f"報告書!A{r + 4}"),
            # The answer beside it is printed text no field reads (SPEC, "Layouts HQ
            # confirms": every printed cell accounted for), named under its table.
            W("I1.unread-text", "requests", f"報告書!B{r + 4}"),
        ],
    )


# =========================================================================================
# 5. continuation rows
# =========================================================================================


def discussion_rows_merged_label() -> Built:
    """協議内容等 typed one sentence a row beside a label merged over the rows; 出席警察官名
    one name a row under an unmerged label."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    grid_columns(ws, 30, 3.5)
    header(ws, "E1", "Z1")
    put(ws, "B3", "所　属", "F3")
    put(ws, "G3", "緑丘警察署", "P3")
    put(ws, "Q3", "報 告 者", "T3")
    put(ws, "U3", "巡査部長　村田　健一", "AD3")
    put(ws, "B4", "協議会名", "F4")
    put(ws, "G4", "緑丘交番連絡協議会", "P4")
    put(ws, "Q4", "施 設 名", "T4")
    put(ws, "U4", "緑丘交番", "AD4")
    put(ws, "B5", "開催日時", "F5")
    put(ws, "G5", "令和８年１１月２日（月）午前１０時～午前１１時３０分", "AD5")
    put(ws, "B6", "開催場所", "F6")
    put(ws, "G6", "緑丘コミュニティセンター", "AD6")
    put(ws, "B7", "出席者数", "F7")
    put(ws, "G7", "警察官", "I7")
    put(ws, "J7", "３")
    put(ws, "K7", "人")
    put(ws, "L7", "民間", "N7")
    put(ws, "O7", "１４")
    put(ws, "P7", "人")
    put(ws, "Q7", "会議種別", "T7")
    put(ws, "U7", "定期会議", "AD7")
    put(ws, "B9", "区　分", "H9")
    put(ws, "I9", "協 議 事 項", "Y9")
    put(ws, "Z9", "備　考", "AD9")
    put(ws, "B10", KOBAN, "H10")
    put(ws, "I10", "防犯教室の開催", "Y10")
    put(ws, "B11", JIKEN, "H11")
    put(ws, "I11", "空き巣の発生状況", "Y11")
    put(ws, "Z11", "10月に4件", "AD11")
    put(ws, "B13", "協議内容等", "F16")
    sentences = [
        "空き巣は昼間の留守宅で発生している。",
        "自治会の回覧で戸締まりを呼び掛ける。",
        "防犯教室は12月に公民館で開く。",
    ]
    for i, text in enumerate(sentences):
        put(ws, f"G{13 + i}", text, f"AD{13 + i}")
    put(ws, "G16", None, "AD16")
    put(ws, "B18", "要望事項", "P18")
    put(ws, "Q18", "措置・回答", "AD18")
    put(ws, "B19", "防犯教室の講師の派遣", "P19")
    put(ws, "Q19", "生活安全課の講師を手配済み", "AD19")
    put(ws, "B21", "出席警察官名", "F21")
    for i, name in enumerate(("巡査部長　村田　健一", "巡査長　西田　守", "巡査　青木　楓")):
        put(ws, f"G{21 + i}", name, f"P{21 + i}")
    put(ws, "B25", "別　添", "F25")
    put(ws, "G25", "なし", "P25")
    expected = record(
        affiliation="緑丘警察署",
        reporter="巡査部長 村田 健一",
        council_name="緑丘交番連絡協議会",
        facility_name="緑丘交番",
        date="2026-11-02",
        start_time="10:00",
        end_time="11:30",
        venue="緑丘コミュニティセンター",
        police_attendees=3,
        civilian_attendees=14,
        meeting_type="regular",
        agenda=[agenda(KOBAN, "防犯教室の開催"), agenda(JIKEN, "空き巣の発生状況", "10月に4件")],
        discussion="\n".join(sentences),
        requests=[request("防犯教室の講師の派遣", "生活安全課の講師を手配済み")],
        officers=["巡査部長 村田 健一", "巡査長 西田 守", "巡査 青木 楓"],
    )
    issues = [
        W("I1.joined-rows", "discussion", "報告書!G13"),
        W("I1.joined-rows", "officers", "報告書!G21"),
    ]
    return wb, "報告書", expected, issues


def discussion_rows_unmerged() -> Built:
    """A plain two-column form without merges: 協議内容等 and 参考事項 continued on the
    rows below, the label column left empty; an empty row ends each."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 30
    rows: list[tuple[str | None, str | None, str | None]] = [
        ("交番・駐在所連絡協議会開催結果報告書", None, None),
        (None, None, None),
        ("所属", "青葉警察署", None),
        ("報告者", "巡査部長 藤田 誠", None),
        ("警電", "0387", None),
        ("協議会名", "青葉台駐在所連絡協議会", None),
        ("施設名", "青葉台駐在所", None),
        ("開催日時", "2026年10月9日(金) 15:00～16:00", None),
        ("開催場所", "青葉台駐在所", None),
        ("出席者数", "警察官1人・民間6人", None),
        ("会議種別", "定期", None),
        ("区分", "協議事項", "備考"),
        ("交番等の活動状況", "駐在所の不在時の連絡方法", None),
        ("協議内容等", "不在時は駐在所の電話が警察署に転送されることを説明した。", None),
        (None, "転送の案内を回覧板に載せる。", None),
        (None, "次回は2月に開く。", None),
        (None, None, None),
        ("要望事項", "措置・回答", None),
        ("転送案内のステッカーの配布", "作成して配布する", None),
        (None, None, None),
        ("参考事項", "回覧板の文案を別紙で添付した。", None),
        (None, "写真は当日の様子。", None),
        (None, None, None),
        ("出席警察官名", "巡査部長 藤田 誠", None),
    ]
    for i, (a, b, c) in enumerate(rows, start=1):
        for col, value in zip("ABC", (a, b, c), strict=True):
            if value is not None:
                ws[f"{col}{i}"] = value
    expected = record(
        affiliation="青葉警察署",
        reporter="巡査部長 藤田 誠",
        phone="0387",
        council_name="青葉台駐在所連絡協議会",
        facility_name="青葉台駐在所",
        date="2026-10-09",
        start_time="15:00",
        end_time="16:00",
        venue="青葉台駐在所",
        police_attendees=1,
        civilian_attendees=6,
        meeting_type="regular",
        agenda=[agenda(KOBAN, "駐在所の不在時の連絡方法")],
        discussion="不在時は駐在所の電話が警察署に転送されることを説明した。\n"
        "転送の案内を回覧板に載せる。\n次回は2月に開く。",
        requests=[request("転送案内のステッカーの配布", "作成して配布する")],
        reference="回覧板の文案を別紙で添付した。\n写真は当日の様子。",
        officers=["巡査部長 藤田 誠"],
    )
    issues = [
        W("I1.joined-rows", "discussion", "Sheet1!B14"),
        W("I1.joined-rows", "reference", "Sheet1!B21"),
    ]
    return wb, "Sheet1", expected, issues


# =========================================================================================
# 6. what the user sees: number formats
# =========================================================================================


def formats_change_meaning() -> Built:
    """A phone 215 shown as 0215 (0000); counts formatted 0"人"; a 和暦 date format; a
    date cell holding a time fraction its format hides, the times in their own cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    for col, w in zip("ABCDEF", (14, 16, 10, 16, 10, 16), strict=True):
        ws.column_dimensions[col].width = w
    header(ws, "A1", "F1")
    put(ws, "A3", "所属")
    put(ws, "B3", "港南警察署", "C3")
    put(ws, "D3", "報告者")
    put(ws, "E3", "巡査部長　堀　拓海", "F3")
    put(ws, "A4", "警電")
    put(ws, "B4", 215, fmt="0000")
    put(ws, "A5", "協議会名")
    put(ws, "B5", "港南台交番連絡協議会", "C5")
    put(ws, "D5", "施設名")
    put(ws, "E5", "港南台交番", "F5")
    put(ws, "A6", "開催日")
    put(ws, "B6", datetime(2026, 10, 29, 9, 41), "C6", fmt='[$-ja-JP-x-gannen]ggge"年"m"月"d"日"')
    put(ws, "D6", "開始時刻")
    put(ws, "E6", time(18, 0), fmt='h"時"mm"分"')
    put(ws, "D7", "終了時刻")
    put(ws, "E7", time(19, 15), fmt='h"時"mm"分"')
    put(ws, "A8", "開催場所")
    put(ws, "B8", "港南台集会所", "C8")
    put(ws, "A9", "出席者数（警察官）")
    put(ws, "B9", 2, fmt='0"人"')
    put(ws, "D9", "出席者数（民間）")
    put(ws, "E9", 16, fmt='#,##0"人"')
    put(ws, "A10", "会議種別")
    put(ws, "B10", "定期")
    put(ws, "A12", "区分")
    put(ws, "B12", "協議事項", "E12")
    put(ws, "F12", "備考")
    put(ws, "A13", MATSURI)
    put(ws, "B13", "港南台まつりの警備計画", "E13")
    put(ws, "A15", "協議内容等")
    put(ws, "B15", "まつりの雑踏警備に自治会から20人が協力する。", "F15")
    put(ws, "A17", "要望事項", "C17")
    put(ws, "D17", "措置・回答", "F17")
    put(ws, "A18", "会場周辺の違法駐車の取締り", "C18")
    put(ws, "D18", "当日は交通課と連携して取り締まる", "F18")
    put(ws, "A20", "出席警察官名")
    put(ws, "B20", "巡査部長　堀　拓海、巡査　野口　隼", "F20")
    expected = record(
        affiliation="港南警察署",
        reporter="巡査部長 堀 拓海",
        phone="0215",
        council_name="港南台交番連絡協議会",
        facility_name="港南台交番",
        date="2026-10-29",
        start_time="18:00",
        end_time="19:15",
        venue="港南台集会所",
        police_attendees=2,
        civilian_attendees=16,
        meeting_type="regular",
        agenda=[agenda(MATSURI, "港南台まつりの警備計画")],
        discussion="まつりの雑踏警備に自治会から20人が協力する。",
        requests=[request("会場周辺の違法駐車の取締り", "当日は交通課と連携して取り締まる")],
        officers=["巡査部長 堀 拓海", "巡査 野口 隼"],
    )
    return wb, "報告書", expected, []


def hidden_time_date() -> Built:
    """A date cell holding the time it was typed (=NOW() pasted as a value) under a format
    that shows the date only: the hidden 9:41 is not the meeting's start."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, {**_BASE, "when": None})
    put(ws, "B6", datetime(2026, 10, 20, 9, 41), "C6", fmt="yyyy/m/d")
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "交番だより冬号")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "冬号で年末の特別警戒を知らせる。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "出席警察官名")
    put(ws, f"B{r + 3}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 3}")
    expected = _base_record(
        start_time=None,
        end_time=None,
        agenda=[agenda(KOBAN, "交番だより冬号")],
        discussion="冬号で年末の特別警戒を知らせる。",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    return wb, "報告書", expected, [W("R1.recommended", "start_time", "報告書!B6")]


def day_cells_as_dates() -> Built:
    """A date typed over three cells whose formats make them dates to Excel: the day 12
    formatted d"日" (1900-01-12 to a reader that ignores formats), the month 10 formatted
    0"月", the era year as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, {**_BASE, "when": None})
    when_row = 6
    put(ws, f"B{when_row}", "令和8年")
    put(ws, f"C{when_row}", 10, fmt='0"月"')
    put(ws, f"D{when_row}", 12, fmt='d"日"')
    put(ws, f"E{when_row}", "18:30～20:00")
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "交番だより秋号")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "秋号で特殊詐欺の手口を紹介する。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "出席警察官名")
    put(ws, f"B{r + 3}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 3}")
    expected = _base_record(
        date="2026-10-12",
        agenda=[agenda(KOBAN, "交番だより秋号")],
        discussion="秋号で特殊詐欺の手口を紹介する。",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    return wb, "報告書", expected, []


# =========================================================================================
# 7. composite fields
# =========================================================================================


def reporter_with_phone() -> Built:
    """No 警電 label: the extension follows the reporter's name in brackets."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, {**_BASE, "reporter": "巡査部長　荒木　大輔（警電　７１０５）"})
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "巡回連絡カードの更新")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "更新の時期を回覧で知らせる。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "出席警察官名")
    put(ws, f"B{r + 3}", "巡査部長　荒木　大輔、巡査　千葉　翼", f"C{r + 3}")
    expected = _base_record(
        reporter="巡査部長 荒木 大輔",
        phone="7105",
        agenda=[agenda(KOBAN, "巡回連絡カードの更新")],
        discussion="更新の時期を回覧で知らせる。",
        officers=["巡査部長 荒木 大輔", "巡査 千葉 翼"],
    )
    return wb, "報告書", expected, [W("I1.split-field", "phone", "報告書!B3")]


def attendees_by_name() -> Built:
    """No 出席者数 on the form: the officers are named, and the civilians are listed by
    name beside 出席者（民間）; both counts are derived, each with a warning."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "B1")
    rows = [
        ("所属", "西原警察署"),
        ("報告者", "巡査部長　岡田　誠"),
        ("警電", "1180"),
        ("協議会名", "西原団地防犯連絡協議会"),
        ("施設名", "西原第二交番"),
        ("開催日時", "令和8年9月30日（水）19:00～20:00"),
        ("開催場所", "西原団地集会所"),
        ("会議種別", "臨時"),
        ("区分", "協議事項"),
        (JIKEN, "団地内の車上ねらい"),
        ("協議内容等", "駐車場の照明を管理組合が増やす。"),
        ("出席警察官名", "巡査部長　岡田　誠、巡査　藤井　拓海"),
        ("出席者（民間）", "山本自治会長、川村副会長、管理組合　森理事長、民生委員　大野　和子"),
    ]
    for i, (label, value) in enumerate(rows, start=2):
        put(ws, f"A{i}", label)
        put(ws, f"B{i}", value)
    expected = record(
        affiliation="西原警察署",
        reporter="巡査部長 岡田 誠",
        phone="1180",
        council_name="西原団地防犯連絡協議会",
        facility_name="西原第二交番",
        date="2026-09-30",
        start_time="19:00",
        end_time="20:00",
        venue="西原団地集会所",
        police_attendees=2,
        civilian_attendees=4,
        meeting_type="extraordinary",
        agenda=[agenda(JIKEN, "団地内の車上ねらい")],
        discussion="駐車場の照明を管理組合が増やす。",
        officers=["巡査部長 岡田 誠", "巡査 藤井 拓海"],
    )
    issues = [
        W("I1.derived-count", "police_attendees", "報告書!B13"),
        W("I1.derived-count", "civilian_attendees", "報告書!B14"),
    ]
    return wb, "報告書", expected, issues


def attendance_names_one_cell() -> Built:
    """出席者数 in one cell listing names after 警察官 and 民間 instead of counts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    counts = (
        "警察官：巡査部長 原田 守、巡査 千葉 翼\n民間：山田自治会長、佐藤防犯協会長、鈴木民生委員"
    )
    r = _plain_head(ws, {**_BASE, "counts": counts})
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "防犯診断の申込み方法")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "申込みは交番の窓口で受け付ける。", f"C{r + 2}")
    put(ws, f"A{r + 3}", "出席警察官名")
    put(ws, f"B{r + 3}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 3}")
    expected = _base_record(
        police_attendees=2,
        civilian_attendees=3,
        agenda=[agenda(KOBAN, "防犯診断の申込み方法")],
        discussion="申込みは交番の窓口で受け付ける。",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("I1.derived-count", "police_attendees", "報告書!B8"),
        W("I1.derived-count", "civilian_attendees", "報告書!B8"),
    ]
    return wb, "報告書", expected, issues


def agenda_rows_beside_plain() -> Built:
    """議題 beside its label, one topic a row without numbers, no 区分, no merges; the
    label column left empty on the following rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 50
    rows: list[tuple[str | None, str | None]] = [
        ("交番・駐在所連絡協議会開催結果報告書", None),
        ("所属", "桜川警察署"),
        ("報告者", "巡査長 今井 陽介"),
        ("警電", "7731"),
        ("協議会名", "桜川交番連絡協議会"),
        ("施設名", "桜川交番"),
        ("開催日時", "R8.11.12 (木) 14:00~15:00"),
        ("開催場所", "桜川公民館"),
        ("出席者数", "警察官 2 民間 9"),
        ("会議種別", "定期"),
        ("議題", "通学路の安全点検"),
        (None, "年末の特別警戒"),
        (None, "防犯カメラの設置場所"),
        ("協議内容等", "通学路の危険箇所を学校と共有する。"),
        ("出席警察官名", "巡査長 今井 陽介、巡査 山口 蓮"),
    ]
    for i, (a, b) in enumerate(rows, start=1):
        if a is not None:
            ws[f"A{i}"] = a
        if b is not None:
            ws[f"B{i}"] = b
    expected = record(
        affiliation="桜川警察署",
        reporter="巡査長 今井 陽介",
        phone="7731",
        council_name="桜川交番連絡協議会",
        facility_name="桜川交番",
        date="2026-11-12",
        start_time="14:00",
        end_time="15:00",
        venue="桜川公民館",
        police_attendees=2,
        civilian_attendees=9,
        meeting_type="regular",
        agenda=[
            agenda(None, "通学路の安全点検"),
            agenda(None, "年末の特別警戒"),
            agenda(None, "防犯カメラの設置場所"),
        ],
        discussion="通学路の危険箇所を学校と共有する。",
        officers=["巡査長 今井 陽介", "巡査 山口 蓮"],
    )
    return wb, "Sheet1", expected, [W("I1.rows-as-items", "agenda", "Sheet1!B11")]


def requests_table_numbered_cells() -> Built:
    """The printed 要望事項 / 措置・回答 table with two numbered requests in one cell and
    their answers numbered in the cell beside (full-width numbers)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", JIKEN)
    put(ws, f"B{r + 1}", "特殊詐欺の被害状況")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "被害の多い手口を回覧で知らせる。", f"C{r + 2}")
    put(ws, f"A{r + 4}", "要望事項")
    put(ws, f"B{r + 4}", "措置・回答", f"C{r + 4}")
    put(ws, f"A{r + 5}", "１．ＡＴＭでの声掛け\n２．啓発チラシの追加")
    put(
        ws,
        f"B{r + 5}",
        "１．金融機関と合同で実施する\n２．次回までに用意する（調整中）",
        f"C{r + 5}",
    )
    put(ws, f"A{r + 7}", "出席警察官名")
    put(ws, f"B{r + 7}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 7}")
    ask, answer = f"報告書!A{r + 5}", f"報告書!B{r + 5}"
    expected = _base_record(
        agenda=[agenda(JIKEN, "特殊詐欺の被害状況")],
        discussion="被害の多い手口を回覧で知らせる。",
        requests=[
            request("ATMでの声掛け", "金融機関と合同で実施する"),
            request("啓発チラシの追加", "次回までに用意する(調整中)"),
        ],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    issues = [
        W("R5.pending-request", "requests[1].response", answer),
        W("I1.split-list", "requests", ask),
        W("I1.paired-by-number", "requests", ask),
    ]
    return wb, "報告書", expected, issues


# =========================================================================================
# near misses: ordinary text that must not be split or joined
# =========================================================================================


def near_misses() -> Built:
    """Numbers inside sentences, a single numbered topic, a response starting with a
    number, a discussion with ① inside a sentence, and a date inside a topic."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"C{r}", "備考")
    put(ws, f"A{r + 1}", JIKEN)
    put(ws, f"B{r + 1}", "自転車盗が前年の1.5倍")
    put(ws, f"C{r + 1}", "1、2月に集中")
    put(ws, f"A{r + 2}", KOBAN)
    put(ws, f"B{r + 2}", "1. 巡回連絡の重点地区")
    put(ws, f"A{r + 3}", OTHER)
    put(ws, f"B{r + 3}", "令和8年10月15日の合同パトロールの結果")
    put(ws, f"A{r + 4}", "協議内容等")
    put(
        ws,
        f"B{r + 4}",
        "重点地区は①駅南口②市場通りの順に回る。\n14:00～15:00は交番で相談を受ける。",
        f"C{r + 4}",
    )
    put(ws, f"A{r + 6}", "要望事項")
    put(ws, f"B{r + 6}", "措置・回答")
    put(ws, f"A{r + 7}", "・駐輪場の照明")
    put(ws, f"B{r + 7}", "3月までに2基増設（市が対応）")
    put(ws, f"A{r + 9}", "出席警察官名")
    put(ws, f"B{r + 9}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 9}")
    expected = _base_record(
        agenda=[
            agenda(JIKEN, "自転車盗が前年の1.5倍", "1、2月に集中"),
            agenda(KOBAN, "巡回連絡の重点地区"),
            agenda(OTHER, "令和8年10月15日の合同パトロールの結果"),
        ],
        # the record's text is NFKC: ① is written 1, ～ is written ~
        discussion="重点地区は1駅南口2市場通りの順に回る。\n14:00~15:00は交番で相談を受ける。",
        requests=[request("駐輪場の照明", "3月までに2基増設(市が対応)")],
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    return wb, "報告書", expected, []


def near_miss_rows_not_joined() -> Built:
    """A value with a blank row under it, then unlabelled text further down (a note to
    the station): the note is not part of 協議内容等; 別添 stays one row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    r = _plain_head(ws, _BASE)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "夜間の立番")
    put(ws, f"A{r + 2}", "協議内容等")
    put(ws, f"B{r + 2}", "立番の時間を21時まで延ばす。", f"C{r + 2}")
    put(ws, f"A{r + 4}", "出席警察官名")
    put(ws, f"B{r + 4}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 4}")
    put(ws, f"A{r + 5}", "別添")
    put(ws, f"B{r + 5}", "なし")
    ws[f"B{r + 8}"] = "※提出期限は開催後1週間以内"
    expected = _base_record(
        agenda=[agenda(KOBAN, "夜間の立番")],
        discussion="立番の時間を21時まで延ばす。",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    return wb, "報告書", expected, []


def near_miss_brackets_and_notes() -> Built:
    """【重要】 before a topic in a row that has its own 区分 (a word of the topic, not a
    区分), and a note on the row under the date, which holds no time (left alone: the
    times written beside the date stand)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 50
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "C1")
    head = [
        ("所属", _BASE["affiliation"]),
        ("報告者", _BASE["reporter"]),
        ("協議会名", _BASE["council_name"]),
        ("施設名", _BASE["facility_name"]),
        ("開催日時", "令和8年10月20日（火）18:30～20:00"),
        (None, "（雨天のため会場を変更）"),
        ("開催場所", _BASE["venue"]),
        ("出席者数", _BASE["counts"]),
        ("会議種別", _BASE["type"]),
    ]
    for i, (label, value) in enumerate(head, start=2):
        if label is not None:
            put(ws, f"A{i}", label)
        put(ws, f"B{i}", value, f"C{i}")
    r = 2 + len(head)
    put(ws, f"A{r}", "区分")
    put(ws, f"B{r}", "協議事項")
    put(ws, f"A{r + 1}", KOBAN)
    put(ws, f"B{r + 1}", "【重要】年末の特別警戒の日程")
    put(ws, f"A{r + 2}", OTHER)
    put(ws, f"B{r + 2}", "（仮称）見守り隊の結成")
    put(ws, f"A{r + 3}", "協議内容等")
    put(ws, f"B{r + 3}", "特別警戒は12月20日から行う。", f"C{r + 3}")
    put(ws, f"A{r + 4}", "出席警察官名")
    put(ws, f"B{r + 4}", "巡査部長　原田　守、巡査　千葉　翼", f"C{r + 4}")
    expected = _base_record(
        agenda=[
            agenda(KOBAN, "【重要】年末の特別警戒の日程"),
            agenda(OTHER, "(仮称)見守り隊の結成"),
        ],
        discussion="特別警戒は12月20日から行う。",
        officers=["巡査部長 原田 守", "巡査 千葉 翼"],
    )
    return wb, "報告書", expected, []


# =========================================================================================

CASES: dict[str, Callable[[], Built]] = {
    "split_date_right": split_date_right,
    "split_date_below": split_date_below,
    "split_date_formatted_numbers": split_date_formatted_numbers,
    "split_date_gregorian_times": split_date_gregorian_times,
    "agenda_one_cell_circled": agenda_one_cell_circled,
    "agenda_bullets_with_categories": agenda_bullets_with_categories,
    "agenda_heading_lines": agenda_heading_lines,
    "agenda_table_numbered_cells": agenda_table_numbered_cells,
    "requests_numbered_cells": requests_numbered_cells,
    "requests_interleaved_rows": requests_interleaved_rows,
    "requests_interleaved_one_cell": requests_interleaved_one_cell,
    "vertical_numbered_rows": vertical_numbered_rows,
    "table_with_number_column": table_with_number_column,
    "requests_without_answer_column": requests_without_answer_column,
    "requests_unshaped": requests_unshaped,
    "requests_rows_beside": requests_rows_beside,
    "inline_list_labels": inline_list_labels,
    "side_by_side_sections": side_by_side_sections,
    "discussion_rows_merged_label": discussion_rows_merged_label,
    "discussion_rows_unmerged": discussion_rows_unmerged,
    "formats_change_meaning": formats_change_meaning,
    "hidden_time_date": hidden_time_date,
    "day_cells_as_dates": day_cells_as_dates,
    "agenda_rows_beside_plain": agenda_rows_beside_plain,
    "requests_table_numbered_cells": requests_table_numbered_cells,
    "reporter_with_phone": reporter_with_phone,
    "attendees_by_name": attendees_by_name,
    "attendance_names_one_cell": attendance_names_one_cell,
    "near_misses": near_misses,
    "near_miss_rows_not_joined": near_miss_rows_not_joined,
    "near_miss_brackets_and_notes": near_miss_brackets_and_notes,
}
# Layouts also shipped as .xls and .ods (made with LibreOffice from the .xlsx); the
# converted copy must read as the original, except where CONVERTED_CHANGES says why not
# (formats of .xls cannot be read: python-calamine gives none).
CONVERTED = {
    "split_date_right": ("ods",),
    "split_date_below": ("xls", "ods"),
    "requests_numbered_cells": ("ods",),
    "vertical_numbered_rows": ("xls",),
    "discussion_rows_merged_label": ("ods",),
    "formats_change_meaning": ("ods", "xls"),
}


def _xls_phone_unformatted(data: list[dict[str, Any]]) -> None:
    """.xls keeps no number formats a reader can see: the phone 215 shown as 0215 reads as
    stored, and the record says so."""
    data[0]["report"]["phone"] = "215"
    data[0]["issues"].append(
        {
            "severity": "warning",
            "code": "I1.unformatted-number",
            "field": "phone",
            "cell": "報告書!B4",
        }
    )


# What a converted copy reads differently from its original, and why (see each function).
CONVERTED_CHANGES: dict[tuple[str, str], Callable[[list[dict[str, Any]]], None]] = {
    ("formats_change_meaning", "xls"): _xls_phone_unformatted,
}


def _write_expected(path: Path, sheet: str, expected: dict[str, Any], issues: list[Issue]) -> None:
    data = [
        {
            "sheet": sheet,
            "report": expected,
            "issues": [
                {"severity": s, "code": code, "field": field, "cell": cell}
                for s, code, field, cell in issues
            ],
        }
    ]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _pin(wb: Workbook) -> None:
    stamp = datetime(2026, 11, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "kyogikai corpus"


def _convert(name: str, fmt: str, soffice: str) -> None:
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
                str(OUT / f"{name}.xlsx"),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(out) / f"{name}.{fmt}"), OUT / f"{name}_{fmt}.{fmt}")
    data = json.loads((OUT / f"{name}.expected.json").read_text(encoding="utf-8"))
    change = CONVERTED_CHANGES.get((name, fmt))
    if change is not None:
        change(data)
    (OUT / f"{name}_{fmt}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def build_all() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in CASES.items():
        wb, sheet, expected, issues = make()
        path = OUT / f"{name}.xlsx"
        if isinstance(wb, Workbook):
            _pin(wb)
            wb.save(path)
        else:
            wb(path)
        _write_expected(OUT / f"{name}.expected.json", sheet, expected, issues)
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: .xls/.ods copies not rebuilt", file=sys.stderr)
        return
    for name, formats in CONVERTED.items():
        for fmt in formats:
            _convert(name, fmt, soffice)


if __name__ == "__main__":
    build_all()
