"""Claims: who said what about an event, with which stance and subject."""
from pathlib import Path

from sitroom.fuse.claims import claims_in_sentence, extract_claims, sentences
from sitroom.records import Span

FIXTURES = Path(__file__).parent / "fixtures" / "fuse"


def one(sentence: str):
    claims = claims_in_sentence(sentence)
    assert len(claims) == 1, claims
    return claims[0]


def test_according_to_asserts():
    c = one("Five civilians were killed in the strike, according to local activists.")
    assert (c.speaker, c.stance, c.subject) == ("local activists", "asserts", "fatalities")


def test_said_with_a_negated_clause_denies():
    c = one("The Defence Ministry, in a statement, said there were no soldiers of its own in the area.")
    assert (c.speaker, c.stance, c.subject) == ("The Defence Ministry", "denies", "actors")


def test_denied_denies():
    c = one("The army denied that its aircraft carried out the raid.")
    assert (c.speaker, c.stance) == ("The army", "denies")


def test_unable_to_confirm_is_unconfirmed():
    c = one("The monitoring group was unable to confirm the toll.")
    assert (c.speaker, c.stance) == ("The monitoring group", "unconfirmed")


def test_not_aware_doubts():
    c = one("General Hale told the briefing he was not aware of casualties among the crew.")
    assert (c.speaker, c.stance, c.subject) == ("General Hale", "doubts", "fatalities")


def test_a_figure_is_the_value_of_a_fatality_claim():
    c = one("The health ministry said 23 people were killed.")
    assert (c.subject, c.value) == ("fatalities", "23")


def test_place_names_are_not_verbs_and_pronouns_are_not_speakers():
    assert claims_in_sentence("The United States sent envoys to the talks.") == []
    assert claims_in_sentence("He said nothing more.") == []
    assert claims_in_sentence("No group claimed responsibility for the blast.") == []


def test_claims_come_only_from_near_the_evidence():
    text = "A strike hit the village, activists said. " + "Filler sentence here. " * 200 + "Officials said the talks failed."
    near = extract_claims(text, [Span("A strike hit the village", 0, 24)], window_chars=300)
    assert [c.speaker for c in near] == ["activists"]
    assert len(extract_claims(text, [])) == 2


def test_claim_offsets_point_at_the_sentence():
    text = (FIXTURES / "tal_abyad_frontier_post.txt").read_text(encoding="utf-8")
    for c in extract_claims(text, []):
        assert text[c.start:c.end] == c.text


def test_the_denial_fixture_has_assertion_denial_and_unconfirmed():
    text = (FIXTURES / "tal_abyad_frontier_post.txt").read_text(encoding="utf-8")
    stances = {(c.speaker, c.stance, c.subject) for c in extract_claims(text, [])}
    assert ("A Kurdish official", "asserts", "actors") in stances
    assert ("The Turkish Defense Ministry", "denies", "actors") in stances
    assert ("The United Nations office in Damascus", "unconfirmed", "occurrence") in stances


def test_sentences_do_not_split_after_initials():
    assert len(sentences("On Thursday, U.S. Defense Secretary Hale spoke. Then he left.")) == 2


def test_seed_004_claims_have_the_gold_stances(seeds_dir):
    text = (seeds_dir / "004_956169bedb174063.txt").read_text(encoding="utf-8")
    text = text.split("You must be logged in")[0]  # reader comments are not the article
    claims = extract_claims(text, [])
    by_speaker = {c.speaker: c for c in claims}
    assert by_speaker["a Pentagon official"].stance == "asserts"
    assert by_speaker["a Pentagon official"].subject == "actors"
    assert by_speaker["The Russian Defense Ministry"].stance == "denies"
    assert by_speaker["Mattis"].stance == "doubts"


# --- one article, several mentions: each claim belongs to exactly one of them ----------------

TWO_INCIDENTS = (
    "Shelling struck the grain market in Northtown on Monday, killing four traders, according to the regional governor.\n"
    "Hours later a drone hit a checkpoint near Easton, according to a local monitoring group.\n"
    "The army denied that its aircraft were involved in the checkpoint attack.\n"
)


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(phrase, start, start + len(phrase))


