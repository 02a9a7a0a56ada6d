"""Candidate passages per claim: embedding cosine fused with rapidfuzz token-set similarity and
IDF-weighted overlap of word stems, so exact names and rare words are never lost to paraphrase.

`Retriever` is what the checker asks; `ExactRetriever` is today's algorithm, scoring every passage. Where
vector candidates come from is a `VectorSearch`: exact (a matrix product) by default, approximate
(`ann.py`) at scale. Retrieval has its own `RetrievalSettings`, not the stance thresholds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz

from .. import heap
from ..lexicon import CORRECTION_WORDS, REPEATING_VERBS
from ..models import Passage
from ..text import normalise
from . import windows as windowing
from .lexical import ContextIndex, LexicalIndex
from .store import Index
from .windows import ExactWindows, derived_sources


@dataclass(frozen=True)
class Candidate:
    """A passage retrieved for a claim, with the scores that ranked it."""

    passage: Passage
    similarity: float  # embedding cosine, clipped to [0, 1]
    fuzzy: float  # rapidfuzz token-set ratio, in [0, 1]
    score: float  # fused relevance, in [0, 1]
    lexical: float = 0.0  # IDF-weighted share of the claim's word stems in the passage, in [0, 1]


@dataclass(frozen=True)
class RetrievalSettings:
    """Every tunable number of retrieval (config: the `fusion-*`, `candidates`, `rare-word-candidates`, `default-idf` keys of `[thresholds]`)."""

    # Weights of the embedding cosine and of IDF-weighted stem overlap (rapidfuzz's token-set ratio gets the rest).
    embedding_weight: float = 0.6
    lexical_weight: float = 0.25
    candidates: int = 8  # passages judged per claim
    rare_word_candidates: int = 2  # ... plus, for each of the claim's two rarest words, this many passages holding it
    default_idf: float = 8.0  # IDF given to words the corpus has never seen
    # Share of a claim word's lexical weight a passage gets when its document title or section heading holds the word
    # and the passage does not (a report's sentences rarely name the company its title names).
    context_discount: float = 0.5
    # Share of a claim word's lexical weight a passage gets for holding one of its paraphrases instead (lexicon.PARAPHRASES).
    paraphrase_discount: float = 0.5
    pool: int = 64  # passages per claim that the costly fuzzy score is computed for
    # Passages past `candidates` re-ranked once derived window rows are replaced by encoded ones (`windows`): a window
    # ranked just out on its approximate cosine can come back in on its exact one.
    window_margin: int = 4
    claim_batch: int = 256  # claims scored against the whole corpus at once: a batch × passages float32 block
    # ... fewer where that block would pass this many floats (`claim_batches`; 234 claims × 100k passages were 93 MiB), at the
    # cost of reading every vector once per batch.
    block_floats: int = 1 << 22

    @classmethod
    def of(cls, values: object) -> RetrievalSettings:
        """The settings named as in `[thresholds]` (fusion_embedding_weight, …) read off any object that has them."""
        default = cls()
        return cls(
            embedding_weight=float(getattr(values, "fusion_embedding_weight", default.embedding_weight)),
            lexical_weight=float(getattr(values, "fusion_lexical_weight", default.lexical_weight)),
            candidates=int(getattr(values, "candidates", default.candidates)),
            rare_word_candidates=int(getattr(values, "rare_word_candidates", default.rare_word_candidates)),
            default_idf=float(getattr(values, "default_idf", default.default_idf)),
        )


DEFAULT_RETRIEVAL = RetrievalSettings()


class VectorSearch(Protocol):
    """Where a claim's vector candidates come from."""

    exact: bool  # True: `cosines` holds every passage's cosine; False: only the passages it found (others 0)

    def cosines(self, claim_vectors: np.ndarray) -> np.ndarray:
        """A claims × passages block of cosines clipped to [0, 1]."""
        ...


class ExactSearch:
    """Every passage's cosine, by one matrix product."""

    exact = True

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors

    def cosines(self, claim_vectors: np.ndarray) -> np.ndarray:
        """Claim rows against every passage row."""
        block: np.ndarray = claim_vectors @ self.vectors.T
        np.clip(block, 0.0, 1.0, out=block)  # in place: a clipped copy would double the block (93 MiB at 234 claims × 100k passages)
        return block


class Retriever(Protocol):
    """What the checker needs of retrieval: candidates per claim text, and the corpus statistics judging reads."""

    @property
    def idf(self) -> Mapping[str, float]:
        """Each known word stem's IDF over the corpus's single sentences."""
        ...

    def retrieve(self, texts: list[str], vectors: np.ndarray) -> list[list[Candidate]]:
        """The most relevant passages for each text (whose embedding is the matching row of `vectors`), best first."""
        ...


