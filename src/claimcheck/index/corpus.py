"""One persistent, incremental index per corpus: opened memory-mapped, never rebuilt when nothing changed.

A folder per corpus under the cache (`v2/corpus/<hash of the key>`; the key is the resolved roots, the model,
the passage and extraction schemes and the read options) holds `manifest.json` and generation folders
`g-<random>/`. A generation is written whole into a fresh folder (each file through `output.write_temp` and a
rename), then the manifest is switched to it by one atomic rename: a reader holds the generation it opened
(its files are never changed in place), two writers each write their own and the last switch wins with a
whole index. The manifest names the generation and the SHA-256 and size of every file in it, all verified on
open along with the files' shapes; a damaged, foreign or planted (linked) index is warned about once and
rebuilt, never trusted. Nothing is followed through a link.

Files (little-endian, flat, so they are memory-mapped rather than parsed):
- `vectors.f32`: passages × dimension float32. Not float16: float16 moves cosines by ~1e-3, enough to move a
  claim across a threshold and change a verdict; vectors are the one file a warm run must keep exact.
- `passages.i64`: per passage (document, char_start, char_end, line_start, line_end, sentence_count, page or -1,
  heading id); its text is its document's text sliced, its title its document's.
- `texts.txt` (UTF-8, every document's text in a row) and `documents.json` (path, stat signature, sha256,
  metadata, headings, pages, reader notes, row range, names, the text's place in `texts.txt`).
- `vocabulary.txt` (sorted stems, one a line), `forward.i32`/`forward_offsets.i64` (each passage's stem ids),
  `postings.i32`/`postings_offsets.i64` (each stem's passages) and `sentence_counts.i64` (single sentences
  holding each stem, for IDF). Not SQLite FTS5 or bm25s: the fused score needs, for every passage, the exact
  IDF-weighted share of the claim's stems it holds (`LexicalIndex.scores`, the same float operations as ever),
  which a BM25 engine neither computes nor exposes; flat postings give it with one numpy pass per stem.
- `names.txt`: the corpus's known names (the union of each document's, also kept per document).

Incremental: a file whose stat signature (size, mtime_ns, ctime_ns, inode, device) is unchanged is not read (its
extraction comes from the index); a document whose text, title, headings and pages are unchanged is not split,
stemmed or encoded (its rows are copied); only added or changed documents are split, stemmed and encoded
(their vectors through the per-document embedding cache, so an interrupted build resumes). The flat arrays of a
new generation are concatenated from the old rows and the new pieces.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import overload

import numpy as np

from ..bytestore import CACHE_FORMAT, ByteStore
from ..embed import Embedder
from ..models import Document, Heading, IndexReport, Passage
from ..names import known_names
from ..output import write_temp
from ..sources import Corpus, Limits, ReadOptions, load_corpus, stderr_warning
from ..sources.load import EXTRACT_SCHEME, Passages
from ..sources.registry import Extracted
from ..sources.walk import DEFAULT_MAX_FILE_BYTES, stat_signature
from ..text import STEM_SCHEME
from .executor import Executor
from .lexical import Forward, LexicalIndex, Postings, content_stems, idf_of
from .store import Index, build_index
from .windows import vector_scheme

INDEX_FORMAT = 2
MANIFEST = "manifest.json"
_GENERATION = re.compile(r"g-[0-9a-f]{32}")
_COLUMNS = 8  # of passages.i64
FILES = (
    "vectors.f32",
    "passages.i64",
    "texts.txt",
    "documents.json",
    "vocabulary.txt",
    "forward.i32",
    "forward_offsets.i64",
    "postings.i32",
    "postings_offsets.i64",
    "sentence_counts.i64",
    "names.txt",
)
_MAX_MANIFEST = 1 << 20
_STALE_SECONDS = 600  # an old generation is removed once no run can still be opening it


class Unusable(Exception):
    """An index folder or file that cannot be trusted (damaged, foreign, linked)."""


@dataclass
class CorpusIndex(Index):
    """The corpus, its vectors, lexical index and names, as opened (or built) from the persistent index."""

    lexical: LexicalIndex = field(default_factory=LexicalIndex)
    names: frozenset[str] = frozenset()
    report: IndexReport = field(default_factory=lambda: IndexReport(0, 0, 0, 0, 0, 0, 0, 0.0))
    generation: str = ""  # "" when not persisted
    rows: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (root, path) → its passages' row range


def corpus_key(roots: Sequence[str | os.PathLike[str]], model: str, options: ReadOptions) -> dict[str, object]:
    """The identity of a corpus index: what its contents are a function of (besides the files themselves)."""
    resolved = list(dict.fromkeys(os.path.realpath(root) for root in roots))
    return {
        "format": INDEX_FORMAT,
        "roots": resolved,
        "model": model,
        "scheme": vector_scheme(),
        "extract": EXTRACT_SCHEME,
        "stems": STEM_SCHEME,
        "read": asdict(options),
    }


def index_folder(cache_root: Path, key: dict[str, object]) -> Path:
    """Where a corpus's index lives."""
    name = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()
    return cache_root / f"v{CACHE_FORMAT}" / "corpus" / name[:32]


