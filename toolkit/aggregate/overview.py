"""概況: what the 地域課長 must know and act on, on one page — the key figures of the period
beside those of the period before (or the same point of the previous fiscal year), one line
per police station, and the councils to act on by name: the planned meetings to chase,
the councils without their 定期会議, those that met after every member's term ended, why
each 臨時会議 was held (its 協議事項), and the meetings reported twice that HQ must settle;
and how many reports, of which stations, were read from layouts HQ has not confirmed.

Every figure is taken from the tables of the other sheets, so the page and the sheets
always agree; each uses the workbook's one cut-off.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from toolkit.aggregate.frames import Scope, count_types
from toolkit.aggregate.member_counts import MemberSummary
from toolkit.aggregate.requests import AGENCY, IN_PERIOD
from toolkit.aggregate.status import MATERIALS, MEMBER_FINDINGS, NON_MEMBERS, TERMS_OVER, UNDER_HALF
from toolkit.catalogue.reading import UNCONFIRMED
from toolkit.era import short_date
from toolkit.fiscal import Period, fy_period
from toolkit.ledger import Unsettled
from toolkit.model import EXTRAORDINARY
from toolkit.rules.fiscal import NO_PLAN, NOT_HELD, PLAN_CHASE, PLAN_DONE, PLAN_DUE
from toolkit.rules.requests import (
    ANSWERED,
    CANDIDATE,
    LONG,
    OPEN,
    PENDING,
    PROBLEM_SOLVING,
    agency_theme,
)

FIGURE_COLUMNS = ["項目", "今回", "比較", "増減", "比較の対象"]
ACTION_COLUMNS = ["区分", "警察署", "協議会名", "内容"]
EXTRA_TOPIC = 20  # characters of a 臨時会議's topic in the note
EXTRA_LISTED = 4  # 臨時会議 named in the note; the rest are counted
ACTION_LIMIT = 14  # rows of the action list that fit the page; the rest are counted
CHECK_WORD = "点検"  # one word for what the checks found, on every sheet


@dataclass
class Overview:
    """The 概況 page: key figures, one row per station, the councils to act on, notes."""

    figures: pd.DataFrame
    by_station: pd.DataFrame
    actions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ACTION_COLUMNS))
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Counts:
    meetings: int = 0
    regular: int = 0
    extraordinary: int = 0
    unknown: int = 0
    civilians: int = 0
    requests: int = 0


@dataclass
class Sheets:
    """The other sheets' tables the 概況 is made from."""

    rep: pd.DataFrame
    fy: pd.DataFrame
    submissions: pd.DataFrame
    plans: pd.DataFrame
    requests: pd.DataFrame
    findings: pd.DataFrame
    agenda: pd.DataFrame
    attendance: pd.DataFrame
    members: MemberSummary | None = None
    unsettled: list[Unsettled] = field(default_factory=list)


def _counts(reports: pd.DataFrame) -> _Counts:
    if reports.empty:
        return _Counts()
    kinds = count_types(reports.assign(_all=0), "_all").iloc[0]
    return _Counts(
        meetings=int(kinds["meetings"]),
        regular=int(kinds["regular"]),
        extraordinary=int(kinds["extraordinary"]),
        unknown=int(kinds["unknown"]),
        civilians=int(reports["civilians"].fillna(0).sum()),
        requests=int(reports["n_requests"].sum()),
    )


def _earlier(scope: Scope) -> tuple[Period, date, str]:
    """What the period is compared with: the previous month for a month; for a fiscal
    year, the previous fiscal year up to the same day."""
    period = scope.period
    if period.kind == "month":
        before = period.previous()
        return before, before.end, f"前月（{before.label}）"
    day = scope.cutoff
    try:
        same = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        same = day.replace(year=day.year - 1, day=28)
    before = fy_period(period.fiscal_year - 1)
    return before, same, f"前年度同時期（{before.label}・{same.month}月{same.day}日まで）"


Row = tuple[str, object, object, str]


