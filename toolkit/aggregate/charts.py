"""グラフ: the data behind the charts (meetings by station and month, requests by station)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from toolkit.aggregate.frames import count_types
from toolkit.fiscal import FY_MONTHS, MONTH_HEADERS, Period, month_starts
from toolkit.rules.fiscal import extraordinary


def by_station(rep: pd.DataFrame, fy: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """Meetings of the period by station and type, and 臨時会議 of the fiscal year (C4)."""
    names = list(order)
    period = count_types(rep, "station").reindex(names).fillna(0).astype(int)
    year = count_types(fy, "station").reindex(names).fillna(0).astype(int)
    c4 = [
        extraordinary(int(p), int(y))
        for p, y in zip(
            period["extraordinary"].tolist(), year["extraordinary"].tolist(), strict=True
        )
    ]
    return pd.DataFrame(
        {
            "警察署": names,
            "定期会議": period["regular"].to_numpy(),
            "臨時会議": [c.in_period for c in c4],
            "種別不明": period["unknown"].to_numpy(),
            "開催計": period["meetings"].to_numpy(),
            "臨時会議（年度累計）": [c.in_year for c in c4],
        }
    )


def by_month(fy: pd.DataFrame, period: Period, today: date) -> pd.DataFrame:
    """Meetings and civilian attendance per month of the FY; blank after the period (and
    after `today`: months that have not begun are not zeros)."""
    months = fy["meeting_date"].dt.month
    counts = count_types(fy.assign(m=months), "m").reindex(list(FY_MONTHS), fill_value=0)
    civilians = fy.groupby(months)["civilians"].sum().reindex(list(FY_MONTHS), fill_value=0)
    firsts = month_starts(period.fiscal_year)
    last = min(period.end, today)
    future = pd.Series([d > last for d in firsts], index=list(FY_MONTHS))
    out = pd.DataFrame(
        {
            "月": list(MONTH_HEADERS),
            "開催数": counts["meetings"].astype("Int64").mask(future).reset_index(drop=True),
            "定期会議": counts["regular"].astype("Int64").mask(future).reset_index(drop=True),
            "臨時会議": counts["extraordinary"].astype("Int64").mask(future).reset_index(drop=True),
            "種別不明": counts["unknown"].astype("Int64").mask(future).reset_index(drop=True),
            "民間出席者": civilians.astype("Int64").mask(future).reset_index(drop=True),
        }
    )
    return out
