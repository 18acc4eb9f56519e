"""The 確認事項 sheet: what the file is, how many findings it has and what to do, then one
row per finding whose cell reference links to the marked cell."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.cells import Cell, column_letter
from toolkit.era import wareki
from toolkit.findings import Severity
from toolkit.labels import printed
from toolkit.results import FileResult
from toolkit.text import wrapped_lines
from toolkit.writing.feedback.rows import SEVERITY_JA, Context, Row
from toolkit.writing.feedback.target import save, sent_contents
from toolkit.writing.textcell import put

FEEDBACK_SHEET = "確認事項"
HEADERS = ("番号", "重大度", "シート", "セル", "項目", "内容")
# Widths of the list's columns, in character units of the workbook's default font.
WIDTHS = (5.5, 7.5, 11.0, 7.5, 17.0, 52.0)
TITLE_PREFIX = "確認事項　"

_THIN = Side(style="thin", color="FF7F7F7F")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="ＭＳ ゴシック", size=10, charset=128, family=3)
_BOLD = Font(name="ＭＳ ゴシック", size=10, bold=True, charset=128, family=3)
_TITLE = Font(name="ＭＳ ゴシック", size=14, bold=True, charset=128, family=3)
_LINK = Font(name="ＭＳ ゴシック", size=10, color="FF0563C1", underline="single", charset=128)
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
_HEADER_FILL = PatternFill(fill_type="solid", fgColor="FFD9D9D9", bgColor="FFD9D9D9")
_LINE_PT = 14.0  # one line of 10 pt text


def list_only(ctx: Context, key: str) -> bytes:
    """A new workbook holding only the list (the original could not be copied)."""
    ctx.kind = "list"
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = FEEDBACK_SHEET
    write_list(ws, ctx, {})
    return save(wb, key, sent_contents(ctx.result))


def write_list(ws: Worksheet, ctx: Context, anchors: dict[Cell, Cell]) -> None:
    """Fill `ws` with the list; `anchors` are the marked cells the rows link to."""
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[column_letter(i)].width = width
    span = int(sum(WIDTHS) * 0.95)  # characters of a line across the whole table
    r = 1
    r = _banner(ws, r, TITLE_PREFIX + Path(ctx.result.path).name, _TITLE, span, 20.0)
    for line in _letter_lines(ctx):
        r = _banner(ws, r, line, _BOLD, span)
    for line in _report_lines(ctx.result):
        r = _banner(ws, r, line, _FONT, span)
    errors = sum(1 for row in ctx.rows if row.severity is Severity.ERROR)
    counts = f"指摘 {len(ctx.rows)}件（誤り {errors}件、警告 {len(ctx.rows) - errors}件）"
    r = _banner(ws, r, counts, _BOLD, span)
    for note in ctx.notes:
        r = _banner(ws, r, "※ " + note, _FONT, span)
    for line in _instruction(ctx):
        r = _banner(ws, r, line, _BOLD, span)
    r += 1
    header = r
    for col, text in enumerate(HEADERS, 1):
        cell = ws.cell(header, col)
        put(cell, text)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEADER_FILL, _GRID, _CENTER
    for row in ctx.rows:
        r += 1
        _finding_row(ws, r, row, anchors.get(row.cell) if row.cell is not None else None)
    extra = [f"シート「{s}」: {why}" for s, why in ctx.result.skipped] + list(ctx.result.notes)
    if extra:
        r += 2
        r = _banner(ws, r, "参考", _BOLD, span)
        for line in extra:
            r = _banner(ws, r, line, _FONT, span)
    ws.freeze_panes = f"A{header + 1}"
    _print_setup(ws, header)


def drop_old_list(wb: Workbook) -> None:
    """Remove the 確認事項 sheet of an earlier round, if the station sent that copy back."""
    if FEEDBACK_SHEET not in wb.sheetnames:
        return
    old = wb[FEEDBACK_SHEET]
    if isinstance(old, Worksheet) and str(old["A1"].value or "").startswith(TITLE_PREFIX):
        wb.remove(old)


def make_first_and_active(wb: Workbook) -> None:
    """Open on the list: first tab, active, and the only one selected (two selected tabs
    would group the sheets, and an edit would then go to both)."""
    wb.active = 0
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == 0
    for view in wb.views:
        view.firstSheet = 0
        view.activeTab = 0


def _banner(ws: Worksheet, r: int, text: str, font: Font, span: int, height: float = 0) -> int:
    """A line of text across the table's width; returns the next row."""
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADERS))
    cell = ws.cell(r, 1)
    put(cell, text)
    cell.font = font
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[r].height = max(height, _LINE_PT * wrapped_lines(text, span) + 4)
    return r + 1


