"""Fusion rules on hand-built mentions: when two reports are one event, and when not."""
from dataclasses import replace

from sitroom.fuse.contested import contested_reasons
from sitroom.fuse.fusion import (
    FusionIndex,
    event_id_for,
    fuse_mentions,
    fused_fatalities,
    fused_fields,
    mention_match,
)
from sitroom.records import Claim, Event


def mention(article: str, **kw) -> Event:
    base = dict(
        article_id=article, mention_id=f"{article}:0", event_date="2021-05-02", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", actor1="Military Forces of Russia (1991-)", actor2="Civilians (Syria)",
        country="Syria", iso3="SYR", admin1="Idlib", admin2="Ariha", location="Ariha", latitude=35.81,
        longitude=36.61, geo_precision=1, fatalities=9, published="2021-05-02",
    )
    base.update(kw)
    return Event(**base)


def test_same_place_same_day_same_type_is_one_event():
    assert mention_match(mention("a"), mention("b")) >= FusionIndex().threshold


def test_adjacent_day_is_still_one_event():
    assert mention_match(mention("a"), mention("b", event_date="2021-05-03")) >= FusionIndex().threshold


def test_two_days_apart_is_not():
    assert mention_match(mention("a"), mention("b", event_date="2021-05-04")) is None


def test_another_town_in_another_district_is_not():
    other = mention("b", location="Saraqib", admin2="Idlib", latitude=35.86, longitude=36.80)
    assert mention_match(mention("a"), other) is None


def test_another_region_is_not():
    assert mention_match(mention("a"), mention("b", admin1="Aleppo", admin2="Al Bab", location="Al Bab")) is None


def test_a_region_level_report_matches_a_town_in_that_region():
    coarse = mention("b", location="Idlib", admin2="", latitude=None, longitude=None, geo_precision=3)
    assert mention_match(mention("a"), coarse) >= FusionIndex().threshold


def test_a_protest_is_never_a_battle():
    demo = mention("b", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)")
    assert mention_match(mention("a"), demo) is None


def test_two_events_in_one_article_stay_two():
    assert mention_match(mention("a"), mention("a", mention_id="a:500")) is None


def test_blocking_compares_only_nearby_days_in_one_country():
    index = fuse_mentions(
        [mention(f"x{i}", event_date=f"2021-0{1 + i % 9}-1{i % 10}") for i in range(60)]
        + [mention("y", country="Iraq", iso3="IRQ")]
    )
    assert index.comparisons < 60 * 59 // 2 // 10


def test_event_id_derives_from_the_earliest_mention_whatever_the_order():
    early = mention("a", published="2021-05-02")
    late = mention("b", published="2021-05-03")
    for order in ([early, late], [late, early]):
        index = fuse_mentions(order)
        assert list(index.groups) == [event_id_for(early.mention_id)]


def test_fused_toll_is_the_lowest_same_day_figure_and_rises_with_later_reports():
    a = mention("a", fatalities=12, published="2021-05-02")
    b = mention("b", fatalities=40, published="2021-05-02")
    assert fused_fatalities([a, b]) == (12, 12, 40)
    c = mention("c", fatalities=23, fatalities_low=20, fatalities_high=30, published="2021-05-03")
    assert fused_fatalities([a, b, c]) == (23, 12, 40)
    assert fused_fatalities([mention("d", fatalities=0)]) == (0, 0, 0)


def test_fused_fields_prefer_the_most_precise_place_and_the_majority_type():
    coarse = mention("a", location="Idlib", admin2="", geo_precision=3, latitude=None, longitude=None)
    town = mention("b", sub_event_type="Shelling/artillery/missile attack")
    third = mention("c")
    ev = fused_fields([coarse, town, third])
    assert (ev.location, ev.admin2, ev.sub_event_type) == ("Ariha", "Ariha", "Air/drone strike")


def test_same_day_tolls_far_apart_are_contested_but_close_ones_are_not():
    a, b = mention("a", fatalities=12, outlet="A"), mention("b", fatalities=40, outlet="B")
    assert contested_reasons([a, b], [])[0].startswith("fatalities")
    assert contested_reasons([a, replace(b, fatalities=14)], []) == []


def test_copies_of_one_report_do_not_dispute_each_other():
    a, b = mention("a", fatalities=12, outlet="A"), mention("b", fatalities=40, outlet="B")
    assert contested_reasons([a, b], [], {"a": "g", "b": "g"}) == []


def test_a_denial_of_occurrence_contests_the_event():
    denial = Claim(speaker="The ministry", stance="denies", text="The ministry denied any strike took place.")
    assert contested_reasons([mention("a")], [denial])[0].startswith("occurrence")


