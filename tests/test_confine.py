"""What each platform offers a worker: start method, memory caps, words for how it ended.

The Windows job object cannot run here; its structures and limits are checked instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator

import psutil
import pytest

from toolkit import confine, winjob
from toolkit.errors import InputError
from toolkit.isolation import Failure, imap_isolated

SIMULATED = os.environ.get("KYOGIKAI_SIMULATE_PORTABLE") == "1"


# --- the start method ---------------------------------------------------------------------


@pytest.fixture
def no_choice(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.delenv(confine.START_METHOD_ENV, raising=False)
    yield monkeypatch


def test_fork_is_the_default_on_linux_and_spawn_elsewhere(no_choice: pytest.MonkeyPatch) -> None:
    linux = sys.platform.startswith("linux") and hasattr(os, "fork")
    assert confine.start_method() == ("fork" if linux else "spawn")
    no_choice.delattr(os, "fork", raising=False)
    assert confine.start_method() == "spawn"


def test_the_environment_forces_spawn(no_choice: pytest.MonkeyPatch) -> None:
    no_choice.setenv(confine.START_METHOD_ENV, " Spawn ")
    assert confine.start_method() == "spawn"


@pytest.mark.parametrize(
    ("value", "words"), [("forkserver", "fork か spawn を指定"), ("fork", "fork が使えません")]
)
def test_an_impossible_start_method_is_the_users_error(
    no_choice: pytest.MonkeyPatch, value: str, words: str
) -> None:
    no_choice.delattr(os, "fork", raising=False)
    no_choice.setenv(confine.START_METHOD_ENV, value)
    with pytest.raises(InputError, match=words):
        confine.start_method()


def test_an_impossible_start_method_is_the_callers_error(no_choice: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError):
        confine.start_method("forkserver")
    no_choice.delattr(os, "fork", raising=False)
    with pytest.raises(ValueError):
        confine.start_method("fork")


# --- the pool under spawn, and where the operating system sets no memory cap --------------


def platform_facts(_: int) -> tuple[bool, bool, int]:
    """What a worker sees: fork, the resource module, its parent."""
    try:
        import resource  # noqa: F401

        has_resource = True
    except ImportError:
        has_resource = False
    return hasattr(os, "fork"), has_resource, os.getppid()


def test_spawned_workers_run_the_items() -> None:
    out = list(imap_isolated(platform_facts, range(4), jobs=2, start_method="spawn"))
    assert [ppid for _, _, ppid in out] == [os.getpid()] * 4


def loaded_for_reading(_: int) -> list[str]:
    """What a worker holds once it has what `check` runs in it."""
    import toolkit.check  # noqa: F401

    heavy = ("pandas", "openpyxl", "xlsxwriter", "PIL")
    return sorted({m.split(".")[0] for m in sys.modules} & set(heavy))


def test_a_spawned_worker_imports_no_library_it_does_not_read_with() -> None:
    assert list(imap_isolated(loaded_for_reading, [0], jobs=1, start_method="spawn")) == [[]]


@pytest.mark.skipif(not SIMULATED, reason="only where fork and resource are taken away")
def test_the_simulation_reaches_the_workers() -> None:
    assert confine.start_method() == "spawn"
    out = list(imap_isolated(platform_facts, range(2), jobs=1))
    assert [(fork, res) for fork, res, _ in out] == [(False, False)] * 2


def hog(n: int) -> int:
    """Fill `n` MiB (bytearray writes its zeros), a MiB at a time."""
    return len([bytearray(2**20) for _ in range(n)])


def test_the_watchdog_ends_a_worker_above_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # As where the operating system offers no cap: forked workers inherit the patch (and in
    # the simulation, spawned workers cannot set one).
    monkeypatch.setattr(confine, "cap_own_memory", lambda extra: False)
    method = "spawn" if SIMULATED else "fork"
    out = list(
        imap_isolated(hog, [4, 4096, 4], jobs=1, memory_limit=256 * 2**20, start_method=method)
    )
    assert out[0] == out[2] == 4
    assert isinstance(out[1], Failure)
    assert out[1].kind == "crashed"
    assert out[1].detail.startswith(confine.MEMORY + "（上限 ")


def test_the_watchdog_measures_resident_memory() -> None:
    watchdog = confine.Watchdog(0)
    assert watchdog.cap == pytest.approx(psutil.Process().memory_info().rss, rel=0.2)
    assert confine.Watchdog(2**40).over(os.getpid()) is None
    assert watchdog.over(2**22 + 12345) is None  # no such process: nothing to end


# --- the Windows job object ---------------------------------------------------------------


def test_the_job_structures_have_the_windows_layout() -> None:
    pointer = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(winjob.IoCounters) == 48
    if pointer == 8:  # win_amd64: the sizes winnt.h gives
        assert ctypes.sizeof(winjob.BasicLimits) == 64
        assert ctypes.sizeof(winjob.ExtendedLimits) == 144
        assert winjob.ExtendedLimits.ProcessMemoryLimit.offset == 112


def test_the_job_caps_each_worker_and_ends_them_with_the_parent() -> None:
    info = winjob.limits(2**31)
    flags = info.BasicLimitInformation.LimitFlags
    assert flags == 0x2000 | 0x0400 | 0x0100  # kill on close, no crash dialog, memory
    assert info.ProcessMemoryLimit == 2**31
    assert info.JobMemoryLimit == 0
    unlimited = winjob.limits(None)
    assert unlimited.BasicLimitInformation.LimitFlags == 0x2000 | 0x0400
    assert unlimited.ProcessMemoryLimit == 0


def test_no_job_outside_windows() -> None:
    if sys.platform != "win32":
        assert confine.workers_job(2**30) is None
        with pytest.raises(OSError):
            winjob.Job(2**30)


# --- how a worker ended -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exitcode", "log", "words"),
    [
        (-6, "", "シグナル 6: SIGABRT"),
        (-9, "", "メモリ不足の可能性"),
        (3, "", "終了コード 3"),
        (None, "", "異常終了"),
        (-6, "memory allocation of 549755813888 bytes failed", "メモリ上限を超えました（512 GB"),
        (1, "MemoryError", "メモリ上限を超えました"),
        (0xC0000005, "", "不正なメモリアクセスで停止しました（例外コード 0xC0000005）"),
        (0xC0000409, "", "異常を検出して停止しました（例外コード 0xC0000409）"),
        (0xC0000017, "", "メモリ上限を超えました"),
        (0xC0000135, "", "処理が異常終了しました（例外コード 0xC0000135）"),
    ],
)
def test_crash_detail(exitcode: int | None, log: str, words: str) -> None:
    assert words in confine.crash_detail(exitcode, log)
