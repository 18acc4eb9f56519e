"""Build the layout corpus: report workbooks in layouts other than our template.

Each layout places the same kind of content differently (column grids, labels above values,
shifted start, inserted rows, labels and values in one cell, several reports in one book,
old 平成 reports) and is written beside `<name>.expected.json`: the record a correct reader
gives. The expected records are written from the content here, never read back from the
reader. `.xls` and `.ods` copies are made with LibreOffice when it is available:

    python tests/corpus/make_layouts.py            # rewrite tests/corpus/layouts/
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).parent / "layouts"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def record(**values: Any) -> dict[str, Any]:
    """An expected record with SPEC.md's keys in order; absent keys are null / []."""
    keys = [
        "affiliation",
        "reporter",
        "phone",
        "council_name",
        "facility_name",
        "date",
        "start_time",
        "end_time",
        "venue",
        "police_attendees",
        "civilian_attendees",
        "meeting_type",
    ]
    out: dict[str, Any] = {k: values.get(k) for k in keys}
    out["agenda"] = values.get("agenda", [])
    out["discussion"] = values.get("discussion")
    out["requests"] = values.get("requests", [])
    out["reference"] = values.get("reference")
    out["officers"] = values.get("officers", [])
    return out


def agenda(category: str, topic: str | None, remarks: str | None = None) -> dict[str, Any]:
    return {"category": category, "topic": topic, "remarks": remarks}


def request(req: str, resp: str | None = None) -> dict[str, Any]:
    return {"request": req, "response": resp}


def put(ws: Worksheet, ref: str, value: Any, merge: str | None = None) -> None:
    ws[ref] = value
    ws[ref].alignment = Alignment(wrap_text=True, vertical="center")
    if merge:
        ws.merge_cells(f"{ref}:{merge}")
    ws[ref].border = BOX


# --- 1. 方眼紙 grid, shifted to start at C4, labels with spaces, separate time cells --------


def grid_shifted() -> tuple[Workbook, dict[str, Any], list[tuple[str, str | None]]]:
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    for col in range(1, 45):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 2.6
    put(ws, "C2", "別記様式（２の(9)関係）")
    put(ws, "C3", "地域指導係宛")
    put(ws, "J4", "交番・駐在所連絡協議会開催結果報告書", "AD4")
    put(ws, "C6", "所　　属", "H6")
    put(ws, "I6", "港北警察署", "V6")
    put(ws, "C7", "報 告 者", "H7")
    put(ws, "I7", "巡査部長　山本　一樹", "V7")
    put(ws, "W7", "警　電", "Z7")
    put(ws, "AA7", "０４５１", "AF7")
    put(ws, "C8", "協議会名", "H8")
    put(ws, "I8", "港北台交番連絡協議会", "V8")
    put(ws, "W8", "施 設 名", "Z8")
    put(ws, "AA8", "港北台交番", "AF8")
    put(ws, "C9", "開 催 日 時", "H9")
    ws["I9"] = date(2026, 9, 10)
    ws["I9"].number_format = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"'
    ws.merge_cells("I9:P9")
    put(ws, "Q9", "開始時刻", "S9")
    ws["T9"] = time(13, 30)
    ws["T9"].number_format = "h:mm"
    put(ws, "V9", "終了時刻", "X9")
    ws["Y9"] = time(15, 0)
    ws["Y9"].number_format = "h:mm"
    put(ws, "C10", "開催場所", "H10")
    put(ws, "I10", "港北台第二集会所", "AF10")
    put(ws, "C11", "出席者数", "H12")
    put(ws, "I11", "警察官", "L11")
    put(ws, "M11", 2)
    put(ws, "N11", "人")
    put(ws, "I12", "民間", "L12")
    put(ws, "M12", "１５")
    put(ws, "N12", "人")
    put(ws, "Q11", "会議種別", "U12")
    put(ws, "V11", "■定期　□臨時", "AF12")
    put(ws, "C14", "区　分", "J14")
    put(ws, "K14", "協 議 事 項", "Z14")
    put(ws, "AA14", "備　考", "AF14")
    rows = [
        ("ア　交番等の活動状況", "秋の全国交通安全運動の取組", None),
        ("イ　地域住民等に身近な事件・事故等の発生状況", "自転車盗の増加", "前年比＋８件"),
        ("ウ　地域の祭礼等の催事・行事", "港北台夏祭りの雑踏警備の結果", None),
        ("そ　の　他", None, None),
    ]
    for i, (cat, topic, rem) in enumerate(rows):
        r = 15 + i
        put(ws, f"C{r}", cat, f"J{r}")
        put(ws, f"K{r}", topic, f"Z{r}")
        put(ws, f"AA{r}", rem, f"AF{r}")
    put(ws, "C20", "協議内容等", "H23")
    put(
        ws,
        "I20",
        "自転車盗は駅周辺の駐輪場に集中している。\n自治会が駐輪場の巡回を月２回行うこととした。",
        "AF23",
    )
    put(ws, "C25", "要　望　事　項", "R25")
    put(ws, "S25", "措 置 ・ 回 答", "AF25")
    put(ws, "C26", "駐輪場への防犯カメラの設置", "R26")
    put(ws, "S26", "市の道路管理課に伝えた", "AF26")
    put(ws, "C27", "ツーロック啓発チラシの配布", "R27")
    put(ws, "S27", None, "AF27")
    put(ws, "C29", "参考事項（写真添付）", "H31")
    put(ws, "I29", None, "AF31")
    put(ws, "C32", "出席警察官名", "H32")
    put(ws, "I32", "巡査部長　山本　一樹\n巡査　大野　美咲", "AF32")
    put(ws, "C33", "別　添", "H33")
    put(ws, "I33", "なし", "AF33")
    expected = record(
        affiliation="港北警察署",
        reporter="巡査部長 山本 一樹",
        phone="0451",
        council_name="港北台交番連絡協議会",
        facility_name="港北台交番",
        date="2026-09-10",
        start_time="13:30",
        end_time="15:00",
        venue="港北台第二集会所",
        police_attendees=2,
        civilian_attendees=15,
        meeting_type="regular",
        agenda=[
            agenda("交番等の活動状況", "秋の全国交通安全運動の取組"),
            agenda("地域住民等に身近な事件・事故等の発生状況", "自転車盗の増加", "前年比+8件"),
            agenda("地域の祭礼等の催事・行事", "港北台夏祭りの雑踏警備の結果"),
        ],
        discussion="自転車盗は駅周辺の駐輪場に集中している。\n"
        "自治会が駐輪場の巡回を月2回行うこととした。",
        requests=[
            request("駐輪場への防犯カメラの設置", "市の道路管理課に伝えた"),
            request("ツーロック啓発チラシの配布"),
        ],
        officers=["巡査部長 山本 一樹", "巡査 大野 美咲"],
    )
    issues = [("warning", "requests[1].response")]
    return wb, expected, issues


