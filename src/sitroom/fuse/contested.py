"""Is a fused event contested? Sources disagree on the toll, on who was involved,
or on whether it happened at all.

Thresholds (documented in docs/fusion.md):
- fatalities: independent sources published on the same day give figures whose
  highest is more than FATALITY_SPREAD_RATIO times the lowest and at least
  FATALITY_SPREAD_MIN deaths apart (12 vs 40 is contested; 30 vs 31 is not).
  A toll that rises from one day to the next is a revision, not a dispute.
  A claim that denies or doubts a toll is a dispute too.
- actors: someone asserts an actor's involvement and someone else denies or
  doubts it; or independent sources name different perpetrators (actor1).
- occurrence: a claim denies that the event happened.
"""
from __future__ import annotations

from collections import defaultdict

from sitroom.records import Claim, Event

FATALITY_SPREAD_RATIO = 1.5
FATALITY_SPREAD_MIN = 5
_DISSENT = ("denies", "doubts")


def contested_reasons(
    mentions: list[Event], claims: list[Claim], independent_key: dict[str, str] | None = None
) -> list[str]:
    """Why the event is contested ([] when it is not). `independent_key` maps an
    article id to its independence group (syndicated copies share one)."""
    key = independent_key or {}
    reasons = []
    reasons += _fatality_disputes(mentions, key)
    reasons += _claim_disputes(claims)
    reasons += _perpetrator_disputes(mentions, key)
    return reasons


def _label(m: Event) -> str:
    return m.outlet or m.article_id


def _fatality_disputes(mentions: list[Event], key: dict[str, str]) -> list[str]:
    by_day: dict[str, dict[str, Event]] = defaultdict(dict)
    for m in mentions:
        if m.fatalities > 0:
            group = key.get(m.article_id, m.article_id)
            day = (m.published or m.event_date or "")[:10]
            prev = by_day[day].get(group)
            if prev is None or m.fatalities < prev.fatalities:
                by_day[day][group] = m
    out = []
    for day, per_source in sorted(by_day.items()):
        if len(per_source) < 2:
            continue
        figures = sorted(per_source.values(), key=lambda m: m.fatalities)
        lo, hi = figures[0].fatalities, figures[-1].fatalities
        if hi > FATALITY_SPREAD_RATIO * lo and hi - lo >= FATALITY_SPREAD_MIN:
            detail = ", ".join(f"{_label(m)} {m.fatalities}" for m in figures)
            out.append(f"fatalities: sources disagree ({detail})")
    return out


def _claim_disputes(claims: list[Claim]) -> list[str]:
    out = []
    for subject in ("occurrence", "actors", "fatalities"):
        about = [c for c in claims if c.subject == subject]
        # Whether it happened at all is disputed only by a denial: "no idea why they would
        # attack" doubts a motive, not the attack.
        dissent = [c for c in about if c.stance in (("denies",) if subject == "occurrence" else _DISSENT)]
        if not dissent:
            continue
        asserted = [c for c in about if c.stance == "asserts"]
        speakers_dissent = {c.speaker.lower() for c in dissent}
        if subject != "occurrence" and not any(c.speaker.lower() not in speakers_dissent for c in asserted):
            continue  # a doubt with nobody asserting the contrary is not a dispute between sources
        parts = list(dict.fromkeys(  # one mention per speaker and stance, in order
            f"{c.speaker} {c.stance}" + (f" ({c.value})" if c.value else "") for c in asserted + dissent))[:6]
        out.append(f"{subject}: " + "; ".join(parts))
    return out


def _perpetrator_disputes(mentions: list[Event], key: dict[str, str]) -> list[str]:
    named: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        # "Unidentified Armed Group" says nobody knows: it disagrees with no one.
        if m.actor1 and not m.actor1.startswith("Unidentified") and \
                m.event_type in ("Explosions/Remote violence", "Violence against civilians"):
            named[m.actor1].add(key.get(m.article_id, m.article_id))
    if len(named) < 2:
        return []
    detail = "; ".join(f"{actor} ({len(groups)} source{'s' if len(groups) > 1 else ''})"
                       for actor, groups in sorted(named.items()))
    return [f"actors: sources name different perpetrators: {detail}"]
