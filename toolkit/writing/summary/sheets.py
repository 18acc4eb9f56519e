"""The sheets of the summary workbook, one function each, in the order they are written."""

from __future__ import annotations

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from toolkit.aggregate import Summary
from toolkit.aggregate.frames import DETAIL, TOTAL
from toolkit.aggregate.listing import Listing
from toolkit.fiscal import MONTH_HEADERS
from toolkit.writing.summary.book import (
    HEADER_ROW,
    LINE_HEIGHT,
    Book,
    Column,
    columns_of,
    fit_page,
    lines_needed,
    print_columns,
    side_by_side,
    table_sheet,
    write_cell,
    write_table,
)

MONTH_TONES = {"督促": "red", "予定": "grey"}


OVERVIEW_WIDTHS = {"項目": 29.0, "今回": 6.0, "比較": 5.5, "増減": 5.5, "比較の対象": 20.0}
# Headers of the 警察署別 table broken between words (a column holds four characters).
STATION_HEADERS = {
    "期間内の開催": "期間内の\n開催",
    "年度の開催": "年度の\n開催",
    "報告の遅れ": "報告の\n遅れ",
    "委員の指摘": "委員の\n指摘",
}
# How many of the 警察署別 table's columns each column of the action list spans.
ACTION_SPANS = {"区分": 1, "警察署": 2, "協議会名": 3, "内容": 4}


def overview_sheet(book: Book, s: Summary) -> None:
    """概況: key figures on the left; on the right one line per station and, under it, the
    councils to act on by name; notes below; one A4 landscape page."""
    ws = book.sheet("概況", "概況", header_row=None)
    left = columns_of(s.overview.figures)
    for col in left:  # the labels and notes are short: one line each, and the page fits
        col.width = OVERVIEW_WIDTHS.get(col.name, col.width)
        col.wrap = col.kind == "text"
    right = fit_page(columns_of(s.overview.by_station), limit=66)
    for col in right:  # the header only: the values are the table's
        col.name = STATION_HEADERS.get(col.name, col.name)
    stations = s.overview.by_station.columns
    actions = s.overview.actions
    spans = [ACTION_SPANS[c] for c in actions.columns]
    spans[-1] = max(1, len(stations) - sum(spans[:-1]))
    right_side: list = [("警察署別", right, s.overview.by_station)]
    if len(actions):
        right_side.append(("対応が必要な協議会", columns_of(actions), actions, spans))

    def style(side: int, first: str) -> tuple[bool, str | None]:
        # Station rows and the total are bold on the right; a total is shaded.
        total = first == "合計"
        station = side == 1 and first in set(s.overview.by_station["警察署"])
        return station and (total or not first.startswith("　")), "#D9D9D9" if total else None

    side_by_side(
        book,
        ws,
        ("主な数字", left, s.overview.figures),
        right_side,
        s.overview.notes + _plan_note(s),
        style,
    )


def _plan_note(s: Summary) -> list[str]:
    if s.plans.empty:
        return ["協議会名簿に年間計画（「年間計画」シート）がないため、督促は判定していません。"]
    return []


def tally_sheet(book: Book, s: Summary) -> None:
    df = s.tally
    styles = [None if k == DETAIL else k for k in df["行区分"].tolist()]
    table_sheet(book, "集計表", df, freeze_cols=3, row_styles=styles)


def submissions_sheet(book: Book, s: Summary) -> None:
    """提出状況: on paper up to 備考; 協議会種別 and 計画予定 on screen."""
    df = s.submissions
    table_sheet(book, "提出状況", df, freeze_cols=3, printed=list(df.columns).index("備考") + 1)


def reminders_sheet(book: Book, s: Summary) -> None:
    ws = table_sheet(book, "督促", s.reminders, subject="督促（年間計画の会議で報告のないもの）")
    if s.plans.empty:
        ws.write_string(HEADER_ROW + 2, 0, _plan_note(s)[0], book.subtitle)


def yearly_sheet(book: Book, s: Summary) -> None:
    """年度実施状況: the April–March grid; 定/臨/？ held, 予定 and 督促 owed by the plan."""
    df = s.yearly
    ws = book.sheet("年度実施状況", "年度実施状況")
    columns = columns_of(df)
    for col in columns:
        if col.name in MONTH_HEADERS:
            col.width, col.wrap = 5.5, True
    columns = fit_page(columns)
    last = HEADER_ROW
    for j, col in enumerate(columns):
        ws.set_column(j, j, col.width)
        ws.write_string(HEADER_ROW, j, col.name, book.fmt("text", header=True))
    for i in range(len(df)):
        last = HEADER_ROW + 1 + i
        # a long 協議会名 wraps onto a second line rather than being cut on paper
        lines = max(
            (lines_needed(c.values[i], c.width) for c in columns
             if c.wrap and c.name not in MONTH_HEADERS and isinstance(c.values[i], str)),
            default=1,
        )  # fmt: skip
        if lines > 1:
            ws.set_row(last, LINE_HEIGHT * lines + 3)
        for j, col in enumerate(columns):
            value = col.values[i]
            shade = None
            if col.name in MONTH_HEADERS and isinstance(value, str):
                shade = MONTH_TONES.get(value, "green" if "定" in value else "blue")
            write_cell(book, ws, last, j, col, value, colour=shade)
    ws.freeze_panes(HEADER_ROW + 1, 3)
    ws.autofilter(HEADER_ROW, 0, last, len(columns) - 1)
    legend = "定: 定期会議　臨: 臨時会議　？: 種別不明　予定・督促: 年間計画の会議（報告なし）"
    ws.write_string(last + 2, 0, legend, book.subtitle)
    ws.print_area(0, 0, last + 2, len(columns) - 1)


