"""FastFiller: a filled template reads back with exactly the values written."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.writing import template as t
from toolkit.writing.fill import FastFiller

SHEET_PART = "xl/worksheets/sheet1.xml"
META_PART = "xl/worksheets/sheet3.xml"  # after the form (sheet1) and its 続紙 (sheet2)
CUSTOM_PART = "docProps/custom.xml"

VALUES: dict[str, object] = {
    "affiliation": "中央警察署",
    "reporter": "巡査部長 山田太郎",
    "phone": "0123",
    "council_name": "駅前交番連絡協議会",
    "facility_name": "駅前交番",
    "date": date(2026, 10, 15),
    "start_time": time(14, 0),
    "end_time": time(15, 30),
    "venue": "駅前公民館",
    "police_attendees": 3,
    "civilian_attendees": 11,
    "meeting_type": "定期会議",
    "agenda_1_category": "交番等の活動状況",
    "agenda_1_topic": "上半期の交番活動について",
    "agenda_1_remarks": "資料1",
    "agenda_2_category": "地域住民等に身近な事件・事故等の発生状況",
    "agenda_2_topic": "自転車盗難 & <防犯> 登録の促進",
    "discussion": "一行目\n二行目\n\n  字下げした四行目  ",
    "request_1": '=HYPERLINK("http://example.com","リンク")',
    "response_1": "=1+1",
    "request_2": "街灯の増設",
    "reference": "写真２枚",
    "officers": "巡査部長 山田太郎、巡査 鈴木一郎",
    "attachment": "1.5",
}


@pytest.fixture(scope="module")
def blank() -> bytes:
    return t.template_bytes()


@pytest.fixture(scope="module")
def filler(blank: bytes) -> FastFiller:
    return FastFiller(blank)


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def cell_of(wb: openpyxl.Workbook, name: str) -> Any:
    ((sheet, ref),) = list(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")]


def read(wb: openpyxl.Workbook, name: str) -> object:
    value = cell_of(wb, name).value
    # openpyxl reads every date cell back as a datetime.
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_values_read_back_exactly(filler: FastFiller) -> None:
    wb = load(filler.fill(VALUES))
    assert {key: read(wb, key) for key in VALUES} == VALUES


def test_text_starting_with_equals_stays_text(filler: FastFiller) -> None:
    wb = load(filler.fill(VALUES))
    for key in ("request_1", "response_1"):
        cell = cell_of(wb, key)
        assert cell.data_type == "s"
        assert cell.value == VALUES[key]
    assert b"<f>" not in members(filler.fill(VALUES))[SHEET_PART]


def test_numbers_dates_and_times_are_numbers_in_their_formats(filler: FastFiller) -> None:
    wb = load(filler.fill(VALUES))
    assert cell_of(wb, "date").number_format == t.DATE_FORMAT
    assert cell_of(wb, "start_time").number_format == "h:mm"
    assert cell_of(wb, "police_attendees").data_type == "n"
    assert cell_of(wb, "attachment").data_type == "s"  # "1.5" given as text stays text


def test_datetime_and_float_values(filler: FastFiller) -> None:
    wb = load(filler.fill({"date": datetime(2026, 10, 15, 14, 30), "police_attendees": 2.5}))
    assert cell_of(wb, "date").value == datetime(2026, 10, 15, 14, 30)
    assert cell_of(wb, "police_attendees").value == 2.5


def test_none_and_empty_text_clear_a_cell(filler: FastFiller) -> None:
    last = f"agenda_{t.AGENDA_ROWS}_category"
    wb = load(filler.fill({last: None, "reporter": ""}))
    assert cell_of(wb, last).value is None
    assert cell_of(wb, "reporter").value is None


def test_unfilled_cells_keep_the_template_values(filler: FastFiller) -> None:
    wb = load(filler.fill({"reporter": "巡査 鈴木一郎"}))
    assert cell_of(wb, f"agenda_{t.AGENDA_ROWS}_category").value == "その他"
    assert cell_of(wb, "affiliation").value is None


def style(cell: Any) -> tuple[Any, ...]:
    return (
        cell.number_format,
        cell.font.name,
        cell.font.sz,
        cell.fill.fgColor.rgb,
        cell.protection.locked,
        cell.alignment.wrap_text,
        cell.border.left.style,
    )


def test_styles_are_kept(blank: bytes, filler: FastFiller) -> None:
    before, after = load(blank), load(filler.fill(VALUES))
    for key in filler.names:
        assert style(cell_of(after, key)) == style(cell_of(before, key)), key


def test_every_other_member_is_byte_identical(blank: bytes, filler: FastFiller) -> None:
    original, filled = members(blank), members(filler.fill(VALUES, council_id="CK-1"))
    assert list(filled) == list(original)
    changed = {name for name in original if original[name] != filled[name]}
    assert changed == {SHEET_PART, META_PART, CUSTOM_PART}


def test_merges_validations_and_protection_survive(blank: bytes, filler: FastFiller) -> None:
    before, after = load(blank)[t.TEMPLATE_SHEET], load(filler.fill(VALUES))[t.TEMPLATE_SHEET]
    assert sorted(map(str, after.merged_cells.ranges)) == sorted(
        map(str, before.merged_cells.ranges)
    )
    assert len(after.data_validations.dataValidation) == len(before.data_validations.dataValidation)
    assert after.protection.sheet
    assert after.print_area == before.print_area


def test_council_id_goes_to_meta_and_properties(filler: FastFiller) -> None:
    wb = load(filler.fill({}, council_id="CK-0042 <&>"))
    assert wb[t.META_SHEET]["B2"].value == "CK-0042 <&>"
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props == {
        "kyogikai_template_version": t.TEMPLATE_VERSION,
        "kyogikai_council_id": "CK-0042 <&>",
    }
    assert wb[t.META_SHEET]["B1"].value == t.TEMPLATE_VERSION


def test_council_id_of_a_prefilled_template_is_replaced_or_cleared() -> None:
    filler = FastFiller(t.template_bytes(t.Prefill(council_id="OLD", affiliation="中央警察署")))
    assert load(filler.fill({}, council_id="NEW"))[t.META_SHEET]["B2"].value == "NEW"
    cleared = load(filler.fill({}))
    assert cleared[t.META_SHEET]["B2"].value is None
    assert cell_of(cleared, "affiliation").value == "中央警察署"


def test_names_are_the_template_contract(filler: FastFiller) -> None:
    wb = load(t.template_bytes())
    assert filler.names == frozenset(wb.defined_names.keys())


def test_unknown_key_is_a_key_error(filler: FastFiller) -> None:
    with pytest.raises(KeyError):
        filler.fill({"no_such_field": "x"})


@pytest.mark.parametrize(
    ("value", "error"),
    [(True, TypeError), ([1], TypeError), (float("nan"), ValueError), ("a\x01b", ValueError)],
)
def test_values_excel_cannot_hold_are_refused(
    filler: FastFiller, value: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        filler.fill({"venue": value})


def test_fill_by_names_gives_the_same_values(
    tmp_path: Path, blank: bytes, filler: FastFiller
) -> None:
    src, dst = tmp_path / "blank.xlsx", tmp_path / "filled.xlsx"
    src.write_bytes(blank)
    t.fill_by_names(src, dst, VALUES)
    slow, fast = load(dst.read_bytes()), load(filler.fill(VALUES))
    for key in filler.names:
        assert read(slow, key) == read(fast, key), key
        assert cell_of(slow, key).data_type == cell_of(fast, key).data_type, key
        assert style(cell_of(slow, key)) == style(cell_of(fast, key)), key
    assert src.read_bytes() == blank


def test_fill_by_names_refuses_unknown_names(tmp_path: Path, blank: bytes) -> None:
    src = tmp_path / "blank.xlsx"
    src.write_bytes(blank)
    with pytest.raises(KeyError):
        t.fill_by_names(src, tmp_path / "out.xlsx", {"nope": 1})
    assert not (tmp_path / "out.xlsx").exists()


# Text an officer can type: anything but control characters (line breaks aside) and the two
# non-characters XML cannot carry.
TYPED = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff")
    | st.just("\n"),
    max_size=200,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(discussion=TYPED, request=TYPED, venue=TYPED)
def test_any_typed_text_round_trips(
    filler: FastFiller, discussion: str, request: str, venue: str
) -> None:
    values = {"discussion": discussion, "request_1": request, "venue": venue}
    wb = load(filler.fill(values))
    for key, value in values.items():
        assert cell_of(wb, key).value == (value or None), key
