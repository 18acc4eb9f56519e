"""The ledger's own commands: `kyogikai ledger copy`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from toolkit.cli.group import Group, main
from toolkit.cli.options import LEDGER, LEDGER_HELP

if TYPE_CHECKING:
    from toolkit.ledgerurl import Location


@main.group(cls=Group)
def ledger() -> None:
    """台帳の管理（別の場所への移し替え）。"""


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
