#!/usr/bin/env python3
"""Second blind corpus: report workbooks of the 交番・駐在所連絡協議会開催結果報告書 (別記様式)
as stations build and fill them, each with NAME.expected.json — the record a careful person
reads from the printed sheet (conventions: tests/corpus/blind/README.md).

    python3 tests/corpus/blind2/make_blind2.py [--part dev] [OUTDIR]
    python3 tests/corpus/blind2/make_blind2.py --part heldback --defs DEFS.py OUTDIR

The development part's workbooks are defined in this file. The held-back part is defined in a
separate module that is not kept in this repository; --defs names it.

Deterministic: fixed document properties, fixed zip timestamps, content chosen by fixed seeds.
.xls, .ods and .xlsm are converted from .xlsx with LibreOffice (soffice) when it is available.
"""
import argparse
import datetime as dt
import importlib.util
import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zlib

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
CREATED = dt.datetime(2026, 11, 30, 9, 0, 0)
WD = "月火水木金土日"
CATS = ["交番等の活動状況", "地域住民等に身近な事件・事故等の発生状況", "地域の祭礼等の催事・行事", "その他"]
KATSUDO, JIKEN, SAIJI, SONOTA = CATS
ABBR = {KATSUDO: "活動状況", JIKEN: "事件・事故", SAIJI: "催事・行事", SONOTA: "その他"}
CODE = {KATSUDO: "ア", JIKEN: "イ", SAIJI: "ウ", SONOTA: "エ"}
NUMC = {KATSUDO: "1", JIKEN: "2", SAIJI: "3", SONOTA: "4"}
CIRCLED = "①②③④⑤⑥⑦⑧⑨"

# --------------------------------------------------------------------------- registry

WORKBOOKS = []


def workbook(name, fmt="xlsx"):
    """Register a workbook definition: fn(book) fills the Book and returns nothing."""
    def deco(fn):
        WORKBOOKS.append((name, fmt, fn))
        return fn
    return deco


# --------------------------------------------------------------------------- text helpers

def norm(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", str(s))
    lines = [" ".join(x.split()) for x in s.replace("\r\n", "\n").split("\n")]
    lines = [x for x in lines if x]
    out = "\n".join(lines).strip()
    return out or None


FW = str.maketrans("0123456789:./-()~ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   "０１２３４５６７８９：．／－（）～ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")


def fw(s):
    return s.translate(FW)


def kanji_num(n):
    d = "〇一二三四五六七八九"
    if n < 10:
        return d[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else d[t]) + "十" + ("" if o == 0 else d[o])


def reiwa(d):
    return d.year - 2018


def tdate(d, st):
    w = WD[d.weekday()]
    y, m, dd = reiwa(d), d.month, d.day
    return {
        "wareki": f"令和{y}年{m}月{dd}日（{w}）",
        "wareki_nw": f"令和{y}年{m}月{dd}日",
        "wareki_fw": fw(f"令和{y}年{m}月{dd}日") + f"（{w}）",
        "R": f"R{y}.{m}.{dd}",
        "R_w": f"R{y}.{m}.{dd}({w})",
        "R_fw": fw(f"R{y}.{m}.{dd}"),
        "slash": f"{d.year}/{m}/{dd}",
        "slash_w": f"{d.year}/{m:02d}/{dd:02d}（{w}）",
        "kanji": f"{d.year}年{m}月{dd}日（{w}）",
        "md": f"{m}月{dd}日（{w}）",
        "md_fw": fw(f"{m}月{dd}日") + f"（{w}）",
        "md_slash": f"{m}/{dd}",
        "reiwa_dot": f"令和{y}.{m}.{dd}",
        "sp_wareki": f"令和 {y} 年 {m} 月 {dd} 日（{w}）",
    }[st]


def _hm(t):
    return f"{t.hour}:{t.minute:02d}"


def _gogo(t, with_ampm=True):
    ap = "午後" if t.hour >= 12 else "午前"
    h = t.hour - 12 if t.hour > 12 else t.hour
    mi = "" if t.minute == 0 else ("半" if t.minute == 30 and not with_ampm else f"{t.minute}分")
    return (ap if with_ampm else "") + f"{h}時" + mi


def ttime(s, e, st):
    if s is None:
        return ""
    if st == "colon":
        return f"{_hm(s)}～{_hm(e)}" if e else f"{_hm(s)}～"
    if st == "colon_fw":
        return fw(f"{_hm(s)}～{_hm(e)}" if e else f"{_hm(s)}～")
    if st == "tilde":
        return f"{s.hour:02d}:{s.minute:02d}~{e.hour:02d}:{e.minute:02d}"
    if st == "hhmm":
        return f"{s.hour:02d}{s.minute:02d}-{e.hour:02d}{e.minute:02d}"
    if st == "hhmm_fw":
        return fw(f"{s.hour:02d}{s.minute:02d}～{e.hour:02d}{e.minute:02d}")
    if st == "gogo":
        return f"{_gogo(s)}～{_gogo(e)}" if e else f"{_gogo(s)}～"
    if st == "gogo_fw":
        return fw(f"{_gogo(s)}～{_gogo(e)}")
    if st == "gogo_short":
        same = (s.hour >= 12) == (e.hour >= 12)
        return f"{_gogo(s)}～{_gogo(e, not same)}"
    if st == "jikan":
        return f"{s.hour}時{s.minute:02d}分から{e.hour}時{e.minute:02d}分まで"
    if st == "kara":
        return f"{_hm(s)}から{_hm(e)}まで"
    raise KeyError(st)


def tcount(n, st):
    return {"num": n, "mei": f"{n}名", "nin": f"{n}人", "mei_fw": fw(f"{n}名"), "nin_fw": fw(f"{n}人"),
            "kanji": kanji_num(n) + "名", "text": str(n), "fw": fw(str(n)), "sp_nin": f"{n} 人"}[st]


def ttype(mt, st):
    reg = mt == "regular"
    return {
        "word": "定期会議" if reg else "臨時会議",
        "short": "定期" if reg else "臨時",
        "teirei": "定例会" if reg else "臨時会",
        "check": "■定期　□臨時" if reg else "□定期　■臨時",
        "check2": "☑定期会議　☐臨時会議" if reg else "☐定期会議　☑臨時会議",
        "paren": "（○）定期　（　）臨時" if reg else "（　）定期　（○）臨時",
        "maru": "○定期 ・ 臨時" if reg else "定期 ・ ○臨時",
    }[st]


def tcat(c, st):
    if c is None:
        return ""
    return {"full": c, "abbr": ABBR[c], "code": CODE[c], "num": NUMC[c],
            "sp": {KATSUDO: "交番等の活動状況", JIKEN: "事件・事故等の発生状況", SAIJI: "祭礼等の催事・行事",
                   SONOTA: "そ の 他"}[c]}[st]


def tm(s):
    h, m = s.split(":")
    return dt.time(int(h), int(m))


# --------------------------------------------------------------------------- content pools

SURN = "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 島田 谷口 大野 丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾 菊地 野村 新井".split()
GIVM = "大輔 健太 翔太 拓也 直樹 和也 達也 雄一 浩二 隆 誠 剛 亮 悠斗 颯太 大翔 蓮 健一 正樹 俊介 智也 聡 修 賢治 博之 康弘 勇気 航 慎也 陽介".split()
GIVF = "美咲 彩 愛 陽菜 結衣 真由美 恵 由美 沙織 麻衣 千尋 優花".split()
RANK_HI = ["警部補", "巡査部長"]
RANK_LO = ["巡査部長", "巡査長", "巡査", "巡査"]

ACT = [
    ("交番の上半期の活動状況", None, "上半期の取扱件数と巡回連絡の実施状況を説明した。"),
    ("秋の全国交通安全運動の取組結果", "9月21日～30日", "運動期間中の街頭指導に自治会から延べ30名が参加し、朝の通学路での指導を継続することとした。"),
    ("巡回連絡の実施状況", None, "新築マンションの入居者への巡回連絡を重点に進めていることを報告した。"),
    ("交番だよりの発行", "毎月1日発行", "交番だよりを回覧板で回すことについて町内会の協力を得た。"),
    ("夏期の夜間警戒の実施結果", None, "7月から8月の夜間警戒で公園のたまり場の解消を図ったことを報告した。"),
    ("年末特別警戒の実施計画", "12月1日から", "年末特別警戒期間中は防犯協会と合同で夜間パトロールを行うこととした。"),
    ("自転車盗難防止キャンペーン", None, "駅前駐輪場での無施錠自転車への警告札の取付けについて協力を依頼した。"),
    ("春の地域安全運動の結果", None, "地域安全運動期間中の防犯診断の実施結果を説明した。"),
]
JIK = [
    ("特殊詐欺の予兆電話の発生状況", "9月中に6件", "市役所職員を名乗る還付金名目の電話が続いており、老人クラブを通じて注意を呼び掛けることとした。"),
    ("自転車盗の発生状況", "前年同期比4件増", "駅周辺の駐輪場での被害が多く、ツーロックを呼び掛けることとした。"),
    ("通学路での声掛け事案", "10月に2件", "下校時間帯の見守り活動の時間帯を30分延ばすこととした。"),
    ("高齢者が関係する交通事故の発生状況", None, "夕暮れ時の歩行中の事故が多いことから、反射材の配布を行うこととした。"),
    ("空き巣の発生状況", "3丁目で2件", "留守宅を狙った侵入が続いており、補助錠の取付けを勧めることとした。"),
    ("車上ねらいの発生", "月極駐車場で3件", "駐車場の管理者に照明の点灯時間の延長を依頼することとした。"),
    ("ニセ電話詐欺（還付金詐欺）の被害", "被害1件", "ATMでの声掛けについて金融機関と連携することを確認した。"),
    ("不審者情報の発生状況", None, "不審者情報は学校メールで共有し、交番にも速やかに連絡してもらうこととした。"),
    ("ごみ置き場への不審火", "11月に2件", "ごみは収集日の朝に出すよう町内会で徹底することとした。"),
]
SAI = [
    ("秋祭りの雑踏警備と交通規制", "10月18日・19日", "祭礼当日は神社前の市道を午後4時から通行止めとし、自治会の誘導員を増やすこととした。"),
    ("花火大会の警戒", "8月1日", "花火大会の帰宅時の混雑に備え、駅前の誘導体制を確認した。"),
    ("盆踊り大会の安全確保", "8月14日", "盆踊り会場周辺の路上駐車対策として臨時駐車場を確保することとした。"),
    ("歳末大売出しの警戒", None, "商店街の歳末大売出し期間中のひったくり防止の呼び掛けを行うこととした。"),
    ("地区運動会の駐車対策", "10月12日", "運動会当日は学校周辺への駐車をしないよう回覧で周知することとした。"),
    ("夏まつりの警備体制", "7月26日", "夏まつりの会場内の迷子対策として本部テントの位置を確認した。"),
    ("どんど焼きの開催", "1月11日", "どんど焼きの火の取扱いについて消防団と調整することとした。"),
]
OTH = [
    ("防犯カメラの設置場所の検討", None, "防犯カメラの設置場所について、自治会で候補地を挙げることとした。"),
    ("地域安全マップの作成", None, "小学校と協力して地域安全マップを作り直すこととした。"),
    ("熱中症予防の呼び掛け", None, "高齢者宅への声掛けの際に熱中症予防を呼び掛けることとした。"),
    ("委員の改選", "任期満了2名", "任期満了となる委員2名の後任について自治会長から推薦を受けることとした。"),
    ("防災訓練への参加", "11月3日", "地区の防災訓練で交番から避難誘導の講話を行うこととした。"),
    ("空き家の管理", None, "管理されていない空き家について市の担当課と情報を共有することとした。"),
]
POOL = {KATSUDO: ACT, JIKEN: JIK, SAIJI: SAI, SONOTA: OTH}
REQ = [
    ("通学路の街路灯の増設", "市道路管理課へ要望済み"),
    ("横断歩道の白線の引き直し", "署交通課を通じて上申した"),
    ("夜間のパトロールの強化", "重点警ら箇所に指定し、毎夜実施している"),
    ("老人クラブでの防犯講話", "11月の例会で実施した"),
    ("公園のトイレ付近の見通しの改善", None),
    ("路上駐車の取締り", "交通課と調整中"),
    ("交番不在時の連絡方法の周知", "交番だより10月号に掲載した"),
    ("見通しの悪い交差点へのカーブミラーの設置", "町内会から市へ申請するよう助言した"),
    ("ごみ集積所の不法投棄対策", "市環境課と合同で警告看板を設置した"),
    ("特殊詐欺の出前講座", "次回の会議で日程を回答する"),
    ("駅前の客引き行為の取締り", "生活安全課と連携して指導警告を実施した"),
    ("スクールゾーンの速度規制", None),
    ("防犯ブザーの配布", "防犯協会から新1年生に配布済み"),
]
# months in which a topic makes sense (a meeting in June does not plan the どんど焼き)
WINDOW = {
    "秋の全国交通安全運動の取組結果": {10, 11}, "夏期の夜間警戒の実施結果": {9, 10}, "年末特別警戒の実施計画": {10, 11, 12},
    "春の地域安全運動の結果": {5, 6, 7}, "特殊詐欺の予兆電話の発生状況": {10, 11}, "通学路での声掛け事案": {11, 12},
    "ごみ置き場への不審火": {12}, "秋祭りの雑踏警備と交通規制": {7, 8, 9, 10}, "花火大会の警戒": {5, 6, 7},
    "盆踊り大会の安全確保": {6, 7, 8}, "歳末大売出しの警戒": {10, 11, 12}, "地区運動会の駐車対策": {7, 8, 9, 10},
    "夏まつりの警備体制": {5, 6, 7}, "どんど焼きの開催": {11, 12, 1}, "熱中症予防の呼び掛け": {5, 6, 7, 8},
    "防災訓練への参加": {8, 9, 10}, "老人クラブでの防犯講話": {11, 12}, "交番不在時の連絡方法の周知": {10, 11, 12},
}


def fits(topic, d):
    return topic not in WINDOW or d.month in WINDOW[topic]


VENUE_T = ["{a}地区公民館", "{a}町内会館", "{f}2階会議室", "{a}コミュニティセンター 会議室", "{a}集会所", "{a}自治会館 大広間"]


class Rep(dict):
    """The canonical record (as a careful reader writes it)."""


def person(rng, ranks):
    g = rng.choice(GIVM if rng.random() < 0.85 else GIVF)
    return f"{rng.choice(ranks)} {rng.choice(SURN)}{g}"


def make_report(seed, aff, facility, date, start, end, *, council=None, area=None, mtype="regular",
                police=None, civ=None, n_agenda=3, cats=None, n_req=2, reference=None,
                officers=None, venue=None, phone=None, no_remarks=False, req_items=None):
    """Content drawn from the pools with a fixed seed; returns the canonical record."""
    rng = random.Random(seed)
    area = area or facility.replace("交番", "").replace("駐在所", "")
    council = council or f"{facility}連絡協議会"
    if cats is None:
        cats = [KATSUDO, JIKEN, SAIJI, SONOTA][:n_agenda] if n_agenda <= 4 else None
        if mtype == "extraordinary":
            cats = [JIKEN, SONOTA][:n_agenda]
    agenda, disc = [], []
    used = set()
    for c in cats:
        pool = [x for x in POOL[c] if x[0] not in used and fits(x[0], date)] or [x for x in POOL[c] if x[0] not in used]
        t, r, s = rng.choice(pool)
        used.add(t)
        agenda.append({"category": c, "topic": t, "remarks": None if no_remarks else r})
        disc.append(s)
    if req_items is not None:
        reqs = [{"request": a, "response": b} for a, b in req_items]
    else:
        reqs = [{"request": a, "response": b} for a, b in rng.sample([x for x in REQ if fits(x[0], date)], n_req)]
    if officers is None:
        n_pol = police if police is not None else (1 if "駐在所" in facility else rng.choice([2, 3, 3, 4]))
        officers = [person(rng, RANK_HI)] + [person(rng, RANK_LO) for _ in range(n_pol - 1)]
    police = len(officers) if police is None else police
    civ = civ if civ is not None else rng.randint(6, 16)
    venue = venue or rng.choice(VENUE_T).format(a=area, f=facility)
    return Rep(affiliation=aff, reporter=officers[0], phone=phone or f"{rng.randint(1, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}",
               council_name=council, facility_name=facility, date=date, start_time=start, end_time=end,
               venue=venue, police_attendees=police, civilian_attendees=civ, meeting_type=mtype,
               agenda=agenda, discussion="\n".join(disc), requests=reqs, reference=reference,
               officers=officers)


def canon(rep):
    """The expected record: keys in order, text normalised."""
    if rep is None:
        return None
    d = rep["date"]
    out = {
        "affiliation": norm(rep["affiliation"]), "reporter": norm(rep["reporter"]), "phone": norm(rep["phone"]),
        "council_name": norm(rep["council_name"]), "facility_name": norm(rep["facility_name"]),
        "date": d.isoformat() if d else None,
        "start_time": rep["start_time"].strftime("%H:%M") if rep["start_time"] else None,
        "end_time": rep["end_time"].strftime("%H:%M") if rep["end_time"] else None,
        "venue": norm(rep["venue"]), "police_attendees": rep["police_attendees"],
        "civilian_attendees": rep["civilian_attendees"], "meeting_type": rep["meeting_type"],
        "agenda": [{"category": a["category"], "topic": norm(a["topic"]), "remarks": norm(a["remarks"])}
                   for a in rep["agenda"]],
        "discussion": norm(rep["discussion"]),
        "requests": [{"request": norm(r["request"]), "response": norm(r["response"])} for r in rep["requests"]],
        "reference": norm(rep["reference"]),
        "officers": [norm(o) for o in rep["officers"]],
    }
    return out


# --------------------------------------------------------------------------- book

class Book:
    def __init__(self, path, font="ＭＳ 明朝", size=10.5):
        self.path = path
        self.wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                             "strings_to_urls": False})
        self.wb.set_properties({"created": CREATED, "author": "地域課", "company": ""})
        self.wb.set_calc_mode("auto")
        self.font, self.size = font, size
        self._fmts = {}
        self.reports, self.not_reports = [], []

    def fmt(self, **kw):
        kw.setdefault("font_name", self.font)
        kw.setdefault("font_size", self.size)
        kw.setdefault("valign", "vcenter")
        key = tuple(sorted(kw.items()))
        if key not in self._fmts:
            self._fmts[key] = self.wb.add_format(kw)
        return self._fmts[key]

    def sheet(self, name):
        ws = self.wb.add_worksheet(name)
        ws.set_paper(9)
        ws.set_margins(left=0.6, right=0.5, top=0.6, bottom=0.5)
        ws.center_horizontally()
        return ws

    def add_report(self, sheet, rep):
        self.reports.append({"sheet": sheet, "report": canon(rep)})

    def add_not_report(self, sheet):
        self.not_reports.append(sheet)

    def close(self):
        self.wb.close()
        return {"reports": self.reports, "not_reports": self.not_reports}


