"""How results reach the terminal: JSON Lines, or the reports by police station."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.check import Proofs
from toolkit.cli.group import terminal_width
from toolkit.era import wareki
from toolkit.jobs import CheckRun, Confirmed, Watch
from toolkit.render import QUIET, Display, StationView
from toolkit.results import FileResult
from toolkit.text import display_width, fit, terminal_text, wrap
from toolkit.workspace import EXAMPLE_ID, Created

if TYPE_CHECKING:  # the ledger (and its database libraries) load when a command needs it
    from toolkit.housekeeping import RetentionOutcome
    from toolkit.ledger import Settled, Step
    from toolkit.monthly import MonthOutcome


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


# What retention says of a recorded output, by its action (toolkit.housekeeping).
_OUTPUT_KINDS = {
    "summary": "集計表",
    "feedback": "確認用の写し",
    "remind": "督促・確認依頼",
    "roster": "委員の点検結果",
    "proof": "読取確認",
}
_OUTPUT_NOTES = {
    "summary": "集計表は --force を付けなければ削除しません",
    "elsewhere": "別の作業フォルダ（{ws}）の出力です。削除しません（その作業フォルダで実行してください）",
    "missing": "すでにありません（台帳の記録だけを消します）",
    "replaced": "kyogikai が書き出したものではないファイルに置き換わっているため、削除しません",
}


def retention_lines(done: RetentionOutcome, today: date) -> list[str]:
    """What retention found or did, one line each, and what to do next. Every file it
    deletes is on a line of its own; what it keeps says why."""
    from toolkit.housekeeping import DELETE, REWRITTEN

    out = []
    held = {id(e) for e in done.held}
    for e in done.expired:
        day = wareki(e.meeting_date) if e.meeting_date else "開催日不明"
        sheet = f"「{e.sheet}」" if e.sheet else ""
        note = ""
        if e.not_answered:
            note = f"  ※未回答・対応中の要望 {e.not_answered}件"
            note += "（--force を付けなければ削除しません）" if id(e) in held else ""
        out.append(f"{day}  保存期限 {wareki(e.keep_until)}  {e.path}{sheet}{note}")
    for plan in done.outputs:
        if plan.action == REWRITTEN:
            continue  # written again since: only a record
        o = plan.output
        kind = _OUTPUT_KINDS.get(o.kind, o.kind)
        note = _OUTPUT_NOTES.get(plan.action, "").format(ws=o.workspace)
        if plan.failure is not None:
            note = f"削除できませんでした: {plan.failure}"
        elif done.applied and plan.outcome == "deleted":
            note = "削除しました"
        out.append(
            f"{kind} {wareki(o.written_on)}作成  保存期限 {wareki(o.keep_until)}  {plan.path}"
            + (f"  ※{note}" if note else "")
        )
    deletable = [p for p in done.outputs if p.action == DELETE]
    waiting = sum(e.not_answered for e in done.held)
    if waiting:
        out.append(
            f"未回答・対応中の要望が {waiting}件残る報告書 {len(done.held)}件は削除しません。"
            "措置の状況を確認して記録してください（削除してよければ --force を付けます。"
            "削除すると要望の本文も消えます）。"
        )
    if not done.applied:
        out.append(
            f"保存期間を過ぎた報告書 {len(done.expired)}件（削除するもの {len(done.purged)}件）、"
            f"出力 {len(deletable)}件を削除できます（{wareki(today)}現在）。"
            "削除するには --apply を付けて実行してください。"
        )
        return out
    deleted = sum(p.outcome == "deleted" for p in done.outputs)
    out.append(
        f"保存期間を過ぎた報告書 {len(done.purged)}件の保管用の写しと記載内容、"
        f"出力 {deleted}件を削除し、台帳に記録しました。"
    )
    if done.failures:
        out.append(
            f"削除できなかった出力が {len(done.failures)}件あります。原因を取り除いてから、"
            "もう一度 --apply を付けて実行してください（台帳には削除したものだけを記録しました）。"
        )
    for problem in done.archive_failures:
        out.append(
            f"保管用の写しを削除できませんでした: {problem}"
            "次に --apply を付けて実行したときに、もう一度削除します。"
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
    rows.append((ws.layouts, "確認済みの様式（kyogikai layout --confirm で登録）"))
    rows.append(
        (ws.receipts, "受付簿（届いた日の記録。書けば受付日に使います。空のままでも構いません）")
    )
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


# The steps of the month's job as the user knows them (toolkit.ledger.steps kinds).
_STEP_NAMES = {
    "ingest": "台帳への取り込み",
    "feedback": "確認用の写し",
    "summary": "集計表",
    "remind": "督促・確認依頼",
    "proof": "読取確認",
}


def month_lines(done: MonthOutcome, width: int | None) -> list[str]:
    """What `month` did — the new files that need attention, what was written — and what
    to do next, including what is left of this run or an earlier one."""
    view = done.view
    out = view.lines(width, closing=False)
    if view.files:
        out += view.closing_lines(width, label="新しく届いたファイル: ")
    else:
        out += wrap(
            "新しく届いたファイルはありません（受信フォルダのファイルはすべて台帳にあります）。",
            width,
            hang=2,
        )
    written = []
    if done.ingest is not None:
        stats = done.ingest.stats
        written.append(
            f"台帳: 新しいファイル {stats.new_files}件、同一ファイル {stats.identical}件、"
            f"差し替え {stats.superseded}件 — {done.ledger}"
        )
    if done.summary is not None:
        written.append(f"集計表: {done.summary}（{done.period.label}の報告書 {done.meetings}件）")
    if done.reminders_dir is not None:
        written.append(f"督促・確認依頼: {done.reminders_dir}（{len(done.reminders)}警察署分）")
    if done.proofs_dir is not None:
        written.append(f"読取確認: {done.proofs_dir}（確認していない様式 {len(done.proofs)}種類）")
    for text in written:
        out += wrap(terminal_text(text), width, hang=2)
    return [*out, "", *_steps(_next_steps(done), width)]


def interrupted_lines(done: MonthOutcome) -> list[str]:
    """What an interrupted `month` had done and what it left (Ctrl-C)."""
    out = ["中断しました（Ctrl-C）。"]
    command = f"kyogikai month {done.key}"
    if done.ingest is None:
        out.append(
            "台帳への取り込みの途中だったため、台帳は元のままです（取り込み・集計表・督促・確認依頼は"
            f"まだです）。もう一度 {command} を実行してください。"
        )
        return out
    copies = sum(len(c) for c in done.returned.values())
    made = [f"台帳への取り込み（新しいファイル {done.ingest.stats.new_files}件）"]
    if copies:
        made.append(f"確認用の写し {copies}件（次の実行で一覧を表示します）")
    if done.summary is not None:
        made.append(f"集計表（{done.summary}）")
    out.append("済んだこと: " + "、".join(made) + "。")
    left = _left_names(done.left)
    if left:
        out.append(f"残っていること: {'、'.join(left)}。もう一度 {command} を実行してください。")
    return out


def _left_names(left: list[Step]) -> list[str]:
    """The steps still to do, by kind and month, as the user names them."""
    counts: dict[tuple[str, str], int] = {}
    for step in left:
        counts[(step.period, step.kind)] = counts.get((step.period, step.kind), 0) + 1
    out = []
    for (period, kind), n in counts.items():
        name = _STEP_NAMES.get(kind, kind)
        out.append(f"{period} の{name}" + (f" {n}件" if kind == "feedback" else ""))
    return out


def _next_steps(done: MonthOutcome) -> list[str]:
    steps = []
    if done.example_left:
        steps.append(
            f"協議会名簿に記入例の行（協議会ID {EXAMPLE_ID}）が残っています。Excelで開いて、"
            "自分の県の協議会に書き換えるか削除してください（集計表にも記入例が出ています）。"
        )
    if done.returned:
        lines = ["確認用の写しを警察署に返し、直した報告書を送り直してもらってください:"]
        folders: dict[tuple[str, Path], int] = {}
        for station, copies in done.returned.items():
            for copy in copies:
                folders[(station, copy.parent)] = folders.get((station, copy.parent), 0) + 1
        column = max(display_width(s) for s, _ in folders) + 2
        for (station, folder), n in sorted(folders.items()):
            lines.append(f"  {fit(station, column)}{folder}（{n}件）")
        steps.append("\n".join(lines))
    if done.not_returned:
        lines = [
            f"確認用の写しを {len(done.not_returned)}件作れませんでした。原因を取り除いてから、"
            f"もう一度 kyogikai month {done.key} を実行すると作ります:"
        ]
        lines += [f"  {path}: {problem}" for path, problem in done.not_returned]
        steps.append("\n".join(lines))
    for kind, problem in done.problems.items():
        steps.append(
            f"{_STEP_NAMES.get(kind, kind)}を作れませんでした: {problem}"
            f"原因を取り除いてから、もう一度 kyogikai month {done.key} を実行してください。"
        )
    # Copies left over were tried again by this run (above); what else is left is a
    # summary or reminders of another month, made by running that month again.
    for step in done.left:
        if step.kind == "feedback" or (step.period == done.key and step.kind in done.problems):
            continue
        steps.append(
            f"前の実行で終わっていない作業があります: {_left_names([step])[0]}。"
            f"kyogikai month {step.period} を実行すると行います。"
        )
    for problem in done.ingest.receipt_problems if done.ingest is not None else []:
        steps.append(problem)
    if done.unsettled:
        steps.append(_unsettled_step(done))
    waiting = done.ingest.tally.try_again if done.ingest is not None else 0
    if waiting:
        steps.append(
            f"開かれていたなどの理由で今回読めなかったファイルが {waiting}件あります（上の「読み飛ばし」）。"
            f"閉じてから、もう一度 kyogikai month {done.key} を実行してください（次の実行で読み取ります）。"
        )
    if done.proofs:
        lines = [
            f"{done.period.label}の報告書 {done.unconfirmed}件は、確認していない様式から"
            "項目名の位置で判断して読みました。次の読取確認を開いて確かめ、違う行の"
            "「正しいセル」を直して kyogikai layout --confirm 読取確認のファイル で登録して"
            "ください（登録した様式は、次からそのとおり読み取ります）:"
        ]
        lines += [f"  {path}" for path in done.proofs]
        steps.append("\n".join(lines))
    if done.reminders:
        steps.append(f"督促・確認依頼（{done.reminders_dir}）を各警察署に送ってください。")
    elif not done.planned:
        steps.append(
            "名簿に年間計画がないため、督促・確認依頼は作っていません。年間計画は"
            " kyogikai template --plan で様式を配り、kyogikai plan で名簿に入れます。"
        )
    if done.summary is not None:
        steps.append(
            f"集計表 {done.summary} の「概況」シートを印刷して、地域課長に報告してください。"
        )
    return steps


def _unsettled_step(done: MonthOutcome) -> str:
    """The meetings reported twice that HQ must decide (R7), with the command to do it."""
    lines = [
        "同じ会議の報告書が2件以上あり、どれを集計に使うか決まっていません（R7）。"
        "警察署に確かめて、kyogikai settle で決めてください（今は★を集計しています）:"
    ]
    for pair in done.unsettled:
        lines.append(f"  {pair.council} {wareki(pair.day)}（{pair.station or '所属不明'}）")
        for r in pair.reports:
            mark = "★" if r.counts else "　"
            lines.append(f"    {mark}{r.path}（受付 {r.received or '不明'}、{r.sha256[:8]}）")
    example = done.unsettled[0].reports[-1]
    lines.append(
        f'  例: kyogikai settle --keep {example.sha256[:8]} --reason "署に確認し、こちらが正しい"'
        "（取り下げるときは --withdraw）"
    )
    return "\n".join(lines)


def _steps(steps: list[str], width: int | None) -> list[str]:
    """「次にすること」: numbered steps, each broken at `width`, lines of a step kept."""
    out = ["次にすること:"]
    for number, step in enumerate(steps, 1):
        first, *rest = terminal_text(step).split("\n")
        out += wrap(f"{number}. {first}", width, indent=2, hang=5)
        for line in rest:
            out += wrap(line.lstrip(), width, indent=5 + len(line) - len(line.lstrip()), hang=9)
    return out


def proof_lines(done: Proofs) -> list[str]:
    """What `layout` wrote, and what to do next."""
    out = []
    for group in done.groups:
        same = f"、同じ様式 ほか{len(group.others)}シート" if group.others else ""
        kept = "。直しかけのため、作り直さずに残しました" if group.kept else ""
        out.append(
            f"読取確認: {group.path}（{group.book.source}「{group.book.sheet}」{same}{kept}）"
        )
    for path, why in done.problems:
        out.append(f"読み飛ばし: {path}: {why}")
    read = []
    if done.template:
        read.append(f"本部の様式の報告書 {done.template}件")
    if done.confirmed:
        read.append(f"確認済みの様式の報告書 {done.confirmed}件")
    others = f"（{'、'.join(read)}は確認の必要がありません）" if read else ""
    if not done.groups:
        return [*out, f"確認していない様式の報告書はありませんでした{others}。"]
    out.append(
        f"確認していない様式の報告書 {done.sheets}シート、様式 {len(done.groups)}種類の"
        f"読取確認を書き出しました{others}。"
    )
    out.append(
        "次にすること: 読取確認を開いて「読取結果」シートの説明のとおり確かめ、違う行の"
        "「正しいセル」を直して保存し、kyogikai layout --confirm 読取確認のファイル で"
        "登録してください。"
    )
    if done.note is not None:
        out.append(done.note)
    return out


def confirmed_lines(done: Confirmed) -> list[str]:
    """What `layout --confirm` stored."""
    layout = done.layout
    out = [
        f"様式 {layout.layout_id}（{layout.name}）を登録しました: {done.path}",
        f"直した行 {done.corrected}件、確認 {layout.confirmed_by}（{layout.confirmed_at}）。",
    ]
    if done.before is not None:
        before = done.before
        out.append(
            f"同じ様式の前の登録（{before.confirmed_by}、{before.confirmed_at}）を置き換えました。"
        )
    out.append("以後この様式の報告書は、確認したセルから判断なしに読み取ります。")
    return out


def settle_lines(done: Settled) -> list[str]:
    """What `settle` recorded, and which report each meeting of the file counts now."""
    from toolkit.ledger import ACTION_JA

    s = done.settlement
    out = [
        f"{ACTION_JA[s.action]}: {s.path}",
        f"  理由: {s.reason}（{s.made_by}、{s.made_at.replace('T', ' ')}）",
    ]
    for m in done.meetings:
        when = wareki(m.day) if m.day else "開催日不明"
        counted = (
            f"集計に使う報告書: {m.counted_path}「{m.counted_sheet}」"
            if m.counted_path
            else "集計に使う報告書はありません"
        )
        out.append(f"  {m.council} {when}: {counted}")
    out.append("このあと作る集計表と督促・確認依頼は、この決定に従います。")
    width = output_width()
    return [line for text in out for line in wrap(terminal_text(text), width, hang=4)]
