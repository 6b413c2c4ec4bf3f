"""The extraction pipeline: one cleaned article in, ACLED-style event mentions out.

1. split sentences with offsets (text.py), ignoring any comment thread;
2. keep sentences with triggers that survive the scope rules (scope.py) and
   classify them (classify.py, optionally blended with a trained model);
3. merge sentences that report the same incident: a sentence joins the open
   incident unless it carries a different date, or reports a different kind
   of event without referring back to the open one;
4. fill places, actors, dates and fatalities from the component modules
   (geo, actors, dates, fatalities; see interfaces.py), each optional;
5. write the note, the confidence and a stable mention id.

A short dated report (an analyst's note: "On 3 May 2020, ...") in which no sentence
clears the bar is read once more with a lower bar (FALLBACK_THRESHOLD), unless it is
about a disaster, a crime, a court case or only claims responsibility.
"""
from __future__ import annotations

import functools
import importlib
import logging
import math
from dataclasses import dataclass, field
from typing import Any, Callable

from sitroom.extract.classify import (
    EVENT_THRESHOLD,
    Classification,
    TriggerHit,
    classify,
    event_type_of,
    find_triggers,
)
from sitroom.extract.event_dates import incident_date, is_background, sentence_date, story_date, told_relative_to_story
from sitroom.extract.interfaces import ActorAssignment, DateResult, FatalityCount, GeoContext, Place
from sitroom.extract.notes import make_note
from sitroom.extract.scope import CLAIM_REASON, comment_boundary, is_disaster, names_political_violence, sentence_scope
from sitroom.extract.text import Sentence, find_date_expression, split_sentences
from sitroom.data import load_json
from sitroom.records import Article, Event, Span

log = logging.getLogger(__name__)

_TERRITORY_CHANGES = ("Government regains territory", "Non-state actor overtakes territory",
                      "Non-violent transfer of territory")
# A sentence of a different kind joins the open incident only this close (in sentences).
_ANAPHORA_GAP = 2
# Texts up to this long (a note, a snippet, a short report) get the fallback reading.
_FALLBACK_CHARS = 1500
FALLBACK_THRESHOLD = 1.0
# In the fallback reading of a dated note, the scope discounts meant for passing mentions in news
# (crime, statements, generic wording) go no lower than this: an analyst's note reports one event.
_NOTE_SCOPE_FLOOR = 1.0
_NOTE_DISCOUNTS = frozenset({"ordinary crime", "diplomatic or statement", "generic or habitual", "background",
                             "question"})
_DIPLOMATIC_REASON = "diplomatic or statement"
_DATED_OPENING = 60  # a written date this close to the start makes a text a dated report
# Evidence weaker than this, right after a disaster sentence, may be telling the disaster.
_DISASTER_DOUBT = 6.0
# Evidence sentences farther apart than this are not read as one span by the components.
_CONTIGUOUS_GAP = 1


@dataclass
class _Candidate:
    sentence: Sentence
    classification: Classification | None  # None: a supporting sentence (casualties only)
    date: str | None  # date the sentence itself names, if any
    refers_back: bool
    hits: list[TriggerHit] = field(default_factory=list)


@dataclass
class _Incident:
    members: list[_Candidate] = field(default_factory=list)

    @property
    def head(self) -> _Candidate:
        return next(c for c in self.members if c.classification is not None)

    @property
    def date(self) -> str | None:
        return next((c.date for c in self.members if c.date), None)

    @property
    def event_type(self) -> str:
        return self.head.classification.event_type  # type: ignore[union-attr]

    @property
    def last_index(self) -> int:
        return self.members[-1].sentence.index


# --- optional components ------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _component(module: str, name: str) -> Callable[..., Any] | None:
    """A function from a sibling component module, or None while it is missing."""
    try:
        return getattr(importlib.import_module(f"sitroom.extract.{module}"), name)
    except (ImportError, AttributeError):
        log.debug("component sitroom.extract.%s.%s not available", module, name)
        return None


