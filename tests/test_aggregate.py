"""The summary tables: totals recomputed from the records, statuses C1–C4, periods."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.aggregate import Summary, build_summary
from toolkit.aggregate.frames import CARRIED, UNREGISTERED
from toolkit.errors import InputError
from toolkit.fiscal import months_left, parse_period
from toolkit.ledger import Ledger
from toolkit.model import CATEGORIES, Report
from toolkit.registry import Member
from toolkit.rules.fiscal import HELD, NO_PLAN, NOT_HELD
from toolkit.rules.requests import ANSWERED, OPEN, PENDING, PROBLEM_SOLVING

TODAY = date(2026, 11, 20)

REGISTRY = F.registry(
    ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
    ("C02", "中央警察署", "北町駐在所", "北町駐在所連絡協議会"),
    ("C03", "中央警察署", "南口交番", "南口交番連絡協議会"),
    ("E01", "東警察署", "東口交番", "東口交番連絡協議会"),
    ("E02", "東警察署", "山田駐在所", "山田駐在所連絡協議会"),
    ("W01", "西警察署", "西口交番", "西口交番連絡協議会"),
)
COUNCILS = {c.council_id: c for c in REGISTRY.councils}


def meeting(cid: str, day: date, kind: str = F.REGULAR, **kw: Any) -> Report:
    c = COUNCILS[cid]
    return F.report(
        station=c.station, council=c.name, facility=c.facility_name, day=day, kind=kind, **kw
    )


def summarise(
    ledger: Ledger, period: str, *, registry: Any = REGISTRY, station: str | None = None, **kw: Any
) -> Summary:
    return build_summary(
        ledger,
        parse_period(period),
        registry=registry,
        station=station,
        settings=F.settings(TODAY, **kw),
    )


@pytest.fixture
def ledger(tmp_path: Path) -> Any:
    """The worked example of the module docstring of test_aggregate."""
    d = tmp_path / "in"
    runs = [
        [
            F.file_result(
                d, "C01_0315.xlsx", meeting("C01", date(2026, 3, 15), requests=[("防犯灯", None)])
            ),
        ],
        [
            F.file_result(d, "C01_0510.xlsx", meeting("C01", date(2026, 5, 10), civilians=8)),
            F.file_result(
                d,
                "C01_1015.xlsx",
                meeting(
                    "C01",
                    date(2026, 10, 15),
                    police=4,
                    civilians=12,
                    requests=[("街灯の設置", "市へ要望済み"), ("見回りの強化", None)],
                    agenda=[
                        ("交番等の活動状況", "年末特別警戒"),
                        ("地域の祭礼等の催事・行事", "秋祭りの警備"),
                        (None, "自転車盗の増加"),
                    ],
                ),
            ),
            F.file_result(
                d,
                "C01_1028.xlsx",
                meeting("C01", date(2026, 10, 28), F.EXTRAORDINARY, police=2, civilians=6),
            ),
            F.file_result(
                d, "C02_1003.xlsx", meeting("C02", date(2026, 10, 3), F.EXTRAORDINARY, civilians=9)
            ),
            F.file_result(d, "C03_0901.xlsx", meeting("C03", date(2026, 9, 1), civilians=7)),
            F.file_result(
                d,
                "E01_1020.xlsx",
                meeting("E01", date(2026, 10, 20), civilians=5, requests=[("通学路", None)]),
            ),
            F.file_result(d, "E01_0110.xlsx", meeting("E01", date(2027, 1, 10), civilians=30)),
            F.file_result(
                d,
                "西/商店街.xlsx",
                F.report(
                    station="西署",
                    council="西口商店街連絡協議会",
                    facility="西口交番",
                    day=date(2026, 10, 5),
                    kind=F.EXTRAORDINARY,
                    civilians=4,
                ),
            ),
        ],
        [
            # corrected resubmission of E01 2026-10-20 (one more civilian, request answered)
            F.file_result(
                tmp_path / "fixed",
                "E01_1020.xlsx",
                meeting(
                    "E01", date(2026, 10, 20), civilians=6, requests=[("通学路", "見守り実施")]
                ),
            ),
            # the same bytes as an earlier file, under another name
            F.file_result(
                d,
                "C02_1003 - コピー.xlsx",
                meeting("C02", date(2026, 10, 3), F.EXTRAORDINARY, civilians=9),
            ),
        ],
    ]
    with Ledger.open(tmp_path / "台帳.sqlite") as led:
        for files in runs:
            led.ingest(files, context=F.context(REGISTRY, TODAY))
        yield led


def rows(df: pd.DataFrame, *cols: str) -> list[tuple[Any, ...]]:
    return [
        tuple(None if pd.isna(v) else v for v in r) for r in df[list(cols)].itertuples(index=False)
    ]


# --- 集計表 --------------------------------------------------------------------------------


def test_tally_of_the_worked_example(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10")
    got = rows(
        s.tally,
        "警察署",
        "協議会ID",
        "協議会名",
        "定期会議",
        "臨時会議",
        "開催計",
        "出席警察官",
        "出席民間",
        "出席計",
        "要望事項",
        "未回答",
        "行区分",
    )
    assert got == [
        ("中央警察署", "C01", "駅前交番連絡協議会", 1, 1, 2, 6, 18, 24, 2, 1, "明細"),
        ("中央警察署", "C02", "北町駐在所連絡協議会", 0, 1, 1, 3, 9, 12, 0, 0, "明細"),
        ("中央警察署", "C03", "南口交番連絡協議会", 0, 0, 0, 0, 0, 0, 0, 0, "明細"),
        ("中央警察署", None, "小計", 1, 2, 3, 9, 27, 36, 2, 1, "小計"),
        ("東警察署", "E01", "東口交番連絡協議会", 1, 0, 1, 3, 6, 9, 1, 0, "明細"),
        ("東警察署", "E02", "山田駐在所連絡協議会", 0, 0, 0, 0, 0, 0, 0, 0, "明細"),
        ("東警察署", None, "小計", 1, 0, 1, 3, 6, 9, 1, 0, "小計"),
        ("西警察署", "W01", "西口交番連絡協議会", 0, 0, 0, 0, 0, 0, 0, 0, "明細"),
        ("西警察署", None, "西口商店街連絡協議会", 0, 1, 1, 3, 4, 7, 0, 0, "明細"),
        ("西警察署", None, "小計", 0, 1, 1, 3, 4, 7, 0, 0, "小計"),
        ("合計", None, None, 2, 3, 5, 15, 37, 52, 3, 1, "合計"),
    ]
    assert "種別不明" not in s.tally.columns


def _random_reports(seed: int) -> list[tuple[Report, str]]:
    rng = random.Random(seed)
    out = []
    taken: set[tuple[str, date]] = set()
    for i in range(80):
        cid = rng.choice(list(COUNCILS))
        day = date(2026, rng.choice([4, 6, 9, 10, 10, 10, 12]), rng.randint(1, 28))
        while (cid, day) in taken:  # one report per meeting (a council and a day, R7)
            day = date(2026, rng.choice([4, 6, 9, 10, 10, 10, 12]), rng.randint(1, 28))
        taken.add((cid, day))
        kind = rng.choice([F.REGULAR, F.REGULAR, F.EXTRAORDINARY, None])
        reqs = [(f"要望{i}-{k}", rng.choice([None, "対応済み"])) for k in range(rng.randint(0, 3))]
        police = rng.choice([None, 0, 1, 2, 3, 4])
        r = meeting(cid, day, kind, police=police, civilians=rng.randint(0, 25), requests=reqs)
        out.append((r, f"報告書{i}"))
    return out


@pytest.mark.parametrize("period", ["2026-10", "FY2026"])
def test_every_total_of_the_tally_matches_the_records(tmp_path: Path, period: str) -> None:
    data = _random_reports(11)
    files = [
        F.file_result(tmp_path, f"{i}.xlsx", F.Meeting(r, sheet=sheet))
        for i, (r, sheet) in enumerate(data)
    ]
    p = parse_period(period)
    with Ledger.memory() as led:
        led.ingest(files, context=F.context(REGISTRY, TODAY))
        s = build_summary(led, p, registry=REGISTRY, station=None, settings=F.settings(TODAY))
    expected: dict[str, Counter[str]] = defaultdict(Counter)
    for r, _ in data:
        if not p.start <= r.date.value <= p.end:  # type: ignore[operator]
            continue
        c = COUNCILS[r.council_id or REGISTRY.by_name(r.council_name.value).council_id]  # type: ignore[arg-type, union-attr]
        for key in (c.council_id, "station:" + c.station, "total"):
            e = expected[key]
            e["定期会議"] += r.meeting_type.value == F.REGULAR
            e["臨時会議"] += r.meeting_type.value == F.EXTRAORDINARY
            e["種別不明"] += r.meeting_type.value is None
            e["開催計"] += 1
            e["出席警察官"] += r.police_attendees.value or 0
            e["出席民間"] += r.civilian_attendees.value or 0
            e["出席計"] += (r.police_attendees.value or 0) + (r.civilian_attendees.value or 0)
            e["要望事項"] += len(r.requests)
            e["未回答"] += len(r.open_requests)
    numbers = [
        c
        for c in s.tally.columns
        if c not in ("警察署", "協議会ID", "協議会名", "施設名", "行区分")
    ]
    assert "種別不明" in numbers
    for row in s.tally.to_dict("records"):
        if row["行区分"] == "明細":
            key = row["協議会ID"]
        elif row["行区分"] == "小計":
            key = "station:" + row["警察署"]
        else:
            key = "total"
        assert {n: row[n] for n in numbers} == {n: expected[key][n] for n in numbers}, key
    assert sorted(s.tally.loc[s.tally["行区分"] == "明細", "協議会ID"]) == sorted(COUNCILS)
    by_station = s.by_station.set_index("警察署")
    for station in ("中央警察署", "東警察署", "西警察署"):
        e = expected["station:" + station]
        assert by_station.loc[station, "臨時会議"] == e["臨時会議"]
        assert by_station.loc[station, "定期会議"] == e["定期会議"]


# --- 提出状況 (C1, C2) -------------------------------------------------------------------


def test_every_registered_council_appears_once_with_its_statuses(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10")
    sub = s.submissions
    registered = sub[sub["備考"] != UNREGISTERED]
    assert sorted(registered["協議会ID"]) == sorted(COUNCILS)
    assert registered["協議会ID"].is_unique
    got = {
        r["協議会ID"] or r["協議会名"]: (
            r["期間内報告"],
            r["計画の状況"],
            r["年度定期"],
            r["年度臨時"],
            r["年度内定期会議"],
            r["残り月数"],
            r["備考"],
        )
        for r in sub.to_dict("records")
    }
    assert got == {
        "C01": (2, NO_PLAN, 2, 1, HELD, 5, ""),
        # only a 臨時会議: the yearly 定期会議 has NOT been held
        "C02": (1, NO_PLAN, 0, 1, NOT_HELD, 5, ""),
        "C03": (0, NO_PLAN, 1, 0, HELD, 5, ""),
        # the January meeting is after the period: not counted in October's summary
        "E01": (1, NO_PLAN, 1, 0, HELD, 5, ""),
        "E02": (0, NO_PLAN, 0, 0, NOT_HELD, 5, ""),
        "W01": (0, NO_PLAN, 0, 0, NOT_HELD, 5, ""),
        "西口商店街連絡協議会": (1, NO_PLAN, 0, 1, NOT_HELD, 5, UNREGISTERED),
    }
    # Reports follow meetings: nobody is "未提出" for not meeting in October.
    assert "提出状況" not in sub.columns
    assert not sub.astype(str).isin(["未提出"]).any().any()
    last = dict(zip(sub["協議会名"], sub["最終開催日"], strict=True))
    assert last["駅前交番連絡協議会"] == pd.Timestamp("2026-10-28")
    assert last["南口交番連絡協議会"] == pd.Timestamp("2026-09-01")
    assert pd.isna(last["山田駐在所連絡協議会"])


def test_fiscal_year_summary_counts_the_whole_year(ledger: Ledger) -> None:
    s = summarise(ledger, "FY2026")
    sub = s.submissions.set_index("協議会名")
    assert sub.loc["東口交番連絡協議会", "年度定期"] == 2
    assert sub.loc["東口交番連絡協議会", "期間内報告"] == 2
    assert sub.loc["北町駐在所連絡協議会", "年度内定期会議"] == NOT_HELD
    # 2026-11-20 is in November: December to March are left
    assert set(sub["残り月数"]) == {4}
    assert s.period.label == "令和8年度"


def test_two_regular_meetings_a_year(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10", regular_meetings_per_year=2)
    status = dict(zip(s.submissions["協議会名"], s.submissions["年度内定期会議"], strict=True))
    assert status["駅前交番連絡協議会"] == "実施済（2/2回）"
    assert status["南口交番連絡協議会"] == "年度内未実施（1/2回）"
    assert status["山田駐在所連絡協議会"] == "年度内未実施（0/2回）"


def test_yearly_marks(ledger: Ledger) -> None:
    y = summarise(ledger, "FY2026").yearly.set_index("協議会名")
    assert y.loc["駅前交番連絡協議会", "5月"] == "定"
    assert y.loc["駅前交番連絡協議会", "10月"] == "定・臨"
    assert y.loc["北町駐在所連絡協議会", "10月"] == "臨"
    assert y.loc["東口交番連絡協議会", "1月"] == "定"
    assert y.loc["山田駐在所連絡協議会", "4月"] is None
    assert list(y.columns[2:14]) == [f"{m}月" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
    # October's view of the same year does not show January yet
    oct_view = summarise(ledger, "2026-10").yearly.set_index("協議会名")
    assert oct_view.loc["東口交番連絡協議会", "1月"] is None


def test_two_regular_meetings_in_one_month_are_marked_with_a_count(tmp_path: Path) -> None:
    files = [
        F.file_result(tmp_path, "a.xlsx", F.Meeting(meeting("C01", date(2026, 6, 2)), "a")),
        F.file_result(tmp_path, "b.xlsx", F.Meeting(meeting("C01", date(2026, 6, 20)), "b")),
        F.file_result(
            tmp_path, "c.xlsx", F.Meeting(meeting("C01", date(2026, 6, 25), F.EXTRAORDINARY), "c")
        ),
    ]
    with Ledger.memory() as led:
        led.ingest(files, context=F.context(REGISTRY, TODAY))
        y = summarise(led, "FY2026").yearly.set_index("協議会ID")
    assert y.loc["C01", "6月"] == "定2・臨"


def test_months_left() -> None:
    assert months_left(parse_period("2026-10"), TODAY) == 5
    assert months_left(parse_period("2027-03"), TODAY) == 0
    assert months_left(parse_period("2026-04"), TODAY) == 11
    assert months_left(parse_period("FY2026"), date(2026, 3, 1)) == 12
    assert months_left(parse_period("FY2026"), date(2027, 5, 1)) == 0


# --- 要望事項 (C3) -------------------------------------------------------------------------


def test_requests_open_and_days_open(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10")
    got = rows(
        s.requests, "開催日", "協議会名", "要望事項", "状況", "経過日数", "長期", "備考", "対象"
    )
    assert got == [
        # still open after 250 days: it keeps its status and carries the mark
        (
            pd.Timestamp("2026-03-15"),
            "駅前交番連絡協議会",
            "防犯灯",
            OPEN,
            250,
            "長期",
            "問題解決活動の候補",
            CARRIED,
        ),
        # 「市へ要望済み」: handed on, not yet answered
        (
            pd.Timestamp("2026-10-15"),
            "駅前交番連絡協議会",
            "街灯の設置",
            PENDING,
            36,
            "",
            "",
            "期間内",
        ),
        (
            pd.Timestamp("2026-10-15"),
            "駅前交番連絡協議会",
            "見回りの強化",
            OPEN,
            36,
            "",
            "",
            "期間内",
        ),
        # answered in the corrected resubmission
        (
            pd.Timestamp("2026-10-20"),
            "東口交番連絡協議会",
            "通学路",
            ANSWERED,
            None,
            "",
            "",
            "期間内",
        ),
    ]
    status = s.request_status.set_index("警察署")
    assert [status.loc["中央警察署", c] for c in (ANSWERED, PENDING, OPEN, PROBLEM_SOLVING)] == [
        0,
        1,
        1,
        0,
    ]
    assert status.loc["中央警察署", "未回答（継続）"] == 1
    assert status.loc["中央警察署", "問題解決活動の候補"] == 1
    assert status.loc["東警察署", ANSWERED] == 1
    assert rows(s.candidates, "協議会名", "要望事項", "経過日数") == [
        ("駅前交番連絡協議会", "防犯灯", 250)
    ]


def test_problem_solving_days_is_a_setting(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10", problem_solving_days=30)
    assert list(s.requests["状況"]) == [OPEN, PENDING, OPEN, ANSWERED]
    assert list(s.requests["長期"]) == ["長期", "長期", "長期", ""]


def test_an_answer_that_names_problem_solving_is_a_theme(tmp_path: Path) -> None:
    report = meeting(
        "C01", date(2026, 10, 15), requests=[("空き家対策", "問題解決活動のテーマとして取り組む")]
    )
    with Ledger.memory() as led:
        led.ingest([F.file_result(tmp_path, "a.xlsx", report)], context=F.context(REGISTRY, TODAY))
        s = summarise(led, "2026-10")
    assert rows(s.requests, "状況", "経過日数", "長期") == [(PROBLEM_SOLVING, 36, "")]


# --- supersession and identical files ------------------------------------------------------


def test_superseded_reports_never_count_and_identical_files_count_once(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10")
    m = s.meetings
    assert list(m["協議会名"]).count("東口交番連絡協議会") == 1
    assert list(m["協議会名"]).count("北町駐在所連絡協議会") == 1
    e01 = m[m["協議会名"] == "東口交番連絡協議会"].iloc[0]
    assert e01["出席民間"] == 6
    assert e01["ファイル"].endswith("fixed/E01_1020.xlsx")
    assert len(m) == 5


# --- 開催一覧, 協議事項, 検証結果 -----------------------------------------------------------


def test_meetings_list(ledger: Ledger) -> None:
    m = summarise(ledger, "2026-10").meetings
    assert list(m.columns[:4]) == ["開催日", "警察署", "協議会名", "会議種別"]
    assert list(m.columns[-2:]) == ["ファイル", "シート"]
    assert list(m["開催日"]) == sorted(m["開催日"])  # by date
    first = m.iloc[0]
    assert (first["開催日"], first["協議会ID"], first["会議種別"], first["シート"]) == (
        pd.Timestamp("2026-10-03"),
        "C02",
        "臨時",
        "報告書",
    )
    assert m.iloc[1]["協議会名"] == "西口商店街連絡協議会"
    # ingested on 2026-11-20, 46 days after the meeting: late (速やかに, 2(9))
    assert m.iloc[1]["備考"] == "名簿外・報告遅れ"
    assert (m.iloc[1]["受付日"], m.iloc[1]["受付まで日数"]) == (pd.Timestamp("2026-11-20"), 46)


def test_agenda_counts_and_topics(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10")
    counts = dict(zip(s.agenda_counts["区分"], s.agenda_counts["件数"], strict=True))
    # C01 10-15 has three topics; every other report of October one (交番等の活動状況)
    assert counts == {
        CATEGORIES[0]: 5,
        CATEGORIES[1]: 0,
        CATEGORIES[2]: 1,
        CATEGORIES[3]: 0,
        "未分類": 1,
        "合計": 7,
    }
    assert "自転車盗の増加" in set(s.agenda["協議事項"])
    assert len(s.agenda) == 7


def test_findings_of_the_period_and_unreadable_files(tmp_path: Path) -> None:
    hyper = '=HYPERLINK("http://example.invalid","押して")'
    files = [
        F.file_result(
            tmp_path,
            "中央署/a.xlsx",
            F.Meeting(meeting("C01", date(2026, 10, 2)), findings=(F.warning(), F.error(hyper))),
        ),
        F.file_result(
            tmp_path,
            "中央署/undated.xlsx",
            F.Meeting(meeting("C02", None), findings=(F.error("日付がありません", "R1.required"),)),
        ),
        F.file_result(
            tmp_path,
            "東署/b.xlsx",
            F.Meeting(meeting("E01", date(2026, 9, 2)), findings=(F.warning(),)),
        ),
        F.unreadable(tmp_path, "中央署/broken.xlsx"),
    ]
    with Ledger.memory() as led:
        led.ingest(files, context=F.context(REGISTRY, TODAY))
        s = summarise(led, "2026-10")
        chuo = summarise(led, "2026-10", station="中央署")
        east = summarise(led, "2026-10", station="東警察署")
    got = [
        (Path(f).name, sev, code)
        for f, sev, code in rows(s.findings, "ファイル", "重大度", "コード")
    ]
    assert got == [
        ("a.xlsx", "誤り", "R3.not-count"),
        ("a.xlsx", "警告", "R3.no-civilians"),
        ("broken.xlsx", "誤り", "F1.corrupt"),
        ("undated.xlsx", "誤り", "R1.required"),
    ]
    assert hyper in set(s.findings["内容"])
    assert list(s.meetings["点検結果"]) == ["誤り1件・警告1件"]
    assert list(s.meetings["開催時間"]) == ["14:00～15:30"]
    assert len(chuo.findings) == 4  # the broken file's folder names the station
    assert list(east.findings["コード"]) == []  # September's warning is not October's


# --- station filter and no registry ------------------------------------------------------


def test_station_filter_limits_everything(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10", station="東署")
    assert s.station == "東警察署"
    assert set(s.tally["警察署"]) == {"東警察署", "合計"}
    assert sorted(s.submissions["協議会ID"]) == ["E01", "E02"]
    assert set(s.meetings["警察署"]) == {"東警察署"}
    assert set(s.requests["警察署"]) == {"東警察署"}
    assert list(s.by_station["警察署"]) == ["東警察署"]
    with pytest.raises(InputError, match="北警察署"):
        summarise(ledger, "2026-10", station="北警察署")


def test_without_a_registry_the_councils_are_those_that_reported(ledger: Ledger) -> None:
    s = summarise(ledger, "2026-10", registry=None)
    names = list(s.submissions["協議会名"])
    assert "山田駐在所連絡協議会" not in names  # never reported
    assert sorted(names) == sorted(
        [
            "駅前交番連絡協議会",
            "北町駐在所連絡協議会",
            "南口交番連絡協議会",
            "東口交番連絡協議会",
            "西口商店街連絡協議会",
        ]
    )
    assert set(s.submissions["備考"]) == {""}
    assert s.notes and "名簿" in s.notes[0]
    total = s.tally[s.tally["行区分"] == "合計"].iloc[0]
    assert total["開催計"] == 5


def test_purged_reports_still_count(ledger: Ledger, clock_at: Callable[[date], None]) -> None:
    clock_at(date(2028, 4, 1))
    expired = [e for e in ledger.expired(date(2028, 4, 1), 1) if e.meeting_date]
    ledger.purge([e for e in expired if e.meeting_date < date(2026, 11, 1)], date(2028, 4, 1))  # type: ignore[operator]
    s = summarise(ledger, "2026-10")
    total = s.tally[s.tally["行区分"] == "合計"].iloc[0]
    assert (total["開催計"], total["出席民間"], total["要望事項"]) == (5, 37, 3)
    assert set(s.requests["要望事項"]) == {"（保存期間経過のため削除）"}
    assert all("保存期間経過" in note for note in s.meetings["備考"])


def test_an_empty_ledger_gives_empty_tables(tmp_path: Path) -> None:
    with Ledger.memory() as led:
        s = summarise(led, "2026-10")
    assert len(s.submissions) == 6
    assert set(s.submissions["計画の状況"]) == {NO_PLAN}
    assert s.meetings.empty and s.requests.empty and s.findings.empty
    assert s.tally.iloc[-1]["開催計"] == 0


# --- periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "fy", "label"),
    [
        ("2026-10", "month", date(2026, 10, 1), date(2026, 10, 31), 2026, "令和8年10月"),
        ("2027-02", "month", date(2027, 2, 1), date(2027, 2, 28), 2026, "令和9年2月"),
        ("2026年10月", "month", date(2026, 10, 1), date(2026, 10, 31), 2026, "令和8年10月"),
        ("令和８年１０月", "month", date(2026, 10, 1), date(2026, 10, 31), 2026, "令和8年10月"),
        ("FY2026", "fy", date(2026, 4, 1), date(2027, 3, 31), 2026, "令和8年度"),
        ("fy2026", "fy", date(2026, 4, 1), date(2027, 3, 31), 2026, "令和8年度"),
        ("2026年度", "fy", date(2026, 4, 1), date(2027, 3, 31), 2026, "令和8年度"),
        ("令和8年度", "fy", date(2026, 4, 1), date(2027, 3, 31), 2026, "令和8年度"),
        ("令和元年度", "fy", date(2019, 4, 1), date(2020, 3, 31), 2019, "令和元年度"),
        ("平成30年度", "fy", date(2018, 4, 1), date(2019, 3, 31), 2018, "平成30年度"),
    ],
)
def test_parse_period(text: str, kind: str, start: date, end: date, fy: int, label: str) -> None:
    p = parse_period(text)
    assert (p.kind, p.start, p.end, p.fiscal_year, p.label) == (kind, start, end, fy, label)


@pytest.mark.parametrize(
    "text", ["", "2026", "2026-13", "FY26", "来月", "令和8年13月", "2026-10-15"]
)
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(InputError, match="集計期間"):
        parse_period(text)


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_every_month_parses_in_every_notation(year: int, month: int) -> None:
    a = parse_period(f"{year}-{month:02d}")
    assert parse_period(f"{year}年{month}月") == a
    assert parse_period(a.label) == a
    assert a.start.day == 1 and a.end.month == month and (a.end.day >= 28)
    fy = parse_period(f"FY{a.fiscal_year}")
    assert fy.start <= a.start and a.end <= fy.end
    assert parse_period(fy.label) == fy


def test_same_council_name_in_two_stations(tmp_path: Path) -> None:
    reg = F.registry(
        ("C1", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
        ("E1", "東警察署", "駅前交番", "駅前交番連絡協議会"),
    )
    files = [
        F.file_result(tmp_path / "x", "a.xlsx", F.report(station="中央署", civilians=3)),
        F.file_result(tmp_path / "y", "a.xlsx", F.report(station="東署", civilians=4)),
    ]
    with Ledger.memory() as led:
        # ingested without a registry: the summary's registry places them
        led.ingest(files, context=F.context())
        s = build_summary(
            led, parse_period("2026-10"), registry=reg, station=None, settings=F.settings(TODAY)
        )
    detail = s.tally[s.tally["行区分"] == "明細"]
    assert rows(detail, "協議会ID", "警察署", "出席民間") == [
        ("C1", "中央警察署", 3),
        ("E1", "東警察署", 4),
    ]


# --- member findings beside the meetings (M1–M6, `kyogikai roster`) ---------------------------


def _member(cid: str, n: int, group: str, gender: str, age: str, job: str, **dates: Any) -> Member:
    return Member(
        cid,
        f"委員{cid}{n}",
        gender,
        age,
        job,
        group,
        dates.get("appointed", date(2025, 4, 1)),
        dates.get("term_end", date(2027, 3, 31)),
        dates.get("appointed", date(2025, 4, 1)),
    )


def _with_members() -> Any:
    """C01 healthy but one term ended; C02 three members; the rest none. The factory's
    managers are 交番所長, which does not fit the 駐在所 (C02, E02)."""
    jobs = (
        "自治会長",
        "民生委員",
        "校長",
        "役員",
        "防犯協会",
        "商店主",
        "会社員",
        "農業",
        "医師",
        "僧侶",
    )
    ages = ("40代", "50代", "60代", "70代")
    c01 = [
        _member(
            "C01",
            i,
            "abcab"[i] if i < 5 else "その他",
            "男性" if i % 2 else "女性",
            ages[i % 4],
            job,
        )
        for i, job in enumerate(jobs)
    ]
    c01[0] = dataclasses.replace(c01[0], appointed=date(2024, 11, 1), term_end=date(2026, 10, 31))
    c02 = [
        _member("C02", 0, "a", "男性", "40代", "自治会長"),
        _member("C02", 1, "a", "女性", "50代", "町内会長"),
        _member("C02", 2, "a", "男性", "60代", "区長"),
    ]
    return dataclasses.replace(REGISTRY, members=(*c01, *c02))


def test_submissions_and_overview_count_member_findings(ledger: Ledger) -> None:
    s = summarise(ledger, "FY2026", registry=_with_members())
    registered = s.submissions[s.submissions["備考"] != UNREGISTERED]
    per = dict(zip(registered["協議会ID"], registered["委員の指摘"], strict=True))
    unknown = s.submissions.loc[s.submissions["備考"] == UNREGISTERED, "委員の指摘"]
    assert len(unknown) == 1 and unknown.isna().all()  # not in the registry: no members known
    # C01: the ended term; C02: 3 members (M1) and its manager (M6); E02: none listed and
    # its manager; the others: none listed (M1).
    assert per == {"C01": 1, "C02": 2, "C03": 1, "E01": 1, "E02": 2, "W01": 1}
    stations = s.overview.by_station.set_index("警察署")["委員の指摘"].to_dict()
    assert stations == {"中央警察署": 4, "東警察署": 3, "西警察署": 1, "合計": 8}
    figures = s.overview.figures.set_index("項目")
    assert figures.loc["委員名簿の指摘", "今回"] == 8
    # the M-codes in words; a term ending soon is a 委嘱 diary item, counted apart
    assert figures.loc["委員名簿の指摘", "比較の対象"] == "6協議会・内訳は下"
    assert (
        "委員名簿の指摘の内訳: 委員の未登録 4件、委員の人数 1件、任期満了 1件、"
        "運営責任者が施設に合わない 2件（委員名簿の点検 kyogikai roster で詳細）。"
    ) in s.overview.notes
    assert figures.loc["任期満了が近い委員", "今回"] == 0
    assert figures.loc["任期満了が近い委員", "比較の対象"] == "委嘱の準備・0協議会"
    columns = list(s.submissions.columns)
    assert columns.index("委員の指摘") < columns.index("備考")  # on paper


def test_without_members_in_the_registry_there_is_no_member_column(ledger: Ledger) -> None:
    s = summarise(ledger, "FY2026")
    assert "委員の指摘" not in s.submissions.columns
    assert "委員の指摘" not in s.overview.by_station.columns
    assert "委員名簿の指摘" not in set(s.overview.figures["項目"])
