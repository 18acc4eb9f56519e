"""What is drawn on a sheet is read as a person reads it, and the record says so.

The corpus (tests/corpus/make_round2_shapes.py) holds forms filled in text boxes, options
circled or struck out, grouped boxes, ink, and sheets that are not reports, in .xlsx,
.ods and .xls; every workbook must read exactly as its expected record, with every
warning naming its cell. The units below pin the parsers and the overlay one by one,
and the parsers' behaviour on malformed or hostile drawings.
"""

from __future__ import annotations

import io
import json
import random
import struct
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from toolkit.check import Options, check_file
from toolkit.excel.guard import Limits
from toolkit.reading.grid import Grid
from toolkit.reading.read import read_workbook
from toolkit.reading.shapes import (
    MARK,
    TEXT,
    UNREAD,
    Metrics,
    Shape,
    book_text,
    ods_shapes,
    overlay,
    struck_cells,
    xls_shapes,
    xlsx_shapes,
)
from toolkit.reading.shapes.geometry import MAX_SHAPES, col_emu, xlsx_metrics
from toolkit.rules import Context
from toolkit.settings import Settings

CORPUS = Path(__file__).parent / "corpus" / "round2_shapes"
BOOKS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))


@pytest.fixture(scope="module")
def options() -> Options:
    # How the reading went is what this corpus checks; that these layouts are not yet
    # confirmed by HQ (S3.unconfirmed-layout) is checked in test_layout_maps.py.
    settings = Settings(today=date(2026, 11, 25), disabled=frozenset({"S3.unconfirmed-layout"}))
    return Options(Context(settings))


def _issues(findings: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "severity": str(f.severity),
            "code": f.code,
            "field": f.field,
            "cell": str(f.cell) if f.cell is not None else None,
        }
        for f in findings
    ]


# --- the corpus ---------------------------------------------------------------------------


def test_corpus_has_every_class_in_every_format() -> None:
    names = {p.name for p in BOOKS}
    assert {p.suffix for p in BOOKS} == {".xlsx", ".ods", ".xls"}
    for needed in (
        "textbox_values.xlsx",
        "textbox_values_ods.ods",
        "textbox_values_xls.xls",
        "ellipse_centred_ods.ods",
        "ellipse_cells_xls.xls",
        "struck_option_ods.ods",
        "grouped_boxes_xls.xls",
        "ink_date.xlsx",
        "only_example_real.xlsx",
        "only_example_shipped.xlsx",
    ):
        assert needed in names


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.name)
def test_corpus_workbook_reads_as_expected(book: Path, options: Options) -> None:
    expected = json.loads((CORPUS / f"{book.stem}.expected.json").read_text(encoding="utf-8"))
    result = check_file(book, options)
    if expected["skipped_file"] is not None:
        assert result.skipped_file is not None
        assert expected["skipped_file"] in result.skipped_file
        assert result.reports == []
        return
    assert result.skipped_file is None
    got = [
        {
            "sheet": c.sheet,
            "status": c.status,
            "report": c.report.to_json() if c.report else None,
            "issues": _issues(c.findings),
        }
        for c in result.reports
    ]
    if expected["reports"]:
        assert got == expected["reports"]
    else:  # nothing to read: the file is one "no report" finding naming the skipped sheets
        assert [(g["report"], [i["code"] for i in g["issues"]]) for g in got] == [
            (None, ["F1.no-report"])
        ]
    skipped = dict(result.skipped)
    assert set(skipped) == {sheet for sheet, _ in expected["skipped"]}
    for sheet, words in expected["skipped"]:
        assert words in skipped[sheet], (sheet, skipped[sheet])


