"""When the ledger cannot be used: `LedgerError` (exit 3) with a Japanese message that says
what to do, for a ledger file (SQLite) and a ledger on a server (PostgreSQL) alike.

Messages never show a password (`toolkit.ledgerurl.masked`).
"""

from __future__ import annotations

from toolkit.errors import OperationalError, database_error_text
from toolkit.ledgerurl import masked, password_advice

# SQLSTATE classes and codes of PostgreSQL that the user can act on.
_AUTH = ("28P01", "28000")
_NO_DATABASE = "3D000"
_LOCKED = ("55P03", "40P01", "57014")  # lock timeout, deadlock, statement cancelled
_DISK_FULL = "53100"
_PRIVILEGE = "42501"
_READ_ONLY = "25006"


class LedgerError(OperationalError):
    """The ledger cannot be used: another run holds it, it is not a ledger, it is newer than
    this program, it is damaged, or its server cannot be reached (exit 3)."""


def ledger_error(exc: BaseException, source: str, *, server: bool = False) -> LedgerError:
    """The Japanese `LedgerError` for a database error `exc` of the ledger `source`."""
    orig = getattr(exc, "orig", None) or exc
    if not server:
        return LedgerError(database_error_text(orig, source))
    return LedgerError(server_error_text(orig, source))


def server_error_text(exc: BaseException, source: str) -> str:
    """A PostgreSQL error of a server ledger in Japanese, with what to do."""
    where = f"サーバーの台帳「{masked(source)}」"
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
