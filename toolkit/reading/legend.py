"""区分 written as a code (1–4, ①–④, ア–エ) and explained by a legend printed on the sheet.

Stations save room in the 区分 column by writing a number and printing what the numbers
mean once, under the table or in a ※ note: 「※区分欄は、1 交番等の活動状況　2 地域住民等に
身近な事件・事故等の発生状況 …の番号を記入」. A code is read through the legend of its own
sheet, never through a guess: without a legend it stays as written (and the rules say the
区分 is unknown). Each code read through the legend says so, naming its cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from toolkit.model import ReadNote
from toolkit.normalize import canonical_category
from toolkit.raw import RawCell, RawReport

_MARK = re.compile(
    r"(?:^|(?<=[\s、,，:：;；（(）)】=＝/／]))"
    r"(?P<code>[①-⑳]|[0-9]{1,2}|[アイウエオ]|[A-Da-d])"
    r"\s*(?:[.．、,:：)）=＝]\s*|\s+|(?=[^\s0-9A-Za-z]))"
)
_CODE = re.compile(r"^\s*[(（]?\s*(?P<code>[①-⑳]|[0-9]{1,2}|[アイウエオ]|[A-Da-d])\s*[)）.．]?\s*$")


def code_of(value: object) -> str | None:
    """The code a 区分 cell holds (「2」「②」「(2)」「イ」, or the number 2), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() and 0 < value < 21 else None
    if not isinstance(value, str) or len(value) > 6:
        return None
    m = _CODE.match(unicodedata.normalize("NFKC", value))
    return m.group("code").upper() if m else None


def is_legend(value: object) -> bool:
    """Whether a text is a legend of the 区分 codes (「区分：1 交番等の活動状況　2 …」)."""
    if not isinstance(value, str) or len(value) > 300 or not _MARK.search(value):
        return False
    return len(_pairs(unicodedata.normalize("NFKC", value))) >= 2


def find_legend(
    texts: Iterable[tuple[tuple[int, int], object]],
) -> tuple[dict[str, str], set[tuple[int, int]]]:
    """The codes of a legend printed on the sheet → category, and the cells it is printed
    in: one cell naming two or more codes, or cells of one code each."""
    legend: dict[str, str] = {}
    cells: set[tuple[int, int]] = set()
    for pos, value in texts:
        if not isinstance(value, str) or len(value) > 300 or not _MARK.search(value):
            continue
        found = _pairs(unicodedata.normalize("NFKC", value))
        if found:
            cells.add(pos)
            for code, category in found:
                legend.setdefault(code, category)
    if len(legend) < 2:
        return {}, set()
    return legend, cells


def _pairs(text: str) -> list[tuple[str, str]]:
    marks = list(_MARK.finditer(text))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        words = re.split(r"[　\s]{2,}|[。,，]", text[m.end() : end].strip())[0]
        category = canonical_category(words.strip())
        if category is not None and len(words) <= 40:
            out.append((m.group("code").upper(), category))
    return out


def apply_legend(raw: RawReport, legend: dict[str, str]) -> None:
    """Read the 区分 codes of the report's agenda through the sheet's legend."""
    for i, (category, topic, remarks) in enumerate(raw.agenda):
        code = code_of(category.value)
        if code is None or code not in legend or category.cell is None:
            continue
        name = legend[code]
        raw.agenda[i] = (RawCell(name, category.cell), topic, remarks)
        raw.notes.append(
            ReadNote(
                "I1.legend",
                "agenda",
                category.cell,
                (
                    ("found", str(category.value).strip()),
                    ("where", category.cell.a1),
                    ("category", name),
                ),
            )
        )
