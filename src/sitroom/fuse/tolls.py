"""An article's own toll updates, added to the reported range of the event they update.

Reports restate a toll apart from the sentences that tell the event ("By the evening the death
toll had risen to 30"): extraction reads an event's figures
from its own sentences only, so such a figure would be lost from the event's low-high range.
A toll statement outside every event sentence of its article is taken as an update of the
nearest event told before it that has a toll, when the two figures are of one order
(within TOLL_UPDATE_RATIO): a war-wide or unrelated total is not an update. The event's
best figure (ACLED's lowest credible) is left as extraction set it; only low and high widen.
"""
from __future__ import annotations

import dataclasses

from sitroom.extract.fatality_rules import TollStatement, toll_statements
from sitroom.records import Event

TOLL_UPDATE_RATIO = 3.0


@dataclasses.dataclass(frozen=True)
class MentionSpan:
    """One mention of an article: where its evidence starts and ends, and its toll."""

    mention_id: str
    start: int
    end: int
    fatalities: int
    spans: tuple[tuple[int, int], ...] = ()


def mention_spans(mentions: list[Event]) -> list[MentionSpan]:
    return [MentionSpan(m.mention_id, m.evidence[0].start, m.evidence[-1].end, m.fatalities,
                        tuple((s.start, s.end) for s in m.evidence))
            for m in mentions if m.evidence]


def toll_updates(text: str, article_mentions: list[MentionSpan],
                 statements: list[TollStatement] | None = None) -> dict[str, list[TollStatement]]:
    """mention id -> the article's toll statements (`toll_statements(text)` unless given)
    that update that mention's toll."""
    if not text or not article_mentions:
        return {}
    covered = [sp for m in article_mentions for sp in m.spans]
    out: dict[str, list[TollStatement]] = {}
    for t in toll_statements(text) if statements is None else statements:
        if any(a < t.end and t.start < b for a, b in covered):
            continue  # an event's own sentence: extraction has counted it
        before = [m for m in article_mentions if m.start < t.start and m.fatalities > 0]
        if not before:
            continue
        owner = max(before, key=lambda m: m.start)  # the nearest event with a toll told before it
        lo, hi = sorted((owner.fatalities, t.best))
        if hi <= TOLL_UPDATE_RATIO * lo:
            out.setdefault(owner.mention_id, []).append(t)
    return out


def with_toll_updates(m: Event, updates: list[TollStatement]) -> Event:
    """A copy of the mention whose low/high range also holds the updates' figures."""
    if not updates:
        return m
    lows = [v for v in (m.fatalities_low, m.fatalities) if v > 0] + [t.low for t in updates]
    highs = [m.fatalities_high, m.fatalities] + [t.high for t in updates]
    return dataclasses.replace(m, fatalities_low=min(lows), fatalities_high=max(highs))
