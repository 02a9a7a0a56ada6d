"""Window vectors derived from sentence vectors: which sentences a window spans, and one encode per distinct sentence."""

from __future__ import annotations

import hashlib

import numpy as np

from claimcheck.index.windows import derive, derive_windows, document_vectors, window_sources
from claimcheck.models import Document
from claimcheck.sources import split_passages
from claimcheck.text import normalise

TEXT = "The ferry leaves at nine. It returns at noon.\n\nTickets cost four euros. The ferry leaves at nine.\n"


def document(text: str = TEXT, path: str = "a.txt") -> Document:
    return Document(path, "root", text, hashlib.sha256(text.encode()).hexdigest())


def fake_encode(calls: list[list[str]]):  # type: ignore[no-untyped-def]
    def encode(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        rows = np.array([np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16)).standard_normal(8) for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    return encode


def test_each_window_names_the_two_sentences_it_spans() -> None:
    passages = split_passages(document())
    sources = window_sources(passages)
    windows = [(p, pair) for p, pair in zip(passages, sources) if pair is not None]
    assert windows and len(windows) == sum(p.sentence_count == 2 for p in passages)
    for window, (first, second) in windows:
        assert passages[first].sentence_count == passages[second].sentence_count == 1
        assert (passages[first].char_start, passages[second].char_end) == (window.char_start, window.char_end)
        assert passages[first].char_end <= passages[second].char_start
    assert all(pair is None for p, pair in zip(passages, sources) if p.sentence_count == 1)


def test_only_sentences_are_encoded_each_distinct_text_once() -> None:
    passages = split_passages(document())
    calls: list[list[str]] = []
    vectors = document_vectors(passages, fake_encode(calls), normalise)
    assert len(calls) == 1
    sentences = {normalise(p.text) for p in passages if p.sentence_count == 1}
    assert sorted(calls[0]) == sorted(sentences)  # "The ferry leaves at nine." twice in the text, encoded once
    assert len(calls[0]) < sum(p.sentence_count == 1 for p in passages)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    for n, pair in enumerate(window_sources(passages)):
        if pair is not None:
            expected = (vectors[pair[0]] + vectors[pair[1]]) / np.linalg.norm(vectors[pair[0]] + vectors[pair[1]])
            np.testing.assert_allclose(vectors[n], expected, atol=1e-6)


def test_deriving_over_a_corpus_matches_deriving_per_document() -> None:
    first, second = split_passages(document()), split_passages(document("One line here. Another line there. A third one.\n", "b.txt"))
    passages = first + second
    encoded = fake_encode([])([normalise(p.text) for p in passages])  # every passage encoded, windows included
    derived = derive_windows(passages, encoded)
    per_document = np.vstack([document_vectors(first, fake_encode([]), normalise), document_vectors(second, fake_encode([]), normalise)])
    np.testing.assert_allclose(derived, per_document, atol=1e-6)
    sentence_rows = [n for n, p in enumerate(passages) if p.sentence_count == 1]
    assert np.array_equal(derived[sentence_rows], encoded[sentence_rows])  # sentences untouched
    assert not np.array_equal(derived, encoded)


def test_opposite_sentences_give_a_unit_row_not_nan() -> None:
    row = np.array([[1.0, 0.0]], dtype=np.float32)
    assert np.array_equal(derive(row, -row), row)
