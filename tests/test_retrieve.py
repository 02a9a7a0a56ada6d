"""Retrieval: fused embedding, stem-overlap and fuzzy scores, with the rarest words' passages kept."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.api import Checker
from claimcheck.index import stable_order
from claimcheck.models import Claim, Passage
from claimcheck.retrieve import LexicalIndex, content_stems, top_passages
from claimcheck.text import normalise


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    (folder / "a.txt").write_text(
        "The harbour authority approved a new ferry terminal on Tuesday.\n\n"
        "Officials said construction would begin next spring.\n\n"
        "The quokka population on the island has doubled since 2010.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Ferry fares will rise by ten percent next year, the operator said.\n", encoding="utf-8")
    return Checker(folder)


def test_candidates_are_ranked_by_fused_score_with_scores_in_range(checker):
    found = checker.retrieve([Claim(id="c", text="A new ferry terminal was approved by the harbour authority.")])[0]
    assert found[0].passage.text.startswith("The harbour authority approved")
    top = found[: checker.thresholds.candidates]
    assert [c.score for c in top] == sorted((c.score for c in top), reverse=True)
    for candidate in found:
        assert 0.0 <= candidate.similarity <= 1.0 and 0.0 <= candidate.fuzzy <= 1.0 and 0.0 <= candidate.lexical <= 1.0


def test_the_passage_holding_the_claims_rarest_word_is_always_a_candidate(checker):
    found = checker.retrieve([Claim(id="c", text="Tourists love the island's wildlife, including its quokka.")])[0]
    assert any("quokka" in c.passage.text for c in found)


def test_lexical_scores_weight_rare_words_and_ignore_stop_words(checker):
    index = LexicalIndex(checker.corpus.passages)
    assert "the" not in content_stems("The ferry and the terminal")
    scores = index.scores("quokka ferry", checker.thresholds.default_idf)
    best = max(range(len(scores)), key=lambda i: scores[i])
    assert "quokka" in checker.corpus.passages[best].text
    assert max(scores) <= 1.0 + 1e-6


def test_a_claim_with_no_known_word_scores_zero(checker):
    index = LexicalIndex(checker.corpus.passages)
    assert float(index.scores("zzyzx qwerty", checker.thresholds.default_idf).max()) == 0.0


def _passage(source: str, start: int, text: str = "The ferry sailed at noon.") -> Passage:
    return Passage(source=source, root="src", text=text, char_start=start, char_end=start + len(text), line_start=1, line_end=1)


def test_tied_passages_are_ranked_by_path_then_offset_whatever_their_load_order() -> None:
    passages = [_passage("b.txt", 0), _passage("a.txt", 40), _passage("c.txt", 0), _passage("a.txt", 0)]
    rank = stable_order(passages)
    assert [passages[i].place for i in sorted(range(4), key=lambda i: rank[i])] == ["a.txt:1", "a.txt:1", "b.txt:1", "c.txt:1"]
    assert [int(rank[i]) for i in (3, 1, 0, 2)] == [0, 1, 2, 3]
    scores = np.array([0.5, 0.5, 0.9, 0.5], dtype=np.float32)
    assert top_passages(scores, 4, rank) == [2, 3, 1, 0]
    # The cut falls among tied passages: the stable order decides who is in, not the partition's whim.
    assert top_passages(scores, 2, rank) == [2, 3]
    assert top_passages(np.zeros(4, dtype=np.float32), 1, rank) == [3]


def test_retrieval_in_claim_batches_equals_one_batch(checker, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    claims = [
        Claim(id=f"c{n}", text=text)
        for n, text in enumerate(["Ferry fares will rise.", "The quokka population doubled.", "Construction begins in spring."] * 3)
    ]
    whole = checker.retrieve(claims)
    monkeypatch.setattr(checker.retriever, "settings", replace(checker.retriever.settings, claim_batch=2))
    batched = checker.retrieve(claims)
    # The same passages in the same order; a product of 1 row and of 9 may differ in the last bit, never more.
    assert [[c.passage for c in found] for found in batched] == [[c.passage for c in found] for found in whole]
    assert np.allclose([c.score for found in batched for c in found], [c.score for found in whole for c in found], rtol=0, atol=1e-6)


def test_retrieval_settings_take_the_threshold_keys_users_set() -> None:
    from claimcheck.calibration import DEFAULT
    from claimcheck.index.retriever import RetrievalSettings

    settings = RetrievalSettings.of(DEFAULT.with_overrides({"fusion-embedding-weight": 0.5, "candidates": 3, "default_idf": 6}))
    assert (settings.embedding_weight, settings.lexical_weight, settings.candidates, settings.default_idf) == (0.5, 0.25, 3, 6.0)
    assert RetrievalSettings.of(DEFAULT) == RetrievalSettings()


def test_an_approximate_vector_search_still_reports_each_candidates_exact_cosine(checker) -> None:
    from claimcheck.index.retriever import ExactRetriever

    class Partial:
        """Finds only the first passage (every other cosine left at 0), as an approximate search may."""

        exact = False

        def __init__(self, vectors: np.ndarray) -> None:
            self.vectors = vectors

        def cosines(self, claim_vectors: np.ndarray) -> np.ndarray:
            block = np.zeros((len(claim_vectors), len(self.vectors)), dtype=np.float32)
            block[:, 0] = np.clip(claim_vectors @ self.vectors[0], 0.0, 1.0)
            return block

    claim = Claim(id="c", text="Ferry fares will rise next year.")
    vectors = checker._encode_claims([claim.text])
    exact = {c.passage: c.similarity for c in checker.retriever.retrieve([claim.text], vectors)[0]}
    partial = ExactRetriever(checker.index, checker.lexical, checker.retriever.settings, Partial(checker.index.vectors), checker.windows).retrieve(
        [claim.text], vectors
    )[0]
    assert partial and all(abs(c.similarity - exact.get(c.passage, c.similarity)) < 1e-6 for c in partial)
    assert any(c.similarity > 0 for c in partial if c.passage != checker.corpus.passages[0])


def test_a_window_candidate_carries_its_encoded_cosine_not_its_derived_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The index ranks windows by a row derived from their sentences; judging reads the cosine of the window as encoded."""
    (tmp_path / "a.txt").write_text("The harbour authority approved a new ferry terminal on Tuesday. Construction will begin next spring.\n", encoding="utf-8")
    checker = Checker(tmp_path)
    claim = "Work on the approved ferry terminal starts next spring."
    found = checker.retrieve([Claim(id="c", text=claim)])[0]
    window = next(c for c in found if c.passage.sentence_count == 2)
    row = checker.corpus.passages.index(window.passage)
    claim_vector = checker._encode_claims([claim])[0]
    encoded = checker.embedder.encode([normalise(window.passage.text)])[0]
    assert window.similarity == pytest.approx(float(np.clip(encoded @ claim_vector, 0.0, 1.0)), abs=1e-6)
    assert abs(float(checker.index.vectors[row] @ claim_vector) - window.similarity) > 1e-4  # the derived row differs
    assert checker.windows.encoded >= 1


