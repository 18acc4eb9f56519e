"""Generate the third blind corpus of station report workbooks.

Usage:
    python3 make_blind3.py [OUTDIR]
    python3 make_blind3.py --part heldback --defs DEFS.py OUTDIR

Every workbook is described by a plain definition (a dict): its sheets in
order, the kind of each sheet, the options of the rendition and, for report
sheets, the record a reader takes from the printed sheet together with how
the officer typed each value.  The expected file is derived from the same
definition, so the workbook and its record cannot drift apart.

Output is deterministic: fixed document properties and fixed zip entry
timestamps for .xlsx.  Files in .xls, .ods and .xlsm are converted from an
.xlsx rendition with LibreOffice; without ``soffice`` they are skipped with
a message.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import zlib

FIXED_TIME = dt.datetime(2026, 11, 30, 9, 0, 0)
ZIP_TIME = (2026, 11, 30, 9, 0, 0)
AUTHOR = "地域課"

CATS = [
    "交番等の活動状況",
    "地域住民等に身近な事件・事故等の発生状況",
    "地域の祭礼等の催事・行事",
    "その他",
]
KEYS = [
    "affiliation", "reporter", "phone", "council_name", "facility_name", "date",
    "start_time", "end_time", "venue", "police_attendees", "civilian_attendees",
    "meeting_type", "agenda", "discussion", "requests", "reference", "officers",
]
WEEKDAYS = "月火水木金土日"
ZEN = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.:-/()",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ．：－／（）",
)
KANJI_NUM = "〇一二三四五六七八九"


def zen(text: str) -> str:
    return text.translate(ZEN)


def kanji_count(n: int) -> str:
    if n < 10:
        return KANJI_NUM[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else KANJI_NUM[tens]
    return head + "十" + ("" if ones == 0 else KANJI_NUM[ones])


# ---------------------------------------------------------------- typed values
def fmt_date(iso: str | None, style: str = "wareki", wd: str = "zen", wrong_wd: bool = False):
    """Render a date as an officer types it (text), or a date object for 'serial'."""
    if iso is None:
        return "令和　　年　　月　　日（　　）"
    d = dt.date.fromisoformat(iso)
    if style == "serial":
        return d
    w = WEEKDAYS[(d.weekday() + (1 if wrong_wd else 0)) % 7]
    y = d.year - 2018
    if style == "wareki":
        s = f"令和{y}年{d.month}月{d.day}日"
    elif style == "wareki_zen":
        s = zen(f"令和{y}年{d.month}月{d.day}日")
    elif style == "R.":
        s = f"R{y}.{d.month}.{d.day}"
    elif style == "R_zen":
        s = zen(f"R{y}.{d.month}.{d.day}")
    elif style == "slash":
        s = f"{d.year}/{d.month}/{d.day}"
    elif style == "iso":
        s = d.isoformat()
    elif style == "kanji":
        s = f"{d.year}年{d.month}月{d.day}日"
    else:
        raise ValueError(style)
    if wd == "zen":
        s += f"（{w}）"
    elif wd == "han":
        s += f"({w})"
    return s


def _hm(t: str) -> tuple[int, int]:
    h, m = t.split(":")
    return int(h), int(m)


def _ampm(t: str, with_word: bool = True, han: bool = False) -> str:
    h, m = _hm(t)
    word = "午前" if h < 12 else "午後"
    hh = h if h <= 12 else h - 12
    mm = "" if m == 0 else ("半" if (han and m == 30) else f"{m}分")
    return (word if with_word else "") + f"{hh}時" + mm


def fmt_times(st: str | None, et: str | None, style: str = "hm") -> str:
    if st is None:
        return "　　時　　分～　　時　　分"
    if style == "hm":
        s = f"{st}～{et}" if et else f"{st}～"
    elif style == "hm_zen":
        s = zen(f"{st}") + "～" + zen(et) if et else zen(st) + "から"
    elif style == "dash":
        s = f"{st}-{et}"
    elif style == "kanji":
        h1, m1 = _hm(st)
        s = f"{h1}時{m1:02d}分から"
        if et:
            h2, m2 = _hm(et)
            s += f"{h2}時{m2:02d}分まで"
    elif style == "ampm":
        same = et is not None and (_hm(st)[0] < 12) == (_hm(et)[0] < 12)
        s = _ampm(st) + "～" + (_ampm(et, with_word=not same) if et else "")
    elif style == "ampm_han":
        same = et is not None and (_hm(st)[0] < 12) == (_hm(et)[0] < 12)
        s = _ampm(st, han=True) + "～" + (_ampm(et, with_word=not same, han=True) if et else "")
    elif style == "ampm_both":
        s = _ampm(st) + "～" + (_ampm(et) if et else "")
    else:
        raise ValueError(style)
    return s


def fmt_count(n: int | None, style: str = "int"):
    if n is None:
        return None
    if style == "int":
        return n
    if style == "zen":
        return zen(str(n))
    if style == "nin":
        return f"{n}人"
    if style == "nin_sp":
        return f"{n} 人"
    if style == "mei":
        return f"{n}名"
    if style == "mei_zen":
        return zen(str(n)) + "名"
    if style == "kanji":
        return kanji_count(n) + "名"
    if style == "float":
        return float(n)
    raise ValueError(style)


def fmt_type(t: str | None, style: str = "kaigi") -> str:
    if t is None:
        return "定期 ・ 臨時"
    reg = t == "regular"
    if style == "kaigi":
        return "定期会議" if reg else "臨時会議"
    if style == "short":
        return "定期" if reg else "臨時"
    if style == "teirei":
        return "定例" if reg else "臨時"
    if style == "box":
        return "■定期　□臨時" if reg else "□定期　■臨時"
    if style == "check":
        return "☑ 定期会議　☐ 臨時会議" if reg else "☐ 定期会議　☑ 臨時会議"
    raise ValueError(style)


def fmt_officers(names: list[str], sep: str = "、") -> str:
    if sep == "nl":
        return "\n".join(n.replace(" ", "　") for n in names)
    return sep.join(n.replace(" ", "　") for n in names)


def numbered(items: list[str], style: str) -> str:
    marks = "①②③④⑤⑥"
    out = []
    for i, it in enumerate(items):
        if style == "circled":
            out.append(marks[i] + it)
        elif style == "dot":
            out.append("・" + it)
        elif style == "paren":
            out.append(f"({i + 1}) " + it)
        else:
            out.append(f"{i + 1}　" + it)
    return "\n".join(out)


def est_lines(text: str, units: float) -> int:
    """Printed lines of wrapped text in a box `units` character widths wide."""
    lines = 0
    for line in text.split("\n"):
        w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) * 1.18
        lines += max(1, -(-int(w) // max(1, int(units))))
    return lines


# ---------------------------------------------------------------- canvases
class Canvas:
    """A sheet seen through logical columns: put() merges, borders and wraps."""

    def __init__(self, mult: int = 1, col0: int = 0, row0: int = 0):
        self.mult = mult
        self.col0 = col0
        self.row0 = row0
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}
        self.hidden: set[int] = set()

    def width(self, col, w):
        self.widths[col] = w
        self.set_width(col, w)

    def height(self, row, h):
        h = max(h, self.heights.get(row, 0))
        self.heights[row] = h
        self.set_height(row, h)

    def fit(self, r1, c1, r2, c2, value):
        """Make the rows tall enough that wrapped text prints whole."""
        if not isinstance(value, str) or not value:
            return
        units = sum(self.widths.get(c, 8.43) for c in range(c1, c2 + 1)) - 1
        lines = est_lines(value, units)
        need = lines * 14 + 6
        rows = r2 - r1 + 1
        if need > 15 * rows:
            for r in range(r1, r2 + 1):
                self.height(r, need / rows)

    def pc(self, c: int) -> tuple[int, int]:
        first = self.col0 + c * self.mult
        return first, first + self.mult - 1

    def put(self, r, c1, c2, value, rows=1, style="value", numfmt=None, formula=None):
        pr = self.row0 + r
        a, _ = self.pc(c1)
        _, b = self.pc(c2)
        self.write_range(pr, a, pr + rows - 1, b, value, style, numfmt, formula)
        if style not in ("plain", "right", "cplain", "title", "hint"):
            self.fit(pr, a, pr + rows - 1, b, value)


class OpenpyxlSheet(Canvas):
    def __init__(self, ws, **kw):
        super().__init__(**kw)
        self.ws = ws

    def write_range(self, r1, c1, r2, c2, value, style, numfmt, formula):
        from openpyxl.styles import Alignment, Border, Font, Side

        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        if style in ("plain", "right", "cplain"):
            border = Border()
        ws = self.ws
        if r2 > r1 or c2 > c1:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                ws.cell(r + 1, c + 1).border = border
        cell = ws.cell(r1 + 1, c1 + 1)
        if value is not None:
            cell.value = value
        horiz = {"label": "center", "title": "center", "value": "left", "plain": "left",
                 "num": "right", "long": "left", "hint": "left",
                 "right": "right", "cplain": "center"}.get(style, "left")
        vert = "top" if style == "long" else "center"
        cell.alignment = Alignment(horizontal=horiz, vertical=vert, wrap_text=True)
        if style == "title":
            cell.font = Font(name="ＭＳ 明朝", size=16, bold=True)
        elif style == "hint":
            cell.font = Font(name="ＭＳ 明朝", size=8, color="FF0000")
        else:
            cell.font = Font(name="ＭＳ 明朝", size=10)
        if numfmt:
            cell.number_format = numfmt

    def set_width(self, col, w):
        from openpyxl.utils import get_column_letter

        self.ws.column_dimensions[get_column_letter(col + 1)].width = w

    def set_height(self, row, h):
        self.ws.row_dimensions[row + 1].height = h

    def hide_row(self, row):
        self.ws.row_dimensions[row + 1].hidden = True

    def hide_col(self, col):
        from openpyxl.utils import get_column_letter

        self.ws.column_dimensions[get_column_letter(col + 1)].hidden = True

    def comment(self, row, col, text):
        from openpyxl.comments import Comment

        self.ws.cell(row + 1, col + 1).comment = Comment(text, "地域課")

    def print_area(self, r1, c1, r2, c2):
        from openpyxl.utils import get_column_letter

        self.ws.print_area = f"A{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}" if c1 == 0 else (
            f"{get_column_letter(c1 + 1)}{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}")

    def dropdown(self, row, col, source):
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="list", formula1=source, allow_blank=True)
        self.ws.add_data_validation(dv)
        dv.add(f"{get_column_letter(col + 1)}{row + 1}")

    def page_break(self, row):
        from openpyxl.worksheet.pagebreak import Break

        self.ws.row_breaks.append(Break(id=row))

    def setup_page(self, landscape=False, tall=0, paper=9, wide=1, scale=None):
        self.ws.page_setup.paperSize = paper
        self.ws.page_setup.orientation = "landscape" if landscape else "portrait"
        if scale:
            self.ws.page_setup.scale = scale
            return
        self.ws.page_setup.fitToWidth = wide
        self.ws.page_setup.fitToHeight = tall
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True

    def textbox(self, row, col, text, width, height):
        raise NotImplementedError("text boxes need the xlsxwriter engine")

    def image(self, row, col, png):
        from openpyxl.drawing.image import Image
        import io

        img = Image(io.BytesIO(png))
        from openpyxl.utils import get_column_letter

        self.ws.add_image(img, f"{get_column_letter(col + 1)}{row + 1}")


class XlsxwriterSheet(Canvas):
    def __init__(self, wb, ws, **kw):
        super().__init__(**kw)
        self.wb = wb
        self.ws = ws
        self.formats = {}

    def fmt(self, style, numfmt):
        key = (style, numfmt)
        if key not in self.formats:
            props = {"font_name": "ＭＳ 明朝", "font_size": 10, "text_wrap": True, "valign": "vcenter"}
            if style not in ("plain", "right", "cplain"):
                props["border"] = 1
            props["align"] = {"label": "center", "title": "center", "num": "right",
                              "right": "right", "cplain": "center"}.get(style, "left")
            if style == "long":
                props["valign"] = "top"
            if style == "title":
                props.update(font_size=16, bold=True)
            if style == "hint":
                props.update(font_size=8, font_color="#FF0000")
            if numfmt:
                props["num_format"] = numfmt
            self.formats[key] = self.wb.add_format(props)
        return self.formats[key]

    def write_range(self, r1, c1, r2, c2, value, style, numfmt, formula):
        f = self.fmt(style, numfmt)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if isinstance(value, dt.time):
            value = dt.datetime.combine(dt.date(1899, 12, 31), value)
        if r2 > r1 or c2 > c1:
            self.ws.merge_range(r1, c1, r2, c2, "", f)
        if formula is not None:
            cached = value if value is not None else ""
            if isinstance(cached, dt.datetime):
                cached = (cached - dt.datetime(1899, 12, 30)).total_seconds() / 86400
            self.ws.write_formula(r1, c1, formula, f, cached)
        elif value is None:
            self.ws.write_blank(r1, c1, None, f)
        elif isinstance(value, dt.datetime):
            self.ws.write_datetime(r1, c1, value, f)
        else:
            self.ws.write(r1, c1, value, f)

    def set_width(self, col, w):
        self.ws.set_column(col, col, w)

    def set_height(self, row, h):
        self.ws.set_row(row, h, None, {"hidden": row in self.hidden})

    def hide_row(self, row):
        self.hidden.add(row)
        self.ws.set_row(row, self.heights.get(row), None, {"hidden": True})

    def hide_col(self, col):
        self.ws.set_column(col, col, None, None, {"hidden": True})

    def comment(self, row, col, text):
        self.ws.write_comment(row, col, text, {"author": "地域課"})

    def print_area(self, r1, c1, r2, c2):
        self.ws.print_area(r1, c1, r2, c2)

    def dropdown(self, row, col, source):
        if source.startswith('"'):
            self.ws.data_validation(row, col, row, col, {"validate": "list", "source": source.strip('"').split(",")})
        else:
            self.ws.data_validation(row, col, row, col, {"validate": "list", "source": source})

    def page_break(self, row):
        self._breaks = getattr(self, "_breaks", []) + [row]
        self.ws.set_h_pagebreaks(self._breaks)

    def setup_page(self, landscape=False, tall=0, paper=9, wide=1, scale=None):
        self.ws.set_paper(paper)
        if landscape:
            self.ws.set_landscape()
        if scale:
            self.ws.set_print_scale(scale)
            return
        self.ws.fit_to_pages(wide, tall)

    def textbox(self, row, col, text, width, height):
        self.ws.insert_textbox(row, col, text, {
            "width": width, "height": height, "font": {"name": "ＭＳ 明朝", "size": 10},
            "line": {"none": True}, "fill": {"none": True}, "object_position": 3})

    def image(self, row, col, png):
        import io

        self.ws.insert_image(row, col, "photo.png", {"image_data": io.BytesIO(png)})


# ---------------------------------------------------------------- the 別記様式 rendition
DEFAULT_LABELS = {
    "affiliation": "所　属", "reporter": "報告者", "phone": "警　電",
    "council_name": "協議会名", "facility_name": "施 設 名", "datetime": "開催日時",
    "venue": "開催場所", "attend": "出席者数", "police": "警察官", "civil": "民間",
    "unit": "人", "meeting_type": "会議種別", "cat_head": "区分", "topic_head": "協議事項",
    "remarks_head": "備考", "discussion": "協議内容等", "req_head": "要望事項",
    "resp_head": "措置・回答", "reference": "参考事項（写真添付）",
    "officers": "出席警察官名", "attach": "別添", "date_only": "開催日", "time_only": "時間",
}
CAT_LABELS = {
    "full": ["交番等の活動状況", "地域住民等に身近な事件・事故等の発生状況", "地域の祭礼等の催事・行事", "そ の 他"],
    "short": ["活動状況", "事件・事故", "催事・行事", "その他"],
    "kana": ["ア 交番等の活動状況", "イ 身近な事件・事故の発生状況", "ウ 祭礼等の催事・行事", "エ その他"],
}


def _empty_rec():
    return {k: None for k in KEYS} | {"agenda": [], "requests": [], "officers": []}


def draw_form(cv, rec, typed, o):
    """Draw one 別記様式 rendition at the canvas origin; return the number of rows used."""
    L = dict(DEFAULT_LABELS) | o.get("labels", {})
    blank = rec is None
    if blank:
        rec = _empty_rec()
        rec["agenda"] = []
    typed = typed or {}
    r = 0
    if not o.get("no_addressee"):
        cv.put(r, 0, 3, o.get("addressee", "地域指導係宛"), style="plain")
        if o.get("form_no"):
            cv.put(r, 8, 11, "別記様式（２の(9)関係）", style="plain")
        r += 1
    cv.put(r, 0, 11, o.get("title", "交番・駐在所連絡協議会開催結果報告書"), style="title")
    cv.height(cv.row0 + r, 30)
    r += 1
    if not o.get("no_stamps"):
        for i, lab in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
            cv.put(r, 6 + i, 6 + i, lab, style="label")
            cv.put(r + 1, 6 + i, 6 + i, None, style="label")
        cv.height(cv.row0 + r + 1, 36)
        r += 2
    # 所属・報告者・警電
    phone = typed.get("phone", rec["phone"])
    for key, val in (("affiliation", typed.get("affiliation", rec["affiliation"] or ("〇〇警察署" if blank else None))),
                     ("reporter", typed.get("reporter", rec["reporter"])),
                     ("phone", phone)):
        cv.put(r, 6, 7, L[key], style="label")
        nf = typed.get("phone_numfmt") if key == "phone" else None
        cv.put(r, 8, 11, val, numfmt=nf)
        r += 1
    cv.put(r, 0, 1, L["council_name"], style="label")
    cv.put(r, 2, 5, typed.get("council_name", rec["council_name"] or ("〇〇交番連絡協議会" if blank else None)))
    cv.put(r, 6, 7, L["facility_name"], style="label")
    cv.put(r, 8, 11, typed.get("facility_name", rec["facility_name"] or ("〇〇交番" if blank else None)))
    cv.height(cv.row0 + r, 24)
    r += 1
    ds = typed.get("date_style", "wareki")
    if o.get("split_datetime"):
        cv.put(r, 0, 1, L["date_only"], style="label")
        dval = fmt_date(rec["date"], ds, typed.get("wd", "zen"), typed.get("wrong_wd", False))
        cv.put(r, 2, 3, dval, numfmt=typed.get("date_numfmt") if isinstance(dval, dt.date) else None)
        if typed.get("time_cells") and not blank:
            cv.put(r, 4, 4, dt.time(*_hm(rec["start_time"])), numfmt="h:mm")
            et = rec["end_time"]
            cv.put(r, 5, 5, dt.time(*_hm(et)) if et else None, numfmt='"～"h:mm')
        else:
            cv.put(r, 4, 5, fmt_times(rec["start_time"], rec["end_time"], typed.get("time_style", "hm")))
    else:
        cv.put(r, 0, 1, L["datetime"], style="label")
        if blank:
            txt = "令和　　年　　月　　日（　）　　時　　分～　　時　　分"
        else:
            txt = fmt_date(rec["date"], ds, typed.get("wd", "zen"), typed.get("wrong_wd", False))
            if rec["start_time"]:
                txt += typed.get("dt_sep", "　") + fmt_times(rec["start_time"], rec["end_time"], typed.get("time_style", "ampm"))
        cv.put(r, 2, 5, txt)
    cv.put(r, 6, 7, L["venue"], style="label")
    cv.put(r, 8, 11, typed.get("venue", rec["venue"]))
    cv.height(cv.row0 + r, 30)
    r += 1
    # attendance and type
    cs = typed.get("count_style", "int")
    cv.put(r, 0, 1, L["attend"], style="label")
    if o.get("count_box"):
        txt = None if blank else f"警察官{fmt_count(rec['police_attendees'], cs)}　民間{fmt_count(rec['civilian_attendees'], cs)}"
        cv.put(r, 2, 7, txt)
    else:
        pv = fmt_count(rec["police_attendees"], cs)
        cvv = fmt_count(rec["civilian_attendees"], cs)
        # an officer who types the unit himself clears the printed 人 after the box
        unit = None if isinstance(pv, str) and pv[-1] in "人名" else L["unit"]
        cv.put(r, 2, 2, L["police"], style="label")
        cv.put(r, 3, 3, pv, style="num", numfmt=typed.get("count_numfmt"))
        cv.put(r, 4, 4, unit, style="label")
        cv.put(r, 5, 5, L["civil"], style="label")
        cv.put(r, 6, 6, cvv, style="num", numfmt=typed.get("count_numfmt"))
        cv.put(r, 7, 7, unit, style="label")
        if typed.get("count_comment"):
            cv.comment(cv.row0 + r, cv.pc(6)[0], typed["count_comment"])
    cv.put(r, 8, 9, L["meeting_type"], style="label")
    if o.get("type_marks"):
        # two option cells; the chosen one carries a ○ before its word
        reg = rec["meeting_type"] == "regular"
        cv.put(r, 10, 10, ("○定期" if reg else "定期") if not blank else "定期", style="label")
        cv.put(r, 11, 11, ("臨時" if reg else "○臨時") if not blank else "臨時", style="label")
    else:
        cv.put(r, 10, 11, fmt_type(rec["meeting_type"], typed.get("type_style", "kaigi")) if not blank
               else o.get("blank_type", "定期 ・ 臨時"), style="label")
        if o.get("type_dropdown"):
            cv.dropdown(cv.row0 + r, cv.pc(10)[0], o["type_dropdown"])
    r += 1
    # agenda
    cat_style = o.get("cat_style", "full")
    if cat_style == "mark":
        cv.put(r, 0, 6, L["topic_head"], style="label")
        for i, lab in enumerate(o.get("mark_heads", ["活動状況", "事件事故", "催事行事", "その他"])):
            cv.put(r, 7 + i, 7 + i, lab, style="label")
        cv.put(r, 11, 11, L["remarks_head"], style="label")
        r += 1
        rows = max(o.get("agenda_rows", 4), len(rec["agenda"]))
        for i in range(rows):
            item = rec["agenda"][i] if i < len(rec["agenda"]) else None
            cv.put(r, 0, 6, item["topic"] if item else None)
            for j in range(4):
                mark = "○" if item and item["category"] == CATS[j] else None
                cv.put(r, 7 + j, 7 + j, mark, style="label")
            cv.put(r, 11, 11, item["remarks"] if item else None)
            cv.height(cv.row0 + r, 22)
            r += 1
    elif cat_style == "code":
        cv.put(r, 0, 1, L["cat_head"], style="label")
        cv.put(r, 2, 8, L["topic_head"], style="label")
        cv.put(r, 9, 11, L["remarks_head"], style="label")
        r += 1
        rows = max(o.get("agenda_rows", 4), len(rec["agenda"]))
        codes = "アイウエ"
        for i in range(rows):
            item = rec["agenda"][i] if i < len(rec["agenda"]) else None
            cv.put(r, 0, 1, codes[CATS.index(item["category"])] if item else None, style="label")
            cv.put(r, 2, 8, item["topic"] if item else None)
            cv.put(r, 9, 11, item["remarks"] if item else None)
            cv.height(cv.row0 + r, 22)
            r += 1
        cv.put(r, 0, 11, "※区分欄には、ア 交番等の活動状況、イ 地域住民等に身近な事件・事故等の発生状況、"
               "ウ 地域の祭礼等の催事・行事、エ その他 の記号を記入すること。", style="hint")
        r += 1
    else:
        labels = CAT_LABELS[cat_style]
        cv.put(r, 0, 2, L["cat_head"], style="label")
        cv.put(r, 3, 8, L["topic_head"], style="label")
        cv.put(r, 9, 11, L["remarks_head"], style="label")
        r += 1
        for j, cat in enumerate(CATS):
            items = [a for a in rec["agenda"] if a["category"] == cat]
            n = max(1, len(items), o.get("rows_per_cat", 1))
            cv.put(r, 0, 2, labels[j], rows=n, style="label")
            for k in range(n):
                it = items[k] if k < len(items) else None
                cv.put(r + k, 3, 8, it["topic"] if it else None)
                cv.put(r + k, 9, 11, it["remarks"] if it else None)
                cv.height(cv.row0 + r + k, 26)
            r += n
            if o.get("hidden_agenda_row") and j == 0:
                # a row kept from last year's form, hidden before printing
                cv.put(r, 0, 2, labels[j], style="label")
                cv.put(r, 3, 8, o["hidden_agenda_row"])
                cv.put(r, 9, 11, None)
                cv.hide_row(cv.row0 + r)
                r += 1
    # discussion
    disc = typed.get("discussion", rec["discussion"])
    if o.get("textbox_discussion"):
        cv.put(r, 0, 1, L["discussion"], rows=6, style="label")
        cv.put(r, 2, 11, None, rows=6, style="long")
        if disc:
            px = est_lines(disc, 72) * 18 + 12
            for k in range(6):
                cv.height(cv.row0 + r + k, px * 0.75 / 6 + 2)
            cv.textbox(cv.row0 + r, cv.pc(2)[0], disc, 520, px)
    else:
        cv.put(r, 0, 1, L["discussion"], rows=6, style="label")
        cv.put(r, 2, 11, disc, rows=6, style="long")
    for k in range(6):
        cv.height(cv.row0 + r + k, 18)
    r += 6
    # requests
    cv.put(r, 0, 5, L["req_head"], style="label")
    cv.put(r, 6, 11, L["resp_head"], style="label")
    r += 1
    reqs = rec["requests"]
    if typed.get("requests_none"):
        cv.put(r, 0, 5, typed["requests_none"])
        cv.put(r, 6, 11, None)
        r += 1
        for _ in range(2):
            cv.put(r, 0, 5, None)
            cv.put(r, 6, 11, None)
            r += 1
    elif o.get("requests_box"):
        st = o.get("requests_box")
        cv.put(r, 0, 5, numbered([q["request"] for q in reqs], st) if reqs else None, rows=4, style="long")
        resp = [q["response"] for q in reqs]
        if any(resp):
            # each answer carries the number of its request
            marks = "①②③④⑤⑥"
            lines = []
            for i, a in enumerate(resp):
                if a:
                    lines.append((marks[i] if st == "circled" else f"{i + 1}　") + a)
            cv.put(r, 6, 11, "\n".join(lines), rows=4, style="long")
        else:
            cv.put(r, 6, 11, None, rows=4, style="long")
        for k in range(4):
            cv.height(cv.row0 + r + k, 20)
        r += 4
    else:
        n = max(o.get("request_rows", 3), len(reqs))
        for i in range(n):
            q = reqs[i] if i < len(reqs) else None
            cv.put(r, 0, 5, q["request"] if q else None)
            cv.put(r, 6, 11, q["response"] if q else None)
            cv.height(cv.row0 + r, 30)
            r += 1
    ref = typed.get("reference", rec["reference"])
    cv.put(r, 0, 2, L["reference"], rows=2, style="label")
    if o.get("textbox_reference"):
        cv.put(r, 3, 11, None, rows=2, style="long")
        if ref:
            px = est_lines(ref, 58) * 18 + 10
            for k in range(2):
                cv.height(cv.row0 + r + k, px * 0.75 / 2 + 2)
            cv.textbox(cv.row0 + r, cv.pc(3)[0], ref, 420, px)
    else:
        cv.put(r, 3, 11, ref, rows=2, style="long")
    r += 2
    cv.put(r, 0, 2, L["officers"], style="label")
    cv.put(r, 3, 11, fmt_officers(rec["officers"], typed.get("officer_sep", "、")) if rec["officers"] else None)
    cv.height(cv.row0 + r, 30 if typed.get("officer_sep") == "nl" else 20)
    r += 1
    if not o.get("no_attach"):
        cv.put(r, 0, 2, L["attach"], style="label")
        cv.put(r, 3, 11, typed.get("attach"))
        r += 1
    if o.get("hint_footer"):
        cv.put(r, 0, 11, o["hint_footer"], style="hint")
        r += 1
    return r


def form_widths(cv, mult):
    if mult > 1:
        for c in range(cv.col0, cv.col0 + 12 * mult):
            cv.width(c, 2.7)
    else:
        for i, w in enumerate([7, 7, 7, 7, 5, 7, 8, 8, 8, 8, 9, 9]):
            cv.width(cv.col0 + i, w)


# ---------------------------------------------------------------- other sheet kinds
def draw_kigaki(cv, rec, typed, o):
    typed = typed or {}
    for c, w in enumerate([4, 14, 60]):
        cv.width(c, w)
    lines = []
    lines.append(("R", o["doc_date"]))
    lines.append(("L", o.get("to", "地域課長　殿")))
    lines.append(("R", rec["affiliation"]))
    lines.append(("R", "報告者　" + rec["reporter"].replace(" ", "　")))
    if rec["phone"]:
        lines.append(("R", f"（警電　{rec['phone']}）"))
    lines.append(("", None))
    lines.append(("C", "交番・駐在所連絡協議会の開催結果について（報告）"))
    lines.append(("", None))
    lines.append(("L", "　このことについて、下記のとおり開催したので報告します。"))
    lines.append(("C", "記"))
    r = 0
    for kind, text in lines:
        if kind == "R":
            cv.put(r, 2, 2, text, style="right")
        elif kind in ("L", "C"):
            cv.put(r, 0, 2, text, style="plain" if kind == "L" else "cplain")
        r += 1
    ds = typed.get("date_style", "wareki")
    when = fmt_date(rec["date"], ds, typed.get("wd", "zen"))
    if rec["start_time"]:
        when += "　" + fmt_times(rec["start_time"], rec["end_time"], typed.get("time_style", "ampm"))
    cs = typed.get("count_style", "mei")
    items = [
        ("協議会名", rec["council_name"]),
        ("施設名", rec["facility_name"]),
        ("開催日時", when),
        ("開催場所", rec["venue"]),
        ("出席者数", f"警察官　{fmt_count(rec['police_attendees'], cs)}　　民間　{fmt_count(rec['civilian_attendees'], cs)}"),
        ("会議種別", fmt_type(rec["meeting_type"], typed.get("type_style", "kaigi"))),
    ]
    n = 0
    for lab, val in items:
        n += 1
        cv.put(r, 0, 0, zen(str(n)), style="plain")
        cv.put(r, 1, 1, lab, style="plain")
        cv.put(r, 2, 2, val, style="plain")
        r += 1
    n += 1
    cv.put(r, 0, 0, zen(str(n)), style="plain")
    cv.put(r, 1, 1, "協議事項", style="plain")
    r += 1
    for i, a in enumerate(rec["agenda"]):
        cv.put(r, 1, 2, f"（{zen(str(i + 1))}）{a['topic']}", style="plain")
        r += 1
    n += 1
    cv.put(r, 0, 0, zen(str(n)), style="plain")
    cv.put(r, 1, 1, "協議内容", style="plain")
    r += 1
    for line in (rec["discussion"] or "").split("\n"):
        cv.put(r, 1, 2, "　" + line, style="plain")
        r += 1
    # a one-cell-per-line document: the discussion spans several cells
    n += 1
    cv.put(r, 0, 0, zen(str(n)), style="plain")
    cv.put(r, 1, 2, "要望事項及び措置・回答", style="plain")
    r += 1
    if not rec["requests"]:
        cv.put(r, 1, 2, "　特になし", style="plain")
        r += 1
    for i, q in enumerate(rec["requests"]):
        cv.put(r, 1, 2, f"（{zen(str(i + 1))}）要望　{q['request']}", style="plain")
        r += 1
        if q["response"]:
            cv.put(r, 1, 2, f"　　　回答　{q['response']}", style="plain")
            r += 1
    if rec["reference"]:
        n += 1
        cv.put(r, 0, 0, zen(str(n)), style="plain")
        cv.put(r, 1, 1, "参考事項", style="plain")
        cv.put(r, 2, 2, rec["reference"], style="plain")
        r += 1
    n += 1
    cv.put(r, 0, 0, zen(str(n)), style="plain")
    cv.put(r, 1, 1, "出席警察官", style="plain")
    cv.put(r, 2, 2, fmt_officers(rec["officers"], typed.get("officer_sep", "、")), style="plain")
    r += 2
    cv.put(r, 2, 2, "以上", style="plain")
    return r + 1


REGISTER_COLS = [
    ("No", 4), ("協議会名", 18), ("施設名", 12), ("開催日", 12), ("開始", 7), ("終了", 7),
    ("開催場所", 16), ("会議種別", 8), ("出席者数\n（警察官）", 8), ("出席者数\n（民間）", 8),
    ("交番等の活動状況", 22), ("身近な事件・事故等の発生状況", 22), ("祭礼等の催事・行事", 20),
    ("その他", 18), ("協議内容等", 40), ("要望事項", 30), ("措置・回答", 30),
    ("参考事項", 20), ("出席警察官名", 24),
]


def draw_register(cv, recs, typeds, o):
    """One meeting per row; 所属・報告者・警電 printed once above the table."""
    first = recs[0]
    for c, (_, w) in enumerate(REGISTER_COLS):
        cv.width(c, w)
    cv.put(0, 0, 10, o.get("title", "交番・駐在所連絡協議会開催結果報告書（一覧）"), style="title")
    cv.put(1, 0, 1, "所属", style="label")
    cv.put(1, 2, 3, first["affiliation"])
    cv.put(1, 4, 5, "報告者", style="label")
    cv.put(1, 6, 7, first["reporter"].replace(" ", "　"))
    cv.put(1, 8, 8, "警電", style="label")
    cv.put(1, 9, 9, first["phone"])
    hr = 3
    for c, (lab, _) in enumerate(REGISTER_COLS):
        cv.put(hr, c, c, lab, style="label")
    cv.height(hr, 32)
    r = hr + 1
    for i, (rec, ty) in enumerate(zip(recs, typeds)):
        ty = ty or {}
        cats = {c: [a["topic"] for a in rec["agenda"] if a["category"] == c] for c in CATS}
        reqs = rec["requests"]
        if len(reqs) > 1:
            req_txt = numbered([q["request"] for q in reqs], "circled")
            resp_txt = "\n".join("①②③④"[k] + q["response"] for k, q in enumerate(reqs) if q["response"])
        elif reqs:
            req_txt, resp_txt = reqs[0]["request"], reqs[0]["response"]
        else:
            req_txt, resp_txt = ty.get("requests_none"), None
        dval = fmt_date(rec["date"], ty.get("date_style", "serial"), ty.get("wd", "none"))
        st = dt.time(*_hm(rec["start_time"])) if rec["start_time"] else None
        et = dt.time(*_hm(rec["end_time"])) if rec["end_time"] else None
        row = [i + 1 - sum(1 for x in typeds[:i] if (x or {}).get("hidden_row")), rec["council_name"], rec["facility_name"],
               dval, st, et, rec["venue"], fmt_type(rec["meeting_type"], ty.get("type_style", "short")),
               fmt_count(rec["police_attendees"], ty.get("count_style", "int")),
               fmt_count(rec["civilian_attendees"], ty.get("count_style", "int")),
               "\n".join(cats[CATS[0]]) or None, "\n".join(cats[CATS[1]]) or None,
               "\n".join(cats[CATS[2]]) or None, "\n".join(cats[CATS[3]]) or None,
               rec["discussion"], req_txt, resp_txt, rec["reference"],
               fmt_officers(rec["officers"], ty.get("officer_sep", "nl"))]
        if ty.get("hidden_row"):
            row[0] = "－"
        for c, v in enumerate(row):
            nf = None
            if c == 3 and isinstance(v, dt.date):
                nf = o.get("date_numfmt", "yyyy/m/d")
            if c in (4, 5):
                nf = "h:mm"
            cv.put(r, c, c, v, style="long" if c >= 10 else "value", numfmt=nf)
        cv.height(r, 45)
        if ty.get("hidden_row"):
            cv.hide_row(r)
        r += 1
    for _ in range(o.get("blank_rows", 3)):
        for c in range(len(REGISTER_COLS)):
            cv.put(r, c, c, None)
        r += 1
    cv.print_area(0, 0, r - 1, len(REGISTER_COLS) - 1)
    return r


def draw_twocol(cv, rec, typed, o):
    """A plain 項目 | 内容 list: the form retyped as two columns."""
    typed = typed or {}
    blank = rec is None
    if blank:
        rec = _empty_rec()
    cv.width(0, 20)
    cv.width(1, 62)
    cv.width(2, 22)
    cv.put(0, 0, 2, o.get("title", "交番・駐在所連絡協議会開催結果報告書"), style="title")
    ds = typed.get("date_style", "slash")
    r = 2
    cs = typed.get("count_style", "nin")
    rows = [
        ("所属", rec["affiliation"]), ("報告者", rec["reporter"]), ("警電", rec["phone"]),
        ("協議会名", rec["council_name"]), ("施設名", rec["facility_name"]),
        ("開催年月日", None if blank else fmt_date(rec["date"], ds, typed.get("wd", "zen"))),
        ("開催時間", None if blank or not rec["start_time"] else fmt_times(rec["start_time"], rec["end_time"], typed.get("time_style", "hm"))),
        ("開催場所", rec["venue"]),
        ("出席者数（警察官）", fmt_count(rec["police_attendees"], cs)),
        ("出席者数（民間）", fmt_count(rec["civilian_attendees"], cs)),
        ("会議種別", None if blank else fmt_type(rec["meeting_type"], typed.get("type_style", "short"))),
    ]
    for lab, val in rows:
        cv.put(r, 0, 0, lab, style="label")
        nf = typed.get("date_numfmt") if isinstance(val, dt.date) else None
        cv.put(r, 1, 2, val, numfmt=nf)
        if lab == "会議種別" and o.get("type_dropdown"):
            cv.dropdown(r, 1, o["type_dropdown"])
        r += 1
    r += 1
    cv.put(r, 0, 0, "区分（記号）", style="label")
    cv.put(r, 1, 1, "協議事項", style="label")
    cv.put(r, 2, 2, "備考", style="label")
    r += 1
    codes = "アイウエ"
    for i in range(max(4, len(rec["agenda"]))):
        a = rec["agenda"][i] if i < len(rec["agenda"]) else None
        cv.put(r, 0, 0, codes[CATS.index(a["category"])] if a else None, style="label")
        cv.put(r, 1, 1, a["topic"] if a else None)
        cv.put(r, 2, 2, a["remarks"] if a else None)
        r += 1
    cv.put(r, 0, 2, "区分の記号　ア：交番等の活動状況　イ：地域住民等に身近な事件・事故等の発生状況　"
           "ウ：地域の祭礼等の催事・行事　エ：その他", style="hint")
    r += 2
    cv.put(r, 0, 0, "協議内容等", style="label")
    cv.put(r, 1, 2, rec["discussion"], style="long")
    cv.height(r, 110)
    r += 2
    cv.put(r, 0, 0, "No", style="label")
    cv.put(r, 1, 1, "要望事項", style="label")
    cv.put(r, 2, 2, "措置・回答", style="label")
    r += 1
    for i in range(max(3, len(rec["requests"]))):
        q = rec["requests"][i] if i < len(rec["requests"]) else None
        cv.put(r, 0, 0, i + 1, style="label")
        cv.put(r, 1, 1, q["request"] if q else None)
        cv.put(r, 2, 2, q["response"] if q else None)
        cv.height(r, 30)
        r += 1
    r += 1
    cv.put(r, 0, 0, "参考事項", style="label")
    cv.put(r, 1, 2, rec["reference"], style="long")
    r += 1
    cv.put(r, 0, 0, "出席警察官名", style="label")
    cv.put(r, 1, 2, fmt_officers(rec["officers"], typed.get("officer_sep", "、")) if rec["officers"] else None)
    cv.height(r, 30)
    r += 1
    return r


def draw_notes(cv, lines, title):
    cv.width(0, 90)
    cv.put(0, 0, 0, title, style="title")
    for i, line in enumerate(lines):
        cv.put(i + 2, 0, 0, line, style="plain")
    return len(lines) + 2


def draw_table(cv, title, head, rows, widths=None):
    cv.put(0, 0, len(head) - 1, title, style="title")
    for c, h in enumerate(head):
        cv.put(2, c, c, h, style="label")
        cv.width(c, (widths or [14] * len(head))[c])
    for i, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str) and v.startswith("="):
                cv.put(3 + i, c, c, None, formula=v)
            else:
                cv.put(3 + i, c, c, v)
    return 3 + len(rows)


def draw_cover(cv, o):
    cv.width(0, 16)
    cv.width(1, 60)
    cv.put(0, 0, 1, o.get("title", "送　付　票"), style="title")
    rows = [("送付日", o["date"]), ("宛先", o["to"]), ("発信者", o["from"]),
            ("件名", o["subject"]), ("枚数", o.get("pages", "本票含め2枚")), ("備考", o.get("note"))]
    for i, (k, v) in enumerate(rows):
        cv.put(2 + i, 0, 0, k, style="label")
        cv.put(2 + i, 1, 1, v)
        cv.height(2 + i, 26)
    return 8


def tiny_png(w=120, h=80, rgb=(140, 170, 200)):
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------- input sheet + print sheet
INPUT_FIELDS = [
    ("affiliation", "所属"), ("reporter", "報告者（階級・氏名）"), ("phone", "警電"),
    ("council_name", "協議会名"), ("facility_name", "施設名"), ("date", "開催日"),
    ("start_time", "開始時刻"), ("end_time", "終了時刻"), ("venue", "開催場所"),
    ("police_attendees", "出席者数（警察官）"), ("civilian_attendees", "出席者数（民間）"),
    ("meeting_type", "会議種別"), ("discussion", "協議内容等"), ("reference", "参考事項"),
    ("officers", "出席警察官名"),
]


def draw_inprint(wb, rec, typed, o):
    """An input sheet (two columns) and a print sheet whose cells are formulas."""
    inp_name = o.get("input_name", "入力用")
    ws_in = wb.add_worksheet(inp_name)
    cin = XlsxwriterSheet(wb, ws_in)
    cin.setup_page()
    cin.width(0, 22)
    cin.width(1, 60)
    cin.put(0, 0, 1, "※このシートに入力してください。印刷は「" + o["print_name"] + "」シートで行います（このシートは提出・印刷不要）。", style="hint")
    cin.put(1, 0, 0, "項目", style="label")
    cin.put(1, 1, 1, "入力欄", style="label")
    where = {}
    r = 2
    for key, lab in INPUT_FIELDS:
        v = rec[key]
        nf = None
        if key == "date":
            v = dt.date.fromisoformat(v)
            nf = "yyyy/m/d"
        elif key in ("start_time", "end_time"):
            v = dt.time(*_hm(v)) if v else None
            nf = "h:mm"
        elif key == "meeting_type":
            v = "定期" if v == "regular" else "臨時"
            cin.dropdown(r, 1, '"定期,臨時"')
        elif key == "officers":
            v = fmt_officers(v, "、")
        cin.put(r, 0, 0, lab, style="label")
        cin.put(r, 1, 1, v, numfmt=nf)
        where[key] = (r, v)
        r += 1
    r += 1
    cin.put(r, 0, 0, "区分", style="label")
    cin.put(r, 1, 1, "協議事項", style="label")
    r += 1
    ag_rows = []
    for i in range(5):
        a = rec["agenda"][i] if i < len(rec["agenda"]) else None
        cin.put(r, 0, 0, a["category"] if a else None)
        cin.dropdown(r, 0, "=区分リスト")
        cin.put(r, 1, 1, a["topic"] if a else None)
        ag_rows.append((r, a))
        r += 1
    r += 1
    cin.put(r, 0, 0, "要望事項", style="label")
    cin.put(r, 1, 1, "措置・回答", style="label")
    r += 1
    rq_rows = []
    for i in range(4):
        q = rec["requests"][i] if i < len(rec["requests"]) else None
        cin.put(r, 0, 0, q["request"] if q else None)
        cin.put(r, 1, 1, q["response"] if q else None)
        rq_rows.append((r, q))
        r += 1
    lst = r + 2
    cin.put(lst, 3, 3, "区分リスト", style="plain")
    for i, c in enumerate(CATS):
        cin.put(lst + 1 + i, 3, 3, c, style="plain")
    cin.hide_col(3)
    wb.define_name("区分リスト", f"='{inp_name}'!$D${lst + 2}:$D${lst + 5}")

    ws = wb.add_worksheet(o["print_name"])
    cv = XlsxwriterSheet(wb, ws)
    cv.setup_page()
    for i, w in enumerate([12, 10, 10, 10, 10, 10, 12, 12, 12]):
        cv.width(i, w)

    def ref(key):
        rr, v = where[key]
        return f"=IF('{inp_name}'!B{rr + 1}=\"\",\"\",'{inp_name}'!B{rr + 1})", v

    cv.put(0, 0, 8, "交番・駐在所連絡協議会開催結果報告書", style="title")
    cv.put(1, 0, 2, "地域指導係宛", style="plain")
    row = 3
    for key, lab in (("affiliation", "所属"), ("reporter", "報告者"), ("phone", "警電")):
        cv.put(row, 5, 5, lab, style="label")
        f, v = ref(key)
        cv.put(row, 6, 8, v, formula=f)
        row += 1
    row += 1
    for key, lab in (("council_name", "協議会名"), ("facility_name", "施設名"), ("venue", "開催場所")):
        cv.put(row, 0, 1, lab, style="label")
        f, v = ref(key)
        cv.put(row, 2, 8, v, formula=f)
        row += 1
    cv.put(row, 0, 1, "開催日時", style="label")
    f, v = ref("date")
    cv.put(row, 2, 4, v, formula=f, numfmt='[$-411]ggge"年"m"月"d"日"(aaa)')
    f, v = ref("start_time")
    cv.put(row, 5, 6, v, formula=f, numfmt='h"時"mm"分から"')
    f, v = ref("end_time")
    cv.put(row, 7, 8, v, formula=f, numfmt='h"時"mm"分まで"')
    row += 1
    cv.put(row, 0, 1, "出席者数", style="label")
    cv.put(row, 2, 2, "警察官", style="label")
    f, v = ref("police_attendees")
    cv.put(row, 3, 3, v, formula=f, numfmt='0"人"')
    cv.put(row, 4, 4, "民間", style="label")
    f, v = ref("civilian_attendees")
    cv.put(row, 5, 5, v, formula=f, numfmt='0"人"')
    cv.put(row, 6, 6, "会議種別", style="label")
    f, v = ref("meeting_type")
    cv.put(row, 7, 8, v, formula=f)
    row += 2
    cv.put(row, 0, 2, "区分", style="label")
    cv.put(row, 3, 8, "協議事項", style="label")
    row += 1
    for rr, a in ag_rows:
        cv.put(row, 0, 2, a["category"] if a else "", formula=f"=IF('{inp_name}'!A{rr + 1}=\"\",\"\",'{inp_name}'!A{rr + 1})")
        cv.put(row, 3, 8, a["topic"] if a else "", formula=f"=IF('{inp_name}'!B{rr + 1}=\"\",\"\",'{inp_name}'!B{rr + 1})")
        row += 1
    row += 1
    cv.put(row, 0, 1, "協議内容等", style="label")
    f, v = ref("discussion")
    cv.put(row, 2, 8, v, rows=5, style="long", formula=f)
    row += 6
    cv.put(row, 0, 4, "要望事項", style="label")
    cv.put(row, 5, 8, "措置・回答", style="label")
    row += 1
    for rr, q in rq_rows:
        cv.put(row, 0, 4, q["request"] if q else "", formula=f"=IF('{inp_name}'!A{rr + 1}=\"\",\"\",'{inp_name}'!A{rr + 1})")
        cv.put(row, 5, 8, (q["response"] or "") if q else "", formula=f"=IF('{inp_name}'!B{rr + 1}=\"\",\"\",'{inp_name}'!B{rr + 1})")
        cv.height(row, 30)
        row += 1
    row += 1
    cv.put(row, 0, 1, "参考事項", style="label")
    f, v = ref("reference")
    cv.put(row, 2, 8, v, formula=f)
    row += 1
    cv.put(row, 0, 1, "出席警察官名", style="label")
    f, v = ref("officers")
    cv.put(row, 2, 8, v, formula=f)
    cv.print_area(0, 0, row, 8)


# ---------------------------------------------------------------- workbook assembly
REPORT_KINDS = {"form", "kigaki", "register", "twocol", "forms"}


def build_workbook(d, path):
    engine = d.get("engine", "openpyxl")
    if engine == "xlsxwriter":
        import xlsxwriter

        wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
        wb.set_properties({"title": d.get("title", "交番・駐在所連絡協議会開催結果報告書"),
                           "author": AUTHOR, "created": FIXED_TIME})
        wb.set_calc_mode("auto")

        def new_sheet(name):
            ws = wb.add_worksheet(name)
            return XlsxwriterSheet(wb, ws)
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        wb.properties.creator = AUTHOR
        wb.properties.lastModifiedBy = AUTHOR
        wb.properties.created = FIXED_TIME
        wb.properties.modified = FIXED_TIME
        wb.properties.title = d.get("title", "交番・駐在所連絡協議会開催結果報告書")

        def new_sheet(name):
            ws = wb.create_sheet(name)
            return OpenpyxlSheet(ws)

    for s in d["sheets"]:
        kind = s["kind"]
        o = s.get("opts", {})
        if kind == "inprint":
            draw_inprint(wb, s["reports"][0]["rec"], s["reports"][0].get("typed"), o | {"print_name": s["name"]})
            continue
        cv = new_sheet(s["name"])
        if kind in ("form", "blankform", "example"):
            mult = o.get("mult", 1)
            cv.mult = mult
            form_widths(cv, mult)
            cv.setup_page(tall=1)
            if kind == "form":
                rep = s["reports"][0]
                used = draw_form(cv, rep["rec"], rep.get("typed"), o)
            elif kind == "example":
                used = draw_form(cv, s["rec"], s.get("typed"), o | {"title": "交番・駐在所連絡協議会開催結果報告書（記入例）"})
            else:
                used = draw_form(cv, None, None, o)
            if o.get("hidden_memo_col"):
                memo_col = 12 * mult
                cv.width(memo_col, 30)
                cv.write_range(3, memo_col, 3, memo_col, o["hidden_memo_col"], "plain", None, None)
                cv.hide_col(memo_col)
            if o.get("outside_memo"):
                c = 12 * mult + 1
                cv.write_range(5, c, 5, c, o["outside_memo"], "plain", None, None)
            cv.print_area(0, 0, used - 1, 12 * mult - 1)
        elif kind == "forms":
            # several forms on one sheet: stacked ("down") or side by side ("across")
            mult = o.get("mult", 1)
            cv.mult = mult
            across = o.get("arrange") == "across"
            form_widths(cv, mult)
            if across:
                cv.col0 = 12 * mult + 1
                form_widths(cv, mult)
                cv.width(12 * mult, 3)
            if across:
                cv.setup_page(landscape=True, tall=(len(s["reports"]) + 1) // 2)
            else:
                # page breaks between the forms: a fixed scale, since "fit to" ignores manual breaks
                cv.setup_page(scale=70)
            top = 0
            for i, rep in enumerate(s["reports"]):
                if across:
                    cv.col0 = 0 if i % 2 == 0 else 12 * mult + 1
                    cv.row0 = top
                    used = draw_form(cv, rep["rec"], rep.get("typed"), o)
                    if i % 2 == 1:
                        top += used + 2
                else:
                    cv.row0 = top
                    used = draw_form(cv, rep["rec"], rep.get("typed"), o)
                    top += used + 1
                    cv.page_break(top - 1)
        elif kind == "kigaki":
            rep = s["reports"][0]
            used = draw_kigaki(cv, rep["rec"], rep.get("typed"), o)
            cv.setup_page(tall=1)
            cv.print_area(0, 0, used - 1, 2)
        elif kind == "register":
            # A3 landscape, two pages wide, the first columns and the header repeated on each page
            cv.setup_page(landscape=True, paper=8, wide=2)
            if isinstance(cv, OpenpyxlSheet):
                cv.ws.print_title_cols = "A:C"
                cv.ws.print_title_rows = "4:4"
            else:
                cv.ws.repeat_columns(0, 2)
                cv.ws.repeat_rows(3)
            draw_register(cv, [x["rec"] for x in s["reports"]], [x.get("typed") for x in s["reports"]], o)
        elif kind in ("twocol", "blanktwocol"):
            rep = s["reports"][0] if kind == "twocol" else {"rec": None}
            cv.setup_page()
            draw_twocol(cv, rep["rec"], rep.get("typed"), o)
        elif kind == "notes":
            cv.setup_page(tall=1)
            draw_notes(cv, s["lines"], s.get("title", s["name"]))
        elif kind == "table":
            cv.setup_page(landscape=len(s["head"]) > 6, tall=0)
            draw_table(cv, s["title"], s["head"], s["rows"], s.get("widths"))
        elif kind == "list":
            for c, (head, vals) in enumerate(s["columns"]):
                cv.width(c, 26)
                cv.write_range(0, c, 0, c, head, "plain", None, None)
                for i, v in enumerate(vals):
                    cv.write_range(1 + i, c, 1 + i, c, v, "plain", None, None)
        elif kind == "cover":
            cv.setup_page(tall=1)
            draw_cover(cv, o)
        elif kind == "photo":
            cv.width(0, 12)
            cv.width(1, 50)
            cv.put(0, 0, 1, "写真貼付台紙", style="title")
            cv.image(2, 1, tiny_png())
            cv.put(8, 0, 0, "説明", style="label")
            cv.put(8, 1, 1, s["caption"])
        else:
            raise ValueError(kind)
        if s.get("hidden"):
            if engine == "xlsxwriter":
                cv.ws.hide()
            else:
                cv.ws.sheet_state = "hidden"
    if engine == "xlsxwriter":
        first_visible = next(i for i, s in enumerate(d["sheets"]) if not s.get("hidden"))
        wb.worksheets()[first_visible].activate()
        wb.close()
    else:
        wb.active = next(i for i, s in enumerate(d["sheets"]) if not s.get("hidden"))
        wb.save(path)


STAMP_PATTERNS = [
    (re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)"), rb"\g<1>2026-11-30T09:00:00Z\g<2>"),
    (re.compile(rb"(<meta:creation-date>)[^<]*(</meta:creation-date>)"), rb"\g<1>2026-11-30T09:00:00\g<2>"),
    (re.compile(rb"(<dc:date>)[^<]*(</dc:date>)"), rb"\g<1>2026-11-30T09:00:00\g<2>"),
    (re.compile(rb"<meta:generator>[^<]*</meta:generator>"), rb""),
    (re.compile(rb"<Application>[^<]*</Application>"), rb"<Application>Microsoft Excel</Application>"),
]


def normalise_zip(path):
    """Rewrite a zip container with fixed entry timestamps and fixed document dates."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in ("docProps/core.xml", "docProps/app.xml", "meta.xml"):
                for pat, rep in STAMP_PATTERNS:
                    data = pat.sub(rep, data)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    os.replace(tmp, path)


