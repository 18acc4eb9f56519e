"""HQ's commands end to end on the shipped samples: ingest, summary, retention — on a
ledger file and on a ledger on a server."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ledgers as L
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.ledger import Ledger

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REPORTS = SAMPLES / "reports"
REGISTRY = SAMPLES / "registry.xlsx"
PLANTED = json.loads((SAMPLES / "planted.json").read_text(encoding="utf-8"))
AS_OF = ["--as-of", "2026-11-25"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The samples ingested into a ledger file, and into a ledger on the test server."""
    db: Any = tmp_path_factory.mktemp("hq") / "台帳.db"
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        db = server.url(server.create_database("hq"))
    out = CliRunner().invoke(
        main, ["ingest", str(REPORTS), "--db", str(db), "--registry", str(REGISTRY), *AS_OF]
    )
    # The samples hold planted errors, so ingest reports them with exit status 1.
    assert out.exit_code == 1, out.output
    return db


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))


def _copy(ledger: Any, tmp_path: Path, server: Any = None) -> Any:
    """A copy of the module's ledger that a test may change."""
    if isinstance(ledger, Path):
        db = tmp_path / "copy.db"
        shutil.copy(ledger, db)
        shutil.copytree(
            ledger.with_name(ledger.name + ".archive"), db.with_name(db.name + ".archive")
        )
        return db
    name = server.create_database("copy", template=urlsplit(ledger).path.strip("/"))
    return server.url(name)


def test_ingest_archives_every_file_and_reingest_changes_nothing(
    runner: CliRunner, ledger: Any
) -> None:
    files = sorted(REPORTS.rglob("*.xlsx"))
    kept = L.archived(ledger)
    with Ledger.open(ledger) as led:
        (count,) = L.one(led, "SELECT COUNT(*) FROM files") or (0,)
        archived = [row[0] for row in L.rows(led, "SELECT archive FROM files")]
    assert count == len(files) == len(PLANTED)
    assert sorted(archived) == sorted(kept)
    assert sorted(kept.values()) == sorted(p.read_bytes() for p in files)
    again = runner.invoke(main, ["ingest", str(REPORTS), "--db", str(ledger), *AS_OF])
    assert f"新しいファイル 0件、同一ファイル {len(files)}件" in again.output
    with Ledger.open(ledger) as led:
        assert L.one(led, "SELECT COUNT(*) FROM reports") == (len(files),)


def test_summary_from_the_ledger_and_from_the_folder_agree(
    runner: CliRunner, ledger: Any, tmp_path: Path
) -> None:
    from_db = tmp_path / "db.xlsx"
    from_paths = tmp_path / "paths.xlsx"
    common = ["--period", "FY2026", "--registry", str(REGISTRY), *AS_OF]
    a = runner.invoke(main, ["summary", "--db", str(ledger), *common, "-o", str(from_db)])
    b = runner.invoke(main, ["summary", str(REPORTS), *common, "-o", str(from_paths)])
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    assert "令和8年度" in b.output and f"ファイル {len(PLANTED)}件" in b.output
    for sheet in ("集計表", "年度実施状況", "要望事項"):
        assert _sheet_rows(from_db, sheet)[2:] == _sheet_rows(from_paths, sheet)[2:], sheet
    # Only the ledger knows when each report was received (報告遅れ).
    late = _sheet_rows(from_db, "提出状況")[2].index("報告遅れ")
    strip = lambda rows: [r[:late] + r[late + 1 :] for r in rows[2:]]  # noqa: E731
    assert strip(_sheet_rows(from_db, "提出状況")) == strip(_sheet_rows(from_paths, "提出状況"))
    names = load_workbook(from_db, read_only=True).sheetnames
    assert names == [
        "概況",
        "集計表",
        "提出状況",
        "督促",
        "年度実施状況",
        "開催一覧",
        "協議事項",
        "要望事項",
        "検証結果",
        "グラフ",
        "受付簿",
    ]


