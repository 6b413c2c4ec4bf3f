"""Loading the actor data files into compiled matchers.

Data files (under src/sitroom/data/):
- ``actors.tsv``: named and generic actors, their alias patterns and ACLED names;
- ``demonyms.tsv``: every ACLED country, its "Military Forces of ..." form and its demonyms;
- ``actor_state_words.tsv``: nouns that name state forces ("jets", "police", "regime forces");
- era suffixes of state-force names: see actor_eras.py.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitroom.data import load_tsv
from sitroom.extract import prefix_scan
from sitroom.extract.actor_eras import (  # noqa: F401 (re-exported)
    STATE_KINDS,
    Era,
    countries,
    era_for,
    eras,
    state_actor,
)


@dataclass(frozen=True)
class ActorEntry:
    """One row of actors.tsv, its aliases compiled into one pattern."""

    pattern: re.Pattern
    actor: str  # template: "{country}", "{era}", "@military", "@police", "@government"
    inter: int
    home: str
    countries: frozenset[str]
    year_from: int | None
    year_to: int | None
    order: int  # row order: earlier rows win ties

    def applies(self, country: str, year: int | None) -> bool:
        if self.countries and country not in self.countries:
            return False
        if year is not None:
            if self.year_from is not None and year < self.year_from:
                return False
            if self.year_to is not None and year > self.year_to:
                return False
        return True


def _years(spec: str) -> tuple[int | None, int | None]:
    spec = (spec or "").strip()
    if not spec:
        return None, None
    lo, _, hi = spec.partition("-")
    return (int(lo) if lo else None, int(hi) if hi else None)


_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9\\-]{1,7}s?$")


def _acronyms_case_sensitive(body: str) -> str:
    """Wrap top-level all-capital alternatives ("JAS", "IS", "SDF") so they match only in capitals:
    "JaS" (Levant Front) is not "JAS" (Boko Haram), and "is" is not IS."""
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return "|".join(f"(?-i:{p})" if _ACRONYM.match(p) and sum(c.isupper() for c in p) >= 2 else p
                    for p in parts)


@functools.lru_cache(maxsize=1)
def actor_entries() -> tuple[ActorEntry, ...]:
    entries = []
    for i, row in enumerate(load_tsv("actors.tsv")):
        body = (row.get("aliases") or "").strip()
        if not body or not row.get("actor"):
            continue
        flags = 0 if (row.get("case") or "").strip() == "cs" else re.IGNORECASE
        acronym = re.match(r"^([A-Za-z][A-Za-z0-9-]{2,7}):\s", row["actor"])
        if acronym:  # "JaS: Levant Front" is also written "JaS"
            body = f"{body}|{re.escape(acronym.group(1))}"
        body = _acronyms_case_sensitive(body)
        try:
            pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
        except re.error:
            continue
        lo, hi = _years(row.get("years", ""))
        countries = frozenset(c for c in (row.get("countries") or "").split("|") if c)
        entries.append(ActorEntry(pattern, row["actor"].strip(), int(row.get("inter") or 0),
                                  (row.get("home") or "").strip(), countries, lo, hi, i))
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def entry_set() -> prefix_scan.PatternSet:
    """All entries' patterns, scanned together (same matches as each pattern's own finditer)."""
    return prefix_scan.PatternSet([e.pattern for e in actor_entries()])


@functools.lru_cache(maxsize=256)
def _applicable(country: str, year: int | None) -> frozenset[int]:
    return frozenset(i for i, e in enumerate(actor_entries()) if e.applies(country, year))


@functools.lru_cache(maxsize=1)
def demonym_index() -> dict[str, str]:
    """Lower-cased demonym or country word -> ACLED country name."""
    index: dict[str, str] = {}
    for r in load_tsv("demonyms.tsv"):
        for w in (r.get("words") or "").split("|"):
            if w:
                index.setdefault(w.lower(), r["country"])
    return index


@functools.lru_cache(maxsize=1)
def _demonyms() -> prefix_scan.KeyedAlternation:
    words = sorted(demonym_index(), key=len, reverse=True)
    # Case-sensitive on the first letter: "US" not "us"; demonyms are capitalised in news text.
    return prefix_scan.KeyedAlternation(r"(?<![\w-])({body})(?:'s)?(?![\w])", words, re.IGNORECASE)


def demonym_pattern() -> re.Pattern:
    return _demonyms().pattern


def demonym_matches(text: str, lo: int, hi: int) -> list[re.Match]:
    """demonym_pattern().finditer(text, lo, hi), as a list, found faster."""
    return _demonyms().finditer(text, lo, hi)


@functools.lru_cache(maxsize=1)
def state_word_patterns() -> tuple[tuple[re.Pattern, str, bool], ...]:
    out = []
    for row in load_tsv("actor_state_words.tsv"):
        body = row.get("words") or ""
        if not body:
            continue
        out.append((re.compile(rf"(?:{body})(?![\w-])", re.IGNORECASE), row["kind"].strip(),
                    (row.get("bare") or "").strip() == "yes"))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _bare_state_words() -> tuple[prefix_scan.PatternSet, tuple[str, ...]]:
    """The state words that alone name the event country's forces, scanned together, and their kinds."""
    rows = [(p, kind) for p, kind, bare in state_word_patterns() if bare]
    return prefix_scan.PatternSet([p for p, _ in rows]), tuple(kind for _, kind in rows)


