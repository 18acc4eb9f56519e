"""The package parts of an .xlsx: which part holds which sheet, defined names,
relationships and custom properties, as the reader, the filler and the feedback copy see
them."""

from __future__ import annotations

import io
import zipfile

from toolkit.cells import Cell
from toolkit.excel.guard import Limits
from toolkit.excel.ooxml import (
    DefinedName,
    Relationship,
    SheetPart,
    custom_properties,
    parse_relationships,
    parse_workbook_part,
    read_package,
    relationships_xml,
    rels_path,
    sheet_parts,
    split_property,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

BOOK = f"""<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>
<sheet name="報告書" sheetId="1" r:id="rId1"/>
<sheet name="報告書 (2)" sheetId="2" r:id="rId2"/>
<sheet name="_meta" sheetId="3" state="veryHidden" r:id="rId3"/>
<sheet name="外部" sheetId="4" r:id="rId4"/>
</sheets><definedNames>
<definedName name="date">報告書!$G$5</definedName>
<definedName name="agenda">'報告書'!$B$10:$F$12</definedName>
<definedName name="date" localSheetId="1">'報告書 (2)'!$G$5</definedName>
<definedName name="_xlnm.Print_Area" localSheetId="0">報告書!$A$1:$F$40</definedName>
<definedName name="broken">#REF!</definedName>
</definedNames></workbook>""".encode()

RELS = f"""<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="{REL}/worksheet" Target="./worksheets/../worksheets/s3.xml"/>
<Relationship Id="rId4" Type="{REL}/worksheet" Target="http://example.com/a.xml"
 TargetMode="External"/>
</Relationships>""".encode()


def test_sheets_resolve_relative_absolute_and_external_targets() -> None:
    book = parse_workbook_part(BOOK, RELS)
    assert book.sheets == (
        SheetPart("報告書", "xl/worksheets/sheet1.xml", "visible"),
        SheetPart("報告書 (2)", "xl/worksheets/sheet2.xml", "visible"),
        SheetPart("_meta", "xl/worksheets/s3.xml", "veryHidden"),
        SheetPart("外部", "", "visible"),
    )


def test_defined_names_keep_their_cell_their_shape_and_their_scope() -> None:
    book = parse_workbook_part(BOOK, RELS)
    assert book.names == (
        DefinedName("date", Cell("報告書", 4, 6), True, None),
        DefinedName("agenda", Cell("報告書", 9, 1), False, None),
        DefinedName("date", Cell("報告書 (2)", 4, 6), True, "報告書 (2)"),
    )


def package(parts: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_a_name_scoped_to_a_sheet_wins_there() -> None:
    zf = package({"xl/workbook.xml": BOOK, "xl/_rels/workbook.xml.rels": RELS})
    pkg = read_package(zf, Limits())
    assert pkg.names == {
        "報告書": {"date": (4, 6), "agenda": (9, 1)},
        "報告書 (2)": {"date": (4, 6)},
    }
    assert pkg.part_of("_meta") == "xl/worksheets/s3.xml"
    assert pkg.has_media is False


def test_sheet_parts_follow_the_package_relationships_and_skip_missing_parts() -> None:
    root = f'<Relationships xmlns="{PKG}"><Relationship Id="r" Type="{REL}/officeDocument"'
    zf = package(
        {
            "_rels/.rels": (root + ' Target="book/main.xml"/></Relationships>').encode(),
            "book/main.xml": BOOK,
            "book/_rels/main.xml.rels": RELS.replace(b"/xl/", b"/book/"),
            "book/worksheets/sheet1.xml": b"<worksheet/>",
            "book/worksheets/sheet2.xml": b"<worksheet/>",
        }
    )
    assert sheet_parts(zf) == {
        "報告書": "book/worksheets/sheet1.xml",
        "報告書 (2)": "book/worksheets/sheet2.xml",
    }


def test_rels_paths() -> None:
    assert rels_path("xl/workbook.xml") == "xl/_rels/workbook.xml.rels"
    assert rels_path("xl/drawings/drawing1.xml") == "xl/drawings/_rels/drawing1.xml.rels"
    assert rels_path("") == "_rels/.rels"


def test_relationships_written_read_back_the_same() -> None:
    rels = [
        Relationship("rId1", f"{REL}/image", "xl/media/orig1_image1.png"),
        Relationship("rId2", f"{REL}/hyperlink", "https://example.com/?a=1&b='2'", True),
    ]
    assert parse_relationships(relationships_xml(rels), "xl/drawings") == rels


CUSTOM = (
    b'<Properties xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="kyogikai_council_id">'
    b"<vt:lpwstr/></property>"
    b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="other">'
    b"<vt:lpwstr>x</vt:lpwstr></property></Properties>"
)


def test_a_property_split_and_filled_reads_back() -> None:
    halves = split_property(CUSTOM, "kyogikai_council_id")
    assert halves is not None
    head, tail = halves
    filled = (head + "C-0042 &amp; 1" + tail).encode()
    assert custom_properties(package({"docProps/custom.xml": filled})) == {
        "council_id": "C-0042 & 1"
    }
    assert custom_properties(package({"docProps/custom.xml": CUSTOM})) == {}
    assert split_property(CUSTOM, "kyogikai_missing") is None
    assert custom_properties(package({})) == {}
