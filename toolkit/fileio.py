"""Writing files so that a reader never sees half of one: temp file beside it, then rename.

Every output of the toolkit (forms, summaries, feedback copies, archive copies) goes
through here, so that a crash leaves either the old file or the new one, never a torn one.

Windows is the platform HQ works on, and its file system behaves in ways this module
absorbs, on every platform alike (the tests simulate Windows' failures on Linux):

- a file open in Excel cannot be replaced or deleted, and an antivirus or the search
  indexer holds a new file for a moment: every replace, delete and read of an input is
  tried again for a few seconds (`patiently`); a file still held is a `FileLockedError`
  naming it, with what to do;
- a temporary file or folder is hidden (the hidden attribute there, a leading dot
  elsewhere) and has a short name of its own, so that a long target name still fits;
- a path longer than Windows' 260 characters is opened in its `\\\\?\\` form.
"""

from __future__ import annotations

import errno
import functools
import itertools
import ntpath
import os
import re
import shutil
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from toolkit.errors import InputError, OperationalError

T = TypeVar("T")
_COUNTER = itertools.count()
WINDOWS = os.name == "nt"

# --- files another program holds ----------------------------------------------------------

# Windows' refusals while another program has the file open: ERROR_SHARING_VIOLATION and
# ERROR_LOCK_VIOLATION; a rename over a file Excel has open is ERROR_ACCESS_DENIED.
SHARING_VIOLATION, LOCK_VIOLATION, ACCESS_DENIED = 32, 33, 5
_LOCKED = frozenset({SHARING_VIOLATION, LOCK_VIOLATION})
LOCK_WAIT = 4.0  # seconds, in all, that a held file is waited for
_FIRST_PAUSE, _LONGEST_PAUSE = 0.05, 0.8
# The clock and the pause, replaced by the tests' simulation so that no test waits.
_clock: Callable[[], float] = time.monotonic
_pause: Callable[[float], None] = time.sleep


class FileLockedError(OperationalError):
    """A file stays open in another program (Excel, an antivirus) after waiting a few
    seconds: it cannot be replaced, deleted or read now (exit 3; the next run finishes)."""

    ADVICE = "Excel などで開かれています。閉じてから、もう一度実行してください。"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(shown_path(path))
        super().__init__(f"「{self.path}」は {self.ADVICE}")


def held(exc: OSError) -> bool:
    """Whether Windows refused because another program holds the file."""
    return getattr(exc, "winerror", None) in _LOCKED


def patiently(action: Callable[[], T], path: str | os.PathLike[str]) -> T:
    """`action()`, tried again with growing pauses for up to `LOCK_WAIT` seconds while
    Windows says that another program holds the file; then `FileLockedError` naming
    `path`. Access denied is tried again too (a rename over a file open in Excel, an
    antivirus holding a new file), and stays a permission error when `path` itself is
    not a file that could be written."""
    pause = _FIRST_PAUSE
    deadline = _clock() + LOCK_WAIT
    while True:
        try:
            return action()
        except OSError as exc:
            code = getattr(exc, "winerror", None)
            if code not in _LOCKED and code != ACCESS_DENIED:
                raise
            if _clock() >= deadline:
                if code == ACCESS_DENIED and not _writable_file(path):
                    raise
                raise FileLockedError(path) from exc
            _pause(pause)
            pause = min(pause * 2, _LONGEST_PAUSE)


def _writable_file(path: str | os.PathLike[str]) -> bool:
    return os.path.isfile(path) and os.access(path, os.W_OK)


def read_input(path: Path) -> bytes:
    """The bytes of an input file, waiting a few seconds for a program that holds it
    (`FileLockedError` when it keeps holding it); long paths opened in their long form."""
    return patiently(lambda: Path(system_path(path)).read_bytes(), path)


def remove(path: Path, *, missing_ok: bool = True) -> None:
    """Delete a file, waiting a few seconds for a program that holds it."""
    try:
        patiently(lambda: os.unlink(system_path(path)), path)
    except FileNotFoundError:
        if not missing_ok:
            raise


def _replace(tmp: Path, path: Path) -> None:
    patiently(lambda: os.replace(tmp, system_path(path)), path)


# --- long paths ----------------------------------------------------------------------------

MAX_PATH = 260
_LONG_FROM = MAX_PATH - 12  # a folder's path must leave room for an 8.3 name
_LONG_PREFIX = "\\\\?\\"


