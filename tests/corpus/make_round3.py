"""Build the third-round corpus: habits of other hands, and sheets that hold several
meetings or none (issue 18).

Each workbook is written the way an office makes it and saved beside
`<name>.expected.json` in the format of the shapes corpus: the reports a careful person
reads from the printed sheet (every field, every finding with its code, field and cell, and
where on the sheet the report lies), and the sheets that must be skipped with a word of
their reason. Expectations are written from the content below, never read back from the
reader. `.xls` and `.ods` copies are made with LibreOffice when it is available:

    python tests/corpus/make_round3.py            # rewrite tests/corpus/round3/
    python tests/corpus/make_round3.py NAME ...   # only these
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).parent))
from make_layouts import BOX, agenda, record, request
from make_round2_shapes import convert

OUT = Path(__file__).parent / "round3"
WRAP = Alignment(wrap_text=True, vertical="center")
KOBAN = "交番等の活動状況"
JIKEN = "地域住民等に身近な事件・事故等の発生状況"
MATSURI = "地域の祭礼等の催事・行事"
OTHER = "その他"
WEEKDAY = "月火水木金土日"


def issue(
    code: str, field: str | None, cell: str | None, severity: str = "warning"
) -> dict[str, Any]:
    return {"severity": severity, "code": code, "field": field, "cell": cell}


def put(ws: Worksheet, ref: str, value: Any, merge: str | None = None) -> None:
    ws[ref] = value
    ws[ref].alignment = WRAP
    ws[ref].border = BOX
    if merge:
        ws.merge_cells(f"{ref}:{merge}")


# --- one meeting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """What one meeting's report says, and how the record reads it."""

    affiliation: str = "港北警察署"
    reporter: str = "巡査部長　山本　一樹"
    phone: str = "0451"
    council: str = "港北台交番連絡協議会"
    facility: str = "港北台交番"
    day: date = date(2026, 10, 15)
    start: time = time(14, 0)
    end: time = time(15, 30)
    venue: str = "港北台第二集会所"
    police: int = 2
    civilians: int = 11
    kind: str = "定期"
    agenda: tuple[tuple[str, str, str | None], ...] = (
        (KOBAN, "秋の地域安全運動の取組", None),
        (JIKEN, "駅前の自転車盗の発生状況", "駅前で多発"),
    )
    discussion: str = "駐輪場での施錠の呼び掛けを自治会と合同で行うこととした。"
    requests: tuple[tuple[str, str | None], ...] = (
        ("駅前の街灯を増やしてほしい。", "市道路課に伝え、11月に2基設置された。"),
    )
    officers: tuple[str, ...] = ("巡査部長　山本　一樹", "巡査　佐藤　優")

    @property
    def when(self) -> str:
        wd = WEEKDAY[self.day.weekday()]
        era = self.day.year - 2018
        return (
            f"令和{era}年{self.day.month}月{self.day.day}日（{wd}）"
            f"{self.start:%H:%M}～{self.end:%H:%M}"
        )

    def expected(self, **changes: Any) -> dict[str, Any]:
        values: dict[str, Any] = dict(
            affiliation=self.affiliation,
            reporter=_flat(self.reporter),
            phone=self.phone,
            council_name=self.council,
            facility_name=self.facility,
            date=self.day.isoformat(),
            start_time=f"{self.start:%H:%M}",
            end_time=f"{self.end:%H:%M}",
            venue=self.venue,
            police_attendees=self.police,
            civilian_attendees=self.civilians,
            meeting_type="regular" if self.kind in ("定期", "定例") else "extraordinary",
            agenda=[agenda(c, t, r) for c, t, r in self.agenda],
            discussion=self.discussion,
            requests=[request(q, a) for q, a in self.requests],
            officers=[_flat(o) for o in self.officers],
        )
        values.update(changes)
        return record(**values)


def _flat(text: str) -> str:
    return re.sub(r"[\s\u3000]+", " ", text).strip()


M = Meeting()
M2 = Meeting(
    day=date(2026, 7, 9),
    start=time(19, 0),
    end=time(20, 30),
    venue="港北台交番2階",
    police=1,
    civilians=6,
    kind="臨時",
    agenda=((JIKEN, "空き巣の連続発生", None),),
    discussion="夜間の見回りを防犯パトロール隊と行うこととした。",
    requests=(("見回りの時間を知らせてほしい。", "回覧板で毎月知らせることとした。"),),
    officers=("巡査部長　山本　一樹",),
)


def plain(
    ws: Worksheet,
    m: Meeting,
    top: int = 1,
    left: int = 1,
    *,
    labels: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    title: str | None = "交番・駐在所連絡協議会開催結果報告書",
) -> dict[str, str]:
    """The form, a label a row with its value beside it, a 区分/協議事項/備考 table and a
    要望事項/措置・回答 table; returns the cell (A1) of each value and table row."""
    labels = labels or {}
    values = values or {}
    col = [_col(left + i) for i in range(5)]  # A B C D E from `left`
    refs: dict[str, str] = {}
    r = top
    if title is not None:
        put(ws, f"{col[0]}{r}", title, f"{col[4]}{r}")
        r += 1
    rows = [
        ("affiliation", "所属", m.affiliation),
        ("reporter", "報告者", m.reporter),
        ("phone", "警電", m.phone),
        ("council_name", "協議会名", m.council),
        ("facility_name", "施設名", m.facility),
        ("date", "開催日時", m.when),
        ("venue", "開催場所", m.venue),
        ("attendance", "出席者数", f"警察官{m.police}人・民間{m.civilians}人"),
        ("meeting_type", "会議種別", m.kind),
    ]
    for key, label, value in rows:
        value = values.get(key, value)
        put(ws, f"{col[0]}{r}", labels.get(key, label))
        if value is not None:
            put(ws, f"{col[1]}{r}", value, f"{col[4]}{r}")
        refs[key] = f"{col[1]}{r}"
        r += 1
    put(ws, f"{col[0]}{r}", labels.get("category", "区分"))
    put(ws, f"{col[1]}{r}", labels.get("topic", "協議事項"), f"{col[3]}{r}")
    put(ws, f"{col[4]}{r}", "備考")
    r += 1
    for i, (category, topic, remarks) in enumerate(values.get("agenda", m.agenda)):
        put(ws, f"{col[0]}{r}", category)
        put(ws, f"{col[1]}{r}", topic, f"{col[3]}{r}")
        if remarks is not None:
            put(ws, f"{col[4]}{r}", remarks)
        refs[f"agenda{i}"] = f"{col[1]}{r}"
        r += 1
    put(ws, f"{col[0]}{r}", labels.get("discussion", "協議内容等"))
    put(ws, f"{col[1]}{r}", values.get("discussion", m.discussion), f"{col[4]}{r}")
    refs["discussion"] = f"{col[1]}{r}"
    r += 1
    put(ws, f"{col[0]}{r}", labels.get("request", "要望事項"), f"{col[2]}{r}")
    put(ws, f"{col[3]}{r}", labels.get("response", "措置・回答"), f"{col[4]}{r}")
    r += 1
    for i, (ask, answer) in enumerate(values.get("requests", m.requests)):
        put(ws, f"{col[0]}{r}", ask, f"{col[2]}{r}")
        if answer is not None:
            put(ws, f"{col[3]}{r}", answer, f"{col[4]}{r}")
        refs[f"request{i}"] = f"{col[0]}{r}"
        refs[f"response{i}"] = f"{col[3]}{r}"
        r += 1
    put(ws, f"{col[0]}{r}", labels.get("officers", "出席警察官名"))
    officers = values.get("officers", "、".join(m.officers))
    if officers is not None:
        put(ws, f"{col[1]}{r}", officers, f"{col[4]}{r}")
    refs["officers"] = f"{col[1]}{r}"
    refs["next"] = str(r + 1)
    for c in range(5):
        ws.column_dimensions[col[c]].width = 18 if c == 0 else 16
    return refs


