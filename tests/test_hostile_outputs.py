"""Text from outside never becomes a formula, and odd characters never stop a writer.

A registry and reports (.xlsx, and .ods/.xls when LibreOffice is here) carry text that
starts with "=" (HYPERLINK, a DDE command), control characters and a literal `_x0008_`;
one report sheet is named "=1+1". Every command that writes a workbook runs on them, the
run goes on, and then every workbook written is scanned: no formula cell anywhere, and the
hostile text is still there, as text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from filled_forms import fill
from python_calamine import CalamineWorkbook

from toolkit.cli import main
from toolkit.samples import fictional_registry
from toolkit.writing.registry_io import write_registry
from toolkit.writing.template import Prefill, write_template

LINK = '=HYPERLINK("http://example.invalid/","押す")'
DDE = "=cmd|' /C calc'!A0"
CONTROL = "防犯\x01灯\x08の_x0008_増設"
RICH = "<r>防犯&灯</r>"  # shaped like rich-text markup, with a bare &: must stay text
AS_OF = "2026-11-25"


def _formula_cells(path: Path) -> list[str]:
    """Every cell of the workbook at `path` that holds a formula, as part:reference."""
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8")
                for m in re.finditer(r'<c r="([A-Z]+[0-9]+)"[^>]*>(?:(?!</c>).)*<f[ >]', xml):
                    found.append(f"{name}:{m.group(1)}")
    return found


def _texts(path: Path) -> set[str]:
    """Every text of the workbook as Excel shows it (calamine decodes `_xHHHH_` as Excel
    does; openpyxl would show the escapes)."""
    book = CalamineWorkbook.from_path(str(path))
    return {
        str(v)
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for v in row
        if v not in ("", None)
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    reg = fictional_registry(0)
    first = replace(reg.councils[0], name=LINK, facility_name=DDE, note=CONTROL)
    member = replace(reg.members[0], name=CONTROL, occupation=DDE)
    second = replace(reg.members[1], name=RICH)
    members = (member, second, *reg.members[2:])
    reg = replace(reg, councils=(first, *reg.councils[1:]), members=members)
    write_registry(reg, root / "registry.xlsx")
    inbox = root / "inbox"
    inbox.mkdir()
    blank = root / "blank.xlsx"
    write_template(blank, Prefill(first.council_id, first.station, DDE, LINK))
    fill(
        blank,
        inbox / "hostile.xlsx",
        venue=DDE,
        discussion=CONTROL,
        request_1="=1+1",
        response_1=LINK,
        request_2=RICH,
        response_2=RICH,
        date=date(2026, 10, 15),
        police_attendees="=2+3",
    )
    renamed = root / "renamed.xlsx"
    wb = openpyxl.load_workbook(inbox / "hostile.xlsx")
    wb.active.title = "=1+1"
    wb.save(renamed)
    soffice = shutil.which("soffice")
    if soffice is not None:
        for fmt in ("ods", "xls"):
            subprocess.run(
                [soffice, "--headless", "--convert-to", fmt, "--outdir", str(inbox), str(renamed)],
                check=True,
                capture_output=True,
                timeout=180,
            )
    return root


def _run(*args: str) -> None:
    out = CliRunner().invoke(main, list(args))
    assert out.exit_code in (0, 1), out.output
    assert "Traceback" not in out.output


def test_no_output_holds_a_formula_and_the_text_survives(hostile: Path) -> None:
    registry = str(hostile / "registry.xlsx")
    inbox = str(hostile / "inbox")
    out = hostile / "out"
    _run("template", "--registry", registry, "-o", str(out / "forms"))
    _run("template", "--registry", registry, "--plan", "--year", "FY2026", "-o", str(out / "plan"))
    _run(
        "check", inbox, "--registry", registry, "--as-of", AS_OF, "--feedback-dir", str(out / "fb")
    )
    _run("summary", inbox, "--period", "FY2026", "--registry", registry, "--as-of", AS_OF,
         "-o", str(out / "summary.xlsx"))  # fmt: skip
    db = str(hostile / "ledger.sqlite")
    _run("ingest", inbox, "--db", db, "--registry", registry, "--as-of", AS_OF)
    _run("remind", "--db", db, "--registry", registry, "--as-of", AS_OF, "-o", str(out / "remind"))
    _run("roster", "--registry", registry, "--as-of", AS_OF, "-o", str(out / "roster.xlsx"))

    written = sorted(out.rglob("*.xlsx"))
    kinds = {p.relative_to(out).parts[0] for p in written}
    assert kinds == {"forms", "plan", "fb", "summary.xlsx", "remind", "roster.xlsx"}
    for path in written:
        assert _formula_cells(path) == [], path

    form = next(p for p in (out / "forms").rglob("*.xlsx") if "cmd" in p.name)
    assert {LINK, DDE} <= _texts(form)
    feedback = sorted((out / "fb").rglob("*.xlsx"))
    assert len(feedback) == (3 if shutil.which("soffice") else 1)
    for path in feedback:
        texts = _texts(path)
        assert DDE in texts and "=1+1" in texts, path
        assert "防犯灯の_x0008_増設" in texts, path
    summary = _texts(out / "summary.xlsx")
    assert {LINK, DDE, "=1+1", RICH} <= summary
    assert LINK in _texts(out / "roster.xlsx")  # the council's name, as text
    assert {LINK, RICH} <= _texts(hostile / "registry.xlsx")  # as the registry was written


def test_a_formula_in_a_cell_of_a_report_is_never_carried_into_an_output(
    tmp_path: Path,
) -> None:
    # A station's own formula: the reader takes its cached value, the outputs write values.
    blank = tmp_path / "blank.xlsx"
    write_template(blank, Prefill("C002", "中央警察署", "駅前交番", "駅前交番連絡協議会"))
    wb = openpyxl.load_workbook(blank)
    ws = wb["報告書"]
    ws["Z10"] = '=HYPERLINK("http://example.invalid/","会場")'  # venue, as a live formula
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "formula.xlsx")
    _run("summary", str(tmp_path / "in"), "--period", "FY2026", "--as-of", AS_OF,
         "-o", str(tmp_path / "s.xlsx"))  # fmt: skip
    assert _formula_cells(tmp_path / "s.xlsx") == []
