"""Follow-up: each run's receipt day, each request's state by its words, and the
workbooks kyogikai wrote (so that retention can list them too).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from toolkit.ledger.schema import STORED_TEXT as TEXT

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The default words of `settings.PENDING_WORDS` when this migration was written.
_PENDING = (
    "検討中", "検討する", "検討します", "調整中", "上申", "要望済", "要望した", "依頼中",
    "依頼した", "照会中", "確認中", "協議中", "対応中", "未定", "次回回答", "次回報告",
    "回答予定", "報告予定", "対応予定", "検討予定", "継続審議", "継続検討", "継続協議", "継続中",
)  # fmt: skip
_PENDING_LIKE = " OR ".join(f"response LIKE '%{word}%'" for word in _PENDING)


def upgrade() -> None:
    op.add_column("runs", sa.Column("received_on", TEXT))
    op.execute("UPDATE runs SET received_on = substr(started_at, 1, 10)")
    op.add_column("requests", sa.Column("state", TEXT))
    op.execute(
        "UPDATE requests SET state = CASE"
        " WHEN response IS NULL OR trim(response) = '' THEN 'open'"
        " WHEN response LIKE '%問題解決%' THEN 'problem'"
        f" WHEN {_PENDING_LIKE} THEN 'pending' ELSE 'answered' END"
    )
    op.create_index("requests_state", "requests", ["state"])
    op.create_table(
        "outputs",
        sa.Column("output_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("path", TEXT, nullable=False),
        sa.Column("written_at", TEXT, nullable=False),
        sa.Column("as_of", TEXT, nullable=False),
        sa.Column("removed_run", sa.Integer, sa.ForeignKey("runs.run_id")),
    )
