"""The blank 開催結果報告書 (別記様式（２の(9)関係）) as an openpyxl workbook.

The sheet is laid out on a grid of 5 mm columns (36 of them fill the 180 mm wide printable
area of A4 portrait), so that every box of the paper form lands on a column boundary and
each box is one merged range. Every input area is a workbook-scoped defined name equal to
its canonical key (SPEC.md, "Template contract"); a name points at the top-left cell of its
area. Input cells are unlocked and shaded; the sheet is protected without a password so
that HQ can unprotect it.

The layout is pinned by `workbook_templates/開催結果報告書.xlsx` and its test: changing
anything here that shows in the workbook needs a new `TEMPLATE_VERSION` and a regenerated
canonical blank.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import CustomPropertyList, StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..fileio import write_atomic
from ..model import CATEGORIES

TEMPLATE_VERSION = "2026.1"
AGENDA_ROWS = 6
REQUEST_ROWS = 5
TEMPLATE_SHEET = "報告書"
META_SHEET = "_meta"
BLANK_NAME = "開催結果報告書.xlsx"
TITLE = "交番・駐在所連絡協議会開催結果報告書"

# Custom document properties that identify our own template.
PROP_TEMPLATE_VERSION = "kyogikai_template_version"
PROP_COUNCIL_ID = "kyogikai_council_id"

# `_meta` cells: A column holds the keys, B column the values.
META_VERSION_CELL = "B1"
META_COUNCIL_CELL = "B2"

# Workbook creation and modification dates are pinned so that the same inputs give the
# same workbook; the zip members get the same timestamp.
PINNED_DATETIME = datetime(2026, 4, 1, 0, 0, 0)

# Number formats. Excel's `[$-ja-JP-x-gannen]` locale (which prints 元年) is not understood
# by LibreOffice, which then shows the bare serial; `[$-411]` (Japanese) gives 令和8年… in
# both, at the price of 令和1年 instead of 令和元年 for 2019 dates.
DATE_FORMAT = '[$-411]ggge"年"m"月"d"日（"aaa"）"'
TIME_FORMAT = "h:mm"
TEXT_FORMAT = "@"
COUNT_FORMAT = "0"

# Serial numbers of the date bounds accepted by the 開催日 validation.
_DATE_MIN = "36526"  # 2000-01-01
_DATE_MAX = "73415"  # 2099-12-31
_TIME_MAX = "0.999988425925926"  # 23:59:59

MEETING_TYPE_CHOICES = ("定期会議", "臨時会議")
STAMP_LABELS = ("署　長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係")

# Grid: 36 columns of 5 mm; row heights in millimetres.
COLUMNS = 36
COLUMN_MM = 5.0

# Column widths are counted in digits of the Normal style font, so they depend on that
# font being present. Arial is on every Windows PC and LibreOffice replaces it with the
# metric-compatible Liberation Sans, so the grid has the same shape in both (with Calibri,
# the default, LibreOffice falls back to a wider font and shrinks the page by a quarter).
FONT_NORMAL = Font(name="Arial", size=11, family=2)
_MAX_DIGIT_PX = 8  # Arial 11 at 96 dpi


def _pt(mm: float) -> float:
    """Row height in points for `mm`, in whole pixels at 96 dpi (0.75 pt) as Excel keeps it."""
    return round(mm * 96 / 25.4) * 0.75


def _width(mm: float) -> float:
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

_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center")
# Typed text is indented by one step so that it does not touch the lines of the form.
_LINE = Alignment(horizontal="left", vertical="center", shrink_to_fit=True, indent=1)
_WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
_BOX = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)

_THIN = Side(style="thin", color="FF000000")
_MEDIUM = Side(style="medium", color="FF000000")
_NONE = Side()
_SIDE_WEIGHT = {"thin": 1, "medium": 2}


@dataclass(frozen=True)
class Prefill:
    """What HQ knows about a council before the meeting; every field is optional."""

    council_id: str | None = None
    affiliation: str | None = None
    facility_name: str | None = None
    council_name: str | None = None


@dataclass(frozen=True)
class _Area:
    """A rectangle of the grid, 1-based and inclusive."""

    row: int
    col: int
    last_row: int
    last_col: int

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"

    @property
    def range(self) -> str:
        return f"{self.ref}:{get_column_letter(self.last_col)}{self.last_row}"

    def cells(self) -> list[tuple[int, int]]:
        return [
            (r, c)
            for r in range(self.row, self.last_row + 1)
            for c in range(self.col, self.last_col + 1)
        ]


def _area(row: int, col: int, last_col: int, last_row: int | None = None) -> _Area:
    return _Area(row, col, row if last_row is None else last_row, last_col)


class _Form:
    """Writes boxes onto the sheet and collects their borders until `finish`."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.edges: dict[tuple[int, int], dict[str, Side]] = {}
        self.names: dict[str, str] = {}

    def text(
        self,
        area: _Area,
        value: str,
        font: Font = FONT_LABEL,
        align: Alignment = _CENTER,
        *,
        framed: bool = True,
    ) -> None:
        """A printed word of the form."""
        cell = self._merge(area)
        cell.value = value
        cell.font = font
        cell.alignment = align
        if framed:
            self.frame(area)

    def field(
        self,
        name: str,
        area: _Area,
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
            self.ws[area.ref].value = value
        self.frame(area)
        self.names[name] = area.ref

    def box(self, area: _Area) -> None:
        """An empty framed box, such as a stamp box."""
        self._merge(area)
        self.frame(area)

    def frame(self, area: _Area, side: Side = _THIN) -> None:
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

    def _merge(self, area: _Area) -> Cell:
        if area.row != area.last_row or area.col != area.last_col:
            self.ws.merge_cells(area.range)
        cell = self.ws.cell(area.row, area.col)
        assert isinstance(cell, Cell)  # the top-left cell of a merge is a real cell
        return cell


# Row heights (mm) of the fixed rows; the table rows repeat.
_H_FORM_NO = 5.0
_H_ADDRESSEE = 6.0
_H_TITLE = 11.0
_H_GAP = 2.5
_H_HEADER_GAP = 3.0  # between the stamp boxes and the body
_H_STAMP_LABEL = 7.0
_H_STAMP_HALF = 9.5  # two rows: a 19 mm box for a hanko
_H_FIELD = 8.0
_H_TABLE_HEAD = 7.0
_H_TABLE_ROW = 8.5
_H_DISCUSSION = 42.0
_H_REFERENCE = 33.0
_H_OFFICERS = 9.0
_H_ATTACHMENT = 7.5

# Column spans (1-based, inclusive) of the boxes that share a vertical line.
_LABEL = (1, 5)  # 25 mm: the left label column of the body
_LEFT_VALUE = (6, 21)  # 80 mm
_RIGHT_LABEL = (22, 25)  # 20 mm
_RIGHT_VALUE = (26, 36)  # 55 mm


def _header(form: _Form) -> int:
    """Form number, addressee, title, 所属 block and stamp boxes; returns the next row."""
    ws = form.ws
    heights = [_H_FORM_NO, _H_ADDRESSEE, _H_TITLE, _H_GAP]
    for r, h in enumerate(heights, start=1):
        ws.row_dimensions[r].height = _pt(h)
    form.text(_area(1, 1, 16), "別記様式（２の(9)関係）", FONT_SMALL, _LEFT, framed=False)
    form.text(_area(2, 1, 16), "地域指導係宛", FONT_LABEL, _LEFT, framed=False)
    form.text(_area(3, 1, COLUMNS), TITLE, FONT_TITLE, _CENTER, framed=False)

    top = 5
    ws.row_dimensions[top].height = _pt(_H_STAMP_LABEL)
    ws.row_dimensions[top + 1].height = _pt(_H_STAMP_HALF)
    ws.row_dimensions[top + 2].height = _pt(_H_STAMP_HALF)
    for i, (key, label) in enumerate(
        (("affiliation", "所　属"), ("reporter", "報告者"), ("phone", "警　電"))
    ):
        form.text(_area(top + i, 1, 3), label)
        number_format = TEXT_FORMAT if key == "phone" else None
        form.field(key, _area(top + i, 4, 11), _LINE, number_format=number_format)
    for i, label in enumerate(STAMP_LABELS):
        first = 13 + 4 * i
        form.text(_area(top, first, first + 3), label, FONT_SMALL)
        form.box(_area(top + 1, first, first + 3, top + 2))
    ws.row_dimensions[top + 3].height = _pt(_H_HEADER_GAP)
    return top + 4


def _meeting_fields(form: _Form, row: int) -> int:
    """協議会名 … 会議種別: three rows of two label/value pairs."""
    ws = form.ws
    for r in range(row, row + 3):
        ws.row_dimensions[r].height = _pt(_H_FIELD)
        form.frame(_area(r, _LEFT_VALUE[0], _LEFT_VALUE[1]))

    form.text(_area(row, *_LABEL), "協議会名")
    form.field("council_name", _area(row, *_LEFT_VALUE), _LINE)
    form.text(_area(row, *_RIGHT_LABEL), "施設名")
    form.field("facility_name", _area(row, *_RIGHT_VALUE), _LINE)

    row += 1
    form.text(_area(row, *_LABEL), "開催日時")
    date_align = Alignment(horizontal="left", vertical="center", indent=1)
    form.field("date", _area(row, 6, 14), date_align, number_format=DATE_FORMAT)
    time_align = Alignment(horizontal="center", vertical="center")
    form.field("start_time", _area(row, 15, 17), time_align, number_format=TIME_FORMAT)
    form.text(_area(row, 18, 18), "～", framed=False)
    form.field("end_time", _area(row, 19, 21), time_align, number_format=TIME_FORMAT)
    form.text(_area(row, *_RIGHT_LABEL), "開催場所")
    form.field("venue", _area(row, *_RIGHT_VALUE), _LINE)

    row += 1
    form.text(_area(row, *_LABEL), "出席者数")
    count = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
    form.text(_area(row, 6, 8), "警察官", framed=False)
    form.field("police_attendees", _area(row, 9, 11), count, number_format=COUNT_FORMAT)
    form.text(_area(row, 12, 12), "人", framed=False)
    form.text(_area(row, 13, 14), "民間", framed=False)
    form.field("civilian_attendees", _area(row, 15, 17), count, number_format=COUNT_FORMAT)
    form.text(_area(row, 18, 18), "人", framed=False)
    form.text(_area(row, *_RIGHT_LABEL), "会議種別")
    choice = Alignment(horizontal="center", vertical="center")
    form.field("meeting_type", _area(row, *_RIGHT_VALUE), choice)
    return row + 1


def _agenda(form: _Form, row: int) -> int:
    """The 区分 / 協議事項 / 備考 table; the last 区分 is printed as その他."""
    ws = form.ws
    category, topic, remarks = (1, 10), (11, 29), (30, 36)
    ws.row_dimensions[row].height = _pt(_H_TABLE_HEAD)
    form.text(_area(row, *category), "区分")
    form.text(_area(row, *topic), "協議事項")
    form.text(_area(row, *remarks), "備考")
    for n in range(1, AGENDA_ROWS + 1):
        r = row + n
        ws.row_dimensions[r].height = _pt(_H_TABLE_ROW)
        last = CATEGORIES[-1] if n == AGENDA_ROWS else None
        form.field(
            f"agenda_{n}_category",
            _area(r, *category),
            _CENTER,
            font=FONT_INPUT_SMALL,
            value=last,
        )
        form.field(f"agenda_{n}_topic", _area(r, *topic), _WRAP, font=FONT_INPUT_LONG)
        form.field(f"agenda_{n}_remarks", _area(r, *remarks), _WRAP, font=FONT_INPUT_SMALL)
    return row + AGENDA_ROWS + 1


def _requests(form: _Form, row: int) -> int:
    """The 要望事項 / 措置・回答 table."""
    ws = form.ws
    request, response = (1, 18), (19, 36)
    ws.row_dimensions[row].height = _pt(_H_TABLE_HEAD)
    form.text(_area(row, *request), "要望事項")
    form.text(_area(row, *response), "措置・回答")
    for n in range(1, REQUEST_ROWS + 1):
        r = row + n
        ws.row_dimensions[r].height = _pt(_H_TABLE_ROW)
        form.field(f"request_{n}", _area(r, *request), _WRAP, font=FONT_INPUT_LONG)
        form.field(f"response_{n}", _area(r, *response), _WRAP, font=FONT_INPUT_LONG)
    return row + REQUEST_ROWS + 1


def _labelled_box(form: _Form, row: int, key: str, label: str, height: float) -> int:
    """A label in the left column and a wide input box beside it."""
    form.ws.row_dimensions[row].height = _pt(height)
    form.text(_area(row, *_LABEL), label)
    large = height > 2 * _H_FIELD
    form.field(
        key,
        _area(row, _LABEL[1] + 1, COLUMNS),
        _BOX if large else _WRAP,
        font=FONT_INPUT_LONG if large else FONT_INPUT,
    )
    return row + 1


def _body(form: _Form, row: int) -> int:
    """Everything below the header, framed by a heavier line; returns the last row."""
    first = row
    row = _meeting_fields(form, row)
    row = _agenda(form, row)
    row = _labelled_box(form, row, "discussion", "協議内容等", _H_DISCUSSION)
    row = _requests(form, row)
    # The label breaks after 参考事項 so that （写真添付） stays on one line.
    row = _labelled_box(form, row, "reference", "参考事項\n（写真添付）", _H_REFERENCE)
    row = _labelled_box(form, row, "officers", "出席警察官名", _H_OFFICERS)
    row = _labelled_box(form, row, "attachment", "別添", _H_ATTACHMENT)
    last = row - 1
    form.frame(_Area(first, 1, last, COLUMNS), _MEDIUM)
    return last


def _prompt(title: str, message: str, **kwargs: object) -> DataValidation:
    dv = DataValidation(allow_blank=True, showInputMessage=True, **kwargs)  # type: ignore[arg-type]
    dv.promptTitle = title
    dv.prompt = message
    if dv.type is not None:
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = title
    return dv


def _validations(ws: Worksheet, names: Mapping[str, str]) -> None:
    """Input rules and help texts; every rule applies to the top-left cell of its area."""
    rules: list[tuple[DataValidation, list[str]]] = []

    dv = _prompt(
        "開催日",
        "開催日を 2026/10/15 や R8.10.15 のように入力してください。和暦で表示されます。",
        type="date",
        operator="between",
        formula1=_DATE_MIN,
        formula2=_DATE_MAX,
    )
    dv.error = "日付を入力してください（2000/1/1～2099/12/31）。例：2026/10/15"
    rules.append((dv, ["date"]))

    for key, what in (("start_time", "開始"), ("end_time", "終了")):
        dv = _prompt(
            f"{what}時刻",
            f"{what}時刻を 14:00 のように24時間制で入力してください。",
            type="time",
            operator="between",
            formula1="0",
            formula2=_TIME_MAX,
        )
        dv.error = "時刻を 14:00 のように入力してください。"
        rules.append((dv, [key]))

    for key, who in (("police_attendees", "警察官"), ("civilian_attendees", "民間")):
        dv = _prompt(
            f"出席者数（{who}）",
            "出席した人数を数字で入力してください。",
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
        )
        dv.error = "人数は0以上の整数で入力してください。"
        rules.append((dv, [key]))

    dv = _prompt(
        "会議種別",
        "▼から「定期会議」か「臨時会議」を選んでください。",
        type="list",
        formula1='"' + ",".join(MEETING_TYPE_CHOICES) + '"',
    )
    dv.error = "「定期会議」か「臨時会議」を選んでください。"
    rules.append((dv, ["meeting_type"]))

    dv = _prompt(
        "区分",
        "▼から協議事項の区分を選んでください。",
        type="list",
        formula1='"' + ",".join(CATEGORIES) + '"',
    )
    dv.error = "区分は▼の一覧から選んでください。"
    rules.append((dv, [f"agenda_{n}_category" for n in range(1, AGENDA_ROWS + 1)]))

    helps = {
        "reporter": ("報告者", "階級と氏名を入力してください。例：巡査部長 山田太郎"),
        "phone": ("警電", "警察電話の番号を入力してください。"),
        "discussion": ("協議内容等", "協議の内容を入力してください。Alt+Enter で改行できます。"),
        "reference": ("参考事項", "写真はこの枠の中に貼り付けてください。"),
        "officers": ("出席警察官名", "出席した警察官の氏名を「、」で区切って入力してください。"),
        "attachment": ("別添", "添付する資料があれば、その名称を入力してください。"),
    }
    for key, (title, message) in helps.items():
        rules.append((_prompt(title, message), [key]))

    for dv, keys in rules:
        ws.add_data_validation(dv)
        for key in keys:
            dv.add(names[key])


def _print_setup(ws: Worksheet, last_row: int) -> None:
    """One A4 portrait page, centred."""
    ws.print_area = f"A1:{get_column_letter(COLUMNS)}{last_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(
        left=0.55, right=0.55, top=0.4, bottom=0.4, header=0.2, footer=0.2
    )


