"""What an ingest keeps between reading its files and committing them: a private
temporary SQLite file of the staged files (`Stage`), and the receipt days HQ gives
(`GivenReceipt`)."""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from toolkit.results import FileResult

# How a file's receipt day is known.
BY_MODIFIED, BY_LEDGER, BY_GIVEN, BY_LOG = "modified", "ledger", "given", "log"


@dataclass(frozen=True)
class GivenReceipt:
    """A receipt day HQ gave for a file: for a batch (`how` BY_GIVEN, new files only) or
    in a 受付簿 (BY_LOG, also correcting a file stored earlier); `source` says where."""

    day: date
    how: str = BY_GIVEN
    source: str | None = None


# What the caller knows about a file's receipt: (result, new to the ledger) → a day or None.
Receipts = Callable[[FileResult, bool], GivenReceipt | None]


class Stage:
    """A private temporary SQLite file holding a run's staged files until the commit, and
    for a ledger on a server the bytes to archive, appended one after another to a
    temporary file (the SQLite file says where each is): the run's memory stays flat.

    The bytes are spooled, not kept in SQLite, because a file's bytes are written once and
    read once: a plain append and a read at an offset cost a tenth of a SQLite blob
    (its overflow pages), measured on a server ingest of 5,000 files."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "" : a temporary database on disk, removed on close
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096;"
            "CREATE TABLE items (seq INTEGER PRIMARY KEY, item BLOB NOT NULL);"
            "CREATE TABLE blobs (sha TEXT PRIMARY KEY, at INTEGER NOT NULL,"
            " size INTEGER NOT NULL) WITHOUT ROWID;"
        )
        self.spool: IO[bytes] | None = None  # made when the first bytes are kept
        self.end = 0

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()
        if self.spool is not None:
            self.spool.close()

    def put(self, item: Any) -> None:
        self.db.execute("INSERT INTO items VALUES (?, ?)", (item.seq, pickle.dumps(item, 5)))

    def keep(self, sha: str, data: bytes) -> None:
        """Keep the bytes of the file `sha` until the commit (once per file)."""
        if self.db.execute("SELECT 1 FROM blobs WHERE sha = ?", (sha,)).fetchone():
            return
        spool = self.spool
        if spool is None:  # closed by __exit__
            spool = self.spool = tempfile.TemporaryFile(prefix="kyogikai-stage-")  # noqa: SIM115
        spool.seek(self.end)
        spool.write(data)
        self.db.execute("INSERT INTO blobs VALUES (?, ?, ?)", (sha, self.end, len(data)))
        self.end += len(data)

    def blob(self, sha: str) -> bytes | None:
        """The bytes kept of the file `sha`, or None."""
        row = self.db.execute("SELECT at, size FROM blobs WHERE sha = ?", (sha,)).fetchone()
        if row is None or self.spool is None:
            return None
        self.spool.seek(row[0])
        data = self.spool.read(row[1])
        if len(data) != row[1]:
            raise OSError(f"the staged copy of {sha} is short ({len(data)} of {row[1]} bytes)")
        return data

    def batches(self, size: int) -> Iterator[list[Any]]:
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT seq, item FROM items WHERE seq > ? ORDER BY seq LIMIT ?", (last, size)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [pickle.loads(item) for _, item in rows]
