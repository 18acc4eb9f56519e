"""What HQ does with a proof, done the way a person does it, and a second report in the
same layout, written the way a station writes one — for the corpus tests of confirmed
layouts (test_layout_corpus.py).

- `correct_proof`: opens a proof (読取確認) with openpyxl and, row by row of 読取結果,
  compares 読み取った値 with what the sheet really says (the corpus' expected record);
  where they differ it looks for the cell that holds the right value on the station's
  sheet and writes it into 正しいセル (「なし」 where the form has no such value). It
  returns how many rows it corrected.
- `make_variant`: copies a station's workbook and types other values into the cells of
  the confirmed layout, adds a table row (a sheet row inserted inside the table where
  the drawing layer allows, else a printed row left blank filled in) or clears one, and
  returns the record a careful reader writes for the copy.

    python tests/layout_cycle.py     # prints, per corpus layout, the rows corrected

Nothing here calls the toolkit's reading or map code: the proof is read and edited as a
workbook, the map as the JSON file `kyogikai layout --confirm` stores.
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

CORPUS = Path(__file__).parent / "corpus"
CORPUS_DIRS = ("layouts", "legacy", "round2_cells", "round2_shapes", "blind")
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
PROOF_SHEET = "読取結果"
COLUMNS = ("キー", "項目", "セル", "読み取った値", "正しいセル")
WEEKDAYS = "月火水木金土日"


def corpus_files() -> list[Path]:
    """Every workbook of the corpus folders that exist."""
    out: list[Path] = []
    for name in CORPUS_DIRS:
        folder = CORPUS / name
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES)
    return out


def expected_all(book: Path) -> list[tuple[str, dict[str, Any]]]:
    """The expected records of a corpus workbook in reading order, with their sheets."""
    path = book.with_name(f"{book.stem}.expected.json")
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "reports" in data:
        items = data["reports"]
    elif isinstance(data, dict):
        items = [data]
    else:
        items = data
    return [(r["sheet"], r["report"]) for r in items if r.get("report") is not None]


def expected_reports(book: Path) -> dict[str, dict[str, Any]]:
    """The expected record of the first report of each report sheet, by sheet."""
    out: dict[str, dict[str, Any]] = {}
    for sheet, report in expected_all(book):
        out.setdefault(sheet, report)
    return out


def norm(value: object) -> str:
    """Text compared as a person compares it: width and spaces do not matter."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text)


# --- what the sheet says, as the proof shows it -------------------------------------------


def wareki(day: date) -> str:
    year = day.year - 2018
    era = "令和" if day >= date(2019, 5, 1) else "平成"
    if era == "平成":
        year = day.year - 1988
    return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def shown(key: str, value: object) -> str:
    """How the proof shows the expected value of a field."""
    if value is None or value == []:
        return ""
    if key == "date":
        return wareki(date.fromisoformat(str(value)))
    if key == "meeting_type":
        return {"regular": "定期", "extraordinary": "臨時"}.get(str(value), str(value))
    if key == "officers":
        return "、".join(value) if isinstance(value, list) else str(value)
    return str(value)


SCALARS = (
    "affiliation", "reporter", "phone", "council_name", "facility_name", "date",
    "start_time", "end_time", "venue", "police_attendees", "civilian_attendees",
    "meeting_type", "discussion", "reference", "officers",
)  # fmt: skip
_AGENDA = re.compile(r"agenda_(\d+)_(category|topic|remarks)")
_REQUEST = re.compile(r"(request|response)_(\d+)")


@dataclass
class ProofRows:
    """The rows of 読取結果: key → (sheet row, cell, value read)."""

    header: int
    rows: dict[str, tuple[int, str, str]] = field(default_factory=dict)

    def table(self, name: str) -> dict[int, dict[str, tuple[int, str, str]]]:
        out: dict[int, dict[str, tuple[int, str, str]]] = {}
        for key, row in self.rows.items():
            m = _AGENDA.fullmatch(key)
            if name == "agenda" and m:
                out.setdefault(int(m.group(1)), {})[m.group(2)] = row
            m = _REQUEST.fullmatch(key)
            if name == "requests" and m:
                out.setdefault(int(m.group(2)), {})[m.group(1)] = row
        return dict(sorted(out.items()))


def proof_rows(ws: Worksheet) -> ProofRows:
    values = [[c.value for c in row[:5]] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(values) if tuple(row) == COLUMNS) + 1
    found = ProofRows(header)
    for r in range(header + 1, ws.max_row + 1):
        key = ws.cell(r, 1).value
        if key:
            found.rows[str(key)] = (
                r,
                str(ws.cell(r, 3).value or ""),
                str(ws.cell(r, 4).value or ""),
            )
    return found


# --- the station's sheet, as a person looks at it -------------------------------------------


@dataclass
class Sheet:
    """The values of the station's sheet by (row, col), 0-based, and its merged boxes."""

    cells: dict[tuple[int, int], object]
    merges: list[tuple[int, int, int, int]]

    @classmethod
    def of(cls, book: Path, sheet: str) -> Sheet:
        wb = CalamineWorkbook.from_path(str(book))
        ws = wb.get_sheet_by_name(sheet)
        rows = ws.to_python(skip_empty_area=False)
        cells = {
            (r, c): v
            for r, row in enumerate(rows)
            for c, v in enumerate(row)
            if v not in (None, "") and not (isinstance(v, str) and not v.strip())
        }
        merges = [(a[0], a[1], b[0], b[1]) for a, b in (ws.merged_cell_ranges or [])]
        return cls(cells, merges)

    def find(self, key: str, expected: object, near: tuple[int, int]) -> tuple[int, int] | None:
        """The cell that shows `expected` (nearest to `near` when several do)."""
        want = norm(shown(key, expected))
        if not want:
            return None
        hits = []
        for (r, c), v in self.cells.items():
            text = norm(v)
            if isinstance(v, datetime | date) and key == "date":
                day = v.date() if isinstance(v, datetime) else v
                text = norm(wareki(day))
            if text == want or (len(want) >= 4 and want in text):
                hits.append((r, c))
        if not hits:
            return None
        return min(hits, key=lambda rc: abs(rc[0] - near[0]) + abs(rc[1] - near[1]))


def _left_of(self: Sheet, at: tuple[int, int]) -> tuple[int, int] | None:
    """The nearest written cell left of `at` on its row."""
    cols = [c for (r, c) in self.cells if r == at[0] and c < at[1]]
    return (at[0], max(cols)) if cols else None


Sheet.left_of = _left_of  # type: ignore[attr-defined]


