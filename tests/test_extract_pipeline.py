"""extract_events end to end on our own articles: merging, splitting, scope, fields."""
from __future__ import annotations

import pytest

from sitroom.extract import extract_events, set_model
from sitroom.records import Article, Event


def article(text: str, published: str | None = "2021-05-07", title: str | None = None, aid: str = "a1") -> Article:
    return Article(id=aid, text=text, content_hash="h", raw_hash="r", published=published, title=title,
                   outlet="Test Wire")


def kinds(events: list[Event]) -> list[str]:
    return [e.sub_event_type for e in events]


MULTI = (
    "Residents of Tell Abyad threw stones at a passing military convoy on Wednesday, May 5, witnesses said. "
    "Videos showed young men hurling rocks at the armoured vehicles.\n\n"
    "Earlier, on May 2, a drone strike killed four civilians in the village of Kafr Aweid in the south of the province.\n\n"
    "More than 5,000 civilians have been killed in the province since 2015, a monitoring group says. "
    "Analysts warned that attacks on the convoys could increase in the coming weeks."
)


def test_multi_event_article() -> None:
    events = extract_events(article(MULTI))
    assert kinds(events) == ["Mob violence", "Air/drone strike"] or kinds(events) == ["Violent demonstration", "Air/drone strike"]
    riot, strike = events
    assert riot.event_date == "2021-05-05" and strike.event_date == "2021-05-02"
    assert len(riot.evidence) >= 1 and "hurling rocks" in " ".join(s.text for s in riot.evidence)
    assert riot.confidence > strike.confidence  # the lead event is the main event


def test_evidence_spans_are_exact_and_ids_stable() -> None:
    a = article(MULTI)
    first = extract_events(a)
    again = extract_events(a)
    for e in first:
        for span in e.evidence:
            assert a.text[span.start:span.end] == span.text
        assert e.mention_id == f"{a.id}:{e.evidence[0].start}"
        assert 0.0 < e.confidence <= 1.0
        assert e.outlet == "Test Wire" and e.published == "2021-05-07"
        assert e.notes.endswith(".") and e.event_type in e.to_dict()["event_type"]
    assert [e.mention_id for e in first] == [e.mention_id for e in again]


def test_sentences_about_one_incident_merge() -> None:
    text = ("On 3 March 2021, rebels attacked an army checkpoint near Saraqib. "
            "The attack was repelled after an hour of fighting. Two soldiers were killed.")
    events = extract_events(article(text))
    assert len(events) == 1
    assert events[0].sub_event_type == "Armed clash"
    assert len(events[0].evidence) == 1 and events[0].evidence[0].text == text


def test_mentions_keep_the_store_article_id() -> None:
    # The store and fusion key mentions by sitroom's article id; the CLI prints ext_id instead.
    a = article("On 3 March 2021, rebels shelled the town of Saraqib.")
    a.ext_id = "row-17"
    assert extract_events(a)[0].article_id == "a1"


@pytest.mark.parametrize("text", [
    "The defence ministry denied that its aircraft had bombed the market on Friday.",
    "More than 6,000 civilians have been killed by air strikes since 2015, the report said.",
    "About 3,000 foreign soldiers are deployed in the country at two air bases.",
    "The rebels threatened to attack the city if the army did not withdraw.",
    "Analysts expect fighting to intensify and warn that militants could strike the capital.",
    "Foreign ministers met in Geneva and condemned the sanctions, urging talks.",
    "A 6.1 magnitude earthquake struck the region, killing 30 people.",
    "Floods swept through three districts after torrential rain, killing eleven.",
    "Two workers died when a gas cylinder exploded at a restaurant kitchen.",
    "",
])
def test_not_events(text: str) -> None:
    assert extract_events(article(text)) == []


def test_comments_are_not_extracted() -> None:
    text = ("On 3 March 2021, rebels shelled the town of Saraqib.\n\n"
            "You must be logged in to post a comment.\n\n"
            "Reader42: on 4 March the army bombed the hospital in Ariha and killed 30.")
    events = extract_events(article(text))
    assert kinds(events) == ["Shelling/artillery/missile attack"]


def test_acled_style_note_gives_one_event() -> None:
    note = ("On 9 May 2022, IS militants attacked a police patrol near Tarmiyah. "
            "The attack was repelled. IS militants detonated an IED during the attack. No fatalities were reported.")
    events = extract_events(article(note, published=None))
    assert len(events) == 1 and events[0].event_type == "Battles"
    assert events[0].event_date == "2022-05-09"


