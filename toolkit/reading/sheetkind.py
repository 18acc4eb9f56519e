"""What a sheet is, when it is not a report: a filled-in example (記入例, 見本), instructions
(記入要領, 記入上の注意), a blank copy of the form, a form holding only printed
placeholders (〇〇警察署, 令和　年　月　日) or what the station pre-fills (所属, 協議会名,
施設名, 報告者), a dropdown list, or a sheet kyogikai wrote itself. A register of meetings
is no such sheet: it is read a meeting a row (`reading.records`). SPEC: a sheet that is
not a report is never read as one, and is listed as skipped with its reason (in
Japanese, here).

Judged in three steps: by the sheet's name before anything is read, by its content when
it does not show the form, and by the values read from it. A workbook whose only report
is on a sheet named as an example is judged on evidence (placeholders, the values of the
shipped example, an example stamp): with evidence it is skipped; without, it is read as a
report and the record carries a warning that names the evidence.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from toolkit.cells import Cell
from toolkit.model import ReadNote
from toolkit.normalize import label_key
from toolkit.raw import RawCell, RawReport
from toolkit.reading.grid import Grid
from toolkit.reading.legend import is_legend

REPORT = "report"
EXAMPLE = "example"
INSTRUCTIONS = "instructions"
BLANK = "blank"
BLANK_FORM = "記入のない様式（項目名だけで値がない）のため読み飛ばしました"
PLACEHOLDERS = "placeholders"
LIST = "list"
OUTPUT = "output"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A sheet's kind and, for a sheet that is skipped, why (Japanese)."""

    kind: str
    reason: str = ""
    evidence: tuple[str, ...] = ()  # what shows it is an example, quoted


# --- names ------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[()\[\]【】「」『』〔〕<>＜＞《》]")
_EXAMPLE_WORDS = ("記入例", "記載例", "作成例", "入力例", "見本", "サンプル", "sample", "example")
_EXAMPLE_ALONE = re.compile(r"^(?:例|れい|例示)[0-9①-⑳]*$|^[0-9①-⑳]*例$")
_INSTRUCTION_WORDS = (
    "記入要領",
    "記入上の注意",
    "記入の注意",
    "記載要領",
    "作成要領",
    "記入方法",
    "入力方法",
    "記入の仕方",
    "書き方",
    "使い方",
    "注意事項",
    "留意事項",
    "説明",
    "手引",
    "マニュアル",
    "readme",
    "ヘルプ",
)
_LIST_WORDS = (
    "リスト",
    "list",
    "選択肢",
    "プルダウン",
    "ドロップダウン",
    "マスタ",
    "入力規則",
    "コード表",
)
# The sheets of kyogikai's summary workbook, and its feedback list (writing/summary,
# writing/feedback): a copy that lost its document property is still known by them.
SUMMARY_SHEETS = frozenset(
    {
        "概況",
        "集計表",
        "提出状況",
        "督促",
        "年度実施状況",
        "開催一覧",
        "点検結果",
        "検証結果",
        "グラフ",
        "受付簿",
    }
)
FEEDBACK_SHEET = "確認事項"
FEEDBACK_HEADERS = ("番号", "重大度", "シート", "セル", "項目", "内容")


@functools.lru_cache(maxsize=512)
def name_key(name: str) -> str:
    """A sheet name reduced for matching: NFKC, lower case, no spaces or brackets."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return _BRACKETS.sub("", re.sub(r"\s+", "", text))


def example_name(name: str) -> bool:
    """記入例, 見本, 例, (例), 記入例(2), Sample… but not 例会 (a regular meeting)."""
    key = name_key(name)
    return any(w in key for w in _EXAMPLE_WORDS) or _EXAMPLE_ALONE.match(key) is not None


def by_name(name: str) -> Verdict | None:
    """Instructions are known by their sheet's name alone; examples are only suspected
    (they are judged with the other sheets, `settle`)."""
    key = name_key(name)
    if any(w in key for w in _INSTRUCTION_WORDS):
        return Verdict(
            INSTRUCTIONS, f"記入要領・注意書きのシート（シート名「{name}」）のため読み飛ばしました"
        )
    return None


def output_workbook(names: Iterable[str]) -> bool:
    """A workbook whose visible sheets are all those of kyogikai's summary (its property
    lost in a copy saved in another format)."""
    shown = set(names)
    return len(SUMMARY_SHEETS & shown) >= 3 and shown <= SUMMARY_SHEETS | {"協議事項", "要望事項"}


# The registry's sheets (SPEC "Registry workbook"): a registry that lost its mark, or one
# HQ made by hand, is known by them (and is never read as a report, archived or returned).
REGISTRY_SHEETS = frozenset({"協議会", "委員", "期間設定", "年間計画"})


def registry_workbook(names: Iterable[str]) -> bool:
    """A workbook whose visible sheets are the registry's, 協議会 and 委員 among them."""
    shown = set(names)
    return {"協議会", "委員"} <= shown <= REGISTRY_SHEETS