# ---------------------------------------------------------------- expected records
def _norm_text(v):
    if v is None:
        return None
    lines = [" ".join(unicodedata.normalize("NFKC", ln).split()) for ln in str(v).split("\n")]
    lines = [ln for ln in lines if ln]
    return "\n".join(lines) if lines else None


def canonical(rec):
    out = {}
    for k in KEYS:
        v = rec[k]
        if k == "agenda":
            v = [{"category": a["category"], "topic": _norm_text(a["topic"]), "remarks": _norm_text(a["remarks"])} for a in v]
        elif k == "requests":
            v = [{"request": _norm_text(q["request"]), "response": _norm_text(q["response"])} for q in v]
        elif k == "officers":
            v = [_norm_text(n) for n in v]
        elif k in ("police_attendees", "civilian_attendees"):
            v = None if v is None else int(v)
        elif isinstance(v, str):
            v = _norm_text(v)
        out[k] = v
    return out


def expected_of(d):
    reports, skipped = [], []
    for s in d["sheets"]:
        kind = s["kind"]
        if kind == "inprint":
            skipped.append(s.get("opts", {}).get("input_name", "入力用"))
        live = [r for r in s.get("reports", []) if not (r.get("typed") or {}).get("hidden_row")]
        if (kind in REPORT_KINDS or kind == "inprint") and not s.get("hidden") and live:
            for r in live:
                reports.append({"sheet": s["name"], "report": canonical(r["rec"])})
        else:
            skipped.append(s["name"])
    return {"reports": reports, "not_reports": skipped}


