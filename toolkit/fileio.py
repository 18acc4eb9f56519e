"""Writing files so that a reader never sees half of one: temp file beside it, then rename.

Every output of the toolkit (forms, summaries, feedback copies, archive copies) goes
through here, so that a crash leaves either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary path beside `path`; renamed over `path` when the block succeeds.

    For writers that want a file name (xlsxwriter, openpyxl). With `durable`, the data is
    flushed to disk before the rename (archive copies the ledger relies on). On failure
    the temporary file is removed and `path` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # ".tmp", not the target's suffix: a half-written file must never look like a workbook.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kyogikai-", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        if durable:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        # mkstemp makes the file private; outputs get the permissions any new file gets.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder."""
    with atomic_path(path, durable=durable) as tmp:
        tmp.write_bytes(data)


def archive_name(sha256: str, path: str) -> str:
    """Where a file is kept in a content-addressed archive: `<sha[:2]>/<sha><.ext>`."""
    ext = Path(path).suffix.lower()
    if not (2 <= len(ext) <= 6 and ext[1:].isalnum() and ext[1:].isascii()):
        ext = ""
    return f"{sha256[:2]}/{sha256}{ext}"


def archive_copy(archive: Path, sha256: str, path: str, data: bytes) -> str:
    """Keep `data` in the archive (once: content addressed); returns its relative name."""
    name = archive_name(sha256, path)
    target = archive / name
    if not target.exists():
        write_atomic(target, data, durable=True)
    return name
