"""The sections of the form from top to bottom: header, meeting fields, agenda, 協議内容等,
requests and the boxes below them."""

from __future__ import annotations

from openpyxl.styles import Alignment

from toolkit.excel.contract import (
    AGENDA_MORE_ROWS,
    AGENDA_ROWS,
    COUNT_FORMAT,
    DATE_FORMAT,
    REQUEST_MORE_ROWS,
    REQUEST_ROWS,
    STAMP_LABELS,
    TEXT_FORMAT,
    TIME_FORMAT,
    TITLE,
)
from toolkit.model import CATEGORIES
from toolkit.writing.template.form import (
    BOX,
    CENTER,
    COLUMNS,
    FONT_INPUT,
    FONT_INPUT_LONG,
    FONT_INPUT_SMALL,
    FONT_LABEL,
    FONT_SMALL,
    FONT_TITLE,
    LEFT,
    LINE,
    MEDIUM,
    WRAP,
    Area,
    Form,
    area,
    row_height,
)

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
_H_DISCUSSION_MORE = 90.0
_H_OFFICERS = 9.0
_H_ATTACHMENT = 7.5

# Column spans (1-based, inclusive) of the boxes that share a vertical line.
_LABEL = (1, 5)  # 25 mm: the left label column of the body
_LEFT_VALUE = (6, 21)  # 80 mm
_RIGHT_LABEL = (22, 25)  # 20 mm
_RIGHT_VALUE = (26, 36)  # 55 mm


def header(form: Form) -> int:
    """Form number, addressee, title, 所属 block and stamp boxes; returns the next row."""
    ws = form.ws
    heights = [_H_FORM_NO, _H_ADDRESSEE, _H_TITLE, _H_GAP]
    for r, h in enumerate(heights, start=1):
        ws.row_dimensions[r].height = row_height(h)
    form.text(area(1, 1, 16), "別記様式（２の(9)関係）", FONT_SMALL, LEFT, framed=False)
    form.text(area(2, 1, 16), "地域指導係宛", FONT_LABEL, LEFT, framed=False)
    form.text(area(3, 1, COLUMNS), TITLE, FONT_TITLE, CENTER, framed=False)

    top = 5
    ws.row_dimensions[top].height = row_height(_H_STAMP_LABEL)
    ws.row_dimensions[top + 1].height = row_height(_H_STAMP_HALF)
    ws.row_dimensions[top + 2].height = row_height(_H_STAMP_HALF)
    for i, (key, label) in enumerate(
        (("affiliation", "所　属"), ("reporter", "報告者"), ("phone", "警　電"))
    ):
        form.text(area(top + i, 1, 3), label)
        number_format = TEXT_FORMAT if key == "phone" else None
        form.field(key, area(top + i, 4, 11), LINE, number_format=number_format)
    for i, label in enumerate(STAMP_LABELS):
        first = 13 + 4 * i
        form.text(area(top, first, first + 3), label, FONT_SMALL)
        form.box(area(top + 1, first, first + 3, top + 2))
    ws.row_dimensions[top + 3].height = row_height(_H_HEADER_GAP)
    return top + 4


def manager_line(form: Form, manager: str) -> None:
    """The council's 運営責任者 from the registry, printed at the right of the addressee
    line: HQ's information for the box, not an input (the form has no box for it)."""
    align = Alignment(horizontal="right", vertical="center", shrink_to_fit=True)
    form.text(area(2, 17, COLUMNS), f"運営責任者　{manager}", FONT_SMALL, align, framed=False)


def _meeting_fields(form: Form, row: int) -> int:
    """協議会名 … 会議種別: three rows of two label/value pairs."""
    ws = form.ws
    for r in range(row, row + 3):
        ws.row_dimensions[r].height = row_height(_H_FIELD)
        form.frame(area(r, _LEFT_VALUE[0], _LEFT_VALUE[1]))

    form.text(area(row, *_LABEL), "協議会名")
    form.field("council_name", area(row, *_LEFT_VALUE), LINE)
    form.text(area(row, *_RIGHT_LABEL), "施設名")
    form.field("facility_name", area(row, *_RIGHT_VALUE), LINE)

    row += 1
    form.text(area(row, *_LABEL), "開催日時")
    date_align = Alignment(horizontal="left", vertical="center", indent=1)
    form.field("date", area(row, 6, 14), date_align, number_format=DATE_FORMAT)
    time_align = Alignment(horizontal="center", vertical="center")
    form.field("start_time", area(row, 15, 17), time_align, number_format=TIME_FORMAT)
    form.text(area(row, 18, 18), "～", framed=False)
    form.field("end_time", area(row, 19, 21), time_align, number_format=TIME_FORMAT)
    form.text(area(row, *_RIGHT_LABEL), "開催場所")
    form.field("venue", area(row, *_RIGHT_VALUE), LINE)

    row += 1
    form.text(area(row, *_LABEL), "出席者数")
    count = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
    form.text(area(row, 6, 8), "警察官", framed=False)
    form.field("police_attendees", area(row, 9, 11), count, number_format=COUNT_FORMAT)
    form.text(area(row, 12, 12), "人", framed=False)
    form.text(area(row, 13, 14), "民間", framed=False)
    form.field("civilian_attendees", area(row, 15, 17), count, number_format=COUNT_FORMAT)
    form.text(area(row, 18, 18), "人", framed=False)
    form.text(area(row, *_RIGHT_LABEL), "会議種別")
    choice = Alignment(horizontal="center", vertical="center")
    form.field("meeting_type", area(row, *_RIGHT_VALUE), choice)
    return row + 1


