"""Network workspaces: a network drive that reports file ID 0 for every folder is still
walked folder by folder (a real link loop is still noticed), and the SQLite ledger on a
network drive or UNC path is written with the rollback journal, not WAL, and says once
that several desks should use the server ledger."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from filled_forms import fill
from winhelp import AS_OF, Windows, invoke


def test_folders_of_a_drive_that_reports_file_id_0_are_all_read(
    office: Path, windows: Windows, blank: Path
) -> None:
    incoming = office / "受信"
    for station in ("北署", "南署", "東署"):
        fill(blank, incoming / station / "報告.xlsx")
    windows(file_id_zero=[incoming])
    result = invoke("check", "--json", "--as-of", AS_OF)
    read = sorted(Path(json.loads(line)["path"]).parent.name for line in result.stdout.splitlines())
    assert read == ["中央警察署", "中央警察署", "北署", "南署", "東署"], result.output
    assert "リンク" not in result.output


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_real_loop_is_still_noticed_when_file_ids_are_0(office: Path, windows: Windows) -> None:
    incoming = office / "受信"
    try:
        os.symlink(incoming, incoming / "中央警察署" / "戻る", target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not allowed here")
    windows(file_id_zero=[incoming])
    result = invoke("check", "--as-of", AS_OF)
    assert "ファイル 3件、読み飛ばし 1件（リンク 1件）、報告書 2件" in result.output, result.output


def _journal(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])


def test_a_ledger_on_a_network_drive_uses_the_rollback_journal_and_says_so_once(
    office: Path, windows: Windows
) -> None:
    ledger = office / "台帳" / "台帳.db"
    windows(network=[office])
    result = invoke("month", "2026-10", "--as-of", AS_OF)  # opens the ledger four times
    assert result.exit_code == 0, result.output
    notice = (
        "台帳「台帳/台帳.db」はネットワーク上の場所にあるため、WAL を使わずに書き込みます。"
        "複数の席から同じ台帳を使う場合は、サーバーの台帳（PostgreSQL）を使ってください。"
    )
    assert result.stderr.count(notice) == 1, result.stderr
    assert _journal(ledger) == "delete"
    assert not ledger.with_name("台帳.db-wal").exists()


def test_a_ledger_made_on_a_local_disk_leaves_wal_when_moved_to_a_share(
    office: Path, windows: Windows
) -> None:
    assert invoke("ingest", "--as-of", AS_OF).exit_code == 0
    ledger = office / "台帳" / "台帳.db"
    assert _journal(ledger) == "wal"  # a local disk: WAL, as before
    windows(network=[office / "台帳"])
    assert invoke("ingest", "--as-of", AS_OF).exit_code == 0
    assert _journal(ledger) == "delete"


def test_a_unc_path_is_a_network_drive() -> None:
    from toolkit.ledger.store import on_network

    assert on_network(Path("//server/共有/台帳/台帳.db"))
    assert on_network(Path("\\\\server\\共有\\台帳\\台帳.db"))
