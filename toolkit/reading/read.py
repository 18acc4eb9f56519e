"""Turn one workbook's bytes into raw reports, one per report sheet.

Our own template is read by its defined names (the fast path); every other layout by its
printed labels. Files are looked at by the guard before any reader sees them, and a sheet
whose cells spread over an absurd area is read through a bounded window instead of handing
it to python-calamine, which would try to allocate the whole grid.

What is drawn on a sheet (text boxes, ellipses round an option, struck words) is laid over
its cells first (`excel.shapes`), so both readers see what a person sees. Sheets that are
not reports (examples, instructions, blank forms, lists, kyogikai's own outputs) are
skipped with their reason (`excel.sheetkind`).
"""

from __future__ import annotations

import functools
import io
import zipfile

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from toolkit.excel.guard import Limits, Unreadable, read_member, sheet_extent, sniff
from toolkit.excel.liberrors import is_panic, library_errors
from toolkit.excel.ooxml import (
    Package,
    SheetPart,
    custom_part,
    custom_properties,
    form_mark,
    merges_in,
    ods_output_mark,
    output_mark,
    pictures_in,
    read_package,
    xls_output_mark,
)
from toolkit.raw import RawReport
from toolkit.reading import printed as P
from toolkit.reading import shapes as S
from toolkit.reading import sheetkind as K
from toolkit.reading.book import Sheets, WorkbookRead, fed_by, is_template
from toolkit.reading.boxes import continue_from, overflows, typed_in
from toolkit.reading.grid import Grid
from toolkit.reading.layouts import LayoutMap
from toolkit.reading.shown import OdsShown, XlsxFormats

META_SHEET = "_meta"
# A window that holds any form people draw; cells outside it are not part of the report.
BOUNDED_ROWS = 400
BOUNDED_COLS = 120

NOT_A_REPORT = "報告書の様式ではないため読み飛ばしました"
HIDDEN = "非表示のシートのため読み飛ばしました"
CHART = "グラフシートのため読み飛ばしました"
CONTINUED = "報告書の続紙ですが、続けている報告書のシートがないため読めませんでした"

RETURNED_KIND = "feedback"


def read_workbook(
    data: bytes,
    filename: str,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    explain: bool = False,
    layouts: tuple[LayoutMap, ...] = (),
    keep_grids: bool = False,
) -> WorkbookRead:
    """Read a workbook from its bytes; sheets in a layout HQ confirmed (`layouts`) are
    read by its map. Raises `Unreadable` when the file cannot be read. With `explain`, the
    result also says what each printed cell of a report sheet was taken for
    (`WorkbookRead.accounted`); with `keep_grids`, it keeps each report sheet's grid."""
    limits = limits or Limits()
    sniffed = sniff(data, filename, password=password, limits=limits)
    out = WorkbookRead(
        sniffed.format, accounted={} if explain else None, grids={} if keep_grids else None
    )
    try:
        if sniffed.format in ("xlsx", "xlsm"):
            return _read_ooxml(sniffed.data, out, limits, sniffed.zip, layouts)
        return _read_other(sniffed.data, out, limits, sniffed.zip, layouts)
    finally:
        if sniffed.zip is not None:
            sniffed.zip.close()


# --- .xlsx / .xlsm ----------------------------------------------------------------------


