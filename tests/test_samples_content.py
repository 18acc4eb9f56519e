"""Sample report contents: deterministic, plausible, and honest about what they plant."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, time
from typing import Any

import pytest

from toolkit.model import CATEGORIES
from toolkit.normalize import parse_date, parse_meeting_type
from toolkit.registry import Registry
from toolkit.samples import MISTAKES, Planted, SampleReport, fictional_registry, generate_reports
from toolkit.settings import PENDING_WORDS as PENDING

FY_START = date(2026, 4, 1)
UNTIL = date(2026, 11, 20)
REQUIRED = (
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "date",
    "start_time",
    "end_time",
    "venue",
    "police_attendees",
    "civilian_attendees",
    "meeting_type",
    "discussion",
    "officers",
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return fictional_registry(0)


@pytest.fixture(scope="module")
def clean(registry: Registry) -> list[SampleReport]:
    return generate_reports(registry, count=400, seed=3)


@pytest.fixture(scope="module")
def mistaken(registry: Registry) -> list[SampleReport]:
    return generate_reports(registry, count=480, seed=4, mistakes=1.0)


def _day(report: SampleReport) -> date:
    return date.fromisoformat(report.file_stem[:10])


def _mistake_codes(report: SampleReport) -> list[Planted]:
    kept = ("R5.open-request", "R5.pending-request", "R7.duplicate")
    return [p for p in report.planted if p.code not in kept]


def _numbered(values: dict[str, object], prefix: str, suffix: str = "") -> list[int]:
    return sorted(
        int(k[len(prefix) :].split("_")[0])
        for k in values
        if k.startswith(prefix) and k.endswith(suffix)
    )


# --- determinism and coverage -----------------------------------------------------------------


def test_same_seed_same_reports(registry: Registry) -> None:
    a = generate_reports(registry, count=150, seed=7, mistakes=0.3)
    b = generate_reports(registry, count=150, seed=7, mistakes=0.3)
    assert a == b


def test_different_seeds_differ(registry: Registry) -> None:
    a = generate_reports(registry, count=150, seed=7)
    b = generate_reports(registry, count=150, seed=8)
    assert a != b
    assert [r.values.get("discussion") for r in a] != [r.values.get("discussion") for r in b]


def test_dates_lie_in_the_fiscal_year_up_to_until(clean: list[SampleReport]) -> None:
    days = [_day(r) for r in clean]
    assert all(FY_START <= d <= UNTIL for d in days)
    assert all(r.values["date"] == _day(r) for r in clean)
    assert len({d.month for d in days}) == 8  # April to November


def test_until_and_fiscal_year_are_respected(registry: Registry) -> None:
    reports = generate_reports(
        registry, count=100, seed=1, fiscal_year=2025, until=date(2025, 6, 30), mistakes=0.5
    )
    assert all(date(2025, 4, 1) <= _day(r) <= date(2025, 6, 30) for r in reports)


def test_every_council_meets_before_any_meets_again(registry: Registry) -> None:
    reports = generate_reports(registry, count=len(registry.councils), seed=2)
    assert Counter(r.council.council_id for r in reports) == Counter(
        c.council_id for c in registry.councils
    )


def test_each_council_meets_one_to_three_times_in_a_normal_year(registry: Registry) -> None:
    reports = generate_reports(registry, count=2 * len(registry.councils) + 10, seed=2)
    per_council = Counter(r.council.council_id for r in reports)
    assert set(per_council) == {c.council_id for c in registry.councils}
    assert set(per_council.values()) <= {1, 2, 3}


def test_a_thousand_reports_and_more(registry: Registry) -> None:
    reports = generate_reports(registry, count=1500, seed=9)
    assert len(reports) == 1500
    meetings = Counter((r.council.council_id, _day(r)) for r in reports)
    assert max(meetings.values()) == 1
    assert len({r.file_stem for r in reports}) == 1500
    assert len({r.values["discussion"] for r in reports}) > 1000


def test_impossible_requests_are_refused(registry: Registry) -> None:
    with pytest.raises(ValueError):
        generate_reports(registry, count=10, seed=1, until=date(2026, 3, 31))
    with pytest.raises(ValueError):
        generate_reports(registry, count=10, seed=1, mistakes=1.5)
    assert generate_reports(registry, count=0, seed=1) == []


# --- clean reports ----------------------------------------------------------------------------


def test_clean_reports_plant_only_their_open_requests(clean: list[SampleReport]) -> None:
    opened = 0
    for report in clean:
        values = report.values
        expected = []
        for n in _numbered(values, "request_"):
            response = values.get(f"response_{n}")
            if response is None:
                expected.append(Planted("R5.open-request", f"requests[{n - 1}].response"))
            elif any(word in str(response) for word in PENDING):
                expected.append(Planted("R5.pending-request", f"requests[{n - 1}].response"))
        assert list(report.planted) == expected
        opened += len(expected)
    assert 0 < opened < sum(len(_numbered(r.values, "request_")) for r in clean)


def test_clean_reports_fill_every_field_plausibly(
    registry: Registry, clean: list[SampleReport]
) -> None:
    for report in clean:
        v = report.values
        council = report.council
        assert all(key in v for key in REQUIRED), report.file_stem
        assert (v["affiliation"], v["council_name"], v["facility_name"]) == (
            council.station,
            council.name,
            council.facility_name,
        )
        assert isinstance(v["date"], date)
        assert registry.periods_on(v["date"], council.council_id, council.station) == []
        start, end = v["start_time"], v["end_time"]
        assert isinstance(start, time) and isinstance(end, time)
        assert time(10, 0) <= start < end <= time(20, 30)
        police, civilians = v["police_attendees"], v["civilian_attendees"]
        assert isinstance(police, int) and isinstance(civilians, int)
        assert 1 <= police <= 4
        assert 3 <= civilians <= 20
        officers = str(v["officers"]).split("、")
        assert len(officers) == police
        assert all(
            o.split(" ")[0] in ("警部", "警部補", "巡査部長", "巡査長", "巡査") for o in officers
        )
        assert v["meeting_type"] in ("定期会議", "臨時会議")
        assert isinstance(v["phone"], str) and v["phone"].isdigit()


def test_agenda_rows_and_minutes_hang_together(clean: list[SampleReport]) -> None:
    seen: Counter[str] = Counter()
    for report in clean:
        v = report.values
        rows = _numbered(v, "agenda_", "_topic")
        assert rows == list(range(1, len(rows) + 1))
        assert 3 <= len(rows) <= 6
        for n in rows:
            assert v[f"agenda_{n}_category"] in CATEGORIES
            seen[str(v[f"agenda_{n}_category"])] += 1
        discussion = str(v["discussion"])
        assert 1 <= discussion.count("\n") + 1 <= 3
        assert 2 <= discussion.count("。") <= 4
        requests = _numbered(v, "request_")
        assert requests == list(range(1, len(requests) + 1))
        assert len(requests) <= 3
        assert all(n in requests for n in _numbered(v, "response_"))
    assert set(seen) == set(CATEGORIES)
    assert any("agenda_1_remarks" in r.values for r in clean)
    assert any("reference" in r.values for r in clean)


def test_extraordinary_meetings_follow_a_series_of_incidents(clean: list[SampleReport]) -> None:
    extraordinary = [r for r in clean if r.values["meeting_type"] == "臨時会議"]
    regular = [r for r in clean if r.values["meeting_type"] == "定期会議"]
    assert 0 < len(extraordinary) < len(regular)
    for report in extraordinary:
        assert "連続発生" in str(report.values["agenda_1_topic"])
        assert "臨時に会議を開き" in str(report.values["discussion"])
    first_of_council: dict[str, SampleReport] = {}
    for report in sorted(clean, key=_day):
        first_of_council.setdefault(report.council.council_id, report)
    assert all(r.values["meeting_type"] == "定期会議" for r in first_of_council.values())


# --- mistakes ---------------------------------------------------------------------------------


def test_every_kind_of_mistake_appears(mistaken: list[SampleReport]) -> None:
    planted = {(p.code, p.field) for r in mistaken for p in r.planted}
    assert planted >= {(m.code, m.field) for m in MISTAKES}


def test_each_mistaken_report_has_one_mistake(mistaken: list[SampleReport]) -> None:
    for report in mistaken:
        own = _mistake_codes(report)
        duplicate = any(p.code == "R7.duplicate" for p in report.planted)
        assert len(own) == 1 or (not own and duplicate), report.file_stem


def test_the_share_of_mistakes_is_as_asked(registry: Registry) -> None:
    reports = generate_reports(registry, count=400, seed=5, mistakes=0.25)
    own = sum(len(_mistake_codes(r)) for r in reports)
    duplicates = sum(p.code == "R7.duplicate" for r in reports for p in r.planted)
    assert duplicates % 2 == 0
    assert own + duplicates // 2 == 100


def _by_mistake(reports: list[SampleReport], code: str, field: str | None) -> list[SampleReport]:
    return [r for r in reports if Planted(code, field) in r.planted]


def test_mistakes_show_in_the_values(registry: Registry, mistaken: list[SampleReport]) -> None:
    def each(code: str, field: str | None) -> list[dict[str, Any]]:
        found = [r.values for r in _by_mistake(mistaken, code, field)]
        assert found, code
        return found

    assert all("council_name" not in v for v in each("R1.required", "council_name"))
    assert all("reporter" not in v for v in each("R1.recommended", "reporter"))
    assert all("meeting_type" not in v for v in each("R1.required", "meeting_type"))
    assert all(v["end_time"] < v["start_time"] for v in each("R2.end-before-start", "end_time"))
    for v in each("R2.weekday", "date"):
        parsed = parse_date(v["date"])
        assert isinstance(v["date"], str) and parsed.value is not None
        assert parsed.weekday is not None and parsed.weekday != parsed.value.weekday()
    assert all(v["civilian_attendees"] == 0 for v in each("R3.no-civilians", "civilian_attendees"))
    for v in each("R3.not-count", "police_attendees"):
        assert not float(v["police_attendees"]).is_integer()
    for v in each("R3.officer-names", "officers"):
        assert len(str(v["officers"]).split("、")) != v["police_attendees"]
    for v in each("R4.meeting-type", "meeting_type"):
        parsed = parse_meeting_type(v["meeting_type"])
        assert parsed.value is None and parsed.raw
    for report in _by_mistake(mistaken, "R6.unknown-council", "council_name"):
        typed = str(report.values["council_name"])
        assert registry.by_name(typed) is None
        assert registry.closest(typed)[0][0] == report.council
    for report in _by_mistake(mistaken, "R8.restricted-period", "date"):
        council = report.council
        assert registry.periods_on(report.values["date"], council.council_id, council.station)


def test_duplicates_come_in_pairs_of_different_content(mistaken: list[SampleReport]) -> None:
    pairs: dict[tuple[str, date], list[SampleReport]] = {}
    for report in _by_mistake(mistaken, "R7.duplicate", None):
        pairs.setdefault((report.council.council_id, _day(report)), []).append(report)
    assert pairs
    for first, second in pairs.values():
        assert first.values != second.values
        assert first.values["council_name"] == second.values["council_name"]
        assert first.file_stem != second.file_stem
    others = Counter(
        (r.council.council_id, _day(r))
        for r in mistaken
        if Planted("R7.duplicate", None) not in r.planted
    )
    assert max(others.values()) == 1


# --- what the rules make of them ----------------------------------------------------------------


def test_the_rules_find_exactly_what_was_planted(registry: Registry) -> None:
    """Fill each report into the form, read it back and run the per-report rules (R1–R6,
    R8): the findings are the planted ones. R7 spans reports and is checked above."""
    fill = pytest.importorskip("toolkit.writing.fill")
    template = pytest.importorskip("toolkit.writing.template")
    from toolkit.parse import build_report
    from toolkit.reading.read import read_workbook
    from toolkit.rules import Context, check_report
    from toolkit.settings import load_settings

    buf = io.BytesIO()
    template.build_template().save(buf)
    filler = fill.FastFiller(buf.getvalue())
    ctx = Context(load_settings(None, today=date(2026, 11, 25)), registry)
    reports = generate_reports(registry, count=150, seed=21, mistakes=0.5)
    for sample in reports:
        # Without the template's 協議会ID, so that the written council name is what counts.
        book = read_workbook(filler.fill(sample.values), f"{sample.file_stem}.xlsx")
        (raw,) = book.reports
        found = sorted((f.code, f.field) for f in check_report(build_report(raw), ctx))
        planted = sorted((p.code, p.field) for p in sample.planted if p.code != "R7.duplicate")
        assert found == planted, sample.file_stem
