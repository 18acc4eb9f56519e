"""Sample report contents that read like real minutes, with the findings each must produce.

`generate_reports` plans meetings for the councils of a registry over a fiscal year (each
council once or more, mostly 定期会議, some 臨時会議 after a series of incidents), and writes
for each the values an officer would type into the form. With `mistakes`, that share of the
reports gets one honest mistake from `MISTAKES`; every report lists in `planted` exactly the
findings its content must produce (a request without a completed answer always gives R5:
R5.open-request when blank, R5.pending-request when still being handled).

Everything is decided by `random.Random(seed)`: the same registry, arguments and seed give
equal lists. No Excel library is used here; `toolkit.writing.fill` writes the values.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from toolkit.registry import Council, Registry
from toolkit.rules.requests import ANSWERED, OPEN, written_status
from toolkit.samples.cast import cast_of
from toolkit.samples.minutes import MAX_REQUESTS, minutes, resubmission
from toolkit.samples.mistakes import MISTAKES_BY_NAME
from toolkit.samples.planner import Slot, meeting_window, plan_meetings
from toolkit.settings import Settings


@dataclass(frozen=True)
class Planted:
    """A finding the content is expected to produce, e.g. ("R5.open-request",
    "requests[1].response")."""

    code: str
    field: str | None


@dataclass(frozen=True)
class SampleReport:
    """One filled report: the values by template defined name and what they must produce."""

    council: Council
    values: dict[str, object]
    planted: tuple[Planted, ...]
    file_stem: str


def generate_reports(
    registry: Registry,
    *,
    count: int,
    seed: int,
    fiscal_year: int = 2026,
    until: date = date(2026, 11, 20),
    mistakes: float = 0.0,
) -> list[SampleReport]:
    """`count` sample reports of the registry's councils, held from 1 April of
    `fiscal_year` up to `until`; a `mistakes` share of them with one honest mistake each.

    Every council gets a meeting before any gets a second one. Raises ValueError when the
    arguments leave no room for `count` meetings.
    """
    if count < 0 or not 0.0 <= mistakes <= 1.0:
        raise ValueError("count must be ≥ 0 and mistakes between 0 and 1")
    if count == 0:
        return []
    if not registry.councils:
        raise ValueError("the registry has no councils")
    window = meeting_window(registry, count, fiscal_year, until)

    rng = random.Random(seed)
    slots = plan_meetings(registry, window, count, round(count * mistakes), rng)
    casts = {c.council_id: cast_of(c, seed) for c in registry.councils}
    for slot in slots:
        if slot.original is None:
            slot.clean = minutes(casts[slot.council.council_id], slot, rng)
    for slot in slots:
        if slot.original is not None:
            slot.clean = resubmission(slots[slot.original].clean, rng)
    return _finish(slots, registry, rng)


def _finish(slots: list[Slot], registry: Registry, rng: random.Random) -> list[SampleReport]:
    """Each slot's values with its mistake applied and the findings they must produce, under
    a file stem of its own, in date order."""
    duplicated = {s.original for s in slots if s.original is not None}
    stems: set[str] = set()
    out: list[SampleReport] = []
    for index, slot in enumerate(slots):
        values = dict(slot.clean)
        planted: list[Planted] = []
        mistake = MISTAKES_BY_NAME[slot.mistake] if slot.mistake else None
        if mistake is not None and mistake.apply is not None:
            mistake.apply(values, rng, registry)
        if mistake is not None:
            planted.append(Planted(mistake.code, mistake.field))
        if index in duplicated:
            planted.append(Planted("R7.duplicate", None))
        planted.extend(_open_requests(values))
        stem = f"{slot.day.isoformat()}_{slot.council.name}"
        n = 2
        while stem in stems:
            stem = f"{slot.day.isoformat()}_{slot.council.name}_{n}"
            n += 1
        stems.add(stem)
        out.append(SampleReport(slot.council, values, tuple(planted), stem))
    out.sort(key=lambda r: (r.file_stem[:10], r.council.council_id, r.file_stem))
    return out


def _open_requests(values: dict[str, object]) -> list[Planted]:
    """R5 for every request whose answer is not a completed one: blank (open), or saying it
    is still being handled (pending: 上申した, 依頼した … by the default words)."""
    out = []
    for n in range(1, MAX_REQUESTS + 1):
        if not values.get(f"request_{n}"):
            continue
        response = values.get(f"response_{n}")
        written = written_status(str(response) if response else None, _DEFAULTS)
        if written == OPEN:
            out.append(Planted("R5.open-request", f"requests[{n - 1}].response"))
        elif written != ANSWERED:
            out.append(Planted("R5.pending-request", f"requests[{n - 1}].response"))
    return out


_DEFAULTS = Settings()
