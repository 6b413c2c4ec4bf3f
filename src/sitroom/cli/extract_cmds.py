"""`sitroom extract` and `sitroom train`: thin layers over sitroom.api and sitroom.extract."""
from __future__ import annotations

import csv
import json
import re
import sys
from typing import IO, Iterable, Iterator

import click

from sitroom.cli.app import error, main, quiet_option
from sitroom.errors import InputError, SitroomError

# ACLED's column names first (so rows append to an ACLED export), then sitroom's extras.
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso3", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
    "article_id", "mention_id", "confidence", "fatalities_low", "fatalities_high", "evidence",
)


def _check_date(ctx, param, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter("expected YYYY-MM-DD")
    return value


def extracted_events(paths: Iterable[str], published: str | None = None,
                     on_error=None, progress=None) -> Iterator[dict]:
    """Output records (Event.output_dict()) for every event in the inputs.

    ``article_id`` is the input's own id when it gave one, else sitroom's article id.
    """
    import sitroom.api as api

    for article in api.iter_articles(list(paths), on_error=on_error, published=published):
        if progress:
            progress(1)
        try:
            events = api.extract_article(article)
        except SitroomError as exc:
            if on_error:
                on_error(InputError(article.origin or article.id, str(exc)))
            continue
        for event in events:
            record = event.output_dict()
            record["article_id"] = article.ext_id or article.id
            record["outlet"] = event.outlet
            record["published"] = event.published
            yield record


def csv_row(record: dict) -> dict:
    date = record.get("event_date") or ""
    return {
        **{k: record.get(k) for k in CSV_COLUMNS if k in record},
        "event_id_cnty": record.get("mention_id", ""),
        "year": date[:4],
        "source": record.get("outlet") or "",
        "evidence": json.dumps(record.get("evidence") or [], ensure_ascii=False),
        "latitude": "" if record.get("latitude") is None else record["latitude"],
        "longitude": "" if record.get("longitude") is None else record["longitude"],
        "geo_precision": "" if record.get("geo_precision") is None else record["geo_precision"],
    }


def geojson_feature(record: dict) -> dict:
    lat, lon = record.get("latitude"), record.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    props = {k: v for k, v in record.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def write_records(records: Iterable[dict], fmt: str, out: IO[str]) -> int:
    """Stream records to ``out`` in jsonl / csv / geojson; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for r in records:
            r = {k: v for k, v in r.items() if k not in ("outlet", "published")}
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in records:
            writer.writerow(csv_row(r))
            n += 1
    else:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for r in records:
            out.write((",\n" if n else "") + json.dumps(geojson_feature(r), ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--output", "-o", default=None, metavar="FILE", help="Write here instead of stdout.")
@click.option("--published", default=None, callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none (resolves 'on Wednesday').")
@click.option("--model", "model_path", default=None, metavar="PATH",
              help="A sub-event model from `sitroom train` to refine the rules; 'default' uses the "
                   "shipped model trained on hand-written examples (off unless asked: it does not "
                   "beat the rules on labelled news).")
@quiet_option
def extract(inputs: tuple[str, ...], fmt: str, output: str | None, published: str | None,
            model_path: str | None, quiet: bool) -> None:
    """ACLED-style events from articles, without a database.

    INPUT is anything `sitroom ingest` reads (txt, html, jsonl, csv, warc,
    feeds, directories, URLs). One event per JSONL line; CSV uses ACLED's
    column names; GeoJSON is a FeatureCollection of points. Errors go to
    stderr; exit status 1 if any input failed.
    """
    from tqdm import tqdm

    from sitroom.extract import set_model

    failures: list[InputError] = []
    if model_path:
        from sitroom.extract.model import SubEventModel, load_default_model

        try:
            set_model(load_default_model() if model_path == "default" else SubEventModel.load(model_path))
        except SitroomError as exc:
            error(str(exc))
            sys.exit(2)
    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        error(f"{output}: cannot write ({exc.strerror or exc})")
        sys.exit(2)

    def on_error(exc: InputError) -> None:
        failures.append(exc)
        error(str(exc))

    try:
        with tqdm(desc="extract", unit="doc", file=sys.stderr, disable=quiet, leave=False) as bar:
            records = extracted_events(inputs, published=published, on_error=on_error, progress=bar.update)
            n = write_records(records, fmt, out)
    except SitroomError as exc:
        error(str(exc))
        sys.exit(2)
    finally:
        if output:
            out.close()
        set_model(None)
    if not quiet:
        click.echo(f"{n} events; {len(failures)} inputs failed", err=True)
    sys.exit(1 if failures else 0)


@main.command()
@click.option("--acled", "acled_path", required=True, metavar="FILE",
              help="Your ACLED export (CSV with 'notes' and 'sub_event_type' columns).")
@click.option("--output", "-o", default="sitroom-subevent-model.json", show_default=True, metavar="PATH",
              help="Where to save the model (JSON).")
def train(acled_path: str, output: str) -> None:
    """Train the sub-event classifier on your own ACLED export.

    Use the result with `sitroom extract --model PATH`. sitroom ships no
    model trained on ACLED rows; this one stays on your machine.
    """
    from sitroom.extract.train import train_from_acled

    try:
        model = train_from_acled(acled_path, output)
    except SitroomError as exc:
        error(str(exc))
        sys.exit(2)
    total = sum(model.meta.get("examples", {}).values())
    click.echo(f"trained on {total} notes, {len(model.labels)} sub-event types, "
               f"{model.vocabulary_size} features -> {output}", err=True)
