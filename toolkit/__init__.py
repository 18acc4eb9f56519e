"""kyogikai: 交番・駐在所連絡協議会 開催結果報告書の様式配布・点検・集計.

The public Python API, for HQ's own scripts (README, "Python API"). Each name is imported
on first use, so that `import toolkit`, and `kyogikai --help`, load none of the reading
and summary libraries::

    from pathlib import Path

    from toolkit import CheckRun, reading_options

    run = CheckRun((Path("reports"),), reading_options(registry=Path("registry.xlsx")))
    for result in run:
        for checked in result.reports:
            print(checked.path, checked.sheet, checked.status)
    print(run.tally.line())

The job that writes sample reports is `make_samples` here: `toolkit.samples` is the
package of the fictional prefecture's sample data.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> (module, name there)
_API: dict[str, tuple[str, str]] = {
    # one call per command (toolkit.jobs)
    "reading_options": ("toolkit.jobs", "reading_options"),
    "load_registry": ("toolkit.jobs", "load_registry"),
    "CheckRun": ("toolkit.jobs", "CheckRun"),
    "ingest": ("toolkit.jobs", "ingest"),
    "summary": ("toolkit.jobs", "summary"),
    "retention": ("toolkit.jobs", "retention"),
    "templates": ("toolkit.jobs", "templates"),
    "make_samples": ("toolkit.jobs", "samples"),
    # the pipeline underneath
    "check_paths": ("toolkit.check", "check_paths"),
    "Options": ("toolkit.check", "Options"),
    # what comes back
    "FileResult": ("toolkit.results", "FileResult"),
    "Tally": ("toolkit.results", "Tally"),
    "Report": ("toolkit.model", "Report"),
    "Finding": ("toolkit.findings", "Finding"),
    # what goes in
    "Settings": ("toolkit.settings", "Settings"),
    "load_settings": ("toolkit.settings", "load_settings"),
    "Registry": ("toolkit.registry", "Registry"),
    "Period": ("toolkit.fiscal", "Period"),
    "parse_period": ("toolkit.fiscal", "parse_period"),
    "Ledger": ("toolkit.ledger", "Ledger"),
    # whose fault it is when a run cannot go on
    "KyogikaiError": ("toolkit.errors", "KyogikaiError"),
    "InputError": ("toolkit.errors", "InputError"),
    "OperationalError": ("toolkit.errors", "OperationalError"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # the next look-up does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
