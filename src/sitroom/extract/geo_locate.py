"""The event's place: given the article's places (`geo.article_geo_context`) and the
span of the event's sentences, pick the most specific place the span names, else the
place of the passage before it, else a later place at home, else the country."""
from __future__ import annotations

import re
from dataclasses import replace

from sitroom.extract import geo as _geo
from sitroom.extract.geo_phrases import (
    actor_demonym,
    is_dateline,
    situated_place,
    unlisted_place,
)
from sitroom.extract.interfaces import GeoContext, Place


def locate(text: str, start: int, end: int, context: GeoContext) -> Place | None:
    """The event's place for the sentence(s) text[start:end]: the most specific
    place inside the span, else the nearest earlier place in the article, else
    the article's country; None when nothing resolves."""
    try:
        return _locate(text or "", max(0, start), max(start, end), context or GeoContext())
    except Exception:  # noqa: BLE001 - an unresolvable place is None, never an error
        return None


def _locate(text: str, start: int, end: int, context: GeoContext) -> Place | None:
    places = context.places
    if places and any(p.end > len(text) or text[p.start:p.end] != p.name for p in places):
        places = _geo.find_places(text, context)  # context built from another text
    elif not places and context.iso3 == "":
        places = _geo.article_geo_context(text).places
    in_span = [p for p in places if p.start >= start and p.end <= end]
    local = [p for p in in_span if p.kind != "country"]
    # 'BEIRUT (Reuters) -': where the story was filed, not where the event was
    local = [p for p in local if not is_dateline(text, p)] or [
        p for p in local if len(local) == 1 and p.start > 0]
    situated = situated_place(text, start, end, local, context.iso3)
    if situated is not None:
        return situated
    # a province the span names vets the towns: 'X in Idleb' with X found in Hama is a misread
    provinces = {(p.iso3, p.admin1) for p in local
                 if p.kind == "admin1" or (p.kind == "populated" and _geo._names_its_province(p))}
    # a province named as such ('Saida village in Ar Raqqa governorate', 'El Callao, Bolivar
    # state') or one that situates another place ('Karak area in Dar'a') outranks the province
    # a town's name implies, even against the article's country (which that town may have set)
    named = {(p.iso3, p.admin1) for p in local if _situates(text, p, local)} & provinces
    home = {pr for pr in provinces if pr[0] == context.iso3}
    provinces = named or home or provinces  # a province abroad ('Saida' in Algeria) vets nothing at home
    if provinces:
        vetted = [p for p in local if (p.iso3, p.admin1) in provinces]
        local = vetted or local
    if local:
        best = min(local, key=lambda p: _rank(p, text))
        return unlisted_place(text, start, end, local, best) or best
    earlier = [p for p in places if p.end <= start and p.kind != "country" and not is_dateline(text, p)]
    if context.iso3:  # 'Two were killed.' after 'Washington said...' is not in Washington
        earlier = [p for p in earlier if p.iso3 == context.iso3] or earlier
    if earlier:
        # the most specific place of the last passage that named one
        recent = [p for p in earlier if p.start >= earlier[-1].start - 150]
        # read that passage as if it were the span: 'in X village (Y township, Z region). ...'
        stop = text.rfind(". ", 0, recent[0].start)
        lo = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, recent[0].start) + 1)
        best = _locate(text, lo, start, context)
        if best is None or best.kind == "country":
            best = min(recent, key=lambda p: _rank(p, text))
        return replace(best, geo_precision=max(best.geo_precision, 2))
    later = [p for p in places if p.start >= end and p.kind != "country" and not is_dateline(text, p)]
    if context.iso3:
        # a head naming only its country: the lead's first town at home tells where ('Moscow' said ... first)
        later = [p for p in later if p.iso3 == context.iso3]
    if later:
        return replace(later[0], geo_precision=max(later[0].geo_precision, 2))
    countries_in_span = [p for p in in_span if p.kind == "country"]
    if context.iso3 and any(p.iso3 != context.iso3 for p in countries_in_span):
        # 'Russian warplanes struck a market': Russia acted, the event is at home
        countries_in_span = [p for p in countries_in_span
                             if p.iso3 == context.iso3 or not actor_demonym(text, p)]
    if countries_in_span:
        return countries_in_span[0]
    if context.iso3:
        for p in places:
            if p.kind == "country" and p.iso3 == context.iso3:
                return p
        return Place(context.country, -1, -1, context.country, context.country, context.iso3,
                     geo_precision=3, kind="country", score=0.0)
    return None


# what joins a place to the one that situates it: 'X village in Y', 'X (Y', 'X, Y state'
_LINK_IN = re.compile(r"\s*,?\s+(?:[\w'-]+,?\s+){0,2}in\s+(?:the\s+)?")
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b)\s*[A-Z]")
_LINK_ANY = re.compile(r"\s*[,(]\s*|\s*,?\s+(?:[\w'-]+,?\s+){0,2}in\s+(?:the\s+)?")


def _situates(text: str, p: Place, local: list[Place]) -> bool:
    """'X village in Y governorate', 'X, Y state', 'X area in Y': a province, or a town
    named with 'in', right after another place says where that place is."""
    if p.kind != "admin1":
        link = _LINK_IN
    else:  # 'in Abyan, Aden and Lahij governorates' is a list, not Abyan situated in Aden
        link = _LINK_IN if _LIST_GOES_ON.match(text, p.end) else _LINK_ANY
    return any(q is not p and q.end <= p.start and link.fullmatch(text, q.end, p.start) for q in local)


def _rank(p: Place, text: str) -> tuple:
    specific = _geo._SPECIFIC.get(p.kind, 3)
    if p.kind == "populated" and _geo._names_its_province(p):
        specific = 1.5  # 'in Kansafra in Idleb': Idleb places the town, it is not the event
    prep = 0 if _geo._PREP_BEFORE.search(text[max(0, p.start - 20):p.start]) else 1
    subordinate = 1 if _geo._SUBORDINATE_BEFORE.search(text[max(0, p.start - 40):p.start]) else 0
    nxt = _geo._NEXT_WORD.match(text, p.end)
    if nxt and nxt.group(1).lower() in _geo._ORGANISATION_HEADS:
        subordinate = 1  # 'the Deir ez-Zor Military Council stormed ...' names an actor, not the place
    return (subordinate, specific, prep, p.start)
