"""The library API: `check(claims, sources)`; the CLI is a thin layer over it."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import numpy as np

from .calibration import DEFAULT, Thresholds
from .citations import SourceKey, SourceNames
from .embed import Embedder, TextEncoder
from .errors import ClaimcheckError
from .index import ByteStore, EmbeddingCache, Executor, build_index, default_cache_dir
from .index.corpus import CorpusIndex, open_corpus_index
from .index.lexical import LexicalIndex
from .index.ort import OnnxEmbedder, check_time_embedder
from .index.retriever import Candidate, ExactRetriever, RetrievalSettings, Retriever
from .index.windows import ExactWindows
from .language.parts import INDEPENDENT_KINDS, Part, Shape, claim_shapes
from .language.reference import antecedents, referring_subject, resolved
from .models import Claim, Evidence, IndexReport, Label, PartVerdict, Passage, Stance, Verdict
from .names import defined_initials, known_names, label_speaker, lowercase_names
from .nli import Entailment, NLIScorer
from .sources import DEFAULT_MAX_FILE_BYTES, Corpus, Limits, ReadOptions, stderr_warning
from .stance import described, judge, part_coverage
from .text import normalise
from .verdict import MOOD_BLOCKERS, combine, decide, overlaps

Progress = Callable[[str, int, int], None]
CLAIM_SCHEME = "claims-v1"
CLAIMS_PER_BATCH = 16  # claims judged per batch on a worker: big against a task's overhead, small enough to spread


class Candidates(list[Candidate]):
    """A claim's candidate passages, best first, and for a compound claim each part's own candidates."""

    def __init__(
        self,
        found: Iterable[Candidate] = (),
        parts: Sequence[tuple[Part, list[Candidate]]] = (),
        subject: str = "",
        verbs: tuple[str, ...] | None = None,
        heads: tuple[str, ...] | None = None,
        doers: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(found)
        self.parts = list(parts)
        self.subject = subject  # who or what the claim is about, as the parser reads it
        self.verbs = verbs  # the verbs a source must say for the claim, as the parser reads it (None: not parsed yet)
        self.heads = heads  # the nouns and adjectives a source must say for the claim, likewise
        self.doers = doers  # who did the claim's acts ("move officer"), likewise


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
        read_options: ReadOptions | None = None,
        embedder: Embedder | None = None,
        executor: Executor | None = None,
        threads: int | None = None,
        judge_workers: int | None = None,
    ) -> None:
        self.thresholds = thresholds
        # Judging is pure Python on one core; above one batch of claims it is spread over this machine's cores.
        self.judge_workers = judge_workers if judge_workers is not None else available_cores()
        self.nli = NLIScorer(nli_model) if nli_model else None
        cache_root = (Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
        roots: list[str | os.PathLike[str]]
        if isinstance(sources, Corpus):
            roots = list(dict.fromkeys(d.root for d in sources.documents))
        else:
            roots = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        if cache_root is not None:  # before anything is read or written
            refuse_cache_inside_sources(cache_root, roots)
        # One store for extracted text, passages and claims: an unusable cache folder is warned about once.
        store = ByteStore(cache_root, stderr_warning)
        self.progress = progress
        # A caller that re-reads changed sources (watch mode) passes the embedder it already has: the model stays loaded.
        self.embedder = embedder or Embedder(model)
        # Claims are cached too (by the hash of the whole list), so re-checking an unchanged claims file
        # against unchanged sources needs no model at all: no torch import, no encoding.
        self._claim_cache = EmbeddingCache(store, stderr_warning, scheme=CLAIM_SCHEME)
        self._store = store
        embedding = (lambda done, total: progress("embedding passages", done, total)) if progress else None
        if isinstance(sources, Corpus):  # a corpus built by the caller: indexed in memory, not saved
            started = time.perf_counter()
            built = build_index(sources, self.embedder, store=store, progress=embedding, executor=executor, threads=threads)
            passages = sources.passages
            self.index = CorpusIndex(
                sources,
                built.vectors,
                built.model_id,
                built.encoded,
                LexicalIndex(passages),
                known_names([p.text for p in passages if p.sentence_count == 1]),
                IndexReport(len(sources.documents), 0, len(sources.documents), 0, len(passages), 0, built.encoded, round(time.perf_counter() - started, 3)),
                rows=document_rows(sources),
            )
        else:
            # The persistent corpus index: opened as it is when nothing changed, updated for what did.
            self.index = open_corpus_index(
                roots,
                self.embedder,
                store=store,
                max_file_bytes=max_file_bytes,
                limits=limits,
                read_options=read_options,
                progress=embedding,
                executor=executor,  # where new documents are encoded (one `encode_job` each); here by default
                threads=threads,
            )
        self.lexical = self.index.lexical
        self.idf = self.lexical.idf
        self.names = self.index.names
        # Retrieval reads its own settings; the `[thresholds]` keys users set for it (fusion weights, candidates) map onto them.
        # Window rows in the index are derived from their sentences'; the windows about to be judged are encoded exactly.
        # Claims and the windows about to be judged are encoded with ONNX Runtime where it reproduces the model: no torch import.
        self.encoder: TextEncoder = check_time_embedder(self.embedder, store)
        self.windows = ExactWindows(self.encoder, store, self.index.rows)
        self.retriever: Retriever = ExactRetriever(self.index, self.lexical, RetrievalSettings.of(thresholds), windows=self.windows)
        # Per document, made when a candidate needs it: each passage's lead-in and the sentence after it.
        self._around: dict[tuple[str, str], dict[tuple[str, str, int, int], tuple[str, str, str, str]]] = {}
        self._source_names: SourceNames | None = None
        self._bylines = {(d.root, d.path): " ".join(d.metadata.get(k, "") for k in ("outlet", "author")) for d in self.corpus.documents}
        self._authors = {(d.root, d.path): d.metadata.get("author", "") for d in self.corpus.documents}

    @property
    def index_report(self) -> IndexReport:
        """What opening the index reused and computed (documents read, passages encoded, …)."""
        return self.index.report

    @property
    def corpus(self) -> Corpus:
        """The documents and passages being checked against."""
        return self.index.corpus

    def check(self, claims: Iterable[Claim | str], thresholds: Thresholds | None = None) -> list[Verdict]:
        """A verdict for every claim, in the order given."""
        items = as_claims(claims)
        return self.decide(items, self.retrieve(items), thresholds)

    def retrieve(self, claims: list[Claim]) -> list[Candidates]:
        """Candidate passages for each claim and each part of a compound claim, best first (citations checked first)."""
        if not claims:
            raise ClaimcheckError("no claims to check")
        self.citations(claims)  # a bad `cite:` is refused before any model is loaded
        wholes = [c.text for c in claims]
        # The parser (~4 s to load) and the embedding model (~8 s) load at once on two cores when both are needed: the
        # claims are parsed in a forked child while this process encodes them (a vector depends on its text alone, so
        # wholes and parts encoded apart are the same bits).
        from .batches import parse_aside

        # The sentences before draft sentences that open on a pronoun are parsed too, for what the pronoun refers to.
        known = set(wholes)
        before = list(dict.fromkeys(p for c in claims if referring_subject(c.text) is not None for p in c.previous if p not in known))
        aside = parse_aside(wholes + before, self._store)
        whole_vectors = self._encode_claims([normalise(t) for t in wholes])
        shapes: list[Shape] = aside.get() if aside is not None else claim_shapes(wholes + before, self._store)
        parsed = dict(zip(wholes + before, shapes))
        shapes = shapes[: len(wholes)]
        # A draft sentence whose subject is a pronoun ("It also ships X") is searched for, and judged, as about what it refers to.
        referred = antecedents(wholes, [c.previous for c in claims], [c.section for c in claims], parsed)
        if any(referred):
            wholes = [resolved(text, subject) for text, subject in zip(wholes, referred)]
            changed = [n for n, subject in enumerate(referred) if subject]
            whole_vectors = whole_vectors.copy()
            whole_vectors[changed] = self._encode_claims([normalise(wholes[n]) for n in changed])
            shapes = [_referring_to(shape, subject) for shape, subject in zip(shapes, referred)]
        texts = wholes + [p.text for shape in shapes for p in shape.parts]
        part_vectors = self._encode_claims([normalise(t) for t in texts[len(wholes) :]]) if len(texts) > len(wholes) else whole_vectors[:0]
        found = self.retriever.retrieve(texts, np.vstack([whole_vectors, part_vectors]))
        result, at = [], len(claims)
        for whole, shape in zip(found, shapes):
            result.append(
                Candidates(whole, [(part, found[at + n]) for n, part in enumerate(shape.parts)], shape.subject, shape.verbs, shape.heads, shape.doers)
            )
            at += len(shape.parts)
        return result

    def decide(self, claims: list[Claim], candidates: Sequence[list[Candidate]], thresholds: Thresholds | None = None) -> list[Verdict]:
        """Judge each claim's candidates (and each part's) and turn them into a verdict."""
        if self.judge_workers > 1 and len(claims) > CLAIMS_PER_BATCH:
            from .batches import ForkPool, judge_in_batches

            if ForkPool.usable():
                return judge_in_batches(self, ForkPool(min(self.judge_workers, -(-len(claims) // CLAIMS_PER_BATCH))), claims, candidates, thresholds)
        units = claim_units(claims, candidates)
        entailments = self.entailments([u[0] for u in units], [u[1] for u in units])
        cited = self.citations(claims)
        verdicts = []
        for n, (claim, found, cites) in enumerate(zip(claims, candidates, cited), start=1):
            whole = self._verdict(
                claim,
                found,
                thresholds,
                entailments,
                getattr(found, "subject", ""),
                cites,
                getattr(found, "verbs", None),
                getattr(found, "heads", None),
                getattr(found, "doers", None),
            )
            cut: list[tuple[Part, list[Candidate]]] = getattr(found, "parts", [])
            parts = [
                _part_verdict(
                    part, self._verdict(part_claim(claim, part), own, thresholds, entailments, part.subject, cites, part.verbs, part.heads, part.doers)
                )
                for part, own in cut
            ]
            if parts and whole.label is Label.SUPPORTED:
                parts = [self._borne_out(part, verdict, whole, thresholds or self.thresholds) for (part, _), verdict in zip(cut, parts)]
            verdicts.append(combine(whole, parts))
            if self.progress and (n % 50 == 0 or n == len(claims)):
                self.progress("checking claims", n, len(claims))
        return verdicts

    def _borne_out(self, cut: Part, part: PartVerdict, whole: Verdict, thresholds: Thresholds) -> PartVerdict:
        """A part whose subject and arguments (names, figures, nouns) the passages supporting the whole claim hold counts as supported
        by them: its verb may be paraphrased there ("were guided out" for "were led out"), its fillers may not."""
        if part.label is Label.SUPPORTED or not cut.slots:
            return part
        supporting = [e for e in whole.evidence if e.stance is Stance.SUPPORTS]
        if not supporting:
            return part
        passages = [e.passage for e in supporting]
        # "they will cut times by a fifth" is not borne out by a passage that has it, nearest of all, only as "may cut": the
        # verb may be paraphrased, its mood may not. Only a clause of its own has a mood of its own: "while the piers are strengthened",
        # "expects X to", "unless it is enabled" take theirs from the clause they hang on.
        closest = part.evidence[0] if part.evidence else None
        if cut.kind in INDEPENDENT_KINDS and closest is not None and closest.rule in MOOD_BLOCKERS and any(overlaps(closest, s) for s in supporting):
            return part
        context = " ".join([self.lead_in(passages[0])] + [f"{self._bylines.get((p.root, p.source), '')} {p.about}" for p in passages])
        texts = [p.text for p in passages]
        # A description ("Rhys Vale, a marine biologist") is borne out only where its subject is named: not by the title's
        # words, nor by another person described beside it ("Dr Ann Roe, a marine biologist").
        description = next((slot for slot in cut.slots[1:] if slot not in cut.slots[0]), "") if _describes(cut, whole.claim.text) and cut.slots else ""
        if description and not described(cut.slots[0], description, texts):
            return part
        cover, missing = part_coverage(" ".join(cut.slots), texts, self.idf, thresholds, context=context, names=self.names)
        if missing or cover < thresholds.part_coverage:
            return part
        return replace(part, label=Label.SUPPORTED, explanation=f"stated with the rest of the claim ({passages[0].place})", evidence=tuple(supporting))

    def _verdict(
        self,
        claim: Claim,
        found: list[Candidate],
        thresholds: Thresholds | None,
        entailments: dict[tuple[str, str], Entailment],
        subject: str = "",
        cited: tuple[SourceKey, ...] = (),
        verbs: tuple[str, ...] | None = None,
        heads: tuple[str, ...] | None = None,
        doers: tuple[str, ...] | None = None,
    ) -> Verdict:
        """One claim's (or part's) candidates judged and decided."""
        judged = [
            self.judge(claim, candidate, thresholds, entailments.get((claim.text, candidate.passage.text)), subject, verbs, heads, doers) for candidate in found
        ]
        return decide(claim, judged, cited)

    def judge(
        self,
        claim: Claim,
        candidate: Candidate,
        thresholds: Thresholds | None = None,
        nli: Entailment | None = None,
        subject: str = "",
        verbs: tuple[str, ...] | None = None,
        heads: tuple[str, ...] | None = None,
        doers: tuple[str, ...] | None = None,
    ) -> Evidence:
        """One candidate passage judged against a claim (about `subject`, saying `verbs` of `heads`), with everything the corpus knows around it."""
        passage = candidate.passage
        judgement = judge(
            claim.text,
            passage.text,
            candidate.similarity,
            self.idf,
            thresholds or self.thresholds,
            context=self.lead_in(passage),
            section=self.section_lead_in(passage),
            after=self.follow_on(passage),
            speaker=self.speaker(passage),
            names=self.names,
            lowercase=self.lowercase_names,
            byline=self._bylines.get((passage.root, passage.source), ""),
            author=self._authors.get((passage.root, passage.source), ""),
            nli=nli,
            subject=subject,
            verbs=verbs,
            heads=heads,
            doers=doers,
            about=passage.about,
            frame=claim.frame,
        )
        signals = judgement.signals | {"fuzzy": round(candidate.fuzzy, 4)}
        return Evidence(passage, judgement.stance, round(candidate.score, 4), judgement.explanation, signals, judgement.conflict, judgement.rule)

    def entailments(self, claims: list[Claim], candidates: Sequence[list[Candidate]]) -> dict[tuple[str, str], Entailment]:
        """NLI probabilities for every (claim, candidate) pair, in one batch, when an NLI model is set."""
        if self.nli is None:
            return {}
        pairs = list(dict.fromkeys((claim.text, c.passage.text) for claim, found in zip(claims, candidates) for c in found))
        return dict(zip(pairs, self.nli.score(pairs)))

    def prepare_checking(self) -> None:
        """Make now what checking new claims needs besides the index: the check-time encoder's export of the model."""
        if isinstance(self.encoder, OnnxEmbedder):
            self.encoder.prepare()

    def _encode_claims(self, texts: list[str]) -> np.ndarray:
        """Claim vectors, from the cache when this exact list was encoded before."""
        digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()
        dimension = self.index.vectors.shape[1] if self.index.vectors.size else None
        cached = self._claim_cache.get(self.encoder.id, digest, len(texts), dimension)
        if cached is not None:
            return cached
        vectors = self.encoder.encode(texts)
        self._claim_cache.put(self.encoder.id, digest, vectors)
        return vectors

    @cached_property
    def lowercase_names(self) -> frozenset[str]:
        """The names this corpus writes in lower case ("brine"), from its documents' titles: made on first need."""
        return lowercase_names(d.title for d in self.corpus.documents)

    def lead_in(self, passage: Passage) -> str:
        """The sentences just before a passage in its document (its document's lead-ins are made on first need)."""
        return self._surroundings(passage)[0]

    def follow_on(self, passage: Passage) -> str:
        """The sentence just after a passage in its document: where what it reports may be disputed."""
        return self._surroundings(passage)[1]

    def section_lead_in(self, passage: Passage) -> str:
        """The sentences just before a passage under its own section heading."""
        return self._surroundings(passage)[2]

    def speaker(self, passage: Passage) -> str:
        """Who a transcript's or minutes' label gives the passage's paragraph to ("AGNES TULLY"), or ""."""
        return self._surroundings(passage)[3]

    def _surroundings(self, passage: Passage) -> tuple[str, str, str, str]:
        document = (passage.root, passage.source)
        if document not in self._around:
            first, last = self.index.rows.get(document, (0, 0))
            self._around[document] = _surroundings(self.corpus.passages[first:last])
        return self._around[document].get(passage.key, ("", "", "", ""))

    def citations(self, claims: list[Claim]) -> list[tuple[SourceKey, ...]]:
        """The sources each claim cites (`citations.SourceNames`); a `cite:` naming no loaded source is an error."""
        if self._source_names is None:
            self._source_names = SourceNames(self.corpus)
        return [self._source_names.cited(claim) for claim in claims]


