"""What issue 20 asked of the printed summary and roster, read from the workbooks as
written: a long 協議会名 of 年度実施状況 wraps onto a row tall enough for it, a wrapped roster
指摘 row has room for each of its lines, and グラフ's requests table starts the second
printed page with its chart instead of leaving a few stray rows on the first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from golden.outputs import roster_workbook, summary_workbook

from toolkit.text import display_width
from toolkit.writing.summary.style import LINE_HEIGHT, lines_needed

PADDING = 0.71  # what xlsxwriter adds to a column's width in the file


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    return openpyxl.load_workbook(summary_workbook(tmp_path_factory.mktemp("summary")))


def _header(ws: object, first: str) -> int:
    return next(r for r in range(1, 10) if ws.cell(r, 1).value == first)  # type: ignore[attr-defined]


def test_a_long_council_name_of_the_yearly_grid_wraps_onto_a_taller_row(
    summary: openpyxl.Workbook,
) -> None:
    ws = summary["年度実施状況"]
    head = _header(ws, "警察署")
    col = [c.value for c in ws[head]].index("協議会名") + 1
    letter = openpyxl.utils.get_column_letter(col)
    width = ws.column_dimensions[letter].width - PADDING
    long_names = 0
    for r in range(head + 1, ws.max_row + 1):
        name = ws.cell(r, col).value
        if not isinstance(name, str) or ws.cell(r, 2).value is None:
            continue
        lines = lines_needed(name, width)
        if lines > 1:
            long_names += 1
            assert ws.cell(r, col).alignment.wrap_text, name
            assert ws.row_dimensions[r].height >= LINE_HEIGHT * lines, name
    assert long_names > 0  # 浜通りマンション管理者連絡協議会 and others do not fit one line
    assert display_width("浜通りマンション管理者連絡協議会") > width


def test_the_requests_table_of_the_charts_starts_the_second_page(
    summary: openpyxl.Workbook,
) -> None:
    ws = summary["グラフ"]
    (brk,) = [b.id for b in ws.row_breaks.brk]
    tables = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "警察署"]
    starts = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value is not None]
    # the break is under row `brk`: the third table starts at the top of the second page
    after = [r for r in starts if r > brk]
    assert after and after[0] - brk <= 2
    assert all(r <= brk for r in tables[:1])
    last_before = max(r for r in starts if r <= brk)
    assert brk - last_before > 3  # the first page ends with its charts, not a table's rows


def test_a_wrapped_roster_finding_has_room_for_each_line(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(roster_workbook(tmp_path))
    ws = wb["指摘"]
    widths = {
        c: (ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width or 8.43) - PADDING
        for c in range(1, ws.max_column + 1)
    }
    wrapped = 0
    for r in range(1, ws.max_row + 1):
        lines = max(
            (
                lines_needed(str(cell.value), widths[cell.column])
                for cell in ws[r]
                if cell.value is not None and cell.alignment.wrap_text
            ),
            default=1,
        )
        if lines > 1:
            wrapped += 1
            # a point of room per line beside the line itself: 10 pt type in 13.5 pt lines
            # was clipped at its last line by Excel's and LibreOffice's own spacing
            assert ws.row_dimensions[r].height >= (LINE_HEIGHT + 1) * lines, r
    assert wrapped > 0


def test_a_returned_copy_is_a_correction_only_when_its_report_changed(tmp_path: Path) -> None:
    from golden.outputs import feedback_copy

    from toolkit import jobs
    from toolkit.check import OWN_KIND, check_file

    copy = feedback_copy(tmp_path)
    options = jobs.reading_options(as_of=date(2026, 11, 20), jobs=1)
    same = check_file(copy, options)  # sent back as it was: still our output
    assert same.skipped_kind == OWN_KIND and same.reports == []
    assert "直されていません" in (same.skipped_file or "")
    wb = openpyxl.load_workbook(copy)
    (sheet, ref), *_ = wb.defined_names["civilian_attendees"].destinations
    wb[sheet][ref.replace("$", "")] = 12
    edited = tmp_path / "直した写し.xlsx"
    wb.save(edited)
    corrected = check_file(edited, options)  # the station's correction: its report
    assert corrected.skipped_kind is None and corrected.returned
    (report,) = corrected.reports
    assert report.report is not None and report.report.civilian_attendees.value == 12
    assert any("署が直した報告書として読みました" in n for n in corrected.notes)
