"""The ingest's bulk path, on both engines: on a server every table is filled with a binary
COPY (and the bytes of each file are spooled before the commit), on a ledger file with
INSERTs. Whatever the text or the bytes, the ledger holds exactly what was read, and a run
that fails in the middle of a COPY leaves no trace."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import factories as F
import ledgers as L
import pytest

from toolkit.ledger import Ledger, LedgerError
from toolkit.ledger import bulk as B
from toolkit.ledger.staging import Stage

# Text COPY's own escapes and separators, quotes, Japanese, a character outside the BMP,
# control characters, a combining mark and right-to-left text: each must arrive as given.
AWKWARD = [
    "タブ\tと改行\nと復帰\r\nの混在",
    "バックスラッシュ \\ と \\N と \\. と \\t（文字どおり）",
    "引用符 ' \" ` と ; -- コメント風 /* */",
    "丸数字①②③、㈱、髙橋、𠮷野家、絵文字🚓",
    "制御\x01文字\x08と\x7fと\x1bエスケープ",
    "結合文字 か\u3099 と 右から左 \u202eabc",
    "",
    " 前後の空白 ",
]


def _report_with(text: str, i: int) -> F.Meeting:
    report = F.report(
        council=f"駅前交番連絡協議会{i}",
        venue=text,
        discussion=text,
        agenda=(("交番等の活動状況", text), (text, "二つ目の議題")),
        requests=[(text, text)],
        reporter=text or None,
        day=date(2026, 10, 1 + i),
    )
    return F.Meeting(report, findings=(F.error(f"誤り: {text}"),))


def test_awkward_text_arrives_exactly_on_both_engines(tmp_path: Path, ledger_at: Any) -> None:
    files = [
        F.file_result(tmp_path / "in", f"中央署/{i}.xlsx", _report_with(text, i))
        for i, text in enumerate(AWKWARD)
    ]
    with Ledger.open(ledger_at) as ledger:
        stats = ledger.ingest(files, context=F.context())
        venues = L.rows(ledger, "SELECT venue, reporter FROM reports ORDER BY report_id")
        topics = L.rows(ledger, "SELECT category, topic FROM agenda ORDER BY report_id, seq")
        asked = L.rows(ledger, "SELECT request, response FROM requests ORDER BY report_id")
        said = L.rows(ledger, "SELECT message FROM findings ORDER BY finding_id")
        paths = L.rows(ledger, "SELECT path FROM sightings ORDER BY seq")
    assert stats.reports == len(AWKWARD)
    assert venues == [(t, t or None) for t in AWKWARD]
    assert topics == [x for t in AWKWARD for x in (("交番等の活動状況", t), (t, "二つ目の議題"))]
    assert asked == [(t, t) for t in AWKWARD]
    assert said == [(f"誤り: {t}",) for t in AWKWARD]
    assert [Path(p).name for (p,) in paths] == [f"{i}.xlsx" for i in range(len(AWKWARD))]


def test_nul_in_text_never_stops_a_run(tmp_path: Path, ledger_at: Any, engine: str) -> None:
    """PostgreSQL's text cannot hold U+0000: on a server it becomes U+FFFD (the run goes
    on, the other text intact); a ledger file keeps it."""
    files = [F.file_result(tmp_path / "in", "a.xlsx", F.report(venue="公民館\x00二階"))]
    with Ledger.open(ledger_at) as ledger:
        stats = ledger.ingest(files, context=F.context())
        found = L.one(ledger, "SELECT venue FROM reports")
    assert stats.reports == 1
    assert found == (("公民館\ufffd二階",) if engine == "postgresql" else ("公民館\x00二階",))


def test_every_byte_value_round_trips_through_the_archive(tmp_path: Path, ledger_at: Any) -> None:
    """Files of any bytes (every value, NUL and backslash runs, one of 3 MB) come back from
    the archive identical, whichever way the engine keeps them."""
    payloads = [
        bytes(range(256)) * 4,
        b"\x00" * 1000 + b"\\" * 1000 + b"\\N\t\n\r",
        hashlib.sha256(b"seed").digest() * 100_000,  # 3.2 MB that does not compress
        b"PK\x03\x04" + "日本語".encode("cp932") + b"\xff\xfe\xfd",
    ]
    files = []
    for i, payload in enumerate(payloads):
        path, sha = F.write_file(tmp_path / "in", f"{i}.xlsx", payload)
        result = F.file_result(tmp_path / "in", f"r{i}.xlsx", F.report(day=date(2026, 9, 1 + i)))
        result.path, result.sha256 = str(path), sha
        for c in result.reports:
            c.path, c.sha256 = str(path), sha
        files.append(result)
    with Ledger.open(ledger_at) as ledger:
        stats = ledger.ingest(files, context=F.context())
        for result, payload in zip(files, payloads, strict=True):
            assert ledger.archived_bytes(str(result.sha256)) == payload
        sizes = L.rows(ledger, "SELECT size FROM files ORDER BY first_path")
    assert stats.archived == len(payloads)
    assert sorted(s for (s,) in sizes) == sorted(len(p) for p in payloads)


def test_a_server_ingest_fills_every_table_by_copy(
    tmp_path: Path, pg_ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a server the ingest's rows go through COPY, table by table (not INSERTs)."""
    copied: dict[str, int] = {}
    real = B.copy_rows

    def counting(conn: Any, table: Any, names: Any, rows: Any) -> None:
        rows = list(rows)
        copied[table.name] = copied.get(table.name, 0) + len(rows)
        real(conn, table, names, rows)

    monkeypatch.setattr(B, "copy_rows", counting)
    files = [
        F.file_result(tmp_path / "in", "a.xlsx", F.Meeting(F.report(requests=[("街灯", None)]),
                                                          findings=(F.warning(),))),
        F.unreadable(tmp_path / "in", "broken.xlsx"),
    ]  # fmt: skip
    with Ledger.open(pg_ledger) as ledger:
        ledger.ingest(files, context=F.context())
        archived = L.one(ledger, "SELECT count(*) FROM archived")
    assert copied == {
        "files": 2, "archived": 2, "receipts": 2, "sightings": 2, "reports": 1,
        "agenda": 1, "requests": 1, "findings": 2,
    }  # fmt: skip
    assert archived == (2,)


