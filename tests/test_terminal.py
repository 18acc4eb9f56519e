"""The terminal, made for people: problems only by default (--all, --quiet, --verbose), each
finding on its own indented line with its cell, lines broken at the terminal's width by
display width (Japanese characters take two columns), click's own texts in Japanese."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from filled_forms import blank_form, fill
from hypothesis import given
from hypothesis import strategies as st

from toolkit.cli import main
from toolkit.text import display_width, wrap

ROOT = Path(__file__).resolve().parent.parent
STATION = ROOT / "samples" / "reports" / "北野警察署"  # 9 reports, 4 with findings
AS_OF = ["--as-of", "2026-11-25"]
NO_START = "、。）」』】"


def _invoke(*args: str, columns: int | None = None, input: str | None = None) -> Result:
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    return CliRunner().invoke(main, list(args), env=env, input=input, prog_name="kyogikai")


def _widest(lines: list[str]) -> int:
    return max(max(display_width(x), display_width(x, ambiguous_wide=False)) for x in lines)


# --- line breaking -------------------------------------------------------------------------

MESSAGE = (
    "要望事項「防犯灯の増設」の措置・回答が記入されていません。回答が決まっていれば記入し、"
    "決まっていなければ対応の状況（検討中 等）を記入してください。Excelで開いて保存し直すか、"
    "--force を付けてください。"
)


@pytest.mark.parametrize(
    ("text", "wide", "narrow"),
    [
        ("abc", 3, 3),
        ("協議会", 6, 6),  # kanji
        ("ｱｲｳ", 3, 3),  # half-width katakana
        ("①○※", 6, 3),  # ambiguous: wide in a workbook, narrow on a terminal
        ("𠮷野家", 6, 6),  # a kanji beyond the Basic Multilingual Plane
        ("報告😀", 6, 6),  # a pictograph
        ("\U0001d400x", 2, 2),  # a mathematical letter beyond the plane: narrow
        ("𠮷①", 4, 3),
    ],
)
def test_display_width_counts_each_character(text: str, wide: int, narrow: int) -> None:
    assert display_width(text) == wide
    assert display_width(text, ambiguous_wide=False) == narrow


def test_japanese_text_breaks_between_characters_within_the_width() -> None:
    lines = wrap(MESSAGE, 40, indent=4, hang=8)
    assert lines[0].startswith("    要望事項") and all(x.startswith(" " * 8) for x in lines[1:])
    assert _widest(lines) <= 40
    assert "".join(x.strip() for x in lines).replace(" ", "") == MESSAGE.replace(" ", "")
    assert not any(x.strip()[0] in NO_START for x in lines)  # 「、」「。」 never start a line


def test_ascii_words_and_options_are_kept_whole() -> None:
    for width in range(24, 60):
        lines = wrap(MESSAGE, width)
        assert any("Excel" in line for line in lines), width
        assert any("--force" in line for line in lines), width
        assert _widest(lines) <= width


def test_a_path_breaks_after_a_folder_separator() -> None:
    path = "samples/reports/中央警察署/2026-05-06_中央警察署地区連絡協議会.xlsx"
    assert wrap(path, 50, indent=4, hang=6, path=True) == [
        "    samples/reports/中央警察署/",
        "      2026-05-06_中央警察署地区連絡協議会.xlsx",
    ]
    long = "x/" + "長" * 40
    assert _widest(wrap(long, 30, path=True)) <= 30  # a name longer than a line is cut


def test_without_a_width_nothing_is_broken() -> None:
    assert wrap(MESSAGE, None, indent=2) == ["  " + MESSAGE]
    assert wrap("一行目\n二行目", None, indent=2, hang=4) == ["  一行目", "    二行目"]


@given(
    st.text(alphabet="あいう漢字、。「」（）ab-/○※ 12", max_size=200),
    st.integers(min_value=20, max_value=100),
    st.integers(min_value=0, max_value=12),
)
def test_wrapped_lines_fit_and_lose_nothing(text: str, width: int, hang: int) -> None:
    lines = wrap(text, width, indent=2, hang=hang)
    assert _widest(lines) <= width
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


# --- what is shown -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean report, a report with three findings, and a workbook with a memo sheet."""
    root = tmp_path_factory.mktemp("terminal")
    blank = blank_form(root / "blank")
    inbox = root / "in"
    fill(blank, inbox / "a_clean.xlsx")
    fill(
        blank, inbox / "b_three.xlsx",
        police_attendees="数名", civilian_attendees=0, response_1="", date="2026-10-16",
    )  # fmt: skip
    memo = fill(blank, inbox / "c_memo.xlsx", date="2026-10-17")
    book = openpyxl.load_workbook(memo)
    book.create_sheet("メモ")["A1"] = "電話連絡の控え"
    book.save(memo)
    return inbox


