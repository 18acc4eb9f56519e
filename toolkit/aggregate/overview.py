"""概況: what the 地域課長 must know, on one page — the key figures of the period beside
those of the period before (or the same point of the previous fiscal year), and one line
per police station.

Every figure is taken from the tables of the other sheets, so the page and the sheets
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from toolkit.aggregate.frames import Scope, count_types
from toolkit.aggregate.status import MEMBER_FINDINGS
from toolkit.fiscal import Period, fy_period
from toolkit.rules.fiscal import NOT_HELD, PLAN_CHASE, PLAN_DONE, PLAN_DUE
from toolkit.rules.requests import ANSWERED, OPEN, PENDING, PROBLEM_SOLVING

FIGURE_COLUMNS = ["項目", "今回", "比較", "増減", "比較の対象"]


@dataclass
class Overview:
    """The 概況 page: key figures, one row per station, and notes to read them by."""

    figures: pd.DataFrame
    by_station: pd.DataFrame
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Counts:
    meetings: int = 0
    regular: int = 0
    extraordinary: int = 0
    unknown: int = 0
    civilians: int = 0
    requests: int = 0


def _counts(reports: pd.DataFrame) -> _Counts:
    if reports.empty:
        return _Counts()
    kinds = count_types(reports.assign(_all=0), "_all").iloc[0]
    return _Counts(
        meetings=int(kinds["meetings"]),
        regular=int(kinds["regular"]),
        extraordinary=int(kinds["extraordinary"]),
        unknown=int(kinds["unknown"]),
        civilians=int(reports["civilians"].fillna(0).sum()),
        requests=int(reports["n_requests"].sum()),
    )


def _earlier(scope: Scope) -> tuple[Period, date, str]:
    """What the period is compared with: the previous month for a month; for a fiscal
    year, the previous fiscal year up to the same day."""
    period = scope.period
    if period.kind == "month":
        before = period.previous()
        return before, before.end, f"前月（{before.label}）"
    day = min(scope.settings.today, period.end)
    try:
        same = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        same = day.replace(year=day.year - 1, day=28)
    before = fy_period(period.fiscal_year - 1)
    return before, same, f"前年度同時期（{before.label}・{same.month}月{same.day}日まで）"


def build_overview(
    scope: Scope,
    rep: pd.DataFrame,
    fy: pd.DataFrame,
    submissions: pd.DataFrame,
    plans: pd.DataFrame,
    requests: pd.DataFrame,
    findings: pd.DataFrame,
    order: dict[str, int],
) -> Overview:
    """The 概況 of the summary, from the tables of its other sheets."""
    before, until, label = _earlier(scope)
    earlier = scope.reports(scope.ledger.current_reports(before.fiscal_year, until, scope.as_of))
    earlier = earlier[earlier["meeting_date"] >= pd.Timestamp(before.start)]
    now, then = _counts(rep), _counts(earlier)
    basis = label
    label = label.split("（")[0]
    compared = not earlier.empty  # a ledger with nothing of that time has nothing to compare
    in_period = requests[requests["対象"] == "期間内"]
    not_done = requests[requests["状況"] != ANSWERED]
    c1_missing = int((submissions["年度内定期会議"].astype(str).str.startswith(NOT_HELD)).sum())
    left = int(submissions["残り月数"].iloc[0]) if len(submissions) else 0
    rows: list[tuple[str, object, object, str]] = [
        ("開催数（期間内）", now.meetings, then.meetings, label),
        ("　うち定期会議", now.regular, then.regular, label),
        ("　うち臨時会議", now.extraordinary, then.extraordinary, label),
        ("　うち種別不明", now.unknown, then.unknown, label),
        ("民間の出席者数（期間内）", now.civilians, then.civilians, label),
        ("要望事項（期間内に出たもの）", now.requests, then.requests, label),
        ("年度の開催数（累計）", len(fy), None, ""),
        ("年間計画の会議", len(plans), None, ""),
        ("　うち実施済", int((plans["状況"] == PLAN_DONE).sum()), None, ""),
        ("　うち予定", int((plans["状況"] == PLAN_DUE).sum()), None, ""),
        ("　うち督促", int((plans["状況"] == PLAN_CHASE).sum()), None, ""),
        (
            "定期会議 年度内未実施の協議会",
            c1_missing,
            None,
            f"全{len(submissions)}協議会・残り{left}か月",
        ),
        ("未回答の要望（継続分を含む）", int((not_done["状況"] == OPEN).sum()), None, ""),
        ("対応中の要望（継続分を含む）", int((not_done["状況"] == PENDING).sum()), None, ""),
        ("問題解決活動の候補", int((not_done["状況"] == PROBLEM_SOLVING).sum()), None, ""),
        ("報告の遅れ（期間内）", int(rep["late"].sum()), None, ""),
        ("検証結果の誤り", int((findings["重大度"] == "誤り").sum()), None, ""),
        ("検証結果の警告", int((findings["重大度"] == "警告").sum()), None, ""),
        *_member_rows(submissions),
    ]
    if not compared:
        rows = [
            (name, value, None, "" if other is not None else why)
            for name, value, other, why in rows
        ]
    figures = pd.DataFrame(
        [(name, value, other, _change(value, other), why) for name, value, other, why in rows],
        columns=FIGURE_COLUMNS,
    )
    figures["比較"] = figures["比較"].astype("Int64")
    notes = [
        f"比較の対象は{basis}です。"
        if compared
        else f"比較の対象（{basis}）の報告が台帳にないため、増減は示していません。",
        f"期間内の要望事項 {len(in_period)}件のうち回答済 {int((in_period['状況'] == ANSWERED).sum())}件。",
        "督促は、年間計画の予定月（前後1か月を含む）に報告がなく、"
        f"予定月の末日から{scope.settings.reminder_days}日を過ぎた会議です（2の(6)イ、2の(9)）。",
    ]
    return Overview(figures, _by_station(rep, fy, submissions, plans, not_done, order), notes)


def _member_rows(submissions: pd.DataFrame) -> list[tuple[str, object, object, str]]:
    """委員名簿の指摘 (M1–M6) beside the meetings, when the registry lists members."""
    if MEMBER_FINDINGS not in submissions.columns:
        return []
    counts = submissions[MEMBER_FINDINGS]
    basis = f"{int((counts > 0).sum())}協議会"
    return [("委員名簿の指摘（M1～M6）", int(counts.sum()), None, basis)]


def _change(value: object, other: object) -> str:
    if not isinstance(value, int) or not isinstance(other, int):
        return ""
    diff = value - other
    return f"{diff:+d}" if diff else "±0"


def _by_station(
    rep: pd.DataFrame,
    fy: pd.DataFrame,
    submissions: pd.DataFrame,
    plans: pd.DataFrame,
    not_done: pd.DataFrame,
    order: dict[str, int],
) -> pd.DataFrame:
    names = list(order)

    def per(df: pd.DataFrame, column: str = "警察署") -> list[int]:
        counts = df.groupby(column).size()
        return [int(counts.get(n, 0)) for n in names]

    missing = submissions[submissions["年度内定期会議"].astype(str).str.startswith(NOT_HELD)]
    out = pd.DataFrame(
        {
            "警察署": names,
            "協議会数": per(submissions),
            "期間内の開催": per(rep, "station"),
            "年度の開催": per(fy, "station"),
            "定期会議未実施": per(missing),
            "督促": per(plans[plans["状況"] == PLAN_CHASE]),
            "未回答・対応中": per(not_done[not_done["状況"].isin([OPEN, PENDING])]),
            "問題解決活動の候補": per(not_done[not_done["状況"] == PROBLEM_SOLVING]),
            "報告の遅れ": per(rep[rep["late"]], "station"),
        }
    )
    if MEMBER_FINDINGS in submissions.columns:
        found = submissions.groupby("警察署")[MEMBER_FINDINGS].sum()
        out[MEMBER_FINDINGS] = [int(found.get(n, 0)) for n in names]
    total = out.drop(columns=["警察署"]).sum()
    return pd.concat(
        [out, pd.DataFrame([{"警察署": "合計", **total.to_dict()}])], ignore_index=True
    )
