"""Random compositions of the second blind corpus's drawing functions.

`make_blind2.py` draws the 別記様式 as its author's stations do (four layouts, many ways of
typing each value) and writes the record a careful person reads beside each workbook. This
module draws more workbooks from the same functions with the choices made at random — the
layout, how dates, times, counts, types and 区分 are typed, the label words of an era,
方眼紙, stamp boxes, a text box, and how the meetings are put together (one sheet, two
sheets, two forms stacked or side by side, a sheet per month with most months blank) — so
that the reader is tried on combinations nobody wrote by hand.

usage: python compose.py OUTDIR [COUNT] [FIRST_SEED]
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


def compose(seed: int, out: Path) -> Path | None:
    """One workbook and its expected records; None when the drawing functions do not take
    the choices together (a 記書き has no blank copy to draw)."""
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0])
    count = int(args[1]) if len(args) > 1 else 20
    first = int(args[2]) if len(args) > 2 else 1000
    out.mkdir(parents=True, exist_ok=True)
    made = [compose(seed, out) for seed in range(first, first + count)]
    print(f"{sum(p is not None for p in made)} workbooks -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
