"""Candidate passages per claim: embedding cosine fused with rapidfuzz token-set similarity and
IDF-weighted overlap of word stems, so exact names and rare words are never lost to paraphrase."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from .calibration import DEFAULT, Thresholds
from .index import Index
from .lexicon import STOP_WORDS
from .models import Passage
from .text import normalise, stem, words


@dataclass(frozen=True)
class Candidate:
    """A passage retrieved for a claim, with the scores that ranked it."""

    passage: Passage
    similarity: float  # embedding cosine, clipped to [0, 1]
    fuzzy: float  # rapidfuzz token-set ratio, in [0, 1]
    score: float  # fused relevance, in [0, 1]
    lexical: float = 0.0  # IDF-weighted share of the claim's word stems in the passage, in [0, 1]


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop words, no bare numbers)."""
    return {stem(w) for w in words(normalise(text)) if w not in STOP_WORDS and not w[0].isdigit() and len(w) > 1}


class LexicalIndex:
    """An inverted index from word stem to the passages holding it, with IDF over single sentences."""

    def __init__(self, passages: list[Passage]) -> None:
        self.size = len(passages)
        postings: dict[str, list[int]] = {}
        sentence_counts: Counter[str] = Counter()
        for position, passage in enumerate(passages):
            stems = content_stems(passage.text)
            for s in stems:
                postings.setdefault(s, []).append(position)
            if passage.sentence_count == 1:
                sentence_counts.update(stems)
        sentences = sum(p.sentence_count == 1 for p in passages) + 1
        self.idf = {s: math.log(sentences / (1 + c)) + 1.0 for s, c in sentence_counts.items()}
        self.postings = {s: np.asarray(p, dtype=np.int64) for s, p in postings.items()}

    def scores(self, text: str, default_idf: float) -> np.ndarray:
        """For every passage, the IDF-weighted share of the text's stems it contains."""
        result = np.zeros(self.size, dtype=np.float32)
        stems = content_stems(text)
        total = sum(self.idf.get(s, default_idf) for s in stems)
        if not total:
            return result
        for s in stems:
            if s in self.postings:
                result[self.postings[s]] += self.idf[s] / total
        return result

    def rare_word_passages(self, text: str, fused: np.ndarray, per_word: int, rank: np.ndarray | None = None) -> list[int]:
        """For the text's two rarest stems that the corpus has, the best-ranked passages holding each (ties by `rank`)."""
        known = sorted((s for s in content_stems(text) if s in self.postings), key=lambda s: (-self.idf.get(s, 0.0), s))
        chosen: list[int] = []
        for s in known[:2]:
            holders = self.postings[s]
            order = np.lexsort((rank[holders], -fused[holders])) if rank is not None else np.argsort(-fused[holders], kind="stable")
            chosen.extend(int(i) for i in holders[order[:per_word]])
        return chosen


def top_passages(scores: np.ndarray, count: int, rank: np.ndarray) -> list[int]:
    """The `count` best-scored passages, best first, equal scores in stable order (ties at the cut included by rank too)."""
    count = min(count, len(scores))
    if count <= 0:
        return []
    if count < len(scores):
        cut = scores[np.argpartition(-scores, count - 1)[:count]].min()
        chosen = np.flatnonzero(scores >= cut)  # every passage tied at the cut, so the cut itself is stable
    else:
        chosen = np.arange(len(scores))
    ordered = chosen[np.lexsort((rank[chosen], -scores[chosen]))]
    return [int(i) for i in ordered[:count]]


def retrieve(
    index: Index, claim_texts: list[str], claim_vectors: np.ndarray, thresholds: Thresholds = DEFAULT, lexical: LexicalIndex | None = None
) -> list[list[Candidate]]:
    """The most relevant passages for each claim, best first; equal scores in (root, path, offset) order.

    Embedding cosine and stem overlap are scored against every passage (a matrix product per batch of
    claims, so memory stays flat however many claims there are, and an inverted-index pass); rapidfuzz's
    token-set ratio, which costs far more, only on the best pool.
    """
    if not claim_texts or not index.corpus.passages:
        return [[] for _ in claim_texts]
    passages = index.corpus.passages
    lexical = lexical or LexicalIndex(passages)
    rank = index.rank
    w_embed, w_lex = thresholds.fusion_embedding_weight, thresholds.fusion_lexical_weight
    w_fuzzy = 1.0 - w_embed - w_lex
    # Pools of different claims overlap: normalise each passage once per call, not once per claim.
    lowered: dict[int, str] = {}
    results = []
    for first in range(0, len(claim_texts), CLAIM_BATCH):
        cosine = np.clip(claim_vectors[first : first + CLAIM_BATCH] @ index.vectors.T, 0.0, 1.0)
        for row, text in enumerate(claim_texts[first : first + CLAIM_BATCH]):
            lex = lexical.scores(text, thresholds.default_idf)
            coarse = w_embed * cosine[row] + w_lex * lex
            pool = top_passages(coarse, POOL, rank)
            # The union DESIGN.md asks for: never lose the passages holding the claim's rarest words.
            rare = lexical.rare_word_passages(text, coarse, thresholds.rare_word_candidates, rank)
            pool += [i for i in rare if i not in pool]
            query = normalise(text).lower()
            # token_set_ratio rewards a passage that contains the claim's words, whatever else it says.
            for i in pool:
                if i not in lowered:
                    lowered[i] = normalise(passages[i].text).lower()
            fuzzy = {i: fuzz.token_set_ratio(query, lowered[i]) / 100.0 for i in pool}
            fused = {i: float(coarse[i] + w_fuzzy * fuzzy[i]) for i in pool}
            ranked = sorted(pool, key=lambda i: (-fused[i], int(rank[i])))[: thresholds.candidates]
            ranked += [i for i in rare if i not in ranked]
            results.append([Candidate(passages[i], float(cosine[row, i]), fuzzy[i], fused[i], float(lex[i])) for i in ranked])
    return results


# Claims scored against the whole corpus at once: a 256 × passages float32 block (20 MB for 20k passages).
CLAIM_BATCH = 256
# Passages per claim that the costly fuzzy score is computed for.
POOL = 64
