"""The yearly plan's jobs: the plan forms handed to stations, and merging the filled
forms into a new registry (`kyogikai template --plan`, `kyogikai plan`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit.errors import InputError
from toolkit.fileio import Protected, distinct_paths, guard_output
from toolkit.jobs import _writing, load_registry
from toolkit.registry import PlannedMeeting, Registry, same_name


def fiscal_year_of(text: str | None, today: date | None = None) -> int:
    """The fiscal year named by `text` (FY2026, 2026, 令和8年度), or today's."""
    from toolkit.fiscal import fiscal_year
    from toolkit.registry.plan import parse_fiscal_year

    if text is None:
        return fiscal_year(today or date.today())
    year = parse_fiscal_year(text)
    if year is None:
        raise InputError(
            f"年度「{text}」を読み取れません。「FY2026」「令和8年度」のように指定してください。"
        )
    return year


def plan_forms(
    out_dir: Path,
    registry: Registry,
    fiscal_year: int,
    station: str | None,
    today: date,
    *,
    force: bool = False,
) -> list[Path]:
    """Write one yearly-plan form per police station (of one station with `station`). A
    form at its place that a station has begun to fill is never replaced (unless `force`)."""
    from toolkit.writing.plan_forms import plan_form_path, write_plan_form

    stations = registry.stations()
    if station:
        stations = [s for s in stations if same_name(s, station)]
        if not stations:
            known = "、".join(registry.stations())
            raise InputError(f"警察署「{station}」は名簿にありません（名簿の警察署: {known}）。")
    paths = distinct_paths(plan_form_path(out_dir, name, fiscal_year) for name in stations)
    targets = list(zip(stations, paths, strict=True))
    for _, path in targets:
        guard_output(path, Protected(force=force), _unfilled_plan)
    written = []
    for name, path in targets:
        councils = [c for c in registry.councils if c.station == name]
        _writing(path, functools.partial(write_plan_form, path, name, fiscal_year, councils, today))
        written.append(path)
    return written


@dataclass
class PlanMerge:
    written: Path
    forms: int
    planned: int
    problems: list[str]  # what could not be read
    conflicts: list[str] = field(default_factory=list)  # councils whose forms differ
    notices: list[str] = field(default_factory=list)  # what the plans lack (exit 0)


def merge_plans(
    paths: Iterable[Path], registry_path: Path, out: Path, *, force: bool = False
) -> PlanMerge:
    """A new registry file: the registry at `registry_path` with the 年間計画 of the filled
    plan forms (for each council on a form, its plan of that fiscal year is replaced). Two
    forms that list one council (a station's form sent twice, corrected) give the union of
    their plans, and a problem naming the council when they differ. The original registry
    is never modified."""
    from dataclasses import replace as replaced

    from toolkit.discover import Skipped, discover, shown
    from toolkit.writing.plan_forms import read_plan_form
    from toolkit.writing.registry_io import write_registry

    registry = load_registry(registry_path)
    assert registry is not None
    if out.exists() and out.resolve() == registry_path.resolve():
        raise InputError(
            f"出力先「{out}」は元の協議会名簿です。元の名簿は書き換えません。"
            "新しいファイル名を指定してください。"
        )
    given = tuple(paths)
    guard_output(out, Protected((*given, registry_path), (), force))
    known = {c.council_id for c in registry.councils}
    problems: list[str] = []
    conflicts: list[str] = []
    forms = 0
    # (fiscal year, council) → each form that lists the council, with its plans for it
    found: dict[tuple[int, str], list[tuple[str, list[PlannedMeeting]]]] = {}
    for path in discover(given):
        if isinstance(path, Skipped):
            problems.append(f"「{shown(path.path)}」: {path.reason}")
            continue
        form = read_plan_form(path)
        problems += form.problems
        if form.fiscal_year is None:
            continue
        forms += 1
        unknown = [c for c in form.councils if c not in known]
        problems += [f"「{path.name}」: 協議会ID「{c}」は協議会名簿にありません。" for c in unknown]
        for council in dict.fromkeys(c for c in form.councils if c in known):
            mine = [p for p in form.plans if p.council_id == council]
            found.setdefault((form.fiscal_year, council), []).append((path.name, mine))
    plans = [p for p in registry.plans if (p.fiscal_year, p.council_id) not in found]
    for (year, council), entries in found.items():
        union: dict[tuple[date, str], PlannedMeeting] = {}
        for _, mine in entries:
            for p in mine:
                union.setdefault((p.month, p.kind), p)
        plans += union.values()
        conflicts += _plan_conflict(year, council, entries)
    merged = replaced(
        registry, plans=tuple(sorted(plans, key=lambda p: (p.fiscal_year, p.council_id, p.month)))
    )
    _writing(out, functools.partial(write_registry, merged, out))
    notices = _plan_notices(merged, set(found))
    return PlanMerge(out, forms, len(merged.plans), problems, conflicts, notices)


def _plan_notices(registry: Registry, returned: set[tuple[int, str]]) -> list[str]:
    """What the merged plan lacks, for each fiscal year a form was read for: stations whose
    form did not come back, and councils without a 定期会議 planned (Art. 6(2) 年1回以上)."""
    from toolkit.fiscal import fy_label
    from toolkit.model import REGULAR

    out = []
    for year in sorted({y for y, _ in returned}):
        label = fy_label(year)
        missing = [
            s
            for s in registry.stations()
            if not any(
                (year, c.council_id) in returned for c in registry.councils if c.station == s
            )
        ]
        if missing:
            out.append(f"{label}の年間計画の様式が届いていない警察署: {'、'.join(missing)}")
        regular = {
            p.council_id for p in registry.plans if p.fiscal_year == year and p.kind == REGULAR
        }
        lacking = [
            f"{c.council_id} {c.name}"
            for c in registry.councils
            if (year, c.council_id) in returned and c.council_id not in regular
        ]
        if lacking:
            out.append(
                f"{label}の年間計画に定期会議の予定月がない協議会（要綱第6条第2項: 年1回以上）: "
                + "、".join(lacking)
            )
    return out


def _unfilled_plan(path: Path) -> bool:
    """A plan form at its place with no meeting marked and nothing wrong in it: handed
    out earlier and not yet filled, so it may be written again."""
    from toolkit.writing.plan_forms import read_plan_form

    form = read_plan_form(path)
    return form.fiscal_year is not None and not form.plans and not form.problems


def _plan_conflict(
    year: int, council: str, entries: list[tuple[str, list[PlannedMeeting]]]
) -> list[str]:
    """A problem naming a council whose plans differ between the forms that list it."""
    from toolkit.fiscal import fy_label
    from toolkit.writing.plan_forms import describe_plan

    if len({frozenset((p.month, p.kind) for p in mine) for _, mine in entries}) < 2:
        return []
    said = "、".join(
        f"「{name}」: {'・'.join(describe_plan(p) for p in mine) or '予定なし'}"
        for name, mine in entries
    )
    return [
        f"協議会ID「{council}」の{fy_label(year)}の計画が様式によって違います（{said}）。"
        "すべての予定を入れました。正しい計画を確かめて、名簿の「年間計画」シートを直してください。"
    ]
