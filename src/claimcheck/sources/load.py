"""Sources → documents → corpus: each file under the roots read once by its format's reader, within the run's limits."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import index as as_index
from pathlib import Path
from typing import Protocol, overload

from ..errors import ClaimcheckError
from ..models import Document, Heading, Passage
from ..safeio import read_regular_file
from .metadata import MetadataCache, merge_metadata, metadata_for
from .passages import split_passages
from .plain import TextReader
from .registry import Extracted, Reader, ReadOptions, reader_for, suffixes
from .walk import DEFAULT_MAX_FILE_BYTES, SIZE_HINT, Budget, Limits, Warn, stderr_warning, walk

# Bump when a reader's output changes, so text extracted by an older reader is not reused from the cache.
EXTRACT_SCHEME = "extract-v1"


class ExtractStore(Protocol):
    """Where extracted text is cached by the file's content hash (the index's `ByteStore` fits)."""

    def get_bytes(self, key: Mapping[str, str]) -> tuple[dict[str, object], bytes] | None:
        """An entry's meta and payload, or None."""
        ...

    def put_bytes(self, key: Mapping[str, str], payload: bytes, meta: Mapping[str, object] | None = None) -> None:
        """Store an entry."""
        ...


class Known(Protocol):
    """What a persistent index remembers of earlier runs: a file's extraction by its stat signature, a document's passages."""

    def extracted(self, root: str, path: str, info: os.stat_result) -> Extracted | None:
        """The extraction of `path` under the real `root` when its stat signature is the one recorded with it (the file is then not read)."""
        ...

    def read(self, root: str, path: str, info: os.stat_result, extracted: Extracted) -> None:
        """Remember a fresh extraction of `path`, stat before it was read."""
        ...

    def passages(self, document: Document) -> Sequence[Passage] | None:
        """The document's passages as split before, when everything they depend on is unchanged (kept as given: it may make them on access)."""
        ...

    def remembered(self, root: str, path: str, overrides: dict[str, str]) -> tuple[str, dict[str, str] | None] | None:
        """For a file whose extraction was reused: its text's SHA-256, and its merged metadata if `overrides` are those it was merged with."""
        ...

    def merged(self, root: str, path: str, overrides: dict[str, str]) -> None:
        """Remember the `sources.yaml` overrides a file's metadata was merged with this run."""
        ...


class Passages(Sequence[Passage]):
    """A corpus's passages in order, held as one run per document: a list, or a stored table that makes a passage when asked.

    A persistent index's reused documents come as tables (`index.corpus`): 100k `Passage` objects held at once
    cost ~45 MiB, and a check reads a few thousand of them.
    """

    def __init__(self) -> None:
        self.runs: list[Sequence[Passage]] = []  # each one document's passages, none empty
        self._starts: list[int] = []  # each run's first position
        self._size = 0

    def extend(self, run: Sequence[Passage]) -> None:
        """Append one document's passages, kept as given (not copied, so a table stays a table)."""
        if len(run):
            self.runs.append(run)
            self._starts.append(self._size)
            self._size += len(run)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, item: int) -> Passage: ...

    @overload
    def __getitem__(self, item: slice) -> list[Passage]: ...

    def __getitem__(self, item: int | slice) -> Passage | list[Passage]:
        if isinstance(item, slice):
            start, stop, step = item.indices(self._size)
            if step != 1:
                return [self[n] for n in range(start, stop, step)]
            found: list[Passage] = []
            run = bisect_right(self._starts, start) - 1
            while start < stop:
                first = self._starts[run]
                end = min(stop, first + len(self.runs[run]))
                found.extend(self.runs[run][start - first : end - first])
                start, run = end, run + 1
            return found
        position = as_index(item)
        if position < 0:
            position += self._size
        if not 0 <= position < self._size:
            raise IndexError("passage index out of range")
        run = bisect_right(self._starts, position) - 1
        return self.runs[run][position - self._starts[run]]

    def __iter__(self) -> Iterator[Passage]:
        for run in self.runs:
            yield from run

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Passages({len(self)} in {len(self.runs)} runs)"


@dataclass
class Corpus:
    """Every document and passage under one or more sources roots."""

    documents: list[Document] = field(default_factory=list)
    passages: Sequence[Passage] = field(default_factory=list)  # each document's passages contiguous, in document order
    # (root, path) of a file not indexed because it is another's text, or a link to one → (root, path) of the document indexed instead.
    aliases: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def document(self, root: str, path: str) -> Document | None:
        """The document at `path` under `root`, if loaded."""
        for doc in self.documents:
            if doc.root == root and doc.path == path:
                return doc
        return None


