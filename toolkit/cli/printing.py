"""How a check's results reach the terminal: JSON Lines, or the table by police station."""

from __future__ import annotations

import json
from datetime import date

import click

from toolkit.era import wareki
from toolkit.jobs import CheckRun, RetentionOutcome
from toolkit.render import StationView
from toolkit.results import FileResult
from toolkit.text import terminal_text


class JsonPrinter:
    """One JSON object per report on stdout; skipped sheets, notes and the totals on stderr."""

    def add(self, result: FileResult) -> None:
        for checked in result.reports:
            click.echo(json.dumps(checked.to_json(), ensure_ascii=False))
        if result.skipped_file is not None:
            click.echo(terminal_text(f"{result.path}: {result.skipped_file}"), err=True)
        for sheet, reason in result.skipped:
            click.echo(terminal_text(f"{result.path}「{sheet}」: {reason}"), err=True)
        for note in result.notes:
            click.echo(terminal_text(f"{result.path}: {note}"), err=True)

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


def retention_lines(done: RetentionOutcome, today: date) -> list[str]:
    """What retention found or did, one line each, and what to do next."""
    out = []
    for e in done.expired:
        held = wareki(e.meeting_date) if e.meeting_date else "開催日不明"
        sheet = f"「{e.sheet}」" if e.sheet else ""
        note = f"  ※未回答・対応中の要望 {e.not_answered}件を含む" if e.not_answered else ""
        out.append(f"{held}  保存期限 {wareki(e.keep_until)}  {e.path}{sheet}{note}")
    for o in done.outputs:
        out.append(
            f"出力（{o.kind}）{wareki(o.written_on)}作成  保存期限 {wareki(o.keep_until)}  {o.path}"
        )
    waiting = sum(e.not_answered for e in done.expired)
    if waiting:
        out.append(
            f"未回答・対応中の要望が {waiting}件あります。削除する前に、措置の状況を"
            "確認して記録してください（削除すると要望の本文も消えます）。"
        )
    if not done.applied:
        out.append(
            f"保存期間を過ぎた報告書 {len(done.expired)}件、出力 {len(done.outputs)}件"
            f"（{wareki(today)}現在）。削除するには --apply を付けて実行してください。"
        )
    else:
        out.append(
            f"保存期間を過ぎた報告書 {len(done.expired)}件の保管用の写しと記載内容、"
            f"出力 {len(done.outputs)}件を削除し、台帳に記録しました（処理 {done.removed}件）。"
        )
    return out
