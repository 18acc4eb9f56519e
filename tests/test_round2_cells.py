"""The second-round corpus (tests/corpus/make_round2_cells.py) reads exactly as expected:
every field of the record, and every finding with its code, field and cell — the notes
that say what the reader inferred included, so that nothing is silently wrong."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from toolkit.check import Options, check_file
from toolkit.rules import Context
from toolkit.settings import Settings

CORPUS = Path(__file__).parent / "corpus" / "round2_cells"
BOOKS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))


@pytest.fixture(scope="module")
def options() -> Options:
    # How the reading went is what this corpus checks; that these layouts are not yet
    # confirmed by HQ (S3.unconfirmed-layout) is checked in test_layout_maps.py.
    settings = Settings(today=date(2026, 11, 25), disabled=frozenset({"S3.unconfirmed-layout"}))
    return Options(Context(settings))


def expected_of(book: Path) -> list[dict[str, object]]:
    data = json.loads((CORPUS / f"{book.stem}.expected.json").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_corpus_is_large_and_mixed() -> None:
    suffixes = {p.suffix for p in BOOKS}
    assert {".xlsx", ".xls", ".ods"} <= suffixes
    assert len([p for p in BOOKS if p.suffix == ".xlsx"]) >= 25


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.name)
def test_record_and_findings_are_exact(book: Path, options: Options) -> None:
    result = check_file(book, options)
    got = [
        {
            "sheet": c.sheet,
            "report": c.report.to_json() if c.report else None,
            "issues": [
                {
                    "severity": str(f.severity),
                    "code": f.code,
                    "field": f.field,
                    "cell": str(f.cell) if f.cell is not None else None,
                }
                for f in c.findings
            ],
        }
        for c in result.reports
    ]
    assert got == expected_of(book)


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.name)
def test_every_inference_names_a_cell_of_its_sheet(book: Path, options: Options) -> None:
    for checked in check_file(book, options).reports:
        for finding in checked.findings:
            if finding.code.startswith("I1."):
                assert finding.cell is not None
                assert finding.cell.sheet == checked.sheet
                assert finding.cell.a1 in finding.message