def _col(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def new_book(title: str = "報告書") -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


def report(
    sheet: str,
    expected: dict[str, Any],
    issues: list[dict[str, Any]] | None = None,
    *,
    status: str | None = None,
    area: str | None = None,
) -> dict[str, Any]:
    found = issues or []
    if status is None:
        status = (
            "error"
            if any(i["severity"] == "error" for i in found)
            else ("warning" if found else "ok")
        )
    return {"sheet": sheet, "status": status, "area": area, "report": expected, "issues": found}


# =========================================================================================
# habits of other hands
# =========================================================================================


def document_one_cell(path: Path) -> None:
    """The whole report typed as a letter in one merged cell (記書き), who reports above it
    in boxes of its own."""
    wb, ws = new_book()
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "F1")
    put(ws, "A2", "所属")
    put(ws, "B2", M.affiliation, "C2")
    put(ws, "D2", "報告者")
    put(ws, "E2", M.reporter, "F2")
    put(ws, "A3", "協議会名")
    put(ws, "B3", M.council, "C3")
    put(ws, "D3", "施設名")
    put(ws, "E3", M.facility, "F3")
    text = "\n".join(
        [
            "標記について、下記のとおり開催したので報告します。",
            "記",
            f"１　日時　{M.when}",
            f"２　場所　{M.venue}",
            f"３　出席者　警察官{M.police}名、民間{M.civilians}名",
            f"４　会議種別　{M.kind}会議",
            f"５　協議事項　【{KOBAN}】{M.agenda[0][1]}",
            f"　　【{JIKEN}】{M.agenda[1][1]}",
            f"６　協議内容　{M.discussion}",
            f"７　要望事項　要望：{M.requests[0][0]} → 回答：{M.requests[0][1]}",
            f"８　出席警察官　{'、'.join(M.officers)}",
            "以上",
        ]
    )
    put(ws, "A5", text, "F20")
    ws.column_dimensions["A"].width = 14
    _save(wb, path)


def colon_column(path: Path) -> None:
    """Labels, a column of 「：」, then the values (and a 「：」 left where nothing follows)."""
    wb, ws = new_book()
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "D1")
    rows = [
        ("所属", M.affiliation),
        ("報告者", M.reporter),
        ("警電", M.phone),
        ("協議会名", M.council),
        ("施設名", M.facility),
        ("開催日時", M.when),
        ("開催場所", M.venue),
        ("出席者数", f"警察官{M.police}人・民間{M.civilians}人"),
        ("会議種別", M.kind),
        ("協議事項", f"{M.agenda[0][1]}"),
        ("協議内容等", M.discussion),
        ("参考事項", None),
        ("出席警察官名", "、".join(M.officers)),
    ]
    for i, (label, value) in enumerate(rows, start=3):
        put(ws, f"A{i}", label)
        put(ws, f"B{i}", "：")
        if value is not None:
            put(ws, f"C{i}", value, f"D{i}")
    ws.column_dimensions["B"].width = 3
    _save(wb, path)


def category_circled_legend(path: Path) -> None:
    """区分 written as ①②④, explained by a legend printed under the table."""
    wb, ws = new_book()
    m = replace(
        M,
        agenda=(
            (KOBAN, "秋の地域安全運動", None),
            (JIKEN, "自転車盗", None),
            (OTHER, "防犯灯の点検", None),
        ),
    )
    coded = (("①", *m.agenda[0][1:]), ("②", *m.agenda[1][1:]), ("④", *m.agenda[2][1:]))
    refs = plain(ws, m, values={"agenda": coded})
    r = int(refs["next"])
    put(ws, f"A{r}", f"区分：①{KOBAN}　②{JIKEN}　③{MATSURI}　④{OTHER}", f"E{r}")
    _save(wb, path)


def category_katakana_legend(path: Path) -> None:
    """区分 written as ア and エ, the legend in a ※ note beside the table's header."""
    wb, ws = new_book()
    m = replace(M, agenda=((KOBAN, "交番だよりの配布", None), (OTHER, "防犯診断の申込み", None)))
    coded = (("ア", *m.agenda[0][1:]), ("エ", *m.agenda[1][1:]))
    plain(ws, m, values={"agenda": coded})
    put(
        ws, "G11", f"※区分は　ア {KOBAN}　イ {JIKEN}　ウ {MATSURI}　エ {OTHER}　の記号で記入", "L11"
    )
    _save(wb, path)


def counts_as_names(path: Path) -> None:
    """出席者数 written as names: the officers by name, the residents 「自治会長ほか８名」."""
    wb, ws = new_book()
    refs = plain(ws, M, labels={"attendance": "出席者"}, values={"attendance": None})
    # the attendance row gets two boxes of its own: 警察官 | names, 民間 | names
    row = int(refs["attendance"][1:])
    put(ws, f"B{row}", "警察官")
    put(ws, f"C{row}", "巡査部長 山本、巡査 佐藤")
    put(ws, f"D{row}", "民間")
    put(ws, f"E{row}", "自治会長ほか８名")
    _save(wb, path)


