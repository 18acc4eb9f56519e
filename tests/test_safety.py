"""The safety layer: every hostile file gets the expected verdict, quickly and cheaply."""

from __future__ import annotations

import dataclasses
import io
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.excel.guard import (
    Limits,
    Sniffed,
    Unreadable,
    check_zip,
    read_member,
    safe_xml,
    sheet_extent,
    sniff,
)

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import make_hostile as mh

PASSWORD = mh.PASSWORD


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    mh.build_hostile(out)
    return out


def gate(path: Path, password: str | None = None, limits: Limits | None = None) -> str:
    """What the safety layer says of a file: sniff, then every worksheet part read with
    its cap and measured. "ok" or the F1 code."""
    limits = limits or Limits()
    try:
        sniffed = sniff(path.read_bytes(), path.name, password=password, limits=limits)
        if sniffed.format in ("xlsx", "xlsm"):
            with zipfile.ZipFile(io.BytesIO(sniffed.data)) as zf:
                for name in zf.namelist():
                    if name.startswith("xl/worksheets/"):
                        rows, cols = sheet_extent(read_member(zf, name, limits))
                        if rows * cols > limits.max_sheet_cells:
                            return "F1.too-large"
    except Unreadable as exc:
        return exc.code
    return "ok"


def verdict(path: Path, **kw: object) -> Unreadable:
    with pytest.raises(Unreadable) as info:
        sniff(path.read_bytes(), path.name, **kw)  # type: ignore[arg-type]
    return info.value


# --- every hostile file -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(mh.EXPECTED))
def test_hostile_file_gets_expected_verdict(hostile: Path, name: str) -> None:
    assert gate(hostile / name) == mh.EXPECTED[name]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.xlsx", "空のファイル"),
        ("text.xlsx", "テキストファイル"),
        ("html.xls", "HTMLファイル"),
        ("csv.xlsx", "CSVファイル"),
        ("unicode_text.xls", "タブ区切り"),
        ("pdf.xlsx", "PDFファイル"),
        ("docx_like.xlsx", "Wordの文書"),
        ("plain_zip.xlsx", "ZIPファイル"),
        ("zipped_book.xlsx", "中のブックを取り出して"),
    ],
)
def test_not_a_workbook_says_what_it_looks_like(hostile: Path, name: str, words: str) -> None:
    exc = verdict(hostile / name)
    assert exc.code == "F1.not-workbook"
    assert words in exc.detail


def test_format_comes_from_the_bytes_not_the_name(hostile: Path) -> None:
    data = (hostile / "xlsx_named.xls").read_bytes()
    assert sniff(data, "report.xls") == Sniffed("xlsx", data)
    assert sniff((hostile / "macro.xlsm").read_bytes(), "m.xlsx").format == "xlsm"
    assert sniff((hostile / "normal.ods").read_bytes(), "n.xlsx").format == "ods"
    assert sniff((hostile / "plain.xls").read_bytes(), "p.xlsx").format == "xls"


# --- encryption -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("encrypted.xlsx", "xlsx"), ("encrypted.xls", "xls")])
def test_encrypted_file_opens_only_with_the_password(hostile: Path, name: str, fmt: str) -> None:
    assert verdict(hostile / name).code == "F1.encrypted"
    assert verdict(hostile / name, password="wrong").code == "F1.wrong-password"
    sniffed = sniff((hostile / name).read_bytes(), name, password=PASSWORD)
    assert sniffed.format == fmt
    assert sniffed.decrypted
    assert sniff(sniffed.data, name).format == fmt  # the plain bytes sniff as a workbook


def test_decrypted_workbook_reads_like_the_original(hostile: Path) -> None:
    sniffed = sniff((hostile / "encrypted.xlsx").read_bytes(), "e.xlsx", password=PASSWORD)
    assert gate(hostile / "normal.xlsx") == "ok"
    with zipfile.ZipFile(io.BytesIO(sniffed.data)) as zf:
        assert "報告書" in read_member(zf, "xl/workbook.xml").decode()


def test_password_of_a_plain_file_is_ignored(hostile: Path) -> None:
    data = (hostile / "normal.xlsx").read_bytes()
    assert sniff(data, "n.xlsx", password="kyogikai") == Sniffed("xlsx", data)


def test_encrypted_ods_is_refused() -> None:
    book = mh.zip_bytes(
        [
            mh.stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            mh.deflated("content.xml", b"\x8f\x12garbage"),
            mh.deflated(
                "META-INF/manifest.xml",
                b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                b'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                b"<manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
            ),
        ]
    )
    with pytest.raises(Unreadable) as info:
        sniff(book, "e.ods")
    assert info.value.code == "F1.encrypted"