# --- 2. rows inserted: more agenda rows, blank rows, a 区分 merged over two topics -------


def inserted_rows() -> tuple[Workbook, dict[str, Any], list[tuple[str, str | None]]]:
    wb = Workbook()
    ws = wb.active
    ws.title = "開催結果報告書"
    for col, w in zip("ABCDEFGH", (14, 12, 12, 12, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[col].width = w
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "H1")
    put(ws, "A3", "所属")
    put(ws, "B3", "南浜警察署", "D3")
    put(ws, "E3", "報告者")
    put(ws, "F3", "警部補 田村 浩", "H3")
    put(ws, "A4", "警電")
    put(ws, "B4", 3021)
    put(ws, "A5", "協議会名")
    put(ws, "B5", "南浜中央交番連絡協議会", "D5")
    put(ws, "E5", "施設名")
    put(ws, "F5", "南浜中央交番", "H5")
    # an inserted, empty row 6
    put(ws, "A7", "開催日時")
    put(ws, "B7", "2026年10月2日（金）18:30～20:00", "D7")
    put(ws, "E7", "開催場所")
    put(ws, "F7", "南浜公民館　第１会議室", "H7")
    put(ws, "A8", "出席者数")
    put(ws, "B8", "警察官")
    put(ws, "C8", "３名")
    put(ws, "D8", "民間")
    put(ws, "E8", "十二名")
    put(ws, "F8", "会議種別")
    put(ws, "G8", "定例", "H8")
    put(ws, "A10", "区分")
    put(ws, "B10", "協議事項", "F10")
    put(ws, "G10", "備考", "H10")
    put(ws, "A11", "交番等の活動状況", "A12")  # one 区分 over two topics
    put(ws, "B11", "夏の防犯診断の結果", "F11")
    put(ws, "B12", "交番だよりの配布先の拡大", "F12")
    put(ws, "G12", "10月号から", "H12")
    put(ws, "A13", "地域住民等に身近な事件・事故等の発生状況")
    put(ws, "B13", "特殊詐欺の予兆電話", "F13")
    put(ws, "G13", "９月に１４件", "H13")
    put(ws, "A14", "地域の祭礼等の催事・行事")
    put(ws, "B14", None, "F14")
    put(ws, "A15", "地域の祭礼等の催事・行事")  # an inserted row, 区分 copied down
    put(ws, "B15", "南浜秋祭りの交通規制", "F15")
    put(ws, "A16", "その他")
    put(ws, "B16", None, "F16")
    # two blank rows inserted before the next section
    put(ws, "A19", "協議内容等")
    put(ws, "B19", "予兆電話が続いているため、高齢者世帯への戸別訪問を強化する。", "H21")
    put(ws, "A23", "要望事項", "D23")
    put(ws, "E23", "措置・回答", "H23")
    put(ws, "A24", "祭りの当日の警戒", "D24")
    put(ws, "E24", "当日は交番員全員で警戒に当たる", "H24")
    put(ws, "A25", None, "D25")
    put(ws, "A26", "ＡＴＭ周辺の声掛け", "D26")
    put(ws, "E26", "金融機関と合同で実施済み", "H26")
    put(ws, "A28", "参考事項（写真添付）")
    put(ws, "B28", "南浜だより１０月号", "H28")
    put(ws, "A29", "出席警察官名")
    put(ws, "B29", "警部補 田村 浩，巡査部長 石井 大地，巡査 松本 蓮", "H29")
    expected = record(
        affiliation="南浜警察署",
        reporter="警部補 田村 浩",
        phone="3021",
        council_name="南浜中央交番連絡協議会",
        facility_name="南浜中央交番",
        date="2026-10-02",
        start_time="18:30",
        end_time="20:00",
        venue="南浜公民館 第1会議室",
        police_attendees=3,
        civilian_attendees=12,
        meeting_type="regular",
        agenda=[
            agenda("交番等の活動状況", "夏の防犯診断の結果"),
            agenda("交番等の活動状況", "交番だよりの配布先の拡大", "10月号から"),
            agenda("地域住民等に身近な事件・事故等の発生状況", "特殊詐欺の予兆電話", "9月に14件"),
            agenda("地域の祭礼等の催事・行事", "南浜秋祭りの交通規制"),
        ],
        discussion="予兆電話が続いているため、高齢者世帯への戸別訪問を強化する。",
        requests=[
            request("祭りの当日の警戒", "当日は交番員全員で警戒に当たる"),
            request("ATM周辺の声掛け", "金融機関と合同で実施済み"),
        ],
        reference="南浜だより10月号",
        officers=["警部補 田村 浩", "巡査部長 石井 大地", "巡査 松本 蓮"],
    )
    return wb, expected, []


# --- 3. labels above values, 和暦 short date with weekday, time in the next cell ---------


def above_wareki_short() -> tuple[Workbook, dict[str, Any], list[tuple[str, str | None]]]:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for col in "ABCDEFGH":
        ws.column_dimensions[col].width = 13
    put(ws, "B2", "地域指導係宛")
    put(ws, "A3", "交番・駐在所連絡協議会開催結果報告書", "H3")
    labels = [
        ("A5", "所属", "A6", "北山警察署"),
        ("C5", "報告者", "C6", "巡査部長　森田　健"),
        ("E5", "警電", "E6", "'0733"),
        ("A8", "協議会名", "A9", "北山・西山地区連絡協議会"),
        ("D8", "施設名", "D9", "北山駐在所"),
        ("A11", "開催日", "A12", "Ｒ８．１１．３（火）"),
        ("C11", "時間", "C12", "午前１０時～１１時半"),
        ("E11", "開催場所", "E12", "西山地区センター"),
        ("A14", "出席者数（警察官）", "A15", "1"),
        ("C14", "出席者数（民間）", "C15", "9人"),
        ("E14", "会議種別", "E15", "（　）定期　（○）臨時"),
    ]
    for lab, text, val, value in labels:
        put(ws, lab, text)
        put(ws, val, value[1:] if value.startswith("'") else value)
    put(ws, "A17", "区分", "B17")
    put(ws, "C17", "協議事項", "F17")
    put(ws, "G17", "備考", "H17")
    put(ws, "A18", "地域住民等に身近な事件、事故等の発生状況", "B18")
    put(ws, "C18", "農作物の連続窃盗", "F18")
    put(ws, "G18", "10月に5件", "H18")
    put(ws, "A19", "その他", "B19")
    put(ws, "C19", "防犯カメラの設置場所", "F19")
    put(ws, "A21", "協議内容等", "H21")
    put(ws, "A22", "収穫期の夜間に農作物の窃盗が続いたため臨時会議を開いた。", "H24")
    put(ws, "A26", "要望事項", "D26")
    put(ws, "E26", "措置・回答", "H26")
    put(ws, "A27", "夜間の警戒の強化", "D27")
    put(ws, "E27", "駐在所員が夜間に重点的に警ら", "H27")
    put(ws, "A29", "参考事項（写真添付）", "H29")
    put(ws, "A30", None, "H31")
    put(ws, "A33", "出席警察官名", "H33")
    put(ws, "A34", "巡査部長　森田　健", "H34")
    expected = record(
        affiliation="北山警察署",
        reporter="巡査部長 森田 健",
        phone="0733",
        council_name="北山・西山地区連絡協議会",
        facility_name="北山駐在所",
        date="2026-11-03",
        start_time="10:00",
        end_time="11:30",
        venue="西山地区センター",
        police_attendees=1,
        civilian_attendees=9,
        meeting_type="extraordinary",
        agenda=[
            agenda("地域住民等に身近な事件・事故等の発生状況", "農作物の連続窃盗", "10月に5件"),
            agenda("その他", "防犯カメラの設置場所"),
        ],
        discussion="収穫期の夜間に農作物の窃盗が続いたため臨時会議を開いた。",
        requests=[request("夜間の警戒の強化", "駐在所員が夜間に重点的に警ら")],
        officers=["巡査部長 森田 健"],
    )
    return wb, expected, []


# --- 4. labels and values in the same cell ----------------------------------------------


def inline_labels() -> tuple[Workbook, dict[str, Any], list[tuple[str, str | None]]]:
    wb = Workbook()
    ws = wb.active
    ws.title = "報告"
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 30
    lines = [
        "交番・駐在所連絡協議会開催結果報告書",
        "所属：東浜警察署",
        "報告者：巡査部長　中村　彩",
        "警電：0612",
        "協議会名：東浜駅前交番連絡協議会",
        "施設名：東浜駅前交番",
        "開催日時：令和８年１０月２８日（水）午後２時～午後３時３０分",
        "開催場所：東浜駅前交番　２階会議室",
        "出席者数：警察官２名、民間１１名",
        "会議種別：臨時会議",
    ]
    for i, text in enumerate(lines, start=1):
        put(ws, f"A{i}", text)
    put(ws, "A12", "区分")
    put(ws, "B12", "協議事項")
    put(ws, "C12", "備考")
    put(ws, "A13", "地域住民等に身近な事件・事故等の発生状況")
    put(ws, "B13", "駅前での痴漢の連続発生")
    put(ws, "C13", "10月に3件")
    put(ws, "A15", "協議内容等：駅の出口付近に見守りを立てることとした。")
    put(ws, "A17", "要望事項")
    put(ws, "B17", "措置・回答")
    put(ws, "A18", "駅前の街灯の増設")
    put(ws, "A20", "出席警察官名：巡査部長　中村　彩；巡査　佐藤　優")
    expected = record(
        affiliation="東浜警察署",
        reporter="巡査部長 中村 彩",
        phone="0612",
        council_name="東浜駅前交番連絡協議会",
        facility_name="東浜駅前交番",
        date="2026-10-28",
        start_time="14:00",
        end_time="15:30",
        venue="東浜駅前交番 2階会議室",
        police_attendees=2,
        civilian_attendees=11,
        meeting_type="extraordinary",
        agenda=[
            agenda(
                "地域住民等に身近な事件・事故等の発生状況", "駅前での痴漢の連続発生", "10月に3件"
            )
        ],
        discussion="駅の出口付近に見守りを立てることとした。",
        requests=[request("駅前の街灯の増設")],
        officers=["巡査部長 中村 彩", "巡査 佐藤 優"],
    )
    return wb, expected, [("warning", "requests[0].response")]


# --- 5. several reports in one workbook, plus a sheet that is not a report -------------


def _compact(ws: Worksheet, c: dict[str, Any]) -> None:
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "D1")
    pairs = [
        ("A3", "所属", "B3", c["affiliation"]),
        ("C3", "報告者", "D3", c["reporter"]),
        ("A4", "協議会名", "B4", c["council_name"]),
        ("C4", "施設名", "D4", c["facility_name"]),
        ("A5", "開催日時", "B5", c["when"]),
        ("C5", "開催場所", "D5", c["venue"]),
        ("A6", "出席者数", "B6", c["counts"]),
        ("C6", "会議種別", "D6", c["type"]),
    ]
    for lab, text, val, value in pairs:
        put(ws, lab, text)
        put(ws, val, value)
    put(ws, "A8", "区分")
    put(ws, "B8", "協議事項")
    put(ws, "C8", "備考")
    put(ws, "A9", c["category"])
    put(ws, "B9", c["topic"])
    put(ws, "A11", "協議内容等")
    put(ws, "B11", c["discussion"], "D11")
    put(ws, "A13", "要望事項")
    put(ws, "C13", "措置・回答")
    put(ws, "A15", "出席警察官名")
    put(ws, "B15", c["officers"], "D15")


