"""The store keeps every article once, migrates once, and rolls back cleanly."""
from __future__ import annotations

import pytest

from sitroom.errors import StoreError
from sitroom.records import Article, Comment, Event, Span
from sitroom.store import open_store, resolve_db
from sitroom.store.base import migrations


def article(i: int, text: str | None = None, url: str | None = None) -> Article:
    text = text or f"Article number {i} about shelling in Homs."
    return Article(
        id=f"a{i:03d}", text=text, content_hash=f"h{hash(text) & 0xFFFFFFFF:x}", raw_hash=f"r{i}",
        url=url, title=f"T{i}", published="2019-11-0%d" % (i % 9 + 1), outlet="Levant Monitor",
        comments=[Comment(article_id=f"a{i:03d}", position=0, text="first!")],
    )


def test_migrations_are_numbered_and_applied_once(tmp_path):
    db = str(tmp_path / "m.duckdb")
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    s = open_store(db)
    assert s.schema_version() == versions[-1]
    s.close()
    s = open_store(db)  # re-opening applies nothing new
    assert s.migrate() == []
    assert s.count("articles") == 0
    s.close()


def test_same_content_or_same_url_is_stored_once(store):
    a = article(1, url="https://x.example/1")
    added, skipped = store.add_articles([a, article(1, url="https://x.example/1")])
    assert [x.id for x in added] == ["a001"] and len(skipped) == 1
    # a re-fetched page with the same URL but edited furniture is the same article
    b = article(2, text="Something else entirely", url="https://x.example/1")
    assert store.add_articles([b]) == ([], [b])
    assert store.count("articles") == 1
    assert store.count("comments") == 1


def test_article_round_trip_with_prefix_lookup(store):
    store.add_articles([article(7)])
    got = store.get_article("a00")
    assert got is not None and got.id == "a007" and got.comments[0].text == "first!"
    assert store.get_article("nope") is None


def test_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_articles([article(3)])
            raise RuntimeError("crash mid-batch")
    assert store.count("articles") == 0


def test_mentions_are_replaced_not_duplicated(store):
    ev = Event(article_id="a001", mention_id="a001:10", event_type="Battles", sub_event_type="Armed clash",
               evidence=[Span("clashes", 10, 17)], fatalities=3)
    store.add_mentions([ev])
    ev.fatalities = 4
    store.add_mentions([ev])
    got = store.mentions()
    assert len(got) == 1 and got[0].fatalities == 4 and got[0].evidence[0].start == 10


def test_iter_articles_streams_in_batches(store):
    store.add_articles([article(i) for i in range(25)])
    assert [a.id for a in store.iter_articles(batch=4)] == [f"a{i:03d}" for i in range(25)]


def test_db_resolution(monkeypatch):
    monkeypatch.delenv("SITROOM_DB", raising=False)
    assert resolve_db(None) == "sitroom.duckdb"
    monkeypatch.setenv("SITROOM_DB", "/tmp/x.duckdb")
    assert resolve_db(None) == "/tmp/x.duckdb"
    assert resolve_db("y.duckdb") == "y.duckdb"


def test_unknown_table_is_refused(store):
    with pytest.raises(StoreError):
        store.count("articles; DROP TABLE articles")


def test_mentions_sharing_an_id_in_one_batch_are_both_kept(store):
    a = Event(article_id="a001", mention_id="a001:0", sub_event_type="Armed clash")
    b = Event(article_id="a001", mention_id="a001:0", sub_event_type="Air/drone strike")
    store.add_mentions([a, b])
    got = {m.mention_id: m.sub_event_type for m in store.mentions()}
    assert got == {"a001:0": "Armed clash", "a001:0#2": "Air/drone strike"}
    store.add_mentions([Event(article_id="a001", mention_id="a001:0", sub_event_type="Armed clash"),
                        Event(article_id="a001", mention_id="a001:0", sub_event_type="Air/drone strike")])
    assert store.count("event_mentions") == 2  # a re-run replaces, never duplicates


def check_keyed_writes(store) -> None:
    """insert_rows / update_rows / delete_rows / rows_by_keys on any store: typed NULLs,
    in-place updates by key, composite keys, and a mention re-added in place."""
    cols = ("event_id", "mention_id", "article_id", "outlet", "published", "fatalities", "evidence_json")
    store.insert_rows("event_sources", cols, [("e1", "m1", "a1", None, None, None, "[]"),
                                              ("e1", "m2", "a1", "Wire", "2024-01-02", 3, "[]"),
                                              ("e2", "m3", "a2", None, None, 7, None)])
    store.update_rows("event_sources", ("event_id", "mention_id"), ("fatalities", "outlet"),
                      [("e1", "m1", 5, None), ("e2", "m3", None, "Post")])
    got = {(r["event_id"], r["mention_id"]): (r["fatalities"], r["outlet"])
           for r in store.rows_by_keys("event_sources", "event_id", ["e1", "e2", "e9"])}
    assert got == {("e1", "m1"): (5, None), ("e1", "m2"): (3, "Wire"), ("e2", "m3"): (None, "Post")}
    store.delete_rows("event_sources", ("event_id", "mention_id"), [("e1", "m2"), ("e2", "m9")])
    assert store.count("event_sources") == 2
    store.insert_rows("events", ("id", "latitude", "contested", "confidence"), [("ev1", None, True, 1), ("ev2", 2.5, None, 0.7)])
    rows = {r["id"]: r for r in store.rows_by_keys("events", "id", ["ev1", "ev2"])}
    assert (rows["ev1"]["latitude"], rows["ev1"]["contested"], rows["ev2"]["confidence"]) == (None, True, 0.7)
    store.delete_rows("events", ("id",), ["ev1"])
    assert [r["id"] for r in store.query("SELECT id FROM events")] == ["ev2"]

    ev = Event(article_id="a001", mention_id="a001:10", sub_event_type="Armed clash", fatalities=3)
    store.add_mentions([ev])
    store.update_rows("event_mentions", ("mention_id",), ("event_id",), [("a001:10", "ev2")])
    store.add_mentions([ev])  # extracted again, unchanged: stays fused
    assert store.scalar("SELECT event_id FROM event_mentions") == "ev2"
    ev.fatalities = 4
    with store.transaction():  # extracted again, changed: replaced in place, unlinked for fusion
        store.add_mentions([ev])
    row = store.query("SELECT fatalities, event_id FROM event_mentions")
    assert row == [{"fatalities": 4, "event_id": None}]


def test_keyed_bulk_writes(store):
    check_keyed_writes(store)


def test_duckdb_keeps_no_secondary_index_on_columns_fusion_rewrites(store):
    names = {r["index_name"] for r in store.query("SELECT index_name FROM duckdb_indexes()")}
    assert not names & {"mentions_event", "events_date", "events_country", "article_signatures_story",
                        "framing_terms_actor"}
    assert "mentions_article" in names  # never updated: kept


def test_a_store_without_a_dialect_is_told_which_engines_a_migration_supports() -> None:
    from sitroom.errors import StoreError
    from sitroom.store.base import migrations

    with pytest.raises(StoreError, match="no variant for store dialect ''.*duckdb, postgres"):
        migrations("")
    assert [v for v, _, _ in migrations("duckdb")] == [v for v, _, _ in migrations()]
