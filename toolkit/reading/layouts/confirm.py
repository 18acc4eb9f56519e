"""HQ's corrections on a proof, checked and made into a layout map.

Only the values of the sheet `読取結果` are read: each row's キー, its セル and what HQ
wrote in 正しいセル (a cell, a range, `Sheet!A1`, or なし); the identification table
beside it (the printed words, the merged boxes, the sheet's extent, how reports repeat).
A correction that cannot be what HQ means stops the confirmation with a message naming
the row: a cell outside the sheet, a range over another field's cells, a table row
missing between others.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError
from toolkit.excel import proofsheet as P
from toolkit.excel.guard import Unreadable, sniff
from toolkit.excel.liberrors import library_errors
from toolkit.fileio import FileLockedError, read_input
from toolkit.normalize import label_key
from toolkit.reading.layouts.match import MIN_LABELS
from toolkit.reading.layouts.model import Label, LayoutMap, Place, Table, field_boxes, layout_id


class ProofError(InputError):
    """A proof that cannot be confirmed as it is; the message names the file and row."""


@dataclass
class ProofRow:
    number: int  # the sheet's row number, as Excel shows it
    key: str
    label: str
    cell: str
    value: str
    correct: str


@dataclass
class Proof:
    """What a proof's 読取結果 sheet says."""

    rows: list[ProofRow]
    ident: dict[str, str]
    labels: list[tuple[int, bool, str, str]] = field(
        default_factory=list
    )  # row, prefix, cell, text
    boxes: list[str] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)  # cells of the 区分 codes' legend

    @property
    def corrected(self) -> list[ProofRow]:
        return [r for r in self.rows if r.correct]


def corrected_proof(path: Path) -> bool:
    """Whether `path` is a proof with something written in 正しいセル (one HQ has begun to
    correct, which is never written over)."""
    if not path.is_file():
        return False
    try:
        return bool(read_proof(read_input(path), path.name).corrected)
    except (ProofError, OSError, FileLockedError):
        return False


def read_proof(data: bytes, filename: str) -> Proof:
    """The 読取結果 sheet of a proof. Raises `ProofError` when the file is not one."""
    try:
        sniffed = sniff(data, filename)
        from python_calamine import CalamineWorkbook

        with library_errors():
            book = CalamineWorkbook.from_filelike(io.BytesIO(sniffed.data))
            if P.PROOF_SHEET not in book.sheet_names:
                raise ProofError(_not_a_proof(filename))
            grid = book.get_sheet_by_name(P.PROOF_SHEET).to_python(skip_empty_area=False)
    except Unreadable as exc:
        raise ProofError(f"「{filename}」を開けません（{exc.detail}）。") from exc
    text = [[_text(v) for v in row] for row in grid]
    columns = tuple(_text(c) for c in P.COLUMNS)
    header = next((i for i, row in enumerate(text) if tuple(row[: len(columns)]) == columns), None)
    if header is None:
        raise ProofError(_not_a_proof(filename))
    proof = Proof([], {})
    for i in range(header + 1, len(text)):
        row = (text[i] + [""] * len(P.COLUMNS))[: len(P.COLUMNS)]
        if not any(row):
            continue
        proof.rows.append(ProofRow(i + 1, *row))
    _read_ident(text, proof)
    return proof


def _not_a_proof(filename: str) -> str:
    return (
        f"「{filename}」は読取確認のブックではありません（「{P.PROOF_SHEET}」シートに"
        f"「{'」「'.join(P.COLUMNS)}」の見出しがありません）。kyogikai layout が作った"
        "読取確認のブックを指定してください。"
    )


def _read_ident(text: list[list[str]], proof: Proof) -> None:
    col = P.IDENT_FIRST_COL
    title = _text(P.IDENT_TITLE)
    start = next((i for i, row in enumerate(text) if len(row) > col and row[col] == title), None)
    if start is None:
        return
    header = tuple(_text(x) for x in P.IDENT_COLUMNS)
    for i in range(start + 1, len(text)):
        kind, cell, content = (text[i] + [""] * (col + 3))[col : col + 3]
        if (kind, cell, content) == header:
            continue
        if kind == _text(P.IDENT_LABEL):
            proof.labels.append((i + 1, False, cell, content))
        elif kind == _text(P.IDENT_PREFIX):
            proof.labels.append((i + 1, True, cell, content))
        elif kind == _text(P.IDENT_BOX):
            proof.boxes.append(cell)
        elif kind == _text(P.IDENT_LEGEND):
            proof.legend.append(cell)
        elif kind:
            proof.ident[kind] = cell or content


