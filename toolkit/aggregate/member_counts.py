"""The member findings (M1–M6) as the summary counts them: per council, by kind in words,
and the terms ending soon (委嘱の準備) apart from the defects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from toolkit.findings import CATALOGUE
from toolkit.registry import Registry
from toolkit.rules.members import check_members
from toolkit.settings import Settings

# A term that ends soon is a 委嘱 diary item (prepare the reappointment), not a defect.
DIARY = "M3.ending-soon"


@dataclass
class MemberSummary:
    """What the summary says of the members: defects per council and by kind (M-codes in
    words), and apart from them the terms ending soon (委嘱の準備)."""

    per_council: dict[str, int]  # 協議会ID → findings that are defects
    by_title: dict[str, int]  # the finding's title (人数, 任期満了 …) → how many
    councils: int  # councils with a defect
    ending_soon: int  # members whose term ends soon
    ending_councils: int


def findings_per_council(registry: Registry, settings: Settings) -> MemberSummary:
    """The member findings (M1–M6) of the registry as the summary counts them, by
    協議会ID, by kind in words, and the terms ending soon apart."""
    found = check_members(registry, settings)
    defects = [f for f in found if f.finding.code != DIARY]
    soon = [f for f in found if f.finding.code == DIARY]
    counts = Counter(f.council.council_id for f in defects)
    titles: Counter[str] = Counter()
    for f in sorted(defects, key=lambda f: f.finding.code):
        titles[CATALOGUE[f.finding.code].title] += 1
    return MemberSummary(
        {c.council_id: counts.get(c.council_id, 0) for c in registry.councils},
        dict(titles),
        len(counts),
        len(soon),
        len({f.council.council_id for f in soon}),
    )
