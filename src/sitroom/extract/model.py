"""A compact trainable sub-event classifier: a linear model over words (multinomial
naive Bayes or logistic regression), saved as JSON (no pickles, no numpy at run time).

The rules (classify.py) decide *whether* a sentence reports an event and
apply ACLED's boundaries; the model, when given, only re-reads *which*
sub-event type, and overrides the rules only when it is clearly more sure.

Two sources of models:
- the default model shipped with sitroom (`load_default_model()`), trained by
  scripts/build_subevent_model.py on hand-written examples only
  (data/subevent_examples.jsonl): no third-party rows;
- a user's own model (`sitroom train --acled FILE`), trained on their ACLED export.
"""
from __future__ import annotations

import functools
import json
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from sitroom.errors import InputError
from sitroom.extract.classify import Classification, event_type_of

MODEL_FORMAT = "sitroom-subevent-nb/1"
DEFAULT_MODEL_FILE = "subevent_model.json"
_TOKEN = re.compile(r"[a-z][a-z'-]+|\d+")
# Capitalised words after a lower-case word: names of places, people and groups.
_NAMES = re.compile(r"(?<=[a-z,;] )[A-Z][\w'-]*(?: [A-Z][\w'-]*)*")
# "(Idleb)", "(North Kivu)": the admin names ACLED notes add carry no sub-event signal.
_PARENTHESES = re.compile(r"\([^()]{0,60}\)")
# Words that carry no sub-event signal in ACLED notes (dates, boilerplate).
_STOP = frozenset(
    "the a an of in on and to was were is are at by for from with as that this its their his her "
    "january february march april may june july august september october november december "
    "reported coded fatalities fatality size no report around".split()
)
# Extra function words for the "stem" feature set (it is trained on few examples, so
# every frequent word without meaning is noise it could learn from).
_STOP_STEM = _STOP | frozenset(
    "it they he she them had has have been be being after before during into over near said says "
    "according officials official local which who while when where than then also about least "
    "monday tuesday wednesday thursday friday saturday sunday morning night overnight day week".split()
)
_SUFFIXES = ("ing", "er", "ed", "e")


