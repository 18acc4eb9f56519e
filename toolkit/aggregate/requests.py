"""要望事項: every request of the period, and every one not yet answered from before (C3).

A request that is not answered stays on HQ's desk until it is (2(7)), so the open, pending
and 問題解決活動 requests of earlier reports are listed too, marked 前期間から継続. Each
request's status is the rule's (`toolkit.rules.requests`): 回答済 / 対応中 / 未回答 /
問題解決活動 — what its answer says — with the days since the meeting at which it was
raised and the mark 長期 (a 問題解決活動の候補). The 概況, 集計表, グラフ and the stations'
letters all count from this one table's words.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.aggregate.frames import CARRIED, IN_PERIOD, Scope, frame, reports_frame, text_blanks
from toolkit.ledger import PURGED_TEXT
from toolkit.rules.requests import (
    ANSWERED,
    CANDIDATE,
    FROM_STORED,
    LONG,
    OPEN,
    PENDING,
    PROBLEM_SOLVING,
    agency_theme,
    request_state,
    written_status,
)
from toolkit.settings import Settings

AGENCY = "他機関"  # slim_requests: the agency a request not yet answered asks
STATUS_ORDER = (OPEN, PENDING, PROBLEM_SOLVING, ANSWERED)
REQUEST_COLUMNS = [
    "開催日",
    "警察署",
    "協議会名",
    "要望事項",
    "措置・回答",
    "状況",
    "経過日数",
    LONG,
    "備考",
    "対象",
    "ファイル",
    "シート",
    "report_id",
]


def requests_table(scope: Scope, rep: pd.DataFrame) -> pd.DataFrame:
    """要望事項: the period's requests, then those carried forward, by station and council."""
    ledger, period, settings = scope.ledger, scope.period, scope.settings
    as_of = settings.today
    current = frame(ledger.requests_between(period.start, period.end, as_of))
    earlier_rows = frame(ledger.requests_before(period.start, as_of))
    if len(earlier_rows):
        done = [
            _written(response, state, settings) == ANSWERED
            for response, state in zip(
                earlier_rows["response"].tolist(), earlier_rows["state"].tolist(), strict=True
            )
        ]
        earlier_rows = earlier_rows[[not d for d in done]]
    info_cols = ["report_id", "meeting_date", "station", "name", "path", "sheet", "purged_run"]
    if current.empty and earlier_rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in REQUEST_COLUMNS}).astype(
            {"開催日": "datetime64[ns]", "経過日数": "Int64", "report_id": "int64"}
        )
    parts = [current.merge(rep[info_cols], on="report_id").assign(scope=IN_PERIOD)]
    if len(earlier_rows):
        ids = sorted(set(earlier_rows["report_id"].tolist()))
        earlier = scope.resolve(reports_frame(ledger.reports_by_id(ids)))
        parts.append(earlier_rows.merge(earlier[info_cols], on="report_id").assign(scope=CARRIED))
    items = pd.concat(parts, ignore_index=True)
    items = items.sort_values(
        ["station", "name", "meeting_date", "report_id", "seq"], kind="stable"
    )
    states = [
        request_state(_written(response, state, settings), day.date(), settings)
        for response, state, day in zip(
            items["response"].tolist(),
            items["state"].tolist(),
            items["meeting_date"].tolist(),
            strict=True,
        )
    ]
    purged = items["purged_run"].notna()
    out = pd.DataFrame(
        {
            "開催日": items["meeting_date"],
            "警察署": items["station"],
            "協議会名": items["name"],
            "要望事項": items["request"].astype(object).where(~purged, PURGED_TEXT),
            "措置・回答": items["response"].astype(object).where(~purged, None),
            "状況": [s.status for s in states],
            "経過日数": pd.array([s.days_open for s in states], dtype="Int64"),
            LONG: [s.mark for s in states],
            "備考": [CANDIDATE if s.long else "" for s in states],
            "対象": items["scope"],
            "ファイル": items["path"],
            "シート": items["sheet"],
            "report_id": items["report_id"].astype("int64"),
        }
    )
    return text_blanks(out.reset_index(drop=True), ["要望事項", "措置・回答", "シート"])


def slim_requests(requests: pd.DataFrame) -> pd.DataFrame:
    """What the other tables count from 要望事項 (the listing itself goes to disk): each
    request's scope, status, 長期, station and report, and for one not answered the other
    agency it asks (`rules.requests.agency_theme`, for the 概況)."""
    waiting = requests["状況"] != ANSWERED
    themes = [agency_theme(t) if w else None
              for t, w in zip(requests["要望事項"].tolist(), waiting.tolist(), strict=True)]  # fmt: skip
    return pd.DataFrame(
        {
            "対象": requests["対象"],
            "状況": requests["状況"],
            LONG: requests[LONG],
            "警察署": requests["警察署"],
            "report_id": requests["report_id"],
            AGENCY: pd.Series(themes, index=requests.index, dtype=object),
        }
    )


def _written(response: object, stored: object, settings: Settings) -> str:
    """What the answer says: from its words when the ledger still holds them, else the
    status stored when it was ingested (a purged report keeps only that)."""
    if isinstance(response, str) and response.strip():
        return written_status(response, settings)
    if isinstance(stored, str) and stored in FROM_STORED:
        return FROM_STORED[stored]
    return OPEN


def candidates_table(requests: pd.DataFrame) -> pd.DataFrame:
    """問題解決活動の候補 (2(7)): requests open or pending past the setting (長期), whose
    station should either answer them or set them as a 問題解決活動 theme."""
    found = requests[requests[LONG] == LONG]
    columns = ["警察署", "協議会名", "開催日", "要望事項", "措置・回答", "状況", "経過日数"]
    return found[columns].reset_index(drop=True)


def status_counts(requests: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """Requests per station by status, split into those raised in the period and those
    carried forward, and how many are 長期 (the chart and the overview count the same)."""
    names = list(order)
    out: dict[str, list[Any]] = {"警察署": names}
    for scope_name, label in ((IN_PERIOD, ""), (CARRIED, "（継続）")):
        part = requests[requests["対象"] == scope_name]
        for status in STATUS_ORDER:
            if label and status == ANSWERED:
                continue  # only requests not yet answered are carried forward
            counts = part[part["状況"] == status].groupby("警察署").size()
            out[status + label] = [int(counts.get(n, 0)) for n in names]
    long = requests[requests[LONG] == LONG].groupby("警察署").size()
    out[CANDIDATE] = [int(long.get(n, 0)) for n in names]
    return pd.DataFrame(out)


def per_report(requests: pd.DataFrame, status: str) -> pd.Series:
    """How many requests of each report (by report_id) are in `status`, of the period."""
    part = requests[(requests["対象"] == IN_PERIOD) & (requests["状況"] == status)]
    return part.groupby("report_id").size()
