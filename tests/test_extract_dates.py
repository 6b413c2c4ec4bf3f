"""resolve_event_date on our own sentences, with known answers."""
from __future__ import annotations

import pytest

from sitroom.extract.dates import find_date_expressions, parse_reference_date, resolve_event_date


def resolve(text: str, published: str | None = "2019-11-07", start: int = 0, end: int | None = None):
    return resolve_event_date(text, start, len(text) if end is None else end, published)


@pytest.mark.parametrize("text,expected", [
    ("On 28 April 2020, two farmers were shot near the well.", "2020-04-28"),
    ("On 05 February 2020, militia fighters captured the hill.", "2020-02-05"),
    ("Property destruction: On 2 June 2022, a depot was set on fire.", "2022-06-02"),
    ("On 28 Apr 2020, a roadside bomb went off.", "2020-04-28"),
    ("The shelling started on March 3, 2021 at dawn.", "2021-03-03"),
    ("Fighting resumed on 2021-03-04 near the dam.", "2021-03-04"),
])
def test_explicit_full_dates_need_no_reference(text, expected):
    result = resolve(text, published=None)
    assert result.date == expected
    assert result.precision == 1
    assert result.source == "explicit"


@pytest.mark.parametrize("text,expected", [
    ("The market was hit on November 2.", "2019-11-02"),
    ("The market was hit on Nov. 6.", "2019-11-06"),
    ("The market was hit on 6 November.", "2019-11-06"),
    # A day after the reference date belongs to the previous year.
    ("The market was hit on December 30.", "2018-12-30"),
])
def test_month_day_takes_the_year_on_or_before_the_reference(text, expected):
    assert resolve(text).date == expected


@pytest.mark.parametrize("text,expected", [
    ("Crowds threw stones at the convoy on Wednesday.", "2019-11-06"),
    ("Troops entered the town on Wednesday night.", "2019-11-06"),
    ("Troops entered the town on Thursday.", "2019-11-07"),  # same weekday as the reference: that day
    ("Troops entered the town on Friday.", "2019-11-01"),
    ("The clinic was struck yesterday.", "2019-11-06"),
    ("The clinic was struck today.", "2019-11-07"),
    ("The clinic was struck last night.", "2019-11-06"),
])
def test_relative_days(text, expected):
    result = resolve(text)
    assert (result.date, result.precision, result.source) == (expected, 1, "relative")


def test_weekday_restating_an_explicit_date_uses_the_date():
    result = resolve("Crowds threw stones on Wednesday, November 6, at the convoy.")
    assert result.date == "2019-11-06"
    assert result.source == "explicit"


def test_week_month_and_year_precisions():
    week = resolve("Several villages were shelled last week.")
    assert (week.date, week.precision) == ("2019-10-31", 2)  # middle of the previous week
    month = resolve("Several villages were shelled earlier this month.")
    assert (month.date, month.precision) == ("2019-11", 3)
    may = resolve("The offensive began in May.")
    assert (may.date, may.precision) == ("2019-05", 3)
    december = resolve("The offensive began in December.")
    assert december.date == "2018-12"
    year = resolve("A similar attack happened last year.")
    assert (year.date, year.precision) == ("2018", 4)
    month_year = resolve("The siege began in August 2016.", published=None)
    assert (month_year.date, month_year.precision) == ("2016-08", 3)


def test_no_date_in_span_takes_the_nearest_preceding_date_in_the_paragraph():
    text = "On 3 May 2021, gunmen stormed the checkpoint. Two guards were killed in the raid."
    second = text.index("Two")
    result = resolve_event_date(text, second, len(text), None)
    assert result.date == "2021-05-03"


def test_no_date_anywhere_falls_back_to_publication_with_week_precision():
    result = resolve("Gunmen stormed the checkpoint.")
    assert (result.date, result.precision, result.source) == ("2019-11-07", 2, "published")


