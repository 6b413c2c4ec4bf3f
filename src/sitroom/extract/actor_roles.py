"""Who is actor1, actor2 and associated, among the actors named in an event's text.

``assign_roles`` reads a few syntactic cues around each mention (who acts "by", who is "targeted",
who "was killed") and then codes the event as ACLED does for its type: the attacker is actor1,
the side hit is actor2, allies named with "backed by" / "and" are associated actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitroom.extract import prefix_scan
from sitroom.extract.actor_lexicon import Mention, assoc_patterns, state_actor


@dataclass
class Roles:
    actor1: str = ""
    inter1: int = 0
    actor2: str = ""
    inter2: int = 0
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)


_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|an?\s+|suspected\s+|presumed\s+|alleged\s+|unknown\s+)?$", re.I)
# "took the village from IS", "defected from the SDF": after these, "from" names the loser, not an agent.
_LOSER_FROM = re.compile(
    r"\b(?:control|captured?|seized?|took|taken|recaptured?|retook|retaken|wrested|liberated|freed|expelled|"
    r"drove|driven|ousted|withdr[ae]wn?|defected|fled|escaped|released|recovered|regained|gained|won)\b"
    r"[^.;]{0,60}\bfrom\s+(?:the\s+)?$", re.I)
_ALLY_BEFORE = re.compile(
    r"\b(?:(?:supported|backed|accompanied|assisted|aided|joined|reinforced|escorted)\s+by|with\s+(?:the\s+)?"
    r"(?:support|help|backing|participation|assistance)\s+of|alongside|along\s+with|together\s+with|"
    r"in\s+coordination\s+with|in\s+cooperation\s+with|allied\s+with|and\s+allied)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
# Cues of a two-sided fight: the side named after them fought back, so it may stand as actor1
# when nobody else is named ("clashed with IS").
_OPPONENT_BEFORE = re.compile(
    r"\b(?:clashed\s+with|clashes\s+with|clash\s+with|fighting\s+with|fighting\s+against|fought|engaged|"
    r"confronted|exchanged\s+[\w\s]{0,20}?with|battled)\b[^.,;:]{0,30}$", re.I)
_PATIENT_BEFORE = re.compile(
    r"\b(?:against|targeting|targeted|target|on|at|attacked|attacking|attack\s+on|killing|killed|kill|"
    r"shelled|shelling|struck|striking|hit|hitting|ambushed|ambushing|abducted|abducting|kidnapped|kidnapping|"
    r"arrested|arresting|detained|detaining|wounding|wounded|injuring|injured|shot|shooting|stormed|"
    r"raided|raiding|assassinated|executed|captured|seized|besieged|bombed|bombing|pelted|pelting|"
    r"repelled|dispersed|"
    r"positions?\s+of|checkpoint\s+of|vehicle\s+of|towards?|into|and)\b"
    r"[^.,;:]{0,30}$", re.I)
# A new clause between a cue and the mention: "killed ... when gunmen opened fire" makes gunmen no victim.
_CLAUSE_WORD = re.compile(r"\b(?:when|while|after|as|because|before|since|until|who|which|whose|whereas)\b", re.I)
_PATIENT_AFTER = re.compile(
    r"^[^.;]{0,25}?\b(?:(?:was|were|had\s+been|have\s+been|has\s+been|being|got)\s+(?:\w+\s+)?"
    r"(?:killed|injured|wounded|targeted|attacked|shot|abducted|kidnapped|arrested|detained|ambushed|hit|struck|"
    r"executed|assassinated|captured|repelled)|(?:repelled|thwarted|foiled|repulsed|intercepted|responded\s+to|"
    r"came\s+under)\b|(?:attacked|targeted|struck|hit|killed|shot|ambushed|shelled|bombed|captured)\s+by\b)", re.I)
# "two soldiers killed in ...", "six militants dead", "soldiers died of their wounds": the count's nouns are victims.
_CASUALTY_AFTER = re.compile(
    r"^\s+(?:(?:killed|injured|wounded)(?=\s*(?:[,.;]|$|and\b|in\b|during\b|when\b|while\b|after\b|as\b|near\b|"
    r"at\b(?!\s+least)|on\b|following\b))|(?:were\s+|was\s+)?(?:dead|died|perished|lost\s+their\s+lives)\b)", re.I)
# "an IS attack", "HTS shelling", "a PKK ambush": the name before the attack noun is the attacker.
_ATTACK_NOUN_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:suicide|sniper|drone|rocket|mortar|artillery|missile|surprise|coordinated|renewed|"
    r"large-scale|heavy|fresh|deadly)\s+)?(?:attacks?|assaults?|offensive|ambush(?:es)?|raids?|incursions?|"
    r"infiltrations?|shelling|bombardments?|(?:air|drone)\s?strikes?)\b", re.I)
# Who acts in an IED event: only a named actor that planted, set off or claimed the device;
# one that merely "passed by" or rode the vehicle it hit is its target.
_DEVICE_AGENT_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:planted|plants?|planting|detonated|detonates?|detonating|set\s+off|laid|placed|"
    r"booby-trapped|threw|hurled|launched|fired|attacked|targeted|targeting|carried\s+out|conducted|claimed|"
    r"blew\s+up|used|attacks?)\b", re.I)
_DEVICE_SUBS = ("Remote explosive/landmine/IED",)
_ONE_SIDED_SUBS = ("Change to group/activity", "Other")
# Strategic developments where the second actor named is the other party, whatever the syntax.
_TWO_PARTY_SUBS = ("Arrests", "Disrupted weapons use", "Looting/property destruction", "Agreement",
                   "Non-violent transfer of territory")
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
_SECURITY_FORCES = re.compile(r"\bsecurity\s+(?:forces|personnel|services|agents|members)\b", re.I)
_CODED_AS_GAP = re.compile(r"^[^.;]{0,30}\b(?:coded|recorded)\s+as\s+(?:the\s+)?$", re.I)
_COORDINATED_GAP = re.compile(r"^[\s,]*(?:[\w'-]+\s+){0,3}?and\s+(?:the\s+)?$", re.I)


def _cue_before(pattern: re.Pattern, tail: str) -> bool:
    """Does a cue end the text before a mention, with no new clause in between?"""
    m = pattern.search(tail)
    return bool(m) and not _CLAUSE_WORD.search(tail, m.start() + 1)


def mention_role(text: str, m: Mention, lo: int, prev_end: int | None = None) -> str:
    """How the text places a mention: agent, ally, victim (acted upon), opponent (the other side
    of a fight), patient (object of an attack verb), or "" (subject / unknown)."""
    before = text[max(lo, m.start - 60): m.start]
    cut = _CLAUSE_END.split(before)
    before = cut[-1] if cut else before
    after = text[m.end: m.end + 60]
    if _ALLY_BEFORE.search(before):
        return "ally"
    if prev_end is not None and _CODED_AS_GAP.match(text[prev_end:m.start]):
        return "ally"  # "pro-Hadi forces and affiliates (coded as Southern Resistance)": the same side
    if _LOSER_FROM.search(text[max(lo, m.start - 100): m.start]):
        return "patient"
    if _AGENT_BEFORE.search(before):
        return "agent"
    if _PATIENT_AFTER.match(after) or _CASUALTY_AFTER.match(after):
        return "victim"
    tail = _DATE_PHRASE.sub(" ", before[-40:])
    if _AND_BEFORE.search(tail) and not _BETWEEN.search(before):
        if _RECIPROCAL_AFTER.match(after):
            return "opponent"  # "regime forces and rebels exchanged fire"
        # "Turkish forces and JWS factions shelled ...": an ally only when an actor stands before "and".
        if prev_end is not None and _COORDINATED_GAP.match(text[prev_end:m.start]):
            return "ally"
        return ""
    if _CONTEXT_BEFORE.search(tail):
        return "ally"  # "amid the overflight of Russian drones": present, not a party
    if _ATTACK_NOUN_AFTER.match(after):
        return "agent"  # "repelled an IS attack": IS attacked
    if _cue_before(_OPPONENT_BEFORE, tail):
        return "opponent"
    if _cue_before(_PATIENT_BEFORE, tail):
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
                 country: str, span: tuple[int, int] | None = None, year: int | None = None) -> Roles:
    """Decide actor1/actor2 among the mentions, as ACLED codes each event type."""
    lo = min((m.start for m in mentions), default=0)
    hi = max((m.end for m in mentions), default=0)
    armed = [m for m in mentions if m.inter not in (5, 6, 7)]
    civilians = [m for m in mentions if m.inter == 7]
    roles: dict[int, str] = {}
    prev_end: int | None = None
    for m in mentions:
        roles[id(m)] = mention_role(text, m, max(0, lo - 200), prev_end)
        if m.inter not in (5, 6, 7):
            prev_end = m.end
    if sub_event_type in _DEVICE_SUBS:
        for m in armed:
            if roles[id(m)] == "" and not _DEVICE_AGENT_AFTER.match(text[m.end:m.end + 80]):
                roles[id(m)] = "patient"
    out = Roles()

    def pick_actor1(cands: list[Mention]) -> Mention | None:
        agents = [m for m in cands if roles[id(m)] in ("", "agent")]
        if not agents:  # all acted upon: the side "clashed with" beats the passive victim
            agents = [m for m in cands if roles[id(m)] == "opponent"]
        if not agents and event_type not in ("Battles", "Explosions/Remote violence"):
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
                police = state_actor("police", country, year)
                out.actor2, out.inter2 = (police, 1) if police else ("", 0)
        if sub_event_type == "Excessive force against protesters" and out.actor2:
            # ACLED codes the force used on protesters from the side of those who used it.
            out.actor1, out.inter1, out.actor2, out.inter2 = out.actor2, out.inter2, out.actor1, out.inter1
            out.assoc1, out.assoc2 = [], out.assoc1
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
                            or any(roles[id(m)] in ("patient", "victim", "opponent") for m in civilians)):
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
    if sub_event_type == "Arrests" and (not first or roles[id(first)] in ("victim", "patient")) \
            and state_actor("police", country, year):
        # "Two gang leaders were arrested": nobody named makes the arrest, so the police did.
        out.actor1, out.inter1 = state_actor("police", country, year), 1
        detained = first or next((m for m in armed if roles[id(m)] in ("victim", "patient")), None)
        if detained:
            out.actor2, out.inter2 = detained.actor, detained.inter
        else:
            out.actor2, out.inter2 = (civilians[0].actor, 7) if civilians else _default("civ", country)
        return out
    if not first and armed and event_type not in ("Battles", "Explosions/Remote violence"):
        first = armed[0]
    # In a fight or a strike where every named side was hit, the attacker is unnamed (actor1
    # defaults to an unidentified armed group) and the side hit is actor2.
    second = other(armed, first)
    if first:
        out.actor1, out.inter1 = first.actor, first.inter
        if sub_event_type == "Arrests" and _SECURITY_FORCES.search(first.surface):
            # Arrests by "security forces" are police work in ACLED's coding.
            out.actor1 = out.actor1.replace("Military Forces of", "Police Forces of", 1)
    elif event_type in ("Battles", "Explosions/Remote violence"):
        out.actor1, out.inter1 = _default("uag", country)
    if sub_event_type in _ONE_SIDED_SUBS:
        second = None  # ACLED leaves actor2 empty for movements of forces and other one-sided acts
    if second and (event_type != "Strategic developments" or roles[id(second)] in ("patient", "victim", "opponent")
                   or sub_event_type in _TWO_PARTY_SUBS):
        out.actor2, out.inter2 = second.actor, second.inter
    elif event_type == "Battles" and first and _MUTUAL.search(text, lo, max(hi, lo + 400)):
        out.actor2, out.inter2 = first.actor, first.inter  # "clashed with one another"
    elif (sub_event_type == "Non-state actor overtakes territory" and first and first.inter not in (1, 8)
          and state_actor("military", country, year)):
        # A non-state actor took a place and nobody else is named: by ACLED's definition it took it
        # from (or subdued) the state's forces there.
        out.actor2, out.inter2 = state_actor("military", country, year), 1
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