def _a1(rc: tuple[int, int]) -> str:
    return f"{get_column_letter(rc[1] + 1)}{rc[0] + 1}"


def _at(cell: str) -> tuple[int, int]:
    if not cell:
        return (0, 0)
    first = cell.split("!")[-1].split(":")[0]
    c0, r0, _, _ = range_boundaries(first)
    return (r0 - 1, c0 - 1)


# --- correcting a proof ---------------------------------------------------------------------


def correct_proof(
    proof: Path,
    original: Path,
    sheet: str,
    expected: dict[str, Any],
    more: list[dict[str, Any]] | None = None,
) -> int:
    """Write into 正しいセル what a person would, looking at `original`'s sheet and
    knowing what it says (`expected`, and the reports that follow it on the sheet,
    `more`: then 繰り返し says how far the next one is); save; return the rows
    corrected."""
    wb = openpyxl.load_workbook(proof)
    ws = wb[PROOF_SHEET]
    rows = proof_rows(ws)
    station = Sheet.of(original, sheet)
    stride = _set_repeat(ws, station, expected, more) if more else None
    fixes: dict[str, str] = {}
    for key in SCALARS:
        if key not in rows.rows:
            continue
        _r, cell, value = rows.rows[key]
        want = expected.get(key)
        if norm(value) == norm(shown(key, want)):
            continue
        if want in (None, []):
            continue  # nothing written: the box the proof points at is no worse than another
        found = station.find(key, want, _at(cell))
        if found is not None:
            fixes[key] = _a1(found)
    fixes.update(_table_fixes(rows, station, "agenda", expected.get("agenda", [])))
    fixes.update(_table_fixes(rows, station, "requests", expected.get("requests", [])))
    if stride is not None:
        for k, other in enumerate(more or [], 1):
            _rows_of_others(rows, fixes, station, other, (stride[0] * k, stride[1] * k))
    for key, text in list(fixes.items()):
        fixes[key] = _enclosing(text, rows, fixes)
    if stride is not None:
        _narrow(rows, fixes, stride, station.find("date", expected.get("date"), (0, 0)))
    last = max(r for r, _, _ in rows.rows.values())
    for key, text in fixes.items():
        if key in rows.rows:
            ws.cell(rows.rows[key][0], 5).value = text
        else:  # a row the proof does not have: added at the end, as a person would
            last += 1
            ws.cell(last, 1).value = key
            ws.cell(last, 5).value = text
    wb.save(proof)
    return len(fixes)


def _enclosing(text: str, rows: ProofRows, fixes: dict[str, str]) -> str:
    """A cell found inside another field's box is that box (several values in one box:
    the same range is written for each)."""
    if text == "なし" or ":" in text:
        return text
    at = _at(text)
    for key, (_r, cell, _v) in rows.rows.items():
        box = fixes.get(key, cell)
        if not box or box == "なし" or ":" not in box:
            continue
        c0, r0, c1, r1 = range_boundaries(box.split("!")[-1])
        if r0 - 1 <= at[0] <= r1 - 1 and c0 - 1 <= at[1] <= c1 - 1:
            return box
    return text


def _set_repeat(
    ws: Worksheet, station: Sheet, first: dict[str, Any], more: list[dict[str, Any]]
) -> tuple[int, int] | None:
    """繰り返し: how far the second report's cells are from the first's (a field whose
    value differs between them, found on the sheet). A register whose meetings lie at
    different distances from each other repeats at each box of the column the first
    meeting's date row starts with: said so, and no stride is returned."""
    for key in ("date", "council_name", "facility_name", "venue", "discussion"):
        values = [r.get(key) for r in (first, *more)]
        if any(v is None for v in values[:2]) or norm(shown(key, values[0])) == norm(
            shown(key, values[1])
        ):
            continue
        spots: list[tuple[int, int]] = []
        for value in values:
            if value is None:
                break
            found = station.find(key, value, spots[-1] if spots else (0, 0))
            if found is None:
                break
            spots.append(found)
        if len(spots) < 2:
            continue
        rows, cols = spots[1][0] - spots[0][0], spots[1][1] - spots[0][1]
        strides = {b[0] - a[0] for a, b in itertools.pairwise(spots)}
        text = (
            f"下へ {_left_column(station, spots[0][0])}列の枠ごと"
            if cols == 0 and len(strides) > 1
            else f"下へ {rows}行ごと"
            if rows > 0 and cols == 0
            else f"右へ {cols}列ごと"
            if cols > 0 and rows == 0
            else None
        )
        if text is None:
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "繰り返し":
                    ws.cell(cell.row, cell.column + 2).value = text
        return None if "枠" in text else (rows, cols)
    return None


def _left_column(station: Sheet, row: int) -> str:
    """The letter of the first column with a value on a sheet row."""
    cols = [c for (r, c) in station.cells if r == row]
    return get_column_letter(min(cols) + 1) if cols else "A"


def _rows_of_others(
    rows: ProofRows,
    fixes: dict[str, str],
    station: Sheet,
    other: dict[str, Any],
    offset: tuple[int, int],
) -> None:
    """Printed table rows the first report left blank but a later one on the sheet uses:
    a person looking at the whole sheet adds them."""
    for name, main in (("agenda", "topic"), ("requests", "request")):
        table = rows.table(name)
        numbers = set(table)
        for key in fixes:
            m = _AGENDA.fullmatch(key) if name == "agenda" else _REQUEST.fullmatch(key)
            if m is not None:
                numbers.add(int(m.group(1) if name == "agenda" else m.group(2)))
        taken = set()
        for number in numbers:
            cell = fixes.get(_key(name, number, main))
            cell = cell or table.get(number, {}).get(main, (0, "", ""))[1]
            if cell and cell != "なし":
                taken.add(_at(cell))
        n = max(numbers, default=0)
        one = fixes.get(_key(name, 1, main)) or table.get(1, {}).get(main, (0, "", ""))[1]
        base = _at(one) if one and one != "なし" else (0, 0)
        # 区分 printed over each topic column (a register's header): a new row's is too
        head: int | None = None
        if name == "agenda":
            cat = (
                fixes.get(_key(name, 1, "category"))
                or table.get(1, {}).get("category", (0, "", ""))[1]
            )
            if cat and cat != "なし" and one and one != "なし":
                at_cat, at_topic = _at(cat), _at(one)
                if at_cat[1] == at_topic[1] and at_cat[0] < at_topic[0]:
                    head = at_cat[0]
        for item in other.get(name, []):
            found = station.find(main, item[main], (base[0] + offset[0], base[1] + offset[1]))
            if found is None:
                continue
            first = (found[0] - offset[0], found[1] - offset[1])
            if first in taken or first[0] < 0 or first[1] < 0:
                continue
            n += 1
            taken.add(first)
            fixes[_key(name, n, main)] = _a1(first)
            if name == "agenda":
                left = (head, first[1]) if head is not None else station.left_of(first)  # type: ignore[attr-defined]
                if left is not None:
                    fixes[_key(name, n, "category")] = _a1(left)