def times_hhmm(path: Path) -> None:
    """The day in one box, the times as a duty roster writes them: 1400-1530."""
    wb, ws = new_book()
    refs = plain(ws, M, values={"date": "2026/10/15"})
    r = int(refs["next"])
    put(ws, f"A{r}", "開催時間")
    put(ws, f"B{r}", "1400-1530")
    _save(wb, path)


def label_notes(path: Path) -> None:
    """Labels with a note in brackets (報告者（職・氏名）, 電話（警電）), other words for
    the counts (出席人員, 委員) written as a total with its split, and 対応状況 over the
    answers."""
    wb, ws = new_book()
    plain(
        ws,
        M,
        labels={
            "reporter": "報告者（職・氏名）",
            "phone": "電話（警電）",
            "attendance": "出席人員",
            "response": "対応状況",
        },
        values={
            "attendance": f"計{M.police + M.civilians}名（警察官{M.police}名・委員{M.civilians}名）"
        },
    )
    _save(wb, path)


def year_in_title(path: Path) -> None:
    """The year only in the title (令和８年度), the date as 10月15日（木）."""
    wb, ws = new_book()
    plain(
        ws,
        M,
        title="令和８年度　交番・駐在所連絡協議会開催結果報告書",
        values={"date": "10月15日（木）　14:00～15:30"},
    )
    _save(wb, path)


def older_words(path: Path) -> None:
    """An older edition of the form: 報告者職氏名, 区分 for the meeting's type (定例),
    一般 for the residents, 議題, 意見・要望 and 回答."""
    wb, ws = new_book()
    put(ws, "A1", "連絡協議会開催結果報告書", "E1")
    rows = [
        ("所属", M.affiliation),
        ("報告者職氏名", M.reporter),
        ("協議会名", M.council),
        ("施設名", M.facility),
        ("開催日時", M.when),
        ("開催場所", M.venue),
        ("区分", "定例"),
    ]
    for i, (label, value) in enumerate(rows, start=2):
        put(ws, f"A{i}", label)
        put(ws, f"B{i}", value, f"E{i}")
    put(ws, "A9", "出席者")
    put(ws, "B9", "警察官")
    put(ws, "C9", M.police)
    put(ws, "D9", "一般")
    put(ws, "E9", M.civilians)
    put(ws, "A10", "議題", "E10")
    put(ws, "A11", M.agenda[0][1], "E11")
    put(ws, "A12", M.agenda[1][1], "E12")
    put(ws, "A13", "協議内容")
    put(ws, "B13", M.discussion, "E13")
    put(ws, "A14", "意見・要望", "C14")
    put(ws, "D14", "回答", "E14")
    put(ws, "A15", M.requests[0][0], "C15")
    put(ws, "D15", M.requests[0][1], "E15")
    put(ws, "A16", "出席警察官名")
    put(ws, "B16", "、".join(M.officers), "E16")
    _save(wb, path)


def request_answer_one_cell(path: Path) -> None:
    """Each 要望 and its 回答 typed in the 要望事項 column: 「要望：… → 回答：…」, the
    措置・回答 column left empty."""
    wb, ws = new_book()
    m = replace(
        M,
        requests=(
            (
                "要望：駅前の街灯を増やしてほしい。 → 回答：市道路課に伝え、11月に2基設置された。",
                None,
            ),
            ("要望：通学路の見守りに協力してほしい。⇒回答：登校時の立番を実施している。", None),
        ),
    )
    plain(ws, m)
    _save(wb, path)


def word_table_paste(path: Path) -> None:
    """A form pasted from a Word table: a cell of two paragraphs takes two rows, the other
    cells of its row merged down beside them."""
    wb, ws = new_book()
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "E1")
    rows = [
        ("所属", M.affiliation),
        ("報告者", M.reporter),
        ("協議会名", M.council),
        ("施設名", M.facility),
        ("開催日時", M.when),
        ("開催場所", M.venue),
        ("出席者数", f"警察官{M.police}人・民間{M.civilians}人"),
        ("会議種別", M.kind),
    ]
    for i, (label, value) in enumerate(rows, start=2):
        put(ws, f"A{i}", label)
        put(ws, f"B{i}", value, f"E{i}")
    put(ws, "A10", "区分")
    put(ws, "B10", "協議事項", "D10")
    put(ws, "E10", "備考")
    put(ws, "A11", KOBAN, "A12")
    put(ws, "B11", "秋の地域安全運動の取組", "D11")
    put(ws, "B12", "（街頭キャンペーンの日程）", "D12")
    put(ws, "E11", "署と合同", "E12")
    put(ws, "A13", JIKEN)
    put(ws, "B13", "駅前の自転車盗の発生状況", "D13")
    put(ws, "A14", "協議内容等", "A15")
    put(ws, "B14", "駐輪場での施錠の呼び掛けを行う。", "E14")
    put(ws, "B15", "自治会と合同で実施する。", "E15")
    put(ws, "A16", "要望事項", "C16")
    put(ws, "D16", "措置・回答", "E16")
    put(ws, "A17", "駅前の街灯を増やしてほしい。", "C17")
    put(ws, "A18", "（特に北口の自転車置場付近）", "C18")
    put(ws, "D17", "市道路課に伝え、11月に2基設置された。", "E18")
    put(ws, "A19", "出席警察官名")
    put(ws, "B19", "、".join(M.officers), "E19")
    _save(wb, path)


def hogan_one_char(path: Path) -> None:
    """Excel 方眼紙 with one character a box: the reporter's name and 警電 over boxes."""
    wb, ws = new_book()
    for c in range(1, 30):
        ws.column_dimensions[_col(c)].width = 2.6
    put(ws, "A1", "交番・駐在所連絡協議会開催結果報告書", "T1")
    put(ws, "A3", "所　属", "D3")
    put(ws, "E3", M.affiliation, "P3")
    put(ws, "A4", "報告者", "D4")
    for i, ch in enumerate("巡査部長 山本一樹"):
        if ch != " ":
            put(ws, f"{_col(5 + i)}4", ch)
    put(ws, "A5", "警　電", "D5")
    for i, ch in enumerate("0451"):
        put(ws, f"{_col(5 + i)}5", int(ch))
    rows = [
        ("協議会名", M.council),
        ("施設名", M.facility),
        ("開催日時", M.when),
        ("開催場所", M.venue),
        ("出席者数", f"警察官{M.police}人・民間{M.civilians}人"),
        ("会議種別", M.kind),
        ("協議内容等", M.discussion),
        ("出席警察官名", "、".join(M.officers)),
    ]
    for i, (label, value) in enumerate(rows, start=6):
        put(ws, f"A{i}", label, f"D{i}")
        put(ws, f"E{i}", value, f"T{i}")
    _save(wb, path)


