"""Stance on general minimal pairs (benchmarks/minimal_pairs.yaml): how often `judge` is right, and how often it supports a
passage that changes one detail of the claim (false support).

    python benchmarks/minimal_pairs.py                 # the table, then every pair judged wrong
    python benchmarks/minimal_pairs.py --pairs F.yaml  # another file of pairs in the same form

Each pair is one claim and one passage judged alone with `claimcheck.stance.judge` under the bundled model's cosine, as
the checker judges a candidate; no corpus, retrieval or verdict policy is involved. The pairs were written from general
English to find kinds of detail stance misses; a new kind found belongs in tests/stance/<rule>.yaml once a rule takes it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimcheck.embed import Embedder  # noqa: E402
from claimcheck.stance import judge  # noqa: E402
from claimcheck.text import normalise  # noqa: E402

STANCES = ("supports", "contradicts", "related")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=ROOT / "benchmarks" / "minimal_pairs.yaml", help="YAML list of {claim, passage, expect}")
    args = parser.parse_args()
    pairs = yaml.safe_load(args.pairs.read_text(encoding="utf-8"))
    embedder = Embedder()
    vectors = embedder.encode([normalise(text) for pair in pairs for text in (pair["claim"], pair["passage"])])
    table: Counter[tuple[str, str]] = Counter()
    wrong = []
    for number, pair in enumerate(pairs):
        similarity = float(vectors[2 * number] @ vectors[2 * number + 1])
        judgement = judge(pair["claim"], pair["passage"], similarity)
        got = judgement.stance.value
        table[(pair["expect"], got)] += 1
        if got != pair["expect"]:
            wrong.append((pair, got, judgement.explanation))
    print(f"## {args.pairs.name}: {len(pairs)} pairs\n")
    print("| expected \\ judged | " + " | ".join(STANCES) + " |")
    print("|---|" + "---|" * len(STANCES))
    for expected in STANCES:
        print(f"| {expected} | " + " | ".join(str(table[(expected, got)]) for got in STANCES) + " |")
    right = sum(table[(s, s)] for s in STANCES)
    not_supported = sum(n for (expected, _), n in table.items() if expected != "supports")
    false_support = sum(n for (expected, got), n in table.items() if expected != "supports" and got == "supports")
    print(f"\nright {right}/{len(pairs)}; false support {false_support}/{not_supported} (expected contradicts or related, judged supports)\n")
    for pair, got, why in wrong:
        print(f"- expected {pair['expect']}, judged {got} ({why}): {pair['claim']} || {pair['passage']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
