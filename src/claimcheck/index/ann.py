"""Vector search behind one protocol: exact (numpy) below a size threshold, approximate (usearch HNSW) above it.

Both keep vectors by caller-chosen row keys (non-negative integers), are built incrementally (`add`,
`remove`) and answer `search(queries, k)` with keys and cosine similarities (rows are unit vectors, so the
inner product), best first, ties broken by the smaller key. Reports must be reproducible, so:
- the approximate index is built single-threaded: usearch inserts with several threads give a different
  graph from run to run (measured: other top-10 keys); one thread gives the same graph, and searching it
  gives the same keys whatever the search's thread count;
- its candidates (`oversample` × k of them) are re-scored exactly against the float32 vectors kept
  beside it and ordered as exact search orders them, so a score never depends on the graph's storage type,
  only membership in the top k can differ from exact search (measured by `benchmarks/ann.py`: recall@10).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class SearchSettings:
    """When to go approximate, and how the HNSW graph is built and searched."""

    # Exact search of 100k × 384 float32 rows costs about 40 MB of reads per query batch and stays well under a
    # second for a check's few hundred queries (benchmarks/ann.py), while building the graph single-threaded costs
    # minutes at 100k: approximate search pays only where exact search stops being cheap.
    threshold: int = 250_000  # passages: at or above this, approximate search
    connectivity: int = 16  # HNSW "M": links per node
    expansion_add: int = 64  # "efConstruction"
    expansion_search: int = 128  # "ef": candidates visited per query
    oversample: int = 4  # candidates asked of the graph per result wanted, re-scored exactly
    graph_dtype: str = "f16"  # the graph's copy of the rows: only walks the graph (scores are re-computed in float32), so half size


DEFAULT_SEARCH = SearchSettings()


class VectorSearch(Protocol):
    """Nearest rows by cosine, kept by integer keys, updated in place."""

    def __len__(self) -> int:
        """How many rows are searchable."""
        ...

    def add(self, keys: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Add unit rows under new keys (a key already present is an error)."""
        ...

    def remove(self, keys: Sequence[int] | np.ndarray) -> None:
        """Drop rows by key (absent keys are ignored)."""
        ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(keys, similarities), each queries × min(k, len): best first, ties by the smaller key."""
        ...


def _keys(keys: Sequence[int] | np.ndarray) -> np.ndarray:
    array = np.asarray(keys, dtype=np.int64).reshape(-1)
    if array.size and array.min() < 0:
        raise ValueError("row keys are non-negative integers")
    return array


def _ordered(keys: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per query row, the k best (score descending, key ascending): the one order both searches give."""
    order = np.lexsort((keys, -scores), axis=-1)[:, :k]
    return np.take_along_axis(keys, order, axis=1), np.take_along_axis(scores, order, axis=1)


