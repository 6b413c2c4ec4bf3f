"""Who did what to whom in an event sentence: the cue tables and clause grammar that
classify.py uses to settle ACLED's boundaries.

An attack on soldiers is a Battle, on civilians Violence against civilians; a place taken
by state forces is Government regains territory, by a rebel group Non-state actor overtakes
territory; a detention by police is an Arrest, by an armed group an Abduction. The cue
regexes live in data/event_cues.json.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitroom.data import load_json

_TARGET_WINDOW = 70
# Victim-or-attacker grammar (data/event_cues.json "_target_grammar"): an agent or circumstance
# after the trigger ("killed by police", "during a raid") ends the victim window; a noun phrase
# right after an active verb is its object, so the words before name the attacker; after
# "was/were" the subject before is the victim.
_REPORTING = re.compile(r"\b(?:said|says|say|told|that|reported|according to)\b|[:\u201c\"]", re.I)
_ALLIED_MILITIA = re.compile(r"\b(?:loyalist|pro-regime|pro-government|allied|government-backed|regime-backed)\b", re.I)
# Where one clause joins another: "X withdrew, and Y took the town".
_CLAUSE_JOIN = re.compile(r"[,;]\s|\b(?:and|but|while|as|after|before)\s", re.I)
_SITE = re.compile(r"check ?points?|positions?|bases?|posts?|outposts?|barracks|garrison|convoys?|patrols?", re.I)
_SITE_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:check ?points?|checks?|positions?|bases?|posts?|outposts?|barracks|stations?|"
                         r"headquarters|prisons?|jails?|academy|academies|hospitals?|airports?|colleges?|schools?|courts?|compounds?|camps?)\b", re.I)
_CHARGED_WITH = re.compile(r"\b(?:accused|suspected|charged|convicted|guilty|arrested|detained|wanted)\s+(?:of|with|for)\s+$"
                           r"|\bfor\s+$", re.I)
# words between a detention verb and an armed group that make the group qualify the detained
# ("the wives of IS fighters", "a defector who had fled IS"); "members of" names the group itself
_NOT_THE_OBJECT = re.compile(r"(?<!members )(?<!member )(?<!fighters )(?<!elements )(?<!commanders )(?<!leaders )"
                             r"(?<!officers )\b(?:of|from|with|who|whom|whose|which|that|fled|by)\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:that\s+)?(?:it|they|its (?:forces|troops|fighters)|their (?:forces|troops|fighters))\b", re.I)
_RELATIVE_CLAUSE = re.compile(r"(?:,\s*|\b)(?:where|after which|whereupon)\b|[;,]")
_SENTENCE_START = re.compile(r"\.\s+(?=[A-Z])")
_LOSER_WITHDREW = re.compile(r"\b(?:withdr(?:ew|awn)|retreated|pulled (?:out|back)|fled|abandoned|evacuated)\b", re.I)
# Police as the source of a report, not its agent: "police said", "according to police".
_POLICE_SOURCE = re.compile(
    r"\b(?:according to|told|citing)\s+(?:the\s+)?(?:local\s+|state\s+)?police\b"
    r"|\bpolice\s+(?:said|say|says|sources?|spokesm[ae]n|spokesperson|officials? said|reported|told|confirmed)\b",
    re.I)

_OWNED_THING = re.compile(r"(?:vehicles?|cars?|homes?|houses?)\s+of\b", re.I)


def word_start(pattern: str) -> str:
    """Anchor an alternation at word starts: every trigger and cue begins a word, and
    the anchor lets the regex engine skip the other positions (about 3x faster)."""
    return rf"\b(?=\w)(?:{pattern})"

@dataclass(frozen=True)
class TriggerHit:
    label: str  # a sub-event type or a family (TERRITORY, ATTACK, KILLED, PROTEST, RIOT)
    start: int  # offsets within the analysed text
    end: int
    weight: float

@functools.lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern]:
    raw = load_json("event_cues.json")
    return {k: re.compile(word_start(v), re.IGNORECASE) for k, v in raw.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def grammar() -> dict[str, re.Pattern]:
    raw = load_json("event_cues.json")["_target_grammar"]
    return {k: re.compile(v, re.IGNORECASE if k != "named_object" else 0) for k, v in raw.items() if not k.startswith("_")}

def cue(name: str, text: str) -> bool:
    return cues()[name].search(text) is not None


def target_is_armed(text: str, hit: TriggerHit, look_before: bool = True) -> bool | None:
    """Who an attack hit: True armed, False civilian, None unknown (after, then before)."""
    g = grammar()
    after = text[hit.start:hit.end + _TARGET_WINDOW]  # the trigger may hold its object
    agent = g["agent_or_circumstance"].search(after, hit.end - hit.start)
    if agent:
        after = after[:agent.start()]
    before = text[max(0, hit.start - _TARGET_WINDOW):hit.start]
    object_follows = g["verb_end"].search(text, hit.start, hit.end) is not None and \
        g["object_follows"].match(text, hit.end) is not None
    windows = (after, before) if look_before and not object_follows else (after,)
    passive = look_before and g["passive_before"].search(before) is not None
    if passive:  # "a farmer was shot": the victim is the subject
        windows = (before, after)
    for window in windows:
        civ = cues()["civilian_target"].search(window)
        mil = military_target(window)
        if civ and mil:
            # "the vehicle of a commander": the vehicle is the commander's
            owned = _OWNED_THING.match(window, civ.start())
            if owned and 0 <= mil.start() - owned.end() <= 25:
                return True
            if window is before and not passive:  # "forces found the body of a civilian killed by ...": the nearest noun
                civs = [m.span() for m in cues()["civilian_target"].finditer(window)]
                # "a former police officer": the armed word inside a civilian phrase is that phrase's
                mils = [m.start() for m in military_targets(window)
                        if not any(a <= m.start() < b for a, b in civs)]
                return bool(mils) and max(mils) > civs[-1][0]
            return mil.start() < civ.start()
        if mil:
            return True
        if civ:
            return False
    if object_follows and g["named_object"].match(text, hit.end):
        return False  # "killed ten truffle hunters": news names soldiers and fighters as such
    return None


def military_target(window: str) -> re.Match | None:
    """The first armed-target word in ``window`` that is not a place phrase ("at a
    checkpoint", "near their base" say where the victim was, not who)."""
    return next(military_targets(window), None)


def military_targets(window: str):
    """Every armed-target word in ``window`` that is not a place phrase, in order."""
    table = cues()
    for m in table["military_target"].finditer(window):
        prefix = table["target_location_prefix"].search(window[max(0, m.start() - 40):m.start()])
        # "a leader in the Eighth Brigade": membership, not a place, unless a site is named there
        member = prefix is not None and prefix.group().lower().startswith("in ") and not (
            _SITE.fullmatch(m.group()) or _SITE_AFTER.match(window, m.end()))
        if prefix is None or member:
            yield m


def _own_part(window: str, boundary: re.Pattern) -> str:
    """The part of ``window`` after its last ``boundary``, when that part names an actor."""
    cuts = list(boundary.finditer(window))
    if not cuts:
        return window
    own = window[cuts[-1].end():]
    return own if cues()["state_actor"].search(own) or cues()["nonstate_capture"].search(own) else window


def capturer_is_state(text: str, hits: list[TriggerHit]) -> bool | None:
    """Did state forces take the place (Government regains) or a non-state group?
    None when the text does not say who took it."""
    for h in hits:
        if h.label != "TERRITORY":
            continue
        phrase = text[h.start:h.end].lower()
        passive = phrase.startswith(("fell", "falls", "fallen", "lost", "losing", "passed"))
        window = text[h.end:h.end + 80] if passive else text[max(0, h.start - 90):h.start]
        if not passive:  # the capturer is the subject of the clause the trigger is in
            reported = list(_REPORTING.finditer(window))
            if reported:
                said = window[:reported[-1].start()]
                window = window[reported[-1].end():]
                # "the army said it had regained control": the speaker took the place
                if _PRONOUN_SUBJECT.match(window) and not (cues()["state_actor"].search(window)
                                                           or cues()["nonstate_capture"].search(window)):
                    window = said
            # "the rebels retreated and government troops recaptured": after a clause telling
            # the loser's withdrawal, the capturer is the subject of the trigger's own clause.
            joins = [m for m in _CLAUSE_JOIN.finditer(window) if _LOSER_WITHDREW.search(window, 0, m.start())]
            # "... against rebel factions in X, where regime forces managed to establish control",
            # "after fighting with jihadists, the army controlled X": the trigger's own clause
            # names the capturer when it names anyone.
            if not joins:
                window = _own_part(window, _SENTENCE_START)  # the trigger's sentence, when it names anyone
                joins = list(_RELATIVE_CLAUSE.finditer(window))
            if joins:  # only the trigger's own clause: an appositive before it ("rebels, backed by
                # US troops, captured") leaves the subject where English puts it, first
                own = window[joins[-1].end():]
                if cues()["state_actor"].search(own) or cues()["nonstate_capture"].search(own):
                    window = own
        state = cues()["state_actor"].search(window)
        nonstate = cues()["nonstate_capture"].search(window)
        if state and nonstate and not passive and _ALLIED_MILITIA.search(window):
            return True  # "regime and loyalist militia forces captured": the state side leads
        if passive:
            if phrase.startswith(("lost", "losing")):  # the loser is named before
                window = text[max(0, h.start - 90):h.start]
                state = cues()["state_actor"].search(window)
                nonstate = cues()["nonstate_capture"].search(window)
                if state and not nonstate:
                    return False
                if nonstate and not state:
                    return True
                continue
        if state and nonstate:
            # English puts the subject first: the earlier mention is the capturer
            return state.start() < nonstate.start()
        if state:
            return True
        if nonstate:
            return False
    return None


def state_detains(text: str, hits: list[TriggerHit], weak: bool = False) -> bool:
    """Police or security services as the subject of the detention ("police detained
    five opposition members"), not a non-state group. With ``weak`` evidence (only
    "detained", no abduction word) soldiers and the military count as state detainers too."""
    first = min((h.start for h in hits if h.label == "Abduction/forced disappearance"), default=len(text))
    before = text[max(0, first - 90):first]
    if not weak and cue("covert_detainer", text):
        return False  # intelligence agents who "abduct" someone make them disappear: no arrest
    if cue("police_arrest", before) or (weak and cue("military_detainer", before)):
        return not cue("nonstate_capture", before)
    # Police who merely report a kidnapping ("police said") did not make it.
    unattributed = _POLICE_SOURCE.sub(" ", text)
    if cue("police_arrest", unattributed) and not cue("nonstate_capture", unattributed):
        return True
    return weak and _bare_passive_detention(text, hits)


def _bare_passive_detention(text: str, hits: list[TriggerHit]) -> bool:
    """"An activist has been detained", no captor named and no abduction word: news tells the
    authorities' detentions so (a group's seizure names the group or says abducted)."""
    detentions = [h for h in hits if h.label == "Abduction/forced disappearance"]
    if not detentions or any(not text[h.start:h.end].lower().startswith("detain") for h in detentions):
        return False
    passive = grammar()["passive_before"]
    for h in detentions:
        if passive.search(text[max(0, h.start - 30):h.start]):
            agent = re.match(r"\W*(?:[\w-]+ ){0,6}?by\b(.{0,60})", text[h.end:], re.S)
            if not (agent and cue("nonstate_capture", agent.group(1))):
                return True
    return False


def detained_fighters(text: str, hits: list[TriggerHit]) -> bool:
    """Did the detention take members of an armed group ("detained two IS militants", "arrested
    25 IS members")? ACLED codes forces seizing enemy fighters as an Armed clash. Only the words
    after the verb name the detained, and "suspected" ones may be anyone."""
    for h in hits:
        if h.label not in ("Arrests", "Abduction/forced disappearance"):
            continue
        after = text[h.end:h.end + _TARGET_WINDOW]
        agent = grammar()["agent_or_circumstance"].search(after)
        after = after[:agent.start()] if agent else after
        m = cues()["armed_group_members"].search(after)
        # the group must head the object ("two IS militants"), not qualify it ("the wives of IS
        # fighters", "a defector who had fled IS militants")
        if m and not _NOT_THE_OBJECT.search(after, 0, m.start()) and not cue("suspect", after) \
                and not cues()["civilian_target"].search(after):
            return True
    return False


def harmed_in_custody(text: str) -> bool:
    """Were the detained tortured or killed ("arrested ... and tortured him to death")? Not when
    the torture is what they are charged with ("arrested two men accused of torturing a child")."""
    return any(not _CHARGED_WITH.search(text, max(0, m.start() - 30), m.start())
               for m in cues()["harmed_in_custody"].finditer(text))


def abducted_armed(text: str, hits: list[TriggerHit]) -> bool:
    """Are the people a group seized soldiers or fighters (not "suspected" ones)? Only the
    words after the verb name them: before it stands the captor."""
    for h in hits:
        if h.label != "Abduction/forced disappearance" or target_is_armed(text, h, False) is not True:
            continue
        after = text[h.end:h.end + _TARGET_WINDOW]
        armed = military_target(after)
        # "the relatives of IS fighters" were not the fighters
        if not cue("suspect", after) and not (armed and _NOT_THE_OBJECT.search(after, 0, armed.start())):
            return True
    return False
