"""Shapes of a legacy .xls (BIFF8) workbook: its drawing records.

Each sheet's shapes are an OfficeArt tree split over its MSODRAWING records (CONTINUE
records carry what does not fit). A shape container holds the shape's type (FSP), its
anchor to cells (in 1/1024 of a column and 1/256 of a row), or, inside a group, its
position in the group's own space. The text of a text box is not in the tree: it follows
in a TXO record and the CONTINUE records after it (characters, then runs of fonts, a font
with the strikeout bit striking its run), in the order of the shapes that have one.

Everything is bounds-checked; a record that does not make sense ends the reading of that
sheet's shapes with a note, never with an exception.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

import olefile

from toolkit.reading.shapes.geometry import LINE, MARK, TEXT, UNREAD, Drawn, Metrics, Shape, col_emu

_BOF, _EOF, _CONTINUE = 0x0809, 0x000A, 0x003C
_BOUNDSHEET, _FONT, _XF, _SST, _LABELSST = 0x0085, 0x0031, 0x00E0, 0x00FC, 0x00FD
_STRING_CELLS = frozenset({0x00FD, 0x0204, 0x00D6})  # LABELSST, LABEL, RSTRING
_COLINFO, _ROW, _DEFCOLWIDTH, _DEFAULTROWHEIGHT = 0x007D, 0x0208, 0x0055, 0x0225
_EMU_PER_TWIP = 635
# XF horizontal alignment (alc) as the overlay names it.
_ALC = {1: "left", 2: "center", 3: "right", 6: "center", 7: "distributed"}
_MSODRAWING, _OBJ, _TXO = 0x00EC, 0x005D, 0x01B6

# OfficeArt record types.
_SP_CONTAINER, _SPGR_CONTAINER = 0xF004, 0xF003
_FSP, _FSPGR = 0xF00A, 0xF009
_CLIENT_ANCHOR, _CHILD_ANCHOR, _CLIENT_TEXTBOX = 0xF010, 0xF00F, 0xF00D

# Shape types (MSOSPT) that circle an option, or strike it out.
_LOOPS = frozenset({0, 2, 3, 23, 120, 176, 0x0FFF})  # freeform, round rect, ellipse, … custom
_LINES = frozenset({20, 32})
_TEXT_BOX = 202
_MAX_DEPTH = 12
BROKEN = "シート「{sheet}」の図形の情報が壊れているため、図形の中の文字は読めませんでした。"


def xls_shapes(data: bytes) -> dict[str, Drawn]:
    """Shapes and struck-through cells of every worksheet of an .xls file, by sheet name;
    {} when it has neither (or no BIFF8 workbook stream)."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        stream = ole.openstream("Workbook").read() if ole.exists("Workbook") else b""
    except Exception:  # olefile raises many kinds of errors; the guard judged the file
        return {}
    return _Book(stream).sheets() if stream else {}


@dataclass
class _Sheet:
    name: str
    drawing: bytearray = field(default_factory=bytearray)
    texts: list[tuple[str, tuple[str, ...]] | None] = field(default_factory=list)
    align: dict[tuple[int, int], str] = field(default_factory=dict)
    struck: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    metrics: Metrics = field(default_factory=Metrics)


