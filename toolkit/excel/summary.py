"""The summary workbook (集計表) for the 地域課長, written with xlsxwriter.

Sheets, in order: 集計表, 提出状況, 年度実施状況, 開催一覧, 協議事項, 要望事項, 検証結果, グラフ.
Each table sheet has a title row with the period and 作成日, frozen headers, an autofilter,
widths that fit Japanese text, A4 landscape printing one page wide with the header row
repeated and page numbers, and coloured statuses. グラフ holds the charts' data and three
native charts; it has no autofilter, because filtering would hide the rows the charts plot.

Text stays text: every value is written with write_string / write_number / write_datetime
according to its column, never with write(), so a report that holds "=HYPERLINK(...)" shows
that text instead of becoming a formula.

The workbook is written with `constant_memory`: each row goes to disk as soon as the next
row starts, so a fiscal year of 50,000 reports is written in flat memory. Every sheet here is
written strictly top to bottom (title, header, rows, then the tables below), which is all
that mode asks; widths are computed from the tables before writing instead of autofit, and
strings are stored inline rather than shared (a somewhat larger file, read the same way).

Dates are real dates shown in 和暦 with `[$-411]ggge"年"m"月"d"日"` (Excel and LibreOffice
both show 令和8年10月15日; the gannen format `[$-ja-JP-x-gannen]` shows as a bare serial in
LibreOffice, so it is not used: 2019's dates therefore read 令和1年).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from toolkit.aggregate import Summary
from toolkit.aggregate.frames import SUBTOTAL, TOTAL
from toolkit.era import wareki
from toolkit.errors import InputError
from toolkit.fileio import atomic_path
from toolkit.fiscal import MONTH_HEADERS
from toolkit.text import display_width, wrapped_lines

SHEETS = (
    "集計表",
    "提出状況",
    "年度実施状況",
    "開催一覧",
    "協議事項",
    "要望事項",
    "検証結果",
    "グラフ",
)
DATE_FORMAT = '[$-411]ggge"年"m"月"d"日"'
FONT = "游ゴシック"
MAX_TEXT = 32_000  # Excel keeps at most 32,767 characters in a cell
MAX_WIDTH = 48
MAX_PATH_WIDTH = 36
HEADER_ROW = 2  # rows 0–1: title and 作成日; row 2: headers
LINE_HEIGHT = 13.5  # points per line of 10 pt text

RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
AMBER = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
GREEN = {"bg_color": "#C6EFCE", "font_color": "#006100"}
BLUE = {"bg_color": "#DDEBF7", "font_color": "#1F4E78"}
TONES = {"red": RED, "amber": AMBER, "green": GREEN, "blue": BLUE}
STATUS_COLUMNS = frozenset({"提出状況", "年度内定期会議", "状況", "重大度", "点検結果", "期限超過"})
_RED_WORDS = ("未提出", "年度内未実施", "未回答", "誤り", "超過", "読取不可")
_AMBER_WORDS = ("警告",)
_GREEN_WORDS = ("提出済", "実施済", "回答済", "正常")
_WRAP_COLUMNS = frozenset({"協議事項", "備考", "要望事項", "措置・回答", "内容", "ファイル"})


class SummaryWriteError(InputError):
    """The summary workbook cannot be written where asked (Japanese message, exit 2)."""


# --- entry point ----------------------------------------------------------------------------


def write_summary(summary: Summary, path: Path, *, inputs: Iterable[Path] = ()) -> None:
    """Write the summary workbook to `path` (.xlsx), atomically.

    The workbook is written to a temporary file in the same folder and renamed over `path`,
    so a reader never sees half a file. `inputs` are the files the summary was made from
    (report files, the ledger, the registry): writing over one of them is refused with
    SummaryWriteError, as is a target that is a folder or not named .xlsx.
    """
    path = Path(path)
    _refuse(path, inputs)
    with atomic_path(path) as tmp:
        _write(summary, tmp)


def _refuse(path: Path, inputs: Iterable[Path]) -> None:
    if path.suffix.lower() != ".xlsx":
        raise SummaryWriteError(
            f"出力ファイル「{path}」の名前は .xlsx で終わるようにしてください。"
        )
    if path.is_dir():
        raise SummaryWriteError(f"出力先「{path}」はフォルダです。ファイル名を指定してください。")
    if not path.parent.is_dir():
        raise SummaryWriteError(f"出力先のフォルダ「{path.parent}」がありません。")
    target = path.resolve()
    for given in inputs:
        source = Path(given)
        same = source.resolve() == target
        if not same and source.exists() and path.exists():
            same = os.path.samefile(source, path)
        if same:
            raise SummaryWriteError(
                f"出力ファイル「{path}」は入力ファイルの一つです。"
                "元のファイルを上書きしないよう、別のファイル名を指定してください。"
            )


# --- the workbook -----------------------------------------------------------------------------


@dataclass
class _Column:
    name: str
    kind: str  # "text" | "number" | "date" | "percent"
    values: list[Any]
    width: float
    wrap: bool = False


class _Book:
    """The workbook and its formats, made once each."""

    def __init__(self, path: Path, summary: Summary) -> None:
        self.summary = summary
        self.wb = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": {"font_name": FONT, "font_size": 10},
            },
        )
        created = datetime.combine(summary.created, datetime.min.time())
        self.wb.set_properties(
            {
                "title": f"交番・駐在所連絡協議会 集計表 {summary.period.label}",
                "subject": "交番・駐在所連絡協議会 開催結果報告書の集計",
                "created": created,
            }
        )
        self.formats: dict[tuple[Any, ...], Format] = {}
        self.title = self.wb.add_format({"bold": True, "font_size": 14, "font_name": FONT})
        self.subtitle = self.wb.add_format({"font_size": 9, "font_name": FONT})

    def fmt(
        self,
        kind: str,
        *,
        bold: bool = False,
        tone: str | None = None,
        fill: str | None = None,
        wrap: bool = False,
        header: bool = False,
    ) -> Format:
        key = (kind, bold, tone, fill, wrap, header)
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
                bold=True, bg_color="#D9E1F2", text_wrap=True, align="center", valign="vcenter"
            )
        if kind == "number":
            props["num_format"] = "#,##0"
        elif kind == "percent":
            props["num_format"] = "0.0"
        elif kind == "date":
            props["num_format"] = DATE_FORMAT
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

    def sheet(self, name: str, subject: str, *, header_row: int | None = HEADER_ROW) -> Worksheet:
        """A sheet with its title rows and print setup."""
        s = self.summary
        ws = self.wb.add_worksheet(name)
        scope = s.station or "全警察署"
        ws.set_row(0, 22)
        ws.write_string(
            0, 0, f"交番・駐在所連絡協議会　{subject}（{s.period.label}・{scope}）", self.title
        )
        notes = "　".join(s.notes)
        ws.write_string(1, 0, f"作成日 {wareki(s.created)}　{notes}".rstrip(), self.subtitle)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.center_horizontally()
        if header_row is not None:
            ws.repeat_rows(header_row)
        ws.set_header(f"&L{_hf(subject)}&R{_hf(s.period.label)}　{_hf(scope)}")
        ws.set_footer(f"&L作成日 {_hf(wareki(s.created))}&C&P / &N ページ")
        return ws


def _hf(text: str) -> str:
    """Text for a page header or footer: & starts a code there."""
    return text.replace("&", "&&")


def _write(summary: Summary, path: Path) -> None:
    book = _Book(path, summary)
    _tally_sheet(book)
    _table_sheet(book, "提出状況", "提出状況", summary.submissions, freeze_cols=1)
    _table_sheet(book, "年度実施状況", "年度実施状況", summary.yearly, freeze_cols=3)
    _table_sheet(book, "開催一覧", "開催一覧", summary.meetings, freeze_cols=1)
    _agenda_sheet(book)
    _table_sheet(book, "要望事項", "要望事項", summary.requests, freeze_cols=1)
    _table_sheet(book, "検証結果", "検証結果", summary.findings)
    _chart_sheet(book)
    book.wb.close()


# --- tables ------------------------------------------------------------------------------------


def _kind(series: pd.Series, name: str) -> str:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "date"
    if pd.api.types.is_bool_dtype(series.dtype):
        return "text"
    if pd.api.types.is_float_dtype(series.dtype):
        return "percent" if "割合" in name else "number"
    if pd.api.types.is_numeric_dtype(series.dtype):
        return "number"
    return "text"


def _columns(df: pd.DataFrame) -> list[_Column]:
    out = []
    for name in df.columns:
        series = df[name]
        kind = _kind(series, str(name))
        values = series.tolist()
        head = display_width(str(name))
        if kind == "date":
            width = 16.0
        elif kind in ("number", "percent"):
            digits = max((len(f"{v:,.0f}") for v in values if not _missing(v)), default=1)
            width = max(digits + 2.0, min(head + 1.0, 13.0), 5.0)
        else:
            texts = {str(v) for v in series.dropna().unique()[:5000]}
            longest = max(
                (max(map(display_width, t.splitlines() or [""])) for t in texts), default=0
            )
            cap = MAX_PATH_WIDTH if str(name) == "ファイル" else MAX_WIDTH
            width = min(max(head + 2.0, longest + 2.0, 6.0), cap)
        wrap = kind == "text" and str(name) in _WRAP_COLUMNS
        out.append(_Column(str(name), kind, values, width, wrap))
    return out


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide (estimate: a cell
    loses about a character and a half to its padding, and a tenth to proportional type)."""
    return wrapped_lines(text, max((width - 1.5) * 0.9, 1.0))


