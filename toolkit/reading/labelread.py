"""Label-anchored reading: find each field of the 別記様式 by its printed label.

Stations draw their own versions of the form (方眼紙 grids, merged cells, labels with
spaces, labels above their values, rows inserted). Fixed cell addresses break on them, so
this reader finds every printed label, then takes the value to its right, or below it when
nothing is to the right, skipping merged continuations and unit cells such as 人. Tables
(区分/協議事項/備考 and 要望事項/措置・回答) are read row by row until the next section.

The result is a `RawReport`: values exactly as the workbook holds them, each with its cell.
Nothing is validated here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from toolkit import labels as L
from toolkit.model import ReadNote
from toolkit.normalize import canonical_category, label_key, split_attendance
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Box, Grid
from toolkit.reading.lists import check_requests, find_layout, numbered_label, read_lists
from toolkit.reading.region import (
    MAX_CONTINUED_ROWS,
    continued_rows,
    label_rows,
    next_label_col,
    row_width,
    scan_right,
    window_right,
)
from toolkit.reading.tables import read_tables

# --- the vocabulary, compiled once ------------------------------------------------------

FIELD_OF: dict[str, str] = {}
for _field, _variants in L.VARIANTS.items():
    for _v in _variants:
        FIELD_OF.setdefault(label_key(_v), _field)

HEADER_OF: dict[str, str] = {}
for _name, _variants in (
    ("category", L.AGENDA_CATEGORY),
    ("topic", L.AGENDA_TOPIC),
    ("remarks", L.AGENDA_REMARKS),
    ("request", L.REQUEST),
    ("response", L.RESPONSE),
):
    for _v in _variants:
        HEADER_OF.setdefault(label_key(_v), _name)

DECOR: frozenset[str] = frozenset(label_key(x) for x in L.DECORATION)

# A known label with a note in brackets after it: 「報告者（職・氏名）」「電話（警電）」
# 「備考（資料等）」. A note holding a digit is a value (「警察官（3名）」), and one naming a
# 区分 (「協議事項（その他）」) says which row it is: neither is a label's note.
_NOTED = re.compile(r"(?P<base>[^()]{2,12})\((?P<note>[^()0-9]{1,12})\)")


def known_key(key: str) -> str:
    """`key` (label_key form), or the known label it is with its bracketed note taken off."""
    if key in FIELD_OF or key in HEADER_OF:
        return key
    if key[:1] == "(" and key[-1:] == ")" and key[1:-1] in HEADER_OF:
        return key[1:-1]  # 「（備考）」
    nested = _NESTED_NOTE.fullmatch(key)
    if nested is not None:
        # 「出席者数（民間（委員等））」: the inner note off, then the label as before
        inner = nested["head"] + nested["tail"]
        if inner in FIELD_OF or inner in HEADER_OF:
            return inner
        key = inner if _NOTED.fullmatch(inner) else key
    m = _NOTED.fullmatch(key)
    if m is None or canonical_category(m["note"]) is not None:
        return key
    if FIELD_OF.get(m["base"]) == "attendance":
        # 「出席者（警察）」「出席者（委員・住民等）」: the note says which count it is
        note = m["note"] if m["note"] in FIELD_OF else (loose_key(m["note"]) or "")
        if FIELD_OF.get(note) in _COUNT_FIELDS:
            return note
    if m["base"] in FIELD_OF or m["base"] in HEADER_OF:
        return m["base"]
    return key


_NESTED_NOTE = re.compile(
    r"(?P<head>[^()]{2,12}\([^()]{1,12})\((?P<note>[^()0-9]{1,12})\)(?P<tail>\))"
)


# Words stations put around a label of the form: 「主な協議内容」「回答・措置状況」「出席委員数」
# 「要望・意見等」. Taken off, what is left may be a label we know; reading by it is a
# judgement, which the record says (`habits.label_variants`).
_LOOSE_PREFIXES = ("", "主な", "主たる", "主要な", "主要", "具体的な", "当日の", "今回の", "出席")
_LOOSE_SUFFIXES = ("", "等", "など", "の状況", "状況", "の内容", "内容", "数", "欄")


def _part_key(part: str) -> str:
    """A word of a label joined with others by ・: known as it stands, or with the words
    stations put around a label taken off (「要望等」)."""
    key = known_key(part)
    if key in FIELD_OF or key in HEADER_OF:
        return key
    return _affixed(key) or key


def loose_key(key: str) -> str | None:
    """The known label `key` (label_key form) is when the words stations put around a
    label are taken off it; None when it is none (or is a known label as it stands)."""
    if len(key) > 16:
        return None
    parts = [_part_key(p) for p in re.split("・|及び|並びに|と(?=措置|回答)", key)]
    if len(parts) >= 2 and all(len(p) >= 2 for p in parts):
        names = {FIELD_OF.get(p) or HEADER_OF.get(p) for p in parts}
        if (len(names) == 1 and None not in names) or names == {"request", "response"}:
            return parts[0]  # 「委員・住民」: words of one field joined; 「要望事項・措置・回答」
    return _affixed(key)


def _affixed(key: str) -> str | None:
    """The known label `key` holds inside the words stations put around labels."""
    for pre in _LOOSE_PREFIXES:
        if not key.startswith(pre):
            continue
        for suf in _LOOSE_SUFFIXES:
            if not (pre or suf) or not key.endswith(suf) or len(key) - len(pre) - len(suf) < 2:
                continue
            core = known_key(key[len(pre) : len(key) - len(suf)])
            if core in FIELD_OF or core in HEADER_OF:
                return core
    return None


def _headings(text: str) -> str | None:
    """Table headers printed together in one cell as a heading at the table's side
    (「要望等　回答・措置状況」): the first of them."""
    words = text.split()
    if len(words) < 2 or len(words) > 4:
        return None
    keys = []
    for word in words:
        key = known_key(label_key(word))
        if key not in HEADER_OF:
            key = loose_key(key) or ""
        if key not in HEADER_OF:
            return None
        keys.append(key)
    return keys[0]


TITLE_KEYS: frozenset[str] = frozenset(
    label_key(x) for x in ("交番・駐在所連絡協議会開催結果報告書", "開催結果報告書")
)

# Labels that may carry their value in the same cell ("所属：西原警察署", "警察官 3人").
_PREFIX_LENGTHS = sorted({len(k) for k in FIELD_OF if len(k) >= 2}, reverse=True)
_COUNT_FIELDS = ("police_attendees", "civilian_attendees")
# List headers that may carry their list in the same cell (「協議事項：①…」). The short
# words (要望, 回答, 議題) are left out: 「要望：…」「回答：…」 lines are exchanges.
_LIST_HEADERS = frozenset({"topic", "request", "response"})
_LIST_FIRST = frozenset(k[0] for k, v in HEADER_OF.items() if v in _LIST_HEADERS) | frozenset(
    k[0] for variants in L.NUMBERED.values() for k in map(label_key, variants)
)
_LIST_PREFIX_LENGTHS = sorted(
    {len(k) for k, v in HEADER_OF.items() if v in _LIST_HEADERS and len(k) >= 4}, reverse=True
)
_NUMERAL_START = re.compile(r"[0-9〇零一二三四五六七八九十百]")
_INLINE_CACHE: dict[str, re.Pattern[str]] = {}

# Fields whose value may spread over several cells to the right of the label.
_MULTI = frozenset({"date", "meeting_type", "officers", "attendance", "time_range"})
# Free text that may go on over the rows below its label, one line a row; the rows are
# joined (and the record says so). The date may have its times on the row below.
_CONTINUED = frozenset({"discussion", "reference", "officers", "attachment"})
_COUNTED = frozenset({*_COUNT_FIELDS, "attendance"})
_DATE_ROWS = 1
# Fields that count for recognising a sheet as a report.
_CORE = frozenset(
    {
        "affiliation",
        "council_name",
        "facility_name",
        "date",
        "attendance",
        "police_attendees",
        "meeting_type",
        "discussion",
        "officers",
    }
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A printed word on the form: a field label, a table header, or decoration."""

    kind: str  # "field" | "header" | "item" | "decor" | "title"
    name: str
    box: Box
    inline: RawCell | None = None  # the value written in the label's own cell
    index: int = 0  # the number of a numbered row label (協議事項1, 要望事項2)
    # More labels with their values in the same cell (「協議会名：…　施設名：…」).
    also: tuple[tuple[str, RawCell], ...] = ()
    loose: str | None = None  # the label as printed, when known only with words taken off


