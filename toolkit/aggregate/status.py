"""提出状況 and 年度実施状況: per council, what the plan, the period and the fiscal year hold.

The statuses are decided by the rules across reports (`toolkit.rules.fiscal`: C1 the yearly
定期会議, C2 the yearly plan and the days to receipt); these functions lay them out. A council
that did not meet in the period is not "未提出": reports follow meetings, and what is owed is
what the plan promised (督促).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from toolkit.aggregate.frames import UNREGISTERED, Scope, count_types, frame, text_blanks
from toolkit.aggregate.plan import plan_counts
from toolkit.fiscal import FY_MONTHS, MONTH_HEADERS, months_left
from toolkit.rules.attendance import serving_on
from toolkit.rules.fiscal import NO_PLAN, PLAN_CHASE, PLAN_DUE, yearly_regular

UNKNOWN_MARK = "？"
MEMBER_FINDINGS = "委員の指摘"  # M1–M6 findings of the council (`kyogikai roster`)
PLANNED_MARK = "予定"
# The period's meetings against the members (2(6)エ, Art. 3) and the materials used (2(7)).
SERVING = "委員数"
UNDER_HALF = "出席が委員の半数未満"
NON_MEMBERS = "委員以外の参加"
TERMS_OVER = "全委員の任期後の開催"
MATERIALS = "広報紙・統計資料"
ATTENDANCE_MARKS = {
    UNDER_HALF: "under_half",
    NON_MEMBERS: "non_members",
    TERMS_OVER: "terms_over",
    MATERIALS: "materials",
}


def _last_meetings(scope: Scope) -> pd.Series:
    """The last meeting date of each council up to the end of the period, any year."""
    df = frame(scope.ledger.last_meetings(scope.period.end, scope.as_of))
    if df.empty:
        return pd.Series(dtype="datetime64[ns]")
    df = scope.resolve(df)
    return pd.to_datetime(df.groupby("key")["last"].max(), format="%Y-%m-%d")


def plan_state(planned: int, chase: int, has_plan: bool = True) -> str:
    """計画なし / 督促あり / 計画どおり: one word for a council's plan. `planned` counts the
    planned meetings up to the end of the period; a council whose plan for the fiscal year
    starts later (`has_plan`) has a plan, with nothing due yet."""
    if planned == 0 and not has_plan:
        return NO_PLAN
    return "督促あり" if chase else "計画どおり"


def submissions_table(
    scope: Scope,
    rep: pd.DataFrame,
    fy: pd.DataFrame,
    councils: pd.DataFrame,
    plans: pd.DataFrame,
    members: Mapping[str, int] | None = None,
    attendance: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """提出状況: every council once — its yearly plan (C2), its reports of the period, its
    定期会議 of the fiscal year (C1), late reports, and with `members` (findings of M1–M6
    by 協議会ID) how healthy its membership is, beside how it meets: with `attendance` (per
    report of the period) its members serving, and how many of its meetings had fewer
    civilians than half of them, had non-members, met after every term ended, and used
    広報紙・統計資料."""
    settings = scope.settings
    c = councils
    in_period = rep.groupby("key").size()
    year = count_types(fy, "key")
    late = fy[fy["late"]].groupby("key").size()
    last = _last_meetings(scope)
    counts = plan_counts(plans)
    with_plan = (
        {p.council_id for p in scope.registry.plans_for(scope.period.fiscal_year)}
        if scope.registry is not None
        else set()
    )
    planned = c["key"].map(counts["planned"]).fillna(0).astype(int)
    chase = c["key"].map(counts["督促"]).fillna(0).astype(int)
    regular = c["key"].map(year["regular"]).fillna(0).astype(int)
    left = months_left(scope.period, settings.today)
    c1 = [yearly_regular(int(held), left, settings).label for held in regular.tolist()]
    out = pd.DataFrame(
        {
            "警察署": c["station"],
            "協議会ID": c["cid"],
            "協議会名": c["name"],
            "計画の状況": [
                plan_state(p, k, cid in with_plan)
                for p, k, cid in zip(planned, chase, c["cid"].tolist(), strict=True)
            ],
            "年間計画": planned,
            "実施済": c["key"].map(counts["実施済"]).fillna(0).astype(int),
            "督促": chase,
            "期間内報告": c["key"].map(in_period).fillna(0).astype(int),
            "最終開催日": c[["key"]]
            .merge(last.rename("last"), left_on="key", right_index=True, how="left")["last"]
            .to_numpy(),
            "年度定期": regular,
            "年度臨時": c["key"].map(year["extraordinary"]).fillna(0).astype(int),
            "年度種別不明": c["key"].map(year["unknown"]).fillna(0).astype(int),
            "年度内定期会議": pd.Series(c1, index=c.index, dtype=object),
            "残り月数": left,
            "報告遅れ": c["key"].map(late).fillna(0).astype(int),
            # A council the registry does not know has no members to count: blank.
            MEMBER_FINDINGS: c["cid"].map(members or {}).where(c["registered"]).astype("Int64"),
            "備考": np.where(c["registered"] | (scope.registry is None), "", UNREGISTERED),
            "協議会種別": c["kind"],
            "計画予定": c["key"].map(counts["予定"]).fillna(0).astype(int),
        }
    )
    out = _with_attendance(out, c, rep, attendance, members is not None, scope)
    out["最終開催日"] = pd.to_datetime(out["最終開催日"])
    if int(out["年度種別不明"].sum()) == 0:
        out = out.drop(columns=["年度種別不明"])
    if members is None:
        out = out.drop(columns=[MEMBER_FINDINGS])
    return text_blanks(out.reset_index(drop=True), ["協議会ID", "協議会名"])


def _with_attendance(
    out: pd.DataFrame,
    councils: pd.DataFrame,
    rep: pd.DataFrame,
    attendance: pd.DataFrame | None,
    members: bool,
    scope: Scope,
) -> pd.DataFrame:
    """The attendance columns, after 備考 (on screen and in the 概況; the printed table
    keeps its width): counts of the period's meetings."""
    if attendance is None:
        return out
    if rep.empty or attendance.empty:
        marks = pd.DataFrame({"key": [], **{flag: [] for flag in ATTENDANCE_MARKS.values()}})
    else:
        marks = rep[["report_id", "key"]].merge(attendance, on="report_id")
    at = list(out.columns).index("備考") + 1
    columns: dict[str, pd.Series] = {}
    if members:
        serving = [
            sum(1 for m in scope.registry.members_of(cid) if serving_on(m, scope.cutoff))
            if scope.registry is not None and registered
            else None
            for cid, registered in zip(
                councils["cid"].tolist(), councils["registered"].tolist(), strict=True
            )
        ]
        columns[SERVING] = pd.Series(serving, index=out.index, dtype="Int64")
    for name, flag in ATTENDANCE_MARKS.items():
        if not members and name != MATERIALS:
            continue
        counts = marks[marks[flag].astype(bool)].groupby("key").size()
        columns[name] = councils["key"].map(counts).fillna(0).astype(int)
    for offset, (name, values) in enumerate(columns.items()):
        # Int64 stays Int64: its to_numpy() is an object array, which older pandas
        # wrote as text
        kept = values.array if isinstance(values.dtype, pd.Int64Dtype) else values.to_numpy()
        out.insert(at + offset, name, kept)
    return out


