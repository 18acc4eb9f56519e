"""The 受付簿: HQ's own record of the day each station's file arrived.

A workbook (its sheet 受付簿, or its first sheet) or a CSV file (UTF-8 or Shift_JIS) with a
header row naming a file column (ファイル名, ファイル, パス) and a day column (受付日,
受付, 到着日), one row per file; other columns (警察署, 備考) are HQ's own. A file name may
carry its folder (中央警察署/2026-10-15_駅前交番.xlsx) to tell apart two files of one name.
Dates may be written as Excel dates, 2026/10/20, 令和8年10月20日 or R8.10.20.

`ReceiptLog.given` tells the ingest the day of each file it names (`GivenReceipt`), and
`unmatched` lists the rows no file of the run matched, so that a typing mistake is seen.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath

from toolkit.errors import InputError
from toolkit.excel.guard import Unreadable
from toolkit.excel.sheetrows import read_sheet_rows
from toolkit.ledger import GivenReceipt
from toolkit.normalize.dates import parse_date
from toolkit.results import FileResult

SHEET = "受付簿"
FILE_HEADERS = ("ファイル名", "ファイル", "パス", "ファイルのパス")
DAY_HEADERS = ("受付日", "受付", "到着日", "受信日", "受付年月日")
BY_LOG = "log"
BY_GIVEN = "given"


class ReceiptLogError(InputError):
    """The 受付簿 cannot be used as it is (exit 2): no such file, no header row."""


@dataclass
class Entry:
    """One row of the 受付簿."""

    name: str  # as written, slashes made forward
    day: date
    row: int
    used: bool = False


@dataclass
class ReceiptLog:
    """The rows of a 受付簿, and the problems of the rows that could not be read."""

    source: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def given(self, result: FileResult, is_new: bool) -> GivenReceipt | None:
        """The day the 受付簿 gives the file of `result` (the longest name that fits)."""
        path = _norm(result.path)
        best: Entry | None = None
        for entry in self.entries:
            name = entry.name
            if (path == name or path.endswith("/" + name)) and (
                best is None or len(name) > len(best.name)
            ):
                best = entry
        if best is None:
            return None
        best.used = True
        return GivenReceipt(best.day, BY_LOG, f"{PurePath(self.source).name} {best.row}行目")

    def unmatched(self) -> list[str]:
        """The rows no file matched, as messages."""
        return [
            f"受付簿「{PurePath(self.source).name}」の{e.row}行目「{e.name}」に当たるファイルが"
            "ありませんでした。ファイル名を確認してください。"
            for e in self.entries
            if not e.used
        ]


def batch(day: date) -> GivenReceipt:
    """The day given for every new file of a run (`ingest --received`)."""
    return GivenReceipt(day, BY_GIVEN, "取り込み時の指定")


def read_log(path: Path, today: date) -> ReceiptLog:
    """The 受付簿 at `path`. Raises `ReceiptLogError` when it cannot be read or has no
    header row; rows that cannot be used are listed in `problems`, the others kept."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReceiptLogError(
            f"受付簿「{path}」を開けません（{exc.strerror or exc}）。場所と名前を確認してください。"
        ) from exc
    if path.suffix.lower() in (".csv", ".txt"):
        rows = _csv_rows(data)
    else:
        try:
            sheets = read_sheet_rows(data, path.name)
        except Unreadable as exc:
            raise ReceiptLogError(
                f"受付簿「{path}」を読めません（{exc.detail or exc.code}）。"
                ".xlsx か .csv で保存し直してください。"
            ) from exc
        rows = sheets.get(SHEET) or next(iter(sheets.values()), [])
    return _from_rows(rows, str(path), today)


def _csv_rows(data: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise ReceiptLogError(
        "受付簿の CSV の文字コードを読めません。UTF-8 か Shift_JIS で保存してください。"
    )


def _from_rows(rows: list[list[object]], source: str, today: date) -> ReceiptLog:
    header = next(
        (i for i, row in enumerate(rows[:20]) if _column(row, FILE_HEADERS) is not None), None
    )
    if header is None or _column(rows[header], DAY_HEADERS) is None:
        raise ReceiptLogError(
            f"受付簿「{source}」に見出しの行（「ファイル名」と「受付日」の列）がありません。"
            "1行目に見出しを書いてください。"
        )
    file_col = _column(rows[header], FILE_HEADERS)
    day_col = _column(rows[header], DAY_HEADERS)
    assert file_col is not None and day_col is not None
    log = ReceiptLog(source)
    where = PurePath(source).name
    for i, row in enumerate(rows[header + 1 :], start=header + 2):
        name = _cell(row, file_col)
        raw = row[day_col] if day_col < len(row) else None
        if not name and raw in (None, ""):
            continue
        if not name:
            log.problems.append(f"受付簿「{where}」の{i}行目: ファイル名がありません。")
            continue
        parsed = parse_date(raw)
        if parsed.value is None:
            log.problems.append(
                f"受付簿「{where}」の{i}行目: 受付日「{raw if raw is not None else ''}」を"
                "日付として読めません（2026/10/20 や 令和8年10月20日 のように書いてください）。"
            )
            continue
        if parsed.value > today:
            log.problems.append(
                f"受付簿「{where}」の{i}行目: 受付日 {parsed.value} は今日（{today}）より後です。"
            )
            continue
        log.entries.append(Entry(_norm(name), parsed.value, i))
    return log


def _column(row: list[object], names: tuple[str, ...]) -> int | None:
    for j, value in enumerate(row):
        text = "".join(unicodedata.normalize("NFKC", str(value or "")).split())
        if text in names:
            return j
    return None


def _cell(row: list[object], j: int) -> str:
    if j >= len(row) or row[j] is None:
        return ""
    return str(row[j]).strip()


def _norm(path: str) -> str:
    return unicodedata.normalize("NFC", path.replace("\\", "/")).strip().lstrip("./")
