"""Actors of an event, named and coded as ACLED does (issue 3).

``find_actor_mentions`` finds who is named in a span: named groups ("HTS", "Daesh"), state forces
("Russian jets", "regime troops", "police"), and generic actors ("gunmen", "protesters",
"residents"), each resolved to ACLED's normalised name and inter code (actor_lexicon.py).
``assign_actors`` resolves references back ("the militants", "They ..."), then decides, from the
event type and a few syntactic cues, which mention is actor1, which actor2, and which are
associated actors (actor_roles.py).
"""
from __future__ import annotations

import re

from sitroom.extract.actor_lexicon import (
    Mention,
    actor_entries,
    countries,
    demonym_index,
    demonym_matches,
    entry_set,
    lexicon_mentions,
    strip_era,
    text_year,
)
from sitroom.extract.actor_roles import Roles, assign_roles, mention_role  # noqa: F401 (Roles re-exported)
from sitroom.extract.interfaces import ActorAssignment

MentionTuple = tuple[str, int, int, str, int]  # (surface, start, end, actor_name, inter)


_STATE_NAME = re.compile(r"(?:Military Forces|Police Forces|Government) of (.+?)(?: \(\d{4}-\d{0,4}\)|$)")


def inter_code(actor_name: str, country: str = "") -> int:
    """ACLED's inter code for a normalised actor name (0 for "")."""
    name = actor_name or ""
    if not name:
        return 0
    for prefix, code in (("Protesters", 6), ("Rioters", 5), ("Civilians", 7), ("Private Security Forces", 8),
                         ("Unidentified Armed Group", 3), ("Unidentified Gang", 3),
                         ("Unidentified Tribal Militia", 4), ("Unidentified Clan Militia", 4),
                         ("Unidentified Communal Militia", 4), ("Militia (", 3)):
        if name.startswith(prefix):
            return code
    m = _STATE_NAME.match(name)
    if m:
        home = {v: k for k, v in countries().items()}.get(m.group(1), m.group(1))
        return 8 if country and home != country else 1
    for entry in actor_entries():
        if entry.actor == name or strip_era(entry.actor) == strip_era(name):
            return entry.inter
    if re.search(r"Ethnic Militia|Communal Militia|Tribal Militia|Clan Militia", name):
        return 4
    return 3


def find_actor_mentions(text: str, start: int, end: int, country: str) -> list[MentionTuple]:
    """Every actor named in text[start:end]: (surface, start, end, ACLED actor name, inter code)."""
    try:
        text = text or ""
        year = text_year(text, start, end)
        return [m.as_tuple() for m in lexicon_mentions(text, start, end, country or "", year)]
    except Exception:  # never raise on odd text
        return []


_QUALIFIER_AFTER = re.compile(r"-?\s?(?:backed|led|allied|aligned)\b")
_WHERE_BEFORE = re.compile(r"\b(?:in|across|inside)\s+(?:(?:north|south|east|west)\w*\s+)?$", re.I)


def _infer_country(text: str, lo: int, hi: int) -> str:
    counts: dict[str, int] = {}
    index = demonym_index()
    for m in demonym_matches(text, lo, hi):
        c = index.get(m.group(1).lower())
        if c and m.group(1)[0].isupper() and not _QUALIFIER_AFTER.match(text, m.end()):
            # "in northwest Syria" says where it happened; a bare demonym only who took part
            where = _WHERE_BEFORE.search(text[max(0, m.start() - 25): m.start()])
            counts[c] = counts.get(c, 0) + (3 if where else 1)
    return max(counts, key=counts.get) if counts else ""


def _country_of_names(text: str, lo: int, hi: int) -> str:
    """The country that names only used in one country point to ("TMF", "QSD", "rebel forces" in Syria):
    a last resort when neither the place nor a demonym gave the event's country."""
    entries = actor_entries()
    single = frozenset(i for i, e in enumerate(entries) if len(e.countries) == 1)
    counts: dict[str, int] = {}
    for i in entry_set().finditer_each(text, lo, hi, single):
        (c,) = entries[i].countries
        counts[c] = counts.get(c, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def assign_actors(text: str, start: int, end: int, event_type: str, sub_event_type: str,
                  country: str, article_text: str | None = None) -> ActorAssignment:
    """ACLED's actor1/actor2 (with assoc actors, inter codes, interaction, civilian targeting)
    for the event reported in text[start:end]."""
    try:
        return _assign(text or "", start, end, event_type or "", sub_event_type or "", country or "", article_text)
    except Exception:  # never raise on odd text
        return ActorAssignment()


def _assign(text: str, start: int, end: int, event_type: str, sub_event_type: str,
            country: str, article_text: str | None) -> ActorAssignment:
    start, end = max(0, start), min(len(text), end if end > start else len(text))
    year = text_year(text, start, end, article_text)
    if not country:
        country = (_infer_country(text, start, end) or _infer_country(text, 0, len(text))
                   or _country_of_names(text, start, end))
    mentions = _resolve_references(text, start, lexicon_mentions(text, start, end, country, year), country, year)
    if not any(m.inter != 7 for m in mentions):
        # No actor in the span: look a little around it (the sentence before / after).
        ctx_lo, ctx_hi = max(0, start - 300), min(len(text), end + 150)
        around = [m for m in lexicon_mentions(text, ctx_lo, ctx_hi, country, year)
                  if (m.end <= start or m.start >= end) and m.inter != 7]
        mentions = sorted(mentions + around[:2], key=lambda m: m.start)
    roles = assign_roles(text, mentions, event_type, sub_event_type, country, (start, end), year)
    result = ActorAssignment(
        actor1=roles.actor1, assoc_actor_1="; ".join(roles.assoc1), inter1=roles.inter1,
        actor2=roles.actor2, assoc_actor_2="; ".join(roles.assoc2), inter2=roles.inter2,
    )
    result.interaction = interaction_code(result.inter1, result.inter2)
    if roles.inter2 == 7 and event_type in ("Violence against civilians", "Explosions/Remote violence"):
        result.civilian_targeting = "Civilian targeting"
    result.mentions = [(m.surface, m.start, m.end, m.actor) for m in mentions]
    return result


# ---- references back to an actor named earlier ----

_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.I)
_PRONOUN_OPENING = re.compile(r"^\W*(?:They|He|She)\b")


