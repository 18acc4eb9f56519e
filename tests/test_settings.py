"""Settings: switching rules off, changing severities, the thresholds, and settings files that
cannot be used (a Japanese SettingsError, exit 2 on the command line)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import pytest
from click.testing import CliRunner
from filled_forms import TODAY, blank_form, fill

from toolkit.cli import main
from toolkit.findings import CATALOGUE, Severity
from toolkit.results import Checked
from toolkit.rules import Context, check_report
from toolkit.samples import fictional_registry
from toolkit.settings import Settings, SettingsError, load_settings

REGISTRY = fictional_registry(0)


def toml(tmp_path: Path, text: str, name: str = "settings.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(settings: Settings, **report: Any) -> list[str]:
    """The codes the per-report rules give for a factory report (with the sample registry)."""
    found = check_report(F.report(**report), Context(settings, REGISTRY))
    return [f.code for f in found]


# --- defaults ------------------------------------------------------------------------------------


def test_without_a_file_every_rule_is_on_with_the_catalogues_severity() -> None:
    settings = load_settings(None, today=TODAY)
    assert settings == Settings(today=TODAY)
    assert all(settings.enabled(code) for code in CATALOGUE)
    assert settings.regular_meetings_per_year == 1
    finding = settings.make(
        "R5.open-request", field="requests[0].response", request="街灯", found=None, hint=""
    )
    assert finding is not None and finding.severity is Severity.WARNING


def test_an_empty_file_is_the_defaults(tmp_path: Path) -> None:
    assert load_settings(toml(tmp_path, ""), today=TODAY) == Settings(today=TODAY)


def test_overrides_win_over_the_file_and_none_leaves_it(tmp_path: Path) -> None:
    path = toml(tmp_path, "[rules]\nsuggestions = 5\n")
    assert load_settings(path, today=TODAY).today == TODAY
    assert load_settings(path, today=None).suggestions == 5
    assert load_settings(path, suggestions=2).suggestions == 2


# --- switching rules off -------------------------------------------------------------------------


def test_disabling_a_family_switches_off_every_code_of_it(tmp_path: Path) -> None:
    on = Settings(today=TODAY)
    off = load_settings(toml(tmp_path, '[rules]\ndisabled = ["R8"]\n'), today=TODAY)
    in_election = {"day": date(2026, 9, 10), "civilians": 0}  # 県知事選挙 2026-09-06 … 09-27
    assert codes(on, **in_election) == ["R3.no-civilians", "R8.restricted-period"]
    assert codes(off, **in_election) == ["R3.no-civilians"]
    assert not off.enabled("R8.restricted-period")
    assert off.enabled("R3.no-civilians")


def test_disabling_one_code_leaves_the_rest_of_its_family(tmp_path: Path) -> None:
    off = load_settings(toml(tmp_path, '[rules]\ndisabled = ["R3.no-civilians"]\n'), today=TODAY)
    nobody = {"police": 0, "civilians": 0}
    assert codes(Settings(today=TODAY), **nobody) == ["R3.no-police", "R3.no-civilians"]
    assert codes(off, **nobody) == ["R3.no-police"]


def test_a_disabled_r7_is_not_reported_across_files(tmp_path: Path) -> None:
    from toolkit.rules.duplicates import DuplicateTracker

    settings = replace(Settings(today=TODAY), disabled=frozenset({"R7"}))
    tracker = DuplicateTracker(Context(settings, REGISTRY))
    first = F.file_result(tmp_path, "a.xlsx", F.report(civilians=10))
    second = F.file_result(tmp_path, "b.xlsx", F.report(civilians=12))
    assert list(tracker.findings(first)) == []
    assert list(tracker.findings(second)) == []
    enabled = DuplicateTracker(Context(Settings(today=TODAY), REGISTRY))
    list(enabled.findings(first))
    assert [f.code for _, f in enabled.findings(second)] == ["R7.duplicate"]


# --- severities ----------------------------------------------------------------------------------


def test_a_severity_changes_the_finding_and_the_status(tmp_path: Path) -> None:
    path = toml(tmp_path, '[rules.severity]\n"R5.open-request" = "error"\n')
    settings = load_settings(path, today=TODAY)
    report = F.report(requests=[("防犯灯の増設", None)])
    for level, status in ((Settings(today=TODAY), "warning"), (settings, "error")):
        found = check_report(report, Context(level, REGISTRY))
        assert [(f.code, str(f.severity)) for f in found] == [("R5.open-request", status)]
        assert Checked("a.xlsx", "報告書", None, report, found).status == status


def test_numbers_are_read(tmp_path: Path) -> None:
    text = (
        "[rules]\n"
        "regular_meetings_per_year = 2\n"
        "suggestions = 1\n"
        "suggestion_min_score = 75.5\n"
        "open_request_overdue_days = 30\n"
        "retention_years = 3\n"
    )
    settings = load_settings(toml(tmp_path, text))  # the old name of problem_solving_days
    assert (
        settings.regular_meetings_per_year,
        settings.suggestions,
        settings.suggestion_min_score,
        settings.problem_solving_days,
        settings.retention_years,
    ) == (2, 1, 75.5, 30, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("retention_years = 100000000", "retention_years は1から30までの整数で書いてください"),
        ("suggestion_min_score = nan", "suggestion_min_score は0から100までの数で書いてください"),
        ("suggestion_min_score = inf", "suggestion_min_score は0から100までの数で書いてください"),
        ("reminder_days = -1", "reminder_days は0から365までの整数で書いてください"),
        ("max_attendees = 1.5", "max_attendees は1から100,000までの整数で書いてください"),
        ("regular_meetings_per_year = 0", "regular_meetings_per_year は1から12までの整数"),
        ("pending_words = []", "pending_words は"),
        ('pending_words = ["検討中", 3]', "pending_words は"),
    ],
)
def test_numbers_outside_their_range_are_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(toml(tmp_path, f"[rules]\n{text}\n"))


def test_pending_words_replace_the_default_list(tmp_path: Path) -> None:
    path = toml(tmp_path, '[rules]\npending_words = ["検討中", " 調整中 "]\n')
    assert load_settings(path).pending_words == ("検討中", "調整中")


# --- files that cannot be used -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[rules.severity]\n"R5.nothing" = "error"\n',
            "設定ファイル「{path}」: 規則コード「R5.nothing」はありません。",
        ),
        (
            '[rules.severity]\n"R5.open-request" = "fatal"\n',
            "設定ファイル「{path}」: 「R5.open-request」の重大度「fatal」は"
            " error か warning にしてください。",
        ),
        ("[rules]\ncolour = 1\n", "設定ファイル「{path}」: 項目「colour」は使えません。"),
        ("rules = 3\n", "設定ファイル「{path}」: [rules] が表になっていません。"),
    ],
    ids=["unknown_code", "bad_severity", "unknown_key", "rules_not_a_table"],
)
def test_a_wrong_setting_is_a_japanese_settings_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = toml(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert str(caught.value) == message.format(path=path)


def test_broken_toml_is_a_settings_error(tmp_path: Path) -> None:
    path = toml(tmp_path, '[rules]\ndisabled = ["R8"\n')
    with pytest.raises(
        SettingsError, match=r"^設定ファイル「.*settings\.toml」の 2行目を読めません: 一覧の終わり"
    ):
        load_settings(path)


def test_a_file_saved_as_shift_jis_is_read(tmp_path: Path) -> None:
    # Notepad on a Japanese PC may save as ANSI (Shift_JIS); サクラエディタ and 秀丸 do.
    path = tmp_path / "settings.toml"
    path.write_bytes('# 設定\n[rules]\ndisabled = ["R8"]\n'.encode("cp932"))
    assert load_settings(path).disabled == frozenset({"R8"})


def test_a_missing_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="を読めません"):
        load_settings(tmp_path / "nai.toml")


# Settings files that cannot mean what was written are refused, not half applied.


def test_disabled_as_a_string_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, '[rules]\ndisabled = "R8"\n'))


def test_an_unknown_code_in_disabled_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"R3\.no-civilian"):
        load_settings(toml(tmp_path, '[rules]\ndisabled = ["R3.no-civilian"]\n'))


@pytest.mark.parametrize("text", ['severity = "error"', "disabled = 5"])
def test_a_value_of_the_wrong_type_is_a_settings_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, f"[rules]\n{text}\n"))


def test_a_number_that_is_not_a_number_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, '[rules]\nregular_meetings_per_year = "two"\n'))


def test_an_unknown_table_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        load_settings(toml(tmp_path, '[rule]\ndisabled = ["R8"]\n'))


# --- through the command line --------------------------------------------------------------------


@pytest.fixture
def open_request(tmp_path: Path) -> Path:
    """A report whose only finding is an open request (R5.open-request, a warning)."""
    blank = blank_form(tmp_path)
    return fill(blank, tmp_path / "in" / "report.xlsx", request_2="通学路の見守り")


def _check(*args: str) -> tuple[int, str]:
    """Exit code and stdout (stderr may carry progress and a closing tally)."""
    out = CliRunner().invoke(main, ["check", *args, "--as-of", "2026-11-25"])
    return out.exit_code, out.stdout if "--json" in args else out.output


def test_cli_config_disables_a_rule(tmp_path: Path, open_request: Path) -> None:
    config = toml(tmp_path, '[rules]\ndisabled = ["R5"]\n')
    assert _check(str(open_request))[0] == 0
    code, output = _check(str(open_request), "--config", str(config))
    assert code == 0, output
    assert output.splitlines()[-1].endswith("指摘 0件 — 正常 1 / 警告 0 / 誤り 0 / 読取不可 0")


def test_cli_config_raises_a_severity_to_error_and_exit_1(
    tmp_path: Path, open_request: Path
) -> None:
    config = toml(tmp_path, '[rules.severity]\n"R5.open-request" = "error"\n')
    code, output = _check(str(open_request), "--config", str(config), "--json")
    assert code == 1, output
    record = json.loads(output)
    assert record["status"] == "error"
    assert [(i["code"], i["severity"]) for i in record["issues"]] == [("R5.open-request", "error")]


def test_cli_bad_config_exits_2_with_the_japanese_reason(
    tmp_path: Path, open_request: Path
) -> None:
    config = toml(tmp_path, "[rules]\ncolour = 1\n")
    code, output = _check(str(open_request), "--config", str(config))
    assert code == 2
    assert f"設定ファイル「{config}」: 項目「colour」は使えません。" in output


def test_cli_missing_config_exits_2(tmp_path: Path, open_request: Path) -> None:
    code, _ = _check(str(open_request), "--config", str(tmp_path / "nai.toml"))
    assert code == 2
