"""The blank 開催結果報告書: names, protection, validation, printing, the committed copy."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.model import CATEGORIES
from toolkit.writing import template as t

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "workbook_templates" / t.BLANK_NAME

SCALARS = (
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "date",
    "start_time",
    "end_time",
    "venue",
    "police_attendees",
    "civilian_attendees",
    "meeting_type",
    "discussion",
    "reference",
    "officers",
    "attachment",
)
CONTRACT = (
    *SCALARS,
    *(
        f"agenda_{n}_{part}"
        for n in range(1, t.AGENDA_ROWS + 1)
        for part in ("category", "topic", "remarks")
    ),
    *(f"{side}_{n}" for n in range(1, t.REQUEST_ROWS + 1) for side in ("request", "response")),
)


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def blank() -> openpyxl.Workbook:
    return load(t.template_bytes())


@pytest.fixture(scope="module")
def sheet(blank: openpyxl.Workbook) -> Worksheet:
    return blank[t.TEMPLATE_SHEET]


def target(wb: openpyxl.Workbook, name: str) -> tuple[str, str]:
    ((sheet, ref),) = list(wb.defined_names[name].destinations)
    return sheet, ref.replace("$", "")


def input_areas(wb: openpyxl.Workbook) -> dict[str, set[str]]:
    """Each contract name → every cell of its (possibly merged) input area."""
    ws = wb[t.TEMPLATE_SHEET]
    areas: dict[str, set[str]] = {}
    for name in CONTRACT:
        _, ref = target(wb, name)
        cells = {ref}
        for merged in ws.merged_cells.ranges:
            if ref in merged:
                cells = {c.coordinate for row in ws[merged.coord] for c in row}
        areas[name] = cells
    return areas


def printed_text(ws: Worksheet) -> set[str]:
    return {
        "".join(unicodedata.normalize("NFKC", c.value).split())
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }


# -- contract ---------------------------------------------------------------------------


def test_table_sizes_meet_the_contract() -> None:
    assert t.AGENDA_ROWS >= 4
    assert t.REQUEST_ROWS >= 3


@pytest.mark.parametrize("name", CONTRACT)
def test_every_contract_name_is_a_workbook_name_into_the_report_sheet(
    blank: openpyxl.Workbook, name: str
) -> None:
    assert name in blank.defined_names  # sheet-scoped names live on the sheet instead
    sheet, ref = target(blank, name)
    assert sheet == t.TEMPLATE_SHEET
    assert ":" not in ref


def test_names_point_at_distinct_top_left_cells(blank: openpyxl.Workbook, sheet: Worksheet) -> None:
    refs = [target(blank, name)[1] for name in CONTRACT]
    assert len(set(refs)) == len(refs)
    for merged in sheet.merged_cells.ranges:
        inside = [r for r in refs if r in merged]
        assert inside in ([], [merged.start_cell.coordinate])


def test_input_areas_do_not_overlap(blank: openpyxl.Workbook) -> None:
    seen: set[str] = set()
    for cells in input_areas(blank).values():
        assert not cells & seen
        seen |= cells


def test_only_the_last_category_is_prefilled(blank: openpyxl.Workbook, sheet: Worksheet) -> None:
    for n in range(1, t.AGENDA_ROWS + 1):
        value = sheet[target(blank, f"agenda_{n}_category")[1]].value
        assert value == ("その他" if n == t.AGENDA_ROWS else None)
    for name in CONTRACT:
        if name != f"agenda_{t.AGENDA_ROWS}_category":
            assert sheet[target(blank, name)[1]].value is None, name


def test_the_printed_words_of_the_form_are_there(sheet: Worksheet) -> None:
    words = printed_text(sheet)
    expected = [
        "別記様式(2の(9)関係)",
        "地域指導係宛",
        "交番・駐在所連絡協議会開催結果報告書",
        *("".join(s.split()) for s in t.STAMP_LABELS),
        "所属",
        "報告者",
        "警電",
        "協議会名",
        "施設名",
        "開催日時",
        "~",
        "開催場所",
        "出席者数",
        "警察官",
        "人",
        "民間",
        "会議種別",
        "区分",
        "協議事項",
        "備考",
        "協議内容等",
        "要望事項",
        "措置・回答",
        "参考事項(写真添付)",
        "出席警察官名",
        "別添",
    ]
    assert [w for w in expected if w not in words] == []


def test_title_is_centred_and_bold(sheet: Worksheet) -> None:
    (cell,) = [c for row in sheet.iter_rows() for c in row if c.value == t.TITLE]
    assert cell.font.b
    assert cell.alignment.horizontal == "center"


def test_stamp_boxes_are_tall_enough_for_a_hanko(sheet: Worksheet) -> None:
    (label,) = [c for row in sheet.iter_rows() for c in row if c.value == "地域課長"]
    (box,) = [
        m
        for m in sheet.merged_cells.ranges
        if m.min_row == label.row + 1 and m.min_col == label.column
    ]
    height_pt = sum(sheet.row_dimensions[r].height for r in range(box.min_row, box.max_row + 1))
    assert 18 <= height_pt * 25.4 / 72 <= 21


# -- protection, shading, formats ---------------------------------------------------------


def test_input_cells_are_unlocked_and_shaded_everything_else_locked(
    blank: openpyxl.Workbook, sheet: Worksheet
) -> None:
    inputs = set().union(*input_areas(blank).values())
    for row in sheet.iter_rows():
        for cell in row:
            if cell.coordinate in inputs:
                assert not cell.protection.locked, cell.coordinate
                # openpyxl keeps only the borders of the covered cells of a merge it reads.
                if not isinstance(cell, MergedCell):
                    assert cell.fill.fgColor.rgb == t.INPUT_FILL.fgColor.rgb, cell.coordinate
            else:
                assert cell.protection.locked, cell.coordinate
                assert cell.fill.fill_type is None, cell.coordinate


def test_sheet_is_protected_without_password(sheet: Worksheet) -> None:
    assert sheet.protection.sheet
    assert not sheet.protection.password
    assert not sheet.protection.objects  # photos may be pasted into 参考事項


@pytest.mark.parametrize(
    ("name", "number_format"),
    [
        ("date", t.DATE_FORMAT),
        ("start_time", "h:mm"),
        ("end_time", "h:mm"),
        ("phone", "@"),
        ("police_attendees", "0"),
        ("civilian_attendees", "0"),
    ],
)
def test_number_formats(
    blank: openpyxl.Workbook, sheet: Worksheet, name: str, number_format: str
) -> None:
    assert sheet[target(blank, name)[1]].number_format == number_format


def test_date_format_is_japanese_era_with_weekday() -> None:
    assert t.DATE_FORMAT.startswith("[$-411]ggge")
    assert "aaa" in t.DATE_FORMAT


def validation_of(wb: openpyxl.Workbook, name: str) -> Any:
    ws = wb[t.TEMPLATE_SHEET]
    ref = target(wb, name)[1]
    found = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert len(found) == 1, f"{name}: {len(found)} validations"
    return found[0]


def test_date_validation(blank: openpyxl.Workbook) -> None:
    dv = validation_of(blank, "date")
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("date", "between", "36526", "73415")
    assert dv.showErrorMessage and dv.error and dv.prompt


@pytest.mark.parametrize("name", ["start_time", "end_time"])
def test_time_validation(blank: openpyxl.Workbook, name: str) -> None:
    dv = validation_of(blank, name)
    assert dv.type == "time"
    assert dv.operator == "between"
    assert float(dv.formula1) == 0 and 0.9999 < float(dv.formula2) < 1
    assert dv.showErrorMessage and dv.error


@pytest.mark.parametrize("name", ["police_attendees", "civilian_attendees"])
def test_count_validation(blank: openpyxl.Workbook, name: str) -> None:
    dv = validation_of(blank, name)
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert dv.showErrorMessage and dv.error


def list_items(dv: Any) -> list[str]:
    assert dv.type == "list"
    formula = dv.formula1
    assert formula.startswith('"') and formula.endswith('"')
    return formula[1:-1].split(",")


def test_meeting_type_list(blank: openpyxl.Workbook) -> None:
    assert list_items(validation_of(blank, "meeting_type")) == ["定期会議", "臨時会議"]


@pytest.mark.parametrize("n", range(1, t.AGENDA_ROWS + 1))
def test_category_list(blank: openpyxl.Workbook, n: int) -> None:
    dv = validation_of(blank, f"agenda_{n}_category")
    assert list_items(dv) == list(CATEGORIES)
    assert dv.showErrorMessage and dv.error


def test_validation_messages_are_japanese(blank: openpyxl.Workbook) -> None:
    ws = blank[t.TEMPLATE_SHEET]
    for dv in ws.data_validations.dataValidation:
        for text in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error):
            if text:
                assert any("\u3040" <= ch <= "\u9fff" for ch in text), text


# -- printing -------------------------------------------------------------------------------


def test_prints_on_one_a4_portrait_page(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    assert int(setup.paperSize) == 9
    assert setup.orientation == "portrait"
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 1)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_options.horizontalCentered
    assert sheet.print_area == f"'{t.TEMPLATE_SHEET}'!$A$1:$AJ${sheet.max_row}"
    margins = sheet.page_margins
    assert 0 < margins.left <= 1 and 0 < margins.top <= 1


def test_the_layout_fits_a4_without_shrinking(sheet: Worksheet) -> None:
    margins = sheet.page_margins
    height_mm = sum(sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)) * 25.4 / 72
    assert height_mm <= 297 - (margins.top + margins.bottom) * 25.4
    assert height_mm >= 0.9 * (297 - (margins.top + margins.bottom) * 25.4)
    widths = {sheet.column_dimensions[get_column_letter(c)].width for c in range(1, t.COLUMNS + 1)}
    assert len(widths) == 1


# -- meta, properties, prefill ------------------------------------------------------------


def custom_props(wb: openpyxl.Workbook) -> dict[str, Any]:
    return {p.name: p.value for p in wb.custom_doc_props}


def test_meta_sheet_is_hidden_and_holds_the_version(blank: openpyxl.Workbook) -> None:
    meta = blank[t.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert [[c.value for c in row] for row in meta["A1:B2"]] == [
        ["template_version", t.TEMPLATE_VERSION],
        ["council_id", None],
    ]
    assert custom_props(blank) == {
        "kyogikai_template_version": t.TEMPLATE_VERSION,
        "kyogikai_council_id": None,
    }
    assert blank.sheetnames[0] == t.TEMPLATE_SHEET


def test_prefill_fills_the_known_cells_and_the_council_id() -> None:
    prefill = t.Prefill(
        council_id="CK-0042",
        affiliation="中央警察署",
        facility_name="駅前交番",
        council_name="駅前交番連絡協議会",
    )
    wb = load(t.template_bytes(prefill))
    ws = wb[t.TEMPLATE_SHEET]
    for key in ("affiliation", "facility_name", "council_name"):
        cell = ws[target(wb, key)[1]]
        assert cell.value == getattr(prefill, key)
        assert not cell.protection.locked
    assert ws[target(wb, "reporter")[1]].value is None
    assert wb[t.META_SHEET]["B2"].value == "CK-0042"
    assert custom_props(wb)["kyogikai_council_id"] == "CK-0042"


def test_partial_prefill_leaves_the_rest_blank() -> None:
    wb = load(t.template_bytes(t.Prefill(facility_name="山間駐在所")))
    ws = wb[t.TEMPLATE_SHEET]
    assert ws[target(wb, "facility_name")[1]].value == "山間駐在所"
    assert ws[target(wb, "affiliation")[1]].value is None
    assert wb[t.META_SHEET]["B2"].value is None


def test_prefill_prints_the_manager_on_the_addressee_line() -> None:
    manager = "交番所長 警部補 山田太郎"
    wb = load(t.template_bytes(t.Prefill(council_name="駅前交番連絡協議会", manager=manager)))
    ws = wb[t.TEMPLATE_SHEET]
    cell = ws["Q2"]
    assert cell.value == f"運営責任者　{manager}"
    assert cell.protection.locked  # HQ's information, not an input
    assert "Q2:AJ2" in {str(r) for r in ws.merged_cells.ranges}
    assert all("Q2" not in str(d.attr_text) for d in wb.defined_names.values())
    # the blank form and a form without a manager keep the line empty
    for prefill in (None, t.Prefill(council_name="駅前交番連絡協議会")):
        assert load(t.template_bytes(prefill))[t.TEMPLATE_SHEET]["Q2"].value is None


def test_council_forms_carry_the_manager_and_never_the_members(tmp_path: Path) -> None:
    from toolkit import jobs
    from toolkit.samples import fictional_registry

    registry = fictional_registry(0)
    written = jobs.templates(tmp_path, registry, "白峰警察署")
    councils = [c for c in registry.councils if c.station == "白峰警察署"]
    assert len(written) == len(councils) == 7
    members = {m.name for m in registry.members}
    for path, council in zip(written, councils, strict=True):
        wb = openpyxl.load_workbook(path)
        texts = [
            str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
        ]
        assert f"運営責任者　{council.manager}" in texts
        assert [x for x in texts if any(name in x for name in members)] == []


# -- files -----------------------------------------------------------------------------------


def test_output_is_deterministic() -> None:
    assert t.template_bytes() == t.template_bytes()
    wb = load(t.template_bytes())
    assert wb.properties.created == t.PINNED_DATETIME
    assert wb.properties.modified == t.PINNED_DATETIME


def test_write_template_creates_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "中央警察署" / "駅前交番_駅前交番連絡協議会.xlsx"
    t.write_template(path, t.Prefill(council_id="X1"))
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert zipfile.is_zipfile(path)
    t.write_template(path)  # replaces
    assert load(path.read_bytes())[t.META_SHEET]["B2"].value is None


@pytest.mark.parametrize(
    ("station", "facility", "council", "expected"),
    [
        (
            "中央警察署",
            "駅前交番",
            "駅前交番連絡協議会",
            "中央警察署/駅前交番_駅前交番連絡協議会.xlsx",
        ),
        ("北/南署", "A:B*C?", 'x"y<z>|w', "北_南署/A_B_C__x_y_z__w.xlsx"),
        ("署\\名", "施設\t名", "協議会\n名", "署_名/施設_名_協議会_名.xlsx"),
        ("..", "交番.", "協議会. ", "_/交番._協議会.xlsx"),
        ("CON", "NUL", "x", "CON_/NUL_x.xlsx"),
    ],
)
def test_template_path_for_sanitises_windows_names(
    tmp_path: Path, station: str, facility: str, council: str, expected: str
) -> None:
    path = t.template_path_for(tmp_path, station, facility, council)
    assert path.relative_to(tmp_path).as_posix() == expected


# -- the committed canonical blank -------------------------------------------------------------


SIDES = ("left", "right", "top", "bottom")


def _style(cell: Any) -> tuple[Any, ...]:
    font, fill, border, align = cell.font, cell.fill, cell.border, cell.alignment
    return (
        (font.name, font.sz, font.b),
        fill.fill_type and fill.fgColor.rgb,
        tuple(getattr(border, side) and getattr(border, side).style for side in SIDES),
        (align.horizontal, align.vertical, align.wrap_text, align.shrink_to_fit, align.indent),
        cell.protection.locked,
    )


def snapshot(data: bytes) -> dict[str, Any]:
    """Everything about a template that an officer or a reader could notice."""
    wb = load(data)
    snap: dict[str, Any] = {
        "sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
        "names": sorted((n, dn.attr_text) for n, dn in wb.defined_names.items()),
        "properties": sorted(custom_props(wb).items()),
        "dates": (wb.properties.created, wb.properties.modified),
    }
    for ws in wb.worksheets:
        snap[ws.title] = {
            "cells": sorted(
                (ws.title, c.coordinate, c.value, c.number_format, _style(c))
                for row in ws.iter_rows()
                for c in row
                if c.has_style or c.value is not None
            ),
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "validations": sorted(
                (
                    str(dv.sqref),
                    dv.type,
                    dv.operator,
                    dv.formula1,
                    dv.formula2,
                    dv.promptTitle,
                    dv.prompt,
                    dv.errorTitle,
                    dv.error,
                )
                for dv in ws.data_validations.dataValidation
            ),
            "rows": sorted((r, d.height) for r, d in ws.row_dimensions.items() if d.height),
            "columns": sorted((k, d.width) for k, d in ws.column_dimensions.items() if d.width),
            "print": (
                ws.print_area,
                ws.page_setup.paperSize,
                ws.page_setup.orientation,
                ws.page_setup.fitToWidth,
                ws.page_setup.fitToHeight,
                ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage,
                ws.print_options.horizontalCentered,
                tuple(getattr(ws.page_margins, m) for m in ("left", "right", "top", "bottom")),
            ),
            "protection": (ws.protection.sheet, ws.protection.password, ws.protection.objects),
        }
    return snap


def test_committed_blank_is_what_the_generator_builds() -> None:
    """Regenerate the committed blank with `python -m toolkit.writing.template`."""
    assert COMMITTED.exists(), f"{COMMITTED.name} is missing from workbook_templates/"
    committed, built = snapshot(COMMITTED.read_bytes()), snapshot(t.template_bytes())
    for key in built:
        assert committed.get(key) == built[key], f"{key} differs: regenerate {COMMITTED.name}"
    assert committed.keys() == built.keys()


def test_snapshot_notices_a_changed_cell() -> None:
    wb = t.build_template()
    wb[t.TEMPLATE_SHEET]["A1"].number_format = "0.00"
    assert snapshot(t.workbook_bytes(wb)) != snapshot(t.template_bytes())
