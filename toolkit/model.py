"""The report record of the 別記様式: canonical keys, each value with the cell it came from.

The record knows values and where they came from, nothing about Excel libraries. Its JSON
form is exactly the `report` object of SPEC.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any, Generic, NamedTuple, TypeVar

from toolkit.cells import Cell

T = TypeVar("T")

REGULAR = "regular"
EXTRAORDINARY = "extraordinary"

# Categories of 協議事項, 2(7) ア–ウ and the printed last row そ の 他.
CATEGORIES = (
    "交番等の活動状況",
    "地域住民等に身近な事件・事故等の発生状況",
    "地域の祭礼等の催事・行事",
    "その他",
)

# Scalar keys in the order of SPEC.md's JSON record.
SCALAR_KEYS = (
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "date",
    "start_time",
    "end_time",
    "venue",
    "police_attendees",
    "civilian_attendees",
    "meeting_type",
)
TEXT_KEYS = ("discussion", "reference")
# The fields a report cannot do without (R1.required).
REQUIRED_KEYS = (
    "affiliation",
    "council_name",
    "facility_name",
    "date",
    "meeting_type",
    "police_attendees",
    "civilian_attendees",
)


class Sourced(NamedTuple, Generic[T]):
    """One value of the form and its origin.

    `cell` is the cell the value came from, or where it should have been.
    `raw` is the text as found when it could not be read as a value (for messages);
    `problem` is then the reason code from `normalize`. A tuple, so that records cross
    process boundaries cheaply.
    """

    value: T | None = None
    cell: Cell | None = None
    raw: str | None = None
    problem: str | None = None

    @property
    def blank(self) -> bool:
        """Nothing at all was written."""
        return self.value is None and self.raw is None


NOTHING: Sourced[Any] = Sourced()  # a value never written, from nowhere (immutable)


class ReadNote(NamedTuple):
    """A value the reader had to infer (a count derived from names, rows joined, a list
    split by its numbering), said in the record so that it is never silently wrong: a
    finding code of the catalogue, the field and cell it concerns, and the words that
    fill the finding's message."""

    code: str
    field: str | None
    cell: Cell | None
    params: tuple[tuple[str, str], ...] = ()


class Reading(NamedTuple):
    """How a report was read from its sheet (SPEC, "Layouts HQ confirms"): by our
    template's names, by a layout HQ confirmed, or by its printed labels; the share of
    the printed cells accounted for; how many cells of printed text were not read; and
    where on the sheet the report lies when the sheet holds several (r0, c0, r1, c1,
    0-based), else None."""

    method: str = "labels"
    coverage: float | None = None
    unread: int = 0
    area: tuple[int, int, int, int] | None = None

    def to_json(self, sheet: str | None) -> dict[str, Any]:
        area = None
        if self.area is not None:
            r0, c0, r1, c1 = self.area
            area = f"{Cell(sheet or '', r0, c0).a1}:{Cell(sheet or '', r1, c1).a1}"
        share = None if self.coverage is None else round(1 - self.coverage, 3)
        coverage = None if self.coverage is None else round(self.coverage, 3)
        return {
            "method": self.method,
            "coverage": coverage,
            "unread": self.unread,
            "unread_share": share,
            "area": area,
        }


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One row of the 区分 / 協議事項 / 備考 table."""

    category: Sourced[str] = NOTHING
    topic: Sourced[str] = NOTHING
    remarks: Sourced[str] = NOTHING

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category.value,
            "topic": self.topic.value,
            "remarks": self.remarks.value,
        }


@dataclass(frozen=True, slots=True)
class RequestItem:
    """One row of the 要望事項 / 措置・回答 table; no response means the request is open."""

    request: Sourced[str] = NOTHING
    response: Sourced[str] = NOTHING

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request.value, "response": self.response.value}


@dataclass(frozen=True, slots=True)
class Overflow:
    """Text that would be cut when its box is printed: `lines` of it, room for `room`."""

    label: str  # the box as the form names it: 協議内容等, 要望事項6 …
    cell: Cell
    lines: int
    room: int


@dataclass(frozen=True, slots=True)
class Report:
    """One 開催結果報告書, as read from one sheet."""

    affiliation: Sourced[str] = NOTHING
    reporter: Sourced[str] = NOTHING
    phone: Sourced[str] = NOTHING
    council_name: Sourced[str] = NOTHING
    facility_name: Sourced[str] = NOTHING
    date: Sourced[date] = NOTHING
    start_time: Sourced[time] = NOTHING
    end_time: Sourced[time] = NOTHING
    venue: Sourced[str] = NOTHING
    police_attendees: Sourced[int] = NOTHING
    civilian_attendees: Sourced[int] = NOTHING
    meeting_type: Sourced[str] = NOTHING
    agenda: tuple[AgendaItem, ...] = ()
    discussion: Sourced[str] = NOTHING
    requests: tuple[RequestItem, ...] = ()
    reference: Sourced[str] = NOTHING
    officers: Sourced[tuple[str, ...]] = NOTHING
    # Not part of the JSON record: 別添 is only noted, and the weekday written in brackets
    # beside the date (0 = Monday) is kept to check it against the date.
    attachment: Sourced[str] = NOTHING
    weekday: Sourced[int] = NOTHING
    # First cell of each table, where a missing first row should have been written.
    agenda_cell: Cell | None = None
    requests_cell: Cell | None = None
    # Template ID and 協議会ID when the sheet came from our own template, else None.
    template_version: str | None = None
    council_id: str | None = None
    pictures: int = 0
    # Text that would be cut on paper (measured on our own template, where boxes are known).
    overflows: tuple[Overflow, ...] = ()
    # What the reader inferred rather than read (each becomes a finding naming its cell).
    notes: tuple[ReadNote, ...] = ()
    # How the sheet was read and how much of its printed text was accounted for.
    reading: Reading | None = None

    def to_json(self) -> dict[str, Any]:
        """The `report` object of SPEC.md, keys in its order."""
        out: dict[str, Any] = {}
        for key in SCALAR_KEYS:
            out[key] = _json_value(getattr(self, key).value)
        out["agenda"] = [item.to_json() for item in self.agenda]
        out["discussion"] = self.discussion.value
        out["requests"] = [item.to_json() for item in self.requests]
        out["reference"] = self.reference.value
        out["officers"] = list(self.officers.value or ())
        return out

    @property
    def open_requests(self) -> list[RequestItem]:
        """Requests that have no 措置・回答 yet."""
        return [r for r in self.requests if r.request.value and not r.response.value]


def _fast_reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    # Frozen slotted dataclasses unpickle through a slow generic path; records cross a
    # process boundary for every file, so they are rebuilt from their fields directly.
    return self.__class__, tuple(getattr(self, name) for name in self.__dataclass_fields__)


for _cls in (AgendaItem, RequestItem, Overflow, Report):
    _cls.__reduce__ = _fast_reduce  # type: ignore[method-assign]


def _json_value(value: object) -> object:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value
