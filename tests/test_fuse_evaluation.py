"""The FA-KES fusion score: pairwise precision and recall over article pairs."""
from sitroom.fuse.evaluation import (
    leading_date,
    main_mention,
    pairwise_scores,
    score_fakes,
)
from sitroom.records import Event, Span


def test_pairwise_scores_count_pairs_not_clusters():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    predicted = {"a": "x", "b": "x", "c": None, "d": "x"}
    s = pairwise_scores(gold, predicted)
    # gold pairs ab ac bc; predicted pairs ab ad bd; one true positive
    assert (s["gold_same_pairs"], s["predicted_same_pairs"], s["true_positives"]) == (3, 3, 1)
    assert (s["precision"], s["recall"]) == (0.333, 0.333)


def test_articles_without_an_event_are_never_merged():
    assert pairwise_scores({"a": 1, "b": 1}, {"a": None, "b": None})["true_positives"] == 0


def test_leading_publication_dates_in_the_formats_pages_open_with():
    assert leading_date("Sun 05 Jul 2015 Dozens dead in raids") == "2015-07-05"
    assert leading_date("Posted on April 4 2017 by the desk") == "2017-04-04"
    assert leading_date("05-07-2015 Raids on the city") == "2015-07-05"  # day first
    assert leading_date("24.08.2013Get short URL") == "2013-08-24"
    assert leading_date("No date here at all") is None


def test_the_main_event_is_the_one_reported_first():
    late = Event(article_id="a", mention_id="a:300", evidence=[Span("x", 300, 301)], confidence=0.9)
    lead = Event(article_id="a", mention_id="a:0", evidence=[Span("y", 0, 1)], confidence=0.5)
    assert main_mention([late, lead]) is lead
    assert main_mention([]) is None


def test_leading_dates_glued_or_after_the_title():
    assert leading_date("Last updated at Apr 232017 An attack on a camp") == "2017-04-23"
    assert leading_date("Strikes kill 9 in a town in the north Wire Wednesday 26 Oct 2016 The strikes hit") == "2016-10-26"


def _m(article: str, pos: int, **kw) -> Event:
    base = {"article_id": article, "mention_id": f"{article}:{pos}", "evidence": [Span("x", pos, pos + 1)],
            "event_date": "2016-10-26", "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike", "country": "Syria", "iso3": "SYR", "admin1": "Idlib",
            "admin2": "Maarrat an Nu'man", "location": "Hass", "latitude": 35.6, "longitude": 36.6,
            "geo_precision": 1, "published": "2016-10-26", "confidence": 0.8}
    return Event(**{**base, **kw})


def test_an_article_recalling_an_incident_in_its_background_does_not_report_it():
    """b's lead tells another incident; its background recalls a's: fused with a's, but b is not
    a report of a's incident (the earlier "any mention linked" definition counted the pair)."""
    rows = [{"unit_id": "u1", "date": "10/26/16", "location": "Idlib"},
            {"unit_id": "u2", "date": "11/02/16", "location": "Hama"},
            {"unit_id": "u3", "date": "11/02/16", "location": "Hama"}]
    a = [_m("0:u1", 0)]
    b = [_m("1:u2", 0, event_date="2016-11-02", admin1="Hama", admin2="Hama", location="Hama", latitude=35.1,
            longitude=36.7, published="2016-11-02"),
         _m("1:u2", 900, published="2016-11-02")]
    c = [_m("2:u3", 0, event_date="2016-11-02", admin1="Hama", admin2="Hama", location="Hama", latitude=35.1,
            longitude=36.7, published="2016-11-02", event_type="Battles", sub_event_type="Armed clash")]
    s = score_fakes(rows, {"0:u1": a, "1:u2": b, "2:u3": c})
    assert (s["true_positives"], s["predicted_same_pairs"]) == (0, 0)
    assert s["any_mention_linked"]["predicted_same_pairs"] == 1


def test_one_incident_told_as_two_mentions_in_the_lead_links_through_either():
    rows = [{"unit_id": "u1", "date": "10/26/16", "location": "Idlib"},
            {"unit_id": "u2", "date": "10/26/16", "location": "Idlib"}]
    a = [_m("0:u1", 0, event_type="Violence against civilians", sub_event_type="Attack"), _m("0:u1", 150)]
    b = [_m("1:u2", 0)]
    s = score_fakes(rows, {"0:u1": a, "1:u2": b})
    assert (s["true_positives"], s["predicted_same_pairs"]) == (1, 1)


def test_a_repeated_text_is_not_a_pair_and_implausible_labels_are_set_apart():
    """Two rows of one text are no fusion decision; a label weeks before its page is left out
    of the plausible-label score."""
    text = "Sun 26 Oct 2016 Strikes hit a school. More text."
    rows = [{"unit_id": "u1", "date": "10/26/16", "location": "Idlib", "article_content": text},
            {"unit_id": "u2", "date": "10/02/16", "location": "Idlib", "article_content": text},
            {"unit_id": "u3", "date": "10/26/16", "location": "Idlib",
             "article_content": "Wed 26 Oct 2016 A school was struck. Other words."}]
    ms = {"0:u1": [_m("0:u1", 0)], "1:u2": [_m("1:u2", 0)], "2:u3": [_m("2:u3", 0)]}
    s = score_fakes(rows, ms)
    assert s["pairs"] == 2  # u1-u2 is one text twice
    assert (s["true_positives"], s["predicted_same_pairs"]) == (1, 2)
    assert s["plausible_labels"]["articles"] == 2
    assert (s["plausible_labels"]["precision"], s["plausible_labels"]["recall"]) == (1.0, 1.0)
