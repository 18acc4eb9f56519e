"""Fuzzing the whole reader: valid workbooks mutated at the byte, zip and cell level.

Every mutated file goes through `check_paths` (the isolated pool), in batches, and only
clean outcomes are accepted: one result per file in order, a status from the four of
SPEC.md, a JSON record of SPEC.md's shape for readable files, exactly one F1 finding naming
the file for unreadable ones, Japanese messages with no exception text in them, and never
F1.crashed, F1.timeout or F1.program-error (those mean the reader itself failed on the input).

Hypothesis runs derandomized: the same examples on every run.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from toolkit.check import Options, check_paths
from toolkit.results import Checked, FileResult
from toolkit.rules import Context
from toolkit.settings import Settings
from toolkit.writing.template import Prefill, fill_by_names, write_template

CORPUS = Path(__file__).parent / "corpus"
TODAY = date(2026, 11, 25)
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a batch is slow to shrink
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BATCH = 12  # mutated files per example, read in one run of the pool

# --- the valid corpus -------------------------------------------------------------------

FILLED = {
    "reporter": "巡査部長 山田太郎",
    "date": date(2026, 10, 15),
    "start_time": time(14, 0),
    "end_time": time(15, 30),
    "venue": "駅前公民館",
    "police_attendees": 2,
    "civilian_attendees": 11,
    "meeting_type": "定期会議",
    "agenda_1_category": "交番等の活動状況",
    "agenda_1_topic": "秋の交通安全運動",
    "discussion": "運動期間中の街頭活動を確認した。",
    "request_1": "通学路の見守り",
    "officers": "巡査部長 山田太郎、巡査 鈴木一郎",
}


@functools.cache
def seeds() -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of every valid workbook the mutations start from."""
    books = sorted(CORPUS.glob("legacy/*.xlsx"))
    books += sorted(
        p for p in (CORPUS / "layouts").iterdir() if p.suffix in (".xlsx", ".xls", ".ods")
    )
    out = [(p.name, p.read_bytes()) for p in books]
    with tempfile.TemporaryDirectory() as tmp:
        blank, filled = Path(tmp) / "blank.xlsx", Path(tmp) / "filled.xlsx"
        write_template(blank, Prefill("C001", "中央警察署", "駅前交番", "駅前交番連絡協議会"))
        fill_by_names(blank, filled, FILLED)
        out.append(("template.xlsx", filled.read_bytes()))
    return tuple(out)


def zip_seeds() -> list[int]:
    return [i for i, (_, data) in enumerate(seeds()) if data.startswith(b"PK")]


def xlsx_seeds() -> list[int]:
    return [i for i, (name, _) in enumerate(seeds()) if name.endswith(".xlsx")]


SEED_COUNT = 13  # 3 legacy + 9 layouts + the filled template (checked below)

# --- byte mutations ---------------------------------------------------------------------

_POS = st.integers(0, 2**31)
BYTE_OPS = st.one_of(
    st.tuples(st.just("flip"), _POS, st.integers(0, 7)),
    st.tuples(st.just("overwrite"), _POS, st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("insert"), _POS, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), _POS, st.integers(1, 256)),
    st.tuples(st.just("truncate"), _POS),
    # the last bytes hold a zip's central directory: hit them more often
    st.tuples(st.just("flip-tail"), st.integers(1, 600), st.integers(0, 7)),
)


def mutate_bytes(data: bytes, ops: list[tuple[Any, ...]]) -> bytes:
    out = bytearray(data)
    for op in ops:
        if not out:
            break
        kind, where = op[0], op[1]
        at = where % len(out)
        if kind == "flip":
            out[at] ^= 1 << op[2]
        elif kind == "flip-tail":
            out[-min(where, len(out))] ^= 1 << op[2]
        elif kind == "overwrite":
            out[at : at + len(op[2])] = op[2]
        elif kind == "insert":
            out[at:at] = op[2]
        elif kind == "delete":
            del out[at : at + op[2]]
        else:  # truncate
            del out[at:]
    return bytes(out)


# --- zip-level mutations ----------------------------------------------------------------

