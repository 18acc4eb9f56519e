"""Positions: one structured type, printed as Sheet!A1, parsed back by one parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.cells import Cell, column_index, column_letter, parse_a1, parse_range


def test_printed_as_excel_writes_it() -> None:
    assert str(Cell("報告書", 11, 7)) == "報告書!H12"
    assert Cell("報告書", 0, 26).a1 == "AA1"


def test_parse_the_forms_people_and_excel_write() -> None:
    assert Cell.parse("報告書!H12") == Cell("報告書", 11, 7)
    assert Cell.parse("'報告書 (2)'!$G$5") == Cell("報告書 (2)", 4, 6)
    assert Cell.parse("'it''s'!A1") == Cell("it's", 0, 0)
    assert Cell.parse("a!b!C3") == Cell("a!b", 2, 2)
    assert Cell.parse("C3", sheet="様式") == Cell("様式", 2, 2)


@pytest.mark.parametrize("text", ["H12", "報告書!A1:B2", "報告書!A0", "報告書!XFE1", "報告書!"])
def test_not_one_cell_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Cell.parse(text)


def test_ranges_are_normalised() -> None:
    assert parse_range("$C$3:A1") == (0, 0, 2, 2)
    assert parse_range("B2") == (1, 1, 1, 1)
    assert parse_a1("XFD1048576") == (1_048_575, 16_383)


@given(st.integers(0, 16_383), st.integers(0, 1_048_575))
def test_round_trip(col: int, row: int) -> None:
    assert column_index(column_letter(col)) == col
    assert Cell.parse(str(Cell("様式", row, col))) == Cell("様式", row, col)