def _legend_places(proof: Proof, where: str) -> list[Place]:
    out = []
    for cell in proof.legend:
        try:
            out.append(Place.parse(cell))
        except ValueError as exc:
            raise ProofError(
                f"{where}: 照合用の「{P.IDENT_LEGEND}」のセル「{cell}」を読めません。"
                "照合用の表は変更しないでください。"
            ) from exc
    return out


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return (
        unicodedata.normalize("NFKC", str(value)).strip() if isinstance(value, str) else str(value)
    )


# --- the map ----------------------------------------------------------------------------


def confirmed_layout(proof: Proof, filename: str, *, by: str, at: str) -> LayoutMap:
    """The layout the proof describes, with HQ's corrections. Raises `ProofError` naming
    the row for a correction that cannot stand."""
    where = f"「{filename}」の「{P.PROOF_SHEET}」シート"
    extent = _extent(proof, where)
    places: dict[str, tuple[ProofRow, Place | None]] = {}
    for row in proof.rows:
        if P.parse_key(row.key) is None:
            raise ProofError(
                f"{where} {row.number}行目: キー「{row.key}」は様式の項目の名前ではありません。"
                "キーの列は書き換えないでください。"
            )
        if row.key in places:
            raise ProofError(f"{where} {row.number}行目: キー「{row.key}」が2回あります。")
        places[row.key] = (row, _place(row, where, extent))
    _check_overlaps(places, where)
    tables = _tables(places, where)
    fields = tuple((key, places[key][1]) for key in P.FIELD_KEYS if key in places)
    taken = [p for _, p in places.values() if p is not None]
    labels = tuple(_labels(proof, where, taken))
    if len(labels) < MIN_LABELS:
        raise ProofError(
            f"{where}: 様式を見分けるための印字（項目名）が{len(labels)}個しかありません"
            f"（{MIN_LABELS}個以上必要です）。kyogikai layout で読取確認を作り直してください。"
        )
    merges = [Place.parse(x) for x in proof.boxes]
    boxes = field_boxes(list(fields), merges)
    written = proof.ident.get(_text(P.IDENT_REPEAT), "")
    column = P.parse_repeat_column(written)
    repeat: tuple[int, int] | None
    if column is None:
        repeat = P.parse_repeat(written)
    else:
        unit = _first_unit(fields, tables, merges, column)
        repeat = (unit[1] - unit[0] + 1, 0) if unit is not None else None
        # the first meeting's boxes are its own height: later ones are not held to it
        boxes = tuple(b for b in boxes if unit is None or b.r1 < unit[0] or b.r0 > unit[1])
    if repeat is None:
        raise ProofError(
            f"{where}: 「{P.IDENT_REPEAT}」の「{written}」を読めません。「なし」「下へ 40行ごと」"
            "「右へ 12列ごと」、1回ごとに行数の違う一覧表なら「下へ A列の枠ごと」のように"
            "書いてください。"
        )
    return LayoutMap(
        layout_id=layout_id(labels, boxes),
        name=re.sub(r"^.*[/\\]", "", proof.ident.get(_text(P.IDENT_SOURCE), filename)),
        labels=labels,
        fields=fields,
        tables=tables,
        boxes=boxes,
        extent=extent,
        repeat=repeat,
        repeat_by=column,
        legend=tuple(_legend_places(proof, where)),
        confirmed_by=by,
        confirmed_at=at,
        meta={"proof": filename, "corrected": str(len(proof.corrected))},
    )


def _first_unit(
    fields: tuple[tuple[str, Place | None], ...],
    tables: tuple[Table, ...],
    merges: list[Place],
    by: int,
) -> tuple[int, int] | None:
    """The first meeting of a register that repeats at each box of column `by`: its top
    and bottom rows, from the box of that column beside the first row of its
    tables or its date; None when the column has no such box."""
    places = [p for t in tables for p in t.rows[0] if t.rows and p is not None]
    places += [p for key, p in fields if key == "date" and p is not None]
    places = [p for p in places if p.sheet is None]
    if not places:
        return None
    row = min(p.r0 for p in places)
    box = next((m for m in merges if m.c0 <= by <= m.c1 and m.r0 <= row <= m.r1), None)
    return (box.r0, box.r1) if box is not None else (row, row)


def _extent(proof: Proof, where: str) -> tuple[int, int]:
    text = proof.ident.get(_text(P.IDENT_EXTENT), "")
    try:
        box = Place.parse(text)
    except ValueError:
        raise ProofError(
            f"{where}: 照合用の「{P.IDENT_EXTENT}」がありません。kyogikai layout で"
            "読取確認を作り直してください。"
        ) from None
    return box.r1 + 1, box.c1 + 1