FAR_REFS = ("XFD1048576", "A1048576", "XFD1", "ZZZ99999999", "A0", "AAAA1", "A99999999999", "1")
SST_INDEXES = ("-1", "999999", "4294967296", "18446744073709551616", "abc", "1.5", "", " 1")
NUMBERS = (
    *("1e308", "-1e308", "NaN", "inf", "-0", "1E+400", "99999999999999999999", "2958466"),
    *("2958465.9999999", "-1", "0.5", "abc", "", "60", "0"),
)
CELL_TYPES = ("n", "b", "e", "d", "str", "inlineStr", "s", "x")
MERGES = ("A1:XFD1048576", "B2:A1", "A1:A1", "C3:C3000000", "A1:AJ60", "XFD1048576:XFD1048576")
NAME_TARGETS = (
    "'報告書'!$XFD$1048576",
    "'ない'!$A$1",
    "#REF!",
    "報告書!$A$1:$XFD$1048576",
    "!!!",
    "'報告書'!$A$0",
)
ODS_ATTRS = (
    'table:number-columns-repeated="16384"',
    'table:number-columns-repeated="0"',
    'table:number-columns-repeated="-5"',
    'table:number-rows-repeated="1048576"',
    'table:number-columns-spanned="100000" table:number-rows-spanned="100000"',
    'office:value-type="float" office:value="1e308"',
    'office:value-type="float" office:value="NaN"',
    'office:value-type="date" office:date-value="99999-01-01"',
    'office:value-type="date" office:date-value="garbage"',
    'office:value-type="time" office:time-value="PT999999H"',
    'office:value-type="percentage" office:value=""',
    'office:value-type="boolean" office:boolean-value="maybe"',
)
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=30
) | st.sampled_from(["令和元年2月30日", "十二名", "■定期　■臨時", "_x0001_", "&amp;", "]]>"])

ZIP_EDITS = st.one_of(
    st.tuples(st.just("drop-tag"), _POS, _POS),
    st.tuples(st.just("drop-element"), _POS, _POS),
    st.tuples(st.just("dup-cell"), _POS, _POS),
    st.tuples(st.just("garbage"), _POS, _POS, st.binary(min_size=1, max_size=32)),
    st.tuples(st.just("text"), _POS, _POS, _TEXT),
    st.tuples(st.just("huge-attr"), _POS, _POS, st.integers(10**4, 4 * 10**6)),
    st.tuples(st.just("far-ref"), _POS, _POS, st.sampled_from(FAR_REFS)),
    st.tuples(st.just("sst-index"), _POS, _POS, st.sampled_from(SST_INDEXES)),
    st.tuples(st.just("number"), _POS, _POS, st.sampled_from(NUMBERS)),
    st.tuples(st.just("cell-type"), _POS, _POS, st.sampled_from(CELL_TYPES)),
    st.tuples(st.just("merge"), _POS, st.sampled_from(MERGES)),
    st.tuples(st.just("defined-name"), _POS, st.sampled_from(NAME_TARGETS)),
    st.tuples(st.just("sheet-state"), _POS, st.sampled_from(("hidden", "veryHidden", "x", ""))),
    st.tuples(st.just("ods-attr"), _POS, st.sampled_from(ODS_ATTRS)),
    st.tuples(st.just("remove"), _POS),
    st.tuples(st.just("remove-shared-strings"), _POS),
    st.tuples(st.just("swap"), _POS, _POS),
)

_START_TAG = re.compile(rb"<([A-Za-z][\w:.-]*)\b[^<>]*?(/?)>")
_ANY_TAG = re.compile(rb"<[^<>]*>")
_TEXT_NODE = re.compile(rb">([^<>]+)<")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^<>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)
_CELL_REF = re.compile(rb'\br="[A-Z]+[0-9]+"')
_SST_CELL = re.compile(rb'(<(?:\w+:)?c\b[^<>]*\bt="s"[^<>]*>\s*<(?:\w+:)?v>)([^<]*)(<)')
_VALUE = re.compile(rb"(<(?:\w+:)?v>)([^<]*)(</(?:\w+:)?v>)")
_CELL_TYPE = re.compile(rb'(<(?:\w+:)?c\b[^<>]*?\bt=")([^"]*)(")')
_DEFINED = re.compile(rb"(<(?:\w+:)?definedName\b[^>]*>)([^<]*)(<)")
_SHEET_EL = re.compile(rb"<(?:\w+:)?sheet\b[^<>]*?(/?)>")
_ODS_CELL = re.compile(rb"<table:table-cell\b")


