"""Rules on one report by itself: R1 required fields, R2 dates and times, R3 counts,
R4 meeting type, R5 open requests (別記様式, 要綱第3条第6項, 第6条, 2の(7))."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time

from toolkit.cells import Cell
from toolkit.era import WEEKDAYS_JA, wareki
from toolkit.findings import Finding
from toolkit.labels import printed
from toolkit.model import REQUIRED_KEYS, Report, Sourced
from toolkit.normalize import NONEXISTENT
from toolkit.rules.context import Context
from toolkit.rules.requests import ANSWERED, OPEN, request_state, written_status

Rule = Callable[[Report, Context], Iterator[Finding | None]]

RECOMMENDED = ("reporter", "venue", "discussion", "officers")


def required_fields(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R1: the fields the form cannot do without, and those it should have."""
    for key in REQUIRED_KEYS:
        value: Sourced[object] = getattr(report, key)
        if value.blank:
            yield ctx.settings.make("R1.required", field=key, cell=value.cell, label=printed(key))
    for key in RECOMMENDED:
        value = getattr(report, key)
        if value.blank:
            yield ctx.settings.make(
                "R1.recommended", field=key, cell=value.cell, label=printed(key)
            )
    yield from _times_missing(report, ctx)
    yield from _agenda_missing(report, ctx)


def _times_missing(report: Report, ctx: Context) -> Iterator[Finding | None]:
    start, end = report.start_time, report.end_time
    if start.blank:
        yield ctx.settings.make(
            "R1.recommended", field="start_time", cell=start.cell, label=printed("start_time")
        )
    if end.blank and not start.blank:
        yield ctx.settings.make(
            "R1.recommended", field="end_time", cell=end.cell, label=printed("end_time")
        )


def _agenda_missing(report: Report, ctx: Context) -> Iterator[Finding | None]:
    if not any(item.topic.value for item in report.agenda):
        cell = report.agenda[0].topic.cell if report.agenda else report.agenda_cell
        yield ctx.settings.make("R1.no-topic", field="agenda[0].topic", cell=cell)
        return
    for i, item in enumerate(report.agenda):
        if not item.topic.value:
            yield ctx.settings.make(
                "R1.recommended",
                field=f"agenda[{i}].topic",
                cell=item.topic.cell,
                label="協議事項",
            )
        if item.category.raw is not None:
            yield ctx.settings.make(
                "R1.unknown-category",
                field=f"agenda[{i}].category",
                cell=item.category.cell,
                found=item.category.raw,
            )


