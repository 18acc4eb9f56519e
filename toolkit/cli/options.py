"""Options and argument types the commands share, and the progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from toolkit.results import FileResult


class DateType(click.ParamType):
    """A date typed as 2026-10-15, 2026/10/15 or 令和8年10月15日."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from toolkit.normalize import parse_date

        parsed = parse_date(value)
        if parsed.value is None:
            self.fail(f"日付として読めません: 「{value}」（例: 2026-10-15）", param, ctx)
        return parsed.value


DATE = DateType()
EXISTING = click.Path(exists=True, path_type=Path)
PATHS = click.Path(path_type=Path)

registry_option = click.option(
    "--registry", type=EXISTING, help="協議会名簿（協議会・委員・期間設定のシート）のブック。"
)
config_option = click.option("--config", type=EXISTING, help="規則の設定ファイル（TOML）。")
as_of_option = click.option("--as-of", type=DATE, help="点検日（既定: 今日）。")
password_option = click.option(
    "--password", help="パスワード付きのブックを開くパスワード（メモリ上で復号します）。"
)
force_option = click.option(
    "--force",
    is_flag=True,
    help="出力先に kyogikai が書き出したものでないファイルがあっても上書きする。",
)
jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="同時に読むプロセス数（0: CPUの数）。",
)


def reading_options(command: Any) -> Any:
    """The options of every command that reads reports: settings, 点検日, password, jobs."""
    for option in (jobs_option, password_option, as_of_option, config_option):
        command = option(command)
    return command


def output_dir(help_text: str) -> Callable[[Any], Any]:
    """-o/--output: a folder to write into."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


def progress(
    paths: tuple[Path, ...], exclude: list[Path] | None = None
) -> Callable[[Iterator[FileResult]], Iterator[FileResult]]:
    """A progress bar on stderr when it is a terminal; quiet otherwise (and then the
    folders are not walked a second time just to count them)."""

    def watch(results: Iterator[FileResult]) -> Iterator[FileResult]:
        if not sys.stderr.isatty():
            yield from results
            return
        from toolkit.discover import discover

        total = sum(1 for _ in discover(paths, exclude or []))
        if total < 20:
            yield from results
            return
        with click.progressbar(length=total, label="読み取り中", file=sys.stderr) as bar:
            for result in results:
                bar.update(1)
                yield result

    return watch
