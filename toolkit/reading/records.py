"""Registers: several meetings on one sheet, one per row (一覧表) or one per column.

A station (or a station's 地域課) may keep its meetings in a register instead of a form:
- one meeting per row under a header row of labels (協議会名 | 開催日 | 時間 | 種別 | …); a
  meeting may take several rows when it has several 協議事項 or 要望事項 (the columns of the
  meeting itself are then merged down, or left empty, on the rows that follow);
- one meeting per column, the labels down the left (項目 | 第１回 | 第２回 | …).

Each filled row or column is its own report, with its own `area`; labels printed above
the register (所属：…, a 報告者 for the whole sheet) hold for every meeting. A column or row
left blank is no report. Nothing here validates: the record's rules do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from toolkit import labels as L
from toolkit.cells import Cell
from toolkit.model import ReadNote
from toolkit.normalize import canonical_category, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.coverage import is_decoration
from toolkit.reading.grid import Box, Grid
from toolkit.reading.labelread import Hit, read_labelled

# The columns of a register that a meeting's first row fills: a row that fills one of
# them starts a meeting, the rows after it that fill none continue it.
_KEYS = frozenset(
    {"date", "council_name", "facility_name", "venue", "meeting_type", "time_range", "start_time"}
)
_TEXTS = frozenset({"discussion", "reference", "officers", "attachment"})
_LISTS = frozenset({"category", "topic", "remarks", "request", "response"})
_WORDS = ("field", "header")
_TOPIC_OF = re.compile(r"^(?:協議事項|議題|協議内容)[(（](?P<c>.+)[)）]$")

Read = tuple[RawReport, Grid, dict[tuple[int, int], Hit], Box]


@dataclass(frozen=True)
class _Column:
    """A column (or row) of a register: what it holds, and the cells it spans."""

    name: str
    lo: int
    hi: int
    category: str | None = None  # a 協議事項 column for one 区分 (協議事項（交番等の活動状況）)
    head: int = -1  # the row where that 区分 is printed over its column


def read_records(grid: Grid, hits: dict[tuple[int, int], Hit]) -> list[Read] | None:
    """The meetings of a register, each with the grid, words and area it was read from,
    and the area its printed cells are accounted in; None when the sheet is no register."""
    found = _by_rows(grid, hits)
    if found is None:
        found = _by_columns(grid, hits)
    return found


# --- one meeting per row ----------------------------------------------------------------


def _by_rows(grid: Grid, hits: dict[tuple[int, int], Hit]) -> list[Read] | None:
    header = _header_row(grid, hits)
    if header is None:
        return None
    top, bottom, columns = header
    columns, extra = _category_columns(grid, top, bottom, columns)
    span = (min(c.lo for c in columns), max(c.hi for c in columns))
    starts: list[int] = []
    last = top
    more = False
    for r in range(bottom + 1, grid.height):
        if any(pos[0] == r for pos, h in hits.items() if h.kind in _WORDS):
            more = True
            break  # another table or a form below: the register ends
        if _row_empty(grid, r, span):
            if r - last > 2 and starts:
                break
            continue
        last = r
        if any(c.name in _KEYS and _starts(grid, r, c) for c in columns):
            starts.append(r)
    if not starts or (more and len(starts) < 2):
        return None  # a row of labels over one row of values, and more labels below: a form
    shared = _shared(grid, hits, top)
    out: list[Read] = []
    ends = [*starts[1:], last + 1]
    for i, (r0, r1) in enumerate(zip(starts, ends, strict=True)):
        area = (r0, span[0], r1 - 1, span[1])
        raw = RawReport(grid.sheet, area=area)
        rows = range(r0, r1)
        for col in columns:
            _take_row_column(grid, raw, col, rows)
        _add_shared(raw, shared)
        scope = (
            0 if i == 0 else r0,
            0,
            grid.height - 1 if i + 1 == len(starts) else r1 - 1,
            grid.width - 1,
        )
        printed = {**hits, **extra}
        words = {p: h for p, h in printed.items() if scope[0] <= p[0] <= scope[2]}
        out.append((raw, grid, words, scope))
    return out


def _category_columns(
    grid: Grid, top: int, bottom: int, columns: list[_Column]
) -> tuple[list[_Column], dict[tuple[int, int], Hit]]:
    """A 協議事項 header over one column per 区分 (交番等の活動状況 | 事件・事故等の発生状況 |
    … printed under it): each is a column of topics of its 区分."""
    out: list[_Column] = []
    words: dict[tuple[int, int], Hit] = {}
    for col in columns:
        if col.name != "topic" or col.hi == col.lo:
            out.append(col)
            continue
        split: list[_Column] = []
        heads: dict[tuple[int, int], Hit] = {}
        for r in range(top + 1, bottom + 1):
            c = col.lo
            while c <= col.hi:
                ar, ac = grid.anchor(r, c)
                box = grid.box(r, c)
                category = canonical_category(grid.value(ar, ac)) if (ar, ac) == (r, c) else None
                if category is not None:
                    split.append(_Column("topic", c, box[3], category, r))
                    heads[(r, c)] = Hit("decor", "category", box)
                c = box[3] + 1
            if split:
                break
        if len(split) < 2:
            out.append(col)
            continue
        out.extend(split)
        words.update(heads)
    return out, words


def _header_row(
    grid: Grid, hits: dict[tuple[int, int], Hit]
) -> tuple[int, int, list[_Column]] | None:
    """The header of a register: a row of at least four labels of the form (and nothing
    else but decoration) with values under them; a label over two rows (出席者数 over
    警察官 | 民間) takes the labels of the row below."""
    rows: dict[int, list[tuple[tuple[int, int], Hit]]] = {}
    for pos, h in hits.items():
        if h.kind in _WORDS and h.inline is None:
            rows.setdefault(pos[0], []).append((pos, h))
    for r in sorted(rows):
        words = sorted(rows[r])
        names = {h.name for _, h in words}
        if len(names) < 4 or len(names & (_KEYS | {"police_attendees", "attendance"})) < 2:
            continue
        bottom = max(h.box[2] for _, h in words)
        words, bottom = _sub_headers(rows, words, r, bottom)
        heads = _category_heads(grid, hits, r, words)
        if _interleaved(grid, hits, r, words, heads):
            continue  # labels with values between them: a row of a form
        columns = [
            replace(c, category=heads[c.lo][0], head=r) if c.lo in heads else c
            for c in _columns(grid, sorted([*words, *((h[1], h[2]) for h in heads.values())]))
        ]
        data = bottom + 1
        filled = sum(grid.value(*grid.anchor(data, c.lo)) is not None for c in columns)
        if filled < 3:
            continue
        return r, bottom, columns
    return None


def _sub_headers(
    rows: dict[int, list[tuple[tuple[int, int], Hit]]],
    words: list[tuple[tuple[int, int], Hit]],
    r: int,
    bottom: int,
) -> tuple[list[tuple[tuple[int, int], Hit]], int]:
    """A label over two columns with their own labels under it (出席者数 over 警察官 |
    民間), on the rows the header takes or the row after it: the labels under it name the
    columns."""
    for rr in range(r + 1, bottom + 2):
        below = sorted(rows.get(rr, []))
        parents = [w for w in words if w[1].box[2] < rr and w[1].box[3] > w[1].box[1]]
        under = [b for b in below if any(p[1].box[1] <= b[0][1] <= p[1].box[3] for p in parents)]
        if not under or len(under) < len(below):
            continue  # a row of other labels (the next table's header): not sub-headers
        gone = [p for p in parents if any(p[1].box[1] <= b[0][1] <= p[1].box[3] for b in under)]
        words = sorted([w for w in words if w not in gone] + under)
        bottom = max(bottom, max(h.box[2] for _, h in under))
    return words, bottom


def _category_heads(
    grid: Grid, hits: dict[tuple[int, int], Hit], r: int, words: list[tuple[tuple[int, int], Hit]]
) -> dict[int, tuple[str, tuple[int, int], Hit]]:
    """Columns headed by a 区分's name among the header's labels, with no 協議事項 over
    them (交番等の活動状況 | 身近な事件・事故等の発生状況 | … | その他): each is a column of
    topics of its 区分, by its first column. Two at least: one such word alone is no
    sign of them."""
    first, last = words[0][0][1], words[-1][1].box[3]
    out: dict[int, tuple[str, tuple[int, int], Hit]] = {}
    for c in range(first, last + 1):
        anchor = grid.anchor(r, c)
        if anchor != (r, c) or anchor in hits:
            continue
        category = canonical_category(grid.value(r, c))
        if category is not None:
            out[c] = (category, (r, c), Hit("header", "topic", grid.box(r, c)))
    return out if len(out) >= 2 else {}


def _interleaved(
    grid: Grid,
    hits: dict[tuple[int, int], Hit],
    r: int,
    words: list[tuple[tuple[int, int], Hit]],
    heads: dict[int, tuple[str, tuple[int, int], Hit]],
) -> bool:
    first, last = words[0][0][1], words[-1][1].box[3]
    for c in range(first, last + 1):
        anchor = grid.anchor(r, c)
        if anchor[0] != r or anchor in hits or anchor[1] in heads:
            continue
        v = grid.value(*anchor)
        if v is not None and (not isinstance(v, str) or not _decor(v)):
            return True  # a value between the labels (a count, a name): a row of a form
    return False


def _decor(value: object) -> bool:
    return is_decoration(value)


def _columns(grid: Grid, words: list[tuple[tuple[int, int], Hit]]) -> list[_Column]:
    ordered = sorted(words, key=lambda w: w[0][1])
    out: list[_Column] = []
    for i, (_pos, h) in enumerate(ordered):
        lo = h.box[1]
        hi = ordered[i + 1][0][1] - 1 if i + 1 < len(ordered) else max(h.box[3], lo)
        out.append(_Column(h.name, lo, max(hi, h.box[3]) if i + 1 == len(ordered) else hi))
    return out


def _row_empty(grid: Grid, r: int, span: tuple[int, int]) -> bool:
    return all(
        grid.anchor(r, c)[0] != r or grid.value(r, c) is None for c in range(span[0], span[1] + 1)
    )


def _starts(grid: Grid, r: int, col: _Column) -> bool:
    """Whether a value of `col` begins on row r (not merged down from above)."""
    for c in range(col.lo, col.hi + 1):
        ar, ac = grid.anchor(r, c)
        if ar == r and grid.value(ar, ac) is not None:
            return True
    return False


def _cells_in(grid: Grid, r: int, col: _Column) -> list[RawCell]:
    out = []
    c = col.lo
    while c <= col.hi:
        ar, ac = grid.anchor(r, c)
        box = grid.box(r, c)
        if ar == r:
            v = grid.value(ar, ac)
            if v is not None:
                out.append(RawCell(v, grid.ref(ar, ac)))
        c = box[3] + 1
    return out


def _take_row_column(grid: Grid, raw: RawReport, col: _Column, rows: range) -> None:
    if col.name == "topic" and col.category is not None:
        head = grid.ref(col.head if col.head >= 0 else rows.start, col.lo)
        for r in rows:
            for cell in _cells_in(grid, r, col):
                raw.agenda.append((RawCell(col.category, head), cell, RawCell(None, cell.cell)))
        return
    if col.name in _LISTS:
        _take_list(grid, raw, col, rows)
        return
    cells = [cell for r in rows for cell in _cells_in(grid, r, col)]
    if not cells:
        raw.fields.setdefault(col.name, [])
        raw.expected.setdefault(col.name, grid.ref(rows.start, col.lo))
        return
    raw.fields[col.name] = cells if col.name in _TEXTS else cells[:1]


def _take_list(grid: Grid, raw: RawReport, col: _Column, rows: range) -> None:
    """協議事項 and 要望事項 columns: one item a row (a row's cells are kept by name until
    every column of the register has been seen)."""
    store = raw.lists.setdefault("_" + col.name, [])
    for r in rows:
        cells = _cells_in(grid, r, col)
        if cells:
            store.append(cells[0])


def finish_lists(raw: RawReport) -> None:
    """Pair the list columns of a register row by row into the report's tables."""
    by: dict[str, dict[int, RawCell]] = {}
    for name in ("category", "topic", "remarks", "request", "response"):
        cells = raw.lists.pop("_" + name, [])
        by[name] = {c.cell.row: c for c in cells if c.cell is not None}
    for r in sorted(by["topic"]):
        topic = by["topic"][r]
        category = by["category"].get(r) or RawCell(None, topic.cell)
        remarks = by["remarks"].get(r) or RawCell(None, topic.cell)
        raw.agenda.append((category, topic, remarks))
    asked, answered = by["request"], by["response"]
    if asked and answered and not set(asked) & set(answered):
        # 要望事項 and 措置・回答 on rows of their own (one meeting a column): in order.
        pairs = [
            (asked[a], answered[b]) for a, b in zip(sorted(asked), sorted(answered), strict=False)
        ]
        rest = sorted(asked)[len(pairs) :]
        pairs += [(asked[a], RawCell(None, asked[a].cell)) for a in rest]
        raw.requests.extend(pairs)
    else:
        for r in sorted(set(asked) | set(answered)):
            request = asked.get(r)
            response = answered.get(r)
            if request is None:
                request = RawCell(None, response.cell if response else None)
            raw.requests.append((request, response or RawCell(None, request.cell)))
    if raw.agenda and raw.agenda_cell is None:
        raw.agenda_cell = raw.agenda[0][1].cell
    if raw.requests and raw.requests_cell is None:
        raw.requests_cell = raw.requests[0][0].cell


