"""Several desks on one ledger at once, on both engines: processes ingesting overlapping
folders together (the same file from two desks, a resubmission racing its original), one
killed mid-transaction, a reader during a commit. No report counted twice, none lost, the
history complete. On PostgreSQL all 8 writers commit; on SQLite (one writer at a time)
each either commits or stops with the clear exit 3, and leaves no trace then."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import ledgers as L
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.ledger import Ledger

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
WRITERS = 8
MEETINGS = 40
FIRST = date(2026, 10, 1)

# One desk: makes its files, says "ready", waits for "go" on stdin (so that every desk
# reads and commits at the same time), ingests, prints what it stored. With "hold", it
# stops inside its commit after the first batch and waits for a line (or to be killed).
DESK = """
    import json, sys
    from datetime import date, timedelta
    from pathlib import Path
    import factories as F
    from toolkit.ledger import Ledger, LedgerError, ingest
    spec = json.loads(sys.argv[1])
    first = date.fromisoformat(spec["first"])
    files = [
        F.file_result(Path(spec["folder"]), f["name"],
                      F.report(day=first + timedelta(days=f["meeting"]), civilians=f["civilians"]))
        for f in spec["files"]
    ]
    if spec.get("hold"):
        ingest._BATCH = 1
        flush = ingest._Writer.flush
        def holding(self):
            flush(self)
            if self.stats.files == 1:
                print("holding", flush=True)
                sys.stdin.readline()
        ingest._Writer.flush = holding
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        with Ledger.open(spec["ledger"], wait=spec["wait"]) as ledger:
            stats = ledger.ingest(files, context=F.context())
    except LedgerError as exc:
        print(json.dumps({"error": str(exc)}, ensure_ascii=False), flush=True)
        sys.exit(3)
    print(json.dumps({"run": stats.run_id, "files": stats.files, "new": stats.new_files,
                      "identical": stats.identical}), flush=True)
