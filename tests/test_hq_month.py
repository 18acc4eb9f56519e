"""HQ's month with two stations of the sample prefecture, run as HQ runs it: the receipt
days from the 受付簿, the 概況's councils to act on, the stations' letters, a station's
corrected copy sent back and read as its report, and a duplicate settled."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.receipts import read_log

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
STATIONS = ("西原警察署", "南浜警察署")
CORRECTED = "2026-07-11_小倉沢駐在所連絡協議会.xlsx"  # 会議種別 left blank (R1, an error)
PAIR = "2026-08-01_浜通り交番連絡協議会"  # the planted duplicate (R7)


def _texts(path: Path, sheet: str | None = None) -> list[list[Any]]:
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[sheet] if sheet else wb.active
    return [[c.value for c in row] for row in ws.iter_rows()]


def _table(path: Path, sheet: str, first: str) -> list[dict[str, Any]]:
    rows = _texts(path, sheet)
    head = next(i for i, r in enumerate(rows) if r and r[0] == first)
    names = rows[head]
    return [dict(zip(names, r, strict=False)) for r in rows[head + 1 :] if r and r[0]]


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hq") / "本部"
    run = CliRunner()
    assert run.invoke(main, ["init", str(root)]).exit_code == 0
    shutil.copyfile(SAMPLES / "registry.xlsx", root / "協議会名簿.xlsx")
    shutil.copyfile(SAMPLES / "受付簿.xlsx", root / "受付簿.xlsx")
    for station in STATIONS:
        shutil.copytree(SAMPLES / "reports" / station, root / "受信" / station)
    with (root / "kyogikai.toml").open("a", encoding="utf-8") as fh:
        fh.write('contact = "巡査部長 山田太郎"\nphone = "1234-5678"\n')  # under [papers]
    out: dict[str, Any] = {"root": root}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        first = run.invoke(main, ["month", "2026-10", "--as-of", "2026-11-20"])
        assert first.exit_code == 0, first.output
        out["first"] = first.output
        kept = root / "first"
        shutil.copytree(root / "出力", kept)
        # the station corrects the copy it was sent, and sends it back
        copy = root / "返却" / "2026-10" / "西原警察署" / CORRECTED
        wb = openpyxl.load_workbook(copy)
        (sheet, ref), *_ = wb.defined_names["meeting_type"].destinations
        wb[sheet][ref.replace("$", "")] = "定期会議"
        wb.save(root / "受信" / "西原警察署" / "小倉沢_修正版.xlsx")
        settle = run.invoke(
            main,
            ["settle", "--keep", f"受信/南浜警察署/{PAIR}.xlsx", "--reason", "署に電話で確認"],
        )
        out["settle"] = settle
        second = run.invoke(main, ["month", "2026-10", "--as-of", "2026-11-25"])
        assert second.exit_code == 0, second.output
        out["second"] = second.output
        fy = run.invoke(
            main, ["summary", "--period", "FY2026", "--as-of", "2026-11-25", "-o", "年度.xlsx"]
        )
        assert fy.exit_code == 0, fy.output
    return out


# --- item 1: the receipt day ----------------------------------------------------------------


def test_lateness_and_receipt_days_come_from_the_receipt_log_not_the_run(
    hq: dict[str, Any],
) -> None:
    root = hq["root"]
    log = read_log(SAMPLES / "受付簿.xlsx", date(2026, 11, 20))
    day_of = {Path(e.name).name: e.day for e in log.entries}
    meetings = _table(root / "first" / "集計_2026-10.xlsx", "開催一覧", "開催日")
    assert meetings
    for m in meetings:
        held = m["開催日"].date()
        files = [n for n in day_of if n.startswith(held.isoformat()) and m["協議会名"] in n]
        received = min(day_of[n] for n in files)
        assert m["受付日"].date() == received
        assert m["受付まで日数"] == (received - held).days
        assert ("報告遅れ" in (m["備考"] or "")) == ((received - held).days > 30)
    # the 受付簿 sheet: every file received in October, with how its day is known
    got = _table(root / "first" / "集計_2026-10.xlsx", "受付簿", "受付日")
    ours = {p.name for station in STATIONS for p in (root / "受信" / station).glob("*.xlsx")}
    october = sorted(
        n for n in ours if n in day_of and (day_of[n].year, day_of[n].month) == (2026, 10)
    )
    assert sorted(r["ファイル名"] for r in got) == october
    assert {r["受付日の根拠"] for r in got} == {"受付簿"}


# --- item 8: an 概況 the 課長 can act on ----------------------------------------------------------


def test_the_overview_names_the_councils_to_act_on(hq: dict[str, Any]) -> None:
    path = hq["root"] / "first" / "集計_2026-10.xlsx"
    rows = _texts(path, "概況")
    head = next(r for r in rows if "区分" in r and "内容" in r)
    at = head.index("区分")
    actions = [r[at : at + 10] for r in rows[rows.index(head) + 1 :] if r[at]]
    chase = _table(path, "督促", "警察署")
    listed = [(r[1], r[3]) for r in actions if r[0] == "督促"]  # 警察署, 協議会 (short)
    expected = [(c["警察署"], c["協議会名"].removesuffix("連絡協議会")) for c in chase]
    assert listed == expected[: len(listed)] and listed
    # two stations' reports against the whole prefecture's plan: more than the page
    # holds, the rest counted on the last line
    (more,) = [r for r in actions if r[0] == "ほか"]
    assert more[3].endswith("件")
    assert more[6].startswith(f"督促 {len(expected) - len(listed)}")
    figures = {r[0]: r[1] for r in rows if r and isinstance(r[0], str) and r[1] is not None}
    assert figures["計画なしの協議会"] == 0  # every sample council planned its year
    notes = [r[0] for r in rows if r and isinstance(r[0], str) and r[0].startswith("※")]
    assert any(n.startswith("※ 他機関との調整が要る要望（回答済以外、2の(8)）") for n in notes)
    assert any("委員名簿の指摘の内訳: " in n for n in notes)


# --- item 7: the letter a station's clerk can answer -----------------------------------------


def test_the_station_letter_asks_what_a_clerk_can_answer(hq: dict[str, Any]) -> None:
    letter = hq["root"] / "first" / "督促_2026-10" / "西原警察署_督促・確認依頼.xlsx"
    rows = _texts(letter)
    text = "\n".join(str(v) for r in rows for v in r if v is not None)
    due = date(2026, 11, 20) + timedelta(days=14)
    assert "回答期限の令和8年12月4日までに" in text and due == date(2026, 12, 4)
    assert "問い合わせ先: 担当 巡査部長 山田太郎　警電 1234-5678" in text
    assert "経過日数は予定月の末日から数えた日数" in text
    assert "報告書の再提出は不要です。現在の措置状況" in text
    chase = _table(letter, None, "協議会名")  # type: ignore[arg-type]
    first = chase[0]
    assert "経過日数（予定月の末日から）" in first and first["回答"] is None
    # a chased council whose other meeting HQ holds says so, with its receipt day
    held = {r["協議会名"]: r["届いている報告"] for r in chase if r.get("届いている報告")}
    assert any(v != "なし" and "（受付 R8." in v for v in held.values())
    # the instruction is one merged, wrapped cell across the page: never cut at its edge
    wb = openpyxl.load_workbook(letter)
    ws = wb.active
    widest = max(r.max_col for r in ws.merged_cells.ranges)
    lead = next(r for r in ws.merged_cells.ranges if "回答期限" in str(ws.cell(r.min_row, 1).value))
    assert lead.min_col == 1 and lead.max_col == widest
    assert ws.cell(lead.min_row, 1).alignment.wrap_text
    assert ws.row_dimensions[lead.min_row].height >= 2 * 13.5


# --- item 5: a corrected copy sent back is the station's report ------------------------------


def test_a_corrected_copy_is_counted_and_the_station_no_longer_chased(hq: dict[str, Any]) -> None:
    root = hq["root"]
    first = root / "first" / "督促_2026-10" / "西原警察署_督促・確認依頼.xlsx"
    second = root / "出力" / "督促_2026-10" / "西原警察署_督促・確認依頼.xlsx"
    assert CORRECTED in "\n".join(str(v) for r in _texts(first) for v in r if v)
    assert CORRECTED not in "\n".join(str(v) for r in _texts(second) for v in r if v)
    status = {
        r["協議会ID"]: r for r in _table(root / "出力" / "集計_2026-10.xlsx", "提出状況", "警察署")
    }
    assert (status["C025"]["年度定期"], status["C025"]["年度内定期会議"]) == (1, "実施済")
    # read as a report, not skipped as our output, and not a duplicate of the original
    assert "小倉沢_修正版.xlsx" not in hq["second"] or "読み飛ばし" not in hq["second"]
    assert "小倉沢駐在所連絡協議会 令和8年7月11日" not in hq["second"]
    assert not (root / "返却" / "2026-10" / "西原警察署" / "小倉沢_修正版.xlsx").exists()


# --- item 6: settling a duplicate --------------------------------------------------------------


def test_a_settled_duplicate_is_followed_by_every_later_summary(hq: dict[str, Any]) -> None:
    root = hq["root"]
    assert "同じ会議の報告書が2件以上あり" in hq["first"] and PAIR in hq["first"]
    settle = hq["settle"]
    assert settle.exit_code == 0, settle.output
    assert settle.output.startswith(f"採用: 受信/南浜警察署/{PAIR}.xlsx")
    assert "理由: 署に電話で確認（巡査部長 山田太郎、" in settle.output
    assert f"集計に使う報告書: 受信/南浜警察署/{PAIR}.xlsx「報告書」" in settle.output
    assert "同じ会議の報告書が2件以上あり" not in hq["second"]
    year = root / "年度.xlsx"
    meetings = [
        r for r in _table(year, "開催一覧", "開催日")
        if r["協議会名"] == "浜通り交番連絡協議会" and r["開催日"].date() == date(2026, 8, 1)
    ]  # fmt: skip
    assert [r["ファイル"] for r in meetings] == [f"受信/南浜警察署/{PAIR}.xlsx"]
    decisions = _texts(year, "受付簿")
    at = next(i for i, r in enumerate(decisions) if r[0] == "決定日時")
    assert decisions[at + 1][1:5] == ["巡査部長 山田太郎", "採用", "署に電話で確認", f"{PAIR}.xlsx"]


def test_settle_refuses_what_it_cannot_settle(hq: dict[str, Any]) -> None:
    run = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(hq["root"])
        unknown = run.invoke(main, ["settle", "--withdraw", "ない.xlsx", "--reason", "x"])
        both = run.invoke(main, ["settle", "--withdraw", "a", "--keep", "b", "--reason", "x"])
        again = run.invoke(
            main, ["settle", "--keep", f"受信/南浜警察署/{PAIR}.xlsx", "--reason", "x"]
        )
    assert unknown.exit_code == 2 and "に当たるファイルが台帳にありません" in unknown.output
    assert both.exit_code == 2 and "どちらか一方" in both.output
    assert again.exit_code == 2 and "すでに採用としています" in again.output
