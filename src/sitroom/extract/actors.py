"""Actors of an event, named and coded as ACLED does (issue 3).

``find_actor_mentions`` finds who is named in a span: named groups ("HTS", "Daesh"), state forces
("Russian jets", "regime troops", "police"), and generic actors ("gunmen", "protesters",
"residents"), each resolved to ACLED's normalised name and inter code. ``assign_actors`` then
decides, from the event type and a few syntactic cues (who acts "by", who is "targeted"), which
mention is actor1, which actor2, and which are associated actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitroom.extract.actor_lexicon import (
    Mention,
    actor_entries,
    assoc_patterns,
    countries,
    demonym_index,
    demonym_matches,
    lexicon_mentions,
    state_actor,
    strip_era,
    text_year,
)
from sitroom.extract import prefix_scan
from sitroom.extract.interfaces import ActorAssignment

MentionTuple = tuple[str, int, int, str, int]  # (surface, start, end, actor_name, inter)


_STATE_NAME = re.compile(r"(?:Military Forces|Police Forces|Government) of (.+?)(?: \(\d{4}-\d{0,4}\)|$)")


def inter_code(actor_name: str, country: str = "") -> int:
    """ACLED's inter code for a normalised actor name (0 for "")."""
    name = actor_name or ""
    if not name:
        return 0
    for prefix, code in (("Protesters", 6), ("Rioters", 5), ("Civilians", 7),
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
        country = _infer_country(text, start, end) or _infer_country(text, 0, len(text))
    mentions = lexicon_mentions(text, start, end, country, year)
    if not any(m.inter != 7 for m in mentions):
        # No actor in the span: look a little around it (the sentence before / after).
        ctx_lo, ctx_hi = max(0, start - 300), min(len(text), end + 150)
        around = [m for m in lexicon_mentions(text, ctx_lo, ctx_hi, country, year)
                  if (m.end <= start or m.start >= end) and m.inter != 7]
        mentions = sorted(mentions + around[:2], key=lambda m: m.start)
    roles = assign_roles(text, mentions, event_type, sub_event_type, country, (start, end))
    result = ActorAssignment(
        actor1=roles.actor1, assoc_actor_1="; ".join(roles.assoc1), inter1=roles.inter1,
        actor2=roles.actor2, assoc_actor_2="; ".join(roles.assoc2), inter2=roles.inter2,
    )
    result.interaction = interaction_code(result.inter1, result.inter2)
    if roles.inter2 == 7 and event_type in ("Violence against civilians", "Explosions/Remote violence"):
        result.civilian_targeting = "Civilian targeting"
    result.mentions = [(m.surface, m.start, m.end, m.actor) for m in mentions]
    return result


# ---- roles: who is actor1, actor2, associated ----

@dataclass
class Roles:
    actor1: str = ""
    inter1: int = 0
    actor2: str = ""
    inter2: int = 0
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)


_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|an?\s+|suspected\s+|presumed\s+|alleged\s+|unknown\s+)?$", re.I)
_ALLY_BEFORE = re.compile(
    r"\b(?:(?:supported|backed|accompanied|assisted|aided|joined|reinforced|escorted)\s+by|with\s+(?:the\s+)?"
    r"(?:support|help|backing|participation|assistance)\s+of|alongside|along\s+with|together\s+with|"
    r"in\s+coordination\s+with|in\s+cooperation\s+with|allied\s+with|and\s+allied)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_PATIENT_BEFORE = re.compile(
    r"\b(?:against|targeting|targeted|target|on|at|attacked|attacking|attack\s+on|killing|killed|kill|"
    r"shelled|shelling|struck|striking|hit|hitting|ambushed|ambushing|abducted|abducting|kidnapped|kidnapping|"
    r"arrested|arresting|detained|detaining|wounding|wounded|injuring|injured|shot|shooting|stormed|"
    r"raided|raiding|assassinated|executed|captured|seized|besieged|bombed|bombing|pelted|pelting|"
    r"clashed\s+with|clashes\s+with|fighting\s+with|fought|engaged|repelled|confronted|dispersed|"
    r"positions?\s+of|members?\s+of|ranks\s+of|checkpoint\s+of|vehicle\s+of|towards?|into|and)\b"
    r"[^.,;:]{0,30}$", re.I)
