"""`sitroom ingest`, `sitroom show`, `sitroom export`: thin layers over sitroom.api and sitroom.store."""
from __future__ import annotations

import json
import re
import sys

import click

from sitroom.cli.app import db_option, error, main, quiet_option
from sitroom.errors import SitroomError


def _check_date(ctx, param, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter("expected YYYY-MM-DD")
    return value


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@quiet_option
@click.option("--no-extract", is_flag=True, help="Store articles only; do not extract events.")
@click.option("--csv-map", default=None, metavar="FIELD=COLUMN,...",
              help="CSV columns for the fields, e.g. text=body,title=headline,published=date.")
@click.option("--published", default=None, callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that carry none.")
@click.option("--allow-private", is_flag=True, help="Let URL inputs reach private/loopback addresses.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run cleaning and extraction in this process, or on a Dask cluster.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --engine dask: an existing Dask scheduler (default: start a LocalCluster).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 256),
              help="With --engine dask and no --scheduler: worker processes of the LocalCluster.")
def ingest(paths: tuple[str, ...], db: str | None, quiet: bool, no_extract: bool, csv_map: str | None,
           published: str | None, allow_private: bool, engine: str, scheduler: str | None,
           workers: int) -> None:
    """Read, clean, dedupe and store articles from files, directories, feeds or URLs.

    PATH may be a .txt or .html page, .jsonl, .csv/.tsv, .warc/.warc.gz, an
    RSS/Atom feed, a directory (read recursively) or an http(s) URL. Running
    it twice on the same input adds nothing. Exit status 1 if any input failed.
    """
    from tqdm import tqdm

    import sitroom.api as api
    from sitroom.ingest.csv_reader import parse_csv_map

    try:
        mapping = parse_csv_map(csv_map)
    except SitroomError as exc:
        raise click.BadParameter(getattr(exc, "problem", str(exc)), param_hint="--csv-map") from None
    options = {"csv_map": mapping, "allow_private": allow_private}
    if published:
        options["published"] = published
    if engine == "dask":
        from sitroom.scale import ingest_distributed

        try:
            report = ingest_distributed(list(paths), db, scheduler=scheduler, workers=workers, quiet=quiet,
                                        extract_events=not no_extract, **options)
        except SitroomError as exc:
            error(str(exc))
            sys.exit(2)
    else:
        with tqdm(desc="ingest", unit="doc", file=sys.stderr, disable=quiet, leave=False) as bar:
            try:
                report = api.ingest(list(paths), db=db, extract_events=not no_extract, progress=bar.update,
                                    **options)
            except SitroomError as exc:
                bar.close()
                error(str(exc))
                sys.exit(2)
    for problem in report.errors:
        error(str(problem))
    click.echo(report.summary(), err=True)
    sys.exit(0 if report.ok else 1)


def format_article(article) -> str:
    """The cleaned article, then what cleaning removed, then the reader comments."""
    lines = [
        f"id:        {article.id}",
        f"title:     {article.title or ''}",
        f"published: {article.published or ''}",
        f"outlet:    {article.outlet or ''}",
        f"author:    {article.author or ''}",
        f"language:  {article.language or ''}{'' if article.is_english else '  (not English: no extraction)'}",
        f"url:       {article.url or ''}",
        f"origin:    {article.origin}",
        "",
        "=== article text ===",
        article.text,
        "",
        f"=== removed by cleaning ({len(article.removed)}) ===",
    ]
    lines += [f"[{piece.kind}] {piece.text}" for piece in article.removed]
    lines += ["", f"=== reader comments ({len(article.comments)}): not article text, never extracted ==="]
    for comment in article.comments:
        lines.append(f"--- comment {comment.position + 1}{f' by {comment.author}' if comment.author else ''}")
        lines.append(comment.text)
    return "\n".join(lines)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the article as one JSON object.")
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Print a stored article (an id prefix is enough) with what cleaning removed and its comments."""
    import sitroom.api as api

    try:
        article = api.show_article(article_id, db=db)
    except SitroomError as exc:
        error(str(exc))
        sys.exit(2)
    if article is None:
        error(f"{article_id}: no article with this id (or the prefix is ambiguous)")
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_article(article))


@main.command()
@db_option
@quiet_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "geojson"]), default="csv",
              show_default=True, help="Output format.")
@click.option("--table", type=click.Choice(["articles", "events", "mentions"]), default="events",
              show_default=True, help="events: fused events (ACLED columns); mentions: per-article event mentions.")
@click.option("--output", "-o", default="-", metavar="FILE", help="Output file ('-' for stdout; parquet needs a file).")
def export(db: str | None, quiet: bool, fmt: str, table: str, output: str) -> None:
    """Export articles, fused events or event mentions as CSV, JSONL, Parquet or GeoJSON."""
    from tqdm import tqdm

    from sitroom.store import open_store
    from sitroom.store.export import export_table

    try:
        with open_store(db) as store, tqdm(desc="export", unit="row", file=sys.stderr, disable=quiet, leave=False) as bar:
            n = export_table(store, table=table, fmt=fmt, output=output, progress=bar.update)
    except SitroomError as exc:
        error(str(exc))
        sys.exit(1)
    except BrokenPipeError:  # `sitroom export | head`: the reader has had enough
        sys.stderr.close()
        sys.exit(0)
    click.echo(f"exported {n} {table} rows as {fmt}{'' if output == '-' else f' to {output}'}", err=True)
