"""Settings: which rules run, their severities, and the thresholds the directive leaves open.

Prefectures differ (some ask for more than one 定期会議 a year), so these are settings with
documented defaults, read from a TOML file when one is given:

```toml
[rules]
disabled = ["R8"]                 # a code ("R3.no-civilians") or a family ("R8")
regular_meetings_per_year = 2     # C1, 要綱第6条第2項: 年1回以上
reminder_days = 30                # C2: 予定月の末日からこの日数を過ぎたら督促
pending_words = ["検討中", "調整中"]  # R5: 「対応中」とみなす言葉（既定の一覧を置き換え）
member_count = 10                 # M1: 委員はおおむね10人程度（2の(4)イ(ｱ)）
member_count_tolerance = 3        # M1: 10±3人（7～13人）の範囲外を指摘
member_leader_share = 0.4         # M2: 区分a～cの委員がこの割合未満なら指摘
member_term_notice_months = 3     # M3: 任期満了がこの月数以内なら指摘
member_max_years = 8              # M4: 初委嘱からこの年数を超えたら指摘
[rules.severity]
"R5.open-request" = "error"
```

Every number has a range; a value outside it (or not a number, or NaN) is refused with a
Japanese message naming the file and the key.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, os_error_reason
from toolkit.findings import CATALOGUE, Finding, Severity
from toolkit.text import terminal_text

# R5: words that, ending the last clause of a 措置・回答, say the request is still being
# handled (対応中): 「…予定」「…する方向」「…を依頼した」「検討中です」. The endings that
# may follow them (中, 済み, する, した, です, ところ …) are the rule's, not the list's.
PENDING_WORDS = (
    "予定",
    "見込み",
    "見込",
    "方向",
    "検討",
    "調整",
    "上申",
    "要望",
    "依頼",
    "照会",
    "確認中",
    "協議中",
    "協議する",
    "対応中",
    "対応する",
    "未定",
    "次回回答",
    "次回報告",
    "回答する",
    "回答します",
    "回答待ち",
    "継続中",
    "継続審議",
    "継続検討",
    "継続協議",
)
# 2(7): words of a report that say the meeting used 広報紙・統計資料 (効果的な活用).
MATERIAL_WORDS = (
    "広報紙",
    "広報誌",
    "交番だより",
    "駐在所だより",
    "ミニ広報",
    "統計",
    "資料",
    "チラシ",
    "リーフレット",
    "パンフレット",
)
# R5: words that say the request became a theme of 問題解決活動 (2(7)).
PROBLEM_SOLVING_WORDS = ("問題解決活動", "問題解決のテーマ", "問題解決テーマ")


class SettingsError(InputError):
    """The settings file cannot be used (exit 2)."""


@dataclass(frozen=True)
class Settings:
    """Everything a rule may need to know that is not in the report or the registry."""

    today: date = field(default_factory=date.today)
    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    # C1: 定期会議 per fiscal year (Art. 6(2): at least once).
    regular_meetings_per_year: int = 1
    # R6: how many registered names to suggest for an unknown council, and how close.
    suggestions: int = 3
    suggestion_min_score: float = 60.0
    # Identity: a misspelt council name counts as the registered council whose facility
    # and police station are the report's own when the names are at least this close.
    identity_min_score: float = 80.0
    # R5/C3: a request still open or pending this many days after the meeting at which
    # it was raised is a 問題解決活動 candidate (2(7)).
    problem_solving_days: int = 90
    # R5: words that, ending the last clause of a 措置・回答, mean "still being handled".
    pending_words: tuple[str, ...] = PENDING_WORDS
    # 2(7): words of a report that say the meeting used 広報紙・統計資料.
    material_words: tuple[str, ...] = MATERIAL_WORDS
    # C2: a planned meeting not reported this many days after its month ended is 督促.
    reminder_days: int = 30
    # C2: a report received more than this many days after the meeting is late (速やかに).
    late_report_days: int = 30
    # R2: a meeting date this many days before the check day is probably a typo (2016).
    old_date_days: int = 400
    # R3: attendance counts above this are not plausible (a typo, or 1e19).
    max_attendees: int = 1000
    # Retention (2(9)): years, counted from 1 April of the following fiscal year.
    retention_years: int = 1
    # Reading (SPEC, "Layouts HQ confirms"): a report read by its labels whose printed
    # cells are accounted for below this share is a warning for HQ (I1.poor-coverage).
    min_coverage: float = 0.9

    # --- Papers HQ sends stations ([papers]: 督促・確認依頼, returned copies) ------------
    sender: str = "生活安全部地域課地域指導係"  # who sends them
    contact: str = ""  # 担当: who to ask (also who settles records: `settle --by`)
    phone: str = ""  # 警電: the contact's police phone
    reply_days: int = 14  # 回答期限: days after the letter's date
    return_days: int = 14  # 再提出の期限: days after a returned copy's date

    # --- Council members (M1–M6, Art. 3 and 2(4)イ; the `roster` command) ---------------
    # M1: about this many members (2(4)イ(ｱ) おおむね10人程度), give or take this many
    # (加減: the area and the box's duty system may call for more or fewer).
    member_count: int = 10
    member_count_tolerance: int = 3
    # M2: community leaders (区分 a/b/c of 2(4)イ(ｱ), おおむね半数程度): a smaller share is flagged.
    member_leader_share: float = 0.4
    # M3: terms of about this many years (Art. 3(5) おおむね2年), give or take this many
    # months; terms ending within `member_term_notice_months` are listed for the 委嘱 paperwork.
    member_term_years: int = 2
    member_term_tolerance_months: int = 6
    member_term_notice_months: int = 3
    # M4: 新陳代謝 (2(4)イ(ｱ)(ｲ)): first appointed more than this many years ago, or serving
    # more than this many consecutive terms.
    member_max_years: int = 8
    member_max_terms: int = 4
    # M5: breadth (Art. 3(3)): at least this many members of each gender, this many age
    # bands, and no occupation held by more than this share of the members.
    member_min_per_gender: int = 1
    member_min_age_bands: int = 3
    member_max_occupation_share: float = 0.5
    # roster: months ahead whose ending terms are listed by month (委嘱の準備).
    roster_months_ahead: int = 6

    def enabled(self, code: str) -> bool:
        family = code.split(".", 1)[0]
        return code not in self.disabled and family not in self.disabled

    def make(self, code: str, **kwargs: Any) -> Finding | None:
        """A finding of the catalogue's kind, or None when the rule is switched off."""
        if not self.enabled(code):
            return None
        return CATALOGUE[code].make(severity=self.severity.get(code), **kwargs)