class ExactSearch:
    """Brute force over every row: the reference, and the search below the threshold."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self._vectors = np.zeros((0, dimension), dtype=np.float32)
        self._keys = np.zeros(0, dtype=np.int64)
        self._row: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, keys: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Append rows (one copy of the matrix per call: add in batches, not row by row)."""
        new = _keys(keys)
        rows = np.asarray(vectors, dtype=np.float32).reshape(len(new), self.dimension)
        if len(set(new.tolist())) != len(new) or any(int(key) in self._row for key in new):
            raise ValueError("a row key is added twice")
        start = len(self._keys)
        self._vectors = np.vstack([self._vectors, rows])
        self._keys = np.concatenate([self._keys, new])
        self._row.update((int(key), start + n) for n, key in enumerate(new))

    def remove(self, keys: Sequence[int] | np.ndarray) -> None:
        """Drop rows and compact."""
        gone = {int(key) for key in _keys(keys)} & self._row.keys()
        if not gone:
            return
        keep = np.array([int(key) not in gone for key in self._keys], dtype=bool)
        self._vectors, self._keys = self._vectors[keep], self._keys[keep]
        self._row = {int(key): n for n, key in enumerate(self._keys)}

    def vectors_of(self, keys: np.ndarray) -> np.ndarray:
        """The stored rows of `keys` (each present)."""
        return self._vectors[[self._row[int(key)] for key in keys.reshape(-1)]].reshape(*keys.shape, self.dimension)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Every row scored; the k best per query."""
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        k = min(k, len(self._keys))
        if k <= 0:
            return np.zeros((len(queries), 0), dtype=np.int64), np.zeros((len(queries), 0), dtype=np.float32)
        scores = queries @ self._vectors.T
        # The k-th best score bounds the candidates; every row tied with it stays in, so the key tie-break is exact.
        kth = np.partition(scores, -k, axis=1)[:, -k][:, None]
        width = int((scores >= kth).sum(axis=1).max())
        top = np.argpartition(-scores, width - 1, axis=1)[:, :width] if width < scores.shape[1] else np.tile(np.arange(scores.shape[1]), (len(queries), 1))
        return _ordered(self._keys[top], np.take_along_axis(scores, top, axis=1), k)


class HnswSearch:
    """usearch's HNSW graph for candidates, re-scored exactly against the float32 rows kept beside it."""

    def __init__(self, dimension: int, settings: SearchSettings = DEFAULT_SEARCH) -> None:
        from usearch.index import Index

        self.dimension = dimension
        self.settings = settings
        self._exact = ExactSearch(dimension)  # the float32 rows: exact scores, and the exact fallback for a tiny index
        self._graph = Index(
            ndim=dimension,
            metric="ip",
            dtype=settings.graph_dtype,
            connectivity=settings.connectivity,
            expansion_add=settings.expansion_add,
            expansion_search=settings.expansion_search,
        )

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, keys: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Insert rows single-threaded: a multi-threaded insert gives a different graph from run to run."""
        new = _keys(keys)
        rows = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(len(new), self.dimension))
        self._exact.add(new, rows)
        if len(new):
            self._graph.add(new.astype(np.uint64), rows, threads=1)

    def remove(self, keys: Sequence[int] | np.ndarray) -> None:
        """Drop rows from the graph and the kept rows."""
        gone = [int(key) for key in _keys(keys) if int(key) in self._exact._row]
        if gone:
            self._graph.remove(np.array(gone, dtype=np.uint64))
            self._exact.remove(gone)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """`oversample` × k candidates from the graph per query, re-scored exactly, the k best kept."""
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        k = min(k, len(self))
        wanted = min(len(self), k * self.settings.oversample)
        if k <= 0:
            return np.zeros((len(queries), 0), dtype=np.int64), np.zeros((len(queries), 0), dtype=np.float32)
        if wanted >= len(self):
            return self._exact.search(queries, k)
        found = self._graph.search(queries, wanted, threads=1)
        keys = np.asarray(found.keys).reshape(len(queries), -1).astype(np.int64)
        counts = np.asarray(getattr(found, "counts", [keys.shape[1]])).reshape(-1)  # one query's Matches has no counts
        scores = np.full(keys.shape, -np.inf, dtype=np.float32)
        for n, count in enumerate(counts):  # a query may get fewer than asked (a sparse region of the graph)
            row = keys[n, :count]
            scores[n, :count] = self._exact.vectors_of(row) @ queries[n]
            keys[n, count:] = np.iinfo(np.int64).max  # sorts last
        return _ordered(keys, scores, k)

    @classmethod
    def restore(cls, path: Path, keys: Sequence[int] | np.ndarray, vectors: np.ndarray, settings: SearchSettings = DEFAULT_SEARCH) -> HnswSearch:
        """A graph saved by `save`, memory-mapped (not read whole), with the float32 rows it was built from."""
        from usearch.index import Index

        rows = np.asarray(vectors, dtype=np.float32)
        search = cls(rows.shape[1], settings)
        search._exact.add(keys, rows)
        graph = Index.restore(os.fspath(path), view=True)
        if graph is None or len(graph) != len(search._exact):
            raise ValueError(f"{path}: not the graph of these rows")
        setattr(graph, "expansion_search", settings.expansion_search)  # noqa: B010 - a settable property its stubs declare read-only
        search._graph = graph
        return search

    def save(self, path: Path) -> None:
        """The graph to `path`, written beside it under a temporary name and renamed into place."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self._graph.save(os.fspath(temporary))
            with open(temporary, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()


class ApproximateCosines:
    """The retriever's `VectorSearch` (index/retriever.py) over a `HnswSearch` whose keys are the passages' row numbers.

    `cosines` holds the exact cosine of the `k` rows found per claim and 0 elsewhere (`exact` is False, so the
    retriever re-scores its pool from the index's own rows).
    """

    exact = False

    def __init__(self, vectors: np.ndarray, search: VectorSearch, k: int) -> None:
        self.vectors = vectors
        self.search = search
        self.k = k

    def cosines(self, claim_vectors: np.ndarray) -> np.ndarray:
        """A claims × passages block: the found rows' cosines, clipped to [0, 1]; 0 for the rows not found."""
        queries = np.atleast_2d(np.asarray(claim_vectors, dtype=np.float32))
        block = np.zeros((len(queries), len(self.vectors)), dtype=np.float32)
        keys, _ = self.search.search(queries, self.k)
        for row, found in enumerate(keys):
            block[row, found] = np.clip(self.vectors[found] @ queries[row], 0.0, 1.0)
        return block


def vector_search(dimension: int, rows: int, settings: SearchSettings = DEFAULT_SEARCH) -> VectorSearch:
    """Exact search below `settings.threshold` rows, HNSW at or above it."""
    return HnswSearch(dimension, settings) if rows >= settings.threshold else ExactSearch(dimension)
