"""A register whose meetings take different numbers of rows, confirmed once: a meeting
starts at each box of one column (「下へ A列の枠ごと」), and each is read over its own rows,
however many the next register in that layout gives it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from layout_cycle import proof_rows

from toolkit.catalogue.reading import HQ_ONLY, WHERE_JUDGED
from toolkit.check import Options, check_file
from toolkit.cli import main
from toolkit.excel.proofsheet import parse_repeat, parse_repeat_column, repeat_text
from toolkit.reading.layouts import load_layouts
from toolkit.rules import Context
from toolkit.settings import Settings

SETTINGS = Settings(today=date(2026, 11, 25))
HEADER = (
    "交番・駐在所名", "協議会名", "開催日", "時間", "開催場所", "種別",
    "警察官", "民間", "区分", "協議事項", "要望事項", "措置・回答",
)  # fmt: skip
# One meeting: its single values, then (区分, 協議事項, 要望事項, 措置・回答) a row each.
Meeting = tuple[tuple[object, ...], list[tuple[str | None, str | None, str | None, str | None]]]
MEETINGS: list[Meeting] = [
    (
        ("南口交番", "南口交番連絡協議会", date(2026, 4, 21), "14:00～15:00", "南口会館", "定期", 2, 9),
        [
            ("交番等の活動状況", "新年度の体制", "街灯の修理", "市に伝えた。"),
            ("その他", "防犯教室の日程", None, None),
        ],
    ),
    (
        ("西山駐在所", "西山地区駐在所連絡協議会", date(2026, 5, 12), "10:00～11:00", "西山集会所", "定期", 1, 6),
        [("地域の祭礼等の催事・行事", "夏祭りの警備", None, None)],
    ),
    (
        ("南口交番", "南口交番連絡協議会", date(2026, 7, 8), "19:00～20:00", "南口会館", "臨時", 2, 12),
        [
            ("地域住民等に身近な事件・事故等の発生状況", "自転車盗の多発", "防犯登録の呼び掛け", "広報紙に載せる。"),
            ("交番等の活動状況", "夜間の警らの強化", None, None),
            ("その他", "次回の日程", "駐輪場の照明", None),
        ],
    ),
]  # fmt: skip


def _register(path: Path, meetings: list[Meeting], *, merged: bool = True) -> Path:
    """The station's register: a title, the station line, a header row, one block of rows
    per meeting (its single values in boxes merged down over its rows, or written on its
    first row only when not `merged`), and a note under the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "開催状況"
    ws["A1"] = "令和８年度　交番・駐在所連絡協議会開催状況"
    ws["A2"] = "所属：南川警察署"
    ws.merge_cells("A2:L2")
    for c, text in enumerate(HEADER, 1):
        ws.cell(4, c, text)
    r = 5
    for single, rows in meetings:
        for c, value in enumerate(single, 1):
            ws.cell(r, c, value)
            if merged and len(rows) > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + len(rows) - 1, end_column=c)
        for k, row in enumerate(rows):
            for c, value in enumerate(row, 9):
                ws.cell(r + k, c, value)
        r += len(rows)
    ws.cell(r + 1, 1, "※ 上半期に開催したものを記載")
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=12)
    wb.save(path)
    return path


def _expected(meeting: Meeting) -> dict[str, object]:
    single, rows = meeting
    start, end = str(single[3]).split("～")
    return {
        "facility_name": single[0],
        "council_name": single[1],
        "date": single[2].isoformat(),  # type: ignore[attr-defined]
        "start_time": start,
        "end_time": end,
        "venue": single[4],
        "meeting_type": {"定期": "regular", "臨時": "extraordinary"}[str(single[5])],
        "police_attendees": single[6],
        "civilian_attendees": single[7],
        "affiliation": "南川警察署",
        "agenda": [{"category": cat, "topic": topic, "remarks": None} for cat, topic, _, _ in rows],
        "requests": [
            {"request": req, "response": resp} for _, _, req, resp in rows if req is not None
        ],
    }


