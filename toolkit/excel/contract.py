"""The template's fixed values: its version, sheet names, the `_meta` cells and document
properties that identify it, table sizes, number formats and printed choices.

Changing one that shows in the workbook needs a new `TEMPLATE_VERSION` and a regenerated
canonical blank.
"""

from __future__ import annotations

from datetime import datetime

TEMPLATE_VERSION = "2026.2"
AGENDA_ROWS = 6
REQUEST_ROWS = 5
TEMPLATE_SHEET = "報告書"
# The 続紙 (continuation sheet): rows that continue the tables' numbering, and the rest of
# 協議内容等 (`discussion_more`, read as the continuation of `discussion`).
CONTINUATION_SHEET = "続紙"
AGENDA_MORE_ROWS = 6
REQUEST_MORE_ROWS = 7
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

MEETING_TYPE_CHOICES = ("定期会議", "臨時会議")
STAMP_LABELS = ("署　長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係")

# The type size (pt) of what is typed in each kind of box, by canonical key (table rows by
# their key without the number): with a box's size it tells how much text prints in it.
INPUT_FONT_PT = {
    "discussion": 10.0,
    "discussion_more": 10.0,
    "reference": 10.0,
    "agenda_topic": 10.0,
    "request": 10.0,
    "response": 10.0,
    "officers": 10.5,
}
