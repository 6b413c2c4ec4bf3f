"""The click group and the options every command shares. Commands live in
one module per concern (ingest_cmds, extract_cmds, ...) and register here."""
from __future__ import annotations

import logging
import sys

import click

from sitroom import __version__

db_option = click.option(
    "--db", envvar="SITROOM_DB", default=None, metavar="DB",
    help="DuckDB file or postgresql:// URL (default ./sitroom.duckdb, or $SITROOM_DB).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Hide progress bars.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitroom")
@click.option("-v", "--verbose", count=True, help="More log output on stderr.")
def main(verbose: int) -> None:
    """sitroom: conflict news in, a trustworthy event database and situation reports out."""
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING - 10 * min(verbose, 2),
        format="%(levelname)s %(name)s: %(message)s",
    )


def error(msg: str) -> None:
    """One line on stderr, never on stdout (stdout is for data)."""
    click.echo(f"error: {msg}", err=True)