def _referring_to(shape: Shape, subject: str) -> Shape:
    """A claim's shape with what its pronoun subject refers to as its subject, put into its parts that open on the pronoun."""
    if not subject:
        return shape
    parts = tuple(replace(part, text=resolved(part.text, subject), subject=part.subject or subject) for part in shape.parts)
    return replace(shape, subject=subject, parts=parts)


def _describes(part: Part, text: str) -> bool:
    """Whether a part of the claim `text` describes its subject, as an appositive ("Rhys Vale, a marine biologist") or a relative
    clause on a person set off by a comma ("Lowry, who managed the trial, agreed"): borne out only where its subject is named.
    (A restrictive relative, "customers who return a seat", picks out its subject; one on a thing, "its report, which
    overstated ...", is often told in a sentence that names the thing another way.)"""
    if part.kind == "appositive":
        return True
    return part.kind == "relative" and text[: part.start].rstrip().endswith(",") and text[part.start : part.end].lower().startswith("who ")


def part_claim(claim: Claim, part: Part) -> Claim:
    """A part of a compound claim as a claim of its own (same citations), checked like any other.

    The whole sentence frames the part as a list item's lead-in frames the item: "in 2024" in one clause dates the others.
    """
    return Claim(id=claim.id, text=part.text, cite=claim.cite, tags=claim.tags, file=claim.file, line=claim.line, frame=claim.frame or claim.text)


