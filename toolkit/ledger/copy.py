"""`kyogikai ledger copy SRC DST`: a ledger moved between engines (a file ↔ a server, or
file to file, server to server) with all its history and every archived file.

The target must be a new ledger (a file that does not exist yet, or an empty database):
a copy never merges into a ledger that already holds runs. Everything is written in one
transaction of the target (the source is read in one snapshot, so a copy taken while
others work on the source is still one consistent state): a copy that fails leaves the
target empty. Every row keeps its IDs; the archive goes from a folder into the table
`archived` or back, byte for byte, under the same names. Rows go into a server by COPY
(`toolkit.ledger.bulk`; a U+0000 in a text of a ledger file becomes U+FFFD there).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import toolkit.ledger.schema as S
from toolkit.errors import InputError
from toolkit.fileio import write_atomic
from toolkit.ledger.bulk import insert_rows
from toolkit.ledger.errors import LedgerError
from toolkit.ledger.store import LedgerStore
from toolkit.ledgerurl import Location, ledger_location, masked

_ROWS = 5_000  # rows per round
_BLOBS = 50  # archived files per round (each may be a few megabytes)
_OWN = {"ledger_info", "archived"}  # made by the target itself, or copied apart


@dataclass
class Copied:
    """What a copy carried: rows per table, and the archived files."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing: list[str] = field(default_factory=list)  # archive names the source lacked


def copy_ledger(source: Location | str, target: Location | str) -> Copied:
    """Copy the ledger at `source` into a new ledger at `target` (see the module's
    docstring). Both are opened as every command opens a ledger: brought to this program's
    schema version first."""
    src_at, dst_at = (
        ledger_location(source, where="コピー元"),
        ledger_location(target, where="コピー先"),
    )
    _check_places(src_at, dst_at)
    with LedgerStore.open(src_at) as src, LedgerStore.open(dst_at) as dst:
        done = Copied(src.source, dst.source)
        with src.snapshot() as reading, dst._writing() as writing:
            if writing.execute(sa.select(sa.func.count()).select_from(S.runs)).scalar_one():
                raise InputError(
                    f"コピー先の台帳「{dst.source}」にはすでに記録があります。"
                    "コピー先には、新しいファイル名か空のデータベースを指定してください。"
                )
            for table in S.TABLES:
                if table.name not in _OWN:
                    done.rows[table.name] = _copy_table(reading, writing, table)
            _copy_archive(src, reading, dst, writing, done)
    return done


def _check_places(source: Location, target: Location) -> None:
    if isinstance(source, Path) and not source.is_file():
        raise InputError(f"コピー元の台帳「{source}」がありません。")
    if isinstance(target, Path) and (target.exists() or target.is_symlink()):
        raise InputError(
            f"コピー先「{target}」はすでにあります。コピーは新しい台帳に作ります。"
            "存在しないファイル名を指定してください。"
        )
    if isinstance(source, Path) and isinstance(target, Path):
        same = source.resolve() == target.resolve()
    else:
        same = str(source) == str(target)
    if same:
        raise InputError(f"コピー元とコピー先が同じ台帳です（{masked(str(source))}）。")


def _chunks(conn: sa.Connection, statement: sa.Select[Any], size: int) -> Iterator[list[Any]]:
    result = conn.execute(statement.execution_options(yield_per=size))
    for part in result.partitions(size):  # without a size, the driver's own (1 on SQLite)
        yield [row._mapping for row in part]


def _copy_table(reading: sa.Connection, writing: sa.Connection, table: sa.Table) -> int:
    """Every row of `table`, in key order. A report's `superseded_by` points at a later
    report: it is set once every report is in (a server checks each reference at once)."""
    keys = list(table.primary_key.columns) or list(table.columns)
    count = 0
    later = table is S.reports
    for rows in _chunks(reading, sa.select(table).order_by(*keys), _ROWS):
        values = [dict(row) for row in rows]
        if later:
            for row in values:
                row["superseded_by"] = None
        insert_rows(writing, table, values)
        count += len(values)
    if later:
        r = S.reports.c
        chains = sa.select(r.report_id, r.superseded_by).where(r.superseded_by.is_not(None))
        for rows in _chunks(reading, chains.order_by(r.report_id), _ROWS):
            writing.execute(
                S.reports.update().where(r.report_id == sa.bindparam("rid")),
                [{"rid": row["report_id"], "superseded_by": row["superseded_by"]} for row in rows],
            )
    return count


def _copy_archive(
    src: LedgerStore, reading: sa.Connection, dst: LedgerStore, writing: sa.Connection, done: Copied
) -> None:
    """Every archived file the source still keeps, into the target's archive."""
    f, a = S.files.c, S.archived.c
    kept = f.archive.is_not(None) & f.archive_removed_run.is_(None)
    if src.server:
        statement = (
            sa.select(f.sha256, f.archive, a.data)
            .join(S.archived, a.sha256 == f.sha256)
            .where(kept)
            .order_by(f.sha256)
        )
        batches: Iterator[list[tuple[str, str, bytes | None]]] = (
            [(row["sha256"], row["archive"], bytes(row["data"])) for row in rows]
            for rows in _chunks(reading, statement, _BLOBS)
        )
    else:
        names: sa.Select[Any] = sa.select(f.sha256, f.archive).where(kept).order_by(f.sha256)
        batches = (
            [(row["sha256"], row["archive"], _read(src.archive, row["archive"])) for row in rows]
            for rows in _chunks(reading, names, _BLOBS)
        )
    for batch in batches:
        present = [(sha, name, data) for sha, name, data in batch if data is not None]
        done.missing += [name for _, name, data in batch if data is None]
        if dst.server:
            if present:
                insert_rows(writing, S.archived, [{"sha256": s, "data": d} for s, _, d in present])
        elif dst.archive is not None:
            for _, name, data in present:
                assert data is not None
                try:
                    write_atomic(dst.archive / name, data)
                except OSError as exc:
                    raise LedgerError(
                        f"保管用の写し「{dst.archive / name}」を書き込めません: {exc.strerror or exc}"
                    ) from exc
        done.files += len(present)


def _read(folder: Path | None, name: str) -> bytes | None:
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None
