"""The proof workbook's contract (読取確認): the sheet `読取結果` that `kyogikai layout`
writes and `kyogikai layout --confirm` reads back, shared by both wings.

The sheet holds, under an explanation, one table with the columns of SPEC.md ("Layouts HQ
confirms"): キー (the template contract's names), 項目, セル, 読み取った値, 正しいセル. To its
right, outside the printed area, a second table says what identifies the layout: its ID,
the sheet, the sheet's extent, how a report repeats on the sheet, and the printed words
(labels) at their cells. `--confirm` reads only this sheet's values, so a proof saved by
any program that keeps cell values still confirms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.cells import column_letter
from toolkit.labels import PRINTED
from toolkit.model import SCALAR_KEYS, TEXT_KEYS

PROOF_SHEET = "読取結果"
OUTPUT_KIND = "proof"  # the proof's `kyogikai-output` property
FILE_SUFFIX = "_読取確認.xlsx"

COLUMNS = ("キー", "項目", "セル", "読み取った値", "正しいセル")
KEY, LABEL, CELL, VALUE, CORRECT = range(5)
NONE_WORD = "なし"

# The identification table: its title over three columns (what, cell, text).
IDENT_TITLE = "照合用（様式を見分けるための情報。「繰り返し」のほかは変更しないでください）"
IDENT_COLUMNS = ("種類", "セル", "内容")
IDENT_FIRST_COL = 6  # column G
IDENT_ID = "様式ID"
IDENT_SHEET = "シート"
IDENT_EXTENT = "シートの範囲"
IDENT_REPEAT = "繰り返し"
IDENT_LABEL = "印字"
IDENT_PREFIX = "印字（前置き）"  # a label written before its value in the same cell
IDENT_BOX = "枠"
IDENT_LEGEND = "区分の凡例"  # 区分 written as codes, explained by the legend printed here
IDENT_SOURCE = "元のファイル"
REPEAT_NONE = "なし"

# Every single-cell key of the template contract, in the order of the form (別添 too: the
# template names its box, and the record notes it).
FIELD_KEYS: tuple[str, ...] = (*SCALAR_KEYS, *TEXT_KEYS, "officers", "attachment")
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "agenda": ("category", "topic", "remarks"),
    "requests": ("request", "response"),
}
# The column that makes a table row: a row without it is no row.
MAIN_COLUMN = {"agenda": "topic", "requests": "request"}

_AGENDA_KEY = re.compile(r"agenda_([0-9]{1,3})_(category|topic|remarks)")
_REQUEST_KEY = re.compile(r"(request|response)_([0-9]{1,3})")


def row_key(table: str, n: int, column: str) -> str:
    """The contract's name of a table cell: `agenda_2_topic`, `request_3`, `response_3`."""
    if table == "agenda":
        return f"agenda_{n}_{column}"
    return f"{column}_{n}"


def parse_key(key: str) -> tuple[str, int, str] | None:
    """(table, row number, column) of a table key; ("", 0, key) of a field key; None for a
    name that is not the contract's."""
    if key in FIELD_KEYS:
        return "", 0, key
    m = _AGENDA_KEY.fullmatch(key)
    if m is not None and int(m.group(1)) >= 1:
        return "agenda", int(m.group(1)), m.group(2)
    m = _REQUEST_KEY.fullmatch(key)
    if m is not None and int(m.group(2)) >= 1:
        return "requests", int(m.group(2)), m.group(1)
    return None


def key_label(key: str) -> str:
    """The 項目 of a key, as the form prints it: 所属, 協議事項3 区分, 要望事項2."""
    parsed = parse_key(key)
    if parsed is None:
        return key
    table, n, column = parsed
    if not table:
        return PRINTED[column]
    if table == "agenda":
        return f"協議事項{n} {PRINTED[column]}" if column != "topic" else f"協議事項{n}"
    return f"{PRINTED[column]}{n}"


_REPEAT = re.compile(r"(下|右)へ?\s*([0-9０-９]{1,4})\s*(行|列)(?:ごと|おき|毎)?")


# A register whose meetings take different numbers of rows: each starts where a box of
# one column starts (「下へ A列の枠ごと」).
_REPEAT_BY = re.compile(r"(?:下へ?\s*)?([A-Z]{1,3})\s*列の?(?:枠|欄|セル|値)?(?:ごと|毎)")


def repeat_text(rows: int, cols: int, by: int | None = None) -> str:
    """How a report repeats on the sheet, as the proof writes it."""
    if by is not None:
        return f"下へ {column_letter(by)}列の枠ごと"
    if rows:
        return f"下へ {rows}行ごと"
    if cols:
        return f"右へ {cols}列ごと"
    return REPEAT_NONE


def parse_repeat(text: str) -> tuple[int, int] | None:
    """(rows, cols) of a repeat text ("下へ 40行ごと", "右へ 12列ごと", "なし"); None when
    it cannot be read."""
    import unicodedata

    flat = unicodedata.normalize("NFKC", text).strip()
    if flat in ("", REPEAT_NONE, "-"):
        return 0, 0
    m = _REPEAT.fullmatch(flat)
    if m is None:
        return None
    n = int(m.group(2))
    if n < 1:
        return None
    return (n, 0) if m.group(1) == "下" else (0, n)


def parse_repeat_column(text: str) -> int | None:
    """The column (0-based) of a repeat text that starts a report at each box of a column
    ("下へ A列の枠ごと"); None for any other text."""
    import unicodedata

    m = _REPEAT_BY.fullmatch(unicodedata.normalize("NFKC", text).strip().upper())
    if m is None:
        return None
    n = 0
    for ch in m.group(1):
        n = n * 26 + ord(ch) - 64
    return n - 1


# --- what a proof holds (made by reading, written by writing) ----------------------------

Box = tuple[int, int, int, int]  # r0, c0, r1, c1; 0-based, inclusive

# How a mark on the station's sheet is coloured: a field, a row of a table, unread text.
MARK_KINDS = ("field", "agenda", "requests", "unread")


@dataclass(frozen=True)
class Mark:
    """Cells of the station's sheet to colour, with the comment on their first cell."""

    box: Box
    kind: str  # one of MARK_KINDS
    text: str
    sheet: str | None = None  # another sheet of the workbook; None: the report's sheet


@dataclass(frozen=True)
class ProofBook:
    """Everything a proof workbook shows, as plain values."""

    source: str  # the station's file, as shown
    sheet: str  # its report sheet, copied into the proof
    format: str  # xlsx, xlsm, xls, ods
    layout_id: str
    rows: tuple[tuple[str, str, str, str], ...]  # キー, 項目, セル, 読み取った値
    ident: tuple[tuple[str, str, str], ...]  # 種類, セル, 内容
    marks: tuple[Mark, ...] = ()
    same_layout: tuple[str, ...] = ()  # other sheets read in this layout: 「file」シート
    # The sheet as the reader saw it (text boxes laid over their cells), for a format whose
    # formatting cannot be copied: its values by row and its merged boxes.
    values: tuple[tuple[object, ...], ...] = ()
    merges: tuple[Box, ...] = ()

    @property
    def values_only(self) -> bool:
        """The station's sheet can only be copied as values (a format openpyxl cannot
        read with its formatting)."""
        return self.format not in ("xlsx", "xlsm")
