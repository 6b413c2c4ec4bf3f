"""The seed pages in ../shared: clean text keeps every gold evidence phrase,
drops the furniture and comments the gold lists under not_events, dates are
right, and a re-run adds nothing. Skipped when ../shared is absent."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import sitroom.api as api
from sitroom.clean import clean_document
from sitroom.ingest import read_inputs

# Furniture and comment lines from the seeds' not_events, described by their opening words
# (the seed texts themselves are not copied here).
FURNITURE_OPENINGS = {
    "001": ["Bursting at the seams", "| Security", "Do you like this article?", "1 Comment(s)",
            "Comment Policy", "There are reasons for this"],
    "003": ["Tyler Durden's Photo", "by Tyler Durden", "Monday, Oct 26, 2020"],
    "004": ["READ NEXT:", "Creative Commons / Anti-Media", "Since you", "We have a small favor",
            "If everyone who reads our reporting", "You must be logged in", "Necrophagist",
            "Show 2 Replies", "Still need to be confirmed", "captured the village of al-Tabiyah",
            "Kirill Ananiev", "over 130 Russian PMCs"],
    "002": ["Photo: open sources", " date 2024-11-30", "liberators. Share", "lied. Share"],
}


@pytest.fixture(scope="module")
def seed_articles():
    from conftest import shared_path

    seeds = shared_path("seeds")
    errors = []
    articles = {raw.origin.rsplit("/", 1)[-1][:3]: clean_document(raw) for raw in read_inputs([str(seeds)], on_error=errors.append)}
    assert errors == []
    return articles


def test_every_seed_is_read(seed_articles):
    assert sorted(seed_articles) == ["000", "001", "002", "003", "004"]


def test_gold_evidence_survives_cleaning(seed_articles, gold_seeds):
    for gold in gold_seeds["articles"]:
        article = seed_articles[gold["file"][:3]]
        for event in gold["events"]:
            assert event["evidence"] in article.text, (gold["file"], event["evidence"])


def test_furniture_and_comments_are_removed(seed_articles):
    for seed, openings in FURNITURE_OPENINGS.items():
        text = seed_articles[seed].text
        for opening in openings:
            assert opening not in text, (seed, opening)


def test_comments_are_kept_apart(seed_articles):
    assert len(seed_articles["001"].comments) == 1
    assert seed_articles["001"].comments[0].text.startswith("There are reasons")
    comments_004 = " ".join(c.text for c in seed_articles["004"].comments)
    assert "al-Tabiyah" in comments_004 and "al-Tabiyah" not in seed_articles["004"].text
    assert all(c.author in (None, "Necrophagist") for c in seed_articles["004"].comments)


def test_removed_pieces_are_recorded(seed_articles):
    kinds_003 = {r.kind for r in seed_articles["003"].removed}
    assert {"photo_credit", "byline", "dateline"} <= kinds_003
    kinds_004 = {r.kind for r in seed_articles["004"].removed}
    assert {"read_next", "licence", "appeal", "comments_header"} <= kinds_004


def test_titles_match_gold(seed_articles, gold_seeds):
    for gold in gold_seeds["articles"]:
        assert seed_articles[gold["file"][:3]].title == gold["title"], gold["file"]


def test_publication_dates_from_datelines(seed_articles, gold_seeds):
    by_file = {g["file"][:3]: g for g in gold_seeds["articles"]}
    for seed in ("002", "003"):
        assert seed_articles[seed].published == by_file[seed]["published"]
    for seed in ("000", "001", "004"):  # no dateline on the page: no guess either
        assert seed_articles[seed].published is None


def test_outlet_language_author(seed_articles):
    assert seed_articles["004"].outlet == "Anti-Media"
    assert seed_articles["003"].outlet == "ZeroHedge"
    assert seed_articles["003"].author == "Tyler Durden"
    assert all(a.language == "en" and a.is_english for a in seed_articles.values())


def test_ingest_stores_five_and_rerun_adds_nothing(tmp_path):
    from conftest import shared_path

    seeds = str(shared_path("seeds"))
    db = str(tmp_path / "seeds.duckdb")
    first = api.ingest([seeds], db=db, extract_events=False, fuse=False)
    assert (first.read, first.added, first.skipped, first.errors) == (5, 5, 0, [])
    again = api.ingest([seeds], db=db, extract_events=False, fuse=False)
    assert (again.added, again.skipped) == (0, 5)
    from sitroom.store import open_store

    with open_store(db) as store:
        assert store.count("articles") == 5
        assert store.count("comments") == 1 + 5


def test_cli_ingest_show_export(tmp_path):
    from sitroom.cli import main
    from conftest import shared_path

    seeds = str(shared_path("seeds"))
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", seeds, "--db", db, "--quiet", "--no-extract"])
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output
    result = runner.invoke(main, ["ingest", seeds, "--db", db, "--quiet", "--no-extract"])
    assert result.exit_code == 0 and "0 added, 5 already stored" in result.output
    exported = runner.invoke(main, ["export", "--db", db, "--table", "articles", "--format", "jsonl", "--quiet"])
    rows = [json.loads(line) for line in exported.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 5
    zerohedge = next(r for r in rows if r["outlet"] == "ZeroHedge")
    shown = runner.invoke(main, ["show", zerohedge["id"][:8], "--db", db])
    assert shown.exit_code == 0
    assert "[byline] by Tyler Durden" in shown.stdout
    assert "Russian jets pounded a camp" in shown.stdout
