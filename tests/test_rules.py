"""Every rule of the 実施要綱 firing and not firing, with the exact field and cell.

Each case fills our template by its defined names (as an officer's Excel would hold it),
checks the file like `kyogikai check` does, and pins (code, severity, field, cell) and the
parts of the Japanese message the officer acts on: the label as printed, the value found.
The "not firing" case of each rule is a close but valid way of writing the same thing.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from filled_forms import CELL, TODAY, blank_form, fill, where

from toolkit.cells import Cell
from toolkit.check import Options, check_file, check_paths
from toolkit.findings import CATALOGUE, Finding
from toolkit.model import Report, Sourced
from toolkit.normalize import UNREADABLE
from toolkit.reading.boxes import typed_in
from toolkit.registry import Registry, RestrictedPeriod
from toolkit.rules import Context, check_report
from toolkit.samples import fictional_registry
from toolkit.settings import Settings
from toolkit.writing.template import Prefill, build_template

REGISTRY = fictional_registry(0)

Check = Callable[..., list[Finding]]


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The form HQ sends to 駅前交番 (協議会ID C002 inside)."""
    return blank_form(tmp_path_factory.mktemp("blank"))


@pytest.fixture(scope="module")
def blank_without_id(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A form with no 協議会ID: the written council name is all the registry can go by."""
    return blank_form(
        tmp_path_factory.mktemp("blank_without_id"),
        Prefill(None, "中央警察署", "駅前交番", None),
    )


def _checker(blank: Path, folder: Path) -> Check:
    names = itertools.count(1)

    def check(
        *, registry: Registry | None = None, today: date = TODAY, **changes: object
    ) -> list[Finding]:
        path = fill(blank, folder / f"report_{next(names)}.xlsx", **changes)
        result = check_file(path, Options(Context(Settings(today=today), registry)))
        (checked,) = result.reports
        assert checked.report is not None, checked.findings
        return checked.findings

    return check


@pytest.fixture
def check(blank: Path, tmp_path: Path) -> Check:
    return _checker(blank, tmp_path)


@pytest.fixture
def check_without_id(blank_without_id: Path, tmp_path: Path) -> Check:
    return _checker(blank_without_id, tmp_path)


# --- the ground every case stands on ------------------------------------------------------------


def test_cells_used_here_are_the_templates_defined_names() -> None:
    names = build_template().defined_names
    for key, cell in CELL.items():
        assert names[key].attr_text.replace("'", "").replace("$", "") == cell, key


def test_every_rule_code_of_the_catalogue_is_tested_here() -> None:
    tested = {
        "R1.required",
        "R1.recommended",
        "R1.no-topic",
        "R1.unknown-category",
        "R2.bad-date",
        "R2.nonexistent-date",
        "R2.future-date",
        "R2.bad-time",
        "R2.end-before-start",
        "R2.weekday",
        "R2.old-date",
        "R3.not-count",
        "R3.too-many",
        "R3.no-police",
        "R3.no-civilians",
        "R3.officer-names",
        "R4.meeting-type",
        "R5.open-request",
        "R5.pending-request",
        "R6.unknown-council",
        "R6.name-mismatch",
        "R6.facility-mismatch",
        "R6.affiliation-mismatch",
        "R7.duplicate",
        "R8.restricted-period",
        "R9.cut-on-paper",
    }
    assert {code for code in CATALOGUE if code.startswith("R")} == tested


@pytest.mark.parametrize("registry", [None, REGISTRY], ids=["alone", "with_registry"])
def test_the_good_report_has_no_finding(check: Check, registry: Registry | None) -> None:
    assert check(registry=registry) == []


# --- R1 required and recommended fields ----------------------------------------------------------

REQUIRED = [
    ("affiliation", "所属"),
    ("council_name", "協議会名"),
    ("facility_name", "施設名"),
    ("date", "開催日時"),
    ("meeting_type", "会議種別"),
    ("police_attendees", "出席者数（警察官）"),
    ("civilian_attendees", "出席者数（民間）"),
]


@pytest.mark.parametrize(("key", "label"), REQUIRED)
def test_r1_required_fires_on_an_empty_cell(check: Check, key: str, label: str) -> None:
    (finding,) = check(**{key: ""})
    assert where(finding) == ("R1.required", "error", key, CELL[key])
    assert finding.message == f"「{label}」が記入されていません。{label}を記入してください。"


def test_r1_required_fires_on_a_cell_of_spaces(check: Check) -> None:
    (finding,) = check(affiliation="\u3000 ")
    assert where(finding) == ("R1.required", "error", "affiliation", "報告書!D5")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("affiliation", "中央署"),
        ("council_name", "駅前交番\u3000連絡協議会"),
        ("facility_name", " 駅前交番 "),
        ("date", "令和８年１０月１５日（木）"),
        ("meeting_type", "定例"),
        ("police_attendees", "２名"),
        ("civilian_attendees", "十一名"),
    ],
)
def test_r1_required_does_not_fire_on_a_value_in_another_notation(
    check: Check, key: str, value: str
) -> None:
    assert check(**{key: value}) == []


RECOMMENDED = [
    ("reporter", "報告者"),
    ("venue", "開催場所"),
    ("discussion", "協議内容等"),
    ("officers", "出席警察官名"),
    ("start_time", "開催日時の開始時刻"),
    ("end_time", "開催日時の終了時刻"),
]


@pytest.mark.parametrize(("key", "label"), RECOMMENDED)
def test_r1_recommended_fires_on_an_empty_cell(check: Check, key: str, label: str) -> None:
    (finding,) = check(**{key: ""})
    assert where(finding) == ("R1.recommended", "warning", key, CELL[key])
    assert finding.message == f"「{label}」が記入されていません。記入してください。"


def test_r1_recommended_names_only_the_start_when_both_times_are_missing(check: Check) -> None:
    (finding,) = check(start_time="", end_time="")
    assert where(finding) == ("R1.recommended", "warning", "start_time", "報告書!O10")


def test_r1_recommended_fires_on_an_agenda_row_without_a_topic(check: Check) -> None:
    (finding,) = check(agenda_2_category="地域の祭礼等の催事・行事", agenda_2_remarks="資料配布")
    assert where(finding) == ("R1.recommended", "warning", "agenda[1].topic", "報告書!K14")
    assert finding.message == "「協議事項」が記入されていません。記入してください。"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("reporter", "巡査部長\u3000山田太郎"),
        ("venue", "駅前公民館（２階）"),
        ("discussion", "特になし"),
        ("officers", "巡査部長 山田太郎\n巡査 鈴木一郎"),
        ("start_time", "午後2時"),
        ("end_time", "15時30分"),
        # A 区分 chosen with nothing written against it is a printed row, not an item.
        ("agenda_2_category", "地域の祭礼等の催事・行事"),
    ],
)
def test_r1_recommended_does_not_fire_on_a_value_in_another_notation(
    check: Check, key: str, value: str
) -> None:
    assert check(**{key: value}) == []


def test_r1_recommended_does_not_fire_on_times_written_beside_the_date(check: Check) -> None:
    assert check(date="令和8年10月15日（木）午後2時～午後3時半", start_time="", end_time="") == []


def test_r1_no_topic_fires_when_no_agenda_topic_is_written(check: Check) -> None:
    (finding,) = check(agenda_1_topic="")
    assert where(finding) == ("R1.no-topic", "warning", "agenda[0].topic", "報告書!K13")
    assert "協議事項が1件も記入されていません" in finding.message


def test_r1_no_topic_does_not_fire_on_a_topic_in_a_lower_row(check: Check) -> None:
    assert check(agenda_1_category="", agenda_1_topic="", agenda_4_topic="年末年始の警戒") == []


def test_r1_unknown_category_fires(check: Check) -> None:
    (finding,) = check(agenda_2_category="防犯", agenda_2_topic="自転車盗の発生状況")
    assert where(finding) == (
        "R1.unknown-category",
        "warning",
        "agenda[1].category",
        "報告書!A14",
    )
    assert finding.message.startswith("区分「防犯」は「交番等の活動状況」")


def test_r1_unknown_category_does_not_fire_on_the_printed_spacing(check: Check) -> None:
    assert check(agenda_2_category="そ の 他", agenda_2_topic="自転車盗の発生状況") == []


# --- R2 dates and times --------------------------------------------------------------------------


def test_r2_bad_date_fires_on_a_date_without_a_year(check: Check) -> None:
    (finding,) = check(date="10月15日")
    assert where(finding) == ("R2.bad-date", "error", "date", "報告書!F10")
    assert finding.message.startswith("開催日時の日付が読み取れません: 「10月15日」。")


def test_r2_bad_date_does_not_fire_on_a_short_wareki_date(check: Check) -> None:
    assert check(date="R8.10.15") == []


def test_r2_nonexistent_date_fires_on_february_30(check: Check) -> None:
    (finding,) = check(date="令和8年2月30日")
    assert where(finding) == ("R2.nonexistent-date", "error", "date", "報告書!F10")
    assert finding.message.startswith("開催日時「令和8年2月30日」は存在しない日付です。")


def test_r2_nonexistent_date_does_not_fire_on_february_28(check: Check) -> None:
    assert check(date="令和8年2月28日") == []


def test_r2_future_date_fires_on_the_day_after_the_check(check: Check) -> None:
    (finding,) = check(date=date(2026, 11, 26), today=date(2026, 11, 25))
    assert where(finding) == ("R2.future-date", "error", "date", "報告書!F10")
    assert finding.message.startswith(
        "開催日時「令和8年11月26日」は点検日（令和8年11月25日）より後の日付です。"
    )


def test_r2_future_date_does_not_fire_on_the_day_of_the_check(check: Check) -> None:
    assert check(date=date(2026, 11, 25), today=date(2026, 11, 25)) == []


@pytest.mark.parametrize("key", ["start_time", "end_time"])
def test_r2_bad_time_fires(check: Check, key: str) -> None:
    (finding,) = check(**{key: "夕方"})
    assert where(finding) == ("R2.bad-time", "warning", key, CELL[key])
    assert finding.message.startswith("開催日時の時刻が読み取れません: 「夕方」。")


def test_r2_bad_time_does_not_fire_on_han(check: Check) -> None:
    assert check(end_time="午後3時半") == []


@pytest.mark.parametrize("end", ["13:00", "14:00"], ids=["before", "equal"])
def test_r2_end_before_start_fires(check: Check, end: str) -> None:
    (finding,) = check(end_time=end)
    assert where(finding) == ("R2.end-before-start", "error", "end_time", "報告書!S10")
    relation = "と同じに" if end == "14:00" else "より前に"
    assert finding.message.startswith(
        f"終了時刻（{end}）が開始時刻（14:00）{relation}なっています。"
    )


def test_r2_end_before_start_fires_in_a_single_date_cell(check: Check) -> None:
    (finding,) = check(date="令和8年10月15日（木）午後3時～午後2時", start_time="", end_time="")
    assert where(finding) == ("R2.end-before-start", "error", "end_time", "報告書!F10")
    assert "終了時刻（14:00）が開始時刻（15:00）" in finding.message


def test_r2_end_before_start_does_not_fire_a_minute_later(check: Check) -> None:
    assert check(end_time="14:01") == []


def test_r2_weekday_fires_on_a_wrong_weekday(check: Check) -> None:
    (finding,) = check(date="令和8年10月15日（金）")
    assert where(finding) == ("R2.weekday", "warning", "date", "報告書!F10")
    assert finding.message.startswith(
        "開催日時の曜日「（金）」が日付 令和8年10月15日 の曜日（木）と一致しません。"
    )


def test_r2_weekday_does_not_fire_on_the_right_weekday(check: Check) -> None:
    assert check(date="令和8年10月15日(木)") == []


def test_r2_old_date_fires_on_a_year_typed_wrong(check: Check) -> None:
    (finding,) = check(date="2016/10/15")
    assert where(finding) == ("R2.old-date", "warning", "date", "報告書!F10")
    assert finding.message.startswith(
        "開催日時「平成28年10月15日」は点検日（令和8年11月25日）の3,693日前です。"
        "年の書き誤り（2016年と2026年など）がないか確認してください。"
    )


def test_r2_old_date_does_not_fire_within_the_setting(check: Check) -> None:
    assert check(date=date(2025, 10, 22)) == []  # 399 days before the check


# --- R3 counts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "found"),
    [
        ("police_attendees", 3.5, "3.5"),
        ("police_attendees", "約10人", "約10人"),
        ("civilian_attendees", -1, "-1"),
    ],
)
def test_r3_not_count_fires(check: Check, key: str, value: object, found: str) -> None:
    label = {"police_attendees": "出席者数（警察官）", "civilian_attendees": "出席者数（民間）"}
    (finding,) = check(**{key: value})
    assert where(finding) == ("R3.not-count", "error", key, CELL[key])
    assert finding.message.startswith(f"{label[key]}が0以上の整数ではありません: 「{found}」。")


@pytest.mark.parametrize(
    ("key", "value"),
    [("police_attendees", "２名"), ("civilian_attendees", 12.0), ("civilian_attendees", "12 人")],
)
def test_r3_not_count_does_not_fire_on_whole_numbers(check: Check, key: str, value: object) -> None:
    assert check(**{key: value}) == []


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("civilian_attendees", 1001, "1,001"),
        ("police_attendees", 1e19, "10,000,000,000,000,000,000"),
    ],
)
def test_r3_too_many_fires_above_the_plausible_maximum(
    check: Check, key: str, value: object, shown: str
) -> None:
    found = [f for f in check(**{key: value}) if f.code == "R3.too-many"]
    (finding,) = found
    assert where(finding) == ("R3.too-many", "error", key, CELL[key])
    assert f"の「{shown}」は多すぎます（1,000人まで）。" in finding.message


def test_r3_too_many_does_not_fire_at_the_maximum(check: Check) -> None:
    assert check(civilian_attendees=1000) == []


def test_r3_no_police_fires(check: Check) -> None:
    (finding,) = check(police_attendees=0)
    assert where(finding) == ("R3.no-police", "warning", "police_attendees", "報告書!I11")
    assert finding.message.startswith("出席者数（警察官）が0人です。")


def test_r3_no_police_does_not_fire_on_one_officer(check: Check) -> None:
    assert check(police_attendees=1, officers="巡査部長 山田太郎") == []


def test_r3_no_civilians_fires(check: Check) -> None:
    (finding,) = check(civilian_attendees=0)
    assert where(finding) == ("R3.no-civilians", "warning", "civilian_attendees", "報告書!O11")
    assert finding.message.startswith("出席者数（民間）が0人です。")


def test_r3_no_civilians_does_not_fire_on_one_civilian(check: Check) -> None:
    assert check(civilian_attendees=1) == []


def test_r3_officer_names_fires_when_names_and_count_differ(check: Check) -> None:
    (finding,) = check(officers="巡査部長 山田太郎")
    assert where(finding) == ("R3.officer-names", "warning", "officers", "報告書!F27")
    assert finding.message.startswith(
        "出席警察官名の人数（1名）が出席者数（警察官）の2人と一致しません。"
    )


def test_r3_officer_names_does_not_fire_on_other_separators(check: Check) -> None:
    assert check(officers="巡査部長 山田太郎，巡査 鈴木一郎") == []


# --- R4 meeting type -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["■定期 ■臨時", "総会"], ids=["both_ticked", "unknown"])
def test_r4_meeting_type_fires(check: Check, value: str) -> None:
    (finding,) = check(meeting_type=value)
    assert where(finding) == ("R4.meeting-type", "error", "meeting_type", "報告書!Z11")
    assert finding.message.startswith(
        f"会議種別が「定期」「臨時」のいずれか判別できません: 「{value}」。"
    )


@pytest.mark.parametrize("value", ["■定期 □臨時", "臨時"])
def test_r4_meeting_type_does_not_fire(check: Check, value: str) -> None:
    assert check(meeting_type=value) == []


# --- R5 open requests ----------------------------------------------------------------------------


def test_r5_open_request_fires_on_the_row_without_a_response(check: Check) -> None:
    (finding,) = check(request_2="通学路の見守り", response_2="")
    assert where(finding) == ("R5.open-request", "warning", "requests[1].response", "報告書!S22")
    assert finding.message == (
        "要望事項「通学路の見守り」の措置・回答が記入されていません。"
        "回答が決まっていれば記入し、決まっていなければ対応の状況（検討中 等）を"
        "記入してください。措置の状況は参加者に速やかに連絡します（2の(7)）。"
    )


@pytest.mark.parametrize("answer", ["市役所に設置を依頼した。", "署で検討中", "継続審議とした"])
def test_r5_pending_request_fires_on_an_answer_still_being_handled(
    check: Check, answer: str
) -> None:
    (finding,) = check(request_2="防犯灯の増設", response_2=answer)
    assert where(finding) == (
        "R5.pending-request",
        "warning",
        "requests[1].response",
        "報告書!S22",
    )
    assert finding.message.startswith(f"要望事項「防犯灯の増設」の措置・回答は「{answer}」で、")


def test_r5_mentions_problem_solving_for_a_long_running_request(check: Check) -> None:
    (finding,) = check(request_2="防犯灯の増設", response_2="", today=date(2027, 2, 1))
    assert finding.code == "R5.open-request"
    assert finding.message.endswith(
        "会議から109日が経過しています。時間を要する問題は問題解決活動のテーマに設定し、"
        "計画的に進めてください（2の(7)）。"
    )


def test_r5_pending_words_are_a_setting(blank: Path, tmp_path: Path) -> None:
    path = fill(blank, tmp_path / "r.xlsx", request_2="防犯灯の増設", response_2="県に上申した。")
    settings = Settings(today=TODAY, pending_words=("検討中",))
    (checked,) = check_file(path, Options(Context(settings))).reports
    assert checked.findings == []


def test_r5_open_request_does_not_fire_when_every_request_is_answered(check: Check) -> None:
    assert check(request_2="通学路の見守り", response_2="登校時間帯の立番を強化する。") == []


# --- R6 registry ---------------------------------------------------------------------------------


def test_r6_unknown_council_suggests_the_close_registered_name(check_without_id: Check) -> None:
    (finding,) = check_without_id(registry=REGISTRY, council_name="駅前交番連協議会")
    assert where(finding) == ("R6.unknown-council", "warning", "council_name", "報告書!F9")
    assert finding.message == (
        "協議会名「駅前交番連協議会」は協議会名簿に登録されていません。"
        "「駅前交番連絡協議会」の誤りではありませんか。名簿の正式な名称を記入してください。"
    )


def test_r6_unknown_council_without_a_close_name_asks_for_the_registered_one(
    check_without_id: Check,
) -> None:
    (finding,) = check_without_id(registry=REGISTRY, council_name="防犯を語る会")
    assert where(finding) == ("R6.unknown-council", "warning", "council_name", "報告書!F9")
    assert finding.message == (
        "協議会名「防犯を語る会」は協議会名簿に登録されていません。"
        "協議会名簿に登録されている正式な名称を記入してください。"
    )


def test_r6_unknown_council_does_not_fire_on_a_spaced_name(check_without_id: Check) -> None:
    assert check_without_id(registry=REGISTRY, council_name="駅前交番 連絡協議会") == []


def test_r6_unknown_council_does_not_fire_without_a_registry(check_without_id: Check) -> None:
    assert check_without_id(council_name="防犯を語る会") == []


def test_r6_name_mismatch_fires_when_the_printed_name_was_changed(check: Check) -> None:
    (finding,) = check(registry=REGISTRY, council_name="駅前交番地区連絡協議会")
    assert where(finding) == ("R6.name-mismatch", "warning", "council_name", "報告書!F9")
    assert finding.message.startswith(
        "協議会名「駅前交番地区連絡協議会」が協議会名簿の登録（駅前交番連絡協議会）と異なります。"
    )


def test_r6_name_mismatch_does_not_fire_on_spacing(check: Check) -> None:
    assert check(registry=REGISTRY, council_name="駅前交番\u3000連絡協議会") == []


def test_r6_facility_mismatch_fires(check: Check) -> None:
    (finding,) = check(registry=REGISTRY, facility_name="本町交番")
    assert where(finding) == ("R6.facility-mismatch", "warning", "facility_name", "報告書!Z9")
    assert finding.message.startswith(
        "施設名「本町交番」が協議会名簿の登録（駅前交番）と異なります。"
    )


def test_r6_facility_mismatch_does_not_fire_on_spacing(check: Check) -> None:
    assert check(registry=REGISTRY, facility_name="駅前\u3000交番") == []


def test_r6_affiliation_mismatch_fires(check: Check) -> None:
    (finding,) = check(registry=REGISTRY, affiliation="港北警察署")
    assert where(finding) == ("R6.affiliation-mismatch", "warning", "affiliation", "報告書!D5")
    assert finding.message.startswith(
        "所属「港北警察署」が協議会名簿の登録（中央警察署）と異なります。"
    )


def test_r6_affiliation_mismatch_does_not_fire_on_the_short_station_name(check: Check) -> None:
    assert check(registry=REGISTRY, affiliation="中央署") == []


# --- R8 impartial timing (期間設定 of the sample registry: 県知事選挙 2026-09-06 … 09-27) -------


@pytest.mark.parametrize("day", [date(2026, 9, 6), date(2026, 9, 27)], ids=["first", "last"])
def test_r8_restricted_period_fires_inside_the_period(check: Check, day: date) -> None:
    (finding,) = check(registry=REGISTRY, date=day)
    assert where(finding) == ("R8.restricted-period", "warning", "date", "報告書!F10")
    assert finding.message.startswith(
        f"開催日 令和8年9月{day.day}日 は「県知事選挙」の期間（令和8年9月6日～令和8年9月27日）中です。"
    )


@pytest.mark.parametrize("day", [date(2026, 9, 5), date(2026, 9, 28)], ids=["before", "after"])
def test_r8_restricted_period_does_not_fire_outside_the_period(check: Check, day: date) -> None:
    assert check(registry=REGISTRY, date=day) == []


@pytest.mark.parametrize(
    ("station", "council_id", "fires"),
    [
        ("中央警察署", "", True),
        ("中央署", "", True),
        ("北野警察署", "", False),
        ("", "C002", True),
        ("", "C003", False),
    ],
)
def test_r8_a_period_of_one_station_or_council_applies_there_only(
    check: Check, station: str, council_id: str, fires: bool
) -> None:
    local = RestrictedPeriod(
        "町長選挙", date(2026, 10, 10), date(2026, 10, 20), station, council_id
    )
    registry = dataclasses.replace(REGISTRY, periods=(local,))
    codes = [f.code for f in check(registry=registry)]
    assert codes == (["R8.restricted-period"] if fires else [])


# --- R7 the same meeting reported twice (across the files of one run) ----------------------------


def _run(folder: Path, registry: Registry | None) -> list[tuple[str, str | None, list[Finding]]]:
    options = Options(Context(Settings(today=TODAY), registry), jobs=2)
    return [
        (r.path, r.same_as, [f for c in r.reports for f in c.findings])
        for r in check_paths([folder], options)
    ]


@pytest.mark.parametrize("registry", [None, REGISTRY], ids=["alone", "with_registry"])
def test_r7_duplicate_fires_on_the_later_report_naming_the_earlier(
    blank: Path, tmp_path: Path, registry: Registry | None
) -> None:
    first = fill(blank, tmp_path / "in" / "1_first.xlsx")
    second = fill(blank, tmp_path / "in" / "2_second.xlsx", civilian_attendees=12)
    (path_1, same_1, found_1), (path_2, same_2, found_2) = _run(tmp_path / "in", registry)
    assert (path_1, same_1, found_1) == (str(first), None, [])
    assert (path_2, same_2) == (str(second), None)
    (finding,) = found_2
    assert where(finding) == ("R7.duplicate", "warning", None, None)
    assert finding.message == (
        "駅前交番連絡協議会の令和8年10月15日の会議の報告が、内容の異なる別の報告"
        "（ファイル「1_first.xlsx」の「報告書」シート）にもあります。"
        "同じ会議の報告は1件にし、誤っている方を取り下げてください（重複報告）。"
    )
    assert str(tmp_path) not in finding.message


def test_r7_identical_files_are_marked_same_as_without_a_finding(
    blank: Path, tmp_path: Path
) -> None:
    first = fill(blank, tmp_path / "in" / "1_first.xlsx")
    copy = tmp_path / "in" / "2_copy.xlsx"
    shutil.copyfile(first, copy)
    assert _run(tmp_path / "in", REGISTRY) == [(str(first), None, []), (str(copy), str(first), [])]


def test_r7_does_not_fire_on_the_same_report_saved_again(blank: Path, tmp_path: Path) -> None:
    first = fill(blank, tmp_path / "in" / "1_first.xlsx")
    again = tmp_path / "in" / "2_saved_again.xlsx"
    book = openpyxl.load_workbook(first)
    book.properties.title = "再送"
    book.save(again)
    assert again.read_bytes() != first.read_bytes()
    assert _run(tmp_path / "in", REGISTRY) == [(str(first), None, []), (str(again), None, [])]


def test_r7_does_not_fire_on_another_meeting_of_the_council(blank: Path, tmp_path: Path) -> None:
    first = fill(blank, tmp_path / "in" / "1_first.xlsx")
    other = fill(blank, tmp_path / "in" / "2_other.xlsx", date=date(2026, 10, 16))
    assert _run(tmp_path / "in", REGISTRY) == [(str(first), None, []), (str(other), None, [])]


# --- records built directly: what no workbook of ours can hold ---------------------------------


def test_an_empty_record_gives_its_findings_without_cells_and_without_raising() -> None:
    found = check_report(Report(), Context(Settings(today=TODAY), REGISTRY))
    assert [(f.code, f.field, f.cell and str(f.cell)) for f in found] == [
        ("R1.required", "affiliation", None),
        ("R1.required", "council_name", None),
        ("R1.required", "facility_name", None),
        ("R1.required", "date", None),
        ("R1.required", "meeting_type", None),
        ("R1.required", "police_attendees", None),
        ("R1.required", "civilian_attendees", None),
        ("R1.recommended", "reporter", None),
        ("R1.recommended", "venue", None),
        ("R1.recommended", "discussion", None),
        ("R1.recommended", "officers", None),
        ("R1.recommended", "start_time", None),
        ("R1.no-topic", "agenda[0].topic", None),
    ]


def test_r1_no_topic_points_at_the_first_row_of_an_empty_table() -> None:
    found = check_report(Report(agenda_cell=Cell.parse("様式!D14")), Context(Settings(today=TODAY)))
    (no_topic,) = [f for f in found if f.code == "R1.no-topic"]
    assert (no_topic.field, str(no_topic.cell)) == ("agenda[0].topic", "様式!D14")


def test_r3_officer_names_is_silent_when_the_count_cannot_be_read() -> None:
    report = Report(
        police_attendees=Sourced(None, Cell.parse("様式!C9"), "数名", UNREADABLE),
        officers=Sourced(("巡査部長 山田太郎",), Cell.parse("様式!C25")),
    )
    found = check_report(report, Context(Settings(today=TODAY)))
    assert [f.code for f in found if f.code.startswith("R3")] == ["R3.not-count"]


def test_r2_future_date_quotes_the_date_when_no_text_was_typed() -> None:
    report = Report(date=Sourced(date(2027, 1, 5), Cell.parse("様式!C7")))
    found = check_report(report, Context(Settings(today=TODAY)))
    (future,) = [f for f in found if f.code == "R2.future-date"]
    assert (future.field, str(future.cell)) == ("date", "様式!C7")
    assert "開催日時「令和9年1月5日」は点検日（令和8年11月25日）より後" in future.message


# --- R9 text the printed form would cut ------------------------------------------------------------

SENTENCE = "自治会の防犯パトロールと合同で年末の特別警戒を行うことを確認した。"  # 33 full-width


def test_text_that_fits_its_printed_box_gives_no_finding(check: Check) -> None:
    # 協議内容等 holds 9 lines of 43 full-width characters; a request row 2 lines of 24.
    assert check(discussion="\n".join([SENTENCE] * 9), request_1="一行目\n二行目") == []


def test_text_cut_on_paper_is_named_with_its_cell(check: Check) -> None:
    found = check(discussion="\n".join([SENTENCE] * 10), request_1="一行目\n二行目\n三行目")
    assert [where(f) for f in found] == [
        ("R9.cut-on-paper", "warning", "discussion", CELL["discussion"]),
        ("R9.cut-on-paper", "warning", "requests[0].request", CELL["request_1"]),
    ]
    assert (
        "「協議内容等」は印刷すると枠に収まりません（10行分の文のうち、枠に入るのは9行です）"
        in (found[0].message)
    )
    assert "「続紙」" in found[1].message


def test_the_continuation_sheet_carries_on_the_form(
    check: Check, tmp_path: Path, blank: Path
) -> None:
    path = fill(
        blank,
        tmp_path / "with_more.xlsx",
        discussion="本紙の内容。",
        discussion_more="続紙に続けた内容。",
        agenda_7_category="その他",
        agenda_7_topic="七つ目の協議事項",
        request_6="六つ目の要望",
        response_6="次回の会議で回答する予定",
    )
    result = check_file(path, Options(Context(Settings(today=TODAY))))
    (checked,) = result.reports
    assert result.skipped == []  # the 続紙 is part of the report, not a sheet left unread
    report = checked.report
    assert report is not None
    assert report.discussion.value == "本紙の内容。\n続紙に続けた内容。"
    assert str(report.discussion.cell) == CELL["discussion"]
    assert report.agenda[-1].topic.value == "七つ目の協議事項"
    assert str(report.agenda[-1].topic.cell) == "続紙!K6"
    assert report.requests[-1].request.value == "六つ目の要望"
    assert [(f.code, f.field, str(f.cell)) for f in checked.findings] == [
        ("R5.pending-request", f"requests[{len(report.requests) - 1}].response", "続紙!S14")
    ]


@pytest.mark.parametrize("key", ["discussion_more", "agenda_12_remarks", "response_12"])
def test_one_value_anywhere_on_the_continuation_sheet_is_read(
    check: Check, tmp_path: Path, blank: Path, key: str
) -> None:
    # the 続紙 is only parsed when one of its boxes holds something: each box counts
    path = fill(blank, tmp_path / "one.xlsx", **{key: "続紙だけの記入"})
    (checked,) = check_file(path, Options(Context(Settings(today=TODAY)))).reports
    record = json.dumps(checked.to_json(), ensure_ascii=False)
    assert "続紙だけの記入" in record


def test_which_continuation_boxes_are_typed_in() -> None:
    names = {"discussion_more": (4, 2), "request_6": (9, 3)}
    blank = b'<sheetData><row r="5"><c r="C5" s="7"/><c r="A5" t="s"><v>0</v></c></row></sheetData>'
    typed = blank.replace(b'<c r="C5" s="7"/>', b'<c r="C5" s="7" t="s"><v>3</v></c>')
    inline = b'<row r="10"><c r="D10" t="inlineStr"><is><t>x</t></is></c></row>'
    prefixed = b'<x:row r="5"><x:c r="C5"><x:v>1</x:v></x:c></x:row>'
    assert not typed_in(blank, names)
    assert typed_in(typed, names)
    assert typed_in(inline, names)
    assert typed_in(prefixed, names)  # written unusually: read rather than guessed


@pytest.mark.parametrize(("scale", "cut"), [(1.0, True), (1.5, False), (0.5, True)])
def test_the_rows_as_the_officer_left_them_decide_what_is_cut(
    blank: Path, tmp_path: Path, scale: float, cut: bool
) -> None:
    # rows may be made taller or shorter on the protected form: their height in the file counts
    path = fill(blank, tmp_path / "rows.xlsx", discussion="\n".join([SENTENCE] * 10))
    wb = openpyxl.load_workbook(path)
    ws = wb["報告書"]
    top = ws[CELL["discussion"].split("!")[1]]
    box = next(
        m for m in ws.merged_cells.ranges if m.min_row == top.row and m.min_col == top.column
    )
    for row in range(box.min_row, box.max_row + 1):
        ws.row_dimensions[row].height = (ws.row_dimensions[row].height or 15) * scale
    wb.save(path)
    (checked,) = check_file(path, Options(Context(Settings(today=TODAY)))).reports
    found = [(f.code, f.field) for f in checked.findings if f.code.startswith("R9")]
    assert found == ([("R9.cut-on-paper", "discussion")] if cut else [])
    if scale < 1:
        message = next(f.message for f in checked.findings if f.code.startswith("R9"))
        assert "枠に入るのは5行です" in message  # 9 lines at full height, 5 at half
