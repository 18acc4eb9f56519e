"""Feedback copies: the original stays as it was; the copy carries the findings on its cells
and a first sheet listing them; pictures, shapes, validations, names and macros survive."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from posixpath import dirname, join, normpath

import msoffcrypto.format.ooxml
import openpyxl
import pytest
import xlsxwriter
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image as XLImage
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image as PILImage

from toolkit.cells import Cell
from toolkit.findings import Finding, file_finding, kind
from toolkit.model import Report, Sourced
from toolkit.results import Checked, FileResult
from toolkit.writing.feedback import (
    AUTHOR,
    ERROR_COLOR,
    FEEDBACK_SHEET,
    HEADERS,
    WARNING_COLOR,
    FeedbackError,
    write_feedback,
)

TIMEOUT = 120
SHEET = "報告書"
INPUT_FILL = "FFEAF2FA"
THIN = Side(style="thin", color="FF000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# --- inputs -----------------------------------------------------------------------------


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (48, 32), (40, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_form(path: Path, *, picture: bytes | None = None) -> Path:
    """A small report form: labels and boxed values, merged cells, a dropdown, a defined
    name, a protected sheet with print settings, and optionally a pasted photo at C12."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = SHEET
    ws["A1"] = "交番・駐在所連絡協議会開催結果報告書"
    ws.merge_cells("A1:F1")
    rows = [
        ("所属", "中央警察署"),
        ("協議会名", "駅前交番連絡協議会"),
        ("開催日時", date(2026, 10, 15)),
        ("警察官", "三名"),
        ("民間", 0),
        ("会議種別", "定期会議"),
    ]
    for r, (label, value) in enumerate(rows, 3):
        ws.cell(r, 1, label).border = BOX
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        cell = ws.cell(r, 3, value)
        cell.border = BOX
        cell.fill = PatternFill(fill_type="solid", fgColor=INPUT_FILL)
        cell.font = Font(name="ＭＳ ゴシック", size=10.5, bold=True)
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=6)
    ws["C5"].number_format = "yyyy/m/d"
    ws["A11"] = "参考事項（写真添付）"
    dv = DataValidation(type="list", formula1='"定期会議,臨時会議"', allow_blank=True)
    dv.add("C8")
    ws.add_data_validation(dv)
    wb.defined_names["police_attendees"] = DefinedName(
        "police_attendees", attr_text=f"'{SHEET}'!$C$6"
    )
    ws.defined_names["reference_box"] = DefinedName("reference_box", attr_text=f"'{SHEET}'!$C$12")
    ws.protection.sheet = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.print_area = "A1:F20"
    if picture is not None:
        image = XLImage(io.BytesIO(picture))
        ws.add_image(image, "C12")
    memo = wb.create_sheet("メモ")
    memo["A1"] = "控え"
    wb.save(path)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def finding(code: str, cell: str | None, field: str | None = None, **params: object) -> Finding:
    return kind(code).make(field=field, cell=Cell.parse(cell) if cell else None, **params)


FINDINGS = [
    finding(
        "R3.not-count", f"{SHEET}!C6", "police_attendees", label="出席者数（警察官）", found="三名"
    ),
    finding("R3.no-civilians", f"{SHEET}!C7", "civilian_attendees"),
    finding("R1.recommended", f"{SHEET}!D3", "reporter", label="報告者"),  # inside C3:F3
    finding("R3.officer-names", f"{SHEET}!C6", "officers", names=2, count=3),
    finding(
        "R7.duplicate",
        None,
        None,
        council="駅前交番連絡協議会",
        date="令和8年10月15日",
        other="別の報告.xlsx",
    ),
]


def a_report() -> Report:
    return Report(
        affiliation=Sourced("中央警察署", f"{SHEET}!C3"),
        council_name=Sourced("駅前交番連絡協議会", f"{SHEET}!C4"),
        facility_name=Sourced("駅前交番", None),
        date=Sourced(date(2026, 10, 15), f"{SHEET}!C5"),
    )


def checked_file(path: Path, findings: list[Finding], *, fmt: str = "xlsx") -> FileResult:
    digest = sha(path)
    return FileResult(
        str(path),
        digest,
        fmt,
        [Checked(str(path), SHEET, digest, a_report(), list(findings))],
    )


@pytest.fixture
def form(tmp_path: Path) -> Path:
    folder = tmp_path / "reports" / "中央署"
    folder.mkdir(parents=True)
    return make_form(folder / "駅前交番.xlsx", picture=png_bytes())


# --- package checks ---------------------------------------------------------------------


