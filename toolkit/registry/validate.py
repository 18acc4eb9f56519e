"""The registry workbook's rows → a validated `Registry`, or every problem at once.

HQ edits the registry in Excel (SPEC.md, "Registry workbook"). `registry_from_rows` turns
the rows of its sheets into typed objects and refuses a registry that cannot be trusted:
it collects every problem it finds and raises one `RegistryError` listing them all, each
in Japanese and naming the sheet, the Excel row and the column, so HQ can fix the
workbook in one pass. No Excel library is imported here; `toolkit.writing.registry_io`
reads and writes the file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date

from toolkit.errors import InputError
from toolkit.registry.model import (
    COUNCIL_HEADERS,
    COUNCIL_KINDS,
    COUNCIL_SHEET,
    FACILITY_TYPES,
    MEMBER_GROUPS,
    MEMBER_SHEET,
    PERIOD_SHEET,
    PLAN_SHEET,
    SHEETS,
    Council,
    Member,
    PlannedMeeting,
    Registry,
    RestrictedPeriod,
)
from toolkit.registry.names import id_key, name_key, station_key
from toolkit.registry.plan import plans
from toolkit.registry.sheets import (
    Row,
    Table,
    blank,
    date_cell,
    find_sheet,
    required,
    text,
    ymd,
)


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
    tables = {name: find_sheet(sheets, name) for name in SHEETS}
    columns: dict[str, dict[str, int]] = {}

    councils: list[Council] = []
    written_ids: set[str] | None = None  # every 協議会ID of the 協議会 sheet, valid row or not
    if tables[COUNCIL_SHEET] is None:
        problems.append(
            f"「{COUNCIL_SHEET}」シートがありません。"
            f"「{COUNCIL_SHEET}」シートを作り、1行目に見出し"
            f"（{'・'.join(COUNCIL_HEADERS)}）を入れて協議会を登録してください。"
        )
    else:
        table = Table.of(COUNCIL_SHEET, tables[COUNCIL_SHEET] or [], problems)
        if table is not None:
            councils = _councils(table, problems)
            columns[COUNCIL_SHEET] = table.columns
            written_ids = {id_key(text(row.cells["協議会ID"])) for row in table.rows}

    members: list[Member] = []
    rows = tables[MEMBER_SHEET]
    if rows:
        table = Table.of(MEMBER_SHEET, rows, problems)
        if table is not None:
            members = _members(table, written_ids, problems)
            columns[MEMBER_SHEET] = table.columns

    periods: list[RestrictedPeriod] = []
    rows = tables[PERIOD_SHEET]
    if rows:
        table = Table.of(PERIOD_SHEET, rows, problems)
        if table is not None:
            stations = {station_key(c.station) for c in councils}
            periods = _periods(table, written_ids, stations, problems)

    planned: list[PlannedMeeting] = []
    rows = tables[PLAN_SHEET]
    if rows:
        table = Table.of(PLAN_SHEET, rows, problems)
        if table is not None:
            planned = plans(table, written_ids, problems)

    if problems:
        raise RegistryError(problems, source)
    return Registry(
        tuple(councils), tuple(members), tuple(periods), source, tuple(planned), columns
    )


# --- 協議会 -------------------------------------------------------------------------------


def _councils(table: Table, problems: list[str]) -> list[Council]:
    out: list[Council] = []
    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple[str, str], int] = {}
    if not table.rows:
        problems.append(
            f"「{table.sheet}」シートに協議会が1件も登録されていません。"
            "2行目から協議会を登録してください。"
        )
    for row in table.rows:
        complete = required(table, row, problems)
        cells = row.cells
        council_id = id_key(text(cells["協議会ID"]))
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
        name = text(cells["協議会名"])
        station = text(cells["警察署"])
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
                    facility_name=text(cells["施設名"]),
                    name=name,
                    kind=kind,
                    manager=text(cells["運営責任者"]),
                    note=text(cells.get("備考")),
                    row=row.number,
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
    table: Table,
    row: Row,
    header: str,
    allowed: tuple[str, ...],
    aliases: Mapping[str, str],
    problems: list[str],
) -> str | None:
    """The allowed value written in the cell, or None (noting a problem if it is unknown)."""
    value = row.cells[header]
    if blank(value):
        return None
    key = name_key(text(value))
    if key in allowed:
        return key
    if key in aliases:
        return aliases[key]
    options = "".join(f"「{a}」" for a in allowed)
    problems.append(
        f"{table.where(row, header)}: 「{text(value)}」は使えません。"
        f"{options}のいずれかを記入してください。"
    )
    return None


# --- 委員 ---------------------------------------------------------------------------------


def _members(table: Table, known: set[str] | None, problems: list[str]) -> list[Member]:
    out: list[Member] = []
    for row in table.rows:
        complete = required(table, row, problems)
        cells = row.cells
        council_id = id_key(text(cells["協議会ID"]))
        if council_id and known is not None and council_id not in known:
            problems.append(
                f"{table.where(row, '協議会ID')}: 「{council_id}」は「{COUNCIL_SHEET}」シートに"
                f"登録されていません。「{COUNCIL_SHEET}」シートにある協議会IDを記入してください。"
            )
            complete = False
        group = _group(table, row, problems)
        dates = {
            h: date_cell(table, row, h, problems) for h in ("委嘱日", "任期満了日", "初委嘱日")
        }
        if any(d is False for d in dates.values()) or group is None:
            complete = False
        appointed, term_end, first = (d if isinstance(d, date) else None for d in dates.values())
        if appointed and term_end and term_end < appointed:
            problems.append(
                f"{table.where(row, '任期満了日')}: 任期満了日 {ymd(term_end)} が"
                f"委嘱日 {ymd(appointed)} より前です。委嘱日と任期満了日を確認してください。"
            )
            complete = False
        if appointed and first and appointed < first:
            problems.append(
                f"{table.where(row, '初委嘱日')}: 初委嘱日 {ymd(first)} が"
                f"委嘱日 {ymd(appointed)} より後です。初めて委嘱した日を記入してください。"
            )
            complete = False
        if complete and group is not None:
            out.append(
                Member(
                    council_id=council_id,
                    name=text(cells["氏名"]),
                    gender=text(cells["性別"]),
                    age_band=unicodedata.normalize("NFKC", text(cells["年代"])),
                    occupation=text(cells["職業"]),
                    group=group,
                    appointed=appointed,
                    term_end=term_end,
                    first_appointed=first,
                    row=row.number,
                )
            )
    return out


def _group(table: Table, row: Row, problems: list[str]) -> str | None:
    value = row.cells["区分"]
    if blank(value):
        return None
    key = name_key(text(value)).lower()
    if key in MEMBER_GROUPS:
        return key
    problems.append(
        f"{table.where(row, '区分')}: 「{text(value)}」は使えません。"
        "「a」（自治会・町内会等の役員）「b」（防犯協会・交通安全協会・ボランティア団体等）"
        "「c」（自治体・公的機関の職員）「その他」のいずれかを記入してください。"
    )
    return None


# --- 期間設定 -----------------------------------------------------------------------------


def _periods(
    table: Table, known: set[str] | None, stations: set[str | None], problems: list[str]
) -> list[RestrictedPeriod]:
    out: list[RestrictedPeriod] = []
    for row in table.rows:
        complete = required(table, row, problems)
        start = date_cell(table, row, "開始日", problems)
        end = date_cell(table, row, "終了日", problems)
        station = text(row.cells.get("警察署"))
        council_id = id_key(text(row.cells.get("協議会ID")))
        if station and station_key(station) not in stations:
            problems.append(
                f"{table.where(row, '警察署')}: 「{station}」は「協議会」シートにない警察署です。"
                "警察署名を確認してください（県内全域なら空欄にします）。"
            )
            complete = False
        if council_id and known is not None and council_id not in known:
            problems.append(
                f"{table.where(row, '協議会ID')}: 「{council_id}」は「協議会」シートに登録されて"
                "いません。協議会IDを確認してください（県内全域なら空欄にします）。"
            )
            complete = False
        if not isinstance(start, date) or not isinstance(end, date):
            continue
        if end < start:
            problems.append(
                f"{table.where(row, '終了日')}: 終了日 {ymd(end)} が"
                f"開始日 {ymd(start)} より前です。開始日と終了日を確認してください。"
            )
            continue
        if complete:
            name = text(row.cells["名称"])
            out.append(RestrictedPeriod(name, start, end, station, council_id))
    return out


# --- cell values --------------------------------------------------------------------------
