"""Recognising a confirmed layout by what is printed: its labels at their places and the
merged boxes around its fields, never its values or the file's name.

A station may insert rows inside a table (or delete some of its printed rows): everything
below the table then moves by as many rows, and the label that follows the table is
looked for in its column, further down or up. Nothing else may move. A sheet where a label
moved, went missing or a box changed elsewhere only resembles the layout: it is read by
judgement, and the record says which layout it resembles and what moved (`Resemblance`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from toolkit.normalize import label_key
from toolkit.reading.grid import Grid
from toolkit.reading.layouts.model import Box, Label, LayoutMap, Place, place_text

MIN_LABELS = 3  # fewer printed words than this identify no layout
MAX_GROW = 200  # rows a station may insert into one table
# A layout that fails on more than this share of its labels does not resemble the sheet.
RESEMBLANCE = 0.75
_SHOWN = 4  # differences named in a finding


@dataclass(frozen=True)
class Shift:
    """Rows a matched sheet has more (or fewer) than the map below each of its tables:
    (last row of the table on the map, rows added below it so far)."""

    steps: tuple[tuple[int, int], ...] = ()

    def rows(self, row: int) -> int:
        """How far a row of the map has moved on the sheet."""
        delta = 0
        for last, moved in self.steps:
            if row > last:
                delta = moved
        return delta


@dataclass(frozen=True)
class Resemblance:
    """A confirmed layout a sheet only nearly matches, and what differs (Japanese)."""

    layout: LayoutMap
    differences: tuple[str, ...]

    @property
    def text(self) -> str:
        shown = "、".join(self.differences[:_SHOWN])
        more = len(self.differences) - _SHOWN
        return shown + (f" ほか{more}か所" if more > 0 else "")


def match(layout: LayoutMap, grid: Grid) -> Shift | None:
    """How the sheet lies against `layout` when it is that layout; None when it is not."""
    if len(layout.labels) < MIN_LABELS:
        return None
    if not all(label_at(grid, lab, lab.place.r0, lab.place.c0) for lab in layout.head):
        return None
    shift, differences = _align(layout, grid, tolerant=False)
    return shift if not differences else None


class Index:
    """The confirmed layouts by the cell of the first label each must have where the map
    has it (`LayoutMap.head`): a sheet is tried only against the layouts whose label is
    printed there, found with one lookup per such cell, before any layout is walked. Maps
    of one form (the same title at the same cell) are told apart by a label of each that
    no other map has at that place, above its tables (where nothing moves): one more
    lookup, instead of a walk over every label of each."""

    def __init__(self, layouts: tuple[LayoutMap, ...]) -> None:
        self.layouts = layouts
        self.always: list[LayoutMap] = []  # no label above its tables: tried on every sheet
        self.at: dict[tuple[int, int], list[LayoutMap]] = {}
        self.own: dict[int, Label] = {}  # id of a map → a fixed label only it has there
        usable = [m for m in layouts if len(m.labels) >= MIN_LABELS]  # others identify nothing
        counts: dict[tuple[str, Box, bool], int] = {}
        for layout in usable:
            for lab in set(_fixed(layout)):
                spot = (lab.text, lab.place.box, lab.prefix)
                counts[spot] = counts.get(spot, 0) + 1
        for layout in usable:
            if not layout.head:
                self.always.append(layout)
                continue
            first = layout.head[0].place
            self.at.setdefault((first.r0, first.c0), []).append(layout)
            own = [
                lab for lab in _fixed(layout) if counts[(lab.text, lab.place.box, lab.prefix)] == 1
            ]
            if own:
                self.own[id(layout)] = own[0]

    def candidates(self, grid: Grid) -> list[LayoutMap]:
        """The layouts that may match `grid`, in the order of `layouts`."""
        found = {id(m) for m in self.always}
        for (r, c), maps in self.at.items():
            value = grid.value(r, c)
            if not isinstance(value, str):
                continue
            key = cell_key(value)
            for m in maps:
                lab = m.head[0]
                if not (key.startswith(lab.text) if lab.prefix else key == lab.text):
                    continue
                own = self.own.get(id(m))
                if own is None or label_at(grid, own, own.place.r0, own.place.c0):
                    found.add(id(m))
        return [m for m in self.layouts if id(m) in found]


def _fixed(layout: LayoutMap) -> list[Label]:
    """The labels a matching sheet has exactly where the map has them: those above the
    first table that grows (as `LayoutMap.head`, all of them)."""
    first = layout.growing[0][1] if layout.growing else 10**9
    return [lab for lab in layout.ordered_labels if lab.place.r0 <= first]


_INDEX: list[Index] = []  # the index of the layouts of this run (one set per run)


def index_of(layouts: tuple[LayoutMap, ...]) -> Index:
    """The index of `layouts`, made once for the run's layouts."""
    if _INDEX and _INDEX[0].layouts is layouts:
        return _INDEX[0]
    found = Index(layouts)
    _INDEX[:] = [found]
    return found


