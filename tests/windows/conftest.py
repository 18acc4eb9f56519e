"""Fixtures of the Windows-behaviour layer: HQ's office PC simulated on any platform.

`windows(...)` applies simulations (`windows_simulation`) to this test and to every
Python process it starts (the command line, the spawned workers): a file held by Excel,
an antivirus holding a new file for a moment, a network drive reporting file ID 0, the
63-handle wait, a disk that fills up, a path over 260 characters (`winhelp.Windows`).
`office` is a working folder (kyogikai init) with the sample registry and two reports in
受信, the current folder of the test. The command line runs in this process
(`winhelp.invoke`) or in a child process with a cp932 or ASCII console (`winhelp.cli`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from filled_forms import EKIMAE, blank_form, fill
from winhelp import Windows, invoke

from toolkit.samples import fictional_registry
from toolkit.writing.registry_io import write_registry


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


@pytest.fixture(scope="session")
def prepared_office(tmp_path_factory: pytest.TempPathFactory, registry: Path, blank: Path) -> Path:
    """The working folder every `office` starts as, made once."""
    root = tmp_path_factory.mktemp("office") / "本部"
    assert invoke("init", root, "--registry", registry).exit_code == 0
    station = root / "受信" / "中央警察署"
    fill(blank, station / "clean.xlsx")
    fill(blank, station / "stranger.xlsx", council_name="架空協議会", date=date(2026, 10, 22))
    return root


@pytest.fixture
def office(
    tmp_path: Path, prepared_office: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A working folder (the current folder) with the sample registry and, in
    受信/中央警察署, a clean report and one whose council is not in the registry (a copy
    goes back to the station)."""
    root = tmp_path / "本部"
    shutil.copytree(prepared_office, root)
    monkeypatch.chdir(root)
    yield root
