"""Reader bugs found by fuzzing (tests/test_fuzz.py), each pinned by the smallest input."""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from python_calamine import CalamineError

from toolkit.check import Options, check_paths
from toolkit.excel import liberrors
from toolkit.excel.guard import Unreadable, read_member, sniff
from toolkit.parse import build_report
from toolkit.reading import book as book_module
from toolkit.reading import read as read_module
from toolkit.reading.grid import Grid
from toolkit.reading.labelread import find_hits, read_labelled
from toolkit.reading.read import read_workbook
from toolkit.rules import Context
from toolkit.settings import Settings
from toolkit.writing.template import Prefill, template_bytes

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import make_hostile as mh

ASCII_WORDS = re.compile(r"[a-z]{3,}")  # English words; XML or ZIP may stay


# --- a zip member whose header offset lies before the start of the file -----------------


@pytest.mark.parametrize("maker", [mh.stored, mh.deflated])
def test_member_before_the_start_of_the_file_is_corrupt(maker: object) -> None:
    # Bytes cut out of the first member shift the central directory: zipfile then puts that
    # member at offset -100, and seeking there raised ValueError (F1.crashed in a run).
    data = mh.zip_bytes([maker("a.xml", os.urandom(300)), mh.stored("b.xml", b"<b/>")])  # type: ignore[operator]
    cut = data[:60] + data[160:]
    with zipfile.ZipFile(io.BytesIO(cut)) as zf:
        assert zf.getinfo("a.xml").header_offset < 0
        with pytest.raises(Unreadable) as info:
            read_member(zf, "a.xml")
    assert info.value.code == "F1.corrupt"
    assert "a.xml" in info.value.detail


def test_opendocument_with_bytes_cut_from_its_mimetype_is_corrupt() -> None:
    book = mh.ods(mh.NORMAL_ODS_BODY)
    with pytest.raises(Unreadable) as info:
        sniff(book[:40] + book[60:], "cut.ods")
    assert info.value.code == "F1.corrupt"
    assert "mimetype" in info.value.detail


# --- an agenda table whose 区分 header is missing ----------------------------------------


def test_agenda_table_without_its_category_header_is_read() -> None:
    # The table's first column (区分) had no header: its empty cells pointed at the header
    # of 区分 and raised KeyError.
    rows = [
        ["所属", "中央警察署", ""],
        ["協議会名", "駅前交番連絡協議会", ""],
        ["開催日時", "令和8年10月15日", ""],
        ["会議種別", "定期", ""],
        ["", "協議事項", "備考"],
        ["", "交通安全について", "次回も続ける"],
        ["協議内容等", "街頭活動を確認した。", ""],
    ]
    grid = Grid("報告書", rows)
    raw = read_labelled(grid, find_hits(grid))
    ((category, topic, remarks),) = raw.agenda
    assert (category.value, str(category.cell)) == (None, "報告書!B6")
    assert (topic.value, str(topic.cell)) == ("交通安全について", "報告書!B6")
    assert (remarks.value, str(remarks.cell)) == ("次回も続ける", "報告書!C6")
    report = build_report(raw)
    assert report.agenda[0].topic.value == "交通安全について"


# --- calamine panics on a time of -1e308 ---------------------------------------------------


def _template_with(key: str, value: object) -> bytes:
    prefill = Prefill("C001", "中央警察署", "駅前交番", "駅前交番連絡協議会")
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(prefill)))
    ((sheet, ref),) = list(wb.defined_names[key].destinations)
    wb[sheet][ref.replace("$", "")].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")
def test_time_cell_calamine_cannot_convert_is_read_by_the_window() -> None:
    # python-calamine panics (PanicException, a BaseException) converting -1e308 in an
    # h:mm cell; the sheet is read through openpyxl instead, which gives an error value.
    book = read_workbook(_template_with("start_time", -1e308), "t.xlsx")
    (raw,) = book.reports
    assert raw.fields["start_time"][0].value == "#VALUE!"
    assert raw.fields["affiliation"][0].value == "中央警察署"  # the rest of the sheet is there
    report = build_report(raw)
    assert report.start_time.value is None
    assert report.start_time.raw == "#VALUE!"
    assert report.start_time.cell == raw.fields["start_time"][0].cell


def test_panic_in_a_library_call_is_a_corrupt_file() -> None:
    class PanicException(BaseException):  # the name pyo3 gives a Rust panic
        pass

    with pytest.raises(Unreadable) as info, liberrors.library_errors():
        raise PanicException("TimeDelta::milliseconds out of bounds")
    assert info.value.code == "F1.corrupt"
    assert not ASCII_WORDS.search(info.value.detail)


