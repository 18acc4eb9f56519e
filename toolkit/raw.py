"""What a sheet holds before normalisation: values exactly as the workbook stores them.

Both readers (defined names and labels) produce a `RawReport`; `parse.build_report` turns it
into the record. Kept apart from the Excel libraries so that parsing never depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.cells import Cell
from toolkit.model import Overflow, ReadNote


@dataclass(frozen=True, slots=True)
class RawCell:
    """A value as the workbook holds it (str, float, int, bool, date, datetime, time) and its cell."""

    value: object
    cell: Cell | None


@dataclass
class RawReport:
    """What one report sheet holds, field by field, each value with its cell."""

    sheet: str
    # canonical key -> cells found for it (the first is the value; several for values that
    # spread over cells such as 開催日時); an empty list means the label has no value.
    fields: dict[str, list[RawCell]] = field(default_factory=dict)
    # canonical key -> the cell where a missing value should have been written
    expected: dict[str, Cell] = field(default_factory=dict)
    agenda: list[tuple[RawCell, RawCell, RawCell]] = field(default_factory=list)
    agenda_cell: Cell | None = None
    requests: list[tuple[RawCell, RawCell]] = field(default_factory=list)
    requests_cell: Cell | None = None
    template_version: str | None = None
    council_id: str | None = None
    pictures: int = 0
    overflows: list[Overflow] = field(default_factory=list)
    # Lists written beside their label instead of in the form's tables: the cells of each
    # (one a row, in order), to be split into items by `parse`. Keys: "topic", "request",
    # "response".
    lists: dict[str, list[RawCell]] = field(default_factory=dict)
    notes: list[ReadNote] = field(default_factory=list)
    # How the sheet was read: "template" (our defined names), "confirmed" (a layout map HQ
    # confirmed; `layout_id` names it) or "labels" (judged from the printed labels).
    method: str = "labels"
    layout_id: str | None = None
    # Printed text that no label, value or known decoration accounts for, and the share of
    # the printed non-empty cells that are accounted for (None: not measured). Filled for
    # every report by `reading.coverage` (our template's sheets too), over the report's
    # part of the sheet; cells not printed (hidden, outside the print area) are not counted.
    unread: list[RawCell] = field(default_factory=list)
    coverage: float | None = None
    # Where on the sheet this report lies when a sheet holds several (r0, c0, r1, c1,
    # 0-based, inclusive): a copy of the form (`reading.units`), a row or a column of a
    # register (`reading.records`); None: the whole sheet.
    area: tuple[int, int, int, int] | None = None

    def first(self, key: str) -> RawCell | None:
        cells = self.fields.get(key)
        return cells[0] if cells else None