# --------------------------------------------------------------------------------------------- reading


def _open_regular(path: Path) -> int:
    """A descriptor of a regular file, never through a link."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise Unusable(f"{path.name} missing") from None
    except PermissionError:
        raise  # the cache folder is unreadable: the store says so, once
    except OSError as exc:  # a link (ELOOP) or another oddity where a file should be
        raise Unusable(f"{path.name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise Unusable(f"{path.name} is not a regular file")
    return descriptor


def _real_folder(path: Path) -> None:
    """A folder that is not a link (a planted link could lead the index anywhere)."""
    try:
        info = os.lstat(path)
    except OSError:
        raise Unusable(f"{path.name} missing") from None
    if not stat.S_ISDIR(info.st_mode):
        raise Unusable(f"{path.name} is not a folder")


class Generation:
    """One verified generation of a corpus index, its arrays memory-mapped."""

    def __init__(self, folder: Path, key: dict[str, object]) -> None:
        _real_folder(folder)
        descriptor = _open_regular(folder / MANIFEST)
        with open(descriptor, "rb", closefd=True) as handle:
            raw = handle.read(_MAX_MANIFEST + 1)
        try:
            manifest = json.loads(raw)
        except ValueError:
            raise Unusable("unreadable manifest") from None
        if not isinstance(manifest, dict) or manifest.get("format") != INDEX_FORMAT:
            raise Unusable("unreadable manifest")
        if manifest.get("key") != key:
            raise Mismatched("another corpus")
        name = manifest.get("generation")
        files = manifest.get("files")
        if not isinstance(name, str) or not _GENERATION.fullmatch(name) or not isinstance(files, dict) or sorted(files) != sorted(FILES):
            raise Unusable("manifest names no generation of this index")
        self.name = name
        self.folder = folder / name
        _real_folder(self.folder)
        self.maps: dict[str, bytes | mmap.mmap] = {}
        for file in FILES:
            entry = files[file]
            if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str) or not isinstance(entry.get("size"), int):
                raise Unusable("unreadable manifest")
            self.maps[file] = self._verified(file, entry["sha256"], entry["size"])
        try:
            self.dimension = int(manifest["dimension"])
            self.sentences = int(manifest["sentences"])
            self.documents: list[dict[str, object]] = json.loads(bytes(self.maps["documents.json"]))
            self.text = bytes(self.maps["texts.txt"]).decode("utf-8", "surrogatepass")
            vocabulary_text = bytes(self.maps["vocabulary.txt"]).decode("utf-8")
            self.names = frozenset(bytes(self.maps["names.txt"]).decode("utf-8").split("\n")) - {""}
        except (KeyError, TypeError, ValueError, UnicodeDecodeError):
            raise Unusable("unreadable tables") from None
        self.vocabulary = vocabulary_text.split("\n") if vocabulary_text else []
        self.vectors = self._array("vectors.f32", "<f4")
        self.passages = self._array("passages.i64", "<i8")
        self.forward_ids = self._array("forward.i32", "<i4")
        self.forward_offsets = self._array("forward_offsets.i64", "<i8")
        self.postings = self._array("postings.i32", "<i4")
        self.postings_offsets = self._array("postings_offsets.i64", "<i8")
        self.sentence_counts = self._array("sentence_counts.i64", "<i8")
        self._check_shapes()

    def _verified(self, file: str, digest: str, size: int) -> bytes | mmap.mmap:
        """A file's bytes (memory-mapped), after its size and SHA-256 match the manifest's."""
        descriptor = _open_regular(self.folder / file)
        try:
            if os.fstat(descriptor).st_size != size:
                raise Unusable(f"{file} has the wrong size")
            # Read, not hashed through the map: a mapped page once read counts in this process's RSS from then on, and a
            # check needs its vectors (147 MiB at 100k passages) only once retrieval starts.
            if file_sha256(descriptor, size) != digest:
                raise Unusable(f"{file} fails its checksum")
            data: bytes | mmap.mmap = b"" if size == 0 else mmap.mmap(descriptor, size, access=mmap.ACCESS_READ)
        finally:
            os.close(descriptor)  # the map keeps the file
        return data

    def _array(self, file: str, dtype: str) -> np.ndarray:
        """A read-only view of a mapped file."""
        data = self.maps[file]
        width = np.dtype(dtype).itemsize
        if len(data) % width:
            raise Unusable(f"{file} has the wrong size")
        return np.frombuffer(data, dtype=dtype) if len(data) else np.zeros(0, dtype=dtype)

    def _check_shapes(self) -> None:
        """Arrays of consistent sizes, ids within range, documents' rows covering the passages: a sound index, not just sound bytes."""
        count = len(self.passages) // _COLUMNS
        if len(self.passages) % _COLUMNS or self.dimension <= 0 or len(self.vectors) != count * self.dimension:
            raise Unusable("vectors and passages disagree")
        self.vectors = self.vectors.reshape(count, self.dimension)
        self.passages = self.passages.reshape(count, _COLUMNS)
        stems = len(self.vocabulary)
        if (
            len(self.forward_offsets) != count + 1
            or len(self.postings_offsets) != stems + 1
            or len(self.sentence_counts) != stems
            or int(self.forward_offsets[-1]) != len(self.forward_ids)
            or int(self.postings_offsets[-1]) != len(self.postings)
            or (len(self.forward_ids) and (int(self.forward_ids.min()) < 0 or int(self.forward_ids.max()) >= stems))
            or (len(self.postings) and (int(self.postings.min()) < 0 or int(self.postings.max()) >= count))
            or bool((np.diff(self.forward_offsets) < 0).any())
            or bool((np.diff(self.postings_offsets) < 0).any())
        ):
            raise Unusable("lexical tables disagree")
        at = 0
        for record in self.documents:
            rows = record.get("rows") if isinstance(record, dict) else None
            if not isinstance(rows, list) or len(rows) != 2 or rows[0] != at or not isinstance(rows[1], int) or rows[1] < at:
                raise Unusable("documents and passages disagree")
            start, end = _pair(record.get("text"))
            if not isinstance(record.get("root"), int) or not isinstance(record.get("path"), str) or not 0 <= start <= end <= len(self.text):
                raise Unusable("documents table")
            if not isinstance(record.get("heading_texts"), list) or not isinstance(record.get("sha256"), str):
                raise Unusable("documents table")
            at = rows[1]
        if at != count:
            raise Unusable("documents and passages disagree")

    def lexical(self) -> LexicalIndex:
        """The lexical index as stored."""
        postings = Postings(self.vocabulary, self.postings_offsets, self.postings)
        return LexicalIndex(size=len(self.passages), idf=idf_of(self.vocabulary, self.sentence_counts.tolist(), self.sentences), postings=postings)


