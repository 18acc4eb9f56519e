"""The ledger's tables, as they are after the last migration, for both engines.

The queries are written once against these tables (SQLAlchemy Core); the migrations that
bring a ledger to this shape are Alembic revisions in `toolkit/ledger/migrations/versions`
(one per schema version; append, never edit). `tests/test_ledger.py` checks that a new
ledger made by the migrations has exactly these tables, columns and indexes.

Dates and times are stored as ISO text on both engines, so that a ledger copied from one
engine to the other holds the same values. Text compares byte by byte on both: SQLite's
BINARY order is the code point order of UTF-8, and so is PostgreSQL's "C" collation, which
every text column takes there (whatever the database's own collation is; see the
migrations), so that `max` of a Japanese name or the order of a listing is the same on both.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

APPLICATION_ID = 0x4B59474B  # "KYGK": marks a SQLite file as a kyogikai ledger
# What marks a server database as a kyogikai ledger (table `ledger_info`).
APPLICATION_NAME = "kyogikai ledger"

# The type of every text column as the migrations create it (collation "C" on a server).
STORED_TEXT = sa.Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
# … and as the queries see it: the column's collation applies by itself, and a parameter
# compared with it must not carry one of its own (PostgreSQL reads `x BETWEEN $1 COLLATE
# "C" AND …` as an error).
TEXT = sa.Text()

metadata = sa.MetaData()


def _id(name: str) -> sa.Column[int]:
    # IDs are given by the ledger itself (one writer at a time), never by the engine, so
    # that a copy between engines keeps them and needs no sequence set afterwards.
    return sa.Column(name, sa.Integer, primary_key=True, autoincrement=False)


def _run(name: str, *, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey("runs.run_id"), nullable=nullable)


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, nullable=False, server_default="0")


runs = sa.Table(
    "runs",
    metadata,
    _id("run_id"),
    sa.Column("command", TEXT, nullable=False),
    sa.Column("started_at", TEXT, nullable=False),
    sa.Column("finished_at", TEXT),
    sa.Column("tool_version", TEXT),
    sa.Column("registry", TEXT),
    _count("files"),
    _count("new_files"),
    _count("identical"),
    _count("unreadable"),
    _count("reports"),
    _count("superseded"),
    sa.Column("received_on", TEXT),
    _count("skipped"),
)

files = sa.Table(
    "files",
    metadata,
    sa.Column("sha256", TEXT, primary_key=True),
    _run("first_run", nullable=False),
    sa.Column("first_path", TEXT, nullable=False),
    sa.Column("format", TEXT),
    sa.Column("size", sa.Integer),
    sa.Column("readable", sa.Integer, nullable=False),
    sa.Column("archive", TEXT),
    _run("archive_removed_run"),
    # the day the file reached HQ, how that is known (modified / ledger / given / log), and
    # the file's modification time
    sa.Column("received_on", TEXT),
    sa.Column("received_how", TEXT),
    sa.Column("modified_at", TEXT),
    sa.Index("files_received", "received_on"),
)

# Every receipt day set for a file, oldest first: the history behind files.received_on.
receipts = sa.Table(
    "receipts",
    metadata,
    _id("receipt_id"),
    sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), nullable=False),
    _run("run_id"),
    sa.Column("received_on", TEXT, nullable=False),
    sa.Column("how", TEXT, nullable=False),
    sa.Column("source", TEXT),
    sa.Column("set_at", TEXT, nullable=False),
    sa.Index("receipts_sha", "sha256"),
)

# HQ's decisions about a file (withdraw its reports, or keep them as the ones that count);
# nothing is deleted, the latest decision about a file is in force (view `settled`).
settlements = sa.Table(
    "settlements",
    metadata,
    _id("settlement_id"),
    sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), nullable=False),
    sa.Column("action", TEXT, nullable=False),
    sa.Column("reason", TEXT, nullable=False),
    sa.Column("made_by", TEXT, nullable=False),
    sa.Column("made_at", TEXT, nullable=False),
    sa.Column("tool_version", TEXT),
    sa.CheckConstraint("action IN ('withdraw', 'keep')", name="settlements_action_check"),
    sa.Index("settlements_sha", "sha256"),
)
# The decision in force for each file (a view: the queries of `counting` join it).
SETTLED_VIEW = (
    "CREATE VIEW settled AS SELECT s.sha256, s.action, s.settlement_id FROM settlements s"
    " WHERE s.settlement_id = (SELECT max(t.settlement_id) FROM settlements t"
    " WHERE t.sha256 = s.sha256)"
)

SIGHTING_STATUSES = ("read", "unreadable", "identical", "skipped")

sightings = sa.Table(
    "sightings",
    metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("path", TEXT, nullable=False),
    sa.Column("sha256", TEXT),
    sa.Column("status", TEXT, nullable=False),
    sa.Column("reason", TEXT),
    sa.Column("same_as", TEXT),
    sa.Column("note", TEXT),
    sa.CheckConstraint(
        "status IN (" + ", ".join(f"'{s}'" for s in SIGHTING_STATUSES) + ")",
        name="sightings_status",
    ),
    sa.Index("sightings_sha", "sha256"),
)

reports = sa.Table(
    "reports",
    metadata,
    _id("report_id"),
    _run("run_id", nullable=False),
    sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), nullable=False),
    sa.Column("path", TEXT, nullable=False),
    sa.Column("sheet", TEXT),
    sa.Column("council_key", TEXT),
    sa.Column("council_id", TEXT),
    sa.Column("template_council_id", TEXT),
    sa.Column("affiliation", TEXT),
    sa.Column("station", TEXT),
    sa.Column("council_name", TEXT),
    sa.Column("facility_name", TEXT),
    sa.Column("meeting_date", TEXT),
    sa.Column("fiscal_year", sa.Integer),
    sa.Column("month", TEXT),
    sa.Column("start_time", TEXT),
    sa.Column("end_time", TEXT),
    sa.Column("venue", TEXT),
    sa.Column("reporter", TEXT),
    sa.Column("meeting_type", TEXT),
    sa.Column("police", sa.Integer),
    sa.Column("civilians", sa.Integer),
    sa.Column("status", TEXT, nullable=False),
    sa.Column("n_errors", sa.Integer, nullable=False),
    sa.Column("n_warnings", sa.Integer, nullable=False),
    _count("pictures"),
    _count("n_agenda"),
    _count("n_requests"),
    _count("n_open"),
    sa.Column("record", TEXT, nullable=False),
    sa.Column("content", TEXT),
    sa.Column("superseded_by", sa.Integer, sa.ForeignKey("reports.report_id")),
    _run("purged_run"),
    sa.Index("reports_sha", "sha256"),
    sa.Index("reports_meeting", "council_key", "meeting_date", "sheet"),
    # which report of a meeting counts is decided when a summary asks, so the reports of a
    # fiscal year are looked up without the supersession filter
    sa.Index("reports_fy", "fiscal_year", "meeting_date"),
    sa.Index("reports_date", "meeting_date"),
)
_CURRENT = reports.c.superseded_by.is_(None)
sa.Index(
    "reports_current_fy",
    reports.c.fiscal_year,
    reports.c.meeting_date,
    sqlite_where=_CURRENT,
    postgresql_where=_CURRENT,
)
sa.Index(
    "reports_current_date",
    reports.c.meeting_date,
    sqlite_where=_CURRENT,
    postgresql_where=_CURRENT,
)


def _of_report() -> sa.Column[int]:
    return sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.report_id"), primary_key=True)


agenda = sa.Table(
    "agenda",
    metadata,
    _of_report(),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("category", TEXT),
    sa.Column("topic", TEXT),
    sa.Column("remarks", TEXT),
)

requests = sa.Table(
    "requests",
    metadata,
    _of_report(),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("request", TEXT),
    sa.Column("response", TEXT),
    sa.Column("answered", sa.Integer, nullable=False),
    sa.Column("state", TEXT),
    sa.Index("requests_state", "state"),
)

findings = sa.Table(
    "findings",
    metadata,
    _id("finding_id"),
    _run("run_id", nullable=False),
    sa.Column("sha256", TEXT),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.report_id")),
    sa.Column("path", TEXT, nullable=False),
    sa.Column("sheet", TEXT),
    sa.Column("severity", TEXT, nullable=False),
    sa.Column("code", TEXT, nullable=False),
    sa.Column("field", TEXT),
    sa.Column("cell", TEXT),
    sa.Column("message", TEXT),
    sa.Index("findings_report", "report_id"),
    sa.Index("findings_run", "run_id"),
)

purges = sa.Table(
    "purges",
    metadata,
    _run("run_id", nullable=False),
    sa.Column("sha256", TEXT, nullable=False),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.report_id")),
    sa.Column("purged_at", TEXT, nullable=False),
    sa.Column("as_of", TEXT, nullable=False),
    sa.Column("keep_until", TEXT, nullable=False),
    sa.Column("archive_removed", sa.Integer, nullable=False),
)

outputs = sa.Table(
    "outputs",
    metadata,
    _id("output_id"),
    sa.Column("kind", TEXT, nullable=False),
    sa.Column("path", TEXT, nullable=False),
    sa.Column("written_at", TEXT, nullable=False),
    sa.Column("as_of", TEXT, nullable=False),
    _run("removed_run"),
    # the working folder of the command that wrote it (earlier rows: none, and the path as
    # typed), and what retention found when it came to delete it: deleted, missing (gone
    # already), replaced (a file kyogikai did not write is there now)
    sa.Column("workspace", TEXT),
    sa.Column("outcome", TEXT),
)

STEP_STATES = ("pending", "done", "failed")

# What `kyogikai month` did, step by step (`toolkit.ledger.steps`).
steps = sa.Table(
    "steps",
    metadata,
    _id("step_id"),
    sa.Column("workspace", TEXT, nullable=False),
    sa.Column("period", TEXT, nullable=False),
    sa.Column("kind", TEXT, nullable=False),
    sa.Column("subject", TEXT, nullable=False, server_default=""),
    sa.Column("state", TEXT, nullable=False),
    sa.Column("output", TEXT),
    sa.Column("problem", TEXT),
    _run("run_id"),
    sa.Column("updated_at", TEXT, nullable=False),
    _count("shown"),
    sa.CheckConstraint(
        "state IN (" + ", ".join(f"'{s}'" for s in STEP_STATES) + ")", name="steps_state_check"
    ),
    sa.UniqueConstraint("workspace", "period", "kind", "subject", name="steps_key"),
    sa.Index("steps_state", "workspace", "state"),
)

# The bytes of archived files, in a ledger on a server (no shared folder needed); a ledger
# file keeps them in the folder beside it instead, and this table stays empty there.
archived = sa.Table(
    "archived",
    metadata,
    sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

# What the ledger is: `application` = APPLICATION_NAME (a server database has no
# `PRAGMA application_id`).
ledger_info = sa.Table(
    "ledger_info",
    metadata,
    sa.Column("name", TEXT, primary_key=True),
    sa.Column("value", TEXT, nullable=False),
)

# Tables in the order a copy fills them (each after those it refers to).
TABLES: tuple[sa.Table, ...] = tuple(metadata.sorted_tables)
