"""Which councils of the sample registry show which member finding (M1–M6): a Markdown
page written beside the registry, computed by the rules themselves, never by hand.

The roster is looked at on `ROSTER_DAY`, the day the fictional terms were drawn around.
"""

from __future__ import annotations

from collections import Counter

from toolkit.era import wareki
from toolkit.findings import CATALOGUE
from toolkit.registry import Registry
from toolkit.rules.members import PURPOSE_KIND, MemberFinding, check_members
from toolkit.samples.fictional import PLANTED_LONG_TERM, PLANTED_MANAGERS, ROSTER_DAY
from toolkit.settings import Settings

MEMBERS_DOC = "README-members.md"
CODES = tuple(code for code in CATALOGUE if code.startswith("M"))


def roster_notes(registry: Registry, registry_name: str = "registry.xlsx") -> str:
    """The page: for each member finding, how many there are and in which councils."""
    settings = Settings(today=ROSTER_DAY)
    findings = check_members(registry, settings)
    day = ROSTER_DAY.isoformat()
    lines = [
        "# 見本の協議会名簿: 委員の点検結果（M1～M6）",
        "",
        f"`kyogikai samples` が `{registry_name}` と一緒に書き出すページです。名簿に委員の規則"
        "（M1～M6）を当てた結果で、手で書いたものではありません。",
        f"基準日は{wareki(ROSTER_DAY)}（{day}）です。同じ結果をブックで見るには:",
        "",
        "```",
        f"kyogikai roster --registry {registry_name} --as-of {day} -o 委員名簿の点検.xlsx",
        "```",
        "",
        f"協議会 {len(registry.councils)}、委員 {len(registry.members)}人。"
        f"指摘 {len(findings)}件（{len({f.council.council_id for f in findings})}協議会）。",
        "",
        "| コード | 内容 | 根拠 | 件数 | 協議会（件数） |",
        "|---|---|---|---:|---|",
    ]
    for code in CODES:
        kind = CATALOGUE[code]
        found = [f for f in findings if f.finding.code == code]
        lines.append(
            f"| {code} | {kind.title} | {kind.source} | {len(found)} | {_councils(found)} |"
        )
    purpose = [c.council_id for c in registry.councils if c.kind == PURPOSE_KIND]
    if purpose:
        lines += [
            "",
            f"職種等連絡協議会（{'・'.join(purpose)}）は委員を「その目的等に則して」選ぶため"
            "（要綱第5条第2項）、M2（コミュニティ・リーダーの割合）と M5（性別・年代・職業の幅）を"
            "当てていません。",
        ]
    lines += ["", *_planted(registry), ""]
    return "\n".join(lines)


def _councils(found: list[MemberFinding]) -> str:
    if not found:
        return "なし"
    counts = Counter(f.council.council_id for f in found)
    names = {f.council.council_id: f.council.name for f in found}
    return "、".join(f"{cid} {names[cid]}（{n}）" for cid, n in counts.items())


def _planted(registry: Registry) -> list[str]:
    """What was put in on purpose, beside what the random draw gave."""
    known = {c.council_id for c in registry.councils}
    managers = [cid for cid in PLANTED_MANAGERS if cid in known]
    council, _, years = PLANTED_LONG_TERM
    if not managers or council not in known:
        return []
    return [
        "M6 の " + "・".join(managers) + f" と M3.term-length の {council}（任期{years}年）は、"
        "規則の例として意図して入れたものです。ほかは委員の抽選（人数・区分・性別・年代・"
        "任期・初委嘱日）から自然に生じたものです。",
    ]
