"""The optional NLI stance signal: loading code exercised with a tiny cross-encoder built here."""

from __future__ import annotations

import json

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Stance
from claimcheck.nli import NLIScorer
from claimcheck.stance import judge

LABELS = {0: "contradiction", 1: "entailment", 2: "neutral"}


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory):
    """A randomly initialised one-layer BERT cross-encoder with an NLI label map, saved to a folder."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-nli")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + "the a council approved rejected budget in march city did not".split()
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=3,
        id2label=LABELS,
        label2id={v: k for k, v in LABELS.items()},
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_scores_are_probabilities_in_the_models_label_order(tiny_cross_encoder):
    scorer = NLIScorer(str(tiny_cross_encoder))
    results = scorer.score([("the council approved the budget", "the council rejected the budget"), ("a city", "the city")])
    assert len(results) == 2
    for result in results:
        assert result.entailment + result.contradiction + result.neutral == pytest.approx(1.0, abs=1e-5)
        assert all(0.0 <= p <= 1.0 for p in (result.entailment, result.contradiction, result.neutral))
    assert scorer.labels == {"contradict": 0, "entail": 1, "neutral": 2}


def test_an_empty_batch_needs_no_model(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"id2label": LABELS}), encoding="utf-8")
    assert NLIScorer(str(tmp_path)).score([]) == []


def test_a_folder_without_nli_labels_is_refused(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"id2label": {"0": "LABEL_0", "1": "LABEL_1"}}), encoding="utf-8")
    with pytest.raises(ClaimcheckError, match="id2label"):
        NLIScorer(str(tmp_path))


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(ClaimcheckError, match=r"config\.json"):
        NLIScorer(str(tmp_path / "nowhere"))


def test_a_confident_contradiction_makes_an_aligned_passage_contradict(similarity):
    from claimcheck.nli import Entailment

    claim, passage = "The council approved the budget in March.", "The council voted down the budget in March."
    plain = judge(claim, passage, similarity(claim, passage))
    assert plain.stance is not Stance.CONTRADICTS  # the rules alone do not know "voted down"
    with_model = judge(claim, passage, similarity(claim, passage), nli=Entailment(0.02, 0.97, 0.01))
    assert with_model.stance is Stance.CONTRADICTS
    assert "NLI" in with_model.explanation
    assert with_model.signals["nli_contradiction"] == pytest.approx(0.97)


def test_checker_runs_with_the_model(tiny_cross_encoder, tmp_path):
    from claimcheck.api import Checker

    (tmp_path / "a.txt").write_text("The council approved the budget in March.\n", encoding="utf-8")
    verdict = Checker(tmp_path, nli_model=str(tiny_cross_encoder)).check(["The council approved the budget in March."])[0]
    assert verdict.evidence
    assert "nli_entailment" in verdict.evidence[0].signals


@pytest.mark.parametrize("content", [b"[1, 2]", b'{"id2label": ["entailment"]}', b'{"id2label": {"x": "entailment"}}', b"\xff\xfe{", b"{not json"])
def test_a_malformed_config_is_an_input_error(tmp_path, content):
    (tmp_path / "config.json").write_bytes(content)
    with pytest.raises(ClaimcheckError):
        NLIScorer(str(tmp_path))
