"""One way to put a value into an openpyxl cell: as a value, never as a formula.

openpyxl turns any string that starts with "=" into a formula and refuses control
characters, and Excel reads `_x0008_` in a cell as the character it encodes. Every value
that comes from a report, the registry or a file name passes through `put`, so text from
outside stays the text it was (for the workbooks written with xlsxwriter, `xlsx.write_text`
and the summary's streamed rows do the same).
"""

from __future__ import annotations

from typing import Any

from toolkit.text import cell_text


def put(cell: Any, value: object) -> None:
    """Store `value` in `cell`: text as text (control characters dropped, `_xHHHH_` kept
    literal, a leading "=" not a formula); numbers, dates and None as they are."""
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def text_of(value: object) -> str:
    """Text for places that are not cells but end up in the file's XML (comments, sheet
    titles, hyperlink text)."""
    return cell_text(value)