@functools.lru_cache(maxsize=1)
def assoc_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, group template) for associated actors: "Women ({country})", "Labour Group (...)"."""
    out = []
    for row in load_tsv("actor_assoc.tsv"):
        try:
            out.append((re.compile(rf"(?<![\w-])(?:{row['words']})(?![\w-])", re.IGNORECASE), row["group"]))
        except (KeyError, re.error):
            continue
    return tuple(out)


@functools.lru_cache(maxsize=1)
def context_overrides() -> tuple[tuple[re.Pattern, str, str, int], ...]:
    out = []
    for row in load_tsv("actor_context.tsv"):
        try:
            out.append((re.compile(row["actor"]), row["country"], row["replacement"], int(row["inter"])))
        except (KeyError, ValueError, re.error):
            continue
    return tuple(out)


@functools.lru_cache(maxsize=1)
def umbrellas() -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for row in load_tsv("actor_umbrellas.tsv"):
        try:
            out.append((row["umbrella"], re.compile(row["members"])))
        except (KeyError, re.error):
            continue
    return tuple(out)


# ---- finding mentions ----

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_ERA = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
# A demonym that only qualifies someone else's group: "Turkish-backed", "pro-Russian", "anti-Houthi".
_BACKED_AFTER = re.compile(r"^-?\s?(?:backed|led|allied|aligned|supported|affiliated|sponsored|funded|"
                           r"trained|linked|made|brokered|controlled|held|run|based)\b", re.IGNORECASE)
_PRO_BEFORE = re.compile(r"(?:\bpro|\banti|\bnon)-\s?$", re.IGNORECASE)
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*)")
_AND_COUNTRY = re.compile(r"\s+and\s+(?:the\s+)?([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*)")
_COUNTRY_AS_ACTOR = re.compile(
    r"(?:\s+and\s+[A-Z][\w-]+)?\s+(?:(?:has|have|had)\s+)?(?:launched|conducted|carried\s+out|struck|shelled|"
    r"bombed|attacked|fired|deployed|sent|withdrew|intercepted|shot\s+down|targeted|hit|invaded|raided)\b(?!\s+by\b)")
# "in Syria attacked by": a place, not an actor.
_PLACE_BEFORE = re.compile(r"\b(?:in|of|from|to|into|across|near|inside|within|over|on|at|toward|towards)\s+$", re.I)
_MODIFIER = re.compile(r"^(?:[A-Z0-9][\w.-]*|[\w]+-[\w-]+|and|army|military|air|naval|navy|security|armed|special|elite|joint|"
                       r"ground|border|regime|government|federal|national|defen[cs]e|backed|allied|reconnaissance|"
                       r"combat|fighter|attack|unmanned|armou?red|infantry|artillery|missile|rocket)$")
_GENERIC_KINDS = {"Civilians", "Protesters", "Rioters", "Unidentified Armed Group"}
# Seen as the head noun right after a named actor ("QSD fighters", "IS militants"): same actor.
_GAP_ABSORB = re.compile(r"^(?:\s|'s\s|’s\s)?$")
# "Turkish and SNA forces": two actors sharing one noun.
_AND = re.compile(r"\s(?:and|&)\s")
# "the regime's Air Force Intelligence", "a regime 4th Division member": the state's own unit.
_POSSESSIVE_GAP = re.compile(r"^(?:'s|’s)?\s+(?:own\s+)?$")
_ANTI_BEFORE = re.compile(r"\banti-\s?$", re.IGNORECASE)




@dataclass
class Mention:
    surface: str
    start: int
    end: int
    actor: str
    inter: int
    rank: int  # lower wins ties between overlapping candidates
    generic: bool  # a common noun ("gunmen", "troops") rather than a name

    def as_tuple(self) -> tuple[str, int, int, str, int]:
        return (self.surface, self.start, self.end, self.actor, self.inter)


def strip_era(name: str) -> str:
    """"Military Forces of Syria (2000-) Air Force" -> "Military Forces of Syria Air Force"."""
    return _ERA.sub("", name or "").strip()


def text_year(text: str, start: int = 0, end: int | None = None, article_text: str | None = None) -> int | None:
    """The year the span (else the article) talks about, for era suffixes and year-bound names."""
    try:
        for source in (text[start:end], article_text or "", text):
            m = _YEAR.search(source or "")
            if m:
                return int(m.group(1))
    except (TypeError, ValueError):
        return None
    return None


def _resolve(template: str, inter: int, home: str, country: str, year: int | None,
             surface: str = "") -> tuple[str, int]:
    owner = home or country
    if "{word}" in template:  # "Hema militiamen" -> "Hema Ethnic Militia (...)"
        template = template.replace("{word}", re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", surface.strip()).split()[0])
    if "{surface}" in template:  # "The Shammar Tribal Militia" -> "Shammar Tribal Militia"
        template = template.replace("{surface}", re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", surface.strip()))
    if template.startswith("@"):
        kind, _, unit = template[1:].partition(" ")
        name = state_actor(kind, owner, year, unit)
        if not name:
            return "", 0
    else:
        name = template
        if "{era}" in name:
            of_name = countries().get(owner, owner)
            kind = "Police Forces" if name.startswith("Police") else "Military Forces"
            era = era_for(kind, of_name, year)
            name = name.replace(" {era}", f" {era}" if era else "").replace("{era}", era)
        name = name.replace("{country}", country or "International")
    if inter == 1 and home and country and home != country:
        inter = 8
    return name, inter


def _named_mentions(text: str, lo: int, hi: int, country: str, year: int | None) -> list[Mention]:
    found = []
    entries = actor_entries()
    matches = entry_set().finditer_each(text, lo, hi, _applicable(country, year))
    for i in sorted(matches):
        entry = entries[i]
        for m in matches[i]:
            if _ANTI_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue  # "anti-Houthi forces" are the Houthis' enemies
            name, inter = _resolve(entry.actor, entry.inter, entry.home, country, year, m.group(0))
            if not name:
                continue
            generic = "{country}" in entry.actor and entry.actor.split(" (")[0] in _GENERIC_KINDS
            found.append(Mention(m.group(0), m.start(), m.end(), name, inter, entry.order, generic))
    return found


def _state_word_at(text: str, pos: int, hi: int, bare_only: bool) -> tuple[str, int] | None:
    for pattern, kind, bare in state_word_patterns():
        if bare_only and not bare:
            continue
        m = pattern.match(text, pos, hi)
        if m and (pos == 0 or not text[pos - 1].isalnum()):
            return kind, m.end()
    return None


def _state_mentions(text: str, lo: int, hi: int, country: str, year: int | None) -> list[Mention]:
    found = []
    index = demonym_index()
    for m in demonym_matches(text, lo, hi):
        word = m.group(1)
        if word.isupper() and len(word) <= 3 and word != m.group(1).upper():
            continue
        if not word[0].isupper():  # "us", "chad": demonyms are capitalised
            continue
        if _BACKED_AFTER.match(text[m.end(): m.end() + 14]) or _PRO_BEFORE.search(text[max(lo, m.start() - 5): m.start()]):
            continue
        home = index.get(word.lower())
        # The force noun may follow after up to two words: "Turkish army forces", "Israeli F-16 jets".
        pos = m.end()
        hit = None
        shared = False  # "Greek and German ministries": each demonym names its own state
        for _ in range(3):
            while pos < hi and text[pos] in " \t":
                pos += 1
            hit = _state_word_at(text, pos, hi, bare_only=False)
            if hit:
                break
            nxt = re.match(r"[\w.-]+", text[pos:hi])
            if not nxt or not _MODIFIER.match(nxt.group(0)):
                break  # "IDF said its troops": only modifiers may stand between demonym and noun
            shared = shared or nxt.group(0) == "and"
            pos += nxt.end()
        if hit and shared:
            hit = (hit[0], m.end())
        if not hit and home and _COUNTRY_AS_ACTOR.match(text, m.end(), hi) \
                and not _PLACE_BEFORE.search(text[max(lo, m.start() - 12): m.start()]) and word.lower() in (
                home.lower(), countries().get(home, "").lower().removeprefix("the ")):
            hit = ("military", m.end())  # "Turkey shelled ...", "Russia and Turkey conducted a patrol"
        if not hit or not home:
            continue
        kind, end = hit
        name = state_actor(kind, home, year)
        if not name:
            continue
        inter = 8 if country and home != country else 1
        found.append(Mention(text[m.start():end], m.start(), end, name, inter, 500, False))
    # Bare force words ("regime forces", "the army", "police") are the event country's own forces.
    if country:
        bare_set, kinds = _bare_state_words()
        matches = bare_set.finditer_each(text, lo, hi)
        for k in sorted(matches):
            kind = kinds[k]
            for m in matches[k]:
                if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
                    continue
                owner, end = country, m.end()
                of = _OF_COUNTRY.match(text, m.end(), hi)
                if of and index.get(of.group(1).lower()):
                    owner, end = index[of.group(1).lower()], of.end()
                name = state_actor(kind, owner, year)
                if name:
                    found.append(Mention(text[m.start():end], m.start(), end, name,
                                         1 if owner == country else 8, 800, owner == country))
                both = _AND_COUNTRY.match(text, end, hi) if of else None
                other = index.get(both.group(1).lower()) if both else None
                if other and state_actor(kind, other, year):  # "forces of India and Pakistan"
                    found.append(Mention(both.group(1), both.start(1), both.end(1), state_actor(kind, other, year),
                                         1 if other == country else 8, 800, False))
    return found


def _select(text: str, cands: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest first, then the better-ranked row."""
    # "Turkish Gendarmerie forces", "Iraqi PMF fighters": a name inside a state phrase is the actor.
    states = [c for c in cands if c.rank == 500]
    for st in states:
        inner = [c for c in cands if c.rank < 500 and not c.generic and st.start <= c.start and c.end <= st.end
                 and (c.start, c.end) != (st.start, st.end)]
        if inner and _AND.search(text, st.start, inner[0].start):
            # "Turkish and JWS forces": two actors sharing one noun; the demonym stands alone.
            st.end = st.start + len(re.match(r"[\w'’-]+", text[st.start:st.end]).group(0))
            st.surface = text[st.start:st.end]
        elif inner:
            cands.remove(st)
            inner[0].start, inner[0].end, inner[0].surface = st.start, st.end, text[st.start:st.end]
    chosen: list[Mention] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    # "QSD fighters", "IS militants", "HTS security forces": the noun belongs to the name before it.
    merged: list[Mention] = []
    for c in chosen:
        prev = merged[-1] if merged else None
        if prev and c.generic and not prev.generic and c.inter != 7 and _GAP_ABSORB.match(text[prev.end:c.start]):
            prev.end = c.end
            prev.surface = text[prev.start:c.end]
            continue
        if prev and prev.rank >= 500 and c.rank < 500 and _POSSESSIVE_GAP.match(text[prev.end:c.start]) \
                and c.actor.startswith(prev.actor):
            # "the regime's Air Force Intelligence": the state's own unit, named once.
            c.start, c.surface = prev.start, text[prev.start:c.end]
            merged[-1] = c
            continue
        merged.append(c)
    return merged