def assert_sound_package(path: Path) -> None:
    """No duplicate members, a content type for every part, every Override and every
    internal relationship pointing at a part that exists."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert len(names) == len(set(names)), "duplicate zip members"
        types = zf.read("[Content_Types].xml").decode()
        defaults = {e.lower() for e in re.findall(r'Default Extension="([^"]+)"', types)}
        overrides = {p.lstrip("/") for p in re.findall(r'Override PartName="([^"]+)"', types)}
        assert overrides <= set(names), overrides - set(names)
        for name in names:
            if name == "[Content_Types].xml" or name.endswith("/"):
                continue
            ext = name.rsplit(".", 1)[-1].lower()
            assert name in overrides or ext in defaults, f"no content type for {name}"
        for name in names:
            if not name.endswith(".rels"):
                continue
            base = dirname(dirname(name))
            for target, mode in re.findall(
                r'Target="([^"]+)"(?:\s+TargetMode="([^"]+)")?', zf.read(name).decode()
            ):
                if mode == "External":
                    continue
                part = (
                    target.lstrip("/") if target.startswith("/") else normpath(join(base, target))
                )
                assert part in names, f"{name} points at missing {part}"


def pictures(path: Path, sheet: str) -> list[tuple[tuple[int, int, int, int], bytes]]:
    """(anchor from: col, colOff, row, rowOff) and bytes of each picture on a sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    out = []
    for image in ws._images:  # type: ignore[attr-defined]
        start = image.anchor._from
        out.append(((start.col, start.colOff, start.row, start.rowOff), image._data()))
    return out


