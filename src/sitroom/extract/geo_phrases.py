"""What the words around a name say: the unit word after a name or a list of
names ('Abyan, Aden and Lahij governorates'), and places the gazetteer lacks,
told by their context ('X village', 'in the direction of X', 'X (District,
Province)'). An unlisted name is kept as ACLED's location and coded at the
place that situates it (precision 2). Also the dateline test ('BEIRUT (Reuters) -')."""
from __future__ import annotations

import re
from dataclasses import replace

from sitroom.extract.gazetteer import (
    countries,
    english_words,
    normalise_name,
    stopwords,
)
from sitroom.extract.gazetteer import word_list as _word_list
from sitroom.extract.geo_country import PARENTHESIS
from sitroom.extract.interfaces import Place

_REGION_WORDS = _word_list("region_words")
_DISTRICT_WORDS = _word_list("district_words")
_NAME_HEADS = _word_list("name_heads")
_DIRECTION_WORDS = _word_list("direction_words")
_UNIT_PREFIXES = _word_list("unit_prefixes")
_NAME = r"\b(?:(?:al|el|Al|El|Ash|ash|As|as|Ad|ad|Ar|ar|Az|az)[- ])?[A-Z][\w'\u2019]+(?:[- ](?:(?:al|el|Al|ash|as|ad|ar|az)[- ])?[A-Z][\w'\u2019]+){0,2}"
# a named place the gazetteer lacks, told by the words around it
_UNLISTED = re.compile(
    rf"\b(?:village|hamlet|town|city|locality|area|farms?|hill)s? of (?P<a>{_NAME})"
    rf"|(?P<b>{_NAME}) (?:village|hamlet|town|area|farms?|hill|axis|district|township|badia|desert|camp|sector)\b"
    rf"|\b(?:desert|direction|outskirts) of (?P<d>{_NAME})"
    rf"|\b(?:[Bb]arangays?|Brgy\.?) (?P<e>{_NAME})"  # the unit_prefixes words
    rf"|\b(?:in|at|near|shelled|captured|recaptured|recapture|seized|targeted|hit|struck|stormed|raided|"
    rf"attacked|bombed|entered|besieged|control of|vicinity of|outskirts of) "
    rf"(?P<c>{_NAME})(?= (?:in|of) (?:the )?(?:\w+ern )?(?:countryside of )?(?:(?:al|el|ad|ar|as|ash|az)-)?[A-Z]|, [A-Z]| \([A-Z])"
)


def region_word_after(text: str, end: int) -> str:
    """The word right after a name, lower-cased ('province' in 'Idlib province')."""
    m = re.match(r"\s*([A-Za-z-]+)", text[end:end + 20])
    return m.group(1).lower() if m else ""


# the rest of a list of names: 'Abyan[, Aden, and Lahij] governorates'
_LIST_REST = re.compile(r"(?:\s*,\s*|,?\s+(?:and|or)\s+)(?:(?:al|Al|el|El)[- ])?[A-Z][\w'\u2019-]*(?:\s[A-Z][\w'\u2019-]*)?")


def unit_word_after(text: str, end: int) -> str:
    """The word after a name, or after the list it heads, when that word is plural
    ('Abyan, Aden, and Lahij governorates' are all governorates)."""
    word = _singular(region_word_after(text, end))
    if word in _REGION_WORDS or word in _DISTRICT_WORDS:
        return word
    pos, items = end, 0
    while (m := _LIST_REST.match(text, pos)) and items < 6:
        pos, items = m.end(), items + 1
    plural = region_word_after(text, pos) if items else ""
    return _singular(plural) if plural.endswith("s") else word


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"  # counties
    return word[:-1] if word.endswith(("ces", "tes", "ts", "ns", "ships")) else word


def plausible_name(key: str) -> bool:
    """Could this unknown capitalised phrase be a place's name? Not when it is a
    country, a stop word, or made of everyday English words only ('Military
    Police', 'Fierce Fighting')."""
    if not key or key in stopwords() or key in countries()[1]:
        return False
    english = english_words()
    words = key.split()
    if words[-1].endswith("ing") and words[-1] in english:
        return False
    return not all(w in english and w not in _NAME_HEADS for w in words)


def unlisted_place(text: str, start: int, end: int, local: list[Place], best: Place) -> Place | None:
    """'shelled Fleifel in the countryside of Idleb' with Fleifel not in the
    gazetteer: keep its name as the location, coded (ACLED's precision 2) at the
    place that locates it."""
    english = english_words()
    for m in _UNLISTED.finditer(text, start, end):
        group = next(k for k in "abcde" if m.group(k))
        s, e = m.start(group), m.end(group)
        head = re.match(r"\S+\s+", text[s:e])
        if head and normalise_name(head.group()) in _UNIT_PREFIXES:
            s += head.end()  # 'Barangay Capihan' is Capihan
        if e > best.start:
            break
        if any(p.start < e and s < p.end for p in local):
            continue  # the gazetteer knows it
        key = normalise_name(text[s:e])
        first = key.split()[0] if key else ""
        if not plausible_name(key) or (
                first in english and first not in _NAME_HEADS
                and not (first in _DIRECTION_WORDS and " " in key)):  # 'Western Maliha town'
            continue
        if best.start - e > 80:
            continue
        # coded at the place that situates it: 'X town in Idleb countryside' -> Idleb
        anchor = min((p for p in local if p.start >= e), key=lambda p: p.start, default=best)
        return replace(anchor, name=text[s:e], start=s, end=e, location=text[s:e].strip(),
                       geo_precision=2, kind="populated", score=0.0)
    return None


_NAME_BEFORE_PARENTHESIS = re.compile(rf"(?P<n>{_NAME})(?: [a-z]+){{0,3}} ?$")


