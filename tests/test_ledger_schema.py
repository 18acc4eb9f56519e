"""The ledger's schema on both engines: the Alembic revisions make exactly the tables the
queries are written against; ledgers of every earlier version upgrade in place; a
newer, foreign or damaged one is refused. And the server's password: never in a URL,
never printed, taken from PGPASSWORD or the password file as libpq does."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import factories as F
import ledgers as L
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from legacy_ledger import MIGRATIONS, OLD_VERSIONS

import toolkit.ledger.schema as S
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.ledger import APPLICATION_ID, Ledger, LedgerError, schema_version
from toolkit.ledgerurl import ServerURL, ledger_location, masked, password_file, server_url


def _shape(conn: sa.Connection) -> dict[str, Any]:
    """Tables, their columns (name, nullable, in order), keys and indexes, as the database
    itself reports them."""
    seen = sa.inspect(conn)
    out: dict[str, Any] = {}
    for table in sorted(set(seen.get_table_names()) - {"alembic_version"}):
        out[table] = (
            [(c["name"], bool(c["nullable"])) for c in seen.get_columns(table)],
            seen.get_pk_constraint(table)["constrained_columns"],
            sorted(i["name"] for i in seen.get_indexes(table)),
            sorted(fk["referred_table"] for fk in seen.get_foreign_keys(table)),
        )
    return out


def test_the_revisions_make_the_tables_the_queries_are_written_against(
    ledger_at: Path | str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with Ledger.open(ledger_at) as ledger, ledger.snapshot() as conn:
        made = _shape(conn)
    # the same engine, an empty database, the tables as `schema` writes them
    other = tmp_path / "written.sqlite"
    url = str(other) if isinstance(ledger_at, Path) else request.getfixturevalue("pg_database")
    engine = sa.create_engine(
        f"sqlite:///{other}"
        if isinstance(ledger_at, Path)
        else url.replace("postgresql://", "postgresql+psycopg://", 1)
    )
    try:
        with engine.begin() as conn:
            S.metadata.create_all(conn)
            written = _shape(conn)
    finally:
        engine.dispose()
    assert made == written
    assert set(made) == {t.name for t in S.TABLES}


def _old_ledger(path: Path, version: int) -> None:
    """A ledger file as a release of schema `version` made it, with one report in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        for statement in migration:
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={version}")
    conn.execute(
        "INSERT INTO runs (run_id, command, started_at) VALUES (1, 'ingest', '2026-11-01T09:00:00')"
    )
    conn.execute(
        "INSERT INTO files (sha256, first_run, first_path, readable) VALUES ('ab', 1, 'a.xlsx', 1)"
    )
    conn.execute(
        "INSERT INTO reports (report_id, run_id, sha256, path, sheet, council_key, meeting_date,"
        " fiscal_year, month, meeting_type, police, civilians, status, n_errors, n_warnings,"
        " record) VALUES (1, 1, 'ab', 'a.xlsx', '報告書', 'K', '2026-10-15', 2026, '2026-10',"
        " 'regular', 2, 7, 'ok', 0, 0, '{}')"
    )
    conn.close()


@pytest.mark.parametrize("version", range(1, OLD_VERSIONS + 1))
def test_older_ledgers_are_upgraded_in_place(tmp_path: Path, version: int) -> None:
    path = tmp_path / "台帳.sqlite"
    _old_ledger(path, version)
    with Ledger.open(path) as ledger:
        assert ledger.version == schema_version()
        assert L.one(ledger, "SELECT council_key, civilians, purged_run FROM reports") == (
            "K",
            7,
            None,
        )
        assert L.one(ledger, "PRAGMA user_version") == (schema_version(),)
        with ledger.snapshot() as conn:
            upgraded = _shape(conn)
    with Ledger.open(tmp_path / "新.sqlite") as new, new.snapshot() as conn:
        fresh = _shape(conn)
    # the same tables and columns as a new ledger (the old SQL's keys and indexes as it
    # wrote them: SQLite lets a TEXT primary key be NULL unless told otherwise)
    names = lambda shape: {t: [c for c, _ in v[0]] for t, v in shape.items()}  # noqa: E731
    assert names(upgraded) == names(fresh)
    assert {"reports_current_fy", "reports_meeting"} <= set(upgraded["reports"][2])
    # and it takes reports like any other
    with Ledger.open(path) as ledger:
        stats = ledger.ingest(
            [F.file_result(tmp_path / "in", "b.xlsx", F.report())], context=F.context()
        )
    assert (stats.run_id, stats.reports) == (2, 1)


def test_a_new_ledger_is_at_the_current_version(ledger_at: Path | str) -> None:
    with Ledger.open(ledger_at) as ledger:
        assert ledger.version == schema_version()
        assert L.one(ledger, "SELECT value FROM ledger_info WHERE name='application'") == (
            S.APPLICATION_NAME,
        )
        if ledger.dialect == "sqlite":
            assert L.one(ledger, "PRAGMA journal_mode") == ("wal",)
            assert L.one(ledger, "PRAGMA application_id") == (APPLICATION_ID,)


