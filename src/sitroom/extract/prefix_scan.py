"""Exact, faster ``finditer`` for the long case-insensitive alternations of the lexicons.

Python's ``re`` tries such a pattern at every position of the text, and a leading
lookbehind or IGNORECASE defeats its own prefix scan. Here each pattern's possible
first characters (three, else two) are read from its parse tree; one case-explicit
"scanner" regex (which ``re`` does scan fast) finds the positions where they occur, and
the pattern itself is then matched only there. The matches are exactly those of
``pattern.finditer(text, lo, hi)``:

- the scanner finds a superset of the positions where the pattern can match: every
  construct the analysis does not understand makes it give up (plain finditer);
- ``pattern.match(text, p, hi)`` sees the same text, lookbehind and end as finditer does;
- texts holding a non-ASCII character that IGNORECASE folds onto an ASCII letter (the
  Kelvin sign, long s, dotted/dotless i) or a non-ASCII digit take the plain finditer.
"""
from __future__ import annotations

import functools
import re
from re import _constants as _c  # noqa: PLC2701 - the parse tree is the only exact source
from re import _parser as _p  # noqa: PLC2701

__all__ = ["PatternSet", "finditer", "search", "text_is_safe"]

_NONASCII = "\x80"  # in a prefix: "any non-ASCII character"
_FOLDS = "\u0130\u0131\u017f\u212a"  # non-ASCII characters IGNORECASE matches with ASCII letters
_ASCII = [chr(i) for i in range(128)]
_CATEGORY_RX = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_MAX_PREFIXES = 20000


class _GiveUp(Exception):
    pass


@functools.lru_cache(maxsize=64)
def text_is_safe(text: str) -> bool:
    """True unless the text holds a character the ASCII prefixes cannot stand for."""
    if text.isascii():
        return True
    return not any(ch in _FOLDS or ch.isdecimal() for ch in set(text) if ch >= "\x80")


def _category_chars(cat) -> set[str]:
    rx = re.compile(_CATEGORY_RX[cat])
    out = {ch.lower() for ch in _ASCII if rx.match(ch)}
    # Non-ASCII digits never reach the fast path (text_is_safe); other categories hold some.
    if cat != _c.CATEGORY_DIGIT:
        out.add(_NONASCII)
    return out


def _chars(op, av) -> set[str]:
    """The (lower-cased, ASCII or _NONASCII) characters one item can consume."""
    if op is _c.LITERAL:
        ch = chr(av)
        if ch.isascii():
            return {ch.lower()}
        if ch in _FOLDS:
            raise _GiveUp
        return {_NONASCII}
    if op is _c.ANY:
        return {ch.lower() for ch in _ASCII} | {_NONASCII}
    if op is _c.NOT_LITERAL:
        return {ch.lower() for ch in _ASCII} | {_NONASCII}
    if op is _c.IN:
        if av and av[0][0] is _c.NEGATE:
            return {ch.lower() for ch in _ASCII} | {_NONASCII}
        out: set[str] = set()
        for kind, val in av:
            if kind is _c.LITERAL:
                out |= _chars(kind, val)
            elif kind is _c.RANGE:
                if val[1] > 127:
                    raise _GiveUp
                out |= {chr(i).lower() for i in range(val[0], val[1] + 1)}
            elif kind is _c.CATEGORY and val in _CATEGORY_RX:
                out |= _category_chars(val)
            else:
                raise _GiveUp
        return out
    raise _GiveUp


def _prefixes(items: list, k: int, depth: int = 0) -> set[str]:
    """Strings of the first k characters a match can start with (shorter: the match may end there)."""
    if depth > 60:
        raise _GiveUp
    if k == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op in _ZERO_WIDTH:  # assertions only narrow the matches: ignoring them keeps a superset
        return _prefixes(rest, k, depth + 1)
    if op is _c.SUBPATTERN:
        return _prefixes(list(av[-1]) + rest, k, depth + 1)
    if op is _c.ATOMIC_GROUP:
        return _prefixes(list(av) + rest, k, depth + 1)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefixes(list(alt) + rest, k, depth + 1)
            if len(out) > _MAX_PREFIXES:
                raise _GiveUp
        return out
    if op in _REPEATS:
        lo, hi, sub = av
        out = _prefixes(rest, k, depth + 1) if lo == 0 else set()
        if hi != 0:
            nlo, nhi = max(lo - 1, 0), (hi if hi == _c.MAXREPEAT else hi - 1)
            again = [(op, (nlo, nhi, sub))] if nhi != 0 else []
            out |= _prefixes(list(sub) + again + rest, k, depth + 1)
        return out
    chars = _chars(op, av)
    tails = _prefixes(rest, k - 1, depth + 1)
    out = {ch + t for ch in chars for t in tails}
    if len(out) > _MAX_PREFIXES:
        raise _GiveUp
    return out


