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
