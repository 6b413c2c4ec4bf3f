"""resolve_event_date on page datelines, day spans and the fallback to an earlier date
in the article: our own sentences, known answers."""
from __future__ import annotations

import pytest

from sitroom.extract.dates import find_date_expressions, resolve_event_date


def resolve(text: str, published: str | None = None, start: int = 0, end: int | None = None):
    return resolve_event_date(text, start, len(text) if end is None else end, published)


@pytest.mark.parametrize("text,expected", [
    ("21.08.2013 Shells hit the old market.", (2013, 8, 21)),
    ("30-11-2014 Shells hit the old market.", (2014, 11, 30)),
    ("5-04-2016 Shells hit the old market.", (2016, 4, 5)),  # day first when both readings are valid
    ("12.25.2016 Shells hit the old market.", (2016, 12, 25)),  # month first only when it must be
    ("03.10.2017Get short URL", (2017, 10, 3)),  # page furniture glued to the year
])
def test_numeric_dotted_and_dashed_dates(text, expected):
    e = find_date_expressions(text)[0]
    assert (e.kind, e.year, e.month, e.day) == ("full", *expected)


@pytest.mark.parametrize("text", ["Version 1.2.2019.5 was released.", "Between 10-15 people fled.",
                                  "The score was 3-1 in 2015."])
def test_numbers_that_are_not_dates(text):
    assert not any(e.kind == "full" for e in find_date_expressions(text))


def test_numeric_dateline_anchors_weekdays_and_yesterday():
    text = "14.03.2018 Get short URL Gunmen shot two guards at the gate on Monday. Police said the attackers fled."
    start = text.index("Gunmen")
    r = resolve(text, start=start, end=text.index(" Police"))
    assert (r.date, r.source) == ("2018-03-12", "relative")
    text2 = "14-03-2018 A mortar round killed a shepherd yesterday. Residents buried him."
    r2 = resolve(text2, start=text2.index("A mortar"), end=text2.index(" Residents"))
    assert r2.date == "2018-03-13"


def test_dateline_is_the_date_when_the_sentence_has_none():
    text = "Tue 06 Mar 2018 A mortar round killed a shepherd near the river. Residents buried him the same evening."
    r = resolve(text, start=text.index("A mortar"), end=text.index(" Residents"))
    assert r.date == "2018-03-06"


def test_weekday_span_is_dated_by_its_last_day():
    text = "Sun 08 Apr 2018 Air raids on Saturday and Sunday killed nine people in the hills, a monitor said."
    r = resolve(text, start=text.index("Air raids"))
    assert (r.date, r.precision) == ("2018-04-08", 2)
    r2 = resolve("Fighting on Friday and Saturday killed four men.", published="2018-04-09")
    assert (r2.date, r2.precision) == ("2018-04-07", 2)


def test_a_later_day_month_follows_the_written_date_before_it():
    text = "Around 29 December 2019, a trader went missing. His body was found on 3 January."
    r = resolve(text, start=text.index("His body"))
    assert r.date == "2020-01-03"


def test_future_weekday_is_not_the_event_date():
    text = "Fighting on Sunday killed three fighters; talks are planned next Tuesday."
    assert resolve(text, published="2018-04-10").date == "2018-04-08"


def test_fallback_searches_the_paragraph_then_the_article_before_the_span():
    text = ("On 4 May 2018, a car bomb exploded at the checkpoint.\n\n"
            "Witnesses described the scene.\n\n"
            "The blast destroyed three shops and killed a guard.")
    span = text.index("The blast")
    r = resolve(text, published="2018-05-06", start=span)
    assert (r.date, r.source, r.precision) == ("2018-05-04", "text-date", 2)
    # A date after the publication date is not taken; the publication date is the fallback then.
    late = text.replace("4 May 2018", "9 May 2018")
    assert resolve(late, published="2018-05-06", start=span).source == "published"


def test_fallback_passes_over_since_dates():
    text = "The siege has lasted since 1 March 2018.\n\nA sniper killed a boy at the bakery."
    r = resolve(text, published="2018-05-06", start=text.index("A sniper"))
    assert (r.date, r.source) == ("2018-05-06", "published")


def test_acled_note_opening_date_is_not_a_dateline():
    text = "On 28 April 2020, militants attacked the post. The next day, troops retook it."
    assert resolve(text, start=0, end=text.index(" The next")).date == "2020-04-28"
    assert resolve(text, start=text.index("The next")).date == "2020-04-29"