def resemble(layouts: tuple[LayoutMap, ...], grid: Grid) -> Resemblance | None:
    """The confirmed layout the sheet most nearly matches, when one is near enough."""
    best: tuple[float, Resemblance] | None = None
    printed: set[str] | None = None
    for layout in layouts:
        if len(layout.labels) < MIN_LABELS:
            continue
        if printed is None:
            printed = set(_index(grid))
        words = [lab.text for lab in layout.labels if not lab.prefix]
        if sum(w in printed for w in words) < RESEMBLANCE * len(words):
            continue  # most of its words are not printed here at all
        _, differences = _align(layout, grid, tolerant=True)
        share = 1 - len(differences) / (len(layout.labels) + len(layout.boxes))
        if differences and share >= RESEMBLANCE and (best is None or share > best[0]):
            best = (share, Resemblance(layout, tuple(differences)))
    return best[1] if best is not None else None


def _align(layout: LayoutMap, grid: Grid, *, tolerant: bool) -> tuple[Shift, list[str]]:
    """Walk the labels from the top: each where the map has it, moved down only by the
    tables above it. The differences found (all of them when `tolerant`, else the first)."""
    bands = list(layout.growing)
    delta = 0
    steps: list[tuple[int, int]] = []
    differences: list[str] = []
    spots: dict[str, list[tuple[int, int]]] | None = None
    for lab in layout.ordered_labels:
        r0, c0 = lab.place.r0, lab.place.c0
        passed = [b for b in bands if b[1] < r0] if bands else bands
        if passed:
            bands = [b for b in bands if b[1] >= r0]
            first, last = min(b[0] for b in passed), max(b[1] for b in passed)
            found = _search(grid, lab, r0 + delta, first + delta + 1)
            if found is not None:
                delta = found - r0
                steps.append((last, delta))
                continue
        elif label_at(grid, lab, r0 + delta, c0):
            continue
        differences.append(_missing(lab))
        if not tolerant:
            return Shift(tuple(steps)), differences
        if spots is None:
            spots = _index(grid)
        near = _nearest(spots.get(lab.text, []), (r0 + delta, c0))
        if near is not None:
            differences[-1] = f"「{lab.text}」{_cell(lab.place)}→{place_text((*near, *near))}"
            if near[1] == c0:
                delta = near[0] - r0  # rows added or deleted above it: the rest follows
    shift = Shift(tuple(steps))
    for box in layout.boxes:
        if box.sheet is not None:
            continue
        d = shift.rows(box.r0)
        if boxes(grid).box(box.r0 + d, box.c0) != (box.r0 + d, box.c0, box.r1 + d, box.c1):
            differences.append(f"枠 {box.moved(d).a1} がありません")
            if not tolerant:
                break
    return shift, differences


def label_at(grid: Grid, lab: Label, r: int, c: int) -> bool:
    """Whether the label is printed at (r, c), over a box of its size (the words first:
    most maps tried on a sheet fail on them, before any merged box is looked up)."""
    if r < 0:
        return False
    value = grid.value(r, c)
    if not isinstance(value, str):
        return False
    key = cell_key(value)
    if lab.prefix:
        if not key.startswith(lab.text):
            return False
    elif key != lab.text:
        return False
    p = lab.place
    box = boxes(grid).box(r, c)
    if box[0] != r or box[1] != c:
        return False
    return box[2] - box[0] == p.r1 - p.r0 and box[3] - box[1] == p.c1 - p.c0


class Boxes:
    """The merged boxes of a grid by row: `Grid.box` and `Grid.anchor` without indexing
    every cell each box covers (a map looks at a few dozen cells of a sheet; the index of
    every covered cell costs more than all of them). Same answers as the grid's, its caps
    on absurd boxes included."""

    __slots__ = ("_by_row",)

    def __init__(self, merges: list[Box]) -> None:
        by_row: dict[int, list[tuple[int, int, Box]]] = {}
        for b in reversed(merges):  # overlapping boxes: the last one wins, as the grid's
            spot = (b[1], min(b[3], b[1] + _COLS_CAP), b)
            for r in range(b[0], min(b[2], b[0] + _ROWS_CAP) + 1):
                by_row.setdefault(r, []).append(spot)
        self._by_row = by_row

    def box(self, r: int, c: int) -> Box:
        found = self._by_row.get(r)
        if found:
            for c0, c1, b in found:
                if c0 <= c <= c1:
                    return b
        return r, c, r, c

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        b = self.box(r, c)
        return b[0], b[1]