def png_photo(w=240, h=160, seed=1):
    """A small deterministic PNG standing in for a photograph of the meeting."""
    rng = random.Random(seed)
    rows = []
    base = [rng.randint(90, 200) for _ in range(3)]
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            v = (x // 40 + y // 40) % 2
            g = 40 if (60 < x < 180 and 50 < y < 130) else 0
            row += bytes([min(255, base[0] + v * 30 - g), min(255, base[1] + v * 20 - g), min(255, base[2] - g)])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------- labels of eras

LBL_STD = dict(to="地域指導係宛", title="交番・駐在所連絡協議会開催結果報告書", aff="所　属", rep="報告者",
               phone="警　電", council="協議会名", fac="施 設 名", dt="開催日時", venue="開催場所",
               att="出席者数", pol="警察官", civ="民間", nin="人", mtype="会議種別", cat="区分",
               topic="協議事項", rem="備考", disc="協議内容等", req="要望事項", resp="措置・回答",
               ref="参考事項（写真添付）", off="出席警察官名", beppu="別添",
               stamps=["署　長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"])
LBL_OLD = dict(LBL_STD, title="交番・駐在所連絡協議会開催状況報告書", aff="所属", rep="記載者", phone="警察電話",
               council="協議会の名称", fac="交番・駐在所名", venue="場所", att="出席者", pol="警察",
               civ="委員・住民等", nin="名", mtype="定期・臨時の別", topic="議題", disc="協議の概要",
               req="意見・要望", resp="対応状況", ref="参考事項", off="出席警察官",
               stamps=["署長", "副署長", "地域官", "地域課長", "係長", "係"])
LBL_ALT = dict(LBL_STD, title="交番・駐在所連絡協議会　開催結果報告書", aff="所属署", rep="報告者（階級・氏名）",
               phone="内線", fac="交番等名", venue="会場", att="出席者", nin="名", mtype="会議区分",
               topic="協議題", disc="協議結果", req="要望等", resp="回答・措置状況", ref="特記事項（写真等）",
               off="出席警察官氏名")
LBL_NEW = dict(LBL_STD, to="生活安全部地域課地域指導係　宛", rep="報告者（階級・氏名）", phone="警電番号",
               fac="施設名（交番・駐在所）", dt="開催日時", att="出席者数", civ="民間（委員等）", mtype="会議の種別",
               disc="協議内容等（概要）", resp="措置・回答（結果）", off="出席警察官（階級・氏名）")

PH = dict(affiliation="〇〇警察署", reporter="", phone="", council_name="〇〇交番連絡協議会",
          facility_name="〇〇交番", date="令和　　年　　月　　日（　）", time="　　：　　～　　：",
          venue="", police="", civ="", mtype="定期・臨時", officers="", reference="", discussion="")


def typed(rep, field, o):
    """What the officer typed in a field, per the habits in o."""
    if rep is None or field in o.get("ph", ()):
        return None
    if field in ("date", "datetime") and o.get("date_text"):
        t = ttime(rep["start_time"], rep["end_time"], o.get("time", "gogo"))
        return o["date_text"] if field == "date" else o["date_text"] + ("　" + t if t else "")
    if field == "date":
        return tdate(rep["date"], o.get("date", "wareki"))
    if field == "time":
        return ttime(rep["start_time"], rep["end_time"], o.get("time", "gogo"))
    if field == "datetime":
        t = ttime(rep["start_time"], rep["end_time"], o.get("time", "gogo"))
        return tdate(rep["date"], o.get("date", "wareki")) + ("　" + t if t else "")
    if field == "police":
        return tcount(rep["police_attendees"], o.get("count", "num"))
    if field == "civ" and o.get("civ_fmt"):
        c = rep["civilian_attendees"]
        return o["civ_fmt"].format(c=c, c2=c - 2)
    if field == "civ":
        return tcount(rep["civilian_attendees"], o.get("count", "num"))
    if field == "mtype":
        return ttype(rep["meeting_type"], o.get("mtype", "word"))
    if field == "officers":
        return o.get("osep", "、").join(rep["officers"]) if rep["officers"] else None
    key = {"aff": "affiliation", "rep": "reporter", "council": "council_name", "fac": "facility_name"}.get(field, field)
    return rep.get(key)


class Grid:
    """Writes on logical columns mapped to physical column ranges (方眼紙 when a logical column is
    several narrow physical columns)."""

    def __init__(self, book, ws, cmap, c0=0):
        self.b, self.ws, self.cmap, self.c0 = book, ws, cmap, c0

    def pc(self, lc, end=False):
        return self.cmap[lc][1 if end else 0] + self.c0

    def put(self, r1, l1, r2, l2, val, fmt, link=None):
        c1, c2 = self.pc(l1), self.pc(l2, True)
        ws = self.ws
        if (r1, c1) != (r2, c2):
            ws.merge_range(r1, c1, r2, c2, "", fmt)
        self.cell(r1, c1, val, fmt, link)

    def cell(self, r, c, val, fmt, link=None):
        ws = self.ws
        if link:
            cached = "" if val is None else val
            if isinstance(cached, (dt.date, dt.time)):
                cached = excel_serial(cached)
            ws.write_formula(r, c, link, fmt, cached)
        elif val is None or val == "":
            ws.write_blank(r, c, None, fmt)
        elif isinstance(val, dt.datetime) or isinstance(val, dt.date) or isinstance(val, dt.time):
            ws.write_datetime(r, c, val, fmt)
        elif isinstance(val, (int, float)):
            ws.write_number(r, c, val, fmt)
        else:
            ws.write_string(r, c, val, fmt)


def excel_serial(v):
    if isinstance(v, dt.time):
        return (v.hour * 60 + v.minute) / 1440
    return (v - dt.date(1899, 12, 30)).days


HOGAN_MAP = [(0, 3), (4, 7), (8, 10), (11, 13), (14, 16), (17, 20), (21, 23), (24, 26), (27, 30), (31, 35)]
PLAIN_MAP = [(i, i) for i in range(10)]


def form_classic(book, ws, rep, o, r0=0, c0=0):
    """The 別記様式 redrawn: labels left, values right, stamp boxes top right.
    Returns (next_row, expected record or None)."""
    L = o.get("labels", LBL_STD)
    hogan = o.get("hogan", False)
    g = Grid(book, ws, HOGAN_MAP if hogan else PLAIN_MAP, c0)
    sz = o.get("size", book.size)
    F = lambda **k: book.fmt(**dict(dict(font_size=sz), **k))
    lab = F(border=1, align="center", text_wrap=True, bg_color=o.get("shade", "#FFFFFF"))
    labl = F(border=1, align="left", text_wrap=True, bg_color=o.get("shade", "#FFFFFF"))
    val = F(border=1, align="left", text_wrap=True)
    valc = F(border=1, align="center", text_wrap=True)
    valtop = F(border=1, align="left", valign="top", text_wrap=True)
    plain = F()
    link = o.get("link", {})
    ph = o.get("ph", set())
    rh = o.get("row_h", 21)
    exp = None if rep is None else Rep(rep)
    r = r0

    def v(field):
        t = typed(rep, field, o)
        if t is None and (rep is None or field in ph):
            t = o.get("phtext", PH).get({"aff": "affiliation", "council": "council_name", "fac": "facility_name"}.get(field, field), "")
        return t

    def setrow(rr, h=None):
        ws.set_row(rr, h or rh)

    # header
    setrow(r)
    g.put(r, 0, r, 3, L["to"], F(align="left"))
    if o.get("repdate") is not None:
        g.put(r, 6, r, 9, o["repdate"], F(align="right"))
    r += 1
    setrow(r, 30)
    g.put(r, 0, r, 9, L["title"], F(bold=True, font_size=sz + 4, align="center"))
    r += 2
    stamps = o.get("stamps", True)
    # 所属 / 報告者 / 警電 (left), stamps (right)
    for i, (lk, fk) in enumerate([("aff", "aff"), ("rep", "rep"), ("phone", "phone")]):
        setrow(r + i, 24 if i else rh)
        g.put(r + i, 0, r + i, 0, L[lk], lab)
        g.put(r + i, 1, r + i, 3, v(fk), val, link.get(fk))
    if stamps:
        for j, s in enumerate(L["stamps"]):
            g.put(r, 4 + j, r, 4 + j, s, F(border=1, align="center", font_size=sz - 1.5, text_wrap=True))
            g.put(r + 1, 4 + j, r + 2, 4 + j, None, F(border=1))
    r += 4
    setrow(r, 26)
    g.put(r, 0, r, 0, L["council"], lab)
    g.put(r, 1, r, 4, v("council"), val, link.get("council"))
    g.put(r, 5, r, 5, L["fac"], lab)
    g.put(r, 6, r, 9, v("fac"), val, link.get("fac"))
    r += 1
    dtm = o.get("dt", "one")
    setrow(r, 30)
    g.put(r, 0, r, 0, L["dt"], lab)
    if dtm == "one":
        g.put(r, 1, r, 4, v("datetime") if rep is not None and "date" not in ph else PH["date"] + "　" + PH["time"],
              F(border=1, align="left", text_wrap=True, font_size=sz - 1), link.get("datetime"))
    elif dtm == "split":
        g.put(r, 1, r, 2, v("date") if (rep is not None and "date" not in ph) else PH["date"], val, link.get("date"))
        g.put(r, 3, r, 4, v("time") if (rep is not None and "time" not in ph) else PH["time"], val, link.get("time"))
    elif dtm == "cells":
        nf = o.get("datefmt", '[$-411]ggge"年"m"月"d"日"(aaa)')
        g.put(r, 1, r, 2, None if rep is None else rep["date"], F(border=1, align="left", num_format=nf), link.get("date"))
        g.put(r, 3, r, 3, None if rep is None else rep["start_time"], F(border=1, align="center", num_format="h:mm"))
        g.put(r, 4, r, 4, None if rep is None else rep["end_time"], F(border=1, align="center", num_format='"～"h:mm'))
    g.put(r, 5, r, 5, L["venue"], lab)
    g.put(r, 6, r, 9, v("venue"), val, link.get("venue"))
    r += 1
    setrow(r, 26)
    g.put(r, 0, r, 0, L["att"], lab)
    if o.get("count_one"):
        txt = None if rep is None else o["count_one"].format(p=rep["police_attendees"], c=rep["civilian_attendees"],
                                                              pf=fw(str(rep["police_attendees"])),
                                                              cf=fw(str(rep["civilian_attendees"])),
                                                              c2=rep["civilian_attendees"] - 2)
        g.put(r, 1, r, 6, txt if txt is not None else f"{L['pol']}　　{L['nin']}・{L['civ']}　　{L['nin']}", val,
              link.get("counts"))
    else:
        g.put(r, 1, r, 1, L["pol"], lab)
        g.put(r, 2, r, 2, v("police"), F(border=1, align="right", left=1), link.get("police"))
        unit = "" if o.get("count", "num") not in ("num", "fw", "text") else L["nin"]
        g.put(r, 3, r, 3, unit, F(border=1, align="left"))
        g.put(r, 4, r, 4, L["civ"], lab)
        g.put(r, 5, r, 5, v("civ"), F(border=1, align="right"), link.get("civ"))
        g.put(r, 6, r, 6, unit, F(border=1, align="left"))
    g.put(r, 7, r, 7, L["mtype"], lab)
    mt = v("mtype")
    if rep is None and o.get("mtype") in ("check", "check2", "paren"):
        mt = {"check": "□定期　□臨時", "check2": "☐定期会議　☐臨時会議", "paren": "（　）定期　（　）臨時"}[o["mtype"]]
    g.put(r, 8, r, 9, mt, valc, link.get("mtype"))
    if o.get("dropdown"):
        ws.data_validation(r, g.pc(8), r, g.pc(8), {"validate": "list", "source": o["dropdown"]})
    r += 1
    # agenda
    am = o.get("agenda", "printed")
    items = [] if rep is None else list(rep["agenda"])
    setrow(r)
    if am == "nocat":
        g.put(r, 0, r, 1, "No.", lab)
    else:
        g.put(r, 0, r, 1, L["cat"], lab)
    g.put(r, 2, r, 7, L["topic"], lab)
    g.put(r, 8, r, 9, L["rem"], lab)
    r += 1
    ordered = []
    if am == "printed":
        for c in CATS:
            its = [a for a in items if a["category"] == c]
            n = max(1, len(its))
            for k in range(n):
                setrow(r + k, 30)
                a = its[k] if k < len(its) else None
                g.put(r + k, 2, r + k, 7, a and a["topic"], val)
                g.put(r + k, 8, r + k, 9, a and a["remarks"], F(border=1, align="left", text_wrap=True, font_size=sz - 1))
            g.put(r, 0, r + n - 1, 1, tcat(c, o.get("catlabel", "sp")), labl)
            ordered += its
            r += n
    else:
        n = max(o.get("agenda_rows", 4), len(items))
        for k in range(n):
            setrow(r, 30)
            a = items[k] if k < len(items) else None
            if am == "nocat":
                g.put(r, 0, r, 1, str(k + 1), lab)
            else:
                g.put(r, 0, r, 1, a and tcat(a["category"], o.get("cat", "full")), F(border=1, align="left", text_wrap=True, font_size=sz - 1.5))
            g.put(r, 2, r, 7, a and a["topic"], val)
            g.put(r, 8, r, 9, a and a["remarks"], F(border=1, align="left", text_wrap=True, font_size=sz - 1))
            r += 1
        ordered = [dict(a, category=None) if am == "nocat" else a for a in items]
    for hid in o.get("hidden_agenda", []):
        ws.set_row(r, 30, None, {"hidden": True})
        g.put(r, 0, r, 1, hid[0], labl)
        g.put(r, 2, r, 7, hid[1], val)
        g.put(r, 8, r, 9, hid[2], val)
        r += 1
    if exp is not None:
        exp["agenda"] = ordered
    # discussion
    dr = o.get("disc_rows", 5)
    for k in range(dr):
        setrow(r + k, 22)
    g.put(r, 0, r + dr - 1, 0, L["disc"], lab)
    disc = None if rep is None else rep["discussion"]
    if o.get("disc_textbox") and disc:
        g.put(r, 1, r + dr - 1, 9, None, valtop)
        ws.insert_textbox(r, g.pc(1), disc, {"width": o.get("tb_w", 560), "height": 22 * dr * 4 // 3 - 8,
                                              "x_offset": 4, "y_offset": 4,
                                              "font": {"name": book.font, "size": sz},
                                              "line": {"none": True}, "fill": {"none": True}})
    else:
        g.put(r, 1, r + dr - 1, 9, disc, valtop, link.get("discussion"))
    r += dr
    # requests
    rm = o.get("req", "table")
    reqs = [] if rep is None else list(rep["requests"])
    setrow(r)
    if rm == "together":
        g.put(r, 0, r, 9, L["req"] + "・" + L["resp"], lab)
    else:
        g.put(r, 0, r, 4, L["req"], lab)
        g.put(r, 5, r, 9, L["resp"], lab)
    r += 1
    if rm == "table":
        n = max(o.get("req_rows", 3), len(reqs))
        for k in range(n):
            setrow(r, 30)
            q = reqs[k] if k < len(reqs) else None
            qt = q and q["request"]
            if k == 0 and not reqs and rep is not None and o.get("none_word"):
                qt = o["none_word"]
            g.put(r, 0, r, 4, qt, val)
            g.put(r, 5, r, 9, q and q["response"], val)
            r += 1
    elif rm == "onecell":
        rows = o.get("req_cell_rows", 4)
        for k in range(rows):
            setrow(r + k, 20)
        if rep is not None:
            qt = "\n".join(f"{CIRCLED[i]}{q['request']}" for i, q in enumerate(reqs)) or o.get("none_word")
            at = "\n".join(f"{CIRCLED[i]}{q['response']}" for i, q in enumerate(reqs) if q["response"])
        else:
            qt = at = None
        g.put(r, 0, r + rows - 1, 4, qt, valtop)
        g.put(r, 5, r + rows - 1, 9, at or None, valtop)
        r += rows
    elif rm == "together":
        rows = o.get("req_cell_rows", 4)
        for k in range(rows):
            setrow(r + k, 20)
        lines = []
        for q in reqs:
            lines.append(f"・{q['request']}")
            if q["response"]:
                lines.append(f"　→（回答）{q['response']}")
        qt = "\n".join(lines) if reqs else (o.get("none_word") if rep is not None else None)
        g.put(r, 0, r + rows - 1, 9, qt, valtop)
        r += rows
    # reference
    rr = o.get("ref_rows", 3 if not o.get("photo") else 7)
    for k in range(rr):
        setrow(r + k, 22)
    g.put(r, 0, r + rr - 1, 0, L["ref"], lab)
    g.put(r, 1, r + rr - 1, 9, typed(rep, "reference", o) if rep else None, valtop, link.get("reference"))
    if o.get("photo") and rep is not None:
        ws.insert_image(r + 1, g.pc(4), "photo.png", {"image_data": io.BytesIO(png_photo(seed=r0 + 7)),
                                                       "x_scale": 0.55, "y_scale": 0.55, "x_offset": 6,
                                                       "object_position": 1})
    r += rr
    setrow(r, 34)
    g.put(r, 0, r, 0, L["off"], lab)
    g.put(r, 1, r, 9, v("officers"), F(border=1, align="left", text_wrap=True, font_size=sz - 1), link.get("officers"))
    r += 1
    if o.get("beppu", True):
        setrow(r)
        g.put(r, 0, r, 0, L["beppu"], lab)
        g.put(r, 1, r, 9, o.get("beppu_text") if rep is not None else None, val)
        r += 1
    for note in o.get("notes", []):
        g.put(r, 0, r, 9, note, F(font_size=sz - 1.5, align="left"))
        r += 1
    if exp is not None:
        for f in ph:
            key = {"aff": "affiliation", "rep": "reporter", "council": "council_name", "fac": "facility_name",
                   "police": "police_attendees", "civ": "civilian_attendees", "mtype": "meeting_type"}.get(f, f)
            if f == "time":
                exp["start_time"] = exp["end_time"] = None
            elif key in exp:
                exp[key] = [] if key in ("officers", "agenda", "requests") else None
    return r, exp


def setup_classic(book, ws, hogan=False, landscape=False, widths=None):
    if hogan:
        ws.set_column(0, 35, 2.0)
    else:
        ws.set_column(0, 0, 13)
        ws.set_column(1, 9, widths or 8.4)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)


