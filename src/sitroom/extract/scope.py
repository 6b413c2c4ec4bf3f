"""What is NOT an ACLED event.

ACLED codes discrete incidents of political violence, demonstrations and
strategic developments. A sentence that mentions violence is still no event
when it denies the incident, forecasts or threatens it, sums up years of war,
describes a standing deployment, or is about a natural disaster, an accident,
ordinary crime or diplomacy. The cue lists live in data/scope_patterns.json.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitroom.data import load_json

# How far back from a trigger a modal/denial cue still governs it (characters).
_GOVERNING_WINDOW = 60
_NOT_AT_WORD_START = frozenset({"comment_markers", "reported_speech_question", "negated_trigger", "ahead_of_trigger"})
_NO_OR_AHEAD = re.compile(r"\b(?:no|not|never|ahead of|run-up to)\b|n't\b", re.IGNORECASE)
_FEAR = re.compile(r"\b(?:fear|afraid)\b", re.IGNORECASE)  # cheap gate for fear_of_before_trigger
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:but|while|whereas|and)\s|\bbut\b|\bwhile\b")


@dataclass(frozen=True)
class ScopeVerdict:
    """How much of a sentence's event evidence survives, and why not all of it."""

    factor: float  # multiply trigger scores by this: 0 drops the sentence
    reason: str = ""


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    raw = load_json("scope_patterns.json")
    out = {}
    for name, pattern in raw.items():
        if name.startswith("_"):
            continue
        if name not in _NOT_AT_WORD_START:
            pattern = rf"\b(?=\w)(?:{pattern})"  # cues begin words: let the engine skip the rest
        out[name] = re.compile(pattern, re.IGNORECASE)
    return out


def comment_boundary(text: str) -> int:
    """Offset where a reader-comment thread starts in ``text`` (len(text) if none).

    Cleaning strips comments already; this guards text that arrived uncleaned.
    """
    m = _patterns()["comment_markers"].search(text)
    return m.start() if m else len(text)


