"""Which files a run reads, and why it leaves the others alone — every one accounted for.

A folder is walked in a stable order (a directory's own files, sorted by name, before its
subfolders, sorted), one directory listing held at a time. It yields every workbook
(.xlsx .xlsm .xltx .xltm .xls .ods) as a `Path`, and a `Skipped` for everything else it
meets: another kind of file (counted by kind), something that is not a regular file (a
FIFO, a device), a link that leads out of the folder given, a link back into a folder
already walked, the ledger's archive of received files, a folder that cannot be listed.
The files Windows, macOS and Excel leave in folders (Thumbs.db, desktop.ini, .DS_Store,
~$ lock files) and kyogikai's own temporary files are passed over without a word, as
Explorer hides them. A path given by name is read whatever its extension (the file says
what it is). Folders are listed in the long form of their path where Windows needs it.

File names that are not valid text (a Shift_JIS name from a share) are kept as they are
for reading, and shown with replacement characters (`shown`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import os_error_reason
from toolkit.fileio import TEMPORARY, system_path, too_long, too_long_text
from toolkit.results import TOO_LONG

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".ods"})
# Kinds worth naming when a folder holds them: they look like a report that is not one.
NAMED_KINDS = {
    ".xlsb": "Excelバイナリブック（.xlsb）",
    ".csv": "CSVファイル",
    ".tsv": "タブ区切りのファイル",
    ".xml": "XMLファイル",
    ".htm": "HTMLファイル",
    ".html": "HTMLファイル",
    ".mht": "Webページ（MHT）ファイル",
    ".pdf": "PDFファイル",
    ".doc": "Wordの文書",
    ".docx": "Wordの文書",
    ".zip": "ZIPファイル",
}
LEDGER_MAGIC = b"SQLite format 3\x00"
LEDGER_APPLICATION_ID = 0x4B59474B  # the ledger's PRAGMA application_id ("KYGK")


@dataclass(frozen=True)
class Skipped:
    """A path that is not read, and why (Japanese); `kind` groups them in the totals."""

    path: Path
    reason: str
    kind: str


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text anyone can print: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def discover(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> Iterator[Path | Skipped]:
    """Every file to read, in a stable order, and every path left alone with its reason.

    `exclude` are folders never walked (none by default: outputs written into an input
    folder are recognised by their mark when read, and never hide real inputs).
    """
    skip = {_real(p) for p in exclude}
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path, _real(path), skip, set())
        elif path.is_symlink() and path.is_dir():
            root = _real(path)
            yield from _walk(path, root, skip, set())
        else:
            yield path  # a file given by name, or one that does not exist (reported)


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _walk(
    folder: Path, root: Path, skip: set[Path], seen: set[Hashable]
) -> Iterator[Path | Skipped]:
    try:
        info = os.stat(system_path(folder))
    except OSError as exc:
        if too_long(exc, folder):  # HQ's folders are at fault: said how to shorten them
            yield Skipped(folder, too_long_text(folder) + "。", TOO_LONG)
        else:
            yield Skipped(folder, f"フォルダを開けません（{_reason(exc)}）", "フォルダ")
        return
    identity = _identity(folder, info)
    if identity in seen:
        yield Skipped(folder, "リンクが同じフォルダに戻っているため読み飛ばしました", "リンク")
        return
    seen.add(identity)
    if _is_archive(folder):
        yield Skipped(
            folder, "台帳の保管フォルダ（受け付けたファイルの写し）のため読み飛ばしました", "台帳"
        )
        return
    try:
        entries = sorted(os.scandir(system_path(folder)), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(folder, f"フォルダの中を読めません（{_reason(exc)}）", "フォルダ")
        return
    subfolders: list[Path] = []
    for entry in entries:
        if _unaccounted(entry.name):
            continue
        path = folder / entry.name  # as given, without the long form's prefix
        if entry.is_symlink():
            target = _real(path)
            if target != root and root not in target.parents:
                yield Skipped(
                    path, "リンクの先が指定したフォルダの外にあるため読み飛ばしました", "リンク"
                )
                continue
        try:
            mode = entry.stat().st_mode  # follows a link inside the folder
        except OSError as exc:
            yield Skipped(path, f"開けません（{_reason(exc)}）", "その他")
            continue
        if stat.S_ISDIR(mode):
            if _real(path) not in skip:
                subfolders.append(path)
            continue
        item = _file(path, entry.name, mode)
        if item is not None:
            yield item
    del entries
    for sub in subfolders:
        yield from _walk(sub, root, skip, seen)


def _identity(folder: Path, info: os.stat_result) -> Hashable:
    """Which folder this is, to notice a link leading back into one already walked: its
    device and file ID, or its real path where the file system gives no ID (network
    drives that report 0 for every folder would otherwise all be one folder)."""
    if info.st_ino == 0:
        return os.path.normcase(str(_real(folder)))
    return (info.st_dev, info.st_ino)


# Files Windows, macOS and Office leave in every folder: never a report, never counted.
_SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"})


def _unaccounted(name: str) -> bool:
    """Explorer's thumbnails and folder settings, macOS's folder file, Excel's lock
    file of an open workbook (~$…) and kyogikai's own temporary files: left alone
    without a word, as Explorer hides them."""
    return (
        name.casefold() in _SYSTEM_FILES
        or name.startswith("~$")
        or TEMPORARY.fullmatch(name) is not None
    )


def _reason(exc: OSError) -> str:
    return os_error_reason(exc)[0]


def _file(path: Path, name: str, mode: int) -> Path | Skipped | None:
    if not stat.S_ISREG(mode):
        return Skipped(
            path, "通常のファイルではない（パイプや装置）ため読み飛ばしました", "特殊なファイル"
        )
    suffix = Path(name).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return path
    if suffix == ".xlsb":
        return path  # a station's report saved in another format: read, and told why not
    kind = NAMED_KINDS.get(suffix)
    if kind is not None:
        return Skipped(path, f"{kind}のため報告書として読みません", kind)
    return Skipped(path, "ブック以外のファイルのため読み飛ばしました", "その他")


def _is_archive(folder: Path) -> bool:
    """The archive folder of a ledger: `<ledger>.archive` beside a kyogikai ledger file."""
    if not folder.name.endswith(".archive"):
        return False
    ledger = folder.with_name(folder.name[: -len(".archive")])
    try:
        with open(ledger, "rb") as fh:
            head = fh.read(72)
    except OSError:
        return False
    if not head.startswith(LEDGER_MAGIC) or len(head) < 72:
        return False
    return int.from_bytes(head[68:72], "big") == LEDGER_APPLICATION_ID
