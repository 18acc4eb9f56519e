"""Drawing on the sheet: a grid of 5 mm columns, the form's fonts and lines, and `Form`,
which writes printed words, input areas and boxes and frames them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.excel.contract import INPUT_FONT_PT
from toolkit.text import printed_capacity
from toolkit.writing.textcell import put

# Grid: 36 columns of 5 mm; row heights in millimetres.
COLUMNS = 36
COLUMN_MM = 5.0

# Column widths are counted in digits of the Normal style font, so they depend on that
# font being present. Arial is on every Windows PC and LibreOffice replaces it with the
# metric-compatible Liberation Sans, so the grid has the same shape in both (with Calibri,
# the default, LibreOffice falls back to a wider font and shrinks the page by a quarter).
FONT_NORMAL = Font(name="Arial", size=11, family=2)
_MAX_DIGIT_PX = 8  # Arial 11 at 96 dpi


def row_height(mm: float) -> float:
    """Row height in points for `mm`, in whole pixels at 96 dpi (0.75 pt) as Excel keeps it."""
    return round(mm * 96 / 25.4) * 0.75


def column_width(mm: float) -> float:
    """Column width for `mm` millimetres, as Excel stores it (whole pixels at 96 dpi)."""
    px = round(mm * 96 / 25.4)
    # Excel shows trunc(8w + 0.5) pixels for a width w: aim at the middle of that pixel.
    return round((px + 0.25) / _MAX_DIGIT_PX, 4)


# Fonts: printed words in Mincho, what the officer types in Gothic, as on typed-in paper
# forms. charset 128 (Shift_JIS) and family are what Excel itself writes for these fonts.
_MINCHO = "ＭＳ 明朝"
_GOTHIC = "ＭＳ ゴシック"
FONT_LABEL = Font(name=_MINCHO, size=10.5, charset=128, family=1)
FONT_SMALL = Font(name=_MINCHO, size=9, charset=128, family=1)
FONT_TITLE = Font(name=_MINCHO, size=16, bold=True, charset=128, family=1)
FONT_INPUT = Font(name=_GOTHIC, size=10.5, charset=128, family=3)
FONT_INPUT_SMALL = Font(name=_GOTHIC, size=9, charset=128, family=3)
# Text that may wrap: two lines of 10 pt fit a table row.
FONT_INPUT_LONG = Font(name=_GOTHIC, size=10, charset=128, family=3)

INPUT_FILL = PatternFill(fill_type="solid", fgColor="FFEAF2FA")
UNLOCKED = Protection(locked=False)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
# Typed text is indented by one step so that it does not touch the lines of the form.
LINE = Alignment(horizontal="left", vertical="center", shrink_to_fit=True, indent=1)
WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
BOX = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)

THIN = Side(style="thin", color="FF000000")
MEDIUM = Side(style="medium", color="FF000000")
_NONE = Side()
_SIDE_WEIGHT = {"thin": 1, "medium": 2}


@dataclass(frozen=True)
class Area:
    """A rectangle of the grid, 1-based and inclusive."""

    row: int
    col: int
    last_row: int
    last_col: int

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"

    @property
    def anchor(self) -> str:
        """The top-left cell as an absolute reference, as a defined name points at it."""
        return f"${get_column_letter(self.col)}${self.row}"

    @property
    def range(self) -> str:
        return f"{self.ref}:{get_column_letter(self.last_col)}{self.last_row}"

    def cells(self) -> list[tuple[int, int]]:
        return [
            (r, c)
            for r in range(self.row, self.last_row + 1)
            for c in range(self.col, self.last_col + 1)
        ]


def area(row: int, col: int, last_col: int, last_row: int | None = None) -> Area:
    """The area from `col` to `last_col` in `row`, or down to `last_row` when given."""
    return Area(row, col, row if last_row is None else last_row, last_col)


class Form:
    """Writes boxes onto the sheet and collects their borders until `finish`."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.edges: dict[tuple[int, int], dict[str, Side]] = {}
        self.names: dict[str, Area] = {}  # input areas by canonical key

    def text(
        self,
        area: Area,
        value: str,
        font: Font = FONT_LABEL,
        align: Alignment = CENTER,
        *,
        framed: bool = True,
    ) -> None:
        """A printed word of the form."""
        cell = self._merge(area)
        put(cell, value)
        cell.font = font
        cell.alignment = align
        if framed:
            self.frame(area)

    def field(
        self,
        name: str,
        area: Area,
        align: Alignment,
        *,
        font: Font = FONT_INPUT,
        number_format: str | None = None,
        value: object = None,
    ) -> None:
        """An input area: framed, unlocked, shaded, and named after its canonical key."""
        self._merge(area)
        for r, c in area.cells():
            cell = self.ws.cell(r, c)
            cell.fill = INPUT_FILL
            cell.protection = UNLOCKED
            cell.font = font
            cell.alignment = align
            if number_format:
                cell.number_format = number_format
        if value is not None:
            put(self.ws[area.ref], value)
        self.frame(area)
        self.names[name] = area

    def limits(self) -> dict[str, int]:
        """For each box that takes running text, how many full-width characters print in
        it: its size on paper at the type size of what is typed there."""
        out = {}
        for key, where in self.names.items():
            font = INPUT_FONT_PT.get(re.sub(r"_[0-9]+", "", key))
            if font is None:
                continue
            height_pt = sum(
                self.ws.row_dimensions[r].height or 15.0
                for r in range(where.row, where.last_row + 1)
            )
            width_mm = (where.last_col - where.col + 1) * COLUMN_MM
            per_line, lines = printed_capacity(width_mm, height_pt * 25.4 / 72, font)
            out[key] = int(per_line // 2) * lines
        return out

    def box(self, area: Area) -> None:
        """An empty framed box, such as a stamp box."""
        self._merge(area)
        self.frame(area)

    def frame(self, area: Area, side: Side = THIN) -> None:
        """Draw a box around `area`; a heavier line already there is kept."""
        for r, c in area.cells():
            if r == area.row:
                self._edge(r, c, "top", side)
            if r == area.last_row:
                self._edge(r, c, "bottom", side)
            if c == area.col:
                self._edge(r, c, "left", side)
            if c == area.last_col:
                self._edge(r, c, "right", side)

    def finish(self) -> None:
        """Apply the collected borders."""
        for (r, c), sides in sorted(self.edges.items()):
            self.ws.cell(r, c).border = Border(
                left=sides.get("left", _NONE),
                right=sides.get("right", _NONE),
                top=sides.get("top", _NONE),
                bottom=sides.get("bottom", _NONE),
            )

    def _edge(self, r: int, c: int, which: str, side: Side) -> None:
        sides = self.edges.setdefault((r, c), {})
        old = sides.get(which)
        if old is None or _SIDE_WEIGHT[str(side.style)] >= _SIDE_WEIGHT[str(old.style)]:
            sides[which] = side

    def _merge(self, area: Area) -> Cell:
        if area.row != area.last_row or area.col != area.last_col:
            self.ws.merge_cells(area.range)
        cell = self.ws.cell(area.row, area.col)
        assert isinstance(cell, Cell)  # the top-left cell of a merge is a real cell
        return cell
