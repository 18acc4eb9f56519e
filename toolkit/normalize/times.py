"""Times of day and the start and end of a meeting, as officers type them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from toolkit.normalize.dates import SERIAL_MAX, SERIAL_MIN
from toolkit.normalize.problems import AMBIGUOUS, NONEXISTENT, UNREADABLE, Parsed
from toolkit.normalize.text import clean_text, kanji_to_arabic


@dataclass(frozen=True, slots=True)
class TimeRange:
    """Start and end of a meeting; either may be missing."""

    start: time | None
    end: time | None = None
    problem: str | None = None
    raw: str | None = None


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
        fraction = fraction_time(value)
        return Parsed(fraction, raw=raw) if fraction is not None else Parsed(None, UNREADABLE, raw)
    raw = clean_text(value)
    if raw is None or isinstance(value, date):
        return Parsed(None, UNREADABLE if raw else None, raw)
    match = _TIME_RE.fullmatch(kanji_to_arabic(raw))
    if match is None:
        return Parsed(None, UNREADABLE, raw)
    clock = _clock(match, "s")
    if clock is None:  # cannot happen: the single-time regex needs an hour or 正午
        return Parsed(None, UNREADABLE, raw)
    return Parsed(clock.value, clock.problem, raw)


def fraction_time(value: float) -> time | None:
    """The time of an Excel day fraction or datetime serial, rounded to the minute."""
    if 0 <= value < 1:
        fraction = value
    elif SERIAL_MIN <= value < SERIAL_MAX:
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
    return read_range(raw)


# Times typed as four digits, as on a duty roster: 1400-1530, 0930～1100.
_HHMM = re.compile(r"(?<![0-9:])([01]?[0-9]|2[0-3])([0-5][0-9])(?![0-9:])")
_HHMM_RANGE = re.compile(r"^\s*[0-9]{3,4}\s*(?:~|〜|-|ー|−|から)\s*[0-9]{3,4}\s*(?:まで)?\s*$")


def read_range(raw: str) -> TimeRange:
    """Start and end times from cleaned text, as `parse_time_range` reads a text cell."""
    if _HHMM_RANGE.match(raw):
        raw = _HHMM.sub(r"\1:\2", raw)
    match = _RANGE_RE.fullmatch(kanji_to_arabic(raw))
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
