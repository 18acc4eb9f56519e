"""The standard output and error as they really are on an office PC.

A command's work is done before (or while) it prints, so printing must never undo it:

- a console or a redirection that cannot show a character (cp932 on Japanese Windows has
  no 「—」, a C-locale ASCII pipe has no kana) gets a look-alike (―) or 「?」 instead of
  a UnicodeEncodeError;
- a pipe closed by its reader (`kyogikai check | more`, closed early) ends the printing
  quietly: the rest is dropped, the job goes on and ends with its own exit status;
- with no console at all (pythonw, a scheduled task: `sys.stdout` is None), what would
  have been printed goes to `kyogikai.log` in the working folder (the folder of
  kyogikai.toml, else the current folder), with the command and its exit status;
- the library's notices (logger "kyogikai") are printed as Japanese lines on stderr.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

LOG_NAME = "kyogikai.log"
ERRORS = "kyogikai-console"

# Characters a Japanese console often cannot show, and what to show instead (cp932 maps
# its dash to U+2015, its wave dash to U+FF5E); anything else unshowable becomes 「?」.
_LOOKALIKES = {
    "\u2014": ("\u2015", "-"),  # — EM DASH
    "\u2013": ("-",),  # – EN DASH
    "\u2212": ("\uff0d", "-"),  # − MINUS SIGN
    "\u301c": ("\uff5e", "~"),  # 〜 WAVE DASH
    "\u2016": ("\u2225", "|"),  # ‖ DOUBLE VERTICAL LINE
    "\u00a2": ("\uffe0", "c"),  # ¢
    "\u00a3": ("\uffe1", "L"),  # £
    "\u00ac": ("\uffe2", "-"),  # ¬
    "\u00a0": (" ",),  # no-break space
    "\u2026": ("...",),  # … (cp932 has it; ASCII does not)
    "\u300c": ("[",),  # 「 for an ASCII console
    "\u300d": ("]",),  # 」
}


def _replace_unshown(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        for alternative in (*_LOOKALIKES.get(ch, ()), "?"):
            try:
                alternative.encode(exc.encoding)
            except UnicodeEncodeError:
                continue
            out.append(alternative)
            break
    return "".join(out), exc.end


codecs.register_error(ERRORS, _replace_unshown)


class Console(io.TextIOBase):
    """One standard stream, made safe to print to: unshowable characters replaced, a
    closed pipe ending the printing quietly. Everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self.broken = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return ERRORS

    def writable(self) -> bool:
        return True

    @property
    def buffer(self) -> _Bytes | None:
        """The bytes under the text (click writes bytes there, and wraps it for an ASCII
        stream), with the same care for a closed pipe."""
        raw = getattr(self._stream, "buffer", None)
        return None if raw is None else _Bytes(self, raw)

    def isatty(self) -> bool:
        return not self.broken and self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def write(self, text: str) -> int:
        if self.broken:
            return len(text)
        try:
            try:
                self._stream.write(text)
            except UnicodeEncodeError:
                shown = text.encode(self.encoding, ERRORS).decode(self.encoding, "replace")
                self._stream.write(shown)
        except OSError as exc:
            self._closed_pipe(exc)
        return len(text)

    def flush(self) -> None:
        if self.broken:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._closed_pipe(exc)

    def _closed_pipe(self, exc: OSError) -> None:
        # A pipe whose reader has gone: EPIPE, or EINVAL on Windows.
        if not isinstance(exc, BrokenPipeError) and exc.errno not in (errno.EPIPE, errno.EINVAL):
            raise exc
        self.broken = True
        # What the stream still holds would fail again when Python flushes it at exit:
        # the descriptor is pointed at the null device instead.
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)


class _Bytes(io.BufferedIOBase):
    """A standard stream's bytes, its closed pipe noticed as `Console` notices it."""

    def __init__(self, console: Console, raw: BinaryIO) -> None:
        super().__init__()
        self._console = console
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(data)
        if not self._console.broken:
            self._console.flush()  # text written before these bytes goes first
            try:
                self._raw.write(data)
            except OSError as exc:
                self._console._closed_pipe(exc)
        return size

    def flush(self) -> None:
        if not self._console.broken:
            try:
                self._raw.flush()
            except OSError as exc:
                self._console._closed_pipe(exc)

    def fileno(self) -> int:
        return self._raw.fileno()

    def isatty(self) -> bool:
        return self._console.isatty()


class _Kept(io.StringIO):
    """Where output goes when there is no console: kept for the log file."""

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def attached(args: Sequence[str] | None) -> Iterator[None]:
    """Run a command with safe standard streams (see the module's docstring); restored
    afterwards. With no console, the log file is written however the command ends."""
    saved = sys.stdout, sys.stderr
    kept = _Kept() if None in saved else None
    out, err = (Console(kept if s is None else s) for s in saved)  # type: ignore[arg-type]
    sys.stdout, sys.stderr = out, err
    handler = _NoticeHandler(lambda text: print(text, file=sys.stderr))
    notices = logging.getLogger("kyogikai")
    notices.addHandler(handler)
    status: object = 0
    try:
        yield
    except SystemExit as exc:
        status = exc.code
        raise
    except BaseException:
        status = "異常終了"
        raise
    finally:
        notices.removeHandler(handler)
        for stream in (out, err):
            stream.flush()
        sys.stdout, sys.stderr = saved
        if kept is not None:
            write_log(log_folder(args), args, kept.getvalue(), status)


class _NoticeHandler(logging.Handler):
    """The library's notices (a ledger on a network drive…): one Japanese line each."""

    def __init__(self, show: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.show = show

    def emit(self, record: logging.LogRecord) -> None:
        self.show(record.getMessage())


def log_folder(args: Sequence[str] | None, cwd: Path | None = None) -> Path:
    """Where the log of a run without a console goes: the folder of the settings file
    given with --config, else the current folder (the working folder when run there)."""
    given = list(sys.argv[1:] if args is None else args)
    for i, arg in enumerate(given):
        if arg == "--config" and i + 1 < len(given):
            return Path(given[i + 1]).absolute().parent
        if arg.startswith("--config="):
            return Path(arg.split("=", 1)[1]).absolute().parent
    return cwd or Path.cwd()


def write_log(folder: Path, args: Sequence[str] | None, text: str, status: object) -> Path | None:
    """Append one run to `kyogikai.log` in `folder` (else in the home folder): when, the
    command (a password shown as ***), what it printed, and its exit status. Lines end in
    CRLF and a new file starts with a BOM, so that every Notepad shows it."""
    given = list(sys.argv[1:] if args is None else args)
    shown = [
        "***" if i > 0 and given[i - 1] == "--password" else a.split("=")[0] + "=***"
        if a.startswith("--password=") else a
        for i, a in enumerate(given)
    ]  # fmt: skip
    code = 0 if status is None else status
    entry = (
        f"=== {datetime.now():%Y-%m-%d %H:%M:%S}  kyogikai {' '.join(shown)}\n"
        f"{text.rstrip()}\n=== 終了コード {code}\n\n"
    )
    for place in (folder, Path.home()):
        path = place / LOG_NAME
        try:
            new = not path.exists()
            with open(path, "a", encoding="utf-8-sig" if new else "utf-8", newline="\r\n") as f:
                f.write(entry)
        except OSError:
            continue
        return path
    return None
