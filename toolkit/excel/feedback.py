"""Feedback copies: a station's workbook sent back with every finding marked on its cell.

`write_feedback` writes, for a file with findings, one workbook into the feedback folder:

- an .xlsx / .xlsm that openpyxl can open: a copy of it, with a first sheet 確認事項 that
  lists the findings (each cell reference a link into the cell), and every cell named by a
  finding filled soft red (誤り) or amber (警告) and carrying a comment with the message;
- an .xls / .ods (openpyxl cannot write them): a new `<stem>_確認事項.xlsx` holding the list
  and a values-only copy of each report sheet, marked the same way;
- a file that could not be read: a new `<stem>_確認事項.xlsx` holding only the list, which
  says why, so that the station still gets an answer. So does a readable file that changed
  since it was checked (its cells may no longer match) or whose sheets are too large for
  openpyxl; an .xlsx that openpyxl fails on gets the values-only copy.

Naming: the copy goes to `out_dir/<name of the original's folder>/<file name>` (the station
folder in the usual `reports/<station>/<box>.xlsx` layout, so HQ can send each folder back
as it is). Every file written carries a custom document property recording which original
it came from; a later copy of a different original with the same folder and file name gets
`_2`, `_3`, … before its extension, and a copy of the same original replaces the earlier
one. A file at the target that this module did not write is never replaced, and a target
that is the original itself is refused (`FeedbackError`). The original is only read; the
copy is written to a temporary file in the target folder and moved into place.

What survives in the annotated copy: values, formulas, cell formats, merged cells (openpyxl
rebuilds the borders of a merged box from its corner cells), data validations, conditional
formats, defined names, print settings, sheet protection, hyperlinks, existing comments
(their text; openpyxl resets their box size and position), and, verbatim, everything on
each sheet's drawing layer — pasted photos (same bytes, same anchor, cropping and rotation
included), shapes, text boxes, ○ marks, charts — which is copied part for part from the
original after openpyxl has saved. Macros of an .xlsm are
kept (never run). What does not: form controls (check boxes, buttons), Excel 2010+
extensions such as data validations whose list lies on another sheet, sparklines, slicers,
threaded comments (their plain-comment text stays), and pictures in headers and footers.
The list sheet says so when the original had form controls. That is one reason the officer
is asked to correct the original and resubmit it, not this copy.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import posixpath
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

import openpyxl
from defusedxml.ElementTree import fromstring
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from toolkit.era import wareki
from toolkit.excel.safety import Unreadable, sniff
from toolkit.fileio import write_atomic
from toolkit.findings import Finding, Severity
from toolkit.labels import printed
from toolkit.model import Report

FEEDBACK_SHEET = "確認事項"
AUTHOR = "地域指導係"
NEW_BOOK_SUFFIX = "_確認事項.xlsx"
SEVERITY_JA = {Severity.ERROR: "誤り", Severity.WARNING: "警告"}
ERROR_COLOR = "FFFFC7CE"  # Excel's light red of the "Bad" cell style
WARNING_COLOR = "FFFFEB9C"  # Excel's light amber of the "Neutral" cell style
HEADERS = ("番号", "重大度", "シート", "セル", "項目", "内容")
# Widths of the list's columns, in character units of the workbook's default font.
WIDTHS = (5.5, 7.5, 11.0, 7.5, 17.0, 52.0)
TITLE_PREFIX = "確認事項　"
SOURCE_PROPERTY = "kyogikai_feedback_source"
MAX_NUMBERED = 99
MAX_SHEET_BYTES = 48 * 2**20  # worksheet XML beyond which no copy is made, only the list

_FORMATS_OPENPYXL_WRITES = {"xlsx": ".xlsx", "xlsm": ".xlsm"}


class FeedbackError(Exception):
    """The copy cannot be written where asked: it would replace the original or a file
    that is not a feedback copy."""


class CheckedReport(Protocol):
    """What is used of one checked report (`toolkit.check.Checked` has it)."""

    @property
    def sheet(self) -> str | None: ...

    @property
    def report(self) -> Report | None: ...

    @property
    def findings(self) -> Sequence[Finding]: ...


class CheckedFile(Protocol):
    """What is used of one checked file (`toolkit.check.FileResult` has it)."""

    @property
    def path(self) -> str: ...

    @property
    def sha256(self) -> str | None: ...

    @property
    def reports(self) -> Sequence[CheckedReport]: ...

    @property
    def skipped(self) -> Sequence[tuple[str, str]]: ...

    @property
    def notes(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class _Row:
    """One line of the 確認事項 list."""

    number: int
    severity: Severity
    sheet: str | None
    cell: str | None  # A1 inside `sheet`, or None for a finding about the report or file
    field: str | None
    message: str


@dataclass
class _Book:
    """The workbook to send back, before it is written."""

    data: bytes
    name: str  # file name in the target folder


@dataclass
class _Context:
    """What the list sheet says about the file besides the findings."""

    result: CheckedFile
    rows: list[_Row]
    notes: list[str] = field(default_factory=list)
    kind: str = "annotated"  # "annotated" | "values" | "list"


# --- the public function ----------------------------------------------------------------


def write_feedback(
    result: CheckedFile, out_dir: Path, *, password: str | None = None
) -> Path | None:
    """Write the feedback workbook of one checked file; return its path, or None when the
    file had no findings.

    `result` is a `toolkit.check.FileResult`. The original is read, never written; an
    encrypted original is opened with `password` and the copy is written unencrypted.
    Raises `FeedbackError` when the target would be the original or a file this module
    did not write, and `OSError` when the folder cannot be written.
    """
    rows = _rows(result)
    if not rows:
        return None
    source = Path(result.path)
    key = _source_key(source)
    book = _build(_Context(result, rows), password, key)
    target = _target(Path(out_dir), source, book.name, key)
    write_atomic(target, book.data, durable=True)
    return target


# --- findings → rows --------------------------------------------------------------------


def _rows(result: CheckedFile) -> list[_Row]:
    rows: list[_Row] = []
    for checked in result.reports:
        for f in checked.findings:
            sheet, cell = (f.cell.sheet, f.cell.a1) if f.cell else (checked.sheet, None)
            rows.append(
                _Row(len(rows) + 1, f.severity, sheet or checked.sheet, cell, f.field, f.message)
            )
    return rows


# --- building the workbook --------------------------------------------------------------


def _build(ctx: _Context, password: str | None, key: str) -> _Book:
    stem = Path(ctx.result.path).stem
    opened = _open_original(ctx, password)
    if opened is not None:
        book = _copy(ctx, *opened, key, stem)
        if book is not None:
            return book
    ctx.kind = "list"
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = FEEDBACK_SHEET
    _write_list(ws, ctx, {})
    return _Book(_save(wb, key), stem + NEW_BOOK_SUFFIX)


def _copy(ctx: _Context, fmt: str, data: bytes, key: str, stem: str) -> _Book | None:
    """The annotated copy; the values-only copy when openpyxl cannot write the format or
    read the file; None, with the reason noted, when neither can be made."""
    if fmt in _FORMATS_OPENPYXL_WRITES:
        if _sheet_bytes(data) > MAX_SHEET_BYTES:
            # openpyxl holds every cell as an object: a sheet this large would take minutes
            # and gigabytes, where a report form is a few kilobytes.
            ctx.notes.append(
                "元のブックが大きすぎるため、セルに印を付けず、一覧だけを作成しました。"
            )
            return None
        try:
            return _Book(_annotated(data, fmt, ctx, key), stem + _FORMATS_OPENPYXL_WRITES[fmt])
        except Exception:  # openpyxl fails on some files that calamine reads
            ctx.notes.append(
                "元のブックをそのまま写すことができなかったため、報告書のシートの値だけを"
                "写しました（書式・画像は写していません）。"
            )
    else:
        ctx.notes.append(
            f"元のファイルは .{fmt} 形式のため、直接色やコメントを付けられません。"
            "報告書のシートの値だけを写した確認用のブックです（書式・画像は写していません）。"
        )
    try:
        return _Book(_values_copy(data, fmt, ctx, key), stem + NEW_BOOK_SUFFIX)
    except Exception:  # a sheet calamine read at check time but not now
        ctx.notes.append("報告書のシートを写すことができませんでした。")
        return None


def _open_original(ctx: _Context, password: str | None) -> tuple[str, bytes] | None:
    """(format, plain bytes) of an original worth copying, or None with the reason noted."""
    if not any(c.report is not None for c in ctx.result.reports):
        return None  # unreadable: the findings say why
    path = Path(ctx.result.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        ctx.notes.append(
            f"元のファイルを開けなかったため（{exc.strerror or exc}）、一覧だけを作成しました。"
        )
        return None
    if ctx.result.sha256 and hashlib.sha256(data).hexdigest() != ctx.result.sha256:
        ctx.notes.append(
            "点検の後で元のファイルが変更されたため、セルに印を付けず、一覧だけを作成しました。"
        )
        return None
    try:
        sniffed = sniff(data, path.name, password=password)
    except Unreadable:
        ctx.notes.append("元のファイルを開けなかったため、一覧だけを作成しました。")
        return None
    if sniffed.decrypted:
        ctx.notes.append(
            "元のファイルはパスワードで保護されていますが、この写しはパスワードなしで"
            "作成しています。取扱いに注意してください。"
        )
    return sniffed.format, sniffed.data


def _annotated(data: bytes, fmt: str, ctx: _Context, key: str) -> bytes:
    """The original workbook with the list sheet first and the findings on their cells."""
    with warnings.catch_warnings():
        # openpyxl warns about each part it drops; the module docstring lists them.
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
    _drop_old_list(wb)
    anchors = _mark(wb, ctx.rows, {ws.title: ws.title for ws in wb.worksheets})
    ws = wb.create_sheet(FEEDBACK_SHEET, 0)
    _write_list(ws, ctx, anchors)
    _make_first_and_active(wb)
    return graft_drawings(_save(wb, key), grafts)


def _values_copy(data: bytes, fmt: str, ctx: _Context, key: str) -> bytes:
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
    anchors = _mark(wb, ctx.rows, titles)
    _write_list(first, ctx, anchors)
    _make_first_and_active(wb)
    return _save(wb, key)


def _sheet_bytes(data: bytes) -> int:
    """Uncompressed size of the worksheet parts of a package (the safety layer has checked
    that the sizes the zip declares are honest)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))