def _clause_prefix(sentence: str, trigger_start: int) -> str:
    """The part of the trigger's clause before the trigger."""
    window = sentence[max(0, trigger_start - _GOVERNING_WINDOW):trigger_start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


def trigger_is_irrealis(sentence: str, trigger_start: int) -> str:
    """'forecast' / 'denial' when the trigger sits in a modal or denied clause, else ''."""
    prefix = _clause_prefix(sentence, trigger_start)
    p = _patterns()
    if p["denial_before_trigger"].search(prefix) or p["negated_trigger"].search(prefix):
        return "denial"  # "denied shelling", "no clashes were reported"
    if p["modal_before_trigger"].search(prefix) or p["modal_may"].search(prefix) or \
            p["ahead_of_trigger"].search(prefix):
        if not _attempt_on_participants(sentence, trigger_start, prefix):
            return "forecast"  # "will attack", "ahead of the rally"
    # What people fled or stayed home "for fear of" did not happen; the cue governs only the
    # few words after "of" ("fled for fear of air strikes"), not a later clause ("fled for fear
    # after gunmen attacked"), nor a killing told before it ("killed him for fear he would talk").
    if p["fear_of_before_trigger"].search(prefix):
        return "forecast"
    return ""


def _attempt_on_participants(sentence: str, trigger_start: int, prefix: str) -> bool:
    """"Police tried to disperse the protesters": what was attempted did not happen, but the
    protesters it was attempted on were there (only an attempt governs the clause)."""
    p = _patterns()
    if not p["participants"].match(sentence, trigger_start) or p["modal_may"].search(prefix) \
            or p["ahead_of_trigger"].search(prefix):
        return False
    return all(p["attempt"].fullmatch(m.group(0)) for m in p["modal_before_trigger"].finditer(prefix))


def irrealis_checker(sentence: str):
    """A fast ``trigger_start -> reason`` test for many triggers of one sentence.

    Scans the sentence for modal/denial cues once; most sentences have none,
    and then no trigger needs a closer look.
    """
    p = _patterns()
    if not (p["denial_before_trigger"].search(sentence) or p["modal_before_trigger"].search(sentence)
            or p["modal_may"].search(sentence) or _FEAR.search(sentence) or _NO_OR_AHEAD.search(sentence)):
        return lambda start: ""
    return lambda start: trigger_is_irrealis(sentence, start)


def sentence_scope(sentence: str) -> ScopeVerdict:
    """Whole-sentence judgement: aggregates, standing deployments, disasters, crime, diplomacy."""
    p = _patterns()
    if _is_aggregate(sentence):
        return ScopeVerdict(0.0, "aggregate")
    if p["standing"].search(sentence):
        return ScopeVerdict(0.0, "standing deployment")
    violent_cache: list[bool] = []

    def violent() -> bool:  # searched only when a sentence looks out of scope
        if not violent_cache:
            violent_cache.append(bool(p["violent_specific"].search(sentence)))
        return violent_cache[0]

    if p["natural_disaster"].search(sentence) and not violent():
        return ScopeVerdict(0.0, "natural disaster")
    if p["man_made_disaster"].search(sentence) and not violent():
        return ScopeVerdict(0.0, "accident or industrial disaster")
    if p["crime"].search(sentence) and not violent():
        return ScopeVerdict(0.15, "ordinary crime")
    court_or_claim = p["judicial"].search(sentence)
    claim = bool(court_or_claim and court_or_claim.group("claim"))
    if court_or_claim and not claim and not p["demonstration"].search(sentence):
        return ScopeVerdict(0.2, "court case")  # a trial of past violence is no new event
    factor = 1.0
    reason = ""
    if p["generic"].search(sentence):
        factor, reason = 0.4, "generic or habitual"
    elif p["background"].search(sentence):
        factor, reason = 0.6, "background"
    elif p["rights_report"].search(sentence):  # a rights group's findings: incidents, told at second hand
        factor, reason = 0.75, "rights report"
    # An agreement between warring parties is itself an ACLED event, talks or summit or not.
    if p["diplomatic"].search(sentence) and not violent() and not p["conflict_agreement"].search(sentence):
        factor, reason = min(factor, 0.35), "diplomatic or statement"
    if claim:  # a claim is told apart from the attack it claims
        factor, reason = min(factor, 0.45), CLAIM_REASON
    if p["planned"].search(sentence):
        factor, reason = min(factor, 0.3), "planned"
    # A missile test-fired over the sea hit no one; who is suspected to be behind an attack told
    # elsewhere is an attribution. Neither discounts an event told before it in the sentence
    # ("troops killed three militants believed to be behind the bombing").
    for name, label in (("weapons_test", "weapons test"), ("attribution", "attribution")):
        m = p[name].search(sentence)
        if m and not p["told_event"].search(sentence, 0, m.start()):
            factor, reason = min(factor, 0.2), label
    if p["reported_speech_question"].search(sentence):
        factor, reason = min(factor, 0.3), "question"
    return ScopeVerdict(factor, reason)


def _is_aggregate(sentence: str) -> bool:
    """A running total or a span of time, but not "held by the militia since January",
    which says who held a place, not how much happened since."""
    p = _patterns()
    for m in p["aggregate"].finditer(sentence):
        if m.group(0).lower().startswith("since") and \
                p["since_not_aggregate"].search(sentence[max(0, m.start() - 60):m.start()]):
            continue
        return True
    return False


CLAIM_REASON = "claim of responsibility"
DISASTER_REASONS = frozenset({"natural disaster", "accident or industrial disaster"})


def is_disaster(sentence: str) -> bool:
    """A natural or industrial disaster sentence naming no political violence (cheap test)."""
    p = _patterns()
    return bool((p["natural_disaster"].search(sentence) or p["man_made_disaster"].search(sentence))
                and not p["violent_specific"].search(sentence))


def names_political_violence(sentence: str) -> bool:
    """Does the sentence name a weapon, an armed actor or a demonstration?"""
    return bool(_patterns()["violent_specific"].search(sentence))


def is_denied(sentence: str) -> bool:
    """True when the sentence denies an incident as a whole."""
    return bool(_patterns()["denial_before_trigger"].search(sentence))
