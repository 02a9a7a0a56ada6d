"""Window rows derived from sentence rows in the index; exact window vectors encoded when judged, cached by text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from claimcheck.api import document_rows
from claimcheck.bytestore import ByteStore
from claimcheck.index.store import build_index
from claimcheck.index.windows import ExactWindows, derive, derive_windows, derived_positions, derived_sources, window_sources
from claimcheck.models import Document
from claimcheck.sources import Corpus, split_passages
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


class FakeEmbedder:
    """Deterministic unit rows per text, recording each call (the index's view of an embedder)."""

    id = "fake"
    dimension = 8

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        return fake_encode(self.calls)(texts)


def index_of(documents: list[Document]) -> tuple[Corpus, np.ndarray, FakeEmbedder]:
    passages = [p for d in documents for p in split_passages(d)]
    corpus = Corpus(documents=documents, passages=passages)
    embedder = FakeEmbedder()
    return corpus, build_index(corpus, embedder, use_cache=False).vectors, embedder  # type: ignore[arg-type]


def test_the_index_encodes_only_sentences_each_distinct_text_once_and_derives_windows() -> None:
    corpus, vectors, embedder = index_of([document()])
    passages = corpus.passages
    assert len(embedder.calls) == 1
    sentences = {normalise(p.text) for p in passages if p.sentence_count == 1}
    assert sorted(embedder.calls[0]) == sorted(sentences)  # "The ferry leaves at nine." twice in the text, encoded once
    assert len(embedder.calls[0]) < sum(p.sentence_count == 1 for p in passages)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    pairs = window_sources(passages)
    assert any(pair is not None for pair in pairs)
    for n, pair in enumerate(pairs):
        if pair is not None:
            expected = (vectors[pair[0]] + vectors[pair[1]]) / np.linalg.norm(vectors[pair[0]] + vectors[pair[1]])
            np.testing.assert_allclose(vectors[n], expected, atol=1e-6)
    rows = {(d.root, d.path): (0, len(passages)) for d in corpus.documents}
    assert derived_positions(passages, rows, range(len(passages))) == {n for n, pair in enumerate(pairs) if pair is not None}


def test_derived_sources_name_the_two_sentences_of_each_window_in_a_corpus() -> None:
    corpus, _, _ = index_of([document(), document("One line here. Another line there. A third one.\n", "b.txt")])
    passages = corpus.passages
    rows = document_rows(corpus)
    sources = derived_sources(passages, rows, range(len(passages)))
    assert set(sources) == derived_positions(passages, rows, range(len(passages))) and sources
    for window, (first, second) in sources.items():
        assert passages[window].sentence_count == 2 and passages[first].sentence_count == passages[second].sentence_count == 1
        assert passages[first].source == passages[second].source == passages[window].source
        assert (passages[first].char_start, passages[second].char_end) == (passages[window].char_start, passages[window].char_end)


def test_deriving_over_a_corpus_matches_the_index() -> None:
    corpus, vectors, _ = index_of([document(), document("One line here. Another line there. A third one.\n", "b.txt")])
    passages = corpus.passages
    encoded = fake_encode([])([normalise(p.text) for p in passages])  # every passage encoded, windows included
    derived = derive_windows(passages, encoded)
    np.testing.assert_allclose(derived, vectors, atol=1e-6)
    sentence_rows = [n for n, p in enumerate(passages) if p.sentence_count == 1]
    assert np.array_equal(derived[sentence_rows], encoded[sentence_rows])  # sentences untouched
    assert not np.array_equal(derived, encoded)


def test_exact_window_vectors_are_encoded_once_then_read_from_the_cache(tmp_path: Path) -> None:
    texts = ["The ferry leaves at nine. It returns at noon.", "Tickets cost four euros. The ferry leaves at nine."]
    first = FakeEmbedder()
    windows = ExactWindows(first, ByteStore(tmp_path, print), {})  # type: ignore[arg-type]
    rows = windows.vectors(texts + texts[:1])
    assert first.calls == [texts] and windows.encoded == 2
    assert np.array_equal(rows, np.vstack([fake_encode([])(texts), fake_encode([])(texts[:1])]))
    again = FakeEmbedder()
    assert np.array_equal(ExactWindows(again, ByteStore(tmp_path, print), {}).vectors(texts), rows[:2])  # type: ignore[arg-type]
    assert again.calls == []


def test_opposite_sentences_give_a_unit_row_not_nan() -> None:
    row = np.array([[1.0, 0.0]], dtype=np.float32)
    assert np.array_equal(derive(row, -row), row)