# Numeric settings: the type each must have and its range (both ends included).
_NUMBERS: dict[str, tuple[type, float, float]] = {
    "regular_meetings_per_year": (int, 1, 12),
    "suggestions": (int, 0, 20),
    "suggestion_min_score": (float, 0, 100),
    "identity_min_score": (float, 50, 100),
    "problem_solving_days": (int, 1, 3650),
    "reminder_days": (int, 0, 365),
    "late_report_days": (int, 0, 365),
    "old_date_days": (int, 30, 3650),
    "max_attendees": (int, 1, 100_000),
    "retention_years": (int, 1, 30),
    "min_coverage": (float, 0, 1),
    "member_count": (int, 1, 100),
    "member_count_tolerance": (int, 0, 100),
    "member_leader_share": (float, 0, 1),
    "member_term_years": (int, 1, 10),
    "member_term_tolerance_months": (int, 0, 60),
    "member_term_notice_months": (int, 0, 24),
    "member_max_years": (int, 1, 50),
    "member_max_terms": (int, 1, 25),
    "member_min_per_gender": (int, 0, 50),
    "member_min_age_bands": (int, 0, 10),
    "member_max_occupation_share": (float, 0, 1),
    "roster_months_ahead": (int, 1, 24),
}


# [papers]: texts (at most this many characters) and day counts, with their ranges.
PAPER_TEXTS = ("sender", "contact", "phone")
PAPER_NUMBERS: dict[str, tuple[type, float, float]] = {
    "reply_days": (int, 1, 90),
    "return_days": (int, 1, 90),
}
_PAPER_TEXT_MAX = 40


def number_ranges() -> dict[str, tuple[type, float, float]]:
    """Each numeric setting: its type and range (for the documentation of a settings file)."""
    return dict(_NUMBERS)


# Older names still read (and what they mean now).
_RENAMED = {"open_request_overdue_days": "problem_solving_days"}


def load_settings(path: Path | None, **overrides: Any) -> Settings:
    """Settings from a TOML file (or the defaults), with explicit overrides applied last."""
    settings = Settings()
    if path is not None:
        settings = _from_toml(path, settings)
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **clean) if clean else settings


