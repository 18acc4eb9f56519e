"""From the ledger to the tables of the summary workbook (pandas; no Excel here).

One cut-off for the whole workbook (SPEC, "Summary workbook contract"):
- the reports that count are those received by the as-of day (`settings.today`), one per
  meeting (`toolkit.ledger.counting`: HQ's settlements, then the corrected one, then the
  latest); identical files were stored once;
- the period's reports are those dated in the period (a month, or April 1 – March 31);
- the fiscal-year figures (C1: 定期会議 held this fiscal year, months left; the yearly
  plan, C2) use the reports of the fiscal year dated up to the end of the period, so a
  summary of October says what had been done by the end of October, and the plan is
  judged on the as-of day for the planned months up to the end of the period;
- `station` limits every table to one police station (what a station's 地域課 sends up).

Reports are counted under the council the one council identity gives them (by 協議会ID, by
name at the police station, or by a close name whose facility and station agree), with the
registry given to the summary; a council that reported but is not in the registry is listed
and marked 名簿外. Without a registry the councils are those that reported, grouped by the
key the ingest stored.

The rules across reports (C1–C4, `toolkit.rules.fiscal`) decide each status; the modules
here build the tables: `tally` (集計表), `status` (提出状況, 年度実施状況), `listings` (開催一覧,
協議事項), `requests` (要望事項), `checks` (点検結果), `charts` (グラフ); `members` counts each
council's member findings (M1–M6) for 概況 and 提出状況, and builds the roster's tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from toolkit.aggregate.attendance import attendance_table
from toolkit.aggregate.charts import by_month, by_station
from toolkit.aggregate.checks import findings_table
from toolkit.aggregate.frames import Scope, compact
from toolkit.aggregate.listing import Listing
from toolkit.aggregate.listings import (
    agenda_tables,
    frequent_topics,
    meetings_table,
    themes_table,
)
from toolkit.aggregate.member_counts import findings_per_council
from toolkit.aggregate.overview import Overview, Sheets, build_overview
from toolkit.aggregate.plan import plan_table, reminders_table
from toolkit.aggregate.receipts import receipts_table, settlements_table
from toolkit.aggregate.requests import (
    candidates_table,
    requests_table,
    slim_requests,
    status_counts,
)
from toolkit.aggregate.status import submissions_table, yearly_table
from toolkit.aggregate.tally import tally_table
from toolkit.fiscal import Period
from toolkit.ledger import Ledger
from toolkit.registry import Registry
from toolkit.settings import Settings


@dataclass
class Summary:
    """Every table of the summary workbook, headers in Japanese as they are printed."""

    period: Period
    created: date  # the as-of day: reports received by then count
    cutoff: date  # the last meeting day counted (end of the period, or the as-of day)
    station: str | None
    registry_used: bool
    overview: Overview  # 概況
    tally: pd.DataFrame  # 集計表 (with 行区分 明細/小計/合計)
    submissions: pd.DataFrame  # 提出状況
    reminders: pd.DataFrame  # 督促
    yearly: pd.DataFrame  # 年度実施状況
    lists: Lists  # the listing sheets, kept on disk
    agenda_counts: pd.DataFrame  # 協議事項: counts by 区分
    agenda_themes: pd.DataFrame  # 協議事項: each 区分 with its 主な協議事項
    agenda_topics: pd.DataFrame  # 協議事項: the most frequent topics
    by_station: pd.DataFrame  # グラフ: meetings by station, 臨時会議 (C4)
    by_month: pd.DataFrame  # グラフ: meetings and attendance by month of the FY
    request_status: pd.DataFrame  # グラフ: requests by station and status
    plans: pd.DataFrame  # every planned meeting and its status (C2)
    settlements: pd.DataFrame  # 受付簿: HQ's decisions (settle)
    attendance: pd.DataFrame  # per report of the period: members present, materials
    notes: list[str] = field(default_factory=list)

    # The listings whole, in memory (the workbook is written from `lists` part by part).
    @property
    def meetings(self) -> pd.DataFrame:
        """開催一覧."""
        return self.lists.meetings.frame()

    @property
    def agenda(self) -> pd.DataFrame:
        """協議事項: the topics."""
        return self.lists.agenda.frame()

    @property
    def candidates(self) -> pd.DataFrame:
        """要望事項: 問題解決活動 candidates."""
        return self.lists.candidates.frame()

    @property
    def requests(self) -> pd.DataFrame:
        """要望事項."""
        return self.lists.requests.frame()

    @property
    def findings(self) -> pd.DataFrame:
        """点検結果."""
        return self.lists.findings.frame()

    @property
    def receipts(self) -> pd.DataFrame:
        """受付簿: the files received in the period."""
        return self.lists.receipts.frame()


@dataclass
class Lists:
    """The summary's listing sheets, each on disk in the order it is printed."""

    meetings: Listing  # 開催一覧
    agenda: Listing  # 協議事項: the topics
    candidates: Listing  # 要望事項: 問題解決活動 candidates
    requests: Listing  # 要望事項
    findings: Listing  # 点検結果
    receipts: Listing  # 受付簿: the files received in the period