def test_plain_text_box_values_are_named_cell_by_cell_in_a_note(options: Options) -> None:
    for name in ("textbox_values.xlsx", "textbox_values_ods.ods", "textbox_values_xls.xls"):
        result = check_file(CORPUS / name, options)
        (note,) = [n for n in result.notes if "テキストボックス" in n]
        assert note.startswith("シート「報告書」: テキストボックスに書かれた文字を")
        for where in ("所属 G6", "警電 X7", "開催日時 G9", "会議種別 W11", "協議内容等 G19"):
            assert where in note, (name, where)


def test_warnings_say_what_was_read_from_the_shape(options: Options) -> None:
    def message(name: str, code: str, field: str = "meeting_type") -> str:
        result = check_file(CORPUS / name, options)
        findings = result.reports[0].findings
        (found,) = [f for f in findings if f.code == code and f.field == field]
        return found.message

    assert "楕円で囲まれた「定期」を選んだもの" in message("ellipse_centred.xlsx", "S1.inferred")
    assert "楕円で囲まれた「臨時会議」" in message("ellipse_cells_xls.xls", "S1.inferred")
    struck = message("struck_option_ods.ods", "S1.inferred")
    assert struck.startswith("会議種別（セル W11）は、取り消し線の引かれた「臨時」を除いて")
    reporter = message("struck_option.xlsx", "S1.inferred", "reporter")
    assert "「巡査　高橋　誠」を除いて" in reporter
    assert "どの選択肢を囲んでいるか判断できません" in message("ellipse_both.xlsx", "S1.unsure")
    ink = message("ink_date.xlsx", "S1.unreadable-required", "date")
    assert ink.startswith("開催日時の欄（セル G9 付近）に手書き（インク）の図形があり")


def test_a_value_in_unreadable_ink_is_never_called_blank(options: Options) -> None:
    result = check_file(CORPUS / "ink_date.xlsx", options)
    codes = {(f.code, f.field) for f in result.reports[0].findings}
    assert ("S1.unreadable-required", "date") in codes
    assert not {c for c, f in codes if c.startswith("R1.") and f in ("date", "start_time")}


def test_a_mark_read_from_a_shape_is_the_option_a_person_sees() -> None:
    raw = read_workbook((CORPUS / "ellipse_cells.xlsx").read_bytes(), "e.xlsx").reports[0]
    cells = raw.fields["meeting_type"]
    assert [(c.value, c.cell.a1 if c.cell else None) for c in cells] == [
        ("定期会議", "W11"),
        ("○臨時会議", "Z11"),
    ]


# --- the overlay ----------------------------------------------------------------------------


def _grid(rows: int = 6, cols: int = 12, **cells: object) -> Grid:
    data: list[list[object]] = [[""] * cols for _ in range(rows)]
    for ref, value in cells.items():
        r, c = int(ref[1:]) - 1, ord(ref[0]) - 65
        data[r][c] = value
    return Grid("S", data)


def box(kind: str, top: float, left: float, bottom: float, right: float, **kw: Any) -> Shape:
    return Shape(kind, top, left, bottom, right, **kw)


def test_a_text_box_stands_in_the_empty_cell_it_covers_most() -> None:
    grid = _grid(A1="所属")
    # Over B1..E1, with a sliver of row 2.
    out = overlay(grid, [box(TEXT, 0.1, 1.1, 1.2, 4.9, text="北野警察署")])
    assert out.value(0, 1) == "北野警察署"
    assert out.value(1, 1) is None
    origin = out.origin(0, 1)
    assert origin is not None and origin.kind == "textbox" and not origin.inferred


def test_a_text_box_over_a_label_goes_to_the_cell_beside_it() -> None:
    grid = Grid("S", [["所属", ""]], [(0, 0, 0, 0)])
    out = overlay(grid, [box(TEXT, 0.1, 0.1, 0.9, 0.9, text="北野警察署")])
    assert out.value(0, 0) == "所属"
    assert out.value(0, 1) == "北野警察署"
    origin = out.origin(0, 1)
    assert origin is not None and origin.inferred and "右隣" in origin.note


