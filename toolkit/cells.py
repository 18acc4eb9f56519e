"""Positions on a sheet: one structured type, one A1 printer, one A1 parser.

A position stays a `Cell` (sheet, 0-based row and column) from the reader to whatever uses
it — a finding, a feedback mark, a link — and is printed as `Sheet!A1` only when it is shown
or stored as text. `Cell.parse` and `parse_a1` are the only places that read A1 text back
(defined names of a workbook, the ledger's stored findings, a test's expectation).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

MAX_ROWS = 1_048_576  # Excel's grid
MAX_COLS = 16_384


class Cell(NamedTuple):
    """One cell of one sheet; `row` and `col` are 0-based."""

    sheet: str
    row: int
    col: int

    @property
    def a1(self) -> str:
        """The cell's address without its sheet: `H12`."""
        return f"{column_letter(self.col)}{self.row + 1}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.a1}"

    @classmethod
    def parse(cls, text: str, sheet: str | None = None) -> Cell:
        """A `Cell` from `Sheet!A1`, `'My sheet'!$A$1`, or a bare `A1` with `sheet` given.

        Raises ValueError for anything else.
        """
        name, bang, ref = text.rpartition("!")
        if bang:
            if len(name) >= 2 and name[0] == name[-1] == "'":
                name = name[1:-1].replace("''", "'")
        elif sheet is not None:
            name = sheet
        else:
            raise ValueError(f"no sheet in cell reference {text!r}")
        row, col = parse_a1(ref)
        return cls(name, row, col)


@functools.lru_cache(maxsize=4096)
def column_letter(col: int) -> str:
    """Excel column letters from a 0-based index (0 → A, 26 → AA)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """0-based index of column letters (A → 0, XFD → 16383)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


_A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def parse_a1(ref: str) -> tuple[int, int]:
    """0-based (row, col) of an A1 reference such as `$G$12` or `G12`.

    Raises ValueError for anything that is not one cell inside Excel's grid.
    """
    m = _A1.fullmatch(ref.strip())
    if m is None:
        raise ValueError(f"not an A1 reference: {ref!r}")
    row, col = int(m.group(2)) - 1, column_index(m.group(1))
    if not (0 <= row < MAX_ROWS and 0 <= col < MAX_COLS):
        raise ValueError(f"outside the sheet: {ref!r}")
    return row, col


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """0-based (r0, c0, r1, c1) of `A1` or `A1:C3` (either corner may carry `$`)."""
    first, _, last = ref.partition(":")
    r0, c0 = parse_a1(first)
    r1, c1 = parse_a1(last) if last else (r0, c0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)