def _from_toml(path: Path, base: Settings) -> Settings:
    data = read_settings_file(path)
    where = f"設定ファイル「{path}」"
    # [workspace] is read by toolkit.config
    unknown = [k for k in data if k not in ("rules", "workspace", "papers")]
    if unknown:
        raise SettingsError(
            f"{where}: 表「[{unknown[0]}]」は使えません。[rules] か [papers] に書いてください。"
        )
    base = _papers(data.get("papers", {}), where, base)
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise SettingsError(f"{where}: [rules] が表になっていません。")
    changes: dict[str, Any] = {}
    for key, value in rules.items():
        key = _RENAMED.get(key, key)
        if key == "disabled":
            changes["disabled"] = _disabled(value, where)
        elif key == "severity":
            changes["severity"] = _severities(value, where)
        elif key in ("pending_words", "material_words"):
            changes[key] = _words(value, where, key)
        elif key in _NUMBERS:
            changes[key] = _number(key, value, where)
        else:
            raise SettingsError(f"{where}: 項目「{key}」は使えません。")
    return replace(base, **changes)


def _papers(table: object, where: str, base: Settings) -> Settings:
    """The [papers] table: who sends the papers to stations and the days they give."""
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: [papers] が表になっていません。")
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key in PAPER_TEXTS:
            text = value.strip() if isinstance(value, str) else None
            if text is None or len(text) > _PAPER_TEXT_MAX or any(ord(c) < 32 for c in text):
                raise SettingsError(
                    f"{where}: [papers] の {key} は{_PAPER_TEXT_MAX}文字までの文字列で"
                    f'書いてください（例: {key} = "…"）。'
                )
            changes[key] = text
        elif key in PAPER_NUMBERS:
            changes[key] = _number(key, value, where, PAPER_NUMBERS)
        else:
            raise SettingsError(f"{where}: [papers] の項目「{key}」は使えません。")
    return replace(base, **changes)