def _call(module: str, name: str, *args: Any, **kwargs: Any) -> Any:
    fn = _component(module, name)
    if fn is None:
        return None
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - a component bug must not lose the article
        log.warning("sitroom.extract.%s.%s failed: %s", module, name, exc)
        return None


# --- the trained model (optional) ---------------------------------------------

_MODEL: Any = None


def set_model(model: Any) -> None:
    """Use a trained sub-event model (extract.model.SubEventModel) for later calls; None: rules only."""
    global _MODEL
    _MODEL = model


# --- the pipeline --------------------------------------------------------------

def extract_events(article: Article) -> list[Event]:
    """ACLED-style event mentions reported in ``article`` (see module docstring)."""
    text = article.text or ""
    if not text.strip():
        return []
    limit = comment_boundary(text)
    candidates = _find_candidates(text[:limit], article)
    incidents = _merge(candidates)
    if not incidents and limit <= _FALLBACK_CHARS and _fallback_allowed(text[:limit]):
        # A short report with no clear event word is still, most often, an event told
        # in weaker words ("bombed", "gathered outside"): read it with a lower bar, keeping
        # the scope exclusions (disasters, court cases, claims, forecasts) but not the
        # discounts for crime or statement wording, meant for passing mentions in news.
        incidents = _merge(_find_candidates(text[:limit], article, FALLBACK_THRESHOLD, _NOTE_SCOPE_FLOOR))[:1]
        if not incidents:
            incidents = _model_reading(text[:limit], article)
    if not incidents:
        return []
    geo_context = _call("geo", "article_geo_context", text, article.title, article.outlet) or GeoContext()
    title_types = _title_event_types(article.title)
    story_day = story_date(text, article.published)
    events = [_build_event(article, inc, geo_context, title_types, story_day) for inc in incidents]
    events = [e for e in events if e is not None]
    _deduplicate(events)
    _lead_fatalities(text, events)
    events.sort(key=lambda e: e.evidence[0].start)
    return events


def _model_reading(text: str, article: Article) -> list[_Incident]:
    """A dated note in which no trigger clears even the lower bar still tells an event: the
    shipped sub-event model (trained on hand-written examples only) names its type, at a low
    confidence, from the note's opening sentence."""
    model = _MODEL if _MODEL is not None else _default_model()
    sentences = split_sentences(text)
    if model is None or not sentences:
        return []
    head = sentences[0]
    # Only a note with some sign of political violence: a dated note about talks, trade or
    # weather is not an event however the model would type it.
    if not (find_triggers(text) or names_political_violence(text)) or \
            sentence_scope(text).reason == _DIPLOMATIC_REASON:
        return []
    label, probability = model.predict(head.text)
    if not event_type_of(label):
        return []
    # The score stays below the rules' threshold so the event ranks as a weak reading.
    cls = Classification(event_type_of(label), label, round(min(probability, 0.99) * FALLBACK_THRESHOLD, 3))
    return [_Incident([_Candidate(head, cls, sentence_date(text, head, article.published), False)])]


@functools.lru_cache(maxsize=1)
def _default_model() -> Any:
    try:
        from sitroom.extract.model import load_default_model

        return load_default_model()
    except Exception as exc:  # noqa: BLE001 - without the model the note yields no event, as before
        log.warning("default sub-event model unavailable: %s", exc)
        return None


def _fallback_allowed(text: str) -> bool:
    """A dated report ("On 3 May 2020, ...": an analyst's note always tells an event) with
    no disaster, court case or bare claim of responsibility anywhere in it (crime words are
    allowed: a note about a lynching or a killing in a raid still reports a coded event).
    Undated snippets are not assumed to report an event: news mentions weak words in passing."""
    opening = find_date_expression(text[:_DATED_OPENING])
    if opening is None or opening.kind != "explicit":
        return False
    verdict = sentence_scope(text)
    return (verdict.factor > 0.2 or verdict.reason in _NOTE_DISCOUNTS) and verdict.reason != CLAIM_REASON