def _titled(source: str, title: str, text: str, heading: str = "") -> Passage:
    return Passage(source=source, root="src", text=text, char_start=0, char_end=len(text), line_start=1, line_end=1, title=title, heading=heading)


def test_a_claim_word_in_the_passages_title_or_heading_counts_at_a_discount() -> None:
    from claimcheck.index.lexical import ContextIndex

    passages = [
        _titled("a.md", "Quillon Shipping: Annual Report", "Revenue fell sharply."),
        _titled("b.md", "Tarrow Mills: Annual Report", "Revenue fell sharply."),
        _titled("c.md", "Tarrow Mills: Annual Report", "Quillon revenue fell sharply."),
        _titled("d.md", "Tarrow Mills: Annual Report", "Margins narrowed.", heading="Quillon revenue"),
    ]
    index, context = LexicalIndex(passages), ContextIndex(passages)
    plain = index.scores("Quillon revenue fell", 8.0)
    scores = index.scores("Quillon revenue fell", 8.0, context, 0.5)
    assert plain[0] == plain[1] and scores[0] > scores[1] == plain[1]  # only the title names Quillon: half its weight
    total = sum(index.idf.get(s, 8.0) for s in content_stems("Quillon revenue fell"))
    assert scores[0] - plain[0] == pytest.approx(0.5 * index.idf["quillon"] / total, abs=1e-6)
    assert scores[2] == plain[2] == pytest.approx(1.0, abs=1e-6)  # the passage says it itself: full weight, never more
    assert scores[3] - plain[3] == pytest.approx(0.5 * (index.idf["quillon"] + index.idf["revenu"]) / total, abs=1e-6)  # its heading names two words
    assert index.scores("Quillon revenue fell", 8.0, context, 0.0).tolist() == plain.tolist()


def test_a_paraphrase_of_a_claim_word_counts_at_a_discount() -> None:
    passages = [_titled("a.md", "", "Mortality was high in the warm reaches."), _titled("b.md", "", "Growth was high in the cool reaches.")]
    index = LexicalIndex(passages)
    plain = index.scores("Many mussels died in the warm reaches", 8.0)
    scores = index.scores("Many mussels died in the warm reaches", 8.0, paraphrase_discount=0.5)
    assert scores[0] > plain[0] and scores[1] == plain[1]  # "mortality" stands in for "died", at half its weight
    total = sum(index.idf.get(s, 8.0) for s in content_stems("Many mussels died in the warm reaches"))
    assert scores[0] - plain[0] == pytest.approx(0.5 * 8.0 / total, abs=1e-6)  # "die": in no passage, the default IDF


