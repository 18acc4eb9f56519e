"""The ledger file itself: opening, creating, migrating, and one transaction per run.

`Ledger` (in `toolkit.ledger`) adds ingesting, retention and the queries the summary asks
for; this module holds what they share: the connection, the archive folder beside the
file, and the rules of opening one. A ledger on a network drive is written with SQLite's
rollback journal, not WAL (which needs memory shared by the processes that use the file,
which a network file system cannot give), and says so once per run.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from toolkit.errors import OperationalError, database_error_text
from toolkit.ledger.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

ARCHIVE_SUFFIX = ".archive"


class LedgerError(OperationalError):
    """The ledger cannot be used: another run holds it, it is not a ledger, it is newer than
    this program, or it is damaged (exit 3)."""


def now() -> str:
    """The time a run starts or ends, as stored."""
    return datetime.now().isoformat(timespec="seconds")


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


class LedgerStore:
    """A ledger file (or an in-memory one) and its archive folder."""

    def __init__(self, connection: sqlite3.Connection, archive: Path | None, source: str) -> None:
        self.connection = connection
        self.archive = archive
        self.source = source

    @classmethod
    def open(cls, path: Path, *, wait: float = 5.0) -> Self:
        """Open the ledger at `path`, creating it or migrating it to the current schema.

        `wait` is how many seconds to wait for another run that holds the ledger.
        Raises LedgerError when the file is not a ledger, is newer than this program, or
        stays locked.
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise LedgerError(f"台帳のフォルダ「{path.parent}」がありません。")
        try:
            conn = sqlite3.connect(path, timeout=wait, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError(f"台帳「{path}」を開けません: {exc}") from exc
        ledger = cls(conn, path.with_name(path.name + ARCHIVE_SUFFIX), str(path))
        shared = on_network(path)
        if shared:
            _tell_once(
                str(path.absolute()),
                f"台帳「{path}」はネットワーク上の場所にあるため、WAL を使わずに書き込みます。"
                "複数の席から同じ台帳を使う場合は、サーバーの台帳（PostgreSQL）を使ってください。",
            )
        try:
            ledger._prepare(wal=not shared, network=shared)
        except BaseException:
            conn.close()
            raise
        return ledger

    @classmethod
    def memory(cls) -> Self:
        """A ledger that lives in memory only, with no archive (for `summary PATH...`)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        ledger = cls(conn, None, ":memory:")
        ledger._prepare(wal=False)
        return ledger

    def close(self) -> None:
        """Close the connection (a run in progress is rolled back)."""
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- opening and migrating ---------------------------------------------------------

    def _prepare(self, *, wal: bool, network: bool = False) -> None:
        conn = self.connection
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc) or "corrupt" in str(exc):
                raise self._busy(exc) from exc
            raise LedgerError(
                f"「{self.source}」は台帳（SQLite データベース）ではありません"
                "。台帳のファイル名を確認してください。"
            ) from exc
        if app != APPLICATION_ID and (app != 0 or version != 0 or tables != 0):
            raise LedgerError(
                f"「{self.source}」は kyogikai の台帳ではありません。"
                "台帳のファイル名を確認してください（新しい台帳は存在しないファイル名を指定すると作られます）。"
            )
        if version > SCHEMA_VERSION:
            raise LedgerError(
                f"台帳「{self.source}」は新しい版のプログラムで作られています"
                f"（台帳の版 {version}、このプログラムは版 {SCHEMA_VERSION} まで）。"
                "プログラムを更新してください。"
            )
        if tables:
            self._check_integrity()
        if wal:
            try:
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                raise self._busy(exc) from exc
            if str(mode).lower() != "wal":
                raise LedgerError(f"台帳「{self.source}」を WAL モードにできません（{mode}）。")
        elif network:  # SQLite's WAL does not work over a network: the rollback journal
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.OperationalError as exc:
                raise self._busy(exc) from exc
        conn.execute("PRAGMA foreign_keys=ON")
        synchronous = "NORMAL" if wal else "FULL" if network else "OFF"
        conn.execute(f"PRAGMA synchronous={synchronous}")
        if version < SCHEMA_VERSION:
            self.migrate()

    def _check_integrity(self) -> None:
        """Refuse a ledger whose pages are damaged before anything is written into it."""
        try:
            verdict = self.connection.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._busy(exc) from exc
        if verdict != "ok":
            raise LedgerError(
                f"台帳「{self.source}」が壊れています（{str(verdict)[:80]}）。"
                "バックアップから戻すか、別の名前で新しい台帳を作り、報告書を取り込み直してください。"
            )

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Apply the migrations from the ledger's version up to `target`, each atomically."""
        conn = self.connection
        while True:
            self._begin()
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= target:
                    conn.execute("COMMIT")
                    return
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version={version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    @property
    def version(self) -> int:
        """The schema version of the ledger (`PRAGMA user_version`)."""
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed when the block ends and rolled back when it
        raises; inside a transaction already open, the block is part of that one."""
        if self.connection.in_transaction:
            yield self.connection
            return
        self._begin()
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _begin(self) -> None:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._busy(exc) from exc

    def _busy(self, exc: sqlite3.Error) -> LedgerError:
        return LedgerError(database_error_text(exc, self.source))

    def _rollback(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def archive_path(self, sha256: str) -> Path | None:
        """Where the archived copy of a file is, or None when there is none (any more)."""
        if self.archive is None:
            return None
        row = self.connection.execute(
            "SELECT archive FROM files WHERE sha256=? AND archive_removed_run IS NULL", (sha256,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return self.archive / row[0]
