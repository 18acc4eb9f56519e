"""HQ's working folder: init, month."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.group import main
from toolkit.cli.options import (
    EXISTING,
    display_options,
    force_option,
    progress,
    reading_options,
    required_workspace,
)

if TYPE_CHECKING:
    from toolkit.render import Display


@main.command()
@click.argument("folder", metavar="フォルダ", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--registry",
    "registry_from",
    type=EXISTING,
    help="白紙の名簿の代わりに、この協議会名簿を作業フォルダに写して使う（元は変えません）。",
)
def init(folder: Path, registry_from: Path | None) -> None:
    """作業フォルダを作る: 設定ファイル kyogikai.toml、協議会名簿、受信・返却・出力・台帳のフォルダ。

    作業フォルダでは、どのコマンドもパスを省略でき、kyogikai month 2026-10 のように
    月を指定するだけで1か月分の仕事をまとめて行います。
    """
    from toolkit.cli.printing import init_lines
    from toolkit.workspace import init_workspace

    created = init_workspace(folder, registry_from=registry_from, today=date.today())
    for line in init_lines(created):
        click.echo(line)


@main.command()
@click.argument("month", metavar="月")
@display_options
@reading_options
@force_option
def month(
    month: str,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
    display: Display,
    force: bool,
) -> None:
    """1か月分の仕事をまとめて行う（月は 2026-10 のように指定。作業フォルダで実行します）。

    受信フォルダの報告書を点検して台帳に取り込み、新しく届いたもののうち指摘のあるものは
    確認用の写しを返却フォルダに警察署ごとに作り、その月の集計表と（名簿に年間計画があれば）
    警察署ごとの督促・確認依頼を出力フォルダに書き出して、次にすることを表示します。
    途中でできなかった作業（ディスクの空き不足、開かれているファイルなど）は台帳に記録され、
    次に実行したときに行います。残っている作業があるときの終了コードは3です。
    """
    from toolkit.cli.group import INTERRUPTED
    from toolkit.cli.printing import interrupted_lines, month_lines, output_width
    from toolkit.monthly import MonthInterrupted, acknowledge
    from toolkit.monthly import month as run_month

    ws = required_workspace(click.get_current_context())
    try:
        done = run_month(
            ws,
            month,
            as_of=as_of,
            password=password,
            jobs=jobs,
            display=display,
            watch=progress((ws.incoming,), quiet=display.quiet),
            force=force,
        )
    except MonthInterrupted as stop:
        for line in interrupted_lines(stop.outcome):
            click.echo(line, err=True)
        raise click.exceptions.Exit(INTERRUPTED) from None
    for line in month_lines(done, output_width()):
        click.echo(line)
    acknowledge(ws, done)
    if not done.complete:
        raise click.exceptions.Exit(3)
