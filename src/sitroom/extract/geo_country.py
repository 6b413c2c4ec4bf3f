"""Country evidence for an article: the names and demonyms of countries, words
used for one country only (armed groups, unit words such as 'barangay' or
'LGA'), and 'Town (District, Province)' parentheses that fit one country's
gazetteer. These are votes; sitroom.extract.geo weighs them with the places
it resolves."""
from __future__ import annotations

import functools
import re

from sitroom.data import load_json
from sitroom.extract.gazetteer import (
    candidates,
    countries,
    country_name_keys,
    load_gazetteer,
    normalise_name,
)

PARENTHESIS = re.compile(r"\(([^()]{2,100})\)")
# 'the US dollar exchange rate': a country's name before its currency says nothing of where
# ("pounds" is left out: "Israel pounds Gaza" is a headline verb)
CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|pound (?:sterling|exchange)|lira|liras|euros?|rubles?|roubles?|rupees?|"
                            r"dinars?|riyals?)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def cue_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every country cue word ('Houthi', 'Barangay', 'LGA') and cue -> iso2."""
    owner = {w: iso2 for iso2, words in load_json("gazetteer_words.json")["country_cues"]["cues"].items()
             for w in words}
    alts = "|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), owner


def cue_votes(text: str) -> dict[str, float]:
    """Weak votes from armed groups and unit words found in one country only:
    an ACLED-style note seldom names its country ('Houthi forces shelled X')."""
    pattern, owner = cue_pattern()
    votes: dict[str, float] = {}
    for cue in set(pattern.findall(text)):
        iso2 = owner[cue]
        votes[iso2] = min(2.0, votes.get(iso2, 0.0) + 1.0)
    return votes


def parenthesis_votes(text: str) -> dict[str, float]:
    """'Argida (Rijau, Niger)', 'Burkan (Mukayras, Al Bayda)': units listed small
    to large name the one country where the first lies in the province named last."""
    g = load_gazetteer()
    hosts_of = admin1_countries()
    votes: dict[str, float] = {}
    for m in PARENTHESIS.finditer(text):
        parts = [normalise_name(x) for x in m.group(1).split(",")]
        if len(parts) > 3 or not parts[-1] or not (hosts := hosts_of.get(parts[-1])):
            continue
        if len(parts) == 1:
            found, weight = set(hosts), 0.5
        else:
            found = {g.cc[i] for i in g.lookup(parts[0]) if (g.cc[i], g.admin1[i], parts[-1]) in g.admin1_keys}
            weight = 1.5
        if len(found) == 1:
            iso2 = found.pop()
            votes[iso2] = votes.get(iso2, 0.0) + weight
    return votes


def country_votes(text: str, title: str | None) -> dict[str, float]:
    _, names = countries()
    strong = country_name_keys()
    votes: dict[str, float] = {}
    said: dict[str, set[str]] = {}  # iso2 -> the keys that named it
    for chunk, weight in ((title or "", 2.0), (text, 1.0)):
        for _, _, s, e, surface in candidates(chunk):
            key = normalise_name(surface)
            iso2 = (names.get(surface) if surface.isupper() else None) or names.get(key)
            if iso2 and CURRENCY_AFTER.match(chunk, e):
                continue  # 'the US dollar'
            if iso2:
                named = key in strong or surface in strong
                votes[iso2] = votes.get(iso2, 0.0) + weight * (1.0 if named else 0.5)
                said.setdefault(iso2, set()).add(key)
    # 'Niger militiamen in Rijau (Niger)' beside 'Nigerian troops': a country's
    # name that is also a province of another country the text names is the province
    provinces = admin1_countries()
    for iso2, keys in said.items():
        hosts = {c for k in keys for c in provinces.get(k, ())} & {c for c in votes if c != iso2}
        if len(hosts) == 1 and all(k in provinces for k in keys):
            host = hosts.pop()
            votes[host] += votes.pop(iso2)
    return votes


@functools.lru_cache(maxsize=1)
def admin1_countries() -> dict[str, frozenset[str]]:
    """Admin1 key -> the countries that have a province of that name."""
    out: dict[str, set[str]] = {}
    for cc, _, key in load_gazetteer().admin1_keys:
        out.setdefault(key, set()).add(cc)
    return {k: frozenset(v) for k, v in out.items()}
