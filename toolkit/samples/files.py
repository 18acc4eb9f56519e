"""Write the fictional prefecture's registry and filled sample reports to a folder.

`DIR/registry.xlsx` (unless a registry was given) with `DIR/README-members.md` (which
councils show which member finding), `DIR/reports/<警察署>/<日付>_<協議会名>.xlsx`
written into our own template, `DIR/planted.json`: for every report file, the findings
its content was made to produce, so that a check of the samples can be compared with it,
and `DIR/受付簿.xlsx`: the day each file reached HQ (a few days after its meeting, one in
a dozen or so more than a month late), which each file's modification time repeats.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from toolkit.fileio import remove, write_atomic
from toolkit.registry import Registry
from toolkit.samples.fictional import fictional_registry
from toolkit.samples.plan import yearly_plan
from toolkit.samples.reports import generate_reports
from toolkit.samples.roster_notes import MEMBERS_DOC, roster_notes
from toolkit.writing.fill import FastFiller
from toolkit.writing.receipt_log import write_receipt_log
from toolkit.writing.registry_io import write_registry
from toolkit.writing.template import safe_file_name, template_bytes

MANIFEST = "planted.json"
RECEIPT_LOG = "受付簿.xlsx"
# The samples' "today": no file arrived after it (the planner's last meeting day).
ARRIVED_BY = date(2026, 11, 20)


def receipt_day(meeting: object, rel: str, seed: int) -> date | None:
    """The day the sample file `rel` of a meeting reached HQ: 2–20 days after it, one in
    twelve 35–60 days (late, 2の(9) 速やかに), never after ARRIVED_BY."""
    if not isinstance(meeting, date):
        return None
    rng = random.Random(f"{seed}:{rel}")
    late = rng.random() < 1 / 12
    days = rng.randint(35, 60) if late else rng.randint(2, 20)
    return min(meeting + timedelta(days=days), max(meeting, ARRIVED_BY))


def write_samples(
    out_dir: Path,
    *,
    count: int,
    seed: int,
    mistakes: float = 0.0,
    registry: Registry | None = None,
) -> int:
    """Write `count` sample reports (and the registry when none was given); returns count."""
    out_dir.mkdir(parents=True, exist_ok=True)
    reg = registry or fictional_registry(0)
    reports = generate_reports(reg, count=count, seed=seed, mistakes=mistakes)
    if registry is None:
        # The fictional prefecture planned its year (年間計画): the plan fits its reports.
        planned = replace(reg, plans=yearly_plan(reg, reports, 2026, seed))
        write_registry(planned, out_dir / "registry.xlsx", created=datetime(2026, 4, 1))
        write_atomic(out_dir / MEMBERS_DOC, roster_notes(planned).encode())
    filler = FastFiller(template_bytes())
    manifest: dict[str, list[dict[str, str | None]]] = {}
    used: set[str] = set()
    first_of: dict[tuple[str, object], str] = {}
    log: list[tuple[date, str, str, str]] = []
    first_day: dict[tuple[str, object], date] = {}
    for sample in reports:
        stem = (
            f"reports/{safe_file_name(sample.council.station)}/{safe_file_name(sample.file_stem)}"
        )
        rel = _unique(stem, used)
        codes = {p.code for p in sample.planted}
        # A typo in 協議会名 is only noticed when the form does not carry its 協議会ID: the
        # officer typed it on the blank form rather than HQ's prefilled one.
        council_id = None if "R6.unknown-council" in codes else sample.council.council_id
        write_atomic(out_dir / rel, filler.fill(sample.values, council_id=council_id))
        planted = [{"code": p.code, "field": p.field} for p in sample.planted]
        # R7 is reported on the later of two reports of one meeting (in path order).
        meeting = (sample.council.council_id, sample.values.get("date"))
        if "R7.duplicate" in codes:
            earlier = first_of.setdefault(meeting, rel)
            if earlier == rel or earlier > rel:
                planted = [p for p in planted if p["code"] != "R7.duplicate"]
            if earlier > rel:
                manifest[earlier].append({"code": "R7.duplicate", "field": None})
                first_of[meeting] = rel
        manifest[rel] = planted
        # the day of the meeting (the file's name starts with it: the form's own date cell
        # may hold a planted mistake, a weekday that does not match)
        received = receipt_day(date.fromisoformat(sample.file_stem[:10]), rel, seed)
        if received is not None and meeting in first_day:
            # a second report of one meeting comes after the first (R7: the later one)
            received = min(max(received, first_day[meeting] + timedelta(days=3)), ARRIVED_BY)
        if received is not None:
            first_day.setdefault(meeting, received)
            arrived = datetime.combine(received, time(9, 0)).timestamp()
            os.utime(out_dir / rel, (arrived, arrived))
            log.append((received, sample.council.station, rel.removeprefix("reports/"), ""))
    _remove_stale(out_dir, set(manifest))
    log.sort(key=lambda row: (row[0], row[2]))
    write_receipt_log(out_dir / RECEIPT_LOG, log)
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(out_dir / MANIFEST, text.encode())
    return len(manifest)


def _remove_stale(out_dir: Path, written: set[str]) -> None:
    """Remove the reports an earlier sample set listed in its manifest that this one did
    not write again, so the folder holds one sample set. Only names under reports/ that
    the earlier manifest lists are touched; anything else in the folder is left alone."""
    try:
        earlier = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(earlier, dict):
        return
    root = (out_dir / "reports").resolve()
    for rel in earlier:
        if not isinstance(rel, str) or rel in written or not rel.endswith(".xlsx"):
            continue
        path = (out_dir / rel).resolve()
        if root in path.parents and path.is_file() and not path.is_symlink():
            remove(path)
            with contextlib.suppress(OSError):  # the station folder, when now empty
                path.parent.rmdir()


def _unique(stem: str, used: set[str]) -> str:
    candidate = f"{stem}.xlsx"
    n = 2
    while candidate in used:
        candidate = f"{stem}_{n}.xlsx"
        n += 1
    used.add(candidate)
    return candidate
