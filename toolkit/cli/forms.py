"""Commands that write forms and examples: template, samples."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.group import main
from toolkit.cli.options import output_dir, registry_option


@main.command()
@registry_option
@click.option("--station", help="この警察署の協議会の分だけ作る。")
@output_dir("書き出すフォルダ。")
def template(registry: Path | None, station: str | None, out_dir: Path) -> None:
    """白紙の報告書様式を作る（名簿があれば協議会ごとに所属・施設名・協議会名を記入済みで）。"""
    from toolkit import jobs as J

    reg = J.load_registry(registry)
    written = J.templates(out_dir, reg, station)
    if reg is None:
        click.echo(f"書き出しました: {written[0]}")
    else:
        click.echo(f"{len(written)}協議会分の様式を {out_dir} に書き出しました。")


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
@registry_option
def samples(out_dir: Path, count: int, seed: int, mistakes: float, registry: Path | None) -> None:
    """架空の県の協議会名簿と、記入済みの報告書の見本を作る。"""
    from toolkit import jobs as J

    reg = J.load_registry(registry)
    written = J.samples(out_dir, count=count, seed=seed, mistakes=mistakes, registry=reg)
    click.echo(f"報告書 {written}件と協議会名簿を {out_dir} に書き出しました。")
