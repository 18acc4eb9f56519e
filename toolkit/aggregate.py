"""From the ledger to the tables of the summary workbook (pandas; no Excel here).

Which reports count:
- only current reports (a superseded report never counts); identical files were stored once;
- the period's reports are those dated in the period (a month, or April 1 – March 31);
- the fiscal-year columns (C1: 定期会議 held this fiscal year, months left) use every report
  of the period's fiscal year dated up to the end of the period, so a summary of October
  says what had been done by the end of October;
- `station` limits every table to one police station (what a station's 地域課 sends up).

Councils are matched to the registry given to the summary (by 協議会ID, else by name and
police station), whatever registry the ingest used; a council that reported but is not in
the registry is listed and marked 名簿外. Without a registry the councils are those that
reported, grouped by the key the ingest stored.

要望事項 lists every request of the period's reports and, because an unanswered request
stays on HQ's desk until answered (2(7), C3), every still-open request of an earlier report
too (marked 前期間から継続). Days open are counted from the meeting date to `settings.today`.

検証結果 lists the findings of the period's reports, plus the unreadable files and undated
reports of the runs that brought in the period's reports (every run of an in-memory ledger).
With `station`, an unreadable file (whose station is unknown) is listed when a folder of its
path names the station, or when its run brought in reports of that station only.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.ledger import PURGED_TEXT, Ledger
from toolkit.model import CATEGORIES, EXTRAORDINARY, REGULAR
from toolkit.normalize import parse_date, wareki
from toolkit.registry import Registry
from toolkit.rules.registry import same_name
from toolkit.settings import Settings

# Status words (the writer colours them).
SUBMITTED, NOT_SUBMITTED = "提出済", "未提出"
HELD, NOT_HELD = "実施済", "年度内未実施"
ANSWERED, OPEN = "回答済", "未回答"
ERROR_JA, WARNING_JA = "誤り", "警告"
OVERDUE = "超過"
UNREGISTERED = "名簿外"
UNCATEGORISED = "未分類"
DETAIL, SUBTOTAL, TOTAL = "明細", "小計", "合計"
TYPE_JA = {REGULAR: "定期", EXTRAORDINARY: "臨時"}
STATUS_JA = {"ok": "正常", "warning": WARNING_JA, "error": ERROR_JA, "unreadable": "読取不可"}
NO_NAME = "（協議会名なし）"
NO_STATION = "（所属なし）"
CARRIED = "前期間から継続"
IN_PERIOD = "期間内"

FY_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
MONTH_HEADERS = tuple(f"{m}月" for m in FY_MONTHS)


# --- periods ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A calendar month or a fiscal year (April–March), with its Japanese label."""

    kind: Literal["month", "fy"]
    start: date
    end: date
    fiscal_year: int
    label: str

    @property
    def fy_start(self) -> date:
        """April 1 of the period's fiscal year."""
        return date(self.fiscal_year, 4, 1)

    @property
    def fy_end(self) -> date:
        """March 31 that ends the period's fiscal year."""
        return date(self.fiscal_year + 1, 3, 31)

    @property
    def fy_label(self) -> str:
        """The fiscal year's label, 令和8年度, also for a month period."""
        return fy_period(self.fiscal_year).label


def month_period(year: int, month: int) -> Period:
    """The period of one calendar month, labelled 令和8年10月."""
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    label = wareki(start)[: -len("1日")]
    return Period("month", start, end, year if month >= 4 else year - 1, label)


def fy_period(year: int) -> Period:
    """The period of one fiscal year (April 1 – March 31), labelled 令和8年度."""
    era_year = wareki(date(year, 12, 31)).split("年", 1)[0]
    return Period("fy", date(year, 4, 1), date(year + 1, 3, 31), year, f"{era_year}年度")


_MONTH_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})月?")
_FY_RE = re.compile(r"(?:FY(\d{4})|(\d{4})年度)", re.IGNORECASE)
_ERA_MONTH_RE = re.compile(r"(.+?年)(\d{1,2})月")
_ERA_FY_RE = re.compile(r"(.+?年)度")


