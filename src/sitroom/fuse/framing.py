"""Outlet framing: the words each outlet uses for each actor.

For every framing term in an article (data/framing_terms.json: "regime",
"rebels", "terrorists", "liberated", ...) find the actor it is about:

- a label ("regime", "terrorists") is about the actor named just before it in
  the same clause ("Assad regime", "ISIS terrorists", "Turkish-backed
  jihadists") or right after it ("regime of Bashar al-Assad"); else the
  term's default actor ("{country} government" for "regime").
- a ground-taking verb ("liberated", "captured") is about its subject: the
  nearest actor named before it in the sentence, or after "by" in the passive.

A term inside quotation marks of its own ('rebel', "moderate") is a scare
quote and is recorded as such.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from sitroom.data import load_json

_LOOK_BEFORE_WORDS = 3
_LOOK_AFTER_CHARS = 40
_VERB_SUBJECT_CHARS = 120
# "U.S." and "U.N." are not clause ends: a break is punctuation not right after a capital.
_CLAUSE_BREAK = re.compile(r"(?<![A-Z])[.!?](?=\s|$)|[;:\n]|,\s")
# Words that separate an actor name from a term it does not modify ("seen by Russia as terrorists").
_NOT_A_MODIFIER = re.compile(r"\b(?:as|by|and|or|of|to|with|against|from|on|in|at|for|than|like|are|is|was|were|call|called)\b", re.IGNORECASE)
_BACKER_SUFFIX = re.compile(r"-(?:backed|allied|supported|sponsored|funded|armed|trained)\b", re.IGNORECASE)
_QUOTES_OPEN = "'\"‘“"
_QUOTES_CLOSE = "'\"’”"


@dataclass
class FramingTerm:
    term: str  # the vocabulary entry ("rebels"), or '"rebels"' when scare-quoted
    surface: str  # as written
    actor: str  # the actor it is about
    category: str
    start: int
    end: int
    scare_quoted: bool = False


@functools.lru_cache(maxsize=1)
def _vocabulary():
    data = load_json("framing_terms.json")
    forms: dict[str, tuple[str, str, str, str | None]] = {}
    for kind in ("labels", "verbs"):
        for term, entry in data[kind].items():
            for f in entry["forms"]:
                forms[f.lower()] = (term, kind, entry["category"], entry.get("default_actor"))
    alias_to_actor = {}
    for actor, aliases in data["actors"].items():
        for a in aliases:
            alias_to_actor[a] = actor
    term_re = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(f).replace(r"\ ", r"\s+")
                               for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    # Actor names are case-sensitive ("IS" the group, not "is" the verb).
    alias_re = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(alias_to_actor, key=len, reverse=True)) + r")(?![\w])"
    )
    return forms, alias_to_actor, term_re, alias_re


def framing_terms(text: str, country: str = "") -> list[FramingTerm]:
    """Every framing term in an article, with the actor it is about."""
    forms, alias_to_actor, term_re, alias_re = _vocabulary()
    # "Moscow-backed regime" is about the regime, not its backer: such names do not modify.
    aliases = [
        (m.start(), m.end(), alias_to_actor[m.group(1)]) for m in alias_re.finditer(text)
        if "-" in m.group(1) or not _BACKER_SUFFIX.match(text, m.end())
    ]
    out: list[FramingTerm] = []
    for m in term_re.finditer(text):
        term, kind, category, default = forms[re.sub(r"\s+", " ", m.group(1).lower())]
        if any(a_start <= m.start() < a_end for a_start, a_end, _ in aliases) and kind == "labels" \
                and m.group(1).lower() in ("opposition", "armed opposition"):
            continue
        if kind == "labels":
            actor = _label_actor(text, m.start(), m.end(), aliases)
        else:
            actor = _verb_subject(text, m.start(), m.end(), aliases)
        if actor is None and default:
            actor = default.replace("{country}", country).strip() if (country or "{country}" not in default) else None
        if not actor:
            continue
        quoted = _scare_quoted(text, m.start(), m.end())
        out.append(FramingTerm(
            term=f'"{term}"' if quoted else term, surface=m.group(1), actor=actor, category=category,
            start=m.start(), end=m.end(), scare_quoted=quoted,
        ))
    return out


def _clause_start(text: str, pos: int, limit: int) -> int:
    lo = max(0, pos - limit)
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, lo, pos)]
    return breaks[-1] if breaks else lo


def _label_actor(text: str, start: int, end: int, aliases) -> str | None:
    before_start = _clause_start(text, start, 60)
    window = text[before_start:start]
    words_before = window.split()[-_LOOK_BEFORE_WORDS:]
    cut = start - len(" ".join(words_before)) - 1
    near = [a for a in aliases if a[1] <= start and a[0] >= max(cut, before_start)
            and not _NOT_A_MODIFIER.search(text[a[1]:start])]
    if near:
        return near[-1][2]
    after = text[end:end + _LOOK_AFTER_CHARS]
    m = re.match(r"\s+(?:of|led by|loyal to|backed by)\s+(?:the\s+)?(?:President\s+)?", after)
    if m:
        hit = [a for a in aliases if a[0] == end + m.end()]
        if hit:
            return hit[0][2]
    return None


def _verb_subject(text: str, start: int, end: int, aliases) -> str | None:
    after = text[end:end + _LOOK_AFTER_CHARS]
    m = re.search(r"\bby\s+(?:the\s+)?", after)
    if m and not _CLAUSE_BREAK.search(after[:m.start()]):
        hit = [a for a in aliases if a[0] == end + m.end()]
        if hit:
            return hit[0][2]
    lo = _clause_start(text, start, _VERB_SUBJECT_CHARS)
    before = [a for a in aliases if lo <= a[0] and a[1] <= start]
    return before[-1][2] if before else None


def _scare_quoted(text: str, start: int, end: int) -> bool:
    """The term alone (or with a word or two) inside quotation marks: 'rebel', "moderate"."""
    left = text[max(0, start - 20):start]
    right = text[end:end + 20]
    lq = max(left.rfind(q) for q in _QUOTES_OPEN)
    if lq < 0 or len(left[lq + 1:].split()) > 1:
        return False
    rq = min((right.find(q) for q in _QUOTES_CLOSE if right.find(q) >= 0), default=-1)
    if rq < 0 or len(right[:rq].split()) > 1:
        return False
    opener, closer = left[lq], right[rq]
    if opener == "'" and left[lq - 1:lq].isalnum():
        return False  # an apostrophe ("Assad's"), not a quote
    return not (closer == "'" and right[rq + 1:rq + 2].isalpha())


def framing_counts(terms_by_outlet: dict[str, list[FramingTerm]]) -> dict[str, dict[str, dict[str, int]]]:
    """actor -> outlet -> term -> count."""
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for outlet, terms in terms_by_outlet.items():
        for t in terms:
            table[t.actor][outlet][t.term] += 1
    return {a: {o: dict(ts) for o, ts in outs.items()} for a, outs in table.items()}
