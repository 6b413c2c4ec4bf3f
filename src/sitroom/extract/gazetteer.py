"""The offline gazetteer index: name normalisation, a lazily loaded table of
places (GeoNames towns, admin regions, countries, hand-listed sites), and the
spotting of candidate names (capitalised word runs) in text.

The table is built by scripts/build_gazetteer.py into data/gazetteer.tsv.gz;
keys there are already normalised with `normalise_name`, so loading is a
split-and-insert loop with no per-name work.
"""
from __future__ import annotations

import functools
import itertools
import math
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
def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


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


@functools.lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """A loose transliteration key: per word, consonants only with doubles
    collapsed and a word-initial vowel kept as 'a', so that 'deraa', 'daraa',
    'dara' or 'ain issa', 'ayn isa', 'ein issa' meet. Geo uses it only within the
    article's own country, where collisions are rare; fusion (fuse/place_match.py) to
    tell two reports' spellings of one place, beside their coordinates."""
    out = []
    for w in key.split():
        if w.endswith("h") and len(w) > 3:  # Hasakah / Hasaka, Raqqah / Raqqa
            w = w[:-1]
        # ghayn is written gh or g ('Shughur' / 'Shugur'), khaa kh or k, qaf q or k
        w = w.replace("kh", "k").replace("gh", "g").replace("q", "k").replace("dh", "d").replace("th", "t")
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
    by_key: dict[str, list[int] | str]  # key -> ids (a "1,2" string until first looked up)
    by_skeleton: dict[str, list[int] | str]  # "iso2 skeleton" -> ids (likewise)
    country_row: dict[str, int]  # iso2 -> the country's row (at its capital)
    primary: list[str]  # each row's own-name key (other keys are GeoNames alternates)

    def lookup(self, key: str) -> list[int]:
        return _ids(self.by_key, key)

    def lookup_skeleton(self, iso2: str, skel: str) -> list[int]:
        return _ids(self.by_skeleton, iso2 + " " + skel)

    admin1_keys: set[tuple[str, str, str]] = field(default_factory=set)
    """(iso2, ACLED admin1, key) of every admin1 name: a town named like its
    own province ('Idlib', 'al-Hasakeh') may mean the province."""


def _ids(index: dict, key: str) -> list[int]:
    v = index.get(key)
    if v is None:
        return []
    if v.__class__ is str:  # stored as text; parsed on first use
        v = index[key] = [int(x) for x in v.split(",")]
    return v


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


def country_info(name_or_iso3: str) -> tuple[str, str]:
    """(ACLED country name, ISO3) for a country name, alias, demonym, ISO2 or
    ISO3 code; ("", "") when unknown."""
    table, names = countries()
    s = (name_or_iso3 or "").strip()
    if not s:
        return "", ""
    for c in table.values():
        if s.upper() in (c.iso3, c.iso2) and (len(s) == 3 or s.isupper()):
            return c.name, c.iso3
    iso2 = names.get(s) or names.get(normalise_name(s))
    if iso2:
        c = table[iso2]
        return c.name, c.iso3
    return "", ""


@functools.lru_cache(maxsize=1)
def arabic_countries() -> frozenset[str]:
    return frozenset(r["iso2"] for r in load_tsv("countries.tsv") if r.get("arabic_names") == "1")


@functools.lru_cache(maxsize=1)
def iso3_to_iso2() -> dict[str, str]:
    return {c.iso3: c.iso2 for c in countries()[0].values()}


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


# gazetteer.tsv.gz holds columns, not rows, so that loading is a few C-level
# splits: a header line, then one section per column (one value a line) and the
# key and skeleton indexes (keys, then their comma-separated row ids), each
# section closed by a line holding only the separator.
FORMAT = "sitroom-gazetteer-columns 1"
COLUMNS = ("kind", "name", "cc", "lat", "lon", "pop", "admin1", "admin2", "keys", "label")
SEPARATOR = "\x1e"


def _read_gazetteer() -> Gazetteer:
    import gzip
    import sys

    with open(data_path("gazetteer.tsv.gz"), "rb") as fh:
        data = gzip.decompress(fh.read())
    header, _, body = data.partition(b"\n")
    del data
    if header.decode("utf-8", "replace") != FORMAT:
        raise ValueError(f"gazetteer.tsv.gz: unknown format {header[:40]!r}; rerun scripts/build_gazetteer.py")
    # split as bytes and decode one section at a time: the whole text decoded at
    # once would be a wide (UCS-4) string several times its size
    sections: list = body.split(b"\n" + SEPARATOR.encode() + b"\n")
    del body
    at = {c: i for i, c in enumerate(COLUMNS)}

    def take(name: str | int) -> list[str]:
        k = at[name] if isinstance(name, str) else len(COLUMNS) + name
        out, sections[k] = sections[k].decode("utf-8").split("\n"), None
        return out

    intern = sys.intern
    kind = list(map(intern, take("kind")))
    cc = list(map(intern, take("cc")))
    raw_admin1 = take("admin1")
    mapped_of = {pair: acled_admin1(*pair) if pair[1] else "" for pair in set(zip(cc, raw_admin1))}
    admin1 = [mapped_of[pair] for pair in zip(cc, raw_admin1)]
    del raw_admin1
    row_keys = take("keys")
    label = take("label")
    g = Gazetteer(
        kind=kind, name=[n or lab for n, lab in zip(take("name"), label)], label=label, cc=cc,
        lat=list(map(float, take("lat"))), lon=list(map(float, take("lon"))), pop=list(map(int, take("pop"))),
        admin1=admin1, admin2=list(map(intern, take("admin2"))),
        by_key=dict(zip(take(0), take(1))), by_skeleton=dict(zip(take(2), take(3))), country_row={},
        primary=[k.partition("|")[0] if "|" in k else k for k in row_keys],
    )
    for i, k in enumerate(kind):
        if k == "country":
            g.country_row[cc[i]] = i
        elif k == "admin1":
            g.admin1_keys.update((cc[i], admin1[i], key) for key in row_keys[i].split("|"))
    return g