def file_sha256(descriptor: int, size: int, chunk: int = 1 << 20) -> str:
    """The hex SHA-256 of an open file's first `size` bytes, read `chunk` bytes at a time."""
    digest = hashlib.sha256()
    for offset in range(0, size, chunk):
        digest.update(os.pread(descriptor, min(chunk, size - offset), offset))
    return digest.hexdigest()


class Mismatched(Unusable):
    """A sound index of another corpus, model or scheme."""


# --------------------------------------------------------------------------------------------- the documents known


def _pair(value: object) -> tuple[int, int]:
    """A stored [first, last] pair (rows, or a text's place)."""
    if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value):
        raise Unusable("documents table")
    return int(value[0]), int(value[1])


def _strings(value: object) -> list[str]:
    """A stored list of strings."""
    return [str(v) for v in value] if isinstance(value, list) else []


def _same_split(record: dict[str, object], document: Document) -> bool:
    """Whether a document splits as the stored one did: same text, title, reader, headings and pages."""
    try:
        return (
            record.get("sha256") == document.sha256
            and record.get("title") == document.title
            and record.get("format") == document.format
            and _headings(record.get("headings", [])) == document.headings
            and tuple(_strings(record.get("pages"))) == tuple(str(p) for p in document.pages)
        )
    except (TypeError, ValueError):
        return False


