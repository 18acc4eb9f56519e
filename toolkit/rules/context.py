"""What rules may look at besides the report: settings and, when given, the registry."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.registry import Registry
from toolkit.settings import Settings


@dataclass(frozen=True)
class Context:
    settings: Settings
    registry: Registry | None = None
