"""Typed records passed from stage to stage.

ingest -> RawDocument -> clean -> Article -> extract -> Event (one mention per
article) -> fuse -> FusedEvent (one real-world event, many sources).
Every record converts to and from plain dicts so it can cross process
boundaries (Dask) and be stored as JSON.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def _to_dict(obj: Any) -> dict:
    return dataclasses.asdict(obj)


@dataclass
class RawDocument:
    """One document as read from an input, before cleaning."""

    origin: str  # file path or URL it came from
    locator: str = ""  # where inside the origin: "line 12", "record 3", ""
    fmt: str = "txt"  # txt | html | jsonl | csv | warc | rss
    ext_id: str | None = None  # the id the input gave it, if any
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None  # as given; normalised by clean
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None

    @property
    def name(self) -> str:
        return f"{self.origin}:{self.locator}" if self.locator else self.origin

    def to_dict(self) -> dict:
        return _to_dict(self)


@dataclass
class Removed:
    """A piece of page furniture that cleaning removed, kept for `sitroom show`."""

    kind: str  # navigation | byline | photo_credit | share | read_next | licence | appeal | feedback | comments_header | boilerplate
    text: str


@dataclass
class Comment:
    """A reader comment: kept apart from the article, never extracted from."""

    article_id: str
    position: int
    text: str
    author: str | None = None

    def to_dict(self) -> dict:
        return _to_dict(self)


@dataclass
class Article:
    """A cleaned article: the unit every later stage works on."""

    id: str  # stable: derived from the normalised content hash
    text: str  # clean article text (no furniture, no comments)
    content_hash: str  # hash of the normalised clean text
    raw_hash: str  # hash of the raw input bytes/text
    origin: str = ""
    ext_id: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None  # ISO 639-1, e.g. "en"
    removed: list[Removed] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    story_id: str | None = None

    @property
    def is_english(self) -> bool:
        return (self.language or "en") == "en"

    def to_dict(self) -> dict:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Article":
        d = dict(d)
        d["removed"] = [Removed(**r) for r in d.get("removed") or []]
        d["comments"] = [Comment(**c) for c in d.get("comments") or []]
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Span:
    """A span of the clean article text: text == article.text[start:end]."""

    text: str
    start: int
    end: int


@dataclass
class Claim:
    """An attributed statement about an event: who said what, with which stance."""

    speaker: str  # "Russian Defense Ministry", "Syrian Observatory for Human Rights"
    stance: str  # asserts | denies | doubts | unconfirmed
    text: str  # the sentence or clause carrying the claim
    start: int = -1
    end: int = -1
    subject: str = "occurrence"  # occurrence | fatalities | actors
    value: str | None = None  # e.g. "34" for a fatality figure, an actor name
    article_id: str | None = None

    def to_dict(self) -> dict:
        return _to_dict(self)


STANCES = ("asserts", "denies", "doubts", "unconfirmed")


@dataclass
class Event:
    """One event as one article reports it (an event mention), ACLED's fields."""

    article_id: str
    event_date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    time_precision: int = 1
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""  # "Civilian targeting" or ""
    country: str = ""
    iso3: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_low: int = 0
    fatalities_high: int = 0
    evidence: list[Span] = field(default_factory=list)
    notes: str = ""
    confidence: float = 0.0
    claims: list[Claim] = field(default_factory=list)
    mention_id: str = ""  # stable id of this mention (article id + evidence offset)
    outlet: str | None = None
    published: str | None = None

    def to_dict(self) -> dict:
        return _to_dict(self)

    def output_dict(self) -> dict:
        """The `sitroom extract` JSONL contract (fields in contract order)."""
        d = self.to_dict()
        return {
            "article_id": d["article_id"],
            "event_date": d["event_date"],
            "time_precision": d["time_precision"],
            "event_type": d["event_type"],
            "sub_event_type": d["sub_event_type"],
            "actor1": d["actor1"],
            "assoc_actor_1": d["assoc_actor_1"],
            "inter1": d["inter1"],
            "actor2": d["actor2"],
            "assoc_actor_2": d["assoc_actor_2"],
            "inter2": d["inter2"],
            "interaction": d["interaction"],
            "civilian_targeting": d["civilian_targeting"],
            "country": d["country"],
            "iso3": d["iso3"],
            "admin1": d["admin1"],
            "admin2": d["admin2"],
            "location": d["location"],
            "latitude": d["latitude"],
            "longitude": d["longitude"],
            "geo_precision": d["geo_precision"],
            "fatalities": d["fatalities"],
            "fatalities_low": d["fatalities_low"],
            "fatalities_high": d["fatalities_high"],
            "evidence": d["evidence"],
            "notes": d["notes"],
            "confidence": d["confidence"],
            "claims": d["claims"],
            "mention_id": d["mention_id"],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Event":
        d = dict(d)
        d["evidence"] = [Span(**s) for s in d.get("evidence") or []]
        d["claims"] = [Claim(**c) for c in d.get("claims") or []]
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class EventSource:
    """One report of a fused event: which article said it, with what figures."""

    mention_id: str
    article_id: str
    outlet: str | None
    published: str | None
    fatalities: int
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Revision:
    revision: int
    at: str  # ISO timestamp
    changes: dict  # field -> [old, new]
    reason: str = ""


@dataclass
class FusedEvent:
    """One real-world event, fused from every mention that reports it."""

    id: str  # stable across re-runs
    event: Event  # the fused field values (article_id is the first source's)
    sources: list[EventSource] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    n_outlets: int = 0  # independent outlets (syndicated copies count once)
    contested: bool = False
    contested_reasons: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_updated: str | None = None
    revisions: list[Revision] = field(default_factory=list)
    story_id: str | None = None

    def to_dict(self) -> dict:
        return _to_dict(self)


# ACLED's taxonomy: the single source is data/taxonomy.json, loaded here for convenience.
def event_taxonomy() -> dict[str, list[str]]:
    from sitroom.data import load_json

    return load_json("taxonomy.json")
