"""受付簿: what came in during the period — every file received, when, how that day is
known, from which station, what it holds and what became of it — and HQ's decisions
(`kyogikai settle`), for the summary's sheet of the same name."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import pandas as pd

from toolkit.aggregate.frames import NO_NAME, Scope, frames
from toolkit.aggregate.listing import Listing
from toolkit.ledger import ACTION_JA, KEEP, WITHDRAW

HOW_JA = {
    "modified": "ファイルの更新日時",
    "ledger": "取り込んだ日",
    "given": "取り込み時の指定",
    "log": "受付簿",
}
COUNTED, REPLACED, WITHDRAWN, UNREADABLE = "集計に使用", "差し替え済み", "取下げ", "読取不可"
RECEIPT_COLUMNS = [
    "受付日",
    "受付日の根拠",
    "警察署",
    "協議会名",
    "開催日",
    "扱い",
    "ファイル名",
    "ファイル",
]
SETTLEMENT_COLUMNS = ["決定日時", "決定者", "扱い", "理由", "ファイル名", "ファイル"]


def receipts_table(scope: Scope) -> Listing:
    """One row per report (or unreadable file) received in the period, by receipt day;
    made a part at a time, in the order the ledger gives them (the sheet's)."""
    period = scope.period
    out: Listing | None = None
    for df in frames(scope.ledger.received_between(period.start, period.end, scope.as_of)):
        part = _receipts(scope, df)
        if out is None:
            out = Listing(list(part.columns), part.dtypes)
        out.add(part)
    if out is None:
        return Listing.of(
            _empty(RECEIPT_COLUMNS).astype({"受付日": "datetime64[ns]", "開催日": "datetime64[ns]"})
        )
    return out


def _receipts(scope: Scope, df: pd.DataFrame) -> pd.DataFrame:
    df["meeting_date"] = pd.to_datetime(df["meeting_date"], format="%Y-%m-%d")
    read = df[df["report_id"].notna()]
    if len(read):
        named = scope.resolve(read)
        df = pd.concat([named, df[df["report_id"].isna()]], ignore_index=True)
    else:
        df = df.assign(name=None)
    if scope.stations is not None:
        df = df[df["report_id"].notna()]
    df = df.sort_values(["received_on", "first_path", "report_id"], kind="stable")
    out = pd.DataFrame(
        {
            "受付日": pd.to_datetime(df["received_on"], format="%Y-%m-%d"),
            "受付日の根拠": df["received_how"].map(HOW_JA).fillna(""),
            "警察署": df["station"].where(df["report_id"].notna(), None),
            "協議会名": df["name"].where(df["report_id"].notna(), None).fillna(NO_NAME)
            .where(df["report_id"].notna(), None),
            "開催日": df["meeting_date"],
            "扱い": [_fate(a, c, r) for a, c, r in
                     zip(df["action"], df["counts"], df["report_id"], strict=True)],
            "ファイル名": df["first_path"].map(lambda p: PurePath(str(p).replace("\\", "/")).name),
            "ファイル": df["first_path"],
        }
    )  # fmt: skip
    return out.reset_index(drop=True)


def _fate(action: Any, counts: Any, report_id: Any) -> str:
    if report_id is None or pd.isna(report_id):
        return UNREADABLE
    if action == WITHDRAW:
        return WITHDRAWN
    if counts:
        return COUNTED if action != KEEP else f"{COUNTED}（{ACTION_JA[KEEP]}）"
    return REPLACED


def settlements_table(scope: Scope) -> pd.DataFrame:
    """Every decision HQ recorded with `kyogikai settle`, oldest first."""
    rows = [
        (s.made_at.replace("T", " "), s.made_by, ACTION_JA[s.action], s.reason,
         PurePath(s.path.replace("\\", "/")).name, s.path)
        for s in scope.ledger.settlements()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=SETTLEMENT_COLUMNS)


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
