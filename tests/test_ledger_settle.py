"""The ledger's receipt days, HQ's settlements and the one rule of which report counts."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import ledgers as L
import pytest
from legacy_ledger import MIGRATIONS

from toolkit.errors import InputError
from toolkit.fiscal import parse_period
from toolkit.ledger import GivenReceipt, Ledger, NotInLedger

TODAY = date(2026, 11, 20)


@pytest.fixture
def ledger_path(ledger_at: Path | str) -> Path | str:
    """The test's ledger, on each engine."""
    return ledger_at


def _counted(ledger: Ledger, as_of: date | None = None) -> list[tuple[str, int]]:
    """(file name, civilians) of every report that counts at `as_of`."""
    rows = ledger.current_reports(2026, date(2027, 3, 31), as_of)
    index = rows.columns.index("path")
    civ = rows.columns.index("civilians")
    return sorted((Path(r[index]).name, r[civ]) for chunk in rows.chunks for r in chunk)


def _receipt(ledger: Ledger, sha: str | None) -> tuple[str, str]:
    row = L.one(ledger, "SELECT received_on, received_how FROM files WHERE sha256=?", sha)
    assert row is not None
    return row[0], row[1]


# --- receipt days -------------------------------------------------------------------------


def test_the_receipt_day_is_the_earlier_of_the_files_time_and_the_run(
    tmp_path: Path, ledger_path: Any
) -> None:
    early = F.file_result(tmp_path, "early.xlsx", F.report(civilians=1))
    early.modified = "2026-10-20T09:15:00"
    late = F.file_result(tmp_path, "late.xlsx", F.report(council="B協議会"))
    late.modified = "2026-12-01T10:00:00"  # saved after the run's day: the run saw it first
    unknown = F.file_result(tmp_path, "unknown.xlsx", F.report(council="C協議会"))
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([early, late, unknown], context=F.context(today=TODAY))
        assert _receipt(ledger, early.sha256) == ("2026-10-20", "modified")
        assert _receipt(ledger, late.sha256) == ("2026-11-20", "ledger")
        assert _receipt(ledger, unknown.sha256) == ("2026-11-20", "ledger")


def test_a_batch_day_is_given_to_new_files_only_and_a_log_corrects_a_stored_one(
    tmp_path: Path, ledger_path: Any
) -> None:
    old = F.file_result(tmp_path, "old.xlsx", F.report(civilians=1))
    new = F.file_result(tmp_path, "new.xlsx", F.report(council="B協議会"))
    batch = GivenReceipt(date(2026, 10, 25), "given", "--received")
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([old], context=F.context(today=TODAY))
        stats = ledger.ingest(
            [old, new],
            context=F.context(today=TODAY),
            receipts=lambda result, is_new: batch if is_new else None,
        )
        assert stats.receipts_given == 1
        assert _receipt(ledger, old.sha256) == ("2026-11-20", "ledger")
        assert _receipt(ledger, new.sha256) == ("2026-10-25", "given")
        log = GivenReceipt(date(2026, 10, 3), "log", "受付簿.xlsx 2行目")
        ledger.ingest(
            [old],
            context=F.context(today=TODAY),
            receipts=lambda result, is_new: log if result.path == old.path else None,
        )
        assert _receipt(ledger, old.sha256) == ("2026-10-03", "log")
        history = L.rows(
            ledger,
            "SELECT received_on, how, source FROM receipts WHERE sha256=? ORDER BY receipt_id",
            old.sha256,
        )
    assert history == [
        ("2026-11-20", "ledger", None),
        ("2026-10-03", "log", "受付簿.xlsx 2行目"),
    ]


def test_a_report_received_after_the_as_of_day_does_not_count_yet(
    tmp_path: Path, ledger_path: Any
) -> None:
    first = F.file_result(tmp_path / "a", "r.xlsx", F.report(civilians=8))
    first.modified = "2026-10-20T09:00:00"
    second = F.file_result(tmp_path / "b", "r.xlsx", F.report(civilians=9))
    second.modified = "2026-11-10T09:00:00"
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([first, second], context=F.context(today=TODAY))
        assert _counted(ledger) == [("r.xlsx", 9)]
        assert _counted(ledger, date(2026, 11, 1)) == [("r.xlsx", 8)]
        assert _counted(ledger, date(2026, 10, 1)) == []


