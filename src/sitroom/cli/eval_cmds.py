"""`sitroom eval`: scores against the labelled sets in ../shared, beside a keyword baseline."""
from __future__ import annotations

import json
import sys

import click

from sitroom.cli.app import error, main, quiet_option


@main.command("eval")
@click.option("--sets", default="seeds,acled,case,fakes,fusion", show_default=True,
              help="Comma-separated sets: seeds, acled, case, fakes, fusion (FA-KES pairs, when sitroom.fuse "
                   "has evaluate_fusion_on_fakes).")
@click.option("--split", type=click.Choice(["test", "tune", "tune-new", "all"]), default="test", show_default=True,
              help="Which md5 split of ACLED/CASE/FA-KES rows to score: test (quarter 3), tune (the other three quarters; tune only there), tune-new (quarter 1, released for tuning in session 3) or all.")
@click.option("--baseline/--no-baseline", default=True, show_default=True, help="Also score the keyword baseline.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also save the numbers as JSON to this file.")
@click.option("--limit", type=int, default=None, help="At most N rows per set (a quick look).")
@click.option("--components-only", is_flag=True,
              help="Only resolve_event_date and count_fatalities alone on ACLED and FA-KES (no extraction; fast).")
@click.option("--update-doc", "doc_path", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Also write the table into this Markdown file, between <!-- eval:begin --> and <!-- eval:end -->.")
@quiet_option
def eval_cmd(sets: str, split: str, baseline: bool, json_path: str | None, limit: int | None,
             components_only: bool, doc_path: str | None, quiet: bool) -> None:
    """Score extraction on seeds gold, ACLED notes, CASE 2021, FA-KES and fusion ($SITROOM_SHARED, default ../shared)."""
    from sitroom.evaluate.report import ALL_SETS, format_table, run_eval
    from sitroom.evaluate.shared import SharedDataMissing, shared_dir

    chosen = tuple(s.strip().lower() for s in sets.split(",") if s.strip())
    unknown = [s for s in chosen if s not in ALL_SETS]
    if unknown:
        error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(ALL_SETS)}")
        sys.exit(2)
    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(desc="eval", unit="row", file=sys.stderr)
    try:
        result = run_eval(chosen, split=split, baseline=baseline, limit=limit,
                          progress=bar.update if bar is not None else None, components_only=components_only)
    except SharedDataMissing as exc:
        error(str(exc))
        sys.exit(1)
    finally:
        if bar is not None:
            bar.close()
    seeds_note = "; seeds: all pages, no split" if "seeds" in chosen and not components_only else ""
    click.echo(f"split: {split} (data from {shared_dir()}{seeds_note})")
    table = format_table(result)
    click.echo(table)
    if doc_path:
        from sitroom.evaluate.report import update_markdown

        command = "sitroom " + " ".join(a for a in sys.argv[1:])
        if not update_markdown(doc_path, table, split, command):
            error(f"{doc_path} has no <!-- eval:begin --> ... <!-- eval:end --> section; not updated")
    if json_path:
        saved = {"command": "sitroom " + " ".join(sys.argv[1:]), **result.to_dict()}
        with open(json_path, "w", encoding="utf-8") as fh:
            json.dump(saved, fh, indent=2)
        click.echo(f"saved {json_path}", err=True)
