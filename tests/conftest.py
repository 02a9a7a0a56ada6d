"""Shared fixtures: the real bundled model, loaded once per test session, and the project's paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CLAIMS = ROOT / "claims"


@pytest.fixture(scope="session")
def embedder():
    """The bundled all-MiniLM-L6-v2 model (offline)."""
    from claimcheck.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def similarity(embedder):
    """Cosine similarity of two texts under the bundled model."""
    from claimcheck.text import normalise

    def cosine(a: str, b: str) -> float:
        vectors = embedder.encode([normalise(a), normalise(b)])
        return float(vectors[0] @ vectors[1])

    return cosine


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep every test's embedding cache out of the user's cache folder."""
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
