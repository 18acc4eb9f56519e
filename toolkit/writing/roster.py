"""The roster workbook (委員名簿の点検) for HQ, written with xlsxwriter in the summary's house
style (`toolkit.writing.summary.book`): every sheet prints on A4 landscape at 8 pt or more.

Sheets: 概況 (key figures and one line per police station, one page), 構成 (per council: its
members by 区分, gender, age band and years served, and its findings), 任期満了 (members by
the month their term ends, then the members whose term has ended or ends within the
notice months, per council and day: the 委嘱 paperwork, M3), 長期在任 (M4), 指摘 (the other findings: about
councils and odd entries), グラフ (native charts of the prefecture's composition). Each
finding is on one sheet, once, with its article and its registry cell.

The workbook carries the `kyogikai-output` mark (kind "roster"): it is never read as a report.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.worksheet import Worksheet

from toolkit.aggregate.members import Roster
from toolkit.era import wareki
from toolkit.errors import InputError, OperationalError, os_error_reason
from toolkit.fileio import Protected, atomic_workbook, guard_output
from toolkit.text import display_width
from toolkit.writing.summary.book import (
    HEADER_ROW,
    PAGE_WIDTH,
    Book,
    Column,
    column_series,
    columns_of,
    fit_page,
    print_columns,
    side_by_side,
    stacked_tables,
    write_table,
)
from toolkit.writing.xlsx import close_book

KIND = "roster"
DOCUMENT = "委員名簿の点検"
SHEETS = ("概況", "構成", "任期満了", "長期在任", "指摘", "グラフ")
COUNT_WIDTH = 4.0  # a narrow column for small counts; its header wraps
# Many narrow columns lose more to cell padding on paper than the house's calibration
# (MAX_PRINT_WIDTH) allows for: their tables are held to this width instead.
NARROW_PRINT_WIDTH = 128.0
STATE_TONES = {"状況": {"任期満了": "red", "満了間近": "amber"}}
GROUP_COLOURS = {"区分a": "#4472C4", "区分b": "#70AD47", "区分c": "#FFC000", "その他": "#A5A5A5"}
GENDER_COLOURS = {"男性": "#5B9BD5", "女性": "#ED7D31", "性別不明": "#A5A5A5"}


class RosterWriteError(InputError):
    """The roster workbook cannot be written where asked (Japanese message, exit 2)."""


def write_roster(roster: Roster, path: Path, *, protected: Protected | None = None) -> None:
    """Write the roster workbook to `path` (.xlsx), atomically.

    Writing over the registry or over a file kyogikai did not write is refused
    (`fileio.guard_output`); a failure to write is an `OperationalError` and leaves nothing
    behind.
    """
    path = Path(path)
    check_target(path, protected or Protected())
    try:
        with atomic_workbook(path) as (tmp, scratch):
            _write(roster, tmp, scratch)
    except (OSError, FileCreateError) as exc:
        raise OperationalError(
            f"委員名簿の点検結果「{path}」を書き出せません（{_reason(exc)}）。"
            "書き込めるフォルダか、ディスクの空きを確認してください。"
        ) from exc


def _reason(exc: Exception) -> str:
    return os_error_reason(exc)[0] if isinstance(exc, OSError) else str(exc)


def check_target(path: Path, protected: Protected) -> None:
    """Refuse, before any work is done, a target the roster cannot or must not be written
    to: not .xlsx, a folder, in a missing folder, an input, a file kyogikai did not write."""
    if path.suffix.lower() != ".xlsx":
        raise RosterWriteError(f"出力ファイル「{path}」の名前は .xlsx で終わるようにしてください。")
    if path.is_dir():
        raise RosterWriteError(f"出力先「{path}」はフォルダです。ファイル名を指定してください。")
    if not path.parent.is_dir():
        raise RosterWriteError(f"出力先のフォルダ「{path.parent}」がありません。")
    guard_output(path, protected)


def _write(roster: Roster, path: Path, scratch: Path) -> None:
    book = Book(
        path,
        f"基準日 {wareki(roster.today)}",
        roster.today,
        "全警察署",
        [],
        scratch=scratch,
        kind=KIND,
        document=DOCUMENT,
    )
    book.wb.set_properties(
        {
            "title": f"交番・駐在所連絡協議会 {DOCUMENT} 基準日 {wareki(roster.today)}",
            "subject": "交番・駐在所連絡協議会 委員の構成・任期・運営責任者の点検",
            "created": book.wb.doc_properties.get("created"),
        }
    )
    _overview(book, roster)
    _composition(book, roster)
    _terms(book, roster)
    _long_serving(book, roster)
    _findings(book, roster)
    _charts(book, roster)
    close_book(book.wb)


def _narrow(columns: list[Column], start: int, stop: int) -> None:
    """Small counts between two columns get narrow columns (their headers wrap)."""
    for col in columns[start:stop]:
        if col.kind in ("number", "percent"):
            col.width = COUNT_WIDTH if col.kind == "number" else 5.5


def _fill_page(columns: list[Column]) -> list[Column]:
    """Widen the text columns of a narrow table to the page's width: it prints at full
    size either way, and the title and notes above it are not cut at its edge."""
    printed = [c for c in columns if c.printed]
    spare = PAGE_WIDTH - sum(c.width for c in printed)
    texts = [c for c in printed if c.kind == "text"]
    if spare > 0 and texts:
        total = sum(c.width for c in texts)
        for col in texts:
            col.width = round(col.width + spare * col.width / total, 1)
    return columns


def _table_sheet(
    book: Book,
    name: str,
    subject: str,
    df: pd.DataFrame,
    *,
    printed: int,
    freeze_cols: int = 0,
    narrow: tuple[int, int] | None = None,
    widths: dict[str, float] | None = None,
    top: list[tuple[str, pd.DataFrame]] | None = None,
    lead: tuple[str, ...] = (),
) -> Worksheet:
    """A sheet with an optional lead line and small tables above its main table (headed),
    the main table with frozen header and filter, and only the printed columns on paper."""
    first = HEADER_ROW + (len(lead) + 1 if lead else 0)
    for _, small in top or []:
        first += len(small) + 3
    ws = book.sheet(name, subject, header_row=first)
    columns = columns_of(df, printed)
    if narrow is not None:
        _narrow(columns, *narrow)
        columns = fit_page(columns, limit=NARROW_PRINT_WIDTH)
    for col in columns:
        if widths and col.name in widths:
            col.width, col.wrap = widths[col.name], col.kind == "text"
    columns = _fill_page(fit_page(columns))
    for j, col in enumerate(columns):
        ws.set_column(j, j, col.width)
    row = HEADER_ROW
    for line in lead:
        ws.write_string(row, 0, line, book.subtitle)
        row += 1
    row += 1 if lead else 0
    for heading, small in top or []:
        ws.write_string(row, 0, heading, book.heading)
        cols = columns_of(small)
        for j, col in enumerate(cols):
            col.width = columns[j].width if j < len(columns) else col.width
        row = write_table(book, ws, small, row + 1, columns=cols, set_widths=False) + 2
    last = write_table(book, ws, df, first, columns=columns, set_widths=False, colours=STATE_TONES)
    ws.freeze_panes(first + 1, freeze_cols)
    ws.autofilter(first, 0, max(last, first), max(len(df.columns) - 1, 0))
    if df.empty:
        ws.write_string(first + 1, 0, "該当なし", book.subtitle)
    print_columns(ws, columns, max(last, first + 1))
    return ws


# --- 概況 -----------------------------------------------------------------------------------


def _overview(book: Book, r: Roster) -> None:
    """Key figures on the left, one line per police station on the right, notes below;
    one A4 landscape page."""
    ws = book.sheet("概況", "委員の構成と任期の概況", header_row=None)
    left = fit_page(columns_of(r.figures), limit=66)
    right = columns_of(r.by_station)
    for col in right[1:]:  # counts under two-line headers (M2 / リーダー)
        col.width = max(5.0, max(display_width(p) for p in col.name.split("\n")) + 1.5)
    right = fit_page(right, limit=62)

    def style(side: int, first: str) -> tuple[bool, str | None]:
        # Headline figures are bold on the left (their breakdowns indented); totals shaded.
        total = first in ("合計", "指摘の合計")
        return total or (side == 0 and not first.startswith("　")), "#D9D9D9" if total else None

    side_by_side(
        book,
        ws,
        ("主な数字", left, r.figures),
        ("警察署別の指摘件数", right, r.by_station),
        _note_lines(r),
        style,
    )


def _note_lines(r: Roster) -> list[str]:
    source = f"協議会名簿: {Path(r.source).name}" if r.source else ""
    return [
        *r.notes,
        "各シート: 構成（協議会ごとの委員の内訳）、任期満了（委嘱の準備: 月別と一覧）、"
        "長期在任、指摘（名簿のセルと根拠）、グラフ。",
        *([source] if source else []),
    ]


# --- 構成, 任期満了, 長期在任, 指摘 -----------------------------------------------------------


def _composition(book: Book, r: Roster) -> None:
    df = r.composition
    printed = list(df.columns).index("指摘") + 1
    _table_sheet(
        book,
        "構成",
        "委員の構成（協議会別）",
        df,
        printed=printed,
        freeze_cols=2,
        narrow=(3, printed),
    )


def _terms(book: Book, r: Roster) -> None:
    df = r.terms
    printed = list(df.columns).index("委員") + 1
    _table_sheet(
        book,
        "任期満了",
        "任期満了の委員（委嘱の準備）",
        df,
        printed=printed,
        top=[("満了月別の人数", r.months)],
        widths={"委員": 46.0},
        lead=(
            "任期が満了した委員と、近く満了する委員（協議会・満了日ごと）です。再任または後任の委嘱の手続をとり、",
            "名簿を更新してください（要綱第3条第5項: 任期はおおむね2年とし、再任を妨げない）。",
        ),
    )


def _long_serving(book: Book, r: Roster) -> None:
    df = r.long_serving
    printed = list(df.columns).index("任期満了日") + 1
    lead = (
        "長期間特定の者に依存しないよう、改選の際は新陳代謝に配意してください"
        "（2の(4)イ(ｱ)・(ｲ)）。再任を妨げるものではありません。",
    )
    _table_sheet(book, "長期在任", "長期在任の委員（新陳代謝）", df, printed=printed, lead=lead)


def _findings(book: Book, r: Roster) -> None:
    df = r.listing
    printed = list(df.columns).index("内容") + 1
    # The message says it all; the columns before it are for sorting and filtering.
    widths = {"規則": 16.0, "根拠": 11.0, "委員": 10.0, "内容": 60.0}
    lead = (
        "任期の満了・満了間近（M3）は「任期満了」シートに協議会・満了日ごと、長期在任（M4）は"
        "「長期在任」シートに1人1行で載せています。このシートはそれ以外の指摘です。",
    )
    _table_sheet(book, "指摘", "委員名簿の指摘", df, printed=printed, widths=widths, lead=lead)


# --- グラフ ---------------------------------------------------------------------------------

SHEET = "グラフ"


def _charts(book: Book, r: Roster) -> None:
    """The data of the charts on the left, native charts on the right."""
    ws = book.sheet(SHEET, "委員の構成（グラフ）", header_row=None)
    ws.freeze_panes(HEADER_ROW, 0)
    groups, ages = r.groups, r.ages
    (top1, end1), (top2, end2) = stacked_tables(book, ws, (groups, ages), widest=11.0)
    anchor = max(len(groups.columns), len(ages.columns)) + 1

    shares = book.wb.add_chart({"type": "column", "subtype": "percent_stacked"})
    for j, name in enumerate(groups.columns[1:], start=1):
        shares.add_series(column_series(SHEET, top1, end1, j, GROUP_COLOURS.get(name, "#A5A5A5")))
    shares.set_title(
        {"name": "警察署別 委員の区分（a～cはコミュニティ・リーダー）", "name_font": {"size": 12}}
    )
    shares.set_y_axis(
        {
            "num_format": "0%",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    shares.set_legend({"position": "bottom"})
    shares.set_size({"width": 560, "height": 300})
    ws.insert_chart(HEADER_ROW, anchor, shares)

    people = book.wb.add_chart({"type": "column"})
    for j, name in enumerate(ages.columns[1:], start=1):
        people.add_series(column_series(SHEET, top2, end2, j, GENDER_COLOURS.get(name, "#A5A5A5")))
    people.set_title({"name": "年代別・男女別 委員数（県全体）", "name_font": {"size": 12}})
    people.set_y_axis(
        {
            "name": "人",
            "min": 0,
            "num_format": "0",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    people.set_legend({"position": "bottom"})
    people.set_size({"width": 560, "height": 300})
    ws.insert_chart(HEADER_ROW + 16, anchor, people)
