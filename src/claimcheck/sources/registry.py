"""The reader protocol and registry: one reader per format, found by file-name suffix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..models import Heading
from .walk import Warn

# Bounds on converting one PDF, HTML or DOCX file. A 300-page report extracts in a few seconds and a few
# hundred megabytes; a file that needs far more is damaged or hostile, and costs a warning instead.
DEFAULT_MAX_EXTRACT_SECONDS = 60.0
DEFAULT_MAX_EXTRACT_MEMORY = 1024 * 1024 * 1024
DEFAULT_MAX_EXTRACTED_CHARS = 10_000_000  # ~3,000 pages of prose
# A DOCX is a zip: what it unpacks to is bounded too (a zip bomb unpacks a few kilobytes into gigabytes).
DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


@dataclass(frozen=True)
class ReadOptions:
    """Bounds on reading one file (config keys max-extract-seconds, max-extract-memory)."""

    max_seconds: float = DEFAULT_MAX_EXTRACT_SECONDS
    max_memory: int = DEFAULT_MAX_EXTRACT_MEMORY
    max_chars: int = DEFAULT_MAX_EXTRACTED_CHARS
    max_unpacked: int = DEFAULT_MAX_UNPACKED_BYTES


@dataclass(frozen=True)
class Extracted:
    """What a reader makes of a file: its text, structure and own metadata."""

    text: str
    encoding: str = "utf-8"
    headings: tuple[Heading, ...] = ()
    pages: tuple[int, ...] = ()  # offset where each page starts, for a paged format
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # warnings about the file (pages without text), given on every run, cached or not


class Reader(Protocol):
    """Turns a file's bytes into an `Extracted` document; raises `ClaimcheckError` (message only) for a file it cannot use."""

    name: str  # the format, as `Document.format` records it
    suffixes: tuple[str, ...]  # lower-case file-name endings, with the dot
    converted: bool  # whether its text is extracted (not the file's own decoded bytes): cached and shown by `claimcheck show`

    def read(self, data: bytes, name: str, warn: Warn, options: ReadOptions) -> Extracted:
        """The document in `data` (from the file shown as `name`)."""
        ...


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Make a reader the one for its suffixes (a later registration replaces an earlier one)."""
    for suffix in reader.suffixes:
        _READERS[suffix.lower()] = reader
    return reader


def reader_for(name: str) -> Reader | None:
    """The reader for a file name, by its longest matching suffix."""
    lowered = name.lower()
    best = max((suffix for suffix in _READERS if lowered.endswith(suffix)), key=len, default=None)
    return _READERS[best] if best is not None else None


def suffixes() -> tuple[str, ...]:
    """Every registered suffix."""
    return tuple(_READERS)


def formats() -> list[str]:
    """The registered formats' suffixes, for messages ("`.txt`, `.md`")."""
    return list(_READERS)
