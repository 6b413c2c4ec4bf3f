"""Where an event was when the text situates a place, or names things that are no place.

All sentences are written for these tests."""
from __future__ import annotations

import pytest

from sitroom.extract import extract_events
from sitroom.records import Article, Event


def main_event(text: str) -> Event:
    events = extract_events(Article(id="g", text=text, content_hash="h", raw_hash="r"))
    assert events, text
    return max(events, key=lambda e: e.confidence)


@pytest.mark.parametrize("text, country, admin1", [
    # the province named after the town places it, though a bigger town of that name lies abroad
    ("On 16 April 2022, rebel factions shelled Saida village in Ar Raqqa governorate. Casualties unknown.",
     "Syria", "Ar Raqqa"),
    ("On 8 May 2020, gunmen killed a gold miner in El Callao, Bolivar state.", "Venezuela", "Bolivar"),
    ("On 8 May 2020, a roadside bomb planted in Karak area in Dar'a hit a patrol of the army.", "Syria", "Dara"),
])
def test_a_named_province_places_the_town(text: str, country: str, admin1: str) -> None:
    ev = main_event(text)
    assert (ev.country, ev.admin1) == (country, admin1)


def test_a_currency_is_no_country() -> None:
    ev = main_event("On 28 April 2020, protesters angry at the US dollar exchange rate blocked the road "
                    "in Zahle with burning tyres.")
    assert ev.country == "Lebanon"


def test_a_union_acronym_is_no_place() -> None:
    ev = main_event("On 17 March 2022, 400 people marched in Bayonne at the call of the CGT, SUD and FSU "
                    "unions, in France, to defend their wages.")
    assert ev.country == "France"


def test_a_party_named_after_a_region_is_no_place() -> None:
    ev = main_event("On 2 April 2022, gunmen on a motorcycle shot dead a member of the Kurdistan Democratic "
                    "Party in the Banja Ali area of Kirkuk.")
    assert (ev.country, ev.admin1) == ("Iraq", "Kirkuk")


def test_the_ceasefire_monitors_place_the_fire_in_ukraine() -> None:
    ev = main_event("On 3 May 2020, the OSCE SMM recorded 14 explosions involving unknown weapons near Avdiivka.")
    assert ev.country == "Ukraine"
