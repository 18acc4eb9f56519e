"""HQ's command for the layouts stations made of the form: layout (proofs, --confirm)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from toolkit.cli.group import main
from toolkit.cli.options import (
    PATHS,
    force_option,
    layouts_option,
    reading_options,
    workspace,
    workspace_root,
)


@main.command()
@click.argument("paths", nargs=-1, type=PATHS, metavar="パス...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="読取確認のブックを書き出すフォルダ。",
)
@click.option(
    "--confirm",
    "proof",
    type=click.Path(dir_okay=False, path_type=Path),
    help="確認して「正しいセル」を直した読取確認のブック。様式として登録します。",
)
@click.option("--by", help="確認した人の名前（既定: kyogikai.toml の operator かログイン名）。")
@layouts_option
@reading_options
@force_option
def layout(
    paths: tuple[Path, ...],
    out_dir: Path | None,
    proof: Path | None,
    by: str | None,
    layouts: Path | None,
    config: Path | None,
    as_of: date | None,
    password: str | None,
    jobs: int,
    force: bool,
) -> None:
    """確認していない様式の報告書から読取確認を作る。確認した読取確認を様式として登録する。

    kyogikai layout 報告書... -o フォルダ で、様式ごとに1つ、読み取った場所と値を示す
    読取確認（.xlsx）を作ります。地域指導係が開いて「正しいセル」を直し、
    kyogikai layout --confirm 読取確認.xlsx で登録すると、以後その様式の報告書は
    確認した場所から判断なしに読み取られます（登録先: 作業フォルダの「様式」か --layouts）。
    """
    from toolkit import jobs as J
    from toolkit.cli.printing import confirmed_lines, echo_wrapped, proof_lines

    if proof is not None:
        if paths or out_dir is not None:
            raise click.UsageError("--confirm には読取確認のブックだけを指定してください。")
        for line in confirmed_lines(J.confirm_layout(proof, layouts, by)):
            echo_wrapped(line)
        return
    if not paths or out_dir is None:
        raise click.UsageError(
            "報告書のパスと -o（読取確認を書き出すフォルダ）を指定してください。"
        )
    options = J.reading_options(
        config=config, as_of=as_of, password=password, jobs=jobs, layouts=layouts
    )
    # In a working folder the proofs are recorded in its ledger: they hold the stations'
    # sheets, which retention deletes with the rest when their period is over.
    ws = workspace(click.get_current_context())
    done = J.layout_proofs(
        paths, out_dir, options, force=force,
        ledger=ws.ledger if ws is not None else None, workspace=workspace_root(),
    )  # fmt: skip
    for line in proof_lines(done):
        echo_wrapped(line)