def _headings(record: object) -> tuple[Heading, ...]:
    return tuple(Heading(str(t), int(level), int(s), int(e)) for t, level, s, e in record)  # type: ignore[attr-defined]


class Known:
    """The previous generation's documents, offered to `load_corpus` (the `sources.load.Known` protocol), and what this run read."""

    def __init__(self, previous: Generation | None, roots: list[str]) -> None:
        self.previous = previous
        self.records: dict[tuple[str, str], dict[str, object]] = {}
        if previous is not None:
            for record in previous.documents:
                root = int(record["root"])  # type: ignore[call-overload]
                if 0 <= root < len(roots):
                    self.records[(roots[root], str(record["path"]))] = record
        self.fresh: dict[tuple[str, str], tuple[list[int], Extracted]] = {}  # read this run
        self.reused_reads: dict[tuple[str, str], dict[str, object]] = {}  # not read: signature unchanged
        self.reused_rows: dict[tuple[str, str], dict[str, object]] = {}  # (user's root, path) → old record whose rows are copied
        self.real_roots: dict[str, str] = {}
        self.overrides: dict[tuple[str, str], dict[str, str]] = {}

    def real(self, root: str) -> str:
        """A user's root as resolved (once per root)."""
        if root not in self.real_roots:
            self.real_roots[root] = os.path.realpath(root)
        return self.real_roots[root]

    def extracted(self, root: str, path: str, info: os.stat_result) -> Extracted | None:
        """The stored extraction when the stat signature matches."""
        record = self.records.get((root, path))
        if record is None or record.get("stat") != stat_signature(info) or self.previous is None:
            return None
        try:
            start, end = _pair(record["text"])
            extracted = Extracted(
                self.previous.text[start:end],
                str(record["encoding"]),
                _headings(record["headings"]),
                tuple(int(p) for p in record["pages"]),  # type: ignore[attr-defined]
                {str(k): str(v) for k, v in dict(record["own"]).items()},  # type: ignore[call-overload]
                tuple(str(n) for n in record["notes"]),  # type: ignore[attr-defined]
            )
        except (KeyError, TypeError, ValueError, Unusable):
            return None
        self.reused_reads[(root, path)] = record
        return extracted

    def remembered(self, root: str, path: str, overrides: dict[str, str]) -> tuple[str, dict[str, str] | None] | None:
        """The stored text hash of a file not read, and its stored metadata when merged with the same overrides."""
        record = self.reused_reads.get((root, path))
        if record is None:
            return None
        metadata = record.get("metadata") if record.get("overrides") == overrides else None
        return str(record["sha256"]), (dict(metadata) if isinstance(metadata, dict) else None)

    def merged(self, root: str, path: str, overrides: dict[str, str]) -> None:
        """Remember the overrides, saved with the document."""
        self.overrides[(root, path)] = overrides

    def read(self, root: str, path: str, info: os.stat_result, extracted: Extracted) -> None:
        """Remember a file read this run."""
        self.fresh[(root, path)] = (stat_signature(info), extracted)

    def passages(self, document: Document) -> Sequence[Passage] | None:
        """The document's old passages, when its text, title, headings, pages and reader are what they were."""
        if self.previous is None:
            return None
        record = self.records.get((self.real(document.root), document.path))
        if record is None or not _same_split(record, document):
            return None
        first, last = _pair(record["rows"])
        headings = _strings(record["heading_texts"])
        table = self.previous.passages[first:last]
        ids = table[:, 7]
        if len(ids) and (int(ids.max()) >= len(headings) or int(ids.min()) < -len(headings)):  # a heading id past the document's headings
            return None  # split afresh
        self.reused_rows[(document.root, document.path)] = record
        return StoredPassages(document, table, headings)