def system_path(path: str | os.PathLike[str], *, windows: bool = WINDOWS) -> str:
    """`path` as the system should be given it: on Windows, a path of 248 characters or
    more in its `\\\\?\\` form (`\\\\?\\UNC\\server\\share\\…` for a share), which has no
    260-character limit; any other path as it is."""
    text = os.fspath(path)
    if not windows or len(text) < _LONG_FROM or text.startswith(_LONG_PREFIX):
        return text
    full = ntpath.normpath(ntpath.abspath(text) if WINDOWS else text)
    if full.startswith("\\\\"):
        return _LONG_PREFIX + "UNC\\" + full[2:]
    return _LONG_PREFIX + full


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as the user knows it: without the `\\\\?\\` prefix, and a temporary file
    named by the file it was to become when that is known (see `_named`)."""
    text = os.fspath(path)
    if text.startswith(_LONG_PREFIX + "UNC\\"):
        return "\\\\" + text[len(_LONG_PREFIX) + 4 :]
    return text.removeprefix(_LONG_PREFIX)


def too_long(exc: OSError, path: str | os.PathLike[str]) -> bool:
    """Whether the system refused `path` for its length (ENAMETOOLONG; on Windows
    ERROR_FILENAME_EXCED_RANGE, or "path not found" for a path over 260 characters)."""
    code = getattr(exc, "winerror", None)
    if exc.errno == errno.ENAMETOOLONG or code == 206:
        return True
    return code == 3 and len(os.fspath(Path(path).absolute())) >= MAX_PATH


def too_long_text(path: str | os.PathLike[str]) -> str:
    """What to do about a path the system finds too long (Japanese)."""
    length = len(os.fspath(Path(path).absolute()))
    return (
        f"パスが長すぎます（{length}文字）。フォルダをドライブの浅い場所（例: C:\\kyogikai）に"
        "移すか、フォルダ名やファイル名を短くしてから、もう一度実行してください"
    )


# --- temporary files -----------------------------------------------------------------------

# A temporary file or folder: short (a target whose name fills the file system's limit
# still gets one), hidden, ending in ".tmp" so that it never looks like a workbook, and
# unique per process and call without the cost of mkstemp's retries and chmod.
TEMPORARY = re.compile(r"\.kyogikai-\d+-\d+\.tmp")
FILE_ATTRIBUTE_HIDDEN, FILE_ATTRIBUTE_NORMAL = 0x2, 0x80


def _temporary(path: Path) -> Path:
    _sweep_stale(path.parent)
    return path.parent / f".kyogikai-{os.getpid()}-{next(_COUNTER)}.tmp"


@functools.cache
def _attribute_setter() -> Callable[[str, int], None] | None:
    """Windows' SetFileAttributesW, raising OSError when it fails; None elsewhere (a
    leading dot hides a file there)."""
    import ctypes

    windll = getattr(ctypes, "WinDLL", None)
    error, last = getattr(ctypes, "WinError", None), getattr(ctypes, "get_last_error", None)
    if windll is None or error is None or last is None:
        return None
    set_attributes = windll("kernel32", use_last_error=True).SetFileAttributesW

    def setter(path: str, attributes: int) -> None:
        if not set_attributes(path, attributes):
            raise error(last())

    return setter


def _hide(path: Path, hidden: bool = True) -> None:
    """Give a temporary file or folder the hidden attribute, so that Explorer does not
    show it (a file shown after all does no harm); or take it away before the file gets
    its real name, which must never be hidden (waiting for an antivirus, like a rename)."""
    setter = _attribute_setter()
    if setter is None:
        return
    if hidden:
        with suppress(OSError):
            setter(system_path(path), FILE_ATTRIBUTE_HIDDEN)
        return
    patiently(lambda: setter(system_path(path), FILE_ATTRIBUTE_NORMAL), path)


_STALE_SECONDS = 3600.0


def _sweep_stale(folder: Path) -> None:
    """Remove half-written files that a killed run left in `folder` (they may hold
    report text): a temporary file untouched for an hour belongs to no running writer."""
    try:
        leftovers = list(folder.glob(".kyogikai-*.tmp"))
    except OSError:
        return
    now = time.time()
    for tmp in leftovers:
        try:
            if not TEMPORARY.fullmatch(tmp.name) or now - tmp.stat().st_mtime <= _STALE_SECONDS:
                continue
            if tmp.is_dir() and not tmp.is_symlink():
                shutil.rmtree(tmp)
            else:
                tmp.unlink()
        except OSError:
            continue


def _named(exc: OSError, path: Path) -> OSError:
    """`exc` naming `path` where it named one of `path`'s temporary files, or nothing."""
    given = exc.filename
    if given is not None and not TEMPORARY.search(os.fsdecode(given)):
        return exc
    code = getattr(exc, "winerror", None)
    extra = () if code is None else (code,)
    renamed = type(exc)(exc.errno, exc.strerror, shown_path(path), *extra)
    if code is not None and getattr(renamed, "winerror", None) != code:
        vars(renamed)["winerror"] = code  # a simulated Windows error (the tests)
    return renamed


