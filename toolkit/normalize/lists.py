"""Lists written in one cell: numbered or bulleted items, a 区分 written before a topic,
要望/回答 exchanges, and the words that mean "nothing to report".

Stations often write 協議事項 or 要望事項 as one cell — 「①巡回連絡の結果　②自転車盗」,
「1. …」 one a line, 「・…」 bullets, 「【交番等の活動状況】…」 — instead of one row each.
Splitting works on the text as typed, before NFKC (which turns ① into 1 and ⑴ into (1)):
every pattern accepts full- and half-width forms. A text is split only where its markers
make a consistent list: the same kind of marker, numbers counting up from the first, a
marker at the start of the text; a number inside a sentence (「1.5倍」「10.15」「1、2月」)
is never a marker. Nothing here raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from toolkit.normalize.marks import canonical_category
from toolkit.normalize.text import clean_text


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a list: its number (①, 1., (1), ア. … as 1; None for a bullet), its
    text as typed (the marker removed), and where its marker stands in the text."""

    number: int | None
    text: str
    start: int = 0


@dataclass(frozen=True, slots=True)
class Split:
    """The items of a text; `marked` when it was split at two or more markers."""

    entries: tuple[Entry, ...]
    marked: bool = False


# --- markers ----------------------------------------------------------------------------

_NUM = "[0-9０-９]{1,2}"
_NOT_DIGIT = "(?![0-9０-９])"
_KANA = "アイウエオカキクケコサシスセソ"
_KANA_ALL = _KANA + "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿ"
_BULLETS = "・･●○◯■◆◇▪•◎☆★\\-－‐―＊*"
_MARKER = re.compile(
    r"(?P<circled>[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])"
    r"|(?P<dingbat>[\u2776-\u277f\u24eb-\u24f4])"
    r"|(?P<parenchar>[\u2474-\u2487])"
    rf"|[(（]\s*(?P<paren>{_NUM})\s*[)）]"
    rf"|(?P<half>{_NUM})[)）]"
    rf"|(?P<dot>{_NUM})\s*[.．:：]{_NOT_DIGIT}"
    rf"|(?P<comma>{_NUM})\s*[、，,]{_NOT_DIGIT}"
    rf"|[(（](?P<kanaparen>[{_KANA_ALL}])[)）]"
    rf"|(?P<kana>[{_KANA_ALL}])[.．)）、]"
    rf"|(?P<bullet>[{_BULLETS}])"
)
# The characters a marker can start with (a quick first test).
_MARKER_FIRST = frozenset(
    "0123456789０１２３４５６７８９(（" + _KANA_ALL + _BULLETS.replace("\\", "")
) | frozenset(
    chr(c)
    for lo, hi in (
        (0x2460, 0x2487),
        (0x24EB, 0x24F4),
        (0x2776, 0x277F),
        (0x3251, 0x325F),
        (0x32B1, 0x32BF),
    )
    for c in range(lo, hi + 1)
)
# Where a marker may stand: at the start of a line, or (for the unmistakable ones, and
# for numbers after a space or a sentence end) inside a line.
_LINE_START = re.compile(r"(?:^|\n)[ \t\u3000]*")
_INLINE_AFTER = frozenset(" \t\u3000、。，,；;")
_ANYWHERE = frozenset({"circled", "dingbat", "parenchar"})


@dataclass(frozen=True, slots=True)
class _Marker:
    style: str
    number: int | None
    symbol: str  # the bullet character, for bullets
    start: int
    end: int
    line_start: bool


def _number(style: str, text: str) -> int | None:
    if style == "bullet":
        return None
    if style == "circled":
        code = ord(text)
        if code <= 0x2473:
            return code - 0x2460 + 1
        if code <= 0x325F:
            return code - 0x3251 + 21
        return code - 0x32B1 + 36
    if style == "dingbat":
        code = ord(text)
        return code - 0x2776 + 1 if code <= 0x277F else code - 0x24EB + 11
    if style == "parenchar":
        return ord(text) - 0x2474 + 1
    if style in ("kana", "kanaparen"):
        return _KANA.index(unicodedata.normalize("NFKC", text)) + 1
    return int(unicodedata.normalize("NFKC", text))


