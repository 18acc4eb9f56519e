"""Our own corpus of layouts (see tests/corpus/make_layouts.py) reads exactly as expected."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from toolkit.check import Options, check_file
from toolkit.rules import Context
from toolkit.settings import Settings

LAYOUTS = Path(__file__).parent / "corpus" / "layouts"
BOOKS = sorted(p for p in LAYOUTS.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))


@pytest.fixture(scope="module")
def options() -> Options:
    # How the reading went is what this corpus checks; that these layouts are not yet
    # confirmed by HQ (S3.unconfirmed-layout) is checked in test_layout_maps.py.
    settings = Settings(today=date(2026, 11, 25), disabled=frozenset({"S3.unconfirmed-layout"}))
    return Options(Context(settings))


def test_corpus_has_every_kind_of_layout() -> None:
    suffixes = {p.suffix for p in BOOKS}
    assert {".xlsx", ".xls", ".ods"} <= suffixes
    assert len(BOOKS) >= 9


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.name)
def test_layout_reads_as_expected(book: Path, options: Options) -> None:
    expected = json.loads((LAYOUTS / f"{book.stem}.expected.json").read_text(encoding="utf-8"))
    result = check_file(book, options)
    got = [
        {
            "sheet": c.sheet,
            "report": c.report.to_json() if c.report else None,
            "issues": [{"severity": str(f.severity), "field": f.field} for f in c.findings],
        }
        for c in result.reports
    ]
    assert got == expected


def test_sheets_that_are_not_reports_are_skipped_and_named(options: Options) -> None:
    result = check_file(LAYOUTS / "two_reports.xlsx", options)
    assert [c.sheet for c in result.reports] == ["4月", "6月"]
    skipped = dict(result.skipped)
    assert set(skipped) == {"メモ", "旧様式"}
    assert "非表示" in skipped["旧様式"]
    assert "報告書の様式ではない" in skipped["メモ"]


def test_inline_label_values_point_at_their_own_cell(options: Options) -> None:
    report = check_file(LAYOUTS / "inline_labels.xlsx", options).reports[0].report
    assert report is not None
    assert str(report.affiliation.cell) == "報告!A2"
    assert str(report.police_attendees.cell) == "報告!A9"
    assert str(report.requests[0].response.cell) == "報告!B18"


def test_merged_category_spans_two_topics(options: Options) -> None:
    report = check_file(LAYOUTS / "inserted_rows.xlsx", options).reports[0].report
    assert report is not None
    first, second = report.agenda[:2]
    assert first.category.value == second.category.value == "交番等の活動状況"
    assert str(second.topic.cell) == "開催結果報告書!B12"
    assert str(second.remarks.cell) == "開催結果報告書!G12"
