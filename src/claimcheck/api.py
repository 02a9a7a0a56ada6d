"""The library API: `check(claims, sources)`; the CLI is a thin layer over it."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

import numpy as np

from .calibration import DEFAULT, Thresholds
from .claims import safe_relative
from .corpus import DEFAULT_MAX_FILE_BYTES, Corpus, Limits, load_corpus, stderr_warning
from .embed import Embedder
from .errors import ClaimcheckError
from .index import ByteStore, EmbeddingCache, Index, build_index, default_cache_dir
from .models import Claim, Evidence, Passage, Verdict
from .names import known_names
from .nli import Entailment, NLIScorer
from .retrieve import Candidate, LexicalIndex, retrieve
from .stance import judge
from .text import normalise
from .verdict import decide

Progress = Callable[[str, int, int], None]
CLAIM_SCHEME = "claims-v1"


class Checker:
    """An indexed corpus ready to check claims against; build once, check many times."""

    def __init__(
        self,
        sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Corpus,
        *,
        model: str | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        use_cache: bool = True,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        thresholds: Thresholds = DEFAULT,
        nli_model: str | None = None,
        progress: Progress | None = None,
        limits: Limits | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.thresholds = thresholds
        self.nli = NLIScorer(nli_model) if nli_model else None
        cache_root = (Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
        roots: list[str | os.PathLike[str]]
        if isinstance(sources, Corpus):
            roots = list(dict.fromkeys(d.root for d in sources.documents))
        else:
            roots = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        if cache_root is not None:  # before anything is read or written
            refuse_cache_inside_sources(cache_root, roots)
        corpus = sources if isinstance(sources, Corpus) else load_corpus(roots, max_file_bytes=max_file_bytes, limits=limits)
        self.progress = progress
        # A caller that re-reads changed sources (watch mode) passes the embedder it already has: the model stays loaded.
        self.embedder = embedder or Embedder(model)
        # One store for passages and claims: an unusable cache folder is warned about once.
        store = ByteStore(cache_root, stderr_warning)
        # Claims are cached too (by the hash of the whole list), so re-checking an unchanged claims file
        # against unchanged sources needs no model at all: no torch import, no encoding.
        self._claim_cache = EmbeddingCache(store, stderr_warning, scheme=CLAIM_SCHEME)
        self.index: Index = build_index(
            corpus,
            self.embedder,
            store=store,
            progress=(lambda done, total: progress("embedding passages", done, total)) if progress else None,
        )
        self.lexical = LexicalIndex(corpus.passages)
        self.idf = self.lexical.idf
        self.names = known_names([p.text for p in corpus.passages if p.sentence_count == 1])
        self._lead_in = _lead_ins(corpus)
        self._bylines = {(d.root, d.path): " ".join(d.metadata.get(k, "") for k in ("outlet", "author")) for d in corpus.documents}

    @property
    def corpus(self) -> Corpus:
        """The documents and passages being checked against."""
        return self.index.corpus

    def check(self, claims: Iterable[Claim | str], thresholds: Thresholds | None = None) -> list[Verdict]:
        """A verdict for every claim, in the order given."""
        items = as_claims(claims)
        return self.decide(items, self.retrieve(items), thresholds)

    def retrieve(self, claims: list[Claim]) -> list[list[Candidate]]:
        """Candidate passages for each claim, best first (citations checked first)."""
        if not claims:
            raise ClaimcheckError("no claims to check")
        self._check_citations(claims)
        vectors = self._encode_claims([normalise(c.text) for c in claims])
        return retrieve(self.index, [c.text for c in claims], vectors, self.thresholds, self.lexical)

    def decide(self, claims: list[Claim], candidates: list[list[Candidate]], thresholds: Thresholds | None = None) -> list[Verdict]:
        """Judge each claim's candidates and turn them into a verdict."""
        entailments = self.entailments(claims, candidates)
        verdicts = []
        for n, (claim, found) in enumerate(zip(claims, candidates), start=1):
            judged = [self.judge(claim, candidate, thresholds, entailments.get((claim.text, candidate.passage.text))) for candidate in found]
            verdicts.append(decide(claim, judged))
            if self.progress and (n % 50 == 0 or n == len(claims)):
                self.progress("checking claims", n, len(claims))
        return verdicts

    def judge(self, claim: Claim, candidate: Candidate, thresholds: Thresholds | None = None, nli: Entailment | None = None) -> Evidence:
        """One candidate passage judged against a claim, with everything the corpus knows around it."""
        passage = candidate.passage
        judgement = judge(
            claim.text,
            passage.text,
            candidate.similarity,
            self.idf,
            thresholds or self.thresholds,
            context=self.lead_in(passage),
            names=self.names,
            byline=self._bylines.get((passage.root, passage.source), ""),
            nli=nli,
        )
        signals = judgement.signals | {"fuzzy": round(candidate.fuzzy, 4)}
        return Evidence(passage, judgement.stance, round(candidate.score, 4), judgement.explanation, signals, judgement.conflict)

    def entailments(self, claims: list[Claim], candidates: list[list[Candidate]]) -> dict[tuple[str, str], Entailment]:
        """NLI probabilities for every (claim, candidate) pair, in one batch, when an NLI model is set."""
        if self.nli is None:
            return {}
        pairs = list(dict.fromkeys((claim.text, c.passage.text) for claim, found in zip(claims, candidates) for c in found))
        return dict(zip(pairs, self.nli.score(pairs)))

    def _encode_claims(self, texts: list[str]) -> np.ndarray:
        """Claim vectors, from the cache when this exact list was encoded before."""
        digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()
        dimension = self.index.vectors.shape[1] if self.index.vectors.size else None
        cached = self._claim_cache.get(self.embedder.id, digest, len(texts), dimension)
        if cached is not None:
            return cached
        vectors = self.embedder.encode(texts)
        self._claim_cache.put(self.embedder.id, digest, vectors)
        return vectors

    def lead_in(self, passage: Passage) -> str:
        """The sentences just before a passage in its document."""
        return self._lead_in.get(passage.key, "")

    def _check_citations(self, claims: list[Claim]) -> None:
        """Every `cite` must name a loaded source (never read from outside the roots)."""
        known = {d.path for d in self.corpus.documents}
        for claim in claims:
            for cited in claim.cite:
                path = PurePosixPath(cited.replace("\\", "/"))
                if not safe_relative(cited):
                    raise ClaimcheckError(f"claim '{claim.id}' cites '{cited}', which points outside the sources root", claim.file, claim.line)
                if path.as_posix() not in known:
                    raise ClaimcheckError(f"claim '{claim.id}' cites '{cited}', which is not among the sources", claim.file, claim.line)


