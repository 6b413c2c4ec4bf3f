"""`sitroom events / event / stories / framing` over the fixture corpus."""
import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.fuse import fuse_store
from sitroom.store import open_store

_spec = importlib.util.spec_from_file_location("fuse_corpus", Path(__file__).parent / "fixtures" / "fuse" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("fuse") / "cli.duckdb")
    with open_store(path) as store:
        corpus.load_corpus(store)
        fuse_store(store)
    return path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_events_jsonl_lists_each_event_once_with_filters(db):
    rows = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").splitlines()]
    assert len(rows) == 5
    contested = [json.loads(line) for line in run("events", "--db", db, "--contested", "--format", "jsonl").splitlines()]
    assert {r["location"] for r in contested} == {"Dhiban", "Tal Abyad"}
    assert "Dhiban" in run("events", "--db", db, "--type", "Armed clash")
    assert "Ariha" not in run("events", "--db", db, "--from", "2021-06-01")


def test_event_shows_sources_claims_and_revisions(db):
    event_id = json.loads(run("events", "--db", db, "--actor", "Turkey", "--format", "jsonl"))["id"]
    out = run("event", event_id, "--db", db)
    assert "Frontier Post" in out
    assert "The Turkish Defense Ministry denies" in out
    assert "revisions:" in out and "contested: yes" in out
    assert json.loads(run("event", event_id[:10], "--db", db, "--json"))["id"] == event_id


def test_unknown_event_is_an_error(db):
    result = CliRunner().invoke(main, ["event", "ev-nope", "--db", db])
    assert result.exit_code == 1


def test_stories_and_framing(db):
    assert "Twelve killed as shells hit" in run("stories", "--db", db) or "Shelling kills 12" in run("stories", "--db", db)
    out = run("framing", "--db", db, "--actor", "government")
    assert "Levant Wire" in out and "regime" in out
