"""How results reach the terminal: JSON Lines, or the reports by police station."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from toolkit.cli.group import terminal_width
from toolkit.era import wareki
from toolkit.jobs import CheckRun, RetentionOutcome, Watch
from toolkit.render import QUIET, Display, StationView
from toolkit.results import FileResult
from toolkit.text import display_width, fit, terminal_text, wrap
from toolkit.workspace import EXAMPLE_ID, Created, MonthOutcome


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
    """The reports that need attention, grouped by police station, printed when the run
    ends, fitted to the terminal's width."""

    def __init__(self, display: Display) -> None:
        self.view = StationView(display)

    def add(self, result: FileResult) -> None:
        self.view.add(result)

    def close(self, run: CheckRun) -> None:
        for line in self.view.lines(output_width()):
            click.echo(line)


def output_width() -> int | None:
    """Columns to fit the standard output into (None: a file or a pipe, not broken)."""
    return terminal_width()


def echo_wrapped(text: str, *, err: bool = False, indent: int = 0, hang: int = 2) -> None:
    """One message, broken at the output's width; its following lines indented by `hang`."""
    for line in wrap(terminal_text(text), terminal_width(err=err), indent=indent, hang=hang):
        click.echo(line, err=err)


def viewing(view: StationView, watch: Watch) -> Watch:
    """`watch` (the progress bar), with every result also added to `view`."""

    def both(results: Iterator[FileResult]) -> Iterator[FileResult]:
        for result in watch(results):
            view.add(result)
            yield result

    return both


def feedback_lines(run: CheckRun, start: int, display: Display) -> int:
    """Echo the feedback copies written since entry `start` (problems even when quiet);
    returns the new count."""
    for path, written, problem in run.feedback[start:]:
        if written is None:
            echo_wrapped(f"確認用の写しを書けません（{path}）: {problem}", err=True)
        elif display.level > QUIET:
            echo_wrapped(f"確認用の写し: {written}", err=True)
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


def init_lines(created: Created) -> list[str]:
    """What `init` made, and what to do next."""
    ws = created.workspace
    registry = "（すでにあった名簿をそのまま使います）" if created.registry_kept else ""
    rows = [
        (ws.config, "設定（フォルダの場所と点検の規則。説明付き）"),
        (ws.registry, f"協議会名簿{registry}"),
        (ws.incoming, "警察署から届いた報告書を入れるフォルダ"),
        (ws.returned, "警察署に返す確認用の写し（月ごと・警察署ごと）"),
        (ws.outputs, "集計表と督促・確認依頼"),
    ]
    if isinstance(ws.ledger, Path):  # a new working folder's ledger is a file
        rows.append((ws.ledger.parent, "台帳（取り込んだ報告書の記録と保管用の写し）"))
    out = [f"作業フォルダを作りました: {ws.root}"]
    names = [p.relative_to(ws.root).as_posix() for p, _ in rows]
    column = max(display_width(n) for n in names) + 2
    for name, (_, what) in zip(names, rows, strict=True):
        out.append(f"  {fit(name, column)}{what}")
    steps = [
        f"協議会名簿「{names[1]}」をExcelで開き、記入例の行（協議会ID {EXAMPLE_ID}）を"
        "自分の県の協議会・委員・期間設定・年間計画に書き換えてください。",
        f"警察署から届いた報告書を「{names[2]}」フォルダに入れてください（警察署ごとのフォルダに分けても構いません）。",
        f"cd {terminal_text(ws.root)} で作業フォルダに移り、kyogikai month 2026-10 のように月を指定して実行します。",
    ]
    if created.registry_kept:
        steps.pop(0)
    width = output_width()
    shown = [line for text in out for line in wrap(terminal_text(text), width, hang=4)]
    return [*shown, "", *_steps(steps, width)]


def month_lines(done: MonthOutcome, width: int | None) -> list[str]:
    """What `month` did — the new files that need attention, what was written — and what
    to do next."""
    view, stats = done.view, done.ingest.stats
    out = view.lines(width, closing=False)
    if view.files:
        out += view.closing_lines(width, label="新しく届いたファイル: ")
    else:
        out += wrap(
            "新しく届いたファイルはありません（受信フォルダのファイルはすべて台帳にあります）。",
            width,
            hang=2,
        )
    written = [
        f"台帳: 新しいファイル {stats.new_files}件、同一ファイル {stats.identical}件、"
        f"差し替え {stats.superseded}件 — {done.ledger}",
        f"集計表: {done.summary}（{done.period.label}の報告書 {done.meetings}件）",
    ]
    if done.reminders_dir is not None:
        written.append(f"督促・確認依頼: {done.reminders_dir}（{len(done.reminders)}警察署分）")
    for text in written:
        out += wrap(terminal_text(text), width, hang=2)
    return [*out, "", *_steps(_next_steps(done), width)]


def _next_steps(done: MonthOutcome) -> list[str]:
    steps = []
    if done.example_left:
        steps.append(
            f"協議会名簿に記入例の行（協議会ID {EXAMPLE_ID}）が残っています。Excelで開いて、"
            "自分の県の協議会に書き換えるか削除してください（集計表にも記入例が出ています）。"
        )
    if done.returned:
        lines = ["確認用の写しを警察署に返し、直した報告書を送り直してもらってください:"]
        column = max(display_width(s) for s in done.returned) + 2
        for station, copies in sorted(done.returned.items()):
            lines.append(f"  {fit(station, column)}{copies[0].parent}（{len(copies)}件）")
        steps.append("\n".join(lines))
    for path, problem in done.not_returned:
        steps.append(f"確認用の写しを作れなかったファイルがあります（{path}）: {problem}")
    if done.reminders:
        steps.append(f"督促・確認依頼（{done.reminders_dir}）を各警察署に送ってください。")
    elif not done.planned:
        steps.append(
            "名簿に年間計画がないため、督促・確認依頼は作っていません。年間計画は"
            " kyogikai template --plan で様式を配り、kyogikai plan で名簿に入れます。"
        )
    steps.append(f"集計表 {done.summary} の「概況」シートを印刷して、地域課長に報告してください。")
    return steps


def _steps(steps: list[str], width: int | None) -> list[str]:
    """「次にすること」: numbered steps, each broken at `width`, lines of a step kept."""
    out = ["次にすること:"]
    for number, step in enumerate(steps, 1):
        first, *rest = terminal_text(step).split("\n")
        out += wrap(f"{number}. {first}", width, indent=2, hang=5)
        for line in rest:
            out += wrap(line.lstrip(), width, indent=5 + len(line) - len(line.lstrip()), hang=9)
    return out
