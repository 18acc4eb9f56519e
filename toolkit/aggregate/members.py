"""The roster's tables (pandas): who sits on each council, whose terms end when, who has
served long, and every member finding (M1–M6, `toolkit.rules.members`, which decides).

Every figure is as of `settings.today` (--as-of). The tables are laid out by
`toolkit.writing.roster`; the summary counts them with `aggregate.member_counts`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import pandas as pd

from toolkit.findings import CATALOGUE
from toolkit.fiscal import month_end
from toolkit.registry import MEMBER_SHEET, Registry
from toolkit.rules.members import (
    FAMILIES,
    FEMALE,
    LEADER_GROUPS,
    MALE,
    PURPOSE_KIND,
    TERM_EXPIRED,
    TERM_SOON,
    MemberFinding,
    check_members,
    family,
    gender_of,
    long_serving,
    months_later,
    term_state,
    terms_served,
    years_served,
)
from toolkit.settings import Settings

AGE_ORDER = ("10代", "20代", "30代", "40代", "50代", "60代", "70代", "80代", "90代")
GROUP_HEADERS = {"a": "区分a", "b": "区分b", "c": "区分c", "その他": "その他"}
UNKNOWN = "不明"
# Member findings that the 任期満了 and 長期在任 sheets list one member a row.
LISTED_ELSEWHERE = frozenset({"M3.expired", "M3.ending-soon", "M4.long-tenure", "M4.many-terms"})
# What each family is about, as 概況 and the station table name it.
FAMILY_TITLES = {
    "M1": "人数",
    "M2": "リーダーの割合",
    "M3": "任期",
    "M4": "長期在任",
    "M5": "性別・年代・職業",
    "M6": "運営責任者",
}
FAMILY_SOURCES = {
    "M1": "2の(4)イ(ｱ)",
    "M2": "2の(4)イ(ｱ)",
    "M3": "第3条第5項",
    "M4": "2の(4)イ(ｱ)・(ｲ)",
    "M5": "第3条第3項",
    "M6": "第3条第6項",
}
STATION_HEADERS = {
    "M1": "M1\n人数",
    "M2": "M2\nリーダー",
    "M3": "M3\n任期",
    "M4": "M4\n長期",
    "M5": "M5\n幅",
    "M6": "M6\n責任者",
}


@dataclass
class Roster:
    """Every table of the roster workbook, headers in Japanese as they are printed."""

    today: date
    source: str
    findings: list[MemberFinding]
    figures: pd.DataFrame  # 概況: key figures
    by_station: pd.DataFrame  # 概況: one row per station and 合計
    composition: pd.DataFrame  # 構成: one row per council
    months: pd.DataFrame  # 任期満了: members by month of the term's end
    terms: pd.DataFrame  # 任期満了: whose term has ended or ends soon (M3), per council and day
    long_serving: pd.DataFrame  # 長期在任 (M4)
    listing: pd.DataFrame  # 指摘: the other findings
    groups: pd.DataFrame  # グラフ: members by station and 区分
    ages: pd.DataFrame  # グラフ: members by age band and gender
    notes: list[str] = field(default_factory=list)


def build_roster(registry: Registry, settings: Settings) -> Roster:
    """Every table of the roster of `registry` as of `settings.today`."""
    findings = check_members(registry, settings)
    people = members_frame(registry, settings)
    composition = composition_table(registry, people, findings, settings)
    listing = findings_table(findings)
    return Roster(
        today=settings.today,
        source=registry.source,
        findings=findings,
        figures=figures_table(registry, people, findings, settings),
        by_station=station_table(registry, people, findings),
        composition=composition,
        months=months_table(people, settings),
        terms=terms_table(people),
        long_serving=long_serving_table(people, registry, settings),
        listing=listing,
        groups=groups_table(registry, people),
        ages=ages_table(people),
        notes=_notes(settings),
    )


# --- members ------------------------------------------------------------------------------


def members_frame(registry: Registry, settings: Settings) -> pd.DataFrame:
    """One row per member with the council's station and what the rules say of them."""
    councils = {c.council_id: c for c in registry.councils}
    order = {s: i for i, s in enumerate(registry.stations())}
    rows = []
    for i, m in enumerate(registry.members):
        c = councils.get(m.council_id)
        if c is None:
            continue
        rows.append(
            (
                i,
                m.row,
                order[c.station],
                c.station,
                c.council_id,
                c.name,
                m.name,
                m.group,
                gender_of(m),
                m.age_band,
                m.occupation,
                m.appointed,
                m.term_end,
                m.first_appointed,
                years_served(m, settings.today),
                terms_served(m),
                term_state(m, settings),
                long_serving(m, settings),
            )
        )
    df = pd.DataFrame(
        rows,
        columns=[
            "order",
            "row",
            "station_order",
            "station",
            "cid",
            "council",
            "name",
            "group",
            "gender",
            "age",
            "occupation",
            "appointed",
            "term_end",
            "first",
            "years",
            "terms",
            "state",
            "long",
        ],
    )
    for col in ("appointed", "term_end", "first"):
        df[col] = pd.to_datetime(df[col])
    for col in ("years", "terms"):
        df[col] = df[col].astype("Int64")
    df["long"] = df["long"].astype(bool)
    return df


