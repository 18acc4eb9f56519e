"""A file left alone as a whole (kyogikai's own output, a CSV, a FIFO) is a sighting of
its own kind: accounted for, neither read nor unreadable.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sightings") as sightings:
        sightings.drop_constraint("sightings_status", type_="check")
        sightings.create_check_constraint(
            "sightings_status", "status IN ('read', 'unreadable', 'identical', 'skipped')"
        )
    op.add_column("runs", sa.Column("skipped", sa.Integer, nullable=False, server_default="0"))
