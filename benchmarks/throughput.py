"""Encoding throughput: torch threads × batch size per document, against claimcheck's padded recipe, on an archive corpus.

python benchmarks/throughput.py --sources /tmp/archive/archive-10k [--passages 1500] [--repeats 2]

Takes whole documents of the corpus, in order, until `--passages` passages (each document's distinct
normalised passage texts, encoded in one call per document, as the index did before the padded recipe), and encodes them
with 1 and 2 torch threads and batch sizes 16, 32, 64 and 128 (and as claimcheck encodes: every text padded to its
own length rounded up to 8 tokens, all the documents in one call, `embed.encode_padded`), the configurations interleaved and
repeated (a shared machine drifts), best of the repeats. Also: how far each configuration's vectors are
from the (1 thread, batch 64) ones, since a vector depends in its last bits on threads and batching, and
the machine's load average, which this benchmark cannot control.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402


def documents(sources: list[Path], passages: int) -> list[list[str]]:
    """Each chosen document's distinct normalised passage texts, whole documents until `passages`."""
    from claimcheck.sources import Limits, load_corpus
    from claimcheck.text import normalise

    corpus = load_corpus(sources, warn=lambda _: None, limits=Limits(files=10**7, total_bytes=10**12, passages=10**9))
    texts: dict[tuple[str, str], list[str]] = {}
    for passage in corpus.passages:
        texts.setdefault((passage.root, passage.source), []).append(normalise(passage.text))
    chosen: list[list[str]] = []
    total = 0
    for document in corpus.documents:
        unique = list(dict.fromkeys(texts.get((document.root, document.path), [])))
        if unique and total < passages:
            chosen.append(unique)
            total += len(unique)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, action="append", required=True)
    parser.add_argument("--passages", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    import torch

    from claimcheck.embed import Embedder, _load

    chosen = documents(args.sources, args.passages)
    count = sum(len(d) for d in chosen)
    model = _load(str(Embedder().path))
    from claimcheck.embed import encode_padded

    configs = [(threads, batch) for threads in (1, 2) for batch in (16, 32, 64, 128)]
    # batch 0 stands for claimcheck's own recipe: every chosen document's texts in one call, each padded to its own length.
    configs += [(1, 0), (2, 0)]
    best: dict[tuple[int, int], float] = {}
    vectors: dict[tuple[int, int], np.ndarray] = {}
    loads = [os.getloadavg()[0]]
    model.encode(chosen[0][:8], batch_size=8)  # warm-up
    for _ in range(args.repeats):
        for threads, batch in configs:
            torch.set_num_threads(threads)
            started = time.perf_counter()
            if batch == 0:
                rows = [encode_padded(model, [text for texts in chosen for text in texts])]
            else:
                rows = [model.encode(texts, batch_size=batch, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False) for texts in chosen]
            seconds = time.perf_counter() - started
            best[(threads, batch)] = min(seconds, best.get((threads, batch), float("inf")))
            vectors[(threads, batch)] = np.vstack(rows)
        loads.append(os.getloadavg()[0])
    reference = vectors[(1, 64)]
    print(f"{len(chosen)} documents, {count:,} distinct passages; load average (1 min) during the runs: {', '.join(f'{v:.1f}' for v in loads)}\n")
    print(f"| torch threads | batch size | passages/s (best of {args.repeats}) | vs 1 thread, batch 64 | min cosine to 1 thread, batch 64 |")
    print("|---|---|---|---|---|")
    base = count / best[(1, 64)]
    for threads, batch in configs:
        rate = count / best[(threads, batch)]
        cosine = float(np.min(np.einsum("ij,ij->i", vectors[(threads, batch)], reference)))
        name = "padded to own length, documents together (claimcheck)" if batch == 0 else str(batch)
        print(f"| {threads} | {name} | {rate:.0f} | {rate / base:.2f}× | {cosine:.6f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
