"""Sheets that are not reports are never read as reports, and say why they were skipped
(SPEC: examples, instructions, blank forms, placeholders, dropdown lists, kyogikai's own
outputs); an example sheet that is a workbook's only report is judged on evidence."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from toolkit.cells import Cell
from toolkit.check import Options, check_file
from toolkit.raw import RawCell, RawReport
from toolkit.reading import sheetkind as K
from toolkit.reading.grid import Grid
from toolkit.reading.read import read_workbook

CORPUS = Path(__file__).parent / "corpus" / "round2_shapes"


@pytest.fixture(scope="module")
def options() -> Options:
    from toolkit.rules import Context
    from toolkit.settings import Settings

    return Options(Context(Settings(today=date(2026, 11, 25))))


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "記入例",
        "【記入例】",
        "記入例 (2)",
        "見本",
        "例",
        "（例）",
        "例1",
        "記載例",
        "Sample",
        "入力例",
    ],
)
def test_example_names(name: str) -> None:
    assert K.example_name(name)


@pytest.mark.parametrize("name", ["報告書", "10月例会", "例会報告", "定例会", "Sheet1", "R8.10"])
def test_names_that_are_not_examples(name: str) -> None:
    assert not K.example_name(name)


@pytest.mark.parametrize(
    "name", ["記入要領", "記入上の注意", "記入方法", "注意事項", "書き方", "説明", "README"]
)
def test_instruction_names_are_skipped_before_reading(name: str) -> None:
    verdict = K.by_name(name)
    assert verdict is not None and verdict.kind == K.INSTRUCTIONS
    assert f"シート名「{name}」" in verdict.reason


def test_report_names_are_not_judged_by_name() -> None:
    assert K.by_name("報告書") is None
    assert K.by_name("記入例") is None  # examples are judged with the other sheets


def test_kyogikai_summary_sheets_make_an_output_workbook() -> None:
    assert K.output_workbook(["概況", "集計表", "提出状況", "督促", "開催一覧", "要望事項"])
    assert not K.output_workbook(["報告書", "概況", "集計表", "督促"])  # a report sheet too
    assert not K.output_workbook(["集計表", "報告書"])


# --- placeholders -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "〇〇警察署",
        "○○交番連絡協議会",
        "令和　　年　　月　　日（　　）",
        "午前・午後　　時　　分～　　時　　分",
        "巡査部長　〇〇　〇〇",
        "□定期　□臨時",
        "定期・臨時",
        "人",
        "",
        "　",
    ],
)
def test_placeholders(text: str) -> None:
    assert K.is_placeholder(text)


@pytest.mark.parametrize(
    "value",
    [
        "中央警察署",
        "令和8年10月15日",
        "■定期　□臨時",
        "12",
        "巡査部長　山田太郎",
        3.0,
        date(2026, 1, 1),
    ],
)
def test_real_values_are_not_placeholders(value: object) -> None:
    assert not K.is_placeholder(value)


# --- values after reading ---------------------------------------------------------------


def _raw(**fields: object) -> RawReport:
    raw = RawReport("S")
    for i, (key, value) in enumerate(fields.items()):
        raw.fields[key] = [RawCell(value, Cell("S", i, 3))]
    return raw


GRID = Grid("S", [[""]])


def test_a_form_with_only_the_identity_prefilled_is_blank() -> None:
    raw = _raw(affiliation="中央警察署", council_name="駅前交番連絡協議会", date=None)
    verdict = K.after_reading(raw, GRID)
    assert verdict is not None and verdict.kind == K.BLANK


def test_a_form_with_placeholders_quotes_them() -> None:
    raw = _raw(affiliation="〇〇警察署", date="令和　　年　　月　　日")
    verdict = K.after_reading(raw, GRID)
    assert verdict is not None and verdict.kind == K.PLACEHOLDERS
    assert "「〇〇警察署」「令和　年　月　日」" in verdict.reason


def test_one_real_meeting_value_makes_it_a_report() -> None:
    assert K.after_reading(_raw(affiliation="〇〇警察署", date="令和8年10月15日"), GRID) is None
    with_picture = _raw(affiliation="〇〇警察署")
    with_picture.pictures = 1
    assert K.after_reading(with_picture, GRID) is None


def test_instructions_written_in_the_value_cells() -> None:
    raw = _raw(
        affiliation="所属する警察署名を記入してください",
        date="開催日を入力してください",
        venue="公民館",
    )
    verdict = K.after_reading(raw, GRID)
    assert verdict is not None and verdict.kind == K.INSTRUCTIONS
    assert "「所属する警察署名を記入してください」" in verdict.reason


def test_example_evidence_is_placeholders_and_the_shipped_values() -> None:
    raw = _raw(affiliation="〇〇警察署", reporter="巡査部長 山田太郎", venue="駅前公民館")
    assert K.example_evidence(raw) == (
        "「〇〇警察署」のような記入例の値",
        "記入例の値（「山田太郎」、「駅前公民館」）",
    )
    # Real values that merely contain the example's words, or one name alone, are none.
    real = _raw(affiliation="北野警察署", venue="北野駅前公民館", reporter="巡査 山田太郎")
    assert K.example_evidence(real) == ()
    council = _raw(council_name="駅前交番連絡協議会", facility_name="駅前交番")
    assert K.example_evidence(council) == ()


def test_a_stamp_is_a_cell_or_a_text_box_saying_example_by_itself() -> None:
    assert K.stamp(Grid("S", [["", "【記入例】"]]), scan=True) == "【記入例】"
    assert K.stamp(Grid("S", [["記入例を参考に記入してください"]]), scan=True) is None
    assert K.stamp(Grid("S", [["", "記入例"]]), scan=False) is None  # not from a shape


def test_a_register_with_one_row_per_meeting_is_read_a_report_a_row() -> None:
    """Issue 18: a register is several meetings, each its own report (no longer skipped
    as a table); two rows of a form's labels over values are not a register."""
    header = ["協議会名", "施設名", "開催日", "会議種別", "警察官", "民間"]
    rows = [header] + [["北野協議会", "北野交番", f"2026/{m}/1", "定期", 3, 9] for m in (4, 7, 10)]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    read = read_workbook(buf.getvalue(), "r.xlsx")
    assert [r.area for r in read.reports] == [(1, 0, 1, 5), (2, 0, 2, 5), (3, 0, 3, 5)]
    assert [r.first("date").value for r in read.reports] == ["2026/4/1", "2026/7/1", "2026/10/1"]


