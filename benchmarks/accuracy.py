"""Accuracy of claimcheck's verdicts and retrieval on the project's claims, the news dev set and ../shared/bench.

Prints one table per dataset: per-label precision/recall/F1, macro-F1, accuracy, the false-contradiction
rate (supported claims called conflicting) and retrieval recall@5 of gold passages where a dataset has them.

    python benchmarks/accuracy.py                       # every dataset found
    python benchmarks/accuracy.py --only news,claims    # a subset
    python benchmarks/accuracy.py --sweep               # also try threshold variants (stance only; retrieval reused)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimcheck.api import Checker  # noqa: E402
from claimcheck.calibration import DEFAULT, Thresholds  # noqa: E402
from claimcheck.claims import discover_claims_files, load_claims_file  # noqa: E402
from claimcheck.models import Claim, Label  # noqa: E402

LABELS = [label.value for label in Label]


@dataclass
class Dataset:
    """Claims with gold labels, the sources to check them against, and gold passage spans where known."""

    name: str
    claims: list[Claim]
    gold: list[str]
    sources: Path
    gold_spans: list[list[tuple[str, int, int]]] | None = None


def project_claims(path: Path, name: str) -> Dataset:
    """A claims file (or folder) whose `expect` fields are the gold labels."""
    files = [load_claims_file(f) for f in discover_claims_files([str(path)])]
    claims = [c for f in files for c in f.claims if c.expect is not None]
    return Dataset(name, claims, [c.expect.value for c in claims], Path(files[0].sources[0]))


def draft_claims(draft: Path, expected: Path, sources: Path) -> Dataset:
    """The example draft's checkable sentences, labelled by examples/draft.expected.yaml."""
    import yaml

    from claimcheck.draft import load_draft
    from claimcheck.text import normalise

    labels = {normalise(e["text"]): e["expect"] for e in yaml.safe_load(expected.read_text(encoding="utf-8"))}
    claims = [c for c in load_draft(draft).claims() if normalise(c.text) in labels]
    return Dataset("draft", claims, [labels[normalise(c.text)] for c in claims], sources)


