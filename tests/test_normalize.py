"""Case tables and properties for toolkit.normalize."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.era import WEEKDAYS_JA, wareki
from toolkit.model import CATEGORIES, EXTRAORDINARY, REGULAR
from toolkit.normalize import (
    AMBIGUOUS,
    NEGATIVE,
    NONEXISTENT,
    NOT_WHOLE,
    PROBLEMS,
    UNREADABLE,
    DateParsed,
    Parsed,
    TimeRange,
    When,
    canonical_category,
    clean_text,
    excel_day,
    label_key,
    parse_count,
    parse_date,
    parse_meeting_type,
    parse_time,
    parse_time_range,
    parse_when,
    split_attendance,
    split_names,
)

PROPERTY = settings(max_examples=150, deadline=None)
FUZZ = settings(max_examples=300, deadline=None)

D = date(2026, 10, 15)  # a Thursday
THU = 3

# --------------------------------------------------------------------------- helpers

_FULL_WIDTH = str.maketrans("0123456789RHSrhs./-:", "０１２３４５６７８９ＲＨＳｒｈｓ．／－：")
_KANJI_DIGITS = "〇一二三四五六七八九"


def full_width(text: str) -> str:
    """Digits, era letters and separators in their full-width forms."""
    return text.translate(_FULL_WIDTH)


def kanji(n: int) -> str:
    """n in kanji numerals as written in documents: 0 → 〇, 12 → 十二, 305 → 三百五."""
    if n == 0:
        return "〇"
    out = ""
    for unit, char in ((1000, "千"), (100, "百"), (10, "十")):
        quotient, n = divmod(n, unit)
        if quotient:
            out += ("" if quotient == 1 else _KANJI_DIGITS[quotient]) + char
    return out + (_KANJI_DIGITS[n] if n else "")


def era_of(d: date) -> tuple[str, str, int]:
    """(era name, letter, era year) of a date from 1989-01-08 on."""
    if d >= date(2019, 5, 1):
        return "令和", "R", d.year - 2018
    return "平成", "H", d.year - 1988


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


# --------------------------------------------------------------------------- clean_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\u3000\t", None),
        ("\n\n", None),
        (True, None),
        (False, None),
        (float("nan"), None),
        ("駅前交番", "駅前交番"),
        ("  駅前\u3000\u3000交番  ", "駅前 交番"),
        ("駅前\t\t交番", "駅前 交番"),
        ("ＡＢＣ１２３", "ABC123"),
        ("ｴｷﾏｴ", "エキマエ"),
        ("一行目\r\n二行目", "一行目\n二行目"),
        ("一行目\r二行目", "一行目\n二行目"),
        ("一行目\u2028二行目", "一行目\n二行目"),
        ("一行目\n\n\u3000\n二行目", "一行目\n二行目"),
        (" a \n b ", "a\nb"),
        ("駅\u200b前", "駅前"),
        (934, "934"),
        (934.0, "934"),
        (12.5, "12.5"),
        (-3, "-3"),
        (0, "0"),
        (date(2026, 10, 15), "2026-10-15"),
        (datetime(2026, 10, 15), "2026-10-15"),
        (datetime(2026, 10, 15, 14, 5), "2026-10-15 14:05"),
        (time(14, 5), "14:05"),
        (time(9, 0, 30), "09:00"),
    ],
)
def test_clean_text(value: object, expected: str | None) -> None:
    assert clean_text(value) == expected


def test_clean_text_of_other_objects_uses_str() -> None:
    class Thing:
        def __str__(self) -> str:
            return " 中身 "

    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no text")

    assert clean_text(Thing()) == "中身"
    assert clean_text(Broken()) is None


# --------------------------------------------------------------------------- label_key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("所属", "所属"),
        ("所　属", "所属"),
        (" 所 属 ： ", "所属"),
        ("所属:", "所属"),
        (":所属:", "所属"),
        ("参考事項（写真添付）", "参考事項(写真添付)"),
        ("そ の 他", "その他"),
        ("出席者数\n(警察官)", "出席者数(警察官)"),
        ("ﾊﾝｶｸ", "ハンカク"),
        ("", ""),
        (None, ""),
        (12, ""),
    ],
)
def test_label_key(value: object, expected: str) -> None:
    assert label_key(value) == expected


# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("value", "expected", "weekday"),
    [
        ("2026/10/15", D, None),
        ("2026-10-15", D, None),
        ("2026.10.15", D, None),
        ("2026年10月15日", D, None),
        ("2026年10月15", D, None),
        ("令和八年十月十五", D, None),
        ("2026/1/5", date(2026, 1, 5), None),
        ("2026/01/05", date(2026, 1, 5), None),
        ("２０２６／１０／１５", D, None),
        ("２０２６年１０月１５日", D, None),
        ("西暦2026年10月15日", D, None),
        ("令和8年10月15日", D, None),
        ("令和８年１０月１５日", D, None),
        ("令和 8 年 10 月 15 日", D, None),
        ("令和　８年　１０月　１５日", D, None),
        ("令和八年十月十五日", D, None),
        ("令和08年10月15日", D, None),
        ("㋿8年10月15日", D, None),
        ("R8.10.15", D, None),
        ("R8/10/15", D, None),
        ("R8-10-15", D, None),
        ("R 8.10.15", D, None),
        ("R08.10.15", D, None),
        ("Ｒ８．１０．１５", D, None),
        ("r8.10.15", D, None),
        ("令8.10.15", D, None),
        ("R8年10月15日", D, None),
        ("令和8.10.15", D, None),
        ("H30.1.1", date(2018, 1, 1), None),
        ("h30/1/1", date(2018, 1, 1), None),
        ("平成30年1月1日", date(2018, 1, 1), None),
        ("平30.1.1", date(2018, 1, 1), None),
        ("㍻30年1月1日", date(2018, 1, 1), None),
        ("S60.4.1", date(1985, 4, 1), None),
        ("昭和60年4月1日", date(1985, 4, 1), None),
        ("昭60.4.1", date(1985, 4, 1), None),
        ("令和元年5月1日", date(2019, 5, 1), None),
        ("令和8年10月15日（木）", D, THU),
        ("令和8年10月15日(木)", D, THU),
        ("令和8年10月15日（木曜日）", D, THU),
        ("令和8年10月15日（木曜）", D, THU),
        ("令和8年10月15日 木曜日", D, THU),
        ("令和8年10月15日木曜日", D, THU),
        ("令和8年10月15日 (Thu)", D, THU),
        ("令和8年10月15日 (Thursday)", D, THU),
        ("令和8年10月15日【木】", D, THU),
        ("2026/10/15（ 木 ）", D, THU),
        ("2026年11月3日（火・祝）", date(2026, 11, 3), 1),
        ("2026年11月3日（祝）", date(2026, 11, 3), None),
        ("2026年10月18日（日）", date(2026, 10, 18), 6),
        ("2026年10月19日(月)", date(2026, 10, 19), 0),
        # the written weekday is returned even when it is wrong (a rule warns about it)
        ("令和8年10月15日（金）", D, 4),
        ("2026-10-15 00:00:00", D, None),
        ("2026-10-15T00:00", D, None),
        ("  2026/10/15  ", D, None),
        (D, D, None),
        (datetime(2026, 10, 15, 14, 30), D, None),
        (46310, D, None),
        (46310.0, D, None),
        (46310.75, D, None),
        (20000, date(1954, 10, 3), None),
        (79999, date(2119, 1, 10), None),
    ],
)
def test_parse_date(value: object, expected: date, weekday: int | None) -> None:
    result = parse_date(value)
    assert result.value == expected
    assert result.weekday == weekday
    assert result.problem is None
    assert result.raw == clean_text(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # era boundaries
        ("平成31年4月30日", date(2019, 4, 30)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R1.5.1", date(2019, 5, 1)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("H1.1.8", date(1989, 1, 8)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        # after its era ended a date names the Gregorian date (forms printed earlier)
        ("平成31年5月1日", date(2019, 5, 1)),
        ("平成32年1月1日", date(2020, 1, 1)),
        ("H32.4.1", date(2020, 4, 1)),
        ("昭和64年1月8日", date(1989, 1, 8)),
        ("昭和65年1月1日", date(1990, 1, 1)),
    ],
)
def test_era_boundaries(text: str, expected: date) -> None:
    assert parse_date(text) == DateParsed(expected, None, None, text)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        # before the first day of its era
        ("令和元年4月30日", NONEXISTENT),
        ("R1.4.30", NONEXISTENT),
        ("平成元年1月7日", NONEXISTENT),
        ("昭和元年12月24日", NONEXISTENT),
        ("令和0年5月1日", NONEXISTENT),
        # impossible calendar dates
        ("令和8年2月30日", NONEXISTENT),
        ("2026/13/01", NONEXISTENT),
        ("2026/02/29", NONEXISTENT),
        ("2026年4月31日", NONEXISTENT),
        ("2026/10/00", NONEXISTENT),
        ("R8.0.1", NONEXISTENT),
        ("0000/01/01", NONEXISTENT),
        # not a date
        ("26/10/15", UNREADABLE),
        ("10/15", UNREADABLE),
        ("10月15日", UNREADABLE),
        ("令和8年10月", UNREADABLE),
        ("2026/10/15 14:00", UNREADABLE),
        ("令和8年10月15日 午後2時", UNREADABLE),
        ("2026/10/150", UNREADABLE),
        ("20261015", UNREADABLE),
        ("46310", UNREADABLE),
        ("X8.10.15", UNREADABLE),
        ("未定", UNREADABLE),
        ("garbage", UNREADABLE),
        ("2026/10/15（木", UNREADABLE),
        # Excel serials outside 20000..79999
        (60, UNREADABLE),
        (19999, UNREADABLE),
        (80000, UNREADABLE),
        (-1, UNREADABLE),
        (0.5, UNREADABLE),
        (float("inf"), UNREADABLE),
        (True, UNREADABLE),
        (time(14, 0), UNREADABLE),
    ],
)
def test_parse_date_problems(value: object, problem: str) -> None:
    result = parse_date(value)
    assert result.value is None
    assert result.problem == problem
    assert result.raw is not None


@pytest.mark.parametrize("value", [None, "", "  ", "\u3000", float("nan")])
def test_parse_date_blank(value: object) -> None:
    assert parse_date(value) == DateParsed(None, None, None, None)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (60, None),  # Excel's 1900-02-29, which never was
        (61, date(1900, 3, 1)),
        (46310, date(2026, 10, 15)),
        (2958465, date(9999, 12, 31)),
        (0, None),
        (2958466, None),
    ],
)
def test_excel_day(serial: int, expected: date | None) -> None:
    assert excel_day(serial) == expected


# --------------------------------------------------------------------------- wareki


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 10, 15), "令和8年10月15日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "1926年12月24日"),
    ],
)
def test_wareki(day: date, expected: str) -> None:
    assert wareki(day) == expected


def test_wareki_with_weekday() -> None:
    assert wareki(D, weekday=True) == "令和8年10月15日（木）"
    assert wareki(date(2019, 5, 1), weekday=True) == "令和元年5月1日（水）"
    assert WEEKDAYS_JA == ("月", "火", "水", "木", "金", "土", "日")


# --------------------------------------------------------------------------- parse_time


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14:00", time(14, 0)),
        ("14：00", time(14, 0)),
        ("１４：００", time(14, 0)),
        ("9:05", time(9, 5)),
        ("09:05", time(9, 5)),
        ("14:00:30", time(14, 0, 30)),
        ("14時", time(14, 0)),
        ("14時00分", time(14, 0)),
        ("14時30分", time(14, 30)),
        ("14時30", time(14, 30)),
        ("14 時 30 分", time(14, 30)),
        ("14時半", time(14, 30)),
        ("十四時三十分", time(14, 30)),
        ("午後2時", time(14, 0)),
        ("午後2時30分", time(14, 30)),
        ("午後２時半", time(14, 30)),
        ("午後二時", time(14, 0)),
        ("午前10時", time(10, 0)),
        ("午前 10 時", time(10, 0)),
        ("正午", time(12, 0)),
        ("午後正午", time(12, 0)),
        ("PM2:00", time(14, 0)),
        ("2:00 PM", time(14, 0)),
        ("2:00pm", time(14, 0)),
        ("AM9:30", time(9, 30)),
        ("ＰＭ２：００", time(14, 0)),
        ("p.m. 2:00", time(14, 0)),
        # the 12 o'clock hour: 午前0時 is midnight; 12 with either marker is midday
        ("午前0時", time(0, 0)),
        ("午後0時", time(12, 0)),
        ("午前12時", time(12, 0)),
        ("午前12時30分", time(12, 30)),
        ("午後12時", time(12, 0)),
        ("午後12時半", time(12, 30)),
        # 午後 with a 24-hour hour is redundant, not wrong
        ("午後14時", time(14, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        # a start or end time in its own cell
        ("14時から", time(14, 0)),
        ("15時30分まで", time(15, 30)),
        ("14:00～", time(14, 0)),
        ("14時頃", time(14, 0)),
        (time(14, 0), time(14, 0)),
        (time(9, 5, 30), time(9, 5, 30)),
        (datetime(2026, 10, 15, 14, 30), time(14, 30)),
        (0.0, time(0, 0)),
        (0, time(0, 0)),
        (14 / 24, time(14, 0)),
        (0.5833333333, time(14, 0)),
        (0.6458333, time(15, 30)),
        (0.99999, time(23, 59)),
        (46310.75, time(18, 0)),
    ],
)
def test_parse_time(value: object, expected: time) -> None:
    result = parse_time(value)
    assert result == Parsed(expected, None, clean_text(value))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("25:00", NONEXISTENT),
        ("24:00", NONEXISTENT),
        ("14:60", NONEXISTENT),
        ("14時75分", NONEXISTENT),
        ("午前13時", NONEXISTENT),
        ("午後24時", NONEXISTENT),
        ("午後2時AM", AMBIGUOUS),
        ("午前正午", AMBIGUOUS),
        ("14", UNREADABLE),
        ("1400", UNREADABLE),
        ("午後", UNREADABLE),
        ("夕方", UNREADABLE),
        ("14:00～15:00", UNREADABLE),
        ("2026/10/15", UNREADABLE),
        (date(2026, 10, 15), UNREADABLE),
        (1.5, UNREADABLE),
        (-0.5, UNREADABLE),
        (14, UNREADABLE),
        (True, UNREADABLE),
    ],
)
def test_parse_time_problems(value: object, problem: str) -> None:
    result = parse_time(value)
    assert result.value is None
    assert result.problem == problem
    assert result.raw is not None


@pytest.mark.parametrize("value", [None, "", " ", float("nan")])
def test_parse_time_blank(value: object) -> None:
    assert parse_time(value) == Parsed(None, None, None)


# --------------------------------------------------------------------------- parse_time_range


def t(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("14:00～15:30", t(14), t(15, 30)),
        ("14:00~15:30", t(14), t(15, 30)),
        ("14:00-15:30", t(14), t(15, 30)),
        ("14:00 〜 15:30", t(14), t(15, 30)),
        ("14:00ー15:30", t(14), t(15, 30)),
        ("14:00−15:30", t(14), t(15, 30)),
        ("14:00－15:30", t(14), t(15, 30)),
        ("１４：００～１５：３０", t(14), t(15, 30)),
        ("14時00分から15時30分まで", t(14), t(15, 30)),
        ("14時から15時まで", t(14), t(15)),
        ("14時より15時まで", t(14), t(15)),
        ("自14時至15時", t(14), t(15)),
        ("14時至15時", t(14), t(15)),
        ("午後2時～3時半", t(14), t(15, 30)),
        ("午後２時～３時半", t(14), t(15, 30)),
        ("午後2時～午後3時30分", t(14), t(15, 30)),
        ("午前10時～11時", t(10), t(11)),
        ("午前11時～午後1時", t(11), t(13)),
        ("午前11時～1時", t(11), t(13)),  # an inherited 午前 would end before the start
        ("午前10時～12時", t(10), t(12)),
        ("午前10時～午前12時", t(10), t(12)),
        ("午後7時から午後8時30分まで", t(19), t(20, 30)),
        ("午後7時から8時30分まで", t(19), t(20, 30)),
        ("午後2時～15時", t(14), t(15)),
        ("正午～1時半", t(12), t(13, 30)),
        ("10:00～正午", t(10), t(12)),
        ("午後二時～三時半", t(14), t(15, 30)),
        ("2:00 PM - 3:30 PM", t(14), t(15, 30)),
        ("19:00～", t(19), None),
        ("14時から", t(14), None),
        ("14時～", t(14), None),
        ("～15時", None, t(15)),
        ("15時まで", None, t(15)),
        ("14:00", t(14), None),
        (t(14), t(14), None),
        (0.5, t(12), None),
    ],
)
def test_parse_time_range(text: object, start: time | None, end: time | None) -> None:
    assert parse_time_range(text) == TimeRange(start, end, None, clean_text(text))


@pytest.mark.parametrize(
    ("text", "start", "end", "problem"),
    [
        ("14:00～25:00", t(14), None, NONEXISTENT),
        ("25:00～26:00", None, None, NONEXISTENT),
        ("～", None, None, UNREADABLE),
        ("から", None, None, UNREADABLE),
        ("午後", None, None, UNREADABLE),
        ("夕方から", None, None, UNREADABLE),
        ("14:00～15:30～16:00", None, None, UNREADABLE),
        ("14-15", None, None, UNREADABLE),
        (True, None, None, UNREADABLE),
        (D, None, None, UNREADABLE),
    ],
)
def test_parse_time_range_problems(
    text: object, start: time | None, end: time | None, problem: str
) -> None:
    result = parse_time_range(text)
    assert (result.start, result.end, result.problem) == (start, end, problem)
    assert result.raw is not None


@pytest.mark.parametrize("value", [None, "", "\u3000"])
def test_parse_time_range_blank(value: object) -> None:
    assert parse_time_range(value) == TimeRange(None, None, None, None)


# --------------------------------------------------------------------------- parse_when


@pytest.mark.parametrize(
    ("value", "day", "weekday", "start", "end"),
    [
        ("令和8年10月15日（木）午後2時～午後3時30分", D, THU, t(14), t(15, 30)),
        ("令和8年10月15日（木）午後2時～3時30分", D, THU, t(14), t(15, 30)),
        ("2026年6月12日（金）18時00分から19時30分まで", date(2026, 6, 12), 4, t(18), t(19, 30)),
        ("令和８年７月８日（水）午前１０時～１１時３０分", date(2026, 7, 8), 2, t(10), t(11, 30)),
        ("令和八年十月十五日（木）午後二時～三時半", D, THU, t(14), t(15, 30)),
        ("R8.10.15 14:00-15:30", D, None, t(14), t(15, 30)),
        ("R8.10.15(木) 14:00~15:30", D, THU, t(14), t(15, 30)),
        ("令和 8 年 10 月 15 日 （木） 午後 2 時 ～ 午後 3 時 30 分", D, THU, t(14), t(15, 30)),
        ("令和8年10月15日（木）\n午後2時～午後3時30分", D, THU, t(14), t(15, 30)),
        ("令和8年10月15日、午後2時から", D, None, t(14), None),
        ("2026/10/15 19:00～", D, None, t(19), None),
        ("2026-10-15 14:00:00", D, None, t(14), None),
        ("2026-10-15T14:00", D, None, t(14), None),
        ("2026/10/15", D, None, None, None),
        ("令和8年10月15日（木）", D, THU, None, None),
        (D, D, None, None, None),
        (datetime(2026, 10, 15), D, None, None, None),
        (datetime(2026, 10, 15, 14, 0), D, None, t(14), None),
        (46310, D, None, None, None),
        (46310 + 14 / 24, D, None, t(14), None),
    ],
)
def test_parse_when(
    value: object, day: date, weekday: int | None, start: time | None, end: time | None
) -> None:
    assert parse_when(value) == When(day, weekday, start, end, None, None, clean_text(value))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, When(None)),
        ("", When(None)),
        ("未定", When(None, date_problem=UNREADABLE, raw="未定")),
        ("14:00～15:00", When(None, None, t(14), t(15), UNREADABLE, None, "14:00~15:00")),
        (
            "令和8年2月30日 14:00",
            When(None, None, t(14), None, NONEXISTENT, None, "令和8年2月30日 14:00"),
        ),
        (
            "令和元年4月30日（火）午前10時～11時",
            When(None, 1, t(10), t(11), NONEXISTENT, None, "令和元年4月30日(火)午前10時~11時"),
        ),
        (
            "令和8年10月15日 夕方",
            When(D, None, None, None, None, UNREADABLE, "令和8年10月15日 夕方"),
        ),
        (
            "令和8年10月15日 14:00～25:00",
            When(D, None, t(14), None, None, NONEXISTENT, "令和8年10月15日 14:00~25:00"),
        ),
        (time(14, 0), When(None, None, t(14), None, UNREADABLE, None, "14:00")),
        (10, When(None, date_problem=UNREADABLE, raw="10")),
        (True, When(None, date_problem=UNREADABLE, raw="TRUE")),
    ],
)
def test_parse_when_problems(value: object, expected: When) -> None:
    assert parse_when(value) == expected


# --------------------------------------------------------------------------- parse_count


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, 12),
        (0, 0),
        (12.0, 12),
        ("12", 12),
        ("１２", 12),
        ("12人", 12),
        ("１２名", 12),
        ("12 人", 12),
        ("１２　人", 12),
        ("十二名", 12),
        ("二十", 20),
        ("十", 10),
        ("〇", 0),
        ("0人", 0),
        ("三名", 3),
        ("百二十", 120),
        ("三百五人", 305),
        (" 8 ", 8),
        ("12.0", 12),
        ("12.00人", 12),
        ("1,000", 1000),
        ("-0", 0),
    ],
)
def test_parse_count(value: object, expected: int) -> None:
    assert parse_count(value) == Parsed(expected, None, clean_text(value))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (12.5, NOT_WHOLE),
        ("12.5人", NOT_WHOLE),
        ("１２．５", NOT_WHOLE),
        (-1, NEGATIVE),
        (-1.0, NEGATIVE),
        (-1.5, NEGATIVE),
        ("-1", NEGATIVE),
        ("−1", NEGATIVE),
        ("－１人", NEGATIVE),
        ("ー1", NEGATIVE),
        ("約10人", UNREADABLE),
        ("多数", UNREADABLE),
        ("10名程度", UNREADABLE),
        ("十数名", UNREADABLE),
        ("2、3名", UNREADABLE),
        ("3人（女性1人）", UNREADABLE),
        ("12人人", UNREADABLE),
        ("1" * 20, UNREADABLE),
        ("1e3", UNREADABLE),
        ("なし", UNREADABLE),
        (True, UNREADABLE),
        (False, UNREADABLE),
        (float("inf"), UNREADABLE),
        (D, UNREADABLE),
    ],
)
def test_parse_count_problems(value: object, problem: str) -> None:
    result = parse_count(value)
    assert result.value is None
    assert result.problem == problem
    assert result.raw is not None


@pytest.mark.parametrize("value", [None, "", "  ", float("nan")])
def test_parse_count_blank(value: object) -> None:
    assert parse_count(value) == Parsed(None, None, None)


# --------------------------------------------------------------------------- split_attendance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("警察官3人・民間10人", ("3人", "10人")),
        ("警察官：３名、民間：１０名", ("3名", "10名")),
        ("警察官 3 民間 10", ("3", "10")),
        ("警察官3名 民間10名", ("3名", "10名")),
        ("民間10人・警察官3人", ("3人", "10人")),
        ("警察3人、住民10人", ("3人", "10人")),
        ("警察官(3人) 民間(10人)", ("3人", "10人")),
        ("警察官 ３ 人\n民間 １０ 人", ("3 人", "10 人")),
        ("中央警察署 警察官3人 地域住民10人 計13人", ("3人", "10人")),
        ("警察官十二名・民間三名", ("十二名", "三名")),
        ("警察官 約3人 民間 多数", ("約3人", "多数")),
        ("警察官 民間10人", (None, "10人")),
        # other words for the residents, and the split given after a total
        ("警察官3名、委員11名", ("3名", "11名")),
        ("一般10名・警察官2名", ("2名", "10名")),
        ("計14名（警察官3名・委員11名）", ("3名", "11名")),
        ("14名（警察官3、民間11）", ("3", "11")),
        ("警察官3人・民間12人（委員9人・オブザーバー3人）", ("3人", "12人")),
    ],
)
def test_split_attendance(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_attendance(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "12人",
        "警察官3人",
        "民間10人",
        "中央警察署10人",
        13,
        "民間12人（委員9人・職員3人）",
    ],
)
def test_split_attendance_none(text: object) -> None:
    assert split_attendance(text) is None


def test_split_attendance_feeds_parse_count() -> None:
    pair = split_attendance("警察官：３名、民間：十名")
    assert pair is not None
    assert [parse_count(part).value for part in pair] == [3, 10]


# --------------------------------------------------------------------------- parse_meeting_type


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("定期", REGULAR),
        ("定期会議", REGULAR),
        ("定例", REGULAR),
        ("定例会", REGULAR),
        ("定例会議", REGULAR),
        ("臨時", EXTRAORDINARY),
        ("臨時会議", EXTRAORDINARY),
        ("臨時会", EXTRAORDINARY),
        ("定期会議（年1回）", REGULAR),
        (" 定 期 会 議 ", REGULAR),
        ("臨　時", EXTRAORDINARY),
        ("regular", REGULAR),
        ("Extraordinary", EXTRAORDINARY),
        # ticked options: a mark directly before the option
        ("■定期　□臨時", REGULAR),
        ("□定期 ■臨時", EXTRAORDINARY),
        ("□定期会議　■臨時会議", EXTRAORDINARY),
        ("（○）定期　（　）臨時", REGULAR),
        ("（　）定期　（○）臨時", EXTRAORDINARY),
        ("(〇)定期 ()臨時", REGULAR),
        ("[✓]定期 [ ]臨時", REGULAR),
        ("○定期・臨時", REGULAR),
        ("定期・○臨時", EXTRAORDINARY),
        ("☑定期 ☐臨時", REGULAR),
        ("☐定期 ☑臨時", EXTRAORDINARY),
        ("☒臨時 ☐定期", EXTRAORDINARY),
        ("✓定期 臨時", REGULAR),
        ("✔臨時", EXTRAORDINARY),
        ("✅定期", REGULAR),
        ("●臨時", EXTRAORDINARY),
        ("◎定期", REGULAR),
        ("◯臨時", EXTRAORDINARY),
        ("レ定期", REGULAR),
        ("ﾚ臨時", EXTRAORDINARY),
        ("会議種別: ■ 定期 □ 臨時", REGULAR),
        ("×定期 ○臨時", EXTRAORDINARY),
        # marks written after the options, touching the one they tick
        ("定期○ 臨時", REGULAR),
        ("定期 臨時○", EXTRAORDINARY),
        ("定期 臨時 ○", EXTRAORDINARY),
        ("定期 ○", REGULAR),
        ("臨時 ■", EXTRAORDINARY),
        ("定期(○) 臨時( )", REGULAR),
        ("定期( ) 臨時(○)", EXTRAORDINARY),
    ],
)
def test_parse_meeting_type(value: str, expected: str) -> None:
    assert parse_meeting_type(value) == Parsed(expected, None, clean_text(value))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("定期・臨時", AMBIGUOUS),
        ("定期 臨時", AMBIGUOUS),
        ("定期 ○ 臨時", AMBIGUOUS),
        ("定期○臨時", AMBIGUOUS),
        ("■定期 ■臨時", AMBIGUOUS),
        ("○定期 ○臨時", AMBIGUOUS),
        ("□定期 □臨時", AMBIGUOUS),
        ("（　）定期　（　）臨時", AMBIGUOUS),
        ("定期 □臨時", AMBIGUOUS),
        ("臨時会議（定期会議に代えて）", AMBIGUOUS),
        ("□定期", UNREADABLE),
        ("×臨時", UNREADABLE),
        ("会議", UNREADABLE),
        ("○", UNREADABLE),
        ("その他", UNREADABLE),
        ("irregular", UNREADABLE),
        (1, UNREADABLE),
        (True, UNREADABLE),
    ],
)
def test_parse_meeting_type_problems(value: object, problem: str) -> None:
    result = parse_meeting_type(value)
    assert result.value is None
    assert result.problem == problem
    assert result.raw is not None


@pytest.mark.parametrize("value", [None, "", "\u3000"])
def test_parse_meeting_type_blank(value: object) -> None:
    assert parse_meeting_type(value) == Parsed(None, None, None)


# --------------------------------------------------------------------------- split_names


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "警部補　村上直人、巡査部長　小野寺亮、巡査　北村陽菜",
            ("警部補 村上直人", "巡査部長 小野寺亮", "巡査 北村陽菜"),
        ),
        ("山田太郎，鈴木一郎", ("山田太郎", "鈴木一郎")),
        ("山田太郎,鈴木一郎", ("山田太郎", "鈴木一郎")),
        ("山田太郎;鈴木一郎；佐藤花子", ("山田太郎", "鈴木一郎", "佐藤花子")),
        ("山田太郎/鈴木一郎／佐藤花子", ("山田太郎", "鈴木一郎", "佐藤花子")),
        ("山田太郎\n鈴木一郎\r\n佐藤花子", ("山田太郎", "鈴木一郎", "佐藤花子")),
        ("山田太郎､鈴木一郎", ("山田太郎", "鈴木一郎")),
        ("巡査 ジョン・スミス、巡査 山田太郎", ("巡査 ジョン・スミス", "巡査 山田太郎")),
        ("山田 太郎 鈴木 一郎", ("山田 太郎 鈴木 一郎",)),
        # spaces only, a rank starting each person
        (
            "警部補　松本浩　巡査部長　原田隆　巡査　菅原美咲",
            ("警部補 松本浩", "巡査部長 原田隆", "巡査 菅原美咲"),
        ),
        ("地域課長 警部 山田太郎 巡査 佐藤一", ("地域課長 警部 山田太郎", "巡査 佐藤一")),
        # 「・」 before a second rank separates people; inside a name it does not
        (
            "巡査部長　原口剛・警部補　内海陽介・巡査　柏木光",
            ("巡査部長 原口剛", "警部補 内海陽介", "巡査 柏木光"),
        ),
        ("巡査 ジョン・スミス・巡査 山田太郎", ("巡査 ジョン・スミス", "巡査 山田太郎")),
        ("交番所長　警部補　松本　浩", ("交番所長 警部補 松本 浩",)),
        ("、山田太郎、、鈴木一郎、", ("山田太郎", "鈴木一郎")),
        ("  山田　太郎  ", ("山田 太郎",)),
        ("", ()),
        (None, ()),
        ("、 ,", ()),
    ],
)
def test_split_names(value: object, expected: tuple[str, ...]) -> None:
    assert split_names(value) == expected


# --------------------------------------------------------------------------- canonical_category

KOBAN, INCIDENTS, FESTIVALS, OTHER = CATEGORIES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *((category, category) for category in CATEGORIES),
        ("交番等の活動状況", KOBAN),
        ("交番の活動状況", KOBAN),
        ("駐在所の活動状況", KOBAN),
        ("交番・駐在所の活動状況", KOBAN),
        ("ア 交番等の活動状況", KOBAN),
        ("ア　交番等の活動状況", KOBAN),
        ("(ア)交番等の活動状況", KOBAN),
        ("ｱ.交番等の活動状況", KOBAN),
        ("1 交番等の活動状況", KOBAN),
        ("①交番等の活動状況", KOBAN),
        ("交番等の\n活動状況", KOBAN),
        ("活動状況", KOBAN),
        ("地域住民等に身近な事件・事故等の発生状況", INCIDENTS),
        ("地域住民等に身近な事件，事故等の発生状況", INCIDENTS),
        ("地域住民等に身近な事件、事故等の発生状況", INCIDENTS),
        ("イ 地域住民等に身近な事件・事故等の発生状況", INCIDENTS),
        ("身近な事件・事故の発生状況", INCIDENTS),
        ("事件・事故の発生状況", INCIDENTS),
        ("事件・事故", INCIDENTS),
        ("事件事故等", INCIDENTS),
        ("地域の祭礼等の催事・行事", FESTIVALS),
        ("地域の抱える祭礼等の催事，行事の進め方", FESTIVALS),
        ("ウ 地域の祭礼等の催事・行事", FESTIVALS),
        ("祭礼・行事", FESTIVALS),
        ("地域の行事", FESTIVALS),
        ("祭礼等における事故防止", FESTIVALS),
        ("そ の 他", OTHER),
        ("その他", OTHER),
        ("そ　の　他", OTHER),
        ("エ その他", OTHER),
        ("その他（防犯）", OTHER),
        ("そのほか", OTHER),
        # unrelated text
        ("交通安全", None),
        ("防犯活動", None),
        ("交通事故防止", None),
        ("交番", None),
        ("イベント", None),
        ("区分", None),
        ("協議事項", None),
        ("ア", None),
        ("", None),
        ("  ", None),
        (None, None),
        (1, None),
    ],
)
def test_canonical_category(value: object, expected: str | None) -> None:
    assert canonical_category(value) == expected


# --------------------------------------------------------------------------- properties

DATES = st.dates(min_value=date(1989, 1, 8), max_value=date(2040, 12, 31))
WEEKDAY_SUFFIXES = ("（{}）", "({})", " ({})", "{}曜日", " {}曜日", "（{}曜日）")


def date_notations(d: date) -> list[str]:
    """Every text notation of `d` that parse_date supports, without a weekday."""
    name, letter, era_year = era_of(d)
    year_text = "元" if era_year == 1 else str(era_year)
    y, m, dd = d.year, d.month, d.day
    texts = [
        d.isoformat(),
        f"{y}-{m}-{dd}",
        f"{y}/{m:02d}/{dd:02d}",
        f"{y}/{m}/{dd}",
        f"{y}.{m:02d}.{dd:02d}",
        f"{y}.{m}.{dd}",
        f"{y}年{m}月{dd}日",
        f"{y}年{m:02d}月{dd:02d}日",
        f"{name}{year_text}年{m}月{dd}日",
        f"{name} {year_text} 年 {m} 月 {dd} 日",
        f"{name}{kanji(era_year) if era_year > 1 else '元'}年{kanji(m)}月{kanji(dd)}日",
        f"{letter}{era_year}.{m}.{dd}",
        f"{letter}{era_year:02d}.{m:02d}.{dd:02d}",
        f"{letter}{era_year}/{m}/{dd}",
        f"{letter}{era_year}-{m}-{dd}",
        f"{letter.lower()}{era_year}.{m}.{dd}",
        f"{letter}{year_text}年{m}月{dd}日",
        f"{name[0]}{era_year}.{m}.{dd}",
    ]
    return texts + [full_width(text) for text in texts]


@PROPERTY
@given(DATES)
def test_every_date_notation_parses_back(d: date) -> None:
    weekday = WEEKDAYS_JA[d.weekday()]
    for text in date_notations(d):
        assert parse_date(text) == DateParsed(d, None, None, clean_text(text)), text
        for suffix in WEEKDAY_SUFFIXES:
            written = text + suffix.format(weekday)
            result = parse_date(written)
            assert (result.value, result.weekday, result.problem) == (d, d.weekday(), None), written
    serial = excel_serial(d)
    for value in (serial, float(serial), serial + 0.25, d, datetime(d.year, d.month, d.day, 9)):
        assert parse_date(value).value == d, value


@PROPERTY
@given(DATES)
def test_wareki_parses_back(d: date) -> None:
    assert parse_date(wareki(d)).value == d
    with_weekday = parse_date(wareki(d, weekday=True))
    assert (with_weekday.value, with_weekday.weekday) == (d, d.weekday())
    when = parse_when(wareki(d, weekday=True) + "午後2時～午後3時30分")
    assert (when.date, when.weekday, when.start, when.end) == (d, d.weekday(), t(14), t(15, 30))
    assert (when.date_problem, when.time_problem) == (None, None)


@PROPERTY
@given(st.dates(min_value=date(1926, 12, 25), max_value=date(2200, 12, 31)))
def test_wareki_parses_back_across_eras(d: date) -> None:
    assert parse_date(wareki(d)).value == d


@PROPERTY
@given(st.integers(0, 24 * 60 - 1))
def test_every_time_notation_parses_back(minutes: int) -> None:
    h, m = divmod(minutes, 60)
    expected = time(h, m)
    marker, h12 = ("午前", h) if h < 12 else ("午後", h - 12)
    texts = [
        f"{h:02d}:{m:02d}",
        f"{h}:{m:02d}",
        f"{h}時{m}分",
        f"{h:02d}時{m:02d}分",
        f"{marker}{h12}時{m}分",
        f"{marker} {h12} 時 {m} 分",
        f"{kanji(h)}時{kanji(m)}分",
        f"{marker}{kanji(h12)}時{kanji(m)}分",
    ]
    if m == 0:
        texts += [f"{h}時", f"{marker}{h12}時"]
    if m == 30:
        texts += [f"{h}時半", f"{marker}{h12}時半"]
    for text in texts + [full_width(text) for text in texts]:
        assert parse_time(text) == Parsed(expected, None, clean_text(text)), text
    assert parse_time(minutes / 1440).value == expected
    assert parse_time(46310 + minutes / 1440).value == expected
    assert parse_time(expected).value == expected


@PROPERTY
@given(st.integers(0, 24 * 60 - 1), st.integers(1, 24 * 60 - 1))
def test_time_ranges_parse_back(start_minutes: int, length: int) -> None:
    end_minutes = min(start_minutes + length, 24 * 60 - 1)
    start, end = time(*divmod(start_minutes, 60)), time(*divmod(end_minutes, 60))
    for separator in ("～", "~", "-", "〜", " から ", "ー"):
        text = f"{start:%H:%M}{separator}{end:%H:%M}"
        assert parse_time_range(text) == TimeRange(start, end, None, clean_text(text)), text
    text = f"{start.hour}時{start.minute}分から{end.hour}時{end.minute}分まで"
    assert parse_time_range(text) == TimeRange(start, end, None, text)


@PROPERTY
@given(st.integers(0, 999))
def test_every_count_notation_parses_back(n: int) -> None:
    texts = [str(n), f"{n}人", f"{n}名", f" {n} 人 ", kanji(n), f"{kanji(n)}名", f"{kanji(n)}人"]
    for text in texts + [full_width(text) for text in texts]:
        assert parse_count(text).value == n, text
        assert parse_count(text).problem is None, text
    assert parse_count(n).value == n
    assert parse_count(float(n)).value == n


# --------------------------------------------------------------------------- never raises

# Characters that reach the deeper branches of the parsers.
_INTERESTING = st.sampled_from(
    list("0123456789０１２元年月日時分半令和平成昭RHSrh./-:：~～〜ー−から午前後正自至()（）[]")
    + list("木金曜祝■□○〇●☑☐✓レ×定期例臨時会議人名約十百千一二三警察官民間住民計、,;\n 　")
    + ["", "\u2028", "\u200b", "AM", "PM", "まで", "より", "その他", "交番", "事件", "祭礼"]
)
TEXTS = st.one_of(st.text(), st.lists(_INTERESTING, max_size=20).map("".join))
VALUES = st.one_of(
    TEXTS,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.times(),
)


def check_parsed(result: Parsed[object] | DateParsed) -> None:
    if result.problem is not None:
        assert result.problem in PROBLEMS
        assert result.value is None
        assert result.raw is not None
    elif result.raw is None:
        assert result.value is None
    else:
        assert result.value is not None


PARSERS: list[Callable[[object], Parsed[object] | DateParsed]] = [
    parse_date,
    parse_time,
    parse_count,
    parse_meeting_type,
]


@FUZZ
@given(VALUES)
def test_parsers_never_raise(value: object) -> None:
    for parser in PARSERS:
        check_parsed(parser(value))
    count = parse_count(value).value
    assert count is None or count >= 0
    times = parse_time_range(value)
    assert times.problem in (None, *PROBLEMS)
    if times.problem is None and times.raw is not None:
        assert times.start is not None or times.end is not None
    when = parse_when(value)
    assert when.date_problem in (None, *PROBLEMS)
    assert when.time_problem in (None, *PROBLEMS)
    if when.date_problem is not None:
        assert when.date is None and when.raw is not None
    if when.raw is not None and when.date_problem is None:
        assert when.date is not None
    pair = split_attendance(value)
    assert pair is None or (len(pair) == 2 and all(p is None or p for p in pair))
    names = split_names(value)
    assert all(isinstance(name, str) and name and name == clean_text(name) for name in names)
    assert canonical_category(value) in (None, *CATEGORIES)
    assert isinstance(label_key(value), str)
    meeting = parse_meeting_type(value).value
    assert meeting in (None, REGULAR, EXTRAORDINARY)


@FUZZ
@given(VALUES)
def test_clean_text_is_idempotent_and_tidy(value: object) -> None:
    text = clean_text(value)
    if text is None:
        return
    assert text == clean_text(text)
    for line in text.split("\n"):
        assert line
        assert line == line.strip()
        assert "  " not in line


@PROPERTY
@given(st.dates())
def test_wareki_never_raises(d: date) -> None:
    assert wareki(d, weekday=True).endswith(f"（{WEEKDAYS_JA[d.weekday()]}）")


def test_parsed_is_frozen() -> None:
    result = parse_count("3")
    with pytest.raises(AttributeError):
        result.value = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("美浜警察署　地域課", "美浜警察署"),
        ("美浜警察署地域課地域係", "美浜警察署"),
        ("中央警察署 生活安全課", "中央警察署"),
        ("美浜警察署", "美浜警察署"),
        ("美浜警察署 東交番", "美浜警察署 東交番"),  # not a section: left as written
        ("地域課", "地域課"),
    ],
)
def test_a_station_written_with_its_section_is_the_station(value: str, expected: str) -> None:
    from toolkit.normalize import station_of

    assert station_of(value) == expected
