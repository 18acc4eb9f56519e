"""Read and write the registry workbook (協議会名簿) that HQ keeps as master data in Excel.

Reading only turns sheets into rows; `toolkit.registry.registry_from_rows` validates them.
Writing lays the registry out for editing in Excel: a bold frozen header row with filters,
widths that fit Japanese text, dates as yyyy/mm/dd, dropdowns for the closed lists and an
A4 landscape print that repeats the header row on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from toolkit.errors import OperationalError, os_error_reason
from toolkit.excel.guard import Unreadable
from toolkit.excel.sheetrows import read_sheet_rows
from toolkit.fileio import atomic_workbook, read_input
from toolkit.findings import CATALOGUE
from toolkit.fiscal import fy_label
from toolkit.model import EXTRAORDINARY, REGULAR
from toolkit.registry import (
    COUNCIL_HEADERS,
    COUNCIL_KINDS,
    COUNCIL_SHEET,
    FACILITY_TYPES,
    MEMBER_GROUPS,
    MEMBER_HEADERS,
    MEMBER_SHEET,
    PERIOD_HEADERS,
    PERIOD_SHEET,
    PLAN_HEADERS,
    PLAN_SHEET,
    Registry,
    RegistryError,
    registry_from_rows,
)
from toolkit.text import display_width
from toolkit.writing.xlsx import close_book, new_book, write_text

GENDERS = ("男性", "女性")
AGE_BANDS = ("10代", "20代", "30代", "40代", "50代", "60代", "70代", "80代", "90代")

# Rows below the data that still get the dropdowns, so new entries are checked too.
_SPARE_ROWS = 500
_DATE_FORMAT = "yyyy/mm/dd"
_MONTH_FORMAT = 'yyyy"年"m"月"'


class RegistryUnreadable(OperationalError):
    """The registry file cannot be read at all (exit 3): broken, not a workbook, a sheet
    spread over an absurd area, no permission."""


def read_registry(path: Path) -> Registry:
    """Read and validate the registry workbook (.xlsx, .xlsm, .xls or .ods), through the
    same guards as a report.

    Raises `RegistryUnreadable` when the file cannot be read and `RegistryError` when its
    contents are not usable.
    """
    path = Path(path)
    if not path.is_file():
        raise RegistryError(
            [f"協議会名簿「{path}」が見つかりません。ファイルの場所と名前を確認してください。"],
            str(path),
        )
    try:
        data = read_input(path)  # waits for a moment while Excel or an antivirus holds it
        raw = read_sheet_rows(data, path.name)
    except Unreadable as exc:
        reason = exc.detail or CATALOGUE[exc.code].title
        raise RegistryUnreadable(
            f"協議会名簿「{path}」を読めません（{reason}）。"
            "Excelで開けるか確認し、.xlsx 形式で保存し直してから指定してください。"
        ) from exc
    except OSError as exc:
        raise RegistryUnreadable(
            f"協議会名簿「{path}」を開けません（{os_error_reason(exc)[0]}）。"
            "ファイルの場所と、読み取りの権限を確認してください。"
        ) from exc
    sheets = {name: [_cells(row) for row in rows] for name, rows in raw.items()}
    return registry_from_rows(sheets, str(path))


def _cells(row: Sequence[Any]) -> list[object]:
    # calamine gives '' for an empty cell; the registry expects None.
    return [None if v == "" else v for v in row]


@dataclass(frozen=True)
class _Validation:
    header: str
    values: tuple[str, ...]
    strict: bool  # False: the list is offered but other entries are allowed
    title: str
    message: str


_VALIDATIONS: dict[str, tuple[_Validation, ...]] = {
    COUNCIL_SHEET: (
        _Validation(
            "施設種別",
            FACILITY_TYPES,
            True,
            "施設種別",
            "交番・駐在所・警察署所在地・幹部派出所から選んでください。",
        ),
        _Validation(
            "協議会種別",
            COUNCIL_KINDS,
            True,
            "協議会種別",
            "所管区（要綱第3条）・単位（第4条：所管区の分割・統合）・"
            "職種等（第5条：目的等を限定）から選んでください。",
        ),
    ),
    MEMBER_SHEET: (
        _Validation("性別", GENDERS, False, "性別", "男性・女性から選んでください。"),
        _Validation("年代", AGE_BANDS, False, "年代", "20代・30代…のように選んでください。"),
        _Validation(
            "区分",
            MEMBER_GROUPS,
            True,
            "区分（2の(4)イ(ｱ)）",
            "a 自治会・町内会等の役員／b 防犯協会・交通安全協会・ボランティア団体等／"
            "c 自治体・公的機関の職員／その他",
        ),
    ),
    PERIOD_SHEET: (),
    PLAN_SHEET: (
        _Validation(
            "会議種別", ("定期", "臨時"), True, "会議種別", "定期・臨時から選んでください。"
        ),
    ),
}
TYPE_WORDS = {REGULAR: "定期", EXTRAORDINARY: "臨時"}

_DATE_HEADERS = {"委嘱日", "任期満了日", "初委嘱日", "開始日", "終了日"}
_MONTH_HEADERS = {"予定月"}
_MIN_WIDTH = {"協議会ID": 10, "区分": 8, "性別": 8, "年代": 8}


def write_registry(registry: Registry, path: Path, *, created: datetime | None = None) -> None:
    """Write the registry workbook for HQ to edit in Excel; replaces `path` atomically.

    `created` pins the document's creation time (for byte-identical output); default now.
    """
    with atomic_workbook(Path(path)) as (tmp, scratch):
        book = new_book(tmp, scratch, remove_timezone=True)
        book.set_properties(
            {"title": "交番・駐在所連絡協議会 名簿", "created": created or datetime.now()}
        )
        # Marks it as the registry: never read as a report, archived or sent back when it
        # is found among the reports (HQ edits it, so it is not an output to replace).
        book.set_custom_property("kyogikai-registry", "1")
        formats = _Formats(book)
        _write_sheet(
            book,
            formats,
            COUNCIL_SHEET,
            COUNCIL_HEADERS,
            [
                [
                    c.council_id,
                    c.station,
                    c.facility_type,
                    c.facility_name,
                    c.name,
                    c.kind,
                    c.manager,
                    c.note,
                ]
                for c in registry.councils
            ],
        )
        _write_sheet(
            book,
            formats,
            MEMBER_SHEET,
            MEMBER_HEADERS,
            [
                [
                    m.council_id,
                    m.name,
                    m.gender,
                    m.age_band,
                    m.occupation,
                    m.group,
                    m.appointed,
                    m.term_end,
                    m.first_appointed,
                ]
                for m in registry.members
            ],
        )
        _write_sheet(
            book,
            formats,
            PERIOD_SHEET,
            PERIOD_HEADERS,
            [[p.name, p.start, p.end, p.station, p.council_id] for p in registry.periods],
        )
        _write_sheet(
            book,
            formats,
            PLAN_SHEET,
            PLAN_HEADERS,
            [
                [fy_label(p.fiscal_year), p.council_id, p.month, TYPE_WORDS[p.kind], p.topic]
                for p in registry.plans
            ],
        )
        close_book(book)


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        font = {"font_name": "游ゴシック", "font_size": 11}
        self.header = book.add_format(
            {**font, "bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"}
        )
        self.text = book.add_format({**font, "num_format": "@"})
        self.date = book.add_format({**font, "num_format": _DATE_FORMAT, "align": "left"})
        self.month = book.add_format({**font, "num_format": _MONTH_FORMAT, "align": "left"})


def _write_sheet(
    book: xlsxwriter.Workbook,
    formats: _Formats,
    name: str,
    headers: Sequence[str],
    rows: list[list[object]],
) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, headers, formats.header)
    column_formats = [
        formats.date
        if h in _DATE_HEADERS
        else formats.month
        if h in _MONTH_HEADERS
        else formats.text
        for h in headers
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                day = datetime(value.year, value.month, value.day)
                sheet.write_datetime(r, c, day, column_formats[c])
            elif value is None or value == "":
                sheet.write_blank(r, c, None, column_formats[c])
            else:
                write_text(sheet, r, c, str(value), formats.text)
    last_row = max(len(rows), 1) + _SPARE_ROWS
    for c, header in enumerate(headers):
        width = _width([header, *(row[c] for row in rows)], _MIN_WIDTH.get(header, 6))
        sheet.set_column(c, c, width, column_formats[c])
        if header in _DATE_HEADERS or header in _MONTH_HEADERS:
            sheet.data_validation(
                1,
                c,
                last_row,
                c,
                {
                    "validate": "date",
                    "criteria": ">=",
                    "value": datetime(1950, 1, 1),
                    "error_type": "warning",
                    "error_title": header,
                    "error_message": "日付を 2026/4/1 のように入力してください。",
                },
            )
    for rule in _VALIDATIONS[name]:
        c = list(headers).index(rule.header)
        sheet.data_validation(
            1,
            c,
            last_row,
            c,
            {
                "validate": "list",
                "source": list(rule.values),
                "error_type": "stop" if rule.strict else "information",
                "error_title": rule.title[:32],
                "error_message": f"一覧から選んでください: {'・'.join(rule.values)}"[:255],
                "input_title": rule.title[:32],
                "input_message": rule.message[:255],
            },
        )
    sheet.set_row(0, 20)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_header(f"&L協議会名簿（{name}）")
    sheet.set_footer("&C&P / &N")


def _width(values: list[object], minimum: int) -> float:
    """Column width in Excel units: full-width characters count double; capped for notes."""
    longest = 0
    for value in values:
        if isinstance(value, date):
            longest = max(longest, 10)
        elif value is not None:
            text = str(value)
            longest = max(longest, display_width(text))
    return float(min(max(longest + 2, minimum), 60))
