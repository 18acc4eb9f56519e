"""Every layout of the corpus, confirmed as HQ confirms it, is read exactly ever after.

For each layout the label reader reads in the corpus: `kyogikai layout` writes its proof,
a person's corrections go into 正しいセル (`layout_cycle.correct_proof`, openpyxl on the
proof), `kyogikai layout --confirm` stores the map. Then the corpus workbook, and a second
report in the same layout with other values and a different number of table rows
(`layout_cycle.make_variant`), read with every field exact, no finding about where a
value was found, and no S3.unconfirmed-layout.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from layout_cycle import (
    Cycle,
    Variant,
    convert,
    corpus_files,
    corrections_table,
    expected_all,
    expected_reports,
    make_variant,
    run_cycle,
    twin,
)

from toolkit.catalogue.reading import HQ_ONLY, UNCONFIRMED, WHERE_JUDGED
from toolkit.check import Options, check_file
from toolkit.reading.layouts import load_layouts
from toolkit.reading.read import read_workbook
from toolkit.results import FileResult
from toolkit.rules import Context
from toolkit.settings import Settings

FILES = [f for f in corpus_files() if expected_reports(f)]
SETTINGS = Settings(today=date(2026, 11, 25))


def _labels_read(book: Path) -> list[str]:
    """The report sheets of a workbook the label reader reads (no map, not our template)."""
    read = read_workbook(book.read_bytes(), book.name)
    return list(dict.fromkeys(r.sheet for r in read.reports if r.method == "labels"))


LABEL_READ = [f for f in FILES if _labels_read(f)]

# Blind layouts the map cannot read exactly yet. Strict: once they pass, remove them here.
NOT_YET: dict[str, str] = {}
# Layouts whose own report the map reads exactly since the reader's third round, but not
# yet a second report typed into them (make_variant): open.
NOT_YET_SECOND = {
    **NOT_YET,
}


def _cases(books: list[Path], not_yet: dict[str, str]) -> list[object]:
    return [
        pytest.param(
            b,
            id=f"{b.parent.name}/{b.name}",
            marks=[pytest.mark.xfail(reason=not_yet[b.name], strict=True)]
            if b.name in not_yet
            else [],
        )
        for b in books
    ]


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Cycle:
    return run_cycle(LABEL_READ, tmp_path_factory.mktemp("cycle"))


@pytest.fixture(scope="module")
def options(cycle: Cycle) -> Options:
    return Options(Context(SETTINGS), layouts=load_layouts(cycle.layouts))


def _checked(result: FileResult) -> dict[str, list[tuple[dict[str, object], list[str]]]]:
    """Each sheet's reports in reading order: record and finding codes."""
    out: dict[str, list[tuple[dict[str, object], list[str]]]] = {}
    for c in result.reports:
        record = c.report.to_json() if c.report else {}
        out.setdefault(c.sheet or "", []).append((record, [f.code for f in c.findings]))
    return out


def _expected_by_sheet(book: Path) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for sheet, report in expected_all(book):
        out.setdefault(sheet, []).append(report)
    return out


def test_the_corpus_has_layouts_the_reader_judges() -> None:
    assert len(LABEL_READ) >= 60
    suffixes = {f.suffix for f in LABEL_READ}
    assert {".xlsx", ".xls", ".ods"} <= suffixes


def test_every_report_read_by_labels_says_its_layout_is_not_confirmed() -> None:
    for book in LABEL_READ:
        result = check_file(book, Options(Context(SETTINGS)))
        for sheet, reports in _checked(result).items():
            if sheet in _labels_read(book):
                for _, codes in reports:
                    assert codes.count(UNCONFIRMED) == 1, (book.name, sheet, codes)


def test_each_distinct_layout_has_one_proof(cycle: Cycle) -> None:
    sources = [(p.source, p.sheet) for p in cycle.proofs]
    assert len(sources) == len(set(sources))
    # the two sheets of one workbook in one layout share a proof
    assert sum(1 for s, _ in sources if s.name == "two_reports.xlsx") == 1


@pytest.mark.parametrize("book", _cases(LABEL_READ, NOT_YET))
def test_the_corpus_reads_exactly_by_its_confirmed_layout(book: Path, options: Options) -> None:
    expected = _expected_by_sheet(book)
    got = _checked(check_file(book, options))
    for sheet in _labels_read(book):
        if sheet not in expected:
            continue  # a sheet that is no report: HQ confirms no layout from it
        assert [record for record, _ in got[sheet]] == expected[sheet]
        for _, codes in got[sheet]:
            assert not WHERE_JUDGED & set(codes), codes
            assert not HQ_ONLY & set(codes), codes
    read = read_workbook(book.read_bytes(), book.name, layouts=options.layouts)
    assert {r.method for r in read.reports if r.sheet in expected} <= {"confirmed", "template"}


