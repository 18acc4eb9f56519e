"""Values as officers type them: dates (和暦), times, counts, ticked options, names.

Every parser takes whatever a cell holds (str, int, float, date, datetime, time, None or
anything else) and returns a result object; none of them raises. A result is either blank
(nothing written), a value, or a problem code with the cleaned text in `raw`:

- `UNREADABLE`: the text is not a value of the expected kind ("多数", "約10人");
- `NONEXISTENT`: it reads as a value that does not exist (2月30日, 25:00, 令和元年4月30日);
- `NOT_WHOLE`: a count with a fraction;
- `NEGATIVE`: a count below zero;
- `AMBIGUOUS`: more than one reading (both meeting types ticked, 午後 and AM at once).

Whenever a result has a problem its value is None. Text is compared after NFKC, so
full-width digits, letters and katakana, and half-width katakana, are read like their
ordinary forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar

from toolkit.era import ERA_NAMES, WEEKDAYS_JA, Era
from toolkit.model import CATEGORIES, EXTRAORDINARY, REGULAR

T = TypeVar("T")

UNREADABLE = "unreadable"
NONEXISTENT = "nonexistent"
NOT_WHOLE = "not-whole"
NEGATIVE = "negative"
AMBIGUOUS = "ambiguous"
PROBLEMS = (UNREADABLE, NONEXISTENT, NOT_WHOLE, NEGATIVE, AMBIGUOUS)


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A value read from a cell: `value`, or a `problem` code, or blank (both None)."""

    value: T | None
    problem: str | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class DateParsed:
    """A date and the weekday written beside it in brackets (0 = Monday), if any."""

    value: date | None
    weekday: int | None = None
    problem: str | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class TimeRange:
    """Start and end of a meeting; either may be missing."""

    start: time | None
    end: time | None = None
    problem: str | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class When:
    """What one combined 開催日時 cell says: date, weekday and times, each with its problem."""

    date: date | None
    weekday: int | None = None
    start: time | None = None
    end: time | None = None
    date_problem: str | None = None
    time_problem: str | None = None
    raw: str | None = None


# --------------------------------------------------------------------------- text

_WHITESPACE = re.compile(r"\s+")
# Zero-width characters that Word and web pages leave in pasted text.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(value: object) -> str | None:
    """The text of a cell as compared and shown: NFKC, one space between words, no blank lines.

    Each line has its whitespace runs (ideographic spaces and tabs included) collapsed to one
    space and is trimmed; empty lines are dropped; lines are joined by "\\n". Numbers are
    written as Excel shows them (934.0 → "934"), dates in ISO form, times as "HH:MM".
    None, booleans, NaN and text with nothing but whitespace give None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more digits than Python will print
            return None
    elif isinstance(value, float):
        if value != value:  # NaN: an empty cell read through a data frame
            return None
        return str(int(value)) if value.is_integer() else str(value)
    elif isinstance(value, datetime):
        day = value.date().isoformat()
        if value.time() == time(0):
            return day
        return f"{day} {_hhmm(value.time())}"
    elif isinstance(value, date):
        return value.isoformat()
    elif isinstance(value, time):
        return _hhmm(value)
    else:
        try:
            text = str(value)
        except Exception:
            return None
    text = unicodedata.normalize("NFKC", text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if text.isprintable():  # one line, no tabs: the common case, done the fast way
        return " ".join(text.split()) or None
    lines = (_WHITESPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def _hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def label_key(value: object) -> str:
    """A printed label reduced for matching: NFKC, no whitespace at all, no colon at the ends.

    "所　属：" and "所属" both give "所属"; "参考事項（写真添付）" gives "参考事項(写真添付)".
    Anything that is not a string gives "".
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = _INVISIBLE.sub("", _WHITESPACE.sub("", text))
    return text.strip(":")


# --------------------------------------------------------------------------- numerals

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_RUN = re.compile("[〇零一二三四五六七八九十百千]+")


