"""The third-round corpus (tests/corpus/make_round3.py) reads exactly as expected, and every
printed cell of every corpus sheet is accounted for: a label, a value, a decoration, or
text the record names as unread (SPEC, "Layouts HQ confirms")."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from toolkit.check import Options, check_file
from toolkit.cli import main
from toolkit.reading.read import read_workbook
from toolkit.rules import Context
from toolkit.settings import Settings

CORPORA = Path(__file__).parent / "corpus"
CORPUS = CORPORA / "round3"
BOOKS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))
EVERY = sorted(
    p
    for folder in (
        "layouts", "legacy", "round2_cells", "round2_shapes", "round3", "blind", "blind2", "blind3"
    )
    for p in (CORPORA / folder).iterdir()
    if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods")
)
NAMED = ("I1.unread-text", "I1.unread-requests", "I1.conflict")


@pytest.fixture(scope="module")
def options() -> Options:
    # How the reading went is what this corpus checks; that these layouts are not yet
    # confirmed by HQ (S3.unconfirmed-layout) is checked in test_layout_maps.py.
    settings = Settings(today=date(2026, 11, 25), disabled=frozenset({"S3.unconfirmed-layout"}))
    return Options(Context(settings))


def test_corpus_has_every_habit_of_the_issue() -> None:
    names = {p.stem for p in BOOKS}
    for needed in (
        "document_one_cell",
        "colon_column",
        "category_circled_legend",
        "category_katakana_legend",
        "counts_as_names",
        "times_hhmm",
        "year_in_title",
        "older_words",
        "request_answer_one_cell",
        "word_table_paste",
        "hogan_one_char",
        "checkbox_controls",
        "checkbox_in_cells",
        "input_and_print",
        "hidden_helpers",
        "placeholder_reporter",
        "hidden_previous_rows",
        "hidden_previous_rows_xls",
        "hidden_previous_rows_ods",
        "month_sheets",
        "register_rows",
        "register_columns",
        "stacked_forms",
        "side_by_side_blank",
        "nothing_lists",
        "label_notes",
    ):
        assert needed in names


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.name)
def test_round3_reads_as_expected(book: Path, options: Options) -> None:
    expected = json.loads((CORPUS / f"{book.stem}.expected.json").read_text(encoding="utf-8"))
    result = check_file(book, options)
    got = [
        {
            "sheet": c.sheet,
            "status": c.status,
            "area": (c.reading() or {}).get("area"),
            "report": c.report.to_json() if c.report else None,
            "issues": [
                {
                    "severity": str(f.severity),
                    "code": f.code,
                    "field": f.field,
                    "cell": str(f.cell) if f.cell is not None else None,
                }
                for f in c.findings
            ],
        }
        for c in result.reports
    ]
    assert got == expected["reports"]
    skipped = dict(result.skipped)
    assert set(skipped) == {sheet for sheet, _ in expected["skipped"]}
    for sheet, words in expected["skipped"]:
        assert words in skipped[sheet], (sheet, skipped[sheet])


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.name)
def test_every_inference_names_a_cell_of_its_sheet(book: Path, options: Options) -> None:
    for checked in check_file(book, options).reports:
        for finding in checked.findings:
            if finding.code.startswith("I1."):
                assert finding.cell is not None
                assert finding.cell.sheet == checked.sheet
                assert finding.cell.a1 in finding.message


@pytest.mark.parametrize("book", EVERY, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_printed_cell_is_accounted_for(book: Path, options: Options) -> None:
    """Each non-empty cell Excel shows on a sheet read as a report is a label, a value,
    a decoration, or not printed (hidden, outside the print area); any other text is
    unread and named, cell by cell, by a finding of the report."""
    read = read_workbook(book.read_bytes(), book.name, explain=True)
    assert read.accounted is not None
    named = {
        str(f.cell)
        for checked in check_file(book, options).reports
        for f in checked.findings
        if f.code in NAMED
    }
    sheets = {raw.sheet for raw in read.reports}
    wb = CalamineWorkbook.from_path(str(book))
    for sheet in sheets:
        kinds = read.accounted[sheet]
        ws = wb.get_sheet_by_name(sheet)
        inside = _inside_merges(ws.merged_cell_ranges or [])
        for r, row in enumerate(ws.to_python(skip_empty_area=False)):
            for c, value in enumerate(row):
                if value in ("", None) or (isinstance(value, str) and not value.strip()):
                    continue
                if (r, c) in inside:
                    continue  # left inside a merged box: Excel does not show it
                kind = kinds.get((r, c))
                assert kind in ("label", "value", "decoration", "unread", "unprinted"), (
                    sheet,
                    r,
                    c,
                    value,
                )
                if kind == "unread":
                    where = f"{sheet}!{_a1(r, c)}"
                    assert where in named, (where, value)


def _inside_merges(merges: list[tuple[tuple[int, int], tuple[int, int]]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in merges:
        for r in range(r0, min(r1, r0 + 200) + 1):
            for c in range(c0, min(c1, c0 + 100) + 1):
                if (r, c) != (r0, c0):
                    out.add((r, c))
    return out


def _a1(r: int, c: int) -> str:
    letters = ""
    n = c + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{r + 1}"


def test_unread_text_is_named_with_its_cell_and_counted_in_json() -> None:
    out = CliRunner().invoke(main, ["check", "--json", str(CORPUS / "unread_memo.xlsx")])
    line = json.loads(out.stdout.splitlines()[0])
    assert line["status"] == "warning"
    assert line["reading"]["method"] == "labels"
    assert line["reading"]["unread"] == 1
    assert line["reading"]["unread_share"] == round(1 - line["reading"]["coverage"], 3) > 0
    (unread,) = [i for i in line["issues"] if i["code"] == "I1.unread-text"]
    assert unread["cell"] == "報告書!B19"
    assert "委員の任期は来年3月まで" in unread["message"]


def test_several_meetings_on_one_sheet_each_have_their_area_in_json() -> None:
    out = CliRunner().invoke(main, ["check", "--json", str(CORPUS / "register_rows.xlsx")])
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    assert [(x["sheet"], x["reading"]["area"], x["report"]["date"]) for x in lines] == [
        ("開催状況", "A5:J5", "2026-07-09"),
        ("開催状況", "A6:J7", "2026-10-15"),
    ]


def test_a_blank_copy_beside_a_report_is_listed_with_its_area(options: Options) -> None:
    result = check_file(CORPUS / "side_by_side_blank.xlsx", options)
    assert [c.sheet for c in result.reports] == ["報告書"]
    ((sheet, reason),) = result.skipped
    assert sheet == "報告書"
    assert reason.startswith("H1:L17の範囲は、記入のない様式")


def test_hidden_rows_are_not_read_but_kept_to_explain() -> None:
    book = CORPUS / "hidden_previous_rows.xlsx"
    read = read_workbook(book.read_bytes(), book.name, explain=True)
    assert read.accounted is not None
    kinds = read.accounted["報告書"]
    hidden = {at for at, kind in kinds.items() if kind == "unprinted"}
    # the （前回） agenda row and request row, every cell of them
    assert {r for r, _ in hidden} == {12, 16}  # rows 13 and 17 of the sheet
    (raw,) = read.reports
    assert all("前回" not in str(c.value) for row in raw.agenda for c in row)


BLIND = CORPORA / "blind"


@pytest.mark.skipif(not (BLIND / "score.py").exists(), reason="the blind corpus is not here")
@pytest.mark.parametrize("part", ["blind", "blind2", "blind3"])
def test_the_blind_corpus_development_part_has_nothing_silently_wrong(part: str) -> None:
    """Workbooks written by a hand that never read the reader (tests/corpus/blind and
    blind2, two sets by two hands): no report missed, no sheet that is not a report read
    as one, no value wrong without a finding naming it — a guard against regressions on
    layouts nobody tuned to."""
    import subprocess
    import sys

    command = f"{sys.executable} -m toolkit"
    folder = CORPORA / part
    out = subprocess.run(
        [sys.executable, str(BLIND / "score.py"), str(folder), "--cmd", command, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=600,
    )
    total = json.loads(out.stdout)["total"]
    assert (total["missed"], total["nonreports"], total["silent"]) == (0, 0, 0), total
    assert total["exact"] >= 0.97 * total["fields"], total


def test_a_value_that_says_nothing_is_no_value(tmp_path: Path, options: Options) -> None:
    """A ditto mark, a dash, a 〇〇 left from the blank form or a 「：」 in a field's box
    is no value: the field is empty and said so at that box, never read as 「〃」."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "報告書"
    rows = [
        ("所属", "中央警察署"),
        ("報告者", "〃"),
        ("警電", "―"),
        ("協議会名", "駅前交番連絡協議会"),
        ("施設名", "駅前交番"),
        ("開催日時", "令和8年10月15日 14:00～15:30"),
        ("開催場所", "〇〇"),
        ("出席者数", "警察官2人・民間10人"),
        ("会議種別", "定期"),
        ("協議内容等", "年末の警戒について協議した。"),
        ("出席警察官名", "："),
    ]
    for i, (label, value) in enumerate(rows, start=1):
        ws.cell(i, 1, label)
        ws.cell(i, 2, value)
    path = tmp_path / "nothing.xlsx"
    wb.save(path)
    (checked,) = check_file(path, options).reports
    assert checked.report is not None
    record = checked.report.to_json()
    assert (record["reporter"], record["phone"], record["venue"], record["officers"]) == (
        None,
        None,
        None,
        [],
    )
    assert record["affiliation"] == "中央警察署" and record["civilian_attendees"] == 10
    missing = {(f.field, str(f.cell)) for f in checked.findings if f.code == "R1.recommended"}
    assert missing == {
        ("reporter", "報告書!B2"),
        ("venue", "報告書!B7"),
        ("officers", "報告書!B11"),
    }


