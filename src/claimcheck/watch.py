"""Watch mode: the model and index stay loaded; each save re-checks only the claims that changed, then the report is redrawn.

File events come from watchfiles (MIT; Rust `notify`: inotify on Linux, FSEvents on macOS, so a save is seen
within tens of milliseconds without polling). A draft or claims file is watched through its folder, not its
inode, because editors save by writing a new file and renaming it over the old one.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .memo import Recalled, ResultsMemo
from .models import Claim, Document, Verdict
from .sources.walk import recording_warnings

if TYPE_CHECKING:
    from .api import Checker
    from .embed import Embedder

ClaimKey = tuple[str | tuple[str, ...], ...]
# Events closer together than this are one save (an editor's write, rename and chmod).
DEBOUNCE_MS = 60
STEP_MS = 15


# A re-check after a save encodes a sentence or two: on one thread that takes 20-40 ms here, on torch's default
# two it took 0.2-1 s while other processes kept both cores busy (threads waiting on each other). Measured on
# all-MiniLM-L6-v2, one sentence: benchmarks/RESULTS.md.
FEW_CLAIMS = 8


@contextmanager
def one_thread_for(count: int) -> Iterator[None]:
    """Run torch on one thread while encoding `count` texts, when that is few; restore the setting after."""
    torch = sys.modules.get("torch")
    if torch is None or count > FEW_CLAIMS:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def claim_key(claim: Claim) -> ClaimKey:
    """What a verdict depends on besides the sources: the claim's text and the sources it cites (not its id or place), and
    for a sentence opening on a pronoun, the sentences before it and its heading (what the pronoun refers to), and for a
    list item, the lead-in it hangs from."""
    # Only a draft sentence has sentences before it or a heading; a claims file's claims do not, and a cached re-run of one
    # then never imports the language package (its patterns cost ~25 ms to compile).
    # A list item's lead-in gives it its period: the same words under another lead-in are another claim.
    framed = (claim.frame,) if claim.frame else ()
    if not claim.previous and not claim.section:
        return (claim.text, claim.cite, *framed)
    from .language.reference import referring_subject

    if referring_subject(claim.text) is not None:
        return (claim.text, claim.cite, claim.previous, claim.section, *framed)
    return (claim.text, claim.cite, *framed)


@dataclass
class VerdictMemo:
    """Verdicts by claim text, so a sentence that did not change is never checked again against unchanged sources."""

    known: dict[ClaimKey, Verdict] = field(default_factory=dict)

    def check(self, checker: Checker, claims: list[Claim]) -> tuple[list[Verdict], int]:
        """A verdict per claim (in order), checking only the claims not seen before; also how many were checked."""
        missing = list({claim_key(c): c for c in claims if claim_key(c) not in self.known}.values())
        if missing:
            with one_thread_for(len(missing)):
                fresh = checker.check(missing)
            for claim, verdict in zip(missing, fresh):
                self.known[claim_key(claim)] = verdict
        # A reused verdict takes the claim as it now is: its id and line move when sentences above it change.
        return [replace(self.known[claim_key(c)], claim=c) for c in claims], len(missing)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class Checkers:
    """A checker per set of sources roots, built once and kept; a change under a root rebuilds only that root's checker."""

    def __init__(self, build: Callable[[list[str], Embedder | None], Checker], results: ResultsMemo | None = None) -> None:
        self._build = build
        self._checkers: dict[tuple[str, ...], tuple[Checker, VerdictMemo]] = {}
        self._embedder: Embedder | None = None
        self.results = results  # whole runs stored on disk: a re-run with nothing changed builds no checker at all
        self._recalled: dict[tuple[str, ...], Recalled] = {}  # roots → the stored run that served them
        self.checked = 0  # claims checked (not reused) since the last `reset_counts`
        self.total = 0

    def checker(self, roots: list[str]) -> tuple[Checker, VerdictMemo]:
        """The checker for `roots`, built on first use (with the embedder of any earlier one: the model stays loaded)."""
        key = tuple(roots)
        if key not in self._checkers:
            checker = self._build(list(roots), self._embedder)
            self._embedder = checker.embedder
            # A stored run's verdicts are this checker's too (same sources, same settings): a later save re-checks only what changed.
            recalled = self._recalled.pop(key, None)
            self._checkers[key] = (checker, VerdictMemo({claim_key(v.claim): v for v in recalled.verdicts} if recalled else {}))
        return self._checkers[key]

    def check(self, roots: list[str], claims: list[Claim]) -> list[Verdict]:
        """Verdicts for `claims` against `roots`, reusing those of claims already checked there, or of an identical earlier run."""
        run = self.results.key(roots, claims) if self.results is not None and tuple(roots) not in self._checkers else None
        recalled = self.results.recall(run) if self.results is not None and run is not None else None
        if recalled is not None:
            for line in recalled.warnings:  # what loading the sources said then, said again
                print(line, file=sys.stderr)
            self._recalled[tuple(roots)] = recalled
            self.total += len(claims)
            return recalled.verdicts
        with recording_warnings() as warnings:
            checker, memo = self.checker(roots)
            verdicts, checked = memo.check(checker, claims)
        self.checked += checked
        self.total += len(claims)
        # Stored only when the sources did not change while the run read them (the key, taken again, is the same).
        if self.results is not None and run is not None and self.results.key(roots, claims) == run:
            self.results.remember(run, verdicts, checker.corpus.documents, warnings)
        return verdicts

    def documents(self, roots: list[str]) -> list[Document]:
        """The documents of `roots` (for bibliography and quoted paragraphs): the checker's, or those a recalled run quotes."""
        key = tuple(roots)
        if key in self._checkers:
            return self._checkers[key][0].corpus.documents
        recalled = self._recalled.get(key)
        return recalled.documents if recalled is not None else self.checker(roots)[0].corpus.documents

    def warm(self) -> None:
        """Load the sources and the embedding model now, so the first save after start is as quick as the rest (a cached run needs no model)."""
        for key in list(self._recalled):
            self.checker(list(key))
        for checker, _ in self._checkers.values():
            checker.embedder.encode(["claimcheck"])

    def reset_counts(self) -> None:
        """Start counting a new run."""
        self.checked = self.total = 0

    def sources_changed(self, changed: Iterable[Path]) -> bool:
        """Forget the checker (and its verdicts) of every roots set a changed path lies under; whether any was."""
        paths = [os.path.realpath(p) for p in changed]
        stale = [key for key in self._checkers if any(_inside(p, os.path.realpath(root)) for p in paths for root in key)]
        for key in stale:
            del self._checkers[key]
        self._recalled.clear()  # a recalled run's documents are only good for the run that recalled them
        return bool(stale)


