"""From raw cells to the report record: every value normalised, every value with its cell.

Values that cannot be read keep the text that was found and the reason (`Sourced.raw`,
`Sourced.problem`); the rules turn those into findings. Nothing here raises for bad data.
Whatever had to be inferred rather than read (rows joined, a list split at its numbers,
a count derived from names) is kept as a `ReadNote` of the record, naming its cell.

- `people`: 報告者 and 警電, 出席者数, 出席警察官名;
- `lists`: 協議事項 and 要望事項 / 措置・回答 as items.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from toolkit import normalize as N
from toolkit.catalogue.reading import WHERE_JUDGED
from toolkit.model import EXTRAORDINARY, REGULAR, Reading, ReadNote, Report, Sourced
from toolkit.parse.lists import agenda_items, request_items
from toolkit.parse.people import cell_of, counts, officers, reporter_and_phone, text_of
from toolkit.raw import RawCell, RawReport

_TEXT_FIELDS = ("affiliation", "council_name", "facility_name", "venue")
# Free text that may have been read from several rows: the rows are kept, one a line.
_LONG_TEXT_FIELDS = ("discussion", "reference", "attachment")


def build_report(raw: RawReport) -> Report:
    """The record of one sheet."""
    values: dict[str, Any] = {key: text_of(raw, key) for key in _TEXT_FIELDS}
    station = values["affiliation"]
    if station.value is not None:
        values["affiliation"] = Sourced(N.station_of(station.value), station.cell)
    values.update({key: _long_text(raw, key) for key in _LONG_TEXT_FIELDS})
    notes = list(raw.notes)
    values["reporter"], values["phone"], found = reporter_and_phone(raw)
    notes += found
    values.update(_when(raw))
    values["officers"] = officers(raw)
    numbers, found = counts(raw, values["officers"])
    values.update(numbers)
    notes += found
    values["meeting_type"] = _meeting_type(raw)
    agenda, found = agenda_items(raw)
    notes += found
    requests, found = request_items(raw)
    notes += found
    notes = _how_read(raw, notes)
    return Report(
        **values,
        agenda=tuple(agenda),
        requests=tuple(requests),
        agenda_cell=raw.agenda_cell,
        requests_cell=raw.requests_cell,
        template_version=raw.template_version,
        council_id=raw.council_id,
        pictures=raw.pictures,
        overflows=tuple(raw.overflows),
        notes=tuple(notes),
        reading=Reading(raw.method, raw.coverage, len(raw.unread), raw.area),
    )


def _how_read(raw: RawReport, notes: list[ReadNote]) -> list[ReadNote]:
    """A sheet read by the map of a layout HQ confirmed carries no judgement about where
    its values are: the map says it (SPEC, "Layouts HQ confirms")."""
    if raw.method == "confirmed":
        return [n for n in notes if n.code not in WHERE_JUDGED]
    return notes


def _long_text(raw: RawReport, key: str) -> Sourced[str]:
    """Text of one or several rows: cells of a row joined by a space, rows by a line break."""
    cells = [c for c in raw.fields.get(key, []) if c.value is not None]
    if not cells:
        return Sourced(None, cell_of(raw, key))
    lines: list[str] = []
    row = None
    for c in cells:
        text = N.clean_text(c.value)
        if text is None:
            continue
        here = c.cell.row if c.cell is not None else None
        if lines and here == row:
            lines[-1] = f"{lines[-1]} {text}"
        else:
            lines.append(text)
        row = here
    return Sourced(N.clean_text("\n".join(lines)), cells[0].cell)


# --- 開催日時 -----------------------------------------------------------------------------


def _when(raw: RawReport) -> dict[str, Sourced[Any]]:
    cells = [c for c in raw.fields.get("date", []) if c.value is not None]
    cell = cell_of(raw, "date")
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
    """The date (and times) of the 開催日時 cells: one cell, a date cell and time cells,
    or a date typed over several cells (令和 | 8 | 年 | 10 | 月 | 15 | 日 …)."""
    head = cells[0]
    row = head.cell.row if head.cell is not None else None
    rest = [c for c in cells[1:] if c.cell is None or c.cell.row == row]
    below = [c for c in cells[1:] if c.cell is not None and c.cell.row != row]
    out = _head_date(head)
    if rest:
        times = _times(rest)
        start = out.get("start_time")
        if start is not None and start.value is not None and times["start_time"].blank:
            times.pop("start_time")  # a date and time cell, then 「～15時00分」 beside it
        out.update(times)
    if rest and (out["date"].value is None or _troubled(out)):
        joined = _joined_when([head, *rest])
        if joined is not None and (out["date"].value is None or joined["date"] == out["date"]):
            out.update(joined)
    if below and out.get("start_time", Sourced()).value is None and not _troubled(out):
        # The times on the row below the date (a label over two rows): taken when they
        # read as times, else that row is something else and is left alone.
        times = _times(below)
        if times["start_time"].problem is None and times["start_time"].value is not None:
            out.update(times)
    return out


def _head_date(head: RawCell) -> dict[str, Sourced[Any]]:
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
    return out


def _troubled(out: dict[str, Sourced[Any]]) -> bool:
    return any(out[k].problem for k in ("start_time", "end_time") if k in out)


def _joined_when(cells: list[RawCell]) -> dict[str, Sourced[Any]] | None:
    """The date and times of cells read as one text (a date typed over several cells, a
    weekday in a cell of its own), or None when that text gives no date either."""
    text = " ".join(t for c in cells if (t := _token(c.value)))
    when = N.parse_when(text)
    if when.date is None:
        return None
    head = cells[0].cell
    out: dict[str, Sourced[Any]] = {"date": Sourced(when.date, head)}
    if when.weekday is not None:
        out["weekday"] = Sourced(when.weekday, head)
    tp = when.time_problem
    out["start_time"] = Sourced(when.start, head, when.raw if tp else None, tp)
    out["end_time"] = Sourced(when.end, head)
    return out


def _token(value: object) -> str | None:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return N.clean_text(value)


def _times(cells: list[RawCell]) -> dict[str, Sourced[Any]]:
    """A time range spread over cells: '14:00～15:30', or [14:00] [～] [15:30], or
    [14] [時] [00] [分] [～] …."""
    tokens: list[str] = []
    times = 0
    for c in cells:
        if isinstance(c.value, time | datetime):
            t = c.value.time() if isinstance(c.value, datetime) else c.value
            tokens.append(t.strftime("%H:%M"))
            times += 1
        elif isinstance(c.value, float) and 0 < c.value < 1:
            # An Excel time value; 0 itself is a number (minutes typed as 0, shown 00).
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


# --- meeting type -----------------------------------------------------------------------


def _meeting_type(raw: RawReport) -> Sourced[str]:
    cells = [c for c in raw.fields.get("meeting_type", []) if c.value is not None]
    if not cells:
        return Sourced(None, cell_of(raw, "meeting_type"))
    text = "\u3000".join(N.clean_text(c.value) or "" for c in cells)
    parsed = N.parse_meeting_type(text)
    value = parsed.value if parsed.value in (REGULAR, EXTRAORDINARY) else None
    return Sourced(
        value, cells[0].cell, _raw_if(parsed) or (None if value else text), parsed.problem
    )
