"""`sitroom events`, `sitroom event ID`, `sitroom stories`, `sitroom framing`, `sitroom fuse`:
thin layers over sitroom.fuse."""
from __future__ import annotations

import json
import re

import click

from sitroom.cli.app import db_option, error, main


def _check_date(ctx, param, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter("expected YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


def _open(db: str | None, read_only: bool = False):
    from sitroom.store import open_store

    return open_store(db)


def _event_summary(fe) -> dict:
    e = fe.event
    return {
        "id": fe.id, "event_date": e.event_date, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1": e.actor1, "actor2": e.actor2, "country": e.country, "admin1": e.admin1, "location": e.location,
        "latitude": e.latitude, "longitude": e.longitude, "fatalities": e.fatalities,
        "fatalities_low": e.fatalities_low, "fatalities_high": e.fatalities_high, "n_outlets": fe.n_outlets,
        "contested": fe.contested, "contested_reasons": fe.contested_reasons, "first_seen": fe.first_seen,
        "last_updated": fe.last_updated, "story_id": fe.story_id,
    }


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)] if rows else [len(h) for h in headers]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))] +
                     [fmt.format(*map(str, r)) for r in rows])


def _cut(s: str | None, n: int) -> str:
    s = s or ""
    return s if len(s) <= n else s[: n - 1] + "…"


@main.command("events")
@db_option
@click.option("--country", help="Country name or ISO3.")
@click.option("--admin1", help="First-level region, e.g. Idlib.")
@click.option("--type", "event_type", help="Event type or sub-event type.")
@click.option("--actor", help="Any actor field containing this text.")
@click.option("--from", "date_from", callback=_check_date, help="Events on or after this date.")
@click.option("--to", "date_to", callback=_check_date, help="Events on or before this date.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--contested", is_flag=True, help="Only events whose sources disagree.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def events_cmd(db, country, admin1, event_type, actor, date_from, date_to, limit, contested, fmt) -> None:
    """List fused events (each real-world event once), newest first."""
    from sitroom.fuse import list_events

    with _open(db) as store:
        events = list_events(store, country=country, admin1=admin1, event_type=event_type, actor=actor,
                             date_from=date_from, date_to=date_to, contested=True if contested else None,
                             limit=limit)
    if fmt == "jsonl":
        for fe in events:
            click.echo(json.dumps(_event_summary(fe), ensure_ascii=False))
        return
    rows = [[fe.id, fe.event.event_date or "", _cut(fe.event.sub_event_type, 26), _cut(fe.event.location, 18),
             _cut(fe.event.actor1, 28), fe.event.fatalities,
             f"{fe.event.fatalities_low}-{fe.event.fatalities_high}", fe.n_outlets, "yes" if fe.contested else ""]
            for fe in events]
    click.echo(_table(rows, ["id", "date", "type", "location", "actor1", "dead", "range", "outlets", "contested"]))


@main.command("event")
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON.")
def event_cmd(event_id: str, db, as_json: bool) -> None:
    """Show one fused event: sources, evidence, claims, figures and revisions."""
    from sitroom.fuse import get_event

    with _open(db) as store:
        fe = get_event(store, event_id)
    if fe is None:
        error(f"no event {event_id!r}")
        raise SystemExit(1)
    if as_json:
        click.echo(json.dumps(fe.to_dict(), ensure_ascii=False, indent=2))
        return
    e = fe.event
    lines = [
        f"event {fe.id}",
        f"  {e.event_date}  {e.event_type} / {e.sub_event_type}",
        f"  {e.location}, {e.admin2 or '-'}, {e.admin1 or '-'}, {e.country}  ({e.latitude}, {e.longitude})",
        f"  actors: {e.actor1 or '-'}  vs  {e.actor2 or '-'}",
        f"  fatalities: {e.fatalities} (range {e.fatalities_low}-{e.fatalities_high})",
        (f"  sources: {len(fe.sources)} from {fe.n_outlets} independent outlet(s); "
         f"first seen {fe.first_seen}, last updated {fe.last_updated}"),
        f"  contested: {'yes' if fe.contested else 'no'}",
    ]
    lines += [f"    - {r}" for r in fe.contested_reasons]
    lines.append("sources:")
    for s in fe.sources:
        lines.append(f"  {s.published or '?'}  {s.outlet or '(unknown outlet)'}  article {s.article_id}  "
                     f"fatalities {s.fatalities}")
        lines += [f"      \"{_cut(sp.text, 160)}\"" for sp in s.evidence]
    if fe.claims:
        lines.append("claims:")
        lines += [f"  {c.speaker} {c.stance} ({c.subject}{': ' + c.value if c.value else ''}): \"{_cut(c.text, 140)}\""
                  for c in fe.claims]
    lines.append("revisions:")
    for r in fe.revisions:
        changes = ", ".join(f"{k} {v[0]}→{v[1]}" for k, v in r.changes.items()) if r.revision > 1 else ""
        lines.append(f"  {r.revision}  {r.at}  {r.reason}" + (f": {changes}" if changes else ""))
    click.echo("\n".join(lines))


@main.command("stories")
@db_option
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def stories_cmd(db, limit, fmt) -> None:
    """List stories: articles grouped as the same story rewritten or syndicated."""
    from sitroom.fuse import list_stories

    with _open(db) as store:
        stories = list_stories(store, limit=limit)
    if fmt == "jsonl":
        for s in stories:
            click.echo(json.dumps(s, ensure_ascii=False))
        return
    rows = [[s["id"], s["n_articles"], s["n_outlets"], s["first_published"] or "", s["last_published"] or "",
             _cut(s["title"], 60)] for s in stories]
    click.echo(_table(rows, ["id", "articles", "outlets", "first", "last", "title"]))


@main.command("framing")
@db_option
@click.option("--actor", help="Only actors whose name contains this text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def framing_cmd(db, actor, fmt) -> None:
    """The words each outlet uses for each actor, side by side."""
    from sitroom.fuse import framing_table

    with _open(db) as store:
        table = framing_table(store, actor=actor)
    if fmt == "json":
        click.echo(json.dumps(table, ensure_ascii=False, indent=2))
        return
    blocks = []
    for name, outlets in sorted(table.items()):
        rows = [[outlet, ", ".join(f"{t} {n}" for t, n in sorted(terms.items(), key=lambda x: (-x[1], x[0])))]
                for outlet, terms in sorted(outlets.items())]
        blocks.append(f"{name}\n" + _table(rows, ["outlet", "terms (count)"]))
    click.echo("\n\n".join(blocks) if blocks else "(no framing terms stored)")


@main.command("fuse")
@db_option
def fuse_cmd(db) -> None:
    """Group stories and fuse new event mentions into events (ingest runs this too)."""
    from sitroom.fuse import fuse_store

    with _open(db) as store:
        report = fuse_store(store)
    click.echo(report.summary(), err=True)
