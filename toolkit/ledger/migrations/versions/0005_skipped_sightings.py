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


_STATUS = "status IN ('read', 'unreadable', 'identical', 'skipped')"

# SQLite cannot change a CHECK constraint, and a ledger made before Alembic has an unnamed
# one: the table is made again, as the hand-written migration of this version did.
_REMADE = (
    """CREATE TABLE sightings_new (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        seq INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        status TEXT NOT NULL CONSTRAINT sightings_status CHECK ("""
    + _STATUS
    + """),
        reason TEXT,
        same_as TEXT,
        note TEXT,
        PRIMARY KEY (run_id, seq)
    )""",
    "INSERT INTO sightings_new SELECT * FROM sightings",
    "DROP TABLE sightings",
    "ALTER TABLE sightings_new RENAME TO sightings",
    "CREATE INDEX sightings_sha ON sightings(sha256)",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _REMADE:
            op.execute(statement)
    else:
        op.drop_constraint("sightings_status", "sightings", type_="check")
        op.create_check_constraint("sightings_status", "sightings", _STATUS)
    op.add_column("runs", sa.Column("skipped", sa.Integer, nullable=False, server_default="0"))