def age_bands(people: pd.DataFrame) -> list[str]:
    """The age bands written in the registry, youngest first; others after; 不明 last."""
    present = set(people["age"])
    known = [b for b in AGE_ORDER if b in present]
    other = sorted(b for b in present if b and b not in AGE_ORDER)
    return known + other + ([UNKNOWN] if "" in present else [])


def tenure_bands(settings: Settings) -> list[tuple[str, int, int]]:
    """(header, from, to) in whole years served; the last band is M4's long tenure."""
    limit = settings.member_max_years
    edges = [0, *(e for e in (2, 4) if e < limit), limit]
    out = []
    for low, high in pairwise(edges):
        name = f"在任{high}年未満" if low == 0 else f"{low}～{high}年"
        out.append((name, low, high))
    return out


# --- 構成 -----------------------------------------------------------------------------------


def composition_table(
    registry: Registry,
    people: pd.DataFrame,
    findings: list[MemberFinding],
    settings: Settings,
) -> pd.DataFrame:
    """構成: one row per council (registry order) — its members by 区分, gender, age band
    and years served, and its findings."""
    ids = [c.council_id for c in registry.councils]
    by = people.groupby("cid")
    size = by.size().reindex(ids, fill_value=0)
    out = pd.DataFrame(
        {
            "警察署": [c.station for c in registry.councils],
            "協議会名": [c.name for c in registry.councils],
            "種別": [c.kind for c in registry.councils],
            "委員数": size.to_numpy(),
        }
    )
    groups = _crosstab(people, "group", ids)
    for g, header in GROUP_HEADERS.items():
        out[header] = groups.get(g, 0)
    leaders = out[[GROUP_HEADERS[g] for g in LEADER_GROUPS]].sum(axis=1)
    out["リーダー割合（％）"] = (100 * leaders / out["委員数"]).where(out["委員数"] > 0).round(1)
    genders = _crosstab(people, "gender", ids)
    out["男性"] = genders.get(MALE, 0)
    out["女性"] = genders.get(FEMALE, 0)
    if "" in genders:
        out["性別不明"] = genders[""]
    ages = _crosstab(people.assign(age=people["age"].replace("", UNKNOWN)), "age", ids)
    for band in age_bands(people):
        out[band] = ages.get(band, 0)
    years, long = people["years"], people["long"]
    bands = tenure_bands(settings)
    for i, (name, low, high) in enumerate(bands):
        # The last band takes every year up to M4's limit (the limit's own anniversary).
        inside = (years >= low) & ((years < high) | (i == len(bands) - 1)) & ~long
        out[name] = _per_council(people[inside.fillna(False)], ids)
    out[f"{settings.member_max_years}年超"] = _per_council(people[long], ids)
    if years.isna().any():
        out["在任不明"] = _per_council(people[years.isna()], ids)
    codes = _codes_by_council(findings)
    out["指摘件数"] = [sum(codes.get(i, Counter()).values()) for i in ids]
    out["指摘"] = [" ".join(sorted(codes.get(i, Counter()))) for i in ids]
    out["協議会ID"] = ids
    return out


def _per_council(people: pd.DataFrame, ids: list[str]) -> list[int]:
    return people.groupby("cid").size().reindex(ids, fill_value=0).astype(int).tolist()


def _crosstab(people: pd.DataFrame, column: str, ids: list[str]) -> dict[str, list[int]]:
    """Counts of each value of `column` per council, in the order of `ids`."""
    if people.empty:
        return {}
    table = _counts(people, "cid", column).reindex(ids, fill_value=0)
    return {str(k): table[k].astype(int).tolist() for k in table.columns}


