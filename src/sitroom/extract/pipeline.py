"""The extraction pipeline: one cleaned article in, ACLED-style event mentions out.

1. split sentences with offsets (text.py), ignoring any comment thread;
2. keep sentences with triggers that survive the scope rules (scope.py) and
   classify them (classify.py, optionally blended with a trained model);
3. merge sentences that report the same incident (incidents.py): a sentence joins the open
   incident unless it carries a different date, or reports a different kind of event without
   referring back to the open one; the toll or the weapon told after the lead enrich it;
4. fill places, actors, dates and fatalities from the component modules
   (geo, actors, dates, fatalities; see interfaces.py), each optional;
5. write the note, the confidence (incidents.py: the incident the article is mainly about
   ranks first) and a stable mention id.

A short dated report (an analyst's note: "On 3 May 2020, ...") in which no sentence
clears the bar is read once more with a lower bar (FALLBACK_THRESHOLD), unless it is
about a disaster, a crime, a court case or only claims responsibility.
"""
from __future__ import annotations

import functools
import logging
from typing import Any

from sitroom.data import load_json
from sitroom.extract.classify import (
    EVENT_THRESHOLD,
    Classification,
    TriggerHit,
    classify,
    event_type_of,
    find_triggers,
)
from sitroom.extract.components import call as _call  # one guard for the optional components
from sitroom.extract.event_dates import (
    incident_date,
    is_background,
    date_by_note_opening,
    sentence_date,
    story_date,
    told_relative_to_story,
)
from sitroom.extract.incidents import (
    CROWD_TYPES,
    Candidate,
    Incident,
    confidence,
    merge_candidates,
    refers_to_victims_or_perpetrators,
    same_crowd,
    title_overlap,
)
from sitroom.extract.interfaces import (
    ActorAssignment,
    DateResult,
    FatalityCount,
    GeoContext,
    Place,
)
from sitroom.extract.notes import make_note
from sitroom.extract.scope import (
    CLAIM_REASON,
    comment_boundary,
    is_disaster,
    names_political_violence,
    sentence_scope,
)
from sitroom.extract.text import Sentence, find_date_expression, split_sentences
from sitroom.records import Article, Event, Span

log = logging.getLogger(__name__)

_TERRITORY_CHANGES = ("Government regains territory", "Non-state actor overtakes territory",
                      "Non-violent transfer of territory")
# Texts up to this long (a note, a snippet, a short report) get the fallback reading.
_FALLBACK_CHARS = 1500
FALLBACK_THRESHOLD = 1.0
# In the fallback reading of a dated note, the scope discounts meant for passing mentions in news
# (crime, statements, generic wording) go no lower than this: an analyst's note reports one event.
_NOTE_SCOPE_FLOOR = 1.0
_NOTE_DISCOUNTS = frozenset({"ordinary crime", "diplomatic or statement", "generic or habitual", "background",
                             "question", "rights report"})
_DIPLOMATIC_REASON = "diplomatic or statement"
_DATED_OPENING = 60  # a written date this close to the start makes a text a dated report
# Evidence weaker than this, right after a disaster sentence, may be telling the disaster.
_DISASTER_DOUBT = 6.0
# Evidence sentences farther apart than this are not read as one span by the components.
_CONTIGUOUS_GAP = 1
# Sentences of the incident this close to its head (in sentences) may name its place.
_PLACE_REACH = 3




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
    geo = _LazyGeo(text, article)
    incidents = merge_candidates(candidates, article.title, geo.place_names)
    if not incidents and limit <= _FALLBACK_CHARS and _fallback_allowed(text[:limit]):
        # A short report with no clear event word is still, most often, an event told
        # in weaker words ("bombed", "gathered outside"): read it with a lower bar, keeping
        # the scope exclusions (disasters, court cases, claims, forecasts) but not the
        # discounts for crime or statement wording, meant for passing mentions in news.
        weak = _find_candidates(text[:limit], article, FALLBACK_THRESHOLD, _NOTE_SCOPE_FLOOR)
        incidents = merge_candidates(weak)[:1]
        if not incidents:
            incidents = _model_reading(text[:limit], article)
    if not incidents:
        return []
    geo_context = geo.context()
    title_types = _title_event_types(article.title)
    story_day = story_date(text, article.published)
    events = [_build_event(article, inc, geo_context, title_types, story_day) for inc in incidents]
    events = [e for e in events if e is not None]
    _deduplicate(events)
    if events:
        main = max(events, key=lambda e: e.confidence)  # the event the text is mainly about
        _lead_fatalities(text, main)
        # a short analyst's note: its opening dates its main event
        if len(text) <= _FALLBACK_CHARS and date_by_note_opening(text, main, article.published):
            main.notes = make_note(main)
    events.sort(key=lambda e: e.evidence[0].start)
    return events


