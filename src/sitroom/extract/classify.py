"""Event type and sub-event type from trigger words, with ACLED's boundaries.

Triggers (data/event_triggers.json) give weighted votes to sub-event types or
to families that need context to settle (TERRITORY: who took control and was
it contested; ATTACK: were the targets armed; PROTEST: was there violence,
by whom). Then ACLED's rules decide between competing votes:

- an air strike or shelling during a battle is part of the Battle;
- territory changing hands beats the clash that won it;
- interceptions, defusals and seizures are Disrupted weapons use, not strikes;
- a chemical or suicide attack is coded by that weapon;
- an abduction where the victim is killed is an Attack;
- a demonstration is a Protest unless the demonstrators are violent (Riot),
  with Protest with intervention / Excessive force by the response;
- a crowd that only damages property is a Violent demonstration, one that
  attacks people Mob violence;
- a withdrawal under fire is a battle's outcome, a handover under a deal the
  transfer (not the Agreement).

Who attacked whom, who took a place, who detained someone: event_roles.py.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from sitroom.data import load_json
from sitroom.extract.clash_boundaries import settle_clash_boundaries
from sitroom.extract.event_roles import TriggerHit, word_start
from sitroom.extract.event_roles import abducted_armed as _abducted_armed
from sitroom.extract.event_roles import capturer_is_state as _capturer_is_state
from sitroom.extract.event_roles import detained_fighters as _detained_fighters
from sitroom.extract.event_roles import harmed_in_custody as _harmed_in_custody
from sitroom.extract.event_roles import cue as _cue
from sitroom.extract.event_roles import cues as _cues
from sitroom.extract.event_roles import military_target as _military_target
from sitroom.extract.event_roles import state_detains as _state_detains
from sitroom.extract.event_roles import target_is_armed as _target_is_armed
from sitroom.extract.scope import irrealis_checker

__all__ = ["EVENT_THRESHOLD", "Classification", "TriggerHit", "candidate_labels", "classify", "event_type_of",
           "find_triggers", "has_trigger", "word_start"]

# Below this score a sentence reports no event.
EVENT_THRESHOLD = 2.2


@dataclass
class Classification:
    event_type: str
    sub_event_type: str
    score: float  # evidence strength (sum of the winning votes)
    votes: dict[str, float] = field(default_factory=dict)  # label -> summed weight
    side_unknown: bool = False  # a territory change whose taker the text does not name


@dataclass(frozen=True)
class _LabelPatterns:
    label: str
    regex: re.Pattern
    weights: tuple[float, ...]


@functools.lru_cache(maxsize=1)
def _taxonomy_index() -> dict[str, str]:
    from sitroom.records import event_taxonomy

    return {sub: etype for etype, subs in event_taxonomy().items() for sub in subs}


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type a sub-event type belongs to ('' if unknown)."""
    return _taxonomy_index().get(sub_event_type, "")


@functools.lru_cache(maxsize=1)
def _label_patterns() -> tuple[_LabelPatterns, ...]:
    spec = load_json("event_triggers.json")["labels"]
    out = []
    for label, patterns in spec.items():
        # Alternatives matching at the same spot: the stronger one wins.
        patterns = sorted(patterns, key=lambda pw: -pw[1])
        alternation = "|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(patterns))
        out.append(_LabelPatterns(label, re.compile(word_start(alternation), re.IGNORECASE),
                                  tuple(w for _, w in patterns)))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _stem_automaton():
    """Aho-Corasick automaton over every label's stems: stem -> labels it gates."""
    import ahocorasick

    stems: dict[str, set[str]] = {}
    for label, words in load_json("event_trigger_stems.json").items():
        if label.startswith("_"):
            continue
        for w in words:
            stems.setdefault(w, set()).add(label)
    automaton = ahocorasick.Automaton()
    for stem, labels in stems.items():
        automaton.add_word(stem, frozenset(labels))
    automaton.make_automaton()
    return automaton


def candidate_labels(text: str) -> set[str]:
    """Labels whose stems occur in ``text`` (only their patterns can match)."""
    found: set[str] = set()
    for _, labels in _stem_automaton().iter(" " + text.lower()):  # " ied" also at the start
        found |= labels
    return found


