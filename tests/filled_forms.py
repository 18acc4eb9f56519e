"""Real report workbooks for the rule tests: our template, filled by its defined names.

`GOOD` is a clean report of the sample prefecture's 駅前交番連絡協議会 (C002 of
`fictional_registry(0)`): with or without the registry it gives no finding at all, so a
test that changes one value sees only what that value causes. `CELL` is where each value
lands on the template; `test_rules` checks it against the template's defined names.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from toolkit.findings import Finding
from toolkit.writing.template import Prefill, fill_by_names, write_template

TODAY = date(2026, 11, 25)

# The registered council the form is made for: 協議会ID, 警察署, 施設名, 協議会名.
EKIMAE = Prefill("C002", "中央警察署", "駅前交番", "駅前交番連絡協議会")

GOOD: dict[str, object] = {
    "reporter": "巡査部長 山田太郎",
    "phone": "0123",
    "date": date(2026, 10, 15),  # a Thursday, outside every 期間設定 period
    "start_time": time(14, 0),
    "end_time": time(15, 30),
    "venue": "駅前公民館",
    "police_attendees": 2,
    "civilian_attendees": 11,
    "meeting_type": "定期会議",
    "agenda_1_category": "交番等の活動状況",
    "agenda_1_topic": "秋の交通安全運動",
    "discussion": "運動期間中の街頭活動を確認した。",
    "request_1": "防犯灯の増設",
    "response_1": "市の担当課が12月に2基増設した。",
    "officers": "巡査部長 山田太郎、巡査 鈴木一郎",
}

CELL = {
    "affiliation": "報告書!D5",
    "reporter": "報告書!D6",
    "council_name": "報告書!F9",
    "facility_name": "報告書!Z9",
    "date": "報告書!F10",
    "start_time": "報告書!O10",
    "end_time": "報告書!S10",
    "venue": "報告書!Z10",
    "police_attendees": "報告書!I11",
    "civilian_attendees": "報告書!O11",
    "meeting_type": "報告書!Z11",
    "agenda_1_category": "報告書!A13",
    "agenda_1_topic": "報告書!K13",
    "agenda_2_category": "報告書!A14",
    "agenda_2_topic": "報告書!K14",
    "discussion": "報告書!F19",
    "request_1": "報告書!A21",
    "response_1": "報告書!S21",
    "request_2": "報告書!A22",
    "response_2": "報告書!S22",
    "officers": "報告書!F27",
}


def blank_form(folder: Path, prefill: Prefill = EKIMAE) -> Path:
    """Our blank template, with what HQ knows of the council already written in."""
    path = folder / "blank.xlsx"
    write_template(path, prefill)
    return path


def fill(blank: Path, dst: Path, **changes: object) -> Path:
    """`GOOD` with `changes` (a value of "" empties the cell), written to `dst`."""
    fill_by_names(blank, dst, {**GOOD, **changes})
    return dst


def where(finding: Finding) -> tuple[str, str, str | None, str | None]:
    """What a test pins of a finding besides its message."""
    cell = str(finding.cell) if finding.cell is not None else None
    return finding.code, str(finding.severity), finding.field, cell
