"""OpenDocument spreadsheets (.ods): encryption, the prolog of every XML part, and the
cell area of `content.xml`, counting repeated rows and columns."""

from __future__ import annotations

import re
import zipfile

from toolkit.excel.guard.caps import Limits, Unreadable, check_area
from toolkit.excel.guard.xml import check_parts, expat_parser, parse_xml
from toolkit.excel.guard.zip import read_member

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

# content.xml is measured apart; every other XML part is looked at.
_ODS_PARTS = re.compile(r"(?!content\.xml$).*\.(xml|rdf)$", re.I)


def check_ods(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an encrypted .ods, a DTD in any XML part, and cells spread too far."""
    try:
        manifest = read_member(zf, "META-INF/manifest.xml", limits)
    except KeyError:
        manifest = b""
    if b"encryption-data" in manifest:
        raise Unreadable("F1.encrypted", "OpenDocumentの暗号化には対応していません")
    check_parts(zf, _ODS_PARTS)
    try:
        content = read_member(zf, "content.xml", limits)
    except KeyError as exc:
        raise Unreadable("F1.corrupt", "content.xml がありません") from exc
    name, rows, cols = ods_extent(content)
    check_area(name, rows, cols, limits)


def ods_extent(content_xml: bytes) -> tuple[str, int, int]:
    """(sheet name, rows, cols) of the largest cell area holding content in an ODS
    `content.xml`, counting `number-rows-repeated` / `number-columns-repeated`."""
    best = ("", 0, 0)
    state = {"row": 0, "col": 0, "rows_rep": 1, "max_row": 0, "max_col": 0}
    cell: list[int] = []  # [first col, repeat, has content] of the open cell
    table = [""]
    rep_rows, rep_cols = (
        f"{TABLE_NS} number-rows-repeated",
        f"{TABLE_NS} number-columns-repeated",
    )
    cells = (f"{TABLE_NS} table-cell", f"{TABLE_NS} covered-table-cell")

    def start(name: str, attrs: dict[str, str]) -> None:
        if cell:
            cell[2] = 1
            return
        if name == f"{TABLE_NS} table":
            table[0] = attrs.get(f"{TABLE_NS} name", "")
            state.update(row=0, max_row=0, max_col=0)
        elif name == f"{TABLE_NS} table-row":
            state["rows_rep"] = _count(attrs.get(rep_rows))
            state["col"] = 0
        elif name in cells:
            valued = f"{OFFICE_NS} value-type" in attrs
            cell[:] = [state["col"] + 1, _count(attrs.get(rep_cols)), int(valued)]

    def end(name: str) -> None:
        nonlocal best
        if name in cells and cell:
            first, repeat, content = cell
            cell.clear()
            state["col"] = first + repeat - 1
            if content:
                state["max_col"] = max(state["max_col"], state["col"])
                state["max_row"] = max(state["max_row"], state["row"] + state["rows_rep"])
                area = state["max_row"] * state["max_col"]
                if area > best[1] * best[2]:
                    best = (table[0], state["max_row"], state["max_col"])
        elif name == f"{TABLE_NS} table-row":
            state["row"] += state["rows_rep"]

    parser = expat_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parse_xml(parser, content_xml, "content.xml")
    return best


def _count(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