def two_reports() -> tuple[Workbook, list[dict[str, Any]], list[list[tuple[str, str | None]]]]:
    wb = Workbook()
    first = wb.active
    first.title = "4月"
    second = wb.create_sheet("6月")
    memo = wb.create_sheet("メモ")
    memo["A1"] = "次回は7月に開催予定。会場の予約を忘れないこと。"
    old = wb.create_sheet("旧様式")
    _compact(old, _TWO[0])
    old.sheet_state = "hidden"
    _compact(first, _TWO[0])
    _compact(second, _TWO[1])
    expected = [
        record(
            affiliation="西原警察署",
            reporter="巡査部長 岡田 誠",
            council_name="西原団地防犯連絡協議会",
            facility_name="西原第二交番",
            date="2026-04-22",
            start_time="19:00",
            end_time="20:00",
            venue="西原団地集会所",
            police_attendees=1,
            civilian_attendees=6,
            meeting_type="regular",
            agenda=[agenda("交番等の活動状況", "団地内の空き巣対策")],
            discussion="管理組合と合同で防犯診断を行う。",
            officers=["巡査部長 岡田 誠"],
        ),
        record(
            affiliation="西原警察署",
            reporter="巡査部長 岡田 誠",
            council_name="西原団地防犯連絡協議会",
            facility_name="西原第二交番",
            date="2026-06-17",
            start_time="19:00",
            end_time="20:30",
            venue="西原団地集会所",
            police_attendees=2,
            civilian_attendees=8,
            meeting_type="extraordinary",
            agenda=[agenda("地域住民等に身近な事件・事故等の発生状況", "駐輪場での車上ねらい")],
            discussion="駐輪場の照明を管理組合が増設する。",
            officers=["巡査部長 岡田 誠", "巡査 藤井 拓海"],
        ),
    ]
    # The reporter's phone is missing on both: a warning is not in R1's list, so no issue.
    return wb, expected, [[], []]


