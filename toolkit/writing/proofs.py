"""The proof workbook (読取確認): a station's sheet as kyogikai read it, for HQ to confirm.

Its first sheet, `読取結果`, says in a few lines what the proof is and what to do, then
lists every field of the form (SPEC, "Layouts HQ confirms"): キー, 項目, セル, 読み取った値,
and an empty 正しいセル for HQ's corrections; beside it, outside the printed area, what
identifies the layout (`excel.proofsheet`). The second sheet is the station's own sheet:
for an .xlsx / .xlsm a copy of it (formats, merged boxes, print settings, and its drawing
layer put back verbatim: text boxes and ○ marks show), for an .xls / .ods the values the
reader saw with their merged boxes; every field's cells are coloured and carry a comment
with the 項目 and the value read, and text no field accounts for is marked orange.

The workbook carries the `kyogikai-output` property (kind "proof"): it is never read as a
report, and `kyogikai layout --confirm` reads it.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path, PurePath

import openpyxl
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.cells import column_letter
from toolkit.excel import proofsheet as P
from toolkit.excel.guard import Unreadable, sniff
from toolkit.fileio import OUTPUT_PROPERTY, safe_file_name, write_atomic
from toolkit.text import wrapped_lines
from toolkit.writing.feedback.annotate import _keep_texts_literal
from toolkit.writing.feedback.drawings import graft_drawings, plan_drawings
from toolkit.writing.feedback.values import copy_values
from toolkit.writing.textcell import put, text_of

AUTHOR = "kyogikai"
COLORS = {
    "field": "FFDDEBF7",  # light blue
    "agenda": "FFE2EFDA",  # light green
    "requests": "FFE4DFEC",  # lavender
    "unread": "FFFCE4D6",  # orange
}
INPUT_COLOR = "FFFFF2CC"  # the column HQ writes in
WIDTHS = (22.0, 20.0, 12.0, 58.0, 12.0)
IDENT_WIDTHS = (14.0, 12.0, 30.0)
MAX_MARKED_CELLS = 4000  # cells one mark may fill (a box over a whole sheet is not a field)

_THIN = Side(style="thin", color="FF7F7F7F")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="ＭＳ ゴシック", size=10, charset=128, family=3)
_BOLD = Font(name="ＭＳ ゴシック", size=10, bold=True, charset=128, family=3)
_TITLE = Font(name="ＭＳ ゴシック", size=14, bold=True, charset=128, family=3)
_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADER_FILL = PatternFill(fill_type="solid", fgColor="FFD9D9D9", bgColor="FFD9D9D9")
_LINE_PT = 14.0


def proof_path(out_dir: Path, book: P.ProofBook, taken: set[Path]) -> Path:
    """Where the proof of `book` goes: named after the station's file and sheet, once."""
    stem = safe_file_name(f"{PurePath(book.source).stem}（{book.sheet}）")
    path = out_dir / (stem + P.FILE_SUFFIX)
    n = 1
    while path in taken:
        n += 1
        path = out_dir / f"{stem}_{n}{P.FILE_SUFFIX}"
    taken.add(path)
    return path


def write_proof(book: P.ProofBook, source: Path, path: Path, password: str | None) -> None:
    """Write the proof of `book` to `path` (atomically). The station's file `source` is
    read again to copy its sheet (decrypted with `password`); when it cannot be, the proof
    holds the values the reader saw."""
    data: bytes | None = None
    if not book.values_only:
        try:
            data = sniff(source.read_bytes(), source.name, password=password).data
        except (OSError, Unreadable):
            data = None
    write_atomic(path, proof_bytes(book, data))


def proof_bytes(book: P.ProofBook, data: bytes | None) -> bytes:
    """The proof workbook of `book`; `data` is the station's file (an .xlsx / .xlsm is
    copied with its formatting; otherwise, or when it cannot be, the values are)."""
    notes: list[str] = []
    if not book.values_only:
        try:
            if data is not None:
                return _copied(book, data)
        except Exception:  # openpyxl fails on some files that calamine reads
            pass
        notes.append(
            "元のブックをそのまま写すことができなかったため、報告書のシートの値だけを"
            "写しました（書式・図形は写していません）。"
        )
    else:
        notes.append(
            f"元のファイルは .{book.format} 形式のため、書式（罫線・色・図形）を写せません。"
            f"「{book.sheet}」シートには、読み取ったときのセルの値と結合だけを写しています。"
        )
    return _values(book, notes)


