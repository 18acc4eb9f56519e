"""HQ's figures mean what they say: the receipt day, the four request words, the main
topics, the councils to act on, members at meetings, and the copies sent back."""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import factories as F
import openpyxl
import pytest
from click.testing import CliRunner

from toolkit import jobs
from toolkit.aggregate import build_summary
from toolkit.aggregate.remind import station_lists
from toolkit.cli import main
from toolkit.fiscal import parse_period
from toolkit.ledger import Ledger
from toolkit.model import EXTRAORDINARY, REGULAR
from toolkit.registry import Member, PlannedMeeting
from toolkit.rules.requests import ANSWERED, OPEN, PENDING, PROBLEM_SOLVING, written_status
from toolkit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TODAY = date(2026, 11, 20)
REGISTRY = F.registry(
    ("C01", "中央警察署", "駅前交番", "駅前交番連絡協議会"),
    ("C02", "中央警察署", "北町駐在所", "北町駐在所連絡協議会"),
    ("E01", "東警察署", "東口交番", "東口交番連絡協議会"),
)


def meeting(cid: str, day: date, **kw: Any) -> Any:
    c = next(c for c in REGISTRY.councils if c.council_id == cid)
    return F.report(station=c.station, council=c.name, facility=c.facility_name, day=day, **kw)


def summarise(tmp_path: Path, reports: list[Any], period: str, registry: Any = REGISTRY) -> Any:
    files = [F.file_result(tmp_path, f"{i}.xlsx", r) for i, r in enumerate(reports)]
    led = Ledger.open(tmp_path / "台帳.db")
    led.ingest(files, context=F.context(registry, TODAY))
    s = build_summary(
        led, parse_period(period), registry=registry, station=None, settings=F.settings(TODAY)
    )
    led.close()
    return s


# --- item 3: the four request words --------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("防犯訓練を１１月に行う予定", PENDING),  # the case: a plan, not an answer
        ("防犯訓練を11月に行う予定です。", PENDING),
        ("設置する方向で調整中", PENDING),
        ("県に上申した。", PENDING),
        ("市へ要望済み", PENDING),
        ("道路管理者に依頼しているところです", PENDING),
        ("管理組合で検討することとなった。", PENDING),
        ("次回の会議で回答します。", PENDING),
        ("防犯灯を設置した。残りは来年度に設置予定です。", PENDING),  # the last clause decides
        ("予定どおり実施した", ANSWERED),  # 予定 inside the clause, not its end
        ("11月設置予定であったが、前倒しで10月に設置した。", ANSWERED),
        ("市に要望したところ、設置された。", ANSWERED),
        ("パトロールを強化する。", ANSWERED),
        ("問題解決活動のテーマとして取り組む", PROBLEM_SOLVING),
        ("", OPEN),
        (None, OPEN),
    ],
)
def test_an_answer_is_judged_by_its_last_clause(answer: str | None, status: str) -> None:
    assert written_status(answer, Settings()) == status


def test_the_pending_words_are_still_a_setting() -> None:
    narrow = Settings(pending_words=("検討中",))
    assert written_status("防犯訓練を11月に行う予定", narrow) == ANSWERED
    assert written_status("引き続き検討中です", narrow) == PENDING


def test_overview_tally_requests_sheet_and_letter_use_the_four_words_alike(
    tmp_path: Path,
) -> None:
    reports = [
        meeting("C01", date(2026, 10, 5), requests=[
            ("街灯", None), ("見回り", "防犯訓練を11月に行う予定"), ("通学路", "立番を強化した"),
        ]),
        meeting("E01", date(2026, 10, 20), requests=[
            ("空き家", "問題解決活動のテーマに設定した"), ("信号機", "県に上申した"),
        ]),
        # from May: open for 203 days, 長期 — a mark, the status stays 未回答
        meeting("C02", date(2026, 5, 1), requests=[("カーブミラー", None)]),
    ]  # fmt: skip
    s = summarise(tmp_path, reports, "2026-10")
    period = s.requests[s.requests["対象"] == "期間内"]
    assert sorted(period["状況"]) == sorted([OPEN, PENDING, ANSWERED, PROBLEM_SOLVING, PENDING])
    carried = s.requests[s.requests["対象"] != "期間内"]
    assert list(zip(carried["状況"], carried["長期"], carried["備考"], strict=True)) == [
        (OPEN, "長期", "問題解決活動の候補")
    ]
    total = s.tally[s.tally["行区分"] == "合計"].iloc[0]
    figures = dict(zip(s.overview.figures["項目"], s.overview.figures["今回"], strict=True))
    assert total["未回答"] == figures["　うち未回答"] == 1
    assert total["対応中"] == figures["　うち対応中"] == 2
    assert figures["　うち問題解決活動"] == 1
    assert figures["前期間から継続の要望"] == 1
    assert figures["長期（問題解決活動の候補）"] == len(s.candidates) == 1
    meetings = s.meetings.set_index("協議会名")
    assert meetings.loc["駅前交番連絡協議会", "未回答"] == 1
    # the station's letter asks about the same 長期 request, in the same words
    with Ledger.open(tmp_path / "台帳.db") as led:
        letters = {x.station: x for x in station_lists(led, REGISTRY, F.settings(TODAY))}
    asked = letters["中央警察署"].requests
    assert list(zip(asked["要望事項"], asked["状況"], asked["経過日数"], strict=True)) == [
        ("カーブミラー", OPEN, 203)
    ]