class _Book:
    """The records of a BIFF8 workbook stream, walked once."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream
        self.fonts: list[bool] = []  # struck out, by font index (index 4 does not exist)
        self.xf_align: list[str] = []  # horizontal alignment of each cell format
        self.xf_struck: set[int] = set()  # cell formats whose font strikes out
        self.names: dict[int, str] = {}  # BOF offset → sheet name
        self.rich: dict[int, tuple[str, list[tuple[int, int]]]] = {}  # strings with runs

    def records(self, pos: int) -> list[tuple[int, int, int]]:
        """(type, body offset, size) of the records of the substream starting at `pos`."""
        out = []
        end = len(self.stream)
        depth = 0
        while pos + 4 <= end:
            rid, size = struct.unpack_from("<HH", self.stream, pos)
            body = pos + 4
            if body + size > end:
                break
            out.append((rid, body, size))
            pos = body + size
            if rid == _BOF:
                depth += 1
            elif rid == _EOF:
                depth -= 1
                if depth <= 0:
                    break
        return out

    def sheets(self) -> dict[str, Drawn]:
        records = self.records(0)
        for rid, body, size in records:
            if rid == _FONT and size >= 4:
                (flags,) = struct.unpack_from("<H", self.stream, body + 2)
                self.fonts.append(bool(flags & 0x0008))
            elif rid == _XF and size >= 8:
                font, _ = struct.unpack_from("<HH", self.stream, body)
                if self.struck_font(font):
                    self.xf_struck.add(len(self.xf_align))
                self.xf_align.append(_ALC.get(self.stream[body + 6] & 0x07, ""))
            elif rid == _BOUNDSHEET and size >= 8:
                self._boundsheet(body, size)
        drawing = struct.pack("<H", _MSODRAWING) in self.stream
        if not drawing and not any(self.fonts):
            return {}
        if any(self.fonts):
            self.rich = self._sst(records)
        out: dict[str, Drawn] = {}
        for offset, name in self.names.items():
            sheet = _Sheet(name)
            try:
                self._collect(offset, sheet)
                drawn = _shapes(sheet)
            except (struct.error, ValueError, IndexError, UnicodeDecodeError):
                drawn = Drawn(notes=[BROKEN.format(sheet=name)])
            drawn.struck = sheet.struck
            drawn.metrics = sheet.metrics
            if drawn.shapes or drawn.notes or drawn.struck:
                drawn.align = sheet.align
                out[name] = drawn
        return out

    def _sst(
        self, records: list[tuple[int, int, int]]
    ) -> dict[int, tuple[str, list[tuple[int, int]]]]:
        """Shared strings written in more than one font: index → (text, runs of (start,
        font)). A string may continue in the CONTINUE records after the SST."""
        at = next((i for i, (rid, _, _) in enumerate(records) if rid == _SST), None)
        if at is None:
            return {}
        segments = [records[at]]
        for rid, body, size in records[at + 1 :]:
            if rid != _CONTINUE:
                break
            segments.append((rid, body, size))
        reader = _Segments(self.stream, [(body, size) for _, body, size in segments])
        try:
            reader.take(4)
            (count,) = struct.unpack("<I", reader.take(4))
            out = {}
            for index in range(min(count, 200_000)):
                text, runs = reader.rich_string()
                if runs and any(self.struck_font(font) for _, font in runs):
                    out[index] = (text, runs)
            return out
        except (struct.error, ValueError, IndexError):
            return {}

    def _boundsheet(self, body: int, size: int) -> None:
        (offset,) = struct.unpack_from("<I", self.stream, body)
        kind = self.stream[body + 5]
        if kind != 0:  # worksheets only (not charts, macro sheets)
            return
        text, _ = _xl_string(self.stream, body + 6, body + size, short=True)
        self.names[offset] = text

    def struck_font(self, index: int) -> bool:
        i = index - 1 if index > 4 else index
        return 0 <= i < len(self.fonts) and self.fonts[i]

    def _collect(self, offset: int, sheet: _Sheet) -> None:
        records = self.records(offset)
        last = 0
        i = 0
        while i < len(records):
            rid, body, size = records[i]
            chunk = self.stream[body : body + size]
            if rid == _MSODRAWING or (rid == _CONTINUE and last == _MSODRAWING):
                sheet.drawing += chunk
                last = _MSODRAWING
            elif rid == _TXO:
                i = self._txo(records, i, sheet)
                last = _TXO
                continue
            elif rid in (_COLINFO, _ROW, _DEFCOLWIDTH, _DEFAULTROWHEIGHT):
                self._size(rid, body, size, sheet.metrics)
            elif rid in _STRING_CELLS and size >= 6:
                row, col, xf = struct.unpack_from("<HHH", self.stream, body)
                if xf < len(self.xf_align) and self.xf_align[xf]:
                    sheet.align[(row, col)] = self.xf_align[xf]
                rich = None
                if rid == _LABELSST and size >= 10:
                    rich = self.rich.get(struct.unpack_from("<I", self.stream, body + 6)[0])
                if rich is not None:
                    split = self._runs(*rich, head_struck=xf in self.xf_struck)
                    if split[1]:
                        sheet.struck[(row, col)] = split
                elif xf in self.xf_struck:
                    sheet.struck[(row, col)] = ("", ())  # the whole cell
            elif rid != _CONTINUE:
                last = rid
            i += 1

    def _size(self, rid: int, body: int, size: int, m: Metrics) -> None:
        """Column widths (COLINFO, in 1/256 of a character) and row heights (ROW, in
        twips) of the sheet, to lay its cells' text out as Excel does."""
        data = self.stream
        if rid == _COLINFO and size >= 8:
            first, last, width = struct.unpack_from("<HHH", data, body)
            hidden = struct.unpack_from("<H", data, body + 8)[0] & 0x0001 if size >= 10 else 0
            emu = 0 if hidden else col_emu(width / 256)
            for c in range(first, min(last, first + 512, 16383) + 1):
                m.cols[c] = emu
        elif rid == _ROW and size >= 8:
            row, _, _, height = struct.unpack_from("<HHHH", data, body)
            if row < 65536 and not height & 0x8000:
                m.rows[row] = height * _EMU_PER_TWIP
        elif rid == _DEFCOLWIDTH and size >= 2:
            m.default_col = col_emu(struct.unpack_from("<H", data, body)[0] + 0.71)
        elif rid == _DEFAULTROWHEIGHT and size >= 4:
            m.default_row = struct.unpack_from("<H", data, body + 2)[0] * _EMU_PER_TWIP
        m.changed()

    def _txo(self, records: list[tuple[int, int, int]], i: int, sheet: _Sheet) -> int:
        """Read the text of the TXO at `i` from the CONTINUE records after it; the index
        of the first record after them."""
        _, body, size = records[i]
        if size < 14:
            sheet.texts.append(None)
            return i + 1
        cch, cb_runs = struct.unpack_from("<HH", self.stream, body + 10)
        i += 1
        chars: list[str] = []
        got = 0
        while got < cch and i < len(records) and records[i][0] == _CONTINUE:
            _, cbody, csize = records[i]
            piece = self._chars(cbody, csize, cch - got)
            chars.append(piece)
            got += len(piece)
            i += 1
        runs = bytearray()
        while len(runs) < cb_runs and i < len(records) and records[i][0] == _CONTINUE:
            _, cbody, csize = records[i]
            runs += self.stream[cbody : cbody + csize]
            i += 1
        text = "".join(chars)
        sheet.texts.append(self._split(text, bytes(runs[:cb_runs])) if got >= cch else None)
        return i

    def _chars(self, body: int, size: int, wanted: int) -> str:
        if size < 1:
            return ""
        high = self.stream[body] & 0x01
        raw = self.stream[body + 1 : body + size]
        if high:
            return raw[: wanted * 2].decode("utf-16-le", "replace")
        return raw[:wanted].decode("latin-1")

    def _split(self, text: str, runs: bytes) -> tuple[str, tuple[str, ...]]:
        """A text box's text without its struck runs, and the struck runs (`runs` as the
        TXO's CONTINUE records hold them: 8 bytes each)."""
        bounds = [
            struct.unpack_from("<HH", runs, k) for k in range(0, len(runs) - len(runs) % 8, 8)
        ]
        return self._runs(text, bounds, head_struck=False)

    def _runs(
        self, text: str, bounds: list[tuple[int, int]], *, head_struck: bool
    ) -> tuple[str, tuple[str, ...]]:
        """`text` without the runs in a struck-out font, and those runs. The text before
        the first run is in the cell's own font (`head_struck`)."""
        pieces = [(text[: bounds[0][0]] if bounds else text, head_struck)]
        for n, (start, font) in enumerate(bounds):
            end = bounds[n + 1][0] if n + 1 < len(bounds) else len(text)
            pieces.append((text[start:end], self.struck_font(font)))
        kept = "".join(p for p, s in pieces if not s)
        struck = tuple(p for p, s in pieces if s and p.strip())
        return kept.replace("\r\n", "\n").strip(), struck


