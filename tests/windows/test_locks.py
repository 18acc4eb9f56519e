"""Locks are normal on Windows: Excel holds every workbook it has open, an antivirus or the
search indexer holds a new file for a moment. Every write, replace, delete and read of a
report waits a few seconds for them; a file still held is named with what to do (exit 3),
and a report that could not be opened is read by the next run — never 読取不可, never a
copy for the station."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from filled_forms import fill
from winhelp import AS_OF, Windows, invoke, month, returned

EXCEL = "は Excel などで開かれています。閉じてから、もう一度実行してください。"
ADVICE = EXCEL.removeprefix("は ")


def test_a_summary_open_in_excel_is_replaced_once_excel_lets_go(
    office: Path, windows: Windows
) -> None:
    out = office / "出力" / "10月.xlsx"
    assert (
        invoke("summary", "受信", "--period", "2026-10", "-o", out, "--as-of", AS_OF).exit_code == 0
    )
    before = out.read_bytes()
    windows.lock(out, ops=["replace"], times=3, winerror=5)  # Excel closes it a moment later
    result = invoke(
        "summary", "受信", "--period", "2026-09", "-o", out, "--as-of", AS_OF, "--force"
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != before  # September's summary replaced October's
    assert windows.clock is not None and len(windows.clock.pauses) == 3


@pytest.mark.parametrize("winerror", [32, 5], ids=["sharing-violation", "access-denied"])
def test_a_summary_left_open_in_excel_is_named_with_what_to_do(
    office: Path, windows: Windows, winerror: int
) -> None:
    out = office / "出力" / "10月.xlsx"
    assert (
        invoke("summary", "受信", "--period", "2026-10", "-o", out, "--as-of", AS_OF).exit_code == 0
    )
    windows.lock(out, ops=["replace"], winerror=winerror)
    result = invoke("summary", "受信", "--period", "2026-10", "-o", out, "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert result.output.strip().endswith(f"「{out}」{EXCEL}")
    assert "ディスクの空き" not in result.output
    from toolkit.fileio import LOCK_WAIT

    assert windows.clock is not None
    assert LOCK_WAIT <= sum(windows.clock.pauses) <= LOCK_WAIT + 1  # a few seconds, then told
    assert sorted(p.name for p in out.parent.iterdir()) == ["10月.xlsx"]  # nothing left over


def test_a_roster_and_a_reminder_open_in_excel_are_named(office: Path, windows: Windows) -> None:
    roster = office / "出力" / "委員.xlsx"
    assert invoke(
        "roster", "--registry", "協議会名簿.xlsx", "-o", roster, "--as-of", AS_OF
    ).exit_code in (0, 1)
    windows.lock(roster, ops=["replace"])
    result = invoke("roster", "--registry", "協議会名簿.xlsx", "-o", roster, "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert f"「{roster}」{EXCEL}" in result.output
    assert invoke("ingest", "--as-of", AS_OF).exit_code in (0, 1)
    assert invoke("remind", "-o", "出力/督促", "--as-of", AS_OF).exit_code == 0
    reminder = sorted((office / "出力" / "督促").glob("*.xlsx"))[0]
    windows.lock(reminder, ops=["replace"])
    result = invoke("remind", "-o", "出力/督促", "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert f"「{reminder.relative_to(office)}」{EXCEL}" in result.output


def test_a_new_file_an_antivirus_holds_for_a_moment_is_written(
    tmp_path: Path, windows: Windows, blank: Path
) -> None:
    # The rename of a just-written file is refused twice (access denied), then allowed.
    forms = tmp_path / "forms"
    windows.lock(forms / "開催結果報告書.xlsx", ops=["replace"], times=2, winerror=5)
    assert invoke("template", "-o", forms).exit_code == 0
    root = tmp_path / "ws"
    windows.lock(root / "kyogikai.toml", ops=["replace"], times=2, winerror=5)
    result = invoke("init", root)
    assert result.exit_code == 0, result.output
    assert (root / "kyogikai.toml").is_file()


def test_an_ingest_whose_archive_copy_is_held_for_a_moment_is_not_rolled_back(
    office: Path, windows: Windows
) -> None:
    archive = office / "台帳" / "台帳.db.archive"
    windows(locked=[{"path": str(archive), "under": True, "ops": ["replace"], "times": 2,
                     "winerror": 5}])  # fmt: skip
    result = invoke("ingest", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert ".tmp" not in result.output
    with sqlite3.connect(office / "台帳" / "台帳.db") as conn:
        assert conn.execute("SELECT count(*) FROM files WHERE archive IS NOT NULL").fetchone() == (
            2,
        )


def test_a_report_held_for_a_moment_while_read_is_read(office: Path, windows: Windows) -> None:
    windows.lock(office / "受信" / "中央警察署" / "clean.xlsx", ops=["read"], times=2)
    result = invoke("check", "--as-of", AS_OF)
    assert "ファイル 2件、報告書 2件" in result.output, result.output
    assert "読取不可 0\n" in result.output


def test_a_report_left_open_in_excel_is_tried_again_by_the_next_run(
    office: Path, blank: Path
) -> None:
    stranger = office / "受信" / "中央警察署" / "stranger.xlsx"
    with pytest.MonkeyPatch.context() as mp:
        Windows(mp).lock(stranger, ops=["read"])
        checked = invoke("check", "--as-of", AS_OF)
        assert checked.exit_code == 1  # not everything could be read: run it again
        assert f"stranger.xlsx: {ADVICE}" in checked.output, checked.output
        assert "読み飛ばし 1件（使用中 1件）" in checked.output
        assert "読取不可 0\n" in checked.output
        first = month()
        assert f"stranger.xlsx: {ADVICE}" in first.output, first.output
        assert "閉じてから、もう一度 kyogikai month 2026-10 を実行してください" in first.output
        assert returned(office) == []  # no 読取不可 and no copy for the station
    second = month()
    assert second.exit_code == 0, second.output
    assert returned(office) == ["2026-10/中央警察署/stranger.xlsx"]  # read, and its finding
    with sqlite3.connect(office / "台帳" / "台帳.db") as conn:
        assert conn.execute("SELECT count(*) FROM files").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM findings WHERE code LIKE 'F1.%'").fetchone() == (
            0,
        )


def test_a_returned_copy_open_in_excel_is_named_not_the_disk(
    office: Path, windows: Windows, blank: Path
) -> None:
    assert month().exit_code == 0
    copy = office / "返却" / "2026-10" / "中央警察署" / "stranger.xlsx"
    assert copy.is_file()
    # The station sends a new version while the copy of the old one is open in Excel.
    fill(
        blank, office / "受信" / "中央警察署" / "stranger.xlsx",
        council_name="架空協議会", date=date(2026, 10, 23),
    )  # fmt: skip
    windows.lock(copy, ops=["replace"])
    result = month()
    assert f"「{copy.relative_to(office)}」{EXCEL}" in result.output, result.output
    assert "Errno" not in result.output and "ディスクの空き" not in result.output


def test_a_registry_excel_keeps_locked_is_named_with_what_to_do(
    office: Path, windows: Windows
) -> None:
    registry = office / "協議会名簿.xlsx"
    windows.lock(registry, ops=["read"])
    result = invoke("check", "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert result.output.strip() == f"「{registry.relative_to(office)}」{EXCEL}"


def test_an_output_held_even_from_readers_is_named_not_refused_as_foreign(
    office: Path, windows: Windows
) -> None:
    # Excel lets others read a workbook it has open; an antivirus scanning it may not:
    # whether it is kyogikai's own output cannot be told, so it is not called foreign.
    out = office / "出力" / "10月.xlsx"
    assert (
        invoke("summary", "受信", "--period", "2026-10", "-o", out, "--as-of", AS_OF).exit_code == 0
    )
    windows.lock(out, ops=["read", "replace"])
    result = invoke("summary", "受信", "--period", "2026-10", "-o", out, "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert result.output.strip() == f"「{out}」{EXCEL}"
