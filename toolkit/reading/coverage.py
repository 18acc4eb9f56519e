"""Every printed cell accounted for: a label, (part of) a value, a known decoration, or
text that was not read.

A careful person reading a form accounts for everything printed on it; so does the reader
(SPEC, "Layouts HQ confirms"). After a report is read, each non-empty printed cell of its
area is one of
- a label: a printed word of the form the reader found (field labels, table headers,
  section headings, the title, the stamp boxes);
- a value: a cell a field was read from, or a cell whose text is part of a value read
  from several cells (a list joined from a number column and its text);
- a decoration: printed scaffolding that carries nothing (〇〇 and 令和　年　月　日
  placeholders, ※ hints, punctuation, units, a No. column's numbers, boilerplate such as
  上記のとおり報告します, the legend of 区分 codes);
- unread text, which the record names cell by cell (I1.unread-text) and counts.

`RawReport.coverage` is the share of the printed cells accounted for; `RawReport.unread`
lists the rest. A sheet with much unread text, or with labels repeated, holds more than
one report or a layout the reader did not understand: the rules make that a warning.

Two fields that were read from one cell are a conflict, and a value that is a label, a
placeholder or punctuation is no value (`settle_values`): neither becomes a value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from toolkit import labels as L
from toolkit.cells import Cell
from toolkit.model import SCALAR_KEYS, TEXT_KEYS, ReadNote
from toolkit.normalize import canonical_category, is_bare_marker, label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Box, Grid
from toolkit.reading.labelread import DECOR, FIELD_OF, HEADER_OF, TITLE_KEYS, known_key
from toolkit.reading.region import Labels
from toolkit.reading.sheetkind import is_hint, is_placeholder, placeholder_run

# What a cell may hold and still be no value at all: punctuation, a ditto mark, a dash.
_PUNCTUATION = re.compile(r"[\s:：;；・,，、。.．\-－―ー‐—〃々\"'“”()（）\[\]【】/／|｜＝=＊*→⇒]*")
# A date or time printed with its blanks left empty: 令和　年　月　日, 時　分.
_EMPTY_DATE = re.compile(r"年.*月|月.*日|時.*分")
_DIGIT = re.compile(r"[0-9０-９]")
# Page furniture: a seal mark, page numbers, the face of a sheet, a form's number.
_FURNITURE = re.compile(
    r"[印㊞]|[-ー―−(（]?[0-9]{1,3}[-ー―−)）]?|[0-9]{1,3}/[0-9]{1,3}|(?:P|p|頁|ページ)[0-9]{1,3}"
    r"|[(（]?(?:表面?|裏面?|続き|その[0-9]{1,2})[)）]?|別紙[0-9]*|(?:別記)?様式(?:第[0-9]+号)?.{0,12}"
)
# The addressee of the report: 生活安全部地域課地域指導係宛, 地域課長殿.
_ADDRESSEE = re.compile(r".{0,30}(?:係|課|部|長|署)(?:長)?(?:宛て?|殿|様|御中)")
_LIST_SEPARATORS = re.compile(r"[・、,，/／:：|｜]+")
_BOILERPLATE = frozenset(label_key(x) for x in L.BOILERPLATE)
_SECTIONS = frozenset(label_key(x) for x in L.SECTIONS)
# Fields that may be read from one cell together: it is split when the record is built.
_SHARED = (
    frozenset({"date", "start_time", "end_time", "time_range"}),
    frozenset({"attendance", "police_attendees", "civilian_attendees"}),
    frozenset({"reporter", "phone"}),
)
_KEYS_OF: dict[str, str] = {"topic": "agenda", "request": "requests", "response": "requests"}


def is_nothing_value(value: object) -> bool:
    """A value that says nothing: empty, punctuation (「：」「〃」「―」), a placeholder
    (「〇〇」「令和　年　月　日」), a ※ hint, or a printed label of the form."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return _says_nothing(value)


@functools.lru_cache(maxsize=4096)
def _says_nothing(value: str) -> bool:
    if _PUNCTUATION.fullmatch(value) is not None or is_hint(value):
        return True
    if is_placeholder(value) and (
        placeholder_run(value) or (_EMPTY_DATE.search(value) and not _DIGIT.search(value))
    ):
        return True  # 〇〇　〇〇, 〇〇警察署, 令和　年　月　日 (but 定期 is a value)
    key = known_key(label_key(value))
    return key in FIELD_OF or key in HEADER_OF or key in TITLE_KEYS


def is_decoration(value: object) -> bool:
    """Printed scaffolding that carries no value of its own."""
    if isinstance(value, bool):
        return False
    if not isinstance(value, str):
        return is_bare_marker(value)  # a printed row number
    return _scaffolding(value)


