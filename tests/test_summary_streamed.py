"""The fiscal-year summary of a ledger of several hundred reports, on both engines: its
listing sheets are made and written a part at a time (memory flat in the number of
reports), and the workbook is the same whatever the size of the parts — cell values, sheet
order, row counts, filters, frozen panes and print setup asserted here."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import factories as F
import openpyxl
import pytest

import toolkit.ledger.queries as Q
from toolkit.aggregate import Listing, build_summary
from toolkit.fiscal import parse_period
from toolkit.ledger import Ledger
from toolkit.writing.summary import SHEETS, write_summary

TODAY = date(2026, 11, 20)
STATIONS = ("中央警察署", "東警察署", "西警察署")
COUNCILS = [
    (f"C{i:02d}", STATIONS[i % 3], f"第{i}交番", f"第{i}交番連絡協議会") for i in range(1, 13)
]
REGISTRY = F.registry(*COUNCILS)
ORDER = list(dict.fromkeys(c[1] for c in COUNCILS))  # the stations in the registry's order
TOPICS = ("特殊詐欺の被害防止", "通学路の見守り", "自転車盗難の防止", "年末特別警戒", "空き巣対策")
FIRST_DAY = date(2026, 4, 3)


def _meetings() -> list[tuple[str, F.Meeting]]:
    """360 reports: 12 councils, 30 meetings each from April; three topics, a request
    every other report (a third left open), a finding every fifth."""
    out = []
    for n in range(360):
        cid, station, facility, name = COUNCILS[n % 12]
        day = FIRST_DAY + timedelta(days=(n * 7) % 220)
        requests = []
        if n % 2 == 0:
            answer = None if n % 3 == 0 else "市に伝えた。"
            requests.append((f"街灯の設置（{n}）", answer))
        report = F.report(
            station=station,
            council=name,
            facility=facility,
            council_id=cid,
            day=day,
            kind=F.EXTRAORDINARY if n % 17 == 0 else F.REGULAR,
            civilians=5 + n % 9,
            agenda=[("交番等の活動状況", TOPICS[(n + k) % 5]) for k in range(3)],
            requests=requests,
            venue=f"{facility}の会議室" + ("（二階の奥、和室）" * (n % 4 == 0)),
        )
        findings = (F.warning(),) if n % 5 == 0 else ()
        out.append((f"{station}/{name}_{n:03d}.xlsx", F.Meeting(report, findings=findings)))
    return out


def _summary_workbook(where: Any, out: Path, *, part: int, chunk: int, mp: Any) -> Any:
    mp.setattr(Listing, "part_rows", part)
    mp.setattr(Q, "CHUNK", chunk)
    with Ledger.open(where) as led, led.snapshot():
        summary = build_summary(
            led,
            parse_period("FY2026"),
            registry=REGISTRY,
            station=None,
            settings=F.settings(TODAY),
        )
    write_summary(summary, out)  # the ledger is closed: the listings are on disk
    return summary


@pytest.fixture
def filled(ledger_at: Any, tmp_path: Path) -> Any:
    folder = tmp_path / "in"
    files = [F.file_result(folder, name, m) for name, m in _meetings()]
    files.append(F.unreadable(folder, "中央警察署/壊れた.xlsx"))
    with Ledger.open(ledger_at) as led:
        led.ingest(files, context=F.context(REGISTRY, TODAY))
    return ledger_at


def _sheets(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")}


def test_the_workbook_is_the_same_in_small_parts_and_in_one(
    filled: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, parts = tmp_path / "whole.xlsx", tmp_path / "parts.xlsx"
    one = _summary_workbook(filled, whole, part=10**9, chunk=10**9, mp=monkeypatch)
    many = _summary_workbook(filled, parts, part=7, chunk=13, mp=monkeypatch)
    # the listings really were made in many parts (and in one)
    assert len(list(many.lists.agenda.parts())) == -(-360 // 7)  # 7 reports' topics a part
    assert len(list(many.lists.meetings.parts())) == -(-360 // 7)
    assert len(list(one.lists.agenda.parts())) == 1
    assert _sheets(whole) == _sheets(parts)
    for name in ("meetings", "agenda", "requests", "candidates", "findings", "receipts"):
        a, b = getattr(one, name), getattr(many, name)
        assert a.astype(object).equals(b.astype(object)), name


def test_listing_sheets_hold_every_row_in_order(
    filled: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "集計表.xlsx"
    _summary_workbook(filled, out, part=50, chunk=40, mp=monkeypatch)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    meetings = _expected_meetings()

    # 開催一覧: one row per report, by date, then station (registry order), council
    ws = wb["開催一覧"]
    head = [c.value for c in ws[3]]
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(rows) == 360
    assert ws.auto_filter.ref == f"A3:{_col(len(head))}363"
    assert ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3"
    assert str(ws.print_area).endswith(f"$A$1:${_col(head.index('備考') + 1)}$363")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    got = [
        (r["開催日"].date(), r["協議会名"], r["出席民間"], r["要望事項"], r["未回答"]) for r in rows
    ]
    assert got == meetings
    assert rows[0]["開催場所"] == "第1交番の会議室（二階の奥、和室）"
    assert Counter(r["会議種別"] for r in rows) == {"定期": 338, "臨時": 22}
    assert Counter(r["点検結果"] for r in rows) == {"正常": 288, "警告1件": 72}

    # 協議事項: the themes and topics above, then every topic by station and council
    ws = wb["協議事項"]
    first = int(ws.auto_filter.ref.split(":")[0][1:])
    assert ws.auto_filter.ref == f"A{first}:H{first + 1080}"
    assert ws.freeze_panes == f"A{first + 1}"
    topics = list(ws.iter_rows(min_row=first + 1, values_only=True))
    assert len(topics) == 1080
    assert Counter(r[1] for r in topics) == {t: 216 for t in TOPICS}
    assert [r[3] for r in topics] == sorted(r[3] for r in topics)  # 警察署
    assert topics[0][:2] == ("交番等の活動状況", "特殊詐欺の被害防止")
    # the first: 中央警察署's 第12交番 (text order), its first meeting (n = 95)
    assert topics[0][4] == "第12交番連絡協議会"
    assert topics[0][2] == datetime.combine(FIRST_DAY + timedelta(days=95 * 7 % 220), time())

    # 要望事項: the open ones of the period; every request below, by station and council
    ws = wb["要望事項"]
    first = int(ws.auto_filter.ref.split(":")[0][1:])
    listed = list(ws.iter_rows(min_row=first + 1, values_only=True))
    assert len(listed) == 180 and ws.auto_filter.ref == f"A{first}:L{first + 180}"
    assert Counter(r[5] for r in listed)["未回答"] == 60
    assert ws.freeze_panes == f"A{first + 1}"

    # 検証結果 and 受付簿: every finding, every file
    ws = wb["検証結果"]
    assert ws.auto_filter.ref.startswith("A3:") and ws.max_row == 3 + 72 + 1
    assert Counter(r[6] for r in ws.iter_rows(min_row=4, values_only=True)) == {
        "警告": 72,
        "誤り": 1,
    }
    ws = wb["受付簿"]
    assert ws.max_row == 3 + 361 and ws.freeze_panes == "A4"
    assert Counter(r[5] for r in ws.iter_rows(min_row=4, values_only=True)) == {
        "集計に使用": 360,
        "読取不可": 1,
    }


def _expected_meetings() -> list[tuple[date, str, int, int, int]]:
    """(date, council, 出席民間, 要望事項, 未回答) of every report, in the sheet's order."""
    rows = []
    for n in range(360):
        _, station, _, name = COUNCILS[n % 12]
        day = FIRST_DAY + timedelta(days=(n * 7) % 220)
        asked = 1 if n % 2 == 0 else 0
        unanswered = 1 if n % 2 == 0 and n % 3 == 0 else 0
        rows.append((day, ORDER.index(station), name, n, 5 + n % 9, asked, unanswered))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return [(r[0], r[2], r[4], r[5], r[6]) for r in rows]


def _col(n: int) -> str:
    return openpyxl.utils.get_column_letter(n)
