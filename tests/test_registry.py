"""The registry: the fictional prefecture, the workbook round trip, and every problem a
malformed workbook can show HQ (exact Japanese text naming sheet, row and column)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from toolkit.registry import (
    COUNCIL_HEADERS,
    MEMBER_HEADERS,
    PERIOD_HEADERS,
    PLAN_HEADERS,
    Council,
    Member,
    Registry,
    RegistryError,
    RestrictedPeriod,
    registry_from_rows,
)
from toolkit.samples import fictional_registry
from toolkit.samples.fictional import PLANTED_MANAGERS
from toolkit.writing.registry_io import RegistryUnreadable, read_registry, write_registry

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "registry.xlsx"
ROSTER_DAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return fictional_registry(0)


# --- the fictional prefecture ---------------------------------------------------------------


def test_fictional_registry_has_the_promised_shape(registry: Registry) -> None:
    kinds = Counter(c.kind for c in registry.councils)
    types = Counter(c.facility_type for c in registry.councils)
    assert len(registry.stations()) >= 8
    assert len(registry.councils) >= 60
    assert kinds["単位"] >= 3
    assert kinds["職種等"] >= 3
    assert kinds["所管区"] > kinds["単位"] + kinds["職種等"]
    assert types["交番"] > 0 and types["駐在所"] > 0
    assert types["警察署所在地"] > 0 and types["幹部派出所"] > 0
    assert all(re.fullmatch(r"C\d{3}", c.council_id) for c in registry.councils)
    assert len({c.name for c in registry.councils}) == len(registry.councils)


def test_every_station_is_a_fictional_police_station(registry: Registry) -> None:
    assert all(s.endswith("警察署") for s in registry.stations())
    for c in registry.councils:
        assert c.station in registry.stations()
        assert c.name.endswith("協議会")


def test_purpose_councils_cover_the_three_kinds_of_article_5(registry: Registry) -> None:
    names = " ".join(c.name for c in registry.councils if c.kind == "職種等")
    assert "団地" in names
    assert "繁華街" in names
    assert "外国人" in names


def test_each_council_has_about_ten_members(registry: Registry) -> None:
    per_council = Counter(m.council_id for m in registry.members)
    assert set(per_council) == {c.council_id for c in registry.councils}
    assert all(7 <= n <= 13 for n in per_council.values())
    assert 9 <= sum(per_council.values()) / len(per_council) <= 11
    assert len(set(per_council.values())) >= 4


def test_about_half_the_members_are_community_leaders(registry: Registry) -> None:
    for council in registry.councils:
        members = registry.members_of(council.council_id)
        leaders = sum(m.group in ("a", "b", "c") for m in members)
        assert 0.25 <= leaders / len(members) <= 0.75, council.name
    assert {m.group for m in registry.members} == {"a", "b", "c", "その他"}


def test_members_vary_in_gender_age_and_occupation(registry: Registry) -> None:
    assert {m.gender for m in registry.members} == {"男性", "女性"}
    assert {m.age_band for m in registry.members} >= {"20代", "40代", "60代", "80代"}
    assert len({m.occupation for m in registry.members}) >= 40


def test_terms_are_two_years_and_some_need_attention(registry: Registry) -> None:
    members = registry.members
    assert all(m.appointed and m.term_end for m in members)
    assert all(m.term_end > m.appointed for m in members if m.appointed and m.term_end)
    assert all(
        m.first_appointed <= m.appointed for m in members if m.first_appointed and m.appointed
    )
    expired = [m for m in members if m.term_end and m.term_end < ROSTER_DAY]
    soon = [m for m in members if m.term_end and 0 <= (m.term_end - ROSTER_DAY).days <= 92]
    long_serving = [m for m in members if m.first_appointed and m.first_appointed.year <= 2016]
    assert expired and soon and long_serving
    assert len(expired) < len(members) / 2


def test_managers_fit_the_facility_but_the_planted_ones(registry: Registry) -> None:
    roles = {
        "交番": ("交番所長", "交番班長"),
        "警察署所在地": ("班長",),
        "幹部派出所": ("班長",),
        "駐在所": ("駐在所員",),
    }
    misfits = set()
    for c in registry.councils:
        role, rank, name = c.manager.split(" ")
        if role not in roles[c.facility_type]:
            misfits.add((c.council_id, role))
        assert rank in ("警部補", "巡査部長", "巡査長")
        assert len(name) >= 2
    assert misfits == set(PLANTED_MANAGERS.items()) == {("C026", "地域課係長"), ("C067", "所長")}


def test_periods_are_fictional_elections(registry: Registry) -> None:
    assert 2 <= len(registry.periods) <= 3
    assert all(p.start <= p.end for p in registry.periods)
    assert [p.name for p in registry.periods_on(date(2026, 9, 20))] == ["県知事選挙"]
    assert registry.periods_on(date(2026, 10, 15)) == []


def test_fictional_registry_is_deterministic() -> None:
    assert fictional_registry(0) == fictional_registry(0)
    assert fictional_registry(1) != fictional_registry(0)
    assert [c.name for c in fictional_registry(1).councils] == [
        c.name for c in fictional_registry(0).councils
    ]


# --- lookups ----------------------------------------------------------------------------------


def test_lookups(registry: Registry) -> None:
    council = registry.by_id("C002")
    assert council is not None
    assert registry.by_id("Ｃ００２") == council
    assert registry.by_name(council.name) == council
    assert registry.by_name("　駅前交番　連絡協議会 ") == registry.by_name("駅前交番連絡協議会")
    assert registry.by_name("駅前交番連絡協議会", station="港北警察署") is None
    assert registry.by_name("存在しない連絡協議会") is None
    assert registry.by_id("C999") is None
    assert registry.stations()[:3] == ["中央警察署", "港北警察署", "西原警察署"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("駅前交番連絡協義会", "駅前交番連絡協議会"),
        ("栄町交番連格協議会", "栄町交番連絡協議会"),
        ("小倉沢駐在所連絡協議", "小倉沢駐在所連絡協議会"),
        ("北町・南町地区連絡協議会議", "北町・南町地区連絡協議会"),
    ],
)
def test_closest_suggests_the_council_for_a_one_character_typo(
    registry: Registry, typed: str, meant: str
) -> None:
    assert registry.by_name(typed) is None
    suggestions = registry.closest(typed)
    assert len(suggestions) == 3
    assert suggestions[0][0].name == meant
    assert suggestions[0][1] > suggestions[1][1]
    assert all(0 <= score <= 100 for _, score in suggestions)


# --- the workbook -----------------------------------------------------------------------------


def test_write_then_read_gives_the_same_registry(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "名簿.xlsx"
    write_registry(registry, path)
    back = read_registry(path)
    assert back == registry
    assert back.source == str(path)
    assert [p.name for p in tmp_path.iterdir()] == ["名簿.xlsx"]  # no temporary file left


def test_write_is_byte_identical_when_the_creation_time_is_pinned(
    registry: Registry, tmp_path: Path
) -> None:
    pinned = datetime(2026, 4, 1)
    write_registry(registry, tmp_path / "a.xlsx", created=pinned)
    write_registry(registry, tmp_path / "b.xlsx", created=pinned)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_committed_sample_registry_is_the_fictional_one(registry: Registry) -> None:
    from dataclasses import replace

    committed = read_registry(SAMPLE)
    assert replace(committed, plans=()) == registry
    assert {p.council_id for p in committed.plans} == {c.council_id for c in registry.councils}


def test_written_workbook_is_laid_out_for_editing(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "registry.xlsx"
    write_registry(registry, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["協議会", "委員", "期間設定", "年間計画"]
    expected_headers = {
        "協議会": COUNCIL_HEADERS,
        "委員": MEMBER_HEADERS,
        "期間設定": PERIOD_HEADERS,
        "年間計画": PLAN_HEADERS,
    }
    for sheet in book.worksheets:
        headers = tuple(c.value for c in sheet[1])
        assert headers == expected_headers[sheet.title]
        assert all(c.font.b for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9
        assert sheet.print_title_rows == "$1:$1"
    members = book["委員"]
    assert members["G2"].number_format == "yyyy/mm/dd"
    assert isinstance(members["G2"].value, datetime)
    lists = {
        (sheet.title, str(dv.sqref).split(":")[0]): dv.formula1
        for sheet in book.worksheets
        for dv in sheet.data_validations.dataValidation
        if dv.type == "list"
    }
    assert lists[("協議会", "C2")] == '"交番,駐在所,警察署所在地,幹部派出所"'
    assert lists[("協議会", "F2")] == '"所管区,単位,職種等"'
    assert lists[("委員", "F2")] == '"a,b,c,その他"'
    assert lists[("委員", "C2")] == '"男性,女性"'
    assert lists[("年間計画", "D2")] == '"定期,臨時"'
    widths = book["協議会"].column_dimensions
    assert (widths["E"].width or 0) > (widths["A"].width or 0)


# --- malformed workbooks -----------------------------------------------------------------------

COUNCIL_ROW = ["C001", "中央警察署", "交番", "駅前交番", "駅前交番連絡協議会", "所管区", "", ""]
MEMBER_ROW = ["C001", "山田太郎", "男性", "60代", "自治会長", "a", date(2025, 4, 1), None, None]


def _book(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "registry.xlsx"
    book.save(path)
    return path


def _problems(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        read_registry(_book(tmp_path, sheets))
    return caught.value.problems


def _good() -> dict[str, list[list[object]]]:
    return {
        "協議会": [list(COUNCIL_HEADERS), list(COUNCIL_ROW)],
        "委員": [list(MEMBER_HEADERS), list(MEMBER_ROW)],
        "期間設定": [list(PERIOD_HEADERS), ["県知事選挙", "2026/9/6", "令和8年9月27日"]],
    }


def test_a_minimal_workbook_reads(tmp_path: Path) -> None:
    reg = read_registry(_book(tmp_path, _good()))
    assert reg.councils == (
        Council("C001", "中央警察署", "交番", "駅前交番", "駅前交番連絡協議会", "所管区"),
    )
    assert reg.members == (
        Member("C001", "山田太郎", "男性", "60代", "自治会長", "a", date(2025, 4, 1)),
    )
    assert reg.periods == (RestrictedPeriod("県知事選挙", date(2026, 9, 6), date(2026, 9, 27)),)


def test_missing_council_sheet(tmp_path: Path) -> None:
    sheets = _good()
    del sheets["協議会"]
    sheets["委員"] = [list(MEMBER_HEADERS)]
    assert _problems(tmp_path, sheets) == [
        "「協議会」シートがありません。「協議会」シートを作り、1行目に見出し"
        "（協議会ID・警察署・施設種別・施設名・協議会名・協議会種別・運営責任者・備考）"
        "を入れて協議会を登録してください。"
    ]


def test_member_and_period_sheets_are_optional(tmp_path: Path) -> None:
    reg = read_registry(_book(tmp_path, {"協議会": _good()["協議会"]}))
    assert reg.members == () and reg.periods == ()


def test_missing_column(tmp_path: Path) -> None:
    sheets = _good()
    sheets["協議会"] = [[h for h in COUNCIL_HEADERS if h != "協議会種別"], COUNCIL_ROW[:5]]
    assert _problems(tmp_path, sheets) == [
        "「協議会」シート 1行目: 見出し「協議会種別」の列がありません。"
        "見出し行に「協議会種別」の列を追加してください。"
    ]


def test_missing_column_of_the_member_sheet(tmp_path: Path) -> None:
    sheets = _good()
    sheets["委員"] = [list(MEMBER_HEADERS[:-1]), MEMBER_ROW[:-1]]
    assert _problems(tmp_path, sheets) == [
        "「委員」シート 1行目: 見出し「初委嘱日」の列がありません。"
        "見出し行に「初委嘱日」の列を追加してください。"
    ]


def test_duplicate_council_id(tmp_path: Path) -> None:
    sheets = _good()
    other = ["C001", "中央警察署", "交番", "本町交番", "本町交番連絡協議会", "所管区", "", ""]
    sheets["協議会"].append(other)
    assert _problems(tmp_path, sheets) == [
        "「協議会」シート 3行目「協議会ID」: 「C001」は2行目と重複しています。"
        "協議会IDは協議会ごとに別の値にしてください。"
    ]


def test_unknown_facility_type(tmp_path: Path) -> None:
    sheets = _good()
    sheets["協議会"][1][2] = "派出所"
    assert _problems(tmp_path, sheets) == [
        "「協議会」シート 2行目「施設種別」: 「派出所」は使えません。"
        "「交番」「駐在所」「警察署所在地」「幹部派出所」のいずれかを記入してください。"
    ]


def test_unknown_council_kind(tmp_path: Path) -> None:
    sheets = _good()
    sheets["協議会"][1][5] = "地区"
    assert _problems(tmp_path, sheets) == [
        "「協議会」シート 2行目「協議会種別」: 「地区」は使えません。"
        "「所管区」「単位」「職種等」のいずれかを記入してください。"
    ]


def test_empty_required_cells(tmp_path: Path) -> None:
    sheets = _good()
    sheets["協議会"][1][3] = None
    sheets["協議会"][1][4] = "  "
    assert _problems(tmp_path, sheets) == [
        "「協議会」シート 2行目「施設名」: 空欄です。施設名を記入してください。",
        "「協議会」シート 2行目「協議会名」: 空欄です。協議会名を記入してください。",
    ]


def test_a_date_that_is_not_a_date(tmp_path: Path) -> None:
    sheets = _good()
    sheets["委員"][1][6] = "令和8年13月1日"
    sheets["委員"][1][7] = "来年3月"
    assert _problems(tmp_path, sheets) == [
        "「委員」シート 2行目「委嘱日」: 「令和8年13月1日」は日付として読めません。"
        "「2026/4/1」や「令和8年4月1日」のように年月日を記入してください。",
        "「委員」シート 2行目「任期満了日」: 「来年3月」は日付として読めません。"
        "「2026/4/1」や「令和8年4月1日」のように年月日を記入してください。",
    ]


def test_member_of_an_unknown_council(tmp_path: Path) -> None:
    sheets = _good()
    sheets["委員"].append(
        ["C009", "鈴木花子", "女性", "40代", "会社員", "その他", None, None, None]
    )
    assert _problems(tmp_path, sheets) == [
        "「委員」シート 3行目「協議会ID」: 「C009」は「協議会」シートに登録されていません。"
        "「協議会」シートにある協議会IDを記入してください。"
    ]


def test_unknown_member_group(tmp_path: Path) -> None:
    sheets = _good()
    sheets["委員"][1][5] = "d"
    assert _problems(tmp_path, sheets) == [
        "「委員」シート 2行目「区分」: 「d」は使えません。"
        "「a」（自治会・町内会等の役員）「b」（防犯協会・交通安全協会・ボランティア団体等）"
        "「c」（自治体・公的機関の職員）「その他」のいずれかを記入してください。"
    ]


def test_period_that_ends_before_it_starts(tmp_path: Path) -> None:
    sheets = _good()
    sheets["期間設定"].append(["市長選挙", date(2026, 11, 15), date(2026, 11, 8)])
    assert _problems(tmp_path, sheets) == [
        "「期間設定」シート 3行目「終了日」: 終了日 2026/11/08 が開始日 2026/11/15 より前です。"
        "開始日と終了日を確認してください。"
    ]


def test_term_that_ends_before_appointment(tmp_path: Path) -> None:
    sheets = _good()
    sheets["委員"][1][7] = date(2025, 3, 31)
    assert _problems(tmp_path, sheets) == [
        "「委員」シート 2行目「任期満了日」: 任期満了日 2025/03/31 が委嘱日 2025/04/01 より前です。"
        "委嘱日と任期満了日を確認してください。"
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    sheets = _good()
    sheets["協議会"].append(
        ["C001", "中央警察署", "派出所", "本町交番", "本町交番連絡協議会", "地区"]
    )
    sheets["委員"].append(["C404", "鈴木花子", "女性", "40代", "会社員", "ｄ", "昨年", None, None])
    sheets["期間設定"].append(["市長選挙", None, date(2026, 11, 8)])
    problems = _problems(tmp_path, sheets)
    assert [p.split(":")[0] for p in problems] == [
        "「協議会」シート 3行目「施設種別」",
        "「協議会」シート 3行目「協議会種別」",
        "「協議会」シート 3行目「協議会ID」",
        "「委員」シート 3行目「協議会ID」",
        "「委員」シート 3行目「区分」",
        "「委員」シート 3行目「委嘱日」",
        "「期間設定」シート 3行目「開始日」",
    ]
    with pytest.raises(RegistryError) as caught:
        read_registry(tmp_path / "registry.xlsx")
    assert str(caught.value).startswith(
        f"協議会名簿「{tmp_path / 'registry.xlsx'}」を使用できません（7件）:\n"
    )


def test_values_as_hq_types_them(tmp_path: Path) -> None:
    """Headers with spaces and full width, extra columns, empty rows, full-width IDs and
    groups, Excel serials and 和暦 text all read."""
    sheets = {
        " 協議会 ": [
            [],
            [
                "協議会ＩＤ",
                "警 察 署",
                "施設種別",
                "施設名",
                "協議会名",
                "協議会種別",
                "運営責任者",
                "メモ",
            ],
            [
                "Ｃ００１",
                "中央警察署",
                " 交番 ",
                "駅前交番",
                "駅前交番連絡協議会",
                "所管区連絡協議会",
                None,
                "x",
            ],
            [None, None, None, None],
            [
                "C002",
                "中央警察署",
                "駐在所",
                "岬駐在所",
                "岬駐在所連絡協議会",
                "所管区",
                None,
                None,
            ],
        ],
        "委員": [
            list(MEMBER_HEADERS),
            [
                "C001",
                "山田太郎",
                "男性",
                "６０代",
                "自治会長",
                "Ａ",
                45748,
                "令和9年3月31日",
                "H22.4.1",
            ],
            ["c002", "鈴木花子", "女性", "40代", "会社員", "そ の 他", "2025/4/1", None, None],
        ],
    }
    reg = read_registry(_book(tmp_path, sheets))
    assert [c.council_id for c in reg.councils] == ["C001", "C002"]
    assert reg.councils[0].kind == "所管区"
    assert reg.councils[0].facility_type == "交番"
    assert reg.councils[0].note == ""
    first, second = reg.members
    assert (first.group, first.age_band) == ("a", "60代")
    assert (first.appointed, first.term_end, first.first_appointed) == (
        date(2025, 4, 1),
        date(2027, 3, 31),
        date(2010, 4, 1),
    )
    assert second.group == "その他"
    assert second.council_id == "C002"


def test_registry_from_rows_without_excel() -> None:
    reg = registry_from_rows({"協議会": [list(COUNCIL_HEADERS), COUNCIL_ROW]}, "memory")
    assert reg.source == "memory"
    assert reg.by_id("C001") is not None


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "名簿.xlsx"
    path.write_text("これはExcelではありません", encoding="utf-8")
    with pytest.raises(RegistryUnreadable) as caught:
        read_registry(path)
    assert caught.value.exit_code == 3
    assert str(caught.value) == (
        f"協議会名簿「{path}」を読めません（テキストファイルです）。"
        "Excelで開けるか確認し、.xlsx 形式で保存し直してから指定してください。"
    )


def test_a_file_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "ない.xlsx"
    with pytest.raises(RegistryError) as caught:
        read_registry(path)
    assert caught.value.problems == [
        f"協議会名簿「{path}」が見つかりません。ファイルの場所と名前を確認してください。"
    ]


def test_row_numbers_are_excel_rows_when_the_headers_start_lower(tmp_path: Path) -> None:
    rows: list[list[object]] = [[], [], list(COUNCIL_HEADERS), [], list(COUNCIL_ROW)]
    rows[4][2] = "派出所"
    problems = _problems(tmp_path, {"協議会": rows})
    assert [p.split(":")[0] for p in problems] == ["「協議会」シート 5行目「施設種別」"]


# --- 期間設定 scopes and the 年間計画 sheet --------------------------------------------------------


def test_a_period_may_name_a_station_or_a_council(tmp_path: Path) -> None:
    sheets = _good()
    sheets["期間設定"] = [
        list(PERIOD_HEADERS),
        ["町長選挙", "2026/10/10", "2026/10/20", "中央署", None],
        ["地区祭礼", "2026/11/1", "2026/11/3", None, "ｃ００１"],
    ]
    reg = read_registry(_book(tmp_path, sheets))
    assert reg.periods == (
        RestrictedPeriod("町長選挙", date(2026, 10, 10), date(2026, 10, 20), "中央署", ""),
        RestrictedPeriod("地区祭礼", date(2026, 11, 1), date(2026, 11, 3), "", "C001"),
    )
    assert [p.name for p in reg.periods_on(date(2026, 10, 15), "C001", "中央警察署")] == [
        "町長選挙"
    ]
    assert reg.periods_on(date(2026, 10, 15), "C009", "北警察署") == []
    assert [p.name for p in reg.periods_on(date(2026, 11, 2), "C001", None)] == ["地区祭礼"]


def test_a_period_of_an_unknown_station_or_council_is_a_problem(tmp_path: Path) -> None:
    sheets = _good()
    sheets["期間設定"] = [
        list(PERIOD_HEADERS),
        ["町長選挙", "2026/10/10", "2026/10/20", "北警察署", "C999"],
    ]
    assert _problems(tmp_path, sheets) == [
        "「期間設定」シート 2行目「警察署」: 「北警察署」は「協議会」シートにない警察署です。"
        "警察署名を確認してください（県内全域なら空欄にします）。",
        "「期間設定」シート 2行目「協議会ID」: 「C999」は「協議会」シートに登録されていません。"
        "協議会IDを確認してください（県内全域なら空欄にします）。",
    ]


def test_the_yearly_plan_reads_every_way_of_writing_a_year_and_a_month(tmp_path: Path) -> None:
    sheets = _good()
    sheets["年間計画"] = [
        ["年度", "協議会ID", "予定月", "会議種別", "予定議題"],
        ["FY2026", "C001", "2026-10", "定期", "年末特別警戒"],
        ["令和8年度", "c001", "令和9年2月", None, None],
        [2026, "C001", "6月", "臨時", None],
        ["2026年度", "C001", datetime(2026, 8, 17), "定例", None],
        [2026, "C001", 1, "定期会議", None],
    ]
    plans = read_registry(_book(tmp_path, sheets)).plans
    assert [(p.fiscal_year, p.council_id, p.month, p.kind, p.topic, p.row) for p in plans] == [
        (2026, "C001", date(2026, 10, 1), "regular", "年末特別警戒", 2),
        (2026, "C001", date(2027, 2, 1), "regular", "", 3),
        (2026, "C001", date(2026, 6, 1), "extraordinary", "", 4),
        (2026, "C001", date(2026, 8, 1), "regular", "", 5),
        (2026, "C001", date(2027, 1, 1), "regular", "", 6),
    ]


def test_plan_rows_that_cannot_be_read_name_their_row_and_column(tmp_path: Path) -> None:
    sheets = _good()
    sheets["年間計画"] = [
        ["年度", "協議会ID", "予定月", "会議種別"],
        ["来年度", "C001", "10月", "定期"],
        ["FY2026", "C999", "10月", "定期"],
        ["FY2026", "C001", "2027-10", "定期"],
        ["FY2026", "C001", "10月", "総会"],
        ["FY2026", None, None, None],
    ]
    assert _problems(tmp_path, sheets) == [
        "「年間計画」シート 2行目「年度」: 「来年度」は年度として読めません。"
        "「FY2026」「2026」「令和8年度」のように記入してください。",
        "「年間計画」シート 3行目「協議会ID」: 「C999」は「協議会」シートに登録されていません。"
        "「協議会」シートにある協議会IDを記入してください。",
        "「年間計画」シート 4行目「予定月」: 「2027-10」は2026年度（2026年4月～2027年3月）の"
        "月として読めません。「2026-10」「10月」のように記入してください。",
        "「年間計画」シート 5行目「会議種別」: 「総会」は使えません。"
        "「定期」「臨時」のいずれかを記入してください（空欄は定期）。",
        "「年間計画」シート 6行目「協議会ID」: 空欄です。協議会IDを記入してください。",
        "「年間計画」シート 6行目「予定月」: 空欄です。予定月を記入してください。",
    ]


def test_the_plan_survives_writing_and_reading(tmp_path: Path) -> None:
    sheets = _good()
    sheets["年間計画"] = [
        ["年度", "協議会ID", "予定月", "会議種別", "予定議題"],
        ["FY2026", "C001", "2026-10", "臨時", "声掛け事案"],
    ]
    reg = read_registry(_book(tmp_path, sheets))
    write_registry(reg, tmp_path / "again.xlsx")
    assert read_registry(tmp_path / "again.xlsx").plans == reg.plans
