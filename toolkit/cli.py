"""Command line: parse arguments, call the library, render the result. click lives only here.

Commands import what they need inside their body, so `kyogikai --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from toolkit.check import FileResult, Options
    from toolkit.registry import Registry


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kyogikai")
def main() -> None:
    """交番・駐在所連絡協議会 開催結果報告書の様式配布・点検・集計ツール。

    様式（template）を配り、届いた報告書を点検し（check）、台帳に取り込み（ingest）、
    月別・年度別の集計表を作ります（summary）。
    """


# --- shared helpers ---------------------------------------------------------------------


def _load_registry(path: Path | None) -> Registry | None:
    if path is None:
        return None
    from toolkit.excel.registry_io import read_registry
    from toolkit.registry import RegistryError

    try:
        return read_registry(path)
    except RegistryError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        raise click.exceptions.Exit(2) from None


def _options(
    registry: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
) -> Options:
    from toolkit.check import Options
    from toolkit.rules import Context
    from toolkit.settings import SettingsError, load_settings

    try:
        settings = load_settings(config, today=as_of)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None
    context = Context(settings, _load_registry(registry))
    return Options(context, password=password, jobs=jobs)


def _progress(
    results: Iterator[FileResult], paths: tuple[Path, ...], exclude: list[Path] | None = None
) -> Iterator[FileResult]:
    """A bar on stderr when it is a terminal; quiet otherwise (and then the folders are not
    walked a second time just to count them)."""
    if not sys.stderr.isatty():
        yield from results
        return
    from toolkit.check import discover

    total = sum(1 for _ in discover(paths, exclude or []))
    if total < 20:
        yield from results
        return
    with click.progressbar(length=total, label="読み取り中", file=sys.stderr) as bar:
        for result in results:
            bar.update(1)
            yield result


registry_option = click.option(
    "--registry", type=EXISTING, help="協議会名簿（協議会・委員・期間設定のシート）のブック。"
)
config_option = click.option("--config", type=EXISTING, help="規則の設定ファイル（TOML）。")
as_of_option = click.option("--as-of", type=DATE, help="点検日（既定: 今日）。")
password_option = click.option(
    "--password", help="パスワード付きのブックを開くパスワード（メモリ上で復号します）。"
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


# --- check ------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@registry_option
@click.option("--json", "as_json", is_flag=True, help="1報告書1行のJSON Linesで出力する。")
@click.option(
    "--feedback-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="指摘のあったブックの写し（該当セルに色とコメント）を書き出すフォルダ。",
)
@reading_options
def check(
    paths: tuple[Path, ...],
    registry: Path | None,
    as_json: bool,
    feedback_dir: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
) -> None:
    """報告書を点検する（PATH はファイルまたはフォルダ）。

    誤りや読めないファイルがあれば終了コード1、なければ0。
    """
    from toolkit.check import Tally, check_paths
    from toolkit.render import StationView

    options = _options(registry, config, as_of, password, jobs)
    view = StationView()
    tally = Tally()
    writer = _feedback_writer(feedback_dir, options)
    exclude = [feedback_dir] if feedback_dir is not None else []
    results = tally.watch(check_paths(paths, options, exclude))
    if not as_json:
        results = _progress(results, paths, exclude)
    for result in results:
        for checked in result.reports:
            if as_json:
                click.echo(json.dumps(checked.to_json(), ensure_ascii=False))
        if as_json:
            for sheet, reason in result.skipped:
                click.echo(f"{result.path}「{sheet}」: {reason}", err=True)
            for note in result.notes:
                click.echo(f"{result.path}: {note}", err=True)
        else:
            view.add(result)
        if writer is not None:
            writer(result)
    if as_json:
        click.echo(tally.line(), err=True)
    else:
        for line in view.lines():
            click.echo(line)
    if tally.failed:
        raise click.exceptions.Exit(1)


def _feedback_writer(feedback_dir: Path | None, options: Options) -> Any:
    if feedback_dir is None:
        return None
    from toolkit.excel.feedback import FeedbackError, write_feedback

    def write(result: FileResult) -> None:
        try:
            out = write_feedback(result, feedback_dir, password=options.password)
        except (FeedbackError, OSError) as exc:
            click.echo(f"確認用の写しを書けません（{result.path}）: {exc}", err=True)
            return
        if out is not None:
            click.echo(f"確認用の写し: {out}", err=True)

    return write


# --- template ---------------------------------------------------------------------------


@main.command()
@registry_option
@click.option("--station", help="この警察署の協議会の分だけ作る。")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="書き出すフォルダ。",
)
def template(registry: Path | None, station: str | None, out_dir: Path) -> None:
    """白紙の報告書様式を作る（名簿があれば協議会ごとに所属・施設名・協議会名を記入済みで）。"""
    from toolkit.excel.template import BLANK_NAME, Prefill, template_path_for, write_template
    from toolkit.rules.registry import same_name

    reg = _load_registry(registry)
    if reg is None:
        if station:
            raise click.UsageError("--station は --registry と一緒に指定してください。")
        _write(lambda: write_template(out_dir / BLANK_NAME), out_dir / BLANK_NAME)
        return
    councils = list(reg.councils)
    if station:
        councils = [c for c in councils if same_name(c.station, station)]
        if not councils:
            known = "、".join(reg.stations())
            raise click.UsageError(
                f"警察署「{station}」は名簿にありません（名簿の警察署: {known}）。"
            )
    for c in councils:
        path = template_path_for(out_dir, c.station, c.facility_name, c.name)
        prefill = Prefill(c.council_id, c.station, c.facility_name, c.name)
        _write(lambda p=path, f=prefill: write_template(p, f), path, quiet=True)
    click.echo(f"{len(councils)}協議会分の様式を {out_dir} に書き出しました。")


def _write(action: Any, path: Path, quiet: bool = False) -> None:
    try:
        action()
    except OSError as exc:
        click.echo(f"「{path}」を書き出せません: {exc.strerror or exc}", err=True)
        raise click.exceptions.Exit(1) from None
    if not quiet:
        click.echo(f"書き出しました: {path}")


# --- samples ----------------------------------------------------------------------------


@main.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="書き出すフォルダ。",
)
@click.option(
    "--count", type=click.IntRange(min=1), default=80, show_default=True, help="報告書の件数。"
)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="乱数の種（同じ種なら同じ内容）。"
)
@click.option(
    "--mistakes",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="記入誤りを1つ含める報告書の割合（0〜1）。",
)
@registry_option
def samples(out_dir: Path, count: int, seed: int, mistakes: float, registry: Path | None) -> None:
    """架空の県の協議会名簿と、記入済みの報告書の見本を作る。"""
    from toolkit.sample_files import write_samples

    reg = _load_registry(registry)
    try:
        written = write_samples(out_dir, count=count, seed=seed, mistakes=mistakes, registry=reg)
    except OSError as exc:
        click.echo(f"「{out_dir}」に書き出せません: {exc.strerror or exc}", err=True)
        raise click.exceptions.Exit(1) from None
    click.echo(f"報告書 {written}件と協議会名簿を {out_dir} に書き出しました。")


# --- ingest -----------------------------------------------------------------------------

db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="台帳（SQLiteのファイル）。"
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="取り込み先の台帳（SQLiteのファイル。なければ作ります）。",
)
@registry_option
@reading_options
def ingest(
    paths: tuple[Path, ...],
    db: Path,
    registry: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
) -> None:
    """報告書を点検して台帳に取り込む（同じファイルは二重に取り込みません）。

    誤りや読めないファイルがあれば終了コード1、なければ0。
    """
    from toolkit.check import Tally, check_paths
    from toolkit.ledger import Ledger, LedgerError

    options = _options(registry, config, as_of, password, jobs)
    tally = Tally()
    try:
        with Ledger.open(db) as ledger:
            options = replace(options, archive=ledger.archive)
            results = _progress(tally.watch(check_paths(paths, options)), paths)
            stats = ledger.ingest(results, context=options.context)
    except LedgerError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(1) from None
    click.echo(
        f"{tally.line()}。台帳に新しいファイル {stats.new_files}件、"
        f"同一ファイル {stats.identical}件、差し替え {stats.superseded}件 — {db}"
    )
    for path in stats.not_archived:
        click.echo(f"保管用の写しを作れませんでした（点検後に変更または削除）: {path}", err=True)
    if tally.failed:
        raise click.exceptions.Exit(1)


# --- summary ----------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--period", required=True, help="集計期間: 2026-10（月）または FY2026（年度）。")
@registry_option
@click.option("--station", help="この警察署の分だけ集計する（地域課から報告する場合）。")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="書き出す集計表（.xlsx）。",
)
@reading_options
def summary(
    paths: tuple[Path, ...],
    db: Path | None,
    period: str,
    registry: Path | None,
    station: str | None,
    out: Path,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
) -> None:
    """月別・年度別の集計表（提出状況・年度実施状況・要望事項・検証結果・グラフ）を作る。

    PATH（報告書のファイルやフォルダ）か --db（台帳）のどちらかを指定します。
    """
    from toolkit.aggregate import build_summary, parse_period
    from toolkit.check import Tally, check_paths
    from toolkit.excel.summary import SummaryWriteError, write_summary
    from toolkit.ledger import Ledger, LedgerError

    if bool(paths) == (db is not None):
        raise click.UsageError("報告書のフォルダ（PATH）か --db のどちらか一方を指定してください。")
    try:
        span = parse_period(period)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if db is not None and not db.exists():
        raise click.UsageError(f"台帳「{db}」がありません。先に kyogikai ingest で作ってください。")
    options = _options(registry, config, as_of, password, jobs)
    tally = Tally()
    try:
        ledger = Ledger.open(db) if db is not None else Ledger.memory()
        with ledger:
            if paths:
                results = _progress(tally.watch(check_paths(paths, options)), paths)
                ledger.ingest(results, context=options.context, command="summary")
            table = build_summary(
                ledger,
                span,
                registry=options.context.registry,
                station=station,
                settings=options.context.settings,
            )
    except LedgerError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(1) from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    inputs = [*paths, *(p for p in (db, registry, config) if p is not None)]
    try:
        write_summary(table, out, inputs=inputs)
    except (SummaryWriteError, OSError) as exc:
        click.echo(f"集計表を書き出せません: {exc}", err=True)
        raise click.exceptions.Exit(1) from None
    source = tally.line() if paths else f"台帳 {db}"
    click.echo(f"{span.label}: {source}。期間内の報告書 {len(table.meetings)}件 — 集計表: {out}")


# --- retention --------------------------------------------------------------------------


@main.command()
@click.option(
    "--db",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="台帳（SQLiteのファイル）。",
)
@click.option("--as-of", type=DATE, help="基準日（既定: 今日）。")
@click.option(
    "--apply", is_flag=True, help="保存期間を過ぎた報告書の保管用の写しを実際に削除する。"
)
@config_option
def retention(db: Path, as_of: date | None, apply: bool, config: Path | None) -> None:
    """保存期間（1年、翌年度の4月1日から起算）を過ぎた報告書を一覧にする（--apply で削除）。"""
    from toolkit.ledger import Ledger, LedgerError
    from toolkit.normalize import wareki
    from toolkit.settings import SettingsError, load_settings

    try:
        settings = load_settings(config, today=as_of)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        with Ledger.open(db) as ledger:
            expired = ledger.expired(settings.today, settings.retention_years)
            for e in expired:
                held = wareki(e.meeting_date) if e.meeting_date else "開催日不明"
                sheet = f"「{e.sheet}」" if e.sheet else ""
                click.echo(f"{held}  保存期限 {wareki(e.keep_until)}  {e.path}{sheet}")
            if not apply:
                click.echo(
                    f"保存期間を過ぎた報告書 {len(expired)}件（{wareki(settings.today)}現在）。"
                    "削除するには --apply を付けて実行してください。"
                )
                return
            removed = ledger.purge(expired, settings.today)
    except LedgerError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(1) from None
    click.echo(
        f"保存期間を過ぎた報告書 {len(expired)}件の保管用の写しと記載内容を削除し、"
        f"台帳に記録しました（処理 {removed}件）。"
    )
