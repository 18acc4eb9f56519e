"""提出状況 and 年度実施状況: per council, what the period and the fiscal year hold.

The statuses are decided by the rules across reports (`toolkit.rules.fiscal`: C1 the yearly
定期会議, C2 submission); these functions lay them out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.aggregate.frames import UNREGISTERED, Scope, count_types, frame, text_blanks
from toolkit.fiscal import FY_MONTHS, MONTH_HEADERS, months_left
from toolkit.rules.fiscal import submission, yearly_regular


def _last_meetings(scope: Scope) -> pd.Series:
    """The last meeting date of each council up to the end of the period, any year."""
    df = frame(scope.ledger.last_meetings(scope.period.end))
    if df.empty:
        return pd.Series(dtype="datetime64[ns]")
    df = scope.resolve(df)
    return pd.to_datetime(df.groupby("key")["last"].max(), format="%Y-%m-%d")


def submissions_table(
    scope: Scope, rep: pd.DataFrame, fy: pd.DataFrame, councils: pd.DataFrame
) -> pd.DataFrame:
    """提出状況: every council once, with its reports of the period (C2) and its 定期会議 of
    the fiscal year (C1)."""
    settings = scope.settings
    in_period = rep.groupby("key").size()
    year = count_types(fy, "key")
    last = _last_meetings(scope)
    c = councils
    n = c["key"].map(in_period).fillna(0).astype(int)
    regular = c["key"].map(year["regular"]).fillna(0).astype(int)
    extra = c["key"].map(year["extraordinary"]).fillna(0).astype(int)
    left = months_left(scope.period, settings.today)
    c1 = [yearly_regular(int(held), left, settings).label for held in regular.tolist()]
    out = pd.DataFrame(
        {
            "協議会ID": c["cid"],
            "警察署": c["station"],
            "施設名": c["facility"],
            "協議会名": c["name"],
            "協議会種別": c["kind"],
            "期間内報告数": n,
            "最終開催日": c[["key"]]
            .merge(last.rename("last"), left_on="key", right_index=True, how="left")["last"]
            .to_numpy(),
            "年度定期回数": regular,
            "年度臨時回数": extra,
            "提出状況": [submission(int(k)) for k in n.tolist()],
            "年度内定期会議": pd.Series(c1, index=c.index, dtype=object),
            "年度残り月数": left,
            "備考": np.where(c["registered"] | (scope.registry is None), "", UNREGISTERED),
        }
    )
    out["最終開催日"] = pd.to_datetime(out["最終開催日"])
    return text_blanks(out.reset_index(drop=True), ["協議会ID", "施設名", "協議会名"])


def _marks(regular: pd.Series, extra: pd.Series) -> pd.Series:
    """定 / 臨 / 定2 / 定・臨 from counts."""
    r = np.where(regular > 0, "定", "")
    r = np.where(regular > 1, r + regular.astype(str), r)
    e = np.where(extra > 0, "臨", "")
    e = np.where(extra > 1, e + extra.astype(str), e)
    sep = np.where((regular > 0) & (extra > 0), "・", "")
    return pd.Series(
        np.char.add(np.char.add(r.astype(str), sep), e.astype(str)), index=regular.index
    )


def yearly_table(
    fy: pd.DataFrame, councils: pd.DataFrame, submissions: pd.DataFrame
) -> pd.DataFrame:
    """年度実施状況: April–March, 定/臨 marks per council and month."""
    base = submissions[["協議会ID", "警察署", "協議会名"]].copy()
    keys = councils["key"]
    if len(fy):
        counts = count_types(fy.assign(m=fy["meeting_date"].dt.month), ["key", "m"])
        marks = _marks(counts["regular"], counts["extraordinary"]).unstack("m")
    else:
        marks = pd.DataFrame()
    for month, header in zip(FY_MONTHS, MONTH_HEADERS, strict=True):
        column = marks[month] if month in marks.columns else pd.Series(dtype=object)
        mapped = keys.map(column).astype(object)
        base[header] = mapped.where(mapped.notna() & (mapped != ""), None)
    base["定期計"] = submissions["年度定期回数"].to_numpy()
    base["臨時計"] = submissions["年度臨時回数"].to_numpy()
    base["年度内定期会議"] = submissions["年度内定期会議"].to_numpy()
    return base.reset_index(drop=True)
