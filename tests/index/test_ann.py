"""Vector search: exact search is brute force with a stable tie-break; HNSW search is built incrementally and reproducible."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.index.ann import ExactSearch, HnswSearch, SearchSettings, vector_search


def unit_rows(count: int, dimension: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, dimension)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def brute(rows: np.ndarray, keys: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    scores = queries @ rows.T
    return np.array([keys[sorted(range(len(keys)), key=lambda i: (-s[i], keys[i]))[:k]] for s in scores])


def test_exact_search_is_brute_force_with_keys_breaking_ties() -> None:
    rows = unit_rows(300, 16, 1)
    rows[10] = rows[200]  # a tie: the smaller key (key of row 200 is 5) comes first
    keys = np.arange(300)[::-1].copy() + 5  # keys unrelated to row positions
    search = ExactSearch(16)
    search.add(keys[:100], rows[:100])
    search.add(keys[100:], rows[100:])
    queries = np.vstack([rows[10], unit_rows(20, 16, 2)])
    found, scores = search.search(queries, 7)
    assert found.tolist() == brute(rows, keys, queries, 7).tolist()
    assert found[0, :2].tolist() == sorted([keys[10], keys[200]])
    assert np.all(np.diff(scores, axis=1) <= 0)


def test_exact_search_removes_and_refuses_a_key_twice() -> None:
    rows = unit_rows(50, 8, 3)
    search = ExactSearch(8)
    search.add(range(50), rows)
    search.remove([3, 4, 999])
    assert len(search) == 48
    found, _ = search.search(rows[3:5], 50)
    assert found.shape == (2, 48) and not {3, 4} & set(found.ravel().tolist())
    with pytest.raises(ValueError):
        search.add([7], rows[:1])
    search.add([3], rows[3:4])  # a removed key may come back
    assert search.search(rows[3:4], 1)[0].tolist() == [[3]]


def test_hnsw_finds_what_exact_search_finds_on_easy_data() -> None:
    rows = unit_rows(2000, 24, 4)
    queries = rows[:40] + 0.05 * unit_rows(40, 24, 5)
    settings = SearchSettings(threshold=0, oversample=4)
    hnsw, exact = HnswSearch(24, settings), ExactSearch(24)
    for start in range(0, 2000, 500):  # built incrementally
        hnsw.add(range(start, start + 500), rows[start : start + 500])
        exact.add(range(start, start + 500), rows[start : start + 500])
    found, scores = hnsw.search(queries, 10)
    truth, truth_scores = exact.search(queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found.tolist(), truth.tolist())])
    assert recall >= 0.95
    assert found[:, 0].tolist() == list(range(40))  # each query's own row first
    # Scores are exact float32 inner products, not the graph's float16 distances.
    np.testing.assert_allclose(scores[:, 0], truth_scores[:, 0], rtol=0, atol=1e-6)


def test_hnsw_results_are_the_same_on_every_build_and_after_removal() -> None:
    rows = unit_rows(1500, 16, 6)
    queries = unit_rows(30, 16, 7)

    def build() -> HnswSearch:
        search = HnswSearch(16, SearchSettings(threshold=0, oversample=2))
        search.add(range(1500), rows)
        return search

    first, second = build(), build()
    assert np.array_equal(first.search(queries, 10)[0], second.search(queries, 10)[0])
    gone = first.search(queries, 3)[0][:, 0]
    first.remove(gone)
    assert len(first) == 1500 - len(set(gone.tolist()))
    assert not set(gone.tolist()) & set(first.search(queries, 10)[0].ravel().tolist())


def test_hnsw_saved_graph_restores_to_the_same_results(tmp_path: Path) -> None:
    rows = unit_rows(1200, 16, 8)
    queries = unit_rows(10, 16, 9)
    settings = SearchSettings(threshold=0, oversample=2)
    search = HnswSearch(16, settings)
    search.add(range(1200), rows)
    search.save(tmp_path / "graph.usearch")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.usearch"]  # no temporary left behind
    restored = HnswSearch.restore(tmp_path / "graph.usearch", range(1200), rows, settings)
    assert np.array_equal(restored.search(queries, 10)[0], search.search(queries, 10)[0])
    with pytest.raises(ValueError):
        HnswSearch.restore(tmp_path / "graph.usearch", range(10), rows[:10], settings)


def test_the_threshold_picks_the_search() -> None:
    settings = SearchSettings(threshold=1000)
    assert isinstance(vector_search(8, 999, settings), ExactSearch)
    assert isinstance(vector_search(8, 1000, settings), HnswSearch)
