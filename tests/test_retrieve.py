"""Retrieval: fused embedding, stem-overlap and fuzzy scores, with the rarest words' passages kept."""

from __future__ import annotations


import pytest

from claimcheck.api import Checker
from claimcheck.models import Claim
from claimcheck.retrieve import LexicalIndex, content_stems


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