def _markers(text: str) -> list[_Marker]:
    """Every place a marker could stand in `text`, in order."""
    starts = {m.end() for m in _LINE_START.finditer(text)}
    found: list[_Marker] = []
    for m in _MARKER.finditer(text):
        style = m.lastgroup or ""
        at = m.start()
        line_start = at in starts
        if not line_start and style not in _ANYWHERE:
            before = text[at - 1] if at else ""
            if before not in _INLINE_AFTER or (style == "bullet" and text[at] != "・"):
                continue
        found.append(
            _Marker(style, _number(style, m.group(style)), m.group(style), at, m.end(), line_start)
        )
    return found


def _same_kind(a: _Marker, b: _Marker) -> bool:
    if a.style != b.style:
        return False
    return a.style != "bullet" or a.symbol == b.symbol


def _sequence(first: _Marker, markers: list[_Marker]) -> list[_Marker]:
    """The markers that continue `first`'s list: the same kind, and for numbers the next
    number each time. Circled numbers (①, ⑴, ❶) cannot be read as anything else, so
    they may come in any order (answers listed as ①③②), each number once."""
    chosen = [first]
    seen = {first.number}
    for m in markers:
        if m.start <= chosen[-1].start or not _same_kind(first, m):
            continue
        if (
            first.number is None
            or (m.style in _ANYWHERE and m.number not in seen)
            or (m.number == (chosen[-1].number or 0) + 1 and m.number not in seen)
        ):
            chosen.append(m)
        seen.add(m.number)
    return chosen


def split_items(value: object) -> Split:
    """The items of a list written in one cell.

    Split when the text starts with a marker and at least two markers of the same kind
    follow one another (numbers counting up by one): ① ② (to ㊿), ❶, ⑴, (1) （１）, 1) 1.
    １．1、 1:, ア. (ア), and bullets ・ ● ○ ■ ◆ - at the start of a line (・ also after a
    space). Text before the first marker means it is not a list. A single marked item has
    its marker removed. Empty text gives no entries.
    """
    if not isinstance(value, str):
        text = clean_text(value)
        return Split((Entry(None, text),) if text else ())
    text = value.strip()
    if not text:
        return Split(())
    if "\n" not in text and text[0] not in _MARKER_FIRST:
        return Split((Entry(None, text),))  # one line not starting with a marker
    markers = _markers(text)
    if not markers or markers[0].start != 0:
        return Split((Entry(None, text),))
    chosen = _sequence(markers[0], markers[1:])
    entries = []
    for i, m in enumerate(chosen):
        end = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        entries.append(Entry(m.number, text[m.end : end].strip(" \t\u3000\n、，,"), m.start))
    return Split(tuple(entries), marked=len(chosen) >= 2)


def is_plain(text: str) -> bool:
    """Text that cannot be a list nor carry a 区分 before it: one line, not starting with
    a marker or a bracket, no colon (the common case, told apart quickly)."""
    head = text.lstrip()[:1]
    return (
        "\n" not in text
        and head not in _MARKER_FIRST
        and head not in _PREFIX_FIRST
        and ":" not in text
        and "：" not in text
    )


def strip_marker(value: object) -> object:
    """One item's text without the number or bullet it starts with (「1. 巡回連絡」 →
    「巡回連絡」, 「・防犯診断」 → 「防犯診断」); anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    markers = _markers(text)
    if not markers or markers[0].start != 0:
        return value
    rest = text[markers[0].end :].strip(" \t\u3000\n、，,")
    return rest or value


_BARE = re.compile(r"(?:No\.?|NO\.?|№)?\s*[(]?[0-9]{1,2}[).:、]?")


def is_bare_marker(value: object) -> bool:
    """A cell that holds only a number or a marker (a printed 1, 2, 3 column): 1, "1.",
    "(1)", "①", "No.1"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value).is_integer() and 0 < value < 100
    if not isinstance(value, str) or len(value) > 12:
        return False  # text longer than 「No. 12」 is no bare number (the common case)
    text = unicodedata.normalize("NFKC", value).strip()
    return _BARE.fullmatch(text) is not None


# --- a 区分 written before a topic -------------------------------------------------------

