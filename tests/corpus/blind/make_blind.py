#!/usr/bin/env python3
"""Blind corpus generator (development part).

Generates the development part of the blind test corpus: report workbooks as stations
make them and, beside each, NAME.expected.json (the record a careful reader writes).

usage: python make_blind.py [OUTDIR]

Output is deterministic. .xls/.ods workbooks are converted with LibreOffice (soffice);
when it is not installed they are skipped.
"""

# ---------------------------------------------------------------------------
# Shared helpers: workbook writing, XML patching, expected records.
# ---------------------------------------------------------------------------
import datetime
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

import xlsxwriter

FIXED_CREATED = datetime.datetime(2026, 11, 30, 9, 0, 0)


ZIP_TIME = (2026, 11, 30, 9, 0, 0)


WEEKDAYS = "月火水木金土日"


REGISTRY = []


def workbook(name, fmt, tags=()):
    """Register a builder: name is the file stem, fmt the delivered format."""

    def deco(fn):
        REGISTRY.append({"name": name, "fmt": fmt, "tags": tuple(tags), "fn": fn})
        return fn

    return deco


def wd(d):
    return WEEKDAYS[d.weekday()]


def fw(s):
    """Half-width ASCII to full-width (digits, letters, punctuation)."""
    out = []
    for ch in str(s):
        o = ord(ch)
        if ch == " ":
            out.append("\u3000")
        elif 0x21 <= o <= 0x7E:
            out.append(chr(o + 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def reiwa(d):
    return d.year - 2018


def jdate(d, style="wareki", week="（）"):
    """Date as officers type it. week: '（）', '()', or ''."""
    y = reiwa(d)
    if style == "wareki":
        s = f"令和{y}年{d.month}月{d.day}日"
    elif style == "wareki_fw":
        s = fw(f"令和{y}年{d.month}月{d.day}日")
    elif style == "R":
        s = f"R{y}.{d.month}.{d.day}"
    elif style == "R_fw":
        s = fw(f"R{y}.{d.month}.{d.day}")
    elif style == "slash":
        s = f"{d.year}/{d.month}/{d.day}"
    elif style == "seireki":
        s = f"{d.year}年{d.month}月{d.day}日"
    elif style == "md":
        s = f"{d.month}月{d.day}日"
    else:
        raise ValueError(style)
    if week:
        s += week[0] + wd(d) + week[1]
    return s


def D(y, m, d):
    return datetime.date(y, m, d)


def norm_text(v):
    """NFKC, trim, collapse whitespace; multi-line: each line trimmed, joined by \\n."""
    if v is None:
        return None
    s = unicodedata.normalize("NFKC", str(v))
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in s.split("\n")]
    lines = [ln for ln in lines if ln]
    s = "\n".join(lines)
    return s or None


TEXT_KEYS = (
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "venue",
    "discussion",
    "reference",
)


CAT_ACT = "交番等の活動状況"


CAT_INC = "地域住民等に身近な事件・事故等の発生状況"


CAT_FES = "地域の祭礼等の催事・行事"


CAT_OTH = "その他"


def rec(
    affiliation=None,
    reporter=None,
    phone=None,
    council_name=None,
    facility_name=None,
    date=None,
    start_time=None,
    end_time=None,
    venue=None,
    police_attendees=None,
    civilian_attendees=None,
    meeting_type=None,
    agenda=(),
    discussion=None,
    requests=(),
    reference=None,
    officers=(),
):
    """Canonical record as a careful reader writes it (normalised)."""
    if isinstance(date, datetime.date):
        date = date.isoformat()
    r = {
        "affiliation": affiliation,
        "reporter": reporter,
        "phone": phone,
        "council_name": council_name,
        "facility_name": facility_name,
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "venue": venue,
        "police_attendees": police_attendees,
        "civilian_attendees": civilian_attendees,
        "meeting_type": meeting_type,
        "agenda": [
            {"category": c, "topic": norm_text(t), "remarks": norm_text(rm)}
            for (c, t, rm) in agenda
        ],
        "discussion": discussion,
        "requests": [{"request": norm_text(q), "response": norm_text(a)} for (q, a) in requests],
        "reference": reference,
        "officers": [norm_text(o) for o in officers],
    }
    for k in TEXT_KEYS:
        r[k] = norm_text(r[k])
    assert r["meeting_type"] in (None, "regular", "extraordinary")
    for a in r["agenda"]:
        assert a["category"] in (None, CAT_ACT, CAT_INC, CAT_FES, CAT_OTH), a
    return r


class Book:
    """xlsxwriter workbook with a format cache and fixed properties."""

    def __init__(self, path, font="ＭＳ Ｐゴシック", size=11, author="地域課"):
        self.path = path
        self.wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
        self.wb.set_properties({"author": author, "created": FIXED_CREATED})
        self.font = font
        self.size = size
        self.wb.formats[0].set_font_name(font)
        self.wb.formats[0].set_font_size(size)
        self._cache = {}
        self.patches = []  # callables(zip_members: dict) applied at close

    def f(self, **kw):
        """Format: b=border(1..), bold, al=align, va=valign, wrap, sz, fc, bg, nf, ..."""
        key = tuple(sorted(kw.items()))
        if key in self._cache:
            return self._cache[key]
        props = {"font_name": kw.pop("font", self.font), "font_size": kw.pop("sz", self.size)}
        if kw.pop("bold", False):
            props["bold"] = True
        b = kw.pop("b", None)
        if b:
            props["border"] = b
        for side in ("top", "bottom", "left", "right"):
            v = kw.pop(side, None)
            if v is not None:
                props[side] = v
        props["align"] = kw.pop("al", "left")
        props["valign"] = kw.pop("va", "vcenter")
        if kw.pop("wrap", False):
            props["text_wrap"] = True
        if "fc" in kw:
            props["font_color"] = kw.pop("fc")
        if "bg" in kw:
            props["bg_color"] = kw.pop("bg")
            props["pattern"] = 1
        if "nf" in kw:
            props["num_format"] = kw.pop("nf")
        if kw.pop("shrink", False):
            props["shrink"] = True
        if "rot" in kw:
            props["rotation"] = kw.pop("rot")
        if kw.pop("strike", False):
            props["font_strikeout"] = True
        if kw.pop("ul", False):
            props["underline"] = 1
        if "indent" in kw:
            props["indent"] = kw.pop("indent")
        props.update(kw)
        fm = self.wb.add_format(props)
        self._cache[key] = fm
        return fm

    def close(self):
        self.wb.close()
        finalize(self.path, self.patches)


def rc(ref):
    """'B3' -> (row, col) zero based."""
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def colname(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def ref(r, c):
    return f"{colname(c)}{r + 1}"


def put(ws, rng, val, fm=None):
    """Write val into a cell or merged range given as 'B3' or 'B3:F4'."""
    if ":" in rng:
        a, b = rng.split(":")
        if a != b:
            r1, c1 = rc(a)
            r2, c2 = rc(b)
            if val is None:
                val = ""
            if isinstance(val, (datetime.date, datetime.datetime, datetime.time)):
                ws.merge_range(r1, c1, r2, c2, "", fm)
                ws.write_datetime(r1, c1, val, fm)
            else:
                ws.merge_range(r1, c1, r2, c2, val, fm)
            return
        rng = a
    r, c = rc(rng)
    if val is None:
        ws.write_blank(r, c, None, fm)
    elif isinstance(val, (datetime.date, datetime.datetime, datetime.time)):
        ws.write_datetime(r, c, val, fm)
    elif isinstance(val, bool):
        ws.write_boolean(r, c, val, fm)
    elif isinstance(val, (int, float)):
        ws.write_number(r, c, val, fm)
    else:
        ws.write_string(r, c, val, fm)


def png_bytes(w=160, h=110, seed=1):
    """A small deterministic RGB picture (stands in for a photo)."""
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            v = (x * 3 + y * 2 + seed * 40) % 256
            raw += bytes((v, (v + 60 + y) % 256, (200 - v // 2) % 256))

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


def finalize(path, patches=()):
    """Apply XML patches and rewrite the zip with fixed timestamps."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        members = {n: z.read(n) for n in names}
    order = list(names)
    for p in patches:
        p(members, order)
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for n in order:
            zi = zipfile.ZipInfo(n, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, members[n])
    os.replace(tmp, path)


def sheet_part(members, index):
    """Name of the worksheet part of the index-th sheet (1 based, xlsxwriter order)."""
    return f"xl/worksheets/sheet{index}.xml"


def _add_rel(members, order, sheet_xml, rtype, target):
    rels = sheet_xml.replace("worksheets/", "worksheets/_rels/") + ".rels"
    if rels in members:
        x = members[rels].decode("utf8")
    else:
        x = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            "</Relationships>"
        )
        order.append(rels)
    ids = [int(i) for i in re.findall(r'Id="rId(\d+)"', x)]
    rid = f"rId{max(ids, default=0) + 1}"
    x = x.replace(
        "</Relationships>",
        f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"/></Relationships>',
    )
    members[rels] = x.encode("utf8")
    return rid


def _content_type(members, default=None, override=None):
    ct = members["[Content_Types].xml"].decode("utf8")
    if default and f'Extension="{default[0]}"' not in ct:
        ct = ct.replace(
            "<Default ",
            f'<Default Extension="{default[0]}" ContentType="{default[1]}"/><Default ',
            1,
        )
    if override:
        ct = ct.replace(
            "</Types>", f'<Override PartName="{override[0]}" ContentType="{override[1]}"/></Types>'
        )
    members["[Content_Types].xml"] = ct.encode("utf8")


def _insert_sheet_tail(x, snippet):
    """Insert after <drawing>/<legacyDrawing> and before tableParts/extLst/end."""
    for tag in ("<tableParts", "<extLst", "</worksheet>"):
        i = x.find(tag)
        if i >= 0:
            return x[:i] + snippet + x[i:]
    raise ValueError


def add_checkboxes(sheet_index, boxes):
    """Excel form-control check boxes (VML + ctrlProps) on a worksheet.

    boxes: list of dict(anchor=(c1, dx1, r1, dy1, c2, dx2, r2, dy2) zero based, with
    offsets in pixels, text='', checked=bool, link='$AZ$10' or None).
    """

    def patch(members, order):
        sx = sheet_part(members, sheet_index)
        x = members[sx].decode("utf8")
        n = sheet_index
        shapes = []
        controls = []
        vml_name = f"xl/drawings/vmlDrawing{n}.vml"
        vml_rid = _add_rel(
            members,
            order,
            sx,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
            f"../drawings/vmlDrawing{n}.vml",
        )
        for k, b in enumerate(boxes, start=1):
            sid = 1024 * n + k
            cp = f"xl/ctrlProps/ctrlProp{n * 100 + k}.xml"
            link = b.get("link")
            attrs = 'objectType="CheckBox"'
            if b.get("checked"):
                attrs += ' checked="Checked"'
            if link:
                attrs += f' fmlaLink="{link}"'
            members[cp] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" {attrs} lockText="1" noThreeD="1"/>'
            ).encode()
            order.append(cp)
            _content_type(
                members, override=(f"/{cp}", "application/vnd.ms-excel.controlproperties+xml")
            )
            rid = _add_rel(
                members,
                order,
                sx,
                "http://schemas.microsoft.com/office/2006/relationships/ctrlProp",
                f"../ctrlProps/ctrlProp{n * 100 + k}.xml",
            )
            c1, dx1, r1, dy1, c2, dx2, r2, dy2 = b["anchor"]
            text = b.get("text", "")
            tb = (
                (
                    f'<v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:left">'
                    f'<font face="ＭＳ Ｐゴシック" size="220" color="auto">{text}</font></div></v:textbox>'
                )
                if text
                else ""
            )
            shapes.append(
                f'<v:shape id="_x0000_s{sid}" type="#_x0000_t201" style="position:absolute;'
                f'margin-left:0;margin-top:0;width:60pt;height:15pt;z-index:{k};mso-wrap-style:tight" '
                f'filled="f" fillcolor="window [65]" stroked="f" strokecolor="windowText [64]" o:insetmode="auto">'
                f'<v:path shadowok="t" strokeok="t" fillok="t"/><o:lock v:ext="edit" rotation="t"/>{tb}'
                f'<x:ClientData ObjectType="Checkbox"><x:MoveWithCells/><x:SizeWithCells/>'
                f"<x:Anchor>{c1}, {dx1}, {r1}, {dy1}, {c2}, {dx2}, {r2}, {dy2}</x:Anchor>"
                f"<x:AutoFill>False</x:AutoFill><x:AutoLine>False</x:AutoLine><x:TextVAlign>Center</x:TextVAlign>"
                + (f"<x:FmlaLink>{link}</x:FmlaLink>" if link else "")
                + ("<x:Checked>1</x:Checked>" if b.get("checked") else "")
                + "<x:NoThreeD/></x:ClientData></v:shape>"
            )
            emu = 9525
            controls.append(
                f'<mc:AlternateContent><mc:Choice Requires="x14"><control shapeId="{sid}" r:id="{rid}" name="Check Box {k}">'
                f'<controlPr defaultSize="0" autoFill="0" autoLine="0" autoPict="0"><anchor moveWithCells="1">'
                f"<from><xdr:col>{c1}</xdr:col><xdr:colOff>{dx1 * emu}</xdr:colOff><xdr:row>{r1}</xdr:row><xdr:rowOff>{dy1 * emu}</xdr:rowOff></from>"
                f"<to><xdr:col>{c2}</xdr:col><xdr:colOff>{dx2 * emu}</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>{dy2 * emu}</xdr:rowOff></to>"
                f"</anchor></controlPr></control></mc:Choice></mc:AlternateContent>"
            )
        vml = (
            '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{n}"/></o:shapelayout>'
            '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
            '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
            '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>' + "".join(shapes) + "</xml>"
        )
        members[vml_name] = vml.encode("utf8")
        order.append(vml_name)
        _content_type(
            members, default=("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing")
        )
        snippet = (
            f'<legacyDrawing r:id="{vml_rid}"/>'
            '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
            'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
            '<mc:Choice Requires="x14"><controls>'
            + "".join(controls)
            + "</controls></mc:Choice></mc:AlternateContent>"
        )
        x = _insert_sheet_tail(x, snippet)
        if "xmlns:r=" not in x[:600]:
            x = x.replace(
                "<worksheet ",
                '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
                1,
            )
        members[sx] = x.encode("utf8")

    return patch


def ellipse_patch(marker):
    """Turn the text box whose description is `marker` into an unfilled ellipse."""

    def patch(members, order):
        for n in list(members):
            if n.startswith("xl/drawings/drawing") and n.endswith(".xml"):
                x = members[n].decode("utf8")
                if marker not in x:
                    continue
                parts = re.split(
                    r"(?=<xdr:twoCellAnchor|<xdr:oneCellAnchor|<xdr:absoluteAnchor)", x
                )
                out = []
                for p in parts:
                    if marker in p:
                        p = p.replace(f' descr="{marker}"', "")
                        p = p.replace('<xdr:cNvSpPr txBox="1"/>', "<xdr:cNvSpPr/>")
                        p = p.replace('prst="rect"', 'prst="ellipse"')
                        p = re.sub(r'name="TextBox (\d+)"', r'name="楕円 \1"', p)
                        p = re.sub(r"<xdr:txBody>.*?</xdr:txBody>", "", p, flags=re.S)
                    out.append(p)
                members[n] = "".join(out).encode("utf8")

    return patch


def macro_enabled(members, order):
    ct = members["[Content_Types].xml"].decode("utf8")
    ct = ct.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    members["[Content_Types].xml"] = ct.encode("utf8")


def soffice_convert(src, fmt, outdir):
    """Convert src (.xlsx) to fmt ('xls' or 'ods') into outdir; returns path or None."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as prof, tempfile.TemporaryDirectory() as out:
        filt = {"xls": "xls:MS Excel 97", "ods": "ods"}[fmt]
        cmd = [
            exe,
            f"-env:UserInstallation=file://{prof}",
            "--headless",
            "--norestore",
            "--convert-to",
            filt,
            "--outdir",
            out,
            src,
        ]
        try:
            subprocess.run(
                cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180
            )
        except (subprocess.SubprocessError, OSError):
            return None
        stem = os.path.splitext(os.path.basename(src))[0]
        res = os.path.join(out, f"{stem}.{fmt}")
        if not os.path.exists(res):
            return None
        dst = os.path.join(outdir, f"{stem}.{fmt}")
        if fmt == "ods":
            _rezip_fixed(res, dst)
        else:
            shutil.copyfile(res, dst)
        return dst


def _rezip_fixed(src, dst):
    """Copy a zip package with fixed entry timestamps (mimetype stays first, stored)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            zout.writestr(zi, zin.read(info.filename))


def write_expected(outdir, name, reports, not_reports):
    data = {
        "reports": [{"sheet": s, "report": r} for s, r in reports],
        "not_reports": list(not_reports),
    }
    with open(os.path.join(outdir, f"{name}.expected.json"), "w", encoding="utf8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def build_all(outdir, only=None):
    os.makedirs(outdir, exist_ok=True)
    done = []
    for item in REGISTRY:
        name, fmt = item["name"], item["fmt"]
        if only and name not in only:
            continue
        if fmt in ("xls", "ods"):
            with tempfile.TemporaryDirectory() as td:
                src = os.path.join(td, f"{name}.xlsx")
                reports, notrep = item["fn"](src)
                res = soffice_convert(src, fmt, outdir)
            if not res:
                print(f"skipped {name}.{fmt}: LibreOffice (soffice) not available", file=sys.stderr)
                continue
        else:
            path = os.path.join(outdir, f"{name}.{fmt}")
            reports, notrep = item["fn"](path)
        write_expected(outdir, name, reports, notrep)
        done.append(f"{name}.{fmt}")
    return done


# ---------------------------------------------------------------------------
# Form helpers
# ---------------------------------------------------------------------------


STD_LABELS = dict(
    head="地域指導係宛",
    title="交番・駐在所連絡協議会開催結果報告書",
    stamps=["署　長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"],
    affiliation="所　属",
    reporter="報告者",
    phone="警　電",
    council="協議会名",
    facility="施 設 名",
    date="開催日時",
    venue="開催場所",
    count="出席者数",
    police="警察官",
    civil="民間",
    person="人",
    mtype="会議種別",
    cat="区分",
    topic="協議事項",
    remarks="備考",
    other="そ の 他",
    discussion="協議内容等",
    request="要望事項",
    response="措置・回答",
    reference="参考事項（写真添付）",
    officers="出席警察官名",
    attach="別添",
)


HOGAN_DEFAULTS = dict(
    stamps="top",
    date_mode="one",
    counts="cells",
    mtype_mode="text",
    agenda_rows=4,
    other_row=True,
    cat_mode="free",
    disc_mode="one",
    disc_rows=5,
    req_mode="rows",
    req_rows=3,
    off_mode="one",
    ref_rows=2,
    attach=True,
    label_fmt=None,
    hidden_col=None,
    legend=None,
    sz=10,
    head=True,
)


class V:
    """A value with its own cell format (number formats etc.)."""

    def __init__(self, v, **kw):
        self.v = v
        self.kw = kw


def hogan_setup(ws, left=0, ncol=34, width=2.6, extra=0):
    ws.set_column(left, left + ncol - 1 + extra, width)


def hogan(bk, ws, t, o=None, top=0, left=0, sheet_index=1, labels=None):
    """Draw one report form; returns (next_free_row, info dict)."""
    o = dict(HOGAN_DEFAULTS, **(o or {}))
    L = dict(STD_LABELS, **(labels or {}))
    sz = o["sz"]
    lab = bk.f(b=1, al="center", sz=sz, wrap=True, **(o["label_fmt"] or {}))
    bk.f(b=1, al="left", sz=sz, wrap=True)
    val = bk.f(b=1, al="left", sz=sz, wrap=True, va="vcenter")
    valc = bk.f(b=1, al="center", sz=sz)
    valtop = bk.f(b=1, al="left", va="top", sz=sz, wrap=True)
    bk.f(sz=sz)
    info = {"checkboxes": [], "agenda_rows": [], "req_rows": [], "rows": {}}

    def P(r, c1, c2, v, fm=val, r2=None):
        if isinstance(v, V):
            fm = bk.f(b=1, sz=sz, **v.kw)
            v = v.v
        a = ref(top + r, left + c1)
        b = ref(top + (r if r2 is None else r2), left + c2)
        put(ws, f"{a}:{b}", v, fm)

    r = 0
    if o["head"]:
        P(r, 0, 8, L["head"], bk.f(sz=sz + 1))
        r += 1
        P(r, 0, 33, L["title"], bk.f(al="center", sz=sz + 6, bold=True))
        ws.set_row(top + r, 28)
        r += 2
    if o["stamps"] == "top":
        for i, s in enumerate(L["stamps"]):
            P(r, 10 + 4 * i, 13 + 4 * i, s, bk.f(b=1, al="center", sz=sz - 1, shrink=True))
            P(r + 1, 10 + 4 * i, 13 + 4 * i, "", bk.f(b=1))
        ws.set_row(top + r + 1, 42)
        r += 3
    elif o["stamps"] == "right":
        for i, s in enumerate(L["stamps"]):
            P(2 * i, 35, 38, s, bk.f(b=1, al="center", sz=sz - 1, shrink=True))
            P(2 * i + 1, 35, 38, "", bk.f(b=1))
        r = max(r, 1)
    # affiliation / reporter / phone
    info["rows"]["affiliation"] = top + r
    P(r, 0, 3, L["affiliation"], lab)
    P(r, 4, 15, t.get("affiliation"))
    P(r, 16, 19, L["reporter"], lab)
    P(r, 20, 33, t.get("reporter"))
    ws.set_row(top + r, 22)
    r += 1
    info["rows"]["phone"] = top + r
    P(r, 0, 3, L["phone"], lab)
    P(r, 4, 15, t.get("phone"))
    ws.set_row(top + r, 22)
    r += 1
    P(r, 0, 3, L["council"], lab)
    P(r, 4, 17, t.get("council"))
    P(r, 18, 21, L["facility"], lab)
    P(r, 22, 33, t.get("facility"))
    ws.set_row(top + r, 22)
    r += 1
    # date / time / venue
    info["rows"]["date"] = top + r
    dm = o["date_mode"]
    if dm == "one":
        P(r, 0, 3, L["date"], lab)
        P(r, 4, 21, t.get("datetime"), bk.f(b=1, sz=sz - 1, shrink=True))
        P(r, 22, 24, L["venue"], lab)
        P(r, 25, 33, t.get("venue"))
        ws.set_row(top + r, 30)
        r += 1
    elif dm == "split":
        P(r, 0, 3, L["date"], lab)
        toks = t["date_tokens"]  # list of (text, width)
        c = 4
        for tx, w in toks:
            fm = bk.f(top=1, bottom=1, al="center", sz=sz)
            P(r, c, c + w - 1, tx, fm)
            c += w
        if c <= 33:
            P(r, c, 33, "", bk.f(top=1, bottom=1, right=1))
        ws.set_row(top + r, 24)
        r += 1
        P(r, 0, 3, L["venue"], lab)
        P(r, 4, 33, t.get("venue"))
        ws.set_row(top + r, 22)
        r += 1
    elif dm == "dtcell":
        P(r, 0, 3, L["date"], lab)
        P(r, 4, 17, t["date_value"], bk.f(top=1, bottom=1, left=1, sz=sz, nf=t["date_nf"]))
        P(r, 18, 21, t.get("end_text"), bk.f(top=1, bottom=1, right=1, sz=sz))
        P(r, 22, 24, L["venue"], lab)
        P(r, 25, 33, t.get("venue"))
        ws.set_row(top + r, 26)
        r += 1
    # counts and meeting type
    info["rows"]["count"] = top + r
    P(r, 0, 3, L["count"], lab)
    if o["counts"] == "cells":
        P(r, 4, 6, L["police"], bk.f(top=1, bottom=1, left=1, al="center", sz=sz))
        P(r, 7, 8, t.get("police"), bk.f(top=1, bottom=1, al="right", sz=sz))
        P(r, 9, 9, L["person"], bk.f(top=1, bottom=1, sz=sz))
        P(r, 10, 11, L["civil"], bk.f(top=1, bottom=1, al="center", sz=sz))
        P(r, 12, 14, t.get("civil"), bk.f(top=1, bottom=1, al="right", sz=sz))
        P(r, 15, 15, L["person"], bk.f(top=1, bottom=1, right=1, sz=sz))
    elif o["counts"] == "one":
        P(r, 4, 15, t.get("counts"))
    P(r, 16, 19, L["mtype"], lab)
    mm = o["mtype_mode"]
    if mm == "text":
        P(r, 20, 33, t.get("mtype"), valc)
    elif mm == "vml":
        # label cells, check boxes drawn over the small cells on their left
        P(r, 20, 21, "", bk.f(top=1, bottom=1, left=1))
        P(r, 22, 25, "定期会議", bk.f(top=1, bottom=1, sz=sz))
        P(r, 26, 27, "", bk.f(top=1, bottom=1))
        P(r, 28, 31, "臨時会議", bk.f(top=1, bottom=1, sz=sz))
        P(r, 32, 33, "", bk.f(top=1, bottom=1, right=1))
        hc = o["hidden_col"]
        for k, (c, chk) in enumerate(
            ((20, t["mtype_checked"] == "regular"), (26, t["mtype_checked"] == "extraordinary"))
        ):
            link = None
            if hc is not None:
                link = f"${colname(hc)}${top + r + 1 + k}"
                ws.write_boolean(top + r + k, hc, chk)
            info["checkboxes"].append(
                dict(
                    anchor=(left + c, 4, top + r, 3, left + c + 2, 0, top + r, 19),
                    checked=chk,
                    link=link,
                )
            )
    elif mm == "ellipse":
        P(r, 20, 21, "", bk.f(top=1, bottom=1, left=1))
        P(r, 22, 24, "定期", bk.f(top=1, bottom=1, al="center", sz=sz))
        P(r, 25, 25, "・", bk.f(top=1, bottom=1, al="center", sz=sz))
        P(r, 26, 28, "臨時", bk.f(top=1, bottom=1, al="center", sz=sz))
        P(r, 29, 33, "", bk.f(top=1, bottom=1, right=1))
        c = 22 if t["mtype_checked"] == "regular" else 26
        ws.insert_textbox(
            top + r,
            left + c,
            "",
            {
                "x_offset": 2,
                "y_offset": 2,
                "width": 56,
                "height": 22,
                "fill": {"none": True},
                "line": {"color": "#000000", "width": 1.0},
                "description": "ELLIPSE_MARK",
                "object_position": 1,
            },
        )
        if not getattr(bk, "_ellipse", False):
            bk.patches.append(ellipse_patch("ELLIPSE_MARK"))
            bk._ellipse = True
    ws.set_row(top + r, 24)
    r += 1
    # agenda table
    n = o["agenda_rows"]
    rows = list(t.get("agenda", []))
    cm = o["cat_mode"]
    if cm in ("free", "codes"):
        P(r, 0, 7, L["cat"], lab)
        P(r, 8, 27, L["topic"], lab)
        P(r, 28, 33, L["remarks"], lab)
        r += 1
        body = n - 1 if o["other_row"] else n
        for i in range(body):
            item = rows[i] if i < len(rows) else (None, None, None)
            info["agenda_rows"].append(top + r)
            P(
                r,
                0,
                7,
                item[0],
                bk.f(b=1, sz=sz - 1, wrap=True, al="center" if cm == "codes" else "left"),
            )
            P(r, 8, 27, item[1], val)
            P(r, 28, 33, item[2], val)
            ws.set_row(top + r, 30)
            r += 1
        if o["other_row"]:
            oth = t.get("agenda_other") or (None, None)
            info["agenda_rows"].append(top + r)
            P(r, 0, 7, L["other"], lab)
            P(r, 8, 27, oth[0], val)
            P(r, 28, 33, oth[1], val)
            ws.set_row(top + r, 30)
            r += 1
    elif cm == "preprinted":
        P(r, 0, 7, L["cat"], lab)
        P(r, 8, 27, L["topic"], lab)
        P(r, 28, 33, L["remarks"], lab)
        r += 1
        fixed = [
            "交番等の活動状況",
            "地域住民等に身近な事件・事故等の発生状況",
            "地域の祭礼等の催事・行事",
            L["other"],
        ]
        for i, lbl in enumerate(fixed):
            item = rows[i] if i < len(rows) else None
            info["agenda_rows"].append(top + r)
            P(r, 0, 7, lbl, bk.f(b=1, sz=sz - 2, wrap=True, al="left"))
            P(r, 8, 27, item[0] if item else None, val)
            P(r, 28, 33, item[1] if item else None, val)
            ws.set_row(top + r, 30)
            r += 1
    if o["legend"]:
        P(r, 0, 33, o["legend"], bk.f(sz=sz - 2, wrap=True))
        ws.set_row(top + r, 26)
        r += 1
    # discussion
    dr = o["disc_rows"]
    info["rows"]["discussion"] = top + r
    P(r, 0, 3, L["discussion"], lab, r2=r + dr - 1)
    if o["disc_mode"] == "one":
        P(r, 4, 33, t.get("discussion"), valtop, r2=r + dr - 1)
        for k in range(dr):
            ws.set_row(top + r + k, 20)
    elif o["disc_mode"] == "lines":
        lines = (t.get("discussion") or "").split("\n")
        for k in range(dr):
            line = lines[k] if k < len(lines) else None
            fm = bk.f(
                left=1, right=1, top=1 if k == 0 else 4, bottom=1 if k == dr - 1 else 4, sz=sz
            )
            P(r + k, 4, 33, line, fm)
            ws.set_row(top + r + k, 19)
    r += dr
    # requests
    reqs = list(t.get("requests", []))
    rm = o["req_mode"]
    if rm == "rows":
        P(r, 0, 16, L["request"], lab)
        P(r, 17, 33, L["response"], lab)
        r += 1
        for i in range(o["req_rows"]):
            q, a = reqs[i] if i < len(reqs) else (None, None)
            info["req_rows"].append(top + r)
            P(r, 0, 16, q, valtop)
            P(r, 17, 33, a, valtop)
            ws.set_row(top + r, 36)
            r += 1
    elif rm == "who":
        P(r, 0, 5, L.get("who", "要望者"), lab)
        P(r, 6, 19, L["request"], lab)
        P(r, 20, 33, L["response"], lab)
        r += 1
        for i in range(o["req_rows"]):
            w_, q, a = reqs[i] if i < len(reqs) else (None, None, None)
            info["req_rows"].append(top + r)
            P(r, 0, 5, w_, valtop)
            P(r, 6, 19, q, valtop)
            P(r, 20, 33, a, valtop)
            ws.set_row(top + r, 36)
            r += 1
    elif rm == "alt":
        for i in range(o["req_rows"]):
            q, a = reqs[i] if i < len(reqs) else (None, None)
            info["req_rows"].append(top + r)
            P(r, 0, 5, f"{L['request']}{fw(i + 1)}", lab)
            P(r, 6, 33, q, valtop)
            ws.set_row(top + r, 30)
            r += 1
            P(r, 0, 5, L["response"], lab)
            P(r, 6, 33, a, valtop)
            ws.set_row(top + r, 30)
            r += 1
    # reference
    rr = o["ref_rows"]
    P(r, 0, 5, L["reference"], bk.f(b=1, al="center", sz=sz - 1, wrap=True), r2=r + rr - 1)
    P(r, 6, 33, t.get("reference"), valtop, r2=r + rr - 1)
    for k in range(rr):
        ws.set_row(top + r + k, 22)
    info["ref_row"] = top + r
    r += rr
    # officers
    info["rows"]["officers"] = top + r
    if o["off_mode"] == "one":
        P(r, 0, 5, L["officers"], lab)
        P(r, 6, 33, t.get("officers"), val)
        ws.set_row(top + r, 30)
        r += 1
    elif o["off_mode"] == "cells":
        names = t.get("officers_list", [])
        nrow = max(1, (len(names) + 3) // 4)
        P(r, 0, 5, L["officers"], lab, r2=r + nrow - 1)
        for k in range(nrow * 4):
            nm = names[k] if k < len(names) else None
            rr_, cc = divmod(k, 4)
            P(r + rr_, 6 + cc * 7, 12 + cc * 7, nm, bk.f(b=1, al="center", sz=sz))
        for k in range(nrow):
            ws.set_row(top + r + k, 22)
        r += nrow
    if o["attach"]:
        P(r, 0, 5, L["attach"], lab)
        P(r, 6, 33, t.get("attach"), val)
        ws.set_row(top + r, 20)
        r += 1
    return top + r, info


def a4(ws, landscape=False, fit=True, area=None, margins=(0.5, 0.4, 0.6, 0.5)):
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if fit:
        ws.fit_to_pages(1, 0)
    ws.set_margins(left=margins[0], right=margins[1], top=margins[2], bottom=margins[3])
    if area:
        ws.print_area(area)


def word_form(bk, ws, t, variant=1):
    """One report in a form converted from a word-processor table."""
    mincho = dict(font="ＭＳ 明朝", sz=10.5)
    lab = bk.f(b=1, al="distributed", wrap=True, **mincho)
    val = bk.f(b=1, wrap=True, **mincho)
    valtop = bk.f(b=1, wrap=True, va="top", **mincho)
    plain = bk.f(**mincho)
    widths = [4.5, 9, 9, 9, 9, 9, 9, 9, 9, 9]
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    put(ws, "A1:D1", "別記様式（２の⑼関係）", plain)
    put(ws, "A2:D2", "地域指導係宛", plain)
    put(
        ws,
        "A4:J4",
        "交番・駐在所連絡協議会開催結果報告書",
        bk.f(al="center", bold=True, font="ＭＳ 明朝", sz=14),
    )
    ws.set_row(3, 30)
    for i, s in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
        put(
            ws, f"{colname(4 + i)}6", s, bk.f(b=1, al="center", font="ＭＳ 明朝", sz=9, shrink=True)
        )
        put(ws, f"{colname(4 + i)}7", None, bk.f(b=1))
    ws.set_row(6, 44)
    r = 9
    put(ws, f"A{r}:B{r}", "所　　　属", lab)
    put(ws, f"C{r}:E{r}", t["affiliation"], val)
    put(ws, f"F{r}:G{r}", t.get("reporter_label", "報告者（警電）"), lab)
    put(ws, f"H{r}:J{r}", t["reporter"], val)
    ws.set_row(r - 1, 24)
    r += 1
    put(ws, f"A{r}:J{r}", t["council_line"], val)
    ws.set_row(r - 1, 24)
    r += 1
    put(ws, f"A{r}:B{r}", "開催日時", lab)
    put(ws, f"C{r}:J{r}", t["datetime"], val)
    ws.set_row(r - 1, 24)
    r += 1
    put(ws, f"A{r}:B{r}", "開催場所", lab)
    put(ws, f"C{r}:J{r}", t["venue"], val)
    ws.set_row(r - 1, 24)
    r += 1
    put(ws, f"A{r}:B{r}", "出席者数", lab)
    put(ws, f"C{r}:F{r}", t["counts"], val)
    put(ws, f"G{r}:H{r}", "会議種別", lab)
    keep_regular = t["mtype"] == "regular"
    ws.merge_range(f"I{r}:J{r}", "", bk.f(b=1, al="center", **mincho))
    n = bk.f(**mincho)
    s = bk.f(strike=True, **mincho)
    ws.write_rich_string(
        f"I{r}",
        n if keep_regular else s,
        "定期会議",
        n,
        "・",
        s if keep_regular else n,
        "臨時会議",
        bk.f(b=1, al="center", **mincho),
    )
    ws.set_row(r - 1, 24)
    r += 1
    put(ws, f"A{r}:B{r}", "区　　分", lab)
    put(ws, f"C{r}:H{r}", "協　議　事　項", bk.f(b=1, al="center", **mincho))
    put(ws, f"I{r}:J{r}", "備　　考", bk.f(b=1, al="center", **mincho))
    r += 1
    for i in range(4):
        item = t["agenda"][i] if i < len(t["agenda"]) else (None, None, None)
        cat = item[0]
        if i == 3:
            cat = "そ　の　他"
        put(ws, f"A{r}:B{r}", cat, bk.f(b=1, al="center", wrap=True, **mincho))
        put(ws, f"C{r}:H{r}", item[1], val)
        put(ws, f"I{r}:J{r}", item[2], val)
        ws.set_row(r - 1, 28)
        r += 1
    if t.get("legend"):
        put(ws, f"A{r}:J{r}", t["legend"], bk.f(wrap=True, font="ＭＳ 明朝", sz=9))
        ws.set_row(r - 1, 28)
        r += 1
    put(ws, f"A{r}:B{r + 4}", "協議内容等", lab)
    put(ws, f"C{r}:J{r + 4}", t["discussion"], valtop)
    for k in range(5):
        ws.set_row(r - 1 + k, 22)
    r += 5
    put(ws, f"A{r}:E{r}", "要　望　事　項", bk.f(b=1, al="center", **mincho))
    put(ws, f"F{r}:J{r}", "措置・回答", bk.f(b=1, al="center", **mincho))
    r += 1
    put(ws, f"A{r}:E{r + 2}", t["requests"], valtop)
    put(ws, f"F{r}:J{r + 2}", t["responses"], valtop)
    for k in range(3):
        ws.set_row(r - 1 + k, 26)
    r += 3
    put(ws, f"A{r}:B{r + 1}", "参考事項\n（写真添付）", lab)
    put(ws, f"C{r}:J{r + 1}", t.get("reference"), valtop)
    r += 2
    put(ws, f"A{r}:B{r}", "出席警察官名", lab)
    put(ws, f"C{r}:J{r}", t["officers"], val)
    ws.set_row(r - 1, 26)
    r += 1
    put(ws, f"A{r}:B{r}", "別　　添", lab)
    put(ws, f"C{r}:J{r}", t.get("attach"), val)
    a4(ws, area=f"A1:J{r}")
    return r


def labels_above_sheet(bk, ws, v, example=False):
    """Labels in one row, values in the row below; 6 equal columns."""
    for c in range(6):
        ws.set_column(c, c, 15)
    red = bk.f(fc="#FF0000", bold=True, sz=16, al="center")
    put(ws, "A1:F1", "交番・駐在所連絡協議会開催結果報告書", bk.f(al="center", bold=True, sz=15))
    ws.set_row(0, 30)
    if example:
        put(ws, "A2", "記入例", red)
    put(ws, "F2", "地域指導係宛", bk.f(al="right"))
    for i, s in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
        put(ws, f"{colname(i)}3", s, bk.f(b=1, al="center", sz=9))
        put(ws, f"{colname(i)}4", None, bk.f(b=1))
    ws.set_row(3, 40)
    lab = bk.f(b=1, bg="#DDEBF7", sz=10)
    val = bk.f(b=1, wrap=True, va="top")
    valc = bk.f(b=1, al="center")
    put(ws, "A6", "所属", lab)
    put(ws, "B6", "報告者", lab)
    put(ws, "C6", "警電", lab)
    put(ws, "D6", "協議会名", lab)
    put(ws, "E6:F6", "施設名", lab)
    put(ws, "A7", v["affiliation"], val)
    put(ws, "B7", v["reporter"], val)
    put(ws, "C7", v["phone"], val)
    put(ws, "D7", v["council"], val)
    put(ws, "E7:F7", v["facility"], val)
    ws.set_row(6, 30)
    put(ws, "A9", "開催日", lab)
    put(ws, "B9", "開始時刻", lab)
    put(ws, "C9", "終了時刻", lab)
    put(ws, "D9:F9", "開催場所", lab)
    put(ws, "A10", v["date"], bk.f(b=1, al="center", nf="yyyy/m/d"))
    put(ws, "B10", v["start"], bk.f(b=1, al="center", nf="h:mm"))
    put(ws, "C10", v["end"], bk.f(b=1, al="center", nf="h:mm"))
    put(ws, "D10:F10", v["venue"], val)
    put(ws, "A12", "出席者数（警察官）", lab)
    put(ws, "B12", "出席者数（民間）", lab)
    put(ws, "C12", "会議種別", lab)
    put(ws, "A13", v["police"], bk.f(b=1, al="center", nf='0"人"'))
    put(ws, "B13", v["civil"], bk.f(b=1, al="center", nf='0"人"'))
    put(ws, "C13", v["mtype"], valc)
    ws.data_validation("C13", {"validate": "list", "source": "=リスト!$A$1:$A$2"})
    put(ws, "A15", "区分", lab)
    put(ws, "B15:E15", "協議事項", lab)
    put(ws, "F15", "備考", lab)
    for i in range(4):
        r = 16 + i
        a = v["agenda"][i] if i < len(v["agenda"]) else (None, None, None)
        put(ws, f"A{r}", a[0], bk.f(b=1, wrap=True, sz=9))
        put(ws, f"B{r}:E{r}", a[1], val)
        put(ws, f"F{r}", a[2], val)
        ws.data_validation(f"A{r}", {"validate": "list", "source": "=リスト!$B$1:$B$4"})
        ws.set_row(r - 1, 30)
    put(ws, "A21:F21", "協議内容等", lab)
    put(ws, "A22:F26", v["discussion"], val)
    put(ws, "A28:C28", "要望事項", lab)
    put(ws, "D28:F28", "措置・回答", lab)
    for i in range(3):
        r = 29 + i
        q = v["requests"][i] if i < len(v["requests"]) else (None, None)
        put(ws, f"A{r}:C{r}", q[0], val)
        put(ws, f"D{r}:F{r}", q[1], val)
        ws.set_row(r - 1, 32)
    put(ws, "A33:F33", "参考事項（写真添付）", lab)
    put(ws, "A34:F35", v["reference"], val)
    put(ws, "A37:F37", "出席警察官名", lab)
    put(ws, "A38:F38", v["officers"], val)
    ws.set_row(37, 48)
    a4(ws, area="A1:F38")


def instructions_sheet(bk, ws, lines):
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, 96)
    for i, ln in enumerate(lines):
        ws.write_string(i + 1, 1, ln, bk.f(wrap=True, bold=(i == 0), sz=12 if i == 0 else 10.5))


# ---------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------


@workbook("【中央署】駅前交番連絡協議会結果報告（R8.10.15）", "xlsx")
def w_chuo_ekimae(path):
    d = D(2026, 10, 15)
    bk = Book(path, font="ＭＳ 明朝")
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    t = dict(
        affiliation="中央警察署",
        reporter="巡査部長　山田　太郎",
        phone="５２１４",
        council="駅前交番連絡協議会",
        facility="駅前交番",
        datetime=jdate(d, "wareki_fw") + "午後２時～午後３時３０分",
        venue="駅前町内会館",
        police="３",
        civil="１１",
        mtype="■定期　　□臨時",
        agenda=[
            ("交番等の活動状況", "上半期の交番活動（巡回連絡・立番）について", "資料配布"),
            (
                "地域住民等に身近な事件・事故等の発生状況",
                "管内の自転車盗・特殊詐欺の発生状況",
                None,
            ),
            ("地域の祭礼等の催事・行事", "駅前商店街秋まつりの警備について", None),
        ],
        agenda_other=("防犯カメラ設置補助制度の紹介", "市防災安全課から説明"),
        discussion=(
            "・上半期の巡回連絡の実施状況を説明した。\n"
            "・自転車盗は駅北口駐輪場で多発しており、ツーロックの呼び掛けを依頼した。\n"
            "・秋まつり当日は商店街と連携し、雑踏警戒を行うことを確認した。"
        ),
        requests=[
            (
                "駅北口駐輪場付近の街路灯が暗いので増設してほしい。",
                "市道路管理課へ連絡し、現地確認の上で検討するとの回答を得た。",
            ),
            (
                "祭り当日の交通規制区間を回覧で周知してほしい。",
                "規制図を作成し、町内会の回覧で周知した。",
            ),
        ],
        reference="交番だより第１２号を配布",
        officers="巡査部長　山田太郎、巡査長　佐々木健一、巡査　中村優斗",
        attach="交番だより",
    )
    hogan(bk, ws, t)
    a4(ws, area="A1:AH34")
    bk.close()
    r = rec(
        affiliation="中央警察署",
        reporter="巡査部長 山田 太郎",
        phone="5214",
        council_name="駅前交番連絡協議会",
        facility_name="駅前交番",
        date=d,
        start_time="14:00",
        end_time="15:30",
        venue="駅前町内会館",
        police_attendees=3,
        civilian_attendees=11,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "上半期の交番活動（巡回連絡・立番）について", "資料配布"),
            (CAT_INC, "管内の自転車盗・特殊詐欺の発生状況", None),
            (CAT_FES, "駅前商店街秋まつりの警備について", None),
            (CAT_OTH, "防犯カメラ設置補助制度の紹介", "市防災安全課から説明"),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        reference="交番だより第１２号を配布",
        officers=["巡査部長 山田太郎", "巡査長 佐々木健一", "巡査 中村優斗"],
    )
    return [("報告書", r)], []


@workbook("北署_緑町駐在所_協議会報告_0927", "xlsx")
def w_kita_midori(path):
    d = D(2026, 9, 27)
    bk = Book(path)
    ws = bk.wb.add_worksheet("緑町")
    hogan_setup(ws, extra=6)
    ws.set_column(40, 40, 6, None, {"hidden": True})
    toks = [
        ("令和", 2),
        ("８", 1),
        ("年", 1),
        ("９", 1),
        ("月", 1),
        ("２７", 2),
        ("日", 1),
        ("（日）", 2),
        ("１０", 2),
        ("時", 1),
        ("００", 2),
        ("分", 1),
        ("～", 1),
        ("１１", 2),
        ("時", 1),
        ("３０", 2),
        ("分", 1),
    ]
    t = dict(
        affiliation="北警察署",
        reporter="巡査部長　小林　誠",
        phone="６３０－２２",
        council="緑町駐在所連絡協議会",
        facility="緑町駐在所",
        date_tokens=toks,
        venue="緑町公民館　第１会議室",
        police="２",
        civil="９",
        mtype_checked="regular",
        agenda=[
            ("交番等の活動状況", "駐在所の活動と駐在所だよりについて", None),
            ("身近な事件・事故等の発生状況", "高齢者が当事者の交通事故の発生状況", "交通課資料"),
            ("地域の祭礼等の催事・行事", "緑町八幡神社秋季例大祭の交通整理", None),
        ],
        discussion=(
            "高齢者の交通事故について、夕暮れ時の反射材着用を呼び掛けることとした。\n"
            "例大祭（１０月１１日）は氏子総代会と交通整理の配置を打ち合わせた。"
        ),
        requests=[
            (
                "県道交差点（緑町三丁目）の横断歩道の白線が消えかけている。",
                "道路管理者に連絡済み。公安委員会へ上申中。",
            )
        ],
        reference=None,
        officers_list=["巡査部長　小林　誠", "巡査　田村　翔"],
        attach=None,
    )
    end, info = hogan(
        bk,
        ws,
        t,
        dict(
            stamps="right",
            date_mode="split",
            mtype_mode="vml",
            hidden_col=40,
            off_mode="cells",
            attach=False,
            other_row=True,
        ),
    )
    bk.patches.append(add_checkboxes(1, info["checkboxes"]))
    a4(ws, area=f"A1:AM{end}")
    bk.close()
    r = rec(
        affiliation="北警察署",
        reporter="巡査部長 小林 誠",
        phone="630-22",
        council_name="緑町駐在所連絡協議会",
        facility_name="緑町駐在所",
        date=d,
        start_time="10:00",
        end_time="11:30",
        venue="緑町公民館 第1会議室",
        police_attendees=2,
        civilian_attendees=9,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "駐在所の活動と駐在所だよりについて", None),
            (CAT_INC, "高齢者が当事者の交通事故の発生状況", "交通課資料"),
            (CAT_FES, "緑町八幡神社秋季例大祭の交通整理", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 小林 誠", "巡査 田村 翔"],
    )
    return [("緑町", r)], []


@workbook("港南署　港交番　連絡協議会（8月）", "xlsx")
def w_konan_minato(path):
    # The officer re-used last meeting's file: old agenda and request rows are hidden,
    # the new ones typed below them.
    d = D(2026, 8, 26)
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告")
    hogan_setup(ws)
    t = dict(
        affiliation="港南警察署",
        reporter="警部補　大西　浩二",
        phone="４４１２",
        council="港地区交番連絡協議会",
        facility="港交番",
        datetime=jdate(d, "wareki") + "　19:00～20:30",
        venue="港交番２階会議室",
        police="4",
        civil="7",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "夏季の夜間警戒（海水浴場周辺）の実施結果", None),
            (
                "地域住民等に身近な事件・事故等の発生状況",
                "車上ねらいの発生状況（海岸駐車場）",
                None,
            ),
            ("交番等の活動状況", "old", None),
            ("地域住民等に身近な事件・事故等の発生状況", "old", None),
            ("地域の祭礼等の催事・行事", "港まつり花火大会（９月）の雑踏警備", "署警備課と調整"),
        ],
        agenda_other=None,
        discussion=(
            "海岸駐車場での車上ねらいについて、貴重品を車内に残さないよう看板を設置することになった。\n"
            "花火大会当日は自治会役員が誘導員として協力することを確認した。"
        ),
        requests=[
            ("old", "old"),
            ("old", "old"),
            (
                "海岸通りの違法駐車の取締りを強化してほしい。",
                "交通課に伝達し、週末の取締りを実施している。",
            ),
            ("防犯灯の電球切れ（港町２丁目）", None),
        ],
        reference=None,
        officers="警部補 大西浩二, 巡査部長 森田剛, 巡査 石井大地, 巡査 吉村 彩",
        attach=None,
    )
    # typed list above holds the old rows: replace texts of hidden rows with last meeting's items
    t["agenda"][2] = ("交番等の活動状況", "春の地域安全運動の実施結果", None)
    t["agenda"][3] = (
        "地域住民等に身近な事件・事故等の発生状況",
        "管内の侵入盗の発生状況（５月末）",
        None,
    )
    t["requests"][0] = (
        "港公園のトイレ付近で夜間若者がたむろしている。",
        "夜間の警ら時に立ち寄りを強化した。",
    )
    t["requests"][1] = ("通学路の見守り活動への協力", "登校時の立番を実施した。")
    end, info = hogan(bk, ws, t, dict(agenda_rows=6, req_rows=4, attach=False))
    for rr in info["agenda_rows"][2:4] + info["req_rows"][0:2]:
        ws.set_row(rr, 30, None, {"hidden": True})
    # helper columns (hidden) with the weekday check the officer used
    ws.set_column(35, 37, 10, None, {"hidden": True})
    dr_ = info["rows"]["date"]
    ws.write_string(dr_, 35, "曜日確認")
    ws.write_datetime(dr_, 36, datetime.datetime(2026, 8, 26), bk.f(nf="yyyy/m/d"))
    ws.write_formula(dr_, 37, f'=TEXT(AK{dr_ + 1},"aaa")', None, "水")
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="港南警察署",
        reporter="警部補 大西 浩二",
        phone="4412",
        council_name="港地区交番連絡協議会",
        facility_name="港交番",
        date=d,
        start_time="19:00",
        end_time="20:30",
        venue="港交番2階会議室",
        police_attendees=4,
        civilian_attendees=7,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "夏季の夜間警戒（海水浴場周辺）の実施結果", None),
            (CAT_INC, "車上ねらいの発生状況（海岸駐車場）", None),
            (CAT_FES, "港まつり花火大会（９月）の雑踏警備", "署警備課と調整"),
        ],
        discussion=t["discussion"],
        requests=[
            (
                "海岸通りの違法駐車の取締りを強化してほしい。",
                "交通課に伝達し、週末の取締りを実施している。",
            ),
            ("防犯灯の電球切れ（港町２丁目）", None),
        ],
        officers=["警部補 大西浩二", "巡査部長 森田剛", "巡査 石井大地", "巡査 吉村 彩"],
    )
    return [("報告", r)], []


@workbook("西山署_山田駐在所_R8-07-15", "xlsx")
def w_nishiyama_yamada(path):
    d = D(2026, 7, 15)
    bk = Book(path)
    ws = bk.wb.add_worksheet("様式")
    hogan_setup(ws)
    t = dict(
        affiliation="西山警察署",
        reporter="〇〇　〇〇",
        phone="○○○-○○○",
        council="山田地区駐在所連絡協議会",
        facility="山田駐在所",
        datetime="令和８年７月１５日（水）　午後１時３０分から午後３時まで",
        venue="山田地区集会所",
        police="1",
        civil="10",
        mtype_checked="extraordinary",
        agenda=[
            ("2", "連続して発生した空き家への侵入盗について", "刑事課員出席"),
            ("1", "駐在所員による夜間の警戒強化について", None),
        ],
        agenda_other=None,
        discussion="侵入盗の手口（無施錠の勝手口からの侵入）を説明し、空き家の管理者への連絡体制を協議した。",
        requests=[
            (
                "空き家の所有者へ施錠の確認を依頼してほしい。",
                "区長を通じて所有者へ連絡することとした。",
            ),
            ("集落入口に防犯カメラを設置できないか。", "市の補助制度を紹介。次回までに検討する。"),
        ],
        reference="※写真がある場合は貼り付けること",
        officers="巡査部長　上田　守",
        attach="なし",
    )
    legend = "※区分欄は、1 交番等の活動状況　2 地域住民等に身近な事件・事故等の発生状況　3 地域の祭礼等の催事・行事　4 その他　の番号を記入"
    end, _info = hogan(bk, ws, t, dict(mtype_mode="ellipse", cat_mode="codes", legend=legend))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="西山警察署",
        reporter=None,
        phone=None,
        council_name="山田地区駐在所連絡協議会",
        facility_name="山田駐在所",
        date=d,
        start_time="13:30",
        end_time="15:00",
        venue="山田地区集会所",
        police_attendees=1,
        civilian_attendees=10,
        meeting_type="extraordinary",
        agenda=[
            (CAT_INC, "連続して発生した空き家への侵入盗について", "刑事課員出席"),
            (CAT_ACT, "駐在所員による夜間の警戒強化について", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        reference=None,
        officers=["巡査部長 上田 守"],
    )
    return [("様式", r)], []


@workbook("開催結果報告（大和田署・新田交番）", "ods")
def w_owada_nitta(path):
    d = D(2026, 11, 4)
    bk = Book(path, font="ＭＳ 明朝")
    ws = bk.wb.add_worksheet("報告書")
    t = dict(
        affiliation="大和田警察署",
        reporter_label="報　告　者",
        reporter="交番所長　警部補　松本　浩",
        council_line="協議会名：新田地区交番連絡協議会　　　施設名：新田交番",
        datetime=jdate(d, "wareki") + "　午後６時３０分～午後８時",
        venue="新田コミュニティセンター　会議室Ａ",
        counts="警察官　３人　　民間　１４人",
        mtype="regular",
        agenda=[
            ("交番等の活動状況", "年末の特別警戒と交番の立番強化", None),
            ("身近な事件・事故", "特殊詐欺（警察官をかたる電話）の発生状況", "署生活安全課"),
            ("催事・行事", "新田地区もちつき大会（１２月）の交通対策", None),
            (None, "地域防犯マップの改訂", None),
        ],
        legend="",
        discussion=(
            "１　年末年始の特別警戒の概要を説明した。\n"
            "２　警察官をかたる詐欺電話が１０月以降に５件確認されており、委員から老人クラブでも周知したいとの意見があった。\n"
            "３　もちつき大会当日の会場周辺の駐車について協議した。"
        ),
        requests="・新田小学校前の道路にゾーン３０の表示をしてほしい。",
        responses="・署交通課を通じて道路管理者へ要望済み。",
        officers="警部補　松本　浩、巡査部長　原田　隆、巡査　菅原　美咲",
        attach="防犯マップ（案）",
    )
    t["agenda"][3] = ("", "地域防犯マップの改訂", None)
    word_form(bk, ws, t)
    bk.close()
    r = rec(
        affiliation="大和田警察署",
        reporter="交番所長 警部補 松本 浩",
        phone=None,
        council_name="新田地区交番連絡協議会",
        facility_name="新田交番",
        date=d,
        start_time="18:30",
        end_time="20:00",
        venue="新田コミュニティセンター 会議室A",
        police_attendees=3,
        civilian_attendees=14,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "年末の特別警戒と交番の立番強化", None),
            (CAT_INC, "特殊詐欺（警察官をかたる電話）の発生状況", "署生活安全課"),
            (CAT_FES, "新田地区もちつき大会（１２月）の交通対策", None),
            (CAT_OTH, "地域防犯マップの改訂", None),
        ],
        discussion=t["discussion"],
        requests=[
            (
                "新田小学校前の道路にゾーン３０の表示をしてほしい。",
                "署交通課を通じて道路管理者へ要望済み。",
            )
        ],
        officers=["警部補 松本 浩", "巡査部長 原田 隆", "巡査 菅原 美咲"],
    )
    return [("報告書", r)], []


@workbook("川北署地域課_上半期開催状況とりまとめ", "xlsx")
def w_kawakita_station(path):
    bk = Book(path, size=10)
    ws = bk.wb.add_worksheet("開催状況")
    cols = [
        ("交番・駐在所名", 11),
        ("協議会名", 16),
        ("開催日", 10),
        ("時間", 11),
        ("開催場所", 13),
        ("種別", 5),
        ("警察官", 5),
        ("民間", 5),
        ("区分", 14),
        ("協議事項", 26),
        ("協議内容", 30),
        ("要望事項", 22),
        ("措置・回答", 22),
        ("出席警察官", 16),
        ("報告者", 13),
    ]
    for i, (_, w) in enumerate(cols):
        ws.set_column(i, i, w)
    put(
        ws,
        "A1:O1",
        "令和８年度上半期　交番・駐在所連絡協議会開催状況（川北警察署地域課）",
        bk.f(bold=True, sz=13),
    )
    put(ws, "A2:O2", "所属：川北警察署", bk.f(sz=10))
    hd = bk.f(b=1, al="center", bg="#E2EFDA", wrap=True)
    for i, (h, _) in enumerate(cols):
        put(ws, f"{colname(i)}4", h, hd)
    ws.set_row(3, 30)
    cell = bk.f(b=1, wrap=True, va="top")
    cellc = bk.f(b=1, wrap=True, va="top", al="center")
    datef = bk.f(b=1, va="top", al="center", nf="yyyy/m/d")
    meetings = [
        dict(
            fac="川北駅前交番",
            council="川北駅前交番連絡協議会",
            d=D(2026, 4, 22),
            time="14:00～15:30",
            venue="駅前商工会館",
            kind="定期",
            p=3,
            c=10,
            agenda=[
                ("交番等の活動状況", CAT_ACT, "新年度の交番体制と重点"),
                ("身近な事件・事故", CAT_INC, "駅周辺の置引き被害"),
                ("その他", CAT_OTH, "防犯ボランティアの募集"),
            ],
            disc="新年度の交番勤務員を紹介した。\n駅構内での置引き防止のポスター掲示について鉄道会社と調整することとした。",
            reqs=[
                ("駅前ロータリーの客待ちタクシーの違法駐車", "交通課と連携して指導取締りを行う。")
            ],
            off="警部補 岡田 修、巡査部長 村上 亮、巡査 平野 匠",
            rep="警部補　岡田　修",
        ),
        dict(
            fac="東川駐在所",
            council="東川地区駐在所連絡協議会",
            d=D(2026, 5, 30),
            time="10:00～11:00",
            venue="東川駐在所",
            kind="定期",
            p=1,
            c=7,
            agenda=[
                ("交番等の活動状況", CAT_ACT, "駐在所の巡回連絡の予定"),
                ("祭礼等の催事・行事", CAT_FES, "東川花火大会の駐車場対策"),
            ],
            disc="花火大会当日は臨時駐車場を小学校グラウンドとし、誘導を青年団が行うこととした。",
            reqs=[],
            off="巡査部長 森 一馬",
            rep="巡査部長　森　一馬",
        ),
        dict(
            fac="北原交番",
            council="北原交番連絡協議会",
            d=D(2026, 6, 24),
            time="19:00～20:30",
            venue="北原公民館",
            kind="臨時",
            p=2,
            c=15,
            agenda=[
                ("身近な事件・事故", CAT_INC, "北原小学校区での声掛け事案の続発"),
                ("交番等の活動状況", CAT_ACT, "下校時間帯の見守り活動"),
            ],
            disc="６月に声掛け事案が４件続いたため、ＰＴＡ役員と学校関係者の参加を得て臨時に開催した。\n下校時間帯の立番と見守り隊の配置を調整した。",
            reqs=[
                (
                    "通学路の空き地の草を刈ってほしい（見通しが悪い）。",
                    "地権者に依頼し、７月上旬に草刈りが実施された。",
                ),
                ("不審者情報をメールで配信してほしい。", "県警の防犯メール登録を案内した。"),
            ],
            off="巡査部長 石田 剛、巡査 小野寺 智",
            rep="巡査部長　石田　剛",
        ),
        dict(
            fac="北原交番",
            council="北原交番連絡協議会",
            d=D(2026, 9, 9),
            time="19:00～20:00",
            venue="北原公民館",
            kind="定期",
            p=2,
            c=9,
            agenda=[("交番等の活動状況", CAT_ACT, "声掛け事案のその後と見守り活動の結果")],
            disc="７月以降同種事案の発生はない。見守り活動を２学期も継続することとした。",
            reqs=[("見守り隊用のベストを増やしてほしい。", None)],
            off="巡査部長 石田 剛、巡査 小野寺 智",
            rep="巡査部長　石田　剛",
        ),
    ]
    r = 5
    out = []
    for m in meetings:
        n = max(len(m["agenda"]), len(m["reqs"]), 1)
        r2 = r + n - 1

        def span(col, v, fm, r=r, r2=r2):
            put(ws, f"{col}{r}:{col}{r2}", v, fm)

        span("A", m["fac"], cell)
        span("B", m["council"], cell)
        span("C", datetime.datetime(m["d"].year, m["d"].month, m["d"].day), datef)
        span("D", m["time"], cellc)
        span("E", m["venue"], cell)
        span("F", m["kind"], cellc)
        span("G", m["p"], cellc)
        span("H", m["c"], cellc)
        for k in range(n):
            a = m["agenda"][k] if k < len(m["agenda"]) else None
            q = m["reqs"][k] if k < len(m["reqs"]) else None
            put(ws, f"I{r + k}", a[0] if a else None, cell)
            put(ws, f"J{r + k}", a[2] if a else None, cell)
            put(ws, f"L{r + k}", q[0] if q else None, cell)
            put(ws, f"M{r + k}", q[1] if q else None, cell)
            ws.set_row(r + k - 1, 45)
        span("K", m["disc"], cell)
        span("N", m["off"], cell)
        span("O", m["rep"], cell)
        st, en = m["time"].split("～")
        out.append(
            (
                "開催状況",
                rec(
                    affiliation="川北警察署",
                    reporter=m["rep"],
                    council_name=m["council"],
                    facility_name=m["fac"],
                    date=m["d"],
                    start_time=st,
                    end_time=en,
                    venue=m["venue"],
                    police_attendees=m["p"],
                    civilian_attendees=m["c"],
                    meeting_type="regular" if m["kind"] == "定期" else "extraordinary",
                    agenda=[(c, tp, None) for _, c, tp in m["agenda"]],
                    discussion=m["disc"],
                    requests=m["reqs"],
                    officers=[o.strip() for o in m["off"].split("、")],
                ),
            )
        )
        r = r2 + 1
    ws.set_paper(8)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
    ws.print_area(f"A1:O{r - 1}")
    # summary sheet
    ss = bk.wb.add_worksheet("集計")
    ss.set_column(0, 0, 16)
    ss.set_column(1, 4, 9)
    put(ss, "A1:E1", "上半期　開催回数集計", bk.f(bold=True, sz=12))
    for i, h in enumerate(["交番・駐在所", "定期", "臨時", "計", "民間参加者"]):
        put(ss, f"{colname(i)}3", h, hd)
    facs = ["川北駅前交番", "東川駐在所", "北原交番", "西川駐在所"]
    for k, f_ in enumerate(facs):
        row = 4 + k
        reg = sum(1 for m in meetings if m["fac"] == f_ and m["kind"] == "定期")
        ext = sum(1 for m in meetings if m["fac"] == f_ and m["kind"] == "臨時")
        civ = sum(m["c"] for m in meetings if m["fac"] == f_)
        put(ss, f"A{row}", f_, cell)
        ss.write_formula(
            f"B{row}", f'=COUNTIFS(開催状況!$A:$A,$A{row},開催状況!$F:$F,"定期")', cellc, reg
        )
        ss.write_formula(
            f"C{row}", f'=COUNTIFS(開催状況!$A:$A,$A{row},開催状況!$F:$F,"臨時")', cellc, ext
        )
        ss.write_formula(f"D{row}", f"=B{row}+C{row}", cellc, reg + ext)
        ss.write_formula(f"E{row}", f"=SUMIF(開催状況!$A:$A,$A{row},開催状況!$H:$H)", cellc, civ)
    row = 4 + len(facs)
    put(ss, f"A{row}", "合計", cell)
    for c, v in zip("BCDE", [3, 1, 4, sum(m["c"] for m in meetings)], strict=False):
        ss.write_formula(f"{c}{row}", f"=SUM({c}4:{c}{row - 1})", cellc, v)
    bk.close()
    return out, ["集計"]


@workbook("中川駐在所　協議会開催記録簿", "xlsx")
def w_nakagawa_columns(path):
    bk = Book(path, font="ＭＳ 明朝", size=10.5)
    ws = bk.wb.add_worksheet("開催記録")
    ws.set_column(0, 0, 20)
    ws.set_column(1, 3, 34)
    put(
        ws,
        "A1:D1",
        "中川駐在所連絡協議会　開催記録簿（令和８年度）",
        bk.f(bold=True, sz=14, al="center", font="ＭＳ 明朝"),
    )
    lab = bk.f(b=1, bg="#FFF2CC", wrap=True, font="ＭＳ 明朝", sz=10.5)
    cell = bk.f(b=1, wrap=True, va="top", font="ＭＳ 明朝", sz=10.5)
    put(ws, "A3", "所属", lab)
    put(ws, "B3", "桜台警察署", cell)
    put(ws, "A4", "施設名", lab)
    put(ws, "B4", "中川駐在所", cell)
    put(ws, "A5", "協議会名", lab)
    put(ws, "B5", "中川駐在所連絡協議会", cell)
    put(ws, "A6", "報告者（警電）", lab)
    put(ws, "B6", "巡査部長　青木　大輔（８３０５）", cell)
    rows = [
        "開催日",
        "開催時間",
        "開催場所",
        "会議種別",
        "出席者数（警察官）",
        "出席者数（民間）",
        "協議事項（交番等の活動状況）",
        "協議事項（身近な事件・事故等の発生状況）",
        "協議事項（祭礼等の催事・行事）",
        "協議事項（その他）",
        "協議内容",
        "要望事項",
        "措置・回答",
        "参考事項",
        "出席警察官名",
    ]
    put(ws, "A8", "項目", bk.f(b=1, al="center", bg="#D9D9D9", font="ＭＳ 明朝", sz=10.5))
    for i, h in enumerate(["第１回", "第２回", "第３回"]):
        put(
            ws,
            f"{colname(1 + i)}8",
            h,
            bk.f(b=1, al="center", bg="#D9D9D9", font="ＭＳ 明朝", sz=10.5),
        )
    m1 = {
        "開催日": jdate(D(2026, 6, 6), "wareki"),
        "開催時間": "午後７時から午後８時３０分",
        "開催場所": "中川地区公民館",
        "会議種別": "定期会議",
        "出席者数（警察官）": "１人",
        "出席者数（民間）": "１１人",
        "協議事項（交番等の活動状況）": "駐在所の活動状況と巡回連絡",
        "協議事項（身近な事件・事故等の発生状況）": "農機具・農作物の盗難被害",
        "協議事項（祭礼等の催事・行事）": "中川夏まつり（８月）の交通規制",
        "協議内容": "農機具の盗難が近隣市町で発生していることから、倉庫の施錠と防犯灯の点灯を呼び掛けることとした。",
        "要望事項": "夏まつり当日の臨時駐車場に警察官を配置してほしい。",
        "措置・回答": "交通課と調整し、当日は２名を配置することとした。",
        "出席警察官名": "巡査部長　青木　大輔",
    }
    m2 = {
        "開催日": jdate(D(2026, 10, 24), "wareki"),
        "開催時間": "午前１０時から１１時３０分",
        "開催場所": "中川駐在所",
        "会議種別": "定期会議",
        "出席者数（警察官）": "２人",
        "出席者数（民間）": "８人",
        "協議事項（身近な事件・事故等の発生状況）": "管内の交通事故発生状況（高齢運転者）",
        "協議事項（その他）": "運転免許証の自主返納制度",
        "協議内容": "高齢運転者による物損事故が続いていることから、免許返納の支援制度（市のバス券交付）を紹介した。",
        "参考事項": "署交通課員による説明",
        "出席警察官名": "巡査部長　青木　大輔、巡査長　坂口　誠",
    }
    r = 9
    for h in rows:
        put(ws, f"A{r}", h, lab)
        for k, m in enumerate([m1, m2, {}]):
            put(ws, f"{colname(1 + k)}{r}", m.get(h), cell)
        ws.set_row(r - 1, 48 if h in ("協議内容", "要望事項", "措置・回答") else 24)
        r += 1
    a4(ws, landscape=True, area=f"A1:D{r - 1}")
    bk.close()
    common_ = dict(
        affiliation="桜台警察署",
        reporter="巡査部長 青木 大輔",
        phone="8305",
        council_name="中川駐在所連絡協議会",
        facility_name="中川駐在所",
    )
    r1 = rec(
        **common_,
        date=D(2026, 6, 6),
        start_time="19:00",
        end_time="20:30",
        venue="中川地区公民館",
        police_attendees=1,
        civilian_attendees=11,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, m1["協議事項（交番等の活動状況）"], None),
            (CAT_INC, m1["協議事項（身近な事件・事故等の発生状況）"], None),
            (CAT_FES, m1["協議事項（祭礼等の催事・行事）"], None),
        ],
        discussion=m1["協議内容"],
        requests=[(m1["要望事項"], m1["措置・回答"])],
        officers=["巡査部長 青木 大輔"],
    )
    r2 = rec(
        **common_,
        date=D(2026, 10, 24),
        start_time="10:00",
        end_time="11:30",
        venue="中川駐在所",
        police_attendees=2,
        civilian_attendees=8,
        meeting_type="regular",
        agenda=[
            (CAT_INC, m2["協議事項（身近な事件・事故等の発生状況）"], None),
            (CAT_OTH, m2["協議事項（その他）"], None),
        ],
        discussion=m2["協議内容"],
        requests=[],
        reference="署交通課員による説明",
        officers=["巡査部長 青木 大輔", "巡査長 坂口 誠"],
    )
    return [("開催記録", r1), ("開催記録", r2)], []


@workbook("大橋駐在所_協議会結果報告（7月定期・臨時）", "xlsx")
def w_ohashi_stacked(path):
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    base = dict(
        affiliation="南陽警察署",
        reporter="巡査部長　岩崎　典男",
        phone="３３０７",
        council="大橋地区駐在所連絡協議会",
        facility="大橋駐在所",
    )
    t1 = dict(
        base,
        datetime=jdate(D(2026, 7, 4), "wareki_fw") + "　午後７時～午後８時",
        venue="大橋区民会館",
        police="２",
        civil="１３",
        mtype="■定期　□臨時",
        agenda=[
            ("交番等の活動状況", "駐在所の夏の重点活動（水難防止）", None),
            ("地域の祭礼等の催事・行事", "大橋川の川開き行事の安全対策", "消防団と合同"),
        ],
        discussion="川開き当日は消防団と合同で河川敷を巡回し、子どもの水難事故防止を呼び掛けることとした。",
        requests=[
            ("河川敷の立入禁止看板が古くなっている。", "河川事務所に連絡し、７月中に交換された。")
        ],
        officers="巡査部長　岩崎　典男、巡査　竹内　悠",
    )
    t2 = dict(
        base,
        datetime=jdate(D(2026, 7, 29), "wareki_fw") + "　午前１０時～午前１１時",
        venue="大橋駐在所",
        police="１",
        civil="５",
        mtype="□定期　■臨時",
        agenda=[
            (
                "地域住民等に身近な事件・事故等の発生状況",
                "大橋地区における車上ねらいの連続発生",
                None,
            )
        ],
        discussion="７月中旬以降、河川敷駐車場で車上ねらいが４件発生した。\n駐車場の夜間閉鎖について管理者と協議することとした。",
        requests=[("夜間に駐車場を閉鎖できないか。", "管理者（市公園課）と協議中。")],
        officers="巡査部長　岩崎　典男",
    )
    end1, _ = hogan(bk, ws, t1, dict(attach=False))
    ws.set_h_pagebreaks([end1 + 1])
    end2, _ = hogan(bk, ws, t2, dict(attach=False), top=end1 + 1)
    a4(ws, area=f"A1:AH{end2}")
    bk.close()
    common_ = dict(
        affiliation="南陽警察署",
        reporter="巡査部長 岩崎 典男",
        phone="3307",
        council_name="大橋地区駐在所連絡協議会",
        facility_name="大橋駐在所",
    )
    return [
        (
            "報告書",
            rec(
                **common_,
                date=D(2026, 7, 4),
                start_time="19:00",
                end_time="20:00",
                venue="大橋区民会館",
                police_attendees=2,
                civilian_attendees=13,
                meeting_type="regular",
                agenda=[
                    (CAT_ACT, "駐在所の夏の重点活動（水難防止）", None),
                    (CAT_FES, "大橋川の川開き行事の安全対策", "消防団と合同"),
                ],
                discussion=t1["discussion"],
                requests=t1["requests"],
                officers=["巡査部長 岩崎 典男", "巡査 竹内 悠"],
            ),
        ),
        (
            "報告書",
            rec(
                **common_,
                date=D(2026, 7, 29),
                start_time="10:00",
                end_time="11:00",
                venue="大橋駐在所",
                police_attendees=1,
                civilian_attendees=5,
                meeting_type="extraordinary",
                agenda=[(CAT_INC, "大橋地区における車上ねらいの連続発生", None)],
                discussion=t2["discussion"],
                requests=t2["requests"],
                officers=["巡査部長 岩崎 典男"],
            ),
        ),
    ], []


@workbook("南陽署（上原・中野駐在所）協議会報告", "xlsx")
def w_nanyo_side(path):
    bk = Book(path)
    ws = bk.wb.add_worksheet("上原・中野")
    hogan_setup(ws, 0)
    ws.set_column(34, 34, 3)
    hogan_setup(ws, 35)
    base = dict(affiliation="南陽警察署", reporter="巡査部長　野口　真司", phone="3310")
    t1 = dict(
        base,
        council="上原駐在所連絡協議会",
        facility="上原駐在所",
        datetime=jdate(D(2026, 6, 13), "wareki") + "　13:30～15:00",
        venue="上原コミュニティ消防センター",
        police="1",
        civil="8",
        mtype="定期（○）　臨時（　）",
        agenda=[
            ("交番等の活動状況", "駐在所の活動と管内の治安情勢", None),
            ("地域住民等に身近な事件・事故等の発生状況", "特殊詐欺の予兆電話", None),
        ],
        discussion="予兆電話が管内で６件確認されたことを説明し、老人クラブの会合で注意を呼び掛けることとした。",
        requests=[],
        officers="巡査部長　野口　真司",
    )
    t2 = dict(
        base,
        council="中野地区駐在所連絡協議会",
        facility="中野駐在所",
        datetime=jdate(D(2026, 6, 20), "wareki") + "　10:00～11:30",
        venue="中野公民館",
        police="2",
        civil="10",
        mtype="定期（○）　臨時（　）",
        agenda=[
            ("交番等の活動状況", "駐在所の活動状況", None),
            ("地域の祭礼等の催事・行事", "中野神社夏越祭の交通整理", None),
        ],
        agenda_other=("有害鳥獣（クマ）出没時の連絡体制", "町農林課出席"),
        discussion="夏越祭の交通整理は氏子会が行い、駐在所員が巡回することとした。\nクマ出没時は町、猟友会、駐在所で情報を共有することを確認した。",
        requests=[
            ("クマ出没情報を防災無線で流してほしい。", "町農林課が防災無線で周知することとなった。")
        ],
        officers="巡査部長　野口　真司、巡査長　今井　勇",
    )
    end1, _ = hogan(bk, ws, t1, dict(attach=False))
    end2, _ = hogan(bk, ws, t2, dict(attach=False), left=35)
    ws.set_v_pagebreaks([35])
    ws.set_paper(8)
    ws.set_landscape()
    ws.fit_to_pages(1, 1)
    ws.print_area(f"A1:BI{max(end1, end2)}")
    bk.close()
    common_ = dict(affiliation="南陽警察署", reporter="巡査部長 野口 真司", phone="3310")
    return [
        (
            "上原・中野",
            rec(
                **common_,
                council_name="上原駐在所連絡協議会",
                facility_name="上原駐在所",
                date=D(2026, 6, 13),
                start_time="13:30",
                end_time="15:00",
                venue="上原コミュニティ消防センター",
                police_attendees=1,
                civilian_attendees=8,
                meeting_type="regular",
                agenda=[
                    (CAT_ACT, "駐在所の活動と管内の治安情勢", None),
                    (CAT_INC, "特殊詐欺の予兆電話", None),
                ],
                discussion=t1["discussion"],
                requests=[],
                officers=["巡査部長 野口 真司"],
            ),
        ),
        (
            "上原・中野",
            rec(
                **common_,
                council_name="中野地区駐在所連絡協議会",
                facility_name="中野駐在所",
                date=D(2026, 6, 20),
                start_time="10:00",
                end_time="11:30",
                venue="中野公民館",
                police_attendees=2,
                civilian_attendees=10,
                meeting_type="regular",
                agenda=[
                    (CAT_ACT, "駐在所の活動状況", None),
                    (CAT_FES, "中野神社夏越祭の交通整理", None),
                    (CAT_OTH, "有害鳥獣（クマ）出没時の連絡体制", "町農林課出席"),
                ],
                discussion=t2["discussion"],
                requests=t2["requests"],
                officers=["巡査部長 野口 真司", "巡査長 今井 勇"],
            ),
        ),
    ], []


@workbook("緑ヶ丘交番協議会（11月）", "xlsx")
def w_midorigaoka(path):
    bk = Book(path, font="游ゴシック", size=11)
    ex = bk.wb.add_worksheet("記入例")
    ws = bk.wb.add_worksheet("報告書")
    ls = bk.wb.add_worksheet("リスト")
    ls.write_column("A1", ["定期会議", "臨時会議"])
    ls.write_column(
        "B1",
        [
            "交番等の活動状況",
            "地域住民等に身近な事件・事故等の発生状況",
            "地域の祭礼等の催事・行事",
            "その他",
        ],
    )
    ls.hide()
    labels_above_sheet(
        bk,
        ex,
        dict(
            affiliation="〇〇警察署",
            reporter="巡査部長　警察　太郎",
            phone="1234",
            council="〇〇交番連絡協議会",
            facility="〇〇交番",
            date=datetime.datetime(2026, 4, 10),
            start=datetime.time(14, 0),
            end=datetime.time(15, 30),
            venue="〇〇町内会館",
            police=3,
            civil=10,
            mtype="定期会議",
            agenda=[
                ("交番等の活動状況", "交番の活動状況について", None),
                (
                    "地域住民等に身近な事件・事故等の発生状況",
                    "管内の犯罪発生状況について",
                    "資料配布",
                ),
            ],
            discussion="協議の内容を簡潔に記入する。",
            requests=[("要望の内容を記入", "措置・回答の内容を記入")],
            reference="写真は別添とし、ここに枚数を記入",
            officers="巡査部長　警察太郎、巡査　安全花子",
        ),
        example=True,
    )
    v = dict(
        affiliation="緑ヶ丘警察署",
        reporter="巡査部長　渡辺　拓也",
        phone="5530",
        council="緑ヶ丘交番連絡協議会",
        facility="緑ヶ丘交番",
        date=datetime.datetime(2026, 11, 11),
        start=datetime.time(13, 30),
        end=datetime.time(15, 0),
        venue="緑ヶ丘自治会館",
        police=3,
        civil=15,
        mtype="定期会議",
        agenda=[
            ("交番等の活動状況", "年末年始特別警戒の取組", None),
            (
                "地域住民等に身近な事件・事故等の発生状況",
                "ＳＮＳを利用した投資詐欺の被害",
                "署生活安全課説明",
            ),
            ("その他", "防犯ボランティアの表彰推薦", None),
        ],
        discussion=(
            "投資詐欺の被害が県内で急増していることを説明した。\n"
            "委員から、自治会報に注意喚起の記事を掲載したいとの申出があり、原稿を交番で用意することとした。"
        ),
        requests=[
            ("緑ヶ丘公園の防犯灯が切れている箇所がある。", "市公園緑地課に連絡し、修理済み。"),
            ("交番不在時の連絡方法をもう一度周知してほしい。", None),
        ],
        reference=None,
        officers="巡査部長　渡辺　拓也\n巡査長　岡本　誠\n巡査　西村　陽菜",
    )
    labels_above_sheet(bk, ws, v)
    ws.activate()
    bk.close()
    r = rec(
        affiliation="緑ヶ丘警察署",
        reporter="巡査部長 渡辺 拓也",
        phone="5530",
        council_name="緑ヶ丘交番連絡協議会",
        facility_name="緑ヶ丘交番",
        date=D(2026, 11, 11),
        start_time="13:30",
        end_time="15:00",
        venue="緑ヶ丘自治会館",
        police_attendees=3,
        civilian_attendees=15,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "年末年始特別警戒の取組", None),
            (CAT_INC, "ＳＮＳを利用した投資詐欺の被害", "署生活安全課説明"),
            (CAT_OTH, "防犯ボランティアの表彰推薦", None),
        ],
        discussion=v["discussion"],
        requests=v["requests"],
        officers=["巡査部長 渡辺 拓也", "巡査長 岡本 誠", "巡査 西村 陽菜"],
    )
    return [("報告書", r)], ["記入例", "リスト"]


@workbook("連絡協議会報告_旭が丘交番", "xlsm")
def w_asahigaoka_formulas(path):
    bk = Book(path)
    bk.patches.append(macro_enabled)
    pr = bk.wb.add_worksheet("報告書")
    inp = bk.wb.add_worksheet("入力")
    ins = bk.wb.add_worksheet("記入要領")
    d = datetime.datetime(2026, 10, 29)
    data = [
        ("所属", "緑ヶ丘警察署"),
        ("報告者", "巡査部長　竹田　勝"),
        ("警電", "5541"),
        ("協議会名", "旭が丘交番連絡協議会"),
        ("施設名", "旭が丘交番"),
        ("開催日", d),
        ("開始時刻", datetime.time(13, 30)),
        ("終了時刻", datetime.time(15, 0)),
        ("開催場所", "旭が丘小学校　多目的室"),
        ("出席者数（警察官）", 2),
        ("出席者数（民間）", 13),
        ("会議種別", "定期会議"),
        ("区分1", "交番等の活動状況"),
        ("協議事項1", "登下校時の見守り活動（交番の取組）"),
        ("備考1", ""),
        ("区分2", "地域住民等に身近な事件・事故等の発生状況"),
        ("協議事項2", "通学路での交通事故（自転車と歩行者）"),
        ("備考2", "交通課資料"),
        ("区分3", ""),
        ("協議事項3", ""),
        ("備考3", ""),
        ("区分4", ""),
        ("協議事項4", ""),
        ("備考4", ""),
        (
            "協議内容等",
            "学校から、自転車のスピードの出し過ぎが目立つとの意見があった。\n交番から、通学路での指導取締りを強化すると説明した。",
        ),
        ("要望事項1", "小学校東門前の横断歩道に旗振りの応援がほしい。"),
        ("措置・回答1", "毎週月曜日の朝、交番員が立番することとした。"),
        ("要望事項2", ""),
        ("措置・回答2", ""),
        ("参考事項", ""),
        ("出席警察官1", "巡査部長　竹田　勝"),
        ("出席警察官2", "巡査　森本　大翔"),
        ("出席警察官3", ""),
    ]
    inp.set_column(0, 0, 4)
    inp.set_column(1, 1, 22)
    inp.set_column(2, 2, 50)
    inp.write("B1", "入力シート（黄色の欄に入力してください）", bk.f(bold=True))
    addr = {}
    for i, (k, v) in enumerate(data):
        r = 3 + i
        inp.write_string(r - 1, 1, k, bk.f(b=1))
        fm = bk.f(b=1, bg="#FFFF99", wrap=True)
        if isinstance(v, datetime.datetime):
            inp.write_datetime(r - 1, 2, v, bk.f(b=1, bg="#FFFF99", nf="yyyy/m/d"))
        elif isinstance(v, datetime.time):
            inp.write_datetime(r - 1, 2, v, bk.f(b=1, bg="#FFFF99", nf="h:mm"))
        elif isinstance(v, int):
            inp.write_number(r - 1, 2, v, fm)
        elif v:
            inp.write_string(r - 1, 2, v, fm)
        else:
            inp.write_blank(r - 1, 2, None, fm)
        addr[k] = f"入力!$C${r}"
    inp.hide()
    val = dict(data)
    # print sheet
    for c, w in enumerate([11, 11, 11, 11, 11, 11, 11, 11]):
        pr.set_column(c, c, w)
    put(pr, "A1:C1", "地域指導係宛", bk.f())
    put(pr, "A2:H2", "交番・駐在所連絡協議会開催結果報告書", bk.f(al="center", bold=True, sz=15))
    pr.set_row(1, 30)
    for i, s in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
        put(pr, f"{colname(2 + i)}4", s, bk.f(b=1, al="center", sz=9))
        put(pr, f"{colname(2 + i)}5", None, bk.f(b=1))
    pr.set_row(4, 40)
    lab = bk.f(b=1, al="center", bg="#EDEDED")
    cell = bk.f(b=1, wrap=True, va="top")

    def F(rng, formula, cached, fm=cell):
        a = rng.split(":")[0]
        if ":" in rng:
            pr.merge_range(rng, "", fm)
        pr.write_formula(a, formula, fm, cached)

    put(pr, "A7", "所属", lab)
    F("B7:D7", f"={addr['所属']}", val["所属"])
    put(pr, "E7", "報告者", lab)
    F("F7:H7", f"={addr['報告者']}", val["報告者"])
    put(pr, "A8", "警電", lab)
    F("B8:D8", f"={addr['警電']}", val["警電"])
    put(pr, "A9", "協議会名", lab)
    F("B9:D9", f"={addr['協議会名']}", val["協議会名"])
    put(pr, "E9", "施設名", lab)
    F("F9:H9", f"={addr['施設名']}", val["施設名"])
    dt_text = "令和8年10月29日（木）　13:30～15:00"
    put(pr, "A10", "開催日時", lab)
    F(
        "B10:H10",
        f'=TEXT({addr["開催日"]},"[$-ja-JP-x-gannen]ggge年m月d日")&"（"&TEXT({addr["開催日"]},"aaa")&"）　"'
        f'&TEXT({addr["開始時刻"]},"h:mm")&"～"&TEXT({addr["終了時刻"]},"h:mm")',
        dt_text,
    )
    put(pr, "A11", "開催場所", lab)
    F("B11:H11", f"={addr['開催場所']}", val["開催場所"])
    put(pr, "A12", "出席者数", lab)
    F(
        "B12:D12",
        f'="警察官　"&{addr["出席者数（警察官）"]}&"人　　民間　"&{addr["出席者数（民間）"]}&"人"',
        "警察官　2人　　民間　13人",
    )
    put(pr, "E12", "会議種別", lab)
    F("F12:H12", f"={addr['会議種別']}", val["会議種別"])
    put(pr, "A14:B14", "区分", lab)
    put(pr, "C14:G14", "協議事項", lab)
    put(pr, "H14", "備考", lab)
    for i in range(1, 5):
        r = 14 + i
        F(
            f"A{r}:B{r}",
            f'=IF({addr[f"区分{i}"]}="","",{addr[f"区分{i}"]})',
            val[f"区分{i}"],
            bk.f(b=1, wrap=True, sz=9),
        )
        F(
            f"C{r}:G{r}",
            f'=IF({addr[f"協議事項{i}"]}="","",{addr[f"協議事項{i}"]})',
            val[f"協議事項{i}"],
        )
        F(f"H{r}", f'=IF({addr[f"備考{i}"]}="","",{addr[f"備考{i}"]})', val[f"備考{i}"])
        pr.set_row(r - 1, 30)
    put(pr, "A20:A24", "協議内容等", bk.f(b=1, al="center", wrap=True, bg="#EDEDED"))
    F("B20:H24", f"={addr['協議内容等']}", val["協議内容等"])
    put(pr, "A26:D26", "要望事項", lab)
    put(pr, "E26:H26", "措置・回答", lab)
    for i in range(1, 3):
        r = 26 + i
        F(
            f"A{r}:D{r}",
            f'=IF({addr[f"要望事項{i}"]}="","",{addr[f"要望事項{i}"]})',
            val[f"要望事項{i}"],
        )
        F(
            f"E{r}:H{r}",
            f'=IF({addr[f"措置・回答{i}"]}="","",{addr[f"措置・回答{i}"]})',
            val[f"措置・回答{i}"],
        )
        pr.set_row(r - 1, 34)
    put(pr, "A30:B31", "参考事項（写真添付）", bk.f(b=1, al="center", wrap=True, bg="#EDEDED"))
    F("C30:H31", f'=IF({addr["参考事項"]}="","",{addr["参考事項"]})', "")
    put(pr, "A32:B32", "出席警察官名", lab)
    F(
        "C32:H32",
        f'=_xlfn.TEXTJOIN("、",TRUE,{addr["出席警察官1"]}:{addr["出席警察官3"].split("!")[1]})',
        "巡査部長　竹田　勝、巡査　森本　大翔",
    )
    a4(pr, area="A1:H32")
    # instructions
    ins.set_column(0, 0, 90)
    lines = [
        "【記入要領】",
        "１　「入力」シートの黄色の欄に入力すると、「報告書」シートに反映されます。",
        "２　開催日は「2026/10/1」のように入力してください。",
        "３　区分は、交番等の活動状況、地域住民等に身近な事件・事故等の発生状況、地域の祭礼等の催事・行事、その他から選択してください。",
        "４　要望事項に対する措置・回答が未了の場合は空欄とし、措置後に追加報告してください。",
        "５　印刷は「報告書」シートのみ行ってください。",
    ]
    for i, ln in enumerate(lines):
        ins.write_string(i, 0, ln, bk.f(wrap=True))
    bk.close()
    r = rec(
        affiliation="緑ヶ丘警察署",
        reporter="巡査部長 竹田 勝",
        phone="5541",
        council_name="旭が丘交番連絡協議会",
        facility_name="旭が丘交番",
        date=D(2026, 10, 29),
        start_time="13:30",
        end_time="15:00",
        venue="旭が丘小学校 多目的室",
        police_attendees=2,
        civilian_attendees=13,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "登下校時の見守り活動（交番の取組）", None),
            (CAT_INC, "通学路での交通事故（自転車と歩行者）", "交通課資料"),
        ],
        discussion=val["協議内容等"],
        requests=[(val["要望事項1"], val["措置・回答1"])],
        officers=["巡査部長 竹田 勝", "巡査 森本 大翔"],
    )
    return [("報告書", r)], ["入力", "記入要領"]


@workbook("桜台交番_協議会結果_2026-09", "xlsx")
def w_sakuradai_cellcheck(path):
    bk = Book(path, font="游ゴシック", size=10.5)
    ws = bk.wb.add_worksheet("結果報告")
    for c, w in enumerate([14, 12, 12, 4, 12, 4, 12, 14]):
        ws.set_column(c, c, w)
    put(ws, "A1:H1", "交番・駐在所連絡協議会開催結果報告書", bk.f(bold=True, sz=14, al="center"))
    put(ws, "A2:C2", "地域指導係宛", bk.f())
    for i, s in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
        c = [1, 2, 4, 6, 7, 0][i] if False else i + 2
        put(ws, f"{colname(c)}3", s, bk.f(b=1, al="center", sz=8))
        put(ws, f"{colname(c)}4", None, bk.f(b=1))
    ws.set_row(3, 36)
    lab = bk.f(b=1, bg="#E7E6E6")
    cell = bk.f(b=1, wrap=True)
    put(ws, "A6", "所属", lab)
    put(ws, "B6:C6", "桜台警察署", cell)
    put(ws, "D6:E6", "報告者", lab)
    put(ws, "F6:H6", "巡査部長 石川 慎吾", cell)
    put(ws, "A7", "警電", lab)
    put(ws, "B7:C7", "6620", cell)
    put(ws, "A8", "協議会名", lab)
    put(ws, "B8:C8", "桜台交番連絡協議会", cell)
    put(ws, "D8:E8", "施設名", lab)
    put(ws, "F8:H8", "桜台交番", cell)
    put(ws, "A9", "開催日", lab)
    put(ws, "B9:C9", datetime.datetime(2026, 9, 16), bk.f(b=1, nf='yyyy"年"m"月"d"日"(aaa)'))
    put(ws, "D9:E9", "時間", lab)
    put(ws, "F9", datetime.time(10, 0), bk.f(b=1, al="center", nf="h:mm"))
    put(ws, "G9", "～", bk.f(b=1, al="center"))
    put(ws, "H9", datetime.time(11, 30), bk.f(b=1, al="center", nf="h:mm"))
    put(ws, "A10", "開催場所", lab)
    put(ws, "B10:H10", "桜台地区センター　和室", cell)
    put(ws, "A11", "出席者数", lab)
    put(ws, "B11", "警察官", bk.f(b=1, al="right"))
    put(ws, "C11", 2, bk.f(b=1, nf='0"人"'))
    put(ws, "D11:E11", "民間", bk.f(b=1, al="right"))
    put(ws, "F11", 10, bk.f(b=1, nf='0"人"'))
    put(ws, "G11:H11", None, cell)
    put(ws, "A12", "会議種別", lab)
    ws.insert_checkbox("B12", True)
    put(ws, "C12", "定期会議", bk.f(b=1))
    ws.insert_checkbox("D12", False)
    put(ws, "E12:F12", "臨時会議", bk.f(b=1))
    put(ws, "G12:H12", None, cell)
    put(ws, "A14:B14", "区分", lab)
    put(ws, "C14:G14", "協議事項", lab)
    put(ws, "H14", "備考", lab)
    ag = [
        (
            "地域住民等に身近な事件・事故等の発生状況",
            "敬老の日を前にした高齢者の特殊詐欺被害防止",
            "チラシ配布",
        ),
        ("交番等の活動状況", "交番だよりの配布と巡回連絡", None),
    ]
    for i in range(4):
        r = 15 + i
        a = ag[i] if i < len(ag) else (None, None, None)
        put(ws, f"A{r}:B{r}", a[0], bk.f(b=1, wrap=True, sz=9))
        put(ws, f"C{r}:G{r}", a[1], cell)
        put(ws, f"H{r}", a[2], cell)
        ws.data_validation(
            f"A{r}",
            {
                "validate": "list",
                "source": [
                    "交番等の活動状況",
                    "地域住民等に身近な事件・事故等の発生状況",
                    "地域の祭礼等の催事・行事",
                    "その他",
                ],
            },
        )
        ws.set_row(r - 1, 30)
    put(ws, "A20", "協議内容等", lab)
    disc = (
        "敬老会（9/21）で特殊詐欺の寸劇を行うことを決めた。\n"
        "民生委員から、独居高齢者宅への訪問時にチラシを配りたいとの申出があった。"
    )
    put(ws, "B20:H23", disc, bk.f(b=1, wrap=True, va="top"))
    put(ws, "A25:D25", "要望事項", lab)
    put(ws, "E25:H25", "措置・回答", lab)
    reqs = [("寸劇に警察官も出演してほしい。", "交番所長が出演することとした。")]
    for i in range(2):
        r = 26 + i
        q = reqs[i] if i < len(reqs) else (None, None)
        put(ws, f"A{r}:D{r}", q[0], cell)
        put(ws, f"E{r}:H{r}", q[1], cell)
        ws.set_row(r - 1, 30)
    put(ws, "A29", "参考事項", lab)
    put(ws, "B29:H29", None, cell)
    put(ws, "A30", "出席警察官名", lab)
    put(ws, "B30:H30", "巡査部長 石川 慎吾 / 巡査 三浦 花音", cell)
    a4(ws, area="A1:H30")
    bk.close()
    r = rec(
        affiliation="桜台警察署",
        reporter="巡査部長 石川 慎吾",
        phone="6620",
        council_name="桜台交番連絡協議会",
        facility_name="桜台交番",
        date=D(2026, 9, 16),
        start_time="10:00",
        end_time="11:30",
        venue="桜台地区センター 和室",
        police_attendees=2,
        civilian_attendees=10,
        meeting_type="regular",
        agenda=[(CAT_INC, ag[0][1], ag[0][2]), (CAT_ACT, ag[1][1], None)],
        discussion=disc,
        requests=reqs,
        officers=["巡査部長 石川 慎吾", "巡査 三浦 花音"],
    )
    return [("結果報告", r)], []


@workbook("R8.10.17 山手交番協議会（写真あり）", "xlsx")
def w_yamate_photos(path):
    d = D(2026, 10, 17)
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    t = dict(
        affiliation="中央警察署",
        reporter="巡査部長　河野　健",
        phone="5230",
        council="山手交番連絡協議会",
        facility="山手交番",
        datetime=jdate(d, "wareki") + "　10時00分～11時30分",
        venue="山手地区センター",
        police="2",
        civil="11",
        mtype="（○）定期　（　）臨時",
        agenda=[
            ("交番等の活動状況", "秋の全国地域安全運動の取組", None),
            (
                "地域の祭礼等の催事・行事",
                "山手ハロウィンイベント（１０月３１日）の安全対策",
                "商店会長出席",
            ),
        ],
        discussion="イベント当日は仮装した参加者が車道にはみ出さないよう、商店会が誘導員を配置することとした。\n交番員は会場周辺を重点的に警戒する。",
        requests=[("イベント終了後の深夜の騒音が心配。", "当日は終了後も警らを継続する。")],
        reference="協議会の様子（写真２枚）",
        officers="巡査部長　河野　健、巡査　前田　莉子",
        attach="写真",
    )
    end, info = hogan(bk, ws, t, dict(ref_rows=9))
    img = png_bytes(seed=3)
    import io as _io

    r0 = info["ref_row"]
    ws.insert_image(
        r0 + 1,
        8,
        "photo1.png",
        {
            "image_data": _io.BytesIO(img),
            "x_scale": 1.0,
            "y_scale": 1.0,
            "description": "協議会の様子",
        },
    )
    ws.insert_image(
        r0 + 1,
        20,
        "photo2.png",
        {"image_data": _io.BytesIO(png_bytes(seed=7)), "description": "協議会の様子"},
    )
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="中央警察署",
        reporter="巡査部長 河野 健",
        phone="5230",
        council_name="山手交番連絡協議会",
        facility_name="山手交番",
        date=d,
        start_time="10:00",
        end_time="11:30",
        venue="山手地区センター",
        police_attendees=2,
        civilian_attendees=11,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "秋の全国地域安全運動の取組", None),
            (CAT_FES, "山手ハロウィンイベント（１０月３１日）の安全対策", "商店会長出席"),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        reference="協議会の様子（写真２枚）",
        officers=["巡査部長 河野 健", "巡査 前田 莉子"],
    )
    return [("報告書", r)], []


@workbook("東浜署　浜中交番連絡協議会報告", "xls")
def w_hamanaka_xls(path):
    d = D(2026, 7, 11)
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    t = dict(
        affiliation="東浜警察署",
        reporter="巡査部長　久保田　誠",
        phone="7120",
        council="浜中交番連絡協議会",
        facility="浜中交番",
        datetime="2026/7/11（土）午前10時～11時",
        venue="浜中町内会館",
        counts="警察官２人　民間１２人（委員９人・オブザーバー３人）",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "夏の交通安全県民運動の取組", None),
            ("地域住民等に身近な事件・事故等の発生状況", "管内の交通事故の発生状況", None),
        ],
        discussion="夏休み期間中の子どもの自転車事故防止について、学校と連携して指導することとした。",
        requests=[("特になし", None)],
        reference=None,
        officers="巡査部長　久保田　誠、巡査　岩田　大樹",
    )
    end, _ = hogan(bk, ws, t, dict(counts="one", attach=False, stamps="top"))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="東浜警察署",
        reporter="巡査部長 久保田 誠",
        phone="7120",
        council_name="浜中交番連絡協議会",
        facility_name="浜中交番",
        date=d,
        start_time="10:00",
        end_time="11:00",
        venue="浜中町内会館",
        police_attendees=2,
        civilian_attendees=12,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "夏の交通安全県民運動の取組", None),
            (CAT_INC, "管内の交通事故の発生状況", None),
        ],
        discussion=t["discussion"],
        requests=[],
        officers=["巡査部長 久保田 誠", "巡査 岩田 大樹"],
    )
    return [("報告書", r)], []


@workbook("R8.11.12本郷交番連絡協議会", "xlsx")
def w_hongo_many(path):
    d = D(2026, 11, 12)
    bk = Book(path)
    s_ins = bk.wb.add_worksheet("記入要領")
    s_ex = bk.wb.add_worksheet("記入例")
    s_blank = bk.wb.add_worksheet("様式")
    s_rep = bk.wb.add_worksheet("R8.11.12")
    instructions_sheet(
        bk,
        s_ins,
        [
            "交番・駐在所連絡協議会開催結果報告書　記入要領",
            "１　所属欄には警察署名を、報告者欄には階級及び氏名を記入する。",
            "２　開催日時は、令和８年４月１日（水）午後２時～午後３時３０分のように記入する。",
            "３　区分欄には、交番等の活動状況、地域住民等に身近な事件・事故等の発生状況、地域の祭礼等の催事・行事の別を記入する。",
            "４　要望事項の措置・回答が未了のものは空欄とし、措置が完了した時点で報告する。",
            "５　参考事項欄には、当日の写真等を貼り付ける。",
            "６　「様式」シートをコピーして使用すること。",
        ],
    )
    ex = dict(
        affiliation="〇〇警察署",
        reporter="巡査部長　〇〇　〇〇",
        phone="〇〇〇〇",
        council="〇〇交番連絡協議会",
        facility="〇〇交番",
        datetime="令和８年４月１日（水）午後２時～午後３時３０分",
        venue="〇〇公民館",
        police="３",
        civil="１０",
        mtype="定期会議",
        agenda=[
            ("交番等の活動状況", "交番の活動について", None),
            ("地域住民等に身近な事件・事故等の発生状況", "管内の犯罪発生状況について", "資料配布"),
        ],
        discussion="協議の概要を記入する。",
        requests=[("〇〇交差点にカーブミラーを設置してほしい。", "道路管理者へ連絡済み")],
        officers="巡査部長　〇〇〇〇、巡査　〇〇〇〇",
    )
    for s in (s_ex, s_blank, s_rep):
        hogan_setup(s)
    end, _ = hogan(bk, s_ex, ex, dict(attach=False))
    put(s_ex, "AB1:AH1", "【記入例】", bk.f(fc="#FF0000", bold=True, sz=14, al="right"))
    a4(s_ex, area=f"A1:AH{end}")
    end, _ = hogan(
        bk,
        s_blank,
        dict(
            datetime="令和　　年　　月　　日（　）　　時　　分～　　時　　分",
            mtype="定期会議・臨時会議",
        ),
        dict(attach=False),
    )
    a4(s_blank, area=f"A1:AH{end}")
    t = dict(
        affiliation="本町警察署",
        reporter="巡査部長　中村　修平",
        phone="2218",
        council="本郷交番連絡協議会",
        facility="本郷交番",
        datetime=jdate(d, "wareki") + "午後２時～午後３時３０分",
        venue="本郷会館",
        police="３",
        civil="１２",
        mtype="定期会議",
        agenda=[
            ("交番等の活動状況", "年末特別警戒の概要", None),
            ("地域住民等に身近な事件・事故等の発生状況", "空き巣被害の発生状況と手口", "資料配布"),
            ("地域の祭礼等の催事・行事", "本郷年末夜警（火の用心）の実施", None),
        ],
        discussion="空き巣被害はいずれも無施錠の窓から侵入されており、年末夜警の際に戸締りを呼び掛けることとした。",
        requests=[("夜警の際にパトカーで巡回してほしい。", "夜警実施日に合わせて警らを行う。")],
        officers="巡査部長　中村　修平、巡査　小松　健",
    )
    end, _ = hogan(bk, s_rep, t, dict(attach=False))
    a4(s_rep, area=f"A1:AH{end}")
    s_rep.activate()
    bk.close()
    r = rec(
        affiliation="本町警察署",
        reporter="巡査部長 中村 修平",
        phone="2218",
        council_name="本郷交番連絡協議会",
        facility_name="本郷交番",
        date=d,
        start_time="14:00",
        end_time="15:30",
        venue="本郷会館",
        police_attendees=3,
        civilian_attendees=12,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "年末特別警戒の概要", None),
            (CAT_INC, "空き巣被害の発生状況と手口", "資料配布"),
            (CAT_FES, "本郷年末夜警（火の用心）の実施", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 中村 修平", "巡査 小松 健"],
    )
    return [("R8.11.12", r)], ["記入要領", "記入例", "様式"]


@workbook("協議会報告書（駅南交番）", "xlsx")
def w_ekinami_textbox_example(path):
    bk = Book(path)
    s1 = bk.wb.add_worksheet("Sheet1")
    s2 = bk.wb.add_worksheet("Sheet2")
    bk.wb.add_worksheet("Sheet3")
    for s in (s1, s2):
        hogan_setup(s)
    d = D(2026, 9, 30)
    t = dict(
        affiliation="中央警察署",
        reporter="巡査部長　杉山　雄一",
        phone="5209",
        council="駅南交番連絡協議会",
        facility="駅南交番",
        datetime=jdate(d, "wareki") + "　午後６時～午後７時３０分",
        venue="駅南自治会館",
        police="2",
        civil="9",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "交番の活動状況（７月～９月）", None),
            ("地域住民等に身近な事件・事故等の発生状況", "駅南地区の痴漢・盗撮事案", None),
        ],
        discussion="駅南の地下道で盗撮事案が２件あったことを説明し、地下道の照明について協議した。",
        requests=[("地下道の照明を明るくしてほしい。", "市道路課へ要望中。")],
        officers="巡査部長　杉山　雄一、巡査　松井　瞳",
    )
    end, _ = hogan(bk, s1, t, dict(attach=False))
    a4(s1, area=f"A1:AH{end}")
    ex = dict(
        affiliation="北警察署",
        reporter="巡査部長　北　一郎",
        phone="6300",
        council="北町交番連絡協議会",
        facility="北町交番",
        datetime="令和８年５月１２日（火）午後２時～午後３時",
        venue="北町公民館",
        police="3",
        civil="10",
        mtype="定期",
        agenda=[("交番等の活動状況", "交番の活動状況", None)],
        discussion="交番の活動状況を説明し、委員から意見を聴取した。",
        requests=[("通学路の見守りを強化してほしい。", "登校時の立番を行う。")],
        officers="巡査部長　北　一郎、巡査　南　次郎",
    )
    end, _ = hogan(bk, s2, ex, dict(attach=False))
    s2.insert_textbox(
        8,
        8,
        "記　入　例",
        {
            "width": 300,
            "height": 90,
            "font": {"size": 40, "color": "#FF0000", "bold": True, "name": "ＭＳ ゴシック"},
            "line": {"color": "#FF0000", "width": 3},
            "fill": {"none": True},
            "align": {"vertical": "middle", "horizontal": "center"},
        },
    )
    a4(s2, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="中央警察署",
        reporter="巡査部長 杉山 雄一",
        phone="5209",
        council_name="駅南交番連絡協議会",
        facility_name="駅南交番",
        date=d,
        start_time="18:00",
        end_time="19:30",
        venue="駅南自治会館",
        police_attendees=2,
        civilian_attendees=9,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "交番の活動状況（７月～９月）", None),
            (CAT_INC, "駅南地区の痴漢・盗撮事案", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 杉山 雄一", "巡査 松井 瞳"],
    )
    return [("Sheet1", r)], ["Sheet2", "Sheet3"]


@workbook("上野台駐在所_協議会報告_R8.10", "xlsx")
def w_uenodai_hidden_prev(path):
    bk = Book(path)
    cur = bk.wb.add_worksheet("今回")
    prev = bk.wb.add_worksheet("前回")
    for s in (cur, prev):
        hogan_setup(s)
    base = dict(
        affiliation="西山警察署",
        reporter="巡査部長　山本　隆",
        phone="８１０２",
        council="上野台駐在所連絡協議会",
        facility="上野台駐在所",
    )
    t = dict(
        base,
        datetime=jdate(D(2026, 10, 8), "wareki_fw") + "　午後１時３０分～午後３時",
        venue="上野台集会所",
        police="１",
        civil="１０",
        mtype="定期会議",
        agenda=[
            ("交番等の活動状況", "秋の全国交通安全運動の結果", None),
            ("地域住民等に身近な事件・事故等の発生状況", "シカとの衝突事故の多発", None),
        ],
        agenda_other=("駐在所員の異動について", None),
        discussion="国道でシカとの衝突事故が９月に５件発生したことから、注意看板の増設を道路管理者に要望することとした。",
        requests=[("国道のシカ注意看板を増やしてほしい。", "国道事務所へ要望書を提出した。")],
        officers="巡査部長　山本　隆",
    )
    p = dict(
        base,
        datetime=jdate(D(2026, 5, 14), "wareki_fw") + "　午後１時３０分～午後３時",
        venue="上野台集会所",
        police="１",
        civil="９",
        mtype="定期会議",
        agenda=[("交番等の活動状況", "駐在所の年間計画", None)],
        discussion="年間計画を説明した。",
        requests=[],
        officers="巡査部長　山本　隆",
    )
    end, _ = hogan(bk, cur, t, dict(attach=False))
    a4(cur, area=f"A1:AH{end}")
    end, _ = hogan(bk, prev, p, dict(attach=False))
    prev.hide()
    bk.close()
    r = rec(
        affiliation="西山警察署",
        reporter="巡査部長 山本 隆",
        phone="8102",
        council_name="上野台駐在所連絡協議会",
        facility_name="上野台駐在所",
        date=D(2026, 10, 8),
        start_time="13:30",
        end_time="15:00",
        venue="上野台集会所",
        police_attendees=1,
        civilian_attendees=10,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "秋の全国交通安全運動の結果", None),
            (CAT_INC, "シカとの衝突事故の多発", None),
            (CAT_OTH, "駐在所員の異動について", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 山本 隆"],
    )
    return [("今回", r)], ["前回"]


@workbook("南町交番連絡協議会（令和8年度）", "xlsx")
def w_minamimachi_sheets(path):
    bk = Book(path)
    base = dict(
        affiliation="若葉警察署",
        reporter="巡査部長　原　大介",
        phone="3240",
        council="南町交番連絡協議会",
        facility="南町交番",
    )
    ms = [
        (
            "R8.5.21",
            dict(
                base,
                datetime=jdate(D(2026, 5, 21), "R") + "　14:00～15:00",
                venue="南町会館",
                police="2",
                civil="10",
                mtype="定期",
                agenda=[
                    ("交番等の活動状況", "新任交番員の紹介と交番の重点", None),
                    ("地域住民等に身近な事件・事故等の発生状況", "南町の自転車盗", None),
                ],
                discussion="自転車盗の被害はスーパー駐輪場に集中していることを説明した。",
                requests=[
                    ("スーパーに防犯カメラ設置を働き掛けてほしい。", "店長に申入れ、設置済み。")
                ],
                officers="巡査部長 原 大介、巡査 本田 翔",
            ),
            (D(2026, 5, 21), "14:00", "15:00", 2, 10, "regular"),
        ),
        (
            "R8.9.3",
            dict(
                base,
                datetime=jdate(D(2026, 9, 3), "R") + "　19:00～20:00",
                venue="南町会館",
                police="2",
                civil="8",
                mtype="定期",
                agenda=[("地域の祭礼等の催事・行事", "南町秋祭りの交通整理", None)],
                agenda_other=("防災訓練への参加", "消防署と調整"),
                discussion="秋祭りの神輿の巡行路と交通整理員の配置を確認した。",
                requests=[],
                officers="巡査部長 原 大介、巡査 本田 翔",
            ),
            (D(2026, 9, 3), "19:00", "20:00", 2, 8, "regular"),
        ),
        (
            "R8.11.26",
            dict(
                base,
                datetime=jdate(D(2026, 11, 26), "R") + "　10:00～11:30",
                venue="南町交番",
                police="3",
                civil="6",
                mtype="臨時",
                agenda=[
                    (
                        "地域住民等に身近な事件・事故等の発生状況",
                        "南町二丁目での強盗事件の発生と今後の対策",
                        "刑事課長出席",
                    )
                ],
                discussion="１１月２０日に発生したコンビニ強盗事件を受けて臨時に開催した。\n犯人は検挙されていないため、夜間の一人歩きへの注意を呼び掛けることとした。",
                requests=[
                    ("事件の捜査状況を教えてほしい。", "捜査に支障のない範囲で随時情報提供する。"),
                    ("夜間パトロールの強化", None),
                ],
                officers="巡査部長 原 大介、巡査 本田 翔、警部補 川村 正",
            ),
            (D(2026, 11, 26), "10:00", "11:30", 3, 6, "extraordinary"),
        ),
    ]
    out = []
    for name, t, (d, st, en, p, c, mt) in ms:
        ws = bk.wb.add_worksheet(name)
        hogan_setup(ws)
        end, _ = hogan(bk, ws, t, dict(attach=False, stamps="none", head=True))
        a4(ws, area=f"A1:AH{end}")
        ag = []
        for cat, tp, rm in t["agenda"]:
            ag.append(
                (
                    {
                        "交番等の活動状況": CAT_ACT,
                        "地域住民等に身近な事件・事故等の発生状況": CAT_INC,
                        "地域の祭礼等の催事・行事": CAT_FES,
                    }[cat],
                    tp,
                    rm,
                )
            )
        if t.get("agenda_other"):
            ag.append((CAT_OTH, *tuple(t["agenda_other"])))
        out.append(
            (
                name,
                rec(
                    affiliation="若葉警察署",
                    reporter="巡査部長 原 大介",
                    phone="3240",
                    council_name="南町交番連絡協議会",
                    facility_name="南町交番",
                    date=d,
                    start_time=st,
                    end_time=en,
                    venue=t["venue"],
                    police_attendees=p,
                    civilian_attendees=c,
                    meeting_type=mt,
                    agenda=ag,
                    discussion=t["discussion"],
                    requests=t["requests"],
                    officers=[o.strip() for o in t["officers"].split("、")],
                ),
            )
        )
    tpl = bk.wb.add_worksheet("原本")
    hogan_setup(tpl)
    hogan(
        bk,
        tpl,
        dict(base, datetime="R　.　.　　　：　～　：", mtype=None),
        dict(attach=False, stamps="none"),
    )
    tpl.hide()
    bk.close()
    return out, ["原本"]


@workbook("松原交番連絡協議会結果報告書", "xlsx")
def w_matsubara_alt(path):
    d = D(2026, 6, 24)
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    t = dict(
        affiliation="桜台警察署",
        reporter="巡査部長　工藤　誠司",
        phone="6615",
        council="松原交番連絡協議会",
        facility="松原交番",
        datetime=jdate(d, "wareki") + "　午後２時～午後３時３０分",
        venue="松原会館",
        police="3",
        civil="10",
        mtype="■定期　□臨時",
        agenda=[
            ("上半期の交番活動（巡回連絡）", None),
            ("管内の特殊詐欺・侵入盗の発生状況", "署生活安全課長出席"),
            None,
            ("通学路合同点検の結果", None),
        ],
        discussion="通学路合同点検で指摘のあった３か所について、関係機関の対応状況を説明した。",
        requests=[
            (
                "松原小前の信号機の青時間を延ばしてほしい。",
                "署交通課を通じて県警本部交通規制課へ上申中。",
            ),
            ("公園のトイレの落書きを消してほしい。", "市公園課が８月に消去予定。"),
        ],
        officers="巡査部長　工藤　誠司、巡査長　水野　浩、巡査　樋口　ひかり",
    )
    end, _ = hogan(bk, ws, t, dict(cat_mode="preprinted", req_mode="alt", req_rows=3, attach=False))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="桜台警察署",
        reporter="巡査部長 工藤 誠司",
        phone="6615",
        council_name="松原交番連絡協議会",
        facility_name="松原交番",
        date=d,
        start_time="14:00",
        end_time="15:30",
        venue="松原会館",
        police_attendees=3,
        civilian_attendees=10,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "上半期の交番活動（巡回連絡）", None),
            (CAT_INC, "管内の特殊詐欺・侵入盗の発生状況", "署生活安全課長出席"),
            (CAT_OTH, "通学路合同点検の結果", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 工藤 誠司", "巡査長 水野 浩", "巡査 樋口 ひかり"],
    )
    return [("報告書", r)], []


@workbook("北署_北町交番_協議会報告", "xlsx")
def w_kitamachi_dtcell(path):
    bk = Book(path)
    ws = bk.wb.add_worksheet("北町交番")
    hogan_setup(ws)
    t = dict(
        affiliation="北警察署",
        reporter="巡査部長　高橋　浩之",
        phone="6318",
        council="北町交番連絡協議会",
        facility="北町交番",
        date_value=datetime.datetime(2026, 10, 10, 13, 30),
        date_nf='[$-411]ggge"年"m"月"d"日"（aaa）h"時"mm"分"',
        end_text="～15時00分",
        venue="北町公民館",
        police="2",
        civil="14",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "秋の全国地域安全運動", None),
            ("地域住民等に身近な事件・事故等の発生状況", "管内の車上ねらい", None),
            ("地域の祭礼等の催事・行事", "北町ふるさとまつり（１１月）", None),
        ],
        discussion="ふるさとまつりの会場周辺は一方通行となるため、案内看板の設置場所を確認した。",
        requests=[
            (
                "まつり当日の迷子対応を交番でお願いしたい。",
                "本部テントに迷子受付を設け、交番員を配置する。",
            )
        ],
        officers="巡査部長　高橋　浩之、巡査　上野　瑞希",
    )
    end, _ = hogan(bk, ws, t, dict(date_mode="dtcell", attach=False))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="北警察署",
        reporter="巡査部長 高橋 浩之",
        phone="6318",
        council_name="北町交番連絡協議会",
        facility_name="北町交番",
        date=D(2026, 10, 10),
        start_time="13:30",
        end_time="15:00",
        venue="北町公民館",
        police_attendees=2,
        civilian_attendees=14,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "秋の全国地域安全運動", None),
            (CAT_INC, "管内の車上ねらい", None),
            (CAT_FES, "北町ふるさとまつり（１１月）", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 高橋 浩之", "巡査 上野 瑞希"],
    )
    return [("北町交番", r)], []


@workbook("【若葉署】若葉駅前交番　協議会", "xls")
def w_wakabaeki_xls(path):
    d = D(2026, 5, 27)
    bk = Book(path, font="ＭＳ 明朝")
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    t = dict(
        affiliation="若葉警察署",
        reporter="警部補　清水　圭介",
        phone="3201",
        council="若葉駅前交番連絡協議会",
        facility="若葉駅前交番",
        datetime=jdate(d, "wareki") + "　午後３時～午後４時３０分",
        venue="若葉駅前商店会事務所",
        police="3",
        civil="9",
        mtype="定期会議",
        agenda=[
            ("ア　交番等の活動状況", "駅前の客引き・スカウト行為の状況", None),
            ("イ　事件・事故等の発生状況", "駅周辺の自転車盗と放置自転車", None),
            ("ウ　催事・行事", "駅前夏の夜市の警備", None),
        ],
        agenda_other=("商店会の防犯カメラ更新", None),
        discussion="客引き行為は条例違反として指導・取締りを継続していることを説明した。\n夜市では商店会が警備員を配置する。",
        requests=[
            ("客引きの取締りを強化してほしい。", "生活安全課と連携し、週末の取締りを実施している。")
        ],
        officers="警部補　清水　圭介、巡査部長　大塚　悟、巡査　中尾　将",
    )
    end, _ = hogan(bk, ws, t, dict(attach=False))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="若葉警察署",
        reporter="警部補 清水 圭介",
        phone="3201",
        council_name="若葉駅前交番連絡協議会",
        facility_name="若葉駅前交番",
        date=d,
        start_time="15:00",
        end_time="16:30",
        venue="若葉駅前商店会事務所",
        police_attendees=3,
        civilian_attendees=9,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "駅前の客引き・スカウト行為の状況", None),
            (CAT_INC, "駅周辺の自転車盗と放置自転車", None),
            (CAT_FES, "駅前夏の夜市の警備", None),
            (CAT_OTH, "商店会の防犯カメラ更新", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["警部補 清水 圭介", "巡査部長 大塚 悟", "巡査 中尾 将"],
    )
    return [("報告書", r)], []


@workbook("東川駐在所　連絡協議会開催報告", "xlsx")
def w_higashikawa_vertical(path):
    d = D(2026, 11, 7)
    bk = Book(path, font="ＭＳ 明朝", size=10)
    ws = bk.wb.add_worksheet("開催報告")
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 5, 16)
    ws.set_column(6, 6, 14)
    put(
        ws,
        "A1:G1",
        "交番・駐在所連絡協議会開催結果報告書",
        bk.f(al="center", bold=True, sz=15, font="ＭＳ 明朝"),
    )
    put(ws, "A2:C2", "地域指導係宛", bk.f(font="ＭＳ 明朝"))
    stamps = ["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]
    for i, s in enumerate(stamps):
        c = 1 + i
        put(ws, f"{colname(c)}3", s, bk.f(b=1, al="center", font="ＭＳ 明朝", sz=9))
        put(ws, f"{colname(c)}4", None, bk.f(b=1))
    ws.set_row(3, 40)
    vl = bk.f(b=1, al="center", va="vcenter", rot=270, font="ＭＳ 明朝", sz=10, bg="#F2F2F2")
    lab = bk.f(b=1, al="center", font="ＭＳ 明朝", sz=10, bg="#F2F2F2")
    cell = bk.f(b=1, wrap=True, va="top", font="ＭＳ 明朝", sz=10)
    # header block with vertical side label
    put(ws, "A6:A9", "報告者等", vl)
    put(ws, "B6", "所属", lab)
    put(ws, "C6:D6", "川北警察署", cell)
    put(ws, "E6", "報告者", lab)
    put(ws, "F6:G6", "巡査部長　森　一馬", cell)
    put(ws, "B7", "警電", lab)
    put(ws, "C7:D7", "２７５１", cell)
    put(ws, "E7", "施設名", lab)
    put(ws, "F7:G7", "東川駐在所", cell)
    put(ws, "B8", "協議会名", lab)
    put(ws, "C8:G8", "東川地区駐在所連絡協議会", cell)
    put(ws, "B9", "出席警察官名", lab)
    put(ws, "C9:G9", "巡査部長　森　一馬、巡査　金子　颯", cell)
    put(ws, "A11:A14", "開催状況", vl)
    put(ws, "B11", "開催日時", lab)
    put(ws, "C11:G11", jdate(d, "wareki") + "　午後１時３０分～午後３時", cell)
    put(ws, "B12", "開催場所", lab)
    put(ws, "C12:G12", "東川地区農業者トレーニングセンター", cell)
    put(ws, "B13", "出席者数", lab)
    put(ws, "C13", "警察官　２人", cell)
    put(ws, "D13", "民間　１６人", cell)
    put(ws, "E13", "会議種別", lab)
    put(ws, "F13:G13", "定期", cell)
    put(ws, "B14", "参考事項", lab)
    put(ws, "C14:G14", "町総務課長が出席", cell)
    put(ws, "A16:A22", "協議事項", vl)
    put(ws, "B16", "区　分", lab)
    put(ws, "C16:F16", "協　議　事　項", lab)
    put(ws, "G16", "備　考", lab)
    put(
        ws,
        "B17:B18",
        "地域住民等に身近な事件・事故等の発生状況",
        bk.f(b=1, wrap=True, font="ＭＳ 明朝", sz=9),
    )
    put(ws, "C17:F17", "農作物（柿・栗）の盗難被害", cell)
    put(ws, "G17", None, cell)
    put(ws, "C18:F18", "高齢者が運転する軽トラックの事故", cell)
    put(ws, "G18", "交通課資料", cell)
    put(ws, "B19", "交番等の活動状況", bk.f(b=1, wrap=True, font="ＭＳ 明朝", sz=9))
    put(ws, "C19:F19", "収穫期の夜間警戒", cell)
    put(ws, "G19", None, cell)
    put(ws, "B20", "地域の祭礼等の催事・行事", bk.f(b=1, wrap=True, font="ＭＳ 明朝", sz=9))
    put(ws, "C20:F20", None, cell)
    put(ws, "G20", None, cell)
    put(ws, "B21:B22", "そ の 他", bk.f(b=1, al="center", font="ＭＳ 明朝", sz=10))
    put(ws, "C21:F21", "冬期の除雪と通学路の安全", cell)
    put(ws, "G21", None, cell)
    put(ws, "C22:F22", None, cell)
    put(ws, "G22", None, cell)
    for rr in range(16, 22):
        ws.set_row(rr, 30)
    disc = (
        "柿・栗の盗難が２件あり、収穫期は夜間警戒を強化することとした。\n"
        "軽トラックの単独事故が続いていることから、農協の会合で安全運転を呼び掛ける。\n"
        "除雪後の通学路の歩道確保について町に申し入れることとした。"
    )
    put(ws, "A24:A28", "協議内容", vl)
    put(ws, "B24:G28", disc, cell)
    put(ws, "A30:A33", "要望", vl)
    put(ws, "B30:D30", "要望事項", lab)
    put(ws, "E30:G30", "措置・回答", lab)
    put(ws, "B31:D31", "果樹園周辺の夜間パトロール", cell)
    put(ws, "E31:G31", "収穫期（１０月～１１月）は毎夜実施する。", cell)
    put(ws, "B32:D32", "通学路の除雪を早朝に行ってほしい。", cell)
    put(ws, "E32:G32", "町建設課へ伝達。回答待ち。", cell)
    put(ws, "B33:D33", None, cell)
    put(ws, "E33:G33", None, cell)
    for rr in range(30, 33):
        ws.set_row(rr, 30)
    a4(ws, area="A1:G33")
    bk.close()
    r = rec(
        affiliation="川北警察署",
        reporter="巡査部長 森 一馬",
        phone="2751",
        council_name="東川地区駐在所連絡協議会",
        facility_name="東川駐在所",
        date=d,
        start_time="13:30",
        end_time="15:00",
        venue="東川地区農業者トレーニングセンター",
        police_attendees=2,
        civilian_attendees=16,
        meeting_type="regular",
        agenda=[
            (CAT_INC, "農作物（柿・栗）の盗難被害", None),
            (CAT_INC, "高齢者が運転する軽トラックの事故", "交通課資料"),
            (CAT_ACT, "収穫期の夜間警戒", None),
            (CAT_OTH, "冬期の除雪と通学路の安全", None),
        ],
        discussion=disc,
        requests=[
            ("果樹園周辺の夜間パトロール", "収穫期（１０月～１１月）は毎夜実施する。"),
            ("通学路の除雪を早朝に行ってほしい。", "町建設課へ伝達。回答待ち。"),
        ],
        reference="町総務課長が出席",
        officers=["巡査部長 森 一馬", "巡査 金子 颯"],
    )
    return [("開催報告", r)], []


@workbook("大和田署　大和田駅前交番_連絡協議会", "xlsx")
def w_owadaeki_who(path):
    d = D(2026, 9, 10)
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    t = dict(
        affiliation="大和田警察署",
        reporter="巡査部長　松田　恭平",
        phone="3912",
        council="大和田駅前交番連絡協議会",
        facility="大和田駅前交番",
        datetime=jdate(d, "wareki") + "　午後２時～午後３時",
        venue="大和田駅前交番",
        police="2",
        civil="6",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "駅前の深夜の警戒活動", None),
            ("地域住民等に身近な事件・事故等の発生状況", "酔客によるトラブルの発生状況", None),
        ],
        discussion="週末深夜の駅前での酔客同士のトラブルについて、飲食店組合と情報共有することとした。",
        requests=[
            (
                "飲食店組合長",
                "週末の深夜に交番の前に警察官を立たせてほしい。",
                "金曜・土曜の２２時～２時に立番を行う。",
            ),
            ("自治会長", "駅前の放置自転車の撤去", "市の撤去日程を確認し、回覧で周知する。"),
        ],
        officers="巡査部長　松田　恭平、巡査　小田　航",
    )
    end, _ = hogan(bk, ws, t, dict(req_mode="who", attach=False))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="大和田警察署",
        reporter="巡査部長 松田 恭平",
        phone="3912",
        council_name="大和田駅前交番連絡協議会",
        facility_name="大和田駅前交番",
        date=d,
        start_time="14:00",
        end_time="15:00",
        venue="大和田駅前交番",
        police_attendees=2,
        civilian_attendees=6,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, "駅前の深夜の警戒活動", None),
            (CAT_INC, "酔客によるトラブルの発生状況", None),
        ],
        discussion=t["discussion"],
        requests=[(q, a) for _, q, a in t["requests"]],
        officers=["巡査部長 松田 恭平", "巡査 小田 航"],
    )
    return [("報告書", r)], []


@workbook("連絡協議会（中島駐在所）", "xlsm")
def w_nakajima_hints(path):
    d = D(2026, 7, 18)
    bk = Book(path)
    bk.patches.append(macro_enabled)
    ws = bk.wb.add_worksheet("報告書")
    for c, w in enumerate([14, 16, 16, 16, 16, 26]):
        ws.set_column(c, c, w)
    put(ws, "A1:F1", "交番・駐在所連絡協議会開催結果報告書", bk.f(al="center", bold=True, sz=14))
    put(ws, "A2", "地域指導係宛", bk.f())
    for i, s in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
        put(ws, f"{colname(i)}3", s, bk.f(b=1, al="center", sz=9))
        put(ws, f"{colname(i)}4", None, bk.f(b=1))
    ws.set_row(3, 38)
    lab = bk.f(b=1, bg="#DDDDDD")
    inp = bk.f(b=1, bg="#FFFFCC", wrap=True, va="top")
    hint = bk.f(fc="#0070C0", sz=8, wrap=True)
    rows = [
        ("所属", "西山警察署", "※警察署名"),
        ("報告者", "巡査長　藤田　亮", "※階級・氏名"),
        ("警電", "8140", "※内線番号"),
        ("協議会名", "中島地区駐在所連絡協議会", None),
        ("施設名", "中島駐在所", None),
        (
            "開催日時",
            jdate(d, "wareki") + "　９：３０～１１：００",
            "※例）令和８年４月１日（水）１４：００～１５：３０",
        ),
        ("開催場所", "中島ふれあいセンター", None),
        ("出席者数（警察官）", "１人", "※人数を記入"),
        ("出席者数（民間）", "１３人", "※委員以外の参加者を含む"),
        ("会議種別", "定期", "※定期又は臨時"),
    ]
    r = 6
    for k, v, h in rows:
        put(ws, f"A{r}", k, lab)
        put(ws, f"B{r}:E{r}", v, inp)
        put(ws, f"F{r}", h, hint)
        ws.set_row(r - 1, 22)
        r += 1
    r += 1
    put(ws, f"A{r}", "区分", lab)
    put(ws, f"B{r}:D{r}", "協議事項", lab)
    put(ws, f"E{r}", "備考", lab)
    put(ws, f"F{r}", "※区分は、活動状況／事件事故／催事行事／その他", hint)
    r += 1
    ag = [
        ("活動状況", "駐在所の巡回連絡と防犯指導", None),
        ("事件事故", "ため池・用水路での水難事故防止", "消防団長出席"),
        ("催事行事", "中島地区夏祭り（８月）の警備", None),
        (None, None, None),
    ]
    for a in ag:
        put(ws, f"A{r}", a[0], inp)
        put(ws, f"B{r}:D{r}", a[1], inp)
        put(ws, f"E{r}", a[2], inp)
        ws.set_row(r - 1, 28)
        r += 1
    r += 1
    disc = "用水路での水難事故が他地区で発生していることから、子どもが近づかないよう学校と連携して指導することとした。\n夏祭りの会場周辺の駐車について協議した。"
    put(ws, f"A{r}:A{r + 3}", "協議内容等", lab)
    put(ws, f"B{r}:E{r + 3}", disc, inp)
    put(ws, f"F{r}", "※協議の要点を簡潔に", hint)
    r += 5
    put(ws, f"A{r}:C{r}", "要望事項", lab)
    put(ws, f"D{r}:E{r}", "措置・回答", lab)
    put(ws, f"F{r}", "※未回答の場合は空欄", hint)
    r += 1
    reqs = [
        ("用水路にフェンスを設置してほしい。", None),
        (
            "夏祭りの日に駐在所を開けておいてほしい。",
            "当日は駐在所員が会場周辺を警戒し、不在時は隣接交番が対応する。",
        ),
    ]
    for i in range(3):
        q = reqs[i] if i < len(reqs) else (None, None)
        put(ws, f"A{r}:C{r}", q[0], inp)
        put(ws, f"D{r}:E{r}", q[1], inp)
        ws.set_row(r - 1, 30)
        r += 1
    r += 1
    put(ws, f"A{r}", "参考事項", lab)
    put(ws, f"B{r}:E{r}", None, inp)
    put(ws, f"F{r}", "※写真は別シートに貼付", hint)
    r += 1
    put(ws, f"A{r}", "出席警察官名", lab)
    put(ws, f"B{r}:E{r}", "巡査長　藤田　亮", inp)
    put(ws, f"F{r}", "※階級・氏名（複数の場合は「、」で区切る）", hint)
    a4(ws, area=f"A1:F{r}")
    bk.close()
    out = rec(
        affiliation="西山警察署",
        reporter="巡査長 藤田 亮",
        phone="8140",
        council_name="中島地区駐在所連絡協議会",
        facility_name="中島駐在所",
        date=d,
        start_time="09:30",
        end_time="11:00",
        venue="中島ふれあいセンター",
        police_attendees=1,
        civilian_attendees=13,
        meeting_type="regular",
        agenda=[
            (CAT_ACT, ag[0][1], None),
            (CAT_INC, ag[1][1], ag[1][2]),
            (CAT_FES, ag[2][1], None),
        ],
        discussion=disc,
        requests=reqs,
        officers=["巡査長 藤田 亮"],
    )
    return [("報告書", out)], []


@workbook("田町交番連絡協議会報告書（9月・10月）", "xlsx")
def w_tamachi_copies(path):
    bk = Book(path)
    base = dict(
        affiliation="緑ヶ丘警察署",
        reporter="山下巡査部長",
        phone="5518",
        council="田町交番連絡協議会",
        facility="田町交番",
    )
    t1 = dict(
        base,
        datetime=jdate(D(2026, 9, 17), "wareki") + "　午後２時～午後３時",
        venue="田町会館",
        police="3",
        civil="9",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "交番の活動状況", None),
            ("地域住民等に身近な事件・事故等の発生状況", "自転車の交通違反（ながらスマホ）", None),
        ],
        discussion="自転車の青切符制度の概要を説明した。",
        requests=[("高校生の自転車の並進が危ない。", "学校に指導を依頼した。")],
        officers="山下巡査部長、小島巡査長、岡巡査",
    )
    t2 = dict(
        base,
        datetime=jdate(D(2026, 10, 22), "wareki") + "　午後２時～午後３時３０分",
        venue="田町会館",
        police="2",
        civil="11",
        mtype="臨時",
        agenda=[
            ("地域住民等に身近な事件・事故等の発生状況", "田町一丁目の連続車両放火", "刑事課員出席")
        ],
        discussion="１０月に車両へのいたずら放火が３件続いたため臨時に開催した。\n各戸の駐車場にセンサーライトを設置するよう呼び掛ける。",
        requests=[
            (
                "センサーライトの購入補助はあるか。",
                "市の防犯灯補助の対象外。防犯協会の助成制度を案内した。",
            )
        ],
        officers="山下巡査部長、岡巡査",
    )
    for name, t in (("報告書", t1), ("報告書 (2)", t2)):
        ws = bk.wb.add_worksheet(name)
        hogan_setup(ws)
        end, _ = hogan(bk, ws, t, dict(attach=False))
        a4(ws, area=f"A1:AH{end}")
    bk.close()
    common_ = dict(
        affiliation="緑ヶ丘警察署",
        reporter="山下巡査部長",
        phone="5518",
        council_name="田町交番連絡協議会",
        facility_name="田町交番",
        venue="田町会館",
    )
    return [
        (
            "報告書",
            rec(
                **common_,
                date=D(2026, 9, 17),
                start_time="14:00",
                end_time="15:00",
                police_attendees=3,
                civilian_attendees=9,
                meeting_type="regular",
                agenda=[
                    (CAT_ACT, "交番の活動状況", None),
                    (CAT_INC, "自転車の交通違反（ながらスマホ）", None),
                ],
                discussion=t1["discussion"],
                requests=t1["requests"],
                officers=["山下巡査部長", "小島巡査長", "岡巡査"],
            ),
        ),
        (
            "報告書 (2)",
            rec(
                **common_,
                date=D(2026, 10, 22),
                start_time="14:00",
                end_time="15:30",
                police_attendees=2,
                civilian_attendees=11,
                meeting_type="extraordinary",
                agenda=[(CAT_INC, "田町一丁目の連続車両放火", "刑事課員出席")],
                discussion=t2["discussion"],
                requests=t2["requests"],
                officers=["山下巡査部長", "岡巡査"],
            ),
        ),
    ], []


@workbook("連絡協議会報告書（様式）", "xlsx")
def w_blank_only(path):
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    end, _ = hogan(
        bk,
        ws,
        dict(
            affiliation="　　　警察署",
            datetime="令和　　年　　月　　日（　　）　午前・午後　　時　　分～　　時　　分",
            mtype="定期　・　臨時",
            reporter="（階級）　　　（氏名）",
        ),
        dict(attach=True),
    )
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    return [], ["報告書"]


@workbook("大谷駐在所　臨時協議会", "ods")
def w_otani_ods(path):
    d = D(2026, 6, 3)
    bk = Book(path)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws)
    lines = [
        "・６月に入り、大谷地区でクマの目撃情報が５件寄せられた。",
        "・町、猟友会、学校と連絡体制を確認した。",
        "・登下校時は保護者の送迎を基本とし、駐在所員が通学路を巡回する。",
        "・目撃時は駐在所又は町役場へ直ちに通報することを回覧で周知する。",
    ]
    t = dict(
        affiliation="桜台警察署",
        reporter="巡査部長　岡村　正人",
        phone="6680",
        council="大谷地区駐在所連絡協議会",
        facility="大谷駐在所",
        datetime=jdate(d, "wareki") + "午後7時～8時半",
        venue="大谷公民館",
        police="1",
        civil="14",
        mtype="臨時",
        agenda=[("交番等の活動状況", "クマ出没時の対応と通学路の巡回", "町農林課出席")],
        discussion="\n".join(lines),
        requests=[("クマよけの鈴を児童に配布してほしい。", "町が全児童に配布することとなった。")],
        officers="巡査部長　岡村　正人",
    )
    end, _ = hogan(bk, ws, t, dict(disc_mode="lines", disc_rows=6, attach=False))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="桜台警察署",
        reporter="巡査部長 岡村 正人",
        phone="6680",
        council_name="大谷地区駐在所連絡協議会",
        facility_name="大谷駐在所",
        date=d,
        start_time="19:00",
        end_time="20:30",
        venue="大谷公民館",
        police_attendees=1,
        civilian_attendees=14,
        meeting_type="extraordinary",
        agenda=[(CAT_ACT, "クマ出没時の対応と通学路の巡回", "町農林課出席")],
        discussion="\n".join(lines),
        requests=t["requests"],
        officers=["巡査部長 岡村 正人"],
    )
    return [("報告書", r)], []


@workbook("南陽署　南陽駅前交番協議会報告", "xlsm")
def w_nanyoeki_ballot(path):
    d = D(2026, 5, 19)
    bk = Book(path)
    bk.patches.append(macro_enabled)
    ws = bk.wb.add_worksheet("報告書")
    hogan_setup(ws, extra=6)
    t = dict(
        affiliation="南陽警察署",
        reporter="警部補　青山　浩一",
        phone="3301",
        council="南陽駅前交番連絡協議会",
        facility="南陽駅前交番",
        datetime=jdate(d, "wareki") + "　15:00～16:00",
        venue="南陽駅前交番２階",
        police="4",
        civil="8",
        mtype="☐定期会議　☑臨時会議",
        agenda=[
            (
                "地域住民等に身近な事件・事故等の発生状況",
                "駅前ロータリーでの暴走行為（深夜）",
                None,
            ),
            ("交番等の活動状況", "深夜帯の駅前の警戒体制", None),
        ],
        discussion="５月の連休以降、深夜に駅前ロータリーで暴走行為が繰り返されているため臨時に開催した。\n交通課と連携し、週末の検問を実施する。",
        requests=[("ロータリーに段差（ハンプ）を設けられないか。", "道路管理者（市）と協議中。")],
        officers="警部補　青山　浩一、巡査部長　村井　聡、巡査長　柴田　英二、巡査　武田　涼",
    )
    end, _ = hogan(bk, ws, t, dict(stamps="right", attach=False))
    a4(ws, area=f"A1:AM{end}")
    bk.close()
    r = rec(
        affiliation="南陽警察署",
        reporter="警部補 青山 浩一",
        phone="3301",
        council_name="南陽駅前交番連絡協議会",
        facility_name="南陽駅前交番",
        date=d,
        start_time="15:00",
        end_time="16:00",
        venue="南陽駅前交番2階",
        police_attendees=4,
        civilian_attendees=8,
        meeting_type="extraordinary",
        agenda=[
            (CAT_INC, "駅前ロータリーでの暴走行為（深夜）", None),
            (CAT_ACT, "深夜帯の駅前の警戒体制", None),
        ],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["警部補 青山 浩一", "巡査部長 村井 聡", "巡査長 柴田 英二", "巡査 武田 涼"],
    )
    return [("報告書", r)], []


@workbook("北署　北山駐在所　協議会開催報告", "xlsx")
def w_kitayama_signature(path):
    d = D(2026, 10, 3)
    bk = Book(path, font="ＭＳ 明朝", size=10.5)
    ws = bk.wb.add_worksheet("報告書")
    widths = [12, 12, 12, 12, 12, 12, 12]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    mf = dict(font="ＭＳ 明朝", sz=10.5)
    put(
        ws,
        "A1:G1",
        "交番・駐在所連絡協議会開催結果報告書",
        bk.f(al="center", bold=True, font="ＭＳ 明朝", sz=15),
    )
    put(ws, "A3:C3", "生活安全部地域課地域指導係　宛", bk.f(**mf))
    for i, s in enumerate(["署長", "副署長", "地域交通官", "地域課長", "課長代理", "主任・係"]):
        put(ws, f"{colname(1 + i)}5", s, bk.f(b=1, al="center", font="ＭＳ 明朝", sz=9))
        put(ws, f"{colname(1 + i)}6", None, bk.f(b=1))
    ws.set_row(5, 40)
    lab = bk.f(b=1, al="center", **mf)
    cell = bk.f(b=1, wrap=True, va="top", **mf)
    put(ws, "A8", "協議会名", lab)
    put(ws, "B8:D8", "北山駐在所連絡協議会", cell)
    put(ws, "E8", "施設名", lab)
    put(ws, "F8:G8", "北山駐在所", cell)
    put(ws, "A9", "開催日時", lab)
    put(ws, "B9:G9", "令和8年10月3日（金）　午前10時～正午", cell)
    put(ws, "A10", "開催場所", lab)
    put(ws, "B10:G10", "北山生活改善センター", cell)
    put(ws, "A11", "出席者数", lab)
    put(ws, "B11:D11", "警察官　１人　・　民間　７人", cell)
    put(ws, "E11", "会議種別", lab)
    put(ws, "F11:G11", "定期会議", cell)
    put(ws, "A13:G13", "協議事項", lab)
    put(ws, "A14", "区分", lab)
    put(ws, "B14:F14", "内容", lab)
    put(ws, "G14", "備考", lab)
    ag = [
        ("交番等の活動状況", "駐在所の秋の活動（巡回連絡）", None),
        ("地域の祭礼等の催事・行事", "北山地区秋祭りの交通整理", "自治会長"),
    ]
    for i in range(3):
        a = ag[i] if i < len(ag) else (None, None, None)
        put(ws, f"A{15 + i}", a[0], bk.f(b=1, wrap=True, font="ＭＳ 明朝", sz=8))
        put(ws, f"B{15 + i}:F{15 + i}", a[1], cell)
        put(ws, f"G{15 + i}", a[2], cell)
        ws.set_row(14 + i, 30)
    disc = "秋祭り（１０月１８日）の神輿の巡行ルートを確認し、県道横断時の交通整理を駐在所員と消防団で行うこととした。"
    put(ws, "A19:G19", "協議内容等", lab)
    put(ws, "A20:G23", disc, cell)
    put(ws, "A25:D25", "要望事項", lab)
    put(ws, "E25:G25", "措置・回答", lab)
    put(ws, "A26:D26", "県道の制限速度表示を増やしてほしい。", cell)
    put(ws, "E26:G26", "署交通課へ上申した。", cell)
    put(ws, "A27:D27", None, cell)
    put(ws, "E27:G27", None, cell)
    ws.set_row(25, 30)
    ws.set_row(26, 30)
    put(ws, "A29", "参考事項", lab)
    put(ws, "B29:G29", None, cell)
    put(ws, "A30", "出席警察官名", lab)
    put(ws, "B30:G30", "巡査部長　長尾　達也", cell)
    put(ws, "A32:G32", "上記のとおり報告します。", bk.f(**mf))
    put(ws, "D34:G34", "所　属　　北警察署", bk.f(**mf))
    put(ws, "D35:G35", "報告者　　巡査部長　長尾　達也", bk.f(**mf))
    put(ws, "D36:G36", "警　電　　６３４０", bk.f(**mf))
    a4(ws, area="A1:G36")
    bk.close()
    r = rec(
        affiliation="北警察署",
        reporter="巡査部長 長尾 達也",
        phone="6340",
        council_name="北山駐在所連絡協議会",
        facility_name="北山駐在所",
        date=d,
        start_time="10:00",
        end_time="12:00",
        venue="北山生活改善センター",
        police_attendees=1,
        civilian_attendees=7,
        meeting_type="regular",
        agenda=[(CAT_ACT, ag[0][1], None), (CAT_FES, ag[1][1], "自治会長")],
        discussion=disc,
        requests=[("県道の制限速度表示を増やしてほしい。", "署交通課へ上申した。")],
        officers=["巡査部長 長尾 達也"],
    )
    return [("報告書", r)], []


@workbook("送付_浜通交番協議会（10月）", "xlsx")
def w_hamadori_cover(path):
    d = D(2026, 10, 14)
    bk = Book(path, font="ＭＳ 明朝")
    cv = bk.wb.add_worksheet("送付書")
    ws = bk.wb.add_worksheet("Sheet1")
    cv.set_column(0, 0, 4)
    cv.set_column(1, 1, 20)
    cv.set_column(2, 2, 50)
    put(cv, "B2:C2", "令和８年１０月２０日", bk.f(al="right"))
    put(cv, "B4:C4", "生活安全部地域課地域指導係長　殿", bk.f())
    put(cv, "B6:C6", "東浜警察署地域課長", bk.f(al="right"))
    put(cv, "B8:C8", "送　付　書", bk.f(al="center", bold=True, sz=16))
    put(cv, "B10:C10", "下記のとおり送付します。", bk.f())
    put(cv, "B12", "件名", bk.f(b=1, al="center"))
    put(cv, "C12", "交番・駐在所連絡協議会開催結果報告書", bk.f(b=1))
    put(cv, "B13", "協議会名", bk.f(b=1, al="center"))
    put(cv, "C13", "浜通地区交番連絡協議会", bk.f(b=1))
    put(cv, "B14", "開催日", bk.f(b=1, al="center"))
    put(cv, "C14", "令和８年１０月１４日", bk.f(b=1))
    put(cv, "B15", "部数", bk.f(b=1, al="center"))
    put(cv, "C15", "１部", bk.f(b=1))
    put(cv, "B17:C17", "担当　地域課　巡査部長　福田（警電７１０５）", bk.f(al="right"))
    a4(cv, area="A1:C17")
    hogan_setup(ws)
    t = dict(
        affiliation="東浜警察署",
        reporter="巡査部長　福田　和也",
        phone="7105",
        council="浜通地区交番連絡協議会",
        facility="浜通交番",
        datetime=jdate(d, "wareki") + "　午後１時３０分～午後３時",
        venue="浜通漁協２階会議室",
        police="2",
        civil="10",
        mtype="定期",
        agenda=[
            ("交番等の活動状況", "秋の地域安全運動の取組", None),
            ("地域住民等に身近な事件・事故等の発生状況", "漁港での燃料盗の発生", None),
        ],
        discussion="漁港で船舶の燃料が抜き取られる被害が２件あり、夜間の漁港の照明と施錠について協議した。",
        requests=[("漁港の入口にゲートを設けたい。", "漁協で検討中。交番は夜間の警らを強化する。")],
        officers="巡査部長　福田　和也、巡査　浅野　翼",
    )
    end, _ = hogan(bk, ws, t, dict(attach=False))
    a4(ws, area=f"A1:AH{end}")
    bk.close()
    r = rec(
        affiliation="東浜警察署",
        reporter="巡査部長 福田 和也",
        phone="7105",
        council_name="浜通地区交番連絡協議会",
        facility_name="浜通交番",
        date=d,
        start_time="13:30",
        end_time="15:00",
        venue="浜通漁協2階会議室",
        police_attendees=2,
        civilian_attendees=10,
        meeting_type="regular",
        agenda=[(CAT_ACT, "秋の地域安全運動の取組", None), (CAT_INC, "漁港での燃料盗の発生", None)],
        discussion=t["discussion"],
        requests=t["requests"],
        officers=["巡査部長 福田 和也", "巡査 浅野 翼"],
    )
    return [("Sheet1", r)], ["送付書"]


def main():
    import argparse

    ap = argparse.ArgumentParser(
        description="Write the workbooks and their NAME.expected.json files."
    )
    ap.add_argument(
        "outdir",
        nargs="?",
        default=os.path.dirname(os.path.abspath(__file__)),
        help="output folder (default: the folder of this script)",
    )
    args = ap.parse_args()
    done = build_all(args.outdir)
    print(f"{len(done)} workbooks written to {args.outdir}")


if __name__ == "__main__":
    main()
