"""The offline gazetteer index: name normalisation, a lazily loaded table of
places (GeoNames towns, admin regions, countries, hand-listed sites), and the
spotting of candidate names (capitalised word runs) in text.

The table is built by scripts/build_gazetteer.py into data/gazetteer.tsv.gz;
keys there are already normalised with `normalise_name`, so loading is a
split-and-insert loop with no per-name work.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from sitroom.data import data_path, load_json, load_lines, load_tsv

# Arabic (and a few other) articles that prefix or join place names:
# "al-Bab", "Deir ez-Zor", "Ras al-Ain", "ash-Shaddadi".
ARTICLES = frozenset(
    ["al", "el", "il", "ul", "as", "es", "ad", "ed", "ar", "er", "az", "ez", "ash", "esh", "at", "et", "ath", "adh", "an", "en", "as-"]
)
_APOSTROPHES = "'`\u2018\u2019\u02bc\u02bb\u02bf\u02be\u00b4\u2032"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Strip diacritics: 'Şanlıurfa' -> 'Sanliurfa'."""
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    text = text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """The lookup key of a place name: lower case ASCII words, no apostrophes or
    hyphens, Arabic articles dropped ('Dar'a' -> 'dara', 'al-Raqqah' -> 'raqqah',
    'Deir ez-Zor' -> 'deir zor'). Empty when nothing Latin is left."""
    s = _APOS_RE.sub("", ascii_fold(name).lower())
    words = _NON_ALNUM.sub(" ", s).split()
    if len(words) > 1:
        kept = [w for w in words if w not in ARTICLES]
        words = kept or words
    return " ".join(words)


_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")


def skeleton(key: str) -> str:
    """A loose transliteration key: per word, consonants only with doubles
    collapsed and a word-initial vowel kept as 'a', so that 'deraa', 'daraa',
    'dara' or 'ain issa', 'ayn isa', 'ein issa' meet. Used only within the
    article's own country, where collisions are rare."""
    out = []
    for w in key.split():
        if w.endswith("h") and len(w) > 3:  # Hasakah / Hasaka, Raqqah / Raqqa
            w = w[:-1]
        w = w.replace("kh", "k").replace("q", "k").replace("dh", "d").replace("th", "t")
        w = w.replace("ou", "u").replace("w", "")
        head = "a" if w[:1] in "aeiouy" else ""
        out.append(head + _DOUBLE.sub(r"\1", _VOWELS.sub("", w)))
    return "".join(out)


@dataclass
class Country:
    iso2: str
    iso3: str
    name: str  # ACLED spelling


@dataclass
class Gazetteer:
    kind: list[str]
    name: list[str]
    label: list[str]  # ASCII display name for ACLED's location (a region's seat town)
    cc: list[str]
    lat: list[float]
    lon: list[float]
    pop: list[int]
    admin1: list[str]
    admin2: list[str]
    by_key: dict[str, list[int]]
    by_skeleton: dict[str, list[int]]  # "iso2 skeleton" -> ids
    country_row: dict[str, int]  # iso2 -> the country's row (at its capital)
    primary: list[str]  # each row's own-name key (other keys are GeoNames alternates)

    def lookup(self, key: str) -> list[int]:
        return self.by_key.get(key, [])

    admin1_keys: set[tuple[str, str, str]] = field(default_factory=set)
    """(iso2, ACLED admin1, key) of every admin1 name: a town named like its
    own province ('Idlib', 'al-Hasakeh') may mean the province."""


@functools.lru_cache(maxsize=1)
def countries() -> tuple[dict[str, Country], dict[str, str]]:
    """(iso2 -> Country, normalised name/alias/demonym -> iso2)."""
    table: dict[str, Country] = {}
    names: dict[str, str] = {}
    for row in load_tsv("countries.tsv"):
        c = Country(row["iso2"], row["iso3"], row["country"])
        table[c.iso2] = c
        for alias in [c.name, *filter(None, (row.get("aliases") or "").split("|"))]:
            names.setdefault(_country_key(alias), c.iso2)
    return table, names


def _country_key(alias: str) -> str:
    # short all-caps aliases (US, UK, DRC) stay case-sensitive
    return alias if (alias.isupper() and len(alias) <= 5) else normalise_name(alias)


@functools.lru_cache(maxsize=1)
def country_name_keys() -> frozenset[str]:
    """Keys that name a country itself (not a demonym): they weigh more as evidence."""
    keys = set()
    for row in load_tsv("countries.tsv"):
        keys.add(normalise_name(row["country"]))
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            # demonyms and short codes ('US dollar', 'UK-based') are weaker evidence
            if not re.search(r"(?:an|ian|ese|ish|i|ic|ch|ss)$", alias) and not alias.isupper() \
                    and "." not in alias:
                keys.add(_country_key(alias))
    return frozenset(keys)