# --- the zip directory and members ------------------------------------------------------


def test_too_large_file_is_refused_before_anything_else() -> None:
    with pytest.raises(Unreadable) as info:
        sniff(b"PK\x03\x04" + bytes(2000), "big.xlsx", limits=Limits(max_file_bytes=1000))
    assert info.value.code == "F1.too-large"
    assert "上限" in info.value.detail


def test_check_zip_judges_the_directory_only(hostile: Path) -> None:
    with zipfile.ZipFile(hostile / "zip_bomb.xlsx") as zf:
        with pytest.raises(Unreadable) as info:
            check_zip(zf)
        assert info.value.code == "F1.zip-bomb"
        assert "倍" in info.value.detail
        loose = Limits(max_ratio=1e6, max_member_uncompressed=2**31, max_total_uncompressed=2**31)
        check_zip(zf, loose)  # the limits decide
    with zipfile.ZipFile(hostile / "normal.xlsx") as zf:
        check_zip(zf)
        with pytest.raises(Unreadable) as info:
            check_zip(zf, Limits(max_total_uncompressed=10_000))
        assert info.value.code == "F1.too-large"


def test_member_count_is_checked_before_the_directory_is_parsed(hostile: Path) -> None:
    exc = verdict(hostile / "many_sheets.xlsx")
    assert exc.code == "F1.too-large"
    assert "5,006" in exc.detail


def test_duplicate_member_names_are_refused() -> None:
    book = mh.zip_bytes([mh.deflated("a.xml", b"<a/>"), mh.deflated("a.xml", b"<b/>")])
    with zipfile.ZipFile(io.BytesIO(book)) as zf, pytest.raises(Unreadable) as info:
        check_zip(zf)
    assert info.value.code == "F1.corrupt"


def test_read_member_stops_where_the_directory_lied(hostile: Path) -> None:
    with zipfile.ZipFile(hostile / "lying_zip_bomb.xlsx") as zf:
        assert zf.getinfo("xl/sharedStrings.xml").file_size == 40_000
        with pytest.raises(Unreadable) as info:
            read_member(zf, "xl/sharedStrings.xml")
    assert info.value.code == "F1.zip-bomb"


def test_read_member_caps_and_errors(hostile: Path) -> None:
    with zipfile.ZipFile(hostile / "normal.xlsx") as zf:
        sheet = read_member(zf, "xl/worksheets/sheet1.xml")
        assert sheet.startswith(b"<?xml") and sheet.endswith(b"</worksheet>")
        with pytest.raises(KeyError):
            read_member(zf, "xl/missing.xml")
        with pytest.raises(Unreadable) as info:
            read_member(zf, "xl/worksheets/sheet1.xml", max_bytes=1000)
        assert info.value.code == "F1.too-large"
    with zipfile.ZipFile(hostile / "bit_flipped.xlsx") as zf, pytest.raises(Unreadable) as info:
        read_member(zf, "xl/worksheets/sheet1.xml")
    assert info.value.code == "F1.corrupt"


def test_read_member_handles_stored_and_empty_members() -> None:
    empty = mh.Member("e.xml", b"", 8, 0, 0)  # "deflated" with no data at all
    book = mh.zip_bytes([mh.stored("a.xml", b"<a>stored</a>"), empty])
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        assert read_member(zf, "a.xml") == b"<a>stored</a>"
        assert read_member(zf, "e.xml") == b""


def _outcome(read: Callable[[], bytes]) -> tuple[str, object]:
    try:
        return "read", read()
    except Unreadable as exc:
        return exc.code, exc.detail


