"""Sources: a safe walk of the sources folders, one reader per format, metadata, and passages with exact offsets.

Adding a format means adding one reader module that registers itself and importing it here.
"""

from __future__ import annotations

# isort: off
# Each import registers its reader; the order is the one messages list the formats in.
from . import plain, markdown, pdf, html, docx  # noqa: F401

# isort: on
from .decoding import decode
from .load import EXTRACT_SCHEME, Corpus, ExtractStore, formats_phrase, load_corpus, load_documents, read_file, read_source
from .metadata import METADATA_FIELDS, METADATA_FILE, header_metadata
from .passages import MAX_PASSAGE_CHARS, PASSAGE_SCHEME, split_passages
from .registry import DEFAULT_MAX_EXTRACT_MEMORY, DEFAULT_MAX_EXTRACT_SECONDS, Extracted, Reader, ReadOptions, reader_for, register, suffixes
from .walk import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, DEFAULT_MAX_PASSAGES, DEFAULT_MAX_TOTAL_BYTES, Limits, Warn, stderr_warning

__all__ = [
    "DEFAULT_MAX_EXTRACT_MEMORY",
    "DEFAULT_MAX_EXTRACT_SECONDS",
    "DEFAULT_MAX_FILES",
    "DEFAULT_MAX_FILE_BYTES",
    "DEFAULT_MAX_PASSAGES",
    "DEFAULT_MAX_TOTAL_BYTES",
    "EXTRACT_SCHEME",
    "MAX_PASSAGE_CHARS",
    "METADATA_FIELDS",
    "METADATA_FILE",
    "PASSAGE_SCHEME",
    "Corpus",
    "ExtractStore",
    "Extracted",
    "Limits",
    "ReadOptions",
    "Reader",
    "Warn",
    "decode",
    "formats_phrase",
    "header_metadata",
    "load_corpus",
    "load_documents",
    "read_file",
    "read_source",
    "reader_for",
    "register",
    "split_passages",
    "stderr_warning",
    "suffixes",
]
