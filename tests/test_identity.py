"""One council identity: who a council is, decided once, and R7, the ledger and the summary
all agreeing on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import factories as F
import ledgers as L
import pytest

from toolkit.aggregate import build_summary
from toolkit.fiscal import parse_period
from toolkit.ledger import Ledger
from toolkit.registry import identify
from toolkit.registry.identity import BY_CLOSEST, BY_ID, BY_NAME, UNKNOWN, UNREGISTERED
from toolkit.rules.duplicates import DuplicateTracker

REGISTRY = F.registry(
    ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
    ("C02", "中央警察署", "北町駐在所", "北町駐在所連絡協議会"),
    ("E01", "東警察署", "宮前交番", "宮前交番連絡協議会"),
    ("E02", "東警察署", "駅前交番", "駅前交番連絡協議会"),
)


def who(
    name: str | None,
    *,
    station: str | None = "中央警察署",
    facility: str | None = None,
    council_id: str | None = None,
    registry: object = REGISTRY,
):
    return identify(
        council_id=council_id,
        name=name,
        facility=facility,
        affiliation=station,
        registry=registry,  # type: ignore[arg-type]
    )


# --- the order of the decision --------------------------------------------------------------


def test_the_template_id_wins_over_a_changed_name() -> None:
    found = who("駅前の協議会", council_id="ｃ０１")
    assert (found.key, found.how, found.station) == ("C01", BY_ID, "中央警察署")


def test_the_registered_name_at_the_reports_station() -> None:
    assert who("駅前交番連絡協議会", station="東署").key == "E02"
    assert who("駅前交番 連絡協議会", station="中央署").key == "C01"
    assert who("駅前交番連絡協議会", station="中央署").how == BY_NAME


def test_a_name_registered_at_one_station_only_is_that_council() -> None:
    found = who("北町駐在所連絡協議会", station="東警察署")
    assert (found.key, found.how, found.station) == ("C02", BY_NAME, "中央警察署")


def test_a_name_registered_at_two_other_stations_is_not_guessed() -> None:
    found = who("駅前交番連絡協議会", station="西警察署")
    assert (found.key, found.how) == ("駅前交番連絡協議会@西警察署", UNREGISTERED)


def test_a_misspelt_name_is_the_council_whose_facility_and_station_agree() -> None:
    found = who("宮前交番連絡協議会議", station="東警察署", facility="宮前交番")
    assert (found.key, found.how) == ("E01", BY_CLOSEST)


@pytest.mark.parametrize(
    ("station", "facility"),
    [("東警察署", "宮後交番"), ("中央警察署", "宮前交番"), (None, "宮前交番")],
)
def test_a_misspelt_name_elsewhere_stays_unregistered(station: str | None, facility: str) -> None:
    found = who("宮前交番連絡協議会議", station=station, facility=facility)
    assert found.how == UNREGISTERED and found.council is None


def test_unregistered_councils_are_their_name_at_their_station() -> None:
    assert who("港交番連絡協議会", station="西署").key == "港交番連絡協議会@西警察署"
    assert who("港交番連絡協議会", registry=None).key == "港交番連絡協議会@中央警察署"
    assert who("港交番連絡協議会", station=None, registry=None).key == "港交番連絡協議会"


def test_without_a_registry_the_template_id_is_the_key() -> None:
    assert who("駅前交番連絡協議会", council_id="c01", registry=None).key == "C01"


def test_nothing_to_go_by() -> None:
    found = who(None, registry=None)
    assert (found.key, found.how) == (None, UNKNOWN)


# --- R7, the ledger and the summary agree ------------------------------------------------------


def agree(tmp_path: Path, registry: object, *reports: object) -> tuple[list[str], list, list]:
    """What R7 flags, the council keys the ledger stores, the councils the summary lists."""
    files = [
        F.file_result(tmp_path, f"{i}.xlsx", r)  # type: ignore[arg-type]
        for i, r in enumerate(reports)
    ]
    context = F.context(registry)  # type: ignore[arg-type]
    tracker = DuplicateTracker(context)
    flagged = [f.code for result in files for _, f in tracker.findings(result)]
    tracker.close()
    with Ledger.memory() as ledger:
        ledger.ingest(files, context=context)
        keys = [k for (k,) in L.rows(ledger, "SELECT council_key FROM reports ORDER BY 1")]
        table = build_summary(
            ledger,
            parse_period("2026-10"),
            registry=registry,  # type: ignore[arg-type]
            station=None,
            settings=context.settings,
        )
    listed = table.tally[table.tally["行区分"] == "明細"]
    rows = list(zip(listed["警察署"], listed["協議会名"], listed["開催計"], strict=True))
    return flagged, keys, rows


def test_two_unregistered_councils_of_one_name_at_two_stations_are_two(tmp_path: Path) -> None:
    east = F.report(station="東警察署", council="駅前交番連絡協議会", civilians=9)
    west = F.report(station="西警察署", council="駅前交番連絡協議会", civilians=12)
    flagged, keys, rows = agree(tmp_path, None, east, west)
    assert flagged == []  # not a duplicate
    assert keys == ["駅前交番連絡協議会@東警察署", "駅前交番連絡協議会@西警察署"]
    assert sorted(rows) == [
        ("東警察署", "駅前交番連絡協議会", 1),
        ("西警察署", "駅前交番連絡協議会", 1),
    ]


def test_a_misspelt_council_is_the_registered_one_everywhere(tmp_path: Path) -> None:
    right = F.report(station="東警察署", council="宮前交番連絡協議会", facility="宮前交番")
    typo = F.report(
        station="東警察署",
        council="宮前交番連絡協議会議",
        facility="宮前交番",
        day=date(2026, 10, 28),
    )
    flagged, keys, rows = agree(tmp_path, REGISTRY, right, typo)
    assert flagged == []
    assert keys == ["E01", "E01"]
    assert ("東警察署", "宮前交番連絡協議会", 2) in rows
    assert not any(name == "宮前交番連絡協議会議" for _, name, _ in rows)


def test_a_misspelt_report_of_the_same_meeting_is_a_duplicate(tmp_path: Path) -> None:
    right = F.report(station="東警察署", council="宮前交番連絡協議会", facility="宮前交番")
    typo = F.report(station="東警察署", council="宮前交番連絡協議会議", facility="宮前交番")
    flagged, keys, rows = agree(tmp_path, REGISTRY, right, typo)
    assert flagged == ["R7.duplicate"]
    assert keys == ["E01", "E01"]  # the later one supersedes the earlier in the ledger
    assert ("東警察署", "宮前交番連絡協議会", 1) in rows


def test_short_and_long_station_names_are_one_council(tmp_path: Path) -> None:
    long = F.report(station="西警察署", council="港交番連絡協議会", civilians=9)
    short = F.report(station="西署", council="港交番連絡協議会", civilians=12)
    flagged, keys, rows = agree(tmp_path, None, long, short)
    assert flagged == ["R7.duplicate"]  # one council, one day, two different reports
    assert keys == ["港交番連絡協議会@西警察署"] * 2
    assert rows == [("西警察署", "港交番連絡協議会", 1)]
