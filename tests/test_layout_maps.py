"""Layouts HQ confirms (SPEC, "Layouts HQ confirms"): the proof, --confirm and what it
refuses, recognition by what is printed (tolerant of rows inserted into a table, not of a
label moved), reports repeated on one sheet, and unconfirmed layouts made visible."""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from layout_cycle import correct_proof, expected_reports, make_variant, proof_rows
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.catalogue.reading import UNCONFIRMED, WHERE_JUDGED
from toolkit.check import Options, check_file
from toolkit.cli import main
from toolkit.fileio import output_kind
from toolkit.reading.layouts import load_layouts
from toolkit.reading.layouts.model import LayoutMap
from toolkit.reading.read import read_workbook
from toolkit.rules import Context
from toolkit.settings import Settings

CORPUS = Path(__file__).parent / "corpus"
GRID = CORPUS / "layouts" / "grid_shifted.xlsx"
SETTINGS = Settings(today=date(2026, 11, 25))


def _invoke(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _proof(book: Path, out: Path) -> Path:
    result = _invoke("layout", book, "-o", out)
    assert result.exit_code == 0, result.output
    (proof,) = sorted(out.glob("*_読取確認.xlsx"))
    return proof


def _confirm(proof: Path, layouts: Path, *more: object) -> Result:
    return _invoke(
        "layout", "--confirm", proof, "--layouts", layouts, "--by", "地域指導係 山田", *more
    )


def _options(layouts: Path) -> Options:
    return Options(Context(SETTINGS), layouts=load_layouts(layouts))


def _set(proof: Path, key: str, text: str) -> None:
    """HQ writes `text` into 正しいセル of `key`'s row, as in Excel."""
    wb = openpyxl.load_workbook(proof)
    ws = wb["読取結果"]
    row = proof_rows(ws).rows[key][0]
    ws.cell(row, 5).value = text
    wb.save(proof)


# --- the proof ----------------------------------------------------------------------------


def test_the_proof_lists_every_field_and_every_printed_table_row(tmp_path: Path) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    assert output_kind(proof) == "proof"  # kyogikai's own output: never read as a report
    wb = openpyxl.load_workbook(proof)
    assert wb.sheetnames == ["読取結果", "報告書"]
    rows = proof_rows(wb["読取結果"])
    ws = wb["読取結果"]
    assert [ws.cell(rows.header, c).value for c in range(1, 6)] == [
        "キー", "項目", "セル", "読み取った値", "正しいセル",
    ]  # fmt: skip
    keys = list(rows.rows)
    assert keys[:16] == [
        "affiliation", "reporter", "phone", "council_name", "facility_name", "date",
        "start_time", "end_time", "venue", "police_attendees", "civilian_attendees",
        "meeting_type", "discussion", "reference", "officers", "attachment",
    ]  # fmt: skip
    # the four printed rows of 区分 (そ の 他 left blank) and both rows of 要望事項
    assert [k for k in keys if k.startswith("agenda_") and k.endswith("_topic")] == [
        f"agenda_{n}_topic" for n in (1, 2, 3, 4)
    ]
    assert [k for k in keys if k.startswith(("request_", "response_"))] == [
        "request_1", "response_1", "request_2", "response_2",
    ]  # fmt: skip
    assert rows.rows["affiliation"][1:] == ("I6:V6", "港北警察署")
    assert rows.rows["date"][1:] == ("I9:P9", "令和8年9月10日")
    assert rows.rows["start_time"][1:] == ("T9", "13:30")
    assert rows.rows["agenda_2_remarks"][1:] == ("AA16:AF16", "前年比+8件")
    assert rows.rows["agenda_4_topic"][1:] == ("K18:Z18", "")
    assert rows.rows["reference"][1:] == ("I29:AF31", "")
    # the station's sheet: each field's cells coloured, its comment says what was read
    sheet = wb["報告書"]
    assert sheet["I6"].fill.fgColor.rgb == "FFDDEBF7"
    assert sheet["K16"].fill.fgColor.rgb == "FFE2EFDA"
    assert sheet["C26"].fill.fgColor.rgb == "FFE4DFEC"
    assert "読み取った値: 港北警察署" in sheet["I6"].comment.text
    assert "【所属】affiliation" in sheet["I6"].comment.text
    explanation = " ".join(str(ws.cell(r, 1).value or "") for r in range(1, rows.header))
    assert "正しいセル" in explanation and "なし" in explanation
    assert "kyogikai layout --confirm" in explanation


def test_a_proof_is_never_read_as_a_report(tmp_path: Path) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    result = check_file(proof, Options(Context(SETTINGS)))
    assert result.reports == [] and result.skipped_file is not None
    again = _invoke("layout", tmp_path / "proofs", "-o", tmp_path / "more")
    assert again.exit_code == 0
    assert "確認していない様式の報告書はありませんでした" in again.output


def test_an_xls_proof_is_the_values_the_reader_saw_and_says_so(tmp_path: Path) -> None:
    proof = _proof(CORPUS / "round2_shapes" / "textbox_values_xls.xls", tmp_path)
    wb = openpyxl.load_workbook(proof)
    ws = wb["読取結果"]
    notes = " ".join(str(ws.cell(r, 1).value or "") for r in range(1, proof_rows(ws).header))
    assert ".xls 形式のため、書式" in notes
    sheet = wb["報告書"]
    assert sheet["G6"].value == "北野警察署"  # typed in a text box: laid over its cell


def test_sheets_of_one_layout_share_one_proof(tmp_path: Path) -> None:
    result = _invoke("layout", CORPUS / "layouts" / "two_reports.xlsx", GRID, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.xlsx"))) == 2
    assert "two_reports.xlsx「4月」、同じ様式 ほか1シート" in result.output


# --- confirming ---------------------------------------------------------------------------


def test_confirm_stores_a_plain_map_with_who_and_when(tmp_path: Path) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    result = _confirm(proof, tmp_path / "様式")
    assert result.exit_code == 0, result.output
    (stored,) = list((tmp_path / "様式").glob("*.json"))
    text = stored.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["confirmed_by"] == "地域指導係 山田"
    assert date.fromisoformat(data["confirmed_at"][:10]) >= date(2026, 1, 1)
    assert data["fields"]["affiliation"] == "I6:V6"
    assert (
        '"agenda": [\n      {"category": "C15:J15", "topic": "K15:Z15", "remarks": "AA15:AF15"},'
        in text
    )
    assert list(data["fields"])[:3] == ["affiliation", "reporter", "phone"]
    assert LayoutMap.from_json(data).dumps() == text  # stable: written back the same
    assert f"様式 {data['id']}（grid_shifted.xlsx「報告書」）を登録しました" in result.output
    again = _confirm(proof, tmp_path / "様式")
    assert "同じ様式の前の登録（地域指導係 山田" in again.output


def test_a_confirmed_layout_reads_without_judgement_or_s3(tmp_path: Path) -> None:
    before = check_file(GRID, Options(Context(SETTINGS)))
    assert [f.code for f in before.reports[0].findings].count(UNCONFIRMED) == 1
    _confirm(_proof(GRID, tmp_path / "proofs"), tmp_path / "様式")
    after = check_file(GRID, _options(tmp_path / "様式"))
    got, judged = after.reports[0].report, before.reports[0].report
    assert got is not None and judged is not None
    assert got.reading is not None and got.reading.method == "confirmed"
    assert replace(got, reading=None) == replace(judged, reading=None)
    assert UNCONFIRMED not in {f.code for f in after.reports[0].findings}
    read = read_workbook(GRID.read_bytes(), GRID.name, layouts=load_layouts(tmp_path / "様式"))
    assert read.reports[0].method == "confirmed"


def test_a_confirmed_layout_is_not_accounted_cell_by_cell(tmp_path: Path) -> None:
    """Coverage measures reads by judgement: text the label reader leaves unread is named
    (I1.unread-text); read by the map HQ confirmed, the same sheet has no such finding."""
    book = tmp_path / GRID.name
    wb = openpyxl.load_workbook(GRID)
    wb["報告書"]["C34"] = "次回は10月に開催予定"
    wb.save(book)
    judged = check_file(book, Options(Context(SETTINGS)))
    assert "I1.unread-text" in {f.code for f in judged.reports[0].findings}
    _confirm(_proof(book, tmp_path / "proofs"), tmp_path / "様式")
    mapped = check_file(book, _options(tmp_path / "様式"))
    report = mapped.reports[0].report
    assert report is not None and report.reading is not None
    assert (report.reading.method, report.reading.coverage) == ("confirmed", None)
    codes = {f.code for f in mapped.reports[0].findings}
    assert not {"I1.unread-text", "I1.poor-coverage", UNCONFIRMED} & codes, codes


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("affiliation", "ZZ999", "「ZZ999」はシートの範囲（A1:AF33）の外です"),
        (
            "affiliation",
            "I6:V8",
            "（所属）: 「I6:V8」は12行目（報告者）の「I7:V7」と重なるセルです",
        ),
        ("venue", "I8", "協議会名）の「I8:V8」と重なるセルです"),
        ("affiliation", "B五", "「B五」をセル番地として読めません"),
        ("agenda_2_topic", "なし", "協議事項2（agenda_2_topic）の行がありません"),
    ],
)
def test_a_correction_that_cannot_stand_stops_with_the_row_named(
    tmp_path: Path, key: str, text: str, message: str
) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    _set(proof, key, text)
    if key == "agenda_2_topic":  # the whole printed row said to be no row
        for column in ("category", "remarks"):
            _set(proof, f"agenda_2_{column}", "なし")
    result = _confirm(proof, tmp_path / "様式")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "行目" in result.output or "の行がありません" in result.output
    assert not (tmp_path / "様式").exists() or not list((tmp_path / "様式").iterdir())