def _row_lines(columns: list[_Column], i: int) -> int:
    lines = 1
    for col in columns:
        if col.wrap:
            value = col.values[i]
            if isinstance(value, str) and (len(value) * 2 > col.width - 1.5 or "\n" in value):
                lines = max(lines, lines_needed(value, col.width))
    return lines


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _tone(column: str, value: str) -> str | None:
    if column in STATUS_COLUMNS:
        if value.startswith(_RED_WORDS):
            return "red"
        if value.startswith(_AMBER_WORDS):
            return "amber"
        if value.startswith(_GREEN_WORDS):
            return "green"
    elif column == "備考" and "名簿外" in value:
        return "amber"
    elif column in MONTH_HEADERS and value:
        return "green" if "定" in value else "blue"
    return None


def _write_table(
    book: _Book,
    ws: Worksheet,
    df: pd.DataFrame,
    first_row: int,
    *,
    row_styles: Sequence[str | None] | None = None,
    set_widths: bool = True,
    first_col: int = 0,
    widths: Sequence[float] | None = None,
) -> int:
    """Write headers at `first_row` and the rows below; returns the last row written."""
    columns = (
        _columns(df)
        if widths is None
        else [
            _Column(c.name, c.kind, c.values, max(c.width, w), c.wrap)
            for c, w in zip(_columns(df), widths, strict=False)
        ]
    )
    head_lines = max((lines_needed(c.name, c.width) for c in columns), default=1)
    # constant_memory: a row's height must be set before its first cell is written.
    if head_lines > 1:
        ws.set_row(first_row, LINE_HEIGHT * head_lines + 3)
    for j, col in enumerate(columns):
        if set_widths:
            ws.set_column(first_col + j, first_col + j, col.width)
        ws.write_string(first_row, first_col + j, col.name, book.fmt("text", header=True))
    row = first_row
    for i in range(len(df)):
        row = first_row + 1 + i
        lines = _row_lines(columns, i)
        if lines > 1:
            ws.set_row(row, LINE_HEIGHT * min(lines, 30) + 3)
        style = row_styles[i] if row_styles is not None else None
        bold = style is not None
        fill = {SUBTOTAL: "#F2F2F2", TOTAL: "#D9D9D9"}.get(style or "")
        for j, col in enumerate(columns):
            _cell(book, ws, row, first_col + j, col, col.values[i], bold, fill)
    return row