def _shared(grid: Grid, hits: dict[tuple[int, int], Hit], top: int) -> RawReport | None:
    """What the labels above a register say for all its meetings (所属：…)."""
    words = {p: h for p, h in hits.items() if p[0] < top and h.kind == "field"}
    rows = [list(row) if r < top else [] for r, row in enumerate(grid.rows)]
    shared = read_labelled(replace(grid, rows=rows), words) if words else None
    for r in range(min(top, grid.height)):
        for c, value in enumerate(grid.rows[r]):
            if isinstance(value, str) and (r, c) not in hits and grid.anchor(r, c) == (r, c):
                shared = _heading_line(grid.sheet, grid.ref(r, c), value, shared)
    return shared


# A line over a register naming who keeps it: 「美浜警察署　地域課　記載者 巡査部長 汐田直樹
# （警電7008）」 — the station at its start, the keeper after a label of the 報告者.
_STATION_FIRST = re.compile(r"^\s*(?P<station>[^\s\d:：]{1,12}警察署)(?=\s|$)")
_KEEPER = re.compile(r"(?:^|\s)(?:報告者|記載者|作成者|担当者?)\s*[:：]?\s*(?P<who>\S.*)$")


def _heading_line(sheet: str, cell: Cell, value: str, shared: RawReport | None) -> RawReport | None:
    text = unicodedata.normalize("NFKC", value).strip()
    station = _STATION_FIRST.match(text)
    if station is None:
        return shared
    found = {"affiliation": station["station"]}
    keeper = _KEEPER.search(text)
    if keeper is not None:
        found["reporter"] = keeper["who"].strip()
    shared = shared if shared is not None else RawReport(sheet)
    taken = [key for key in found if not shared.fields.get(key)]
    for key in taken:
        shared.fields[key] = [RawCell(found[key], cell)]
        shared.notes.append(
            ReadNote(
                "I1.heading-line",
                key,
                cell,
                (("found", value.strip()[:40]), ("where", cell.a1), ("label", L.PRINTED[key])),
            )
        )
    return shared


