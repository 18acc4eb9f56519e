"""Checkboxes placed over a sheet (form controls), read as the options they tick.

Stations that draw 定期会議 / 臨時会議 with a checkbox in front of each put form controls
on the sheet. In an .xlsx each is a VML shape of the sheet's legacy drawing
(`xl/drawings/vmlDrawingN.vml`, `<x:ClientData ObjectType="Checkbox">`: its `x:Anchor`
in cells, `x:Checked`, the cell it is linked to in `x:FmlaLink`, its caption), and, from
Excel 2010 on, a `xl/ctrlProps/ctrlPropN.xml` part (`checked="Checked"`). The state is
read from the linked cell when it holds TRUE or FALSE (Excel keeps the two in step; the
cell may be in a hidden helper column), else from the control itself.

A checkbox ticks the option printed beside it (or its own caption): the option's cell then
reads 「■定期会議」 (「□臨時会議」 unticked), which the normaliser understands, and a ticked
one says how it was read, naming its cell. Excel 365's checkboxes in cells are TRUE/FALSE
values of the cells themselves, read where the record is built (`reading.units`).

VML is Microsoft's loose XML (`<br>` without its end tag in captions): it is read with
patterns, each part capped in size like every part of the file.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass

from toolkit.cells import parse_a1
from toolkit.excel.guard import Limits, read_member
from toolkit.excel.ooxml import relationships
from toolkit.reading.grid import Grid, Origin

_VML_REL = "/vmlDrawing"
_CTRL_REL = "/ctrlProp"
_SHAPE = re.compile(rb"<v:shape\b(.*?)</v:shape>", re.S)
_CHECKBOX = re.compile(rb'ObjectType\s*=\s*"Checkbox"', re.I)
_ANCHOR = re.compile(rb"<x:Anchor>\s*([0-9,\s]+)</x:Anchor>")
_CHECKED = re.compile(rb"<x:Checked>\s*([0-9])\s*</x:Checked>")
_LINK = re.compile(rb"<x:FmlaLink>\s*([^<]{1,60})</x:FmlaLink>")
_TEXTBOX = re.compile(rb"<v:textbox\b[^>]*>(.*?)</v:textbox>", re.S)
_SHAPE_ID = re.compile(rb'\bid\s*=\s*"_x0000_s([0-9]+)"')
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(rb'<(?:\w+:)?control\b[^>]*\bshapeId="([0-9]+)"[^>]*\br:id="([^"]+)"')
_CTRL_CHECKED = re.compile(rb'\bchecked="(Checked|Mixed|Unchecked)"')
_MAX_PART = 2 * 2**20
_MAX_BOXES = 200


@dataclass(frozen=True, slots=True)
class Checkbox:
    """One checkbox: the cells it lies over, its own state, the cell it is linked to, and
    its caption."""

    row: int
    left: int
    right: int
    right_offset: int  # pixels into the column where it ends (0: it ends at the column's edge)
    checked: bool | None
    link: tuple[int, int] | None
    caption: str


def xlsx_checkboxes(
    zf: zipfile.ZipFile, sheet_part: str, sheet_xml: bytes, limits: Limits
) -> list[Checkbox]:
    """The checkboxes of one worksheet (none when it has no legacy drawing)."""
    if b"legacyDrawing" not in sheet_xml:
        return []
    rels = relationships(zf, sheet_part, limits)
    states = _ctrl_states(zf, sheet_xml, rels, limits)
    out: list[Checkbox] = []
    for rel in rels:
        if rel.external or not rel.type.endswith(_VML_REL) or rel.target not in zf.NameToInfo:
            continue
        data = read_member(zf, rel.target, limits, max_bytes=_MAX_PART)
        for m in _SHAPE.finditer(data):
            box = _checkbox(m.group(1), states)
            if box is not None:
                out.append(box)
            if len(out) >= _MAX_BOXES:
                return out
    return out


def _ctrl_states(
    zf: zipfile.ZipFile, sheet_xml: bytes, rels: list, limits: Limits
) -> dict[int, bool]:
    """Checked state by shape id, from the control properties parts (Excel 2010 on)."""
    if b"<controls" not in sheet_xml and b":controls" not in sheet_xml:
        return {}
    targets = {r.id: r.target for r in rels if r.type.endswith(_CTRL_REL) and not r.external}
    out: dict[int, bool] = {}
    for shape_id, rid in _CONTROL.findall(sheet_xml):
        target = targets.get(rid.decode("utf-8", "replace"))
        if target is None or target not in zf.NameToInfo:
            continue
        found = _CTRL_CHECKED.search(read_member(zf, target, limits, max_bytes=65536))
        out[int(shape_id)] = found is not None and found.group(1) == b"Checked"
    return out


def _checkbox(body: bytes, states: dict[int, bool]) -> Checkbox | None:
    if not _CHECKBOX.search(body):
        return None
    anchor = _ANCHOR.search(body)
    if anchor is None:
        return None
    try:
        numbers = [int(x) for x in anchor.group(1).replace(b" ", b"").split(b",")]
    except ValueError:
        return None
    if len(numbers) != 8:
        return None
    left, _, top, _, right, right_off, bottom, _ = numbers
    row = top if bottom <= top else top + (bottom - top) // 2
    checked: bool | None = None
    found = _CHECKED.search(body)
    if found is not None:
        checked = found.group(1) == b"1"
    else:
        ident = _SHAPE_ID.search(body)
        if ident is not None and int(ident.group(1)) in states:
            checked = states[int(ident.group(1))]
    link = None
    linked = _LINK.search(body)
    if linked is not None:
        ref = linked.group(1).decode("utf-8", "replace").rsplit("!", 1)[-1].strip()
        try:
            link = parse_a1(ref)
        except ValueError:
            link = None
    caption = ""
    text = _TEXTBOX.search(body)
    if text is not None:
        caption = html.unescape(_TAG.sub("", text.group(1).decode("utf-8", "replace"))).strip()
    return Checkbox(row, left, right, right_off, checked, link, caption)


def tick(grid: Grid, boxes: list[Checkbox]) -> Grid:
    """The grid with each checkbox's option marked ■ (ticked) or □ in its cell."""
    values: dict[tuple[int, int], object] = {}
    origins: dict[tuple[int, int], Origin] = {}
    for box in boxes:
        state = _state(grid, box)
        if state is None:
            continue
        target = _option(grid, box, values)
        if target is None:
            continue
        at, text = target
        mark = "■" if state else "□"
        values[at] = mark + text
        where = f"セル {grid.ref(*box.link).a1} が TRUE" if box.link and state else ""
        how = f"（{where}）" if where else ""
        note = (
            f"チェックボックスのチェック{how}から「{_short(text)}」を選んだものとして読みました"
            if state
            else f"「{_short(text)}」のチェックボックスはチェックなし"
        )
        origins[at] = Origin("mark", note, inferred=state)
        if box.link is not None and box.left <= box.link[1] <= box.right and box.link[0] == box.row:
            values.setdefault(box.link, None)  # the linked cell under the box is the box
    if not values:
        return grid
    return grid.overlaid(values, origins, [])


def _state(grid: Grid, box: Checkbox) -> bool | None:
    if box.link is not None:
        v = grid.value(*box.link)
        if v is None:
            v = grid.unprinted.get(box.link)
        if isinstance(v, bool):
            return v
    return box.checked


def _option(
    grid: Grid, box: Checkbox, taken: dict[tuple[int, int], object]
) -> tuple[tuple[int, int], str] | None:
    """The option a checkbox ticks: its caption, in the first empty cell under it; else
    the text printed right after it on its row."""
    if box.caption:
        for c in range(box.left, box.right + 1):
            at = grid.anchor(box.row, c)
            if grid.value(*at) is None and at not in taken:
                return at, box.caption
    start = box.right if box.right_offset <= 4 else box.right + 1
    for c in range(max(start, box.left), start + 4):
        at = grid.anchor(box.row, c)
        v = grid.value(*at)
        if isinstance(v, str) and v.strip() and at not in taken:
            return at, v.strip()
    return None


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