def test_tagged_note_uses_tag() -> None:
    note = "Movement of forces: On 5 May 2022, a joint patrol moved along the highway north of the town."
    events = extract_events(article(note, published=None))
    assert kinds(events) == ["Change to group/activity"]


def test_note_text() -> None:
    events = extract_events(article("On 3 March 2021, rebels shelled the town of Saraqib, killing two civilians."))
    assert events[0].notes.startswith("On 3 March 2021, ")
    assert events[0].notes.endswith("fatalities.") or events[0].notes.endswith("reported.")


def test_model_refines_only_when_sure(tmp_path) -> None:
    from sitroom.extract.model import SubEventModel

    examples = [("gunmen kidnapped the trader on the road", "Abduction/forced disappearance")] * 5 + \
               [("rebels clashed with the army near the bridge", "Armed clash")] * 5
    model = SubEventModel.train(examples, min_count=1)
    path = tmp_path / "m.json"
    model.save(path)
    set_model(SubEventModel.load(path))
    try:
        events = extract_events(article("On 3 March 2021, rebels clashed with the army near the bridge at Saraqib."))
        assert kinds(events) == ["Armed clash"]
    finally:
        set_model(None)


def test_short_report_in_weak_words_is_still_an_event() -> None:
    # No strong trigger ("bombed" alone is weak), but a short report is read with a lower bar.
    events = extract_events(article("On 5 October 2022, the air force bombed rebel hideouts in the hills.", published=None))
    assert kinds(events) == ["Air/drone strike"]
    events = extract_events(article(
        "On 8 January 2022, about forty nurses gathered outside the city hospital in the morning to call for "
        "better pay and hazard allowances.", published=None))
    assert kinds(events) == ["Peaceful protest"]


def test_undated_snippet_in_weak_words_stays_silent() -> None:
    # Only a dated report is assumed to tell an event; news mentions weak words in passing.
    assert extract_events(article("Officials said the death toll from last week's bombing had risen to 45.",
                                  published=None)) == []


@pytest.mark.parametrize("text", [
    "A bus plunged into a gorge, killing 25 passengers.",
    "On Monday, the court acquitted the soldiers accused of killing protesters in 2019.",
    "A fire broke out at a fertiliser plant after the floods. Workers said they heard two small blasts at the plant.",
])
def test_out_of_scope_stays_silent(text: str) -> None:
    assert extract_events(article(text)) == []



LATER_DATE = ("On 1 May 2021, the army shelled the town of Ariha.\n\n"
              "Gunmen attacked a police checkpoint outside the town of Saraqib. "
              "Two officers were killed in the shooting on {when}, a police spokesman said.")


def test_date_given_in_a_later_evidence_sentence() -> None:
    # The lead sentence of the second incident names no date; the next sentence of its evidence
    # does, and that beats the earlier date of the article.
    events = extract_events(article(LATER_DATE.format(when="4 May")))
    assert kinds(events) == ["Shelling/artillery/missile attack", "Armed clash"]
    shelling, clash = events
    assert shelling.event_date == "2021-05-01"
    assert "on 4 May" in " ".join(s.text for s in clash.evidence)
    assert clash.event_date == "2021-05-04" and clash.time_precision == 1


def test_later_weekday_does_not_redate_the_incident() -> None:
    # Only a written day date in the later evidence is taken: "said on Thursday" is often the report's day.
    text = LATER_DATE.format(when="4 May").replace(" on 4 May, a police spokesman said",
                                                   ", a police spokesman said on Thursday")
    events = extract_events(article(text, published="2021-05-08"))
    assert "on Thursday" in " ".join(s.text for e in events for s in e.evidence)
    assert events[-1].event_date != "2021-05-06"


# --- the incident's date over all its sentences (event_dates.py) --------------------------
# 2021-05-12 is a Wednesday.

def test_attack_dated_by_the_attack_not_by_later_deaths() -> None:
    text = ("Two more policemen died of their wounds on Tuesday after Monday's roadside bomb attack on a patrol "
            "near Kadugli, raising the toll to five, residents said.\n\n"
            "The residents said the device was hidden under a pile of stones.")
    events = extract_events(article(text, published="2021-05-12"))
    assert events and events[0].sub_event_type == "Remote explosive/landmine/IED"
    assert events[0].event_date == "2021-05-10"