class StoredPassages(Sequence[Passage]):
    """One reused document's passages, each made from its row of the stored table when asked, never all held at once.

    A `Passage` costs ~450 bytes with its text and numbers (45 MiB at 100k passages) against a row's 64 mapped bytes,
    and a check reads a few thousand passages of an indexed corpus.
    """

    __slots__ = ("document", "headings", "table")

    def __init__(self, document: Document, table: np.ndarray, headings: list[str]) -> None:
        self.document = document
        self.table = table  # its rows of `passages.i64`: a view of the map
        self.headings = headings  # the document's heading texts, by the table's heading id

    def __len__(self) -> int:
        return len(self.table)

    @overload
    def __getitem__(self, item: int) -> Passage: ...

    @overload
    def __getitem__(self, item: slice) -> list[Passage]: ...

    def __getitem__(self, item: int | slice) -> Passage | list[Passage]:
        if isinstance(item, slice):
            return [self._passage(row) for row in self.table[item].tolist()]
        return self._passage(self.table[item].tolist())

    def __iter__(self) -> Iterator[Passage]:
        return (self._passage(row) for row in self.table.tolist())

    def _passage(self, row: list[int]) -> Passage:
        """The passage of one table row (python ints, as a split makes them)."""
        _, s, e, ls, le, count, page, h = row
        document = self.document
        return Passage(document.path, document.root, document.text[s:e], s, e, ls, le, count, document.title, self.headings[h], None if page < 0 else page)


def _document_sizes(passages: Sequence[Passage]) -> dict[tuple[str, str], int]:
    """Each document's number of passages, without making a stored document's passages (`Passages` holds one run per document)."""
    counts: dict[tuple[str, str], int] = {}
    if isinstance(passages, Passages):
        for run in passages.runs:
            key = (run.document.root, run.document.path) if isinstance(run, StoredPassages) else (run[0].root, run[0].source)
            counts[key] = counts.get(key, 0) + len(run)
        return counts
    for passage in passages:
        counts[(passage.root, passage.source)] = counts.get((passage.root, passage.source), 0) + 1
    return counts


# --------------------------------------------------------------------------------------------- opening and updating


