"""HQ's commands: summary, retention, remind, roster."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from click.core import ParameterSource

from toolkit.cli.group import main
from toolkit.cli.options import (
    DATE,
    EXISTING,
    PATHS,
    config_option,
    force_option,
    from_workspace,
    layouts_option,
    ledger_option,
    output_dir,
    output_file,
    progress,
    reading_options,
    registry_option,
    workspace,
    workspace_root,
)
from toolkit.ledgerurl import Location


@main.command()
@click.argument("paths", nargs=-1, type=PATHS)
@ledger_option("台帳（PATH を指定したときは使いません）")
@click.option("--period", required=True, help="集計期間: 2026-10（月）または FY2026（年度）。")
@registry_option
@click.option("--station", help="この警察署の分だけ集計する（地域課から報告する場合）。")
@output_file("書き出す集計表（.xlsx）。")
@layouts_option
@reading_options
@force_option
def summary(
    paths: tuple[Path, ...],
    db: Location | None,
    period: str,
    registry: Path | None,
    station: str | None,
    out: Path,
    layouts: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
    force: bool,
) -> None:
    """月別・年度別の集計表（提出状況・年度実施状況・要望事項・検証結果・グラフ・受付簿）を作る。

    PATH（報告書のファイルやフォルダ）か --db（台帳）のどちらかを指定します。
    """
    from toolkit import jobs as J
    from toolkit.fiscal import parse_period

    span = parse_period(period)
    if paths and click.get_current_context().get_parameter_source("db") is ParameterSource.DEFAULT:
        db = None  # report files given: the working folder's ledger is not read
    options = J.reading_options(
        registry=registry, config=config, as_of=as_of, password=password, jobs=jobs,
        layouts=layouts,
    )  # fmt: skip
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
        force=force,
        workspace=workspace_root(),
    )
    source = done.tally.line() if done.tally is not None else f"台帳 {db}"
    click.echo(f"{span.label}: {source}。期間内の報告書 {done.meetings}件 — 集計表: {out}")


@main.command()
@ledger_option("台帳", required=True)
@click.option("--as-of", type=DATE, help="基準日（既定: 今日）。")
@click.option(
    "--apply",
    is_flag=True,
    help="一覧にしたもの（報告書の保管用の写しと記載内容、kyogikai の出力）を実際に削除する。",
)
@click.option(
    "--force",
    is_flag=True,
    help="未回答・対応中の要望が残る報告書と、集計表も削除する（既定では残します）。",
)
@config_option
def retention(
    db: Location, as_of: date | None, apply: bool, force: bool, config: Path | None
) -> None:
    """保存期間（1年、翌年度の4月1日から起算）を過ぎた報告書と出力を一覧にする（--apply で削除）。

    一覧に出たものだけを削除します。未回答・対応中の要望が残る報告書と、集計表は
    --force を付けなければ削除しません。ほかの作業フォルダの出力は削除しません。
    """
    from toolkit import jobs as J
    from toolkit.cli.printing import retention_lines
    from toolkit.settings import load_settings

    settings = load_settings(config, today=as_of)
    done = J.retention(db, settings, apply=apply, force=force, workspace=workspace_root())
    for line in retention_lines(done, settings.today):
        click.echo(line)
    if not done.complete:
        raise click.exceptions.Exit(3)


@main.command()
@ledger_option("台帳", required=True)
@click.option(
    "--registry",
    required=True,
    type=EXISTING,
    default=from_workspace("registry"),
    help="協議会名簿（年間計画のシートを含む。既定: kyogikai.toml の名簿）。",
)
@click.option("--as-of", type=DATE, help="基準日（既定: 今日）。")
@config_option
@output_dir("警察署ごとの一覧を書き出すフォルダ。")
@force_option
def remind(
    db: Location,
    registry: Path,
    as_of: date | None,
    config: Path | None,
    out_dir: Path,
    force: bool,
) -> None:
    """警察署ごとの督促・確認依頼（報告のない計画会議、再提出待ち、長期未回答の要望）を作る。

    1警察署1ブック（A4で印刷）を書き出します。
    """
    from toolkit import jobs as J
    from toolkit.settings import load_settings

    settings = load_settings(config, today=as_of)
    reg = J.load_registry(registry)
    assert reg is not None
    written = J.remind(db, reg, settings, out_dir, force=force, workspace=workspace_root())
    click.echo(f"{len(written)}警察署分の督促・確認依頼を {out_dir} に書き出しました。")


@main.command()
@click.option(
    "--registry",
    required=True,
    type=EXISTING,
    default=from_workspace("registry"),
    help="協議会名簿（協議会・委員のシート。既定: kyogikai.toml の名簿）。",
)
@click.option("--as-of", type=DATE, help="基準日（既定: 今日）。任期・在任年数はこの日で数えます。")
@click.option(
    "--json", "as_json", is_flag=True, help="指摘を1件1行のJSON Lines（協議会IDつき）で出力する。"
)
@config_option
@output_file(
    "書き出すブック（.xlsx）。作業フォルダでは省略すると出力フォルダの「委員名簿の点検.xlsx」、"
    "--json のときは省略できます。",
    required=False,
)
@force_option
def roster(
    registry: Path,
    as_of: date | None,
    as_json: bool,
    config: Path | None,
    out: Path | None,
    force: bool,
) -> None:
    """委員名簿を点検する（人数・コミュニティ・リーダー・任期・長期在任・幅広さ・運営責任者）。

    協議会ごとの構成、月別の任期満了（委嘱の準備）、長期在任の委員、指摘と根拠を
    1冊のブック（A4で印刷）にまとめます。
    """
    import json

    from toolkit import jobs as J
    from toolkit.settings import load_settings

    ws = workspace(click.get_current_context())
    if out is None and not as_json and ws is not None:
        out = ws.outputs / "委員名簿の点検.xlsx"
    if out is None and not as_json:
        raise click.UsageError(
            "-o で書き出すブックを指定してください（--json だけなら省略できます）。"
        )
    settings = load_settings(config, today=as_of)
    ledger = ws.ledger if ws is not None else None
    done = J.roster(registry, settings, out, force=force, ledger=ledger, workspace=workspace_root())
    for finding in done.findings if as_json else []:
        click.echo(json.dumps(finding.to_json(), ensure_ascii=False))
    click.echo(done.line(settings.today), err=as_json)
    if done.note is not None:
        click.echo(done.note, err=True)


@main.command()
@ledger_option("台帳", required=True)
@click.option(
    "--withdraw",
    metavar="ファイルかSHA",
    help="このファイルの報告書を取り下げる（集計に使わない）。パス、台帳にあるファイル名、"
    "SHA-256（先頭8文字以上）のどれかで指定します。",
)
@click.option(
    "--keep",
    metavar="ファイルかSHA",
    help="同じ会議の報告書が2件以上あるとき、このファイルの報告書を集計に使う。",
)
@click.option("--reason", required=True, help="理由（記録に残ります）。")
@click.option("--by", help="決めた人（既定: kyogikai.toml の担当、なければログイン名）。")
@config_option
def settle(
    db: Location,
    withdraw: str | None,
    keep: str | None,
    reason: str,
    by: str | None,
    config: Path | None,
) -> None:
    """台帳の報告書を取り下げる、または同じ会議の2件のどちらを集計に使うか決める（R7）。

    何も削除しません。誰が・いつ・なぜ決めたかを台帳に残し、このあと作る集計表・督促は
    この決定に従います。
    """
    from toolkit.cli.printing import settle_lines
    from toolkit.records import settle as settle_record
    from toolkit.settings import load_settings

    if (withdraw is None) == (keep is None):
        raise click.UsageError("--withdraw か --keep のどちらか一方を指定してください。")
    action, given = ("withdraw", withdraw) if withdraw is not None else ("keep", keep)
    assert given is not None
    done = settle_record(db, given, action, reason, load_settings(config), by)
    for line in settle_lines(done):
        click.echo(line)