def _add_shared(raw: RawReport, shared: RawReport | None) -> None:
    finish_lists(raw)
    if shared is None:
        return
    for key, cells in shared.fields.items():
        if cells and not raw.fields.get(key):
            raw.fields[key] = list(cells)
            raw.expected.pop(key, None)
    raw.notes.extend(shared.notes)


# --- one meeting per column -------------------------------------------------------------


def _by_columns(grid: Grid, hits: dict[tuple[int, int], Hit]) -> list[Read] | None:
    labels = _label_column(grid, hits)
    if labels is None:
        return None
    rows, records, head = labels
    top = min(r for r, _ in rows)
    bottom = max(r for r, _ in rows)
    shared = [(r, c) for r, c in rows if head is not None and r < head]
    own = [(r, c) for r, c in rows if head is None or r > head]
    kept: list[tuple[RawReport, int, int]] = []
    for lo, hi in records:
        area = (head if head is not None else top, lo, bottom, hi)
        raw = RawReport(grid.sheet, area=area)
        for r, col in own:
            _take_column_cell(grid, raw, r, col, (lo, hi))
        if not _filled(raw):
            continue  # a column not written yet (第３回): no meeting
        for r, col in shared:
            cells = _row_cells(grid, r, (records[0][0], records[-1][1]))
            if cells and not raw.fields.get(col.name):
                raw.fields[col.name] = cells[:1]
        top = head if head is not None else min(r for r, _ in rows)
        for pos, hit in sorted(hits.items()):
            # 「所属：北山警察署」 written over the register holds for all its meetings
            inline = hit.kind == "field" and hit.inline is not None and pos[0] < top
            if inline and hit.inline is not None and not raw.fields.get(hit.name):
                raw.fields[hit.name] = [hit.inline]
        finish_lists(raw)
        kept.append((raw, lo, hi))
    printed = {**hits, **_printed_words(grid, labels, head, records)}
    out: list[Read] = []
    for i, (raw, lo, _hi) in enumerate(kept):
        # Each meeting accounts for its columns; the first also for the labels on the
        # left, the last for the columns after it (a meeting not written yet).
        right = kept[i + 1][1] - 1 if i + 1 < len(kept) else grid.width - 1
        scope = (0, 0 if i == 0 else lo, grid.height - 1, right)
        words = {p: h for p, h in printed.items() if scope[1] <= p[1] <= scope[3]}
        out.append((raw, grid, words, scope))
    return out or None


