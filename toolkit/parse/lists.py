"""協議事項 and 要望事項 as items, however they were written.

Table rows give one item each, unless a cell holds a numbered or bulleted list (then one
item per number). Lists written beside their label come as the cells of the list, one a
row: they are split at their numbers or bullets, else one item a row. Requests and
answers are paired by their numbers (「①…」 with 「①…」), or by 「要望：」「回答：」 at the
start of their lines. A 区分 may stand before a topic (「【交番等の活動状況】…」) or as a
line of its own above its topics.

Whenever items were split, paired or joined by inference, a `ReadNote` says so, naming
the cell, so that a wrong split is never silent.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit import normalize as N
from toolkit.cells import Cell
from toolkit.model import AgendaItem, ReadNote, RequestItem, Sourced
from toolkit.raw import RawCell, RawReport


@dataclass(frozen=True, slots=True)
class Piece:
    """One item found in a cell: its number (None for a bullet or a row), its text as
    typed, the 区分 written before or above it, and its cell."""

    number: int | None
    text: str
    category: str | None
    cell: Cell | None
    whole: str = ""  # the item's text with the 区分 still before it


@dataclass(frozen=True, slots=True)
class Pieces:
    """The items of a list of cells, and how they were told apart: "one" (a single item),
    "marked" (at numbers or bullets), "rows" (one a row)."""

    items: tuple[Piece, ...]
    how: str


# --- splitting a list of cells ----------------------------------------------------------


def pieces_of(cells: list[RawCell]) -> Pieces:
    """The items written in `cells` (in order; one cell, or one a row)."""
    if len(cells) == 1 and _blank(cells[0].value):
        return Pieces((), "one")
    only = cells[0].value if len(cells) == 1 else None
    if isinstance(only, str) and N.is_plain(only):
        plain = only.strip()
        one = (Piece(None, plain, None, cells[0].cell, plain),) if plain else ()
        return Pieces(one, "one")
    lines: list[tuple[str, Cell | None]] = []
    for c in cells:
        text = c.value.strip() if isinstance(c.value, str) else N.clean_text(c.value)
        if text:
            lines.append((text, c.cell))
    if not lines:
        return Pieces((), "one")
    found: list[Piece] = []
    marked = False
    for category, text, offsets in _groups(lines):
        split = N.split_items(text)
        marked = marked or split.marked
        for entry in split.entries:
            found.append(_piece(entry, category, _cell_at(offsets, entry.start)))
    if not marked and len(lines) == 1:
        prefixed = _prefixed_lines(lines)
        if prefixed is not None:
            return prefixed
    if marked:
        return Pieces(tuple(p for p in found if p.text), "marked")
    if not any(p.text for p in found):
        # Only 区分-like lines (a topic that is a 区分's name): the text is the item.
        text, cell = lines[0]
        return Pieces((Piece(None, text, None, cell, text),), "one")
    if len(lines) > 1:
        rows = []
        heading = None
        for text, cell in lines:
            if (above := N.heading_category(text)) is not None:
                heading = above
                continue
            item = str(N.strip_marker(text))
            category, rest = _prefixed(item)
            rows.append(Piece(None, rest, category or heading, cell, item))
        return Pieces(tuple(rows), "rows" if len(rows) > 1 else "one")
    return Pieces(tuple(p for p in found if p.text), "one")


def _groups(
    lines: list[tuple[str, Cell | None]],
) -> list[tuple[str | None, str, list[tuple[int, Cell | None]]]]:
    """The lines under each 区分 heading (「【交番等の活動状況】」 alone on a line): the 区分,
    the text, and where each cell's text starts in it."""
    groups: list[tuple[str | None, list[str], list[tuple[int, Cell | None]]]] = []
    headed = False
    if len(lines) == 1 and "\n" not in lines[0][0]:
        lines_here: list[tuple[str, Cell | None]] = []  # one line: no heading above items
    else:
        lines_here = lines
    for text, cell in lines_here:
        for line in text.splitlines():
            heading = N.heading_category(line)
            if heading is not None:
                groups.append((heading, [], []))
                headed = True
                continue
            if not groups:
                groups.append((None, [], []))
            _, parts, offsets = groups[-1]
            offsets.append((sum(len(p) + 1 for p in parts), cell))
            parts.append(line)
    if not headed:
        # No headings: the cells keep their own lines (a cell's line breaks are its own).
        parts, offsets, at = [], [], 0
        for text, cell in lines:
            offsets.append((at, cell))
            parts.append(text)
            at += len(text) + 1
        return [(None, "\n".join(parts), offsets)]
    return [(cat, "\n".join(parts).strip(), offsets) for cat, parts, offsets in groups if parts]


