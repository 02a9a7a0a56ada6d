"""The results memo: a run's verdicts by everything they depend on, so a re-run with nothing changed checks nothing.

The key is the code (the package's own files by path, size and mtime), the model, every setting that can change a verdict,
the claims (every field: ids and lines show in reports) and the sources as a walk finds them: each file's path and
stat signature (size, mtime_ns, ctime_ns, inode, device: the signature the corpus index trusts), each folder's
`sources.yaml` signature, and what the walk warned about. A hit hands back the verdicts, the documents they quote
(for bibliography and paragraphs) and the warnings the original run printed, which are printed again; anything
else is a miss: the run goes the usual way, then stores its result. Entries live in the checksummed byte store, so
a damaged one is warned about and recomputed, never trusted. Nothing here imports numpy, torch or spaCy.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import stat
import sys
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .codec import CodecError, from_plain, to_plain
from .models import Claim, Document, Verdict
from .sources.load import ExtractStore
from .sources.metadata import METADATA_FILE
from .sources.registry import suffixes
from .sources.walk import stat_signature, walk_with_folders

# Bump when what an entry holds changes shape.
MEMO_SCHEME = "results-v2"


@dataclass(frozen=True)
class Recalled:
    """A stored run: its verdicts, the documents they quote, and the warnings it printed."""

    verdicts: list[Verdict]
    documents: list[Document]
    warnings: list[str]


@cache
def code_digest() -> str:
    """A digest of the package's own files (code and data) by path, size and mtime: a verdict is a function of the code that reached it.

    Stat signatures, as for the sources: reading and hashing the package's 150-odd files cost a cached run more than its walk.
    """
    package = os.path.dirname(os.path.abspath(__file__))
    found: list[tuple[str, int, int]] = []
    folders = [package]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith((".py", ".json", ".yaml", ".txt")) and entry.is_file():
                    info = entry.stat()
                    found.append((os.path.relpath(entry.path, package).replace(os.sep, "/"), info.st_size, info.st_mtime_ns))
    return hashlib.sha256(json.dumps(sorted(found)).encode("utf-8")).hexdigest()


def sources_state(roots: Sequence[str]) -> str | None:
    """A digest of what the sources look like to a walk, without reading a file; None when a root cannot be listed (the run will say why).

    Fed to SHA-256 a file at a time, each field ended by NUL (which no path holds, so no name can pass for another):
    at 100k passages a walk finds 4,000-odd files, and a list of them dumped as one sorted JSON text cost a third of the key.
    """
    digest = hashlib.sha256()
    folders: dict[str, object] = {}
    for root in roots:
        notes: list[str] = []
        try:
            info = os.stat(root)
            if stat.S_ISDIR(info.st_mode):
                paths: Iterable[tuple[str, str, str]] = list(walk_with_folders(Path(root), notes.append, suffixes()))
            elif stat.S_ISREG(info.st_mode):
                real_root = os.path.realpath(root)
                paths = [(os.fspath(Path(root)), real_root, os.path.dirname(real_root))]
            else:
                return None
            digest.update(f"{root}\0{os.path.realpath(root)}\0".encode("utf-8", "surrogateescape"))
            lines: list[str] = []
            for path, real, folder in paths:
                if folder not in folders:
                    try:
                        folders[folder] = stat_signature(os.stat(os.path.join(folder, METADATA_FILE), follow_symlinks=False))
                    except OSError:
                        folders[folder] = None
                lines.append(f"{path}\0{real}\0{stat_signature(os.stat(real))}\0")
            digest.update("".join(lines).encode("utf-8", "surrogateescape"))
        except Exception:  # a root or file that vanished or cannot be read: the usual run reports it
            return None
        digest.update(json.dumps(notes).encode("utf-8") + b"\0")
    digest.update(json.dumps(sorted(folders.items())).encode("utf-8"))
    return digest.hexdigest()


class ResultsMemo:
    """Whole runs' verdicts in the byte store, keyed by everything they depend on (see the module docstring)."""

    def __init__(self, store: ExtractStore, settings: Mapping[str, object]) -> None:
        self.store = store
        self.settings = dict(settings)  # the model and every option that can change a verdict, as plain values

    def key(self, roots: Sequence[str], claims: Sequence[Claim]) -> dict[str, str] | None:
        """The entry's key for checking `claims` against `roots` now, or None when the sources cannot be listed."""
        state = sources_state(roots)
        if state is None:
            return None
        material = json.dumps(
            {
                "scheme": MEMO_SCHEME,
                "code": code_digest(),
                "python": sys.version,
                "settings": self.settings,
                "claims": to_plain(list(claims)),
                "sources": state,
            },
            sort_keys=True,
            default=str,
        )
        return {"kind": "results", "scheme": MEMO_SCHEME, "run": hashlib.sha256(material.encode("utf-8")).hexdigest()}

    def recall(self, key: dict[str, str]) -> Recalled | None:
        """The stored run under `key`, or None (missing, or damaged: warned by the store)."""
        found = self.store.get_bytes(key)
        if found is None:
            return None
        try:
            record = json.loads(found[1])
            return Recalled(
                [from_plain(Verdict, v) for v in record["verdicts"]],
                [_unsparse(d) for d in record["documents"]],
                [str(w) for w in record["warnings"]],
            )
        except (ValueError, KeyError, TypeError, IndexError, CodecError):  # sound bytes of another shape: a miss, recomputed
            return None

    def remember(self, key: dict[str, str], verdicts: Sequence[Verdict], documents: Iterable[Document], warnings: Sequence[str]) -> None:
        """Store a run: its verdicts, the documents its evidence quotes, and its warnings.

        Of the documents, only those a report reads: the ones a verdict's own evidence quotes (the bibliography and the quoted
        paragraphs, `reporting.report_context`, are found for those alone), not those only a part's evidence quotes.
        """
        quoted: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for v in verdicts:
            for e in v.evidence:
                quoted.setdefault((e.passage.root, e.passage.source), []).append((e.passage.char_start, e.passage.char_end))
        record = {
            "verdicts": [to_plain(v) for v in verdicts],
            "documents": [_sparse(d, quoted[(d.root, d.path)]) for d in documents if (d.root, d.path) in quoted],
            "warnings": list(warnings),
        }
        self.store.put_bytes(key, json.dumps(record, ensure_ascii=False).encode("utf-8"))