def build_overview(scope: Scope, t: Sheets, order: dict[str, int]) -> Overview:
    """The 概況 of the summary, from the tables of its other sheets."""
    before, until, label = _earlier(scope)
    earlier = scope.reports(scope.ledger.current_reports(before.fiscal_year, until, scope.as_of))
    earlier = earlier[earlier["meeting_date"] >= pd.Timestamp(before.start)]
    now, then = _counts(t.rep), _counts(earlier)
    basis = label
    label = label.split("（")[0]
    compared = not earlier.empty  # a ledger with nothing of that time has nothing to compare
    rows: list[Row] = [
        ("開催数（期間内）", now.meetings, then.meetings, label),
        ("　うち定期会議", now.regular, then.regular, label),
        ("　うち臨時会議", now.extraordinary, then.extraordinary, label),
        *(
            [("　うち種別不明", now.unknown, then.unknown, label)]
            if now.unknown or then.unknown
            else []
        ),
        ("民間の出席者数（期間内）", now.civilians, then.civilians, label),
        *_plan_rows(scope, t),
        *_request_rows(t.requests, now.requests, then.requests, label),
        (
            "報告の遅れ（期間内）",
            int(t.rep["late"].sum()),
            None,
            f"会議から{scope.settings.late_report_days}日超",
        ),
        (f"{CHECK_WORD}の誤り", int((t.findings["重大度"] == "誤り").sum()), None, ""),
        (f"{CHECK_WORD}の警告", int((t.findings["重大度"] == "警告").sum()), None, ""),
        *_attendance_rows(t),
        *_member_rows(t.members),
        *_unconfirmed_row(t.findings),
    ]
    if not compared:
        rows = [
            (name, value, None, "" if other is not None else why)
            for name, value, other, why in rows
        ]
    figures = pd.DataFrame(
        [(name, value, other, _change(value, other), why) for name, value, other, why in rows],
        columns=FIGURE_COLUMNS,
    )
    figures["比較"] = figures["比較"].astype("Int64")
    notes = [
        # one paragraph: the page has no line to spare
        (
            f"比較の対象は{basis}です。"
            if compared
            else f"比較の対象（{basis}）の報告が台帳にないため、増減は示していません。"
        )
        + "督促: 年間計画の予定月（前後1か月を含む）に報告がなく、月末から"
        f"{scope.settings.reminder_days}日を過ぎた会議（2の(6)イ）。対応中: 措置・回答の最後が"
        f"「予定」「依頼した」など。{LONG}: 会議から{scope.settings.problem_solving_days}日を"
        f"過ぎた未回答・対応中（{CANDIDATE}、2の(7)）。",
        *_agency_note(t.requests),
        *_extraordinary_note(t),
        *_member_note(t.members),
    ]
    if (t.findings["コード"] == UNCONFIRMED).any():
        notes.append(
            "確認していない様式で読んだ報告書は、項目名の位置から判断して読んだものです。"
            "kyogikai layout で読取確認を作り、様式を確認して登録してください。"
        )
    return Overview(
        figures,
        _by_station(t, order),
        _actions(scope, t, order),
        notes,
    )


def _plan_rows(scope: Scope, t: Sheets) -> list[Row]:
    plans, submissions = t.plans, t.submissions
    cutoff = f"{scope.cutoff.month}月{scope.cutoff.day}日"
    c1_missing = int(submissions["年度内定期会議"].astype(str).str.startswith(NOT_HELD).sum())
    left = int(submissions["残り月数"].iloc[0]) if len(submissions) else 0
    planning = scope.registry is not None and scope.registry.plans_for(scope.period.fiscal_year)
    no_plan = int((submissions["計画の状況"] == NO_PLAN).sum()) if planning else None
    rows: list[Row] = [
        ("年度の開催数（累計）", len(t.fy), None, f"{cutoff}まで"),
        ("年間計画の会議", len(plans), None, f"{scope.period.end.month}月までの予定"),
        ("　うち実施済", int((plans["状況"] == PLAN_DONE).sum()), None, ""),
        ("　うち予定", int((plans["状況"] == PLAN_DUE).sum()), None, ""),
        ("　うち督促", int((plans["状況"] == PLAN_CHASE).sum()), None, "右の表に協議会名"),
    ]
    if no_plan is not None:
        rows.append(("計画なしの協議会", no_plan, None, "年間計画がない"))
    rows.append(
        (
            "定期会議 年度内未実施の協議会",
            c1_missing,
            None,
            f"残り{left}か月",
        )
    )
    return rows


def _request_rows(requests: pd.DataFrame, raised: int, before: int, label: str) -> list[Row]:
    """The period's requests by status (the 集計表's 未回答・対応中 are these), then those
    carried from earlier periods, then the 長期 ones."""
    period = requests[requests["対象"] == IN_PERIOD]
    carried = requests[requests["対象"] != IN_PERIOD]

    def n(df: pd.DataFrame, status: str) -> int:
        return int((df["状況"] == status).sum())

    carried_words = "・".join(
        f"{status}{n(carried, status)}"
        for status in (OPEN, PENDING, PROBLEM_SOLVING)
        if n(carried, status)
    )
    return [
        ("要望事項（期間内に出たもの）", raised, before, label),
        ("　うち未回答", n(period, OPEN), None, "集計表の未回答"),
        ("　うち対応中", n(period, PENDING), None, "集計表の対応中"),
        ("　うち問題解決活動", n(period, PROBLEM_SOLVING), None, f"回答済 {n(period, ANSWERED)}"),
        ("前期間から継続の要望", len(carried), None, carried_words),
        (f"{LONG}（{CANDIDATE}）", int((requests[LONG] == LONG).sum()), None, "要望事項シートの上"),
    ]