def formats_phrase() -> str:
    """The readable formats for a message: ".txt or .md", ".txt, .md or .pdf"."""
    names: list[str] = []
    for suffix in suffixes():
        reader = reader_for("x" + suffix)
        if reader is not None and reader.suffixes[0] == suffix:
            names.append(suffix)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _encode_extracted(extracted: Extracted) -> bytes:
    """An extraction as cache bytes (JSON)."""
    headings = [[h.text, h.level, h.char_start, h.char_end] for h in extracted.headings]
    record = {
        "text": extracted.text,
        "encoding": extracted.encoding,
        "headings": headings,
        "pages": list(extracted.pages),
        "metadata": extracted.metadata,
        "notes": list(extracted.notes),
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _decode_extracted(payload: bytes) -> Extracted | None:
    """An extraction back from cache bytes, or None when they do not hold one."""
    try:
        record = json.loads(payload.decode("utf-8"))
        headings = tuple(Heading(str(text), int(level), int(start), int(end)) for text, level, start, end in record["headings"])
        metadata = {str(k): str(v) for k, v in dict(record["metadata"]).items()}
        notes = tuple(str(note) for note in record["notes"])
        return Extracted(str(record["text"]), str(record["encoding"]), headings, tuple(int(p) for p in record["pages"]), metadata, notes)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def read_file(data: bytes, name: str, reader: Reader, warn: Warn, options: ReadOptions, store: ExtractStore | None = None) -> Extracted:
    """A file's extraction by its reader; a converted format's is cached by the file's content hash, so an unchanged file is read once.

    A file the reader refuses is not cached: the refusal may come from a limit the user can raise.
    """
    extracted: Extracted | None = None
    key = {"kind": "extracted", "reader": reader.name, "scheme": EXTRACT_SCHEME, "content": hashlib.sha256(data).hexdigest()}
    if reader.converted and store is not None:
        found = store.get_bytes(key)
        extracted = _decode_extracted(found[1]) if found is not None else None
    if extracted is None:
        extracted = reader.read(data, name, warn, options)
        if reader.converted and len(extracted.text) > options.max_chars:
            raise ClaimcheckError(f"extracted text is over {options.max_chars:,} characters")
        if reader.converted and store is not None:
            store.put_bytes(key, _encode_extracted(extracted))
    for note in extracted.notes:
        warn(note)
    return extracted


def load_documents(
    root: str | os.PathLike[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    warn: Warn = stderr_warning,
    limits: Limits | None = None,
    options: ReadOptions | None = None,
    store: ExtractStore | None = None,
) -> list[Document]:
    """Every source under `root` (a folder or one file), read by its format's reader, each distinct file once."""
    budget = Budget(limits or Limits(), os.fspath(root))
    return list(documents(root, max_file_bytes, warn, budget, options or ReadOptions(), store))


def documents(
    root: str | os.PathLike[str],
    max_file_bytes: int,
    warn: Warn,
    budget: Budget,
    options: ReadOptions,
    store: ExtractStore | None = None,
    aliases: dict[str, str] | None = None,
    known: Known | None = None,
) -> Iterator[Document]:
    """The documents of `load_documents`, one at a time, each read counted against the run's budget.

    `aliases` receives, for each file skipped as a duplicate (same text, or a link to a file read), its path → the path read instead.
    `known`, when given, supplies the extraction of a file whose stat signature is unchanged since it was indexed: it is not read again.
    """
    root_text = os.fspath(root)
    root_path = Path(root)
    try:
        info = root_path.stat()
    except FileNotFoundError:
        raise ClaimcheckError("sources folder does not exist", file=root_text) from None
    except (OSError, ValueError) as exc:
        raise ClaimcheckError(f"cannot open sources folder: {getattr(exc, 'strerror', None) or exc}", file=root_text) from None
    if stat.S_ISREG(info.st_mode):
        paths: Iterable[tuple[Path, Path]] = [(root_path, root_path.resolve())]
        base = root_path.parent
    elif stat.S_ISDIR(info.st_mode):
        paths = walk(root_path, warn, suffixes())
        base = root_path
    else:
        raise ClaimcheckError("sources must be a folder or a text file, not a pipe, socket or device", file=root_text)
    real_root = base.resolve()
    known_root = os.path.realpath(root)
    seen_files: dict[Path, str] = {}
    seen_content: dict[str, str] = {}
    metadata_cache: MetadataCache = {}
    for path, real in paths:
        relative = path.relative_to(base).as_posix()
        if real in seen_files:
            if aliases is not None:  # a file reached twice (through a link) is indexed once; a cite of the link is a cite of it
                aliases[relative] = seen_files[real]
            continue
        seen_files[real] = relative
        try:
            relative.encode("utf-8")
        except UnicodeEncodeError:
            # Undecodable bytes in a name cannot be cited or written into a UTF-8 report.
            warn(f"{path}: file name is not valid UTF-8; rename the file; skipped")
            continue

        def warn_about(message: str, path: Path = path) -> None:
            warn(f"{path}: {message}")

        # A file named as the root itself is read as text when no reader claims its suffix.
        reader = reader_for(path.name) or TextReader()
        before = _stat(real) if known is not None else None
        extracted = known.extracted(known_root, relative, before) if known is not None and before is not None and before.st_size <= max_file_bytes else None
        if extracted is not None and before is not None:
            budget.file(before.st_size)
            for note in extracted.notes:  # what reading it said then, said again
                warn_about(note)
        else:
            # The checked real path is opened, so the name cannot be re-pointed between check and read.
            data = read_regular_file(real, max_file_bytes, "source", str(path), SIZE_HINT)
            budget.file(len(data))
            try:
                extracted = read_file(data, str(path), reader, warn_about, options, store)
            except ClaimcheckError as exc:
                warn(f"{path}: {exc.message}; skipped")
                continue
            if known is not None and before is not None:
                known.read(known_root, relative, before, extracted)
        text = extracted.text
        if not text.strip():
            warn(f"{path}: empty source; skipped")
            continue
        overrides = metadata_for(path.parent, real_root, metadata_cache, warn).get(path.name, {})
        remembered = known.remembered(known_root, relative, overrides) if known is not None else None
        digest = remembered[0] if remembered is not None else hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen_content:
            warn(f"{path}: same text as {seen_content[digest]}; indexed once")
            if aliases is not None:
                aliases[relative] = seen_content[digest]
            continue
        seen_content[digest] = relative
        if extracted.encoding != "utf-8":
            warn(f"{path}: not UTF-8; read as {extracted.encoding}")
        metadata = remembered[1] if remembered is not None and remembered[1] is not None else merge_metadata(extracted.metadata, overrides, text)
        if known is not None:
            known.merged(known_root, relative, overrides)
        yield Document(
            relative, root_text, text, digest, extracted.encoding, metadata, metadata.get("title", ""), extracted.headings, extracted.pages, reader.name
        )


def _stat(path: Path) -> os.stat_result | None:
    """A file's stat before it is read (a change after it shows as a new signature next time), or None."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def load_corpus(
    roots: Iterable[str | os.PathLike[str]],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    warn: Warn = stderr_warning,
    limits: Limits | None = None,
    options: ReadOptions | None = None,
    store: ExtractStore | None = None,
    known: Known | None = None,
) -> Corpus:
    """Documents and passages from every root, within the run's limits; an empty corpus is an error.

    `known` (a persistent index) spares re-reading unchanged files and re-splitting unchanged documents.
    """
    passages = Passages()
    corpus = Corpus(passages=passages)
    roots = list(roots)
    warnings = 0
    where = ", ".join(os.fspath(root) for root in roots) or None
    budget = Budget(limits or Limits(), where)

    def counting(message: str) -> None:
        nonlocal warnings
        warnings += 1
        warn(message)

    # A root given twice ("seeds" and "./seeds") is read once, and a document two roots share is indexed
    # once, under the first root that holds it.
    seen_roots: set[str] = set()
    seen_texts: dict[str, Document] = {}
    for root in roots:
        resolved = os.path.realpath(root)
        if resolved in seen_roots:
            continue
        seen_roots.add(resolved)
        aliases: dict[str, str] = {}
        # Each document is split as soon as it is read, so a cap is hit early, not after reading everything.
        for document in documents(root, max_file_bytes, counting, budget, options or ReadOptions(), store, aliases, known):
            first = seen_texts.get(document.sha256)
            if first is not None:
                counting(f"{os.path.join(os.fspath(root), document.path)}: same text as {os.path.join(first.root, first.path)}; indexed once")
                corpus.aliases[(document.root, document.path)] = (first.root, first.path)
                continue
            seen_texts[document.sha256] = document
            corpus.documents.append(document)
            reused = known.passages(document) if known is not None else None
            if reused is not None:
                budget.add_passages(len(reused))
            passages.extend(reused if reused is not None else split_passages(document, budget))
        for duplicate, kept in aliases.items():
            for _ in range(len(aliases)):  # a link to a file that is itself another's text (bounded: no cycle can loop)
                if kept not in aliases:
                    break
                kept = aliases[kept]
            target = (os.fspath(root), kept)
            corpus.aliases[(os.fspath(root), duplicate)] = corpus.aliases.get(target, target)
    if not corpus.documents:
        # Files may exist yet all be skipped (empty, binary, links out of the root): say so, never pass.
        hint = f" ({warnings} skipped; see the warnings above)" if warnings else ""
        raise ClaimcheckError(f"no usable {formats_phrase()} sources{hint}", file=where)
    if not corpus.passages:
        raise ClaimcheckError("the sources hold no sentences with words to check against", file=where)
    return corpus


def read_source(
    path: str | os.PathLike[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    warn: Warn = stderr_warning,
    options: ReadOptions | None = None,
    store: ExtractStore | None = None,
) -> Document:
    """One source file as claimcheck reads it (the text its citations' offsets index); a file it would skip is an error."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise ClaimcheckError("source file does not exist", name) from None
    except (OSError, ValueError) as exc:
        raise ClaimcheckError(f"cannot open source: {getattr(exc, 'strerror', None) or exc}", name) from None
    if not stat.S_ISREG(info.st_mode):
        raise ClaimcheckError("not a regular file: show takes one source file", name)
    skipped: list[str] = []

    def keep(message: str) -> None:
        skipped.append(message)
        warn(message)

    found = list(documents(name, max_file_bytes, keep, Budget(Limits(), name), options or ReadOptions(), store))
    if not found:
        reason = skipped[-1].split(": ", 1)[-1] if skipped else "no text"
        raise ClaimcheckError(f"not a usable source: {reason}", name)
    return found[0]
