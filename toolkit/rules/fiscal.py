"""Rules across reports, per fiscal year (C1–C4 of SPEC.md): they decide, the summary lays
out what they decided.

- C1 each registered council holds its 定期会議 every fiscal year (Art. 6(2)): held / not
  yet, and how many months are left;
- C2 submission: a council reported in the period, or not;
- C3 open requests and how long they have been open (2(7));
- C4 臨時会議 per police station: a signal of a series of incidents (Art. 6(3), 2(6)ウ).

Each rule takes plain facts (counts, dates, texts) and returns a small value; none of them
knows pandas or the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from toolkit.settings import Settings

# Words the summary prints for what the rules decided (the writer colours them).
HELD, NOT_HELD = "実施済", "年度内未実施"
SUBMITTED, NOT_SUBMITTED = "提出済", "未提出"
ANSWERED, OPEN = "回答済", "未回答"
OVERDUE = "超過"


# --- C1 ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearlyRegular:
    """C1 for one council: 定期会議 held so far this fiscal year against what is required."""

    held: int
    required: int
    months_left: int

    @property
    def done(self) -> bool:
        return self.held >= self.required

    @property
    def label(self) -> str:
        """実施済 / 年度内未実施, with the count when more than one is required."""
        word = HELD if self.done else NOT_HELD
        if self.required <= 1:
            return word
        return f"{word}（{self.held}/{self.required}回）"


def yearly_regular(held: int, months_left: int, settings: Settings) -> YearlyRegular:
    """C1: has a council held its 定期会議 of the fiscal year (Art. 6(2): 年1回以上)?"""
    return YearlyRegular(held, settings.regular_meetings_per_year, months_left)


# --- C2 ------------------------------------------------------------------------------------


def submission(reports_in_period: int) -> str:
    """C2: 提出済 when a council reported in the period, else 未提出."""
    return SUBMITTED if reports_in_period > 0 else NOT_SUBMITTED


# --- C3 ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequestState:
    """C3 for one request: answered or open, days open, past the setting's limit."""

    status: str
    days_open: int | None
    overdue: bool


def request_state(answered: bool, raised: date, settings: Settings) -> RequestState:
    """C3: a request with an answer is done; an open one counts its days from the meeting
    at which it was raised to `settings.today`."""
    if answered:
        return RequestState(ANSWERED, None, False)
    days = (settings.today - raised).days
    return RequestState(OPEN, days, days > settings.open_request_overdue_days)


# --- C4 ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExtraordinaryCount:
    """C4 for one police station: 臨時会議 of the period and of the fiscal year so far."""

    in_period: int
    in_year: int


def extraordinary(in_period: int, in_year: int) -> ExtraordinaryCount:
    """C4: how many 臨時会議 a station held (a signal of a crime series, Art. 6(3))."""
    return ExtraordinaryCount(in_period, in_year)
