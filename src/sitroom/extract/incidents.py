"""Incidents of one article: which candidate sentences tell the same incident, and how
sure we are that an incident is the one the article is mainly about (its confidence).

A text may report several incidents; the one it is mainly about gets the highest
confidence. News puts that incident in its lead and its title, tells it on the
story's own day, and comes back to it in later sentences (the toll, who did it);
side incidents are introduced as such ("Meanwhile, ...", "the day before").
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sitroom.data import load_json
from sitroom.extract.classify import Classification, TriggerHit
from sitroom.extract.interfaces import DateResult, Place
from sitroom.extract.text import Sentence, find_date_expression

# A sentence of a different kind joins the open incident only this close (in sentences).
_ANAPHORA_GAP = 2
# A later sentence referring back to the article's lead incident joins it this close.
_LEAD_REACH = 4
# The lead's weight: a head sentence this far into the text or farther counts at _POSITION_FLOOR.
_POSITION_FLOOR = 0.55
_POSITION_SPAN = 8.0
# The share of the title a sentence repeats counts this much (a title naming the kind of event: 0.1).
_TITLE_WEIGHT = 0.1


@dataclass
class Candidate:
    sentence: Sentence
    classification: Classification | None  # None: a supporting sentence (casualties only)
    date: str | None  # date the sentence itself names, if any
    refers_back: bool
    hits: list[TriggerHit] = field(default_factory=list)


@dataclass
class Incident:
    members: list[Candidate] = field(default_factory=list)
    lead: Candidate | None = None  # the sentence that tells it, when not its first classified one

    @property
    def head(self) -> Candidate:
        if self.lead is not None:
            return self.lead
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


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str] | frozenset[str]]:
    data = load_json("main_event_cues.json")
    return {
        "side": re.compile(data["side_event_openers"], re.IGNORECASE),
        "back": re.compile(data["refers_back"], re.IGNORECASE),
        "caption": re.compile(data["photo_caption"], re.IGNORECASE),
        "crowd_clash": re.compile(data["crowd_clash"], re.IGNORECASE),
        "stop": frozenset(data["title_stopwords"]),
    }


def merge_candidates(candidates: list[Candidate], title: str | None = None,
                     places_of: Callable[[Sentence], set[str]] | None = None) -> list[Incident]:
    """Group candidate sentences into incidents, in text order.

    A sentence joins the open incident unless it carries a different date, or reports a
    different kind of event without referring back to it. A sentence that refers back
    ("the attack", "the victims") soon after the article's lead incident, while another
    incident is open, joins the lead when it is the lead's kind of event: the toll or the
    perpetrator of the lead told after a side remark is not a rival event. So does a sentence
    naming the lead's place (``places_of``: the place names a sentence gives) with the lead's
    kind of event, or referring back to it.
    """
    places_of = places_of or (lambda _s: set())
    incidents: list[Incident] = []
    for cand in candidates:
        current = incidents[-1] if incidents else None
        if cand.classification is None:  # casualty follow-up: attach to an adjacent incident
            if current and cand.sentence.index - current.last_index <= 1:
                current.members.append(cand)
            continue
        if current is None:
            incidents.append(Incident([cand]))
            continue
        gap = cand.sentence.index - current.last_index
        new_date = cand.date and current.date and cand.date != current.date
        same_kind = cand.classification.event_type == current.event_type or (
            gap <= _ANAPHORA_GAP and same_crowd(cand.classification.event_type, current.event_type)) or (
            gap <= 1 and _crowd_clashes(cand, current))
        if new_date:
            incidents.append(Incident([cand]))
        elif same_kind or (cand.refers_back and gap <= _ANAPHORA_GAP) or (_tells_toll_only(cand) and gap <= 1) or (
            cand.classification.score < current.head.classification.score * 0.5 and gap <= 1  # type: ignore[union-attr]
        ) or (gap <= 1 and _names_the_weapon(cand, current)):
            current.members.append(cand)
        elif _joins_lead(cand, incidents[0], current, places_of):
            incidents[0].members.append(cand)
        else:
            incidents.append(Incident([cand]))
    for inc in incidents:
        inc.members.sort(key=lambda c: c.sentence.index)
    _fold_headline(incidents, title)
    return incidents


# A sentence restating this share of the title is the headline; the sentence telling the
# incident shares at least _TOLD_SHARE of it.
_HEADLINE_SHARE = 0.7
_TOLD_SHARE = 0.4
_HEADLINE_REACH = 2


def _fold_headline(incidents: list[Incident], title: str | None) -> None:
    """The headline repeated as the text's first sentence ("Army kills 18 militants in X.") is
    read on its few words alone; the next sentence tells the same incident in full ("... killed
    18 militants in air raids on X"). Both are one incident, told by the fuller sentence."""
    if len(incidents) < 2 or not title:
        return
    first, second = incidents[0], incidents[1]
    if not all(title_overlap(title, c.sentence.text) >= _HEADLINE_SHARE for c in first.members):
        return
    if second.head.sentence.index - first.last_index > _HEADLINE_REACH:
        return
    if first.date and second.date and first.date != second.date:
        return
    if title_overlap(title, second.head.sentence.text) < _TOLD_SHARE or _is_side_opening(second.head.sentence.text):
        return
    lead = second.head
    second.members[:0] = first.members
    second.lead = lead
    del incidents[0]


# One demonstration is often told over two or three sentences: the rally in one, the stones
# thrown or the clashes with police in the next. A Protests sentence and a Riots sentence next
# to it tell the same crowd; the incident's reading on all its evidence says which it was.
CROWD_TYPES = frozenset({"Protests", "Riots"})


def same_crowd(event_type: str, other: str) -> bool:
    """A demonstration and a riot told side by side: the same crowd's event."""
    return event_type != other and event_type in CROWD_TYPES and other in CROWD_TYPES


def _crowd_clashes(cand: Candidate, current: Incident) -> bool:
    """"Thousands marched on the ministry. Some later clashed with riot police.": a clash with
    the police right after a demonstration, no armed group named, is that crowd's."""
    from sitroom.extract.event_roles import cue

    return (current.event_type in CROWD_TYPES and cand.classification is not None
            and cand.classification.sub_event_type == "Armed clash"
            and bool(_cues()["crowd_clash"].search(cand.sentence.text))  # type: ignore[union-attr]
            and not cue("nonstate_capture", cand.sentence.text))


_GENERIC_ATTACK_LABELS = frozenset({"ATTACK", "KILLED", "Attack"})


def _names_the_weapon(cand: Candidate, current: Incident) -> bool:
    """"Two people were killed in an attack on a car. The driver was killed when a rocket hit
    it.": the next sentence names the weapon of the attack just told (pipeline codes it)."""
    head = current.head
    if head.classification is None or head.classification.sub_event_type != "Attack" or \
            any(h.label not in _GENERIC_ATTACK_LABELS for h in head.hits):
        return False
    return (cand.classification is not None and cand.classification.event_type == "Explosions/Remote violence"
            and any(h.label == "KILLED" for h in cand.hits) and not _is_side_opening(cand.sentence.text))


def _tells_toll_only(cand: Candidate) -> bool:
    """"Two soldiers were killed.": read as an event on its casualty words alone, it is the toll
    of the incident just told, not an incident of its own."""
    tolls = [h for h in cand.hits if h.label in _TOLL_LABELS]
    # Every other reading comes from the killing phrase itself ("soldiers were killed": a clash).
    return bool(tolls) and all(h.label in _TOLL_LABELS or any(h.start < t.end and t.start < h.end for t in tolls)
                               for h in cand.hits)


_TOLL_LABELS = frozenset({"KILLED"})


def _joins_lead(cand: Candidate, lead: Incident, current: Incident,
                places_of: Callable[[Sentence], set[str]]) -> bool:
    if lead is current or _is_side_opening(cand.sentence.text) or cand.classification is None:
        return False
    # A sentence with a day of its own joins only on the lead's day: "the offensive was launched
    # on September 22" is background, not the lead's toll.
    written = find_date_expression(cand.sentence.text)
    dated = cand.date is not None or (written is not None and written.kind == "explicit")
    if dated and (cand.date is None or cand.date != lead.date):
        return False
    if cand.sentence.index - lead.last_index > _LEAD_REACH:
        return False
    same_kind = cand.classification.event_type == lead.event_type
    if not (same_kind or cand.refers_back):
        return False
    return (same_kind and cand.refers_back) or bool(places_of(cand.sentence) & places_of(lead.head.sentence))


def refers_to_victims_or_perpetrators(sentence: str) -> bool:
    """"The victims were hit by airstrikes", "the gunmen fled": the people of the incident just told."""
    return bool(_cues()["back"].search(sentence))  # type: ignore[union-attr]


def _is_side_opening(sentence: str) -> bool:
    return bool(_cues()["side"].match(sentence.lstrip()))  # type: ignore[union-attr]


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|\d+")


def _content_words(text: str) -> set[str]:
    stop = _cues()["stop"]
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in stop}


