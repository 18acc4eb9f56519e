"""Layouts HQ confirmed (SPEC, "Layouts HQ confirms"): a station's own rendition of the
別記様式, confirmed once in a proof, is read exactly ever after.

- `model`: the map (where each field is; what is printed there), stored as JSON;
- `match`: a sheet recognised by its printed labels and boxes, tolerant of rows inserted
  into a table; a near match only resembles;
- `apply`: the one function that reads a sheet by its map;
- `propose`: the label reader's reading of a sheet, as a map for HQ to confirm;
- `confirm`: HQ's corrections on a proof, checked, made into a map;
- `store`: the folder of confirmed maps.

The reader asks `recognise` before it reads a sheet by its labels: a sheet that matches a
confirmed layout is read by its map; one that only resembles one says so in its record.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.model import ReadNote
from toolkit.raw import RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.layouts.apply import read_by_map
from toolkit.reading.layouts.match import Resemblance, index_of, match, resemble
from toolkit.reading.layouts.model import LayoutMap
from toolkit.reading.layouts.store import LayoutFileError, load_layouts, save_layout

__all__ = [
    "LayoutFileError",
    "LayoutMap",
    "Recognised",
    "load_layouts",
    "recognise",
    "save_layout",
]

SIMILAR = "S3.similar-layout"


@dataclass(frozen=True)
class Recognised:
    """What the confirmed layouts say of a sheet: its reports, read by the map of the
    layout it matched; or the layout it only resembles, if any."""

    reports: list[RawReport] | None = None
    resemblance: Resemblance | None = None

    def noted(self, raw: RawReport) -> RawReport:
        """`raw` (read by its labels), saying which confirmed layout the sheet resembles."""
        near = self.resemblance
        if near is not None:
            params = (
                ("name", near.layout.name),
                ("id", near.layout.layout_id),
                ("moved", near.text),
            )
            raw.notes.append(ReadNote(SIMILAR, None, None, params))
        return raw


NOTHING = Recognised()


def recognise(grid: Grid, layouts: tuple[LayoutMap, ...]) -> Recognised:
    """The sheet read by the confirmed layout it matches; else the one it resembles."""
    if not layouts:
        return NOTHING
    # Only the layouts whose first label is printed where they have it are tried (a few
    # cell lookups for all of them); the one that matched last first: files of one
    # station come together.
    for layout in sorted(index_of(layouts).candidates(grid), key=lambda m: m.layout_id != _LAST[0]):
        shift = match(layout, grid)
        if shift is not None:
            _LAST[0] = layout.layout_id
            return Recognised(read_by_map(layout, grid, shift))
    return Recognised(resemblance=resemble(layouts, grid))


_LAST = [""]  # per process: the ID of the layout matched last
