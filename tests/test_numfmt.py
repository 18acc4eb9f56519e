"""What a cell shows: number formats rendered (toolkit.reading.numfmt) and found in the
workbook (toolkit.reading.shown), end to end through the reader."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.parse import build_report
from toolkit.reading.numfmt import render, shown_text, shows_date, shows_time
from toolkit.reading.read import read_workbook
from toolkit.reading.shown import parse_styles

CORPUS = Path(__file__).parent / "corpus" / "round2_cells"


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (215, "0000", "0215"),
        (7105, "0000", "7105"),
        (1234567, "000-0000", "123-4567"),
        (0, "00", "00"),
        (5, "00", "05"),
        (3, '0"人"', "3人"),
        (1234, '#,##0"人"', "1,234人"),
        (8, '"令和"0"年"', "令和8年"),
        (3.14159, "0.00", "3.14"),
        (2.5, "0", "3"),  # Excel rounds half away from zero
        (0.25, "0%", "25%"),
        (-5, "0;(0)", "(5)"),
        (-5, "0", "-5"),
        (5, ";;;", ""),  # hidden
        (15, 'd"日"', "15日"),
        (date(1900, 1, 15), 'd"日"', "15日"),
        (46310, '[$-411]ggge"年"m"月"d"日"', "令和8年10月15日"),
        (46310, "ge.m.d", "R8.10.15"),
        (43586, '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"', "令和元年5月1日"),
        (43586, '[$-411]ggge"年"m"月"d"日"', "令和1年5月1日"),
        (46310, 'yyyy"年"m"月"d"日"(aaa)', "2026年10月15日(木)"),
        (datetime(2026, 10, 15, 14, 5), "yyyy/m/d h:mm", "2026/10/15 14:05"),
        (14 / 24, 'h"時"mm"分"', "14時00分"),
        (14.5 / 24, "h:mm AM/PM", "2:30 PM"),
        (14.5 / 24, "[$-411]h:mm AM/PM", "2:30 午後"),
        (time(9, 5), "hh:mm", "09:05"),
        (7105, '"内線"0', "内線7105"),
    ],
)
def test_render(value: object, code: str, shown: str) -> None:
    assert render(value, code) == shown


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (215, "General"),
        (215, "@"),
        (215, None),
        (1.5e10, "0.00E+00"),  # exponents: not rendered
        (0.5, "# ?/?"),  # fractions: not rendered
        (5, "[>=100]0;0"),  # conditions: not rendered
        (1.5, "[h]:mm"),  # elapsed time: not rendered
        (True, "0000"),
        ("text", "0000"),
    ],
)
def test_formats_left_alone(value: object, code: str | None) -> None:
    assert render(value, code) is None


def test_shown_text_reads_numbers_and_early_dates_through_the_format() -> None:
    assert shown_text(215.0, "0000") == "0215"
    assert shown_text(date(1900, 1, 12), 'd"日"') == "12日"
    assert shown_text(215.0, "General") is None
    assert shown_text("0215", "0000") is None


def test_a_time_the_format_hides_is_not_read() -> None:
    typed = datetime(2026, 10, 20, 9, 41)
    assert shown_text(typed, "yyyy/m/d") == "2026-10-20"
    assert shown_text(typed, '[$-411]ggge"年"m"月"d"日"') == "2026-10-20"
    assert shown_text(typed, "yyyy/m/d h:mm") is None  # shown: the time is meant
    assert shown_text(datetime(2026, 10, 20), "yyyy/m/d") is None


@pytest.mark.parametrize(
    ("code", "has_date", "has_time"),
    [
        ("yyyy/m/d", True, False),
        ("h:mm", False, True),
        ("mm:ss", False, True),
        ('m"月"d"日"', True, False),
        ("yyyy/m/d h:mm", True, True),
        ("[$-411]ge.m.d", True, False),
    ],
)
def test_shows_date_and_time(code: str, has_date: bool, has_time: bool) -> None:
    assert (shows_date(code), shows_time(code)) == (has_date, has_time)


def test_parse_styles_reads_custom_and_builtin_codes() -> None:
    styles = (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<numFmts count="2"><numFmt numFmtId="164" formatCode="0000"/>'
        b'<numFmt numFmtId="165" formatCode="0&quot;\xe4\xba\xba&quot;"/></numFmts>'
        b'<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
        b'<xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    assert parse_styles(styles) == ["General", "0000", '0"人"', "yyyy/m/d"]
    assert parse_styles(b"<styleSheet/>") == []


def _labelled_book(phone: object, phone_format: str | None) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("報告")
    fmt = wb.add_format({"num_format": phone_format}) if phone_format else None
    rows = [
        ("所属", "中央警察署"),
        ("協議会名", "駅前交番連絡協議会"),
        ("開催日時", "令和8年10月15日"),
        ("会議種別", "定期"),
        ("協議内容等", "確認した。"),
    ]
    for i, (label, value) in enumerate(rows):
        ws.write(i, 0, label)
        ws.write(i, 1, value)
    ws.write(5, 0, "警電")
    ws.write(5, 1, phone, fmt)
    wb.close()
    return out.getvalue()


def test_a_phone_is_read_as_it_is_shown() -> None:
    (raw,) = read_workbook(_labelled_book(215, "0000"), "a.xlsx").reports
    assert build_report(raw).phone.value == "0215"
    (raw,) = read_workbook(_labelled_book(215, None), "b.xlsx").reports
    assert build_report(raw).phone.value == "215"


def test_an_ods_cell_is_read_as_the_file_shows_it() -> None:
    data = (CORPUS / "formats_change_meaning_ods.ods").read_bytes()
    (raw,) = read_workbook(data, "f.ods").reports
    report = build_report(raw)
    assert report.phone.value == "0215"
    assert report.start_time.value == time(18, 0)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**12), 10**12)),
    st.text(alphabet='0#?.,%;"@[]$-hmsdyegaAMP/\\_* 年月日人', max_size=20),
)
def test_render_never_raises(value: float, code: str) -> None:
    shown = render(value, code)
    assert shown is None or isinstance(shown, str)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(0, 10**8), st.integers(1, 10))
def test_zero_padding_keeps_every_digit(number: int, width: int) -> None:
    assert render(number, "0" * width) == str(number).zfill(width)
