"""The people on the form: the reporter (and the phone written after the name), the
numbers of attendees, and the names of the officers who attended.

Two inferences live here, each said in the record with its cell: a phone extension taken
out of the reporter's cell (「巡査部長 荒木大輔（警電 7105）」), and a count derived from
names where only names were written.
"""

from __future__ import annotations

from toolkit import normalize as N
from toolkit.cells import Cell
from toolkit.labels import PRINTED
from toolkit.model import ReadNote, Sourced
from toolkit.raw import RawCell, RawReport

COUNT_KEYS = ("police_attendees", "civilian_attendees")


def cell_of(raw: RawReport, key: str) -> Cell | None:
    """The cell a field's value came from, or where it should have been written."""
    first = raw.first(key)
    return first.cell if first is not None else raw.expected.get(key)


def text_of(raw: RawReport, key: str) -> Sourced[str]:
    """A single-line text field as written (its first cell)."""
    first = raw.first(key)
    if first is None or first.value is None:
        return Sourced(None, cell_of(raw, key))
    return Sourced(N.clean_text(first.value), first.cell)


def reporter_and_phone(raw: RawReport) -> tuple[Sourced[str], Sourced[str], list[ReadNote]]:
    """報告者 and 警電; a phone written after the reporter's name is taken out of it."""
    reporter = text_of(raw, "reporter")
    phone = text_of(raw, "phone")
    if phone.value is not None:
        phone = Sourced(N.bare_phone(phone.value), phone.cell)
    split = N.split_reporter(reporter.value) if reporter.value else None
    if split is None or (phone.value is not None and phone.value != split[1]):
        return reporter, phone, []
    who, number = split
    note = ReadNote(
        "I1.split-field",
        "phone",
        reporter.cell,
        (
            ("label", PRINTED["reporter"]),
            ("where", str(reporter.cell)),
            ("found", reporter.value or ""),
            ("parts", f"報告者「{who}」と警電「{number}」"),
        ),
    )
    if phone.value is None:
        phone = Sourced(number, reporter.cell)
    return Sourced(who, reporter.cell), phone, [note]


def officers(raw: RawReport) -> Sourced[tuple[str, ...]]:
    """出席警察官名: the names of every cell (one cell, or one a row)."""
    cells = [c for c in raw.fields.get("officers", []) if c.value is not None]
    if not cells:
        return Sourced(None, cell_of(raw, "officers"))
    names: list[str] = []
    for c in cells:
        names.extend(N.split_names(c.value))
    return Sourced(tuple(names) or None, cells[0].cell)


def counts(
    raw: RawReport, names: Sourced[tuple[str, ...]]
) -> tuple[dict[str, Sourced[int]], list[ReadNote]]:
    """出席者数 (警察官, 民間): from their cells, or one cell holding both; when only names
    are written, the number of names (with a note)."""
    out: dict[str, Sourced[int]] = {}
    notes: list[ReadNote] = []
    combined, combined_cell, whole = _combined(raw)
    for i, key in enumerate(COUNT_KEYS):
        first = raw.first(key)
        listed: object = first.value if first is not None else None
        source = PRINTED[key]
        if (first is None or first.value is None) and combined is not None:
            first = RawCell(combined[i], combined_cell)
            listed = whole[i] if whole is not None else None
            source = "出席者数"
        if first is None or first.value is None:
            out[key] = _missing(raw, key, names, notes)
            continue
        parsed = N.parse_count(first.value)
        if parsed.problem == N.UNREADABLE and (people := N.people_count(listed)) is not None:
            out[key] = Sourced(people, first.cell)
            notes.append(_derived(key, first.cell, source, people))
            continue
        raw_text = parsed.raw if parsed.problem else None
        out[key] = Sourced(parsed.value, first.cell, raw_text, parsed.problem)
    return out, notes


def _combined(
    raw: RawReport,
) -> tuple[tuple[str | None, str | None] | None, Cell | None, tuple[str | None, str | None] | None]:
    """出席者数 written in one cell for both: the two counts, the cell, and the two parts
    in full (for names)."""
    for c in raw.fields.get("attendance", []):
        if isinstance(c.value, str):
            combined = N.split_attendance(c.value)
            if combined is not None:
                return combined, c.cell, N.split_attendance(c.value, whole=True)
    return None, None, None


def _missing(
    raw: RawReport, key: str, names: Sourced[tuple[str, ...]], notes: list[ReadNote]
) -> Sourced[int]:
    """No count: when the form has no place for it at all (no 出席者数 label), for the
    police the number of officers named, if any. A count left blank in its place stays
    missing (R1)."""
    absent = key not in raw.fields and "attendance" not in raw.fields
    if key == "police_attendees" and names.value and absent:
        notes.append(_derived(key, names.cell, PRINTED["officers"], len(names.value)))
        return Sourced(len(names.value), names.cell)
    return Sourced(None, cell_of(raw, key) or cell_of(raw, "attendance"))


def _derived(key: str, cell: Cell | None, source: str, count: int) -> ReadNote:
    return ReadNote(
        "I1.derived-count",
        key,
        cell,
        (
            ("label", PRINTED[key]),
            ("source", source),
            ("where", str(cell) if cell is not None else "不明"),
            ("count", str(count)),
        ),
    )
