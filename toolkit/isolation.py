"""Run a function over many items in worker processes that no single item can take down.

A native reader that aborts, a segfault, a runaway allocation or an endless loop costs the
item that caused it, never the run: the worker is killed if need be, replaced, and that
item yields a `Failure`. `multiprocessing.Pool` hangs when a worker dies and
`ProcessPoolExecutor` breaks the whole pool, so the pool here is our own: forked workers,
one pipe each, watched with `multiprocessing.connection.wait`.

Each worker writes, in memory shared with the parent, which item of its chunk it is on and
since when. That gives per-item timeouts even when items travel in chunks, and tells which
item of a chunk was running when the worker died.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import multiprocessing
import os
import re
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MEMORY = "メモリ上限を超えました"


@dataclass(frozen=True)
class Failure:
    """An item whose worker died or ran out of time. `detail` is short Japanese for the
    user; `log` the last lines the worker wrote to stderr (technical, for a log file)."""

    kind: str  # "crashed" | "timeout"
    detail: str
    log: str = ""


def imap_isolated(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    timeout: float = 60.0,
    memory_limit: int | None = 1536 * 2**20,
    chunksize: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    capture_stderr: bool = True,
) -> Iterator[R | Failure]:
    """`fn(item)` for every item, each in a forked worker process; results in the order of
    `items`, streamed (items are taken lazily, a bounded number in flight).

    A worker that dies (abort, segfault, SIGKILL, `os._exit`) or spends more than `timeout`
    seconds on one item is killed and replaced, and that item yields `Failure`; the other
    items of its chunk are run again one by one. `fn` should handle its own errors and not
    raise; if it does, the item yields `Failure("crashed", …)` and the worker lives on.

    `memory_limit` caps how much address space (RLIMIT_AS) a worker may add to what it
    inherits from the parent at fork, so that a huge allocation fails at once instead of
    eating the machine's memory; None for no cap. `chunksize` items travel in one message.
    `initializer(*initargs)` runs once in each worker; if it fails, RuntimeError is raised.
    With `capture_stderr`, what workers write to stderr is kept for `Failure.log` instead
    of reaching the terminal. Runs even `jobs == 1` in a child process: isolation is the
    point. Closing the iterator, or Ctrl-C in the parent, ends all workers.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if chunksize < 1:
        raise ValueError("chunksize must be at least 1")
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    pool = _Pool(fn, jobs, timeout, memory_limit, chunksize, initializer, initargs, capture_stderr)
    return pool.run(iter(items))


# --- the worker side --------------------------------------------------------------------

# The shared slot: [0] which item of the chunk runs (_IDLE before the first one, len(chunk)
# while sending results), [1] when it started, [2] 1.0 once the initializer has run.
_IDLE = -1.0
_PR_SET_PDEATHSIG = 1


