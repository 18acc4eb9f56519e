"""The fictional prefecture's yearly plan (年間計画, 2(6)イ), made to fit its sample year.

Each council planned the 定期会議 it then held (in the month it held them, or the month
before when it slipped a little), one more meeting at the end of the fiscal year (still 予定
on the sample day), and a few councils planned a meeting they have not reported: the
planned meetings HQ must chase (督促).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from toolkit.fiscal import fy_start
from toolkit.model import REGULAR
from toolkit.registry import PlannedMeeting, Registry
from toolkit.samples.reports import SampleReport

# Councils whose planned meeting was not reported (the sample's 督促), and in which month.
UNREPORTED = 5
LATE_MONTHS = (6, 7, 8)


def yearly_plan(
    registry: Registry, reports: list[SampleReport], fiscal_year: int, seed: int
) -> tuple[PlannedMeeting, ...]:
    """A plan for `fiscal_year` consistent with the sample reports."""
    rng = random.Random(seed)
    held: dict[str, list[date]] = defaultdict(list)
    regular: dict[str, list[date]] = defaultdict(list)
    for report in reports:
        day = report.values.get("date")
        if isinstance(day, date):
            held[report.council.council_id].append(day)
            if report.values.get("meeting_type") != "臨時会議":
                regular[report.council.council_id].append(day)
    chased = _unreported(registry, held, fiscal_year, rng)
    plans: list[PlannedMeeting] = []
    for council in registry.councils:
        months = sorted({_month(d, rng) for d in regular.get(council.council_id, [])})
        if council.council_id in chased:
            months.append(chased[council.council_id])
        months.append(_first(fiscal_year, rng.choice((1, 2, 3))))
        for month in sorted(set(months)):
            plans.append(PlannedMeeting(fiscal_year, council.council_id, month, REGULAR))
    return tuple(plans)


def _unreported(
    registry: Registry, held: dict[str, list[date]], fiscal_year: int, rng: random.Random
) -> dict[str, date]:
    """A few councils and a summer month in which they planned a meeting they never
    reported: no meeting of theirs falls within a month of it."""
    councils = list(registry.councils)
    rng.shuffle(councils)
    out: dict[str, date] = {}
    for council in councils:
        for month in rng.sample(LATE_MONTHS, len(LATE_MONTHS)):
            planned = _first(fiscal_year, month)
            days = held.get(council.council_id, [])
            if all(abs((d.year - planned.year) * 12 + d.month - planned.month) > 1 for d in days):
                out[council.council_id] = planned
                break
        if len(out) == UNREPORTED:
            break
    return out


def _month(day: date, rng: random.Random) -> date:
    first = day.replace(day=1)
    if rng.random() < 0.2 and first.month != 4:  # held a month later than planned
        return (
            first.replace(month=first.month - 1)
            if first.month > 1
            else first.replace(year=first.year - 1, month=12)
        )
    return first


def _first(fiscal_year: int, month: int) -> date:
    start = fy_start(fiscal_year)
    return date(start.year + (month < 4), month, 1)