_PATIENT_AFTER = re.compile(
    r"^[^.;]{0,25}?\b(?:(?:was|were|had\s+been|have\s+been|has\s+been|being|got)\s+(?:\w+\s+)?"
    r"(?:killed|injured|wounded|targeted|attacked|shot|abducted|kidnapped|arrested|detained|ambushed|hit|struck|"
    r"executed|assassinated|captured|repelled)|(?:repelled|thwarted|foiled|repulsed|intercepted|responded\s+to|"
    r"came\s+under)\b|(?:attacked|targeted|struck|hit|killed|shot|ambushed|shelled|bombed|captured)\s+by\b)", re.I)
# "On Monday", "at dawn", "on 3 May": time phrases, not targets.
_DATE_PHRASE = re.compile(
    r"\b(?:on|at|in|by|since|until)\s+(?:the\s+)?(?:(?:early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|dawn|dusk|night|noon|midnight|morning|evening|afternoon|weekend|\d{1,2}(?:st|nd|rd|th)?\b"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)[\w ]{0,20}?(?=\s|$)",
    re.I)
_MUTUAL = re.compile(r"\b(?:one[- ]another|each other|among themselves|killed another|another member|"
                     r"two (?:rival )?(?:groups|families|clans|tribes|factions)|internal (?:dispute|clash(?:es)?))\b", re.I)
_RECIPROCAL_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:exchanged|clashed|fought|traded|skirmished)\b", re.I)
_CONTEXT_BEFORE = re.compile(r"\b(?:amid|amidst)\b[^.,;:]{0,30}$", re.I)
_BETWEEN = re.compile(r"\bbetween\b", re.I)
_CLAUSE_END = re.compile(r"[.;]\s")
_AND_BEFORE = re.compile(r"\band\s+(?:the\s+)?$", re.I)


def _role(text: str, m: Mention, lo: int) -> str:
    before = text[max(lo, m.start - 60): m.start]
    cut = _CLAUSE_END.split(before)
    before = cut[-1] if cut else before
    after = text[m.end: m.end + 60]
    if _ALLY_BEFORE.search(before):
        return "ally"
    if _AGENT_BEFORE.search(before):
        return "agent"
    if _PATIENT_AFTER.match(after):
        return "victim"
    tail = _DATE_PHRASE.sub(" ", before[-40:])
    if _AND_BEFORE.search(tail) and not _BETWEEN.search(before):
        if _RECIPROCAL_AFTER.match(after):
            return "patient"  # "regime forces and rebels exchanged fire"
        return "ally"  # "Turkish forces and JWS factions shelled ..."
    if _CONTEXT_BEFORE.search(tail):
        return "ally"  # "amid the overflight of Russian drones": present, not a party
    if _PATIENT_BEFORE.search(tail):
        return "patient"
    return ""


def _default(kind: str, country: str) -> tuple[str, int]:
    c = country or "International"
    return {"uag": (f"Unidentified Armed Group ({c})", 3), "civ": (f"Civilians ({c})", 7),
            "pro": (f"Protesters ({c})", 6), "riot": (f"Rioters ({c})", 5)}[kind]


def _assoc_groups(text: str, lo: int, hi: int, country: str, mentions: list[Mention]) -> list[str]:
    """Who the protesters / rioters are: named organisations, then social groups
    ("Teachers (Iraq)"); a word counts once, for the most specific group (rows go specific first)."""
    groups = [m.actor for m in mentions if not m.generic and m.inter in (2, 3, 4) and lo <= m.start < hi]
    taken: list[tuple[int, int]] = []
    for pattern, group in assoc_patterns():
        for m in prefix_scan.finditer(pattern, text, lo, hi):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            name = group.replace("{country}", country or "International")
            if name not in groups:
                groups.append(name)
    return list(dict.fromkeys(groups))