def parse_period(text: str) -> Period:
    """A period from 2026-10, 2026/10, 2026年10月, 令和8年10月, FY2026, 2026年度 or 令和8年度.

    Raises ValueError with a Japanese message for anything else.
    """
    raw = "".join(unicodedata.normalize("NFKC", str(text)).split())
    match = _FY_RE.fullmatch(raw)
    if match:
        year = int(match.group(1) or match.group(2))
        if 1900 <= year <= 2200:
            return fy_period(year)
    match = _MONTH_RE.fullmatch(raw)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1900 <= year <= 2200 and 1 <= month <= 12:
            return month_period(year, month)
    match = _ERA_FY_RE.fullmatch(raw)
    if match and not match.group(1)[0].isdigit():
        day = parse_date(f"{match.group(1)}12月31日").value
        if day is not None:
            return fy_period(day.year)
    match = _ERA_MONTH_RE.fullmatch(raw)
    if match and not match.group(1)[0].isdigit():
        day = parse_date(f"{match.group(1)}{match.group(2)}月1日").value
        if day is not None:
            return month_period(day.year, day.month)
    raise ValueError(
        f"集計期間「{text}」を読み取れません。"
        "月は「2026-10」（2026年10月・令和8年10月）、年度は「FY2026」（2026年度・令和8年度）"
        "のように指定してください。"
    )


# --- the summary --------------------------------------------------------------------------


@dataclass
class Summary:
    """Every table of the summary workbook, headers in Japanese as they are printed."""

    period: Period
    created: date
    station: str | None
    registry_used: bool
    tally: pd.DataFrame  # 集計表 (with 行区分 明細/小計/合計)
    submissions: pd.DataFrame  # 提出状況
    yearly: pd.DataFrame  # 年度実施状況
    meetings: pd.DataFrame  # 開催一覧
    agenda_counts: pd.DataFrame  # 協議事項: counts by 区分
    agenda: pd.DataFrame  # 協議事項: the topics
    requests: pd.DataFrame  # 要望事項
    findings: pd.DataFrame  # 検証結果
    by_station: pd.DataFrame  # グラフ: meetings by station, 臨時会議 (C4)
    by_month: pd.DataFrame  # グラフ: meetings and attendance by month of the FY
    request_status: pd.DataFrame  # グラフ: answered / open requests by station
    notes: list[str] = field(default_factory=list)


_REPORT_COLUMNS = (
    "report_id, run_id, sha256, path, sheet, council_key, council_id, template_council_id,"
    " affiliation,"
    " station, council_name, facility_name, meeting_date, meeting_type, start_time, end_time,"
    " venue, reporter, police, civilians, status, n_errors, n_warnings, pictures, n_agenda,"
    " n_requests, n_open, purged_run"
)


def build_summary(
    ledger: Ledger,
    period: Period,
    *,
    registry: Registry | None,
    station: str | None,
    settings: Settings,
) -> Summary:
    """Every table of the summary of `period`, from the current reports of the ledger.

    Raises ValueError (Japanese message) when `station` is neither in the registry nor in
    the ledger.
    """
    conn = ledger.connection
    stations = _station_filter(ledger, registry, station)
    fy = _reports(
        ledger,
        "superseded_by IS NULL AND fiscal_year = ? AND meeting_date <= ?",
        (period.fiscal_year, period.end.isoformat()),
    )
    fy = _resolve(fy, registry, stations)
    in_period = (fy["meeting_date"] >= pd.Timestamp(period.start)) & (
        fy["meeting_date"] <= pd.Timestamp(period.end)
    )
    rep = fy[in_period]
    councils = _councils(registry, stations, fy, ledger, period)
    station_order = _station_order(registry, councils)
    councils = councils.assign(_station=councils["station"].map(station_order)).sort_values(
        ["_station", "order"], kind="stable", ignore_index=True
    )
    notes: list[str] = []
    if registry is None:
        notes.append("協議会名簿の指定がないため、報告のあった協議会だけを集計しています。")

    tally = _tally(rep, councils, station_order)
    submissions = _submissions(rep, fy, councils, ledger, registry, stations, period, settings)
    yearly = _yearly(fy, councils, submissions)
    meetings = _meetings(rep, station_order, registry is not None)
    agenda_counts, agenda = _agenda(conn, rep, period)
    requests = _requests(ledger, rep, registry, stations, period, settings)
    findings = _findings(ledger, rep, registry, stations, period, station)
    by_station = _by_station(rep, fy, station_order)
    by_month = _by_month(fy, period, settings.today)
    request_status = _request_status(requests, station_order)
    meetings, agenda, requests, findings = (
        _compact(df) for df in (meetings, agenda, requests, findings)
    )
    return Summary(
        period=period,
        created=settings.today,
        station=stations[0] if stations and len(stations) == 1 else station,
        registry_used=registry is not None,
        tally=tally,
        submissions=submissions,
        yearly=yearly,
        meetings=meetings,
        agenda_counts=agenda_counts,
        agenda=agenda,
        requests=requests,
        findings=findings,
        by_station=by_station,
        by_month=by_month,
        request_status=request_status,
        notes=notes,
    )