def _cell(
    book: _Book,
    ws: Worksheet,
    row: int,
    col: int,
    column: _Column,
    value: Any,
    bold: bool,
    fill: str | None,
) -> None:
    kind = column.kind
    if _missing(value):
        ws.write_blank(row, col, None, book.fmt(kind, bold=bold, fill=fill))
        return
    if kind == "date":
        day = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        if isinstance(day, date) and not isinstance(day, datetime):
            day = datetime.combine(day, datetime.min.time())
        ws.write_datetime(row, col, day, book.fmt(kind, bold=bold, fill=fill))
    elif kind in ("number", "percent"):
        ws.write_number(row, col, float(value), book.fmt(kind, bold=bold, fill=fill))
    else:
        text = str(value)
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT] + "…（以下省略）"
        tone = _tone(column.name, text)
        # A character is at most 2 columns wide: most texts need no measuring.
        wrap = column.wrap and (
            "\n" in text
            or (len(text) * 2 > column.width - 1.5 and display_width(text) > column.width - 1.5)
        )
        ws.write_string(row, col, text, book.fmt(kind, bold=bold, fill=fill, tone=tone, wrap=wrap))


def _table_sheet(
    book: _Book,
    name: str,
    subject: str,
    df: pd.DataFrame,
    *,
    freeze_cols: int = 0,
    row_styles: Sequence[str | None] | None = None,
) -> Worksheet:
    ws = book.sheet(name, subject)
    last = _write_table(book, ws, df, HEADER_ROW, row_styles=row_styles)
    ws.freeze_panes(HEADER_ROW + 1, freeze_cols)
    ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), max(len(df.columns) - 1, 0))
    if df.empty:
        ws.write_string(HEADER_ROW + 1, 0, "該当なし", book.subtitle)
    return ws


