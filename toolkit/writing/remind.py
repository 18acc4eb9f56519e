"""The monthly letter HQ sends each police station (督促・確認依頼): one workbook, printed on
A4 portrait, that a 署 clerk can answer on the paper itself.

It is addressed to the station's 地域課長 from the sender of the settings ([papers]), dated,
with the day the answers are due (回答期限), who to ask (担当, 警電), and up to three tables,
each under the whole instruction (wrapped, never cut at the paper's edge) and each with a
blank 回答 column:
1. the planned meetings not reported (督促, 2(6)イ and 2(9)) — 経過日数 counted from the end
   of the planned month, and the reports HQ already holds for that council this fiscal year;
2. the reports returned for correction and not yet resubmitted;
3. the requests still open or pending past the setting (長期): their 措置状況 is asked for,
   not a resubmission (2(7)).
A station with nothing to answer gets a page that says so.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from toolkit.aggregate.remind import StationList
from toolkit.era import wareki
from toolkit.fileio import atomic_workbook, safe_file_name
from toolkit.settings import Settings
from toolkit.text import wrapped_lines
from toolkit.writing.summary.book import Book, columns_of, fit_page, write_table
from toolkit.writing.summary.style import LINE_HEIGHT
from toolkit.writing.xlsx import close_book

NAME = "督促・確認依頼"
ANSWER = "回答"
PAGE_UNITS = 92.0  # character units across A4 portrait at 10 pt, 0.5" margins


def remind_path(out_dir: Path, station: str) -> Path:
    """Where a station's list goes: `<out_dir>/<警察署>_督促・確認依頼.xlsx`."""
    safe = safe_file_name(station)
    return out_dir / f"{safe}_{NAME}.xlsx"


def due_day(settings: Settings) -> date:
    """The day the answers are due (回答期限)."""
    return settings.today + timedelta(days=settings.reply_days)


def sections(item: StationList, settings: Settings) -> list[tuple[str, pd.DataFrame, str]]:
    """The letter's tables with their headings and instructions (empty ones left out)."""
    days = settings.reminder_days
    long_days = settings.problem_solving_days
    chase = item.chase[["協議会名", "予定月", "会議種別", "経過日数", "届いている報告"]].rename(
        columns={"経過日数": "経過日数（予定月の末日から）"}
    )
    fixes = item.corrections[["協議会名", "開催日", "ファイル名", "誤り", "受付日"]]
    asks = item.requests[["協議会名", "開催日", "要望事項", "措置・回答", "状況", "経過日数"]]
    out = [
        (
            "年間計画の会議で、報告書が届いていないもの（督促）",
            chase.assign(**{ANSWER: None}),
            "年間計画の予定月（前後1か月を含む）に開いた会議の報告書が、本部に届いていません。"
            f"経過日数は予定月の末日から数えた日数で、{days}日を過ぎたものを載せています。"
            "「届いている報告」は、この協議会について本部が今年度受け付けている報告書です。"
            "開催していれば報告書を速やかに提出し、「回答」欄に開催日を記入してください。"
            "開催していなければ、開催の予定（時期）を記入してください（2の(6)イ、2の(9)）。",
        ),
        (
            "誤りがあり、修正した報告書が届いていないもの",
            fixes.assign(**{ANSWER: None}),
            "確認用の写しで誤りをお知らせした報告書です。写しの指摘のとおり修正して再提出し"
            "（元のファイルを直しても、写しに直接記入しても構いません）、「回答」欄に再提出の日を"
            "記入してください。",
        ),
        (
            "措置・回答が決まっていない要望事項（長期）",
            asks.assign(**{ANSWER: None}),
            f"会議から{long_days}日を過ぎても措置・回答が未回答または対応中の要望事項です。"
            "報告書の再提出は不要です。現在の措置状況（措置した内容、見込みの時期、相手方の"
            "回答など）を「回答」欄に記入してください。時間を要する問題は、問題解決活動の"
            "テーマに設定して計画的に進めてください（2の(7)）。",
        ),
    ]
    return [(heading, df, lead) for heading, df, lead in out if not df.empty]