def stamp_row(book, g, r, l0, labels, sz, h=(16, 34)):
    """決裁欄: a row of headers and a row of empty boxes from logical column l0."""
    for j, s in enumerate(labels):
        g.put(r, l0 + j, r, l0 + j, s, book.fmt(border=1, align="center", font_size=sz - 1.5, text_wrap=True))
        g.put(r + 1, l0 + j, r + 1, l0 + j, None, book.fmt(border=1))
    g.ws.set_row(r, h[0])
    g.ws.set_row(r + 1, h[1])


def _ph_fix(exp, ph):
    for f in ph:
        key = {"aff": "affiliation", "rep": "reporter", "council": "council_name", "fac": "facility_name",
               "police": "police_attendees", "civ": "civilian_attendees", "mtype": "meeting_type"}.get(f, f)
        if f == "time":
            exp["start_time"] = exp["end_time"] = None
        elif key in exp:
            exp[key] = [] if key in ("officers", "agenda", "requests") else None


def form_above(book, ws, rep, o, r0=0):
    """Labels in the row above their values (6 logical columns)."""
    L = o.get("labels", LBL_STD)
    g = Grid(book, ws, o.get("cmap", [(i, i) for i in range(6)]))
    sz = o.get("size", book.size)
    F = lambda **k: book.fmt(**dict(dict(font_size=sz), **k))
    lab = F(border=1, align="left", font_size=sz - 1.5, bg_color=o.get("shade", "#E8E8E8"), text_wrap=True)
    val = F(border=1, align="left", text_wrap=True)
    valtop = F(border=1, align="left", valign="top", text_wrap=True)
    ph = o.get("ph", set())
    exp = None if rep is None else Rep(rep)
    r = r0

    def v(field):
        t = typed(rep, field, o)
        return "" if t is None else t

    g.put(r, 0, r, 2, L["to"], F(align="left"))
    r += 1
    ws.set_row(r, 30)
    g.put(r, 0, r, 5, L["title"], F(bold=True, font_size=sz + 3, align="center"))
    r += 1
    if o.get("stamps", True):
        stamp_row(book, g, r, 0, L["stamps"], sz)
        r += 3
    else:
        r += 1

    def pair(specs, hv=26):
        nonlocal r
        ws.set_row(r, 15)
        ws.set_row(r + 1, hv)
        for (a, b, label, value, kind) in specs:
            g.put(r, a, r, b, label, lab)
            if kind == "date":
                g.put(r + 1, a, r + 1, b, value, F(border=1, align="left", num_format=o.get("datefmt", "yyyy/m/d")))
            elif kind == "num":
                g.put(r + 1, a, r + 1, b, value, F(border=1, align="center", num_format=o.get("numfmt", "0")))
            else:
                g.put(r + 1, a, r + 1, b, value, val)
        r += 2

    pair([(0, 1, L["aff"], v("aff"), ""), (2, 3, L["rep"], v("rep"), ""), (4, 5, L["phone"], v("phone"), "")])
    pair([(0, 2, L["council"], v("council"), ""), (3, 5, L["fac"], v("fac"), "")])
    if o.get("dt", "split") == "one":
        pair([(0, 2, L["dt"], v("datetime"), ""), (3, 5, L["venue"], v("venue"), "")])
    elif o.get("dt") == "serial":
        pair([(0, 1, "開催日", None if rep is None else rep["date"], "date"), (2, 2, "開始", None if rep is None else rep["start_time"], "time"),
              (3, 3, "終了", None if rep is None else rep["end_time"], "time"), (4, 5, L["venue"], v("venue"), "")])
    else:
        pair([(0, 1, o.get("date_label", "開催日"), v("date"), ""), (2, 3, o.get("time_label", "開催時間"), v("time"), ""),
              (4, 5, L["venue"], v("venue"), "")])
    if o.get("dt") == "serial":
        for cc in (2, 3):
            ws.write_datetime(r - 1, g.pc(cc), rep["start_time"] if cc == 2 else rep["end_time"],
                              F(border=1, align="center", num_format="h:mm")) if rep else None
    cnt = o.get("count", "num")
    pair([(0, 1, f"{L['att']}（{L['pol']}）", None if rep is None else typed(rep, "police", o), "num" if cnt == "num" else ""),
          (2, 3, f"{L['att']}（{L['civ']}）", None if rep is None else typed(rep, "civ", o), "num" if cnt == "num" else ""),
          (4, 5, L["mtype"], v("mtype"), "")])
    # agenda
    r += 0
    ws.set_row(r, 16)
    g.put(r, 0, r, 5, L["topic"] + o.get("topic_suffix", ""), lab)
    r += 1
    g.put(r, 0, r, 1, L["cat"], F(border=1, align="center", font_size=sz - 1.5))
    g.put(r, 2, r, 4, L["topic"], F(border=1, align="center", font_size=sz - 1.5))
    g.put(r, 5, r, 5, L["rem"], F(border=1, align="center", font_size=sz - 1.5))
    r += 1
    items = [] if rep is None else list(rep["agenda"])
    n = max(o.get("agenda_rows", 4), len(items))
    for k in range(n):
        ws.set_row(r, 28)
        a = items[k] if k < len(items) else None
        if o.get("agenda_printed") and k < 4:
            lbl = tcat(CATS[k], "sp")
            a = next((x for x in items if x["category"] == CATS[k]), None)
        else:
            lbl = a and tcat(a["category"], o.get("cat", "full"))
        g.put(r, 0, r, 1, lbl, F(border=1, align="left", text_wrap=True, font_size=sz - 1.5))
        g.put(r, 2, r, 4, a and a["topic"], val)
        g.put(r, 5, r, 5, a and a["remarks"], F(border=1, align="left", text_wrap=True, font_size=sz - 1))
        r += 1
    if exp is not None and o.get("agenda_printed"):
        exp["agenda"] = [x for c in CATS for x in items if x["category"] == c]
    ws.set_row(r, 16)
    g.put(r, 0, r, 5, L["disc"], lab)
    r += 1
    dr = o.get("disc_rows", 4)
    for k in range(dr):
        ws.set_row(r + k, 22)
    g.put(r, 0, r + dr - 1, 5, None if rep is None else rep["discussion"], valtop)
    r += dr
    ws.set_row(r, 16)
    g.put(r, 0, r, 2, L["req"], lab)
    g.put(r, 3, r, 5, L["resp"], lab)
    r += 1
    reqs = [] if rep is None else rep["requests"]
    n = max(o.get("req_rows", 3), len(reqs))
    for k in range(n):
        ws.set_row(r, 28)
        q = reqs[k] if k < len(reqs) else None
        qt = q and q["request"]
        if k == 0 and not reqs and rep is not None and o.get("none_word"):
            qt = o["none_word"]
        g.put(r, 0, r, 2, qt, val)
        g.put(r, 3, r, 5, q and q["response"], val)
        r += 1
    ws.set_row(r, 16)
    g.put(r, 0, r, 5, L["ref"], lab)
    r += 1
    ws.set_row(r, 40)
    g.put(r, 0, r, 5, None if rep is None else rep["reference"], valtop)
    r += 1
    ws.set_row(r, 16)
    g.put(r, 0, r, 5, L["off"], lab)
    r += 1
    ws.set_row(r, 30)
    g.put(r, 0, r, 5, v("officers"), val)
    r += 1
    for note in o.get("notes", []):
        g.put(r, 0, r, 5, note, F(font_size=sz - 1.5))
        r += 1
    if exp is not None:
        _ph_fix(exp, ph)
    return r, exp


