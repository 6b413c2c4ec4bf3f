"""Cleaning plain-text pages: furniture out, comments apart, article verbatim."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.clean import clean_document, clean_text
from sitroom.clean.datelines import dateline_date, normalise_date
from sitroom.clean.language import detect_language
from sitroom.errors import InputError, SitroomError
from sitroom.records import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def doc(text: str, **fields) -> RawDocument:
    return RawDocument(origin="test.txt", text=text, **fields)


@pytest.fixture(scope="module")
def scraped():
    return clean_document(doc((FIXTURES / "scraped_page.txt").read_text(encoding="utf-8")))


def test_article_text_is_exactly_the_story(scraped):
    assert scraped.text == (
        "Government artillery shelled the village of Kafr Example near Maarat al-Numan on Tuesday, "
        "killing four civilians, including a woman and her son, local rescuers said.\n\n"
        "The “White Helmets” civil defence group said a second barrage hit a bakery an hour later.\n\n"
        "Residents said fighters of an armed opposition group had shelled a nearby army post the evening before."
    )


def test_metadata_from_the_page(scraped):
    assert scraped.title == "Shelling kills four in village near Maarat al-Numan"
    assert scraped.published == "2017-04-05"
    assert scraped.author == "Jane Example"
    assert scraped.outlet == "Example Monitor"
    assert scraped.language == "en"


def test_every_removed_piece_is_recorded(scraped):
    kinds = [r.kind for r in scraped.removed]
    for kind in ("navigation", "photo_credit", "byline", "dateline", "share", "read_next", "licence",
                 "appeal", "feedback", "comments_header"):
        assert kind in kinds, kind
    assert any(r.text == "Ten things to know about the new border crossings" and r.kind == "navigation"
               for r in scraped.removed)


def test_comments_are_apart_with_authors(scraped):
    assert [(c.author, c.text) for c in scraped.comments] == [
        ("Reader One", "I heard that forty people were killed in the market, not four."),
        ("Reader Two", "The army says it never fired at the village."),
    ]
    assert "forty people" not in scraped.text
    assert all(c.article_id == scraped.id for c in scraped.comments)


def test_verbatim_nbsp_and_curly_quotes_survive():
    body = (
        "Rebels said they had captured\u00a0the\u00a0hill “after heavy fighting” on Monday, a commander told reporters.\n\n"
        "The army’s statement, issued late on Monday, did not mention the hill."
    )
    cleaned = clean_text("Hill captured\n\nby Staff Writer\n\n" + body)
    assert cleaned.text == body
    assert cleaned.title == "Hill captured"


@pytest.mark.parametrize("sentence", [
    "By Monday, rebels had taken the town after clashes that killed 12 fighters.",
    "Share prices fell after the attack on the refinery, which killed two workers.",
    "Photographs showed at least 20 bodies after the air strike on the market.",
    "Comments by the governor suggested the curfew would last until Friday.",
    "Read more about the protests: thousands marched in the capital on Sunday.",
    "The copyright office was burned down by protesters on Tuesday.",
    "Donations of food reached the besieged town on Wednesday after shelling stopped.",
    "Pictures by activists showed bodies in the street after the strike",
    "Latest news from the front shows rebels advanced five kilometres overnight",
    "Support the families of the victims, the UN envoy urged after the massacre.",
    "What do you think? the commander asked, before ordering the assault on the village.",
    "Reported by witnesses, the attack killed five people.",
])
def test_event_sentences_are_never_furniture(sentence):
    text = f"Lead paragraph: clashes erupted in the north on Sunday, officials said.\n\n{sentence}\n\nEnd of the report, officials said."
    cleaned = clean_text(text)
    assert sentence in cleaned.text
    assert cleaned.removed == []


def test_inline_dateline_prefix_is_metadata():
    cleaned = clean_text(" date 2023-02-07 On February 6, two earthquakes struck the region, rescuers said.")
    assert cleaned.published == "2023-02-07"
    assert cleaned.text == "On February 6, two earthquakes struck the region, rescuers said."
    assert cleaned.removed[0].kind == "dateline"


@pytest.mark.parametrize("line, iso", [
    ("Monday, Oct 26, 2020 - 09:05 PM", "2020-10-26"),
    ("Wed 05 Apr 2017", "2017-04-05"),
    ("Published: 12 March 2021 | Updated 14:32 GMT", "2021-03-12"),
    ("Posted on November 7, 2019 at 9:00 am", "2019-11-07"),
    ("2024-11-30T08:00:00+02:00", "2024-11-30"),
    ("The attack happened on 12 March 2021", None),
    ("February 30, 2021", None),
])
def test_datelines(line, iso):
    assert dateline_date(line) == iso


def test_given_dates_are_normalised():
    assert normalise_date("Thu, 03 Mar 2022 10:00:00 GMT") == "2022-03-03"
    assert normalise_date("2019-11-07T00:00:00Z") == "2019-11-07"
    assert normalise_date("March 4, 2021") == "2021-03-04"
    assert normalise_date("not a date") is None


def test_given_metadata_wins():
    article = clean_document(doc(
        "Explosion at depot\n\nAn explosion hit an ammunition depot outside the city on Thursday, the ministry said.",
        title="Explosion at depot", published="2021-07-01", outlet="afp", language="en-GB",
    ))
    assert article.title == "Explosion at depot"
    assert article.text.startswith("An explosion hit")
    assert (article.published, article.outlet, article.language) == ("2021-07-01", "Agence France-Presse", "en")


@pytest.mark.parametrize("text, lang", [
    ("Des frappes aériennes ont tué dix civils dans la ville selon une ONG qui a publié un bilan.", "fr"),
    ("Bei einem Luftangriff auf die Stadt wurden nach Angaben der Behörden zehn Zivilisten getötet.", "de"),
    ("Российские самолеты нанесли удар по лагерю в Идлибе, в результате чего погибли более 60 человек.", "ru"),
    ("قصفت الطائرات الحربية مدينة إدلب صباح اليوم وقتل عشرة مدنيين على الأقل بحسب مصادر محلية في المدينة.", "ar"),
    ("Air strikes on the town killed ten civilians, according to a monitoring group that published a toll.", "en"),
])
def test_language_identification(text, lang):
    assert detect_language(text) == lang


def test_non_english_is_flagged():
    article = clean_document(doc("Des frappes aériennes ont tué dix civils dans la ville selon une ONG qui a publié un bilan."))
    assert article.language == "fr" and not article.is_english


def test_empty_after_cleaning_is_an_input_error():
    with pytest.raises(InputError, match="test.txt: no article text"):
        clean_document(doc("Share\nTweet\nREAD NEXT: something else entirely\n"))
    with pytest.raises(InputError, match="test.txt: no text"):
        clean_document(doc("   "))


def test_cleaning_is_deterministic_and_ids_follow_content():
    a = clean_document(doc("Headline here\n\nTwo people were killed in a car bomb blast in the town on Monday, police said."))
    b = clean_document(RawDocument(origin="other.txt", text="Two people were killed in a car bomb blast in the town on Monday, police said.\n"))
    assert a.content_hash == b.content_hash and a.id == b.id and len(a.id) == 16
    assert a.raw_hash != b.raw_hash


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_random_text_only_raises_our_errors(text):
    try:
        article = clean_document(doc(text))
    except SitroomError:
        return
    assert article.text.strip()
    assert all(r.kind and r.text for r in article.removed)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "Share", "by Jane Example", "READ NEXT: other story", "Photo: someone", "Do you like this article?",
    "Two soldiers were killed when a roadside bomb hit their vehicle near the town on Monday, officials said.",
    "", "Headline words here", "Since you’re here…", "Please support us today.", "1 Comment(s)",
]), max_size=12))
def test_random_page_layouts(lines):
    try:
        article = clean_document(doc("\n".join(lines)))
    except SitroomError:
        return
    assert "Share" != article.text.strip()


def test_masthead_house_byline_and_inline_comments():
    page = (
        "Example Valley Post — News from the valley\n"
        "Mortar fire hits school yard\n"
        "By Example Valley Post staff | Published: 2021-01-02\n"
        "Share this article: Facebook | Twitter | WhatsApp\n\n"
        "Mortar rounds hit a school yard in the town of Example on Saturday, wounding three pupils, teachers said.\n\n"
        "You must be logged in to post a comment.\n"
        "valley_kid: My brother was there.\n"
        "watcher: Nobody will be held to account.\n"
    )
    article = clean_document(doc(page))
    assert article.text == "Mortar rounds hit a school yard in the town of Example on Saturday, wounding three pupils, teachers said."
    assert article.title == "Mortar fire hits school yard"
    assert article.published == "2021-01-02"
    assert article.outlet == "Example Valley Post"
    assert [(c.author, c.text) for c in article.comments] == [
        ("valley_kid", "My brother was there."), ("watcher", "Nobody will be held to account."),
    ]
    without_byline = clean_document(doc("\n".join(line for line in page.splitlines() if not line.startswith("By "))))
    assert without_byline.outlet == "Example Valley Post"  # from the masthead line


def test_weekday_dateline_opening_the_text():
    cleaned = clean_text("Sun 05 Jul 2015 Four dead in shelling of market. Four people were killed on Saturday, a monitor said.")
    assert cleaned.published == "2015-07-05"
    assert cleaned.text.startswith("Four dead in shelling of market.")
    untouched = clean_text("March 5 2011 saw the first protests in the city, activists said.")
    assert untouched.published is None and untouched.text.startswith("March 5 2011")


def test_standfirst_after_the_title_stays_text():
    cleaned = clean_text(
        "Prison riot in the north: what we know\n"
        "Jets pound camp near Example town\n"
        "Dozens of fighters were killed in the strike on the camp\n\n"
        "Jets pounded a camp near Example town on Monday, killing dozens of fighters, a monitor said."
    )
    assert cleaned.title == "Jets pound camp near Example town"
    assert cleaned.text.startswith("Dozens of fighters were killed in the strike on the camp\n\nJets pounded")
    assert [r.text for r in cleaned.removed] == ["Prison riot in the north: what we know"]