def test_default_shows_the_reports_with_findings_each_finding_with_its_cell(folder: Path) -> None:
    out = _invoke("check", str(folder), *AS_OF)
    assert out.exit_code == 1, out.output
    records = [
        json.loads(x) for x in _invoke("check", str(folder), "--json", *AS_OF).stdout.splitlines()
    ]
    (three,) = [r for r in records if r["issues"]]
    lines = out.output.splitlines()
    assert [x for x in lines if x.startswith("  ") and not x.startswith("   ")] == [
        "  誤り  駅前交番連絡協議会  令和8年10月16日"
    ]
    findings = [x for x in lines if x.startswith(("    誤り", "    警告"))]
    assert findings == [
        f"    {'誤り' if i['severity'] == 'error' else '警告'} {i['cell'].split('!')[1]:<3}  {i['message']}"
        for i in three["issues"]
    ]
    assert len(findings) == 3 and "ほか" not in out.output
    assert lines[-2:] == [
        "問題のない報告書 2件は表示していません（すべて表示するには --all を付けてください）。",
        "ファイル 3件、報告書 3件、指摘 3件 — 正常 2 / 警告 0 / 誤り 1 / 読取不可 0",
    ]


def test_all_shows_every_report(folder: Path) -> None:
    out = _invoke("check", str(folder), "--all", *AS_OF)
    reports = [x.strip() for x in out.output.splitlines() if x.startswith(f"    {folder}")]
    assert reports == [
        f"{folder}/{n}「報告書」" for n in ("a_clean.xlsx", "b_three.xlsx", "c_memo.xlsx")
    ]
    assert "表示していません" not in out.output


def test_quiet_shows_the_totals_only(folder: Path) -> None:
    out = _invoke("check", str(folder), "--quiet", *AS_OF)
    assert out.exit_code == 1
    assert out.output.splitlines() == [
        "ファイル 3件、報告書 3件、指摘 3件 — 正常 2 / 警告 0 / 誤り 1 / 読取不可 0"
    ]
    both = _invoke("check", str(folder), "-q", "--all", *AS_OF)
    assert both.exit_code == 2
    assert "--quiet は --verbose や --all と一緒には指定できません。" in both.output


def test_verbose_adds_the_sheets_passed_over(folder: Path) -> None:
    memo = "「メモ」: 報告書の様式ではないため読み飛ばしました"
    assert memo not in _invoke("check", str(folder), *AS_OF).output
    verbose = _invoke("check", str(folder), "--verbose", *AS_OF).output.splitlines()
    assert f"読み飛ばし: {folder}/c_memo.xlsx{memo}" in verbose


def test_ingest_shows_the_same_problems_and_its_ledger_line(folder: Path, tmp_path: Path) -> None:
    out = _invoke("ingest", str(folder), "--db", str(tmp_path / "l.db"), *AS_OF)
    lines = out.output.splitlines()
    assert "  誤り  駅前交番連絡協議会  令和8年10月16日" in lines
    assert lines[-1].startswith(
        "ファイル 3件、報告書 3件、指摘 3件、読取不可 0件。台帳に新しいファイル 3件"
    )
    quiet = _invoke("ingest", str(folder), "--db", str(tmp_path / "l.db"), "-q", *AS_OF)
    assert len(quiet.output.splitlines()) == 1