@functools.lru_cache(maxsize=1)
def admin1_aliases() -> dict[tuple[str, str], str]:
    """(iso2, GeoNames admin1 name) -> ACLED admin1 name."""
    return {(r["iso2"], r["geonames"]): r["acled"] for r in load_tsv("admin_aliases.tsv") if r["acled"]}


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(normalise_name(w) for w in load_lines("gazetteer_stoplist.txt"))


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Everyday English words (built with the index from wordfreq's list)."""
    return frozenset(load_lines("gazetteer_english_words.txt"))


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Town names that are also everyday English words (built with the index)."""
    return frozenset(load_lines("gazetteer_common_words.txt"))


def acled_admin1(iso2: str, name: str) -> str:
    """GeoNames' admin1 name as ACLED spells it; cleaned GeoNames name otherwise."""
    mapped = admin1_aliases().get((iso2, name))
    if mapped is not None:
        return mapped
    for prefix in ("Muhafazat ", "Wilayat-e ", "Province of ", "Provincia de ", "Departamento de ",
                   "Sha`biyat ", "Mintaqat "):
        name = name.removeprefix(prefix)
    for suffix in (" Governorate", " Province", " Region", " Oblast", " State", " Division", " Rayon",
                   " District"):
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            name = name[: -len(suffix)]
    return name


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the packaged index once per process."""
    import gc

    # a million small lists and strings: the cyclic GC would rescan them many times over
    enabled = gc.isenabled()
    gc.disable()
    try:
        g = _read_gazetteer()
    finally:
        if enabled:
            gc.enable()
    gc.freeze()  # the index lives as long as the process: keep it out of later collections
    return g


def _read_gazetteer() -> Gazetteer:
    import gzip

    g = Gazetteer([], [], [], [], [], [], [], [], [], {}, {}, {}, [])
    by_key = g.by_key
    by_skel = g.by_skeleton
    admin_cache: dict[tuple[str, str], str] = {}
    with gzip.open(data_path("gazetteer.tsv.gz"), "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            kind, name, cc, lat, lon, pop, a1, a2, keys, skels, label = line.rstrip("\n").split("\t")
            g.kind.append(kind)
            g.name.append(name)
            g.label.append(label)
            g.cc.append(cc)
            g.lat.append(float(lat))
            g.lon.append(float(lon))
            g.pop.append(int(pop))
            mapped = admin_cache.get((cc, a1))
            if mapped is None:
                mapped = admin_cache[(cc, a1)] = acled_admin1(cc, a1) if a1 else ""
            g.admin1.append(mapped)
            g.admin2.append(a2)
            if kind == "country":
                g.country_row[cc] = i
            key_list = keys.split("|")
            g.primary.append(key_list[0])
            for k in key_list:
                lst = by_key.get(k)
                if lst is None:
                    by_key[k] = [i]
                else:
                    lst.append(i)
            if kind == "admin1":
                g.admin1_keys.update((cc, mapped, k) for k in key_list)
            if skels:
                for s in skels.split("|"):
                    sk = cc + " " + s
                    lst = by_skel.get(sk)
                    if lst is None:
                        by_skel[sk] = [i]
                    else:
                        lst.append(i)
    return g


# --- spotting candidate names in text ------------------------------------------


def word_list(name: str) -> frozenset[str]:
    """A word list from data/gazetteer_words.json."""
    return frozenset(load_json("gazetteer_words.json")[name]["words"])


_TOKEN = re.compile(r"[^\W_]+(?:['\u2019\u2018`\u02bf\u02be][^\W_]+)*")
CONNECTORS = word_list("connectors")
OPENERS = word_list("openers")
_MAX_WORDS = 6
FUNCTION_WORDS = word_list("function_words")


@functools.lru_cache(maxsize=16)
def tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        s, e, w = m.start(), m.end(), m.group()
        if len(w) > 2 and w[-2] in "'\u2019" and w[-1] in "sS":  # possessive: Assad's
            e -= 2
            w = w[:-2]
        out.append((s, e, w))
    return out


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() and any(ch.isalpha() for ch in word)


def _joinable(text: str, end: int, nxt: int) -> bool:
    """Only spaces or a hyphen may separate the words of one name."""
    gap = text[end:nxt]
    return len(gap) <= 2 and gap.strip(" -\u2010\u2011") == ""


@functools.lru_cache(maxsize=16)
def candidates(text: str) -> tuple[tuple[int, int, int, int, str], ...]:
    """(first word, last word, start, end, surface) for every capitalised word
    run, longest first at each position; the caller keeps the first that
    resolves. Cached: one article is scanned by several passes."""
    return tuple(_scancandidates(text))


def _scancandidates(text: str):
    toks = tokens(text)
    n = len(toks)
    for i in range(n):
        s0, e0, w0 = toks[i]
        lower0 = w0.lower()
        if not is_capitalised(w0):
            if not (lower0 in OPENERS and i + 1 < n and text[e0:e0 + 1] in "-\u2010"
                    and is_capitalised(toks[i + 1][2])):
                continue
        elif lower0 in FUNCTION_WORDS:
            continue  # 'A Syrian', 'The Hague' is handled by its own key
        spans = []
        j = i
        while j < n and j - i < _MAX_WORDS:
            if j > i and not _joinable(text, toks[j - 1][1], toks[j][0]):
                break
            w = toks[j][2]
            wl = w.lower()
            if j > i and not is_capitalised(w) and wl not in CONNECTORS:
                break
            if is_capitalised(w) and (j == i or wl not in CONNECTORS):  # never end on 'Al'
                spans.append(j)
            j += 1
        for j in reversed(spans):
            e = toks[j][1]
            yield i, j, s0, e, text[s0:e]

