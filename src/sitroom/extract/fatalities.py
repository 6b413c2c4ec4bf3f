"""Fatality counts by ACLED's rules: deaths only (not injuries), the lowest
credible figure when reports conflict, vague words coded by rule (several = 10,
dozens = 12, hundreds = 100), and totals over many days or places flagged as
aggregates rather than counted.

The method is a small token scanner: every quantity in the span is tied to the
outcome word that governs it (a predicate after it, "10 soldiers were killed",
or a verb before it, "killing 10 soldiers"); coordinated quantities share a cue
("killed 3 soldiers and 2 civilians" = 5); quantities introduced by "including"
are subsets and are not added. The analyst's own coding notes ("coded as 10 and
split between ..."), deaths told without a number ("killed him"), date masking
and the lowest-credible-figure rule are in fatality_rules.py.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitroom.data import load_json
from sitroom.extract import fatality_rules as _rules
from sitroom.extract.interfaces import FatalityCount

__all__ = ["count_fatalities", "parse_number", "find_quantities", "Quantity"]

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[A-Za-z]+(?:['-][A-Za-z]+)*|[^\sA-Za-z\d]")
_SENTENCE_END = {".", ";", "!", "?", ":", "[", "]", "(", ")"}
_MODIFIERS = {
    "at", "least", "more", "than", "over", "up", "to", "as", "many", "nearly", "almost", "about", "around",
    "approximately", "some", "an", "estimated", "a", "total", "of", "roughly", "close", "no", "fewer", "less",
    "another", "further", "additional", "also", "reportedly", "the", "other", "only", "just", "all",
}
_QUANTITY_MODIFIERS = {
    "at", "least", "more", "than", "over", "up", "to", "nearly", "almost", "between", "about", "around",
    "approximately", "some", "roughly", "estimated", "total", "of", "as", "many", "close", "no", "fewer", "less",
}
_NP_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|-|\d+")
_NP_STOP = {
    "and", "or", "were", "was", "are", "is", "have", "has", "had", "been", "who", "which", "that", "in", "on", "at",
    "by", "from", "with", "including", "among", "as", "after", "when", "while", "during", "to", "near", "for", "of",
}
_ACTIVE_OBJECT_START = {"a", "an", "the", "his", "her", "their", "its", "him", "them", "two", "one", "three"}
_PREDICATE_FOLLOWERS = {
    "and", "in", "on", "at", "by", "when", "after", "while", "during", "as", "following", "near", "with", "from",
    "inside", "outside", "or", "were", "was", "have", "had", "has", "been", "so", "to", "this", "that", "today",
    "yesterday", "overnight", "since", "among", "including", "according", "amid", "due", "because",
}


@dataclass
class Quantity:
    """A number or vague quantity in the text, tied later to an outcome cue."""

    value: int
    low: int
    high: int
    first: int  # token index of the first token (modifier included)
    last: int  # token index of the last numeric token
    np_end: int  # token index of the end of the noun phrase after it
    vague: bool = False
    article: bool = False  # "a"/"an"/"the": counts only before a victim noun
    kind: str = ""  # kill | nonkill | ""
    cue: int = -1  # token index of the governing cue
    subset: bool = False
    aggregate: bool = False
    extra: bool = False  # "also", "another": adds to earlier figures


@functools.lru_cache(maxsize=1)
def _lex() -> dict:
    d = load_json("fatality_words.json")
    n = load_json("number_words.json")
    return {
        "units": n["units"], "tens": n["tens"], "scales": n["scales"], "fixed": n["fixed"],
        "fixed_phrases": _phrases(list(n["fixed"])),
        "kill_after": _phrases(d["kill_after_number"]), "kill_before": _phrases(d["kill_before_number"]),
        "nonkill": _phrases(d["nonkill_words"]), "vague": _phrases(list(d["vague_quantities"])),
        "vague_values": d["vague_quantities"], "subset": _phrases(d["subset_cues"]),
        "aggregate": [a.lower() for a in d["aggregate_cues"]],
        "victims": set(d["singular_victims"]), "plural_victims": set(d["plural_victims"]),
        "non_person": set(d["non_person_after_number"]),
        "cue_first": frozenset({*_phrases(d["kill_after_number"]).by_first, *_phrases(d["nonkill_words"]).by_first,
                                *_phrases(d["kill_before_number"]).by_first}),
        # A window holds an aggregate cue when any of these strings is in it (see _mark_aggregates).
        "aggregate_rx": re.compile("|".join(
            re.escape(f" {a} ") + (f"|{re.escape(' ' + a)}" if a.endswith(("20", "19")) else "")
            for a in (x.lower() for x in d["aggregate_cues"])) or "(?!)"),
    }


@functools.lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Lower-cased tokens that can open a quantity (besides digits and hyphenated number words)."""
    lex = _lex()
    return frozenset({*_QUANTITY_MODIFIERS, *_SINGLE_WORDS, *lex["units"], *lex["tens"],
                      *lex["fixed_phrases"].by_first, *lex["vague"].by_first})


