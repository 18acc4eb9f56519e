"""The ledger (台帳): a SQLite store of every file and report HQ has ingested.

One file per prefecture HQ, kept beside an archive folder of the files themselves
(`<ledger>.archive/<sha[:2]>/<sha>.<ext>`, content addressed), so that a summary can be
rebuilt and a finding traced to the exact bytes a station sent.

Guarantees:
- Every run is ONE transaction (`BEGIN IMMEDIATE`, WAL mode): a run that crashes leaves the
  ledger as it was; archive files written before the crash are harmless (content addressed,
  written to a temporary name and renamed). A second writer waits `wait` seconds and then
  gets a `LedgerError`; readers never block the writer.
- Files are identified by their SHA-256: ingesting the same bytes again changes nothing but
  the record that the run saw the path (table `sightings`). Every file given to a run has
  one sighting: read, unreadable (with its reason) or identical to an earlier file.
- A report is superseded by a later report of the same council, meeting date and sheet name
  that comes in a different file: the old row stays (`superseded_by` points at the new one).
- The schema is versioned (`PRAGMA user_version`); `MIGRATIONS` are applied in order on open.

Retention (2(9): 本様式は，１年保存とする): a report of meeting date d is kept until 31 March of
(fiscal year of d) + 1 + years. `purge` removes the archived file and every free text of
the report (discussion, requests and responses, officers, reporter, phone, venue, reference,
agenda topics and remarks, and the finding messages that quote them) but keeps the report
row with its counts, dates and categories, marked purged: the statistics of past fiscal
years stay right while no personal data outlives the document it came from.

No pandas here: `toolkit.aggregate` reads `Ledger.connection` with SQL.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from toolkit import __version__
from toolkit.fileio import archive_copy
from toolkit.findings import CATALOGUE, Severity
from toolkit.model import Report
from toolkit.registry import station_key as station_name
from toolkit.rules.context import Context
from toolkit.rules.duplicates import council_key

if TYPE_CHECKING:
    from toolkit.check import Checked, FileResult

APPLICATION_ID = 0x4B59474B  # "KYGK": marks a SQLite file as a kyogikai ledger
ARCHIVE_SUFFIX = ".archive"
PURGED_TEXT = "（保存期間経過のため削除）"
_BATCH = 2000  # reports buffered before one executemany round

# Statuses of a sighting (one file given to one run).
READ, UNREADABLE, IDENTICAL = "read", "unreadable", "identical"


class LedgerError(Exception):
    """The ledger cannot be used: another run holds it, it is not a ledger, or it is newer."""


# --- schema -------------------------------------------------------------------------------

_CORE = (
    """CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        tool_version TEXT,
        registry TEXT,
        files INTEGER NOT NULL DEFAULT 0,
        new_files INTEGER NOT NULL DEFAULT 0,
        identical INTEGER NOT NULL DEFAULT 0,
        unreadable INTEGER NOT NULL DEFAULT 0,
        reports INTEGER NOT NULL DEFAULT 0,
        superseded INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE files (
        sha256 TEXT PRIMARY KEY,
        first_run INTEGER NOT NULL REFERENCES runs(run_id),
        first_path TEXT NOT NULL,
        format TEXT,
        size INTEGER,
        readable INTEGER NOT NULL,
        archive TEXT
    )""",
    """CREATE TABLE sightings (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        seq INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        status TEXT NOT NULL CHECK (status IN ('read', 'unreadable', 'identical')),
        reason TEXT,
        same_as TEXT,
        note TEXT,
        PRIMARY KEY (run_id, seq)
    )""",
    """CREATE TABLE reports (
        report_id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        sha256 TEXT NOT NULL REFERENCES files(sha256),
        path TEXT NOT NULL,
        sheet TEXT,
        council_key TEXT,
        council_id TEXT,
        template_council_id TEXT,
        affiliation TEXT,
        station TEXT,
        council_name TEXT,
        facility_name TEXT,
        meeting_date TEXT,
        fiscal_year INTEGER,
        month TEXT,
        start_time TEXT,
        end_time TEXT,
        venue TEXT,
        reporter TEXT,
        meeting_type TEXT,
        police INTEGER,
        civilians INTEGER,
        status TEXT NOT NULL,
        n_errors INTEGER NOT NULL,
        n_warnings INTEGER NOT NULL,
        pictures INTEGER NOT NULL DEFAULT 0,
        n_agenda INTEGER NOT NULL DEFAULT 0,
        n_requests INTEGER NOT NULL DEFAULT 0,
        n_open INTEGER NOT NULL DEFAULT 0,
        record TEXT NOT NULL,
        content TEXT,
        superseded_by INTEGER REFERENCES reports(report_id)
    )""",
    """CREATE TABLE agenda (
        report_id INTEGER NOT NULL REFERENCES reports(report_id),
        seq INTEGER NOT NULL,
        category TEXT,
        topic TEXT,
        remarks TEXT,
        PRIMARY KEY (report_id, seq)
    )""",
    """CREATE TABLE requests (
        report_id INTEGER NOT NULL REFERENCES reports(report_id),
        seq INTEGER NOT NULL,
        request TEXT,
        response TEXT,
        answered INTEGER NOT NULL,
        PRIMARY KEY (report_id, seq)
    )""",
    """CREATE TABLE findings (
        finding_id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        sha256 TEXT,
        report_id INTEGER REFERENCES reports(report_id),
        path TEXT NOT NULL,
        sheet TEXT,
        severity TEXT NOT NULL,
        code TEXT NOT NULL,
        field TEXT,
        cell TEXT,
        message TEXT
    )""",
    "CREATE INDEX reports_sha ON reports(sha256)",
    "CREATE INDEX reports_meeting ON reports(council_key, meeting_date, sheet)",
    "CREATE INDEX findings_report ON findings(report_id)",
    "CREATE INDEX sightings_sha ON sightings(sha256)",
)

_RETENTION = (
    "ALTER TABLE reports ADD COLUMN purged_run INTEGER REFERENCES runs(run_id)",
    "ALTER TABLE files ADD COLUMN archive_removed_run INTEGER REFERENCES runs(run_id)",
    """CREATE TABLE purges (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        sha256 TEXT NOT NULL,
        report_id INTEGER REFERENCES reports(report_id),
        purged_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        keep_until TEXT NOT NULL,
        archive_removed INTEGER NOT NULL
    )""",
)

_SUMMARY_INDEXES = (
    # What the summary filters on: the current reports of a fiscal year or a date range.
    "CREATE INDEX reports_current_fy ON reports(fiscal_year, meeting_date)"
    " WHERE superseded_by IS NULL",
    "CREATE INDEX reports_current_date ON reports(meeting_date) WHERE superseded_by IS NULL",
    "CREATE INDEX findings_run ON findings(run_id)",
)

# Ordered: MIGRATIONS[i] takes a ledger from user_version i to i + 1. Append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_CORE, _RETENTION, _SUMMARY_INDEXES)
SCHEMA_VERSION = len(MIGRATIONS)


# --- results ------------------------------------------------------------------------------


@dataclass
class IngestStats:
    """What one run did. `files` counts every file given, whatever became of it."""

    run_id: int
    files: int = 0
    new_files: int = 0
    identical: int = 0
    unreadable: int = 0
    reports: int = 0
    superseded: int = 0
    archived: int = 0
    not_archived: list[str] = field(default_factory=list)  # paths whose bytes changed or vanished


@dataclass(frozen=True)
class Expired:
    """A report (or an unreadable file, `report_id` None) past its retention date."""

    sha256: str
    report_id: int | None
    path: str
    sheet: str | None
    meeting_date: date | None
    keep_until: date


# --- helpers ------------------------------------------------------------------------------


def fiscal_year(day: date) -> int:
    """The Japanese fiscal year (April–March) a day belongs to: 2027-03-31 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def keep_until(day: date, years: int) -> date:
    """Last day a document made on `day` is kept: 31 March of fiscal year + 1 + years."""
    return date(fiscal_year(day) + 1 + years, 3, 31)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _read_again(result: FileResult) -> bytes | None:
    try:
        return Path(result.path).read_bytes()
    except OSError:
        return None