def _kanji_number(run: str) -> str | None:
    """Arabic digits for a run of kanji numerals, or None when the run is irregular.

    Positional runs (二〇二六) are read digit by digit; runs with 十百千 are read as
    numbers (百二十 → 120, 二千二十六 → 2026).
    """
    if not any(ch in _KANJI_UNITS for ch in run):
        return "".join(str(_KANJI_DIGITS[ch]) for ch in run)
    total = 0
    digit: int | None = None
    last_unit = 10000
    for ch in run:
        if ch in _KANJI_DIGITS:
            if digit is not None:
                return None
            digit = _KANJI_DIGITS[ch]
        else:
            unit = _KANJI_UNITS[ch]
            if unit >= last_unit or digit == 0:
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
    return str(total + (digit or 0))


def _arabic(text: str) -> str:
    """Text with every regular run of kanji numerals written in Arabic digits."""
    if not _KANJI_RUN.search(text):
        return text
    return _KANJI_RUN.sub(lambda m: _kanji_number(m.group()) or m.group(), text)


# --------------------------------------------------------------------------- dates


# Excel's 1900 date system counts 1900-02-29, a day that never was, as serial 60, so
# from serial 61 on the epoch is one day earlier than the count suggests.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_LAST = 2958465  # 9999-12-31
_SERIAL_MIN = 20000  # 1954-10-03
_SERIAL_MAX = 80000  # 2119-01-11, not accepted

_DATE_SEP = r"\s*[./\-\u2010\u2011\u2012\u2013\u2212]\s*"
_DATE = (
    r"(?:(?P<era>令和|平成|昭和|[令平昭RHS])\s*(?P<ey>[0-9]{1,3}|元)"
    r"|(?:西暦\s*)?(?P<gy>[0-9]{4}))"
    r"(?![0-9])"
    r"(?:\s*年\s*(?P<m1>[0-9]{1,2})(?![0-9])\s*月\s*(?P<d1>[0-9]{1,2})(?![0-9])(?:\s*日)?"
    rf"|{_DATE_SEP}(?P<m2>[0-9]{{1,2}}){_DATE_SEP}(?P<d2>[0-9]{{1,2}})(?![0-9]))"
)
_OPEN = r"[(\[〔【]"
_CLOSE = r"[)\]〕】]"
_WEEKDAY = (
    rf"\s*(?:{_OPEN}\s*(?:(?P<wd1>[月火水木金土日])(?:曜日?)?"
    r"|(?P<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)"
    rf"(?:\s*[・,、/]\s*(?:祝|祭|休)日?)?\s*{_CLOSE}"
    r"|(?P<wd2>[月火水木金土日])曜日?"
    rf"|{_OPEN}\s*(?:祝|祭)日?\s*{_CLOSE})"
)
# A midnight time after a date, as written by programs that print datetimes.
_MIDNIGHT = r"(?:\s*T?\s*0?0:00(?::00)?)?"
_DATE_ONLY_RE = re.compile(rf"\s*{_DATE}{_MIDNIGHT}(?:{_WEEKDAY})?\s*", re.IGNORECASE)
_DATE_HEAD_RE = re.compile(rf"\s*{_DATE}(?:{_WEEKDAY})?", re.IGNORECASE)
_EN_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_date(value: object) -> DateParsed:
    """A date from a date-only cell, and the weekday written beside it.

    Accepted: date and datetime objects; Excel serial numbers of the 1900 date system
    from 20000 to 79999 (1954-10-03 to 2119-01-10, anything else is UNREADABLE); text such as
    2026/10/15, 2026-10-15, 2026.10.15, 2026年10月15日, 令和8年10月15日, 令和元年5月1日,
    R8.10.15, R8/10/15, 令8.10.15, H30.1.1, 平成30年1月1日, S64.1.7, in full or half width,
    with spaces anywhere (令和 8 年) and kanji numerals (令和八年十月十五日). A weekday may
    follow in brackets, （木） (木曜日) [木・祝], or as 木曜日; it is returned, 0 = Monday.
    Two-digit Gregorian years, dates without a year and text after the date are UNREADABLE.

    Eras: 昭和 from 1926-12-25, 平成 from 1989-01-08, 令和 from 2019-05-01. A date before
    the first day of its era is NONEXISTENT (令和元年4月30日, 平成元年1月7日). A date after
    its era ended is read as the Gregorian date it names (平成31年5月1日 → 2019-05-01,
    平成32年 → 2020), because forms printed before an era change stay valid in Japanese
    administrative practice. Impossible calendar dates (2月30日, 13月) are NONEXISTENT.
    """
    if isinstance(value, datetime):
        return DateParsed(value.date(), raw=clean_text(value))
    if isinstance(value, date):
        return DateParsed(value, raw=value.isoformat())
    if isinstance(value, bool):
        return DateParsed(None, problem=UNREADABLE, raw=str(value).upper())
    if isinstance(value, int | float):
        raw = clean_text(value)
        if raw is None:
            return DateParsed(None)
        day = _serial_date(value)
        if day is None:
            return DateParsed(None, problem=UNREADABLE, raw=raw)
        return DateParsed(day, raw=raw)
    raw = clean_text(value)
    if raw is None:
        return DateParsed(None)
    match = _DATE_ONLY_RE.fullmatch(_arabic(raw))
    if match is None:
        return DateParsed(None, problem=UNREADABLE, raw=raw)
    day, problem = _date_of(match)
    return DateParsed(day, _weekday_of(match), problem, raw)