def _worker_main(
    conn: Connection,
    slot: Any,
    fn: Callable[[Any], Any],
    memory_limit: int | None,
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    stderr_fd: int | None,
    inherited: list[Connection],
    parent_pid: int,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent(parent_pid)
    for other in inherited:  # parent ends of every pipe, so that EOF means what it says
        other.close()
    if stderr_fd is not None:
        os.dup2(stderr_fd, 2)
        sys.stderr = open(2, "w", buffering=1, errors="backslashreplace", closefd=False)  # noqa: SIM115
        faulthandler.enable(file=2)  # a Python traceback in the log when a reader aborts
    if memory_limit is not None:
        _limit_memory(memory_limit)
    if initializer is not None:
        initializer(*initargs)
    slot[2] = 1.0
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        if stderr_fd is not None:
            os.ftruncate(2, 0)  # keep only what the current chunk writes
        out: list[tuple[bool, Any]] = []
        for i, item in enumerate(chunk):
            slot[1] = time.monotonic()
            slot[0] = i
            try:
                out.append((True, fn(item)))
            except MemoryError:
                out.append((False, (MEMORY, "")))
            except BaseException as exc:  # fn's errors are the item's, not ours
                out.append((False, (UNEXPECTED, _exception_detail(exc))))
        slot[0] = len(chunk)
        _send_results(conn, out)


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when the parent dies, so no orphan outlives a run."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)


def _limit_memory(extra: int) -> None:
    with open("/proc/self/statm") as f:
        inherited = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = inherited + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _exception_detail(exc: BaseException) -> str:
    """The technical text of an exception raised by `fn` (for the log, not the user)."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name


UNEXPECTED = "読み取り処理で想定外のエラーが起きました（プログラムの不具合の可能性があります）"


def _send_results(conn: Connection, out: list[tuple[bool, Any]]) -> None:
    try:
        conn.send(out)
        return
    except (BrokenPipeError, ConnectionResetError):
        os._exit(0)  # the parent is gone
    except BaseException:  # an unpicklable or oversized result
        pass
    checked = []
    for ok, value in out:
        try:
            ForkingPickler.dumps(value)
        except MemoryError:
            ok, value = False, (MEMORY, "")
        except BaseException as exc:
            ok, value = False, ("処理結果を受け渡せませんでした", _exception_detail(exc))
        checked.append((ok, value))
    conn.send(checked)


# --- the parent side --------------------------------------------------------------------


@dataclass
class _Task:
    seq: int
    item: Any
    retried: bool = False


class _Worker:
    """One worker process, its pipe, its shared slot and its captured stderr."""

    def __init__(self, pool: _Pool, others: list[_Worker]) -> None:
        ctx = multiprocessing.get_context("fork")
        self.slot = ctx.RawArray("d", 3)
        self.slot[0] = _IDLE
        self.stderr = os.memfd_create("worker-stderr") if pool.capture_stderr else None
        if self.stderr is not None:
            import fcntl

            fcntl.fcntl(self.stderr, fcntl.F_SETFL, os.O_APPEND)
        self.conn, child_conn = ctx.Pipe(duplex=True)
        inherited = [w.conn for w in others] + [self.conn]
        self.process: BaseProcess = ctx.Process(
            target=_worker_main,
            args=(
                child_conn,
                self.slot,
                pool.fn,
                pool.memory_limit,
                pool.initializer,
                pool.initargs,
                self.stderr,
                inherited,
                os.getpid(),
            ),
            daemon=True,
        )
        self.process.start()
        child_conn.close()
        self.tasks: list[_Task] = []
        self.sent_at = 0.0

    @property
    def busy(self) -> bool:
        return bool(self.tasks)

    def give(self, tasks: list[_Task]) -> None:
        self.tasks = tasks
        self.slot[0] = _IDLE  # the worker only writes it after receiving: no race
        self.sent_at = time.monotonic()
        self.conn.send([t.item for t in tasks])

    def position(self) -> int:
        return int(self.slot[0])

    @property
    def ready(self) -> bool:
        return self.slot[2] == 1.0

    def deadline(self, timeout: float) -> float:
        """When the current item runs out of time; the chunk's send time counts until the
        worker starts on it; a worker sending its results has no deadline of its own."""
        position = self.position()
        if position < 0:
            return self.sent_at + timeout
        if position < len(self.tasks):
            return float(self.slot[1]) + timeout
        return self.sent_at + max(timeout, 3600.0)

    def stderr_text(self, size: int = 256 * 2**10) -> str:
        """What the worker wrote to stderr during its last chunk (the last `size` bytes)."""
        if self.stderr is None:
            return ""
        end = os.fstat(self.stderr).st_size
        data = os.pread(self.stderr, size, max(0, end - size))
        return data.decode("utf-8", "replace").strip()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def stop(self, grace: float) -> None:
        """End the worker: politely when idle, by force otherwise; always reap it."""
        if self.process.is_alive() and not self.busy:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(grace)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(grace)
        self.kill()
        self.close()

    def close(self) -> None:
        self.conn.close()
        self.process.close()
        if self.stderr is not None:
            os.close(self.stderr)
            self.stderr = None


class _Pool:
    def __init__(
        self,
        fn: Callable[[Any], Any],
        jobs: int,
        timeout: float,
        memory_limit: int | None,
        chunksize: int,
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
        capture_stderr: bool,
    ) -> None:
        self.fn = fn
        self.jobs = jobs
        self.timeout = timeout
        self.memory_limit = memory_limit
        self.chunksize = chunksize
        self.initializer = initializer
        self.initargs = initargs
        self.capture_stderr = capture_stderr
        self.workers: list[_Worker] = []
        # Items handed out but not yet yielded: bounds memory when one item is slow.
        self.window = max(4 * jobs * chunksize, 2 * jobs * chunksize + 16)
        self.done: dict[int, Any] = {}
        self.retry: deque[_Task] = deque()

    def run(self, items: Iterator[Any]) -> Iterator[Any]:
        try:
            yield from self._loop(items)
        finally:
            self._shutdown()

    def _loop(self, items: Iterator[Any]) -> Iterator[Any]:
        next_out = next_seq = 0
        exhausted = False
        while True:
            while next_out in self.done:
                yield self.done.pop(next_out)
                next_out += 1
            while any(not w.busy for w in self.workers) or len(self.workers) < self.jobs:
                tasks: list[_Task] = []
                if self.retry:
                    tasks = [self.retry.popleft()]
                elif not exhausted and next_seq - next_out < self.window:
                    for item in items:
                        tasks.append(_Task(next_seq, item))
                        next_seq += 1
                        if len(tasks) == self.chunksize:
                            break
                    else:
                        exhausted = True
                if not tasks:
                    break
                self._dispatch(tasks)
            busy = [w for w in self.workers if w.busy]
            if not busy:
                if exhausted and not self.retry:
                    while next_out in self.done:
                        yield self.done.pop(next_out)
                        next_out += 1
                    return
                continue
            self._watch(busy)

    def _dispatch(self, tasks: list[_Task]) -> None:
        worker = next((w for w in self.workers if not w.busy), None)
        if worker is None:
            worker = self._start()
        try:
            worker.give(tasks)
        except (BrokenPipeError, ConnectionResetError):
            # Died while idle (killed from outside): nobody's fault; try a fresh one.
            self._replace(worker)
            self._dispatch(tasks)

    def _start(self) -> _Worker:
        worker = _Worker(self, self.workers)
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        worker.close()
        self.workers.remove(worker)
        worker.tasks = []

    def _watch(self, busy: list[_Worker]) -> None:
        deadline = min(w.deadline(self.timeout) for w in busy)
        watched: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(watched, timeout=max(0.0, deadline - time.monotonic()) + 0.001))
        for w in busy:
            if w.conn in ready or w.process.sentinel in ready:
                self._collect(w)
        now = time.monotonic()
        for w in busy:
            if w.busy and now > w.deadline(self.timeout):
                self._timed_out(w)

    def _collect(self, w: _Worker) -> None:
        try:
            out = w.conn.recv() if w.conn.poll() else None
        except (EOFError, OSError):
            out = None
        if out is None:
            self._crashed(w)
            return
        for task, (ok, value) in zip(w.tasks, out, strict=True):
            # A failed item carries (detail for the user, technical text for the log).
            self.done[task.seq] = value if ok else Failure("crashed", *value)
        w.tasks = []

    def _crashed(self, w: _Worker) -> None:
        position = w.position()
        w.kill()
        self._check_started(w, "failed")
        code = w.process.exitcode
        text = w.stderr_text()
        self._blame(w, position, Failure("crashed", _crash_detail(code, text), _tail(text)))

    def _check_started(self, w: _Worker, how: str) -> None:
        if not w.ready:
            log = _tail(w.stderr_text())
            self._replace(w)
            raise RuntimeError(f"the worker initializer {how}: {log[-1000:]}")

    def _timed_out(self, w: _Worker) -> None:
        position = w.position()
        w.kill()
        self._check_started(w, "did not finish in time")
        detail = f"{self.timeout:g}秒以内に終わらなかったため中止しました"
        self._blame(w, position, Failure("timeout", detail, _tail(w.stderr_text())))

    def _blame(self, w: _Worker, position: int, failure: Failure) -> None:
        """The item that was running takes the failure; the rest of its chunk runs again,
        one by one. When no item was running, a lone item gets one second chance."""
        tasks = w.tasks
        self._replace(w)
        if 0 <= position < len(tasks):
            guilty = tasks[position]
        elif len(tasks) == 1 and tasks[0].retried:
            guilty = tasks[0]
        else:
            guilty = None
        for task in tasks:
            if task is guilty:
                self.done[task.seq] = failure
            else:
                self.retry.append(_Task(task.seq, task.item, retried=True))

    def _shutdown(self) -> None:
        for w in self.workers:
            w.stop(grace=1.0)
        self.workers = []


def _tail(text: str, size: int = 4000) -> str:
    """The start (what a native library said before it gave up) and the end (the Python
    traceback faulthandler printed) of a long stderr capture."""
    if len(text) <= size:
        return text
    half = size // 2
    return f"{text[:half]}\n…\n{text[-half:]}"


_ALLOCATION = re.compile(r"memory allocation of (\d+) bytes failed")


def _crash_detail(exitcode: int | None, log: str) -> str:
    """Short Japanese words for how a worker ended."""
    m = _ALLOCATION.search(log)
    if m or "MemoryError" in log:
        size = f"（{_size(int(m.group(1)))}の確保に失敗）" if m else ""
        return MEMORY + size
    if exitcode is None:
        return "処理が異常終了しました"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "?"
        detail = f"処理が強制終了しました（シグナル {-exitcode}: {name}）"
        if -exitcode == signal.SIGKILL:
            detail += "。メモリ不足の可能性があります"
        return detail
    return f"処理が予期せず終了しました（終了コード {exitcode}）"


def _size(n: int) -> str:
    if n >= 2**30:
        return f"{n / 2**30:,.0f} GB"
    return f"{n / 2**20:,.0f} MB"