_TWO = [
    {
        "affiliation": "西原警察署",
        "reporter": "巡査部長　岡田　誠",
        "council_name": "西原団地防犯連絡協議会",
        "facility_name": "西原第二交番",
        "when": "令和8年4月22日(水) 19:00-20:00",
        "venue": "西原団地集会所",
        "counts": "警察官1人・民間6人",
        "type": "定期",
        "category": "交番等の活動状況",
        "topic": "団地内の空き巣対策",
        "discussion": "管理組合と合同で防犯診断を行う。",
        "officers": "巡査部長　岡田　誠",
    },
    {
        "affiliation": "西原警察署",
        "reporter": "巡査部長　岡田　誠",
        "council_name": "西原団地防犯連絡協議会",
        "facility_name": "西原第二交番",
        "when": "令和8年6月17日（水）午後7時から午後8時30分まで",
        "venue": "西原団地集会所",
        "counts": "警察官２人・民間８人",
        "type": "□定期　■臨時",
        "category": "地域住民等に身近な事件・事故等の発生状況",
        "topic": "駐輪場での車上ねらい",
        "discussion": "駐輪場の照明を管理組合が増設する。",
        "officers": "巡査部長　岡田　誠、巡査　藤井　拓海",
    },
]


# --- 6. an old 平成 report: kanji counts, half-width katakana, an Excel datetime --------


