"""Receipt days and HQ's settlements.

The day each file reached HQ — its arrival, not the day a run happened to read it: by
default the earlier of its modification time and the first run that saw it ('modified' /
'ledger'), or the day HQ gave for a batch ('given') or in a 受付簿 ('log'). A ledger made
before this knew only the day of the first run. Every receipt day set for a file is kept
(`receipts`). HQ's decisions about a file: withdraw its reports, or keep them as the ones
that count for their meetings (R7); nothing is deleted, the latest decision about a file
is the one in force (view `settled`). Which report of a meeting counts is decided when a
summary asks (at its as-of day), so the reports of a fiscal year are looked up without the
supersession filter (two more indexes).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from toolkit.ledger.schema import SETTLED_VIEW
from toolkit.ledger.schema import STORED_TEXT as TEXT

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("files", sa.Column("received_on", TEXT))
    op.add_column("files", sa.Column("received_how", TEXT))
    op.add_column("files", sa.Column("modified_at", TEXT))
    op.execute(
        "UPDATE files SET received_how = 'ledger', received_on = (SELECT"
        " coalesce(u.received_on, substr(u.started_at, 1, 10)) FROM runs u"
        " WHERE u.run_id = files.first_run)"
    )
    op.create_index("files_received", "files", ["received_on"])
    op.create_table(
        "receipts",
        sa.Column("receipt_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id")),
        sa.Column("received_on", TEXT, nullable=False),
        sa.Column("how", TEXT, nullable=False),
        sa.Column("source", TEXT),
        sa.Column("set_at", TEXT, nullable=False),
    )
    op.execute(
        "INSERT INTO receipts (receipt_id, sha256, run_id, received_on, how, source, set_at)"
        " SELECT row_number() OVER (ORDER BY f.sha256), f.sha256, f.first_run, f.received_on,"
        " 'ledger', NULL, u.started_at"
        " FROM files f JOIN runs u ON u.run_id = f.first_run WHERE f.received_on IS NOT NULL"
    )
    op.create_index("receipts_sha", "receipts", ["sha256"])
    op.create_table(
        "settlements",
        sa.Column("settlement_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), nullable=False),
        sa.Column("action", TEXT, nullable=False),
        sa.Column("reason", TEXT, nullable=False),
        sa.Column("made_by", TEXT, nullable=False),
        sa.Column("made_at", TEXT, nullable=False),
        sa.Column("tool_version", TEXT),
        sa.CheckConstraint("action IN ('withdraw', 'keep')", name="settlements_action_check"),
    )
    op.create_index("settlements_sha", "settlements", ["sha256"])
    op.execute(SETTLED_VIEW)
    op.create_index("reports_fy", "reports", ["fiscal_year", "meeting_date"])
    op.create_index("reports_date", "reports", ["meeting_date"])
