"""Labels stations write with words of their own around the form's label (「主な協議内容」,
「回答・措置状況」, 「出席委員数」): read by the label they contain, and the record says which
field was read by which words (I1.label-variant), so that a wrong guess is never silent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from toolkit.check import Options, check_file
from toolkit.normalize import label_key
from toolkit.reading.labelread import FIELD_OF, HEADER_OF, loose_key
from toolkit.rules import Context
from toolkit.settings import Settings


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("主な協議内容", "discussion"),
        ("回答・措置状況", "response"),
        ("要望・意見等", "request"),
        ("出席委員数", "civilian_attendees"),
        ("警察官数", "police_attendees"),
        ("主な議題", "topic"),
        ("開催場所等", "venue"),
        ("委員・住民等", "civilian_attendees"),
        ("要望事項及び措置・回答", "request"),
        ("要望事項・措置・回答", "request"),
    ],
)
def test_words_around_a_known_label_are_taken_off(printed: str, name: str) -> None:
    known = loose_key(label_key(printed))
    assert known is not None
    assert (FIELD_OF.get(known) or HEADER_OF.get(known)) == name


@pytest.mark.parametrize(
    "text", ["交通安全等", "状況", "内容", "協議内容", "自転車盗難の発生状況", "主な", "数"]
)
def test_a_value_or_a_known_label_is_no_variant(text: str) -> None:
    assert loose_key(label_key(text)) is None


def _register(path: Path) -> None:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("開催状況")
    heads = ["協議会名", "開催年月日", "時間", "開催場所", "会議の別", "出席委員数", "警察官数",
             "主な協議内容", "要望・意見", "回答・措置状況"]  # fmt: skip
    ws.write_row(2, 0, heads)
    ws.write_row(3, 0, ["駅前交番連絡協議会", "R8.4.20", "14:00～15:30", "駅前会館", "定例",
                        12, 3, "自転車盗難の発生状況", "街灯が暗い", "市に照会中"])  # fmt: skip
    ws.write_row(4, 0, ["本町交番連絡協議会", "R8.5.11", "10:00～11:00", "本町公民館", "臨時",
                        8, 2, "空き巣の多発", None, None])  # fmt: skip
    wb.close()


def test_a_register_read_by_variant_labels_names_each_field_it_guessed(tmp_path: Path) -> None:
    path = tmp_path / "一覧.xlsx"
    _register(path)
    options = Options(Context(Settings(today=date(2026, 11, 25))))
    first, second = check_file(path, options).reports
    assert first.report is not None and second.report is not None
    assert first.report.discussion.value == "自転車盗難の発生状況"
    assert first.report.civilian_attendees.value == 12
    assert first.report.police_attendees.value == 3
    assert [(r.request.value, r.response.value) for r in first.report.requests] == [
        ("街灯が暗い", "市に照会中")
    ]
    guessed = {(f.field, str(f.cell)) for f in first.findings if f.code == "I1.label-variant"}
    assert guessed == {
        ("discussion", "開催状況!H3"),
        ("requests", "開催状況!J3"),
        ("civilian_attendees", "開催状況!F3"),
        ("police_attendees", "開催状況!G3"),
    }
    # the second meeting has no request: nothing was read by 「回答・措置状況」 for it
    assert {f.field for f in second.findings if f.code == "I1.label-variant"} == {
        "discussion",
        "civilian_attendees",
        "police_attendees",
    }
    message = next(f.message for f in first.findings if f.field == "discussion")
    assert "「主な協議内容」（H3）を「協議内容等」の項目名として読み取りました" in message