def _part_verdict(part: Part, verdict: Verdict) -> PartVerdict:
    """A part's own verdict, with its place in the claim and its slots."""
    return PartVerdict(part.text, part.start, part.end, verdict.label, verdict.explanation, verdict.evidence, part.slots, part.kind)


def claim_units(claims: Sequence[Claim], candidates: Sequence[list[Candidate]]) -> list[tuple[Claim, list[Candidate]]]:
    """Each claim with its candidates, then each part of a compound claim with its own: what `Checker.decide` judges."""
    units = list(zip(claims, candidates))
    for claim, found in zip(claims, candidates):
        units.extend((part_claim(claim, part), own) for part, own in getattr(found, "parts", ()))
    return units


def available_cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else (os.cpu_count() or 1)


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


def document_rows(corpus: Corpus) -> dict[tuple[str, str], tuple[int, int]]:
    """Each document's passages' row range (a document's passages are contiguous, in corpus order)."""
    rows: dict[tuple[str, str], tuple[int, int]] = {}
    for position, passage in enumerate(corpus.passages):
        first, _ = rows.get((passage.root, passage.source), (position, position))
        rows[(passage.root, passage.source)] = (first, position + 1)
    return rows


def _surroundings(passages: Sequence[Passage]) -> dict[tuple[str, str, int, int], tuple[str, str, str, str]]:
    """For each passage, (the few sentences before it in its document, where its pronouns were named; the sentence after it,
    where what it reports may be disputed; those of the sentences before it under its own heading; the speaker a transcript's
    label gives its paragraph, or "")."""
    sentences: dict[tuple[str, str], list[Passage]] = {}
    for passage in passages:
        if passage.sentence_count == 1:
            sentences.setdefault((passage.root, passage.source), []).append(passage)
    around: dict[tuple[str, str, int, int], tuple[str, str, str, str]] = {}
    for document_sentences in sentences.values():
        speaker = ""
        initials = defined_initials("\n".join(s.text for s in document_sentences))
        for position, sentence in enumerate(document_sentences):
            before = document_sentences[max(0, position - LEAD_IN_SENTENCES) : position]
            # A section heading starts afresh: what the section before says is not what the passage goes on about.
            section = before
            while section and section[0].heading != sentence.heading:
                section = section[1:]
            after = document_sentences[position + 1].text if position + 1 < len(document_sentences) else ""
            # A label ("AGNES TULLY: I was.") gives its paragraph's sentences to its speaker, up to a blank line or heading.
            previous = before[-1] if before else None
            if previous is None or previous.heading != sentence.heading or sentence.line_start > previous.line_end + 1:
                speaker = ""
            label = label_speaker(sentence.text, initials)
            speaker = label if label is not None else speaker
            around[sentence.key] = (" ".join(s.text for s in before), after, " ".join(s.text for s in section), speaker)
    # A window's lead-in is its first sentence's and what follows it its last's, found by offsets (dicts: linear, not quadratic);
    # its speaker is one only when both sentences have the same.
    first_sentence = {(s.root, s.source, s.char_start): s for group in sentences.values() for s in group}
    last_sentence = {(s.root, s.source, s.char_end): s for group in sentences.values() for s in group}
    for passage in passages:
        if passage.sentence_count > 1:
            first = first_sentence.get((passage.root, passage.source, passage.char_start))
            last = last_sentence.get((passage.root, passage.source, passage.char_end))
            lead_in, _, section_lead_in, opening = around[first.key] if first is not None else ("", "", "", "")
            after, closing = (around[last.key][1], around[last.key][3]) if last is not None else ("", "")
            around[passage.key] = (lead_in, after, section_lead_in, opening if opening == closing else "")
    return around


def check(
    claims: Iterable[Claim | str],
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Corpus,
    **options: object,
) -> list[Verdict]:
    """Check claims (or plain claim sentences) against a sources folder; options as for `Checker`."""
    return Checker(sources, **options).check(claims)  # type: ignore[arg-type]
