"""The attacks of the adversarial pass, class by class, each reproduced through the command
line with the contract of SPEC.md holding: exit 2 for what the user gave, 3 when the
machine or a file stands in the way, 130 when interrupted, a Japanese message naming the
file, never a traceback; nothing written over what must not be replaced; every path
accounted for. (Formulas and control characters in outputs: test_hostile_outputs.py.)
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from filled_forms import CELL, GOOD, blank_form, fill

from toolkit.cli import main
from toolkit.samples import fictional_registry
from toolkit.writing.registry_io import write_registry

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-25"


def _invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "registry.xlsx"
    write_registry(fictional_registry(0), path)
    return path


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    fill(blank_form(tmp_path), folder / "ekimae.xlsx")
    return folder


# --- 1. the registry goes through the same guards as a report ---------------------------


def _far_cell(good: Path, path: Path) -> Path:
    wb = openpyxl.load_workbook(good)
    wb["協議会"]["XFD1048576"] = "x"
    wb.save(path)
    return path


def _bomb(good: Path, path: Path) -> Path:
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</sheetData><!--" + b" " * 2**25 + b"-->")
            dst.writestr(info.filename, data)
    return path


@pytest.mark.parametrize("make", ["far", "bomb", "text"])
def test_a_hostile_registry_ends_the_command_with_exit_3(
    make: str, registry: Path, inbox: Path, tmp_path: Path
) -> None:
    bad = tmp_path / f"{make}.xlsx"
    if make == "far":
        _far_cell(registry, bad)
    elif make == "bomb":
        _bomb(registry, bad)
    else:
        bad.write_text("協議会ID,警察署\n", encoding="utf-8")
    db = tmp_path / "ledger.sqlite"
    runs = {
        "check": ("check", inbox, "--registry", bad),
        "ingest": ("ingest", inbox, "--db", db, "--registry", bad),
        "summary": (
            "summary",
            inbox,
            "--period",
            "FY2026",
            "--registry",
            bad,
            "-o",
            tmp_path / "s.xlsx",
        ),
        "template": ("template", "--registry", bad, "-o", tmp_path / "forms"),
    }
    for name, args in runs.items():
        result = _invoke(*args)
        assert result.exit_code == 3, (name, result.output)
        assert f"協議会名簿「{bad}」を読めません" in result.output, name
    assert not (tmp_path / "s.xlsx").exists()
    assert not (tmp_path / "forms").exists()


def test_a_hostile_plan_form_is_a_problem_of_the_merge_not_a_crash(
    registry: Path, tmp_path: Path
) -> None:
    far = _far_cell(registry, tmp_path / "far_plan.xlsx")
    result = _invoke("plan", far, "--registry", registry, "-o", tmp_path / "new.xlsx")
    assert result.exit_code == 1
    assert "far_plan.xlsx" in result.output and "広がっています" in result.output


# --- 4. absurd numbers are findings, and nothing overflows the ledger -------------------


def test_an_absurd_count_is_an_error_and_storage_survives_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    fill(blank_form(tmp_path), folder / "huge.xlsx", civilian_attendees=1e19)
    db = tmp_path / "ledger.sqlite"
    ingest = _invoke("ingest", folder, "--db", db, "--as-of", AS_OF)
    assert ingest.exit_code == 1, ingest.output
    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT civilians FROM reports").fetchone()
    assert stored is None  # beyond the plausible maximum: not a count at all
    summary = _invoke("summary", "--db", db, "--period", "FY2026", "-o", tmp_path / "s.xlsx")
    assert summary.exit_code == 0, summary.output
    checked = _invoke("check", folder, "--json", "--as-of", AS_OF)
    assert '"R3.too-many"' in checked.output


# --- 5. outputs never replace what they must not -----------------------------------------


def test_a_summary_over_a_report_of_its_input_is_refused(inbox: Path) -> None:
    report = inbox / "ekimae.xlsx"
    before = report.read_bytes()
    result = _invoke("summary", inbox, "--period", "FY2026", "-o", report)
    assert result.exit_code == 2
    assert f"出力先「{report}」は入力フォルダ「{inbox}」の中にある" in result.output
    assert "--force" in result.output
    assert report.read_bytes() == before
    given = _invoke("summary", report, "--period", "FY2026", "-o", report)
    assert given.exit_code == 2
    assert f"出力先「{report}」は入力ファイルの一つです" in given.output
    assert report.read_bytes() == before


def test_a_summary_over_a_file_kyogikai_did_not_write_is_refused(
    inbox: Path, tmp_path: Path
) -> None:
    other = tmp_path / "station_report.xlsx"
    other.write_bytes((inbox / "ekimae.xlsx").read_bytes())
    result = _invoke("summary", inbox, "--period", "FY2026", "-o", other)
    assert result.exit_code == 2
    assert "kyogikai が書き出したファイルではないため上書きしません" in result.output
    assert other.read_bytes() == (inbox / "ekimae.xlsx").read_bytes()
    forced = _invoke("summary", inbox, "--period", "FY2026", "-o", other, "--force")
    assert forced.exit_code == 0
    again = _invoke("summary", inbox, "--period", "FY2026", "-o", other)
    assert again.exit_code == 0  # now it is a summary: writing it again is fine


def test_a_summary_into_the_ledgers_archive_is_refused(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    assert _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF).exit_code == 0
    archive = tmp_path / "ledger.sqlite.archive"
    assert archive.is_dir()
    before = sorted(p.name for p in archive.rglob("*"))
    result = _invoke("summary", "--db", db, "--period", "FY2026", "-o", archive / "s.xlsx")
    assert result.exit_code == 2
    assert "台帳の保管フォルダの中です" in result.output
    assert sorted(p.name for p in archive.rglob("*")) == before


def test_template_never_replaces_a_filled_report_with_a_blank(
    registry: Path, tmp_path: Path
) -> None:
    out = tmp_path / "forms"
    station = ("--station", "中央警察署")  # one station's forms: the same guard, less work
    assert _invoke("template", "--registry", registry, *station, "-o", out).exit_code == 0
    place = next(out.rglob("*駅前交番*.xlsx"))
    fill(place, place)  # the station filled in the form where it was handed out
    filled = place.read_bytes()
    result = _invoke("template", "--registry", registry, *station, "-o", out)
    assert result.exit_code == 2
    assert str(place) in result.output
    assert place.read_bytes() == filled
    # an unfilled form handed out earlier may be written again
    place.unlink()
    assert _invoke("template", "--registry", registry, *station, "-o", out).exit_code == 0


def test_samples_never_replace_a_registry(registry: Path, tmp_path: Path) -> None:
    (tmp_path / "registry.xlsx").write_bytes(registry.read_bytes())
    result = _invoke("samples", "-o", tmp_path)
    assert result.exit_code == 2
    assert "registry.xlsx" in result.output
    assert (tmp_path / "registry.xlsx").read_bytes() == registry.read_bytes()


# --- 6. outputs are never read back as reports, and never hide real inputs ---------------


def test_outputs_written_into_the_input_are_skipped_and_counted(
    inbox: Path, tmp_path: Path
) -> None:
    first = _invoke("summary", inbox, "--period", "FY2026", "-o", inbox / "集計.xlsx")
    assert first.exit_code == 0
    feedback = inbox / "確認"
    fill(blank_form(tmp_path), inbox / "error.xlsx", police_attendees="数名")
    checked = _invoke("check", inbox, "--feedback-dir", feedback, "--as-of", AS_OF)
    assert checked.exit_code == 1
    assert any(feedback.rglob("*.xlsx"))
    again = _invoke("check", inbox, "--json", "--as-of", AS_OF)
    lines = [line for line in again.output.splitlines() if line.startswith("{")]
    read = sorted(Path(json.loads(line)["path"]).name for line in lines)
    assert read == ["ekimae.xlsx", "error.xlsx"]  # the real inputs, once each
    plain = _invoke("check", inbox, "--as-of", AS_OF)
    assert "kyogikaiの出力 2件" in plain.output


def test_a_ledger_inside_the_input_folder_does_not_have_its_archive_read(inbox: Path) -> None:
    db = inbox / "ledger.sqlite"
    assert _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF).exit_code == 0
    again = _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF)
    assert again.exit_code == 0
    assert "報告書 1件" in again.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


# --- 7. operational errors are exit 3 with a Japanese message ----------------------------


def test_a_damaged_ledger_is_refused_before_anything_is_written(
    inbox: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ledger.sqlite"
    assert _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    assert len(data) >= 4 * page
    for n in range(1, len(data) // page):  # the b-tree header of every page but the first
        data[n * page : n * page + 8] = b"\xff" * 8
    db.write_bytes(bytes(data))
    result = _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert "壊れています" in result.output
    assert db.read_bytes() == bytes(data)


def test_a_read_only_ledger_is_exit_3(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ledger.sqlite"
    assert _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF).exit_code == 0
    connect = sqlite3.connect

    def read_only(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        # what the file system does to a ledger on a read-only share (root ignores chmod)
        return connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    result = _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert "読み取り専用" in result.output


def test_a_full_disk_during_ingest_is_exit_3_and_nothing_half_done(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.ledger import ingest as ingesting

    db = tmp_path / "ledger.sqlite"

    def full(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(ingesting._Writer, "flush", full)
        result = _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert "ディスクの空きがありません" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0


def test_a_summary_that_cannot_be_written_leaves_nothing_behind(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from toolkit.writing.summary import sheets

    out = tmp_path / "out"
    out.mkdir()

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "s.xlsx"))

    monkeypatch.setattr(sheets, "findings_sheet", full)
    result = _invoke("summary", inbox, "--period", "FY2026", "-o", out / "s.xlsx")
    assert result.exit_code == 3, result.output
    assert "ディスクの空きを確認してください" in result.output or "ディスクの空き" in result.output
    assert list(out.iterdir()) == []  # no partial file, no temporary parts


def test_an_output_folder_that_is_a_file_is_named(inbox: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    result = _invoke("summary", inbox, "--period", "FY2026", "-o", blocker / "s.xlsx")
    assert result.exit_code == 2, result.output
    assert f"出力先のフォルダ「{blocker}」はファイルです" in result.output
    template = _invoke("template", "-o", blocker / "forms")
    assert template.exit_code == 3, template.output
    assert f"「{blocker}" in template.output


# --- 8. file names and kinds -------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="names that are not UTF-8 are a POSIX case")
def test_a_name_that_is_not_text_is_read_and_shown_with_replacements(
    inbox: Path, tmp_path: Path
) -> None:
    name = b"\x8b\xe6\x89\xef.xlsx"  # 協会 in Shift_JIS
    os.rename(inbox / "ekimae.xlsx", os.path.join(os.fsencode(inbox), name))
    checked = _invoke("check", inbox, "--as-of", AS_OF, "--all")
    assert checked.exit_code == 0, checked.output
    assert "\ufffd" in checked.output
    db = tmp_path / "ledger.sqlite"
    ingest = _invoke("ingest", inbox, "--db", db, "--as-of", AS_OF)
    assert ingest.exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs need POSIX")
def test_links_loops_pipes_and_other_kinds_are_accounted_for(inbox: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    fill(blank_form(tmp_path), outside / "secret.xlsx")
    (inbox / "sub").mkdir()
    os.symlink(inbox, inbox / "sub" / "loop")
    os.symlink(outside, inbox / "out_link")
    os.mkfifo(inbox / "pipe.xlsx")
    (inbox / "list.csv").write_text("a,b\n", encoding="utf-8")
    (inbox / "binary.xlsb").write_bytes(b"PK\x03\x04")
    (inbox / "~$ekimae.xlsx").write_bytes(b"lock")
    started = time.monotonic()
    result = _invoke("check", inbox, "--json", "--as-of", AS_OF)
    assert time.monotonic() - started < 30  # the FIFO is never opened
    records = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    read = [Path(r["path"]).name for r in records if r["report"] is not None]
    assert read == ["ekimae.xlsx"]  # once: not again through the loop, not secret.xlsx
    plain = _invoke("check", inbox, "--as-of", AS_OF)
    closing = plain.output.strip().splitlines()[-1]
    kinds = "CSVファイル 1件、リンク 2件、特殊なファイル 1件"  # Excel's ~$ lock file: silent
    assert f"読み飛ばし 4件（{kinds}）" in closing, closing
    # an .xlsb is read so that the station is told it cannot be: accounted as unreadable
    assert "読取不可 1" in closing
    assert "binary.xlsb" in plain.output
    assert "secret.xlsx" not in plain.output


# --- 11. Ctrl-C ----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT need POSIX")
def test_ctrl_c_exits_130_with_a_japanese_line(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    form = blank_form(tmp_path)
    for i in range(60):
        fill(form, folder / f"r{i:03}.xlsx", **{**GOOD, "venue": f"会場{i}"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "check", str(folder), "--json", "--jobs", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # Ctrl-C as in a terminal, even when this test run was started with SIGINT ignored
        # (a background job of a non-interactive shell passes that on to its children).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the first record is out: the run is under way
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    text = err.decode("utf-8")
    assert proc.returncode == 130, text
    assert "中断しました" in text
    assert "Aborted" not in text and "Traceback" not in text


# --- 3. escape sequences from cells reach the terminal harmlessly ------------------------


def test_escape_sequences_in_cells_are_shown_not_obeyed(tmp_path: Path) -> None:
    path = fill(blank_form(tmp_path), tmp_path / "in" / "esc.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["報告書"]
    # Stored the way a file carries control characters: Excel's _xHHHH_ escapes.
    ws[CELL["council_name"].split("!")[1]] = "駅前_x001B_]0;pwned_x0007_交番連絡協議会"
    ws[CELL["police_attendees"].split("!")[1]] = "数名_x001B_[2J"
    wb.save(path)
    result = _invoke("check", path.parent, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "数名\\x1b[2J" in result.output  # the finding quotes what was written, visibly
    assert "駅前\\x1b]0;pwned\\x07交番" in result.output


def _damaged_zip(good: Path, to: Path, *, version: bool) -> Path:
    """A copy of a workbook whose zip directory names a version (9.9) or a compression
    method (520) that `zipfile` does not know: it raises NotImplementedError for both."""
    data = bytearray(good.read_bytes())
    at = data.index(b"PK\x01\x02")
    if version:
        data[at + 6 : at + 8] = (99).to_bytes(2, "little")
    else:
        data[at + 10 : at + 12] = (520).to_bytes(2, "little")
    to.write_bytes(bytes(data))
    return to


@pytest.mark.parametrize("version", [True, False], ids=["version", "method"])
def test_a_zip_zipfile_cannot_open_is_a_broken_file_everywhere(
    inbox: Path, tmp_path: Path, version: bool
) -> None:
    # in the input: one 読取不可 row, the run goes on (discovery opens it in the parent)
    bad = _damaged_zip(inbox / "ekimae.xlsx", inbox / "damaged.xlsx", version=version)
    result = _invoke("check", inbox, "--json")
    assert result.exit_code == 1
    records = {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["ekimae.xlsx"]["status"] != "unreadable"
    assert records["damaged.xlsx"]["status"] == "unreadable"
    assert records["damaged.xlsx"]["issues"][0]["code"] == "F1.corrupt"
    # as an output's target: not a file kyogikai wrote, so it is not replaced
    out = _damaged_zip(bad, tmp_path / "summary.xlsx", version=version)
    before = out.read_bytes()
    result = _invoke("summary", inbox, "--period", "FY2026", "-o", out)
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == before
