"""Time the pathological inputs the tests check for correctness: sentence splitting, draft parsing and claims files.

    python benchmarks/hostile_speed.py

Each input is about a megabyte of text built to trigger quadratic slicing or regex backtracking; a row far
above a second means a regression the unit tests (which check only the output) would not flag.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from test_draft import HOSTILE_DRAFTS  # noqa: E402
from test_text import PATHOLOGICAL  # noqa: E402

from claimcheck.claims import parse_claims  # noqa: E402
from claimcheck.draft import parse_draft  # noqa: E402
from claimcheck.errors import ClaimcheckError  # noqa: E402
from claimcheck.text import sentence_spans  # noqa: E402


def seconds(work: Callable[[], object]) -> float:
    """Wall-clock seconds of one call (an input error counts as done: refusing is the point)."""
    started = time.perf_counter()
    try:
        work()
    except ClaimcheckError:
        pass
    return time.perf_counter() - started


def claims_inputs() -> dict[str, str]:
    """A large claims file and an alias bomb."""
    body = "".join(f"  - id: claim-{n}\n    text: Claim number {n} says the agency paid ${n} million.\n" for n in range(5000))
    levels = ["a: &a [" + ",".join(["'lol'"] * 10) + "]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(9)]
    return {"5,000 claims": "claims:\n" + body, "alias bomb (10^10 nodes)": "\n".join(levels) + "\nclaims: *j\n"}


def main() -> int:
    rows: list[tuple[str, str, int, float]] = []
    for name, text in PATHOLOGICAL.items():
        rows.append(("sentence split", name, len(text), seconds(lambda t=text: sentence_spans(t))))
    for name, text in HOSTILE_DRAFTS.items():
        rows.append(("draft parse", name, len(text), seconds(lambda t=text: parse_draft(t))))
    for name, text in claims_inputs().items():
        rows.append(("claims file", name, len(text), seconds(lambda t=text: parse_claims(t, "bench.yaml"))))
    print(f"| {'step':<15} | {'input':<26} | {'chars':>9} | {'seconds':>7} |")
    print(f"|{'-' * 17}|{'-' * 28}|{'-' * 11}|{'-' * 9}|")
    for step, name, size, elapsed in rows:
        print(f"| {step:<15} | {name:<26} | {size:>9,} | {elapsed:>7.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
