"""The combined 開催日時 cell: a date, its weekday and the meeting's times in one text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from toolkit.normalize.dates import date_head, serial_date
from toolkit.normalize.problems import UNREADABLE
from toolkit.normalize.text import clean_text, kanji_to_arabic
from toolkit.normalize.times import fraction_time, read_range


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
    arabic = kanji_to_arabic(raw)
    head = date_head(arabic)
    if head is None:
        times = read_range(raw)
        if times.problem is None:
            return When(None, None, times.start, times.end, UNREADABLE, None, raw)
        return When(None, date_problem=UNREADABLE, raw=raw)
    written, end = head
    day, weekday, date_problem = written.value, written.weekday, written.problem
    rest = arabic[end:].lstrip(" \n,、・")
    if rest[:1] in ("T", "t") and rest[1:2].isdigit():
        rest = rest[1:]
    if not rest:
        return When(day, weekday, None, None, date_problem, None, raw)
    times = read_range(rest)
    return When(day, weekday, times.start, times.end, date_problem, times.problem, raw)


def _when_of_serial(value: float) -> When:
    raw = clean_text(value)
    if raw is None:
        return When(None)
    day = serial_date(value)
    if day is None:
        return When(None, date_problem=UNREADABLE, raw=raw)
    clock = fraction_time(value)
    return When(day, start=clock if clock != time(0) else None, raw=raw)
