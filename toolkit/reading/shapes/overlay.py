"""Lay what is drawn on a sheet over the cells a person sees it in.

- Text in a text box stands in the empty cell it covers most (a printed placeholder such
  as 令和　年　月　日 counts as empty; small boxes over its blanks fill them in order).
- An ellipse (or a rounded box, a freehand loop) over one option of a printed list such as
  定期・臨時 ticks that option: the cell then reads 「○定期・臨時」, which the normaliser
  understands.
- Text struck through (in a cell or a text box), or an option crossed by a drawn line, is
  left out: struck text is text deleted.
- A shape whose content cannot be read is remembered with the cells it covers, so that a
  field there is reported as unreadable, never as left blank.

Every value laid over a cell carries its `Origin`; those that took a judgement are marked
`inferred`, and the record says so with a warning naming the cell.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from toolkit.normalize import label_key
from toolkit.reading.grid import Grid, Origin, Unread
from toolkit.reading.labelread import DECOR, FIELD_OF, HEADER_OF, TITLE_KEYS
from toolkit.reading.shapes.geometry import LINE, MARK, TEXT, UNREAD, Metrics, Shape
from toolkit.reading.sheetkind import instructs, is_placeholder

Struck = dict[tuple[int, int], tuple[str, tuple[str, ...]]]
Align = Callable[[int, int], str]  # (row, col) → "left" | "center" | "right" | "distributed" | ""

_FONT_EMU = 11 * 12700  # an 11 pt character: forms use 10.5–11 pt
_SEPARATORS = re.compile(r"[\s・/／,，、|｜]+")
_MARK_BEFORE = re.compile(r"(?:[□☐◻]|[(（]\s*[)）])\s*$")
_MAX_SPAN = 60  # rows or columns of a shape looked at
_BUDGET = 150_000  # cells looked at for all the shapes of a sheet
_TOO_MANY = "多数の図形（一部は読み取っていません）"


def overlay(
    grid: Grid,
    shapes: list[Shape],
    struck: Struck | None = None,
    metrics: Metrics | None = None,
    align: Align | None = None,
) -> Grid:
    """The grid with shape text, marks and struck text laid over its cells."""
    if not shapes and not struck:
        return grid
    layer = _Layer(grid, metrics or Metrics(), align or (lambda r, c: ""))
    for (r, c), (kept, gone) in sorted((struck or {}).items()):
        layer.strike_cell(r, c, kept, gone)
    layer.place_texts([s for s in shapes if s.kind == TEXT])
    for s in shapes:
        if s.kind == MARK:
            layer.mark(s)
        elif s.kind == LINE:
            layer.line(s)
        elif s.kind == UNREAD:
            layer.unread.append(Unread(_cells_of(s), s.what))
    return grid.overlaid(layer.values, layer.origins, layer.unread)


def _cells_of(s: Shape) -> tuple[int, int, int, int]:
    """The cells a shape covers (a cell it only touches at its edge is not covered)."""
    r1 = max(int(s.top), math.ceil(s.bottom - 0.05) - 1)
    c1 = max(int(s.left), math.ceil(s.right - 0.05) - 1)
    return int(s.top), int(s.left), r1, c1


def is_label(value: object) -> bool:
    """A printed word of the form (a label, a table header, the title, decoration)."""
    key = label_key(value)
    return bool(key) and (key in FIELD_OF or key in HEADER_OF or key in TITLE_KEYS or key in DECOR)


@dataclass
class _Cover:
    """How much of a shape lies over one cell (merged areas counted as one cell)."""

    anchor: tuple[int, int]
    weight: float  # area covered, in EMU² (or cells when sizes are unknown)
    share: float  # part of the cell's own area covered, 0..1


class _Layer:
    def __init__(self, grid: Grid, metrics: Metrics, align: Align) -> None:
        self.grid = grid
        self.metrics = metrics
        self.align = align
        self.values: dict[tuple[int, int], object] = {}
        self.origins: dict[tuple[int, int], Origin] = {}
        self.unread: list[Unread] = []
        self.budget = _BUDGET

    def value(self, r: int, c: int) -> object:
        if (r, c) in self.values:
            v = self.values[(r, c)]
            return None if v in (None, "") else v
        return self.grid.value(r, c)

    def set(self, r: int, c: int, value: object, origin: Origin) -> None:
        self.values[(r, c)] = value
        before = self.origins.get((r, c))
        if before is not None and before.note != origin.note:
            origin = Origin(origin.kind, before.note + "。" + origin.note, origin.inferred)
        self.origins[(r, c)] = origin

    def strike_cell(self, r: int, c: int, kept: str, gone: tuple[str, ...]) -> None:
        """A cell whose text is struck through, whole (`gone` empty) or in part."""
        current = self.grid.value(r, c)
        if current is None:
            return
        if not gone:
            kept, gone = "", (str(current),)
        self.set(r, c, kept or None, Origin("struck", _struck_note(gone), True))

    # --- where a shape lies ---------------------------------------------------------------

    def covers(self, s: Shape) -> list[_Cover]:
        """The cells under a shape, biggest share of the shape first."""
        r0, c0 = int(s.top), int(s.left)
        rows = range(r0, min(math.ceil(s.bottom), r0 + _MAX_SPAN))
        cols = range(c0, min(math.ceil(s.right), c0 + _MAX_SPAN))
        self.budget -= len(rows) * len(cols)
        if self.budget < 0:
            # A hostile number of huge shapes: what lies under the rest is not looked at,
            # and a field there is reported as unreadable, never as blank.
            self.unread.append(Unread(_cells_of(s), _TOO_MANY))
            return []
        m = self.metrics
        weights: dict[tuple[int, int], float] = {}
        box = self.grid.box
        left, right = max(s.left, c0), min(s.right, cols.stop)
        for r in rows:
            height = m.y_of(min(s.bottom, r + 1)) - m.y_of(max(s.top, r))
            if height <= 0:
                continue
            c = c0
            while c < cols.stop:
                # A merged area is one cell: its columns under the shape are added at once.
                r0, a0, _, a1 = box(r, c)
                end = min(a1 + 1, cols.stop) if a1 >= c else c + 1
                width = m.x_of(min(right, end)) - m.x_of(max(left, c))
                if width > 0:
                    weights[(r0, a0)] = weights.get((r0, a0), 0.0) + height * width
                c = end
        out = [_Cover(a, w, w / max(self._area(a), 1.0)) for a, w in weights.items()]
        return sorted(out, key=lambda k: (-round(k.weight / 1e9, 1), k.anchor))

    def _area(self, anchor: tuple[int, int]) -> float:
        r0, c0, r1, c1 = self.grid.box(*anchor)
        m = self.metrics
        return (m.y_of(min(r1, r0 + 50) + 1) - m.y_of(r0)) * (
            m.x_of(min(c1, c0 + 50) + 1) - m.x_of(c0)
        )

    # --- text boxes -----------------------------------------------------------------------

    def place_texts(self, texts: list[Shape]) -> None:
        by_target: dict[tuple[int, int], list[tuple[Shape, _Cover, str]]] = {}
        for s in texts:
            if _explains(s.text):
                continue  # a callout telling how to fill the form in, not a value
            target = self._target(s)
            if target is None:
                continue
            cover, unsure = target
            by_target.setdefault(cover.anchor, []).append((s, cover, unsure))
        for anchor, placed in by_target.items():
            self._fill(anchor, placed)

    def _target(self, s: Shape) -> tuple[_Cover, str] | None:
        """The cell a text box stands for, and why that choice is unsure ("" if it is not)."""
        covers = self.covers(s)
        free = [k for k in covers if not is_label(self.value(*k.anchor))]
        empty = [k for k in free if is_placeholder(self.value(*k.anchor) or "")]
        if empty:
            return self._first_of_row(empty), self._straddles(s, empty)
        if free:
            return free[0], ""
        row = int(s.top + (s.bottom - s.top) / 2)
        beside = self.grid.anchor(row, math.ceil(s.right))
        if self.value(*beside) is None:
            return _Cover(
                beside, 0.0, 0.0
            ), "項目名に重なっているため、右隣のセルの値として読みました"
        return None

    @staticmethod
    def _rows(empty: list[_Cover]) -> list[int]:
        """Rows under a box, the one it stands for first: of the rows it covers nearly as
        much as the most, the top one (a box over a tall value area of a form without
        merged cells covers its rows alike, and the label is by the first)."""
        rows: dict[int, float] = {}
        for k in empty:
            rows[k.anchor[0]] = rows.get(k.anchor[0], 0.0) + k.weight
        top = max(rows.values())
        first = min(r for r, w in rows.items() if w >= 0.8 * top)
        return [first, *sorted((r for r in rows if r != first), key=lambda r: -rows[r])]

    def _first_of_row(self, empty: list[_Cover]) -> _Cover:
        """The cell the box stands for: in its row, the leftmost cell it covers at least
        half of (a form without merged cells is a row of small cells, and the
        label-anchored reader takes the first value right of its label)."""
        row = self._rows(empty)[0]
        in_row = [k for k in empty if k.anchor[0] == row]
        half = [k for k in in_row if k.share >= 0.5]
        return min(half or in_row, key=lambda k: (k.anchor[1], -k.weight))

    def _straddles(self, s: Shape, empty: list[_Cover]) -> str:
        """Why the choice is unsure: the box lies as much over another row that has a
        label of its own left of the box; "" otherwise."""
        rows: dict[int, float] = {}
        for k in empty:
            rows[k.anchor[0]] = rows.get(k.anchor[0], 0.0) + k.weight
        chosen, *others = self._rows(empty)
        for other in others:
            if rows[other] < 0.5 * rows[chosen]:
                continue
            if self._labelled(other, int(s.left)):
                where = self.grid.ref(other, int(s.left)).a1
                return f"{where}の行にもかかっているため、重なりの大きい行の値として読みました"
        return ""

    def _labelled(self, row: int, before: int) -> bool:
        """Whether a label starts on `row` within the twelve cells left of `before`."""
        return any(
            self.grid.anchor(row, c)[0] == row and is_label(self.value(row, c))
            for c in range(max(before - 12, 0), before)
        )

    def _fill(self, anchor: tuple[int, int], placed: list[tuple[Shape, _Cover, str]]) -> None:
        placed.sort(key=lambda p: (round(p[0].top, 1), p[0].left))
        shapes = [p[0] for p in placed]
        text = _joined([s for s in shapes if s.text])
        struck = tuple(w for s in shapes for w in s.struck)
        notes = [p[2] for p in placed if p[2]] + ([_struck_note(struck)] if struck else [])
        unsure = "。".join(dict.fromkeys(notes))
        current = self.value(*anchor)
        if current is not None and is_placeholder(current):
            if all(p[1].share < 0.6 for p in placed) and _gaps(str(current)):
                filled = self._into_gaps(anchor, str(current), shapes)
                note = f"印刷された「{_short(current)}」の空欄にテキストボックスの文字を当てはめて読みました"
                self.set(*anchor, filled, Origin("textbox", _and(note, unsure), True))
                return
            current = None
        if current is None:
            if not text:
                self.set(*anchor, None, Origin("struck", unsure, True))
                return
            many = len(shapes) > 1
            note = "テキストボックスの文字を読みました"
            if many:
                note = f"{len(shapes)}個のテキストボックスの文字をつないで読みました"
            self.set(*anchor, text, Origin("textbox", _and(note, unsure), many or bool(unsure)))
            return
        if all(p[0].opaque for p in placed) and max(p[1].share for p in placed) >= 0.8:
            note = f"セルの値「{_short(current)}」はテキストボックスに隠れているため、テキストボックスの文字を読みました"
            self.set(*anchor, text, Origin("textbox", _and(note, unsure), True))
            return
        note = "セルの値とテキストボックスの文字をつないで読みました"
        self.set(*anchor, f"{current}\n{text}", Origin("textbox", _and(note, unsure), True))

    def _into_gaps(self, anchor: tuple[int, int], printed: str, shapes: list[Shape]) -> str:
        """`printed` with each small text box's text put in the blank nearest to it; in
        order when there are as many boxes as blanks."""
        gaps = _gaps(printed)
        ordered = sorted(shapes, key=lambda s: s.left)
        if len(ordered) == len(gaps):
            chosen = list(range(len(gaps)))
        else:
            centres = self._char_centres(anchor, printed)
            chosen = []
            for s in ordered:
                x = self.metrics.x_of((s.left + s.right) / 2)
                chosen.append(
                    min(range(len(gaps)), key=lambda i: abs(_gap_x(gaps[i], centres) - x))
                )
        pieces: dict[int, list[str]] = {}
        for s, i in zip(ordered, chosen, strict=True):
            pieces.setdefault(i, []).append(s.text.replace("\n", ""))
        out, last = [], 0
        for i, (start, end) in enumerate(gaps):
            out.append(printed[last:start])
            out.append("".join(pieces[i]) if i in pieces else printed[start:end])
            last = end
        out.append(printed[last:])
        return "".join(out)

    # --- marks ------------------------------------------------------------------------------

    def mark(self, s: Shape) -> None:
        """An ellipse over an option chooses it."""
        covers = [
            k
            for k in self.covers(s)
            if isinstance(self.value(*k.anchor), str) and not is_label(self.value(*k.anchor))
        ]
        if not covers:
            return
        best = covers[0]
        text = str(self.value(*best.anchor))
        rival = next((k for k in covers[1:] if k.weight >= 0.5 * best.weight), None)
        if rival is not None:
            other = _short(self.value(*rival.anchor))
            note = f"楕円が「{_short(text)}」と「{other}」にまたがり、どちらを囲んでいるか判断できません"
            self._unsure(best.anchor, note)
            return
        token = self._token(best.anchor, text, s)
        if token is None:
            note = f"楕円が「{_short(text)}」のどの選択肢を囲んでいるか判断できません"
            self._unsure(best.anchor, note)
            return
        start, end = token
        word = text[start:end]
        ticked = _tick(text, start)
        note = f"楕円で囲まれた「{word}」を選んだものとして読みました"
        self.set(*best.anchor, ticked, Origin("mark", note, True))

    def line(self, s: Shape) -> None:
        """A straight line drawn across one option (not under it) strikes it out."""
        if s.bottom - s.top > 0.5:
            return
        row = int((s.top + s.bottom) / 2)
        within = (s.top + s.bottom) / 2 - row
        if not 0.25 <= within <= 0.75:
            return  # at the edge of the row: an underline or a border, not a strike
        anchor = self.grid.anchor(row, int((s.left + s.right) / 2))
        text = self.value(*anchor)
        if not isinstance(text, str) or is_label(text):
            return
        token = self._token(anchor, text, s)
        if token is None:
            return
        start, end = token
        kept = (text[:start] + text[end:]).strip()
        self.set(*anchor, kept, Origin("struck", _struck_note((text[start:end],)), True))

    def _unsure(self, anchor: tuple[int, int], note: str) -> None:
        self.origins[anchor] = Origin("unsure", note, True)
        self.values.setdefault(anchor, self.value(*anchor))

    def _token(self, anchor: tuple[int, int], text: str, s: Shape) -> tuple[int, int] | None:
        """The word of `text` (options split by spaces, ・, / …) that the shape lies over:
        the same one whether the cell's text is aligned left or centred, else None."""
        tokens = [(m.start(), m.end()) for m in re.finditer(r"[^\s・/／,，、|｜□☐◻()（）]+", text)]
        if len(tokens) == 1:
            return tokens[0]
        if not tokens or "\n" in text:
            return None
        x0, x1 = self.metrics.x_of(s.left), self.metrics.x_of(s.right)
        known = self.align(*anchor)
        answers: set[int | None] = set()
        for how in [known] if known else ["left", "center"]:
            centres = self._char_centres(anchor, text, how)
            overlap = [_overlap(centres[a:b], x0, x1) for a, b in tokens]
            best = max(range(len(tokens)), key=lambda i: overlap[i])
            if overlap[best] >= 0.5 and sorted(overlap)[-2] <= 0.3:
                answers.add(best)
            elif any(overlap):
                answers.add(None)  # over parts of two words: no answer under this alignment
        # Unknown alignment: the alignments under which the shape lies over no word at all
        # say nothing; those that find a word must agree.
        found = answers.pop() if len(answers) == 1 else None
        return tokens[found] if found is not None else None

    def _char_centres(self, anchor: tuple[int, int], text: str, how: str = "") -> list[float]:
        """Estimated x (EMU) of the centre of each character of `text` in its cell."""
        _r0, c0, _r1, c1 = self.grid.box(*anchor)
        left, right = self.metrics.x_of(c0), self.metrics.x_of(c1 + 1)
        widths = [_char_width(ch) for ch in text]
        total = sum(widths)
        how = how or self.align(*anchor) or "center"
        if how == "distributed" and len(text) > 1:
            step = (right - left) / len(text)
            return [left + (i + 0.5) * step for i in range(len(text))]
        if how == "center":
            x = left + (right - left - total) / 2
        elif how == "right":
            x = right - total - 2 * 9525
        else:
            x = left + 2 * 9525
        out = []
        for w in widths:
            out.append(x + w / 2)
            x += w
        return out


