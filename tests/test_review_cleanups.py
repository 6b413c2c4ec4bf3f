"""Review clean-ups: claims keyed by mention, one transliteration skeleton, one sentence splitter."""
from sitroom.extract.fatality_rules import toll_statements
from sitroom.extract.gazetteer import skeleton
from sitroom.extract.text import split_sentences
from sitroom.fuse import place_match
from sitroom.fuse.claims import extract_claims
from test_fuse_claims import _span

# --- claims: one claim -> one event, even when mentions carry the article's claims -------------

THREE_INCIDENTS = (
    "Artillery fire hit the ferry landing at Quillport on Tuesday, killing three dockers, "
    "according to the harbour master.\n\n"
    "Later that day a sniper wounded a driver on the ring road outside Marrowfield, "
    "according to a volunteer ambulance crew.\n"
    "Militia commanders denied that their fighters were anywhere near the ring road.\n\n"
    "Far to the south a grenade was thrown into a tea house in Old Tessaly, "
    "according to the district council.\n"
)


def test_a_claim_of_a_multi_event_article_attaches_to_one_event_only(store):
    from sitroom.dedup.hashing import article_id_for_text, content_hash, raw_hash
    from sitroom.fuse import fuse_store, get_event
    from sitroom.records import Article, Event

    text = THREE_INCIDENTS
    art = Article(id=article_id_for_text(text), text=text, content_hash=content_hash(text),
                  raw_hash=raw_hash(text), published="2023-05-09", outlet="Lowland Dispatch", language="en")
    every_claim = extract_claims(text, [], article_id=art.id)
    assert len(every_claim) == 4

    def mention(phrase: str, place: str, lat: float, lon: float, admin1: str, **fields) -> Event:
        ev = _span(text, phrase)
        # Each mention carries all of the article's claims: what an article-level side channel
        # (claims_json filled per article) would hold. Fusion must still give each claim one event.
        return Event(article_id=art.id, mention_id=f"{art.id}:{ev.start}", evidence=[ev], event_date="2023-05-09",
                     country="Testland", iso3="TST", admin1=admin1, location=place, latitude=lat, longitude=lon,
                     geo_precision=1, confidence=0.8, outlet=art.outlet, published=art.published,
                     claims=list(every_claim), **fields)

    landing = mention("Artillery fire hit the ferry landing at Quillport", "Quillport", 41.0, 19.0, "Coast",
                      event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                      fatalities=3)
    sniper = mention("a sniper wounded a driver on the ring road outside Marrowfield", "Marrowfield", 42.5, 20.5,
                     "Midlands", event_type="Violence against civilians", sub_event_type="Attack")
    grenade = mention("a grenade was thrown into a tea house in Old Tessaly", "Old Tessaly", 39.0, 22.0, "South",
                      event_type="Explosions/Remote violence", sub_event_type="Grenade")
    store.add_articles([art])
    store.add_mentions([landing, sniper, grenade])
    fuse_store(store)

    def event_of(m: Event) -> str:
        return store.scalar("SELECT event_id FROM event_mentions WHERE mention_id = ?", (m.mention_id,))

    events = {event_of(m) for m in (landing, sniper, grenade)}
    assert len(events) == 3
    speakers = {eid: sorted(c.speaker for c in get_event(store, eid).claims) for eid in events}
    assert speakers[event_of(landing)] == ["the harbour master"]
    assert speakers[event_of(sniper)] == ["Militia commanders", "a volunteer ambulance crew"]
    assert speakers[event_of(grenade)] == ["the district council"]
    rows = store.query("SELECT speaker, event_id, mention_id FROM claims ORDER BY speaker")
    assert len(rows) == len(every_claim)  # no claim stored twice
    assert {r["speaker"]: r["mention_id"] for r in rows} == {
        "the harbour master": landing.mention_id, "a volunteer ambulance crew": sniper.mention_id,
        "Militia commanders": sniper.mention_id, "the district council": grenade.mention_id}


# --- place matching uses the gazetteer's skeleton ---------------------------------------------

def test_place_matching_has_no_skeleton_of_its_own():
    assert not hasattr(place_match, "_skeleton")


def test_same_name_meets_transliterations_through_the_gazetteer_skeleton():
    pairs = [("Idleb", "Idlib"), ("Raqqa", "Raqqah"), ("Sweida", "Suwayda"), ("Deraa", "Daraa"),
             ("al-Hasakah", "Hasaka"), ("Jisr al-Shughur", "Jisr ash-Shugur")]
    for a, b in pairs:
        x, y = place_match.norm_place(a), place_match.norm_place(b)
        assert skeleton(x) == skeleton(y), (a, b)
        assert place_match.same_name(x, y), (a, b)
    for a, b in [("Aden", "Dana"), ("Homs", "Hama"), ("Azaz", "Afrin")]:
        assert not place_match.same_name(place_match.norm_place(a), place_match.norm_place(b)), (a, b)
    assert not place_match.same_name("bab", "bib")  # short names must match exactly


# --- toll statements use extraction's sentence splitter ---------------------------------------

def test_an_abbreviation_does_not_cut_a_toll_sentence_short():
    text = ("Gunfire erupted at the Tarrow Bridge market on Sunday. "
            "Rescuers counted 17 dead by 5 p.m. and warned that the toll would climb.")
    [found] = toll_statements(text)
    assert found.best == 17
    assert text[found.start:found.end] == "Rescuers counted 17 dead by 5 p.m. and warned that the toll would climb."


def test_toll_statement_spans_are_extraction_sentences():
    text = ("A car bomb went off beside the Brindle Street depot in Osterhaven on Friday, killing 9 people.\n"
            "The U.N. mission in Osterhaven said the death toll had risen to 12 by nightfall.")
    sentences = {(s.start, s.end) for s in split_sentences(text)}
    found = toll_statements(text)
    assert [t.best for t in found] == [12]
    assert all((t.start, t.end) in sentences for t in found)
