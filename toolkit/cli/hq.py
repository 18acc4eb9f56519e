"""HQ's commands on the ledger: summary, retention."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from toolkit.cli.group import main
from toolkit.cli.options import (
    DATE,
    PATHS,
    config_option,
    progress,
    reading_options,
    registry_option,
)


@main.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="台帳（SQLiteのファイル）。"
)
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
    from toolkit import jobs as J
    from toolkit.fiscal import parse_period

    span = parse_period(period)
    options = J.reading_options(
        registry=registry, config=config, as_of=as_of, password=password, jobs=jobs
    )
    inputs = [p for p in (registry, config) if p is not None]
    done = J.summary(
        paths=paths,
        db=db,
        period=span,
        out=out,
        options=options,
        station=station,
        inputs=inputs,
        watch=progress(paths),
    )
    source = done.tally.line() if done.tally is not None else f"台帳 {db}"
    click.echo(f"{span.label}: {source}。期間内の報告書 {done.meetings}件 — 集計表: {out}")


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
    from toolkit import jobs as J
    from toolkit.era import wareki
    from toolkit.settings import load_settings

    settings = load_settings(config, today=as_of)
    done = J.retention(db, settings, apply=apply)
    for e in done.expired:
        held = wareki(e.meeting_date) if e.meeting_date else "開催日不明"
        sheet = f"「{e.sheet}」" if e.sheet else ""
        click.echo(f"{held}  保存期限 {wareki(e.keep_until)}  {e.path}{sheet}")
    if not done.applied:
        click.echo(
            f"保存期間を過ぎた報告書 {len(done.expired)}件（{wareki(settings.today)}現在）。"
            "削除するには --apply を付けて実行してください。"
        )
        return
    click.echo(
        f"保存期間を過ぎた報告書 {len(done.expired)}件の保管用の写しと記載内容を削除し、"
        f"台帳に記録しました（処理 {done.removed}件）。"
    )
