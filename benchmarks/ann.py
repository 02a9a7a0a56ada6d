"""Approximate against exact vector search (`claimcheck.index.ann`): recall@10, build and query time, determinism.

python benchmarks/ann.py --sources /tmp/archive/archive-10k --cache-dir /tmp/archive/cache-10k \
    --claims /tmp/archive/archive-10k.claims.yaml                  # real vectors (encoded once, then cached)
python benchmarks/ann.py ... --grow 100000                         # also at 100k rows: the real rows plus synthetic ones

Real vectors are the corpus's passage vectors as the index builds them (from the embedding cache when
warm); queries are the claims file's claims, encoded. `--grow N` adds synthetic rows up to N, each a
normalised mix of two real rows (weights 0.6-0.9 / rest) plus a little noise, so the set keeps the real
rows' clusters and near-duplicates (an archive holds many versions of a sentence); recall@10 at that size
is measured on these, and said so. Recall@10 = mean over the queries of |ANN top 10 ∩ exact top 10| / 10.
Determinism: the graph is built twice (single-threaded, as `HnswSearch` does) and once with 2 threads,
and the top-10 keys compared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from claimcheck.index.ann import ExactSearch, HnswSearch, SearchSettings  # noqa: E402


def real_vectors(sources: list[Path], cache_dir: Path) -> np.ndarray:
    """The corpus's passage vectors, as the index builds them."""
    from claimcheck.embed import Embedder
    from claimcheck.index import build_index
    from claimcheck.sources import Limits, load_corpus

    corpus = load_corpus(sources, warn=lambda _: None, limits=Limits(files=10**7, total_bytes=10**12, passages=10**9))
    return build_index(corpus, Embedder(), cache_dir=cache_dir).vectors


def grow(vectors: np.ndarray, size: int, seed: int = 0) -> np.ndarray:
    """`vectors` plus synthetic rows up to `size`: mixes of two real rows and a little noise, normalised."""
    if size <= len(vectors):
        return vectors
    rng = np.random.default_rng(seed)
    extra = size - len(vectors)
    first, second = rng.integers(0, len(vectors), extra), rng.integers(0, len(vectors), extra)
    weight = rng.uniform(0.6, 0.9, (extra, 1)).astype(np.float32)
    rows = weight * vectors[first] + (1 - weight) * vectors[second]
    rows += rng.standard_normal(rows.shape).astype(np.float32) * (0.02 / np.sqrt(vectors.shape[1]))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return np.vstack([vectors, rows.astype(np.float32)])


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of the exact top-k found."""
    return float(np.mean([len(set(a) & set(b)) / len(b) for a, b in zip(found.tolist(), truth.tolist())]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, action="append", required=True)
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--claims", type=Path, required=True, help="claims file whose claims are the queries")
    parser.add_argument("--grow", type=int, default=0, metavar="N", help="also measure at N rows, synthetic rows added")
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    import yaml

    from claimcheck.embed import Embedder

    vectors = real_vectors(args.sources, args.cache_dir)
    claims = [c["text"] for c in yaml.safe_load(args.claims.read_text(encoding="utf-8"))["claims"]]
    queries = Embedder().encode(claims)
    k = args.k
    sizes = [("real", vectors)] + ([("real + synthetic", grow(vectors, args.grow))] if args.grow > len(vectors) else [])
    variants = [
        SearchSettings(threshold=0, expansion_add=64, expansion_search=128, oversample=4, graph_dtype="f16"),
        SearchSettings(threshold=0, expansion_add=64, expansion_search=64, oversample=1, graph_dtype="f16"),
        SearchSettings(threshold=0, expansion_add=64, expansion_search=128, oversample=4, graph_dtype="f32"),
        SearchSettings(threshold=0, expansion_add=64, expansion_search=128, oversample=4, graph_dtype="i8"),
        SearchSettings(threshold=0, expansion_add=128, expansion_search=256, oversample=4, graph_dtype="f16"),
    ]
    print(f"{len(queries)} claims as queries, k = {k}\n")
    print("| rows | graph (M, ef add, ef search, oversample, dtype) | build | query (ms/claim) | exact (ms/claim) | recall@10 | same on rebuild |")
    print("|---|---|---|---|---|---|---|")
    for label, matrix in sizes:
        exact = ExactSearch(matrix.shape[1])
        exact.add(np.arange(len(matrix)), matrix)
        started = time.perf_counter()
        truth, _ = exact.search(queries, k)
        exact_ms = (time.perf_counter() - started) * 1000 / len(queries)
        # Above the real rows, only the default and the cheapest variant: a single-threaded build costs minutes there.
        for n, settings in enumerate(variants if label == "real" else variants[:2]):
            started = time.perf_counter()
            search = HnswSearch(matrix.shape[1], settings)
            search.add(np.arange(len(matrix)), matrix)
            build = time.perf_counter() - started
            started = time.perf_counter()
            found, _ = search.search(queries, k)
            query_ms = (time.perf_counter() - started) * 1000 / len(queries)
            same = "–"
            if n == 0:  # determinism, on the default settings only (a rebuild costs a build)
                again = HnswSearch(matrix.shape[1], settings)
                again.add(np.arange(len(matrix)), matrix)
                same = "yes" if np.array_equal(again.search(queries, k)[0], found) else "NO"
            shape = f"{settings.connectivity}, {settings.expansion_add}, {settings.expansion_search}, {settings.oversample}, {settings.graph_dtype}"
            print(f"| {len(matrix):,} {label} | {shape} | {build:.1f} s | {query_ms:.2f} | {exact_ms:.2f} | {recall(found, truth):.3f} | {same} |", flush=True)
    # A multi-threaded insert: is its graph the same? (HnswSearch never does this; shown to justify it.)
    from usearch.index import Index

    matrix = sizes[0][1]
    results = []
    for threads in (1, 1, 2):
        graph = Index(ndim=matrix.shape[1], metric="ip", dtype="f16", connectivity=16, expansion_add=64, expansion_search=128)
        graph.add(np.arange(len(matrix), dtype=np.uint64), matrix, threads=threads)
        results.append(np.asarray(graph.search(queries, 4 * k, threads=1).keys))
    print(
        f"\nusearch insert, {len(matrix):,} real rows: 1 thread twice → same top-40: {np.array_equal(results[0], results[1])}; "
        f"1 vs 2 threads → same: {np.array_equal(results[0], results[2])}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
