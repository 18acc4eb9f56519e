"""Lists that are not drawn as the form's tables.

The form draws 協議事項 and 要望事項 / 措置・回答 as tables, a header above one row per
item; stations also write them
- beside their label, like any field: 「協議事項 | ①…②…」 (one cell, or one item a row),
  「要望事項 | ①… 」 with 「措置・回答 | ①…」 on the next row;
- as numbered rows down the sheet: 「協議事項1 | 区分 | …」「　| 内容 | …」, or
  「要望事項1 | …」「措置・回答1 | …」.

`find_layout` tells these apart from the tables (so that the table reader leaves their
labels alone); `read_lists` puts what they hold into the raw report: numbered rows as
table rows (their structure is explicit), lists beside a label as the cells of the list,
which `parse` splits into items. `check_requests` makes sure that a 要望事項 label with
writing near it never ends as an empty list without a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from toolkit import labels as L
from toolkit.model import ReadNote
from toolkit.normalize import clean_text, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Box, Grid
from toolkit.reading.region import (
    Labels,
    continued_rows,
    label_rows,
    scan_right,
    window_right,
)

LIST_NAMES = ("topic", "request", "response")
# Rows a numbered item may take (区分 / 内容 / 備考 and a spare line).
_BLOCK_ROWS = 8

_NUMBERED_OF: dict[str, str] = {
    label_key(v): name for name, variants in L.NUMBERED.items() for v in variants
}
_NUMBERED = re.compile(
    r"^\s*(?P<base>"
    + "|".join(
        sorted((r"\s*".join(map(re.escape, k)) for k in _NUMBERED_OF), key=len, reverse=True)
    )
    + r")\s*(?:No\.?)?\s*[(\[]?\s*(?P<n>[0-9]{1,2})\s*[)\]]?"
    r"(?:\s*[:]\s*(?P<v>.+)|\s+(?P<w>\S.*))?\s*$",
    re.S,
)


_NUMBERED_STARTS = tuple(_NUMBERED_OF)


def numbered_label(text: str, key: str | None = None) -> tuple[str, int, str | None] | None:
    """A numbered row label — 「協議事項1」「要望事項①」「措置・回答（2）」, or with its value
    「要望1：街灯の増設」 — as (list name, number, value written after it), else None.
    `key` is the text's `label_key` when the caller has it (a quick first test)."""
    if not (key if key is not None else label_key(text)).startswith(_NUMBERED_STARTS):
        return None
    m = _NUMBERED.match(unicodedata.normalize("NFKC", text))
    if m is None:
        return None
    name = _NUMBERED_OF.get(label_key(m["base"]))
    if name is None:
        return None
    value = m["v"] or m["w"]
    return name, int(m["n"]), value.strip() if value else None


@dataclass
class Layout:
    """How the lists of one sheet are written, apart from the form's tables."""

    # list headers (協議事項, 要望事項, 措置・回答) written as a field label, with a value
    # to their right: position → list name
    beside: dict[tuple[int, int], str] = field(default_factory=dict)
    # numbered row labels: position → (list name, number), and the rows of each item
    items: dict[tuple[int, int], tuple[str, int]] = field(default_factory=dict)
    blocks: dict[tuple[int, int], range] = field(default_factory=dict)
    # header words that belong to one of these, not to a table
    claimed: set[tuple[int, int]] = field(default_factory=set)


# The headers a table's header row holds with each list header: a list header beside
# one of these is a table's, whatever stands to its right.
_PARTNERS = {
    "topic": frozenset({"category", "remarks"}),
    "request": frozenset({"response"}),
    "response": frozenset({"request"}),
}


def find_layout(grid: Grid, hits: Labels) -> Layout:
    """Lists written beside their label and numbered rows, told apart from the tables."""
    layout = Layout()
    headers_in_row: dict[int, set[str]] = {}
    for (r, _), hit in hits.items():
        if hit.kind == "header":
            headers_in_row.setdefault(r, set()).add(hit.name)
    for pos, hit in hits.items():
        if hit.kind == "item":
            index = getattr(hit, "index", 0)
            layout.items[pos] = (hit.name, index)
        elif hit.kind == "header" and hit.name in LIST_NAMES:
            r0, _, _, c1 = hit.box
            if getattr(hit, "inline", None) is not None or (
                not (_PARTNERS[hit.name] & headers_in_row[r0])
                and scan_right(grid, hits, r0, c1 + 1, False, shown=False)
            ):
                layout.beside[pos] = hit.name
                layout.claimed.add(pos)
    _answers_below(hits, layout)
    for pos in layout.items:
        rows = _block_rows(grid, hits, pos)
        layout.blocks[pos] = rows
        c1 = hits[pos].box[3]
        for other, hit in hits.items():
            if other != pos and other[0] in rows and other[1] > c1 and hit.kind == "header":
                layout.claimed.add(other)
    return layout


