"""What each platform offers to keep a worker process in bounds.

The pool in `toolkit.isolation` works the same everywhere; the parts that differ live here:

- how workers start: fork on Linux (cheapest: a worker shares what the parent has loaded),
  spawn elsewhere, or as the environment variable KYOGIKAI_START_METHOD says;
- a memory cap the operating system enforces: RLIMIT_AS on Linux, set by each worker on
  itself; a job object on Windows (`toolkit.winjob`), set by the parent. macOS accepts
  RLIMIT_AS but does not enforce it; there, and wherever no cap could be set, the parent's
  `Watchdog` reads each worker's resident memory and ends one that passes the cap;
- ending with the parent: Linux's parent-death signal, Windows' job object, elsewhere a
  thread in the worker that watches for the parent's end;
- Ctrl-C held back while a worker is created (a signal mask on POSIX, the console's
  Ctrl-C attribute on Windows), how many handles one wait may take (63 on Windows), and
  the encodings a worker's error output comes in;
- Japanese words for how a worker ended, from a signal or a Windows exception code.

Nothing platform-specific is imported at module level: `resource`, `ctypes` and psutil
are imported where they are used, on the platforms that use them.
"""

from __future__ import annotations

import contextlib
import locale
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from toolkit.errors import InputError

START_METHOD_ENV = "KYOGIKAI_START_METHOD"
START_METHODS = ("fork", "spawn")
MEMORY = "メモリ上限を超えました"

# A spawned worker starts a fresh interpreter and imports the readers; a job object's cap
# is on all the memory a process commits, so it leaves this much room for them.
JOB_BASE = 512 * 2**20


def start_method(requested: str | None = None) -> str:
    """How workers start, "fork" or "spawn": `requested`, else the environment variable
    KYOGIKAI_START_METHOD, else fork on Linux and spawn everywhere else (Windows has no
    fork; on macOS it is unsafe with the system's libraries).

    A bad `requested` is the caller's error (ValueError); a bad environment variable is the
    user's (`InputError`, in Japanese)."""
    can_fork = hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()
    if requested is not None:
        if requested not in START_METHODS or (requested == "fork" and not can_fork):
            raise ValueError(f"start method {requested!r} is not available here")
        return requested
    chosen = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if not chosen:
        return "fork" if can_fork and sys.platform.startswith("linux") else "spawn"
    if chosen not in START_METHODS:
        raise InputError(
            f"環境変数 {START_METHOD_ENV} には fork か spawn を指定してください"
            f"（指定された値: {chosen}）。"
        )
    if chosen == "fork" and not can_fork:
        raise InputError(
            f"この環境では fork が使えません。環境変数 {START_METHOD_ENV} を spawn にするか、"
            "削除してください。"
        )
    return chosen


# --- in the worker ------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def cap_own_memory(extra: int) -> bool:
    """Cap this process's address space (RLIMIT_AS) at what it maps now plus `extra` bytes,
    so that a huge allocation fails at once (MemoryError, or a native reader's abort)
    instead of eating the machine's memory. True when the cap is in force: on Linux only,
    since macOS accepts the limit without enforcing it and Windows has none."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            mapped = int(f.read().split()[0]) * resource.getpagesize()
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = mapped + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        return False
    return True


def die_with_parent(parent_pid: int) -> None:
    """End this worker when its parent ends, so that no worker outlives a run.

    Linux sends it SIGKILL (prctl's parent-death signal); on Windows the parent's job
    object ends it; elsewhere a thread watches for the parent's end (the worker is then
    handed to another parent). A worker whose parent is already gone ends at once."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            _watch_parent(parent_pid)
    elif sys.platform != "win32":
        _watch_parent(parent_pid)
    if os.getppid() != parent_pid:
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


# --- in the parent ------------------------------------------------------------------------

# Windows' WaitForMultipleObjects takes at most 64 handles, and Python keeps one of them
# for Ctrl-C: a pool waits on two per worker (its pipe and its process), so more than 31
# workers are waited on in groups (`toolkit.isolation`). None: no limit here.
WAIT_LIMIT: int | None = 63 if sys.platform == "win32" else None


