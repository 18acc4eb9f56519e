"""The honest mistakes officers make on the form, each with the finding it must produce.

`MISTAKES` is the catalogue the samples draw from; the planner gives a share of the
meetings one mistake each, and the reports apply it to the clean values.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from toolkit.era import WEEKDAYS_JA, wareki
from toolkit.registry import Registry, name_key
from toolkit.samples.cast import person


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
        names.append(f"巡査 {person(rng)}")
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
KEEPS_MEETING = {
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
