"""Event fusion: mentions of one real-world event, from many articles, become one event.

Matching (`mention_match`) scores two mentions on date, place (`place_match`), type,
actors and tolls, and vetoes impossible pairs (different admin1, far-apart towns,
different event types such as an air strike vs an armed clash unless anchored by one
day and one location, two mentions from one article). A
mention scores against a candidate event as the mean of its scores against the
event's members; it joins the best event whose mean reaches MERGE_THRESHOLD and
no member of which vetoes it (no chaining through one lenient member).

Blocking: candidates come only from the same country and days d-1..d+1
(`FusionIndex`), so work grows with the events of a few days in one country,
never with all pairs.

Stable ids: mentions are processed in (published, mention_id) order and an
event's id is derived from its first (earliest) mention's stable id, so a
re-run over the same input gives the same ids; an existing event keeps its id
when later mentions join it.
"""
from __future__ import annotations

import functools
import hashlib
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sitroom.fuse.place_match import (
    SAME_TOWN_SCORE,
    place_score,
    same_location,
)
from sitroom.fuse.place_match import (
    is_coarse as _is_coarse,
)
from sitroom.fuse.place_match import (
    norm_place as _norm_place,
)
from sitroom.fuse.place_match import (
    region_level as _region_level,
)
from sitroom.records import Event

MERGE_THRESHOLD = 2.1  # calibrated on the FA-KES tuning half, precision-first (best F0.5; docs/fusion.md)
GROUP_SCORE = statistics.fmean  # a mention scores against an event as the mean over its members (none may veto)
DATE_WINDOW_DAYS = 1  # "same or adjacent date"
ADJACENT_DAY_SCORE = 0.5
FATALITY_AGREE_BONUS = 0.4
FATALITY_CONFLICT_RATIO = 3.0
# Two different violent event types (an air strike vs an armed clash): None = never one event.
# Measured on the FA-KES tuning half: 0.2 (the old score) merged clashes with strikes in Aleppo.
CROSS_TYPE_SCORE: float | None = None
# ... unless the pair is strongly anchored: the same day, the same location, and either that
# location is a town (not a city named like its region, which sees several incidents a day) or
# the tolls agree. Neighbouring towns are no anchor: a strike on one and a clash in the next are
# two incidents. Opposite-slant outlets tell one
# incident as different types: "army targeted terrorist positions in Douma" (a clash) and
# "regime air strikes on Douma" (a strike); "a massacre" (an attack on civilians) and "air
# strikes killed 30". None = veto even then.
ANCHORED_CROSS_TYPE_SCORE: float | None = 0.3
# Evidence-sentence similarity (rapidfuzz token set ratio): off by default; on the FA-KES tuning
# half a +-0.5 bonus/penalty changed no article pair at the chosen threshold (docs/fusion.md).
TEXT_SIMILAR = 0.0
TEXT_SIMILAR_AT = 70.0
TEXT_DISSIMILAR = 0.0
TEXT_DISSIMILAR_AT = 40.0
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# An "attack" on civilians told without its weapon and a bombing or gas attack can be one
# incident told two ways: weak evidence, not a veto. None = veto like other cross types.
GENERIC_ATTACK_SCORE: float | None = 0.6
ATTACK_TOLD_EXPLOSIONS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Chemical weapon"})
# Sub-event types that reports of one incident use interchangeably: "bombardment" is told as air
# strikes by one outlet and as shelling by another; a car bomb as a suicide attack or an IED.
# Two sub-types of one event type from different families (a gas attack vs shelling) are weak
# evidence of one event: SUBTYPE_OTHER_FAMILY_SCORE instead of SUBTYPE_SAME_FAMILY_SCORE.
SUBTYPE_FAMILIES = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}),
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
)
SUBTYPE_SAME_FAMILY_SCORE = 0.6
SUBTYPE_OTHER_FAMILY_SCORE = 0.3
# A pair with neither a same-day date nor a place below the region on either side (adjacent days;
# both placed only in the region or in a city named like it, "Aleppo" in Aleppo) rests on type and
# actors alone: in a city at war those repeat daily, so such a pair also needs agreeing tolls.
WEAK_ANCHOR_NEEDS_TOLL = True
# A member typed otherwise (a clash in a strike's event) abstains instead of vetoing a mention
# that the event's same-type members accept (see `_typed_otherwise`).
MIXED_TYPE_MEMBERS_ABSTAIN = True
UNREST_TYPES = frozenset({"Protests", "Riots"})