@pytest.mark.parametrize(
    ("filler", "claimed", "cut", "verdict"),
    [
        (50_000, None, 0, "read"),  # honest
        (50_000, 3000, 0, "F1.corrupt"),  # the directory says less than the part holds
        (50_000, 90_000, 0, "F1.corrupt"),  # …or more
        (1_200_000, 1000, 0, "F1.zip-bomb"),  # it keeps growing past where reading stops
        (50_000, None, 40, "F1.corrupt"),  # the deflate stream cut short
    ],
)
def test_small_parts_read_in_one_call_as_in_chunks(
    filler: int, claimed: int | None, cut: int, verdict: str
) -> None:
    """A part that fits one chunk each way (most parts of a workbook) is inflated in one
    call: the same bytes, or the same refusal with the same words, as the chunked path."""
    from toolkit.excel.guard import zip as guard_zip

    body = b"<sst>" + "協議内容".encode() * 600 + b"x" * filler + b"</sst>"
    member = mh.deflated("xl/sharedStrings.xml", body)
    if cut:
        member = mh.Member(member.name, member.raw[:-cut], 8, member.crc, member.size)
    book = mh.zip_bytes([dataclasses.replace(member, claimed=claimed)])
    limits = Limits()
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        info = zf.getinfo("xl/sharedStrings.xml")
        assert info.compress_size <= 256 * 2**10 and info.file_size <= 2**20  # one call
        whole = _outcome(lambda: read_member(zf, info.filename, limits))
        chunks = _outcome(lambda: b"".join(guard_zip._member_chunks(zf, info, 2**27, limits)))
    assert whole == chunks
    assert whole[0] == verdict
    if verdict == "read":
        assert whole[1] == body


def test_zip64_directory_is_counted_before_parsing() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(70_000):  # more than 65,535 entries: only zip64 records hold the count
            zf.writestr(f"x/{i}", b"")
    with pytest.raises(Unreadable) as info:
        sniff(buf.getvalue(), "many.xlsx")
    assert info.value.code == "F1.too-large"
    assert "70,000" in info.value.detail


def test_truncated_zip_is_corrupt(hostile: Path) -> None:
    data = (hostile / "normal.xlsx").read_bytes()
    for cut in (30, len(data) // 3, len(data) - 5):
        with pytest.raises(Unreadable) as info:
            sniff(data[:cut], "t.xlsx")
        assert info.value.code == "F1.corrupt"


def test_zip_of_an_unknown_version_is_corrupt(hostile: Path) -> None:
    """`zipfile` raises NotImplementedError for a "version needed" it does not know."""
    data = bytearray((hostile / "normal.xlsx").read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 6 : at + 8] = (99).to_bytes(2, "little")  # version 9.9
    with pytest.raises(Unreadable) as info:
        sniff(bytes(data), "v.xlsx")
    assert info.value.code == "F1.corrupt"


def test_every_flipped_byte_gives_a_verdict_never_a_crash(hostile: Path) -> None:
    data = (hostile / "normal.xlsx").read_bytes()
    rng = random.Random(7)
    for _ in range(300):
        broken = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            broken[rng.randrange(len(broken))] ^= 1 << rng.randrange(8)
        path = hostile / "_flipped.xlsx"
        path.write_bytes(bytes(broken))
        assert gate(path) in ("ok", "F1.corrupt", "F1.not-workbook", "F1.zip-bomb", "F1.too-large")


# --- sheet extent -----------------------------------------------------------------------


def test_sheet_extent_of_a_form_ignores_the_dimension() -> None:
    sheet, _ = mh.form_sheet()
    assert sheet_extent(sheet) == (60, 36)
    assert sheet_extent(mh.form_sheet(dimension="A1:XFD1048576")[0]) == (60, 36)
    assert sheet_extent(mh.form_sheet(dimension="A1")[0]) == (60, 36)


def test_sheet_extent_finds_the_stray_cell() -> None:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    assert sheet_extent(mh.form_sheet(extra_rows=far)[0]) == (1_048_576, 16_384)
    # the stray cell written first, rows out of order
    sheet = mh.form_sheet()[0].replace(b"<sheetData>", b"<sheetData>" + far.encode())
    assert sheet_extent(sheet) == (1_048_576, 16_384)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("", (0, 0)),
        ('<row r="3"><c r="B3" s="1"/></row>', (3, 2)),
        ('<row r="3"><c s="1" r="C7"><v>1</v></c></row>', (7, 3)),  # r not first
        ("<row r='3'><c r='AA9'><v>1</v></c></row>", (9, 27)),  # single quotes
        ('<row r="2"><c><v>1</v></c><c/><c><v>1</v></c></row>', (2, 3)),  # no r
        ('<row><c r="B2"/></row><row><c/><c/></row>', (2, 2)),  # as calamine places them
        ('<row r="1"><c t="s" r="Z1" s="2"/></row>', (1, 26)),
        ('<row r="1"><c\n r="D4"/></row>', (4, 4)),
        # a decoy r="…" inside another attribute's value must not win
        ('<row r="1"><c s=\'x r="A1"\' r="XFD9"/></row>', (9, 16384)),
    ],
)
def test_sheet_extent_of_unusual_cells(cells: str, expected: tuple[int, int]) -> None:
    xml = f"<worksheet {mh.NS}><sheetData>{cells}</sheetData></worksheet>".encode()
    assert sheet_extent(xml) == expected


