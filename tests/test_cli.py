"""The command line as a user meets it: exact exit codes, text and files."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path, PurePath

import click
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.receipts import read_log
from toolkit.writing.template import BLANK_NAME, Prefill, fill_by_names, write_template

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "samples" / "registry.xlsx"

GOOD = {
    "reporter": "巡査部長 山田太郎",
    "date": date(2026, 10, 15),
    "start_time": time(14, 0),
    "end_time": time(15, 30),
    "venue": "駅前公民館",
    "police_attendees": 1,
    "civilian_attendees": 11,
    "meeting_type": "定期会議",
    "agenda_1_category": "交番等の活動状況",
    "agenda_1_topic": "秋の交通安全運動",
    "discussion": "運動期間中の街頭活動を確認した。",
    "officers": "巡査部長 山田太郎",
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "blank.xlsx"
    write_template(path, Prefill("C001", "中央警察署", "駅前交番", "駅前交番連絡協議会"))
    return path


def _filled(blank: Path, dst: Path, **changes: object) -> Path:
    values = {**GOOD, **changes}
    fill_by_names(blank, dst, {k: v for k, v in values.items() if v is not None})
    return dst


def _commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    return sorted(main.commands.items())


def test_every_command_has_help_text() -> None:
    for name, command in _commands():
        assert command.help and command.help.strip(), name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts}"


def test_help_lists_the_commands(runner: CliRunner) -> None:
    out = runner.invoke(main, ["--help"])
    assert out.exit_code == 0
    for name in ("check", "template", "samples"):
        assert name in out.output


def test_check_clean_report_exits_0(runner: CliRunner, blank: Path, tmp_path: Path) -> None:
    good = _filled(blank, tmp_path / "in" / "good.xlsx")
    out = runner.invoke(main, ["check", str(good), "--as-of", "2026-11-25"])
    assert out.exit_code == 0, out.output
    # A clean report is counted, not listed (problems only by default)
    assert out.output.splitlines() == [
        "問題のない報告書 1件は表示していません（すべて表示するには --all を付けてください）。",
        "ファイル 1件、報告書 1件、指摘 0件 — 正常 1 / 警告 0 / 誤り 0 / 読取不可 0",
    ]
    listed = runner.invoke(main, ["check", str(good), "--as-of", "2026-11-25", "--all"])
    assert "■ 中央警察署  正常 1 / 警告 0 / 誤り 0 / 読取不可 0" in listed.output
    assert f"    {good}「報告書」" in listed.output


def test_check_error_exits_1_and_names_the_cell(
    runner: CliRunner, blank: Path, tmp_path: Path
) -> None:
    bad = _filled(blank, tmp_path / "in" / "bad.xlsx", civilian_attendees=None)
    out = runner.invoke(main, ["check", str(bad), "--json", "--as-of", "2026-11-25"])
    assert out.exit_code == 1
    record = json.loads(out.stdout)
    assert record["status"] == "error"
    assert record["issues"] == [
        {
            "severity": "error",
            "code": "R1.required",
            "field": "civilian_attendees",
            "cell": "報告書!O11",
            "message": "「出席者数（民間）」が記入されていません。出席者数（民間）を記入してください。",
        }
    ]


def test_check_future_date_is_an_error(runner: CliRunner, blank: Path, tmp_path: Path) -> None:
    bad = _filled(blank, tmp_path / "future.xlsx", date=date(2026, 12, 1))
    out = runner.invoke(main, ["check", str(bad), "--json", "--as-of", "2026-11-25"])
    assert out.exit_code == 1
    (issue,) = json.loads(out.stdout)["issues"]
    assert (issue["code"], issue["field"], issue["cell"]) == (
        "R2.future-date",
        "date",
        "報告書!F10",
    )


def test_check_unreadable_file_is_accounted_for_and_exits_1(
    runner: CliRunner, blank: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    _filled(blank, folder / "a_good.xlsx")
    (folder / "b_broken.xlsx").write_text("これはExcelではありません", encoding="utf-8")
    out = runner.invoke(main, ["check", str(folder), "--json", "--as-of", "2026-11-25"])
    assert out.exit_code == 1
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [Path(x["path"]).name for x in lines] == ["a_good.xlsx", "b_broken.xlsx"]
    broken = lines[1]
    assert broken["status"] == "unreadable" and broken["report"] is None
    assert broken["issues"][0]["code"] == "F1.not-workbook"
    assert "b_broken.xlsx" in broken["issues"][0]["message"]


def test_check_missing_path_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    out = runner.invoke(main, ["check", str(tmp_path / "nai.xlsx"), "--json"])
    assert out.exit_code == 1
    (line,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert line["issues"][0]["code"] == "F1.not-found"


def test_check_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["check"]).exit_code == 2
    assert runner.invoke(main, ["check", str(tmp_path), "--as-of", "いつか"]).exit_code == 2
    assert runner.invoke(main, ["check", str(tmp_path), "--registry", "nai.xlsx"]).exit_code == 2


def test_check_with_registry_flags_unknown_council_with_a_suggestion(
    runner: CliRunner, tmp_path: Path
) -> None:
    from toolkit.writing.registry_io import read_registry

    council = read_registry(REGISTRY).councils[0]
    typo = council.name.replace("連絡協議会", "連協議会")
    blank = tmp_path / "blank.xlsx"
    write_template(blank, Prefill(None, council.station, council.facility_name, typo))
    report = _filled(blank, tmp_path / "typo.xlsx", date=date(2026, 5, 20))
    out = runner.invoke(
        main, ["check", str(report), "--json", "--registry", str(REGISTRY), "--as-of", "2026-11-25"]
    )
    assert out.exit_code == 0, out.output
    (issue,) = json.loads(out.stdout)["issues"]
    assert (issue["code"], issue["field"], issue["cell"]) == (
        "R6.unknown-council",
        "council_name",
        "報告書!F9",
    )
    assert f"「{typo}」" in issue["message"]
    assert f"「{council.name}」の誤りではありませんか" in issue["message"]


def test_template_without_registry_writes_the_blank(runner: CliRunner, tmp_path: Path) -> None:
    out = runner.invoke(main, ["template", "-o", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    wb = load_workbook(tmp_path / "out" / BLANK_NAME)
    assert "報告書" in wb.sheetnames


def test_template_with_registry_writes_one_per_council(runner: CliRunner, tmp_path: Path) -> None:
    out = runner.invoke(main, ["template", "--registry", str(REGISTRY), "-o", str(tmp_path / "o")])
    assert out.exit_code == 0, out.output
    files = sorted((tmp_path / "o").rglob("*.xlsx"))
    from toolkit.writing.registry_io import read_registry

    registry = read_registry(REGISTRY)
    assert len(files) == len(registry.councils)
    first = registry.councils[0]
    path = tmp_path / "o" / first.station / f"{first.facility_name}_{first.name}.xlsx"
    ws = load_workbook(path)["報告書"]
    assert ws["D5"].value == first.station
    assert ws["F9"].value == first.name
    assert ws["Z9"].value == first.facility_name


def test_template_station_filter_and_unknown_station(runner: CliRunner, tmp_path: Path) -> None:
    from toolkit.writing.registry_io import read_registry

    registry = read_registry(REGISTRY)
    station = registry.stations()[1]
    out = runner.invoke(
        main, ["template", "--registry", str(REGISTRY), "--station", station, "-o", str(tmp_path)]
    )
    assert out.exit_code == 0, out.output
    written = {p.parent.name for p in tmp_path.rglob("*.xlsx")}
    assert written == {station}
    assert len(list(tmp_path.rglob("*.xlsx"))) == sum(
        1 for c in registry.councils if c.station == station
    )
    bad = runner.invoke(
        main, ["template", "--registry", str(REGISTRY), "--station", "架空署", "-o", str(tmp_path)]
    )
    assert bad.exit_code == 2
    assert "架空署" in bad.output


def test_python_dash_m_is_the_same_program() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True
    )
    assert "使い方: kyogikai" in out.stdout


def test_samples_are_deterministic_and_account_for_what_they_plant(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ["samples", "--count", "12", "--seed", "4", "--mistakes", "0.5"]
    first = runner.invoke(main, [*args, "-o", str(tmp_path / "a")])
    second = runner.invoke(main, [*args, "-o", str(tmp_path / "b")])
    assert first.exit_code == second.exit_code == 0, first.output
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.xlsx"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.xlsx"))
    # 12 reports, the registry and the 受付簿 (the day each file arrived)
    assert files_a == files_b and len(files_a) == 14
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    # each report's modification time is the day the 受付簿 says it arrived
    log = read_log(tmp_path / "a" / "受付簿.xlsx", date(2026, 11, 20))
    assert len(log.entries) == 12 and not log.problems
    for entry in log.entries:
        arrived = datetime.fromtimestamp((tmp_path / "a" / "reports" / entry.name).stat().st_mtime)
        assert arrived.date() == entry.day
        assert date.fromisoformat(PurePath(entry.name).name[:10]) <= entry.day
    planted = json.loads((tmp_path / "a" / "planted.json").read_text(encoding="utf-8"))
    assert sorted(planted) == sorted(str(p) for p in files_a if p.parts[0] == "reports")
    other = runner.invoke(
        main, ["samples", "--count", "12", "--seed", "5", "-o", str(tmp_path / "c")]
    )
    assert other.exit_code == 0
    manifest = "planted.json"
    assert (tmp_path / "c" / manifest).read_bytes() != (tmp_path / "a" / manifest).read_bytes()


def test_more_samples_than_the_councils_can_hold_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["samples", "-o", str(tmp_path), "--count", "50000"])
    assert result.exit_code == 2
    assert "報告書 50,000件は" in result.output and "--count を減らす" in result.output
    assert "Traceback" not in result.output and "ValueError" not in result.output