def refuse_cache_inside_sources(cache: Path, roots: Sequence[str | os.PathLike[str]]) -> None:
    """The cache never lives inside (or is) a sources root: its files would be read as sources, or written among them."""
    resolved = Path(os.path.realpath(cache))
    for root in roots:
        folder = Path(os.path.realpath(root))
        if resolved == folder or resolved.is_relative_to(folder):
            raise ClaimcheckError(f"cache folder {os.fspath(cache)} lies inside the sources root {os.fspath(root)}; pass another --cache-dir (or --no-cache)")


def as_claims(claims: Iterable[Claim | str]) -> list[Claim]:
    """Claims as given, plain strings made into claims with ids `claim-1`, `claim-2`, …"""
    return [c if isinstance(c, Claim) else Claim(id=f"claim-{n}", text=c) for n, c in enumerate(claims, start=1)]


LEAD_IN_SENTENCES = 3


def _lead_ins(corpus: Corpus) -> dict[tuple[str, str, int, int], str]:
    """For each passage, the few sentences before it in its document: where its pronouns were named."""
    sentences: dict[tuple[str, str], list[Passage]] = {}
    for passage in corpus.passages:
        if passage.sentence_count == 1:
            sentences.setdefault((passage.root, passage.source), []).append(passage)
    lead_in: dict[tuple[str, str, int, int], str] = {}
    for document_sentences in sentences.values():
        for position, sentence in enumerate(document_sentences):
            before = document_sentences[max(0, position - LEAD_IN_SENTENCES) : position]
            lead_in[sentence.key] = " ".join(s.text for s in before)
    # A window's lead-in is its first sentence's, found by start offset (a dict: linear, not quadratic).
    first_sentence = {(s.root, s.source, s.char_start): s for group in sentences.values() for s in group}
    for passage in corpus.passages:
        if passage.sentence_count > 1:
            first = first_sentence.get((passage.root, passage.source, passage.char_start))
            if first is not None:
                lead_in[passage.key] = lead_in.get(first.key, "")
    return lead_in


def check(
    claims: Iterable[Claim | str],
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Corpus,
    **options: object,
) -> list[Verdict]:
    """Check claims (or plain claim sentences) against a sources folder; options as for `Checker`."""
    return Checker(sources, **options).check(claims)  # type: ignore[arg-type]