def test_a_doubt_alone_is_not_a_dispute_about_actors():
    doubt = Claim(speaker="X", stance="doubts", text="...", subject="actors")
    assert contested_reasons([mention("a")], [doubt]) == []


def test_an_unidentified_perpetrator_disagrees_with_no_one():
    a = mention("a", event_type="Violence against civilians", sub_event_type="Attack", actor1="Islamic State (Syria)")
    b = mention("b", event_type="Violence against civilians", sub_event_type="Attack",
                actor1="Unidentified Armed Group (Syria)")
    assert contested_reasons([a, b], []) == []
    c = mention("c", event_type="Violence against civilians", sub_event_type="Attack", actor1="Military Forces of Syria (2000-)")
    assert contested_reasons([a, c], [])[0].startswith("actors")


def test_an_air_strike_is_not_an_armed_clash_in_the_next_town_or_the_next_day():
    clash = mention("b", event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Syria (2000-)",
                    actor2="Hayat Tahrir al-Sham", fatalities=8)
    next_town = replace(clash, location="Urum al-Jawz", latitude=35.77, longitude=36.55)  # ~7 km away
    assert mention_match(mention("a"), next_town) is None  # even with agreeing tolls
    assert mention_match(mention("a"), replace(clash, event_date="2021-05-03")) is None


def test_one_town_one_day_told_as_air_strikes_and_as_army_fire_on_positions_is_one_event():
    """Opposite-slant outlets: "regime air strikes on Ariha" / "army targeted terrorist positions
    in Ariha" (extracted as a clash). Same town, same day: weak type evidence, not a veto."""
    army = mention("b", event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Syria (2000-)",
                   actor2="Hayat Tahrir al-Sham", fatalities=0)
    strike = mention("a", actor1="Military Forces of Syria (2000-)")
    assert mention_match(strike, army) >= FusionIndex().threshold


def test_in_a_city_named_like_its_region_two_types_need_agreeing_tolls():
    city = {"admin1": "Damascus", "admin2": "Damascus", "location": "Damascus", "latitude": 33.51,
            "longitude": 36.29, "actor1": "", "actor2": "Police Forces of Syria (2000-)"}
    bombing = mention("a", sub_event_type="Suicide bomb", fatalities=17, **city)
    gunfight = mention("b", event_type="Battles", sub_event_type="Armed clash", fatalities=15, **city)
    assert mention_match(bombing, gunfight) >= FusionIndex().threshold
    assert mention_match(bombing, replace(gunfight, fatalities=2)) is None


def test_a_massacre_told_without_its_weapon_is_the_air_strike_when_tolls_agree():
    massacre = mention("b", event_type="Violence against civilians", sub_event_type="Attack", fatalities=10)
    assert mention_match(mention("a"), massacre) >= FusionIndex().threshold
    assert mention_match(mention("a"), replace(massacre, location="Urum al-Jawz", latitude=35.77,
                                               longitude=36.55)) is None


def test_one_name_in_two_transliterations_is_one_place():
    city = {"admin1": "Idleb", "admin2": "Idleb", "latitude": 35.93, "longitude": 36.63, "geo_precision": 1}
    a, b = mention("a", location="Idlib", **city), mention("b", location="Idleb", **city)
    # the city named like its region: one place, but weaker than a town
    assert FusionIndex().threshold <= mention_match(a, b) < mention_match(mention("a"), mention("b"))
    countryside = mention("c", location="Idlib", admin1="Idleb", admin2="", geo_precision=2, latitude=None,
                          longitude=None)
    town = mention("d", admin1="Idleb", location="Maarrat an Numan", admin2="Maarrat an Numan", latitude=35.64,
                   longitude=36.67)
    assert mention_match(countryside, town) >= FusionIndex().threshold  # "southern Idlib countryside"


def test_a_neighbourhood_is_no_closer_to_the_whole_city_than_the_city_name_is():
    city = {"admin1": "Damascus", "admin2": "Damascus", "actor1": "", "actor2": ""}
    shells = mention("a", location="Damascus", latitude=33.51, longitude=36.29, sub_event_type="Shelling/artillery/missile attack",
                     fatalities=2, **city)
    bombing = mention("b", location="Midan", latitude=33.49, longitude=36.30, geo_precision=2,
                      sub_event_type="Suicide bomb", fatalities=17, **city)
    assert mention_match(shells, bombing) < FusionIndex().threshold


def test_a_member_told_as_another_type_does_not_veto_another_report_of_the_event():
    strike = mention("a", actor1="Military Forces of Russia (1991-)", fatalities=31)
    army = mention("b", event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Russia (1991-)",
                   fatalities=30)
    countryside = mention("c", location="Idlib", admin2="", geo_precision=3, latitude=None, longitude=None,
                          fatalities=39, published="2021-05-03")
    assert mention_match(countryside, army) is None  # a clash is placed in the town, the report in the region
    index = fuse_mentions([strike, army, countryside])
    assert [len(g.mentions) for g in index.groups.values()] == [3]


