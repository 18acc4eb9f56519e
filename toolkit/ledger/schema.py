"""The ledger's tables, and the migrations that bring an older ledger up to date.

The schema is versioned with `PRAGMA user_version`: `MIGRATIONS[i]` takes a ledger from
version i to i + 1, each applied in its own transaction. Append, never edit.
"""

from __future__ import annotations

APPLICATION_ID = 0x4B59474B  # "KYGK": marks a SQLite file as a kyogikai ledger
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