def test_a_newer_ledger_is_refused(ledger_at: Path | str) -> None:
    with Ledger.open(ledger_at) as ledger:
        L.execute(ledger, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(LedgerError, match=r"新しい版.*9999"):
        Ledger.open(ledger_at)


def test_a_newer_ledger_of_before_alembic_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "台帳.sqlite"
    _old_ledger(path, OLD_VERSIONS)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=99")
    with pytest.raises(LedgerError, match="新しい版"):
        Ledger.open(path)


def test_not_a_ledger_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "memo.sqlite"
    text.write_text("これは台帳ではありません" * 100, encoding="utf-8")
    with pytest.raises(LedgerError, match="台帳"):
        Ledger.open(text)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(LedgerError, match="kyogikai の台帳ではありません"):
        Ledger.open(other)
    with pytest.raises(LedgerError, match="フォルダ"):
        Ledger.open(tmp_path / "no such folder" / "台帳.sqlite")


def test_a_database_of_other_tables_is_refused(pg_server: Any, pg_database: str) -> None:
    name = urlsplit(pg_database).path.strip("/")
    pg_server.execute("CREATE TABLE payroll (id integer)", name)
    with pytest.raises(LedgerError, match="kyogikai の台帳でない表があります"):
        Ledger.open(pg_database)
    assert pg_server.execute("SELECT count(*) FROM pg_tables WHERE schemaname='public'", name) == [
        (1,)
    ]  # nothing was added to it


def test_an_unreachable_server_is_exit_3_in_japanese(tmp_path: Path) -> None:
    url = f"postgresql://kyogikai@/ledger?host={tmp_path}&port=1"  # no server listens there
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", url])
    assert result.exit_code == 3, result.output
    assert "サーバーの台帳" in result.output and "接続できません" in result.output
    assert "Traceback" not in result.output


# --- the server's password ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://hq:Sekret-42@db.example/kyogikai",
        "postgres://hq:Sekret-42@db.example:5432/kyogikai",
        "postgresql://hq@db.example/kyogikai?password=Sekret-42",
        "postgresql://hq@db.example/kyogikai?sslmode=require&password=Sekret-42",
    ],
)
def test_a_password_in_the_url_is_refused_and_never_shown(url: str, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        server_url(url)
    assert "Sekret-42" not in str(caught.value) and "PGPASSWORD" in str(caught.value)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", url])
    assert result.exit_code == 2
    assert "パスワードが書かれています" in result.output and "Sekret-42" not in result.output
    config = tmp_path / "kyogikai.toml"
    config.write_text(f'[workspace]\nledger = "{url}"\n', encoding="utf-8")
    month = CliRunner().invoke(main, ["month", "2026-10", "--config", str(config)])
    assert month.exit_code == 2, month.output
    assert "[workspace] の ledger" in month.output and "Sekret-42" not in month.output


def test_a_server_url_without_a_password_is_a_location() -> None:
    where = ledger_location("postgresql://hq@db.example/kyogikai")
    assert isinstance(where, ServerURL)
    assert ledger_location("台帳/台帳.db", Path("/hq")) == Path("/hq/台帳/台帳.db")


def test_masked_hides_every_form_of_a_password() -> None:
    env = {"PGPASSWORD": "hunter2-x"}
    text = "postgresql://a:hunter2-x@h/db password=hunter2-x failed for hunter2-x"
    shown = masked(text, env)
    assert "hunter2-x" not in shown and shown.count("****") == 3


def test_the_password_file_is_where_libpq_looks() -> None:
    assert password_file({}, windows=False) == "~/.pgpass"
    assert (
        password_file({"APPDATA": "C:\\Users\\hq\\AppData\\Roaming"}, windows=True)
        == "C:\\Users\\hq\\AppData\\Roaming\\postgresql\\pgpass.conf"
    )
    assert password_file({"PGPASSFILE": "D:\\pg\\pass"}, windows=True) == "D:\\pg\\pass"


@pytest.fixture
def password_role(pg_server: Any, pg_database: str) -> Any:
    """A role that must give its password on the server's socket, owner of a database."""
    role = "desk_" + urlsplit(pg_database).path.strip("/")[-8:]
    name = urlsplit(pg_database).path.strip("/")
    pg_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'correct-horse-9'")
    pg_server.execute(f"ALTER DATABASE {name} OWNER TO {role}")
    pg_server.execute(f"GRANT ALL ON SCHEMA public TO {role}", name)
    hba = pg_server.data / "pg_hba.conf"
    lines = hba.read_text().splitlines()
    if not any(role in line for line in lines):
        hba.write_text("\n".join([f"local all {role} scram-sha-256", *lines]) + "\n")
        pg_server.execute("SELECT pg_reload_conf()")
    return pg_database.replace("postgres@", f"{role}@")


def test_the_password_comes_from_pgpassword_or_the_password_file(
    password_role: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "受信"
    F.file_result(inbox, "a.xlsx", F.report())
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    missing = CliRunner().invoke(main, ["ingest", str(inbox), "--db", password_role])
    assert missing.exit_code == 3, missing.output
    assert "パスワードが違うか、設定されていません" in missing.output
    assert str(tmp_path / "none") in missing.output  # where to write it
    monkeypatch.setenv("PGPASSWORD", "wrong-battery-1")
    wrong = CliRunner().invoke(main, ["ingest", str(inbox), "--db", password_role])
    assert wrong.exit_code == 3 and "wrong-battery-1" not in wrong.output
    monkeypatch.setenv("PGPASSWORD", "correct-horse-9")
    right = CliRunner().invoke(main, ["ingest", str(inbox), "--db", password_role])
    assert right.exit_code in (0, 1), right.output
    assert "correct-horse-9" not in right.output and "新しいファイル 1件" in right.output
    monkeypatch.delenv("PGPASSWORD")
    passfile = tmp_path / "pgpass"
    passfile.write_text("*:*:*:*:correct-horse-9\n", encoding="utf-8")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    again = CliRunner().invoke(main, ["ingest", str(inbox), "--db", password_role])
    assert again.exit_code in (0, 1), again.output
    assert "同一ファイル 1件" in again.output
