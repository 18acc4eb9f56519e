"""Run a function over many items in worker processes that no single item can take down.

A native reader that aborts, a segfault, a runaway allocation or an endless loop costs the
item that caused it, never the run: the worker is killed if need be, replaced, and that
item yields a `Failure`. `multiprocessing.Pool` hangs when a worker dies and
`ProcessPoolExecutor` breaks the whole pool, so the pool here is our own: worker processes
(forked on Linux, spawned elsewhere: `toolkit.confine`), one pipe each, watched with
`multiprocessing.connection.wait`.

Each worker writes, in memory shared with the parent, which item of its chunk it is on and
since when. That gives per-item timeouts even when items travel in chunks, and tells which
item of a chunk was running when the worker died. A worker's memory is capped by the
operating system where it offers a cap (RLIMIT_AS on Linux, a job object on Windows); where
it does not, the parent watches each busy worker's memory and ends one above the cap. What
a worker writes to stderr goes to a temporary file, read when the worker dies.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

from toolkit import confine
from toolkit.confine import MEMORY, crash_detail, size_text

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Failure:
    """An item whose worker died or ran out of time, or for which `fn` raised. `detail` is
    short Japanese for the user; `log` the last lines the worker wrote to stderr, or the
    exception (technical, for a log file)."""

    kind: str  # "crashed" | "timeout" | "error" (fn raised: a bug, not the item's fault)
    detail: str
    log: str = ""


def imap_isolated(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    timeout: float = 60.0,
    start_timeout: float | None = None,
    memory_limit: int | None = 1536 * 2**20,
    chunksize: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    capture_stderr: bool = True,
    start_method: str | None = None,
) -> Iterator[R | Failure]:
    """`fn(item)` for every item, each in a worker process; results in the order of
    `items`, streamed (items are taken lazily, a bounded number in flight).

    A worker that dies (abort, segfault, SIGKILL, `os._exit`) or spends more than `timeout`
    seconds on one item is killed and replaced, and that item yields `Failure`; the other
    items of its chunk are run again one by one. `fn` should handle its own errors and not
    raise; if it does, the item yields `Failure("error", …)` and the worker lives on.
    A worker has `start_timeout` seconds (default: `timeout`, at least 30) to start and run
    `initializer(*initargs)`; if it fails or takes longer, RuntimeError is raised.

    `memory_limit` is how much memory a worker may take beyond what it holds when it
    starts, so that a huge allocation fails at once instead of eating the machine's memory
    (`toolkit.confine` says how each platform enforces it); None for no cap. `chunksize`
    items travel in one message. With `capture_stderr`, what workers write to stderr is
    kept for `Failure.log` instead of reaching the terminal. `start_method` is "fork" or
    "spawn" (default: `confine.start_method()`); under spawn, `fn`, `initializer` and
    `initargs` must be picklable. Runs even `jobs == 1` in a child process: isolation is
    the point. Closing the iterator, or Ctrl-C in the parent, ends all workers.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if chunksize < 1:
        raise ValueError("chunksize must be at least 1")
    if timeout <= 0 or (start_timeout is not None and start_timeout <= 0):
        raise ValueError("timeouts must be positive")
    pool = _Pool(
        fn,
        jobs,
        timeout,
        max(timeout, 30.0) if start_timeout is None else start_timeout,
        memory_limit,
        chunksize,
        (initializer, initargs),
        capture_stderr,
        confine.start_method(start_method),
    )
    return pool.run(iter(items))


# --- the worker side --------------------------------------------------------------------

# The shared slot: [0] which item of the chunk runs (_IDLE before the first one, len(chunk)
# while sending results), [1] when it started (before the first item: when the worker got
# ready), [2] 1.0 once the worker is ready (the initializer has run), [3] 1.0 when the
# operating system caps the worker's memory.
_IDLE = -1.0