# --- a second report in each layout ---------------------------------------------------------


@dataclass
class Second:
    variant: Variant
    sheet: str
    tables: bool  # the layout has a table (whose rows the second report changes)


@pytest.fixture(scope="module")
def seconds(cycle: Cycle, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[Second]]:
    """For each corpus workbook, its second report(s): an .xlsx typed anew; an .xls or
    .ods copy made by LibreOffice from the typed .xlsx it was made from."""
    work = tmp_path_factory.mktemp("seconds")
    out: dict[Path, list[Second]] = {}
    pending: dict[str, list[tuple[Path, Path, str, Variant, bool]]] = {"xls": [], "ods": []}
    # An .xls / .ods with no .xlsx it was made from: typed anew in an .xlsx LibreOffice
    # makes of it, then made an .xls / .ods again.
    orphans = [b for b in LABEL_READ if b.suffix in (".xls", ".ods") and twin(b) is None]
    as_xlsx = convert(orphans, "xlsx", work / "as_xlsx")
    for book in LABEL_READ:
        source = book if book.suffix in (".xlsx", ".xlsm") else twin(book) or as_xlsx.get(book)
        if source is None:
            continue
        records = expected_reports(book if source in as_xlsx.values() else source)
        for sheet in _labels_read(book):
            if sheet not in records:
                continue  # no report on it (a cover letter read as one): nothing confirmed
            # the layout the workbook itself is read by (its cells are where the copy has them)
            layout = _layout_of(
                book if book.suffix in (".xls", ".ods") else source, sheet, cycle.layouts
            )
            if layout is None:
                continue
            where = work / source.parent.name / f"{source.stem}_{sheet}{source.suffix}"
            typed = make_variant(source, sheet, layout, records[sheet], where)
            tables = bool(layout.get("tables"))
            if book is source:
                out.setdefault(book, []).append(Second(typed, sheet, tables))
                continue
            expected = _as_converted(typed, records[sheet], expected_reports(book)[sheet])
            if expected is not None:
                converted = Variant(typed.path, expected, typed.changed)
                pending[book.suffix[1:]].append((book, typed.path, sheet, converted, tables))
    for fmt, items in pending.items():
        made = convert([typed for _, typed, _, _, _ in items], fmt, work / fmt)
        for book, typed, sheet, variant, tables in items:
            if typed in made:
                copy = Variant(made[typed], variant.expected, variant.changed)
                out.setdefault(book, []).append(Second(copy, sheet, tables))
    return out


def _as_converted(
    typed: Variant, source: dict[str, object], converted: dict[str, object]
) -> dict[str, object] | None:
    """The second report's record in a converted copy: where the corpus records of the
    .xlsx and its copy differ (a number format .xls does not keep), the copy's value, when
    the second report did not change that field."""
    out = dict(typed.expected)
    for key, value in converted.items():
        if value != source[key]:
            if out[key] != source[key]:
                return None
            out[key] = value
    return out


def _layout_of(book: Path, sheet: str, folder: Path) -> dict[str, object] | None:
    """The confirmed layout a workbook's sheet is read by: the map `kyogikai` stored."""
    read = read_workbook(book.read_bytes(), book.name, layouts=load_layouts(folder))
    found = next((r.layout_id for r in read.reports if r.sheet == sheet), None)
    if found is None:
        return None
    data: dict[str, object] = json.loads((folder / f"{found}.json").read_text(encoding="utf-8"))
    return data


def _soffice_needed(book: Path) -> None:
    if book.suffix in (".xls", ".ods") and shutil.which("soffice") is None:
        if os.environ.get("KYOGIKAI_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required for the .xls/.ods copies")
        pytest.skip("LibreOffice is not installed: no .xls/.ods copy of the second report")


@pytest.mark.parametrize("book", _cases(LABEL_READ, NOT_YET_SECOND))
def test_a_second_report_in_the_layout_reads_exactly(
    book: Path, seconds: dict[Path, list[Second]], options: Options
) -> None:
    _soffice_needed(book)
    assert book in seconds, f"{book.name}: no second report made"
    for second in seconds[book]:
        variant = second.variant
        got = _checked(check_file(variant.path, options))
        record, codes = got[second.sheet][0]
        assert record == variant.expected, variant.changed
        assert not WHERE_JUDGED & set(codes), codes
        assert not HQ_ONLY & set(codes), codes
        first = expected_reports(book)[second.sheet]
        if second.tables:
            rows = (len(first["agenda"]), len(first["requests"]))
            assert (len(record["agenda"]), len(record["requests"])) != rows, variant.changed
        assert sum(record[k] != first[k] for k in first) >= 2, variant.changed


def test_corrections_per_layout_are_reported(cycle: Cycle) -> None:
    lines = corrections_table(cycle)
    assert len(lines) == len(cycle.proofs) + 2
    print("\n".join(lines))