def _state_then_failing_run(
    tmp_path: Path, where: Any, fail: Any, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Any, Any]:
    with Ledger.open(where) as ledger:
        ledger.ingest([F.file_result(tmp_path / "a", "a.xlsx", F.report())], context=F.context())
    before, kept = L.dump(where), L.archived(where)
    monkeypatch.setattr(B, "copy_rows", fail)
    files = [
        F.file_result(tmp_path / "b", f"{i}.xlsx", F.report(civilians=i, day=date(2026, 9, i + 1)))
        for i in range(5)
    ]
    return before, kept, files


def test_a_run_interrupted_in_the_middle_of_a_copy_leaves_no_trace(
    tmp_path: Path, pg_ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interruption while a COPY is streaming (after some rows of a table went out)
    rolls back the whole run: no file, report or archived byte of it remains."""
    real = B.copy_rows

    def interrupted(conn: Any, table: Any, names: Any, rows: Any) -> None:
        if table.name != "agenda":
            real(conn, table, names, rows)
            return

        def some_then_stop() -> Any:
            for n, row in enumerate(rows):
                if n == 2:
                    raise KeyboardInterrupt
                yield row

        real(conn, table, names, some_then_stop())

    before, kept, files = _state_then_failing_run(tmp_path, pg_ledger, interrupted, monkeypatch)
    with Ledger.open(pg_ledger) as ledger, pytest.raises(KeyboardInterrupt):
        ledger.ingest(files, context=F.context())
    assert L.dump(pg_ledger) == before
    assert L.archived(pg_ledger) == kept
    monkeypatch.undo()
    with Ledger.open(pg_ledger) as ledger:  # the ledger is healthy: the same files go in
        stats = ledger.ingest(files, context=F.context())
    assert (stats.new_files, stats.reports, stats.archived) == (5, 5, 5)


def test_a_copy_the_server_refuses_rolls_back_the_run_with_a_clear_error(
    tmp_path: Path, pg_ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row the server refuses in the middle of a COPY (here a report's agenda row sent
    twice: a duplicate key) fails the run as a LedgerError, and the run leaves no trace."""
    real = B.copy_rows

    def doubled(conn: Any, table: Any, names: Any, rows: Any) -> None:
        rows = list(rows)
        real(conn, table, names, rows + rows[:1] if table.name == "agenda" else rows)

    before, kept, files = _state_then_failing_run(tmp_path, pg_ledger, doubled, monkeypatch)
    with Ledger.open(pg_ledger) as ledger, pytest.raises(LedgerError):
        ledger.ingest(files, context=F.context())
    assert L.dump(pg_ledger) == before
    assert L.archived(pg_ledger) == kept


def test_the_stage_spools_each_files_bytes_once_and_gives_them_back() -> None:
    blobs = {f"{i:064x}": bytes([i]) * (i * 1000 + 1) for i in range(20)}
    with Stage() as stage:
        for sha, data in blobs.items():
            stage.keep(sha, data)
        stage.keep(next(iter(blobs)), b"other bytes")  # a file kept once: the first bytes
        assert stage.blob("f" * 64) is None
        assert {sha: stage.blob(sha) for sha in reversed(list(blobs))} == blobs


def test_a_copy_to_a_server_and_back_keeps_awkward_text_and_bytes(
    tmp_path: Path, pg_ledger: str
) -> None:
    """`ledger copy` fills a server by COPY too: awkward text and every byte value come
    back identical."""
    from toolkit.ledger import copy_ledger

    source, back = tmp_path / "元.sqlite", tmp_path / "戻り.sqlite"
    files = [
        F.file_result(tmp_path / "in", f"{i}.xlsx", _report_with(text, i), salt=text)
        for i, text in enumerate(AWKWARD)
    ]
    path, sha = F.write_file(tmp_path / "in", "bytes.xlsx", bytes(range(256)) * 8)
    odd = F.file_result(tmp_path / "in", "odd.xlsx", F.report(day=date(2026, 9, 30)))
    odd.path, odd.sha256 = str(path), sha
    with Ledger.open(source) as ledger:
        ledger.ingest([*files, odd], context=F.context())
    copy_ledger(source, pg_ledger)
    copy_ledger(pg_ledger, back)
    assert L.dump(back) == L.dump(source)
    assert L.archived(back) == L.archived(source)
    assert L.archived(pg_ledger) == L.archived(source)
