"""Near-duplicate pages with MinHash LSH.

Two relations matter downstream:

- **copy** (syndication): near-identical text, estimated Jaccard of word
  3-shingles >= COPY_THRESHOLD. A copy never counts as independent
  corroboration, whatever outlet name it carries.
- **same story** (a rewrite): the same story retold, Jaccard >= STORY_THRESHOLD.
  A rewrite shares long runs of wording; unrelated articles about the same
  war share almost no 3-word shingles (measured on the seeds: rewrite 0.27,
  unrelated pairs <= 0.004).

Signatures are plain lists of ints so they can be stored as text and the
index rebuilt incrementally from the store.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from sitroom.dedup.hashing import normalise_text

NUM_PERM = 128
SHINGLE_WORDS = 3
STORY_THRESHOLD = 0.18  # estimated Jaccard at or above: the same story rewritten
COPY_THRESHOLD = 0.65  # at or above: a syndicated copy (a copy trimmed by a fifth scores ~0.7; rewrites ~0.3)
_LSH_THRESHOLD = 0.15  # a little under STORY_THRESHOLD so LSH misses few true pairs
_WORD = re.compile(r"\w+")
_SEED = 1
_SCHEME = "affine32"  # datasketch >= 2.0 permutation scheme; fixed so stored signatures stay comparable


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Word k-grams of the normalised text (the whole text if shorter than k words)."""
    words = _WORD.findall(normalise_text(text))
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> list[int]:
    """The MinHash signature of a text, as a list of ints (stable across runs)."""
    m = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    grams = shingles(text)
    if grams:
        # SHA-1 based 32-bit hashes, fed in bulk: deterministic across processes.
        m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return [int(v) for v in m.hashvalues]


def _as_minhash(signature: list[int]) -> MinHash:
    return MinHash(num_perm=len(signature), seed=_SEED, hashvalues=np.array(signature, dtype=np.uint64), scheme=_SCHEME)


def estimated_jaccard(sig_a: list[int], sig_b: list[int]) -> float:
    """Fraction of agreeing MinHash slots: an estimate of shingle Jaccard similarity."""
    if not sig_a or len(sig_a) != len(sig_b):
        return 0.0
    a, b = np.asarray(sig_a, dtype=np.uint64), np.asarray(sig_b, dtype=np.uint64)
    return float(np.count_nonzero(a == b)) / len(a)


def signature_to_text(signature: list[int]) -> str:
    return " ".join(format(v, "x") for v in signature)


def signature_from_text(text: str) -> list[int]:
    return [int(v, 16) for v in text.split()] if text else []


@dataclass
class NearDuplicate:
    article_id: str
    other_id: str
    similarity: float  # estimated Jaccard of word 3-shingles

    @property
    def is_copy(self) -> bool:
        return self.similarity >= COPY_THRESHOLD


class NearDuplicateIndex:
    """An LSH index of article signatures: add articles, ask for their near duplicates.

    Only LSH candidates are compared, never all pairs.
    """

    def __init__(self, threshold: float = STORY_THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=min(threshold, _LSH_THRESHOLD), num_perm=num_perm)
        self._signatures: dict[str, list[int]] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, signature: list[int]) -> None:
        if article_id in self._signatures or not signature:
            return
        self._signatures[article_id] = signature
        self._lsh.insert(article_id, _as_minhash(signature))

    def add_text(self, article_id: str, text: str) -> list[int]:
        sig = minhash_signature(text, self.num_perm)
        self.add(article_id, sig)
        return sig

    def near_duplicates(self, signature: list[int], exclude: str | None = None) -> list[NearDuplicate]:
        """Indexed articles whose estimated similarity reaches the threshold, most similar first."""
        if not signature:
            return []
        out = []
        for other in self._lsh.query(_as_minhash(signature)):
            if other == exclude:
                continue
            sim = estimated_jaccard(signature, self._signatures[other])
            if sim >= self.threshold:
                out.append(NearDuplicate(exclude or "", other, sim))
        return sorted(out, key=lambda d: (-d.similarity, d.other_id))


def near_duplicate_pairs(texts: dict[str, str], threshold: float = STORY_THRESHOLD) -> list[NearDuplicate]:
    """Every near-duplicate pair among `texts` (id -> text), each pair once (a < b)."""
    index = NearDuplicateIndex(threshold)
    sigs = {aid: index.add_text(aid, t) for aid, t in sorted(texts.items())}
    pairs = []
    for aid, sig in sigs.items():
        for d in index.near_duplicates(sig, exclude=aid):
            if aid < d.other_id:
                pairs.append(NearDuplicate(aid, d.other_id, d.similarity))
    return pairs


def text_fingerprint(text: str) -> str:
    """A short digest of the normalised text, for logs."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:12]