@dataclass
class _Ranking:
    """One claim's ranking before its cut: what `ExactRetriever._exact_windows` corrects."""

    top: list[int]  # the best of the pool, `candidates` plus the window margin
    rare: list[int]  # passages holding the claim's rarest words
    similarity: dict[int, float]  # the cosine judging reads, per kept passage
    scored: dict[int, float]  # the cosine the fused score was computed with
    fused: dict[int, float]
    fuzzy: dict[int, float]
    lex: dict[int, float]  # per kept passage: a whole row per claim would hold a claims × passages block


# How many correction notices join a claim's candidates, besides those ranked in.
NOTICE_CANDIDATES = 2


class ExactRetriever:
    """Fused scores over every passage (the vector side pluggable): results do not depend on load or cache order."""

    def __init__(
        self,
        index: Index,
        lexical: LexicalIndex | None = None,
        settings: RetrievalSettings = DEFAULT_RETRIEVAL,
        search: VectorSearch | None = None,
        windows: ExactWindows | None = None,
    ) -> None:
        self.index = index
        self.lexical = lexical or LexicalIndex(index.corpus.passages)
        self.settings = settings
        self.search: VectorSearch = search or ExactSearch(index.vectors)
        self.windows = windows  # encodes the windows whose index rows are derived; None: rows are exact
        self._context: ContextIndex | None = None
        self._notices: np.ndarray | None = None

    @property
    def notices(self) -> np.ndarray:
        """The rows of the passages that correct what was published before ("A Sept. 19 article incorrectly said that ..."),
        found on first use: a claim repeating the error is worded like the error, not like the notice, so ranking misses them."""
        if self._notices is None:
            found = [i for i, p in enumerate(self.index.corpus.passages) if CORRECTION_WORDS.search(p.text) and REPEATING_VERBS.search(p.text)]
            self._notices = np.asarray(found, dtype=np.int64)
        return self._notices

    @property
    def context(self) -> ContextIndex | None:
        """The passages' titles and headings as terms, made on first use (None when they get no credit)."""
        if self._context is None and self.settings.context_discount > 0.0:
            self._context = ContextIndex(self.index.corpus.passages)
        return self._context

    @property
    def idf(self) -> Mapping[str, float]:
        """The lexical index's IDF."""
        return self.lexical.idf

    def retrieve(self, texts: list[str], vectors: np.ndarray) -> list[list[Candidate]]:
        """The most relevant passages for each claim, best first; equal scores in (root, path, offset) order.

        Embedding cosine and stem overlap are scored against every passage (a matrix product per batch of
        claims, so memory stays flat however many claims there are, and an inverted-index pass); rapidfuzz's
        token-set ratio, which costs far more, only on the best pool.
        """
        passages = self.index.corpus.passages
        if not texts or not passages:
            return [[] for _ in texts]
        settings, lexical, rank = self.settings, self.lexical, self.index.rank
        w_embed, w_lex = settings.embedding_weight, settings.lexical_weight
        w_fuzzy = 1.0 - w_embed - w_lex
        # Pools of different claims overlap: normalise each passage once per call, not once per claim.
        lowered: dict[int, str] = {}
        results = []
        keep = settings.candidates + (settings.window_margin if self.windows is not None else 0)
        # Every batch is ranked before any window is encoded: the cosine blocks and the encoder's working memory are never
        # held at once, and the vectors are done with (their mapped pages given back) before the windows are encoded.
        ranked_batches: list[tuple[np.ndarray, list[_Ranking]]] = []
        for first, last in claim_batches(len(texts), len(passages), settings):
            batch = vectors[first:last]
            cosine = self.search.cosines(batch)
            found: list[_Ranking] = []
            for row, text in enumerate(texts[first:last]):
                lex = lexical.scores(text, settings.default_idf, self.context, settings.context_discount, settings.paraphrase_discount)
                coarse = w_embed * cosine[row] + w_lex * lex
                pool = top_passages(coarse, settings.pool, rank)
                # The union DESIGN.md asks for: never lose the passages holding the claim's rarest words.
                rare = lexical.rare_word_passages(text, coarse, settings.rare_word_candidates, rank)
                # The correction notices sharing the claim's words, best first: a few at most.
                notices = [int(i) for i in self.notices if lex[i] > 0.0]
                rare += [i for i in sorted(notices, key=lambda i: (-coarse[i], int(rank[i])))[:NOTICE_CANDIDATES] if i not in rare]
                pool += [i for i in rare if i not in pool]
                similarity = cosine[row] if self.search.exact else self._exact_cosines(batch[row], pool)
                query = normalise(text).lower()
                # token_set_ratio rewards a passage that contains the claim's words, whatever else it says.
                for i in pool:
                    if i not in lowered:
                        lowered[i] = normalise(passages[i].text).lower()
                fuzzy = {i: fuzz.token_set_ratio(query, lowered[i]) / 100.0 for i in pool}
                fused = {i: float(coarse[i] + w_fuzzy * fuzzy[i]) for i in pool}
                top = sorted(pool, key=lambda i: (-fused[i], int(rank[i])))[:keep]
                kept = top + [i for i in rare if i not in top]
                overlap = {i: float(lex[i]) for i in kept}
                found.append(_Ranking(top, rare, {i: float(similarity[i]) for i in kept}, {i: float(cosine[row][i]) for i in kept}, fused, fuzzy, overlap))
            del cosine, similarity  # the block is done with: not held while the next is computed or the windows encoded
            heap.release()  # ... nor kept by the allocator (~20 MiB of the check's peak at 100k passages)
            ranked_batches.append((batch, found))
        if self.windows is not None:
            heap.release_mapped(self.index.vectors)
            self._encode_windows(ranked_batches)
        for batch, found in ranked_batches:
            if self.windows is not None:
                self._exact_windows(batch, found, w_embed)
            for ranking in found:
                fused = ranking.fused
                ranked = sorted(ranking.top, key=lambda i: (-fused[i], int(rank[i])))[: settings.candidates]
                ranked += [i for i in ranking.rare if i not in ranked]
                results.append([Candidate(passages[i], ranking.similarity[i], ranking.fuzzy[i], fused[i], ranking.lex[i]) for i in ranked])
        return results

    def _encode_windows(self, batches: list[tuple[np.ndarray, list[_Ranking]]]) -> None:
        """Encode every batch's derived windows in one call (a vector is a function of its text alone, whatever it is encoded with)."""
        assert self.windows is not None
        if windowing.JUDGE_WINDOWS != "encoded":
            return
        passages = self.index.corpus.passages
        kept = {i for _, found in batches for ranking in found for i in ranking.similarity}
        self.windows.vectors([normalise(passages[i].text) for i in sorted(derived_sources(passages, self.windows.rows, kept))])

    def _exact_windows(self, batch: np.ndarray, found: list[_Ranking], w_embed: float) -> None:
        """Replace each derived window's cosine, and its share of the fused score, by its encoded vector's, in place."""
        assert self.windows is not None
        passages = self.index.corpus.passages
        sources = derived_sources(passages, self.windows.rows, {i for ranking in found for i in ranking.similarity})
        derived = sorted(sources)
        if not derived or windowing.JUDGE_WINDOWS == "derived":  # the second: a benchmark's variant (benchmarks/windows.py)
            return
        if windowing.JUDGE_WINDOWS == "sentences":  # a benchmark's variant: the higher of the window's two sentences' cosines
            vectors = self.index.vectors
            first, second = [sources[i][0] for i in derived], [sources[i][1] for i in derived]
            exact = np.clip(np.maximum(vectors[first] @ batch.T, vectors[second] @ batch.T), 0.0, 1.0)
        else:
            exact = np.clip(self.windows.vectors([normalise(passages[i].text) for i in derived]) @ batch.T, 0.0, 1.0)
        column = {i: n for n, i in enumerate(derived)}
        for row, ranking in enumerate(found):
            for i in ranking.similarity:
                if i in column:
                    value = float(exact[column[i], row])
                    ranking.fused[i] += w_embed * (value - ranking.scored[i])
                    ranking.similarity[i] = value

    def _exact_cosines(self, vector: np.ndarray, pool: list[int]) -> dict[int, float]:
        """A pool's exact cosines (an approximate search leaves the passages it did not find at 0: judging needs the real value)."""
        rows = np.asarray(pool, dtype=np.int64)
        values = np.clip(self.index.vectors[rows] @ vector, 0.0, 1.0)
        return {i: float(v) for i, v in zip(pool, values)}


def claim_batches(claims: int, passages: int, settings: RetrievalSettings) -> list[tuple[int, int]]:
    """The (first, last) claims scored at once: fixed-size batches within `claim_batch` and `block_floats`, a lone last claim joined to the batch before."""
    # Never a batch of one where it can be helped: over ~1k passages or more a row of the product has the same bits in any
    # batch of two rows or more, but not alone, where numpy takes the matrix-vector path (OpenBLAS 0.3.31, measured). So a
    # claim's cosines do not depend on how the claims were batched; a check of one claim alone still takes that path.
    size = max(2, min(settings.claim_batch, settings.block_floats // max(1, passages)))
    starts = list(range(0, claims, size))
    if len(starts) > 1 and claims - starts[-1] == 1:
        starts.pop()
    return [(first, starts[n + 1] if n + 1 < len(starts) else claims) for n, first in enumerate(starts)]


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