def open_corpus_index(
    roots: Sequence[str | os.PathLike[str]],
    embedder: Embedder,
    *,
    store: ByteStore,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    limits: Limits | None = None,
    read_options: ReadOptions | None = None,
    warn: Callable[[str], None] = stderr_warning,
    progress: Callable[[int, int], None] | None = None,
    executor: Executor | None = None,
    threads: int | None = None,
) -> CorpusIndex:
    """The corpus under `roots` with everything derived from it: opened from its index, updated for what changed, saved.

    The index lives in `store`'s folder (none: built in memory); an unreadable or unwritable folder is the store's one warning.
    """
    started = time.perf_counter()
    options = read_options or ReadOptions()
    key = corpus_key(roots, embedder.id, options)
    real_roots: list[str] = key["roots"]  # type: ignore[assignment]
    folder = index_folder(store.directory, key) if store.directory is not None else None
    previous: Generation | None = None
    if folder is not None and os.path.lexists(folder / MANIFEST):
        try:
            try:
                previous = Generation(folder, key)
            except Unusable as first:
                if isinstance(first, Mismatched):
                    raise
                # A writer may have switched the manifest (and an old generation been collected) while this run was opening it.
                previous = Generation(folder, key)
        except PermissionError as exc:
            store._disable("readable", exc)
        except Mismatched:
            warn(f"{folder}: corpus index does not match; rebuilding it")
        except (Unusable, OSError):
            warn(f"{folder}: damaged corpus index; rebuilding it")
    known = Known(previous, real_roots)
    corpus = load_corpus(roots, max_file_bytes=max_file_bytes, limits=limits, options=options, store=store, known=known)

    # Each document's rows: contiguous, in corpus order.
    spans: list[tuple[Document, int, int]] = []
    at = 0
    counts = _document_sizes(corpus.passages)
    for document in corpus.documents:
        size = counts.get((document.root, document.path), 0)
        spans.append((document, at, at + size))
        at += size
    new_documents = [d for d, _, _ in spans if (d.root, d.path) not in known.reused_rows]
    new_passages = [p for d, first, last in spans if (d.root, d.path) not in known.reused_rows for p in corpus.passages[first:last]]
    encoded = build_index(Corpus(new_documents, new_passages), embedder, store=store, progress=progress, executor=executor, threads=threads)

    # Nothing to write when every document is the one stored at the same place, unread (same stat signature) and with the same metadata.
    unchanged = (
        previous is not None
        and not new_documents
        and len(spans) == len(previous.documents)
        and all(
            known.reused_rows.get((d.root, d.path)) is record
            and known.reused_reads.get((known.real(d.root), d.path)) is record
            and record.get("overrides") == known.overrides.get((known.real(d.root), d.path))
            and record.get("rows") == [first, last]
            and record.get("metadata") == d.metadata
            for (d, first, last), record in zip(spans, previous.documents)
        )
    )
    rows = {(d.root, d.path): (first, last) for d, first, last in spans}
    if unchanged and previous is not None:
        vectors, lexical, names, generation = previous.vectors, previous.lexical(), previous.names, previous.name
    else:
        vectors, lexical, names, files, dimension, sentences = _assemble(spans, known, previous, encoded, corpus, real_roots, embedder)
        generation = ""
        if store.directory is not None and folder is not None:  # not when the folder turned out unusable meanwhile
            generation = _save(folder, key, files, dimension, sentences, store)
    seen = {(known.real(d.root), d.path) for d in corpus.documents}
    removed = sum(1 for k in known.records if k not in seen)
    report = IndexReport(
        documents=len(corpus.documents),
        documents_reused=sum(1 for d in corpus.documents if (known.real(d.root), d.path) in known.reused_reads),
        documents_read=sum(1 for d in corpus.documents if (known.real(d.root), d.path) not in known.reused_reads),
        documents_removed=removed,
        passages=len(corpus.passages),
        passages_reused=sum(last - first for d, first, last in spans if (d.root, d.path) in known.reused_rows),
        passages_encoded=encoded.encoded,
        seconds=round(time.perf_counter() - started, 3),
    )
    return CorpusIndex(corpus, vectors, embedder.id, encoded.encoded, lexical, names, report, generation, rows)


