"""Window vectors derived from sentence vectors: a two-sentence window's vector as the normalised sum of its sentences'.

A document's passages are its sentences plus windows of two neighbouring sentences (`sources/passages.py`),
so encoding every passage encodes each sentence about twice. Deriving a window from the two sentence
vectors it spans (already unit length, so their sum's direction is their mean's) halves the encodes.
`benchmarks/windows.py` measures how close a derived vector is to an encoded one and what it does to verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..models import Passage


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


def document_vectors(passages: Sequence[Passage], encode: Callable[[list[str]], np.ndarray], normalise: Callable[[str], str]) -> np.ndarray:
    """One unit row per passage of one document: sentences (and unmatched windows) encoded, each distinct text once; windows derived."""
    sources = window_sources(passages)
    texts = [normalise(p.text) for p in passages]
    wanted = list(dict.fromkeys(texts[n] for n, pair in enumerate(sources) if pair is None))
    encoded = encode(wanted) if wanted else np.zeros((0, 0), dtype=np.float32)
    row_of = {text: row for row, text in enumerate(wanted)}
    dimension = encoded.shape[1] if len(wanted) else 0
    vectors = np.zeros((len(passages), dimension), dtype=np.float32)
    for n, pair in enumerate(sources):
        if pair is None:
            vectors[n] = encoded[row_of[texts[n]]]
    pairs = [(n, pair) for n, pair in enumerate(sources) if pair is not None]
    if pairs:
        rows = np.array([n for n, _ in pairs])
        vectors[rows] = derive(vectors[[a for _, (a, _) in pairs]], vectors[[b for _, (_, b) in pairs]])
    return vectors


def derive_windows(passages: Sequence[Passage], vectors: np.ndarray) -> np.ndarray:
    """A copy of `vectors` (one row per passage, any number of documents) with each window's row derived from its sentences' rows."""
    result = np.array(vectors, dtype=np.float32, copy=True)
    by_document: dict[tuple[str, str], list[int]] = {}
    for position, passage in enumerate(passages):
        by_document.setdefault((passage.root, passage.source), []).append(position)
    windows: list[int] = []
    firsts: list[int] = []
    seconds: list[int] = []
    for positions in by_document.values():
        for n, pair in enumerate(window_sources([passages[p] for p in positions])):
            if pair is not None:
                windows.append(positions[n])
                firsts.append(positions[pair[0]])
                seconds.append(positions[pair[1]])
    if windows:
        result[windows] = derive(result[firsts], result[seconds])  # sentence rows are never windows: read before written
    return result
