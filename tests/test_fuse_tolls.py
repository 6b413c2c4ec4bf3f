"""An article's toll updates stated apart from its event sentences widen that event's range."""
from sitroom.extract.fatality_rules import toll_statements
from sitroom.fuse.fusion import fused_fatalities
from sitroom.fuse.tolls import MentionSpan, toll_updates, with_toll_updates
from sitroom.records import Event, Span

TEXT = ("Warplanes struck a market in the town of Northvale on Friday, killing at least 40 people. "
        "Officials met in the capital to discuss the harvest. "
        "First reports had put the death toll at 15, and the number of dead kept rising overnight. "
        "The war has killed more than 300,000 people since 2011.")


def _mention(text: str, sentence: str, fatalities: int, mid: str) -> Event:
    a = text.index(sentence)
    return Event(article_id="a1", mention_id=mid, fatalities=fatalities, fatalities_low=fatalities,
                 fatalities_high=fatalities, evidence=[Span(sentence, a, a + len(sentence))])


def test_toll_statements_finds_stated_tolls_not_totals():
    found = toll_statements(TEXT)
    assert [t.best for t in found] == [15]


def test_toll_update_goes_to_the_nearest_event_with_a_toll_and_widens_its_range():
    strike = _mention(TEXT, "Warplanes struck a market in the town of Northvale on Friday, killing at least 40 people.",
                      40, "a1:0")
    meeting = _mention(TEXT, "Officials met in the capital to discuss the harvest.", 0, "a1:1")
    spans = [MentionSpan(m.mention_id, m.evidence[0].start, m.evidence[-1].end, m.fatalities,
                         tuple((s.start, s.end) for s in m.evidence)) for m in (strike, meeting)]
    updates = toll_updates(TEXT, spans)
    assert list(updates) == ["a1:0"]
    widened = with_toll_updates(strike, updates["a1:0"])
    assert (widened.fatalities, widened.fatalities_low, widened.fatalities_high) == (40, 15, 40)
    assert strike.fatalities_low == 40  # the stored mention is not changed
    assert fused_fatalities([widened])[1:] == (15, 40)


def test_a_toll_of_another_order_is_not_an_update():
    text = "A roadside bomb killed 2 soldiers near the bridge on Monday. The toll of the siege stands at 400."
    bomb = _mention(text, "A roadside bomb killed 2 soldiers near the bridge on Monday.", 2, "b:0")
    spans = [MentionSpan("b:0", bomb.evidence[0].start, bomb.evidence[0].end, 2,
                         ((bomb.evidence[0].start, bomb.evidence[0].end),))]
    assert toll_updates(text, spans) == {}