def _attendance_rows(t: Sheets) -> list[Row]:
    """Civilians at the period's meetings against the members (2(6)エ), and the materials
    used (2(7)), as 提出状況 counts them."""
    s = t.submissions
    out: list[Row] = []
    meetings = len(t.rep)
    if UNDER_HALF in s.columns:
        out += [
            ("出席が委員の半数未満の会議", int(s[UNDER_HALF].sum()), None, "民間の出席者数で比較"),
            ("委員以外の参加があった会議", int(s[NON_MEMBERS].sum()), None, "2の(6)エ"),
            ("全委員の任期満了後の会議", int(s[TERMS_OVER].sum()), None, "第3条第5項"),
        ]
    if MATERIALS in s.columns:
        out.append(
            (
                "広報紙・統計資料を使った会議",
                int(s[MATERIALS].sum()),
                None,
                f"全{meetings}回・2の(7)",
            )
        )
    return out


def _unconfirmed_row(findings: pd.DataFrame) -> list[Row]:
    """Reports read from a layout HQ has not confirmed (S3), and from which stations; no
    row when there are none (the page is full: the 概況 is one A4 page at 8 pt)."""
    found = findings[findings["コード"] == UNCONFIRMED]
    if found.empty:
        return []
    by_station = found.groupby(found["警察署"].fillna("所属不明")).size()
    where = "、".join(f"{s} {n}件" for s, n in by_station.items())
    return [("確認していない様式で読んだ報告書", len(found), None, where)]


def _member_rows(members: MemberSummary | None) -> list[Row]:
    """The registry's member findings in words, and the terms ending soon apart."""
    if members is None:
        return []
    return [
        (
            "委員名簿の指摘",
            sum(members.by_title.values()),
            None,
            f"{members.councils}協議会・内訳は下",
        ),
        (
            "任期満了が近い委員",
            members.ending_soon,
            None,
            f"委嘱の準備・{members.ending_councils}協議会",
        ),
    ]


def _member_note(members: MemberSummary | None) -> list[str]:
    """The kinds of member findings, in words (M1–M6 of `kyogikai roster`)."""
    if members is None or not members.by_title:
        return []
    kinds = "、".join(f"{title} {n}件" for title, n in members.by_title.items())
    return [f"委員名簿の指摘の内訳: {kinds}（委員名簿の点検 kyogikai roster で詳細）。"]


def _agency_note(requests: pd.DataFrame) -> list[str]:
    """The requests not yet answered that ask other agencies, by what they ask (2(8))."""
    if AGENCY in requests.columns:  # slim_requests: the themes found already
        themes = Counter(t for t in requests[AGENCY].tolist() if t)
    else:
        waiting = requests[requests["状況"] != ANSWERED]
        themes = Counter(t for t in map(agency_theme, waiting["要望事項"].tolist()) if t)
    if not themes:
        return []
    listed = "、".join(f"{theme} {n}件" for theme, n in themes.most_common())
    return [f"他機関との調整が要る要望（回答済以外、2の(8)）: {listed}。"]


def _extraordinary_note(t: Sheets) -> list[str]:
    """Why each 臨時会議 of the period was held: its first 協議事項, in full enough to read
    (the action list has room for a few characters only)."""
    extra = t.rep[t.rep["meeting_type"] == EXTRAORDINARY]
    if extra.empty:
        return []
    topics = t.agenda.dropna(subset=["協議事項"]).groupby("report_id")["協議事項"].apply(list)
    held = []
    for rid, name, day in zip(
        extra["report_id"], extra["name"], extra["meeting_date"], strict=True
    ):
        first = [str(x) for x in topics.get(rid, [])[:1]]
        why = f"「{_clip(first[0], EXTRA_TOPIC)}」" if first else "（協議事項の記入なし）"
        held.append(f"{_short(name)} {_day(day)}{why}")
    listed = "、".join(held[:EXTRA_LISTED])
    more = f"、ほか{len(held) - EXTRA_LISTED}回" if len(held) > EXTRA_LISTED else ""
    return [f"臨時会議（{len(held)}回）の協議事項（第6条第3項・2の(6)ウ）: {listed}{more}。"]


def _change(value: object, other: object) -> str:
    if not isinstance(value, int) or not isinstance(other, int):
        return ""
    diff = value - other
    return f"{diff:+d}" if diff else "±0"


def _short(name: object) -> str:
    """A council's name without 連絡協議会 (the list is about councils)."""
    text = str(name)
    return text.removesuffix("連絡協議会") or text


