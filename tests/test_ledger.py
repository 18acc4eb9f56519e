"""The ledger on both engines (a SQLite file and a PostgreSQL server): accounting for every
file, re-ingest, supersession, archive, atomic runs, a second writer, retention."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import ledgers as L
import pytest

from toolkit.fiscal import fiscal_year, keep_until
from toolkit.ledger import Ledger, LedgerError
from toolkit.registry import station_key as station_name

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def archive_files(where: Path | str) -> list[str]:
    return sorted(L.archived(where))


def sample_files(folder: Path) -> list[Any]:
    return [
        F.file_result(folder, "中央署/a.xlsx", F.report(requests=[("街灯", None)])),
        F.file_result(
            folder,
            "中央署/b.xlsx",
            F.report(council="北町駐在所連絡協議会", facility="北町駐在所", kind=F.EXTRAORDINARY),
        ),
        F.unreadable(folder, "中央署/broken.xlsx"),
        F.missing(str(folder / "中央署/gone.xlsx")),
    ]


@pytest.fixture
def ledger_path(ledger_at: Path | str) -> Path | str:
    """The test's ledger: a file, or a database on the test server (each test runs on both)."""
    return ledger_at


# --- accounting and re-ingest ------------------------------------------------------------


def test_every_file_is_accounted_for(tmp_path: Path, ledger_path: Any) -> None:
    files = sample_files(tmp_path / "in")
    with Ledger.open(ledger_path) as ledger:
        stats = ledger.ingest(files, context=F.context())
        rows = L.rows(ledger, "SELECT seq, path, status, reason FROM sightings ORDER BY seq")
    assert (stats.files, stats.new_files, stats.unreadable, stats.reports) == (4, 3, 2, 2)
    assert [(seq, Path(p).name, status) for seq, p, status, _ in rows] == [
        (1, "a.xlsx", "read"),
        (2, "b.xlsx", "read"),
        (3, "broken.xlsx", "unreadable"),
        (4, "gone.xlsx", "unreadable"),
    ]
    assert "壊れている" in rows[2][3]
    assert "見つかりません" in rows[3][3]


def test_reingest_changes_nothing_but_records_the_sightings(
    tmp_path: Path, ledger_path: Any
) -> None:
    files = sample_files(tmp_path / "in")
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(files, context=F.context())
    before = L.dump(ledger_path)
    with Ledger.open(ledger_path) as ledger:
        stats = ledger.ingest(files, context=F.context())
    after = L.dump(ledger_path)
    for table in ("files", "reports", "agenda", "requests", "purges"):
        assert after[table] == before[table], table
    # findings: only the missing file (no bytes, no identity) is reported again
    assert len(after["findings"]) == len(before["findings"]) + 1
    assert (stats.new_files, stats.identical, stats.reports) == (0, 3, 0)
    second = [r for r in after["sightings"] if r[0] == stats.run_id]
    assert sorted(r[4] for r in second) == ["identical", "identical", "identical", "unreadable"]
    assert len(after["runs"]) == 2


def test_identical_file_twice_in_one_run_is_stored_once(tmp_path: Path, ledger_path: Any) -> None:
    one = F.file_result(tmp_path / "in", "a.xlsx", F.report())
    copy = F.file_result(tmp_path / "in", "a のコピー.xlsx", F.report())
    assert one.sha256 == copy.sha256
    with Ledger.open(ledger_path) as ledger:
        stats = ledger.ingest([one, copy], context=F.context())
        (n,) = L.one(ledger, "SELECT count(*) FROM reports") or (None,)
        (same_as,) = L.one(ledger, "SELECT same_as FROM sightings WHERE status='identical'") or (
            None,
        )
    assert (stats.reports, stats.identical, n) == (1, 1, 1)
    assert same_as == one.path


# --- supersession ------------------------------------------------------------------------


def test_corrected_resubmission_supersedes_and_keeps_history(
    tmp_path: Path, ledger_path: Any
) -> None:
    first = F.file_result(
        tmp_path / "in", "a.xlsx", F.report(civilians=8, requests=[("街灯", None)])
    )
    fixed = F.file_result(
        tmp_path / "in2", "a.xlsx", F.report(civilians=9, requests=[("街灯", "市に伝達済み")])
    )
    other_day = F.file_result(tmp_path / "in2", "b.xlsx", F.report(day=date(2026, 10, 20)))
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([first], context=F.context())
        stats = ledger.ingest([fixed, other_day], context=F.context())
        rows = L.rows(
            ledger,
            "SELECT report_id, sha256, civilians, superseded_by FROM reports ORDER BY report_id",
        )
    assert stats.superseded == 1
    assert rows == [
        (1, first.sha256, 8, 2),
        (2, fixed.sha256, 9, None),
        (3, other_day.sha256, 10, None),
    ]


