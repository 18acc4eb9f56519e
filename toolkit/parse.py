"""From raw cells to the report record: every value normalised, every value with its cell.

Values that cannot be read keep the text that was found and the reason (`Sourced.raw`,
`Sourced.problem`); the rules turn those into findings. Nothing here raises for bad data.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from toolkit import normalize as N
from toolkit.cells import Cell
from toolkit.model import (
    EXTRAORDINARY,
    REGULAR,
    AgendaItem,
    Report,
    RequestItem,
    Sourced,
)
from toolkit.raw import RawCell, RawReport

_TEXT_FIELDS = (
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "venue",
    "discussion",
    "reference",
    "attachment",
)


def build_report(raw: RawReport) -> Report:
    """The record of one sheet."""
    values: dict[str, Any] = {key: _text(raw, key) for key in _TEXT_FIELDS}
    values.update(_when(raw))
    values.update(_counts(raw))
    values["meeting_type"] = _meeting_type(raw)
    values["officers"] = _officers(raw)
    values["agenda"] = tuple(_agenda(raw))
    values["requests"] = tuple(_requests(raw))
    return Report(
        **values,
        agenda_cell=raw.agenda_cell,
        requests_cell=raw.requests_cell,
        template_version=raw.template_version,
        council_id=raw.council_id,
        pictures=raw.pictures,
        overflows=tuple(raw.overflows),
    )


def _cell_of(raw: RawReport, key: str) -> Cell | None:
    first = raw.first(key)
    return first.cell if first is not None else raw.expected.get(key)


def _text(raw: RawReport, key: str) -> Sourced[str]:
    first = raw.first(key)
    if first is None or first.value is None:
        return Sourced(None, _cell_of(raw, key))
    return Sourced(N.clean_text(first.value), first.cell)


# --- 開催日時 -----------------------------------------------------------------------------


def _when(raw: RawReport) -> dict[str, Sourced[Any]]:
    cells = [c for c in raw.fields.get("date", []) if c.value is not None]
    cell = _cell_of(raw, "date")
    out: dict[str, Sourced[Any]] = {
        "date": Sourced(None, cell),
        "weekday": Sourced(None, cell),
        "start_time": Sourced(None, cell),
        "end_time": Sourced(None, cell),
    }
    if cells:
        out.update(_date_cells(cells))
    # Separate 開始/終了 cells (our template, some layouts) or a 時間 cell win over a range
    # found beside the date.
    span = [c for c in raw.fields.get("time_range", []) if c.value is not None]
    if span:
        out.update(_times(span))
    for key in ("start_time", "end_time"):
        first = raw.first(key)
        if first is None:
            continue
        if first.value is None:
            if out[key].value is None and out[key].raw is None:
                out[key] = Sourced(None, first.cell)
            continue
        parsed = N.parse_time(first.value)
        out[key] = Sourced(parsed.value, first.cell, _raw_if(parsed), parsed.problem)
    return out


def _raw_if(parsed: Any) -> str | None:
    return parsed.raw if parsed.problem else None


def _date_cells(cells: list[RawCell]) -> dict[str, Sourced[Any]]:
    head, rest = cells[0], cells[1:]
    out: dict[str, Sourced[Any]] = {}
    value = head.value
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        out["date"] = Sourced(day, head.cell)
        if isinstance(value, datetime) and value.time() != time(0, 0):
            out["start_time"] = Sourced(value.time().replace(second=0, microsecond=0), head.cell)
    elif isinstance(value, str):
        when = N.parse_when(value)
        problem = when.date_problem
        out["date"] = Sourced(when.date, head.cell, when.raw if problem else None, problem)
        if when.weekday is not None:
            out["weekday"] = Sourced(when.weekday, head.cell)
        if when.start is not None or when.end is not None or when.time_problem:
            tp = when.time_problem
            out["start_time"] = Sourced(when.start, head.cell, when.raw if tp else None, tp)
            out["end_time"] = Sourced(when.end, head.cell)
    else:
        parsed = N.parse_date(value)
        p = parsed.problem
        out["date"] = Sourced(parsed.value, head.cell, parsed.raw if p else None, p)
    if rest:
        out.update(_times(rest))
    return out


def _times(cells: list[RawCell]) -> dict[str, Sourced[Any]]:
    """A time range spread over cells: '14:00～15:30', or [14:00] [～] [15:30]."""
    tokens: list[str] = []
    times = 0
    for c in cells:
        if isinstance(c.value, time | datetime):
            t = c.value.time() if isinstance(c.value, datetime) else c.value
            tokens.append(t.strftime("%H:%M"))
            times += 1
        elif isinstance(c.value, float) and 0 <= c.value < 1:
            parsed = N.parse_time(c.value)
            tokens.append(parsed.value.strftime("%H:%M") if parsed.value else str(c.value))
            times += 1
        else:
            text = N.clean_text(c.value)
            if text:
                tokens.append(text)
    joiner = "～" if times == len(tokens) == 2 else " "
    text = joiner.join(tokens)
    start_cell = cells[0].cell
    end_cell = cells[-1].cell
    rng = N.parse_time_range(text)
    if rng.problem:
        return {
            "start_time": Sourced(None, start_cell, rng.raw, rng.problem),
            "end_time": Sourced(None, end_cell),
        }
    return {
        "start_time": Sourced(rng.start, start_cell),
        "end_time": Sourced(rng.end, end_cell if rng.end is not None else start_cell),
    }


# --- counts and meeting type ------------------------------------------------------------


def _counts(raw: RawReport) -> dict[str, Sourced[int]]:
    out: dict[str, Sourced[int]] = {}
    combined: tuple[str | None, str | None] | None = None
    combined_cell: Cell | None = None
    for c in raw.fields.get("attendance", []):
        if isinstance(c.value, str):
            combined = N.split_attendance(c.value)
            if combined is not None:
                combined_cell = c.cell
                break
    for i, key in enumerate(("police_attendees", "civilian_attendees")):
        first = raw.first(key)
        if (first is None or first.value is None) and combined is not None:
            first = RawCell(combined[i], combined_cell)
        if first is None or first.value is None:
            cell = _cell_of(raw, key) or _cell_of(raw, "attendance")
            out[key] = Sourced(None, cell)
            continue
        parsed = N.parse_count(first.value)
        out[key] = Sourced(parsed.value, first.cell, _raw_if(parsed), parsed.problem)
    return out


def _meeting_type(raw: RawReport) -> Sourced[str]:
    cells = [c for c in raw.fields.get("meeting_type", []) if c.value is not None]
    if not cells:
        return Sourced(None, _cell_of(raw, "meeting_type"))
    text = "\u3000".join(N.clean_text(c.value) or "" for c in cells)
    parsed = N.parse_meeting_type(text)
    value = parsed.value if parsed.value in (REGULAR, EXTRAORDINARY) else None
    return Sourced(
        value, cells[0].cell, _raw_if(parsed) or (None if value else text), parsed.problem
    )


def _officers(raw: RawReport) -> Sourced[tuple[str, ...]]:
    cells = [c for c in raw.fields.get("officers", []) if c.value is not None]
    if not cells:
        return Sourced(None, _cell_of(raw, "officers"))
    names: list[str] = []
    for c in cells:
        names.extend(N.split_names(c.value))
    return Sourced(tuple(names) or None, cells[0].cell)


# --- tables -----------------------------------------------------------------------------


def _agenda(raw: RawReport) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    for category, topic, remarks in raw.agenda:
        t = N.clean_text(topic.value)
        r = N.clean_text(remarks.value)
        if t is None and r is None:
            continue  # a printed 区分 with nothing written against it
        text = N.clean_text(category.value)
        if text is None and items:
            # A blank 区分 under a filled one continues it (merged cells that a format
            # without merges, such as .ods read by calamine, has lost).
            kind = items[-1].category
        else:
            canonical = N.canonical_category(text) if text else None
            kind = Sourced(canonical or text, category.cell, text if not canonical else None)
        items.append(AgendaItem(kind, Sourced(t, topic.cell), Sourced(r, remarks.cell)))
    return items


def _requests(raw: RawReport) -> list[RequestItem]:
    items = []
    for request, response in raw.requests:
        q = N.clean_text(request.value)
        a = N.clean_text(response.value)
        if q is None and a is None:
            continue
        items.append(RequestItem(Sourced(q, request.cell), Sourced(a, response.cell)))
    return items
