"""The summary workbook as HQ opens it: sheets, frozen headers, filters, printing, text that
stays text, colours, charts; and that LibreOffice opens it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import factories as F
import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from toolkit.aggregate import Summary, build_summary
from toolkit.fileio import OutputRefused, Protected
from toolkit.fiscal import parse_period
from toolkit.ledger import Ledger
from toolkit.text import display_width
from toolkit.writing.summary import SHEETS, SummaryWriteError, write_summary
from toolkit.writing.summary.book import DATE_FORMAT, OUTPUT_PROPERTY, lines_needed

TODAY = date(2026, 11, 20)
HYPERLINK = '=HYPERLINK("http://example.invalid/x","ここを押す")'
REGISTRY = F.registry(
    ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
    ("C02", "中央警察署", "北町駐在所", "北町駐在所連絡協議会"),
    ("E01", "東警察署", "東口交番", "東口交番連絡協議会"),
)


def make_summary(tmp_path: Path, period: str = "2026-10") -> Summary:
    d = tmp_path / "in"
    long_request = "夜間の見回りを強化してほしい。" * 12
    files = [
        F.file_result(
            d,
            "a.xlsx",
            F.Meeting(
                F.report(
                    venue=HYPERLINK,
                    requests=[("=1+1", None), (long_request, "パトロールを強化した。")],
                    reporter="@SUM(A1)",
                ),
                findings=(F.warning(), F.error("「三名」は数値ではありません")),
            ),
        ),
        F.file_result(
            d,
            "b.xlsx",
            F.report(
                council="北町駐在所連絡協議会",
                facility="北町駐在所",
                kind=F.EXTRAORDINARY,
                day=date(2026, 10, 3),
            ),
        ),
        F.file_result(
            d,
            "c.xlsx",
            F.report(
                station="東警察署",
                council="東口交番連絡協議会",
                facility="東口交番",
                day=date(2026, 9, 3),
            ),
        ),
        F.unreadable(d, "broken.xlsx"),
    ]
    with Ledger.memory() as led:
        led.ingest(files, context=F.context(REGISTRY, TODAY))
        return build_summary(
            led,
            parse_period(period),
            registry=REGISTRY,
            station=None,
            settings=F.settings(TODAY),
        )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    tmp = tmp_path_factory.mktemp("wb")
    out = tmp / "集計表.xlsx"
    write_summary(make_summary(tmp), out)
    return out, openpyxl.load_workbook(out)


def test_sheets_in_order(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    assert wb.sheetnames == list(SHEETS)
    assert wb.sheetnames == [
        "概況",
        "集計表",
        "提出状況",
        "督促",
        "年度実施状況",
        "開催一覧",
        "協議事項",
        "要望事項",
        "検証結果",
        "グラフ",
        "受付簿",
    ]


def test_the_workbook_is_marked_as_an_output(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    assert OUTPUT_PROPERTY in wb.custom_doc_props.names


def test_title_rows_say_the_one_cut_off(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    for ws in wb.worksheets:
        assert "令和8年10月" in ws["A1"].value
        assert ws["A2"].value.startswith(
            "令和8年10月31日までに開催され、令和8年11月20日までに受け付けた報告書を集計"
            "（年間計画・要望事項は令和8年11月20日現在）　作成日 令和8年11月20日"
        ), ws.title


TABLES = (
    "集計表",
    "提出状況",
    "督促",
    "年度実施状況",
    "開催一覧",
    "協議事項",
    "要望事項",
    "検証結果",
    "受付簿",
)


@pytest.mark.parametrize("sheet", TABLES)
def test_frozen_headers_filters_and_printed_columns(workbook: tuple[Path, Any], sheet: str) -> None:
    _, wb = workbook
    ws = wb[sheet]
    header_row = int(ws.auto_filter.ref.split(":")[0][1:])
    assert ws.freeze_panes[1:] == str(header_row + 1)
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    headers = [c.value for c in ws[header_row]]
    if "ファイル" in headers:  # on screen, never on paper
        area = str(ws.print_area).rsplit("!", 1)[-1].split(":")[1].lstrip("$")
        last = "".join(ch for ch in area if ch.isalpha())
        printed = headers[: column_index_from_string(last)]
        assert "ファイル" not in printed and printed


def test_print_setup(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # fitToWidth 1 is the default, so it may be left out of the file
        tall = ws.page_setup.fitToHeight
        # 概況 is one page (fitToHeight 1, the default, may be left out); tables run on
        assert (ws.page_setup.fitToWidth or 1, tall) == (
            (1, None) if ws.title == "概況" else (1, 0)
        )
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_text_stays_text(workbook: tuple[Path, Any]) -> None:
    path, wb = workbook
    meetings = wb["開催一覧"]
    header = [c.value for c in meetings[3]]
    venue = meetings.cell(row=5, column=header.index("開催場所") + 1)
    assert (venue.value, venue.data_type) == (HYPERLINK, "s")
    reporter = meetings.cell(row=5, column=header.index("報告者") + 1)
    assert (reporter.value, reporter.data_type) == ("@SUM(A1)", "s")
    requests = [c.value for c in wb["要望事項"]["D"]]
    assert "=1+1" in requests
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 11
        for name in sheets:
            assert b"<f>" not in z.read(name), name


def test_dates_are_dates_in_wareki(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    cell = wb["開催一覧"]["A4"]
    assert cell.value == datetime(2026, 10, 3)
    assert cell.number_format == DATE_FORMAT


def test_status_colours_and_bold_totals(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    fills: dict[str, str] = {}
    for ws in (wb["提出状況"], wb["要望事項"], wb["検証結果"], wb["開催一覧"]):
        for row in ws.iter_rows(min_row=4):
            for c in row:
                if isinstance(c.value, str) and c.fill.fgColor.rgb not in (None, "00000000"):
                    fills.setdefault(c.value, c.fill.fgColor.rgb[-6:])
    assert fills["年度内未実施"] == "FFC7CE"
    assert fills["未回答"] == "FFC7CE"
    assert fills["誤り"] == "FFC7CE"
    assert fills["警告"] == fills["計画なし"] == "FFEB9C"
    assert fills["実施済"] == fills["回答済"] == "C6EFCE"
    tally = wb["集計表"]
    column = [c.value for c in tally[3]].index("行区分")
    kinds = {r[column].value: r[0].font.b for r in tally.iter_rows(min_row=4)}
    assert kinds == {"明細": False, "小計": True, "合計": True}


def test_widths_fit_japanese_text(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    ws = wb["提出状況"]
    name_width = ws.column_dimensions["C"].width
    assert name_width >= display_width("北町駐在所連絡協議会")
    assert display_width("北町駐在所連絡協議会") == 20
    assert display_width("C01") == 3
    assert lines_needed("あ" * 40, 22) >= 3


def test_long_text_rows_are_taller(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    ws = wb["要望事項"]
    tall = [ws.row_dimensions[r].height for r in range(4, ws.max_row + 1)]
    assert any(h and h > 30 for h in tall)


def test_charts_in_the_chart_sheet(workbook: tuple[Path, Any]) -> None:
    path, wb = workbook
    assert len(wb["グラフ"]._charts) == 3
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 3
        xml = b"".join(z.read(n) for n in charts)
    assert b"<c:barChart>" in xml and b"<c:lineChart>" in xml
    assert b'<c:grouping val="stacked"/>' in xml
    assert "民間出席者".encode() in xml


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    summary = make_summary(tmp_path)
    source = tmp_path / "in" / "a.xlsx"
    before = source.read_bytes()
    given = Protected((tmp_path / "in" / "b.xlsx", source))
    with pytest.raises(OutputRefused, match="入力ファイルの一つです"):
        write_summary(summary, source, protected=given)
    with pytest.raises(OutputRefused, match="入力フォルダ"):
        write_summary(summary, source, protected=Protected((tmp_path / "in",)))
    ledger = tmp_path / "台帳.xlsx"
    ledger.write_bytes(b"x")
    with pytest.raises(OutputRefused, match="入力ファイルの一つです"):
        write_summary(summary, tmp_path / "." / "台帳.xlsx", protected=Protected((ledger,)))
    with pytest.raises(SummaryWriteError, match=r"\.xlsx"):
        write_summary(summary, tmp_path / "集計.xls")
    with pytest.raises(SummaryWriteError, match="はファイルです"):
        write_summary(summary, ledger / "集計.xlsx")
    assert source.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_replaces_an_older_output_atomically_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "集計.xlsx"
    write_summary(make_summary(tmp_path, "2026-10"), out)
    write_summary(make_summary(tmp_path, "FY2026"), out)  # an earlier summary: replaced
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "令和8年度" in wb["集計表"]["A1"].value
    other = tmp_path / "メモ.xlsx"
    other.write_bytes(b"old")
    with pytest.raises(OutputRefused, match="kyogikai が書き出したファイルではない"):
        write_summary(make_summary(tmp_path, "FY2026"), other)
    assert other.read_bytes() == b"old"


def test_empty_summary_is_written(tmp_path: Path) -> None:
    with Ledger.memory() as led:
        s = build_summary(
            led, parse_period("2026-10"), registry=REGISTRY, station=None, settings=F.settings()
        )
    out = tmp_path / "空.xlsx"
    write_summary(s, out)
    wb = openpyxl.load_workbook(out)
    assert wb["開催一覧"]["A4"].value == "該当なし"
    assert len(wb["グラフ"]._charts) == 3


@pytest.mark.libreoffice
def test_libreoffice_opens_it(workbook: tuple[Path, Any], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("KYOGIKAI_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    path, _ = workbook
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    assert pdf.exists(), done.stderr.decode(errors="replace")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) >= 8
