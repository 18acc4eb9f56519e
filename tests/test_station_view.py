"""The readable output of `kyogikai check`: the reports that need attention grouped by police
station, each finding on its own line with its cell; with --all every report and the files
that were the same; with --verbose the sheets passed over; then the totals.

Layout at a terminal's width (line breaking, --quiet, click's texts): test_terminal.py."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import factories as F
import openpyxl
import pytest
from click.testing import CliRunner
from filled_forms import blank_form, fill

from toolkit.cells import Cell
from toolkit.cli import main
from toolkit.findings import Finding
from toolkit.render import VERBOSE, Display, StationView
from toolkit.results import FileResult
from toolkit.settings import Settings
from toolkit.writing.template import Prefill

NOT_A_REPORT = "報告書の様式ではないため読み飛ばしました"
MAKE = Settings(today=date(2026, 11, 25)).make


def _open_request(request: str, index: int = 0) -> Finding:
    finding = MAKE(
        "R5.open-request",
        field=f"requests[{index}].response",
        cell=Cell.parse(f"報告書!G{20 + index}"),
        request=request,
        hint="",
    )
    assert finding is not None
    return finding


def _not_count(found: str) -> Finding:
    finding = MAKE(
        "R3.not-count",
        field="police_attendees",
        cell=Cell.parse("報告書!D9"),
        label="出席者数（警察官）",
        found=found,
    )
    assert finding is not None
    return finding


def _run(folder: Path) -> list[FileResult]:
    """Four files as a check run yields them: two stations, one file that is not a workbook."""
    ekimae = F.file_result(folder / "中央", "1_ekimae.xlsx", F.report())
    honmachi = F.file_result(
        folder / "中央",
        "2_honmachi.xlsx",
        F.Meeting(
            F.report(
                council="本町交番連絡協議会",
                facility="本町交番",
                day=date(2026, 10, 20),
                requests=[("防犯灯の増設", None)],
            ),
            findings=(_open_request("防犯灯の増設"),),
        ),
    )
    minato = F.file_result(
        folder / "港北",
        "3_minato.xlsx",
        F.Meeting(
            F.report(
                station="港北警察署",
                council="港町交番連絡協議会",
                facility="港町交番",
                day=date(2026, 11, 2),
                police=None,
                requests=[("夜間のパトロール", None)],
            ),
            findings=(_not_count("数名"), _open_request("夜間のパトロール")),
        ),
    )
    minato.skipped = [("メモ", NOT_A_REPORT)]
    broken = F.unreadable(folder, "4_broken.xlsx")
    return [broken, ekimae, honmachi, minato]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path so that paths in the output are the short relative ones a user types."""
    monkeypatch.chdir(tmp_path)
    return Path("in")


def _view(results: list[FileResult], display: Display | None = None) -> list[str]:
    view = StationView(display or Display())
    for result in results:
        view.add(result)
    return view.lines()


BROKEN = (
    "「4_broken.xlsx」は壊れているため読めません（zip が壊れています）。"
    "Excelで開いて保存し直すか、元のファイルを再提出してください。"
)


def test_lines_station_by_station_with_unreadable_files_last(here: Path) -> None:
    assert _view(_run(here)) == [
        "■ 中央警察署  正常 1 / 警告 1 / 誤り 0 / 読取不可 0",
        "  警告  本町交番連絡協議会  令和8年10月20日",
        "    in/中央/2_honmachi.xlsx「報告書」",
        "    警告 G20  " + _open_request("防犯灯の増設").message,
        "",
        "■ 港北警察署  正常 0 / 警告 0 / 誤り 1 / 読取不可 0",
        "  誤り  港町交番連絡協議会  令和8年11月2日",
        "    in/港北/3_minato.xlsx「報告書」",
        "    誤り D9   " + _not_count("数名").message,
        "    警告 G20  " + _open_request("夜間のパトロール").message,
        "",
        "■ （所属不明）  正常 0 / 警告 0 / 誤り 0 / 読取不可 1",
        "  読取不可  4_broken.xlsx",
        "    in/4_broken.xlsx",
        "    誤り  " + BROKEN,
        "",
        "問題のない報告書 1件は表示していません（すべて表示するには --all を付けてください）。",
        "ファイル 4件、報告書 3件、指摘 3件 — 正常 1 / 警告 1 / 誤り 1 / 読取不可 1",
    ]


def test_all_lists_every_report_and_verbose_the_sheets_passed_over(here: Path) -> None:
    lines = _view(_run(here), Display(every=True, level=VERBOSE))
    assert lines[:6] == [
        "■ 中央警察署  正常 1 / 警告 1 / 誤り 0 / 読取不可 0",
        "  正常  駅前交番連絡協議会  令和8年10月15日",
        "    in/中央/1_ekimae.xlsx「報告書」",
        "  警告  本町交番連絡協議会  令和8年10月20日",
        "    in/中央/2_honmachi.xlsx「報告書」",
        "    警告 G20  " + _open_request("防犯灯の増設").message,
    ]
    assert lines[-2:] == [
        "読み飛ばし: in/港北/3_minato.xlsx「メモ」: 報告書の様式ではないため読み飛ばしました",
        "ファイル 4件、報告書 3件、指摘 3件 — 正常 1 / 警告 1 / 誤り 1 / 読取不可 1",
    ]
    assert not any(line.startswith("問題のない報告書") for line in lines)


