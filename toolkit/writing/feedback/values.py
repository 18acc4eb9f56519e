"""The values-only copy, for an original openpyxl cannot write (.xls, .ods) or cannot
read: a new workbook with the list, then the values of each report sheet with its merged
areas, marked like the annotated copy. Formats and pictures are not copied."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from toolkit.cells import column_letter
from toolkit.excel.guard import expat_parser, parse_xml, read_member
from toolkit.excel.guard.ods import TABLE_NS
from toolkit.text import display_width
from toolkit.writing.feedback.list_sheet import FEEDBACK_SHEET, make_first_and_active, write_list
from toolkit.writing.feedback.marks import mark
from toolkit.writing.feedback.rows import Context
from toolkit.writing.feedback.target import save, sent_contents
from toolkit.writing.textcell import put, text_of

Area = tuple[int, int, int, int]  # 0-based (r0, c0, r1, c1)

_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")


def values_copy(data: bytes, fmt: str, ctx: Context, key: str) -> bytes:
    """A new workbook: the list, then the values of each report sheet, marked."""
    ctx.kind = "values"
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    ods_merges = _ods_merges(data) if fmt == "ods" else {}
    wanted: list[str] = []
    for checked in ctx.result.reports:
        if checked.report is not None and checked.sheet and checked.sheet not in wanted:
            wanted.append(checked.sheet)
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)
    first.title = FEEDBACK_SHEET
    titles: dict[str, str] = {}
    for name in wanted:
        if name not in book.sheet_names:
            continue
        sheet = book.get_sheet_by_name(name)
        ws = wb.create_sheet(_free_title(wb, name))
        titles[name] = ws.title
        merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        if not merges and name in ods_merges:
            merges = ods_merges[name]  # python-calamine gives no merged areas for .ods
        _copy_values(ws, sheet.to_python(skip_empty_area=False), merges)
    anchors = mark(wb, ctx.rows, titles)
    write_list(first, ctx, anchors)
    make_first_and_active(wb)
    return save(wb, key, sent_contents(ctx.result))


def _free_title(wb: Workbook, name: str) -> str:
    """A sheet title Excel accepts (31 characters, no []:*?/\\) not yet used in `wb`."""
    base = _BAD_TITLE.sub("_", text_of(name)).strip("'")[:31] or "Sheet"
    title, n = base, 1
    while title in wb.sheetnames:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 2]}({n})"
    return title


def _copy_values(ws: Worksheet, grid: Sequence[Sequence[object]], merges: list[Area]) -> None:
    for r, values in enumerate(grid, 1):
        for c, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            cell = ws.cell(r, c)
            if isinstance(value, timedelta):
                value = str(value)
            put(cell, value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy/m/d h:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy/m/d"
            elif isinstance(value, time):
                cell.number_format = "h:mm"
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for r0, c0, r1, c1 in merges:
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    _fit_columns(ws, grid, merges)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _fit_columns(ws: Worksheet, grid: Sequence[Sequence[object]], merges: list[Area]) -> None:
    """Column widths that let each value show: a single cell gets its text's width, a
    merged area shares what its text needs across its columns (capped, the rest wraps)."""
    ncols = max([len(r) for r in grid] + [c1 + 1 for _r0, _c0, _r1, c1 in merges], default=0)
    widths = [2.0] * ncols
    spans = {(r0, c0): (c0, c1) for r0, c0, _r1, c1 in merges}
    inside = {
        (r, c)
        for r0, c0, r1, c1 in merges
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    wide: list[tuple[int, int, float]] = []
    for r, values in enumerate(grid):
        for c, value in enumerate(values):
            if value is None or value == "" or (r, c) in inside:
                continue
            need = min(40.0, display_width(_shown(value)) + 1.5)
            c0, c1 = spans.get((r, c), (c, c))
            if c0 == c1:
                widths[c] = max(widths[c], need)
            else:
                wide.append((c0, c1, need))
    for c0, c1, need in sorted(wide, key=lambda w: w[1] - w[0]):
        have = sum(widths[c0 : c1 + 1])
        if have < need:
            extra = (need - have) / (c1 - c0 + 1)
            for c in range(c0, c1 + 1):
                widths[c] += extra
    for c, width in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = round(width, 2)


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y/%m/%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    return str(value)


def _ods_merges(data: bytes) -> dict[str, list[Area]]:
    """Merged areas of each table of an .ods (python-calamine gives none), read from the
    `content.xml` the guard has already measured."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = read_member(zf, "content.xml")
    t = TABLE_NS + " "
    out: dict[str, list[Area]] = {}
    state = {"row": -1, "col": 0, "rows": 1, "depth": 0}
    table: list[str] = []

    def count(attrs: dict[str, str], key: str) -> int:
        value = attrs.get(t + key, "1")
        return int(value) if value.isdigit() else 1

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == t + "table":
            state["depth"] += 1
            if state["depth"] == 1:
                table.append(attrs.get(t + "name", ""))
                state["row"], state["rows"] = -1, 1
        elif state["depth"] != 1:
            return
        elif name == t + "table-row":
            state["row"] += state["rows"]
            state["rows"] = count(attrs, "number-rows-repeated")
            state["col"] = 0
        elif name in (t + "table-cell", t + "covered-table-cell"):
            cols, rows = count(attrs, "number-columns-spanned"), count(attrs, "number-rows-spanned")
            if name == t + "table-cell" and (cols > 1 or rows > 1):
                r, c = state["row"], state["col"]
                out.setdefault(table[-1], []).append((r, c, r + rows - 1, c + cols - 1))
            state["col"] += count(attrs, "number-columns-repeated")

    def end(name: str) -> None:
        if name == t + "table":
            state["depth"] -= 1

    parser = expat_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parse_xml(parser, content, "content.xml")
    return out


# The same values-only copy of a sheet, for the proof workbook (`writing.proofs`).
copy_values = _copy_values
