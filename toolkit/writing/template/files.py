"""Where a council's template goes, and filling a template by its defined names."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path

import openpyxl

from toolkit.fileio import safe_file_name, write_atomic
from toolkit.writing.textcell import put


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
        put(cell, value if value != "" else None)
    out = io.BytesIO()
    wb.save(out)
    write_atomic(dst, out.getvalue())
