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

from toolkit.errors import InputError, database_error_text

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


# --- errors of a server ledger ------------------------------------------------------------

# SQLSTATE classes and codes of PostgreSQL that the user can act on.
_AUTH = ("28P01", "28000")
_NO_DATABASE = "3D000"
_LOCKED = ("55P03", "40P01", "57014")  # lock timeout, deadlock, statement cancelled
_DISK_FULL = "53100"
_PRIVILEGE = "42501"
_READ_ONLY = "25006"


def server_error_text(exc: BaseException, source: str) -> str:
    """A PostgreSQL error of a server ledger in Japanese, with what to do."""
    where = f"サーバーの台帳「{masked(source)}」" if source else "サーバーの台帳"
    state = str(getattr(exc, "sqlstate", "") or "")
    text = masked(str(exc))
    lower = text.lower()
    if state in _AUTH or "password" in lower or "authentication" in lower:
        return (
            f"{where}に接続できません（パスワードが違うか、設定されていません）。"
            f"{password_advice()}。"
        )
    if state == _NO_DATABASE or ("database" in lower and "does not exist" in lower):
        return (
            f"{where}のデータベースがありません。URL のデータベース名を確認し、なければ"
            "ネットワークの管理者（DBA）に作成を依頼してください。"
        )
    if state in _LOCKED:
        return (
            f"{where}は別の処理が長く使用中です。他の取り込みや保存期間の処理が終わってから、"
            "もう一度実行してください。"
        )
    if state == _DISK_FULL:
        return f"{where}に書き込めません（サーバーのディスクの空きがありません）。DBA に連絡してください。"
    if state == _PRIVILEGE:
        return (
            f"{where}を使う権限がありません。URL のユーザーに台帳のデータベースの表を作り、"
            "読み書きする権限があるか、DBA に確認してください。"
        )
    if state == _READ_ONLY:
        return f"{where}は読み取り専用のため書き込めません。書き込める主サーバーの URL を指定してください。"
    if not state or state.startswith("08") or "connect" in lower or "server" in lower:
        detail = text.strip().splitlines()[0][:160] if text.strip() else type(exc).__name__
        return (
            f"{where}に接続できません（{detail}）。サーバーが動いているか、URL のホスト名・"
            "ポート・データベース名を確認してください。"
        )
    return f"{where}を使用できません（{state} {text[:120]}）。"


def database_error(exc: BaseException) -> str | None:
    """The Japanese message for an error of the ledger's database that escaped the ledger
    (sqlite3's, SQLAlchemy's or the PostgreSQL driver's), or None for any other error.

    Only modules already loaded are asked: an error of a driver cannot happen before it is
    imported, and the command line stays free of the database libraries until it needs them.
    """
    import sys

    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        return database_error_text(exc)
    sqlalchemy = sys.modules.get("sqlalchemy.exc")
    psycopg = sys.modules.get("psycopg")
    server = psycopg is not None and isinstance(exc, psycopg.Error)
    if sqlalchemy is not None and isinstance(exc, sqlalchemy.SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        server = psycopg is not None and isinstance(orig, psycopg.Error)
        if orig is not None and not server:
            return database_error_text(orig)
        if orig is None:
            return database_error_text(exc)
    if server:
        return server_error_text(getattr(exc, "orig", None) or exc, "")
    return None