def _tally_sheet(book: _Book) -> None:
    df = book.summary.tally
    styles = [None if k == "明細" else k for k in df["行区分"].tolist()]
    _table_sheet(book, "集計表", "集計表", df, freeze_cols=3, row_styles=styles)


def _agenda_sheet(book: _Book) -> None:
    """Counts by 区分 on top, then the list of topics (frozen and filtered)."""
    s = book.summary
    ws = book.sheet("協議事項", "協議事項", header_row=HEADER_ROW + len(s.agenda_counts) + 2)
    counts = s.agenda_counts
    styles = [TOTAL if v == TOTAL else None for v in counts["区分"].tolist()]
    _write_table(book, ws, counts, HEADER_ROW, row_styles=styles, set_widths=False)
    head = HEADER_ROW + len(counts) + 2
    count_widths = [c.width for c in _columns(counts)]
    widths = [
        max(c.width, count_widths[j] if j < len(count_widths) else 0)
        for j, c in enumerate(_columns(s.agenda))
    ]
    for j, width in enumerate(widths):
        ws.set_column(j, j, width)
    last = _write_table(book, ws, s.agenda, head, set_widths=False, widths=widths)
    ws.freeze_panes(head + 1, 0)
    ws.autofilter(head, 0, max(last, head), len(s.agenda.columns) - 1)
    if s.agenda.empty:
        ws.write_string(head + 1, 0, "該当なし", book.subtitle)


# --- charts -------------------------------------------------------------------------------------


