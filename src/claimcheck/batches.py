"""Judging claims in batches: on a Ray cluster (`cluster.py`) or on this machine's cores, in forked workers.

A batch carries its claims, their candidates and exactly what judging reads about those candidates (lead-ins and
bylines and authors of those passages only, the claims' citations, NLI probabilities computed once for the whole check as a local
run computes them); what every batch shares (thresholds, IDF, known names) travels once. `Checker.decide` runs
unchanged on each batch, so the verdicts are the ones a single process gives, in the same order.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .api import CLAIMS_PER_BATCH, Checker, claim_units
from .bytestore import ByteStore
from .calibration import Thresholds
from .citations import SourceKey
from .errors import ClaimcheckError
from .language.parts import Shape, cached_shape, claim_shapes
from .models import Claim, Passage, Verdict
from .nli import Entailment
from .retrieve import Candidate

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

# Judging (stance rules, parts, verdicts) is the expensive part of a check once the index exists. The driver retrieves
# candidates (its index, its claim vectors), then ships each batch of claims with exactly what judging reads about their
# candidate passages: lead-ins, bylines and authors of those passages only, the claims' citations, NLI probabilities computed in
# one batch here as a local run computes them. What every batch shares (thresholds, IDF, known names: corpus-wide, and
# large for an archive) goes into Ray's object store once per check. A worker needs no index folder and no sources.


@dataclass(frozen=True)
class JudgingContext:
    """What judging needs from the whole corpus, the same for every batch: put in the object store once."""

    thresholds: Thresholds
    idf: dict[str, float]
    names: frozenset[str]  # the corpus's known names (`names.known_names`)
    lowercase_names: frozenset[str]  # the names it writes in lower case (`names.lowercase_names`)


@dataclass(frozen=True)
class ClaimBatch:
    """A few claims with their candidates and everything judging reads about those candidates."""

    claims: list[Claim]
    candidates: list[list[Candidate]]
    thresholds: Thresholds | None
    cited: list[tuple[SourceKey, ...]]
    lead_ins: dict[tuple[str, str, int, int], str]
    section_lead_ins: dict[tuple[str, str, int, int], str]
    follow_ons: dict[tuple[str, str, int, int], str]
    speakers: dict[tuple[str, str, int, int], str]
    bylines: dict[tuple[str, str], str]
    authors: dict[tuple[str, str], str]
    entailments: dict[tuple[str, str], Entailment]


class BatchJudge(Checker):
    """A checker holding only what judging one batch needs, so `Checker.decide` runs unchanged on a worker."""

    def __init__(self, context: JudgingContext, batch: ClaimBatch) -> None:  # not Checker.__init__: no corpus, index or model here
        self.thresholds = context.thresholds
        self.judge_workers = 1  # this is a worker: judge here
        self.idf = context.idf
        self.names = context.names
        self.lowercase_names = context.lowercase_names
        self.nli = None
        self.progress = None
        self._bylines = batch.bylines
        self._authors = batch.authors
        self._batch = batch

    def lead_in(self, passage: Passage) -> str:
        """The lead-in the driver looked up for this candidate."""
        return self._batch.lead_ins.get(passage.key, "")

    def section_lead_in(self, passage: Passage) -> str:
        """The lead-in under the candidate's own heading, as the driver looked it up."""
        return self._batch.section_lead_ins.get(passage.key, "")

    def follow_on(self, passage: Passage) -> str:
        """The sentence after the candidate, as the driver looked it up."""
        return self._batch.follow_ons.get(passage.key, "")

    def speaker(self, passage: Passage) -> str:
        """The candidate's labelled speaker, as the driver looked it up."""
        return self._batch.speakers.get(passage.key, "")

    def citations(self, claims: list[Claim]) -> list[tuple[SourceKey, ...]]:
        """The batch's citations, resolved by the driver (which has the corpus)."""
        if len(claims) != len(self._batch.cited):
            raise RuntimeError("citations asked for claims outside the batch")
        return list(self._batch.cited)

    def entailments(self, claims: list[Claim], candidates: Sequence[list[Candidate]]) -> dict[tuple[str, str], Entailment]:
        """The NLI probabilities the driver computed for the whole check in one batch (none without an NLI model)."""
        return self._batch.entailments


