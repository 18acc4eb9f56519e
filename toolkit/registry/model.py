"""The registry's contents: councils, their members, the periods to avoid, the plan.

Typed, immutable objects, with the lookups every stage needs (by 協議会ID, by name at a
police station, the closest registered names). `validate.registry_from_rows` builds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from rapidfuzz import fuzz, process

from toolkit.cells import Cell
from toolkit.registry.names import id_key, name_key, station_key

FACILITY_TYPES = ("交番", "駐在所", "警察署所在地", "幹部派出所")
COUNCIL_KINDS = ("所管区", "単位", "職種等")  # Art. 3 / Art. 4 / Art. 5
MEMBER_GROUPS = ("a", "b", "c", "その他")  # 2(4)イ(ｱ) a–c: community leaders

COUNCIL_SHEET = "協議会"
MEMBER_SHEET = "委員"
PERIOD_SHEET = "期間設定"
PLAN_SHEET = "年間計画"

# Column headers of each sheet, in the order write_registry lays them out.
COUNCIL_HEADERS = (
    "協議会ID",
    "警察署",
    "施設種別",
    "施設名",
    "協議会名",
    "協議会種別",
    "運営責任者",
    "備考",
)
MEMBER_HEADERS = (
    "協議会ID",
    "氏名",
    "性別",
    "年代",
    "職業",
    "区分",
    "委嘱日",
    "任期満了日",
    "初委嘱日",
)
PERIOD_HEADERS = ("名称", "開始日", "終了日", "警察署", "協議会ID")
PLAN_HEADERS = ("年度", "協議会ID", "予定月", "会議種別", "予定議題")
SHEETS: dict[str, tuple[str, ...]] = {
    COUNCIL_SHEET: COUNCIL_HEADERS,
    MEMBER_SHEET: MEMBER_HEADERS,
    PERIOD_SHEET: PERIOD_HEADERS,
    PLAN_SHEET: PLAN_HEADERS,
}

# Columns that may be left out of the header row altogether (free notes, optional scopes).
_OPTIONAL_COLUMNS = {
    (COUNCIL_SHEET, "備考"),
    (PERIOD_SHEET, "警察署"),
    (PERIOD_SHEET, "協議会ID"),
    (PLAN_SHEET, "会議種別"),
    (PLAN_SHEET, "予定議題"),
}
# Cells that must not be empty.
_REQUIRED_CELLS: dict[str, tuple[str, ...]] = {
    COUNCIL_SHEET: ("協議会ID", "警察署", "施設種別", "施設名", "協議会名", "協議会種別"),
    MEMBER_SHEET: ("協議会ID", "氏名", "区分"),
    PERIOD_SHEET: ("名称", "開始日", "終了日"),
    PLAN_SHEET: ("年度", "協議会ID", "予定月"),
}


@dataclass(frozen=True)
class Council:
    """One registered 連絡協議会 (a row of the 協議会 sheet). Blank text is ''."""

    council_id: str
    station: str
    facility_type: str
    facility_name: str
    name: str
    kind: str
    manager: str = ""
    note: str = ""
    row: int = field(default=0, compare=False)  # Excel row of the 協議会 sheet; 0: unknown


@dataclass(frozen=True)
class Member:
    """One 委員 of a council (a row of the 委員 sheet). Blank text is '', blank dates None."""

    council_id: str
    name: str
    gender: str = ""
    age_band: str = ""
    occupation: str = ""
    group: str = "その他"
    appointed: date | None = None
    term_end: date | None = None
    first_appointed: date | None = None
    row: int = field(default=0, compare=False)  # Excel row of the 委員 sheet; 0: unknown


@dataclass(frozen=True)
class RestrictedPeriod:
    """A period in which meetings should be avoided (Art. 8(3)), both days included.

    `station` and `council_id` limit it to one police station or one council (an election
    of one town); blank means the whole prefecture.
    """

    name: str
    start: date
    end: date
    station: str = ""
    council_id: str = ""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def applies_to(self, council_id: str | None, station: str | None) -> bool:
        """Whether the period concerns a council (its 協議会ID) at a police station."""
        if self.council_id and (not council_id or id_key(council_id) != self.council_id):
            return False
        return not self.station or (
            station is not None and station_key(station) == station_key(self.station)
        )


@dataclass(frozen=True)
class PlannedMeeting:
    """One meeting of the yearly plan (2(6)イ 年間計画): a council, a month, a type."""

    fiscal_year: int
    council_id: str
    month: date  # the first day of the planned month
    kind: str  # model.REGULAR or model.EXTRAORDINARY
    topic: str = ""
    row: int = 0  # the row of the 年間計画 sheet it came from


@dataclass(frozen=True)
class Registry:
    """The whole registry. `source` says where it came from and takes no part in equality."""

    councils: tuple[Council, ...]
    members: tuple[Member, ...] = ()
    periods: tuple[RestrictedPeriod, ...] = ()
    source: str = field(default="", compare=False)
    plans: tuple[PlannedMeeting, ...] = ()
    # Where each header was found, per sheet (0-based column); empty: the written layout.
    columns: dict[str, dict[str, int]] = field(default_factory=dict, compare=False)

    @cached_property
    def _ids(self) -> dict[str, Council]:
        return {c.council_id: c for c in self.councils}

    @cached_property
    def _names(self) -> dict[str, list[Council]]:
        out: dict[str, list[Council]] = {}
        for c in self.councils:
            out.setdefault(name_key(c.name), []).append(c)
        return out

    @cached_property
    def _name_keys(self) -> list[str]:
        return [name_key(c.name) for c in self.councils]

    def by_id(self, council_id: str) -> Council | None:
        """The council with this 協議会ID (width, case and spaces are forgiven)."""
        return self._ids.get(id_key(council_id))

    def by_name(self, council_name: str, station: str | None = None) -> Council | None:
        """The council with exactly this name after normalisation (NFKC, no spaces).

        Two stations may each have a council of the same name; `station` then picks one.
        Without it the first in registry order is returned.
        """
        found = self._names.get(name_key(council_name), [])
        if station is not None:
            found = [c for c in found if station_key(c.station) == station_key(station)]
        return found[0] if found else None

    def all_named(self, council_name: str) -> list[Council]:
        """Every council registered under this name (NFKC, no spaces), at any station."""
        return list(self._names.get(name_key(council_name), []))

    def closest(self, council_name: str, limit: int = 3) -> list[tuple[Council, float]]:
        """Registered councils whose names look most like `council_name`, best first.

        The score is rapidfuzz's similarity ratio (0–100) of the normalised names.
        """
        if not self.councils or limit <= 0:
            return []
        hits = process.extract(
            name_key(council_name), self._name_keys, scorer=fuzz.ratio, limit=limit
        )
        return [(self.councils[index], float(score)) for _, score, index in hits]

    def stations(self) -> list[str]:
        """The police stations, in the order they first appear in the registry."""
        return list(dict.fromkeys(c.station for c in self.councils))

    def members_of(self, council_id: str) -> list[Member]:
        """The members of one council, in registry order."""
        key = id_key(council_id)
        return [m for m in self.members if m.council_id == key]

    def cell(self, sheet: str, row: int, header: str) -> Cell | None:
        """The registry cell of `header` in the Excel row `row` of `sheet` (None when the
        row is not known: a registry built in memory)."""
        if row <= 0:
            return None
        col = self.columns.get(sheet, {}).get(header)
        if col is None:
            col = SHEETS[sheet].index(header)
        return Cell(sheet, row - 1, col)

    def periods_on(
        self, day: date, council_id: str | None = None, station: str | None = None
    ) -> list[RestrictedPeriod]:
        """The 期間設定 periods that include `day` and concern the council at the station
        (a period without a scope concerns every council)."""
        return [p for p in self.periods if day in p and p.applies_to(council_id, station)]

    def plans_for(self, fiscal_year: int) -> list[PlannedMeeting]:
        """The planned meetings of a fiscal year, by council then month."""
        return sorted(
            (p for p in self.plans if p.fiscal_year == fiscal_year),
            key=lambda p: (p.council_id, p.month),
        )
