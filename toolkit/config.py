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
layouts = "様式"              # the layouts HQ confirmed (kyogikai layout --confirm)
receipts = "受付簿.xlsx"        # optional: the day each file reached HQ

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
    layouts: Path
    receipts: Path
    operator: str | None = None  # who works in this folder (who confirmed, who settled)

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
    "layouts": (
        "様式",
        "確認済みの様式（kyogikai layout --confirm で登録した、警察署や交番ごとの様式の読み取り場所）",
    ),
    "receipts": (
        "受付簿.xlsx",
        "受付簿（報告書が届いた日の記録。シート「受付簿」か CSV に、ファイル名と受付日の列。"
        "あれば受付日に使います。なければ、ファイルの更新日時と取り込んだ日の早い方です）",
    ),
}
# [workspace] entries that are not paths: their meaning.
OPERATOR = "operator"
OPERATOR_NOTE = "様式の確認などをした人として記録する名前（書かなければパソコンのログイン名）"


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
    unknown = sorted(set(table) - set(PATHS) - {OPERATOR})
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
    person = table.get(OPERATOR)
    if person is not None and (not isinstance(person, str) or not person.strip()):
        raise SettingsError(
            f"{where}: [{TABLE}] の {OPERATOR} は '地域指導係 山田' のように名前を書いてください。"
        )
    person_name = person.strip() if person else None
    return Workspace(config=config, **paths, operator=person_name)  # type: ignore[arg-type]


def operator(config: Path | None = None) -> str:
    """Who is working: the working folder's `operator`, else the login name."""
    import getpass

    found = find_config(config)
    ws = load_workspace(found) if found is not None else None
    if ws is not None and ws.operator:
        return ws.operator
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a service account)
        return "不明"


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
        "R5・C3（2の(7)）: 会議からこの日数を過ぎても未回答・対応中の要望に「長期」の印を付け、"
        "問題解決活動の候補として示す"
    ),
    "reminder_days": "C2: 予定月の末日からこの日数を過ぎても報告がなければ「督促」",
    "late_report_days": "C2: 会議からこの日数を過ぎて届いた報告書を「遅れ」とする（2の(9) 速やかに）",
    "old_date_days": "R2: 点検日よりこの日数以上前の開催日は、誤記（2016 と 2026 など）の疑いとする",
    "max_attendees": "R3: これを超える出席者数は誤記とする",
    "retention_years": "保存期間（2の(9) 1年保存）: 翌年度の4月1日から数える年数",
    "member_count": "M1（2の(4)イ(ｱ)）: 委員の人数の目安（おおむね10人程度）",
    "member_count_tolerance": (
        "M1: 目安の人数からこの人数を超えて多い・少ない協議会を指摘（所管区の実情による加減の幅）"
    ),
    "member_leader_share": (
        "M2（2の(4)イ(ｱ)）: 区分a～c（コミュニティ・リーダー）の委員がこの割合未満なら指摘"
        "（職種等連絡協議会は第5条第2項により対象外）"
    ),
    "member_term_years": "M3（第3条第5項）: 委員の任期の目安の年数（おおむね2年）",
    "member_term_tolerance_months": "M3: 任期が目安の年数からこの月数を超えて違えば指摘",
    "member_term_notice_months": (
        "M3: 任期満了がこの月数以内の委員を「満了が近い」として委嘱の準備に示す（誤りではありません）"
    ),
    "member_max_years": "M4（2の(4)イ(ｱ)・(ｲ) 新陳代謝）: 初委嘱からこの年数を超えた委員を指摘",
    "member_max_terms": "M4: 続けて務めた任期がこの回数を超えた委員を指摘",
    "member_min_per_gender": "M5（第3条第3項）: 男女それぞれ、少なくともこの人数の委員がいること",
    "member_min_age_bands": "M5: 委員の年代が少なくともこの数に分かれていること",
    "member_max_occupation_share": "M5: 同じ職業の委員がこの割合を超えたら指摘",
    "roster_months_ahead": "委員名簿の点検（roster）: 任期満了を月別に示す先の月数",
    "min_coverage": (
        "読み取り: 様式の記入のうち読み取れた割合がこれを下回る報告書を警告とする（0～1）"
    ),
}

# What each [papers] key means (the papers HQ sends to the stations).
PAPER_NOTES: dict[str, str] = {
    "sender": "督促・確認依頼と確認用の写しの差出人",
    "contact": (
        "担当者（督促・確認依頼と確認用の写しに印刷します。kyogikai settle の記録にも、"
        "--by を付けないときはこの名前を残します）"
    ),
    "phone": "担当者の警電（督促・確認依頼と確認用の写しに印刷します）",
    "reply_days": "督促・確認依頼の回答期限: 作成日からの日数（1～90）",
    "return_days": "確認用の写しで指摘した報告書の再提出の期限: 作成日からの日数（1～90）",
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
    lines += [f"# {OPERATOR_NOTE}", f"# {OPERATOR} = '地域指導係 山田'"]
    lines += [
        "",
        "[rules]",
        "# 点検の規則の設定です。書かなければ既定値（各行に示した値）が使われます。",
        "#",
        "# 使わない規則: 規則コード（R8、R3.no-civilians など）の一覧。",
        '# disabled = ["R8"]',
        "#",
        "# R5: 措置・回答の最後の文がこの言葉で終わるとき（あとに「中」「済み」「する」「した」",
        "# 「です」「ところ」などが続いてもよい）、その要望は「対応中」とします。",
        "# 例: 「防犯訓練を11月に行う予定」「県に上申した」「設置の方向で調整中です」は対応中、",
        "# 「予定どおり実施した」のように途中に出てくるだけなら回答済です。",
        "# 一覧を書くと既定の一覧を置き換えます。既定:",
        "# pending_words = [" + ", ".join(f'"{w}"' for w in defaults.pending_words) + "]",
        "#",
        "# 2の(7): 報告書にこの言葉があれば、広報紙・統計資料を使った会議として数えます。既定:",
        "# material_words = [" + ", ".join(f'"{w}"' for w in defaults.material_words) + "]",
    ]
    for key, (_, low, high) in number_ranges().items():
        note = RULE_NOTES[key]
        value = getattr(defaults, key)
        bounds = f"{_bound(low)}～{_bound(high)}"
        lines += ["#", f"# {note}（{bounds}、既定 {value}）。", f"# {key} = {value}"]
    lines += [
        "",
        '# 規則ごとの重大度を変える: "error"（誤り）か "warning"（警告）。',
        "# [rules.severity]",
        '# "R5.open-request" = "error"',
        "",
        "[papers]",
        "# 警察署に送る書類（督促・確認依頼、確認用の写し）に印刷する差出人・担当・期限です。",
    ]
    for key, note in PAPER_NOTES.items():
        value = getattr(defaults, key)
        shown = f'"{value}"' if isinstance(value, str) else str(value)
        example = {"contact": '"巡査部長 山田太郎"', "phone": '"1234-5678"'}.get(key, shown)
        lines += ["#", f"# {note}（既定 {shown}）。", f"# {key} = {example}"]
    lines.append("")
    return "\n".join(lines)


def settings_file_bytes() -> bytes:
    """`settings_file_text` as `init` writes it: UTF-8 without a BOM, lines ending in CRLF
    as Notepad and every Windows editor expect (tomllib reads either)."""
    return settings_file_text().replace("\n", "\r\n").encode("utf-8")


def _bound(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else str(x)
