"""The ledger file as releases before the server ledger made it: the hand-written SQLite
migrations of schema versions 1–7 (`PRAGMA user_version`), kept word for word so that the
tests can make a ledger of every old version and check that it upgrades in place."""

from __future__ import annotations

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

# The default words of `settings.PENDING_WORDS` when this migration was written.
_PENDING_LIKE = " OR ".join(
    f"response LIKE '%{word}%'"
    for word in (
        "検討中",
        "検討する",
        "検討します",
        "調整中",
        "上申",
        "要望済",
        "要望した",
        "依頼中",
        "依頼した",
        "照会中",
        "確認中",
        "協議中",
        "対応中",
        "未定",
        "次回回答",
        "次回報告",
        "回答予定",
        "報告予定",
        "対応予定",
        "検討予定",
        "継続審議",
        "継続検討",
        "継続協議",
        "継続中",
    )
)

_FOLLOW_UP = (
    # The day each run counts as "today" (its --as-of): a report's receipt day.
    "ALTER TABLE runs ADD COLUMN received_on TEXT",
    "UPDATE runs SET received_on = substr(started_at, 1, 10)",
    # The status of each request by its words (answered, pending, open, problem).
    "ALTER TABLE requests ADD COLUMN state TEXT",
    "UPDATE requests SET state = CASE"
    " WHEN response IS NULL OR trim(response) = '' THEN 'open'"
    " WHEN response LIKE '%問題解決%' THEN 'problem'"
    f" WHEN {_PENDING_LIKE} THEN 'pending' ELSE 'answered' END",
    "CREATE INDEX requests_state ON requests(state)",
    # The workbooks kyogikai wrote (feedback copies, summaries, station lists), so that
    # retention can list them too.
    """CREATE TABLE outputs (
        output_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        written_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        removed_run INTEGER REFERENCES runs(run_id)
    )""",
)

_SKIPPED_SIGHTINGS = (
    # A file left alone as a whole (kyogikai's own output, a CSV, a FIFO) is a sighting of
    # its own kind: accounted for, neither read nor unreadable. SQLite cannot change a
    # CHECK constraint, so the table is made again.
    """CREATE TABLE sightings_new (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        seq INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        status TEXT NOT NULL CHECK (status IN ('read', 'unreadable', 'identical', 'skipped')),
        reason TEXT,
        same_as TEXT,
        note TEXT,
        PRIMARY KEY (run_id, seq)
    )""",
    "INSERT INTO sightings_new SELECT * FROM sightings",
    "DROP TABLE sightings",
    "ALTER TABLE sightings_new RENAME TO sightings",
    "CREATE INDEX sightings_sha ON sightings(sha256)",
    "ALTER TABLE runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0",
)

_MONTH_STEPS = (
    # What `kyogikai month` did, step by step (the ingest, each feedback copy, the summary,
    # the reminders, layout proofs), so that the next run redoes a step that failed or was
    # interrupted, and lists what is still to be done. `subject` tells the steps of one
    # kind apart (a file's SHA-256 for its feedback copy; '' for a step done once a
    # month); `shown` is set once a finished run has told the user about the step's output.
    """CREATE TABLE steps (
        step_id INTEGER PRIMARY KEY,
        workspace TEXT NOT NULL,
        period TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
        output TEXT,
        problem TEXT,
        run_id INTEGER REFERENCES runs(run_id),
        updated_at TEXT NOT NULL,
        shown INTEGER NOT NULL DEFAULT 0,
        UNIQUE (workspace, period, kind, subject)
    )""",
    "CREATE INDEX steps_state ON steps(workspace, state)",
    # Outputs are recorded by absolute, resolved path with the working folder they belong
    # to (earlier rows hold the path as typed, relative to the folder the command ran in),
    # and with what retention found when it came to delete them: deleted, missing (gone
    # already), replaced (a file kyogikai did not write is there now).
    "ALTER TABLE outputs ADD COLUMN workspace TEXT",
    "ALTER TABLE outputs ADD COLUMN outcome TEXT",
)

_RECEIPTS_AND_SETTLEMENTS = (
    # The day each file reached HQ — its arrival, not the day a run happened to read it:
    # by default the earlier of its modification time and the first run that saw it
    # ('modified' / 'ledger'), or the day HQ gave for a batch ('given') or in a 受付簿
    # ('log'). A ledger made before this knew only the day of the first run.
    "ALTER TABLE files ADD COLUMN received_on TEXT",
    "ALTER TABLE files ADD COLUMN received_how TEXT",
    "ALTER TABLE files ADD COLUMN modified_at TEXT",
    "UPDATE files SET received_how = 'ledger', received_on = (SELECT"
    " coalesce(u.received_on, substr(u.started_at, 1, 10)) FROM runs u"
    " WHERE u.run_id = files.first_run)",
    "CREATE INDEX files_received ON files(received_on)",
    # Every receipt day set for a file, oldest first: the history behind files.received_on.
    """CREATE TABLE receipts (
        receipt_id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES files(sha256),
        run_id INTEGER REFERENCES runs(run_id),
        received_on TEXT NOT NULL,
        how TEXT NOT NULL,
        source TEXT,
        set_at TEXT NOT NULL
    )""",
    "INSERT INTO receipts (sha256, run_id, received_on, how, source, set_at)"
    " SELECT f.sha256, f.first_run, f.received_on, 'ledger', NULL, u.started_at"
    " FROM files f JOIN runs u ON u.run_id = f.first_run WHERE f.received_on IS NOT NULL",
    "CREATE INDEX receipts_sha ON receipts(sha256)",
    # HQ's decisions about a file: withdraw its reports, or keep them as the ones that
    # count for their meetings (R7). Nothing is deleted; the latest decision about a file
    # is the one in force.
    """CREATE TABLE settlements (
        settlement_id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES files(sha256),
        action TEXT NOT NULL CHECK (action IN ('withdraw', 'keep')),
        reason TEXT NOT NULL,
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        tool_version TEXT
    )""",
    "CREATE INDEX settlements_sha ON settlements(sha256)",
    """CREATE VIEW settled AS SELECT s.sha256, s.action, s.settlement_id FROM settlements s
        WHERE s.settlement_id = (SELECT max(t.settlement_id) FROM settlements t
                                 WHERE t.sha256 = s.sha256)""",
    # Which report of a meeting counts is decided when a summary asks (at its as-of day),
    # so the reports of a fiscal year are looked up without the supersession filter.
    "CREATE INDEX reports_fy ON reports(fiscal_year, meeting_date)",
    "CREATE INDEX reports_date ON reports(meeting_date)",
)

# Ordered: MIGRATIONS[i] takes a ledger from user_version i to i + 1. Append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    _CORE,
    _RETENTION,
    _SUMMARY_INDEXES,
    _FOLLOW_UP,
    _SKIPPED_SIGHTINGS,
    _MONTH_STEPS,
    _RECEIPTS_AND_SETTLEMENTS,
)
OLD_VERSIONS = len(MIGRATIONS)