# --- which report of a meeting counts ------------------------------------------------------


def test_a_correction_arriving_with_the_erroneous_original_wins_whatever_the_path_order(
    tmp_path: Path, ledger_path: Any
) -> None:
    """The corrected file sorts first; the erroneous original comes later in path order
    and was even saved later (a copy made after the correction): it still loses."""
    corrected = F.file_result(tmp_path, "a_修正版.xlsx", F.report(civilians=9))
    corrected.modified = "2026-10-21T09:00:00"
    erroneous = F.file_result(
        tmp_path,
        "b_原本.xlsx",
        F.Meeting(F.report(civilians=None), findings=(F.error("民間の人数がありません"),)),
    )
    erroneous.modified = "2026-10-21T10:00:00"
    with Ledger.open(ledger_path) as ledger:
        stats = ledger.ingest([corrected, erroneous], context=F.context(today=TODAY))
        assert _counted(ledger) == [("a_修正版.xlsx", 9)]
        assert stats.superseded == 1
        # the usual correction: nothing for HQ to settle
        assert ledger.unsettled(TODAY) == []


def test_two_clean_reports_of_one_meeting_count_the_later_and_wait_for_hq(
    tmp_path: Path, ledger_path: Any
) -> None:
    one = F.file_result(tmp_path, "one.xlsx", F.report(civilians=8))
    one.modified = "2026-10-20T09:00:00"
    two = F.file_result(tmp_path, "two.xlsx", F.report(civilians=12, venue="別の会場"))
    two.modified = "2026-10-22T09:00:00"
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([two, one], context=F.context(today=TODAY))
        assert _counted(ledger) == [("two.xlsx", 12)]
        (pair,) = ledger.unsettled(TODAY)
    assert (pair.council, pair.day) == ("駅前交番連絡協議会", date(2026, 10, 15))
    assert [(Path(r.path).name, r.counts) for r in pair.reports] == [
        ("two.xlsx", True),
        ("one.xlsx", False),
    ]


def test_a_report_whose_findings_only_tell_hq_got_no_copy_so_a_second_is_not_a_correction(
    tmp_path: Path, ledger_path: Any
) -> None:
    """The first report's only finding is for HQ (S3: a layout it has not confirmed), so no
    copy went back; a different second report of the meeting is for HQ to settle. A
    warning that asks the station to correct (R3) makes the second the usual correction."""
    told = F.file_result(
        tmp_path / "a",
        "r.xlsx",
        F.Meeting(F.report(civilians=8), findings=(F.warning("S3.unconfirmed-layout"),)),
    )
    told.modified = "2026-10-20T09:00:00"
    asked = F.file_result(
        tmp_path / "b",
        "r.xlsx",
        F.Meeting(F.report(civilians=None, council="B協議会"), findings=(F.warning(),)),
    )
    asked.modified = "2026-10-20T09:00:00"
    second = F.file_result(tmp_path / "c", "r2.xlsx", F.report(civilians=9))
    second.modified = "2026-10-22T09:00:00"
    fixed = F.file_result(tmp_path / "d", "r2.xlsx", F.report(civilians=5, council="B協議会"))
    fixed.modified = "2026-10-22T09:00:00"
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([told, asked, second, fixed], context=F.context(today=TODAY))
        (pair,) = ledger.unsettled(TODAY)
    assert pair.council == "駅前交番連絡協議会"
    assert [(Path(r.path).parent.name, r.counts) for r in pair.reports] == [
        ("c", True),
        ("a", False),
    ]


# --- settling ------------------------------------------------------------------------------


