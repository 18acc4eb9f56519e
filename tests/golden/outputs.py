"""The outputs pinned by golden rows: the summary of the sample prefecture's October, the
feedback copy of one sample report, and the roster of the sample registry. Dates are pinned (`AS_OF`); paths are relative to
the repository's root, which the callers make the working folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from toolkit import jobs
from toolkit.check import Options
from toolkit.fiscal import parse_period
from toolkit.samples import fictional_registry
from toolkit.settings import Settings
from toolkit.writing.feedback import Letter, write_feedback
from toolkit.writing.registry_io import write_registry

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 20)
SUMMARY_ROWS = HERE / "summary_2026-10.rows"
FEEDBACK_ROWS = HERE / "feedback_kashima.rows"
ROSTER_ROWS = HERE / "roster_2026-11-01.rows"
ROSTER_AS_OF = date(2026, 11, 1)
REPORTS = Path("samples/reports")
REGISTRY = Path("samples/registry.xlsx")
FEEDBACK_SOURCE = REPORTS / "白峰警察署" / "2026-07-19_鹿島駐在所連絡協議会.xlsx"


@contextmanager
def at_root() -> Iterator[None]:
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def _options() -> Options:
    return jobs.reading_options(registry=REGISTRY, as_of=AS_OF, jobs=1)


def summary_workbook(out_dir: Path) -> Path:
    """The summary of 2026-10 from the sample reports, written into `out_dir`."""
    out = out_dir / "summary.xlsx"
    with at_root():
        jobs.summary(
            paths=(REPORTS,), db=None, period=parse_period("2026-10"), out=out, options=_options()
        )
    return out


def feedback_copy(out_dir: Path) -> Path:
    """The feedback copy of one sample report with three findings."""
    with at_root():
        result = next(iter(jobs.CheckRun((FEEDBACK_SOURCE,), _options())))
        letter = Letter(
            "生活安全部地域課地域指導係", AS_OF, AS_OF + timedelta(days=14), "巡査部長 山田太郎",
            "1234-5678",
        )  # fmt: skip
        written = write_feedback(result, out_dir / "feedback", letter=letter)
    assert written is not None
    return written


def roster_workbook(out_dir: Path) -> Path:
    """The roster of the sample registry (as its generator makes it) on 2026-11-01."""
    registry = out_dir / "registry.xlsx"
    write_registry(fictional_registry(0), registry, created=datetime(2026, 4, 1))
    out = out_dir / "roster.xlsx"
    jobs.roster(registry, Settings(today=ROSTER_AS_OF), out)
    return out