def judge_in_batches(
    checker: Checker, executor: SharedMap, claims: list[Claim], candidates: Sequence[list[Candidate]], thresholds: Thresholds | None = None
) -> list[Verdict]:
    """`checker.decide(claims, candidates, thresholds)` judged in batches by `executor`: the same verdicts, in the same order."""
    units = claim_units(claims, candidates)
    # NLI scores every pair in one batch, as a local run does: a cross-encoder's last bits depend on its batch.
    entailments = checker.entailments([claim for claim, _ in units], [found for _, found in units])
    cited = checker.citations(claims)
    batches = []
    for first in range(0, len(claims), CLAIMS_PER_BATCH):
        few, their = list(claims[first : first + CLAIMS_PER_BATCH]), list(candidates[first : first + CLAIMS_PER_BATCH])
        judged = claim_units(few, their)
        # Every passage judging reads about (a candidate's lead-in and byline; _borne_out's supporting evidence is
        # among the candidates) is one of these.
        passages = {c.passage.key: c.passage for _, found in judged for c in found}
        pairs = {(claim.text, c.passage.text) for claim, found in judged for c in found}
        batches.append(
            ClaimBatch(
                claims=few,
                candidates=their,
                thresholds=thresholds,
                cited=cited[first : first + CLAIMS_PER_BATCH],
                lead_ins={key: checker.lead_in(passage) for key, passage in passages.items()},
                section_lead_ins={key: checker.section_lead_in(passage) for key, passage in passages.items()},
                follow_ons={key: checker.follow_on(passage) for key, passage in passages.items()},
                speakers={key: checker.speaker(passage) for key, passage in passages.items()},
                bylines={(p.root, p.source): checker._bylines.get((p.root, p.source), "") for p in passages.values()},
                authors={(p.root, p.source): checker._authors.get((p.root, p.source), "") for p in passages.values()},
                entailments={pair: value for pair, value in entailments.items() if pair in pairs},
            )
        )
    done = 0

    def report(verdicts: list[Verdict]) -> None:
        nonlocal done
        done += len(verdicts)
        if checker.progress:
            checker.progress("checking claims", done, len(claims))

    results = executor.map_shared(judge_batch, JudgingContext(checker.thresholds, checker.idf, checker.names, checker.lowercase_names), batches, report)
    return [verdict for verdicts in results for verdict in verdicts]


class SharedMap(Protocol):
    """What judging in batches needs of an executor (a `RayExecutor`, a `ForkPool`)."""

    def map_shared(self, function: Callable[[S, T], R], shared: S, items: Sequence[T], on_result: Callable[[R], None] | None = None) -> list[R]:
        """`[function(shared, item) for item in items]`, `on_result` called on each result in order."""
        ...


# ForkPool's shared value: set before the pool forks, so each worker inherits it instead of unpickling it per batch.
_SHARED: Any = None


def _call_shared(call: tuple[Callable[[Any, Any], Any], Any]) -> tuple[bool, Any]:
    """Run one call in a worker; a `ClaimcheckError` comes back as its parts (its constructor does not unpickle)."""
    function, item = call
    try:
        return True, function(_SHARED, item)
    except ClaimcheckError as exc:
        return False, (exc.message, exc.file, exc.line)


class ForkPool:
    """This machine's cores as forked worker processes: each inherits the checker's loaded state (names, IDF, parser)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    @staticmethod
    def usable() -> bool:
        """Whether this platform forks (not Windows; macOS can but its system libraries are not fork-safe)."""
        import multiprocessing

        return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()

    def map_shared(self, function: Callable[[S, T], R], shared: S, items: Sequence[T], on_result: Callable[[R], None] | None = None) -> list[R]:
        """`[function(shared, item) for item in items]` on `workers` forked processes, results in order."""
        global _SHARED
        _SHARED = shared
        results: list[R] = []
        try:
            with _forked_pool(self.workers) as pool:
                for ok, value in pool.imap(_call_shared, [(function, item) for item in items]):
                    if not ok:
                        raise ClaimcheckError(*value)
                    results.append(value)
                    if on_result:
                        on_result(value)
        finally:
            _SHARED = None
        return results


def _forked_pool(workers: int) -> Pool:
    """A pool of `workers` forked processes (check `ForkPool.usable()` first)."""
    import multiprocessing

    with warnings.catch_warnings():
        # Python warns that forking a threaded process may deadlock; the workers only judge or parse (no torch, no locks
        # held across the fork by this thread), and they exit with the pool.
        warnings.simplefilter("ignore", DeprecationWarning)
        return multiprocessing.get_context("fork").Pool(workers)


def judge_batch(context: JudgingContext, batch: ClaimBatch) -> list[Verdict]:
    """Verdicts for one batch, on a worker: `Checker.decide` over the shipped context."""
    return BatchJudge(context, batch).decide(batch.claims, batch.candidates, batch.thresholds)


class Aside(Protocol):
    """Claim shapes being parsed in another process."""

    def get(self) -> list[Shape]:
        """The shapes, waiting for them (parsed here after all if the other process failed)."""
        ...


def parse_aside(texts: Sequence[str], store: ByteStore | None) -> Aside | None:
    """`claim_shapes(texts, store)` started in a forked child while this process loads the embedding model, else None.

    Only when there is something to overlap: some text needs the parser, and neither the parser nor torch is loaded here.
    """
    if "spacy" in sys.modules or "torch" in sys.modules or not ForkPool.usable() or all(cached_shape(store, text) is not None for text in texts):
        return None
    pool = _forked_pool(1)
    result = pool.apply_async(claim_shapes, (list(texts), store))
    pool.close()

    class Pending:
        def get(self) -> list[Shape]:
            try:
                shapes: list[Shape] = result.get()
                return shapes
            except Exception:  # an error (said again below, in one line), or the child died: parse here
                return claim_shapes(texts, store)
            finally:
                pool.terminate()

    return Pending()