def checkbox_controls(path: Path) -> None:
    """定期会議 / 臨時会議 each after a form-control checkbox, linked to cells of a hidden
    helper column (Excel keeps the link's TRUE/FALSE and the box in step)."""
    wb, ws = new_book()
    plain(ws, M, values={"meeting_type": None})
    put(ws, "C10", "定期会議")
    put(ws, "E10", "臨時会議")
    ws["H10"] = True
    ws["H11"] = False
    ws.column_dimensions["H"].hidden = True
    buf = io.BytesIO()
    _pin(wb)
    wb.save(buf)
    # row 10 (index 9): the boxes lie in B and D, before the option they tick
    _add_checkboxes(buf.getvalue(), path, [(1, 9, "$H$10", True), (3, 9, "$H$11", False)])


def checkbox_in_cells(path: Path) -> None:
    """Excel 365's checkboxes in cells: TRUE / FALSE before 定期会議 and 臨時会議."""
    wb, ws = new_book()
    refs = plain(ws, M, values={"meeting_type": None})
    row = refs["meeting_type"][1:]
    for ref, value in (
        (f"B{row}", True),
        (f"C{row}", "定期会議"),
        (f"D{row}", False),
        (f"E{row}", "臨時会議"),
    ):
        put(ws, ref, value)
    _save(wb, path)


def input_and_print(path: Path) -> None:
    """An 入力 sheet where the station types, and the 報告書 that prints it by formulas:
    one meeting, read once (from the printed form)."""
    wb, ws = new_book("入力")
    rows = [
        ("所属", M.affiliation),
        ("報告者", M.reporter),
        ("警電", M.phone),
        ("協議会名", M.council),
        ("施設名", M.facility),
        ("開催日時", M.when),
        ("開催場所", M.venue),
        ("出席者数", f"警察官{M.police}人・民間{M.civilians}人"),
        ("会議種別", M.kind),
        ("協議内容等", M.discussion),
        ("出席警察官名", "、".join(M.officers)),
    ]
    for i, (label, value) in enumerate(rows, start=1):
        ws[f"A{i}"] = label
        ws[f"B{i}"] = value
    out = wb.create_sheet("報告書")
    out["A1"] = "交番・駐在所連絡協議会開催結果報告書"
    cached: dict[str, str] = {}
    for i, (label, value) in enumerate(rows, start=2):
        out[f"A{i}"] = label
        out[f"B{i}"] = f"=入力!B{i - 1}"
        cached[f"B{i}"] = str(value)
    buf = io.BytesIO()
    _pin(wb)
    wb.save(buf)
    _cache_formulas(buf.getvalue(), path, "xl/worksheets/sheet2.xml", cached)


def hidden_helpers(path: Path) -> None:
    """Hidden helper columns beside the values (a code for the station, the council's
    code) and a hidden row of lookups: not printed, never read."""
    wb, ws = new_book()
    refs = plain(ws, M)
    for key, code in (("affiliation", 13), ("council_name", "MG-03"), ("facility_name", "K-0451")):
        ws[f"G{refs[key][1:]}"] = code
    ws.column_dimensions["G"].hidden = True
    r = int(refs["next"])
    ws[f"B{r}"] = "=VLOOKUP(B3,コード!A:B,2,FALSE)"
    ws[f"C{r}"] = "所属コード"
    ws.row_dimensions[r].hidden = True
    _save(wb, path)


def placeholder_reporter(path: Path) -> None:
    """〇〇 left from the template as the reporter, ○○○-○○○ as the phone."""
    wb, ws = new_book()
    plain(ws, M, values={"reporter": "〇〇　〇〇", "phone": "○○○-○○○"})
    _save(wb, path)


def hidden_previous_rows(path: Path) -> None:
    """The previous meeting's 協議事項 and 要望事項 kept in hidden （前回） rows."""
    wb, ws = new_book()
    m = replace(
        M, agenda=(M.agenda[0], ("（前回）" + KOBAN, "夏の交通安全運動", None), M.agenda[1])
    )
    m = replace(m, requests=(("（前回）防犯カメラの設置", "市に要望済み"), M.requests[0]))
    refs = plain(ws, m)
    ws.row_dimensions[int(refs["agenda1"][1:])].hidden = True
    ws.row_dimensions[int(refs["request0"][1:])].hidden = True
    _save(wb, path)


# =========================================================================================
# several meetings on one sheet, or none
# =========================================================================================

MONTHS = ("4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月")