def kyogikai_workbook(names: list[str]) -> str | None:
    """What kind of kyogikai workbook the visible sheet names show (one whose mark was
    lost, or a registry made by hand): "summary", "registry", or None."""
    if output_workbook(names):
        return "summary"
    if registry_workbook(names):
        return "registry"
    return None


OUTPUT_REASON = "kyogikai が書き出した集計表のシートのため読み飛ばしました"


# --- content, before reading ------------------------------------------------------------

_CHOICES = frozenset(
    label_key(x)
    for x in (
        "定期",
        "臨時",
        "定期会議",
        "臨時会議",
        "交番等の活動状況",
        "地域住民等に身近な事件・事故等の発生状況",
        "地域の祭礼等の催事・行事",
        "その他",
        "交番",
        "駐在所",
    )
)


# Column headers only kyogikai's own listings print (開催一覧, 協議事項, 要望事項 of the
# summary): a register holding them is an output read back, not a station's register.
_OUTPUT_HEADERS = frozenset(
    {"点検結果", "受付日", "受付まで日数", "ファイル", "シート", "協議会ID"}
)


def output_listing(grid: Grid) -> bool:
    """A sheet whose header row is that of a listing kyogikai wrote (a copy of the
    summary's 開催一覧 without its workbook)."""
    for row in grid.rows[:12]:
        words = {str(v).strip() for v in row if isinstance(v, str)}
        if len(words & _OUTPUT_HEADERS) >= 3:
            return True
    return False


def not_a_report(name: str, grid: Grid, listed: frozenset[str]) -> Verdict:
    """Why a sheet that does not show the form is skipped: a dropdown list, the feedback
    list kyogikai wrote, or simply not the form. `listed` names the sheets that data
    validation lists of the workbook point to."""
    if name == FEEDBACK_SHEET and _has_header(grid, FEEDBACK_HEADERS):
        return Verdict(
            OUTPUT, "kyogikai が書き出した確認事項（点検結果の一覧）のため読み飛ばしました"
        )
    if output_listing(grid):
        return Verdict(OUTPUT, OUTPUT_REASON)
    key = name_key(name)
    if name in listed or any(w in key for w in _LIST_WORDS) or _looks_like_choices(grid):
        return Verdict(
            LIST, "選択肢の一覧（ドロップダウンリストの元）のシートのため読み飛ばしました"
        )
    return Verdict("other", "報告書の様式ではないため読み飛ばしました")


def _has_header(grid: Grid, header: tuple[str, ...]) -> bool:
    return any(
        tuple(str(v).strip() for v in row[: len(header)]) == header for row in grid.rows[:12]
    )


def _looks_like_choices(grid: Grid) -> bool:
    """Short values in a few columns, some of them the form's choices (定期会議, 区分)."""
    cols: set[int] = set()
    hits = 0
    for n, (_, c, v) in enumerate(grid.cells()):
        if n > 400 or not isinstance(v, str) or len(v) > 40:
            return False
        cols.add(c)
        hits += label_key(v) in _CHOICES
    return 0 < len(cols) <= 4 and hits >= 2


# --- values, after reading --------------------------------------------------------------