def _worker_main(
    conn: Connection,
    slot: Any,
    fn: Callable[[Any], Any],
    memory_limit: int | None,
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    stderr_path: str | None,
    inherited: list[Connection],
    parent_pid: int,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if sys.platform != "win32" and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # see confine.ctrl_c_held
    confine.die_with_parent(parent_pid)
    for other in inherited:  # parent ends of every pipe, so that EOF means what it says
        other.close()
    if stderr_path is not None:
        _capture_stderr(stderr_path)
    if memory_limit is not None and confine.cap_own_memory(memory_limit):
        slot[3] = 1.0
    if initializer is not None:
        initializer(*initargs)
    slot[1] = time.monotonic()
    slot[2] = 1.0
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        if stderr_path is not None:
            os.ftruncate(2, 0)  # keep only what the current chunk writes
        out: list[tuple[bool, Any]] = []
        for i, item in enumerate(chunk):
            slot[1] = time.monotonic()
            slot[0] = i
            try:
                out.append((True, fn(item)))
            except MemoryError:
                out.append((False, ("crashed", MEMORY, "")))
            except BaseException as exc:  # fn's errors cost the item, not the worker
                out.append((False, ("error", UNEXPECTED, _exception_detail(exc))))
        slot[0] = len(chunk)
        _send_results(conn, out)


def _capture_stderr(path: str) -> None:
    """Send file descriptor 2, where Python and native libraries write their errors, to
    the worker's log file (appending, so that truncating it starts it afresh)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    # UTF-8 whatever the system's code page: the parent decodes it as such.
    sys.stderr = open(  # noqa: SIM115
        2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False
    )
    faulthandler.enable(file=2)  # a Python traceback in the log when a reader aborts


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
            ok, value = False, ("crashed", MEMORY, "")
        except BaseException as exc:
            ok, value = False, ("error", "処理結果を受け渡せませんでした", _exception_detail(exc))
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
        ctx: Any = multiprocessing.get_context(pool.method)  # typeshed: a BaseContext
        self.slot = ctx.RawArray("d", 4)
        self.slot[0] = _IDLE
        self.log = pool.log_path()
        self.conn, child_conn = ctx.Pipe(duplex=True)
        # A forked worker inherits the parent's end of every pipe and closes them; a
        # spawned one inherits nothing.
        inherited = [w.conn for w in others] + [self.conn] if pool.method == "fork" else []
        initializer, initargs = pool.initializer
        self.process: BaseProcess = ctx.Process(
            target=_worker_main,
            args=(
                child_conn,
                self.slot,
                pool.fn,
                pool.memory_limit,
                initializer,
                initargs,
                self.log,
                inherited,
                os.getpid(),
            ),
            daemon=True,
        )
        with confine.ctrl_c_held(pool.method):
            self.process.start()
        child_conn.close()
        self.started_at = time.monotonic()
        # On Windows the process handle is the sentinel; the job caps it and ends it with us.
        self.in_job = pool.job is not None and pool.job.assign(self.process.sentinel)
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

    @property
    def capped(self) -> bool:
        """Whether the operating system enforces the worker's memory cap."""
        return self.in_job or self.slot[3] == 1.0

    def deadline(self, timeout: float, start_timeout: float) -> float:
        """When the worker runs out of time: to get ready, counted from its start; for the
        current item, counted from when it began it (or from when the chunk was sent, or
        the worker got ready, until it begins); a worker sending its results has no
        deadline of its own."""
        if not self.ready:
            return self.started_at + start_timeout
        position = self.position()
        if position < 0:
            return max(self.sent_at, float(self.slot[1])) + timeout
        if position < len(self.tasks):
            return float(self.slot[1]) + timeout
        return self.sent_at + max(timeout, 3600.0)

    def stderr_text(self, size: int = 256 * 2**10) -> str:
        """What the worker wrote to stderr during its last chunk (the last `size` bytes)."""
        if self.log is None:
            return ""
        try:
            with open(self.log, "rb") as f:
                end = f.seek(0, os.SEEK_END)
                f.seek(max(0, end - size))
                data = f.read(size)
        except OSError:
            return ""
        return confine.decoded(data).strip()

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
        if self.log is not None:
            with contextlib.suppress(OSError):
                os.remove(self.log)
            self.log = None


class _Pool:
    def __init__(
        self,
        fn: Callable[[Any], Any],
        jobs: int,
        timeout: float,
        start_timeout: float,
        memory_limit: int | None,
        chunksize: int,
        initializer: tuple[Callable[..., None] | None, tuple[Any, ...]],
        capture_stderr: bool,
        method: str,
    ) -> None:
        self.fn = fn
        self.jobs = jobs
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.memory_limit = memory_limit
        self.chunksize = chunksize
        self.initializer = initializer
        self.capture_stderr = capture_stderr
        self.method = method
        self.workers: list[_Worker] = []
        # Items handed out but not yet yielded: bounds memory when one item is slow.
        self.window = max(4 * jobs * chunksize, 2 * jobs * chunksize + 16)
        self.done: dict[int, Any] = {}
        self.retry: deque[_Task] = deque()
        self.job = confine.workers_job(memory_limit)
        self.watchdog: confine.Watchdog | None = None
        self.logs: str | None = None
        self.started = 0

    def log_path(self) -> str | None:
        """A fresh file name for a worker's stderr, in the pool's temporary folder."""
        if not self.capture_stderr:
            return None
        if self.logs is None:
            self.logs = tempfile.mkdtemp(prefix="kyogikai-workers-")
        self.started += 1
        return os.path.join(self.logs, f"worker-{self.started}.log")

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
        if self.watchdog is not None and worker.process.pid is not None:
            self.watchdog.forget(worker.process.pid)
        worker.kill()
        worker.close()
        self.workers.remove(worker)
        worker.tasks = []

    def _watch(self, busy: list[_Worker]) -> None:
        deadline = min(w.deadline(self.timeout, self.start_timeout) for w in busy)
        pause = max(0.0, deadline - time.monotonic()) + 0.001
        uncapped = [w for w in busy if self.memory_limit is not None and w.ready and not w.capped]
        if uncapped or not all(w.ready for w in busy):  # watch, or look again once ready
            pause = min(pause, confine.Watchdog.INTERVAL)
        watched: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(_wait(watched, pause))
        for w in busy:
            if w.conn in ready or w.process.sentinel in ready:
                self._collect(w)
        for w in uncapped:
            if w.busy:
                self._check_memory(w)
        now = time.monotonic()
        for w in busy:
            if w.busy and now > w.deadline(self.timeout, self.start_timeout):
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
            # A failed item carries (kind, detail for the user, technical text for the log).
            self.done[task.seq] = value if ok else Failure(*value)
        w.tasks = []

    def _crashed(self, w: _Worker) -> None:
        position = w.position()
        w.kill()
        self._check_started(w, "failed")
        code = w.process.exitcode
        text = w.stderr_text()
        self._blame(w, position, Failure("crashed", crash_detail(code, text), _tail(text)))

    def _check_memory(self, w: _Worker) -> None:
        """End a worker above the memory cap, where the operating system does not."""
        assert self.memory_limit is not None
        if self.watchdog is None:
            self.watchdog = confine.Watchdog(self.memory_limit)
        if self.watchdog.over(w.process.pid or 0) is None:
            return
        position = w.position()
        w.kill()
        detail = f"{MEMORY}（上限 {size_text(self.watchdog.cap)}）"
        self._blame(w, position, Failure("crashed", detail, _tail(w.stderr_text())))

    def _check_started(self, w: _Worker, how: str) -> None:
        if not w.ready:
            log = _tail(w.stderr_text())
            self._replace(w)
            raise RuntimeError(f"a worker {how} before it was ready: {log[-1000:]}")

    def _timed_out(self, w: _Worker) -> None:
        position = w.position()
        w.kill()
        self._check_started(w, "did not finish starting in time")
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
        if self.job is not None:
            self.job.close()
        if self.logs is not None:
            shutil.rmtree(self.logs, ignore_errors=True)
            self.logs = None


_SLICE = 0.01  # seconds given to each group of handles in turn when there are several


def _wait(objects: list[Any], timeout: float) -> list[Any]:
    """`multiprocessing.connection.wait`, never on more objects at once than the
    platform can wait on (Windows: 63 handles, `confine.WAIT_LIMIT`): more are waited on
    group by group, in turn, in short slices, until one is ready or `timeout` passes."""
    limit = confine.WAIT_LIMIT
    if limit is None or len(objects) <= limit:
        return wait(objects, timeout=timeout)
    groups = [objects[i : i + limit] for i in range(0, len(objects), limit)]
    deadline = time.monotonic() + timeout
    turn = 0
    while True:
        ready = [o for group in groups for o in wait(group, timeout=0)]
        left = deadline - time.monotonic()
        if ready or left <= 0:
            return ready
        if not wait(groups[turn], timeout=min(left, _SLICE)):
            turn = (turn + 1) % len(groups)


def _tail(text: str, size: int = 4000) -> str:
    """The start (what a native library said before it gave up) and the end (the Python
    traceback faulthandler printed) of a long stderr capture."""
    if len(text) <= size:
        return text
    half = size // 2
    return f"{text[:half]}\n…\n{text[-half:]}"
