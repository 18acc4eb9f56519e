"""The yearly plan as stations fill it in Excel (2(6)イ: あらかじめ年間計画を策定する).

`write_plan_form` writes one workbook per police station: its councils down, April–March
across, a 定/臨 dropdown in each month and a 予定議題 column; everything else is locked.
`read_plan_form` reads a filled one back into planned meetings, naming the cell of every
mark it cannot read: a word that is not 定/臨, a 「○」 the form does not say the meaning of
(a station's own legend, 「○＝定期」, does), a formula whose result the file does not hold,
and a council listed twice. Filled forms are read through the same guards as every workbook.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
import xlsxwriter

from toolkit.cells import Cell
from toolkit.era import wareki
from toolkit.errors import os_error_reason
from toolkit.excel.guard import Unreadable
from toolkit.excel.sheetrows import read_sheet_rows
from toolkit.fileio import FileLockedError, atomic_workbook, read_input, safe_file_name
from toolkit.findings import CATALOGUE
from toolkit.fiscal import FY_MONTHS, fy_label
from toolkit.model import EXTRAORDINARY, REGULAR
from toolkit.registry import Council, PlannedMeeting, id_key, name_key
from toolkit.registry.plan import parse_fiscal_year
from toolkit.text import cell_text
from toolkit.writing.xlsx import close_book, new_book, write_text

SHEET = "年間計画"
PLAN_PROPERTY = "kyogikai-plan-form"
HEADERS = ("協議会ID", "施設名", "協議会名", *(f"{m}月" for m in FY_MONTHS), "予定議題")
MARKS = {
    "定": REGULAR,
    "定期": REGULAR,
    "定期会議": REGULAR,
    "臨": EXTRAORDINARY,
    "臨時": EXTRAORDINARY,
    "臨時会議": EXTRAORDINARY,
}
CIRCLES = ("〇", "○", "◯")
# A legend written on the form that says what a circle means: 「○＝定期」「○は臨時会議」.
_LEGEND = re.compile(r"[〇○◯]\s*(?:[:：=＝はが]|…|→)?\s*(定期|臨時|定|臨)")
HEADER_ROW = 4  # 0-based: rows 0–3 hold the title, the year and the instructions
FONT = "游ゴシック"


def plan_form_path(out_dir: Path, station: str, fiscal_year: int) -> Path:
    safe = safe_file_name(station)
    return out_dir / f"{fy_label(fiscal_year)}_年間計画_{safe}.xlsx"


def write_plan_form(
    path: Path, station: str, fiscal_year: int, councils: Sequence[Council], created: date
) -> None:
    """Write one station's plan form for `fiscal_year`, atomically."""
    with atomic_workbook(path) as (tmp, scratch):
        book = new_book(
            tmp, scratch, default_format_properties={"font_name": FONT, "font_size": 10}
        )
        book.set_properties(
            {
                "title": f"交番・駐在所連絡協議会 年間計画 {fy_label(fiscal_year)} {station}",
                "created": datetime.combine(created, datetime.min.time()),
            }
        )
        book.set_custom_property(PLAN_PROPERTY, f"{fiscal_year}")
        _sheet(book, station, fiscal_year, councils)
        close_book(book)


def _sheet(
    book: xlsxwriter.Workbook, station: str, fiscal_year: int, councils: Sequence[Council]
) -> None:
    ws = book.add_worksheet(SHEET)
    title = book.add_format({"bold": True, "font_size": 14})
    note = book.add_format({"font_size": 10})
    header = book.add_format(
        {"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center", "valign": "vcenter",
         "text_wrap": True, "locked": True}
    )  # fmt: skip
    locked = book.add_format({"border": 1, "locked": True, "valign": "vcenter"})
    mark = book.add_format(
        {"border": 1, "locked": False, "align": "center", "valign": "vcenter",
         "bg_color": "#EAF2FA"}
    )  # fmt: skip
    topic = book.add_format(
        {"border": 1, "locked": False, "text_wrap": True, "valign": "vcenter",
         "bg_color": "#EAF2FA"}
    )  # fmt: skip
    ws.write_string(0, 0, f"交番・駐在所連絡協議会　年間計画（{station}）", title)
    ws.write_string(1, 0, "年度", locked)
    ws.write_string(1, 1, fy_label(fiscal_year), locked)
    ws.write_string(
        2,
        0,
        "会議を開く予定の月に「定」（定期会議）または「臨」（臨時会議）を選んでください。"
        "予定議題は分かる範囲で記入してください（要綱第6条、2の(6)イ）。",
        note,
    )
    for j, text in enumerate(HEADERS):
        ws.write_string(HEADER_ROW, j, text, header)
    for i, c in enumerate(councils, start=HEADER_ROW + 1):
        write_text(ws, i, 0, c.council_id, locked)
        write_text(ws, i, 1, c.facility_name, locked)
        write_text(ws, i, 2, c.name, locked)
        for j in range(3, 15):
            ws.write_blank(i, j, None, mark)
        ws.write_blank(i, 15, None, topic)
        ws.set_row(i, 22)
    last = HEADER_ROW + max(len(councils), 1)
    ws.data_validation(
        HEADER_ROW + 1,
        3,
        last,
        14,
        {
            "validate": "list",
            "source": ["定", "臨"],
            "error_title": "会議種別",
            "error_message": "「定」（定期会議）か「臨」（臨時会議）を選んでください。",
            "input_title": "会議種別",
            "input_message": "定: 定期会議　臨: 臨時会議",
        },
    )
    ws.set_column(0, 0, 9)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 2, 24)
    ws.set_column(3, 14, 4.5)
    ws.set_column(15, 15, 30)
    ws.set_row(HEADER_ROW, 20)
    ws.freeze_panes(HEADER_ROW + 1, 3)
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    shown = cell_text(station).replace("&", "&&")
    ws.set_footer(f"&L{fy_label(fiscal_year)} 年間計画　{shown}&R&P / &N")