# What `kyogikai template` and a station's own copies print before a meeting is written:
# who reports and for which council (SPEC: a blank is a blank, whichever sheet it is in).
_IDENTITY = frozenset(
    {"affiliation", "council_name", "facility_name", "reporter", "phone", "manager"}
)
_PLACEHOLDER_RUN = re.compile(r"[〇○◯]{2,}|[×✕xX]{2,}|[△▲]{2,}|[*＊]{2,}|[_＿]{2,}|[?？]{2,}|…+")
_SCAFFOLD = re.compile(
    r"令和|平成|昭和|元|年度|年|月|日|曜日?|時|分|頃|午前|午後|から|まで|[～〜~\-−ー－]"
    r"|人|名|警察署|署|交番|駐在所|連絡協議会|協議会|会議|定期|臨時|定例|階級|氏名|巡査部長|巡査長"
    r"|巡査|警部補|警部|番号|例|記入|警察官|民間|委員等?|住民等?|一般|合計|計"
    r"|[□☐・、。,.:：/／()（）\[\]【】「」〔〕\s]"
)
_INSTRUCTION_PHRASES = (
    "記入してください",
    "入力してください",
    "記載してください",
    "選んでください",
    "選択してください",
    "記入すること",
    "入力すること",
    "記載すること",
    "記入する。",
    "記入します",
    "入力します",
    "記載します",
)
# Values of the example the template and SPEC.md show (例：巡査部長 山田太郎): a sheet
# that still holds them was not written for a real meeting.
SHIPPED_NAMES = ("山田太郎", "鈴木一郎")  # found inside 巡査部長 山田太郎 and the like
SHIPPED_VALUES = ("駅前交番連絡協議会", "駅前交番", "駅前公民館")  # the whole value
_MARKER_CHARS = re.compile(r"[例見サｻsSＳｓ]")
_MARKERS = frozenset({"記入例", "記載例", "見本", "例", "サンプル", "sample", "記入見本", "作成例"})


def is_placeholder(value: object) -> bool:
    """Printed scaffolding with nothing written in it: 〇〇警察署, 令和　年　月　日（　）,
    午前・午後　時　分, □定期　□臨時, 巡査部長　〇〇　〇〇. Numbers and names are not."""
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFKC", value)
    if not text.strip():
        return True
    text = _PLACEHOLDER_RUN.sub("", text)
    return not _SCAFFOLD.sub("", text)


def placeholder_run(value: object) -> bool:
    """Whether a value holds a run of placeholder marks (〇〇, ××)."""
    return isinstance(value, str) and _PLACEHOLDER_RUN.search(value) is not None


def _values(raw: RawReport) -> Iterator[tuple[str, RawCell]]:
    """Every value of the report that an officer writes, with its field."""
    for key, cells in raw.fields.items():
        for cell in cells:
            if cell.value is not None:
                yield key, cell
    for _category, topic, remarks in raw.agenda:
        yield from (("agenda", c) for c in (topic, remarks) if c.value is not None)
    for request, response in raw.requests:
        yield from (("requests", c) for c in (request, response) if c.value is not None)


def after_reading(raw: RawReport, grid: Grid) -> Verdict | None:
    """A sheet that shows the form but is not a report: instructions written in the value
    cells, or nothing written beyond printed labels and placeholders."""
    values = list(_values(raw))
    teaching = [c for _, c in values if instructs(c.value)]
    if len(teaching) >= 2 and len(teaching) * 2 >= len(values):
        quoted = _quote(teaching[0].value)
        return Verdict(
            INSTRUCTIONS, f"記入要領・注意書き（「{quoted}」など）のシートのため読み飛ばしました"
        )
    if raw.pictures or grid.unread:
        return None
    # A date or a count typed as a number is written for a meeting: looked at first, as
    # it settles the question without reading any text.
    if any(not isinstance(c.value, str) for key, c in values if key not in _IDENTITY):
        return None
    if any(
        key not in _IDENTITY and not is_placeholder(c.value) and not is_legend(c.value)
        for key, c in values
    ):
        return None
    # Nothing written but how to write it (hints are never read as values): instructions.
    taught = [v for _, _, v in grid.cells() if instructs(v)]
    if len(taught) >= 2:
        return Verdict(
            INSTRUCTIONS,
            f"記入要領・注意書き（「{_quote(taught[0])}」など）のシートのため読み飛ばしました",
        )
    shown = [c.value for _, c in values if placeholder_run(c.value) or _dated(c.value)]
    if shown:
        quoted = "」「".join(_quote(v) for v in shown[:2])
        return Verdict(
            PLACEHOLDERS,
            f"「{quoted}」のような記入前の文字だけで、記入のない様式のため読み飛ばしました",
        )
    return Verdict(BLANK, BLANK_FORM)


