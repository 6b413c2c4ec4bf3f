"""The gazetteer index format, the shared title/text scan, and clause and
country rules of place choice: our own sentences."""
from __future__ import annotations

from sitroom.extract import gazetteer as gz
from sitroom.extract.geo import article_geo_context, locate


def where(text: str):
    ctx = article_geo_context(text)
    return locate(text, 0, len(text), ctx)


def test_index_round_trip(tmp_path, monkeypatch):
    rows = [
        ("populated", "Dar\u2018\u0101", "SY", 32.6, 36.1, 100000, "Daraa", "", ["dara", "daraa"], ["dr"], "Dara"),
        ("admin1", "Daraa", "SY", 32.6, 36.1, 900000, "Daraa", "", ["dara", "daraa governorate"], [], "Dara"),
        ("country", "Syria", "SY", 33.5, 36.3, 17000000, "", "", [], [], "Damascus"),
    ]
    path = tmp_path / "gazetteer.tsv.gz"
    gz.write_gazetteer(rows, str(path))
    monkeypatch.setattr(gz, "data_path", lambda name: path)
    g = gz._read_gazetteer()
    assert g.lookup("dara") == [0, 1] and g.lookup("daraa governorate") == [1] and g.lookup("nowhere") == []
    assert g.lookup_skeleton("SY", "dr") == [0]
    assert g.name[0] == "Dar\u2018\u0101" and g.label[0] == "Dara" and g.name[1] == "Daraa"
    assert g.pop[2] == 17000000 and g.lat[0] == 32.6 and g.country_row == {"SY": 2}
    assert g.primary == ["dara", "dara", ""]
    assert ("SY", g.admin1[1], "daraa governorate") in g.admin1_keys


def test_title_and_text_scan_once():
    title, text = "Shelling in Ras al-Ain kills two", "AL-BAB, Syria - Turkish-backed forces shelled Tal Tamr.\nIn Deir ez-Zor, al-Omar field"
    full, toks, cands = gz.joined(title, text)
    assert full == title + "\n" + text
    assert toks == gz.tokens(full)
    assert cands == gz.candidates(full)
    assert gz.joined("", text) == (text, gz.tokens(text), gz.candidates(text))


def test_place_of_the_event_clause_beats_a_nearby_one():
    p = where("Government aircraft dropped barrel bombs on Kafr Nabl in Idlib province during a push "
              "towards the opposition stronghold in nearby Hama.")
    assert p.country == "Syria" and p.admin1 == "Idleb"


def test_neighbourhood_name_is_no_foreign_region():
    p = where("A car bomb went off in the Wusta neighbourhood of Qamishli on Friday, local sources said.")
    assert p.country == "Syria" and "Qamishli" in p.location


def test_foreign_region_needs_its_country_named():
    p = where("Kurdish officials in Syria said a drone hit a house in Wusta near Qamishli, killing two.")
    assert p.country == "Syria" and p.admin1 != "Al Wusta"


def test_weekday_abbreviation_before_a_date_is_no_place():
    ctx = article_geo_context("Tue Mar 14 2017 Shelling killed two in Douma, Syria.")
    assert all(p.name != "Tue" and p.name != "Mar" for p in ctx.places)


def test_capitalised_dateline_run_into_the_text_is_not_the_event_place():
    text = "BEIRUT Government air strikes killed four people in Douma east of Damascus on Thursday."
    p = locate(text, 0, len(text), article_geo_context(text))
    assert p is not None and p.location != "Beirut"


def test_unlisted_village_keeps_its_own_name():
    text = "On 3 March 2021, regime forces shelled Abu Zakhira village in the countryside of Idleb."
    p = where(text)
    assert p.admin1 == "Idleb" and p.location == "Abu Zakhira"


def test_own_name_beats_an_alternate_when_no_country_is_known():
    p = where("Two more soldiers died after a roadside bomb hit an army bus near Tafas on Monday.")
    assert p is not None and p.country == "Syria"


def test_a_name_found_only_once_anywhere_is_that_place():
    p = where("Dozens of protesters gathered in Zgharta on Friday and demanded better living conditions.")
    assert p is not None and p.country == "Lebanon"


def test_direction_word_before_a_city_still_names_it():
    p = where("Mon Oct 31 2016 Three killed in a rocket attack on Western Aleppo.")
    assert p is not None and p.location == "Aleppo" and p.country == "Syria"
