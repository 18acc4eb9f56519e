"""What HQ sends each police station once a month: what it still owes (C2, R1–R8, C3).

For each station: the planned meetings of the fiscal year that have passed without a report
(督促) — each with the reports HQ already holds for that council this fiscal year, so the
clerk can answer "that was the September meeting"; its reports returned for correction (an
error) and not yet resubmitted; and its requests still open or pending past the setting
(長期: 問題解決活動の候補, 2(7)), whose 措置状況 is asked for — in the words of the summary's
要望事項 sheet (`toolkit.rules.requests`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pandas as pd

from toolkit.aggregate.frames import TYPE_JA, UNKNOWN_TYPE, Scope, frame, reports_frame
from toolkit.aggregate.plan import plan_table, reminders_table
from toolkit.era import short_date
from toolkit.fiscal import fiscal_year, fy_period
from toolkit.ledger import Ledger
from toolkit.registry import Registry
from toolkit.rules.requests import FROM_STORED, OPEN, request_state, written_status
from toolkit.settings import Settings


@dataclass
class StationList:
    """One station's list: what to chase, what to correct, what to follow up."""

    station: str
    chase: pd.DataFrame  # 協議会名, 予定月, 会議種別, 経過日数, 予定議題, 届いている報告, 協議会ID
    corrections: pd.DataFrame  # 開催日, 協議会名, ファイル名, 誤り, 受付日
    requests: pd.DataFrame  # 開催日, 協議会名, 要望事項, 措置・回答, 状況, 経過日数
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.chase.empty and self.corrections.empty and self.requests.empty


def station_lists(ledger: Ledger, registry: Registry, settings: Settings) -> list[StationList]:
    """One list per police station of the registry, in registry order, as of
    `settings.today` (its fiscal year's plan)."""
    period = fy_period(fiscal_year(settings.today))
    scope = Scope.of(ledger, period, registry, None, settings)
    fy_all = scope.reports(
        ledger.current_reports(period.fiscal_year, settings.today, settings.today)
    )
    councils = scope.councils(fy_all)
    chase = reminders_table(plan_table(scope, fy_all, councils))
    held = _held(fy_all)
    chase = chase.assign(
        届いている報告=[held.get(cid, "なし") for cid in chase["協議会ID"].tolist()]
    )
    corrections = _corrections(scope, ledger)
    requests = _requests(scope, ledger)
    out = []
    for station in registry.stations():
        out.append(
            StationList(
                station,
                chase[chase["警察署"] == station].reset_index(drop=True),
                corrections[corrections["警察署"] == station]
                .drop(columns=["警察署"])
                .reset_index(drop=True),
                requests[requests["警察署"] == station]
                .drop(columns=["警察署"])
                .reset_index(drop=True),
            )
        )
    return out


def _held(fy: pd.DataFrame) -> dict[str, str]:
    """Per council key, the reports HQ holds this fiscal year: 「R8.9.12 定期（受付 R8.9.20）」."""
    out: dict[str, list[str]] = {}
    dated = fy[fy["meeting_date"].notna()].sort_values("meeting_date", kind="stable")
    for key, day, kind, got in zip(
        dated["key"].tolist(),
        dated["meeting_date"].tolist(),
        dated["meeting_type"].tolist(),
        dated["received_on"].tolist(),
        strict=True,
    ):
        text = f"{short_date(day.date())} {TYPE_JA.get(kind, UNKNOWN_TYPE)}"
        if pd.notna(got):
            text += f"（受付 {short_date(got.date())}）"
        out.setdefault(key, []).append(text)
    return {k: "、".join(v) for k, v in out.items()}


def _corrections(scope: Scope, ledger: Ledger) -> pd.DataFrame:
    """Current reports with an error: returned to the station, not resubmitted since."""
    df = scope.reports(ledger.reports_with_errors(scope.as_of))
    df = df.sort_values(["meeting_date", "report_id"], kind="stable", na_position="first")
    return pd.DataFrame(
        {
            "警察署": df["station"],
            "開催日": df["meeting_date"],
            "協議会名": df["name"],
            "ファイル名": df["path"].map(lambda p: str(p).replace("\\", "/").rsplit("/", 1)[-1]),
            "誤り": df["n_errors"].astype(int),
            "受付日": df["received_on"],
        }
    )


def _requests(scope: Scope, ledger: Ledger) -> pd.DataFrame:
    """Requests open or pending longer than `problem_solving_days` (長期, 2(7))."""
    settings = scope.settings
    rows = frame(ledger.requests_before(settings.today + timedelta(days=1), settings.today))
    if rows.empty:
        return pd.DataFrame(
            columns=["警察署", "開催日", "協議会名", "要望事項", "措置・回答", "状況", "経過日数"]
        )
    info = scope.resolve(reports_frame(ledger.reports_by_id(sorted(set(rows["report_id"])))))
    items = rows.merge(info[["report_id", "meeting_date", "station", "name"]], on="report_id")
    kept = []
    for item in items.itertuples(index=False):
        raised = pd.Timestamp(str(item.meeting_date)).date()
        response = item.response if isinstance(item.response, str) else None
        written = (
            written_status(response, settings)
            if response
            else FROM_STORED.get(str(item.state), OPEN)
        )
        state = request_state(written, raised, settings)
        if state.long:
            kept.append(
                (
                    item.station,
                    item.meeting_date,
                    item.name,
                    item.request,
                    response,
                    written,
                    state.days_open,
                )
            )
    out = pd.DataFrame(
        kept, columns=["警察署", "開催日", "協議会名", "要望事項", "措置・回答", "状況", "経過日数"]
    )
    return out.sort_values(["開催日", "協議会名"], kind="stable").reset_index(drop=True)
