"""Habits of the third blind corpus, each read generally: a register whose 区分 columns
are headed by the 区分 alone, a letter's sender block without labels, requests and answers
on lines of their own after the item's number, and 区分 chosen by a mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.check import Options, check_file
from toolkit.normalize import split_exchanges
from toolkit.rules import Context
from toolkit.settings import Settings


@pytest.fixture
def options() -> Options:
    return Options(Context(Settings(today=date(2026, 11, 25))))


def _sheet(title: str) -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


def _records(path: Path, options: Options) -> list[tuple[dict[str, object], set[str]]]:
    out = []
    for c in check_file(path, options).reports:
        assert c.report is not None
        out.append((c.report.to_json(), {f.code for f in c.findings}))
    return out


def test_a_register_with_a_column_per_category_reads_a_meeting_a_row(
    tmp_path: Path, options: Options
) -> None:
    """No 協議事項 over them: the 区分's names are the headers of their topic columns."""
    wb, ws = _sheet("一覧")
    ws["A1"] = "所属：湊町警察署"
    header = ["協議会名", "施設名", "開催日", "開催場所", "会議種別", "出席者数（警察官）",
              "出席者数（民間）", "交番等の活動状況", "身近な事件・事故等の発生状況",
              "祭礼等の催事・行事", "その他", "要望事項", "措置・回答"]  # fmt: skip
    for c, text in enumerate(header, 1):
        ws.cell(3, c, text)
    ws.append(["湊町交番連絡協議会", "湊町交番", "令和8年4月24日", "湊町集会所", "定期", 4, 6,
               "見守り活動について", "アポ電の多発について", None, None, "白線を引き直してほしい",
               "市に伝えた"])  # fmt: skip
    ws.append(["湊町西駐在所連絡協議会", "湊町西駐在所", "令和8年7月17日", "西駐在所", "臨時", 2,
               12, None, None, "盆踊りの警戒", "空き家の管理", None, None])  # fmt: skip
    path = tmp_path / "一覧.xlsx"
    wb.save(path)
    (first, _), (second, _) = _records(path, options)
    assert (first["facility_name"], first["civilian_attendees"]) == ("湊町交番", 6)
    assert [(a["category"], a["topic"]) for a in first["agenda"]] == [  # type: ignore[index]
        ("交番等の活動状況", "見守り活動について"),
        ("地域住民等に身近な事件・事故等の発生状況", "アポ電の多発について"),
    ]
    assert first["requests"] == [{"request": "白線を引き直してほしい", "response": "市に伝えた"}]
    assert second["affiliation"] == "湊町警察署"
    assert [(a["category"], a["topic"]) for a in second["agenda"]] == [  # type: ignore[index]
        ("地域の祭礼等の催事・行事", "盆踊りの警戒"),
        ("その他", "空き家の管理"),
    ]
    assert second["requests"] == []


def _letter(ws: Worksheet, requests: list[str]) -> None:
    ws["C1"] = "令和8年11月10日"
    ws["A2"] = "地域課長　殿"
    ws["C3"] = "東雲警察署"
    ws["C4"] = "報告者　巡査部長　早瀬修"
    ws["C5"] = "（警電　44-120）"
    ws["A7"] = "交番・駐在所連絡協議会の開催結果について（報告）"
    ws["A9"] = "記"
    rows = [("協議会名", "東雲交番連絡協議会"), ("施設名", "東雲交番"),
            ("開催日時", "令和8年11月6日（金）　午後7時～8時30分"), ("開催場所", "東雲集会所"),
            ("出席者数", "警察官　2名　民間　9名"), ("会議種別", "定期会議")]  # fmt: skip
    r = 10
    for label, value in rows:
        ws.cell(r, 2, label)
        ws.cell(r, 3, value)
        r += 1
    ws.cell(r, 2, "要望事項及び措置・回答")
    for line in requests:
        r += 1
        ws.cell(r, 2, line)
    ws.cell(r + 2, 3, "以上")


def test_a_letters_sender_block_gives_the_station_and_extension_and_says_so(
    tmp_path: Path, options: Options
) -> None:
    wb, ws = _sheet("報告")
    _letter(ws, ["特になし"])
    path = tmp_path / "報告.xlsx"
    wb.save(path)
    ((record, codes),) = _records(path, options)
    assert (record["affiliation"], record["reporter"], record["phone"]) == (
        "東雲警察署",
        "巡査部長 早瀬修",
        "44-120",
    )
    assert "I1.sender-line" in codes
    checked = check_file(path, options).reports[0]
    named = {(f.field, str(f.cell)) for f in checked.findings if f.code == "I1.sender-line"}
    assert named == {("affiliation", "報告!C3"), ("phone", "報告!C5")}


