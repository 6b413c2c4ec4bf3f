"""The FA-KES fusion score: pairwise precision and recall over article pairs."""
from sitroom.fuse.evaluation import leading_date, main_mention, pairwise_scores
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
