"""Small builders of reports, checked files and registries for the ledger and summary tests.

They build the records directly (no reader involved), and write a small stand-in file for
each FileResult so that the ledger can archive it by reading `path` again, as it does in a
real run. Each file's bytes hold its reports' JSON, so different reports give different
SHA-256s and the same report built twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from toolkit.cells import Cell
from toolkit.findings import Finding, Severity, file_finding
from toolkit.model import EXTRAORDINARY as EXTRAORDINARY
from toolkit.model import REGULAR, AgendaItem, Report, RequestItem, Sourced
from toolkit.registry import Council, Registry
from toolkit.results import Checked, FileResult
from toolkit.rules.context import Context
from toolkit.settings import Settings


def s(value: Any, cell: str | None = None) -> Sourced[Any]:
    return Sourced(value, Cell.parse(cell) if cell else None)


def report(
    *,
    station: str = "中央警察署",
    council: str = "駅前交番連絡協議会",
    facility: str = "駅前交番",
    day: date | None = date(2026, 10, 15),
    kind: str | None = REGULAR,
    police: int | None = 3,
    civilians: int | None = 10,
    agenda: Sequence[tuple[str | None, str]] = (("交番等の活動状況", "年末特別警戒について"),),
    requests: Sequence[tuple[str, str | None]] = (),
    reporter: str | None = "巡査部長 山田太郎",
    venue: str | None = "駅前公民館",
    discussion: str | None = "防犯について意見交換を行った。",
    officers: tuple[str, ...] = ("巡査部長 山田太郎", "巡査 鈴木一郎", "巡査 佐藤花子"),
    council_id: str | None = None,
    start: time | None = time(14, 0),
    end: time | None = time(15, 30),
    pictures: int = 0,
) -> Report:
    """A report as the reader would build it (cells on the 報告書 sheet)."""
    return Report(
        affiliation=s(station, "報告書!C5"),
        reporter=s(reporter, "報告書!H5"),
        phone=s("0123", "報告書!K5"),
        council_name=s(council, "報告書!C6"),
        facility_name=s(facility, "報告書!H6"),
        date=s(day, "報告書!C7"),
        start_time=s(start, "報告書!C7"),
        end_time=s(end, "報告書!C7"),
        venue=s(venue, "報告書!C8"),
        police_attendees=s(police, "報告書!D9"),
        civilian_attendees=s(civilians, "報告書!H9"),
        meeting_type=s(kind, "報告書!C10"),
        agenda=tuple(
            AgendaItem(s(cat, f"報告書!B{12 + i}"), s(topic, f"報告書!D{12 + i}"))
            for i, (cat, topic) in enumerate(agenda)
        ),
        discussion=s(discussion, "報告書!B17"),
        requests=tuple(
            RequestItem(s(req, f"報告書!B{20 + i}"), s(resp, f"報告書!G{20 + i}"))
            for i, (req, resp) in enumerate(requests)
        ),
        officers=s(officers, "報告書!C25"),
        council_id=council_id,
        pictures=pictures,
    )


def warning(code: str = "R3.no-civilians", cell: str = "報告書!H9") -> Finding:
    return Finding(code, Severity.WARNING, f"{code} の警告", None, Cell.parse(cell))


def error(message: str, code: str = "R3.not-count", cell: str = "報告書!D9") -> Finding:
    return Finding(code, Severity.ERROR, message, None, Cell.parse(cell))


def _content(r: Report) -> str:
    text = json.dumps(r.to_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def checked(
    r: Report, path: str, sheet: str = "報告書", findings: Iterable[Finding] = ()
) -> Checked:
    return Checked(path, sheet, None, r, list(findings), _content(r))


@dataclass
class Meeting:
    """A report plus the sheet and findings it comes with."""

    report: Report
    sheet: str = "報告書"
    findings: tuple[Finding, ...] = ()


def write_file(folder: Path, name: str, payload: bytes) -> tuple[Path, str]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return path, hashlib.sha256(payload).hexdigest()


def file_result(folder: Path, name: str, *meetings: Report | Meeting, salt: str = "") -> FileResult:
    """A readable file holding the given reports (written to folder/name)."""
    items = [m if isinstance(m, Meeting) else Meeting(m) for m in meetings]
    payload = (
        json.dumps(
            [[m.sheet, m.report.to_json()] for m in items], ensure_ascii=False, sort_keys=True
        ).encode()
        + salt.encode()
    )
    path, sha = write_file(folder, name, b"PK-fake-xlsx\n" + payload)
    result = FileResult(str(path), sha256=sha, format="xlsx")
    for m in items:
        c = checked(m.report, str(path), m.sheet, m.findings)
        c.sha256 = sha
        result.reports.append(c)
    return result


def unreadable(folder: Path, name: str, payload: bytes = b"not a workbook") -> FileResult:
    """A file that could not be read (F1.corrupt)."""
    path, sha = write_file(folder, name, payload)
    result = FileResult(str(path), sha256=sha)
    finding = file_finding("F1.corrupt", file=name, detail="zip が壊れています")
    result.reports.append(Checked(str(path), None, sha, None, [finding]))
    return result


def missing(path: str) -> FileResult:
    """A path that did not exist (no bytes, no sha)."""
    result = FileResult(path)
    result.reports.append(
        Checked(path, None, None, None, [file_finding("F1.not-found", file=path)])
    )
    return result


def registry(*rows: tuple[str, str, str, str], kind: str = "所管区") -> Registry:
    """Councils from (id, station, facility, name) rows; facility type from the name."""
    councils = tuple(
        Council(
            cid, st, "駐在所" if fac.endswith("駐在所") else "交番", fac, name, kind, "交番所長"
        )
        for cid, st, fac, name in rows
    )
    return Registry(councils, source="名簿.xlsx")


def context(reg: Registry | None = None, today: date = date(2026, 11, 20)) -> Context:
    return Context(Settings(today=today), reg)


def settings(today: date = date(2026, 11, 20), **kw: Any) -> Settings:
    return Settings(today=today, **kw)
