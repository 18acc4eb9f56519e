"""A letter's sender block, above a form's body and without labels: the station alone
on its line and the extension in brackets are its 所属 and 警電, read with a note."""

from __future__ import annotations

import re
import unicodedata

from toolkit import labels as L
from toolkit.model import ReadNote
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.labelread import Hit

# A letter's sender block above a form's body, without labels: the station alone on its
# line (「東雲警察署」, 「東雲警察署　地域課」) and the extension in brackets (「（警電　44-120）」).
_STATION_ALONE = re.compile(r"^(?P<station>[^\s\d:：()（）]{1,12}警察署)(?:\s*地域課)?$")
_PHONE_ALONE = re.compile(
    r"^[(（]?\s*(?:警電|警察電話|内線)\s*[:：]?\s*(?P<phone>[0-9][0-9\-‐ー]{1,14})\s*[)）]?$"
)
_BODY = frozenset({"council_name", "facility_name", "date"})


def sender_lines(raw: RawReport, grid: Grid, hits: dict[tuple[int, int], Hit]) -> None:
    """A form whose 所属 or 警電 has no label: taken from a line above its body that holds
    only a police station, or only an extension after its word, and said so."""
    body = [p[0] for p, h in hits.items() if h.kind == "field" and h.name in _BODY]
    if not body:
        return
    wanted = [key for key in ("affiliation", "phone") if not _filled_field(raw, key)]
    for r in range(min(min(body), grid.height)):
        for c, value in enumerate(grid.rows[r]):
            if not wanted:
                return
            if not isinstance(value, str) or (r, c) in hits or grid.anchor(r, c) != (r, c):
                continue
            text = unicodedata.normalize("NFKC", value).strip()
            for key, pattern in (("affiliation", _STATION_ALONE), ("phone", _PHONE_ALONE)):
                m = pattern.match(text) if key in wanted else None
                if m is None:
                    continue
                cell = grid.ref(r, c)
                raw.fields[key] = [RawCell(m.group(1), cell)]
                raw.expected.pop(key, None)
                raw.notes.append(
                    ReadNote(
                        "I1.sender-line",
                        key,
                        cell,
                        (
                            ("found", value.strip()[:40]),
                            ("where", cell.a1),
                            ("label", L.PRINTED[key]),
                        ),
                    )
                )
                wanted.remove(key)


def _filled_field(raw: RawReport, key: str) -> bool:
    return any(c.value not in (None, "") for c in raw.fields.get(key, []))