def form_vertical(book, ws, rep, o, r0=0):
    """A vertical item table: 項目 | 内容 (agenda and requests as sub-rows)."""
    L = o.get("labels", LBL_STD)
    sz = o.get("size", book.size)
    F = lambda **k: book.fmt(**dict(dict(font_size=sz), **k))
    g = Grid(book, ws, [(0, 0), (1, 1), (2, 2), (3, 3)])
    lab = F(border=1, align="center", bg_color=o.get("shade", "#DDEBF7"), text_wrap=True)
    sub = F(border=1, align="center", font_size=sz - 1, text_wrap=True)
    val = F(border=1, align="left", text_wrap=True)
    valtop = F(border=1, align="left", valign="top", text_wrap=True)
    exp = None if rep is None else Rep(rep)
    ph = o.get("ph", set())
    r = r0
    ws.set_column(0, 0, 15)
    ws.set_column(1, 1, 13)
    ws.set_column(2, 2, 44)
    ws.set_column(3, 3, 18)

    def v(field):
        t = typed(rep, field, o)
        return "" if t is None else t

    g.put(r, 0, r, 1, L["to"], F(align="left"))
    if o.get("repdate"):
        g.put(r, 2, r, 3, o["repdate"], F(align="right"))
    r += 1
    ws.set_row(r, 30)
    g.put(r, 0, r, 3, L["title"], F(bold=True, font_size=sz + 3, align="center"))
    r += 2
    if o.get("stamps", True):
        ws.set_row(r, 16)
        ws.set_row(r + 1, 36)
        g.put(r, 0, r + 1, 0, "決裁", lab)
        g.put(r, 1, r, 3, "　　".join(L["stamps"][:4]), F(border=1, align="center", font_size=sz - 1.5))
        g.put(r + 1, 1, r + 1, 3, None, F(border=1))
        r += 3
    ws.set_row(r, 18)
    g.put(r, 0, r, 1, "項　　目", lab)
    g.put(r, 2, r, 3, "内　　容", lab)
    r += 1
    rows = [("aff", L["aff"]), ("rep", L["rep"]), ("phone", L["phone"]), ("council", L["council"]),
            ("fac", L["fac"])]
    if o.get("dt", "one") == "one":
        rows += [("datetime", L["dt"])]
    else:
        rows += [("date", o.get("date_label", "開催年月日")), ("time", o.get("time_label", "開催時間"))]
    rows += [("venue", L["venue"])]
    for f, label in rows:
        ws.set_row(r, 26)
        g.put(r, 0, r, 1, label, lab)
        g.put(r, 2, r, 3, v(f), val)
        r += 1
    ws.set_row(r, 24)
    ws.set_row(r + 1, 24)
    g.put(r, 0, r + 1, 0, L["att"], lab)
    g.put(r, 1, r, 1, L["pol"], sub)
    g.put(r, 2, r, 3, v("police"), val)
    g.put(r + 1, 1, r + 1, 1, L["civ"], sub)
    g.put(r + 1, 2, r + 1, 3, v("civ"), val)
    r += 2
    ws.set_row(r, 24)
    g.put(r, 0, r, 1, L["mtype"], lab)
    g.put(r, 2, r, 3, v("mtype"), val)
    r += 1
    items = [] if rep is None else rep["agenda"]
    n = max(o.get("agenda_rows", 4), len(items))
    g.put(r, 0, r + n, 0, L["topic"], lab)
    g.put(r, 1, r, 1, L["cat"], sub)
    g.put(r, 2, r, 2, o.get("topic_head", "内容"), sub)
    g.put(r, 3, r, 3, L["rem"], sub)
    r += 1
    for k in range(n):
        ws.set_row(r, 30)
        a = items[k] if k < len(items) else None
        g.put(r, 1, r, 1, a and tcat(a["category"], o.get("cat", "full")), F(border=1, align="left", text_wrap=True, font_size=sz - 1.5))
        g.put(r, 2, r, 2, a and a["topic"], val)
        g.put(r, 3, r, 3, a and a["remarks"], F(border=1, align="left", text_wrap=True, font_size=sz - 1))
        r += 1
    dr = o.get("disc_rows", 4)
    for k in range(dr):
        ws.set_row(r + k, 24)
    g.put(r, 0, r + dr - 1, 1, L["disc"], lab)
    g.put(r, 2, r + dr - 1, 3, None if rep is None else rep["discussion"], valtop)
    r += dr
    reqs = [] if rep is None else rep["requests"]
    n = max(o.get("req_rows", 2), len(reqs))
    if o.get("req_pairs", True):
        g.put(r, 0, r + 2 * n - 1, 0, L["req"] + "\n" + L["resp"], lab)
        for k in range(n):
            q = reqs[k] if k < len(reqs) else None
            qt = q and q["request"]
            if k == 0 and not reqs and rep is not None and o.get("none_word"):
                qt = o["none_word"]
            ws.set_row(r, 26)
            ws.set_row(r + 1, 26)
            g.put(r, 1, r, 1, f"要望{CIRCLED[k]}", sub)
            g.put(r, 2, r, 3, qt, val)
            g.put(r + 1, 1, r + 1, 1, "回答", sub)
            g.put(r + 1, 2, r + 1, 3, q and q["response"], val)
            r += 2
    else:
        g.put(r, 0, r + n, 0, L["req"], lab)
        g.put(r, 1, r, 2, L["req"], sub)
        g.put(r, 3, r, 3, L["resp"], sub)
        r += 1
        for k in range(n):
            q = reqs[k] if k < len(reqs) else None
            ws.set_row(r, 30)
            qt = q and q["request"]
            if k == 0 and not reqs and rep is not None and o.get("none_word"):
                qt = o["none_word"]
            g.put(r, 1, r, 2, qt, val)
            g.put(r, 3, r, 3, q and q["response"], F(border=1, align="left", text_wrap=True, font_size=sz - 1))
            r += 1
    ws.set_row(r, 40)
    g.put(r, 0, r, 1, L["ref"], lab)
    g.put(r, 2, r, 3, None if rep is None else rep["reference"], valtop)
    r += 1
    ws.set_row(r, 30)
    g.put(r, 0, r, 1, L["off"], lab)
    g.put(r, 2, r, 3, v("officers"), val)
    r += 1
    for note in o.get("notes", []):
        g.put(r, 0, r, 3, note, F(font_size=sz - 1.5))
        r += 1
    if exp is not None:
        _ph_fix(exp, ph)
    ws.fit_to_pages(1, 0)
    return r, exp


