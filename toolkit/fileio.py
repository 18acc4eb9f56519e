"""Writing files so that a reader never sees half of one: temp file beside it, then rename.

Every output of the toolkit (forms, summaries, feedback copies, archive copies) goes
through here, so that a crash leaves either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError

_COUNTER = itertools.count()


def _temporary(path: Path) -> Path:
    # Hidden, ending in ".tmp" so that a half-written file never looks like a workbook, and
    # unique per process and call without the cost of mkstemp's retries and chmod.
    _sweep_stale(path)
    return path.parent / f".{path.name}.{os.getpid()}-{next(_COUNTER)}.tmp"


_STALE_SECONDS = 3600.0


def _sweep_stale(path: Path) -> None:
    """Remove half-written files of `path` that a killed run left behind (they may hold
    report text): a temporary file untouched for an hour belongs to no running writer."""
    # One listing of the folder, names compared as text: a glob pattern of each file's own
    # name costs a regular expression compiled per write (10 ms a file in an archive of
    # tens of thousands).
    prefix = f".{path.name}."
    try:
        with os.scandir(path.parent) as entries:
            leftovers = [
                Path(e.path)
                for e in entries
                if e.name.startswith(prefix)
                and e.name.endswith(".tmp")
                and len(e.name) > len(prefix) + 4
            ]
    except OSError:
        return
    now = time.time()
    for tmp in leftovers:
        try:
            if now - tmp.stat().st_mtime <= _STALE_SECONDS:
                continue
            if tmp.is_dir() and not tmp.is_symlink():
                shutil.rmtree(tmp)
            else:
                tmp.unlink()
        except OSError:
            continue


def glob_escape(name: str) -> str:
    """A file name as a literal glob pattern."""
    return re.sub(r"([*?\[])", r"[\1]", name)


@contextmanager
def atomic_path(path: Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary path beside `path`; renamed over `path` when the block succeeds.

    For writers that want a file name (xlsxwriter, openpyxl). With `durable`, the data is
    flushed to disk before the rename. On failure the temporary file is removed and `path`
    is left as it was. The file gets the permissions any new file gets (umask).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    try:
        yield tmp
        if durable:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_workbook(path: Path) -> Iterator[tuple[Path, Path]]:
    """`atomic_path` for writers that keep temporary parts of their own (xlsxwriter): yields
    the temporary file and a private folder beside it for those parts. The folder is
    removed afterwards, and one that a killed run left behind is swept like a half-written
    file, so no copy of report text outlives the run."""
    with atomic_path(path) as tmp:
        scratch = _temporary(path)
        scratch.mkdir()
        try:
            yield tmp, scratch
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def write_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder."""
    try:
        tmp = _temporary(path)
        fh = open(tmp, "xb")  # noqa: SIM115 - closed below, before the rename
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(tmp, "xb")  # noqa: SIM115
    try:
        with fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def archive_name(sha256: str, path: str) -> str:
    """Where a file is kept in a content-addressed archive: `<sha[:2]>/<sha><.ext>`."""
    ext = Path(path).suffix.lower()
    if not (2 <= len(ext) <= 6 and ext[1:].isalnum() and ext[1:].isascii()):
        ext = ""
    return f"{sha256[:2]}/{sha256}{ext}"


def archive_copy(archive: Path, sha256: str, path: str, data: bytes) -> str:
    """Keep `data` in the archive (once: content addressed); returns its relative name.

    The copy is written atomically but not forced to disk: the ledger runs SQLite with
    `synchronous=NORMAL`, so both share the durability of the OS's own write-back. A copy
    lost to a power cut is written again the next time its file is read (it is looked
    for by name on every read).
    """
    name = archive_name(sha256, path)
    target = archive / name
    if not target.exists():
        write_atomic(target, data)
    return name


OUTPUT_PROPERTY = "kyogikai-output"
# What opening any file as a zip may raise on a damaged or hostile one (zipfile raises
# NotImplementedError for an unknown version or method, RuntimeError for an encrypted part).
ZIP_TROUBLE: tuple[type[Exception], ...] = (
    OSError,
    KeyError,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    zipfile.BadZipFile,
    zlib.error,
)
_OUTPUT_MARK = re.compile(
    rb'name="kyogikai-output"[^>]*>\s*<(?:\w+:)?lpwstr>([^<]{0,40})<', re.IGNORECASE
)


def output_kind(path: Path) -> str | None:
    """What kind of kyogikai output a file is (summary, feedback, remind, roster…), from
    its custom document property `kyogikai-output`; None for any other file (a report, a
    file that is not a workbook, one that cannot be read)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/custom.xml")
            if info.file_size > 2**20:
                return None
            data = zf.read(info)
    except ZIP_TROUBLE:
        return None
    found = _OUTPUT_MARK.search(data)
    return found.group(1).decode("utf-8", "replace") if found else None


@dataclass(frozen=True)
class Protected:
    """What a command's outputs must never replace: the files and folders it reads
    (reports, the registry, the settings, the ledger) and the ledger's archive. With
    `force` the user has said that replacing a file is what they want."""

    inputs: tuple[Path, ...] = ()
    folders: tuple[Path, ...] = ()
    force: bool = False


class OutputRefused(InputError):
    """An output would replace something that must not be replaced (exit 2)."""


def guard_output(
    path: Path, protected: Protected, replaceable: Callable[[Path], bool] | None = None
) -> None:
    """Refuse (OutputRefused, a Japanese message naming the file and --force) to write
    `path` over an input, into the ledger's archive, or over an existing file that
    kyogikai did not write (`replaceable` may accept more, e.g. an unfilled blank form)."""
    if protected.force:
        return
    target = _resolved(path)
    for given in protected.inputs:
        if target == _resolved(given):
            raise OutputRefused(
                f"出力先「{path}」は入力ファイルの一つです。元のファイルは上書きしません。"
                "別の出力先を指定してください（どうしても上書きする場合は --force）。"
            )
    for folder in protected.folders:
        if _resolved(folder) in target.parents:
            raise OutputRefused(
                f"出力先「{path}」は台帳の保管フォルダの中です。保管フォルダには書き出しません。"
                "別の出力先を指定してください（どうしても書き出す場合は --force）。"
            )
    if not (path.exists() or path.is_symlink()):
        return
    if output_kind(path) is not None or (replaceable is not None and replaceable(path)):
        return
    for given in protected.inputs:
        folder = _resolved(given)
        if folder.is_dir() and folder in target.parents:
            raise OutputRefused(
                f"出力先「{path}」は入力フォルダ「{given}」の中にある、kyogikai が書き出した"
                "ものではないファイルです。元のファイルは上書きしません。"
                "別の出力先を指定してください（どうしても上書きする場合は --force）。"
            )
    raise OutputRefused(
        f"出力先に「{path}」があり、kyogikai が書き出したファイルではないため上書きしません"
        "（報告書や名簿の可能性があります）。別の出力先を指定してください"
        "（上書きしてよければ --force を付けてください）。"
    )


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


# --- file names ---------------------------------------------------------------------------

_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?")
MAX_NAME = 80  # characters of one name kyogikai makes from a station's or council's name


def safe_file_name(text: str) -> str:
    """`text` usable as one Windows file or folder name.

    Characters Windows forbids become `_`; trailing dots and spaces (which Windows drops)
    are removed, a very long name is cut (Windows paths stay short), and device names such as `CON` get a `_` so they are plain names.
    """
    name = _ILLEGAL.sub("_", text).strip(" ").rstrip(". ")[:MAX_NAME]
    if not name:
        return "_"
    if _RESERVED.fullmatch(name):
        return name + "_"
    return name