def _save(wb: Workbook, key: str) -> bytes:
    props = wb.custom_doc_props  # type: ignore[attr-defined]  # openpyxl ≥ 3.1, not in stubs
    if SOURCE_PROPERTY in props.names:
        del props[SOURCE_PROPERTY]
    props.append(StringProperty(name=SOURCE_PROPERTY, value=key))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _drop_old_list(wb: Workbook) -> None:
    """Remove the 確認事項 sheet of an earlier round, if the station sent that copy back."""
    if FEEDBACK_SHEET not in wb.sheetnames:
        return
    old = wb[FEEDBACK_SHEET]
    if isinstance(old, Worksheet) and str(old["A1"].value or "").startswith(TITLE_PREFIX):
        wb.remove(old)


def _make_first_and_active(wb: Workbook) -> None:
    """Open on the list: first tab, active, and the only one selected (two selected tabs
    would group the sheets, and an edit would then go to both)."""
    wb.active = 0
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == 0
    for view in wb.views:
        view.firstSheet = 0
        view.activeTab = 0


# --- marking cells ----------------------------------------------------------------------


def _mark(
    wb: Workbook, rows: list[_Row], titles: dict[str, str]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Fill and comment every cell a finding names. Returns (sheet, A1) of each finding's
    cell → (sheet title in `wb`, top-left cell of its merged area) for the links."""
    groups: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        if row.sheet is not None and row.cell is not None and row.sheet in titles:
            groups.setdefault((row.sheet, row.cell), []).append(row)
    anchors: dict[tuple[str, str], tuple[str, str]] = {}
    for (sheet, coord), found in groups.items():
        ws = wb[titles[sheet]]
        if not isinstance(ws, Worksheet):
            continue
        anchor = _merged_anchor(ws, coord)
        cell = ws[anchor]
        error = any(r.severity is Severity.ERROR for r in found)
        color = ERROR_COLOR if error else WARNING_COLOR
        # Only the fill changes: borders, font, number format and alignment stay.
        cell.fill = PatternFill(fill_type="solid", fgColor=color, bgColor=color)
        cell.comment = _comment(found, cell.comment)
        anchors[(sheet, coord)] = (ws.title, anchor)
    return anchors


def _merged_anchor(ws: Worksheet, coord: str) -> str:
    for area in ws.merged_cells.ranges:
        if coord in area:
            return f"{get_column_letter(area.min_col)}{area.min_row}"
    return coord


def _comment(found: list[_Row], old: Comment | None) -> Comment:
    lines = [f"{AUTHOR}:"]
    lines += [f"【{SEVERITY_JA[r.severity]}】{r.message}" for r in found]
    if old is not None and old.author != AUTHOR and old.text:
        lines += ["――――――", f"（元のコメント{'・' + old.author if old.author else ''}）", old.text]
    text = "\n".join(lines)
    # Wide enough for about 24 full-width characters a line of Excel's 9 pt comment font.
    width = 330
    height = min(600, 16 * _lines(text, 46) + 14)
    return Comment(text, AUTHOR, height=height, width=width)


# --- the list sheet ---------------------------------------------------------------------

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


def _write_list(
    ws: Worksheet, ctx: _Context, anchors: dict[tuple[str, str], tuple[str, str]]
) -> None:
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    span = int(sum(WIDTHS) * 0.95)  # characters of a line across the whole table
    r = 1
    r = _banner(ws, r, TITLE_PREFIX + Path(ctx.result.path).name, _TITLE, span, 20.0)
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
        cell = ws.cell(header, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEADER_FILL, _GRID, _CENTER
    for row in ctx.rows:
        r += 1
        _finding_row(ws, r, row, anchors.get((row.sheet or "", row.cell or "")))
    extra = [f"シート「{s}」: {why}" for s, why in ctx.result.skipped] + list(ctx.result.notes)
    if extra:
        r += 2
        r = _banner(ws, r, "参考", _BOLD, span)
        for line in extra:
            r = _banner(ws, r, line, _FONT, span)
    ws.freeze_panes = f"A{header + 1}"
    _print_setup(ws, header)


def _banner(ws: Worksheet, r: int, text: str, font: Font, span: int, height: float = 0) -> int:
    """A line of text across the table's width; returns the next row."""
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADERS))
    cell = ws.cell(r, 1, text)
    cell.font = font
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[r].height = max(height, _LINE_PT * _lines(text, span) + 4)
    return r + 1