def has_trigger(text: str) -> bool:
    """Cheap pre-filter: could any trigger pattern occur in ``text``?"""
    labels = candidate_labels(text)
    if not labels:
        return False
    return any(lp.regex.search(text) for lp in _label_patterns() if lp.label in labels)


def find_triggers(sentence: str, labels: set[str] | None = None) -> list[TriggerHit]:
    """Trigger hits in one sentence, without those in forecast or denied clauses."""
    if labels is None:
        labels = candidate_labels(sentence)
    hits: list[TriggerHit] = []
    if not labels:
        return hits
    irrealis = irrealis_checker(sentence)
    for lp in _label_patterns():
        if lp.label not in labels:
            continue
        for m in lp.regex.finditer(sentence):
            index = int(m.lastgroup[1:]) if m.lastgroup else 0
            if irrealis(m.start()):
                continue
            hits.append(TriggerHit(lp.label, m.start(), m.end(), lp.weights[index]))
    return hits


def sum_votes(hits: list[TriggerHit]) -> dict[str, float]:
    votes: dict[str, float] = {}
    for h in hits:
        votes[h.label] = votes.get(h.label, 0.0) + h.weight
    return votes


def _protest_subtype(text: str, votes: dict[str, float]) -> str:
    if _cue("protest_lethal", text):
        return "Excessive force against protesters"
    if votes.get("RIOT", 0) >= 2.0 or _cue("protest_violent", text):
        return "Violent demonstration"
    if _cue("protest_intervention", text):
        return "Protest with intervention"
    return "Peaceful protest"