def _answers_below(hits: Labels, layout: Layout) -> None:
    """A 措置・回答 printed without a number right under a numbered 要望事項 (「要望事項１」
    then 「措置・回答」 on the next row) answers that request."""
    asked = {
        (hits[pos].box[2] + 1, hits[pos].box[1]): n
        for pos, (name, n) in layout.items.items()
        if name == "request"
    }
    if not asked:
        return
    for pos, hit in hits.items():
        if hit.kind != "header" or hit.name != "response" or pos in layout.items:
            continue
        n = asked.get((hit.box[0], hit.box[1]))
        if n is not None:
            layout.items[pos] = ("response", n)
            layout.beside.pop(pos, None)
            layout.claimed.add(pos)


def _block_rows(grid: Grid, hits: Labels, pos: tuple[int, int]) -> range:
    """The rows of a numbered item: from its label down to the next label in its column."""
    r0, c0, r1, c1 = hits[pos].box
    end = min(grid.height, r0 + _BLOCK_ROWS)
    for r in range(r1 + 1, end):
        if any(lr == r and lc <= c1 for (lr, lc) in hits):
            return range(r0, r)
        written = any(grid.value(*grid.anchor(r, c)) is not None for c in range(c0, c1 + 1))
        if written and grid.anchor(r, c0)[0] == r:
            return range(r0, r)
    return range(r0, max(end, r1 + 1))


# --- reading ----------------------------------------------------------------------------


def read_lists(grid: Grid, hits: Labels, layout: Layout, raw: RawReport) -> None:
    """Put the numbered rows and the lists written beside a label into `raw`."""
    _read_items(grid, hits, layout, raw)
    for pos, name in sorted(layout.beside.items()):
        hit = hits[pos]
        inline = getattr(hit, "inline", None)
        if inline is not None:
            # The list follows the label in its cell, and may go on in that column below.
            _, c0, r1, c1 = hit.box
            more = continued_rows(grid, hits, r1, None, (c0, c1))
            cells = [inline, *(_joined(row) for row in more)]
        else:
            cells = _beside(grid, hits, hit.box)
        if cells:
            # A label written again further down (「要望事項：…」 on each of its lines)
            # adds to the same list.
            raw.lists.setdefault(name, []).extend(cells)
            if name == "topic" and raw.agenda_cell is None:
                raw.agenda_cell = cells[0].cell
            if name == "request" and raw.requests_cell is None:
                raw.requests_cell = cells[0].cell


def _beside(grid: Grid, hits: Labels, box: Box) -> list[RawCell]:
    """The value of a list label: right of it on each of its rows, and on the rows below
    while its own columns stay empty (one item a row)."""
    cols = window_right(grid, hits, box)
    first = scan_right(grid, hits, box[0], cols[0], True, cols[1])
    rows = [first, *label_rows(grid, hits, box, cols)]
    last = max([box[2], *(c.cell.row for row in rows for c in row if c.cell)])
    rows += continued_rows(grid, hits, last, (box[1], box[3]), cols)
    return [_joined(row) for row in rows if row]


def _joined(row: list[RawCell]) -> RawCell:
    """The cells of one row of a list as one value (a number cell and its text)."""
    if len(row) == 1:
        return row[0]
    texts = [clean_text(c.value) or "" for c in row]
    return RawCell(" ".join(t for t in texts if t), row[0].cell)


