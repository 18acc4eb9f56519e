"""New workbooks written with xlsxwriter: one way to open and close them.

Every workbook kyogikai writes with xlsxwriter keeps its temporary parts in the private
folder `fileio.atomic_workbook` gives (never in the system's temporary folder, where a
killed run would leave copies of report text), never turns text into formulas, links or
numbers, and reports a file it cannot write as an `OSError`, like every other writer.
"""

from __future__ import annotations

import contextlib
import errno
import zipfile
from pathlib import Path
from types import TracebackType
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError, FileSizeError

TEXT_AS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def write_text(ws: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
    """Write text from outside (a report, the registry) as text. xlsxwriter copies a string
    shaped "<r>…</r>" into the file as rich-text markup (with a bare & or < in it, a file
    Excel must repair); written in pieces, as a rich string of plain runs, it is escaped
    like any other text and reads back the same."""
    if text.startswith("<r>") and text.endswith("</r>"):
        ws.write_rich_string(row, col, text[:1], text[1:3], text[3:], fmt)
    else:
        ws.write_string(row, col, text, fmt)


def new_book(path: Path, scratch: Path, **options: Any) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook at `path` with its temporary parts in `scratch`."""
    return xlsxwriter.Workbook(str(path), {**TEXT_AS_TEXT, **options, "tmpdir": str(scratch)})


def close_book(book: xlsxwriter.Workbook) -> None:
    """Write the workbook out. A file that cannot be created or is too large raises OSError."""
    try:
        book.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            _close_zips(cause.__traceback__)
            raise cause from exc
        raise OSError(errno.EIO, str(exc)) from exc
    except FileSizeError as exc:
        raise OSError(errno.EFBIG, "ファイルが大きすぎます") from exc


def _close_zips(tb: TracebackType | None) -> None:
    """Close the zip file xlsxwriter was writing when the disk failed (it leaves it open):
    otherwise it is closed when collected, fails on the full disk again, and Python
    prints 「Exception ignored in ZipFile.__del__」 with a traceback after our message."""
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile):
                with contextlib.suppress(Exception):
                    value.close()  # fails writing its directory, but closes its file
        tb = tb.tb_next
