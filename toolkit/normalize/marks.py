"""Ticked options and printed choices: 会議種別 (定期/臨時) and the 区分 of an agenda row."""

from __future__ import annotations

import re

from toolkit.model import CATEGORIES, EXTRAORDINARY, REGULAR
from toolkit.normalize.problems import AMBIGUOUS, UNREADABLE, Parsed
from toolkit.normalize.text import CLOSE_BRACKET, OPEN_BRACKET, clean_text, label_key

# Marks that tick an option; ☒ is the checked state of Word's check box. × and its kin
# strike an option out, as they mean "no" in Japanese forms; they never tick one.
_TICKS = "■●○◯◎◉〇☑☒✓✔✅レ"
_UNTICKS = "□☐◻×✕✖☓✗✘"
_MEETING_TOKEN = re.compile(
    # Officers sometimes space the letters of a word out ("定　期"); one space is allowed.
    r"(?P<regular>定 ?期|定 ?例)(?: ?会 ?議| ?会)?"
    r"|(?P<extraordinary>臨 ?時)(?: ?会 ?議| ?会)?"
    rf"|{OPEN_BRACKET}\s*(?P<bracket>[{_TICKS}{_UNTICKS}]?)\s*{CLOSE_BRACKET}"
    rf"|(?P<mark>[{_TICKS}{_UNTICKS}])"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_MEETING_WORDS = {"regular": REGULAR, "extraordinary": EXTRAORDINARY}


def parse_meeting_type(value: object) -> Parsed[str]:
    """会議種別 as `regular` (定期会議) or `extraordinary` (臨時会議).

    Words: 定期, 定期会議, 定例, 定例会, 臨時, 臨時会議, "定期会議（年1回）", and the values
    "regular" / "extraordinary". Ticked options: a mark written directly before an option
    ticks it ("■定期 □臨時", "（○）定期（　）臨時", "○定期・臨時", "☑定期 ☐臨時", "レ定期");
    when the first mark comes after the first option, a mark ticks the option it touches
    without a space ("定期○ 臨時"), or the only option beside it ("定期 臨時 ○").
    Ticks: ■ ● ○ ◯ ◎ ◉ 〇 ☑ ☒ ✓ ✔ ✅ レ. Unticked or struck out: □ ☐ ◻ × ✕ ✖ ☓ ✗ ✘ and
    empty brackets. The letters of a word may be spaced out once ("定　期").

    One option alone (ticked or unmarked) is that option; one option alone and unticked
    is UNREADABLE (nothing chosen). Both options with exactly one ticked give it; both with
    no tick, both ticked, or a mark that belongs to neither or to both ("定期 ○ 臨時",
    "定期○臨時") are AMBIGUOUS. Nothing recognisable is UNREADABLE.
    """
    if isinstance(value, bool):
        return Parsed(None, UNREADABLE, str(value).upper())
    raw = clean_text(value)
    if raw is None:
        return Parsed(None)
    word = _MEETING_WORDS.get(raw.casefold())
    if word is not None:
        return Parsed(word, raw=raw)
    tokens = _meeting_tokens(raw)
    options = {kind for kind in tokens if kind in (REGULAR, EXTRAORDINARY)}
    if not options:
        return Parsed(None, UNREADABLE, raw)
    ticked, unticked, ambiguous = _assign_marks(tokens)
    if ambiguous or len(ticked) > 1:
        return Parsed(None, AMBIGUOUS, raw)
    if len(ticked) == 1:
        return Parsed(ticked.pop(), raw=raw)
    if len(options) == 1:
        (only,) = options
        if only in unticked:
            return Parsed(None, UNREADABLE, raw)
        return Parsed(only, raw=raw)
    return Parsed(None, AMBIGUOUS, raw)


def _meeting_tokens(raw: str) -> list[str]:
    """The kinds of the pieces of `raw`: an option, "tick", "untick", "space" or "other"."""
    tokens: list[str] = []
    for match in _MEETING_TOKEN.finditer(raw):
        mark = match["bracket"] if match["bracket"] is not None else match["mark"]
        if match["regular"]:
            tokens.append(REGULAR)
        elif match["extraordinary"]:
            tokens.append(EXTRAORDINARY)
        elif mark is not None:
            tokens.append("tick" if mark and mark in _TICKS else "untick")
        else:
            tokens.append("space" if match["space"] else "other")
    return tokens


def _neighbour(tokens: list[str], i: int, step: int) -> tuple[str | None, bool]:
    """The option beside the mark at `i` (step -1 before, +1 after) and whether it touches.

    Only whitespace may stand between a mark and its option; anything else means none.
    """
    j = i + step
    spaced = False
    if 0 <= j < len(tokens) and tokens[j] == "space":
        spaced = True
        j += step
    if 0 <= j < len(tokens) and tokens[j] in (REGULAR, EXTRAORDINARY):
        return tokens[j], not spaced
    return None, False


def _assign_marks(tokens: list[str]) -> tuple[set[str], set[str], bool]:
    """Options ticked, options unticked, and whether some mark could not be assigned."""
    ticked: set[str] = set()
    unticked: set[str] = set()
    ambiguous = False
    significant = [kind for kind in tokens if kind not in ("space", "other")]
    prefix_layout = bool(significant) and significant[0] in ("tick", "untick")
    for i, kind in enumerate(tokens):
        if kind not in ("tick", "untick"):
            continue
        before, before_touches = _neighbour(tokens, i, -1)
        after, after_touches = _neighbour(tokens, i, +1)
        if prefix_layout or before is None:
            target = after
        elif after is None or (before_touches and not after_touches):
            target = before
        elif after_touches and not before_touches:
            target = after
        else:
            target = None  # between two options and as close to both
        if target is None:
            if kind == "tick" or before or after:
                ambiguous = True
            continue
        (ticked if kind == "tick" else unticked).add(target)
    return ticked, unticked, ambiguous


# Enumerators printed before a 区分: ア, (イ), ウ., 1, (2), ①.
_CATEGORY_ENUMERATOR = re.compile(
    r"^(?:\(?[アイウエオ]\)|[アイウエオ][.、,:)](?!$)|[アイウエオ](?=[^\u30a0-\u30ff])"
    r"|\(?[0-9]{1,2}[).、,:]?(?=[^0-9]))"
)
_CATEGORY_PUNCTUATION = re.compile(r"[・,、.。()\[\]「」『』〔〕【】]")
_KOBAN = ("交番", "駐在", "派出所")
_FESTIVAL = ("祭礼", "催事", "行事", "祭り")


_LABELLED_CATEGORY = re.compile(r"(?:協議事項|区分|議題)\((.+)\)")


def canonical_category(value: object) -> str | None:
    """The 区分 of an agenda row as one of `model.CATEGORIES`, or None when it is none of them.

    Printed and typed forms are accepted: 交番等の活動状況, 交番の活動状況, ア 交番等の活動状況,
    地域住民等に身近な事件・事故等の発生状況 (also with ，), 身近な事件・事故の発生状況,
    地域の祭礼等の催事・行事, 地域の抱える祭礼等の催事，行事の進め方, 祭礼・行事, そ の 他, その他.
    Matching looks for the words that name each category (交番/駐在 with 活動; 事件 or 事故
    with 発生 or 身近; 祭礼, 催事 or 行事; a leading その他), so unrelated text maps to None.
    """
    if not isinstance(value, str):
        return None
    key = label_key(value)
    named = _LABELLED_CATEGORY.fullmatch(key)
    if named is not None:
        key = named.group(1)  # 協議事項（その他）: a row label naming its 区分
    key = _CATEGORY_ENUMERATOR.sub("", key, count=1)
    key = _CATEGORY_PUNCTUATION.sub("", key)
    if not key:
        return None
    koban, incidents, festivals, other = CATEGORIES
    if key.startswith(("その他", "そのほか", "その外")) or key == "他":
        return other
    if key in ("活動状況", "活動") or ("活動" in key and any(word in key for word in _KOBAN)):
        return koban
    if ("事件" in key or "事故" in key) and (
        "発生" in key or "身近" in key or key.rstrip("等") in ("事件事故", "事件", "事故")
    ):
        return incidents
    if any(word in key for word in _FESTIVAL):
        return festivals
    return None