def _guard(tree) -> str:
    """A lookbehind every match start satisfies, as a scanner fragment placed after the first character."""
    if not tree.data:
        return ""
    op, av = tree.data[0]
    if op is _c.ASSERT_NOT and av[0] == -1 and list(av[1]) == [
            (_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD), (_c.LITERAL, ord("-"))])]:
        return r"(?<![\w-].)"  # (?<![\w-]) at the match start
    if op is _c.AT and av is _c.AT_BOUNDARY:
        return r"(?<!\w.)"  # \b before a word character: no word character before it
    return ""


def analyse(pattern: re.Pattern, depth: int = 2) -> tuple[frozenset[str], str] | None:
    """(prefixes of the first `depth` characters, guard) of a pattern; None when it must take plain finditer."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.LOCALE | re.ASCII):
        return None
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        found = _prefixes(list(tree.data), depth)
    except Exception:  # noqa: BLE001 - _GiveUp, RecursionError, odd trees: plain finditer
        return None
    if "" in found or any(s[0] == _NONASCII for s in found):
        return None  # can match empty, or start with a non-ASCII character
    guard = _guard(tree)
    if guard == r"(?<!\w.)" and not all(s[0].isalnum() or s[0] == "_" for s in found):
        guard = ""  # \b before a non-word character means the opposite
    return frozenset(found), guard


def _class(chars: set[str]) -> str:
    """A case-explicit character class for lower-cased characters (_NONASCII: any non-ASCII one)."""
    cls = {c for n in chars if n != _NONASCII for c in (n, n.upper())}
    if _NONASCII in chars:  # a negated ASCII class: cheap to compile, unlike a range to U+10FFFF
        rest = [c for c in _ASCII if c not in cls]
        return "[^" + "".join(re.escape(c) for c in rest) + "]" if rest else "[\\s\\S]"
    return "[" + "".join(re.escape(c) for c in sorted(cls)) + "]"


def _tail(tails: set[str]) -> str:
    """A lookahead for the characters after the first (tails of up to two characters)."""
    if "" in tails:
        return ""  # the match may end after one character
    by_next: dict[str, set[str]] = {}
    for t in tails:
        by_next.setdefault(t[0], set()).add(t[1:])
    groups: dict[frozenset[str], set[str]] = {}  # same third characters -> second characters
    for second, thirds in by_next.items():
        groups.setdefault(frozenset(thirds), set()).add(second)
    alts = []
    for thirds, seconds in sorted(groups.items(), key=lambda kv: sorted(kv[1])):
        third = "" if "" in thirds else _class(set(thirds))
        alts.append(_class(seconds) + third)
    return "(?=" + "|".join(alts) + ")"


def _scanner(prefixes, guard: str) -> re.Pattern:
    """A case-explicit regex matching one character at each position a prefix starts."""
    tails: dict[str, set[str]] = {}
    for s in prefixes:
        tails.setdefault(s[0], set()).add(s[1:])
    alts = []
    for first in sorted(tails):
        ahead = _tail(tails[first])
        for variant in sorted({first, first.upper()}):
            alts.append(re.escape(variant) + guard + ahead)
    return re.compile("|".join(alts) or "(?!)", re.DOTALL)


def _key3(text: str, p: int, hi: int) -> str:
    """The lower-cased characters at p, p+1, p+2 (non-ASCII as _NONASCII), cut at hi."""
    chunk = text[p:min(p + 3, hi)]
    if chunk.isascii():
        return chunk.lower()
    return "".join(c.lower() if c.isascii() else _NONASCII for c in chunk)


def _key(text: str, p: int, hi: int) -> tuple[str, str]:
    """The lower-cased characters at p and p+1 (non-ASCII as _NONASCII; "" past hi)."""
    first = text[p].lower()
    if p + 1 >= hi:
        return first, ""
    second = text[p + 1]
    return first, (second.lower() if second.isascii() else _NONASCII)


@functools.lru_cache(maxsize=None)
def _single(pattern: re.Pattern) -> re.Pattern | None:
    info = analyse(pattern, 3) or analyse(pattern, 2)
    return _scanner(*info) if info else None


def finditer(pattern: re.Pattern, text: str, lo: int = 0, hi: int | None = None) -> list[re.Match]:
    """The matches of pattern.finditer(text, lo, hi), as a list, found faster."""
    hi = len(text) if hi is None else hi
    scanner = _single(pattern)
    if scanner is None or not text_is_safe(text):
        return list(pattern.finditer(text, lo, hi))
    out = []
    last = lo
    match = pattern.match
    for cand in scanner.finditer(text, lo, hi):
        p = cand.start()
        if p >= last:
            m = match(text, p, hi)
            if m:
                out.append(m)
                last = m.end()
    return out


def search(pattern: re.Pattern, text: str, lo: int = 0, hi: int | None = None) -> re.Match | None:
    """pattern.search(text, lo, hi), found faster."""
    hi = len(text) if hi is None else hi
    scanner = _single(pattern)
    if scanner is None or not text_is_safe(text):
        return pattern.search(text, lo, hi)
    match = pattern.match
    for cand in scanner.finditer(text, lo, hi):
        m = match(text, cand.start(), hi)
        if m:
            return m
    return None


class PatternSet:
    """Many patterns scanned together: ``finditer_each`` gives, for each pattern,
    exactly what its own finditer would. Candidates come from one scanner of the
    patterns' first three characters; each is tried only by the patterns that can
    start with the characters there."""

    def __init__(self, patterns: list[re.Pattern]):
        self.patterns = list(patterns)
        self.slow: list[int] = []
        self._by_prefix: dict[str, list[int]] = {}  # 3 characters, or fewer where the match may end
        guards = set()
        firsts: set[str] = set()
        for i, pat in enumerate(self.patterns):
            info = analyse(pat, 3)  # too many three-character starts: its own scan is cheaper
            if info is None:
                self.slow.append(i)
                continue
            found, guard = info
            guards.add(guard)
            firsts |= found
            for s in found:
                self._by_prefix.setdefault(s, []).append(i)
        self._lists: dict[tuple, tuple[int, ...]] = {}
        self.scanner = _scanner(firsts, guards.pop() if len(guards) == 1 else "")

    def _candidates(self, key: str, active=None) -> tuple[int, ...]:
        """The patterns (of `active`, all when None) that can match where the text starts with `key`."""
        got = self._lists.get((key, active))
        if got is None:
            ids: set[int] = set()
            for n in range(1, len(key) + 1):
                ids.update(self._by_prefix.get(key[:n], ()))  # shorter entries: the match may end there
            if active is not None:
                ids &= active
            got = self._lists[(key, active)] = tuple(sorted(ids))
        return got

    def finditer_each(self, text: str, lo: int, hi: int, active=None) -> dict[int, list[re.Match]]:
        """{pattern index: its matches} for the patterns in `active` (all when None) that match."""
        out: dict[int, list[re.Match]] = {}
        patterns = self.patterns
        if not text_is_safe(text):
            for i, pat in enumerate(patterns):
                if active is None or i in active:
                    found = list(pat.finditer(text, lo, hi))
                    if found:
                        out[i] = found
            return out
        last: dict[int, int] = {}
        lists = self._lists
        for cand in self.scanner.finditer(text, lo, hi):
            p = cand.start()
            key = text[p:p + 3] if p + 3 <= hi else text[p:hi]
            key = key.lower() if key.isascii() else _key3(text, p, hi)
            ids = lists.get((key, active))
            if ids is None:
                ids = self._candidates(key, active)
            for i in ids:
                if last.get(i, lo) > p:
                    continue
                m = patterns[i].match(text, p, hi)
                if m:
                    out.setdefault(i, []).append(m)
                    last[i] = m.end()
        for i in self.slow:
            if active is None or i in active:
                found = list(patterns[i].finditer(text, lo, hi))
                if found:
                    out[i] = found
        return out


class KeyedAlternation:
    """A template around an alternation of literal words, e.g. ``(?<![\\w-])({body})(?![\\w])``,
    matched exactly as the whole pattern would be, but trying at each place only the words
    that can start there (the alternatives keep their order, so the same one wins)."""

    def __init__(self, template: str, words: list[str], flags: int = 0):
        self.pattern = re.compile(template.format(body="|".join(re.escape(w) for w in words)), flags)
        groups: dict[tuple[str, str], list[str]] = {}
        self.keyed = all(len(w) >= 2 and w[0].isascii() and w[1] not in _FOLDS for w in words)
        for w in words:
            second = w[1].lower() if w[1:2].isascii() else _NONASCII
            groups.setdefault((w[0].lower(), second), []).append(w)
        self._template, self._flags = template, flags
        self._words = groups if self.keyed else {}
        self._groups: dict[tuple[str, str], re.Pattern | None] = {}  # compiled on first use

    def _group(self, key: tuple[str, str]) -> re.Pattern | None:
        if key not in self._groups:
            words = self._words.get(key)
            self._groups[key] = re.compile(self._template.format(
                body="|".join(re.escape(w) for w in words)), self._flags) if words else None
        return self._groups[key]

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> list[re.Match]:
        hi = len(text) if hi is None else hi
        scanner = _single(self.pattern)
        if not self.keyed or scanner is None or not text_is_safe(text):
            return list(self.pattern.finditer(text, lo, hi))
        out = []
        last = lo
        groups = self._groups
        for cand in scanner.finditer(text, lo, hi):
            p = cand.start()
            if p < last:
                continue
            key = _key(text, p, hi)
            sub = groups[key] if key in groups else self._group(key)
            m = sub.match(text, p, hi) if sub is not None else None
            if m:
                out.append(m)
                last = m.end()
        return out
