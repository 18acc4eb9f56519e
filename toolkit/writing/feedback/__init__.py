"""Feedback copies: a station's workbook sent back with every finding marked on its cell.

`write_feedback` writes, for a file with findings, one workbook into the feedback folder:

- an .xlsx / .xlsm that openpyxl can open: a copy of it, with a first sheet 確認事項 that
  lists the findings (each cell reference a link into the cell), and every cell named by a
  finding filled soft red (誤り) or amber (警告) and carrying a comment with the message;
- an .xls / .ods (openpyxl cannot write them): a new `<stem>_確認事項.xlsx` holding the list
  and a values-only copy of each report sheet, marked the same way;
- a file that could not be read: a new `<stem>_確認事項.xlsx` holding only the list, which
  says why, so that the station still gets an answer. So does a readable file that changed
  since it was checked (its cells may no longer match) or whose sheets are too large for
  openpyxl; an .xlsx that openpyxl fails on gets the values-only copy.

Naming: the copy goes to `out_dir/<name of the original's folder>/<file name>` (the station
folder in the usual `reports/<station>/<box>.xlsx` layout, so HQ can send each folder back
as it is). Every file written carries a custom document property recording which original
it came from; a later copy of a different original with the same folder and file name gets
`_2`, `_3`, … before its extension, and a copy of the same original replaces the earlier
one. A file at the target that this module did not write is never replaced, and a target
that is the original itself is refused (`FeedbackError`). The original is only read; the
copy is written to a temporary file in the target folder and moved into place.

What survives in the annotated copy: values, formulas, cell formats, merged cells (openpyxl
rebuilds the borders of a merged box from its corner cells), data validations, conditional
formats, defined names, print settings, sheet protection, hyperlinks, existing comments
(their text; openpyxl resets their box size and position), and, verbatim, everything on
each sheet's drawing layer — pasted photos (same bytes, same anchor, cropping and rotation
included), shapes, text boxes, ○ marks, charts — which is copied part for part from the
original after openpyxl has saved. Macros of an .xlsm are
kept (never run). What does not: form controls (check boxes, buttons), Excel 2010+
extensions such as data validations whose list lies on another sheet, sparklines, slicers,
threaded comments (their plain-comment text stays), and pictures in headers and footers.
The list sheet says so when the original had form controls. That is one reason the officer
is asked to correct the original and resubmit it, not this copy.

Modules: `rows` (findings → the lines of the list), `list_sheet` (the 確認事項 sheet),
`marks` (fills and comments), `annotate` (the copy of an .xlsx / .xlsm), `drawings` (its
drawing layer, copied verbatim), `values` (the values-only copy), `target` (where the copy
goes, and the property that marks it as ours).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import os_error_reason
from toolkit.excel.guard import Unreadable, sniff
from toolkit.fileio import FileLockedError, read_input, write_atomic
from toolkit.results import FileResult
from toolkit.writing.feedback.annotate import annotated
from toolkit.writing.feedback.list_sheet import (
    FEEDBACK_SHEET,
    HEADERS,
    TITLE_PREFIX,
    WIDTHS,
    list_only,
)
from toolkit.writing.feedback.marks import AUTHOR
from toolkit.writing.feedback.rows import (
    ERROR_COLOR,
    SEVERITY_JA,
    WARNING_COLOR,
    Context,
    Letter,
    rows_of,
)
from toolkit.writing.feedback.target import (
    MAX_NUMBERED,
    SOURCE_PROPERTY,
    FeedbackError,
    source_key,
    target,
)
from toolkit.writing.feedback.values import values_copy

__all__ = [
    "AUTHOR",
    "ERROR_COLOR",
    "FEEDBACK_SHEET",
    "HEADERS",
    "MAX_NUMBERED",
    "MAX_SHEET_BYTES",
    "NEW_BOOK_SUFFIX",
    "SEVERITY_JA",
    "SOURCE_PROPERTY",
    "TITLE_PREFIX",
    "WARNING_COLOR",
    "WIDTHS",
    "FeedbackError",
    "Letter",
    "write_feedback",
]

NEW_BOOK_SUFFIX = "_確認事項.xlsx"
MAX_SHEET_BYTES = 48 * 2**20  # worksheet XML beyond which no copy is made, only the list

_FORMATS_OPENPYXL_WRITES = {"xlsx": ".xlsx", "xlsm": ".xlsm"}


@dataclass
class _Book:
    """The workbook to send back, before it is written."""

    data: bytes
    name: str  # file name in the target folder


def write_feedback(
    result: FileResult,
    out_dir: Path,
    *,
    password: str | None = None,
    folder: str | None = None,
    letter: Letter | None = None,
) -> Path | None:
    """Write the feedback workbook of one checked file; return its path, or None when the
    file asks the station nothing to correct (no finding, or only request follow-up and
    what HQ settles: `findings.asks_correction`). `letter` says who returns it, when, and
    by when the corrected report is due.

    The original is read, never written; an encrypted original is opened with `password`
    and the copy is written unencrypted. The copy goes into the subfolder `folder` of
    `out_dir` (default: named like the original's folder). Raises `FeedbackError` when the target would be
    the original or a file this module did not write, and `OSError` when the folder
    cannot be written.
    """
    rows = rows_of(result)
    if not rows:
        return None
    source = Path(result.source)
    key = source_key(source)
    book = _build(Context(result, rows, letter=letter), password, key)
    path = target(Path(out_dir), source, book.name, key, folder)
    write_atomic(path, book.data, durable=True)
    return path


def _build(ctx: Context, password: str | None, key: str) -> _Book:
    stem = Path(ctx.result.path).stem
    opened = _open_original(ctx, password)
    if opened is not None:
        book = _copy(ctx, *opened, key, stem)
        if book is not None:
            return book
    return _Book(list_only(ctx, key), stem + NEW_BOOK_SUFFIX)


def _copy(ctx: Context, fmt: str, data: bytes, key: str, stem: str) -> _Book | None:
    """The annotated copy; the values-only copy when openpyxl cannot write the format or
    read the file; None, with the reason noted, when neither can be made."""
    if fmt in _FORMATS_OPENPYXL_WRITES:
        if _sheet_bytes(data) > MAX_SHEET_BYTES:
            # openpyxl holds every cell as an object: a sheet this large would take minutes
            # and gigabytes, where a report form is a few kilobytes.
            ctx.notes.append(
                "元のブックが大きすぎるため、セルに印を付けず、一覧だけを作成しました。"
            )
            return None
        try:
            return _Book(annotated(data, fmt, ctx, key), stem + _FORMATS_OPENPYXL_WRITES[fmt])
        except Exception:  # openpyxl fails on some files that calamine reads
            ctx.notes.append(
                "元のブックをそのまま写すことができなかったため、報告書のシートの値だけを"
                "写しました（書式・画像は写していません）。"
            )
    else:
        ctx.notes.append(
            f"元のファイルは .{fmt} 形式のため、直接色やコメントを付けられません。"
            "報告書のシートの値だけを写した確認用のブックです（書式・画像は写していません）。"
        )
    try:
        return _Book(values_copy(data, fmt, ctx, key), stem + NEW_BOOK_SUFFIX)
    except Exception:  # a sheet calamine read at check time but not now
        ctx.notes.append("報告書のシートを写すことができませんでした。")
        return None


def _open_original(ctx: Context, password: str | None) -> tuple[str, bytes] | None:
    """(format, plain bytes) of an original worth copying, or None with the reason noted."""
    if not any(c.report is not None for c in ctx.result.reports):
        return None  # unreadable: the findings say why
    path = Path(ctx.result.source)
    try:
        data = read_input(path)
    except (OSError, FileLockedError) as exc:
        reason = os_error_reason(exc)[0] if isinstance(exc, OSError) else "使用中"
        ctx.notes.append(f"元のファイルを開けなかったため（{reason}）、一覧だけを作成しました。")
        return None
    if ctx.result.sha256 and hashlib.sha256(data).hexdigest() != ctx.result.sha256:
        ctx.notes.append(
            "点検の後で元のファイルが変更されたため、セルに印を付けず、一覧だけを作成しました。"
        )
        return None
    try:
        sniffed = sniff(data, path.name, password=password)
    except Unreadable:
        ctx.notes.append("元のファイルを開けなかったため、一覧だけを作成しました。")
        return None
    if sniffed.decrypted:
        ctx.notes.append(
            "元のファイルはパスワードで保護されていますが、この写しはパスワードなしで"
            "作成しています。取扱いに注意してください。"
        )
    return sniffed.format, sniffed.data


def _sheet_bytes(data: bytes) -> int:
    """Uncompressed size of the worksheet parts of a package (the guard has checked that
    the sizes the zip declares are honest)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
