"""Offline, deterministic language identification (ISO 639-1).

The dominant writing system decides first (Hebrew, Greek, Thai, Hangul, ...
each name one language); within Latin, Cyrillic and Arabic script, the
language whose commonest function words cover the most tokens wins. Short
or ambiguous text gets None (callers treat unknown as English-compatible).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from sitroom.data import load_json

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MAX_WORDS = 3000


@functools.lru_cache(maxsize=1)
def _profiles() -> tuple[dict, dict[str, frozenset[str]]]:
    data = load_json("lang_profiles.json")
    return data, {lang: frozenset(words) for lang, words in data["stopwords"].items()}


@functools.lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    first = name.split(" ", 1)[0]
    if first == "CJK":
        return "CJK"
    return first


def dominant_script(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for ch in text[:20000]:
        if ch.isalpha():
            counts[_script_of(ch)] += 1
    if not counts:
        return None
    script, _ = counts.most_common(1)[0]
    # Japanese mixes kana with Han: any kana share marks it Japanese.
    if script == "CJK" and (counts["HIRAGANA"] + counts["KATAKANA"]) > 0.1 * counts["CJK"]:
        return "HIRAGANA"
    return script


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when too short or unclear."""
    if not text or not text.strip():
        return None
    data, stopwords = _profiles()
    script = dominant_script(text)
    if script is None:
        return None
    candidates = data["scripts"].get(script)
    if candidates is None:
        return None
    if isinstance(candidates, str):
        return candidates
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:60000])][:MAX_WORDS]
    if not words:
        return None
    counts = Counter(words)
    best, best_hits = None, 0
    for lang in candidates:
        hits = sum(n for w, n in counts.items() if w in stopwords.get(lang, ()))
        if hits > best_hits:  # ties keep the earlier (more common) language
            best, best_hits = lang, hits
    if best is None or best_hits < data["min_hits"] or best_hits / len(words) < data["min_share"]:
        # Outside Latin script the script alone is strong evidence: its main language.
        best = None if script == "LATIN" else candidates[0]
        if best is None:
            return None
    return data["iso639_1"].get(best, best)


def normalise_language(value: str | None) -> str | None:
    """A given language tag ('en', 'en-US', 'EN_gb') as ISO 639-1, else None."""
    if not value:
        return None
    code = re.split(r"[-_]", str(value).strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None