def _compact(df: pd.DataFrame) -> pd.DataFrame:
    """The same table in less memory: text columns that repeat (station, council, 区分,
    file of a report's many rows) become categoricals. The detail tables of a fiscal year
    run to hundreds of thousands of rows."""
    out = df.copy(deep=False)
    for name in out.columns:
        col = out[name]
        if col.dtype == object and len(col) > 1000 and col.nunique() < len(col) // 2:
            out[name] = col.astype("category")
    return out


# --- loading and resolving ----------------------------------------------------------------


def _read_sql(sql: str, conn: Any, params: Sequence[Any] | None = None) -> pd.DataFrame:
    """A query's rows as a frame, read in chunks with repeated texts shared.

    sqlite3 returns a new string object for every cell, so a station's name would be held
    tens of thousands of times over in a fiscal year's tables; sharing equal strings (and
    reading in chunks, so the raw copy never exists whole) keeps the summary's memory
    close to what the data needs.
    """
    shared: dict[Any, Any] = {}
    chunks = []
    for chunk in pd.read_sql_query(sql, conn, params=list(params or ()), chunksize=20_000):
        for name in chunk.columns:
            if pd.api.types.is_string_dtype(chunk[name]) or chunk[name].dtype == object:
                chunk[name] = [shared.setdefault(v, v) for v in chunk[name].tolist()]
        chunks.append(chunk)
    if not chunks:
        return pd.read_sql_query(sql, conn, params=list(params or ()))
    return chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)


def _reports(ledger: Ledger, where: str, params: Sequence[Any]) -> pd.DataFrame:
    sql = f"SELECT {_REPORT_COLUMNS} FROM reports WHERE {where} ORDER BY report_id"
    df = _read_sql(sql, ledger.connection, params)
    df["meeting_date"] = pd.to_datetime(df["meeting_date"], format="%Y-%m-%d")
    for col in ("police", "civilians"):
        df[col] = df[col].astype("Int64")
    return df


def _station_filter(
    ledger: Ledger, registry: Registry | None, station: str | None
) -> list[str] | None:
    """The spellings of `station` in the registry and the ledger; None when no filter."""
    if station is None:
        return None
    known = [
        str(s)
        for (s,) in ledger.connection.execute("SELECT DISTINCT station FROM reports")
        if s is not None
    ]
    if registry is not None:
        known = registry.stations() + known
    found = list(dict.fromkeys(s for s in known if same_name(s, station)))
    if not found:
        listed = "」「".join(dict.fromkeys(known)) or "なし"
        raise ValueError(
            f"警察署「{station}」は協議会名簿にも台帳にもありません（登録・報告のある警察署:「{listed}」）。"
        )
    return found


def _resolve(
    df: pd.DataFrame, registry: Registry | None, stations: list[str] | None
) -> pd.DataFrame:
    """Add key, station, council and facility names as the summary shows them."""
    cols = [
        "council_key",
        "council_id",
        "template_council_id",
        "council_name",
        "station",
        "affiliation",
    ]
    # One lookup per distinct combination (a few hundred), not per report.
    combo = pd.Series("", index=df.index, dtype=object)
    for col in cols:
        combo = combo + "\x1f" + df[col].astype(object).fillna("\x00").astype(str)
    firsts = df[cols].assign(_combo=combo).drop_duplicates("_combo")
    rows: list[tuple[Any, ...]] = []
    for ckey, cid, tid, name, st, aff, code in firsts.itertuples(index=False, name=None):
        council = None
        if registry is not None:
            # The template's ID, else name and 所属 (the ingest may have used another registry)
            council = registry.find(_text(tid), _text(name), _text(aff))
            if council is None:
                council = registry.find(_text(cid), None, None)
        st_text = st if isinstance(st, str) else NO_STATION
        if council is not None:
            rows.append(
                (
                    code,
                    council.council_id,
                    council.council_id,
                    council.station,
                    council.name,
                    council.facility_name,
                    council.kind,
                    True,
                )
            )
        else:
            key = ckey if isinstance(ckey, str) else f"{NO_NAME}{st_text}"
            shown = tid if isinstance(tid, str) and tid else None
            rows.append((code, key, shown, st_text, None, None, "", False))
    mapping = pd.DataFrame(
        rows,
        columns=["_combo", "key", "cid", "st", "reg_name", "reg_facility", "kind", "registered"],
    )
    out = df.assign(_combo=combo).merge(mapping, on="_combo", how="left", sort=False)
    out = out.drop(columns=["_combo"])
    out["registered"] = out["registered"].astype(bool)
    out["name"] = out["reg_name"].where(out["registered"], out["council_name"]).fillna(NO_NAME)
    out["facility"] = out["reg_facility"].where(out["registered"], out["facility_name"])
    out["station"] = out["st"]
    out = out.drop(columns=["st", "reg_name", "reg_facility"])
    if stations is not None:
        allowed = {s for s in out["station"].unique() if any(same_name(s, x) for x in stations)}
        out = out[out["station"].isin(allowed)]
    return out.reset_index(drop=True)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _councils(
    registry: Registry | None,
    stations: list[str] | None,
    fy: pd.DataFrame,
    ledger: Ledger,
    period: Period,
) -> pd.DataFrame:
    """One row per council of the summary: registered first (registry order), then others."""
    registered = []
    if registry is not None:
        for i, c in enumerate(registry.councils):
            if stations is not None and not any(same_name(c.station, s) for s in stations):
                continue
            registered.append(
                (c.council_id, c.council_id, c.station, c.facility_name, c.name, c.kind, True, i)
            )
    frame = pd.DataFrame(
        registered,
        columns=["key", "cid", "station", "facility", "name", "kind", "registered", "order"],
    )
    others = fy[~fy["registered"]].sort_values("meeting_date", kind="stable")
    if len(others):
        last = others.groupby("key", sort=False).last()
        extra = pd.DataFrame(
            {
                "key": last.index,
                "cid": last["cid"].to_numpy(),
                "station": last["station"].to_numpy(),
                "facility": last["facility"].to_numpy(),
                "name": last["name"].to_numpy(),
                "kind": "",
                "registered": False,
            }
        ).sort_values(["station", "name", "key"])
        extra["order"] = range(len(frame), len(frame) + len(extra))
        frame = pd.concat([frame, extra], ignore_index=True)
    frame["registered"] = frame["registered"].astype(bool)
    return frame