def _is_unidentified(m: Mention) -> bool:
    return m.generic and m.actor.startswith("Unidentified Armed Group")


def _resolve_references(text: str, start: int, mentions: list[Mention], country: str,
                        year: int | None) -> list[Mention]:
    """"IS attacked ... the militants fled": a definite generic noun names the armed group
    acting before it; "They claimed ..." opening the span names the actor of the sentence before."""
    definite = [m for m in mentions if _is_unidentified(m) and _DEFINITE_BEFORE.search(text, max(0, m.start - 8), m.start)]
    named_armed = any(not m.generic and m.inter not in (5, 6, 7) for m in mentions)
    pronoun = not named_armed and _PRONOUN_OPENING.match(text[start:start + 20])
    if not definite and not pronoun:
        return mentions
    lo = max(0, start - 600)
    earlier = [m for m in lexicon_mentions(text, lo, start, country, year) if m.inter not in (5, 6, 7)]
    for m in definite:
        before = earlier + [k for k in mentions if k.end <= m.start and k.inter not in (5, 6, 7)]
        if any(_is_unidentified(k) for k in before):
            continue  # "unknown gunmen ... the gunmen": the same unnamed group
        acting = [k for k in before if not k.generic and k.inter in (2, 3, 4)
                  and mention_role(text, k, lo) in ("", "agent")]
        if acting:
            m.actor, m.inter, m.generic = acting[-1].actor, acting[-1].inter, False
    if pronoun:
        sentence_lo = max(lo, max(text.rfind(". ", lo, max(lo, start - 2)), text.rfind("\n", lo, max(lo, start - 2))))
        subjects = [k for k in earlier if k.start >= sentence_lo and not k.generic
                    and mention_role(text, k, lo) in ("", "agent")]
        if subjects:
            k = subjects[0]
            mentions = [Mention(text[start:start], start, start, k.actor, k.inter, k.rank, False)] + mentions
    return mentions


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes, lower first; a sole actor is 10 * inter1."""
    if not inter1 and not inter2:
        return 0
    if not inter2:
        return inter1 * 10
    if not inter1:
        return inter2 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


# ---- measuring against ACLED notes (evaluation only; rows never enter the repository) ----

def _is_tuning_row(key: str) -> bool:
    from sitroom.evaluate.splits import is_tuning_row

    return is_tuning_row(key)


def evaluate_on_acled(path: str, show_errors: int = 0) -> dict[str, dict[str, float]]:
    """Actor accuracy on the tuning rows of ACLED (their notes as text, gold event type and
    country given); the test quarter is never read, so it stays a fair held-out check."""
    import csv

    tallies: dict[str, dict[str, float]] = {}
    shown = 0
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not _is_tuning_row(row["event_id_cnty"]):
                continue
            half = "tuning"
            note = row.get("notes") or ""
            got = assign_actors(note, 0, len(note), row["event_type"], row["sub_event_type"], row["country"])
            t = tallies.setdefault(half, {})
            checks = {
                "actor1": got.actor1 == row["actor1"],
                "actor1_no_era": strip_era(got.actor1) == strip_era(row["actor1"]),
                "actor2_no_era": strip_era(got.actor2) == strip_era(row["actor2"]),
                "inter1": str(got.inter1) == row["inter1"],
                "inter2": str(got.inter2) == (row["inter2"] or "0"),
                "interaction": str(got.interaction) == row["interaction"],
                "civilian_targeting": got.civilian_targeting == (row.get("civilian_targeting") or ""),
                "assoc_actor_1": set(got.assoc_actor_1.split("; ")) == set(row["assoc_actor_1"].split("; ")),
            }
            t["rows"] = t.get("rows", 0) + 1
            for k, ok in checks.items():
                t[k] = t.get(k, 0) + int(ok)
            if show_errors and half == "tuning" and not checks["actor1_no_era"] and shown < show_errors:
                shown += 1
                print(f"[{row['country']} | {row['sub_event_type']}] gold={row['actor1']!r} / {row['actor2']!r}"
                      f" got={got.actor1!r} / {got.actor2!r}\n    {note[:220]}")
    return {half: {k: (v if k == "rows" else round(v / t["rows"], 3)) for k, v in t.items()}
            for half, t in tallies.items()}
