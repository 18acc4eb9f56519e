"""Writing the minutes: the values an officer types into the form for one meeting (times,
attendance, the officers present, agenda items in the four 区分 of 2(7), a few sentences of
協議内容等, requests with or without an answer), and the same meeting written up again for a
duplicate. Mistakes are applied later, to a copy.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, time, timedelta

from toolkit.model import CATEGORIES
from toolkit.samples.cast import Cast
from toolkit.samples.phrases import (
    AREA_ACTIVITY,
    AREA_INCIDENTS,
    AREA_OTHER,
    ATTACHMENTS,
    EVENT_TOPICS,
    EXTRA_TOPICS,
    NEWS,
    PURPOSE_ACTIVITY,
    PURPOSE_INCIDENTS,
    PURPOSE_OTHER,
    REFERENCES,
    REQUESTS_AREA,
    REQUESTS_EXTRA,
    REQUESTS_PURPOSE,
    REQUESTS_RURAL,
    RURAL_ACTIVITY,
    RURAL_INCIDENTS,
    SERIES,
    Topic,
)
from toolkit.samples.planner import Slot

ACTIVITY, INCIDENTS, EVENTS, OTHER = CATEGORIES
REGULAR_JA = "定期会議"
EXTRAORDINARY_JA = "臨時会議"
MAX_AGENDA = 6
MAX_REQUESTS = 5


def minutes(cast: Cast, slot: Slot, rng: random.Random) -> dict[str, object]:
    """The values of one clean report, in the order of the form."""
    day = slot.day
    start, end = _times(day, rng)
    officers = _officers(cast, rng)
    venue = rng.choice(cast.venues)
    small = venue == cast.council.facility_name
    civilians = rng.randint(3, 8) if small else rng.randint(6, 20)
    fill = {
        "place": cast.place,
        "spot": rng.choice(cast.spots),
        "facility": cast.council.facility_name,
        "month": day.month,
        "next": (day.month + rng.choice((3, 4, 6)) - 1) % 12 + 1,
        "n": rng.randint(3, 9),
        "issue": rng.randint(12, 98),
        "series": "",
        "where": "",
        "joined": "",
        "prev": (day.month + 10) % 12 + 1,
        "news": NEWS.get(cast.council.facility_type, "地域安全ニュース"),
    }
    request_pool: tuple[tuple[str, str], ...]
    if slot.extraordinary:
        fill["series"], fill["where"], fill["joined"] = rng.choice(SERIES)
        agenda = _extraordinary_agenda(cast, rng)
        request_pool = REQUESTS_EXTRA
    else:
        agenda = _regular_agenda(cast, day, rng)
        request_pool = _request_pool(cast)
    values: dict[str, object] = {
        "affiliation": cast.council.station,
        "reporter": cast.manager if rng.random() < 0.8 else (cast.staff[0]),
        "phone": cast.phone,
        "council_name": cast.council.name,
        "facility_name": cast.council.facility_name,
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
        if topic.remarks and (topic is EXTRA_TOPICS[0] or rng.random() < 0.35):
            values[f"agenda_{n}_remarks"] = rng.choice(topic.remarks).format(**fill)
    values["discussion"] = _discussion([t for _, t in agenda], fill, rng, slot.extraordinary)
    requests = rng.sample(request_pool, min(len(request_pool), _request_count(rng)))
    for n, (request, response) in enumerate(requests, start=1):
        values[f"request_{n}"] = request.format(**fill)
        if rng.random() < 0.72:
            values[f"response_{n}"] = response.format(**fill)
    if rng.random() < 0.3:
        values["reference"] = rng.choice(REFERENCES).format(**fill)
    values["officers"] = "、".join(officers)
    if rng.random() < 0.2:
        values["attachment"] = rng.choice(ATTACHMENTS)
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


def _officers(cast: Cast, rng: random.Random) -> list[str]:
    """Rank and name of each officer present: the 運営責任者 first, 1–4 in all."""
    most = min(4, 1 + len(cast.staff))
    weights = (20, 40, 28, 12)[:most]
    count = rng.choices(range(1, most + 1), weights=weights)[0]
    present = [cast.manager, *rng.sample(cast.staff, count - 1)]
    if count >= 2 and rng.random() < 0.15:
        present[-1] = cast.chief  # the station's 地域課長 joins (Art. 8(1), (2))
    return present


def _regular_agenda(cast: Cast, day: date, rng: random.Random) -> list[tuple[str, Topic]]:
    activity: tuple[Topic, ...]
    incidents: tuple[Topic, ...]
    other: tuple[Topic, ...]
    if cast.purpose in PURPOSE_ACTIVITY:
        activity = PURPOSE_ACTIVITY[cast.purpose] + AREA_ACTIVITY[:1]
        incidents = PURPOSE_INCIDENTS[cast.purpose] + AREA_INCIDENTS[:2]
        other = PURPOSE_OTHER[cast.purpose] + AREA_OTHER[:2]
    elif cast.purpose == "rural":
        activity, incidents, other = RURAL_ACTIVITY, RURAL_INCIDENTS, AREA_OTHER
    else:
        activity, incidents, other = AREA_ACTIVITY, AREA_INCIDENTS, AREA_OTHER
    if cast.council.facility_type != "交番":
        activity = tuple(t for t in activity if "交番" not in t.topic)
    events = [t for t in EVENT_TOPICS if day.month in t.months]
    agenda = [(ACTIVITY, t) for t in rng.sample(activity, rng.choice((1, 1, 2)))]
    agenda += [(INCIDENTS, t) for t in rng.sample(incidents, rng.choice((1, 2, 2)))]
    if events and rng.random() < 0.9:
        agenda.append((EVENTS, rng.choice(events)))
    agenda.append((OTHER, rng.choice(other)))
    return agenda[:MAX_AGENDA]


def _extraordinary_agenda(cast: Cast, rng: random.Random) -> list[tuple[str, Topic]]:
    series, patrol, contact = EXTRA_TOPICS
    agenda = [(INCIDENTS, series), (ACTIVITY, patrol), (OTHER, contact)]
    if rng.random() < 0.4:
        agenda.insert(1, (INCIDENTS, rng.choice(AREA_INCIDENTS[:2])))
    return agenda


def _request_pool(cast: Cast) -> tuple[tuple[str, str], ...]:
    if cast.purpose in REQUESTS_PURPOSE:
        return REQUESTS_PURPOSE[cast.purpose] + REQUESTS_AREA[:2]
    if cast.purpose == "rural":
        return REQUESTS_RURAL
    return REQUESTS_AREA


def _request_count(rng: random.Random) -> int:
    return rng.choices((0, 1, 2, 3), weights=(25, 35, 28, 12))[0]


def _discussion(
    topics: list[Topic], fill: dict[str, object], rng: random.Random, lead: bool
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


def resubmission(original: dict[str, object], rng: random.Random) -> dict[str, object]:
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
