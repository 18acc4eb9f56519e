"""Dependencies point one way: each library stays inside the modules that own it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
MODULES = sorted(PACKAGE.rglob("*.py"))

# library → the only modules (relative to toolkit/) that may import it
OWNERS = {
    "click": ("cli.py",),
    "openpyxl": ("excel/",),
    "python_calamine": ("excel/",),
    "xlsxwriter": ("excel/",),
    "pandas": ("aggregate.py", "excel/summary.py"),
    "msoffcrypto": ("excel/safety.py",),
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_library_stays_in_its_modules(library: str) -> None:
    offenders = [
        relative(p)
        for p in MODULES
        if any(name == library or name.startswith(library + ".") for name in imports(p))
        and not relative(p).startswith(OWNERS[library])
    ]
    assert offenders == []


def test_nothing_imports_the_command_line() -> None:
    assert [relative(p) for p in MODULES if "toolkit.cli" in imports(p)] == ["__main__.py"]


def test_the_record_and_the_rules_know_no_excel_library() -> None:
    pure = [p for p in MODULES if relative(p) in ("model.py", "normalize.py", "findings.py")]
    pure += [p for p in MODULES if relative(p).startswith("rules/")]
    heavy = {"openpyxl", "python_calamine", "xlsxwriter", "pandas", "click", "toolkit.excel"}
    for path in pure:
        names = imports(path)
        assert not {n for n in names if n.split(".")[0] in heavy or n.startswith("toolkit.excel")}


def test_help_does_not_load_the_heavy_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from toolkit.cli import main;"
        "CliRunner().invoke(main, ['--help']);"
        "print(sorted(m for m in ('pandas','openpyxl','xlsxwriter','python_calamine')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
