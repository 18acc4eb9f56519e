"""How names are compared: width, spaces and the ways people write a police station.

Council names, facility names and station names are typed by many hands (中央署 and
中央警察署, full-width and half-width letters, stray spaces). Every comparison of names in
the toolkit goes through these keys.
"""

from __future__ import annotations

import unicodedata


def station_key(text: str | None) -> str | None:
    """A police station as compared and grouped: NFKC, no spaces, 〇〇署 as 〇〇警察署."""
    if not text:
        return None
    name = name_key(text)
    if name.endswith("署") and not name.endswith("警察署") and len(name) > 1:
        name = name[:-1] + "警察署"
    return name or None


def name_key(text: str) -> str:
    """A name as compared: NFKC (full-width letters and digits folded), no spaces at all."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def same_name(a: str, b: str) -> bool:
    """Names equal once width, spaces and a trailing 警察署/署 are set aside."""
    return _loose_key(a) == _loose_key(b)


def _loose_key(text: str) -> str:
    key = name_key(text)
    for suffix in ("警察署", "署"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def id_key(text: str) -> str:
    """協議会ID as compared and stored: NFKC, no spaces, upper case (ｃ００１ → C001)."""
    return name_key(text).upper()