class _LazyGeo:
    """The article's places, read once and only when needed."""

    def __init__(self, text: str, article: Article) -> None:
        self._text, self._article = text, article
        self._context: GeoContext | None = None

    def context(self) -> GeoContext:
        if self._context is None:
            self._context = _call("geo", "article_geo_context", self._text, self._article.title,
                                  self._article.outlet) or GeoContext()
        return self._context

    def place_names(self, sentence: Sentence) -> set[str]:
        """Gazetteer names of the towns and sites a sentence names (not countries or provinces)."""
        return {p.location for p in self.context().places
                if sentence.start <= p.start and p.end <= sentence.end and p.kind not in ("country", "admin1")}


def _model_reading(text: str, article: Article) -> list[Incident]:
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
    return [Incident([Candidate(head, cls, sentence_date(text, head, article.published), False)])]


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
                     scope_floor: float = 0.0) -> list[Candidate]:
    from sitroom.extract.classify import _cues  # compiled cue table

    out: list[Candidate] = []
    followup = _cues()["followup"]
    tagged = _note_tag(text)
    sentences = split_sentences(text)
    for sentence in sentences:
        if tagged and sentence.index == 0:
            out.append(Candidate(sentence, tagged, sentence_date(text, sentence, article.published), False,
                                 find_triggers(sentence.text)))
            continue
        hits = find_triggers(sentence.text)
        if not hits:
            # "Police fired tear gas to disperse them." completes the sentence before.
            if out and sentence.index - out[-1].sentence.index == 1 and followup.search(sentence.text):
                out.append(Candidate(sentence, None, None, True))
            continue
        # No reading scores above the sum of the votes: weak sentences need no closer look
        # unless they support the incident before.
        # A supporting sentence: the casualties of the incident before, a completion of it, or
        # "They broke windows and set bins on fire." after a demonstration (that crowd's violence).
        supporting = any(h.label == "KILLED" for h in hits) or followup.search(sentence.text) is not None or (
            _follows_crowd(out, sentence) and any(h.label == "RIOT" for h in hits))
        if sum(h.weight for h in hits) < threshold and not supporting:
            continue
        verdict = sentence_scope(sentence.text)
        if verdict.factor <= 0:
            continue
        factor = max(verdict.factor, scope_floor) if verdict.reason in _NOTE_DISCOUNTS else verdict.factor
        cls = classify(sentence.text, hits, factor, threshold)
        if (cls is not None and cls.score < _DISASTER_DOUBT and cls.event_type == "Explosions/Remote violence"
                and _near_disaster(sentences, sentence)):
            continue  # "Authorities heard two explosions" after the plant fire: the same disaster
        if _MODEL is not None:
            cls = _MODEL.refine(sentence.text, cls, verdict.factor)
        if cls is None:
            if supporting:
                out.append(Candidate(sentence, None, None, True, hits))
            continue
        refers_back = (bool(_cues()["anaphora"].search(sentence.text))
                       or refers_to_victims_or_perpetrators(sentence.text))
        out.append(Candidate(sentence, cls, sentence_date(text, sentence, article.published), refers_back, hits))
    return out


def _follows_crowd(out: list[Candidate], sentence: Sentence) -> bool:
    """Is ``sentence`` right after a sentence telling a demonstration or riot?"""
    last = out[-1] if out else None
    return last is not None and last.classification is not None and sentence.index - last.sentence.index == 1 \
        and last.classification.event_type in CROWD_TYPES


def _near_disaster(sentences: list[Sentence], sentence: Sentence) -> bool:
    """A sentence naming no weapon, armed actor or demonstration next to a disaster sentence
    of its paragraph tells more of that disaster (news may name the plant or the gas leak
    only after the blasts: "Fresh explosions rocked the site. ... at a chemical warehouse")."""
    if names_political_violence(sentence.text):
        return False
    for other in sentences[max(0, sentence.index - 2):sentence.index + 3]:
        if other is not sentence and other.paragraph == sentence.paragraph and is_disaster(other.text):
            return True
    return False


def _note_tag(text: str) -> Classification | None:
    """An ACLED-style leading tag ("Movement of forces: ...") as a classification."""
    head, colon, _ = text[:40].partition(":")
    if not colon:
        return None
    sub = load_json("event_note_prefixes.json").get(head.strip().lower())
    return Classification(event_type_of(sub), sub, 6.0) if sub else None


def _title_event_types(title: str | None) -> set[str]:
    if not title:
        return set()
    cls = classify(title)
    return {cls.event_type} if cls else set()


