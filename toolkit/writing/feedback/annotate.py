"""The annotated copy of an .xlsx / .xlsm: the original as openpyxl reads and writes it,
with the list sheet first, the findings on their cells, and each sheet's original drawing
layer put back after saving."""

from __future__ import annotations

import io
import warnings
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.excel.contract import CONTINUATION_SHEET
from toolkit.text import cell_text
from toolkit.writing.feedback.drawings import graft_drawings, plan_drawings
from toolkit.writing.feedback.list_sheet import (
    FEEDBACK_SHEET,
    drop_old_list,
    make_first_and_active,
    write_list,
)
from toolkit.writing.feedback.marks import mark
from toolkit.writing.feedback.rows import Context
from toolkit.writing.feedback.target import save, sent_contents
from toolkit.writing.textcell import put


def annotated(data: bytes, fmt: str, ctx: Context, key: str) -> bytes:
    """The original workbook with the list sheet first and the findings on their cells."""
    with warnings.catch_warnings():
        # openpyxl warns about each part it drops; the package docstring lists them.
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(
            io.BytesIO(data), keep_vba=fmt == "xlsm", keep_links=True, rich_text=True
        )
    grafts = plan_drawings(data)
    for ws in wb.worksheets:
        if isinstance(ws, Worksheet) and ws.title in grafts:
            # The original drawing goes back in whole after saving; openpyxl's partial
            # rewrite of it (pictures only, no shapes) must not be written too.
            ws._images = []  # type: ignore[attr-defined]  # openpyxl keeps them privately
            ws._charts = []  # type: ignore[attr-defined]
    if _has_form_controls(data):
        ctx.notes.append(
            "元のファイルのチェックボックス等（フォームコントロール）は、この写しでは"
            "表示されない場合があります。"
        )
    for sheet in wb.worksheets:
        if isinstance(sheet, Worksheet):
            _keep_texts_literal(sheet)
    drop_old_list(wb)
    anchors = mark(wb, ctx.rows, {ws.title: ws.title for ws in wb.worksheets})
    _hide_empty_continuation(wb, ctx)
    ws = wb.create_sheet(FEEDBACK_SHEET, 0)
    write_list(ws, ctx, anchors)
    make_first_and_active(wb)
    return graft_drawings(save(wb, key, sent_contents(ctx.result)), grafts)


def _keep_texts_literal(ws: Worksheet) -> None:
    """Text cells written back as they were read. openpyxl decodes `_x005F_x0008_` to
    `_x0008_` when it reads but writes it back unescaped, so Excel would show a control
    character; and a control character itself cannot be written. Each text passes through
    the one text writer again."""
    cells = ws._cells.values()  # only the cells that exist
    for cell in cells:
        value = cell.value
        if isinstance(value, str):
            if value != cell_text(value):
                put(cell, value)
        elif isinstance(value, CellRichText):
            for i, part in enumerate(value):
                if isinstance(part, TextBlock):
                    part.text = cell_text(part.text)
                else:
                    value[i] = cell_text(part)


def _hide_empty_continuation(wb: openpyxl.Workbook, ctx: Context) -> None:
    """Our form's 続紙 with nothing written in it and no finding on it is hidden in the copy:
    printed, it would be a page with nothing on it. The station can show it again."""
    if CONTINUATION_SHEET not in wb.sheetnames:
        return
    ws = wb[CONTINUATION_SHEET]
    if not isinstance(ws, Worksheet) or any(r.sheet == ws.title for r in ctx.rows):
        return
    inputs = [
        ref
        for name in wb.defined_names.values()
        for sheet, ref in name.destinations
        if sheet == ws.title
    ]
    if not inputs:
        return  # not our form's 続紙: its inputs are not known
    for ref in inputs:
        cells = ws[ref]
        flat = cells if isinstance(cells, tuple) else ((cells,),)
        for row in flat:
            for cell in row if isinstance(row, tuple) else (row,):
                if cell.value not in (None, ""):
                    return
    ws.sheet_state = "hidden"
    # Some programs (LibreOffice) print a hidden sheet's print area: it has none now.
    ws.print_area = None
    ctx.notes.append(
        "続紙には記入がないため、この写しでは非表示にしています（書き足すときは、"
        "シート見出しを右クリックして「再表示」を選んでください）。"
    )


def _has_form_controls(data: bytes) -> bool:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return any(name.startswith("xl/ctrlProps/") for name in zf.namelist())
