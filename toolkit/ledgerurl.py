"""Where a ledger is: a file (SQLite, the default) or a PostgreSQL server, by its URL.

`--db` and `[workspace] ledger` take either. A server is named by a libpq URL,
`postgresql://user@host:5432/dbname` (`postgres://` too; `?host=/socket/folder` and the
other libpq parameters as libpq reads them). The password is never part of it: libpq takes
it from the environment variable PGPASSWORD or from the password file (`~/.pgpass`; on
Windows `%APPDATA%\\postgresql\\pgpass.conf`; PGPASSFILE names another), and a URL that
carries one is refused, because a command line is visible to every user of the PC in the
process list and a settings file is read by anyone who opens the folder. Nothing this
program prints shows a password (`masked`).

This module knows only the text of a location; connecting is `toolkit.ledger`'s.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath
from urllib.parse import parse_qsl, urlsplit

from toolkit.errors import InputError

SCHEMES = ("postgresql://", "postgres://")


class ServerURL(str):
    """The URL of a ledger on a PostgreSQL server (checked: it holds no password)."""

    __slots__ = ()


Location = Path | ServerURL


def is_server(text: str) -> bool:
    """Whether `text` names a ledger on a server (a PostgreSQL URL)."""
    return text.strip().lower().startswith(SCHEMES)


def password_file(environ: Mapping[str, str] | None = None, *, windows: bool | None = None) -> str:
    """Where libpq looks for passwords: PGPASSFILE, else `%APPDATA%\\postgresql\\pgpass.conf`
    on Windows, else `~/.pgpass`."""
    env = os.environ if environ is None else environ
    windows = os.name == "nt" if windows is None else windows
    if env.get("PGPASSFILE"):
        return env["PGPASSFILE"]
    if windows:
        appdata = env.get("APPDATA", "%APPDATA%")
        return str(PureWindowsPath(appdata, "postgresql", "pgpass.conf"))
    return "~/.pgpass"


def password_advice(environ: Mapping[str, str] | None = None) -> str:
    """How to give the server's password, in Japanese."""
    return (
        "パスワードは環境変数 PGPASSWORD か、パスワードファイル"
        f"「{password_file(environ)}」（1行に ホスト:ポート:データベース:ユーザー:パスワード）"
        "に書いてください"
    )


def server_url(text: str, where: str = "--db") -> ServerURL:
    """The URL `text` as a server ledger's location; InputError (exit 2) when it is not a
    PostgreSQL URL or carries a password (the message never shows the password)."""
    text = text.strip()
    if not is_server(text):
        raise InputError(f"{where}「{masked(text)}」は PostgreSQL の URL ではありません。")
    try:
        parts = urlsplit(text)
        given = parts.password
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
    except ValueError as exc:
        raise InputError(
            f"{where}「{masked(text)}」を URL として読めません（{exc}）。"
            "postgresql://ユーザー@サーバー/データベース のように書いてください。"
        ) from exc
    if given is not None or "password" in query:
        raise InputError(
            f"{where}「{masked(text)}」にパスワードが書かれています。コマンドラインや設定ファイルの"
            f"パスワードは他の利用者から見えるため使いません。{password_advice()}。"
        )
    return ServerURL(text)


def ledger_location(text: str | Path, base: Path | None = None, where: str = "--db") -> Location:
    """A ledger's location from what the user wrote: a server URL as it is, a path (relative
    to `base` when given)."""
    if isinstance(text, ServerURL):
        return text
    if isinstance(text, str) and is_server(text):
        return server_url(text, where)
    path = Path(text)
    return path if base is None or path.is_absolute() else base / path


_URL_PASSWORD = re.compile(r"((?:postgres|postgresql)(?:\+\w+)?://[^:/@\s]*):[^@\s]*@", re.I)
_KEY_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*)", re.I)


def masked(text: str, environ: Mapping[str, str] | None = None) -> str:
    """`text` with any password in it replaced by ****: in a URL (`user:secret@`), as a
    parameter (`password=secret`), or the value of PGPASSWORD wherever it appears."""
    env = os.environ if environ is None else environ
    out = _URL_PASSWORD.sub(r"\1:****@", text)
    out = _KEY_PASSWORD.sub(r"\1****", out)
    secret = env.get("PGPASSWORD", "")
    if len(secret) >= 3 and secret in out:  # a shorter one would blot out ordinary words
        out = out.replace(secret, "****")
    return out
