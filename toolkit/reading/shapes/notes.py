"""What the record says about values that came from shapes or struck text.

After a sheet is read, every value it gave is looked up in the grid's origins: a value
read by judgement (a circled option, struck words left out, text boxes joined, a box over
two cells) becomes a `ReadNote` naming its field and cell, which the pipeline turns into a
warning; text read plainly from text boxes is listed in one note for the sheet. A field
left empty where a shape that cannot be read lies becomes an unreadable-value finding
instead of "not filled in".
"""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.cells import Cell
from toolkit.labels import printed
from toolkit.model import REQUIRED_KEYS, SCALAR_KEYS, ReadNote
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid, Origin, Unread

# Fields whose absence is an error (R1): an unreadable shape there is an error too; so is
# one over 出席者, the cell the two counts are read from.
REQUIRED = frozenset({*REQUIRED_KEYS, "attendance"})
UNREAD_CODES = frozenset({"S1.unreadable", "S1.unreadable-required"})
# Fields read with another's value: a date drawn in a shape takes its times with it.
_WITH = {
    "date": ("start_time", "end_time"),
    "time_range": ("start_time", "end_time"),
    "attendance": ("police_attendees", "civilian_attendees"),
}


def _cells(raw: RawReport) -> Iterator[tuple[str, RawCell]]:
    for key, cells in raw.fields.items():
        for cell in cells:
            yield key, cell
    for row in raw.agenda:
        for cell in row:
            yield "agenda", cell
    for request, response in raw.requests:
        yield "requests", request
        yield "requests", response


def _label(field: str) -> str:
    if field == "attendance":
        return "出席者数"
    if field == "time_range":
        return "開催時間"
    return printed(field)


def note_shapes(raw: RawReport, grid: Grid) -> list[str]:
    """Add to `raw.notes` what was inferred or could not be read; return the notes for
    the sheet (text read plainly from text boxes, shapes no field accounts for)."""
    plain: list[str] = []
    seen: set[tuple[int, int]] = set()
    if grid.origins:
        for key, rc in _cells(raw):
            if rc.cell is None or rc.value is None:
                continue
            pos = (rc.cell.row, rc.cell.col)
            origin = grid.origin(*pos)
            if origin is None or pos in seen:
                continue
            seen.add(pos)
            if origin.inferred:
                raw.notes.append(_inferred(key, rc.cell, origin))
            elif origin.kind == "textbox":
                plain.append(f"{_label(key)} {rc.cell.a1}")
    out = []
    if plain:
        out.append(
            f"シート「{grid.sheet}」: テキストボックスに書かれた文字を、その下のセルの値として"
            f"読みました（{'、'.join(plain)}）。"
        )
    out.extend(_unread(raw, grid))
    return out


def _inferred(field: str, cell: Cell, origin: Origin) -> ReadNote:
    params = (("label", _label(field)), ("where", cell.a1), ("note", origin.note))
    code = "S1.unsure" if origin.kind == "unsure" else "S1.inferred"
    return ReadNote(code, field, cell, params)


def _unread(raw: RawReport, grid: Grid) -> list[str]:
    """Unreadable shapes where a field has no value: a finding for the field; the others
    a note for the sheet."""
    if not grid.unread:
        return []
    used: set[int] = set()
    for key, where in _missing(raw):
        for i, area in enumerate(grid.unread):
            if _near(area, where):
                used.add(i)
                code = "S1.unreadable-required" if key in REQUIRED else "S1.unreadable"
                params = (("label", _label(key)), ("where", where.a1), ("what", area.what))
                raw.notes.append(ReadNote(code, key, where, params))
                break
    out = []
    for i, area in enumerate(grid.unread):
        if i not in used:
            at = grid.ref(area.box[0], area.box[1]).a1
            out.append(
                f"シート「{grid.sheet}」のセル {at} 付近に{area.what}があり、その中に書かれた"
                "値は読み取れませんでした。"
            )
    return out


def _missing(raw: RawReport) -> Iterator[tuple[str, Cell]]:
    """Fields with no value, and where the value should have been."""
    for key in (*SCALAR_KEYS, "attendance", "time_range", "discussion", "reference", "officers"):
        cells = raw.fields.get(key)
        if key not in raw.fields and key not in raw.expected:
            continue
        if cells and any(c.value is not None for c in cells):
            continue
        where = cells[0].cell if cells and cells[0].cell else raw.expected.get(key)
        if where is not None:
            yield key, where
    if not any(t.value is not None for _, t, _ in raw.agenda) and raw.agenda_cell is not None:
        yield "agenda", raw.agenda_cell
    if not any(q.value is not None for q, _ in raw.requests) and raw.requests_cell is not None:
        yield "requests", raw.requests_cell


def _near(area: Unread, cell: Cell) -> bool:
    """Whether an unreadable shape covers the cell, or lies on its row just right of it."""
    r0, c0, r1, c1 = area.box
    if r0 <= cell.row <= r1 and c0 <= cell.col <= c1:
        return True
    return r0 <= cell.row <= r1 and cell.col - 1 <= c0 <= cell.col + 12


def suppressed(notes: list[ReadNote]) -> frozenset[str]:
    """Fields whose value could not be read from a shape: R1 must not call them blank."""
    out: set[str] = set()
    for note in notes:
        if note.code in UNREAD_CODES and note.field:
            out.add(note.field)
            out.update(_WITH.get(note.field, ()))
    return frozenset(out)