def instructs(value: object) -> bool:
    """Whether a text tells how to fill the form in (記入してください, 入力すること…)."""
    if not isinstance(value, str) or not ("記" in value or "入" in value or "選" in value):
        return False
    return any(p in value for p in _INSTRUCTION_PHRASES)


_HINT = re.compile(r"^\s*(?:[※＊*]|\(注\)|（注）|注[)）:：]|注意[:：]|例[)）:：])")


def is_hint(value: object) -> bool:
    """A printed hint on how to fill the form in (※…, （注）…, 例）…, 記入してください):
    never a value."""
    return isinstance(value, str) and (_HINT.match(value) is not None or instructs(value))


def _dated(value: object) -> bool:
    return isinstance(value, str) and is_placeholder(value) and "年" in value


def _quote(value: object, limit: int = 20) -> str:
    text = re.sub(r"\s+", "　", str(value).strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def example_evidence(raw: RawReport) -> tuple[str, ...]:
    """What shows that a sheet holds an example rather than a report, quoted: values
    that are placeholders (〇〇), values of the shipped example."""
    found: list[str] = []
    values = [c.value for _, c in _values(raw)]
    runs = [v for v in values if placeholder_run(v)]
    if runs:
        found.append(f"「{_quote(runs[0])}」のような記入例の値")
    flat = [_flat(v) for v in values if isinstance(v, str)]
    names = {w for w in SHIPPED_NAMES for v in flat if w in v}
    shipped = names | {w for w in SHIPPED_VALUES if w in flat}
    if names and len(shipped) >= 2:
        found.append("記入例の値（" + "、".join(f"「{w}」" for w in sorted(shipped)) + "）")
    return tuple(found)


def example_skipped(name: str, grid: Grid, *, scan: bool, evidence: tuple[str, ...] = ()) -> str:
    """Why an example sheet is skipped: beside a real report, or for its evidence."""
    mark = None if example_name(name) else stamp(grid, scan=scan)
    what = f"「{mark}」の表示あり" if mark is not None else f"シート名「{name}」"
    if not evidence:
        return f"記入例のシート（{what}）のため読み飛ばしました"
    return (
        f"記入例のシート（{what}）で、{'、'.join(evidence)}のため読み飛ばしました"
        "（報告書として提出する場合は記入例の値を書き換え、シート名も変えてください）"
    )


def example_note(name: str, raw: RawReport, grid: Grid, *, scan: bool) -> ReadNote:
    """The warning on a report read from a sheet that looks like an example (its name, or
    a 記入例 stamp) but holds no example values: read, and the station asked to look."""
    why = f"シート名が「{name}」である" if example_name(name) else ""
    mark = stamp(grid, scan=scan)
    if mark is not None:
        why = (why + "うえ、" if why else "") + f"「{mark}」の表示がある"
    reason = "記入例の値（〇〇 など）がなく、実際の会議の内容が記入されている"
    cell = next((c.cell for _, c in _values(raw) if c.cell is not None), Cell(name, 0, 0))
    return ReadNote("S2.example-sheet", None, cell, (("why", why), ("reason", reason)))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def stamp(grid: Grid, *, scan: bool) -> str | None:
    """A cell or text box that says 記入例 (or 見本, 例…) by itself: the example stamp.
    With `scan` every cell is looked at; otherwise only values laid over from shapes."""
    cells: Iterable[tuple[int, int, object]] = (
        grid.cells() if scan else ((r, c, grid.value(r, c)) for r, c in grid.origins)
    )
    for _, _, v in cells:
        if not isinstance(v, str) or len(v) > 12 or not _MARKER_CHARS.search(v):
            continue
        if name_key(v) in _MARKERS:
            return v.strip()
    return None