def _read_items(grid: Grid, hits: Labels, layout: Layout, raw: RawReport) -> None:
    topics: dict[int, tuple[RawCell, RawCell, RawCell]] = {}
    asked: dict[int, RawCell] = {}
    answered: dict[int, RawCell] = {}
    for pos in sorted(layout.items, key=lambda p: (layout.items[p][1], p)):
        name, n = layout.items[pos]
        hit = hits[pos]
        parts = _item_parts(grid, hits, hit.box, layout.blocks[pos], name, hit)
        if name == "topic" and n not in topics:
            blank = RawCell(None, grid.ref(hit.box[0], hit.box[3] + 1))
            main = parts.get("topic", blank)
            topics[n] = (
                parts.get("category", RawCell(None, main.cell)),
                main,
                parts.get("remarks", RawCell(None, main.cell)),
            )
        elif name == "request" and n not in asked:
            asked[n] = parts.get("request", RawCell(None, grid.ref(hit.box[0], hit.box[3] + 1)))
            if "response" in parts:
                answered.setdefault(n, parts["response"])
        elif name == "response" and n not in answered:
            blank = RawCell(None, grid.ref(hit.box[0], hit.box[3] + 1))
            answered[n] = parts.get("request", parts.get("response", blank))
    if topics:
        raw.agenda.extend(topics[n] for n in sorted(topics))
        if raw.agenda_cell is None:
            raw.agenda_cell = topics[min(topics)][1].cell
    for n in sorted(set(asked) | set(answered)):
        ask = asked.get(n)
        answer = answered.get(n)
        if ask is None:
            where = answer.cell if answer is not None else None
            ask = RawCell(None, where)
            if answer is not None and answer.value is not None:
                raw.notes.append(_unpaired(answer))
        if answer is None or answer.cell is None:
            answer = RawCell(None, ask.cell)
        raw.requests.append((ask, answer))
    if asked and raw.requests_cell is None:
        raw.requests_cell = asked[min(asked)].cell


def _unpaired(answer: RawCell) -> ReadNote:
    found = clean_text(answer.value) or ""
    return ReadNote(
        "I1.unpaired-response",
        "requests",
        answer.cell,
        (("found", _short(found)), ("where", str(answer.cell))),
    )


def _item_parts(
    grid: Grid, hits: Labels, box: Box, rows: range, name: str, hit: object
) -> dict[str, RawCell]:
    """What the rows of one numbered item hold: by sub-label (区分 / 内容 / 備考, 要望 /
    回答), or the value beside the number label itself."""
    subs = L.SUBLABELS.get(name, {})
    inline = getattr(hit, "inline", None)
    parts: dict[str, RawCell] = {}
    own = "topic" if name == "topic" else "request"
    if inline is not None:
        parts[own] = inline
    start = box[3] + 1
    for r in rows:
        cells = scan_right(grid, hits, r, start, True, shown=True)
        cells = [c for c in cells if c.value is not None]
        if not cells:
            # a sub-label that is a header word (区分, 備考) is a label: read past it
            cells = _past_labels(grid, hits, r, start)
        if not cells:
            continue
        key = label_key(cells[0].value) if isinstance(cells[0].value, str) else ""
        if key in subs:
            value = next((c for c in cells[1:] if c.value is not None), None)
            if value is not None:
                parts.setdefault(subs[key], value)
            else:
                parts.setdefault(subs[key], RawCell(None, grid.ref(r, _after(grid, cells[0]))))
        else:
            parts.setdefault(own, _joined(cells))
    return parts


def _past_labels(grid: Grid, hits: Labels, r: int, start: int) -> list[RawCell]:
    """The cells of row r from `start`, reading a header word (区分, 備考) as text."""
    out: list[RawCell] = []
    c = start
    width = len(grid.rows[r]) if r < grid.height else 0
    while c < width:
        ar, ac = grid.anchor(r, c)
        if ar == r:
            v = grid.value(ar, ac)
            if v is not None:
                hit = hits.get((ar, ac))
                if hit is not None and hit.kind in ("field", "item"):
                    break
                out.append(RawCell(v, grid.ref(ar, ac)))
        c = grid.box(r, c)[3] + 1
    return out


def _after(grid: Grid, cell: RawCell) -> int:
    assert cell.cell is not None
    return grid.box(cell.cell.row, cell.cell.col)[3] + 1


# --- a 要望事項 label never ends silently empty ------------------------------------------


def check_requests(grid: Grid, hits: Labels, raw: RawReport) -> None:
    """When no request was read but a 要望事項 label has writing beside or under it, say
    so, naming the cell (the writing is not shaped as the reader understands)."""
    if raw.requests or raw.lists.get("request"):
        return
    for pos in sorted(hits):
        hit = hits[pos]
        if hit.name != "request" or hit.kind not in ("header", "item"):
            continue
        r0, c0, r1, c1 = hit.box
        near = scan_right(grid, hits, r0, c1 + 1, False)
        below = grid.anchor(r1 + 1, c0)
        if not near and below not in hits and grid.value(*below) is not None:
            near = [RawCell(grid.value(*below), grid.ref(*below))]
        text = clean_text(near[0].value) if near else None
        if text:
            where = str(near[0].cell)
            raw.notes.append(
                ReadNote(
                    "I1.unread-requests",
                    "requests",
                    near[0].cell,
                    (("where", where), ("found", _short(text))),
                )
            )
            return


def _short(text: str, limit: int = 40) -> str:
    one = text.replace("\n", " ")
    return one if len(one) <= limit else one[: limit - 1] + "…"
