"""Passage embeddings, cached on disk per document by content hash, passage scheme and model id.

The cache is a small checksummed byte store (`ByteStore`): every entry holds its full key, a
description of its payload and the payload, all covered by one SHA-256 verified on every load, so a
flipped bit, a zeroed block, a truncated file or an entry filed under the wrong name is detected,
warned about once and rebuilt, never trusted. `EmbeddingCache` stores vectors on top of it; other
cached artefacts (parses, say) can use the byte store directly with their own `kind`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..embed import Embedder
from ..models import Passage
from ..output import write_temp
from ..sources import PASSAGE_SCHEME, Corpus, stderr_warning
from ..text import normalise
from .encoding import EncodeJob, encode_job
from .executor import Executor

# 2: checksummed entries (format 1 was bare `.npy` files, which damage could not be told from data).
CACHE_FORMAT = 2
MAGIC = b"CLAIMCHK"
_LENGTH = struct.Struct("<I")
_DIGEST = 32  # SHA-256


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
    encoded: int = 0  # passages the model encoded to build it (the rest came from the cache)

    @cached_property
    def rank(self) -> np.ndarray:
        """Each passage's rank in stable order (`stable_order`), computed once per index, not once per retrieval."""
        return stable_order(self.corpus.passages)


def stable_order(passages: list[Passage]) -> np.ndarray:
    """Each passage's rank under (root, document path, start, end): the tie-break that never depends on load or cache order."""
    roots = {root: n for n, root in enumerate(dict.fromkeys(p.root for p in passages))}
    order = sorted(range(len(passages)), key=lambda i: (roots[passages[i].root], passages[i].source, passages[i].char_start, passages[i].char_end))
    rank = np.empty(len(passages), dtype=np.int64)
    rank[order] = np.arange(len(passages), dtype=np.int64)
    return rank


class Damaged(Exception):
    """An entry whose bytes fail their checksum or layout."""


class Mismatch(Exception):
    """A sound entry that holds another key's data, or data of another shape."""


def encode_entry(key: Mapping[str, str], meta: Mapping[str, object], payload: bytes) -> bytes:
    """An entry's bytes: magic, header length, JSON header (key, meta, payload size), payload, SHA-256 of all before it."""
    header = json.dumps({"format": CACHE_FORMAT, "key": dict(key), "meta": dict(meta), "size": len(payload)}, sort_keys=True).encode("utf-8")
    body = MAGIC + _LENGTH.pack(len(header)) + header + payload
    return body + hashlib.sha256(body).digest()