def write_gazetteer(rows: list[tuple], path: str) -> None:
    """Write rows (kind, name, iso2, lat, lon, pop, admin1, admin2, keys, skeletons,
    label) in the column format `_read_gazetteer` reads. Rows keep only their own
    key, or all keys for admin1 regions; the full keys go to the index. A name
    equal to its label is left empty."""
    import gzip

    by_key: dict[str, list[int]] = {}
    by_skel: dict[str, list[int]] = {}
    cols: list[list[str]] = [[] for _ in COLUMNS]
    for i, r in enumerate(rows):
        kind, name, cc, lat, lon, pop, a1, a2, keys, skels, label = r
        keys = list(keys)
        for k in keys:
            by_key.setdefault(k, []).append(i)
        for sk in skels:
            by_skel.setdefault(f"{cc} {sk}", []).append(i)
        row_keys = keys if kind == "admin1" else keys[:1]
        values = (kind, "" if name == label else name, cc, f"{lat}", f"{lon}", str(pop), a1, a2, "|".join(row_keys), label)
        for c, v in zip(cols, values):
            c.append(v.replace("\t", " ").replace("\n", " "))
    sections = [*cols]
    for index in (by_key, by_skel):
        ordered = sorted(index)
        sections.append(ordered)
        sections.append([",".join(map(str, index[k])) for k in ordered])
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(FORMAT + "\n")
        fh.write(("\n" + SEPARATOR + "\n").join("\n".join(sec) for sec in sections))


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
    append = out.append
    for m in _TOKEN.finditer(text):
        w = m.group()
        if len(w) > 2 and w[-1] in "sS" and w[-2] in "'\u2019":  # possessive: Assad's
            s, e = m.span()
            append((s, e - 2, w[:-2]))
        else:
            append((*m.span(), w))
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


def joined(title: str, text: str) -> tuple[str, list, tuple]:
    """(title + newline + text, its tokens, its candidates), built from the two
    parts' cached scans: no name runs across the newline."""
    if not title:
        return text, tokens(text), candidates(text)
    off = len(title) + 1
    ttoks = tokens(title)
    n = len(ttoks)
    toks = ttoks + [(s + off, e + off, w) for s, e, w in tokens(text)]
    cands = candidates(title) + tuple((i + n, j + n, s + off, e + off, w) for i, j, s, e, w in candidates(text))
    return title + "\n" + text, toks, cands


def _scancandidates(text: str):
    toks = tokens(text)
    n = len(toks)
    words = [t[2] for t in toks]
    # is_capitalised, inlined (tokens are never empty)
    caps = [w[0].isupper() or (w[0].isdigit() and any(ch.isalpha() for ch in w)) for w in words]
    lows = [w.lower() for w in words]
    # joins[k]: token k may continue the name that token k-1 is in (_joinable, inlined)
    joins = [False]
    joins += [e == s or (s - e <= 2 and text[e:s].strip(" -\u2010\u2011") == "")
              for (_, e, _), (s, _, _) in itertools.pairwise(toks)]
    connectors, openers, function_words = CONNECTORS, OPENERS, FUNCTION_WORDS
    for i in range(n):
        lower0 = lows[i]
        if not caps[i]:
            if not (lower0 in openers and i + 1 < n and text[toks[i][1]:toks[i][1] + 1] in "-\u2010"
                    and caps[i + 1]):
                continue
        elif lower0 in function_words:
            continue  # 'A Syrian', 'The Hague' is handled by its own key
        spans = []
        j = i
        last = min(n, i + _MAX_WORDS)
        while j < last:
            if j > i and not joins[j]:
                break
            cap = caps[j]
            if j > i and not cap and lows[j] not in connectors:
                break
            if cap and (j == i or lows[j] not in connectors):  # never end on 'Al'
                spans.append(j)
            j += 1
        s0 = toks[i][0]
        for j in reversed(spans):
            e = toks[j][1]
            yield i, j, s0, e, text[s0:e]
