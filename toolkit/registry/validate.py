"""The registry workbook's rows → a validated `Registry`, or every problem at once.

HQ edits the registry in Excel (SPEC.md, "Registry workbook"). `registry_from_rows` turns
the rows of its sheets into typed objects and refuses a registry that cannot be trusted:
it collects every problem it finds and raises one `RegistryError` listing them all, each
in Japanese and naming the sheet, the Excel row and the column, so HQ can fix the
workbook in one pass. No Excel library is imported here; `toolkit.excel.registry_io`
reads and writes the file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from toolkit.errors import InputError
from toolkit.normalize import parse_date
from toolkit.registry.model import (
    _OPTIONAL_COLUMNS,
    _REQUIRED_CELLS,
    COUNCIL_HEADERS,
    COUNCIL_KINDS,
    COUNCIL_SHEET,
    FACILITY_TYPES,
    MEMBER_GROUPS,
    MEMBER_SHEET,
    PERIOD_SHEET,
    SHEETS,
    Council,
    Member,
    Registry,
    RestrictedPeriod,
)
from toolkit.registry.names import id_key, name_key


class RegistryError(InputError):
    """The registry workbook cannot be used; .problems lists every problem found."""

    def __init__(self, problems: Sequence[str], source: str = "") -> None:
        self.problems = list(problems)
        self.source = source
        head = f"協議会名簿「{source}」を使用できません" if source else "協議会名簿を使用できません"
        super().__init__(f"{head}（{len(self.problems)}件）:\n" + "\n".join(self.problems))


def registry_from_rows(sheets: Mapping[str, list[list[object]]], source: str) -> Registry:
    """Build and validate a Registry from the rows of its sheets.

    `sheets` maps a sheet name to its rows as read (the first non-empty row holds the
    headers); cells are str, int, float, date, datetime or None. Sheet names and headers
    are matched after NFKC and space removal; extra columns and empty rows are ignored.
    Raises `RegistryError` listing every problem found.
    """
    problems: list[str] = []
    tables = {name: _find_sheet(sheets, name) for name in SHEETS}

    councils: list[Council] = []
    written_ids: set[str] | None = None  # every 協議会ID of the 協議会 sheet, valid row or not
    if tables[COUNCIL_SHEET] is None:
        problems.append(
            f"「{COUNCIL_SHEET}」シートがありません。"
            f"「{COUNCIL_SHEET}」シートを作り、1行目に見出し"
            f"（{'・'.join(COUNCIL_HEADERS)}）を入れて協議会を登録してください。"
        )
    else:
        table = _Table.of(COUNCIL_SHEET, tables[COUNCIL_SHEET] or [], problems)
        if table is not None:
            councils = _councils(table, problems)
            written_ids = {id_key(_text(row.cells["協議会ID"])) for row in table.rows}

    members: list[Member] = []
    rows = tables[MEMBER_SHEET]
    if rows:
        table = _Table.of(MEMBER_SHEET, rows, problems)
        if table is not None:
            members = _members(table, written_ids, problems)

    periods: list[RestrictedPeriod] = []
    rows = tables[PERIOD_SHEET]
    if rows:
        table = _Table.of(PERIOD_SHEET, rows, problems)
        if table is not None:
            periods = _periods(table, problems)

    if problems:
        raise RegistryError(problems, source)
    return Registry(tuple(councils), tuple(members), tuple(periods), source)


# --- sheets and headers -------------------------------------------------------------------


def _find_sheet(sheets: Mapping[str, list[list[object]]], wanted: str) -> list[list[object]] | None:
    for name, rows in sheets.items():
        if name_key(name) == wanted:
            return rows
    return None


def _cell(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class _Row:
    """One data row: its Excel row number and its cells by header."""

    number: int
    cells: dict[str, object]


@dataclass
class _Table:
    sheet: str
    rows: list[_Row]

    @classmethod
    def of(cls, sheet: str, raw: list[list[object]], problems: list[str]) -> _Table | None:
        """Locate the header row and columns; None (with problems noted) when unusable."""
        numbered = [(i + 1, row) for i, row in enumerate(raw) if not all(_blank(v) for v in row)]
        if not numbered:
            problems.append(
                f"「{sheet}」シートに見出し行がありません。"
                f"1行目に見出し（{'・'.join(SHEETS[sheet])}）を入れてください。"
            )
            return None
        header_number, header = numbered[0]
        columns: dict[str, int] = {}
        for index, value in enumerate(header):
            if isinstance(value, str):
                columns.setdefault(name_key(value), index)
        missing = [
            h
            for h in SHEETS[sheet]
            if name_key(h) not in columns and (sheet, h) not in _OPTIONAL_COLUMNS
        ]
        for h in missing:
            problems.append(
                f"「{sheet}」シート {header_number}行目: 見出し「{h}」の列がありません。"
                f"見出し行に「{h}」の列を追加してください。"
            )
        if missing:
            return None
        wanted = {h: columns.get(name_key(h)) for h in SHEETS[sheet]}
        rows = [
            _Row(number, {h: _cell(row, index) for h, index in wanted.items()})
            for number, row in numbered[1:]
        ]
        return cls(sheet, rows)

    def where(self, row: _Row, header: str) -> str:
        return f"「{self.sheet}」シート {row.number}行目「{header}」"


def _required(table: _Table, row: _Row, problems: list[str]) -> bool:
    """Note every empty required cell of the row; True when none is empty."""
    ok = True
    for header in _REQUIRED_CELLS[table.sheet]:
        if _blank(row.cells[header]):
            problems.append(f"{table.where(row, header)}: 空欄です。{header}を記入してください。")
            ok = False
    return ok


# --- 協議会 -------------------------------------------------------------------------------


def _councils(table: _Table, problems: list[str]) -> list[Council]:
    out: list[Council] = []
    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple[str, str], int] = {}
    if not table.rows:
        problems.append(
            f"「{table.sheet}」シートに協議会が1件も登録されていません。"
            "2行目から協議会を登録してください。"
        )
    for row in table.rows:
        complete = _required(table, row, problems)
        cells = row.cells
        council_id = id_key(_text(cells["協議会ID"]))
        facility_type = _choice(table, row, "施設種別", FACILITY_TYPES, _FACILITY_ALIASES, problems)
        kind = _choice(table, row, "協議会種別", COUNCIL_KINDS, _KIND_ALIASES, problems)
        if council_id:
            if council_id in seen_ids:
                problems.append(
                    f"{table.where(row, '協議会ID')}: 「{council_id}」は"
                    f"{seen_ids[council_id]}行目と重複しています。"
                    "協議会IDは協議会ごとに別の値にしてください。"
                )
                complete = False
            else:
                seen_ids[council_id] = row.number
        name = _text(cells["協議会名"])
        station = _text(cells["警察署"])
        if name and station:
            key = (name_key(station), name_key(name))
            if key in seen_names:
                problems.append(
                    f"{table.where(row, '協議会名')}: 「{name}」は同じ警察署の"
                    f"{seen_names[key]}行目と重複しています。"
                    "協議会名を区別できるように変えてください。"
                )
            else:
                seen_names[key] = row.number
        if complete and facility_type and kind:
            out.append(
                Council(
                    council_id=council_id,
                    station=station,
                    facility_type=facility_type,
                    facility_name=_text(cells["施設名"]),
                    name=name,
                    kind=kind,
                    manager=_text(cells["運営責任者"]),
                    note=_text(cells.get("備考")),
                )
            )
    return out


_FACILITY_ALIASES = {"幹部派出所所在地": "幹部派出所"}
_KIND_ALIASES = {
    "所管区連絡協議会": "所管区",
    "単位連絡協議会": "単位",
    "職種等連絡協議会": "職種等",
    "職種": "職種等",
}


def _choice(
    table: _Table,
    row: _Row,
    header: str,
    allowed: tuple[str, ...],
    aliases: Mapping[str, str],
    problems: list[str],
) -> str | None:
    """The allowed value written in the cell, or None (noting a problem if it is unknown)."""
    value = row.cells[header]
    if _blank(value):
        return None
    key = name_key(_text(value))
    if key in allowed:
        return key
    if key in aliases:
        return aliases[key]
    options = "".join(f"「{a}」" for a in allowed)
    problems.append(
        f"{table.where(row, header)}: 「{_text(value)}」は使えません。"
        f"{options}のいずれかを記入してください。"
    )
    return None


# --- 委員 ---------------------------------------------------------------------------------


def _members(table: _Table, known: set[str] | None, problems: list[str]) -> list[Member]:
    out: list[Member] = []
    for row in table.rows:
        complete = _required(table, row, problems)
        cells = row.cells
        council_id = id_key(_text(cells["協議会ID"]))
        if council_id and known is not None and council_id not in known:
            problems.append(
                f"{table.where(row, '協議会ID')}: 「{council_id}」は「{COUNCIL_SHEET}」シートに"
                f"登録されていません。「{COUNCIL_SHEET}」シートにある協議会IDを記入してください。"
            )
            complete = False
        group = _group(table, row, problems)
        dates = {
            h: _date_cell(table, row, h, problems) for h in ("委嘱日", "任期満了日", "初委嘱日")
        }
        if any(d is False for d in dates.values()) or group is None:
            complete = False
        appointed, term_end, first = (d if isinstance(d, date) else None for d in dates.values())
        if appointed and term_end and term_end < appointed:
            problems.append(
                f"{table.where(row, '任期満了日')}: 任期満了日 {_ymd(term_end)} が"
                f"委嘱日 {_ymd(appointed)} より前です。委嘱日と任期満了日を確認してください。"
            )
            complete = False
        if appointed and first and appointed < first:
            problems.append(
                f"{table.where(row, '初委嘱日')}: 初委嘱日 {_ymd(first)} が"
                f"委嘱日 {_ymd(appointed)} より後です。初めて委嘱した日を記入してください。"
            )
            complete = False
        if complete and group is not None:
            out.append(
                Member(
                    council_id=council_id,
                    name=_text(cells["氏名"]),
                    gender=_text(cells["性別"]),
                    age_band=unicodedata.normalize("NFKC", _text(cells["年代"])),
                    occupation=_text(cells["職業"]),
                    group=group,
                    appointed=appointed,
                    term_end=term_end,
                    first_appointed=first,
                )
            )
    return out


def _group(table: _Table, row: _Row, problems: list[str]) -> str | None:
    value = row.cells["区分"]
    if _blank(value):
        return None
    key = name_key(_text(value)).lower()
    if key in MEMBER_GROUPS:
        return key
    problems.append(
        f"{table.where(row, '区分')}: 「{_text(value)}」は使えません。"
        "「a」（自治会・町内会等の役員）「b」（防犯協会・交通安全協会・ボランティア団体等）"
        "「c」（自治体・公的機関の職員）「その他」のいずれかを記入してください。"
    )
    return None


# --- 期間設定 -----------------------------------------------------------------------------


def _periods(table: _Table, problems: list[str]) -> list[RestrictedPeriod]:
    out: list[RestrictedPeriod] = []
    for row in table.rows:
        complete = _required(table, row, problems)
        start = _date_cell(table, row, "開始日", problems)
        end = _date_cell(table, row, "終了日", problems)
        if not isinstance(start, date) or not isinstance(end, date):
            continue
        if end < start:
            problems.append(
                f"{table.where(row, '終了日')}: 終了日 {_ymd(end)} が"
                f"開始日 {_ymd(start)} より前です。開始日と終了日を確認してください。"
            )
            continue
        if complete:
            out.append(RestrictedPeriod(_text(row.cells["名称"]), start, end))
    return out


# --- cell values --------------------------------------------------------------------------


def _text(value: object) -> str:
    """A cell as text: trimmed; whole numbers without '.0'; blank is ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _ymd(day: date) -> str:
    return f"{day.year}/{day.month:02d}/{day.day:02d}"


def _date_cell(table: _Table, row: _Row, header: str, problems: list[str]) -> date | bool | None:
    """The date in the cell; None when blank; False (problem noted) when it is not a date."""
    value = row.cells[header]
    if _blank(value):
        return None
    day = to_date(value)
    if day is None:
        problems.append(
            f"{table.where(row, header)}: 「{_text(value)}」は日付として読めません。"
            "「2026/4/1」や「令和8年4月1日」のように年月日を記入してください。"
        )
        return False
    return day


def to_date(value: object) -> date | None:
    """A registry cell as a date: date/datetime, an Excel serial, or text such as 2026/4/1,
    令和8年4月1日 or R8.4.1 (see `normalize.parse_date`); None when it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(value).value
