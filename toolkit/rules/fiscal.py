"""Rules across reports, per fiscal year (C1–C4 of SPEC.md): they decide, the summary lays
out what they decided.

- C1 each registered council holds its 定期会議 every fiscal year (Art. 6(2)): held / not
  yet, and how many months are left;
- C2 submission against the yearly plan (2(6)イ): each planned meeting 実施済 / 予定 / 督促,
  a council without a plan 計画なし; the days from a meeting to its receipt (2(9) 速やかに);
- C3 open requests and how long they have been open (2(7)): `toolkit.rules.requests`;
- C4 臨時会議 per police station: a signal of a series of incidents (Art. 6(3), 2(6)ウ).

Each rule takes plain facts (counts, dates, texts) and returns a small value; none of them
knows pandas or the ledger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from toolkit.fiscal import month_end
from toolkit.registry import PlannedMeeting
from toolkit.settings import Settings

# Words the summary prints for what the rules decided (the writer colours them).
HELD, NOT_HELD = "実施済", "年度内未実施"


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

PLAN_DONE, PLAN_DUE, PLAN_CHASE, NO_PLAN = "実施済", "予定", "督促", "計画なし"


@dataclass(frozen=True, slots=True)
class PlanStatus:
    """C2 for one planned meeting: done (by the report of `held`), due, or to chase."""

    planned: PlannedMeeting
    status: str
    held: date | None = None  # the meeting that fulfilled it
    days_over: int | None = None  # for 督促: days since the planned month ended


def plan_statuses(
    planned: Sequence[PlannedMeeting], meetings: Sequence[date], settings: Settings
) -> list[PlanStatus]:
    """C2 for one council's planned meetings of a fiscal year, given the dates of its
    meetings (2(6)イ 年間計画).

    A planned meeting is 実施済 when a meeting of the council was held in the planned month,
    or the month before or after; each meeting fulfils at most one planned meeting, the
    earliest it can. An unfulfilled one is 督促 when its month ended more than
    `settings.reminder_days` before `settings.today` (速やかに報告, 2(9)), else 予定.
    Reports follow meetings: a month without a meeting is never by itself 未提出.
    """
    order = sorted(planned, key=lambda p: (p.month, p.row))
    held: dict[int, date] = {}
    for day in sorted(meetings):
        for i, plan in enumerate(order):
            if i not in held and abs(_months_between(plan.month, day)) <= 1:
                held[i] = day
                break
    out = []
    for i, plan in enumerate(order):
        if i in held:
            out.append(PlanStatus(plan, PLAN_DONE, held[i]))
            continue
        ended = month_end(plan.month.year, plan.month.month)
        over = (settings.today - ended).days
        if over > settings.reminder_days:
            out.append(PlanStatus(plan, PLAN_CHASE, None, over))
        else:
            out.append(PlanStatus(plan, PLAN_DUE))
    return out


def _months_between(first: date, day: date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def late(meeting: date | None, received: date | None, settings: Settings) -> bool:
    """C2: a report received more than `settings.late_report_days` after its meeting."""
    if meeting is None or received is None:
        return False
    return (received - meeting).days > settings.late_report_days


# --- C3 ------------------------------------------------------------------------------------
# The status of each request is decided in `toolkit.rules.requests` (R5 shares it).


# --- C4 ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExtraordinaryCount:
    """C4 for one police station: 臨時会議 of the period and of the fiscal year so far."""

    in_period: int
    in_year: int


def extraordinary(in_period: int, in_year: int) -> ExtraordinaryCount:
    """C4: how many 臨時会議 a station held (a signal of a crime series, Art. 6(3))."""
    return ExtraordinaryCount(in_period, in_year)