def _protect(ws: Worksheet) -> None:
    """Protect without a password; pictures may still be pasted and rows made taller."""
    ws.protection.sheet = True
    ws.protection.objects = False
    ws.protection.formatRows = False


def _meta(wb: openpyxl.Workbook, council_id: str | None) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    ws["A1"] = "template_version"
    ws[META_VERSION_CELL] = TEMPLATE_VERSION
    ws["A2"] = "council_id"
    # Text format also makes the cell exist in the file when it is empty.
    ws[META_COUNCIL_CELL].number_format = TEXT_FORMAT
    ws[META_COUNCIL_CELL] = council_id or None
    ws.protection.sheet = True
    props: CustomPropertyList = wb.custom_doc_props  # type: ignore[attr-defined]
    props.append(StringProperty(name=PROP_TEMPLATE_VERSION, value=TEMPLATE_VERSION))
    props.append(StringProperty(name=PROP_COUNCIL_ID, value=council_id or ""))


def _use_normal_font(wb: openpyxl.Workbook) -> None:
    """Make FONT_NORMAL the font of the Normal style (and so of the width unit).

    openpyxl has no public way to change the Normal style of a new workbook: its first
    font is the default of every cell, so the font list is replaced before any cell is
    styled.
    """
    wb._fonts = IndexedList([FONT_NORMAL])  # type: ignore[attr-defined]
    wb._named_styles["Normal"].font = FONT_NORMAL  # type: ignore[attr-defined]