def test_a_printed_placeholder_is_replaced_and_a_real_value_is_not_lost() -> None:
    grid = _grid(B1="〇〇警察署", B2="中央警察署")
    shapes = [
        box(TEXT, 0.05, 1.0, 0.95, 2.0, text="北野警察署"),
        box(TEXT, 1.3, 1.2, 1.7, 1.6, text="南署", opaque=False),
    ]
    out = overlay(grid, shapes)
    assert out.value(0, 1) == "北野警察署"
    first = out.origin(0, 1)
    assert first is not None and not first.inferred
    assert out.value(1, 1) == "中央警察署\n南署"
    second = out.origin(1, 1)
    assert second is not None and second.inferred and "つないで" in second.note


def test_an_opaque_box_hiding_a_value_is_what_a_person_reads() -> None:
    grid = _grid(B1="中央警察署")
    out = overlay(grid, [box(TEXT, 0.0, 1.0, 1.0, 2.0, text="北野警察署")])
    assert out.value(0, 1) == "北野警察署"
    origin = out.origin(0, 1)
    assert origin is not None and origin.inferred and "隠れている" in origin.note


def test_two_boxes_over_one_cell_are_joined_in_reading_order() -> None:
    grid = Grid("S", [["", "", "", ""], ["", "", "", ""]], [(0, 0, 1, 3)])
    shapes = [
        box(TEXT, 1.0, 0.0, 1.9, 3.9, text="二段目"),
        box(TEXT, 0.0, 0.0, 0.9, 3.9, text="一段目"),
    ]
    out = overlay(grid, shapes)
    assert out.value(0, 0) == "一段目\n二段目"
    origin = out.origin(0, 0)
    assert origin is not None and origin.inferred


def test_small_boxes_fill_the_blanks_of_a_printed_date_in_order() -> None:
    printed = "令和　　年　　月　　日"
    grid = Grid("S", [[printed] + [""] * 11], [(0, 0, 0, 11)])
    shapes = [
        box(TEXT, 0.1, 6.0, 0.9, 7.0, text="15"),
        box(TEXT, 0.1, 1.0, 0.9, 2.0, text="8"),
        box(TEXT, 0.1, 3.5, 0.9, 4.5, text="10"),
    ]
    out = overlay(grid, shapes)
    assert out.value(0, 0) == "令和8年10月15日"


def _options_cell(text: str, align: str) -> tuple[Grid, Metrics]:
    """One merged cell 10 columns of 100 px wide holding `text`."""
    metrics = Metrics(default_col=100 * 9525)
    return Grid("S", [[text] + [""] * 9], [(0, 0, 0, 9)]), metrics


@pytest.mark.parametrize(
    ("align", "left", "right", "expected"),
    [
        # 定期・臨時 centred in 1000 px: 5 characters of ~14.7 px round x = 500 px.
        ("center", 4.6, 4.95, "○定期・臨時"),
        ("center", 5.05, 5.4, "定期・○臨時"),
        # Left aligned: the text starts 2 px from the left edge.
        ("left", 0.0, 0.32, "○定期・臨時"),
        ("left", 0.45, 0.8, "定期・○臨時"),
    ],
)
def test_an_ellipse_ticks_the_option_it_lies_over(
    align: str, left: float, right: float, expected: str
) -> None:
    grid, metrics = _options_cell("定期・臨時", align)
    out = overlay(
        grid, [box(MARK, 0.0, left, 1.0, right)], metrics=metrics, align=lambda r, c: align
    )
    assert out.value(0, 0) == expected
    origin = out.origin(0, 0)
    assert origin is not None and origin.kind == "mark" and origin.inferred


def test_an_ellipse_fills_in_the_empty_box_or_brackets_before_its_option() -> None:
    grid = Grid("S", [["□定期　□臨時"], ["（　）定期　（　）臨時"]])
    shapes = [box(MARK, 0.0, 0.0, 1.0, 0.1), box(MARK, 1.0, 0.0, 2.0, 0.1)]
    out = overlay(grid, shapes, metrics=Metrics(default_col=600 * 9525), align=lambda r, c: "left")
    assert out.value(0, 0) == "■定期　□臨時"
    assert out.value(1, 0) == "（○）定期　（　）臨時"