def heisei_old() -> tuple[Workbook, dict[str, Any], list[tuple[str, str | None]]]:
    wb = Workbook()
    ws = wb.active
    ws.title = "H30"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 30
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "D1")
    put(ws, "A2", "所属")
    put(ws, "B2", "中央警察署")
    put(ws, "C2", "報告者")
    put(ws, "D2", "巡査長　ｽｽﾞｷ　ﾀﾛｳ")
    put(ws, "A3", "協議会名")
    put(ws, "B3", "栄町交番連絡協議会")
    put(ws, "C3", "施設名")
    put(ws, "D3", "栄町交番")
    put(ws, "A4", "開催日時")
    ws["B4"] = datetime(2018, 11, 14, 14, 0)
    ws["B4"].number_format = "yyyy/m/d h:mm"
    put(ws, "C4", "開催場所")
    put(ws, "D4", "栄町会館")
    put(ws, "A5", "出席者数")
    put(ws, "B5", "警察官 二名　民間 十五名")
    put(ws, "C5", "会議種別")
    put(ws, "D5", "定期会議")
    put(ws, "A7", "区分")
    put(ws, "B7", "協議事項")
    put(ws, "C7", "備考")
    put(ws, "A8", "交番等の活動状況")
    put(ws, "B8", "年末年始の特別警戒")
    put(ws, "A10", "協議内容等")
    put(ws, "B10", "年末の特別警戒に自治会の防犯パトロールも合わせて実施する。", "D10")
    put(ws, "A12", "要望事項")
    put(ws, "C12", "措置・回答")
    put(ws, "A13", "商店街のｲﾙﾐﾈｰｼｮﾝ期間の警戒")
    put(ws, "C13", "期間中は立番を実施")
    put(ws, "A15", "出席警察官名")
    put(ws, "B15", "巡査長　ｽｽﾞｷ　ﾀﾛｳ、巡査　ﾀﾅｶ　ﾊﾅｺ", "D15")
    expected = record(
        affiliation="中央警察署",
        reporter="巡査長 スズキ タロウ",
        council_name="栄町交番連絡協議会",
        facility_name="栄町交番",
        date="2018-11-14",
        start_time="14:00",
        venue="栄町会館",
        police_attendees=2,
        civilian_attendees=15,
        meeting_type="regular",
        agenda=[agenda("交番等の活動状況", "年末年始の特別警戒")],
        discussion="年末の特別警戒に自治会の防犯パトロールも合わせて実施する。",
        requests=[request("商店街のイルミネーション期間の警戒", "期間中は立番を実施")],
        officers=["巡査長 スズキ タロウ", "巡査 タナカ ハナコ"],
    )
    # Only a start time was written: the end time is a warning (R1). The meeting is years
    # before the corpus's 点検日, so the date is questioned too (R2.old-date).
    return wb, expected, [("warning", "end_time"), ("warning", "date")]


