"""Candidate passages per claim: embedding cosine fused with rapidfuzz token-set similarity and
IDF-weighted overlap of word stems, so exact names and rare words are never lost to paraphrase."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

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


    def rare_word_passages(self, text: str, fused: np.ndarray, per_word: int) -> list[int]:
        """For the text's two rarest stems that the corpus has, the best-ranked passages holding each."""
        known = sorted((s for s in content_stems(text) if s in self.postings), key=lambda s: (-self.idf.get(s, 0.0), s))
        chosen: list[int] = []
        for s in known[:2]:
            holders = self.postings[s]
            chosen.extend(int(i) for i in holders[np.argsort(-fused[holders], kind="stable")[:per_word]])
        return chosen


def retrieve(
    index: Index, claim_texts: list[str], claim_vectors: np.ndarray, thresholds: Thresholds = DEFAULT, lexical: LexicalIndex | None = None
) -> list[list[Candidate]]:
    """The most relevant passages for each claim, best first."""
    if not claim_texts or not index.corpus.passages:
        return [[] for _ in claim_texts]
    cosine = np.clip(claim_vectors @ index.vectors.T, 0.0, 1.0)
    passage_texts = [normalise(p.text).lower() for p in index.corpus.passages]
    queries = [normalise(t).lower() for t in claim_texts]
    # token_set_ratio rewards a passage that contains the claim's words, whatever else it says.
    fuzzy = process.cdist(queries, passage_texts, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1) / 100.0
    w_embed, w_lex = thresholds.fusion_embedding_weight, thresholds.fusion_lexical_weight if lexical else 0.0
    results = []
    for row, text in enumerate(claim_texts):
        lex = lexical.scores(text, thresholds.default_idf) if lexical else np.zeros(len(passage_texts), dtype=np.float32)
        fused = w_embed * cosine[row] + w_lex * lex + (1 - w_embed - w_lex) * fuzzy[row]
        top = list(np.argsort(-fused, kind="stable")[: thresholds.candidates])
        if lexical:
            # The union DESIGN.md asks for: never lose the passages holding the claim's rarest words.
            for extra in lexical.rare_word_passages(text, fused, thresholds.rare_word_candidates):
                if extra not in top:
                    top.append(extra)
        results.append(
            [Candidate(index.corpus.passages[i], float(cosine[row, i]), float(fuzzy[row, i]), float(fused[i]), float(lex[i])) for i in top]
        )
    return results
