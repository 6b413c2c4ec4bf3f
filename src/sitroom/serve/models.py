"""Response and request models: they define the OpenAPI schema that
schemathesis checks the server against."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    detail: str


class EventOut(BaseModel):
    id: str
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
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
    notes: str = ""
    confidence: float | None = None
    n_sources: int = 0
    n_outlets: int = 0
    contested: bool = False
    contested_reasons: list[str] = Field(default_factory=list)
    story_id: str | None = None
    first_seen: str | None = None
    last_updated: str | None = None
    revision: int | None = None


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= to get the next page; null on the last page.")


class EvidenceOut(BaseModel):
    text: str
    start: int
    end: int
    before: str = Field("", description="Article text just before the evidence span.")
    after: str = Field("", description="Article text just after the evidence span.")


class SourceOut(BaseModel):
    mention_id: str
    article_id: str
    outlet: str = ""
    published: str | None = None
    fatalities: int = 0
    title: str = ""
    url: str = ""
    evidence: list[EvidenceOut] = Field(default_factory=list)


class ClaimOut(BaseModel):
    id: str
    article_id: str
    speaker: str = ""
    stance: str = ""
    subject: str = ""
    value: str | None = None
    text: str = ""
    outlet: str = ""
    url: str = ""
    title: str = ""


class RevisionOut(BaseModel):
    revision: int
    revised_at: str
    reason: str = ""
    changes: dict[str, Any] = Field(default_factory=dict)


class EventDetail(EventOut):
    sources: list[SourceOut] = Field(default_factory=list)
    claims: list[ClaimOut] = Field(default_factory=list)
    revisions: list[RevisionOut] = Field(default_factory=list)


class ArticleOut(BaseModel):
    id: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    published: str | None = None
    language: str = ""
    story_id: str = ""
    text: str = ""


class StoryOut(BaseModel):
    id: str
    title: str = ""
    first_published: str | None = None
    last_published: str | None = None
    n_articles: int = 0
    n_outlets: int = 0
    n_events: int = 0


class StoryList(BaseModel):
    items: list[StoryOut]


class WeekCount(BaseModel):
    week: str = Field(description="Monday of the ISO week, YYYY-MM-DD.")
    event_type: str
    events: int
    fatalities: int


class TimeSeries(BaseModel):
    weeks: list[str]
    types: list[str]
    series: list[WeekCount]


class FramingTable(BaseModel):
    kind: Literal["terms", "stances"] = Field(
        description="terms: words outlets use for actors (actor, outlet, term, count); "
                    "stances: claims by outlet and speaker (outlet, speaker, stance, claims)")
    rows: list[dict[str, Any]]


class IngestRequest(BaseModel):
    """Exactly what to ingest: any of text, html, jsonl (one article per line), urls."""

    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=2_000_000)
    jsonl: str | None = Field(None, max_length=4_000_000)
    urls: list[str] = Field(default_factory=list, max_length=20)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000, description="Where the given text or html came from.")


class IngestResult(BaseModel):
    read: int
    added: int
    skipped: int
    events: int
    errors: list[str]