def month_sheets(path: Path) -> None:
    """One sheet a month, copied from a form the station pre-filled with who reports:
    two months written, ten left as copied."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for month in MONTHS:
        ws = wb.create_sheet(month)
        if month == "7月":
            plain(ws, M2)
        elif month == "10月":
            plain(ws, M)
        else:
            blank = dict.fromkeys(
                ("date", "venue", "attendance", "meeting_type", "discussion", "officers")
            )
            blank.update(agenda=(), requests=())
            plain(ws, M, values=blank)
    _save(wb, path)


def register_rows(path: Path) -> None:
    """A register kept by the station: one meeting a row (two rows for a meeting with two
    協議事項), 所属 printed once above it."""
    wb, ws = new_book("開催状況")
    put(ws, "A1", "令和８年度　連絡協議会開催状況（港北台交番）", "J1")
    put(ws, "A2", f"所属：{M.affiliation}", "D2")
    head = (
        "開催日",
        "時間",
        "開催場所",
        "種別",
        "警察官",
        "民間",
        "区分",
        "協議事項",
        "協議内容",
        "出席警察官",
    )
    for c, text in enumerate(head, start=1):
        put(ws, f"{_col(c)}4", text)
    rows: list[tuple[Meeting, int]] = [(M2, 5), (M, 6)]
    for m, r in rows:
        span = len(m.agenda)
        values = (
            m.day,
            f"{m.start:%H:%M}～{m.end:%H:%M}",
            m.venue,
            m.kind,
            m.police,
            m.civilians,
        )
        for c, value in enumerate(values, start=1):
            end = f"{_col(c)}{r + span - 1}" if span > 1 else None
            put(ws, f"{_col(c)}{r}", value, end)
            if isinstance(value, date):
                ws[f"{_col(c)}{r}"].number_format = "yyyy/m/d"
        for i, (category, topic, _remarks) in enumerate(m.agenda):
            put(ws, f"G{r + i}", category)
            put(ws, f"H{r + i}", topic)
        for c, value in ((9, m.discussion), (10, "、".join(m.officers))):
            end = f"{_col(c)}{r + span - 1}" if span > 1 else None
            put(ws, f"{_col(c)}{r}", value, end)
    # M takes rows 6-7 (two topics)
    _save(wb, path)


def register_columns(path: Path) -> None:
    """A register with one meeting a column (第１回 | 第２回 | 第３回, the third not held yet),
    who reports printed once above it."""
    wb, ws = new_book("記録簿")
    put(ws, "A1", "港北台交番連絡協議会　開催記録簿（令和８年度）", "D1")
    for r, (label, value) in enumerate(
        (
            ("所属", M.affiliation),
            ("施設名", M.facility),
            ("協議会名", M.council),
            ("報告者", M.reporter),
        ),
        start=3,
    ):
        put(ws, f"A{r}", label)
        put(ws, f"B{r}", value, f"D{r}")
    put(ws, "A8", "項目")
    for c, text in enumerate(("第１回", "第２回", "第３回"), start=2):
        put(ws, f"{_col(c)}8", text)
    labels = ("開催日時", "開催場所", "会議種別", "出席者数（警察官）", "出席者数（民間）")
    for r, label in enumerate(labels, start=9):
        put(ws, f"A{r}", label)
    put(ws, "A14", f"協議事項（{KOBAN}）")
    put(ws, "A15", f"協議事項（{JIKEN}）")
    put(ws, "A16", "協議内容")
    put(ws, "A17", "出席警察官名")
    for c, m in ((2, M2), (3, M)):
        col = _col(c)
        for r, value in zip(
            range(9, 14),
            (m.when, m.venue, m.kind, f"{m.police}人", f"{m.civilians}人"),
            strict=True,
        ):
            put(ws, f"{col}{r}", value)
        for category, topic, _ in m.agenda:
            put(ws, f"{col}{14 if category == KOBAN else 15}", topic)
        put(ws, f"{col}16", m.discussion)
        put(ws, f"{col}17", "、".join(m.officers))
    put(ws, "D9", None)
    for c in "ABCD":
        ws.column_dimensions[c].width = 24
    _save(wb, path)


def stacked_forms(path: Path) -> None:
    """The form twice on one sheet, one under the other, two meetings."""
    wb, ws = new_book()
    refs = plain(ws, M2)
    plain(ws, M, top=int(refs["next"]) + 2)
    _save(wb, path)


def side_by_side_blank(path: Path) -> None:
    """The form twice side by side: the left one written, the right one left blank."""
    wb, ws = new_book()
    plain(ws, M)
    blank = dict.fromkeys(
        (
            "affiliation",
            "reporter",
            "phone",
            "council_name",
            "facility_name",
            "date",
            "venue",
            "attendance",
            "meeting_type",
            "discussion",
            "officers",
        )
    )
    blank.update(agenda=(), requests=())
    plain(ws, M, left=8, values=blank)
    _save(wb, path)


def nothing_lists(path: Path) -> None:
    """なし, 特になし, 該当なし and ― written in the list cells: no items."""
    wb, ws = new_book()
    m = replace(M, requests=(("特になし", None),))
    values = {"agenda": (*M.agenda, (MATSURI, "該当なし", "―"))}
    plain(ws, m, values=values)
    _save(wb, path)


def outside_print_area(path: Path) -> None:
    """A note for the station beside the form, outside the print area: not the report."""
    wb, ws = new_book()
    refs = plain(ws, M)
    ws["H3"] = "前回の要望：防犯カメラ（回答待ち）"
    ws["H4"] = "次回は1月の予定"
    ws.print_area = f"A1:E{int(refs['next']) - 1}"
    _save(wb, path)


def print_area_cuts_form(path: Path) -> None:
    """A print area set long ago that cuts through the form (its 備考 column outside):
    the sheet is read whole, and the record says the print area cuts it."""
    wb, ws = new_book()
    refs = plain(ws, M)
    ws.print_area = f"A1:D{int(refs['next']) - 1}"
    _save(wb, path)


def unread_memo(path: Path) -> None:
    """A memo typed inside the form where no label reads it: named as unread text."""
    wb, ws = new_book()
    refs = plain(ws, M)
    r = int(refs["next"]) + 1  # a row left empty under 出席警察官名
    put(ws, f"B{r}", "委員の任期は来年3月まで", f"E{r}")
    _save(wb, path)


def two_labels_one_cell(path: Path) -> None:
    """施設名 printed over a box that is also the box right of 協議会名: the box is no
    value of either (a conflict, said so), never the value of both."""
    wb, ws = new_book()
    plain(
        ws,
        M,
        labels={"council_name": "", "facility_name": "協議会名"},
        values={"council_name": "施設名", "facility_name": M.council},
    )
    _save(wb, path)


def signature_block(path: Path) -> None:
    """The closing line and who reports written again under the form (a signature
    block): one report, nothing unread, no label said twice."""
    wb, ws = new_book()
    refs = plain(ws, M)
    r = int(refs["next"]) + 1
    put(ws, f"A{r}", "上記のとおり報告します。", f"E{r}")
    for i, (label, value) in enumerate(
        (("所属", M.affiliation), ("報告者", M.reporter), ("警電", M.phone)), start=1
    ):
        put(ws, f"C{r + i}", label)
        put(ws, f"D{r + i}", value, f"E{r + i}")
    _save(wb, path)


def register_two_row_header(path: Path) -> None:
    """A register whose header takes two rows: 出席者数 over 警察官 | 民間."""
    wb, ws = new_book("一覧")
    for ref, text, merge in (
        ("A1", "協議会名", "A2"),
        ("B1", "開催日", "B2"),
        ("C1", "開催場所", "C2"),
        ("D1", "種別", "D2"),
        ("E1", "出席者数", "F1"),
        ("E2", "警察官", None),
        ("F2", "民間", None),
        ("G1", "協議事項", "G2"),
    ):
        put(ws, ref, text, merge)
    for r, m in ((3, M2), (4, M)):
        values = (m.council, m.day, m.venue, m.kind, m.police, m.civilians, m.agenda[0][1])
        for c, value in zip("ABCDEFG", values, strict=True):
            put(ws, f"{c}{r}", value)
        ws[f"B{r}"].number_format = "yyyy/m/d"
    _save(wb, path)


def date_label_twice(path: Path) -> None:
    """開催日時 printed a second time under the form with another day: one report, the
    label said twice and the second day named as unread."""
    wb, ws = new_book()
    refs = plain(ws, M)
    r = int(refs["next"]) + 1
    put(ws, f"A{r}", "開催日時")
    put(ws, f"B{r}", "令和8年11月1日（日）", f"E{r}")
    _save(wb, path)


def hogan_form(path: Path) -> None:
    """The 別記様式 drawn on Excel 方眼紙 as most stations do: several labels and their
    values on one row (出席者数 | 警察官 | 2 | 人 | 民間 | 11 | 人 | 会議種別 | 定期) over the
    table's header row — one form, not a register."""
    wb, ws = new_book()
    for c in range(1, 35):
        ws.column_dimensions[_col(c)].width = 2.6
    put(ws, "A1", "地域指導係宛", "I1")
    put(ws, "A2", "交番・駐在所連絡協議会開催結果報告書", "AH2")
    for ref, text, merge in (
        ("K4", "署長", "N4"),
        ("O4", "副署長", "R4"),
        ("S4", "地域交通官", "V4"),
        ("W4", "地域課長", "Z4"),
        ("AA4", "課長代理", "AD4"),
        ("AE4", "主任・係", "AH4"),
    ):
        put(ws, ref, text, merge)
    rows = (
        ("A7", "所　属", "D7", "E7", M.affiliation, "P7"),
        ("Q7", "報告者", "T7", "U7", M.reporter, "AH7"),
        ("A8", "警　電", "D8", "E8", M.phone, "P8"),
        ("A9", "協議会名", "D9", "E9", M.council, "R9"),
        ("S9", "施設名", "V9", "W9", M.facility, "AH9"),
        ("A10", "開催日時", "D10", "E10", M.when, "V10"),
        ("W10", "開催場所", "Y10", "Z10", M.venue, "AH10"),
    )
    for ref, label, lmerge, vref, value, vmerge in rows:
        put(ws, ref, label, lmerge)
        put(ws, vref, value, vmerge)
    for ref, value, merge in (
        ("A11", "出席者数", "D11"),
        ("E11", "警察官", "G11"),
        ("H11", M.police, "I11"),
        ("J11", "人", None),
        ("K11", "民間", "L11"),
        ("M11", M.civilians, "O11"),
        ("P11", "人", None),
        ("Q11", "会議種別", "T11"),
        ("U11", M.kind, "AH11"),
        ("A12", "区分", "H12"),
        ("I12", "協議事項", "AB12"),
        ("AC12", "備考", "AH12"),
    ):
        put(ws, ref, value, merge)
    for r, (category, topic, remarks) in enumerate(M.agenda, start=13):
        put(ws, f"A{r}", category, f"H{r}")
        put(ws, f"I{r}", topic, f"AB{r}")
        if remarks:
            put(ws, f"AC{r}", remarks, f"AH{r}")
    put(ws, "A15", "そ の 他", "H15")
    put(ws, "A16", "協議内容等", "D18")
    put(ws, "E16", M.discussion, "AH18")
    put(ws, "A19", "要望事項", "Q19")
    put(ws, "R19", "措置・回答", "AH19")
    put(ws, "A20", M.requests[0][0], "Q20")
    put(ws, "R20", M.requests[0][1], "AH20")
    put(ws, "A21", "出席警察官名", "F21")
    put(ws, "G21", "、".join(M.officers), "AH21")
    _save(wb, path)