def decode_entry(data: bytes, key: Mapping[str, str]) -> tuple[dict[str, object], bytes]:
    """The meta and payload of an entry's bytes, after checking checksum, layout and key; raises Damaged or Mismatch."""
    if len(data) < len(MAGIC) + _LENGTH.size + _DIGEST or not data.startswith(MAGIC):
        raise Damaged("not a cache entry")
    body, digest = data[:-_DIGEST], data[-_DIGEST:]
    if hashlib.sha256(body).digest() != digest:
        raise Damaged("checksum mismatch")
    (length,) = _LENGTH.unpack_from(body, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    try:
        header = json.loads(body[start : start + length])
    except ValueError:
        raise Damaged("unreadable header") from None
    payload = body[start + length :]
    if not isinstance(header, dict) or header.get("size") != len(payload) or not isinstance(header.get("meta"), dict):
        raise Damaged("inconsistent header")
    if header.get("format") != CACHE_FORMAT or header.get("key") != dict(key):
        raise Mismatch("another key")
    return header["meta"], payload


class ByteStore:
    """Checksummed entries by key; atomic, concurrency-safe writes; an unusable folder costs one warning and is then left alone."""

    def __init__(self, directory: Path | None, warn: Callable[[str], None]) -> None:
        self.directory = directory
        self.warn = warn

    def path(self, key: Mapping[str, str]) -> Path:
        """Where an entry lives: under its kind, named by the hash of its whole key."""
        assert self.directory is not None
        name = hashlib.sha256(json.dumps(dict(key), sort_keys=True).encode("utf-8")).hexdigest()
        return self.directory / f"v{CACHE_FORMAT}" / key.get("kind", "bytes") / name[:2] / f"{name}.entry"

    def get_bytes(self, key: Mapping[str, str]) -> tuple[dict[str, object], bytes] | None:
        """An entry's meta and payload, or None when missing, damaged (warned) or the cache unreadable (warned once)."""
        if self.directory is None:
            return None
        path = self.path(key)
        try:
            # No link is followed into the cache: a planted link reads as a damaged entry.
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except PermissionError as exc:
            self._disable("readable", exc)
            return None
        except OSError:  # a link (ELOOP) or another oddity where an entry should be
            self.warn(f"{path}: damaged cache entry; rebuilding it")
            return None
        try:
            with open(descriptor, "rb", closefd=True) as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise Damaged("not a regular file")
                data = handle.read()
            return decode_entry(data, key)
        except PermissionError as exc:
            self._disable("readable", exc)
        except (Damaged, OSError):
            self.warn(f"{path}: damaged cache entry; rebuilding it")
        except Mismatch:
            self.warn(f"{path}: cache entry does not match; rebuilding it")
        return None

    def put_bytes(self, key: Mapping[str, str], payload: bytes, meta: Mapping[str, object] | None = None) -> None:
        """Store an entry: written whole under a fresh exclusive name in the same folder, synced, then renamed into place."""
        if self.directory is None:
            return
        path = self.path(key)
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The output writer's temporary file: an unpredictable name created exclusively, fsynced before it is
            # renamed (a crash leaves the old entry or the new, never half); concurrent writers each write their
            # own file and the last rename wins with a whole entry.
            temporary = write_temp(os.fspath(path), [encode_entry(key, meta or {}, payload)], replacing=False)
            os.replace(temporary, path)
            temporary = None
        except OSError as exc:
            self._disable("writable", exc)
        finally:
            if temporary is not None:  # a failed rename leaves no stray file behind
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _disable(self, what: str, exc: OSError) -> None:
        """Warn once and run on without the cache."""
        self.warn(f"{self.directory}: cache not {what} ({exc.strerror or exc}); continuing without it")
        self.directory = None


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

    Each document is encoded on its own (its repeated sentences once): a text's vector depends, in its
    last bits, on what it was batched with, so batching only within a document makes a document's vectors
    the same whichever other documents happened to be encoded in the same run — a report never depends on
    the cache's history (an interrupted run, an earlier smaller corpus). `store`, when given, is the cache
    to use (shared with the caller's other cached data, so an unusable folder is warned about once).
    `executor`, when given, runs one `encode_job` per document (with `threads` torch threads, by default
    this process's); without one the embedder encodes here.
    """
    cache = EmbeddingCache(store if store is not None else ((cache_dir or default_cache_dir()) if use_cache else None), warn)
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
    for first in range(0, len(missing), _JOB_CHUNK if executor is not None else 1):
        chunk = missing[first : first + (_JOB_CHUNK if executor is not None else 1)]
        texts_of = [[normalise(corpus.passages[p].text) for p in positions] for _, positions in chunk]
        # Repeated sentences (boilerplate, a pasted paragraph) are encoded once.
        uniques = [list(dict.fromkeys(texts)) for texts in texts_of]
        encoded_all = encode_documents(embedder, uniques, executor, threads)
        for (digest, positions), texts, unique, encoded in zip(chunk, texts_of, uniques, encoded_all):
            row_of = {text: row for row, text in enumerate(unique)}
            block = encoded[[row_of[text] for text in texts]] if len(unique) < len(texts) else encoded
            cache.put(embedder.id, digest, block)
            for row, position in zip(block, positions):
                rows[position] = row
            step = done // PROGRESS_STEP
            done += len(positions)
            if progress and (done // PROGRESS_STEP > step or done == total):
                progress(done, total)
    filled = [r for r in rows if r is not None]
    assert len(filled) == len(rows)  # every passage belongs to a document, each either cached or encoded
    matrix = np.vstack(filled) if filled else np.zeros((0, 0), dtype=np.float32)
    return Index(corpus, matrix.astype(np.float32, copy=False), embedder.id, total)


def encode_documents(embedder: Embedder, documents: list[list[str]], executor: Executor | None, threads: int | None = None) -> list[np.ndarray]:
    """Each document's (de-duplicated, normalised) texts encoded on their own: here, or as one `EncodeJob` each on `executor`."""
    if executor is None:
        return [embedder.encode(texts) for texts in documents]
    if threads is None:
        import torch

        threads = torch.get_num_threads()
    jobs = [EncodeJob(str(embedder.path), threads, tuple(texts)) for texts in documents]
    return [np.asarray(v, dtype=np.float32) for v in executor.map(encode_job, jobs)]


PROGRESS_STEP = 512  # passages between progress reports
_JOB_CHUNK = 64  # documents handed to an executor at once: big enough to keep workers busy, small enough for progress