def test_without_receipt_times_the_report_stored_last_counts_and_the_others_point_at_it(
    tmp_path: Path, ledger_path: Any
) -> None:
    a = F.file_result(tmp_path / "x", "a.xlsx", F.report(civilians=1))
    b = F.file_result(tmp_path / "y", "a.xlsx", F.report(civilians=2))
    c = F.file_result(tmp_path / "z", "a.xlsx", F.report(civilians=3))
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([a, b, c], context=F.context())
        rows = L.rows(ledger, "SELECT civilians, superseded_by FROM reports ORDER BY report_id")
    assert rows == [(1, 3), (2, 3), (3, None)]


def test_registry_council_key_matches_name_variants(tmp_path: Path, ledger_path: Any) -> None:
    reg = F.registry(("C1", "中央警察署", "駅前交番", "駅前交番連絡協議会"))
    a = F.file_result(tmp_path / "x", "a.xlsx", F.report(council="駅前交番連絡協議会", civilians=1))
    b = F.file_result(
        tmp_path / "y", "a.xlsx", F.report(council="駅前交番 連絡協議会", civilians=2)
    )
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([a, b], context=F.context(reg))
        rows = L.rows(
            ledger,
            "SELECT council_key, council_id, station, superseded_by FROM reports"
            " ORDER BY report_id",
        )
    assert rows == [("C1", "C1", "中央警察署", 2), ("C1", "C1", "中央警察署", None)]


# --- archive -----------------------------------------------------------------------------


def test_archive_is_content_addressed(tmp_path: Path, ledger_path: Any) -> None:
    files = sample_files(tmp_path / "in")
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(files, context=F.context())
        for f in files[:3]:
            assert ledger.archived_bytes(f.sha256) == Path(f.path).read_bytes()
    kept = L.archived(ledger_path)
    assert sorted(kept) == sorted(f"{f.sha256[:2]}/{f.sha256}.xlsx" for f in files[:3])
    assert all(
        kept[f"{f.sha256[:2]}/{f.sha256}.xlsx"] == Path(f.path).read_bytes() for f in files[:3]
    )
    # a ledger file keeps its archive beside it; a server ledger in itself
    beside = Path(str(ledger_path) + ".archive")
    assert beside.is_dir() == isinstance(ledger_path, Path)


def test_changed_file_is_recorded_and_not_archived(tmp_path: Path, ledger_path: Any) -> None:
    f = F.file_result(tmp_path / "in", "a.xlsx", F.report())
    Path(f.path).write_bytes(b"edited after the check")
    with Ledger.open(ledger_path) as ledger:
        stats = ledger.ingest([f], context=F.context())
        note, archive = L.one(
            ledger, "SELECT s.note, f.archive FROM sightings s JOIN files f USING (sha256)"
        ) or (None, None)
        assert ledger.archived_bytes(f.sha256) is None
    assert stats.not_archived == [f.path]
    assert "変更" in note and archive is None
    assert stats.reports == 1  # the report read from the checked bytes still counts


def test_source_bytes_callback_is_used(tmp_path: Path, ledger_path: Any) -> None:
    f = F.file_result(tmp_path / "in", "a.xlsx", F.report())
    data = Path(f.path).read_bytes()
    Path(f.path).unlink()
    with Ledger.open(ledger_path) as ledger:
        stats = ledger.ingest([f], context=F.context(), source_bytes=lambda r: data)
        assert ledger.archived_bytes(f.sha256) == data
    assert stats.archived == 1


def test_memory_ledger_has_no_archive(tmp_path: Path) -> None:  # (no engine: in memory)
    with Ledger.memory() as ledger:
        stats = ledger.ingest(sample_files(tmp_path / "in"), context=F.context())
        assert ledger.archive is None
    assert (stats.archived, stats.reports) == (0, 2)


# --- one transaction per run -------------------------------------------------------------


def _child(script: str, *args: str, **kw: Any) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(TESTS), env.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


