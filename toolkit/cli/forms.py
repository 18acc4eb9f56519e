"""Commands that write forms and examples: template, samples."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from toolkit.cli.group import main
from toolkit.cli.options import (
    EXISTING,
    PATHS,
    force_option,
    from_workspace,
    output_dir,
    output_file,
    registry_option,
)


@main.command()
@registry_option
@click.option("--station", help="この警察署の協議会の分だけ作る。")
@click.option("--plan", "plan_forms", is_flag=True, help="年間計画の様式を警察署ごとに作る。")
@click.option("--year", help="年間計画の年度（例: FY2026、令和8年度。既定: 今年度）。")
@output_dir("書き出すフォルダ。")
@force_option
def template(
    registry: Path | None,
    station: str | None,
    plan_forms: bool,
    year: str | None,
    out_dir: Path,
    force: bool,
) -> None:
    """報告書の様式を作る（名簿があれば協議会ごとに所属・施設名・協議会名を記入済みで）。

    --plan を付けると、警察署ごとの年間計画の様式（4月～3月に定・臨を選ぶ表）を作ります。
    """
    from toolkit import jobs as J
    from toolkit import plans as P

    reg = J.load_registry(registry)
    if plan_forms:
        fiscal_year = P.fiscal_year_of(year)
        if reg is None:
            raise click.UsageError("--plan は --registry と一緒に指定してください。")
        written = P.plan_forms(out_dir, reg, fiscal_year, station, date.today(), force=force)
        click.echo(f"{len(written)}警察署分の年間計画の様式を {out_dir} に書き出しました。")
        return
    written = J.templates(out_dir, reg, station, force=force)
    if reg is None:
        click.echo(f"書き出しました: {written[0]}")
    else:
        click.echo(f"{len(written)}協議会分の様式を {out_dir} に書き出しました。")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=PATHS)
@click.option(
    "--registry",
    required=True,
    type=EXISTING,
    default=from_workspace("registry"),
    help="元の協議会名簿（書き換えません。既定: kyogikai.toml の名簿）。",
)
@output_file("年間計画を入れた新しい協議会名簿（.xlsx）。")
@force_option
def plan(paths: tuple[Path, ...], registry: Path, out: Path, force: bool) -> None:
    """記入済みの年間計画の様式を集めて、年間計画を入れた新しい協議会名簿を作る。

    同じ協議会が複数の様式にあるときは、すべての予定を入れ、様式によって違う協議会を示します。
    """
    from toolkit import plans as P

    done = P.merge_plans(paths, registry, out, force=force)
    for problem in done.problems:
        click.echo(f"読み取れなかった箇所: {problem}", err=True)
    for conflict in done.conflicts:
        click.echo(f"確かめてください: {conflict}", err=True)
    for notice in done.notices:
        click.echo(f"確認してください: {notice}", err=True)
    click.echo(
        f"年間計画の様式 {done.forms}件から、計画 {done.planned}件を入れた名簿を書き出しました:"
        f" {done.written}"
    )
    if done.problems or done.conflicts:
        raise click.exceptions.Exit(1)


@main.command()
@output_dir("書き出すフォルダ。")
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
@click.option(
    "--registry", type=EXISTING, help="この協議会名簿の協議会の見本を作る（既定: 架空の県の名簿）。"
)
@force_option
def samples(
    out_dir: Path, count: int, seed: int, mistakes: float, registry: Path | None, force: bool
) -> None:
    """架空の県の協議会名簿と、記入済みの報告書の見本を作る。"""
    from toolkit import jobs as J

    reg = J.load_registry(registry)
    written = J.samples(
        out_dir, count=count, seed=seed, mistakes=mistakes, registry=reg, force=force
    )
    click.echo(f"報告書 {written}件と協議会名簿を {out_dir} に書き出しました。")
