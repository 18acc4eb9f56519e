"""Settings: which rules run, their severities, and the thresholds the directive leaves open.

Prefectures differ (some ask for more than one 定期会議 a year), so these are settings with
documented defaults, read from a TOML file when one is given:

```toml
[rules]
disabled = ["R8"]                 # a code ("R3.no-civilians") or a family ("R8")
regular_meetings_per_year = 2     # C1, 要綱第6条第2項: 年1回以上
[rules.severity]
"R5.open-request" = "error"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from toolkit.errors import InputError
from toolkit.findings import CATALOGUE, Finding, Severity


class SettingsError(InputError):
    """The settings file cannot be used (exit 2)."""


@dataclass(frozen=True)
class Settings:
    """Everything a rule may need to know that is not in the report or the registry."""

    today: date = field(default_factory=date.today)
    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    # C1: 定期会議 per fiscal year (Art. 6(2): at least once).
    regular_meetings_per_year: int = 1
    # R6: how many registered names to suggest for an unknown council, and how close.
    suggestions: int = 3
    suggestion_min_score: float = 60.0
    # Identity: a misspelt council name counts as the registered council whose facility
    # and police station are the report's own when the names are at least this close.
    identity_min_score: float = 80.0
    # C3: requests open longer than this many days are listed as overdue.
    open_request_overdue_days: int = 90
    # Retention (2(9)): years, counted from 1 April of the following fiscal year.
    retention_years: int = 1

    def enabled(self, code: str) -> bool:
        family = code.split(".", 1)[0]
        return code not in self.disabled and family not in self.disabled

    def make(self, code: str, **kwargs: Any) -> Finding | None:
        """A finding of the catalogue's kind, or None when the rule is switched off."""
        if not self.enabled(code):
            return None
        return CATALOGUE[code].make(severity=self.severity.get(code), **kwargs)


# Numeric settings and the type each must have.
_NUMBERS: dict[str, type] = {
    "regular_meetings_per_year": int,
    "suggestions": int,
    "suggestion_min_score": float,
    "identity_min_score": float,
    "open_request_overdue_days": int,
    "retention_years": int,
}


def load_settings(path: Path | None, **overrides: Any) -> Settings:
    """Settings from a TOML file (or the defaults), with explicit overrides applied last."""
    settings = Settings()
    if path is not None:
        settings = _from_toml(path, settings)
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **clean) if clean else settings


def _from_toml(path: Path, base: Settings) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"設定ファイル「{path}」を読めません: {exc}") from exc
    where = f"設定ファイル「{path}」"
    unknown = [k for k in data if k != "rules"]
    if unknown:
        raise SettingsError(
            f"{where}: 表「[{unknown[0]}]」は使えません。[rules] に書いてください。"
        )
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise SettingsError(f"{where}: [rules] が表になっていません。")
    changes: dict[str, Any] = {}
    for key, value in rules.items():
        if key == "disabled":
            changes["disabled"] = _disabled(value, where)
        elif key == "severity":
            changes["severity"] = _severities(value, where)
        elif key in _NUMBERS:
            changes[key] = _number(key, value, where)
        else:
            raise SettingsError(f"{where}: 項目「{key}」は使えません。")
    return replace(base, **changes)


def _disabled(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(
            f'{where}: disabled は ["R8", "R3.no-civilians"] のように文字列の一覧で書いてください。'
        )
    families = {code.split(".", 1)[0] for code in CATALOGUE}
    for code in value:
        if code not in CATALOGUE and code not in families:
            raise SettingsError(f"{where}: 規則コード「{code}」はありません。")
    return frozenset(value)


def _severities(value: object, where: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise SettingsError(
            f'{where}: [rules.severity] は "R5.open-request" = "error" のように書いてください。'
        )
    out: dict[str, Severity] = {}
    for code, level in value.items():
        if code not in CATALOGUE:
            raise SettingsError(f"{where}: 規則コード「{code}」はありません。")
        try:
            out[code] = Severity(level)
        except ValueError:
            raise SettingsError(
                f"{where}: 「{code}」の重大度「{level}」は error か warning にしてください。"
            ) from None
    return out


def _number(key: str, value: object, where: str) -> int | float:
    wanted = _NUMBERS[key]
    ok = isinstance(value, int) and not isinstance(value, bool)
    if wanted is float:
        ok = ok or isinstance(value, float)
    if not ok or value < 0:  # type: ignore[operator]
        kind = "0以上の整数" if wanted is int else "0以上の数"
        raise SettingsError(f"{where}: {key} は{kind}で書いてください（「{value}」）。")
    return wanted(value)
