"""`sitroom demo`: the main job on the bundled sample corpus."""
from __future__ import annotations

import json

import click
from tqdm import tqdm

from sitroom.cli.app import main, quiet_option


@main.command()
@click.option("--out", "out_dir", default="out", show_default=True, help="Folder for the database and report.")
@quiet_option
def demo(out_dir: str, quiet: bool) -> None:
    """Ingest the sample corpus into a fresh database, fuse, report, and summarise."""
    from sitroom.demo import run_demo, sample_corpus

    click.echo(f"sitroom demo: ingesting the sample corpus in {sample_corpus()}", err=True)
    with tqdm(desc="ingest", unit=" docs", disable=quiet, file=click.get_text_stream("stderr")) as bar:
        result = run_demo(out_dir, progress=bar.update)
    for err in result.ingest.errors:
        click.echo(f"error: {err}", err=True)
    c = result.counts
    click.echo(result.ingest.summary())
    click.echo(
        f"database {result.db}: {c['articles']} articles, {c['comments']} reader comments kept apart, "
        f"{c['event_mentions']} event mentions fused into {c['events']} events, "
        f"{c['stories']} stories, {c['claims']} claims"
    )
    if result.top_events:
        click.echo("\nMost reported events:")
        for e in result.top_events:
            rng = (
                f" (reports range {e['fatalities_low']}-{e['fatalities_high']})"
                if e["fatalities_high"] and e["fatalities_high"] != e["fatalities_low"] else ""
            )
            flag = "  CONTESTED" if e["contested"] else ""
            click.echo(
                f"  {e['event_date']}  {e['sub_event_type']:<34} {e['location'] or '?'}, {e['country'] or '?'}"
                f"  fatalities {e['fatalities']}{rng}  sources {e['n_sources']} / outlets {e['n_outlets']}{flag}"
            )
    if result.contested:
        e = result.contested[0]
        why = "; ".join(json.loads(e["contested_json"] or "[]")) if e.get("contested_json") else ""
        click.echo(f"\nA contested event: {e['id']} ({e['event_date']}, {e['location']}): {why}")
        click.echo(f"  sitroom event {e['id']} --db {result.db}")
    if result.report_path:
        click.echo(f"\nSituation report: {result.report_path}")
    click.echo(f"\nOpen the dashboard:  sitroom serve --db {result.db}   then browse http://127.0.0.1:8000/")