def _finding_row(ws: Worksheet, r: int, row: Row, anchor: Cell | None) -> None:
    label = printed(row.field) if row.field else "（ファイル全体）" if row.sheet is None else "―"
    values: tuple[int | str, ...] = (
        row.number,
        SEVERITY_JA[row.severity],
        row.sheet or "―",
        row.cell.a1 if row.cell is not None else "―",
        label,
        row.message,
    )
    for col, value in enumerate(values, 1):
        cell = ws.cell(r, col)
        put(cell, value)
        cell.font, cell.border = _FONT, _GRID
        cell.alignment = _WRAP if col in (3, 5, 6) and value != "―" else _CENTER
    ws.cell(r, 2).fill = PatternFill(fill_type="solid", fgColor=row.color, bgColor=row.color)
    if anchor is not None:
        link = ws.cell(r, 4)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=_location(anchor))
        link.font = _LINK
    need = max(
        wrapped_lines(str(values[2]), int(WIDTHS[2] - 1)),
        wrapped_lines(label, int(WIDTHS[4] - 1)),
        wrapped_lines(row.message, int(WIDTHS[5] - 2)),
    )
    ws.row_dimensions[r].height = _LINE_PT * need + 4


def _location(cell: Cell) -> str:
    """A link's location inside the workbook: `'Sheet name'!A1`, the title always quoted."""
    return "'" + cell.sheet.replace("'", "''") + "'!" + cell.a1


def _report_lines(result: FileResult) -> list[str]:
    out = []
    for checked in result.reports:
        report = checked.report
        if report is None:
            continue
        parts = [report.council_name.value or "（協議会名の記入なし）"]
        if report.date.value is not None:
            when = wareki(report.date.value, weekday=True) + "開催"
            if report.start_time.value is not None:
                when += f" {_hm(report.start_time.value)}"
                if report.end_time.value is not None:
                    when += f"～{_hm(report.end_time.value)}"
            parts.append(when)
        else:
            parts.append("（開催日の記入なし）")
        place = " ".join(v for v in (report.affiliation.value, report.facility_name.value) if v)
        if place:
            parts.append(place)
        where = (checked.reading() or {}).get("area")
        within = f"（{where}）" if where else ""  # one of several reports on the sheet
        out.append(f"シート「{checked.sheet}」{within}: " + "　".join(parts))
    return out


def _hm(t: time) -> str:
    return f"{t.hour}:{t.minute:02d}"


def _letter_lines(ctx: Context) -> list[str]:
    """Who returns the copy, when, and by when the corrected report is due."""
    letter = ctx.letter
    if letter is None:
        return []
    who = letter.sender
    contact = "・".join(
        p for p in (letter.contact, f"警電 {letter.phone}" if letter.phone else "") if p
    )
    if contact:
        who += f"（{contact}）"
    return [
        f"返却: {wareki(letter.day)}　{who}",
        f"再提出の期限: {wareki(letter.due)}",
    ]


def _instruction(ctx: Context) -> list[str]:
    errors = any(row.severity is Severity.ERROR for row in ctx.rows)
    lines = [
        "■ 赤色は誤り（必ず修正してください）、黄色は警告（内容を確認し、必要なら修正して"
        "ください）です。"
    ]
    if ctx.kind != "list":
        lines.append(
            "■ 指摘のあるセルに色を付け、内容をコメント（セルにマウスを合わせると表示）と"
            "下の表に示しています。表の「セル」をクリックすると、そのセルへ移動します。"
        )
    due = f"{wareki(ctx.letter.due)}までに" if ctx.letter is not None else ""
    if ctx.kind == "annotated":
        ask = "修正して" if errors else "確認し、必要なら修正して"
        lines.append(
            f"■ 元の報告書ファイルか、この写しの報告書のシートを{ask}、{due}再提出してください"
            "（この写しに直接記入して送り返しても、直した報告書として受け付けます）。"
            "措置・回答がまだ決まっていない要望事項は、毎月の督促・確認依頼でお尋ねします。"
        )
    else:
        lines.append(f"■ 下の表の指摘を確認し、元のファイルを修正して{due}再提出してください。")
    return lines


def _print_setup(ws: Worksheet, header: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header}:{header}"
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "&P / &N"
    ws.sheet_view.showGridLines = False
    ws.sheet_properties.tabColor = "FFC00000"
