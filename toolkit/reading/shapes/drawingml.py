"""Shapes of an .xlsx worksheet: the DrawingML part its relationships point to.

Each anchor (`twoCellAnchor`, `oneCellAnchor`, `absoluteAnchor`) places one shape, group
or frame; a group places its children in its own coordinate space. Of an
`mc:AlternateContent`, the first branch that holds an anchor counts.

The part comes from the file's author. It is taken from the zip through the guard
(`read_member`, whose caps the zip checks set; the guard refused the file already if the
part's prolog declares a DTD), and is parsed only when it holds no DTD anywhere and is
no bigger than a form's drawing can be: without a DTD no entity can be declared, so the
C parser of ElementTree is as safe as defusedxml here, and several times faster on a
form filled in text boxes (hundreds of elements per box). Anything malformed becomes a
note, never an exception.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, XMLParser

from toolkit.excel.guard import Limits, Unreadable, read_member
from toolkit.excel.ooxml import drawing_parts, rels_path
from toolkit.reading.shapes.geometry import (
    LINE,
    MARK,
    TEXT,
    UNREAD,
    Drawn,
    Metrics,
    Shape,
    cell_fraction,
    xlsx_metrics,
)

_DRAWING_TAG = re.compile(rb"<(?:\w+:)?drawing\b")
# Markup of something that may carry a value; a drawing holding only pictures and charts
# is not parsed at all.
_SHAPE_MARKUP = re.compile(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp|contentPart)[\s>]|dgm|/diagram")

# Preset geometries that people draw round an option to choose it.
LOOPS = frozenset(
    {"ellipse", "roundRect", "flowChartConnector", "flowChartAlternateProcess", "donut"}
)
LINES = frozenset({"line", "straightConnector1", "lineInv"})
BROKEN = "シート「{sheet}」の図形の情報が壊れているため、図形の中の文字は読めませんでした。"


def sheet_has_drawing(sheet_xml: bytes) -> bool:
    """Whether a worksheet part refers to a drawing (cheap: one search of its bytes)."""
    return _DRAWING_TAG.search(sheet_xml) is not None


def xlsx_shapes(
    zf: zipfile.ZipFile, sheet: str, sheet_part: str, sheet_xml: bytes, limits: Limits
) -> Drawn:
    """The shapes drawn on one worksheet, placed in its cells."""
    drawn = Drawn()
    if rels_path(sheet_part) not in zf.NameToInfo or not sheet_has_drawing(sheet_xml):
        return drawn  # a drawing is a relationship of the sheet: none, nothing drawn
    try:
        parts = [part for part in drawing_parts(zf, sheet_part, limits) if part in zf.NameToInfo]
        metrics: Metrics | None = None
        for part in parts:
            data = read_member(zf, part, limits)
            if _SHAPE_MARKUP.search(data) is None:
                continue
            metrics = metrics or xlsx_metrics(sheet_xml)
            drawn.metrics = metrics
            _read_part(_tree(data), metrics, drawn)
    except (Unreadable, ValueError, KeyError):
        drawn.notes.append(BROKEN.format(sheet=sheet))
    return drawn


_MAX_PART = 4 * 2**20  # a form's drawing is tens of KB; pictures are parts of their own
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


def _tree(data: bytes) -> Element:
    """A drawing part as an element tree, refused (F1.*) when it is too big for a drawing
    or holds a DTD anywhere (UTF-16 included)."""
    if len(data) > _MAX_PART:
        raise Unreadable("F1.too-large", "図形の部品が大きすぎます")
    plain = data.replace(b"\x00", b"") if b"\x00" in data[:4] else data
    if any(mark in plain for mark in _DTD):
        raise Unreadable("F1.corrupt", "図形の部品にDTDがあります")
    parser = XMLParser()
    try:
        parser.feed(data)
        return parser.close()
    except ParseError as exc:
        raise Unreadable("F1.corrupt", "図形の部品のXMLが壊れています") from exc


_LOCALS: dict[str, str] = {}


def _local(tag: object) -> str:
    """An element's name without its namespace (Strict and Transitional OOXML differ)."""
    if not isinstance(tag, str):
        return ""
    local = _LOCALS.get(tag)
    if local is None:
        local = tag.rpartition("}")[2]
        if len(_LOCALS) < 4096:
            _LOCALS[tag] = local
    return local


