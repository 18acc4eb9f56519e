"""Rules on who sits on a council (M1–M6 of SPEC.md), from the registry's 委員 and 協議会 sheets.

- M1 about 10 members (2(4)イ(ｱ) おおむね10人程度, 加減 allowed): a band around the setting;
- M2 about half of them community leaders, 区分 a/b/c (2(4)イ(ｱ)) — not asked of a 職種等
  council either, which chooses its members 「その目的等に則して」 (Art. 5(2));
- M3 terms of about two years (Art. 3(5)): expired, ending soon, far from two years, missing;
- M4 no long dependence on the same person (2(4)イ(ｱ) 長期間特定の者に依存, (ｲ) 新陳代謝):
  first appointed long ago, or many consecutive terms;
- M5 breadth of gender, age and occupation (Art. 3(3)); a 職種等 council (Art. 5) chooses
  「その目的等に則して」 instead (Art. 5(2)), so breadth is not asked of it;
- M6 the 運営責任者 fits the facility (Art. 3(6)): 交番 → 交番所長 or 交番班長, 警察署所在地 and
  幹部派出所 → 班長, 駐在所 → 駐在所員.

Everything that depends on "today" uses `settings.today` (--as-of). Each finding names the
registry cell it is about; rules never raise for what the registry holds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from toolkit.findings import Finding
from toolkit.registry import COUNCIL_SHEET, MEMBER_SHEET, Council, Member, Registry
from toolkit.settings import Settings

LEADER_GROUPS = ("a", "b", "c")  # 2(4)イ(ｱ) a–c
PURPOSE_KIND = "職種等"  # Art. 5: breadth read 「その目的等に則して」
MALE, FEMALE = "男性", "女性"

# M6: the roles Art. 3(6) names for each facility type. At a 交番, a bare 所長 or 班長 is the
# 交番's own (交番所長, 交番班長); elsewhere a title must be the one named.
ROLES: dict[str, tuple[str, ...]] = {
    "交番": ("交番所長", "交番班長", "所長", "班長"),
    "警察署所在地": ("班長",),
    "幹部派出所": ("班長",),
    "駐在所": ("駐在所員", "駐在員"),
}
EXPECTED_ROLE = {
    "交番": "交番所長又は交番班長",
    "警察署所在地": "班長",
    "幹部派出所": "班長",
    "駐在所": "駐在所員",
}
# Titles a 運営責任者 entry may carry, longest first so that 交番班長 is not read as 班長.
_TITLES = (
    "交番所長",
    "交番班長",
    "駐在所長",
    "駐在所員",
    "地域課長",
    "課長代理",
    "副署長",
    "駐在員",
    "地域官",
    "係長",
    "班長",
    "所長",
    "署長",
    "主任",
)
_TITLE = re.compile("|".join(_TITLES))
_DAYS_PER_YEAR = 365.25
_DAYS_PER_MONTH = _DAYS_PER_YEAR / 12

# Codes in the order findings of one council are listed.
FAMILIES = ("M1", "M2", "M3", "M4", "M5", "M6")
TERM_EXPIRED, TERM_SOON = "満了", "満了間近"


@dataclass(frozen=True, slots=True)
class MemberFinding:
    """A finding of M1–M6: about a council, and about one of its members when it says so."""

    council: Council
    finding: Finding
    member: Member | None = None

    def to_json(self) -> dict[str, Any]:
        """A `check` finding's JSON, with the council's 協議会ID."""
        return {**self.finding.to_json(), "council_id": self.council.council_id}


# --- what the roster and the summary ask about a member ------------------------------------


def full_years(start: date, end: date) -> int:
    """Whole years from `start` to `end` (0 when `end` is before the first anniversary)."""
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(years, 0)


@functools.lru_cache(maxsize=4096)  # a roster asks for the same few days 100,000 times
def months_later(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def years_served(member: Member, today: date) -> int | None:
    """Whole years since the first appointment (初委嘱日), or None when it is not known."""
    if member.first_appointed is None:
        return None
    return full_years(member.first_appointed, today)


def term_state(member: Member, settings: Settings) -> str:
    """満了 (the term has ended), 満了間近 (it ends within the notice months) or ''."""
    end = member.term_end
    if end is None:
        return ""
    if end < settings.today:
        return TERM_EXPIRED
    if end <= months_later(settings.today, settings.member_term_notice_months):
        return TERM_SOON
    return ""


def terms_served(member: Member) -> int | None:
    """Which consecutive term the member is in, counting terms as long as the current one
    from the first appointment (None when a date is missing)."""
    first, start, end = member.first_appointed, member.appointed, member.term_end
    if first is None or start is None or end is None:
        return None
    term = (end - start).days + 1
    if term <= 0 or first > end:  # the registry refuses these; a registry built in code may not
        return None
    return max(1, round(((end - first).days + 1) / term))


def long_serving(member: Member, settings: Settings) -> bool:
    """M4: first appointed more than `member_max_years` ago."""
    first = member.first_appointed
    return (
        first is not None and months_later(first, 12 * settings.member_max_years) < settings.today
    )


def is_leader(member: Member) -> bool:
    return member.group in LEADER_GROUPS


def gender_of(member: Member) -> str:
    """男性 / 女性 as written (男, 女性, Ｍ …), or '' when not said."""
    text = unicodedata.normalize("NFKC", member.gender).strip().upper()
    if text.startswith(("男", "M")):
        return MALE
    if text.startswith(("女", "F")):
        return FEMALE
    return ""


def role_of(manager: str) -> str | None:
    """The first title written in a 運営責任者 entry (交番所長, 班長 …), or None."""
    found = _TITLE.search("".join(unicodedata.normalize("NFKC", manager).split()))
    return found.group(0) if found else None


# --- the rules -----------------------------------------------------------------------------


def check_members(registry: Registry, settings: Settings) -> list[MemberFinding]:
    """M1–M6 for every council of the registry, council by council in registry order.

    A registry without any member (no 委員 sheet) gives no findings: there is no roster to
    check, and every council would otherwise be flagged for it.
    """
    if not registry.members:
        return []
    by_council = members_by_council(registry)
    out: list[MemberFinding] = []
    for council in registry.councils:
        out.extend(
            check_council(council, by_council.get(council.council_id, []), settings, registry)
        )
    return out


def members_by_council(registry: Registry) -> dict[str, list[Member]]:
    """Each council's members in registry order (one pass over the 委員 sheet)."""
    out: dict[str, list[Member]] = {}
    for m in registry.members:
        out.setdefault(m.council_id, []).append(m)
    return out