def _invoke(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _confirmed(book: Path, tmp_path: Path) -> Path:
    """`kyogikai layout`, then `--confirm` of the proof as it was written; the layouts."""
    out = _invoke("layout", book, "-o", tmp_path / "proofs")
    assert out.exit_code == 0, out.output
    (proof,) = sorted((tmp_path / "proofs").glob("*_読取確認.xlsx"))
    layouts = tmp_path / "様式"
    result = _invoke("layout", "--confirm", proof, "--layouts", layouts, "--by", "地域指導係 山田")
    assert result.exit_code == 0, result.output
    return layouts


def _read(book: Path, layouts: Path) -> list[tuple[dict[str, object], list[str], object]]:
    result = check_file(book, Options(Context(SETTINGS), layouts=load_layouts(layouts)))
    out = []
    for c in result.reports:
        assert c.report is not None
        reading = c.reading() or {}
        out.append((c.report.to_json(), [f.code for f in c.findings], reading.get("method")))
    return out


def _same(record: dict[str, object], want: dict[str, object]) -> None:
    assert {k: record[k] for k in want} == want


def test_the_proof_of_a_register_proposes_a_meeting_per_box_of_its_first_column(
    tmp_path: Path,
) -> None:
    book = _register(tmp_path / "上半期.xlsx", MEETINGS)
    out = _invoke("layout", book, "-o", tmp_path / "proofs")
    assert out.exit_code == 0, out.output
    (proof,) = sorted((tmp_path / "proofs").glob("*_読取確認.xlsx"))
    ws = openpyxl.load_workbook(proof)["読取結果"]
    repeat = [r[8] for r in ws.iter_rows(values_only=True) if r[6] == "繰り返し"]
    assert repeat == ["下へ A列の枠ごと"]
    rows = proof_rows(ws)
    # the first meeting's table rows only: the ones under it are the next meetings'
    assert sorted(rows.table("agenda")) == [1, 2]
    assert rows.rows["agenda_2_topic"][1:] == ("J6", "防犯教室の日程")


def test_each_meeting_of_a_confirmed_register_is_read_over_its_own_rows(tmp_path: Path) -> None:
    book = _register(tmp_path / "上半期.xlsx", MEETINGS)
    layouts = _confirmed(book, tmp_path)
    (stored,) = layouts.glob("*.json")
    assert '"repeat": {"rows": 2, "cols": 0, "column": "A"}' in stored.read_text("utf-8")
    got = _read(book, layouts)
    assert len(got) == 3  # the note under the table is no meeting
    for (record, codes, method), meeting in zip(got, MEETINGS, strict=True):
        assert method == "confirmed"
        _same(record, _expected(meeting))
        assert not (WHERE_JUDGED | HQ_ONLY) & set(codes), codes


@pytest.mark.parametrize("merged", [True, False])
def test_another_register_in_the_layout_with_other_heights_reads_exactly(
    tmp_path: Path, merged: bool
) -> None:
    """Confirmed on one register; the next one has a first meeting of four rows, one of
    one row, and (unmerged) its single values only on each meeting's first row."""
    layouts = _confirmed(_register(tmp_path / "上半期.xlsx", MEETINGS), tmp_path)
    four = (
        MEETINGS[2][0],
        [
            *MEETINGS[2][1],
            ("交番等の活動状況", "歳末特別警戒", "子どもの見守り", "学校と調整する。"),
        ],
    )
    later = [four, MEETINGS[1], MEETINGS[0]]
    book = _register(tmp_path / "下半期.xlsx", later, merged=merged)
    got = _read(book, layouts)
    assert [m for _, _, m in got] == ["confirmed"] * 3
    for (record, codes, _), meeting in zip(got, later, strict=True):
        _same(record, _expected(meeting))
        assert not (WHERE_JUDGED | HQ_ONLY) & set(codes), codes


def test_the_repeat_by_a_column_is_read_as_people_write_it() -> None:
    assert parse_repeat_column("下へ A列の枠ごと") == 0
    assert parse_repeat_column("Ｂ列ごと") == 1
    assert parse_repeat_column("下へ aa列の欄ごと") == 26
    assert parse_repeat_column("下へ 3行ごと") is None
    assert parse_repeat("下へ 3行ごと") == (3, 0)
    assert repeat_text(3, 0, 2) == "下へ C列の枠ごと"
