"""Rules of the 実施要綱: each family in its own module, each rule a small generator.

Rules see records and return findings; they never raise for bad data. `check_report` runs
every per-report rule (R1–R6, R8); R7 needs all reports and lives in `duplicates`.
"""

from __future__ import annotations

from toolkit.findings import Finding
from toolkit.model import Report
from toolkit.rules import registry as registry_rules
from toolkit.rules import report as report_rules
from toolkit.rules.context import Context

__all__ = ["Context", "check_report"]


def check_report(report: Report, ctx: Context) -> list[Finding]:
    """Every per-report finding, in the order of the form."""
    found: list[Finding] = []
    for rule in (*report_rules.RULES, *registry_rules.RULES):
        found.extend(f for f in rule(report, ctx) if f is not None)
    return found
