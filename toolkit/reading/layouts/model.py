"""A layout map: where each field of the 別記様式 is on a station's own rendition of it,
as HQ confirmed it, and what is printed there to recognise the layout by.

A map is data. It is stored as a JSON file a person can read and diff (cells in A1, keys
in the order of the form, one line per label), and applied by one function
(`layouts.apply`). Positions are 0-based (row, column) of the sheet of the first report
HQ confirmed; a later sheet is matched to them (`layouts.match`) before it is read.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from toolkit.cells import column_letter, parse_range
from toolkit.excel.proofsheet import FIELD_KEYS, MAIN_COLUMN, TABLE_COLUMNS

FORMAT_VERSION = 1

Box = tuple[int, int, int, int]  # r0, c0, r1, c1; 0-based, inclusive


@dataclass(frozen=True, slots=True)
class Place:
    """A cell or a range of cells of the report's sheet (or of another sheet of the
    workbook, `sheet`) where a field is written."""

    r0: int
    c0: int
    r1: int
    c1: int
    sheet: str | None = None

    @property
    def box(self) -> Box:
        return self.r0, self.c0, self.r1, self.c1

    @property
    def a1(self) -> str:
        """`B5`, `B5:D5`, or `'入力'!B5` for another sheet."""
        return place_text(self.box, self.sheet)

    def moved(self, rows: int, cols: int = 0) -> Place:
        return Place(self.r0 + rows, self.c0 + cols, self.r1 + rows, self.c1 + cols, self.sheet)

    def overlaps(self, other: Place) -> bool:
        if self.sheet != other.sheet:
            return False
        return not (
            self.r1 < other.r0 or other.r1 < self.r0 or self.c1 < other.c0 or other.c1 < self.c0
        )

    @classmethod
    def parse(cls, text: str) -> Place:
        """A place from `B5`, `B5:D5`, `Sheet!B5` or `'My sheet'!B5:D5`. Raises ValueError."""
        name, bang, ref = text.strip().rpartition("!")
        sheet: str | None = None
        if bang:
            if len(name) >= 2 and name[0] == name[-1] == "'":
                name = name[1:-1].replace("''", "'")
            sheet = name or None
        r0, c0, r1, c1 = parse_range(ref)
        return cls(r0, c0, r1, c1, sheet)


def place_text(box: Box, sheet: str | None = None) -> str:
    r0, c0, r1, c1 = box
    ref = f"{column_letter(c0)}{r0 + 1}"
    if (r1, c1) != (r0, c0):
        ref += f":{column_letter(c1)}{r1 + 1}"
    if sheet is None:
        return ref
    return "'" + sheet.replace("'", "''") + "'!" + ref


@dataclass(frozen=True, slots=True)
class Label:
    """A printed word of the form at its place: `text` in label_key form (NFKC, no
    spaces), over the box `place`. A `prefix` label begins a cell whose value follows it
    (「所属：西原警察署」): the cell must begin with it, and a field there leaves it out."""

    text: str
    place: Place
    prefix: bool = False


@dataclass(frozen=True)
class Table:
    """A table of the form (協議事項 or 要望事項), one entry per printed row: the place of
    each of its columns (`TABLE_COLUMNS`), None where the row has no such cell."""

    name: str
    rows: tuple[tuple[Place | None, ...], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return TABLE_COLUMNS[self.name]

    def main(self, row: tuple[Place | None, ...]) -> Place | None:
        return row[self.columns.index(MAIN_COLUMN[self.name])]

    @functools.cached_property
    def mode(self) -> str:
        """How the table lies on the sheet: "cell" (every row in one box: a list written
        in one cell), "rows" (one sheet row or band of rows per table row, one under the
        other, the same columns each time: the table grows and shrinks with the rows a
        station uses or inserts), or "fixed" (each row where it is, e.g. numbered rows
        with their own labels, or answers written apart from their requests)."""
        mains = [self.main(row) for row in self.rows]
        if len(self.rows) > 1 and all(m is not None and m == mains[0] for m in mains):
            return "cell"
        if all(m is not None for m in mains) and _banded(self):
            return "rows"
        return "fixed"

    @functools.cached_property
    def band(self) -> tuple[int, int, int, int] | None:
        """First row, last row and the columns a "rows" table covers."""
        places = [p for row in self.rows for p in row if p is not None and p.sheet is None]
        if not places:
            return None
        return (
            min(p.r0 for p in places),
            max(p.r1 for p in places),
            min(p.c0 for p in places),
            max(p.c1 for p in places),
        )


def _banded(table: Table) -> bool:
    """Rows one under the other, each inside its own band of sheet rows, every column at
    the same columns in every row."""
    spans: list[tuple[int, int] | None] | None = None
    last = -1
    for row in table.rows:
        main = table.main(row)
        assert main is not None
        if main.sheet is not None or main.r0 <= last:
            return False
        these = [None if p is None else (p.c0, p.c1) for p in row]
        if any(p is not None and (p.r0 < main.r0 or p.r1 > main.r1) for p in row):
            return False
        if spans is None:
            spans = these
        elif these != spans:
            return False
        last = main.r1
    return True


@dataclass(frozen=True)
class LayoutMap:
    """One confirmed layout."""

    layout_id: str
    name: str  # what HQ knows it by: the file and sheet it was confirmed from
    labels: tuple[Label, ...]
    fields: tuple[tuple[str, Place | None], ...]  # contract key → place; None: no such field
    tables: tuple[Table, ...] = ()
    boxes: tuple[Place, ...] = ()  # merged boxes around fields: part of what is printed
    extent: tuple[int, int] = (0, 0)  # rows, columns of the sheet the map was made on
    repeat: tuple[int, int] = (0, 0)  # a report every n rows down / n columns right
    # A register whose meetings take different numbers of rows: a report starts at each
    # box of this column (0-based), and `repeat` holds the first one's height.
    repeat_by: int | None = None
    # 区分 written as codes (1–4), explained by the legend printed in these cells
    legend: tuple[Place, ...] = ()
    confirmed_by: str = ""
    confirmed_at: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def place(self, key: str) -> Place | None:
        return dict(self.fields).get(key)

    # Worked out once per map (a run reads thousands of sheets with the same maps).

    @functools.cached_property
    def ordered_labels(self) -> tuple[Label, ...]:
        """The labels from the top of the sheet down, left to right."""
        return tuple(sorted(self.labels, key=lambda lab: (lab.place.r0, lab.place.c0)))

    @functools.cached_property
    def head(self) -> tuple[Label, ...]:
        """The first labels, above every table that grows: where they must be, exactly, for
        the sheet to be this layout (a quick test before the whole walk)."""
        first = self.growing[0][1] if self.growing else 10**9
        return tuple(lab for lab in self.ordered_labels if lab.place.r0 <= first)[:3]

    @functools.cached_property
    def growing(self) -> tuple[tuple[int, int, int, int], ...]:
        """The bands of the tables that grow and shrink with the rows a station uses."""
        return tuple(
            sorted(band for t in self.tables if t.mode == "rows" and (band := t.band) is not None)
        )

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)

    # --- the file ---------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The map as stored: keys in a fixed order, cells in A1."""
        fields = dict(self.fields)
        out: dict[str, Any] = {
            "kyogikai_layout": FORMAT_VERSION,
            "id": self.layout_id,
            "name": self.name,
            "confirmed_by": self.confirmed_by,
            "confirmed_at": self.confirmed_at,
            "extent": place_text((0, 0, max(self.extent[0], 1) - 1, max(self.extent[1], 1) - 1)),
            "repeat": {
                "rows": self.repeat[0],
                "cols": self.repeat[1],
                **({"column": column_letter(self.repeat_by)} if self.repeat_by is not None else {}),
            },
            "fields": {k: _a1(fields[k]) for k in FIELD_KEYS if k in fields},
            "tables": {
                t.name: [{c: _a1(p) for c, p in zip(t.columns, row, strict=True)} for row in t.rows]
                for t in self.tables
            },
            "boxes": [b.a1 for b in self.boxes],
            **({"legend": [p.a1 for p in self.legend]} if self.legend else {}),
            "labels": [
                [lab.place.a1, lab.text, *(["prefix"] if lab.prefix else [])] for lab in self.labels
            ],
        }
        if self.meta:
            out["meta"] = dict(sorted(self.meta.items()))
        return out

    def dumps(self) -> str:
        """The file's text: one line per field, table row, box and label, so that a
        change shows as a changed line."""
        lines = ["{"]
        items = list(self.to_json().items())
        for i, (key, value) in enumerate(items):
            end = "," if i + 1 < len(items) else ""
            if isinstance(value, dict) and key in ("fields", "tables", "meta"):
                lines.append(f"  {_dump(key)}: {{")
                inner = list(value.items())
                for j, (k, v) in enumerate(inner):
                    comma = "," if j + 1 < len(inner) else ""
                    if isinstance(v, list):
                        rows = [f"    {_dump(k)}: ["]
                        rows += [
                            f"      {_dump(r)}{',' if n + 1 < len(v) else ''}"
                            for n, r in enumerate(v)
                        ]
                        rows.append(f"    ]{comma}")
                        lines += rows
                    else:
                        lines.append(f"    {_dump(k)}: {_dump(v)}{comma}")
                lines.append(f"  }}{end}")
            elif isinstance(value, list):
                lines.append(f"  {_dump(key)}: [")
                lines += [
                    f"    {_dump(v)}{',' if n + 1 < len(value) else ''}"
                    for n, v in enumerate(value)
                ]
                lines.append(f"  ]{end}")
            else:
                lines.append(f"  {_dump(key)}: {_dump(value)}{end}")
        lines.append("}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, data: Any) -> LayoutMap:
        """A map from its stored form. Raises ValueError (with the reason) when it is not
        one."""
        if not isinstance(data, dict) or data.get("kyogikai_layout") != FORMAT_VERSION:
            raise ValueError("kyogikai の様式ファイルではありません")
        try:
            fields = tuple(
                (k, Place.parse(v) if v is not None else None) for k, v in data["fields"].items()
            )
            unknown = [k for k, _ in fields if k not in FIELD_KEYS]
            if unknown:
                raise ValueError(f"項目「{unknown[0]}」は様式の項目ではありません")
            tables = []
            for name, rows in data.get("tables", {}).items():
                columns = TABLE_COLUMNS[name]
                tables.append(
                    Table(
                        name,
                        tuple(
                            tuple(Place.parse(r[c]) if r.get(c) else None for c in columns)
                            for r in rows
                        ),
                    )
                )
            extent = Place.parse(data["extent"])
            labels = tuple(
                Label(str(item[1]), Place.parse(item[0]), "prefix" in item[2:])
                for item in data["labels"]
            )
            repeat = data.get("repeat") or {}
            return cls(
                layout_id=str(data["id"]),
                name=str(data.get("name", "")),
                labels=labels,
                fields=fields,
                tables=tuple(tables),
                boxes=tuple(Place.parse(b) for b in data.get("boxes", [])),
                legend=tuple(Place.parse(x) for x in data.get("legend", [])),
                extent=(extent.r1 + 1, extent.c1 + 1),
                repeat=(int(repeat.get("rows", 0)), int(repeat.get("cols", 0))),
                repeat_by=parse_range(f"{repeat['column']}1")[1] if repeat.get("column") else None,
                confirmed_by=str(data.get("confirmed_by", "")),
                confirmed_at=str(data.get("confirmed_at", "")),
                meta={str(k): str(v) for k, v in (data.get("meta") or {}).items()},
            )
        except (KeyError, TypeError, IndexError, AttributeError) as exc:
            raise ValueError(f"様式ファイルの形が正しくありません（{exc}）") from exc


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _a1(place: Place | None) -> str | None:
    return place.a1 if place is not None else None


def field_boxes(fields: list[tuple[str, Place | None]], merges: list[Place]) -> tuple[Place, ...]:
    """The merged boxes a layout's fields fill, each once, in sheet order: part of what
    identifies the layout."""
    places = {p for _, p in fields if p is not None and p.sheet is None}
    found = {m for m in merges if m in places and (m.r0, m.c0) != (m.r1, m.c1)}
    return tuple(sorted(found, key=lambda p: p.box))


def layout_id(labels: tuple[Label, ...], boxes: tuple[Place, ...]) -> str:
    """A short name for what is printed: the same labels at the same places and the same
    boxes give the same ID."""
    import hashlib

    text = "\n".join(
        [f"{lab.place.a1}\t{lab.text}\t{int(lab.prefix)}" for lab in sorted(labels, key=_at)]
        + [b.a1 for b in sorted(boxes, key=lambda p: p.box)]
    )
    return "L" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _at(label: Label) -> tuple[int, int]:
    return label.place.r0, label.place.c0
