"""The 年間計画 sheet (2(6)イ: あらかじめ年間計画を策定する): one row per planned meeting.

Columns: 年度 (FY2026 / 令和8年度 / 2026), 協議会ID, 予定月 (a month: 2026-10, 2026/10,
令和8年10月, a date in that month, or 10月 / 10 within the 年度), 会議種別 (定期/臨時; blank is
定期) and 予定議題. Every problem names the sheet, the row and the column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from toolkit.era import ERA_NAMES
from toolkit.fiscal import fy_end, fy_start
from toolkit.model import EXTRAORDINARY, REGULAR
from toolkit.registry.model import PlannedMeeting
from toolkit.registry.names import id_key, name_key
from toolkit.registry.sheets import Row, Table, blank, required, text

_FY = re.compile(r"(?:FY)?(\d{4})(?:年度)?", re.IGNORECASE)
_ERA_FY = re.compile(r"(令和|平成|[令平RH])(\d{1,2}|元)年度?", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})月?(?:[-/.]\d{1,2}日?)?")
_ERA_MONTH = re.compile(r"(令和|平成|[令平RH])(\d{1,2}|元)年(\d{1,2})月", re.IGNORECASE)
_BARE_MONTH = re.compile(r"(\d{1,2})月?")
_KINDS = {
    "定期": REGULAR,
    "定期会議": REGULAR,
    "定例": REGULAR,
    "定例会": REGULAR,
    "臨時": EXTRAORDINARY,
    "臨時会議": EXTRAORDINARY,
}


def plans(table: Table, known: set[str] | None, problems: list[str]) -> list[PlannedMeeting]:
    """The planned meetings of the 年間計画 sheet (rows with problems are noted, not kept)."""
    out: list[PlannedMeeting] = []
    for row in table.rows:
        complete = required(table, row, problems)
        council_id = id_key(text(row.cells["協議会ID"]))
        if council_id and known is not None and council_id not in known:
            problems.append(
                f"{table.where(row, '協議会ID')}: 「{council_id}」は「協議会」シートに登録されて"
                "いません。「協議会」シートにある協議会IDを記入してください。"
            )
            complete = False
        year = _fiscal_year(table, row, problems)
        month = _month(table, row, year, problems) if year is not None else None
        kind = _kind(table, row, problems)
        if complete and year is not None and month is not None and kind is not None:
            topic = text(row.cells.get("予定議題"))
            out.append(PlannedMeeting(year, council_id, month, kind, topic, row.number))
    return out


def parse_fiscal_year(value: object) -> int | None:
    """A 年度 cell as a fiscal year: FY2026, 2026, 2026年度, 令和8年度, R8; None otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        year = int(value)
        return year if value == year and 1989 <= year <= 2200 else None
    raw = "".join(unicodedata.normalize("NFKC", text(value)).split())
    match = _FY.fullmatch(raw)
    if match:
        year = int(match.group(1))
        return year if 1989 <= year <= 2200 else None
    match = _ERA_FY.fullmatch(raw)
    if match:
        number = 1 if match.group(2) == "元" else int(match.group(2))
        return ERA_NAMES[match.group(1).upper()].gregorian(number) if number >= 1 else None
    return None


def parse_month(value: object, year: int) -> date | None:
    """A 予定月 cell as the first day of a month of fiscal year `year`; None when it is not
    a month of that year."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        day = value.replace(day=1)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if value != int(value) or not 1 <= int(value) <= 12:
            return None
        day = _in_year(int(value), year)
    else:
        raw = "".join(unicodedata.normalize("NFKC", text(value)).split())
        parsed = _month_text(raw, year)
        if parsed is None:
            return None
        day = parsed
    return day if fy_start(year) <= day <= fy_end(year) else None


def _month_text(raw: str, year: int) -> date | None:
    match = _MONTH.fullmatch(raw)
    if match and 1 <= int(match.group(2)) <= 12:
        return date(int(match.group(1)), int(match.group(2)), 1)
    match = _ERA_MONTH.fullmatch(raw)
    if match and 1 <= int(match.group(3)) <= 12:
        number = 1 if match.group(2) == "元" else int(match.group(2))
        gregorian = ERA_NAMES[match.group(1).upper()].gregorian(number)
        return date(gregorian, int(match.group(3)), 1)
    match = _BARE_MONTH.fullmatch(raw)
    if match and 1 <= int(match.group(1)) <= 12:
        return _in_year(int(match.group(1)), year)
    return None


def _in_year(month: int, year: int) -> date:
    """A calendar month of fiscal year `year` (January–March belong to the next year)."""
    return date(year + (month < 4), month, 1)


def _fiscal_year(table: Table, row: Row, problems: list[str]) -> int | None:
    value = row.cells["年度"]
    if blank(value):
        return None
    year = parse_fiscal_year(value)
    if year is None:
        problems.append(
            f"{table.where(row, '年度')}: 「{text(value)}」は年度として読めません。"
            "「FY2026」「2026」「令和8年度」のように記入してください。"
        )
    return year


def _month(table: Table, row: Row, year: int, problems: list[str]) -> date | None:
    value = row.cells["予定月"]
    if blank(value):
        return None
    month = parse_month(value, year)
    if month is None:
        problems.append(
            f"{table.where(row, '予定月')}: 「{text(value)}」は{year}年度（{year}年4月～"
            f"{year + 1}年3月）の月として読めません。「{year}-10」「10月」のように記入してください。"
        )
    return month


def _kind(table: Table, row: Row, problems: list[str]) -> str | None:
    value = row.cells.get("会議種別")
    if blank(value):
        return REGULAR
    kind = _KINDS.get(name_key(text(value)))
    if kind is None:
        problems.append(
            f"{table.where(row, '会議種別')}: 「{text(value)}」は使えません。"
            "「定期」「臨時」のいずれかを記入してください（空欄は定期）。"
        )
    return kind
