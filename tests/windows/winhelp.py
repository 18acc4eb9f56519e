"""Helpers of the Windows-behaviour tests: the command line in this process (`invoke`)
or in a child process with its console (`cli`), and the working folder's month."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import windows_simulation
from click.testing import CliRunner, Result

import toolkit
from toolkit.cli import main

# The source tree of the toolkit under test (child processes run the same code).
ROOT = Path(toolkit.__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "site"
AS_OF = "2026-11-25"


@dataclass
class Windows:
    """The simulations applied so far; `clock` once retries take no time."""

    monkeypatch: pytest.MonkeyPatch
    spec: dict[str, Any] = field(default_factory=dict)
    clock: windows_simulation.Clock | None = None

    def __call__(self, **spec: Any) -> Windows:
        if (spec.pop("clock", False) or "locked" in spec) and self.clock is None:
            self.clock = windows_simulation.install_clock(self._patch)
            self.spec["clock"] = True
        windows_simulation.apply(spec, self._patch)
        for key, value in spec.items():
            if key in ("locked", "network", "file_id_zero"):
                self.spec[key] = [*self.spec.get(key, []), *value]
            else:
                self.spec[key] = value
        self.monkeypatch.setenv(windows_simulation.ENV, json.dumps(self.spec, default=str))
        self.monkeypatch.setenv("PYTHONPATH", _python_path())
        return self

    def _patch(self, owner: Any, name: str, value: Any) -> None:
        self.monkeypatch.setattr(owner, name, value, raising=False)

    def lock(self, path: Path, *, ops: list[str], times: int = -1, winerror: int = 32) -> None:
        """`path` held by another program for `times` attempts of `ops` (-1: for good)."""
        self(locked=[{"path": str(path), "ops": ops, "times": times, "winerror": winerror}])


def _python_path() -> str:
    given = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join([str(SITE), *[p for p in given if p != str(SITE)]])


def invoke(*args: object, input: str | None = None) -> Result:
    """The command line in this process; never a traceback, never an unexpected error."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output
    assert "予期しないエラー" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli(
    *args: object,
    cwd: Path,
    encoding: str = "utf-8",
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> Run:
    """The installed command line (python -m toolkit) in a child process, its output
    decoded as `encoding` (the console's), with the simulations of the test."""
    environment = {**os.environ, "PYTHONIOENCODING": encoding, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *environment.get("PYTHONPATH", "").split(os.pathsep)]
    ).rstrip(os.pathsep)
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", *[str(a) for a in args]],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=timeout,
    )
    out, err = (data.decode(encoding, "replace") for data in (done.stdout, done.stderr))
    run = Run(done.returncode, out, err)
    assert "Traceback" not in run.err and "Exception ignored" not in run.err, run.err
    return run


def month(*extra: object) -> Result:
    return invoke("month", "2026-10", "--as-of", AS_OF, *extra)


def returned(root: Path) -> list[str]:
    """The copies in 返却, relative to it."""
    folder = root / "返却"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.xlsx"))
