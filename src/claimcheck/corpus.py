"""Sources → documents → passages: a safe walk of the sources folder and exact-offset sentence passages."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClaimcheckError, printable
from .models import Document, Passage
from .safeio import read_regular_file, safe_yaml
from .text import LineMap, Span, iter_sentence_spans, mask_hidden, trim

SOURCE_SUFFIXES = (".txt", ".md", ".markdown")
METADATA_FILE = "sources.yaml"
METADATA_FIELDS = ("title", "outlet", "author", "date", "url")
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
# Caps per run. A mistaken `sources: /` or `--sources /usr` must end with a message in seconds, not fill the
# memory: each passage costs about 2.4 KB (text, offsets, lexical stems, lead-in, a 384-float vector), and
# CPU embedding runs at about 80-110 passages a second, so 100,000 passages (about 2.5 MB of prose, a couple
# of thousand articles) is already a 20-minute first index. The file and byte caps end a walk of a disk early.
DEFAULT_MAX_FILES = 10_000
DEFAULT_MAX_TOTAL_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PASSAGES = 100_000
LIMIT_HINT = "raise it in .claimcheck.toml if this is really the corpus"
MAX_METADATA_BYTES = 1024 * 1024
SIZE_HINT = " (raise it with max-file-size in .claimcheck.toml)"
# Bump when splitting changes, so cached embeddings of old passages are not reused.
PASSAGE_SCHEME = "sentences-v3+pairs"  # v3: escape sequences and invisible characters split as white space
# A "sentence" longer than this (a line of data, a page without punctuation) is cut at white space, so a
# quote stays readable and one passage cannot cost seconds of tokenising and fuzzy matching.
MAX_PASSAGE_CHARS = 1500

Warn = Callable[[str], None]


def stderr_warning(message: str) -> None:
    print(f"claimcheck: warning: {printable(message)}", file=sys.stderr)


@dataclass(frozen=True)
class Limits:
    """Caps on what one run reads and indexes (config keys max-files, max-total-size, max-passages)."""

    files: int = DEFAULT_MAX_FILES
    total_bytes: int = DEFAULT_MAX_TOTAL_BYTES
    passages: int = DEFAULT_MAX_PASSAGES


class _Budget:
    """What a run has read so far, checked against its `Limits` as it goes (over every root)."""

    def __init__(self, limits: Limits, where: str | None) -> None:
        self.limits = limits
        self.where = where
        self.files = 0
        self.bytes = 0
        self.passages = 0

    def file(self, size: int) -> None:
        """Count one source file of `size` bytes about to be decoded."""
        self.files += 1
        self.bytes += size
        if self.files > self.limits.files:
            raise ClaimcheckError(f"more than {self.limits.files:,} source files (max-files = {self.limits.files}; {LIMIT_HINT})", self.where)
        if self.bytes > self.limits.total_bytes:
            raise ClaimcheckError(
                f"sources larger than {self.limits.total_bytes:,} bytes in all (max-total-size = {self.limits.total_bytes}; {LIMIT_HINT})", self.where
            )

    def remaining_passages(self) -> int:
        """How many more passages fit."""
        return self.limits.passages - self.passages

    def add_passages(self, count: int) -> None:
        """Count passages just made."""
        self.passages += count
        if self.passages > self.limits.passages:
            self.over_passages()

    def over_passages(self) -> None:
        """Stop: the passages cap is reached."""
        raise ClaimcheckError(f"more than {self.limits.passages:,} passages in the sources (max-passages = {self.limits.passages}; {LIMIT_HINT})", self.where)


@dataclass
class Corpus:
    """Every document and passage under one or more sources roots."""

    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    # (root, path) of a file not indexed because it is another's text, or a link to one → (root, path) of the document indexed instead.
    aliases: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def document(self, root: str, path: str) -> Document | None:
        """The document at `path` under `root`, if loaded."""
        for doc in self.documents:
            if doc.root == root and doc.path == path:
                return doc
        return None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # control characters other than white space


def _looks_binary(text: str) -> bool:
    """Whether decoded text is mostly not text: control characters other than white space."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def decode(data: bytes, name: str, warn: Warn | None = None) -> tuple[str, str]:
    """Bytes → (text, encoding): UTF-8 (BOM removed; a few bad bytes replaced) or a detected encoding; binary data is refused.

    A file that is mostly UTF-8 stays UTF-8 with each bad byte sequence replaced by U+FFFD (and `warn`
    told how many): reading the whole file as a legacy code page because of one stray byte would turn
    every other non-ASCII character into mojibake. "Mostly UTF-8": no more bad sequences than well-formed
    non-ASCII characters, or at most one per 1,000 bytes. Anything else (a cp1252 or Latin-1 file, whose
    every accent is a bad byte) goes to encoding detection.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:8192] and not utf16:
        raise ClaimcheckError("binary file, not a text source", file=name)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = "", ""
        if not utf16:
            replaced = data.decode("utf-8", errors="replace")
            bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD written in the file is no error
            valid = len(replaced) - len(replaced.encode("ascii", "ignore")) - bad  # well-formed non-ASCII characters
            if bad > 0 and (bad <= valid or bad * 1000 <= len(data)):
                text, encoding = replaced, "utf-8"
                if warn is not None:
                    warn(f"{bad:,} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced with U+FFFD")
        if not encoding:
            from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

            best = from_bytes(data).best()
            if best is None:
                raise ClaimcheckError("cannot detect the text encoding (save it as UTF-8)", file=name) from None
            text, encoding = str(best), best.encoding
            if text.startswith("\ufeff"):
                text = text[1:]
    # A detector will "decode" almost anything; text that is mostly control characters was not text.
    if _looks_binary(text):
        raise ClaimcheckError("binary file, not a text source", file=name)
    return text, encoding


# Folders that hold tool state, never sources; every dot-folder (.git, .hg, .svn, …) is skipped too.
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", "CVS", "_darcs"})


def _resolve(path: Path) -> Path | None:
    """The real path of an existing entry, or None for a dangling link or a link loop."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python < 3.13
        return None