def _printed_words(
    grid: Grid,
    labels: tuple[list[tuple[int, _Column]], list[tuple[int, int]], int | None],
    head: int | None,
    records: list[tuple[int, int]],
) -> dict[tuple[int, int], Hit]:
    """The register's own printed words that are not the form's labels: the headings of
    its meetings (第１回 | 第２回) and the 協議事項（区分） labels down its left."""
    out: dict[tuple[int, int], Hit] = {}
    for r, col in labels[0]:
        if col.category is not None:
            out[(r, col.lo)] = Hit("decor", "topic", grid.box(r, col.lo))
    if head is not None:
        for c in range(0, records[-1][1] + 1):
            if grid.anchor(head, c) == (head, c) and grid.value(head, c) is not None:
                out[(head, c)] = Hit("decor", "heading", grid.box(head, c))
    return out


def _filled(raw: RawReport) -> bool:
    return any(cells for cells in raw.fields.values()) or any(raw.lists.values())


def _label_column(
    grid: Grid, hits: dict[tuple[int, int], Hit]
) -> tuple[list[tuple[int, _Column]], list[tuple[int, int]], int | None] | None:
    """The labels down one column of a register with meetings in the columns to their
    right: the labelled rows, the column span of each meeting, and the row of the
    meetings' own headings (第１回 | 第２回) when printed."""
    by_col: dict[int, list[tuple[int, _Column]]] = {}
    for (r, c), h in hits.items():
        if h.kind in _WORDS and h.inline is None:
            by_col.setdefault(c, []).append((r, _Column(h.name, h.box[0], h.box[2])))
    # Only a column of four labels or more can hold a register's labels (the common case
    # has none, and is told quickly); its 協議事項（区分） labels are looked up then.
    candidates = sorted(
        (item for item in by_col.items() if len({col.name for _, col in item[1]}) >= 4),
        key=lambda kv: -len(kv[1]),
    )
    for c, entries in candidates[:2]:
        labelled = sorted([*entries, *_topic_labels(grid, hits, c)], key=lambda e: e[0])
        end = max(grid.box(r, c)[3] for r, _ in labelled)
        if sum(_filled_after(grid, r, end) >= 2 for r, _ in labelled) < 3:
            continue  # a form: one value beside each label (told by a count first)
        seen: dict[int, int] = {}
        multi = 0
        for r, _ in labelled:
            anchors = {a for a in _value_anchors(grid, hits, r, end + 1)}
            multi += len(anchors) >= 2
            for a in anchors:
                seen[a] = seen.get(a, 0) + 1
        columns = sorted(a for a, n in seen.items() if n >= 2)
        aligned = sum(n >= 3 for n in seen.values())
        if multi < 3 or len(columns) < 2 or aligned < 2:
            continue  # values beside labels of a form, not meetings in columns
        head = _heading_row(grid, labelled, c, columns)
        if head is not None:
            columns = sorted(set(columns) | set(_heading_columns(grid, head, end + 1)))
        spans = [
            (a, (columns[i + 1] - 1 if i + 1 < len(columns) else grid.box(labelled[0][0], a)[3]))
            for i, a in enumerate(columns)
        ]
        return labelled, spans, head
    return None


