"""The yearly plan (2(6)イ): whom to chase (C2) — each planned meeting 実施済, 予定 or 督促,
a council without a plan 計画なし — and the days from a meeting to its receipt."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import pandas as pd
import pytest

from toolkit.aggregate import build_summary
from toolkit.fiscal import parse_period
from toolkit.ledger import Ledger
from toolkit.model import EXTRAORDINARY, REGULAR, Report
from toolkit.registry import PlannedMeeting
from toolkit.rules.fiscal import NO_PLAN, PLAN_CHASE, PLAN_DONE, PLAN_DUE, plan_statuses

TODAY = date(2026, 11, 20)
REGISTRY = F.registry(
    ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
    ("C02", "中央警察署", "北町駐在所", "北町駐在所連絡協議会"),
    ("E01", "東警察署", "東口交番", "東口交番連絡協議会"),
)


def plan(cid: str, month: str, kind: str = REGULAR, topic: str = "") -> PlannedMeeting:
    year, m = (int(x) for x in month.split("-"))
    return PlannedMeeting(2026, cid, date(year, m, 1), kind, topic)


def statuses(plans: list[PlannedMeeting], meetings: list[date], today: date = TODAY) -> list:
    found = plan_statuses(plans, meetings, F.settings(today))
    return [(s.planned.month.month, s.status, s.held, s.days_over) for s in found]


# --- the rule ---------------------------------------------------------------------------------


def test_a_meeting_in_the_planned_month_or_next_to_it_fulfils_the_plan() -> None:
    assert statuses([plan("C01", "2026-10")], [date(2026, 11, 5)]) == [
        (10, PLAN_DONE, date(2026, 11, 5), None)
    ]
    assert statuses([plan("C01", "2026-10")], [date(2026, 9, 28)])[0][1] == PLAN_DONE
    assert statuses([plan("C01", "2026-10")], [date(2026, 12, 1)])[0][1] == PLAN_DUE


def test_each_meeting_fulfils_one_planned_meeting_the_earliest_it_can() -> None:
    got = statuses([plan("C01", "2026-06"), plan("C01", "2026-07")], [date(2026, 7, 2)])
    assert got == [(6, PLAN_DONE, date(2026, 7, 2), None), (7, PLAN_CHASE, None, 112)]


def test_a_planned_month_is_chased_once_it_ended_more_than_the_setting_before() -> None:
    june = [plan("C01", "2026-06")]
    assert statuses(june, [], today=date(2026, 7, 30)) == [(6, PLAN_DUE, None, None)]
    assert statuses(june, [], today=date(2026, 8, 1)) == [(6, PLAN_CHASE, None, 32)]
    settings = F.settings(date(2026, 8, 1), reminder_days=40)
    assert plan_statuses(june, [], settings)[0].status == PLAN_DUE


# --- the summary ------------------------------------------------------------------------------


def meeting(cid: str, day: date, kind: str = REGULAR, **kw: Any) -> Report:
    c = next(c for c in REGISTRY.councils if c.council_id == cid)
    return F.report(
        station=c.station, council=c.name, facility=c.facility_name, day=day, kind=kind, **kw
    )


@pytest.fixture
def summary(tmp_path: Path) -> Any:
    registry = dataclasses.replace(
        REGISTRY,
        plans=(
            plan("C01", "2026-06", topic="夏の防犯"),
            plan("C01", "2026-10"),
            plan("C01", "2027-02"),
            plan("E01", "2026-07"),
            plan("E01", "2026-09", EXTRAORDINARY, "声掛け事案"),
        ),
    )
    files = [
        F.file_result(tmp_path, "a.xlsx", meeting("C01", date(2026, 6, 20))),
        F.file_result(tmp_path, "b.xlsx", meeting("C01", date(2026, 11, 2))),
        F.file_result(tmp_path, "c.xlsx", meeting("C02", date(2026, 10, 9))),
    ]
    with Ledger.open(tmp_path / "台帳.sqlite") as led:
        led.ingest(files, context=F.context(registry, date(2026, 11, 10)))
        yield build_summary(
            led,
            parse_period("2026-10"),
            registry=registry,
            station=None,
            settings=F.settings(TODAY),
        )


def test_the_reminders_sheet_lists_each_planned_meeting_to_chase(summary: Any) -> None:
    r = summary.reminders
    assert list(r.columns[:6]) == [
        "警察署",
        "協議会ID",
        "協議会名",
        "予定月",
        "会議種別",
        "経過日数",
    ]
    assert [tuple(x) for x in r.iloc[:, :7].itertuples(index=False)] == [
        ("東警察署", "E01", "東口交番連絡協議会", pd.Timestamp("2026-07-01"), "定期", 112, None),
        (
            "東警察署",
            "E01",
            "東口交番連絡協議会",
            pd.Timestamp("2026-09-01"),
            "臨時",
            51,
            "声掛け事案",
        ),
    ]


def test_submissions_count_the_plan_and_never_say_not_submitted(summary: Any) -> None:
    sub = summary.submissions.set_index("協議会ID")
    got = {
        cid: tuple(sub.loc[cid, ["計画の状況", "年間計画", "実施済", "督促", "計画予定"]])
        for cid in ("C01", "C02", "E01")
    }
    # One cut-off: October's summary counts the plan up to October with the meetings held
    # by 31 October — June done; October still due (the 2 November meeting lies beyond
    # the cut-off, and October ended 20 days before the as-of day); February not yet.
    assert got == {
        "C01": ("計画どおり", 2, 1, 0, 1),
        "C02": (NO_PLAN, 0, 0, 0, 0),
        "E01": ("督促あり", 2, 0, 2, 0),
    }


def test_the_yearly_grid_shows_what_the_plan_still_owes(summary: Any) -> None:
    y = summary.yearly.set_index("協議会ID")
    assert (y.loc["C01", "6月"], y.loc["C01", "2月"]) == ("定", None)
    assert (y.loc["E01", "7月"], y.loc["E01", "9月"]) == (PLAN_CHASE, PLAN_CHASE)
    # October's summary shows neither November's meeting nor a plan after October: the
    # October plan is still owed as of its cut-off.
    assert (y.loc["C01", "10月"], y.loc["C01", "11月"]) == (PLAN_DUE, None)


def test_the_overview_counts_the_plan(summary: Any) -> None:
    figures = dict(
        zip(summary.overview.figures["項目"], summary.overview.figures["今回"], strict=True)
    )
    assert (figures["年間計画の会議"], figures["　うち実施済"], figures["　うち予定"]) == (4, 1, 1)
    # never more plans done than meetings counted
    assert figures["　うち実施済"] <= figures["年度の開催数（累計）"] == 2
    assert figures["　うち督促"] == 2
    stations = summary.overview.by_station.set_index("警察署")
    assert (stations.loc["東警察署", "督促"], stations.loc["合計", "督促"]) == (2, 2)


def test_receipt_days_and_late_reports(summary: Any) -> None:
    m = summary.meetings.set_index("協議会名")
    # received on 2026-11-10: one month and a day after the 9 October meeting
    row = m.loc["北町駐在所連絡協議会"]
    assert (row["受付日"], row["受付まで日数"], row["備考"]) == (
        pd.Timestamp("2026-11-10"),
        32,
        "報告遅れ",
    )
    assert summary.submissions.set_index("協議会ID").loc["C02", "報告遅れ"] == 1


def test_the_overview_compares_only_with_a_time_the_ledger_holds(summary: Any) -> None:
    # Nothing in the ledger was held in September: no change is shown, and the note says why.
    figures = summary.overview.figures.set_index("項目")
    assert figures["比較"].isna().all()
    assert (figures["増減"] == "").all()
    assert summary.overview.notes[0].startswith(
        "比較の対象（前月（令和8年9月））の報告が台帳にないため、増減は示していません。督促: "
    )


def test_a_council_whose_plan_starts_after_the_period_has_a_plan(tmp_path: Path) -> None:
    """October's summary: E01 plans its year's meeting for February — not 計画なし, and
    nothing is due yet; C02 has no plan at all."""
    registry = dataclasses.replace(REGISTRY, plans=(plan("E01", "2027-02"),))
    with Ledger.open(tmp_path / "台帳.sqlite") as led:
        led.ingest([], context=F.context(registry, TODAY))
        s = build_summary(
            led, parse_period("2026-10"), registry=registry, station=None,
            settings=F.settings(TODAY),
        )  # fmt: skip
    sub = s.submissions.set_index("協議会ID")
    assert (sub.loc["E01", "計画の状況"], sub.loc["E01", "年間計画"]) == ("計画どおり", 0)
    assert sub.loc["C02", "計画の状況"] == NO_PLAN
    figures = dict(zip(s.overview.figures["項目"], s.overview.figures["今回"], strict=True))
    assert figures["計画なしの協議会"] == 2  # C01 and C02
