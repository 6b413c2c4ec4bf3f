"""A compact trainable sub-event classifier: multinomial naive Bayes over word
uni- and bigrams, saved as JSON (no pickles, no numpy needed at run time).

The rules (classify.py) decide *whether* a sentence reports an event and
apply ACLED's boundaries; the model, when given, only re-reads *which*
sub-event type, and overrides the rules only when it is clearly more sure.
Users train it on their own ACLED export (`sitroom train --acled FILE`).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from sitroom.errors import InputError
from sitroom.extract.classify import Classification, event_type_of

MODEL_FORMAT = "sitroom-subevent-nb/1"
_TOKEN = re.compile(r"[a-z][a-z'-]+|\d+")
# Words that carry no sub-event signal in ACLED notes (dates, boilerplate).
_STOP = frozenset(
    "the a an of in on and to was were is are at by for from with as that this its their his her "
    "january february march april may june july august september october november december "
    "reported coded fatalities fatality size no report around".split()
)


def features(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams (digits collapsed to '0')."""
    words = [("0" if w.isdigit() else w) for w in _TOKEN.findall(text.lower())]
    words = [w for w in words if w not in _STOP]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass
class SubEventModel:
    """Multinomial naive Bayes: log P(label) + sum log P(feature | label)."""

    labels: list[str]
    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]  # label -> feature -> log P
    log_unseen: dict[str, float]  # label -> log P of an unseen feature
    vocabulary_size: int = 0
    trained_on: str = ""
    override_margin: float = 0.6  # model must beat the rules' label by this probability margin
    meta: dict = field(default_factory=dict)

    # --- training -------------------------------------------------------------
    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]], alpha: float = 0.5, min_count: int = 2,
              trained_on: str = "") -> "SubEventModel":
        """Fit on (text, sub_event_type) pairs; unknown sub-event types are skipped."""
        counts: dict[str, Counter] = {}
        docs: Counter = Counter()
        for text, label in examples:
            if not event_type_of(label):
                continue
            docs[label] += 1
            counts.setdefault(label, Counter()).update(features(text))
        if len(docs) < 2:
            raise InputError(trained_on or "training data", "need examples of at least two sub-event types")
        total_features: Counter = Counter()
        for c in counts.values():
            total_features.update(c)
        vocab = {f for f, n in total_features.items() if n >= min_count}
        n_docs = sum(docs.values())
        log_prior = {label: math.log(n / n_docs) for label, n in docs.items()}
        log_likelihood: dict[str, dict[str, float]] = {}
        log_unseen: dict[str, float] = {}
        for label, c in counts.items():
            denom = sum(n for f, n in c.items() if f in vocab) + alpha * (len(vocab) + 1)
            log_likelihood[label] = {
                f: round(math.log((n + alpha) / denom), 4) for f, n in c.items() if f in vocab
            }
            log_unseen[label] = math.log(alpha / denom)
        return cls(sorted(docs), log_prior, log_likelihood, log_unseen, len(vocab), trained_on,
                   meta={"examples": dict(docs)})

    # --- prediction -----------------------------------------------------------
    def predict_proba(self, text: str) -> dict[str, float]:
        feats = [f for f in features(text)]
        scores = {}
        for label in self.labels:
            ll = self.log_likelihood[label]
            unseen = self.log_unseen[label]
            scores[label] = self.log_prior[label] + sum(ll.get(f, unseen) for f in feats if self._known(f))
        # Naive Bayes is overconfident (features are not independent): temper the
        # log-scores by the square root of the number of features.
        temper = max(1.0, math.sqrt(len(feats)))
        scores = {k: v / temper for k, v in scores.items()}
        top = max(scores.values())
        exp = {k: math.exp(v - top) for k, v in scores.items()}
        z = sum(exp.values())
        return {k: v / z for k, v in exp.items()}

    def _known(self, feature: str) -> bool:
        vocab = self.__dict__.get("_vocab")
        if vocab is None:
            vocab = self.__dict__["_vocab"] = set().union(*self.log_likelihood.values())
        return feature in vocab

    def predict(self, text: str) -> tuple[str, float]:
        probs = self.predict_proba(text)
        label = max(probs, key=probs.get)
        return label, probs[label]

    def refine(self, text: str, rules: Classification | None, scope_factor: float = 1.0) -> Classification | None:
        """The rules' classification, unless the model is clearly surer of another sub-event type."""
        if rules is None:
            return None
        probs = self.predict_proba(text)
        label = max(probs, key=probs.get)
        if label != rules.sub_event_type and probs[label] - probs.get(rules.sub_event_type, 0.0) > self.override_margin:
            return Classification(event_type_of(label), label, rules.score, rules.votes)
        return rules

    # --- persistence ----------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "format": MODEL_FORMAT, "labels": self.labels, "log_prior": self.log_prior,
            "log_likelihood": self.log_likelihood, "log_unseen": self.log_unseen,
            "vocabulary_size": self.vocabulary_size, "trained_on": self.trained_on,
            "override_margin": self.override_margin, "meta": self.meta,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "SubEventModel":
        name = str(path)
        try:
            d = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(name, "model file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(name, f"not a sitroom model ({exc})") from None
        if not isinstance(d, dict) or d.get("format") != MODEL_FORMAT:
            raise InputError(name, f"not a sitroom model (expected format {MODEL_FORMAT})")
        try:
            return cls(d["labels"], d["log_prior"], d["log_likelihood"], d["log_unseen"],
                       d.get("vocabulary_size", 0), d.get("trained_on", ""),
                       d.get("override_margin", 0.6), d.get("meta", {}))
        except KeyError as exc:
            raise InputError(name, f"model file lacks {exc}") from None