def test_an_ellipse_over_both_options_changes_nothing_and_says_so() -> None:
    grid, metrics = _options_cell("定期・臨時", "center")
    out = overlay(
        grid, [box(MARK, 0.0, 4.0, 1.0, 6.0)], metrics=metrics, align=lambda r, c: "center"
    )
    assert out.value(0, 0) == "定期・臨時"
    origin = out.origin(0, 0)
    assert origin is not None and origin.kind == "unsure"


def test_unknown_alignment_must_agree_or_the_mark_is_unsure() -> None:
    # Over the middle of the cell: centred it is 定期/臨時' boundary region, left aligned
    # nothing lies there; the centred reading decides alone only when it is clear.
    grid, metrics = _options_cell("定期・臨時", "")
    clear = overlay(grid, [box(MARK, 0.0, 4.6, 1.0, 4.95)], metrics=metrics)
    assert clear.value(0, 0) == "○定期・臨時"
    # Over the first 0.32 columns: left aligned it is 定期, centred nothing: agreed.
    left = overlay(grid, [box(MARK, 0.0, 0.0, 1.0, 0.32)], metrics=metrics)
    assert left.value(0, 0) == "○定期・臨時"


def test_a_line_through_an_option_strikes_it_but_an_underline_does_not() -> None:
    grid, metrics = _options_cell("定期・臨時", "center")
    through = overlay(
        grid, [box("line", 0.45, 5.05, 0.55, 5.4)], metrics=metrics, align=lambda r, c: "center"
    )
    assert through.value(0, 0) == "定期・"
    under = overlay(
        grid, [box("line", 0.92, 5.05, 0.97, 5.4)], metrics=metrics, align=lambda r, c: "center"
    )
    assert under.value(0, 0) == "定期・臨時"


def test_struck_cells_lose_their_struck_words() -> None:
    grid = _grid(A1="定期・臨時", A2="取消")
    out = overlay(grid, [], struck={(0, 0): ("定期・", ("臨時",)), (1, 0): ("", ())})
    assert out.value(0, 0) == "定期・"
    assert out.value(1, 0) is None
    origin = out.origin(1, 0)
    assert origin is not None and "「取消」" in origin.note


def test_an_unreadable_shape_is_remembered_with_the_cells_it_covers() -> None:
    out = overlay(_grid(), [box(UNREAD, 2.0, 3.0, 3.0, 6.5, what="SmartArt の図形")])
    assert [(u.box, u.what) for u in out.unread] == [((2, 3, 2, 6), "SmartArt の図形")]


def test_a_grid_without_shapes_is_returned_as_it_is() -> None:
    grid = _grid(A1="所属")
    assert overlay(grid, []) is grid


# --- .xlsx drawings -------------------------------------------------------------------------

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _package(drawing: bytes, sheet_extra: str = "") -> tuple[zipfile.ZipFile, bytes]:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheetFormatPr defaultRowHeight="15"/>{sheet_extra}<sheetData/>'
        '<drawing r:id="rId1"/></worksheet>'
    ).encode()
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/worksheets/_rels/sheet1.xml.rels", rels)
        zf.writestr("xl/drawings/drawing1.xml", drawing)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue())), sheet


def _shapes(anchors: str, sheet_extra: str = "") -> list[Shape]:
    drawing = f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">{anchors}</xdr:wsDr>'.encode()
    zf, sheet = _package(drawing, sheet_extra)
    drawn = xlsx_shapes(zf, "S", "xl/worksheets/sheet1.xml", sheet, Limits())
    assert drawn.notes == []
    return drawn.shapes


