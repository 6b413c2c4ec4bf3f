"""`sitroom report`: a situation report as Markdown, HTML or PDF."""
from __future__ import annotations

import sys

import click

from sitroom.cli.app import db_option, error, main


@main.command()
@db_option
@click.option("--country", default=None, help="Country name or ISO3 code.")
@click.option("--admin1", default=None, help="First-level region (governorate, province).")
@click.option("--actor", default=None, help="Only events involving this actor (substring, any case).")
@click.option("--type", "event_type", default=None, help="Only this ACLED event type.")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="First day of the period.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD",
              help="Last day (default: the latest event; the period defaults to 4 weeks).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True)
@click.option("--output", "-o", default=None, metavar="FILE",
              help="Write here (Markdown puts its PNGs beside it); default: stdout, except pdf.")
def report(db, country, admin1, actor, event_type, date_from, date_to, fmt, output) -> None:
    """Write a situation report: headline figures, map, weekly chart, significant
    events with citations, contested claims and a statistically tested outlook."""
    from sitroom.errors import SitroomError
    from sitroom.report import EventFilter, make_report, write_report
    from sitroom.report.query import parse_day
    from sitroom.store import open_store

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and (parse_day(value) is None or len(value) != 10):
            error(f"{name} {value!r}: expected a date YYYY-MM-DD")
            sys.exit(2)
    f = EventFilter(date_from=date_from, date_to=date_to, country=country, admin1=admin1, actor=actor,
                    event_type=event_type)
    try:
        with open_store(db) as store:
            if output:
                for path in write_report(store, f, fmt, output):
                    click.echo(f"wrote {path}", err=True)
            elif fmt == "pdf":
                error("PDF goes to a file: add --output report.pdf")
                sys.exit(2)
            else:
                click.echo(make_report(store, f, fmt).decode("utf-8"), nl=False)
    except SitroomError as exc:
        error(str(exc))
        sys.exit(1)