def form_kigaki(book, ws, rep, o, r0=0):
    """A 記書き document: addressed, 記, numbered items, 以上."""
    sz = o.get("size", book.size)
    F = lambda **k: book.fmt(**dict(dict(font_size=sz), **k))
    ws.set_column(0, 0, 2.5)
    ws.set_column(1, 1, 17)
    ws.set_column(2, 6, 12)
    ws.set_column(7, 7, 16)
    g = Grid(book, ws, [(i, i) for i in range(8)])
    exp = Rep(rep)
    r = r0
    left = F(align="left", text_wrap=True)
    top = F(align="left", valign="top", text_wrap=True)
    if o.get("stamps", True):
        for j, s in enumerate(["署長", "副署長", "地域課長", "係"]):
            g.put(r, 4 + j, r, 4 + j, s, F(border=1, align="center", font_size=sz - 1.5))
            g.put(r + 1, 4 + j, r + 1, 4 + j, None, F(border=1))
        ws.set_row(r + 1, 34)
        r += 3
    g.put(r, 5, r, 7, o.get("repdate", ""), F(align="right"))
    r += 2
    g.put(r, 1, r, 4, o.get("to", "生活安全部地域課長　殿"), left)
    r += 2
    for lab_, f in [("所属", "aff"), ("報告者", "rep"), ("警電", "phone")]:
        g.put(r, 5, r, 5, lab_, F(align="distributed"))
        g.put(r, 6, r, 7, typed(rep, f, o), left)
        r += 1
    r += 1
    ws.set_row(r, 26)
    g.put(r, 0, r, 7, o.get("title", "交番・駐在所連絡協議会の開催結果について（報告）"), F(bold=True, font_size=sz + 2, align="center"))
    r += 2
    g.put(r, 1, r, 7, o.get("lead", "標記について、下記のとおり開催したので報告します。"), left)
    r += 2
    g.put(r, 0, r, 7, "記", F(align="center"))
    r += 2
    num = iter(range(1, 20))

    def item(label, value, h=20):
        nonlocal r
        ws.set_row(r, h)
        g.put(r, 0, r, 1, f"{next(num)}　{label}", left)
        g.put(r, 2, r, 7, value, left)
        r += 1

    item("協議会名", rep["council_name"])
    item("施設名", rep["facility_name"])
    item("開催日時", typed(rep, "datetime", o))
    item("開催場所", rep["venue"])
    item("出席者数", o.get("count_text", "警察官　{p}名　　民間　{c}名").format(p=rep["police_attendees"], c=rep["civilian_attendees"]))
    item("会議種別", typed(rep, "mtype", o))
    g.put(r, 0, r, 1, f"{next(num)}　協議事項", left)
    g.put(r, 7, r, 7, "（備考）", F(align="left", font_size=sz - 1))
    r += 1
    by = o.get("agenda_by_cat", True)
    if by:
        order = []
        for i, c in enumerate(CATS):
            its = [a for a in rep["agenda"] if a["category"] == c]
            if not its:
                continue
            g.put(r, 1, r, 6, f"({i + 1})　{c}", left)
            r += 1
            for a in its:
                g.put(r, 2, r, 6, "・" + a["topic"], left)
                g.put(r, 7, r, 7, a["remarks"], F(align="left", font_size=sz - 1, text_wrap=True))
                r += 1
            order += its
        exp["agenda"] = order
    r += 0
    g.put(r, 0, r, 1, f"{next(num)}　協議内容等", left)
    r += 1
    for line in rep["discussion"].split("\n"):
        ws.set_row(r, 30)
        g.put(r, 1, r, 7, "　" + line, top)
        r += 1
    g.put(r, 0, r, 3, f"{next(num)}　要望事項及び措置・回答", left)
    r += 1
    if not rep["requests"]:
        g.put(r, 1, r, 7, o.get("none_word", "特になし"), left)
        r += 1
    for i, q in enumerate(rep["requests"]):
        g.put(r, 1, r, 1, f"({i + 1}) 要望", left)
        g.put(r, 2, r, 7, q["request"], left)
        r += 1
        g.put(r, 1, r, 1, "　　措置・回答", left)
        g.put(r, 2, r, 7, q["response"] or o.get("pending_word"), left)
        r += 1
    item("参考事項", rep["reference"])
    item("出席警察官名", typed(rep, "officers", o), 30)
    r += 1
    g.put(r, 6, r, 7, "以上", F(align="right"))
    r += 1
    ws.fit_to_pages(1, 0)
    return r, exp


# --------------------------------------------------------------------------- sheets that are not reports

def sheet_instructions(book, name, lines, title="記入要領"):
    ws = book.sheet(name)
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, 90)
    ws.write(0, 0, title, book.fmt(bold=True, font_size=14))
    for i, line in enumerate(lines):
        ws.write(2 + i, 1, line, book.fmt(text_wrap=True, align="left"))
        ws.set_row(2 + i, 30 if len(line) > 45 else 18)
    book.add_not_report(name)
    return ws