def test_keys_that_share_a_box_are_allowed(tmp_path: Path) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    for key in ("start_time", "end_time"):
        _set(proof, key, "I9:P9")  # 開催日時 in one box with its times
    assert _confirm(proof, tmp_path / "様式").exit_code == 0


def test_confirm_without_a_place_to_store_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    monkeypatch.chdir(tmp_path)
    result = _invoke("layout", "--confirm", proof)
    assert result.exit_code == 2
    assert "--layouts" in result.output
    report = _invoke("layout", "--confirm", GRID, "--layouts", tmp_path / "様式")
    assert report.exit_code == 2
    assert "読取確認のブックではありません" in report.output


def test_a_layout_the_reader_misreads_is_corrected_once_and_read_exactly(tmp_path: Path) -> None:
    """Three labels the reader does not know (担当署, 会合の日, 集会場所): the proof shows
    the date and the venue empty (the station beside 担当署 is read as a line above the
    form's body that names only a station, and said so); HQ writes their cells; the map
    reads this report and the next one exactly."""
    book, expected = _unknown_words(tmp_path / "会合報告.xlsx")
    checked = check_file(book, Options(Context(SETTINGS))).reports[0]
    before = checked.report
    assert before is not None and before.date.value is None
    assert before.affiliation.value == "東浜警察署"
    assert [str(f.cell) for f in checked.findings if f.code == "I1.sender-line"] == ["報告!B3"]
    proof = _proof(book, tmp_path / "proofs")
    corrected = correct_proof(proof, book, "報告", expected)
    assert corrected == 4  # 開催日時 and its two times, 開催場所
    assert _confirm(proof, tmp_path / "様式").exit_code == 0
    options = _options(tmp_path / "様式")
    first = check_file(book, options).reports[0]
    assert first.report is not None and first.report.to_json() == expected
    assert not {f.code for f in first.findings} & (WHERE_JUDGED | {UNCONFIRMED})
    layout = json.loads(next((tmp_path / "様式").glob("*.json")).read_text(encoding="utf-8"))
    second = make_variant(book, "報告", layout, expected, tmp_path / "二回目.xlsx")
    checked = check_file(second.path, options).reports[0]
    assert checked.report is not None and checked.report.to_json() == second.expected
    assert len(second.expected["agenda"]) != len(expected["agenda"])
    assert not {f.code for f in checked.findings} & (WHERE_JUDGED | {UNCONFIRMED})


