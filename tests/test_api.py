"""The public Python API: `from toolkit import …` for HQ's own scripts, light to import."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import toolkit

ROOT = Path(__file__).resolve().parent.parent
STUB = ROOT / "toolkit" / "__init__.pyi"


def stub_imports() -> dict[str, tuple[str, str]]:
    """public name -> (module, name there), as the type checkers' stub declares them."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                found[alias.asname or alias.name] = (node.module, alias.name)
    return found


def stub_all() -> list[str]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__":
            return list(ast.literal_eval(node.value))
    raise AssertionError("the stub has no __all__")


def test_the_stub_declares_what_the_package_exports() -> None:
    assert stub_imports() == toolkit._API
    assert sorted(stub_all()) == sorted(toolkit.__all__)


@pytest.mark.parametrize("name", sorted(toolkit._API))
def test_every_public_name_is_the_object_it_names(name: str) -> None:
    module, attribute = toolkit._API[name]
    __import__(module)
    assert getattr(toolkit, name) is getattr(sys.modules[module], attribute)
    assert name in dir(toolkit)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        toolkit.no_such_thing  # noqa: B018
    with pytest.raises(ImportError):
        from toolkit import no_such_thing  # type: ignore[attr-defined]  # noqa: F401


def test_importing_the_package_loads_nothing_else() -> None:
    code = (
        "import sys, toolkit;"
        "print(sorted(m for m in sys.modules if m.startswith('toolkit')"
        " or m.split('.')[0] in ('pandas','openpyxl','xlsxwriter','python_calamine','click')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "['toolkit']"


def test_the_documented_calls_work(tmp_path: Path) -> None:
    """The README's example: settings, a period, a check of the sample reports."""
    from toolkit import CheckRun, load_settings, parse_period, reading_options

    assert load_settings(None, today=date(2026, 11, 25)).today == date(2026, 11, 25)
    assert parse_period("2026-10") == parse_period("令和8年10月")
    reports = sorted((ROOT / "samples" / "reports").rglob("*.xlsx"))[:2]
    options = reading_options(registry=ROOT / "samples" / "registry.xlsx", as_of=date(2026, 11, 25))
    run = CheckRun(tuple(reports), options)
    statuses = [c.status for result in run for c in result.reports]
    assert len(statuses) == run.tally.reports + run.tally.unreadable == 2
    assert run.tally.files == 2