def _assemble(
    spans: list[tuple[Document, int, int]],
    known: Known,
    previous: Generation | None,
    encoded: Index,
    corpus: Corpus,
    real_roots: list[str],
    embedder: Embedder,
) -> tuple[np.ndarray, LexicalIndex, frozenset[str], dict[str, bytes], int, int]:
    """A new generation from the old rows and the new pieces: the arrays, and the files to save."""
    count = len(corpus.passages)
    dimension = encoded.vectors.shape[1] if encoded.vectors.size else (previous.dimension if previous is not None else embedder.dimension)
    vectors = np.empty((count, dimension), dtype=np.float32)
    table = np.empty((count, _COLUMNS), dtype=np.int64)
    stems: list[list[str] | None] = [None] * count  # new rows' stems; old rows' come as ids
    old_rows: list[tuple[int, int, int]] = []  # (new first, old first, old last)
    records: list[dict[str, object]] = []
    per_document_names: list[frozenset[str]] = []
    texts: list[str] = []
    text_at = 0
    new_at = 0
    for number, (document, first, last) in enumerate(spans):
        real_root = known.real(document.root)
        reused = known.reused_rows.get((document.root, document.path))
        if reused is not None and previous is not None:
            old_first, old_last = _pair(reused["rows"])
            vectors[first:last] = previous.vectors[old_first:old_last]
            heading_texts = _strings(reused["heading_texts"])
            table[first:last] = previous.passages[old_first:old_last]
            old_rows.append((first, old_first, old_last))
            names = frozenset(_strings(reused["names"]))
        else:
            size = last - first
            vectors[first:last] = encoded.vectors[new_at : new_at + size]
            new_at += size
            passages = corpus.passages[first:last]
            heading_texts = list(dict.fromkeys(p.heading for p in passages))
            local = {h: n for n, h in enumerate(heading_texts)}
            for row, p in enumerate(passages, start=first):
                table[row] = (0, p.char_start, p.char_end, p.line_start, p.line_end, p.sentence_count, -1 if p.page is None else p.page, local[p.heading])
                stems[row] = sorted(content_stems(p.text))
            names = known_names([p.text for p in passages if p.sentence_count == 1])
        table[first:last, 0] = number  # heading ids stay per document: each record keeps its own heading texts
        fresh = known.fresh.get((real_root, document.path))
        if fresh is not None:
            signature, extracted = fresh
            own, notes = extracted.metadata, list(extracted.notes)
        else:
            old = known.reused_reads.get((real_root, document.path)) or reused or {}
            signature, own, notes = old.get("stat", []), old.get("own", {}), old.get("notes", [])  # type: ignore[assignment]
        records.append(
            {
                "root": real_roots.index(real_root),
                "path": document.path,
                "stat": signature,
                "sha256": document.sha256,
                "encoding": document.encoding,
                "format": document.format,
                "title": document.title,
                "metadata": document.metadata,
                "overrides": known.overrides.get((real_root, document.path), {}),
                "own": own,
                "notes": notes,
                "headings": [[h.text, h.level, h.char_start, h.char_end] for h in document.headings],
                "pages": list(document.pages),
                "text": [text_at, text_at + len(document.text)],
                "rows": [first, last],
                "heading_texts": heading_texts,
                "names": sorted(names),
            }
        )
        texts.append(document.text)
        text_at += len(document.text)
        per_document_names.append(names)

    # Stems: the old rows' ids re-numbered into the new vocabulary, the new rows' looked up.
    vocabulary_set = {s for group in stems if group is not None for s in group}
    old_vocabulary = previous.vocabulary if previous is not None else []
    used_old: set[int] = set()
    for _, old_first, old_last in old_rows:
        assert previous is not None
        used_old.update(np.unique(previous.forward_ids[int(previous.forward_offsets[old_first]) : int(previous.forward_offsets[old_last])]).tolist())
    vocabulary_set.update(old_vocabulary[i] for i in used_old)
    vocabulary = sorted(vocabulary_set)
    number_of = {s: n for n, s in enumerate(vocabulary)}
    renumber = np.array([number_of.get(s, -1) for s in old_vocabulary], dtype=np.int32)
    lengths = np.zeros(count, dtype=np.int64)
    pieces: list[np.ndarray] = []
    old_at = {first: (old_first, old_last) for first, old_first, old_last in old_rows}
    row = 0
    while row < count:
        if row in old_at:
            assert previous is not None
            old_first, old_last = old_at[row]
            offsets = previous.forward_offsets[old_first : old_last + 1]
            pieces.append(renumber[previous.forward_ids[int(offsets[0]) : int(offsets[-1])]])
            lengths[row : row + old_last - old_first] = np.diff(offsets)
            row += old_last - old_first
        else:
            group = stems[row] or []
            pieces.append(np.array([number_of[s] for s in group], dtype=np.int32))
            lengths[row] = len(group)
            row += 1
    forward_offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(lengths, out=forward_offsets[1:])
    forward_ids = np.concatenate(pieces).astype(np.int32) if pieces else np.zeros(0, dtype=np.int32)
    forward = Forward(vocabulary, forward_offsets, forward_ids)
    single = table[:, 5] == 1
    lexical = LexicalIndex.of_forward(forward, single)
    holder = np.repeat(np.arange(count, dtype=np.int64), lengths)
    sentence_counts = np.bincount(forward_ids[single[holder]], minlength=len(vocabulary)).astype(np.int64)
    names = frozenset().union(*per_document_names) if per_document_names else frozenset()
    data = {
        "vectors.f32": vectors.astype("<f4").tobytes(),
        "passages.i64": table.astype("<i8").tobytes(),
        "texts.txt": "".join(texts).encode("utf-8", "surrogatepass"),
        "documents.json": json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8"),
        "vocabulary.txt": "\n".join(vocabulary).encode("utf-8"),
        "forward.i32": forward_ids.astype("<i4").tobytes(),
        "forward_offsets.i64": forward_offsets.astype("<i8").tobytes(),
        "postings.i32": lexical.postings.flat.astype("<i4").tobytes(),
        "postings_offsets.i64": lexical.postings.offsets.astype("<i8").tobytes(),
        "sentence_counts.i64": sentence_counts.tobytes(),
        "names.txt": "\n".join(sorted(names)).encode("utf-8"),
    }
    return vectors, lexical, names, data, dimension, int(single.sum())


