"""グラフ: the charts' data tables on the left, native charts on the right.

Every figure covers the sheet's period; the requests chart shows the period's requests by
status, and the requests carried forward from earlier periods as series of their own,
labelled （継続）. A meeting whose type could not be read is counted as 種別不明.
"""

from __future__ import annotations

import math
from typing import Any

from toolkit.aggregate import Summary
from toolkit.rules.requests import CANDIDATE
from toolkit.writing.summary.book import HEADER_ROW, Book, column_series, missing, stacked_tables

SHEET = "グラフ"
STATUS_COLOURS = {
    "回答済": "#70AD47",
    "対応中": "#FFC000",
    "未回答": "#C00000",
    "問題解決活動": "#7030A0",
}


def chart_sheet(book: Book, s: Summary) -> None:
    ws = book.sheet(SHEET, "グラフ", header_row=None)
    ws.freeze_panes(HEADER_ROW, 0)
    stations, months, answers = s.by_station, s.by_month, s.request_status
    # The requests' table and chart start the second printed page together, below the
    # first two charts: no page holds a few stray rows of a table, no chart is cut.
    second_page = HEADER_ROW + 33
    (top, end1), (top2, end2), (top3, end3) = stacked_tables(
        book, ws, (stations, months, answers), widest=10.0, lowest=(0, 0, second_page + 1)
    )
    n = max(len(stations), 1)
    anchor = max(len(stations.columns), len(months.columns), len(answers.columns)) + 1
    wb = book.wb

    bars = wb.add_chart({"type": "column", "subtype": "stacked"})
    kinds = [("定期会議", "#4472C4"), ("臨時会議", "#ED7D31"), ("種別不明", "#A5A5A5")]
    for name, color in kinds:
        j = list(stations.columns).index(name)
        bars.add_series(column_series(SHEET, top, end1, j, color))
    bars.set_title({"name": "警察署別 開催数（定期・臨時・種別不明）", "name_font": {"size": 12}})
    bars.set_y_axis(_count_axis("回", stations["開催計"].max()))
    bars.set_legend({"position": "bottom"})
    bars.set_size({"width": 540, "height": 300})
    ws.insert_chart(HEADER_ROW, anchor, bars)

    monthly = wb.add_chart({"type": "column", "subtype": "stacked"})
    for name, color in kinds:
        j = list(months.columns).index(name)
        monthly.add_series(column_series(SHEET, top2, end2, j, color))
    line = wb.add_chart({"type": "line"})
    j = list(months.columns).index("民間出席者")
    line.add_series(
        {
            "name": [SHEET, top2, j],
            "categories": [SHEET, top2 + 1, 0, end2, 0],
            "values": [SHEET, top2 + 1, j, end2, j],
            "y2_axis": True,
            "line": {"color": "#C00000", "width": 2.25},
            "marker": {
                "type": "circle",
                "size": 6,
                "fill": {"color": "#C00000"},
                "border": {"color": "#C00000"},
            },
        },
    )
    monthly.combine(line)
    monthly.set_title(
        {"name": f"月別 開催数と民間出席者（{s.period.fy_label}）", "name_font": {"size": 12}}
    )
    monthly.set_y_axis(_count_axis("開催数（回）", months["開催数"].max()))
    line.set_y2_axis(_count_axis("民間出席者（人）", months["民間出席者"].max()))
    monthly.set_legend({"position": "bottom"})
    monthly.set_size({"width": 540, "height": 300})
    ws.insert_chart(HEADER_ROW + 16, anchor, monthly)

    requests = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for j, name in enumerate(answers.columns):
        if j == 0 or name == CANDIDATE:
            continue  # 長期 is a mark on requests already counted by their status
        base = name.replace("（継続）", "")
        series = column_series(SHEET, top3, end3, j, STATUS_COLOURS.get(base, "#A5A5A5"))
        if name.endswith("（継続）"):
            series["pattern"] = {
                "pattern": "wide_upward_diagonal",
                "fg_color": STATUS_COLOURS.get(base, "#A5A5A5"),
                "bg_color": "#FFFFFF",
            }
            del series["fill"]
        requests.add_series(series)
    requests.set_title(
        {"name": f"要望事項の状況（{s.period.label}・警察署別）", "name_font": {"size": 12}}
    )
    total = answers.drop(columns=[answers.columns[0], CANDIDATE]).sum(axis=1).max()
    requests.set_x_axis(_count_axis("件", total))
    requests.set_y_axis({"reverse": True})
    requests.set_legend({"position": "bottom"})
    requests.set_size({"width": 540, "height": max(320, 32 * n + 160)})
    ws.set_h_pagebreaks([top3 - 1])
    ws.insert_chart(top3, anchor, requests)


def _count_axis(name: str, largest: Any) -> dict[str, Any]:
    """A value axis for counts: from 0, whole-number steps (no 0.5 meetings)."""
    top = 0 if missing(largest) else int(largest)
    step = max(1, math.ceil(top / 8))
    if step > 5:
        magnitude = 10 ** (len(str(step)) - 1)
        step = math.ceil(step / magnitude) * magnitude
    return {
        "name": name,
        "min": 0,
        "major_unit": step,
        "num_format": "0",
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    }
