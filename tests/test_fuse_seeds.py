"""Fusion on the five seed pages (../shared/seeds, gold in ../shared/gold/seeds.json),
through the real pipeline: ingest -> clean -> extract -> fuse.

Needs the extraction stage; a test whose gold event extraction does not yet
produce is marked xfail with the reason, so fusion itself stays checkable.
"""
import pytest

from sitroom import api
from sitroom.fuse import fuse_store, get_event


def _words(s: str) -> set[str]:
    return {w.strip(".,;:\"'“”’()").lower() for w in s.split() if len(w) > 2}


@pytest.fixture
def seeded(store, seeds_dir, gold_seeds):
    for art in gold_seeds["articles"]:
        api.ingest([str(seeds_dir / art["file"])], db=store, published=art["published"], fuse=False)
    fuse_store(store)
    file_of = {}
    for art in gold_seeds["articles"]:
        row = store.query("SELECT id FROM articles WHERE origin LIKE ?", ("%" + art["file"],))
        if row:
            file_of[art["file"]] = row[0]["id"]
    return store, file_of


def _day(d: str) -> int:
    from datetime import date

    return date.fromisoformat(d).toordinal()


def find_event_id(store, file_of, gold_seeds, ref: str) -> str:
    """The fused event holding the mention that best covers the gold event's evidence."""
    fname, key = ref.split("#")
    art = next(a for a in gold_seeds["articles"] if a["file"] == fname)
    gold = next(e for e in art["events"] if e.get("id") == key)
    want = _words(gold["evidence"])
    best, best_cover = None, 0.0
    for m in store.mentions("article_id = ?", (file_of.get(fname, ""),)):
        text = " ".join(s.text for s in m.evidence)
        cover = len(want & _words(text)) / max(1, len(want))
        dates = gold["event_date"] if isinstance(gold["event_date"], list) else [gold["event_date"]]
        if m.event_date in dates:
            cover += 0.25
        if cover > best_cover:
            best, best_cover = m, cover
    if best is None or best_cover < 0.5:
        pytest.xfail(f"extraction does not yet produce {ref}")
    dates = gold["event_date"] if isinstance(gold["event_date"], list) else [gold["event_date"]]
    if best.event_date not in dates and not any(best.event_date and d and abs(_day(best.event_date) - _day(d)) <= 1
                                                for d in dates if len(d) == 10 and len(best.event_date) == 10):
        pytest.xfail(f"extraction dates {ref} {best.event_date}, gold {dates}: fusion cannot match it")
    return store.scalar("SELECT event_id FROM event_mentions WHERE mention_id = ?", (best.mention_id,))


def test_gold_same_event_pairs_fuse(seeded, gold_seeds):
    store, file_of = seeded
    for a, b in gold_seeds["same_event_across_articles"]:
        assert find_event_id(store, file_of, gold_seeds, a) == find_event_id(store, file_of, gold_seeds, b), (a, b)


def test_no_other_cross_article_merges(seeded, gold_seeds):
    store, file_of = seeded
    allowed = set()
    for a, b in gold_seeds["same_event_across_articles"]:
        allowed.add(find_event_id(store, file_of, gold_seeds, a))
    for r in store.query(
        "SELECT event_id, count(DISTINCT article_id) AS n FROM event_mentions GROUP BY event_id HAVING count(DISTINCT article_id) > 1"
    ):
        assert r["event_id"] in allowed, get_event(store, r["event_id"])


def test_near_duplicate_seed_pages_are_one_story(seeded, gold_seeds):
    store, file_of = seeded
    for a, b in gold_seeds["near_duplicate_articles"]:
        sa, sb = (store.get_article(file_of[f]).story_id for f in (a, b))
        assert sa == sb
    assert len({store.get_article(i).story_id for i in file_of.values()}) == len(file_of) - 1


def test_004_event_carries_the_three_claims(seeded, gold_seeds):
    store, file_of = seeded
    ev = get_event(store, find_event_id(store, file_of, gold_seeds, "004_956169bedb174063.txt#deir-ez-zor-coalition-strikes"))
    stances = {(c.speaker, c.stance) for c in ev.claims}
    assert any("Pentagon" in s and st == "asserts" for s, st in stances), stances
    assert any("Russian Defense Ministry" in s and st == "denies" for s, st in stances), stances
    assert any("Mattis" in s and st == "doubts" for s, st in stances), stances
    assert ev.contested


def test_003_event_range_covers_34_to_70(seeded, gold_seeds):
    store, file_of = seeded
    ev = get_event(store, find_event_id(store, file_of, gold_seeds, "003_2b724d9e0f82ca1e.txt#kafr-takharim-strike"))
    # The earliest figure is stated apart from the event's sentences (a toll update, fuse/tolls.py).
    assert ev.event.fatalities_low <= 34 and ev.event.fatalities_high >= 70
