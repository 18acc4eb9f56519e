"""Japanese eras (和暦): their first days, and dates written the way the form writes them.

The vocabulary's calendar: `normalize` reads era dates with it, `fiscal` labels fiscal
years with it, every output writes dates with `wareki`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WEEKDAYS_JA = ("月", "火", "水", "木", "金", "土", "日")


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    start: date
    offset: int  # Gregorian year = offset + era year

    def gregorian(self, era_year: int) -> int:
        """The Gregorian year of a year of this era (令和8 → 2026)."""
        return self.offset + era_year


SHOWA = Era("昭和", date(1926, 12, 25), 1925)
HEISEI = Era("平成", date(1989, 1, 8), 1988)
REIWA = Era("令和", date(2019, 5, 1), 2018)
ERAS_NEWEST_FIRST = (REIWA, HEISEI, SHOWA)
# How an era's name is written: in full, by its first character, or by its letter.
ERA_NAMES = {
    "令和": REIWA,
    "令": REIWA,
    "R": REIWA,
    "平成": HEISEI,
    "平": HEISEI,
    "H": HEISEI,
    "昭和": SHOWA,
    "昭": SHOWA,
    "S": SHOWA,
}


def era_of(day: date) -> Era | None:
    """The era a day belongs to, or None before 昭和."""
    return next((era for era in ERAS_NEWEST_FIRST if day >= era.start), None)


def era_year(day: date) -> str:
    """The year of a day as written in its era: 令和8年, 令和元年; 1900年 before 昭和."""
    era = era_of(day)
    if era is None:
        return f"{day.year}年"
    year = day.year - era.offset
    return f"{era.name}{'元' if year == 1 else year}年"


def wareki(d: date, *, weekday: bool = False) -> str:
    """A date as written on the form: 令和8年10月15日, 令和元年5月1日, 平成31年4月30日.

    With `weekday`, the weekday follows in full-width brackets: 令和8年10月15日（木）.
    Dates before 昭和 are written with the Gregorian year (1900年1月1日).
    """
    text = f"{era_year(d)}{d.month}月{d.day}日"
    if weekday:
        text += f"（{WEEKDAYS_JA[d.weekday()]}）"
    return text


def short_date(d: date) -> str:
    """A date as the summary's tables show it: R8.10.15 (the Gregorian date before 昭和)."""
    era = era_of(d)
    if era is None:
        return d.isoformat()
    letter = {"令和": "R", "平成": "H", "昭和": "S"}.get(era.name, era.name)
    return f"{letter}{d.year - era.offset}.{d.month}.{d.day}"