def dates_and_times(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R2: the date exists and is not after the check, the end follows the start, the
    weekday written beside the date is the date's."""
    d = report.date
    if d.problem == NONEXISTENT:
        yield ctx.settings.make("R2.nonexistent-date", field="date", cell=d.cell, found=d.raw)
    elif d.problem:
        yield ctx.settings.make("R2.bad-date", field="date", cell=d.cell, found=d.raw)
    if d.value is not None:
        yield from _date_value(report, d.value, ctx)
    for key in ("start_time", "end_time"):
        t: Sourced[time] = getattr(report, key)
        if t.problem:
            yield ctx.settings.make(
                "R2.bad-time", field=key, cell=t.cell, label=printed("date"), found=t.raw
            )
    start, end = report.start_time.value, report.end_time.value
    if start is not None and end is not None and end <= start:
        yield ctx.settings.make(
            "R2.end-before-start",
            field="end_time",
            cell=report.end_time.cell,
            start=start.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
            relation="と同じに" if end == start else "より前に",
        )


def _date_value(report: Report, day: date, ctx: Context) -> Iterator[Finding | None]:
    if day > ctx.settings.today:
        yield ctx.settings.make(
            "R2.future-date",
            field="date",
            cell=report.date.cell,
            found=report.date.raw or wareki(day),
            today=wareki(ctx.settings.today),
        )
    age = (ctx.settings.today - day).days
    if age > ctx.settings.old_date_days:
        yield ctx.settings.make(
            "R2.old-date",
            field="date",
            cell=report.date.cell,
            found=report.date.raw or wareki(day),
            today=wareki(ctx.settings.today),
            days=f"{age:,}",
        )
    given = report.weekday.value
    if given is not None and given != day.weekday():
        yield ctx.settings.make(
            "R2.weekday",
            field="date",
            cell=report.date.cell,
            given=WEEKDAYS_JA[given],
            date=wareki(day),
            actual=WEEKDAYS_JA[day.weekday()],
        )


def counts(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R3: whole numbers ≥ 0; none at 0; names of 出席警察官名 as many as the count."""
    for key in ("police_attendees", "civilian_attendees"):
        value: Sourced[int] = getattr(report, key)
        if value.problem:
            yield ctx.settings.make(
                "R3.not-count", field=key, cell=value.cell, label=printed(key), found=value.raw
            )
        if value.value is not None and value.value > ctx.settings.max_attendees:
            yield ctx.settings.make(
                "R3.too-many",
                field=key,
                cell=value.cell,
                label=printed(key),
                found=f"{value.value:,}",
                maximum=f"{ctx.settings.max_attendees:,}",
            )
    police = report.police_attendees
    if police.value == 0:
        yield ctx.settings.make("R3.no-police", field="police_attendees", cell=police.cell)
    civilians = report.civilian_attendees
    if civilians.value == 0:
        yield ctx.settings.make("R3.no-civilians", field="civilian_attendees", cell=civilians.cell)
    names = report.officers.value
    if names and police.value is not None and police.value > 0 and len(names) != police.value:
        yield ctx.settings.make(
            "R3.officer-names",
            field="officers",
            cell=report.officers.cell,
            names=len(names),
            count=police.value,
        )


def meeting_type(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R4: 定期会議 or 臨時会議 (要綱第6条第1項)."""
    mt = report.meeting_type
    if mt.value is None and mt.raw is not None:
        yield ctx.settings.make("R4.meeting-type", field="meeting_type", cell=mt.cell, found=mt.raw)


def open_requests(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R5: a request whose 措置・回答 is not a completed answer (2の(7): let the participants
    know promptly; a long-running one becomes a 問題解決活動 theme)."""
    raised = report.date.value
    for i, item in enumerate(report.requests):
        if not item.request.value:
            continue
        written = written_status(item.response.value, ctx.settings)
        if written == ANSWERED:
            continue
        state = request_state(written, raised, ctx.settings)
        hint = ""
        if state.days_open is not None and state.days_open > ctx.settings.problem_solving_days:
            hint = (
                f"会議から{state.days_open}日が経過しています。時間を要する問題は"
                "問題解決活動のテーマに設定し、計画的に進めてください（2の(7)）。"
            )
        code = "R5.open-request" if written == OPEN else "R5.pending-request"
        yield ctx.settings.make(
            code,
            field=f"requests[{i}].response",
            cell=item.response.cell,
            request=item.request.value,
            found=item.response.value,
            hint=hint,
        )


def cut_on_paper(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """R9: text that the printed form would cut (the paper copy goes round for stamps and
    must hold everything; 2の(9), 別記様式)."""
    for over in report.overflows:
        yield ctx.settings.make(
            "R9.cut-on-paper",
            field=_field_at(report, over.cell),
            cell=over.cell,
            label=over.label,
            lines=over.lines,
            room=over.room,
        )


def _field_at(report: Report, cell: Cell) -> str | None:
    """The record's field whose value came from `cell`."""
    for key in ("discussion", "reference", "officers"):
        if getattr(report, key).cell == cell:
            return key
    for i, item in enumerate(report.agenda):
        if item.topic.cell == cell:
            return f"agenda[{i}].topic"
    for i, req in enumerate(report.requests):
        if req.request.cell == cell:
            return f"requests[{i}].request"
        if req.response.cell == cell:
            return f"requests[{i}].response"
    return "discussion" if report.discussion.cell is not None else None


def reading_notes(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """I1: what the reader inferred rather than read says so, naming its cell."""
    for note in report.notes:
        yield ctx.settings.make(note.code, field=note.field, cell=note.cell, **dict(note.params))


def coverage(report: Report, ctx: Context) -> Iterator[Finding | None]:
    """A report read by its labels that leaves much of its printed text unread: the
    layout was not understood, or the sheet holds more than the reader saw."""
    reading = report.reading
    if reading is None or reading.coverage is None or reading.method != "labels":
        return
    if reading.unread < 2 or reading.coverage >= ctx.settings.min_coverage:
        return
    total = round(reading.unread / max(1 - reading.coverage, 1e-9))
    yield ctx.settings.make(
        "I1.poor-coverage",
        field=None,
        cell=None,
        total=total,
        count=reading.unread,
        share=f"{1 - reading.coverage:.0%}",
    )


RULES: tuple[Rule, ...] = (
    reading_notes,  # first: how a value was read explains what the rules then say of it
    coverage,
    required_fields,
    dates_and_times,
    counts,
    meeting_type,
    open_requests,
    cut_on_paper,
)