@contextlib.contextmanager
def ctrl_c_held(method: str) -> Iterator[None]:
    """Hold Ctrl-C back while a worker starts, so that one pressed then ends the run
    quietly (130) instead of reaching a half-started interpreter, which prints a
    traceback or 「Fatal Python error」.

    POSIX: SIGINT is blocked in this thread; the worker inherits the block and drops a
    pending Ctrl-C once it ignores SIGINT, and the parent gets its own when the block is
    lifted. Windows (no signal masks): the console's Ctrl-C is ignored while the worker
    is created, an attribute the worker inherits and keeps (the parent ends it), and the
    parent takes Ctrl-C again at once."""
    if sys.platform == "win32" or not hasattr(signal, "pthread_sigmask"):
        ignore = console_ctrl_c()
        if ignore is None:
            yield
            return
        ignore(True)
        try:
            yield
        finally:
            ignore(False)
        return
    if method == "spawn":  # started with the first spawned process, it would unblock SIGINT
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def console_ctrl_c() -> Callable[[bool], object] | None:
    """Windows' SetConsoleCtrlHandler(NULL, ignore): whether this process (and the
    processes it creates) ignore Ctrl-C; None where there is no such call."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    set_handler = windll.kernel32.SetConsoleCtrlHandler
    return lambda ignore: set_handler(None, bool(ignore))


def decoded(data: bytes) -> str:
    """What a worker wrote to its error output, as text: Python writes UTF-8 there (the
    worker's stderr is opened so), a native library writes in the system's code page
    (cp932 on Japanese Windows); each line is read in the encoding it was written in."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    local = locale.getpreferredencoding(False) or "utf-8"
    lines = []
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode(local, "replace"))
    return "".join(lines)


def workers_job(memory_limit: int | None) -> Any:
    """On Windows, a job object for the workers (`toolkit.winjob.Job`), each capped at
    `memory_limit` plus room for the interpreter; None elsewhere, or when Windows refuses
    (then the watchdog watches memory, and workers end with their parent only when idle)."""
    if sys.platform != "win32":
        return None
    from toolkit.winjob import Job

    try:
        return Job(None if memory_limit is None else memory_limit + JOB_BASE)
    except OSError:
        return None


class Watchdog:
    """Ends, from the parent, a worker whose resident memory passes its cap: for platforms
    where the operating system enforces none. The cap is what the parent holds when the
    pool starts (a worker, forked or spawned, needs no more to begin with) plus the pool's
    `memory_limit`. Resident memory is read with psutil, the one portable way to read it."""

    INTERVAL = 0.05  # seconds between two looks while an uncapped worker is busy

    def __init__(self, memory_limit: int) -> None:
        import psutil

        self._psutil = psutil
        self.cap = psutil.Process().memory_info().rss + memory_limit
        self._processes: dict[int, Any] = {}

    def over(self, pid: int) -> int | None:
        """The resident bytes of process `pid` when they pass the cap, else None."""
        try:
            process = self._processes.get(pid)
            if process is None:
                process = self._processes[pid] = self._psutil.Process(pid)
            rss = int(process.memory_info().rss)
        except self._psutil.Error:  # ended already: its sentinel will say so
            return None
        return rss if rss > self.cap else None

    def forget(self, pid: int) -> None:
        self._processes.pop(pid, None)


# --- how a worker ended -------------------------------------------------------------------

_ALLOCATION = re.compile(r"memory allocation of (\d+) bytes failed")

# Windows ends a crashed process with an NTSTATUS exception code as its exit code.
_WINDOWS_CODES = {
    0xC0000005: "処理が不正なメモリアクセスで停止しました",
    0xC00000FD: "処理がスタック領域の不足で停止しました",
    0xC0000409: "処理が異常を検出して停止しました",
    0xC0000017: MEMORY,
    0xC000012D: MEMORY,
}


def crash_detail(exitcode: int | None, log: str) -> str:
    """Short Japanese words for how a worker ended: its exit code (negative: the signal
    that ended it) and the end of what it wrote to stderr."""
    m = _ALLOCATION.search(log)
    if m or "MemoryError" in log:
        size = f"（{size_text(int(m.group(1)))}の確保に失敗）" if m else ""
        return MEMORY + size
    if exitcode is None:
        return "処理が異常終了しました"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "?"
        detail = f"処理が強制終了しました（シグナル {-exitcode}: {name}）"
        if -exitcode == getattr(signal, "SIGKILL", None):
            detail += "。メモリ不足の可能性があります"
        return detail
    if exitcode >= 0xC000_0000:
        words = _WINDOWS_CODES.get(exitcode, "処理が異常終了しました")
        if words == MEMORY:
            return MEMORY
        return f"{words}（例外コード 0x{exitcode:08X}）"
    return f"処理が予期せず終了しました（終了コード {exitcode}）"


def size_text(n: int) -> str:
    if n >= 2**30:
        return f"{n / 2**30:,.0f} GB"
    return f"{n / 2**20:,.0f} MB"