def _serial_date(value: float) -> date | None:
    """The date of an Excel serial in the accepted range, else None."""
    if not _SERIAL_MIN <= value < _SERIAL_MAX:  # also rejects NaN
        return None
    return _excel_day(int(value))


def _excel_day(serial: int) -> date | None:
    """The day of an Excel 1900-system serial: 1 is 1900-01-01, 61 is 1900-03-01.

    Serial 60 is Excel's 1900-02-29, a day that never was; it and serials outside
    1..2958465 (9999-12-31) give None.
    """
    if serial < 1 or serial == 60 or serial > _SERIAL_LAST:
        return None
    if serial < 60:
        return date(1899, 12, 31) + timedelta(days=serial)
    return _EXCEL_EPOCH + timedelta(days=serial)


def _date_of(match: re.Match[str]) -> tuple[date | None, str | None]:
    month = int(match["m1"] or match["m2"])
    day = int(match["d1"] or match["d2"])
    era: Era | None = None
    if match["gy"]:
        year = int(match["gy"])
    else:
        era = ERA_NAMES[match["era"].upper()]
        era_year = 1 if match["ey"] == "元" else int(match["ey"])
        if era_year == 0:
            return None, NONEXISTENT
        year = era.offset + era_year
    try:
        result = date(year, month, day)
    except ValueError:
        return None, NONEXISTENT
    if era is not None and result < era.start:
        return None, NONEXISTENT
    return result, None


def _weekday_of(match: re.Match[str]) -> int | None:
    written = match["wd1"] or match["wd2"]
    if written:
        return WEEKDAYS_JA.index(written)
    if match["en"]:
        return _EN_WEEKDAYS.index(match["en"][:3].lower())
    return None


# --------------------------------------------------------------------------- times

_MARKER = r"午前|午後|AM|PM|A\.M\.|P\.M\."


def _time_pattern(p: str) -> str:
    """One time of day; group names carry the prefix `p` so that two can share a regex."""
    return (
        rf"(?P<{p}pre>{_MARKER})?\s*"
        rf"(?:(?P<{p}noon>正午)"
        rf"|(?P<{p}h>[0-9]{{1,2}})(?![0-9])\s*"
        rf"(?:時\s*(?:(?P<{p}half>半)|(?P<{p}m1>[0-9]{{1,2}})(?![0-9])\s*分?)?"
        rf"|:\s*(?P<{p}m2>[0-9]{{2}})(?:\s*:\s*(?P<{p}sec>[0-9]{{2}}))?(?![0-9])))"
        rf"(?:\s*(?P<{p}post>{_MARKER}))?(?:\s*(?:頃|ごろ))?"
    )


