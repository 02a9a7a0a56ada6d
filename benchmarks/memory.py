"""Peak memory of retrieval as the number of claims grows, printed as a table.

    python benchmarks/memory.py                          # ../shared/bench/climate-fever, else the seeds
    python benchmarks/memory.py --sizes 1000,10000 --before   # also the retrieval of an earlier commit

Claims are corpus sentences (drawn with a fixed seed, a word dropped from each). Vectors are synthetic:
random unit vectors for the passages and, for each claim, its sentence's vector plus noise — memory depends
on the shapes, not the values, and this keeps the model (and hours of encoding 100k claims) out of the
measurement. Each size runs in a fresh process, so its peak RSS (`ru_maxrss`) is its own.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
BEFORE = "2683355"  # the last commit that scored the whole claims × passages matrix at once


def peak_mb() -> float:
    """This process's peak resident set so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(sources: Path, size: int, before: bool) -> dict[str, float]:
    """Load the corpus, draw `size` claims, retrieve for all of them; the peak RSS before and after."""
    import numpy as np

    from claimcheck.calibration import DEFAULT
    from claimcheck.corpus import load_corpus
    from claimcheck.index import Index
    from claimcheck.retrieve import LexicalIndex, retrieve

    if before:
        # The retrieval module as it was, loaded inside the package so its relative imports resolve.
        source = subprocess.run(["git", "show", f"{BEFORE}:src/claimcheck/retrieve.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        spec = importlib.util.spec_from_loader("claimcheck.retrieve_before", loader=None)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        module.__package__ = "claimcheck"
        sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
        exec(compile(source, "retrieve_before.py", "exec"), module.__dict__)
        retrieve = module.retrieve

    corpus = load_corpus([sources], warn=lambda message: None)
    generator = np.random.default_rng(0)
    vectors = generator.standard_normal((len(corpus.passages), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = Index(corpus, vectors, "synthetic")
    lexical = LexicalIndex(corpus.passages)
    sentences = [n for n, p in enumerate(corpus.passages) if p.sentence_count == 1 and len(p.text.split()) > 4]
    chooser = random.Random(0)
    picks = [chooser.choice(sentences) for _ in range(size)]
    texts = []
    for n in picks:
        words = corpus.passages[n].text.split()
        del words[chooser.randrange(len(words))]
        texts.append(" ".join(words))
    claims = vectors[picks] + 0.05 * generator.standard_normal((size, 384)).astype(np.float32)
    claims /= np.linalg.norm(claims, axis=1, keepdims=True)
    loaded = peak_mb()
    started = time.perf_counter()
    found = retrieve(index, texts, claims, DEFAULT, lexical)
    seconds = time.perf_counter() - started
    assert len(found) == size
    return {"passages": len(corpus.passages), "loaded_mb": loaded, "peak_mb": peak_mb(), "seconds": seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--dataset", default="climate-fever")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--before", action="store_true", help=f"also measure the retrieval of commit {BEFORE} (whole matrix; sizes up to 10k only)")
    parser.add_argument("--child", nargs=3, metavar=("SOURCES", "SIZE", "BEFORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), int(args.child[1]), args.child[2] == "1")))
        return 0
    sources = args.bench_dir / args.dataset / "sources"
    if not sources.is_dir():
        print(f"(no dataset at {sources}; using the seeds)", file=sys.stderr)
        sources = ROOT / "seeds"
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        for before in [False, True] if args.before and size <= 10_000 else [False]:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(sources), str(size), "1" if before else "0"], capture_output=True, text=True, check=True
            ).stdout
            result = json.loads(out)
            rows.append((size, "before" if before else "now", result))
            print(f"{size} {'before' if before else 'now'} {result}", file=sys.stderr, flush=True)
    print(f"corpus: {sources} ({rows[0][2]['passages']} passages)\n")
    print("| claims | retrieval | peak RSS, corpus loaded | peak RSS after retrieval | growth | time |\n|---|---|---|---|---|---|")
    for size, which, r in rows:
        print(f"| {size:,} | {which} | {r['loaded_mb']:.0f} MB | {r['peak_mb']:.0f} MB | {r['peak_mb'] - r['loaded_mb']:.0f} MB | {r['seconds']:.1f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
