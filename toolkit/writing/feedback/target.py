"""Where a feedback copy goes, and the mark that tells our copies from any other file.

The copy goes to `out_dir/<name of the original's folder>/<file name>` (or to a subfolder
the caller names: a police station). Every file written
carries a custom document property naming (by a hash, not by its path) the original it
came from; a later copy of a different original with the same folder and file name gets
`_2`, `_3`, … before its extension, and a copy of the same original replaces the earlier
one. A file at the target that we did not write is never replaced, and a target that is
the original itself is refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import unicodedata
import zipfile
from pathlib import Path

from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.workbook import Workbook

from toolkit.excel.guard import Unreadable
from toolkit.excel.ooxml import PROPERTY_PREFIX, custom_properties
from toolkit.fileio import OUTPUT_PROPERTY, ZIP_TROUBLE
from toolkit.results import FileResult

SOURCE_PROPERTY = PROPERTY_PREFIX + "feedback_source"
# The content hashes of the reports a copy was made from: a copy sent back unchanged is
# still our output; one whose report differs is the station's correction.
CONTENT_PROPERTY = PROPERTY_PREFIX + "report_content"
MAX_NUMBERED = 99

_KEY = re.compile(r"[0-9a-f]+")


class FeedbackError(Exception):
    """The copy cannot be written where asked: it would replace the original or a file
    that is not a feedback copy."""


def source_key(source: Path) -> str:
    """Which original a copy came from, without writing its path into the copy."""
    return hashlib.sha256(os.fsencode(source.absolute())).hexdigest()[:16]


def sent_contents(result: FileResult) -> str:
    """The content hashes of the reports of `result`, for `CONTENT_PROPERTY`."""
    return ",".join(c.content for c in result.reports if c.content)


def save(wb: Workbook, key: str, contents: str = "") -> bytes:
    """The bytes of `wb`, marked as the feedback copy of the original with `key`, made
    from reports whose content hashes are `contents` (comma-separated)."""
    props = wb.custom_doc_props  # type: ignore[attr-defined]  # openpyxl ≥ 3.1, not in stubs
    marks = ((SOURCE_PROPERTY, key), (OUTPUT_PROPERTY, "feedback"), (CONTENT_PROPERTY, contents))
    for name, value in marks:
        if name in props.names:
            del props[name]
        if value:
            props.append(StringProperty(name=name, value=value))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def target(out_dir: Path, source: Path, name: str, key: str, subfolder: str | None = None) -> Path:
    """The path for the copy named `name` of the original `source` (whose key is `key`),
    in `out_dir`'s `subfolder` (default: named like the original's folder). Raises
    `FeedbackError` when no path may be used. Names are written in one spelling (NFC): a
    name typed on a Mac (NFD) and the same name typed on Windows are one name, so two
    originals spelled so get two copies that can be told apart (`_2`), never two files
    whose names look the same."""
    folder = out_dir / unicodedata.normalize("NFC", subfolder or source.absolute().parent.name)
    name = unicodedata.normalize("NFC", name)
    stem, suffix = posixpath.splitext(name)
    for n in range(1, MAX_NUMBERED + 1):
        candidate = folder / (name if n == 1 else f"{stem}_{n}{suffix}")
        if _same_file(candidate, source):
            raise FeedbackError(
                f"確認用の写しの出力先「{candidate}」が元のファイルと同じです。"
                "別のフォルダを指定してください。"
            )
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        owner = _owner(candidate)
        if owner == key:
            return candidate
        if owner is None and n == 1:
            raise FeedbackError(
                f"出力先に「{candidate}」があり、確認用の写しではないため上書きしません。"
                "空のフォルダを指定してください。"
            )
    raise FeedbackError(f"「{folder / name}」と同じ名前の写しが多すぎます。")


def _same_file(candidate: Path, source: Path) -> bool:
    if candidate.resolve() == source.resolve():
        return True
    try:
        return os.path.samefile(candidate, source)
    except OSError:
        return False


_TROUBLE: tuple[type[Exception], ...] = (*ZIP_TROUBLE, Unreadable)


def _owner(path: Path) -> str | None:
    """The source key recorded in a feedback copy, or None for any other file."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            key = custom_properties(zf).get(SOURCE_PROPERTY.removeprefix(PROPERTY_PREFIX))
    except _TROUBLE:
        return None
    return key if key is not None and _KEY.fullmatch(key) else None