def meetings_sheet(book: Book, s: Summary) -> None:
    """開催一覧: on paper up to 備考; 協議会ID, 施設名, 報告者, 写真 and the file on screen."""
    df = s.lists.meetings
    if all(part["受付日"].isna().all() for part in df.parts()):
        # a summary straight from files knows no receipt days
        df = df.select([c for c in df.columns if c not in ("受付日", "受付まで日数")])
    table_sheet(book, "開催一覧", df, freeze_cols=1, printed=list(df.columns).index("備考") + 1)


def agenda_sheet(book: Book, s: Summary) -> None:
    """協議事項: the themes first (by 区分 with the most frequent topic of each, then the
    topics discussed most often), then every topic of the period."""
    themes = _themes(s)
    listing = s.lists.agenda.select(
        ["区分", "協議事項", "開催日", "警察署", "協議会名", "備考", "ファイル", "シート"]
    )
    topics = s.agenda_topics[["区分", "協議事項", "件数", "順位"]] if len(s.agenda_topics) else None
    first = HEADER_ROW + len(themes) + 2
    if topics is not None:
        first += len(topics) + 2
    ws = book.sheet("協議事項", "協議事項", header_row=first)
    columns = fit_page(columns_of(listing))
    widths = _shared_widths(columns, [themes] + ([topics] if topics is not None else []))
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    styles = [TOTAL if v == TOTAL else None for v in themes["区分"].tolist()]
    end = write_table(
        book,
        ws,
        themes,
        HEADER_ROW,
        columns=_with(themes, widths),
        row_styles=styles,
        set_widths=False,
    )
    if topics is not None:
        top = end + 2
        ws.write_string(top - 1, 0, "よく取り上げられた協議事項", book.heading)
        end = write_table(book, ws, topics, top, columns=_with(topics, widths), set_widths=False)
    last = write_table(book, ws, listing, first, columns=columns, set_widths=False)
    ws.freeze_panes(first + 1, 0)
    ws.autofilter(first, 0, max(last, first), len(listing.columns) - 1)
    if listing.empty:
        ws.write_string(first + 1, 0, "該当なし", book.subtitle)
    print_columns(ws, columns, last)


def _themes(s: Summary) -> pd.DataFrame:
    return s.agenda_themes


def _shared_widths(columns: list[Column], others: list[pd.DataFrame]) -> list[float]:
    widths = [c.width for c in columns]
    for df in others:
        for j, col in enumerate(columns_of(df)):
            if j < len(widths) and col.kind != "text":
                widths[j] = max(widths[j], col.width)
    return widths


def _with(df: pd.DataFrame | Listing, widths: list[float]) -> list[Column]:
    cols = columns_of(df)
    for j, col in enumerate(cols):
        col.width = widths[j]
        col.wrap = col.kind == "text"
    return cols


def requests_sheet(book: Book, s: Summary) -> None:
    """要望事項: the 問題解決活動 candidates first (2(7)), then every request."""
    listing = s.lists.requests.select(
        [
            "警察署",
            "協議会名",
            "開催日",
            "要望事項",
            "措置・回答",
            "状況",
            "経過日数",
            "長期",
            "備考",
            "対象",
            "ファイル",
            "シート",
        ]
    )
    candidates = s.lists.candidates
    top = HEADER_ROW + 1
    first = top + max(len(candidates), 1) + 3
    ws = book.sheet("要望事項", "要望事項", header_row=first)
    columns = fit_page(columns_of(listing))
    for j, col in enumerate(columns):
        ws.set_column(j, j, col.width)
    ws.write_string(
        HEADER_ROW,
        0,
        "問題解決活動の候補（長期: 会議から日数が過ぎても未回答・対応中の要望。"
        "措置を決めるか、問題解決活動のテーマに設定してください）",
        book.heading,
    )
    widths = [c.width for c in columns]
    end = write_table(
        book, ws, candidates, top, columns=_with(candidates, widths), set_widths=False
    )
    if candidates.empty:
        ws.write_string(top + 1, 0, "問題解決活動の候補はありません。", book.subtitle)
    ws.write_string(first - 1, 0, "要望事項の一覧", book.heading)
    last = write_table(book, ws, listing, first, columns=columns, set_widths=False)
    ws.freeze_panes(first + 1, 0)
    ws.autofilter(first, 0, max(last, first), len(listing.columns) - 1)
    if listing.empty:
        ws.write_string(first + 1, 0, "該当なし", book.subtitle)
    print_columns(ws, columns, max(last, end))


def receipts_sheet(book: Book, s: Summary) -> None:
    """受付簿: every file received in the period and what became of it, then HQ's
    decisions (settle) below."""
    listing = s.lists.receipts
    below = s.settlements
    ws = book.sheet("受付簿", "受付簿（期間内に受け付けたファイル）")
    columns = fit_page(columns_of(listing))
    widths = [c.width for c in columns]
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    last = write_table(book, ws, listing, HEADER_ROW, columns=columns, set_widths=False)
    if listing.empty:
        ws.write_string(
            HEADER_ROW + 1, 0, "期間内に受け付けたファイルはありません。", book.subtitle
        )
        last = HEADER_ROW + 1
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(listing.columns) - 1)
    if len(below):
        top = last + 3
        ws.write_string(top - 1, 0, "取下げ・採用の記録（kyogikai settle）", book.heading)
        last = write_table(book, ws, below, top, columns=_with(below, widths), set_widths=False)
    print_columns(ws, columns, last)


def findings_sheet(book: Book, s: Summary) -> Worksheet:
    return table_sheet(book, "検証結果", s.lists.findings)