def _finding_row(ws: Worksheet, r: int, row: _Row, anchor: tuple[str, str] | None) -> None:
    label = printed(row.field) if row.field else "（ファイル全体）" if row.sheet is None else "―"
    values: tuple[int | str, ...] = (
        row.number,
        SEVERITY_JA[row.severity],
        row.sheet or "―",
        row.cell or "―",
        label,
        row.message,
    )
    for col, value in enumerate(values, 1):
        cell = ws.cell(r, col, value)
        cell.font, cell.border = _FONT, _GRID
        cell.alignment = _WRAP if col in (3, 5, 6) and value != "―" else _CENTER
    color = ERROR_COLOR if row.severity is Severity.ERROR else WARNING_COLOR
    ws.cell(r, 2).fill = PatternFill(fill_type="solid", fgColor=color, bgColor=color)
    if anchor is not None:
        title, coord = anchor
        link = ws.cell(r, 4)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{_quoted(title)}!{coord}")
        link.font = _LINK
    need = max(
        _lines(str(values[2]), int(WIDTHS[2] - 1)),
        _lines(label, int(WIDTHS[4] - 1)),
        _lines(row.message, int(WIDTHS[5] - 2)),
    )
    ws.row_dimensions[r].height = _LINE_PT * need + 4


def _report_lines(result: CheckedFile) -> list[str]:
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
        out.append(f"シート「{checked.sheet}」: " + "　".join(parts))
    return out