def event_id_for(mention_id: str) -> str:
    """The stable id of an event whose earliest mention is `mention_id`."""
    return "ev-" + hashlib.sha1(mention_id.encode("utf-8")).hexdigest()[:16]


def mention_order_key(m: Event) -> tuple[str, str]:
    """Earliest first: by publication (else event) date, then the stable mention id."""
    return ((m.published or m.event_date or "9999")[:10], m.mention_id)


# --- pairwise matching --------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def _day(d: str | None) -> int | None:
    if d and len(d) >= 10:
        try:
            return date.fromisoformat(d[:10]).toordinal()
        except ValueError:
            return None
    return None


def _same_news_day(a: Event, b: Event) -> bool:
    """Published the same day: dates a day apart are then often one report's "yesterday"
    read against the other's page date, not two days of fighting."""
    return bool(a.published and b.published and a.published[:10] == b.published[:10])


def date_score(a: Event, b: Event, window: int = DATE_WINDOW_DAYS) -> float | None:
    da, db = _day(a.event_date), _day(b.event_date)
    if da is not None and db is not None:
        gap = abs(da - db)
        return 1.0 if gap == 0 else (ADJACENT_DAY_SCORE if gap <= window else None)
    # month- or year-precision dates: compatible when one contains the other
    x, y = a.event_date or "", b.event_date or ""
    if x and y and (x.startswith(y) or y.startswith(x)):
        return 0.3
    return None


def _same_family(x: str, y: str) -> bool:
    return any(x in f and y in f for f in SUBTYPE_FAMILIES)


def type_score(a: Event, b: Event) -> float | None:
    if a.event_type == b.event_type:
        if a.sub_event_type == b.sub_event_type:
            return 1.0
        if _same_family(a.sub_event_type, b.sub_event_type):
            return SUBTYPE_SAME_FAMILY_SCORE
        return SUBTYPE_OTHER_FAMILY_SCORE
    if not a.event_type or not b.event_type:
        return 0.2
    if {a.event_type, b.event_type} <= UNREST_TYPES:
        return 0.2
    if {a.event_type, b.event_type} <= VIOLENT_TYPES:
        if GENERIC_ATTACK_SCORE is not None and _generic_attack_on_explosion(a, b):
            return GENERIC_ATTACK_SCORE
        return CROSS_TYPE_SCORE
    return None


def _generic_attack_on_explosion(a: Event, b: Event) -> bool:
    """One report tells an attack on civilians without its weapon, the other a bombing or a gas
    attack (air strikes and shelling are named as such by nearly every report)."""
    kinds = {(a.event_type, a.sub_event_type), (b.event_type, b.sub_event_type)}
    return ("Violence against civilians", "Attack") in kinds and any(
        t == "Explosions/Remote violence" and sub in ATTACK_TOLD_EXPLOSIONS for t, sub in kinds)


def _actors(m: Event) -> set[str]:
    """Named armed actors only: "Civilians (Syria)" is the victim in most events and
    "Unidentified Armed Group" says nobody knows; neither tells two events apart."""
    return {
        _side(x) for x in (m.actor1, m.actor2, m.assoc_actor_1, m.assoc_actor_2)
        if x and not x.startswith(("Civilians", "Unidentified"))
    }


# "Government of Syria", "Military Forces of Syria (2000-)": one outlet's regime is another's army.
# Police stay apart: a police official is more often a report's source than its actor.
_STATE = re.compile(r"^(?:Government|Military Forces) of ([^()]+?)(?:\s*\(\d{4}-\d{0,4}\).*)?$")