def _stem(word: str) -> str:
    """A crude suffix stripper ("shelled", "shelling", "shells" -> "shell"; "fighters",
    "fighter" -> "fight"): the examples are too few for the model to learn every
    inflection on its own. Plurals first, so singular and plural stem alike."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def features(text: str, feature_set: str = "words") -> list[str]:
    """Model features of ``text``.

    "words" (the original set, used by models trained on ACLED exports): lower-cased
    word unigrams and bigrams, digits collapsed to '0'.
    "stems" (the default model): crude stems of the words, each once, without
    parenthesised admin names, names (capitalised words inside the sentence) or
    function words. Names and bigrams are left out because a model trained on a few
    hundred hand-written sentences learns them as noise (they lowered its accuracy on
    the tune halves and in cross-validation).
    """
    if feature_set == "stems":
        text = _NAMES.sub(" ", _PARENTHESES.sub(" ", text))
        return list(dict.fromkeys(("0" if w.isdigit() else _stem(w)) for w in _TOKEN.findall(text.lower())
                                  if w not in _STOP_STEM))
    words = [("0" if w.isdigit() else w) for w in _TOKEN.findall(text.lower())]
    words = [w for w in words if w not in _STOP]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class OverridePolicy:
    """When the model's reading replaces the rules' reading.

    Within one event type (Air/drone strike vs Shelling, Peaceful protest vs Protest
    with intervention) the model needs ``within_margin`` more probability than the
    rules' sub-event type. Across event types it must also be sure of the other
    *family* (its sub-types' summed probability at least ``cross_family_prob``) and
    the rules' evidence must be weak (score below ``weak_rules_score``): a strong
    rules decision across families is never overridden.
    """

    within_margin: float = 0.6
    cross_margin: float = 1.01  # > 1: never across families (the pre-default behaviour)
    cross_family_prob: float = 0.8
    weak_rules_score: float = 0.0

    def to_json(self) -> dict:
        return {"within_margin": self.within_margin, "cross_margin": self.cross_margin,
                "cross_family_prob": self.cross_family_prob, "weak_rules_score": self.weak_rules_score}


@dataclass
class SubEventModel:
    """A linear classifier: score(label) = prior + sum of feature weights, softmaxed.

    Naive Bayes (``train``, kind "nb"): log P(label) + sum log P(feature | label).
    Logistic regression (``train_logistic``, kind "logistic"): bias + weights."""

    labels: list[str]
    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]  # label -> feature -> log P
    log_unseen: dict[str, float]  # label -> log P of an unseen feature
    vocabulary_size: int = 0
    trained_on: str = ""
    override_margin: float = 0.6  # model must beat the rules' label by this probability margin
    meta: dict = field(default_factory=dict)
    feature_set: str = "words"
    temperature: float = 1.0  # divides the scores before the softmax (calibration)
    kind: str = "nb"  # "nb": naive Bayes log-probabilities; "logistic": linear weights
    policy: OverridePolicy | None = None  # None: within_margin = override_margin, same family only

    # --- training -------------------------------------------------------------
    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]], alpha: float = 0.5, min_count: int = 2,
              trained_on: str = "", feature_set: str = "words", uniform_prior: bool = False) -> "SubEventModel":
        """Fit on (text, sub_event_type) pairs; unknown sub-event types are skipped.

        ``uniform_prior``: every label equally likely a priori (hand-written examples
        are balanced by design, not by how often ACLED codes each type)."""
        counts: dict[str, Counter] = {}
        docs: Counter = Counter()
        for text, label in examples:
            if not event_type_of(label):
                continue
            docs[label] += 1
            counts.setdefault(label, Counter()).update(features(text, feature_set))
        if len(docs) < 2:
            raise InputError(trained_on or "training data", "need examples of at least two sub-event types")
        total_features: Counter = Counter()
        for c in counts.values():
            total_features.update(c)
        vocab = {f for f, n in total_features.items() if n >= min_count}
        n_docs = sum(docs.values())
        log_prior = {label: round(math.log(1 / len(docs) if uniform_prior else n / n_docs), 4)
                     for label, n in docs.items()}
        log_likelihood: dict[str, dict[str, float]] = {}
        log_unseen: dict[str, float] = {}
        for label, c in counts.items():
            denom = sum(n for f, n in c.items() if f in vocab) + alpha * (len(vocab) + 1)
            log_likelihood[label] = {
                f: round(math.log((n + alpha) / denom), 4) for f, n in c.items() if f in vocab
            }
            log_unseen[label] = round(math.log(alpha / denom), 4)
        return cls(sorted(docs), log_prior, log_likelihood, log_unseen, len(vocab), trained_on,
                   meta={"examples": dict(docs)}, feature_set=feature_set)

    @classmethod
    def train_logistic(cls, examples: Iterable[tuple[str, str]], epochs: int = 30, rate: float = 0.5,
                       l2: float = 1e-3, feature_set: str = "stems", trained_on: str = "",
                       seed: int = 0) -> "SubEventModel":
        """Fit a multinomial logistic regression by plain SGD (a few seconds on a thousand
        examples). Stored in the same tables as naive Bayes: bias in ``log_prior``,
        weights in ``log_likelihood``, 0 for unseen features. It generalises better than
        naive Bayes from few examples because correlated words do not count twice."""
        data = [(features(text, feature_set), label) for text, label in examples if event_type_of(label)]
        docs = Counter(label for _, label in data)
        if len(docs) < 2:
            raise InputError(trained_on or "training data", "need examples of at least two sub-event types")
        labels = sorted(docs)
        weights: dict[str, dict[str, float]] = {label: {} for label in labels}
        bias = dict.fromkeys(labels, 0.0)
        order = random.Random(seed)
        for epoch in range(epochs):
            order.shuffle(data)
            eta = rate / (1 + 0.2 * epoch)
            for feats, gold in data:
                scores = {k: bias[k] + sum(weights[k].get(f, 0.0) for f in feats) for k in labels}
                top = max(scores.values())
                exp = {k: math.exp(v - top) for k, v in scores.items()}
                z = sum(exp.values())
                for k in labels:
                    grad = exp[k] / z - (k == gold)
                    if abs(grad) < 1e-4:
                        continue
                    bias[k] -= eta * grad
                    w = weights[k]
                    for f in feats:  # L2 decay applied lazily, to the weights in play
                        w[f] = w.get(f, 0.0) * (1 - eta * l2) - eta * grad
        table = {k: {f: round(v, 3) for f, v in w.items() if abs(v) >= 5e-4} for k, w in weights.items()}
        vocab = set().union(*table.values())
        return cls(labels, {k: round(v, 4) for k, v in bias.items()}, table, dict.fromkeys(labels, 0.0),
                   len(vocab), trained_on, meta={"examples": dict(docs)}, feature_set=feature_set,
                   kind="logistic")

    # --- prediction -----------------------------------------------------------
    def predict_proba(self, text: str) -> dict[str, float]:
        by_feature = self._by_feature()
        feats = [f for f in features(text, self.feature_set) if f in by_feature]
        # Start every label at prior + n * unseen, then swap in the seen features' values:
        # one dict lookup per feature instead of one per (feature, label).
        scores = {label: self.log_prior[label] + len(feats) * self.log_unseen[label] for label in self.labels}
        for f in feats:
            for label, delta in by_feature[f]:
                scores[label] += delta
        # Naive Bayes is overconfident (features are not independent): temper the
        # log-scores by the square root of the number of features.
        temper = self.temperature * (max(1.0, math.sqrt(len(feats))) if self.kind == "nb" else 1.0)
        top = max(scores.values())
        exp = {k: math.exp((v - top) / temper) for k, v in scores.items()}
        z = sum(exp.values())
        return {k: v / z for k, v in exp.items()}

    def _by_feature(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """feature -> ((label, its value minus the label's unseen value), ...), built once."""
        index = self.__dict__.get("_index")
        if index is None:
            table: dict[str, list[tuple[str, float]]] = {}
            for label in self.labels:
                unseen = self.log_unseen[label]
                for f, v in self.log_likelihood[label].items():
                    table.setdefault(f, []).append((label, v - unseen))
            index = self.__dict__["_index"] = {f: tuple(v) for f, v in table.items()}
        return index

    def predict(self, text: str) -> tuple[str, float]:
        probs = self.predict_proba(text)
        label = max(probs, key=probs.get)
        return label, probs[label]

    def family_proba(self, probs: dict[str, float]) -> dict[str, float]:
        """Probabilities summed per ACLED event type."""
        out: dict[str, float] = {}
        for label, p in probs.items():
            family = event_type_of(label)
            out[family] = out.get(family, 0.0) + p
        return out

    @property
    def override_policy(self) -> OverridePolicy:
        return self.policy or OverridePolicy(within_margin=self.override_margin)

    def refine(self, text: str, rules: Classification | None, scope_factor: float = 1.0) -> Classification | None:
        """The rules' classification, unless the model is clearly surer of another sub-event type
        (see OverridePolicy). The model never creates or removes an event."""
        if rules is None:
            return None
        probs = self.predict_proba(text)
        label = max(probs, key=probs.get)
        if label == rules.sub_event_type:
            return rules
        policy = self.override_policy
        margin = probs[label] - probs.get(rules.sub_event_type, 0.0)
        family = event_type_of(label)
        if family == rules.event_type:
            override = margin > policy.within_margin
        else:
            override = (margin > policy.cross_margin and rules.score < policy.weak_rules_score
                        and self.family_proba(probs)[family] >= policy.cross_family_prob)
        if override:
            return Classification(family, label, rules.score, rules.votes)
        return rules

    # --- persistence ----------------------------------------------------------
    def to_json(self) -> dict:
        d = {
            "format": MODEL_FORMAT, "labels": self.labels, "log_prior": self.log_prior,
            "log_likelihood": self.log_likelihood, "log_unseen": self.log_unseen,
            "vocabulary_size": self.vocabulary_size, "trained_on": self.trained_on,
            "override_margin": self.override_margin, "meta": self.meta,
            "feature_set": self.feature_set, "temperature": self.temperature, "kind": self.kind,
        }
        if self.policy is not None:
            d["policy"] = self.policy.to_json()
        return d

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")),
                              encoding="utf-8")

    @classmethod
    def from_json(cls, d: dict, name: str = "model") -> "SubEventModel":
        if not isinstance(d, dict) or d.get("format") != MODEL_FORMAT:
            raise InputError(name, f"not a sitroom model (expected format {MODEL_FORMAT})")
        try:
            policy = OverridePolicy(**d["policy"]) if d.get("policy") else None
            return cls(d["labels"], d["log_prior"], d["log_likelihood"], d["log_unseen"],
                       d.get("vocabulary_size", 0), d.get("trained_on", ""),
                       d.get("override_margin", 0.6), d.get("meta", {}),
                       d.get("feature_set", "words"), d.get("temperature", 1.0), d.get("kind", "nb"), policy)
        except KeyError as exc:
            raise InputError(name, f"model file lacks {exc}") from None
        except TypeError as exc:
            raise InputError(name, f"not a sitroom model ({exc})") from None

    @classmethod
    def load(cls, path: str | Path) -> "SubEventModel":
        name = str(path)
        try:
            d = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(name, "model file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(name, f"not a sitroom model ({exc})") from None
        return cls.from_json(d, name)


@functools.lru_cache(maxsize=1)
def load_default_model() -> SubEventModel:
    """The model shipped with sitroom (data/subevent_model.json), trained only on
    hand-written examples by scripts/build_subevent_model.py. Loaded once per process."""
    from sitroom.data import data_path

    return SubEventModel.load(data_path(DEFAULT_MODEL_FILE))
