"""The committed sample set: `kyogikai check` over samples/reports with samples/registry.xlsx
finds exactly what samples/planted.json says was planted, file by file."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from toolkit.check import Options, check_paths
from toolkit.discover import WORKBOOK_SUFFIXES as SUFFIXES
from toolkit.rules import Context
from toolkit.samples import fictional_registry
from toolkit.settings import Settings
from toolkit.writing.registry_io import read_registry

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TODAY = date(2026, 11, 25)

Found = Counter[tuple[str, str | None]]


def _manifest() -> dict[str, Found]:
    text = (SAMPLES / "planted.json").read_text(encoding="utf-8")
    return {
        path: Counter((item["code"], item["field"]) for item in items)
        for path, items in json.loads(text).items()
    }


@pytest.fixture(scope="module")
def found() -> dict[str, Found]:
    options = Options(Context(Settings(today=TODAY), read_registry(SAMPLES / "registry.xlsx")))
    out: dict[str, Found] = {}
    for result in check_paths([SAMPLES / "reports"], options):
        key = Path(result.path).relative_to(SAMPLES).as_posix()
        out[key] = Counter((f.code, f.field) for c in result.reports for f in c.findings)
    return out


def test_every_sample_file_is_in_the_manifest() -> None:
    on_disk = {
        p.relative_to(SAMPLES).as_posix()
        for p in (SAMPLES / "reports").rglob("*")
        if p.suffix.lower() in SUFFIXES
    }
    assert on_disk == set(_manifest())


def test_check_finds_exactly_the_planted_findings(found: dict[str, Found]) -> None:
    manifest = _manifest()
    assert set(found) == set(manifest)
    wrong = {
        path: (sorted(found[path].elements()), sorted(manifest[path].elements()))
        for path in manifest
        if found[path] != manifest[path]
    }
    assert wrong == {}


def test_the_manifest_plants_mistakes_of_several_rules(found: dict[str, Found]) -> None:
    # Guards against a manifest that agrees with the rules only because it plants nothing.
    planted = {code for counts in _manifest().values() for code, _ in counts}
    assert {"R1.required", "R2.end-before-start", "R6.unknown-council", "R7.duplicate"} <= planted
    assert sum(sum(c.values()) for c in found.values()) >= 30


def test_the_sample_registry_is_the_fictional_prefecture() -> None:
    from dataclasses import replace

    from toolkit.samples import generate_reports
    from toolkit.samples.plan import yearly_plan

    read = read_registry(SAMPLES / "registry.xlsx")
    fictional = fictional_registry(0)
    assert replace(read, plans=()) == fictional
    # The committed samples were made with `--mistakes 0.15` and the default count and seed.
    reports = generate_reports(fictional, count=80, seed=1, mistakes=0.15)
    planned = yearly_plan(fictional, reports, 2026, 1)
    assert len(read.plans) == len(planned) > 0
    assert [replace(p, row=0) for p in read.plans] == [replace(p, row=0) for p in planned]