def _sp(text: str = "", prst: str = "rect", extra: str = "", off: tuple[int, ...] = ()) -> str:
    xfrm = ""
    if off:
        x, y, cx, cy = off
        xfrm = f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    body = f"<xdr:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></xdr:txBody>" if text else ""
    return (
        f'<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="s"{extra}/><xdr:cNvSpPr/></xdr:nvSpPr>'
        f'<xdr:spPr>{xfrm}<a:prstGeom prst="{prst}"/></xdr:spPr>{body}</xdr:sp>'
    )


def _at(tag: str, col: int, col_off: int, row: int, row_off: int) -> str:
    return (
        f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_off}</xdr:colOff>"
        f"<xdr:row>{row}</xdr:row><xdr:rowOff>{row_off}</xdr:rowOff></xdr:{tag}>"
    )


COL, ROW = 64 * 9525, 15 * 12700  # Excel's default column and row in EMU


def test_each_kind_of_anchor_places_its_shape_in_cell_coordinates() -> None:
    two = f"<xdr:twoCellAnchor>{_at('from', 2, COL // 2, 1, 0)}{_at('to', 4, 0, 3, ROW // 2)}{_sp('二')}<xdr:clientData/></xdr:twoCellAnchor>"
    one = f'<xdr:oneCellAnchor>{_at("from", 1, 0, 5, 0)}<xdr:ext cx="{2 * COL}" cy="{ROW}"/>{_sp("一")}<xdr:clientData/></xdr:oneCellAnchor>'
    absolute = f'<xdr:absoluteAnchor><xdr:pos x="{3 * COL}" y="{8 * ROW}"/><xdr:ext cx="{COL}" cy="{2 * ROW}"/>{_sp("絶")}<xdr:clientData/></xdr:absoluteAnchor>'
    found = {s.text: (s.top, s.left, s.bottom, s.right) for s in _shapes(two + one + absolute)}
    assert found == {
        "二": pytest.approx((1.0, 2.5, 3.5, 4.0)),
        "一": pytest.approx((5.0, 1.0, 6.0, 3.0)),
        "絶": pytest.approx((8.0, 3.0, 10.0, 4.0)),
    }


def test_column_widths_and_row_heights_of_the_sheet_place_lengths() -> None:
    cols = '<cols><col min="1" max="3" width="2.6" customWidth="1"/></cols>'
    metrics = xlsx_metrics(
        f'<worksheet><sheetFormatPr defaultRowHeight="18"/>{cols}<sheetData/></worksheet>'.encode()
    )
    assert metrics.col_width(0) == col_emu(2.6) == 18 * 9525
    assert metrics.row_height(7) == 18 * 12700
    one = f'<xdr:oneCellAnchor>{_at("from", 0, 0, 0, 0)}<xdr:ext cx="{3 * 18 * 9525 + COL}" cy="{18 * 12700}"/>{_sp("幅")}<xdr:clientData/></xdr:oneCellAnchor>'
    (shape,) = _shapes(one, cols.replace("<cols>", '<sheetFormatPr defaultRowHeight="18"/><cols>'))
    assert shape.right == pytest.approx(4.0)


def test_grouped_shapes_are_placed_through_the_group_transform() -> None:
    group = (
        "<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id='9' name='g'/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>"
        f'<xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{4 * COL}" cy="{4 * ROW}"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="400" cy="400"/></a:xfrm></xdr:grpSpPr>'
        f"{_sp('左上', off=(0, 0, 100, 100))}{_sp('右下', off=(200, 200, 200, 200))}</xdr:grpSp>"
    )
    anchor = f"<xdr:twoCellAnchor>{_at('from', 2, 0, 2, 0)}{_at('to', 6, 0, 6, 0)}{group}<xdr:clientData/></xdr:twoCellAnchor>"
    found = {s.text: (s.top, s.left, s.bottom, s.right) for s in _shapes(anchor)}
    assert found == {
        "左上": pytest.approx((2.0, 2.0, 3.0, 3.0)),
        "右下": pytest.approx((4.0, 4.0, 6.0, 6.0)),
    }