# --- item 4: 主な協議事項 -----------------------------------------------------------------------


def test_main_topics_are_the_most_frequent_of_each_category(tmp_path: Path) -> None:
    crime = "地域住民等に身近な事件・事故等の発生状況"
    planted = ["車上ねらい"] * 4 + ["特殊詐欺"] * 2 + ["自転車盗"]
    reports = [
        meeting(("C01", "C02", "E01")[i % 3], date(2026, 10, 1 + i),
                agenda=[(crime, topic), ("交番等の活動状況", "年末特別警戒")])
        for i, topic in enumerate(reversed(planted))  # the least frequent first
    ]  # fmt: skip
    s = summarise(tmp_path, reports, "2026-10")
    themes = s.agenda_themes.set_index("区分")
    assert (
        themes.loc[crime, "主な協議事項"] == "車上ねらい（4件）、特殊詐欺（2件）、自転車盗（1件）"
    )
    assert themes.loc[crime, "件数"] == 7
    assert themes.loc["交番等の活動状況", "主な協議事項"] == "年末特別警戒（7件）"


# --- items 8 and 9: the councils to act on, members at meetings ----------------------------


def test_the_overview_says_why_each_extraordinary_meeting_was_held_and_what_others_must_do(
    tmp_path: Path,
) -> None:
    registry = dataclasses.replace(
        REGISTRY,
        plans=(PlannedMeeting(2026, "C02", date(2026, 7, 1), REGULAR, ""),),
    )
    reports = [
        meeting("C01", date(2026, 10, 3), kind=EXTRAORDINARY,
                agenda=[("地域住民等に身近な事件・事故等の発生状況", "声掛け事案の連続発生")],
                requests=[("交差点に信号機を", None), ("街路灯の増設", "市に要望した")]),
    ]  # fmt: skip
    s = summarise(tmp_path, reports, "2026-10", registry)
    actions = [tuple(r) for r in s.overview.actions.itertuples(index=False)]
    assert actions == [
        ("督促", "中央警察署", "北町駐在所", "7月予定・112日経過"),
        ("定期会議なし", "中央警察署", "駅前交番", "年度内の報告なし"),
        ("定期会議なし", "中央警察署", "北町駐在所", "年度内の報告なし"),
        ("定期会議なし", "東警察署", "東口交番", "年度内の報告なし"),
        ("臨時会議", "中央警察署", "駅前交番", "R8.10.3 声掛け事案の…"),
    ]
    figures = dict(zip(s.overview.figures["項目"], s.overview.figures["今回"], strict=True))
    assert figures["計画なしの協議会"] == 2
    # the action list has room for a few characters; the note says why, readably
    assert (
        "臨時会議（1回）の協議事項（第6条第3項・2の(6)ウ）: 駅前交番 R8.10.3「声掛け事案の連続発生」。"
        in s.overview.notes
    )
    notes = "\n".join(s.overview.notes)
    assert (
        "他機関との調整が要る要望（回答済以外、2の(8)）: 信号機・横断歩道 1件、街路灯・防犯灯 1件"
        in notes
    )


def _member(cid: str, n: int, end: date) -> Member:
    return Member(cid, f"委員{n}", "男性", "60代", "自治会長", "a", date(2025, 4, 1), end, None)