class _PhraseSet:
    """Phrases indexed by first and last word, longest first ("killed or injured" beats "killed")."""

    def __init__(self, items: list[str]):
        phrases = sorted({tuple(p.lower().rstrip(",").split()) for p in items if p.strip()}, key=len, reverse=True)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            self.by_first.setdefault(p[0], []).append(p)
            self.by_last.setdefault(p[-1], []).append(p)


def _phrases(items: list[str]) -> _PhraseSet:
    return _PhraseSet(items)


def _match_at(words: list[str], i: int, phrases) -> int:
    """Length of the longest phrase starting at token i (0 if none)."""
    if not 0 <= i < len(words):
        return 0
    candidates = phrases.by_first.get(words[i], ()) if isinstance(phrases, _PhraseSet) else phrases
    for p in candidates:
        if tuple(words[i:i + len(p)]) == p:
            return len(p)
    return 0


_SINGLE_WORDS = ("a", "an", "single", "lone", "no", "none", "both")


def _phrase_ending_at(words: list[str], j: int, phrases: _PhraseSet) -> int:
    """Start index of the longest phrase ending at token j (-1 if none)."""
    if not 0 <= j < len(words):
        return -1
    for p in phrases.by_last.get(words[j], ()):
        k = j - len(p) + 1
        if k >= 0 and tuple(words[k:j + 1]) == p:
            return k
    return -1