def file_changes(files: Iterable[Path], folders: Iterable[Path], stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """Sets of changed paths, one per save: `files` (watched through their folders) and anything under `folders`.

    Watching starts here, before the first value is asked for, so a save made meanwhile is not missed.
    """
    import watchfiles

    watched_files = {os.path.realpath(f) for f in files}
    watched_folders = [os.path.realpath(f) for f in folders if os.path.isdir(f)]
    stop = stop or threading.Event()
    found: queue.Queue[set[Path]] = queue.Queue()

    def relevant(path: str) -> bool:
        real = os.path.realpath(path)
        return real in watched_files or any(_inside(real, folder) for folder in watched_folders)

    def pump(paths: list[str], recursive: bool) -> None:
        for changes in watchfiles.watch(*paths, recursive=recursive, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop, raise_interrupt=False):
            hits = {Path(p) for _, p in changes if relevant(p)}
            if hits:
                found.put(hits)

    # The files' folders are watched one level deep only: a draft's folder may hold a whole project.
    groups = [(sorted({os.path.dirname(f) for f in watched_files}), False), (watched_folders, True)]
    for group in groups:
        if group[0]:
            threading.Thread(target=pump, args=group, daemon=True).start()

    def batches() -> Iterator[set[Path]]:
        try:
            while True:
                try:
                    batch = found.get(timeout=0.2)  # a timeout keeps the main thread responsive to Ctrl-C
                except queue.Empty:
                    continue
                while not found.empty():
                    batch |= found.get_nowait()
                yield batch
        finally:
            stop.set()

    return batches()


@dataclass
class WatchRun:
    """What a watch loop needs from a command: how to run it again, how to show the result, what to listen to."""

    prepare: Callable[[], object]  # one run: load the inputs, check (reusing verdicts), build the report input
    show: Callable[[object, float], None]  # redraw the report of a run that took the given seconds
    fail: Callable[[str], None]  # say why a run failed (a bad edit): the watch goes on
    checkers: Checkers


def watch_after_first(run: WatchRun, changes: Iterable[set[Path]]) -> None:
    """After a first run (the caller's), run again after every change until the change source ends (Ctrl-C raises through it)."""
    from time import perf_counter

    from .errors import ClaimcheckError

    for changed in changes:
        run.checkers.sources_changed(changed)
        run.checkers.reset_counts()
        start = perf_counter()
        try:
            result = run.prepare()
        except ClaimcheckError as exc:  # a half-written claims file or draft: say so and wait for the next save
            run.fail(str(exc))
            continue
        run.show(result, perf_counter() - start)