def _chart_sheet(book: _Book) -> None:
    s = book.summary
    ws = book.sheet("グラフ", "グラフ", header_row=None)
    ws.freeze_panes(HEADER_ROW, 0)
    stations, months, answers = s.by_station, s.by_month, s.request_status
    widths = [0.0] * 5
    for df in (stations, months, answers):
        for j, col in enumerate(_columns(df)):
            widths[j] = max(widths[j], col.width)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    top = HEADER_ROW
    end1 = _write_table(book, ws, stations, top, set_widths=False)
    top2 = end1 + 2
    end2 = _write_table(book, ws, months, top2, set_widths=False)
    top3 = end2 + 2
    end3 = _write_table(book, ws, answers, top3, set_widths=False)
    n = max(len(stations), 1)
    size = {"width": max(620, 48 * n + 200), "height": 300}
    wb = book.wb

    bars = wb.add_chart({"type": "column", "subtype": "stacked"})
    for j, color in ((1, "#4472C4"), (2, "#ED7D31")):
        bars.add_series(
            {
                "name": ["グラフ", top, j],
                "categories": ["グラフ", top + 1, 0, max(end1, top + 1), 0],
                "values": ["グラフ", top + 1, j, max(end1, top + 1), j],
                "fill": {"color": color},
                "gap": 60,
            }
        )
    bars.set_title({"name": "警察署別 開催数（定期・臨時）", "name_font": {"size": 12}})
    bars.set_y_axis(_count_axis("回", stations["開催計"].max()))
    bars.set_legend({"position": "bottom"})
    bars.set_size(size)
    ws.insert_chart(HEADER_ROW, 6, bars)

    monthly = wb.add_chart({"type": "column"})
    monthly.add_series(
        {
            "name": ["グラフ", top2, 1],
            "categories": ["グラフ", top2 + 1, 0, end2, 0],
            "values": ["グラフ", top2 + 1, 1, end2, 1],
            "fill": {"color": "#4472C4"},
        }
    )
    line = wb.add_chart({"type": "line"})
    line.add_series(
        {
            "name": ["グラフ", top2, 4],
            "categories": ["グラフ", top2 + 1, 0, end2, 0],
            "values": ["グラフ", top2 + 1, 4, end2, 4],
            "y2_axis": True,
            "line": {"color": "#C00000", "width": 2.25},
            "marker": {
                "type": "circle",
                "size": 6,
                "fill": {"color": "#C00000"},
                "border": {"color": "#C00000"},
            },
        }
    )
    monthly.combine(line)
    monthly.set_title(
        {"name": f"月別 開催数と民間出席者（{s.period.fy_label}）", "name_font": {"size": 12}}
    )
    monthly.set_y_axis(_count_axis("開催数（回）", months["開催数"].max()))
    line.set_y2_axis(_count_axis("民間出席者（人）", months["民間出席者"].max()))
    monthly.set_legend({"position": "bottom"})
    monthly.set_size({"width": 620, "height": 300})
    ws.insert_chart(HEADER_ROW + 16, 6, monthly)

    answered = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for j, color in ((1, "#70AD47"), (2, "#C00000")):
        answered.add_series(
            {
                "name": ["グラフ", top3, j],
                "categories": ["グラフ", top3 + 1, 0, max(end3, top3 + 1), 0],
                "values": ["グラフ", top3 + 1, j, max(end3, top3 + 1), j],
                "fill": {"color": color},
                "gap": 60,
            }
        )
    answered.set_title({"name": "要望事項の回答状況（警察署別）", "name_font": {"size": 12}})
    answered.set_x_axis(_count_axis("件", (answers["回答済"] + answers["未回答"]).max()))
    answered.set_y_axis({"reverse": True})
    answered.set_legend({"position": "bottom"})
    answered.set_size({"width": 620, "height": max(300, 40 * n + 140)})
    # The third chart starts a new printed page rather than being cut across two.
    ws.set_h_pagebreaks([HEADER_ROW + 32])
    ws.insert_chart(HEADER_ROW + 33, 6, answered)


def _count_axis(name: str, largest: Any) -> dict[str, Any]:
    """A value axis for counts: from 0, whole-number steps (no 0.5 meetings)."""
    top = 0 if _missing(largest) else int(largest)
    step = max(1, math.ceil(top / 8))
    if step > 5:
        magnitude = 10 ** (len(str(step)) - 1)
        step = math.ceil(step / magnitude) * magnitude
    return {
        "name": name,
        "min": 0,
        "major_unit": step,
        "num_format": "0",
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    }
