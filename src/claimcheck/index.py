"""Passage embeddings, cached on disk per document by content hash, passage scheme and model id."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .corpus import PASSAGE_SCHEME, Corpus, stderr_warning
from .embed import Embedder
from .text import normalise

CACHE_FORMAT = 1


def default_cache_dir() -> Path:
    """`$CLAIMCHECK_CACHE_DIR`, else the platform's user cache folder."""
    if os.environ.get("CLAIMCHECK_CACHE_DIR"):
        return Path(os.environ["CLAIMCHECK_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


@dataclass
class Index:
    """The corpus with one normalised embedding row per passage."""

    corpus: Corpus
    vectors: np.ndarray
    model_id: str


class EmbeddingCache:
    """One `.npy` file per (content hash, scheme, model); atomic writes, corrupt files rebuilt."""

    def __init__(self, directory: Path | None, warn: Callable[[str], None], scheme: str = PASSAGE_SCHEME) -> None:
        self.directory = directory
        self.warn = warn
        self.scheme = scheme  # what the vectors are of: a passage scheme, or claims

    def _file(self, model: str, digest: str) -> Path:
        assert self.directory is not None
        return self.directory / f"v{CACHE_FORMAT}" / model / self.scheme / f"{digest}.npy"

    def get(self, model: str, digest: str, rows: int, dimension: int | Callable[[], int] | None) -> np.ndarray | None:
        """Cached vectors, or None when missing, unreadable or of the wrong shape.

        `dimension` may be a callable, asked only when an entry exists (it may load the model).
        """
        if self.directory is None:
            return None
        path = self._file(model, digest)
        if not path.is_file():
            return None
        try:
            vectors = np.load(path, allow_pickle=False)
        except Exception:  # noqa: BLE001 - a damaged entry (truncated, garbage header, …) is rebuilt, never fatal
            self.warn(f"{path}: damaged cache entry; rebuilding it")
            return None
        expected = dimension() if callable(dimension) else dimension
        if (
            not isinstance(vectors, np.ndarray)
            or vectors.ndim != 2
            or vectors.shape[0] != rows
            or (expected and vectors.shape[1] != expected)
            or vectors.dtype != np.float32
            or not np.isfinite(vectors).all()
        ):
            # e.g. written by another model or version under the same name, or damaged in place
            self.warn(f"{path}: cache entry does not match; rebuilding it")
            return None
        return vectors

    def put(self, model: str, digest: str, vectors: np.ndarray) -> None:
        """Store vectors; a read-only or full cache folder only costs a warning, once."""
        if self.directory is None:
            return
        path = self._file(model, digest)
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a concurrent run never reads a half-written file.
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{digest[:16]}-", suffix=".tmp", delete=False) as handle:
                temporary = handle.name
                np.save(handle, vectors, allow_pickle=False)
            os.replace(temporary, path)
            temporary = None
        except OSError as exc:
            self.warn(f"{self.directory}: cache not writable ({exc.strerror or exc}); continuing without it")
            self.directory = None
        finally:
            if temporary is not None:  # a failed write leaves no half-written file behind
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def build_index(
    corpus: Corpus,
    embedder: Embedder,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    warn: Callable[[str], None] = stderr_warning,
    progress: Callable[[int, int], None] | None = None,
) -> Index:
    """Embed every passage, reusing cached vectors of unchanged documents and encoding the rest in one batch."""
    cache = EmbeddingCache((cache_dir or default_cache_dir()) if use_cache else None, warn)
    by_document: dict[tuple[str, str], list[int]] = {}
    for position, passage in enumerate(corpus.passages):
        by_document.setdefault((passage.root, passage.source), []).append(position)
    rows: list[np.ndarray | None] = [None] * len(corpus.passages)
    missing: list[tuple[str, list[int]]] = []
    for document in corpus.documents:
        positions = by_document.get((document.root, document.path), [])
        # The dimension is asked only when an entry exists: it loads the model, needed for the claims anyway.
        cached = cache.get(embedder.id, document.sha256, len(positions), lambda: embedder.dimension)
        if cached is None:
            missing.append((document.sha256, positions))
        else:
            for row, position in zip(cached, positions):
                rows[position] = row
    todo = [position for _, positions in missing for position in positions]
    if todo:
        texts = [normalise(corpus.passages[p].text) for p in todo]
        # Repeated sentences (boilerplate, a pasted paragraph) are encoded once.
        unique = list(dict.fromkeys(texts))
        encoded = _encode_with_progress(embedder, unique, progress)
        row_of = {text: row for row, text in enumerate(unique)}
        vectors = encoded[[row_of[text] for text in texts]] if len(unique) < len(texts) else encoded
        offset = 0
        for digest, positions in missing:
            block = vectors[offset : offset + len(positions)]
            offset += len(positions)
            cache.put(embedder.id, digest, block)
            for row, position in zip(block, positions):
                rows[position] = row
    width = next((len(r) for r in rows if r is not None), 0)
    matrix = np.vstack(rows) if rows else np.zeros((0, width), dtype=np.float32)
    return Index(corpus, matrix.astype(np.float32, copy=False), embedder.id)


def _encode_with_progress(embedder: Embedder, texts: list[str], progress: Callable[[int, int], None] | None) -> np.ndarray:
    """Encode in chunks so a caller can show progress on a large corpus."""
    chunk = 512
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(embedder.encode(texts[start : start + chunk]))
        if progress:
            progress(min(start + chunk, len(texts)), len(texts))
    return np.vstack(parts)
