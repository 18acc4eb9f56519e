"""click's own texts in Japanese: help headings, option errors, prompts.

click marks its built-in texts for translation with gettext (`_("Show this message and
exit.")`), each module binding `gettext.gettext` as `_` (and `ngettext`) when it is
imported. gettext itself would look for compiled catalogues on disk under a global
domain; instead `install()` rebinds those names in click's modules to a lookup in the
table below, which falls back to the English text for anything not in it. Messages
that changed wording between click versions are listed in each wording.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable

import click

from toolkit.text import display_width, wrap

# English text as click writes it → Japanese. Placeholders are kept as click fills them.
TEXTS: dict[str, str] = {
    # help
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Show this message and exit.": "このメッセージを表示して終了します。",
    "Show the version and exit.": "版を表示して終了します。",
    "%(prog)s, version %(version)s": "%(prog)s 版 %(version)s",
    "default: {default}": "既定: {default}",
    "env var: {var}": "環境変数: {var}",
    "required": "必須",
    "(dynamic)": "（実行時に決定）",
    "deprecated": "廃止予定",
    # errors
    "Error: {message}": "エラー: {message}",
    "Try '{command} {option}' for help.": "使い方は「{command} {option}」で表示できます。",
    "No such option: {name}": "オプション {name} はありません。",
    "No such option {name!r}.": "オプション {name!r} はありません。",
    "No such command {name!r}.": "コマンド {name!r} はありません。",
    "No such command '{name}'.": "コマンド '{name}' はありません。",
    "Did you mean {possibility}?": "{possibility} のことですか？",
    "(Possible options: {possibilities})": "（候補: {possibilities}）",
    "(Did you mean one of: {possibilities}?)": "（候補: {possibilities}）",
    "Missing command.": "コマンドを指定してください。",
    "Missing argument": "引数を指定してください:",
    "Missing argument '{param_name}'.": "引数 '{param_name}' を指定してください。",
    "Missing option": "オプションを指定してください:",
    "Missing option '{param_name}'.": "オプション '{param_name}' を指定してください。",
    "Missing parameter": "指定が足りません:",
    "Missing parameter: {param_name}": "{param_name} を指定してください。",
    "Missing {param_type}": "{param_type} を指定してください",
    "Missing {param_type} '{param_hint}'.": "{param_type} '{param_hint}' を指定してください。",
    "argument": "引数",
    "option": "オプション",
    "parameter": "指定",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
    "Option {name!r} does not take a value.": "オプション {name!r} には値を付けません。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には値が {nargs}個必要です。",
    "Argument {name!r} takes {nargs} values.": "引数 {name!r} には値が {nargs}個必要です。",
    "Takes {nargs} values but 1 was given.": "値が {nargs}個必要ですが、1個です。",
    "Takes {nargs} values but {len} were given.": "値が {nargs}個必要ですが、{len}個です。",
    "{value!r} is not a valid {number_type}.": "{value!r} は{number_type}ではありません。",
    "integer": "整数",
    "float": "数",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "{value!r} is not {choice}.": "{value!r} は {choice} ではありません。",
    "{value!r} is not one of {choices}.": "{value!r} は {choices} のどれでもありません。",
    "{value!r} is not a valid boolean.": "{value!r} は真偽値ではありません。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} は真偽値ではありません（使える値: {states}）。"
    ),
    "{name} {filename!r} does not exist.": "{name} {filename!r} がありません。",
    "{name} '{filename}' does not exist.": "{name} '{filename}' がありません。",
    "{name} {filename!r} is a file.": "{name} {filename!r} はファイルです。",
    "{name} '{filename}' is a file.": "{name} '{filename}' はファイルです。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} はフォルダです。",
    "{name} '{filename}' is a directory.": "{name} '{filename}' はフォルダです。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} を読めません。",
    "{name} '{filename}' is not readable.": "{name} '{filename}' を読めません。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} に書き込めません。",
    "{name} '{filename}' is not writable.": "{name} '{filename}' に書き込めません。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} を実行できません。",
    "file": "ファイル",
    "directory": "フォルダ",
    "path": "パス",
    "Path": "パス",
    "File": "ファイル",
    "Directory": "フォルダ",
    "Could not open file {filename!r}: {message}": "ファイル {filename!r} を開けません: {message}",
    "Value must be an iterable.": "値は一覧で指定してください。",
    "unknown error": "不明なエラー",
    "Aborted!": "中止しました。",
    # prompts
    "Repeat for confirmation": "確認のためもう一度入力してください",
    "Error: The two entered values do not match.": "エラー: 2回の入力が一致しません。",
    "Error: invalid input": "エラー: 入力が正しくありません",
    "Do you want to continue?": "続けますか？",
    "Press any key to continue...": "続けるには何かキーを押してください…",
}

# click's modules that bind `_` or `ngettext` at import time.
_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.shell_completion",
)


def gettext(message: str) -> str:
    """`message` in Japanese when the table has it, else as it is."""
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural English form, in Japanese when the table has it."""
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click speak Japanese (idempotent; affects click in this process only)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module an older or newer click does not have
            continue
        replacements: dict[str, Callable[..., str]] = {"_": gettext, "ngettext": ngettext}
        for attribute, function in replacements.items():
            if hasattr(module, attribute):
                setattr(module, attribute, function)


# Names of click's value types, as shown after an option in the help.
_METAVARS = {
    "TEXT": "文字列",
    "INTEGER RANGE": "整数",
    "INTEGER": "整数",
    "FLOAT RANGE": "数値",
    "FLOAT": "数値",
    "DATE": "日付",
}
_METAVAR = re.compile(r"(?<= )(" + "|".join(_METAVARS) + r")\b")


class HelpFormatter(click.HelpFormatter):
    """click's help formatter, measuring in display columns: a Japanese character takes
    two, and Japanese text breaks between characters rather than only at spaces."""

    def write_text(self, text: str) -> None:
        for number, paragraph in enumerate(_paragraphs(text)):
            if number:
                self.write("\n")
            if isinstance(paragraph, tuple):
                lines = [" " * self.current_indent + line for line in paragraph]
            else:
                lines = wrap(paragraph, self.width, indent=self.current_indent)
            for line in lines:
                self.write(line + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(_METAVAR.sub(lambda m: _METAVARS[m.group(1)], a), b) for a, b in rows]
        if not rows:
            return
        first_col = min(max(display_width(a) for a, _ in rows), col_max) + col_spacing
        hang = self.current_indent + first_col
        for first, second in rows:
            lead = " " * self.current_indent + first
            if not second:
                self.write(lead + "\n")
                continue
            text = " ".join(p for p in _paragraphs(second) if isinstance(p, str))
            lines = wrap(text, self.width, indent=hang, hang=hang)
            if display_width(first) <= first_col - col_spacing:
                lines[0] = lead + lines[0][display_width(lead) :]
            else:
                self.write(lead + "\n")
            for line in lines:
                self.write(line + "\n")


def _paragraphs(text: str) -> list[str | tuple[str, ...]]:
    """Paragraphs of a help text: each a string whose lines are joined (Japanese lines
    without a space between them), or a tuple of lines kept as they are (a paragraph
    marked with click's \\b)."""
    out: list[str | tuple[str, ...]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines()]
        if lines and lines[0] == "\b":
            out.append(tuple(lines[1:]))
            continue
        joined = ""
        for line in lines:
            ascii_edge = joined[-1:].isascii() and line[:1].isascii()
            joined += (" " if joined and ascii_edge else "") + line
        out.append(joined)
    return out


class HelpContext(click.Context):
    """click's context, with the Japanese help formatter."""

    formatter_class = HelpFormatter
