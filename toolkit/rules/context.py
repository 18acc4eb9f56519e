"""What rules may look at besides the report: settings and, when given, the registry."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.model import Report
from toolkit.registry import Identity, Registry, identify_report
from toolkit.settings import Settings


@dataclass(frozen=True)
class Context:
    settings: Settings
    registry: Registry | None = None

    def identity(self, report: Report) -> Identity:
        """Who held the meeting of `report` (the one council identity)."""
        return identify_report(report, self.registry, self.settings.identity_min_score)