def test_each_claim_attaches_to_the_mention_in_its_sentence_or_the_nearest():
    from sitroom.fuse.claims import attach_claims

    market = _span(TWO_INCIDENTS, "Shelling struck the grain market in Northtown")
    checkpoint = _span(TWO_INCIDENTS, "a drone hit a checkpoint near Easton")
    out = attach_claims(TWO_INCIDENTS, {"m-market": [market], "m-checkpoint": [checkpoint]})
    assert [c.speaker for c in out["m-market"]] == ["the regional governor"]
    assert [c.speaker for c in out["m-checkpoint"]] == ["a local monitoring group", "The army"]
    # nothing is given to two mentions, nothing near the evidence is lost
    assert len(extract_claims(TWO_INCIDENTS, [])) == sum(len(v) for v in out.values())


def test_a_claim_in_a_mentions_paragraph_goes_to_it_even_when_another_is_nearer_in_characters():
    from sitroom.fuse.claims import attach_claims

    text = (
        "Gunmen attacked a bus on the coast road south of Portvale on Sunday.\n"
        "The road had reopened only a week earlier after months of repairs and was busy with traffic.\n"
        "The Transport Ministry said nine passengers were wounded.\n\n"
        "In a separate incident a roadside bomb struck a patrol outside Hillcrest.\n"
    )
    bus = _span(text, "Gunmen attacked a bus on the coast road")
    patrol = _span(text, "a roadside bomb struck a patrol outside Hillcrest")
    ministry = next(c for c in extract_claims(text, []) if c.speaker == "The Transport Ministry")
    assert patrol.start - ministry.end < ministry.start - bus.end  # nearer to the patrol in characters
    out = attach_claims(text, {"m-bus": [bus], "m-patrol": [patrol]})
    assert [c.speaker for c in out["m-bus"]] == ["The Transport Ministry"]
    assert out["m-patrol"] == []


def test_claims_of_a_multi_mention_article_are_stored_once_with_their_mention(store):
    from sitroom.dedup.hashing import article_id_for_text, content_hash, raw_hash
    from sitroom.fuse import fuse_store, get_event
    from sitroom.records import Article, Event

    art = Article(id=article_id_for_text(TWO_INCIDENTS), text=TWO_INCIDENTS, content_hash=content_hash(TWO_INCIDENTS),
                  raw_hash=raw_hash(TWO_INCIDENTS), published="2022-03-07", outlet="Border Courier", language="en")

    def mention(phrase: str, **fields) -> Event:
        ev = _span(TWO_INCIDENTS, phrase)
        return Event(article_id=art.id, mention_id=f"{art.id}:{ev.start}", evidence=[ev], event_date="2022-03-07",
                     country="Testland", iso3="TST", admin1="North", geo_precision=1, confidence=0.8,
                     outlet=art.outlet, published=art.published, **fields)

    market = mention("Shelling struck the grain market in Northtown", location="Northtown", latitude=40.0,
                     longitude=20.0, event_type="Explosions/Remote violence",
                     sub_event_type="Shelling/artillery/missile attack", fatalities=4)
    checkpoint = mention("a drone hit a checkpoint near Easton", location="Easton", latitude=40.9, longitude=21.2,
                         event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    store.add_articles([art])
    store.add_mentions([market, checkpoint])
    fuse_store(store)

    def event_of(m):
        return store.scalar("SELECT event_id FROM event_mentions WHERE mention_id = ?", (m.mention_id,))

    assert event_of(market) != event_of(checkpoint)
    assert [c.speaker for c in get_event(store, event_of(market)).claims] == ["the regional governor"]
    assert sorted(c.speaker for c in get_event(store, event_of(checkpoint)).claims) == [
        "The army", "a local monitoring group"]
    rows = store.query("SELECT speaker, mention_id FROM claims ORDER BY speaker")
    assert [(r["speaker"], r["mention_id"]) for r in rows] == [
        ("The army", checkpoint.mention_id), ("a local monitoring group", checkpoint.mention_id),
        ("the regional governor", market.mention_id)]