def build_summary(
    ledger: Ledger,
    period: Period,
    *,
    registry: Registry | None,
    station: str | None,
    settings: Settings,
) -> Summary:
    """Every table of the summary of `period`, from the current reports of the ledger.

    Raises `InputError` (Japanese message) when `station` is neither in the registry nor
    in the ledger.
    """
    scope = Scope.of(ledger, period, registry, station, settings)
    # One cut-off for the whole workbook: meetings held up to the end of the period, from
    # the reports received by the as-of day; the plan judged on that day with them.
    fy = scope.reports(ledger.current_reports(period.fiscal_year, period.end, scope.as_of))
    rep = fy[fy["meeting_date"] >= pd.Timestamp(period.start)]
    councils = scope.councils(fy)
    order = scope.station_order(councils)
    councils = councils.assign(_station=councils["station"].map(order)).sort_values(
        ["_station", "order"], kind="stable", ignore_index=True
    )
    notes: list[str] = []
    if registry is None:
        notes.append("協議会名簿の指定がないため、報告のあった協議会だけを集計しています。")
    plans = plan_table(scope, fy, councils)
    members = None
    if registry is not None and registry.members:
        members = findings_per_council(registry, settings)
    attendance = attendance_table(scope, rep)
    submissions = submissions_table(
        scope, rep, fy, councils, plans, members.per_council if members else None, attendance
    )
    # Each listing is made, its figures taken, and it goes to disk before the next one.
    whole = requests_table(scope, rep)
    requests = slim_requests(whole)
    candidates = Listing.of(candidates_table(whole))
    requests_list = Listing.of(compact(whole))
    del whole
    whole = findings_table(scope, rep, station)
    findings = whole[["警察署", "重大度", "コード"]].copy()
    findings_list = Listing.of(compact(whole))
    del whole
    agenda_counts, agenda_list, agenda = agenda_tables(scope, rep)
    stations = scope.stations
    sheets = Sheets(
        rep, fy, submissions, plans, requests, findings, agenda, attendance, members,
        ledger.unsettled(settings.today),
    )  # fmt: skip
    lists = Lists(
        meetings=meetings_table(rep, order, registry is not None, requests),
        agenda=agenda_list,
        candidates=candidates,
        requests=requests_list,
        findings=findings_list,
        receipts=receipts_table(scope),
    )
    return Summary(
        period=period,
        created=settings.today,
        cutoff=scope.cutoff,
        station=stations[0] if stations and len(stations) == 1 else station,
        registry_used=registry is not None,
        overview=build_overview(scope, sheets, order),
        tally=tally_table(rep, councils, order, requests),
        submissions=submissions,
        reminders=reminders_table(plans),
        yearly=yearly_table(fy, councils, submissions, plans),
        lists=lists,
        agenda_counts=agenda_counts,
        agenda_themes=themes_table(agenda_counts, agenda),
        agenda_topics=frequent_topics(agenda),
        by_station=by_station(rep, fy, order),
        by_month=by_month(fy, period, settings.today),
        request_status=status_counts(requests, order),
        plans=plans,
        settlements=settlements_table(scope),
        attendance=attendance,
        notes=notes,
    )


__all__ = ["Listing", "Lists", "Summary", "build_summary"]