def _place(row: ProofRow, where: str, extent: tuple[int, int]) -> Place | None:
    text = row.correct or row.cell
    if not text or text == P.NONE_WORD:
        return None
    try:
        place = Place.parse(text)
    except ValueError:
        column = "正しいセル" if row.correct else "セル"
        raise ProofError(
            f"{where} {row.number}行目（{row.label}）: {column}の「{text}」をセル番地として読めません。"
            "B5 や B5:D5 のように書くか、その項目が様式になければ「なし」と書いてください。"
        ) from None
    rows, cols = extent
    if place.sheet is None and (place.r1 >= rows or place.c1 >= cols):
        last = Place(0, 0, rows - 1, cols - 1).a1
        raise ProofError(
            f"{where} {row.number}行目（{row.label}）: 「{text}」はシートの範囲（{last}）の外です。"
            "報告書のシートで項目が書かれているセルを指定してください。"
        )
    return place


def _together(a: str, b: str) -> bool:
    """Whether two keys may name the same box: a table's items written in one box, or
    fields (told apart as the template's cells are, or by the labels printed in the box)."""
    pa, pb = P.parse_key(a), P.parse_key(b)
    assert pa is not None and pb is not None
    return pa[0] == pb[0]


def _check_overlaps(places: dict[str, tuple[ProofRow, Place | None]], where: str) -> None:
    items = [(row, p) for row, p in places.values() if p is not None]
    for i, (row, p) in enumerate(items):
        for other, q in items[i + 1 :]:
            if not p.overlaps(q):
                continue
            if p == q and _together(row.key, other.key):
                continue
            if row.correct and not other.correct:  # name the row HQ wrote
                row, other, p, q = other, row, q, p
            how = "同じセル" if p == q else "重なるセル"
            raise ProofError(
                f"{where} {other.number}行目（{other.label}）: 「{q.a1}」は{row.number}行目"
                f"（{row.label}）の「{p.a1}」と{how}です。別々の項目が同じ欄に重ならないよう、"
                "正しいセルを直してください。"
            )


def _tables(places: dict[str, tuple[ProofRow, Place | None]], where: str) -> tuple[Table, ...]:
    out = []
    for name, columns in P.TABLE_COLUMNS.items():
        rows: dict[int, dict[str, tuple[ProofRow, Place | None]]] = {}
        for key, (row, place) in places.items():
            parsed = P.parse_key(key)
            assert parsed is not None
            if parsed[0] == name:
                rows.setdefault(parsed[1], {})[parsed[2]] = (row, place)
        used = sorted(n for n, cols in rows.items() if any(p is not None for _, p in cols.values()))
        if not used:
            continue
        main = P.MAIN_COLUMN[name]
        for n in range(1, used[-1] + 1):
            label = P.key_label(P.row_key(name, n, main))
            if n not in used:
                raise ProofError(
                    f"{where}: {label}（{P.row_key(name, n, main)}）の行がありません。"
                    f"{label}の行を消さずに、その行の正しいセルを書いてください"
                    "（様式にない行は、後ろの行から消してください）。"
                )
            if rows[n].get(main, (None, None))[1] is None:
                row = next(r for r, p in rows[n].values() if p is not None)
                raise ProofError(
                    f"{where} {row.number}行目（{row.label}）: {label}の行に"
                    f"「{P.key_label(P.row_key(name, n, main))}」のセルがありません。"
                    "その行の正しいセルを書いてください。"
                )
        out.append(
            Table(
                name,
                tuple(tuple(rows[n].get(c, (None, None))[1] for c in columns) for n in used),
            )
        )
    return tuple(out)


def _labels(proof: Proof, where: str, taken: list[Place]) -> list[Label]:
    """The printed words that identify the layout, but those a field now covers (HQ said
    a value is written there)."""
    out: list[Label] = []
    for number, prefix, cell, content in proof.labels:
        if cell == P.NONE_WORD:
            continue
        try:
            place = Place.parse(cell)
        except ValueError:
            raise ProofError(
                f"{where} {number}行目: 照合用の印字のセル「{cell}」を読めません。"
                "照合用の表は変更しないでください。"
            ) from None
        if not prefix and any(p.overlaps(place) for p in taken):
            continue
        text = label_key(content)
        if text:
            out.append(Label(text, place, prefix))
    return out


def confirm_file(path: Path, by: str) -> tuple[LayoutMap, int]:
    """The layout a corrected proof file describes, confirmed now by `by`, and how many
    rows HQ corrected. Raises `ProofError`."""
    from datetime import datetime

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProofError(f"読取確認「{path}」を読めません: {exc.strerror or exc}") from exc
    proof = read_proof(data, path.name)
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    return confirmed_layout(proof, path.name, by=by, at=at), len(proof.corrected)