def test_a_finding_on_another_sheet_names_its_sheet(here: Path) -> None:
    finding = MAKE(
        "R3.not-count",
        field="police_attendees",
        cell=Cell.parse("続紙!D9"),
        label="出席者数（警察官）",
        found="数名",
    )
    assert finding is not None
    result = F.file_result(here, "x.xlsx", F.Meeting(F.report(), findings=(finding,)))
    assert "    誤り 続紙!D9  " + finding.message in _view([result])


def test_a_report_without_a_station_is_listed_under_unknown_station_last(here: Path) -> None:
    nameless = F.file_result(here, "0_nameless.xlsx", F.report(station=""))
    lines = _view([nameless, *_run(here)])
    headers = [line for line in lines if line.startswith("■")]
    assert headers == [
        "■ 中央警察署  正常 1 / 警告 1 / 誤り 0 / 読取不可 0",
        "■ 港北警察署  正常 0 / 警告 0 / 誤り 1 / 読取不可 0",
        "■ （所属不明）  正常 1 / 警告 0 / 誤り 0 / 読取不可 1",
    ]


def _with_copy(folder: Path) -> list[FileResult]:
    """The run of `_run`, and 1_ekimae.xlsx sent again under another name."""
    results = _run(folder)
    again = F.file_result(folder / "中央", "1_ekimae_再送.xlsx", F.report())
    again.same_as = results[1].path
    return [*results, again]


def test_an_identical_file_is_named_with_all_or_verbose(here: Path) -> None:
    same = (
        "同一ファイル: in/中央/1_ekimae_再送.xlsx は in/中央/1_ekimae.xlsx "
        "と同じ内容のため1件として数えます。"
    )
    for display in (Display(every=True), Display(level=VERBOSE)):
        lines = _view(_with_copy(here), display)
        assert same in lines
        assert lines[lines.index(same) - 1] == ""  # after the last station
    assert same not in _view(_with_copy(here))


def test_an_identical_file_is_counted_once(here: Path) -> None:
    lines = _view(_with_copy(here))
    assert "■ 中央警察署  正常 1 / 警告 1 / 誤り 0 / 読取不可 0" in lines
    assert lines[-1] == (
        "ファイル 5件、同一内容 1件、報告書 3件、指摘 3件 — 正常 1 / 警告 1 / 誤り 1 / 読取不可 1"
    )


def test_a_short_station_name_is_grouped_with_the_full_one(here: Path) -> None:
    short = F.file_result(here / "中央", "5_sakaemachi.xlsx", F.report(station="中央署"))
    lines = _view([*_run(here), short])
    headers = [line for line in lines if line.startswith("■ 中央")]
    assert headers == ["■ 中央警察署  正常 2 / 警告 1 / 誤り 0 / 読取不可 0"]


# --- through the command line, on a folder of real workbooks --------------------------------


def test_cli_check_on_a_folder_groups_by_station(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    chuo = blank_form(tmp_path / "blank_chuo")
    kohoku = blank_form(
        tmp_path / "blank_kohoku", Prefill("C010", "港北警察署", "港町交番", "港町交番連絡協議会")
    )
    folder = Path("in")
    fill(chuo, folder / "中央" / "a.xlsx")
    fill(chuo, folder / "中央" / "b.xlsx", date=date(2026, 10, 16), request_2="通学路の見守り")
    fill(kohoku, folder / "港北" / "c.xlsx", civilian_attendees=0)
    book = openpyxl.load_workbook(folder / "港北" / "c.xlsx")
    book.create_sheet("メモ")["A1"] = "電話連絡の控え"
    book.save(folder / "港北" / "c.xlsx")
    shutil.copyfile(folder / "中央" / "a.xlsx", folder / "中央" / "d_再送.xlsx")
    (folder / "zz_broken.xlsx").write_text("Excelではありません", encoding="utf-8")

    out = CliRunner().invoke(main, ["check", str(folder), "--as-of", "2026-11-25", "--all", "-v"])
    assert out.exit_code == 1  # an unreadable file
    lines = out.output.splitlines()
    blocks = [line for line in lines if line.startswith(("■", "    in/"))]
    assert blocks[:3] == [
        blocks[0],
        "    in/中央/a.xlsx「報告書」",
        "    in/中央/b.xlsx「報告書」",
    ]
    assert blocks[0].startswith("■ 中央警察署  ")
    assert blocks[-4:] == [
        "■ 港北警察署  正常 0 / 警告 1 / 誤り 0 / 読取不可 0",
        "    in/港北/c.xlsx「報告書」",
        "■ （所属不明）  正常 0 / 警告 0 / 誤り 0 / 読取不可 1",
        "    in/zz_broken.xlsx",
    ]
    assert (
        "同一ファイル: in/中央/d_再送.xlsx は in/中央/a.xlsx と同じ内容のため1件として数えます。"
        in lines
    )
    assert f"読み飛ばし: in/港北/c.xlsx「メモ」: {NOT_A_REPORT}" in lines
    assert lines[-1].startswith("ファイル 5件、同一内容 1件、")
    default = CliRunner().invoke(main, ["check", str(folder), "--as-of", "2026-11-25"])
    shown = [line for line in default.output.splitlines() if line.startswith("    in/")]
    # a.xlsx is clean; b.xlsx has an open request, c.xlsx no civilians, zz is not a workbook
    assert shown == [
        "    in/中央/b.xlsx「報告書」",
        "    in/港北/c.xlsx「報告書」",
        "    in/zz_broken.xlsx",
    ]
