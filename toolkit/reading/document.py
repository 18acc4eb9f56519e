"""A report typed as a document in one cell: the 記書き of a letter.

Some stations type the whole report as a letter in one large merged cell:

    記
    １　日時　令和8年10月15日（木）午後2時から午後3時30分まで
    ２　場所　駅前公民館
    ３　出席者　警察官3名、民間11名
    …

Each numbered line starts with a label of the form and goes on with its value; a line
without a label continues the one above. The lines are laid out as a small grid of their
own (label | value, one line a row) and read by the same label reader as any sheet; every
value then points at the document's cell, and the record says it was read so.
"""

from __future__ import annotations

import re
import unicodedata

from toolkit.model import ReadNote
from toolkit.normalize import label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.labelread import FIELD_OF, HEADER_OF, find_hits, read_labelled

_NUMBER = re.compile(
    r"^[\s\u3000]*(?:[0-9０-９]{1,2}[\s\u3000.．、)）]|[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,2}[\s\u3000、.．])[\s\u3000]*"
)
_SPLIT = re.compile(r"[\s\u3000]+|[:：]\s*")
_A1 = re.compile(r"\b[A-Z]{1,2}[0-9]{1,4}\b")
_MIN_LINES = 4
_MEETING = frozenset({"date", "venue", "attendance", "police_attendees", "meeting_type"})
_AROUND = frozenset({"記", "以上"})
_MIN_LABELS = 3


def find_document(grid: Grid) -> tuple[int, int, list[str]] | None:
    """The cell that holds a report typed as a document, and its lines; None when the
    sheet has none."""
    best: tuple[int, int, list[str]] | None = None
    for r, c, v in grid.cells():
        if not isinstance(v, str) or v.count("\n") < _MIN_LINES - 1 or len(v) > 20000:
            continue
        lines = v.splitlines()
        fields = {FIELD_OF.get(label_key(found[0])) for line in lines if (found := _label_of(line))}
        # A letter names the meeting (日時, 場所, 出席者); exchanges typed in one box
        # (「要望：…」「回答：…」) name only list headers.
        meeting = len(fields & _MEETING) >= 2 and len(fields - {None}) >= _MIN_LABELS
        if meeting and (best is None or len(lines) > len(best[2])):
            best = (r, c, lines)
    return best


def _label_of(line: str) -> tuple[str, str] | None:
    """The label a document line starts with and the rest of the line, or None."""
    text = _NUMBER.sub("", line, count=1).strip()
    if not text:
        return None
    parts = _SPLIT.split(unicodedata.normalize("NFKC", text), maxsplit=1)
    head = parts[0]
    key = label_key(head)
    if key in FIELD_OF or key in HEADER_OF:
        rest = parts[1] if len(parts) > 1 else ""
        return head, _after(text, rest)
    return None


def _after(text: str, rest: str) -> str:
    """The value as typed (not normalised), from the line without its label."""
    if not rest:
        return ""
    at = unicodedata.normalize("NFKC", text).find(rest)
    return text[at:].strip() if at >= 0 else rest


def read_document(grid: Grid, where: tuple[int, int], lines: list[str]) -> RawReport:
    """The report a document cell holds, every value pointing at that cell."""
    rows: list[list[object]] = []
    for line in lines:
        found = _label_of(line)
        if found is not None:
            rows.append([found[0], found[1]])
        elif rows and line.strip() and label_key(line).rstrip("。") not in _AROUND:
            rows.append(["", line.strip()])  # goes on with the line above
        else:
            rows.append([])  # the lead sentence, 記, 以上: no value
    sheet = Grid(grid.sheet, rows)
    raw = read_labelled(sheet, find_hits(sheet))
    cell = grid.ref(*where)
    _point_at(raw, cell)
    raw.notes[:] = [
        n._replace(cell=cell, params=tuple((k, _A1.sub(cell.a1, v)) for k, v in n.params))
        for n in raw.notes
    ]
    raw.notes.insert(0, ReadNote("I1.document", None, cell, (("where", cell.a1),)))
    return raw


def _point_at(raw: RawReport, cell: object) -> None:
    def moved(c: RawCell) -> RawCell:
        return RawCell(c.value, cell)  # type: ignore[arg-type]

    for key, cells in raw.fields.items():
        raw.fields[key] = [moved(c) for c in cells]
    for key in list(raw.expected):
        raw.expected[key] = cell  # type: ignore[assignment]
    raw.agenda = [(moved(a), moved(b), moved(c)) for a, b, c in raw.agenda]
    raw.requests = [(moved(a), moved(b)) for a, b in raw.requests]
    for key, cells in raw.lists.items():
        raw.lists[key] = [moved(c) for c in cells]
    raw.agenda_cell = cell if raw.agenda_cell is not None else None  # type: ignore[assignment]
    raw.requests_cell = cell if raw.requests_cell is not None else None  # type: ignore[assignment]


def merge(into: RawReport, document: RawReport) -> None:
    """What the document says, added to what the rest of the sheet says (a value printed
    in its own box wins)."""
    for key, cells in document.fields.items():
        if cells and not any(c.value is not None for c in into.fields.get(key, [])):
            into.fields[key] = cells
            into.expected.pop(key, None)
    if not into.agenda:
        into.agenda = document.agenda
        into.agenda_cell = into.agenda_cell or document.agenda_cell
    if not into.requests:
        into.requests = document.requests
        into.requests_cell = into.requests_cell or document.requests_cell
    for key, cells in document.lists.items():
        into.lists.setdefault(key, []).extend(cells)
    into.notes.extend(document.notes)
