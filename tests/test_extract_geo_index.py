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


# --- country evidence beyond country names, and places situated by their units ---


def test_armed_group_names_the_country():
    # 'Al Bayda' alone is a Libyan city; Houthi forces fight in Yemen's Al Bayda
    p = where("Houthi fighters shelled houses in Al Bayda on Tuesday.")
    assert p is not None and p.country == "Yemen"


def test_units_listed_small_to_large_name_the_country():
    p = where("Gunmen raided a market in Dhi Masal (Mukayras, Al Bayda) overnight.")
    assert p is not None and p.country == "Yemen" and p.admin1 == "Al Bayda"


def test_country_named_like_a_province_of_the_named_country():
    p = where("Nigerian soldiers said bandits attacked a village in Rijau, Niger state, at dawn.")
    assert p is not None and p.country == "Nigeria" and p.admin1 == "Niger"


def test_unknown_name_before_its_units_is_kept():
    p = where("Rebels clashed with soldiers in Kanpetlet township (Mindat district, Chin state) on Friday.")
    assert p is not None and p.location == "Kanpetlet" and p.admin1 == "Chin" and p.country == "Myanmar"


def test_province_named_in_the_span_vets_a_town_found_elsewhere():
    # the gazetteer's Turnabah is in Aleppo; the sentence puts this one in Idleb
    p = where("Soldiers set up a checkpoint near Turnabah town in the Idleb countryside of Syria.")
    assert p is not None and p.admin1 == "Idleb" and p.location == "Turnabah"


def test_unit_word_after_a_list_covers_every_item():
    from sitroom.extract.geo_phrases import unit_word_after as _unit_word_after

    text = "in Abyan, Aden and Lahij governorates"
    assert _unit_word_after(text, text.index(",")) == "governorate"
    assert _unit_word_after("Idlib and Hama provinces", 5) == "province"
    assert _unit_word_after("Hama and Homs", 4) == "and"
    p = where("Recruitment drives were held in Abyan, Aden and Lahij governorates of Yemen.")
    assert p is not None and p.admin1 == "Abyan" and p.kind == "admin1"


def test_feature_phrases_name_unlisted_places():
    p = where("Russian forces advanced in the direction of Lypove, Donetsk.")
    assert p is not None and p.location == "Lypove" and p.admin1 == "Donetsk"
    p = where("A roadside bomb hit an army truck in Rahjan badia in Hama countryside, Syria.")
    assert p is not None and p.location == "Rahjan" and p.admin1 == "Hama"
    p = where("Gunmen shot a farmer in Western Maliha town in Dara countryside, Syria.")
    assert p is not None and p.location == "Western Maliha"
    p = where("Heavy Fighting was reported in Hama countryside, Syria.")
    assert p is not None and p.location != "Heavy Fighting"


def test_name_with_lower_case_head_word():
    p = where("Guards searched tents in Hole camp in Hasakeh, Syria.")
    assert p is not None and p.location == "al-Hol camp"


def test_bare_article_is_no_place():
    places = article_geo_context("Party supporters scuffled in Al Matn on Sunday.").places
    assert all(p.country != "Norway" for p in places)


def test_capital_lies_in_its_province():
    g = gz.load_gazetteer()
    hadibu = [i for i in g.lookup("hadibu") if g.kind[i] == "populated"]
    assert hadibu and all(g.admin1[i] == "Suqutra" for i in hadibu)
    sanaa = max((i for i in g.lookup("sanaa") if g.kind[i] == "populated"), key=lambda i: g.pop[i])
    assert g.admin1[sanaa] == "Amanat al Asimah"


def test_skeleton_meets_gh_and_g():
    assert gz.skeleton("jisr shugur") == gz.skeleton("jisr shughur")


def test_loose_spelling_of_a_city_with_no_other_clue():
    p = where("Unknown gunmen threw a grenade at an office in Quamishli.")
    assert p is not None and p.country == "Syria" and p.admin1 == "Al Hasakeh"


def test_everyday_words_before_parentheses_are_no_place():
    p = where("Military Police (Bahia state) arrested two men in Salvador, Brazil.")
    assert p is not None and p.location != "Military Police"


def test_district_named_beside_a_town_picks_that_town():
    p = where("Police shot a suspect in Barangay Tibagan, San Rafael, Bulacan, the Philippines.")
    assert p is not None and p.admin1 == "Central Luzon" and p.location == "Tibagan"


def test_place_inside_an_organisation_name_gives_way():
    p = where("In Manbij Military Council raids, two men were detained at Al Kasrah, Syria.")
    assert p is not None and p.location == "Al Kasrah"


def test_a_name_said_twice_is_one_clue_for_the_country():
    p = where("A convoy drove from Beirut to Tripoli; protesters then rallied in Tripoli.")
    assert p is not None and p.country == "Lebanon"


def test_weapon_names_are_no_places():
    text = "Police arrested two men in Kamianske, Dnipropetrovsk. They carried Makarov pistols."
    ctx = article_geo_context(text)
    assert all(p.name != "Makarov" for p in ctx.places)
    p = locate(text, text.index("They"), len(text), ctx)
    assert p is not None and p.admin1 == "Dnipropetrovsk"