@contextmanager
def _scratch(path: Path) -> Iterator[Path]:
    """A hidden folder beside `path` of its own, removed afterwards (whatever happens)."""
    try:
        folder = _temporary(path)
        os.mkdir(system_path(folder))
    except FileNotFoundError:
        os.makedirs(system_path(path.parent), exist_ok=True)
        folder = _temporary(path)
        os.mkdir(system_path(folder))
    try:
        _hide(folder)
        yield Path(system_path(folder))
    finally:
        shutil.rmtree(system_path(folder), ignore_errors=True)


@contextmanager
def atomic_path(path: Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary path for `path`; renamed over `path` when the block succeeds.

    For writers that want a file name (xlsxwriter, openpyxl). The file is made in a
    hidden folder beside `path` (on the same disk, so that the rename is atomic) and
    keeps normal attributes. With `durable`, the data is flushed to disk before the
    rename. On failure nothing is left and `path` is as it was; an OS error names `path`,
    never a temporary name. The file gets the permissions any new file gets (umask).
    """
    with atomic_workbook(path, durable=durable) as (tmp, _):
        yield tmp


@contextmanager
def atomic_workbook(path: Path, *, durable: bool = False) -> Iterator[tuple[Path, Path]]:
    """`atomic_path` for writers that keep temporary parts of their own (xlsxwriter):
    yields the temporary file and the private folder it is in, for those parts. The
    folder is removed afterwards, and one that a killed run left behind is swept like a
    half-written file, so no copy of report text outlives the run."""
    try:
        with _scratch(path) as scratch:
            tmp = scratch / "book.tmp"
            yield tmp, scratch
            if durable:
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
            _replace(tmp, path)
    except OSError as exc:
        raise _named(exc, path) from exc


def write_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` through a hidden temporary file in the same folder."""
    try:
        _write_atomic(path, data, durable)
    except OSError as exc:
        raise _named(exc, path) from exc


def _write_atomic(path: Path, data: bytes, durable: bool) -> None:
    tmp = _temporary(path)
    try:
        fh = open(system_path(tmp), "xb")  # noqa: SIM115 - closed below, before the rename
    except FileNotFoundError:
        os.makedirs(system_path(path.parent), exist_ok=True)
        fh = open(system_path(tmp), "xb")  # noqa: SIM115
    try:
        with fh:
            _hide(tmp)
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        _hide(tmp, False)  # the attribute would follow the file to its real name
        _replace(Path(system_path(tmp)), path)
    except BaseException:
        with suppress(OSError):
            os.unlink(system_path(tmp))
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
    file that is not a workbook, one that cannot be read). A file another program keeps
    from being read (after a few seconds) is `FileLockedError`: whose it is is not known."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with (
            patiently(lambda: open(system_path(path), "rb"), path) as fh,
            zipfile.ZipFile(fh) as zf,
        ):
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
# Device names Windows reserves in every folder, with or without an extension (CON.xlsx
# is the console too): the superscript digits count as digits, CONIN$ and CONOUT$ too.
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)\s*(\..*)?")
MAX_NAME = 80  # characters of one name kyogikai makes from a station's or council's name


def safe_file_name(text: str) -> str:
    """`text` usable as one file or folder name on Windows (and everywhere else).

    Characters Windows forbids (<>:"/\\|?* and control characters) become `_`; the
    trailing dots and spaces Windows would drop are removed (also after a long name is
    cut to `MAX_NAME` characters, to keep paths short); a device name such as `CON`,
    `COM¹` or `CONIN$` gets a `_` so that it is a plain name.
    """
    name = _ILLEGAL.sub("_", text).strip(" ")[:MAX_NAME].rstrip(". ")
    if not name:
        return "_"
    if _RESERVED.fullmatch(name):
        return name + "_"
    return name


def same_file_name(a: str, b: str) -> bool:
    """Whether two names are one file on Windows, whose file names ignore case."""
    return a.casefold() == b.casefold()


def distinct_paths(paths: Iterable[Path]) -> list[Path]:
    """`paths` with each one that would be the same file as an earlier one on Windows
    (the same name but for case) numbered `name (2).xlsx`, `name (3).xlsx`, …: files made
    from two names never overwrite each other."""
    taken: set[str] = set()
    out: list[Path] = []
    for path in paths:
        candidate, n = path, 1
        while str(candidate).casefold() in taken:
            n += 1
            candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        taken.add(str(candidate).casefold())
        out.append(candidate)
    return out