def test_dateline_is_the_reference_when_there_is_no_publication_date():
    text = "BEIRUT, Sunday 5 Jul 2015 - Air strikes on Saturday killed 22 people in the city."
    result = resolve(text, published=None)
    assert result.date == "2015-07-04"


def test_relative_date_in_undated_text_uses_a_full_date_before_it():
    text = "The report was issued on 10 March 2022. Fighting broke out again on Tuesday."
    second = text.index("Fighting")
    assert resolve_event_date(text, second, len(text), None).date == "2022-03-08"


def test_since_and_until_dates_are_not_preferred():
    text = "Since 2 May 2020 the town has been besieged; on 9 May 2020 a shell hit the school."
    assert resolve(text, published=None).date == "2020-05-09"


def test_the_verb_may_is_not_a_month():
    assert all(e.month != 5 for e in find_date_expressions("Officials said more people may die soon."))


def test_odd_input_never_raises():
    assert resolve_event_date("", 0, 0, None).date is None
    assert resolve_event_date("x", 5, 2, "not a date").date is None
    # An impossible day falls back to the month it names.
    assert resolve_event_date("On 31 February 2020 nothing happened.", 0, 30, None).date == "2020-02"
    assert resolve_event_date("\x00\ufffd" * 50, -4, 9999, "2020-01-01").date == "2020-01-01"


def test_parse_reference_date():
    assert parse_reference_date("2019-11-07T10:00:00Z").isoformat() == "2019-11-07"
    assert parse_reference_date("07/11/2019") is None
    assert parse_reference_date(None) is None


@pytest.mark.parametrize("text,expected", [
    ("Around 7 May 2020 (as reported), a patrol came under fire.", "2020-05-07"),
    ("As reported on 1 May 2020, a drone hit a truck.", "2020-05-01"),
])
def test_approximate_dates_keep_the_day_with_week_precision(text, expected):
    result = resolve(text, published=None)
    assert (result.date, result.precision) == (expected, 2)


def test_days_ago_and_story_relative_days():
    assert resolve("The convoy was ambushed two days ago.").date == "2019-11-05"
    assert resolve("The convoy was ambushed 3 days ago.").date == "2019-11-04"
    text = "On 10 March 2022 the town was shelled. The day before, a drone hit the bridge."
    second = text.index("The day")
    # Relative to the story's own date, not to publication.
    assert resolve_event_date(text, second, len(text), "2022-03-15").date == "2022-03-09"


def test_mid_month():
    result = resolve("Fighting flared in mid-October.")
    assert (result.date, result.precision) == ("2019-10", 3)


@pytest.mark.parametrize("text,published,expected", [
    ("Shells fell on 6/11/2019 at noon.", "2019-11-07", "2019-11-06"),  # 6 Nov, not 11 June... nearest before
    ("Shells fell on 6/11/2019 at noon.", "2019-07-01", "2019-06-11"),  # ...unless 6 Nov is still in the future
    ("Shells fell on 25/12/2019 at noon.", None, "2019-12-25"),
    ("Shells fell on 12/25/2019 at noon.", None, "2019-12-25"),
])
def test_numeric_dates(text, published, expected):
    assert resolve(text, published=published).date == expected


@pytest.mark.parametrize("text,expected", [
    ("Tuesday's attack destroyed the bakery.", "2019-11-05"),
    ("Jets struck the town in the early hours of Sunday.", "2019-11-03"),
    ("Jets struck the town on Monday 4 November.", "2019-11-04"),
    ("Jets struck the town on Sept. 14.", "2019-09-14"),
    ("Jets struck the town on the 14th of September.", "2019-09-14"),
])
def test_more_day_expressions(text, expected):
    assert resolve(text).date == expected


# --- what a date dates: the incident, or a later step of the story (date_roles.py) -----------
# 2019-11-07 (the default reference) is a Thursday.

