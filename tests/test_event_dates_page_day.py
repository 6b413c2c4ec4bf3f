"""A page that prints its own date atop its text (a dateline: "Posted on ...", "Tue 09 Mar 2021",
"09.03.2021") is the reference for the days an incident is told by ("on Monday", "yesterday"):
they are counted back from it, by ACLED's rule, as from a feed's publication date. FA-KES labels
many such incidents with the page's own date instead; docs/quality.md says why we keep the
counted day. Our own invented sentences, places and outlets.

Tuesday 9 March 2021, Friday 12 June 2020 and Thursday 21 February 2019 are the page dates used.
"""
from __future__ import annotations

import pytest

from sitroom.extract import extract_events
from sitroom.extract.dates import find_date_expressions, resolve_event_date
from sitroom.records import Article


def resolve(text: str, start: int | None = None, end: int | None = None, published: str | None = None):
    return resolve_event_date(text, 0 if start is None else start, len(text) if end is None else end, published)


def span(text: str, first: str, stop: str | None = None):
    start = text.index(first)
    return start, (text.index(stop, start) if stop else len(text))


# --- relative days told on a dated page are counted back from it -----------------------------

@pytest.mark.parametrize("dateline", [
    "Date of publication 9 March 2021",
    "Published March 9 2021",
    "Tue 09 Mar 2021",
    "09.03.2021",
    "Posted on March 9 2021 by Staff Writer",  # "on" leads it, yet it is the page's date
])
@pytest.mark.parametrize("told, day", [
    ("Mortar shells hit the grain market of Tell Marzouk on Monday, killing four traders.", "2021-03-08"),
    ("Mortar shells hit the grain market of Tell Marzouk yesterday, killing four traders.", "2021-03-08"),
    ("Mortar shells hit the grain market of Tell Marzouk on Sunday night, killing four traders.", "2021-03-07"),
    ("The shelling of the grain market of Tell Marzouk took place on Saturday, the Orontes Post said.",
     "2021-03-06"),
])
def test_relative_day_on_a_dated_page_is_counted_back_from_the_page(dateline, told, day):
    text = f"{dateline} {told} Rescuers searched the rubble."
    r = resolve(text, *span(text, told[:12], " Rescuers"))
    assert r.date == day


def test_same_day_weekday_is_the_page_date():
    text = "Tue 09 Mar 2021 Jets struck a fuel depot in Qasr Nabil on Tuesday, residents said."
    r = resolve(text, *span(text, "Jets"))
    assert (r.date, r.precision) == ("2021-03-09", 1)


def test_a_day_told_relative_to_the_story_keeps_its_reading():
    # "The day before" counts from the story's own day (a side event), not from the page.
    text = ("Tue 09 Mar 2021 Jets struck a fuel depot in Qasr Nabil on Tuesday. "
            "The day before, gunmen had attacked a checkpoint near Wadi Hurra.")
    r = resolve(text, *span(text, "The day before"))
    assert (r.date, r.precision) == ("2021-03-08", 1)


# --- what keeps the counted or written day ---------------------------------------------------

def test_publication_metadata_without_a_dateline_keeps_the_counted_day():
    text = "Mortar shells hit the grain market of Tell Marzouk on Monday, killing four traders."
    assert resolve(text, published="2021-03-09").date == "2021-03-08"
    assert resolve("A drone hit a car near Wadi Hurra overnight.", published="2021-03-09").date == "2021-03-08"


def test_a_written_day_near_the_dateline_stays_the_events():
    text = "Published March 9 2021 Mortar shells hit the grain market of Tell Marzouk on March 7, killing four."
    r = resolve(text, *span(text, "Mortar"))
    assert (r.date, r.precision, r.source) == ("2021-03-07", 1, "explicit")


def test_an_event_date_opening_a_note_is_no_dateline():
    # ACLED-style notes open with the event's date, not a page date: "yesterday" counts from it.
    text = "On 9 March 2021, mortar shells hit Tell Marzouk. A second salvo had hit the town yesterday."
    r = resolve(text, *span(text, "A second"))
    assert r.date == "2021-03-08"


def test_feed_metadata_anchors_the_days_when_the_printed_date_differs():
    # The feed says 10 March; the text's dateline says 9 March: the metadata anchors "on Monday".
    text = "Tue 09 Mar 2021 Mortar shells hit the grain market of Tell Marzouk on Monday."
    r = resolve(text, *span(text, "Mortar"), published="2021-03-10")
    assert r.date == "2021-03-08"