def test_civilians_are_counted_against_the_members_serving_on_the_day(tmp_path: Path) -> None:
    ten = tuple(_member("C01", n, date(2027, 3, 31)) for n in range(10))
    expired = tuple(_member("C02", n, date(2026, 9, 30)) for n in range(6))
    four = tuple(_member("E01", n, date(2027, 3, 31)) for n in range(4))
    registry = dataclasses.replace(REGISTRY, members=ten + expired + four)
    reports = [
        meeting("C01", date(2026, 10, 5), civilians=4),  # fewer than half of ten
        meeting("C02", date(2026, 10, 8), civilians=5, discussion="広報紙を配って説明した"),
        meeting("E01", date(2026, 10, 9), civilians=9, discussion="犯罪統計で説明した"),  # > four
    ]
    s = summarise(tmp_path, reports, "2026-10", registry)
    sub = s.submissions.set_index("協議会ID")
    got = sub.loc[["C01", "C02", "E01"], ["委員数", "出席が委員の半数未満", "委員以外の参加",
                                         "全委員の任期後の開催", "広報紙・統計資料"]]  # fmt: skip
    assert [tuple(int(v) for v in row) for row in got.itertuples(index=False)] == [
        (10, 1, 0, 0, 0),
        (0, 0, 0, 1, 1),  # every term ended on 30 September
        (4, 0, 1, 0, 1),
    ]
    figures = dict(zip(s.overview.figures["項目"], s.overview.figures["今回"], strict=True))
    assert figures["出席が委員の半数未満の会議"] == 1
    assert figures["委員以外の参加があった会議"] == 1
    assert figures["全委員の任期満了後の会議"] == 1
    assert figures["広報紙・統計資料を使った会議"] == 2
    assert ("任期切れ", "中央警察署", "北町駐在所", "R8.10.8 全委員の任期後") in [
        tuple(r) for r in s.overview.actions.itertuples(index=False)
    ]


