"""Command line: parse arguments, call the library, render the result. click lives only here."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kyogikai")
def main() -> None:
    """交番・駐在所連絡協議会 開催結果報告書の様式配布・点検・集計ツール。"""