def _read_ooxml(
    data: bytes,
    out: WorkbookRead,
    limits: Limits,
    zip_of: zipfile.ZipFile | None = None,
    layouts: tuple[LayoutMap, ...] = (),
) -> WorkbookRead:
    if out.format == "xlsm":
        out.notes.append("マクロ付きブックです。マクロは実行せず、値だけを読みました。")
    zf = zip_of or zipfile.ZipFile(io.BytesIO(data))
    custom = custom_part(zf, limits)
    out.output = output_mark(zf, data=custom) or form_mark(zf, data=custom)
    if out.output == RETURNED_KIND:
        out.output, out.returned = None, True
        sent = custom_properties(zf, data=custom).get("report_content", "")
        out.sent = frozenset(h for h in sent.split(",") if h)
    if out.output is not None:
        return out  # written by kyogikai (a summary, a station list, the registry…)
    pkg = read_package(zf, limits)
    if not out.returned:
        out.output = K.kyogikai_workbook([sp.name for sp in pkg.sheets if sp.state == "visible"])
    if out.output is not None:
        return out
    with library_errors():
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    meta = custom_properties(zf, data=custom)
    if not meta and any(s.name == META_SHEET for s in pkg.sheets):
        with library_errors():
            meta = _meta(book, zf, pkg, limits)
    out.template_version = meta.get("template_version")
    continuation = next(
        (sp for sp in pkg.sheets if "discussion_more" in pkg.names.get(sp.name, {})), None
    )
    formats = XlsxFormats(zf, limits)
    text: S.BookText | None = None  # strikes and styles: read when a sheet needs them
    sheets = Sheets(out, names=pkg.names, layouts=layouts)
    for sp in pkg.sheets:
        if sp.name == META_SHEET:
            continue
        if sp is continuation and not is_template(pkg.names.get(sp.name, {})):
            continue  # read with the form it continues
        if sp.state != "visible":
            out.skipped.append((sp.name, HIDDEN))
            continue
        if not sp.part or sp.part not in zf.NameToInfo:
            out.skipped.append((sp.name, CHART))
            continue
        named = K.by_name(sp.name)
        if named is not None:
            out.skipped.append((sp.name, named.reason))
            continue
        xml = read_member(zf, sp.part, limits)
        grid = _sheet_grid(book, data, sp.name, xml, limits, out)
        grid.shown = formats.for_sheet(xml)
        names = pkg.names.get(sp.name, {})
        if not is_template(names):  # our template is read by its names, not as printed
            area = pkg.print_areas.get(sp.name)
            shown = P.Printed(*P.xlsx_hidden(xml), P.parse_area(area) if area else None)
            grid = P.with_printed(grid, shown)
        names = pkg.names.get(sp.name, {})
        drawn = S.xlsx_shapes(zf, sp.name, sp.part, xml, limits)
        struck: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {}
        if not is_template(names):
            # Our template is filled from dropdowns and typed cells: its fast path does not
            # look for struck-out words (every other layout does).
            text = text or S.book_text(zf, limits)
            struck = S.struck_cells(xml, text)
        if drawn.shapes or struck:
            text = text or S.book_text(zf, limits)
            grid = S.overlay(grid, drawn.shapes, struck, drawn.metrics, S.alignment(xml, text))
        if not is_template(names):
            grid = _checkboxes(zf, sp, xml, limits, grid, out)
        out.notes.extend(drawn.notes)
        sheets.xmls.append(xml)
        source = None if is_template(names) else fed_by(xml, sp.name)
        if source is not None:
            sheets.fed[sp.name] = source
        pictures = pictures_in(zf, sp.part, limits) if pkg.has_media else 0
        boxes = None
        if is_template(names):  # our own template: its boxes are known, and its 続紙
            boxes = functools.partial(_boxes, zf, book, data, xml, continuation, pkg, limits)
        sheets.add(grid, names, meta, pictures, boxes)
    sheets.settle()
    has_form = any(
        sp is not continuation and is_template(pkg.names.get(sp.name, {})) for sp in pkg.sheets
    )
    if continuation is not None and not out.reports and not has_form:
        # the form it continues is missing (a skipped form takes its 続紙 with it)
        out.skipped.append((continuation.name, CONTINUED))
    return out


def _checkboxes(
    zf: zipfile.ZipFile, sp: SheetPart, xml: bytes, limits: Limits, grid: Grid, out: WorkbookRead
) -> Grid:
    """The options ticked by the sheet's checkboxes (form controls), marked in their cells."""
    try:
        boxes = S.xlsx_checkboxes(zf, sp.part, xml, limits)
    except (Unreadable, KeyError, ValueError):
        out.notes.append(
            f"シート「{sp.name}」のチェックボックスの情報が壊れているため読めませんでした。"
        )
        return grid
    return S.tick(grid, boxes) if boxes else grid


def _boxes(
    zf: zipfile.ZipFile,
    book: CalamineWorkbook,
    data: bytes,
    xml: bytes,
    continuation: SheetPart | None,
    pkg: Package,
    limits: Limits,
    grid: Grid,
    raw: RawReport,
) -> None:
    """Our template's form: what its boxes would cut on paper, and its 続紙 read on."""
    raw.overflows = overflows(grid, pkg.names.get(grid.sheet, {}), xml)
    if continuation is None or continuation.part not in zf.NameToInfo:
        return
    more = pkg.names[continuation.name]
    more_xml = read_member(zf, continuation.part, limits)
    if not typed_in(more_xml, more):
        return  # nothing written on the 続紙
    rows_n, cols_n = sheet_extent(more_xml)
    if rows_n * cols_n > limits.max_sheet_cells:
        return
    with library_errors():
        more_grid = _calamine_grid_or_window(book, data, continuation.name, more_xml)
    continue_from(raw, more_grid, more)
    raw.overflows += overflows(more_grid, more, more_xml)


def _sheet_grid(
    book: CalamineWorkbook, data: bytes, name: str, xml: bytes, limits: Limits, out: WorkbookRead
) -> Grid:
    """A worksheet's cells; through a bounded window when they spread absurdly far."""
    rows, cols = sheet_extent(xml)
    with library_errors():
        if rows * cols > limits.max_sheet_cells:
            grid = _bounded_grid(data, name, xml)
        else:
            grid = _calamine_grid_or_window(book, data, name, xml)
    if rows * cols > limits.max_sheet_cells:
        out.notes.append(
            f"シート「{name}」は遠く離れたセル（{rows}行目・{cols}列目）に入力があるため、"
            f"先頭の{BOUNDED_ROWS}行・{BOUNDED_COLS}列だけを読みました。"
        )
    return grid


def _calamine_grid(book: CalamineWorkbook, name: str) -> Grid:
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
    return Grid(name, rows, merges)