def write_station_list(item: StationList, path: Path, settings: Settings) -> None:
    """Write one station's list to `path`, atomically."""
    with atomic_workbook(path) as (tmp, scratch):
        _write(item, tmp, scratch, settings)


def _write(item: StationList, path: Path, scratch: Path, settings: Settings) -> None:
    today = settings.today
    book = Book(
        path,
        wareki(today),
        today,
        item.station,
        [],
        scratch=scratch,
        kind="remind",
        document=NAME,
    )
    ws = book.wb.add_worksheet(NAME)
    ws.set_portrait()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(f"&L{settings.sender}&C&P / &N&R{wareki(today)}")
    shown = sections(item, settings)
    widths = _widths([df for _, df, _ in shown])
    last = len(widths) - 1
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    span = sum(widths)
    wrap = book.wb.add_format({"font_name": "游ゴシック", "font_size": 10, "text_wrap": True,
                               "valign": "top"})  # fmt: skip
    bold = book.wb.add_format({"font_name": "游ゴシック", "font_size": 10, "bold": True,
                               "text_wrap": True, "valign": "top"})  # fmt: skip

    def paragraph(row: int, text: str, fmt: object = wrap) -> int:
        lines = wrapped_lines(text, (span - 1) * 1.1)
        ws.set_row(row, LINE_HEIGHT * lines + 3)
        if last > 0:
            ws.merge_range(row, 0, row, last, text, fmt)
        else:
            ws.write_string(row, 0, text, fmt)
        return row + 1

    ws.set_row(0, 22)
    ws.write_string(0, 0, f"{item.station}　地域課長　殿", book.heading)
    ws.write_string(1, 0, f"{wareki(today)}　{settings.sender}", book.subtitle)
    ws.set_row(3, 24)
    ws.write_string(3, 0, f"交番・駐在所連絡協議会　{NAME}", book.title)
    row = 5
    contact = "　".join(
        part
        for part in (
            f"担当 {settings.contact}" if settings.contact else "",
            f"警電 {settings.phone}" if settings.phone else "",
        )
        if part
    )
    if shown:
        row = paragraph(
            row,
            f"下記の事項を確認し、回答期限の{wareki(due_day(settings))}までに、各表の「回答」欄に"
            f"記入して、本書を{settings.sender}へ返送してください。"
            + (f"問い合わせ先: {contact}。" if contact else ""),
            bold,
        )
    else:
        row = paragraph(row, "督促・確認をお願いする事項はありません。")
        if contact:
            row = paragraph(row, f"問い合わせ先: {contact}")
    row += 1
    for number, (heading, df, lead) in enumerate(shown, start=1):
        ws.write_string(row, 0, f"{number}　{heading}", book.heading)
        row = paragraph(row + 1, lead)
        columns = columns_of(df)
        for j, col in enumerate(columns):
            col.width = widths[j]
            col.wrap = col.kind == "text"
        row = write_table(book, ws, df, row, columns=columns, set_widths=False) + 2
    ws.print_area(0, 0, row, max(last, 0))
    close_book(book.wb)


def _widths(tables: list[pd.DataFrame]) -> list[float]:
    """Shared column widths that fit A4 portrait; the 回答 column of each table is given
    room to write in."""
    widths: list[float] = []
    for df in tables:
        columns = columns_of(df)
        for col in columns:
            if col.name == ANSWER:
                col.width = 22.0
        for j, col in enumerate(fit_page(columns, limit=PAGE_UNITS)):
            width = min(col.width, 30.0)
            if j >= len(widths):
                widths.append(width)
            else:
                widths[j] = max(widths[j], width)
    while widths and sum(widths) > PAGE_UNITS:
        widest = max(range(len(widths)), key=lambda j: widths[j])
        widths[widest] = max(8.0, round(widths[widest] * 0.9, 1))
        if widths[widest] == 8.0 and sum(widths) > PAGE_UNITS:
            break
    return widths or [80.0]
