"""A table's rows streamed as XML are the cells xlsxwriter writes, byte for byte: the
same values, formats, row heights and chart positions, whether a column's cells are
remembered (few distinct values) or made each time (free text). Only a text that looks
like rich-text markup differs, and there the streamed rows are right: it stays text."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from toolkit.writing.summary import book as B
from toolkit.writing.summary import rows as R
from toolkit.writing.summary.style import fit_cell
from toolkit.writing.xlsx import close_book

MARKUP = "<r>防犯&灯</r>"
ODD_TEXTS = [
    "駅前交番連絡協議会",
    "　全角の空白で始まる",
    "末尾に空白 ",
    "改行を\n含む協議内容",
    "制御\x01文字と_x0008_の字面",
    "A&B <c> 比較",
    "\ufffe",
    "",
]


def _table(rows: int) -> pd.DataFrame:
    """Every kind of column: repeated and distinct texts, status words, numbers with gaps,
    dates, months, percentages."""
    distinct = [
        f"協議事項{i}：通学路の安全対策について、見守り活動の時間帯と人員の配置を話し合った。"
        * (1 + i % 3)
        for i in range(rows)
    ]
    return pd.DataFrame(
        {
            "警察署": [f"第{i % 7}警察署" for i in range(rows)],
            "協議会名": [ODD_TEXTS[i % len(ODD_TEXTS)] for i in range(rows)],
            "状況": [("実施済", "督促", "計画なし", "予定")[i % 4] for i in range(rows)],
            "開催日": pd.to_datetime(
                [date(2026, 4, 1) + pd.Timedelta(days=i % 300) for i in range(rows)]
            ),
            "予定月": pd.to_datetime([date(2026, 4 + i % 9, 1) for i in range(rows)]),
            "出席者数": [math.nan if i % 11 == 0 else float(i % 40) for i in range(rows)],
            "割合": [i / 7 for i in range(rows)],
            "協議事項": distinct,
            "備考": [("名簿外", "", "遅れ 12日", None)[i % 4] for i in range(rows)],
            "ファイル": [f"reports/第{i}号.xlsx" for i in range(rows)],
        }
    )


def _write(path: Path, *, streamed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not streamed:
        monkeypatch.setattr(B, "write_rows", lambda *a, **k: None)
    scratch = path.parent / f"scratch-{path.stem}"
    scratch.mkdir()
    book = B.Book(path, "令和8年度", date(2026, 11, 30), "全警察署", ["注記"], scratch=scratch)
    df = _table(R.CACHE_TRIAL + 300)  # long enough for the free-text column to stop caching
    styles = [None] * len(df)
    styles[5] = "小計"
    styles[-1] = "合計"
    # xlsxwriter numbers a format when it writes the row that first uses it, and writes a
    # sheet's last row only when the sheet is finished: a line under each table makes it
    # finish that row there, so both ways number the formats in the same order.
    one = B.table_sheet(book, "一覧", df, row_styles=styles)
    one.write_string(B.HEADER_ROW + len(df) + 2, 0, "以上", book.subtitle)
    ws = book.sheet("グラフ", "グラフ")
    small = df.head(12)[["警察署", "出席者数"]]
    spans = B.stacked_tables(book, ws, [small, small.head(5)], widest=20)
    chart = book.wb.add_chart({"type": "bar"})
    top, end = spans[0]
    chart.add_series({"categories": ["グラフ", top + 1, 0, end, 0],
                      "values": ["グラフ", top + 1, 1, end, 1]})  # fmt: skip
    ws.insert_chart(spans[-1][1] + 3, 0, chart)  # placed by the rows' heights above it
    ws.write_string(spans[-1][1] + 2, 0, "以上", book.subtitle)
    colours = {"状況": {"予定": "grey"}}
    ws2 = book.sheet("色", "色")
    last = B.write_table(book, ws2, df.head(40), B.HEADER_ROW, colours=colours)
    ws2.write_string(last + 2, 0, "以上", book.subtitle)
    close_book(book.wb)
    monkeypatch.undo()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_streamed_rows_are_the_cells_xlsxwriter_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "cells.xlsx", streamed=False, monkeypatch=monkeypatch)
    _write(tmp_path / "rows.xlsx", streamed=True, monkeypatch=monkeypatch)
    cells, rows = _parts(tmp_path / "cells.xlsx"), _parts(tmp_path / "rows.xlsx")
    assert sorted(cells) == sorted(rows)
    different = [name for name in cells if cells[name] != rows[name]]
    assert different == []
    sheet = rows["xl/worksheets/sheet1.xml"].decode()
    assert "_x005F_x0008_" in sheet and "_x0001_" in sheet  # escaped as Excel expects
    assert 'xml:space="preserve">　全角' in sheet
    # The chart sits below the tables, where the streamed rows' heights put it.
    assert b"<xdr:row>" in rows["xl/drawings/drawing1.xml"]


def test_the_streamed_workbook_reads_back_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "rows.xlsx", streamed=True, monkeypatch=monkeypatch)
    ws = openpyxl.load_workbook(tmp_path / "rows.xlsx")["一覧"]
    df = _table(R.CACHE_TRIAL + 300)
    first = B.HEADER_ROW + 2  # 1-based row of the first record
    assert [c.value for c in ws[B.HEADER_ROW + 1]][:3] == ["警察署", "協議会名", "状況"]
    for i in (0, 1, 3, 11, 2047, 2048, len(df) - 2):
        row = [c.value for c in ws[first + i]]
        assert row[0] == df["警察署"][i]
        assert row[3].date() == df["開催日"][i].date()
        assert row[5] == (None if i % 11 == 0 else i % 40)
        assert row[7] == df["協議事項"][i]
    assert ws.cell(first + 3, 4).number_format == B.DATE_FORMAT
    assert ws.cell(first + 1, 3).fill.fgColor.rgb.endswith("FFC7CE")  # 督促: red
    assert ws.cell(first + 5, 1).font.b  # the 小計 row is bold
    # 協議事項 once, twice, three times: each row as tall as its wrapped text
    heights = [ws.row_dimensions[first + i].height for i in range(3)]
    assert heights[0] >= 2 * B.LINE_HEIGHT and heights[0] < heights[1] < heights[2]
    assert ws.cell(first + len(df) - 1, 1).value == df["警察署"].iloc[-1]  # the 合計 row
    assert ws.cell(first + len(df), 1).value is None
    assert ws.max_row == first + len(df) + 1  # the line written under the table


@pytest.mark.parametrize("streamed", [True, False])
def test_text_that_looks_like_markup_stays_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    # xlsxwriter copies a string shaped "<r>…</r>" into the file as rich-text markup: with
    # a bare & it is a file Excel must repair. Both ways of writing keep it as text.
    path = tmp_path / "markup.xlsx"
    if not streamed:
        monkeypatch.setattr(B, "write_rows", lambda *a, **k: None)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    book = B.Book(path, "令和8年度", date(2026, 11, 30), "全警察署", [], scratch=scratch)
    B.table_sheet(book, "一覧", pd.DataFrame({"協議事項": [MARKUP, "<r><t>x</t></r>"]}))
    close_book(book.wb)
    with zipfile.ZipFile(path) as zf:
        ET.fromstring(zf.read("xl/worksheets/sheet1.xml"))  # well-formed
    ws = openpyxl.load_workbook(path)["一覧"]
    assert ws.cell(B.HEADER_ROW + 2, 1).value == MARKUP
    assert ws.cell(B.HEADER_ROW + 3, 1).value == "<r><t>x</t></r>"


def test_the_summary_sheets_take_streamed_rows(tmp_path: Path) -> None:
    # Else both ways above would be cell by cell, and equal for nothing.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    book = B.Book(tmp_path / "s.xlsx", "令和8年度", date(2026, 11, 30), "全", [], scratch=scratch)
    assert R.supported(book.sheet("一覧", "一覧"))
    book.wb.close()


def test_a_sheet_that_cannot_take_streamed_rows_is_written_cell_by_cell(tmp_path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "plain.xlsx"))  # not constant_memory
    ws = wb.add_worksheet()
    assert not R.supported(ws)
    columns = B.columns_of(pd.DataFrame({"協議事項": ["a"]}))
    assert R.write_rows(None, ws, columns, 3, 1, line_height=13.5) is None  # type: ignore[arg-type]
    wb.close()


def test_a_cell_keeps_at_most_what_excel_holds() -> None:
    emoji = fit_cell("😀" * 20_000, 32_000)  # 40,000 UTF-16 units
    assert len(emoji.encode("utf-16-le")) // 2 == 32_767
    assert emoji.endswith("😀…（以下省略）")
    kana = fit_cell("あ" * 40_000, 32_000)
    assert len(kana) == 32_000 + len("…（以下省略）")
    assert fit_cell("短い", 32_000) == "短い"


def test_a_column_of_free_text_stops_remembering_its_cells(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    book = B.Book(tmp_path / "c.xlsx", "令和8年度", date(2026, 11, 30), "全", [], scratch=scratch)
    ws = book.sheet("一覧", "一覧")
    n = R.CACHE_TRIAL + 10
    df = pd.DataFrame({"警察署": [f"第{i % 9}警察署" for i in range(n)],
                       "協議事項": [f"協議事項{i}" for i in range(n)]})  # fmt: skip
    stations, topics = (R._Cells(book, ws, col, None) for col in B.columns_of(df))
    for i in range(n):
        assert stations.cell(df["警察署"][i]) == stations.make(df["警察署"][i])
        assert topics.cell(df["協議事項"][i]) == topics.make(df["協議事項"][i])
    assert stations.cache is not None and len(stations.cache) == 9
    assert topics.cache is None  # every value new: nothing kept
    book.wb.close()
