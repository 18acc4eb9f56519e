"""集計表: one row per council with its meetings, attendance and requests of the period.

Its 未回答 and 対応中 are the 要望事項 table's words counted (`aggregate.requests`), so the
集計表, the 概況 and the 要望事項 sheet never disagree on them."""

from __future__ import annotations

import pandas as pd

from toolkit.aggregate.frames import DETAIL, SUBTOTAL, TOTAL, count_types, text_blanks
from toolkit.aggregate.requests import per_report
from toolkit.rules.requests import OPEN, PENDING

TALLY_NUMBERS = (
    "定期会議",
    "臨時会議",
    "種別不明",
    "開催計",
    "出席警察官",
    "出席民間",
    "出席計",
    "要望事項",
    "未回答",
    "対応中",
)


def tally_table(
    rep: pd.DataFrame, councils: pd.DataFrame, order: dict[str, int], requests: pd.DataFrame
) -> pd.DataFrame:
    """集計表: per council the meetings of the period by type, attendance and requests (with
    how many are 未回答 and 対応中 in `requests`' words), a 小計 per station and a 合計."""
    counts = count_types(rep, "key")
    rep = rep.assign(
        n_open=rep["report_id"].map(per_report(requests, OPEN)).fillna(0).astype("int64"),
        n_pending=rep["report_id"].map(per_report(requests, PENDING)).fillna(0).astype("int64"),
    )
    sums = rep.groupby("key", sort=False)[
        ["police", "civilians", "n_requests", "n_open", "n_pending"]
    ].sum()
    per = counts.join(sums, how="outer")
    seen = councils[councils["registered"] | councils["key"].isin(per.index)]
    table = seen.merge(per, left_on="key", right_index=True, how="left")
    numbers = [
        "regular",
        "extraordinary",
        "unknown",
        "meetings",
        "police",
        "civilians",
        "n_requests",
        "n_open",
        "n_pending",
    ]
    table[numbers] = table[numbers].fillna(0).astype("int64")
    table["attendance"] = table["police"] + table["civilians"]
    numbers.insert(6, "attendance")
    table["_station"] = table["station"].map(order)
    table["_level"] = 0
    subtotals = table.groupby("station", sort=False)[numbers].sum().reset_index()
    subtotals["_station"] = subtotals["station"].map(order)
    subtotals["_level"] = 1
    subtotals["name"] = SUBTOTAL
    total = pd.DataFrame([table[numbers].sum()]).astype("int64")
    total["station"] = TOTAL
    total["_station"] = len(order) + 1
    total["_level"] = 2
    rows = pd.concat([table, subtotals, total], ignore_index=True)
    rows = rows.sort_values(["_station", "_level", "order"], kind="stable")
    out = pd.DataFrame(
        {
            "警察署": rows["station"],
            "協議会ID": rows["cid"],
            "協議会名": rows["name"],
            "施設名": rows["facility"],
            "定期会議": rows["regular"],
            "臨時会議": rows["extraordinary"],
            "種別不明": rows["unknown"],
            "開催計": rows["meetings"],
            "出席警察官": rows["police"],
            "出席民間": rows["civilians"],
            "出席計": rows["attendance"],
            "要望事項": rows["n_requests"],
            "未回答": rows["n_open"],
            "対応中": rows["n_pending"],
            "行区分": rows["_level"].map({0: DETAIL, 1: SUBTOTAL, 2: TOTAL}),
        }
    )
    if int(out["種別不明"].sum()) == 0:
        out = out.drop(columns=["種別不明"])
    return text_blanks(out.reset_index(drop=True), ["協議会ID", "協議会名", "施設名"])