def _clip(text: str, room: int) -> str:
    """`text` cut to `room` characters with …"""
    return text if len(text) <= room else text[: room - 1] + "…"


def _day(value: Any) -> str:
    """R8.10.15 of a timestamp, or an empty text."""
    return "" if value is None or value is pd.NaT else short_date(pd.Timestamp(value).date())


def _actions(scope: Scope, t: Sheets, order: dict[str, int]) -> pd.DataFrame:
    """The councils to act on, by name: 督促, no 定期会議, every term ended, 臨時会議 and
    why, meetings reported twice. At most ACTION_LIMIT rows; the rest are counted."""
    rows: list[tuple[str, str, str, str]] = []
    chase = t.plans[t.plans["状況"] == PLAN_CHASE]
    for station, name, month, days in zip(
        chase["警察署"], chase["協議会名"], chase["予定月"], chase["経過日数"], strict=True
    ):
        what = f"{pd.Timestamp(month).month}月予定・{int(days)}日経過"
        rows.append(("督促", str(station), _short(name), what))
    s = t.submissions
    missing = s[s["年度内定期会議"].astype(str).str.startswith(NOT_HELD)]
    for station, name in zip(missing["警察署"], missing["協議会名"], strict=True):
        rows.append(("定期会議なし", str(station), _short(name), "年度内の報告なし"))
    rep = t.rep
    if TERMS_OVER in s.columns:
        over = rep[rep["report_id"].isin(t.attendance.loc[t.attendance["terms_over"], "report_id"])]
        for station, name, day in zip(
            over["station"], over["name"], over["meeting_date"], strict=True
        ):
            rows.append(("任期切れ", str(station), _short(name), f"{_day(day)} 全委員の任期後"))
    extra = rep[rep["meeting_type"] == EXTRAORDINARY]
    topics = t.agenda.dropna(subset=["協議事項"]).groupby("report_id")["協議事項"].apply(list)
    for rid, station, name, day in zip(
        extra["report_id"], extra["station"], extra["name"], extra["meeting_date"], strict=True
    ):
        first = [str(x) for x in topics.get(rid, [])[:1]]
        why = _clip(first[0], 7) if first else "協議事項なし"
        rows.append(("臨時会議", str(station), _short(name), f"{_day(day)} {why}"))
    for pair in t.unsettled:
        if scope.stations is not None and pair.station not in scope.stations:
            continue
        what = f"{short_date(pair.day)} {len(pair.reports)}件"
        rows.append(("重複", pair.station or "", _short(pair.council), what))
    rank = {"督促": 0, "定期会議なし": 1, "任期切れ": 2, "臨時会議": 3, "重複": 4}
    # by kind, then station; within a station in the order of the sheets (the registry's)
    rows.sort(key=lambda r: (rank[r[0]], order.get(r[1], len(order))))
    if len(rows) > ACTION_LIMIT:
        rest = Counter(r[0] for r in rows[ACTION_LIMIT - 1 :])
        more = "・".join(f"{k} {n}" for k, n in rest.items())
        last = ("ほか", "", f"{sum(rest.values())}件", more)
        rows = [*rows[: ACTION_LIMIT - 1], last]
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


def _by_station(t: Sheets, order: dict[str, int]) -> pd.DataFrame:
    names = list(order)
    rep, fy, submissions, plans, requests = t.rep, t.fy, t.submissions, t.plans, t.requests

    def per(df: pd.DataFrame, column: str = "警察署") -> list[int]:
        counts = df.groupby(column).size()
        return [int(counts.get(n, 0)) for n in names]

    missing = submissions[submissions["年度内定期会議"].astype(str).str.startswith(NOT_HELD)]
    waiting = requests[requests["状況"].isin([OPEN, PENDING])]
    out = pd.DataFrame(
        {
            "警察署": names,
            "協議会数": per(submissions),
            "期間内の開催": per(rep, "station"),
            "年度の開催": per(fy, "station"),
            "定期会議未実施": per(missing),
            "督促": per(plans[plans["状況"] == PLAN_CHASE]),
            "未回答・対応中": per(waiting),
            LONG: per(requests[requests[LONG] == LONG]),
            "報告の遅れ": per(rep[rep["late"]], "station"),
        }
    )
    if MEMBER_FINDINGS in submissions.columns:
        found = submissions.groupby("警察署")[MEMBER_FINDINGS].sum()
        out[MEMBER_FINDINGS] = [int(found.get(n, 0)) for n in names]
    total = out.drop(columns=["警察署"]).sum()
    return pd.concat(
        [out, pd.DataFrame([{"警察署": "合計", **total.to_dict()}])], ignore_index=True
    )
