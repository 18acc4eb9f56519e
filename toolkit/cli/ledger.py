"""The ledger's own commands: `kyogikai ledger repair` (and more beside it)."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.group import Group, main
from toolkit.cli.options import config_option, ledger_option


@main.group(cls=Group)
def ledger() -> None:
    """台帳そのものの手入れ（repair: 正しくない日付を直す）。"""


@ledger.command()
@ledger_option("直す台帳（SQLiteのファイル）", required=True)
@config_option
def repair(db: Path, config: Path | None) -> None:
    """台帳に記録された、ありえない日付（受付日・出力の作成日）を直す。

    以前の版で --as-of に 9999-12-31 などを指定して記録された日付を、その処理を実際に
    行った日に直します。直したものを1件ずつ表示します。ほかの記録は変えません。
    """
    from toolkit import jobs as J

    fixes = J.repair_dates(db)
    for fix in fixes:
        click.echo(f"{fix.what} {fix.found} → {fix.fixed}（{fix.subject}）")
    if fixes:
        click.echo(f"台帳「{db}」の日付を {len(fixes)}件直しました。")
    else:
        click.echo(f"台帳「{db}」に直す日付はありません。")
