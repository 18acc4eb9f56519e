"""Several meetings on one sheet, downstream of the reader: the ledger keeps each as its
own report (a later file supersedes them one by one), the feedback copy names where on the
sheet each lies, coverage below the setting is a warning for HQ."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import factories as F
import sqlalchemy as sa
from openpyxl import Workbook

from toolkit.check import Options, check_file, check_paths
from toolkit.ledger import Ledger
from toolkit.reading.read import read_workbook
from toolkit.rules import Context
from toolkit.settings import Settings
from toolkit.writing.feedback.list_sheet import _report_lines

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from make_round3 import M2, M, plain

CORPUS = Path(__file__).parent / "corpus" / "round3"


def _options() -> Options:
    return Options(Context(Settings(today=date(2026, 11, 25))))


def test_two_meetings_on_one_sheet_are_two_reports_in_the_ledger(tmp_path: Path) -> None:
    first = check_file(CORPUS / "stacked_forms.xlsx", _options())
    assert [c.report.date.value for c in first.reports if c.report] == [
        date(2026, 7, 9),
        date(2026, 10, 15),
    ]
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        stats = ledger.ingest([first], context=F.context(today=date(2026, 11, 25)))
        rows = ledger.connection.execute(
            sa.text("SELECT sheet, meeting_date, superseded_by FROM reports ORDER BY report_id")
        ).fetchall()
    assert stats.reports == 2
    assert rows == [("報告書", "2026-07-09", None), ("報告書", "2026-10-15", None)]


def test_same_day_twice_on_one_sheet_is_one_meeting_and_flagged(tmp_path: Path) -> None:
    """The form twice on one sheet for one council and one day: a meeting is a council
    and a date (R7), so both reports are stored, one counts, and R7 says so."""
    evening = replace(M, start=time(19, 0), end=time(20, 0), kind="臨時", civilians=5)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "報告書"
    refs = plain(ws, M)
    plain(ws, evening, top=int(refs["next"]) + 2)
    path = tmp_path / "in" / "a.xlsx"
    path.parent.mkdir()
    wb.save(path)
    options = _options()
    results = list(check_paths([path], options))
    (result,) = results
    assert [c.report.meeting_type.value for c in result.reports if c.report] == [
        "regular",
        "extraordinary",
    ]
    (r7,) = [f for f in result.reports[1].findings if f.code.startswith("R7")]
    assert "ファイル「a.xlsx」の「報告書」シート（A1:E19）" in r7.message  # the other one
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.ingest([result], context=F.context(today=date(2026, 11, 25)))
        rows = ledger.connection.execute(
            sa.text("SELECT count(*), count(*) FILTER (WHERE superseded_by IS NULL) FROM reports")
        ).fetchone()
    assert rows == (2, 1)


def test_the_feedback_list_says_where_on_the_sheet_each_report_is() -> None:
    result = check_file(CORPUS / "register_rows.xlsx", _options())
    lines = _report_lines(result)
    assert lines[0].startswith("シート「開催状況」（A5:J5）: ")
    assert lines[1].startswith("シート「開催状況」（A6:J7）: ")
    single = _report_lines(check_file(CORPUS / "times_hhmm.xlsx", _options()))
    assert single[0].startswith("シート「報告書」: ")


def test_poor_coverage_is_a_warning_for_hq(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "報告書"
    refs = plain(ws, M2)
    r = int(refs["next"]) + 1
    for i, memo in enumerate(("前回の要望の確認", "委員の交代", "次回の日程", "防犯診断の申込み")):
        ws[f"B{r + 2 * i}"] = memo  # notes typed in the form, no label reads them
    path = tmp_path / "memo.xlsx"
    wb.save(path)
    (checked,) = check_file(path, _options()).reports
    codes = [f.code for f in checked.findings]
    assert codes.count("I1.unread-text") == 4
    assert "I1.poor-coverage" in codes
    assert checked.status == "warning"
    lenient = Options(Context(Settings(today=date(2026, 11, 25), min_coverage=0.5)))
    (again,) = check_file(path, lenient).reports
    assert "I1.poor-coverage" not in [f.code for f in again.findings]


def test_our_template_accounts_for_text_typed_outside_its_boxes(tmp_path: Path) -> None:
    """The template's fast path accounts for its cells too: its own words and the named
    boxes are read, a note typed beside the form is named as unread."""
    import filled_forms as FF
    import openpyxl

    filled = FF.fill(FF.blank_form(tmp_path), tmp_path / "filled.xlsx")
    clean = read_workbook(filled.read_bytes(), "filled.xlsx").reports[0]
    assert (clean.method, clean.coverage, clean.unread) == ("template", 1.0, [])
    wb = openpyxl.load_workbook(filled)
    wb["報告書"]["AK3"] = "前回の議事録は別送"
    wb.save(tmp_path / "noted.xlsx")
    (noted,) = read_workbook((tmp_path / "noted.xlsx").read_bytes(), "noted.xlsx").reports
    assert [(c.value, str(c.cell)) for c in noted.unread] == [("前回の議事録は別送", "報告書!AK3")]
    assert noted.coverage is not None and noted.coverage < 1
    assert [n.code for n in noted.notes] == ["I1.unread-text"]


def test_the_summary_listing_read_back_is_not_a_register(tmp_path: Path) -> None:
    """A copy of kyogikai's 開催一覧 (a meeting a row) saved into another workbook is
    kyogikai's output, not a station's register: skipped, never counted again."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "開催一覧"
    head = ["開催日", "警察署", "協議会名", "会議種別", "開催時間", "開催場所", "出席警察官"]
    ws.append([*head, "出席民間", "点検結果", "受付日", "ファイル", "シート"])
    ws.append(["2026-10-15", "港北警察署", "港北台交番連絡協議会", "定期", "14:00～15:30"])
    ws.append(["2026-07-09", "港北警察署", "港北台交番連絡協議会", "臨時", "19:00～20:30"])
    path = tmp_path / "copy.xlsx"
    wb.save(path)
    read = read_workbook(path.read_bytes(), path.name)
    assert read.reports == []
    assert read.skipped == [
        ("開催一覧", "kyogikai が書き出した集計表のシートのため読み飛ばしました")
    ]


def test_a_date_without_its_year_takes_the_fiscal_year_of_the_title(tmp_path: Path) -> None:
    """「令和８年度」 in the title and 2/5 in the cell: February of that fiscal year is in
    2027; the record says where the year came from."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "報告書"
    plain(
        ws,
        replace(M, day=date(2027, 2, 5)),
        title="令和８年度　連絡協議会開催結果報告書",
        values={"date": "2/5（金）　14:00～15:30"},
    )
    path = tmp_path / "fy.xlsx"
    wb.save(path)
    (checked,) = check_file(path, _options()).reports
    assert checked.report is not None
    assert checked.report.date.value == date(2027, 2, 5)
    assert checked.report.start_time.value == time(14, 0)
    (note,) = [f for f in checked.findings if f.code == "I1.year-from-title"]
    assert (note.field, str(note.cell)) == ("date", "報告書!B7")
    assert "令和8年度" in note.message and "2027年" in note.message
