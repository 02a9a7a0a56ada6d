"""Sources → documents → passages: a safe walk of the sources folder and exact-offset sentence passages."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ClaimcheckError
from .models import Document, Passage
from .text import LineMap, Span, sentence_spans

SOURCE_SUFFIXES = (".txt", ".md", ".markdown")
METADATA_FILE = "sources.yaml"
METADATA_FIELDS = ("title", "outlet", "author", "date", "url")
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
# Bump when splitting changes, so cached embeddings of old passages are not reused.
PASSAGE_SCHEME = "sentences-v1+pairs"

Warn = Callable[[str], None]


def _stderr_warning(message: str) -> None:
    print(f"claimcheck: warning: {message}", file=sys.stderr)


@dataclass
class Corpus:
    """Every document and passage under one or more sources roots."""

    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    def document(self, root: str, path: str) -> Document | None:
        """The document at `path` under `root`, if loaded."""
        for doc in self.documents:
            if doc.root == root and doc.path == path:
                return doc
        return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes → (text, encoding): UTF-8 (BOM removed) or a detected encoding; binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ClaimcheckError("binary file, not a text source", file=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(data).best()
    if best is None:
        raise ClaimcheckError("cannot detect the text encoding (save it as UTF-8)", file=name)
    text = str(best)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, best.encoding


def _walk(root: Path, warn: Warn) -> Iterable[Path]:
    """Source files under `root` in a stable order; links leaving the root and hidden folders are skipped."""
    real_root = root.resolve()
    seen: set[Path] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True, onerror=None):
        here = Path(directory)
        real_here = here.resolve()
        # A symlinked folder that resolves outside the root, or back into a folder already walked, is not entered.
        if not real_here.is_relative_to(real_root) or real_here in seen:
            subdirs[:] = []
            if not real_here.is_relative_to(real_root):
                warn(f"{here}: link leads outside the sources root; not followed")
            continue
        seen.add(real_here)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in {"__pycache__", "node_modules"})
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SOURCE_SUFFIXES):
                continue
            path = here / name
            real = path.resolve()
            if not real.is_relative_to(real_root):
                warn(f"{path}: link leads outside the sources root; not followed")
                continue
            yield path


def _metadata_for(directory: Path, cache: dict[Path, dict[str, dict[str, str]]]) -> dict[str, dict[str, str]]:
    """The `sources.yaml` mapping of a folder (file name → metadata), read once."""
    if directory not in cache:
        meta_path = directory / METADATA_FILE
        entries: dict[str, dict[str, str]] = {}
        if meta_path.is_file():
            try:
                loaded = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
                line = getattr(getattr(exc, "problem_mark", None), "line", None)
                raise ClaimcheckError(f"invalid metadata: {exc.__class__.__name__}", str(meta_path), line + 1 if line is not None else None) from None
            if not isinstance(loaded, dict):
                raise ClaimcheckError("expected a mapping of file name to metadata", str(meta_path), 1)
            for name, fields in loaded.items():
                if isinstance(fields, dict):
                    entries[str(name)] = {k: str(v) for k, v in fields.items() if k in METADATA_FIELDS and v is not None}
        cache[directory] = entries
    return cache[directory]


def _header_metadata(text: str) -> dict[str, str]:
    """Fallback metadata from the document itself: its first non-empty line is its title."""
    for line in text.splitlines():
        title = line.strip().lstrip("#").strip()
        if title:
            return {"title": title[:200]}
    return {}


def load_documents(
    root: str | os.PathLike[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    warn: Warn = _stderr_warning,
) -> list[Document]:
    """Every text source under `root` (a folder or one file), decoded, each distinct file once."""
    root_text = str(root)
    root_path = Path(root)
    if not root_path.exists():
        raise ClaimcheckError("sources folder does not exist", file=root_text)
    if root_path.is_file():
        paths: Iterable[Path] = [root_path]
        base = root_path.parent
    else:
        paths = _walk(root_path, warn)
        base = root_path
    documents: list[Document] = []
    seen_files: set[Path] = set()
    seen_content: dict[str, str] = {}
    metadata_cache: dict[Path, dict[str, dict[str, str]]] = {}
    for path in paths:
        real = path.resolve()
        if real in seen_files:
            continue  # a file reached twice (through a link) is indexed once
        seen_files.add(real)
        relative = path.relative_to(base).as_posix()
        try:
            size = path.stat().st_size
            if size > max_file_bytes:
                raise ClaimcheckError(
                    f"source is {size:,} bytes, over the {max_file_bytes:,}-byte limit (raise it with --max-file-size)",
                    file=str(path),
                )
            data = path.read_bytes()
        except OSError as exc:
            raise ClaimcheckError(f"cannot read source: {exc.strerror or exc}", file=str(path)) from None
        try:
            text, encoding = decode(data, str(path))
        except ClaimcheckError as exc:
            warn(f"{path}: {exc.message}; skipped")
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen_content:
            warn(f"{path}: same text as {seen_content[digest]}; indexed once")
            continue
        seen_content[digest] = relative
        if not text.strip():
            warn(f"{path}: empty source; skipped")
            continue
        metadata = _header_metadata(text) | _metadata_for(path.parent, metadata_cache).get(path.name, {})
        documents.append(Document(relative, root_text, text, digest, encoding, metadata))
    return documents


def split_passages(document: Document) -> list[Passage]:
    """Sentence passages of a document, then windows of each two neighbouring sentences."""
    lines = LineMap(document.text)
    spans = sentence_spans(document.text)

    def make(span: Span, count: int) -> Passage:
        return Passage(
            source=document.path,
            root=document.root,
            text=document.text[span.start : span.end],
            char_start=span.start,
            char_end=span.end,
            line_start=lines.line_of(span.start),
            line_end=lines.line_of(span.end - 1),
            sentence_count=count,
        )

    passages = [make(span, 1) for span in spans]
    passages += [make(Span(a.start, b.end), 2) for a, b in zip(spans, spans[1:])]
    return passages


def load_corpus(roots: Iterable[str | os.PathLike[str]], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, warn: Warn = _stderr_warning) -> Corpus:
    """Documents and passages from every root; an empty corpus is an error."""
    corpus = Corpus()
    roots = list(roots)
    for root in roots:
        corpus.documents.extend(load_documents(root, max_file_bytes=max_file_bytes, warn=warn))
    if not corpus.documents:
        raise ClaimcheckError("no .txt or .md sources found", file=", ".join(map(str, roots)) or None)
    for document in corpus.documents:
        corpus.passages.extend(split_passages(document))
    return corpus
