"""Place comparison for fusion: how strongly two mentions' places say "one incident".

Places form a hierarchy, and reports of one incident sit at different levels of it: one
names the town, another only "the countryside of X" (the governorate), a third the city
named like the governorate ("Idlib" in Idlib), whose name covers many incidents a day.
The score falls as the finer report has less to agree on:

    same town (or within NEAR_KM, or same district)  1.0 / 0.8 / 0.6
    a city named like its governorate, on one side     REGION_NAMED_PLACE_SCORE
    one side known only at governorate level           REGION_LEVEL_PLACE_SCORE
    capital vs its rural governorate, one region-level CAPITAL_RURAL_PLACE_SCORE
    different towns, governorates or countries         None (veto)
"""
from __future__ import annotations

import functools
import re
import unicodedata

from sitroom.extract.gazetteer import km_between, skeleton
from sitroom.records import Event

NEAR_KM = 10.0  # two precise places this close are one place
SAME_TOWN_SCORE = 1.0
NEAR_PLACE_SCORE = 0.8
SAME_DISTRICT_SCORE = 0.6
# Same location, but the location is only the region's own name ("Aleppo" in Aleppo): a city the
# size of Aleppo holds several incidents a day, so the name alone is weaker than a town's. Also
# the cap when one side names only that city and the other a neighbourhood or suburb of it:
# nearness to the whole city is no evidence of one incident.
REGION_NAMED_PLACE_SCORE = 0.5
REGION_LEVEL_PLACE_SCORE = 0.3
CAPITAL_RURAL_PLACE_SCORE = 0.2


@functools.lru_cache(maxsize=65536)
def norm_place(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ad)[- ]", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def same_name(x: str, y: str) -> bool:
    """Two normalised names that are one name in different transliterations (Idleb / Idlib,
    Raqqa / Raqqah, Sweida / Suwayda): the gazetteer's skeleton key, so that fusion and
    geocoding agree on which spellings are one name."""
    return bool(x and y) and (x == y or (len(x) >= 4 and len(y) >= 4 and skeleton(x) == skeleton(y)))


def is_coarse(m: Event) -> bool:
    """Placed only at region level (ACLED geo_precision 3, or no location).
    A town named like its district (Ariha in Ariha district) is still a town."""
    loc = norm_place(m.location)
    precision = m.geo_precision or 1
    return not loc or precision >= 3 or (precision >= 2 and same_name(loc, norm_place(m.admin1)))


def region_named(m: Event) -> bool:
    """The location is the region's own name: the city of Aleppo in Aleppo governorate."""
    return same_name(norm_place(m.location), norm_place(m.admin1))


def region_level(m: Event) -> bool:
    """Placed no finer than its region: region-level, or a city named like the region."""
    return is_coarse(m) or region_named(m)


def same_location(a: Event, b: Event) -> bool:
    """Both name one location (in any transliteration), precise or not."""
    return same_name(norm_place(a.location), norm_place(b.location))


def km_apart(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return km_between(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def place_score(a: Event, b: Event) -> float | None:
    ca, cb = a.iso3 or norm_place(a.country), b.iso3 or norm_place(b.country)
    if ca and cb and ca != cb:
        return None
    a1, b1 = norm_place(a.admin1), norm_place(b.admin1)
    coarse_a, coarse_b = is_coarse(a), is_coarse(b)
    if a1 and b1 and not same_name(a1, b1):
        # A capital and its rural governorate ("Damascus" / "Rural Damascus"): a report placed
        # only at the region level may be about either.
        if (a1 in b1 or b1 in a1) and (coarse_a or coarse_b):
            return CAPITAL_RURAL_PLACE_SCORE
        return None
    la, lb = norm_place(a.location), norm_place(b.location)
    if same_name(la, lb):
        return REGION_NAMED_PLACE_SCORE if region_named(a) or region_named(b) else SAME_TOWN_SCORE
    if not coarse_a and not coarse_b:
        km = km_apart(a, b)
        a2, b2 = norm_place(a.admin2), norm_place(b.admin2)
        if (km is not None and km <= NEAR_KM) or (a2 and a2 == b2):
            if region_named(a) or region_named(b):
                return REGION_NAMED_PLACE_SCORE  # a neighbourhood vs the whole city
            return NEAR_PLACE_SCORE if km is not None and km <= NEAR_KM else SAME_DISTRICT_SCORE
        return None  # two different towns
    if a1 and b1:
        return REGION_LEVEL_PLACE_SCORE  # one side known only at region level, inside the same region
    return 0.1
