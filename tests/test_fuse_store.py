"""Fusion over a store: our own multi-source fixture corpus (tests/fixtures/fuse).

The corpus: a market shelling reported by two outlets (a rewrite) and copied
verbatim by a third; an air strike whose toll rises the next day; an unrelated
bomb the same day in the same province; clashes with conflicting tolls; a
drone strike whose perpetrator is asserted and denied.
"""
import importlib.util
from pathlib import Path

import pytest

from sitroom.fuse import framing_table, fuse_store, get_event, list_events, list_stories
from sitroom.store import open_store

_spec = importlib.util.spec_from_file_location("fuse_corpus", Path(__file__).parent / "fixtures" / "fuse" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def event_of(store, mention):
    return store.scalar("SELECT event_id FROM event_mentions WHERE mention_id = ?", (mention.mention_id,))


@pytest.fixture
def fused(store):
    mentions = corpus.load_corpus(store)
    fuse_store(store)
    return store, mentions


def test_each_real_event_appears_once(fused):
    store, m = fused
    assert store.count("events") == 5
    assert event_of(store, m["market-a"]) == event_of(store, m["market-b"]) == event_of(store, m["market-copy"])
    assert event_of(store, m["ariha-1"]) == event_of(store, m["ariha-2"])
    assert event_of(store, m["dhiban-a"]) == event_of(store, m["dhiban-b"])


def test_a_different_event_nearby_on_the_same_day_is_not_merged(fused):
    store, m = fused
    assert event_of(store, m["saraqib"]) != event_of(store, m["ariha-1"])


def test_a_syndicated_copy_does_not_count_as_an_independent_outlet(fused):
    store, m = fused
    market = get_event(store, event_of(store, m["market-a"]))
    assert len(market.sources) == 3
    assert market.n_outlets == 2  # Levant Wire and Northern Dispatch; Gulf Echo's copy counts once


def test_the_rewrite_and_the_copy_are_one_story(fused):
    store, m = fused
    stories = {s["id"]: s for s in list_stories(store)}
    story_ids = {store.get_article(m[k].article_id).story_id for k in ("market-a", "market-b", "market-copy")}
    assert len(story_ids) == 1
    story = stories[story_ids.pop()]
    assert (story["n_articles"], story["n_outlets"]) == (3, 2)
    assert len(stories) == 7  # every other article is a story of its own


def test_sources_keep_their_own_figures_and_evidence(fused):
    store, m = fused
    ev = get_event(store, event_of(store, m["dhiban-a"]))
    assert sorted(s.fatalities for s in ev.sources) == [12, 40]
    for s in ev.sources:
        article = store.get_article(s.article_id)
        assert all(article.text[sp.start:sp.end] == sp.text for sp in s.evidence)


def test_conflicting_tolls_take_the_lowest_keep_the_range_and_are_contested(fused):
    store, m = fused
    ev = get_event(store, event_of(store, m["dhiban-a"]))
    assert (ev.event.fatalities, ev.event.fatalities_low, ev.event.fatalities_high) == (12, 12, 40)
    assert ev.contested
    assert any(r.startswith("fatalities") for r in ev.contested_reasons)


def test_a_denied_perpetrator_makes_the_event_contested_with_the_claims(fused):
    store, m = fused
    ev = get_event(store, event_of(store, m["tal-abyad"]))
    stances = {(c.speaker, c.stance) for c in ev.claims}
    assert ("A Kurdish official", "asserts") in stances
    assert ("The Turkish Defense Ministry", "denies") in stances
    assert ev.contested and any(r.startswith("actors") for r in ev.contested_reasons)


def test_agreeing_sources_are_not_contested(fused):
    store, m = fused
    assert not get_event(store, event_of(store, m["market-a"])).contested


def test_a_later_higher_toll_is_a_revision(store):
    m = corpus.load_corpus(store, files=["ariha_day1_levant_wire.txt"])
    fuse_store(store)
    eid = event_of(store, m["ariha-1"])
    before = get_event(store, eid)
    assert before.event.fatalities == 9 and [r.revision for r in before.revisions] == [1]

    m.update(corpus.load_corpus(store, files=["ariha_day2_daily_courier.txt"]))
    report = fuse_store(store)
    after = get_event(store, eid)  # same id: revised in place
    assert report.events_revised == 1 and report.events_created == 0
    assert (after.event.fatalities, after.event.fatalities_low, after.event.fatalities_high) == (23, 9, 23)
    assert not after.contested  # a rising toll is an update, not a dispute
    assert [r.revision for r in after.revisions] == [1, 2]
    assert after.revisions[1].changes["fatalities"] == [9, 23]
    assert after.revisions[1].changes["n_sources"] == [1, 2]
    assert (after.first_seen, after.last_updated) == ("2021-05-02", "2021-05-03")


def test_refusing_is_idempotent(fused):
    store, _ = fused
    counts = {t: store.count(t) for t in ("events", "event_sources", "claims", "event_revisions", "stories")}
    report = fuse_store(store)
    assert report.mentions == 0
    assert counts == {t: store.count(t) for t in counts}


def test_event_ids_are_stable_across_runs(tmp_path):
    ids = []
    for name in ("a.duckdb", "b.duckdb"):
        with open_store(str(tmp_path / name)) as s:
            corpus.load_corpus(s)
            fuse_store(s)
            ids.append(sorted(e.id for e in list_events(s)))
    assert ids[0] == ids[1]


def test_incremental_fusion_gives_the_same_events_as_one_run(tmp_path):
    spec = corpus.corpus_spec()
    with open_store(str(tmp_path / "one.duckdb")) as s:
        corpus.load_corpus(s)
        fuse_store(s)
        once = sorted((e.id, e.event.fatalities) for e in list_events(s))
    with open_store(str(tmp_path / "inc.duckdb")) as s:
        # one article at a time, in publication order (ties by article id, as one run orders them)
        entries = sorted(spec["articles"], key=lambda e: (e["published"], corpus.fixture_article(e).id))
        for entry in entries:
            corpus.load_corpus(s, files=[entry["file"]])
            fuse_store(s)
        assert sorted((e.id, e.event.fatalities) for e in list_events(s)) == once


def test_list_events_filters(fused):
    store, _ = fused
    assert len(list_events(store, contested=True)) == 2
    assert [e.event.location for e in list_events(store, event_type="Battles")] == ["Dhiban"]
    assert len(list_events(store, admin1="idlib")) == 3
    assert [e.event.location for e in list_events(store, actor="turkey")] == ["Tal Abyad"]
    assert len(list_events(store, date_from="2021-05-01", date_to="2021-06")) == 3
    assert len(list_events(store, limit=2)) == 2


def test_framing_table_shows_each_outlets_words_for_an_actor(fused):
    store, _ = fused
    table = framing_table(store, actor="syria government")
    assert table["Syria government"]["Levant Wire"]["regime"] >= 1
    assert table["Syria government"]["Northern Dispatch"]["government"] >= 1


@pytest.mark.postgres
def test_the_same_fusion_on_postgresql():
    from sitroom.scale.testing import fresh_pg_database, pg_server_url

    server = pg_server_url()
    if not server:
        pytest.skip("SITROOM_TEST_PG not set (start a server with scripts/pg_start.sh)")
    with fresh_pg_database(server) as url, open_store(url) as store:
        m = corpus.load_corpus(store)
        fuse_store(store)
        assert store.count("events") == 5
        market = get_event(store, event_of(store, m["market-a"]))
        assert (len(market.sources), market.n_outlets) == (3, 2)
        assert len(list_events(store, contested=True)) == 2
        assert len(list_events(store, date_from="2021-05-01", date_to="2021-06")) == 3
        assert framing_table(store, actor="government")
        assert fuse_store(store).mentions == 0


def test_a_re_extracted_mention_that_moves_leaves_no_stale_event(fused):
    store, m = fused
    saraqib = m["saraqib"]
    old_event = event_of(store, saraqib)
    moved = corpus.fixture_mention(  # re-extraction now places the bomb in Ariha, with the strike
        {**next(spec for spec in corpus.corpus_spec()["mentions"] if spec["key"] == "saraqib"),
         "location": "Ariha", "admin2": "Ariha", "latitude": 35.8134, "longitude": 36.6092,
         "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia (1991-)", "fatalities": 9},
        store.get_article(saraqib.article_id),
    )
    store.add_mentions([moved])
    fuse_store(store)
    assert event_of(store, moved) == event_of(store, m["ariha-1"])
    assert get_event(store, old_event) is None
    assert store.count("events") == 4


# --- re-runs and interrupted runs: nothing lost, nothing duplicated -----------------------------

def snapshot(store) -> dict:
    """Everything fusion writes, as comparable values."""
    return {
        "events": store.query("SELECT id, fatalities, fatalities_low, fatalities_high, n_sources, n_outlets, contested, "
                              "revision FROM events ORDER BY id"),
        "sources": store.query("SELECT event_id, mention_id FROM event_sources ORDER BY event_id, mention_id"),
        "claims": store.query("SELECT id, event_id, mention_id FROM claims ORDER BY id"),
        "revisions": store.query("SELECT event_id, revision FROM event_revisions ORDER BY event_id, revision"),
        "links": store.query("SELECT mention_id, event_id FROM event_mentions ORDER BY mention_id"),
    }


def clean_snapshot(path, batch: int | None = None) -> dict:
    """What one uninterrupted run writes (in batches of `batch` new mentions if given)."""
    from sitroom.fuse import pipeline

    old = pipeline.MENTION_BATCH
    pipeline.MENTION_BATCH = batch or old
    try:
        with open_store(str(path)) as s:
            corpus.load_corpus(s)
            fuse_store(s)
            return snapshot(s)
    finally:
        pipeline.MENTION_BATCH = old


@pytest.fixture
def clean_run(tmp_path):
    return clean_snapshot(tmp_path / "clean.duckdb")


def test_fusing_again_after_re_extraction_keeps_every_event_once(fused, clean_run, monkeypatch):
    from sitroom.fuse import pipeline

    store, m = fused
    assert snapshot(store) == clean_run
    store.add_mentions(m.values())  # extracted again, unchanged: they stay fused
    assert fuse_store(store).mentions == 0
    assert snapshot(store) == clean_run
    for mention in m.values():  # extracted again with a change fusion does not weigh: all re-read
        mention.notes = "re-extracted"
    store.add_mentions(m.values())
    monkeypatch.setattr(pipeline, "MENTION_BATCH", 4)  # members waiting for a later batch still count
    report = fuse_store(store)
    assert report.mentions == len(m) and report.events_created == 0 and report.events_revised == 0
    assert snapshot(store) == clean_run
    assert fuse_store(store).mentions == 0
    assert snapshot(store) == clean_run


def test_an_interrupted_fusion_leaves_nothing_half_written(store, tmp_path, monkeypatch):
    from sitroom.fuse import pipeline

    clean_run = clean_snapshot(tmp_path / "clean.duckdb", batch=4)
    monkeypatch.setattr(pipeline, "MENTION_BATCH", 4)  # several batches: the first ones commit
    corpus.load_corpus(store)
    real_update, calls = store.update_rows, []

    def failing_update(table, *args, **kwargs):
        if table == "event_mentions":
            calls.append(table)
            if len(calls) == 2:  # the second batch dies after writing events, sources and claims
                raise RuntimeError("simulated crash")
        return real_update(table, *args, **kwargs)

    monkeypatch.setattr(store, "update_rows", failing_update)
    with pytest.raises(RuntimeError):
        fuse_store(store)
    half = snapshot(store)
    linked = {r["mention_id"] for r in half["links"] if r["event_id"]}
    assert linked and len(linked) < len(half["links"])  # the first batch committed, the second rolled back
    assert {r["mention_id"] for r in half["sources"]} == linked
    monkeypatch.setattr(store, "update_rows", real_update)
    fuse_store(store)
    assert snapshot(store) == clean_run
    assert fuse_store(store).mentions == 0 and snapshot(store) == clean_run


KILLED_RUN = """
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("fuse_corpus", sys.argv[2])
corpus = importlib.util.module_from_spec(spec); spec.loader.exec_module(corpus)
from sitroom.fuse import pipeline
from sitroom.store import open_store
pipeline.MENTION_BATCH = 4
store = open_store(sys.argv[1])
corpus.load_corpus(store)
real, calls = store.update_rows, []
def update_then_die(table, *args, **kwargs):
    real(table, *args, **kwargs)
    if table == "event_mentions":
        calls.append(table)
        if len(calls) == 2:
            os._exit(0)  # killed inside the second batch's transaction, nothing closed or checkpointed
store.update_rows = update_then_die
pipeline.fuse_store(store)
"""


def test_fusion_after_a_killed_run_completes_it_exactly(tmp_path, monkeypatch):
    import subprocess
    import sys

    from sitroom.fuse import pipeline

    clean_run = clean_snapshot(tmp_path / "clean.duckdb", batch=4)
    db = str(tmp_path / "killed.duckdb")
    subprocess.run([sys.executable, "-c", KILLED_RUN, db, str(Path(__file__).parent / "fixtures" / "fuse" / "corpus.py")],
                   check=True, timeout=120)
    with open_store(db) as s:  # replays the write-ahead log of the committed batch
        assert 0 < s.scalar("SELECT count(*) FROM event_mentions WHERE event_id IS NOT NULL") < s.count("event_mentions")
        monkeypatch.setattr(pipeline, "MENTION_BATCH", 4)  # the killed run's batches
        fuse_store(s)
        assert snapshot(s) == clean_run
    with open_store(db) as s:
        corpus.load_corpus(s)  # and a re-ingest of the same articles and mentions
        fuse_store(s)
        assert snapshot(s) == clean_run
