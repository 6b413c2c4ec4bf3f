"""Where an event was when the text situates a place, or names things that are no place.

All sentences are written for these tests."""
from __future__ import annotations

import pytest

from sitroom.extract import extract_events
from sitroom.extract.geo import find_places
from sitroom.extract.geo_country import country_votes, cue_votes
from sitroom.records import Article, Event


def main_event(text: str) -> Event:
    events = extract_events(Article(id="g", text=text, content_hash="h", raw_hash="r"))
    assert events, text
    return max(events, key=lambda e: e.confidence)


@pytest.mark.parametrize("text, country, admin1", [
    # the province named after the town places it, though a bigger town of that name lies abroad
    ("Mortar rounds fired by a rebel faction landed on Saida village, in Raqqa governorate, on 2 February "
     "2021, wounding a shepherd.", "Syria", "Ar Raqqa"),
    ("A miner was shot dead by an armed gang near El Callao, Bolivar state, on 11 June 2021.",
     "Venezuela", "Bolivar"),
    # 'X town in Y': Y, a town naming its province, says which Karak
    ("An explosive device hidden by the roadside hit an army truck near Karak town in Daraa on 9 July 2021.",
     "Syria", "Dara"),
    # a party named after a region is neither place nor country
    ("Gunmen shot dead a local Kurdistan Democratic Party official on 5 October 2021 near Daquq, "
     "south of Kirkuk.", "Iraq", "Kirkuk"),
])
def test_a_named_province_places_the_town(text: str, country: str, admin1: str) -> None:
    ev = main_event(text)
    assert (ev.country, ev.admin1) == (country, admin1)


def test_a_list_of_provinces_is_no_town_situated_in_the_next() -> None:
    ev = main_event("On 4 June 2021, tribal fighters were mobilised in Shabwa, Abyan and Aden governorates.")
    assert ev.admin1 != "Aden" or ev.location not in ("Shabwa", "Abyan")


def test_a_currency_is_no_country() -> None:
    votes = country_votes("Traders shut their shops over the slide of the lira against the US dollar.", None)
    assert "US" not in votes
    assert "US" in country_votes("The US said its troops would stay.", None)
    assert "IL" in country_votes("Israel pounds Gaza for a third night", None)  # a verb, not a currency


def test_union_acronyms_are_no_places() -> None:
    text = "Some 300 teachers rallied in Bayonne, answering a call by the CFDT, SUD and FO unions."
    names = {p.name for p in find_places(text)}
    assert "SUD" not in names and "Bayonne" in names


def test_the_ceasefire_monitors_name_ukraine() -> None:
    assert cue_votes("Monitors of the OSCE SMM counted nine explosions near the village.") == {"UA": 1.0}
