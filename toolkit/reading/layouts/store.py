"""Where confirmed layouts are kept: one JSON file per layout in a folder (the working
folder's `様式`), read once per run and handed to the readers as data."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.errors import InputError
from toolkit.fileio import write_atomic
from toolkit.reading.layouts.model import LayoutMap

SUFFIX = ".json"


class LayoutFileError(InputError):
    """A file in the layouts folder is not a layout map kyogikai can use."""


def load_layouts(folder: Path | None) -> tuple[LayoutMap, ...]:
    """Every confirmed layout in `folder` (none when it is None or does not exist), in
    the order of their IDs. Raises `LayoutFileError` naming a file that cannot be used."""
    if folder is None or not folder.is_dir():
        return ()
    maps: list[LayoutMap] = []
    for path in sorted(folder.glob("*" + SUFFIX)):
        try:
            maps.append(LayoutMap.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            raise LayoutFileError(
                f"確認済みの様式のファイル「{path}」を読めません（{exc}）。"
                "kyogikai layout --confirm で作り直すか、このファイルを様式のフォルダから外してください。"
            ) from exc
    return tuple(sorted(maps, key=lambda m: m.layout_id))


def layout_path(folder: Path, layout: LayoutMap) -> Path:
    return folder / f"{layout.layout_id}{SUFFIX}"


def save_layout(layout: LayoutMap, folder: Path) -> tuple[Path, LayoutMap | None]:
    """Store `layout` in `folder` (made when missing); returns its file and the layout
    it replaced (the same layout confirmed before), if any."""
    path = layout_path(folder, layout)
    before: LayoutMap | None = None
    if path.exists():
        try:
            before = LayoutMap.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError):
            before = None
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, layout.dumps().encode("utf-8"))
    return path, before