# --- item 1: the receipt day, given for a file or a batch ----------------------------------


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Two real sample reports of 西原警察署 in a folder."""
    folder = tmp_path / "受信" / "西原警察署"
    folder.mkdir(parents=True)
    for name in ("2026-06-07_松ヶ丘交番連絡協議会.xlsx", "2026-07-11_小倉沢駐在所連絡協議会.xlsx"):
        (folder / name).write_bytes((SAMPLES / "reports" / "西原警察署" / name).read_bytes())
    return tmp_path / "受信"


def _receipts(path: Path) -> dict[str, tuple[Any, ...]]:
    rows = list(
        openpyxl.load_workbook(path, data_only=True)["開催一覧"].iter_rows(values_only=True)
    )
    head = rows[2]
    return {
        r[head.index("協議会名")]: (r[head.index("受付日")].date(), r[head.index("受付まで日数")],
                                  r[head.index("備考")])
        for r in rows[3:] if r[0] is not None
    }  # fmt: skip


def test_a_backlog_is_given_its_receipt_day_and_a_file_its_modification_day(
    reports: Path, tmp_path: Path
) -> None:
    early = next(reports.rglob("2026-06-07_*.xlsx"))
    stamp = datetime(2026, 6, 12, 9, 30).timestamp()
    os.utime(early, (stamp, stamp))
    db = tmp_path / "台帳.db"
    run = CliRunner()
    args = ["--registry", str(SAMPLES / "registry.xlsx"), "--as-of", "2026-11-20"]
    # the June file was saved on 12 June: that is when it arrived, not the day of the run
    assert run.invoke(main, ["ingest", str(early), "--db", str(db), *args]).exit_code == 0
    # the rest of the backlog arrived on 20 July, as HQ's own records say
    done = run.invoke(main, ["ingest", str(reports), "--db", str(db), "--received", "2026-07-20",
                             *args])  # fmt: skip
    assert done.exit_code == 1, done.output  # one of them has an error (R1)
    out = tmp_path / "年度.xlsx"
    made = run.invoke(
        main, ["summary", "--db", str(db), "--period", "FY2026", *args, "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    got = _receipts(out)
    assert got["松ヶ丘交番連絡協議会"] == (date(2026, 6, 12), 5, "")
    assert got["小倉沢駐在所連絡協議会"] == (date(2026, 7, 20), 9, "")
    future = run.invoke(main, ["ingest", str(reports), "--db", str(db), "--received",
                               "2026-12-01", *args])  # fmt: skip
    assert future.exit_code == 2 and "より後です" in future.output


def test_a_receipt_log_names_the_day_of_each_file_and_its_rows_that_match_nothing(
    reports: Path, tmp_path: Path
) -> None:
    log = tmp_path / "受付簿.csv"
    log.write_bytes(
        "受付日,警察署,ファイル名\n"
        "令和8年8月25日,西原警察署,西原警察署/2026-07-11_小倉沢駐在所連絡協議会.xlsx\n"
        "2026/6/9,西原警察署,2026-06-07_松ヶ丘交番連絡協議会.xlsx\n"
        "2026/6/9,西原警察署,ない報告書.xlsx\n"
        "いつか,西原警察署,x.xlsx\n".encode("cp932")
    )
    db = tmp_path / "台帳.db"
    args = ["--registry", str(SAMPLES / "registry.xlsx"), "--as-of", "2026-11-20"]
    done = CliRunner().invoke(main, ["ingest", str(reports), "--db", str(db), "--receipts",
                                     str(log), *args])  # fmt: skip
    assert "受付簿「受付簿.csv」の5行目: 受付日「いつか」を日付として読めません" in done.output
    assert (
        "受付簿「受付簿.csv」の4行目「ない報告書.xlsx」に当たるファイルがありませんでした"
        in done.output
    )
    out = tmp_path / "7月.xlsx"
    CliRunner().invoke(
        main, ["summary", "--db", str(db), "--period", "2026-07", *args, "-o", str(out)]
    )
    assert _receipts(out)["小倉沢駐在所連絡協議会"] == (date(2026, 8, 25), 45, "報告遅れ")
    sheet = list(openpyxl.load_workbook(out)["受付簿"].iter_rows(min_row=4, values_only=True))
    assert sheet[0][0] == "期間内に受け付けたファイルはありません。"  # July's: none arrived
    august = tmp_path / "8月の受付.xlsx"
    CliRunner().invoke(
        main, ["summary", "--db", str(db), "--period", "2026-08", *args, "-o", str(august)]
    )
    rows = [r for r in openpyxl.load_workbook(august)["受付簿"].iter_rows(min_row=4, values_only=True)
            if isinstance(r[0], datetime)]  # fmt: skip
    assert [(r[0].date(), r[1], r[2], r[5], r[6]) for r in rows] == [
        (date(2026, 8, 25), "受付簿", "西原警察署", "集計に使用",
         "2026-07-11_小倉沢駐在所連絡協議会.xlsx"),
    ]  # fmt: skip


# --- item 5: returned copies ----------------------------------------------------------------


def test_a_copy_goes_back_only_for_what_the_station_must_correct_and_says_by_when(
    tmp_path: Path,
) -> None:
    only_requests = SAMPLES / "reports" / "中央警察署" / "2026-04-02_城東交番連絡協議会.xlsx"
    with_error = SAMPLES / "reports" / "西原警察署" / "2026-07-11_小倉沢駐在所連絡協議会.xlsx"
    settings = Settings(today=TODAY, contact="巡査部長 山田太郎", phone="1234", return_days=10)
    options = jobs.reading_options(registry=SAMPLES / "registry.xlsx", as_of=TODAY, jobs=1)
    results = {Path(r.path).name: r for r in jobs.CheckRun((only_requests, with_error), options)}
    assert any(c.findings for c in results[only_requests.name].reports)  # R5 only
    assert (
        jobs.feedback_copy(results[only_requests.name], tmp_path, None, settings=settings) is None
    )
    copy = jobs.feedback_copy(results[with_error.name], tmp_path, None, settings=settings)
    assert copy is not None and copy[1] is not None
    wb = openpyxl.load_workbook(copy[1])
    text = "\n".join(str(c.value) for c in wb["確認事項"]["A"] if c.value)
    assert (
        "返却: 令和8年11月20日　生活安全部地域課地域指導係（巡査部長 山田太郎・警電 1234）" in text
    )
    assert "再提出の期限: 令和8年11月30日" in text
    assert "令和8年11月30日までに再提出してください" in text
    # our form's empty 続紙 is not printed: hidden, and the list says how to show it
    assert wb["続紙"].sheet_state == "hidden" and "続紙には記入がないため" in text
    assert wb["報告書"].sheet_state == "visible"


def test_the_returned_copy_prints_no_blank_continuation_page(tmp_path: Path) -> None:
    """Printed, the copy is its list and the report: no page of an empty 続紙."""
    from printed import page_type_sizes, to_pdf

    source = SAMPLES / "reports" / "西原警察署" / "2026-07-11_小倉沢駐在所連絡協議会.xlsx"
    options = jobs.reading_options(registry=SAMPLES / "registry.xlsx", as_of=TODAY, jobs=1)
    (result,) = list(jobs.CheckRun((source,), options))
    copy = jobs.feedback_copy(result, tmp_path / "返却", None, settings=Settings(today=TODAY))
    assert copy is not None and copy[1] is not None
    pages = page_type_sizes(to_pdf(copy[1], tmp_path))
    assert [text.split()[0] for _, text in pages] == ["確認事項", "別記様式（２の(9)関係）"]
    assert all(size >= 8 for size, _ in pages)
