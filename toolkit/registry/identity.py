"""Who a council is: the one answer R7, the ledger, the summary and the reminders share.

Given what a report says about itself (the 協議会ID our template carries, the council's
name, its facility and its police station) and a registry or none, `identify` decides, in
this order:

1. by the 協議会ID our template carries — the registered council of that ID; without a
   registry (or an ID the registry does not know) the ID itself is the council's key;
2. by the registered name at the report's police station (中央署 = 中央警察署); a name
   registered at one station only is that council even when the report's 所属 differs
   (R6 then flags the 所属);
3. by R6's closest registered name, when that council's facility and police station are
   the report's own (a misspelt name on an otherwise right report; R6 flags it);
4. else an unregistered council, keyed by its name at its police station (`名前@警察署`): two stations
   may each have a council of the same name, and they are two councils.

A report with neither an ID nor a name has no identity (`key` None).
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.model import Report
from toolkit.registry.model import Council, Registry
from toolkit.registry.names import id_key, name_key, same_name, station_key

BY_ID = "id"  # the template's 協議会ID
BY_NAME = "name"  # the registered name (at the report's station)
BY_CLOSEST = "closest"  # R6's closest name, facility and station agreeing
UNREGISTERED = "unregistered"  # not in the registry (or no registry): name at station
UNKNOWN = "unknown"  # nothing to go by

# How close a misspelt name must be to count as the registered one (rapidfuzz ratio).
DEFAULT_MIN_SCORE = 80.0


@dataclass(frozen=True, slots=True)
class Identity:
    """Who held a meeting.

    `key` is what reports of the same council share: the registered 協議会ID, the ID our
    template carries, or `名前@警察署` for an unregistered council; None when the report
    says nothing about its council. `council` is the registered council, if any;
    `station` the police station as shown (the registered one, else the report's 所属
    in its long form).
    """

    key: str | None
    how: str
    council: Council | None = None
    station: str | None = None

    @property
    def registered(self) -> bool:
        return self.council is not None


def identify(
    *,
    council_id: str | None,
    name: str | None,
    facility: str | None,
    affiliation: str | None,
    registry: Registry | None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Identity:
    """Who the council of a report is (see the module's description for the order)."""
    station = station_key(affiliation)
    if registry is not None:
        council, how = _registered(registry, council_id, name, facility, affiliation, min_score)
        if council is not None:
            return Identity(council.council_id, how, council, council.station)
    if council_id and id_key(council_id):
        return Identity(id_key(council_id), BY_ID, None, station)
    if name and name_key(name):
        key = f"{name_key(name)}@{station}" if station else name_key(name)
        return Identity(key, UNREGISTERED, None, station)
    return Identity(None, UNKNOWN, None, station)


def _registered(
    registry: Registry,
    council_id: str | None,
    name: str | None,
    facility: str | None,
    affiliation: str | None,
    min_score: float,
) -> tuple[Council | None, str]:
    if council_id:
        found = registry.by_id(council_id)
        if found is not None:
            return found, BY_ID
    if not name or not name_key(name):
        return None, UNKNOWN
    if affiliation:
        found = registry.by_name(name, affiliation)
        if found is not None:
            return found, BY_NAME
    named = registry.all_named(name)
    if len(named) == 1:
        return named[0], BY_NAME
    if facility and affiliation:
        for council, score in registry.closest(name, limit=3):
            if score < min_score:
                break
            if same_name(council.facility_name, facility) and same_name(
                council.station, affiliation
            ):
                return council, BY_CLOSEST
    return None, UNREGISTERED


def identify_report(
    report: Report, registry: Registry | None, min_score: float = DEFAULT_MIN_SCORE
) -> Identity:
    """`identify` with what a report says about itself."""
    return identify(
        council_id=report.council_id,
        name=report.council_name.value,
        facility=report.facility_name.value,
        affiliation=report.affiliation.value,
        registry=registry,
        min_score=min_score,
    )
