"""Cell text as compared and shown, printed labels as matched, and kanji numerals.

Every parser of the package starts from `clean_text`, and reads numbers written in kanji
through `kanji_to_arabic`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

_WHITESPACE = re.compile(r"\s+")
# Zero-width characters that Word and web pages leave in pasted text.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(value: object) -> str | None:
    """The text of a cell as compared and shown: NFKC, one space between words, no blank lines.

    Each line has its whitespace runs (ideographic spaces and tabs included) collapsed to one
    space and is trimmed; empty lines are dropped; lines are joined by "\\n". Numbers are
    written as Excel shows them (934.0 → "934"), dates in ISO form, times as "HH:MM".
    None, booleans, NaN and text with nothing but whitespace give None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more digits than Python will print
            return None
    elif isinstance(value, float):
        if value != value:  # NaN: an empty cell read through a data frame
            return None
        return str(int(value)) if value.is_integer() else str(value)
    elif isinstance(value, datetime):
        day = value.date().isoformat()
        if value.time() == time(0):
            return day
        return f"{day} {_hhmm(value.time())}"
    elif isinstance(value, date):
        return value.isoformat()
    elif isinstance(value, time):
        return _hhmm(value)
    else:
        try:
            text = str(value)
        except Exception:
            return None
    text = unicodedata.normalize("NFKC", text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if text.isprintable():  # one line, no tabs: the common case, done the fast way
        return " ".join(text.split()) or None
    lines = (_WHITESPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def _hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def label_key(value: object) -> str:
    """A printed label reduced for matching: NFKC, no whitespace at all, no colon at the ends.

    "所　属：" and "所属" both give "所属"; "参考事項（写真添付）" gives "参考事項(写真添付)".
    Anything that is not a string gives "".
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = _INVISIBLE.sub("", _WHITESPACE.sub("", text))
    return text.strip(":")


# --------------------------------------------------------------------------- numerals

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_RUN = re.compile("[〇零一二三四五六七八九十百千]+")


def _kanji_number(run: str) -> str | None:
    """Arabic digits for a run of kanji numerals, or None when the run is irregular.

    Positional runs (二〇二六) are read digit by digit; runs with 十百千 are read as
    numbers (百二十 → 120, 二千二十六 → 2026).
    """
    if not any(ch in _KANJI_UNITS for ch in run):
        return "".join(str(_KANJI_DIGITS[ch]) for ch in run)
    total = 0
    digit: int | None = None
    last_unit = 10000
    for ch in run:
        if ch in _KANJI_DIGITS:
            if digit is not None:
                return None
            digit = _KANJI_DIGITS[ch]
        else:
            unit = _KANJI_UNITS[ch]
            if unit >= last_unit or digit == 0:
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
    return str(total + (digit or 0))


def kanji_to_arabic(text: str) -> str:
    """Text with every regular run of kanji numerals written in Arabic digits."""
    if not _KANJI_RUN.search(text):
        return text
    return _KANJI_RUN.sub(lambda m: _kanji_number(m.group()) or m.group(), text)


# Brackets around a weekday (dates) or a tick mark (ticked options), after NFKC.
OPEN_BRACKET = r"[(\[〔【]"
CLOSE_BRACKET = r"[)\]〕】]"
