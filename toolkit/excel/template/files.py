"""Where a council's template goes, and filling a template by its defined names."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path

import openpyxl

from toolkit.fileio import write_atomic

_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?")


def safe_file_name(text: str) -> str:
    """`text` usable as one Windows file or folder name.

    Characters Windows forbids become `_`; trailing dots and spaces (which Windows drops)
    are removed, and device names such as `CON` get a `_` so they are plain names.
    """
    name = _ILLEGAL.sub("_", text).rstrip(". ")
    if not name:
        return "_"
    if _RESERVED.fullmatch(name):
        return name + "_"
    return name


def template_path_for(out_dir: Path, station: str, facility: str, council: str) -> Path:
    """Where the template of one council goes: `out_dir/<警察署>/<施設名>_<協議会名>.xlsx`."""
    return out_dir / safe_file_name(station) / (safe_file_name(f"{facility}_{council}") + ".xlsx")


def fill_by_names(src: Path, dst: Path, values: Mapping[str, object]) -> None:
    """Fill a template by its defined names and save the result atomically to `dst`.

    Each key of `values` is a workbook-scoped defined name; its value (text, number, date,
    time or None) goes into the cell the name points at, keeping that cell's number format.
    Text is always stored as text, also when it starts with "="; "" empties the cell.
    Unknown names raise KeyError.
    """
    wb = openpyxl.load_workbook(src)
    for key, value in values.items():
        if key not in wb.defined_names:
            raise KeyError(key)
        ((sheet, ref),) = list(wb.defined_names[key].destinations)
        cell = wb[sheet][ref.replace("$", "")]
        if isinstance(value, bool) or not isinstance(
            value, str | int | float | date | time | type(None)
        ):
            raise TypeError(f"{key}: cannot write {type(value).__name__}")
        cell.value = value if value != "" else None
        if isinstance(value, str) and value:
            cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    write_atomic(dst, out.getvalue())
