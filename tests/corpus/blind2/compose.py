"""Random compositions of the second blind corpus's drawing functions.

`make_blind2.py` draws the 別記様式 as its author's stations do (four layouts, many ways of
typing each value) and writes the record a careful person reads beside each workbook. This
module draws more workbooks from the same functions with the choices made at random — the
layout, how dates, times, counts, types and 区分 are typed, the label words of an era,
方眼紙, stamp boxes, a text box, and how the meetings are put together (one sheet, two
sheets, two forms stacked or side by side, a sheet per month with most months blank) — so
that the reader is tried on combinations nobody wrote by hand.

usage: python compose.py OUTDIR [COUNT] [FIRST_SEED] [--registers | --columns]
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import make_blind2 as M

FORMS = ("classic", "above", "vertical", "kigaki")
DATES = ("wareki", "wareki_nw", "wareki_fw", "R", "R_w", "R_fw", "slash", "slash_w", "kanji",
         "reiwa_dot", "sp_wareki")  # fmt: skip
TIMES = ("colon", "colon_fw", "tilde", "hhmm", "hhmm_fw", "gogo", "gogo_fw", "gogo_short",
         "jikan", "kara")  # fmt: skip
COUNTS = ("num", "mei", "nin", "mei_fw", "nin_fw", "kanji", "text", "fw", "sp_nin")
TYPES = ("word", "short", "teirei", "check", "check2", "paren", "maru")
STATIONS = (("北山警察署", "北山駅前交番"), ("南川警察署", "南川駐在所"), ("東浜警察署", "東浜交番"),
            ("西野警察署", "西野台交番"))  # fmt: skip
COMPOSITIONS = ("one", "one", "two_sheets", "stacked", "months", "side")


def _report(rng: random.Random, seed: str, station: tuple[str, str] | None = None) -> Any:
    aff, facility = station or rng.choice(STATIONS)
    day = dt.date(2026, rng.randint(4, 11), rng.randint(1, 28))
    start = rng.choice(["10:00", "13:30", "14:00", "18:30", "19:00"])
    hour = int(start.split(":")[0])
    end = f"{hour + 1}:{rng.choice(['00', '30'])}"
    kind = rng.choice(["regular", "regular", "extraordinary"])
    topics = rng.randint(1, 4) if kind == "regular" else rng.randint(1, 2)
    return M.make_report(
        seed, aff, facility, day, M.tm(start), M.tm(end), mtype=kind, n_agenda=topics,
        n_req=rng.randint(0, 2),
    )  # fmt: skip


def _options(rng: random.Random, form: str) -> dict[str, Any]:
    o: dict[str, Any] = dict(
        date=rng.choice(DATES), time=rng.choice(TIMES), count=rng.choice(COUNTS),
        mtype=rng.choice(TYPES),
        labels=rng.choice([M.LBL_STD, M.LBL_OLD, M.LBL_ALT, M.LBL_NEW]),
    )  # fmt: skip
    if form == "classic":
        o.update(
            dt=rng.choice(["one", "split"]), hogan=rng.random() < 0.3,
            agenda=rng.choice(["printed", "free", "nocat"]), cat=rng.choice(["full", "abbr"]),
            req=rng.choice(["table", "onecell", "together"]), stamps=rng.random() < 0.7,
            disc_textbox=rng.random() < 0.2,
        )  # fmt: skip
    elif form == "above":
        o.update(dt=rng.choice(["one", "split"]), cat=rng.choice(["full", "abbr"]))
    elif form == "vertical":
        o.update(cat=rng.choice(["full", "abbr"]))
    if rng.random() < 0.3:
        o["none_word"] = rng.choice(["なし", "特になし", "該当なし"])
    return o


def _draw(book: Any, ws: Any, rep: Any, form: str, o: dict[str, Any], r0: int = 0) -> Any:
    if form == "classic":
        if r0 == 0:
            M.setup_classic(book, ws, hogan=o.get("hogan", False))
        return M.form_classic(book, ws, rep, o, r0=r0)
    if form == "above":
        return M.form_above(book, ws, rep, o, r0=r0)
    if form == "vertical":
        return M.form_vertical(book, ws, rep, o, r0=r0)
    return M.form_kigaki(book, ws, rep, o, r0=r0)


def compose(seed: int, out: Path) -> Path:
    """One workbook and its expected records (a 記書き, which has no blank copy to draw,
    is put in two sheets instead of a sheet per month)."""
    rng = random.Random(seed)
    form = rng.choice(FORMS)
    o = _options(rng, form)
    how = rng.choice(COMPOSITIONS)
    if how == "side" and form != "classic":
        how = "stacked"
    if how == "months" and form == "kigaki":
        how = "two_sheets"
    name = f"c{seed}_{form}_{how}"
    path = out / f"{name}.xlsx"
    book = M.Book(str(path))
    station = rng.choice(STATIONS)
    if how == "one":
        _, exp = _draw(book, book.sheet("報告書"), _report(rng, f"c{seed}"), form, o)
        book.add_report("報告書", exp)
    elif how == "two_sheets":
        for i in (1, 2):
            ws = book.sheet(f"第{i}回")
            _, exp = _draw(book, ws, _report(rng, f"c{seed}_{i}", station), form, o)
            book.add_report(f"第{i}回", exp)
    elif how == "stacked":
        ws, r = book.sheet("報告書"), 0
        for i in (1, 2):
            r, exp = _draw(book, ws, _report(rng, f"c{seed}_{i}", station), form, o, r0=r)
            book.add_report("報告書", exp)
            r += 3
    elif how == "side":
        ws = book.sheet("報告書")
        M.setup_classic(book, ws, hogan=o.get("hogan", False))
        for i in (0, 1):
            left = 0 if i == 0 else (37 if o.get("hogan") else 11)
            _, exp = M.form_classic(book, ws, _report(rng, f"c{seed}_{i}", station), o, c0=left)
            book.add_report("報告書", exp)
    else:  # a sheet per month, two of them written
        written = set(rng.sample(range(12), 2))
        for i, month in enumerate((4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)):
            ws = book.sheet(f"{month}月")
            rep = _report(rng, f"c{seed}_{i}", station) if i in written else None
            _, exp = _draw(book, ws, rep, form, o)
            if rep is None:
                book.add_not_report(f"{month}月")
            else:
                book.add_report(f"{month}月", exp)
    expected = book.close()
    with open(out / f"{name}.expected.json", "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, default=str)
    return path


# --- registers: one meeting a row ----------------------------------------------------------

HEADS = {
    "facility": ("施設名", "交番・駐在所名", "交番名", "交番等名"),
    "council": ("協議会名", "協議会の名称", "連絡協議会名"),
    "date": ("開催日", "開催年月日", "開催日時", "月日"),
    "time": ("時間", "開催時間"),
    "venue": ("場所", "開催場所", "会場"),
    "type": ("種別", "会議種別", "会議の別", "定期・臨時の別"),
    "topic": ("協議事項", "議題", "主な議題", "協議題"),
    "discussion": ("協議内容", "協議内容等", "協議の概要", "主な協議内容"),
    "request": ("要望事項", "要望", "意見・要望", "要望等"),
    "response": ("措置・回答", "回答", "対応状況", "回答・措置状況"),
    "officers": ("出席警察官", "出席警察官名", "出席した警察官"),
}
ABBREVIATED = {M.KATSUDO: "【活動】", M.JIKEN: "【事件・事故】", M.SAIJI: "【催事・行事】",
               M.SONOTA: "【その他】"}  # fmt: skip


def _register_day(day: dt.date, how: str) -> Any:
    if how == "md":
        return f"{day.month}月{day.day}日"
    if how == "serial":
        return day
    return M.tdate(day, how)


def register(seed: int, out: Path) -> Path:
    """A station's register of its meetings, one a row (or a few rows when its topics
    and requests take a row each), with the choices made at random."""
    rng = random.Random(seed)
    station = rng.choice(STATIONS)
    reps = [_report(rng, f"r{seed}_{i}", station) for i in range(rng.randint(2, 4))]
    reps.sort(key=lambda rep: rep["date"])
    keeper = rng.random() < 0.6
    aff_column = not keeper and rng.random() < 0.5
    columns = ["facility" if rng.random() < 0.5 else "council", "date"]
    columns += [c for c in ("time", "venue", "type") if rng.random() < 0.8]
    columns.append("counts")
    topics = rng.choice(["rows", "prefixed", "by_category"])
    columns.append("topic")
    if rng.random() < 0.6:
        columns.append("discussion")
    requests = rng.choice(["rows", "bracketed"])
    columns.append("request")
    if rng.random() < 0.5:
        columns.append("officers")
    days = rng.choice(["md", "serial", "wareki", "R", "slash"])
    path = out / f"r{seed}_register_{topics}_{requests}.xlsx"
    book = M.Book(str(path))
    ws = book.sheet(rng.choice(["一覧", "開催状況", "台帳"]))
    ws.set_landscape()
    head = book.fmt(border=1, align="center", text_wrap=True, bg_color="#DDEBF7")
    cell = book.fmt(border=1, align="left", valign="top", text_wrap=True)
    ws.write(
        0, 0, f"交番・駐在所連絡協議会開催状況一覧（令和８年度　{station[1]}）", book.fmt(bold=True)
    )
    if keeper:
        ws.write(
            1, 0, f"{station[0]}　地域課　記載者 {reps[0]['reporter']}（警電{reps[0]['phone']}）"
        )
    layout: list[tuple[str, int]] = []  # (what, first column)
    c = 0
    if aff_column:
        ws.merge_range(3, c, 4, c, "所属", head)
        layout.append(("aff", c))
        c += 1
    for what in columns:
        if what == "counts":
            ws.merge_range(3, c, 3, c + 1, rng.choice(["出席者数", "出席者"]), head)
            ws.write(4, c, "警察官", head)
            ws.write(4, c + 1, rng.choice(["民間", "委員等"]), head)
            layout.append(("counts", c))
            c += 2
        elif what == "topic" and topics == "by_category":
            ws.merge_range(3, c, 3, c + 3, "協議事項", head)
            for k, name in enumerate(M.CATS):
                ws.write(4, c + k, M.tcat(name, rng.choice(["full", "sp"])), head)
            layout.append(("by_category", c))
            c += 4
        elif what == "topic" and topics == "rows":
            ws.merge_range(3, c, 4, c, "区分", head)
            ws.merge_range(3, c + 1, 4, c + 1, rng.choice(HEADS["topic"]), head)
            layout.append(("topic_rows", c))
            c += 2
        elif what == "request" and requests == "rows":
            ws.merge_range(3, c, 4, c, rng.choice(HEADS["request"]), head)
            ws.merge_range(3, c + 1, 4, c + 1, rng.choice(HEADS["response"]), head)
            layout.append(("request_rows", c))
            c += 2
        elif what == "request":
            ws.merge_range(3, c, 4, c, "要望事項（回答）", head)
            layout.append(("bracketed", c))
            c += 1
        else:
            ws.merge_range(3, c, 4, c, rng.choice(HEADS[what]), head)
            layout.append((what, c))
            c += 1
    ws.set_column(0, c, 14)
    r = 5
    for rep in reps:
        agenda = sorted(rep["agenda"], key=lambda a: M.CATS.index(a["category"]))
        if topics == "by_category":
            rep["agenda"] = agenda
        height = max(1, len(agenda) if topics == "rows" else 1,
                     len(rep["requests"]) if requests == "rows" else 1)  # fmt: skip

        def put(col: int, value: Any, rows: int = height, at: int = r) -> None:
            if rows > 1:
                ws.merge_range(at, col, at + rows - 1, col, "", cell)
            if isinstance(value, dt.date):
                fmt = book.fmt(border=1, valign="top", num_format='m"月"d"日"')
                ws.write_datetime(at, col, dt.datetime.combine(value, dt.time()), fmt)
            else:
                ws.write(at, col, value, cell)

        for what, col in layout:
            if what == "aff":
                put(col, rep["affiliation"])
            elif what == "facility":
                put(col, rep["facility_name"])
            elif what == "council":
                put(col, rep["council_name"])
            elif what == "date":
                put(col, _register_day(rep["date"], days))
            elif what == "time":
                put(col, M.ttime(rep["start_time"], rep["end_time"], rng.choice(TIMES)))
            elif what == "venue":
                put(col, rep["venue"])
            elif what == "type":
                put(col, M.ttype(rep["meeting_type"], rng.choice(["word", "short", "teirei"])))
            elif what == "counts":
                put(col, M.tcount(rep["police_attendees"], rng.choice(COUNTS)))
                put(col + 1, M.tcount(rep["civilian_attendees"], rng.choice(COUNTS)))
            elif what == "discussion":
                put(col, rep["discussion"])
            elif what == "officers":
                put(col, "、".join(rep["officers"]))
            elif what == "by_category":
                for k, name in enumerate(M.CATS):
                    found = [a["topic"] for a in agenda if a["category"] == name]
                    put(col + k, found[0] if found else "")
            elif what == "topic_rows":
                for i in range(height):
                    a = agenda[i] if i < len(agenda) else None
                    ws.write(r + i, col, M.tcat(a["category"], "full") if a else "", cell)
                    ws.write(r + i, col + 1, a["topic"] if a else "", cell)
            elif what == "request_rows":
                for i in range(height):
                    q = rep["requests"][i] if i < len(rep["requests"]) else None
                    ws.write(r + i, col, q["request"] if q else ("なし" if i == 0 else ""), cell)
                    ws.write(r + i, col + 1, (q["response"] or "") if q else "", cell)
            elif what == "bracketed":
                lines = [f"・{q['request']}" + (f"（回答：{q['response']}）" if q["response"] else "")
                         for q in rep["requests"]]  # fmt: skip
                put(col, "\n".join(lines) or "なし")
        if topics == "prefixed":
            col = next(col for what, col in layout if what == "topic")
            ws.write(
                r, col, "\n".join(ABBREVIATED[a["category"]] + a["topic"] for a in agenda), cell
            )
        for key in ("venue", "discussion"):
            if key not in columns:
                rep[key] = None
        if "time" not in columns:
            rep["start_time"] = rep["end_time"] = None
        if "type" not in columns:
            rep["meeting_type"] = None
        if "officers" not in columns:
            rep["officers"] = []
        if "facility" not in columns:
            rep["facility_name"] = None
        if "council" not in columns:
            rep["council_name"] = None
        if keeper:  # the keeper of the register reports every meeting in it
            rep["reporter"], rep["phone"] = reps[0]["reporter"], reps[0]["phone"]
        else:
            rep["reporter"] = rep["phone"] = None
            if not aff_column:
                rep["affiliation"] = None
        for a in rep["agenda"]:
            a["remarks"] = None
        book.add_report(ws.name, rep)
        r += height
    for i in range(rng.randint(0, 3)):  # empty ruled rows left for later meetings
        ws.write(r + i, 0, "", cell)
    expected = book.close()
    with open(path.with_suffix(".expected.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, default=str)
    return path


def by_columns(seed: int, out: Path) -> Path:
    """A register with the items down the left and one meeting a column (第１回 | 第２回 |
    …), the columns not yet used left blank."""
    rng = random.Random(seed)
    station = rng.choice(STATIONS)
    reps = [_report(rng, f"k{seed}_{i}", station) for i in range(rng.randint(1, 3))]
    reps.sort(key=lambda rep: rep["date"])
    blank = rng.randint(0, 2)
    path = out / f"k{seed}_columns.xlsx"
    book = M.Book(str(path))
    ws = book.sheet(rng.choice(["記録", "開催記録", "R8"]))
    head = book.fmt(border=1, align="center", text_wrap=True, bg_color="#FFF2CC")
    cell = book.fmt(border=1, align="left", valign="top", text_wrap=True)
    ws.write(0, 0, "交番・駐在所連絡協議会開催記録（令和８年度）", book.fmt(bold=True))
    ws.write(1, 0, f"所属：{station[0]}")
    rows = [("council", rng.choice(HEADS["council"])), ("date", rng.choice(HEADS["date"])),
            ("time", rng.choice(HEADS["time"])), ("venue", rng.choice(HEADS["venue"])),
            ("police", rng.choice(["出席者数（警察官）", "警察官"])),
            ("civ", rng.choice(["出席者数（民間）", "民間", "委員等"])),
            ("type", rng.choice(HEADS["type"])), ("topic", rng.choice(HEADS["topic"])),
            ("discussion", rng.choice(HEADS["discussion"])),
            ("request", rng.choice(HEADS["request"])), ("response", rng.choice(HEADS["response"])),
            ("officers", rng.choice(HEADS["officers"]))]  # fmt: skip
    ws.write(3, 0, "項目", head)
    for i in range(len(reps) + blank):
        ws.write(3, 1 + i, f"第{'１２３４５'[i]}回", head)
    for k, (what, label) in enumerate(rows):
        ws.write(4 + k, 0, label, head)
        for i in range(len(reps) + blank):
            rep = reps[i] if i < len(reps) else None
            value: Any = None
            if rep is not None:
                agenda = rep["agenda"]
                value = {
                    "council": rep["council_name"],
                    "date": M.tdate(rep["date"], rng.choice(["wareki", "R", "slash", "kanji"])),
                    "time": M.ttime(rep["start_time"], rep["end_time"], rng.choice(TIMES)),
                    "venue": rep["venue"],
                    "police": M.tcount(rep["police_attendees"], rng.choice(COUNTS)),
                    "civ": M.tcount(rep["civilian_attendees"], rng.choice(COUNTS)),
                    "type": M.ttype(rep["meeting_type"], rng.choice(["word", "short", "teirei"])),
                    "topic": "\n".join(f"【{M.ABBR[a['category']]}】{a['topic']}" for a in agenda),
                    "discussion": rep["discussion"],
                    "request": "\n".join(f"{M.CIRCLED[j]}{q['request']}"
                                         for j, q in enumerate(rep["requests"])) or "なし",
                    "response": "\n".join(f"{M.CIRCLED[j]}{q['response']}"
                                          for j, q in enumerate(rep["requests"]) if q["response"]),
                    "officers": "、".join(rep["officers"]),
                }[what]  # fmt: skip
            ws.write(4 + k, 1 + i, value or "", cell)
    ws.set_column(0, 0, 16)
    ws.set_column(1, len(reps) + blank, 30)
    for rep in reps:
        rep["reporter"] = rep["phone"] = None
        rep["facility_name"] = None
        rep["reference"] = None
        for a in rep["agenda"]:
            a["remarks"] = None
        book.add_report(ws.name, rep)
    expected = book.close()
    with open(path.with_suffix(".expected.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, default=str)
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0])
    numbers = [a for a in args[1:] if not a.startswith("--")]
    count = int(numbers[0]) if numbers else 20
    first = int(numbers[1]) if len(numbers) > 1 else 1000
    out.mkdir(parents=True, exist_ok=True)
    make = register if "--registers" in args else by_columns if "--columns" in args else compose
    made = [make(seed, out) for seed in range(first, first + count)]
    print(f"{len(made)} workbooks -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