def _side(actor: str) -> str:
    m = _STATE.match(actor)
    return f"state of {m.group(1)}" if m else actor


def actor_score(a: Event, b: Event) -> float:
    xa, xb = _actors(a), _actors(b)
    if not xa or not xb:
        return 0.0
    return 0.5 if xa & xb else -0.5


def _toll_figures(m: Event) -> tuple[int, ...]:
    """The figures a report gives for the toll: its best, and its low and high when it gave several."""
    return tuple(sorted({v for v in (m.fatalities_low, m.fatalities, m.fatalities_high) if v and v > 0}))


def fatality_score(a: Event, b: Event) -> float:
    """Agreeing tolls are evidence of one event; wildly different ones (over 3x) against.
    Tolls rise as reports come in, so the two reports' closest figures are compared
    ("4 killed, later 12" agrees with "12 killed"); a span (1 to 100) is not a figure."""
    fa, fb = _toll_figures(a), _toll_figures(b)
    if not fa or not fb:
        return 0.0
    x, y = min(((x, y) if x <= y else (y, x) for x in fa for y in fb), key=lambda p: (p[1] - p[0], p[1]))
    if y - x <= max(2, 0.2 * y):
        return FATALITY_AGREE_BONUS
    return -FATALITY_AGREE_BONUS if y > FATALITY_CONFLICT_RATIO * x and y - x >= 5 else 0.0


def mention_match(a: Event, b: Event) -> float | None:
    """How strongly two mentions look like one event; None when they cannot be."""
    if a.article_id == b.article_id:
        return None  # one article reporting two events reports two events
    parts = (date_score(a, b), place_score(a, b), type_score(a, b))
    if parts[0] is None or parts[1] is None:
        return None
    tolls = fatality_score(a, b)
    if parts[2] is None and parts[0] == 1.0 and parts[1] is not None:
        parts = (parts[0], parts[1], _anchored_cross_type(a, b, parts[1], tolls))
    if any(p is None for p in parts):
        return None
    if (WEAK_ANCHOR_NEEDS_TOLL and parts[0] < 1.0 and tolls <= 0 and _region_level(a) and _region_level(b)
            and not _same_news_day(a, b)):  # type: ignore[operator]
        return None
    score = sum(parts) + actor_score(a, b) + tolls  # type: ignore[arg-type]
    if TEXT_SIMILAR or TEXT_DISSIMILAR:
        sim = evidence_similarity(a, b)
        if sim is not None:
            score += TEXT_SIMILAR if sim >= TEXT_SIMILAR_AT else (-TEXT_DISSIMILAR if sim < TEXT_DISSIMILAR_AT else 0.0)
    return score


def _anchored_cross_type(a: Event, b: Event, place: float, tolls: float) -> float | None:
    """The type score of two different violent types on one day (see ANCHORED_CROSS_TYPE_SCORE)."""
    if ANCHORED_CROSS_TYPE_SCORE is None or not {a.event_type, b.event_type} <= VIOLENT_TYPES:
        return None
    if not same_location(a, b):
        return None
    return ANCHORED_CROSS_TYPE_SCORE if place >= SAME_TOWN_SCORE or tolls > 0 else None


def _typed_otherwise(m: Event, member: Event, group: MentionGroup) -> bool:
    """`member` vetoes `m` only by its type, and the event is already told as two types (one of
    them m's): the member is another outlet's telling of the event, fused by an anchored match,
    not evidence that m is a different incident. Place and date vetoes still hold."""
    if member.event_type == m.event_type or not {m.event_type, member.event_type} <= VIOLENT_TYPES:
        return False
    if m.article_id == member.article_id or date_score(m, member) is None or place_score(m, member) is None:
        return False
    return any(o.event_type == m.event_type for o in group.mentions)


def evidence_similarity(a: Event, b: Event) -> float | None:
    """Token set ratio (0-100) of the two mentions' evidence sentences; None without evidence."""
    ta, tb = _evidence_text(a), _evidence_text(b)
    if not ta or not tb:
        return None
    return _token_set_ratio(ta, tb)


