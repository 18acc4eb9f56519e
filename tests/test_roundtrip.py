"""Template → fill by defined names → check gives back exactly what was filled."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.check import Options, check_file
from toolkit.cli import main
from toolkit.model import CATEGORIES
from toolkit.normalize import clean_text
from toolkit.rules import Context
from toolkit.settings import Settings
from toolkit.writing.registry_io import read_registry
from toolkit.writing.template import (
    AGENDA_ROWS,
    REQUEST_ROWS,
    Prefill,
    fill_by_names,
    template_path_for,
    write_template,
)

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
OPTIONS = Options(Context(Settings(today=TODAY)))
TYPE_JA = {"regular": "定期会議", "extraordinary": "臨時会議"}


def expected_record(prefill: Prefill, v: dict[str, Any]) -> dict[str, Any]:
    """What SPEC.md's JSON record must say for the values written into the form."""
    agenda = []
    for n in range(1, AGENDA_ROWS + 1):
        topic, remarks = v.get(f"agenda_{n}_topic"), v.get(f"agenda_{n}_remarks")
        if topic is None and remarks is None:
            continue
        agenda.append(
            {"category": v.get(f"agenda_{n}_category"), "topic": topic, "remarks": remarks}
        )
    requests = []
    for n in range(1, REQUEST_ROWS + 1):
        req, resp = v.get(f"request_{n}"), v.get(f"response_{n}")
        if req is None and resp is None:
            continue
        requests.append({"request": req, "response": resp})
    return {
        "affiliation": prefill.affiliation,
        "reporter": v.get("reporter"),
        "phone": v.get("phone"),
        "council_name": prefill.council_name,
        "facility_name": prefill.facility_name,
        "date": v["date"].isoformat(),
        "start_time": v["start_time"].strftime("%H:%M"),
        "end_time": v["end_time"].strftime("%H:%M"),
        "venue": v.get("venue"),
        "police_attendees": v["police_attendees"],
        "civilian_attendees": v["civilian_attendees"],
        "meeting_type": v["meeting_type"],
        "agenda": agenda,
        "discussion": v.get("discussion"),
        "requests": requests,
        "reference": v.get("reference"),
        "officers": v.get("officers_list", []),
    }


def as_cells(v: dict[str, Any]) -> dict[str, Any]:
    """The values as an officer types them into the cells."""
    cells = {k: x for k, x in v.items() if k not in ("officers_list", "meeting_type")}
    cells["meeting_type"] = TYPE_JA[v["meeting_type"]]
    if v.get("officers_list"):
        cells["officers"] = "、".join(v["officers_list"])
    return cells


def plain_values(i: int) -> dict[str, Any]:
    return {
        "reporter": f"巡査部長 山田{i}郎",
        "phone": f"0{i:03d}",
        "date": date(2026, 4 + i % 7, 1 + i % 27),
        "start_time": time(13, 30),
        "end_time": time(15, 0),
        "venue": "地区公民館 第1会議室",
        "police_attendees": 2,
        "civilian_attendees": 5 + i % 10,
        "meeting_type": "regular" if i % 3 else "extraordinary",
        "agenda_1_category": CATEGORIES[0],
        "agenda_1_topic": "交番の活動報告",
        "agenda_2_category": CATEGORIES[1],
        "agenda_2_topic": "自転車盗の発生状況",
        "agenda_2_remarks": "前月比+3件",
        "discussion": "自転車の施錠を呼び掛ける。\n駐輪場の巡回を増やす。",
        "request_1": "街灯の増設",
        "response_1": "市へ要望した",
        "request_2": "防犯教室の開催",
        "officers_list": [f"巡査部長 山田{i}郎", "巡査 鈴木一郎"],
    }


@pytest.fixture(scope="module")
def registry() -> Any:
    return read_registry(ROOT / "samples" / "registry.xlsx")


def test_councils_of_the_sample_registry_round_trip(registry: Any, tmp_path: Path) -> None:
    assert len(registry.councils) >= 60
    # every other council and every 職種等 one: each station, facility type and kind of
    # council is among them
    chosen = [c for i, c in enumerate(registry.councils) if i % 2 == 0 or c.kind == "職種等"]
    assert {c.station for c in chosen} == {c.station for c in registry.councils}
    assert {c.facility_type for c in chosen} == {c.facility_type for c in registry.councils}
    assert {c.kind for c in chosen} == {c.kind for c in registry.councils}
    for i, council in enumerate(chosen):
        prefill = Prefill(council.council_id, council.station, council.facility_name, council.name)
        blank = template_path_for(
            tmp_path / "blank", council.station, council.facility_name, council.name
        )
        write_template(blank, prefill)
        values = plain_values(i)
        filled = tmp_path / "filled" / f"{council.council_id}.xlsx"
        fill_by_names(blank, filled, as_cells(values))
        result = check_file(filled, OPTIONS)
        (checked,) = result.reports
        assert checked.report is not None
        assert checked.report.to_json() == expected_record(prefill, values), council.name
        assert checked.report.council_id == council.council_id
        # Only the planted requests are found: request_1 passed on to the city (市へ要望した,
        # still being handled) and request_2 with no response at all.
        assert [(f.code, f.field) for f in checked.findings] == [
            ("R5.pending-request", "requests[0].response"),
            ("R5.open-request", "requests[1].response"),
        ]


