"""A sheet as the readers see it: cell values by position, merged areas, and what was read.

Both the defined-name reader and the label-anchored reader work on a `Grid`, whatever
library filled it, so the reading logic does not depend on the file format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from toolkit.cells import Cell
from toolkit.raw import RawCell

Box = tuple[int, int, int, int]  # r0, c0, r1, c1; 0-based, inclusive


@dataclass
class Grid:
    """Cell values of one sheet by 0-based (row, col); empty cells are absent or ''."""

    sheet: str
    rows: Sequence[Sequence[object]]
    merges: list[Box] = field(default_factory=list)
    # The text a cell shows when its number format changes what its value means (a phone
    # 215 shown as 0215), as (row, col, value) -> text or None; None: formats unknown.
    shown: Callable[[int, int, object], str | None] | None = field(default=None, repr=False)
    _cover: dict[tuple[int, int], Box] | None = field(default=None, repr=False)

    def value(self, r: int, c: int) -> object:
        """The value at (r, c), or None when empty or outside the sheet."""
        if r < 0 or c < 0 or r >= len(self.rows):
            return None
        row = self.rows[r]
        if c >= len(row):
            return None
        v = row[c]
        if v is None or v == "":
            return None
        if isinstance(v, str) and not v.strip():
            return None
        return v

    def ref(self, r: int, c: int) -> Cell:
        return Cell(self.sheet, r, c)

    def raw(self, r: int, c: int) -> RawCell:
        return RawCell(self.value(r, c), self.ref(r, c))

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cells(self) -> Iterator[tuple[int, int, object]]:
        """Non-empty cells, row by row."""
        for r, row in enumerate(self.rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, str) and not v.strip():
                    continue
                yield r, c, v

    def box(self, r: int, c: int) -> Box:
        """The merged area covering (r, c), or the cell itself."""
        if self._cover is None:
            cover: dict[tuple[int, int], Box] = {}
            for b in self.merges:
                r0, c0, r1, c1 = b
                # Guard against absurd merges: only the part inside the sheet matters.
                r1 = min(r1, r0 + 500)
                c1 = min(c1, c0 + 200)
                for rr in range(r0, r1 + 1):
                    for cc in range(c0, c1 + 1):
                        cover[(rr, cc)] = b
            self._cover = cover
        return self._cover.get((r, c), (r, c, r, c))

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """Top-left cell of the merged area covering (r, c)."""
        b = self.box(r, c)
        return b[0], b[1]
