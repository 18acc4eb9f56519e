"""Any console: output to cp932 (Japanese Windows, redirected), ASCII or a pipe closed
early never undoes the work; what cannot be shown is replaced; a right-to-left override or
a zero-width space is shown as its code; OS errors are told in Japanese, naming the file
the user knows (never a temporary one), and a full disk leaves no traceback behind."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from filled_forms import fill
from winhelp import AS_OF, ROOT, Windows, cli, invoke

NEXT = "次にすること:"


def test_month_on_a_japanese_windows_console_prints_its_closing_lines(office: Path) -> None:
    run = cli("month", "2026-10", "--as-of", AS_OF, cwd=office, encoding="cp932")
    assert run.code == 0, run.err
    assert "台帳: 新しいファイル 2件、同一ファイル 0件、差し替え 0件 ― 台帳/台帳.db" in run.out
    assert NEXT in run.out
    assert (office / "出力" / "集計_2026-10.xlsx").is_file()


def test_an_ascii_console_is_not_a_crash(office: Path) -> None:
    # click writes UTF-8 to a stream that says ASCII (a misconfigured locale); what is
    # written as text is replaced where the console cannot show it.
    run = cli("month", "2026-10", "--as-of", AS_OF, cwd=office, encoding="ascii")
    assert run.code == 0, run.err
    assert "2026-10" in run.out
    assert (office / "出力" / "集計_2026-10.xlsx").is_file()


@pytest.mark.parametrize(
    ("args", "status"),
    [(["check", "--as-of", AS_OF], 1), (["month", "2026-10", "--as-of", AS_OF], 0)],
    ids=["check", "month"],
)
def test_a_pipe_closed_early_ends_quietly_with_the_jobs_own_status(
    office: Path, blank: Path, args: list[str], status: int
) -> None:
    fill(blank, office / "受信" / "中央警察署" / "undated.xlsx", date="")  # an error: exit 1
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", *args],
        cwd=office,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `kyogikai check | more`, closed before anything was read
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == status, err
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken" not in err
    if args[0] == "month":
        assert (office / "出力" / "集計_2026-10.xlsx").is_file()  # the work was done


def test_format_characters_in_a_report_are_shown_as_codes(office: Path, blank: Path) -> None:
    fill(
        blank, office / "受信" / "中央警察署" / "rtl.xlsx",
        council_name="駅前\u202e会議協絡連\u2066交番", date=date(2026, 10, 23),
    )  # fmt: skip
    result = invoke("check", "--as-of", AS_OF)
    assert "駅前\\u202e会議協絡連\\u2066交番" in result.output, result.output
    assert "\u202e" not in result.output and "\u2066" not in result.output


@pytest.mark.parametrize(
    "name",
    ["EIO", "ENOTDIR", "EEXIST", "EBUSY", "EMFILE", "EXDEV", "ETIMEDOUT", "EDQUOT", "EFBIG"],
)
def test_os_errors_are_told_in_japanese(name: str) -> None:
    from toolkit.errors import os_error_text

    if not hasattr(errno, name):
        pytest.skip(f"no {name} here")
    text = os_error_text(OSError(getattr(errno, name), os.strerror(getattr(errno, name)), "x"))
    assert text.startswith("「x」を読み書きできません（")
    assert os.strerror(getattr(errno, name)) not in text
    assert text.isascii() is False and not any(c.isascii() and c.isalpha() for c in text[5:])


def test_a_full_disk_under_a_summary_is_told_in_japanese_without_a_traceback(
    office: Path, windows: Windows
) -> None:
    out = office / "出力"
    windows(full_disk={"path": str(out), "after": 4096})
    run = cli("summary", "受信", "--period", "2026-10", "-o", out / "10月.xlsx", cwd=office)
    assert run.code == 3, run.err
    assert run.err.startswith("集計表「")
    assert "ディスクの空きがありません" in run.err
    assert "No space" not in run.err and ".tmp" not in run.err and "kyogikai-" not in run.err
    assert list(out.iterdir()) == []  # nothing half-written, no temporary folder


def test_a_full_disk_under_a_returned_copy_names_the_copy(office: Path, windows: Windows) -> None:
    # The temporary file of the copy cannot be written: the message names the copy.
    from toolkit.fileio import write_atomic

    target = office / "返却" / "x.xlsx"

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", full)
        with pytest.raises(OSError) as caught:
            write_atomic(target, b"data", durable=True)
    assert caught.value.filename == str(target)
    assert not list(target.parent.iterdir())
