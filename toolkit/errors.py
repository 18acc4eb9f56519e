"""Whose fault it is when a command cannot go on.

Findings about reports are data (`toolkit.findings`); these exceptions are for the run
itself. The command line turns each into a Japanese message and an exit status:

- `InputError`: what the user gave cannot be used (a period that is not one, a settings
  file that cannot mean what it says, a station that is not in the registry) — exit 2;
- `OperationalError`: the machine or a file stands in the way (the ledger is locked,
  damaged or read-only, the disk is full, the output cannot be written) — exit 3.

Anything else that escapes a command is a bug in this program.
"""

from __future__ import annotations


class KyogikaiError(Exception):
    """A run cannot go on; the message is Japanese and says what to do."""

    exit_code = 1


class InputError(KyogikaiError):
    """What the user gave cannot be used as it is: fix the argument or the file (exit 2)."""

    exit_code = 2


class OperationalError(KyogikaiError):
    """The machine or a file stands in the way: locked, damaged, full, not writable (exit 3)."""

    exit_code = 3


def os_error_text(exc: OSError) -> str:
    """An OS error in Japanese: which file, what happened, what to do."""
    import errno

    where = f"「{exc.filename}」" if exc.filename else "ファイル"
    reasons = {
        errno.ENOSPC: (
            "ディスクの空きがありません",
            "不要なファイルを削除して空きを作ってください",
        ),
        errno.EACCES: ("アクセスが許可されていません", "書き込みの権限があるか確認してください"),
        errno.EPERM: ("アクセスが許可されていません", "書き込みの権限があるか確認してください"),
        errno.EROFS: ("読み取り専用の場所です", "書き込める場所を指定してください"),
        errno.ENOENT: ("見つかりません", "フォルダやファイルの場所を確認してください"),
        errno.EISDIR: ("フォルダです", "ファイルの名前を指定してください"),
        errno.ENAMETOOLONG: ("名前が長すぎます", "短い名前か浅いフォルダを指定してください"),
    }
    reason, action = reasons.get(
        exc.errno or 0,
        (exc.strerror or "入出力のエラー", "ディスクとファイルの状態を確認してください"),
    )
    return f"{where}を読み書きできません（{reason}）。{action}。"


def database_error_text(exc: BaseException, source: str = "") -> str:
    """A SQLite error of the ledger in Japanese, with what to do."""
    text = str(exc).lower()
    where = f"台帳「{source}」" if source else "台帳"
    if "readonly" in text or "read-only" in text:
        return f"{where}は読み取り専用のため書き込めません。ファイルとフォルダの書き込み権限を確認してください。"
    if "full" in text:
        return f"{where}に書き込めません（ディスクの空きがありません）。空きを作ってから、もう一度実行してください。"
    if "locked" in text or "busy" in text:
        return f"{where}は別の処理が使用中です。他の取り込みや保存期間の処理が終わってから、もう一度実行してください。"
    if "malformed" in text or "corrupt" in text or "not a database" in text:
        return (
            f"{where}が壊れています。バックアップから戻すか、別の名前で新しい台帳を作り、"
            "報告書を取り込み直してください。"
        )
    if "disk i/o" in text or "unable to open" in text:
        return f"{where}を読み書きできません（ディスクの入出力エラー）。ディスクとファイルの状態を確認してください。"
    return f"{where}を使用できません（{str(exc)[:120]}）。"
