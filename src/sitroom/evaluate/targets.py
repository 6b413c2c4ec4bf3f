"""The quality targets of issue 3, one per measure: (set, measure) -> (target, higher is better).

The eval table shows each measure's target and whether it is met. Component rows ("... alone")
carry the target of the pipeline measure they stand for, so a component can be judged on its own."""
from __future__ import annotations

_ACLED = {
    "event type": 0.90,
    "sub-event type": 0.80,
    "sub-event type macro-F1": 0.65,
    "date exact": 0.95,
    "admin1": 0.85,
    "location (25 km or name)": 0.75,
    "fatalities exact": 0.85,
    "actor1 exact": 0.70,
    "actor1 era-insensitive": 0.70,
    "date exact: resolve_event_date alone": 0.95,
    "date exact, notes opening 'On 28 April 2020': resolve_event_date alone": 0.95,
    "fatalities exact: count_fatalities alone": 0.85,
}
_CASE = {
    "sub-event type accuracy (ACLED classes)": 0.70,
    "silent on out-of-scope classes": 0.70,
}
_FAKES = {
    "date exact": 0.60,
    "governorate": 0.75,
    "cause -> sub-event type": 0.70,
    "fatalities within 20% (or 2)": 0.50,
    "date exact: resolve_event_date alone": 0.60,
    "fatalities within 20% (or 2): count_fatalities alone": 0.50,
}
_SEEDS = {
    "recall of required events": 0.90,
    "precision": 0.75,
}
_FUSION = {
    "pairwise precision": 0.80,
    "pairwise recall": 0.80,
}
# Measures where lower is better: (set, measure) -> target.
_AT_MOST = {("acled", "events per note (mean)"): 1.5}

_FIELD_TARGET = 0.80  # every seeds field "(matched)"


def target_for(set_name: str, measure: str) -> tuple[float | None, bool]:
    """(target, higher_is_better) for one measure; (None, True) when the issue sets none."""
    if (set_name, measure) in _AT_MOST:
        return _AT_MOST[(set_name, measure)], False
    table = {"acled": _ACLED, "case": _CASE, "fakes": _FAKES, "seeds": _SEEDS, "fusion": _FUSION}.get(set_name, {})
    if measure in table:
        return table[measure], True
    if set_name == "seeds" and measure.endswith("(matched)"):
        return _FIELD_TARGET, True
    return None, True