_RANGE_SEP = r"~|〜|∼|-|ー|\u2010|\u2011|\u2012|\u2013|\u2014|\u2015|\u2212|から|より|至"
_TIME_RE = re.compile(
    rf"\s*(?:自\s*)?{_time_pattern('s')}\s*(?:から|より|まで|迄|~|〜)?\s*", re.IGNORECASE
)
_RANGE_RE = re.compile(
    rf"\s*(?:自\s*)?(?:{_time_pattern('s')})?\s*"
    rf"(?:(?P<sep>{_RANGE_SEP})\s*(?:至\s*)?(?:{_time_pattern('e')})?)?"
    r"\s*(?P<until>まで|迄)?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Clock:
    """One time read from text: the value or a problem, and its 午前/午後 marker."""

    value: time | None
    problem: str | None
    marker: str | None  # "am", "pm" or None
    explicit: bool  # the marker was written, not inherited


def _marker(text: str | None) -> str | None:
    if not text:
        return None
    return "am" if text == "午前" or text.replace(".", "").upper() == "AM" else "pm"


def _clock(match: re.Match[str], p: str, inherited: str | None = None) -> _Clock | None:
    """The time in groups prefixed `p`, or None when that part of the regex did not match."""
    if match[p + "noon"] is None and match[p + "h"] is None:
        return None
    before, after = _marker(match[p + "pre"]), _marker(match[p + "post"])
    if before and after and before != after:
        return _Clock(None, AMBIGUOUS, None, True)
    marker = before or after
    explicit = marker is not None
    if match[p + "noon"] is not None:
        if marker == "am":
            return _Clock(None, AMBIGUOUS, None, True)
        return _Clock(time(12, 0), None, "pm", True)
    hour = int(match[p + "h"])
    minute = 30 if match[p + "half"] else int(match[p + "m1"] or match[p + "m2"] or 0)
    second = int(match[p + "sec"] or 0)
    if not explicit and inherited and hour <= 12:
        marker = inherited
    if minute > 59 or second > 59:
        return _Clock(None, NONEXISTENT, marker, explicit)
    # 12 with either marker is the noon hour: meetings are not held at midnight, and
    # 午前12時 / 午後12時30分 are both used for midday in practice. 午後0時 is noon too.
    if (marker == "am" and hour > 12) or hour > 23:
        return _Clock(None, NONEXISTENT, marker, explicit)
    if marker == "pm" and hour < 12:
        hour += 12
    return _Clock(time(hour, minute, second), None, marker, explicit)


def parse_time(value: object) -> Parsed[time]:
    """A time of day from a cell.

    Accepted: time objects; datetimes (their time); numbers 0 <= x < 1 as Excel day
    fractions and date serials 20000–79999 (their fraction), rounded to the minute; text
    such as 14:00, 14:00:00, 14時, 14時30分, 14時半, 午後2時, 午後2時30分, 午前10時, 正午,
    2:00 PM, 十四時 — optionally followed by から/まで/～ (a start or end time in its own cell).
    午前0時 is 00:00; 午前12時 and 午後12時 are 12:00 (see `_clock`); 午前13時, 25:00 and
    14:60 are NONEXISTENT. 24:00 cannot be a time of day and is NONEXISTENT.
    """
    if isinstance(value, datetime):
        return Parsed(value.time(), raw=clean_text(value))
    if isinstance(value, time):
        return Parsed(value, raw=clean_text(value))
    if isinstance(value, bool):
        return Parsed(None, UNREADABLE, str(value).upper())
    if isinstance(value, int | float):
        raw = clean_text(value)
        if raw is None:
            return Parsed(None)
        fraction = _fraction_time(value)
        return Parsed(fraction, raw=raw) if fraction is not None else Parsed(None, UNREADABLE, raw)
    raw = clean_text(value)
    if raw is None or isinstance(value, date):
        return Parsed(None, UNREADABLE if raw else None, raw)
    match = _TIME_RE.fullmatch(_arabic(raw))
    if match is None:
        return Parsed(None, UNREADABLE, raw)
    clock = _clock(match, "s")
    if clock is None:  # cannot happen: the single-time regex needs an hour or 正午
        return Parsed(None, UNREADABLE, raw)
    return Parsed(clock.value, clock.problem, raw)


def _fraction_time(value: float) -> time | None:
    """The time of an Excel day fraction or datetime serial, rounded to the minute."""
    if 0 <= value < 1:
        fraction = value
    elif _SERIAL_MIN <= value < _SERIAL_MAX:
        fraction = value - int(value)
    else:
        return None
    minutes = min(round(fraction * 1440), 1439)  # 23:59:59.9 stays on its own day
    return time(minutes // 60, minutes % 60)


def parse_time_range(value: object) -> TimeRange:
    """Start and end times from one cell.

    Text such as 14:00～15:30, 14:00-15:30, 14:00 〜 15:30, 14時00分から15時30分まで,
    午後2時～3時半, 午前11時～午後1時, 自14時至15時; 19:00～ and 14時から give a start only,
    15時まで and ～15時 an end only. Separators: ～ 〜 ~ - ー − から より まで 至.

    An end without 午前/午後 inherits the start's marker when its hour is 12 or less
    (午後2時～3時半 ends at 15:30). When the inherited 午前 would put the end before the start
    (午前11時～1時), the end is read in the afternoon. A time object, datetime or Excel time
    value gives a start only.
    """
    if isinstance(value, bool):
        return TimeRange(None, None, UNREADABLE, str(value).upper())
    if isinstance(value, datetime | time | int | float):
        single = parse_time(value)
        return TimeRange(single.value, None, single.problem, single.raw)
    raw = clean_text(value)
    if raw is None:
        return TimeRange(None)
    if isinstance(value, date):
        return TimeRange(None, None, UNREADABLE, raw)
    return _range_of(raw)


def _range_of(raw: str) -> TimeRange:
    match = _RANGE_RE.fullmatch(_arabic(raw))
    if match is None:
        return TimeRange(None, None, UNREADABLE, raw)
    start = _clock(match, "s")
    end = _clock(match, "e", start.marker if start else None)
    if end is None and start is not None and match["until"] and not match["sep"]:
        start, end = None, start  # "15時まで": an end only
    if start is None and end is None:
        return TimeRange(None, None, UNREADABLE, raw)
    if (
        start is not None
        and end is not None
        and start.value is not None
        and end.value is not None
        and not end.explicit
        and start.marker == "am"
        and end.value < start.value
        and end.value.hour < 12
    ):
        end = _Clock(end.value.replace(hour=end.value.hour + 12), None, "pm", False)
    problem = (start.problem if start else None) or (end.problem if end else None)
    return TimeRange(start.value if start else None, end.value if end else None, problem, raw)


# --------------------------------------------------------------------------- 開催日時


def parse_when(text: object) -> When:
    """Date, weekday and times from one combined 開催日時 cell.

    E.g. 令和8年10月15日（木）午後2時～午後3時30分, 2026年6月12日（金）18時00分から19時30分まで,
    R8.10.15 14:00-15:30, 2026/10/15, a date, or a datetime (a time other than midnight is
    the start). The date is read as by `parse_date`, the rest as by `parse_time_range`.
    Text that does not begin with a readable date has date_problem UNREADABLE; its times
    are still read when the whole text is a time range.
    """
    if isinstance(text, datetime):
        start = text.time() if text.time() != time(0) else None
        return When(text.date(), start=start, raw=clean_text(text))
    if isinstance(text, date):
        return When(text, raw=text.isoformat())
    if isinstance(text, time):
        return When(None, start=text, date_problem=UNREADABLE, raw=clean_text(text))
    if isinstance(text, bool):
        return When(None, date_problem=UNREADABLE, raw=str(text).upper())
    if isinstance(text, int | float):
        return _when_of_serial(text)
    raw = clean_text(text)
    if raw is None:
        return When(None)
    arabic = _arabic(raw)
    match = _DATE_HEAD_RE.match(arabic)
    if match is None:
        times = _range_of(raw)
        if times.problem is None:
            return When(None, None, times.start, times.end, UNREADABLE, None, raw)
        return When(None, date_problem=UNREADABLE, raw=raw)
    day, date_problem = _date_of(match)
    weekday = _weekday_of(match)
    rest = arabic[match.end() :].lstrip(" \n,、・")
    if rest[:1] in ("T", "t") and rest[1:2].isdigit():
        rest = rest[1:]
    if not rest:
        return When(day, weekday, None, None, date_problem, None, raw)
    times = _range_of(rest)
    return When(day, weekday, times.start, times.end, date_problem, times.problem, raw)


def _when_of_serial(value: float) -> When:
    raw = clean_text(value)
    if raw is None:
        return When(None)
    day = _serial_date(value)
    if day is None:
        return When(None, date_problem=UNREADABLE, raw=raw)
    clock = _fraction_time(value)
    return When(day, start=clock if clock != time(0) else None, raw=raw)


# --------------------------------------------------------------------------- counts

_MINUS = "-\u2010\u2011\u2012\u2013\u2212ー"  # ー: what a Japanese IME types for "-"
_COUNT_RE = re.compile(
    rf"(?P<sign>[{_MINUS}])?\s*"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12})(?:\.(?P<frac>[0-9]{1,12}))?"
    r"\s*(?:人|名)?"
)


