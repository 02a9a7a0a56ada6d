"""The index of a corpus: cached vectors (`store`), retrieval (`retriever`), and the persistent per-corpus index (`corpus`)."""

from __future__ import annotations

import os  # tests patch `claimcheck.index.os` to simulate an unreadable cache

from ..bytestore import CACHE_FORMAT, MAGIC, ByteStore, Damaged, Mismatch, decode_entry, default_cache_dir, encode_entry
from .executor import Executor, LocalExecutor
from .store import CHUNK_PASSAGES, EmbeddingCache, Index, build_index, encode_texts, stable_order

__all__ = [
    "CACHE_FORMAT",
    "CHUNK_PASSAGES",
    "MAGIC",
    "ByteStore",
    "Damaged",
    "EmbeddingCache",
    "Executor",
    "Index",
    "LocalExecutor",
    "Mismatch",
    "build_index",
    "decode_entry",
    "default_cache_dir",
    "encode_entry",
    "encode_texts",
    "os",
    "stable_order",
]
