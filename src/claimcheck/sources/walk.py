"""The safe walk of a sources folder: links stay inside the root, FIFOs and devices are never opened, and a run's reads are budgeted."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClaimcheckError, printable

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
# Caps per run. A mistaken `sources: /` or `--sources /usr` must end with a message in seconds, not fill the
# memory: each passage costs about 2.4 KB (text, offsets, lexical stems, lead-in, a 384-float vector), and
# CPU embedding runs at about 80-110 passages a second, so 100,000 passages (about 2.5 MB of prose, a couple
# of thousand articles) is already a 20-minute first index. The file and byte caps end a walk of a disk early.
DEFAULT_MAX_FILES = 10_000
DEFAULT_MAX_TOTAL_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PASSAGES = 100_000
LIMIT_HINT = "raise it in .claimcheck.toml if this is really the corpus"
SIZE_HINT = " (raise it with max-file-size in .claimcheck.toml)"
# Folders that hold tool state, never sources; every dot-folder (.git, .hg, .svn, …) is skipped too.
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", "CVS", "_darcs"})

Warn = Callable[[str], None]


def stderr_warning(message: str) -> None:
    """Print a one-line warning on stderr (and keep it for each recording under way)."""
    line = f"claimcheck: warning: {printable(message)}"
    for recording in _recordings:
        recording.append(line)
    print(line, file=sys.stderr)


_recordings: list[list[str]] = []


@contextmanager
def recording_warnings() -> Iterator[list[str]]:
    """The warnings printed while the block runs, in order (a stored run prints them again when it is reused)."""
    lines: list[str] = []
    _recordings.append(lines)
    try:
        yield lines
    finally:
        _recordings.remove(lines)


def stat_signature(info: os.stat_result) -> list[int]:
    """What must stay the same for a file to count as unchanged without reading it (the corpus index and the results memo trust it)."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


@dataclass(frozen=True)
class Limits:
    """Caps on what one run reads and indexes (config keys max-files, max-total-size, max-passages)."""

    files: int = DEFAULT_MAX_FILES
    total_bytes: int = DEFAULT_MAX_TOTAL_BYTES
    passages: int = DEFAULT_MAX_PASSAGES


class Budget:
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


def resolve(path: Path) -> Path | None:
    """The real path of an existing entry, or None for a dangling link or a link loop."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python < 3.13
        return None


def walk(root: Path, warn: Warn, suffixes: tuple[str, ...]) -> Iterator[tuple[Path, Path]]:
    """(path, real path) of each source file (a name ending in one of `suffixes`) under `root`, depth first in name order (see `walk_names`)."""
    for path, real in walk_names(root, warn, suffixes):
        yield Path(path), Path(real)


def _child(directory: str, name: str) -> str:
    """`directory`/`name` spelled as pathlib spells it (no "./" prefix), without building a Path."""
    return name if directory == "." else os.path.join(directory, name)


def _prefix(directory: str) -> str:
    """What `_child(directory, name)` puts before a plain name: `directory` and a separator, or nothing for ".".

    Joined once per folder, so each entry costs one concatenation (`os.path.join` per entry was a third of a 4,000-file walk).
    """
    return "" if directory == "." else os.path.join(directory, "")


def walk_names(root: Path, warn: Warn, suffixes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """`walk` as strings: (path, real path) of each source file under `root`, depth first in name order.

    Nothing outside the root is listed or opened. Links that stay inside the root are taken after every
    real path, so a file reached both ways is named by its real path (the one a writer cites), whatever
    the names sort as. Strings, not Paths: building two Paths per file was most of a 100k-file walk's time.
    """
    for path, real, _ in walk_with_folders(root, warn, suffixes):
        yield path, real


def walk_with_folders(root: Path, warn: Warn, suffixes: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """`walk_names` with each file's real folder (`os.path.dirname` of its real path), known from the listing without a call."""
    real_root_path = root.resolve()
    real_root = os.fspath(real_root_path)
    seen: set[str] = {real_root}
    # An explicit stack, so a very deep tree cannot exhaust Python's recursion limit.
    stack: list[tuple[str, str]] = [(os.fspath(root), real_root)]
    links: list[tuple[str, str, bool]] = []  # (path, real path, is a folder), in the order found
    while True:
        while stack:
            directory, real_directory = stack.pop()
            try:
                with os.scandir(directory) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as exc:
                raise ClaimcheckError(f"cannot list folder: {exc.strerror or exc}", directory) from None
            subfolders: list[tuple[str, str]] = []
            prefix, real_prefix = _prefix(directory), os.path.join(real_directory, "")
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                is_source = name.lower().endswith(suffixes)
                if not entry.is_symlink():
                    # No link on the way: the real path is known without resolving (which costs a system
                    # call per level, quadratic in a deep tree), and the entry's type comes from the listing.
                    # Names are joined only for what is kept: a tree like /usr lists hundreds of thousands of other files.
                    if entry.is_dir(follow_symlinks=False):
                        real = real_prefix + name
                        if name not in SKIPPED_FOLDERS and real not in seen:
                            seen.add(real)
                            subfolders.append((prefix + name, real))
                    elif is_source:
                        if entry.is_file(follow_symlinks=False):
                            yield prefix + name, real_prefix + name, real_directory
                        else:
                            warn(f"{prefix + name}: not a regular file (a pipe, socket or device); skipped")
                    continue
                path = _child(directory, name)
                # Only source files and (possible) folders are worth a warning; a stray link to a spreadsheet is noise.
                relevant = is_source or "." not in name
                # A link is followed only when its target lies inside the root, checked before anything
                # is entered or read: a link to / or to /etc/passwd is never listed or opened.
                resolved = resolve(Path(path))
                if resolved is None:
                    if relevant:
                        warn(f"{path}: broken link or link loop; skipped")
                    continue
                if not resolved.is_relative_to(real_root_path):
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
                        links.append((path, os.fspath(resolved), True))
                elif is_source:
                    if stat.S_ISREG(mode):
                        links.append((path, os.fspath(resolved), False))
                    else:
                        warn(f"{path}: not a regular file (a pipe, socket or device); skipped")
            stack.extend(reversed(subfolders))
        if not links:
            return
        path, real, is_folder = links.pop(0)
        if not is_folder:
            yield path, real, os.path.dirname(real)  # the loader skips it if its real file was already read
        elif real not in seen:  # else a link back into a folder already walked, or a loop
            seen.add(real)
            stack.append((path, real))