SINGLE = {
    "grid_shifted": grid_shifted,
    "inserted_rows": inserted_rows,
    "above_wareki_short": above_wareki_short,
    "inline_labels": inline_labels,
    "heisei_old": heisei_old,
}
# Layouts also shipped as .xls and .ods (made with LibreOffice from the .xlsx).
CONVERTED = {"grid_shifted": "xls", "above_wareki_short": "ods", "inserted_rows": "ods"}


def _write_expected(name: str, sheet_records: list[tuple[str, dict[str, Any], list[Any]]]) -> None:
    data = [
        {"sheet": sheet, "report": rec, "issues": [{"severity": s, "field": f} for s, f in iss]}
        for sheet, rec, iss in sheet_records
    ]
    (OUT / f"{name}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _pin(wb: Workbook) -> None:
    stamp = datetime(2026, 11, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "kyogikai corpus"


def build() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in SINGLE.items():
        wb, expected, issues = make()
        _pin(wb)
        wb.save(OUT / f"{name}.xlsx")
        _write_expected(name, [(wb.active.title, expected, issues)])
    wb, records, issues_list = two_reports()
    _pin(wb)
    wb.save(OUT / "two_reports.xlsx")
    _write_expected(
        "two_reports",
        [(s, r, i) for s, r, i in zip(("4月", "6月"), records, issues_list, strict=True)],
    )
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: .xls/.ods copies not rebuilt", file=sys.stderr)
        return
    for name, fmt in CONVERTED.items():
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    fmt,
                    "--outdir",
                    str(OUT),
                    str(OUT / f"{name}.xlsx"),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        converted = OUT / f"{name}.{fmt}"
        target = OUT / f"{name}_{fmt}.{fmt}"
        converted.replace(target)
        expected = json.loads((OUT / f"{name}.expected.json").read_text(encoding="utf-8"))
        (OUT / f"{name}_{fmt}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    build()
