"""The summary workbook (集計表) for the 地域課長, written with xlsxwriter.

Sheets, in order: 概況, 集計表, 提出状況, 督促, 年度実施状況, 開催一覧, 協議事項, 要望事項,
検証結果, グラフ (SPEC.md, "Summary workbook contract", names them; in the sheets' text 点検 is
the one word for what the checks found), then 受付簿 (the files received in the period). 概況 is one A4
page; every sheet has a title row with the period and, under it, the workbook's one cut-off
(meetings up to …, received up to …), frozen headers, an autofilter, widths that
fit Japanese text and print legibly on A4 landscape (`book`), coloured statuses, and its
file and machine columns outside the print area. グラフ holds the charts' data and native
charts (`charts`).

The workbook is written with `constant_memory`: each row goes to disk as soon as the next
row starts, so a fiscal year of 50,000 reports is written in flat memory. Every sheet here is
written strictly top to bottom, which is all that mode asks; widths are computed from the
tables before writing instead of autofit, and strings are stored inline rather than shared.

Dates are real dates shown in 和暦: `R8.10.15` in tables, 令和8年10月15日 in titles.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.aggregate import Summary
from toolkit.errors import InputError, OperationalError, os_error_reason
from toolkit.fileio import Protected, atomic_workbook, guard_output
from toolkit.writing.summary import charts, sheets
from toolkit.writing.summary.book import Book
from toolkit.writing.xlsx import close_book

SHEETS = (
    "概況",
    "集計表",
    "提出状況",
    "督促",
    "年度実施状況",
    "開催一覧",
    "協議事項",
    "要望事項",
    "検証結果",
    "グラフ",
    "受付簿",
)


class SummaryWriteError(InputError):
    """The summary workbook cannot be written where asked (Japanese message, exit 2)."""


def write_summary(summary: Summary, path: Path, *, protected: Protected | None = None) -> None:
    """Write the summary workbook to `path` (.xlsx), atomically.

    The workbook is written to a temporary file in the same folder and renamed over `path`,
    so a reader never sees half a file. Writing over an input, into the ledger's archive,
    or over a file kyogikai did not write is refused (`protected`, see
    `fileio.guard_output`), as is a target that is a folder or not named .xlsx. A failure
    to write (a read-only folder, a full disk) is an `OperationalError`; no partial file is
    left behind.
    """
    path = Path(path)
    check_target(path, protected or Protected())
    try:
        with atomic_workbook(path) as (tmp, scratch):
            _write(summary, tmp, scratch)
    except OSError as exc:
        raise OperationalError(
            f"集計表「{path}」を書き出せません（{os_error_reason(exc)[0]}）。"
            "書き込めるフォルダか、ディスクの空きを確認してください。"
        ) from exc


def check_target(path: Path, protected: Protected) -> None:
    """Refuse a summary target before any work is done: not .xlsx, a folder, a folder that
    is a file, or a file that must not be replaced (`fileio.guard_output`)."""
    if path.suffix.lower() != ".xlsx":
        raise SummaryWriteError(
            f"出力ファイル「{path}」の名前は .xlsx で終わるようにしてください。"
        )
    if path.is_dir():
        raise SummaryWriteError(f"出力先「{path}」はフォルダです。ファイル名を指定してください。")
    for folder in (path.parent, *path.parent.parents):
        if folder.exists() and not folder.is_dir():
            raise SummaryWriteError(
                f"出力先のフォルダ「{folder}」はファイルです。フォルダの場所を指定してください。"
            )
    guard_output(path, protected)


def _write(summary: Summary, path: Path, scratch: Path) -> None:
    scope = summary.station or "全警察署"
    book = Book(
        path,
        summary.period.label,
        summary.created,
        scope,
        summary.notes,
        scratch=scratch,
        cutoff=summary.cutoff,
    )
    sheets.overview_sheet(book, summary)
    sheets.tally_sheet(book, summary)
    sheets.submissions_sheet(book, summary)
    sheets.reminders_sheet(book, summary)
    sheets.yearly_sheet(book, summary)
    sheets.meetings_sheet(book, summary)
    sheets.agenda_sheet(book, summary)
    sheets.requests_sheet(book, summary)
    sheets.findings_sheet(book, summary)
    charts.chart_sheet(book, summary)
    sheets.receipts_sheet(book, summary)
    close_book(book.wb)
