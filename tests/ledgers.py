"""Looking into a ledger from the tests, on either engine: plain SQL with `?` parameters,
every row of every table, every archived file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import toolkit.ledger.schema as S
from toolkit.ledger import Ledger

_MARK = re.compile(r"\?")


def _text(sql: str, params: tuple[Any, ...]) -> tuple[sa.TextClause, dict[str, Any]]:
    names = iter(range(len(params)))
    return sa.text(_MARK.sub(lambda _: f":p{next(names)}", sql)), {
        f"p{i}": v for i, v in enumerate(params)
    }


def rows(ledger: Ledger, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """The rows of a query (`?` marks its parameters), in a transaction of its own."""
    statement, values = _text(sql, params)
    with ledger.snapshot() as conn:
        return [tuple(r) for r in conn.execute(statement, values)]


def one(ledger: Ledger, sql: str, *params: Any) -> tuple[Any, ...] | None:
    found = rows(ledger, sql, *params)
    return found[0] if found else None


def execute(ledger: Ledger, sql: str, *params: Any) -> None:
    """Run a statement that changes the ledger (a test arranging a state), committed."""
    statement, values = _text(sql, params)
    with ledger._writing() as conn:
        conn.execute(statement, values)


def dump(where: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for comparing whole ledgers (the archived bytes apart:
    `archived` compares them wherever the engine keeps them)."""
    with Ledger.open(where) as ledger, ledger.snapshot() as conn:
        out = {}
        for table in S.TABLES:
            if table is S.archived:
                continue
            found = [tuple(r) for r in conn.execute(sa.select(table))]
            out[table.name] = sorted(
                (tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in found),
                key=repr,
            )
        return out


def archived(where: Path | str) -> dict[str, bytes]:
    """Every archived file: its name in the archive → its bytes (folder or table)."""
    if isinstance(where, Path):
        root = Path(str(where) + ".archive")
        if not root.exists():
            return {}
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }
    with Ledger.open(where) as ledger, ledger.snapshot() as conn:
        found = conn.execute(
            sa.select(S.files.c.archive, S.archived.c.data).join(
                S.files, S.files.c.sha256 == S.archived.c.sha256
            )
        )
        return {str(name): bytes(data) for name, data in found}
