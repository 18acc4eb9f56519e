"""A sheet as the readers see it: cell values by position, merged areas, and what was read.

Both the defined-name reader and the label-anchored reader work on a `Grid`, whatever
library filled it, so the reading logic does not depend on the file format.

Values that a person reads on the sheet but that are not in the cells (text typed in a text
box, an option circled or struck through) are laid over the cells they stand in
(`Grid.overlaid`), each with its `Origin`, so that the record can say where they came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from toolkit.cells import Cell
from toolkit.raw import RawCell

Box = tuple[int, int, int, int]  # r0, c0, r1, c1; 0-based, inclusive


@dataclass(frozen=True, slots=True)
class Origin:
    """How a value laid over a cell came to be there.

    `note` says it in Japanese, naming what was found ("テキストボックスの文字", "楕円で
    囲まれた「定期」"); `inferred` is true when reading it took a judgement that may be
    wrong (a circled option, a struck word left out, two text boxes joined), so that the
    record carries a warning instead of a note.
    """

    kind: str  # "textbox" | "mark" | "struck" | "unsure"
    note: str
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Unread:
    """An area covered by a shape whose content the format does not let us read."""

    box: Box
    what: str  # the kind of shape, in Japanese


@dataclass
class Grid:
    """Cell values of one sheet by 0-based (row, col); empty cells are absent or ''."""

    sheet: str
    rows: Sequence[Sequence[object]]
    merges: list[Box] = field(default_factory=list)
    # Values laid over cells from shapes and struck text, by (row, col): how they came.
    origins: dict[tuple[int, int], Origin] = field(default_factory=dict)
    unread: list[Unread] = field(default_factory=list)
    # The text a cell shows when its number format changes what its value means (a phone
    # 215 shown as 0215), as (row, col, value) -> text or None; None: formats unknown.
    shown: Callable[[int, int, object], str | None] | None = field(default=None, repr=False)
    # What is not printed is not the report (SPEC, "Layouts HQ confirms"): hidden rows and
    # columns (0-based) and the print area when one is set, as the sheet's reader found them.
    # Filled by `reading.printed` from the sheet's XML (.xlsx, .xlsm), content.xml (.ods)
    # or its BIFF records (.xls). The print area is the box around all its parts.
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    print_area: Box | None = None
    # Values taken off the grid because they are not printed (hidden, or outside the print
    # area), by (row, col): read only to explain what is printed, never as a value.
    unprinted: dict[tuple[int, int], object] = field(default_factory=dict)
    # The print area cuts through the form (a label or a merged box outside it): it was
    # not taken as the edge of the report, and the sheet was read whole.
    print_area_cut: bool = False
    _cover: dict[tuple[int, int], Box] | None = field(default=None, repr=False)
    # The non-empty cells, found once: several readers look at them all (not copied by
    # `dataclasses.replace`, which gives a grid new rows).
    _filled: list[tuple[int, int, object]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def overlaid(
        self,
        values: dict[tuple[int, int], object],
        origins: dict[tuple[int, int], Origin],
        unread: list[Unread],
    ) -> Grid:
        """A copy of the grid with `values` laid over their cells (None empties one)."""
        rows = [list(r) for r in self.rows]
        for (r, c), v in values.items():
            while len(rows) <= r:
                rows.append([])
            row = rows[r]
            if len(row) <= c:
                row.extend([""] * (c + 1 - len(row)))
            row[c] = "" if v is None else v
        merged = {**self.origins, **origins}
        # Same merged areas: the index of what they cover is shared, not built again.
        return Grid(
            self.sheet,
            rows,
            self.merges,
            origins=merged,
            unread=[*self.unread, *unread],
            shown=self.shown,
            hidden_rows=self.hidden_rows,
            hidden_cols=self.hidden_cols,
            print_area=self.print_area,
            unprinted=self.unprinted,
            print_area_cut=self.print_area_cut,
            _cover=self._cover,
        )

    def origin(self, r: int, c: int) -> Origin | None:
        """How the value at (r, c) came to be there, when it was laid over the cell."""
        return self.origins.get((r, c)) if self.origins else None

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
        if self._filled is None:
            filled = []
            for r, row in enumerate(self.rows):
                for c, v in enumerate(row):
                    if v is None or v == "":
                        continue
                    if isinstance(v, str) and not v.strip():
                        continue
                    filled.append((r, c, v))
            self._filled = filled
        return iter(self._filled)

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