def _marks(regular: pd.Series, extra: pd.Series, unknown: pd.Series) -> pd.Series:
    """定 / 臨 / ？ / 定2 / 定・臨 from counts."""
    parts = []
    for mark, counts in (("定", regular), ("臨", extra), (UNKNOWN_MARK, unknown)):
        text = np.where(counts > 0, mark, "")
        parts.append(np.where(counts > 1, np.char.add(text, counts.astype(str)), text))
    joined = [
        "・".join(p for p in trio if p) for trio in zip(*(p.tolist() for p in parts), strict=True)
    ]
    return pd.Series(joined, index=regular.index)


def yearly_table(
    fy: pd.DataFrame, councils: pd.DataFrame, submissions: pd.DataFrame, plans: pd.DataFrame
) -> pd.DataFrame:
    """年度実施状況: April–March, what each council held (定/臨/？) and, in months where a
    planned meeting is still owed, 予定 or 督促."""
    base = submissions[["警察署", "協議会ID", "協議会名"]].copy()
    keys = councils["key"]
    if len(fy):
        counts = count_types(fy.assign(m=fy["meeting_date"].dt.month), ["key", "m"])
        marks = _marks(counts["regular"], counts["extraordinary"], counts["unknown"]).unstack("m")
    else:
        marks = pd.DataFrame()
    owed = plans[plans["状況"].isin([PLAN_DUE, PLAN_CHASE])]
    owed_marks = {
        (k, m.month): (PLANNED_MARK if s == PLAN_DUE else PLAN_CHASE)
        for k, m, s in zip(owed["key"], owed["予定月"], owed["状況"], strict=True)
    }
    for month, header in zip(FY_MONTHS, MONTH_HEADERS, strict=True):
        column = marks[month] if month in marks.columns else pd.Series(dtype=object)
        mapped = keys.map(column).astype(object)
        held = mapped.where(mapped.notna() & (mapped != ""), None)
        base[header] = pd.Series(
            [
                h if isinstance(h, str) and h else owed_marks.get((k, month))
                for k, h in zip(keys, held, strict=True)
            ],
            index=base.index,
            dtype=object,
        )
    base["定期計"] = submissions["年度定期"].to_numpy()
    base["臨時計"] = submissions["年度臨時"].to_numpy()
    if "年度種別不明" in submissions.columns:
        base["種別不明計"] = submissions["年度種別不明"].to_numpy()
    base["年度内定期会議"] = submissions["年度内定期会議"].to_numpy()
    return base.reset_index(drop=True)