# ---------------------------------------------------------------- driver
def build_all(defs, outdir):
    os.makedirs(outdir, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    made = []
    for d in defs:
        fmt = d["format"]
        target = os.path.join(outdir, f"{d['name']}.{fmt}")
        if fmt != "xlsx" and not soffice:
            print(f"skip {d['name']}.{fmt}: soffice (LibreOffice) is not installed", file=sys.stderr)
            continue
        if fmt == "xlsx":
            build_workbook(d, target)
            normalise_zip(target)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, f"{d['name']}.xlsx")
                build_workbook(d, src)
                filt = {"xls": "xls:MS Excel 97", "ods": "ods", "xlsm": "xlsm:Calc MS Excel 2007 VBA XML"}[fmt]
                subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                                "--convert-to", filt, "--outdir", tmp, src],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
                shutil.copyfile(os.path.join(tmp, f"{d['name']}.{fmt}"), target)
            if fmt in ("xlsm", "ods"):
                normalise_zip(target)
        with open(os.path.join(outdir, f"{d['name']}.expected.json"), "w", encoding="utf-8") as fh:
            json.dump(expected_of(d), fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        made.append(target)
    return made


def load_defs(path):
    spec = importlib.util.spec_from_file_location("blind3_defs", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.DEFS


def main(argv):
    part, defs_path, out = "dev", None, None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--part":
            part = args.pop(0)
        elif a == "--defs":
            defs_path = args.pop(0)
        else:
            out = a
    if part == "heldback":
        if not defs_path or not out:
            print("usage: make_blind3.py --part heldback --defs DEFS.py OUTDIR", file=sys.stderr)
            return 2
        defs = load_defs(defs_path)
    else:
        defs = load_defs(defs_path) if defs_path else DEFS
        out = out or os.path.dirname(os.path.abspath(__file__))
    made = build_all(defs, out)
    print(f"{len(made)} workbooks written to {out}")
    return 0


# ---------------------------------------------------------------- definitions (development part)
DEFS: list = []  # BEGIN-DEFS
DEFS = [{'name': 'b3_01_kitahama_ekimae',
  'format': 'xlsx',
  'sheets': [{'name': '記入例',
              'kind': 'example',
              'rec': {'affiliation': '〇〇警察署',
                      'reporter': '巡査部長 〇〇〇〇',
                      'phone': '〇〇〇〇',
                      'council_name': '〇〇交番連絡協議会',
                      'facility_name': '〇〇交番',
                      'date': '2025-04-20',
                      'start_time': '14:00',
                      'end_time': '15:30',
                      'venue': '〇〇公民館',
                      'police_attendees': 3,
                      'civilian_attendees': 10,
                      'meeting_type': 'regular',
                      'agenda': [{'category': '交番等の活動状況', 'topic': '交番の活動状況について（記入例）', 'remarks': '資料配付'},
                                 {'category': '地域住民等に身近な事件・事故等の発生状況',
                                  'topic': '管内の犯罪発生状況について',
                                  'remarks': None}],
                      'discussion': '協議した内容を簡潔に記入する。\n（例）自転車盗の防止について、施錠の呼び掛けを行うこととした。',
                      'requests': [{'request': '（例）街路灯を増設してほしい。', 'response': '（例）市役所へ連絡済み。'}],
                      'reference': '写真がある場合は別紙に貼付',
                      'officers': ['巡査部長 〇〇〇〇', '巡査 〇〇〇〇']},
              'typed': {'time_style': 'ampm'},
              'opts': {'mult': 3}},
             {'name': '報告書',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '北浜警察署',
                                   'reporter': '巡査部長 羽田野恵',
                                   'phone': '7-215',
                                   'council_name': '駅前交番連絡協議会',
                                   'facility_name': '駅前交番',
                                   'date': '2026-10-15',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '駅前地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 11,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '子ども見守り活動への参加について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '地区運動会の駐車場対策について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': '資料配付'}],
                                   'discussion': '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。',
                                   'requests': [{'request': '祭礼時の臨時駐車場の誘導を手伝ってほしい。',
                                                 'response': '当日は交番勤務員２名で誘導に当たる。'},
                                                {'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'}],
                                   'reference': '広報紙「交番だより」を配付した。',
                                   'officers': ['巡査部長 羽田野恵', '警部補 鳴海真由美', '巡査長 篠崎和也']},
                           'typed': {'time_style': 'ampm', 'count_style': 'int'}}],
              'opts': {'mult': 3, 'form_no': True}}]},
 {'name': 'b3_03_shinonome_kigaki',
  'format': 'xlsx',
  'sheets': [{'name': '報告',
              'kind': 'kigaki',
              'reports': [{'rec': {'affiliation': '東雲警察署',
                                   'reporter': '巡査部長 早瀬修',
                                   'phone': '44-120',
                                   'council_name': '東雲三丁目交番連絡協議会',
                                   'facility_name': '東雲三丁目交番',
                                   'date': '2026-11-06',
                                   'start_time': '19:00',
                                   'end_time': '20:30',
                                   'venue': '東雲三丁目地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': None, 'topic': '巡回連絡の実施状況について', 'remarks': None},
                                              {'category': None, 'topic': '管内の刑法犯認知状況について', 'remarks': None},
                                              {'category': None, 'topic': '秋季例大祭の雑踏警備について', 'remarks': None}],
                                   'discussion': '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。',
                                   'requests': [{'request': '中央公園のトイレ付近に不審者が出るので見回ってほしい。',
                                                 'response': '夜間の警ら経路に組み入れ、重点的に警戒している。'},
                                                {'request': '祭礼時の臨時駐車場の誘導を手伝ってほしい。',
                                                 'response': '当日は交番勤務員２名で誘導に当たる。'}],
                                   'reference': '生活安全課から特殊詐欺防止のチラシを配付した。',
                                   'officers': ['巡査部長 早瀬修', '巡査部長 浜野陽介']},
                           'typed': {'time_style': 'ampm', 'count_style': 'mei'}}],
              'opts': {'doc_date': '令和8年11月10日'}}]},
 {'name': 'b3_05_sakuragawa_daicho',
  'format': 'xlsx',
  'sheets': [{'name': '開催台帳',
              'kind': 'register',
              'reports': [{'rec': {'affiliation': '桜川警察署',
                                   'reporter': '警部補 久保田修',
                                   'phone': '5-2231',
                                   'council_name': '桜川駅前交番連絡協議会',
                                   'facility_name': '桜川駅前交番',
                                   'date': '2026-04-18',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '桜川駅前地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 13,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '地区運動会の駐車場対策について',
                                               'remarks': None}],
                                   'discussion': '街路灯の不点灯箇所について、市役所へ連絡することとした。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 原口翔', '巡査 相良修', '警部補 大槻由佳']},
                           'typed': {}},
                          {'rec': {'affiliation': '桜川警察署',
                                   'reporter': '警部補 久保田修',
                                   'phone': '5-2231',
                                   'council_name': '桜川駅前交番連絡協議会',
                                   'facility_name': '桜川駅前交番',
                                   'date': '2026-06-12',
                                   'start_time': '19:00',
                                   'end_time': '20:30',
                                   'venue': '桜川駅前地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '管内の交通事故発生状況（高齢者事故）について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '高齢者見守りネットワークについて',
                                               'remarks': None}],
                                   'discussion': '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '商店街の違法駐車が多いので取締りをしてほしい。',
                                                 'response': '交通課と連携し、取締りを実施した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 内海和也', '巡査部長 真壁大輔', '巡査 浜野慎吾', '巡査長 波多野颯太']},
                           'typed': {}},
                          {'rec': {'affiliation': '桜川警察署',
                                   'reporter': '警部補 久保田修',
                                   'phone': '5-2231',
                                   'council_name': '桜川駅前交番連絡協議会',
                                   'facility_name': '桜川駅前交番',
                                   'date': '2026-07-03',
                                   'start_time': '19:00',
                                   'end_time': '20:00',
                                   'venue': '桜川駅前地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 12,
                                   'meeting_type': 'extraordinary',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '夏祭り・花火大会の交通規制について',
                                               'remarks': None}],
                                   'discussion': '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '空き巣被害の連続発生を受け、夜間の警ら強化と戸締りの呼び掛けを行うこととした。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '駅前駐輪場の自転車盗対策をしてほしい。',
                                                 'response': '駐輪場管理者と協議し、防犯カメラの設置を調整中。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 波多野亮', '巡査長 野々村直樹', '巡査部長 村瀬陽介', '巡査 真壁修']},
                           'typed': {'hidden_row': True}},
                          {'rec': {'affiliation': '桜川警察署',
                                   'reporter': '警部補 久保田修',
                                   'phone': '5-2231',
                                   'council_name': '桜川駅前交番連絡協議会',
                                   'facility_name': '桜川駅前交番',
                                   'date': '2026-09-25',
                                   'start_time': '13:30',
                                   'end_time': '15:00',
                                   'venue': '桜川駅前地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 6,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番不在時の連絡方法（交番電話の使い方）について',
                                               'remarks': None},
                                              {'category': 'その他', 'topic': '空き家の管理について', 'remarks': None}],
                                   'discussion': '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '空き巣被害の連続発生を受け、夜間の警ら強化と戸締りの呼び掛けを行うこととした。',
                                   'requests': [{'request': 'スクールゾーンの時間帯に抜け道として通る車が多い。',
                                                 'response': '交通課に通報し、取締り場所として上申した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 榎本修', '警部補 戸塚直樹', '巡査部長 佐伯直樹']},
                           'typed': {}},
                          {'rec': {'affiliation': '桜川警察署',
                                   'reporter': '警部補 久保田修',
                                   'phone': '5-2231',
                                   'council_name': '桜川駅前交番連絡協議会',
                                   'facility_name': '桜川駅前交番',
                                   'date': '2026-11-13',
                                   'start_time': '10:00',
                                   'end_time': '11:45',
                                   'venue': '桜川駅前地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 14,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '地域安全マップの作成状況について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '地区運動会の駐車場対策について',
                                               'remarks': None}],
                                   'discussion': '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。',
                                   'requests': [{'request': '商店街の違法駐車が多いので取締りをしてほしい。',
                                                 'response': '交通課と連携し、取締りを実施した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 原口真由美', '巡査長 小野寺隆之']},
                           'typed': {}}],
              'opts': {'title': '令和8年度\u3000交番・駐在所連絡協議会開催結果報告書（桜川駅前交番）'}},
             {'name': '記入要領',
              'kind': 'notes',
              'lines': ['1\u3000この報告書は、会議終了後速やかに作成し、地域課地域指導係へ報告すること。',
                        '2\u3000開催日時は「令和〇年〇月〇日（〇）午後〇時〇分～〇時〇分」のように記入すること。',
                        '3\u3000出席者数は数字で記入すること（警察官・民間別）。',
                        '4\u3000会議種別は「定期」又は「臨時」を選択すること。',
                        '5\u3000要望事項に対する措置・回答は、判明次第追記して再報告すること。',
                        '6\u3000写真は「参考事項」欄に記載のうえ、別紙に貼付すること。']}]},
 {'name': 'b3_06_shirasagi_daicho',
  'format': 'ods',
  'sheets': [{'name': '報告一覧',
              'kind': 'register',
              'reports': [{'rec': {'affiliation': '白鷺警察署',
                                   'reporter': '巡査部長 相良慎吾',
                                   'phone': '82-4410',
                                   'council_name': '白鷺城下交番連絡協議会',
                                   'facility_name': '白鷺城下交番',
                                   'date': '2026-05-20',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '白鷺城下地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 11,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番不在時の連絡方法（交番電話の使い方）について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '秋季例大祭の雑踏警備について',
                                               'remarks': None}],
                                   'discussion': '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。\n'
                                                 '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。\n'
                                                 '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。',
                                   'requests': [{'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'},
                                                {'request': 'スクールゾーンの時間帯に抜け道として通る車が多い。',
                                                 'response': '交通課に通報し、取締り場所として上申した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 村瀬光', '巡査 真壁直樹']},
                           'typed': {'date_style': 'slash', 'wd': 'none'}},
                          {'rec': {'affiliation': '白鷺警察署',
                                   'reporter': '巡査部長 相良慎吾',
                                   'phone': '82-4410',
                                   'council_name': '白鷺城下交番連絡協議会',
                                   'facility_name': '白鷺城下交番',
                                   'date': '2026-08-19',
                                   'start_time': '14:00',
                                   'end_time': '15:20',
                                   'venue': '白鷺城下地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 8,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '不審電話（アポ電）の多発について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '防犯フェスタの開催について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '高齢者見守りネットワークについて',
                                               'remarks': None}],
                                   'discussion': '防犯カメラの設置場所について、自治会で候補地を検討することとなった。\n'
                                                 '街路灯の不点灯箇所について、市役所へ連絡することとした。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '川沿いの遊歩道に防犯灯を付けてほしい。', 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査部長 久保田陽介', '巡査長 森岡美咲', '巡査部長 宮内恵', '巡査部長 久保田拓也']},
                           'typed': {'date_style': 'R.', 'wd': 'none'}},
                          {'rec': {'affiliation': '白鷺警察署',
                                   'reporter': '巡査部長 相良慎吾',
                                   'phone': '82-4410',
                                   'council_name': '白鷺城下交番連絡協議会',
                                   'facility_name': '白鷺城下交番',
                                   'date': '2026-10-21',
                                   'start_time': '18:00',
                                   'end_time': '19:30',
                                   'venue': '白鷺城下地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 8,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番だよりの発行について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': None}],
                                   'discussion': '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [],
                                   'reference': None,
                                   'officers': ['巡査部長 安西由佳', '巡査長 長尾慎吾']},
                           'typed': {'requests_none': '特になし'}}],
              'opts': {'blank_rows': 5}},
             {'name': '集計',
              'kind': 'table',
              'title': '開催集計',
              'head': ['区分', '回数', '警察官', '民間'],
              'rows': [['定期', 3, 8, 27], ['臨時', 0, 0, 0]]}]},
 {'name': 'b3_07_minatomachi_input',
  'format': 'xlsx',
  'engine': 'xlsxwriter',
  'sheets': [{'name': '報告書',
              'kind': 'inprint',
              'reports': [{'rec': {'affiliation': '湊町警察署',
                                   'reporter': '巡査部長 篠崎陽介',
                                   'phone': '3-118',
                                   'council_name': '湊町交番連絡協議会',
                                   'facility_name': '湊町交番',
                                   'date': '2026-10-02',
                                   'start_time': '15:00',
                                   'end_time': '16:30',
                                   'venue': '湊町地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 8,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '年末夜警の実施について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '防犯カメラ設置補助金について',
                                               'remarks': None}],
                                   'discussion': '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。',
                                   'requests': [{'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'},
                                                {'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None}],
                                   'reference': '次回は令和8年3月に開催予定。',
                                   'officers': ['巡査部長 篠崎陽介', '警部補 長尾修']},
                           'typed': {}}],
              'opts': {'input_name': '入力シート'}}]},
 {'name': 'b3_08_takasago_textbox',
  'format': 'xlsx',
  'engine': 'xlsxwriter',
  'sheets': [{'name': '報告書',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '高砂警察署',
                                   'reporter': '巡査部長 大槻健太',
                                   'phone': '2-507',
                                   'council_name': '高砂浜交番連絡協議会',
                                   'facility_name': '高砂浜交番',
                                   'date': '2026-07-29',
                                   'start_time': '13:30',
                                   'end_time': '15:00',
                                   'venue': '高砂浜地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 12,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '秋季例大祭の雑踏警備について',
                                               'remarks': '交通課員が説明'},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': None}],
                                   'discussion': '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。',
                                   'requests': [{'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'},
                                                {'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None}],
                                   'reference': '会議の様子を撮影した写真を別添のとおり添付する。',
                                   'officers': ['巡査部長 大槻健太', '巡査長 榎本修', '巡査 岩淵陽介']},
                           'typed': {'time_style': 'hm',
                                     'count_style': 'zen',
                                     'count_comment': 'うち委員以外の参加者2名（ＰＴＡ）'}}],
              'opts': {'textbox_discussion': True, 'textbox_reference': True}}]},
 {'name': 'b3_09_midorigaoka_monthly',
  'format': 'xlsx',
  'sheets': [{'name': '記入例',
              'kind': 'example',
              'rec': {'affiliation': '〇〇警察署',
                      'reporter': '巡査部長 〇〇〇〇',
                      'phone': '〇〇〇〇',
                      'council_name': '〇〇交番連絡協議会',
                      'facility_name': '〇〇交番',
                      'date': '2025-04-20',
                      'start_time': '14:00',
                      'end_time': '15:30',
                      'venue': '〇〇公民館',
                      'police_attendees': 3,
                      'civilian_attendees': 10,
                      'meeting_type': 'regular',
                      'agenda': [{'category': '交番等の活動状況', 'topic': '交番の活動状況について（記入例）', 'remarks': '資料配付'},
                                 {'category': '地域住民等に身近な事件・事故等の発生状況',
                                  'topic': '管内の犯罪発生状況について',
                                  'remarks': None}],
                      'discussion': '協議した内容を簡潔に記入する。\n（例）自転車盗の防止について、施錠の呼び掛けを行うこととした。',
                      'requests': [{'request': '（例）街路灯を増設してほしい。', 'response': '（例）市役所へ連絡済み。'}],
                      'reference': '写真がある場合は別紙に貼付',
                      'officers': ['巡査部長 〇〇〇〇', '巡査 〇〇〇〇']},
              'opts': {'cat_style': 'short'}},
             {'name': '10月',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '緑ヶ丘警察署',
                                   'reporter': '巡査部長 羽田野彩',
                                   'phone': '4-410',
                                   'council_name': '緑ヶ丘団地管理者連絡協議会',
                                   'facility_name': '緑ヶ丘団地交番',
                                   'date': '2026-10-08',
                                   'start_time': '10:00',
                                   'end_time': '11:30',
                                   'venue': '緑ヶ丘団地地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 7,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '管内の刑法犯認知状況について',
                                               'remarks': '交通課員が説明'},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '夏祭り・花火大会の交通規制について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '防犯カメラ設置補助金について',
                                               'remarks': None}],
                                   'discussion': '空き巣被害の連続発生を受け、夜間の警ら強化と戸締りの呼び掛けを行うこととした。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [{'request': '中央公園のトイレ付近に不審者が出るので見回ってほしい。',
                                                 'response': '夜間の警ら経路に組み入れ、重点的に警戒している。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 羽田野彩', '巡査 小野寺光']},
                           'typed': {'time_style': 'ampm_han',
                                     'date_style': 'wareki',
                                     'type_style': 'short'}}],
              'opts': {'cat_style': 'short'}},
             {'name': '11月',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '緑ヶ丘警察署',
                                   'reporter': '巡査部長 浜野剛',
                                   'phone': '4-410',
                                   'council_name': '緑ヶ丘団地管理者連絡協議会',
                                   'facility_name': '緑ヶ丘団地交番',
                                   'date': '2026-11-12',
                                   'start_time': '10:00',
                                   'end_time': '11:00',
                                   'venue': '緑ヶ丘団地地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 13,
                                   'meeting_type': 'extraordinary',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '夏季における警ら活動の強化について',
                                               'remarks': '交通課員が説明'},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '特殊詐欺（還付金詐欺）の発生状況について',
                                               'remarks': '統計資料使用'},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '防犯フェスタの開催について',
                                               'remarks': None}],
                                   'discussion': '街路灯の不点灯箇所について、市役所へ連絡することとした。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [{'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'},
                                                {'request': '商店街の違法駐車が多いので取締りをしてほしい。',
                                                 'response': '交通課と連携し、取締りを実施した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 浜野剛', '巡査 芹沢亮']},
                           'typed': {'time_style': 'ampm', 'date_style': 'wareki', 'type_style': 'short'}}],
              'opts': {'cat_style': 'short'}},
             {'name': '12月', 'kind': 'blankform', 'opts': {'cat_style': 'short'}}]},
 {'name': 'b3_10_saijoji_two_up',
  'format': 'xlsx',
  'sheets': [{'name': '6月分',
              'kind': 'forms',
              'reports': [{'rec': {'affiliation': '西条寺警察署',
                                   'reporter': '巡査部長 大槻隆之',
                                   'phone': '9-150',
                                   'council_name': '西条寺駅前交番連絡協議会',
                                   'facility_name': '西条寺駅前交番',
                                   'date': '2026-06-05',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '西条寺駅前地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': None},
                                              {'category': 'その他', 'topic': '空き家の管理について', 'remarks': None}],
                                   'discussion': '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。',
                                   'requests': [{'request': '商店街の違法駐車が多いので取締りをしてほしい。',
                                                 'response': '交通課と連携し、取締りを実施した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 大槻隆之', '巡査部長 岩淵和也', '巡査部長 三好剛']},
                           'typed': {'time_style': 'hm', 'type_style': 'teirei'}},
                          {'rec': {'affiliation': '西条寺警察署',
                                   'reporter': '巡査部長 杉浦慎吾',
                                   'phone': '9-152',
                                   'council_name': '北町交番連絡協議会',
                                   'facility_name': '北町交番',
                                   'date': '2026-06-09',
                                   'start_time': '19:00',
                                   'end_time': '20:00',
                                   'venue': '北町地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 6,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番の最近の活動状況について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '管内の交通事故発生状況（高齢者事故）について',
                                               'remarks': None}],
                                   'discussion': '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。',
                                   'requests': [{'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'},
                                                {'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 杉浦慎吾', '警部補 三好和也', '警部補 古賀大輔', '巡査部長 鳴海颯太']},
                           'typed': {'time_style': 'hm'}}],
              'opts': {'arrange': 'across', 'no_stamps': True, 'request_rows': 2}},
             {'name': '注意事項',
              'kind': 'notes',
              'lines': ['1\u3000この報告書は、会議終了後速やかに作成し、地域課地域指導係へ報告すること。',
                        '2\u3000開催日時は「令和〇年〇月〇日（〇）午後〇時〇分～〇時〇分」のように記入すること。',
                        '3\u3000出席者数は数字で記入すること（警察官・民間別）。',
                        '4\u3000会議種別は「定期」又は「臨時」を選択すること。']}]},
 {'name': 'b3_13_tsurumino_twocol',
  'format': 'xlsx',
  'sheets': [{'name': '報告書',
              'kind': 'twocol',
              'reports': [{'rec': {'affiliation': '鶴見野警察署',
                                   'reporter': '巡査部長 相良直樹',
                                   'phone': '055-2',
                                   'council_name': '鶴見野交番連絡協議会',
                                   'facility_name': '鶴見野交番',
                                   'date': '2026-09-17',
                                   'start_time': '18:00',
                                   'end_time': '19:30',
                                   'venue': '鶴見野地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 10,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '子ども見守り活動への参加について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '管内の交通事故発生状況（高齢者事故）について',
                                               'remarks': '統計資料使用'},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '防犯フェスタの開催について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '防犯カメラ設置補助金について',
                                               'remarks': None}],
                                   'discussion': '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。',
                                   'requests': [{'request': '祭礼時の臨時駐車場の誘導を手伝ってほしい。',
                                                 'response': '当日は交番勤務員２名で誘導に当たる。'},
                                                {'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 相良直樹', '巡査部長 小野寺健太']},
                           'typed': {'date_style': 'slash', 'time_style': 'hm', 'count_style': 'nin'}}],
              'opts': {'type_dropdown': '"定期,臨時"'}},
             {'name': '様式（白紙）', 'kind': 'blanktwocol'}]},
 {'name': 'b3_14_kitahama_minato_hidden',
  'format': 'xlsx',
  'sheets': [{'name': '報告書',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '北浜警察署',
                                   'reporter': '巡査部長 浜野真由美',
                                   'phone': '7-218',
                                   'council_name': '港町交番連絡協議会',
                                   'facility_name': '港町交番',
                                   'date': '2026-11-02',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '港町地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 13,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '年末特別警戒の実施について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '地区運動会の駐車場対策について',
                                               'remarks': '生活安全課員が説明'},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': None}],
                                   'discussion': '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。',
                                   'requests': [{'request': '駅前駐輪場の自転車盗対策をしてほしい。',
                                                 'response': '駐輪場管理者と協議し、防犯カメラの設置を調整中。'},
                                                {'request': '商店街の違法駐車が多いので取締りをしてほしい。',
                                                 'response': '交通課と連携し、取締りを実施した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 浜野真由美', '巡査部長 古賀修', '巡査長 大槻修', '巡査部長 原口美咲']},
                           'typed': {'time_style': 'ampm',
                                     'date_style': 'wareki_zen',
                                     'count_style': 'mei'}}],
              'opts': {'mult': 3,
                       'hidden_agenda_row': '（昨年度分）歳末特別警戒について',
                       'hidden_memo_col': '前回出席：民間9名',
                       'outside_memo': '11/4 課長代理確認済'}}]},
 {'name': 'b3_15_sakuragawa_minami_xls',
  'format': 'xls',
  'sheets': [{'name': 'Sheet1',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '桜川警察署',
                                   'reporter': '巡査長 芹沢誠',
                                   'phone': '5-2240',
                                   'council_name': '桜川南駐在所連絡協議会',
                                   'facility_name': '桜川南駐在所',
                                   'date': '2026-07-11',
                                   'start_time': '19:30',
                                   'end_time': '20:30',
                                   'venue': '南区自治会館',
                                   'police_attendees': 1,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番の最近の活動状況について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '初詣の雑踏対策について',
                                               'remarks': '生活安全課員が説明'}],
                                   'discussion': '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [{'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'},
                                                {'request': '中央公園のトイレ付近に不審者が出るので見回ってほしい。',
                                                 'response': '夜間の警ら経路に組み入れ、重点的に警戒している。'}],
                                   'reference': None,
                                   'officers': ['巡査長 芹沢誠']},
                           'typed': {'date_style': 'R_zen',
                                     'time_style': 'ampm',
                                     'count_style': 'zen',
                                     'type_style': 'short'}}],
              'opts': {'cat_style': 'full'}},
             {'name': 'Sheet2', 'kind': 'list', 'columns': []}]},
 {'name': 'b3_16_takasago_kita_ods',
  'format': 'ods',
  'sheets': [{'name': '開催報告',
              'kind': 'twocol',
              'reports': [{'rec': {'affiliation': '高砂警察署',
                                   'reporter': '巡査長 長尾大輔',
                                   'phone': '2-530',
                                   'council_name': '高砂北駐在所連絡協議会',
                                   'facility_name': '高砂北駐在所',
                                   'date': '2026-06-27',
                                   'start_time': '13:30',
                                   'end_time': '15:00',
                                   'venue': '高砂北公民館',
                                   'police_attendees': 1,
                                   'civilian_attendees': 8,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番だよりの発行について',
                                               'remarks': '交通課員が説明'},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': '資料配付'},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '盆踊り大会の警戒について',
                                               'remarks': None}],
                                   'discussion': '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [{'request': '川沿いの遊歩道に防犯灯を付けてほしい。', 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査長 長尾大輔']},
                           'typed': {'date_style': 'kanji', 'time_style': 'kanji', 'count_style': 'mei'}}]},
             {'kind': 'table',
              'title': '連絡協議会委員名簿',
              'head': ['No', '氏名', '性別', '年代', '職業等', '区分', '委嘱日', '任期満了日'],
              'rows': [[1, '羽田野真由美', '女', '70代', '小学校教頭', 'b', '2025/4/1', '2027/3/31'],
                       [2, '岩淵陽介', '女', '40代', '会社員', 'b', '2025/4/1', '2027/3/31'],
                       [3, '村瀬颯太', '女', '40代', '主婦', 'b', '2025/4/1', '2027/3/31'],
                       [4, '波多野由佳', '女', '40代', '小学校教頭', 'a', '2025/4/1', '2027/3/31'],
                       [5, '相良由佳', '女', '70代', '会社員', 'b', '2025/4/1', '2027/3/31'],
                       [6, '真壁慎吾', '女', '60代', '自治会長', 'a', '2025/4/1', '2027/3/31'],
                       [7, '日高恵', '男', '70代', '会社員', 'a', '2025/4/1', '2027/3/31'],
                       [8, '柏木美咲', '女', '70代', '商店会役員', 'b', '2025/4/1', '2027/3/31']],
              'widths': [5, 14, 6, 8, 16, 6, 12, 12],
              'name': '委員名簿'}]},
 {'name': 'b3_17_aobadai_minami_marks',
  'format': 'xlsx',
  'sheets': [{'name': '第1回',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '青葉台警察署',
                                   'reporter': '巡査部長 岩淵直樹',
                                   'phone': '0236',
                                   'council_name': '青葉台南交番連絡協議会',
                                   'facility_name': '青葉台南交番',
                                   'date': '2026-05-14',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '青葉台南地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 12,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '地域安全マップの作成状況について',
                                               'remarks': '交通課員が説明'},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '夏祭り・花火大会の交通規制について',
                                               'remarks': '交通課員が説明'}],
                                   'discussion': '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [{'request': '川沿いの遊歩道に防犯灯を付けてほしい。', 'response': None},
                                                {'request': '桜通りの街路灯が暗いので増設してほしい。',
                                                 'response': '市役所生活安全課に要望を伝え、設置を検討中。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 岩淵直樹', '巡査 日高恵', '巡査長 真壁光']},
                           'typed': {'time_style': 'hm', 'type_style': 'box'}}],
              'opts': {'cat_style': 'mark', 'agenda_rows': 5}},
             {'name': '第2回',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '青葉台警察署',
                                   'reporter': '巡査部長 早瀬智子',
                                   'phone': '0236',
                                   'council_name': '青葉台南交番連絡協議会',
                                   'facility_name': '青葉台南交番',
                                   'date': '2026-09-10',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '青葉台南地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 7,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '子ども見守り活動への参加について',
                                               'remarks': '統計資料使用'},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '通学路での交通事故について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '夏祭り・花火大会の交通規制について',
                                               'remarks': '生活安全課員が説明'},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': None}],
                                   'discussion': '街路灯の不点灯箇所について、市役所へ連絡することとした。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。\n'
                                                 '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。',
                                   'requests': [{'request': 'スクールゾーンの時間帯に抜け道として通る車が多い。',
                                                 'response': '交通課に通報し、取締り場所として上申した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 早瀬智子', '巡査 桐山光', '巡査部長 野々村光']},
                           'typed': {'time_style': 'hm', 'type_style': 'box'}}],
              'opts': {'cat_style': 'mark', 'agenda_rows': 5}}]},
 {'name': 'b3_19_minatomachi_ichiran',
  'format': 'xlsx',
  'sheets': [{'name': '一覧',
              'kind': 'register',
              'reports': [{'rec': {'affiliation': '湊町警察署',
                                   'reporter': '警部補 戸塚剛',
                                   'phone': '３－１００',
                                   'council_name': '湊町交番連絡協議会',
                                   'facility_name': '湊町交番',
                                   'date': '2026-04-24',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '湊町地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 6,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '子ども見守り活動への参加について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '不審電話（アポ電）の多発について',
                                               'remarks': None}],
                                   'discussion': '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。\n'
                                                 '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。',
                                   'requests': [{'request': '登下校時間帯のパトロールを強化してほしい。',
                                                 'response': '７時３０分から８時３０分までの間、通学路で立番を実施する。'},
                                                {'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査部長 野々村直樹', '巡査長 杉浦大輔', '警部補 早瀬陽介', '巡査部長 岩淵剛']},
                           'typed': {'date_style': 'wareki', 'wd': 'zen'}},
                          {'rec': {'affiliation': '湊町警察署',
                                   'reporter': '警部補 戸塚剛',
                                   'phone': '３－１００',
                                   'council_name': '湊町中央交番連絡協議会',
                                   'facility_name': '湊町中央交番',
                                   'date': '2026-05-29',
                                   'start_time': '19:00',
                                   'end_time': '20:30',
                                   'venue': '湊町中央地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 6,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域の祭礼等の催事・行事',
                                               'topic': '盆踊り大会の警戒について',
                                               'remarks': None},
                                              {'category': 'その他', 'topic': '空き家の管理について', 'remarks': None}],
                                   'discussion': '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。\n'
                                                 '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。',
                                   'requests': [{'request': '中央公園のトイレ付近に不審者が出るので見回ってほしい。',
                                                 'response': '夜間の警ら経路に組み入れ、重点的に警戒している。'},
                                                {'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None},
                                                {'request': '駅前駐輪場の自転車盗対策をしてほしい。', 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査部長 久保田翔', '警部補 芹沢恵', '巡査部長 長尾直樹', '巡査 森岡誠']},
                           'typed': {'date_style': 'wareki', 'wd': 'zen'}},
                          {'rec': {'affiliation': '湊町警察署',
                                   'reporter': '警部補 戸塚剛',
                                   'phone': '３－１００',
                                   'council_name': '湊町西駐在所連絡協議会',
                                   'facility_name': '湊町西駐在所',
                                   'date': '2026-07-17',
                                   'start_time': '10:00',
                                   'end_time': '11:00',
                                   'venue': '湊町西駐在所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 12,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': None}],
                                   'discussion': '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査長 岩淵陽介', '巡査 杉浦直樹']},
                           'typed': {'date_style': 'wareki', 'wd': 'zen'}}],
              'opts': {'title': '交番・駐在所連絡協議会開催状況一覧（湊町警察署）'}},
             {'name': '集計',
              'kind': 'table',
              'title': '施設別開催回数',
              'head': ['施設名', '定期', '臨時', '計'],
              'rows': [['湊町交番', 1, 0, 1], ['湊町中央交番', 1, 0, 1], ['湊町西駐在所', 1, 0, 1]]}]},
 {'name': 'b3_21_wakaba_rinji',
  'format': 'xls',
  'sheets': [{'name': '報告書',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '若葉警察署',
                                   'reporter': '巡査部長 日高修',
                                   'phone': '6-310',
                                   'council_name': '若葉中央交番連絡協議会',
                                   'facility_name': '若葉中央交番',
                                   'date': '2026-10-30',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '若葉中央地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 12,
                                   'meeting_type': 'extraordinary',
                                   'agenda': [{'category': '地域の祭礼等の催事・行事',
                                               'topic': '地区運動会の駐車場対策について',
                                               'remarks': None},
                                              {'category': 'その他', 'topic': '委員の改選について', 'remarks': None}],
                                   'discussion': '防犯カメラの設置場所について、自治会で候補地を検討することとなった。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'},
                                                {'request': 'スクールゾーンの時間帯に抜け道として通る車が多い。',
                                                 'response': '交通課に通報し、取締り場所として上申した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 日高修', '巡査 森岡直樹', '警部補 戸塚恵']},
                           'typed': {'time_style': 'ampm_han',
                                     'count_style': 'kanji',
                                     'type_style': 'kaigi'}}],
              'opts': {'count_box': True}}]},
 {'name': 'b3_23_asagiri_ekimae',
  'format': 'xlsx',
  'sheets': [{'name': '前回',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '朝霧警察署',
                                   'reporter': '巡査部長 長尾隆之',
                                   'phone': '71-10',
                                   'council_name': '朝霧駅前交番連絡協議会',
                                   'facility_name': '朝霧駅前交番',
                                   'date': '2025-11-14',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '朝霧駅前地区集会所',
                                   'police_attendees': 4,
                                   'civilian_attendees': 11,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '巡回連絡の実施状況について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '初詣の雑踏対策について',
                                               'remarks': '統計資料使用'},
                                              {'category': 'その他', 'topic': '委員の改選について', 'remarks': '資料配付'}],
                                   'discussion': '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。',
                                   'requests': [{'request': '登下校時間帯のパトロールを強化してほしい。',
                                                 'response': '７時３０分から８時３０分までの間、通学路で立番を実施する。'},
                                                {'request': '中央公園のトイレ付近に不審者が出るので見回ってほしい。',
                                                 'response': '夜間の警ら経路に組み入れ、重点的に警戒している。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 長尾隆之', '巡査部長 波多野和也', '警部補 鳴海俊介', '警部補 長尾隆之']},
                           'typed': {'time_style': 'hm'}}],
              'opts': {},
              'hidden': True},
             {'name': '今回',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '朝霧警察署',
                                   'reporter': '巡査部長 安西慎吾',
                                   'phone': '71-10',
                                   'council_name': '朝霧駅前交番連絡協議会',
                                   'facility_name': '朝霧駅前交番',
                                   'date': '2026-11-13',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '朝霧駅前地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 14,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '駅前駐輪場での街頭活動について',
                                               'remarks': '統計資料使用'},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': '広報紙配付'},
                                              {'category': 'その他',
                                               'topic': '防犯カメラ設置補助金について',
                                               'remarks': '統計資料使用'}],
                                   'discussion': '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。\n'
                                                 '高齢者の交通事故防止のため、反射材を配布することとした。',
                                   'requests': [{'request': '駅前駐輪場の自転車盗対策をしてほしい。',
                                                 'response': '駐輪場管理者と協議し、防犯カメラの設置を調整中。'},
                                                {'request': 'スクールゾーンの時間帯に抜け道として通る車が多い。',
                                                 'response': '交通課に通報し、取締り場所として上申した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 安西慎吾', '巡査 杉浦大輔', '巡査部長 三好亮']},
                           'typed': {'time_style': 'hm_zen', 'count_style': 'nin_sp'}}],
              'opts': {}}]},
 {'name': 'b3_24_tsurumino_higashi',
  'format': 'xlsm',
  'sheets': [{'name': '報告',
              'kind': 'register',
              'reports': [{'rec': {'affiliation': '鶴見野警察署',
                                   'reporter': '巡査長 鳴海陽介',
                                   'phone': '055-31',
                                   'council_name': '鶴見野東駐在所連絡協議会',
                                   'facility_name': '鶴見野東駐在所',
                                   'date': '2026-06-20',
                                   'start_time': '10:00',
                                   'end_time': '11:00',
                                   'venue': '東地区ｺﾐｭﾆﾃｨｾﾝﾀｰ',
                                   'police_attendees': 1,
                                   'civilian_attendees': 7,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '不審電話（アポ電）の多発について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '自主防犯パトロール隊の活動について',
                                               'remarks': None}],
                                   'discussion': '年末年始の警戒について、自主防犯パトロール隊と合同で実施することを確認した。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。',
                                   'requests': [{'request': '老人クラブで特殊詐欺の被害防止講話をしてほしい。',
                                                 'response': '１１月２０日に実施予定。'}],
                                   'reference': None,
                                   'officers': ['巡査長 鳴海陽介']},
                           'typed': {'count_style': 'mei'}},
                          {'rec': {'affiliation': '鶴見野警察署',
                                   'reporter': '巡査長 鳴海陽介',
                                   'phone': '055-31',
                                   'council_name': '鶴見野東駐在所連絡協議会',
                                   'facility_name': '鶴見野東駐在所',
                                   'date': '2026-10-17',
                                   'start_time': '10:00',
                                   'end_time': '11:15',
                                   'venue': '東地区ｺﾐｭﾆﾃｨｾﾝﾀｰ',
                                   'police_attendees': 1,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '児童への声掛け事案の発生について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '防犯カメラ設置補助金について',
                                               'remarks': None}],
                                   'discussion': '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '委員から、公園で夜遅くまで花火をする者がいるとの情報提供があった。\n'
                                                 '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。',
                                   'requests': [{'request': '老人クラブで特殊詐欺の被害防止講話をしてほしい。',
                                                 'response': '１１月２０日に実施予定。'}],
                                   'reference': None,
                                   'officers': ['巡査長 鳴海陽介']},
                           'typed': {'count_style': 'mei'}}]},
             {'name': '選択肢',
              'kind': 'list',
              'columns': [('会議種別', ['定期', '臨時']),
                          ('区分', ['交番等の活動状況', '地域住民等に身近な事件・事故等の発生状況', '地域の祭礼等の催事・行事', 'その他'])]}]},
 {'name': 'b3_25_saijoji_minami_stack',
  'format': 'ods',
  'sheets': [{'name': '報告書',
              'kind': 'forms',
              'reports': [{'rec': {'affiliation': '西条寺警察署',
                                   'reporter': '巡査部長 戸塚恵',
                                   'phone': '9-160',
                                   'council_name': '西条寺南交番連絡協議会',
                                   'facility_name': '西条寺南交番',
                                   'date': '2026-07-24',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '西条寺南地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 14,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域の祭礼等の催事・行事',
                                               'topic': '年末夜警の実施について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '防犯カメラ設置補助金について',
                                               'remarks': '統計資料使用'}],
                                   'discussion': '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '空き巣被害の連続発生を受け、夜間の警ら強化と戸締りの呼び掛けを行うこととした。\n'
                                                 '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。',
                                   'requests': [{'request': '交番が不在のことが多いので連絡方法を周知してほしい。',
                                                 'response': '交番だよりに連絡先を掲載して回覧した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 戸塚恵', '巡査長 長尾大輔']},
                           'typed': {'time_style': 'kanji'}},
                          {'rec': {'affiliation': '西条寺警察署',
                                   'reporter': '巡査部長 榎本誠',
                                   'phone': '9-160',
                                   'council_name': '西条寺南交番連絡協議会',
                                   'facility_name': '西条寺南交番',
                                   'date': '2026-08-28',
                                   'start_time': '14:00',
                                   'end_time': '15:10',
                                   'venue': '西条寺南地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 10,
                                   'meeting_type': 'extraordinary',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '駅前駐輪場での街頭活動について',
                                               'remarks': '資料配付'},
                                              {'category': 'その他', 'topic': '委員の改選について', 'remarks': '統計資料使用'}],
                                   'discussion': '通学路の見守り活動について、ＰＴＡと連携して実施日を増やすことを確認した。\n'
                                                 '街路灯の不点灯箇所について、市役所へ連絡することとした。\n'
                                                 '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。',
                                   'requests': [{'request': 'スクールゾーンの時間帯に抜け道として通る車が多い。',
                                                 'response': '交通課に通報し、取締り場所として上申した。'},
                                                {'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査部長 榎本誠', '巡査部長 榎本修', '巡査長 古賀浩二']},
                           'typed': {'time_style': 'kanji'}}],
              'opts': {'no_stamps': False}}]},
 {'name': 'b3_26_kitahama_shiomi',
  'format': 'xlsx',
  'sheets': [{'name': '報告書',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '北浜警察署',
                                   'reporter': '巡査長 森岡美咲',
                                   'phone': '0215',
                                   'council_name': '汐見駐在所連絡協議会',
                                   'facility_name': '汐見駐在所',
                                   'date': '2026-08-08',
                                   'start_time': '19:00',
                                   'end_time': '20:00',
                                   'venue': '汐見漁協会議室',
                                   'police_attendees': 1,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域の祭礼等の催事・行事',
                                               'topic': '盆踊り大会の警戒について',
                                               'remarks': None},
                                              {'category': 'その他', 'topic': '委員の改選について', 'remarks': '統計資料使用'}],
                                   'discussion': '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。\n'
                                                 '特殊詐欺の手口を紹介し、町内会の回覧板で注意喚起を行うこととした。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。',
                                   'requests': [{'request': '商店街の違法駐車が多いので取締りをしてほしい。',
                                                 'response': '交通課と連携し、取締りを実施した。'}],
                                   'reference': None,
                                   'officers': ['巡査長 森岡美咲']},
                           'typed': {'phone': 215,
                                     'phone_numfmt': '0000',
                                     'wrong_wd': True,
                                     'time_style': 'ampm',
                                     'count_style': 'kanji'}}],
              'opts': {}}]},
 {'name': 'b3_28_minatomachi_kita',
  'format': 'xlsx',
  'sheets': [{'name': '報告書',
              'kind': 'form',
              'reports': [{'rec': {'affiliation': '湊町警察署',
                                   'reporter': '巡査部長 野々村真由美',
                                   'phone': '3-130',
                                   'council_name': '湊町北交番連絡協議会',
                                   'facility_name': '湊町北交番',
                                   'date': '2026-09-11',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '湊町北地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 7,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '子ども見守り活動への参加について',
                                               'remarks': '生活安全課員が説明'},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '空き巣被害の連続発生について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '管内の刑法犯認知状況について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': '統計資料使用'},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '夏祭り・花火大会の交通規制について',
                                               'remarks': '広報紙配付'}],
                                   'discussion': '空き巣被害の連続発生を受け、夜間の警ら強化と戸締りの呼び掛けを行うこととした。\n'
                                                 '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。',
                                   'requests': [{'request': '登下校時間帯のパトロールを強化してほしい。',
                                                 'response': '７時３０分から８時３０分までの間、通学路で立番を実施する。'},
                                                {'request': '川沿いの遊歩道に防犯灯を付けてほしい。', 'response': None}],
                                   'reference': None,
                                   'officers': ['巡査部長 野々村真由美', '巡査長 三好悠斗']},
                           'typed': {'time_style': 'hm', 'type_style': 'teirei', 'count_style': 'nin'}}],
              'opts': {'rows_per_cat': 2, 'mult': 3}},
             {'name': '年間計画',
              'kind': 'table',
              'title': '令和8年度\u3000連絡協議会年間計画',
              'head': ['予定月', '会議種別', '予定議題'],
              'rows': [['令和8年6月', '定期', '夏祭りの警戒'],
                       ['令和8年9月', '定期', '秋の交通安全運動'],
                       ['令和9年2月', '定期', '年度のまとめ']]}]},
 {'name': 'b3_29_shinonome_minato_xls',
  'format': 'xls',
  'sheets': [{'name': '台帳',
              'kind': 'register',
              'reports': [{'rec': {'affiliation': '東雲警察署',
                                   'reporter': '巡査部長 波多野光',
                                   'phone': '44-130',
                                   'council_name': '東雲港交番連絡協議会',
                                   'facility_name': '東雲港交番',
                                   'date': '2026-05-08',
                                   'start_time': '14:00',
                                   'end_time': '15:00',
                                   'venue': '東雲港地区集会所',
                                   'police_attendees': 2,
                                   'civilian_attendees': 9,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '巡回連絡の実施状況について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '秋季例大祭の雑踏警備について',
                                               'remarks': None}],
                                   'discussion': '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。\n'
                                                 '管内の自転車盗は前年同期と比べて増加しており、施錠の徹底を呼び掛けることとした。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。',
                                   'requests': [{'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 佐伯彩', '警部補 森岡剛']},
                           'typed': {'date_numfmt': 'yyyy年m月d日'}},
                          {'rec': {'affiliation': '東雲警察署',
                                   'reporter': '巡査部長 波多野光',
                                   'phone': '44-130',
                                   'council_name': '東雲港交番連絡協議会',
                                   'facility_name': '東雲港交番',
                                   'date': '2026-10-16',
                                   'start_time': '14:00',
                                   'end_time': '15:30',
                                   'venue': '東雲港地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 7,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '自転車盗・車上ねらいの発生状況について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '盆踊り大会の警戒について',
                                               'remarks': None}],
                                   'discussion': '空き巣被害の連続発生を受け、夜間の警ら強化と戸締りの呼び掛けを行うこととした。\n'
                                                 '例大祭の交通規制について、実行委員会と事前に打合せを行うことで一致した。\n'
                                                 '交番不在時の来訪者対応について、交番電話の利用方法を説明した。',
                                   'requests': [{'request': '老人クラブで特殊詐欺の被害防止講話をしてほしい。',
                                                 'response': '１１月２０日に実施予定。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 原口智子', '警部補 野々村俊介', '巡査 相良拓也']},
                           'typed': {'date_numfmt': 'yyyy年m月d日'}}],
              'opts': {'blank_rows': 6, 'date_numfmt': 'yyyy"年"m"月"d"日"'}}]},
 {'name': 'b3_30_shirasagi_kita_input',
  'format': 'xlsm',
  'engine': 'xlsxwriter',
  'sheets': [{'name': '印刷用',
              'kind': 'inprint',
              'reports': [{'rec': {'affiliation': '白鷺警察署',
                                   'reporter': '巡査部長 長尾修',
                                   'phone': '82-4431',
                                   'council_name': '白鷺北交番連絡協議会',
                                   'facility_name': '白鷺北交番',
                                   'date': '2026-11-05',
                                   'start_time': '13:30',
                                   'end_time': '15:00',
                                   'venue': '白鷺北地区集会所',
                                   'police_attendees': 3,
                                   'civilian_attendees': 10,
                                   'meeting_type': 'regular',
                                   'agenda': [{'category': '交番等の活動状況',
                                               'topic': '交番だよりの発行について',
                                               'remarks': None},
                                              {'category': '地域住民等に身近な事件・事故等の発生状況',
                                               'topic': '不審電話（アポ電）の多発について',
                                               'remarks': None},
                                              {'category': '地域の祭礼等の催事・行事',
                                               'topic': '初詣の雑踏対策について',
                                               'remarks': None},
                                              {'category': 'その他',
                                               'topic': '高齢者見守りネットワークについて',
                                               'remarks': None}],
                                   'discussion': '委員から、夜間の駅前広場で若者のたむろが見られるとの意見があった。\n'
                                                 '街路灯の不点灯箇所について、市役所へ連絡することとした。\n'
                                                 '防犯カメラの設置場所について、自治会で候補地を検討することとなった。',
                                   'requests': [{'request': '老人クラブで特殊詐欺の被害防止講話をしてほしい。',
                                                 'response': '１１月２０日に実施予定。'},
                                                {'request': '県道の横断歩道の白線が消えかけているので引き直してほしい。',
                                                 'response': None},
                                                {'request': '空き家に人が出入りしているようなので確認してほしい。',
                                                 'response': '所有者と連絡を取り、施錠を依頼した。'}],
                                   'reference': None,
                                   'officers': ['巡査部長 長尾修', '巡査 鳴海光', '巡査部長 宮内陽介']},
                           'typed': {}}],
              'opts': {'input_name': '入力'}}]}]
# END-DEFS

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
