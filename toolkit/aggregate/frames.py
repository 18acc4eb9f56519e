"""The frames every table of the summary starts from, and the helpers they share.

- the ledger's rows as frames, with repeated texts shared (memory);
- `Scope`: the period, the registry, the station filter and the settings of one summary,
  and how a report row is resolved to the council it belongs to — by the one council
  identity (`toolkit.registry.identity`), so that the summary, R7 and the ledger agree;
- the list of councils of the summary, the order of the police stations, counts by type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.fiscal import Period
from toolkit.ledger import Ledger, Rows
from toolkit.model import EXTRAORDINARY, REGULAR
from toolkit.registry import Registry, identify, same_name
from toolkit.rules.fiscal import late
from toolkit.settings import Settings

UNREGISTERED = "名簿外"
NO_NAME = "（協議会名なし）"
NO_STATION = "（所属なし）"
UNCATEGORISED = "未分類"
DETAIL, SUBTOTAL, TOTAL = "明細", "小計", "合計"
TYPE_JA = {REGULAR: "定期", EXTRAORDINARY: "臨時"}
UNKNOWN_TYPE = "不明"
ERROR_JA, WARNING_JA = "誤り", "警告"
STATUS_JA = {"ok": "正常", "warning": WARNING_JA, "error": ERROR_JA, "unreadable": "読取不可"}
SEVERITY_JA = {"error": ERROR_JA, "warning": WARNING_JA}
CARRIED = "前期間から継続"
IN_PERIOD = "期間内"


# --- rows → frames -------------------------------------------------------------------------


def frame(rows: Rows, leave_out: tuple[str, ...] = ()) -> pd.DataFrame:
    """A query's rows as a frame, read in chunks with repeated texts shared.

    sqlite3 returns a new string object for every cell, so a station's name would be held
    tens of thousands of times over in a fiscal year's tables; sharing equal strings (and
    gathering the columns chunk by chunk, so the raw copy never exists whole, nor a frame
    per chunk) keeps the summary's memory close to what the data needs. The columns
    `leave_out` are not kept.
    """
    names = [c for c in rows.columns if c not in leave_out]
    keep = [j for j, c in enumerate(rows.columns) if c not in leave_out]
    shared: dict[Any, Any] = {}
    data: list[list[Any] | None] = [[] for _ in names]
    for chunk in rows.chunks:
        columns = list(zip(*chunk, strict=True))
        for j, column in zip(keep, data, strict=True):
            assert column is not None
            column.extend(shared.setdefault(v, v) if isinstance(v, str) else v for v in columns[j])
        del columns
    if not names or not data[0]:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in names})
    del shared
    series = {}
    for i, name in enumerate(names):  # each list let go once its column is made
        series[name] = pd.Series(data[i])
        data[i] = None
    return pd.DataFrame(series, columns=names, copy=False)


def frames(rows: Rows) -> Iterator[pd.DataFrame]:
    """A query's rows as one frame per chunk read (in the query's order), equal texts of
    a chunk shared: for a table made and put away a part at a time (nothing is kept
    from one chunk to the next)."""
    for chunk in rows.chunks:
        shared: dict[Any, Any] = {}
        data = {
            name: [shared.setdefault(v, v) if isinstance(v, str) else v for v in values]
            for name, values in zip(rows.columns, zip(*chunk, strict=True), strict=True)
        }
        yield pd.DataFrame(data, columns=list(rows.columns))


def reports_frame(rows: Rows) -> pd.DataFrame:
    """Report rows with their dates as dates and their counts as nullable integers (their
    file's SHA-256 left out: no table shows it, and it is a long text per report)."""
    df = frame(rows, leave_out=("sha256",))
    df["meeting_date"] = pd.to_datetime(df["meeting_date"], format="%Y-%m-%d")
    for col in ("police", "civilians"):
        df[col] = pd.to_numeric(df[col]).astype("Int64")
    for col in ("report_id", "run_id", "n_errors", "n_warnings", "pictures"):
        df[col] = pd.to_numeric(df[col]).astype("int64")
    for col in ("n_agenda", "n_requests", "n_open"):
        df[col] = pd.to_numeric(df[col]).astype("int64")
    df["purged_run"] = pd.to_numeric(df["purged_run"]).astype("float64")
    for col in ("received_on", "first_received"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
    return df


def text_blanks(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Missing values of text columns as None (not NaN), as the writer expects."""
    for col in columns:
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


def compact(df: pd.DataFrame) -> pd.DataFrame:
    """The same table in less memory: text columns that repeat (station, council, 区分,
    file of a report's many rows) become categoricals. The detail tables of a fiscal year
    run to hundreds of thousands of rows."""
    out = df.copy(deep=False)
    for name in out.columns:
        col = out[name]
        if col.dtype == object and len(col) > 1000 and col.nunique() < len(col) // 2:
            out[name] = col.astype("category")
    return out


def count_types(df: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
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


# --- the scope of one summary --------------------------------------------------------------


@dataclass
class Scope:
    """What one summary covers: its ledger, period, registry, stations and settings."""

    ledger: Ledger
    period: Period
    registry: Registry | None
    stations: list[str] | None  # the spellings of the station asked for; None: all
    settings: Settings
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls,
        ledger: Ledger,
        period: Period,
        registry: Registry | None,
        station: str | None,
        settings: Settings,
    ) -> Scope:
        """Raises `InputError` when `station` is neither in the registry nor in the ledger."""
        return cls(ledger, period, registry, _station_filter(ledger, registry, station), settings)

    @property
    def as_of(self) -> date:
        """The day the summary is made "as of": reports received by then count, and the
        plan and the requests are judged on it."""
        return self.settings.today

    @property
    def cutoff(self) -> date:
        """The last meeting day the summary counts: the end of its period, or the as-of
        day when that comes first (no meeting after it has been reported)."""
        return min(self.period.end, self.settings.today)

    def reports(self, rows: Rows) -> pd.DataFrame:
        """Report rows resolved to their councils, limited to the scope's stations, with
        the days from each meeting to its first receipt and whether that was late (C2)."""
        df = self.resolve(reports_frame(rows))
        days = (df["first_received"] - df["meeting_date"]).dt.days
        df["days_to_receipt"] = days.astype("Int64")
        df["late"] = [
            late(
                m.date() if pd.notna(m) else None, r.date() if pd.notna(r) else None, self.settings
            )
            for m, r in zip(df["meeting_date"], df["first_received"], strict=True)
        ]
        df["late"] = df["late"].astype(bool)
        return df

    def resolve(self, df: pd.DataFrame) -> pd.DataFrame:
        """Add key, station, council and facility names as the summary shows them."""
        cols = [
            "council_key",
            "council_id",
            "template_council_id",
            "council_name",
            "facility_name",
            "station",
            "affiliation",
        ]
        # One identity per distinct combination (a few hundred), not per report: the
        # combination of each row numbered (missing values alike, every value as text).
        codes = pd.DataFrame(
            {
                col: pd.factorize(df[col].astype(object).fillna("\x00").astype(str))[0]
                for col in cols
            }
        )
        combo = codes.groupby(cols, sort=False).ngroup().to_numpy() if len(df) else np.zeros(0, int)
        del codes
        _, firsts = np.unique(combo, return_index=True)
        found = [
            self._remembered(values)
            for values in df[cols].take(firsts).itertuples(index=False, name=None)
        ]
        names = ["key", "cid", "st", "reg_name", "reg_facility", "kind", "registered"]
        mapping = {n: np.empty(len(found), dtype=object) for n in names}
        for i, row in enumerate(found):
            for n, value in zip(names, row[1:], strict=True):
                mapping[n][i] = value
        out = df.copy(deep=False)
        for n in names:
            out[n] = mapping[n][combo]
        out["registered"] = out["registered"].astype(bool)
        out["name"] = out["reg_name"].where(out["registered"], out["council_name"]).fillna(NO_NAME)
        out["facility"] = out["reg_facility"].where(out["registered"], out["facility_name"])
        out["station"] = out["st"]
        out = out.drop(columns=["st", "reg_name", "reg_facility"])
        if self.stations is not None:
            wanted = self.stations
            allowed = {s for s in out["station"].unique() if any(same_name(s, x) for x in wanted)}
            out = out[out["station"].isin(allowed)]
        return out.reset_index(drop=True)

    def _remembered(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """`_who` of a combination, asked once per summary (a table made in parts meets
        the same combinations in every part); missing values alike, values as text."""
        key = tuple("\x00" if pd.isna(v) else str(v) for v in values)
        found = self.seen.get(key)
        if found is None:
            key_, cid, tid, name, facility, station, affiliation = values
            found = self._who(key_, cid, tid, name, facility, station, affiliation, "")
            self.seen[key] = found
        return found

    def _who(
        self,
        stored_key: Any,
        cid: Any,
        tid: Any,
        name: Any,
        facility: Any,
        station: Any,
        affiliation: Any,
        code: str,
    ) -> tuple[Any, ...]:
        registry = self.registry
        who = None
        if registry is not None:
            # The registry of the summary decides (the ingest may have used another one).
            who = identify(
                council_id=_text(tid),
                name=_text(name),
                facility=_text(facility),
                affiliation=_text(affiliation),
                registry=registry,
                min_score=self.settings.identity_min_score,
            )
            council = who.council or (registry.by_id(cid) if _text(cid) else None)
            if council is not None:
                return (
                    code,
                    council.council_id,
                    council.council_id,
                    council.station,
                    council.name,
                    council.facility_name,
                    council.kind,
                    True,
                )
        st_text = station if isinstance(station, str) else NO_STATION
        key = who.key if who is not None else _text(stored_key)
        key = key or f"{NO_NAME}{st_text}"
        shown = tid if isinstance(tid, str) and tid else None
        return (code, key, shown, st_text, None, None, "", False)

    def councils(self, fy: pd.DataFrame) -> pd.DataFrame:
        """One row per council of the summary: registered first (registry order), then
        the others that reported in the fiscal year."""
        registered = []
        if self.registry is not None:
            for i, c in enumerate(self.registry.councils):
                if self.stations is not None and not any(
                    same_name(c.station, s) for s in self.stations
                ):
                    continue
                registered.append(
                    (
                        c.council_id,
                        c.council_id,
                        c.station,
                        c.facility_name,
                        c.name,
                        c.kind,
                        True,
                        i,
                    )
                )
        out = pd.DataFrame(
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
            extra["order"] = range(len(out), len(out) + len(extra))
            out = pd.concat([out, extra], ignore_index=True)
        out["registered"] = out["registered"].astype(bool)
        return out

    def station_order(self, councils: pd.DataFrame) -> dict[str, int]:
        """Police stations in registry order, then the others by name."""
        present = set(councils["station"])
        names = (
            [s for s in self.registry.stations() if s in present]
            if self.registry is not None
            else []
        )
        rest = sorted(s for s in present if s not in names)
        return {s: i for i, s in enumerate([*names, *rest])}


def _station_filter(
    ledger: Ledger, registry: Registry | None, station: str | None
) -> list[str] | None:
    """The spellings of `station` in the registry and the ledger; None when no filter."""
    if station is None:
        return None
    known = ledger.stations()
    if registry is not None:
        known = registry.stations() + known
    found = list(dict.fromkeys(s for s in known if same_name(s, station)))
    if not found:
        listed = "」「".join(dict.fromkeys(known)) or "なし"
        raise InputError(
            f"警察署「{station}」は協議会名簿にも台帳にもありません（登録・報告のある警察署:「{listed}」）。"
        )
    return found


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