# A run that stops inside its commit, after it has written rows of its first batch: it
# says "holding" and waits for a line on stdin (or to be killed).
HOLD = """
    import sys
    from datetime import date
    from pathlib import Path
    import factories as F
    from toolkit.ledger import Ledger, ingest
    ingest._BATCH = 1
    flush = ingest._Writer.flush
    def holding(self):
        flush(self)
        if self.stats.files == 1:
            print("holding", flush=True)
            sys.stdin.readline()
    ingest._Writer.flush = holding
    folder = Path(sys.argv[2])
    files = [F.file_result(folder, f"{i}.xlsx", F.report(civilians=40 + i, day=date(2026, 10, 1 + i)))
             for i in range(int(sys.argv[3]))]
    with Ledger.open(sys.argv[1]) as ledger:
        stats = ledger.ingest(files, context=F.context())
    print("done", stats.reports, flush=True)
"""


def _holding(ledger_path: Any, folder: Path, files: int = 1) -> subprocess.Popen[str]:
    child = _child(HOLD, str(ledger_path), str(folder), str(files))
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != "holding":
        child.kill()
        raise AssertionError(f"{line!r}: {child.communicate()[1]}")
    return child


def _healthy(ledger: Ledger) -> None:
    if ledger.dialect == "sqlite":
        assert L.one(ledger, "PRAGMA integrity_check") == ("ok",)


def test_a_run_killed_midway_leaves_the_ledger_as_it_was(tmp_path: Path, ledger_path: Any) -> None:
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(sample_files(tmp_path / "in"), context=F.context())
    before = L.dump(ledger_path)
    child = _holding(ledger_path, tmp_path / "crash", files=6)
    child.kill()  # SIGKILL: no clean-up of any kind, mid-transaction
    child.communicate(timeout=60)
    assert L.dump(ledger_path) == before
    with Ledger.open(ledger_path, wait=10) as ledger:
        _healthy(ledger)
        again = F.file_result(
            tmp_path / "crash", "0.xlsx", F.report(civilians=40, day=date(2026, 10, 1))
        )
        stats = ledger.ingest([again], context=F.context())
    # the file the killed run had read is ingested normally (its archive copy, if any, is
    # harmless: content addressed)
    assert (stats.new_files, stats.reports, stats.archived) == (1, 1, 1)


def test_a_second_writer_gets_a_clear_error(tmp_path: Path, ledger_path: Any) -> None:
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(sample_files(tmp_path / "in"), context=F.context())
    child = _holding(ledger_path, tmp_path / "held")
    try:
        assert child.stdin is not None
        with Ledger.open(ledger_path, wait=0.3) as second:
            with pytest.raises(LedgerError, match=r"台帳「.*」は別の処理が.*使用中です"):
                second.ingest(
                    [F.file_result(tmp_path / "x", "x.xlsx", F.report())], context=F.context()
                )
            # readers are not blocked, and see the last committed state
            assert L.one(second, "SELECT count(*) FROM reports") == (2,)
        child.stdin.write("\n")
        child.stdin.flush()
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert out.strip().endswith("done 1")
    with Ledger.open(ledger_path) as ledger:
        _healthy(ledger)
        assert L.one(ledger, "SELECT count(*) FROM reports") == (3,)


def test_an_exception_inside_the_run_rolls_back(tmp_path: Path, ledger_path: Any) -> None:
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(sample_files(tmp_path / "in"), context=F.context())
    before = L.dump(ledger_path)

    def files() -> Any:
        yield F.file_result(tmp_path / "y", "y.xlsx", F.report(civilians=5))
        raise KeyboardInterrupt

    with Ledger.open(ledger_path) as ledger, pytest.raises(KeyboardInterrupt):
        ledger.ingest(files(), context=F.context())
    assert L.dump(ledger_path) == before


def test_an_error_inside_the_commit_rolls_back(
    tmp_path: Path, ledger_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.ledger import ingest

    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(sample_files(tmp_path / "in"), context=F.context())
    before = L.dump(ledger_path)
    flush = ingest._Writer.flush

    def failing(self: Any) -> None:
        flush(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest._Writer, "flush", failing)
    files = [F.file_result(tmp_path / "z", f"{i}.xlsx", F.report(civilians=i)) for i in range(3)]
    with Ledger.open(ledger_path) as ledger, pytest.raises(KeyboardInterrupt):
        ledger.ingest(files, context=F.context())
    assert L.dump(ledger_path) == before


# --- retention ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "years", "until"),
    [
        (date(2026, 10, 15), 1, date(2028, 3, 31)),
        (date(2026, 4, 1), 1, date(2028, 3, 31)),
        (date(2027, 3, 31), 1, date(2028, 3, 31)),
        (date(2027, 4, 1), 1, date(2029, 3, 31)),
        (date(2026, 10, 15), 3, date(2030, 3, 31)),
    ],
)
def test_keep_until(day: date, years: int, until: date) -> None:
    assert keep_until(day, years) == until