def _unknown_words(path: Path) -> tuple[Path, dict[str, object]]:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = "報告"
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 16
    rows: list[tuple[int, str, str | None, str | None]] = [
        (1, "交番・駐在所連絡協議会開催結果報告書", None, None),
        (3, "担当署", "東浜警察署", None),
        (4, "報告者", "巡査部長　井上　学", None),
        (5, "協議会名", "東浜中央交番連絡協議会", None),
        (6, "施設名", "東浜中央交番", None),
        (7, "会合の日", "令和8年10月7日（水）14:00～15:00", None),
        (8, "集会場所", "東浜市民センター", None),
        (9, "出席者数", "警察官2人・民間10人", None),
        (10, "会議種別", "定期", None),
        (12, "区分", "協議事項", "備考"),
        (13, "交番等の活動状況", "年末の特別警戒", None),
        (14, "その他", "防犯カメラの設置場所", "自治会から"),
        (15, "", None, None),
        (17, "協議内容等", "特別警戒の期間と巡回の経路を確認した。", None),
        (19, "要望事項", "措置・回答", None),
        (20, "公園の照明の修理", "市の公園課に伝えた", None),
        (21, "", None, None),
        (23, "出席警察官名", "巡査部長　井上　学、巡査　林　大輔", None),
    ]
    for r, a, b, c in rows:
        for col, value in zip("ABC", (a, b, c), strict=True):
            if value:
                ws[f"{col}{r}"] = value
    wb.save(path)
    expected = {
        "affiliation": "東浜警察署", "reporter": "巡査部長 井上 学", "phone": None,
        "council_name": "東浜中央交番連絡協議会", "facility_name": "東浜中央交番",
        "date": "2026-10-07", "start_time": "14:00", "end_time": "15:00",
        "venue": "東浜市民センター", "police_attendees": 2, "civilian_attendees": 10,
        "meeting_type": "regular",
        "agenda": [
            {"category": "交番等の活動状況", "topic": "年末の特別警戒", "remarks": None},
            {"category": "その他", "topic": "防犯カメラの設置場所", "remarks": "自治会から"},
        ],
        "discussion": "特別警戒の期間と巡回の経路を確認した。",
        "requests": [{"request": "公園の照明の修理", "response": "市の公園課に伝えた"}],
        "reference": None, "officers": ["巡査部長 井上 学", "巡査 林 大輔"],
    }  # fmt: skip
    return path, expected