def test_kinds_of_shape_hidden_ones_and_struck_runs() -> None:
    anchor = (
        "<xdr:twoCellAnchor>"
        + _at("from", 0, 0, 0, 0)
        + _at("to", 1, 0, 1, 0)
        + "{}<xdr:clientData/></xdr:twoCellAnchor>"
    )
    struck = (
        '<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="3" name="t"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>'
        '<xdr:spPr><a:prstGeom prst="rect"/><a:noFill/></xdr:spPr><xdr:txBody><a:p>'
        '<a:r><a:rPr strike="sngStrike"/><a:t>臨時</a:t></a:r><a:r><a:t>定期</a:t></a:r>'
        "</a:p></xdr:txBody></xdr:sp>"
    )
    shapes = _shapes(
        anchor.format(_sp(prst="ellipse"))
        + anchor.format(_sp(prst="line"))
        + anchor.format(_sp(prst="rect"))  # an empty frame: nothing to read
        + anchor.format(_sp("隠し", extra=' hidden="1"'))
        + anchor.format(struck)
    )
    assert [(s.kind, s.text, s.struck, s.opaque) for s in shapes] == [
        ("mark", "", (), False),
        ("line", "", (), True),
        ("text", "定期", ("臨時",), False),
    ]


def test_ink_and_smartart_are_shapes_that_cannot_be_read() -> None:
    ink = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="xdr14"><xdr:twoCellAnchor>'
        f"{_at('from', 1, 0, 1, 0)}{_at('to', 3, 0, 2, 0)}<xdr:contentPart/><xdr:clientData/>"
        "</xdr:twoCellAnchor></mc:Choice><mc:Fallback/></mc:AlternateContent>"
    )
    smart = (
        f"<xdr:twoCellAnchor>{_at('from', 4, 0, 4, 0)}{_at('to', 6, 0, 6, 0)}<xdr:graphicFrame>"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/>'
        "</a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    )
    assert [(s.kind, s.what) for s in _shapes(ink + smart)] == [
        ("unread", "手書き（インク）の図形"),
        ("unread", "SmartArt の図形"),
    ]


def test_a_broken_drawing_is_a_note_and_the_sheet_is_still_read() -> None:
    zf, sheet = _package(b"<xdr:wsDr><xdr:sp><unclosed></xdr:wsDr>")
    drawn = xlsx_shapes(zf, "報告書", "xl/worksheets/sheet1.xml", sheet, Limits())
    assert drawn.shapes == []
    assert drawn.notes == [
        "シート「報告書」の図形の情報が壊れているため、図形の中の文字は読めませんでした。"
    ]


def test_shapes_are_capped_and_absurd_positions_do_not_run_away() -> None:
    many = "".join(
        f"<xdr:twoCellAnchor>{_at('from', 1, 0, i, 0)}{_at('to', 2, 0, i + 1, 0)}{_sp('x')}"
        "<xdr:clientData/></xdr:twoCellAnchor>"
        for i in range(MAX_SHAPES + 50)
    )
    assert len(_shapes(many)) == MAX_SHAPES
    far = (
        '<xdr:absoluteAnchor><xdr:pos x="900000000000000" y="900000000000000"/>'
        f'<xdr:ext cx="5" cy="5"/>{_sp("遠")}<xdr:clientData/></xdr:absoluteAnchor>'
    )
    for shape in _shapes(far):
        assert shape.bottom <= 1_048_576 and shape.right <= 16_384


def test_a_workbook_with_a_broken_drawing_still_gives_its_report(
    options: Options, tmp_path: Path
) -> None:
    source = CORPUS / "textbox_anchors.xlsx"
    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/drawings/drawing1.xml"] = parts["xl/drawings/drawing1.xml"][:-40]
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    result = check_file(broken, options)
    report = result.reports[0].report
    assert report is not None and report.affiliation.value == "北野警察署"
    assert any("図形の情報が壊れている" in n for n in result.notes)


# --- struck text in cells of .xlsx ----------------------------------------------------------


def test_struck_runs_of_shared_strings_and_struck_cell_formats(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("報告書")
    strike = wb.add_format({"font_strikeout": True})
    ws.write_rich_string("B2", "定期・", strike, "臨時")
    ws.write("B3", "取り消した値", strike)
    ws.write("B4", "そのままの値")
    wb.close()
    with zipfile.ZipFile(path) as zf:
        text = book_text(zf, Limits())
        found = struck_cells(zf.read("xl/worksheets/sheet1.xml"), text)
    assert found == {(1, 1): ("定期・", ("臨時",)), (2, 1): ("", ())}


# --- .ods and .xls --------------------------------------------------------------------------


def test_ods_struck_spans_frames_and_merges() -> None:
    with zipfile.ZipFile(CORPUS / "struck_option_ods.ods") as zf:
        sheets = ods_shapes(zf.read("content.xml"))
    sheet = sheets["報告書"]
    assert sheet.struck[(10, 22)] == ("定期　・", ("臨時",))
    assert (5, 6, 5, 19) in sheet.merges
    with zipfile.ZipFile(CORPUS / "textbox_values_ods.ods") as zf:
        shapes = ods_shapes(zf.read("content.xml"))["報告書"].shapes
    first = shapes[0]
    assert (first.text, int(first.top), int(first.left)) == ("北野警察署", 5, 6)


def test_ods_malformed_content_is_a_note() -> None:
    sheets = ods_shapes(
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        b'<table:table table:name="S"><draw:frame>'
    )
    assert any("壊れている" in n for d in sheets.values() for n in d.notes)


def test_xls_text_boxes_and_ellipses_are_read_from_the_drawing_records() -> None:
    sheets = xls_shapes((CORPUS / "textbox_values_xls.xls").read_bytes())
    texts = [s.text for s in sheets["報告書"].shapes]
    assert texts[:3] == ["北野警察署", "巡査部長　高橋　誠", "0312"]
    marks = xls_shapes((CORPUS / "ellipse_centred_xls.xls").read_bytes())["報告書"].shapes
    assert [s.kind for s in marks] == [MARK]


def _records(data: bytes) -> tuple[bytes, list[tuple[int, int, int]]]:
    import olefile

    stream = olefile.OleFileIO(data).openstream("Workbook").read()
    out, pos = [], 0
    while pos + 4 <= len(stream):
        rid, size = struct.unpack_from("<HH", stream, pos)
        out.append((rid, pos + 4, size))
        pos += 4 + size
    return stream, out


def test_xls_struck_runs_of_shared_strings_are_left_out() -> None:
    sheets = xls_shapes((CORPUS / "struck_option_xls.xls").read_bytes())
    assert sheets["報告書"].struck == {
        (6, 6): ("巡査部長　高橋　誠", ("巡査　高橋　誠",)),
        (10, 22): ("定期　・", ("臨時",)),
    }


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("grouped_boxes_xls.xls", (0x00EC, 0x005D, 0x01B6, 0x003C)),  # drawing, OBJ, TXO
        ("struck_option_xls.xls", (0x00FC, 0x003C, 0x00FD, 0x0031, 0x00E0)),  # SST, fonts
    ],
)
def test_xls_records_damaged_anyhow_never_raise(name: str, kinds: tuple[int, ...]) -> None:
    """Bytes of the drawing, text, string and font records flipped at random: the reader
    gives shapes and struck cells, or none, or a note; it never raises."""
    from toolkit.reading.shapes.biff import _Book

    stream, records = _records((CORPUS / name).read_bytes())
    spans = [(body, size) for rid, body, size in records if rid in kinds]
    rng = random.Random(7)
    for _ in range(300):
        damaged = bytearray(stream)
        for _ in range(rng.randint(1, 12)):
            body, size = rng.choice(spans)
            if size:
                damaged[body + rng.randrange(size)] = rng.randrange(256)
        sheets = _Book(bytes(damaged)).sheets()
        for drawn in sheets.values():
            for shape in drawn.shapes:
                assert 0 <= shape.top <= shape.bottom and 0 <= shape.left <= shape.right


