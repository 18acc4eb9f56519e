"""What the sheet gets after its boxes: input rules and help texts, the print setup,
protection, the hidden `_meta` sheet and the Normal font."""

from __future__ import annotations

from collections.abc import Mapping

import openpyxl
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import CustomPropertyList, StringProperty
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.excel.contract import (
    MEETING_TYPE_CHOICES,
    META_COUNCIL_CELL,
    META_SHEET,
    META_VERSION_CELL,
    PROP_COUNCIL_ID,
    PROP_TEMPLATE_VERSION,
    TEMPLATE_VERSION,
    TEXT_FORMAT,
)
from toolkit.model import CATEGORIES
from toolkit.writing.template.form import COLUMNS, FONT_NORMAL, Area

# Serial numbers of the date bounds accepted by the 開催日 validation.
_DATE_MIN = "36526"  # 2000-01-01
_DATE_MAX = "73415"  # 2099-12-31
_TIME_MAX = "0.999988425925926"  # 23:59:59


def _prompt(title: str, message: str, **kwargs: object) -> DataValidation:
    dv = DataValidation(allow_blank=True, showInputMessage=True, **kwargs)  # type: ignore[arg-type]
    dv.promptTitle = title
    dv.prompt = message
    if dv.type is not None:
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = title
    return dv


def add_validations(
    ws: Worksheet, names: Mapping[str, Area], limits: Mapping[str, int] | None = None
) -> None:
    """Input rules and help texts for the boxes of `names` on `ws`; every rule applies to
    the top-left cell of its area. `limits` are the characters that print in a box: more
    and Excel warns as the officer types, and the box turns red (the text would be cut on
    paper)."""
    limits = limits or {}
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
    rules.append((dv, [k for k in names if k.startswith("agenda_") and k.endswith("_category")]))

    helps = {
        "reporter": ("報告者", "階級と氏名を入力してください。例：巡査部長 山田太郎"),
        "phone": ("警電", "警察電話の番号を入力してください。"),
        "discussion": ("協議内容等", "協議の内容を入力してください。Alt+Enter で改行できます。"),
        "reference": ("参考事項", "写真はこの枠の中に貼り付けてください。"),
        "officers": ("出席警察官名", "出席した警察官の氏名を「、」で区切って入力してください。"),
        "attachment": ("別添", "添付する資料があれば、その名称を入力してください。"),
    }
    helps["discussion_more"] = (
        "協議内容等（続き）",
        "報告書の「協議内容等」の続きを入力してください。",
    )
    for key, (title, message) in helps.items():
        if key in limits:
            rules.append((_too_long(title, message, limits[key]), [key]))
        else:
            rules.append((_prompt(title, message), [key]))
    for key, limit in limits.items():
        if key not in helps:
            rules.append((_too_long(_TABLE_TITLES.get(key.split("_")[0], ""), "", limit), [key]))
        _mark_too_long(ws, names[key], limit)

    for dv, keys in rules:
        present = [names[key].ref for key in keys if key in names]
        if present:
            ws.add_data_validation(dv)
            for ref in present:
                dv.add(ref)


_TABLE_TITLES = {"agenda": "協議事項", "request": "要望事項", "response": "措置・回答"}
_TOO_LONG_FILL = PatternFill(fill_type="solid", fgColor="FFF4B6B6", bgColor="FFF4B6B6")


def _too_long(title: str, message: str, limit: int) -> DataValidation:
    """A help text that also warns (and lets the officer go on) past `limit` characters."""
    dv = _prompt(title, message, type="textLength", operator="lessThanOrEqual", formula1=str(limit))
    dv.errorStyle = "warning"
    dv.error = (
        f"印刷すると枠に収まらず、文字が切れます（この枠は約{limit}字まで）。"
        "続きは「続紙」のシートに書いてください。"
    )
    return dv


def _mark_too_long(ws: Worksheet, area: Area, limit: int) -> None:
    """The box turns red while its text is longer than what prints in it."""
    rule = FormulaRule(formula=[f"LEN({area.ref})>{limit}"], fill=_TOO_LONG_FILL)
    ws.conditional_formatting.add(area.range, rule)


def set_up_printing(ws: Worksheet, last_row: int) -> None:
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


def protect(ws: Worksheet) -> None:
    """Protect without a password; pictures may still be pasted and rows made taller."""
    ws.protection.sheet = True
    ws.protection.objects = False
    ws.protection.formatRows = False


def add_meta_sheet(wb: openpyxl.Workbook, council_id: str | None) -> None:
    """The hidden `_meta` sheet and the custom properties that identify the template."""
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


def use_normal_font(wb: openpyxl.Workbook) -> None:
    """Make FONT_NORMAL the font of the Normal style (and so of the width unit).

    openpyxl has no public way to change the Normal style of a new workbook: its first
    font is the default of every cell, so the font list is replaced before any cell is
    styled.
    """
    wb._fonts = IndexedList([FONT_NORMAL])  # type: ignore[attr-defined]
    wb._named_styles["Normal"].font = FONT_NORMAL  # type: ignore[attr-defined]
