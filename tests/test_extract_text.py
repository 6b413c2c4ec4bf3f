"""Sentence splitting with offsets, and the fallback date expressions."""
from __future__ import annotations

from sitroom.extract.text import count_words, find_date_expression, split_sentences


def test_offsets_are_exact() -> None:
    text = "  The U.S. Army said on Jan. 5 that Gen. Smith was killed. 3.5 km away, rebels fled!\n\nNext para.Glued here."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "The U.S. Army said on Jan. 5 that Gen. Smith was killed.",
        "3.5 km away, rebels fled!",
        "Next para.",
        "Glued here.",
    ]
    for s in sents:
        assert text[s.start:s.end] == s.text
    assert sents[2].paragraph == sents[1].paragraph + 1


def test_empty() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


def test_dates() -> None:
    assert find_date_expression("On 28 April 2020, militants attacked.").date == "2020-04-28"
    assert find_date_expression("on November 2, a strike hit", "2019-11-07").date == "2019-11-02"
    # Wednesday before Thursday 7 November 2019
    assert find_date_expression("residents protested on Wednesday", "2019-11-07").date == "2019-11-06"
    assert find_date_expression("no date here") is None
    assert count_words("Rebels shelled al-Bab twice.") == 4
