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

import errno
import os


class KyogikaiError(Exception):
    """A run cannot go on; the message is Japanese and says what to do."""

    exit_code = 1


class InputError(KyogikaiError):
    """What the user gave cannot be used as it is: fix the argument or the file (exit 2)."""

    exit_code = 2


class OperationalError(KyogikaiError):
    """The machine or a file stands in the way: locked, damaged, full, not writable (exit 3)."""

    exit_code = 3


def os_error_reason(exc: OSError) -> tuple[str, str]:
    """What happened and what to do, in Japanese, for an OS error (never the system's
    English text where the error is one a user meets)."""
    code = getattr(exc, "winerror", None)  # Windows' own code is the more precise one
    if code in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[code]
    found = _REASONS.get(exc.errno or 0)
    if found is not None:
        return found
    return (exc.strerror or "入出力のエラー", "ディスクとファイルの状態を確認してください")


def os_error_text(exc: OSError) -> str:
    """An OS error in Japanese: which file, what happened, what to do."""
    name = os.fsdecode(exc.filename).removeprefix("\\\\?\\") if exc.filename else ""
    where = f"「{name}」" if name else "ファイル"
    reason, action = os_error_reason(exc)
    return f"{where}を読み書きできません（{reason}）。{action}。"


_DISK = "ディスクとファイルの状態を確認してください"
_ACCESS = ("アクセスが許可されていません", "書き込みの権限があるか確認してください")
_LONG = (
    "名前が長すぎます",
    "フォルダをドライブの浅い場所に移すか、フォルダ名やファイル名を短くしてください",
)
_BY_NAME: dict[str, tuple[str, str]] = {
    "ENOSPC": ("ディスクの空きがありません", "不要なファイルを削除して空きを作ってください"),
    "EDQUOT": ("使える容量の上限を超えました", "不要なファイルを削除して空きを作ってください"),
    "EFBIG": ("ファイルが大きすぎます", "期間や警察署を分けて作ってください"),
    "EACCES": _ACCESS,
    "EPERM": _ACCESS,
    "EROFS": ("読み取り専用の場所です", "書き込める場所を指定してください"),
    "ENOENT": ("見つかりません", "フォルダやファイルの場所を確認してください"),
    "ENOTDIR": ("途中にフォルダではなくファイルがあります", "フォルダの場所を確認してください"),
    "EISDIR": ("フォルダです", "ファイルの名前を指定してください"),
    "EEXIST": ("同じ名前のものがすでにあります", "別の名前を指定してください"),
    "ENOTEMPTY": ("フォルダが空ではありません", "フォルダの中を確認してください"),
    "ENAMETOOLONG": _LONG,
    "ELOOP": ("リンクが循環しています", "リンクの先を確認してください"),
    "EIO": ("ディスクの入出力エラーです", _DISK),
    "EBUSY": (
        "ほかのプログラムが使用中です",
        "使っているプログラムを閉じてから、もう一度実行してください",
    ),
    "ETXTBSY": (
        "ほかのプログラムが使用中です",
        "使っているプログラムを閉じてから、もう一度実行してください",
    ),
    "EMFILE": (
        "同時に開けるファイルの数を超えました",
        "ほかのプログラムを閉じてから、もう一度実行してください",
    ),
    "ENFILE": (
        "同時に開けるファイルの数を超えました",
        "ほかのプログラムを閉じてから、もう一度実行してください",
    ),
    "EXDEV": ("別のドライブには移せません", "同じドライブの中の場所を指定してください"),
    "EINVAL": ("名前や場所が正しくありません", "使えない文字を含まない名前を指定してください"),
    "ETIMEDOUT": (
        "ネットワークの応答がありません",
        "ネットワークドライブにつながっているか確認してください",
    ),
    "EHOSTDOWN": (
        "ネットワークの相手が応答しません",
        "ネットワークドライブにつながっているか確認してください",
    ),
    "EHOSTUNREACH": (
        "ネットワークの相手に届きません",
        "ネットワークドライブにつながっているか確認してください",
    ),
    "ENETUNREACH": (
        "ネットワークにつながっていません",
        "ネットワークにつながっているか確認してください",
    ),
    "ECONNRESET": (
        "ネットワークの接続が切れました",
        "ネットワークドライブにつながっているか確認してから、もう一度実行してください",
    ),
    "ESTALE": ("ネットワーク上のファイルの情報が古くなりました", "もう一度実行してください"),
}
# By number, for the names this platform has.
_REASONS = {getattr(errno, n): r for n, r in _BY_NAME.items() if hasattr(errno, n)}

# Windows' codes that its errno does not tell apart (a path too long is "not found").
_WINDOWS_REASONS: dict[int, tuple[str, str]] = {
    32: (
        "ほかのプログラムが使用中です",
        "Excel などで開いていれば閉じてから、もう一度実行してください",
    ),
    33: (
        "ほかのプログラムが使用中です",
        "Excel などで開いていれば閉じてから、もう一度実行してください",
    ),
    112: _BY_NAME["ENOSPC"],
    123: ("名前に使えない文字があります", '\\ / : * ? " < > | を含まない名前を指定してください'),
    206: _LONG,
    53: (
        "ネットワークのパスが見つかりません",
        "ネットワークドライブにつながっているか確認してください",
    ),
    64: (
        "ネットワークの接続が切れました",
        "ネットワークドライブにつながっているか確認してから、もう一度実行してください",
    ),
    67: ("ネットワーク上の共有名が見つかりません", "共有フォルダの名前を確認してください"),
}


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
