"""Encoding throughput on a Ray cluster against in-process encoding: passages per second, 1 and 2 workers.

Starts its own local clusters (one node, then two; 1 CPU each, as tests/cluster does) and encodes the same
documents as `EncodeJob`s four ways, checking every way gives the same bits:

python benchmarks/ray_throughput.py --bench-dir ../shared/bench --dataset healthver --documents 120

A local cluster's nodes share this machine, so two workers can at best match two torch threads in one process;
on a real cluster each node brings its own cores. Run it on an otherwise idle machine: the figures are wall clock.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "cluster"))
# Ray's nodes start from this process's environment: their workers must import this tree's claimcheck.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))


def jobs(sources: Path, documents: int, threads: int) -> list[object]:
    """One `EncodeJob` per document: its normalised passage texts, repeats once (a vector depends on its text alone, so any grouping gives the same bits)."""
    from claimcheck.embed import bundled_model_path
    from claimcheck.index.encoding import EncodeJob
    from claimcheck.sources import load_corpus
    from claimcheck.text import normalise

    with tempfile.TemporaryDirectory() as folder:
        for file in sorted(sources.glob("*.txt"))[:documents]:
            (Path(folder) / file.name).write_bytes(file.read_bytes())
        corpus = load_corpus([folder])
    texts: dict[str, list[str]] = {}
    for passage in corpus.passages:
        texts.setdefault(passage.source, []).append(normalise(passage.text))
    model = str(bundled_model_path())
    return [EncodeJob(model, threads, tuple(dict.fromkeys(t))) for t in texts.values()]


def run(name: str, executor: object, work: list[object]) -> tuple[str, int, float, str]:
    """Encode every job once to warm the workers (model loaded in each), then time a second pass."""
    from claimcheck.index.encoding import encode_job

    warm = [work[n % len(work)] for n in range(4 * max(1, getattr(executor, "workers", 1)))]
    executor.map(encode_job, warm)  # type: ignore[attr-defined]
    started = time.perf_counter()
    vectors = executor.map(encode_job, work)  # type: ignore[attr-defined]
    seconds = time.perf_counter() - started
    digest = hashlib.sha256(b"".join(v.tobytes() for v in vectors)).hexdigest()[:16]
    return name, sum(len(v) for v in vectors), seconds, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--dataset", default="healthver")
    parser.add_argument("--documents", type=int, default=120)
    args = parser.parse_args()
    sources = args.bench_dir / args.dataset / "sources"
    if not sources.is_dir():
        sys.exit(f"skipped: no benchmark sources at {sources} (pass --bench-dir)")
    try:
        import ray  # noqa: F401
    except ImportError:
        sys.exit("skipped: Ray is not installed (pip install -e '.[ray]')")
    import signal

    import torch
    from local_ray import local_cluster

    # A stopped benchmark (timeout, kill) still stops the clusters it started: SIGTERM unwinds through their `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    from claimcheck.cluster import RayExecutor
    from claimcheck.index.executor import LocalExecutor

    rows = []
    one_thread = jobs(sources, args.documents, 1)
    torch.set_num_threads(1)
    rows.append(run("in process, 1 torch thread", LocalExecutor(), one_thread))
    torch.set_num_threads(2)
    rows.append(run("in process, 2 torch threads", LocalExecutor(), jobs(sources, args.documents, 2)))
    torch.set_num_threads(1)
    for nodes in (1, 2):
        with local_cluster(nodes=nodes) as cluster, RayExecutor(cluster.address) as executor:
            rows.append(run(f"Ray, {nodes} node{'s' * (nodes > 1)} x 1 CPU (1 thread per task)", executor, one_thread))
    print(f"{len(one_thread)} documents from {sources}")
    print(f"| {'how':<45} | passages | seconds | passages/s | vectors sha256 |")
    print(f"|{'-' * 47}|---------:|--------:|-----------:|----------------|")
    for name, passages, seconds, digest in rows:
        print(f"| {name:<45} | {passages:>8} | {seconds:>7.1f} | {passages / seconds:>10.1f} | {digest} |")
    print("same bits everywhere" if len({row[3] for row in rows}) == 1 else "VECTORS DIFFER between runs")


if __name__ == "__main__":
    main()
