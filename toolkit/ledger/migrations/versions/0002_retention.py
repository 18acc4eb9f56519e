"""Retention: purged reports, removed archive copies, and the record of each purge.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from toolkit.ledger.schema import STORED_TEXT as TEXT

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as reports:
        reports.add_column(sa.Column("purged_run", sa.Integer))
        reports.create_foreign_key("reports_purged_run", "runs", ["purged_run"], ["run_id"])
    with op.batch_alter_table("files") as files:
        files.add_column(sa.Column("archive_removed_run", sa.Integer))
        files.create_foreign_key(
            "files_archive_removed_run", "runs", ["archive_removed_run"], ["run_id"]
        )
    op.create_table(
        "purges",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("sha256", TEXT, nullable=False),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.report_id")),
        sa.Column("purged_at", TEXT, nullable=False),
        sa.Column("as_of", TEXT, nullable=False),
        sa.Column("keep_until", TEXT, nullable=False),
        sa.Column("archive_removed", sa.Integer, nullable=False),
    )
