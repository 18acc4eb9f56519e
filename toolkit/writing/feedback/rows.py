"""The findings of a checked file as the numbered lines of the 確認事項 list, and what the
list says about the copy besides them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from toolkit.catalogue.reading import HQ_ONLY
from toolkit.cells import Cell
from toolkit.findings import Finding, Severity, asks_correction
from toolkit.results import Checked, FileResult

SEVERITY_JA = {Severity.ERROR: "誤り", Severity.WARNING: "警告"}
ERROR_COLOR = "FFFFC7CE"  # Excel's light red of the "Bad" cell style
WARNING_COLOR = "FFFFEB9C"  # Excel's light amber of the "Neutral" cell style


@dataclass(frozen=True)
class Row:
    """One line of the 確認事項 list."""

    number: int
    severity: Severity
    sheet: str | None
    cell: Cell | None  # the finding's cell on `sheet`, or None for the report or file
    field: str | None
    message: str

    @property
    def color(self) -> str:
        return ERROR_COLOR if self.severity is Severity.ERROR else WARNING_COLOR


@dataclass
class Context:
    """What the list sheet says about the file besides the findings."""

    result: FileResult
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    kind: str = "annotated"  # "annotated" | "values" | "list"
    letter: Letter | None = None


@dataclass(frozen=True)
class Letter:
    """Who returns the copy, on which day, and by when the corrected report is due."""

    sender: str
    day: date
    due: date
    contact: str = ""
    phone: str = ""


def rows_of(result: FileResult) -> list[Row]:
    """Every finding of the file that asks the station to correct its report (not request
    follow-up, nor what HQ settles: `findings.asks_correction`), numbered from 1. How HQ
    read the file (`HQ_ONLY`) is HQ's matter at any severity: those findings stay at HQ."""
    rows: list[Row] = []
    for checked in result.reports:
        for f in checked.findings:
            if f.code in HQ_ONLY or not asks_correction(f):
                continue
            sheet, cell = _position(f, checked)
            rows.append(Row(len(rows) + 1, f.severity, sheet, cell, f.field, f.message))
    return rows


def _position(f: Finding, checked: Checked) -> tuple[str | None, Cell | None]:
    """The sheet a finding is about, and its cell there; a finding without a cell is
    about its report's sheet."""
    if f.cell is None:
        return checked.sheet, None
    sheet = f.cell.sheet or checked.sheet
    return sheet, f.cell._replace(sheet=sheet or "")