# --- the width of the terminal -------------------------------------------------------------


def test_at_80_columns_no_line_is_wider_and_every_message_is_whole() -> None:
    out = _invoke("check", str(STATION), *AS_OF, columns=80)
    lines = out.output.splitlines()
    assert _widest(lines) <= 80
    records = [
        json.loads(x) for x in _invoke("check", str(STATION), "--json", *AS_OF).stdout.splitlines()
    ]
    messages = [i["message"] for r in records for i in r["issues"]]
    assert len(messages) == 5
    text = "".join(x.strip() for x in lines).replace(" ", "")
    for message in messages:  # every finding in full, its lines joined again
        assert message.replace(" ", "") in text
    starts = [x for x in lines if x.startswith(("    誤り", "    警告"))]
    assert len(starts) == len(messages)
    for line in lines[lines.index(starts[0]) + 1 :]:
        if line.startswith("              "):  # a message continued under itself
            assert line[14] != " "


def test_the_help_fits_80_columns_and_breaks_japanese_between_characters() -> None:
    for command in ([], ["check"], ["month"], ["init"], ["summary"]):
        out = _invoke(*command, "--help", columns=80)
        assert out.exit_code == 0
        assert _widest(out.output.splitlines()) <= 80, command


# --- click's own texts ---------------------------------------------------------------------


def test_help_is_in_japanese() -> None:
    out = _invoke("--help").output
    assert out.startswith("使い方: kyogikai [オプション] コマンド [引数]...")
    assert "  -h, --help  このメッセージを表示して終了します。" in out
    assert "オプション:" in out and "コマンド:" in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in out
    check = _invoke("check", "--help").output
    assert check.startswith("使い方: kyogikai check [オプション] パス...")
    assert "--as-of 日付" in check and "--jobs 整数" in check


def test_a_wrong_option_is_a_japanese_usage_error_with_exit_2() -> None:
    out = _invoke("check", "--nope")
    assert out.exit_code == 2
    assert "エラー: オプション" in out.output and "--nope" in out.output
    assert "はありません。" in out.output
    assert "使い方は「kyogikai check --help」で表示できます。" in out.output
    assert "Error" not in out.output and "No such option" not in out.output
    missing = _invoke("summary", "--period")
    assert missing.exit_code == 2
    assert "オプション '--period' には値が必要です。" in missing.output
    bad = _invoke("check", ".", "--jobs", "たくさん")
    assert bad.exit_code == 2
    assert "'--jobs' の値が正しくありません" in bad.output


def test_no_command_and_an_unknown_command_are_japanese() -> None:
    out = _invoke("nope")
    assert out.exit_code == 2
    assert "コマンド 'nope' はありません。" in out.output


def test_shell_completion_works_as_the_readme_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_KYOGIKAI_COMPLETE=bash_source kyogikai)"' in readme
    env = {"_KYOGIKAI_COMPLETE": "bash_complete", "COMP_WORDS": "kyogikai mo", "COMP_CWORD": "1"}
    out = CliRunner().invoke(main, [], prog_name="kyogikai", env=env)
    assert out.output.splitlines() == ["plain,month"]


def test_error_messages_are_fitted_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = _invoke("month", "2026-10", columns=60)
    assert out.exit_code == 2
    lines = out.output.splitlines()
    (first,) = [i for i, line in enumerate(lines) if line.startswith("エラー: ")]
    assert lines[first].startswith("エラー: 作業フォルダの設定ファイル")
    assert len(lines) - first > 1 and _widest(lines) <= 60
    assert all(line.startswith(" " * 8) for line in lines[first + 1 :])  # under the message
    wide = _invoke("month", "2026-10")  # not a terminal: one line
    assert wide.output.splitlines()[-1].endswith("--config で kyogikai.toml を指定してください。")