def check_council(
    council: Council, members: list[Member], settings: Settings, registry: Registry | None = None
) -> list[MemberFinding]:
    """M1–M6 for one council and its members, in the order of the codes."""
    where = _Where(registry)
    found: list[MemberFinding] = []
    for rule in (_size, _leaders, _terms, _tenure, _breadth, _manager):
        for finding, member in rule(council, members, settings, where):
            if finding is not None:
                found.append(MemberFinding(council, finding, member))
    return found


Found = Iterator[tuple[Finding | None, Member | None]]


class _Where:
    """Positions in the registry and their wording: 「委員」シート 12行目「任期満了日」: ."""

    def __init__(self, registry: Registry | None) -> None:
        self.registry = registry

    def council(self, council: Council, header: str) -> dict[str, Any]:
        return self._at(COUNCIL_SHEET, council.row, header)

    def member(self, member: Member, header: str) -> dict[str, Any]:
        return self._at(MEMBER_SHEET, member.row, header)

    def _at(self, sheet: str, row: int, header: str) -> dict[str, Any]:
        cell = self.registry.cell(sheet, row, header) if self.registry is not None else None
        text = f"「{sheet}」シート {row}行目「{header}」: " if row > 0 else ""
        return {"cell": cell, "where": text}


def _name(council: Council) -> str:
    return f"{council.name}（{council.council_id}）"