def test_fiscal_year_and_station_name() -> None:
    assert [fiscal_year(date(2027, 3, 31)), fiscal_year(date(2027, 4, 1))] == [2026, 2027]
    assert station_name(" 中央署 ") == "中央警察署"
    assert station_name("中央警察署") == "中央警察署"
    assert station_name("") is None


def test_retention_expires_the_day_after(tmp_path: Path, ledger_path: Any) -> None:
    f = F.file_result(tmp_path / "in", "a.xlsx", F.report(day=date(2026, 10, 15)))
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([f], context=F.context())
        assert ledger.expired(date(2028, 3, 31), 1) == []
        expired = ledger.expired(date(2028, 4, 1), 1)
    assert [(e.report_id, e.meeting_date, e.keep_until) for e in expired] == [
        (1, date(2026, 10, 15), date(2028, 3, 31))
    ]


def test_purge_strips_free_text_removes_the_archive_and_records_it(
    tmp_path: Path, ledger_path: Any, clock_at: Callable[[date], None]
) -> None:
    clock_at(date(2028, 4, 1))
    old = F.file_result(
        tmp_path / "in",
        "old.xlsx",
        F.Meeting(
            F.report(day=date(2026, 5, 10), requests=[("街灯の設置 山田様宅前", None)]),
            findings=(F.warning("R5.open-request"),),
        ),
    )
    # one file holding an expired and a still-kept report: its archive copy stays
    mixed = F.file_result(
        tmp_path / "in",
        "mixed.xlsx",
        F.Meeting(F.report(council="A協議会", day=date(2026, 6, 1)), sheet="6月"),
        F.Meeting(F.report(council="A協議会", day=date(2027, 6, 1)), sheet="翌年6月"),
    )
    unread = F.unreadable(tmp_path / "in", "broken.xlsx")
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([old, mixed, unread], context=F.context(today=date(2027, 7, 1)))
        L.execute(
            ledger, "UPDATE runs SET started_at='2026-07-01T09:00:00', received_on='2026-07-01'"
        )
        expired = ledger.expired(date(2028, 4, 1), 1)
        assert sorted((e.path.split("/")[-1], e.sheet) for e in expired) == [
            ("broken.xlsx", None),
            ("mixed.xlsx", "6月"),
            ("old.xlsx", "報告書"),
        ]
        assert ledger.purge(expired, date(2028, 4, 1)) == 3
        assert ledger.archived_bytes(old.sha256) is None
        assert ledger.archived_bytes(unread.sha256) is None
        assert ledger.archived_bytes(mixed.sha256) == Path(mixed.path).read_bytes()
        purged = L.one(
            ledger, "SELECT reporter, venue, record, purged_run FROM reports WHERE sha256=?",
            old.sha256,
        ) or ()  # fmt: skip
        request = L.one(
            ledger,
            "SELECT request, response, answered FROM requests q JOIN reports r USING (report_id)"
            " WHERE r.sha256=?",
            old.sha256,
        )
        (message,) = L.one(
            ledger,
            "SELECT message FROM findings f JOIN reports r USING (report_id) WHERE r.sha256=?",
            old.sha256,
        ) or (None,)
        purges = L.rows(
            ledger, "SELECT run_id, sha256, as_of, archive_removed FROM purges ORDER BY sha256"
        )
        run = L.one(ledger, "SELECT command FROM runs WHERE run_id=?", purges[0][0])
        assert ledger.expired(date(2028, 4, 1), 1) == []
    record = json.loads(purged[2])
    assert purged[:2] == (None, None) and purged[3] is not None
    assert record["discussion"] is None and record["officers"] == [] and record["reporter"] is None
    assert record["police_attendees"] == 3 and record["date"] == "2026-05-10"
    assert record["requests"] == [{"request": None, "response": None, "answered": False}]
    assert request == (None, None, 0)
    assert "山田" not in message
    assert run == ("retention",)
    removed = {sha: flag for _, sha, _, flag in purges}
    assert removed == {old.sha256: 1, mixed.sha256: 0, unread.sha256: 1}
    assert len(archive_files(ledger_path)) == 1