# --- LibreOffice ------------------------------------------------------------------------


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("KYOGIKAI_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required but not on PATH")
        pytest.skip("LibreOffice (soffice) is not on PATH")
    return found


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One private LibreOffice profile for the module: starting a fresh one is the slow part."""
    yield (tmp_path_factory.mktemp("lo-profile")).as_uri()


def convert(src: Path, to: str, outdir: Path, profile: str) -> Path:
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(src),
        ],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    out = outdir / f"{src.stem}.{to.split(':')[0]}"
    assert out.exists(), f"LibreOffice did not convert {src.name} to {to}"
    return out


def pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


# --- no findings, naming, the original --------------------------------------------------


def test_clean_file_gives_no_copy(form: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert write_feedback(checked_file(form, []), out) is None
    assert not out.exists()


def test_copy_mirrors_the_folder_and_name_and_leaves_the_original(
    form: Path, tmp_path: Path
) -> None:
    before = sha(form)
    mtime = form.stat().st_mtime_ns
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written == tmp_path / "out" / "中央署" / "駅前交番.xlsx"
    assert sha(form) == before
    assert form.stat().st_mtime_ns == mtime
    assert not [p for p in written.parent.iterdir() if p.name.endswith(".tmp")]
    assert_sound_package(written)


def test_same_name_in_another_folder_gets_a_number_and_reruns_replace(
    tmp_path: Path,
) -> None:
    first = make_form(_folder(tmp_path / "2026-10" / "中央署") / "駅前交番.xlsx")
    second = make_form(_folder(tmp_path / "2026-11" / "中央署") / "駅前交番.xlsx")
    out = tmp_path / "out"
    a = write_feedback(checked_file(first, FINDINGS), out)
    b = write_feedback(checked_file(second, FINDINGS), out)
    again = write_feedback(checked_file(first, FINDINGS), out)
    assert a == again == out / "中央署" / "駅前交番.xlsx"
    assert b == out / "中央署" / "駅前交番_2.xlsx"
    assert sorted(p.name for p in (out / "中央署").iterdir()) == [
        "駅前交番.xlsx",
        "駅前交番_2.xlsx",
    ]


def test_refuses_to_write_over_the_original(form: Path) -> None:
    before = sha(form)
    with pytest.raises(FeedbackError, match="元のファイルと同じ"):
        write_feedback(checked_file(form, FINDINGS), form.parent.parent)
    assert sha(form) == before


def test_refuses_to_replace_a_file_it_did_not_write(form: Path, tmp_path: Path) -> None:
    foreign = _folder(tmp_path / "out" / "中央署") / "駅前交番.xlsx"
    foreign.write_bytes(b"someone else's workbook")
    with pytest.raises(FeedbackError, match="上書きしません"):
        write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert foreign.read_bytes() == b"someone else's workbook"


def test_file_changed_after_the_check_gets_the_list_only(form: Path, tmp_path: Path) -> None:
    result = checked_file(form, FINDINGS)
    result.sha256 = "0" * 64
    written = write_feedback(result, tmp_path / "out")
    assert written is not None and written.name == "駅前交番_確認事項.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET]
    assert "変更された" in _text(wb[FEEDBACK_SHEET])


# --- the marked cells -------------------------------------------------------------------


def test_flagged_cells_are_filled_and_commented_other_formatting_kept(
    form: Path, tmp_path: Path
) -> None:
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None
    ws = openpyxl.load_workbook(written)[SHEET]
    c6 = ws["C6"]
    assert c6.fill.fgColor.rgb == ERROR_COLOR  # an error and a warning: the error wins
    assert c6.comment is not None and c6.comment.author == AUTHOR
    assert FINDINGS[0].message in c6.comment.text
    assert FINDINGS[3].message in c6.comment.text
    assert "【誤り】" in c6.comment.text and "【警告】" in c6.comment.text
    with zipfile.ZipFile(written) as zf:  # openpyxl does not read comment sizes back
        vml = b"".join(zf.read(n) for n in zf.namelist() if n.endswith(".vml")).decode()
    sizes = re.findall(r"width:(\d+)px;height:(\d+)px", vml)
    assert sizes and all(int(w) >= 300 and int(h) >= 50 for w, h in sizes)
    assert c6.border.left.style == "thin" and c6.border.right.style == "thin"
    assert c6.font.name == "ＭＳ ゴシック" and c6.font.b
    c7 = ws["C7"]
    assert c7.fill.fgColor.rgb == WARNING_COLOR
    assert c7.comment is not None and FINDINGS[1].message in c7.comment.text
    # D3 lies inside the merged C3:F3: the mark goes on the area's top-left cell.
    assert ws["C3"].fill.fgColor.rgb == WARNING_COLOR
    assert ws["C3"].comment is not None and FINDINGS[2].message in ws["C3"].comment.text
    assert ws["C5"].number_format == "yyyy/m/d"
    for ref in ("C4", "C5", "C8"):
        assert ws[ref].fill.fgColor.rgb == INPUT_FILL, ref
        assert ws[ref].comment is None, ref
    assert ws["A6"].fill.fill_type is None


def test_an_earlier_comment_is_kept_below_the_findings(tmp_path: Path) -> None:
    path = make_form(_folder(tmp_path / "in" / "署") / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    wb[SHEET]["C6"].comment = Comment("人数は後で確認", "山田")
    wb.save(path)
    written = write_feedback(checked_file(path, FINDINGS[:1]), tmp_path / "out")
    assert written is not None
    text = openpyxl.load_workbook(written)[SHEET]["C6"].comment.text
    assert text.index(FINDINGS[0].message) < text.index("人数は後で確認")


# --- the list sheet ---------------------------------------------------------------------


def test_list_sheet_is_first_and_active_with_one_row_per_finding(
    form: Path, tmp_path: Path
) -> None:
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET, SHEET, "メモ"]
    assert wb.active is not None and wb.active.title == FEEDBACK_SHEET
    assert [ws.sheet_view.tabSelected for ws in wb.worksheets] == [True, False, False]
    ws = wb[FEEDBACK_SHEET]
    header = _header_row(ws)
    assert ws.freeze_panes == f"A{header + 1}"
    rows = [
        [c.value for c in row]
        for row in ws.iter_rows(min_row=header + 1, max_row=header + len(FINDINGS), max_col=6)
    ]
    # R7 (a meeting reported twice) asks the station nothing to correct: HQ settles it
    assert rows == [
        [1, "誤り", SHEET, "C6", "出席者数（警察官）", FINDINGS[0].message],
        [2, "警告", SHEET, "C7", "出席者数（民間）", FINDINGS[1].message],
        [3, "警告", SHEET, "D3", "報告者", FINDINGS[2].message],
        [4, "警告", SHEET, "C6", "出席警察官名", FINDINGS[3].message],
        [None] * 6,
    ]
    links = [ws.cell(header + i, 4).hyperlink for i in range(1, len(FINDINGS))]
    assert [link.location if link else None for link in links] == [
        f"'{SHEET}'!C6",
        f"'{SHEET}'!C7",
        f"'{SHEET}'!C3",  # the merged area's top-left cell
        f"'{SHEET}'!C6",
    ]
    text = _text(ws)
    assert "駅前交番.xlsx" in text and "駅前交番連絡協議会" in text
    assert "令和8年10月15日" in text
    assert "誤り 1件、警告 3件" in text and FINDINGS[4].message not in text
    assert "元の報告書ファイルか、この写しの報告書のシートを修正して" in text
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${header}:${header}"
    assert all(ws.cell(header + 1, c).alignment.wrap_text for c in (5, 6))


# --- what the original held ---------------------------------------------------------------


def test_picture_survives_with_its_anchor_and_bytes(form: Path, tmp_path: Path) -> None:
    before = pictures(form, SHEET)
    assert len(before) == 1
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None
    after = pictures(written, SHEET)
    assert after == before
    with zipfile.ZipFile(written) as zf:
        media = [zf.read(n) for n in zf.namelist() if n.startswith("xl/media/")]
    assert media == [png_bytes()]


def test_pictures_survive_even_when_openpyxl_cannot_load_them(
    form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = pictures(form, SHEET)
    with monkeypatch.context() as m:
        m.setattr("openpyxl.reader.drawings.PILImage", None)  # as without Pillow
        written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None
    assert pictures(written, SHEET) == before


def test_shapes_and_text_boxes_survive_beside_pictures(tmp_path: Path) -> None:
    src = _folder(tmp_path / "in" / "署") / "shapes.xlsx"
    png = tmp_path / "photo.png"
    png.write_bytes(png_bytes())
    book = xlsxwriter.Workbook(str(src))
    ws = book.add_worksheet(SHEET)
    ws.write("A6", "警察官")
    ws.write("C6", "三名")
    ws.insert_image("C12", str(png))
    ws.insert_textbox("H3", "定期", {"width": 60, "height": 30})
    ws.write_column("J1", [1, 2, 3])
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": f"='{SHEET}'!$J$1:$J$3"})
    ws.insert_chart("L3", chart)
    book.close()
    written = write_feedback(checked_file(src, FINDINGS[:1]), tmp_path / "out")
    assert written is not None
    with zipfile.ZipFile(src) as zf:
        original = zf.read("xl/drawings/drawing1.xml")
        chart_xml = zf.read("xl/charts/chart1.xml")
    with zipfile.ZipFile(written) as zf:
        drawings = [n for n in zf.namelist() if re.fullmatch(r"xl/drawings/[^/]+\.xml", n)]
        assert [zf.read(n) for n in drawings] == [original]
        charts = [n for n in zf.namelist() if re.fullmatch(r"xl/charts/[^/]+\.xml", n)]
        assert [zf.read(n) for n in charts] == [chart_xml]
    assert_sound_package(written)
    assert len(pictures(written, SHEET)) == 1
    assert openpyxl.load_workbook(written)[SHEET]["C6"].comment is not None


def test_validations_names_merges_protection_and_print_settings_survive(
    form: Path, tmp_path: Path
) -> None:
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None
    ws = openpyxl.load_workbook(written)[SHEET]
    wb = ws.parent
    assert [(dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation] == [
        ('"定期会議,臨時会議"', "C8")
    ]
    assert wb.defined_names["police_attendees"].attr_text == f"'{SHEET}'!$C$6"
    assert ws.defined_names["reference_box"].attr_text == f"'{SHEET}'!$C$12"
    with zipfile.ZipFile(written) as zf:  # the sheet moved from index 0 to 1
        book = zf.read("xl/workbook.xml").decode()
    assert re.search(r'<definedName name="reference_box" localSheetId="1">', book)
    assert re.search(r'<definedName name="_xlnm.Print_Area" localSheetId="1">', book)
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:F1"} | {
        f"{c}{r}:{d}{r}" for r in range(3, 9) for c, d in (("A", "B"), ("C", "F"))
    }
    assert ws.protection.sheet
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_area == f"'{SHEET}'!$A$1:$F$20"


def test_xlsm_keeps_its_macros_and_extension(tmp_path: Path) -> None:
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0 not a real project, kept as bytes")
    src = _folder(tmp_path / "in" / "署") / "macro.xlsm"
    book = xlsxwriter.Workbook(str(src))
    ws = book.add_worksheet(SHEET)
    ws.write("C6", "三名")
    book.add_vba_project(str(vba))
    book.close()
    written = write_feedback(checked_file(src, FINDINGS[:1], fmt="xlsm"), tmp_path / "out")
    assert written is not None and written.suffix == ".xlsm"
    with zipfile.ZipFile(written) as zf:
        assert zf.read("xl/vbaProject.bin") == vba.read_bytes()
        assert "macroEnabled" in zf.read("[Content_Types].xml").decode()
    assert_sound_package(written)


def test_encrypted_original_gives_an_unencrypted_copy_and_says_so(
    form: Path, tmp_path: Path
) -> None:
    locked = _folder(tmp_path / "in" / "署") / "locked.xlsx"
    with form.open("rb") as plain, locked.open("wb") as out:
        office = msoffcrypto.format.ooxml.OOXMLFile(plain)
        office.encrypt("himitsu", out)
    written = write_feedback(checked_file(locked, FINDINGS), tmp_path / "out", password="himitsu")
    assert written is not None and written.read_bytes()[:4] == b"PK\x03\x04"
    wb = openpyxl.load_workbook(written)
    assert wb[SHEET]["C6"].fill.fgColor.rgb == ERROR_COLOR
    assert "パスワードなし" in _text(wb[FEEDBACK_SHEET])


def test_unreadable_file_gets_a_list_with_the_reason(tmp_path: Path) -> None:
    src = _folder(tmp_path / "in" / "署") / "壊れた.xlsx"
    src.write_bytes(b"not a workbook")
    reason = file_finding("F1.not-workbook", file=src.name, detail="テキストファイルです")
    result = FileResult(str(src), None, None, [Checked(str(src), None, None, None, [reason])])
    written = write_feedback(result, tmp_path / "out")
    assert written == tmp_path / "out" / "署" / "壊れた_確認事項.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET]
    ws = wb[FEEDBACK_SHEET]
    header = _header_row(ws)
    assert [c.value for c in ws[header + 1]] == [
        1,
        "誤り",
        "―",
        "―",
        "（ファイル全体）",
        reason.message,
    ]
    assert_sound_package(written)


def test_a_copy_sent_back_gets_a_fresh_list_and_comments(form: Path, tmp_path: Path) -> None:
    first = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert first is not None
    again = _folder(tmp_path / "resubmitted" / "中央署") / first.name
    again.write_bytes(first.read_bytes())
    written = write_feedback(checked_file(again, FINDINGS), tmp_path / "out2")
    assert written is not None
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET, SHEET, "メモ"]
    comment = wb[SHEET]["C6"].comment
    assert comment is not None and comment.text.count(FINDINGS[0].message) == 1


def test_a_workbook_openpyxl_cannot_open_gets_a_values_copy(
    form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise ValueError("unsupported")

    monkeypatch.setattr("toolkit.writing.feedback.annotate.openpyxl.load_workbook", refuse)
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    monkeypatch.undo()
    assert written is not None and written.name == "駅前交番_確認事項.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET, SHEET]
    assert wb[SHEET]["C6"].value == "三名"
    assert wb[SHEET]["C6"].fill.fgColor.rgb == ERROR_COLOR
    assert "値だけ" in _text(wb[FEEDBACK_SHEET])


def test_a_huge_workbook_gets_the_list_only(
    form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("toolkit.writing.feedback.MAX_SHEET_BYTES", 100)
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None and written.name == "駅前交番_確認事項.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET]
    assert "大きすぎる" in _text(wb[FEEDBACK_SHEET])


# --- LibreOffice: .xls / .ods originals, and the copy opens -----------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_xls_and_ods_give_a_new_workbook_with_the_values(
    fmt: str, tmp_path: Path, lo_profile: str
) -> None:
    plain = make_form(tmp_path / "駅前交番.xlsx")
    src = convert(plain, fmt, _folder(tmp_path / "in" / "中央署"), lo_profile)
    before = sha(src)
    written = write_feedback(checked_file(src, FINDINGS, fmt=fmt), tmp_path / "out")
    assert written == tmp_path / "out" / "中央署" / "駅前交番_確認事項.xlsx"
    assert sha(src) == before
    assert_sound_package(written)
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == [FEEDBACK_SHEET, SHEET]
    assert f".{fmt} 形式" in _text(wb[FEEDBACK_SHEET])
    ws = wb[SHEET]
    assert ws["C3"].value == "中央警察署" and ws["C6"].value == "三名"
    assert "C3:F3" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["C6"].fill.fgColor.rgb == ERROR_COLOR
    assert ws["C6"].comment is not None and FINDINGS[0].message in ws["C6"].comment.text
    assert ws["C4"].comment is None


@pytest.mark.libreoffice
def test_libreoffice_opens_the_copy(form: Path, tmp_path: Path, lo_profile: str) -> None:
    written = write_feedback(checked_file(form, FINDINGS), tmp_path / "out")
    assert written is not None
    pdf = convert(written, "pdf", tmp_path / "pdf", lo_profile)
    assert pdf_pages(pdf) >= 2  # the list, then the form


# --- helpers ----------------------------------------------------------------------------


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _header_row(ws: Worksheet) -> int:
    for row in ws.iter_rows(max_col=6):
        if tuple(c.value for c in row) == HEADERS:
            return row[0].row
    raise AssertionError("no header row")


def _text(ws: Worksheet) -> str:
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