def _ymd(day: date) -> str:
    return f"{day.year}/{day.month:02d}/{day.day:02d}"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}" if whole else "0"


# M1 ----------------------------------------------------------------------------------------


def _size(council: Council, members: list[Member], settings: Settings, where: _Where) -> Found:
    target, slack = settings.member_count, settings.member_count_tolerance
    at = where.council(council, "協議会ID")
    if not members:
        yield (
            settings.make(
                "M1.no-members", field="members", council=_name(council), target=target, **at
            ),
            None,
        )
        return
    low, high = max(target - slack, 1), target + slack
    if not low <= len(members) <= high:
        yield (
            settings.make(
                "M1.size",
                field="members",
                council=_name(council),
                count=len(members),
                target=target,
                low=low,
                high=high,
                **at,
            ),
            None,
        )


# M2 ----------------------------------------------------------------------------------------


def _leaders(council: Council, members: list[Member], settings: Settings, where: _Where) -> Found:
    if not members or council.kind == PURPOSE_KIND:
        # Art. 5(2): a 職種等 council chooses its members 「その目的等に則して」 (the
        # managers of the estate, the shop owners), not half of them community leaders.
        return
    leaders = sum(1 for m in members if is_leader(m))
    if leaders / len(members) < settings.member_leader_share:
        yield (
            settings.make(
                "M2.few-leaders",
                field="group",
                council=_name(council),
                count=len(members),
                leaders=leaders,
                share=_percent(leaders, len(members)),
                minimum=f"{100 * settings.member_leader_share:.0f}",
                **where.council(council, "協議会ID"),
            ),
            None,
        )


# M3 ----------------------------------------------------------------------------------------


def _terms(council: Council, members: list[Member], settings: Settings, where: _Where) -> Found:
    today = settings.today
    shared = Counter(m.term_end for m in members if m.term_end is not None)
    for m in members:
        who = {"name": m.name, "council": _name(council)}
        if m.term_end is None:
            yield (
                settings.make(
                    "M3.no-term",
                    field="term_end",
                    years=settings.member_term_years,
                    **who,
                    **where.member(m, "任期満了日"),
                ),
                m,
            )
            continue
        state = term_state(m, settings)
        if state == TERM_EXPIRED:
            yield (
                settings.make(
                    "M3.expired",
                    field="term_end",
                    term_end=_ymd(m.term_end),
                    days=(today - m.term_end).days,
                    **who,
                    **where.member(m, "任期満了日"),
                ),
                m,
            )
        elif state == TERM_SOON:
            yield (
                settings.make(
                    "M3.ending-soon",
                    field="term_end",
                    term_end=_ymd(m.term_end),
                    days=(m.term_end - today).days,
                    **who,
                    **where.member(m, "任期満了日"),
                ),
                m,
            )
        if m.appointed is not None and _odd_length(m, shared[m.term_end] > 1, settings):
            days = (m.term_end - m.appointed).days + 1
            yield (
                settings.make(
                    "M3.term-length",
                    field="term_end",
                    appointed=_ymd(m.appointed),
                    term_end=_ymd(m.term_end),
                    length=_length(days),
                    years=settings.member_term_years,
                    **who,
                    **where.member(m, "任期満了日"),
                ),
                m,
            )


def _odd_length(member: Member, ends_with_others: bool, settings: Settings) -> bool:
    """A term far from `member_term_years`: longer than the tolerance allows, or shorter
    without ending with the others' terms (one appointed mid-term for the rest of the
    council's term, a 補欠, ends with them and is not odd)."""
    assert member.appointed is not None and member.term_end is not None
    days = (member.term_end - member.appointed).days + 1
    nominal = settings.member_term_years * _DAYS_PER_YEAR
    slack = settings.member_term_tolerance_months * _DAYS_PER_MONTH
    if days > nominal + slack:
        return True
    return days < nominal - slack and not ends_with_others


def _length(days: int) -> str:
    """約2年 / 約1年6か月 / 約8か月."""
    months = round(days / _DAYS_PER_MONTH)
    years, rest = divmod(months, 12)
    if not years:
        return f"約{rest}か月"
    return f"約{years}年" + (f"{rest}か月" if rest else "")


