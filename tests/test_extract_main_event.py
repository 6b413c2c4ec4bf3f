"""Which incident an article is mainly about, and what the later sentences of that incident add.

All articles here are written for these tests."""
from __future__ import annotations

from sitroom.extract import extract_events
from sitroom.extract.incidents import title_overlap
from sitroom.records import Article, Event


def article(text: str, title: str | None = None, published: str | None = "2021-05-07") -> Article:
    return Article(id="m1", text=text, content_hash="h", raw_hash="r", published=published, title=title)


def main(events: list[Event]) -> Event:
    return max(events, key=lambda e: e.confidence)  # the first on ties, as the evaluation reads it


def test_a_casualty_sentence_enriches_the_incident_before_it() -> None:
    events = extract_events(article("On 3 March 2021, rebels shelled the town of Saraqib. Two soldiers were killed."))
    assert len(events) == 1
    assert events[0].sub_event_type == "Shelling/artillery/missile attack" and events[0].fatalities == 2


def test_the_headline_sentence_is_told_by_the_sentence_after_it() -> None:
    title = "Army kills 12 militants near Palmyra"
    text = (f"{title}. The army killed 12 militants in air strikes on their positions near Palmyra on Monday, "
            "a monitoring group said. The group did not say how many soldiers were wounded.")
    events = extract_events(article(text, title))
    assert len(events) == 1
    assert events[0].sub_event_type == "Air/drone strike" and events[0].fatalities == 12
    assert events[0].event_date == "2021-05-03"


def test_the_weapon_named_for_the_victims_codes_the_massacre() -> None:
    text = ("Fighter jets committed a massacre in the village of Kafr Nabl on Tuesday, killing 25 civilians. "
            "The victims were hit by air strikes while fleeing the village on foot.")
    events = extract_events(article(text))
    assert len(events) == 1
    assert events[0].sub_event_type == "Air/drone strike" and events[0].fatalities == 25
    assert events[0].confidence > 0.8  # refined by a later sentence, not weakened by it


def test_a_weak_explosive_word_does_not_recode_a_shooting() -> None:
    text = ("On 4 May 2021, gunmen shot and wounded a tribal elder in the town of Saraqib. "
            "The elder had worked with the Air Force Intelligence in the past.")
    assert main(extract_events(article(text))).sub_event_type == "Attack"


def test_the_place_comes_from_the_incident_not_from_a_statement_before_it() -> None:
    text = ("The defence ministry in Damascus said on Sunday that talks would resume. "
            "Gunmen attacked an army checkpoint on Saturday, killing four soldiers. "
            "The attack on the checkpoint near Saraqib lasted an hour.")
    event = main(extract_events(article(text)))
    assert event.location == "Saraqib" and event.fatalities == 4


def test_a_side_incident_told_elsewhere_does_not_outrank_the_lead() -> None:
    title = "Jets strike market in Maarat al-Numan, 12 killed"
    text = ("Government jets struck the market of Maarat al-Numan on Monday, killing 12 civilians, a monitoring "
            "group said. Opposition officials said the strike was the deadliest in the town this year. "
            "Elsewhere in the province, rebels and government forces fought heavy battles around the town of "
            "Kafr Nabl, where dozens of fighters from both sides were killed and wounded on Monday.")
    events = extract_events(article(text, title))
    assert len(events) == 2
    lead = main(events)
    assert lead.sub_event_type == "Air/drone strike" and lead.fatalities == 12


def test_a_later_sentence_about_the_lead_place_joins_the_lead() -> None:
    text = ("Government aircraft bombed the market of Maarat al-Numan on Monday, killing 12 civilians. "
            "Rebels fought government troops near Kafr Nabl. "
            "The air strikes on Maarat al-Numan also destroyed a clinic, the monitor said.")
    events = extract_events(article(text))
    strike = main(events)
    assert strike.sub_event_type == "Air/drone strike"
    assert any("clinic" in span.text for span in strike.evidence)
    assert all(e.sub_event_type != "Air/drone strike" for e in events if e is not strike)


def test_title_overlap_counts_names_and_numbers() -> None:
    assert title_overlap("Army kills 12 militants near Palmyra",
                         "The army killed 12 militants in air strikes near Palmyra.") >= 0.6
    assert title_overlap("Army kills 12 militants near Palmyra", "Talks resumed in Geneva.") == 0.0
    assert title_overlap(None, "anything") == 0.0


def test_a_photo_caption_ranks_below_the_report() -> None:
    report = "Residents of Kafr Nabl staged a sit-in against rising bread prices on Monday, local activists said. "
    strike = "government jets struck a market in Kafr Nabl on 2 May 2021, killing three civilians and wounding ten."
    told = extract_events(article(report + strike[0].upper() + strike[1:]))
    captioned = extract_events(article(report + "In this photo taken later, " + strike))
    told_strike = next(e for e in told if e.sub_event_type == "Air/drone strike")
    caption_strike = next(e for e in captioned if e.sub_event_type == "Air/drone strike")
    assert caption_strike.confidence < told_strike.confidence
    assert main(captioned).sub_event_type == "Peaceful protest"
