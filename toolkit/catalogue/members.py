"""Wording of the member findings M1–M6 (the registry's 委員 and 協議会 sheets).

Each entry is one kind of finding; `toolkit.findings` makes them part of its catalogue.
"""

from __future__ import annotations

# (code, severity, title, message template, source in the directive); see toolkit.findings.
Kind = tuple[str, str, str, str, str]

MEMBER_KINDS: tuple[Kind, ...] = (
    # --- M1–M6 council members (registry 委員・協議会, Art. 3 and 2(4)イ) ---
    # {where} names the registry sheet, row and column; {council} the council and its ID.
    (
        "M1.no-members",
        "warning",
        "委員の未登録",
        "{where}{council}の委員が「委員」シートに1人も登録されていません。"
        "委員（おおむね{target}人程度）を「委員」シートに登録してください（2の(4)イ(ｱ)）。",
        "2の(4)イ(ｱ)",
    ),
    (
        "M1.size",
        "warning",
        "委員の人数",
        "{where}{council}の委員は{count}人です。委員はおおむね{target}人程度とし、"
        "所管区の実情や勤務体制に応じて加減します（2の(4)イ(ｱ)）。"
        "{low}～{high}人の範囲を外れているため、人数を見直してください。",
        "2の(4)イ(ｱ)",
    ),
    (
        "M2.few-leaders",
        "warning",
        "コミュニティ・リーダーが少ない",
        "{where}{council}の委員{count}人のうち、コミュニティ・リーダー（区分a 自治会・町内会等の"
        "役員、b 防犯協会・交通安全協会・ボランティア団体等、c 自治体・公的機関の職員）は"
        "{leaders}人（{share}％）です。委員のおおむね半数程度はa～cから選定するよう"
        "配意してください（2の(4)イ(ｱ)、基準{minimum}％以上）。",
        "2の(4)イ(ｱ)",
    ),
    (
        "M3.expired",
        "warning",
        "任期満了",
        "{where}{council}の委員「{name}」の任期は{term_end}に満了しています（{days}日経過）。"
        "再任または後任の委嘱の手続をとり、名簿の委嘱日・任期満了日を更新してください"
        "（要綱第3条第5項）。",
        "第3条第5項",
    ),
    (
        "M3.ending-soon",
        "warning",
        "任期満了が近い",
        "{where}{council}の委員「{name}」の任期は{term_end}に満了します（あと{days}日）。"
        "再任または後任の委嘱を準備してください（要綱第3条第5項）。",
        "第3条第5項",
    ),
    (
        "M3.term-length",
        "warning",
        "任期がおおむね2年でない",
        "{where}{council}の委員「{name}」の任期は委嘱日{appointed}から任期満了日{term_end}までの"
        "{length}です。任期はおおむね{years}年です（要綱第3条第5項）。"
        "委嘱日と任期満了日を確認してください。",
        "第3条第5項",
    ),
    (
        "M3.no-term",
        "warning",
        "任期満了日の未記入",
        "{where}{council}の委員「{name}」の任期満了日が記入されていません。"
        "委嘱日からおおむね{years}年後の任期満了日を記入してください（要綱第3条第5項）。",
        "第3条第5項",
    ),
    (
        "M4.long-tenure",
        "warning",
        "長期の在任",
        "{where}{council}の委員「{name}」は初委嘱日{first}から{years}年在任しています"
        "（基準{limit}年）。長期間特定の者に依存しないよう、改選の際は新陳代謝に"
        "配意してください（2の(4)イ(ｱ)・(ｲ)）。",
        "2の(4)イ(ｱ)・(ｲ)",
    ),
    (
        "M4.many-terms",
        "warning",
        "再任の重なり",
        "{where}{council}の委員「{name}」は初委嘱日{first}から数えて現在{terms}期目です"
        "（基準{limit}期まで）。再任を妨げるものではありませんが、常に新陳代謝に"
        "配意してください（2の(4)イ(ｲ)）。",
        "2の(4)イ(ｲ)",
    ),
    (
        "M5.gender",
        "warning",
        "性別の偏り",
        "{where}{council}の委員は{counts}で、{missing}が{minimum}人に満たない状態です。"
        "委員は職業、年齢、性別等を考慮して幅広く選定してください（要綱第3条第3項）。",
        "第3条第3項",
    ),
    (
        "M5.age",
        "warning",
        "年代の偏り",
        "{where}{council}の委員{count}人の年代は{bands}の{n}区分だけです（基準{minimum}区分"
        "以上）。年齢を考慮して幅広く選定してください（要綱第3条第3項）。",
        "第3条第3項",
    ),
    (
        "M5.occupation",
        "warning",
        "職業の偏り",
        "{where}{council}の委員{count}人のうち{same}人（{share}％）の職業が「{occupation}」です。"
        "職業を考慮して幅広く選定してください（要綱第3条第3項）。",
        "第3条第3項",
    ),
    (
        "M6.no-manager",
        "warning",
        "運営責任者の未記入",
        "{where}{council}の運営責任者が記入されていません。{facility_type}の{expected}から"
        "署長が指定した運営責任者を、役職・階級・氏名で記入してください（要綱第3条第6項）。",
        "第3条第6項",
    ),
    (
        "M6.manager-role",
        "warning",
        "運営責任者が施設に合わない",
        "{where}{council}の運営責任者「{found}」は、要綱が{facility_type}に定める{expected}"
        "ではありません。{expected}から指定し、役職を名簿に記入してください"
        "（要綱第3条第6項）。",
        "第3条第6項",
    ),
)