def _pick(matches: list[re.Match[bytes]], k: int) -> re.Match[bytes] | None:
    return matches[k % len(matches)] if matches else None


def _escape(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


def _edit_xml(xml: bytes, edit: tuple[Any, ...]) -> bytes:
    """One edit of one XML part; parts the edit does not apply to come back unchanged."""
    kind, k = edit[0], edit[2] if len(edit) > 2 else 0
    if kind == "drop-tag" and (m := _pick(list(_ANY_TAG.finditer(xml)), k)):
        return xml[: m.start()] + xml[m.end() :]
    if kind == "drop-element" and (m := _pick(list(_START_TAG.finditer(xml)), k)):
        end = m.end()
        if not m.group(2):
            close = xml.find(b"</" + m.group(1) + b">", end)
            end = close + len(m.group(1)) + 3 if close >= 0 else end
        return xml[: m.start()] + xml[end:]
    if kind == "dup-cell":
        m = _pick(list(_CELL.finditer(xml)), k)
        if m is None:
            m = _pick(list(_ODS_CELL.finditer(xml)), k)
            if m is None:
                return xml
            close = xml.find(b"</table:table-cell>", m.end())
            end = close + len(b"</table:table-cell>") if close >= 0 else xml.find(b">", m.end())
            return xml[: m.start()] + xml[m.start() : end] + xml[m.start() :]
        return xml[: m.end()] + m.group(0) + xml[m.end() :]
    if kind == "garbage":
        at = k % (len(xml) + 1)
        return xml[:at] + edit[3] + xml[at:]
    if kind == "text" and (m := _pick(list(_TEXT_NODE.finditer(xml)), k)):
        return xml[: m.start(1)] + _escape(edit[3]) + xml[m.end(1) :]
    if kind == "huge-attr" and (m := _pick(list(_START_TAG.finditer(xml)), k)):
        at = m.start() + 1 + len(m.group(1))
        return xml[:at] + b' kyogikaiFuzz="' + b"A" * edit[3] + b'"' + xml[at:]
    if kind == "far-ref" and (m := _pick(list(_CELL_REF.finditer(xml)), k)):
        return xml[: m.start()] + f'r="{edit[3]}"'.encode() + xml[m.end() :]
    if kind == "sst-index" and (m := _pick(list(_SST_CELL.finditer(xml)), k)):
        return xml[: m.start(2)] + edit[3].encode() + xml[m.end(2) :]
    if kind == "number" and (m := _pick(list(_VALUE.finditer(xml)), k)):
        return xml[: m.start(2)] + edit[3].encode() + xml[m.end(2) :]
    if kind == "cell-type" and (m := _pick(list(_CELL_TYPE.finditer(xml)), k)):
        return xml[: m.start(2)] + edit[3].encode() + xml[m.end(2) :]
    return xml


def _edit_package(members: dict[str, bytes], edit: tuple[Any, ...]) -> dict[str, bytes]:
    names = list(members)
    kind, which = edit[0], edit[1]
    sheets = [n for n in names if re.match(r"xl/worksheets/[^/]+\.xml$", n)] or [
        n for n in names if n == "content.xml"
    ]
    xml_parts = [n for n in names if n.endswith((".xml", ".rels"))]
    out = dict(members)
    if kind == "remove":
        del out[names[which % len(names)]]
    elif kind == "remove-shared-strings":
        out.pop("xl/sharedStrings.xml", None)
    elif kind == "swap":
        a, b = names[which % len(names)], names[edit[2] % len(names)]
        out[a], out[b] = members[b], members[a]
    elif kind == "merge" and sheets:
        part = sheets[which % len(sheets)]
        cell = f'<mergeCell ref="{edit[2]}"/>'.encode()
        xml = members[part]
        if b"<mergeCells" in xml:
            xml = re.sub(rb"(<mergeCells\b[^>]*>)", lambda m: m.group(1) + cell, xml, count=1)
        else:
            xml = xml.replace(
                b"</sheetData>", b"</sheetData><mergeCells>" + cell + b"</mergeCells>"
            )
        out[part] = xml
    elif kind == "defined-name" and "xl/workbook.xml" in members:
        xml = members["xl/workbook.xml"]
        if m := _pick(list(_DEFINED.finditer(xml)), which):
            xml = xml[: m.start(2)] + _escape(edit[2]) + xml[m.end(2) :]
        out["xl/workbook.xml"] = xml
    elif kind == "sheet-state" and "xl/workbook.xml" in members:
        xml = members["xl/workbook.xml"]
        if m := _pick(list(_SHEET_EL.finditer(xml)), which):
            at = m.start() + m.group(0).index(b"sheet") + len(b"sheet")
            xml = xml[:at] + f' state="{edit[2]}"'.encode() + xml[at:]
        out["xl/workbook.xml"] = xml
    elif kind == "ods-attr" and "content.xml" in members:
        xml = members["content.xml"]
        if m := _pick(list(_ODS_CELL.finditer(xml)), which):
            xml = xml[: m.end()] + b" " + edit[2].encode() + xml[m.end() :]
        out["content.xml"] = xml
    elif kind in ("dup-cell", "far-ref", "sst-index", "number", "cell-type") and sheets:
        part = sheets[which % len(sheets)]
        out[part] = _edit_xml(members[part], edit)
    elif xml_parts:
        part = xml_parts[which % len(xml_parts)]
        out[part] = _edit_xml(members[part], edit)
    return out


def mutate_zip(data: bytes, edits: list[tuple[Any, ...]]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        members = {i.filename: zf.read(i) for i in infos}
        methods = {i.filename: i.compress_type for i in infos}
    for edit in edits:
        members = _edit_package(members, edit)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body, compress_type=methods.get(name, zipfile.ZIP_DEFLATED))
    return out.getvalue()


# --- cell-level mutations (openpyxl) ----------------------------------------------------

_TOKENS = [
    *"0123456789０１２３元年月日時分半～~:/.-（）()■□○、 \u3000\n",
    *[
        "令和",
        "平成",
        "昭和",
        "R",
        "H",
        "午前",
        "午後",
        "から",
        "まで",
        "人",
        "名",
        "十",
        "百",
        "千",
        "万",
        "億",
        "兆",
        "定期",
        "臨時",
        "会議",
        "警察官",
        "民間",
    ],
    *["所属", "協議会名", "開催日時", "出席者数", "区分", "協議事項", "要望事項", "措置・回答"],
    *("99999999999999999999", "そ の 他", "_x0001_", "_x001F_", "\t", "\r", "\x7f"),
    *("\u200b", "\u2028", "\ufeff", "\U0001f46e"),
]
WRITABLE_TEXT = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=["Cs"],
        exclude_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"],
    ),
    max_size=40,
)
VALUES = st.one_of(
    WRITABLE_TEXT,
    st.lists(st.sampled_from(_TOKENS), max_size=24).map("".join),
    st.integers(1_000, 300_000).map(lambda n: "協" * n),  # longer than Excel allows
    st.sampled_from([1e308, -1e308, math.nan, -0.0, 5e-324, 0.5, -3.0, 1e15, 2958466.0, 60.0]),
    st.floats(allow_nan=True, allow_infinity=False),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-1000), max_value=timedelta(days=10**6)),
    st.sampled_from(['=HYPERLINK("http://example.com","x")', "=1/0", "=A1", '=REPT("x",32767)']),
    st.sampled_from(['=HYPERLINK("http://example.com","x")', "=SUM(A1:A9)"]).map(
        lambda s: ("s", s)
    ),
)
_SHEET_TITLE = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="[]:*?/\\"),
    min_size=1,
    max_size=31,
).filter(lambda s: s.strip("'") == s and s.strip())
CELL_OPS = st.one_of(
    st.tuples(st.just("named"), _POS, VALUES),
    st.tuples(st.just("filled"), _POS, VALUES),
    st.tuples(st.just("anywhere"), _POS, st.integers(1, 80), st.integers(1, 50), VALUES),
    st.tuples(st.just("merge"), _POS, st.integers(1, 70), st.integers(1, 40), st.integers(0, 12)),
    st.tuples(st.just("unmerge"), _POS, _POS),
    st.tuples(st.just("hide"), _POS, st.sampled_from(("hidden", "veryHidden"))),
    st.tuples(st.just("rename"), _POS, _SHEET_TITLE),
    st.tuples(st.just("copy-sheet"), _POS),
)


