"""What the summary filters on: the current reports of a fiscal year or a date range.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CURRENT = sa.text("superseded_by IS NULL")


def upgrade() -> None:
    op.create_index(
        "reports_current_fy",
        "reports",
        ["fiscal_year", "meeting_date"],
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )
    op.create_index(
        "reports_current_date",
        "reports",
        ["meeting_date"],
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )
    op.create_index("findings_run", "findings", ["run_id"])