def test_later_deaths_do_not_split_the_incident() -> None:
    text = ("A roadside bomb hit an army truck near Kadugli on Monday, killing three soldiers. "
            "Two more soldiers died of their wounds on Tuesday, a military source said.")
    events = extract_events(article(text, published="2021-05-12"))
    assert len(events) == 1 and events[0].event_date == "2021-05-10"


@pytest.mark.parametrize("second", [
    "The attack took place on Monday night, residents said.",
    "Monday's raid was the third on the town this month, residents said.",
])
def test_a_next_sentence_naming_the_incident_dates_it(second: str) -> None:
    text = "Gunmen stormed a police station in Kadugli and killed four officers. " + second
    events = extract_events(article(text, published="2021-05-12"))
    assert events[0].event_date == "2021-05-10"


def test_note_date_survives_a_body_found_later() -> None:
    # The lead names only the day the body was found; the note's own opening date is the event's.
    note = ("Around 3 May 2021 (as reported), a trader went missing on the road to Kadugli. "
            "Gunmen are believed to have killed him near the town, and his body was found on 9 May.")
    events = extract_events(article(note, published=None))
    assert events and all(e.event_date == "2021-05-03" for e in events)


def test_dated_note_about_violence_with_crime_words_is_an_event() -> None:
    # News discounts ordinary crime; a dated analyst's note still reports one coded event.
    events = extract_events(article(
        "On 9 August 2021, villagers beat a suspected thief to death and set fire to his motorbike in Kado market.",
        published=None))
    assert len(events) == 1 and events[0].event_date == "2021-08-09"


def test_side_event_told_the_day_before_is_not_the_main_event() -> None:
    from sitroom.evaluate.common import main_event

    note = ("On 4 May 2021, hundreds of teachers marched through Kadugli to demand unpaid salaries. "
            "A smaller protest the day before gathered dozens of striking nurses outside the hospital.")
    events = extract_events(article(note, published=None))
    assert main_event(events).event_date == "2021-05-04"


def test_background_incident_is_not_the_main_event() -> None:
    from sitroom.evaluate.common import main_event
    from sitroom.extract.event_dates import is_background

    text = ("Jets struck a market in Kadugli on Tuesday, killing nine civilians. "
            "In March 2019, rebels captured the town after weeks of heavy fighting that killed dozens of fighters.")
    events = extract_events(article(text, published="2021-05-12"))
    assert main_event(events).event_date == "2021-05-11"
    assert is_background("2019-03", "2021-05-12") and is_background("2021-04-01", "2021-05-12")
    assert not is_background("2021-05-09", "2021-05-12") and not is_background("2021-05", "2021-05-12")
    assert not is_background(None, "2021-05-12") and not is_background("2021-05-09", None)


def test_sample_update_dates_the_bombing_not_the_later_deaths() -> None:
    # Our own sample corpus: an update tells two soldiers "died ... on Tuesday" after "Monday's" bombing.
    from sitroom import api
    from sitroom.data import data_path
    from sitroom.records import RawDocument

    path = data_path("sample/horan-free-voice-daraa-ied-update.txt")
    raw = RawDocument(origin=str(path), ext_id="tafas-update", text=path.read_text(encoding="utf-8"))
    events = api.extract_article(api.clean(raw))
    bombing = next(e for e in events if e.sub_event_type == "Remote explosive/landmine/IED")
    assert bombing.event_date == "2019-10-28"  # Monday; the page is dated Tuesday 29 October


def test_dated_note_without_trigger_is_typed_by_the_shipped_model() -> None:
    # No trigger clears even the fallback bar: the note still reports an event (ACLED notes
    # always do), typed by the model at a low confidence.
    note = "On 9 August 2021, a smuggler died as customs police swept a warehouse in the village of Kor Hanat."
    events = extract_events(Article(id="m1", text=note, content_hash="m1", raw_hash="m1", origin="t"))
    assert len(events) == 1
    ev = events[0]
    assert ev.event_date == "2021-08-09" and ev.event_type
    assert ev.confidence < 0.3


def test_dated_note_about_talks_stays_silent_even_with_the_model() -> None:
    note = "On 9 August 2021, the two foreign ministers met in Vienna to discuss grain exports."
    assert extract_events(Article(id="m2", text=note, content_hash="m2", raw_hash="m2", origin="t")) == []