"""


def _desk(spec: dict[str, Any]) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(TESTS), env.get("PYTHONPATH", "")])
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(DESK), json.dumps(spec, ensure_ascii=False)],
        env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != "ready":
        child.kill()
        raise AssertionError(f"{line!r}: {child.communicate()[1]}")
    return child


def _files_of(desk: int) -> list[dict[str, Any]]:
    """Desk `desk`'s folder: three quarters of the meetings (so every meeting is sent by
    several desks, byte for byte the same file), and on odd desks the corrected
    resubmission of every fifth meeting, whose original other desks send at the same time.
    Each desk has its own order."""
    files = [
        {"name": f"{i:02d}.xlsx", "meeting": i, "civilians": i}
        for i in range(MEETINGS)
        if i % 4 != desk % 4
    ]
    if desk % 2:
        files += [
            {"name": f"{i:02d}_訂正.xlsx", "meeting": i, "civilians": 100 + i}
            for i in range(0, MEETINGS, 5)
        ]
    order = sorted(range(len(files)), key=lambda k: (k * (desk + 3)) % len(files))
    return [files[k] for k in order]


def _check_ledger(where: Path | str, given: list[list[dict[str, Any]]]) -> None:
    """What the ledger must hold after the desks in `given` committed, whatever the order."""
    sent = {(f["meeting"], f["civilians"]) for files in given for f in files}
    with Ledger.open(where) as ledger:
        reports = L.rows(
            ledger, "SELECT report_id, meeting_date, civilians, superseded_by, sha256 FROM reports"
        )
        files = L.rows(ledger, "SELECT sha256 FROM files")
        sightings = L.rows(ledger, "SELECT run_id, sha256, status FROM sightings")
        runs = L.rows(ledger, "SELECT run_id, files, finished_at FROM runs ORDER BY run_id")
    # none lost, none twice: one file and one report for each distinct file sent
    assert len(files) == len({sha for (sha,) in files}) == len(sent)
    assert len(reports) == len(sent)
    assert {(date.fromisoformat(d).toordinal() - FIRST.toordinal(), c)
            for _, d, c, _, _ in reports} == sent  # fmt: skip
    # one current report per meeting; every other one superseded by a report of the ledger
    current = Counter(d for _, d, _, by, _ in reports if by is None)
    assert set(current.values()) == {1} and len(current) == len({m for m, _ in sent})
    ids = {rid for rid, *_ in reports}
    assert all(by in ids for *_, by, _ in reports if by is not None)
    # the history complete: every file each desk gave is a sighting of its run; each
    # file was read once, by the run that stored it, and is identical everywhere else
    assert sorted(n for _, n, _ in runs) == sorted(len(f) for f in given)
    assert all(finished is not None for *_, finished in runs)
    assert len(sightings) == sum(len(f) for f in given)
    by_sha = Counter((sha, status) for _, sha, status in sightings)
    assert {s for s, status in by_sha if status == "read"} == {sha for (sha,) in files}
    assert all(n == 1 for (_, status), n in by_sha.items() if status == "read")


@pytest.mark.slow
def test_desks_ingest_overlapping_folders_at_once(
    engine: str, ledger_at: Path | str, tmp_path: Path
) -> None:
    server = engine == "postgresql"
    Ledger.open(ledger_at).close()  # the ledger exists before the desks start
    specs = [
        {"ledger": str(ledger_at), "folder": str(tmp_path / f"desk{w}"), "files": _files_of(w),
         "first": FIRST.isoformat(), "wait": 120 if server else 10}
        for w in range(WRITERS)
    ]  # fmt: skip
    # a ninth desk will be killed inside its commit while the others work
    doomed = {**specs[0], "folder": str(tmp_path / "doomed"), "hold": True, "wait": 120}
    desks = [_desk(spec) for spec in specs]
    victim = _desk(doomed) if server else None
    if victim is not None:
        assert victim.stdin is not None and victim.stdout is not None
        victim.stdin.write("go\n")
        victim.stdin.flush()
        assert victim.stdout.readline().strip() == "holding"
    for desk in desks:
        assert desk.stdin is not None
        desk.stdin.write("go\n")
        desk.stdin.flush()
    if victim is not None:
        victim.kill()  # SIGKILL inside its transaction, holding the write lock
        victim.communicate(timeout=60)
    outcomes = []
    for desk in desks:
        out, err = desk.communicate(timeout=300)
        outcomes.append((desk.returncode, out, err))
    committed = [spec["files"] for spec, (code, _, _) in zip(specs, outcomes, strict=True)
                 if code == 0]  # fmt: skip
    for code, out, err in outcomes:
        assert code in (0, 3), err
        if code == 3:
            assert "使用中" in json.loads(out.strip().splitlines()[-1])["error"]
    if server:
        assert len(committed) == WRITERS, [o for o in outcomes if o[0]]
    else:
        assert committed, "at least one desk commits"
    _check_ledger(ledger_at, committed)


def test_a_reader_sees_one_state_while_a_run_commits(ledger_at: Path | str, tmp_path: Path) -> None:
    with Ledger.open(ledger_at) as ledger:
        ledger.ingest(
            [F.file_result(tmp_path / "in", "a.xlsx", F.report(day=FIRST))], context=F.context()
        )
    spec = {"ledger": str(ledger_at), "folder": str(tmp_path / "desk"), "first": FIRST.isoformat(),
            "files": [{"name": f"{i}.xlsx", "meeting": i + 1, "civilians": i} for i in range(4)],
            "hold": True, "wait": 30}  # fmt: skip
    desk = _desk(spec)
    assert desk.stdin is not None and desk.stdout is not None
    try:
        desk.stdin.write("go\n")
        desk.stdin.flush()
        assert desk.stdout.readline().strip() == "holding"
        with Ledger.open(ledger_at) as reader:
            with reader.snapshot():
                before = L.rows(reader, "SELECT count(*) FROM reports")
                runs = L.rows(reader, "SELECT count(*) FROM runs")
                desk.stdin.write("\n")  # the run commits now
                desk.stdin.flush()
                _, err = desk.communicate(timeout=60)
                assert desk.returncode == 0, err
                # the same snapshot: neither the report rows nor the run appear in it
                assert L.rows(reader, "SELECT count(*) FROM reports") == before == [(1,)]
                assert L.rows(reader, "SELECT count(*) FROM runs") == runs == [(1,)]
            assert L.rows(reader, "SELECT count(*) FROM reports") == [(5,)]
    finally:
        if desk.poll() is None:
            desk.kill()


def test_a_summary_during_a_commit_counts_what_was_committed(
    ledger_at: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary reads while another desk's run is half written, and that run commits
    before the summary writes its workbook: the workbook counts the state it read."""
    from toolkit.writing import summary as writing

    with Ledger.open(ledger_at) as ledger:
        ledger.ingest(
            [F.file_result(tmp_path / "in", "a.xlsx", F.report(day=FIRST))],
            context=F.context(today=date(2026, 11, 25)),
        )
    spec = {"ledger": str(ledger_at), "folder": str(tmp_path / "desk"), "first": FIRST.isoformat(),
            "files": [{"name": f"{i}.xlsx", "meeting": i + 1, "civilians": i} for i in range(4)],
            "hold": True, "wait": 30}  # fmt: skip
    desk = _desk(spec)
    assert desk.stdin is not None and desk.stdout is not None
    write = writing.write_summary

    def commit_first(*args: Any, **kwargs: Any) -> Any:
        assert desk.stdin is not None
        desk.stdin.write("\n")  # the other desk's run commits now
        desk.stdin.flush()
        desk.wait(timeout=60)
        return write(*args, **kwargs)

    monkeypatch.setattr(writing, "write_summary", commit_first)
    try:
        desk.stdin.write("go\n")
        desk.stdin.flush()
        assert desk.stdout.readline().strip() == "holding"
        out = tmp_path / "集計.xlsx"
        result = CliRunner().invoke(
            main, ["summary", "--db", str(ledger_at), "--period", "2026-10", "--as-of",
                   "2026-11-25", "-o", str(out)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert desk.returncode == 0, desk.communicate()[1]
        assert "期間内の報告書 1件" in result.output  # the state it read: before the commit
        with Ledger.open(ledger_at) as ledger:
            assert L.rows(ledger, "SELECT count(*) FROM reports") == [(5,)]
            assert L.rows(ledger, "SELECT kind FROM outputs") == [("summary",)]
    finally:
        if desk.poll() is None:
            desk.kill()
        desk.communicate(timeout=60)


def test_a_settlement_during_an_ingest_waits_for_it_and_decides_after_it(
    ledger_at: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HQ keeps the original of a meeting (`kyogikai settle --keep`) while another desk's
    run, holding the write lock, commits its resubmission: the settlement waits for that
    commit, then decides — the original counts, the resubmission is superseded by it,
    nothing is lost or counted twice."""
    from toolkit.ledger import store

    with Ledger.open(ledger_at) as ledger:
        ledger.ingest(
            [F.file_result(tmp_path / "in", "a.xlsx", F.report(day=FIRST, civilians=1))],
            context=F.context(),
        )
        (original,) = L.one(ledger, "SELECT sha256 FROM files") or ("",)
    files = [{"name": "a_訂正.xlsx", "meeting": 0, "civilians": 101}]
    files += [{"name": f"{i}.xlsx", "meeting": i, "civilians": i} for i in (1, 2, 3)]
    spec = {"ledger": str(ledger_at), "folder": str(tmp_path / "desk"), "first": FIRST.isoformat(),
            "files": files, "hold": True, "wait": 30}  # fmt: skip
    desk = _desk(spec)
    assert desk.stdin is not None and desk.stdout is not None
    done: list[Any] = []
    at_lock = threading.Event()
    take = store.LedgerStore._writing

    @contextlib.contextmanager
    def writing(self: Any) -> Iterator[Any]:
        at_lock.set()  # the settlement is about to take the write lock
        with take(self) as conn:
            yield conn

    monkeypatch.setattr(store.LedgerStore, "_writing", writing)
    monkeypatch.setattr(store, "WAIT", 60.0)  # a ledger file's writer waits long enough here

    def settle() -> None:
        args = ["settle", "--db", str(ledger_at), "--keep", original[:12],
                "--reason", "原本を採用（訂正は誤送信）", "--by", "山田"]  # fmt: skip
        done.append(CliRunner().invoke(main, args))

    try:
        desk.stdin.write("go\n")
        desk.stdin.flush()
        assert desk.stdout.readline().strip() == "holding"
        deciding = threading.Thread(target=settle)
        deciding.start()
        assert at_lock.wait(timeout=60)
        deciding.join(timeout=1)
        assert deciding.is_alive() and not done  # waiting for the desk's commit
        with Ledger.open(ledger_at) as reader:
            assert L.rows(reader, "SELECT count(*) FROM settlements") == [(0,)]
        desk.stdin.write("\n")  # the desk's run commits now
        desk.stdin.flush()
        _, err = desk.communicate(timeout=60)
        assert desk.returncode == 0, err
        deciding.join(timeout=60)
        assert len(done) == 1 and done[0].exit_code == 0, done and done[0].output
        assert "採用: " in done[0].output and "原本を採用（訂正は誤送信）（山田、" in done[0].output
    finally:
        if desk.poll() is None:
            desk.kill()
    with Ledger.open(ledger_at) as ledger:
        reports = L.rows(
            ledger,
            "SELECT report_id, meeting_date, civilians, superseded_by FROM reports"
            " ORDER BY report_id",
        )
        settlements = L.rows(ledger, "SELECT sha256, action, made_by FROM settlements")
        runs = L.rows(
            ledger,
            "SELECT files, CASE WHEN finished_at IS NULL THEN 0 ELSE 1 END FROM runs"
            " ORDER BY run_id",
        )
    first = reports[0][0]
    day = FIRST.isoformat()
    assert [(d, c, by) for _, d, c, by in reports if d == day] == [
        (day, 1, None),  # the original counts: HQ kept it
        (day, 101, first),  # the resubmission, committed before the decision, gives way
    ]
    assert sorted(c for _, d, c, by in reports if d != day and by is None) == [1, 2, 3]
    assert settlements == [(original, "keep", "山田")]
    assert runs == [(1, 1), (4, 1)]


def test_a_second_ingest_on_a_ledger_file_gets_exit_3(tmp_path: Path) -> None:
    """SQLite: one writer; the other waits its few seconds and stops with a clear message."""
    db = tmp_path / "台帳.sqlite"
    Ledger.open(db).close()
    spec = {"ledger": str(db), "folder": str(tmp_path / "desk"), "first": FIRST.isoformat(),
            "files": [{"name": f"{i}.xlsx", "meeting": i, "civilians": i} for i in range(3)],
            "hold": True, "wait": 5}  # fmt: skip
    desk = _desk(spec)
    assert desk.stdin is not None and desk.stdout is not None
    try:
        desk.stdin.write("go\n")
        desk.stdin.flush()
        assert desk.stdout.readline().strip() == "holding"
        inbox = tmp_path / "受信"
        F.file_result(inbox, "x.xlsx", F.report())
        result = CliRunner().invoke(main, ["ingest", str(inbox), "--db", str(db)])
        assert result.exit_code == 3, result.output
        assert f"台帳「{db}」は別の処理が使用中です" in result.output
    finally:
        desk.kill()
        desk.communicate(timeout=60)
    with Ledger.open(db) as ledger:
        assert L.rows(ledger, "SELECT count(*) FROM runs") == [(0,)]