def _copied(book: P.ProofBook, data: bytes) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # parts openpyxl drops: the drawing goes back whole
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, rich_text=True)
    grafts = {k: v for k, v in plan_drawings(data).items() if k == book.sheet}
    keep = {book.sheet} | {m.sheet for m in book.marks if m.sheet is not None}
    for ws in list(wb.worksheets):
        if ws.title not in keep:
            wb.remove(ws)
    for name in list(wb.defined_names):
        del wb.defined_names[name]  # they may name the sheets left out
    sheet = wb[book.sheet]
    assert isinstance(sheet, Worksheet)
    if sheet.title in grafts:
        sheet._images = []  # type: ignore[attr-defined]  # the drawing goes back whole
        sheet._charts = []  # type: ignore[attr-defined]
    for ws in wb.worksheets:
        if isinstance(ws, Worksheet):
            _keep_texts_literal(ws)
            ws.sheet_view.tabSelected = False
    _mark(wb, book)
    _fit_width(sheet)
    _result_sheet(wb, book, [])
    return graft_drawings(_saved(wb), grafts)


def _fit_width(ws: Worksheet) -> None:
    """The copy prints one page wide on A4 (the original's sheet may not say how)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _values(book: P.ProofBook, notes: list[str]) -> bytes:
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)
    first.title = book.sheet[:31]
    copy_values(first, [list(r) for r in book.values], list(book.merges))
    _mark(wb, book)
    _result_sheet(wb, book, notes)
    return _saved(wb)


def _saved(wb: Workbook) -> bytes:
    props = wb.custom_doc_props  # type: ignore[attr-defined]  # openpyxl ≥ 3.1, not in stubs
    if OUTPUT_PROPERTY in props.names:
        del props[OUTPUT_PROPERTY]
    props.append(StringProperty(name=OUTPUT_PROPERTY, value=P.OUTPUT_KIND))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- the station's sheet ----------------------------------------------------------------


def _mark(wb: Workbook, book: P.ProofBook) -> None:
    """Colour every field's cells; one comment on each box's first cell."""
    comments: dict[tuple[str, int, int], list[str]] = {}
    for mark in book.marks:
        title = mark.sheet or book.sheet
        if title not in wb.sheetnames:
            continue
        ws = wb[title]
        assert isinstance(ws, Worksheet)
        r0, c0, r1, c1 = mark.box
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_MARKED_CELLS:
            r1 = r0
        color = COLORS[mark.kind]
        fill = PatternFill(fill_type="solid", fgColor=color, bgColor=color)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                ws.cell(r + 1, c + 1).fill = fill
        comments.setdefault((title, r0, c0), []).append(mark.text)
    for (title, r, c), texts in comments.items():
        ws = wb[title]
        assert isinstance(ws, Worksheet)
        cell = ws.cell(*_anchor(ws, r + 1, c + 1))
        text = "\n".join(texts)
        if cell.comment is not None and cell.comment.text:
            text += f"\n――――――\n（元のコメント）{cell.comment.text}"
        height = min(400, 16 * wrapped_lines(text, 30) + 14)
        cell.comment = Comment(text_of(text), AUTHOR, height=height, width=240)


def _anchor(ws: Worksheet, row: int, col: int) -> tuple[int, int]:
    """The top-left cell of the merged box holding (row, col) (1-based): a comment
    belongs there."""
    for area in ws.merged_cells.ranges:
        if area.min_row <= row <= area.max_row and area.min_col <= col <= area.max_col:
            return area.min_row, area.min_col
    return row, col


# --- 読取結果 -----------------------------------------------------------------------------


def _result_sheet(wb: Workbook, book: P.ProofBook, notes: list[str]) -> None:
    ws = wb.create_sheet(P.PROOF_SHEET, 0)
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[column_letter(i)].width = width
    ws.column_dimensions[column_letter(len(WIDTHS))].width = 3.0
    for i, width in enumerate(IDENT_WIDTHS):
        ws.column_dimensions[column_letter(P.IDENT_FIRST_COL + i)].width = width
    span = int(sum(WIDTHS) * 0.95)
    name = PurePath(book.source).name
    r = _banner(ws, 1, f"読取確認　{name}「{book.sheet}」", _TITLE, span, 22.0)
    for line in [*_explanation(book), *(f"※ {n}" for n in notes)]:
        r = _banner(ws, r, line, _FONT, span)
    r += 1
    header = r
    for col, text in enumerate(P.COLUMNS, 1):
        cell = ws.cell(header, col)
        put(cell, text)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEADER_FILL, _GRID, _WRAP
    input_fill = PatternFill(fill_type="solid", fgColor=INPUT_COLOR, bgColor=INPUT_COLOR)
    for key, label, where, value in book.rows:
        r += 1
        for col, text in enumerate((key, label, where, value, ""), 1):
            cell = ws.cell(r, col)
            put(cell, text)
            cell.font, cell.border, cell.alignment = _FONT, _GRID, _WRAP
        ws.cell(r, P.CORRECT + 1).fill = input_fill
        lines = max(wrapped_lines(value, int(WIDTHS[P.VALUE] * 0.95)), 1)
        ws.row_dimensions[r].height = max(lines, 1) * _LINE_PT + 2
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.auto_filter.ref = f"A{header}:{column_letter(len(P.COLUMNS) - 1)}{r}"
    ws.print_area = f"A1:{column_letter(len(P.COLUMNS) - 1)}{r}"
    ws.print_title_rows = f"{header}:{header}"
    _ident(ws, header, book)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "&P / &N"
    wb.active = 0
    ws.sheet_view.tabSelected = True


def _explanation(book: P.ProofBook) -> list[str]:
    same = ""
    if book.same_layout:
        listed = "、".join(book.same_layout[:5])
        more = f" ほか{len(book.same_layout) - 5}件" if len(book.same_layout) > 5 else ""
        same = f"（同じ様式で読んだシート: {listed}{more}）"
    return [
        f"様式ID {book.layout_id}{same}",
        "この様式は、まだ地域指導係が確認していない様式です。kyogikai は項目名の位置から、"
        "各項目をどのセルから読み取るかを判断しました。その判断が正しいかを、次の手順で"
        "確認してください。",
        f"1. 「{book.sheet}」シートの色の付いたセルが、各項目を読み取ったセルです（青: 項目、"
        "緑: 協議事項、紫: 要望事項・措置・回答、橙: どの項目としても読まなかった文字）。"
        "セルのコメントに項目と読み取った値があります。",
        "2. 下の表で「セル」と「読み取った値」が正しい行には、何も書きません。",
        "3. 場所が違う行は、「正しいセル」に正しいセル番地（例: B5）か範囲（例: B5:D5）を"
        "書きます。その項目が様式にない行は「なし」と書きます。1つの欄に複数の項目が書かれる"
        "様式では、同じセル番地を書いて構いません。",
        "4. 協議事項・要望事項は、印刷される行をすべて並べています。行を消したり、キーを"
        "書き換えたりしないでください。1枚のシートに報告書が繰り返し並ぶ様式では、この"
        f"シートの{column_letter(P.IDENT_FIRST_COL)}列から右にある照合用の表（画面で"
        "見るための表で、印刷はされません）の「繰り返し」を「下へ 40行ごと」のように直します（1回ごとに行数の違う一覧表は「下へ A列の枠ごと」）。",
        "5. 保存して「kyogikai layout --confirm このファイル」を実行すると、この様式が登録され、"
        "以後この様式の報告書は、確認したセルから判断なしに読み取られます。",
    ]


def _ident(ws: Worksheet, header: int, book: P.ProofBook) -> None:
    col = P.IDENT_FIRST_COL + 1
    title = ws.cell(header - 1, col)
    put(title, P.IDENT_TITLE)
    title.font = _BOLD
    for i, text in enumerate(P.IDENT_COLUMNS):
        cell = ws.cell(header, col + i)
        put(cell, text)
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, _GRID
    for r, row in enumerate(book.ident, header + 1):
        for i, text in enumerate(row):
            cell = ws.cell(r, col + i)
            put(cell, text)
            cell.font, cell.border = _FONT, _GRID
        if row[0] == P.IDENT_REPEAT:
            fill = PatternFill(fill_type="solid", fgColor=INPUT_COLOR, bgColor=INPUT_COLOR)
            ws.cell(r, col + 2).fill = fill


def _banner(
    ws: Worksheet, r: int, text: str, font: Font, span: int, height: float | None = None
) -> int:
    """One line (or paragraph) across the table's columns; returns the next row."""
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(P.COLUMNS))
    cell = ws.cell(r, 1)
    put(cell, text)
    cell.font, cell.alignment = font, _WRAP
    ws.row_dimensions[r].height = height or max(wrapped_lines(text, span), 1) * _LINE_PT + 2
    return r + 1
