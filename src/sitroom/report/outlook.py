"""The outlook: escalation or de-escalation signals from the event time series.

For each scope (everything filtered, each region, each actor pair) the count in
the recent window is compared with the count in the baseline window just
before it by the exact conditional binomial test of two Poisson rates: if both
windows share one rate, then given n = recent + baseline events the recent
count is Binomial(n, t_recent / (t_recent + t_baseline)). The two-sided
p-value is twice the smaller tail. Across the scopes tested, p-values are
Holm-adjusted, so a long list of flat series does not produce a false alarm.

A sentence says "escalation" only when the adjusted p-value is below the
stated level AND the recent rate is higher; "de-escalation" likewise when it
is lower; otherwise "no significant change". Scopes with few events, or
without enough history for a baseline, say so instead of guessing.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

ALPHA = 0.01  # significance level, stated in every report: strict, a false alarm costs more than a late one
MIN_EVENTS = 10  # below this (recent + baseline) the test has too little power to say anything
BASELINE_PERIODS = 3  # baseline window = this many report periods before the recent window
MAX_SCOPES = 8  # regions and actor pairs reported, by number of events


def _log_binom_pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    return (
        math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
        + k * math.log(p) + (n - k) * math.log1p(-p)
    )


def binomial_tails(k: int, n: int, p: float) -> tuple[float, float]:
    """(P[X <= k], P[X >= k]) for X ~ Binomial(n, p)."""
    pmf = [math.exp(_log_binom_pmf(i, n, p)) for i in range(n + 1)]
    lower = min(1.0, sum(pmf[: k + 1]))
    upper = min(1.0, sum(pmf[k:]))
    return lower, upper


def poisson_rate_test(recent: int, recent_days: float, baseline: int, baseline_days: float) -> float:
    """Two-sided exact conditional p-value for 'same Poisson rate in both windows'."""
    n = recent + baseline
    if n == 0:
        return 1.0
    p0 = recent_days / (recent_days + baseline_days)
    lower, upper = binomial_tails(recent, n, p0)
    return min(1.0, 2.0 * min(lower, upper))


def holm_adjust(p_values: list[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values (same order as given)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def poisson_interval(mean: float, level: float = 0.95) -> tuple[int, int]:
    """Central interval of a Poisson(mean) count."""
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    k, cdf, lo = 0, 0.0, None
    term = math.exp(-mean)
    while True:
        cdf += term
        if lo is None and cdf >= lo_q:
            lo = k
        if cdf >= hi_q:
            return lo or 0, k
        k += 1
        term *= mean / k


@dataclass
class Signal:
    scope: str  # overall | region | actors
    label: str
    recent: int
    recent_days: int
    baseline: int
    baseline_days: int
    p_value: float | None = None
    p_adjusted: float | None = None
    verdict: str = "too few events to tell"
    sentence: str = ""

    @property
    def baseline_per_period(self) -> float:
        return self.baseline * self.recent_days / self.baseline_days if self.baseline_days else 0.0

    @property
    def rate_ratio(self) -> float | None:
        base = self.baseline_per_period
        return self.recent / base if base > 0 else None


@dataclass
class Outlook:
    recent_start: date
    recent_end: date
    baseline_start: date
    baseline_days: int
    alpha: float = ALPHA
    signals: list[Signal] = field(default_factory=list)

    @property
    def method(self) -> str:
        recent_days = (self.recent_end - self.recent_start).days + 1
        if self.baseline_days < recent_days:
            return (
                f"Method: the data begin on {self.baseline_start}, only {self.baseline_days} days before the "
                f"recent window ({self.recent_start} to {self.recent_end}); a baseline needs at least as many "
                "days as the window, so no trend is stated."
            )
        return (
            f"Method: counts of events in the recent window ({self.recent_start} to {self.recent_end}) "
            f"are compared with the {self.baseline_days} days before it ({self.baseline_start} onwards) "
            "by the exact conditional binomial test of two Poisson rates, two-sided; p-values are "
            f"Holm-adjusted across the {sum(1 for s in self.signals if s.p_value is not None)} scopes tested "
            f"and judged at the {self.alpha:.0%} level. Scopes with fewer than {MIN_EVENTS} events in "
            "both windows together are not tested."
        )


def _fmt_p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def _describe(s: Signal, alpha: float) -> str:
    days = s.recent_days
    base = (
        f"{_events(s.recent)} in the last {days} days against {s.baseline} in the {s.baseline_days} days "
        f"before ({s.baseline_per_period:.1f} per {days} days)"
    )
    if s.verdict == "insufficient history":
        return f"{s.label}: {_events(s.recent)} in the last {days} days; not enough earlier data for a baseline, so no trend is stated."
    if s.p_value is None:
        return f"{s.label}: {base}; too few events to tell."
    ratio = s.rate_ratio
    ratio_text = f"rate ratio {ratio:.2f}" if ratio is not None else "no events in the baseline"
    stats = f"{ratio_text}, {_fmt_p(s.p_value)}, Holm-adjusted {_fmt_p(s.p_adjusted or 1.0)}"
    if s.verdict == "escalation":
        lo, hi = poisson_interval(s.recent)
        return (
            f"{s.label}: escalation. {base}; {stats}, significant at the {alpha:.0%} level. "
            f"If the recent rate holds, about {s.recent} events are to be expected in the next {days} days "
            f"(95% Poisson interval {lo} to {hi})."
        )
    if s.verdict == "de-escalation":
        return f"{s.label}: de-escalation. {base}; {stats}, significant at the {alpha:.0%} level."
    return f"{s.label}: no significant change. {base}; {stats}."


def _pair_label(a: str, b: str) -> str:
    return f"{a} vs {b}" if b else f"{a} (no second actor)"


def build_outlook(
    rows: Iterable[dict], recent_start: date, recent_end: date, history_start: date | None = None,
    alpha: float = ALPHA, baseline_periods: int = BASELINE_PERIODS, max_scopes: int = MAX_SCOPES,
) -> Outlook:
    """Signals from event rows (event_date, country, admin1, actor1, actor2).

    `rows` must cover the recent window and the baseline window before it;
    `history_start` is the earliest date the data could cover (the first event
    in the store), so a baseline that predates the data is clipped instead of
    being read as zero events."""
    from sitroom.report.query import parse_day

    days = (recent_end - recent_start).days + 1
    try:
        baseline_start = recent_start - timedelta(days=days * baseline_periods)
    except OverflowError:
        baseline_start = date.min
    if history_start and history_start > baseline_start:
        baseline_start = history_start
    baseline_days = max(0, (recent_start - baseline_start).days)
    out = Outlook(recent_start, recent_end, baseline_start, baseline_days, alpha)

    recent: dict[tuple[str, str], Counter] = {k: Counter() for k in ("overall", "region", "actors")}
    baseline: dict[tuple[str, str], Counter] = {k: Counter() for k in ("overall", "region", "actors")}
    for r in rows:
        day = parse_day(r.get("event_date"))
        if day is None or day > recent_end or day < baseline_start:
            continue
        bucket = recent if day >= recent_start else baseline
        region = ", ".join(x for x in (r.get("admin1") or "", r.get("country") or "") if x) or "Unknown place"
        actors = [a for a in ((r.get("actor1") or "").strip(), (r.get("actor2") or "").strip()) if a]
        bucket["overall"]["All events in scope"] += 1
        bucket["region"][region] += 1
        if actors:
            bucket["actors"][_pair_label(actors[0], actors[1] if len(actors) > 1 else "")] += 1

    for scope in ("overall", "region", "actors"):
        totals = recent[scope] + baseline[scope]
        labels = sorted(totals, key=lambda k: (-totals[k], k))
        if scope != "overall":
            labels = labels[:max_scopes]
        for label in labels:
            out.signals.append(Signal(scope, label, recent[scope][label], days, baseline[scope][label], baseline_days))

    tested = []
    for s in out.signals:
        if baseline_days < days:
            s.verdict = "insufficient history"
        elif s.recent + s.baseline >= MIN_EVENTS:
            s.p_value = poisson_rate_test(s.recent, days, s.baseline, baseline_days)
            tested.append(s)
    for s, adj in zip(tested, holm_adjust([s.p_value for s in tested])):
        s.p_adjusted = adj
        if adj < alpha and s.recent > s.baseline_per_period:
            s.verdict = "escalation"
        elif adj < alpha and s.recent < s.baseline_per_period:
            s.verdict = "de-escalation"
        else:
            s.verdict = "no significant change"
    for s in out.signals:
        s.sentence = _describe(s, alpha)
    return out
