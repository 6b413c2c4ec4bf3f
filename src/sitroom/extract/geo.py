"""Place resolution: find place names in article text, decide the article's
country, and give each event ACLED's location fields (country, admin1, admin2,
location, coordinates, geo_precision).

Candidates are runs of capitalised words (with Arabic articles and connectors
such as 'al-', 'de', 'of' inside), looked up longest first in the offline
gazetteer (`sitroom.extract.gazetteer`). Ambiguous names are settled by the
article's country, the regions it names, population and feature kind.
Nothing here raises on odd text: what cannot be resolved is left out.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import replace

from sitroom.extract.gazetteer import FUNCTION_WORDS as _FUNCTION_WORDS
from sitroom.extract.gazetteer import OPENERS as _OPENERS
from sitroom.extract.gazetteer import (
    arabic_countries,
    common_words,
    countries,
    country_info,
    english_words,
    iso3_to_iso2,
    load_gazetteer,
    normalise_name,
    skeleton,
    stopwords,
)
from sitroom.extract.gazetteer import candidates as _candidates
from sitroom.extract.gazetteer import is_capitalised as _is_cap
from sitroom.extract.gazetteer import joined as _joined
from sitroom.extract.gazetteer import tokens as _tokens
from sitroom.extract.gazetteer import word_list as _word_list
from sitroom.extract.geo_country import CURRENCY_AFTER
from sitroom.extract.geo_country import (
    country_votes,
    cue_votes,
    parenthesis_votes,
)
from sitroom.extract.geo_phrases import (
    person_context,
    region_word_after,
    unit_word_after,
)
from sitroom.extract.interfaces import GeoContext, Place

__all__ = ["article_geo_context", "country_info", "find_places", "locate"]


_SPECIFIC = {"populated": 0, "site": 0, "admin2": 1, "region": 1, "admin1": 2, "country": 3}
_REGION_WORDS = _word_list("region_words")
_DISTRICT_WORDS = _word_list("district_words")
_NEIGHBOURHOOD_WORDS = _word_list("neighbourhood_words")
_DIRECTION_WORDS = _word_list("direction_words")
_DATE_ABBREVIATIONS = _word_list("date_abbreviations")
_ORGANISATION_HEADS = _word_list("organisation_heads")
_PARTY_AFTER = re.compile(r"\s+(?:(?:Democratic|Workers'?|Patriotic|Socialist|Communist|Islamic|National)\s+)?(?:Party|Union)\b")
# an all-caps word next to another, in a list: 'the CGT, SUD and FO unions'
_ACRONYM_LIST = re.compile(r"\b[A-Z]{2,6}(?:,\s*|\s+and\s+|\s+or\s+)[A-Z]{2,6}\b")
_WEAPON_NOUNS = _word_list("weapon_nouns")
_NEXT_WORD = re.compile(r"[ -]([A-Z][a-z]+)\b")
_DATE_AFTER = re.compile(r",?\s*(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)")
# a place named in a clause that only situates another: 'stronghold in nearby Idlib'
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:nearby|neighbou?ring|adjacent|stronghold (?:in|of)|bastion (?:in|of))\s+(?:the\s+)?(?:(?:city|town|province) of\s+)?$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\bclose to|\bvicinity of|\baround|\bcountryside of|\brural|\bareas? of|\bnorth of|"
    r"\bsouth of|\beast of|\bwest of|\b(?:north|south)-?(?:east|west) of|\boutside|\bkm (?:\w+ )?(?:of|from)|"
    r"\bkilometers (?:\w+ )?(?:of|from)|\bkilometres (?:\w+ )?(?:of|from)|\bmiles (?:\w+ )?(?:of|from)|"
    r"\bsurroundings of|\bouter)\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(r"^(?:['\u2019]s)?\s*(?:countryside|rural area|desert|surroundings|environs|region|area)\b", re.IGNORECASE)
_ARABIC_ARTICLE = re.compile(r"(?:^|\s)(?:al|el|ad|ar|as|ash|az|at|an|ath)[-\s]", re.IGNORECASE)
_PREP_BEFORE = re.compile(r"\b(?:in|at|on|near|into|outskirts of|town of|city of|village of|from)\s+(?:the\s+)?$", re.IGNORECASE)


class _Resolver:
    """Finds and disambiguates places for one text under one country context."""

    def __init__(self, text: str, iso2: str = "", mentioned: set[str] | None = None,
                 admin1_named: set[tuple[str, str]] | None = None, min_pop: int | None = None,
                 scan: tuple[list, tuple] | None = None, lower_words: set[str] | None = None,
                 named: set[str] | None = None):
        self.text = text
        # countries the text names outright: only there may a region abroad be meant
        self.named = named
        # (tokens, candidates) of `text`, when the caller has them already
        self.toks, self.cands = scan if scan is not None else (_tokens(text), _candidates(text))
        self.min_pop = min_pop  # without a country: smallest foreign town accepted
        self.iso2 = iso2
        self.mentioned = mentioned or set()
        if self.named is None:
            self.named = self.mentioned
        self.admin1_named = admin1_named or set()
        self.admin2_named: set[tuple[str, str, str]] = set()
        self.g = load_gazetteer()
        self.table, self.country_names = countries()
        self.stop = stopwords()
        self.common = common_words()
        self.english = english_words()
        self.lower_words = lower_words
        self._prep: list[tuple] | None = None

    def _common_word(self, word: str) -> bool:
        """A capitalised word also used in lower case in this text is not a name."""
        if self.lower_words is None:
            self.lower_words = _lower_words(self.text)
        return word.lower() in self.lower_words

    def _tail_of_longer_name(self, i: int) -> bool:
        """'Kafr Rumah', 'Maarat al-Numan' unknown as a whole: 'Rumah' or
        'al-Numan' alone is not this place (it names a town elsewhere)."""
        toks = self.toks
        k = i
        while k > 0 and toks[k - 1][2].lower() in _OPENERS and not _is_cap(toks[k - 1][2]):
            k -= 1  # step back over 'al-' in 'Maarat al-Numan'
        if k == 0 or self.text[toks[k - 1][1]:toks[k][0]] not in (" ", "-"):
            return False
        prev = toks[k - 1][2]
        if not _is_cap(prev) or prev.lower() in _FUNCTION_WORDS or prev.lower() in _DIRECTION_WORDS:
            return False  # 'Western Aleppo' names Aleppo
        opens_with_article = k < i or toks[i][2].lower() in _OPENERS
        return normalise_name(prev) in self.stop or (opens_with_article and prev.lower() not in _OPENERS)

    def _score(self, i: int, surface: str, key: str = "") -> float | None:
        g = self.g
        kind, cc, pop = g.kind[i], g.cc[i], g.pop[i]
        if cc != self.iso2 and kind == "populated":
            # abroad, only a town's own name counts: GeoNames alternates hold
            # historic and foreign-language names ('Human' for Uman)
            if key and key != g.primary[i] and (
                pop < (1_000_000 if self.iso2 else 20_000) or any(w in self.english for w in key.split())
            ):
                return None  # big towns keep their exonyms, but not 'White House' (Casablanca)
            if key in self.common:
                return None
        score = math.log10(pop + 10)
        if not self.iso2 and key and key != g.primary[i]:
            score -= 1.0  # with no country yet, a town's own name beats another's alternate ('Tafas')
        if kind == "admin1":
            score += 0.5
        elif kind == "admin2":
            score -= 0.5
        elif kind in ("site", "region"):
            score += 4.0
        elif kind == "country":
            score -= 3
        if self.iso2:
            if cc == self.iso2:
                score += 6
            elif kind in ("admin1", "admin2", "region") and cc not in self.named:
                return None  # a region abroad counts only when its country is named too
            elif cc in self.mentioned:
                score += 2.5
            elif pop < 50000 and kind != "site":
                return None
        else:
            if cc in self.mentioned:
                score += 3
            elif kind not in ("site", "admin1") and pop < (
                self.min_pop if self.min_pop is not None else 5000 if " " in surface.strip() else 20000
            ) and not (self.min_pop is not None and self._unique(i, key)):
                return None
        if (cc, g.admin1[i]) in self.admin1_named:
            score += 2.5
        if (cc, g.admin1[i], g.admin2[i]) in self.admin2_named:
            score += 2.0  # 'San Rafael, Bulacan': the one in the district named beside it
        if _ARABIC_ARTICLE.search(surface):
            # 'Ad Dali', 'al Khadir': an Arabic name is likelier in an Arab country
            score += 2.0 if cc in arabic_countries() else -3.0
        return score

    def regions_named(self, places: list[Place]) -> bool:
        """Note the provinces and districts `places` name (they favour their own
        towns in the next pass); True when there are any."""
        self.admin1_named = {(_iso2_of(p.iso3), p.admin1) for p in places if p.kind in ("admin1", "admin2")}
        self.admin2_named = {(_iso2_of(p.iso3), p.admin1, p.admin2) for p in places if p.kind == "admin2"}
        return bool(self.admin1_named or self.admin2_named)

    def _unique(self, i: int, key: str) -> bool:
        """The only place of that name anywhere (its own name, no English word):
        with nothing else to go by, it is the place meant ('Zgharta')."""
        return len(self.g.lookup(key)) == 1 and key == self.g.primary[i] and len(key) >= 5 \
            and not any(w in self.english for w in key.split())

    def best(self, ids: list[int], surface: str, key: str | None = None) -> tuple[int, float] | None:
        best = None
        key = normalise_name(surface) if key is None else key
        for i in ids:
            sc = self._score(i, surface, key)
            if sc is not None and (best is None or sc > best[1]):
                best = (i, sc)
        return best

    def _prepared(self) -> list[tuple]:
        """The candidates that pass every test not depending on the pass's
        state, with their keys and row ids: (start, end, surface, key, country
        iso2 or "", ids, english). Computed once per resolver."""
        if self._prep is not None:
            return self._prep
        g, stop, names, english_words = self.g, self.stop, self.country_names, self.english
        prep = []
        for i, j, s, e, surface in self.cands:
            key = normalise_name(surface)
            if not key or key in stop:
                continue
            # countries first: 'Syria', 'Syrian', 'US'
            iso2 = names.get(surface) if surface.isupper() else None
            iso2 = iso2 or names.get(key)
            if iso2 and CURRENCY_AFTER.match(self.text, e):
                continue  # 'the US dollar exchange rate' says nothing of where
            if iso2:
                prep.append((s, e, surface, key, iso2, None, False, False, 0))
                continue
            if surface.isupper() and len(surface) <= 3 and _ACRONYM_LIST.search(self.text, max(0, s - 8), e + 8):
                continue  # 'CGT, SUD and LAB': an acronym among acronyms, not the Sud department
            if _PARTY_AFTER.match(self.text, e):
                continue  # 'the Kurdistan Democratic Party': a party, neither place nor country
            if surface in _DATE_ABBREVIATIONS and _DATE_AFTER.match(self.text, e):
                continue  # 'Mon Oct 31 2016' is a date, not Mon State
            english = i == j and key in english_words
            nxt = _NEXT_LOWER_WORD.match(self.text, e)
            if nxt and nxt.group(1) in _WEAPON_NOUNS:
                continue  # 'Makarov pistols', 'Grad rockets': a weapon's name
            if nxt and (site := g.lookup(f"{key} {nxt.group(1)}")):
                # 'Hole camp', 'Tishrin dam': the name with its lower-case head word
                prep.append((s, nxt.end(), self.text[s:nxt.end()], f"{key} {nxt.group(1)}", "", site, False, False, 0))
                continue
            ids = g.lookup(key)
            if not ids and self.iso2 and len(key) >= 4 and not english:
                skel = skeleton(key)
                if len(skel) >= 4:  # 'Maar', 'Deen' are too short to match loosely
                    ids = g.lookup_skeleton(self.iso2, skel)
            elif not ids and self.min_pop is not None and len(key) >= 6 and not english:
                # nothing says where we are: a loose spelling may still name a city ('Quamishli')
                skel = skeleton(key)
                floor = 10_000 if len(skel) >= 6 and " " in key else 100_000  # long names collide less
                if len(skel) >= 5:
                    ids = [k for cc in self.table for k in g.lookup_skeleton(cc, skel) if g.pop[k] >= floor]
            if not ids:
                continue
            if i == j and self._common_word(surface):
                continue
            if self._tail_of_longer_name(i):
                continue
            hood = region_word_after(self.text, e) in _NEIGHBOURHOOD_WORDS
            person = 0 if _PREP_BEFORE.search(self.text[max(0, s - 20):s]) else person_context(self.text, s, e)
            if not person and _OUTLET_AFTER.match(self.text, e):
                person = 1  # 'Al-Quds hospital', 'Al-Manar TV': a name abroad is the institution's
            if person == 2:
                continue  # 'a man named Hassan', 'Sheikh Hassan': a person, not Hassan (India)
            prep.append((s, e, surface, key, "", ids, english, hood, person))
        self._prep = prep
        return prep

    def find(self, lo: int = 0) -> list[Place]:
        g = self.g
        places: list[Place] = []
        covered_until = -1
        for s, e, surface, key, iso2, ids, english, hood, person in self._prepared():
            if s < covered_until or s < lo:
                continue
            if iso2:
                places.append(self._country_place(iso2, surface, s, e))
                covered_until = e
                continue
            found = self.best(ids, surface, key)
            if found is None:
                continue
            if english and g.kind[found[0]] == "populated" and g.pop[found[0]] < 100_000:
                continue  # 'Neither', 'Deputy': an English word before it is a village
            if person and g.cc[found[0]] != self.iso2 and g.kind[found[0]] == "populated":
                continue  # 'Hassan said': a speaker, not a town abroad
            if hood and g.kind[found[0]] in ("admin1", "admin2", "region"):
                continue  # 'the Wusta neighbourhood (of Qamishli)' is no region
            places.append(self._place(found[0], surface, s, e, found[1]))
            covered_until = e
        return places

    def _country_place(self, iso2: str, surface: str, s: int, e: int) -> Place:
        c = self.table[iso2]
        lat = lon = None
        row = self.g.country_row.get(iso2)
        if row is not None:
            lat, lon = self.g.lat[row], self.g.lon[row]
        return Place(surface, s, e, c.name, c.name, c.iso3, latitude=lat, longitude=lon,
                     geo_precision=3, kind="country", score=0.0)

    def _place(self, i: int, surface: str, s: int, e: int, score: float) -> Place:
        g = self.g
        kind = g.kind[i]
        c = self.table.get(g.cc[i])
        precision = {"admin1": 3, "admin2": 2, "region": 2, "country": 3}.get(kind, 1)
        return Place(
            name=surface, start=s, end=e, location=g.label[i],
            country=c.name if c else g.cc[i], iso3=c.iso3 if c else "",
            admin1=g.admin1[i], admin2=g.admin2[i], latitude=g.lat[i], longitude=g.lon[i],
            geo_precision=precision, kind=kind, score=round(score, 3),
        )


_NEXT_LOWER_WORD = re.compile(r" ([a-z]{3,})\b")
_OUTLET_AFTER = re.compile(r"\s+(?:hospital|clinic|TV|television|channel|newspaper|daily|radio|news agency|agency)\b",
                           re.IGNORECASE)
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")


@functools.lru_cache(maxsize=16)
def _lower_words(text: str) -> frozenset[str]:
    """The lower-case words of a text (a capitalised one among them is no name)."""
    return frozenset(_LOWER_WORD.findall(text))


def _refine(text: str, places: list[Place], resolver: _Resolver) -> list[Place]:
    """Apply what the words around a name say: 'Idlib province' is the region,
    'Maywand district' the district, 'near X' / 'X countryside' precision 2."""
    g = resolver.g
    out = []
    for p in places:
        after = unit_word_after(text, p.end)
        key = normalise_name(p.name)
        if p.kind in ("populated", "admin2") and after in _REGION_WORDS:
            alt = [i for i in g.lookup(key) if g.kind[i] == "admin1"]
            best = resolver.best(alt, p.name)
            if best is not None:
                p = resolver._place(best[0], p.name, p.start, p.end, best[1])
        elif p.kind in ("populated", "admin1") and after in _DISTRICT_WORDS:
            alt = [i for i in g.lookup(key) if g.kind[i] == "admin2"]
            best = resolver.best(alt, p.name)
            if best is not None:
                p = resolver._place(best[0], p.name, p.start, p.end, best[1])
            else:
                p = replace(p, geo_precision=max(p.geo_precision, 2))
        elif p.kind == "admin1" and after not in _REGION_WORDS:
            # a bare name shared by a region and its capital is the town ('in Idlib')
            alt = [i for i in g.lookup(key) if g.kind[i] == "populated"
                   and g.cc[i] == _iso2_of(p.iso3) and g.admin1[i] == p.admin1 and g.pop[i] >= 20000]
            if alt:
                i = max(alt, key=lambda k: g.pop[k])
                p = resolver._place(i, p.name, p.start, p.end, p.score)
        if p.kind in ("populated", "site") and (
            _NEAR_BEFORE.search(text[max(0, p.start - 40):p.start])
            or _NEAR_AFTER.match(text[p.end:p.end + 30])
        ):
            p = replace(p, geo_precision=2)
        out.append(p)
    return out


def find_places(text: str, context: GeoContext | None = None) -> list[Place]:
    """Every place named in `text`, resolved under `context`'s country if given."""
    try:
        if context is not None and context.iso3:
            iso2 = _iso2_of(context.iso3)
            mentioned = {_iso2_of(k) or k for k in context.countries}
            r = _Resolver(text, iso2, mentioned)
            first = r.find()
            return _refine(text, r.find() if r.regions_named(first) else first, r)
        return article_geo_context(text).places
    except Exception:  # noqa: BLE001 - never break the article on odd text
        return []


