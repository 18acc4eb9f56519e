"""出席警察官名: one cell of names, split into the names."""

from __future__ import annotations

import re

from toolkit.normalize.text import clean_text

_NAME_SEPARATORS = re.compile(r"[、,;/\n]")


def split_names(value: object) -> tuple[str, ...]:
    """出席警察官名 split into names: "警部補　村上直人、巡査　北村陽菜" → two names.

    Separators: 、 ， , ; ； / ／ and line breaks. Not ・ (it joins the parts of foreign
    names) and not spaces (they separate rank and name). Each name is cleaned.
    """
    raw = clean_text(value)
    if raw is None:
        return ()
    names = (clean_text(part) for part in _NAME_SEPARATORS.split(raw))
    return tuple(name for name in names if name)
