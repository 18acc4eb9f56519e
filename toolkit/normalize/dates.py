"""Dates as officers type them (和暦 or Gregorian, with a weekday), and Excel serials."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from toolkit.era import ERA_NAMES, WEEKDAYS_JA, Era
from toolkit.normalize.problems import NONEXISTENT, UNREADABLE
from toolkit.normalize.text import CLOSE_BRACKET, OPEN_BRACKET, clean_text, kanji_to_arabic


@dataclass(frozen=True, slots=True)
class DateParsed:
    """A date and the weekday written beside it in brackets (0 = Monday), if any."""

    value: date | None
    weekday: int | None = None
    problem: str | None = None
    raw: str | None = None


# Excel's 1900 date system counts 1900-02-29, a day that never was, as serial 60, so
# from serial 61 on the epoch is one day earlier than the count suggests.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_LAST = 2958465  # 9999-12-31
# The serials read as dates (and their fractions as times) when a cell holds a number.
SERIAL_MIN = 20000  # 1954-10-03
SERIAL_MAX = 80000  # 2119-01-11, not accepted

_DATE_SEP = r"\s*[./\-\u2010\u2011\u2012\u2013\u2212]\s*"
_DATE = (
    r"(?:(?P<era>令和|平成|昭和|[令平昭RHS])\s*(?P<ey>[0-9]{1,3}|元)"
    r"|(?:西暦\s*)?(?P<gy>[0-9]{4}))"
    r"(?![0-9])"
    r"(?:\s*年\s*(?P<m1>[0-9]{1,2})(?![0-9])\s*月\s*(?P<d1>[0-9]{1,2})(?![0-9])(?:\s*日)?"
    rf"|{_DATE_SEP}(?P<m2>[0-9]{{1,2}}){_DATE_SEP}(?P<d2>[0-9]{{1,2}})(?![0-9]))"
)
_WEEKDAY = (
    rf"\s*(?:{OPEN_BRACKET}\s*(?:(?P<wd1>[月火水木金土日])(?:曜日?)?"
    r"|(?P<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)"
    rf"(?:\s*[・,、/]\s*(?:祝|祭|休)日?)?\s*{CLOSE_BRACKET}"
    r"|(?P<wd2>[月火水木金土日])曜日?"
    rf"|{OPEN_BRACKET}\s*(?:祝|祭)日?\s*{CLOSE_BRACKET})"
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
        day = serial_date(value)
        if day is None:
            return DateParsed(None, problem=UNREADABLE, raw=raw)
        return DateParsed(day, raw=raw)
    raw = clean_text(value)
    if raw is None:
        return DateParsed(None)
    match = _DATE_ONLY_RE.fullmatch(kanji_to_arabic(raw))
    if match is None:
        return DateParsed(None, problem=UNREADABLE, raw=raw)
    day, problem = _date_of(match)
    return DateParsed(day, _weekday_of(match), problem, raw)


def date_head(text: str) -> tuple[DateParsed, int] | None:
    """The date (and weekday) that `text` begins with, and the offset where it ends.

    `text` has its kanji numerals already in Arabic digits; None when it does not begin
    with a date. The result's `raw` is None: the caller holds the whole text.
    """
    match = _DATE_HEAD_RE.match(text)
    if match is None:
        return None
    day, problem = _date_of(match)
    return DateParsed(day, _weekday_of(match), problem), match.end()


def serial_date(value: float) -> date | None:
    """The date of an Excel serial in the accepted range, else None."""
    if not SERIAL_MIN <= value < SERIAL_MAX:  # also rejects NaN
        return None
    return excel_day(int(value))


def excel_day(serial: int) -> date | None:
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
