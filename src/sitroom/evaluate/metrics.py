"""Small scoring helpers shared by the per-set scorers."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from sitroom.extract.gazetteer import km_between

_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|ath|adh|ed|es|er|et|ez|the)[\s\-']+")
_ERA = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")


def norm_name(name: str | None) -> str:
    """Place/actor name for comparison: no accents, case, articles, punctuation or spaces."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower().strip()
    s = s.replace("\u2019", "'")
    s = _ARTICLE.sub("", s)
    s = re.sub(r"[\s\-']+(?:al|el|ar|as|ad|an|at|az|ash|ez|ed)[\s\-']+", " ", s)
    return re.sub(r"[^a-z0-9]", "", s)


def strip_era(actor: str | None) -> str:
    """'Military Forces of Syria (2000-)' -> 'Military Forces of Syria'."""
    return _ERA.sub("", actor or "").strip()


def to_float(v) -> float | None:
    try:
        f = float(v)
        return None if math.isnan(f) else f
    except (TypeError, ValueError):
        return None


def same_place(pred_name: str, pred_lat, pred_lon, gold_names, gold_lat, gold_lon, km: float = 25.0) -> bool:
    """Within `km` of the gold point, or the same name once normalised."""
    names = gold_names if isinstance(gold_names, list) else [gold_names]
    if pred_name and norm_name(pred_name) in {norm_name(n) for n in names if n}:
        return True
    plat, plon, glat, glon = map(to_float, (pred_lat, pred_lon, gold_lat, gold_lon))
    if None in (plat, plon, glat, glon):
        return False
    return km_between(plat, plon, glat, glon) <= km


def matches_gold(pred, gold) -> bool:
    """Gold may be a value or a list of acceptable values; None in a list accepts empty."""
    options = gold if isinstance(gold, list) else [gold]
    for g in options:
        if g is None:
            if pred in (None, "", 0) and not isinstance(pred, bool):
                return True
            continue
        if isinstance(g, (int, float)) and not isinstance(g, bool):
            try:
                if int(pred) == int(g):
                    return True
            except (TypeError, ValueError):
                pass
            continue
        if str(pred or "").strip().lower() == str(g).strip().lower():
            return True
    return False


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over the gold classes (a missing prediction is simply wrong)."""
    classes = sorted(set(gold))
    if not classes:
        return 0.0
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    f1s = []
    for c in classes:
        prec = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        rec = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def within(pred: int, gold: int, rel: float = 0.2, abs_: int = 2) -> bool:
    """|pred - gold| within 20 % of gold, or within 2."""
    return abs(pred - gold) <= max(abs_, rel * gold)
