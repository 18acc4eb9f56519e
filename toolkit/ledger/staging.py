"""What an ingest keeps between reading its files and committing them: a private
temporary SQLite file of the staged files (`Stage`), and the receipt days HQ gives
(`GivenReceipt`)."""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

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
    """A private temporary SQLite file holding a run's staged files (and, for a ledger on
    a server, the bytes to archive) until the commit: the run's memory stays flat."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "" : a temporary database on disk, removed on close
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096;"
            "CREATE TABLE items (seq INTEGER PRIMARY KEY, item BLOB NOT NULL);"
            "CREATE TABLE blobs (sha TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;"
        )

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def put(self, item: Any) -> None:
        self.db.execute("INSERT INTO items VALUES (?, ?)", (item.seq, pickle.dumps(item, 5)))

    def keep(self, sha: str, data: bytes) -> None:
        self.db.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (sha, data))

    def blob(self, sha: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM blobs WHERE sha = ?", (sha,)).fetchone()
        return None if row is None else bytes(row[0])

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