def _find_candidates(text: str, article: Article, threshold: float = EVENT_THRESHOLD,
                     scope_floor: float = 0.0) -> list[_Candidate]:
    from sitroom.extract.classify import _cues  # compiled cue table

    out: list[_Candidate] = []
    followup = _cues()["followup"]
    tagged = _note_tag(text)
    sentences = split_sentences(text)
    for sentence in sentences:
        if tagged and sentence.index == 0:
            out.append(_Candidate(sentence, tagged, sentence_date(text, sentence, article.published), False,
                                  find_triggers(sentence.text)))
            continue
        hits = find_triggers(sentence.text)
        if not hits:
            # "Police fired tear gas to disperse them." completes the sentence before.
            if out and sentence.index - out[-1].sentence.index == 1 and followup.search(sentence.text):
                out.append(_Candidate(sentence, None, None, True))
            continue
        # No reading scores above the sum of the votes: weak sentences need no closer look
        # unless they may carry the casualties of the incident before.
        killed = any(h.label == "KILLED" for h in hits)
        if sum(h.weight for h in hits) < threshold and not killed and not followup.search(sentence.text):
            continue
        verdict = sentence_scope(sentence.text)
        if verdict.factor <= 0:
            continue
        factor = max(verdict.factor, scope_floor) if verdict.reason in _NOTE_DISCOUNTS else verdict.factor
        cls = classify(sentence.text, hits, factor, threshold)
        if (cls is not None and cls.score < _DISASTER_DOUBT and cls.event_type == "Explosions/Remote violence"
                and _after_disaster(sentences, sentence)):
            continue  # "Authorities heard two explosions" after the plant fire: the same disaster
        if _MODEL is not None:
            cls = _MODEL.refine(sentence.text, cls, verdict.factor)
        if cls is None:
            if killed or followup.search(sentence.text):
                out.append(_Candidate(sentence, None, None, True, hits))
            continue
        refers_back = bool(_cues()["anaphora"].search(sentence.text))
        out.append(_Candidate(sentence, cls, sentence_date(text, sentence, article.published), refers_back, hits))
    return out


def _after_disaster(sentences: list[Sentence], sentence: Sentence) -> bool:
    """A sentence naming no weapon, armed actor or demonstration that follows a disaster
    sentence of its paragraph tells more of that disaster."""
    if names_political_violence(sentence.text):
        return False
    for prev in sentences[max(0, sentence.index - 2):sentence.index]:
        if prev.paragraph == sentence.paragraph and is_disaster(prev.text):
            return True
    return False


def _note_tag(text: str) -> Classification | None:
    """An ACLED-style leading tag ("Movement of forces: ...") as a classification."""
    head, colon, _ = text[:40].partition(":")
    if not colon:
        return None
    sub = load_json("event_note_prefixes.json").get(head.strip().lower())
    return Classification(event_type_of(sub), sub, 6.0) if sub else None


def _merge(candidates: list[_Candidate]) -> list[_Incident]:
    incidents: list[_Incident] = []
    for cand in candidates:
        current = incidents[-1] if incidents else None
        if cand.classification is None:  # casualty follow-up: attach to an adjacent incident
            if current and cand.sentence.index - current.last_index <= 1:
                current.members.append(cand)
            continue
        if current is None:
            incidents.append(_Incident([cand]))
            continue
        gap = cand.sentence.index - current.last_index
        new_date = cand.date and current.date and cand.date != current.date
        same_kind = cand.classification.event_type == current.event_type
        if new_date:
            incidents.append(_Incident([cand]))
        elif same_kind or (cand.refers_back and gap <= _ANAPHORA_GAP) or (
            cand.classification.score < current.head.classification.score * 0.5 and gap <= 1  # type: ignore[union-attr]
        ):
            current.members.append(cand)
        else:
            incidents.append(_Incident([cand]))
    return incidents