def sheet_list(book, name, cols, hidden=False):
    ws = book.sheet(name)
    for c, (head, vals) in enumerate(cols):
        ws.set_column(c, c, 18)
        ws.write(0, c, head, book.fmt(bold=True, border=1))
        for i, v in enumerate(vals):
            ws.write(1 + i, c, v, book.fmt(border=1))
    if hidden:
        ws.hide()
    book.add_not_report(name)
    return ws


def sheet_roster(book, name, council, seed, n=10):
    rng = random.Random(seed)
    ws = book.sheet(name)
    heads = ["No.", "氏名", "性別", "年代", "職業等", "区分", "委嘱日", "任期満了日"]
    ws.write(0, 0, f"{council}　委員名簿", book.fmt(bold=True, font_size=13))
    for c, h in enumerate(heads):
        ws.write(2, c, h, book.fmt(border=1, bg_color="#DDDDDD", align="center"))
    ws.set_column(0, 0, 5)
    ws.set_column(1, 7, 13)
    jobs = [("自治会長", "a"), ("町内会副会長", "a"), ("防犯協会支部長", "b"), ("交通安全協会", "b"), ("小学校PTA会長", "その他"),
            ("民生委員", "c"), ("商店会長", "その他"), ("見守りボランティア", "b"), ("市役所地域振興課", "c"), ("老人クラブ会長", "a"),
            ("中学校教頭", "c"), ("会社員", "その他")]
    for i in range(n):
        j = jobs[i % len(jobs)]
        sex = "女" if rng.random() < 0.3 else "男"
        given = rng.choice(GIVF if sex == "女" else GIVM)
        y = rng.choice([2024, 2025])
        row = [i + 1, f"{rng.choice(SURN)}　{given}", sex, f"{rng.choice([40, 50, 60, 70])}代", j[0], j[1],
               f"R{y - 2018}.4.1", f"R{y - 2016}.3.31"]
        for c, v in enumerate(row):
            ws.write(3 + i, c, v, book.fmt(border=1))
    book.add_not_report(name)
    return ws


# --------------------------------------------------------------------------- build

def convert(src, fmt, outdir):
    """Convert an .xlsx with LibreOffice; returns the path or None."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    filt = {"xls": "xls:MS Excel 97", "ods": "ods", "xlsm": "xlsm:Calc MS Excel 2007 VBA XML"}[fmt]
    prof = tempfile.mkdtemp(prefix="blind2_lo_")
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", filt,
                        "--outdir", outdir, src], check=True, capture_output=True, timeout=240)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
    if not os.path.exists(out):
        return None
    if fmt in ("ods", "xlsm"):
        fix_zip(out)
    return out


def fix_zip(path):
    """Fixed timestamps in a zip package, so that a converted file is the same on every run."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for i, data in items:
            zi = zipfile.ZipInfo(i.filename, date_time=(2026, 11, 30, 9, 0, 0))
            zi.compress_type = i.compress_type
            zi.external_attr = i.external_attr
            z.writestr(zi, data)


def build_all(outdir, only=None):
    os.makedirs(outdir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="blind2_")
    n_rep = n_nr = n_wb = 0
    try:
        for name, fmt, fn in WORKBOOKS:
            if only and name not in only:
                continue
            src = os.path.join(tmp if fmt != "xlsx" else outdir, name + ".xlsx")
            book = Book(src)
            fn(book)
            exp = book.close()
            if fmt != "xlsx":
                out = convert(src, fmt, outdir)
                if not out:
                    print(f"skipped (no soffice): {name}.{fmt}", file=sys.stderr)
                    continue
            with open(os.path.join(outdir, name + ".expected.json"), "w", encoding="utf-8") as f:
                json.dump(exp, f, ensure_ascii=False, indent=1)
                f.write("\n")
            n_wb += 1
            n_rep += len(exp["reports"])
            n_nr += len(exp["not_reports"])
            print(f"{name}.{fmt}: {len(exp['reports'])} reports, {len(exp['not_reports'])} not reports")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{n_wb} workbooks, {n_rep} reports, {n_nr} sheets that are not reports -> {outdir}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?", help="output folder (dev part: default this folder)")
    ap.add_argument("--part", choices=["dev", "heldback"], default="dev")
    ap.add_argument("--defs", help="module defining the held-back part's workbooks")
    ap.add_argument("--only", nargs="*", help="build only these workbook names")
    a = ap.parse_args(argv)
    sys.modules.setdefault("make_blind2", sys.modules[__name__])
    if a.part == "heldback":
        if not a.defs or not a.outdir:
            ap.error("--part heldback needs --defs DEFS.py and OUTDIR")
        del WORKBOOKS[:]
        spec = importlib.util.spec_from_file_location("heldback_defs", a.defs)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    build_all(a.outdir or HERE, a.only)
    return 0


# --------------------------------------------------------------------------- shared helpers of the definitions
D = dt.date


def example_rep(seed, facility="〇〇交番"):
    """The values of a 記入例 (example) sheet: never a report."""
    rep = make_report(seed, "〇〇警察署", facility, D(2026, 4, 1), tm("14:00"), tm("15:30"),
                      officers=["巡査部長 警察太郎", "巡査 交番次郎"], venue="〇〇公民館", phone="1234")
    return rep


def red_mark(book, ws, r, c, text="記入例"):
    ws.write(r, c, text, book.fmt(bold=True, font_size=16, font_color="#FF0000", border=2, border_color="#FF0000",
                                  align="center"))


def input_sheet(book, name, rep, o, hidden=False, title="入力用シート（このシートは印刷しません）"):
    """A data entry sheet: 項目 | 入力欄. Returns the link formulas for form_classic."""
    ws = book.sheet(name)
    ws.set_column(0, 0, 3)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 3, 36)
    ws.write(0, 1, title, book.fmt(bold=True, font_color="#C00000"))
    rows = [("aff", "所属"), ("rep", "報告者（階級・氏名）"), ("phone", "警電"), ("council", "協議会名"),
            ("fac", "施設名"), ("datetime", "開催日時"), ("venue", "開催場所"), ("police", "出席者数（警察官）"),
            ("civ", "出席者数（民間）"), ("mtype", "会議種別"), ("discussion", "協議内容等"), ("reference", "参考事項"),
            ("officers", "出席警察官名")]
    hints = {"datetime": "例：令和8年4月1日（水）午後2時～午後3時30分", "mtype": "リストから選択", "officers": "「、」で区切って入力"}
    link = {}
    ws.write(2, 1, "項目", book.fmt(border=1, bg_color="#FFF2CC"))
    ws.write(2, 2, "入力欄", book.fmt(border=1, bg_color="#FFF2CC"))
    ws.write(2, 3, "入力方法", book.fmt(border=1, bg_color="#FFF2CC"))
    for i, (f, label) in enumerate(rows):
        r = 3 + i
        ws.write(r, 1, label, book.fmt(border=1))
        v = typed(rep, f, o)
        fm = book.fmt(border=1, text_wrap=True, align="left")
        if v is None:
            ws.write_blank(r, 2, None, fm)
        elif isinstance(v, int):
            ws.write_number(r, 2, v, fm)
        else:
            ws.write_string(r, 2, v, fm)
        ws.write(r, 3, hints.get(f, ""), book.fmt(border=1, font_size=9, font_color="#666666"))
        if f in ("discussion",):
            ws.set_row(r, 60)
        link[f] = f"=IF({name}!C{r + 1}=\"\",\"\",{name}!C{r + 1})"
    if hidden:
        ws.hide()
    book.add_not_report(name)
    return link


# --------------------------------------------------------------------------- development part

# ---- 03
@workbook("北白鷺駐在所_協議会", "xls")
def wb03(b):
    rep = make_report("wb03", "白鷺警察署", "北白鷺駐在所", D(2026, 7, 30), tm("10:00"), tm("11:30"), n_agenda=2,
                      cats=[KATSUDO, SAIJI], req_items=[], civ=7)
    ws = b.sheet("Sheet1")
    ws.set_column(0, 5, 14.5)
    o = dict(dt="split", date="slash_w", time="colon", count="num", mtype="short", none_word="特になし",
             agenda_rows=3, req_rows=2)
    r, exp = form_above(b, ws, rep, o)
    ws.fit_to_pages(1, 0)
    b.add_report("Sheet1", exp)


# ---- 05
@workbook("千草署 中町交番 協議会（令和8年度）")
def wb05(b):
    b.font = "ＭＳ Ｐゴシック"
    r1 = make_report("wb05a", "千草警察署", "中町交番", D(2026, 5, 21), tm("19:00"), tm("20:30"), n_agenda=4, phone="3312")
    r2 = make_report("wb05b", "千草警察署", "中町交番", D(2026, 8, 20), tm("19:00"), tm("20:00"), mtype="extraordinary",
                     n_agenda=2, n_req=1, phone="3312", officers=r1["officers"][:2])
    o = dict(date="R", time="hhmm", dt="split", count="nin_fw", mtype="short", agenda="free", cat="full",
             agenda_rows=4, req_rows=3)
    for name, rep in [("R8.5.21", r1), ("R8.8.20臨時", r2), ("R8.11", None)]:
        ws = b.sheet(name)
        setup_classic(b, ws)
        r, exp = form_classic(b, ws, rep, o)
        ws.print_area(0, 0, r - 1, 9)
        if rep:
            b.add_report(name, exp)
        else:
            b.add_not_report(name)
    ws = b.sheet("記入例")
    setup_classic(b, ws)
    form_classic(b, ws, example_rep("ex05"), dict(o, repdate="記入例"))
    red_mark(b, ws, 0, 4, "記入例")
    b.add_not_report("記入例")


# ---- 06
@workbook("千草署_北原駐在所_連絡協議会報告", "ods")
def wb06(b):
    rep = make_report("wb06", "千草警察署", "北原駐在所", D(2026, 10, 8), tm("13:30"), tm("15:00"), n_agenda=3,
                      cats=[KATSUDO, JIKEN, SONOTA], police=1)
    ws = b.sheet("報告書")
    o = dict(dt="split", date="wareki", time="jikan", count="mei", mtype="word", cat="full", agenda_rows=4,
             req_rows=2, date_label="開催年月日", time_label="開催時間")
    r, exp = form_vertical(b, ws, rep, o)
    b.add_report("報告書", exp)


# ---- 10
@workbook("桐ヶ丘駐在所 連絡協議会", "xlsm")
def wb10(b):
    rep = make_report("wb10", "高森警察署", "桐ヶ丘駐在所", D(2026, 6, 24), tm("13:00"), tm("14:30"), n_agenda=3,
                      police=1, cats=[KATSUDO, JIKEN, SAIJI])
    o = dict(date="wareki", time="gogo", count="num", mtype="word")
    link = input_sheet(b, "入力", rep, o)
    ws = b.sheet("印刷")
    setup_classic(b, ws)
    r, exp = form_classic(b, ws, rep, dict(o, link=link, agenda="printed"))
    ws.print_area(0, 0, r - 1, 9)
    ws.activate()
    b.add_report("印刷", exp)
    sheet_list(b, "list", [("種別", ["定期会議", "臨時会議"])], hidden=True)