def test_requests_and_answers_on_lines_after_the_items_number_are_paired(
    tmp_path: Path, options: Options
) -> None:
    wb, ws = _sheet("報告")
    _letter(
        ws,
        [
            "（１）要望　公園のトイレ付近を見回ってほしい。",
            "　　　回答　夜間の警ら経路に組み入れた。",
            "（２）要望　祭礼時の駐車場の誘導を手伝ってほしい。",
            "　　　回答　交番勤務員２名で誘導に当たる。",
        ],
    )
    path = tmp_path / "報告.xlsx"
    wb.save(path)
    ((record, _),) = _records(path, options)
    assert record["requests"] == [
        {
            "request": "公園のトイレ付近を見回ってほしい。",
            "response": "夜間の警ら経路に組み入れた。",
        },
        {
            "request": "祭礼時の駐車場の誘導を手伝ってほしい。",
            "response": "交番勤務員2名で誘導に当たる。",
        },
    ]
    # a line that only begins with such a word is no exchange
    assert split_exchanges("街灯を増やしてほしい\n対応について検討") is None


def test_a_category_chosen_by_a_mark_in_its_column(tmp_path: Path, options: Options) -> None:
    wb, ws = _sheet("報告")
    head = [("所属", "青葉台警察署"), ("協議会名", "青葉台南交番連絡協議会"), ("施設名", "青葉台南交番"),
            ("開催日時", "令和8年5月14日 14:00～15:30"), ("開催場所", "集会所"),
            ("出席者数", "警察官3人・民間12人"), ("会議種別", "定期")]  # fmt: skip
    for i, (label, value) in enumerate(head, 1):
        ws.cell(i, 1, label)
        ws.cell(i, 2, value)
    ws["A9"], ws["C9"], ws["D9"], ws["E9"], ws["F9"], ws["G9"] = (
        "協議事項", "活動状況", "事件事故", "催事行事", "その他", "備考",
    )  # fmt: skip
    ws["A10"], ws["C10"], ws["G10"] = "地域安全マップの作成", "○", "交通課員が説明"
    ws["A11"], ws["D11"] = "空き巣被害の連続発生", "○"
    ws["A12"], ws["E12"] = "夏祭りの交通規制", "◯"
    ws["A14"], ws["B14"] = "協議内容等", "マップを配ることとした。"
    path = tmp_path / "報告.xlsx"
    wb.save(path)
    checked = check_file(path, options).reports[0]
    assert checked.report is not None
    assert [
        (a["category"], a["topic"], a["remarks"]) for a in checked.report.to_json()["agenda"]
    ] == [
        ("交番等の活動状況", "地域安全マップの作成", "交通課員が説明"),
        ("地域住民等に身近な事件・事故等の発生状況", "空き巣被害の連続発生", None),
        ("地域の祭礼等の催事・行事", "夏祭りの交通規制", None),
    ]
    (note,) = [f for f in checked.findings if f.code == "I1.category-marks"]
    assert (note.field, str(note.cell)) == ("agenda", "報告!C9")
    assert not [f for f in checked.findings if f.code == "I1.unread-text"]


def test_a_phone_written_with_its_word_in_its_own_box_is_the_number(
    tmp_path: Path, options: Options
) -> None:
    wb, ws = _sheet("報告")
    rows = [("所属", "中央警察署"), ("報告者", "巡査部長 山田一郎"), ("警電", "（警電　44-120）"),
            ("協議会名", "駅前交番連絡協議会"), ("施設名", "駅前交番"),
            ("開催日時", "令和8年10月15日 14:00～15:30"), ("開催場所", "公民館"),
            ("出席者数", "警察官2人・民間10人"), ("会議種別", "定期")]  # fmt: skip
    for i, (label, value) in enumerate(rows, 1):
        ws.cell(i, 1, label)
        ws.cell(i, 2, value)
    path = tmp_path / "報告.xlsx"
    wb.save(path)
    ((record, _),) = _records(path, options)
    assert record["phone"] == "44-120"