_BRACKETED = re.compile(
    r"^\s*(?:[【\[［〔]\s*(?P<b>[^】\]］〕\n]{1,40}?)\s*[】\]］〕]"
    r"|[(（<＜〈《]\s*(?P<p>[^)）>＞〉》\n]{1,40}?)\s*[)）>＞〉》])"
    r"\s*[:：]?\s*(?P<rest>.*)$",
    re.S,
)
_COLONED = re.compile(r"^\s*(?P<c>[^:：\n]{2,40}?)\s*[:：]\s*(?P<rest>.*)$", re.S)
_KUBUN = re.compile(
    r"^\s*区\s*分\s*[:：]?\s*(?P<c>.+?)\s*(?:[/／|｜、,，\n]|[ \u3000]+)\s*"
    r"(?:(?:協議事項|議題|内容|事項)\s*[:：]?\s*)(?P<rest>.+)$",
    re.S,
)


_PREFIX_FIRST = frozenset("【[［〔(（<＜〈《区")


def category_prefix(text: str) -> tuple[str | None, str]:
    """A 区分 written before a topic, and the topic: 「【交番等の活動状況】巡回連絡」,
    「（身近な事件・事故）自転車盗」, 「交番等の活動状況：巡回連絡」, 「区分：その他　協議事項：…」.

    What stands in 【】 is always a 区分 (an unknown one is reported by the rules); in
    other brackets or before a colon only when it names one of the four 区分.
    """
    head = text.lstrip()[:1]
    if head not in _PREFIX_FIRST and ":" not in text and "：" not in text:
        return None, text  # no bracket, no colon, no 区分: nothing before the topic
    m = _KUBUN.match(text)
    if m is not None:
        return m["c"].strip(), m["rest"].strip()
    m = _BRACKETED.match(text)
    if m is not None:
        if m["b"] is not None:
            return m["b"].strip(), m["rest"].strip()
        if canonical_category(m["p"]) is not None:
            return m["p"].strip(), m["rest"].strip()
    m = _COLONED.match(text)
    if m is not None and canonical_category(m["c"]) is not None:
        return m["c"].strip(), m["rest"].strip()
    return None, text


def heading_category(line: str) -> str | None:
    """A line that is only a 区分 (「【交番等の活動状況】」, 「交番等の活動状況」): the 区分
    for the items under it; None for any other line."""
    stripped = line.strip()
    if not stripped or len(stripped) > 40:
        return None
    category, rest = category_prefix(stripped)
    if category is not None:
        return None if rest else category  # 「【区分】議題」 is an item with its 区分
    bare = stripped.rstrip(":：")
    if not _markers(bare) and canonical_category(bare) is not None:
        return bare
    return None


# --- 要望 / 回答 exchanges ---------------------------------------------------------------

_ASK = r"要望事項|要望|意見|質問|問い|問|Ｑ|Q"
_ANSWER = r"措置・回答|措置回答|回答|措置|対応|答え|答|Ａ|A"
_EXCHANGE = re.compile(
    r"^[ \t\u3000]*(?:"
    rf"[【\[［〔(（<＜]\s*(?:(?P<askb>{_ASK})|(?P<answerb>{_ANSWER}))\s*[0-9０-９]*\s*[】\]］〕)）>＞]"
    rf"|(?:(?P<askc>{_ASK})|(?P<answerc>{_ANSWER}))\s*[0-9０-９]*\s*[:：.．]"
    # 「（１）要望　…」「　　回答　…」: the word after the item's number, then a space
    r"|(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．、]|[①-⑳])?[ \t\u3000]*"
    r"(?:(?P<asks>要望事項|要望|意見|質問)|(?:措置・回答|措置回答|回答|措置|対応))[ \t\u3000]+(?=\S)"
    r")[ \t\u3000]*",
)


_INLINE_ANSWER = re.compile(
    rf"\s*(?:→|⇒|=>|->|＞|>)\s*(?=[【\[［〔(（<＜]?\s*(?:{_ANSWER})\s*[0-9０-９]*\s*[】\]］〕)）>＞:：])"
    rf"|(?<=[。.．])[ \t\u3000]*(?=(?:{_ANSWER})\s*[0-9０-９]*\s*[:：])"
)


