"""Sample report contents that read like real minutes, with the findings each must produce.

`generate_reports` plans meetings for the councils of a registry over a fiscal year (each
council once or more, mostly 定期会議, some 臨時会議 after a series of incidents), and writes
for each the values an officer would type into the form: times, attendance, the officers
present, agenda items in the four 区分 of 2(7), a few sentences of 協議内容等, requests with or
without an answer. With `mistakes`, that share of the reports gets one honest mistake from
`MISTAKES`; every report lists in `planted` exactly the findings its content must produce
(open requests always give R5.open-request).

Everything is decided by `random.Random(seed)`: the same registry, arguments and seed give
equal lists. No Excel library is used here; `toolkit.excel.fill` writes the values.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from toolkit.era import WEEKDAYS_JA, wareki
from toolkit.model import CATEGORIES
from toolkit.registry import Council, Registry, name_key

ACTIVITY, INCIDENTS, EVENTS, OTHER = CATEGORIES
REGULAR_JA = "定期会議"
EXTRAORDINARY_JA = "臨時会議"
MAX_AGENDA = 6
MAX_REQUESTS = 5


@dataclass(frozen=True)
class Planted:
    """A finding the content is expected to produce, e.g. ("R5.open-request",
    "requests[1].response")."""

    code: str
    field: str | None


@dataclass(frozen=True)
class SampleReport:
    """One filled report: the values by template defined name and what they must produce."""

    council: Council
    values: dict[str, object]
    planted: tuple[Planted, ...]
    file_stem: str


# --- the mistakes officers make -----------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """One honest mistake and the finding it must produce.

    `apply` changes the values of a clean report; None marks the two mistakes that change
    which meeting a report is about (its date, or its council and date), which the planner
    makes before the content is written.
    """

    name: str
    code: str
    field: str | None
    what: str  # what the officer did
    apply: Callable[[dict[str, object], random.Random, Registry], None] | None


def _blank_council_name(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    del values["council_name"]


def _blank_reporter(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    del values["reporter"]


def _end_before_start(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    start, end = values["start_time"], values["end_time"]
    assert isinstance(start, time) and isinstance(end, time)
    if end.hour > 12:  # 午後3時半 typed as 3:30
        values["end_time"] = end.replace(hour=end.hour - 12)
    else:  # start and end typed into each other's cell
        values["start_time"], values["end_time"] = end, start


def _wrong_weekday(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    day = values["date"]
    assert isinstance(day, date)
    wrong = rng.choice([w for w in range(7) if w != day.weekday()])
    values["date"] = f"{wareki(day)}（{WEEKDAYS_JA[wrong]}）"


def _no_civilians(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    values["civilian_attendees"] = 0


def _fractional_count(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    police = values["police_attendees"]
    assert isinstance(police, int)
    values["police_attendees"] = police + 0.5


def _officer_names(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    names = str(values["officers"]).split("、")
    if len(names) > 1:  # one name forgotten
        names.pop(rng.randrange(1, len(names)))
    else:  # a colleague who did not attend written in too
        names.append(f"巡査 {_person(rng)}")
    values["officers"] = "、".join(names)


def _blank_meeting_type(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    del values["meeting_type"]


def _odd_meeting_type(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    values["meeting_type"] = rng.choice(("総会", "その他", "役員会", "通常"))


def _council_name_typo(values: dict[str, object], rng: random.Random, reg: Registry) -> None:
    values["council_name"] = _typo(str(values["council_name"]), reg, rng)


MISTAKES: tuple[Mistake, ...] = (
    Mistake("blank-council-name", "R1.required", "council_name",
            "協議会名を書き忘れた", _blank_council_name),
    Mistake("blank-reporter", "R1.recommended", "reporter",
            "報告者を書き忘れた", _blank_reporter),
    Mistake("end-before-start", "R2.end-before-start", "end_time",
            "終了の午後3時半を 3:30 と入力した（または開始と終了を逆に入力した）",
            _end_before_start),
    Mistake("wrong-weekday", "R2.weekday", "date",
            "日付を「令和8年10月15日（水）」のように文字で入力し、曜日を誤った", _wrong_weekday),
    Mistake("no-civilians", "R3.no-civilians", "civilian_attendees",
            "民間の出席者数に0と記入した", _no_civilians),
    Mistake("fractional-count", "R3.not-count", "police_attendees",
            "警察官の出席者数に 3.5 のような端数を入力した", _fractional_count),
    Mistake("officer-names", "R3.officer-names", "officers",
            "出席警察官名の1人を書き漏らした（または出席していない者を書いた）", _officer_names),
    Mistake("blank-meeting-type", "R1.required", "meeting_type",
            "会議種別を選ばなかった", _blank_meeting_type),
    Mistake("odd-meeting-type", "R4.meeting-type", "meeting_type",
            "会議種別に「総会」「その他」など定期・臨時以外を記入した", _odd_meeting_type),
    Mistake("council-name-typo", "R6.unknown-council", "council_name",
            "協議会名を変換ミスした（協義会、連格、駐在署…）", _council_name_typo),
    Mistake("restricted-period", "R8.restricted-period", "date",
            "期間設定の期間（選挙期間など）中に会議を開いた", None),
    Mistake("duplicate", "R7.duplicate", None,
            "同じ会議（同じ協議会・同じ日）を内容の異なる別の報告で二重に提出した", None),
)  # fmt: skip
MISTAKES_BY_NAME = {m.name: m for m in MISTAKES}
# Mistakes after which the report still names its council and date as a clean one does,
# so that a later report of the same meeting is recognised as a duplicate (R7).
_KEEPS_MEETING = {
    "blank-reporter",
    "end-before-start",
    "no-civilians",
    "fractional-count",
    "officer-names",
    "blank-meeting-type",
    "odd-meeting-type",
}

# IME slips that turn a council name into one the registry does not know.
_TYPOS = (
    ("協議会", "協義会"),
    ("連絡", "連格"),
    ("駐在所", "駐在署"),
    ("連絡協議会", "連絡協議"),
    ("協議会", "協議会議"),
    ("地区", "地域"),
)


def _typo(name: str, registry: Registry, rng: random.Random) -> str:
    """`name` with one slip that no registered council has, whose closest registered match
    is still `name`; when no slip qualifies, `name` with a stray 会 at the end."""
    options = [(old, new) for old, new in _TYPOS if old in name]
    rng.shuffle(options)
    for old, new in options:
        i = name.rfind(old)
        slipped = name[:i] + new + name[i + len(old) :]
        if registry.by_name(slipped) is not None:
            continue
        best = registry.closest(slipped, limit=1)
        if best and name_key(best[0][0].name) == name_key(name):
            return slipped
    return name + "会"


# --- what is said at meetings -------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    """An agenda item and the sentence the minutes give it; {place}, {spot}, {facility},
    {month}, {n}, {issue}, {next}, {series}, {where} are filled per meeting."""

    topic: str
    said: str
    remarks: tuple[str, ...] = ()
    months: tuple[int, ...] = ()  # for events: the months in which they are prepared


_AREA_ACTIVITY = (
    _Topic(
        "{facility}の活動状況（パトロール・巡回連絡）",
        "{facility}の{prev}月末までの活動状況として、パトロールと巡回連絡の実施状況を説明した。",
        ("資料1", "活動状況表"),
    ),
    _Topic(
        "巡回連絡の実施と協力のお願い",
        "巡回連絡の趣旨を説明したところ、委員から巡回連絡カードの記入を町内会の回覧で"
        "呼びかけたいとの申し出があった。",
    ),
    _Topic(
        "{news}第{issue}号の発行",
        "{news}第{issue}号の内容を紹介し、町内会の回覧板で配布することとした。",
        ("{news}配布",),
    ),
    _Topic(
        "交番不在時の連絡方法",
        "パトロール等で交番が不在となる場合の連絡方法として、交番の電話と"
        "警察相談専用電話（#9110）を説明した。",
    ),
    _Topic(
        "{prev}月末までの110番通報・相談の取扱い状況",
        "{prev}月末までの110番通報と相談の取扱い状況を説明し、夜間の騒音に関する通報が"
        "多いことを報告した。",
        ("資料2",),
    ),
    _Topic(
        "防犯ボランティアとの合同パトロール",
        "防犯ボランティアと合同で行っている夕方の青色防犯パトロールの実施状況を報告し、"
        "参加者の拡大について協力を求めた。",
    ),
)
_RURAL_ACTIVITY = (
    _Topic(
        "{facility}の活動状況（巡回・独居高齢者宅の訪問）",
        "{facility}の活動状況として、集落の巡回と独居高齢者宅の訪問の状況を説明した。",
    ),
    _Topic(
        "駐在所だより第{issue}号の発行",
        "駐在所だより第{issue}号を紹介し、区長を通じて各戸に配布することとした。",
        ("駐在所だより配布",),
    ),
    _Topic(
        "駐在所不在時の連絡方法",
        "駐在所員が不在のときは駐在所の電話が警察署に転送されることを説明した。",
    ),
)
_AREA_INCIDENTS = (
    _Topic(
        "管内の自転車盗の発生状況",
        "管内では駅周辺や集合住宅の駐輪場で自転車盗が多く、被害の約6割が無施錠であった"
        "ことを説明し、ツーロックの呼びかけを依頼した。",
        ("統計資料",),
    ),
    _Topic(
        "特殊詐欺（還付金詐欺・オレオレ詐欺）の発生状況",
        "県内で還付金詐欺の被害が続いていることを説明し、委員からは高齢者への声掛けの"
        "方法について質問があった。",
        ("チラシ配布",),
    ),
    _Topic(
        "空き巣・忍込みの発生状況",
        "{spot}付近で空き巣が{n}件発生していることを報告し、窓の施錠と補助錠の設置を呼びかけた。",
    ),
    _Topic(
        "{spot}付近の交通事故の発生状況",
        "{spot}付近の交差点で出会い頭の事故が続いていることから、一時停止の徹底について"
        "協力を求めた。",
        ("交通課資料",),
    ),
    _Topic(
        "子どもに対する声掛け事案の発生状況",
        "下校時間帯の声掛け事案について説明し、学校関係者と見守り活動の時間帯を調整する"
        "こととした。",
    ),
    _Topic(
        "高齢者の交通事故防止",
        "高齢者が被害に遭う夕暮れ時の交通事故が増えていることから、反射材の活用を"
        "呼びかけることとした。",
        ("反射材配布",),
    ),
    _Topic(
        "車上ねらい・部品ねらいの発生状況",
        "{spot}の駐車場で車上ねらいが{n}件発生していることを説明し、車内に貴重品を"
        "置かないよう周知することとした。",
    ),
)
_RURAL_INCIDENTS = (
    _Topic(
        "農作物・農機具の盗難の発生状況",
        "収穫期に農作物や農機具の盗難が{n}件発生していることを報告し、倉庫の施錠を呼びかけた。",
    ),
    _Topic(
        "クマ・イノシシの出没状況",
        "{spot}周辺でのイノシシの出没状況を役場と共有し、出没時の連絡方法を確認した。",
        ("役場農林課出席",),
    ),
    _Topic(
        "特殊詐欺の予兆電話の状況",
        "高齢者世帯に市役所職員を名乗る予兆電話が続いていることを説明し、留守番電話の"
        "活用を呼びかけた。",
        ("チラシ配布",),
    ),
    _Topic(
        "県道の交通事故の発生状況",
        "{spot}付近の県道で速度超過による事故が発生していることを説明し、夜間の"
        "取締りについて意見交換した。",
    ),
)
_AREA_OTHER = (
    _Topic("次回会議の開催時期", "次回の会議は{next}月頃に開催することとした。"),
    _Topic("委員の改選", "委員の任期満了に伴う改選について、自治会等に推薦を依頼することとした。"),
    _Topic(
        "独居高齢者の見守り",
        "独居高齢者の見守りについて、民生委員と訪問の状況を情報交換した。",
        ("民生委員出席",),
    ),
    _Topic(
        "大雨・地震の際の避難と連絡体制",
        "大雨や地震の際の避難場所と連絡体制を確認し、自主防災組織との連携を確認した。",
        ("市防災課職員出席",),
    ),
    _Topic(
        "空き家の管理",
        "空き家への不審者の出入りについて意見があり、所有者への連絡を市に依頼することとした。",
    ),
    _Topic(
        "通学路の安全点検",
        "PTAと合同で行った通学路の安全点検の結果を共有し、危険箇所を確認した。",
        ("PTA会長出席",),
    ),
)
_EVENTS = (
    _Topic(
        "春の全国交通安全運動（4月6日～15日）への協力",
        "春の全国交通安全運動の期間中、朝の街頭指導に委員の協力を得ることとした。",
        months=(3, 4),
    ),
    _Topic(
        "新入学児童の登下校の見守り",
        "新入学児童の登下校時間帯に合わせて、見守り活動とパトロールを行うこととした。",
        months=(3, 4),
    ),
    _Topic(
        "{place}春季例大祭の雑踏警備",
        "{place}春季例大祭の交通規制と雑踏警備について、主催者と役割分担を確認した。",
        ("主催者出席",),
        months=(4, 5),
    ),
    _Topic(
        "{place}夏祭りの雑踏警備と交通規制",
        "7月下旬の{place}夏祭りについて、交通規制の範囲と迷子・急病人の対応を確認した。",
        ("実行委員長出席",),
        months=(5, 6, 7),
    ),
    _Topic(
        "盆踊り大会の警戒と少年の深夜はいかい防止",
        "8月の盆踊り大会の警戒と、夏休み中の少年の深夜はいかい防止について協議した。",
        months=(6, 7, 8),
    ),
    _Topic(
        "花火大会の雑踏警備",
        "花火大会当日の雑踏警備と駐車対策について、実行委員会と打合せを行った。",
        ("実行委員会資料",),
        months=(6, 7),
    ),
    _Topic(
        "秋の全国交通安全運動（9月21日～30日）への協力",
        "秋の全国交通安全運動の期間中の街頭指導と、高齢者への反射材の配布について"
        "協力を得ることとした。",
        months=(8, 9),
    ),
    _Topic(
        "{place}秋季例大祭の交通規制と警戒",
        "{place}秋季例大祭の神輿渡御に伴う交通規制と警戒について、主催者と確認した。",
        ("主催者出席",),
        months=(8, 9, 10),
    ),
    _Topic(
        "地区運動会の駐車対策",
        "地区運動会の当日、会場周辺の路上駐車を防ぐため誘導員を配置することとした。",
        months=(8, 9, 10),
    ),
    _Topic(
        "{place}文化祭・収穫祭の警戒",
        "11月の{place}文化祭・収穫祭の会場周辺の警戒と駐車対策を確認した。",
        months=(9, 10, 11),
    ),
    _Topic(
        "年末特別警戒への協力",
        "12月の年末特別警戒に合わせて、防犯ボランティアと合同の夜間パトロールを行うこととした。",
        ("防犯協会出席",),
        months=(10, 11, 12),
    ),
    _Topic(
        "どんど焼きの警戒と火の取扱い",
        "1月のどんど焼きについて、消防団と火の取扱いと警戒の分担を確認した。",
        ("消防団出席",),
        months=(11, 12, 1),
    ),
    _Topic(
        "卒業・入学期の少年非行防止",
        "卒業・入学期の少年の非行防止について、学校関係者と情報交換した。",
        months=(1, 2, 3),
    ),
)
_PURPOSE_ACTIVITY = {
    "estate": (
        _Topic(
            "団地内のパトロールの実施状況",
            "団地内の駐輪場と駐車場を中心に行ったパトロールの状況を説明した。",
        ),
        _Topic(
            "新しい入居者への防犯指導",
            "入れ替わりの多い時期に合わせ、新しい入居者へ防犯チラシを配ることとした。",
            ("チラシ配布",),
        ),
    ),
    "shop": (
        _Topic(
            "繁華街の夜間パトロールの実施状況",
            "金曜・土曜の夜間に行っている繁華街のパトロールの状況を説明した。",
        ),
        _Topic("客引き防止の街頭活動", "商店街と合同で行う客引き防止の街頭活動の日程を確認した。"),
    ),
    "foreign": (
        _Topic(
            "外国語の防犯・交通安全チラシの配布",
            "英語・ベトナム語・ポルトガル語の防犯チラシを紹介し、職場を通じた配布を依頼した。",
            ("多言語チラシ",),
        ),
        _Topic(
            "交番での多言語対応", "交番で利用している翻訳アプリと電話通訳の利用方法を紹介した。"
        ),
    ),
}
_PURPOSE_INCIDENTS = {
    "estate": (
        _Topic(
            "団地内の自転車盗・郵便受けのいたずら",
            "団地内の駐輪場での自転車盗と郵便受けのいたずらが{n}件あったことを報告した。",
        ),
        _Topic(
            "空き部屋の不正使用の防止",
            "空き部屋が不正に使われることのないよう、管理者による定期点検を依頼した。",
        ),
    ),
    "shop": (
        _Topic(
            "酔客によるトラブル・暴行事件の発生状況",
            "週末の深夜に酔客同士のトラブルが続いていることを説明し、店舗からの早期の"
            "110番通報を依頼した。",
        ),
        _Topic(
            "ぼったくり・客引き被害の相談状況",
            "客引きに誘われた店での高額請求の相談が{n}件あったことを報告した。",
        ),
    ),
    "foreign": (
        _Topic(
            "外国人が被害に遭う詐欺・窃盗の状況",
            "在留カードの提示を求める詐欺電話や、寮での窃盗被害について説明した。",
        ),
        _Topic(
            "自転車の交通ルールの周知",
            "自転車の二人乗りや右側通行による事故が続いているため、交通ルールを母語で"
            "伝えることとした。",
        ),
    ),
}
_PURPOSE_OTHER = {
    "estate": (
        _Topic(
            "管理組合との連絡体制", "管理組合と交番の連絡窓口を確認し、緊急時の連絡網を更新した。"
        ),
    ),
    "shop": (
        _Topic(
            "雑居ビルの防火・防犯対策",
            "雑居ビルの非常階段の物品放置について、消防署と合同で点検することとした。",
            ("消防署出席",),
        ),
    ),
    "foreign": (
        _Topic(
            "ごみ出しなど生活ルールの相談",
            "ごみ出しのルールについての相談が多いことから、市の国際課と多言語の案内を"
            "作ることとした。",
            ("市国際課職員出席",),
        ),
    ),
}

# Series of incidents that lead to a 臨時会議 (Art. 6(3), 2(6)ウ): what happened, who was
# asked to join (2(6)エ), what was decided.
_SERIES = (
    ("自転車盗", "駅周辺の駐輪場", "駐輪場管理者出席"),
    ("子どもに対する声掛け事案", "通学路", "小学校教頭・PTA会長出席"),
    ("空き巣", "住宅街", "自治会防犯部長出席"),
    ("不審火", "空き家や物置", "消防署・消防団出席"),
    ("車上ねらい", "月極駐車場", "駐車場管理者出席"),
    ("特殊詐欺の予兆電話", "高齢者世帯", "民生委員・金融機関出席"),
)
_EXTRA_TOPICS = (
    _Topic(
        "{place}地区で連続発生している{series}について",
        "{month}月に入り{place}地区の{where}で{series}が{n}件続けて発生し、住民に不安が"
        "広がっていることから臨時に会議を開き、発生状況と手口を説明した。",
        ("{joined}",),
    ),
    _Topic(
        "警戒活動の強化（重点パトロール）",
        "発生の時間帯に合わせて重点的にパトロールを行うことを説明し、委員からも見守り"
        "活動を強める申し出があった。",
    ),
    _Topic(
        "緊急時の連絡方法と情報の伝え方",
        "不審な人や車を見かけたときは迷わず110番通報するよう、町内会の回覧と防犯メールで"
        "周知することとした。",
        ("防犯メール登録案内",),
    ),
)

_REQUESTS_AREA = (
    ("{spot}交差点に信号機を設置してほしい", "交通課を通じて公安委員会に上申した。"),
    ("夜間の{place}公園周辺のパトロールを強化してほしい", "夜間の警らを強化している。"),
    ("通学路の街路灯が切れている箇所を直してほしい", "市の道路管理課に連絡し、修繕を依頼した。"),
    ("交番が不在のときの連絡先を周知してほしい", "交番だよりに連絡先を載せ、回覧で周知した。"),
    ("老人クラブで特殊詐欺の防犯講話をしてほしい", "{next}月の例会で防犯講話を行うこととした。"),
    ("スクールゾーンでの速度違反を取り締まってほしい", "交通課に取締りの実施を依頼した。"),
    ("駅前の放置自転車を撤去してほしい", "市に連絡し、撤去の手続きを依頼した。"),
    ("空き家に人が出入りしているので見回ってほしい", "パトロールの際に重点的に確認している。"),
)
_REQUESTS_RURAL = (
    ("イノシシが出たときの連絡方法を決めてほしい", "役場農林課と連絡体制を確認した。"),
    ("独居高齢者宅への訪問を続けてほしい", "巡回連絡の際に引き続き訪問している。"),
    ("県道のカーブにカーブミラーを付けてほしい", "道路管理者に設置を要望した。"),
    ("農機具の盗難防止の方法を教えてほしい", "盗難防止のチラシを区長を通じて配布した。"),
)
_REQUESTS_PURPOSE = {
    "estate": (
        (
            "駐輪場に防犯カメラを付けたい",
            "設置場所について助言し、管理組合で検討することとなった。",
        ),
        ("新しい入居者向けの防犯チラシがほしい", "防犯チラシ50部を提供した。"),
    ),
    "shop": (
        ("客引き行為の取締りを強化してほしい", "生活安全課と連携し、取締りを強化している。"),
        ("週末の深夜に警察官の立寄りを増やしてほしい", "金曜・土曜の深夜の立寄りを増やした。"),
    ),
    "foreign": (
        (
            "交通安全チラシを母語で作ってほしい",
            "英語・ベトナム語・ポルトガル語版を作成し配布した。",
        ),
        ("交番で通訳を頼めるようにしてほしい", "電話通訳サービスの利用方法を説明した。"),
    ),
}
_REQUESTS_EXTRA = (
    ("発生地区のパトロールを増やしてほしい", "発生時間帯の重点パトロールを実施している。"),
    ("不審者情報をメールで知らせてほしい", "県警の防犯メールの登録方法を案内した。"),
    ("防犯カメラの設置を市に働き掛けてほしい", "市の防犯担当課に設置の検討を依頼した。"),
)

_REFERENCES = (
    "会議の様子の写真を添付",
    "{news}第{issue}号を配布",
    "特殊詐欺被害防止チラシを配布",
    "合同パトロール出発式の写真を添付",
    "{spot}付近の発生地図を配布",
)
_ATTACHMENTS = ("会議次第", "出席者名簿", "広報紙", "統計資料", "会議次第・出席者名簿")
_SPOT_SUFFIXES = ("一丁目", "二丁目", "三丁目", "駅北口", "中央通り", "小学校前", "公園", "団地")
_RURAL_SPOTS = ("上組", "下組", "中組", "川沿い", "県道沿い", "峠入口")
_NEWS = {"交番": "交番だより", "駐在所": "駐在所だより"}
_RANKS = ("警部", "警部補", "巡査部長", "巡査長", "巡査")


# --- per council, stable across meetings --------------------------------------------------


@dataclass(frozen=True)
class _Box:
    """The people and places of one council, the same at each of its meetings."""

    council: Council
    purpose: str  # area, rural, estate, shop, foreign
    place: str
    spots: tuple[str, ...]
    manager: str  # rank and name
    staff: tuple[str, ...]  # rank and name
    chief: str  # 地域課長 of the station, who sometimes attends
    phone: str
    venues: tuple[str, ...]


def _box(council: Council, seed: int) -> _Box:
    rng = random.Random(f"{seed}/{council.council_id}")
    purpose = _purpose(council)
    place = _place(council)
    suffixes = _RURAL_SPOTS if purpose == "rural" else _SPOT_SUFFIXES
    spots = tuple(place + s for s in rng.sample(suffixes, 3))
    manager = _manager(council, rng)
    size = 1 if council.facility_type == "駐在所" else rng.randint(3, 6)
    ranks = ("巡査部長", "巡査長", "巡査", "巡査", "巡査長")
    staff = tuple(f"{rng.choice(ranks)} {_person(rng)}" for _ in range(size))
    chief_rng = random.Random(f"{seed}/{council.station}")
    chief = f"警部 {_person(chief_rng)}"
    phone = f"{rng.randrange(100, 10000):04d}"
    return _Box(council, purpose, place, spots, manager, staff, chief, phone,
                _venues(council, purpose, place))  # fmt: skip


def _purpose(council: Council) -> str:
    name = council.name
    if council.kind == "職種等":
        if any(w in name for w in ("団地", "マンション", "アパート", "住宅")):
            return "estate"
        if any(w in name for w in ("繁華街", "歓楽街", "商店", "飲食")):
            return "shop"
        if "外国" in name:
            return "foreign"
    return "rural" if council.facility_type == "駐在所" else "area"


def _place(council: Council) -> str:
    if council.kind == "単位" and "地区" in council.name:
        return council.name.split("地区")[0].split("・")[0]
    place = council.facility_name
    for suffix in ("幹部派出所", "警察署", "駐在所", "交番", "署"):
        if place.endswith(suffix) and len(place) > len(suffix):
            return place[: -len(suffix)]
    return place


def _venues(council: Council, purpose: str, place: str) -> tuple[str, ...]:
    facility = council.facility_name
    if purpose == "estate":
        return (f"{place}団地集会所", f"{place}団地管理事務所", f"{place}コミュニティセンター")
    if purpose == "shop":
        return (f"{place}商店街振興組合事務所", f"{place}商工会館", facility)
    if purpose == "foreign":
        return (f"{place}国際交流センター", f"{place}公民館", f"{place}地区センター")
    if council.facility_type == "警察署所在地":
        return (f"{facility}会議室", f"{place}市民センター", f"{place}公民館")
    if purpose == "rural":
        return (f"{place}地区集会所", f"{place}公民館", facility, f"{place}生活改善センター")
    return (
        f"{place}公民館",
        f"{place}町内会集会所",
        f"{place}地区センター",
        f"{place}コミュニティセンター",
        facility,
    )


def _manager(council: Council, rng: random.Random) -> str:
    """運営責任者 as rank and name, from the registry when it says them."""
    words = council.manager.split()
    ranks = [w for w in words if w in _RANKS]
    if ranks and words[-1] not in _RANKS:
        return f"{ranks[0]} {words[-1]}"
    rank = "巡査部長" if council.facility_type == "駐在所" else "警部補"
    return f"{rank} {_person(rng)}"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = _words(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 山口 松本 井上 木村 林 清水 "
    "山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 藤田 後藤 近藤 村上 遠藤 青木 "
    "坂本 福田 太田 西村 藤井 岡本 中野 原田 松田 竹内 小野 田村 和田 石田 上田 柴田 酒井 工藤"
)
_GIVEN = _words(
    "大輔 拓也 直樹 翔太 亮 健太 達也 和也 誠 剛 聡 学 浩二 雅樹 隆之 裕太 翔 大樹 悠斗 一輝 "
    "美咲 彩 千尋 由佳 沙織 舞 奈々 恵 香織 真央"
)


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


# --- planning the meetings ----------------------------------------------------------------


@dataclass
class _Slot:
    council: Council
    day: date
    mistake: str | None = None
    original: int | None = None  # for a duplicate: the slot it repeats
    extraordinary: bool = False
    clean: dict[str, object] = field(default_factory=dict)  # the values before any mistake


def generate_reports(
    registry: Registry,
    *,
    count: int,
    seed: int,
    fiscal_year: int = 2026,
    until: date = date(2026, 11, 20),
    mistakes: float = 0.0,
) -> list[SampleReport]:
    """`count` sample reports of the registry's councils, held from 1 April of
    `fiscal_year` up to `until`; a `mistakes` share of them with one honest mistake each.

    Every council gets a meeting before any gets a second one. Raises ValueError when the
    arguments leave no room for `count` meetings.
    """
    if count < 0 or not 0.0 <= mistakes <= 1.0:
        raise ValueError("count must be ≥ 0 and mistakes between 0 and 1")
    if count == 0:
        return []
    if not registry.councils:
        raise ValueError("the registry has no councils")
    first = date(fiscal_year, 4, 1)
    last = min(until, date(fiscal_year + 1, 3, 31))
    if last < first:
        raise ValueError(f"until ({until}) is before fiscal year {fiscal_year}")
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    open_days = [d for d in days if not registry.periods_on(d)]
    if count > len(open_days) * len(registry.councils):
        raise ValueError(f"{count} meetings do not fit between {first} and {last}")

    rng = random.Random(seed)
    slots = _plan(registry, count, open_days, rng)
    _assign_mistakes(slots, registry, round(count * mistakes), first, last, rng)
    _meeting_types(slots, rng)
    boxes = {c.council_id: _box(c, seed) for c in registry.councils}
    for slot in slots:
        if slot.original is None:
            slot.clean = _minutes(boxes[slot.council.council_id], slot, rng)
    for slot in slots:
        if slot.original is not None:
            slot.clean = _resubmission(slots[slot.original].clean, rng)
    return _finish(slots, registry, rng)


def _plan(registry: Registry, count: int, open_days: list[date], rng: random.Random) -> list[_Slot]:
    """Meetings round by round: every council once (in random order), then again, …"""
    slots: list[_Slot] = []
    used: dict[str, set[date]] = {c.council_id: set() for c in registry.councils}
    while len(slots) < count:
        for council in rng.sample(registry.councils, len(registry.councils)):
            if len(slots) == count:
                break
            taken = used[council.council_id]
            if len(taken) == len(open_days):
                continue
            day = rng.choice(open_days)
            while day in taken:
                day = rng.choice(open_days)
            taken.add(day)
            slots.append(_Slot(council, day))
    return slots


def _assign_mistakes(
    slots: list[_Slot],
    registry: Registry,
    how_many: int,
    first: date,
    last: date,
    rng: random.Random,
) -> None:
    """Give `how_many` slots one mistake each, the kinds taken in turn so all appear."""
    kinds = list(MISTAKES)
    period_days = [
        d
        for p in registry.periods
        for d in (p.start + timedelta(n) for n in range((p.end - p.start).days + 1))
        if first <= d <= last
    ]
    if not period_days:
        kinds = [k for k in kinds if k.name != "restricted-period"]
    if len(slots) < 2:
        kinds = [k for k in kinds if k.name != "duplicate"]
    rng.shuffle(kinds)
    chosen = rng.sample(range(len(slots)), how_many)
    for n, index in enumerate(chosen):
        slots[index].mistake = kinds[n % len(kinds)].name
    used = {(s.council.council_id, s.day) for s in slots}
    for slot in slots:
        if slot.mistake == "restricted-period":
            free = [d for d in period_days if (slot.council.council_id, d) not in used]
            if not free:  # every day of every period already has this council's meeting
                slot.mistake = "blank-reporter"
                continue
            used.discard((slot.council.council_id, slot.day))
            slot.day = rng.choice(free)
            used.add((slot.council.council_id, slot.day))
    _pair_duplicates(slots, rng)


def _pair_duplicates(slots: list[_Slot], rng: random.Random) -> None:
    """Point each duplicate at another report of a meeting it repeats (same council, date)."""
    candidates = [
        i for i, s in enumerate(slots) if s.mistake is None or s.mistake in _KEEPS_MEETING
    ]
    rng.shuffle(candidates)
    for slot in slots:
        if slot.mistake != "duplicate":
            continue
        if not candidates:  # nothing left to repeat: another mistake instead
            slot.mistake = "blank-reporter"
            continue
        slot.original = candidates.pop()
        original = slots[slot.original]
        slot.council, slot.day = original.council, original.day


def _meeting_types(slots: list[_Slot], rng: random.Random) -> None:
    """The first meeting of each council in the year is 定期; later ones sometimes 臨時."""
    by_council: dict[str, list[_Slot]] = {}
    for slot in slots:
        if slot.original is None:
            by_council.setdefault(slot.council.council_id, []).append(slot)
    for council_slots in by_council.values():
        council_slots.sort(key=lambda s: s.day)
        for slot in council_slots[1:]:
            slot.extraordinary = rng.random() < 0.3


# --- writing the minutes ------------------------------------------------------------------


def _minutes(box: _Box, slot: _Slot, rng: random.Random) -> dict[str, object]:
    """The values of one clean report, in the order of the form."""
    day = slot.day
    start, end = _times(day, rng)
    officers = _officers(box, rng)
    venue = rng.choice(box.venues)
    small = venue == box.council.facility_name
    civilians = rng.randint(3, 8) if small else rng.randint(6, 20)
    fill = {
        "place": box.place,
        "spot": rng.choice(box.spots),
        "facility": box.council.facility_name,
        "month": day.month,
        "next": (day.month + rng.choice((3, 4, 6)) - 1) % 12 + 1,
        "n": rng.randint(3, 9),
        "issue": rng.randint(12, 98),
        "series": "",
        "where": "",
        "joined": "",
        "prev": (day.month + 10) % 12 + 1,
        "news": _NEWS.get(box.council.facility_type, "地域安全ニュース"),
    }
    request_pool: tuple[tuple[str, str], ...]
    if slot.extraordinary:
        fill["series"], fill["where"], fill["joined"] = rng.choice(_SERIES)
        agenda = _extraordinary_agenda(box, rng)
        request_pool = _REQUESTS_EXTRA
    else:
        agenda = _regular_agenda(box, day, rng)
        request_pool = _request_pool(box)
    values: dict[str, object] = {
        "affiliation": box.council.station,
        "reporter": box.manager if rng.random() < 0.8 else (box.staff[0]),
        "phone": box.phone,
        "council_name": box.council.name,
        "facility_name": box.council.facility_name,
        "date": day,
        "start_time": start,
        "end_time": end,
        "venue": venue,
        "police_attendees": len(officers),
        "civilian_attendees": civilians,
        "meeting_type": EXTRAORDINARY_JA if slot.extraordinary else REGULAR_JA,
    }
    for n, (category, topic) in enumerate(agenda, start=1):
        values[f"agenda_{n}_category"] = category
        values[f"agenda_{n}_topic"] = topic.topic.format(**fill)
        # Who was asked to join because of the incidents is always noted (2(6)エ).
        if topic.remarks and (topic is _EXTRA_TOPICS[0] or rng.random() < 0.35):
            values[f"agenda_{n}_remarks"] = rng.choice(topic.remarks).format(**fill)
    values["discussion"] = _discussion([t for _, t in agenda], fill, rng, slot.extraordinary)
    requests = rng.sample(request_pool, min(len(request_pool), _request_count(rng)))
    for n, (request, response) in enumerate(requests, start=1):
        values[f"request_{n}"] = request.format(**fill)
        if rng.random() < 0.72:
            values[f"response_{n}"] = response.format(**fill)
    if rng.random() < 0.3:
        values["reference"] = rng.choice(_REFERENCES).format(**fill)
    values["officers"] = "、".join(officers)
    if rng.random() < 0.2:
        values["attachment"] = rng.choice(_ATTACHMENTS)
    return values


def _times(day: date, rng: random.Random) -> tuple[time, time]:
    if day.weekday() < 5:
        start = rng.choice(("10:00", "13:30", "14:00", "15:00", "18:30", "19:00", "19:00"))
    else:
        start = rng.choice(("10:00", "10:30", "13:00", "13:30", "14:00"))
    begin = datetime.strptime(start, "%H:%M")
    minutes = rng.choice((60, 60, 75, 90, 90, 120))
    latest = datetime.strptime("20:30", "%H:%M")
    finish = min(begin + timedelta(minutes=minutes), latest)
    return begin.time(), finish.time()


def _officers(box: _Box, rng: random.Random) -> list[str]:
    """Rank and name of each officer present: the 運営責任者 first, 1–4 in all."""
    most = min(4, 1 + len(box.staff))
    weights = (20, 40, 28, 12)[:most]
    count = rng.choices(range(1, most + 1), weights=weights)[0]
    present = [box.manager, *rng.sample(box.staff, count - 1)]
    if count >= 2 and rng.random() < 0.15:
        present[-1] = box.chief  # the station's 地域課長 joins (Art. 8(1), (2))
    return present


def _regular_agenda(box: _Box, day: date, rng: random.Random) -> list[tuple[str, _Topic]]:
    activity: tuple[_Topic, ...]
    incidents: tuple[_Topic, ...]
    other: tuple[_Topic, ...]
    if box.purpose in _PURPOSE_ACTIVITY:
        activity = _PURPOSE_ACTIVITY[box.purpose] + _AREA_ACTIVITY[:1]
        incidents = _PURPOSE_INCIDENTS[box.purpose] + _AREA_INCIDENTS[:2]
        other = _PURPOSE_OTHER[box.purpose] + _AREA_OTHER[:2]
    elif box.purpose == "rural":
        activity, incidents, other = _RURAL_ACTIVITY, _RURAL_INCIDENTS, _AREA_OTHER
    else:
        activity, incidents, other = _AREA_ACTIVITY, _AREA_INCIDENTS, _AREA_OTHER
    if box.council.facility_type != "交番":
        activity = tuple(t for t in activity if "交番" not in t.topic)
    events = [t for t in _EVENTS if day.month in t.months]
    agenda = [(ACTIVITY, t) for t in rng.sample(activity, rng.choice((1, 1, 2)))]
    agenda += [(INCIDENTS, t) for t in rng.sample(incidents, rng.choice((1, 2, 2)))]
    if events and rng.random() < 0.9:
        agenda.append((EVENTS, rng.choice(events)))
    agenda.append((OTHER, rng.choice(other)))
    return agenda[:MAX_AGENDA]


def _extraordinary_agenda(box: _Box, rng: random.Random) -> list[tuple[str, _Topic]]:
    series, patrol, contact = _EXTRA_TOPICS
    agenda = [(INCIDENTS, series), (ACTIVITY, patrol), (OTHER, contact)]
    if rng.random() < 0.4:
        agenda.insert(1, (INCIDENTS, rng.choice(_AREA_INCIDENTS[:2])))
    return agenda


def _request_pool(box: _Box) -> tuple[tuple[str, str], ...]:
    if box.purpose in _REQUESTS_PURPOSE:
        return _REQUESTS_PURPOSE[box.purpose] + _REQUESTS_AREA[:2]
    if box.purpose == "rural":
        return _REQUESTS_RURAL
    return _REQUESTS_AREA


def _request_count(rng: random.Random) -> int:
    return rng.choices((0, 1, 2, 3), weights=(25, 35, 28, 12))[0]


def _discussion(
    topics: list[_Topic], fill: dict[str, object], rng: random.Random, lead: bool
) -> str:
    """2–4 sentences from the agenda, in its order, over 1–3 lines; with `lead` the first
    item (why a 臨時会議 was called) is always among them."""
    count = min(len(topics), rng.choice((2, 3, 3, 4)))
    if lead:
        picked = [0, *sorted(rng.sample(range(1, len(topics)), count - 1))]
    else:
        picked = sorted(rng.sample(range(len(topics)), count))
    sentences = [topics[i].said.format(**fill) for i in picked]
    lines = rng.randint(1, min(3, len(sentences)))
    cuts = sorted(rng.sample(range(1, len(sentences)), lines - 1))
    bounds = [0, *cuts, len(sentences)]
    return "\n".join("".join(sentences[a:b]) for a, b in itertools.pairwise(bounds))


def _resubmission(original: dict[str, object], rng: random.Random) -> dict[str, object]:
    """The same meeting written up again, differently: the counts recounted, a sentence
    added to the minutes, sometimes an answer filled in."""
    values = dict(original)
    civilians = original["civilian_attendees"]
    assert isinstance(civilians, int)
    values["civilian_attendees"] = civilians + rng.randint(1, 3)
    values["discussion"] = f"{original['discussion']}\n" + rng.choice(
        (
            "出席者から、会議の内容を町内会の役員会でも報告したいとの申し出があった。",
            "最後に、委員から日頃の警察活動に対する謝意が述べられた。",
            "会議の資料は後日、欠席した委員にも配布することとした。",
        )
    )
    for n in range(1, MAX_REQUESTS + 1):
        if f"request_{n}" in values and f"response_{n}" not in values and rng.random() < 0.5:
            values[f"response_{n}"] = "関係機関に連絡し、対応を依頼した。"
            break
    return values


# --- findings and file names --------------------------------------------------------------


def _finish(slots: list[_Slot], registry: Registry, rng: random.Random) -> list[SampleReport]:
    duplicated = {s.original for s in slots if s.original is not None}
    stems: set[str] = set()
    out: list[SampleReport] = []
    for index, slot in enumerate(slots):
        values = dict(slot.clean)
        planted: list[Planted] = []
        mistake = MISTAKES_BY_NAME[slot.mistake] if slot.mistake else None
        if mistake is not None and mistake.apply is not None:
            mistake.apply(values, rng, registry)
        if mistake is not None:
            planted.append(Planted(mistake.code, mistake.field))
        if index in duplicated:
            planted.append(Planted("R7.duplicate", None))
        planted.extend(_open_requests(values))
        stem = f"{slot.day.isoformat()}_{slot.council.name}"
        n = 2
        while stem in stems:
            stem = f"{slot.day.isoformat()}_{slot.council.name}_{n}"
            n += 1
        stems.add(stem)
        out.append(SampleReport(slot.council, values, tuple(planted), stem))
    out.sort(key=lambda r: (r.file_stem[:10], r.council.council_id, r.file_stem))
    return out


def _open_requests(values: dict[str, object]) -> list[Planted]:
    return [
        Planted("R5.open-request", f"requests[{n - 1}].response")
        for n in range(1, MAX_REQUESTS + 1)
        if values.get(f"request_{n}") and not values.get(f"response_{n}")
    ]