def classify(text: str, hits: list[TriggerHit] | None = None, scope_factor: float = 1.0,
             threshold: float = EVENT_THRESHOLD) -> Classification | None:
    """The ACLED (event type, sub-event type) reported by ``text``, or None.

    ``hits`` are the trigger hits of ``text`` (found here when omitted);
    ``scope_factor`` damps the evidence of generic or diplomatic sentences.
    """
    if hits is None:
        hits = find_triggers(text)
    if not hits:
        return None
    votes = sum_votes(hits)
    v = lambda label: votes.get(label, 0.0)  # noqa: E731 - local shorthand
    candidates: dict[str, float] = {}
    side_unknown = False

    def add(sub: str, score: float) -> None:
        if score > 0:
            candidates[sub] = candidates.get(sub, 0.0) + score

    # Armed attacks: split by target.
    clash_from_attacks = 0.0
    attack_on_civilians = 0.0
    for h in hits:
        if h.label in ("ATTACK", "KILLED"):
            armed = _target_is_armed(text, h)
            if armed is True:
                clash_from_attacks += h.weight * (0.7 if h.label == "KILLED" else 1.0)
            elif armed is False:
                # "militants killed a shopkeeper": an armed subject killing a civilian object
                # is an attack even when the victim's noun is not in the trigger's list.
                subject = " ".join(text[max(0, h.start - 40):h.start].split()[-2:])  # right before the verb
                armed_subject = h.label == "KILLED" and _cues()["armed_subject"].search(subject) is not None
                attack_on_civilians += h.weight * (1.4 if armed_subject else 1.0)
            else:  # target unknown: lean to an attack on civilians
                attack_on_civilians += h.weight * (0.8 if h.label == "ATTACK" else 0.5)
                clash_from_attacks += h.weight * 0.5
    add("Armed clash", v("Armed clash") + clash_from_attacks)
    add("Attack", v("Attack") + attack_on_civilians)

    remote = {
        sub: v(sub) for sub in (
            "Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon",
            "Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
        )
    }
    if _aircraft_only(text, hits):
        remote["Air/drone strike"] *= 0.4
    for sub, score in remote.items():
        add(sub, score)
    if scope_factor >= 1.0:  # a killing told as background or in a claim lends no weight
        _explosion_with_casualties(text, hits, candidates)
    for sub in ("Sexual violence", "Looting/property destruction", "Disrupted weapons use",
                "Change to group/activity", "Headquarters or base established", "Agreement", "Other"):
        add(sub, v(sub))

    # Detentions: state arrests vs abductions; killed victims make it an Attack.
    abduction, arrests = v("Abduction/forced disappearance"), v("Arrests")
    if abduction or arrests:
        if abduction and _cue("killed", text):
            add("Attack", abduction)
        elif _harmed_in_custody(text):  # torture or death in custody: an Attack (codebook)
            add("Attack", abduction + arrests)
        elif _detained_fighters(text, hits):  # forces seizing enemy fighters: no civilian victim
            # the fighters' weapons seized with them are part of the capture
            add("Armed clash", abduction + arrests + candidates.pop("Disrupted weapons use", 0.0))
        elif arrests >= abduction or (_cue("police_arrest", text) and arrests):
            add("Arrests", arrests + abduction * 0.5)
        elif _state_detains(text, hits, weak=abduction < 4.0):
            add("Arrests", abduction)
        elif _abducted_armed(text, hits):  # a group seizing enemy fighters: no civilian victim
            add("Armed clash", abduction + arrests * 0.5)
        else:
            add("Abduction/forced disappearance", abduction + arrests * 0.5)

    # Demonstrations and riots.
    protest, riot = v("PROTEST"), v("RIOT")
    if protest >= 3.0:
        add(_protest_subtype(text, votes), protest + riot + 0.3 * (v("ATTACK") + v("KILLED")))
    elif riot:  # violence by a crowd: a Violent demonstration only if it demonstrated
        # Road-blocking with barricades or burning tyres is how ACLED tells a violent demonstration.
        demo = _cue("demonstration", text) or _cue("road_block", text)
        # A crowd that only burns, loots or smashes property harmed no one: Mob violence is
        # rioters attacking people (codebook), so property damage alone reads as a riot.
        # ("0 fatalities", KILLED 0.5, is a note's count line, not harm.)
        property_only = _cue("crowd", text) and v("Looting/property destruction") and not (
            v("ATTACK") or v("KILLED") > 0.5 or v("Attack") or v("Armed clash"))
        sub = "Violent demonstration" if (demo or property_only) and not _cue("mob", text) else "Mob violence"
        add(sub, riot + protest)
    elif protest:  # weak protest words only ("gathered outside ... demanding")
        add(_protest_subtype(text, votes), protest)

    # Territory.
    territory = v("TERRITORY")
    nonviolent = v("Non-violent transfer of territory")
    # A withdrawal under fire or after days of fighting was a battle's outcome, not a handover.
    contested = (_cue("strong_clash", text) and not _cue("no_fighting", text)) or _cue("forced_withdrawal", text)
    if territory >= 3.0 or (nonviolent >= 3.0 and territory):
        if (nonviolent >= 3.0 or _cue("no_resistance", text)) and not contested:
            add("Non-violent transfer of territory", territory + nonviolent)
        else:
            side = _capturer_is_state(text, hits)
            side_unknown = side is None
            sub = "Government regains territory" if side else "Non-state actor overtakes territory"
            # a withdrawal under fire is evidence of the same, fought-for change of control
            add(sub, territory + (nonviolent if contested else 0.0) + 0.5 * v("Armed clash"))
    elif territory:
        add("Armed clash", territory * 0.5)
    elif nonviolent >= 4.0 or (nonviolent >= 3.0 and v("Change to group/activity") >= 2.0):
        # "handed the town over", "withdrew ... without a fight": control moved, no battle
        add("Non-violent transfer of territory", nonviolent + v("Change to group/activity"))

    # Deaths or strikes "during", "despite" or "hours after" a truce: the truce is the context
    # of the violence told, not a new agreement (unless one is signed or agreed to here).
    if "Agreement" in candidates and _cue("killed", text) and _cue("truce_as_context", text) \
            and not any(h.label == "Agreement" and h.weight >= 4.5 for h in hits):
        candidates["Agreement"] *= 0.3

    if not candidates:
        return None
    _apply_boundaries(text, candidates, votes)
    best = max(candidates.items(), key=lambda kv: (kv[1], -_PRIORITY.get(kv[0], 99)))
    sub, score = best
    score *= scope_factor
    if score < threshold:
        return None
    return Classification(event_type_of(sub), sub, round(score, 3), votes, side_unknown)


# Aircraft named by their kind alone: a platform, not an act of violence.
_AIR_PLATFORM = re.compile(r"(?:war ?planes?|jets?|aircraft|helicopters?|gunships?|drones?|uavs?|sorties?|air ?force)",
                           re.IGNORECASE)