def parse_count(value: object) -> Parsed[int]:
    """A number of people: 12, 12.0, "１２", "12人", "１２名", "12 人", "十二名", "百二十", "〇".

    A fraction is NOT_WHOLE (12.5, "12.5人"), a value below zero NEGATIVE (-1, "−1"; this
    wins over NOT_WHOLE). Estimates and words ("約10人", "10名程度", "多数") and booleans are
    UNREADABLE.
    """
    if isinstance(value, bool):
        return Parsed(None, UNREADABLE, str(value).upper())
    if isinstance(value, int):
        if value < 0:
            return Parsed(None, NEGATIVE, clean_text(value))
        return Parsed(value, raw=clean_text(value))
    if isinstance(value, float):
        raw = clean_text(value)
        if raw is None:
            return Parsed(None)
        if value in (float("inf"), float("-inf")):
            return Parsed(None, UNREADABLE, raw)
        if value < 0:
            return Parsed(None, NEGATIVE, raw)
        if not value.is_integer():
            return Parsed(None, NOT_WHOLE, raw)
        return Parsed(int(value), raw=raw)
    raw = clean_text(value)
    if raw is None:
        return Parsed(None)
    if isinstance(value, date | time):
        return Parsed(None, UNREADABLE, raw)
    match = _COUNT_RE.fullmatch(_arabic(raw))
    if match is None:
        return Parsed(None, UNREADABLE, raw)
    number = int(match["int"].replace(",", ""))
    fraction = (match["frac"] or "").strip("0")
    if match["sign"] and (number or fraction):
        return Parsed(None, NEGATIVE, raw)
    if fraction:
        return Parsed(None, NOT_WHOLE, raw)
    return Parsed(number, raw=raw)