# --- the ledger ---------------------------------------------------------------------------


class Ledger:
    """A ledger file (or an in-memory one) and its archive folder."""

    def __init__(self, connection: sqlite3.Connection, archive: Path | None, source: str) -> None:
        self.connection = connection
        self.archive = archive
        self.source = source

    @classmethod
    def open(cls, path: Path, *, wait: float = 5.0) -> Ledger:
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
        try:
            ledger._prepare(wal=True)
        except BaseException:
            conn.close()
            raise
        return ledger

    @classmethod
    def memory(cls) -> Ledger:
        """A ledger that lives in memory only, with no archive (for `summary PATH...`)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        ledger = cls(conn, None, ":memory:")
        ledger._prepare(wal=False)
        return ledger

    def close(self) -> None:
        """Close the connection (a run in progress is rolled back)."""
        self.connection.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- opening and migrating ---------------------------------------------------------

    def _prepare(self, *, wal: bool) -> None:
        conn = self.connection
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LedgerError(
                f"「{self.source}」は台帳（SQLite データベース）ではありません: {exc}"
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
        if wal:
            try:
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                raise self._busy(exc) from exc
            if str(mode).lower() != "wal":
                raise LedgerError(f"台帳「{self.source}」を WAL モードにできません（{mode}）。")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL" if wal else "PRAGMA synchronous=OFF")
        if version < SCHEMA_VERSION:
            self.migrate()

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

    def _begin(self) -> None:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._busy(exc) from exc

    def _busy(self, exc: sqlite3.OperationalError) -> LedgerError:
        if "locked" in str(exc) or "busy" in str(exc):
            return LedgerError(
                f"台帳は別の処理が使用中です（{self.source}）。"
                "他の取り込みや保存期間の処理が終わってから、もう一度実行してください。"
            )
        return LedgerError(f"台帳「{self.source}」を使用できません: {exc}")

    def _rollback(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    # --- ingest ------------------------------------------------------------------------

    def ingest(
        self,
        results: Iterable[FileResult],
        *,
        context: Context,
        command: str = "ingest",
        source_bytes: Callable[[FileResult], bytes | None] | None = None,
        progress: Callable[[int, FileResult], None] | None = None,
    ) -> IngestStats:
        """Store every checked file of one run, in one transaction.

        `results` may be a generator (the check pipeline): it is consumed inside the
        transaction, so another run waits until this one ends. `source_bytes` gives the
        bytes to archive (default: the file at `result.path`, read again and verified
        against its SHA-256). `progress` is called after each file with its 1-based number.
        Raises LedgerError when another run holds the ledger.
        """
        conn = self.connection
        self._begin()
        try:
            registry = context.registry.source if context.registry is not None else None
            cursor = conn.execute(
                "INSERT INTO runs (command, started_at, tool_version, registry) VALUES (?,?,?,?)",
                (command, _now(), __version__, registry),
            )
            run_id = int(cursor.lastrowid or 0)
            writer = _RunWriter(self, run_id, context, source_bytes or _read_again)
            for seq, result in enumerate(results, 1):
                writer.add(seq, result)
                if progress is not None:
                    progress(seq, result)
            writer.flush()
            stats = writer.stats
            conn.execute(
                "UPDATE runs SET finished_at=?, files=?, new_files=?, identical=?, unreadable=?,"
                " reports=?, superseded=? WHERE run_id=?",
                (
                    _now(),
                    stats.files,
                    stats.new_files,
                    stats.identical,
                    stats.unreadable,
                    stats.reports,
                    stats.superseded,
                    run_id,
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return stats

    # --- retention ---------------------------------------------------------------------

    def expired(self, as_of: date, years: int) -> list[Expired]:
        """Reports and unreadable files whose retention ended before `as_of`, not yet purged.

        An undated report, or an unreadable file, counts from the day it was first ingested.
        """
        out: list[Expired] = []
        rows = self.connection.execute(
            "SELECT r.sha256, r.report_id, r.path, r.sheet, r.meeting_date, u.started_at"
            " FROM reports r JOIN runs u ON u.run_id = r.run_id"
            " WHERE r.purged_run IS NULL ORDER BY r.report_id"
        )
        for sha, report_id, path, sheet, meeting, started in rows:
            day = date.fromisoformat(meeting) if meeting else None
            until = keep_until(day or date.fromisoformat(started[:10]), years)
            if as_of > until:
                out.append(Expired(sha, report_id, path, sheet, day, until))
        files = self.connection.execute(
            "SELECT f.sha256, f.first_path, u.started_at FROM files f"
            " JOIN runs u ON u.run_id = f.first_run"
            " WHERE f.readable = 0 AND f.archive_removed_run IS NULL ORDER BY f.sha256"
        )
        for sha, path, started in files:
            until = keep_until(date.fromisoformat(started[:10]), years)
            if as_of > until:
                out.append(Expired(sha, None, path, None, None, until))
        return out

    def purge(self, expired: Sequence[Expired], as_of: date) -> int:
        """Purge what `expired` lists; returns how many reports and files were purged.

        Each report keeps its row (counted in statistics, marked purged) but loses its
        free text. A file's archive copy is deleted once no unpurged report comes from it.
        The purge is recorded as a run of command "retention" with one `purges` row each.
        """
        if not expired:
            return 0
        conn = self.connection
        self._begin()
        try:
            now = _now()
            run_id = int(
                conn.execute(
                    "INSERT INTO runs (command, started_at, tool_version) VALUES (?,?,?)",
                    ("retention", now, __version__),
                ).lastrowid
                or 0
            )
            ids = [e.report_id for e in expired if e.report_id is not None]
            self._strip_reports(ids, run_id)
            shas = sorted({e.sha256 for e in expired})
            removable = self._removable(shas)
            conn.executemany(
                "UPDATE files SET archive_removed_run=? WHERE sha256=?",
                [(run_id, sha) for sha in removable],
            )
            conn.executemany(
                "INSERT INTO purges (run_id, sha256, report_id, purged_at, as_of, keep_until,"
                " archive_removed) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        run_id,
                        e.sha256,
                        e.report_id,
                        now,
                        as_of.isoformat(),
                        e.keep_until.isoformat(),
                        int(e.sha256 in removable),
                    )
                    for e in expired
                ],
            )
            conn.execute(
                "UPDATE runs SET finished_at=?, reports=? WHERE run_id=?",
                (_now(), len(ids), run_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        # Deleted after the commit: a crash in between leaves files that the next purge
        # sweeps (below), never a ledger that points at a deleted file it still needs.
        self._sweep_archive()
        return len(expired)

    def _strip_reports(self, ids: list[int], run_id: int) -> None:
        conn = self.connection
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            records = conn.execute(
                f"SELECT report_id, record FROM reports WHERE report_id IN ({marks})", chunk
            ).fetchall()
            conn.executemany(
                "UPDATE reports SET purged_run=?, record=?, reporter=NULL, venue=NULL"
                " WHERE report_id=?",
                [(run_id, _stripped_record(record), rid) for rid, record in records],
            )
            conn.execute(
                f"UPDATE agenda SET topic=NULL, remarks=NULL WHERE report_id IN ({marks})", chunk
            )
            conn.execute(
                f"UPDATE requests SET request=NULL, response=NULL WHERE report_id IN ({marks})",
                chunk,
            )
            codes = conn.execute(
                f"SELECT DISTINCT code FROM findings WHERE report_id IN ({marks})", chunk
            ).fetchall()
            for (code,) in codes:
                title = CATALOGUE[code].title if code in CATALOGUE else ""
                conn.execute(
                    f"UPDATE findings SET message=? WHERE code=? AND report_id IN ({marks})",
                    (f"{title}{PURGED_TEXT}", code, *chunk),
                )

    def _removable(self, shas: list[str]) -> set[str]:
        """Files whose every report is purged (after this purge's updates)."""
        out: set[str] = set()
        for sha in shas:
            left = self.connection.execute(
                "SELECT 1 FROM reports WHERE sha256=? AND purged_run IS NULL LIMIT 1", (sha,)
            ).fetchone()
            if left is None:
                out.add(sha)
        return out

    def _sweep_archive(self) -> None:
        if self.archive is None:
            return
        rows = self.connection.execute(
            "SELECT archive FROM files WHERE archive_removed_run IS NOT NULL AND archive IS NOT NULL"
        )
        for (name,) in rows:
            with contextlib.suppress(FileNotFoundError):
                (self.archive / name).unlink()

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


def _stripped_record(record: str) -> str:
    """The record JSON without free text: what may outlive the retention period."""
    data: dict[str, Any] = json.loads(record)
    for key in ("reporter", "phone", "venue", "discussion", "reference"):
        data[key] = None
    data["officers"] = []
    data["agenda"] = [
        {"category": item.get("category"), "topic": None, "remarks": None}
        for item in data.get("agenda", [])
    ]
    data["requests"] = [
        {"request": None, "response": None, "answered": bool(item.get("response"))}
        for item in data.get("requests", [])
    ]
    data["purged"] = True
    return json.dumps(data, ensure_ascii=False)


# --- one run's writes ---------------------------------------------------------------------


class _RunWriter:
    """Buffers one run's rows and writes them with executemany."""

    def __init__(
        self,
        ledger: Ledger,
        run_id: int,
        context: Context,
        source_bytes: Callable[[FileResult], bytes | None],
    ) -> None:
        self.ledger = ledger
        self.conn = ledger.connection
        self.run_id = run_id
        self.context = context
        self.source_bytes = source_bytes
        self.stats = IngestStats(run_id)
        row = self.conn.execute("SELECT coalesce(max(report_id), 0) FROM reports").fetchone()
        self.next_report = int(row[0]) + 1
        self.seen: dict[str, str] = {}  # sha → first path, for files new in this run
        self.current: dict[tuple[str, str, str], int] = {}  # meeting key → report of this run
        self.files: list[tuple[Any, ...]] = []
        self.sightings: list[tuple[Any, ...]] = []
        self.reports: list[tuple[Any, ...]] = []
        self.agenda: list[tuple[Any, ...]] = []
        self.requests: list[tuple[Any, ...]] = []
        self.findings: list[tuple[Any, ...]] = []
        self.supersede: list[tuple[int, int]] = []

    def add(self, seq: int, result: FileResult) -> None:
        self.stats.files += 1
        sha = result.sha256
        if sha is None:
            self._unreadable(seq, result, None)
            return
        earlier = self.seen.get(sha) or self._known(sha)
        if earlier is not None:
            self.stats.identical += 1
            self.sightings.append(
                (self.run_id, seq, result.path, sha, IDENTICAL, None, earlier, None)
            )
            return
        self.seen[sha] = result.path
        self.stats.new_files += 1
        archive, size, note = self._archive(result)
        self.files.append(
            (sha, self.run_id, result.path, result.format, size, int(result.readable), archive)
        )
        if not result.readable:
            self._unreadable(seq, result, note)
        else:
            notes = [*result.notes, *(f"「{s}」: {why}" for s, why in result.skipped)]
            if note:
                notes.append(note)
            self.sightings.append(
                (self.run_id, seq, result.path, sha, READ, None, None, "\n".join(notes) or None)
            )
            for checked in result.reports:
                self._report(checked, sha)
        if len(self.reports) >= _BATCH or len(self.sightings) >= _BATCH:
            self.flush()

    def _known(self, sha: str) -> str | None:
        row = self.conn.execute("SELECT first_path FROM files WHERE sha256=?", (sha,)).fetchone()
        return None if row is None else str(row[0])

    def _archive(self, result: FileResult) -> tuple[str | None, int | None, str | None]:
        """Archive the file's bytes: (relative name or None, size, note for the sighting)."""
        archive = self.ledger.archive
        sha = result.sha256
        if archive is None or sha is None:
            return None, None, None
        if result.archived is not None and (archive / result.archived).exists():
            # The worker that read the file kept it already, beside this ledger.
            self.stats.archived += 1
            return result.archived, result.size, None
        data = self.source_bytes(result)
        if data is None:
            self.stats.not_archived.append(result.path)
            return (
                None,
                None,
                "点検後にファイルが読めなくなったため、保管用の写しを作れませんでした。",
            )
        if hashlib.sha256(data).hexdigest() != sha:
            self.stats.not_archived.append(result.path)
            return None, None, "点検後にファイルが変更されたため、保管用の写しを作りませんでした。"
        name = archive_copy(archive, sha, result.path, data)
        self.stats.archived += 1
        return name, len(data), None

    def _unreadable(self, seq: int, result: FileResult, note: str | None) -> None:
        self.stats.unreadable += 1
        reasons = [f.message for c in result.reports for f in c.findings]
        self.sightings.append(
            (
                self.run_id,
                seq,
                result.path,
                result.sha256,
                UNREADABLE,
                "\n".join(reasons) or "読み取れませんでした。",
                None,
                note,
            )
        )
        for checked in result.reports:
            self._findings(checked, result.sha256, None)

    def _report(self, checked: Checked, sha: str) -> None:
        report = checked.report
        if report is None:
            self._findings(checked, sha, None)
            return
        report_id = self.next_report
        self.next_report += 1
        self.stats.reports += 1
        row = self._row(report_id, checked, report, sha)
        self.reports.append(row)
        for i, item in enumerate(report.agenda):
            self.agenda.append(
                (report_id, i, item.category.value, item.topic.value, item.remarks.value)
            )
        for i, req in enumerate(report.requests):
            if req.request.value is None and req.response.value is None:
                continue
            self.requests.append(
                (report_id, i, req.request.value, req.response.value, int(bool(req.response.value)))
            )
        self._findings(checked, sha, report_id)
        self._supersede(report_id, row[5], checked, report)

    def _row(self, report_id: int, checked: Checked, report: Report, sha: str) -> tuple[Any, ...]:
        registry = self.context.registry
        council = None
        if registry is not None:
            council = registry.find(
                report.council_id, report.council_name.value, report.affiliation.value
            )
        day = report.date.value
        errors = sum(f.severity is Severity.ERROR for f in checked.findings)
        open_requests = len(report.open_requests)
        requests = sum(1 for r in report.requests if r.request.value or r.response.value)
        return (
            report_id,
            self.run_id,
            sha,
            checked.path,
            checked.sheet,
            council.council_id if council is not None else self._key(report),
            council.council_id if council is not None else report.council_id,
            report.council_id,
            report.affiliation.value,
            council.station if council is not None else station_name(report.affiliation.value),
            report.council_name.value,
            report.facility_name.value,
            day.isoformat() if day else None,
            fiscal_year(day) if day else None,
            f"{day.year:04d}-{day.month:02d}" if day else None,
            _hhmm(report.start_time.value),
            _hhmm(report.end_time.value),
            report.venue.value,
            report.reporter.value,
            report.meeting_type.value,
            report.police_attendees.value,
            report.civilian_attendees.value,
            checked.status,
            errors,
            len(checked.findings) - errors,
            report.pictures,
            sum(1 for a in report.agenda if a.topic.value),
            requests,
            open_requests,
            json.dumps(report.to_json(), ensure_ascii=False),
            checked.content,
        )

    def _key(self, report: Report) -> str | None:
        """An unregistered council: its template ID, else its name at its police station
        (two stations may each have a council of the same name)."""
        key = council_key(report, self.context)
        if key is None or key == report.council_id:
            return key
        station = station_name(report.affiliation.value)
        return f"{key}@{station}" if station else key

    def _findings(self, checked: Checked, sha: str | None, report_id: int | None) -> None:
        for f in checked.findings:
            self.findings.append(
                (
                    self.run_id,
                    sha,
                    report_id,
                    checked.path,
                    checked.sheet,
                    str(f.severity),
                    f.code,
                    f.field,
                    f.cell,
                    f.message,
                )
            )

    def _supersede(
        self, report_id: int, key_council: str | None, checked: Checked, report: Report
    ) -> None:
        """Mark the current report of the same council, date and sheet as superseded."""
        day = report.date.value
        if key_council is None or day is None or checked.sheet is None:
            return
        key = (key_council, day.isoformat(), checked.sheet)
        old = self.current.get(key)
        if old is None:
            row = self.conn.execute(
                "SELECT report_id FROM reports WHERE council_key=? AND meeting_date=? AND sheet=?"
                " AND superseded_by IS NULL ORDER BY report_id DESC LIMIT 1",
                key,
            ).fetchone()
            old = None if row is None else int(row[0])
        if old is not None:
            self.supersede.append((report_id, old))
            self.stats.superseded += 1
        self.current[key] = report_id

    def flush(self) -> None:
        conn = self.conn
        if self.files:
            conn.executemany(
                "INSERT INTO files (sha256, first_run, first_path, format, size, readable, archive)"
                " VALUES (?,?,?,?,?,?,?)",
                self.files,
            )
        if self.sightings:
            conn.executemany("INSERT INTO sightings VALUES (?,?,?,?,?,?,?,?)", self.sightings)
        if self.reports:
            marks = ",".join("?" * len(self.reports[0]))
            conn.executemany(
                "INSERT INTO reports (report_id, run_id, sha256, path, sheet, council_key,"
                " council_id, template_council_id, affiliation, station, council_name,"
                " facility_name, meeting_date, fiscal_year, month, start_time, end_time, venue,"
                " reporter, meeting_type, police, civilians, status, n_errors, n_warnings,"
                f" pictures, n_agenda, n_requests, n_open, record, content) VALUES ({marks})",
                self.reports,
            )
        if self.agenda:
            conn.executemany("INSERT INTO agenda VALUES (?,?,?,?,?)", self.agenda)
        if self.requests:
            conn.executemany("INSERT INTO requests VALUES (?,?,?,?,?)", self.requests)
        if self.findings:
            conn.executemany(
                "INSERT INTO findings (run_id, sha256, report_id, path, sheet, severity, code,"
                " field, cell, message) VALUES (?,?,?,?,?,?,?,?,?,?)",
                self.findings,
            )
        if self.supersede:
            conn.executemany("UPDATE reports SET superseded_by=? WHERE report_id=?", self.supersede)
        for rows in (
            self.files,
            self.sightings,
            self.reports,
            self.agenda,
            self.requests,
            self.findings,
            self.supersede,
        ):
            rows.clear()
        # Those files and reports are in the tables now, where `_known` and `_supersede`
        # find them: nothing of the run stays in memory between batches.
        self.seen.clear()
        self.current.clear()


def _hhmm(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "strftime"):
        return str(value.strftime("%H:%M"))
    return str(value)