@pytest.mark.parametrize("text,expected", [
    # The deaths of the wounded come after the attack: the attack's day dates the event.
    ("Two more guards died of their wounds on Wednesday after Monday's ambush on the convoy.", "2019-11-04"),
    ("Two more guards died on Wednesday of wounds from Tuesday's shelling of the camp.", "2019-11-05"),
    ("A third victim succumbed on Wednesday to injuries from the blast on Monday.", "2019-11-04"),
    ("His body was found on 6 November; gunmen had seized him on 2 November.", "2019-11-02"),
    ("Mourners buried the dead on Wednesday, a day after the bombing on Tuesday.", "2019-11-05"),
])
def test_follow_up_dates_give_way_to_the_incident_date(text, expected):
    assert resolve(text).date == expected


def test_a_follow_up_date_alone_still_dates_the_span():
    # Nothing else tells the day: the follow-up's day is the nearest known.
    assert resolve("Two wounded guards died of their injuries on Tuesday.").date == "2019-11-05"


@pytest.mark.parametrize("text,role", [
    ("Tuesday's raid destroyed two houses.", "named"),
    ("Shells fell on the market during the 3 November bombardment of the town.", "named"),
    ("The raid took place on Tuesday night.", "named"),
    ("A car bomb exploded on Tuesday near the bridge.", "attached"),
    ("One of the wounded died of his wounds on Tuesday.", "followup"),
    ("The bodies were found on Tuesday in an orchard.", "followup"),
    ("The army said on Tuesday that its patrol had been hit.", "report"),
    ("On 3 November 2019, a guard succumbed to wounds from a shooting.", "followup"),
    ("On 3 November 2019, gunmen shot a guard who later died of his wounds.", ""),
])
def test_date_roles(text, role):
    exprs = find_date_expressions(text)
    assert exprs and exprs[0].role == role


def test_the_date_named_bombing():
    exprs = find_date_expressions("Residents still clear the rubble of the 3 November bombing.")
    assert exprs[0].role == "named"


def test_a_sentence_opening_on_a_death_from_wounds_takes_the_earlier_fighting_day():
    text = "On 21 March 2021, two fighters succumbed to wounds sustained in clashes with the army a few days earlier."
    result = resolve(text, published=None)
    assert (result.date, result.precision) == ("2021-03-18", 2)  # about three days before, known to the week


@pytest.mark.parametrize("text,expected,precision", [
    ("The convoy was ambushed a few days ago.", "2019-11-04", 2),
    ("On 10 March 2022 the town was shelled. Two days later, a drone hit the bridge.", "2022-03-12", 1),
    ("On 10 March 2022 the town was shelled. Three days earlier, a drone hit the bridge.", "2022-03-07", 1),
])
def test_day_counts_relative_to_the_story(text, expected, precision):
    start = text.find(". ") + 2 if ". " in text else 0
    result = resolve_event_date(text, start, len(text), None if "2022" in text else "2019-11-07")
    assert (result.date, result.precision) == (expected, precision)


@pytest.mark.parametrize("text,expected", [
    ("On the night of 5-6 May 2020, gunmen attacked a police post.", "2020-05-05"),
    ("Around 12 June 2022 (week of), militants burned a school.", "2022-06-12"),
    ("On or around 5 May 2020, gunmen shot dead a village chief.", "2020-05-05"),
])
def test_note_openings(text, expected):
    assert resolve(text, published=None).date == expected


def test_a_month_in_the_sentence_before_is_background_not_the_date():
    text = "Troops paraded through the town in April. Two soldiers were killed when a mine hit their truck."
    second = text.index("Two")
    result = resolve_event_date(text, second, len(text), "2019-11-07")
    assert (result.date, result.source) == ("2019-11-07", "published")
    # A day date there still dates it.
    text = "On 3 November a convoy left the town. Two soldiers were killed when a mine hit their truck."
    assert resolve_event_date(text, text.index("Two"), len(text), "2019-11-07").date == "2019-11-03"