def test_summary_for_one_station(runner: CliRunner, ledger: Any, tmp_path: Path) -> None:
    out = tmp_path / "station.xlsx"
    result = runner.invoke(
        main,
        ["summary", "--db", str(ledger), "--period", "2026-10", "--station", "中央署",
         "--registry", str(REGISTRY), *AS_OF, "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = _sheet_rows(out, "提出状況")
    stations = {r[0] for r in rows[3:] if r[0]}
    assert stations == {"中央警察署"}


def test_summary_usage_errors(runner: CliRunner, ledger: Any, tmp_path: Path) -> None:
    out = str(tmp_path / "x.xlsx")
    both = runner.invoke(main, ["summary", str(REPORTS), "--db", str(ledger), "--period",
                                "FY2026", "-o", out])  # fmt: skip
    assert both.exit_code == 2
    neither = runner.invoke(main, ["summary", "--period", "FY2026", "-o", out])
    assert neither.exit_code == 2
    period = runner.invoke(main, ["summary", "--db", str(ledger), "--period", "来年", "-o", out])
    assert period.exit_code == 2
    station = runner.invoke(
        main, ["summary", "--db", str(ledger), "--period", "FY2026", "--station", "架空署",
               "-o", out],
    )  # fmt: skip
    assert station.exit_code == 2 and "架空署" in station.output


def test_summary_never_writes_over_an_input(runner: CliRunner, tmp_path: Path) -> None:
    registry = tmp_path / "registry.xlsx"
    shutil.copy(REGISTRY, registry)
    before = registry.read_bytes()
    result = runner.invoke(
        main,
        ["summary", str(REPORTS), "--registry", str(registry), "--period", "FY2026",
         "-o", str(registry)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert registry.read_bytes() == before


def test_retention_lists_then_purges(
    runner: CliRunner,
    ledger: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    clock_at: Callable[[date], None],
) -> None:
    clock_at(date(2028, 4, 1))
    server = None if isinstance(ledger, Path) else request.getfixturevalue("pg_server")
    db = _copy(ledger, tmp_path, server)
    # FY2026 reports are kept until 2028-03-31.
    kept = runner.invoke(main, ["retention", "--db", str(db), "--as-of", "2028-03-31"])
    assert kept.exit_code == 0 and "保存期間を過ぎた報告書 0件" in kept.output
    listed = runner.invoke(main, ["retention", "--db", str(db), "--as-of", "2028-04-01"])
    assert listed.exit_code == 0
    assert f"保存期間を過ぎた報告書 {len(PLANTED)}件" in listed.output
    assert "保存期限 令和10年3月31日" in listed.output
    assert len(L.archived(db)) == len(PLANTED)
    applied = runner.invoke(
        main, ["retention", "--db", str(db), "--as-of", "2028-04-01", "--apply"]
    )
    assert applied.exit_code == 0, applied.output
    # reports whose requests are still open or pending are kept without --force
    assert "削除しません" in applied.output
    with Ledger.open(db) as led:
        (held,) = L.one(led, "SELECT count(*) FROM reports WHERE purged_run IS NULL") or (0,)
        assert 0 < held < len(PLANTED)
        assert L.one(led, "SELECT COUNT(*) FROM purges") == (len(PLANTED) - held,)
    assert 0 < len(L.archived(db)) < len(PLANTED)
    forced = runner.invoke(
        main, ["retention", "--db", str(db), "--as-of", "2028-04-01", "--apply", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert L.archived(db) == {}  # gone from the folder, or from the server's table
    with Ledger.open(db) as led:
        (purged,) = L.one(led, "SELECT COUNT(*) FROM purges") or (0,)
    assert purged >= len(PLANTED)


def test_a_locked_ledger_is_reported_not_corrupted(
    runner: CliRunner, ledger: Any, tmp_path: Path
) -> None:
    if not isinstance(ledger, Path):
        pytest.skip("a ledger file's lock (the server's: tests/test_ledger_concurrency.py)")
    db = tmp_path / "locked.db"
    shutil.copy(ledger, db)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = runner.invoke(main, ["ingest", str(REPORTS), "--db", str(db)])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 3
    assert "は別の処理が使用中です" in result.output and "台帳「" in result.output
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
