"""The ledger itself: opening, creating, migrating, and the transactions of a run.

A ledger is a SQLite file (the default; its archive folder beside it) or a database on a
PostgreSQL server (its archive in the table `archived`, so that no shared folder is
needed). Both are reached through SQLAlchemy Core with one set of tables
(`toolkit.ledger.schema`) and one set of queries; the schema versions are Alembic
revisions shipped in the package (`toolkit/ledger/migrations`).

Transactions (every method of the ledger runs inside one):
- a write (`_writing`) holds the ledger's one write lock: `BEGIN IMMEDIATE` on a file, an
  advisory lock of the transaction on a server. Writers take their turn; one that waits
  longer than `wait` seconds gets a `LedgerError` (exit 3). Readers never wait.
- a read (`snapshot`) sees one consistent state from its first query to its end
  (a WAL read transaction on a file; REPEATABLE READ on a server), however many runs
  commit meanwhile.

`Ledger` (in `toolkit.ledger`) adds ingesting, retention and the queries the summary asks
for; this module holds what they share. A ledger file on a network drive is written with
SQLite's rollback journal, not WAL (which needs memory shared by the processes that use
the file, which a network file system cannot give), and says so once per run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

import toolkit.ledger.schema as S
from toolkit.errors import OperationalError
from toolkit.ledger.errors import LedgerError, ledger_error
from toolkit.ledgerurl import Location, ServerURL, ledger_location, masked

ARCHIVE_SUFFIX = ".archive"
_MARK = re.compile(r"\?")
MIGRATIONS = Path(__file__).with_name("migrations")
WAIT = 5.0  # seconds a writer waits for another on a ledger file
SERVER_WAIT = 300.0  # … and on a server, where writers take turns by design
_LOCK = S.APPLICATION_ID  # the advisory lock of a server ledger's writers

__all__ = ["ARCHIVE_SUFFIX", "LedgerError", "LedgerStore", "OperationalError", "now"]


def now() -> str:
    """The time a run starts or ends, as stored."""
    return datetime.now().isoformat(timespec="seconds")


def sql(statement: str, params: Sequence[Any] = ()) -> tuple[sa.TextClause, dict[str, Any]]:
    """A statement written in SQL that both engines read alike (window functions, row
    values, CASE…), its `?` marks made SQLAlchemy's named parameters: (text, values)."""
    names = iter(range(len(params)))
    text = _MARK.sub(lambda _: f":p{next(names)}", statement)
    return sa.text(text), {f"p{i}": v for i, v in enumerate(params)}


# File systems of network drives, as psutil names them: SQLite's WAL needs memory shared
# between the processes that use the file, which a network file system cannot give.
NETWORK_FILE_SYSTEMS = frozenset(
    {"cifs", "smb", "smb2", "smb3", "smbfs", "nfs", "nfs4", "afs", "ncpfs", "9p", "davfs",
     "fuse.sshfs", "webdav", "afpfs"}
)  # fmt: skip
_told: set[str] = set()


def on_network(path: Path) -> bool:
    """Whether `path` is on a network drive: a UNC path (\\\\server\\share), a drive or
    mount that psutil reports as remote (Windows) or with a network file system."""
    if str(path).startswith(("\\\\", "//")) or str(path.absolute()).startswith(("\\\\", "//")):
        return True
    text = str(path.absolute())
    try:
        import psutil

        partitions = psutil.disk_partitions(all=True)
    except Exception:  # psutil cannot list them here: assume a local disk, as before
        return False
    folded = os.path.normcase(text)
    best = None
    for part in partitions:
        mount = os.path.normcase(part.mountpoint)
        inside = folded == mount or folded.startswith(mount.rstrip("\\/") + os.sep)
        if inside and (best is None or len(mount) > len(os.path.normcase(best.mountpoint))):
            best = part
    if best is None:
        return False
    return best.fstype.lower() in NETWORK_FILE_SYSTEMS or "remote" in best.opts.split(",")


def _tell_once(key: str, text: str) -> None:
    """A notice for the user (logger "kyogikai"), once per run and file."""
    if key not in _told:
        _told.add(key)
        logging.getLogger("kyogikai").warning(text)


def run_sql(conn: Connection, statement: str, params: Sequence[Any] = ()) -> sa.CursorResult[Any]:
    """Run `statement` (see `sql`) on `conn`, inside its transaction."""
    text, values = sql(statement, params)
    return conn.execute(text, values)