# Labels that tell of no violence: with only these beside the aircraft, no strike is told.
_NON_VIOLENT_LABELS = frozenset({"Air/drone strike", "Change to group/activity", "Headquarters or base established",
                                 "Agreement", "Other", "Non-violent transfer of territory"})


def _aircraft_only(text: str, hits: list[TriggerHit]) -> bool:
    """"Jets were scrambled", "a drone unit was formed": aircraft named with nothing done by
    them and no violence told beside them is a movement or a build-up, not an air strike."""
    air = [h for h in hits if h.label == "Air/drone strike"]
    return bool(air) and all(_AIR_PLATFORM.fullmatch(text[h.start:h.end]) for h in air) \
        and all(h.label in _NON_VIOLENT_LABELS or h.weight <= 1.0 for h in hits)  # "entered": too weak to tell


# Bare explosion words, which say nothing of the weapon: "bombing", "bomb", "blast", "explosion".
_GENERIC_EXPLOSION = re.compile(
    r"bomb(?:s|ed|ing|ings|ardment)?|blasts?|explo(?:sion|sions|ded|de)|detonat(?:ed|ing|ion)", re.IGNORECASE)
_EXPLOSION_CASUALTY_WEIGHT = 1.5  # the least a killing lends; more casualty words lend more, up to the max
_EXPLOSION_CASUALTY_MAX = 3.0
_EXPLOSION_CONTEXT = 80  # characters either side of the bare word that tell ground from air
_SUICIDE_NAMED = re.compile(r"\b(?:suicide|(?:a|the|two|twin) (?:suicide )?bombers?|killing (?:him|her|them)sel(?:f|ves))\b",
                            re.IGNORECASE)


def _explosion_with_casualties(text: str, hits: list[TriggerHit], c: dict[str, float]) -> None:
    """A bombing, blast or explosion that killed or wounded people is an event.

    The casualties lend weight to the explosion reading; the context decides the weapon:
    a device named (car bomb, roadside, twin bombing, bomb went off) or a place on the
    ground (bus station, market, mosque, checkpoint) makes it an explosive device, or a
    suicide bomb when a bomber is named; aircraft, barrel bombs or a town bombed by the
    regime make it an air strike; "a bomb", "a blast" with no aircraft named is a device.
    A bare "bombing" with no context, gunfire alongside, or a weapon already named: no
    extra weight.
    """
    generic = [h for h in hits if h.label in ("Air/drone strike", "Remote explosive/landmine/IED")
               and _GENERIC_EXPLOSION.fullmatch(text[h.start:h.end])]
    if not generic or not _cue("explosion_casualty", text):
        return
    if _cue("firearms", text):  # gunmen who also set off a bomb: the assault, not the blast, is the story
        return
    # A weapon already named settles the reading; the bare words only need help when none is.
    if max((c.get(s, 0.0) for s in (*_REMOTE, "Suicide bomb", "Chemical weapon")), default=0.0) >= 3.5:
        return
    # The context near the bare word decides (evidence may join sentences about other blasts).
    first, last = min(h.start for h in generic), max(h.end for h in generic)
    near = text[max(0, first - _EXPLOSION_CONTEXT):last + _EXPLOSION_CONTEXT]
    if _cue("ied_specific", near):
        target = "Remote explosive/landmine/IED"
    elif _cue("explosion_air", near):
        target = "Air/drone strike"
    elif _cue("explosion_ground", near) or any(
            not text[h.start:h.end].lower().startswith(("bombed", "bombing", "bombard")) for h in generic):
        # "a bomb", "a blast", "an explosion" that killed, nothing said of aircraft: a device;
        # only the verb-like "bombing"/"bombed" is as often from the air.
        target = "Remote explosive/landmine/IED"
    else:
        return
    if target != "Air/drone strike" and (c.get("Suicide bomb") or _SUICIDE_NAMED.search(text)):
        target = "Suicide bomb"
    # The bare words' votes for the other reading follow the context.
    moved = sum(h.weight for h in generic if h.label != target)
    for h in generic:
        if h.label != target and h.label in c:
            c[h.label] = max(0.0, c[h.label] - h.weight)
            if not c[h.label]:
                del c[h.label]
    casualties = sum(h.weight for h in hits if h.label == "KILLED")
    c[target] = c.get(target, 0.0) + moved + min(max(casualties, _EXPLOSION_CASUALTY_WEIGHT), _EXPLOSION_CASUALTY_MAX)