def _explains(text: str) -> bool:
    """Text of a note on the form (※…, 記入してください) rather than a value."""
    return text.startswith(("※", "＊")) or instructs(text)


def _inside(lo: float, hi: float, i: int) -> float:
    """How much of cell `i` (a row or a column) lies between `lo` and `hi`."""
    return min(hi, i + 1) - max(lo, i)


def _tick(text: str, start: int) -> str:
    """`text` with the word at `start` ticked: an empty box or brackets before it filled
    in (□ → ■, （　） → （○）), else ○ put before it."""
    before = _MARK_BEFORE.search(text[:start])
    if before is None:
        return text[:start] + "○" + text[start:]
    filled = "（○）" if any(ch in before.group() for ch in "(（") else "■"
    return text[: before.start()] + filled + text[start:]


def _char_width(ch: str) -> float:
    wide = unicodedata.east_asian_width(ch) in ("W", "F", "A")
    return _FONT_EMU if wide else _FONT_EMU / 2


def _overlap(centres: list[float], x0: float, x1: float) -> float:
    """Share of the characters whose centre lies between x0 and x1."""
    if not centres:
        return 0.0
    return sum(x0 <= x <= x1 for x in centres) / len(centres)


def _gaps(printed: str) -> list[tuple[int, int]]:
    """Blanks of printed scaffolding: runs of spaces, and the inside of empty brackets."""
    return [(m.start(), m.end()) for m in re.finditer(r"(?<=[(（])\s*(?=[)）])|\s{1,}", printed)]


def _gap_x(gap: tuple[int, int], centres: list[float]) -> float:
    start, end = gap
    if end > start:
        return sum(centres[start:end]) / (end - start)
    return centres[start] if start < len(centres) else centres[-1]


def _joined(shapes: list[Shape]) -> str:
    """Texts of several boxes in reading order: side by side on a line, or line by line."""
    out = shapes[0].text
    for prev, s in itertools.pairwise(shapes):
        same_line = abs(s.top - prev.top) < 0.5 * max(prev.bottom - prev.top, 0.2)
        out += ("　" if same_line else "\n") + s.text
    return out


def _struck_note(struck: tuple[str, ...]) -> str:
    words = "」「".join(_short(w) for w in struck)
    return f"取り消し線の引かれた「{words}」を除いて読みました"


def _short(value: object, limit: int = 16) -> str:
    text = re.sub(r"\s+", "　", str(value).strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _and(note: str, more: str) -> str:
    return f"{note}（{more}）" if more else note
