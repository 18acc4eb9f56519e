"""What a reading library raises on a broken file, as `Unreadable` with Japanese words.

Only the libraries' own error types are caught (or another type raised inside a pure-Python
reader's own code): an error in our code, or a call that does not fit the installed library,
is a bug and must not pass for a broken station file.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from python_calamine import CalamineError

from toolkit.excel.guard import Unreadable

# What the readers raise on a broken file: python-calamine's own errors; from openpyxl (the
# bounded window) and the zip, deflate and XML layers under it, ValueError (defusedxml's
# refusals and UnicodeDecodeError among them), LookupError (a part, style or string the
# file names but does not hold) and the rest.
_BROKEN_FILE: tuple[type[Exception], ...] = (
    CalamineError,
    ValueError,
    LookupError,
    EOFError,
    OverflowError,
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    ExpatError,
)


# Pure-Python readers, whose own code raises other types too on what a file holds: openpyxl
# builds its objects from the file's XML attributes (an attribute it does not know is a
# TypeError).
_PYTHON_READERS = frozenset({"openpyxl", "et_xmlfile", "defusedxml", "zipfile", "xml"})


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Errors that a reading library (calamine, openpyxl, zipfile) raises on a broken file
    become `Unreadable`. Only library calls are wrapped, and only the libraries' error types
    are caught, or another type raised inside a pure-Python reader's own code. An error in
    our own reading code, or a call that does not fit the installed library (a missing
    attribute, an unexpected keyword: raised where we call it), is a bug, and must not pass
    for a broken file."""
    try:
        yield
    except (Unreadable, MemoryError):
        raise
    except _BROKEN_FILE as exc:
        raise explained(exc) from exc
    except Exception as exc:
        if not _raised_in_a_reader(exc):
            raise
        raise explained(exc) from exc
    except BaseException as exc:
        if not is_panic(exc):
            raise
        raise explained(exc) from exc


def _raised_in_a_reader(exc: BaseException) -> bool:
    """Whether the innermost frame of the exception is a pure-Python reader's own code."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    return module.split(".")[0] in _PYTHON_READERS


def is_panic(exc: BaseException) -> bool:
    """pyo3 turns a Rust panic into PanicException, which derives from BaseException, not
    Exception: calamine panics on some values it cannot convert (a time of -1e308)."""
    return type(exc).__name__ == "PanicException"


# A library's (English) error text → what to tell the user, in Japanese.
_EXPLANATIONS = (
    (("utf-8", "utf8", "decode", "encoding"), "文字コードが不正な部分があります"),
    (("float", "integer", "parse int", "number"), "数値のデータが壊れています"),
    (
        ("range", "cell reference", "row component", "column component", "dimension"),
        "セル番地が不正です",
    ),
    (("xml", "node", "tag", "attribute", "expecting"), "XMLの構造が壊れています"),
    (("zip", "file format", "archive"), "ファイルの構造が壊れています"),
)


def explained(exc: BaseException) -> Unreadable:
    """A reader's error (often English, from calamine) as a finding a user can act on; the
    library's own words are not shown to the user."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = text.lower()
    if "password" in lowered or "encrypt" in lowered:
        return Unreadable("F1.encrypted")
    if "cell limit" in lowered or "too large" in lowered:
        return Unreadable("F1.too-large", "セルの数が上限を超えています")
    if "larger than its declared" in lowered:
        return Unreadable("F1.zip-bomb", "部品が目録の記載より大きく展開されます")
    reason = next(
        (words for keys, words in _EXPLANATIONS if any(k in lowered for k in keys)),
        "読み取りに失敗しました",
    )
    return Unreadable("F1.corrupt", f"ブックの構造を読み取れません: {reason}")
