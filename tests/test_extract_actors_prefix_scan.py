"""prefix_scan: the faster finditer used by the actor, date and fatality matchers must give
exactly the matches of the patterns' own finditer. Sentences are our own writing."""
from __future__ import annotations

import re

import pytest

from sitroom.extract import actor_lexicon, dates, prefix_scan

_TEXTS = [
    "Regime forces shelled Kafr Nabl on 3 May 2021; SDF fighters and Turkish-backed factions clashed.",
    "The  army and riot police dispersed protesters. Russian jets struck. the junta's troops withdrew",
    "insecurity forces, non-state forces, pro-Iranian militias and anti-Houthi tribesmen",
    "Unknown gunmen presumably IS killed two civilians in Daraa on Wednesday, 6 November 2019.",
    "Côte d'Ivoire, Türkiye and TÜRKIYE; Ivorian and Turkish soldiers; Burkinabè gendarmes.",
    "\u212aurdish fighters and ſyrian troops",  # Kelvin sign and long s fold onto k and s
    "On ٣ May, 12/05/2019 and 21.08.2013 and 2019-05-03, \xa0last week\xa0and the day before.",
    "HTS, Hayat Tahrir al-Sham and al Nusra Front; is, IS and JaS vs JAS; QSD-led forces",
    "",
    "a",
]


def _sig(matches):
    return [(m.start(), m.end(), m.group(0), m.groups()) for m in matches]


def _windows(text):
    n = len(text)
    yield 0, n
    for lo in range(0, n, 7):
        yield lo, min(n, lo + 23)
        yield lo, n


def _patterns():
    yield from (e.pattern for e in actor_lexicon.actor_entries())
    yield actor_lexicon.demonym_pattern()
    yield from (p for p, _, _ in actor_lexicon.state_word_patterns())
    yield from (p for p, _ in actor_lexicon.assoc_patterns())
    yield from dates._patterns().values()


@pytest.mark.parametrize("text", _TEXTS)
def test_finditer_and_search_equal_re(text):
    for pattern in _patterns():
        for lo, hi in _windows(text):
            assert _sig(prefix_scan.finditer(pattern, text, lo, hi)) == _sig(pattern.finditer(text, lo, hi)), \
                (pattern.pattern[:80], lo, hi)
            got, want = prefix_scan.search(pattern, text, lo, hi), pattern.search(text, lo, hi)
            assert _sig([got] if got else []) == _sig([want] if want else [])


@pytest.mark.parametrize("text", _TEXTS)
def test_pattern_set_and_keyed_alternation_equal_re(text):
    entries = [e.pattern for e in actor_lexicon.actor_entries()]
    pset = prefix_scan.PatternSet(entries)
    demonyms = actor_lexicon._demonyms()
    for lo, hi in _windows(text):
        got = pset.finditer_each(text, lo, hi)
        for i, pattern in enumerate(entries):
            assert _sig(got.get(i, [])) == _sig(pattern.finditer(text, lo, hi)), (pattern.pattern[:80], lo, hi)
        some = frozenset(range(0, len(entries), 3))
        got = pset.finditer_each(text, lo, hi, some)
        assert set(got) <= some
        assert _sig(demonyms.finditer(text, lo, hi)) == _sig(demonyms.pattern.finditer(text, lo, hi))


def test_case_folds_are_complete():
    # Non-ASCII characters IGNORECASE matches with an ASCII letter or digit: the texts holding
    # them take plain finditer, so the list must be complete (checked over the BMP).
    found = {chr(i) for i in range(0x80, 0x10000) if re.match(r"(?i)[a-z0-9_]", chr(i))}
    assert found == set(prefix_scan._FOLDS)
    assert not prefix_scan.text_is_safe("\u212aurds")
    assert not prefix_scan.text_is_safe("on ٣ May")
    assert prefix_scan.text_is_safe("Côte d'Ivoire\xa0– 3 May")


def test_unanalysable_patterns_fall_back():
    for rx in (re.compile(r"\s*x"), re.compile(r"(?:)|a"), re.compile(r".{0,3}b"), re.compile(r"(a)\1")):
        text = "a b  x aab ab"
        assert _sig(prefix_scan.finditer(rx, text)) == _sig(rx.finditer(text))
