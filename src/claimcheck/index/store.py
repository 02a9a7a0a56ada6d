"""Passage embeddings, cached on disk per document by content hash, passage scheme and model id.

The cache is the checksummed byte store (`claimcheck.bytestore.ByteStore`, re-exported here);
`EmbeddingCache` stores vectors on top of it; other cached artefacts (parses, say) use the byte store
directly with their own `kind`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..bytestore import ByteStore, default_cache_dir
from ..embed import Embedder
from ..models import Passage
from ..sources import PASSAGE_SCHEME, Corpus, stderr_warning
from ..text import normalise
from . import windows
from .encoding import EncodeJob, encode_job
from .executor import Executor


@dataclass
class Index:
    """The corpus with one normalised embedding row per passage."""

    corpus: Corpus
    vectors: np.ndarray
    model_id: str
    encoded: int = 0  # passages the model encoded to build it (the rest came from the cache)

    @cached_property
    def rank(self) -> np.ndarray:
        """Each passage's rank in stable order (`stable_order`), computed once per index, not once per retrieval."""
        return stable_order(self.corpus.passages)


def stable_order(passages: Sequence[Passage]) -> np.ndarray:
    """Each passage's rank under (root, document path, start, end): the tie-break that never depends on load or cache order."""
    roots: dict[str, int] = {}
    # One pass over the passages: a stored corpus makes each passage when asked (`index.corpus.StoredPassages`).
    keys = [(roots.setdefault(p.root, len(roots)), p.source, p.char_start, p.char_end) for p in passages]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(passages), dtype=np.int64)
    rank[order] = np.arange(len(passages), dtype=np.int64)
    return rank


class EmbeddingCache:
    """Vectors per (model, scheme, content hash) in a `ByteStore`; shape and dtype are checked against the entry's key."""

    def __init__(self, directory: Path | ByteStore | None, warn: Callable[[str], None], scheme: str = PASSAGE_SCHEME) -> None:
        self.store = directory if isinstance(directory, ByteStore) else ByteStore(directory, warn)
        self.warn = warn
        self.scheme = scheme  # what the vectors are of: a passage scheme, or claims

    @property
    def directory(self) -> Path | None:
        """The cache folder, or None once the cache is off."""
        return self.store.directory

    def key(self, model: str, digest: str) -> dict[str, str]:
        """The identity of an entry (its shape and dtype travel in its checksummed meta)."""
        return {"kind": "vectors", "model": model, "scheme": self.scheme, "content": digest}

    def file(self, model: str, digest: str) -> Path:
        """The entry's path (for messages and tests)."""
        return self.store.path(self.key(model, digest))

    def get(self, model: str, digest: str, rows: int, dimension: int | Callable[[], int] | None) -> np.ndarray | None:
        """Cached vectors, or None when missing, damaged or of the wrong shape (each warned).

        `dimension` may be a callable, asked only when an entry exists (it may load the model).
        """
        found = self.store.get_bytes(self.key(model, digest))
        if found is None:
            return None
        meta, payload = found
        shape = meta.get("shape")
        expected = dimension() if callable(dimension) else dimension
        if (
            meta.get("dtype") != "<f4"
            or not isinstance(shape, list)
            or len(shape) != 2
            or shape[0] != rows
            or (expected and shape[1] != expected)
            or not isinstance(shape[1], int)
            or len(payload) != rows * shape[1] * 4
        ):
            # e.g. another model or version under the same content hash
            self.warn(f"{self.file(model, digest)}: cache entry does not match; rebuilding it")
            return None
        vectors = np.frombuffer(payload, dtype="<f4").reshape(rows, shape[1]).astype(np.float32)  # a writable copy
        if not np.isfinite(vectors).all():  # written so by a bug, since the checksum holds
            self.warn(f"{self.file(model, digest)}: cache entry does not match; rebuilding it")
            return None
        return vectors

    def put(self, model: str, digest: str, vectors: np.ndarray) -> None:
        """Store vectors; a read-only or full cache folder only costs a warning, once."""
        array = np.ascontiguousarray(vectors, dtype="<f4")
        self.store.put_bytes(self.key(model, digest), array.tobytes(), {"shape": list(array.shape), "dtype": "<f4"})


