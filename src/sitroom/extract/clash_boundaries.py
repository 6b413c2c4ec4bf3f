"""The last boundaries classify.py settles: where a fight is a Battle and where it is not.

- Fire told as shots, bursts or small arms, or "in both directions" of a front, is an exchange
  between armed sides: an Armed clash, even when mortars are named alongside (ACLED codes
  ceasefire-violation reports of small-arms fire this way; explosions alone stay shelling).
  One word is not enough ("shelled the town with heavy machine guns" is shelling): it takes
  two kinds of light-weapons fire, or fire told along a front line.
- Equipment destroyed in a clash ("clashed ..., where they destroyed an armoured vehicle") is
  the clash's outcome, not Property destruction, unless something was looted.
- A fist fight or "physical clashes between individuals" has no armed, organised side: the
  codebook's Mob violence, not an Armed clash, unless firearms or a force are named.
- Party supporters or activists who beat or attack people, with no firearm named, are rioters:
  Mob violence, not an armed group's Attack.
- The arrest of the attacker after the attack ("police later detained the gunman") is the
  attack's aftermath, not an Arrests event of its own.
"""
from __future__ import annotations

import re

from sitroom.extract.event_roles import cue, cues, military_target

_SHELLING = "Shelling/artillery/missile attack"
_VIOLENT = frozenset({"Attack", "Armed clash", _SHELLING, "Air/drone strike", "Remote explosive/landmine/IED",
                      "Grenade", "Suicide bomb", "Mob violence"})


def settle_clash_boundaries(text: str, c: dict[str, float]) -> None:
    """Move scores in ``c`` (sub-event type -> score) across the boundaries above."""
    shell = c.get(_SHELLING, 0.0)
    if shell and shell >= c.get("Air/drone strike", 0.0) and cue("two_way_fire", text) \
            and (cue("front_line", text) or _kinds_of_fire(text) >= 2):
        c["Armed clash"] = c.get("Armed clash", 0.0) + c.pop(_SHELLING)
    if c.get("Armed clash", 0.0) >= 2.5 and "Looting/property destruction" in c \
            and cue("strong_clash", text) and not cue("looting", text):
        c["Armed clash"] += c.pop("Looting/property destruction")
    if "Armed clash" in c and cue("unarmed_fight", text) and not cue("firearms", text) \
            and military_target(text) is None:
        c["Mob violence"] = c.get("Mob violence", 0.0) + c.pop("Armed clash")
    settle_partisan_violence(text, c)
    if c.get("Arrests") and cue("perpetrator_detained", text) and max(
            (v for k, v in c.items() if k in _VIOLENT), default=0.0) >= 2.0:
        c["Arrests"] *= 0.3


def settle_partisan_violence(text: str, c: dict[str, float]) -> None:
    """Party supporters who attack people unarmed (see the module docstring)."""
    attack = c.get("Attack", 0.0)
    if attack and attack >= max(c.values()) and cue("partisans", text) and not cue("firearms", text):
        c["Mob violence"] = c.get("Mob violence", 0.0) + c.pop("Attack")


def _kinds_of_fire(text: str) -> int:
    """How many kinds of light-weapons fire the text names (shots, bursts, small arms, machine
    guns, an exchange): "heavy machine guns ... machine-gun fire" is one kind told twice."""
    return len({_FIRE_KIND.search(m.group()).lastgroup for m in cues()["two_way_fire"].finditer(text)  # type: ignore[union-attr]
                if _FIRE_KIND.search(m.group())})


_FIRE_KIND = re.compile(r"(?P<front>both directions)|(?P<shots>shots)|(?P<bursts>bursts)|(?P<small>small)|"
                        r"(?P<mg>machine)|(?P<exchange>exchange)", re.IGNORECASE)