def title_overlap(title: str | None, evidence: str) -> float:
    """Share of the title's content words (names, numbers, nouns) that the evidence repeats:
    the headline names the main incident's actors, place and toll."""
    if not title:
        return 0.0
    words = _content_words(title)
    if len(words) < 2:
        return 0.0
    return len(words & _content_words(evidence)) / len(words)


def confidence(cls: Classification, incident: Incident, in_title: bool, date: DateResult, place: Place | None,
               side_event: bool = False, background: bool = False, title_share: float = 0.0) -> float:
    """How sure we are that this incident is an event, and the article's main one."""
    head = incident.head.sentence
    # A reading refined by a later sentence (the weapon of a massacre) is as sure as the head's.
    score = max(cls.score, incident.head.classification.score if incident.head.classification else 0.0)
    strength = 1.0 - math.exp(-score / 4.0)
    position = _POSITION_FLOOR + (1 - _POSITION_FLOOR) * max(0.0, 1.0 - head.index / _POSITION_SPAN)
    support = min(0.1, 0.03 * (len(incident.members) - 1))
    conf = strength * position + support
    if in_title:
        conf += 0.1
    conf += _TITLE_WEIGHT * title_share
    if date.source in ("explicit", "relative", "text-date"):
        conf += 0.03
    if place is not None:
        conf += 0.03
    if side_event:  # "the day before, ...": told around the story's own event, not as it
        conf *= 0.75
    elif _is_side_opening(head.text):  # "Elsewhere, ...": another incident told beside the story's own
        conf *= 0.85
    if _cues()["caption"].match(head.text.lstrip()):  # type: ignore[union-attr]
        conf *= 0.8  # "In this image taken from video, police stand outside ...": a photo, not the report
    if background:  # weeks before the story's own day: recalled, not reported
        conf *= 0.7
    return round(max(0.05, min(0.99, conf)), 3)
