"""Habits of the second blind corpus's hand, each pinned by the smallest case: numbered
labels of a 記書き, 区分 headings over their topics, one column per 区分 in a register, the
line over a register naming its station and keeper, answers after arrows or in brackets,
stamp boxes spelled out in one cell, and a blank form whose count line and legend are
printed scaffolding."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from toolkit.check import Options, check_file
from toolkit.normalize.lists import split_exchanges
from toolkit.reading.coverage import is_decoration
from toolkit.reading.legend import is_legend
from toolkit.reading.sheetkind import is_placeholder
from toolkit.rules import Context
from toolkit.settings import Settings

OPTIONS = Options(Context(Settings(today=date(2026, 11, 25))))


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "・防犯カメラの増設\n　→（回答）市と協議中\n・掲示板の更新\n　→（回答）11月中に更新",
            [("防犯カメラの増設", "市と協議中"), ("掲示板の更新", "11月中に更新")],
        ),
        ("街灯をふやしてほしい\n→ 検討中", [("街灯をふやしてほしい", "検討中")]),
        (
            "・夜間の警らの強化（回答：重点箇所に指定）\n・速度規制",
            [("夜間の警らの強化", "重点箇所に指定"), ("速度規制", None)],
        ),
    ],
)
def test_answers_after_an_arrow_or_in_brackets_pair_with_their_request(
    text: str, pairs: list[tuple[str, str | None]]
) -> None:
    assert split_exchanges(text) == pairs


@pytest.mark.parametrize("text", ["防犯灯の設置（市に要望）", "・街灯\n・速度規制", "街灯"])
def test_text_without_an_answer_mark_is_no_exchange(text: str) -> None:
    assert split_exchanges(text) is None


def test_printed_scaffolding_is_no_value() -> None:
    assert is_decoration("署\u3000長\u3000\u3000副署長\u3000\u3000地域交通官\u3000\u3000地域課長")
    assert is_decoration("標記について、下記のとおり開催したので報告します。")
    assert is_decoration("交番・駐在所連絡協議会の開催結果について（報告）")
    assert not is_decoration("署長と防犯協会長が出席")
    assert is_placeholder("警察官\u3000\u3000人・民間（委員等）\u3000\u3000人")
    assert not is_placeholder("警察官3人・民間9人")
    assert is_legend("区分：1 交番等の活動状況\u30002 地域住民等に身近な事件・事故等の発生状況")
    assert not is_legend("交番等の活動状況")


def _kigaki(path: Path) -> None:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("報告")
    rows = [
        ("A1", "交番・駐在所連絡協議会の開催結果について（報告）"),
        ("A2", "標記について、下記のとおり開催したので報告します。"),
        ("F3", "所属"), ("G3", "美浜警察署"), ("F4", "報告者"), ("G4", "警部補 藤原博之"),
        ("A6", "1\u3000協議会名"), ("C6", "汐見交番連絡協議会"),
        ("A7", "2\u3000施設名"), ("C7", "汐見交番"),
        ("A8", "3\u3000開催日時"), ("C8", "令和8年9月10日（木）午前10時～午前11時"),
        ("A9", "4\u3000出席者数"), ("C9", "警察官3人、民間9人"),
        ("A10", "5\u3000会議種別"), ("C10", "定期"),
        ("A11", "6\u3000協議事項"), ("H11", "（備考）"),
        ("B12", "(1)\u3000交番等の活動状況"), ("C13", "・上半期の活動状況"),
        ("B14", "(2)\u3000その他"), ("C15", "・委員の改選"), ("H15", "任期満了2名"),
        ("A16", "7\u3000出席警察官名"), ("C16", "警部補 藤原博之"),
    ]  # fmt: skip
    for at, value in rows:
        ws.write(at, value)
    wb.close()


def test_a_kigaki_with_numbered_labels_and_category_headings(tmp_path: Path) -> None:
    path = tmp_path / "報告.xlsx"
    _kigaki(path)
    (checked,) = check_file(path, OPTIONS).reports
    report = checked.report
    assert report is not None
    assert report.council_name.value == "汐見交番連絡協議会"
    assert report.facility_name.value == "汐見交番"
    assert (report.police_attendees.value, report.civilian_attendees.value) == (3, 9)
    assert [(a.category.value, a.topic.value, a.remarks.value) for a in report.agenda] == [
        ("交番等の活動状況", "上半期の活動状況", None),
        ("その他", "委員の改選", "任期満了2名"),
    ]
    codes = {(f.code, f.field) for f in checked.findings}
    assert ("I1.category-heading", "agenda") in codes
    # the title and the cover sentence are the letter's, not unread text
    assert not [f for f in checked.findings if f.code == "I1.unread-text"]


def _register(path: Path) -> None:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("一覧")
    ws.write("A1", "交番・駐在所連絡協議会開催状況一覧（令和８年度上半期）")
    ws.write("A2", "美浜警察署\u3000地域課\u3000記載者 巡査部長 汐田直樹（警電7008）")
    for col, head in enumerate(["施設名", "協議会名", "開催日", "時間", "種別"]):
        ws.merge_range(3, col, 4, col, head)
    ws.merge_range(3, 5, 3, 7, "協議事項")
    ws.write_row(4, 5, ["交番等の活動状況", "事件・事故等の発生状況", "その他"])
    ws.merge_range(3, 8, 4, 8, "要望事項（回答）")
    ws.write_row(5, 0, ["汐見交番", "汐見交番連絡協議会", "R8.6.3", "19:00～20:30", "定期",
                        "春の地域安全運動", None, "安全マップの作成",
                        "・不法投棄対策（回答：看板を設置した）"])  # fmt: skip
    ws.write_row(6, 0, ["美浜交番", "美浜交番連絡協議会", "R8.8.19", "14:00～15:30", "定期",
                        None, "自転車盗の発生状況", None, "なし"])  # fmt: skip
    wb.close()


def test_a_register_with_a_column_per_category_and_a_keeper_line(tmp_path: Path) -> None:
    path = tmp_path / "一覧.xlsx"
    _register(path)
    first, second = check_file(path, OPTIONS).reports
    for checked in (first, second):
        assert checked.report is not None
        assert checked.report.affiliation.value == "美浜警察署"
        assert checked.report.reporter.value == "巡査部長 汐田直樹"
        assert checked.report.phone.value == "7008"
        heading = {f.field for f in checked.findings if f.code == "I1.heading-line"}
        assert heading == {"affiliation", "reporter"}
    assert first.report is not None and second.report is not None
    assert [(a.category.value, a.topic.value) for a in first.report.agenda] == [
        ("交番等の活動状況", "春の地域安全運動"),
        ("その他", "安全マップの作成"),
    ]
    assert [(a.category.value, a.topic.value) for a in second.report.agenda] == [
        ("地域住民等に身近な事件・事故等の発生状況", "自転車盗の発生状況"),
    ]
    assert [(r.request.value, r.response.value) for r in first.report.requests] == [
        ("不法投棄対策", "看板を設置した")
    ]
    assert not second.report.requests


@pytest.mark.parametrize(
    ("kind", "first"),
    [("forms", 1000), ("forms", 2000), ("forms", 3000), ("forms", 4000),
     ("registers", 100), ("registers", 500), ("columns", 10)],
)  # fmt: skip
def test_random_compositions_of_the_other_hands_forms_read_exactly(
    tmp_path: Path, kind: str, first: int
) -> None:
    """Workbooks drawn by the second blind corpus's own functions with every choice made
    at random, and registers of one meeting a row (or a column) with their columns, header
    words and typing at random (tests/corpus/blind2/compose.py): the record each holds is read
    exactly, no month left blank is a report, and nothing is wrong without a finding."""
    import json
    import subprocess
    import sys

    corpora = Path(__file__).parent / "corpus"
    if str(corpora / "blind2") not in sys.path:
        sys.path.insert(0, str(corpora / "blind2"))
    import compose

    make = {"registers": compose.register, "columns": compose.by_columns}.get(kind, compose.compose)
    for seed in range(first, first + 20):
        make(seed, tmp_path)
    out = subprocess.run(
        [sys.executable, str(corpora / "blind" / "score.py"), str(tmp_path),
         "--cmd", f"{sys.executable} -m toolkit", "--json"],
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=900,
    )  # fmt: skip
    total = json.loads(out.stdout)["total"]
    assert (total["missed"], total["nonreports"], total["silent"]) == (0, 0, 0), total
    assert total["exact"] >= 0.995 * total["fields"], total