# ---- 11
@workbook("西高森交番_協議会報告書_20261104")
def wb11(b):
    rep = make_report("wb11", "高森警察署", "西高森交番", D(2026, 10, 30), tm("18:00"), tm("19:30"), n_agenda=4)
    ws = b.sheet("報告")
    r, exp = form_kigaki(b, ws, rep, dict(date="wareki", time="gogo_short", mtype="word", repdate="令和8年11月4日"))
    b.add_report("報告", exp)
    s = b.sheet("送付票")
    s.set_column(0, 3, 20)
    s.write(0, 0, "文書送付票", b.fmt(bold=True, font_size=16))
    s.write(2, 0, "宛先", b.fmt(border=1))
    s.write(2, 1, "生活安全部地域課　地域指導係", b.fmt(border=1))
    s.write(3, 0, "発信", b.fmt(border=1))
    s.write(3, 1, "高森警察署地域課", b.fmt(border=1))
    s.write(4, 0, "件名", b.fmt(border=1))
    s.write(4, 1, "交番・駐在所連絡協議会の開催結果について", b.fmt(border=1))
    s.write(5, 0, "枚数", b.fmt(border=1))
    s.write(5, 1, "本票を含め２枚", b.fmt(border=1))
    b.add_not_report("送付票")


# ---- 12
@workbook("朝日川駐在所_協議会（R8.7.9）", "xls")
def wb12(b):
    b.font = "ＭＳ 明朝"
    rep = make_report("wb12", "朝日川警察署", "朝日川駐在所", D(2026, 7, 9), tm("10:00"), tm("11:00"), n_agenda=3,
                      cats=[KATSUDO, SAIJI, SONOTA], police=1, civ=8)
    ws = b.sheet("報告書")
    setup_classic(b, ws, hogan=True)
    o = dict(hogan=True, date="wareki", time="colon", count="kanji", mtype="short", agenda="printed")
    r, exp = form_classic(b, ws, rep, o)
    ws.print_area(0, 0, r - 1, 35)
    b.add_report("報告書", exp)


# ---- 13
@workbook("柳瀬駐在所　連絡協議会結果報告")
def wb13(b):
    rep = make_report("wb13", "朝日川警察署", "柳瀬駐在所", D(2026, 8, 6), tm("19:30"), tm("21:00"), n_agenda=3,
                      police=1, cats=[KATSUDO, SAIJI, SONOTA])
    old = make_report("wb13old", "朝日川警察署", "柳瀬駐在所", D(2026, 3, 11), tm("19:30"), tm("20:30"), police=1)
    o = dict(date="R_w", time="colon", count="mei", mtype="teirei", agenda="printed", ph={"phone"},
             phtext=dict(PH, phone="〇〇〇〇"),
             repdate="令和　　年　　月　　日",
             notes=["※ 警電は報告者の内線番号を記入", "※ 要望事項の措置・回答は、未定の場合は空欄"])
    ws = b.sheet("報告書")
    setup_classic(b, ws)
    r, exp = form_classic(b, ws, rep, o)
    b.add_report("報告書", exp)
    ws2 = b.sheet("前回（R8.3）")
    setup_classic(b, ws2)
    form_classic(b, ws2, old, dict(o, ph=set()))
    ws2.hide()
    b.add_not_report("前回（R8.3）")


# ---- 14
@workbook("朝日町交番_連絡協議会_2回分")
def wb14(b):
    r1 = make_report("wb14a", "朝日川警察署", "朝日町交番", D(2026, 9, 3), tm("14:00"), tm("15:00"), n_agenda=3,
                     cats=[KATSUDO, JIKEN, SAIJI], phone="4410")
    r2 = make_report("wb14b", "朝日川警察署", "朝日町交番", D(2026, 9, 24), tm("19:00"), tm("20:00"),
                     mtype="extraordinary", n_agenda=1, cats=[JIKEN], phone="4410", officers=r1["officers"],
                     req_items=[("空き巣被害防止の回覧文書の作成", "交番で作成し、9月28日に回覧した")])
    ws = b.sheet("協議会")
    setup_classic(b, ws)
    o = dict(date="wareki", time="colon_fw", count="nin", mtype="word", agenda="free", cat="abbr", agenda_rows=3,
             req_rows=2, beppu=False, notes=["※ 区分は「活動状況」「事件・事故」「催事・行事」「その他」で記入"])
    r, e1 = form_classic(b, ws, r1, o)
    b.add_report("協議会", e1)
    ws.set_h_pagebreaks([r + 1])
    r, e2 = form_classic(b, ws, r2, o, r0=r + 1)
    b.add_report("協議会", e2)


# ---- 17
@workbook("岬駐在所_連絡協議会開催報告", "ods")
def wb17(b):
    rep = make_report("wb17", "湊警察署", "岬駐在所", D(2026, 11, 11), tm("10:00"), tm("11:30"), n_agenda=2,
                      cats=[KATSUDO, JIKEN], police=2, officers=["巡査部長 浜口正樹", "巡査長 岬田航"], phone="0412",
                      req_items=[("漁港周辺の夜間の見回り", "駐在所の夜間警らの経路に加えた")])
    ws = b.sheet("報告書")
    setup_classic(b, ws)
    o = dict(date="slash", time="tilde", count="num", mtype="short", agenda="printed", beppu=False)
    r, exp = form_classic(b, ws, rep, o)
    b.add_report("報告書", exp)


# ---- 18
@workbook("栄署 栄町交番 連絡協議会結果報告")
def wb18(b):
    rep = make_report("wb18", "栄警察署", "栄町交番", D(2026, 7, 22), tm("15:00"), tm("16:00"), n_agenda=3,
                      cats=[KATSUDO, JIKEN, SAIJI], n_req=3)
    ws = b.sheet("報告書")
    setup_classic(b, ws)
    ws.set_column(10, 10, 24, None, {"hidden": True})
    o = dict(date="kanji", time="kara", count="sp_nin", mtype="word", agenda="printed", req="onecell",
             req_cell_rows=5, osep="\n")
    r, exp = form_classic(b, ws, rep, o)
    ws.write(6, 10, "前回R8.4.20　民間9名", b.fmt())
    ws.write(8, 10, "会場予約済（公民館）", b.fmt())
    b.add_report("報告書", exp)
    b.sheet("Sheet2")
    b.add_not_report("Sheet2")


# ---- 19
@workbook("錦通繁華街対策連絡協議会_R8.8")
def wb19(b):
    rep = make_report("wb19", "栄警察署", "錦通交番", D(2026, 8, 26), tm("15:00"), tm("16:30"),
                      council="錦通繁華街対策連絡協議会", area="錦通", n_agenda=3, cats=[KATSUDO, JIKEN, SONOTA],
                      civ=10, req_items=[("客引き行為の取締りの強化", "生活安全課と合同で9月に指導警告を実施予定"),
                                         ("雑居ビルの非常階段の施錠", "ビル管理者へ個別に依頼した")])
    ws = b.sheet("報告書")
    setup_classic(b, ws, hogan=True)
    o = dict(hogan=True, labels=LBL_ALT, date="sp_wareki", time="jikan", count="kanji", mtype="word",
             agenda="free", cat="full", agenda_rows=4, req_rows=3)
    r, exp = form_classic(b, ws, rep, o)
    ws.print_area(0, 0, r - 1, 35)
    b.add_report("報告書", exp)


# ---- 21
@workbook("鶴見台交番_連絡協議会報告書", "xlsm")
def wb21(b):
    rep = make_report("wb21", "鶴見台警察署", "鶴見台交番", D(2026, 8, 5), tm("19:00"), tm("20:30"), n_agenda=4,
                      cats=[KATSUDO, SAIJI, SAIJI, SONOTA])
    ws = b.sheet("報告書")
    setup_classic(b, ws)
    o = dict(date="wareki", time="gogo", count="num", mtype="short", dropdown="=種別", agenda="free", cat="full",
             agenda_rows=5)
    r, exp = form_classic(b, ws, rep, o)
    b.add_report("報告書", exp)
    sheet_list(b, "設定", [("種別", ["定期", "臨時"]), ("区分", CATS)], hidden=True)
    b.wb.define_name("種別", "=設定!$A$2:$A$3")


# ---- 23
@workbook("杉谷駐在所 協議会結果")
def wb23(b):
    rep = make_report("wb23", "宮ノ原警察署", "杉谷駐在所", D(2026, 10, 21), tm("10:00"), tm("11:30"), n_agenda=3,
                      cats=[KATSUDO, JIKEN, SAIJI], police=1)
    ws = b.sheet("協議会結果")
    ws.set_column(0, 5, 14.5)
    o = dict(dt="serial", count="num", numfmt='0"名"', mtype="word", agenda_rows=3, stamps=False, datefmt="yyyy/m/d")
    r, exp = form_above(b, ws, rep, o)
    ws.fit_to_pages(1, 0)
    b.add_report("協議会結果", exp)


# ---- 24
@workbook("黒岩交番_協議会報告_R8.4")
def wb24(b):
    rep = make_report("wb24", "黒岩警察署", "黒岩交番", D(2026, 4, 23), tm("13:30"), tm("15:00"), n_agenda=4,
                      civ=11, reference="黒岩小学校の校長が出席し、新入生の通学路について説明があった。")
    ws = b.sheet("R8.4.23")
    setup_classic(b, ws)
    o = dict(date="R", time="colon", count="mei", mtype="short", agenda="printed", catlabel="full",
             dropdown=["定期", "臨時"], disc_textbox=True, disc_rows=5,
             hidden_agenda=[("その他", "前年度の事業報告（R7年度分）", "R7.4.24"), (None, None, None)])
    r, exp = form_classic(b, ws, rep, o)
    ws.write_comment(9, 8, "リストから選択してください", {"author": "地域課"})
    ws.set_column(11, 11, 28)
    ws.write(3, 11, "4/24 地域課へメール送付済（原本は交番保管）", b.fmt(font_color="#0070C0"))
    ws.print_area(0, 0, r - 1, 9)
    b.add_report("R8.4.23", exp)
    sheet_roster(b, "委員名簿", "黒岩交番連絡協議会", "ros24", n=11)


# ---- 25
@workbook("石切駐在所・峠下駐在所_合同協議会")
def wb25(b):
    rep = make_report("wb25", "黒岩警察署", "石切駐在所・峠下駐在所", D(2026, 7, 1), tm("19:00"), tm("20:30"),
                      council="石切・峠下地区連絡協議会", area="石切", n_agenda=3, cats=[KATSUDO, JIKEN, SAIJI],
                      officers=["巡査部長 石川隆", "巡査部長 峠田健一"], venue="石切地区公民館")
    ws = b.sheet("合同協議会")
    o = dict(dt="one", date="wareki", time="gogo", count="nin", mtype="paren", cat="abbr", agenda_rows=3,
             req_rows=2, notes=["※ 区分欄：活動状況＝交番等の活動状況、事件・事故＝地域住民等に身近な事件・事故等の発生状況、催事・行事＝地域の祭礼等の催事・行事"])
    r, exp = form_vertical(b, ws, rep, o)
    b.add_report("合同協議会", exp)


