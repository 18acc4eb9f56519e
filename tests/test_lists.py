"""Lists in any shape: the text splitters (toolkit.normalize.lists, .composite) and the
label reader's lists, continuation rows and guards on small grids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.normalize import (
    category_prefix,
    heading_category,
    is_bare_marker,
    is_nothing,
    names_of,
    split_exchanges,
    split_items,
    split_reporter,
    strip_marker,
)
from toolkit.parse import build_report
from toolkit.reading.grid import Grid
from toolkit.reading.labelread import find_hits, read_labelled
from toolkit.reading.lists import numbered_label

# --- splitting one cell -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "items", "numbers"),
    [
        ("①巡回連絡\n②防犯診断\n③秋祭り", ["巡回連絡", "防犯診断", "秋祭り"], [1, 2, 3]),
        ("①街灯の増設　②通学路の見守り", ["街灯の増設", "通学路の見守り"], [1, 2]),
        ("1. 巡回連絡\n2. 特殊詐欺", ["巡回連絡", "特殊詐欺"], [1, 2]),
        ("１．巡回連絡\n２．特殊詐欺", ["巡回連絡", "特殊詐欺"], [1, 2]),
        ("(1)巡回 (2)防犯", ["巡回", "防犯"], [1, 2]),
        ("（１）巡回\n（２）防犯", ["巡回", "防犯"], [1, 2]),
        ("1)巡回\n2)防犯", ["巡回", "防犯"], [1, 2]),
        ("⑴ 自転車盗\n⑵ 空き巣", ["自転車盗", "空き巣"], [1, 2]),
        ("ア．巡回\nイ．防犯", ["巡回", "防犯"], [1, 2]),
        ("・巡回連絡\n・防犯診断", ["巡回連絡", "防犯診断"], [None, None]),
        ("●巡回連絡\n●防犯診断", ["巡回連絡", "防犯診断"], [None, None]),
        ("①登校時\n③不在時\n②市役所", ["登校時", "不在時", "市役所"], [1, 3, 2]),
        ("1. 交通安全\n（1）細目\n2. 防犯", ["交通安全\n（1）細目", "防犯"], [1, 2]),
    ],
)
def test_lists_split_at_their_markers(text: str, items: list[str], numbers: list[int]) -> None:
    split = split_items(text)
    assert split.marked
    assert [e.text for e in split.entries] == items
    assert [e.number for e in split.entries] == numbers


@pytest.mark.parametrize(
    "text",
    [
        "1.5倍に増えた自転車盗",
        "10.15の会議で決めたこと",
        "1、2月に集中",
        "令和8年10月15日の合同パトロール",
        "14:00～15:00は交番で相談",
        "以下のとおり\n①巡回\n②防犯",  # text before the first marker
        "重点地区は①駅南口②市場通りの順",
        "防犯・交通安全",
        "1. 巡回\n3. 防犯",  # 1 then 3: not one list (circled numbers may skip)
        "3人が参加した",
        "自転車盗の増加\n（前年比＋８件）",
    ],
)
def test_near_misses_are_not_split(text: str) -> None:
    assert not split_items(text).marked


def test_one_marked_item_loses_its_marker() -> None:
    assert [e.text for e in split_items("1. 巡回連絡").entries] == ["巡回連絡"]
    assert strip_marker("・駐輪場の照明") == "駐輪場の照明"
    assert strip_marker("1.5倍") == "1.5倍"
    assert strip_marker(12) == 12


@pytest.mark.parametrize(
    ("text", "category", "rest"),
    [
        ("【交番等の活動状況】巡回連絡", "交番等の活動状況", "巡回連絡"),
        ("［その他］防犯カメラ", "その他", "防犯カメラ"),
        ("【防犯】巡回", "防犯", "巡回"),  # in 【】 always a 区分, known or not
        ("（身近な事件・事故）自転車盗", "身近な事件・事故", "自転車盗"),
        ("交番等の活動状況：巡回連絡", "交番等の活動状況", "巡回連絡"),
        ("区分：その他　協議事項：防犯カメラ", "その他", "防犯カメラ"),
        ("(仮称)駅前広場", None, "(仮称)駅前広場"),
        ("注意：滑りやすい", None, "注意：滑りやすい"),
    ],
)
def test_category_prefix(text: str, category: str | None, rest: str) -> None:
    assert category_prefix(text) == (category, rest)


def test_heading_lines() -> None:
    assert heading_category("【交番等の活動状況】") == "交番等の活動状況"
    assert heading_category("地域の祭礼等の催事・行事") == "地域の祭礼等の催事・行事"
    assert heading_category("巡回連絡") is None
    assert heading_category("1. 交番等の活動状況") is None


def test_exchanges() -> None:
    text = "要望：通学路の見守り\n回答：登下校時に立番\n要望：街灯の増設"
    assert split_exchanges(text) == [("通学路の見守り", "登下校時に立番"), ("街灯の増設", None)]
    assert split_exchanges("【要望】街灯\n続き\n【回答】検討中") == [("街灯\n続き", "検討中")]
    assert split_exchanges("Q. 街灯は\nA. 増設します") == [("街灯は", "増設します")]
    assert split_exchanges("街灯の増設") is None
    assert split_exchanges("回答済みの件") is None
    assert split_exchanges("前置き\n要望：街灯") is None


def test_nothing_and_bare_markers() -> None:
    assert all(is_nothing(t) for t in ("なし", "特になし。", "該当なし", "－"))
    assert not is_nothing("街灯の増設")
    assert all(is_bare_marker(v) for v in (1, 3.0, "1.", "(2)", "①", "No.3"))
    assert not any(is_bare_marker(v) for v in ("1人", "3月", 0, 1.5, "街灯"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("巡査部長　荒木大輔（警電　７１０５）", ("巡査部長 荒木大輔", "7105")),
        ("巡査部長 荒木大輔 警電:0215", ("巡査部長 荒木大輔", "0215")),
        ("荒木（内線 7105）", ("荒木", "7105")),
        ("巡査部長 荒木大輔", None),
        ("警電7105", None),  # nothing before the phone
    ],
)
def test_reporter_with_phone(text: str, found: tuple[str, str] | None) -> None:
    assert split_reporter(text) == found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("山田自治会長、佐藤民生委員、鈴木防犯協会長", 3),
        ("巡査部長 荒木", 1),
        ("山田太郎\n佐藤花子", 2),
        ("多い", None),
        ("山田会長ほか10名", None),
        ("委員全員", None),
        ("約10人", None),
    ],
)
def test_names_instead_of_a_count(text: str, names: int | None) -> None:
    found = names_of(text)
    assert (len(found) if found is not None else None) == names


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=80))
def test_splitters_never_raise(text: str) -> None:
    split = split_items(text)
    assert all(isinstance(e.text, str) for e in split.entries)
    category_prefix(text)
    split_exchanges(text)
    split_reporter(text)
    names_of(text)


_ITEM = st.text(alphabet="巡回連絡防犯診断交通安全の街灯自転車盗", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_ITEM, min_size=2, max_size=8), st.sampled_from(["{n}. ", "({n})", "{c}"]))
def test_a_numbered_list_splits_back_into_its_items(items: list[str], style: str) -> None:
    circled = "①②③④⑤⑥⑦⑧"
    text = "\n".join(style.format(n=i + 1, c=circled[i]) + item for i, item in enumerate(items))
    split = split_items(text)
    assert [e.text for e in split.entries] == items
    assert [e.number for e in split.entries] == list(range(1, len(items) + 1))


# --- numbered row labels ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("協議事項1", ("topic", 1, None)),
        ("協議事項１", ("topic", 1, None)),
        ("要望事項①", ("request", 1, None)),
        ("措置・回答（2）", ("response", 2, None)),
        ("要望1：街灯の増設", ("request", 1, "街灯の増設")),
        ("回答 3", ("response", 3, None)),
        ("協議事項", None),
        ("要望事項等", None),
        ("協議内容等", None),
    ],
)
def test_numbered_labels(text: str, found: tuple[str, int, str | None] | None) -> None:
    assert numbered_label(text) == found


# --- the label reader on small grids ----------------------------------------------------

HEAD = [
    ["所属", "中央警察署", "", ""],
    ["協議会名", "駅前交番連絡協議会", "", ""],
    ["開催日時", "令和8年10月15日", "", ""],
    ["会議種別", "定期", "", ""],
]


def _report(rows: list[list[object]], merges: list[tuple[int, int, int, int]] | None = None):  # type: ignore[no-untyped-def]
    grid = Grid("S", [*HEAD, *rows], merges or [])
    raw = read_labelled(grid, find_hits(grid))
    return build_report(raw)


def test_continued_text_stops_at_a_blank_row_and_says_so() -> None:
    report = _report(
        [
            ["協議内容等", "一行目。", "", ""],
            ["", "二行目。", "", ""],
            ["", "", "", ""],
            ["", "別の記入", "", ""],
        ]
    )
    assert report.discussion.value == "一行目。\n二行目。"
    (note,) = report.notes
    assert (note.code, str(note.cell), dict(note.params)["last"]) == (
        "I1.joined-rows",
        "S!B5",
        "B6",
    )


def test_continued_text_stops_at_the_next_label() -> None:
    report = _report(
        [
            ["協議内容等", "一行目。", "", ""],
            ["参考事項", "写真あり", "", ""],
            ["", "二枚目", "", ""],
        ]
    )
    assert report.discussion.value == "一行目。"
    assert report.reference.value == "写真あり\n二枚目"
    assert [n.field for n in report.notes] == ["reference"]


def test_text_in_the_label_column_is_not_a_continuation() -> None:
    report = _report([["協議内容等", "一行目。", "", ""], ["メモ", "二行目。", "", ""]])
    assert report.discussion.value == "一行目。"
    assert report.notes == ()


def test_times_on_the_row_below_a_one_row_date_label() -> None:
    rows = [
        ["所属", "中央警察署"],
        ["開催日時", "令和8年10月15日（木）"],
        ["", "14時00分～15時30分"],
        ["会議種別", "定期"],
        ["協議内容等", "確認した。"],
    ]
    grid = Grid("S", rows)
    report = build_report(read_labelled(grid, find_hits(grid)))
    assert (str(report.start_time.value), str(report.end_time.value)) == ("14:00:00", "15:30:00")
    assert str(report.start_time.cell) == "S!B3"


def test_requests_not_read_as_a_table_are_never_silent() -> None:
    report = _report(
        [
            ["要望事項", "措置・回答", "", ""],
            ["街灯の増設", "検討中", "参考事項", "地図"],
        ]
    )
    assert report.requests == ()
    (note,) = report.notes
    assert (note.code, str(note.cell)) == ("I1.unread-requests", "S!A6")
    assert dict(note.params)["found"] == "街灯の増設"


def test_printed_row_numbers_are_not_requests() -> None:
    report = _report(
        [
            ["要望事項", "", "措置・回答", ""],
            [1, "街灯の増設", "検討中", ""],
            [2, "", "", ""],
            [3, "", "", ""],
        ]
    )
    assert [(r.request.value, r.response.value) for r in report.requests] == [
        ("街灯の増設", "検討中")
    ]


def test_nothing_to_report_is_no_request() -> None:
    report = _report([["要望事項", "特になし", "", ""]])
    assert report.requests == ()
    assert report.notes == ()


def test_a_count_left_blank_in_its_place_is_not_derived() -> None:
    report = _report(
        [
            ["出席者数（警察官）", "", "", ""],
            ["出席警察官名", "巡査部長 山田、巡査 鈴木", "", ""],
        ]
    )
    assert report.police_attendees.value is None
    assert report.notes == ()


def test_a_phone_already_written_is_not_replaced() -> None:
    report = _report([["報告者", "巡査部長 荒木（警電 7105）", "", ""], ["警電", "0321", "", ""]])
    assert (report.reporter.value, report.phone.value) == ("巡査部長 荒木(警電 7105)", "0321")
    assert report.notes == ()


_WORDS = [
    "所属",
    "開催日時",
    "出席者数",
    "警察官",
    "人",
    "協議事項",
    "協議事項1",
    "区分",
    "内容",
    "備考",
    "要望事項",
    "要望事項：①街灯②照明",
    "措置・回答",
    "措置・回答1",
    "協議内容等",
    "出席警察官名",
    "No.",
    "①巡回\n②防犯",
    "【その他】防犯",
    "要望：街灯",
    "回答：検討中",
    "令和",
    "年",
    "1.",
    "なし",
    "巡査部長 荒木（警電 7105）",
    "山田会長、佐藤委員",
    3,
    0.0,
    8.0,
    "",
    None,
]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6), min_size=1, max_size=12),
    st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 5), st.integers(0, 2), st.integers(0, 2))
    ),
)
def test_any_grid_reads_without_error_and_notes_name_its_cells(
    rows: list[list[object]], spans: list[tuple[int, int, int, int]]
) -> None:
    merges = [(r, c, r + dr, c + dc) for r, c, dr, dc in spans if dr or dc]
    grid = Grid("S", rows, merges)
    report = build_report(read_labelled(grid, find_hits(grid)))
    for note in report.notes:
        assert note.cell is not None and note.cell.sheet == "S"
        assert note.cell.row < max(len(rows), 1) + 3
    report.to_json()


def test_a_word_right_of_a_table_header_row_does_not_make_it_a_list() -> None:
    report = _report(
        [
            ["要望事項", "措置・回答", "", "担当"],
            ["街灯の増設", "検討中", "", "山田"],
        ]
    )
    assert [(r.request.value, r.response.value) for r in report.requests] == [
        ("街灯の増設", "検討中")
    ]
    assert report.notes == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("報告者（職・氏名）", ("field", "reporter")),
        ("電話（警電）", ("field", "phone")),
        ("備考（資料等）", ("header", "remarks")),
        ("出席人員", ("field", "attendance")),
        ("摘要", ("header", "remarks")),
        ("対応状況", ("header", "response")),
        # a note naming a 区分 says which row it is; a note with a number is a value
        ("協議事項（その他）", None),
        ("警察官（3名）", None),
    ],
)
def test_a_label_with_a_note_in_brackets_is_the_label(
    text: str, found: tuple[str, str] | None
) -> None:
    grid = Grid("S", [[text, ""]], [])
    hits = find_hits(grid)
    got = hits.get((0, 0))
    assert (None if got is None else (got.kind, got.name)) == found