def _prefixed_lines(lines: list[tuple[str, Cell | None]]) -> Pieces | None:
    """Lines of one cell each beginning with its 区分 (「【活動】巡回連絡」「【事件・事故】
    自転車盗」), two or more: an item a line, split as at numbers."""
    found = []
    for text, cell in lines:
        for line in text.splitlines():
            if not line.strip():
                continue
            category, rest = _prefixed(line.strip())
            if category is None or not rest:
                return None
            found.append(Piece(None, rest, category, cell, line.strip()))
    return Pieces(tuple(found), "marked") if len(found) > 1 else None


def _cell_at(offsets: list[tuple[int, Cell | None]], at: int) -> Cell | None:
    cell = offsets[0][1] if offsets else None
    for start, c in offsets:
        if start <= at:
            cell = c
    return cell


def _piece(entry: N.Entry, heading: str | None, cell: Cell | None) -> Piece:
    category, rest = _prefixed(entry.text)
    return Piece(entry.number, rest, category or heading, cell, entry.text)


def _prefixed(text: str) -> tuple[str | None, str]:
    category, rest = N.category_prefix(text)
    return category, rest


# --- 協議事項 ----------------------------------------------------------------------------


def agenda_items(raw: RawReport) -> tuple[list[AgendaItem], list[ReadNote]]:
    """The 協議事項 of a sheet: its table rows, then a list written beside the label."""
    items: list[AgendaItem] = []
    notes: list[ReadNote] = []
    for category, topic, remarks in raw.agenda:
        if _blank(topic.value) and _blank(remarks.value):
            continue  # a printed 区分 with nothing written against it
        if N.is_nothing(topic.value) and (_blank(remarks.value) or N.is_nothing(remarks.value)):
            continue  # 「該当なし」「―」 against a printed 区分: nothing raised
        found = pieces_of([topic])
        if found.how == "marked" and len(found.items) > 1:
            notes.append(_split_note("agenda", "協議事項", topic.cell, len(found.items)))
        if not found.items:
            if N.clean_text(remarks.value) is not None:
                found = Pieces((Piece(None, "", None, topic.cell),), "one")
            else:
                continue  # a printed 区分 with nothing written against it
        notes_of_remarks = _remarks_for(found, remarks)
        for piece, remark in zip(found.items, notes_of_remarks, strict=True):
            items.append(_agenda_item(items, piece, category, remark))
    beside = raw.lists.get("topic")
    if beside:
        found = pieces_of(beside)
        if found.how == "marked" and len(found.items) > 1:
            notes.append(_split_note("agenda", "協議事項", beside[0].cell, len(found.items)))
        elif found.how == "rows":
            notes.append(_rows_note("agenda", "協議事項", beside[0].cell, len(found.items)))
        blank = RawCell(None, beside[0].cell)
        for piece in found.items:
            items.append(_agenda_item(items, piece, blank, blank))
    return items, notes


def _remarks_for(found: Pieces, remarks: RawCell) -> list[RawCell]:
    """The 備考 of each item of a split cell: numbered 備考 by number, else all to the first."""
    if len(found.items) <= 1:
        return [remarks] * len(found.items)
    blank = RawCell(None, remarks.cell)
    out = [blank] * len(found.items)
    split = N.split_items(remarks.value) if isinstance(remarks.value, str) else None
    numbers = [p.number for p in found.items]
    if split is not None and split.marked and None not in numbers:
        by_number = {e.number: e.text for e in split.entries}
        return [RawCell(by_number.get(n), remarks.cell) for n in numbers]
    out[0] = remarks
    return out


def _agenda_item(
    items: list[AgendaItem], piece: Piece, category: RawCell, remarks: RawCell
) -> AgendaItem:
    topic = N.clean_text(piece.text)
    row = N.clean_text(category.value)
    if piece.category and row and N.canonical_category(piece.category) is None:
        # 【重要】 before a topic in a row with its own 区分: a word of the topic.
        piece = Piece(piece.number, piece.whole, None, piece.cell, piece.whole)
        topic = N.clean_text(piece.whole)
    text = N.clean_text(piece.category) if piece.category else row
    cell = category.cell if not piece.category else piece.cell
    if text is None and items:
        # A blank 区分 under a filled one continues it (merged cells that a format
        # without merges, such as .ods read by calamine, has lost).
        kind = items[-1].category
    else:
        canonical = N.canonical_category(text) if text else None
        kind = Sourced(canonical or text, cell, text if not canonical else None)
    return AgendaItem(
        kind, Sourced(topic, piece.cell), Sourced(N.clean_text(remarks.value), remarks.cell)
    )