def _evidence_text(m: Event) -> str:
    return " ".join(sp.text for sp in m.evidence if sp.text)[:600]


@functools.lru_cache(maxsize=131072)
def _token_set_ratio(a: str, b: str) -> float:
    from rapidfuzz.fuzz import token_set_ratio

    return token_set_ratio(a, b, processor=str.lower)


# --- the incremental index ----------------------------------------------------

@dataclass
class MentionGroup:
    """A fused event under construction: its id and member mentions, earliest first."""

    id: str
    mentions: list[Event] = field(default_factory=list)
    is_new: bool = True  # created in this run (else loaded from the store)

    @property
    def article_ids(self) -> set[str]:
        return {m.article_id for m in self.mentions}


def _block_keys(m: Event) -> list[tuple[str, object]]:
    country = m.iso3 or _norm_place(m.country)
    day = _day(m.event_date)
    return [(country, day)] if day is not None else [(country, m.event_date or "")]


class FusionIndex:
    """Fused events indexed by (country, day) blocks; mentions join or start events."""

    def __init__(self, threshold: float = MERGE_THRESHOLD, window: int = DATE_WINDOW_DAYS):
        self.threshold = threshold
        self.window = window
        self.groups: dict[str, MentionGroup] = {}
        self._blocks: dict[tuple[str, object], list[str]] = defaultdict(list)
        self.comparisons = 0

    def add_group(self, group: MentionGroup) -> None:
        """Register an existing event (e.g. loaded from the store)."""
        self.groups[group.id] = group
        for m in group.mentions:
            self._index(group.id, m)

    def _index(self, gid: str, m: Event) -> None:
        for key in _block_keys(m):
            ids = self._blocks[key]
            if gid not in ids:
                ids.append(gid)

    def candidates(self, m: Event) -> Iterator[MentionGroup]:
        seen: set[str] = set()
        for country, day in _block_keys(m):
            days = [day + d for d in range(-self.window, self.window + 1)] if isinstance(day, int) else [day]
            for d in days:
                for gid in self._blocks.get((country, d), ()):
                    if gid not in seen:
                        seen.add(gid)
                        yield self.groups[gid]

    def best_group(self, m: Event) -> MentionGroup | None:
        best, best_score = None, self.threshold
        for g in self.candidates(m):
            if m.article_id in g.article_ids:
                continue
            scores = []
            for other in g.mentions:
                self.comparisons += 1
                s = mention_match(m, other)
                if s is None:
                    if MIXED_TYPE_MEMBERS_ABSTAIN and _typed_otherwise(m, other, g):
                        continue
                    break  # any member vetoes: no chaining across incompatible places
                scores.append(s)
            else:
                if not scores:
                    continue
                score = GROUP_SCORE(scores)
                if score >= best_score and (best is None or score > best_score or g.id < best.id):
                    best, best_score = g, score
        return best

    def add(self, m: Event) -> tuple[MentionGroup, bool]:
        """Put a mention into its event; returns (event, created)."""
        g = self.best_group(m)
        created = g is None
        if g is None:
            gid = event_id_for(m.mention_id)
            g = self.groups.get(gid) or MentionGroup(gid)
            self.groups[gid] = g
        g.mentions.append(m)
        self._index(g.id, m)
        return g, created


def fuse_mentions(mentions: Iterable[Event], existing: Iterable[MentionGroup] = (),
                  threshold: float = MERGE_THRESHOLD) -> FusionIndex:
    """Fuse mentions (in stable order) into `existing` events or new ones."""
    index = FusionIndex(threshold=threshold)
    for g in existing:
        index.add_group(g)
    for m in sorted(mentions, key=mention_order_key):
        index.add(m)
    return index


# --- the fused record ---------------------------------------------------------

def _vote(values: list, default=""):
    """The most common non-empty value; ties go to the earliest (values are in mention order)."""
    present = [v for v in values if v not in ("", None)]
    if not present:
        return default
    counts = Counter(present)
    top = max(counts.values())
    return next(v for v in present if counts[v] == top)