def test_withdraw_then_keep_with_history_and_every_summary_follows(
    tmp_path: Path, ledger_path: Any
) -> None:
    """The issue's case: a later duplicate counted; the station withdraws it and sends
    the original again (identical bytes: nothing new). Settling makes the original count."""
    original = F.file_result(tmp_path / "oct", "駅前.xlsx", F.report(civilians=8))
    duplicate = F.file_result(tmp_path / "nov", "駅前_2.xlsx", F.report(civilians=30))
    resent = F.file_result(tmp_path / "dec", "駅前.xlsx", F.report(civilians=8))
    assert resent.sha256 == original.sha256
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([original], context=F.context(today=date(2026, 10, 20)))
        ledger.ingest([duplicate], context=F.context(today=date(2026, 11, 5)))
        ledger.ingest([resent], context=F.context(today=date(2026, 12, 1)))
        assert _counted(ledger) == [("駅前_2.xlsx", 30)]
        sha, _ = ledger.find_file("駅前_2.xlsx")
        assert sha == duplicate.sha256
        done = ledger.settle(sha, "withdraw", "署から誤送信との連絡（12/1 電話）", "山田")
        assert [(m.council, Path(m.counted_path or "").name) for m in done.meetings] == [
            ("駅前交番連絡協議会", "駅前.xlsx")
        ]
        assert _counted(ledger) == [("駅前.xlsx", 8)]
        assert ledger.unsettled() == []
        with pytest.raises(InputError, match="すでに取下げ"):
            ledger.settle(sha, "withdraw", "もう一度", "山田")
        kept = ledger.settle(duplicate.sha256, "keep", "署の再確認で30人が正しい", "佐藤")
        assert kept.settlement.action == "keep"
        assert _counted(ledger) == [("駅前_2.xlsx", 30)]
        history = [(s.action, s.reason, s.made_by) for s in ledger.settlements()]
        from toolkit.aggregate import build_summary

        s = build_summary(
            ledger, parse_period("FY2026"), registry=None, station=None, settings=F.settings()
        )
    assert history == [
        ("withdraw", "署から誤送信との連絡（12/1 電話）", "山田"),
        ("keep", "署の再確認で30人が正しい", "佐藤"),
    ]
    assert s.meetings["出席民間"].tolist() == [30]


def test_a_file_is_found_by_digest_prefix_path_or_name_and_refused_when_unknown(
    tmp_path: Path, ledger_path: Any
) -> None:
    a = F.file_result(tmp_path / "中央", "報告書.xlsx", F.report(civilians=1))
    b = F.file_result(tmp_path / "東", "報告書.xlsx", F.report(council="B協議会"))
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([a, b], context=F.context(today=TODAY))
        assert ledger.find_file(a.sha256[:8])[0] == a.sha256
        assert ledger.find_file(b.path)[0] == b.sha256
        with pytest.raises(NotInLedger, match="2件"):
            ledger.find_file("報告書.xlsx")
        with pytest.raises(NotInLedger, match="ありません"):
            ledger.find_file("ない.xlsx")
        with pytest.raises(NotInLedger, match="ありません"):
            ledger.find_file("x", "0" * 64)
        with pytest.raises(InputError, match="理由"):
            ledger.settle(a.sha256, "withdraw", "  ", "山田")


def test_an_older_ledger_gets_receipt_days_from_its_runs(tmp_path: Path) -> None:
    ledger_path = tmp_path / "ledger.db"  # a ledger file of an earlier release
    conn = sqlite3.connect(ledger_path)
    before = len(MIGRATIONS) - 1  # the version just before receipt days
    for statements in MIGRATIONS[:before]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version={before}")
    conn.execute("PRAGMA application_id=1264142155")
    conn.execute(
        "INSERT INTO runs (run_id, command, started_at, received_on)"
        " VALUES (1, 'ingest', '2026-09-02T10:00:00', '2026-09-01')"
    )
    conn.execute(
        "INSERT INTO files (sha256, first_run, first_path, readable) VALUES ('ab', 1, 'x', 1)"
    )
    conn.commit()
    conn.close()
    with Ledger.open(ledger_path) as ledger:
        assert _receipt(ledger, "ab") == ("2026-09-01", "ledger")
        assert L.one(ledger, "SELECT count(*) FROM receipts") == (1,)


def test_a_report_with_errors_replaced_by_its_correction_is_no_longer_owed(
    tmp_path: Path, ledger_path: Any
) -> None:
    wrong = F.file_result(
        tmp_path / "a",
        "r.xlsx",
        F.Meeting(F.report(kind=None), findings=(F.error("会議種別がありません"),)),
    )
    fixed = F.file_result(tmp_path / "b", "r_修正.xlsx", F.report())
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([wrong], context=F.context(today=date(2026, 10, 20)))
        owed = ledger.reports_with_errors(TODAY)
        assert [r for chunk in owed.chunks for r in chunk]
        ledger.ingest([fixed], context=F.context(today=TODAY))
        owed = ledger.reports_with_errors(TODAY)
        assert [r for chunk in owed.chunks for r in chunk] == []
