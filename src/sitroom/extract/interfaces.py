"""The contracts between extraction components, each doing one job over the
same article text (the spaCy idea of components over a shared Doc).

Positions are character offsets into the clean article text. A component
never raises on odd text: it returns None / an empty result instead.

Component functions (each module owns one):

- ``sitroom.extract.geo``
    ``article_geo_context(text: str, title: str | None = None, outlet: str | None = None) -> GeoContext``
    ``locate(text: str, start: int, end: int, context: GeoContext) -> Place | None``
        the event's place for the sentence(s) text[start:end], falling back to nearby
        sentences / the article context; None if nothing resolves.
    ``find_places(text: str, context: GeoContext | None = None) -> list[Place]``
- ``sitroom.extract.actors``
    ``assign_actors(text: str, start: int, end: int, event_type: str, sub_event_type: str,
                    country: str, article_text: str | None = None) -> ActorAssignment``
- ``sitroom.extract.dates``
    ``resolve_event_date(text: str, start: int, end: int, published: str | None) -> DateResult``
        relative expressions ("on Wednesday", "last year") resolve against `published`,
        else against a date found in the text; precision 1 day, 2 week, 3 month (ACLED),
        4 is used internally for "year only" and written as time_precision 3.
- ``sitroom.extract.fatalities``
    ``count_fatalities(text: str, start: int, end: int) -> FatalityCount``
        ACLED's rules: killed not injured, lowest credible figure, vague words
        (several=10, dozens=12, hundreds=100), totals over many days/places flagged.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Place:
    name: str  # the name as it appears in the text
    start: int
    end: int
    location: str  # gazetteer name for ACLED's `location`
    country: str  # ACLED country name, e.g. "Syria"
    iso3: str
    admin1: str = ""
    admin2: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1  # 1 town, 2 part of a region / near a town, 3 region only
    kind: str = "populated"  # populated | admin1 | admin2 | country | site (base, camp, crossing)
    score: float = 1.0


@dataclass
class GeoContext:
    """What the whole article says about where it is: used to disambiguate places."""

    country: str = ""  # the dominant country, "" if unknown
    iso3: str = ""
    countries: dict[str, int] = field(default_factory=dict)  # iso3 -> mentions
    places: list[Place] = field(default_factory=list)  # every place found in the article


@dataclass
class ActorAssignment:
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0  # lower inter code first: 12, 17, 37; sole actor 10, 20, ...
    civilian_targeting: str = ""  # "Civilian targeting" when civilians are the target
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)  # (surface, start, end, actor)


@dataclass
class DateResult:
    date: str | None  # YYYY-MM-DD / YYYY-MM / YYYY
    precision: int = 1  # 1 day, 2 week, 3 month, 4 year
    start: int = -1  # span of the date expression used, if any
    end: int = -1
    source: str = ""  # "explicit" | "relative" | "published" | "text-date"


@dataclass
class FatalityCount:
    best: int = 0  # ACLED's `fatalities`: the lowest credible figure
    low: int = 0
    high: int = 0
    figures: list[tuple[int, int, int]] = field(default_factory=list)  # (value, start, end) of each killed-figure
    vague: bool = False  # a vague quantity ("dozens") was coded by rule
    aggregate: bool = False  # a total over many days/places: not one event's count
