"""What `kyogikai month` did, step by step (the ingest, each feedback copy, the summary,
the reminders, layout proofs), so that the next run redoes a step that failed or was
interrupted, and lists what is still to be done. `subject` tells the steps of one kind
apart (a file's SHA-256 for its feedback copy; '' for a step done once a month); `shown`
is set once a finished run has told the user about the step's output.

Outputs are recorded by absolute, resolved path with the working folder they belong to
(earlier rows hold the path as typed, relative to the folder the command ran in), and with
what retention found when it came to delete them: deleted, missing (gone already),
replaced (a file kyogikai did not write is there now).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from toolkit.ledger.schema import STORED_TEXT as TEXT

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "steps",
        sa.Column("step_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("workspace", TEXT, nullable=False),
        sa.Column("period", TEXT, nullable=False),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("subject", TEXT, nullable=False, server_default=""),
        sa.Column("state", TEXT, nullable=False),
        sa.Column("output", TEXT),
        sa.Column("problem", TEXT),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id")),
        sa.Column("updated_at", TEXT, nullable=False),
        sa.Column("shown", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("state IN ('pending', 'done', 'failed')", name="steps_state_check"),
        sa.UniqueConstraint("workspace", "period", "kind", "subject", name="steps_key"),
    )
    op.create_index("steps_state", "steps", ["workspace", "state"])
    op.add_column("outputs", sa.Column("workspace", TEXT))
    op.add_column("outputs", sa.Column("outcome", TEXT))