def _spans(article_text: str, incident: Incident) -> list[tuple[int, int]]:
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


_OUTCOME_REACH = 2  # sentences after the head


def _reclassify(incident: Incident) -> Classification:
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
        # a town taken just after the fight is told is its outcome: it codes the whole incident
        outcome = 0 < c.sentence.index - incident.head.sentence.index <= _OUTCOME_REACH
        for h in c.hits:
            w = h.weight if outcome and h.label == "TERRITORY" else h.weight * weight
            hits.append(TriggerHit(h.label, h.start + offset, h.end + offset, w))
        offset += len(c.sentence.text) + 1
    combined = classify(joined, hits)
    if _MODEL is not None:
        combined = _MODEL.refine(joined, combined, 1.0)
    # Later sentences refine the lead's reading (a battle absorbs its shelling, a clash
    # that took a town becomes a territory change, a rally whose crowd threw stones a violent
    # demonstration; not the reverse: violence told is not undone) but do not replace its kind.
    if combined is None or (combined.event_type != head.event_type
                            and combined.sub_event_type not in _TERRITORY_CHANGES
                            and not (same_crowd(combined.event_type, head.event_type)
                                     and combined.sub_event_type == "Violent demonstration")):
        combined = head
    weapon = _weapon_of(incident) if combined.sub_event_type == "Attack" else None
    return weapon or combined


# Readings that name no means of violence: "civilians were killed in an attack".
_GENERIC_LABELS = frozenset({"ATTACK", "KILLED", "Attack"})
_EXPLOSIVE = "Explosions/Remote violence"


def _weapon_of(incident: Incident) -> Classification | None:
    """A head that only says people were attacked or killed, with a sentence of the same incident
    naming the shelling, air strike or bomb that killed them: ACLED codes the weapon's event."""
    head = incident.head
    # A head with its own weak explosive words ("a bombing ... killing 44") may be refined too.
    if head.classification is None or head.classification.sub_event_type != "Attack" or \
            any(h.label not in _GENERIC_LABELS and event_type_of(h.label) != _EXPLOSIVE for h in head.hits):
        return None
    for c in incident.members:
        # A weak explosive word next to the head ("regime Air Force Intelligence") is no weapon
        # unless its sentence refers back to the incident.
        if c.classification is not None and c.classification.event_type == _EXPLOSIVE and \
                abs(c.sentence.index - head.sentence.index) <= _PLACE_REACH and \
                (c.refers_back or c.classification.score >= 0.5 * head.classification.score):
            return c.classification
    return None


def _build_event(article: Article, incident: Incident, geo_context: GeoContext, title_types: set[str],
                 story_day: str | None = None) -> Event | None:
    text = article.text
    cls = _reclassify(incident)
    head = incident.head.sentence
    spans = _spans(text, incident)
    first_start, first_end = spans[0]

    place = _incident_place(text, incident, geo_context)
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
        confidence=confidence(cls, incident, event_type in title_types, date, place,
                              told_relative_to_story(text, date), is_background(event_date, story_day),
                              title_overlap(article.title, " ".join(s.text for s in evidence))),
        mention_id=f"{article.id}:{evidence[0].start}",
        outlet=article.outlet,
        published=article.published,
    )
    event.notes = make_note(event)
    return event


def _incident_place(text: str, incident: Incident, geo_context: GeoContext) -> Place | None:
    """The incident's place: the head's own, else one another sentence of the incident names
    (its lead first), else geo's fallback for the head (the last place named before it, often
    where a statement came from)."""
    head = incident.head.sentence
    fallback: Place | None = _call("geo", "locate", text, head.start, head.end, geo_context)
    if _told_from(fallback, head):
        return fallback
    home = fallback.iso3 if fallback is not None else geo_context.iso3
    for member in incident.members:
        s = member.sentence
        if s is head or abs(s.index - head.index) > _PLACE_REACH:
            continue  # far-off members are often another incident merged by kind
        place = _call("geo", "locate", text, s.start, s.end, geo_context)
        # A place abroad in a follow-up is more often a misread name than the incident's place.
        if _told_from(place, s) and place.end <= s.end and (not home or place.iso3 == home):  # type: ignore[union-attr]
            return place
    return fallback


def _told_from(place: Place | None, sentence: Sentence) -> bool:
    """geo found a place below the country in the sentence or after it, not in an earlier passage."""
    return place is not None and place.start >= sentence.start and place.kind != "country"


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


# The lead of an article (title line, first sentences) carries the main event's toll.
_LEAD_CHARS = 400


def _lead_fatalities(text: str, main: Event) -> None:
    """Main event reported in the lead with no toll in its own sentences: read the lead."""
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
