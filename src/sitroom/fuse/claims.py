"""Attributed statements about an event: who said what, with which stance.

`extract_claims` is a pure function of the article text and the evidence
spans of a mention: it reads the sentences near the evidence and finds
attribution cues ("according to X", "X said", "X denied", "X was unable to
confirm", "X is not aware"). Cue words live in data/claim_cues.json.

Stance:
- asserts      X said / reported / according to X, with a positive content clause
- denies       X denied / rejected; or X said + a negated content clause ("said there were no ...")
- doubts       X is not aware / has no idea / doubts
- unconfirmed  X was unable to / could not confirm or verify

Subject: fatalities (a toll or death words), actors (who was involved:
"mercenaries were among", "personnel in the area"), else occurrence.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence

from sitroom.data import load_json
from sitroom.records import Claim, Span

DEFAULT_WINDOW_CHARS = 2500  # how far from the evidence a claim may sit and still be about it
_MAX_SPEAKER_WORDS = 9
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])|\n+")
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sgt|Maj|St|Brig|Adm|Gov|Sen|Rep)\.)$")
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_WORD = re.compile(r"[\w’'.-]+")


@functools.lru_cache(maxsize=1)
def _cues() -> dict:
    data = load_json("claim_cues.json")

    def alternation(phrases: Iterable[str]) -> str:
        # Longest first so "unable to independently confirm" wins over "unable to confirm".
        parts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)

    return {
        "prefix": re.compile(rf"\b(?:{alternation(data['attribution_prefixes'])})\s+", re.IGNORECASE),
        "verb": re.compile(
            rf"\b(?P<verb>{alternation(data['assert_verbs'] + data['deny_verbs'])})\b"
        ),  # case-sensitive: "United States" is not the verb "states"
        "deny_verbs": {v.lower() for v in data["deny_verbs"]},
        "unconfirmed": re.compile(rf"\b(?:was|were|is|are|has\s+been|have\s+been)?\s*(?:{alternation(data['unconfirmed_phrases'])})\b", re.IGNORECASE),
        "doubt": re.compile(rf"\b(?:{alternation(data['doubt_phrases'])})\b", re.IGNORECASE),
        "denial": [re.compile(p, re.IGNORECASE) for p in data["denial_clause_patterns"]],
        "modifiers": {w.lower() for w in data["speaker_modifiers"]},
        "pronouns": {w.lower() for w in data["pronouns"]},
        "skip": {w.lower() for w in data["speaker_skip_words"]},
        "heads": {w.lower() for w in data["speaker_heads"]},
        "fatality_words": re.compile(rf"\b(?:{alternation(data['subject_words']['fatalities'])})\b", re.IGNORECASE),
        "actor_words": re.compile(rf"\b(?:{alternation(data['subject_words']['actors'])})\b", re.IGNORECASE),
    }


def sentences(text: str) -> list[Span]:
    """Sentence spans of a text (a light splitter: enough to bound a claim)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION_END.search(text, 0, m.start()) and "\n" not in m.group(0):
            continue  # "U.S. Defense Secretary": not a sentence end
        if text[start:m.start()].strip():
            out.append(_trimmed(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append(_trimmed(text, start, len(text)))
    return out


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text=text[start:end], start=start, end=end)


def extract_claims(
    article_text: str,
    evidence_spans: Sequence[Span] | Sequence[tuple[int, int]] = (),
    window_chars: int = DEFAULT_WINDOW_CHARS,
    article_id: str | None = None,
) -> list[Claim]:
    """Attributed statements in the sentences within `window_chars` of the evidence.

    With no evidence spans the whole text is read. Claims are in text order;
    `start`/`end` are offsets of the carrying sentence in `article_text`.
    """
    bounds = [(s.start, s.end) if isinstance(s, Span) else (int(s[0]), int(s[1])) for s in evidence_spans]
    bounds = [(a, b) for a, b in bounds if 0 <= a <= b]
    claims: list[Claim] = []
    for sent in sentences(article_text):
        if bounds and not any(
            sent.end >= a - window_chars and sent.start <= b + window_chars for a, b in bounds
        ):
            continue
        claims.extend(claims_in_sentence(sent.text, offset=sent.start, article_id=article_id))
    return claims


def attach_claims(
    article_text: str,
    evidence_by_mention: dict[str, Sequence[Span] | Sequence[tuple[int, int]]],
    window_chars: int = DEFAULT_WINDOW_CHARS,
    article_id: str | None = None,
) -> dict[str, list[Claim]]:
    """The article's claims, each attached to exactly one of its mentions (mention id ->
    claims): the mention whose evidence shares the claim's sentence, else its paragraph,
    else lies nearest; ties go to the mention told first. Only claims within `window_chars`
    of some mention's evidence are kept. Extracting per mention instead gave a claim
    between two incidents to both, and so to two events."""
    bounds = {mid: _bounds(spans) for mid, spans in evidence_by_mention.items()}
    out: dict[str, list[Claim]] = {mid: [] for mid in bounds}
    if not bounds:
        return out
    placed = {mid: b for mid, b in bounds.items() if b}
    all_bounds = [b for bs in placed.values() for b in bs]
    claims = extract_claims(article_text, all_bounds, window_chars, article_id=article_id)
    if not placed:  # no mention has evidence: the first one takes the article's claims
        out[min(bounds)] += claims
        return out
    paragraph_of = _paragraph_finder(article_text)
    first = {mid: (min(a for a, _ in b), mid) for mid, b in placed.items()}
    for c in claims:
        owner = min(placed, key=lambda mid: (_closeness(c, placed[mid], paragraph_of), first[mid]))
        out[owner].append(c)
    return out


def _bounds(spans) -> list[tuple[int, int]]:
    out = [(s.start, s.end) if isinstance(s, Span) else (int(s[0]), int(s[1])) for s in spans]
    return [(a, b) for a, b in out if 0 <= a <= b]


def _closeness(claim: Claim, bounds: list[tuple[int, int]], paragraph_of) -> tuple[int, int]:
    """(0 same sentence | 1 same paragraph | 2 elsewhere, characters between them)."""
    gap = min(max(0, a - claim.end, claim.start - b) for a, b in bounds)
    if any(a < claim.end and b > claim.start for a, b in bounds):
        return 0, 0
    paragraph = paragraph_of(claim.start)
    if any(paragraph_of(a) == paragraph for a, _ in bounds):
        return 1, gap
    return 2, gap


def _paragraph_finder(text: str):
    """offset -> paragraph number. Paragraphs end at blank lines; a text without any
    (one paragraph per line, as many pages are cleaned) ends them at each line break."""
    breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n+", text)]
    return lambda offset: bisect.bisect_right(breaks, offset)


def claims_in_sentence(sentence: str, offset: int = 0, article_id: str | None = None) -> list[Claim]:
    """Every attributed statement in one sentence (at most one per speaker)."""
    cues = _cues()
    found: list[Claim] = []
    seen: set[str] = set()

    def add(speaker: str, stance: str, content: str) -> None:
        speaker = _clean_speaker(speaker)
        if not speaker or speaker.lower() in seen:
            return
        seen.add(speaker.lower())
        subject, value = claim_subject(content)
        found.append(Claim(
            speaker=speaker, stance=stance, text=sentence.strip(), start=offset,
            end=offset + len(sentence), subject=subject, value=value, article_id=article_id,
        ))

    # "according to X": X asserts the rest of the sentence.
    for m in cues["prefix"].finditer(sentence):
        speaker = re.split(r"[,;:.()\"“”]|\s+(?:on|in|at|who|which|that|as|after|when)\s+", sentence[m.end():], maxsplit=1)[0]
        content = sentence[:m.start()] + " " + sentence[m.end() + len(speaker):]
        add(speaker, _stance_of_content(content, default="asserts"), content)

    # "X was unable to confirm" / "X is not aware" with the speaker on the left.
    for pattern, stance in ((cues["unconfirmed"], "unconfirmed"), (cues["doubt"], "doubts")):
        for m in pattern.finditer(sentence):
            left = sentence[:m.start()]
            if cues["verb"].search(left):  # "X said he was not aware": the verb rule handles it
                continue
            add(_speaker_left_of(left), stance, sentence[m.end():])

    # "X said / denied ...": content is what follows the verb.
    for m in cues["verb"].finditer(sentence):
        speaker = _speaker_left_of(sentence[:m.start()])
        if not speaker:
            continue
        content = sentence[m.end():]
        verb = m.group("verb").lower()
        stance = "denies" if verb in cues["deny_verbs"] else _stance_of_content(content, default="asserts")
        add(speaker, stance, content)
    return found


def _stance_of_content(content: str, default: str) -> str:
    cues = _cues()
    if cues["unconfirmed"].search(content):
        return "unconfirmed"
    if cues["doubt"].search(content):
        return "doubts"
    if any(p.search(content) for p in cues["denial"]):
        return "denies"
    return default


def claim_subject(content: str) -> tuple[str, str | None]:
    """(subject, value): fatalities with the figure, actors with the group named, or occurrence."""
    cues = _cues()
    fatal = cues["fatality_words"].search(content)
    if fatal:  # "killed 12", "not aware of any casualties": about the toll
        number = _NUMBER.search(content)
        return "fatalities", number.group(0).replace(",", "") if number else None
    actors = list(cues["actor_words"].finditer(content))
    if actors:  # the object of the claim comes last: "forces ... included Russian mercenaries"
        actor = actors[-1]
        return "actors", _actor_phrase(content, actor.start(), actor.end())
    return "occurrence", None


def _actor_phrase(content: str, start: int, end: int) -> str:
    """The actor noun with the modifiers just before it: "Russian mercenaries"."""
    words = content[:start].split()[-2:]
    mods = [w.strip("“”\"',") for w in words if w[:1].isupper() or w[:1] in "“\""]
    phrase = " ".join(mods + [content[start:end]])
    return phrase.strip()


_QUOTED = re.compile(r"[“\"][^“”\"]*[”\"]")
_TRAILING_TIME = re.compile(
    r"\s+(?:on|in|at|during|since|last|earlier|this)\s+(?:[A-Z][a-z]+day|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|\d+|the\s+\w+)\b[^,;:]*$"
)
_DETERMINERS = {"the", "a", "an"}
_CONNECTORS = {"of", "for", "and", "al", "de", "in"}  # inside a name: "office in Damascus", "Ministry of Defence"


def _speaker_left_of(left: str) -> str:
    """The noun phrase just before a cue, skipping appositives and parentheticals
    ("X, in a statement, said"; "X, speaking to reporters on the flight home, said")."""
    cues = _cues()
    left = _QUOTED.sub(" ", left)
    for seg in reversed(re.split(r"[,;:()]|—|–| - ", left)):
        seg = _TRAILING_TIME.sub("", seg.rstrip())
        words = _WORD.findall(seg)
        while words and words[-1].lower() in cues["skip"]:
            words.pop()
        if not words:
            continue
        first = words[0]
        if first[:1].islower() and first.lower() not in _DETERMINERS and first.lower() not in cues["heads"] \
                and first.lower() not in cues["modifiers"]:
            continue  # an appositive or adverbial clause ("in a statement", "living up to ..."): look further left
        phrase = _noun_phrase_tail(words)
        return phrase if _looks_like_speaker(phrase) else ""
    return ""


def _noun_phrase_tail(words: list[str]) -> str:
    """The longest run of name words, role nouns and modifiers ending the segment."""
    cues = _cues()
    tail: list[str] = []
    for w in reversed(words):
        lw = w.lower()
        if len(tail) >= _MAX_SPEAKER_WORDS:
            break
        if lw in _DETERMINERS:
            if tail:
                tail.append(w)
            break
        if w[:1].isupper() or (w[:1].isdigit() and tail) or (lw in _CONNECTORS and tail) \
                or lw in cues["heads"] or (tail and lw in cues["modifiers"]) or (tail and "-" in w):
            tail.append(w)
            continue
        break
    while tail and tail[-1].lower() in _CONNECTORS:
        tail.pop()
    return " ".join(reversed(tail))


def _looks_like_speaker(phrase: str) -> bool:
    cues = _cues()
    words = phrase.split()
    content = [w for w in words if w.lower() not in _DETERMINERS]
    if not content:
        return False
    if content[0].lower() in cues["pronouns"]:
        return False  # "he", "No group", "Nobody"
    return any(w[:1].isupper() for w in content) or content[-1].lower() in cues["heads"]


def _clean_speaker(speaker: str) -> str:
    speaker = re.sub(r"\s+", " ", speaker).strip(" ,.;:\"“”'’")
    speaker = re.sub(r"^(?:Update|UPDATE|But|And|However|Meanwhile)\s*:?\s+", "", speaker)
    if not speaker or len(speaker.split()) > _MAX_SPEAKER_WORDS + 2:
        return ""
    if speaker.lower() in _cues()["pronouns"]:
        return ""
    return speaker