def _child(el: Element, name: str) -> Element | None:
    """The first child named `name` (in any namespace, or none)."""
    suffix = "}" + name
    for c in el:
        tag = c.tag
        if isinstance(tag, str) and (tag.endswith(suffix) or tag == name):
            return c
    return None


def _int(el: Element | None, name: str | None = None) -> int:
    """An integer attribute (`name`) or element text; 0 when absent or not a number."""
    if el is None:
        return 0
    text = el.get(name) if name else el.text
    try:
        return int(float(text)) if text else 0
    except ValueError:
        return 0


@dataclass(frozen=True)
class _Box:
    """A rectangle in EMU from the sheet's top-left corner; for a two-cell anchor also
    its cell coordinates (top, left, bottom, right), exact and cheaper than EMU."""

    x: float
    y: float
    w: float
    h: float
    cells: tuple[float, float, float, float] | None = None


def _read_part(root: Element, metrics: Metrics, drawn: Drawn) -> None:
    for anchor in _anchors(root):
        box = _anchor_box(anchor, metrics)
        if box is None:
            continue
        for el in anchor:
            if not _place(el, box, None, metrics, drawn):
                return


def _anchors(root: Element) -> Iterator[Element]:
    """Anchors of the part; of an `mc:AlternateContent`, its first choice that holds one."""
    for el in root:
        name = _local(el.tag)
        if name.endswith("Anchor"):
            yield el
        elif name == "AlternateContent":
            for branch in el:
                found = list(_anchors(branch))
                if found:
                    yield from found
                    break


def _anchor_box(anchor: Element, metrics: Metrics) -> _Box | None:
    kind = _local(anchor.tag)
    start = _child(anchor, "from")
    if kind == "absoluteAnchor":
        pos, ext = _child(anchor, "pos"), _child(anchor, "ext")
        return _Box(_int(pos, "x"), _int(pos, "y"), _int(ext, "cx"), _int(ext, "cy"))
    if start is None:
        return None
    top, left = _corner(start, metrics)
    x, y = metrics.x_of(left), metrics.y_of(top)
    if kind == "oneCellAnchor":
        ext = _child(anchor, "ext")
        return _Box(x, y, _int(ext, "cx"), _int(ext, "cy"))
    end = _child(anchor, "to")
    if end is None:
        return None
    bottom, right = _corner(end, metrics)
    bottom, right = max(bottom, top), max(right, left)
    w, h = metrics.x_of(right) - x, metrics.y_of(bottom) - y
    return _Box(x, y, w, h, (top, left, bottom, right))


def _corner(marker: Element, metrics: Metrics) -> tuple[float, float]:
    """The fractional (row, col) of an anchor corner: a cell and an offset into it."""
    values = {_local(c.tag): c.text for c in marker}
    col = min(max(_number(values.get("col")), 0), 16383)
    row = min(max(_number(values.get("row")), 0), 1048575)
    col_f = cell_fraction(col, _number(values.get("colOff")), metrics.col_width(col))
    row_f = cell_fraction(row, _number(values.get("rowOff")), metrics.row_height(row))
    return row_f, col_f


def _number(text: str | None) -> int:
    try:
        return int(float(text)) if text else 0
    except ValueError:
        return 0


@dataclass(frozen=True)
class _Frame:
    """A group's mapping from its children's coordinates to the sheet's."""

    box: _Box
    child: _Box

    def apply(self, b: _Box) -> _Box:
        sx = self.box.w / self.child.w if self.child.w else 1.0
        sy = self.box.h / self.child.h if self.child.h else 1.0
        return _Box(
            self.box.x + (b.x - self.child.x) * sx,
            self.box.y + (b.y - self.child.y) * sy,
            b.w * sx,
            b.h * sy,
        )


def _xfrm(props: Element | None) -> tuple[_Box | None, _Box | None]:
    """(off/ext, chOff/chExt) of the `a:xfrm` in a shape's or group's properties."""
    xfrm = _child(props, "xfrm") if props is not None else None
    if xfrm is None:
        return None, None
    off, ext = _child(xfrm, "off"), _child(xfrm, "ext")
    own = _Box(_int(off, "x"), _int(off, "y"), _int(ext, "cx"), _int(ext, "cy"))
    ch_off, ch_ext = _child(xfrm, "chOff"), _child(xfrm, "chExt")
    if ch_off is None or ch_ext is None:
        return own, None
    return own, _Box(_int(ch_off, "x"), _int(ch_off, "y"), _int(ch_ext, "cx"), _int(ch_ext, "cy"))


