"""開催一覧 and 協議事項: the period's meetings, and the topics they discussed."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from toolkit.aggregate.frames import (
    ERROR_JA,
    STATUS_JA,
    TOTAL,
    TYPE_JA,
    UNCATEGORISED,
    UNKNOWN_TYPE,
    UNREGISTERED,
    WARNING_JA,
    Scope,
    frame,
    text_blanks,
)
from toolkit.aggregate.listing import Listing
from toolkit.aggregate.requests import per_report
from toolkit.ledger import PURGED_TEXT
from toolkit.model import CATEGORIES
from toolkit.rules.requests import OPEN


def meetings_table(
    rep: pd.DataFrame, order: dict[str, int], listed: bool, requests: pd.DataFrame
) -> Listing:
    """開催一覧: one row per current report of the period, by date; `listed`: a registry
    was given. The file and sheet come last: they are for finding the file, not for paper.
    Made and put on disk a part at a time."""
    keys = rep[["meeting_date", "station", "name", "report_id"]]
    keys = keys.assign(station=keys["station"].map(order))
    at = keys.sort_values(
        ["meeting_date", "station", "name", "report_id"], kind="stable", na_position="last"
    ).index
    del keys
    open_ = per_report(requests, OPEN)
    out: Listing | None = None
    step = Listing.part_rows
    for start in range(0, max(len(at), 1), step):
        part = _meetings(rep.loc[at[start : start + step]], listed, open_)
        if out is None:
            out = Listing(list(part.columns), part.dtypes)
        out.add(part)
    assert out is not None
    return out


def _meetings(r: pd.DataFrame, listed: bool, open_: pd.Series) -> pd.DataFrame:
    """The rows of 開催一覧 of these reports (in their order)."""
    purged = r["purged_run"].notna()
    marks = zip(~(r["registered"] | (not listed)), r["late"].tolist(), purged.tolist(), strict=True)
    notes = [
        "・".join(
            word
            for word, on in zip(
                (UNREGISTERED, "報告遅れ", "保存期間経過（本文削除済）"), flags, strict=True
            )
            if on
        )
        for flags in marks
    ]
    out = pd.DataFrame(
        {
            "開催日": r["meeting_date"],
            "警察署": r["station"],
            "協議会名": r["name"],
            "会議種別": r["meeting_type"].map(TYPE_JA).fillna(UNKNOWN_TYPE),
            "開催時間": _hours(r["start_time"], r["end_time"]),
            "開催場所": r["venue"],
            "出席警察官": r["police"],
            "出席民間": r["civilians"],
            "協議事項": r["n_agenda"],
            "要望事項": r["n_requests"],
            "未回答": r["report_id"].map(open_).fillna(0).astype("int64"),
            "点検結果": _check_result(r["n_errors"], r["n_warnings"]),
            "受付日": r["first_received"],
            "受付まで日数": r["days_to_receipt"],
            "備考": notes,
            "協議会ID": r["cid"],
            "施設名": r["facility"],
            "報告者": r["reporter"],
            "写真": r["pictures"],
            "ファイル": r["path"],
            "シート": r["sheet"],
        }
    )
    return text_blanks(
        out.reset_index(drop=True),
        ["協議会ID", "施設名", "開催時間", "開催場所", "報告者", "シート"],
    )


def _hours(start: pd.Series, end: pd.Series) -> pd.Series:
    """14:00～15:30 (either side may be missing)."""
    both = start.fillna("").astype(str) + "～" + end.fillna("").astype(str)
    return both.where(start.notna() | end.notna(), None)


def _check_result(errors: pd.Series, warnings: pd.Series) -> pd.Series:
    """正常 / 警告1件 / 誤り2件・警告1件."""
    e = np.where(errors > 0, ERROR_JA + errors.astype(str) + "件", "")
    w = np.where(warnings > 0, WARNING_JA + warnings.astype(str) + "件", "")
    sep = np.where((errors > 0) & (warnings > 0), "・", "")
    text = np.char.add(np.char.add(e.astype(str), sep.astype(str)), w.astype(str))
    return pd.Series(np.where(text == "", STATUS_JA["ok"], text), index=errors.index)


def agenda_tables(scope: Scope, rep: pd.DataFrame) -> tuple[pd.DataFrame, Listing, pd.DataFrame]:
    """協議事項: counts by 区分 with their shares, every topic of the period (by station,
    council, date; made and put on disk for so many reports at a time, asked of the
    ledger in that order), and what the other tables take from the topics (`slim`)."""
    info = rep[["report_id", "meeting_date", "station", "name", "path", "sheet", "purged_run"]]
    info = info.sort_values(["station", "name", "meeting_date", "report_id"], kind="stable")
    counts: Counter[str] = Counter()
    slim: dict[str, list[Any]] = {"区分": [], "協議事項": [], "report_id": []}
    shared: dict[str, str] = {}
    out: Listing | None = None
    step = Listing.part_rows
    for start in range(0, len(info), step):
        batch = info.iloc[start : start + step]
        rows = frame(scope.ledger.agenda_of_reports(batch["report_id"].tolist()))
        if rows.empty:
            continue
        part = _agenda_part(rows.merge(batch, on="report_id", how="inner"))
        del rows
        counts.update(part["区分"].tolist())
        slim["区分"] += part["区分"].tolist()
        slim["協議事項"] += [shared.setdefault(t, t) if isinstance(t, str) else t
                             for t in part["協議事項"].tolist()]  # fmt: skip
        slim["report_id"] += part["report_id"].tolist()
        if out is None:
            out = Listing(list(part.columns), part.dtypes)
        out.add(part)
    if out is None:
        empty = info.iloc[:0].assign(seq=0, category=None, topic=None, remarks=None)
        out = Listing.of(_agenda_part(empty))
    labels = [*CATEGORIES, UNCATEGORISED]
    n = [int(counts.get(c, 0)) for c in labels]
    total = sum(n)
    share = [round(100 * x / total, 1) if total else 0.0 for x in n]
    agenda_counts = pd.DataFrame(
        {
            "区分": [*labels, TOTAL],
            "件数": [*n, total],
            "割合（％）": [*share, 100.0 if total else 0.0],
        }
    )
    topics = pd.DataFrame(
        {
            "区分": pd.Series(slim["区分"], dtype=object),
            "協議事項": pd.Series(slim["協議事項"], dtype=object),
            "report_id": pd.Series(slim["report_id"], dtype="int64"),
        }
    )
    return agenda_counts, out, topics


def _agenda_part(items: pd.DataFrame) -> pd.DataFrame:
    """The listing's rows of these topics (with their reports' columns), in order."""
    items = items.assign(
        区分=items["category"].where(items["category"].isin(CATEGORIES), UNCATEGORISED)
    )
    items = items.sort_values(
        ["station", "name", "meeting_date", "report_id", "seq"], kind="stable"
    )
    purged = items["purged_run"].notna()
    topic = items["topic"].astype(object).where(~purged, PURGED_TEXT)
    listing = pd.DataFrame(
        {
            "開催日": items["meeting_date"],
            "警察署": items["station"],
            "協議会名": items["name"],
            "区分": items["区分"],
            "協議事項": topic,
            "備考": items["remarks"],
            "ファイル": items["path"],
            "シート": items["sheet"],
            "report_id": items["report_id"].astype("int64"),
        }
    )
    return text_blanks(listing.reset_index(drop=True), ["協議事項", "備考", "シート"])


def _topic_key(text: str) -> str:
    """The same topic whatever its width and spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def themes_table(counts: pd.DataFrame, agenda: pd.DataFrame, per: int = 3) -> pd.DataFrame:
    """協議事項's first table: each 区分 with its count and share, and its 主な協議事項 — the
    topics taken up most often under it (at most `per`, most frequent first, ties in the
    order they were first discussed), each with how often: 「車上ねらい（4件）、特殊詐欺（2件）」."""
    topics = agenda[["区分", "協議事項"]].dropna()
    topics = topics[topics["協議事項"].astype(str) != PURGED_TEXT]
    main: dict[str, str] = {}
    for category, group in topics.groupby("区分", sort=False, observed=True):
        texts = group["協議事項"].astype(str).tolist()
        tally: dict[str, list[object]] = {}  # key → [first text, count, first position]
        for i, text in enumerate(texts):
            entry = tally.setdefault(_topic_key(text), [text, 0, i])
            entry[1] = int(entry[1]) + 1  # type: ignore[call-overload]
        ranked = sorted(tally.values(), key=lambda e: (-int(e[1]), int(e[2])))  # type: ignore[call-overload]
        main[str(category)] = "、".join(f"{text}（{n}件）" for text, n, _ in ranked[:per])
    return pd.DataFrame(
        {
            "区分": counts["区分"],
            "主な協議事項": [main.get(c) for c in counts["区分"]],
            "件数": counts["件数"],
            "割合（％）": counts["割合（％）"],
        }
    )


def frequent_topics(agenda: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The topics discussed most often in the period (same words after width and spaces
    are set aside), with how many meetings took them up."""
    topics = agenda["協議事項"].dropna().astype(str)
    topics = topics[topics != PURGED_TEXT]
    if topics.empty:
        return pd.DataFrame({"順位": [], "協議事項": [], "区分": [], "件数": []})
    keys = topics.map(_topic_key)
    counted = (
        pd.DataFrame({"key": keys, "topic": topics, "区分": agenda.loc[topics.index, "区分"]})
        .groupby("key", sort=False)
        .agg(topic=("topic", "first"), category=("区分", "first"), n=("topic", "size"))
        .sort_values("n", ascending=False, kind="stable")
    )
    top = counted[counted["n"] > 1].head(limit)
    return pd.DataFrame(
        {
            "順位": range(1, len(top) + 1),
            "協議事項": top["topic"].to_list(),
            "区分": top["category"].astype(str).to_list(),
            "件数": top["n"].astype(int).to_list(),
        }
    )
