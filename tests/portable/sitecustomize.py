"""A platform without fork, for the tests: run them with KYOGIKAI_SIMULATE_PORTABLE=1.

Imported at start-up by every Python process whose path holds this folder (the test run
puts it on PYTHONPATH, so that worker processes and the command line started by the tests
are simulated too); tests/conftest.py applies it to the test process itself. It makes this
interpreter look, to the toolkit, like one on Windows or macOS:

- `resource` and `fcntl` cannot be imported (and are dropped if already imported);
- `os.fork`, `os.forkpty`, `os.register_at_fork`, `os.memfd_create` and `os.pread` are
  gone, so only the spawn start method can work.

psutil, which the watchdog uses to read a worker's memory, is imported before the block:
its Linux backend needs `resource` (on Windows and macOS it has backends of its own).
What the simulation cannot take away: /proc, and prctl in the C library. The code that
uses them runs only where `sys.platform` says Linux, and is reviewed for the other
platforms instead.
"""

from __future__ import annotations

import importlib.abc
import os
import sys

ENV = "KYOGIKAI_SIMULATE_PORTABLE"
BLOCKED_MODULES = frozenset({"resource", "fcntl"})
REMOVED_FROM_OS = ("fork", "forkpty", "register_at_fork", "memfd_create", "pread")


class _Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name in BLOCKED_MODULES:
            raise ModuleNotFoundError(f"No module named {name!r} (simulated)", name=name)
        return None


def simulate() -> None:
    """Take fork and the Linux-only modules away from this interpreter (idempotent)."""
    import psutil  # noqa: F401

    if not any(isinstance(f, _Blocker) for f in sys.meta_path):
        sys.meta_path.insert(0, _Blocker())
    for name in BLOCKED_MODULES:
        sys.modules.pop(name, None)
    for name in REMOVED_FROM_OS:
        if hasattr(os, name):
            delattr(os, name)


def simulated() -> bool:
    """Whether this interpreter is simulated."""
    return any(isinstance(f, _Blocker) for f in sys.meta_path) and not hasattr(os, "fork")


if os.environ.get(ENV) == "1":
    simulate()
