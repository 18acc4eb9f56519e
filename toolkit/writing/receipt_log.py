"""The 受付簿 workbook: HQ's record of the day each file arrived (read back by
`toolkit.receipts`). `kyogikai init` writes an empty one to fill in; the samples write theirs.

One sheet 受付簿 with the columns 受付日, 警察署, ファイル名, 備考; dates as dates shown in
和暦, the header frozen and filtered, printable on A4.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from toolkit.fileio import atomic_workbook
from toolkit.writing.xlsx import close_book, new_book, write_text

SHEET = "受付簿"
HEADERS = ("受付日", "警察署", "ファイル名", "備考")
WIDTHS = (14.0, 14.0, 60.0, 30.0)
NOTE = (
    "ファイル名は受信フォルダの中の場所（例: 中央警察署/2026-10-15_駅前交番連絡協議会.xlsx）"
    "か、ファイルの名前だけを書きます。受付日は届いた日です。"
)


def write_receipt_log(
    path: Path, rows: Sequence[tuple[date, str, str, str]], *, created: datetime | None = None
) -> None:
    """Write a 受付簿 with `rows` (受付日, 警察署, ファイル名, 備考) to `path`, atomically."""
    with atomic_workbook(path) as (tmp, scratch):
        book = new_book(tmp, scratch)
        book.set_properties({"title": "受付簿", "created": created or datetime(2026, 4, 1)})
        ws = book.add_worksheet(SHEET)
        head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        day = book.add_format({"num_format": '[$-411]ggge"年"m"月"d"日"', "align": "left"})
        for j, (name, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
            ws.set_column(j, j, width)
            ws.write_string(0, j, name, head)
        for i, (received, station, name, note) in enumerate(rows, start=1):
            ws.write_datetime(i, 0, datetime.combine(received, datetime.min.time()), day)
            write_text(ws, i, 1, station)
            write_text(ws, i, 2, name)
            if note:
                write_text(ws, i, 3, note)
        if not rows:
            write_text(ws, 1, 3, NOTE)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(HEADERS) - 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        close_book(book)