def _save(folder: Path, key: dict[str, object], data: dict[str, bytes], dimension: int, sentences: int, store: ByteStore) -> str:
    """Write a generation whole, then switch the manifest to it; a folder that cannot be written is the store's one warning."""
    name = f"g-{secrets.token_hex(16)}"
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _real_folder(folder)
        target.mkdir()
        files = {}
        for file, payload in data.items():
            _write(target / file, payload)
            files[file] = {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}
        manifest = {"format": INDEX_FORMAT, "key": key, "generation": name, "dimension": dimension, "sentences": sentences, "files": files}
        _write(folder / MANIFEST, json.dumps(manifest, sort_keys=True, indent=1).encode("utf-8"))
    except (OSError, Unusable) as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(target)
        store._disable("writable", exc if isinstance(exc, OSError) else OSError(str(exc)))
        return ""
    _collect(folder, name)
    return name


def _write(path: Path, payload: bytes) -> None:
    """An atomic, synced write that follows no link."""
    temporary: str | None = write_temp(os.fspath(path), [payload], replacing=False)
    try:
        os.replace(temporary, path)  # type: ignore[arg-type]
        temporary = None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _collect(folder: Path, current: str) -> None:
    """Remove generations no run can still be opening (not the current one, and old enough); links are left alone."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name == current or not _GENERATION.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS:
                    shutil.rmtree(entry.path)