def _agenda(form: Form, row: int, first: int = 1, rows: int = AGENDA_ROWS) -> int:
    """The 区分 / 協議事項 / 備考 table, rows `first`…; on the form itself the last 区分
    is printed as その他."""
    ws = form.ws
    category, topic, remarks = (1, 10), (11, 29), (30, 36)
    ws.row_dimensions[row].height = row_height(_H_TABLE_HEAD)
    form.text(area(row, *category), "区分")
    form.text(area(row, *topic), "協議事項")
    form.text(area(row, *remarks), "備考")
    for i in range(rows):
        n, r = first + i, row + 1 + i
        ws.row_dimensions[r].height = row_height(_H_TABLE_ROW)
        last = CATEGORIES[-1] if n == AGENDA_ROWS else None
        form.field(
            f"agenda_{n}_category",
            area(r, *category),
            CENTER,
            font=FONT_INPUT_SMALL,
            value=last,
        )
        form.field(f"agenda_{n}_topic", area(r, *topic), WRAP, font=FONT_INPUT_LONG)
        form.field(f"agenda_{n}_remarks", area(r, *remarks), WRAP, font=FONT_INPUT_SMALL)
    return row + rows + 1


def _requests(form: Form, row: int, first: int = 1, rows: int = REQUEST_ROWS) -> int:
    """The 要望事項 / 措置・回答 table, rows `first`…."""
    ws = form.ws
    request, response = (1, 18), (19, 36)
    ws.row_dimensions[row].height = row_height(_H_TABLE_HEAD)
    form.text(area(row, *request), "要望事項")
    form.text(area(row, *response), "措置・回答")
    for i in range(rows):
        n, r = first + i, row + 1 + i
        ws.row_dimensions[r].height = row_height(_H_TABLE_ROW)
        form.field(f"request_{n}", area(r, *request), WRAP, font=FONT_INPUT_LONG)
        form.field(f"response_{n}", area(r, *response), WRAP, font=FONT_INPUT_LONG)
    return row + rows + 1


def _labelled_box(form: Form, row: int, key: str, label: str, height: float) -> int:
    """A label in the left column and a wide input box beside it."""
    form.ws.row_dimensions[row].height = row_height(height)
    form.text(area(row, *_LABEL), label)
    large = height > 2 * _H_FIELD
    form.field(
        key,
        area(row, _LABEL[1] + 1, COLUMNS),
        BOX if large else WRAP,
        font=FONT_INPUT_LONG if large else FONT_INPUT,
    )
    return row + 1


def body(form: Form, row: int) -> int:
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
    form.frame(Area(first, 1, last, COLUMNS), MEDIUM)
    return last


def continuation(form: Form) -> int:
    """The 続紙: more 協議事項 and 要望事項 rows and the rest of 協議内容等, for what does
    not fit the form; it prints as a page of its own. Returns the last row."""
    ws = form.ws
    for r, h in enumerate((_H_FORM_NO, _H_TITLE, _H_FIELD, _H_GAP), start=1):
        ws.row_dimensions[r].height = row_height(h)
    form.text(area(1, 1, 16), "別記様式（２の(9)関係）", FONT_SMALL, LEFT, framed=False)
    form.text(area(2, 1, COLUMNS), f"{TITLE}（続紙）", FONT_TITLE, CENTER, framed=False)
    note = "報告書の枠に書ききれないときに続きを書き、報告書と一緒に印刷して提出してください。"
    form.text(area(3, 1, COLUMNS), note, FONT_SMALL, LEFT, framed=False)
    first = 5
    row = _agenda(form, first, AGENDA_ROWS + 1, AGENDA_MORE_ROWS)
    row = _labelled_box(form, row, "discussion_more", "協議内容等\n（続き）", _H_DISCUSSION_MORE)
    row = _requests(form, row, REQUEST_ROWS + 1, REQUEST_MORE_ROWS)
    last = row - 1
    form.frame(Area(first, 1, last, COLUMNS), MEDIUM)
    return last
