"""Every Python process a Windows-behaviour test starts (the command line, its spawned
workers) is simulated like the test itself: the spec is in KYOGIKAI_SIMULATE_WINDOWS
(`windows_simulation`). When the run also simulates a platform without fork
(KYOGIKAI_SIMULATE_PORTABLE=1, tests/portable), that simulation is applied too: only one
`sitecustomize` is imported per interpreter."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE.parent))

if os.environ.get("KYOGIKAI_SIMULATE_PORTABLE") == "1":
    _spec = importlib.util.spec_from_file_location(
        "portable_simulation", _HERE.parent.parent / "portable" / "sitecustomize.py"
    )
    if _spec is not None and _spec.loader is not None:
        _portable = importlib.util.module_from_spec(_spec)
        _spec.loader.exec_module(_portable)

import windows_simulation  # noqa: E402

windows_simulation.from_environment()