def situated_place(text: str, start: int, end: int, local: list[Place], iso3: str) -> Place | None:
    """'Argida (Rijau, Niger)', 'Kanpetlet township (Mindat district, Chin state)':
    a name followed by the units that contain it is the event's place (the
    style of ACLED notes and many wire reports). A name the gazetteer lacks,
    or finds in another province, is kept and coded at the first unit named."""
    for m in PARENTHESIS.finditer(text, start, end):
        inside = [p for p in local if m.start() < p.start and p.end < m.end() and p.iso3 == (iso3 or p.iso3)]
        if not inside:
            continue
        # the largest unit, named last, settles the province: 'X (Y district, Z province)'
        regions = [p for p in inside if p.kind == "admin1"]
        anchor = next((p for p in inside if p.admin1 == regions[-1].admin1), inside[0]) if regions else inside[0]
        before = _NAME_BEFORE_PARENTHESIS.search(text, max(start, m.start() - 80), m.start())
        if not before:
            continue
        s, e = before.span("n")
        named = [p for p in local if s <= p.start and p.end <= e]
        if named:
            p = named[0]
            if p.iso3 == anchor.iso3 and p.admin1 == anchor.admin1:
                return p
        if not plausible_name(normalise_name(before.group("n"))):
            continue
        return replace(anchor, name=text[s:e], start=s, end=e, location=before.group("n"),
                       geo_precision=2, kind="populated", score=0.0)
    return None


_DATELINE_AFTER = re.compile(r"\s*(?:,[^()\n]{0,40})?\s*(?:\([A-Za-z .]{2,30}\)\s*)?(?:-|\u2014|\u2013|:)")


def is_dateline(text: str, p: Place) -> bool:
    """'BEIRUT (Reuters) -': where the story was filed, not where the event was."""
    if len(p.name) >= 4 and p.name.isupper() and p.kind != "country":
        return True  # 'BEIRUT Syrian government air strikes ...': a dateline run into the text
    line_start = text.rfind("\n", 0, p.start) + 1
    return p.start - line_start <= 3 and bool(_DATELINE_AFTER.match(text, p.end))


# --- people read as places ('a man named Hassan', 'Sheikh Hassan', 'Hassan al-Ali, a 35-year-old')
_TITLES = (r"Mr|Mrs|Ms|Dr|Gen|General|Col|Colonel|Brig|Brigadier|Maj|Major|Capt|Captain|Lt|Lieutenant|"
           r"Sgt|Sergeant|Commander|President|Minister|Sheikh|Shaikh|Sheik|Imam|Abu|Umm|Bin|Ibn|Prof|Professor|"
           r"Mullah|Emir|King|Prince|Ayatollah|Cleric")
_PERSON_BEFORE = re.compile(rf"(?:\b(?:named|nicknamed|identified as)|\b(?:{_TITLES})\.?)\s+$")
_SURNAME = r"(?:\s+(?:(?:al|el|Al|El|bin|ibn|Abu|abu)[- ])?[A-Z][\w'\u2019-]+){0,3}"
_PERSON_AFTER = re.compile(
    rf"^{_SURNAME},?\s+(?:an?\s+\d+[- ]year[- ]old|aged\s+\d|\(\d+\)|\d+,|the\s+(?:\w+\s+){{0,2}}"
    r"(?:commander|leader|head|chief|spokesman|spokesperson|founder|emir|father|brother|son|mother|"
    r"director|official|activist|journalist|doctor)\b)")
_SAID_AFTER = re.compile(rf"^{_SURNAME}\s+(?:said|says|told|added|tells)\b")


def person_context(text: str, start: int, end: int) -> int:
    """How surely the name text[start:end] is a person's: 2 for a plain cue
    ('named Hassan', 'Sheikh Hassan', 'Hassan al-Ali, a 35-year-old'), 1 for
    a weak one ('Hassan said', 'Hassan told'), 0 for none."""
    if _PERSON_BEFORE.search(text[max(0, start - 20):start]):
        return 2
    after = text[end:end + 120]
    if _PERSON_AFTER.match(after):
        return 2
    return 1 if _SAID_AFTER.match(after) else 0


# --- a demonym before an actor noun names who acted, not where: 'Russian warplanes', 'Iranian-backed'
_ACTOR_AFTER = re.compile(
    r"^(?:-(?:backed|led|supported|allied|made|trained)\b|\s+(?:(?:and|or)\s+[A-Z][a-z]+\s+|"
    r"(?:air|military|armed|special|security|government|state|regime|navy|naval|army|border|defen[cs]e|"
    r"foreign|interior|war|fighter|drone|elite|backed)\s+)?"
    r"(?:warplanes?|war\s+planes?|jets?|aircraft|planes?|drones?|helicopters?|bombers?|forces?|troops?|soldiers?|"
    r"army|military|navy|patrols?|officials?|ministry|minister|government|regime|president|diplomats?|"
    r"advisers?|advisors?|militias?|militiamen|fighters?|mercenaries|units?|convoys?|air\s+force|"
    r"air\s*strikes?|strikes?|raids?|bombardment|bombing|shelling|artillery|embassy|officers?|"
    r"spokes(?:man|woman|person)|media|news|television|state\s+media|agency|envoy|delegation|"
    r"counterparts?|allies|backers?|-backed|-led)\b)", re.IGNORECASE)


def actor_demonym(text: str, p: Place) -> bool:
    """'Russian warplanes', 'Iranian-backed militias', 'Turkish troops': a
    country's adjective that names the actor, not the place of the event."""
    if p.kind != "country" or not p.name[:1].isupper():
        return False
    return bool(_ACTOR_AFTER.match(text[p.end:p.end + 60]))
