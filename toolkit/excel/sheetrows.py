"""The values of every sheet of a workbook that is not a report (the registry, a plan
form), through the same guards as a report. Both wings use it: the registry reader and the
plan forms' reader."""

from __future__ import annotations

import io

from python_calamine import CalamineWorkbook

from toolkit.excel.guard import Limits, Unreadable, read_member, sheet_extent, sniff
from toolkit.excel.liberrors import library_errors
from toolkit.excel.ooxml import read_package


def read_sheet_rows(
    data: bytes, filename: str, *, limits: Limits | None = None
) -> dict[str, list[list[object]]]:
    """The values of every sheet (hidden ones too) of a workbook that is not a report: the
    registry, a plan form. The file passes the same guards as a report; a sheet whose
    cells spread over more than the limit is refused rather than cut to a window, since a
    list cut short would be read wrong without a word. Raises `Unreadable`."""
    limits = limits or Limits()
    sniffed = sniff(data, filename, limits=limits)
    try:
        if sniffed.zip is not None and sniffed.format in ("xlsx", "xlsm"):
            pkg = read_package(sniffed.zip, limits)
            for sp in pkg.sheets:
                if sp.part and sp.part in sniffed.zip.NameToInfo:
                    rows, cols = sheet_extent(read_member(sniffed.zip, sp.part, limits))
                    if rows * cols > limits.max_sheet_cells:
                        raise Unreadable(
                            "F1.too-large",
                            f"シート「{sp.name}」の入力が{rows:,}行目・{cols:,}列目まで"
                            "広がっています。離れたセルの不要な入力を削除してください",
                        )
        with library_errors():
            book = CalamineWorkbook.from_filelike(io.BytesIO(sniffed.data))
            out: dict[str, list[list[object]]] = {}
            for name in book.sheet_names:
                try:
                    sheet = book.get_sheet_by_name(name)
                except Exception:  # a chart sheet has no cells
                    continue
                out[name] = [list(row) for row in sheet.to_python(skip_empty_area=False)]
        return out
    finally:
        if sniffed.zip is not None:
            sniffed.zip.close()
