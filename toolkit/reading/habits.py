"""Habits of other hands, read after the labels: each is a judgement, and says so.

- the year written only in the title (「令和８年度　協議会開催結果報告」) and 10月15日 in the
  date's cell: the date is read in that (fiscal) year;
- 区分 used as the label of the meeting's type (区分 | 定例): read as 会議種別 when its value
  is one of the types and no 協議事項 table hangs under it;
- Excel 方眼紙 with one character a box: a name or an extension spread over boxes is read
  as one value.
Each adds a `ReadNote` naming the field and the cell, so that nothing is silently wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from toolkit import labels as L
from toolkit.era import ERA_NAMES
from toolkit.model import ReadNote
from toolkit.normalize import clean_text, parse_meeting_type
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.region import Label, scan_right

_NO_YEAR = re.compile(
    r"^\s*([0-9]{1,2})\s*(?:月\s*([0-9]{1,2})\s*日|[/／]\s*([0-9]{1,2})(?![0-9/／]))"
)
_TITLE_YEAR = re.compile(r"(令和|平成|R|H)\s*(元|[0-9]{1,2})\s*年(度)?|(20[0-9]{2})\s*年(度)?")
_TYPE_WORDS = frozenset(
    {"定例", "定期", "臨時", "定例会", "臨時会", "定期会議", "臨時会議", "定例会議"}
)


# --- the year in the title ----------------------------------------------------------------


def year_from_title(raw: RawReport, grid: Grid) -> None:
    """A date written without its year takes the year the sheet's title gives, saying so."""
    cells = raw.fields.get("date")
    if not cells or not isinstance(cells[0].value, str) or cells[0].cell is None:
        return
    head = cells[0]
    where = head.cell
    assert where is not None
    text = unicodedata.normalize("NFKC", str(head.value))
    found = _NO_YEAR.match(text)
    if found is None or "年" in text[: found.start() + 1]:
        return
    title = _title_year(grid, head)
    if title is None:
        return
    year, fiscal, words = title
    month = int(found.group(1))
    if fiscal and month <= 3:
        year += 1  # January to March close the fiscal year that began the April before
    day = int(found.group(2) or found.group(3))
    rest = text[found.end() :]
    raw.fields["date"] = [RawCell(f"{year}年{month}月{day}日{rest}", head.cell), *cells[1:]]
    raw.notes.append(
        ReadNote(
            "I1.year-from-title",
            "date",
            head.cell,
            (
                ("found", clean_text(head.value) or ""),
                ("where", where.a1),
                ("title", words),
                ("year", str(year)),
            ),
        )
    )


def _title_year(grid: Grid, head: RawCell) -> tuple[int, bool, str] | None:
    """The year a printed title gives (its Gregorian year, whether a fiscal year, the
    words), from the cells above the date (the first found, top first)."""
    assert head.cell is not None
    for r, c, v in grid.cells():
        if r > head.cell.row or (r, c) == (head.cell.row, head.cell.col):
            continue
        if not isinstance(v, str) or len(v) > 80:
            continue
        m = _TITLE_YEAR.search(unicodedata.normalize("NFKC", v))
        if m is None:
            continue
        if m.group(4):
            return int(m.group(4)), bool(m.group(5)), m.group(0)
        era = ERA_NAMES.get(m.group(1))
        if era is None:
            continue
        n = 1 if m.group(2) == "元" else int(m.group(2))
        return era.gregorian(n), bool(m.group(3)), m.group(0)
    return None


# --- 区分 as the meeting's type -----------------------------------------------------------


def category_as_type(raw: RawReport, grid: Grid, hits: Mapping[tuple[int, int], Label]) -> None:
    """「区分 | 定例」 on a row of its own: the meeting's type, read with a note."""
    if any(c.value is not None for c in raw.fields.get("meeting_type", [])):
        return
    for pos, hit in sorted(hits.items()):
        if hit.kind != "header" or hit.name != "category":
            continue
        r0, _, _, c1 = hit.box
        if any(p[0] == r0 and h.kind == "header" and p != pos for p, h in hits.items()):
            continue  # 区分 | 協議事項 | 備考: the agenda's header
        cells = scan_right(grid, hits, r0, c1 + 1, False)
        if not cells:
            continue
        word = unicodedata.normalize("NFKC", str(cells[0].value)).strip()
        if word not in _TYPE_WORDS and parse_meeting_type(word).value is None:
            continue
        if parse_meeting_type(word).value is None:
            continue
        cell = cells[0]
        assert cell.cell is not None
        raw.fields["meeting_type"] = [cell]
        raw.expected.pop("meeting_type", None)
        raw.agenda = [row for row in raw.agenda if row[0].cell != cell.cell]
        raw.notes.append(
            ReadNote(
                "I1.type-from-category",
                "meeting_type",
                cell.cell,
                (("found", word), ("where", cell.cell.a1), ("label", L.PRINTED["meeting_type"])),
            )
        )
        return