def _walk(root: Path, warn: Warn) -> Iterator[tuple[Path, Path]]:
    """(path, real path) of each source file under `root`, depth first in name order; nothing outside is listed or opened.

    Links that stay inside the root are taken after every real path, so a file reached both ways is
    named by its real path (the one a writer cites), whatever the names sort as.
    """
    real_root = root.resolve()
    seen: set[Path] = {real_root}
    # An explicit stack, so a very deep tree cannot exhaust Python's recursion limit.
    stack: list[tuple[Path, Path]] = [(root, real_root)]
    links: list[tuple[Path, Path, bool]] = []  # (path, real path, is a folder), in the order found
    while True:
        while stack:
            directory, real_directory = stack.pop()
            try:
                with os.scandir(directory) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as exc:
                raise ClaimcheckError(f"cannot list folder: {exc.strerror or exc}", str(directory)) from None
            subfolders: list[tuple[Path, Path]] = []
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                is_source = name.lower().endswith(SOURCE_SUFFIXES)
                if not entry.is_symlink():
                    # No link on the way: the real path is known without resolving (which costs a system
                    # call per level, quadratic in a deep tree), and the entry's type comes from the listing.
                    # Paths are built only for what is kept: a tree like /usr lists hundreds of thousands of other files.
                    if entry.is_dir(follow_symlinks=False):
                        real = real_directory / name
                        if name not in SKIPPED_FOLDERS and real not in seen:
                            seen.add(real)
                            subfolders.append((directory / name, real))
                    elif is_source:
                        if entry.is_file(follow_symlinks=False):
                            yield directory / name, real_directory / name
                        else:
                            warn(f"{directory / name}: not a regular file (a pipe, socket or device); skipped")
                    continue
                path = directory / name
                # Only source files and (possible) folders are worth a warning; a stray link to a PDF is noise.
                relevant = is_source or "." not in name
                # A link is followed only when its target lies inside the root, checked before anything
                # is entered or read: a link to / or to /etc/passwd is never listed or opened.
                resolved = _resolve(path)
                if resolved is None:
                    if relevant:
                        warn(f"{path}: broken link or link loop; skipped")
                    continue
                if not resolved.is_relative_to(real_root):
                    if relevant or entry.is_dir():
                        warn(f"{path}: link leads outside the sources root; not followed")
                    continue
                try:
                    mode = resolved.stat().st_mode
                except OSError as exc:
                    warn(f"{path}: cannot stat ({exc.strerror or exc}); skipped")
                    continue
                if stat.S_ISDIR(mode):
                    if name not in SKIPPED_FOLDERS:
                        links.append((path, resolved, True))
                elif is_source:
                    if stat.S_ISREG(mode):
                        links.append((path, resolved, False))
                    else:
                        warn(f"{path}: not a regular file (a pipe, socket or device); skipped")
            stack.extend(reversed(subfolders))
        if not links:
            return
        path, real, is_folder = links.pop(0)
        if not is_folder:
            yield path, real  # load_documents skips it if its real file was already read
        elif real not in seen:  # else a link back into a folder already walked, or a loop
            seen.add(real)
            stack.append((path, real))


def _metadata_for(directory: Path, real_root: Path, cache: dict[Path, dict[str, dict[str, str]]], warn: Warn) -> dict[str, dict[str, str]]:
    """The `sources.yaml` mapping of a folder (file name → metadata), read once."""
    if directory not in cache:
        meta_path = directory / METADATA_FILE
        entries: dict[str, dict[str, str]] = {}
        real = _resolve(meta_path) if os.path.lexists(meta_path) else None
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


def _header_metadata(text: str) -> dict[str, str]:
    """Fallback metadata from the document itself: its first non-empty line is its title."""
    for match in re.finditer(r"[^\r\n]+", text):  # lazily: a huge file is not split into a list of lines
        title = match.group().strip().lstrip("#").strip()
        if title:
            return {"title": title[:200]}
    return {}