_ATTENDANCE_LABEL = re.compile(
    r"(?P<police>警察官|警察職員|警察(?!署))|(?P<civil>民間人|民間委員|民間|地域住民|住民)"
)
_ATTENDANCE_END = re.compile(r"[、,・/;\n]|合計|総数|計")


def split_attendance(text: object) -> tuple[str | None, str | None] | None:
    """The police and civilian counts of one cell that holds both, as text for `parse_count`.

    "警察官3人・民間10人", "警察官：３名、民間：１０名", "警察官 3 民間 10", "民間10人・警察官3人"
    give ("3人", "10人")-like pairs (police, civilian); a label with nothing after it gives
    None in its place. None when the text does not name both 警察官/警察 and 民間/住民.
    """
    raw = clean_text(text)
    if raw is None:
        return None
    labels = list(_ATTENDANCE_LABEL.finditer(raw))
    found: dict[str, str | None] = {}
    for i, label in enumerate(labels):
        kind = "police" if label["police"] else "civil"
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(raw)
        segment = raw[label.end() : stop].lstrip(" :=()[]")
        cut = _ATTENDANCE_END.search(segment)
        count = clean_text(segment[: cut.start()] if cut else segment)
        if count is not None:
            count = count.strip("()[] ") or None
        if found.get(kind) is None:
            found[kind] = count
    if "police" not in found or "civil" not in found:
        return None
    return found["police"], found["civil"]