def assign_roles(text: str, mentions: list[Mention], event_type: str, sub_event_type: str,
                 country: str, span: tuple[int, int] | None = None) -> Roles:
    """Decide actor1/actor2 among the mentions, as ACLED codes each event type."""
    lo = min((m.start for m in mentions), default=0)
    hi = max((m.end for m in mentions), default=0)
    roles = {id(m): _role(text, m, max(0, lo - 200)) for m in mentions}
    armed = [m for m in mentions if m.inter not in (5, 6, 7)]
    civilians = [m for m in mentions if m.inter == 7]
    out = Roles()

    def pick_actor1(cands: list[Mention]) -> Mention | None:
        agents = [m for m in cands if roles[id(m)] in ("", "agent")]
        if not agents:  # all acted upon: the side "clashed with" beats the passive victim
            agents = [m for m in cands if roles[id(m)] == "patient"]
        return agents[0] if agents else None

    def other(cands: list[Mention], first: Mention | None) -> Mention | None:
        name = first.actor if first else ""
        rest = [m for m in cands if m.actor != name and roles[id(m)] != "ally"]
        # A second "by" actor after actor1 is usually a co-attacker ("... amid airstrikes by Russian jets").
        targets = [m for m in rest if roles[id(m)] != "agent"]
        return (targets or rest)[0] if rest else None

    def allies_of(first: Mention | None, second: Mention | None) -> tuple[list[str], list[str]]:
        a1: list[str] = []
        a2: list[str] = []
        used = {first.actor if first else "", second.actor if second else ""}
        for m in armed:
            if roles[id(m)] != "ally" or m.actor in used or m.actor.startswith("Unidentified"):
                continue
            side = a2 if second and m.start > second.start and (not first or second.start > first.start) else a1
            if m.actor not in side:
                side.append(m.actor)
        return a1, a2

    if event_type == "Protests":
        out.actor1, out.inter1 = _default("pro", country)
        span_lo, span_hi = span or (0, len(text))
        out.assoc1 = _assoc_groups(text, span_lo, span_hi, country, mentions)[:3]
        if sub_event_type in ("Protest with intervention", "Excessive force against protesters"):
            target = next((m for m in armed if m.inter in (1, 2, 3, 4, 8)), None)
            if target:
                out.actor2, out.inter2 = target.actor, target.inter
            else:
                police = state_actor("police", country, None)
                out.actor2, out.inter2 = (police, 1) if police else ("", 0)
        return out
    if event_type == "Riots":
        out.actor1, out.inter1 = _default("riot", country)
        span_lo, span_hi = span or (0, len(text))
        target = next((m for m in armed if roles[id(m)] not in ("agent", "ally")), None)
        out.assoc1 = [g for g in _assoc_groups(text, span_lo, span_hi, country, mentions)
                      if not target or g != target.actor][:3]
        if target:
            out.actor2, out.inter2 = target.actor, target.inter
        elif civilians and (sub_event_type == "Mob violence"
                            or any(roles[id(m)] in ("patient", "victim") for m in civilians)):
            out.actor2, out.inter2 = _default("civ", country)
        return out

    first = pick_actor1(armed)
    if event_type == "Violence against civilians":
        if not first:
            first = armed[0] if armed else None
        out.actor1, out.inter1 = (first.actor, first.inter) if first else _default("uag", country)
        out.actor2, out.inter2 = (civilians[0].actor, 7) if civilians else _default("civ", country)
        out.assoc1, _ = allies_of(first, None)
        return out
    if not first and armed:
        first = armed[0]
    second = other(armed, first)
    if first:
        out.actor1, out.inter1 = first.actor, first.inter
    elif event_type in ("Battles", "Explosions/Remote violence"):
        out.actor1, out.inter1 = _default("uag", country)
    if second and (event_type != "Strategic developments" or roles[id(second)] in ("patient", "victim")
                   or sub_event_type in ("Arrests", "Disrupted weapons use", "Looting/property destruction")):
        out.actor2, out.inter2 = second.actor, second.inter
    elif event_type == "Battles" and first and _MUTUAL.search(text, lo, max(hi, lo + 400)):
        out.actor2, out.inter2 = first.actor, first.inter  # "clashed with one another"
    elif event_type == "Battles":
        out.actor2, out.inter2 = _default("uag", country)
    elif civilians and event_type == "Explosions/Remote violence":
        out.actor2, out.inter2 = civilians[0].actor, 7
    elif event_type == "Strategic developments" and sub_event_type in ("Arrests", "Looting/property destruction"):
        out.actor2, out.inter2 = (civilians[0].actor, 7) if civilians else _default("civ", country)
    out.assoc1, out.assoc2 = allies_of(first, second if out.actor2 else None)
    if not out.actor1 and civilians and event_type == "Strategic developments":
        out.actor1, out.inter1 = civilians[0].actor, 7  # displacement, mass graves: civilians are the subject
    if not out.actor1:
        out.actor1, out.inter1 = _default("uag", country)
    return out


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
    try:
        from sitroom.evaluate.splits import is_tuning_row
    except ImportError:
        import hashlib

        return int(hashlib.md5(key.encode()).hexdigest(), 16) % 2 == 0
    return is_tuning_row(key)


def evaluate_on_acled(path: str, show_errors: int = 0) -> dict[str, dict[str, float]]:
    """Actor accuracy on ACLED rows (their notes as text, gold event type and country given),
    for the tuning half and the test half separately."""
    import csv

    tallies: dict[str, dict[str, float]] = {}
    shown = 0
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            half = "tuning" if _is_tuning_row(row["event_id_cnty"]) else "test"
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
