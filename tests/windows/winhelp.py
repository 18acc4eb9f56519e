"""Helpers of the Windows-behaviour tests: the command line in this process (`invoke`)
or in a child process with its console (`cli`), and the working folder's month."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
AS_OF = "2026-11-25"


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
    run = Run(done.returncode, done.stdout.decode(encoding), done.stderr.decode(encoding))
    assert "Traceback" not in run.err and "Exception ignored" not in run.err, run.err
    return run


def month(*extra: object) -> Result:
    return invoke("month", "2026-10", "--as-of", AS_OF, *extra)


def returned(root: Path) -> list[str]:
    """The copies in 返却, relative to it."""
    folder = root / "返却"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.xlsx"))