def test_a_city_named_like_its_region_weighs_less_than_a_town():
    town = mention_match(mention("a"), mention("b"))
    city = {"admin1": "Aleppo", "admin2": "Jebel Saman", "location": "Aleppo", "latitude": 36.2, "longitude": 37.16}
    assert mention_match(mention("a", **city), mention("b", **city)) < town


def test_a_mention_must_match_the_event_as_a_whole_not_one_lenient_member():
    a = mention("a")
    b = mention("b", event_date="2021-05-03", published="2021-05-03")
    c = mention("c", event_date="2021-05-03", published="2021-05-03", sub_event_type="Shelling/artillery/missile attack",
                actor1="Military Forces of Syria (2000-)", fatalities=0)
    assert mention_match(c, b) >= FusionIndex().threshold > mention_match(c, a)
    index = fuse_mentions([a, b, c])
    assert sorted(len(g.mentions) for g in index.groups.values()) == [1, 2]


def test_bombardment_told_as_shelling_by_one_outlet_is_still_one_event():
    shelling = mention("b", sub_event_type="Shelling/artillery/missile attack")
    assert mention_match(mention("a"), shelling) >= FusionIndex().threshold


def test_sub_types_of_different_families_are_weak_evidence():
    """A gas attack and shelling in one city on one day, no named actors or tolls: two events."""
    city = {"admin1": "Damascus", "admin2": "Damascus", "location": "Damascus", "latitude": 33.51,
            "longitude": 36.29, "geo_precision": 2, "actor1": "", "actor2": "", "fatalities": 0}
    gas = mention("a", sub_event_type="Chemical weapon", **city)
    shelling = mention("b", sub_event_type="Shelling/artillery/missile attack", **city)
    assert (mention_match(gas, shelling) or 0) < FusionIndex().threshold
    assert mention_match(gas, replace(shelling, sub_event_type="Chemical weapon", article_id="c")) >= FusionIndex().threshold


def test_adjacent_days_in_a_city_named_like_its_region_need_agreeing_tolls():
    city = {"admin1": "Aleppo", "admin2": "Jebel Saman", "location": "Aleppo", "latitude": 36.2, "longitude": 37.16,
            "actor1": "Military Forces of Syria (2000-)"}
    today = mention("a", fatalities=0, **city)
    yesterday = mention("b", event_date="2021-05-01", fatalities=17, published="2021-05-01", **city)
    assert mention_match(today, yesterday) is None
    assert mention_match(replace(today, fatalities=16), yesterday) >= FusionIndex().threshold
    # published the same day, "yesterday" in one report and the page date in the other
    assert mention_match(today, replace(yesterday, published="2021-05-02")) is not None
    # a named town on either side is anchor enough
    town = replace(yesterday, location="Hayyan", latitude=36.29, longitude=37.1, geo_precision=1)
    assert mention_match(today, town) is not None


def test_an_attack_told_without_its_weapon_can_be_the_bombing():
    town = {"admin1": "Al Hasakeh", "admin2": "Al Hasakeh", "location": "Al Hasakah", "latitude": 36.5,
            "longitude": 40.75, "actor1": "", "actor2": "", "fatalities": 0}
    attack = mention("a", event_type="Violence against civilians", sub_event_type="Attack", **town)
    bombing = mention("b", sub_event_type="Suicide bomb", **town)
    assert mention_match(attack, bombing) >= FusionIndex().threshold
    clash = mention("c", event_type="Battles", sub_event_type="Armed clash", **town)
    assert mention_match(clash, bombing) is None  # a clash and a bombing stay apart


def test_one_outlets_regime_is_anothers_army():
    from sitroom.fuse.fusion import actor_score

    regime = mention("a", actor1="Government of Syria")
    army = mention("b", actor1="Military Forces of Syria (2000-)")
    police = mention("c", actor1="Police Forces of Syria (2000-)")
    rebels = mention("d", actor1="Hayat Tahrir al-Sham")
    assert actor_score(regime, army) > 0
    assert actor_score(army, police) < 0  # a police official is more often the source than the actor
    assert actor_score(regime, rebels) < 0
    us = mention("e", actor1="Military Forces of the United States (2021-)")
    uk = mention("f", actor1="Military Forces of the United Kingdom (2019-)")
    assert actor_score(us, uk) < 0  # the whole country name, not its first word
    assert actor_score(mention("g", actor1="Government of South Sudan"),
                       mention("h", actor1="Military Forces of South Africa (1994-)")) < 0
    assert actor_score(mention("i", actor1="Government of South Sudan"),
                       mention("j", actor1="Military Forces of South Sudan (2011-)")) > 0
