"""Where a value lies around its printed label, and what its cells show.

The value of a label is to its right, up to the next printed label on that row; a label
merged over several rows may have a value on each of them; text typed one line a row
continues on the rows below while the label's own columns stay empty. Numbers are read as
the cell shows them when the number format changes their meaning (`Grid.shown`).

The label reader and the list reader both work through these helpers; the labels they
pass in are any objects with a kind, a name and a box (`labelread.Hit`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Protocol

from toolkit.raw import RawCell
from toolkit.reading.grid import Box, Grid
from toolkit.reading.sheetkind import is_hint

# How far text may continue below its label, in rows: a free-text field of the form is
# rarely longer, and a bound keeps a stray column of text from being read as one field.
MAX_CONTINUED_ROWS = 40


class Label(Protocol):
    """A printed word found on the sheet (see `labelread.Hit`)."""

    @property
    def kind(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def box(self) -> Box: ...


Labels = Mapping[tuple[int, int], Label]


def shown_value(grid: Grid, r: int, c: int) -> object:
    """The value of a cell as a person reads it: a number or an early date through its
    number format (0215, 00, 15日), a datetime whose time is hidden as its date; any other
    value as it is. None when empty."""
    v = grid.value(r, c)
    if grid.shown is None or v is None or isinstance(v, str | bool):
        return v
    timed = isinstance(v, datetime) and v.time() != time(0)
    if isinstance(v, date) and v.year > 1900 and not timed:
        return v  # a plain date: its format cannot change what it means
    text = grid.shown(r, c, v)
    if text is None:
        return v
    return text if text.strip() else None


def scan_right(
    grid: Grid,
    labels: Labels,
    r: int,
    start: int,
    multi: bool,
    stop_col: int | None = None,
    *,
    shown: bool = True,
) -> list[RawCell]:
    """Values to the right of a label in row r, up to the next printed word.

    With `multi`, every value up to there (a date typed over several cells); otherwise
    the first. Cells merged down from a row above are not this row's values.
    """
    found: list[RawCell] = []
    width = row_width(grid, r)
    last = width - 1 if stop_col is None else min(stop_col, width - 1)
    c = start
    while c <= last:
        ar, ac = grid.anchor(r, c)
        box = grid.box(r, c)
        if (ar, ac) in labels:
            break
        if ar == r:
            v = grid.value(ar, ac)
            if shown and v is not None and not isinstance(v, str):
                v = shown_value(grid, ar, ac)
            if v is not None and not is_hint(v) and not _separator(v):
                found.append(RawCell(v, grid.ref(ar, ac)))
                if not multi:
                    break
        c = box[3] + 1
    return found


_SEPARATOR = re.compile(r"[\s:：=＝]+")


def _separator(value: object) -> bool:
    """A cell that only separates a label from its value (a 「：」 column): never a value."""
    return isinstance(value, str) and _SEPARATOR.fullmatch(value) is not None


def next_label_col(labels: Labels, r: int, after: int) -> int | None:
    """The first column right of `after` where a printed word starts on row r."""
    cols = _columns_by_row(labels).get(r, ())
    at = bisect.bisect_right(cols, after)
    return cols[at] if at < len(cols) else None


_BY_ROW: list[tuple[Labels, dict[int, list[int]]]] = []


def _columns_by_row(labels: Labels) -> dict[int, list[int]]:
    """The columns where words start, row by row, for the labels of the sheet being read
    (kept for that one sheet: asked for each field of it)."""
    if _BY_ROW and _BY_ROW[0][0] is labels:
        return _BY_ROW[0][1]
    index: dict[int, list[int]] = {}
    for r, c in sorted(labels):
        index.setdefault(r, []).append(c)
    _BY_ROW[:] = [(labels, index)]
    return index


def window_right(grid: Grid, labels: Labels, box: Box) -> tuple[int, int]:
    """The columns of a label's value: right of it, up to the next word on its first row."""
    r0, _, _, c1 = box
    nxt = next_label_col(labels, r0, c1)
    return c1 + 1, (nxt - 1 if nxt is not None else max(row_width(grid, r0) - 1, c1 + 1))


def row_width(grid: Grid, r: int) -> int:
    """How many cells row r has (the sheet's width, for a grid read by calamine)."""
    return len(grid.rows[r]) if 0 <= r < grid.height else 0


def label_rows(grid: Grid, labels: Labels, box: Box, cols: tuple[int, int]) -> list[list[RawCell]]:
    """Values on the rows of a label merged over several rows (after its first row)."""
    r0, _, r1, _ = box
    rows: list[list[RawCell]] = []
    for r in range(r0 + 1, r1 + 1):
        if _labelled(labels, r, cols):
            break
        cells = scan_right(grid, labels, r, cols[0], True, cols[1])
        if cells:
            rows.append(cells)
    return rows


def continued_rows(
    grid: Grid,
    labels: Labels,
    after_row: int,
    label_cols: tuple[int, int] | None,
    cols: tuple[int, int],
    limit: int = MAX_CONTINUED_ROWS,
) -> list[list[RawCell]]:
    """Rows below `after_row` that continue a value in columns `cols`: each has a value
    there, no printed word there, and nothing in the label's columns `label_cols` (None
    when the label is above its value). The first row that fails ends the value."""
    rows: list[list[RawCell]] = []
    r = after_row + 1
    while r < grid.height and len(rows) < limit:
        if label_cols is not None and _occupied(grid, labels, r, label_cols):
            break
        if _labelled(labels, r, cols):
            break
        cells = scan_right(grid, labels, r, cols[0], True, cols[1])
        if not cells:
            break
        rows.append(cells)
        r = max(grid.box(c.cell.row, c.cell.col)[2] for c in cells if c.cell) + 1
    return rows


def _labelled(labels: Labels, r: int, cols: tuple[int, int]) -> bool:
    return any(lr == r and cols[0] <= c <= cols[1] for (lr, c) in labels)


def _occupied(grid: Grid, labels: Labels, r: int, cols: tuple[int, int]) -> bool:
    """Whether anything is written in columns `cols` of row r (a label, a value, or a cell
    merged down from above that is not empty)."""
    for c in range(cols[0], cols[1] + 1):
        anchor = grid.anchor(r, c)
        if anchor in labels or grid.value(*anchor) is not None:
            return True
    return False
