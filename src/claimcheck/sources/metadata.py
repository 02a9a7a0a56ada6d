"""Bibliographic metadata: a format's own (from its reader), `sources.yaml` beside the files, and the document's title line."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from ..errors import ClaimcheckError
from ..safeio import read_regular_file, safe_yaml
from .structure import title_from_text
from .walk import Warn, resolve

METADATA_FILE = "sources.yaml"
METADATA_FIELDS = ("title", "outlet", "author", "date", "url")
MAX_METADATA_BYTES = 1024 * 1024

MetadataCache = dict[Path, dict[str, dict[str, str]]]


def metadata_for(directory: Path, real_root: Path, cache: MetadataCache, warn: Warn) -> dict[str, dict[str, str]]:
    """The `sources.yaml` mapping of a folder (file name → metadata), read once."""
    if directory not in cache:
        meta_path = directory / METADATA_FILE
        entries: dict[str, dict[str, str]] = {}
        real = resolve(meta_path) if os.path.lexists(meta_path) else None
        if real is not None and not real.is_relative_to(real_root):
            warn(f"{meta_path}: link leads outside the sources root; not read")
        elif real is not None and real.is_file():
            data = read_regular_file(real, MAX_METADATA_BYTES, "metadata file", str(meta_path))
            try:
                content = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ClaimcheckError("metadata file is not UTF-8", str(meta_path)) from None
            loaded = safe_yaml(content, str(meta_path))
            if loaded is None:
                loaded = {}
            if not isinstance(loaded, dict):
                raise ClaimcheckError("expected a mapping of file name to metadata", str(meta_path), 1)
            for name, fields in loaded.items():
                if isinstance(fields, dict):
                    # Only plain values: a nested structure has no sensible one-line rendering.
                    entries[str(name)] = {
                        k: str(v)
                        for k, v in fields.items()
                        if k in METADATA_FIELDS and isinstance(v, (str, int, float, datetime.date)) and not isinstance(v, bool)
                    }
        cache[directory] = entries
    return cache[directory]


def header_metadata(text: str) -> dict[str, str]:
    """Fallback metadata from the document itself: its first real line (or heading), cleaned, is its title."""
    title, _ = title_from_text(text)
    return {"title": title} if title else {}


def merge_metadata(own: dict[str, str], overrides: dict[str, str], text: str) -> dict[str, str]:
    """The format's own metadata, then `sources.yaml` overrides, then the title line for a title still missing."""
    merged = {k: v for k, v in own.items() if k in METADATA_FIELDS and v.strip()} | overrides
    if not merged.get("title", "").strip():
        merged |= header_metadata(text)
    return merged
