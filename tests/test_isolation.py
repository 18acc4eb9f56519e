"""The isolated pool: one bad item costs that item only, never the run."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from toolkit.isolation import Failure, imap_isolated

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import make_hostile as mh

ROOT = Path(__file__).resolve().parents[1]
PYTHONPATH = os.environ.get("PYTHONPATH", "")


def double(x: int) -> int:
    return 2 * x


def misbehave(x: int) -> int:
    """Items 3, 5, 7, 9, 11, 13 each go wrong in their own way."""
    if x == 3:
        os.abort()
    if x == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    if x == 7:
        bytearray(8 * 2**30)  # past the memory limit
    if x == 9:
        time.sleep(30)
    if x == 11:
        raise ValueError("bad item")
    if x == 13:
        os._exit(3)
    return 2 * x


EXPECTED_FAILURES = {
    3: ("crashed", "シグナル 6"),
    5: ("crashed", "シグナル 9"),
    7: ("crashed", "メモリ上限"),
    9: ("timeout", "秒以内に終わらなかった"),
    11: ("error", "想定外のエラー"),
    13: ("crashed", "終了コード 3"),
}


def workers() -> list[psutil.Process]:
    """This process's children, without the resource tracker that `multiprocessing` starts
    once, for good, the first time it spawns a process on POSIX."""
    return [p for p in psutil.Process().children(recursive=True) if not _tracker(p)]


def _tracker(p: psutil.Process) -> bool:
    try:
        return "resource_tracker" in " ".join(p.cmdline())
    except psutil.Error:
        return False


@pytest.fixture(autouse=True)
def no_children_left() -> Iterator[None]:
    yield
    assert workers() == []


@pytest.mark.parametrize("chunksize", [1, 4])
def test_each_failure_costs_only_its_item(chunksize: int) -> None:
    # A cap well below the 8 GB asked for, reached fast where a watchdog has to see it.
    out = list(
        imap_isolated(
            misbehave,
            range(16),
            jobs=2,
            timeout=2.0,
            memory_limit=256 * 2**20,
            chunksize=chunksize,
        )
    )
    for i, result in enumerate(out):
        if i in EXPECTED_FAILURES:
            kind, words = EXPECTED_FAILURES[i]
            assert isinstance(result, Failure), i
            assert result.kind == kind
            assert words in result.detail
            if i == 11:  # the exception's own text goes to the log, not to the user
                assert result.log == "ValueError: bad item"
        else:
            assert result == 2 * i


def sleepy(x: int) -> int:
    time.sleep(random.Random(x).random() / 200)
    return x


@pytest.mark.parametrize(("jobs", "chunksize"), [(1, 1), (2, 1), (3, 5)])
def test_results_keep_the_order_of_items(jobs: int, chunksize: int) -> None:
    out = list(imap_isolated(sleepy, range(60), jobs=jobs, chunksize=chunksize))
    assert out == list(range(60))


def test_empty_input() -> None:
    assert list(imap_isolated(double, [], jobs=2)) == []


def pid(_: int) -> int:
    return os.getpid()


def test_one_job_still_runs_in_a_child() -> None:
    pids = list(imap_isolated(pid, range(3), jobs=1))
    assert len(set(pids)) == 1
    assert pids[0] != os.getpid()


def noisy_abort(_: int) -> int:
    os.write(2, b"native reader: giving up\n")
    os.abort()


def test_crash_log_keeps_what_the_worker_wrote() -> None:
    (failure,) = imap_isolated(noisy_abort, [1], jobs=1)
    assert isinstance(failure, Failure)
    assert "native reader: giving up" in failure.log


def unpicklable(_: int) -> object:
    return lambda: None


def test_unpicklable_result_is_that_items_failure() -> None:
    out = list(imap_isolated(unpicklable, range(2), jobs=1, chunksize=2))
    assert all(isinstance(r, Failure) and "受け渡せません" in r.detail for r in out)


_SEEN = ""


def remember(tag: str) -> None:
    global _SEEN
    _SEEN = tag


def seen(_: int) -> str:
    return _SEEN


def test_initializer_runs_in_every_worker() -> None:
    out = list(imap_isolated(seen, range(8), jobs=2, initializer=remember, initargs=("x",)))
    assert out == ["x"] * 8
    assert _SEEN == ""  # not in the parent


def broken_initializer() -> None:
    raise OSError("no settings")


def stuck_initializer() -> None:
    time.sleep(30)


def test_failing_initializer_is_an_error_of_the_caller() -> None:
    with pytest.raises(RuntimeError, match=r"(?s)failed before it was ready.*no settings"):
        list(imap_isolated(double, range(4), jobs=2, initializer=broken_initializer))
    with pytest.raises(RuntimeError, match="did not finish starting in time"):
        stuck = imap_isolated(
            double, range(4), jobs=1, timeout=0.3, start_timeout=1.0, initializer=stuck_initializer
        )
        list(stuck)


@pytest.mark.parametrize(
    "kw", [{"jobs": 0}, {"jobs": 1, "chunksize": 0}, {"jobs": 1, "timeout": 0}]
)
def test_bad_arguments(kw: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        imap_isolated(double, [1], **kw)  # type: ignore[arg-type]


# --- the real-world case: python-calamine aborting on one file --------------------------


def calamine_rows(path: str) -> int:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    return len(sheet.to_python(skip_empty_area=False))


def test_calamine_abort_costs_one_file(tmp_path: Path) -> None:
    (tmp_path / "normal.xlsx").write_bytes(mh.normal_xlsx())
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    (tmp_path / "stray.xlsx").write_bytes(mh.normal_xlsx(extra_rows=far))
    paths = [str(tmp_path / n) for n in ("normal.xlsx", "stray.xlsx", "normal.xlsx")]
    out = list(imap_isolated(calamine_rows, paths, jobs=2))
    assert out[0] == out[2] == 45  # calamine stops at the last cell with a value
    assert isinstance(out[1], Failure)
    assert out[1].kind == "crashed"
    assert "メモリ上限を超えました" in out[1].detail  # Rust reports the failed allocation


# --- streaming, memory, cleanup ---------------------------------------------------------


def test_items_are_taken_lazily() -> None:
    taken = 0

    def endless() -> Iterator[int]:
        nonlocal taken
        for i in itertools.count():
            taken += 1
            yield i

    results = imap_isolated(double, endless(), jobs=2, chunksize=4)
    assert list(itertools.islice(results, 50)) == [2 * i for i in range(50)]
    results.close()  # type: ignore[attr-defined]
    assert taken < 50 + 64


def test_parent_memory_stays_flat() -> None:
    me = psutil.Process()
    rss_at_start = 0
    for i, result in enumerate(imap_isolated(double, range(20_000), jobs=2)):
        assert result == 2 * i
        if i == 2_000:
            rss_at_start = me.memory_info().rss
    assert me.memory_info().rss - rss_at_start < 8 * 2**20


def test_stopping_early_ends_the_workers() -> None:
    results = imap_isolated(double, range(1000), jobs=2)
    assert next(results) == 0
    results.close()  # type: ignore[attr-defined]


def test_an_error_in_the_consumer_ends_the_workers() -> None:
    with pytest.raises(ZeroDivisionError):
        for result in imap_isolated(double, range(1000), jobs=2):
            if result == 10:
                1 / 0  # noqa: B018


CTRL_C = textwrap.dedent(
    """
    import os, sys, time, threading
    import psutil
    from toolkit.isolation import imap_isolated

    def slow(x):
        time.sleep(30)
        return x

    def workers():
        found = []
        for p in psutil.Process().children():
            try:
                if "resource_tracker" not in " ".join(p.cmdline()):
                    found.append(p.pid)
            except psutil.Error:
                pass
        return found

    def report(wait):
        while len(workers()) < 2:
            time.sleep(0.01)
        time.sleep(wait)
        print(" ".join(str(p) for p in workers()), flush=True)

    if __name__ == "__main__":  # spawned workers import this file again
        method, wait = sys.argv[1], float(sys.argv[2])
        threading.Thread(target=report, args=(wait,), daemon=True).start()
        try:
            list(imap_isolated(slow, range(10), jobs=2, start_method=method))
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(130)
    """
)


@pytest.mark.parametrize(
    ("method", "wait"),
    [
        pytest.param(
            "fork",
            0.5,
            marks=pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here"),
        ),
        ("spawn", 0.0),  # while the spawned interpreters are still starting
    ],
)
def test_ctrl_c_ends_the_workers_cleanly(tmp_path: Path, method: str, wait: float) -> None:
    script = tmp_path / "ctrl_c.py"
    script.write_text(CTRL_C, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), method, str(wait)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), PYTHONPATH]))},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
        # Ctrl-C as in a terminal, even when this test run was started with SIGINT ignored
        # (a background job of a non-interactive shell passes that on to its children).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) == 2
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "interrupted" in out
    assert "Traceback" not in err  # the workers ignore Ctrl-C and say nothing
    time.sleep(0.2)
    assert not [p for p in pids if psutil.pid_exists(p)]
