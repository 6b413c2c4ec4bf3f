"""Near-duplicate pages: rewrites are the same story, verbatim copies are syndication."""
from pathlib import Path

from sitroom.dedup.minhash import (
    COPY_THRESHOLD,
    STORY_THRESHOLD,
    NearDuplicateIndex,
    estimated_jaccard,
    minhash_signature,
    near_duplicate_pairs,
    signature_from_text,
    signature_to_text,
)

FIXTURES = Path(__file__).parent / "fixtures" / "fuse"


def text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_a_rewritten_story_is_a_near_duplicate_but_not_a_copy():
    sim = estimated_jaccard(
        minhash_signature(text("market_levant_wire.txt")), minhash_signature(text("market_northern_dispatch.txt"))
    )
    assert STORY_THRESHOLD <= sim < COPY_THRESHOLD


def test_a_verbatim_copy_with_a_tagline_is_a_copy():
    original = text("market_levant_wire.txt")
    copy = original + "\nThis report was distributed by a news agency."
    assert estimated_jaccard(minhash_signature(original), minhash_signature(copy)) >= COPY_THRESHOLD


def test_different_events_are_not_near_duplicates():
    texts = {name: text(name) for name in ("ariha_day1_levant_wire.txt", "saraqib_levant_wire.txt",
                                            "deir_clashes_eastern_monitor.txt", "tal_abyad_frontier_post.txt")}
    assert near_duplicate_pairs(texts) == []


def test_signatures_are_stable_and_round_trip_through_text():
    sig = minhash_signature("Shells hit the market in the old town on Sunday morning.")
    assert sig == minhash_signature("Shells hit the market in the old town on Sunday morning.")
    assert signature_from_text(signature_to_text(sig)) == sig


def test_index_finds_the_rewrite_among_others():
    index = NearDuplicateIndex()
    for name in ("market_levant_wire.txt", "ariha_day1_levant_wire.txt", "saraqib_levant_wire.txt"):
        index.add_text(name, text(name))
    found = index.near_duplicates(minhash_signature(text("market_northern_dispatch.txt")))
    assert [d.other_id for d in found] == ["market_levant_wire.txt"]


def test_seed_rewrite_pair_is_found_and_nothing_else(gold_seeds, seeds_dir):
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    pairs = {(d.article_id, d.other_id) for d in near_duplicate_pairs(texts)}
    expected = {tuple(sorted(p)) for p in gold_seeds["near_duplicate_articles"]}
    assert pairs == expected


def test_a_copy_trimmed_by_a_paragraph_with_a_credit_line_is_still_a_copy():
    original = text("market_levant_wire.txt")
    paragraphs = [p for p in original.splitlines() if p.strip()]
    assert len(paragraphs) >= 4
    # drop the second paragraph (agencies trim) and add a credit line
    trimmed = "\n".join(paragraphs[:1] + paragraphs[2:]) + "\n(Regional Wire Service, with Levant Wire)"
    assert estimated_jaccard(minhash_signature(original), minhash_signature(trimmed)) >= COPY_THRESHOLD
