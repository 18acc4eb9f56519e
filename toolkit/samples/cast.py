"""The people and places of each council: who runs its meetings, which officers may
attend, where it meets. Drawn from a random generator of the council's own, so a council
has the same cast at every one of its meetings, whatever else the seed decides.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from toolkit.registry import Council
from toolkit.samples.phrases import GIVEN_NAMES, RANKS, RURAL_SPOTS, SPOT_SUFFIXES, SURNAMES


@dataclass(frozen=True)
class Cast:
    """The people and places of one council, the same at each of its meetings."""

    council: Council
    purpose: str  # area, rural, estate, shop, foreign
    place: str
    spots: tuple[str, ...]
    manager: str  # rank and name
    staff: tuple[str, ...]  # rank and name
    chief: str  # 地域課長 of the station, who sometimes attends
    phone: str
    venues: tuple[str, ...]


def cast_of(council: Council, seed: int) -> Cast:
    """The cast of `council` for samples drawn with `seed`."""
    rng = random.Random(f"{seed}/{council.council_id}")
    purpose = _purpose(council)
    place = _place(council)
    suffixes = RURAL_SPOTS if purpose == "rural" else SPOT_SUFFIXES
    spots = tuple(place + s for s in rng.sample(suffixes, 3))
    manager = _manager(council, rng)
    size = 1 if council.facility_type == "駐在所" else rng.randint(3, 6)
    ranks = ("巡査部長", "巡査長", "巡査", "巡査", "巡査長")
    staff = tuple(f"{rng.choice(ranks)} {person(rng)}" for _ in range(size))
    chief_rng = random.Random(f"{seed}/{council.station}")
    chief = f"警部 {person(chief_rng)}"
    phone = f"{rng.randrange(100, 10000):04d}"
    return Cast(council, purpose, place, spots, manager, staff, chief, phone,
                _venues(council, purpose, place))  # fmt: skip


def _purpose(council: Council) -> str:
    name = council.name
    if council.kind == "職種等":
        if any(w in name for w in ("団地", "マンション", "アパート", "住宅")):
            return "estate"
        if any(w in name for w in ("繁華街", "歓楽街", "商店", "飲食")):
            return "shop"
        if "外国" in name:
            return "foreign"
    return "rural" if council.facility_type == "駐在所" else "area"


def _place(council: Council) -> str:
    if council.kind == "単位" and "地区" in council.name:
        return council.name.split("地区")[0].split("・")[0]
    place = council.facility_name
    for suffix in ("幹部派出所", "警察署", "駐在所", "交番", "署"):
        if place.endswith(suffix) and len(place) > len(suffix):
            return place[: -len(suffix)]
    return place


def _venues(council: Council, purpose: str, place: str) -> tuple[str, ...]:
    facility = council.facility_name
    if purpose == "estate":
        return (f"{place}団地集会所", f"{place}団地管理事務所", f"{place}コミュニティセンター")
    if purpose == "shop":
        return (f"{place}商店街振興組合事務所", f"{place}商工会館", facility)
    if purpose == "foreign":
        return (f"{place}国際交流センター", f"{place}公民館", f"{place}地区センター")
    if council.facility_type == "警察署所在地":
        return (f"{facility}会議室", f"{place}市民センター", f"{place}公民館")
    if purpose == "rural":
        return (f"{place}地区集会所", f"{place}公民館", facility, f"{place}生活改善センター")
    return (
        f"{place}公民館",
        f"{place}町内会集会所",
        f"{place}地区センター",
        f"{place}コミュニティセンター",
        facility,
    )


def _manager(council: Council, rng: random.Random) -> str:
    """運営責任者 as rank and name, from the registry when it says them."""
    words = council.manager.split()
    ranks = [w for w in words if w in RANKS]
    if ranks and words[-1] not in RANKS:
        return f"{ranks[0]} {words[-1]}"
    rank = "巡査部長" if council.facility_type == "駐在所" else "警部補"
    return f"{rank} {person(rng)}"


def person(rng: random.Random) -> str:
    """Surname and given name of an officer, without a space."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
