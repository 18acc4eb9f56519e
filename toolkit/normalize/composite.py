"""Two values written in one cell: a reporter with the phone extension after the name,
and attendees listed by name where a count belongs."""

from __future__ import annotations

import re

from toolkit.normalize.names import split_names
from toolkit.normalize.text import clean_text

# 「巡査部長 荒木大輔（警電 7105）」「荒木大輔 警電:7105」「荒木（内線 7105）」 after NFKC.
_PHONE_AFTER = re.compile(
    r"^(?P<who>.*?\S)\s*[(\[]?\s*(?:警電|警察電話|電話番号|電話|内線|TEL|Tel|tel)\s*"
    r"(?:番号)?\s*[:.]?\s*(?P<phone>[0-9][0-9\-‐ー]{1,14}[0-9]|[0-9]{1,2})\s*[)\]]?\s*$"
)


# 「巡査部長 青木 大輔（8305）」: a number in brackets at the end of a name (a 報告者（警電）
# box) is the extension.
_BARE_PHONE = re.compile(
    r"^(?P<who>.*?\S)\s*[(\[]\s*(?P<phone>[0-9][0-9\-‐ー]{1,12}[0-9])\s*[)\]]\s*$"
)


# 「（警電　44-120）」「警電：7105」: a phone written with its word in the phone's own box.
_WORDED_PHONE = re.compile(
    r"^[(\[]?\s*(?:警電|警察電話|電話番号|電話|内線|TEL|Tel|tel)\s*(?:番号)?\s*[:.]?\s*"
    r"(?P<phone>[0-9][0-9\-‐ー]{1,14}[0-9]|[0-9]{1,2})\s*[)\]]?$"
)


def bare_phone(value: str) -> str:
    """A phone extension without the word written around it in its own box:
    「（警電　44-120）」 → "44-120"; any other text as it is."""
    m = _WORDED_PHONE.match(value.strip())
    return m["phone"] if m is not None else value


# 「美浜警察署　地域課」「美浜警察署地域課地域係」: the station, and the section after it.
_STATION_SECTION = re.compile(r"^(?P<station>\S{1,12}?警察署)\s*\S{0,8}(?:課|係|室)$")


def station_of(value: str) -> str:
    """The police station of a 所属 written with its section after it: 「美浜警察署　地域課」
    → 「美浜警察署」; any other text as it is."""
    m = _STATION_SECTION.match(value.strip())
    return m["station"] if m is not None else value


def split_reporter(value: object) -> tuple[str, str] | None:
    """The reporter and the phone extension written after the name, or None when the
    cell does not end with one: 「巡査部長 荒木大輔（警電 7105）」 → ("巡査部長 荒木大輔",
    "7105"). The extension keeps its leading zeros."""
    text = clean_text(value)
    if text is None or "\n" in text:
        return None
    m = _PHONE_AFTER.match(text) or _BARE_PHONE.match(text)
    if m is None:
        return None
    who = m["who"].rstrip(" ,、/")
    if not who:
        return None
    return who, m["phone"]


# Words that make a list of attendees something other than names: an estimate, a
# group, a number of others ("多数", "委員全員", "山田会長ほか10名").
_NOT_NAMES = re.compile(r"[0-9]|多数|若干|不明|未定|なし|無し|程度|全員|一同|ほか|他|等|以上|約")


# A lone name must look like a person (rank and name, a title), not a word ("多い").
_PERSON = re.compile(
    r"\s|会長|委員|役員|代表|理事|校長|教頭|主事|巡査|警部|署長|課長|係長|所長|氏$|様$|さん$"
)


def names_of(value: object) -> tuple[str, ...] | None:
    """The names in a cell that lists attendees instead of counting them, or None when
    the cell is not such a list: 「山田自治会長、佐藤民生委員、鈴木防犯協会長」 → three names.
    Names are separated as in 出席警察官名 (、 , ; / and line breaks); a single name must
    look like one (a rank or title, or a space between surname and given name)."""
    text = clean_text(value)
    if text is None or _NOT_NAMES.search(text):
        return None
    names = split_names(text)
    if not names or any(not 2 <= len(n) <= 30 for n in names):
        return None
    if len(names) == 1 and _PERSON.search(names[0]) is None:
        return None
    return names


# 「山田会長、佐藤委員ほか２名」: the names, and how many more were counted without them.
_OTHERS = re.compile(r"\s*[、,]?\s*(?:ほか|他|外)\s*([0-9]{1,3})\s*[名人]\s*$")


def people_count(value: object) -> int | None:
    """How many people a cell that lists attendees names, counting 「ほか２名」 at its end:
    「山田会長、佐藤委員ほか２名」 → 4; None when the cell is no such list."""
    text = clean_text(value)
    if text is None:
        return None
    others = 0
    m = _OTHERS.search(kanji_free(text))
    if m is not None:
        others = int(m.group(1))
        text = text[: m.start()]
        if not text.strip():
            return None
    names = names_of(text)
    return None if names is None else len(names) + others


def kanji_free(text: str) -> str:
    """`text` with kanji numerals as digits (「ほか二名」 → 「ほか2名」)."""
    from toolkit.normalize.text import kanji_to_arabic

    return kanji_to_arabic(text)
