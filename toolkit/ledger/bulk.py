"""Rows added in bulk inside a transaction of the ledger: one `INSERT` per batch on a
ledger file, PostgreSQL's `COPY … FROM STDIN (FORMAT BINARY)` on a server.

On a server an `INSERT` of many rows is one statement per row (pipelined, but each
parsed, bound and acknowledged by the server); `COPY` streams the rows as one message
stream in the server's own binary form, with no quoting to get wrong: text with tabs,
newlines, backslashes or quotes, and bytes of any value, arrive exactly as given. The
COPY runs on the driver connection under the SQLAlchemy connection, inside the same
transaction: a failure in the middle rolls back the whole run like any other statement.

PostgreSQL's text cannot hold the character U+0000 (neither an `INSERT` nor a `COPY`
takes it); a ledger file can. Text bound for a server has it replaced by U+FFFD, so that
one character a workbook should not hold never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

NUL, REPLACEMENT = "\x00", "\ufffd"

# The binary COPY's type of each kind of column the ledger's tables have.
_COPY_TYPES: tuple[tuple[type[sa.types.TypeEngine[Any]], str], ...] = (
    (sa.LargeBinary, "bytea"),
    (sa.Integer, "int4"),
    (sa.Text, "text"),
)


def copy_type(column: sa.Column[Any]) -> str:
    """The PostgreSQL type a binary COPY sends a column's values as."""
    for kind, name in _COPY_TYPES:
        if isinstance(column.type, kind):
            return name
    raise TypeError(f"no COPY type for {column.table.name}.{column.name} ({column.type!r})")


def insert_rows(conn: sa.Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Add `rows` (mappings of column names; a key left out is NULL) to `table`, in the
    transaction of `conn`."""
    if not rows:
        return
    keys: set[str] = set().union(*rows)
    names = [c.name for c in table.columns if c.name in keys]
    if conn.dialect.name != "postgresql":
        # one executemany needs the same keys in every row
        same = all(len(row) == len(names) for row in rows)
        conn.execute(
            table.insert(), rows if same else [{n: row.get(n) for n in names} for row in rows]
        )
        return
    copy_rows(conn, table, names, ([row.get(n) for n in names] for row in rows))


def copy_rows(
    conn: sa.Connection, table: sa.Table, names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Stream `rows` (values in the order of `names`) into `table` of a server ledger with
    one binary COPY, in the transaction of `conn`."""
    columns = [table.c[n] for n in names]
    texts = [i for i, c in enumerate(columns) if copy_type(c) == "text"]
    quoted = ", ".join(f'"{n}"' for n in names)
    statement = f'COPY "{table.name}" ({quoted}) FROM STDIN (FORMAT BINARY)'
    import psycopg  # the server's driver: imported when a server ledger is written

    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types([copy_type(c) for c in columns])
            for row in rows:
                values = list(row)
                for i in texts:
                    value = values[i]
                    if value is not None and NUL in value:
                        values[i] = value.replace(NUL, REPLACEMENT)
                copy.write_row(values)
    except psycopg.Error as exc:
        # as SQLAlchemy reports a failed statement, so that the ledger's transaction
        # handling (rollback, a Japanese LedgerError) is the same as for any other
        raise sa.exc.DBAPIError.instance(statement, None, exc, psycopg.Error) from exc
