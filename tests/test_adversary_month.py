"""Reliability round 3: the month's job under faults, settings and time, through the command
line. Each attack holds the contract of SPEC.md: exit 2 for what the user gave, 3 when the
machine or a file stands in the way (and the job is not finished), 130 when interrupted,
a Japanese message, never a traceback; the files and the ledger as they must be.

The working folder is small (three reports of 中央警察署, two with errors, one of them with
a request still open) and copied for each test.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from filled_forms import blank_form, fill

from toolkit.cli import main
from toolkit.errors import OperationalError
from toolkit.model import REGULAR
from toolkit.registry import PlannedMeeting
from toolkit.samples import fictional_registry
from toolkit.writing.registry_io import write_registry
from toolkit.writing.template import write_template

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import make_hostile as mh

ROOT = Path(__file__).resolve().parent.parent
AS_OF = ("--as-of", "2026-11-25")
WRITTEN = date(2026, 11, 25)  # the computer's date while the month is done
LATER = date(2028, 4, 2)  # after the retention period of FY2026's reports and outputs
RETURNED = Path("返却") / "2026-10" / "中央警察署"


def _invoke(*args: object, input: str | None = None) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output
    assert "予期しないエラー" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result


def _files(root: Path) -> set[str]:
    """Every file under `root`, relative (the ledger and its archive left out)."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith("台帳/")
    }


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder with the sample prefecture's registry (a yearly plan for two
    councils of 中央警察署) and three reports of October: one clean, two with errors (the
    second with a request still open)."""
    root = tmp_path_factory.mktemp("prepared") / "本部"
    assert _invoke("init", root).exit_code == 0
    plans = (
        PlannedMeeting(2026, "C002", date(2026, 10, 1), REGULAR),
        PlannedMeeting(2026, "C003", date(2026, 9, 1), REGULAR),
    )
    registry = dataclasses.replace(fictional_registry(0), plans=plans)
    write_registry(registry, root / "協議会名簿.xlsx")
    blank = blank_form(tmp_path_factory.mktemp("blank"))
    station = root / "受信" / "中央警察署"
    fill(blank, station / "ok.xlsx")
    fill(blank, station / "err1.xlsx", date=date(2026, 10, 8), police_attendees="数名")
    fill(
        blank,
        station / "err2.xlsx",
        date=date(2026, 10, 22),
        civilian_attendees="多数",
        response_1="",  # a request still open
    )
    return root


@pytest.fixture
def ws(prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "本部"
    shutil.copytree(prepared, root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def written_today(clock_at: Callable[[date], None]) -> Callable[[date], None]:
    clock_at(WRITTEN)
    return clock_at


# --- 1. a month is a transaction you can repeat ------------------------------------------


class Locked(OperationalError):
    """What the Windows layer raises for a file still locked after its retries."""


def _full(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "返却")


def _locked(*args: Any, **kwargs: Any) -> None:
    raise Locked(
        "「返却」に書き込めません。Excel などで開かれています。閉じてから、もう一度実行してください。"
    )


@pytest.mark.parametrize("fault", ["full", "locked", "blocked"])
def test_copies_that_could_not_be_made_are_made_by_the_next_run(
    ws: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    from toolkit.writing import feedback

    with monkeypatch.context() as patched:
        if fault == "blocked":  # a file where the month's folder goes
            (ws / "返却" / "2026-10").write_text("x")
        else:
            patched.setattr(feedback, "write_atomic", _full if fault == "full" else _locked)
        first = _invoke("month", "2026-10", *AS_OF)
    assert first.exit_code == 3, first.output
    assert "確認用の写しを 2件作れませんでした" in first.output
    assert "受信/中央警察署/err1.xlsx" in first.output.split("次にすること:")[1]
    expected = {"full": "ディスクの空きがありません", "locked": "Excel などで開かれています"}
    assert expected.get(fault, "2026-10") in first.output
    assert (ws / "出力" / "集計_2026-10.xlsx").is_file()  # the other steps were done
    failed = _rows(ws / "台帳" / "台帳.db", "SELECT state FROM steps WHERE kind='feedback'")
    assert failed == [("failed",), ("failed",)]
    if fault == "blocked":
        (ws / "返却" / "2026-10").unlink()
    second = _invoke("month", "2026-10", *AS_OF)
    assert second.exit_code == 0, second.output
    assert sorted(p.name for p in (ws / RETURNED).iterdir()) == ["err1.xlsx", "err2.xlsx"]
    assert "確認用の写しを警察署に返し" in second.output
    assert f"中央警察署  {RETURNED.as_posix()}（2件）" in second.output
    third = _invoke("month", "2026-10", *AS_OF)
    assert third.exit_code == 0 and "確認用の写しを警察署に返し" not in third.output


def test_a_copy_is_made_from_the_archive_when_the_file_has_left_the_incoming_folder(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.writing import feedback

    with monkeypatch.context() as patched:
        patched.setattr(feedback, "write_atomic", _full)
        assert _invoke("month", "2026-10", *AS_OF).exit_code == 3
    moved = ws.parent / "済み"
    shutil.move(ws / "受信" / "中央警察署", moved)
    again = _invoke("month", "2026-10", *AS_OF)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (ws / RETURNED).iterdir()) == ["err1.xlsx", "err2.xlsx"]
    book = openpyxl.load_workbook(ws / RETURNED / "err1.xlsx")
    assert book.sheetnames[0] == "確認事項"


def test_a_summary_that_could_not_be_written_is_written_by_the_next_run(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.writing.summary import sheets

    with monkeypatch.context() as patched:
        patched.setattr(sheets, "findings_sheet", _full)
        first = _invoke("month", "2026-10", *AS_OF)
    assert first.exit_code == 3, first.output
    assert "集計表を作れませんでした" in first.output
    assert not (ws / "出力" / "集計_2026-10.xlsx").exists()
    assert list((ws / "出力" / "督促_2026-10").iterdir())  # the next step was still done
    assert len(list((ws / RETURNED).iterdir())) == 2
    second = _invoke("month", "2026-10", *AS_OF)
    assert second.exit_code == 0, second.output
    assert (ws / "出力" / "集計_2026-10.xlsx").is_file()


def test_another_months_unfinished_summary_is_named_until_it_is_done(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.writing.summary import sheets

    with monkeypatch.context() as patched:
        patched.setattr(sheets, "findings_sheet", _full)
        assert _invoke("month", "2026-10", *AS_OF).exit_code == 3
    november = _invoke("month", "2026-11", *AS_OF)
    assert november.exit_code == 3, november.output
    assert "2026-10 の集計表" in november.output and "kyogikai month 2026-10" in november.output
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    assert _invoke("month", "2026-11", *AS_OF).exit_code == 0


def test_ctrl_c_says_what_was_left_and_the_next_run_lists_the_copies_it_made(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit import jobs

    def interrupted(**kwargs: Any) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(jobs, "summary", interrupted)
        stopped = _invoke("month", "2026-10", *AS_OF)
    assert stopped.exit_code == 130, stopped.output
    assert "中断しました（Ctrl-C）" in stopped.stderr
    assert "済んだこと: 台帳への取り込み（新しいファイル 3件）、確認用の写し 2件" in stopped.stderr
    assert "残っていること: 2026-10 の集計表、2026-10 の督促・確認依頼" in stopped.stderr
    assert "途中までの出力は保存していません" not in stopped.stderr
    assert len(list((ws / RETURNED).iterdir())) == 2
    again = _invoke("month", "2026-10", *AS_OF)
    assert again.exit_code == 0, again.output
    assert "新しく届いたファイルはありません" in again.output
    # the copies the interrupted run made have not been handed out: they are listed now
    assert f"中央警察署  {RETURNED.as_posix()}（2件）" in again.output
    assert "確認用の写しを警察署に返し" not in _invoke("month", "2026-10", *AS_OF).output


def test_ctrl_c_during_the_ingest_leaves_the_ledger_as_it_was(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.ledger import ingest

    real = ingest._Reader.add

    def add(self: Any, seq: int, result: Any) -> None:
        if seq == 2:
            raise KeyboardInterrupt
        real(self, seq, result)

    with monkeypatch.context() as patched:
        patched.setattr(ingest._Reader, "add", add)
        stopped = _invoke("month", "2026-10", *AS_OF)
    assert stopped.exit_code == 130
    assert "台帳は元のままです" in stopped.stderr
    assert _rows(ws / "台帳" / "台帳.db", "SELECT count(*) FROM files") == [(0,)]
    again = _invoke("month", "2026-10", *AS_OF)
    assert again.exit_code == 0 and f"{RETURNED.as_posix()}（2件）" in again.output


# --- 2. time is an input -----------------------------------------------------------------

COMMANDS = {
    "check": ("check",),
    "ingest": ("ingest",),
    "summary": ("summary", "--period", "2026-10", "-o", "集計.xlsx"),
    "retention": ("retention",),
    "remind": ("remind", "-o", "督促"),
    "roster": ("roster", "--registry", "協議会名簿.xlsx", "--json"),
    "month": ("month", "2026-10"),
}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_impossible_day_is_refused_by_every_command(ws: Path, day: str) -> None:
    assert _invoke("ingest", *AS_OF).exit_code == 1  # a ledger for the commands that read one
    before = _files(ws)
    runs = _rows(ws / "台帳" / "台帳.db", "SELECT count(*) FROM runs")
    for name, args in COMMANDS.items():
        result = _invoke(*args, "--as-of", day)
        assert result.exit_code == 2, (name, result.output)
        assert "'--as-of'" in result.output and day in result.output, name
    assert _files(ws) == before
    assert _rows(ws / "台帳" / "台帳.db", "SELECT count(*) FROM runs") == runs


def test_a_day_after_today_is_refused_for_what_records_or_deletes(
    ws: Path, clock_at: Callable[[date], None]
) -> None:
    clock_at(date(2026, 11, 25))
    ahead = (date(2026, 11, 25) + timedelta(days=30)).isoformat()
    for args in (("ingest",), ("month", "2026-10")):
        result = _invoke(*args, "--as-of", ahead)
        assert result.exit_code == 2, result.output
        assert "今日" in result.output and "より先です" in result.output
    assert not (ws / "台帳" / "台帳.db").exists()
    assert not list((ws / "返却").rglob("*.xlsx"))
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    applied = _invoke("retention", "--as-of", "2028-04-02", "--apply")
    assert applied.exit_code == 2 and "より先です" in applied.output
    assert _rows(ws / "台帳" / "台帳.db", "SELECT count(*) FROM purges") == [(0,)]
    listed = _invoke("retention", "--as-of", "2028-04-02")  # only looks ahead
    assert listed.exit_code == 0 and "削除するには --apply" in listed.output
    assert _invoke("check", "--as-of", ahead).exit_code == 1  # reads only: allowed


def test_a_ledger_holding_an_impossible_day_is_repaired_by_a_command(
    ws: Path, written_today: Callable[[date], None]
) -> None:
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    db = ws / "台帳" / "台帳.db"
    with sqlite3.connect(db) as conn:  # what `month --as-of 9999-12-31` recorded before
        conn.execute("UPDATE runs SET received_on = '9999-12-31'")
        conn.execute("UPDATE files SET received_on = '9999-12-31'")  # as migration 7 copied it
        conn.execute("UPDATE outputs SET as_of = '9999-12-31'")
    stopped = _invoke("retention")
    assert stopped.exit_code == 3
    assert "9999-12-31" in stopped.output and "kyogikai ledger repair" in stopped.output
    (ran,) = _rows(db, "SELECT DISTINCT substr(started_at, 1, 10) FROM runs")[0]
    repaired = _invoke("ledger", "repair")
    assert repaired.exit_code == 0, repaired.output
    assert f"受付日 9999-12-31 → {ran}（month）" in repaired.output  # the day the run happened
    assert "ファイルの受付日 9999-12-31" in repaired.output
    assert _rows(db, "SELECT DISTINCT received_on FROM runs WHERE received_on IS NOT NULL") == [
        (ran,)
    ]
    assert _rows(db, "SELECT DISTINCT received_on FROM files") == [(ran,)]
    assert _invoke("retention").exit_code == 0
    assert "直す日付はありません" in _invoke("ledger", "repair").output


# --- 3. retention deletes exactly what it lists ------------------------------------------


def _deleted_lines(output: str) -> set[str]:
    """The paths retention says it deleted."""
    return {line.split("  ")[-2] for line in output.splitlines() if line.endswith("※削除しました")}


def test_retention_from_another_folder_acts_on_that_folders_files_only(
    prepared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock_at: Callable[[date], None],
) -> None:
    clock_at(WRITTEN)
    a, b = tmp_path / "A", tmp_path / "B"
    for root in (a, b):
        shutil.copytree(prepared, root)
        monkeypatch.chdir(root)
        assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    monkeypatch.chdir(a)
    roster = _invoke("roster", "--registry", "協議会名簿.xlsx", "-o", "出力/委員.xlsx", *AS_OF)
    assert roster.exit_code == 0
    before_a, before_b = _files(a), _files(b)
    monkeypatch.chdir(b)
    clock_at(LATER)
    config = Path("..") / "A" / "kyogikai.toml"
    listed = _invoke("retention", "--config", config, "--as-of", LATER.isoformat(), "--force")
    applied = _invoke(
        "retention", "--config", config, "--as-of", LATER.isoformat(), "--force", "--apply"
    )
    assert applied.exit_code == 0, applied.output
    assert _files(b) == before_b  # nothing of B's
    gone = {(a / name).resolve().as_posix() for name in before_a - _files(a)}
    assert gone == _deleted_lines(applied.output)
    reminders = {n for n in before_a if n.startswith("出力/督促_2026-10/")}
    assert "出力/督促_2026-10/中央警察署_督促・確認依頼.xlsx" in reminders
    assert {Path(p).relative_to(a.resolve()).as_posix() for p in gone} == {
        "出力/集計_2026-10.xlsx",
        "出力/委員.xlsx",
        f"{RETURNED.as_posix()}/err1.xlsx",
        f"{RETURNED.as_posix()}/err2.xlsx",
        *reminders,
    }
    # what the listing said it would delete is what was deleted
    assert all(path in listed.output for path in gone)
    assert (
        _invoke("retention", "--config", config, "--as-of", LATER.isoformat()).output.count(
            "削除しました"
        )
        == 0
    )


def test_retention_says_a_file_that_is_gone_is_gone_and_keeps_what_is_not_ours(
    ws: Path, written_today: Callable[[date], None]
) -> None:
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    (ws / RETURNED / "err1.xlsx").unlink()
    (ws / RETURNED / "err2.xlsx").write_bytes(b"a station's own file put in its place")
    written_today(LATER)
    applied = _invoke("retention", "--as-of", LATER.isoformat(), "--apply", "--force")
    assert applied.exit_code == 0, applied.output
    line_1 = next(
        x
        for x in applied.output.splitlines()
        if x.endswith("err1.xlsx  ※すでにありません（台帳の記録だけを消します）")
    )
    assert line_1
    assert (
        "err2.xlsx  ※kyogikai が書き出したものではないファイルに置き換わっているため"
        in applied.output
    )
    assert (ws / RETURNED / "err2.xlsx").read_bytes() == b"a station's own file put in its place"
    assert not any(
        line.endswith("err1.xlsx  ※削除しました") for line in applied.output.splitlines()
    )
    outcomes = _rows(
        ws / "台帳" / "台帳.db", "SELECT outcome FROM outputs WHERE kind='feedback' ORDER BY path"
    )
    assert outcomes == [("missing",), ("replaced",)]


def test_open_requests_and_summaries_are_kept_without_force(
    ws: Path, written_today: Callable[[date], None]
) -> None:
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    written_today(LATER)
    applied = _invoke("retention", "--as-of", LATER.isoformat(), "--apply")
    assert applied.exit_code == 0, applied.output
    assert (ws / "出力" / "集計_2026-10.xlsx").is_file()
    assert "集計表は --force を付けなければ削除しません" in applied.output
    assert "未回答・対応中の要望が 1件残る報告書 1件は削除しません" in applied.output
    kept = _rows(ws / "台帳" / "台帳.db", "SELECT path FROM reports WHERE purged_run IS NULL")
    assert [Path(p).name for (p,) in kept] == ["err2.xlsx"]
    assert not (ws / RETURNED / "err1.xlsx").exists()  # the copies were not HQ's record


def test_a_purged_report_is_never_archived_again(
    ws: Path, written_today: Callable[[date], None]
) -> None:
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    archive = ws / "台帳" / "台帳.db.archive"
    assert len(list(archive.rglob("*.xlsx"))) == 3
    written_today(LATER)
    purge = _invoke("retention", "--as-of", LATER.isoformat(), "--apply", "--force")
    assert purge.exit_code == 0, purge.output
    assert list(archive.rglob("*.xlsx")) == []
    again = _invoke("month", "2028-03", "--as-of", LATER.isoformat())
    assert again.exit_code == 0, again.output
    assert list(archive.rglob("*.xlsx")) == []
    assert "確認用の写しを警察署に返し" not in again.output
    assert _rows(
        ws / "台帳" / "台帳.db", "SELECT count(*) FROM reports WHERE purged_run IS NULL"
    ) == [(0,)]


# --- 5. everything we write is ours and marked --------------------------------------------


def _unmarked(path: Path, to: Path) -> Path:
    """A copy of a workbook without its document properties (a registry made by hand, or
    one an earlier version wrote)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(to, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "docProps/custom.xml":
                dst.writestr(info, src.read(info))
    return to


def test_what_kyogikai_writes_is_skipped_and_counted_among_the_inputs(ws: Path) -> None:
    lost = ws / "受信" / "紛れ込み"
    station = ("--station", "中央警察署")
    assert (
        _invoke(
            "template", "--registry", "協議会名簿.xlsx", *station, "-o", lost / "様式"
        ).exit_code
        == 0
    )
    write_template(lost / "白紙" / "開催結果報告書.xlsx")  # the form without a registry
    plan = ("template", "--plan", "--registry", "協議会名簿.xlsx", *station, "-o", lost / "計画")
    assert _invoke(*plan).exit_code == 0
    merged = _invoke(
        "plan", lost / "計画", "--registry", "協議会名簿.xlsx", "-o", lost / "計画入り名簿.xlsx"
    )
    assert merged.exit_code == 0, merged.output
    shutil.copy(ws / "協議会名簿.xlsx", lost / "名簿の写し.xlsx")
    _unmarked(ws / "協議会名簿.xlsx", lost / "手作りの名簿.xlsx")
    assert (
        _invoke(
            "roster", "--registry", "協議会名簿.xlsx", "-o", lost / "委員.xlsx", *AS_OF
        ).exit_code
        == 0
    )
    ours = sorted(p.name for p in lost.rglob("*.xlsx"))
    assert len(ours) == 6 + 8  # and the 8 prefilled forms of 中央警察署
    result = _invoke("month", "2026-10", *AS_OF)
    assert result.exit_code == 0, result.output
    assert f"読み飛ばし {len(ours)}件（kyogikaiの出力 {len(ours)}件）" in result.output
    assert sorted(p.name for p in (ws / "返却").rglob("*.xlsx")) == ["err1.xlsx", "err2.xlsx"]
    assert len(list((ws / "台帳" / "台帳.db.archive").rglob("*.xlsx"))) == 3
    skipped = _rows(
        ws / "台帳" / "台帳.db", "SELECT count(*) FROM sightings WHERE status='skipped'"
    )
    assert skipped == [(len(ours),)]


def test_a_station_that_fills_its_prefilled_form_is_read(ws: Path, tmp_path: Path) -> None:
    forms = tmp_path / "様式"
    args = ("template", "--registry", "協議会名簿.xlsx", "--station", "中央警察署", "-o", forms)
    assert _invoke(*args).exit_code == 0
    form = next(forms.rglob("駅前交番_駅前交番連絡協議会.xlsx"))
    fill(form, ws / "受信" / "記入済み.xlsx", date=date(2026, 10, 29))
    result = _invoke("check", ws / "受信" / "記入済み.xlsx", "--json", *AS_OF)
    assert result.exit_code == 0 and '"status": "ok"' in result.output


def _plan_form(path: Path, marks: dict[str, dict[str, str]]) -> None:
    """Fill a plan form: council → {column letter: 定/臨}."""
    book = openpyxl.load_workbook(path)
    sheet = book["年間計画"]
    for row in sheet.iter_rows(min_row=6):
        council = row[0].value
        for column, mark in marks.get(str(council), {}).items():
            sheet[f"{column}{row[0].row}"] = mark
    book.save(path)


def test_two_forms_of_one_station_keep_the_union_and_name_the_conflict(
    ws: Path, tmp_path: Path
) -> None:
    forms = tmp_path / "計画"
    args = ("template", "--plan", "--registry", "協議会名簿.xlsx", "--station", "中央警察署")
    assert _invoke(*args, "-o", forms).exit_code == 0
    (first,) = forms.iterdir()
    second = forms / "送り直し.xlsx"
    shutil.copy(first, second)
    _plan_form(first, {"C002": {"J": "定"}, "C004": {"F": "定"}})  # October, June
    _plan_form(second, {"C002": {"K": "定"}, "C003": {"H": "臨"}})  # November, August
    out = tmp_path / "新しい名簿.xlsx"
    merged = _invoke("plan", forms, "--registry", "協議会名簿.xlsx", "-o", out)
    assert merged.exit_code == 1, merged.output
    assert "協議会ID「C002」の令和8年度の計画が様式によって違います" in merged.output
    assert "「送り直し.xlsx」: 令和8年11月 定期会議" in merged.output
    # a council planned on one form only is named too: the forms differ
    assert "協議会ID「C003」" in merged.output and "「C004」" in merged.output
    # on both forms, planned on neither: no conflict (only a council without its 定 month)
    assert "協議会ID「C001」" not in merged.output
    without = next(line for line in merged.output.splitlines() if "定期会議の予定月がない" in line)
    assert "C001 中央警察署地区連絡協議会" in without and "C002" not in without
    plans = openpyxl.load_workbook(out)["年間計画"]
    rows = sorted((r[1], r[2]) for r in plans.iter_rows(min_row=2, values_only=True) if r[1])
    assert [(c, str(m)[:7]) for c, m in rows] == [
        ("C002", "2026-10"),
        ("C002", "2026-11"),
        ("C003", "2026-08"),
        ("C004", "2026-06"),
    ]


# --- 4. init over what is there ------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize("place", ["registry", "folder", "root"])
def test_init_over_a_file_or_a_dangling_link_says_so_and_makes_nothing(
    tmp_path: Path, place: str
) -> None:
    root = tmp_path / "本部"
    if place == "root":
        os.symlink(tmp_path / "つながっていない共有", root)
    else:
        root.mkdir()
        if place == "registry":
            os.symlink(tmp_path / "共有" / "協議会名簿.xlsx", root / "協議会名簿.xlsx")
        else:
            (root / "受信").write_text("x")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = _invoke("init", root)
    assert result.exit_code == 2, result.output
    assert ("リンク先がありません" if place != "folder" else "はファイルです") in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


# --- 6 and 7. passwords without a console; one name in two spellings -----------------------


@pytest.fixture
def locked_report(tmp_path: Path) -> Path:
    plain = fill(blank_form(tmp_path / "blank"), tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(mh.encrypted(plain.read_bytes(), mh.PASSWORD))
    return locked


@pytest.mark.parametrize(
    "given", [None, b"", mh.PASSWORD.encode() + b"\n"], ids=["closed", "empty", "piped"]
)
def test_password_prompt_without_a_terminal(locked_report: Path, given: bytes | None) -> None:
    command = [
        sys.executable,
        "-m",
        "toolkit",
        "check",
        str(locked_report),
        "--password-prompt",
        "--json",
    ]
    run = subprocess.run(
        command,
        cwd=ROOT,
        input=given,
        stdin=subprocess.DEVNULL if given is None else None,
        capture_output=True,
        timeout=120,
    )
    err = run.stderr.decode("utf-8")
    assert "Warning" not in err and "Aborted" not in err and "Traceback" not in err, err
    if given and given.strip():
        assert run.returncode == 0, err
        assert b'"status": "ok"' in run.stdout
    else:
        assert run.returncode == 2, err
        assert "KYOGIKAI_PASSWORD" in err and "パスワード" in err


def test_one_name_in_two_spellings_is_one_station_and_never_two_lookalike_files(
    ws: Path,
) -> None:
    nfc = unicodedata.normalize("NFC", "ぎふ警察署")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    for folder in (nfc, nfd):  # a station's folder made on Windows and on a Mac
        (ws / "受信" / folder).mkdir()
        (ws / "受信" / folder / f"{unicodedata.normalize('NFD', 'がいよう')}.xlsx").write_text(
            f"{folder} の文書"
        )
        (ws / "受信" / folder / f"{unicodedata.normalize('NFC', 'がいよう')}.xlsx").write_text(
            f"{folder} の写し"
        )
    result = _invoke("month", "2026-10", *AS_OF)
    assert result.exit_code == 0, result.output
    month = ws / "返却" / "2026-10"
    assert sorted(p.name for p in month.iterdir()) == sorted(["中央警察署", nfc])
    names = sorted(p.name for p in (month / nfc).iterdir())
    assert names == [
        "がいよう_確認事項.xlsx",
        "がいよう_確認事項_2.xlsx",
        "がいよう_確認事項_3.xlsx",
        "がいよう_確認事項_4.xlsx",
    ]
    assert f"{nfc}  返却/2026-10/{nfc}（4件）" in result.output
    assert nfd not in result.output.split("次にすること:")[1]


# --- 8. more of the same surface ---------------------------------------------------------


def test_a_working_folder_moved_with_its_ledger_keeps_what_is_left_and_its_outputs(
    ws: Path, monkeypatch: pytest.MonkeyPatch, clock_at: Callable[[date], None]
) -> None:
    from toolkit.writing import feedback

    clock_at(WRITTEN)
    with monkeypatch.context() as patched:
        patched.setattr(feedback, "write_atomic", _full)
        assert _invoke("month", "2026-10", *AS_OF).exit_code == 3
    moved = ws.parent / "新しいドライブ" / "本部"
    moved.parent.mkdir()
    shutil.move(ws, moved)  # a new PC, another drive letter
    monkeypatch.chdir(moved)
    again = _invoke("month", "2026-10", *AS_OF)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (moved / RETURNED).iterdir()) == ["err1.xlsx", "err2.xlsx"]
    clock_at(LATER)
    applied = _invoke("retention", "--as-of", LATER.isoformat(), "--apply", "--force")
    assert applied.exit_code == 0, applied.output
    assert list((moved / RETURNED).iterdir()) == []
    assert not (moved / "出力" / "集計_2026-10.xlsx").exists()


def test_a_month_that_has_not_begun_is_refused(ws: Path) -> None:
    result = _invoke("month", "2027-10", *AS_OF)
    assert result.exit_code == 2 and "まだ始まっていません" in result.output
    assert not (ws / "台帳" / "台帳.db").exists()
    assert _invoke("month", "1900-01", *AS_OF).exit_code == 2


def test_retention_deletes_nothing_when_the_ledger_cannot_record_it(
    ws: Path, monkeypatch: pytest.MonkeyPatch, written_today: Callable[[date], None]
) -> None:
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    before = _files(ws)
    written_today(LATER)
    connect = sqlite3.connect

    def read_only(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        return connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    result = _invoke("retention", "--as-of", LATER.isoformat(), "--apply", "--force")
    assert result.exit_code == 3, result.output
    assert "読み取り専用" in result.output
    assert _files(ws) == before


def test_ledger_commands_name_a_ledger_that_is_not_there(ws: Path) -> None:
    result = _invoke("ledger", "repair", "--db", "ない.db")
    assert result.exit_code == 2 and "「ない.db」がありません" in result.output


def test_a_modification_time_before_heisei_is_not_a_receipt_day(
    ws: Path, clock_at: Callable[[date], None]
) -> None:
    clock_at(WRITTEN)
    report = ws / "受信" / "中央警察署" / "ok.xlsx"
    os.utime(report, (315532800, 315532800))  # 1980-01-01: a zip's default, a clock never set
    assert _invoke("ingest", *AS_OF).exit_code == 1
    days = _rows(ws / "台帳" / "台帳.db", "SELECT DISTINCT received_on FROM files")
    assert days == [(WRITTEN.isoformat(),)]