def _narrow(
    rows: ProofRows, fixes: dict[str, str], stride: tuple[int, int], first: tuple[int, int] | None
) -> None:
    """Boxes coloured over the next report's cells too are this report's only: a range
    over two meetings is narrowed (one meeting a column: B9:C9 is B9), a cell of the
    next meeting is moved back to this one's (C22 is B22)."""
    down, right = stride
    for key, (_r, cell, _v) in rows.rows.items():
        box = fixes.get(key, cell)
        if not box or box == "なし":
            continue
        ref = box.split("!")[-1]
        c0, r0, c1, r1 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        if right and first is not None and c0 - 1 >= first[1] + right:
            moved = (c0 - 1 - first[1]) // right * right
            c0, c1 = c0 - moved, c1 - moved
        if down and first is not None and r0 - 1 >= first[0] + down:
            moved = (r0 - 1 - first[0]) // down * down
            r0, r1 = r0 - moved, r1 - moved
        if right and c1 - c0 + 1 > right:
            c1 = c0 + right - 1
        if down and r1 - r0 + 1 > down:
            r1 = r0 + down - 1
        first_cell = f"{get_column_letter(c0)}{r0}"
        text = first_cell if (c0, r0) == (c1, r1) else f"{first_cell}:{get_column_letter(c1)}{r1}"
        if text != box.split("!")[-1]:
            fixes[key] = text


def _table_fixes(
    rows: ProofRows, station: Sheet, name: str, items: list[dict[str, Any]]
) -> dict[str, str]:
    """Rows of a table whose values do not match the items the sheet holds, in order."""
    main, others = (
        ("topic", ("category", "remarks")) if name == "agenda" else ("request", ("response",))
    )
    table = rows.table(name)
    fixes: dict[str, str] = {}
    if _all_there(table, items, (main, *others)):
        return fixes
    left = list(items)
    for n, cols in table.items():
        read = norm(cols.get(main, (0, "", ""))[2])
        if read in NOTHING:
            read = ""  # the station's word for "none" in the box: the box is right
        if not read and not any(
            norm(cols.get(o, (0, "", ""))[2]) for o in others if o != "category"
        ):
            continue  # a printed row left blank
        taken = []
        while left and norm(left[0][main]) and norm(left[0][main]) in read:
            taken.append(left.pop(0))
        if not taken and left and not norm(left[0][main]) and not read:
            taken.append(left.pop(0))  # 備考 only
        if taken:
            if len(taken) == 1:
                for other in others:
                    value = cols.get(other, (0, "", ""))[2]
                    want = taken[0].get(other)
                    if want is not None and norm(value) != norm(want) and norm(want) not in read:
                        found = station.find(other, want, _at(cols.get(main, (0, "", ""))[1]))
                        if found is not None:
                            fixes[_key(name, n, other)] = _a1(found)
            continue
        if not left:  # no item left for this row: the whole row is no row
            for column, (_r, cell, _v) in cols.items():
                if cell:
                    fixes[_key(name, n, column)] = "なし"
            continue
        item = left.pop(0)
        found = station.find(main, item[main], _at(cols.get(main, (0, "", ""))[1]))
        if found is not None:
            fixes[_key(name, n, main)] = _a1(found)
    n = max(table, default=0)
    for item in left:  # items the proof has no row for: a person adds the rows
        n += 1
        found = station.find(main, item[main], (0, 0))
        if found is None:
            continue
        fixes[_key(name, n, main)] = _a1(found)
        for other in others:
            if item.get(other) is None:
                continue
            cell = station.find(other, item[other], found)
            if cell is None and other == "category":
                cell = station.left_of(found)  # a 区分 printed short (身近な事件・事故)
            if cell is not None and cell[0] == found[0]:
                fixes[_key(name, n, other)] = _a1(cell)
    return fixes


def _all_there(
    table: dict[int, dict[str, tuple[int, str, str]]],
    items: list[dict[str, Any]],
    columns: tuple[str, ...],
) -> bool:
    """Every item's words read, in order, in the table's rows (a person reading the
    table down sees each request and its answer, however the rows divide them)."""
    text = "".join(norm(cols[c][2]) for cols in table.values() for c in columns if c in cols)
    at = 0
    for item in items:
        for column in columns:
            want = norm(item.get(column)) if column != "category" else ""
            if not want:
                continue
            found = text.find(want, at)
            if found < 0:
                return False
            at = found + len(want)
    return True


def _key(table: str, n: int, column: str) -> str:
    return f"agenda_{n}_{column}" if table == "agenda" else f"{column}_{n}"


# --- a second report in the same layout -----------------------------------------------------


NOTHING = frozenset({"なし", "特になし", "該当なし", "無し", "-", "―", "ー"})

NEW_TEXT = {
    "affiliation": "北浜警察署",
    "council_name": "北浜中央交番連絡協議会",
    "facility_name": "北浜中央交番",
    "venue": "北浜コミュニティセンター",
    "reporter": "巡査部長 佐々木 花子",
    "discussion": "冬季の防犯診断を町内会と合同で行うことにした。",
    "reference": "防犯診断のチラシを回覧した。",
}
NEW_TOPIC = "歳末特別警戒の実施"
NEW_REQUEST = ("商店街の街頭防犯カメラの増設", "市の担当課に伝えた")


@dataclass
class Variant:
    path: Path
    expected: dict[str, Any]
    changed: list[str]  # what was changed, for the test's message


def _layout_places(layout: dict[str, Any]) -> dict[str, str]:
    return {k: v for k, v in layout["fields"].items() if v}


