"""Numbers of people: one count per cell, or the police and civilian counts of one cell."""

from __future__ import annotations

import re
from datetime import date, time

from toolkit.normalize.problems import NEGATIVE, NOT_WHOLE, UNREADABLE, Parsed
from toolkit.normalize.text import clean_text, kanji_to_arabic

_MINUS = "-\u2010\u2011\u2012\u2013\u2212ー"  # ー: what a Japanese IME types for "-"
_COUNT_RE = re.compile(
    rf"(?P<sign>[{_MINUS}])?\s*"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12})(?:\.(?P<frac>[0-9]{1,12}))?"
    r"\s*(?:人|名)?"
)


def parse_count(value: object) -> Parsed[int]:
    """A number of people: 12, 12.0, "１２", "12人", "１２名", "12 人", "十二名", "百二十", "〇".

    A fraction is NOT_WHOLE (12.5, "12.5人"), a value below zero NEGATIVE (-1, "−1"; this
    wins over NOT_WHOLE). Estimates and words ("約10人", "10名程度", "多数") and booleans are
    UNREADABLE.
    """
    if isinstance(value, bool):
        return Parsed(None, UNREADABLE, str(value).upper())
    if isinstance(value, int):
        if value < 0:
            return Parsed(None, NEGATIVE, clean_text(value))
        return Parsed(value, raw=clean_text(value))
    if isinstance(value, float):
        raw = clean_text(value)
        if raw is None:
            return Parsed(None)
        if value in (float("inf"), float("-inf")):
            return Parsed(None, UNREADABLE, raw)
        if value < 0:
            return Parsed(None, NEGATIVE, raw)
        if not value.is_integer():
            return Parsed(None, NOT_WHOLE, raw)
        return Parsed(int(value), raw=raw)
    raw = clean_text(value)
    if raw is None:
        return Parsed(None)
    if isinstance(value, date | time):
        return Parsed(None, UNREADABLE, raw)
    match = _COUNT_RE.fullmatch(kanji_to_arabic(raw))
    if match is None:
        return Parsed(None, UNREADABLE, raw)
    number = int(match["int"].replace(",", ""))
    fraction = (match["frac"] or "").strip("0")
    if match["sign"] and (number or fraction):
        return Parsed(None, NEGATIVE, raw)
    if fraction:
        return Parsed(None, NOT_WHOLE, raw)
    return Parsed(number, raw=raw)


_ATTENDANCE_LABEL = re.compile(
    r"(?P<police>警察官|警察職員|警察(?!署))"
    r"|(?P<civil>民間人|民間委員|民間|地域住民|住民|協議会委員|委員(?!長)|一般)"
)
_ATTENDANCE_END = re.compile(r"[、,・/;\n]|合計|総数|計")
_ATTENDANCE_TOTAL = re.compile(r"合計|総数|計")
_BREAKDOWN = re.compile(r"(?<=[0-9人名])\s*\([^()]*\)")


_BREAKDOWN = re.compile(r"(?<=[0-9人名])\s*\([^()]*\)")


def split_attendance(text: object, *, whole: bool = False) -> tuple[str | None, str | None] | None:
    """The police and civilian counts of one cell that holds both, as text for `parse_count`.

    "警察官3人・民間10人", "警察官：３名、民間：１０名", "警察官 3 民間 10", "民間10人・警察官3人"
    give ("3人", "10人")-like pairs (police, civilian); a label with nothing after it gives
    None in its place. None when the text does not name both 警察官/警察 and 民間/住民.
    With `whole`, each part runs to the next label (or a total), not to the first 、:
    what follows a label when it lists names instead of a count.
    """
    raw = clean_text(text)
    if raw is None:
        return None
    # A breakdown after a count is not the count: 「民間12人（委員9人・オブザーバー3人）」;
    # but after a total it is the split asked for: 「計14名（警察官3名・委員11名）」.
    kept = _BREAKDOWN.sub("", raw)
    if {_kind(m) for m in _ATTENDANCE_LABEL.finditer(kept)} == {"police", "civil"}:
        raw = kept
    labels = list(_ATTENDANCE_LABEL.finditer(raw))
    found: dict[str, str | None] = {}
    for i, label in enumerate(labels):
        kind = _kind(label)
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(raw)
        segment = raw[label.end() : stop].lstrip(" :=()[]")
        if not whole:  # a breakdown after the count: 民間12人（委員9人・オブザーバー3人）
            segment = _BREAKDOWN.sub("", segment)
        cut = (_ATTENDANCE_TOTAL if whole else _ATTENDANCE_END).search(segment)
        count = clean_text(segment[: cut.start()] if cut else segment)
        if count is not None:
            count = count.strip("()[] ") or None
        if found.get(kind) is None:
            found[kind] = count
    if "police" not in found or "civil" not in found:
        return None
    return found["police"], found["civil"]


def _kind(label: re.Match[str]) -> str:
    return "police" if label["police"] else "civil"