def _title_event_types(title: str | None) -> set[str]:
    if not title:
        return set()
    cls = classify(title)
    return {cls.event_type} if cls else set()


def _spans(article_text: str, incident: _Incident) -> list[tuple[int, int]]:
    """Contiguous runs of evidence sentences as (start, end) ranges."""
    runs: list[list[int]] = []
    last = -10
    for c in incident.members:
        s = c.sentence
        if runs and s.index - last <= _CONTIGUOUS_GAP:
            runs[-1][1] = s.end
        else:
            runs.append([s.start, s.end])
        last = s.index
    return [(a, b) for a, b in runs]


def _reclassify(incident: _Incident) -> Classification:
    """Classify the incident on all its evidence, keeping the head's reading when close."""
    head = incident.head.classification
    assert head is not None
    if len(incident.members) == 1 or not head.votes:  # a single sentence, or an analyst's tag
        return head
    joined = " ".join(c.sentence.text for c in incident.members)
    hits: list[TriggerHit] = []
    offset = 0
    for c in incident.members:
        weight = 1.0 if c is incident.head else 0.7
        for h in c.hits:
            hits.append(TriggerHit(h.label, h.start + offset, h.end + offset, h.weight * weight))
        offset += len(c.sentence.text) + 1
    combined = classify(joined, hits)
    if _MODEL is not None:
        combined = _MODEL.refine(joined, combined, 1.0)
    # Later sentences refine the lead's reading (a battle absorbs its shelling, a clash
    # that took a town becomes a territory change) but do not replace its kind of event.
    if combined is None or (combined.event_type != head.event_type
                            and combined.sub_event_type not in _TERRITORY_CHANGES):
        return head
    return combined


def _build_event(article: Article, incident: _Incident, geo_context: GeoContext, title_types: set[str],
                 story_day: str | None = None) -> Event | None:
    text = article.text
    cls = _reclassify(incident)
    head = incident.head.sentence
    spans = _spans(text, incident)
    first_start, first_end = spans[0]

    place: Place | None = _call("geo", "locate", text, head.start, head.end, geo_context)
    if place is None and (first_start, first_end) != (head.start, head.end):
        place = _call("geo", "locate", text, first_start, first_end, geo_context)
    country = place.country if place else geo_context.country

    date = incident_date(text, head, [c.sentence for c in incident.members], spans, article.published)
    if date is None or not date.date:
        expr = incident.date
        date = DateResult(expr or article.published, 1, source="text-date" if expr else "published")
    precision = min(date.precision, 3) if date.date else 1
    event_date = date.date
    if event_date and date.precision >= 4 and len(event_date) > 4:
        event_date = event_date[:4]

    sub = cls.sub_event_type
    actors: ActorAssignment = _call(
        "actors", "assign_actors", text, first_start, first_end, cls.event_type, sub, country, article_text=text
    ) or ActorAssignment()
    sub = _adjust_by_actors(sub, actors, cls.side_unknown)
    event_type = event_type_of(sub)

    fatalities = _count_fatalities(text, spans)

    evidence = [Span(text[a:b], a, b) for a, b in spans]
    event = Event(
        article_id=article.id,  # the store's key; `sitroom extract` prints the input's own id
        event_date=event_date,
        time_precision=precision,
        event_type=event_type,
        sub_event_type=sub,
        actor1=actors.actor1, assoc_actor_1=actors.assoc_actor_1, inter1=actors.inter1,
        actor2=actors.actor2, assoc_actor_2=actors.assoc_actor_2, inter2=actors.inter2,
        interaction=actors.interaction, civilian_targeting=actors.civilian_targeting,
        country=country or "", iso3=(place.iso3 if place else geo_context.iso3) or "",
        admin1=place.admin1 if place else "", admin2=place.admin2 if place else "",
        location=place.location if place else "",
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        fatalities=fatalities.best, fatalities_low=fatalities.low, fatalities_high=fatalities.high,
        evidence=evidence,
        confidence=_confidence(cls, incident, event_type in title_types, date, place,
                               told_relative_to_story(text, date), is_background(event_date, story_day)),
        mention_id=f"{article.id}:{evidence[0].start}",
        outlet=article.outlet,
        published=article.published,
    )
    event.notes = make_note(event)
    return event