def _filled_after(grid: Grid, r: int, c: int) -> int:
    """How many cells of row r right of column c hold something (a quick count)."""
    if not 0 <= r < grid.height:
        return 0
    rest = grid.rows[r][c + 1 :]
    return len(rest) - sum(1 for v in rest if v is None or v == "")


def _topic_labels(
    grid: Grid, hits: dict[tuple[int, int], Hit], c: int
) -> list[tuple[int, _Column]]:
    """The 協議事項（交番等の活動状況） labels down column c: a topic row for one 区分."""
    out = []
    for r in range(grid.height):
        v = grid.value(r, c)
        if (r, c) in hits or not isinstance(v, str) or len(v) > 40:
            continue
        category = canonical_category(_topic_category(v)) if _TOPIC_OF.match(label_key(v)) else None
        if category is not None:
            out.append((r, _Column("topic", c, c, category)))
    return out


def _topic_category(value: object) -> str:
    m = _TOPIC_OF.match(label_key(value))
    return m.group("c") if m else ""


def _value_anchors(grid: Grid, hits: dict[tuple[int, int], Hit], r: int, start: int) -> list[int]:
    out = []
    c = start
    width = len(grid.rows[r]) if r < grid.height else 0
    while c < width:
        ar, ac = grid.anchor(r, c)
        if (ar, ac) in hits:
            break
        v = grid.value(ar, ac) if ar == r else None
        if v is not None and not (isinstance(v, str) and is_decoration(v)):
            out.append(ac)  # a value, not a unit (人, 名) nor a 「：」 printed beside one
        c = grid.box(r, c)[3] + 1
    return out


