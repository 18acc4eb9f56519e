"""出席警察官名: one cell of names, split into the names."""

from __future__ import annotations

import itertools
import re

from toolkit.normalize.text import clean_text

_NAME_SEPARATORS = re.compile(r"[、,;/\n]")
# The ranks of the police (警察法第62条), each starting a person when names are written one
# after another with only spaces between them: 「警部補 松本浩 巡査部長 原田隆」.
_RANK = re.compile(r"(?:(?<=[\s・])|^)(?:警視正|警視|警部補|警部|巡査部長|巡査長|巡査)(?=\s)")


def split_names(value: object) -> tuple[str, ...]:
    """出席警察官名 split into names: "警部補　村上直人、巡査　北村陽菜" → two names.

    Separators: 、 ， , ; ； / ／ and line breaks. Not ・ (it joins the parts of foreign
    names) and not spaces (they separate rank and name), except before a second rank:
    「警部補 松本浩 巡査 菅原美咲」 and 「巡査部長 原口剛・警部補 内海陽介」 are two names.
    Each name is cleaned.
    """
    raw = clean_text(value)
    if raw is None:
        return ()
    names = (clean_text(one) for part in _NAME_SEPARATORS.split(raw) for one in _by_rank(part))
    return tuple(name for name in names if name)


def _by_rank(part: str) -> list[str]:
    """A part holding two ranks or more, each followed by a name, cut before each rank
    (a title before the first rank stays with it: 「交番所長 警部補 松本浩」 is one)."""
    starts = [m.start() for m in _RANK.finditer(part)]
    if len(starts) < 2:
        return [part]
    cuts = [0, *starts[1:], len(part)]
    return [part[a:b].rstrip("・ \u3000") for a, b in itertools.pairwise(cuts)]
