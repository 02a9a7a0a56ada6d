"""Check-time encoders side by side: torch (sentence-transformers) and ONNX Runtime on the exported model, printed as a table.

Each encoder runs in a fresh process, as a check of new claims would: import, load the model, encode the claims, then
encode the passages (the texts a check encodes are claims and the windows it judges; passages stand in for windows).
Agreement compares the two processes' vectors text by text (cosine). The ONNX export is made first, once, in a
cache folder of its own (timed apart: a check pays it once per cache). Peak RSS is the process's own.

    python benchmarks/encoders.py [--sources benchmarks/corpora] [--claims benchmarks/news_dev.yaml] [--passages 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# One encoder in a fresh interpreter: texts on stdin, timings on stdout, vectors to the file named by argv[2].
RUN = """
import json, os, resource, sys, time
started = time.perf_counter()
import numpy as np
from claimcheck.bytestore import ByteStore
from claimcheck.embed import Embedder
from claimcheck.index.ort import check_time_embedder
texts = json.loads(sys.stdin.read())
encoder = check_time_embedder(Embedder(), ByteStore(__import__("pathlib").Path(sys.argv[1]), print))
claims = encoder.encode(texts["claims"])
first = time.perf_counter()
passages = encoder.encode(texts["passages"])
done = time.perf_counter()
np.save(sys.argv[2], np.vstack([claims, passages]))
print(json.dumps({"encoder": type(encoder).__name__, "start": first - started, "passages": done - first,
    "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "torch": "torch" in sys.modules}))
"""


def passage_texts(folder: Path, limit: int) -> list[str]:
    """Sentences and two-sentence windows of the corpora's sources, as the index makes them, up to `limit`."""
    from claimcheck.sources import load_corpus
    from claimcheck.text import normalise

    texts: list[str] = []
    for corpus in sorted(p for p in folder.iterdir() if (p / "sources").is_dir()):
        texts.extend(normalise(p.text) for p in load_corpus([corpus / "sources"]).passages)
    return list(dict.fromkeys(texts))[:limit]


def claim_texts(path: Path) -> list[str]:
    """The claims file's claim texts."""
    from claimcheck.text import normalise

    return [normalise(claim["text"]) for claim in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]]


def run(cache: Path, texts: dict[str, list[str]], out: Path, encoder: str) -> dict[str, object]:
    """One encoder's figures, from a fresh process."""
    env = {**os.environ, "CLAIMCHECK_ENCODER": encoder, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", RUN, str(cache), str(out)], input=json.dumps(texts), capture_output=True, text=True, env=env, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "benchmarks" / "corpora", help="folder of corpora with sources/ (default benchmarks/corpora)")
    parser.add_argument("--claims", type=Path, default=ROOT / "benchmarks" / "news_dev.yaml")
    parser.add_argument("--passages", type=int, default=2000)
    args = parser.parse_args()
    import numpy as np

    texts = {"claims": claim_texts(args.claims), "passages": passage_texts(args.sources, args.passages)}
    with tempfile.TemporaryDirectory(prefix="claimcheck-encoders-") as folder:
        cache = Path(folder) / "cache"
        started = time.perf_counter()
        run(cache, {"claims": texts["claims"][:1], "passages": []}, Path(folder) / "export.npy", "onnx")  # the export, once
        export = time.perf_counter() - started
        figures = {name: run(cache, texts, Path(folder) / f"{name}.npy", name) for name in ("torch", "onnx")}
        torch_vectors, onnx_vectors = (np.load(Path(folder) / f"{name}.npy") for name in ("torch", "onnx"))
    agreement = np.sum(torch_vectors * onnx_vectors, axis=1)
    print(f"{len(texts['claims'])} claims ({args.claims.name}), {len(texts['passages'])} passages ({args.sources}); one run each, fresh processes\n")
    print("| encoder | import + load + encode the claims (s) | passages (s) | passages/s | peak RSS (MiB) | torch imported |")
    print("|---|---|---|---|---|---|")
    for name, row in figures.items():
        seconds = float(row["passages"])  # type: ignore[arg-type]
        rate = len(texts["passages"]) / seconds if seconds else float("inf")
        print(f"| {name} ({row['encoder']}) | {float(row['start']):.2f} | {seconds:.2f} | {rate:.0f} | {float(row['rss']):.0f} | {row['torch']} |")  # type: ignore[arg-type]
    print(f"\nONNX export, made once per cache (imports torch): {export:.2f} s")
    print(f"agreement over {len(agreement)} texts: cosine min {agreement.min():.7f}, mean {agreement.mean():.7f}")


if __name__ == "__main__":
    main()