def _write(ws: Any, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    if type(cell).__name__ == "MergedCell":
        return
    if isinstance(value, tuple):  # formula text kept as text
        cell.value = value[1]
        cell.data_type = "s"
    else:
        cell.value = value


def mutate_cells(data: bytes, ops: list[tuple[Any, ...]]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for op in ops:
        kind, k = op[0], op[1]
        ws = wb.worksheets[k % len(wb.worksheets)]
        if kind == "named":
            targets = [d for n in wb.defined_names.values() for d in n.destinations]
            if targets:
                sheet, ref = targets[k % len(targets)]
                if sheet in wb.sheetnames:
                    target = wb[sheet][ref.replace("$", "").split(":")[0]]
                    _write(target.parent, target.row, target.column, op[2])
                    continue
            kind = "filled"
        if kind == "filled":
            cells = [c for ws_ in wb.worksheets for row in ws_.iter_rows() for c in row]
            cells = [c for c in cells if c.value is not None] or cells
            if cells:
                c = cells[k % len(cells)]
                _write(c.parent, c.row, c.column, op[2])
        elif kind == "anywhere":
            _write(ws, op[2], op[3], op[4])
        elif kind == "merge":
            ws.merge_cells(
                start_row=op[2],
                start_column=op[3],
                end_row=op[2] + op[4] // 4,
                end_column=op[3] + op[4],
            )
        elif kind == "unmerge" and ws.merged_cells.ranges:
            ranges = sorted(ws.merged_cells.ranges, key=str)
            ws.unmerge_cells(str(ranges[op[2] % len(ranges)]))
        elif kind == "hide" and sum(s.sheet_state == "visible" for s in wb.worksheets) > 1:
            ws.sheet_state = op[2]  # Excel keeps one sheet visible
        elif kind == "rename" and op[2] not in wb.sheetnames:
            ws.title = op[2]
        elif kind == "copy-sheet":
            wb.copy_worksheet(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- running a batch and judging every outcome -------------------------------------------

OPTIONS = Options(Context(Settings(today=TODAY)), jobs=2, timeout=30.0)
STATUSES = {"ok", "warning", "error", "unreadable"}
REPORT_KEYS = [
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "date",
    "start_time",
    "end_time",
    "venue",
    "police_attendees",
    "civilian_attendees",
    "meeting_type",
    "agenda",
    "discussion",
    "requests",
    "reference",
    "officers",
]
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
# What an exception's text looks like when it leaks into a message.
EXCEPTION_TEXT = re.compile(
    r"Traceback|\b\w*(?:Error|Exception|Panic)\b|panicked|object has no attribute"
    r"|index out of range|invalid literal|unsupported operand|NoneType|codec can't"
    r"|not supported between|unexpected keyword|out of range|cannot convert"
)
QUOTED = re.compile(r"「[^「」]*」")
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ :,'/-]+[A-Za-z]{2,}){2,}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HHMM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def run_batch(folder: Path, books: list[tuple[str, bytes]]) -> list[FileResult]:
    """Write the books into `folder`, check them all in the pool, judge every outcome."""
    paths = []
    for i, (label, data) in enumerate(books):
        path = folder / f"{i:03d}_{label}"
        path.write_bytes(data)
        paths.append(path)
    results = list(check_paths(paths, OPTIONS))
    assert [r.path for r in results] == [str(p) for p in paths]
    for path, result in zip(paths, results, strict=True):
        assert result.reports, path.name
        for checked in result.reports:
            judge(path, checked)
    return results


def judge(path: Path, checked: Checked) -> None:
    """Only clean outcomes: see the module's docstring."""
    name = path.name
    where = f"{name}: {[f.message for f in checked.findings]}"
    record = checked.to_json()
    json.dumps(record, ensure_ascii=False, allow_nan=False)
    keys = ["path", "sheet", "sha256", "status", "report", "issues", "reading"]
    assert list(record) == keys, where
    if record["report"] is None:
        assert record["reading"] is None, where
    else:  # how it was read: every printed cell accounted for, the share left unread
        assert 0 <= record["reading"]["coverage"] <= 1, where
    assert record["path"] == str(path)
    assert record["status"] in STATUSES, where
    codes = [f.code for f in checked.findings]
    assert not {"F1.crashed", "F1.timeout", "F1.program-error"} & set(codes), where
    for finding in checked.findings:
        message = finding.message
        assert message and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", message), where
        assert not EXCEPTION_TEXT.search(QUOTED.sub("", message)), where
    if checked.report is None:
        assert record["status"] == "unreadable" and record["report"] is None, where
        assert len(checked.findings) == 1, where
        (finding,) = checked.findings
        assert finding.code.startswith("F1."), where
        assert f"「{name}」" in finding.message, where
        assert not ENGLISH_RUN.search(QUOTED.sub("", finding.message)), where
        return
    assert record["status"] != "unreadable", where
    assert isinstance(record["sheet"], str), where
    assert isinstance(record["sha256"], str) and len(record["sha256"]) == 64, where
    check_report_shape(record["report"], where)
    for issue in record["issues"]:
        assert list(issue) == ["severity", "code", "field", "cell", "message"], where
        assert issue["severity"] in ("error", "warning"), where
        assert isinstance(issue["code"], str) and not issue["code"].startswith("F1."), where
        assert issue["field"] is None or isinstance(issue["field"], str), where
        assert issue["cell"] is None or isinstance(issue["cell"], str), where


def check_report_shape(report: dict[str, Any], where: str) -> None:
    assert list(report) == REPORT_KEYS, where
    for key in TEXT_KEYS:
        assert report[key] is None or (isinstance(report[key], str) and report[key]), where
    if report["date"] is not None:
        assert ISO_DATE.fullmatch(report["date"]), where
        date.fromisoformat(report["date"])
    for key in ("start_time", "end_time"):
        assert report[key] is None or HHMM.fullmatch(report[key]), where
    for key in ("police_attendees", "civilian_attendees"):
        value = report[key]
        assert value is None or (type(value) is int and value >= 0), where
    assert report["meeting_type"] in (None, "regular", "extraordinary"), where
    assert isinstance(report["agenda"], list), where
    for item in report["agenda"]:
        assert list(item) == ["category", "topic", "remarks"], where
        assert all(v is None or isinstance(v, str) for v in item.values()), where
    assert isinstance(report["requests"], list), where
    for item in report["requests"]:
        assert list(item) == ["request", "response"], where
        assert all(v is None or isinstance(v, str) for v in item.values()), where
    assert isinstance(report["officers"], list), where
    assert all(isinstance(n, str) and n for n in report["officers"]), where


def _batch(
    mutate: Callable[[bytes, list[tuple[Any, ...]]], bytes],
    choices: list[int],
    jobs: list[tuple[int, list[tuple[Any, ...]]]],
) -> list[tuple[str, bytes]]:
    books = []
    for seed, ops in jobs:
        name, data = seeds()[choices[seed % len(choices)]]
        books.append((name, mutate(data, ops)))
    return books


# --- the tests --------------------------------------------------------------------------


def test_seed_corpus_reads_cleanly(tmp_path: Path) -> None:
    assert len(seeds()) == SEED_COUNT
    results = run_batch(tmp_path, list(seeds()))
    assert all(r.readable for r in results)


@settings(FUZZ, max_examples=120)
@given(
    st.lists(
        st.tuples(_POS, st.lists(BYTE_OPS, min_size=1, max_size=4)),
        min_size=BATCH,
        max_size=BATCH,
    )
)
def test_byte_mutations_end_cleanly(jobs: list[tuple[int, list[tuple[Any, ...]]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run_batch(Path(tmp), _batch(mutate_bytes, list(range(len(seeds()))), jobs))


@settings(FUZZ, max_examples=100)
@given(
    st.lists(
        st.tuples(_POS, st.lists(ZIP_EDITS, min_size=1, max_size=3)),
        min_size=BATCH,
        max_size=BATCH,
    )
)
def test_zip_mutations_end_cleanly(jobs: list[tuple[int, list[tuple[Any, ...]]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run_batch(Path(tmp), _batch(mutate_zip, zip_seeds(), jobs))


@settings(FUZZ, max_examples=30)
@given(
    st.lists(
        st.tuples(_POS, st.lists(CELL_OPS, min_size=1, max_size=6)),
        min_size=BATCH,
        max_size=BATCH,
    )
)
def test_cell_mutations_end_cleanly(jobs: list[tuple[int, list[tuple[Any, ...]]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run_batch(Path(tmp), _batch(mutate_cells, xlsx_seeds(), jobs))