# --- 要望事項 / 措置・回答 ---------------------------------------------------------------


def request_items(raw: RawReport) -> tuple[list[RequestItem], list[ReadNote]]:
    """The 要望事項 of a sheet with their 措置・回答: table rows, then lists written beside
    their labels."""
    notes: list[ReadNote] = []
    items = _exchanged_rows(raw, notes)
    if items is None:
        items = []
        for request, response in raw.requests:
            items.extend(_request_row(request, response, notes))
    asked = raw.lists.get("request", [])
    answered = raw.lists.get("response", [])
    if asked or answered:
        items.extend(_beside(asked, answered, notes))
    return items, notes


def _exchanged_rows(raw: RawReport, notes: list[ReadNote]) -> list[RequestItem] | None:
    """Table rows written as 「要望：…」「回答：…」 lines in the request column, answers
    left blank: the exchanges they make, or None when they are not written so."""
    rows = raw.requests
    if not rows or any(N.clean_text(a.value) is not None for _, a in rows):
        return None
    cells = [q for q, _ in rows if isinstance(q.value, str) and q.value.strip()]
    return _exchanges(cells, notes)


def _exchanges(cells: list[RawCell], notes: list[ReadNote]) -> list[RequestItem] | None:
    if not cells:
        return None
    lines: list[tuple[int, Cell | None]] = []
    parts: list[str] = []
    at = 0
    for c in cells:
        text = str(c.value).strip()
        lines.append((at, c.cell))
        parts.append(text)
        at += len(text) + 1
    text = "\n".join(parts)
    pairs = N.split_exchanges(text)
    if pairs is None or (len(pairs) < 2 and all(a is None for _, a in pairs)):
        return None
    cursor = 0
    items = []
    for ask, answer in pairs:
        ask_at = text.find(ask, cursor) if ask else cursor
        ask_cell = _cell_at(lines, max(ask_at, 0))
        answer_at = text.find(answer, max(ask_at, cursor)) if answer else -1
        answer_cell = _cell_at(lines, answer_at) if answer_at >= 0 else ask_cell
        cursor = max(cursor, ask_at, answer_at)
        items.append(
            RequestItem(
                Sourced(N.clean_text(ask), ask_cell), Sourced(N.clean_text(answer), answer_cell)
            )
        )
    notes.append(
        ReadNote(
            "I1.exchanges",
            "requests",
            cells[0].cell,
            (("where", _where(cells[0].cell)), ("count", str(len(items)))),
        )
    )
    return items


def _request_row(request: RawCell, response: RawCell, notes: list[ReadNote]) -> list[RequestItem]:
    if _blank(request.value) and _blank(response.value):
        return []
    asked = pieces_of([request])
    if asked.how != "marked" or len(asked.items) < 2:
        q = N.clean_text(N.strip_marker(request.value))
        a = N.clean_text(N.strip_marker(response.value))
        if q is None and a is None:
            return []
        if a is None and q is not None and N.is_nothing(q):
            return []
        return [RequestItem(Sourced(q, request.cell), Sourced(a, response.cell))]
    answered = pieces_of([response])
    notes.append(_split_note("requests", "要望事項", request.cell, len(asked.items)))
    return _paired(asked, answered, request.cell, response.cell, notes)


def _beside(
    asked_cells: list[RawCell], answered_cells: list[RawCell], notes: list[ReadNote]
) -> list[RequestItem]:
    """Requests written beside 要望事項 (and answers beside 措置・回答)."""
    if not answered_cells:
        exchanged = _exchanges(asked_cells, notes)
        if exchanged is not None:
            return exchanged
    asked = pieces_of(asked_cells)
    answered = pieces_of(answered_cells)
    if len(asked.items) == 1 and N.is_nothing(asked.items[0].text) and not answered.items:
        return []
    answer_cell = answered_cells[0].cell if answered_cells else None
    ask_cell = asked_cells[0].cell if asked_cells else answer_cell
    answer_cell = answer_cell or ask_cell
    if asked.how == "marked" and len(asked.items) > 1:
        notes.append(_split_note("requests", "要望事項", ask_cell, len(asked.items)))
    elif asked.how == "rows":
        notes.append(_rows_note("requests", "要望事項", ask_cell, len(asked.items)))
    elif asked.items and "\n" in asked.items[0].text and not answered.items:
        text = N.clean_text(asked.items[0].text) or ""
        notes.append(
            ReadNote(
                "I1.unshaped-requests",
                "requests",
                ask_cell,
                (("where", _where(ask_cell)), ("found", _short(text))),
            )
        )
    return _paired(asked, answered, ask_cell, answer_cell, notes)


