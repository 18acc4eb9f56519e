"""How wide Japanese text is, on a screen and on paper.

A full-width character (kanji, kana, full-width letters) takes two columns where an ASCII
character takes one: in a terminal, and in an Excel column measured in character units.
Characters of "ambiguous" width (○ ― ※ ① …) are drawn full-width by Japanese fonts, so
they count two in a workbook; most terminals draw them one column wide.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata


@functools.cache
def _tables() -> tuple[dict[int, None], dict[int, None]]:
    """`str.translate` tables that delete the wide characters of the Basic Multilingual
    Plane (and, in the second, the ambiguous ones too), from Python's own Unicode tables;
    built once, on first use. Characters beyond it are rare: `_astral_wide` counts them."""
    codes = range(0xA1, 0x10000)
    kinds = map(unicodedata.east_asian_width, map(chr, codes))
    wide: dict[int, None] = {}
    both: dict[int, None] = {}
    for code, kind in zip(codes, kinds, strict=True):
        if kind == "W" or kind == "F":
            wide[code] = both[code] = None
        elif kind == "A":
            both[code] = None
    return wide, both


# Pictographs and the CJK extension planes: the wide characters beyond the Basic
# Multilingual Plane (counted by range, not by a table of every code).
_ASTRAL_WIDE = ((0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1FAFF), (0x20000, 0x3FFFD))


def _astral_wide(text: str) -> int:
    """How many characters of `text` beyond the Basic Multilingual Plane are wide."""
    if max(text) < "\U00010000":
        return 0
    return sum(1 for ch in text if any(first <= ord(ch) <= last for first, last in _ASTRAL_WIDE))


def display_width(text: str, *, ambiguous_wide: bool = True) -> int:
    """Columns `text` takes: 2 for each wide character, 1 for the others.

    `ambiguous_wide` counts characters of ambiguous width (○ ― ※ ①) as 2, as Japanese
    fonts draw them in Excel; a terminal usually draws them 1 column wide.
    """
    if text.isascii():
        return len(text)
    wide, wide_or_ambiguous = _tables()
    narrow = text.translate(wide_or_ambiguous if ambiguous_wide else wide)
    return 2 * len(text) - len(narrow) + (_astral_wide(narrow) if narrow else 0)


def fit(text: str, columns: int, *, ambiguous_wide: bool = False) -> str:
    """`text` cut (with …) or padded with spaces to exactly `columns` display columns."""
    if display_width(text, ambiguous_wide=ambiguous_wide) <= columns:
        pad = columns - display_width(text, ambiguous_wide=ambiguous_wide)
        return text + " " * pad
    out: list[str] = []
    used = 0
    for ch in text:
        w = display_width(ch, ambiguous_wide=ambiguous_wide)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    if columns >= 1:
        out.append("…")
        used += 1
    return "".join(out) + " " * max(0, columns - used)


def wrapped_lines(text: str, per_line: float) -> int:
    """Lines `text` takes when wrapped at `per_line` columns (each line break starts a line)."""
    per_line = max(per_line, 1.0)
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))


_PT_MM = 25.4 / 72
LINE_SPACING = 1.2  # a line of wrapped text in a cell takes 1.2 times its type size


def printed_capacity(width_mm: float, height_mm: float, font_pt: float) -> tuple[float, int]:
    """How much text of `font_pt` a printed box holds: (columns per line, counted as
    `display_width` counts them, and lines). One full-width character is as wide as the
    type is high; the box loses an indent's width at the left."""
    half = font_pt * _PT_MM / 2
    per_line = max(1.0, (width_mm - 2.5) / half)
    lines = max(1, int(height_mm / (font_pt * _PT_MM * LINE_SPACING) + 0.05))
    return per_line, lines


# Control characters a cell cannot hold (XML 1.0 allows tab, line feed and carriage return
# only); and Excel's own escape for them, which it would turn back into the character.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF])
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4})_")


def cell_text(value: object) -> str:
    """Text as it may be written into a workbook cell: control characters removed, and a
    literal `_x0008_` kept literal (Excel would read it as the character it encodes).

    Writers store text with their string writers (never as a formula), so text starting
    with "=" stays text; this makes sure the characters themselves can be stored.
    """
    text = str(value).translate(_CONTROL)
    return _EXCEL_ESCAPE.sub(r"_x005F_\1_", text)


