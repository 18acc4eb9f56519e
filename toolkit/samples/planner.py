"""Planning the meetings of a fiscal year: which council meets on which day, which
meetings carry a mistake, which report repeats another (a duplicate), and which meetings
are 臨時会議 rather than 定期会議.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from toolkit.fiscal import fy_end, fy_start
from toolkit.registry import Council, Registry
from toolkit.samples.mistakes import KEEPS_MEETING, MISTAKES


@dataclass
class Slot:
    """One planned meeting: whose, when, with which mistake, and its values once written."""

    council: Council
    day: date
    mistake: str | None = None
    original: int | None = None  # for a duplicate: the slot it repeats
    extraordinary: bool = False
    clean: dict[str, object] = field(default_factory=dict)  # the values before any mistake


@dataclass(frozen=True)
class Window:
    """The days meetings may be held on: `first` to `last`, and of those the days outside
    every restricted period of the registry."""

    first: date
    last: date
    open_days: tuple[date, ...]


class TooManyMeetings(ValueError):
    """More meetings asked for than the councils can hold on the open days (one a day)."""

    def __init__(self, count: int, room: int, first: date, last: date):
        super().__init__(f"{count} meetings do not fit between {first} and {last}")
        self.count, self.room, self.first, self.last = count, room, first, last


def meeting_window(registry: Registry, count: int, fiscal_year: int, until: date) -> Window:
    """The days of `fiscal_year` up to `until` on which `count` meetings are planned.

    Raises ValueError when `until` is before the fiscal year or the open days cannot hold
    `count` meetings of the registry's councils.
    """
    first = fy_start(fiscal_year)
    last = min(until, fy_end(fiscal_year))
    if last < first:
        raise ValueError(f"until ({until}) is before fiscal year {fiscal_year}")
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    # Outside every period, whichever councils it concerns: a clean report is clean anywhere.
    open_days = tuple(d for d in days if not any(d in p for p in registry.periods))
    if count > len(open_days) * len(registry.councils):
        raise TooManyMeetings(count, len(open_days) * len(registry.councils), first, last)
    return Window(first, last, open_days)


def plan_meetings(
    registry: Registry, window: Window, count: int, mistakes: int, rng: random.Random
) -> list[Slot]:
    """`count` meetings of the registry's councils in `window`, `mistakes` of them with one
    mistake each, and which of them are 臨時会議."""
    slots = _plan(registry, count, window.open_days, rng)
    _assign_mistakes(slots, registry, mistakes, window.first, window.last, rng)
    _meeting_types(slots, rng)
    return slots


def _plan(
    registry: Registry, count: int, open_days: tuple[date, ...], rng: random.Random
) -> list[Slot]:
    """Meetings round by round: every council once (in random order), then again, …"""
    slots: list[Slot] = []
    used: dict[str, set[date]] = {c.council_id: set() for c in registry.councils}
    while len(slots) < count:
        for council in rng.sample(registry.councils, len(registry.councils)):
            if len(slots) == count:
                break
            taken = used[council.council_id]
            if len(taken) == len(open_days):
                continue
            day = rng.choice(open_days)
            while day in taken:
                day = rng.choice(open_days)
            taken.add(day)
            slots.append(Slot(council, day))
    return slots


def _assign_mistakes(
    slots: list[Slot],
    registry: Registry,
    how_many: int,
    first: date,
    last: date,
    rng: random.Random,
) -> None:
    """Give `how_many` slots one mistake each, the kinds taken in turn so all appear."""
    kinds = list(MISTAKES)
    period_days = [
        d
        for p in registry.periods
        for d in (p.start + timedelta(n) for n in range((p.end - p.start).days + 1))
        if first <= d <= last
    ]
    if not period_days:
        kinds = [k for k in kinds if k.name != "restricted-period"]
    if len(slots) < 2:
        kinds = [k for k in kinds if k.name != "duplicate"]
    rng.shuffle(kinds)
    chosen = rng.sample(range(len(slots)), how_many)
    for n, index in enumerate(chosen):
        slots[index].mistake = kinds[n % len(kinds)].name
    used = {(s.council.council_id, s.day) for s in slots}
    for slot in slots:
        if slot.mistake == "restricted-period":
            council = slot.council
            free = [
                d
                for d in period_days
                if (council.council_id, d) not in used
                and registry.periods_on(d, council.council_id, council.station)
            ]
            if not free:  # every day of every period already has this council's meeting
                slot.mistake = "blank-reporter"
                continue
            used.discard((slot.council.council_id, slot.day))
            slot.day = rng.choice(free)
            used.add((slot.council.council_id, slot.day))
    _pair_duplicates(slots, rng)


def _pair_duplicates(slots: list[Slot], rng: random.Random) -> None:
    """Point each duplicate at another report of a meeting it repeats (same council, date)."""
    candidates = [i for i, s in enumerate(slots) if s.mistake is None or s.mistake in KEEPS_MEETING]
    rng.shuffle(candidates)
    for slot in slots:
        if slot.mistake != "duplicate":
            continue
        if not candidates:  # nothing left to repeat: another mistake instead
            slot.mistake = "blank-reporter"
            continue
        slot.original = candidates.pop()
        original = slots[slot.original]
        slot.council, slot.day = original.council, original.day


def _meeting_types(slots: list[Slot], rng: random.Random) -> None:
    """The first meeting of each council in the year is 定期; later ones sometimes 臨時."""
    by_council: dict[str, list[Slot]] = {}
    for slot in slots:
        if slot.original is None:
            by_council.setdefault(slot.council.council_id, []).append(slot)
    for council_slots in by_council.values():
        council_slots.sort(key=lambda s: s.day)
        for slot in council_slots[1:]:
            slot.extraordinary = rng.random() < 0.3
