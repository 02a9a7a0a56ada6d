"""Candidate passages per claim: embedding cosine fused with rapidfuzz token-set similarity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .calibration import DEFAULT, Thresholds
from .index import Index
from .models import Passage
from .text import normalise


@dataclass(frozen=True)
class Candidate:
    """A passage retrieved for a claim, with the scores that ranked it."""

    passage: Passage
    similarity: float  # embedding cosine, clipped to [0, 1]
    fuzzy: float  # rapidfuzz token-set ratio, in [0, 1]
    score: float  # fused relevance, in [0, 1]


def retrieve(index: Index, claim_texts: list[str], claim_vectors: np.ndarray, thresholds: Thresholds = DEFAULT) -> list[list[Candidate]]:
    """The `k` most relevant passages for each claim, best first."""
    if not claim_texts or not index.corpus.passages:
        return [[] for _ in claim_texts]
    cosine = np.clip(claim_vectors @ index.vectors.T, 0.0, 1.0)
    passage_texts = [normalise(p.text).lower() for p in index.corpus.passages]
    queries = [normalise(t).lower() for t in claim_texts]
    # token_set_ratio rewards a passage that contains the claim's words, whatever else it says.
    fuzzy = process.cdist(queries, passage_texts, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1) / 100.0
    weight = thresholds.fusion_embedding_weight
    fused = weight * cosine + (1 - weight) * fuzzy
    results = []
    for row in range(len(claim_texts)):
        top = np.argsort(-fused[row], kind="stable")[: thresholds.candidates]
        results.append(
            [Candidate(index.corpus.passages[i], float(cosine[row, i]), float(fuzzy[row, i]), float(fused[row, i])) for i in top]
        )
    return results
