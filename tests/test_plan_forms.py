"""Stations plan in Excel: one plan form per station, filled and merged into a new registry
(the original never modified), every unreadable mark named by its cell."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.writing.plan_forms import SHEET
from toolkit.writing.registry_io import read_registry

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "samples" / "registry.xlsx"


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    result = CliRunner().invoke(
        main, ["template", "--plan", "--registry", str(REGISTRY), "--year", "令和8年度",
               "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_one_form_per_station_with_its_councils(forms: Path) -> None:
    paths = sorted(forms.glob("*.xlsx"))
    assert len(paths) == len(read_registry(REGISTRY).stations())
    ws = openpyxl.load_workbook(forms / "令和8年度_年間計画_中央警察署.xlsx")[SHEET]
    assert ws["B2"].value == "令和8年度"
    assert [c.value for c in ws[5]][:5] == ["協議会ID", "施設名", "協議会名", "4月", "5月"]
    assert ws["P5"].value == "予定議題"
    ids = [ws.cell(r, 1).value for r in range(6, ws.max_row + 1)]
    expected = [c.council_id for c in read_registry(REGISTRY).councils if c.station == "中央警察署"]
    assert ids == expected
    assert ws.protection.sheet and not ws["D6"].protection.locked and ws["A6"].protection.locked
    (rule,) = ws.data_validations.dataValidation
    assert rule.formula1 == '"定,臨"' and str(rule.sqref).startswith("D6:O")


def test_filled_forms_merge_into_a_new_registry(forms: Path, tmp_path: Path) -> None:
    filled = tmp_path / "filled.xlsx"
    wb = openpyxl.load_workbook(forms / "令和8年度_年間計画_中央警察署.xlsx")
    ws = wb[SHEET]
    ws["D6"], ws["J6"], ws["P6"] = "定", "臨", "年末特別警戒"  # C001: April, October
    ws["M7"] = "定期"  # C002: January (of 2027)
    ws["F8"] = "×"  # not a mark
    wb.save(filled)
    before = hashlib.sha256(REGISTRY.read_bytes()).hexdigest()
    out = tmp_path / "新名簿.xlsx"
    result = CliRunner().invoke(
        main, ["plan", str(filled), "--registry", str(REGISTRY), "-o", str(out)]
    )
    assert result.exit_code == 1  # something could not be read: said, and the rest merged
    assert f"「filled.xlsx」{SHEET}!F8: 「×」は読み取れません。" in result.output
    plans = [
        (p.fiscal_year, p.council_id, p.month, p.kind, p.topic)
        for p in read_registry(out).plans
        if p.council_id in ("C001", "C002")
    ]
    assert plans == [
        (2026, "C001", date(2026, 4, 1), "regular", "年末特別警戒"),
        (2026, "C001", date(2026, 10, 1), "extraordinary", "年末特別警戒"),
        (2026, "C002", date(2027, 1, 1), "regular", ""),
    ]
    assert hashlib.sha256(REGISTRY.read_bytes()).hexdigest() == before


def test_merging_refuses_to_write_over_the_original(tmp_path: Path) -> None:
    copy = tmp_path / "名簿.xlsx"
    copy.write_bytes(REGISTRY.read_bytes())
    result = CliRunner().invoke(main, ["plan", str(tmp_path), "--registry", str(copy),
                                       "-o", str(copy)])  # fmt: skip
    assert result.exit_code == 2
    assert "元の協議会名簿です" in result.output


def test_a_file_that_is_not_a_plan_form_is_reported(tmp_path: Path) -> None:
    other = tmp_path / "memo.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "メモ"
    wb.save(other)
    out = tmp_path / "新名簿.xlsx"
    result = CliRunner().invoke(main, ["plan", str(other), "--registry", str(REGISTRY),
                                       "-o", str(out)])  # fmt: skip
    assert result.exit_code == 1
    assert "「memo.xlsx」に「年間計画」シートがありません" in result.output


def _merge(tmp_path: Path, *forms: Path) -> tuple[int, str, Path]:
    out = tmp_path / f"新名簿_{forms[0].stem}.xlsx"
    args = ["plan", *map(str, forms), "--registry", str(REGISTRY), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output, out


def test_plan_says_which_stations_did_not_return_a_form_and_which_councils_lack_a_regular_month(
    forms: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "中央.xlsx"
    wb = openpyxl.load_workbook(forms / "令和8年度_年間計画_中央警察署.xlsx")
    ws = wb[SHEET]
    ids = [ws.cell(r, 1).value for r in range(6, ws.max_row + 1)]
    for r in range(6, ws.max_row + 1):
        ws.cell(r, 4).value = "定"  # April, every council
    ws["D7"] = "臨"  # the second council plans only a 臨時会議
    wb.save(filled)
    code, output, _ = _merge(tmp_path, filled)
    assert code == 0, output
    stations = [s for s in read_registry(REGISTRY).stations() if s != "中央警察署"]
    assert (
        f"確認してください: 令和8年度の年間計画の様式が届いていない警察署: {'、'.join(stations)}"
        in (output)
    )
    assert "定期会議の予定月がない協議会（要綱第6条第2項: 年1回以上）: " + ids[1] in output


def test_a_circle_is_read_only_where_the_form_says_what_it_means(
    forms: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "丸.xlsx"
    wb = openpyxl.load_workbook(forms / "令和8年度_年間計画_中央警察署.xlsx")
    wb[SHEET]["E6"] = "○"
    wb.save(plain)
    code, output, _ = _merge(tmp_path, plain)
    assert code == 1
    assert "「丸.xlsx」年間計画!E6: 「○」は読み取れません。この様式には「○」が定期・臨時" in output
    legend = tmp_path / "凡例.xlsx"
    ws = wb[SHEET]
    ws["A4"] = "○＝定期会議、△＝臨時会議"  # the station's own legend on the form
    wb.save(legend)
    code, output, out = _merge(tmp_path, legend)
    assert code == 0, output
    plans = [
        (p.council_id, p.month, p.kind) for p in read_registry(out).plans if p.council_id == "C001"
    ]
    assert plans == [("C001", date(2026, 5, 1), "regular")]


def test_a_formula_without_its_result_and_a_council_listed_twice_are_named(
    forms: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "数式.xlsx"
    wb = openpyxl.load_workbook(forms / "令和8年度_年間計画_中央警察署.xlsx")
    ws = wb[SHEET]
    ws["F6"] = '=IF(TRUE,"定","")'  # openpyxl saves no result for it
    ws["D6"] = "定"
    last = ws.max_row + 1
    ws.cell(last, 1).value = "C001"  # the same council again, at the bottom
    ws.cell(last, 10).value = "臨"
    wb.save(odd)
    code, output, out = _merge(tmp_path, odd)
    assert code == 1
    assert (
        '「数式.xlsx」年間計画!F6: 数式「=IF(TRUE,"定","")」の結果がファイルに保存されていない'
        in output
    )
    assert f"「数式.xlsx」年間計画!A{last}: 協議会ID「C001」の行が6行目にもあります" in output
    plans = [(p.month.month, p.kind) for p in read_registry(out).plans if p.council_id == "C001"]
    assert plans == [(4, "regular"), (10, "extraordinary")]