def _hm(t: time) -> str:
    return f"{t.hour}:{t.minute:02d}"


def _instruction(ctx: _Context) -> list[str]:
    lines = [
        "■ 赤色は誤り（必ず修正してください）、黄色は警告（内容を確認し、必要なら修正して"
        "ください）です。"
    ]
    if ctx.kind != "list":
        lines.append(
            "■ 指摘のあるセルに色を付け、内容をコメント（セルにマウスを合わせると表示）と"
            "下の表に示しています。表の「セル」をクリックすると、そのセルへ移動します。"
        )
        lines.append("■ この写しは確認用です。元の報告書ファイルを修正して再提出してください。")
    else:
        lines.append("■ 下の表の指摘を確認し、元のファイルを修正して再提出してください。")
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


def _lines(text: str, per_line: int) -> int:
    """Lines `text` takes when wrapped at `per_line` half-width characters."""
    per_line = max(per_line, 2)
    return sum(max(1, math.ceil(_width(part) / per_line)) for part in text.split("\n"))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


# --- values-only copies (.xls, .ods) ----------------------------------------------------

_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")


def _free_title(wb: Workbook, name: str) -> str:
    """A sheet title Excel accepts (31 characters, no []:*?/\\) not yet used in `wb`."""
    base = _BAD_TITLE.sub("_", name).strip("'")[:31] or "Sheet"
    title, n = base, 1
    while title in wb.sheetnames:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 2]}({n})"
    return title


