"""Print the declared minimum of every run-time dependency as an exact pin.

    python scripts/floors.py                                   # name==floor, one a line
    python scripts/floors.py --also pytest --also hypothesis   # and these of the test extra

pyproject.toml promises that kyogikai works with the oldest release each dependency's
`>=` allows; CI installs exactly these pins into a fresh environment and runs the tests
that read and write workbooks, so that the promise is kept. Every run-time dependency must
therefore be written as `name>=version` or `name[extra]>=version` (with nothing else but
a comment).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_FLOOR = re.compile(
    r"([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[A-Za-z0-9._,-]+\])?)\s*>=\s*([0-9][A-Za-z0-9.]*)"
)


def pin(requirement: str) -> str:
    """`name>=1.2` as `name==1.2` (`name[extra]>=1.2` as `name[extra]==1.2`); ValueError
    for any other form."""
    match = _FLOOR.fullmatch(requirement.strip())
    if match is None:
        raise ValueError(f"not of the form name>=version: {requirement!r}")
    return f"{match.group(1)}=={match.group(2)}"


def floors(project: dict[str, Any], also: list[str]) -> list[str]:
    """Pins for the run-time dependencies, and for the named ones of the test extra."""
    dependencies: list[str] = project["dependencies"]
    extra: list[str] = project["optional-dependencies"]["test"]
    by_name = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower(): r for r in extra}
    missing = [name for name in also if name.lower() not in by_name]
    if missing:
        raise ValueError(f"not in the test extra: {', '.join(missing)}")
    return [pin(r) for r in dependencies + [by_name[n.lower()] for n in also]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--also", action="append", default=[], help="a test-extra package")
    args = parser.parse_args()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    try:
        print("\n".join(floors(project, args.also)))
    except ValueError as exc:
        sys.exit(f"floors.py: {exc}")


if __name__ == "__main__":
    main()
