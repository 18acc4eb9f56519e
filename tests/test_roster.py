"""`kyogikai roster` on the sample registry: the workbook shows the planted problems where HQ
looks for them, --json prints the findings as JSON Lines, exit statuses follow SPEC, and
every page prints legibly on A4."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from printed import page_type_sizes, to_pdf

from toolkit import jobs
from toolkit.cli import main
from toolkit.fileio import output_kind
from toolkit.samples import MEMBERS_DOC, fictional_registry, roster_notes, write_samples
from toolkit.settings import Settings
from toolkit.writing import roster as roster_writer
from toolkit.writing.registry_io import write_registry
from toolkit.writing.roster import SHEETS

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "samples" / "registry.xlsx"
AS_OF = "2026-11-01"  # the day the sample terms were drawn around (samples/README-members.md)


@pytest.fixture(scope="module")
def sample_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample registry as the generator makes it (the committed file is the same
    registry, with its yearly plan)."""
    path = tmp_path_factory.mktemp("registry") / "registry.xlsx"
    write_registry(fictional_registry(0), path, created=datetime(2026, 4, 1))
    return path


@pytest.fixture(scope="module")
def book(sample_registry: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("roster") / "委員名簿の点検.xlsx"
    result = CliRunner().invoke(
        main, ["roster", "--registry", str(sample_registry), "--as-of", AS_OF, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "協議会 67、委員 669人を点検。指摘 315件（56協議会）" in result.output
    return out


def rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()


def table(path: Path, sheet: str, header: str) -> list[dict[str, Any]]:
    """The rows of the table whose header row starts with `header`, as dicts."""
    lines = rows(path, sheet)
    start = next(i for i, r in enumerate(lines) if r and r[0] == header)
    names = lines[start]
    out = []
    for line in lines[start + 1 :]:
        if not line or line[0] is None:
            break
        out.append({n: v for n, v in zip(names, line, strict=False) if n is not None})
    return out


# --- the workbook ---------------------------------------------------------------------------


def test_sheets_and_the_output_mark(book: Path) -> None:
    wb = openpyxl.load_workbook(book, read_only=True)
    assert (
        wb.sheetnames == list(SHEETS) == ["概況", "構成", "任期満了", "長期在任", "指摘", "グラフ"]
    )
    wb.close()
    assert output_kind(book) == "roster"


def test_the_overview_counts_the_planted_problems(book: Path) -> None:
    figures = {r["項目"]: r for r in table(book, "概況", "項目")}
    assert figures["協議会"]["協議会数"] == 67 and figures["委員"]["人数・件数"] == 669
    assert (
        figures["任期が満了した委員"]["人数・件数"],
        figures["任期が満了した委員"]["協議会数"],
    ) == (77, 8)
    soon = figures["任期満了まで3か月以内の委員"]
    assert (soon["人数・件数"], soon["協議会数"]) == (142, 14)
    assert figures["初委嘱から8年超の委員"]["人数・件数"] == 86
    # C040 is a 職種等 council: M2 is not asked of it (Art. 5(2))
    assert figures["M2 リーダーの割合の指摘"]["協議会数"] == 6
    assert figures["M5 性別・年代・職業の指摘"]["人数・件数"] == 1
    assert figures["M6 運営責任者の指摘"]["人数・件数"] == 2
    assert figures["指摘の合計"]["人数・件数"] == 315


def test_the_station_table_adds_up(book: Path) -> None:
    lines = rows(book, "概況")
    head = next(r for r in lines if r and "警察署" in r)
    at = head.index("警察署")
    stations = {
        r[at]: r[at:] for r in lines[lines.index(head) + 1 :] if r and len(r) > at and r[at]
    }
    names = head[at:]
    total = dict(zip(names, stations["合計"], strict=False))
    assert (total["協議会"], total["委員"], total["指摘計"]) == (67, 669, 315)
    east = dict(zip(names, stations["東山警察署"], strict=False))
    assert east["M6\n責任者"] == 1  # C026, a 係長 at the 警察署所在地


def test_composition_per_council(book: Path) -> None:
    councils = {r["協議会ID"]: r for r in table(book, "構成", "警察署")}
    assert len(councils) == 67
    asahi = councils["C007"]  # nine men, no women
    assert (asahi["委員数"], asahi["男性"], asahi["女性"], asahi["指摘"]) == (9, 9, 0, "M5")
    kinshi = councils["C005"]  # 5 of 13 community leaders
    assert (kinshi["区分a"] + kinshi["区分b"] + kinshi["区分c"], kinshi["リーダー割合（％）"]) == (
        5,
        38.5,
    )
    # a 職種等 council chooses its members 「その目的等に則して」: no M2, no M5 (Art. 5(2))
    assert councils["C040"]["種別"] == "職種等" and "M2" not in (councils["C040"]["指摘"] or "")
    assert councils["C026"]["指摘"].split() == ["M4", "M6"]
    assert sum(r["委員数"] for r in councils.values()) == 669
    served = ["在任2年未満", "2～4年", "4～8年", "8年超", "在任不明"]
    assert all(sum(r[k] for k in served) == r["委員数"] for r in councils.values())
    ages = [k for k in next(iter(councils.values())) if k.endswith("代")]
    assert ages == ["20代", "30代", "40代", "50代", "60代", "70代", "80代"]


def test_terms_by_month_for_the_appointment_paperwork(book: Path) -> None:
    months = {r["満了月"]: (r["委員数"], r["協議会数"]) for r in table(book, "任期満了", "満了月")}
    assert months["満了済（基準日まで）"] == (77, 8)
    assert (months["2026年11月"][0] + months["2026年12月"][0], months["2027年1月"]) == (142, (0, 0))
    assert list(months)[-1] == "2027年5月"  # six months ahead, to the month's last day
    assert (months["2027年3月"], months["2027年5月"]) == ((316, 31), (133, 14))
    listed = table(book, "任期満了", "任期満了日")  # one row per council and day of the end
    people = Counter()
    for r in listed:
        people[r["状況"]] += r["人数"]
        assert len(r["委員"].split("、")) == r["人数"]
    assert people == {"任期満了": 77, "満了間近": 142}  # M3.expired and M3.ending-soon
    assert len({r["協議会ID"] for r in listed if r["状況"] == "任期満了"}) == 8
    days = [r["任期満了日"] for r in listed]
    assert days == sorted(days)
    central = listed[0]
    assert (central["協議会ID"], central["人数"], central["うちa～c"]) == ("C001", 9, 5)
    assert central["名簿の行"] == "2～10行目"
    assert central["委員"].startswith("鈴木恵、佐藤敏夫")


def test_long_serving_members_longest_first(book: Path) -> None:
    listed = table(book, "長期在任", "警察署")
    assert len(listed) == 86
    years = [r["在任年数"] for r in listed]
    assert years == sorted(years, reverse=True) and min(years) >= 8
    assert all(r["名簿のセル"].startswith("委員!I") for r in listed)  # 初委嘱日


def test_every_finding_once_with_its_article_and_registry_cell(book: Path) -> None:
    listed = table(book, "指摘", "警察署")
    codes = Counter(r["コード"] for r in listed)
    # M3 expired/ending and M4 are on 任期満了 and 長期在任, one member a row.
    assert codes == {"M2.few-leaders": 6, "M6.manager-role": 2, "M5.gender": 1, "M3.term-length": 1}
    ending = sum(r["人数"] for r in table(book, "任期満了", "任期満了日"))
    assert len(listed) + ending + len(table(book, "長期在任", "警察署")) == 315
    assert all(r["根拠"] and r["名簿のセル"] for r in listed)
    managers = [r for r in listed if r["コード"] == "M6.manager-role"]
    assert [(r["協議会ID"], r["根拠"], r["名簿のセル"]) for r in managers] == [
        ("C026", "第3条第6項", "協議会!G27"),
        ("C067", "第3条第6項", "協議会!G68"),
    ]
    assert "運営責任者「地域課係長 警部補 吉田正人」" in managers[0]["内容"]
    long_term = next(r for r in listed if r["コード"] == "M3.term-length")
    assert long_term["協議会ID"] == "C057" and "約4年" in long_term["内容"]
    assert long_term["名簿のセル"].startswith("委員!H")


def test_the_chart_sheet_holds_two_native_charts(book: Path) -> None:
    with zipfile.ZipFile(book) as zf:
        charts = sorted(n for n in zf.namelist() if n.startswith("xl/charts/chart"))
        first = zf.read(charts[0]).decode()
    assert len(charts) == 2
    assert "percentStacked" in first and "グラフ" in first
    groups = table(book, "グラフ", "警察署")
    assert sum(r["区分a"] + r["区分b"] + r["区分c"] + r["その他"] for r in groups) == 669


def test_every_sheet_prints_on_a4_landscape_one_page_wide(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9), ws.title
        assert ws.page_setup.fitToWidth in (1, None) and ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["概況"].page_setup.fitToHeight in (1, None)
    assert wb["構成"].print_area is not None  # the 協議会ID is on screen only


# --- JSON Lines and exit statuses -------------------------------------------------------------


def test_json_lines_are_check_findings_with_their_council(sample_registry: Path) -> None:
    result = CliRunner().invoke(
        main, ["roster", "--registry", str(sample_registry), "--as-of", AS_OF, "--json"]
    )
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 315
    assert all(
        set(x) == {"severity", "code", "field", "cell", "message", "council_id"} for x in lines
    )
    gender = [x for x in lines if x["code"] == "M5.gender"]
    assert gender == [
        {
            "severity": "warning",
            "code": "M5.gender",
            "field": "gender",
            "cell": "協議会!A8",
            "message": gender[0]["message"],
            "council_id": "C007",
        }
    ]
    assert "協議会 67、委員 669人" in result.stderr


def test_the_as_of_day_moves_every_term(sample_registry: Path) -> None:
    later = jobs.roster(sample_registry, Settings(today=datetime(2027, 4, 1).date()), None)
    codes = Counter(f.finding.code for f in later.findings)
    # By April 2027 the terms of March 2027 have ended too.
    assert codes["M3.expired"] > 77 + 142


def test_without_output_or_json_it_is_a_usage_error(sample_registry: Path) -> None:
    result = CliRunner().invoke(main, ["roster", "--registry", str(sample_registry)])
    assert result.exit_code == 2
    assert "-o で書き出すブックを指定してください" in result.output


def test_a_bad_date_is_a_usage_error(sample_registry: Path, tmp_path: Path) -> None:
    args = [
        "roster",
        "--registry",
        str(sample_registry),
        "--as-of",
        "昨日",
        "-o",
        str(tmp_path / "r.xlsx"),
    ]
    assert CliRunner().invoke(main, args).exit_code == 2


def test_it_never_writes_over_the_registry_or_a_file_it_did_not_write(
    sample_registry: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    over = runner.invoke(
        main, ["roster", "--registry", str(sample_registry), "-o", str(sample_registry)]
    )
    assert over.exit_code == 2 and "入力ファイルの一つです" in over.output
    foreign = tmp_path / "大事な表.xlsx"
    openpyxl.Workbook().save(foreign)
    refused = runner.invoke(
        main, ["roster", "--registry", str(sample_registry), "-o", str(foreign)]
    )
    assert refused.exit_code == 2 and "--force" in refused.output
    forced = runner.invoke(
        main, ["roster", "--registry", str(sample_registry), "-o", str(foreign), "--force"]
    )
    assert forced.exit_code == 0 and output_kind(foreign) == "roster"
    again = runner.invoke(main, ["roster", "--registry", str(sample_registry), "-o", str(foreign)])
    assert again.exit_code == 0  # its own output may be replaced


def test_a_registry_without_members_is_an_input_error(tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "名簿.xlsx"
    write_registry(replace(fictional_registry(0), members=()), path)
    result = CliRunner().invoke(
        main, ["roster", "--registry", str(path), "-o", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 2
    assert "「委員」シートに委員が登録されていません" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_a_folder_that_is_missing_is_an_input_error(sample_registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "ない" / "r.xlsx"
    result = CliRunner().invoke(
        main, ["roster", "--registry", str(sample_registry), "-o", str(out)]
    )
    assert result.exit_code == 2 and "フォルダ" in result.output
    csv = CliRunner().invoke(
        main, ["roster", "--registry", str(sample_registry), "-o", str(tmp_path / "r.csv")]
    )
    assert csv.exit_code == 2 and ".xlsx で終わるように" in csv.output


def test_a_disk_that_fails_is_an_operational_error_and_leaves_nothing(
    sample_registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(roster_writer, "_write", full)
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(
        main, ["roster", "--registry", str(sample_registry), "-o", str(out)]
    )
    assert result.exit_code == 3
    assert "書き出せません" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_committed_sample_registry_gives_the_same_findings(sample_registry: Path) -> None:
    # samples/registry.xlsx is the generator's registry (and its yearly plan).
    settings = Settings(today=datetime(2026, 11, 1).date())
    mine = [f.to_json() for f in jobs.roster(sample_registry, settings, None).findings]
    committed = [f.to_json() for f in jobs.roster(REGISTRY, settings, None).findings]
    assert committed == mine


# --- printed ---------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_every_page_is_legible_on_a4(book: Path, tmp_path: Path) -> None:
    pages = page_type_sizes(to_pdf(book, tmp_path))
    small = [(round(size, 1), words) for size, words in pages if size < 8.0]
    assert small == []
    assert len(pages) > 10
    # 概況 fits one page: the second page is already 構成
    assert "概況" in pages[0][1] and "構成" in pages[1][1]


# --- the samples say which councils show which finding ----------------------------------------


def test_the_samples_document_which_councils_show_which_member_finding(tmp_path: Path) -> None:
    committed = (ROOT / "samples" / MEMBERS_DOC).read_text(encoding="utf-8")
    assert committed == roster_notes(fictional_registry(0))  # regenerate with `samples`
    assert "| M5.gender | 性別の偏り | 第3条第3項 | 1 | C007 旭町交番連絡協議会（1） |" in committed
    assert "| M1.size | 委員の人数 | 2の(4)イ(ｱ) | 0 | なし |" in committed
    assert "職種等連絡協議会（C008・C016・C040・C054）" in committed
    write_samples(tmp_path, count=2, seed=3)
    assert (tmp_path / MEMBERS_DOC).read_text(encoding="utf-8") == committed
