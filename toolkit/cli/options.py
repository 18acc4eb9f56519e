"""Options and argument types the commands share, and the progress bar.

Options that name a file of HQ's working folder (`--registry`, `--db`, the folder of
reports) take their default from `kyogikai.toml` — found in the current folder, or given
with `--config`, which is read before the others (`is_eager`) — so that in the working
folder the monthly work needs no paths.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from toolkit.results import FileResult

if TYPE_CHECKING:
    from toolkit.config import Workspace
    from toolkit.render import Display


class DateType(click.ParamType):
    """A date typed as 2026-10-15, 2026/10/15 or 令和8年10月15日, within the days this
    program works on (`toolkit.clock`): 0001-01-01 or 9999-12-31 is refused, naming the
    option (exit 2)."""

    name = "日付"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from toolkit.normalize import parse_date

        parsed = parse_date(value)
        if parsed.value is None:
            self.fail(f"日付として読めません: 「{value}」（例: 2026-10-15）", param, ctx)
        from toolkit.clock import plausible_problem

        problem = plausible_problem(parsed.value)
        if problem is not None:
            self.fail(f"「{value}」: {problem}。", param, ctx)
        return parsed.value


DATE = DateType()


class LedgerType(click.ParamType):
    """A ledger: a file path (SQLite) or a PostgreSQL URL without a password."""

    name = "台帳"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from toolkit.errors import InputError
        from toolkit.ledgerurl import ServerURL, ledger_location

        if isinstance(value, (Path, ServerURL)):
            return value
        text = str(value)
        if not text.strip():
            self.fail("台帳のファイル名か PostgreSQL の URL を指定してください。", param, ctx)
        try:
            return ledger_location(text)
        except InputError as exc:
            self.fail(str(exc), param, ctx)


LEDGER = LedgerType()
EXISTING = click.Path(exists=True, path_type=Path)
PATHS = click.Path(path_type=Path)
PASSWORD_ENV = "KYOGIKAI_PASSWORD"

# --- the working folder --------------------------------------------------------------------

_WORKSPACE = "kyogikai.workspace"


def _find_workspace(ctx: click.Context, given: Path | None) -> Path | None:
    """The settings file (`given`, or the current folder's kyogikai.toml); its working
    folder is kept for the defaults of the other options."""
    from toolkit.config import find_config, load_workspace

    config = find_config(given)
    ctx.meta[_WORKSPACE] = load_workspace(config) if config is not None else None
    return config


def workspace(ctx: click.Context) -> Workspace | None:
    """The working folder of this run, or None."""
    if _WORKSPACE not in ctx.meta:  # a command without --config: the current folder's file
        _find_workspace(ctx, None)
    found: Workspace | None = ctx.meta[_WORKSPACE]
    return found


def workspace_root() -> Path | None:
    """The folder of this run's working folder (of its kyogikai.toml), or None."""
    found = workspace(click.get_current_context())
    return found.root if found is not None else None


def required_workspace(ctx: click.Context) -> Workspace:
    """The working folder of this run; a usage error (exit 2) when there is none."""
    found = workspace(ctx)
    if found is None:
        raise click.UsageError(
            "作業フォルダの設定ファイル kyogikai.toml が見つかりません。kyogikai init で"
            "作業フォルダを作ってそのフォルダで実行するか、--config で kyogikai.toml を指定してください。"
        )
    return found


def from_workspace(key: str, *, many: bool = False, existing: bool = False) -> Callable[[], Any]:
    """A default taken from the working folder (`Workspace.<key>`), when there is one
    (with `existing`, only when that file exists: an optional file)."""

    def default() -> Any:
        found = workspace(click.get_current_context())
        if found is None:
            return None
        value = getattr(found, key)
        if existing and not Path(value).is_file():
            return None
        return (value,) if many else value

    return default


def _config_callback(ctx: click.Context, _: click.Parameter, value: Path | None) -> Path | None:
    return _find_workspace(ctx, value)


config_option = click.option(
    "--config",
    type=EXISTING,
    is_eager=True,  # read first: the other options take their defaults from it
    callback=_config_callback,
    help="設定ファイル（TOML）。指定しなければ、今いるフォルダの kyogikai.toml を使います。",
)
registry_option = click.option(
    "--registry",
    type=EXISTING,
    default=from_workspace("registry"),
    help="協議会名簿（協議会・委員・期間設定のシート）のブック（既定: kyogikai.toml の名簿）。",
)

layouts_option = click.option(
    "--layouts",
    type=click.Path(file_okay=False, path_type=Path),
    default=from_workspace("layouts"),
    help="確認済みの様式のフォルダ（既定: kyogikai.toml の様式のフォルダ）。",
)


LEDGER_HELP = (
    "SQLite のファイルか、サーバーの台帳の URL（postgresql://ユーザー@サーバー/データベース。"
    "パスワードは URL に書かず、環境変数 PGPASSWORD かパスワードファイルに）"
)


def ledger_option(help_text: str, **kwargs: Any) -> Callable[[Any], Any]:
    """--db: the ledger, a file or a server URL (default: the working folder's)."""
    return click.option(
        "--db",
        type=LEDGER,
        default=from_workspace("ledger"),
        help=f"{help_text}: {LEDGER_HELP}（既定: kyogikai.toml の台帳）",
        **kwargs,
    )


def reports_argument(*, required: bool) -> Callable[[Any], Any]:
    """PATH...: report files or folders (default: the working folder's incoming folder).

    The default is filled in by a callback rather than `default=`: click 8.2.0 (the
    declared floor) refuses a default for `nargs=-1`."""

    def callback(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> Any:
        if value:
            return value
        found = workspace(ctx)
        if found is not None:
            return (found.incoming,)
        if required:
            raise click.MissingParameter(ctx=ctx, param=param)
        return value

    return click.argument(
        "paths", nargs=-1, required=False, type=PATHS, metavar="パス...", callback=callback
    )


as_of_option = click.option("--as-of", type=DATE, help="点検日（既定: 今日）。")
password_option = click.option(
    "--password",
    envvar=PASSWORD_ENV,
    help=(
        f"パスワード付きのブックを開くパスワード（メモリ上で復号します）。環境変数 {PASSWORD_ENV}"
        " でも指定できます。コマンドラインに書いたパスワードは同じパソコンの利用者から"
        "プロセスの一覧で見えるため、--password-prompt か環境変数を使ってください。"
    ),
)
password_prompt_option = click.option(
    "--password-prompt", is_flag=True, help="パスワードを、画面に表示せずに入力する。"
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
    help=(
        "同時に読むプロセス数（0: CPUの数）。Windows で一度に待てる数（プロセス31個分）を"
        "超えても、待ち合わせを分けて行うため指定どおりに動きます。"
    ),
)


def _merged(
    command: Callable[..., Any], name: str, merge: Callable[..., Any], *options: Any
) -> Any:
    """`command` with `options` added, their values handed over as the one argument `name`
    that `merge` makes of them (called with the options' parameter names as keywords)."""
    wanted: set[str] = set()

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {k: kwargs.pop(k) for k in list(kwargs) if k in wanted}
        kwargs[name] = merge(**given)
        return command(*args, **kwargs)

    added: Any = wrapper
    for option in reversed(options):
        before = len(getattr(added, "__click_params__", []))
        added = option(added)
        wanted.update(p.name for p in added.__click_params__[before:] if p.name)
    return added


def _password(password: str | None, password_prompt: bool) -> str | None:
    """The password: asked for without echo with --password-prompt (from a terminal, or
    one line of piped input), else --password or KYOGIKAI_PASSWORD."""
    if not password_prompt:
        return password
    import getpass

    from toolkit.errors import InputError

    no_input = InputError(
        "--password-prompt でパスワードを入力できませんでした（入力する端末も、パイプからの"
        f"入力もありません）。環境変数 {PASSWORD_ENV} にパスワードを設定して実行してください。"
    )
    try:
        if sys.stdin is None:  # no console at all (pythonw, a scheduled task)
            raise EOFError
        if sys.stdin.isatty():
            typed = getpass.getpass("パスワード: ", stream=sys.stderr)
        else:
            # Piped: one line, read here; getpass would warn in English that it may be
            # echoed, where there is no screen to echo it to.
            click.echo("パスワード: ", err=True)
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            typed = line.rstrip("\r\n")
    except (EOFError, OSError, ValueError):
        raise no_input from None
    if not typed:
        raise InputError(
            "パスワードが入力されませんでした。パスワードを入力するか、--password-prompt を"
            "付けずに実行してください。"
        )
    return str(typed)


def reading_options(command: Any) -> Any:
    """The options of every command that reads reports: settings, 点検日, password
    (--password, KYOGIKAI_PASSWORD or --password-prompt; the command gets `password`), jobs."""
    command = _merged(command, "password", _password, password_option, password_prompt_option)
    for option in (jobs_option, as_of_option, config_option):
        command = option(command)
    return command


def _display(show_all: bool, quiet: bool, verbose: bool) -> Display:
    from toolkit.render import NORMAL, QUIET, VERBOSE, Display

    if quiet and (verbose or show_all):
        raise click.UsageError("--quiet は --verbose や --all と一緒には指定できません。")
    return Display(every=show_all, level=QUIET if quiet else VERBOSE if verbose else NORMAL)


def display_options(command: Any) -> Any:
    """--all, --quiet, --verbose: how much the terminal shows (the command gets `display`)."""
    return _merged(
        command,
        "display",
        _display,
        click.option(
            "--all", "show_all", is_flag=True, help="問題のない報告書も含めて、すべて表示する。"
        ),
        click.option(
            "-q", "--quiet", is_flag=True, help="最後の集計の行（とエラー）だけを表示する。"
        ),
        click.option(
            "-v", "--verbose", is_flag=True, help="読み飛ばしたシートや読み取りの注意も表示する。"
        ),
    )


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


def output_file(help_text: str, *, required: bool = True) -> Callable[[Any], Any]:
    """-o/--output: a workbook to write."""
    return click.option(
        "-o",
        "--output",
        "out",
        required=required,
        type=click.Path(dir_okay=False, path_type=Path),
        help=help_text,
    )


def progress(
    paths: tuple[Path, ...], exclude: list[Path] | None = None, *, quiet: bool = False
) -> Callable[[Iterator[FileResult]], Iterator[FileResult]]:
    """A progress bar on stderr when it is a terminal; none otherwise or when `quiet` (and
    then the folders are not walked a second time just to count them)."""

    def watch(results: Iterator[FileResult]) -> Iterator[FileResult]:
        if quiet or not sys.stderr.isatty():
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