def _disabled(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(
            f'{where}: disabled は ["R8", "R3.no-civilians"] のように文字列の一覧で書いてください。'
        )
    families = {code.split(".", 1)[0] for code in CATALOGUE}
    for code in value:
        if code not in CATALOGUE and code not in families:
            raise SettingsError(f"{where}: 規則コード「{code}」はありません。")
    return frozenset(value)


def _severities(value: object, where: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise SettingsError(
            f'{where}: [rules.severity] は "R5.open-request" = "error" のように書いてください。'
        )
    out: dict[str, Severity] = {}
    for code, level in value.items():
        if code not in CATALOGUE:
            raise SettingsError(f"{where}: 規則コード「{code}」はありません。")
        try:
            out[code] = Severity(level)
        except ValueError:
            raise SettingsError(
                f"{where}: 「{code}」の重大度「{level}」は error か warning にしてください。"
            ) from None
    return out


def _words(value: object, where: str, key: str = "pending_words") -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        example = '["予定", "検討"]' if key == "pending_words" else '["広報紙", "統計"]'
        raise SettingsError(f"{where}: {key} は {example} のように言葉の一覧で書いてください。")
    return tuple(v.strip() for v in value)


def _number(
    key: str,
    value: object,
    where: str,
    ranges: dict[str, tuple[type, float, float]] | None = None,
) -> int | float:
    wanted, low, high = (ranges or _NUMBERS)[key]
    ok = isinstance(value, int) and not isinstance(value, bool)
    if wanted is float:
        ok = ok or (isinstance(value, float) and math.isfinite(value))
    kind = "整数" if wanted is int else "数"
    if not ok or not low <= value <= high:  # type: ignore[operator]
        raise SettingsError(
            f"{where}: {key} は{_bound(low)}から{_bound(high)}までの{kind}で書いてください"
            f"（「{value}」）。"
        )
    return wanted(value)


def _bound(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else str(x)


# --- reading a settings file ---------------------------------------------------------------

MAX_SETTINGS_BYTES = 2**20  # a settings file is a few kilobytes of text


def read_settings_file(path: Path) -> dict[str, Any]:
    """The tables of a settings file, as Windows editors save it: UTF-8 with or without a
    BOM (Notepad), UTF-16 with a BOM (PowerShell 5.1's redirection), or Shift_JIS
    (サクラエディタ, 秀丸). Only a regular file of at most `MAX_SETTINGS_BYTES` is read
    (never a pipe, which would wait for ever, or a device, which would never end); a TOML
    mistake is told in Japanese with its line and what to write instead; no key or text
    value may hold a control character. Raises `SettingsError` (exit 2)."""
    where = f"設定ファイル「{path}」"
    text = _decoded(_settings_bytes(path, where), where)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(toml_error_text(exc, text, where)) from None
    _no_control_characters(data, where, "")
    return data


def _settings_bytes(path: Path, where: str) -> bytes:
    # Opened without waiting (a FIFO opens at once), then judged by what was opened.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SettingsError(_unread(where, exc)) from None
    except ValueError:  # a NUL in the name
        raise SettingsError(f"{where}を読めません（名前に使えない文字があります）。") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SettingsError(
                f"{where}は通常のファイルではありません（フォルダ・パイプ・装置など）。"
                "kyogikai.toml のようなテキストファイルを指定してください。"
            )
        if info.st_size > MAX_SETTINGS_BYTES:
            raise SettingsError(
                f"{where}は大きすぎます（{info.st_size:,}バイト）。設定ファイルは数キロバイトの"
                "テキストです。指定したファイルを確認してください。"
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_SETTINGS_BYTES:  # a file that grows while read stops here too
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise SettingsError(_unread(where, exc)) from None
    finally:
        os.close(fd)
    if size > MAX_SETTINGS_BYTES:
        raise SettingsError(f"{where}は大きすぎます。指定したファイルを確認してください。")
    return b"".join(chunks)


def _unread(where: str, exc: OSError) -> str:
    reason, action = os_error_reason(exc)
    return f"{where}を読めません（{reason}）。{action}。"


def _decoded(data: bytes, where: str) -> str:
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp932")  # Shift_JIS as Japanese Windows writes it
    except UnicodeDecodeError:
        raise SettingsError(
            f"{where}の文字コードを読み取れません（UTF-8 でも Shift_JIS でもありません）。"
            "メモ帳で開き、「名前を付けて保存」で文字コードを UTF-8 にして保存し直してください。"
        ) from None


# tomllib's reasons, in Japanese (the rest are shown as they are).
_TOML_REASONS = (
    ("Unescaped '\\'", '\\ は "…" の中では特別な意味を持つため、そのまま書けません'),
    ("Unterminated string", "文字列の終わりの引用符（\" か '）がありません"),
    ("Illegal character", "文字列の中に使えない文字（改行や制御文字）があります"),
    ("Invalid value", "値が読めません（文字列は引用符で囲みます）"),
    ("Expected '=' after a key", "「=」がありません（項目 = 値 の形で書きます）"),
    ("Expected ']' at the end of a table", "表の名前の終わりの「]」がありません"),
    ("Expected newline or end of document", "1行に書けるのは「項目 = 値」1つだけです"),
    ("Cannot declare", "同じ表が2回書かれています"),
    ("Cannot overwrite a value", "同じ項目が2回書かれています"),
    ("Invalid initial character for a key", "項目の名前に使えない文字があります"),
    ("Invalid statement", "TOML として読めない行です"),
    ("Unclosed array", "一覧の終わりの「]」がありません"),
    ("Invalid hex value", "\\u の後が16進数になっていません"),
    ("Escaped character", "\\u で書いた文字が正しくありません"),
)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")
_WINDOWS_PATH_HINT = (
    "Windows のパスは incoming = 'Z:\\地域指導係\\受信' のように ' （シングルクォート）で"
    '囲むか、incoming = "Z:/地域指導係/受信" のように \\ の代わりに / で区切って書いてください。'
)


def toml_error_text(exc: tomllib.TOMLDecodeError, text: str, where: str) -> str:
    """A TOML mistake in Japanese: the line, what is wrong, and what to write instead."""
    message = str(exc)
    reason = next((ja for en, ja in _TOML_REASONS if message.startswith(en)), None)
    reason = reason or f"TOML の書き方の誤りです（{_AT.sub('', message).strip()}）"
    found = _AT.search(message)
    lines = text.splitlines()
    number = int(found.group(1)) if found and found.group(1) else len(lines)
    line = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    shown = "".join(f"\\x{ord(c):02x}" if ord(c) < 32 or ord(c) == 127 else c for c in line)
    out = f"{where}の {number}行目を読めません: {reason}。"
    if shown:
        out += f"\n  {number}行目: {shown}"
    if "\\" in line:
        out += "\n" + _WINDOWS_PATH_HINT
    elif message.startswith("Invalid value"):
        out += "\n文字列は \"受信\" や '受信' のように引用符で囲んでください。"
    return out


def _no_control_characters(value: object, where: str, key: str) -> None:
    """Refuse a control character (NUL, escape sequences…) in any key or text value: no
    path, word or code holds one, and the terminal would obey it."""
    if isinstance(value, dict):
        for k, v in value.items():
            name = f"{key}.{k}" if key else str(k)
            _check_text(str(k), where, name)
            _no_control_characters(v, where, name)
    elif isinstance(value, list):
        for item in value:
            _no_control_characters(item, where, key)
    elif isinstance(value, str):
        _check_text(value, where, key)


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _check_text(text: str, where: str, key: str) -> None:
    found = _CONTROL.search(text)
    if found:
        table, _, leaf = terminal_text(key).rpartition(".")
        name = f"[{table}] の {leaf}" if table else leaf
        raise SettingsError(
            f"{where}: {name} に制御文字（U+{ord(found.group()):04X}）が含まれています。"
            "値を書き直してください。"
        )
