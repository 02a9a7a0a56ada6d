"""Speed of claimcheck: start-up, indexing (cold and cached) and checking, printed as a table.

    python benchmarks/speed.py                 # the seeds and claims/
    python benchmarks/speed.py --bench-dir ../shared/bench --dataset climate-fever
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def timed(command: list[str]) -> float:
    """Wall-clock seconds of a command (its output discarded)."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--dataset", default=None, help="also time a ../shared/bench dataset (e.g. climate-fever)")
    args = parser.parse_args()
    claimcheck = [sys.executable, "-m", "claimcheck"]
    rows: list[tuple[str, str]] = []
    rows.append(("`claimcheck --help` (no model import)", f"{timed(claimcheck + ['--help']):.2f} s"))
    with tempfile.TemporaryDirectory() as cache:
        check = claimcheck + ["check", str(ROOT / "claims"), "--cache-dir", cache, "--no-fail", "--format", "json"]
        rows.append(("check claims/ on seeds, cold cache", f"{timed(check):.2f} s"))
        rows.append(("check claims/ on seeds, warm cache", f"{timed(check):.2f} s"))

    from claimcheck.api import Checker
    from claimcheck.claims import load_claims_file

    claims = list(load_claims_file(ROOT / "benchmarks" / "news_dev.yaml").claims)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as cache:
        checker = Checker(ROOT / "seeds", cache_dir=cache)
        index_seconds = time.perf_counter() - started
        started = time.perf_counter()
        checker.check(claims)
        check_seconds = time.perf_counter() - started
    rows.append((f"in-process: load + index seeds ({len(checker.corpus.passages)} passages)", f"{index_seconds:.2f} s"))
    rows.append((f"in-process: check {len(claims)} news dev claims", f"{check_seconds:.2f} s ({len(claims) / check_seconds:.0f} claims/s)"))

    if args.dataset:
        folder = args.bench_dir / args.dataset
        if not folder.is_dir():
            print(f"(no dataset at {folder}; skipped)", file=sys.stderr)
        else:
            texts = [json.loads(line)["claim"] for line in (folder / "claims.dev.jsonl").read_text().splitlines()]
            with tempfile.TemporaryDirectory() as cache:
                started = time.perf_counter()
                checker = Checker(folder / "sources", cache_dir=cache)
                cold = time.perf_counter() - started
                passages = len(checker.corpus.passages)
                started = time.perf_counter()
                Checker(folder / "sources", cache_dir=cache)
                warm = time.perf_counter() - started
                started = time.perf_counter()
                checker.check(texts)
                seconds = time.perf_counter() - started
            rows.append((f"{args.dataset}: index {passages} passages, cold", f"{cold:.1f} s ({passages / cold:.0f} passages/s)"))
            rows.append((f"{args.dataset}: index, warm cache", f"{warm:.1f} s"))
            rows.append((f"{args.dataset}: check {len(texts)} claims", f"{seconds:.1f} s ({len(texts) / seconds:.0f} claims/s)"))

    print("| measurement | time |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