def _heading_row(
    grid: Grid, labelled: list[tuple[int, _Column]], c: int, columns: list[int]
) -> int | None:
    """The row that names the meetings (項目 | 第１回 | 第２回): text in at least two of the
    register's columns on a row with no label of the form, above at least three labels."""
    rows = {r for r, _ in labelled}
    for r in range(0, max(rows)):
        if r in rows or sum(lr > r for lr in rows) < 3:
            continue
        texts = [grid.value(r, a) for a in columns if grid.anchor(r, a) == (r, a)]
        if sum(isinstance(t, str) for t in texts) >= 2:
            return r
    return None


def _heading_columns(grid: Grid, r: int, start: int) -> list[int]:
    out = []
    c = start
    width = len(grid.rows[r]) if r < grid.height else 0
    while c < width:
        ar, ac = grid.anchor(r, c)
        if ar == r and isinstance(grid.value(ar, ac), str):
            out.append(ac)
        c = grid.box(r, c)[3] + 1
    return out


def _row_cells(grid: Grid, r: int, span: tuple[int, int]) -> list[RawCell]:
    out = []
    c = span[0]
    while c <= span[1]:
        ar, ac = grid.anchor(r, c)
        if ar == r and grid.value(ar, ac) is not None:
            out.append(RawCell(grid.value(ar, ac), grid.ref(ar, ac)))
        c = grid.box(r, c)[3] + 1
    return out


def _take_column_cell(
    grid: Grid, raw: RawReport, r: int, col: _Column, span: tuple[int, int]
) -> None:
    cells = _row_cells(grid, r, span)
    if col.name == "topic" and col.category is not None:
        for cell in cells:
            raw.lists.setdefault("_topic", []).append(cell)
            label = RawCell(col.category, grid.ref(r, col.lo))
            raw.lists.setdefault("_category", []).append(label)
        return
    if col.name in _LISTS:
        raw.lists.setdefault("_" + col.name, []).extend(cells[:1])
        return
    if not cells:
        raw.fields.setdefault(col.name, [])
        raw.expected.setdefault(col.name, grid.ref(r, span[0]))
        return
    raw.fields[col.name] = cells if col.name in _TEXTS else cells[:1]
