"""Command line: parse arguments, make one library call (`toolkit.jobs`), render the result.
click lives only here.

Commands import what they need inside their body, so `kyogikai --help` stays fast.
"""

from toolkit.cli import forms, hq, layouts, ledger, reading, workspace  # noqa: F401  (each module registers its commands)
from toolkit.cli.group import main

__all__ = ["main"]
