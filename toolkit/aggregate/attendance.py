"""Who came to each meeting of the period, against the council's members (2(6)エ, Art. 3),
and whether it used 広報紙・統計資料 (2(7)): one row per report, for 概況 and 提出状況.

The judgement is the rule's (`toolkit.rules.attendance`); the words that show a meeting used
its materials are the setting `material_words`, looked for in the report's text.
"""

from __future__ import annotations

import pandas as pd

from toolkit.aggregate.frames import Scope
from toolkit.registry import Member, id_key
from toolkit.rules.attendance import attendance

ATTENDANCE_COLUMNS = [
    "report_id",
    "serving",
    "under_half",
    "non_members",
    "terms_over",
    "materials",
]


def attendance_table(scope: Scope, rep: pd.DataFrame) -> pd.DataFrame:
    """Per report of the period: members serving on the day, and the four marks."""
    registry = scope.registry
    ids = [int(i) for i in rep["report_id"].tolist()]
    used = scope.ledger.reports_mentioning(ids, scope.settings.material_words)
    by_council: dict[str, list[Member]] = {}
    for member in registry.members if registry is not None else ():
        by_council.setdefault(member.council_id, []).append(member)
    rows = []
    for report_id, key, registered, day, civilians in zip(
        ids,
        rep["key"].tolist(),
        rep["registered"].tolist(),
        rep["meeting_date"].tolist(),
        rep["civilians"].tolist(),
        strict=True,
    ):
        members = by_council.get(id_key(key), []) if registered else []
        count = None if pd.isna(civilians) else int(civilians)
        if pd.isna(day) or not members:
            rows.append((report_id, 0, False, False, False, report_id in used))
            continue
        seen = attendance(members, day.date(), count)
        rows.append(
            (
                report_id,
                seen.serving,
                seen.under_half,
                seen.non_members,
                seen.terms_over,
                report_id in used,
            )
        )
    return pd.DataFrame(rows, columns=ATTENDANCE_COLUMNS).astype(
        {"report_id": "int64", "serving": "int64"}
    )
