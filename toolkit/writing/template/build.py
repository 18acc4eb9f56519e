"""The template built, serialised with pinned dates, and written."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from toolkit.excel.contract import (
    CONTINUATION_SHEET,
    PINNED_DATETIME,
    TEMPLATE_SHEET,
    TITLE,
)
from toolkit.fileio import write_atomic
from toolkit.writing.template.finish import (
    add_meta_sheet,
    add_validations,
    protect,
    set_up_printing,
    use_normal_font,
)
from toolkit.writing.template.form import COLUMN_MM, COLUMNS, Form, column_width
from toolkit.writing.template.sections import body, continuation, header, manager_line
from toolkit.writing.textcell import put


@dataclass(frozen=True)
class Prefill:
    """What HQ knows about a council before the meeting; every field is optional."""

    council_id: str | None = None
    affiliation: str | None = None
    facility_name: str | None = None
    council_name: str | None = None
    manager: str | None = None  # 運営責任者 (Art. 3(6)), printed above the title


def build_template(prefill: Prefill | None = None) -> openpyxl.Workbook:
    """Build the 開催結果報告書 workbook, optionally with what HQ knows of the council."""
    prefill = prefill or Prefill()
    wb = openpyxl.Workbook()
    use_normal_font(wb)
    ws = wb.active
    assert ws is not None
    ws.title = TEMPLATE_SHEET
    for c in range(1, COLUMNS + 1):
        ws.column_dimensions[get_column_letter(c)].width = column_width(COLUMN_MM)

    form = Form(ws)
    last_row = body(form, header(form))
    if prefill.manager:
        manager_line(form, prefill.manager)
    form.finish()

    known = {
        "affiliation": prefill.affiliation,
        "facility_name": prefill.facility_name,
        "council_name": prefill.council_name,
    }
    for key, value in known.items():
        if value:
            put(ws[form.names[key].ref], value)

    _name_and_protect(wb, ws, form, last_row)
    _continuation_sheet(wb)
    ws.sheet_view.zoomScale = 100
    first_input = form.names["affiliation"].ref
    ws.sheet_view.selection[0].activeCell = first_input
    ws.sheet_view.selection[0].sqref = first_input

    add_meta_sheet(wb, prefill.council_id)
    wb.properties.creator = "kyogikai"
    wb.properties.title = TITLE
    wb.properties.created = PINNED_DATETIME
    wb.properties.modified = PINNED_DATETIME
    return wb


def _continuation_sheet(wb: openpyxl.Workbook) -> None:
    """The 続紙 after the form: its boxes are named like the form's and continue them."""
    ws = wb.create_sheet(CONTINUATION_SHEET)
    for c in range(1, COLUMNS + 1):
        ws.column_dimensions[get_column_letter(c)].width = column_width(COLUMN_MM)
    form = Form(ws)
    last_row = continuation(form)
    form.finish()
    _name_and_protect(wb, ws, form, last_row)


def _name_and_protect(wb: openpyxl.Workbook, ws: Worksheet, form: Form, last_row: int) -> None:
    """A sheet of the form finished: its boxes named in the workbook (the reader finds them
    by these names), input rules, print setup, protection, no gridlines."""
    sheet = quote_sheetname(ws.title)
    for key, field in form.names.items():
        wb.defined_names[key] = DefinedName(key, attr_text=f"{sheet}!{field.anchor}")
    add_validations(ws, form.names, form.limits())
    set_up_printing(ws, last_row)
    protect(ws)
    ws.sheet_view.showGridLines = False


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    """Serialise `wb` keeping its pinned dates and giving every zip member one timestamp.

    `openpyxl.Workbook.save` stamps the current time into the core properties; writing
    through `ExcelWriter` does not, so equal workbooks give equal bytes.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    stamp = PINNED_DATETIME.timetuple()[:6]
    with (
        zipfile.ZipFile(raw) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, src.read(info))
    return out.getvalue()


def template_bytes(prefill: Prefill | None = None) -> bytes:
    """The template as the bytes of an .xlsx file."""
    return workbook_bytes(build_template(prefill))


def write_template(path: Path, prefill: Prefill | None = None) -> None:
    """Write the template to `path` atomically, creating its folder."""
    write_atomic(path, template_bytes(prefill))