def _station_order(registry: Registry | None, councils: pd.DataFrame) -> dict[str, int]:
    present = set(councils["station"])
    names = [s for s in registry.stations() if s in present] if registry is not None else []
    rest = sorted(s for s in present if s not in names)
    return {s: i for i, s in enumerate([*names, *rest])}


def _count_types(df: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """定期 / 臨時 / other counts per group, vectorised."""
    kinds = df["meeting_type"]
    return (
        df.assign(
            regular=(kinds == REGULAR).astype(int),
            extraordinary=(kinds == EXTRAORDINARY).astype(int),
            unknown=(~kinds.isin([REGULAR, EXTRAORDINARY])).astype(int),
            meetings=1,
        )
        .groupby(by, sort=False)[["regular", "extraordinary", "unknown", "meetings"]]
        .sum()
    )


# --- 集計表 -------------------------------------------------------------------------------

TALLY_NUMBERS = (
    "定期会議",
    "臨時会議",
    "種別不明",
    "開催計",
    "出席警察官",
    "出席民間",
    "出席計",
    "要望事項",
    "未回答",
)


def _tally(rep: pd.DataFrame, councils: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    counts = _count_types(rep, "key")
    sums = rep.groupby("key", sort=False)[["police", "civilians", "n_requests", "n_open"]].sum()
    per = counts.join(sums, how="outer")
    seen = councils[councils["registered"] | councils["key"].isin(per.index)]
    table = seen.merge(per, left_on="key", right_index=True, how="left")
    numbers = [
        "regular",
        "extraordinary",
        "unknown",
        "meetings",
        "police",
        "civilians",
        "n_requests",
        "n_open",
    ]
    table[numbers] = table[numbers].fillna(0).astype("int64")
    table["attendance"] = table["police"] + table["civilians"]
    numbers.insert(6, "attendance")
    table["_station"] = table["station"].map(order)
    table["_level"] = 0
    subtotals = table.groupby("station", sort=False)[numbers].sum().reset_index()
    subtotals["_station"] = subtotals["station"].map(order)
    subtotals["_level"] = 1
    subtotals["name"] = SUBTOTAL
    total = pd.DataFrame([table[numbers].sum()]).astype("int64")
    total["station"] = TOTAL
    total["_station"] = len(order) + 1
    total["_level"] = 2
    rows = pd.concat([table, subtotals, total], ignore_index=True)
    rows = rows.sort_values(["_station", "_level", "order"], kind="stable")
    out = pd.DataFrame(
        {
            "警察署": rows["station"],
            "協議会ID": rows["cid"],
            "協議会名": rows["name"],
            "施設名": rows["facility"],
            "定期会議": rows["regular"],
            "臨時会議": rows["extraordinary"],
            "種別不明": rows["unknown"],
            "開催計": rows["meetings"],
            "出席警察官": rows["police"],
            "出席民間": rows["civilians"],
            "出席計": rows["attendance"],
            "要望事項": rows["n_requests"],
            "未回答": rows["n_open"],
            "行区分": rows["_level"].map({0: DETAIL, 1: SUBTOTAL, 2: TOTAL}),
        }
    )
    if int(out["種別不明"].sum()) == 0:
        out = out.drop(columns=["種別不明"])
    return _text_blanks(out.reset_index(drop=True), ["協議会ID", "協議会名", "施設名"])


def _text_blanks(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for col in columns:
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


# --- 提出状況 / 年度実施状況 ---------------------------------------------------------------


def months_left(period: Period, today: date) -> int:
    """Whole months left in the fiscal year after the status date, to hold a 定期会議.

    The status date is the end of a month period, and for a fiscal year `today` (kept
    inside the year: 12 before it starts, 0 after it ends).
    """
    if period.kind == "fy" and today < period.start:
        return 12
    as_of = period.end if period.kind == "month" else min(today, period.end)
    return 11 - FY_MONTHS.index(as_of.month)


def _fy_status(regular: pd.Series, required: int) -> pd.Series:
    done = regular >= required
    if required <= 1:
        return pd.Series(np.where(done, HELD, NOT_HELD), index=regular.index, dtype=object)
    counts = regular.astype(int).astype(str) + f"/{required}回"
    return pd.Series(
        np.where(done, HELD + "（" + counts + "）", NOT_HELD + "（" + counts + "）"),
        index=regular.index,
        dtype=object,
    )


def _last_meetings(
    ledger: Ledger, registry: Registry | None, stations: list[str] | None, period: Period
) -> pd.Series:
    """The last meeting date of each council up to the end of the period, any year."""
    df = _read_sql(
        "SELECT council_key, council_id, template_council_id, council_name, station,"
        " affiliation, max(facility_name) AS facility_name, max(meeting_date) AS last"
        " FROM reports WHERE superseded_by IS NULL"
        " AND meeting_date <= ? GROUP BY 1, 2, 3, 4, 5, 6",
        ledger.connection,
        params=[period.end.isoformat()],
    )
    if df.empty:
        return pd.Series(dtype="datetime64[ns]")
    df = _resolve(df, registry, stations)
    return pd.to_datetime(df.groupby("key")["last"].max(), format="%Y-%m-%d")


def _submissions(
    rep: pd.DataFrame,
    fy: pd.DataFrame,
    councils: pd.DataFrame,
    ledger: Ledger,
    registry: Registry | None,
    stations: list[str] | None,
    period: Period,
    settings: Settings,
) -> pd.DataFrame:
    in_period = rep.groupby("key").size()
    year = _count_types(fy, "key")
    last = _last_meetings(ledger, registry, stations, period)
    c = councils
    n = c["key"].map(in_period).fillna(0).astype(int)
    regular = c["key"].map(year["regular"]).fillna(0).astype(int)
    extra = c["key"].map(year["extraordinary"]).fillna(0).astype(int)
    out = pd.DataFrame(
        {
            "協議会ID": c["cid"],
            "警察署": c["station"],
            "施設名": c["facility"],
            "協議会名": c["name"],
            "協議会種別": c["kind"],
            "期間内報告数": n,
            "最終開催日": c[["key"]]
            .merge(last.rename("last"), left_on="key", right_index=True, how="left")["last"]
            .to_numpy(),
            "年度定期回数": regular,
            "年度臨時回数": extra,
            "提出状況": np.where(n > 0, SUBMITTED, NOT_SUBMITTED),
            "年度内定期会議": _fy_status(regular, settings.regular_meetings_per_year),
            "年度残り月数": months_left(period, settings.today),
            "備考": np.where(c["registered"] | (registry is None), "", UNREGISTERED),
        }
    )
    out["最終開催日"] = pd.to_datetime(out["最終開催日"])
    return _text_blanks(out.reset_index(drop=True), ["協議会ID", "施設名", "協議会名"])


def _marks(regular: pd.Series, extra: pd.Series) -> pd.Series:
    """定 / 臨 / 定2 / 定・臨 from counts."""
    r = np.where(regular > 0, "定", "")
    r = np.where(regular > 1, r + regular.astype(str), r)
    e = np.where(extra > 0, "臨", "")
    e = np.where(extra > 1, e + extra.astype(str), e)
    sep = np.where((regular > 0) & (extra > 0), "・", "")
    return pd.Series(
        np.char.add(np.char.add(r.astype(str), sep), e.astype(str)), index=regular.index
    )


def _yearly(fy: pd.DataFrame, councils: pd.DataFrame, submissions: pd.DataFrame) -> pd.DataFrame:
    base = submissions[["協議会ID", "警察署", "協議会名"]].copy()
    keys = councils["key"]
    if len(fy):
        counts = _count_types(fy.assign(m=fy["meeting_date"].dt.month), ["key", "m"])
        marks = _marks(counts["regular"], counts["extraordinary"]).unstack("m")
    else:
        marks = pd.DataFrame()
    for month, header in zip(FY_MONTHS, MONTH_HEADERS, strict=True):
        column = marks[month] if month in marks.columns else pd.Series(dtype=object)
        mapped = keys.map(column).astype(object)
        base[header] = mapped.where(mapped.notna() & (mapped != ""), None)
    base["定期計"] = submissions["年度定期回数"].to_numpy()
    base["臨時計"] = submissions["年度臨時回数"].to_numpy()
    base["年度内定期会議"] = submissions["年度内定期会議"].to_numpy()
    return base.reset_index(drop=True)


# --- 開催一覧 -----------------------------------------------------------------------------


def _sorted(rep: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    return rep.assign(_s=rep["station"].map(order)).sort_values(
        ["_s", "name", "meeting_date", "report_id"], kind="stable"
    )


def _meetings(rep: pd.DataFrame, order: dict[str, int], listed: bool) -> pd.DataFrame:
    """One row per current report of the period; `listed`: a registry was given."""
    r = _sorted(rep, order)
    purged = r["purged_run"].notna()
    notes = np.where(r["registered"] | (not listed), "", UNREGISTERED)
    notes = np.where(purged, np.char.add(notes.astype(str), "保存期間経過（本文削除済）"), notes)
    out = pd.DataFrame(
        {
            "開催日": r["meeting_date"],
            "警察署": r["station"],
            "協議会ID": r["cid"],
            "協議会名": r["name"],
            "施設名": r["facility"],
            "会議種別": r["meeting_type"].map(TYPE_JA).fillna("不明"),
            "開催時間": _hours(r["start_time"], r["end_time"]),
            "開催場所": r["venue"],
            "出席警察官": r["police"],
            "出席民間": r["civilians"],
            "協議事項": r["n_agenda"],
            "要望事項": r["n_requests"],
            "未回答": r["n_open"],
            "報告者": r["reporter"],
            "点検結果": _check_result(r["n_errors"], r["n_warnings"]),
            "写真": r["pictures"],
            "備考": notes,
            "ファイル": r["path"],
            "シート": r["sheet"],
        }
    )
    return _text_blanks(
        out.reset_index(drop=True),
        ["協議会ID", "施設名", "開催時間", "開催場所", "報告者", "シート"],
    )


def _hours(start: pd.Series, end: pd.Series) -> pd.Series:
    """14:00～15:30 (either side may be missing)."""
    both = start.fillna("").astype(str) + "～" + end.fillna("").astype(str)
    return both.where(start.notna() | end.notna(), None)


def _check_result(errors: pd.Series, warnings: pd.Series) -> pd.Series:
    """正常 / 警告1件 / 誤り2件・警告1件."""
    e = np.where(errors > 0, ERROR_JA + errors.astype(str) + "件", "")
    w = np.where(warnings > 0, WARNING_JA + warnings.astype(str) + "件", "")
    sep = np.where((errors > 0) & (warnings > 0), "・", "")
    text = np.char.add(np.char.add(e.astype(str), sep.astype(str)), w.astype(str))
    return pd.Series(np.where(text == "", STATUS_JA["ok"], text), index=errors.index)


# --- 協議事項 -----------------------------------------------------------------------------


def _agenda(conn: Any, rep: pd.DataFrame, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = _read_sql(
        "SELECT a.report_id, a.seq, a.category, a.topic, a.remarks FROM agenda a"
        " JOIN reports r ON r.report_id = a.report_id"
        " WHERE r.superseded_by IS NULL AND r.meeting_date BETWEEN ? AND ?",
        conn,
        params=[period.start.isoformat(), period.end.isoformat()],
    )
    info = rep[["report_id", "meeting_date", "station", "name", "path", "sheet", "purged_run"]]
    # A report has several topics: its repeated columns travel as categoricals (memory).
    info = info.astype({c: "category" for c in ("station", "name", "path", "sheet")})
    items = rows.merge(info, on="report_id", how="inner")
    del rows
    items["区分"] = items["category"].where(items["category"].isin(CATEGORIES), UNCATEGORISED)
    counts = items["区分"].value_counts()
    labels = [*CATEGORIES, UNCATEGORISED]
    n = [int(counts.get(c, 0)) for c in labels]
    total = sum(n)
    share = [round(100 * x / total, 1) if total else 0.0 for x in n]
    agenda_counts = pd.DataFrame(
        {
            "区分": [*labels, TOTAL],
            "件数": [*n, total],
            "割合（％）": [*share, 100.0 if total else 0.0],
        }
    )
    items = items.sort_values(
        ["station", "name", "meeting_date", "report_id", "seq"], kind="stable"
    )
    purged = items["purged_run"].notna()
    topic = items["topic"].astype(object).where(~purged, PURGED_TEXT)
    listing = pd.DataFrame(
        {
            "開催日": items["meeting_date"],
            "警察署": items["station"],
            "協議会名": items["name"],
            "区分": items["区分"],
            "協議事項": topic,
            "備考": items["remarks"],
            "ファイル": items["path"],
            "シート": items["sheet"],
        }
    )
    return agenda_counts, _text_blanks(
        listing.reset_index(drop=True), ["協議事項", "備考", "シート"]
    )


# --- 要望事項 -----------------------------------------------------------------------------


def _requests(
    ledger: Ledger,
    rep: pd.DataFrame,
    registry: Registry | None,
    stations: list[str] | None,
    period: Period,
    settings: Settings,
) -> pd.DataFrame:
    conn = ledger.connection
    current = _read_sql(
        "SELECT q.report_id, q.seq, q.request, q.response, q.answered FROM requests q"
        " JOIN reports r ON r.report_id = q.report_id"
        " WHERE r.superseded_by IS NULL AND r.meeting_date BETWEEN ? AND ?",
        conn,
        params=[period.start.isoformat(), period.end.isoformat()],
    )
    earlier_rows = _read_sql(
        "SELECT q.report_id, q.seq, q.request, q.response, q.answered FROM requests q"
        " JOIN reports r ON r.report_id = q.report_id"
        " WHERE r.superseded_by IS NULL AND r.meeting_date < ? AND q.answered = 0",
        conn,
        params=[period.start.isoformat()],
    )
    info_cols = ["report_id", "meeting_date", "station", "name", "path", "sheet", "purged_run"]
    parts = [current.merge(rep[info_cols], on="report_id").assign(scope=IN_PERIOD)]
    if len(earlier_rows):
        ids = sorted(set(earlier_rows["report_id"].tolist()))
        earlier = _resolve(
            _reports(ledger, f"report_id IN ({','.join(map(str, ids))})", ()), registry, stations
        )
        parts.append(earlier_rows.merge(earlier[info_cols], on="report_id").assign(scope=CARRIED))
    items = pd.concat(parts, ignore_index=True)
    items = items.sort_values(
        ["station", "name", "meeting_date", "report_id", "seq"], kind="stable"
    )
    answered = items["answered"].astype(bool)
    days = (pd.Timestamp(settings.today) - items["meeting_date"]).dt.days
    days_open = days.where(~answered).astype("Int64")
    overdue = (days_open > settings.open_request_overdue_days).fillna(False).astype(bool)
    purged = items["purged_run"].notna()
    out = pd.DataFrame(
        {
            "開催日": items["meeting_date"],
            "警察署": items["station"],
            "協議会名": items["name"],
            "要望事項": items["request"].astype(object).where(~purged, PURGED_TEXT),
            "措置・回答": items["response"].astype(object).where(~purged, None),
            "状況": np.where(answered, ANSWERED, OPEN),
            "経過日数": days_open,
            "期限超過": np.where(overdue, OVERDUE, ""),
            "対象": items["scope"],
            "ファイル": items["path"],
            "シート": items["sheet"],
        }
    )
    return _text_blanks(out.reset_index(drop=True), ["要望事項", "措置・回答", "シート"])


# --- 検証結果 -----------------------------------------------------------------------------

SEVERITY_JA = {"error": ERROR_JA, "warning": WARNING_JA}


def _findings(
    ledger: Ledger,
    rep: pd.DataFrame,
    registry: Registry | None,
    stations: list[str] | None,
    period: Period,
    station: str | None,
) -> pd.DataFrame:
    conn = ledger.connection
    of_reports = _read_sql(
        "SELECT f.finding_id, f.report_id, f.path, f.sheet, f.cell, f.severity, f.code, f.message"
        " FROM findings f JOIN reports r ON r.report_id = f.report_id"
        " WHERE r.superseded_by IS NULL AND r.meeting_date BETWEEN ? AND ?",
        conn,
        params=[period.start.isoformat(), period.end.isoformat()],
    )
    parts = [
        of_reports.merge(rep[["report_id", "station", "name", "meeting_date"]], on="report_id")
    ]
    if ledger.source == ":memory:":
        runs = [int(r) for (r,) in conn.execute("SELECT run_id FROM runs")]
    else:
        runs = sorted({int(r) for r in rep["run_id"].unique()})
    if runs:
        marks = ",".join(map(str, runs))
        undated = _resolve(
            _reports(
                ledger,
                f"superseded_by IS NULL AND meeting_date IS NULL AND run_id IN ({marks})",
                (),
            ),
            registry,
            stations,
        )
        if len(undated):
            ids = ",".join(map(str, undated["report_id"]))
            rows = _read_sql(
                "SELECT finding_id, report_id, path, sheet, cell, severity, code, message"
                f" FROM findings WHERE report_id IN ({ids})",
                conn,
            )
            parts.append(
                rows.merge(
                    undated[["report_id", "station", "name", "meeting_date"]], on="report_id"
                )
            )
        files = _read_sql(
            "SELECT finding_id, report_id, path, sheet, cell, severity, code, message, run_id"
            f" FROM findings WHERE report_id IS NULL AND run_id IN ({marks})",
            conn,
        )
        if len(files) and station is not None:
            files = files[_unreadable_in_station(files, rep, stations or [station])]
        files = files.drop(columns=["run_id"]).assign(
            station=None, name=None, meeting_date=pd.Series(pd.NaT, index=files.index)
        )
        parts.append(files)
    filled = [p for p in parts if len(p)]
    items = pd.concat(filled, ignore_index=True) if filled else parts[0]
    rank = items["severity"].map({"error": 0, "warning": 1})
    items = items.assign(_rank=rank).sort_values(
        ["path", "sheet", "_rank", "finding_id"], kind="stable", na_position="first"
    )
    out = pd.DataFrame(
        {
            "ファイル": items["path"],
            "シート": items["sheet"],
            "セル": items["cell"],
            "重大度": items["severity"].map(SEVERITY_JA),
            "コード": items["code"],
            "内容": items["message"],
            "警察署": items["station"],
            "協議会名": items["name"],
            "開催日": pd.to_datetime(items["meeting_date"]),
        }
    )
    return _text_blanks(out.reset_index(drop=True), ["シート", "セル", "警察署", "協議会名"])


def _unreadable_in_station(files: pd.DataFrame, rep: pd.DataFrame, stations: list[str]) -> Any:
    def named(path: str) -> bool:
        return any(same_name(part, s) for part in PurePath(path).parts[:-1] for s in stations)

    ours = rep["station"].map(lambda x: any(same_name(x, s) for s in stations))
    by_run = ours.groupby(rep["run_id"]).all()
    own_runs = {int(run) for run in by_run[by_run].index.tolist()}
    return files.apply(lambda row: named(row["path"]) or int(row["run_id"]) in own_runs, axis=1)


# --- グラフ ---------------------------------------------------------------------------------


def _by_station(rep: pd.DataFrame, fy: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    names = list(order)
    period = _count_types(rep, "station").reindex(names).fillna(0).astype(int)
    year = _count_types(fy, "station").reindex(names).fillna(0).astype(int)
    return pd.DataFrame(
        {
            "警察署": names,
            "定期会議": period["regular"].to_numpy(),
            "臨時会議": period["extraordinary"].to_numpy(),
            "開催計": period["meetings"].to_numpy(),
            "臨時会議（年度累計）": year["extraordinary"].to_numpy(),
        }
    )


def _by_month(fy: pd.DataFrame, period: Period, today: date) -> pd.DataFrame:
    """Meetings and civilian attendance per month of the FY; blank after the period (and
    after `today`: months that have not begun are not zeros)."""
    months = fy["meeting_date"].dt.month
    counts = _count_types(fy.assign(m=months), "m").reindex(list(FY_MONTHS), fill_value=0)
    civilians = fy.groupby(months)["civilians"].sum().reindex(list(FY_MONTHS), fill_value=0)
    firsts = [date(period.fiscal_year + (m < 4), m, 1) for m in FY_MONTHS]
    last = min(period.end, today)
    future = pd.Series([d > last for d in firsts], index=list(FY_MONTHS))
    out = pd.DataFrame(
        {
            "月": list(MONTH_HEADERS),
            "開催数": counts["meetings"].astype("Int64").mask(future).reset_index(drop=True),
            "定期会議": counts["regular"].astype("Int64").mask(future).reset_index(drop=True),
            "臨時会議": counts["extraordinary"].astype("Int64").mask(future).reset_index(drop=True),
            "民間出席者": civilians.astype("Int64").mask(future).reset_index(drop=True),
        }
    )
    return out


def _request_status(requests: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    names = list(order)
    answered = requests[requests["状況"] == ANSWERED].groupby("警察署").size()
    still = requests[requests["状況"] == OPEN].groupby("警察署").size()
    return pd.DataFrame(
        {
            "警察署": names,
            "回答済": [int(answered.get(n, 0)) for n in names],
            "未回答": [int(still.get(n, 0)) for n in names],
        }
    )
