"""The `kyogikai` command group, and how a run that cannot go on ends.

A `KyogikaiError` becomes its Japanese message on stderr and its exit status (2 for input
the user can fix, 3 for the machine or a file standing in the way); Ctrl-C ends with 130
and a Japanese line; anything else is a bug, reported in one Japanese line with its
technical text (set KYOGIKAI_DEBUG=1 to see the traceback), exit 3. Never a traceback.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import click

from toolkit.cli.console import attached
from toolkit.cli.japanese import HelpContext, gettext, install
from toolkit.errors import KyogikaiError, os_error_text
from toolkit.ledgerurl import database_error
from toolkit.text import display_width, wrap

INTERRUPTED = 130
OPTIONS_METAVAR = "[オプション]"

install()  # click's own texts (help headings, option errors) in Japanese


class Command(click.Command):
    """click's command, its help in Japanese."""

    context_class = HelpContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """click's group, with the toolkit's errors turned into messages and exit statuses."""

    command_class = Command
    context_class = HelpContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", "コマンド [引数]...")
        super().__init__(*args, **kwargs)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line with the standard streams made safe (`console`)."""
        with attached(args):
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KyogikaiError as exc:
            for line in _fitted(str(exc)):
                click.echo(line, err=True)
            raise click.exceptions.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            click.echo("\n中断しました（Ctrl-C）。途中までの出力は保存していません。", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None
        except click.ClickException as exc:
            if exc.format_message() == exc.message:  # a message of ours: fit it after エラー:
                prefix = display_width(gettext("Error: {message}").format(message=""))
                fitted = "\n".join(_fitted(exc.message, indent=prefix))[prefix:]
                # The same exception (its exit code, its usage line), only fitted to the
                # terminal: click 8.5 types `message` as Final, so it is set as an attribute.
                setattr(exc, "message", fitted)  # noqa: B010
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:  # a file or the disk stood in the way of the command
            click.echo(os_error_text(exc), err=True)
            raise click.exceptions.Exit(3) from None
        except Exception as exc:
            text = database_error(exc)
            if text is not None:  # the ledger's database stood in the way
                click.echo(text, err=True)
                raise click.exceptions.Exit(3) from None
            if os.environ.get("KYOGIKAI_DEBUG"):
                raise
            detail = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
            click.echo(
                "予期しないエラーのため処理を中止しました（プログラムの不具合の可能性があります）。"
                f"\n技術情報: {detail}"
                "\n環境変数 KYOGIKAI_DEBUG=1 を設定して再実行すると詳細が表示されます。",
                err=True,
            )
            raise click.exceptions.Exit(3) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kyogikai")
def main() -> None:
    """交番・駐在所連絡協議会 開催結果報告書の様式配布・点検・集計ツール。

    様式（template）を配り、届いた報告書を点検し（check）、台帳に取り込み（ingest）、
    月別・年度別の集計表を作ります（summary）。作業フォルダ（kyogikai init）では、
    kyogikai month 2026-10 の1回で1か月分の仕事をまとめて行います。
    """


MIN_WIDTH = 40


def terminal_width(*, err: bool = False) -> int | None:
    """Columns to fit the output into: the COLUMNS variable when set, else the terminal's
    width; None (lines not broken) when the output goes to a file or a pipe. One column is
    kept free: a console that wraps at its last column would otherwise add empty lines."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns) - 1, MIN_WIDTH)
    stream = sys.stderr if err else sys.stdout  # None under pythonw on Windows
    if stream is None or not stream.isatty():
        return None
    return max(shutil.get_terminal_size().columns - 1, MIN_WIDTH)


def _fitted(message: str, *, indent: int = 0) -> list[str]:
    """An error message broken at the width of the terminal's error output."""
    width = terminal_width(err=True)
    return [line for part in message.split("\n") for line in wrap(part, width, indent=indent)]
