"""A fictional prefecture's registry, for samples, demonstrations and tests.

Nine police stations with fictional place names, their 交番・駐在所 and the councils of
Art. 3 (所管区), Art. 4 (単位: areas split or merged) and Art. 5 (職種等: 団地・繁華街・外国人
居住者), each with a roster of members and a 期間設定 sheet of elections. The layout of the
prefecture is fixed; the seed decides the people, their terms and the councils' managers, so
`fictional_registry(seed)` always gives the same registry for the same seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from toolkit.registry import Council, Member, Registry, RestrictedPeriod

SOURCE = "架空県（サンプル）"

# The day the member roster is meant to be looked at: some terms have ended before it,
# some end within a few months of it.
ROSTER_DAY = date(2026, 11, 1)

PERIODS = (
    RestrictedPeriod("中央市議会議員選挙", date(2026, 4, 12), date(2026, 4, 19), "中央警察署"),
    RestrictedPeriod("県知事選挙", date(2026, 9, 6), date(2026, 9, 27)),
    RestrictedPeriod("白峰町長選挙", date(2026, 11, 10), date(2026, 11, 15), "白峰警察署"),
)


@dataclass(frozen=True)
class _Station:
    name: str  # without 警察署
    koban: tuple[str, ...]
    chuzai: tuple[str, ...] = ()
    kanbu: tuple[str, ...] = ()  # 幹部派出所


_STATIONS = (
    _Station("中央", ("駅前", "本町", "栄町", "錦町", "寿町", "城東", "旭町")),
    _Station("港北", ("港町", "北浜", "新港", "汐見台", "日の出町"), ("岬",)),
    _Station("西原", ("西原駅前", "若葉台", "緑町", "松ヶ丘", "桜台"), ("上西原", "小倉沢")),
    _Station("東山", ("東山", "宮前"), ("杉沢", "大沢", "峰山", "奥沢", "清水沢")),
    _Station("南浜", ("南浜", "浜通り", "松原"), ("白砂", "岩戸", "鷹ノ巣")),
    _Station("北野", ("北野", "天神"), ("栗林", "桑原", "萩野", "黒川"), ("北野西",)),
    _Station("青葉", ("青葉台", "すずかけ台", "みずほ台", "ひばりが丘")),
    _Station("桜川", ("桜川", "中島", "北町", "南町"), ("柿木", "石倉")),
    _Station("白峰", ("白峰",), ("赤倉", "鹿島", "小松原", "湯ノ沢"), ("白峰温泉",)),
)

# Art. 4: areas merged into one council (the first box runs it) or one area split in two.
_MERGED = (
    ("中央", ("錦町", "寿町")),
    ("東山", ("杉沢", "大沢")),
    ("桜川", ("北町", "南町")),
)
_SPLIT = (("西原", "若葉台", ("若葉台北", "若葉台南")),)

# Art. 5 and 2(4) ア–ウ: councils limited to a purpose, run by a box of the area.
_PURPOSE = (
    (
        "中央",
        "駅前",
        "駅前繁華街環境浄化連絡協議会",
        "shop",
        "繁華街の商店主・雑居ビル管理者による連絡協議会（要綱第5条、2の(4)イ）",
    ),
    (
        "港北",
        "港町",
        "港北地区外国人居住者連絡協議会",
        "foreign",
        "外国人居住者等の保護対策のための連絡協議会（要綱第5条、2の(4)ウ）",
    ),
    (
        "青葉",
        "青葉台",
        "青葉台団地管理者連絡協議会",
        "estate",
        "団地・マンション管理者による防犯指導のための連絡協議会（要綱第5条、2の(4)ア）",
    ),
    (
        "南浜",
        "浜通り",
        "浜通りマンション管理者連絡協議会",
        "estate",
        "マンション・アパート管理者による連絡協議会（要綱第5条、2の(4)ア）",
    ),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = _words(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 "
    "山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 "
    "中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 "
    "斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 "
    "竹内 小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 "
    "宮崎 宮本 内田 高木 安藤 島田 谷口 大野 高田 丸山 今井 河野 藤本 "
    "村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 "
    "桜井 木下 野口 松尾 菊地 野村 新井 渡部"
)
MALE_NAMES = _words(
    "太郎 一郎 健一 浩 誠 修 茂 博 清 実 勇 進 隆 明 豊 正和 和夫 "
    "幸雄 信夫 昭 弘 徹 剛 聡 学 達也 健太 大輔 拓也 直樹 翔太 亮 "
    "慎一 哲也 秀樹 雅人 和也 智之 康弘 義男 勝 稔 武 敏夫 正人 悟 "
    "裕介 陽介 光男 孝"
)
FEMALE_NAMES = _words(
    "花子 幸子 和子 洋子 恵子 京子 節子 弘子 美智子 久美子 由美子 真由美 "
    "裕子 明美 直美 智子 典子 陽子 純子 美穂 愛 彩 舞 麻衣 沙織 恵 "
    "優子 千尋 由佳 香織 紀子 美紀 順子 良子 文子 敏子 悦子 和美 さくら "
    "美咲"
)
# Foreign residents' names as they are registered in katakana, with gender.
FOREIGN_NAMES = (
    ("グエン・ヴァン・ナム", "男性"),
    ("チャン・ティ・ラン", "女性"),
    ("レ・ヴァン・フン", "男性"),
    ("ファム・ティ・マイ", "女性"),
    ("マリア・サントス", "女性"),
    ("ジョゼ・シルバ", "男性"),
    ("アナ・オリベイラ", "女性"),
    ("ラジェシュ・クマール", "男性"),
    ("サンジャイ・シャルマ", "男性"),
    ("リ・メイ", "女性"),
    ("ワン・ウェイ", "男性"),
    ("キム・ミンジュン", "男性"),
    ("パク・ソヨン", "女性"),
    ("アリフ・ラーマン", "男性"),
    ("シティ・ヌルハリザ", "女性"),
    ("ジョン・スミス", "男性"),
    ("ロドリゴ・ペレス", "男性"),
    ("ディエゴ・ゴメス", "男性"),
    ("ミン・アウン", "男性"),
    ("ボルド・バータル", "男性"),
)

# Occupations by group (2(4)イ(ｱ) a: 自治会・町内会等の役員, b: 防犯協会・交通安全協会・
# ボランティア団体等, c: 自治体・公的機関の職員) and by the purpose of an Art. 5 council.
_OCCUPATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "area": {
        "a": ("自治会長", "町内会長", "自治会副会長", "町内会役員", "自治会防犯部長", "区長"),
        "b": (
            "防犯協会支部長",
            "交通安全協会役員",
            "防犯ボランティア代表",
            "少年補導員",
            "見守り隊代表",
            "交通安全母の会会長",
            "民生委員",
        ),
        "c": (
            "市役所職員",
            "小学校長",
            "中学校教頭",
            "公民館長",
            "消防団分団長",
            "社会福祉協議会職員",
            "地域包括支援センター職員",
        ),
        "その他": (
            "商店主",
            "会社員",
            "農業",
            "飲食店経営",
            "医師",
            "僧侶",
            "保育士",
            "主婦",
            "自営業",
            "タクシー運転手",
            "コンビニ店長",
            "看護師",
            "PTA会長",
            "郵便局長",
            "漁業",
            "理容業",
            "大学生",
            "金融機関職員",
            "無職",
        ),
    },
    "estate": {
        "a": ("団地自治会長", "団地自治会役員", "マンション管理組合理事長"),
        "b": ("防犯協会支部長", "見守りボランティア代表"),
        "c": ("市住宅課職員", "県住宅供給公社職員"),
        "その他": (
            "マンション管理員",
            "不動産管理会社社員",
            "アパート経営",
            "賃貸仲介業",
            "ビルメンテナンス業",
        ),
    },
    "shop": {
        "a": ("商店会長", "町内会長"),
        "b": ("防犯協会繁華街支部長", "環境浄化推進委員"),
        "c": ("市商工観光課職員", "保健所職員"),
        "その他": (
            "商店街振興組合理事",
            "飲食店経営",
            "雑居ビル管理者",
            "カラオケ店店長",
            "ホテル支配人",
            "ドラッグストア店長",
            "タクシー会社営業所長",
        ),
    },
    "foreign": {
        "a": ("自治会長",),
        "b": ("日本語教室ボランティア", "国際交流ボランティア"),
        "c": ("国際交流協会職員", "市国際課職員"),
        "その他": (
            "会社員",
            "技能実習生",
            "飲食店経営",
            "留学生",
            "介護職員",
            "監理団体職員",
            "食品工場勤務",
        ),
    },
}
_AGE_BANDS = ("20代", "30代", "40代", "50代", "60代", "70代", "80代")
_AGE_WEIGHTS = {
    "area": (2, 5, 9, 14, 24, 32, 14),
    "estate": (2, 8, 14, 22, 28, 20, 6),
    "shop": (4, 12, 24, 28, 20, 10, 2),
    "foreign": (30, 34, 20, 10, 4, 2, 0),
}
_WORKING = ("20代", "30代", "40代", "50代")
# Occupations that only fit some ages; any other occupation fits every age.
_AGE_FITS: dict[str, tuple[str, ...]] = {
    **{
        job: _WORKING
        for job in (
            "市役所職員",
            "社会福祉協議会職員",
            "地域包括支援センター職員",
            "金融機関職員",
            "会社員",
            "保育士",
            "看護師",
            "市住宅課職員",
            "県住宅供給公社職員",
            "市商工観光課職員",
            "保健所職員",
            "国際交流協会職員",
            "市国際課職員",
            "不動産管理会社社員",
            "介護職員",
            "監理団体職員",
            "食品工場勤務",
            "コンビニ店長",
            "カラオケ店店長",
            "ドラッグストア店長",
        )
    },
    "大学生": ("20代",),
    "留学生": ("20代",),
    "技能実習生": ("20代", "30代"),
    "PTA会長": ("30代", "40代", "50代"),
    "小学校長": ("50代", "60代"),
    "中学校教頭": ("40代", "50代"),
    "公民館長": ("60代", "70代"),
    "消防団分団長": ("40代", "50代", "60代"),
    "郵便局長": ("40代", "50代", "60代"),
    "交通安全母の会会長": ("40代", "50代", "60代", "70代"),
    "マンション管理員": ("60代", "70代"),
    "無職": ("60代", "70代", "80代"),
}
_WOMEN = {"area": 0.35, "estate": 0.3, "shop": 0.3, "foreign": 0.45}

# When the council's current two-year terms began (some ended before ROSTER_DAY, some end
# soon after it), with how often each occurs.
_TERM_STARTS = (
    (date(2025, 4, 1), 5),
    (date(2025, 6, 1), 2),
    (date(2024, 12, 1), 2),
    (date(2025, 1, 1), 1),
    (date(2024, 4, 1), 1),
    (date(2024, 10, 1), 1),
)


# Roster problems planted beside those the draw gives (which are documented by
# `toolkit.samples.roster_notes`): two stations named a 運営責任者 other than the role
# Art. 3(6) names for the facility (M6), and one member's term was written as four years
# (M3). Only the role word changes, so the reports' officers stay the same.
PLANTED_MANAGERS = {"C026": "地域課係長", "C067": "所長"}
PLANTED_LONG_TERM = ("C057", 0, 4)  # council, the member's place in it, years of the term


def fictional_registry(seed: int = 0) -> Registry:
    """The registry of a fictional prefecture; the same seed gives the same registry."""
    rng = random.Random(seed)
    councils = _councils(rng)
    members: list[Member] = []
    for council in councils:
        members.extend(_members(rng, council))
    councils, members = _planted(councils, members)
    return Registry(tuple(councils), tuple(members), PERIODS, SOURCE)


def _planted(councils: list[Council], members: list[Member]) -> tuple[list[Council], list[Member]]:
    out = []
    for c in councils:
        role = PLANTED_MANAGERS.get(c.council_id)
        if role is not None:
            c = replace(c, manager=" ".join([role, *c.manager.split(" ")[1:]]))
        out.append(c)
    council_id, place, years = PLANTED_LONG_TERM
    index = [i for i, m in enumerate(members) if m.council_id == council_id][place]
    member = members[index]
    if member.appointed is not None:
        end = _years_later(member.appointed, years) - timedelta(days=1)
        members = [*members[:index], replace(member, term_end=end), *members[index + 1 :]]
    return out, members


# --- councils -----------------------------------------------------------------------------


def _councils(rng: random.Random) -> list[Council]:
    rows: list[
        tuple[str, str, str, str, str, str]
    ] = []  # station, type, facility, name, kind, note
    merged = {(s, p): places for s, places in _MERGED for p in places}
    split = {(s, p): parts for s, p, parts in _SPLIT}
    for st in _STATIONS:
        station = f"{st.name}警察署"
        rows.append((station, "警察署所在地", station, f"{station}地区連絡協議会", "所管区", ""))
        for place in st.koban:
            facility = f"{place}交番"
            if (st.name, place) in merged:
                places = merged[(st.name, place)]
                if place == places[0]:
                    rows.append(_merged_row(station, "交番", "交番", places))
            elif (st.name, place) in split:
                for part in split[(st.name, place)]:
                    note = f"{facility}の所管区を分割して設置（要綱第4条）"
                    rows.append((station, "交番", facility, f"{part}地区連絡協議会", "単位", note))
            else:
                rows.append((station, "交番", facility, f"{facility}連絡協議会", "所管区", ""))
        for place in st.chuzai:
            facility = f"{place}駐在所"
            if (st.name, place) in merged:
                places = merged[(st.name, place)]
                if place == places[0]:
                    rows.append(_merged_row(station, "駐在所", "駐在所", places))
            else:
                rows.append((station, "駐在所", facility, f"{facility}連絡協議会", "所管区", ""))
        for place in st.kanbu:
            facility = f"{place}幹部派出所"
            rows.append((station, "幹部派出所", facility, f"{facility}連絡協議会", "所管区", ""))
        for s, place, name, _, note in _PURPOSE:
            if s == st.name:
                rows.append((station, "交番", f"{place}交番", name, "職種等", note))
    used: set[str] = set()
    return [
        Council(
            council_id=f"C{i:03d}",
            station=station,
            facility_type=ftype,
            facility_name=facility,
            name=name,
            kind=kind,
            manager=_manager(rng, ftype, used),
            note=note,
        )
        for i, (station, ftype, facility, name, kind, note) in enumerate(rows, start=1)
    ]


def _merged_row(
    station: str, ftype: str, suffix: str, places: tuple[str, ...]
) -> tuple[str, str, str, str, str, str]:
    facilities = "・".join(f"{p}{suffix}" for p in places)
    note = f"{facilities}の所管区を統合して設置（要綱第4条）"
    name = f"{'・'.join(places)}地区連絡協議会"
    return (station, ftype, f"{places[0]}{suffix}", name, "単位", note)


def _manager(rng: random.Random, facility_type: str, used: set[str]) -> str:
    """運営責任者 as the directive names the role (Art. 3(6)), with rank and name."""
    if facility_type == "交番":
        role, rank = rng.choice(
            (("交番所長", "警部補"), ("交番所長", "警部補"), ("交番班長", "巡査部長"))
        )
    elif facility_type == "駐在所":
        role, rank = "駐在所員", rng.choice(("巡査部長", "巡査長", "巡査部長"))
    else:
        role, rank = "班長", rng.choice(("警部補", "巡査部長"))
    return f"{role} {rank} {_unique_name(rng, used, female=rng.random() < 0.1)}"


def person_name(rng: random.Random, *, female: bool = False) -> str:
    """A Japanese full name, surname and given name without a space."""
    return rng.choice(SURNAMES) + rng.choice(FEMALE_NAMES if female else MALE_NAMES)


def _unique_name(rng: random.Random, used: set[str], *, female: bool) -> str:
    name = person_name(rng, female=female)
    while name in used:
        name = person_name(rng, female=female)
    used.add(name)
    return name


# --- members ------------------------------------------------------------------------------


def purpose_of(council: Council) -> str:
    """'area' for councils of an area (Art. 3, 4), else the purpose of an Art. 5 council."""
    for _, _, name, purpose, _ in _PURPOSE:
        if name == council.name:
            return purpose
    return "area"


def _members(rng: random.Random, council: Council) -> list[Member]:
    purpose = purpose_of(council)
    count = rng.choices(range(7, 14), weights=(1, 2, 4, 6, 4, 2, 1))[0]
    leaders = round(count * rng.uniform(0.35, 0.65))
    groups = [rng.choice("abc") for _ in range(leaders)] + ["その他"] * (count - leaders)
    rng.shuffle(groups)
    start = rng.choices([d for d, _ in _TERM_STARTS], weights=[w for _, w in _TERM_STARTS])[0]
    term_end = _years_later(start, 2) - timedelta(days=1)
    used: set[str] = set()
    out = []
    for group in groups:
        if purpose == "foreign" and group == "その他":
            name, gender = rng.choice([n for n in FOREIGN_NAMES if n[0] not in used])
            used.add(name)
        else:
            gender = "女性" if rng.random() < _WOMEN[purpose] else "男性"
            name = _unique_name(rng, used, female=gender == "女性")
        occupation = rng.choice(_OCCUPATIONS[purpose][group])
        age = _age(rng, purpose, occupation)
        appointed, first = _appointment(rng, start, term_end)
        out.append(
            Member(
                council_id=council.council_id,
                name=name,
                gender=gender,
                age_band=age,
                occupation=occupation,
                group=group,
                appointed=appointed,
                term_end=term_end,
                first_appointed=first,
            )
        )
    return out


def _age(rng: random.Random, purpose: str, occupation: str) -> str:
    fits = _AGE_FITS.get(occupation, _AGE_BANDS)
    bands = [b for b in _AGE_BANDS if b in fits]
    weights = [w for b, w in zip(_AGE_BANDS, _AGE_WEIGHTS[purpose], strict=True) if b in fits]
    if not any(weights):
        return rng.choice(bands)
    return rng.choices(bands, weights=weights)[0]


def _appointment(rng: random.Random, start: date, term_end: date) -> tuple[date, date | None]:
    """(委嘱日, 初委嘱日): most serve from the council's term start; some joined mid-term
    (for the rest of the term), some were reappointed, a few have served since the 2010s."""
    roll = rng.random()
    if roll < 0.12:
        latest = min(term_end, ROSTER_DAY) - start
        joined = start + timedelta(days=rng.randrange(30, max(31, latest.days)))
        return joined, joined
    if roll < 0.55:
        return start, start
    if roll < 0.85:
        return start, _years_later(start, -2 * rng.randint(1, 3))
    if roll < 0.97:
        return start, date(rng.randint(2008, 2016), rng.choice((4, 4, 6, 10)), 1)
    return start, None  # 初委嘱日 not known


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
