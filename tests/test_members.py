"""Member rules M1–M6 (Art. 3, 2(4)イ): each fires on what it is about and stays quiet on a
healthy council; the 職種等 exception of Art. 5(2); the 運営責任者 of each facility type;
the thresholds as settings; where each finding points in the registry workbook."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.findings import CATALOGUE
from toolkit.registry import Council, Member, Registry
from toolkit.rules.members import (
    check_council,
    check_members,
    full_years,
    months_later,
    role_of,
    terms_served,
)
from toolkit.settings import Settings, SettingsError, load_settings
from toolkit.writing.registry_io import read_registry

TODAY = date(2026, 6, 1)
START, END = date(2025, 4, 1), date(2027, 3, 31)
# A healthy council: 10 members, half of them community leaders, men and women, four age
# bands, ten occupations, two-year terms ending in ten months.
HEALTHY = (
    ("a", "男性", "70代", "自治会長"),
    ("b", "女性", "60代", "民生委員"),
    ("c", "男性", "50代", "小学校長"),
    ("a", "女性", "60代", "町内会役員"),
    ("b", "男性", "40代", "防犯協会支部長"),
    ("その他", "女性", "40代", "商店主"),
    ("その他", "男性", "50代", "会社員"),
    ("その他", "男性", "70代", "農業"),
    ("その他", "女性", "60代", "保育士"),
    ("その他", "男性", "50代", "医師"),
)


def council(
    kind: str = "所管区",
    facility_type: str = "交番",
    manager: str = "交番所長 警部補 山田太郎",
    council_id: str = "C01",
) -> Council:
    return Council(
        council_id, "中央警察署", facility_type, "駅前交番", "駅前交番連絡協議会", kind, manager
    )


def members(rows: Any = HEALTHY, council_id: str = "C01", **dates: Any) -> list[Member]:
    out = []
    for i, (group, gender, age, occupation) in enumerate(rows):
        out.append(
            Member(
                council_id,
                f"委員{i + 1:02d}",
                gender,
                age,
                occupation,
                group,
                dates.get("appointed", START),
                dates.get("term_end", END),
                dates.get("first_appointed", START),
            )
        )
    return out


def found(
    people: list[Member], c: Council | None = None, settings: Settings | None = None
) -> list[tuple[str, str | None]]:
    """(code, member name or None) of every finding for the council."""
    settings = settings or Settings(today=TODAY)
    return [
        (f.finding.code, f.member.name if f.member else None)
        for f in check_council(c or council(), people, settings)
    ]


def replace_member(people: list[Member], index: int, **changes: Any) -> list[Member]:
    people = list(people)
    people[index] = dataclasses.replace(people[index], **changes)
    return people


def test_a_healthy_council_has_no_findings() -> None:
    assert found(members()) == []


# --- M1 size ------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "fires"), [(6, True), (7, False), (13, False), (14, True)])
def test_m1_flags_a_council_outside_ten_give_or_take_three(size: int, fires: bool) -> None:
    rows = (HEALTHY * 2)[:size]
    codes = [code for code, _ in found(members(rows)) if code.startswith("M1")]
    assert codes == (["M1.size"] if fires else [])


def test_m1_message_says_the_count_and_the_band() -> None:
    (finding,) = [f for f in check_council(council(), members(HEALTHY[:5]), Settings(today=TODAY))]
    assert finding.finding.code == "M1.size"
    assert "委員は5人です" in finding.finding.message
    assert "7～13人の範囲を外れている" in finding.finding.message
    assert finding.finding.field == "members"


def test_m1_the_band_is_a_setting() -> None:
    tight = Settings(today=TODAY, member_count=8, member_count_tolerance=1)
    assert [c for c, _ in found(members(), settings=tight)] == ["M1.size"]


def test_m1_a_council_without_members_in_a_registry_that_has_some() -> None:
    reg = Registry((council(), council(council_id="C02")), tuple(members()))
    codes = [
        (f.council.council_id, f.finding.code) for f in check_members(reg, Settings(today=TODAY))
    ]
    assert codes == [("C02", "M1.no-members")]


def test_a_registry_without_any_member_gives_no_member_findings() -> None:
    reg = Registry((council(), council(council_id="C02")))
    assert check_members(reg, Settings(today=TODAY)) == []


# --- M2 community leaders -----------------------------------------------------------------


def _with_leaders(n: int) -> list[Member]:
    people = members()
    groups = ["a", "b", "c", "a", "b"][:n] + ["その他"] * (10 - n)
    return [dataclasses.replace(m, group=g) for m, g in zip(people, groups, strict=True)]


def test_m2_fires_below_forty_percent_and_says_the_share() -> None:
    (f,) = check_council(council(), _with_leaders(3), Settings(today=TODAY))
    assert f.finding.code == "M2.few-leaders"
    assert "3人（30％）" in f.finding.message and "基準40％以上" in f.finding.message


def test_m2_forty_percent_is_enough_by_default_but_not_with_a_higher_setting() -> None:
    assert found(_with_leaders(4)) == []
    half = Settings(today=TODAY, member_leader_share=0.5)
    assert found(_with_leaders(4), settings=half) == [("M2.few-leaders", None)]


def test_m2_is_not_asked_of_a_purpose_council() -> None:
    """Art. 5(2): a 職種等 council chooses its members 「その目的等に則して」."""
    assert found(_with_leaders(2), council(kind="職種等")) == []
    assert found(_with_leaders(2), council(kind="単位")) == [("M2.few-leaders", None)]


# --- M3 terms ------------------------------------------------------------------------------


def test_m3_an_expired_term_says_since_when() -> None:
    people = replace_member(members(), 2, appointed=date(2024, 4, 1), term_end=date(2026, 3, 31))
    (f,) = check_council(council(), people, Settings(today=TODAY))
    assert (f.finding.code, f.member and f.member.name) == ("M3.expired", "委員03")
    assert "2026/03/31に満了しています（62日経過）" in f.finding.message
    assert f.finding.field == "term_end"


@pytest.mark.parametrize(
    ("term_end", "codes"),
    [
        (date(2026, 6, 1), ["M3.ending-soon"]),  # today: not yet expired
        (date(2026, 9, 1), ["M3.ending-soon"]),  # three months on, included
        (date(2026, 9, 2), []),
        (date(2026, 5, 31), ["M3.expired"]),
    ],
)
def test_m3_a_term_ending_within_three_months(term_end: date, codes: list[str]) -> None:
    # Everyone ends then (a council's terms usually end together): the length is not odd.
    people = members(appointed=months_later(term_end, -24), term_end=term_end)
    people = [dataclasses.replace(m, first_appointed=m.appointed) for m in people]
    assert sorted({c for c, _ in found(people)}) == codes
    assert len(found(people)) == (10 if codes else 0)


def test_m3_the_notice_is_a_setting() -> None:
    people = replace_member(members(), 0, appointed=date(2024, 11, 1), term_end=date(2026, 10, 31))
    assert found(people) == []
    six = Settings(today=TODAY, member_term_notice_months=6)
    assert found(people, settings=six) == [("M3.ending-soon", "委員01")]


def test_m3_a_four_year_term_is_far_from_two_years() -> None:
    people = replace_member(members(), 4, term_end=date(2029, 3, 31))
    (f,) = check_council(council(), people, Settings(today=TODAY))
    assert (f.finding.code, f.member and f.member.name) == ("M3.term-length", "委員05")
    assert "約4年" in f.finding.message


def test_m3_two_years_and_five_months_is_about_two_years() -> None:
    assert found(replace_member(members(), 4, term_end=date(2027, 8, 31))) == []


def test_m3_one_appointed_mid_term_for_the_rest_of_it_is_not_odd() -> None:
    joined = date(2026, 1, 10)
    people = replace_member(members(), 1, appointed=joined, first_appointed=joined)
    assert found(people) == []


def test_m3_a_short_term_of_its_own_is_odd() -> None:
    people = replace_member(members(), 1, appointed=date(2026, 1, 10), term_end=date(2026, 12, 31))
    assert found(people) == [("M3.term-length", "委員02")]


def test_m3_a_missing_term_end() -> None:
    assert found(replace_member(members(), 7, term_end=None)) == [("M3.no-term", "委員08")]


# --- M4 long tenure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "fires"),
    [
        (date(2016, 5, 1), True),  # ten years
        (date(2018, 5, 31), True),  # eight years and a day
        (date(2018, 6, 1), False),  # eight years to the day
        (date(2019, 4, 1), False),
    ],
)
def test_m4_first_appointed_more_than_eight_years_ago(first: date, fires: bool) -> None:
    people = replace_member(members(), 0, first_appointed=first)
    assert found(people) == ([("M4.long-tenure", "委員01")] if fires else [])


def test_m4_message_and_setting() -> None:
    people = replace_member(members(), 0, first_appointed=date(2016, 5, 1))
    (f,) = check_council(council(), people, Settings(today=TODAY))
    assert "初委嘱日2016/05/01から10年在任しています（基準8年）" in f.finding.message
    assert f.finding.field == "first_appointed"
    # With twelve years allowed, the sixth two-year term (2016–2027) is still too many.
    twelve = Settings(today=TODAY, member_max_years=12)
    assert found(people, settings=twelve) == [("M4.many-terms", "委員01")]
    patient = Settings(today=TODAY, member_max_years=12, member_max_terms=6)
    assert found(people, settings=patient) == []


def test_m4_many_consecutive_short_terms() -> None:
    # One-year terms for everyone; one member is in the sixth since 2021.
    people = members(appointed=date(2026, 4, 1), term_end=date(2027, 3, 31))
    people = [dataclasses.replace(m, first_appointed=date(2026, 4, 1)) for m in people]
    people = replace_member(people, 3, first_appointed=date(2021, 4, 1))
    assert terms_served(people[3]) == 6
    assert found(people) == [("M4.many-terms", "委員04")]
    assert found(people, settings=Settings(today=TODAY, member_max_terms=6)) == []


def test_m4_an_unknown_first_appointment_is_not_judged() -> None:
    assert found(replace_member(members(), 0, first_appointed=None)) == []


# --- M5 breadth ---------------------------------------------------------------------------


def _all(field: str, value: str) -> list[Member]:
    return [dataclasses.replace(m, **{field: value}) for m in members()]


def test_m5_a_council_of_men_only() -> None:
    (f,) = check_council(council(), _all("gender", "男性"), Settings(today=TODAY))
    assert f.finding.code == "M5.gender"
    assert "男性10人・女性0人で、女性が1人に満たない" in f.finding.message


def test_m5_one_woman_is_enough_by_default_and_genders_are_read_loosely() -> None:
    people = replace_member(_all("gender", "男"), 0, gender="女")
    assert found(people) == []
    two = Settings(today=TODAY, member_min_per_gender=2)
    assert found(people, settings=two) == [("M5.gender", None)]


def test_m5_unknown_genders_are_not_judged() -> None:
    assert found(_all("gender", "")) == []


def test_m5_too_few_age_bands() -> None:
    people = [
        dataclasses.replace(m, age_band="70代" if i % 2 else "60代")
        for i, m in enumerate(members())
    ]
    (f,) = check_council(council(), people, Settings(today=TODAY))
    assert f.finding.code == "M5.age"
    assert "60代・70代の2区分だけ" in f.finding.message
    assert found(people, settings=Settings(today=TODAY, member_min_age_bands=2)) == []


def test_m5_more_than_half_in_one_occupation() -> None:
    people = [
        dataclasses.replace(m, occupation="自治会長") if i < 6 else m
        for i, m in enumerate(members())
    ]
    (f,) = check_council(council(), people, Settings(today=TODAY))
    assert f.finding.code == "M5.occupation"
    assert "6人（60％）の職業が「自治会長」" in f.finding.message
    half = [
        dataclasses.replace(m, occupation="自治会長") if i < 5 else m
        for i, m in enumerate(members())
    ]
    assert found(half) == []


def test_m5_is_not_asked_of_a_purpose_council() -> None:
    # Art. 5(2): members of a 職種等 council are chosen 「その目的等に則して」.
    people = [
        dataclasses.replace(m, gender="男性", age_band="50代", occupation="雑居ビル管理者")
        for m in members()
    ]
    assert sorted({c for c, _ in found(people)}) == ["M5.age", "M5.gender", "M5.occupation"]
    assert found(people, council(kind="職種等")) == []
    assert found(people, council(kind="単位")) == found(people)


# --- M6 the 運営責任者 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facility_type", "manager", "fits"),
    [
        ("交番", "交番所長 警部補 山田太郎", True),
        ("交番", "交番班長 巡査部長 山田太郎", True),
        ("交番", "班長 巡査部長 山田太郎", True),  # a 交番's 班長 is its 交番班長
        ("交番", "駐在所員 巡査部長 山田太郎", False),
        ("交番", "地域課長 警部 山田太郎", False),
        ("警察署所在地", "班長 警部補 山田太郎", True),
        ("警察署所在地", "交番班長 巡査部長 山田太郎", False),
        ("警察署所在地", "地域課係長 警部補 山田太郎", False),
        ("幹部派出所", "班長 巡査部長 山田太郎", True),
        ("幹部派出所", "所長 警部 山田太郎", False),
        ("駐在所", "駐在所員 巡査部長 山田太郎", True),
        ("駐在所", "駐在所長 巡査部長 山田太郎", False),
        ("駐在所", "交番所長 警部補 山田太郎", False),
        ("駐在所", "巡査部長 山田太郎", False),  # no role written
    ],
)
def test_m6_the_manager_fits_the_facility(facility_type: str, manager: str, fits: bool) -> None:
    c = council(facility_type=facility_type, manager=manager)
    assert found(members(), c) == ([] if fits else [("M6.manager-role", None)])


@pytest.mark.parametrize(
    ("facility_type", "expected"),
    [
        ("交番", "交番所長又は交番班長"),
        ("警察署所在地", "班長"),
        ("幹部派出所", "班長"),
        ("駐在所", "駐在所員"),
    ],
)
def test_m6_the_message_names_the_role_the_directive_names(
    facility_type: str, expected: str
) -> None:
    c = council(facility_type=facility_type, manager="地域課長 警部 山田太郎")
    (f,) = check_council(c, members(), Settings(today=TODAY))
    assert f"要綱が{facility_type}に定める{expected}ではありません" in f.finding.message
    blank = check_council(
        council(facility_type=facility_type, manager=" "), members(), Settings(today=TODAY)
    )
    assert [x.finding.code for x in blank] == ["M6.no-manager"]
    assert f"{facility_type}の{expected}から" in blank[0].finding.message


def test_m6_applies_to_a_purpose_council() -> None:
    c = council(kind="職種等", facility_type="駐在所", manager="交番所長 警部補 山田太郎")
    assert found(members(), c) == [("M6.manager-role", None)]


def test_role_of_reads_full_width_and_spaced_titles() -> None:
    assert role_of("交番　班長　巡査部長　山田") == "交番班長"
    assert role_of("ＰＢ所長") == "所長"
    assert role_of("巡査部長 山田太郎") is None


# --- settings ------------------------------------------------------------------------------


def test_a_family_can_be_switched_off_and_a_severity_changed() -> None:
    people = replace_member(members(), 0, appointed=date(2024, 4, 1), term_end=date(2026, 3, 31))
    people = replace_member(people, 0, first_appointed=date(2010, 4, 1))
    assert [c for c, _ in found(people)] == ["M3.expired", "M4.long-tenure"]
    quiet = Settings(today=TODAY, disabled=frozenset({"M4"}))
    assert [c for c, _ in found(people, settings=quiet)] == ["M3.expired"]
    strict = Settings(today=TODAY, severity={"M3.expired": CATALOGUE["R1.required"].severity})
    (first, _) = check_council(council(), people, strict)
    assert str(first.finding.severity) == "error"


def test_member_settings_are_read_from_toml_with_their_ranges(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        "[rules]\nmember_leader_share = 0.5\nmember_max_years = 10\nroster_months_ahead = 12\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert (settings.member_leader_share, settings.member_max_years) == (0.5, 10)
    assert settings.roster_months_ahead == 12
    assert Settings().member_count == 10 and Settings().member_term_notice_months == 3
    path.write_text("[rules]\nmember_leader_share = 1.5\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="member_leader_share は0から1までの数"):
        load_settings(path)


# --- dates ---------------------------------------------------------------------------------


def test_months_later_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_later(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_later(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert months_later(date(2027, 3, 31), -24) == date(2025, 3, 31)
    assert full_years(date(2016, 6, 2), date(2026, 6, 1)) == 9
    assert full_years(date(2016, 6, 1), date(2026, 6, 1)) == 10


# --- where a finding points -----------------------------------------------------------------


def _registry_workbook(path: Path) -> Path:
    """A registry whose 委員 sheet has its columns in an order of its own."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "協議会"
    ws.append(["協議会ID", "警察署", "施設種別", "施設名", "協議会名", "協議会種別", "運営責任者"])
    ws.append(
        [
            "C01",
            "中央警察署",
            "交番",
            "駅前交番",
            "駅前交番連絡協議会",
            "所管区",
            "交番所長 警部補 山田",
        ]
    )
    ws.append(
        [
            "C02",
            "中央警察署",
            "駐在所",
            "岬駐在所",
            "岬駐在所連絡協議会",
            "所管区",
            "交番所長 警部補 佐藤",
        ]
    )
    members_sheet = wb.create_sheet("委員")
    headers = [
        "氏名",
        "協議会ID",
        "任期満了日",
        "区分",
        "性別",
        "年代",
        "職業",
        "委嘱日",
        "初委嘱日",
    ]
    members_sheet.append(headers)
    for i, (group, gender, age, job) in enumerate(HEALTHY):
        for cid in ("C01", "C02"):
            ended = (cid, i) == ("C01", 4)
            end, start = (date(2026, 3, 31), date(2024, 4, 1)) if ended else (END, START)
            members_sheet.append([f"委員{cid}{i}", cid, end, group, gender, age, job, start, start])
    wb.save(path)
    return path