# =========================================================================================
# parts openpyxl does not write
# =========================================================================================


def _add_checkboxes(data: bytes, path: Path, boxes: list[tuple[int, int, str, bool]]) -> None:
    """Form-control checkboxes as Excel writes them: a VML legacy drawing with each box's
    anchor, link and state, and a control-properties part each (Excel 2010 on)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    shapes = []
    controls = []
    rels = [
        '<Relationship Id="rIdV" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>'
    ]
    parts: dict[str, bytes] = {}
    for i, (col, row, link, checked) in enumerate(boxes, start=1):
        sid = 1024 + i
        state = "<x:Checked>1</x:Checked>" if checked else ""
        shapes.append(
            f'<v:shape id="_x0000_s{sid}" type="#_x0000_t201" style="position:absolute;'
            f'width:60pt;height:15pt" filled="f" stroked="f"><x:ClientData ObjectType="Checkbox">'
            f"<x:Anchor>{col}, 4, {row}, 2, {col + 1}, 0, {row}, 18</x:Anchor>"
            f"<x:FmlaLink>{link}</x:FmlaLink>{state}<x:NoThreeD/></x:ClientData></v:shape>"
        )
        controls.append(f'<control shapeId="{sid}" r:id="rIdC{i}" name="Check Box {i}"/>')
        rels.append(
            f'<Relationship Id="rIdC{i}" Type="http://schemas.microsoft.com/office/2006/'
            f'relationships/ctrlProp" Target="../ctrlProps/ctrlProp{i}.xml"/>'
        )
        checked_attr = ' checked="Checked"' if checked else ""
        parts[f"xl/ctrlProps/ctrlProp{i}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
            f' objectType="CheckBox"{checked_attr} fmlaLink="{link}" noThreeD="1"/>'
        ).encode()
    parts["xl/drawings/vmlDrawing1.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201"/>'
        + "".join(shapes)
        + "</xml>"
    ).encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    ).encode()
    sheet = src.read("xl/worksheets/sheet1.xml").decode()
    tail = '<legacyDrawing r:id="rIdV"/><controls>' + "".join(controls) + "</controls>"
    if "xmlns:r=" not in sheet[:600]:
        sheet = sheet.replace(
            "<worksheet ",
            '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
            1,
        )
    sheet = sheet.replace("</worksheet>", tail + "</worksheet>")
    types = (
        src.read("[Content_Types].xml")
        .decode()
        .replace(
            "</Types>",
            '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
            + "".join(
                f'<Override PartName="/xl/ctrlProps/ctrlProp{i}.xml" '
                'ContentType="application/vnd.ms-excel.controlproperties+xml"/>'
                for i in range(1, len(boxes) + 1)
            )
            + "</Types>",
        )
    )
    _rewrite(
        src,
        path,
        {
            "xl/worksheets/sheet1.xml": sheet.encode(),
            "[Content_Types].xml": types.encode(),
            **parts,
        },
    )


def _cache_formulas(data: bytes, path: Path, part: str, cached: dict[str, str]) -> None:
    """Formulas with the values Excel would have kept beside them (openpyxl keeps none)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read(part).decode()

    def with_value(m: re.Match[str]) -> str:
        ref = m.group(1)
        value = cached.get(ref)
        if value is None:
            return m.group(0)
        text = value.replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}"{m.group(2)} t="str"><f>{m.group(3)}</f><v>{text}</v></c>'

    xml = re.sub(
        r'<c r="([A-Z]+[0-9]+)"([^>]*?)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', with_value, xml
    )
    xml = re.sub(r'<c r="([A-Z]+[0-9]+)"([^>]*?)><f>([^<]*)</f></c>', with_value, xml)
    _rewrite(src, path, {part: xml.encode()})