def bench_set(folder: Path, limit: int | None) -> Dataset:
    """A ../shared/bench dataset: sources/, passages.jsonl and claims.dev.jsonl."""
    passages = {}
    for line in (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        passages[record["id"]] = (Path(record["source_file"]).name, record["start"], record["end"])
    claims, gold, spans = [], [], []
    for line in (folder / "claims.dev.jsonl").read_text(encoding="utf-8").splitlines()[: limit or None]:
        record = json.loads(line)
        claims.append(Claim(id=str(record["id"]), text=record["claim"]))
        gold.append(record["label"])
        spans.append([passages[p] for p in record.get("gold_passage_ids") or [] if p in passages])
    return Dataset(folder.name, claims, gold, folder / "sources", spans)


def scores(gold: list[str], predicted: list[str]) -> dict[str, object]:
    """Per-label precision/recall/F1, macro-F1 over labels present in gold, and accuracy."""
    table: dict[str, object] = {}
    f1s = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
        if tp + fn:
            f1s.append(f1)
    supported = [p for g, p in zip(gold, predicted) if g == "supported"]
    table["macro_f1"] = sum(f1s) / len(f1s) if f1s else 0.0
    table["accuracy"] = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    table["false_contradiction_rate"] = supported.count("conflicting") / len(supported) if supported else 0.0
    return table


def recall_at(candidates, spans, k: int = 5) -> float | None:  # type: ignore[no-untyped-def]
    """Share of claims with gold passages whose top-k candidates overlap one of them."""
    hits = total = 0
    for found, gold in zip(candidates, spans):
        if not gold:
            continue
        total += 1
        top = [c.passage for c in found[:k]]
        hits += any(p.source.split("/")[-1] == name and p.char_start < end and start < p.char_end for p in top for name, start, end in gold)
    return hits / total if total else None


def print_table(name: str, table: dict[str, object], recall: float | None, seconds: float, count: int) -> None:
    """One dataset's figures as a Markdown table."""
    print(f"\n### {name} ({count} claims, {seconds:.1f} s)\n")
    print("| label | precision | recall | F1 | n |")
    print("|---|---|---|---|---|")
    for label in LABELS:
        row = table[label]
        print(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")  # type: ignore[index]
    extra = f", recall@5 {recall:.3f}" if recall is not None else ""
    print(f"\nmacro-F1 {table['macro_f1']:.3f}, accuracy {table['accuracy']:.3f}, false-contradiction rate {table['false_contradiction_rate']:.3f}{extra}")


SWEEP = {
    "support": [0.5, 0.55, 0.6, 0.68],
    "support_min_coverage": [0.3, 0.4, 0.6],
    "support_min_similarity": [0.5, 0.55, 0.6],
    "support_min_predicate": [0.0, 0.2, 0.5],
    "contradict_coverage": [0.5, 0.6, 0.7],
    "polarity_coverage": [0.4, 0.5, 0.6],
    "polarity_similarity": [0.7, 0.75, 0.8],
    "swap_similarity": [0.5, 0.6],
    "swap_coverage": [0.6, 0.7],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench", help="folder of benchmark datasets")
    parser.add_argument("--only", default="", help="comma list of dataset names (claims, news, heldout, draft, climate-fever, healthver, covidfact)")
    parser.add_argument("--limit", type=int, default=None, help="at most N claims per bench dataset")
    parser.add_argument("--sweep", action="store_true", help="also score single-threshold variants")
    parser.add_argument("--json", type=Path, default=None, help="write all figures to this JSON file")
    parser.add_argument("--errors", type=Path, default=None, help="write misclassified claims (JSONL) here")
    parser.add_argument(
        "--embedding-only", type=float, default=None, metavar="COSINE",
        help="score the naive baseline instead: supported when the best passage's cosine reaches COSINE, else unsourced",
    )
    args = parser.parse_args()
    wanted = {w for w in args.only.split(",") if w}

    datasets: list[Dataset] = []
    if not wanted or "claims" in wanted:
        datasets.append(project_claims(ROOT / "claims", "claims"))
    if not wanted or "news" in wanted:
        datasets.append(project_claims(ROOT / "benchmarks" / "news_dev.yaml", "news"))
    heldout = ROOT / "benchmarks" / "news_heldout.yaml"
    if heldout.is_file() and (not wanted or "heldout" in wanted):
        datasets.append(project_claims(heldout, "heldout"))
    if not wanted or "draft" in wanted:
        datasets.append(draft_claims(ROOT / "examples" / "draft.md", ROOT / "examples" / "draft.expected.yaml", ROOT / "seeds"))
    if args.bench_dir.is_dir():
        for folder in sorted(p for p in args.bench_dir.iterdir() if (p / "claims.dev.jsonl").is_file()):
            if not wanted or folder.name in wanted:
                datasets.append(bench_set(folder, args.limit))
    else:
        print(f"(no benchmark folder at {args.bench_dir}: skipping the shared dev sets; pass --bench-dir)", file=sys.stderr)

    results: dict[str, object] = {"thresholds": asdict(DEFAULT)}
    errors = []
    for dataset in datasets:
        started = time.perf_counter()
        checker = Checker(dataset.sources, progress=None)
        candidates = checker.retrieve(dataset.claims)
        verdicts = checker.decide(dataset.claims, candidates)
        seconds = time.perf_counter() - started
        predicted = [v.label.value for v in verdicts]
        if args.embedding_only is not None:
            predicted = ["supported" if found and max(c.similarity for c in found) >= args.embedding_only else "unsourced" for found in candidates]
        table = scores(dataset.gold, predicted)
        recall = recall_at(candidates, dataset.gold_spans) if dataset.gold_spans else None
        print_table(dataset.name, table, recall, seconds, len(dataset.claims))
        results[dataset.name] = {"scores": table, "recall_at_5": recall, "seconds": seconds}
        for verdict, gold in zip(verdicts, dataset.gold):
            if verdict.label.value != gold:
                errors.append({"dataset": dataset.name, "id": verdict.claim.id, "claim": verdict.claim.text, "gold": gold, "predicted": verdict.label.value, "explanation": verdict.explanation, "top": verdict.evidence[0].passage.text[:300] if verdict.evidence else ""})
        if args.sweep:
            print("\n| variant | macro-F1 | false-contradiction rate |\n|---|---|---|")
            for name, values in SWEEP.items():
                for value in values:
                    variant: Thresholds = replace(DEFAULT, **{name: value})
                    t = scores(dataset.gold, [v.label.value for v in checker.decide(dataset.claims, candidates, variant)])
                    print(f"| {name}={value} | {t['macro_f1']:.3f} | {t['false_contradiction_rate']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.errors:
        args.errors.write_text("".join(json.dumps(e) + "\n" for e in errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