def test_findings_name_the_registry_sheet_row_and_cell(tmp_path: Path) -> None:
    reg = read_registry(_registry_workbook(tmp_path / "名簿.xlsx"))
    findings = check_members(reg, Settings(today=TODAY))
    shaped = [(f.council.council_id, f.finding.code, str(f.finding.cell)) for f in findings]
    # 委員C014 is on row 10 (the header, then two rows per index); 任期満了日 is column C.
    assert shaped == [("C01", "M3.expired", "委員!C10"), ("C02", "M6.manager-role", "協議会!G3")]
    expired = findings[0].finding.message
    assert expired.startswith(
        "「委員」シート 10行目「任期満了日」: 駅前交番連絡協議会（C01）の委員「委員C014」"
    )
    assert findings[1].to_json() == {
        "severity": "warning",
        "code": "M6.manager-role",
        "field": "manager",
        "cell": "協議会!G3",
        "message": findings[1].finding.message,
        "council_id": "C02",
    }


def test_every_member_code_cites_an_article() -> None:
    codes = [code for code in CATALOGUE if code.startswith("M")]
    assert {c.split(".")[0] for c in codes} == {"M1", "M2", "M3", "M4", "M5", "M6"}
    assert all(CATALOGUE[c].source for c in codes)
    sources = {c.split(".")[0]: CATALOGUE[c].source for c in codes}
    assert (sources["M3"], sources["M5"], sources["M6"]) == (
        "第3条第5項",
        "第3条第3項",
        "第3条第6項",
    )


# --- whatever the registry holds, the rules answer ---------------------------------------------

_days = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
_text = st.sampled_from(["", "男性", "女", "その他", "70代", "自治会長", "Ｍ", " "])
_member = st.builds(
    Member,
    council_id=st.just("C01"),
    name=st.text(max_size=5),
    gender=_text,
    age_band=_text,
    occupation=_text,
    group=st.sampled_from(["a", "b", "c", "その他"]),
    appointed=_days,
    term_end=_days,
    first_appointed=_days,
)


@given(
    people=st.lists(_member, max_size=15),
    facility_type=st.sampled_from(["交番", "駐在所", "警察署所在地", "幹部派出所"]),
    kind=st.sampled_from(["所管区", "単位", "職種等"]),
    manager=st.text(max_size=12),
)
def test_the_rules_never_raise_and_give_only_member_codes(
    people: list[Member], facility_type: str, kind: str, manager: str
) -> None:
    c = council(kind=kind, facility_type=facility_type, manager=manager)
    for f in check_council(c, people, Settings(today=TODAY)):
        assert f.finding.code in CATALOGUE and f.finding.code.startswith("M")
        assert f.to_json()["council_id"] == "C01"
