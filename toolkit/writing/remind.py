"""The monthly list HQ sends each police station: one workbook, one printed A4 page.

It is addressed to the station's 地域課長 from 地域指導係, dated, and holds three tables:
the planned meetings to report (督促, 2(6)イ and 2(9)), the reports returned for
correction and not yet resubmitted, and the requests still open or pending past the
setting (2(7)). A station with nothing to report gets a page that says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from toolkit.aggregate.remind import StationList
from toolkit.era import wareki
from toolkit.fileio import atomic_workbook, safe_file_name
from toolkit.writing.summary.book import Book, columns_of, fit_page, write_table
from toolkit.writing.xlsx import close_book

NAME = "督促・確認依頼"


def remind_path(out_dir: Path, station: str) -> Path:
    """Where a station's list goes: `<out_dir>/<警察署>_督促・確認依頼.xlsx`."""
    safe = safe_file_name(station)
    return out_dir / f"{safe}_{NAME}.xlsx"


def write_station_list(item: StationList, path: Path, today: date, days: int) -> None:
    """Write one station's list to `path`, atomically."""
    with atomic_workbook(path) as (tmp, scratch):
        _write(item, tmp, scratch, today, days)


def _write(item: StationList, path: Path, scratch: Path, today: date, days: int) -> None:
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
    ws.set_footer(f"&L生活安全部地域課地域指導係&R{wareki(today)}")
    tables = [
        (
            "年間計画の会議で、報告が届いていないもの（督促）",
            item.chase[["協議会名", "予定月", "会議種別", "経過日数", "予定議題", "協議会ID"]],
            f"予定月（前後1か月を含む）の末日から{days}日を過ぎても報告がありません。"
            "開催していれば報告書を速やかに提出し、開催していなければ予定を連絡してください"
            "（2の(6)イ、2の(9)）。",
        ),
        (
            "誤りがあり、修正後の再提出がないもの",
            item.corrections[["協議会名", "開催日", "ファイル名", "誤り", "受付日"]],
            "確認用の写しで指摘した誤りを、元の報告書で修正して再提出してください。",
        ),
        (
            "措置・回答が長期間決まっていない要望事項",
            item.requests[["協議会名", "開催日", "要望事項", "措置・回答", "状況", "経過日数"]],
            "措置の状況を参加者に連絡し、時間を要するものは問題解決活動のテーマに設定してください"
            "（2の(7)）。",
        ),
    ]
    widths = _widths([df for _, df, _ in tables])
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.set_row(0, 22)
    ws.write_string(0, 0, f"{item.station}　地域課長　殿", book.heading)
    ws.write_string(1, 0, f"{wareki(today)}　生活安全部地域課地域指導係", book.subtitle)
    ws.set_row(3, 24)
    ws.write_string(3, 0, f"交番・駐在所連絡協議会　{NAME}", book.title)
    row = 5
    if item.empty:
        ws.write_string(row, 0, "督促・確認をお願いする事項はありません。", book.subtitle)
        row += 2
    shown = [(heading, df, lead) for heading, df, lead in tables if not df.empty]
    for number, (heading, df, lead) in enumerate(shown, start=1):
        ws.write_string(row, 0, f"{number}　{heading}", book.heading)
        ws.write_string(row + 1, 0, lead, book.subtitle)
        columns = columns_of(df)
        for j, col in enumerate(columns):
            col.width = widths[j]
            col.wrap = col.kind == "text"
        row = write_table(book, ws, df, row + 2, columns=columns, set_widths=False) + 2
    ws.print_area(0, 0, row, max(len(widths) - 1, 0))
    close_book(book.wb)


def _widths(tables: list) -> list[float]:
    """Shared column widths that fit A4 portrait (about 85 units of 10 pt type)."""
    widths: list[float] = []
    for df in tables:
        for j, col in enumerate(fit_page(columns_of(df), limit=85)):
            if j >= len(widths):
                widths.append(col.width)
            else:
                widths[j] = max(widths[j], col.width)
    return [min(w, 30.0) for w in widths] or [20.0]