def test_a_sheet_of_choices_is_a_list() -> None:
    grid = Grid("選択", [["定期会議"], ["臨時会議"], ["交番等の活動状況"]])
    assert K.not_a_report("選択", grid, frozenset()).kind == K.LIST
    other = Grid("メモ", [["打合せメモ", "来週"]])
    assert K.not_a_report("メモ", other, frozenset()).kind == "other"
    assert K.not_a_report("メモ", other, frozenset({"メモ"})).kind == K.LIST


# --- whole workbooks --------------------------------------------------------------------


def test_a_filled_example_beside_the_report_is_skipped(options: Options) -> None:
    result = check_file(CORPUS / "example_and_report.xlsx", options)
    assert [c.sheet for c in result.reports] == ["報告書"]
    assert (
        dict(result.skipped)["記入例"]
        == "記入例のシート（シート名「記入例」）のため読み飛ばしました"
    )


def test_an_only_example_with_a_real_meeting_is_read_with_a_warning(options: Options) -> None:
    result = check_file(CORPUS / "only_example_real.xlsx", options)
    (checked,) = result.reports
    assert checked.status == "warning" and result.skipped == []
    warning = checked.findings[0]
    assert (warning.code, str(warning.cell)) == ("S2.example-sheet", "記入例!G6")
    assert warning.message.startswith(
        "シート名が「記入例」であるため記入例のように見えますが、記入例の値（〇〇 など）がなく、"
    )


def test_an_only_example_as_shipped_is_skipped_naming_the_evidence(options: Options) -> None:
    result = check_file(CORPUS / "only_example_shipped.xlsx", options)
    (checked,) = result.reports
    assert checked.report is None and checked.findings[0].code == "F1.no-report"
    reason = dict(result.skipped)["記入例"]
    assert "「〇〇警察署」のような記入例の値" in reason
    assert "「山田太郎」" in reason and "「駅前交番連絡協議会」" in reason