def _rewrite(src: zipfile.ZipFile, path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = parts.pop(info.filename, None)
            out.writestr(_stamped(info.filename), data if data is not None else src.read(info))
        for name, data in parts.items():
            out.writestr(_stamped(name), data)


def _stamped(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 11, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _pin(wb: Workbook) -> None:
    stamp = datetime(2026, 11, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "kyogikai corpus"


def _save(wb: Workbook, path: Path) -> None:
    _pin(wb)
    buf = io.BytesIO()
    wb.save(buf)
    _rewrite(zipfile.ZipFile(buf), path, {})


# =========================================================================================
# what each workbook must read as
# =========================================================================================

S = "報告書"


@dataclass
class Book:
    make: Callable[[Path], None]
    reports: list[dict[str, Any]]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    converted: tuple[str, ...] = ()


def _books() -> dict[str, Book]:
    return {
        "document_one_cell": Book(
            document_one_cell,
            [
                report(
                    S,
                    M.expected(
                        phone=None,
                        agenda=[agenda(c, t) for c, t, _ in M.agenda],  # no 備考 in a letter
                    ),
                    [
                        issue("I1.document", None, f"{S}!A5"),
                        issue("I1.rows-as-items", "agenda", f"{S}!A5"),
                        issue("I1.exchanges", "requests", f"{S}!A5"),
                    ],
                )
            ],
        ),
        "colon_column": Book(
            colon_column,
            [
                report(
                    S,
                    M.expected(agenda=[agenda(None, M.agenda[0][1])], requests=[]),
                )
            ],
        ),
        "category_circled_legend": Book(
            category_circled_legend,
            [
                report(
                    S,
                    M.expected(
                        agenda=[
                            agenda(KOBAN, "秋の地域安全運動"),
                            agenda(JIKEN, "自転車盗"),
                            agenda(OTHER, "防犯灯の点検"),
                        ]
                    ),
                    [
                        issue("I1.legend", "agenda", f"{S}!A12"),
                        issue("I1.legend", "agenda", f"{S}!A13"),
                        issue("I1.legend", "agenda", f"{S}!A14"),
                    ],
                )
            ],
        ),
        "category_katakana_legend": Book(
            category_katakana_legend,
            [
                report(
                    S,
                    M.expected(
                        agenda=[
                            agenda(KOBAN, "交番だよりの配布"),
                            agenda(OTHER, "防犯診断の申込み"),
                        ]
                    ),
                    [
                        issue("I1.legend", "agenda", f"{S}!A12"),
                        issue("I1.legend", "agenda", f"{S}!A13"),
                    ],
                )
            ],
        ),
        "counts_as_names": Book(
            counts_as_names,
            [
                report(
                    S,
                    M.expected(civilian_attendees=9),
                    [
                        issue("I1.derived-count", "police_attendees", f"{S}!C9"),
                        issue("I1.derived-count", "civilian_attendees", f"{S}!E9"),
                    ],
                )
            ],
        ),
        "times_hhmm": Book(times_hhmm, [report(S, M.expected())]),
        "label_notes": Book(label_notes, [report(S, M.expected())]),
        "year_in_title": Book(
            year_in_title,
            [report(S, M.expected(), [issue("I1.year-from-title", "date", f"{S}!B7")])],
        ),
        "older_words": Book(
            older_words,
            [
                report(
                    S,
                    M.expected(phone=None, agenda=[agenda(None, t) for _, t, _ in M.agenda]),
                    [issue("I1.type-from-category", "meeting_type", f"{S}!B8")],
                )
            ],
        ),
        "request_answer_one_cell": Book(
            request_answer_one_cell,
            [
                report(
                    S,
                    M.expected(
                        requests=[
                            request(
                                "駅前の街灯を増やしてほしい。",
                                "市道路課に伝え、11月に2基設置された。",
                            ),
                            request(
                                "通学路の見守りに協力してほしい。", "登校時の立番を実施している。"
                            ),
                        ]
                    ),
                    [issue("I1.exchanges", "requests", f"{S}!A16")],
                )
            ],
        ),
        "word_table_paste": Book(
            word_table_paste,
            [
                report(
                    S,
                    M.expected(
                        phone=None,
                        agenda=[
                            agenda(
                                KOBAN,
                                "秋の地域安全運動の取組\n(街頭キャンペーンの日程)",
                                "署と合同",
                            ),
                            agenda(JIKEN, "駅前の自転車盗の発生状況"),
                        ],
                        discussion="駐輪場での施錠の呼び掛けを行う。\n自治会と合同で実施する。",
                        requests=[
                            request(
                                "駅前の街灯を増やしてほしい。\n(特に北口の自転車置場付近)",
                                "市道路課に伝え、11月に2基設置された。",
                            )
                        ],
                    ),
                    [
                        issue("I1.joined-rows", "discussion", f"{S}!B14"),
                        issue("I1.joined-rows", "agenda", f"{S}!A11"),
                        issue("I1.joined-rows", "requests", f"{S}!A17"),
                    ],
                )
            ],
        ),
        "hogan_one_char": Book(
            hogan_one_char,
            [
                report(
                    S,
                    M.expected(agenda=[], requests=[], reporter="巡査部長 山本一樹"),
                    [
                        issue("I1.boxes-joined", "reporter", f"{S}!E4"),
                        issue("I1.boxes-joined", "phone", f"{S}!E5"),
                        issue("R1.no-topic", "agenda[0].topic", None),
                    ],
                )
            ],
        ),
        "checkbox_controls": Book(
            checkbox_controls,
            [report(S, M.expected(), [issue("S1.inferred", "meeting_type", f"{S}!C10")])],
        ),
        "checkbox_in_cells": Book(
            checkbox_in_cells,
            [report(S, M.expected(), [issue("I1.checkbox", "meeting_type", f"{S}!B10")])],
        ),
        "input_and_print": Book(
            input_and_print,
            [
                report(
                    S,
                    M.expected(agenda=[], requests=[]),
                    [issue("R1.no-topic", "agenda[0].topic", None)],
                )
            ],
            skipped=[("入力", "数式")],
        ),
        "hidden_helpers": Book(hidden_helpers, [report(S, M.expected())]),
        "placeholder_reporter": Book(
            placeholder_reporter,
            [
                report(
                    S,
                    M.expected(reporter=None, phone=None),
                    [issue("R1.recommended", "reporter", f"{S}!B3")],
                )
            ],
        ),
        "hidden_previous_rows": Book(
            hidden_previous_rows, [report(S, M.expected())], converted=("xls", "ods")
        ),
        "month_sheets": Book(
            month_sheets,
            [report("7月", M2.expected()), report("10月", M.expected())],
            skipped=[(month, "記入のない様式") for month in MONTHS if month not in ("7月", "10月")],
            converted=("ods",),
        ),
        "register_rows": Book(
            register_rows,
            [
                report(
                    "開催状況",
                    M2.expected(
                        reporter=None,
                        phone=None,
                        council_name=None,
                        facility_name=None,
                        requests=[],
                    ),
                    # the register has no column for them: nowhere to point at
                    [
                        issue("R1.required", "council_name", None, "error"),
                        issue("R1.required", "facility_name", None, "error"),
                        issue("R1.recommended", "reporter", None),
                    ],
                    area="A5:J5",
                ),
                report(
                    "開催状況",
                    M.expected(
                        reporter=None,
                        phone=None,
                        council_name=None,
                        facility_name=None,
                        requests=[],
                        agenda=[agenda(c, t) for c, t, _ in M.agenda],
                    ),
                    [
                        issue("R1.required", "council_name", None, "error"),
                        issue("R1.required", "facility_name", None, "error"),
                        issue("R1.recommended", "reporter", None),
                    ],
                    area="A6:J7",
                ),
            ],
            converted=("xls",),
        ),
        "register_columns": Book(
            register_columns,
            [
                report("記録簿", M2.expected(phone=None, requests=[]), area="B8:B17"),
                report(
                    "記録簿",
                    M.expected(
                        phone=None, requests=[], agenda=[agenda(c, t) for c, t, _ in M.agenda]
                    ),
                    area="C8:C17",
                ),
            ],
        ),
        "stacked_forms": Book(
            stacked_forms,
            [
                report(S, M2.expected(), area="A1:E18"),
                report(S, M.expected(), area="A19:E35"),
            ],
        ),
        "side_by_side_blank": Book(
            side_by_side_blank,
            [report(S, M.expected(), area="A1:G17")],
            skipped=[(S, "記入のない様式")],
        ),
        "nothing_lists": Book(nothing_lists, [report(S, M.expected(requests=[]))]),
        "outside_print_area": Book(
            outside_print_area, [report(S, M.expected())], converted=("xls", "ods")
        ),
        "print_area_cuts_form": Book(
            print_area_cuts_form,
            [report(S, M.expected(), [issue("I1.print-area-cut", None, f"{S}!A1")])],
            converted=("ods",),
        ),
        "unread_memo": Book(
            unread_memo,
            [report(S, M.expected(), [issue("I1.unread-text", None, f"{S}!B19")])],
        ),
        "two_labels_one_cell": Book(
            two_labels_one_cell,
            [
                report(
                    S,
                    M.expected(council_name=None, facility_name=None),
                    [
                        issue("I1.conflict", "facility_name", f"{S}!B6"),
                        issue("R1.required", "council_name", f"{S}!B6", "error"),
                        issue("R1.required", "facility_name", f"{S}!B6", "error"),
                    ],
                )
            ],
        ),
        "signature_block": Book(signature_block, [report(S, M.expected())]),
        "register_two_row_header": Book(
            register_two_row_header,
            [
                report(
                    "一覧",
                    m.expected(
                        affiliation=None,
                        reporter=None,
                        phone=None,
                        facility_name=None,
                        start_time=None,
                        end_time=None,
                        agenda=[agenda(None, m.agenda[0][1])],
                        discussion=None,
                        requests=[],
                        officers=[],
                    ),
                    [
                        issue("R1.required", "affiliation", None, "error"),
                        issue("R1.required", "facility_name", None, "error"),
                        issue("R1.recommended", "reporter", None),
                        issue("R1.recommended", "discussion", None),
                        issue("R1.recommended", "officers", None),
                        issue("R1.recommended", "start_time", f"一覧!B{r}"),
                    ],
                    area=f"A{r}:G{r}",
                )
                for r, m in ((3, M2), (4, M))
            ],
        ),
        "date_label_twice": Book(
            date_label_twice,
            [
                report(
                    S,
                    M.expected(),
                    [
                        issue("I1.unread-text", "date", f"{S}!B19"),
                        issue("I1.repeated-labels", "date", f"{S}!A19"),
                    ],
                )
            ],
        ),
        "hogan_form": Book(hogan_form, [report(S, M.expected())], converted=("xls", "ods")),
    }


def expected(book: Book) -> dict[str, Any]:
    return {
        "reports": book.reports,
        "skipped": [list(s) for s in book.skipped],
        "skipped_file": None,
    }


def build(only: set[str] | None = None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, book in _books().items():
        if only and name not in only:
            continue
        path = OUT / f"{name}.xlsx"
        book.make(path)
        data = expected(book)
        (OUT / f"{name}.expected.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        for fmt in book.converted:
            copy = convert(path, fmt)
            if copy is None:
                print("soffice not found: .xls/.ods copies not rebuilt", file=sys.stderr)
                continue
            (OUT / f"{name}_{fmt}.expected.json").write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )


if __name__ == "__main__":
    build(set(sys.argv[1:]) or None)