_ROWS_CAP, _COLS_CAP = 500, 200  # as `Grid.box` caps a box that runs off the sheet
_BOXES: list[tuple[Grid, Boxes]] = []  # the grid looked at last, and its boxes


def boxes(grid: Grid) -> Boxes:
    """The boxes of `grid` (kept for the grid being read: it is asked many times)."""
    if _BOXES and _BOXES[0][0] is grid:
        return _BOXES[0][1]
    found = Boxes(grid.merges)
    _BOXES[:] = [(grid, found)]
    return found


@functools.lru_cache(maxsize=8192)
def cell_key(text: str) -> str:
    """`label_key` of a cell's text, kept: the same words are looked at for every map."""
    return label_key(text)


def _search(grid: Grid, lab: Label, expected: int, lowest: int) -> int | None:
    """The row of the label that follows a table: where expected, else the nearest row
    of its column below `lowest` (the table keeps at least one row) where it is printed."""
    c = lab.place.c0
    if label_at(grid, lab, expected, c):
        return expected
    for step in range(1, MAX_GROW + 1):
        for r in (expected + step, expected - step):
            if lowest <= r < grid.height and label_at(grid, lab, r, c):
                return r
    return None


def _index(grid: Grid) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for r, c, v in grid.cells():
        if isinstance(v, str) and grid.anchor(r, c) == (r, c):
            key = label_key(v)
            if key and len(key) <= 40:
                out.setdefault(key, []).append((r, c))
    return out


def _nearest(spots: list[tuple[int, int]], at: tuple[int, int]) -> tuple[int, int] | None:
    if not spots:
        return None
    return min(spots, key=lambda s: abs(s[0] - at[0]) + abs(s[1] - at[1]))


def _missing(lab: Label) -> str:
    return f"「{lab.text}」（{_cell(lab.place)}）がありません"


def _cell(place: Place) -> str:
    return place_text((place.r0, place.c0, place.r0, place.c0))


def same_layout(layout: LayoutMap, other: LayoutMap) -> bool:
    """Whether `other` (proposed from another sheet) is the layout `layout` describes: its
    printed words and boxes, laid out as a sheet, match `layout`."""
    height = max([p.r1 for p in _printed(other)] + [0]) + 1
    width = max([p.c1 for p in _printed(other)] + [0]) + 1
    rows: list[list[object]] = [[""] * width for _ in range(height)]
    for lab in other.labels:
        rows[lab.place.r0][lab.place.c0] = lab.text + ("…" if lab.prefix else "")
    merges = [lab.place.box for lab in other.labels if lab.place.box[:2] != lab.place.box[2:]]
    merges += [b.box for b in other.boxes if b.sheet is None]
    return match(layout, Grid("", rows, merges)) is not None


def _printed(layout: LayoutMap) -> list[Place]:
    return [lab.place for lab in layout.labels] + [b for b in layout.boxes if b.sheet is None]


def one_copy(labels: tuple[Label, ...]) -> tuple[Label, ...]:
    """The labels of the first copy of a form printed several times on one sheet (two
    meetings one under the other, or side by side): what identifies the layout is one
    form, not how many the sheet holds."""
    if len(labels) < 2 * MIN_LABELS:
        return labels
    at = {(lab.text, lab.place.r0, lab.place.c0) for lab in labels}
    first = min(labels, key=lambda lab: (lab.place.r0, lab.place.c0))
    for other in sorted(labels, key=lambda lab: (lab.place.r0, lab.place.c0)):
        if other is first or other.text != first.text:
            continue
        dr, dc = other.place.r0 - first.place.r0, other.place.c0 - first.place.c0
        images = {
            (lab.text, lab.place.r0 + dr, lab.place.c0 + dc)
            for lab in labels
            if (lab.text, lab.place.r0 + dr, lab.place.c0 + dc) in at
        }
        base = tuple(lab for lab in labels if (lab.text, lab.place.r0, lab.place.c0) not in images)
        if len(base) >= MIN_LABELS and len(images) * 2 >= len(labels) - len(base):
            return base
    return labels