@functools.lru_cache(maxsize=8192)
def _scaffolding(value: str) -> bool:
    if is_bare_marker(value):
        return True
    if _PUNCTUATION.fullmatch(value) is not None or is_placeholder(value) or is_hint(value):
        return True
    key = label_key(value).rstrip("。.")
    if key in DECOR or key in _BOILERPLATE or key in _SECTIONS or is_title(value):
        return True
    if len(key) <= 60 and _COVER_LINE.search(key) is not None:
        return True
    if _FURNITURE.fullmatch(key) is not None or _ADDRESSEE.fullmatch(key) is not None:
        return True
    # The stamp boxes written out in one cell: 「決裁：署長・副署長・…・主任・係」.
    parts = [p for p in _LIST_SEPARATORS.split(key) if p]
    if len(parts) >= 2 and all(p in DECOR or p in _SECTIONS for p in parts):
        return True
    # ... or spaced out (「署　長　　副署長　　地域交通官　　地域課長」: a word may hold a space).
    for gap in (r"\s{2,}", r"\s+"):
        words = [label_key(w) for w in re.split(gap, value.strip()) if w.strip()]
        if len(words) >= 2 and all(w in DECOR for w in words):
            return True
    return False


# --- values that are no values ----------------------------------------------------------


_TITLE = re.compile(
    r"協議会.{0,12}(?:開催結果報告書?|結果報告書?|開催報告書?|報告書|開催状況|開催記録簿?|記録簿|"
    r"一覧表?|台帳|とりまとめ|取りまとめ|集計表?|開催結果について|開催について|結果について)"
    r"(?:\(.{0,30}\))?(?:[(（].{0,30}[)）])?$"
)
# The sentence of a letter before its 記: 「標記について、下記のとおり開催したので報告します。」
_COVER_LINE = re.compile(
    r"(?:標記|下記|次の?とおり|以下のとおり).{0,30}報告(?:します|いたします|致します)$"
)


def is_title(value: object) -> bool:
    """The title of a report or a register: 「…連絡協議会開催記録簿（令和８年度）」."""
    if not isinstance(value, str) or len(value) > 80:
        return False
    return _TITLE.search(unicodedata.normalize("NFKC", value).strip()) is not None


def settle_values(raw: RawReport) -> None:
    """Take out of each field the cells that say nothing (a 「：」 between a label and its
    value, a placeholder left from the blank form); a field left with nothing is empty,
    expected where its first cell was."""
    for key, cells in list(raw.fields.items()):
        if not cells:
            continue
        kept = [c for c in cells if not is_nothing_value(c.value)]
        if len(kept) == len(cells):
            continue
        if kept and key in ("date", "time_range", "meeting_type", "attendance"):
            # Printed pieces of a value typed over several cells (令和 | 8 | 年 …, □定期)
            # belong to it; only the cells before the first real one are dropped.
            first = cells.index(kept[0])
            kept = cells[first:]
        if not kept and cells[0].cell is not None:
            raw.expected.setdefault(key, cells[0].cell)
        raw.fields[key] = kept


# --- accounting -------------------------------------------------------------------------


def claims(raw: RawReport) -> Iterator[tuple[str, RawCell]]:
    """Every cell the report was read from, with its field (lists by their name)."""
    for key, cells in raw.fields.items():
        for c in cells:
            yield key, c
    for category, topic, remarks in raw.agenda:
        yield "agenda.category", category
        yield "agenda.topic", topic
        yield "agenda.remarks", remarks
    for request, response in raw.requests:
        yield "requests.request", request
        yield "requests.response", response
    for key, cells in raw.lists.items():
        for c in cells:
            yield _KEYS_OF.get(key, key), c


def conflicts(
    raw: RawReport, grid: Grid, labels: Labels | Iterable[tuple[int, int]] | None = None
) -> None:
    """Two single-value fields read from the same cell: neither keeps it, and the record
    says so naming both labels. A cell that prints its labels with their values
    (「協議会名：…　施設名：…」) is not a conflict."""
    owner: dict[tuple[int, int], str] = {}
    clash: dict[tuple[int, int], set[str]] = {}
    exempt = set(labels) if labels is not None else set()
    for key, cells in raw.fields.items():
        for c in cells:
            if c.cell is None or c.value is None or c.cell.sheet != grid.sheet:
                continue
            at = grid.anchor(c.cell.row, c.cell.col)
            if at in exempt:
                continue
            first = owner.setdefault(at, key)
            if first != key and not any({first, key} <= s for s in _SHARED):
                clash.setdefault(at, {first}).add(key)
    for at, keys in sorted(clash.items()):
        names = sorted(keys, key=lambda k: list(raw.fields).index(k))
        for key in names:
            raw.fields[key] = [c for c in raw.fields[key] if not _at(grid, c, at)]
            raw.expected.setdefault(key, grid.ref(*at))
        raw.notes.append(
            ReadNote(
                "I1.conflict",
                names[0],
                grid.ref(*at),
                (
                    ("label", L.PRINTED.get(names[0], names[0])),
                    ("other", "」「".join(L.PRINTED.get(k, k) for k in names[1:])),
                    ("where", grid.ref(*at).a1),
                ),
            )
        )


