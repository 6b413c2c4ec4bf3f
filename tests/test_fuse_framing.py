"""Outlet framing: each term is attributed to the actor it is about."""
from sitroom.fuse.framing import framing_counts, framing_terms


def terms(text: str, country: str = "Syria") -> list[tuple[str, str]]:
    return [(t.term, t.actor) for t in framing_terms(text, country)]


def test_a_label_takes_the_actor_named_before_it():
    assert terms("Warplanes of the Assad regime struck the town.") == [("regime", "Syria government")]
    assert ("terrorists", "Islamic State") in terms("Troops killed 30 ISIS terrorists near the dam.")


def test_a_bare_label_takes_its_default_actor_for_the_articles_country():
    assert terms("The regime shelled the suburbs overnight.") == [("regime", "Syria government")]
    assert terms("The rebels shelled the suburbs overnight.") == [("rebels", "Syria opposition")]


def test_a_backer_is_not_the_actor():
    assert terms("The Moscow-backed regime denied it.") == [("regime", "Syria government")]
    assert terms("Turkish-backed jihadists entered the village.") == [("jihadists", "Syria opposition")]


def test_a_name_in_another_role_does_not_modify_the_label():
    assert terms("Those groups are seen by Moscow as terrorists.") == [("terrorists", "Syria opposition")]


def test_a_ground_taking_verb_is_about_its_subject():
    assert terms("On Friday the Syrian army liberated the town.") == [("liberated", "Syria government")]
    assert terms("The town was captured by ISIS in 2015.") == [("captured", "Islamic State")]


def test_scare_quotes_are_kept():
    found = framing_terms("The so-called 'rebels' and the \"moderate\" groups retreated.", "Syria")
    assert [(t.term, t.scare_quoted) for t in found] == [('"rebels"', True), ('"moderate"', True)]


def test_no_country_means_no_guess_for_a_bare_label():
    assert terms("The regime fell.", country="") == []


def test_counts_are_by_actor_then_outlet_then_term():
    table = framing_counts({
        "Outlet A": framing_terms("The regime shelled the town. The regime denied it.", "Syria"),
        "Outlet B": framing_terms("The government shelled the town.", "Syria"),
    })
    assert table == {"Syria government": {"Outlet A": {"regime": 2}, "Outlet B": {"government": 1}}}
