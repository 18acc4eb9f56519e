"""The findings on their cells: each cell a finding names is filled soft red (誤り) or
amber (警告) and carries a comment with the messages. Only the fill changes; borders, font,
number format and alignment stay the original's."""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.cells import Cell
from toolkit.findings import Severity
from toolkit.text import wrapped_lines
from toolkit.writing.feedback.rows import ERROR_COLOR, SEVERITY_JA, WARNING_COLOR, Row
from toolkit.writing.textcell import text_of

AUTHOR = "地域指導係"
# Wide enough for about 24 full-width characters a line of Excel's 9 pt comment font.
_COMMENT_WIDTH = 330
_COMMENT_COLUMNS = 46


def mark(wb: Workbook, rows: list[Row], titles: dict[str, str]) -> dict[Cell, Cell]:
    """Fill and comment every cell a finding names, on the sheets of `titles` (original
    sheet name → its title in `wb`). Returns each finding's cell → the cell marked in `wb`
    (the top-left cell of its merged area), for the links of the list."""
    groups: dict[Cell, list[Row]] = {}
    for row in rows:
        if row.sheet is not None and row.cell is not None and row.sheet in titles:
            groups.setdefault(row.cell, []).append(row)
    anchors: dict[Cell, Cell] = {}
    for at, found in groups.items():
        ws = wb[titles[at.sheet]]
        if not isinstance(ws, Worksheet):
            continue
        anchor = Cell(ws.title, *_merged_anchor(ws, at.row, at.col))
        cell = ws.cell(anchor.row + 1, anchor.col + 1)
        error = any(r.severity is Severity.ERROR for r in found)
        color = ERROR_COLOR if error else WARNING_COLOR
        cell.fill = PatternFill(fill_type="solid", fgColor=color, bgColor=color)
        cell.comment = _comment(found, cell.comment)
        anchors[at] = anchor
    return anchors


def _merged_anchor(ws: Worksheet, row: int, col: int) -> tuple[int, int]:
    """0-based top-left cell of the merged area holding (row, col), or the cell itself."""
    for area in ws.merged_cells.ranges:
        if area.min_row <= row + 1 <= area.max_row and area.min_col <= col + 1 <= area.max_col:
            return area.min_row - 1, area.min_col - 1
    return row, col


def _comment(found: list[Row], old: Comment | None) -> Comment:
    lines = [f"{AUTHOR}:"]
    lines += [f"【{SEVERITY_JA[r.severity]}】{r.message}" for r in found]
    if old is not None and old.author != AUTHOR and old.text:
        lines += ["――――――", f"（元のコメント{'・' + old.author if old.author else ''}）", old.text]
    text = "\n".join(lines)
    height = min(600, 16 * wrapped_lines(text, _COMMENT_COLUMNS) + 14)
    return Comment(text_of(text), AUTHOR, height=height, width=_COMMENT_WIDTH)
