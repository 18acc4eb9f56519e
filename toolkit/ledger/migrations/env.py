"""Alembic's environment for the ledger: always given an open connection by
`toolkit.ledger.store` (never a URL from a file), each revision in its own transaction.

On a ledger file each revision also sets `PRAGMA user_version` to its number in the same
transaction, so that an older kyogikai (which knows only user_version) still refuses a
ledger newer than itself instead of taking it for one of its own.
"""

from __future__ import annotations

from typing import Any

from alembic import context


def _user_version(ctx: Any, step: Any, heads: Any, run_args: Any) -> None:
    connection = ctx.connection
    if connection.dialect.name == "sqlite" and len(heads) == 1:
        head = next(iter(heads))
        if str(head).isdigit():
            connection.exec_driver_sql(f"PRAGMA user_version={int(head)}")


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        transaction_per_migration=True,
        on_version_apply=_user_version,
        render_as_batch=True,
    )
    context.run_migrations()


run()
