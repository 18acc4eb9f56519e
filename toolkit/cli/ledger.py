"""The ledger's own commands: `kyogikai ledger repair` and `kyogikai ledger copy`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.group import Group, main
from toolkit.cli.options import LEDGER, LEDGER_HELP, config_option, ledger_option

if TYPE_CHECKING:
    from toolkit.ledgerurl import Location


@main.group(cls=Group)
def ledger() -> None:
    """台帳そのものの手入れ（repair: 正しくない日付を直す、copy: 別の台帳へ移す）。"""


@ledger.command()
@ledger_option("直す台帳", required=True)
@config_option
def repair(db: Location, config: Path | None) -> None:
    """台帳に記録された、ありえない日付（受付日・出力の作成日）を直す。

    以前の版で --as-of に 9999-12-31 などを指定して記録された日付を、その処理を実際に
    行った日に直します。直したものを1件ずつ表示します。ほかの記録は変えません。
    """
    from toolkit import jobs as J
    from toolkit.ledgerurl import masked

    fixes = J.repair_dates(db)
    for fix in fixes:
        click.echo(f"{fix.what} {fix.found} → {fix.fixed}（{fix.subject}）")
    if fixes:
        click.echo(f"台帳「{masked(str(db))}」の日付を {len(fixes)}件直しました。")
    else:
        click.echo(f"台帳「{masked(str(db))}」に直す日付はありません。")


COPY_HELP = f"""台帳を、すべての記録と保管用の写しごと別の台帳にコピーする。

1台のパソコンの台帳（SQLite のファイル）からサーバーの台帳（PostgreSQL）へ、またはその逆に
移すときに使います。コピー元・コピー先には {LEDGER_HELP} を指定します。コピー先は新しい台帳
（存在しないファイル名か空のデータベース）に限ります。コピー元の記録は変えません（古い版の台帳は、
ほかのコマンドと同じく、開くときに今の版に更新します）。
"""


@ledger.command(help=COPY_HELP)
@click.argument("source", metavar="コピー元", type=LEDGER)
@click.argument("target", metavar="コピー先", type=LEDGER)
def copy(source: Location, target: Location) -> None:
    from toolkit.ledger import copy_ledger

    done = copy_ledger(source, target)
    rows = sum(done.rows.values())
    click.echo(
        f"台帳をコピーしました: {done.source} → {done.target}"
        f"（取り込み {done.rows.get('runs', 0)}回、報告書 {done.rows.get('reports', 0)}件、"
        f"行 {rows}、保管用の写し {done.files}件）"
    )
    for name in done.missing:
        click.echo(f"コピー元の保管フォルダに写しがありませんでした: {name}", err=True)