def test_a_passage_whose_document_title_names_the_claims_subject_is_retrieved_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Report sentences rarely name their company: the title does. Same sentence in four reports; the claim's company's comes first."""
    for company in ("Arvane Foods", "Brisk Ferries", "Calder Tools", "Zennor Instruments"):
        slug = company.split()[0].lower()
        (tmp_path / f"{slug}-annual-report.md").write_text(
            f"# {company}: Annual Report 2024\n\nRevenue rose 3% to EUR 286.4 million.\n\nWe opened a new office this year.\n", encoding="utf-8"
        )
    checker = Checker(tmp_path)
    found = checker.retrieve([Claim(id="c", text="Zennor's revenue rose 3% in 2024.")])[0]
    assert found[0].passage.source == "zennor-annual-report.md" and found[0].passage.text.startswith("Revenue rose")
    from dataclasses import replace

    checker.retriever = type(checker.retriever)(
        checker.index, checker.lexical, replace(checker.retriever.settings, context_discount=0.0), windows=checker.windows
    )
    found = checker.retrieve([Claim(id="c", text="Zennor's revenue rose 3% in 2024.")])[0]
    assert found[0].passage.source == "arvane-annual-report.md"  # without the title's credit: four ties, in path order


def test_a_claims_year_or_version_counts_where_the_title_or_heading_gives_it() -> None:
    from claimcheck.index.lexical import ContextIndex, figure_terms

    assert figure_terms("rose 3 per cent to £412.0 million in 2024") == {"#3%", "#412", "#2024"}
    assert figure_terms("version 4.1.0, then 1,840 files") == {"#4.1", "#1840"}
    passages = [
        _titled("a.md", "Quillon Shipping: Annual Report 2023", "Revenue fell sharply."),
        _titled("b.md", "Quillon Shipping: Annual Report 2024", "Revenue fell sharply."),
        _titled("c.md", "quillon changelog", "Added a faster mode.", heading="4.1.0 (2024-11-05)"),
    ]
    index, context = LexicalIndex(passages), ContextIndex(passages)
    scores = index.scores("Quillon's revenue fell in 2024", 8.0, context, 0.5)
    assert scores[1] > scores[0]  # the 2024 report's title holds the claim's year
    plain = index.scores("Quillon's revenue fell in 2024", 8.0)
    assert plain[0] == plain[1]  # the passages alike, and no title read
    version = index.scores("Version 4.1 added a faster mode", 8.0, context, 0.5)
    assert version[2] > index.scores("Version 4.2 added a faster mode", 8.0, context, 0.5)[2]
    assert float(version.max()) <= 1.0 + 1e-6


def test_claim_batches_are_fixed_size_within_the_float_budget_and_never_a_lone_last_claim() -> None:
    from dataclasses import replace

    from claimcheck.index.retriever import RetrievalSettings, claim_batches

    settings = replace(RetrievalSettings(), claim_batch=256, block_floats=3000)
    assert claim_batches(8, 1000, settings) == [(0, 3), (3, 6), (6, 8)]  # 3 claims × 1000 passages fit the budget
    assert claim_batches(10, 1000, settings) == [(0, 3), (3, 6), (6, 10)]  # the lone tenth claim joins the batch before
    assert claim_batches(1, 1000, settings) == [(0, 1)]
    assert claim_batches(5, 10**6, settings) == [(0, 2), (2, 5)]  # never fewer than two at a time
    assert claim_batches(600, 10, settings) == [(0, 256), (256, 512), (512, 600)]  # `claim_batch` caps a small corpus's batches
    for claims in range(2, 40):  # a claim's batch starts where it would with any number of claims after it
        batches = claim_batches(claims, 1000, settings)
        assert batches[0][0] == 0 and batches[-1][1] == claims and [f for f, _ in batches[1:]] == [last for _, last in batches[:-1]]
        assert all(first % 3 == 0 and last - first >= 2 for first, last in batches)


def test_retrieval_under_a_tiny_float_budget_equals_one_block(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Many small claim batches find the same candidates, in the same order, as one claims × passages block."""
    from dataclasses import replace

    from claimcheck.index.retriever import ExactRetriever, ExactSearch, RetrievalSettings
    from claimcheck.index.store import Index
    from claimcheck.sources.load import Corpus

    rng = np.random.default_rng(13)
    words = ["ferry", "harbour", "council", "budget", "quokka", "island", "fares", "terminal", "spring", "votes", "rise", "fell", "shares", "bridge"]
    texts = [" ".join(rng.choice(words, size=6)).capitalize() + f" in {1900 + n}." for n in range(1200)]
    passages = [
        Passage(source=f"d{n // 100}.txt", root="src", text=t, char_start=n, char_end=n + len(t), line_start=1, line_end=1) for n, t in enumerate(texts)
    ]
    vectors = rng.standard_normal((len(passages), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = Index(Corpus(passages=passages), vectors, "random")
    claims = [" ".join(rng.choice(words, size=4)) for _ in range(11)]
    claim_vectors = rng.standard_normal((len(claims), 16)).astype(np.float32)
    claim_vectors /= np.linalg.norm(claim_vectors, axis=1, keepdims=True)

    class Counted(ExactSearch):
        """Exact search that counts its claims × passages blocks."""

        blocks = 0

        def cosines(self, claim_vectors: np.ndarray) -> np.ndarray:
            Counted.blocks += 1
            return super().cosines(claim_vectors)

    def retrieve(settings: RetrievalSettings) -> list[list[tuple[Passage, float]]]:
        Counted.blocks = 0
        found = ExactRetriever(index, settings=settings, search=Counted(vectors)).retrieve(claims, claim_vectors)
        return [[(c.passage, c.score) for c in candidates] for candidates in found]

    whole = retrieve(RetrievalSettings())
    assert Counted.blocks == 1
    batched = retrieve(replace(RetrievalSettings(), block_floats=2 * len(passages)))  # two claims at a time
    assert Counted.blocks == 5  # 2, 2, 2, 2, 3: the lone last claim joins the batch before
    assert [[p for p, _ in found] for found in batched] == [[p for p, _ in found] for found in whole]
    assert np.allclose([s for found in batched for _, s in found], [s for found in whole for _, s in found], rtol=0, atol=1e-6)


def test_every_batch_is_ranked_before_the_judged_windows_are_encoded_in_one_call(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The cosine blocks and the encoder's working memory are never held at once (the warm check's peak at 100k passages)."""
    from dataclasses import replace

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(
        "The harbour authority approved a new ferry terminal on Tuesday. Construction will begin next spring. "
        "Ferry fares will rise by ten percent next year. The quokka population on the island has doubled since 2010.\n",
        encoding="utf-8",
    )
    checker = Checker(tmp_path / "src", cache_dir=tmp_path / "cache")
    texts = ["Ferry fares rise.", "The terminal was approved.", "Quokkas doubled.", "Work starts in spring."]
    vectors = checker._encode_claims([normalise(t) for t in texts])
    steps: list[str] = []
    search, encoder = checker.retriever.search, checker.windows.embedder
    cosines, encode = search.cosines, encoder.encode
    monkeypatch.setattr(search, "cosines", lambda vectors: steps.append("rank") or cosines(vectors))
    monkeypatch.setattr(encoder, "encode", lambda texts: steps.append("encode") or encode(texts))
    monkeypatch.setattr(checker.retriever, "settings", replace(checker.retriever.settings, claim_batch=2))
    found = checker.retriever.retrieve(texts, vectors)
    assert steps == ["rank", "rank", "encode"]
    assert any(c.passage.sentence_count == 2 for candidates in found for c in candidates) and checker.windows.encoded >= 1


def test_a_correction_notice_sharing_a_claims_word_is_a_candidate_however_it_ranks(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from claimcheck.index import retriever

    (tmp_path / "news.txt").write_text(
        "Fourteen people were hurt when the Dunmore ferry struck the pier, the harbour master said.\n\n"
        "The Dunmore ferry will stay out of service for a week while the pier is repaired.\n\n"
        "Passengers on the Dunmore ferry were taken ashore by lifeboat.\n",
        encoding="utf-8",
    )
    (tmp_path / "corrections.txt").write_text(
        "CORRECTION: A March 3 article incorrectly said that 14 people were injured at the pier. Four were.\n", encoding="utf-8"
    )
    checker = Checker(tmp_path)
    monkeypatch.setattr(checker.retriever, "settings", replace(checker.retriever.settings, candidates=1, rare_word_candidates=0))
    claim = Claim(id="c", text="Fourteen people were hurt when the Dunmore ferry struck the pier.")
    assert any(c.passage.source == "corrections.txt" for c in checker.retrieve([claim])[0])
    monkeypatch.setattr(retriever, "NOTICE_CANDIDATES", 0)
    assert not any(c.passage.source == "corrections.txt" for c in checker.retrieve([claim])[0])