def test_an_xls_that_is_not_ole_or_has_no_drawing_gives_nothing() -> None:
    assert xls_shapes(b"not an ole file") == {}
    assert (
        xls_shapes(
            (Path(__file__).parent / "corpus" / "layouts" / "grid_shifted_xls.xls").read_bytes()
        )
        == {}
    )


def test_a_callout_explaining_the_form_is_not_a_value() -> None:
    grid = _grid(A1="開催日時")
    shapes = [
        box(TEXT, 0.0, 1.0, 1.0, 5.0, text="※ 和暦で記入してください"),
        box(TEXT, 1.0, 1.0, 2.0, 5.0, text="開催日を入力すること"),
    ]
    out = overlay(grid, shapes)
    assert out.origins == {} and out.value(0, 1) is None


def test_a_hostile_number_of_huge_shapes_is_bounded_and_not_called_blank() -> None:
    shapes = [box(TEXT, 0.0, 0.0, 5000.0, 5000.0, text=f"箱{i}") for i in range(MAX_SHAPES)]
    out = overlay(_grid(), shapes)
    skipped = [u for u in out.unread if u.what.startswith("多数の図形")]
    assert 0 < len(skipped) < MAX_SHAPES
    assert skipped[0].box[:2] == (0, 0)


ODS_HEAD = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">'
    "<office:automatic-styles>"
    '<style:style style:name="co1" style:family="table-column">'
    '<style:table-column-properties style:column-width="1in"/></style:style>'
    '<style:style style:name="ro1" style:family="table-row">'
    '<style:table-row-properties style:row-height="0.25in"/></style:style>'
    '<style:style style:name="gr1" style:family="graphic">'
    '<style:graphic-properties draw:fill="none"/></style:style>'
    "</office:automatic-styles><office:body><office:spreadsheet>"
)


