"""The outlook never states a trend its numbers do not show (synthetic series)."""
from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from sitroom.report.outlook import (
    binomial_tails, build_outlook, holm_adjust, poisson_interval, poisson_rate_test,
)

RECENT_START, RECENT_END = date(2020, 3, 2), date(2020, 3, 29)  # 28 days
HISTORY = RECENT_START - timedelta(days=84)


def series(per_day, region="Idlib", actors=("Army", "Rebels")):
    """Rows for the 112 days before RECENT_END; per_day(day_index, is_recent) -> count."""
    rows = []
    day = HISTORY
    i = 0
    while day <= RECENT_END:
        for _ in range(per_day(i, day >= RECENT_START)):
            rows.append({"event_date": day.isoformat(), "country": "Syria", "admin1": region,
                         "actor1": actors[0], "actor2": actors[1]})
        day += timedelta(days=1)
        i += 1
    return rows


def verdicts(outlook):
    return {(s.scope, s.label): s.verdict for s in outlook.signals}


def test_binomial_test_known_answers():
    # 10 recent, 0 baseline, equal windows: p = 2 * 0.5**10
    assert poisson_rate_test(10, 28, 0, 28) == pytest.approx(2 * 0.5 ** 10)
    # identical rates in equal windows: the most likely outcome, p = 1
    assert poisson_rate_test(7, 28, 7, 28) == pytest.approx(1.0)
    lower, upper = binomial_tails(2, 4, 0.5)
    assert lower == pytest.approx(11 / 16) and upper == pytest.approx(11 / 16)
    assert holm_adjust([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    lo, hi = poisson_interval(20)
    assert (lo, hi) == (12, 29)


def test_flat_series_never_escalates():
    outlook = build_outlook(series(lambda i, recent: 1), RECENT_START, RECENT_END, history_start=HISTORY)
    for s in outlook.signals:
        assert s.verdict == "no significant change", s.sentence
        assert "escalation" not in s.sentence
        assert s.p_value == pytest.approx(1.0, abs=0.2)


def noisy_flat_rows(seed: int) -> list[dict]:
    """Four regions, each a constant Poisson rate of 0.8 events a day."""
    rng = random.Random(seed)

    def poisson(lam):
        # Knuth's method: enough for small rates
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1

    rows = []
    for region in ("Idlib", "Aleppo", "Daraa", "Homs"):
        rows += series(lambda i, recent: poisson(0.8), region=region, actors=(region + " army", "rebels"))
    return rows


@pytest.mark.parametrize("seed", range(20))
def test_noisy_flat_series_never_escalates(seed):
    outlook = build_outlook(noisy_flat_rows(seed), RECENT_START, RECENT_END, history_start=HISTORY)
    assert not any(s.verdict in ("escalation", "de-escalation") for s in outlook.signals), \
        [s.sentence for s in outlook.signals if s.verdict != "no significant change"]


def test_false_alarm_rate_is_within_the_stated_level():
    # Holm keeps the chance of any false alarm per report at or below alpha (1%).
    alarms = sum(
        any(s.verdict != "no significant change"
            for s in build_outlook(noisy_flat_rows(seed), RECENT_START, RECENT_END, history_start=HISTORY).signals)
        for seed in range(100, 300)
    )
    assert alarms <= 6  # 200 reports at 1%: expected <= 2; 6 is a very loose binomial bound


def test_clear_jump_escalates_with_numbers():
    outlook = build_outlook(series(lambda i, recent: 4 if recent else 1), RECENT_START, RECENT_END,
                            history_start=HISTORY)
    v = verdicts(outlook)
    assert v[("region", "Idlib, Syria")] == "escalation"
    assert v[("actors", "Army vs Rebels")] == "escalation"
    region = next(s for s in outlook.signals if s.label == "Idlib, Syria")
    assert (region.recent, region.baseline, region.recent_days, region.baseline_days) == (112, 84, 28, 84)
    assert region.rate_ratio == pytest.approx(4.0)
    assert region.p_adjusted < 0.01
    assert "escalation" in region.sentence and "112 events" in region.sentence and "rate ratio 4.00" in region.sentence


def test_clear_drop_is_de_escalation():
    outlook = build_outlook(series(lambda i, recent: 0 if recent else 2), RECENT_START, RECENT_END,
                            history_start=HISTORY)
    region = next(s for s in outlook.signals if s.label == "Idlib, Syria")
    assert region.verdict == "de-escalation"
    assert "de-escalation" in region.sentence


def test_small_counts_are_too_few_to_tell():
    # one event in the baseline, three recent: a tripling, but far too few events
    rows = series(lambda i, recent: 0)
    rows += [{"event_date": d, "country": "Syria", "admin1": "Raqqa", "actor1": "A", "actor2": "B"}
             for d in ("2020-01-10", "2020-03-05", "2020-03-06", "2020-03-07")]
    outlook = build_outlook(rows, RECENT_START, RECENT_END, history_start=HISTORY)
    raqqa = next(s for s in outlook.signals if s.label == "Raqqa, Syria")
    assert raqqa.verdict == "too few events to tell"
    assert raqqa.p_value is None
    assert "too few events to tell" in raqqa.sentence and "escalation" not in raqqa.sentence


def test_no_history_means_no_trend():
    # data starts with the recent window: the empty baseline is not evidence of escalation
    rows = series(lambda i, recent: 3 if recent else 0)
    outlook = build_outlook(rows, RECENT_START, RECENT_END, history_start=RECENT_START)
    assert all(s.verdict == "insufficient history" for s in outlook.signals)
    assert not any("escalation" in s.sentence for s in outlook.signals)