class _Segments:
    """Bytes spread over a record and its CONTINUE records, read in order. Characters of
    a string that run into the next record start it with a new flags byte."""

    def __init__(self, stream: bytes, segments: list[tuple[int, int]]) -> None:
        self.stream = stream
        self.segments = segments
        self.seg = 0
        self.pos = segments[0][0] if segments else 0

    def _left(self) -> int:
        body, size = self.segments[self.seg]
        return body + size - self.pos

    def _next(self) -> None:
        self.seg += 1
        if self.seg >= len(self.segments):
            raise IndexError("past the last CONTINUE record")
        self.pos = self.segments[self.seg][0]

    def take(self, n: int) -> bytes:
        out = bytearray()
        while n > 0:
            if self._left() <= 0:
                self._next()
                continue
            step = min(n, self._left())
            out += self.stream[self.pos : self.pos + step]
            self.pos += step
            n -= step
        return bytes(out)

    def rich_string(self) -> tuple[str, list[tuple[int, int]]]:
        """One XLUnicodeRichExtendedString: its text and its runs (start, font)."""
        if self._left() <= 0:
            self._next()
        cch, flags = struct.unpack("<HB", self.take(3))
        runs_n = struct.unpack("<H", self.take(2))[0] if flags & 0x08 else 0
        ext = struct.unpack("<I", self.take(4))[0] if flags & 0x04 else 0
        chars: list[str] = []
        high = flags & 0x01
        got = 0
        while got < cch:
            if self._left() <= 0:
                self._next()
                high = self.stream[self.pos] & 0x01
                self.pos += 1
                continue
            width = 2 if high else 1
            n = min(cch - got, self._left() // width)
            if n == 0:
                raise ValueError("a character split across records")
            raw = self.take(n * width)
            chars.append(raw.decode("utf-16-le", "replace") if high else raw.decode("latin-1"))
            got += n
        runs = [struct.unpack("<HH", self.take(4)) for _ in range(runs_n)]
        self.take(ext)
        return "".join(chars), runs


def _xl_string(data: bytes, pos: int, end: int, *, short: bool) -> tuple[str, int]:
    """A BIFF8 unicode string (8-bit length when `short`), and the offset after it."""
    if short:
        cch = data[pos]
        pos += 1
    else:
        (cch,) = struct.unpack_from("<H", data, pos)
        pos += 2
    flags = data[pos]
    pos += 1
    width = 2 if flags & 0x01 else 1
    raw = data[pos : min(pos + cch * width, end)]
    text = raw.decode("utf-16-le", "replace") if width == 2 else raw.decode("latin-1")
    return text, pos + cch * width


# --- the OfficeArt tree -----------------------------------------------------------------


@dataclass
class _Sp:
    """What one shape container says."""

    kind: int = -1
    flags: int = 0
    anchor: tuple[float, float, float, float] | None = None  # top, left, bottom, right
    child: tuple[int, int, int, int] | None = None  # left, top, right, bottom
    group_space: tuple[int, int, int, int] | None = None
    textbox: bool = False
    group: list[_Sp] = field(default_factory=list)  # the shapes of a group, its own first


def _shapes(sheet: _Sheet) -> Drawn:
    drawn = Drawn()
    if not sheet.drawing:
        return drawn
    tree = _tree(bytes(sheet.drawing), 0, len(sheet.drawing), 0)
    texts = iter(sheet.texts)
    for sp in tree:
        if not _emit(sp, None, texts, drawn):
            break
    return drawn


def _tree(data: bytes, pos: int, end: int, depth: int) -> list[_Sp]:
    """The shape containers between `pos` and `end`, groups nested."""
    found: list[_Sp] = []
    while pos + 8 <= end:
        ver_inst, rtype, length = struct.unpack_from("<HHI", data, pos)
        body = pos + 8
        stop = min(body + length, end)
        if rtype == _SP_CONTAINER:
            found.append(_sp(data, body, stop))
        elif rtype == _SPGR_CONTAINER and depth < _MAX_DEPTH:
            members = _tree(data, body, stop, depth + 1)
            if members:
                head = members[0]
                head.group = members[1:]
                found.append(head)
        elif ver_inst & 0x000F == 0x000F and depth < _MAX_DEPTH:
            found.extend(_tree(data, body, stop, depth + 1))
        pos = body + length
    return found


def _sp(data: bytes, pos: int, end: int) -> _Sp:
    sp = _Sp()
    while pos + 8 <= end:
        ver_inst, rtype, length = struct.unpack_from("<HHI", data, pos)
        body = pos + 8
        if rtype == _FSP and body + 8 <= end:
            sp.kind = ver_inst >> 4
            sp.flags = struct.unpack_from("<I", data, body + 4)[0]
        elif rtype == _CLIENT_ANCHOR and body + 18 <= end:
            c0, dx0, r0, dy0, c1, dx1, r1, dy1 = struct.unpack_from("<8H", data, body + 2)
            sp.anchor = (
                r0 + min(dy0, 256) / 256,
                c0 + min(dx0, 1024) / 1024,
                r1 + min(dy1, 256) / 256,
                c1 + min(dx1, 1024) / 1024,
            )
        elif rtype == _CHILD_ANCHOR and body + 16 <= end:
            sp.child = struct.unpack_from("<4i", data, body)
        elif rtype == _FSPGR and body + 16 <= end:
            sp.group_space = struct.unpack_from("<4i", data, body)
        elif rtype == _CLIENT_TEXTBOX:
            sp.textbox = True
        pos = body + length
    return sp


def _emit(
    sp: _Sp,
    frame: tuple[tuple[int, int, int, int], tuple[float, float, float, float]] | None,
    texts: object,
    drawn: Drawn,
) -> bool:
    """Add `sp` (and a group's members) to `drawn`; False once the cap is reached."""
    box = sp.anchor
    if box is None and sp.child is not None and frame is not None:
        box = _map(sp.child, *frame)
    text = next(texts, None) if sp.textbox else None  # type: ignore[call-overload]
    if sp.group:
        inner = (sp.group_space, box) if sp.group_space and box else None
        return all(_emit(m, inner, texts, drawn) for m in sp.group)
    if box is None or sp.flags & 0x0004:  # no place on the sheet, or the sheet's root
        return True
    top, left, bottom, right = box
    if sp.textbox and text is None:
        return drawn.add(Shape(UNREAD, top, left, bottom, right, what="テキストボックス"))
    if text is not None and (text[0] or text[1]):
        return drawn.add(Shape(TEXT, top, left, bottom, right, text[0], text[1]))
    if sp.kind in _LINES:
        return drawn.add(Shape(LINE, top, left, bottom, right))
    if sp.kind in _LOOPS and sp.kind != _TEXT_BOX:
        return drawn.add(Shape(MARK, top, left, bottom, right, opaque=False))
    return True


def _map(
    child: tuple[int, int, int, int],
    space: tuple[int, int, int, int],
    box: tuple[float, float, float, float],
) -> tuple[float, float, float, float]:
    """A member's rectangle in the group's space, as cell coordinates of the group's box."""
    left, top, right, bottom = space
    width, height = (right - left) or 1, (bottom - top) or 1
    g_top, g_left, g_bottom, g_right = box

    def col(x: int) -> float:
        return g_left + (x - left) / width * (g_right - g_left)

    def row(y: int) -> float:
        return g_top + (y - top) / height * (g_bottom - g_top)

    return row(child[1]), col(child[0]), row(child[3]), col(child[2])