@pytest.mark.parametrize(
    "legend",
    [
        "区分　ア：交番等の活動状況　イ：地域住民等に身近な事件・事故等の発生状況　"
        "ウ：地域の祭礼等の催事・行事　エ：その他",
        "（区分）ア交番等の活動状況、イ地域住民等に身近な事件・事故等の発生状況、"
        "ウ地域の祭礼等の催事・行事、エその他",
    ],
)
def test_a_legend_across_the_table_is_no_item_and_explains_the_codes(
    tmp_path: Path, options: Options, legend: str
) -> None:
    """A legend of the 区分 codes in one box across the whole table, right under its
    rows and without a ※: not an agenda item, and the codes are read through it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "報告書"
    head = [
        ("所属", "中央警察署"),
        ("協議会名", "駅前交番連絡協議会"),
        ("施設名", "駅前交番"),
        ("開催日時", "令和8年10月15日 14:00～15:30"),
        ("開催場所", "駅前町内会館"),
        ("出席者数", "警察官2人・民間10人"),
        ("会議種別", "定期"),
    ]
    for i, (label, value) in enumerate(head, start=1):
        ws.cell(i, 1, label)
        ws.cell(i, 2, value)
    ws["A8"], ws["B8"], ws["D8"] = "区分", "協議事項", "備考"
    ws.merge_cells("B8:C8")
    for r, (code, topic) in enumerate((("ア", "年末の特別警戒"), ("ウ", "秋まつりの警備")), 9):
        ws.cell(r, 1, code)
        ws.cell(r, 2, topic)
        ws.merge_cells(f"B{r}:C{r}")
    ws["A11"] = legend
    ws.merge_cells("A11:D11")
    ws["A12"], ws["B12"] = "協議内容等", "警戒の日程を確認した。"
    path = tmp_path / "legend.xlsx"
    wb.save(path)
    (checked,) = check_file(path, options).reports
    assert checked.report is not None
    assert [(a["category"], a["topic"]) for a in checked.report.to_json()["agenda"]] == [
        ("交番等の活動状況", "年末の特別警戒"),
        ("地域の祭礼等の催事・行事", "秋まつりの警備"),
    ]
    legends = [str(f.cell) for f in checked.findings if f.code == "I1.legend"]
    assert legends == ["報告書!A9", "報告書!A10"]
    assert not [f for f in checked.findings if f.code == "I1.unread-text"]