# --- finding the labels -----------------------------------------------------------------


def find_hits(grid: Grid) -> dict[tuple[int, int], Hit]:
    """Every printed word of the form on the sheet, by the top-left cell of its area."""
    hits: dict[tuple[int, int], Hit] = {}
    for r, c, v in grid.cells():
        if not isinstance(v, str):
            continue
        if grid.anchor(r, c) != (r, c):
            continue  # a value left behind inside a merged area is not shown by Excel
        hit = _classify(v, grid, r, c)
        if hit is not None:
            hits[(r, c)] = hit
    return hits


# The number before a label of a 記書き or a numbered form: 「1　協議会名」「(2) 施設名」「３．開催日時」
# 「⑤出席者数」「ア　所属」 — taken off when what follows it is a label.
_ENUMERATED = re.compile(
    r"^\s*(?:[(（]\s*[0-9０-９]{1,2}\s*[)）]|[0-9０-９]{1,2}\s*[.．、)）]?\s+|[0-9０-９]{1,2}\s*[.．、)）]"
    r"|[①-⑳]|[アイウエオカキクケコ][\s.．、]|第[0-9０-９一二三四五六七八九十]{1,3}[\s.．、])\s*"
)


# What a text is, remembered across sheets and files (labels repeat on every form; most
# values are no label): a label's kind, name and printed words, None for no label, or
# _PLACED when the hit holds a value whose cell must be named (read again each time).
_PLACED = ("", "", None)
_KINDS: dict[str, tuple[str, str, str | None] | None] = {}


