"""Processes as Windows runs them: a wait takes at most 63 handles (two per worker), Ctrl-C
reaches every process of the console (the workers while they start too), native libraries
write in the system's code page, and a scheduled task or pythonw has no console at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from winhelp import AS_OF, ROOT, Windows

from toolkit.isolation import Failure, imap_isolated


def _square(x: int) -> int:
    return x * x


def test_more_workers_than_one_wait_can_watch_all_finish(windows: Windows) -> None:
    from windows_simulation import square

    windows(wait_limit=63)
    # 40 workers: 80 handles to wait on, more than Windows waits on at once. (The worker
    # function lives in a module a spawned worker has imported already: 40 fresh
    # interpreters start in time on a small machine.)
    out = list(imap_isolated(square, range(120), jobs=40, timeout=300, memory_limit=None))
    assert out == [x * x for x in range(120)]


def test_the_help_of_jobs_says_how_many_workers_windows_takes() -> None:
    from winhelp import invoke

    result = invoke("check", "--help")
    assert "Windowsで一度に待てる数（プロセス31個分）を超えても" in "".join(result.output.split())


def test_on_windows_ctrl_c_is_held_while_each_worker_is_created(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from multiprocessing.process import BaseProcess

    from toolkit import confine

    events: list[object] = []
    monkeypatch.delattr(signal, "pthread_sigmask")  # a platform without signal masks
    monkeypatch.setattr(confine, "console_ctrl_c", lambda: lambda ignore: events.append(ignore))
    start = BaseProcess.start

    def started(self: BaseProcess) -> None:
        events.append("start")
        start(self)

    monkeypatch.setattr(BaseProcess, "start", started)
    assert list(imap_isolated(_square, range(4), jobs=2, memory_limit=None)) == [0, 1, 4, 9]
    assert events == [True, "start", False, True, "start", False]


def _starting_workers(pid: int) -> int:
    import psutil

    try:
        children = psutil.Process(pid).children()
    except psutil.Error:
        return 0
    count = 0
    for child in children:
        try:
            count += any("spawn_main" in part for part in child.cmdline())
        except psutil.Error:
            continue
    return count


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups need POSIX")
@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_while_workers_start_ends_quietly_with_130(office: Path, workers: int) -> None:
    env = {**os.environ, "KYOGIKAI_START_METHOD": "spawn", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "check", "--jobs", "2", "--as-of", AS_OF],
        cwd=office,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while _starting_workers(proc.pid) < workers and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)  # as a console's Ctrl-C: to every process of it
    _, err = proc.communicate(timeout=120)
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 130, text
    assert "中断しました" in text
    assert "Traceback" not in text and "Fatal Python error" not in text, text


def _native_complaint(_: int) -> int:
    # What a native reader prints before it aborts on Japanese Windows: the system's code
    # page (cp932), not UTF-8; and what Python itself prints there.
    os.write(2, "ファイルを開けません\n".encode("cp932"))
    sys.stderr.write("読み取りを中止します\n")
    sys.stderr.flush()
    os._exit(3)


def test_worker_messages_are_decoded_in_the_encoding_they_were_written_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import locale

    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "cp932")
    (failure,) = list(imap_isolated(_native_complaint, [1], jobs=1, memory_limit=None))
    assert isinstance(failure, Failure)
    assert failure.log.splitlines() == ["ファイルを開けません", "読み取りを中止します"]


# --- no console ------------------------------------------------------------------------------

_NO_CONSOLE = """
import sys
sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = None  # as under pythonw
from toolkit.cli import main
main(sys.argv[1:], prog_name="kyogikai")
"""


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["check", "--as-of", AS_OF], 0, "ファイル 2件、報告書 2件、指摘 1件"),
        (["month", "2026-10", "--as-of", AS_OF], 0, "次にすること:"),
    ],
    ids=["check", "month"],
)
def test_without_a_console_messages_go_to_a_log_beside_the_workspace(
    office: Path, args: list[str], status: int, said: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _NO_CONSOLE, *args], cwd=office, env=env, capture_output=True
    )
    assert done.returncode == status, done.stderr.decode("utf-8", "replace")
    log = (office / "kyogikai.log").read_bytes()
    assert log.startswith(b"\xef\xbb\xbf")  # Notepad knows it is UTF-8
    text = log.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    first, *_ = text.splitlines()
    assert first.endswith(f"kyogikai {' '.join(args)}")
    assert said in text
    assert text.rstrip().endswith(f"=== 終了コード {status}")


def test_a_password_is_not_written_into_the_log(tmp_path: Path) -> None:
    from toolkit.cli.console import write_log

    write_log(tmp_path, ["check", "--password", "himitsu", "--password=himitsu2"], "", 0)
    text = (tmp_path / "kyogikai.log").read_text(encoding="utf-8-sig")
    assert "himitsu" not in text
    assert "check --password *** --password=***" in text
