"""Window vectors derived from sentence vectors for retrieval; exact ones encoded when a window is judged.

A document's passages are its sentences plus windows of two neighbouring sentences (`sources/passages.py`),
and a window holds twice a sentence's tokens, so encoding windows is over half the cost of an index. The index
stores a window's row as the normalised sum of its two sentences' vectors (already unit length, so the sum's
direction is their mean's): close enough to rank candidates (median cosine to the encoded vector 0.93), not to
judge them, which reads the cosine against thresholds. So `ExactWindows` encodes a window exactly when it is
about to be judged (a few per claim), cached by its text; retrieval re-ranks with the exact cosine.
`benchmarks/windows.py` measures both and what they do to verdicts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..models import Passage
from ..sources import PASSAGE_SCHEME

if TYPE_CHECKING:
    from ..bytestore import ByteStore
    from ..embed import TextEncoder

DERIVE_WINDOWS = True  # benchmarks/windows.py turns it off to compare against encoding every window
# What judging reads as a derived window's cosine: "encoded" (the window encoded exactly: the checker's way); for
# benchmarks/windows.py only, "derived" (the derived row's cosine) or "sentences" (the higher of its two sentences' cosines).
JUDGE_WINDOWS = "encoded"


def vector_scheme() -> str:
    """What a document's stored rows are: its passage scheme, and whether window rows are derived."""
    return f"{PASSAGE_SCHEME}/{'windows-derived' if DERIVE_WINDOWS else 'windows-encoded'}"


def derivable(passages: Sequence[Passage]) -> list[tuple[int, int] | None]:
    """`window_sources` when windows are derived; otherwise None for every passage (every one encoded)."""
    return window_sources(passages) if DERIVE_WINDOWS else [None] * len(passages)


def fill_windows(block: np.ndarray, pairs: Sequence[tuple[int, int] | None]) -> None:
    """Set each derivable row of one document's `block` from its two sentence rows, in place."""
    found = [(n, pair) for n, pair in enumerate(pairs) if pair is not None]
    if found:
        rows = np.array([n for n, _ in found])
        block[rows] = derive(block[[a for _, (a, _) in found]], block[[b for _, (_, b) in found]])


def derived_positions(passages: Sequence[Passage], rows: Mapping[tuple[str, str], tuple[int, int]], positions: Iterable[int]) -> set[int]:
    """Which of `positions` (rows of the whole index) hold a derived vector: windows whose two sentences are in their document."""
    return set(derived_sources(passages, rows, positions))


def derived_sources(passages: Sequence[Passage], rows: Mapping[tuple[str, str], tuple[int, int]], positions: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Each of `positions` that holds a derived vector → the index rows of the two sentences it was derived from."""
    if not DERIVE_WINDOWS:
        return {}
    found: dict[int, tuple[int, int]] = {}
    documents: dict[tuple[str, str], tuple[int, list[tuple[int, int] | None]]] = {}
    for position in positions:
        passage = passages[position]
        if passage.sentence_count != 2:
            continue
        key = (passage.root, passage.source)
        if key not in documents:
            first, last = rows[key]
            documents[key] = (first, window_sources(passages[first:last]))
        first, pairs = documents[key]
        pair = pairs[position - first]
        if pair is not None:
            found[position] = (first + pair[0], first + pair[1])
    return found


class ExactWindows:
    """Encoded vectors of window texts, cached by text: what judging reads for a window whose index row is derived."""

    SCHEME = "window-text"

    def __init__(self, embedder: TextEncoder, store: ByteStore, rows: Mapping[tuple[str, str], tuple[int, int]]) -> None:
        from .store import EmbeddingCache

        self.embedder = embedder
        self.rows = rows  # (root, path) → the document's row range in the index
        self.cache = EmbeddingCache(store, store.warn, scheme=self.SCHEME)
        self.known: dict[str, np.ndarray] = {}
        self.encoded = 0  # texts this run encoded

    def derived(self, passages: Sequence[Passage], positions: Iterable[int]) -> set[int]:
        """Which of `positions` hold a derived row."""
        return derived_positions(passages, self.rows, positions)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One unit row per (normalised) text: remembered, cached, or encoded now in one call."""
        missing: dict[str, str] = {}  # text → its digest
        for text in dict.fromkeys(texts):
            if text in self.known:
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            cached = self.cache.get(self.embedder.id, digest, 1, None)
            if cached is None:
                missing[text] = digest
            else:
                self.known[text] = cached[0]
        if missing:
            for (text, digest), row in zip(missing.items(), self.embedder.encode(list(missing))):
                self.known[text] = row
                self.cache.put(self.embedder.id, digest, row[None, :])
            self.encoded += len(missing)
        return np.vstack([self.known[text] for text in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


def window_sources(passages: Sequence[Passage]) -> list[tuple[int, int] | None]:
    """For each passage of one document, the positions of the two sentences a window spans; None for a sentence or an unmatched window."""
    sentences = {(p.char_start, p.char_end): n for n, p in enumerate(passages) if p.sentence_count == 1}
    starts = {start: n for (start, _), n in sentences.items()}
    ends = {end: n for (_, end), n in sentences.items()}
    found: list[tuple[int, int] | None] = []
    for passage in passages:
        first, last = starts.get(passage.char_start), ends.get(passage.char_end)
        pair = passage.sentence_count == 2 and first is not None and last is not None and first != last
        found.append((first, last) if pair and first is not None and last is not None else None)
    return found


def derive(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Unit vectors in the direction of each row pair's sum (rows of `first` and `second` are unit vectors)."""
    total = np.asarray(first, dtype=np.float32) + np.asarray(second, dtype=np.float32)
    norms = np.linalg.norm(total, axis=-1, keepdims=True)
    # Two opposite sentence vectors sum to nothing: fall back to the first (never a NaN row).
    return np.where(norms > 1e-6, total / np.maximum(norms, 1e-12), first).astype(np.float32)


def derive_windows(passages: Sequence[Passage], vectors: np.ndarray) -> np.ndarray:
    """A copy of `vectors` (one row per passage, any number of documents) with each window's row derived from its sentences' rows."""
    result = np.array(vectors, dtype=np.float32, copy=True)
    by_document: dict[tuple[str, str], list[int]] = {}
    for position, passage in enumerate(passages):
        by_document.setdefault((passage.root, passage.source), []).append(position)
    for positions in by_document.values():
        block = result[positions]  # a copy: derived in place, then written back
        fill_windows(block, window_sources([passages[p] for p in positions]))
        result[positions] = block
    return result