# ---- 26
@workbook("美浜署_協議会開催状況一覧（上半期）")
def wb26(b):
    b.size = 9
    specs = [("wb26a", "美浜中央交番", D(2026, 4, 22), "14:00", "15:00", [KATSUDO, JIKEN]),
             ("wb26b", "汐見交番", D(2026, 6, 3), "19:00", "20:30", [KATSUDO, SAIJI, SONOTA]),
             ("wb26c", "美浜中央交番", D(2026, 8, 19), "14:00", "15:30", [JIKEN, SAIJI])]
    reps = [make_report(s, "美浜警察署", f, d, tm(a), tm(e), cats=c, no_remarks=True, phone="7008")
            for s, f, d, a, e, c in specs]
    reps[2]["requests"][1]["response"] = None
    for rp in reps:
        rp["reporter"] = "巡査部長 汐田直樹"
    ws = b.sheet("一覧")
    ws.set_landscape()
    ws.set_paper(8)
    ws.fit_to_pages(1, 0)
    F = b.fmt
    ws.merge_range(0, 0, 0, 14, "交番・駐在所連絡協議会開催状況一覧（令和８年度上半期）", F(bold=True, font_size=13, align="center"))
    ws.write(1, 0, "美浜警察署　地域課　記載者 巡査部長 汐田直樹（警電7008）", F(align="left"))
    top = ["施設名", "協議会名", "開催日", "時間", "場所", "出席者", None, "種別", "協議事項", None, None, None,
           "協議内容", "要望事項（回答）", "出席警察官"]
    sub = [None, None, None, None, None, "警察官", "民間", None, "交番等の活動状況", "事件・事故等の発生状況",
           "祭礼等の催事・行事", "その他", None, None, None]
    widths = [9, 12, 6.5, 9.5, 10, 4.5, 4.5, 4.5, 12, 12, 12, 11, 24, 24, 13]
    hf = F(border=1, bg_color="#E2EFDA", align="center", text_wrap=True, font_size=8.5)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.merge_range(3, 5, 3, 6, "出席者", hf)
    ws.merge_range(3, 8, 3, 11, "協議事項", hf)
    for c in range(15):
        if top[c] and c not in (5, 6, 8, 9, 10, 11):
            ws.merge_range(3, c, 4, c, top[c], hf)
        if sub[c]:
            ws.write(4, c, sub[c], hf)
    cw = F(border=1, text_wrap=True, align="left", valign="top", font_size=8.5)
    for i, rp in enumerate(reps):
        r = 5 + i
        ws.set_row(r, 118)
        ws.write(r, 0, rp["facility_name"], cw)
        ws.write(r, 1, rp["council_name"], cw)
        ws.write_datetime(r, 2, rp["date"], F(border=1, valign="top", num_format='m"月"d"日"', font_size=8.5))
        ws.write(r, 3, ttime(rp["start_time"], rp["end_time"], "colon"), cw)
        ws.write(r, 4, rp["venue"], cw)
        ws.write(r, 5, f"{rp['police_attendees']}名", cw)
        ws.write(r, 6, f"{rp['civilian_attendees']}名", cw)
        ws.write(r, 7, "定期", cw)
        for k, c in enumerate(CATS):
            t = [a["topic"] for a in rp["agenda"] if a["category"] == c]
            ws.write(r, 8 + k, t[0] if t else "", cw)
        rp["agenda"] = [a for c in CATS for a in rp["agenda"] if a["category"] == c]
        ws.write(r, 12, rp["discussion"], cw)
        ws.write(r, 13, "\n".join(f"・{q['request']}" + (f"（回答：{q['response']}）" if q["response"] else "")
                                  for q in rp["requests"]), cw)
        ws.write(r, 14, "、".join(rp["officers"]), cw)
        b.add_report("一覧", rp)
    for i in range(3, 6):
        for c in range(15):
            ws.write_blank(5 + i, c, None, cw)
    s = b.sheet("集計")
    s.write(0, 0, "区分別協議件数", F(bold=True))
    for k, c in enumerate(CATS):
        s.write(2 + k, 0, c, F(border=1))
        col = "IJKL"[k]
        s.write_formula(2 + k, 1, f'=COUNTA(一覧!{col}6:{col}11)', F(border=1),
                        sum(1 for rp in reps for a in rp["agenda"] if a["category"] == c))
    s.set_column(0, 0, 36)
    b.add_not_report("集計")


# ---- 27
@workbook("汐見団地管理者連絡協議会（R8.9.10）")
def wb27(b):
    rep = make_report("wb27", "美浜警察署", "汐見交番", D(2026, 9, 10), tm("10:00"), tm("11:00"),
                      council="汐見団地管理者連絡協議会", area="汐見団地", n_agenda=3, cats=[KATSUDO, JIKEN, SONOTA],
                      civ=9, venue="汐見団地集会所")
    ws = b.sheet("報告")
    r, exp = form_kigaki(b, ws, rep, dict(date="wareki_fw", time="gogo", mtype="short", repdate="令和８年９月１４日",
                                          to="美浜警察署長　殿", stamps=False,
                                          count_text="警察官{p}人、民間{c}人（団地管理者・自治会役員）"))
    b.add_report("報告", exp)


# ---- 28
@workbook("美浜中央交番 協議会 R8.11.5", "xls")
def wb28(b):
    rep = make_report("wb28", "美浜警察署", "美浜中央交番", D(2026, 11, 5), tm("14:00"), tm("15:30"), n_agenda=4,
                      phone="7012", req_items=[("防犯カメラの増設", "市防災安全課と協議中"), ("交番の掲示板の更新", "11月中に更新する")])
    ws = b.sheet("報告書")
    setup_classic(b, ws)
    o = dict(date="R_fw", time="colon", count="mei", mtype="word", agenda="nocat", agenda_rows=4, req="together",
             req_cell_rows=4)
    r, exp = form_classic(b, ws, rep, o)
    ws.print_area(0, 0, r - 1, 9)
    b.add_report("報告書", exp)


# ---- 29
@workbook("白鷺署_鷺沼交番_臨時協議会", "ods")
def wb29(b):
    rep = make_report("wb29", "白鷺警察署", "鷺沼交番", D(2026, 11, 25), tm("19:00"), tm("20:00"),
                      mtype="extraordinary", n_agenda=1, cats=[JIKEN], civ=18, council="鷺沼地区連絡協議会",
                      req_items=[("夜間の自主防犯パトロールへの同行", "12月中は週2回同行する"),
                                 ("ごみ置き場への照明の設置", "市環境課へ要望済み")])
    ws = b.sheet("臨時会議")
    ws.set_column(0, 5, 14.5)
    o = dict(dt="one", date="md", time="gogo", count="mei", mtype="short", agenda_rows=2,
             labels=dict(LBL_STD, title="交番・駐在所連絡協議会開催結果報告書（令和８年度）"))
    r, exp = form_above(b, ws, rep, o)
    ws.fit_to_pages(1, 0)
    b.add_report("臨時会議", exp)


# ---- 30
@workbook("高森署　本郷台交番　協議会報告（写真付）")
def wb30(b):
    rep = make_report("wb30", "高森警察署", "本郷台交番", D(2026, 10, 7), tm("10:30"), tm("12:00"), n_agenda=3,
                      cats=[KATSUDO, SAIJI, SONOTA], reference="防犯ボランティアとの合同パトロールの様子（写真）")
    ws = b.sheet("報告書")
    setup_classic(b, ws, hogan=True)
    o = dict(hogan=True, date="wareki", time="gogo", count="num", mtype="maru", agenda="printed", photo=True,
             ref_rows=8, beppu_text="会議資料（交番だより10月号）")
    r, exp = form_classic(b, ws, rep, o)
    ws.insert_textbox(0, 24, "写真は参考事項欄に貼付", {"width": 150, "height": 22, "font": {"size": 8, "color": "#C00000"},
                                                    "line": {"color": "#C00000"}})
    ws.print_area(0, 0, r - 1, 35)
    b.add_report("報告書", exp)


# ---- 31
@workbook("湊署_協議会報告_空様式あり")
def wb31(b):
    o = dict(labels=LBL_NEW, date="wareki", time="kara", count="mei", count_one="警察官{p}名　民間{c}名（委員{c2}名ほか2名）", mtype="short",
             agenda="free", cat="num",
             agenda_rows=4, notes=["区分：1 交番等の活動状況　2 地域住民等に身近な事件・事故等の発生状況　3 地域の祭礼等の催事・行事　4 その他"])
    ws = b.sheet("様式")
    setup_classic(b, ws)
    form_classic(b, ws, None, o)
    b.add_not_report("様式")
    rep = make_report("wb31", "湊警察署", "浜見交番", D(2026, 7, 15), tm("14:00"), tm("15:00"), n_agenda=3,
                      cats=[KATSUDO, JIKEN, JIKEN])
    ws = b.sheet("R8.7.15浜見")
    setup_classic(b, ws)
    r, exp = form_classic(b, ws, rep, o)
    b.add_report("R8.7.15浜見", exp)


# ---- 32
@workbook("栄署_錦通交番_協議会")
def wb32(b):
    rep = make_report("wb32", "栄警察署", "錦通交番", D(2026, 10, 16), tm("14:00"), tm("15:00"), n_agenda=3,
                      cats=[KATSUDO, JIKEN, SAIJI])
    ws = b.sheet("開催状況報告")
    setup_classic(b, ws)
    o = dict(labels=LBL_OLD, dt="split", date="wareki", date_text="令和8年10月16日（木）", time="jikan", count="num",
             mtype="word", agenda="printed", catlabel="full", repdate="平成　　年　　月　　日",
             ph={"reference"})
    r, exp = form_classic(b, ws, rep, o)
    ws.print_area(0, 0, r - 1, 9)
    b.add_report("開催状況報告", exp)


# ---- 34
@workbook("千草署_協議会報告_10月")
def wb34(b):
    rep = make_report("wb34", "千草警察署", "千草台交番", D(2026, 10, 22), tm("18:00"), tm("19:30"), n_agenda=3,
                      cats=[KATSUDO, JIKEN, SONOTA])
    o = dict(date="R_w", time="colon", count="mei", mtype="check")
    ws = b.sheet("報告書")
    setup_classic(b, ws)
    link = input_sheet(b, "入力", rep, o, hidden=True, title="入力シート")
    r, exp = form_classic(b, ws, rep, dict(o, link=link, agenda="free", cat="full", agenda_rows=4))
    ws.print_area(0, 0, r - 1, 9)
    b.add_report("報告書", exp)


# ---- 35
@workbook("宮ノ原駅前交番_連絡協議会報告書")
def wb35(b):
    rep = make_report("wb35", "宮ノ原警察署", "宮ノ原駅前交番", D(2026, 11, 26), tm("13:30"), tm("15:00"),
                      n_agenda=4, phone="6120")
    ws = b.sheet("報告書")
    o = dict(dt="one", date="wareki", time="jikan", count="mei", mtype="short", cat="full", agenda_rows=4,
             req_rows=2, labels=LBL_ALT)
    r, exp = form_vertical(b, ws, rep, o)
    b.add_report("報告書", exp)
    sheet_instructions(b, "記入上の注意", [
        "・開催日時は「令和○年○月○日（○）○時○分から○時○分まで」と記入",
        "・出席者数は警察官と民間（委員・住民等）に分けて記入",
        "・要望に対する回答が未定の場合は、回答欄を空欄とし、後日報告すること",
        "・出席警察官は階級・氏名を記入"], title="記入上の注意")


if __name__ == "__main__":
    sys.exit(main())