def _at(grid: Grid, c: RawCell, at: tuple[int, int]) -> bool:
    return c.cell is not None and grid.anchor(c.cell.row, c.cell.col) == at


Kinds = dict[tuple[int, int], str]  # (row, col) → label | value | decoration | unread | unprinted


def account(
    grid: Grid,
    labels: Labels | Iterable[tuple[int, int]],
    raw: RawReport,
    area: Box | None = None,
    *,
    also: Iterable[tuple[int, int]] = (),
    kinds: Kinds | None = None,
) -> None:
    """Fill `raw.unread` and `raw.coverage` for the printed cells of `area` (the whole
    sheet when None), and say in the record which text was not read. `labels` are the
    cells of the printed words found; `also` more cells the reader used (a legend, a
    table's header words). With `kinds`, what each cell is, for whoever explains the
    reading (a proof of the layout, a test)."""
    printed_words: set[tuple[int, int]] = set(labels)
    printed_words.update(also)
    values: set[tuple[int, int]] = set()
    texts: list[str] = []
    for _key, claim in claims(raw):
        if claim.cell is None or claim.value is None:
            continue
        if claim.cell.sheet == grid.sheet:
            values.add(grid.anchor(claim.cell.row, claim.cell.col))
        if isinstance(claim.value, str):
            texts.append(_flat(claim.value))
    joined = "\x00".join(texts)
    total = 0
    unread: list[RawCell] = []
    for r, c, v in _cells(grid, area):
        if grid.anchor(r, c) != (r, c):
            continue  # left inside a merged box: Excel does not show it
        total += 1
        kind = _kind((r, c), v, printed_words, values, joined)
        if kinds is not None:
            kinds[(r, c)] = kind
        if kind == "unread":
            unread.append(RawCell(v, grid.ref(r, c)))
    if kinds is not None:
        _explain_rest(grid, area, kinds)
    named = {n.cell for n in raw.notes if n.code in ("I1.unread-requests", "I1.conflict")}
    words = labels if isinstance(labels, Mapping) else {}
    _report_unread(raw, unread, total, named, lambda cell: _field_near(words, cell))


def _kind(
    at: tuple[int, int],
    value: object,
    labels: set[tuple[int, int]],
    values: set[tuple[int, int]],
    joined: str,
) -> str:
    if at in values:
        return "value"
    if at in labels:
        return "label"
    if is_decoration(value):
        return "decoration"
    flat = _flat(value) if isinstance(value, str) else _flat(str(value))
    if flat and flat in joined:
        return "value"  # part of a value read from several cells
    return "unread"


def _explain_rest(grid: Grid, area: Box | None, kinds: Kinds) -> None:
    """What is not printed, and what a shape took off a cell (struck text), in `area`."""

    def inside(at: tuple[int, int]) -> bool:
        return area is None or (area[0] <= at[0] <= area[2] and area[1] <= at[1] <= area[3])

    for at in grid.unprinted:
        if inside(at):
            kinds.setdefault(at, "unprinted")
    for at in grid.origins:
        if inside(at):
            kinds.setdefault(at, "decoration")


def _field_near(labels: Labels, cell: Cell) -> str | None:
    """The field of the record whose printed place an unread cell lies in: under a
    table's header (協議事項, 要望事項 …), or right of a field's label on its row."""
    best: tuple[int, str] | None = None
    words = [p for p, label in labels.items() if label.kind in ("field", "header", "item")]
    for (r, _c), label in labels.items():
        kind = label.kind
        if kind == "header" and r < cell.row and label.box[1] <= cell.col <= label.box[3]:
            if any(r < s < cell.row or (s == cell.row and c < cell.col) for s, c in words):
                continue  # another label under the header: its table has ended
            name = _LIST_OF.get(label.name)
            if name is not None and (best is None or cell.row - r < best[0]):
                best = (cell.row - r, name)
    if best is not None:
        return best[1]
    left = [(c, label) for (r, c), label in labels.items() if r == cell.row and c < cell.col]
    for _c, label in sorted(left, key=lambda item: -item[0]):
        if label.kind in ("field", "header", "item"):
            name = _LIST_OF.get(label.name, label.name)
            return name if name in _RECORD_FIELDS else None
    return None


