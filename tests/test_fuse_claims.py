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
    c = one("General Hale also said he was not aware of any casualties among the crew.")
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