def _classify(text: str, grid: Grid, r: int, c: int) -> Hit | None:
    if text in _KINDS:
        known = _KINDS[text]
        if known is None:
            return None
        if known is not _PLACED:
            kind, name, loose = known
            return Hit(kind, name, grid.box(r, c), loose=loose)
        return _classify_text(text, grid, r, c)
    hit = _classify_text(text, grid, r, c)
    if len(_KINDS) > 50_000:
        _KINDS.clear()
    plain = hit is not None and hit.inline is None and not hit.also and hit.index == 0
    _KINDS[text] = None if hit is None else (hit.kind, hit.name, hit.loose) if plain else _PLACED
    return hit


def _classify_text(text: str, grid: Grid, r: int, c: int) -> Hit | None:
    key = known_key(label_key(text))
    if not key or len(key) > 40:
        return None
    if key not in FIELD_OF and key not in HEADER_OF:
        numbered = _ENUMERATED.match(text)
        if numbered is not None:
            rest = known_key(label_key(text[numbered.end() :]))
            if rest in FIELD_OF or rest in HEADER_OF or loose_key(rest) is not None:
                key = rest
    box = grid.box(r, c)
    if key in FIELD_OF:
        return Hit("field", FIELD_OF[key], box)
    if key in HEADER_OF:
        return Hit("header", HEADER_OF[key], box)
    if key in TITLE_KEYS:
        return Hit("title", key, box)
    if key in DECOR:
        return Hit("decor", key, box)
    listed = _list_hit(text, key, grid, r, c)
    if listed is not None:
        return listed
    for n in _PREFIX_LENGTHS:
        name = FIELD_OF.get(key[:n])
        if name is None or len(key) == n:
            continue
        if name in _COUNT_FIELDS and split_attendance(text) is not None:
            return None  # "警察官3人・民間10人" is a value, not a label
        inline = _inline_value(text, key[:n], name)
        if inline is not None:
            first, more = _split_inline(inline)
            ref = grid.ref(r, c)
            also = tuple((other, RawCell(v, ref)) for other, v in more if other != name)
            return Hit("field", name, box, RawCell(first, ref), also=also)
    core = loose_key(key)
    if core is None:
        core = _headings(text)
    if core is not None:
        printed = " ".join(text.split())
        if core in FIELD_OF:
            return Hit("field", FIELD_OF[core], box, loose=printed)
        return Hit("header", HEADER_OF[core], box, loose=printed)
    return None


