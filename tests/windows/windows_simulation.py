"""Windows as HQ's office PC behaves, simulated on any platform: each call fails the way
Windows makes it fail, so that the code that handles it runs (and is tested) here.

`apply(spec, patch)` installs the simulations a spec names; `patch(owner, name, value)`
is pytest's `monkeypatch.setattr` in a test, plain `setattr` in a child process, where
`sitecustomize` (in `site/`) applies the spec found in the environment variable
KYOGIKAI_SIMULATE_WINDOWS: the command line started by a test and its spawned workers are
simulated too. A spec is plain JSON:

- "locked": files another program holds — [{"path", "under" (true: every file in that
  folder), "ops" (replace, unlink, read, write), "times" (how many attempts fail; -1:
  all), "winerror" (32 sharing violation; 5 access denied, what a rename over a file
  open in Excel gets)}];
- "clock": the pauses of the retries take no time (a simulated clock advances instead);
- "file_id_zero": folders (and everything under them) whose file ID is 0, as network
  drives report it;
- "wait_limit": the number of handles one wait may take (Windows: 63);
- "network": folders that are network drives (psutil calls them cifs and remote);
- "full_disk": {"path": a folder, "after": bytes a zip file there may take before the disk
  is full};
- "too_long": paths at least this long cannot be opened but in their long form
  (Windows' 260 characters, ERROR_FILENAME_EXCED_RANGE).
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

ENV = "KYOGIKAI_SIMULATE_WINDOWS"
Patch = Callable[[Any, str, Any], None]

SHARING_TEXT = "プロセスはファイルにアクセスできません。別のプロセスが使用中です。"
DENIED_TEXT = "アクセスが拒否されました。"


def windows_error(kind: type[OSError], code: int, winerror: int, text: str, path: str) -> OSError:
    """An OSError as Windows raises it: with `winerror` (set by hand where this platform's
    OSError has no such attribute)."""
    exc = kind(code, text, path)
    vars(exc)["winerror"] = winerror
    return exc


def _key(path: Any) -> str:
    return os.path.abspath(os.fsdecode(path))


def apply(spec: dict[str, Any], patch: Patch = setattr) -> None:
    """Install the simulations `spec` names (see the module's docstring)."""
    if spec.get("locked"):
        _locks(spec["locked"], patch)
    if spec.get("clock"):
        install_clock(patch)
    if spec.get("file_id_zero"):
        _file_id_zero([_key(p) for p in spec["file_id_zero"]], patch)
    if spec.get("wait_limit"):
        _wait_limit(int(spec["wait_limit"]), patch)
    if spec.get("network"):
        _network([_key(p) for p in spec["network"]], patch)
    if spec.get("full_disk"):
        _full_disk(_key(spec["full_disk"]["path"]), int(spec["full_disk"]["after"]), patch)
    if spec.get("too_long"):
        _too_long(int(spec["too_long"]), patch)


def from_environment() -> None:
    """Apply the spec of KYOGIKAI_SIMULATE_WINDOWS, if any (a child process)."""
    text = os.environ.get(ENV)
    if text:
        apply(json.loads(text))


# --- files another program holds --------------------------------------------------------


def _locks(locks: list[dict[str, Any]], patch: Patch) -> None:
    held = {_key(lock["path"]): lock for lock in locks}
    folders = {k: lock for k, lock in held.items() if lock.get("under")}
    tries: dict[tuple[str, str], int] = {}

    def refuse(op: str, path: Any) -> None:
        if not isinstance(path, str | bytes | os.PathLike):
            return
        key = _key(path)
        lock = held.get(key) or next(
            (lock for root, lock in folders.items() if _inside(key, [root])), None
        )
        if lock is None or op not in lock.get("ops", ["replace", "unlink", "read", "write"]):
            return
        n = tries.get((op, _key(path)), 0)
        tries[(op, _key(path))] = n + 1
        times = int(lock.get("times", -1))
        if times < 0 or n < times:
            code = int(lock.get("winerror", 32))
            text = SHARING_TEXT if code != 5 else DENIED_TEXT
            raise windows_error(PermissionError, errno.EACCES, code, text, os.fsdecode(path))

    real_replace, real_unlink, real_remove, real_open = os.replace, os.unlink, os.remove, io.open

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        refuse("replace", dst)
        real_replace(src, dst, *args, **kwargs)

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        refuse("unlink", path)
        real_unlink(path, *args, **kwargs)

    def remove(path: Any, *args: Any, **kwargs: Any) -> None:
        refuse("unlink", path)
        real_remove(path, *args, **kwargs)

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        writing = any(c in mode for c in "wxa+")
        refuse("write" if writing else "read", file)
        return real_open(file, mode, *args, **kwargs)

    patch(os, "replace", replace)
    patch(os, "unlink", unlink)
    patch(os, "remove", remove)
    patch(io, "open", open_)
    patch(builtins, "open", open_)


class Clock:
    """A clock that moves only when paused: retries take no time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def install_clock(patch: Patch) -> Clock:
    from toolkit import fileio

    clock = Clock()
    patch(fileio, "_clock", clock)
    patch(fileio, "_pause", clock.pause)
    return clock


# --- network drives ---------------------------------------------------------------------


class _NoFileId:
    """A stat result with the file ID a network drive reports: 0."""

    st_ino = 0

    def __init__(self, real: os.stat_result) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _file_id_zero(roots: list[str], patch: Patch) -> None:
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        found = real_stat(path, *args, **kwargs)
        if isinstance(path, int) or not _inside(_key(path), roots):
            return found
        return _NoFileId(found)

    patch(os, "stat", stat)


def _network(roots: list[str], patch: Patch) -> None:
    import psutil

    real = psutil.disk_partitions

    def partitions(all: bool = False) -> list[Any]:
        shares = [
            SimpleNamespace(device=f"//server/share{i}", mountpoint=root, fstype="cifs",
                            opts="rw,remote")
            for i, root in enumerate(roots)
        ]  # fmt: skip
        return [*real(all), *shares]

    patch(psutil, "disk_partitions", partitions)


def _too_long(limit: int, patch: Patch) -> None:
    """Paths of `limit` characters or more are "not found" unless in their long form, as
    on a Windows whose long paths are not switched on."""
    real_stat, real_open = os.stat, io.open

    def refuse(path: Any) -> None:
        if isinstance(path, int) or not isinstance(path, str | bytes | os.PathLike):
            return
        text = os.fsdecode(path)
        if len(_key(text)) >= limit and not text.startswith("\\\\?\\"):
            raise windows_error(
                FileNotFoundError, errno.ENOENT, 3, "指定されたパスが見つかりません。", text
            )

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(path)
        return real_stat(path, *args, **kwargs)

    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(file)
        return real_open(file, *args, **kwargs)

    patch(os, "stat", stat)
    patch(io, "open", open_)
    patch(builtins, "open", open_)


# --- processes ----------------------------------------------------------------------------


def square(x: int) -> int:
    """A worker's task for the tests of many workers (cheap to import in a worker)."""
    return x * x


def _wait_limit(limit: int, patch: Patch) -> None:
    """Windows' WaitForMultipleObjects, as Python 3.11 gives it: at most `limit` handles."""
    import multiprocessing.connection

    from toolkit import confine, isolation

    real = multiprocessing.connection.wait

    def wait(objects: Any, timeout: float | None = None) -> Any:
        objects = list(objects)
        if len(objects) > limit:
            raise ValueError(
                f"need at most {limit} handles, got a sequence of length {len(objects)}"
            )
        return real(objects, timeout)

    patch(confine, "WAIT_LIMIT", limit)
    patch(isolation, "wait", wait)
    patch(multiprocessing.connection, "wait", wait)


# --- a disk that fills up -----------------------------------------------------------------


class _Filling:
    """A file on a disk with `room` bytes left: a write past it fails with ENOSPC."""

    def __init__(self, fp: Any, room: int) -> None:
        self._fp = fp
        self._room = room

    def write(self, data: Any) -> int:
        size = len(data)
        if size > self._room:
            self._room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= size
        return int(self._fp.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fp, name)


def _full_disk(root: str, room: int, patch: Patch) -> None:
    import zipfile

    real_init = zipfile.ZipFile.__init__

    def init(self: zipfile.ZipFile, file: Any, *args: Any, **kwargs: Any) -> None:
        real_init(self, file, *args, **kwargs)
        writing = self.mode in ("w", "x", "a") and self.fp is not None
        if writing and isinstance(file, str | os.PathLike) and _inside(_key(file), [root]):
            self.fp = _Filling(self.fp, room)  # type: ignore[assignment]

    patch(zipfile.ZipFile, "__init__", init)