# Tie-break order: the more specific, rarer coding first.
_PRIORITY = {
    sub: i for i, sub in enumerate((
        "Chemical weapon", "Suicide bomb", "Disrupted weapons use", "Sexual violence",
        "Non-violent transfer of territory", "Government regains territory",
        "Non-state actor overtakes territory", "Excessive force against protesters",
        "Protest with intervention", "Violent demonstration", "Mob violence", "Peaceful protest",
        "Grenade", "Remote explosive/landmine/IED", "Air/drone strike",
        "Shelling/artillery/missile attack", "Armed clash", "Abduction/forced disappearance",
        "Arrests", "Attack", "Looting/property destruction", "Headquarters or base established",
        "Agreement", "Change to group/activity", "Other",
    ))
}
_REMOTE = ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade")
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory")
_SPECIFIC_DEVELOPMENTS = ("Arrests", "Abduction/forced disappearance", "Disrupted weapons use",
                          "Looting/property destruction", "Headquarters or base established")
_PROTESTS = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
             "Violent demonstration", "Mob violence")


def _apply_boundaries(text: str, c: dict[str, float], votes: dict[str, float]) -> None:
    """Move votes between candidates where ACLED's definitions say one coding wins."""
    remote_total = sum(c.get(s, 0.0) for s in _REMOTE)
    # Interceptions, defusals and seizures: the weapon named was not used.
    if c.get("Disrupted weapons use", 0) >= 4.0:
        c["Disrupted weapons use"] += remote_total + c.get("Suicide bomb", 0) * 0.5
        for s in _REMOTE:
            c.pop(s, None)
    # A named weapon decides among explosions.
    if c.get("Chemical weapon", 0) >= 4.0:
        c["Chemical weapon"] += remote_total
        for s in _REMOTE:
            c.pop(s, None)
    if c.get("Suicide bomb", 0) >= 4.0:
        c["Suicide bomb"] += c.pop("Remote explosive/landmine/IED", 0.0) + c.pop("Attack", 0.0) * 0.5
    # Air strikes beat the generic "bombing"/"explosion" words they bring along.
    air, shell, ied = (c.get(s, 0.0) for s in _REMOTE[:3])
    if ied and (ied < 4.0 or not _cue("ied_specific", text)) and (air >= 3.5 or shell >= 3.0):
        c.pop("Remote explosive/landmine/IED", None)
        if air >= shell:
            c["Air/drone strike"] = air + ied * 0.5
        else:
            c["Shelling/artillery/missile attack"] = shell + ied * 0.5
    # Territory changing hands codes the battle that won it.
    territory = max((c.get(s, 0.0) for s in _TERRITORY), default=0.0)
    if territory >= 3.5:
        gain = c.pop("Armed clash", 0.0) + sum(c.pop(s, 0.0) for s in _REMOTE) * 0.5
        for s in _TERRITORY:
            if c.get(s):
                c[s] += gain
                break
    # A weapon named without a battle: the attack on soldiers is coded by the weapon.
    elif not _cue("strong_clash", text) and "Armed clash" in c and max(
        (c.get(s, 0.0) for s in (*_REMOTE, "Suicide bomb", "Chemical weapon")), default=0.0
    ) >= 3.0:
        c["Armed clash"] *= 0.3
    # Remote violence during a battle is part of the Battle.
    elif _cue("strong_clash", text) and c.get("Armed clash", 0) >= 2.5:
        remote_now = sum(c.get(s, 0.0) for s in _REMOTE)
        if remote_now:
            c["Armed clash"] += remote_now
            for s in _REMOTE:
                c.pop(s, None)
    # Property destruction is coded only when no one was harmed: a raid that burned houses
    # and shot people is an Attack.
    if c.get("Looting/property destruction", 0) and c.get("Attack", 0) >= 2.5 and not votes.get("RIOT"):
        c["Looting/property destruction"] *= 0.5
    # A fight with sticks, stones or machetes between people who are no armed force is
    # Mob violence (codebook: rioters use no sophisticated weapons).
    if "Armed clash" in c and _cue("crude_weapons", text) and not _cue("firearms", text) \
            and _military_target(text) is None:
        c["Mob violence"] = c.get("Mob violence", 0.0) + c.pop("Armed clash")
    # A crowd burning or smashing property is a riot (codebook: Riots include destroying property);
    # vandalism by unnamed persons or settlers, no crowd, stays property destruction.
    if c.get("Looting/property destruction", 0) and votes.get("RIOT", 0) >= 3.0 and _cue("crowd", text):
        c["Looting/property destruction"] *= 0.5
    # A grenade dropped from a drone is an air strike; Grenade is a thrown explosive.
    if c.get("Air/drone strike", 0) >= 3.0 and "Grenade" in c:
        c["Air/drone strike"] += c.pop("Grenade")
    # Buildings destroyed by a strike or shell: the weapon codes the event.
    if "Looting/property destruction" in c and not votes.get("RIOT") and max(
            (c.get(s, 0.0) for s in _REMOTE[:2]), default=0.0) >= 2.5 and not _cue("looting", text):
        c["Looting/property destruction"] *= 0.4
    # Explosions that killed civilians are still explosions (civilian targeting is an actor matter).
    if any(c.get(s, 0) >= 2.5 for s in (*_REMOTE, "Chemical weapon", "Suicide bomb")) and "Attack" in c:
        if not votes.get("Attack"):  # no execution/murder words: the killing was the blast
            c["Attack"] *= 0.3
    # Rape told with the beatings and assaults that went with it, no one killed: the beatings
    # are part of the sexual violence, not an Attack of their own.
    if c.get("Sexual violence", 0) >= 4.5 and "Attack" in c and not _cue("killed", text):
        c["Sexual violence"] += c.pop("Attack") * 0.5
    # A crowd that beats or kills someone outside a demonstration is Mob violence, not an Attack.
    if c.get("Mob violence", 0) >= 3.5 and "Attack" in c and not votes.get("Armed clash"):
        c["Mob violence"] += c.pop("Attack")
    # Demonstrations: the protest coding absorbs generic attack/killed votes.
    protest = max((c.get(s, 0.0) for s in _PROTESTS), default=0.0)
    if protest >= 3.0:
        for s in ("Attack", "Arrests", "Abduction/forced disappearance"):
            # An arrest of someone at a rally (a candidate, a reporter) is an Arrest; of the
            # protesters themselves, the protest's intervention.
            if s == "Arrests" and c.get(s, 0) >= protest and not _cue("protest_intervention", text):
                continue
            if s in c and c[s] < protest + 2:
                c[s] *= 0.3
        if "Other" in c:  # shots in the air to break up a demonstration: an intervention
            c[max((s for s in _PROTESTS if s in c), key=c.get)] += c.pop("Other")
        if "Armed clash" in c and not votes.get("Armed clash", 0) >= 6.0:
            c["Armed clash"] *= 0.3  # clashes at a demonstration are the demonstration's
    # A handover under a deal is the transfer; the deal is its context.
    if c.get("Non-violent transfer of territory", 0) >= 3.5 and "Agreement" in c:
        c["Non-violent transfer of territory"] += c.pop("Agreement") * 0.5
    # Movement words are context when a violent coding is present (a mass grave or shots
    # in the air are no context: they are the event).
    violent = max((val for s, val in c.items() if event_type_of(s) != "Strategic developments"), default=0.0)
    if violent >= 3.0:
        for s in ("Change to group/activity", "Other", "Agreement"):
            if s in c and not (s == "Other" and votes.get("Other", 0) >= 5.0) \
                    and not (s == "Agreement" and votes.get(s, 0) >= 4.5):  # a signed truce ends the fighting named
                c[s] *= 0.5
    # A security operation that detained, seized or destroyed something is coded by what it did.
    elif "Change to group/activity" in c and max((c.get(s, 0.0) for s in _SPECIFIC_DEVELOPMENTS), default=0.0) >= 2.5:
        c["Change to group/activity"] *= 0.5
    settle_clash_boundaries(text, c)
