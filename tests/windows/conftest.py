"""Fixtures of the Windows-behaviour layer: HQ's office PC simulated on any platform.

`windows(...)` applies simulations (`windows_simulation`) to this test and to every
Python process it starts (the command line, the spawned workers): a file held by Excel,
an antivirus holding a new file for a moment, a network drive reporting file ID 0, the
63-handle wait, a disk that fills up, a path over 260 characters. `cli(...)` runs the
real command line in a child process (with a cp932 or ASCII console, or none at all);
`invoke(...)` runs it in this process with click's runner. `office(...)` makes a working
folder (kyogikai init) with the sample registry and reports in 受信.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import windows_simulation
from filled_forms import EKIMAE, blank_form, fill
from winhelp import invoke

from toolkit.samples import fictional_registry
from toolkit.writing.registry_io import write_registry

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"


@dataclass
class Windows:
    """The simulations applied so far; `clock` once retries take no time."""

    monkeypatch: pytest.MonkeyPatch
    spec: dict[str, Any] = field(default_factory=dict)
    clock: windows_simulation.Clock | None = None

    def __call__(self, **spec: Any) -> Windows:
        if (spec.pop("clock", False) or "locked" in spec) and self.clock is None:
            self.clock = windows_simulation.install_clock(self.monkeypatch.setattr)
            self.spec["clock"] = True
        windows_simulation.apply(spec, self.monkeypatch.setattr)
        for key, value in spec.items():
            if key in ("locked", "network", "file_id_zero"):
                self.spec[key] = [*self.spec.get(key, []), *value]
            else:
                self.spec[key] = value
        self.monkeypatch.setenv(windows_simulation.ENV, json.dumps(self.spec, default=str))
        self.monkeypatch.setenv("PYTHONPATH", _python_path())
        return self

    def lock(self, path: Path, *, ops: list[str], times: int = -1, winerror: int = 32) -> None:
        """`path` held by another program for `times` attempts of `ops` (-1: for good)."""
        self(locked=[{"path": str(path), "ops": ops, "times": times, "winerror": winerror}])


def _python_path() -> str:
    given = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join([str(SITE), *[p for p in given if p != str(SITE)]])


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> Windows:
    return Windows(monkeypatch)


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "registry.xlsx"
    write_registry(fictional_registry(0), path)
    return path


@pytest.fixture(scope="session")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return blank_form(tmp_path_factory.mktemp("blank"), EKIMAE)


@pytest.fixture
def office(
    tmp_path: Path, registry: Path, blank: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A working folder (the current folder) with the sample registry and, in
    受信/中央警察署, a clean report and one whose council is not in the registry (a copy
    goes back to the station)."""
    root = tmp_path / "本部"
    assert invoke("init", root, "--registry", registry).exit_code == 0
    station = root / "受信" / "中央警察署"
    fill(blank, station / "clean.xlsx")
    fill(blank, station / "stranger.xlsx", council_name="架空協議会", date=date(2026, 10, 22))
    monkeypatch.chdir(root)
    yield root