def _adjust_by_actors(sub: str, actors: ActorAssignment, side_unknown: bool = False) -> str:
    """Codings that depend on who acted, once the actors are known."""
    # Territory codings stay with the text's own reading of who took the place when it
    # names one: actor codes can be era-dependent (ACLED codes the Houthis as Yemen's state forces).
    named = bool(actors.actor1) and not actors.actor1.startswith("Unidentified")
    if sub in _TERRITORY_CHANGES[:2] and side_unknown and named and actors.inter1:
        # The text does not say who took the place: the taker's actor code does.
        if actors.inter1 == 1:
            return "Government regains territory"
        if actors.inter1 in (2, 3, 4):
            return "Non-state actor overtakes territory"
    if sub == "Arrests" and named and actors.inter1 in (2, 3, 4):
        return "Abduction/forced disappearance"  # a non-state group "arresting" is an abduction
    return sub


def _count_fatalities(text: str, spans: list[tuple[int, int]]) -> FatalityCount:
    """The largest single-incident count over the evidence runs (figures repeat across sentences)."""
    best: FatalityCount | None = None
    for a, b in spans:
        fc = _call("fatalities", "count_fatalities", text, a, b)
        if fc is None or fc.aggregate:
            continue
        if best is None or fc.best > best.best:
            best = fc
    return best or FatalityCount()


def _confidence(cls: Classification, incident: _Incident, in_title: bool, date: DateResult, place: Place | None,
                side_event: bool = False, background: bool = False) -> float:
    head_index = incident.head.sentence.index
    strength = 1.0 - math.exp(-cls.score / 4.0)
    position = 0.65 + 0.35 * max(0.0, 1.0 - head_index / 12.0)
    support = min(0.1, 0.03 * (len(incident.members) - 1))
    conf = strength * position + support
    if in_title:
        conf += 0.1
    if date.source in ("explicit", "relative", "text-date"):
        conf += 0.03
    if place is not None:
        conf += 0.03
    if side_event:  # "the day before, ...": told around the story's own event, not as it
        conf *= 0.75
    if background:  # weeks before the story's own day: recalled, not reported
        conf *= 0.7
    return round(max(0.05, min(0.99, conf)), 3)


# The lead of an article (title line, first sentences) carries the main event's toll.
_LEAD_CHARS = 400


def _lead_fatalities(text: str, events: list[Event]) -> None:
    """Main event reported in the lead with no toll in its own sentences: read the lead."""
    if not events:
        return
    main = max(events, key=lambda e: e.confidence)
    if main.fatalities or main.evidence[0].start > _LEAD_CHARS:
        return
    fc: FatalityCount | None = _call("fatalities", "count_fatalities", text, 0, main.evidence[0].end)
    if fc is not None and fc.best and not fc.aggregate:
        main.fatalities, main.fatalities_low, main.fatalities_high = fc.best, fc.low, fc.high
        main.notes = make_note(main)


def _deduplicate(events: list[Event]) -> None:
    """Drop later mentions repeating an earlier incident of the same article
    (same sub-event type, date and place): a summary paragraph restating the lead."""
    seen: dict[tuple, Event] = {}
    keep: list[Event] = []
    for e in events:
        key = (e.sub_event_type, e.event_date, e.location or None)
        if e.location and key in seen:
            first = seen[key]
            first.evidence.extend(e.evidence)
            first.confidence = round(min(0.99, max(first.confidence, e.confidence) + 0.02), 3)
            first.fatalities = max(first.fatalities, e.fatalities)
            continue
        seen[key] = e
        keep.append(e)
    events[:] = keep