# An answer on a line of its own under its request, after an arrow: 「・防犯カメラの増設」
# 「　→（回答）市と協議中」; the requests are then the lines with a bullet or a number.
_ARROW_LINE = re.compile(
    r"^[ \t\u3000]*(?:→|⇒|=>|->)\s*"
    rf"(?:[【\[［〔(（<＜]\s*(?:{_ANSWER})\s*[】\]］〕)）>＞]|(?:{_ANSWER})\s*[:：])?\s*"
)
_BULLET_LINE = re.compile(
    r"^[ \t\u3000]*(?:[・●○◯■□◆◇\-－]|[①-⑳]|[(（]?[0-9０-９]{1,2}[.．)）、])[ \t\u3000]*"
)


# The answer in brackets after its request: 「・夜間のパトロールの強化（回答：毎夜実施）」.
_BRACKET_ANSWER = re.compile(
    rf"^(?P<ask>.+?)\s*[（(]\s*(?:{_ANSWER})\s*[:：]\s*(?P<answer>.+?)\s*[)）]\s*$"
)


def _bracketed(lines: list[str]) -> list[tuple[str, str | None]] | None:
    """Requests one a line (each with a bullet, or just one), some with their answer in
    brackets after them; None when no line has one."""
    if len(lines) > 1 and not all(_BULLET_LINE.match(line) for line in lines):
        return None
    items = []
    for line in lines:
        bullet = _BULLET_LINE.match(line)
        text = line[bullet.end() :].strip() if bullet else line.strip()
        m = _BRACKET_ANSWER.match(text)
        items.append((m["ask"], m["answer"]) if m else (text, None))
    return items if any(answer for _, answer in items) else None


def split_exchanges(value: object) -> list[tuple[str, str | None]] | None:
    """Requests and answers written as exchanges: lines beginning 「要望：」 and 「回答：」
    (or 【要望】【回答】, 意見/質問, 措置/対応, Q./A.). An unmarked line continues the
    part above it. None when the text does not begin with such a word, or has none.
    """
    if not isinstance(value, str):
        return None
    bracketed = _bracketed([line for line in value.strip().splitlines() if line.strip()])
    if bracketed is not None:
        return bracketed
    arrows = any(_ARROW_LINE.match(line) for line in value.strip().splitlines()[1:])
    # 「要望：… → 回答：…」 on one line: the answer starts a line of its own.
    value = _INLINE_ANSWER.sub("\n", value)
    pairs: list[list[str]] = []
    part = -1  # 0: the request of the last pair, 1: its answer
    lines = value.strip().splitlines()
    for line in lines:
        m = _EXCHANGE.match(line)
        arrow = _ARROW_LINE.match(line) if m is None and arrows else None
        bullet = _BULLET_LINE.match(line) if m is None and arrow is None and arrows else None
        rest = line[m.end() :].strip() if m else line.strip()
        if arrow is not None and pairs and not pairs[-1][1]:
            pairs[-1][1] = line[arrow.end() :].strip()
            part = 1
        elif bullet is not None:
            pairs.append([line[bullet.end() :].strip(), ""])
            part = 0
        elif m is not None and (m["askb"] or m["askc"] or m["asks"]):
            pairs.append([rest, ""])
            part = 0
        elif m is not None:
            if not pairs or pairs[-1][1]:
                pairs.append(["", rest])
            else:
                pairs[-1][1] = rest
            part = 1
        elif part < 0 and arrows and rest:
            pairs.append([rest, ""])  # the first request, its answer after an arrow below
            part = 0
        elif part < 0:
            if rest:
                return None
        elif rest:
            pairs[-1][part] = f"{pairs[-1][part]}\n{rest}" if pairs[-1][part] else rest
    if not pairs:
        return None
    return [(ask, answer or None) for ask, answer in pairs]


# --- nothing to report ------------------------------------------------------------------

_NOTHING = frozenset(
    {
        "なし",
        "無し",
        "無",
        "ない",
        "特になし",
        "特に無し",
        "とくになし",
        "特にない",
        "特にありません",
        "ありません",
        "該当なし",
        "該当無し",
        "特記事項なし",
        "なし(特になし)",
        "-",
        "ー",
        "―",
        "—",
        "‐",
        "－",
        "/",
    }
)


def is_nothing(value: object) -> bool:
    """Words that mean nothing was raised: なし, 特になし, 該当なし, a dash."""
    text = clean_text(value)
    if text is None:
        return False
    return text.replace(" ", "").rstrip("。.") in _NOTHING