def _by_rows(questions: list[Piece], answers: list[Piece]) -> dict[int, Piece] | None:
    """Answers paired with the request on their row or the nearest above it, when every
    request has a row of its own and no two answers fall to one request; else None."""
    if not questions or not answers:
        return None
    cells = [p.cell for p in questions]
    said = [p.cell for p in answers]
    if any(c is None for c in cells) or any(c is None for c in said):
        return None
    rows = [c.row for c in cells if c is not None]
    below = [c.row for c in said if c is not None]
    if rows != sorted(set(rows)) or len(set(below)) != len(below):
        return None
    paired: dict[int, Piece] = {}
    for a, row in zip(answers, below, strict=True):
        above = [i for i, r in enumerate(rows) if r <= row]
        if not above or above[-1] in paired:
            return None
        paired[above[-1]] = a
    return paired


def _paired(
    asked: Pieces,
    answered: Pieces,
    ask_cell: Cell | None,
    answer_cell: Cell | None,
    notes: list[ReadNote],
) -> list[RequestItem]:
    """Requests with their answers: by number when both are numbered, else in order."""
    questions = list(asked.items)
    answers = list(answered.items)
    numbered = all(p.number is not None for p in questions + answers)
    out: list[RequestItem] = []
    if numbered and answers:
        by_number = {p.number: p for p in answers}
        for q in questions:
            a = by_number.pop(q.number, None)
            out.append(_item(q, a, answer_cell))
        extra = list(by_number.values())
    elif (by_row := _by_rows(questions, answers)) is not None:
        # each answer on the row of its request or under it (an empty 措置・回答 row
        # between them leaves that request unanswered)
        out = [_item(q, by_row.get(i), answer_cell) for i, q in enumerate(questions)]
        extra = []
    else:
        out = [
            _item(q, answers[i] if i < len(answers) else None, answer_cell)
            for i, q in enumerate(questions)
        ]
        extra = answers[len(questions) :]
    if questions and answers and (len(questions) > 1 or len(answers) > 1):
        how = "付けられた番号" if numbered else "書かれた順番"
        notes.append(
            ReadNote(
                "I1.paired-by-number",
                "requests",
                ask_cell,
                (("where", _where(ask_cell)), ("answers", _where(answer_cell)), ("how", how)),
            )
        )
    for a in extra:
        out.append(RequestItem(Sourced(None, a.cell), Sourced(N.clean_text(a.text), a.cell)))
        notes.append(
            ReadNote(
                "I1.unpaired-response",
                "requests",
                a.cell,
                (("found", _short(N.clean_text(a.text) or "")), ("where", _where(a.cell))),
            )
        )
    return out


def _item(q: Piece, a: Piece | None, answer_cell: Cell | None) -> RequestItem:
    answer = N.clean_text(a.text) if a is not None else None
    cell = a.cell if a is not None else (answer_cell if answer_cell is not None else q.cell)
    return RequestItem(Sourced(N.clean_text(q.text), q.cell), Sourced(answer, cell))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- notes ------------------------------------------------------------------------------


def _split_note(field: str, label: str, cell: Cell | None, count: int) -> ReadNote:
    return ReadNote(
        "I1.split-list",
        field,
        cell,
        (("label", label), ("where", _where(cell)), ("count", str(count))),
    )


def _rows_note(field: str, label: str, cell: Cell | None, count: int) -> ReadNote:
    return ReadNote(
        "I1.rows-as-items",
        field,
        cell,
        (("label", label), ("where", _where(cell)), ("count", str(count))),
    )


def _where(cell: Cell | None) -> str:
    return str(cell) if cell is not None else "不明"


def _short(text: str, limit: int = 40) -> str:
    one = text.replace("\n", " ")
    return one if len(one) <= limit else one[: limit - 1] + "…"
