"""区分 chosen by a mark: the 協議事項 table prints a column per 区分 beside its topics
(活動状況 | 事件事故 | 催事行事 | その他, no 区分 column), and each topic's row has a
「○」 under its own. The mark's column is the topic's 区分, and the record says so."""

from __future__ import annotations

import unicodedata

from toolkit.model import ReadNote
from toolkit.normalize import canonical_category
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.region import Labels

_MARKS = frozenset("○◯〇●◎✓✔レ")


def category_marks(raw: RawReport, grid: Grid, hits: Labels) -> set[tuple[int, int]]:
    """Give each topic with no 区分 the 区分 of the one column where its row is marked;
    the header cells of those columns (to account for them as printed words)."""
    if not raw.agenda or raw.agenda_cell is None or raw.agenda_cell.sheet != grid.sheet:
        return set()
    if any(category.value is not None for category, _, _ in raw.agenda):
        return set()
    header = _header_row(grid, hits, raw.agenda_cell.row, raw.agenda_cell.col)
    if header is None:
        return set()
    heads: dict[int, str] = {}
    for c in range(grid.width):
        if grid.anchor(header, c) != (header, c) or (header, c) in hits:
            continue
        category = canonical_category(grid.value(header, c))
        if category is not None:
            heads[c] = category
    if len(heads) < 2:
        return set()
    marked = 0
    for i, (_category, topic, remarks) in enumerate(raw.agenda):
        if topic.cell is None or topic.value is None:
            continue
        box = grid.box(topic.cell.row, topic.cell.col)
        hits_on = [
            (r, c)
            for r in range(box[0], box[2] + 1)
            for c in heads
            if grid.anchor(r, c) == (r, c) and _mark(grid.value(r, c))
        ]
        if len({c for _, c in hits_on}) == 1:
            r, c = hits_on[0]
            raw.agenda[i] = (RawCell(heads[c], grid.ref(r, c)), topic, remarks)
            marked += 1
    if not marked:
        return set()
    first = grid.ref(header, min(heads))
    raw.notes.append(
        ReadNote(
            "I1.category-marks",
            "agenda",
            first,
            (("where", f"{first.a1}:{grid.ref(header, max(heads)).a1}"), ("count", str(marked))),
        )
    )
    return {(header, c) for c in heads}


def _header_row(grid: Grid, hits: Labels, row: int, col: int) -> int | None:
    """The row of the 協議事項 header over the table's first topic."""
    above = [
        (r, c)
        for (r, c), h in hits.items()
        if h.kind == "header" and h.name == "topic" and r < row and h.box[1] <= col <= h.box[3]
    ]
    return max(above)[0] if above else None


def _mark(value: object) -> bool:
    return isinstance(value, str) and unicodedata.normalize("NFKC", value).strip() in _MARKS