def _iso2_of(iso3: str) -> str:
    return iso3_to_iso2().get(iso3, "")


def article_geo_context(text: str, title: str | None = None, outlet: str | None = None) -> GeoContext:
    """The article's dominant country and every place it names."""
    try:
        return _article_geo_context(text or "", title)
    except Exception:  # noqa: BLE001 - never break the article on odd text
        return GeoContext()


def _article_geo_context(text: str, title: str | None) -> GeoContext:
    table, _ = countries()
    votes = country_votes(text, title)
    named = {k for k, v in votes.items() if v >= 1}  # countries the text names outright
    full, toks, cands = _joined(title or "", text)
    for extra in (cue_votes(full), parenthesis_votes(text)):
        for k, v in extra.items():
            votes[k] = votes.get(k, 0.0) + v
    lower = _lower_words(text) | _lower_words(title) if title else _lower_words(text)
    # places with no country context: only big or well-known ones survive and vote;
    # demonyms do not steer this pass ('Russian forces' in Donetsk)
    probe = _Resolver(full, "", named | {k for k, v in votes.items() if v >= 1}, scan=(toks, cands),
                      lower_words=lower, named=named)
    found = probe.find()
    if not votes and not found:
        # nothing says where we are: let smaller towns speak (short reports, ACLED-style notes)
        found = _Resolver(full, "", set(), min_pop=1000, scan=(toks, cands), lower_words=lower).find()
    region_votes: dict[str, float] = {}
    seen: set[tuple[str, str]] = set()
    for p in found:
        if p.kind == "country":
            continue
        iso2 = _iso2_of(p.iso3)
        if iso2 and (iso2, p.location) not in seen:  # a name said twice is still one clue
            seen.add((iso2, p.location))
            w = 1.0 if p.kind != "admin2" else 0.5
            if p.kind == "admin1" or (p.kind == "populated" and _names_its_province(p)):
                w += 0.25  # a province's name settles a tie: 'Izra town in Dara countryside'
            votes[iso2] = votes.get(iso2, 0.0) + w
            if p.kind in ("admin1", "admin2"):
                region_votes[iso2] = region_votes.get(iso2, 0.0) + w
    iso2 = max(votes, key=lambda k: votes[k]) if votes else ""
    mentioned = {k for k, v in votes.items() if v >= 1}
    # when the text names its country and a town there, a bare region name
    # abroad ('the Wusta neighbourhood of Qamishli') needs more than itself to
    # say its country is meant
    home_town = any(p.kind in ("populated", "site") and _iso2_of(p.iso3) == iso2 for p in found)
    vouched = {k for k in mentioned if votes[k] - region_votes.get(k, 0.0) >= 1} \
        if iso2 in named and home_town else None
    r = _Resolver(text, iso2, mentioned, named=vouched)
    places = r.find()
    if r.regions_named(places):
        places = r.find()
    places = _refine(text, places, r)
    places = _with_probe_places(places, found, len(full) - len(text), mentioned - {iso2})
    c = table.get(iso2)
    counts: dict[str, int] = {}
    for k, v in votes.items():
        if k in table:
            counts[table[k].iso3] = counts.get(table[k].iso3, 0) + max(1, int(v))
    return GeoContext(country=c.name if c else "", iso3=c.iso3 if c else "", countries=counts, places=places)


def _with_probe_places(places: list[Place], probed: list[Place], offset: int, mentioned: set[str]) -> list[Place]:
    """Add the well-known places of other countries the text names that the context-free
    pass found and the country-steered pass dropped ('Kobani' in a story whose background
    names Russia more often): an event sentence naming such a place is told there. Places
    of the article's own country that the steered pass rejected ('Sanaa Street') stay out."""
    taken = [(p.start, p.end) for p in places]
    extra = []
    for p in probed:
        # towns and sites only: a bare region name abroad ('Wusta') needs more than itself
        if p.kind not in ("populated", "site") or p.start < offset or _iso2_of(p.iso3) not in mentioned:
            continue
        start, end = p.start - offset, p.end - offset
        if any(a < end and start < b for a, b in taken):
            continue
        extra.append(replace(p, start=start, end=end))
    return sorted(places + extra, key=lambda p: p.start) if extra else places


def _names_its_province(p: Place) -> bool:
    g = load_gazetteer()
    return (_iso2_of(p.iso3), p.admin1, normalise_name(p.name)) in g.admin1_keys


# The event's place (`locate`) lives in geo_locate.py; the pipeline calls it as geo.locate.
from sitroom.extract.geo_locate import locate