# --- reading a filled form ------------------------------------------------------------------


@dataclass
class PlanForm:
    """What one filled plan form says, and what could not be read in it."""

    path: str
    fiscal_year: int | None
    councils: list[str] = field(default_factory=list)  # every 協議会ID on the form
    plans: list[PlannedMeeting] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → formula


def read_plan_form(path: Path) -> PlanForm:
    """The planned meetings of a filled plan form. Never raises for what the file holds:
    a file that cannot be read, or a mark that is not 定/臨, is a problem of the result."""
    form = PlanForm(str(path), None)
    try:
        data = read_input(path)
        sheets = read_sheet_rows(data, path.name)
        rows = sheets[SHEET]
    except Unreadable as exc:
        reason = exc.detail or CATALOGUE[exc.code].title
        form.problems.append(f"「{path.name}」を読めません（{reason}）。")
        return form
    except OSError as exc:
        form.problems.append(f"「{path.name}」を開けません（{os_error_reason(exc)[0]}）。")
        return form
    except FileLockedError as exc:
        form.problems.append(f"「{path.name}」は {exc.ADVICE}")
        return form
    except KeyError:
        form.problems.append(
            f"「{path.name}」に「{SHEET}」シートがありません。"
            "kyogikai template --plan で作った様式に記入してください。"
        )
        return form
    form.formulas = _formulas(data)
    _read_rows(form, path.name, rows)
    return form


def _formulas(data: bytes) -> dict[tuple[int, int], str]:
    """The formula of each cell of the plan sheet that holds one (0-based row, column):
    a formula whose result the file does not carry cannot be read as a mark."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # .xls / .ods, or a file openpyxl refuses: no formulas known
        return {}
    try:
        ws = wb[SHEET]
        out = {}
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            for j, value in enumerate(row):
                if isinstance(value, str) and value.startswith("="):
                    out[(r, j)] = value
        return out
    except KeyError:
        return {}
    finally:
        wb.close()


def _read_rows(form: PlanForm, name: str, rows: Sequence[Sequence[object]]) -> None:
    year_cell = rows[1][1] if len(rows) > 1 and len(rows[1]) > 1 else None
    form.fiscal_year = parse_fiscal_year(year_cell) if year_cell not in (None, "") else None
    if form.fiscal_year is None:
        form.problems.append(f"「{name}」{SHEET}!B2: 年度を読み取れません（「{year_cell}」）。")
        return
    head = rows[HEADER_ROW] if len(rows) > HEADER_ROW else []
    if [name_key(str(h)) for h in head[: len(HEADERS)]] != [name_key(h) for h in HEADERS]:
        form.problems.append(
            f"「{name}」{SHEET}!A{HEADER_ROW + 1}: 見出しの行が様式と違います。"
            "kyogikai template --plan で作った様式に記入してください。"
        )
        return
    circle = _circle_meaning(rows[:HEADER_ROW])
    first_row: dict[str, int] = {}
    for r in range(HEADER_ROW + 1, len(rows)):
        row = rows[r]
        council = id_key(str(row[0])) if row and row[0] not in (None, "") else ""
        if not council:
            continue
        if council in first_row:
            form.problems.append(
                f"「{name}」{SHEET}!A{r + 1}: 協議会ID「{council}」の行が{first_row[council]}行目"
                "にもあります。1協議会1行にまとめてください（両方の行の予定を読みました）。"
            )
        first_row.setdefault(council, r + 1)
        form.councils.append(council)
        topic = str(row[15]).strip() if len(row) > 15 and row[15] not in (None, "") else ""
        for j, month in enumerate(FY_MONTHS, start=3):
            value = row[j] if j < len(row) else None
            where = Cell(SHEET, r, j)
            if value in (None, "") and (r, j) in form.formulas:
                form.problems.append(
                    f"「{name}」{where}: 数式「{form.formulas[(r, j)]}」の結果がファイルに"
                    "保存されていないため読めません。「定」か「臨」を直接選んでください。"
                )
                continue
            if value in (None, ""):
                continue
            text = name_key(unicodedata.normalize("NFKC", str(value)))
            kind = MARKS.get(text) or (circle if str(value).strip() in CIRCLES else None)
            if kind is None:
                why = (
                    "この様式には「○」が定期・臨時のどちらかの説明がありません。"
                    if str(value).strip() in CIRCLES
                    else ""
                )
                form.problems.append(
                    f"「{name}」{where}: 「{value}」は読み取れません。{why}"
                    "「定」（定期会議）か「臨」（臨時会議）を選んでください。"
                )
                continue
            day = date(form.fiscal_year + (month < 4), month, 1)
            form.plans.append(PlannedMeeting(form.fiscal_year, council, day, kind, topic, r + 1))


def _circle_meaning(head: Sequence[Sequence[object]]) -> str | None:
    """What 「○」 means on this form, when its title or notes say so (「○＝定期会議」)."""
    for row in head:
        for value in row:
            found = _LEGEND.search(unicodedata.normalize("NFKC", str(value or "")).replace(
                "〇", "○"))  # fmt: skip
            if found is not None:
                return REGULAR if found.group(1).startswith("定") else EXTRAORDINARY
    return None


def describe_plan(plan: PlannedMeeting) -> str:
    """A planned meeting in words: 令和8年10月 定期会議."""
    kind = "定期会議" if plan.kind == REGULAR else "臨時会議"
    return f"{wareki(plan.month)[:-2]} {kind}"
