"""Golden workbooks: a workbook read back as `(sheet, cell, value, number_format)` rows.

Two workbooks are equal for us when these rows are equal: what a person sees in every cell
and how it is shown. Dates and times are written in ISO form, numbers as JSON numbers.
Nothing that legitimately differs between runs (creation time of the file, zip order)
takes part.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl

Row = tuple[str, str, Any, str]


def workbook_rows(path: Path) -> list[Row]:
    """Every cell that shows something, sheet by sheet, row by row."""
    wb = openpyxl.load_workbook(path)
    try:
        rows: list[Row] = []
        for ws in wb.worksheets:
            for line in ws.iter_rows():
                for cell in line:
                    if cell.value is None or cell.value == "":
                        continue  # nothing shows
                    rows.append((ws.title, cell.coordinate, _plain(cell.value), cell.number_format))
        return rows
    finally:
        wb.close()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def save_rows(rows: list[Row], path: Path) -> None:
    """One JSON array per line: diffs of a changed golden file stay readable."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(list(row), ensure_ascii=False) + "\n")


def load_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [tuple(json.loads(line)) for line in fh if line.strip()]  # type: ignore[misc]


def differences(expected: list[Row], actual: list[Row], limit: int = 20) -> list[str]:
    """Readable lines for the first cells that differ (empty when the workbooks agree)."""
    want = {(r[0], r[1]): r for r in expected}
    got = {(r[0], r[1]): r for r in actual}
    out: list[str] = []
    for key in sorted(want.keys() | got.keys()):
        if want.get(key) != got.get(key):
            out.append(f"{key[0]}!{key[1]}: expected {want.get(key)!r}, got {got.get(key)!r}")
            if len(out) >= limit:
                break
    return out
