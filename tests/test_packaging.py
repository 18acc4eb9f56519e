"""The package as it is installed: declared dependencies, their floors, the wheelhouse."""

from __future__ import annotations

import ast
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import floors
import make_wheelhouse as wh

ROOT = Path(__file__).resolve().parent.parent

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# import name -> distribution name, where they differ
DISTRIBUTIONS = {"python_calamine": "python-calamine", "msoffcrypto": "msoffcrypto-tool"}


def declared(requirements: list[str]) -> set[str]:
    """The distributions required (extras left out: `psycopg[binary]` is psycopg)."""
    return {floors.pin(r).split("==")[0].split("[")[0].lower() for r in requirements}


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


# --- the wheelhouse -------------------------------------------------------------------------


def fake_wheel(folder: Path, name: str, requires: list[str]) -> Path:
    path = folder / f"{name}-1.0-py3-none-any.whl"
    metadata = "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}-1.0.dist-info/METADATA", f"Name: {name}\nVersion: 1.0\n{metadata}")
    return path


def test_what_only_the_target_platform_needs_is_fetched(tmp_path: Path) -> None:
    wheels = [
        fake_wheel(
            tmp_path,
            "tool",
            [
                "helper_lib>=1",
                'colorama; platform_system == "Windows"',
                'tzdata>=2022.7; sys_platform == "win32"',
                "uvloop; sys_platform == 'linux'",
                "pytest; extra == 'test'",
            ],
        ),
        fake_wheel(tmp_path, "helper_lib", []),
    ]
    assert wh.missing_requirements(wheels, "windows", "3.11") == ["colorama", "tzdata>=2022.7"]
    assert wh.missing_requirements(wheels, "linux", "3.11") == ["uvloop"]


def test_wheels_only_and_for_the_target() -> None:
    assert wh.download_flags("here", "3.11") == ["--only-binary=:all:"]
    flags = wh.download_flags("windows", "3.12")
    assert flags[0] == "--only-binary=:all:"
    assert " ".join(flags[1:]) == "--platform win_amd64 --python-version 3.12 --implementation cp"


def test_the_wheelhouse_says_how_to_install_in_japanese() -> None:
    windows = wh.guide("windows", ["3.11"])
    assert "py -3.11 -m venv" in windows
    assert "--no-index --find-links D:\\wheelhouse kyogikai" in windows
    assert "Windows（64ビット）" in windows
    linux = wh.guide("linux", ["3.12"])
    assert "python3.12 -m venv ~/kyogikai-venv" in linux
    assert "py -" not in linux


# --- what the package says about itself -------------------------------------------------------


def test_the_license_is_an_spdx_expression_with_its_text() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    # PEP 639: a license expression and a license classifier do not go together
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_the_classifiers_name_the_python_the_package_requires() -> None:
    assert PROJECT["requires-python"] == ">=3.11"
    assert "Programming Language :: Python :: 3.11" in PROJECT["classifiers"]
