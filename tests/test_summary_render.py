"""The summary prints legibly: every page of a fiscal year's summary of the sample
prefecture, rendered by LibreOffice, has its type at 8 pt or more on A4 paper, and 概況 is
one page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from printed import page_type_sizes, to_pdf

from toolkit import jobs
from toolkit.fiscal import parse_period

pytestmark = pytest.mark.libreoffice
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("period", ["FY2026", "2026-10"])
def test_every_page_is_legible_on_a4(tmp_path: Path, period: str) -> None:
    out = tmp_path / "集計.xlsx"
    options = jobs.reading_options(
        registry=ROOT / "samples" / "registry.xlsx", as_of=date(2026, 11, 20)
    )
    jobs.summary(
        paths=(ROOT / "samples" / "reports",),
        db=None,
        period=parse_period(period),
        out=out,
        options=options,
    )
    pages = page_type_sizes(to_pdf(out, tmp_path))
    small = [(round(size, 1), words) for size, words in pages if size < 7.85]
    assert small == []
    assert len(pages) > 10
    # 概況 fits one page: the second page is already the next sheet
    assert pages[0][1].startswith("概況") and not pages[1][1].startswith("概況")
