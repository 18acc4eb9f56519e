"""The summary workbook's house style: formats, column widths that print legibly, tables.

Every table sheet prints on A4 landscape, one page wide, its header row repeated. Type is
10 pt; a table whose printed columns are wider than `MAX_PRINT_WIDTH` character units would
be shrunk below 8 pt on paper, so its widest text columns are narrowed (and wrap) until it
fits. Columns that are for finding a file rather than for reading (ファイル, シート, 行区分
…) come last and lie outside the print area: they are on screen, never on paper.

Text stays text: every value is written as a string, number or date according to its
column, never with write(), so a report that holds "=HYPERLINK(...)" shows that text instead
of becoming a formula. A table's rows are streamed as XML (`rows`), the same cells
xlsxwriter would write, much faster; cell by cell (`write_cell`) where a sheet cannot take
them. Control characters are escaped; text longer than Excel keeps in a cell is cut with a
note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from toolkit.aggregate.listing import Listing
from toolkit.era import wareki
from toolkit.text import display_width, wrapped_lines
from toolkit.writing.summary.rows import write_rows
from toolkit.writing.summary.style import (
    LINE_HEIGHT,
    MAX_TEXT,
    Column,
    fit_cell,
    lines_needed,
    missing,
    tone,
    wraps,
)
from toolkit.writing.xlsx import new_book, write_text

FONT = "游ゴシック"
DATE_FORMAT = "[$-411]ge.m.d"  # R8.10.15: compact, and read the same in Excel and LibreOffice
MONTH_FORMAT = '[$-411]ge"年"m"月"'
HEADER_ROW = 2  # rows 0–1: title and 作成日; row 2: headers
# Character units (of the workbook's 10 pt font) that fit across A4 landscape with 0.4"
# margins at 100 %, measured by rendering; a table up to MAX_PRINT_WIDTH prints at 82 % or
# more, so its 10 pt type stays at 8 pt or above on paper.
PAGE_WIDTH = 113.0
MAX_PRINT_WIDTH = 138.0
OUTPUT_PROPERTY = "kyogikai-output"
NOTE_COLUMNS = 1.3  # display columns a unit of a merged note holds on the 概況 (see side_by_side)

# Columns that never print: for finding the file, filtering, machines.
UNPRINTED = frozenset({"ファイル", "行区分", "コード"})
# Widest a text column may be before it wraps, by column name (default DEFAULT_CAP).
DEFAULT_CAP = 20.0
CAPS = {
    "協議会名": 22.0,
    "協議事項": 40.0,
    "要望事項": 34.0,
    "措置・回答": 30.0,
    "内容": 46.0,
    "項目": 36.0,
    "比較の対象": 30.0,
    "予定議題": 28.0,
    "開催場所": 16.0,
    "点検結果": 12.0,
    "備考": 16.0,
    "区分": 18.0,
    "ファイル": 40.0,
    "ファイル名": 24.0,
}
WRAP_AT_LEAST = 8.0  # text columns are never narrowed below this

RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
AMBER = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
GREEN = {"bg_color": "#C6EFCE", "font_color": "#006100"}
BLUE = {"bg_color": "#DDEBF7", "font_color": "#1F4E78"}
GREY = {"bg_color": "#EDEDED", "font_color": "#595959"}
TONES = {"red": RED, "amber": AMBER, "green": GREEN, "blue": BLUE, "grey": GREY}


def _kind(series: pd.Series, name: str) -> str:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "month" if name in ("予定月",) else "date"
    if pd.api.types.is_bool_dtype(series.dtype):
        return "text"
    if pd.api.types.is_float_dtype(series.dtype):
        return "percent" if "割合" in name else "number"
    if pd.api.types.is_numeric_dtype(series.dtype):
        return "number"
    return "text"


def columns_of(df: pd.DataFrame | Listing, printed: int | None = None) -> list[Column]:
    """The columns of a table with the widths they need (before fitting the page); only
    the first `printed` columns go on paper (default: those before the first column of
    `UNPRINTED`). A `Listing` is measured part by part, its values left on disk (the
    columns' `values` are then empty: the rows are written from its parts)."""
    if isinstance(df, Listing):
        if df.empty:
            return columns_of(df.frame(), printed)
        parts: Iterable[pd.DataFrame] = df.parts()
        keep = False
    else:
        parts, keep = [df], True
    measures: list[_Measure] | None = None
    for part in parts:
        if measures is None:
            measures = [_Measure(str(name), _kind(part[name], str(name))) for name in part.columns]
        for m, name in zip(measures, part.columns, strict=True):
            m.add(part[name], keep)
    out = [m.column() for m in measures or []]
    # Paper shows the columns before the first unprinted one (they come last).
    first = next((j for j, c in enumerate(out) if not c.printed), len(out))
    if printed is not None:
        first = min(first, printed)
    for col in out[first:]:
        col.printed = False
    return out


TEXTS_MEASURED = 5000  # a text column's width: its first so many distinct values


class _Measure:
    """What a column's width is made from, gathered part by part."""

    def __init__(self, name: str, kind: str):
        self.name, self.kind = name, kind
        self.values: list[Any] = []
        self.digits = 0  # the widest number, in characters (0: none)
        self.texts: dict[Any, None] = {}  # the first distinct values, in order

    def add(self, series: pd.Series, keep: bool) -> None:
        values = series.tolist()
        if keep:
            self.values = values
        if self.kind in ("number", "percent"):
            self.digits = max(
                self.digits, max((len(f"{v:,.0f}") for v in values if not missing(v)), default=0)
            )
        elif self.kind == "text" and len(self.texts) < TEXTS_MEASURED:
            for v in series.dropna().unique():
                self.texts.setdefault(v, None)
                if len(self.texts) >= TEXTS_MEASURED:
                    break

    def column(self) -> Column:
        name, kind = self.name, self.kind
        head = max(display_width(part) for part in name.split("\n"))
        if kind in ("date", "month"):
            width = 10.0 if kind == "date" else 11.0
        elif kind in ("number", "percent"):
            width = max((self.digits or 1) + 2.0, 6.0)  # the header wraps
        else:
            texts = {str(v) for v in self.texts}
            longest = max(
                (max(map(display_width, t.splitlines() or [""])) for t in texts), default=0
            )
            width = max(min(head, 12) + 1.5, longest + 1.5, 5.0)
        cap = CAPS.get(name, DEFAULT_CAP)
        wrap = kind == "text" and width > cap
        on_paper = name not in UNPRINTED
        width = min(width, cap) if kind == "text" else width
        return Column(name, kind, self.values, width, wrap, on_paper)


def fit_page(columns: list[Column], limit: float = MAX_PRINT_WIDTH) -> list[Column]:
    """Narrow the widest printed text columns (which then wrap) until the printed part of
    the table fits `limit` character units."""
    printed = [c for c in columns if c.printed]
    while sum(c.width for c in printed) > limit:
        widest = max((c for c in printed if c.kind == "text"), key=lambda c: c.width, default=None)
        if widest is None or widest.width <= WRAP_AT_LEAST:
            break
        widest.width = max(WRAP_AT_LEAST, round(widest.width * 0.9, 1))
        widest.wrap = True
    return columns


class Book:
    """The workbook, its formats (made once each), and the summary being written."""

    def __init__(
        self,
        path: Path,
        title: str,
        created: date,
        scope: str,
        notes: Sequence[str],
        *,
        scratch: Path,
        kind: str = "summary",
        document: str = "集計表",
        cutoff: date | None = None,
    ):
        self.wb = new_book(
            path,
            scratch,
            constant_memory=True,
            default_format_properties={"font_name": FONT, "font_size": 10},
        )
        self.created = created
        self.cutoff = cutoff
        self.period_label = title
        self.scope = scope
        self.notes = list(notes)
        self.wb.set_properties(
            {
                "title": f"交番・駐在所連絡協議会 {document} {title}",
                "subject": "交番・駐在所連絡協議会 開催結果報告書の集計",
                "created": datetime.combine(created, datetime.min.time()),
            }
        )
        # Marks the workbook as kyogikai's own: it is never read back as a report.
        self.wb.set_custom_property(OUTPUT_PROPERTY, kind)
        self.formats: dict[tuple[Any, ...], Format] = {}
        self.title = self.wb.add_format({"bold": True, "font_size": 14, "font_name": FONT})
        self.subtitle = self.wb.add_format({"font_size": 10, "font_name": FONT})
        self.heading = self.wb.add_format({"bold": True, "font_size": 11, "font_name": FONT})

    def fmt(
        self,
        kind: str,
        *,
        bold: bool = False,
        tone: str | None = None,
        fill: str | None = None,
        wrap: bool = False,
        header: bool = False,
        unprinted: bool = False,
    ) -> Format:
        key = (kind, bold, tone, fill, wrap, header, unprinted)
        found = self.formats.get(key)
        if found is not None:
            return found
        props: dict[str, Any] = {
            "font_name": FONT,
            "font_size": 10,
            "border": 1,
            "valign": "top",
            "border_color": "#9E9E9E",
        }
        if header:
            props.update(
                bold=True,
                bg_color="#EDEDED" if unprinted else "#D9E1F2",
                text_wrap=True,
                align="center",
                valign="vcenter",
            )
        if kind == "number":
            props["num_format"] = "#,##0"
        elif kind == "percent":
            props["num_format"] = "0.0"
        elif kind in ("date", "month"):
            props["num_format"] = DATE_FORMAT if kind == "date" else MONTH_FORMAT
            props["align"] = "left"
        if bold:
            props["bold"] = True
        if fill:
            props["bg_color"] = fill
        if tone:
            props.update(TONES[tone])
        if wrap:
            props["text_wrap"] = True
        made = self.wb.add_format(props)
        self.formats[key] = made
        return made

    def cutoff_line(self) -> str:
        """The line under every title: the workbook's one cut-off, and its notes."""
        made = wareki(self.created)
        if self.cutoff is None:
            text = f"作成日 {made}"
        else:
            text = (
                f"{wareki(self.cutoff)}までに開催され、{made}までに受け付けた報告書を集計"
                f"（年間計画・要望事項は{made}現在）　作成日 {made}"
            )
        return f"{text}　{'　'.join(self.notes)}".rstrip()

    def sheet(self, name: str, subject: str, *, header_row: int | None = HEADER_ROW) -> Worksheet:
        """A sheet with its title rows and print setup (A4 landscape, one page wide)."""
        ws = self.wb.add_worksheet(name)
        ws.set_row(0, 22)
        ws.write_string(
            0,
            0,
            f"交番・駐在所連絡協議会　{subject}（{self.period_label}・{self.scope}）",
            self.title,
        )
        ws.write_string(1, 0, self.cutoff_line(), self.subtitle)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.center_horizontally()
        if header_row is not None:
            ws.repeat_rows(header_row)
        ws.set_header(f"&L{_hf(subject)}&R{_hf(self.period_label)}　{_hf(self.scope)}")
        ws.set_footer(f"&L作成日 {_hf(wareki(self.created))}&C&P / &N ページ")
        return ws


def _hf(text: str) -> str:
    """Text for a page header or footer: & starts a code there."""
    return text.replace("&", "&&")


def write_table(
    book: Book,
    ws: Worksheet,
    df: pd.DataFrame | Listing,
    first_row: int,
    *,
    columns: list[Column] | None = None,
    row_styles: Sequence[str | None] | None = None,
    set_widths: bool = True,
    colours: Mapping[str, Mapping[str, str]] | None = None,
) -> int:
    """Write headers at `first_row` and the rows below; returns the last row written.

    `colours` maps a column to the tone of each of its words (e.g. 状況 → 任期満了: red)
    where the house's status words do not say it."""
    columns = columns if columns is not None else fit_page(columns_of(df))
    head_lines = max((lines_needed(c.name, c.width) for c in columns), default=1)
    # constant_memory: a row's height must be set before its first cell is written.
    if head_lines > 1:
        ws.set_row(first_row, LINE_HEIGHT * head_lines + 3)
    for j, col in enumerate(columns):
        if set_widths:
            ws.set_column(j, j, col.width)
        header = book.fmt("text", header=True, unprinted=not col.printed)
        ws.write_string(first_row, j, col.name, header)
    parts = None
    if isinstance(df, Listing):
        parts = ([part.iloc[:, j].tolist() for j in range(len(columns))] for part in df.parts())
    streamed = write_rows(
        book,
        ws,
        columns,
        first_row + 1,
        len(df),
        row_styles=row_styles,
        colours=colours,
        line_height=LINE_HEIGHT,
        parts=parts,
    )
    if streamed is not None:
        return streamed
    if isinstance(df, Listing):  # written cell by cell: the values in memory after all
        whole = df.frame()
        for j, col in enumerate(columns):
            col.values = whole.iloc[:, j].tolist()
    row = first_row
    for i in range(len(df)):
        row = first_row + 1 + i
        # Every row's height is written, so that no program sizes rows its own way.
        lines = _row_lines(columns, i)
        ws.set_row(row, LINE_HEIGHT * min(lines, 30) + (min(lines, 30) + 2 if lines > 1 else 2))
        style = row_styles[i] if row_styles is not None else None
        fill = {"小計": "#F2F2F2", "合計": "#D9D9D9"}.get(style or "")
        for j, col in enumerate(columns):
            value = col.values[i]
            shade = colours.get(col.name, {}).get(value) if colours else None
            write_cell(book, ws, row, j, col, value, style is not None, fill, shade)
    return row


def _row_lines(columns: list[Column], i: int) -> int:
    lines = 1
    for col in columns:
        if col.wrap and col.printed:  # a column left off the paper does not size the row
            value = col.values[i]
            if isinstance(value, str) and (len(value) * 2 > col.width - 1.5 or "\n" in value):
                lines = max(lines, lines_needed(value, col.width))
    return lines


def write_cell(
    book: Book,
    ws: Worksheet,
    row: int,
    col: int,
    column: Column,
    value: Any,
    bold: bool = False,
    fill: str | None = None,
    colour: str | None = None,
) -> None:
    kind = column.kind
    if missing(value):
        ws.write_blank(row, col, None, book.fmt(kind, bold=bold, fill=fill))
        return
    if kind in ("date", "month"):
        day = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        if isinstance(day, date) and not isinstance(day, datetime):
            day = datetime.combine(day, datetime.min.time())
        ws.write_datetime(row, col, day, book.fmt(kind, bold=bold, fill=fill))
    elif kind in ("number", "percent"):
        ws.write_number(row, col, float(value), book.fmt(kind, bold=bold, fill=fill))
    else:
        text = fit_cell(str(value), MAX_TEXT)
        shade = colour or tone(column.name, text)
        fmt = book.fmt(kind, bold=bold, fill=fill, tone=shade, wrap=wraps(column, text))
        write_text(ws, row, col, text, fmt)


def stacked_tables(
    book: Book,
    ws: Worksheet,
    frames: Sequence[pd.DataFrame],
    *,
    widest: float,
    lowest: Sequence[int] = (),
) -> list[tuple[int, int]]:
    """Tables one under another from HEADER_ROW, a blank row between them, sharing column
    widths (each capped at `widest`): a chart sheet's data. `lowest[i]`, when given, is the
    first row table i may start at (to start a printed page). Returns each table's header
    row and last row, for the charts' ranges."""
    widths = [0.0] * max(len(df.columns) for df in frames)
    for df in frames:
        for j, col in enumerate(columns_of(df)):
            widths[j] = max(widths[j], min(col.width, widest))
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    spans = []
    top = HEADER_ROW
    for i, df in enumerate(frames):
        if i < len(lowest):
            top = max(top, lowest[i])
        end = write_table(book, ws, df, top, set_widths=False)
        spans.append((top, end))
        top = end + 2
    return spans


Side = tuple[str, list[Column], pd.DataFrame]  # a heading, its table's columns and rows
# A table laid over the side's grid of columns: each of its columns spans so many of them.
Spanned = tuple[str, list[Column], pd.DataFrame, list[int]]


def side_by_side(
    book: Book,
    ws: Worksheet,
    left: Side | Sequence[Side | Spanned],
    right: Side | Sequence[Side | Spanned],
    notes: Sequence[str],
    row_style: Callable[[int, str], tuple[bool, str | None]],
) -> None:
    """Tables side by side under their headings (each side one table, or several one
    under another), a narrow gap between, notes below; one A4 landscape page (an 概況).
    Written row by row across both sides, as the workbook streams. `row_style(side,
    first cell)` gives a row's bold and fill (side 0: left). A side's column widths are
    those of its first table's columns; a later table may lay its columns over them
    (`Spanned`: each of its columns merges so many of the side's)."""
    sides = [_sections(left), _sections(right)]
    gap = len(sides[0][0][1])
    for j, col in enumerate([*sides[0][0][1], None, *sides[1][0][1]]):
        ws.set_column(j, j, 2 if col is None else col.width)
    offsets = (0, gap + 1)
    # What each row holds on each side: a heading, a header row, or a table row.
    plan: dict[int, list[tuple[int, str, Any]]] = {}
    ends = []
    for side, sections in enumerate(sides):
        row = HEADER_ROW
        grid = sections[0][1]
        for heading, columns, df, spans in sections:
            starts = _starts(spans, len(columns))
            if spans is not None:
                for j, col in enumerate(columns):
                    col.width = sum(c.width for c in grid[starts[j] : starts[j] + spans[j]])
                    col.wrap = col.kind == "text"
            plan.setdefault(row, []).append((side, "heading", heading))
            plan.setdefault(row + 1, []).append((side, "header", (columns, starts, spans)))
            for i in range(len(df)):
                plan.setdefault(row + 2 + i, []).append(
                    (side, "row", (columns, starts, spans, df, i))
                )
            row += 2 + max(len(df), 1) + 1
        ends.append(row)
    for row in sorted(plan):
        cells = plan[row]
        lines = 1
        for _, kind, what in cells:
            if kind == "header":
                lines = max(lines, *(lines_needed(c.name, c.width) for c in what[0]))
            elif kind == "row":
                columns, i = what[0], what[4]
                texts = [(c.values[i], c.width) for c in columns if c.wrap or what[2] is not None]
                lines = max(lines, 1, *(lines_needed(t, w) for t, w in texts if isinstance(t, str)))
        if lines > 1 or any(kind == "header" for _, kind, _ in cells):
            ws.set_row(row, LINE_HEIGHT * lines + 4)
        for side, kind, what in cells:
            offset = offsets[side]
            if kind == "heading":
                ws.write_string(row, offset, what, book.heading)
            elif kind == "header":
                columns, starts, spans = what
                for j, col in enumerate(columns):
                    first = offset + starts[j]
                    header = book.fmt("text", header=True)
                    if spans is not None and spans[j] > 1:
                        ws.merge_range(row, first, row, first + spans[j] - 1, col.name, header)
                    else:
                        ws.write_string(row, first, col.name, header)
            else:
                columns, starts, spans, df, i = what
                bold, fill = row_style(side, str(df.iloc[i, 0]))
                for j, col in enumerate(columns):
                    first = offset + starts[j]
                    if spans is not None and spans[j] > 1:
                        value = col.values[i]
                        fmt = book.fmt("text", bold=bold, fill=fill, wrap=True)
                        text = "" if missing(value) else str(value)
                        ws.merge_range(row, first, row, first + spans[j] - 1, "", fmt)
                        write_text(ws, row, first, text, fmt)
                    else:
                        write_cell(book, ws, row, first, col, col.values[i], bold, fill)
    row = max(ends) + 1
    last = gap + len(sides[1][0][1])
    span = sum(c.width for c in sides[0][0][1]) + 2 + sum(c.width for c in sides[1][0][1])
    wrapped = book.wb.add_format(
        {"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top"}
    )
    for note in notes:
        text = "※ " + note
        # one merged cell loses its padding once: measured by rendering, a line of the
        # page's width holds about 1.39 display columns a unit (1.3 leaves a margin)
        ws.set_row(row, LINE_HEIGHT * wrapped_lines(text, (span - 1) * NOTE_COLUMNS) + 2)
        ws.merge_range(row, 0, row, last, "", wrapped)
        write_text(ws, row, 0, text, wrapped)
        row += 1
    ws.print_area(0, 0, row, last)
    ws.fit_to_pages(1, 1)


def _sections(side: Side | Sequence[Side | Spanned]) -> list[Spanned | tuple[Any, ...]]:
    """A side's tables as (heading, columns, rows, spans or None)."""
    if isinstance(side, tuple) and len(side) == 3 and isinstance(side[0], str):
        return [(*side, None)]
    return [(*t, None) if len(t) == 3 else t for t in side]


def _starts(spans: list[int] | None, n: int) -> list[int]:
    """The first grid column of each of a table's `n` columns."""
    if spans is None:
        return list(range(n))
    out, at = [], 0
    for width in spans:
        out.append(at)
        at += width
    return out


def column_series(sheet: str, top: int, end: int, column: int, color: str) -> dict[str, Any]:
    """A bar chart's series: the table's column `column` under its header at row `top`,
    down to row `end`, by the categories of its first column."""
    return {
        "name": [sheet, top, column],
        "categories": [sheet, top + 1, 0, max(end, top + 1), 0],
        "values": [sheet, top + 1, column, max(end, top + 1), column],
        "fill": {"color": color},
        "gap": 60,
    }


def print_columns(ws: Worksheet, columns: list[Column], last_row: int) -> None:
    """Print only the columns meant for paper (the unprinted ones come last)."""
    printed = sum(1 for c in columns if c.printed)
    if 0 < printed < len(columns):
        ws.print_area(0, 0, max(last_row, HEADER_ROW), printed - 1)


def table_sheet(
    book: Book,
    name: str,
    df: pd.DataFrame | Listing,
    *,
    subject: str | None = None,
    freeze_cols: int = 0,
    row_styles: Sequence[str | None] | None = None,
    printed: int | None = None,
) -> Worksheet:
    """A sheet holding one table: frozen header, filter, printed columns only on paper."""
    ws = book.sheet(name, subject or name)
    columns = fit_page(columns_of(df, printed))
    last = write_table(book, ws, df, HEADER_ROW, columns=columns, row_styles=row_styles)
    ws.freeze_panes(HEADER_ROW + 1, freeze_cols)
    ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), max(len(df.columns) - 1, 0))
    if df.empty:
        ws.write_string(HEADER_ROW + 1, 0, "該当なし", book.subtitle)
    print_columns(ws, columns, last)
    return ws