def _list_hit(text: str, key: str, grid: Grid, r: int, c: int) -> Hit | None:
    """A numbered row label of a list (協議事項1, 要望事項２, 措置・回答①), or a list header
    with its list written after it in the same cell (「要望事項：①…②…」)."""
    if key[0] not in _LIST_FIRST:
        return None  # the common case: a value, not a list's label
    item = numbered_label(text, key)
    if item is not None:
        name, index, value = item
        inline = RawCell(value, grid.ref(r, c)) if value else None
        return Hit("item", name, grid.box(r, c), inline, index)
    for n in _LIST_PREFIX_LENGTHS:
        header = HEADER_OF.get(key[:n])
        if header is None or header not in _LIST_HEADERS or len(key) == n:
            continue
        after = _after_label(text, key[:n])
        if after is not None and known_key(label_key(after)) in HEADER_OF:
            # two headers in one cell (要望事項／措置・回答): the first, with no list after it
            return Hit("header", header, grid.box(r, c))
        if after is not None:
            return Hit("header", header, grid.box(r, c), RawCell(after, grid.ref(r, c)))
    return None


def _after_label(text: str, label: str) -> str | None:
    """What follows `label` (in label_key form) and a colon or a space in `text`, as
    typed: a list keeps its ①② (which NFKC would turn into digits)."""
    consumed = ""
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch)
        if not norm.strip():
            continue
        consumed += norm
        if consumed == label:
            rest = text[i + 1 :]
            stripped = rest.lstrip(" \t\u3000")
            colon = stripped[:1] in (":", "：")
            if not colon and not rest[:1].isspace():
                return None
            return (stripped[1:] if colon else stripped).strip() or None
        if not label.startswith(consumed):
            return None
    return None


def _inline_value(text: str, label: str, name: str) -> str | None:
    """The value after a label in the same cell, when a separator (or a count) follows it."""
    pattern = _INLINE_CACHE.get(label)
    if pattern is None:
        chars = r"\s*".join(re.escape(ch) for ch in label)
        pattern = re.compile(rf"^\s*{chars}(?P<sep>\s*:\s*|\s+|)(?P<v>.+)$", re.S)
        _INLINE_CACHE[label] = pattern
    m = pattern.match(unicodedata.normalize("NFKC", text))
    if m is None:
        return None
    value = m.group("v").strip()
    if not value:
        return None
    if m.group("sep") or (name in _COUNT_FIELDS and _NUMERAL_START.match(value)):
        return value
    return None


_LABEL_COLON: list[re.Pattern[str]] = []


def _split_inline(value: str) -> tuple[str, list[tuple[str, str]]]:
    """A value written after its label, cut where another label and a colon follow it in
    the same cell: 「新田地区交番連絡協議会　施設名：新田交番」 → the council's name, and
    (facility_name, 新田交番)."""
    if ":" not in value:
        return value, []
    if not _LABEL_COLON:
        words = sorted((k for k in FIELD_OF if len(k) >= 2), key=len, reverse=True)
        alternation = "|".join(r"\s*".join(map(re.escape, w)) for w in words)
        _LABEL_COLON.append(re.compile(rf"(?:^|(?<=\s))(?P<label>{alternation})\s*:\s*"))
    marks = list(_LABEL_COLON[0].finditer(value))
    if not marks:
        return value, []
    first = value[: marks[0].start()].strip()
    more = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(value)
        text = value[m.end() : end].strip()
        name = FIELD_OF.get(label_key(m.group("label")))
        if name is not None and text:
            more.append((name, text))
    return (first or value), more


def is_report(hits: dict[tuple[int, int], Hit]) -> bool:
    """A sheet is a report when it shows enough of the form's labels."""
    names = {h.name for h in hits.values() if h.kind == "field"} & _CORE
    titled = any(h.kind == "title" for h in hits.values())
    headers = {h.name for h in hits.values() if h.kind == "header"}
    score = len(names) + (1 if {"category", "topic"} <= headers else 0)
    return score >= 4 or (titled and score >= 3)


# --- reading values ---------------------------------------------------------------------


