"""HQ's working folder: `kyogikai.toml`, the settings file that says where everything is.

`kyogikai init DIR` writes the file and its folders; every command then finds the file in
the current folder (or at `--config`), so the monthly work needs no paths. The file holds
two tables:

```toml
[workspace]                 # the folders and files of the working folder
registry = "協議会名簿.xlsx"  # relative to the folder of kyogikai.toml, or absolute
ledger = "台帳/台帳.db"
incoming = "受信"
returned = "返却"
outputs = "出力"

[rules]                     # the rule settings (toolkit.settings), as in any settings file
reminder_days = 30
```

A settings file without `[workspace]` is still a plain settings file: its rules apply and
no path is implied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError
from toolkit.ledgerurl import Location, is_server, server_url
from toolkit.settings import Settings, SettingsError, number_ranges, read_settings_file

CONFIG_NAME = "kyogikai.toml"
TABLE = "workspace"


@dataclass(frozen=True)
class Workspace:
    """The paths of one working folder, resolved against the folder of its settings file."""

    config: Path
    registry: Path
    ledger: Location  # a file, or the URL of a ledger on a server
    incoming: Path
    returned: Path
    outputs: Path

    @property
    def root(self) -> Path:
        return self.config.parent


# Each path of [workspace]: its default (relative to the working folder) and what it is.
PATHS: dict[str, tuple[str, str]] = {
    "registry": ("協議会名簿.xlsx", "協議会名簿（協議会・委員・期間設定・年間計画のシート）"),
    "ledger": (
        "台帳/台帳.db",
        "台帳（取り込んだ報告書の記録。同じフォルダに保管用の写し「台帳.db.archive」を置きます）。"
        "複数の係員や警察署で使うときはサーバーの台帳 postgresql://ユーザー@サーバー/データベース"
        "（パスワードは書かず、PGPASSWORD かパスワードファイルに）",
    ),
    "incoming": (
        "受信",
        "警察署から届いた報告書を入れるフォルダ（警察署ごとのフォルダに分けても可）",
    ),
    "returned": (
        "返却",
        "警察署に返す確認用の写しを書き出すフォルダ（月ごと・警察署ごとに分けます）",
    ),
    "outputs": ("出力", "集計表と督促・確認依頼を書き出すフォルダ"),
}


def find_config(given: Path | None, cwd: Path | None = None) -> Path | None:
    """The settings file to use: `given`, or `kyogikai.toml` in the current folder when
    there is one (shown relative, as the user would type it), or None."""
    if given is not None:
        return given
    here = Path(CONFIG_NAME) if cwd is None else cwd / CONFIG_NAME
    return here if here.is_file() else None


def load_workspace(config: Path) -> Workspace | None:
    """The working folder that `config` describes; None when it has no [workspace] table.

    Raises `SettingsError` (exit 2) when the table cannot mean what it says.
    """
    where = f"設定ファイル「{config}」"
    data = read_settings_file(config)
    table = data.get(TABLE)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: [{TABLE}] が表になっていません。")
    unknown = sorted(set(table) - set(PATHS))
    if unknown:
        known = "、".join(PATHS)
        raise SettingsError(f"{where}: [{TABLE}] の項目「{unknown[0]}」は使えません（{known}）。")
    paths: dict[str, Location] = {}
    for key, (default, _) in PATHS.items():
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(
                f"{where}: [{TABLE}] の {key} は '{default}' のようにパスを文字列で書いてください。"
            )
        if key == "ledger" and is_server(value):
            try:
                paths[key] = server_url(value, f"{where}: [{TABLE}] の ledger")
            except InputError as exc:
                raise SettingsError(str(exc)) from exc
            continue
        path = Path(value.strip())
        paths[key] = path if path.is_absolute() else config.parent / path
    return Workspace(config=config, **paths)  # type: ignore[arg-type]


# --- the file `kyogikai init` writes -------------------------------------------------------

# What each rule setting means, for the comments of the file written by `kyogikai init`.
RULE_NOTES: dict[str, str] = {
    "regular_meetings_per_year": "C1（要綱第6条第2項）: 協議会ごとに年度内に開くべき定期会議の回数",
    "suggestions": "R6: 名簿にない協議会名のとき、候補として示す登録名の数",
    "suggestion_min_score": "R6: 候補として示す登録名の近さの下限",
    "identity_min_score": (
        "協議会名の書き違いを、施設名と警察署が同じ登録協議会とみなす近さの下限"
    ),
    "problem_solving_days": (
        "R5・C3（2の(7)）: 未回答・対応中の要望を「問題解決活動」の候補とする、会議からの日数"
    ),
    "reminder_days": "C2: 予定月の末日からこの日数を過ぎても報告がなければ「督促」",
    "late_report_days": "C2: 会議からこの日数を過ぎて届いた報告書を「遅れ」とする（2の(9) 速やかに）",
    "old_date_days": "R2: 点検日よりこの日数以上前の開催日は、誤記（2016 と 2026 など）の疑いとする",
    "max_attendees": "R3: これを超える出席者数は誤記とする",
    "retention_years": "保存期間（2の(9) 1年保存）: 翌年度の4月1日から数える年数",
    "min_coverage": (
        "読み取り: 様式の記入のうち読み取れた割合がこれを下回る報告書を警告とする（0～1）"
    ),
}


def settings_file_text() -> str:
    """The `kyogikai.toml` of a new working folder, every key explained in Japanese."""
    defaults = Settings()
    lines = [
        "# kyogikai の作業フォルダの設定ファイルです（kyogikai init が作成）。",
        "# このフォルダで kyogikai のコマンドを実行すると、この設定が使われます",
        "# （別のフォルダからは --config でこのファイルを指定します）。",
        "# 「#」で始まる行は説明です。値を変えるときは、行頭の「#」を外して書き換えます。",
        "",
        f"[{TABLE}]",
        "# ファイルとフォルダの場所。このファイルのあるフォルダからの相対パスか、",
        "# 共有フォルダなどの絶対パスで書きます。パスは '…' （シングルクォート）で囲みます",
        "# （例: incoming = 'Z:\\地域指導係\\受信'、incoming = '\\\\server\\共有\\受信'）。",
    ]
    for key, (default, note) in PATHS.items():
        lines += [f"# {note}", f"{key} = '{default}'"]
    lines += [
        "",
        "[rules]",
        "# 点検の規則の設定です。書かなければ既定値（各行に示した値）が使われます。",
        "#",
        "# 使わない規則: 規則コード（R8、R3.no-civilians など）の一覧。",
        '# disabled = ["R8"]',
        "#",
        "# R5: 措置・回答にこの言葉があれば「対応中」とみなす（一覧を書くと既定の一覧を置き換えます）。",
        '# pending_words = ["検討中", "調整中", "上申", "要望済"]',
    ]
    for key, (_, low, high) in number_ranges().items():
        note = RULE_NOTES.get(key, "規則のしきい値（toolkit/settings.py の説明を参照）")
        value = getattr(defaults, key)
        bounds = f"{_bound(low)}～{_bound(high)}"
        lines += ["#", f"# {note}（{bounds}、既定 {value}）。", f"# {key} = {value}"]
    lines += [
        "",
        '# 規則ごとの重大度を変える: "error"（誤り）か "warning"（警告）。',
        "# [rules.severity]",
        '# "R5.open-request" = "error"',
        "",
    ]
    return "\n".join(lines)


def settings_file_bytes() -> bytes:
    """`settings_file_text` as `init` writes it: UTF-8 without a BOM, lines ending in CRLF
    as Notepad and every Windows editor expect (tomllib reads either)."""
    return settings_file_text().replace("\n", "\r\n").encode("utf-8")


def _bound(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else str(x)