def test_other_base_exceptions_pass_through_library_calls() -> None:
    with pytest.raises(KeyboardInterrupt), liberrors.library_errors():
        raise KeyboardInterrupt


@pytest.mark.parametrize(
    "error",
    [
        AttributeError("'CalamineSheet' object has no attribute 'merged_cell_ranges'"),
        TypeError("to_python() got an unexpected keyword argument 'skip_empty_area'"),
        ImportError("cannot import name 'SheetVisibleEnum'"),
    ],
)
def test_a_reader_without_our_api_is_not_a_broken_file(error: Exception) -> None:
    """An older or newer python-calamine than the one declared is the program's problem:
    stations must not be told to send good workbooks again."""
    with pytest.raises(type(error)), liberrors.library_errors():
        raise error


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the patch reaches forked workers only")
def test_a_reader_without_our_api_is_a_program_error_in_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def old_calamine(*_: object) -> None:
        raise AttributeError("'CalamineSheet' object has no attribute 'merged_cell_ranges'")

    monkeypatch.setattr(read_module, "_calamine_grid", old_calamine)
    monkeypatch.setenv("KYOGIKAI_START_METHOD", "fork")
    path = tmp_path / "good.xlsx"
    path.write_bytes(mh.normal_xlsx())
    (result,) = check_paths([path], Options(Context(Settings())))
    (finding,) = result.reports[0].findings
    assert finding.code == "F1.program-error"
    assert "再提出は不要" in finding.message
    assert result.notes == [
        "技術情報: AttributeError: 'CalamineSheet' object has no attribute 'merged_cell_ranges'"
    ]


def test_what_openpyxl_raises_on_a_files_contents_is_a_broken_file() -> None:
    """openpyxl builds its objects from the file's XML attributes: one it does not know is
    a TypeError raised inside openpyxl, not where we call it (found by fuzzing)."""
    from openpyxl.packaging.workbook import ChildSheet

    sheet = ElementTree.fromstring('<sheet name="a" sheetId="1" kyogikaiFuzz="1"/>')
    with pytest.raises(Unreadable) as info, liberrors.library_errors():
        ChildSheet.from_tree(sheet)
    assert info.value.code == "F1.corrupt"


@pytest.mark.parametrize(
    "error",
    [
        CalamineError("XmlError: unexpected end of file"),
        ValueError("1 must be greater than 2"),
        zipfile.BadZipFile("Bad CRC-32"),
        zlib.error("Error -3 while decompressing data"),
        KeyError("There is no item named 'xl/worksheets/sheet1.xml' in the archive"),
        IndexError("list index out of range"),  # openpyxl: a style the stylesheet lacks
    ],
)
def test_the_readers_own_errors_are_a_broken_file(error: Exception) -> None:
    with pytest.raises(Unreadable) as info, liberrors.library_errors():
        raise error
    assert info.value.code == "F1.corrupt"


# --- library errors are told in Japanese; our own bugs are not passed off as broken files ---


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Cannot detect file format", "ファイルの構造"),
        ("Range is missing the expected row component.", "セル番地"),
        ("Expecting 'v, f, or is' node", "XML"),
        ("Parse float error: invalid float literal", "数値"),
        ("cannot decode input using UTF-8: invalid utf-8 sequence of 1 bytes", "文字コード"),
        ("RgbColor.__init__() got an unexpected keyword argument 'x'", "読み取りに失敗"),
    ],
)
def test_library_error_text_is_not_shown_to_the_user(text: str, words: str) -> None:
    exc = liberrors.explained(ValueError(text))
    assert exc.code == "F1.corrupt"
    assert words in exc.detail
    assert not ASCII_WORDS.search(exc.detail), exc.detail


def test_broken_number_in_a_sheet_is_corrupt_in_japanese() -> None:
    book = mh.normal_xlsx(extra_rows='<row r="61"><c r="A61" t="n"><v>abc</v></c></row>')
    with pytest.raises(Unreadable) as info:
        read_workbook(book, "n.xlsx")
    assert info.value.code == "F1.corrupt"
    assert "数値" in info.value.detail
    assert not ASCII_WORDS.search(info.value.detail)


def test_an_error_in_our_own_reading_code_is_not_called_a_broken_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def bug(*_: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(book_module, "_read_units", bug)
    with pytest.raises(IndexError):
        read_workbook(mh.normal_xlsx(), "n.xlsx")
