"""The drawing layer of each sheet, copied verbatim into the annotated copy.

openpyxl rewrites only the pictures of a drawing and drops shapes, text boxes, ○ marks
and what it does not model. So each sheet's original drawing, and every part it reaches
(pictures, charts and their parts), is taken from the original under new names and put
back into the package openpyxl saved: same bytes, same anchors, cropping and rotation
included.
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from toolkit.excel.guard import read_member
from toolkit.excel.ooxml import (
    CONTENT_TYPES_PART,
    DOC_REL_NS,
    DRAWING_REL,
    Relationship,
    content_types,
    relationships,
    relationships_document,
    relationships_xml,
    rels_path,
    sheet_parts,
)

_DRAWING_ID = "kyogikaiDrawing"
_GRAFT_PREFIX = "orig"
# Elements that follow <drawing> in a worksheet (CT_Worksheet order).
_AFTER_DRAWING = re.compile(
    r"<(?:legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|"
    r"webPublishItems|tableParts|extLst)\b|</worksheet>"
)


@dataclass
class Graft:
    """A sheet's drawing part and every part it reaches, renamed to be added to a copy."""

    drawing: str
    parts: dict[str, bytes]
    overrides: dict[str, str]
    defaults: dict[str, str]


def plan_drawings(data: bytes) -> dict[str, Graft]:
    """For each sheet of an .xlsx/.xlsm package that has a drawing: the drawing and all
    that it reaches (pictures, charts, their parts), renamed with a prefix, keyed by sheet
    title. A sheet whose drawing cannot be followed is left out (openpyxl's own rewrite of
    its pictures is then what the copy gets)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    defaults, overrides = content_types(zf)
    out: dict[str, Graft] = {}
    for n, (title, part) in enumerate(sheet_parts(zf).items(), 1):
        drawing = next(
            (r.target for r in relationships(zf, part) if r.type == DRAWING_REL and not r.external),
            None,
        )
        if drawing is None or drawing not in zf.NameToInfo:
            continue
        try:
            out[title] = _graft(zf, drawing, f"{_GRAFT_PREFIX}{n}_", defaults, overrides)
        except (KeyError, ValueError):
            continue
    return out


def _graft(
    zf: zipfile.ZipFile,
    drawing: str,
    prefix: str,
    defaults: dict[str, str],
    overrides: dict[str, str],
) -> Graft:
    reach = [drawing]
    rels: dict[str, list[Relationship]] = {}
    i = 0
    while i < len(reach):
        part = reach[i]
        i += 1
        rels[part] = relationships(zf, part)
        for rel in rels[part]:
            if not rel.external and rel.target in zf.NameToInfo and rel.target not in reach:
                reach.append(rel.target)
    renamed = {
        p: posixpath.join(posixpath.dirname(p), prefix + posixpath.basename(p)) for p in reach
    }
    graft = Graft(renamed[drawing], {}, {}, {})
    for part in reach:
        new = renamed[part]
        graft.parts[new] = read_member(zf, part)
        if part in overrides:
            graft.overrides[new] = overrides[part]
        else:
            ext = posixpath.splitext(part)[1].lstrip(".").lower()
            if ext not in defaults:
                raise ValueError(f"no content type for {part}")
            graft.defaults[ext] = defaults[ext]
        if rels[part]:
            moved = [_retarget(rel, renamed) for rel in rels[part]]
            graft.parts[rels_path(new)] = relationships_xml(moved)
    return graft


def _retarget(rel: Relationship, renamed: dict[str, str]) -> Relationship:
    """`rel` pointing at the new name of its target, when that part was renamed too."""
    if rel.external:
        return rel
    return dataclasses.replace(rel, target=renamed.get(rel.target, rel.target))


def graft_drawings(package: bytes, grafts: dict[str, Graft]) -> bytes:
    """Put each sheet's original drawing into a package openpyxl wrote (which has no
    drawing on those sheets), matching sheets by title."""
    if not grafts:
        return package
    zin = zipfile.ZipFile(io.BytesIO(package))
    members = {info.filename: zin.read(info) for info in zin.infolist()}
    parts = sheet_parts(zin)
    defaults, _ = content_types(zin)
    types = members[CONTENT_TYPES_PART].decode("utf-8")
    for title, graft in grafts.items():
        part = parts.get(title)
        if part is None or graft.drawing in members:
            continue
        xml = members[part].decode("utf-8")
        if re.search(r"<(?:\w+:)?drawing\b", xml):
            continue  # openpyxl drew this sheet itself; never two drawings on one sheet
        tag = f'<drawing xmlns:r="{DOC_REL_NS}" r:id="{_DRAWING_ID}"/>'
        start = xml.find("</sheetData>")
        at = _AFTER_DRAWING.search(xml, start if start >= 0 else max(xml.find("<sheetData"), 0))
        if at is None:
            continue
        members[part] = (xml[: at.start()] + tag + xml[at.start() :]).encode()
        _add_relationship(members, rels_path(part), graft.drawing)
        for name, data in graft.parts.items():
            if name in members:
                raise ValueError(f"duplicate part {name}")
            members[name] = data
        types = _with_content_types(types, graft, defaults)
    members[CONTENT_TYPES_PART] = types.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr(CONTENT_TYPES_PART, members.pop(CONTENT_TYPES_PART))
        for name, data in members.items():
            zout.writestr(name, data)
    return out.getvalue()


def _add_relationship(members: dict[str, bytes], rels_part: str, drawing: str) -> None:
    """Point the sheet whose relationships are `rels_part` at the grafted drawing."""
    rel = f'<Relationship Id="{_DRAWING_ID}" Type="{DRAWING_REL}" Target="/{escape(drawing)}"/>'
    if rels_part in members:
        rels = members[rels_part].decode("utf-8")
        members[rels_part] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    else:
        members[rels_part] = relationships_document(rel)


def _with_content_types(types: str, graft: Graft, defaults: dict[str, str]) -> str:
    """The `[Content_Types].xml` text with the graft's parts declared; `defaults` (the
    extensions declared so far) is updated."""
    for name, ctype in graft.overrides.items():
        types = types.replace(
            "</Types>",
            f'<Override PartName="/{escape(name)}" ContentType="{escape(ctype)}"/></Types>',
        )
    for ext, ctype in graft.defaults.items():
        if ext not in defaults:
            defaults[ext] = ctype
            types = types.replace(
                "</Types>",
                f'<Default Extension="{escape(ext)}" ContentType="{escape(ctype)}"/></Types>',
            )
    return types