def fused_fatalities(mentions: list[Event]) -> tuple[int, int, int]:
    """(fatalities, low, high) by ACLED's rule, lowest credible figure, with tolls that rise
    over time taken as revisions: the lowest figure reported on each publication day, and the
    latest day's figure never falls below an earlier day's (a toll update raises it).
    A mention with no figure (0) is not a report of zero deaths when others give one."""
    by_day: dict[str, list[int]] = defaultdict(list)
    lows, highs = [], []
    for m in mentions:
        if m.fatalities > 0:
            by_day[(m.published or m.event_date or "")[:10]].append(m.fatalities)
        for v in (m.fatalities_low, m.fatalities):
            if v > 0:
                lows.append(v)
        highs.extend(v for v in (m.fatalities_high, m.fatalities) if v > 0)
    if not by_day:
        return 0, 0, 0
    best = max(min(v) for v in by_day.values())
    return best, min(lows + [best]), max(highs + [best])


def fused_fields(mentions: list[Event]) -> Event:
    """The fused event's ACLED fields from its mentions (earliest first)."""
    first = mentions[0]
    ev = Event(article_id=first.article_id, mention_id=first.mention_id)
    day_dates = [m.event_date for m in mentions if m.event_date and len(m.event_date) >= 10]
    ev.event_date = _vote(day_dates) or _vote([m.event_date for m in mentions], None)
    ev.time_precision = min((m.time_precision for m in mentions if m.event_date == ev.event_date), default=1)
    etype, sub = _vote([(m.event_type, m.sub_event_type) for m in mentions if m.event_type], ("", ""))
    ev.event_type, ev.sub_event_type = etype, sub
    typed = [m for m in mentions if m.event_type == etype] or mentions
    ev.actor1 = _vote([m.actor1 for m in typed])
    ev.actor2 = _vote([m.actor2 for m in typed if m.actor2 != ev.actor1])
    ev.assoc_actor_1 = _vote([m.assoc_actor_1 for m in typed])
    ev.assoc_actor_2 = _vote([m.assoc_actor_2 for m in typed])
    ev.inter1 = next((m.inter1 for m in typed if m.actor1 == ev.actor1 and m.inter1), 0)
    ev.inter2 = next((m.inter2 for m in typed if m.actor2 == ev.actor2 and m.inter2), 0) if ev.actor2 else 0
    ev.interaction = next(
        (m.interaction for m in typed if (m.actor1, m.actor2) == (ev.actor1, ev.actor2) and m.interaction),
        _interaction(ev.inter1, ev.inter2),
    )
    ev.civilian_targeting = _vote([m.civilian_targeting for m in typed])
    placed = sorted(
        (m for m in mentions if m.location),
        key=lambda m: (_is_coarse(m), m.geo_precision or 9),
    )
    where = placed[0] if placed else first
    precise = [m for m in placed if (_is_coarse(m), m.geo_precision or 9) == (_is_coarse(where), where.geo_precision or 9)]
    loc = _vote([m.location for m in precise])
    where = next((m for m in precise if m.location == loc), where)
    for f in ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision"):
        setattr(ev, f, getattr(where, f))
    ev.country = ev.country or _vote([m.country for m in mentions])
    ev.iso3 = ev.iso3 or _vote([m.iso3 for m in mentions])
    ev.admin1 = ev.admin1 or _vote([m.admin1 for m in mentions])
    ev.fatalities, ev.fatalities_low, ev.fatalities_high = fused_fatalities(mentions)
    ev.notes = first.notes
    ev.confidence = round(max((m.confidence for m in mentions), default=0.0), 3)
    ev.evidence = list(first.evidence)
    ev.outlet, ev.published = first.outlet, first.published
    return ev


def _interaction(i1: int, i2: int) -> int:
    if i1 and i2:
        lo, hi = sorted((i1, i2))
        return lo * 10 + hi
    return (i1 or i2) * 10