def load_documents(
    root: str | os.PathLike[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    warn: Warn = stderr_warning,
    limits: Limits | None = None,
) -> list[Document]:
    """Every text source under `root` (a folder or one file), decoded, each distinct file once."""
    return list(_documents(root, max_file_bytes, warn, _Budget(limits or Limits(), os.fspath(root))))


def _documents(root: str | os.PathLike[str], max_file_bytes: int, warn: Warn, budget: _Budget, aliases: dict[str, str] | None = None) -> Iterator[Document]:
    """The documents of `load_documents`, one at a time, each read counted against the run's budget.

    `aliases` receives, for each file skipped as a duplicate (same text, or a link to a file read), its path → the path read instead.
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
        paths = _walk(root_path, warn)
        base = root_path
    else:
        raise ClaimcheckError("sources must be a folder or a text file, not a pipe, socket or device", file=root_text)
    real_root = base.resolve()
    seen_files: dict[Path, str] = {}
    seen_content: dict[str, str] = {}
    metadata_cache: dict[Path, dict[str, dict[str, str]]] = {}
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
        # The checked real path is opened, so the name cannot be re-pointed between check and read.
        data = read_regular_file(real, max_file_bytes, "source", str(path), SIZE_HINT)
        budget.file(len(data))

        def warn_about(message: str, path: Path = path) -> None:
            warn(f"{path}: {message}")

        try:
            text, encoding = decode(data, str(path), warn_about)
        except ClaimcheckError as exc:
            warn(f"{path}: {exc.message}; skipped")
            continue
        if not text.strip():
            warn(f"{path}: empty source; skipped")
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen_content:
            warn(f"{path}: same text as {seen_content[digest]}; indexed once")
            if aliases is not None:
                aliases[relative] = seen_content[digest]
            continue
        seen_content[digest] = relative
        if encoding != "utf-8":
            warn(f"{path}: not UTF-8; read as {encoding}")
        metadata = _header_metadata(text) | _metadata_for(path.parent, real_root, metadata_cache, warn).get(path.name, {})
        yield Document(relative, root_text, text, digest, encoding, metadata)


def _pieces(text: str, span: Span, limit: int = MAX_PASSAGE_CHARS) -> list[Span]:
    """`span` itself, or, when longer than `limit`, consecutive trimmed pieces of it cut at white space."""
    if span.end - span.start <= limit:
        return [span]
    pieces: list[Span] = []
    start = span.start
    while start < span.end:
        end = min(start + limit, span.end)
        if end < span.end:
            cut = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
            if cut > start:
                end = cut  # else one unbroken run of characters: cut it hard
        piece = trim(text, Span(start, end))
        if piece.start < piece.end and any(ch.isalnum() for ch in text[piece.start : piece.end]):
            pieces.append(piece)
        start = end
    return pieces


def split_passages(document: Document, budget: _Budget | None = None) -> list[Passage]:
    """Sentence passages of a document, then windows of each two neighbouring sentences (within the run's passage cap)."""
    # Escape sequences and invisible characters are split as white space (a copy of the same length, so
    # offsets index the document's own text); matching drops them in `normalise`.
    visible = mask_hidden(document.text)
    room = budget.remaining_passages() if budget is not None else None
    spans: list[Span] = []
    for span in iter_sentence_spans(visible):
        spans.extend(_pieces(visible, span))
        # n sentences make 2n - 1 passages; stopping here keeps a huge file from being split (and held) whole.
        if budget is not None and room is not None and 2 * len(spans) - 1 > room:
            budget.over_passages()
    lines = LineMap(document.text)

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
    passages += [make(Span(a.start, b.end), 2) for a, b in itertools.pairwise(spans)]
    if budget is not None:
        budget.add_passages(len(passages))
    return passages


def load_corpus(
    roots: Iterable[str | os.PathLike[str]], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, warn: Warn = stderr_warning, limits: Limits | None = None
) -> Corpus:
    """Documents and passages from every root, within the run's limits; an empty corpus is an error."""
    corpus = Corpus()
    roots = list(roots)
    warnings = 0
    where = ", ".join(os.fspath(root) for root in roots) or None
    budget = _Budget(limits or Limits(), where)

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
        for document in _documents(root, max_file_bytes, counting, budget, aliases):
            first = seen_texts.get(document.sha256)
            if first is not None:
                counting(f"{os.path.join(os.fspath(root), document.path)}: same text as {os.path.join(first.root, first.path)}; indexed once")
                corpus.aliases[(document.root, document.path)] = (first.root, first.path)
                continue
            seen_texts[document.sha256] = document
            corpus.documents.append(document)
            corpus.passages.extend(split_passages(document, budget))
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
        raise ClaimcheckError(f"no usable .txt or .md sources{hint}", file=where)
    if not corpus.passages:
        raise ClaimcheckError("the sources hold no sentences with words to check against", file=where)
    return corpus