def _place(
    el: Element, box: _Box, frame: _Frame | None, metrics: Metrics, drawn: Drawn, depth: int = 0
) -> bool:
    """Add the shape `el` (its box is `box` at the top level, else from its own xfrm
    mapped through the group's `frame`); False when the cap is reached."""
    name = _local(el.tag)
    if name not in ("sp", "grpSp", "cxnSp", "graphicFrame", "contentPart") or depth > 16:
        return True
    props = _child(el, "grpSpPr" if name == "grpSp" else "spPr")
    own, child = _xfrm(props)
    if own is not None and depth > 0:
        # Inside a group: the group's child space, or the sheet's when it declares none.
        box = frame.apply(own) if frame is not None else own
    if _hidden(el):
        return True
    if name == "grpSp":
        inner = _Frame(box, child) if child is not None else None
        return all(_place(sub, box, inner, metrics, drawn, depth + 1) for sub in el)
    return drawn.add(_shape(el, name, props, box, metrics))


def _hidden(el: Element) -> bool:
    for nv in el:
        if _local(nv.tag).startswith("nv"):
            c_nv = _child(nv, "cNvPr")
            return c_nv is not None and c_nv.get("hidden") in ("1", "true")
    return False


def _shape(
    el: Element, name: str, props: Element | None, box: _Box, metrics: Metrics
) -> Shape | None:
    if box.cells is not None:
        top, left, bottom, right = box.cells
    else:
        top, left = metrics.row_at(box.y), metrics.col_at(box.x)
        bottom, right = metrics.row_at(box.y + box.h), metrics.col_at(box.x + box.w)

    def make(kind: str, **extra: object) -> Shape:
        return Shape(kind, top, left, bottom, right, **extra)  # type: ignore[arg-type]

    if name == "contentPart":
        return make(UNREAD, what="手書き（インク）の図形")
    if name == "graphicFrame":
        data = " ".join(str(c.get("uri", "")) for c in el.iter() if _local(c.tag) == "graphicData")
        return make(UNREAD, what="SmartArt の図形") if "diagram" in data else None
    text, struck = _text(el)
    geometry = _geometry(props)
    if text or struck:
        return make(TEXT, text=text, struck=tuple(struck), opaque=_opaque(el, props))
    if name == "cxnSp" or geometry in LINES:
        return make(LINE)
    if geometry in LOOPS or geometry == "custom":
        return make(MARK, opaque=False)
    return None


def _geometry(props: Element | None) -> str:
    if props is None:
        return ""
    preset = _child(props, "prstGeom")
    if preset is not None:
        return preset.get("prst", "")
    return "custom" if _child(props, "custGeom") is not None else ""


def _opaque(el: Element, props: Element | None) -> bool:
    """Whether the shape hides what is under it: a fill of its own, or its style's."""
    if props is not None:
        for c in props:
            kind = _local(c.tag)
            if kind == "noFill":
                return False
            if kind.endswith("Fill"):
                return True
    style = _child(el, "style")
    fill = _child(style, "fillRef") if style is not None else None
    return fill is not None and _int(fill, "idx") > 0


def _text(el: Element) -> tuple[str, list[str]]:
    """The shape's text as shown (paragraphs on lines; runs struck through left out), and
    the struck runs."""
    body = _child(el, "txBody")
    if body is None:
        return "", []
    lines: list[str] = []
    struck: list[str] = []
    for para in body:
        if _local(para.tag) != "p":
            continue
        line: list[str] = []
        for run in para:
            kind = _local(run.tag)
            if kind == "br":
                line.append("\n")
            elif kind in ("r", "fld"):
                t = _child(run, "t")
                piece = t.text or "" if t is not None else ""
                props = _child(run, "rPr")
                if props is not None and props.get("strike", "noStrike") != "noStrike":
                    if piece.strip():
                        struck.append(piece)
                    continue
                line.append(piece)
        lines.append("".join(line))
    return "\n".join(lines).strip(), struck