_LIST_OF = {
    "category": "agenda",
    "topic": "agenda",
    "remarks": "agenda",
    "request": "requests",
    "response": "requests",
    "time_range": "start_time",
}
_RECORD_FIELDS = frozenset({*SCALAR_KEYS, *TEXT_KEYS, "agenda", "requests", "officers"})


def _cells(grid: Grid, area: Box | None) -> Iterator[tuple[int, int, object]]:
    if area is None:
        yield from grid.cells()
        return
    r0, c0, r1, c1 = area
    for r in range(r0, min(r1, grid.height - 1) + 1):
        row = grid.rows[r]
        for c in range(c0, min(c1, len(row) - 1) + 1):
            v = row[c]
            if v is None or v == "" or (isinstance(v, str) and not v.strip()):
                continue
            yield r, c, v


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _short(value: object, limit: int = 30) -> str:
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- our template -----------------------------------------------------------------------


def account_named(
    grid: Grid, names: dict[str, tuple[int, int]], raw: RawReport, kinds: Kinds | None = None
) -> None:
    """The accounting of a sheet of our template: its named cells are the values, and
    everything else it prints is its own wording. Cheap: the forms of one version of the
    template print their words at the same places, learned once; a row holding nothing
    else is counted without looking at its cells one by one."""
    key = (raw.template_version, grid.sheet, len(names))
    known = _KNOWN.get(key)
    if known is None:
        known = _learn(grid, names)
        if len(_KNOWN) < 64:
            _KNOWN[key] = known
    rows = grid.rows
    # A cell that is None (a grid not read by calamine) counts as filled: the slow way.
    filled = sum(len(row) - row.count("") for row in rows)
    try:
        expected = sum(rows[r][c] != "" for r, c in known)
    except IndexError:
        expected = -1
    if kinds is None and filled == expected:
        _report_unread(raw, [], filled)  # only values and the template's own words
        return
    total = 0
    unread: list[RawCell] = []
    for r, row in enumerate(rows):
        if len(row) - row.count("") - row.count(None):
            total += _account_row(grid, r, row, names, kinds, unread)
    _report_unread(raw, unread, total)


# The places of the values and the printed words of a version of our template.
_KNOWN: dict[tuple[str | None, str, int], frozenset[tuple[int, int]]] = {}


def _learn(grid: Grid, names: dict[str, tuple[int, int]]) -> frozenset[tuple[int, int]]:
    places = set(names.values())
    for r, row in enumerate(grid.rows):
        for c, v in enumerate(row):
            if isinstance(v, str) and v.strip() and _printed_word(v):
                places.add((r, c))
    return frozenset(places)


def _account_row(
    grid: Grid,
    r: int,
    row: Sequence[object],
    names: dict[str, tuple[int, int]],
    kinds: Kinds | None,
    unread: list[RawCell],
) -> int:
    """Each cell of one row of our template: how many are printed, the unread ones kept."""
    named = {c for (nr, c) in names.values() if nr == r}
    total = 0
    for c, v in enumerate(row):
        if v == "" or v is None:
            continue
        kind = "unread"
        if c in named:
            kind = "value"
        elif isinstance(v, str):
            if not v.strip():
                continue
            if _printed_word(v):
                kind = "label"
        elif is_decoration(v):
            kind = "decoration"
        if kind == "unread" and grid.anchor(r, c) != (r, c):
            continue
        total += 1
        if kinds is not None:
            kinds[(r, c)] = kind
        if kind == "unread":
            unread.append(RawCell(v, grid.ref(r, c)))
    return total


@functools.lru_cache(maxsize=4096)
def _printed_word(text: str) -> bool:
    """A text our template prints: a label, a heading, a note to the officer, the name of
    the 運営責任者 above the title."""
    key = label_key(text)
    if key in FIELD_OF or key in HEADER_OF or key in TITLE_KEYS or key.startswith(_TEMPLATE_TEXT):
        return True
    return is_decoration(text) or canonical_category(text) is not None


_TEMPLATE_TEXT = ("運営責任者", "別記様式", "交番・駐在所連絡協議会開催結果報告書", "報告書の枠に")


def _report_unread(
    raw: RawReport,
    unread: list[RawCell],
    total: int,
    named: set[Cell | None] | None = None,
    field_of: Callable[[Cell], str | None] | None = None,
) -> None:
    """Set the report's unread text and coverage, and say in the record which text was
    not read (a cell another finding already names as unread is not named twice)."""
    raw.unread = unread
    raw.coverage = 1.0 if total == 0 else (total - len(unread)) / total
    for cell in unread:
        assert cell.cell is not None
        if named and cell.cell in named:
            continue
        raw.notes.append(
            ReadNote(
                "I1.unread-text",
                field_of(cell.cell) if field_of is not None else None,
                cell.cell,
                (("found", _short(cell.value)), ("where", cell.cell.a1)),
            )
        )