# Invisible format characters outside the Basic Multilingual Plane (Unicode's Cf there).
_ASTRAL_FORMAT = ((0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
                  (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
                  (0xE0020, 0xE007F))  # fmt: skip


@functools.cache
def _terminal_unsafe() -> re.Pattern[str]:
    """Control characters (but tab and line feed), format characters (right-to-left
    overrides, zero-width spaces, the BOM…) and the line and paragraph separators: from
    Python's own Unicode tables, built once, on first use."""
    unsafe = [
        code
        for code in range(0x10000)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and code not in (9, 10)
    ]
    ranges: list[tuple[int, int]] = []
    for code in unsafe:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    ranges += _ASTRAL_FORMAT
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )


def _code(match: re.Match[str]) -> str:
    code = ord(match.group())
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def terminal_text(value: object) -> str:
    """Text safe to print on a terminal: escape sequences (ESC[2J, ESC]0;…), other
    control characters and invisible format characters (a right-to-left override that
    would show a name backwards, a zero-width space) shown as visible codes (\\x1b,
    \\u202e) instead of being obeyed."""
    text = str(value)
    if text.isascii() and text.isprintable():
        return text
    return _terminal_unsafe().sub(_code, text)


# Line breaking for the terminal (JIS X 4051 kinsoku, simplified): these never start a
# line, and these never end one.
_NO_START = frozenset(
    "、。，．,.・：；:;？！?!）)」』】〕］]｝}〉》ー～ぁぃぅぇぉっゃゅょァィゥェォッャュョ々"
)
_NO_END = frozenset("（(「『【〔［[｛{〈《")
# ASCII runs are words (kept whole when they fit); a path may break after a separator.
_TOKENS = re.compile(r"[!-~]*?[/\\]|[!-~]+?(?=[^!-~]|$)| |[^ !-~]")
_PATH_TOKENS = re.compile(r"[^/\\]*[/\\]|[^/\\]+")


def wrap(
    text: str, width: int | None, *, indent: int = 0, hang: int | None = None, path: bool = False
) -> list[str]:
    """`text` broken into lines of at most `width` display columns for a terminal.

    The first line is indented by `indent` spaces, the following ones by `hang` (default
    `indent`). Japanese text may break between any two characters, except before a closing
    mark or after an opening one (「、」「。」「」」 never start a line); an ASCII word or a path
    part is kept whole unless it is longer than a line. A line break in `text` starts a new
    line. Ambiguous-width characters (○ ※ ①) count two columns, so a line fits whether the
    terminal draws them narrow or wide. `path`: `text` is a file path, broken only after
    a folder separator (or inside a name longer than a line). `width` None: no breaking.
    """
    hang = indent if hang is None else hang
    parts = text.replace("\t", " ").split("\n")
    if width is None:
        return [" " * (indent if i == 0 else hang) + p for i, p in enumerate(parts)]
    out: list[str] = []
    tokens = _PATH_TOKENS if path else _TOKENS
    for part in parts:
        out += _wrap_part(tokens.findall(part), width, indent if not out else hang, hang)
    return out


def _wrap_part(tokens: list[str], width: int, indent: int, hang: int) -> list[str]:
    lines: list[list[str]] = [[]]
    used = indent
    for token in tokens:
        w = display_width(token)
        line = lines[-1]
        if used + w <= width:
            if token != " " or line:  # no space at the start of a line
                line.append(token)
                used += w
            continue
        if token == " ":
            lines.append([])
            used = hang
            continue
        if w > width - hang:  # a word longer than a line: broken between characters
            for ch in token:
                if used + display_width(ch) > width and lines[-1]:
                    lines.append([])
                    used = hang
                lines[-1].append(ch)
                used += display_width(ch)
            continue
        lines.append(_carried(line, token))
        used = hang + sum(display_width(t) for t in lines[-1])
    first, *rest = ("".join(line).rstrip(" ") for line in lines)
    return [" " * indent + first, *(" " * hang + line for line in rest)]


def _carried(line: list[str], token: str) -> list[str]:
    """The start of the next line when `token` does not fit on `line`: the tokens of
    `line` that must go down with it (kinsoku), taken off `line`, then `token`."""
    carried = [token]
    for _ in range(3):  # a few marks in a row at most; never empty the line
        if len(line) <= 1 or line[-1] == " ":
            break
        if carried[0][0] in _NO_START or line[-1] in _NO_END:
            carried.insert(0, line.pop())
        else:
            break
    while line and line[-1] == " ":
        line.pop()
    return carried
