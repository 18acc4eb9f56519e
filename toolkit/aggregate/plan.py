"""The yearly plan against what was held (C2, 2(6)イ): each planned meeting's status, and the
督促 sheet — the planned meetings to chase, one row each.

The statuses are the rule C2's (`toolkit.rules.fiscal.plan_statuses`), judged with the
workbook's one cut-off: the planned months up to the end of the period, fulfilled by the
meetings the workbook counts (held by the end of the period, received by the as-of day),
and 督促 counted from the as-of day. A meeting held after the period (a November meeting
for an October plan) fulfils the plan in the next month's summary and the fiscal year's,
where it is counted too — never in a summary that does not count it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd

from toolkit.aggregate.frames import TYPE_JA, Scope, text_blanks
from toolkit.registry import PlannedMeeting, same_name
from toolkit.rules.fiscal import PLAN_CHASE, plan_statuses

PLAN_COLUMNS = [
    "key",
    "警察署",
    "協議会ID",
    "協議会名",
    "予定月",
    "会議種別",
    "予定議題",
    "状況",
    "開催日",
    "経過日数",
]


def plan_table(scope: Scope, fy: pd.DataFrame, councils: pd.DataFrame) -> pd.DataFrame:
    """One row per planned meeting of the fiscal year up to the end of the period (of the
    scope's stations), fulfilled by the meetings of `fy`."""
    registry = scope.registry
    if registry is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PLAN_COLUMNS})
    named = councils.set_index("key")
    planned: dict[str, list[PlannedMeeting]] = defaultdict(list)
    for plan in registry.plans_for(scope.period.fiscal_year):
        if plan.month > scope.period.end:
            continue  # planned after the period: not this workbook's business
        council = registry.by_id(plan.council_id)
        if council is None or plan.council_id not in named.index:
            continue
        if scope.stations is not None and not any(
            same_name(council.station, s) for s in scope.stations
        ):
            continue
        planned[plan.council_id].append(plan)
    held: dict[str, list[date]] = defaultdict(list)
    dated = fy[fy["meeting_date"].notna()]
    for key, day in zip(dated["key"].tolist(), dated["meeting_date"].tolist(), strict=True):
        held[key].append(day.date())
    rows = []
    for key, plans in planned.items():
        station, name = named.at[key, "station"], named.at[key, "name"]
        for status in plan_statuses(plans, held.get(key, []), scope.settings):
            p = status.planned
            rows.append(
                (
                    key,
                    station,
                    key,
                    name,
                    pd.Timestamp(p.month),
                    TYPE_JA[p.kind],
                    p.topic or None,
                    status.status,
                    pd.Timestamp(status.held) if status.held else pd.NaT,
                    status.days_over,
                )
            )
    out = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    out["予定月"] = pd.to_datetime(out["予定月"])
    out["開催日"] = pd.to_datetime(out["開催日"])
    out["経過日数"] = out["経過日数"].astype("Int64")
    order = {k: i for i, k in enumerate(councils["key"])}
    out = out.assign(_o=out["key"].map(order)).sort_values(["_o", "予定月"], kind="stable")
    return text_blanks(out.drop(columns=["_o"]).reset_index(drop=True), ["予定議題"])


def reminders_table(plans: pd.DataFrame) -> pd.DataFrame:
    """督促: each planned meeting whose month ended without a report, past the setting."""
    chase = plans[plans["状況"] == PLAN_CHASE]
    return chase[
        ["警察署", "協議会ID", "協議会名", "予定月", "会議種別", "経過日数", "予定議題"]
    ].reset_index(drop=True)


def plan_counts(plans: pd.DataFrame) -> pd.DataFrame:
    """Per council key: how many meetings are planned, and how many are in each status."""
    if plans.empty:
        return pd.DataFrame(columns=["planned", "実施済", "予定", "督促"])
    counts = pd.crosstab(plans["key"], plans["状況"])
    for status in ("実施済", "予定", "督促"):
        if status not in counts.columns:
            counts[status] = 0
    counts["planned"] = counts[["実施済", "予定", "督促"]].sum(axis=1)
    return counts[["planned", "実施済", "予定", "督促"]]