def build_index(
    corpus: Corpus,
    embedder: Embedder,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    warn: Callable[[str], None] = stderr_warning,
    progress: Callable[[int, int], None] | None = None,
    store: ByteStore | None = None,
    executor: Executor | None = None,
    threads: int | None = None,
) -> Index:
    """Embed every passage, reusing cached vectors of unchanged documents and encoding the others.

    A window's row is derived from its two sentences' rows (`windows`: judging encodes it exactly when needed).
    A vector is a function of its text alone (`embed.encode_padded` pads each text to its own length, never to
    its batch's), so the documents to encode are batched together, a text repeated across them is encoded once,
    and a report never depends on the cache's history (an interrupted run, an earlier smaller corpus) or on
    which worker encoded what. Vectors are still cached per document. `store`, when given, is the cache to use
    (shared with the caller's other cached data, so an unusable folder is warned about once). `executor`, when
    given, runs `encode_job`s of up to `JOB_TEXTS` texts (with `threads` torch threads, by default this
    process's); without one the embedder encodes here.
    """
    cache = EmbeddingCache(store if store is not None else ((cache_dir or default_cache_dir()) if use_cache else None), warn, windows.vector_scheme())
    by_document: dict[tuple[str, str], list[int]] = {}
    for position, passage in enumerate(corpus.passages):
        by_document.setdefault((passage.root, passage.source), []).append(position)
    rows: list[np.ndarray | None] = [None] * len(corpus.passages)
    missing: list[tuple[str, list[int]]] = []
    for document in corpus.documents:
        positions = by_document.get((document.root, document.path), [])
        if not positions:
            continue
        # The dimension is asked only when an entry exists: it loads the model, needed for the claims anyway.
        cached = cache.get(embedder.id, document.sha256, len(positions), lambda: embedder.dimension)
        if cached is None:
            missing.append((document.sha256, positions))
        else:
            for row, position in zip(cached, positions):
                rows[position] = row
    total = sum(len(positions) for _, positions in missing)
    done = 0
    for chunk in _chunks(missing, CHUNK_PASSAGES):
        plans = []
        for digest, positions in chunk:
            passages = [corpus.passages[p] for p in positions]
            plans.append((digest, positions, [normalise(p.text) for p in passages], windows.derivable(passages)))
        # Repeated sentences (boilerplate, a pasted paragraph) are encoded once, within and across documents;
        # a window whose two sentences are here is derived from theirs, not encoded (`windows`).
        unique = list(dict.fromkeys(text for _, _, texts, pairs in plans for text, pair in zip(texts, pairs) if pair is None))
        encoded = encode_texts(embedder, unique, executor, threads)
        row_of = {text: row for row, text in enumerate(unique)}
        for digest, positions, texts, pairs in plans:
            block = np.zeros((len(texts), encoded.shape[1]), dtype=np.float32)
            direct = [n for n, pair in enumerate(pairs) if pair is None]
            block[direct] = encoded[[row_of[texts[n]] for n in direct]]
            windows.fill_windows(block, pairs)
            cache.put(embedder.id, digest, block)
            for row, position in zip(block, positions):
                rows[position] = row
        done += sum(len(positions) for _, positions in chunk)
        if progress:
            progress(done, total)
    filled = [r for r in rows if r is not None]
    assert len(filled) == len(rows)  # every passage belongs to a document, each either cached or encoded
    matrix = np.vstack(filled) if filled else np.zeros((0, 0), dtype=np.float32)
    return Index(corpus, matrix.astype(np.float32, copy=False), embedder.id, total)


def _chunks(documents: list[tuple[str, list[int]]], passages: int) -> list[list[tuple[str, list[int]]]]:
    """Whole documents in order, grouped until a group holds at least `passages` passages."""
    groups: list[list[tuple[str, list[int]]]] = [[]]
    size = 0
    for document in documents:
        if size >= passages:
            groups.append([])
            size = 0
        groups[-1].append(document)
        size += len(document[1])
    return groups if groups[0] else []


def encode_texts(embedder: Embedder, texts: list[str], executor: Executor | None, threads: int | None = None) -> np.ndarray:
    """Normalised vectors of `texts` (distinct, normalised): here, or as `EncodeJob`s of up to `JOB_TEXTS` texts on `executor`."""
    if executor is None or not texts:
        return embedder.encode(texts)
    if threads is None:
        import torch

        threads = torch.get_num_threads()
    jobs = [EncodeJob(str(embedder.path), threads, tuple(texts[first : first + JOB_TEXTS])) for first in range(0, len(texts), JOB_TEXTS)]
    return np.vstack([np.asarray(v, dtype=np.float32) for v in executor.map(encode_job, jobs)])


CHUNK_PASSAGES = 2048  # passages encoded between progress reports (and cache writes): whole documents, batched together
JOB_TEXTS = 512  # texts per job on an executor: big enough for full batches, small enough to spread over workers
