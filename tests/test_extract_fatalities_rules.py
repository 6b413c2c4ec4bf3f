"""fatality_rules: the analyst's own coding statements and deaths told without a number."""
from __future__ import annotations

import pytest

from sitroom.extract.fatalities import _tokens, count_fatalities
from sitroom.extract.fatality_rules import bare_victims, stated_coding, word_number


@pytest.mark.parametrize("text,expected", [
    ("Fatalities unknown; coded as 10 and split among the five events with 2 assigned to each.", 2),
    ("Fatalities coded as 0.", 0),
    ("A total of 12 fatalities were coded for the week.", 12),
    ("6 fatalities split between the three events.", 2),
    ("Shells fell on the village.", None),
])
def test_stated_coding(text, expected):
    assert stated_coding(text) == expected


def test_word_number():
    assert word_number("twenty-one") == 21 and word_number("both") == 2 and word_number("some") is None


@pytest.mark.parametrize("text,expected", [
    ("The gunmen shot him at the door.", 0),
    ("Masked men killed him at the door.", 1),
    ("His death was reported by neighbours.", 1),
    ("The shepherd was killed by a landmine.", 1),
])
def test_bare_victims(text, expected):
    low = [w.lower() for w in _tokens(text)[0]]
    assert sum(q.value for q in bare_victims(low)) == expected


def test_count_uses_the_rules():
    text = "Militants killed four herders. Fatalities coded as 3 after a correction."
    assert count_fatalities(text, 0, len(text)).best == 3
    text2 = "Masked men killed him outside the mosque."
    assert count_fatalities(text2, 0, len(text2)).best == 1
