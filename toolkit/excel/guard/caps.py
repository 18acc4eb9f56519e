"""The caps a file must fit, and the refusal it gets when it does not.

Every check of the guard raises `Unreadable` with a findings code; the wording helpers
here keep the Japanese details of those refusals alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.findings import CATALOGUE

DANGEROUS_XML = "XMLに危険な定義（エンティティ）が含まれています"


class Unreadable(Exception):
    """The file cannot be read; `code` is a findings.CATALOGUE F1.* code, `detail` a short
    Japanese explanation that fills the `{detail}` of the finding's message."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in CATALOGUE:
            raise ValueError(f"unknown finding code {code!r}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    """Caps applied before and while a file is read. Defaults suit report workbooks."""

    max_file_bytes: int = 64 * 2**20
    max_total_uncompressed: int = 256 * 2**20
    max_member_uncompressed: int = 128 * 2**20
    max_ratio: float = 100.0
    ratio_applies_above: int = 2**20  # small parts may compress extremely well (empty XML)
    max_members: int = 5000
    max_sheet_cells: int = 4_000_000  # bounding box (rows × cols) of the cells present
    max_directory_bytes: int = 4 * 2**20  # zip central directory, checked before parsing it
    max_xml_bytes: int = 16 * 2**20  # what `safe_xml` builds a tree from
    max_spin_count: int = 1_000_000  # password hashing rounds of an encrypted OOXML file


DEFAULT_LIMITS = Limits()


def check_area(sheet: str, rows: int, cols: int, limits: Limits) -> None:
    """Refuse a sheet whose cells spread over more than `max_sheet_cells` (F1.too-large)."""
    if rows * cols > limits.max_sheet_cells:
        where = f"シート「{short(sheet)}」" if sheet else "シート"
        raise Unreadable(
            "F1.too-large",
            f"{where}の入力が {rows:,} 行 × {cols:,} 列の範囲に広がっています",
        )


def size_text(n: int) -> str:
    """A byte count as people read it (`12 MB`)."""
    if n >= 2**30:
        return f"{n / 2**30:.1f} GB"
    if n >= 2**20:
        return f"{n / 2**20:.0f} MB"
    if n >= 2**10:
        return f"{n / 2**10:.0f} KB"
    return f"{n} バイト"


def short(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters (with …), for a part name quoted in a detail."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
