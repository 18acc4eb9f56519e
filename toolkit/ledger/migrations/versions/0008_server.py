"""A ledger on a server: the bytes of archived files in the ledger itself, and the mark
that tells a kyogikai ledger from any other database.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from toolkit.ledger.schema import APPLICATION_NAME
from toolkit.ledger.schema import STORED_TEXT as TEXT

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archived",
        sa.Column("sha256", TEXT, sa.ForeignKey("files.sha256"), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    info = op.create_table(
        "ledger_info",
        sa.Column("name", TEXT, primary_key=True),
        sa.Column("value", TEXT, nullable=False),
    )
    op.bulk_insert(info, [{"name": "application", "value": APPLICATION_NAME}])