def make_variant(
    original: Path, sheet: str, layout: dict[str, Any], expected: dict[str, Any], out: Path
) -> Variant:
    """A copy of an .xlsx/.xlsm `original` with other values typed into the cells of the
    confirmed `layout` and one table row more or fewer; its expected record."""
    keep_vba = original.suffix == ".xlsm"
    # Values as the sheet shows them: a print sheet of formulas keeps what they show.
    wb = openpyxl.load_workbook(original, keep_vba=keep_vba, rich_text=True, data_only=True)
    ws = wb[sheet]
    drawn = _has_drawings(original)
    covered = _covered(original) if drawn else set()
    want = copy.deepcopy(expected)
    changed: list[str] = []
    places = _layout_places(layout)
    groups: dict[str, list[str]] = {}
    for key, place in places.items():
        groups.setdefault(place, []).append(key)
    for key, new in NEW_TEXT.items():
        place = places.get(key)
        if place is None or len(groups[place]) > 1 or want.get(key) is None:
            continue
        if _replace_text(ws, place, want[key], new):
            want[key] = new
            changed.append(key)
    _counts(ws, places, groups, want, changed)
    _date(ws, places, groups, want, changed)
    _meeting_type(ws, places, groups, want, changed)
    controls = _controls(original.read_bytes(), sheet)
    flipped = controls is not None and _flip_ticks(ws, controls, want, changed)
    printed = [(_at(label[0])[0], norm(label[1])) for label in layout.get("labels", [])]
    # a register repeating by the boxes of a column: the first meeting's rows are its table
    unit = bool((layout.get("repeat") or {}).get("column"))
    # The lower table first: a row inserted into it moves nothing of the other.
    for name in sorted(("agenda", "requests"), key=lambda n: -_top(_rows_of(layout, n))):
        rows = _rows_of(layout, name)
        if not rows or want.get(name) is None:
            continue
        rows = _located(ws, rows, "topic" if name == "agenda" else "request", want[name])
        # the words printed below the table on the confirmed sheet: one of them ends it
        last = max(_bottom(p) for row in _rows_of(layout, name) for p in row.values() if p)
        labels = {text for row, text in printed if row > last}
        if name == "agenda":
            item: dict[str, str | None] = {
                "category": "その他",
                "topic": NEW_TOPIC,
                "remarks": None,
            }
            _grow(ws, rows, "topic", item, want[name], changed, drawn, name, covered, labels, unit)
        elif _clear_last(ws, rows, "request", want[name], covered):
            changed.append("requests: the last one cleared")
        else:
            item = {"request": NEW_REQUEST[0], "response": NEW_REQUEST[1]}
            _grow(
                ws, rows, "request", item, want[name], changed, drawn, name, covered, labels, unit
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if drawn:
        data = _retype(_graft(original.read_bytes(), data, sheet), want, changed)
    if controls is not None:
        data = _put_controls(data, sheet, controls, flipped)
    out.write_bytes(data)
    return Variant(out, want, changed)


# --- check boxes (form controls), which openpyxl drops --------------------------------------

_VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_CTRL_TYPE = "application/vnd.ms-excel.controlproperties+xml"
_LEGACY = re.compile(rb"<legacyDrawing\b[^>]*/>")
_CONTROLS = re.compile(rb"<controls>.*?</controls>", re.S)
_LINKED = re.compile(rb"<x:FmlaLink>\s*\$?([A-Z]+)\$?([0-9]+)\s*</x:FmlaLink>")
_CHECKED_VML = re.compile(rb"<x:Checked>\s*1\s*</x:Checked>")


@dataclass
class Controls:
    """A sheet's legacy form controls as Excel keeps them: its VML drawing, the ctrlProp
    part of each control (by relationship ID) and the two elements of the sheet."""

    vml: bytes
    props: dict[str, bytes]
    legacy: bytes  # <legacyDrawing r:id="…"/>
    controls: bytes  # <controls>…</controls>
    vml_id: str


def _controls(original: bytes, sheet: str) -> Controls | None:
    """The check boxes of `sheet` in an .xlsx/.xlsm, when it has only check boxes there."""
    from toolkit.excel.ooxml import relationships, sheet_parts

    with zipfile.ZipFile(io.BytesIO(original)) as zf:
        part = sheet_parts(zf).get(sheet)
        if part is None:
            return None
        xml = zf.read(part)
        legacy, controls = _LEGACY.search(xml), _CONTROLS.search(xml)
        if legacy is None or controls is None or b"<oleObjects" in xml:
            return None
        rels = relationships(zf, part)
        vml = [r for r in rels if r.type.endswith("/vmlDrawing")]
        props = {r.id: zf.read(r.target) for r in rels if r.type.endswith("/ctrlProp")}
        if len(vml) != 1 or not props:
            return None
        return Controls(
            zf.read(vml[0].target), props, legacy.group(0), controls.group(0), vml[0].id
        )


def _flip_ticks(
    ws: Worksheet, controls: Controls, want: dict[str, Any], changed: list[str]
) -> bool:
    """Two check boxes, one ticked (定期 / 臨時): the other ticked instead, in the boxes and
    in the cells they are linked to, as Excel does when the station clicks."""
    shapes = re.findall(rb"<v:shape\b.*?</v:shape>", controls.vml, re.S)
    boxes = [s for s in shapes if b'ObjectType="Checkbox"' in s]
    links = [_LINKED.search(s) for s in boxes]
    if len(boxes) != 2 or want.get("meeting_type") is None or not all(links):
        return False
    ticked = [ws[f"{m.group(1).decode()}{m.group(2).decode()}"].value for m in links if m]
    if sorted(map(bool, ticked)) != [False, True]:
        return False
    for m, value in zip(links, ticked, strict=True):
        assert m is not None
        ws[f"{m.group(1).decode()}{m.group(2).decode()}"].value = not value
    want["meeting_type"] = "extraordinary" if want["meeting_type"] == "regular" else "regular"
    changed.append("meeting_type (check boxes)")
    return True


def _flipped_vml(vml: bytes) -> bytes:
    def flip(m: re.Match[bytes]) -> bytes:
        shape = m.group(0)
        if b'ObjectType="Checkbox"' not in shape:
            return shape
        if _CHECKED_VML.search(shape):
            return _CHECKED_VML.sub(b"", shape)
        return shape.replace(b"</x:ClientData>", b"<x:Checked>1</x:Checked></x:ClientData>")

    return re.sub(rb"<v:shape\b.*?</v:shape>", flip, vml, flags=re.S)


def _flipped_prop(prop: bytes) -> bytes:
    if b'checked="Checked"' in prop:
        return prop.replace(b' checked="Checked"', b"")
    return prop.replace(b'objectType="CheckBox"', b'objectType="CheckBox" checked="Checked"')


def _put_controls(saved: bytes, sheet: str, controls: Controls, flipped: bool) -> bytes:
    """The check boxes put back into the package openpyxl saved (as Excel keeps them)."""
    from toolkit.excel.ooxml import (
        Relationship,
        relationships,
        relationships_xml,
        rels_path,
        sheet_parts,
    )

    zin = zipfile.ZipFile(io.BytesIO(saved))
    part = sheet_parts(zin)[sheet]
    xml = zin.read(part)
    if b"<legacyDrawing" in xml:
        return saved  # openpyxl wrote its own (comments): left as it is
    rels = relationships(zin, part)
    added: dict[str, bytes] = {}
    ids = {controls.vml_id: "rIdKept0"}
    vml = _flipped_vml(controls.vml) if flipped else controls.vml
    added["xl/drawings/vmlDrawingKept.vml"] = vml
    rels.append(Relationship("rIdKept0", VML_REL, "xl/drawings/vmlDrawingKept.vml"))
    for n, (rid, prop) in enumerate(controls.props.items(), start=1):
        name = f"xl/ctrlProps/ctrlPropKept{n}.xml"
        added[name] = _flipped_prop(prop) if flipped else prop
        ids[rid] = f"rIdKept{n}"
        rels.append(Relationship(ids[rid], CTRL_REL, name))
    elements = controls.legacy + controls.controls.replace(
        b"<controls>",
        b'<controls xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
        b'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">',
        1,
    )
    elements = re.sub(
        rb'r:id="([^"]+)"',
        lambda m: b'r:id="' + ids.get(m.group(1).decode(), m.group(1).decode()).encode() + b'"',
        elements,
    )
    at = re.search(
        rb"<(?:legacyDrawingHF|drawingHF|picture|webPublishItems|tableParts|extLst)\b|</worksheet>",
        xml,
    )
    assert at is not None
    xml = xml[: at.start()] + elements + xml[at.start() :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = xml
            elif info.filename == "[Content_Types].xml":
                data = _with_types(data, [n for n in added if n.endswith(".xml")])
            elif info.filename == rels_path(part):
                continue
            zout.writestr(info, data)
        zout.writestr(rels_path(part), relationships_xml(rels))
        for name, data in added.items():
            zout.writestr(name, data)
    return out.getvalue()


VML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
CTRL_REL = "http://schemas.microsoft.com/office/2006/relationships/ctrlProp"


def _with_types(types: bytes, props: list[str]) -> bytes:
    text = types.decode("utf-8")
    extra = ""
    if 'Extension="vml"' not in text:
        extra += f'<Default Extension="vml" ContentType="{_VML_TYPE}"/>'
    extra += "".join(f'<Override PartName="/{n}" ContentType="{_CTRL_TYPE}"/>' for n in props)
    return text.replace("</Types>", extra + "</Types>").encode("utf-8")


def _has_drawings(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return any(n.startswith("xl/drawings/") for n in zf.namelist())


def _graft(original: bytes, saved: bytes, sheet: str) -> bytes:
    """The original's drawing layer put back (openpyxl drops shapes and text boxes)."""
    from toolkit.writing.feedback.drawings import graft_drawings, plan_drawings

    grafts = plan_drawings(original)
    return graft_drawings(saved, {k: v for k, v in grafts.items() if k == sheet})


_TEXT_RUN = re.compile(r"<a:t>([^<]*)</a:t>")


def _retype(data: bytes, want: dict[str, Any], changed: list[str]) -> bytes:
    """Other words typed into the text boxes that hold values (a layout that has its
    values in text boxes): the fields not changed in cells, and, when no table row
    changed, the last request taken out."""
    swaps: dict[str, str] = {}
    for key, new in NEW_TEXT.items():
        if key not in changed and isinstance(want.get(key), str):
            swaps[norm(want[key])] = new
    requests = want.get("requests") or []
    rows_changed = any(c.startswith(("agenda:", "requests:")) for c in changed)
    if not rows_changed and len(requests) >= 2:
        last = requests[-1]
        for text in (last["request"], last["response"]):
            if text:
                swaps[norm(text)] = ""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    done: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename.startswith("xl/drawings/") and info.filename.endswith(".xml"):
                xml = part.decode("utf-8")

                def swap(m: re.Match[str]) -> str:
                    key = norm(m.group(1))
                    if key in swaps:
                        done.add(key)
                        return f"<a:t>{swaps[key]}</a:t>"
                    return m.group(0)

                part = _TEXT_RUN.sub(swap, xml).encode("utf-8")
            zout.writestr(info, part)
    for key, new in NEW_TEXT.items():
        if isinstance(want.get(key), str) and norm(want[key]) in done and key not in changed:
            want[key] = new
            changed.append(f"{key} (text box)")
    if not rows_changed and len(requests) >= 2 and norm(requests[-1]["request"]) in done:
        requests.pop()
        changed.append("requests: the last text box emptied")
    return out.getvalue()


def _cells(ws: Worksheet, place: str) -> list[Any]:
    if not place:
        return []
    ref = place.split("!")[-1]
    c0, r0, c1, r1 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    return [
        ws.cell(r, c)
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if ws.cell(r, c).value not in (None, "")
    ]


def _replace_text(ws: Worksheet, place: str, old: object, new: str) -> bool:
    """Type `new` where the cell shows `old` (keeping a label written before it)."""
    cells = _cells(ws, place)
    if len(cells) != 1 or not isinstance(cells[0].value, str):
        return False
    text = cells[0].value
    want = norm(old)
    for k in range(len(text)):
        if norm(text[k:]) == want:
            cells[0].value = text[:k] + new
            return True
    return False


_NUMBER = re.compile(r"[0-9０-９]+")


def _digits_like(sample: str, n: int) -> str:
    wide = any("０" <= ch <= "９" for ch in sample)
    text = str(n)
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if wide else text


def _counts(
    ws: Worksheet,
    places: dict[str, str],
    groups: dict[str, list[str]],
    want: dict[str, Any],
    changed: list[str],
) -> None:
    for key in ("police_attendees", "civilian_attendees"):
        place = places.get(key)
        if place is None or want.get(key) is None or places.get("officers") == place:
            continue
        cells = _cells(ws, place)
        if len(cells) != 1:
            continue
        cell = cells[0]
        if (
            len(groups[place]) == 1
            and isinstance(cell.value, int | float)
            and not isinstance(cell.value, bool)
        ):
            cell.value = int(cell.value) + 1
        elif isinstance(cell.value, str):
            numbers = _NUMBER.findall(cell.value)
            index = 0 if len(groups[place]) == 1 or key == "police_attendees" else 1
            if (
                len(numbers) <= index
                or int(unicodedata.normalize("NFKC", numbers[index])) != want[key]
            ):
                continue
            spans = list(_NUMBER.finditer(cell.value))
            m = spans[index]
            cell.value = (
                cell.value[: m.start()]
                + _digits_like(m.group(), want[key] + 1)
                + cell.value[m.end() :]
            )
        else:
            continue
        want[key] += 1
        changed.append(key)


_DAY = re.compile(r"([0-9０-９]{1,2})(\s*日)")


def _date(
    ws: Worksheet,
    places: dict[str, str],
    groups: dict[str, list[str]],
    want: dict[str, Any],
    changed: list[str],
) -> None:
    place = places.get("date")
    if place is None or want.get("date") is None:
        return
    cells = _cells(ws, place)
    if len(cells) != 1:
        return
    cell = cells[0]
    old = date.fromisoformat(want["date"])
    new = old - timedelta(days=2) if old.day > 2 else old + timedelta(days=2)
    if isinstance(cell.value, datetime):
        cell.value = cell.value + (new - old)
    elif isinstance(cell.value, date):
        cell.value = new
    elif isinstance(cell.value, str):
        m = _DAY.search(cell.value)
        if m is None or int(unicodedata.normalize("NFKC", m.group(1))) != old.day:
            return
        text = cell.value[: m.start(1)] + _digits_like(m.group(1), new.day) + cell.value[m.end(1) :]
        weekday = WEEKDAYS[old.weekday()]
        for brackets in ("（）", "()"):
            text = text.replace(
                f"{brackets[0]}{weekday}{brackets[1]}",
                f"{brackets[0]}{WEEKDAYS[new.weekday()]}{brackets[1]}",
            )
        cell.value = text
    else:
        return
    want["date"] = new.isoformat()
    changed.append("date")


_SWAP = {"定期": "臨時", "臨時": "定期", "定期会議": "臨時会議", "臨時会議": "定期会議"}


def _meeting_type(
    ws: Worksheet,
    places: dict[str, str],
    groups: dict[str, list[str]],
    want: dict[str, Any],
    changed: list[str],
) -> None:
    place = places.get("meeting_type")
    if place is None or want.get("meeting_type") is None:
        return
    cells = _cells(ws, place)
    if len(cells) != 1 or not isinstance(cells[0].value, str):
        return
    text = cells[0].value.strip()
    if text in _SWAP:
        cells[0].value = _SWAP[text]
    elif re.fullmatch(r"■\s*定期[\s　]*□\s*臨時", text):
        cells[0].value = text.replace("■", "◆").replace("□", "■").replace("◆", "□")
    else:
        return
    want["meeting_type"] = "extraordinary" if want["meeting_type"] == "regular" else "regular"
    changed.append("meeting_type")


# --- tables ---------------------------------------------------------------------------------


def _rows_of(layout: dict[str, Any], name: str) -> list[dict[str, str | None]]:
    return list(layout.get("tables", {}).get(name, []))


def _located(
    ws: Worksheet, rows: list[dict[str, str | None]], main: str, items: list[dict[str, Any]]
) -> list[dict[str, str | None]]:
    """The table's rows where this sheet has them: a table above may have more rows here
    than on the sheet the layout was confirmed from (everything below moved down)."""
    first = rows[0].get(main)
    if not first or not items or not items[0].get(main):
        return rows
    top, left = _at(first)
    want = norm(items[0][main])
    for step in range(0, 60):
        for delta in (step, -step):
            r = top + delta
            if r < 0:
                continue
            value = ws.cell(r + 1, left + 1).value
            if isinstance(value, str) and want and want in norm(value):
                return [
                    {k: (_moved(p, delta) if p else None) for k, p in row.items()} for row in rows
                ]
    return rows


def _top(rows: list[dict[str, str | None]]) -> int:
    tops = [_at(p)[0] for r in rows for p in r.values() if p]
    return min(tops, default=-1)


def _banded(rows: list[dict[str, str | None]], main: str) -> bool:
    """A table a station can insert rows into: one row under the other, each inside its
    own band of sheet rows, the same columns each time."""
    spans = None
    last = -1
    for row in rows:
        if not row.get(main):
            return False
        top, bottom = _at(row[main] or "")[0], _bottom(row[main] or "")
        if top <= last:
            return False
        these = []
        for place in row.values():
            if place is None:
                these.append(None)
                continue
            c0, r0, c1, r1 = range_boundaries(place if ":" in place else f"{place}:{place}")
            if r0 - 1 < top or r1 - 1 > bottom:
                return False
            these.append((c0, c1))
        if spans is not None and these != spans:
            return False
        spans, last = these, bottom
    return True


def _on_sheet(
    ws: Worksheet, rows: list[dict[str, str | None]], main: str, labels: set[str]
) -> list[dict[str, str | None]]:
    """The rows a table has on this sheet: the confirmed ones, and those the station
    wrote below them in the same columns (a table grows) up to the next printed label."""
    out = []
    for row in rows:  # a table with fewer rows here: it ends at the next printed label
        top = _at(row[main] or "")[0] + 1
        if {norm(c.value) for c in ws[top] if c.value is not None} & labels:
            return out
        out.append(row)
    last = rows[-1]
    height = _bottom(last[main] or "") - _at(last[main] or "")[0] + 1
    step = height
    while True:
        moved = {k: (_moved(p, step) if p else None) for k, p in last.items()}
        top = _at(moved[main] or "")[0] + 1
        printed = {norm(c.value) for c in ws[top] if c.value is not None}
        if not _cells(ws, moved[main] or "") or printed & labels:
            return out
        out.append(moved)
        step += height


def _exchanges(ws: Worksheet, rows: list[dict[str, str | None]]) -> bool:
    """Requests written as 「要望：…」「回答：…」 lines, one a row."""
    texts = [c.value for r in rows if r.get("request") for c in _cells(ws, r["request"] or "")]
    return any(isinstance(t, str) and re.match(r"\s*回答", t) for t in texts)


def _covered(path: Path) -> set[tuple[int, int]]:
    """Cells under a shape or text box of the drawing layer (0-based), where a person
    does not type."""
    out: set[tuple[int, int]] = set()
    anchor = re.compile(
        r"<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>.*?</xdr:from>"
        r"<xdr:to><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>",
        re.S,
    )
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/drawings/") and name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8", "replace")
                for m in anchor.finditer(xml):
                    c0, r0, c1, r1 = map(int, m.groups())
                    out |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    return out


def _grow(
    ws: Worksheet,
    rows: list[dict[str, str | None]],
    main: str,
    item: dict[str, str | None],
    items: list[dict[str, Any]],
    changed: list[str],
    drawn: bool,
    name: str,
    covered: set[tuple[int, int]],
    labels: set[str],
    unit: bool = False,
) -> bool:
    """One item more: in the first printed row left blank after the last one used; in a
    row inserted after the table's last row (when the drawing layer does not stop it);
    or, in a list written in one cell, as one more line. In a meeting of a register
    (`unit`), the row is inserted above the meeting's last row, inside its boxes, and the
    last item moved down into it, as a person adds a line to a merged block."""
    mains = [r.get(main) for r in rows]
    if (len(rows) > 1 and len(set(mains)) == 1) or (
        len(rows) == 1 and _one_cell_list(ws, mains[0], items, main)
    ):
        return _one_more_line(ws, mains[0], item, items, main, changed, name)
    if _banded(rows, main) and not unit:
        rows = _on_sheet(ws, rows, main, labels)
    if not rows:
        return False
    used = [i for i, r in enumerate(rows) if r.get(main) and _cells(ws, r[main] or "")]
    after = (used[-1] + 1) if used else 0
    blank = next(
        (
            r
            for r in rows[after:]
            if r.get(main) and not _cells(ws, r[main] or "") and _at(r[main] or "") not in covered
        ),
        None,
    )
    if blank is None and unit and not drawn:
        last = rows[-1]
        bottom = max(_bottom(p) for p in last.values() if p)
        _insert_row(ws, bottom, bottom)
        for place in last.values():  # the last item goes up into the new row
            if place:
                at = _at(place)
                ws.cell(at[0] + 1, at[1] + 1).value = ws.cell(at[0] + 2, at[1] + 1).value
                ws.cell(at[0] + 2, at[1] + 1).value = None
        blank = {k: (_moved(p, 1) if p else None) for k, p in last.items()}
        changed.append(f"{name}: a row inserted inside the meeting at sheet row {bottom + 1}")
    if blank is None and _banded(rows, main) and not drawn:
        last = rows[-1]
        bottom = max(_bottom(p) for p in last.values() if p)
        _insert_row(ws, bottom + 1, bottom)
        blank = {k: (_moved(p, bottom + 1 - _at(p)[0]) if p else None) for k, p in last.items()}
        changed.append(f"{name}: a row inserted at sheet row {bottom + 2}")
    if blank is None:
        return False
    columns = ("category", "topic", "remarks") if name == "agenda" else ("request", "response")
    record: dict[str, Any] = {}
    for column in columns:
        place = blank.get(column)
        value = item.get(column)
        existing = _cells(ws, place) if place else []
        if column == "category" and existing:
            record[column] = _category_of(existing[0].value)  # printed on the form
        elif place is None or value is None:
            record[column] = None
        else:
            text = f"要望：{value}" if column == "request" and _exchanges(ws, rows) else value
            record[column] = value if _write(ws, place, text) else None
    if name == "requests" and _exchanges(ws, rows):
        record["response"] = None
    if name == "agenda" and record["category"] is None and items:
        record["category"] = items[-1].get("category")  # a blank 区分 continues the one above
    items.append(record)
    changed.append(f"{name}: one item more")
    return True


_CATEGORIES = {
    "交番等の活動状況": "交番等の活動状況",
    "地域住民等に身近な事件・事故等の発生状況": "地域住民等に身近な事件・事故等の発生状況",
    "地域の祭礼等の催事・行事": "地域の祭礼等の催事・行事",
    "その他": "その他",
}


def _write(ws: Worksheet, place: str, value: str) -> bool:
    """Type `value` into the box at `place` (its top-left cell); False when the box is
    merged down from the row above (there is nothing to type into on this row)."""
    ref = place.split("!")[-1].split(":")[0]
    cell = ws[ref]
    for area in ws.merged_cells.ranges:
        if cell.coordinate in area:
            if area.min_row != cell.row:
                return False
            cell = ws.cell(area.min_row, area.min_col)
            break
    cell.value = value
    return True


def _category_of(value: object) -> str | None:
    text = norm(value)
    for key in _CATEGORIES:
        if norm(key) in text:
            return key
    return None


def _bottom(place: str) -> int:
    ref = place.split("!")[-1]
    _c0, _r0, _c1, r1 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    return r1 - 1


def _moved(place: str, rows: int) -> str:
    ref = place.split("!")[-1]
    c0, r0, c1, r1 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    first = f"{get_column_letter(c0)}{r0 + rows}"
    return first if (c0, r0) == (c1, r1) else f"{first}:{get_column_letter(c1)}{r1 + rows}"


def _insert_row(ws: Worksheet, at: int, like: int) -> None:
    """Insert a sheet row at 0-based row `at`, formatted like row `like` (Excel's Insert:
    everything below moves down, merged boxes too, the new row gets the boxes of the
    row above)."""
    from openpyxl.worksheet.cell_range import CellRange

    merges = list(ws.merged_cells.ranges)
    for m in merges:
        ws.merged_cells.remove(m)
    ws.insert_rows(at + 1)
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height is not None}
    for r in sorted(heights, reverse=True):
        if r >= at + 1:
            ws.row_dimensions[r + 1].height = heights[r]
    # hidden rows move down with the rest (openpyxl moves only the cells)
    hidden = sorted(
        (r for r, d in ws.row_dimensions.items() if d.hidden and r >= at + 1), reverse=True
    )
    for r in hidden:
        ws.row_dimensions[r].hidden = False
        ws.row_dimensions[r + 1].hidden = True
    if like + 1 in heights:
        ws.row_dimensions[at + 1].height = heights[like + 1]
    for m in merges:
        r0, r1 = m.min_row, m.max_row
        if r0 >= at + 1:
            r0, r1 = r0 + 1, r1 + 1
        elif r1 >= at + 1:
            r1 += 1
        ws.merged_cells.add(CellRange(min_col=m.min_col, min_row=r0, max_col=m.max_col, max_row=r1))
        if m.min_row == m.max_row == like + 1:
            ws.merged_cells.add(
                CellRange(min_col=m.min_col, min_row=at + 1, max_col=m.max_col, max_row=at + 1)
            )
    for c in range(1, ws.max_column + 1):
        source = ws.cell(like + 1, c)
        target = ws.cell(at + 1, c)
        if source.has_style:
            target._style = copy.copy(source._style)


def _clear_last(
    ws: Worksheet,
    rows: list[dict[str, str | None]],
    main: str,
    items: list[dict[str, Any]],
    covered: set[tuple[int, int]],
) -> bool:
    """One item fewer: the last used row of the table emptied."""
    used = [r for r in rows if r.get(main) and _cells(ws, r[main] or "")]
    if len(items) < 2 or _exchanges(ws, rows) or any(_at(r[main] or "") in covered for r in used):
        return False
    if len(used) < 2 or len({r[main] for r in used}) != len(used):
        return False
    last = used[-1]
    text = norm(_cells(ws, last[main] or "")[0].value)
    if not items or norm(items[-1][main]) not in text:
        return False
    for column, place in last.items():
        if place and column != "category":
            for cell in _cells(ws, place):
                cell.value = None
    items.pop()
    return True


_MARKERS = (
    ("①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"),
    ("1", "2", "3", "4", "5", "6", "7", "8", "9"),
)


def _one_cell_list(
    ws: Worksheet, place: str | None, items: list[dict[str, Any]], main: str
) -> bool:
    cells = _cells(ws, place or "")
    return (
        len(cells) == 1
        and isinstance(cells[0].value, str)
        and len(items) > 1
        and all(norm(i[main]) in norm(cells[0].value) for i in items if i[main])
    )


def _one_more_line(
    ws: Worksheet,
    place: str | None,
    item: dict[str, str | None],
    items: list[dict[str, Any]],
    main: str,
    changed: list[str],
    name: str,
) -> bool:
    """A list written in one cell gets one more line, written like its last line."""
    cells = _cells(ws, place or "")
    if len(cells) != 1 or not isinstance(cells[0].value, str):
        return False
    cell = cells[0]
    lines = cell.value.rstrip().split("\n")
    last = lines[-1]
    n = len(items) + 1
    if name == "requests" and re.match(r"\s*(要望|回答)", last):
        ask, answer = item["request"], item["response"]
        cell.value = cell.value.rstrip() + f"\n要望：{ask}\n回答：{answer}"
    else:
        marker = next(
            (
                m
                for marks in _MARKERS
                for i, m in enumerate(marks)
                if last.lstrip().startswith(m) and i + 1 == n - 1
            ),
            None,
        )
        if marker is None:
            marker = "・" if last.lstrip().startswith("・") else None
        if marker is None:
            return False
        marks = next((marks for marks in _MARKERS if marker in marks), None)
        new_mark = marks[n - 1] if marks is not None and n - 1 < len(marks) else marker
        after = last.lstrip()[len(marker) :]
        sep = after[: len(after) - len(after.lstrip(" 　.．)）:："))]
        text = item[main]
        if name == "requests" and item.get("response") and not sep:
            return False
        cell.value = cell.value.rstrip() + f"\n{new_mark}{sep}{text}"
    category = items[-1].get("category") if name == "agenda" and items else None
    new = (
        {"category": category, "topic": item["topic"], "remarks": None}
        if name == "agenda"
        else {
            "request": item["request"],
            "response": item["response"] if re.match(r"\s*(要望|回答)", last) else None,
        }
    )
    items.append(new)
    changed.append(f"{name}: one more line in {place}")
    return True


# --- .xls and .ods copies -------------------------------------------------------------------


def convert(paths: list[Path], fmt: str, out_dir: Path) -> dict[Path, Path]:
    """The .xls / .ods copies LibreOffice makes of `paths` (one run for all)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not paths:
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(out_dir), *map(str, paths)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return {p: out_dir / f"{p.stem}.{fmt}" for p in paths if (out_dir / f"{p.stem}.{fmt}").exists()}


def twin(path: Path) -> Path | None:
    """The .xlsx a converted corpus workbook was made from (`x_xls.xls` from `x.xlsx`)."""
    for suffix in ("_xls", "_ods"):
        if path.stem.endswith(suffix):
            source = path.with_name(path.stem[: -len(suffix)] + ".xlsx")
            return source if source.exists() else None
    return None


# --- the whole cycle -------------------------------------------------------------------------


@dataclass
class Proofed:
    """One proof of the cycle: where from, how many rows HQ corrected, what --confirm said."""

    proof: Path
    source: Path
    sheet: str
    corrected: int
    confirmed: str
    others: list[str] = field(default_factory=list)
    rows: int = 0  # rows of 読取結果 (fields and printed table rows)


@dataclass
class Cycle:
    proofs: list[Proofed]
    layouts: Path  # the folder the confirmed maps were stored in
    output: str  # what `kyogikai layout` printed


def run_cycle(files: list[Path], work: Path) -> Cycle:
    """`kyogikai layout` on `files`; each proof corrected as a person would and
    confirmed with `kyogikai layout --confirm`."""
    from click.testing import CliRunner

    from toolkit.cli import main

    proofs, layouts = work / "proofs", work / "様式"
    made = CliRunner().invoke(main, ["layout", *map(str, files), "-o", str(proofs)])
    assert made.exit_code == 0, made.output
    done: list[Proofed] = []
    for proof in sorted(proofs.glob("*.xlsx")):
        source, sheet = _source_of(proof)
        reports = [r for s, r in expected_all(source) if s == sheet]
        if not reports:  # a sheet that is no report: HQ does not confirm it as a layout
            done.append(Proofed(proof, source, sheet, 0, "（報告書ではないため確認しない）"))
            continue
        rows = len(proof_rows(openpyxl.load_workbook(proof)[PROOF_SHEET]).rows)
        corrected = correct_proof(proof, source, sheet, reports[0], reports[1:])
        confirm = ["layout", "--confirm", str(proof), "--layouts", str(layouts), "--by", "検証"]
        result = CliRunner().invoke(main, confirm)
        assert result.exit_code == 0, f"{proof.name}: {result.output}"
        done.append(Proofed(proof, source, sheet, corrected, result.output, rows=rows))
    return Cycle(done, layouts, made.output)


def _source_of(proof: Path) -> tuple[Path, str]:
    """The station's file and sheet a proof was made from (its 元のファイル)."""
    wb = openpyxl.load_workbook(proof, read_only=True)
    ws = wb[PROOF_SHEET]
    for row in ws.iter_rows(values_only=True):
        if row and len(row) > 8 and row[6] == "元のファイル":
            m = re.fullmatch(r"(.*)「(.*)」", str(row[8]))
            assert m is not None
            wb.close()
            return Path(m.group(1)), m.group(2)
    raise AssertionError(f"{proof}: no 元のファイル")


def corrections_table(cycle: Cycle) -> list[str]:
    """Per layout: the rows of 読取結果 HQ had to correct."""
    lines = [f"{'layout (first sheet)':60} rows corrected / rows of 読取結果"]
    for p in cycle.proofs:
        where = f"{p.source.parent.name}/{p.source.name}「{p.sheet}」"
        lines.append(f"{where:60} {p.corrected} / {p.rows}")
    total = sum(p.corrected for p in cycle.proofs)
    rows = sum(p.rows for p in cycle.proofs)
    lines.append(f"{len(cycle.proofs)} layouts, {total} of {rows} rows corrected in all")
    return lines


if __name__ == "__main__":  # pragma: no cover - a report for people
    with tempfile.TemporaryDirectory() as tmp:
        files = [f for f in corpus_files() if expected_reports(f)]
        for line in corrections_table(run_cycle(files, Path(tmp))):
            print(line)