def test_ods_frames_in_a_cell_and_on_the_page_and_an_ellipse() -> None:
    content = (
        ODS_HEAD + '<table:table table:name="報告書">'
        '<table:table-column table:style-name="co1" table:number-columns-repeated="8"/>'
        '<table:shapes><draw:frame svg:x="3in" svg:y="1in" svg:width="2in" svg:height="0.25in">'
        "<draw:text-box><text:p>頁の枠</text:p></draw:text-box></draw:frame></table:shapes>"
        '<table:table-row table:style-name="ro1" table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-repeated="8"/></table:table-row>'
        '<table:table-row table:style-name="ro1"><table:table-cell/><table:table-cell>'
        '<draw:frame draw:style-name="gr1" svg:x="0.5in" svg:y="0in" svg:width="2in" '
        'svg:height="0.25in"><draw:text-box><text:p>セルの<text:s text:c="2"/>枠</text:p>'
        "<text:p>二行目</text:p></draw:text-box></draw:frame>"
        '<draw:ellipse svg:x="0in" svg:y="0in" svg:width="0.5in" svg:height="0.25in"/>'
        "</table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()
    shapes = ods_shapes(content)["報告書"].shapes
    found = [(s.kind, s.text, s.top, s.left, s.bottom, s.right, s.opaque) for s in shapes]
    # Rows past the third have no height of their own: the default 15 pt (0.2083 in).
    assert found == [
        ("text", "セルの  枠\n二行目", 2.0, 1.5, 3.0, 3.5, False),
        ("mark", "", 2.0, 1.0, 3.0, 1.5, False),
        ("text", "頁の枠", pytest.approx(4.2), 3.0, pytest.approx(5.4), 5.0, True),
    ]
