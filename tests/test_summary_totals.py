"""Every meeting counted once, and the totals of every sheet agreeing, over random ledgers
(a meeting of unreadable type included: it counts as 種別不明, never dropped); and one
cut-off per workbook: a month's summary and the fiscal year's, made the same day from the
same ledger, agree on everything they share."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from unittest import mock

import factories as F
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit import clock
from toolkit.aggregate import build_summary
from toolkit.fiscal import parse_period
from toolkit.ledger import GivenReceipt, Ledger
from toolkit.registry import PlannedMeeting

REGISTRY = F.registry(
    ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
    ("C02", "中央警察署", "北町駐在所", "北町駐在所連絡協議会"),
    ("E01", "東警察署", "東口交番", "東口交番連絡協議会"),
    ("W01", "西警察署", "西口交番", "西口交番連絡協議会"),
)
NAMES = [(c.station, c.name, c.facility_name) for c in REGISTRY.councils] + [
    ("西署", "名簿にない協議会", "港交番")
]

meetings = st.lists(
    st.tuples(
        st.integers(0, len(NAMES) - 1),
        st.integers(0, 364),  # day of fiscal year 2026
        st.sampled_from([F.REGULAR, F.EXTRAORDINARY, None]),
        st.integers(0, 30),
        st.integers(0, 3),  # requests
    ),
    max_size=25,
    unique_by=lambda m: (m[0], m[1]),  # one report per meeting (a council and a day, R7)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings, st.sampled_from(["2026-10", "2026-06", "FY2026"]))
def test_the_totals_of_all_sheets_agree(rows: list, period_text: str) -> None:
    with TemporaryDirectory() as tmp:
        files = []
        for i, (who, day, kind, civilians, n_requests) in enumerate(rows):
            station, council, facility = NAMES[who]
            report = F.report(
                station=station,
                council=council,
                facility=facility,
                day=date(2026, 4, 1) + timedelta(days=day),
                kind=kind,
                civilians=civilians,
                requests=[
                    (f"要望{i}-{k}", None if k % 2 else "対応した") for k in range(n_requests)
                ],
            )
            files.append(F.file_result(Path(tmp), f"{i}.xlsx", F.Meeting(report, f"報告書{i}")))
        with Ledger.memory() as ledger:
            ledger.ingest(files, context=F.context(REGISTRY, date(2027, 4, 10)))
            s = build_summary(
                ledger,
                parse_period(period_text),
                registry=REGISTRY,
                station=None,
                settings=F.settings(date(2027, 4, 10)),
            )
    period = s.period
    expected = sum(
        1
        for _, day, *_ in rows
        if period.start <= date(2026, 4, 1) + timedelta(days=day) <= period.end
    )
    total = s.tally[s.tally["行区分"] == "合計"].iloc[0]
    figures = dict(zip(s.overview.figures["項目"], s.overview.figures["今回"], strict=True))
    assert len(s.meetings) == expected
    assert total["開催計"] == expected
    assert int(s.by_station["開催計"].sum()) == expected
    assert figures["開催数（期間内）"] == expected
    unknown = sum(
        1
        for _, day, kind, *_ in rows
        if kind is None and period.start <= date(2026, 4, 1) + timedelta(days=day) <= period.end
    )
    # 種別不明 is shown on the 概況 when there is one (now or in the period compared)
    assert int(s.by_station["種別不明"].sum()) == unknown == figures.get("　うち種別不明", 0)
    assert (
        figures["　うち定期会議"] + figures["　うち臨時会議"] + figures.get("　うち種別不明", 0)
        == expected
    )
    by_month = s.by_month.set_index("月")
    months = by_month["開催数"].fillna(0).astype(int)
    fy_total = len(rows)  # every meeting is in FY2026, up to the period's end
    in_fy = sum(1 for _, day, *_ in rows if date(2026, 4, 1) + timedelta(days=day) <= period.end)
    assert int(months.sum()) == in_fy == figures["年度の開催数（累計）"] <= fy_total
    station_total = s.overview.by_station.set_index("警察署").loc["合計"]
    assert station_total["期間内の開催"] == expected
    requests_in_period = s.requests[s.requests["対象"] == "期間内"]
    assert len(requests_in_period) == total["要望事項"] == figures["要望事項（期間内に出たもの）"]
    by_status = s.request_status.drop(columns=["警察署", "問題解決活動の候補"])
    assert int(by_status.sum().sum()) == len(s.requests)


# --- one cut-off: a month's and the fiscal year's summaries made the same day agree ----------

PLANNED = (
    ("C01", date(2026, 6, 1)),
    ("C01", date(2026, 10, 1)),
    ("C02", date(2026, 8, 1)),
    ("E01", date(2026, 7, 1)),
    ("E01", date(2026, 11, 1)),
    ("W01", date(2026, 9, 1)),
    ("W01", date(2027, 1, 1)),
)
PLAN_REGISTRY = dataclasses.replace(
    REGISTRY, plans=tuple(PlannedMeeting(2026, c, m, F.REGULAR, "") for c, m in PLANNED)
)
ANSWERS = (None, "対応した", "市に要望した", "防犯訓練を１１月に行う予定", "予定どおり実施した")

ledgers = st.lists(
    st.tuples(
        st.integers(0, len(NAMES) - 1),
        st.integers(0, 364),  # day of fiscal year 2026
        st.sampled_from([F.REGULAR, F.EXTRAORDINARY, None]),
        st.integers(0, 30),  # civilians
        st.lists(st.sampled_from(ANSWERS), max_size=3),  # the requests' answers
        st.integers(0, 75),  # days from the meeting to its receipt
    ),
    max_size=25,
    unique_by=lambda m: (m[0], m[1]),
)


def _rows(df: Any, columns: list[str]) -> list[tuple[Any, ...]]:
    return sorted(
        tuple(None if pd.isna(v) else v for v in row)
        for row in df[columns].itertuples(index=False, name=None)
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers, st.integers(0, 330), st.integers(0, 11))
def test_a_months_and_the_years_summaries_made_the_same_day_agree(
    rows: list, as_of_day: int, month_index: int
) -> None:
    as_of = date(2026, 4, 20) + timedelta(days=as_of_day)
    first = date(2026 + (month_index > 8), (month_index + 3) % 12 + 1, 1)
    assume(first <= as_of)
    month = f"{first.year}-{first.month:02d}"
    meetings = []  # (station, council name, day, kind, received)
    with TemporaryDirectory() as tmp:
        files, received = [], {}
        for i, (who, day, kind, civilians, answers, delay) in enumerate(rows):
            station, council, facility = NAMES[who]
            held = date(2026, 4, 1) + timedelta(days=day)
            report = F.report(
                station=station, council=council, facility=facility, day=held, kind=kind,
                civilians=civilians,
                requests=[(f"要望{i}-{k}", a) for k, a in enumerate(answers)],
            )  # fmt: skip
            result = F.file_result(Path(tmp), f"{i}.xlsx", F.Meeting(report, f"報告書{i}"))
            received[result.path] = held + timedelta(days=delay)
            files.append(result)
            meetings.append((station, council, held, kind, received[result.path]))
        given = lambda r, new: GivenReceipt(received[r.path], "given")  # noqa: E731
        # the ledger is filled as it stands at the end of June 2027 (every receipt is past)
        with (
            mock.patch.object(clock, "today", return_value=date(2027, 6, 30)),
            Ledger.open(Path(tmp) / "台帳.db") as ledger,
        ):
            ledger.ingest(
                files, context=F.context(PLAN_REGISTRY, date(2027, 6, 30)), receipts=given
            )
            make = lambda p: build_summary(  # noqa: E731
                ledger, parse_period(p), registry=PLAN_REGISTRY, station=None,
                settings=F.settings(as_of),
            )  # fmt: skip
            m, fy = make(month), make("FY2026")
    end = m.period.end
    known = [x for x in meetings if x[4] <= as_of]  # received by the as-of day
    # every meeting of the month received by the as-of day, and nothing else
    assert len(m.meetings) == sum(1 for x in known if first <= x[2] <= end)
    assert len(fy.meetings) == len(known)
    # the meetings, their receipt days and lateness are the same in both
    columns = [
        "開催日",
        "協議会名",
        "会議種別",
        "出席民間",
        "受付日",
        "受付まで日数",
        "備考",
        "未回答",
    ]
    in_month = fy.meetings[(fy.meetings["開催日"] >= pd.Timestamp(first))
                           & (fy.meetings["開催日"] <= pd.Timestamp(end))]  # fmt: skip
    assert _rows(m.meetings, columns) == _rows(in_month, columns)
    # the month's requests: the same words, days and marks
    req = ["開催日", "要望事項", "状況", "経過日数", "長期"]
    fy_req = fy.requests[(fy.requests["開催日"] >= pd.Timestamp(first))
                         & (fy.requests["開催日"] <= pd.Timestamp(end))]  # fmt: skip
    assert _rows(m.requests[m.requests["対象"] == "期間内"], req) == _rows(fy_req, req)
    for s in (m, fy):
        figures = dict(zip(s.overview.figures["項目"], s.overview.figures["今回"], strict=True))
        total = s.tally[s.tally["行区分"] == "合計"].iloc[0]
        period = s.requests[s.requests["対象"] == "期間内"]
        for word in ("未回答", "対応中"):
            listed = int((period["状況"] == word).sum())
            assert total[word] == figures[f"　うち{word}"] == listed, word
        # never more planned meetings done than meetings counted (one cut-off)
        assert (
            figures["　うち実施済"]
            <= figures["年度の開催数（累計）"]
            == len(s.meetings) + sum(1 for x in known if x[2] < s.period.start)
        )
        done = s.submissions["実施済"]
        held = s.submissions["年度定期"] + s.submissions["年度臨時"]
        held = held + s.submissions.get("年度種別不明", 0)
        assert (done <= held).all()

    # the plan: the months whose window closes inside the month agree; the month's own plan
    # differs only when the year saw it done by a meeting after the month
    def plan_of(s: Any) -> dict[tuple[str, Any], tuple[str, Any]]:
        return {
            (k, pd.Timestamp(p).date()): (st_, d)
            for k, p, st_, d in zip(s.plans["key"], s.plans["予定月"], s.plans["状況"],
                                    s.plans["開催日"], strict=True)
        }  # fmt: skip

    mp, yp = plan_of(m), plan_of(fy)
    for key, (status, held_on) in mp.items():
        other, other_held = yp[key]
        if key[1] < first:
            assert (status, held_on) == (other, other_held), key
        elif status != other:
            assert other == "実施済" and other_held > pd.Timestamp(end), key
    assert set(mp) == {k for k in yp if k[1] <= first}
    # C1 at the month's cut-off, counted from the meetings themselves
    regular_by_end = {x[1] for x in known if x[2] <= end and x[3] == F.REGULAR}
    missing = m.submissions[m.submissions["年度内定期会議"] == "年度内未実施"]
    councils = {c.name for c in PLAN_REGISTRY.councils} | {x[1] for x in known if x[2] <= end}
    assert sorted(missing["協議会名"]) == sorted(n for n in councils if n not in regular_by_end)