# --- one character a box ------------------------------------------------------------------

# In the form's order, so that the record's notes are too.
_ONE_CHAR = ("affiliation", "reporter", "phone", "council_name", "facility_name", "venue")


def spread_boxes(raw: RawReport, grid: Grid, hits: Mapping[tuple[int, int], Label]) -> None:
    """A value typed one character a box (方眼紙): the boxes after the label joined, an
    empty box between two runs read as a space."""
    for key in _ONE_CHAR:
        cells = raw.fields.get(key)
        if not cells or len(cells) != 1 or cells[0].cell is None:
            continue
        first = cells[0]
        if not _single(first.value):
            continue
        assert first.cell is not None
        run = _run(grid, hits, first.cell.row, first.cell.col)
        if len([c for c in run if c is not None]) < 3:
            continue
        text = _joined(run)
        last = next(c for c in reversed(run) if c is not None)
        assert last.cell is not None
        raw.fields[key] = [RawCell(text, first.cell), *[c for c in run[1:] if c is not None]]
        raw.notes.append(
            ReadNote(
                "I1.boxes-joined",
                key,
                first.cell,
                (
                    ("label", L.PRINTED.get(key, key)),
                    ("first", first.cell.a1),
                    ("last", last.cell.a1),
                    ("found", text),
                ),
            )
        )


def _single(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float) and float(value).is_integer() and 0 <= value <= 9:
        return True
    return isinstance(value, str) and len(value.strip()) == 1


def _run(
    grid: Grid, hits: Mapping[tuple[int, int], Label], r: int, start: int
) -> list[RawCell | None]:
    """The one-character boxes from `start` on row r: a box each, None for an empty box
    between two characters; the run ends at a label, a longer value or two empty boxes."""
    out: list[RawCell | None] = []
    c = start
    width = len(grid.rows[r]) if r < grid.height else 0
    gap = 0
    while c < width:
        ar, ac = grid.anchor(r, c)
        if (ar, ac) in hits or ar != r:
            break
        v = grid.value(ar, ac)
        if v is None:
            gap += 1
            if gap > 1:
                break
            out.append(None)
        elif _single(v):
            gap = 0
            out.append(RawCell(v, grid.ref(ar, ac)))
        else:
            break
        c = grid.box(r, c)[3] + 1
    while out and out[-1] is None:
        out.pop()
    return out


def _joined(run: list[RawCell | None]) -> str:
    out = ""
    for cell in run:
        if cell is None:
            out += " "
        else:
            v = cell.value
            out += str(int(v)) if isinstance(v, int | float) else str(v).strip()
    return re.sub(r"\s+", " ", out).strip()


# --- labels known only with words taken off ---------------------------------------------

# The field of the record a label names, and the name of its cells among the claims.
_CLAIMED = {"topic": "agenda.topic", "category": "agenda.category", "remarks": "agenda.remarks",
            "request": "requests.request", "response": "requests.response"}  # fmt: skip
_RECORD = {"topic": ("agenda",), "category": ("agenda",), "remarks": ("agenda",),
           "request": ("requests",), "response": ("requests",),
           "attendance": ("police_attendees", "civilian_attendees"),
           "time_range": ("start_time", "end_time")}  # fmt: skip


def label_variants(
    raw: RawReport,
    grid: Grid,
    hits: Mapping[tuple[int, int], Label],
    claims: list[tuple[str, RawCell]],
) -> None:
    """A value read by a label known only with words taken off it (「主な協議内容」 as
    協議内容等, 「回答・措置状況」 as 措置・回答): the record says which field was read by
    which words, at the label's cell, once for each field that took a value by it."""
    for (r, c), hit in sorted(hits.items()):
        printed = getattr(hit, "loose", None)
        if printed is None:
            continue
        name = _CLAIMED.get(hit.name, hit.name)
        r0, c0, r1, c1 = hit.box
        governed = any(
            key == name
            and cell.cell is not None
            and cell.value is not None
            and (
                (r0 <= cell.cell.row <= r1 and cell.cell.col > c1)
                or (cell.cell.row > r1 and c0 <= cell.cell.col <= c1)
            )
            for key, cell in claims
        )
        if not governed:
            continue
        where = grid.ref(r, c)
        label = L.PRINTED.get(hit.name, hit.name)
        for field in _RECORD.get(hit.name, (hit.name,)):
            raw.notes.append(
                ReadNote(
                    "I1.label-variant",
                    field,
                    where,
                    (("found", printed), ("label", label), ("where", where.a1)),
                )
            )
