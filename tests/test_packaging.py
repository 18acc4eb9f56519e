"""The package as it is installed: declared dependencies and their floors."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import floors

ROOT = Path(__file__).resolve().parent.parent

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# import name -> distribution name, where they differ
DISTRIBUTIONS = {"python_calamine": "python-calamine", "msoffcrypto": "msoffcrypto-tool"}


def declared(requirements: list[str]) -> set[str]:
    return {floors.pin(r).split("==")[0].lower() for r in requirements}


def imported_by_the_package() -> set[str]:
    """Distributions of every third-party module that toolkit/ imports, lazily or not."""
    found = set()
    for path in (ROOT / "toolkit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "toolkit" and top not in sys.stdlib_module_names:
                    found.add(DISTRIBUTIONS.get(top, top).lower())
    return found


def test_every_imported_package_is_a_declared_dependency() -> None:
    assert imported_by_the_package() == declared(PROJECT["dependencies"])


def test_pillow_is_for_the_tests_only() -> None:
    """openpyxl decodes pictures only when Pillow is there: the toolkit does not need it,
    and station pictures are not decoded in the process that reads the reports."""
    assert "pillow" not in declared(PROJECT["dependencies"])
    assert "pillow" in declared(PROJECT["optional-dependencies"]["test"])


def test_every_dependency_has_a_floor_ci_can_install() -> None:
    pins = floors.floors(PROJECT, ["pytest", "hypothesis", "pillow"])
    assert len(pins) == len(PROJECT["dependencies"]) + 3
    assert "python-calamine==0.4.0" in pins  # merged_cell_ranges came with 0.4.0


@pytest.mark.parametrize(
    ("requirement", "pin"), [("click>=8.2", "click==8.2"), (" olefile >= 0.46 ", "olefile==0.46")]
)
def test_a_floor_becomes_an_exact_pin(requirement: str, pin: str) -> None:
    assert floors.pin(requirement) == pin


@pytest.mark.parametrize("requirement", ["click", "click>=8.2,<9", "click~=8.2", "numpy>=1.23; x"])
def test_a_dependency_without_a_plain_floor_is_refused(requirement: str) -> None:
    with pytest.raises(ValueError):
        floors.pin(requirement)