def _calamine_grid_or_window(book: CalamineWorkbook, data: bytes, name: str, xml: bytes) -> Grid:
    """The sheet from calamine; when calamine panics on a value, its top-left window from
    openpyxl, which reads a value it cannot convert as an error value instead."""
    try:
        return _calamine_grid(book, name)
    except BaseException as exc:
        if not is_panic(exc):
            raise
    return _bounded_grid(data, name, xml)


def _bounded_grid(data: bytes, name: str, xml: bytes) -> Grid:
    """Read only the top-left window of a sheet whose cells spread absurdly far."""
    import openpyxl  # only for this rare case; it streams rows and stops at the bound

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb[name]
        rows = [
            list(r)
            for r in ws.iter_rows(
                min_row=1, max_row=BOUNDED_ROWS, max_col=BOUNDED_COLS, values_only=True
            )
        ]
    finally:
        wb.close()
    merges = [m for m in merges_in(xml) if m[0] < BOUNDED_ROWS and m[1] < BOUNDED_COLS]
    return Grid(name, [["" if v is None else v for v in r] for r in rows], merges)


def _meta(
    book: CalamineWorkbook, zf: zipfile.ZipFile, pkg: Package, limits: Limits
) -> dict[str, str]:
    """Template version and 協議会ID from the hidden `_meta` sheet (when the custom
    properties were lost), measured first like every sheet handed to calamine."""
    part = pkg.part_of(META_SHEET)
    try:
        if not part:
            return {}
        rows_n, cols_n = sheet_extent(read_member(zf, part, limits))
        if rows_n * cols_n > limits.max_sheet_cells:
            return {}
        rows = book.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False)
    except (KeyError, Unreadable):
        return {}
    out: dict[str, str] = {}
    for row in rows[:20]:
        if len(row) >= 2 and isinstance(row[0], str) and row[1] not in ("", None):
            out[row[0].strip()] = str(row[1]).strip()
    return out


# --- .xls / .ods ------------------------------------------------------------------------


def _read_other(
    data: bytes,
    out: WorkbookRead,
    limits: Limits,
    zip_of: zipfile.ZipFile | None = None,
    layouts: tuple[LayoutMap, ...] = (),
) -> WorkbookRead:
    fmt = out.format
    out.output = ods_output_mark(zip_of, limits) if zip_of is not None else xls_output_mark(data)
    if out.output is not None:
        return out
    with library_errors():
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = book.sheets_metadata
    out.output = K.kyogikai_workbook(
        [md.name for md in sheets if md.visible == SheetVisibleEnum.Visible]
    )
    if out.output is not None:
        return out
    drawn = _other_shapes(data, fmt, limits, zip_of)
    shown = OdsShown(data, Limits()) if fmt == "ods" else None
    hidden = _other_printed(data, fmt, limits, zip_of)
    read = Sheets(out, layouts=layouts)
    for md in sheets:
        if md.name == META_SHEET:
            continue
        if md.visible != SheetVisibleEnum.Visible:
            out.skipped.append((md.name, HIDDEN))
            continue
        named = K.by_name(md.name)
        if named is not None:
            out.skipped.append((md.name, named.reason))
            continue
        with library_errors():  # a panic: the file cannot be read
            try:
                grid = _calamine_grid(book, md.name)
            except Exception:
                out.skipped.append((md.name, CHART))
                continue
        grid.shown = shown.for_sheet(md.name) if shown is not None else None
        grid = P.with_printed(grid, hidden.get(md.name, P.NOTHING_HIDDEN))
        found = drawn.get(md.name)
        if found is not None and (found.shapes or found.struck):
            if found.merges and not grid.merges:
                grid = Grid(
                    grid.sheet,
                    grid.rows,
                    found.merges,
                    shown=grid.shown,
                    hidden_rows=grid.hidden_rows,
                    hidden_cols=grid.hidden_cols,
                    print_area=grid.print_area,
                )
            grid = S.overlay(grid, found.shapes, found.struck, found.metrics, found.aligned)
        if found is not None:
            out.notes.extend(found.notes)
        read.add(grid, {}, {}, 0)
    read.settle()
    return out


def _other_printed(
    data: bytes, fmt: str, limits: Limits, zip_of: zipfile.ZipFile | None
) -> dict[str, P.Printed]:
    """Hidden rows and columns and print areas of an .xls (its records) or an .ods (its
    content.xml), by sheet name."""
    if fmt == "xls":
        return P.xls_printed(data)
    if zip_of is None:
        return {}
    try:
        return P.ods_printed(read_member(zip_of, "content.xml", limits))
    except KeyError:
        return {}


def _other_shapes(
    data: bytes, fmt: str, limits: Limits, zip_of: zipfile.ZipFile | None
) -> dict[str, S.Drawn]:
    """Shapes and struck cells of an .ods (its content.xml) or an .xls (its drawing
    records), by sheet name."""
    if fmt == "xls":
        return S.xls_shapes(data)
    if zip_of is None:
        return {}
    try:
        content = read_member(zip_of, "content.xml", limits)
    except KeyError:
        return {}
    return S.ods_shapes(content) if S.needs_parse(content) else {}
