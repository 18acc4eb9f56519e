"""What a value looks like in a table cell, whether the table is written cell by cell
(`book`) or streamed (`rows`): blanks, status colours, wrapping and the lines a wrapped
text takes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from toolkit.text import display_width, wrapped_lines

MAX_TEXT = 32_000  # characters of a report's text kept in a cell
XLSX_MAX_UTF16 = 32_767  # what a cell holds, in UTF-16 units
LINE_HEIGHT = 13.5  # points per line of 10 pt text
STATUS_COLUMNS = frozenset(
    {"計画の状況", "年度内定期会議", "状況", "重大度", "点検結果", "提出状況", "長期", "扱い"}
)
_RED_WORDS = ("未提出", "年度内未実施", "未回答", "誤り", "読取不可", "督促", "長期", "取下げ")
_AMBER_WORDS = ("警告", "対応中", "計画なし", "未整理")
_GREEN_WORDS = ("提出済", "実施済", "回答済", "正常", "計画どおり", "集計に使用")
_BLUE_WORDS = ("問題解決活動",)


@dataclass
class Column:
    name: str
    kind: str  # "text" | "number" | "date" | "month" | "percent"
    values: list[Any]
    width: float
    wrap: bool = False
    printed: bool = True


def missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` units wide (estimate, measured by
    rendering: a cell loses about a unit to its padding, and full-width characters of the
    10 pt font take a little less than two units each)."""
    return wrapped_lines(text, max((width - 0.5) * 1.15, 1.0))


def tone(column: str, value: str) -> str | None:
    """The colour of a status word (red: act, amber: look, green: done)."""
    if column in STATUS_COLUMNS:
        if value.startswith(_RED_WORDS):
            return "red"
        if value.startswith(_AMBER_WORDS):
            return "amber"
        if value.startswith(_GREEN_WORDS):
            return "green"
        if value.startswith(_BLUE_WORDS):
            return "blue"
    elif column == "備考" and ("名簿外" in value or "遅れ" in value or "候補" in value):
        return "amber"
    return None


def wraps(column: Column, text: str) -> bool:
    """Whether `text` needs wrapping in `column`. A character is at most 2 columns wide:
    most texts need no measuring."""
    room = column.width - 1.5
    return column.wrap and ("\n" in text or (len(text) * 2 > room and display_width(text) > room))


def fit_cell(text: str, limit: int) -> str:
    """`text` cut to what a cell keeps (`limit` characters, and 32,767 UTF-16 units, so a
    text of emoji is cut too), with a note when cut."""
    note = "…（以下省略）"
    if len(text) > limit:
        text = text[:limit] + note
    if len(text) * 2 > XLSX_MAX_UTF16:
        units = text.encode("utf-16-le")
        if len(units) // 2 > XLSX_MAX_UTF16:
            room = XLSX_MAX_UTF16 - len(note)
            text = units[: room * 2].decode("utf-16-le", errors="ignore") + note
    return text