def read_labelled(grid: Grid, hits: dict[tuple[int, int], Hit]) -> RawReport:
    """Read one report sheet by its labels."""
    raw = RawReport(grid.sheet)
    layout = find_layout(grid, hits)
    votes = {"right": 0, "below": 0}
    missing: list[Hit] = []
    for pos in sorted(hits):
        hit = hits[pos]
        if hit.kind != "field" or raw.fields.get(hit.name):
            continue
        if hit.inline is not None:
            raw.fields[hit.name] = [hit.inline]
            for other, cell in hit.also:
                if not raw.fields.get(other):
                    raw.fields[other] = [cell]
            continue
        cells, where = _value_of(grid, hits, hit, raw)
        if cells:
            raw.fields[hit.name] = cells
            votes[where] += 1
        elif hit.name not in raw.fields:
            raw.fields[hit.name] = []
            missing.append(hit)
    below = votes["below"] > votes["right"]
    for hit in missing:
        r0, c0, r1, c1 = hit.box
        raw.expected[hit.name] = grid.ref(r1 + 1, c0) if below else grid.ref(r0, c1 + 1)
    read_tables(grid, hits, raw, layout)
    read_lists(grid, hits, layout, raw)
    check_requests(grid, hits, raw)
    _check_unformatted_phone(grid, raw)
    return raw


def _check_unformatted_phone(grid: Grid, raw: RawReport) -> None:
    """A phone stored as a short number where formats cannot be read (.xls): it may be
    shown with leading zeros (215 as 0215), so the record says it was read as stored."""
    first = raw.first("phone")
    if grid.shown is not None or first is None or first.cell is None:
        return
    value = first.value
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1000:
        raw.notes.append(
            ReadNote(
                "I1.unformatted-number",
                "phone",
                first.cell,
                (
                    ("label", L.PRINTED["phone"]),
                    ("where", str(first.cell)),
                    ("found", str(int(value)) if float(value).is_integer() else str(value)),
                ),
            )
        )


def _value_of(
    grid: Grid, hits: dict[tuple[int, int], Hit], hit: Hit, raw: RawReport
) -> tuple[list[RawCell], str]:
    r0, c0, r1, c1 = hit.box
    multi = hit.name in _MULTI
    # Counts mean the same whatever their format (3 shown as 3人): not looked up.
    shown = hit.name not in _COUNTED
    right = scan_right(grid, hits, r0, c1 + 1, multi, shown=shown)
    if right and not multi and hit.name not in _CONTINUED:
        return right, "right"
    if right:
        cols = window_right(grid, hits, hit.box)
        rows = [right]
        if multi or hit.name in _CONTINUED:
            rows += label_rows(grid, hits, hit.box, cols)
        if hit.name in _CONTINUED or hit.name == "date":
            last = max([r1, *(_bottom(grid, c) for row in rows for c in row)])
            limit = _DATE_ROWS if hit.name == "date" else MAX_CONTINUED_ROWS
            rows += continued_rows(grid, hits, last, (c0, c1), cols, limit)
        _note_joined(raw, hit.name, rows)
        return [c for row in rows for c in row], "right"
    below = grid.anchor(r1 + 1, c0)
    if below not in hits and grid.value(*below) is None:
        # text indented under a label over two columns (「8　協議内容等」 over B29:H29)
        for c in range(c0 + 1, c1 + 1):
            at = grid.anchor(r1 + 1, c)
            if at[0] == r1 + 1 and at not in hits and grid.value(*at) is not None:
                below = at
                break
    if below in hits or grid.value(*below) is None:
        return [], "right"
    nxt = next_label_col(hits, r0, c1)
    cols = (c0, nxt - 1 if nxt is not None else max(row_width(grid, below[0]) - 1, c1))
    first = scan_right(grid, hits, below[0], c0, multi, cols[1] if multi else c1, shown=shown)
    if not first:
        return [], "right"
    rows = [first]
    if hit.name in _CONTINUED:
        last = max(_bottom(grid, c) for c in first)
        rows += continued_rows(grid, hits, last, None, cols)
    _note_joined(raw, hit.name, rows)
    return [c for row in rows for c in row], "below"


def _bottom(grid: Grid, cell: RawCell) -> int:
    assert cell.cell is not None
    return grid.box(cell.cell.row, cell.cell.col)[2]


def _note_joined(raw: RawReport, name: str, rows: list[list[RawCell]]) -> None:
    """Text read from several rows says so in the record, naming the first and last cell."""
    if len(rows) < 2 or name not in _CONTINUED:
        return
    first, last = rows[0][0].cell, rows[-1][0].cell
    assert first is not None and last is not None
    raw.notes.append(
        ReadNote(
            "I1.joined-rows",
            name,
            first,
            (
                ("label", L.PRINTED[name]),
                ("rows", str(len(rows))),
                ("first", first.a1),
                ("last", last.a1),
            ),
        )
    )
