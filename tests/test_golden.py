"""Golden workbooks: the summary, a feedback copy and the roster, compared cell by cell — value and
number format — with rows written when the output was last meant to change
(`python tests/golden/make_golden.py`)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from golden.outputs import (
    FEEDBACK_ROWS,
    ROSTER_ROWS,
    SUMMARY_ROWS,
    feedback_copy,
    roster_workbook,
    summary_workbook,
)
from golden.rows import differences, load_rows, workbook_rows


@pytest.fixture(scope="module")
def summary_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return summary_workbook(tmp_path_factory.mktemp("summary"))


def test_the_summary_equals_its_golden_rows(summary_path: Path) -> None:
    expected = load_rows(SUMMARY_ROWS)
    assert len(expected) > 1000
    assert differences(expected, workbook_rows(summary_path)) == []


def test_the_feedback_copy_equals_its_golden_rows(tmp_path: Path) -> None:
    expected = load_rows(FEEDBACK_ROWS)
    assert any(sheet == "確認事項" for sheet, *_ in expected)
    assert differences(expected, workbook_rows(feedback_copy(tmp_path))) == []


def test_the_roster_equals_its_golden_rows(tmp_path: Path) -> None:
    expected = load_rows(ROSTER_ROWS)
    assert any(sheet == "指摘" for sheet, *_ in expected)
    assert differences(expected, workbook_rows(roster_workbook(tmp_path))) == []


def test_the_comparison_notices_a_changed_value_and_format(
    summary_path: Path, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(summary_path)
    ws = wb["集計表"]
    cell = next(c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, int))
    cell.value += 1
    dated = next(c for row in wb["開催一覧"].iter_rows(min_row=4) for c in row if c.is_date)
    dated.number_format = "yyyy-mm-dd"
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    found = differences(load_rows(SUMMARY_ROWS), workbook_rows(changed))
    assert len(found) == 2
    assert found[0].startswith(f"集計表!{cell.coordinate}") or found[1].startswith(
        f"集計表!{cell.coordinate}"
    )
    assert any(f.startswith(f"開催一覧!{dated.coordinate}") and "yyyy-mm-dd" in f for f in found)