# --- a yearless day shortly after the page is still to come ----------------------------------

def test_a_yearless_day_just_after_the_page_is_not_last_years():
    text = ("Fri 12 Jun 2020 Gunmen killed two guards at the dam of Tell Marzouk. "
            "Donors are to meet in the border town of Qasr Nabil on June 20 to discuss the dam.")
    assert [e.kind for e in find_date_expressions(text)][-1] == "month_day"
    r = resolve(text, *span(text, "Donors are"))
    assert r.date == "2020-06-12"  # the page's date, not 20 June 2019


def test_a_yearless_day_well_after_the_page_is_last_years():
    text = "The market was hit on December 30, killing three."
    assert resolve(text, published="2019-11-07").date == "2018-12-30"


# --- end to end --------------------------------------------------------------------------------

def _article(text: str, published: str | None) -> Article:
    return Article(id="pd1", text=text, content_hash="h", raw_hash="r", published=published, title=None,
                   outlet="Levant Ledger")


def test_pipeline_counts_the_day_back_from_a_printed_or_a_feed_date_alike():
    text = ("Date of publication 9 March 2021 Regime helicopters dropped barrel bombs on the village of "
            "Tell Marzouk on Sunday, killing six civilians, local activists said. Rescuers pulled two "
            "children from the rubble.")
    events = extract_events(_article(text, None))
    assert events and events[0].event_date == "2021-03-07"
    body = text[len("Date of publication 9 March 2021 "):]
    events = extract_events(_article(body, "2021-03-09"))
    assert events and events[0].event_date == "2021-03-07"


# --- a toll over the last two or three days is an aggregate ------------------------------------

@pytest.mark.parametrize("window", ["in the past 48 hours", "over the last 72 hours", "during the past 72 hours"])
def test_a_toll_over_the_last_days_is_not_one_incidents(window):
    # Such a sentence may join the lead's incident: its multi-day toll must not become the incident's.
    from sitroom.extract.fatalities import count_fatalities

    text = f"Rocket attacks on the town of Tell Marzouk {window} killed 10 people, a police source said."
    r = count_fatalities(text, 0, len(text))
    assert r.aggregate and r.best == 0


def test_a_yearless_day_just_after_a_december_page_is_not_last_january():
    text = ("Sun 20 Dec 2020 Gunmen killed two guards at the dam of Tell Marzouk. "
            "Donors are to meet in Qasr Nabil on January 5 to discuss the dam.")
    r = resolve(text, *span(text, "Donors are"))
    assert r.date == "2020-12-20"  # not 5 January 2020


def test_a_posted_on_line_is_the_pages_date_not_the_events():
    # "on" leads it, yet it dates the page: "on Monday" counts back from it
    text = "Posted on March 9 2021 by Staff Writer. Mortar shells hit the grain market of Tell Marzouk on Monday."
    assert resolve(text).date == "2021-03-08"


def _main_date(text: str) -> str | None:
    events = extract_events(_article(text, None))
    assert events, text
    main = max(events, key=lambda e: e.confidence)
    if main.event_date:  # the note written for the event tells the same day
        day = main.event_date.split("-")[-1].lstrip("0")
        assert f" {day} " in main.notes.split(",")[0], main.notes
    return main.event_date


def test_a_note_is_dated_by_its_opening_when_a_later_sentence_tells_the_event():
    # the abduction days before is background to the note's own day
    assert _main_date("On 12 March 2021, the body of a shepherd was found near Tell Hamra. "
                      "He had been abducted by gunmen several days earlier.") == "2021-03-12"
    # the motorcade's first day is not the note's event day
    assert _main_date("Around 9 May 2021 (between 4 - 9 May), relatives of missing men staged a protest in Alto "
                      "Verde. From 4 May to 9 May they drove in a motorcade through five towns, protesting.") \
        == "2021-05-09"


def test_an_event_told_in_the_opening_sentence_keeps_its_incidents_day():
    # the clash, not the later death from its wounds, is the event
    assert _main_date("On 21 April 2021, a rebel fighter died of wounds he sustained in clashes with army units "
                      "near Tell Hamra three days earlier.") == "2021-04-18"