# --------------------------------------------------------------------------- meeting type

# Marks that tick an option; ☒ is the checked state of Word's check box. × and its kin
# strike an option out, as they mean "no" in Japanese forms; they never tick one.
_TICKS = "■●○◯◎◉〇☑☒✓✔✅レ"
_UNTICKS = "□☐◻×✕✖☓✗✘"
_MEETING_TOKEN = re.compile(
    # Officers sometimes space the letters of a word out ("定　期"); one space is allowed.
    r"(?P<regular>定 ?期|定 ?例)(?: ?会 ?議| ?会)?"
    r"|(?P<extraordinary>臨 ?時)(?: ?会 ?議| ?会)?"
    rf"|{_OPEN}\s*(?P<bracket>[{_TICKS}{_UNTICKS}]?)\s*{_CLOSE}"
    rf"|(?P<mark>[{_TICKS}{_UNTICKS}])"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_MEETING_WORDS = {"regular": REGULAR, "extraordinary": EXTRAORDINARY}


def parse_meeting_type(value: object) -> Parsed[str]:
    """会議種別 as `regular` (定期会議) or `extraordinary` (臨時会議).

    Words: 定期, 定期会議, 定例, 定例会, 臨時, 臨時会議, "定期会議（年1回）", and the values
    "regular" / "extraordinary". Ticked options: a mark written directly before an option
    ticks it ("■定期 □臨時", "（○）定期（　）臨時", "○定期・臨時", "☑定期 ☐臨時", "レ定期");
    when the first mark comes after the first option, a mark ticks the option it touches
    without a space ("定期○ 臨時"), or the only option beside it ("定期 臨時 ○").
    Ticks: ■ ● ○ ◯ ◎ ◉ 〇 ☑ ☒ ✓ ✔ ✅ レ. Unticked or struck out: □ ☐ ◻ × ✕ ✖ ☓ ✗ ✘ and
    empty brackets. The letters of a word may be spaced out once ("定　期").

    One option alone (ticked or unmarked) is that option; one option alone and unticked
    is UNREADABLE (nothing chosen). Both options with exactly one ticked give it; both with
    no tick, both ticked, or a mark that belongs to neither or to both ("定期 ○ 臨時",
    "定期○臨時") are AMBIGUOUS. Nothing recognisable is UNREADABLE.
    """
    if isinstance(value, bool):
        return Parsed(None, UNREADABLE, str(value).upper())
    raw = clean_text(value)
    if raw is None:
        return Parsed(None)
    word = _MEETING_WORDS.get(raw.casefold())
    if word is not None:
        return Parsed(word, raw=raw)
    tokens = _meeting_tokens(raw)
    options = {kind for kind in tokens if kind in (REGULAR, EXTRAORDINARY)}
    if not options:
        return Parsed(None, UNREADABLE, raw)
    ticked, unticked, ambiguous = _assign_marks(tokens)
    if ambiguous or len(ticked) > 1:
        return Parsed(None, AMBIGUOUS, raw)
    if len(ticked) == 1:
        return Parsed(ticked.pop(), raw=raw)
    if len(options) == 1:
        (only,) = options
        if only in unticked:
            return Parsed(None, UNREADABLE, raw)
        return Parsed(only, raw=raw)
    return Parsed(None, AMBIGUOUS, raw)


def _meeting_tokens(raw: str) -> list[str]:
    """The kinds of the pieces of `raw`: an option, "tick", "untick", "space" or "other"."""
    tokens: list[str] = []
    for match in _MEETING_TOKEN.finditer(raw):
        mark = match["bracket"] if match["bracket"] is not None else match["mark"]
        if match["regular"]:
            tokens.append(REGULAR)
        elif match["extraordinary"]:
            tokens.append(EXTRAORDINARY)
        elif mark is not None:
            tokens.append("tick" if mark and mark in _TICKS else "untick")
        else:
            tokens.append("space" if match["space"] else "other")
    return tokens


def _neighbour(tokens: list[str], i: int, step: int) -> tuple[str | None, bool]:
    """The option beside the mark at `i` (step -1 before, +1 after) and whether it touches.

    Only whitespace may stand between a mark and its option; anything else means none.
    """
    j = i + step
    spaced = False
    if 0 <= j < len(tokens) and tokens[j] == "space":
        spaced = True
        j += step
    if 0 <= j < len(tokens) and tokens[j] in (REGULAR, EXTRAORDINARY):
        return tokens[j], not spaced
    return None, False


def _assign_marks(tokens: list[str]) -> tuple[set[str], set[str], bool]:
    """Options ticked, options unticked, and whether some mark could not be assigned."""
    ticked: set[str] = set()
    unticked: set[str] = set()
    ambiguous = False
    significant = [kind for kind in tokens if kind not in ("space", "other")]
    prefix_layout = bool(significant) and significant[0] in ("tick", "untick")
    for i, kind in enumerate(tokens):
        if kind not in ("tick", "untick"):
            continue
        before, before_touches = _neighbour(tokens, i, -1)
        after, after_touches = _neighbour(tokens, i, +1)
        if prefix_layout or before is None:
            target = after
        elif after is None or (before_touches and not after_touches):
            target = before
        elif after_touches and not before_touches:
            target = after
        else:
            target = None  # between two options and as close to both
        if target is None:
            if kind == "tick" or before or after:
                ambiguous = True
            continue
        (ticked if kind == "tick" else unticked).add(target)
    return ticked, unticked, ambiguous


# --------------------------------------------------------------------------- names, 区分

_NAME_SEPARATORS = re.compile(r"[、,;/\n]")


def split_names(value: object) -> tuple[str, ...]:
    """出席警察官名 split into names: "警部補　村上直人、巡査　北村陽菜" → two names.

    Separators: 、 ， , ; ； / ／ and line breaks. Not ・ (it joins the parts of foreign
    names) and not spaces (they separate rank and name). Each name is cleaned.
    """
    raw = clean_text(value)
    if raw is None:
        return ()
    names = (clean_text(part) for part in _NAME_SEPARATORS.split(raw))
    return tuple(name for name in names if name)


# Enumerators printed before a 区分: ア, (イ), ウ., 1, (2), ①.
_CATEGORY_ENUMERATOR = re.compile(
    r"^(?:\(?[アイウエオ]\)|[アイウエオ][.、,:)](?!$)|[アイウエオ](?=[^\u30a0-\u30ff])"
    r"|\(?[0-9]{1,2}[).、,:]?(?=[^0-9]))"
)
_CATEGORY_PUNCTUATION = re.compile(r"[・,、.。()\[\]「」『』〔〕【】]")
_KOBAN = ("交番", "駐在", "派出所")
_FESTIVAL = ("祭礼", "催事", "行事", "祭り")


def canonical_category(value: object) -> str | None:
    """The 区分 of an agenda row as one of `model.CATEGORIES`, or None when it is none of them.

    Printed and typed forms are accepted: 交番等の活動状況, 交番の活動状況, ア 交番等の活動状況,
    地域住民等に身近な事件・事故等の発生状況 (also with ，), 身近な事件・事故の発生状況,
    地域の祭礼等の催事・行事, 地域の抱える祭礼等の催事，行事の進め方, 祭礼・行事, そ の 他, その他.
    Matching looks for the words that name each category (交番/駐在 with 活動; 事件 or 事故
    with 発生 or 身近; 祭礼, 催事 or 行事; a leading その他), so unrelated text maps to None.
    """
    if not isinstance(value, str):
        return None
    key = label_key(value)
    key = _CATEGORY_ENUMERATOR.sub("", key, count=1)
    key = _CATEGORY_PUNCTUATION.sub("", key)
    if not key:
        return None
    koban, incidents, festivals, other = CATEGORIES
    if key.startswith(("その他", "そのほか", "その外")) or key == "他":
        return other
    if key == "活動状況" or ("活動" in key and any(word in key for word in _KOBAN)):
        return koban
    if ("事件" in key or "事故" in key) and (
        "発生" in key or "身近" in key or key.rstrip("等") in ("事件事故", "事件", "事故")
    ):
        return incidents
    if any(word in key for word in _FESTIVAL):
        return festivals
    return None