def _copy_values(
    ws: Worksheet, grid: Sequence[Sequence[object]], merges: list[tuple[int, int, int, int]]
) -> None:
    for r, values in enumerate(grid, 1):
        for c, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            cell = ws.cell(r, c)
            if isinstance(value, timedelta):
                value = str(value)
            cell.value = value  # type: ignore[assignment]
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


def _fit_columns(
    ws: Worksheet, grid: Sequence[Sequence[object]], merges: list[tuple[int, int, int, int]]
) -> None:
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
            need = min(40.0, _width(_shown(value)) + 1.5)
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
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = round(width, 2)


_ODS_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_merges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged areas of each table of an .ods, 0-based (r0, c0, r1, c1)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = zf.read("content.xml")
    t = _ODS_TABLE_NS + " "
    out: dict[str, list[tuple[int, int, int, int]]] = {}
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

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(content, True)
    return out


def _refuse_dtd(*_: object) -> None:
    raise ValueError("DTD in content.xml")


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y/%m/%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    return str(value)


# --- the drawing layer, copied verbatim -------------------------------------------------

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DRAWING_REL = _DOC_REL_NS + "/drawing"
_DRAWING_ID = "kyogikaiDrawing"
_GRAFT_PREFIX = "orig"
# Elements that follow <drawing> in a worksheet (CT_Worksheet order).
_AFTER_DRAWING = re.compile(
    r"<(?:legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|"
    r"webPublishItems|tableParts|extLst)\b|</worksheet>"
)


@dataclass(frozen=True)
class _Rel:
    id: str
    type: str
    target: str  # part name without leading "/" when internal, else as written
    external: bool


@dataclass
class Graft:
    """A sheet's drawing part and every part it reaches, renamed to be added to a copy."""

    drawing: str
    parts: dict[str, bytes]
    overrides: dict[str, str]
    defaults: dict[str, str]