def lexicon_mentions(text: str, start: int, end: int, country: str, year: int | None) -> list[Mention]:
    lo, hi = max(0, start), min(len(text), end)
    if hi <= lo:
        return []
    cands = _named_mentions(text, lo, hi, country, year) + _state_mentions(text, lo, hi, country, year)
    chosen = _select(text, cands)
    for m in chosen:
        for pattern, where, replacement, inter in context_overrides():
            if where == country and pattern.match(m.actor):
                m.actor, m.inter = replacement, inter
    return _attribute(text, _apply_umbrellas(chosen))


def _apply_umbrellas(mentions: list[Mention]) -> list[Mention]:
    named = {m.actor for m in mentions}
    for umbrella, members in umbrellas():
        if umbrella in named:
            for m in mentions:
                if members.match(m.actor):
                    m.actor, m.inter = umbrella, 2
    return mentions


# "unknown gunmen presumably IS", "an armed group believed to be HTS": the attribution wins.
_ATTRIBUTION = re.compile(r"^[\s,(]*(?:presumably|presumed(?: to be)?|believed to (?:be|belong to)|likely(?: to be)?|"
                          r"suspected(?: to be)?|thought to be|reportedly|affiliated (?:with|to)|belonging to|"
                          r"linked to|from|of)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)


# "pro-STC forces, coded as Security Belt Forces": the name the coder chose wins.
_CODED_AS = re.compile(r"^[\s,(]*(?:[\w'-]+\s+){0,2}?(?:coded|recorded)\s+as\s+(?:the\s+)?$", re.IGNORECASE)


def _attribute(text: str, mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev and m.inter != 7 and not m.generic and _CODED_AS.match(text[prev.end:m.start]):
            prev.actor, prev.inter, prev.end = m.actor, m.inter, m.end
            prev.surface = text[prev.start:m.end]
            continue
        if (prev and prev.actor.startswith("Unidentified Armed Group") and m.inter in (2, 3, 4)
                and not m.generic and _ATTRIBUTION.match(text[prev.end:m.start])):
            prev.actor, prev.inter, prev.end = m.actor, m.inter, m.end
            prev.surface = text[prev.start:m.end]
            continue
        out.append(m)
    return out


