"""State forces as ACLED names them: "Military Forces of Syria (2000-)".

ACLED suffixes state-force names with the regime period ("era") they belong to. Data files:
``demonyms.tsv`` (each country's "Military Forces of ..." form), ``actor_eras.tsv`` (suffixes the
dev data shows, built by scripts/build_actors.py) and ``actor_eras_known.tsv`` (hand-written periods).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from sitroom.data import load_tsv


@dataclass(frozen=True)
class Era:
    era: str  # "(2000-)"
    start: int
    first_seen_year: int
    last_seen_year: int
    learned: bool = True  # from the dev data (actor_eras.tsv), not hand-written


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ACLED country name -> the form used in "Military Forces of ..."."""
    return {r["country"]: r["of_name"] for r in load_tsv("demonyms.tsv")}


@functools.lru_cache(maxsize=1)
def eras() -> dict[tuple[str, str], tuple[Era, ...]]:
    """(kind, of_name) -> eras, oldest first: the dev data's own suffixes, then the hand-written ones."""
    table: dict[tuple[str, str], list[Era]] = {}
    for name, learned in (("actor_eras.tsv", True), ("actor_eras_known.tsv", False)):
        for r in load_tsv(name):
            key = (r.get("kind", ""), r.get("of_name", ""))
            try:
                start = int(r["era"].strip("()").split("-")[0])
                era = Era(r["era"], start, int(r["first_seen"][:4]), int(r["last_seen"][:4]), learned)
            except (KeyError, ValueError, AttributeError):
                continue
            table.setdefault(key, []).append(era)
    return {k: tuple(sorted(v, key=lambda e: e.start)) for k, v in table.items()}


def era_for(kind: str, of_name: str, year: int | None) -> str:
    """ACLED's era suffix for a state-force name in a year ("" when unknown): a suffix the dev data
    shows in that year wins; else a hand-written period covering it; else the latest begun by then."""
    options = eras().get((kind, of_name))
    if not options:
        return ""
    if year is None:
        return max(options, key=lambda e: (e.start, e.learned)).era
    seen = [e for e in options if e.first_seen_year <= year <= e.last_seen_year]
    if seen:
        return max(seen, key=lambda e: (e.learned, e.start)).era
    started = [e for e in options if e.start <= year]
    return (max(started, key=lambda e: (e.start, e.learned)) if started else options[0]).era


STATE_KINDS = {"military": "Military Forces", "police": "Police Forces", "government": "Government"}


def state_actor(kind: str, country: str, year: int | None, unit: str = "") -> str:
    """"Military Forces of Syria (2000-)" and the like; "" for an unknown country."""
    of_name = countries().get(country)
    if not of_name:
        return ""
    prefix = STATE_KINDS.get(kind, "Military Forces")
    era = era_for(prefix, of_name, year)
    name = f"{prefix} of {of_name}" + (f" {era}" if era else "")
    return f"{name} {unit}".strip()