def plan_drawings(data: bytes) -> dict[str, Graft]:
    """For each sheet of an .xlsx/.xlsm package that has a drawing: the drawing and all
    that it reaches (pictures, charts, their parts), renamed with a prefix, keyed by sheet
    title. A sheet whose drawing cannot be followed is left out (openpyxl's own rewrite of
    its pictures is then what the copy gets)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    defaults, overrides = _content_types(zf)
    out: dict[str, Graft] = {}
    for n, (title, part) in enumerate(sheet_parts(zf).items(), 1):
        drawing = next(
            (r.target for r in _rels_of(zf, part) if r.type == _DRAWING_REL and not r.external),
            None,
        )
        if drawing is None or drawing not in zf.NameToInfo:
            continue
        try:
            out[title] = _graft(zf, drawing, f"{_GRAFT_PREFIX}{n}_", defaults, overrides)
        except (KeyError, ValueError):
            continue
    return out


def _graft(
    zf: zipfile.ZipFile,
    drawing: str,
    prefix: str,
    defaults: dict[str, str],
    overrides: dict[str, str],
) -> Graft:
    reach = [drawing]
    rels: dict[str, list[_Rel]] = {}
    i = 0
    while i < len(reach):
        part = reach[i]
        i += 1
        rels[part] = _rels_of(zf, part)
        for rel in rels[part]:
            if not rel.external and rel.target in zf.NameToInfo and rel.target not in reach:
                reach.append(rel.target)
    renamed = {
        p: posixpath.join(posixpath.dirname(p), prefix + posixpath.basename(p)) for p in reach
    }
    graft = Graft(renamed[drawing], {}, {}, {})
    for part in reach:
        new = renamed[part]
        graft.parts[new] = zf.read(part)
        if part in overrides:
            graft.overrides[new] = overrides[part]
        else:
            ext = posixpath.splitext(part)[1].lstrip(".").lower()
            if ext not in defaults:
                raise ValueError(f"no content type for {part}")
            graft.defaults[ext] = defaults[ext]
        if rels[part]:
            graft.parts[_rels_path(new)] = _rels_xml(rels[part], renamed)
    return graft


def graft_drawings(package: bytes, grafts: dict[str, Graft]) -> bytes:
    """Put each sheet's original drawing into a package openpyxl wrote (which has no
    drawing on those sheets), matching sheets by title."""
    if not grafts:
        return package
    zin = zipfile.ZipFile(io.BytesIO(package))
    members = {info.filename: zin.read(info) for info in zin.infolist()}
    parts = sheet_parts(zin)
    defaults, _ = _content_types(zin)
    types = members["[Content_Types].xml"].decode("utf-8")
    added: list[str] = []
    for title, graft in grafts.items():
        part = parts.get(title)
        if part is None or graft.drawing in members:
            continue
        xml = members[part].decode("utf-8")
        if re.search(r"<(?:\w+:)?drawing\b", xml):
            continue  # openpyxl drew this sheet itself; never two drawings on one sheet
        tag = f'<drawing xmlns:r="{_DOC_REL_NS}" r:id="{_DRAWING_ID}"/>'
        start = xml.find("</sheetData>")
        at = _AFTER_DRAWING.search(xml, start if start >= 0 else max(xml.find("<sheetData"), 0))
        if at is None:
            continue
        members[part] = (xml[: at.start()] + tag + xml[at.start() :]).encode()
        rels_path = _rels_path(part)
        rel = (
            f'<Relationship Id="{_DRAWING_ID}" Type="{_DRAWING_REL}" '
            f'Target="/{escape(graft.drawing)}"/>'
        )
        if rels_path in members:
            rels = members[rels_path].decode("utf-8")
            members[rels_path] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
        else:
            members[rels_path] = _rels_document(rel)
        for name, data in graft.parts.items():
            if name in members:
                raise ValueError(f"duplicate part {name}")
            members[name] = data
            added.append(name)
        for name, ctype in graft.overrides.items():
            types = types.replace(
                "</Types>",
                f'<Override PartName="/{escape(name)}" ContentType="{escape(ctype)}"/></Types>',
            )
        for ext, ctype in graft.defaults.items():
            if ext not in defaults:
                defaults[ext] = ctype
                types = types.replace(
                    "</Types>",
                    f'<Default Extension="{escape(ext)}" ContentType="{escape(ctype)}"/></Types>',
                )
    members["[Content_Types].xml"] = types.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr("[Content_Types].xml", members.pop("[Content_Types].xml"))
        for name, data in members.items():
            zout.writestr(name, data)
    return out.getvalue()


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → worksheet part name, in workbook order."""
    workbook = _main_part(zf)
    root = fromstring(zf.read(workbook))
    targets = {r.id: r.target for r in _rels_of(zf, workbook) if not r.external}
    out: dict[str, str] = {}
    for el in root.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(el.get(f"{{{_DOC_REL_NS}}}id", ""))
        if target and target in zf.NameToInfo:
            out[el.get("name", "")] = target
    return out