def build_template(prefill: Prefill | None = None) -> openpyxl.Workbook:
    """Build the 開催結果報告書 workbook, optionally with what HQ knows of the council."""
    prefill = prefill or Prefill()
    wb = openpyxl.Workbook()
    _use_normal_font(wb)
    ws = wb.active
    assert ws is not None
    ws.title = TEMPLATE_SHEET
    for c in range(1, COLUMNS + 1):
        ws.column_dimensions[get_column_letter(c)].width = _width(COLUMN_MM)

    form = _Form(ws)
    last_row = _body(form, _header(form))
    form.finish()

    known = {
        "affiliation": prefill.affiliation,
        "facility_name": prefill.facility_name,
        "council_name": prefill.council_name,
    }
    for key, value in known.items():
        if value:
            ws[form.names[key]].value = value

    sheet = quote_sheetname(TEMPLATE_SHEET)
    for key, ref in form.names.items():
        col, row = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()  # type: ignore[union-attr]
        wb.defined_names[key] = DefinedName(key, attr_text=f"{sheet}!${col}${row}")

    _validations(ws, form.names)
    _print_setup(ws, last_row)
    _protect(ws)
    ws.sheet_view.showGridLines = False
    ws.sheet_view.zoomScale = 100
    first_input = form.names["affiliation"]
    ws.sheet_view.selection[0].activeCell = first_input
    ws.sheet_view.selection[0].sqref = first_input

    _meta(wb, prefill.council_id)
    wb.properties.creator = "kyogikai"
    wb.properties.title = TITLE
    wb.properties.created = PINNED_DATETIME
    wb.properties.modified = PINNED_DATETIME
    return wb


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    """Serialise `wb` keeping its pinned dates and giving every zip member one timestamp.

    `openpyxl.Workbook.save` stamps the current time into the core properties; writing
    through `ExcelWriter` does not, so equal workbooks give equal bytes.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    stamp = PINNED_DATETIME.timetuple()[:6]
    with (
        zipfile.ZipFile(raw) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, src.read(info))
    return out.getvalue()


def template_bytes(prefill: Prefill | None = None) -> bytes:
    """The template as the bytes of an .xlsx file."""
    return workbook_bytes(build_template(prefill))


def write_template(path: Path, prefill: Prefill | None = None) -> None:
    """Write the template to `path` atomically, creating its folder."""
    write_atomic(path, template_bytes(prefill))


_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?")


def safe_file_name(text: str) -> str:
    """`text` usable as one Windows file or folder name.

    Characters Windows forbids become `_`; trailing dots and spaces (which Windows drops)
    are removed, and device names such as `CON` get a `_` so they are plain names.
    """
    name = _ILLEGAL.sub("_", text).rstrip(". ")
    if not name:
        return "_"
    if _RESERVED.fullmatch(name):
        return name + "_"
    return name


def template_path_for(out_dir: Path, station: str, facility: str, council: str) -> Path:
    """Where the template of one council goes: `out_dir/<警察署>/<施設名>_<協議会名>.xlsx`."""
    return out_dir / safe_file_name(station) / (safe_file_name(f"{facility}_{council}") + ".xlsx")


def fill_by_names(src: Path, dst: Path, values: Mapping[str, object]) -> None:
    """Fill a template by its defined names and save the result atomically to `dst`.

    Each key of `values` is a workbook-scoped defined name; its value (text, number, date,
    time or None) goes into the cell the name points at, keeping that cell's number format.
    Text is always stored as text, also when it starts with "="; "" empties the cell.
    Unknown names raise KeyError.
    """
    wb = openpyxl.load_workbook(src)
    for key, value in values.items():
        if key not in wb.defined_names:
            raise KeyError(key)
        ((sheet, ref),) = list(wb.defined_names[key].destinations)
        cell = wb[sheet][ref.replace("$", "")]
        if isinstance(value, bool) or not isinstance(
            value, str | int | float | date | time | type(None)
        ):
            raise TypeError(f"{key}: cannot write {type(value).__name__}")
        cell.value = value if value != "" else None
        if isinstance(value, str) and value:
            cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    write_atomic(dst, out.getvalue())


if __name__ == "__main__":  # pragma: no cover - regenerates the committed blank
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("workbook_templates") / BLANK_NAME
    write_template(target)
    print(target)