# M4 ----------------------------------------------------------------------------------------


def _tenure(council: Council, members: list[Member], settings: Settings, where: _Where) -> Found:
    for m in members:
        if m.first_appointed is None:
            continue
        who = {"name": m.name, "council": _name(council), "first": _ymd(m.first_appointed)}
        if long_serving(m, settings):
            yield (
                settings.make(
                    "M4.long-tenure",
                    field="first_appointed",
                    years=years_served(m, settings.today),
                    limit=settings.member_max_years,
                    **who,
                    **where.member(m, "初委嘱日"),
                ),
                m,
            )
            continue
        terms = terms_served(m)
        if terms is not None and terms > settings.member_max_terms:
            yield (
                settings.make(
                    "M4.many-terms",
                    field="first_appointed",
                    terms=terms,
                    limit=settings.member_max_terms,
                    **who,
                    **where.member(m, "初委嘱日"),
                ),
                m,
            )


# M5 ----------------------------------------------------------------------------------------


def _breadth(council: Council, members: list[Member], settings: Settings, where: _Where) -> Found:
    if council.kind == PURPOSE_KIND:  # Art. 5(2): 「その目的等に則して」
        return
    at = {"council": _name(council), **where.council(council, "協議会ID")}
    yield _gender(members, settings, at), None
    yield _ages(members, settings, at), None
    yield _occupations(members, settings, at), None


def _gender(members: list[Member], settings: Settings, at: dict[str, Any]) -> Finding | None:
    minimum = settings.member_min_per_gender
    counts = Counter(g for g in map(gender_of, members) if g)
    known = sum(counts.values())
    short = [g for g in (FEMALE, MALE) if counts[g] < minimum]
    # Too few known genders to hold `minimum` of each is M1's matter, not breadth.
    if not short or minimum == 0 or known < 2 * minimum:
        return None
    return settings.make(
        "M5.gender",
        field="gender",
        counts=f"{MALE}{counts[MALE]}人・{FEMALE}{counts[FEMALE]}人",
        missing="・".join(short),
        minimum=minimum,
        **at,
    )


def _ages(members: list[Member], settings: Settings, at: dict[str, Any]) -> Finding | None:
    minimum = settings.member_min_age_bands
    known = [m.age_band for m in members if m.age_band]
    bands = sorted(set(known))
    if len(known) < minimum or len(bands) >= minimum:
        return None
    return settings.make(
        "M5.age",
        field="age_band",
        count=len(known),
        bands="・".join(bands),
        n=len(bands),
        minimum=minimum,
        **at,
    )


def _occupations(members: list[Member], settings: Settings, at: dict[str, Any]) -> Finding | None:
    known = [unicodedata.normalize("NFKC", m.occupation).strip() for m in members if m.occupation]
    if len(known) < 2:
        return None
    occupation, same = Counter(known).most_common(1)[0]
    if same < 2 or same / len(known) <= settings.member_max_occupation_share:
        return None
    return settings.make(
        "M5.occupation",
        field="occupation",
        count=len(known),
        same=same,
        share=_percent(same, len(known)),
        occupation=occupation,
        **at,
    )


# M6 ----------------------------------------------------------------------------------------


def _manager(council: Council, members: list[Member], settings: Settings, where: _Where) -> Found:
    del members
    kind = council.facility_type
    if kind not in ROLES:
        return
    common = {
        "council": _name(council),
        "facility_type": kind,
        "expected": EXPECTED_ROLE[kind],
        **where.council(council, "運営責任者"),
    }
    if not council.manager.strip():
        yield settings.make("M6.no-manager", field="manager", **common), None
        return
    if role_of(council.manager) not in ROLES[kind]:
        yield (
            settings.make("M6.manager-role", field="manager", found=council.manager, **common),
            None,
        )


def family(code: str) -> str:
    """M3 of M3.expired."""
    return code.split(".", 1)[0]
