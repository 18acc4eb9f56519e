"""How a check's results reach the terminal: JSON Lines, or the table by police station."""

from __future__ import annotations

import json

import click

from toolkit.jobs import CheckRun
from toolkit.render import StationView
from toolkit.results import FileResult


class JsonPrinter:
    """One JSON object per report on stdout; skipped sheets, notes and the totals on stderr."""

    def add(self, result: FileResult) -> None:
        for checked in result.reports:
            click.echo(json.dumps(checked.to_json(), ensure_ascii=False))
        for sheet, reason in result.skipped:
            click.echo(f"{result.path}「{sheet}」: {reason}", err=True)
        for note in result.notes:
            click.echo(f"{result.path}: {note}", err=True)

    def close(self, run: CheckRun) -> None:
        click.echo(run.tally.line(), err=True)


class TablePrinter:
    """The readable table, grouped by police station, printed when the run ends."""

    def __init__(self) -> None:
        self.view = StationView()

    def add(self, result: FileResult) -> None:
        self.view.add(result)

    def close(self, run: CheckRun) -> None:
        for line in self.view.lines():
            click.echo(line)


def feedback_lines(run: CheckRun, start: int) -> int:
    """Echo the feedback copies written since entry `start`; returns the new count."""
    for path, written, problem in run.feedback[start:]:
        if written is not None:
            click.echo(f"確認用の写し: {written}", err=True)
        else:
            click.echo(f"確認用の写しを書けません（{path}）: {problem}", err=True)
    return len(run.feedback)