def run_many(conn: Connection, statement: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run `statement` (see `sql`) once per row of parameters, in one round."""
    if not rows:
        return
    text, _ = sql(statement, rows[0])
    conn.execute(text, [{f"p{i}": v for i, v in enumerate(row)} for row in rows])


def next_id(conn: Connection, column: sa.Column[int]) -> int:
    """The next ID of a table whose IDs the ledger gives (inside a write transaction, which
    holds the ledger's one write lock: no other run takes the same ID)."""
    found = conn.execute(sa.select(sa.func.coalesce(sa.func.max(column), 0))).scalar_one()
    return int(found) + 1


@cache
def revisions() -> tuple[str, ...]:
    """The schema versions this program knows, oldest first (Alembic revision IDs)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return tuple(reversed([r.revision for r in script.walk_revisions()]))


def schema_version() -> int:
    """The newest schema version this program knows."""
    return int(revisions()[-1])


class LedgerStore:
    """A ledger (a file, a server database, or one in memory) and its archive."""

    def __init__(
        self,
        engine: Engine,
        connection: Connection,
        archive: Path | None,
        source: str,
        *,
        server: bool = False,
        wait: float = WAIT,
    ) -> None:
        self.engine = engine
        self.connection = connection
        self.archive = archive  # the archive folder of a ledger file
        self.source = source  # the ledger as shown to the user (never a password)
        self.server = server  # archived bytes in the table `archived`
        self.wait = wait

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, location: Location | str, *, wait: float | None = None) -> Self:
        """Open the ledger at `location` (a path or a server URL), creating it or migrating
        it to the current schema.

        `wait` is how many seconds a write waits for another run that holds the ledger.
        Raises LedgerError when it is not a ledger, is newer than this program, is damaged,
        or cannot be reached.
        """
        where = ledger_location(location)
        if isinstance(where, ServerURL):
            return cls._open_server(where, SERVER_WAIT if wait is None else wait)
        return cls._open_file(where, WAIT if wait is None else wait)

    @classmethod
    def _open_file(cls, path: Path, wait: float) -> Self:
        if not path.parent.is_dir():
            raise LedgerError(f"台帳のフォルダ「{path.parent}」がありません。")
        engine = _sqlite_engine(str(path), wait)
        try:
            conn = engine.connect()
        except sa.exc.DBAPIError as exc:
            raise LedgerError(f"台帳「{path}」を開けません: {exc.orig}") from exc
        ledger = cls(engine, conn, path.with_name(path.name + ARCHIVE_SUFFIX), str(path), wait=wait)
        shared = on_network(path)
        if shared:
            _tell_once(
                str(path.absolute()),
                f"台帳「{path}」はネットワーク上の場所にあるため、WAL を使わずに書き込みます。"
                "複数の席から同じ台帳を使う場合は、サーバーの台帳（PostgreSQL）を使ってください。",
            )
        ledger._prepare_guarded(wal=not shared, network=shared)
        return ledger

    @classmethod
    def _open_server(cls, url: ServerURL, wait: float) -> Self:
        engine = _server_engine(url)
        shown = masked(url)
        try:
            conn = engine.connect()
        except sa.exc.DBAPIError as exc:
            raise ledger_error(exc, shown, server=True) from exc
        ledger = cls(engine, conn, None, shown, server=True, wait=wait)
        ledger._prepare_guarded(wal=False)
        return ledger

    @classmethod
    def memory(cls) -> Self:
        """A ledger that lives in memory only, with no archive (for `summary PATH...`)."""
        engine = _sqlite_engine(":memory:", WAIT)
        ledger = cls(engine, engine.connect(), None, ":memory:")
        with ledger._writing() as conn:
            S.metadata.create_all(conn)
            conn.exec_driver_sql(S.SETTLED_VIEW)
        return ledger

    def close(self) -> None:
        """Close the connection (a run in progress is rolled back)."""
        with contextlib.suppress(sa.exc.SQLAlchemyError):
            self.connection.close()
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    # --- transactions ------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction holding the ledger's write lock (joined when one is open)."""
        conn = self.connection
        if conn.in_transaction():
            yield conn
            return
        try:
            if self.server:
                conn.begin()
                ms = max(int(self.wait * 1000), 1)
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = {ms}")
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK)))
            else:
                conn.info["begin"] = "BEGIN IMMEDIATE"
                conn.begin()
        except sa.exc.DBAPIError as exc:
            self._end(commit=False)
            raise self._error(exc) from exc
        try:
            yield conn
            conn.commit()
        except sa.exc.DBAPIError as exc:
            self._end(commit=False)
            raise self._error(exc) from exc
        except BaseException:
            self._end(commit=False)
            raise

    def fetch(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row of a query in SQL (see `sql`), read in the transaction in progress or
        in a snapshot of its own."""
        with self.snapshot() as conn:
            return list(run_sql(conn, statement, params).all())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, committed when the block ends and rolled back when it
        raises; inside a transaction already open, the block is part of that one."""
        with self._writing() as conn:
            yield conn

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read transaction: every query inside sees the same committed state (joined
        when a transaction is open)."""
        conn = self.connection
        if conn.in_transaction():
            yield conn
            return
        try:
            conn.begin()
            if self.server:
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        except sa.exc.DBAPIError as exc:
            self._end(commit=False)
            raise self._error(exc) from exc
        try:
            yield conn
        except sa.exc.DBAPIError as exc:
            self._end(commit=False)
            raise self._error(exc) from exc
        finally:
            self._end(commit=False)

    def _end(self, *, commit: bool) -> None:
        conn = self.connection
        with contextlib.suppress(sa.exc.SQLAlchemyError):
            if conn.in_transaction():
                (conn.commit if commit else conn.rollback)()

    def _error(self, exc: sa.exc.DBAPIError) -> LedgerError:
        return ledger_error(exc, self.source, server=self.server)

    def _busy(self, exc: Exception) -> LedgerError:
        return ledger_error(exc, self.source, server=self.server)

    # --- opening and migrating ---------------------------------------------------------

    def _prepare_guarded(self, *, wal: bool, network: bool = False) -> None:
        try:
            self._prepare(wal=wal, network=network)
        except sa.exc.DBAPIError as exc:
            self.close()
            raise self._error(exc) from exc
        except BaseException:
            self.close()
            raise

    def _prepare(self, *, wal: bool, network: bool = False) -> None:
        if self.server:
            with self.snapshot():
                current = self._server_version()
        else:
            current = self._file_version()
        if current is not None and current not in revisions():
            raise self._newer(current)
        if current != revisions()[-1]:
            self.migrate()
        if wal:
            self._wal()
        elif network:
            self._rollback_journal()

    def _file_version(self) -> str | None:
        """The schema version of a ledger file (None for a new, empty file), after the
        checks that it is a ledger and is not damaged."""
        raw = self._raw()
        try:
            version = raw.execute("PRAGMA user_version").fetchone()[0]
            app = raw.execute("PRAGMA application_id").fetchone()[0]
            names = {n for (n,) in raw.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc) or "corrupt" in str(exc):
                raise self._busy(exc) from exc
            raise LedgerError(
                f"「{self.source}」は台帳（SQLite データベース）ではありません"
                "。台帳のファイル名を確認してください。"
            ) from exc
        if app != S.APPLICATION_ID and (app != 0 or version != 0 or names):
            raise self._not_a_ledger()
        if names:
            self._check_integrity()
        if "alembic_version" in names:
            row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        if version > 0:
            return f"{version:04d}"
        return None

    def _server_version(self) -> str | None:
        """The schema version of a server ledger (None for an empty database); inside a
        transaction."""
        conn = self.connection
        names = set(sa.inspect(conn).get_table_names())
        if not names:
            return None
        info = S.ledger_info.c
        known = (
            "ledger_info" in names
            and conn.execute(sa.select(info.value).where(info.name == "application")).scalar()
            == S.APPLICATION_NAME
        )
        if not known:
            raise self._not_a_ledger()
        if "alembic_version" not in names:
            return None
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        return None if version is None else str(version)

    def _not_a_ledger(self) -> LedgerError:
        if self.server:
            return LedgerError(
                f"サーバーのデータベース「{self.source}」には kyogikai の台帳でない表があります。"
                "台帳には空のデータベースを用意してもらい、その URL を指定してください。"
            )
        return LedgerError(
            f"「{self.source}」は kyogikai の台帳ではありません。"
            "台帳のファイル名を確認してください（新しい台帳は存在しないファイル名を指定すると作られます）。"
        )

    def _newer(self, version: str) -> LedgerError:
        return LedgerError(
            f"台帳「{self.source}」は新しい版のプログラムで作られています"
            f"（台帳の版 {version.lstrip('0') or version}、このプログラムは版 {schema_version()} まで）。"
            "プログラムを更新してください。"
        )

    def _raw(self) -> sqlite3.Connection:
        """The sqlite3 connection under a ledger file's (for PRAGMAs)."""
        raw = self.connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return raw

    def _check_integrity(self) -> None:
        """Refuse a ledger whose pages are damaged before anything is written into it."""
        try:
            verdict = self._raw().execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._busy(exc) from exc
        if verdict != "ok":
            raise LedgerError(
                f"台帳「{self.source}」が壊れています（{str(verdict)[:80]}）。"
                "バックアップから戻すか、別の名前で新しい台帳を作り、報告書を取り込み直してください。"
            )

    def _wal(self) -> None:
        raw = self._raw()
        try:
            mode = raw.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise self._busy(exc) from exc
        if str(mode).lower() != "wal":
            raise LedgerError(f"台帳「{self.source}」を WAL モードにできません（{mode}）。")
        raw.execute("PRAGMA synchronous=NORMAL")

    def _rollback_journal(self) -> None:
        """SQLite's WAL does not work over a network: a ledger file there is written with
        the rollback journal, each commit on the disk before the next run reads it."""
        raw = self._raw()
        try:
            raw.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as exc:
            raise self._busy(exc) from exc
        raw.execute("PRAGMA synchronous=FULL")

    def migrate(self) -> None:
        """Bring the ledger to the current schema, all versions in one transaction that
        holds the write lock (a second run opening it meanwhile waits, then finds it done).
        A ledger file from before Alembic is first marked with the version its
        `PRAGMA user_version` gives."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = self.connection
        if not self.server:  # a table rebuilt by a revision is dropped first (SQLite's way)
            self._raw().execute("PRAGMA foreign_keys=OFF")
        try:
            with self._writing() as conn:
                current = self._server_version() if self.server else self._stamped()
                if current == revisions()[-1]:
                    return
                if current is not None and current not in revisions():
                    raise self._newer(current)
                if current is not None and not self._has_version_table():
                    command.stamp(config, current)
                command.upgrade(config, "head")
                if not self.server:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise LedgerError(
                            f"台帳「{self.source}」を今の版にできません（表「{broken[0]}」の"
                            "参照が壊れています）。バックアップから戻してください。"
                        )
                    conn.exec_driver_sql(f"PRAGMA application_id={S.APPLICATION_ID}")
        finally:
            if not self.server:
                self._raw().execute("PRAGMA foreign_keys=ON")

    def _stamped(self) -> str | None:
        """A ledger file's version, read again inside the migration's transaction."""
        names = self._table_names()
        if "alembic_version" in names:
            return str(
                self.connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            )
        version = int(self.connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        return f"{version:04d}" if version > 0 else None

    def _has_version_table(self) -> bool:
        return "alembic_version" in self._table_names()

    def _table_names(self) -> set[str]:
        return set(sa.inspect(self.connection).get_table_names())

    @property
    def version(self) -> int:
        """The schema version of the ledger."""
        with self.snapshot() as conn:
            value = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        return int(value or 0)

    # --- the archive -------------------------------------------------------------------

    def archive_path(self, sha256: str) -> Path | None:
        """Where the archived copy of a file is in a ledger file's archive folder, or None
        when there is none (any more), or the ledger keeps its archive in itself."""
        if self.archive is None:
            return None
        name = self._archive_name(sha256)
        return None if name is None else self.archive / name

    def _archive_name(self, sha256: str) -> str | None:
        f = S.files.c
        with self.snapshot() as conn:
            name = conn.execute(
                sa.select(f.archive).where(f.sha256 == sha256, f.archive_removed_run.is_(None))
            ).scalar()
        return None if name is None else str(name)

    def archived_bytes(self, sha256: str) -> bytes | None:
        """The bytes of the archived copy of a file, or None when there is none (any more)."""
        if self.server:
            with self.snapshot() as conn:
                data = conn.execute(
                    sa.select(S.archived.c.data)
                    .join(S.files, S.files.c.sha256 == S.archived.c.sha256)
                    .where(S.archived.c.sha256 == sha256, S.files.c.archive_removed_run.is_(None))
                ).scalar()
            return None if data is None else bytes(data)
        path = self.archive_path(sha256)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None


def _sqlite_begin(conn: Connection) -> None:
    # sqlite3 runs in autocommit mode (isolation_level=None): the transaction is begun
    # here, deferred for a read, IMMEDIATE (the write lock at once) for a write.
    conn.exec_driver_sql(conn.info.pop("begin", "BEGIN"))


def _sqlite_engine(target: str, wait: float) -> Engine:
    def connect() -> sqlite3.Connection:
        raw = sqlite3.connect(target, timeout=wait, isolation_level=None, check_same_thread=False)
        raw.execute("PRAGMA foreign_keys=ON")
        if target == ":memory:":
            raw.execute("PRAGMA synchronous=OFF")
        return raw

    engine = sa.create_engine("sqlite://", creator=connect, poolclass=NullPool)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _server_engine(url: ServerURL) -> Engine:
    import psycopg

    def connect() -> Any:
        # libpq reads the URL as it is, and the password from PGPASSWORD or the password
        # file (never from the URL: `ledger_location` refuses one there).
        # The ledger reads every row of a query it runs through a cursor (`yield_per`), so
        # the planner is told to plan for all of them: with its default (the first tenth)
        # it picks a plan that starts fast, and a year's reports joined with the ones that
        # count took 5.5 s instead of 0.18 s at 5,000 reports (quadratic in their number).
        return psycopg.connect(
            str(url), application_name="kyogikai", connect_timeout=15,
            options="-c cursor_tuple_fraction=1.0",
        )  # fmt: skip

    return sa.create_engine("postgresql+psycopg://", creator=connect, poolclass=NullPool)
