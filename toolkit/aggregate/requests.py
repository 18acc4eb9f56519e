"""要望事項: every request of the period, and every one still open from before (C3).

An unanswered request stays on HQ's desk until answered (2(7)), so the still-open requests
of earlier reports are listed too, marked 前期間から継続. Days open are counted from the
meeting date to `settings.today`; the status of each request is the rule C3's.
"""

from __future__ import annotations

import pandas as pd

from toolkit.aggregate.frames import CARRIED, IN_PERIOD, Scope, frame, reports_frame, text_blanks
from toolkit.ledger import PURGED_TEXT
from toolkit.rules.fiscal import OVERDUE, request_state


def requests_table(scope: Scope, rep: pd.DataFrame) -> pd.DataFrame:
    """要望事項: the period's requests, then the open ones carried forward."""
    ledger, period, settings = scope.ledger, scope.period, scope.settings
    current = frame(ledger.requests_between(period.start, period.end))
    earlier_rows = frame(ledger.unanswered_before(period.start))
    info_cols = ["report_id", "meeting_date", "station", "name", "path", "sheet", "purged_run"]
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
        request_state(bool(answered), when.date(), settings)
        for answered, when in zip(
            items["answered"].tolist(), items["meeting_date"].tolist(), strict=True
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
            "期限超過": [OVERDUE if s.overdue else "" for s in states],
            "対象": items["scope"],
            "ファイル": items["path"],
            "シート": items["sheet"],
        }
    )
    return text_blanks(out.reset_index(drop=True), ["要望事項", "措置・回答", "シート"])