def parse_number(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(value, tokens used) for a number written in digits or words at tokens[i]; None if none."""
    lex = _lex()
    t = tokens[i].lower() if 0 <= i < len(tokens) else ""
    if not t:
        return None
    if t[0].isdigit():
        try:
            v = float(t.replace(",", ""))
        except ValueError:
            return None
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if nxt in lex["scales"]:
            return int(v * lex["scales"][nxt]), 2
        return int(v), 1
    if t in _SINGLE_WORDS:
        return lex["units"][t], 1
    total, current, used, j = 0, 0, 0, i
    while j < len(tokens):
        w = tokens[j].lower()
        parts = w.split("-")
        if all(p in lex["units"] or p in lex["tens"] for p in parts) and w not in _SINGLE_WORDS \
                and w not in ("couple", "pair"):
            current += sum(lex["units"].get(p, 0) + lex["tens"].get(p, 0) for p in parts)
            used = j - i + 1
        elif w in lex["scales"] and used:
            current = max(current, 1) * lex["scales"][w]
            if lex["scales"][w] >= 1000:
                total, current = total + current, 0
            used = j - i + 1
        elif not (w == "and" and used and j + 1 < len(tokens)
                  and tokens[j + 1].lower().split("-")[0] in {**lex["units"], **lex["tens"]}):
            break
        j += 1
    if not used:
        return None
    return total + current, used


def _tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    words, spans = [], []
    for m in _TOKEN.finditer(text):
        words.append(m.group(0))
        spans.append((m.start(), m.end()))
    return words, spans


def find_quantities(words: list[str]) -> list[Quantity]:
    """Every quantity (digits, number words, ranges, vague words) in a token list."""
    lex = _lex()
    low = [w.lower() for w in words]
    out: list[Quantity] = []
    starters = _starters()
    numbers = {**lex["units"], **lex["tens"]}
    # Only where a modifier, phrase or number starts can a quantity start: the rest is skipped.
    opens = [k for k, w in enumerate(low)
             if w[:1].isdigit() or w in starters or ("-" in w and all(x in numbers for x in w.split("-")))]
    n_opens, k = len(opens), 0
    i = 0
    while i < len(words):
        while k < n_opens and opens[k] < i:
            k += 1
        if k == n_opens:
            break
        i = opens[k]
        first = i
        # Modifiers: "at least", "more than", "up to", "a total of" ...
        while i + 1 < len(words) and low[i] in _QUANTITY_MODIFIERS and (
                low[i + 1][0].isdigit() or low[i + 1] in _MODIFIERS or low[i + 1] in lex["units"]
                or low[i + 1] in lex["tens"]):
            if low[i] == "no" and low[i + 1] not in ("fewer", "less", "more"):
                break
            i += 1
        n = _match_at(low, i, lex["fixed_phrases"])
        if n:
            v = lex["fixed"][" ".join(low[i:i + n])]
            q = Quantity(v, v, v, first, i + n - 1, i + n - 1, vague=True)  # "a dozen": coded by rule
            i += n
        else:
            n = _match_at(low, i, lex["vague"])
            if n:
                v = lex["vague_values"][" ".join(low[i:i + n])]
                if low[i + n - 1] in ("dozens", "hundreds", "thousands", "tens", "scores") and i + n < len(low) \
                        and low[i + n] == "of":
                    n += 1
                q = Quantity(v, v, v, first, i + n - 1, i + n - 1, vague=True)
                i += n
            else:
                parsed = parse_number(words, i)
                if parsed is None:
                    i = first + 1
                    continue
                v, used = parsed
                q = Quantity(v, v, v, first, i + used - 1, i + used - 1,
                             article=low[i] in ("a", "an", "single", "lone") and used == 1)
                i += used
                # Ranges: "10 to 15", "10-15", "10 or 15", "between 10 and 15".
                if i + 1 < len(words) and low[i] in ("to", "-", "or", "and", "–") and (
                        low[i] != "and" or low[first] == "between" or (first > 0 and low[first - 1] == "between")):
                    nxt = parse_number(words, i + 1)
                    if nxt and not q.article and nxt[0] >= v:
                        q.high, q.last = nxt[0], i + nxt[1]
                        i = i + 1 + nxt[1]
                if low[i - 1] == "no" and v == 0:
                    q.article = True
        # The noun phrase after the quantity: up to 4 plain words.
        j = q.last + 1
        while j < len(words) and j <= q.last + 6 and _NP_WORD.fullmatch(words[j]) \
                and low[j] not in _NP_STOP and not _is_cue(low, j):
            j += 1
        q.np_end = j - 1
        out.append(q)
    return out


def _is_cue(low: list[str], j: int) -> bool:
    lex = _lex()
    if low[j] not in lex["cue_first"]:
        return False  # no cue phrase starts with this word
    return bool(_match_at(low, j, lex["kill_after"]) or _match_at(low, j, lex["nonkill"])
                or _match_at(low, j, lex["kill_before"]))


def _is_person(words: list[str], low: list[str], q: Quantity) -> bool:
    """Is the quantity about people (not km, hours, rockets...)?"""
    lex = _lex()
    nxt = low[q.last + 1] if q.last + 1 < len(low) else ""
    if nxt in lex["non_person"] or nxt in ("-", "%") and q.last + 2 < len(low) and low[q.last + 2] in lex["non_person"]:
        return False
    if nxt == "-" and q.last + 2 < len(low) and low[q.last + 2].startswith("year"):
        return False
    prev = low[q.first - 1] if q.first > 0 else ""
    if prev in ("brigade", "division", "route", "no", "number", "unit", "regiment", "battalion", "#", "km", "highway",
                "size", "=", "of", "the") and not q.vague and not q.article:
        if prev not in ("of", "the") or q.value > 1000:
            return False
    if nxt[:1].isdigit() and not q.article:
        return False  # "0 612", "190703 35": page furniture, not a count
    token = words[q.last]
    if token.isdigit() and len(token) >= 4:  # a year, a time, an id -- unless people follow
        return nxt in lex["victims"] or nxt in lex["plural_victims"]
    if q.article:
        noun = low[q.last + 1:q.np_end + 1]
        return any(w.removesuffix("'s") in lex["victims"] for w in noun)
    return True


_AUXILIARIES = {"were", "was", "are", "is", "been", "have", "has", "had", "reportedly", "also", "all"}


def _immediate_predicate(low: list[str], q: Quantity, by_start: dict[int, Quantity] | None = None) -> str:
    """'kill' / 'nonkill' when a participle directly follows the noun phrase ("12 dead", "58 injured")."""
    lex = _lex()
    j = q.np_end + 1
    while j < len(low) and low[j] in _AUXILIARIES:
        j += 1
    if j >= len(low) or low[j].endswith("ing"):
        return ""
    n_non = _match_at(low, j, lex["nonkill"])
    n_kill = _match_at(low, j, lex["kill_after"])
    if n_non and n_non >= n_kill:
        return "nonkill" if low[j] not in ("casualties", "casualty", "injuries", "injury", "wounds") else ""
    if n_kill:
        after = low[j + n_kill] if j + n_kill < len(low) else "."
        if low[j] in ("killed", "executed", "murdered", "assassinated", "massacred", "slain") and (
                after in _ACTIVE_OBJECT_START or after in lex["victims"] or after in lex["plural_victims"]):
            return ""  # "2 gunmen killed a guard": the number is the attackers
        nxt = (by_start or {}).get(j + n_kill)
        if nxt is not None and not _immediate_predicate(low, nxt):
            return ""  # "2 gunmen killed 3 soldiers" (but "8 killed 58 injured" is a headline)
        return "kill"
    return ""


def _right_cue(low: list[str], q: Quantity, quantities: list[Quantity], starts: set[int]) -> None:
    """A predicate after the noun phrase: "were killed", "dead", "injured"."""
    lex = _lex()
    j, steps, companions = q.np_end + 1, 0, 0
    by_start = {x.first: x for x in quantities}
    while j < len(low) and steps < 8 and (low[j] not in _SENTENCE_END or low[j] == "("):
        if j in starts:
            if "of" not in (low[j - 1], low[j]):
                break
            inner = by_start[j]  # "seven members of one family were killed": part of the noun phrase
            inner.subset = True
            j = inner.np_end + 1
            continue
        if low[j] in _AUXILIARIES:
            j += 1  # auxiliaries: the outcome word follows
            continue
        steps += 1
        if low[j] == "among" and low[j - 1] in ("were", "are", "was", "is"):
            q.subset = True  # "six civilians were among at least 22 people killed"
            return
        if low[j] == "among" and j + 1 < len(low) and low[j + 1] in ("them", "whom", "those") and j + 2 in starts:
            j = by_start[j + 2].np_end + 1  # "eleven civilians, among them four children, died"
            continue
        if low[j] == "(":
            j = (low.index(")", j) if ")" in low[j:] else j) + 1  # "3 fighters (including a commander) dead"
            continue
        if low[j] in ("including", "incl") and j + 1 in starts:
            j = by_start[j + 1].np_end + 1  # skip the subset: "two people including a child were killed"
            continue
        k = j + 1 + (j + 1 < len(low) and low[j + 1] in ("his", "her", "their", "the"))
        if low[j] == "and" and k < len(low) and low[k] in lex["victims"] and not low[k].endswith("s"):
            companions += 1  # "a child and his mother were killed"
            j = k + 1
            continue
        n_non = _match_at(low, j, lex["nonkill"])
        n_kill = _match_at(low, j, lex["kill_after"])
        if n_non and n_non >= n_kill:
            if not low[j].endswith("ing"):
                q.kind, q.cue = "nonkill", j
            return
        if n_kill:
            after = low[j + n_kill] if j + n_kill < len(low) else "."
            active = (low[j].endswith("ing") or after in _ACTIVE_OBJECT_START or after[0].isdigit()
                      or after in lex["victims"] or after in lex["plural_victims"])
            if low[j] in ("dead", "deaths", "death", "fatalities", "fatality", "bodies", "corpses", "lifeless", "body"):
                active = False
            nxt = by_start.get(j + n_kill)
            if nxt is not None and _immediate_predicate(low, nxt):
                active = False  # headline style: "8 killed 58 injured in rocket attacks"
            if not active or after in _PREDICATE_FOLLOWERS:
                q.kind, q.cue = "kill", j
                q.value, q.low, q.high = q.value + companions, q.low + companions, q.high + companions
            return
        if _match_at(low, j, lex["kill_before"]):
            return
        j += 1


_LEFT_PASSABLE = {"rose", "climbed", "reached", "increased", "risen", "jumped", "stood", "stands", "is", "was", "at",
                  "then", "later", "again", "finally", "further", "family", "group"}


def _left_cue(low: list[str], q: Quantity) -> None:
    """A verb before the quantity: "killing 6 civilians", "death toll rose to 60"."""
    lex = _lex()
    toll = _rules.toll_clause_cue(low, q.first)
    if toll >= 0:
        q.kind, q.cue = "kill", toll
        return
    # A leading "of"/"to" may end the cue itself: "claimed the lives of 18", "toll rose to 60".
    j, steps = (q.first if low[q.first] in ("of", "to", "at") and q.first < q.last else q.first - 1), 0
    while j >= 0 and steps < 4 and low[j] not in _SENTENCE_END:
        k_non = _phrase_ending_at(low, j, lex["nonkill"])
        k_kill = _phrase_ending_at(low, j, lex["kill_before"])
        if k_non >= 0 and (k_kill < 0 or k_non <= k_kill):
            q.kind, q.cue = "nonkill", k_non
            return
        if k_kill >= 0:
            q.kind, q.cue = "kill", k_kill
            return
        then_follows = low[j] == "," and j + 1 < len(low) and low[j + 1] in _LEFT_PASSABLE
        if low[j] not in _MODIFIERS and low[j] not in _LEFT_PASSABLE and not then_follows:
            return
        j -= 1
        steps += 1


def _classify(low: list[str], quantities: list[Quantity]) -> None:
    """Tie each quantity to the outcome cue that governs it."""
    lex = _lex()
    starts = {q.first for q in quantities}
    by_start = {q.first: q for q in quantities}
    for q in quantities:
        # "including a child", "among them 1 officer": a part of a figure already given.
        for k in range(max(0, q.first - 3), q.first):
            n = _match_at(low, k, lex["subset"])
            if n and k + n >= q.first - 1 and all(w in _MODIFIERS for w in low[k + n:q.first]):
                q.subset = True
        if low[q.last + 1:q.last + 3] in (["of", "them"], ["of", "whom"], ["of", "those"]):
            q.subset = True  # "killing 4 people, 2 of them children"
        if q.subset:
            continue
        # A participle right after the noun phrase ("58 others injured") governs it; else a verb right
        # before the number; else a predicate further on.
        q.kind = _immediate_predicate(low, q, by_start)
        if q.kind:
            q.cue = q.np_end + 1
            continue
        _left_cue(low, q)
        if not q.kind:
            _right_cue(low, q, quantities, starts)
    # Coordination: "killed 3 soldiers and 2 civilians", "three soldiers and two civilians were killed".
    for a, b in zip(quantities, quantities[1:]):
        between = low[a.np_end + 1:b.first]
        if between and "then" in between and all(w in ("and", ",", "then", "later") for w in between):
            if not b.kind and a.kind == "kill":
                b.kind, b.cue = "kill", b.first  # "rose to 60, then to 70": a later, separate report
            continue
        if between and all(w in ("and", ",", "as", "well", "also", "plus") for w in between):
            if b.subset is False and a.subset and a.kind == "":
                a.subset = True
            if not b.kind and a.kind and a.cue < a.first:
                b.kind, b.cue, b.subset = a.kind, a.cue, b.subset or a.subset
            elif not a.kind and b.kind and b.cue > b.first:
                a.kind, a.cue = b.kind, b.cue
    for q in quantities:
        # "also killed 2", "another 3", "2 others": adds to the figures before it.
        q.extra = any(w in ("also", "another", "further", "additional") for w in low[max(0, q.first - 2):q.first + 1]) \
            or (q.last + 1 < len(low) and low[q.last + 1] in ("other", "others", "more"))


def _mark_aggregates(low: list[str], quantities: list[Quantity]) -> None:
    lex = _lex()
    for q in quantities:
        end = q.np_end + 1
        while end < len(low) and low[end] not in (".", ";", "!", "?") and end < q.np_end + 16:
            end += 1
        window = " " + " ".join(low[max(0, q.first - 6):end]) + " "
        window = window.replace(" ,", ",")
        if lex["aggregate_rx"].search(window):
            q.aggregate = True


def count_fatalities(text: str, start: int, end: int) -> FatalityCount:
    """ACLED's fatality figure for the event told in text[start:end]; never raises."""
    try:
        return _count(text or "", start, end)
    except Exception:  # odd text must never break extraction
        return FatalityCount()


def _count(text: str, start: int, end: int) -> FatalityCount:
    start = max(0, min(start, len(text)))
    end = max(start, min(end if end >= 0 else len(text), len(text)))
    span = text[start:end]
    span_clean = re.sub(r"\[size=[^\]]*\]", lambda m: " " * len(m.group(0)), span)
    stated = _rules.stated_coding(span_clean)
    masked = _rules.mask_dates(span_clean)
    words = _TOKEN.findall(masked)
    low = [w.lower() for w in words]
    quantities = [q for q in find_quantities(words) if _is_person(words, low, q)]
    _classify(low, quantities)
    _mark_aggregates(low, quantities)
    kills = [q for q in quantities if q.kind == "kill" and not q.subset]
    if not kills:
        covered = {k for q in quantities for k in range(q.first, q.np_end + 1)}
        kills = [q for q in _rules.bare_victims(low) if q.first not in covered]
    spans = [m.span() for m in _TOKEN.finditer(masked)] if kills else []
    figures = [(q.value, start + spans[q.first][0], start + spans[q.last][1]) for q in kills]
    result = FatalityCount(figures=figures)
    counted = _rules.drop_increments(low, [q for q in kills if not q.aggregate])
    if kills and not counted:
        result.aggregate = True
    if counted:
        totals = _rules.group_totals(counted)
        result.best = _rules.lowest_credible(totals)
        result.low = min(t[1] for t in totals)
        result.high = max(t[2] for t in totals)
        result.vague = any(q.vague for q in counted)
    if stated is not None:
        result.best = result.low = stated
        result.high = max(result.high, stated)
    return result
