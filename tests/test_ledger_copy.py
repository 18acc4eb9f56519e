"""A ledger of the previous release upgrades in place, and `kyogikai ledger copy` moves a
ledger between engines with every row and every archived file (tests/fixtures/
ledger-58ac34a: made by tests/fixtures/make_ledger_58ac34a.sh with that release's code)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ledgers as L
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.ledger import Ledger, schema_version

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger-58ac34a"
OLD_TABLES = ("runs", "files", "sightings", "reports", "agenda", "requests", "findings",
              "purges", "outputs")  # fmt: skip


def _old_copy(tmp_path: Path) -> Path:
    """The previous release's ledger and archive, copied to where a test may change them."""
    db = tmp_path / "old" / "台帳.db"
    shutil.copytree(FIXTURE, db.parent, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    return db


def _raw_dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in OLD_TABLES
        }


def _invoke(*args: Any) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_fixture_is_the_previous_release(tmp_path: Path) -> None:
    # read as an immutable file: nothing (no -wal, no -shm) is written beside the fixture
    with sqlite3.connect(f"file:{FIXTURE / '台帳.db'}?immutable=1", uri=True) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (5,)
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names == set(OLD_TABLES)  # no Alembic yet
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (20,)


def test_a_ledger_of_the_previous_release_upgrades_in_place(tmp_path: Path) -> None:
    db = _old_copy(tmp_path)
    before, archive = _raw_dump(db), L.archived(db)
    with Ledger.open(db) as ledger:
        assert ledger.version == schema_version()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (schema_version(),)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            f"{schema_version():04d}",
        )
    after = _raw_dump(db)
    for table, rows in before.items():  # every row kept as it was (new columns added after)
        width = len(rows[0]) if rows else 0
        assert [r[:width] for r in after[table]] == rows, table
    assert L.archived(db) == archive and len(archive) == 21  # the unreadable file too
    # and it works as a ledger: a summary from it, a re-ingest that finds nothing new
    out = tmp_path / "集計.xlsx"
    done = _invoke("summary", "--db", db, "--period", "FY2026", "--as-of", "2026-11-25", "-o", out)
    assert done.exit_code == 0, done.output
    assert "期間内の報告書 19件" in done.output


def test_copy_round_trips_to_the_server_and_back(tmp_path: Path, pg_database: str) -> None:
    db = _old_copy(tmp_path)
    Ledger.open(db).close()  # upgraded in place first, as any command would
    original, files = L.dump(db), L.archived(db)
    there = _invoke("ledger", "copy", db, pg_database)
    assert there.exit_code == 0, there.output
    assert "報告書 20件" in there.output and "保管用の写し 21件" in there.output
    assert L.dump(pg_database) == original
    assert L.archived(pg_database) == files
    back = tmp_path / "back" / "台帳.db"
    back.parent.mkdir()
    again = _invoke("ledger", "copy", pg_database, back)
    assert again.exit_code == 0, again.output
    assert L.dump(back) == original
    assert L.archived(back) == files
    with sqlite3.connect(back) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (0x4B59474B,)


def test_a_server_ledger_keeps_working_after_the_copy(tmp_path: Path, pg_database: str) -> None:
    db = _old_copy(tmp_path)
    assert _invoke("ledger", "copy", db, pg_database).exit_code == 0
    reports = tmp_path / "受信"
    shutil.copytree(FIXTURE.parents[2] / "samples" / "reports" / "北野警察署", reports)
    done = _invoke("ingest", reports, "--db", pg_database, "--as-of", "2026-11-26")
    assert done.exit_code in (0, 1), done.output
    with Ledger.open(pg_database) as ledger:
        (runs,) = L.one(ledger, "SELECT count(*) FROM runs") or (0,)
        (ids,) = L.one(ledger, "SELECT count(DISTINCT report_id) FROM reports") or (0,)
        (n,) = L.one(ledger, "SELECT count(*) FROM reports") or (0,)
    assert runs == 3 and ids == n > 20  # new IDs follow the copied ones


def test_copy_file_to_file(tmp_path: Path) -> None:
    db = _old_copy(tmp_path)
    target = tmp_path / "新" / "台帳.db"
    target.parent.mkdir()
    assert _invoke("ledger", "copy", db, target).exit_code == 0
    assert L.dump(target) == L.dump(db)
    assert L.archived(target) == L.archived(db)


def test_copy_refuses_what_it_must_not_do(tmp_path: Path, pg_database: str) -> None:
    db = _old_copy(tmp_path)
    taken = _invoke("ledger", "copy", db, db)
    assert taken.exit_code == 2 and "すでにあります" in taken.output
    missing = _invoke("ledger", "copy", tmp_path / "ない.db", pg_database)
    assert missing.exit_code == 2 and "コピー元の台帳" in missing.output
    assert _invoke("ledger", "copy", db, pg_database).exit_code == 0
    twice = _invoke("ledger", "copy", db, pg_database)
    assert twice.exit_code == 2 and "すでに記録があります" in twice.output
    secret = pg_database.replace("postgres@", "postgres:s3cret-pw@")
    refused = _invoke("ledger", "copy", db, secret)
    assert refused.exit_code == 2
    assert "パスワード" in refused.output and "PGPASSWORD" in refused.output
    assert "s3cret-pw" not in refused.output


def test_copy_into_a_database_of_other_tables_is_refused(
    tmp_path: Path, pg_server: Any, pg_database: str
) -> None:
    name = urlsplit(pg_database).path.strip("/")
    pg_server.execute("CREATE TABLE payroll (id integer)", name)
    done = _invoke("ledger", "copy", _old_copy(tmp_path), pg_database)
    assert done.exit_code == 3
    assert "kyogikai の台帳でない表があります" in done.output
