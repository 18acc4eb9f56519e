"""Whom to chase, per station: the lists HQ sends each police station, and what retention
keeps — counted from the day a report was received, never purging what is still owed
without saying so."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

import factories as F
import ledgers as L
import openpyxl
import pytest

from toolkit import jobs
from toolkit.fileio import output_kind
from toolkit.ledger import Ledger
from toolkit.model import REGULAR
from toolkit.registry import PlannedMeeting

TODAY = date(2026, 11, 20)
REGISTRY = dataclasses.replace(
    F.registry(
        ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
        ("E01", "東警察署", "東口交番", "東口交番連絡協議会"),
    ),
    plans=(
        PlannedMeeting(2026, "C01", date(2026, 6, 1), REGULAR, "夏の防犯"),
        PlannedMeeting(2026, "E01", date(2026, 7, 1), REGULAR, ""),
    ),
)


@pytest.fixture
def ledger(tmp_path: Path, ledger_at: Path | str) -> Path | str:
    """A ledger of two stations' reports, on each engine."""
    east = F.report(
        station="東警察署", council="東口交番連絡協議会", facility="東口交番", day=date(2026, 5, 2)
    )
    central = F.report(day=date(2026, 6, 12), requests=[("防犯灯", None), ("見守り", "実施した")])
    files = [
        F.file_result(tmp_path / "in", "c.xlsx", central),
        F.file_result(
            tmp_path / "in",
            "e.xlsx",
            F.Meeting(east, findings=(F.error("「三名」は数値ではありません"),)),
        ),
    ]
    with Ledger.open(ledger_at) as led:
        led.ingest(files, context=F.context(REGISTRY, date(2026, 6, 20)))
    return ledger_at


def test_one_list_per_station_with_what_it_owes(
    ledger: Path | str, tmp_path: Path, clock_at: Callable[[date], None]
) -> None:
    clock_at(date(2026, 11, 21))  # the lists are written the day after the check day
    out = tmp_path / "督促"
    written = jobs.remind(ledger, REGISTRY, F.settings(TODAY), out)
    assert [p.name for p in written] == [
        "中央警察署_督促・確認依頼.xlsx",
        "東警察署_督促・確認依頼.xlsx",
    ]
    assert {output_kind(p) for p in written} == {"remind"}
    central = _texts(written[0])
    assert "中央警察署　地域課長　殿" in central
    # June's plan was met; the request raised on 12 June is still open after 161 days
    assert "報告書が届いていないもの（督促）" not in central
    assert "1　措置・回答が決まっていない要望事項（長期）" in central and "防犯灯" in central
    assert "見守り" not in central
    east = _texts(written[1])
    assert "1　年間計画の会議で、報告書が届いていないもの（督促）" in east
    assert "2　誤りがあり、修正した報告書が届いていないもの" in east and "e.xlsx" in east
    with Ledger.open(ledger) as led:
        kinds = L.rows(led, "SELECT kind, as_of FROM outputs ORDER BY output_id")
    assert kinds == [("remind", "2026-11-21"), ("remind", "2026-11-21")]  # the day written


def _texts(path: Path) -> str:
    ws = openpyxl.load_workbook(path).active
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def test_retention_counts_from_the_day_a_report_was_received(tmp_path: Path) -> None:
    # A meeting of 2016 (a typo, or a very late report) received in October 2026.
    old = F.file_result(tmp_path / "in", "a.xlsx", F.report(day=date(2016, 10, 15)))
    path = tmp_path / "台帳.sqlite"
    with Ledger.open(path) as led:
        led.ingest([old], context=F.context(None, date(2026, 10, 20)))
        assert led.expired(date(2027, 6, 1), 1) == []  # kept until 2028-03-31
        (expired,) = led.expired(date(2028, 4, 1), 1)
    assert (expired.meeting_date, expired.received, expired.keep_until) == (
        date(2016, 10, 15),
        date(2026, 10, 20),
        date(2028, 3, 31),
    )


def test_retention_lists_open_requests_and_outputs_before_purging(
    ledger: Path, tmp_path: Path, clock_at: Callable[[date], None]
) -> None:
    clock_at(date(2026, 11, 20))
    written = jobs.remind(ledger, REGISTRY, F.settings(TODAY), tmp_path / "督促")
    foreign = tmp_path / "督促" / "東警察署_督促・確認依頼.xlsx"
    foreign.write_bytes(b"a file someone put in its place")
    clock_at(date(2028, 4, 2))
    listed = jobs.retention(ledger, F.settings(date(2028, 4, 2)), apply=False)
    assert sorted(e.not_answered for e in listed.expired) == [0, 1]
    assert [(o.kind, o.action) for o in listed.outputs] == [
        ("remind", "delete"),
        ("remind", "replaced"),
    ]
    done = jobs.retention(ledger, F.settings(date(2028, 4, 2)), apply=True)
    assert done.applied and not written[0].exists()
    assert foreign.read_bytes() == b"a file someone put in its place"  # not ours: kept
    # the report with a request still open is kept until the user says --force
    assert [e.not_answered for e in done.held] == [1] and len(done.purged) == 1
    again = jobs.retention(ledger, F.settings(date(2028, 4, 2)), apply=False)
    assert again.outputs == [] and [e.not_answered for e in again.expired] == [1]
    forced = jobs.retention(ledger, F.settings(date(2028, 4, 2)), apply=True, force=True)
    assert forced.held == [] and len(forced.purged) == 1