def test_same_council_name_in_two_stations_is_told_apart_by_the_station(
    tmp_path: Path, ledger_path: Any
) -> None:
    reg = F.registry(
        ("C1", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
        ("E1", "東警察署", "駅前交番", "駅前交番連絡協議会"),
    )
    a = F.file_result(tmp_path / "x", "a.xlsx", F.report(station="中央署"))
    b = F.file_result(tmp_path / "y", "a.xlsx", F.report(station="東警察署"))
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest([a, b], context=F.context(reg))
        rows = L.rows(
            ledger, "SELECT council_key, station, superseded_by FROM reports ORDER BY report_id"
        )
    # same name, same date, same sheet: still two councils, neither supersedes the other
    assert rows == [("C1", "中央警察署", None), ("E1", "東警察署", None)]


# --- the monthly job's steps ---------------------------------------------------------------


def test_steps_are_recorded_replaced_and_shown(ledger_path: Any) -> None:
    from toolkit.ledger import Step
    from toolkit.ledger.steps import DONE, FAILED, FEEDBACK, PENDING, SUMMARY

    ws = "/hq"
    with Ledger.open(ledger_path) as ledger:
        ledger.record_steps(
            [Step(ws, "2026-10", FEEDBACK, "ab", PENDING), Step(ws, "2026-10", SUMMARY)]
        )
        ledger.record_steps([Step(ws, "2026-10", FEEDBACK, "ab", FAILED, problem="満杯")])
        (failed,) = ledger.steps(ws, states=[FAILED])
        assert (failed.subject, failed.problem, failed.shown) == ("ab", "満杯", False)
        ledger.record_steps([Step(ws, "2026-10", FEEDBACK, "ab", DONE, output="/hq/x.xlsx")])
        (done,) = ledger.steps(ws, kinds=[FEEDBACK])
        ledger.mark_shown([done])
        assert ledger.steps(ws, kinds=[FEEDBACK])[0].shown
        # done again (a copy made again): the user is told again
        ledger.record_steps([done])
        assert not ledger.steps(ws, kinds=[FEEDBACK])[0].shown
        assert [s.kind for s in ledger.steps(ws, states=[PENDING])] == [SUMMARY]
        assert ledger.steps("/other") == []


def test_steps_recorded_before_the_commit_roll_back_with_the_ingest(
    tmp_path: Path, ledger_path: Any
) -> None:
    from toolkit.ledger import Step

    def boom(run_id: int) -> None:
        ledger.record_steps([Step("/hq", "2026-10", "ingest", run_id=run_id)])
        raise OSError("disk")

    with Ledger.open(ledger_path) as ledger:
        with pytest.raises(OSError):
            ledger.ingest(sample_files(tmp_path / "in"), context=F.context(), before_commit=boom)
        assert ledger.steps("/hq") == []
        assert ledger.known_files() == set()


# --- reading for the summary ---------------------------------------------------------------


def test_a_summary_reads_its_rows_in_chunks_of_the_set_size(
    tmp_path: Path, ledger_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows come in chunks of `CHUNK` (a frame is built per chunk): never the driver's own
    fetch size, which is one row on SQLite (5,000 reports once made 37,000 frames and a
    fiscal-year summary of 400 s)."""
    from toolkit.ledger import queries

    files = [
        F.file_result(tmp_path / "in", f"{i}.xlsx", F.report(day=date(2026, 10, 1 + i)))
        for i in range(5)
    ]
    with Ledger.open(ledger_path) as ledger:
        ledger.ingest(files, context=F.context())
        with ledger.snapshot():
            whole = [len(c) for c in ledger.current_reports(2026, date(2027, 3, 31)).chunks]
            monkeypatch.setattr(queries, "CHUNK", 2)
            rows = ledger.current_reports(2026, date(2027, 3, 31))
            parts = [[r[rows.columns.index("meeting_date")] for r in c] for c in rows.chunks]
    assert whole == [5]
    assert parts == [["2026-10-01", "2026-10-02"], ["2026-10-03", "2026-10-04"], ["2026-10-05"]]