# --- recognition ----------------------------------------------------------------------------


def _copy_with(tmp_path: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(GRID)
    change(wb["報告書"])
    path = tmp_path / name
    wb.save(path)
    return path


def test_rows_deleted_inside_a_table_still_match(tmp_path: Path) -> None:
    _confirm(_proof(GRID, tmp_path / "proofs"), tmp_path / "様式")

    def delete_blank_agenda_row(ws: Worksheet) -> None:
        _delete_row(ws, 18)  # the printed そ の 他 row, left blank

    path = _copy_with(tmp_path, "一行少ない.xlsx", delete_blank_agenda_row)
    checked = check_file(path, _options(tmp_path / "様式")).reports[0]
    assert checked.report is not None
    assert checked.report.to_json() == expected_reports(GRID)["報告書"]
    assert UNCONFIRMED not in {f.code for f in checked.findings}


def test_a_row_deleted_above_a_field_only_resembles_and_says_what_moved(tmp_path: Path) -> None:
    _confirm(_proof(GRID, tmp_path / "proofs"), tmp_path / "様式")
    path = _copy_with(tmp_path, "一行削除.xlsx", lambda ws: _delete_row(ws, 5))
    checked = check_file(path, _options(tmp_path / "様式")).reports[0]
    codes = [f.code for f in checked.findings]
    assert UNCONFIRMED in codes  # read by judgement, as any unconfirmed layout
    (similar,) = [f for f in checked.findings if f.code == "S3.similar-layout"]
    assert "grid_shifted.xlsx「報告書」" in similar.message
    assert "「所属」C6→C5" in similar.message


def test_a_label_moved_is_another_layout(tmp_path: Path) -> None:
    _confirm(_proof(GRID, tmp_path / "proofs"), tmp_path / "様式")

    def move(ws: Worksheet) -> None:
        ws.unmerge_cells("C10:H10")
        ws["C10"] = None
        ws["C34"] = "開催場所"

    path = _copy_with(tmp_path, "ラベル移動.xlsx", move)
    read = read_workbook(path.read_bytes(), path.name, layouts=load_layouts(tmp_path / "様式"))
    assert read.reports[0].method == "labels"
    (note,) = [n for n in read.reports[0].notes if n.code == "S3.similar-layout"]
    assert "「開催場所」C10→C34" in dict(note.params)["moved"]


def _delete_row(ws: Worksheet, row: int) -> None:
    """Excel's Delete row: what is below moves up, merged boxes too."""
    from openpyxl.worksheet.cell_range import CellRange

    merges = list(ws.merged_cells.ranges)
    for m in merges:
        ws.merged_cells.remove(m)
    ws.delete_rows(row)
    for m in merges:
        if m.min_row == m.max_row == row:
            continue
        r0 = m.min_row - (m.min_row > row)
        r1 = m.max_row - (m.max_row >= row)
        ws.merged_cells.add(CellRange(min_col=m.min_col, min_row=r0, max_col=m.max_col, max_row=r1))


def test_layouts_cross_to_worker_processes_as_data(tmp_path: Path) -> None:
    _confirm(_proof(GRID, tmp_path / "proofs"), tmp_path / "様式")
    options = _options(tmp_path / "様式")
    assert pickle.loads(pickle.dumps(options)).layouts == options.layouts
    result = _invoke("check", GRID, "--layouts", tmp_path / "様式", "--as-of", "2026-11-25")
    assert "確認していない様式" not in result.output


def test_a_broken_map_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "様式"
    folder.mkdir()
    (folder / "L0000000000.json").write_text("{", encoding="utf-8")
    result = _invoke("check", GRID, "--layouts", folder)
    assert result.exit_code == 2
    assert "L0000000000.json" in result.output


# --- several reports on one sheet -------------------------------------------------------------


def test_a_layout_repeated_down_the_sheet_reads_each_report(tmp_path: Path) -> None:
    """Two forms one under the other: HQ confirms the first and says it repeats."""
    book, expected = _unknown_words(tmp_path / "一件目.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["報告"]
    for row in list(ws.iter_rows(min_row=1, max_row=23)):
        for cell in row:
            if cell.value is not None:
                ws.cell(cell.row + 30, cell.column).value = cell.value
    ws["B33"] = "西浜警察署"
    ws["A50"] = "防犯ボランティアの募集"
    stacked = tmp_path / "二件.xlsx"
    wb.save(stacked)
    proof = _proof(stacked, tmp_path / "proofs")
    correct_proof(proof, stacked, "報告", expected)
    wb = openpyxl.load_workbook(proof)
    ws = wb["読取結果"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "繰り返し":
                ws.cell(cell.row, cell.column + 2).value = "下へ 30行ごと"
    wb.save(proof)
    assert _confirm(proof, tmp_path / "様式").exit_code == 0
    result = check_file(stacked, _options(tmp_path / "様式"))
    records = [c.report.to_json() for c in result.reports if c.report is not None]
    assert [r["affiliation"] for r in records] == ["東浜警察署", "西浜警察署"]
    assert records[0] == expected
    assert records[1]["requests"][0]["request"] == "防犯ボランティアの募集"
    read = read_workbook(
        stacked.read_bytes(), stacked.name, layouts=load_layouts(tmp_path / "様式")
    )
    assert [r.area[0] for r in read.reports if r.area is not None] == [2, 32]


def test_an_unreadable_repeat_is_named(tmp_path: Path) -> None:
    proof = _proof(GRID, tmp_path / "proofs")
    wb = openpyxl.load_workbook(proof)
    ws = wb["読取結果"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "繰り返し":
                ws.cell(cell.row, cell.column + 2).value = "ときどき"
    wb.save(proof)
    result = _confirm(proof, tmp_path / "様式")
    assert result.exit_code == 2
    assert "「繰り返し」の「ときどき」を読めません" in result.output


# --- unconfirmed is visible -----------------------------------------------------------------

ABOVE = CORPUS / "layouts" / "above_wareki_short.xlsx"  # read cleanly but by judgement


def test_check_closing_line_counts_unconfirmed_layouts_by_station(tmp_path: Path) -> None:
    result = _invoke("check", GRID, ABOVE, "--as-of", "2026-11-25")
    closing = result.output.strip().splitlines()[-1]
    assert "確認していない様式 2件（北山警察署 1件、港北警察署 1件）" in closing
    as_json = _invoke("check", GRID, "--json", "--as-of", "2026-11-25")
    assert "確認していない様式 1件（港北警察署 1件）" in as_json.output


def test_the_copy_returned_to_a_station_never_mentions_how_hq_read_it(tmp_path: Path) -> None:
    # A copy goes back only for what the station must correct: a blank 開催場所 is, the
    # unanswered request is not, and how HQ read the sheet (S3) never is — even when HQ's
    # settings make it an error.
    wb = openpyxl.load_workbook(GRID)
    wb["報告書"]["I10"] = None
    grid = tmp_path / "受信" / GRID.name
    grid.parent.mkdir()
    wb.save(grid)
    settings = tmp_path / "設定.toml"
    settings.write_text('[rules.severity]\n"S3.unconfirmed-layout" = "error"\n', encoding="utf-8")
    for n, extra in enumerate(((), ("--config", settings))):
        out = tmp_path / f"返却{n}"
        result = _invoke(
            "check", grid, ABOVE, "--feedback-dir", out, *extra, "--as-of", "2026-11-25"
        )
        assert result.exit_code == (1 if extra else 0), result.output
        copies = list(out.rglob("*.xlsx"))
        assert [c.name for c in copies] == ["grid_shifted.xlsx"]  # above_wareki_short: only S3
        wb = openpyxl.load_workbook(copies[0])
        rows = [[c.value for c in row] for row in wb["確認事項"].iter_rows()]
        text = " ".join(str(v) for row in rows for v in row if v)
        assert "「開催場所」が記入されていません" in text
        assert "措置・回答が記入されていません" not in text
        assert "確認していない様式" not in text and "kyogikai layout" not in text


def test_the_summary_says_how_many_reports_came_from_unconfirmed_layouts(tmp_path: Path) -> None:
    out = tmp_path / "集計.xlsx"
    result = _invoke("summary", GRID, "--period", "2026-09", "-o", out, "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert _overview_row(out) == ("確認していない様式で読んだ報告書", 1, "港北警察署 1件")
    _confirm(_proof(GRID, tmp_path / "proofs"), tmp_path / "様式")
    again = tmp_path / "集計2.xlsx"
    args = ("--layouts", tmp_path / "様式", "--as-of", "2026-11-25")
    assert _invoke("summary", GRID, "--period", "2026-09", "-o", again, *args).exit_code == 0
    assert _overview_row(again) is None  # none left: no row on a full page


def _overview_row(path: Path) -> tuple[object, object, object] | None:
    ws = openpyxl.load_workbook(path)["概況"]
    for row in ws.iter_rows(values_only=True):
        if row[0] == "確認していない様式で読んだ報告書":
            return row[0], row[1], row[4]
    return None


def test_month_writes_and_lists_the_proofs_of_its_unconfirmed_layouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.chdir(tmp_path)
    assert _invoke("init", "本部").exit_code == 0
    shutil.copy(GRID, tmp_path / "本部" / "受信" / GRID.name)
    monkeypatch.chdir(tmp_path / "本部")
    first = _invoke("month", "2026-09", "--as-of", "2026-11-25")
    assert first.exit_code == 0, first.output
    proof = Path("出力/読取確認_2026-09/grid_shifted（報告書）_読取確認.xlsx")
    assert proof.exists()
    assert "令和8年9月の報告書 1件は、確認していない様式から" in first.output
    assert str(proof) in first.output
    # confirmed in the working folder's 様式 (no --layouts): read by its map from now on
    confirmed = _invoke("layout", "--confirm", proof)
    assert confirmed.exit_code == 0, confirmed.output
    assert len(list(Path("様式").glob("*.json"))) == 1
    # the same file again: read by the confirmed layout, so no proof to look at; the
    # ledger keeps the reading it stored the first time (1 report read by judgement)
    second = _invoke("month", "2026-09", "--as-of", "2026-11-25")
    assert second.exit_code == 0, second.output
    assert "読取確認:" not in second.output and "確認していない様式から" not in second.output
    # a later report in that layout: read by its map, counted as confirmed
    later = Path("受信") / "10月分.xlsx"
    wb = openpyxl.load_workbook(GRID)
    wb["報告書"]["I9"] = date(2026, 10, 8)
    wb.save(later)
    third = _invoke("month", "2026-10", "--as-of", "2026-11-25")
    assert "確認していない様式" not in third.output
    assert _overview_row(Path("出力/集計_2026-10.xlsx")) is None  # none unconfirmed


def test_month_lists_the_proofs_beside_the_meetings_reported_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The samples' planted duplicate (R7, for HQ to settle) and a report in a layout not
    # confirmed: 次にすること names both the pair and the proof, each a step of its own.
    import shutil

    samples = CORPUS.parent.parent / "samples"
    monkeypatch.chdir(tmp_path)
    assert _invoke("init", "本部").exit_code == 0
    root = tmp_path / "本部"
    shutil.copyfile(samples / "registry.xlsx", root / "協議会名簿.xlsx")
    shutil.copytree(samples / "reports" / "南浜警察署", root / "受信" / "南浜警察署")
    wb = openpyxl.load_workbook(GRID)
    wb["報告書"]["I9"] = date(2026, 10, 8)
    wb.save(root / "受信" / GRID.name)
    monkeypatch.chdir(root)
    result = _invoke("month", "2026-10", "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    steps = re.split(r"\n\s*\d+\. ", result.output[result.output.index("次にすること:") :])
    (pair,) = [s for s in steps if s.startswith("同じ会議の報告書が2件以上あり")]
    assert "2026-08-01_浜通り交番連絡協議会_2.xlsx" in pair
    assert "kyogikai settle --keep" in pair
    (proof,) = [s for s in steps if s.startswith("令和8年10月の報告書 1件は、確認していない様式")]
    assert str(Path("出力/読取確認_2026-10/grid_shifted（報告書）_読取確認.xlsx")) in proof


def test_the_months_proofs_are_a_step_redone_after_a_failure_and_never_overwrite_corrections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from toolkit.ledger import Ledger
    from toolkit.ledger.steps import DONE, FAILED, PROOF

    def proof_steps() -> list[tuple[str, str | None]]:
        with Ledger.open(Path("台帳/台帳.db")) as ledger:
            steps = ledger.steps(str(Path.cwd().resolve()), kinds=[PROOF])
        return [(s.state, s.output) for s in steps if s.period == "2026-09"]

    monkeypatch.chdir(tmp_path)
    assert _invoke("init", "本部").exit_code == 0
    shutil.copy(GRID, tmp_path / "本部" / "受信" / GRID.name)
    monkeypatch.chdir(tmp_path / "本部")
    folder = Path("出力/読取確認_2026-09")
    folder.write_bytes(b"")  # a file where the month's proofs go: the step fails
    first = _invoke("month", "2026-09", "--as-of", "2026-11-25")
    assert first.exit_code == 3, first.output
    assert "読取確認を作れませんでした" in first.output
    assert proof_steps()[0][0] == FAILED
    folder.unlink()
    second = _invoke("month", "2026-09", "--as-of", "2026-11-25")
    assert second.exit_code == 0, second.output
    proof = folder / "grid_shifted（報告書）_読取確認.xlsx"
    assert str(proof) in second.output
    assert proof_steps() == [(DONE, str(folder.resolve()))]
    # HQ begins to correct the proof; the month run again lists it and leaves it as it is
    _set(proof, "venue", "B5")
    third = _invoke("month", "2026-09", "--as-of", "2026-11-25")
    assert third.exit_code == 0, third.output
    assert str(proof) in third.output
    ws = openpyxl.load_workbook(proof)["読取結果"]
    assert ws.cell(proof_rows(ws).rows["venue"][0], 5).value == "B5"


# --- on paper -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "book",
    [
        GRID,
        CORPUS / "round2_shapes" / "textbox_values_xls.xls",
        # a register 15 columns wide: its copy prints on its side over two pages
        CORPUS / "blind" / "川北署地域課_上半期開催状況とりまとめ.xlsx",
    ],
    ids=lambda p: p.name,
)
def test_a_proof_prints_legibly_on_a4(book: Path, tmp_path: Path) -> None:
    from printed import page_type_sizes, to_pdf

    proof = _proof(book, tmp_path / "proofs")
    pages = page_type_sizes(to_pdf(proof, tmp_path / "pdf"))
    assert pages, "nothing printed"
    assert pages[0][1].startswith("読取確認")
    assert all(size >= 8.0 for size, _ in pages), pages


def test_the_proof_says_where_its_table_to_match_is_and_that_it_does_not_print(
    tmp_path: Path,
) -> None:
    from toolkit.excel.proofsheet import IDENT_TITLE

    ws = openpyxl.load_workbook(_proof(GRID, tmp_path / "proofs"))["読取結果"]
    text = "".join(str(c.value) for c in ws["A"] if isinstance(c.value, str))
    assert "G列から右にある照合用の表（画面で見るための表で、印刷はされません）" in text
    assert "右の照合用" not in text
    titles = [c.coordinate for row in ws.iter_rows() for c in row if c.value == IDENT_TITLE]
    assert len(titles) == 1 and titles[0].startswith("G")
    assert re.search(r"\$A\$1:\$E\$\d+$", str(ws.print_area)), ws.print_area


def test_proofs_are_recorded_outputs_that_retention_deletes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock_at: Callable[[date], None]
) -> None:
    # A proof holds a copy of the station's sheet: written by `month` or by `layout` in a
    # working folder, it is recorded in the ledger like every other output, and retention
    # lists it, then deletes it, once its period is over.
    import shutil

    clock_at(date(2026, 11, 25))
    monkeypatch.chdir(tmp_path)
    assert _invoke("init", "本部").exit_code == 0
    shutil.copy(GRID, tmp_path / "本部" / "受信" / GRID.name)
    monkeypatch.chdir(tmp_path / "本部")
    month = _invoke("month", "2026-09", "--as-of", "2026-11-25")
    assert month.exit_code == 0, month.output
    by_month = Path("出力/読取確認_2026-09/grid_shifted（報告書）_読取確認.xlsx")
    by_layout = _proof(GRID, Path("確認用")).resolve()
    assert by_month.exists() and by_layout.exists()
    kept = _invoke("retention", "--as-of", "2028-03-31")
    assert kept.exit_code == 0, kept.output
    assert "読取確認" not in kept.output  # within its period (written in FY2026)
    clock_at(date(2028, 4, 1))
    listed = _invoke("retention", "--as-of", "2028-04-01")
    assert listed.exit_code == 0, listed.output
    lines = [line for line in listed.output.splitlines() if "読取確認" in line]
    assert len(lines) == 2, listed.output
    assert any(str(by_month.resolve()) in line for line in lines), lines
    assert any(str(by_layout) in line for line in lines), lines
    assert by_month.exists() and by_layout.exists()  # listed only, without --apply
    applied = _invoke("retention", "--as-of", "2028-04-01", "--apply")
    assert applied.exit_code == 0, applied.output
    assert not by_month.exists() and not by_layout.exists()


def test_a_proof_outside_a_working_folder_is_written_without_a_ledger(tmp_path: Path) -> None:
    proof = _proof(GRID, tmp_path / "確認")
    assert output_kind(proof) == "proof"
    assert not list(tmp_path.rglob("*.db")) and not list(tmp_path.rglob("*.sqlite"))


def test_codes_of_a_confirmed_layout_are_read_through_the_legend_printed_on_the_sheet(
    tmp_path: Path,
) -> None:
    # 西山署 writes 区分 as 1–4 and prints what they mean under the table: the proof names
    # the legend's cell, the map keeps it, and a later report's codes go through it.
    book = CORPUS / "blind" / "西山署_山田駐在所_R8-07-15.xlsx"
    proof = _proof(book, tmp_path / "proofs")
    ws = openpyxl.load_workbook(proof)["読取結果"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_col=7, max_col=9)]
    assert ["区分の凡例", "A17:AH17"] in [r[:2] for r in rows]
    assert _confirm(proof, tmp_path / "様式").exit_code == 0
    (stored,) = (tmp_path / "様式").glob("*.json")
    assert json.loads(stored.read_text(encoding="utf-8"))["legend"] == ["A17:AH17"]
    later = tmp_path / "later.xlsx"
    wb = openpyxl.load_workbook(book)
    wb["様式"]["A13"] = "3"  # was 2
    wb["様式"]["A14"] = 4  # was 1, now typed as a number
    wb.save(later)
    (checked,) = check_file(later, _options(tmp_path / "様式")).reports
    assert checked.report is not None
    record = checked.report.to_json()
    assert [a["category"] for a in record["agenda"]] == ["地域の祭礼等の催事・行事", "その他"]
    assert (
        read_workbook(later.read_bytes(), later.name, layouts=_options(tmp_path / "様式").layouts)
        .reports[0]
        .method
        == "confirmed"
    )
    assert not WHERE_JUDGED & {f.code for f in checked.findings}


def test_a_proof_lists_requests_written_as_labelled_rows_down_the_side(tmp_path: Path) -> None:
    """「要望①」 | request, 「回答」 | answer, one row each under a heading down the side:
    every request and answer box is a row of the proof, the answer box left empty too."""
    book = CORPUS / "blind2" / "宮ノ原駅前交番_連絡協議会報告書.xlsx"
    proof = _proof(book, tmp_path / "proofs")
    rows = proof_rows(openpyxl.load_workbook(proof)["読取結果"]).rows
    got = {
        k: (cell, value)
        for k, (_r, cell, value) in rows.items()
        if "request" in k or "response" in k
    }
    assert got == {
        "request_1": ("C27:D27", "見通しの悪い交差点へのカーブミラーの設置"),
        "response_1": ("C28:D28", "町内会から市へ申請するよう助言した"),
        "request_2": ("C29:D29", "スクールゾーンの速度規制"),
        "response_2": ("C30:D30", ""),
    }
