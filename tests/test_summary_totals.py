"""Every meeting counted once, and the totals of every sheet agreeing, over random ledgers
(a meeting of unreadable type included: it counts as 種別不明, never dropped)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import factories as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.aggregate import build_summary
from toolkit.fiscal import parse_period
from toolkit.ledger import Ledger

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
    assert int(s.by_station["種別不明"].sum()) == unknown == figures["　うち種別不明"]
    assert (
        figures["　うち定期会議"] + figures["　うち臨時会議"] + figures["　うち種別不明"]
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
    assert int(s.request_status.drop(columns=["警察署"]).sum().sum()) == len(s.requests)