def test_a_blank_copy_of_our_template_is_not_a_report(options: Options) -> None:
    # a form handed out, come back with nothing written: kyogikai's own, skipped and counted
    result = check_file(CORPUS / "template_blank.xlsx", options)
    assert result.reports == []
    assert (
        result.skipped_file == "kyogikai が書き出した様式（記入がありません）のため読み飛ばしました"
    )
    assert result.skipped == [
        ("報告書", "記入のない様式（項目名だけで値がない）のため読み飛ばしました")
    ]


def _corpus_maker():  # the corpus generator's form and drawing helpers
    import importlib.util

    path = Path(__file__).parent / "corpus" / "make_round2_shapes.py"
    spec = importlib.util.spec_from_file_location("make_round2_shapes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_an_example_stamp_in_a_text_box_marks_the_sheet(options: Options, tmp_path: Path) -> None:
    """A real report, and a copy of it stamped 記入例 with a text box: the copy is the
    example, skipped; the stamp alone on the only sheet is named in the warning."""
    m = _corpus_maker()
    wb, ws = m._sheet("報告書")
    m.blank_form(ws, meeting=None)
    m.fill_cells(ws)
    copy = wb.create_sheet("報告書 (2)")
    m.blank_form(copy, meeting=None)
    m.fill_cells(copy)
    path = tmp_path / "stamped.xlsx"
    m._save(wb, path, {2: [m.text_box("AD2:AH3", "記入例", fill=False)]})
    result = check_file(path, options)
    assert [c.sheet for c in result.reports] == ["報告書"]
    assert dict(result.skipped)["報告書 (2)"] == (
        "記入例のシート（「記入例」の表示あり）のため読み飛ばしました"
    )

    wb, ws = m._sheet("報告書")
    m.blank_form(ws, meeting=None)
    m.fill_cells(ws)
    alone = tmp_path / "alone.xlsx"
    m._save(wb, alone, {1: [m.text_box("AD2:AH3", "記入例", fill=False)]})
    result = check_file(alone, options)
    (checked,) = result.reports
    assert checked.sheet == "報告書" and result.skipped == []
    warning = checked.findings[0]
    assert warning.code == "S2.example-sheet"
    assert warning.message.startswith("「記入例」の表示があるため記入例のように見えますが、")


def test_kyogikai_outputs_in_other_formats_are_skipped_whole(options: Options) -> None:
    names = (
        "kyogikai_summary_ods.ods",
        "kyogikai_summary_xls.xls",
        "summary_without_property.xlsx",
    )
    for name in names:
        result = check_file(CORPUS / name, options)
        assert result.skipped_file is not None and result.reports == [], name


def test_our_template_is_read_by_its_names_filled_and_skipped_blank(tmp_path: Path) -> None:
    import filled_forms as FF

    blank = FF.blank_form(tmp_path)
    skipped = read_workbook(blank.read_bytes(), "blank.xlsx")
    assert skipped.reports == []
    assert skipped.skipped == [
        ("報告書", "記入のない様式（項目名だけで値がない）のため読み飛ばしました")
    ]
    filled = FF.fill(blank, tmp_path / "filled.xlsx")
    book = read_workbook(filled.read_bytes(), "filled.xlsx")
    assert [r.sheet for r in book.reports] == ["報告書"] and book.skipped == []
    assert book.reports[0].notes == []


def test_a_continuation_sheet_without_its_form_is_listed_not_lost(tmp_path: Path) -> None:
    import filled_forms as FF
    import openpyxl

    filled = FF.fill(FF.blank_form(tmp_path), tmp_path / "filled.xlsx", discussion_more="続き")
    wb = openpyxl.load_workbook(filled)
    del wb["報告書"]  # the station sent the 続紙 alone
    wb.save(tmp_path / "only_more.xlsx")
    book = read_workbook((tmp_path / "only_more.xlsx").read_bytes(), "only_more.xlsx")
    assert book.reports == []
    assert book.skipped == [
        ("続紙", "報告書の続紙ですが、続けている報告書のシートがないため読めませんでした")
    ]


def test_a_workbook_of_only_passed_over_sheets_says_why_each_was(options: Options) -> None:
    """The officer who sent an example or a blank form reads, in the one error of the
    file, which sheet was passed over and why (not only that no report was found)."""
    result = check_file(CORPUS / "only_example_shipped.xlsx", options)
    (checked,) = result.reports
    (finding,) = checked.findings
    assert finding.code == "F1.no-report"
    assert f"「記入例」は{dict(result.skipped)['記入例']}" in finding.message
