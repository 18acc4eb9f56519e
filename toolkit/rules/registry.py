"""Rules against HQ's registry: R6 the council is registered and its facility and police
station are the registered ones; R8 the meeting is not inside a period to avoid (第8条第3号)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from toolkit.era import wareki
from toolkit.findings import Finding
from toolkit.model import Report, Sourced
from toolkit.registry import Registry, same_name
from toolkit.registry.identity import BY_CLOSEST
from toolkit.rules.context import Context

Rule = Callable[[Report, Context], Iterator[Finding | None]]


def registered(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R6: council known; facility and police station as registered.

    A misspelt name that the council identity still matched (its facility and station
    are the report's own) is flagged as unknown, with the registered name suggested.
    """
    registry = ctx.registry
    name = report.council_name
    if registry is None or name.value is None:
        return
    identity = ctx.identity(report)
    council = identity.council
    if council is None or identity.how == BY_CLOSEST:
        yield ctx.settings.make(
            "R6.unknown-council",
            field="council_name",
            cell=name.cell,
            found=name.value,
            hint=_suggestion(name.value, registry, ctx),
        )
        return
    registered = {
        "council_name": ("R6.name-mismatch", council.name),
        "facility_name": ("R6.facility-mismatch", council.facility_name),
        "affiliation": ("R6.affiliation-mismatch", council.station),
    }
    for key, (code, expected) in registered.items():
        written: Sourced[str] = getattr(report, key)
        if written.value and not same_name(written.value, expected):
            yield ctx.settings.make(
                code, field=key, cell=written.cell, found=written.value, expected=expected
            )


def _suggestion(name: str, registry: Registry, ctx: Context) -> str:
    scored = registry.closest(name, limit=ctx.settings.suggestions)
    best = scored[0][1] if scored else 0.0
    # Only names about as close as the best one: a list of look-alikes would not help.
    close = [
        c.name
        for c, score in scored
        if score >= ctx.settings.suggestion_min_score and score >= best - 5
    ]
    if not close:
        return "協議会名簿に登録されている正式な名称を記入してください。"
    listed = "」「".join(close)
    return f"「{listed}」の誤りではありませんか。名簿の正式な名称を記入してください。"


def impartial_timing(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R8: a meeting inside a period of the registry's 期間設定 (e.g. an election) that
    concerns the meeting's council: everywhere, or its police station, or the council."""
    if ctx.registry is None or report.date.value is None:
        return
    who = ctx.identity(report)
    station = who.station or report.affiliation.value
    for period in ctx.registry.periods_on(report.date.value, who.key, station):
        yield ctx.settings.make(
            "R8.restricted-period",
            field="date",
            cell=report.date.cell,
            date=wareki(report.date.value),
            period=period.name,
            start=wareki(period.start),
            end=wareki(period.end),
        )


RULES: tuple[Rule, ...] = (registered, impartial_timing)