def test_check_json_through_the_cli_gives_back_the_filled_values(tmp_path: Path) -> None:
    prefill = Prefill("C999", "中央警察署", "駅前交番", "駅前交番連絡協議会")
    blank = tmp_path / "blank.xlsx"
    write_template(blank, prefill)
    values = plain_values(4)
    fill_by_names(blank, tmp_path / "in" / "filled.xlsx", as_cells(values))
    runner = CliRunner()
    out = runner.invoke(main, ["check", str(tmp_path / "in"), "--json", "--as-of", "2026-11-25"])
    assert out.exit_code == 0, out.output
    (line,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert line["report"] == expected_record(prefill, values)
    assert line["status"] == "warning"
    assert line["sheet"] == "報告書"
    # The pending answer of request 1 and the empty answer cell of request 2.
    assert [(i["code"], i["cell"]) for i in line["issues"]] == [
        ("R5.pending-request", "報告書!S21"),
        ("R5.open-request", "報告書!S22"),
    ]


# --- Hypothesis: arbitrary values an officer may type -----------------------------------

_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lo", "Nd"),
    whitelist_characters="ー・（）「」、。 ",
    blacklist_characters="\u3000",
)


def _normal(text: str) -> bool:
    return bool(text) and clean_text(text) == text and unicodedata.normalize("NFKC", text) == text


TEXT = st.text(_CHARS, min_size=1, max_size=30).filter(_normal)
NAME = st.text(st.characters(whitelist_categories=("Lo",)), min_size=2, max_size=6).filter(_normal)
# Text written with separators that split 出席警察官名 must not be used inside a name.
MULTILINE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)


@st.composite
def report_values(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    minutes = start.hour * 60 + start.minute
    end_minutes = draw(st.integers(min_value=minutes, max_value=23 * 60 + 59))
    police = draw(st.integers(min_value=1, max_value=6))
    v: dict[str, Any] = {
        "reporter": draw(TEXT),
        "phone": draw(st.from_regex(r"0[0-9]{3}", fullmatch=True)),
        "date": draw(st.dates(min_value=date(2000, 1, 1), max_value=TODAY)),
        "start_time": start,
        "end_time": time(end_minutes // 60, end_minutes % 60),
        "venue": draw(TEXT),
        "police_attendees": police,
        "civilian_attendees": draw(st.integers(min_value=0, max_value=500)),
        "meeting_type": draw(st.sampled_from(["regular", "extraordinary"])),
        "discussion": draw(MULTILINE),
        "officers_list": draw(st.lists(NAME, min_size=police, max_size=police)),
    }
    for n in range(1, AGENDA_ROWS + 1):
        if draw(st.booleans()):
            v[f"agenda_{n}_category"] = draw(st.sampled_from(CATEGORIES))
            v[f"agenda_{n}_topic"] = draw(TEXT)
            if draw(st.booleans()):
                v[f"agenda_{n}_remarks"] = draw(TEXT)
    for n in range(1, REQUEST_ROWS + 1):
        if draw(st.booleans()):
            v[f"request_{n}"] = draw(TEXT)
            if draw(st.booleans()):
                v[f"response_{n}"] = draw(TEXT)
    if draw(st.booleans()):
        v["reference"] = draw(MULTILINE)
    return v


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=report_values())
def test_hypothesis_values_round_trip(values: dict[str, Any], tmp_path: Path) -> None:
    prefill = Prefill("C001", "中央警察署", "駅前交番", "駅前交番連絡協議会")
    blank = tmp_path / "blank.xlsx"
    if not blank.exists():
        write_template(blank, prefill)
    filled = tmp_path / "filled.xlsx"
    fill_by_names(blank, filled, as_cells(values))
    (checked,) = check_file(filled, OPTIONS).reports
    assert checked.report is not None
    assert checked.report.to_json() == expected_record(prefill, values)
