"""The fiscal year (年度, April–March) and the periods HQ works in.

Everything that asks "which fiscal year", "which period", "how many months are left" or
"until when is this kept" asks here: the ledger, the aggregation, the rules, the samples.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from toolkit.era import ERA_NAMES, era_year, wareki
from toolkit.errors import InputError

FY_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
MONTH_HEADERS = tuple(f"{m}月" for m in FY_MONTHS)


def fiscal_year(day: date) -> int:
    """The fiscal year (April–March) a day belongs to: 2027-03-31 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fy_start(year: int) -> date:
    """1 April that starts fiscal year `year`."""
    return date(year, 4, 1)


def fy_end(year: int) -> date:
    """31 March that ends fiscal year `year`."""
    return date(year + 1, 3, 31)


def month_key(day: date) -> str:
    """The calendar month of a day as stored and compared: 2026-10."""
    return f"{day.year:04d}-{day.month:02d}"


def month_end(year: int, month: int) -> date:
    """The last day of a calendar month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def fy_month_index(month: int) -> int:
    """Position of a calendar month in the fiscal year: April 0 … March 11."""
    return FY_MONTHS.index(month)


def keep_until(day: date, years: int) -> date:
    """Last day a document made on `day` is kept: 31 March of fiscal year + `years`.

    Japanese public records count a retention period from 1 April of the fiscal year
    after the document was made, so a one-year document of 2026-10-15 is kept until
    2028-03-31.
    """
    return date(fiscal_year(day) + 1 + years, 3, 31)


def fy_label(year: int) -> str:
    """A fiscal year as written in Japanese: 令和8年度 (its era is that of 31 December)."""
    return era_year(date(year, 12, 31)) + "度"


@dataclass(frozen=True)
class Period:
    """A calendar month or a fiscal year (April–March), with its Japanese label."""

    kind: Literal["month", "fy"]
    start: date
    end: date
    fiscal_year: int
    label: str

    @property
    def fy_start(self) -> date:
        """April 1 of the period's fiscal year."""
        return fy_start(self.fiscal_year)

    @property
    def fy_end(self) -> date:
        """March 31 that ends the period's fiscal year."""
        return fy_end(self.fiscal_year)

    @property
    def fy_label(self) -> str:
        """The fiscal year's label, 令和8年度, also for a month period."""
        return fy_label(self.fiscal_year)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> Period:
        """The period just before: the month before, or the fiscal year before."""
        if self.kind == "fy":
            return fy_period(self.fiscal_year - 1)
        year, month = (
            (self.start.year, self.start.month - 1)
            if self.start.month > 1
            else (
                self.start.year - 1,
                12,
            )
        )
        return month_period(year, month)

    def year_before(self) -> Period:
        """The same period one fiscal year earlier."""
        if self.kind == "fy":
            return fy_period(self.fiscal_year - 1)
        return month_period(self.start.year - 1, self.start.month)


def month_period(year: int, month: int) -> Period:
    """The period of one calendar month, labelled 令和8年10月."""
    start = date(year, month, 1)
    end = month_end(year, month)
    label = wareki(start)[: -len("1日")]
    return Period("month", start, end, fiscal_year(start), label)


def fy_period(year: int) -> Period:
    """The period of one fiscal year (April 1 – March 31), labelled 令和8年度."""
    return Period("fy", fy_start(year), fy_end(year), year, fy_label(year))


_MONTH_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})月?")
_FY_RE = re.compile(r"(?:FY(\d{4})|(\d{4})年度)", re.IGNORECASE)
_ERA_RE = re.compile(
    r"(令和|平成|昭和|[令平昭RHS])(\d{1,2}|元)年(?:(\d{1,2})月|(度))", re.IGNORECASE
)


def parse_period(text: str) -> Period:
    """A period from 2026-10, 2026/10, 2026年10月, 令和8年10月, R8年10月, FY2026, 2026年度
    or 令和8年度. Raises `InputError` with a Japanese message for anything else."""
    raw = "".join(unicodedata.normalize("NFKC", str(text)).split())
    match = _FY_RE.fullmatch(raw)
    if match:
        year = int(match.group(1) or match.group(2))
        if 1900 <= year <= 2200:
            return fy_period(year)
    match = _MONTH_RE.fullmatch(raw)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1900 <= year <= 2200 and 1 <= month <= 12:
            return month_period(year, month)
    match = _ERA_RE.fullmatch(raw)
    if match:
        era = ERA_NAMES[match.group(1).upper()]
        number = 1 if match.group(2) == "元" else int(match.group(2))
        year = era.gregorian(number)
        if number >= 1 and match.group(4):
            return fy_period(year)
        if number >= 1 and match.group(3) and 1 <= int(match.group(3)) <= 12:
            month = int(match.group(3))
            if date(year, month, 1) >= era.start.replace(day=1):
                return month_period(year, month)
    raise InputError(
        f"集計期間「{text}」を読み取れません。"
        "月は「2026-10」（2026年10月・令和8年10月）、年度は「FY2026」（2026年度・令和8年度）"
        "のように指定してください。"
    )


def months_left(period: Period, today: date) -> int:
    """Whole months left in the fiscal year after the status date, to hold a 定期会議.

    The status date is the end of a month period, and for a fiscal year `today` (kept
    inside the year: 12 before it starts, 0 after it ends).
    """
    if period.kind == "fy" and today < period.start:
        return 12
    as_of = period.end if period.kind == "month" else min(today, period.end)
    return 11 - fy_month_index(as_of.month)


def month_starts(year: int) -> list[date]:
    """The first day of each month of fiscal year `year`, April to March."""
    return [date(year + (m < 4), m, 1) for m in FY_MONTHS]