def test_sheet_extent_of_prefixed_and_utf16_parts() -> None:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = (
        f'<x:worksheet xmlns:x="{ns}"><x:sheetData><x:row r="1"><x:c r="A1"/>'
        '<x:c r="XFD1048576"/></x:row></x:sheetData></x:worksheet>'
    )
    assert sheet_extent(xml.encode()) == (1_048_576, 16_384)
    assert sheet_extent(("\ufeff" + xml).encode("utf-16-le")) == (1_048_576, 16_384)


def test_sheet_extent_refuses_a_dtd() -> None:
    with pytest.raises(Unreadable) as info:
        sheet_extent(mh.form_sheet(doctype=mh.BILLION_LAUGHS)[0])
    assert info.value.code == "F1.corrupt"


@pytest.mark.parametrize(
    ("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("AJ", 36), ("XFD", 16384)]
)
def test_sheet_extent_counts_columns_from_one(letters: str, number: int) -> None:
    xml = f'<worksheet {mh.NS}><sheetData><row r="2"><c r="{letters}2"/></row></sheetData>'
    assert sheet_extent((xml + "</worksheet>").encode()) == (2, number)


cell_sets = st.lists(
    st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), st.sampled_from("pqsx")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(cells=cell_sets, shuffle=st.randoms(use_true_random=False), dim=st.booleans())
def test_sheet_extent_matches_the_cells(
    cells: list[tuple[int, int, str]], shuffle: random.Random, dim: bool
) -> None:
    """Cells in any order, written plainly (p), with a value (q), with `s` first (s) or
    with a namespace prefix (x), under a `<dimension>` that may lie."""
    shuffle.shuffle(cells)
    parts = []
    for r, c, style in cells:
        ref = f"{mh.col_letters(c)}{r}"
        parts.append(
            {
                "p": f'<c r="{ref}" s="1"/>',
                "q": f'<c r="{ref}" t="n"><v>{r}</v></c>',
                "s": f'<c s="2" r="{ref}"/>',
                "x": f'<x:c xmlns:x="{mh.NS[7:-1]}" r="{ref}"/>',
            }[style]
        )
    rows = "".join(f'<row r="{r}">{p}</row>' for (r, _, _), p in zip(cells, parts, strict=True))
    dimension = '<dimension ref="A1:C3"/>' if dim else ""
    xml = f"<worksheet {mh.NS}>{dimension}<sheetData>{rows}</sheetData></worksheet>".encode()
    assert sheet_extent(xml) == (max(r for r, _, _ in cells), max(c for _, c, _ in cells))


# --- safe_xml ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "xml",
    [
        mh.BILLION_LAUGHS.replace("worksheet", "a") + "<a>&l9;</a>",
        '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        '<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>',
    ],
)
def test_safe_xml_refuses_entity_tricks(xml: str) -> None:
    with pytest.raises(Unreadable) as info:
        safe_xml(xml.encode())
    assert info.value.code == "F1.corrupt"
    assert "エンティティ" in info.value.detail


def test_safe_xml_parses_and_bounds() -> None:
    assert safe_xml(b"<a><b>x</b></a>").find("b").text == "x"  # type: ignore[union-attr]
    with pytest.raises(Unreadable) as info:
        safe_xml(b"<a><b></a>")
    assert info.value.code == "F1.corrupt"
    with pytest.raises(Unreadable) as info:
        safe_xml(b"<a>" + b" " * 100 + b"</a>", max_bytes=50)
    assert info.value.code == "F1.too-large"
    deep = b"<a>" + b"<x>" * 100_000 + b"</x>" * 100_000 + b"</a>"
    assert safe_xml(deep).tag == "a"


def test_unreadable_only_takes_catalogue_codes() -> None:
    assert Unreadable("F1.corrupt", "壊れています").detail == "壊れています"
    with pytest.raises(ValueError):
        Unreadable("F9.nothing")


# --- what the readers make of the survivors ---------------------------------------------


def test_formula_text_stored_as_a_string_stays_text(hostile: Path) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(hostile / "hyperlink_text.xlsx"))
    rows = book.get_sheet_by_name("報告書").to_python(skip_empty_area=False)
    assert mh.HYPERLINK_TEXT in [v for row in rows for v in row]
