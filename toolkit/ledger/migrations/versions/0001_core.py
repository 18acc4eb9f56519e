"""The first ledger: runs, files, sightings, reports with their agenda, requests and
findings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from toolkit.ledger.schema import STORED_TEXT as TEXT

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _run(name: str, *, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey("runs.run_id"), nullable=nullable)


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, nullable=False, server_default="0")


_REPORT_TEXTS = (
    "sheet", "council_key", "council_id", "template_council_id", "affiliation", "station",
    "council_name", "facility_name", "meeting_date",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("command", TEXT, nullable=False),
        sa.Column("started_at", TEXT, nullable=False),
        sa.Column("finished_at", TEXT),
        sa.Column("tool_version", TEXT),
        sa.Column("registry", TEXT),
        *(_count(c) for c in ("files", "new_files", "identical", "unreadable")),
        *(_count(c) for c in ("reports", "superseded")),
    )
    op.create_table(
        "files",
        sa.Column("sha256", TEXT, primary_key=True),
        _run("first_run", nullable=False),
        sa.Column("first_path", TEXT, nullable=False),
        sa.Column("format", TEXT),
        sa.Column("size", sa.Integer),
        sa.Column("readable", sa.Integer, nullable=False),
        sa.Column("archive", TEXT),
    )
    op.create_table(
        "sightings",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("path", TEXT, nullable=False),
        sa.Column("sha256", TEXT),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("reason", TEXT),
        sa.Column("same_as", TEXT),
        sa.Column("note", TEXT),
        sa.CheckConstraint(
            "status IN ('read', 'unreadable', 'identical')", name="sightings_status"
        ),
    )
    op.create_table(
        "reports",
        sa.Column("report_id", sa.Integer, primary_key=True, autoincrement=False),
        _run("run_id", nullable=False),
        sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), nullable=False),
        sa.Column("path", TEXT, nullable=False),
        *(sa.Column(c, TEXT) for c in _REPORT_TEXTS),
        sa.Column("fiscal_year", sa.Integer),
        *(
            sa.Column(c, TEXT)
            for c in ("month", "start_time", "end_time", "venue", "reporter", "meeting_type")
        ),
        sa.Column("police", sa.Integer),
        sa.Column("civilians", sa.Integer),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("n_errors", sa.Integer, nullable=False),
        sa.Column("n_warnings", sa.Integer, nullable=False),
        *(_count(c) for c in ("pictures", "n_agenda", "n_requests", "n_open")),
        sa.Column("record", TEXT, nullable=False),
        sa.Column("content", TEXT),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("reports.report_id")),
    )
    op.create_table(
        "agenda",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.report_id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("category", TEXT),
        sa.Column("topic", TEXT),
        sa.Column("remarks", TEXT),
    )
    op.create_table(
        "requests",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.report_id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("request", TEXT),
        sa.Column("response", TEXT),
        sa.Column("answered", sa.Integer, nullable=False),
    )
    op.create_table(
        "findings",
        sa.Column("finding_id", sa.Integer, primary_key=True, autoincrement=False),
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
    )
    op.create_index("reports_sha", "reports", ["sha256"])
    op.create_index("reports_meeting", "reports", ["council_key", "meeting_date", "sheet"])
    op.create_index("findings_report", "findings", ["report_id"])
    op.create_index("sightings_sha", "sightings", ["sha256"])