def _sparse(document: Document, spans: Sequence[tuple[int, int]]) -> dict[str, object]:
    """A document as stored with a run: of its text only the paragraphs its quoted passages lie in, each with the blank lines around it.

    A report reads a quoted passage's paragraph, found between the blank lines around it (`reporting.paragraphs`),
    and nothing else of the text; the rest is stored as a length and given back as spaces (no line break, so no blank
    line, to find), so every offset and every such paragraph is the same while the unquoted text is not stored.
    """
    from .reporting import blank_lines  # only when storing: a cached run never imports it for this

    text = document.text
    starts, ends = blank_lines(text)
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        before = bisect.bisect_right(ends, start) - 1
        after = bisect.bisect_left(starts, end)
        low = starts[before] if before >= 0 else 0
        high = ends[after] if after < len(starts) else len(text)
        if kept and low <= kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], high))
        else:
            kept.append((low, high))
    plain = to_plain(document)
    plain["text"] = {"length": len(text), "segments": [[low, text[low:high]] for low, high in kept]}
    return typing.cast(dict[str, object], plain)


def _unsparse(plain: dict[str, object]) -> Document:
    """The document `_sparse` stored: its text rebuilt to full length, spaces outside the kept paragraphs."""
    sparse = plain["text"]
    if not isinstance(sparse, dict):
        raise CodecError("expected a sparse text")
    length, pieces, at = int(sparse["length"]), [], 0
    for low, segment in sparse["segments"]:
        if not isinstance(low, int) or not isinstance(segment, str) or low < at or low + len(segment) > length:
            raise CodecError("segments out of order")
        pieces += [" " * (low - at), segment]
        at = low + len(segment)
    pieces.append(" " * (length - at))
    return from_plain(Document, {**plain, "text": "".join(pieces)})
