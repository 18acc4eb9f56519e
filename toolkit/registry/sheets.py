"""Reading the registry's sheets as tables: the header row, the columns by name, the data
rows with their Excel row numbers, and cell values as text and dates — with every problem
worded in Japanese, naming the sheet, the row and the column."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from toolkit.normalize import parse_date
from toolkit.registry.model import _OPTIONAL_COLUMNS, _REQUIRED_CELLS, SHEETS
from toolkit.registry.names import name_key


def find_sheet(sheets: Mapping[str, list[list[object]]], wanted: str) -> list[list[object]] | None:
    for name, rows in sheets.items():
        if name_key(name) == wanted:
            return rows
    return None


def cell_at(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Row:
    """One data row: its Excel row number and its cells by header."""

    number: int
    cells: dict[str, object]


@dataclass
class Table:
    sheet: str
    rows: list[Row]
    columns: dict[str, int] = field(default_factory=dict)  # header → 0-based column found

    @classmethod
    def of(cls, sheet: str, raw: list[list[object]], problems: list[str]) -> Table | None:
        """Locate the header row and columns; None (with problems noted) when unusable."""
        numbered = [(i + 1, row) for i, row in enumerate(raw) if not all(blank(v) for v in row)]
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
            Row(number, {h: cell_at(row, index) for h, index in wanted.items()})
            for number, row in numbered[1:]
        ]
        found = {h: index for h, index in wanted.items() if index is not None}
        return cls(sheet, rows, found)

    def where(self, row: Row, header: str) -> str:
        return f"「{self.sheet}」シート {row.number}行目「{header}」"


def required(table: Table, row: Row, problems: list[str]) -> bool:
    """Note every empty required cell of the row; True when none is empty."""
    ok = True
    for header in _REQUIRED_CELLS[table.sheet]:
        if blank(row.cells[header]):
            problems.append(f"{table.where(row, header)}: 空欄です。{header}を記入してください。")
            ok = False
    return ok


def text(value: object) -> str:
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


def ymd(day: date) -> str:
    return f"{day.year}/{day.month:02d}/{day.day:02d}"


def date_cell(table: Table, row: Row, header: str, problems: list[str]) -> date | bool | None:
    """The date in the cell; None when blank; False (problem noted) when it is not a date."""
    value = row.cells[header]
    if blank(value):
        return None
    day = to_date(value)
    if day is None:
        problems.append(
            f"{table.where(row, header)}: 「{text(value)}」は日付として読めません。"
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
