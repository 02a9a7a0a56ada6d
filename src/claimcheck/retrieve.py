"""Retrieval as it was imported before the index package: the names now live in `claimcheck.index.retriever` and `.lexical`."""

from __future__ import annotations

import numpy as np

from .index.lexical import LexicalIndex, content_stems
from .index.retriever import Candidate, ExactRetriever, RetrievalSettings, top_passages
from .index.store import Index

__all__ = ["Candidate", "LexicalIndex", "content_stems", "retrieve", "top_passages"]


def retrieve(
    index: Index, claim_texts: list[str], claim_vectors: np.ndarray, settings: object = None, lexical: LexicalIndex | None = None
) -> list[list[Candidate]]:
    """The most relevant passages for each claim (`ExactRetriever`); `settings` a `RetrievalSettings` or anything with the `[thresholds]` names."""
    chosen = settings if isinstance(settings, RetrievalSettings) else RetrievalSettings.of(settings) if settings is not None else RetrievalSettings()
    return ExactRetriever(index, lexical, chosen).retrieve(claim_texts, claim_vectors)