def _counts(people: pd.DataFrame, rows: str, columns: str | pd.Series) -> pd.DataFrame:
    """How many members of each (row, column) value pair (a crosstab, by groupby: far
    faster on 100,000 members)."""
    return people.groupby([people[rows], columns], sort=False).size().unstack(fill_value=0)


def _codes_by_council(findings: list[MemberFinding]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for f in findings:
        out.setdefault(f.council.council_id, Counter())[family(f.finding.code)] += 1
    return out


# --- 任期満了 --------------------------------------------------------------------------------


def _upcoming(people: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Members whose term has ended, or ends by the end of the month `roster_months_ahead`
    months after the as-of month."""
    last = months_later(settings.today.replace(day=1), settings.roster_months_ahead)
    until = pd.Timestamp(month_end(last.year, last.month))
    picked = people[people["term_end"].notna() & (people["term_end"] <= until)]
    return picked.sort_values(["term_end", "station_order", "order"], kind="stable")


def months_table(people: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """任期満了 by month: the members already past their term first, then each month from
    the as-of month to `roster_months_ahead` months on (for the 委嘱 paperwork)."""
    upcoming = _upcoming(people, settings)
    ended = upcoming[upcoming["state"] == TERM_EXPIRED]
    rows: list[tuple[str, int, int]] = [
        ("満了済（基準日まで）", len(ended), ended["cid"].nunique())
    ]
    coming = upcoming[upcoming["state"] != TERM_EXPIRED]
    month = settings.today.replace(day=1)
    for _ in range(settings.roster_months_ahead + 1):
        inside = coming[
            (coming["term_end"].dt.year == month.year)
            & (coming["term_end"].dt.month == month.month)
        ]
        rows.append((f"{month.year}年{month.month}月", len(inside), inside["cid"].nunique()))
        month = months_later(month, 1)
    return pd.DataFrame(rows, columns=["満了月", "委員数", "協議会数"])


def terms_table(people: pd.DataFrame) -> pd.DataFrame:
    """The members whose term has ended or ends within the notice months (M3.expired and
    M3.ending-soon), one row per council and day of the term's end — the batch one 委嘱
    covers — by that day: who they are, how many are community leaders (to keep M2 in
    mind) and how many have served past M4's limit (to think of new faces)."""
    df = people[people["state"].isin([TERM_EXPIRED, TERM_SOON])]
    df = df.sort_values(["term_end", "station_order", "order"], kind="stable")
    columns = [
        "任期満了日",
        "状況",
        "警察署",
        "協議会名",
        "人数",
        "うちa～c",
        "うち長期在任",
        "委員",
        "協議会ID",
        "名簿の行",
    ]
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    groups = df.groupby(["term_end", "station_order", "cid"], sort=False)
    out = groups.agg(
        state=("state", "first"),
        station=("station", "first"),
        council=("council", "first"),
        count=("name", "size"),
        leaders=("group", lambda g: int(g.isin(LEADER_GROUPS).sum())),
        long=("long", "sum"),
        names=("name", "、".join),
        rows=("row", _rows_text),
    ).reset_index()
    table = pd.DataFrame(
        {
            "任期満了日": out["term_end"],
            "状況": out["state"].map({TERM_EXPIRED: "任期満了", TERM_SOON: TERM_SOON}),
            "警察署": out["station"],
            "協議会名": out["council"],
            "人数": out["count"].astype(int),
            "うちa～c": out["leaders"].astype(int),
            "うち長期在任": out["long"].astype(int),
            "委員": out["names"],
            "協議会ID": out["cid"],
            "名簿の行": out["rows"],
        }
    )
    return table[columns]


def _rows_text(rows: pd.Series) -> str:
    """The 委員 sheet's rows as 2～10行目 or 2・5・9行目 (blank when not known)."""
    numbers = sorted(int(r) for r in rows if r > 0)
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"{numbers[0]}～{numbers[-1]}行目"
    return "・".join(map(str, numbers)) + "行目"


def _cells(registry: Registry, rows: pd.Series, header: str) -> list[str]:
    """`委員!H12` for each member row (blank when the registry was built in memory)."""
    cells = (registry.cell(MEMBER_SHEET, int(r), header) for r in rows)
    return [str(c) if c is not None else "" for c in cells]


# --- 長期在任 --------------------------------------------------------------------------------


def long_serving_table(
    people: pd.DataFrame, registry: Registry, settings: Settings
) -> pd.DataFrame:
    """M4: members first appointed more than the setting ago, or in more consecutive terms
    than the setting; longest first."""
    many = people["terms"].fillna(0) > settings.member_max_terms
    df = people[people["long"] | many].sort_values(
        ["years", "station_order", "order"], ascending=[False, True, True], kind="stable"
    )
    return pd.DataFrame(
        {
            "警察署": df["station"],
            "協議会名": df["council"],
            "氏名": df["name"],
            "区分": df["group"],
            "職業": df["occupation"],
            "年代": df["age"],
            "初委嘱日": df["first"],
            "在任年数": df["years"],
            "期数": df["terms"],
            "任期満了日": df["term_end"],
            "協議会ID": df["cid"],
            "名簿のセル": _cells(registry, df["row"], "初委嘱日"),
        }
    ).reset_index(drop=True)


# --- 指摘 -----------------------------------------------------------------------------------


def findings_table(findings: list[MemberFinding]) -> pd.DataFrame:
    """指摘: the findings about councils and about odd entries, council by council in
    registry order, with their article. Expired and ending terms (任期満了) and long tenure
    (長期在任) have sheets of their own, one member a row: each finding is listed once."""
    shown = [f for f in findings if f.finding.code not in LISTED_ELSEWHERE]
    return pd.DataFrame(
        {
            "警察署": [f.council.station for f in shown],
            "協議会名": [f.council.name for f in shown],
            "規則": [f"{family(f.finding.code)} {CATALOGUE[f.finding.code].title}" for f in shown],
            "根拠": [CATALOGUE[f.finding.code].source for f in shown],
            "委員": [f.member.name if f.member is not None else "" for f in shown],
            "内容": [f.finding.message for f in shown],
            "協議会ID": [f.council.council_id for f in shown],
            "名簿のセル": [str(f.finding.cell) if f.finding.cell else "" for f in shown],
            "コード": [f.finding.code for f in shown],
        },
        columns=[
            "警察署",
            "協議会名",
            "規則",
            "根拠",
            "委員",
            "内容",
            "協議会ID",
            "名簿のセル",
            "コード",
        ],
    )


# --- 概況 -----------------------------------------------------------------------------------


def figures_table(
    registry: Registry,
    people: pd.DataFrame,
    findings: list[MemberFinding],
    settings: Settings,
) -> pd.DataFrame:
    """概況's key figures: (項目, 人数・件数, 協議会数, 割合（％）, 根拠)."""
    n = len(people)
    leaders = int(people["group"].isin(LEADER_GROUPS).sum())
    women = int((people["gender"] == FEMALE).sum())
    known_gender = int((people["gender"] != "").sum())
    ended = people[people["state"] == TERM_EXPIRED]
    soon = people[people["state"] == TERM_SOON]
    long = people[people["long"]]
    purpose = sum(1 for c in registry.councils if c.kind == PURPOSE_KIND)
    rows: list[tuple[str, int | None, int | None, float | None, str]] = [
        ("協議会", None, len(registry.councils), None, f"うち職種等 {purpose}（第5条）"),
        ("委員", n, None, None, ""),
        ("　1協議会あたり（平均）", None, None, None, _average(n, len(registry.councils))),
        ("　うちリーダー（区分a～c）", leaders, None, _share(leaders, n), "2の(4)イ(ｱ)"),
        ("　うち女性", women, None, _share(women, known_gender), "第3条第3項"),
        ("任期が満了した委員", len(ended), ended["cid"].nunique(), None, "第3条第5項"),
        (
            f"任期満了まで{settings.member_term_notice_months}か月以内の委員",
            len(soon),
            soon["cid"].nunique(),
            None,
            "第3条第5項",
        ),
        (
            f"初委嘱から{settings.member_max_years}年超の委員",
            len(long),
            long["cid"].nunique(),
            None,
            "2の(4)イ(ｱ)・(ｲ)",
        ),
    ]
    per_family = _families(findings)
    for fam in FAMILIES:
        count, councils = per_family.get(fam, (0, 0))
        rows.append(
            (f"{fam} {FAMILY_TITLES[fam]}の指摘", count, councils, None, FAMILY_SOURCES[fam])
        )
    total = len({f.council.council_id for f in findings})
    rows.append(("指摘の合計", len(findings), total, None, ""))
    df = pd.DataFrame(rows, columns=["項目", "人数・件数", "協議会数", "割合（％）", "根拠"])
    for col in ("人数・件数", "協議会数"):
        df[col] = df[col].astype("Int64")
    df["割合（％）"] = df["割合（％）"].astype(float)
    return df


def _average(members: int, councils: int) -> str:
    return f"{members / councils:.1f}人" if councils else ""


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _families(findings: list[MemberFinding]) -> dict[str, tuple[int, int]]:
    count: Counter[str] = Counter()
    councils: dict[str, set[str]] = {}
    for f in findings:
        fam = family(f.finding.code)
        count[fam] += 1
        councils.setdefault(fam, set()).add(f.council.council_id)
    return {fam: (count[fam], len(councils[fam])) for fam in count}


def station_table(
    registry: Registry, people: pd.DataFrame, findings: list[MemberFinding]
) -> pd.DataFrame:
    """概況's station table: councils, members and the findings of each family, 合計 last."""
    stations = registry.stations()
    councils = Counter(c.station for c in registry.councils)
    members = people.groupby("station").size()
    per: dict[str, Counter[str]] = {fam: Counter() for fam in FAMILIES}
    for f in findings:
        per[family(f.finding.code)][f.council.station] += 1
    out = pd.DataFrame(
        {
            "警察署": stations,
            "協議会": [councils[s] for s in stations],
            "委員": [int(members.get(s, 0)) for s in stations],
            **{STATION_HEADERS[fam]: [per[fam][s] for s in stations] for fam in FAMILIES},
        }
    )
    out["指摘計"] = out[[STATION_HEADERS[fam] for fam in FAMILIES]].sum(axis=1)
    total = out.drop(columns=["警察署"]).sum()
    return pd.concat(
        [out, pd.DataFrame([{"警察署": "合計", **total.to_dict()}])], ignore_index=True
    )


# --- グラフ ---------------------------------------------------------------------------------


def groups_table(registry: Registry, people: pd.DataFrame) -> pd.DataFrame:
    """Members by police station and 区分 (a, b, c, その他)."""
    stations = registry.stations()
    table = _counts(people, "station", "group") if len(people) else pd.DataFrame()
    table = table.reindex(index=stations, columns=list(GROUP_HEADERS), fill_value=0)
    out = pd.DataFrame({"警察署": stations})
    for g, header in GROUP_HEADERS.items():
        out[header] = table[g].astype(int).to_numpy() if g in table else 0
    return out


def ages_table(people: pd.DataFrame) -> pd.DataFrame:
    """Members of the prefecture by age band and gender."""
    bands = age_bands(people)
    ages = people["age"].replace("", UNKNOWN)
    genders = people["gender"].replace("", UNKNOWN)
    table = (
        people.groupby([ages, genders], sort=False).size().unstack(fill_value=0)
        if len(people)
        else pd.DataFrame()
    )
    table = table.reindex(index=bands, columns=[MALE, FEMALE, UNKNOWN], fill_value=0)
    out = pd.DataFrame({"年代": bands})
    for g in (MALE, FEMALE):
        out[g] = table[g].astype(int).to_numpy() if len(table) else 0
    if len(table) and table[UNKNOWN].sum():
        out["性別不明"] = table[UNKNOWN].astype(int).to_numpy()
    return out


def _notes(settings: Settings) -> list[str]:
    """Lines short enough for the printed width of 概況."""
    low = max(settings.member_count - settings.member_count_tolerance, 1)
    high = settings.member_count + settings.member_count_tolerance
    return [
        "区分 a: 自治会・町内会等の役員　b: 防犯協会・交通安全協会・ボランティア団体等",
        "　　 c: 自治体・公的機関の職員（a～cがコミュニティ・リーダー、2の(4)イ(ｱ)）",
        f"M1: 委員が{low}～{high}人の範囲外（おおむね{settings.member_count}人程度）"
        f"　M2: 区分a～cが{100 * settings.member_leader_share:.0f}％未満",
        f"M3: 任期の満了、{settings.member_term_notice_months}か月以内の満了、"
        f"おおむね{settings.member_term_years}年でない任期、任期満了日の未記入",
        f"M4: 初委嘱から{settings.member_max_years}年超、または{settings.member_max_terms}期を超える再任",
        "M5: 性別・年代・職業の偏り（職種等連絡協議会は「その目的等に則して」選定するため対象外、"
        "第5条第2項）",
        "M6: 運営責任者が施設に合わない（交番: 交番所長又は交番班長、警察署所在地・幹部派出所: 班長、"
        "駐在所: 駐在所員）",
    ]
