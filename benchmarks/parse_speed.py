"""Parse speed of the spaCy pipeline (en_core_web_sm 3.8.0, senter excluded) on the seed texts, printed as a table.

Cold runs in a fresh process and includes importing spaCy and loading the pipeline; warm parses again in a process
that has both loaded. Words are whitespace-separated words of the seed paragraphs. Wall-clock time suffers when other
processes share the CPU; the CPU-time column (this process only) is the steadier figure on a busy machine.

A second table times what a check does with claims: cutting them into parts (`claimcheck.language.parts`) in a fresh
process with an empty parse cache, then again in a fresh process with the cache filled (where spaCy must not load).

    python benchmarks/parse_speed.py [--sources seeds] [--claims benchmarks/news_dev.yaml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Runs in a fresh interpreter so the cold figure pays for the import and the load, as a first run would.
COLD = """
import json, sys, time
started, cpu = time.perf_counter(), time.process_time()
import spacy
imported = time.perf_counter()
from claimcheck.language.parser import load, parse_many
load()
loaded = time.perf_counter()
paragraphs = json.loads(sys.stdin.read())
parse_many(paragraphs)
done = time.perf_counter()
print(json.dumps({"import": imported - started, "load": loaded - imported, "parse": done - loaded, "cpu": time.process_time() - cpu}))
"""


# Claim parts in a fresh interpreter, against a parse cache folder given on the command line.
SHAPES = """
import json, sys, time
from pathlib import Path
started, cpu = time.perf_counter(), time.process_time()
from claimcheck.index import ByteStore
from claimcheck.language.parts import claim_shapes
texts = json.loads(sys.stdin.read())
shapes = claim_shapes(texts, ByteStore(Path(sys.argv[1]), print))
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "parts": sum(len(s.parts) for s in shapes),
                  "spacy": "spacy" in sys.modules}))
"""


def claim_texts(path: Path) -> list[str]:
    """The claim texts of a claims file."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(c["text"]) for c in data["claims"]]


def paragraphs(folder: Path) -> list[str]:
    """The non-empty blocks (paragraphs) of every .txt and .md file under `folder`."""
    blocks: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".txt", ".md") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            blocks.extend(b.strip() for b in re.split(r"\n\s*\n", text) if b.strip())
    return blocks


def best(seconds: list[float]) -> float:
    return min(seconds)


def main() -> int:
    argparser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    argparser.add_argument("--sources", type=Path, default=ROOT / "seeds")
    argparser.add_argument("--repeat", type=int, default=3)
    argparser.add_argument("--claims", type=Path, default=ROOT / "benchmarks" / "news_dev.yaml")
    args = argparser.parse_args()
    blocks = paragraphs(args.sources)
    words = sum(len(b.split()) for b in blocks)
    if not words:
        print(f"no text under {args.sources}", file=sys.stderr)
        return 2

    env_path = str(ROOT / "src")
    completed = subprocess.run(
        [sys.executable, "-c", COLD],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "PYTHONPATH": env_path},
    )
    cold = json.loads(completed.stdout.strip().splitlines()[-1])
    cold_total = cold["import"] + cold["load"] + cold["parse"]

    from claimcheck.language import assertions_of
    from claimcheck.language.parser import load, locate_pipeline, parse, parse_many

    nlp = load()
    parse_many(blocks[:5])  # first-call allocations out of the way
    batched, single, extract = [], [], []
    batched_cpu, single_cpu, extract_cpu = [], [], []
    for _ in range(max(1, args.repeat)):
        started, cpu = time.perf_counter(), time.process_time()
        docs = parse_many(blocks)
        batched.append(time.perf_counter() - started)
        batched_cpu.append(time.process_time() - cpu)
        started, cpu = time.perf_counter(), time.process_time()
        for block in blocks:
            parse(block)
        single.append(time.perf_counter() - started)
        single_cpu.append(time.process_time() - cpu)
        started, cpu = time.perf_counter(), time.process_time()
        parts = sum(len(assertions_of(doc)) for doc in docs)
        extract.append(time.perf_counter() - started)
        extract_cpu.append(time.process_time() - cpu)

    pipeline = locate_pipeline()
    print(f"pipeline {pipeline.package} {pipeline.version}; components {', '.join(nlp.pipe_names)}")
    print(f"text: {len(blocks)} paragraphs, {words} words from {args.sources}; {parts} assertions extracted\n")

    def row(step: str, wall: float, cpu: float | None) -> tuple[str, str, str, str]:
        cpu_text = f"{cpu:.2f} s, {words / cpu:,.0f} words/s" if cpu else ""
        return step, f"{wall:.2f} s", f"{words / wall:,.0f} words/s", cpu_text

    both = best(batched) + best(extract)
    rows = [
        ("cold: import spaCy", f"{cold['import']:.2f} s", "", ""),
        ("cold: load pipeline", f"{cold['load']:.2f} s", "", ""),
        row("cold: import + load + parse all (batched)", cold_total, cold["cpu"]),
        row("warm: parse, batched (nlp.pipe)", best(batched), best(batched_cpu)),
        row("warm: parse, one paragraph per call", best(single), best(single_cpu)),
        row("warm: assertions from parsed docs", best(extract), best(extract_cpu)),
        row("warm: parse (batched) + assertions", both, best(batched_cpu) + best(extract_cpu)),
    ]
    widths = [max(len(r[i]) for r in rows + [("step", "wall", "speed (wall)", "CPU time")]) for i in range(4)]
    header = ("step", "wall", "speed (wall)", "CPU time")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for cells in rows:
        print("| " + " | ".join(c.ljust(w) if n == 0 else c.rjust(w) for n, (c, w) in enumerate(zip(cells, widths))) + " |")
    print()
    texts = claim_texts(args.claims)
    claim_words = sum(len(t.split()) for t in texts)
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        runs = []
        for _ in range(2):
            done = subprocess.run(
                [sys.executable, "-c", SHAPES, cache],
                input=json.dumps(texts),
                capture_output=True,
                text=True,
                check=True,
                env={**__import__("os").environ, "PYTHONPATH": env_path},
            )
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"claims: {len(texts)} from {args.claims} ({claim_words} words), cut into {runs[0]['parts']} parts")
    print("| claim parts | wall | CPU time | spaCy imported |")
    print("|---|---|---|---|")
    for name, run in zip(("cold: empty cache (import + load + parse + cut)", "cached: every claim's parts in the cache"), runs):
        print(f"| {name} | {run['seconds']:.2f} s | {run['cpu']:.2f} s | {'yes' if run['spacy'] else 'no'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