def _main_part(zf: zipfile.ZipFile) -> str:
    for rel in _rels_of(zf, ""):
        if rel.type.endswith("/officeDocument") and not rel.external:
            return rel.target
    return "xl/workbook.xml"


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _rels_of(zf: zipfile.ZipFile, part: str) -> list[_Rel]:
    path = _rels_path(part) if part else "_rels/.rels"
    if path not in zf.NameToInfo:
        return []
    base = posixpath.dirname(part)
    out = []
    for el in fromstring(zf.read(path)).iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = el.get("Target", "")
        external = el.get("TargetMode") == "External"
        if not external:
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(base, target))
        out.append(_Rel(el.get("Id", ""), el.get("Type", ""), target, external))
    return out


def _rels_xml(rels: list[_Rel], renamed: dict[str, str]) -> bytes:
    items = []
    for rel in rels:
        if rel.external:
            target, mode = rel.target, ' TargetMode="External"'
        else:
            target, mode = "/" + renamed.get(rel.target, rel.target), ""
        items.append(
            f"<Relationship Id={quoteattr(rel.id)} Type={quoteattr(rel.type)} "
            f"Target={quoteattr(target)}{mode}/>"
        )
    return _rels_document("".join(items))


def _rels_document(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_REL_NS}">{body}</Relationships>'
    ).encode()


def _content_types(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    root = fromstring(zf.read("[Content_Types].xml"))
    defaults = {
        el.get("Extension", "").lower(): el.get("ContentType", "")
        for el in root.iter(f"{{{_CT_NS}}}Default")
    }
    overrides = {
        el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
        for el in root.iter(f"{{{_CT_NS}}}Override")
    }
    return defaults, overrides


def _has_form_controls(data: bytes) -> bool:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return any(name.startswith("xl/ctrlProps/") for name in zf.namelist())


# --- where the copy goes ----------------------------------------------------------------


def _source_key(source: Path) -> str:
    """Which original a copy came from, without writing its path into the copy."""
    return hashlib.sha256(os.fsencode(source.absolute())).hexdigest()[:16]


def _target(out_dir: Path, source: Path, name: str, key: str) -> Path:
    folder = out_dir / source.absolute().parent.name
    stem, suffix = posixpath.splitext(name)
    for n in range(1, MAX_NUMBERED + 1):
        candidate = folder / (name if n == 1 else f"{stem}_{n}{suffix}")
        if _same_file(candidate, source):
            raise FeedbackError(
                f"確認用の写しの出力先「{candidate}」が元のファイルと同じです。"
                "別のフォルダを指定してください。"
            )
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        owner = _owner(candidate)
        if owner == key:
            return candidate
        if owner is None and n == 1:
            raise FeedbackError(
                f"出力先に「{candidate}」があり、確認用の写しではないため上書きしません。"
                "空のフォルダを指定してください。"
            )
    raise FeedbackError(f"「{folder / name}」と同じ名前の写しが多すぎます。")


def _same_file(candidate: Path, source: Path) -> bool:
    if candidate.resolve() == source.resolve():
        return True
    try:
        return os.path.samefile(candidate, source)
    except OSError:
        return False


def _owner(path: Path) -> str | None:
    """The source key recorded in a feedback copy, or None for any other file."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/custom.xml")
            if info.file_size > 2**20:
                return None
            text = zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    m = re.search(rf'name="{SOURCE_PROPERTY}"[^>]*>\s*<(?:\w+:)?lpwstr>([0-9a-f]+)<', text)
    return m.group(1) if m else None
