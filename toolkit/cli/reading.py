"""Commands that read reports: check, ingest."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.group import main
from toolkit.cli.options import (
    DATE,
    EXISTING,
    display_options,
    from_workspace,
    layouts_option,
    ledger_option,
    progress,
    reading_options,
    registry_option,
    reports_argument,
)

if TYPE_CHECKING:
    from toolkit.ledgerurl import Location
    from toolkit.render import Display


@main.command()
@reports_argument(required=True)
@registry_option
@click.option("--json", "as_json", is_flag=True, help="1報告書1行のJSON Linesで出力する。")
@click.option(
    "--feedback-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="指摘のあったブックの写し（該当セルに色とコメント）を書き出すフォルダ。",
)
@layouts_option
@display_options
@reading_options
def check(
    paths: tuple[Path, ...],
    registry: Path | None,
    as_json: bool,
    feedback_dir: Path | None,
    layouts: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
    display: Display,
) -> None:
    """報告書を点検する（PATH はファイルまたはフォルダ。作業フォルダでは省略すると受信フォルダ）。

    問題のある報告書と読めないファイルだけを、指摘ごとにセル番地と一緒に表示します
    （--all ですべて、--quiet で集計の行だけ）。誤りや読めないファイルがあれば終了コード1、なければ0。
    """
    from toolkit import jobs as J
    from toolkit.cli.printing import JsonPrinter, TablePrinter, feedback_lines

    options = J.reading_options(
        registry=registry, config=config, as_of=as_of, password=password, jobs=jobs,
        layouts=layouts,
    )  # fmt: skip
    run = J.CheckRun(paths, options, feedback_dir)
    if not as_json:
        run.watch = progress(paths, quiet=display.quiet)
    printer = JsonPrinter() if as_json else TablePrinter(display)
    shown = 0
    for result in run:
        printer.add(result)
        shown = feedback_lines(run, shown, display)
    printer.close(run)
    if run.tally.failed:
        raise click.exceptions.Exit(1)


@main.command()
@reports_argument(required=True)
@ledger_option("取り込み先の台帳（ファイルがなければ作ります）", required=True)
@registry_option
@layouts_option
@click.option(
    "--received",
    type=DATE,
    help="新しく取り込むファイルの受付日（過去の分をまとめて取り込むとき）。"
    "指定しなければ、ファイルの更新日時と取り込んだ日の早い方です。",
)
@click.option(
    "--receipts",
    type=EXISTING,
    default=from_workspace("receipts", existing=True),
    help="受付簿（シート「受付簿」か CSV。ファイル名と受付日の列）。"
    "名前のあるファイルの受付日に使います（既定: kyogikai.toml の受付簿があれば）。",
)
@display_options
@reading_options
def ingest(
    paths: tuple[Path, ...],
    db: Location,
    registry: Path | None,
    layouts: Path | None,
    received: date | None,
    receipts: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
    display: Display,
) -> None:
    """報告書を点検して台帳に取り込む（同じファイルは二重に取り込みません）。

    問題のある報告書と読めないファイルを表示します（--all ですべて、--quiet で集計の行だけ）。
    誤りや読めないファイルがあれば終了コード1、なければ0。
    """
    from toolkit import jobs as J
    from toolkit.cli.printing import echo_wrapped, output_width, viewing
    from toolkit.render import StationView

    options = J.reading_options(
        registry=registry, config=config, as_of=as_of, password=password, jobs=jobs,
        layouts=layouts,
    )  # fmt: skip
    view = StationView(display)
    watch = viewing(view, progress(paths, quiet=display.quiet))
    done = J.ingest(paths, db, options, watch=watch, received=received, receipts=receipts)
    for line in view.lines(output_width(), closing=False):
        click.echo(line)
    stats = done.stats
    echo_wrapped(
        f"{done.tally.line()}。台帳に新しいファイル {stats.new_files}件、"
        f"同一ファイル {stats.identical}件、差し替え {stats.superseded}件 — {db}"
    )
    for path in stats.not_archived:
        echo_wrapped(f"保管用の写しを作れませんでした（点検後に変更または削除）: {path}", err=True)
    for problem in done.receipt_problems:
        echo_wrapped(problem, err=True)
    if done.tally.failed:
        raise click.exceptions.Exit(1)
