"""HQ's working folder on a server ledger: `[workspace] ledger` in kyogikai.toml names a
PostgreSQL URL, and the month's job, retention and the ledger's repair work from it as from
the ledger file — no ledger file or archive folder is made, a copy the month could not make
is made by the next run from the archive the server keeps, and the repair of impossible
dates runs on the server."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ledgers as L
import openpyxl
import pytest
from click.testing import CliRunner, Result
from filled_forms import blank_form, fill

from toolkit.cli import main
from toolkit.ledger import Ledger
from toolkit.samples import fictional_registry
from toolkit.writing.registry_io import write_registry

AS_OF = ("--as-of", "2026-11-25")
RETURNED = Path("返却") / "2026-10" / "中央警察署"


def _invoke(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder with the sample prefecture's registry and three reports of
    October from 中央警察署: one clean, two with errors."""
    root = tmp_path_factory.mktemp("prepared") / "本部"
    assert _invoke("init", root).exit_code == 0
    write_registry(fictional_registry(0), root / "協議会名簿.xlsx")
    blank = blank_form(tmp_path_factory.mktemp("blank"))
    station = root / "受信" / "中央警察署"
    fill(blank, station / "ok.xlsx")
    fill(blank, station / "err1.xlsx", date=date(2026, 10, 8), police_attendees="数名")
    fill(blank, station / "err2.xlsx", date=date(2026, 10, 22), civilian_attendees="多数")
    return root


@pytest.fixture
def ws(
    prepared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pg_ledger: str,
    clock_at: Callable[[date], None],
) -> Path:
    """The working folder, its kyogikai.toml pointing at a new ledger on the server."""
    root = tmp_path / "本部"
    shutil.copytree(prepared, root)
    config = root / "kyogikai.toml"
    text = config.read_text(encoding="utf-8")
    assert "ledger = '台帳/台帳.db'" in text
    config.write_text(text.replace("'台帳/台帳.db'", f"'{pg_ledger}'"), encoding="utf-8")
    monkeypatch.chdir(root)
    clock_at(date(2026, 11, 25))
    return root


def _server(ws: Path) -> str:
    text = (ws / "kyogikai.toml").read_text(encoding="utf-8")
    return text.split("ledger = '", 1)[1].split("'", 1)[0]


def _full(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "返却")


def test_the_month_runs_on_the_server_ledger_and_makes_no_ledger_file(ws: Path) -> None:
    done = _invoke("month", "2026-10", *AS_OF)
    assert done.exit_code == 0, done.output
    assert list((ws / "台帳").iterdir()) == []  # no ledger file, no archive folder (init made it)
    assert sorted(p.name for p in (ws / RETURNED).iterdir()) == ["err1.xlsx", "err2.xlsx"]
    with Ledger.open(_server(ws)) as ledger:
        assert L.one(ledger, "SELECT count(*) FROM reports") == (3,)
        assert L.rows(ledger, "SELECT kind, state FROM steps WHERE kind <> 'feedback'") == [
            ("ingest", "done"),
            ("summary", "done"),
        ]
    assert len(L.archived(_server(ws))) == 3  # the files' bytes in the server's table
    again = _invoke("month", "2026-10", *AS_OF)
    assert again.exit_code == 0, again.output
    with Ledger.open(_server(ws)) as ledger:
        assert L.one(ledger, "SELECT count(*) FROM reports") == (3,)


def test_a_copy_left_over_is_made_from_the_archive_on_the_server(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.writing import feedback

    with monkeypatch.context() as patched:
        patched.setattr(feedback, "write_atomic", _full)
        first = _invoke("month", "2026-10", *AS_OF)
    assert first.exit_code == 3, first.output
    assert "確認用の写しを 2件作れませんでした" in first.output
    shutil.move(ws / "受信" / "中央警察署", ws.parent / "済み")  # the files have left
    again = _invoke("month", "2026-10", *AS_OF)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (ws / RETURNED).iterdir()) == ["err1.xlsx", "err2.xlsx"]
    book = openpyxl.load_workbook(ws / RETURNED / "err1.xlsx")
    assert book.sheetnames[0] == "確認事項"
    with Ledger.open(_server(ws)) as ledger:
        states = L.rows(ledger, "SELECT state FROM steps WHERE kind = 'feedback'")
    assert states == [("done",), ("done",)]


def test_ledger_repair_and_retention_on_the_server(
    ws: Path, clock_at: Callable[[date], None]
) -> None:
    assert _invoke("month", "2026-10", *AS_OF).exit_code == 0
    url = _server(ws)
    with Ledger.open(url) as ledger:  # what an earlier version let --as-of 9999-12-31 record
        L.execute(ledger, "UPDATE files SET received_on = '9999-12-31'")
        L.execute(ledger, "UPDATE outputs SET as_of = '9999-12-31' WHERE kind = 'summary'")
    clock_at(date(2028, 4, 2))
    stopped = _invoke("retention", "--as-of", "2028-04-02")
    assert stopped.exit_code == 3, stopped.output
    assert "kyogikai ledger repair" in stopped.output
    repaired = _invoke("ledger", "repair")
    assert repaired.exit_code == 0, repaired.output
    assert repaired.output.count("9999-12-31 → ") == 4  # three files and the summary
    assert "の日付を 4件直しました" in repaired.output
    with Ledger.open(url) as ledger:  # the day each run really happened
        assert L.rows(
            ledger,
            "SELECT DISTINCT CASE WHEN f.received_on = substr(u.started_at, 1, 10) THEN 1 END"
            " FROM files f JOIN runs u ON u.run_id = f.first_run",
        ) == [(1,)]
        # … which is the machine's real date: set to the month's day again for what follows
        L.execute(ledger, "UPDATE files SET received_on = '2026-11-25'")
    listed = _invoke("retention", "--as-of", "2028-04-02")
    assert listed.exit_code == 0, listed.output
    assert "保存期間を過ぎた報告書 3件" in listed.output
    applied = _invoke("retention", "--as-of", "2028-04-02", "--apply", "--force")
    assert applied.exit_code == 0, applied.output
    assert L.archived(url) == {}
    with Ledger.open(url) as ledger:
        assert L.one(ledger, "SELECT count(*) FROM reports WHERE purged_run IS NULL") == (0,)
    assert not (ws / RETURNED / "err1.xlsx").exists()  # the copies' text outlived too
