"""Accuracy of claimcheck's verdicts and retrieval on the project's claims, dev corpora and ../shared/bench.

Prints one table per dataset: per-label precision/recall/F1, macro-F1, accuracy, balanced accuracy of supported
vs not (gold supported against gold conflicting + unsourced), the false-support rate (gold conflicting or
unsourced claims called supported), the false-contradiction rate (supported claims called conflicting) and
retrieval recall@5 of gold passages where a dataset has them; then one summary row per dataset.

Datasets, by the name `--only` takes:
  claims, news, heldout, draft      claims/, benchmarks/news_dev.yaml, benchmarks/news_heldout.yaml, examples/draft.md
  heldout-draft                     benchmarks/news_heldout_draft.md (+ .expected.yaml): a draft about the seeds written blind
  NAME, NAME-draft                  every benchmarks/corpora/NAME/ and benchmarks/heldout/NAME/ with claims.yaml (gold
                                    in `expect`), and its draft.md labelled by draft.expected.yaml (as examples/ does)
  NAME-heldout, NAME-heldout-draft  heldout.yaml and heldout_draft.md beside them: written blind, never tuned on
  climate-fever, covidfact, …       every BENCH/NAME/ holding claims.dev.jsonl (BENCH is --bench-dir)
A bench claim that names `cite` (wice) is checked against its cited documents only, as LLM-AggreFact scores WiCE.

    python benchmarks/accuracy.py                                   # every dataset found
    python benchmarks/accuracy.py --only news,claims                # a subset
    python benchmarks/accuracy.py --only wice --per-claim wice.jsonl  # every verdict, for error analysis
    python benchmarks/accuracy.py --only covidfact --sample 500     # a deterministic subsample of a large set
    python benchmarks/accuracy.py --sweep                           # also try threshold variants (stance only; retrieval reused)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimcheck.api import Checker  # noqa: E402
from claimcheck.calibration import DEFAULT, Thresholds  # noqa: E402
from claimcheck.claims import discover_claims_files, load_claims_file  # noqa: E402
from claimcheck.corpus import Corpus, load_corpus  # noqa: E402
from claimcheck.errors import ClaimcheckError  # noqa: E402
from claimcheck.models import Claim, Label, Passage, Verdict  # noqa: E402
from claimcheck.retrieve import Candidate  # noqa: E402

LABELS = [label.value for label in Label]
CORPORA = ROOT / "benchmarks" / "corpora"
HELDOUT = ROOT / "benchmarks" / "heldout"  # corpora written blind: measured, never tuned on

# Balanced accuracy (supported vs not) on the WiCE *test* half (358 claims), from the LLM-AggreFact
# leaderboard as quoted in ../shared/bench/README.md; this script scores the dev half, so they are for orientation.
PUBLISHED = {
    "wice": [("SummaC-ZS", 0.628), ("AlignScore", 0.660), ("MiniCheck-Flan-T5-L", 0.722), ("GPT-4o", 0.785)],
}

# A gold span: (file name, start, end) in characters, or in 1-based lines when the dataset says so.
Span = tuple[str, int, int]


@dataclass
class Dataset:
    """Claims with gold labels, the sources to check them against, and gold passage spans where known."""

    name: str
    claims: list[Claim]
    gold: list[str]
    sources: Path
    gold_spans: list[list[Span]] | None = None
    span_unit: str = "char"  # "char" offsets or "line" numbers
    scoped: bool = False  # each claim is checked against its `cite` documents only
    note: str = ""  # how the set was cut down, if it was
    blind: bool = False  # written by someone who never saw the tool's rules: measured, never tuned on


def project_claims(path: Path, name: str, sources: Path | None = None) -> Dataset:
    """A claims file (or folder) whose `expect` fields are the gold labels; `sources` when the file names none."""
    files = [load_claims_file(f) for f in discover_claims_files([str(path)])]
    claims = [c for f in files for c in f.claims if c.expect is not None]
    named = next((Path(f.sources[0]) for f in files if f.sources), None)
    if named is None and sources is None:
        raise ClaimcheckError("names no sources: add 'sources:'", str(path))
    return Dataset(name, claims, [c.expect.value for c in claims if c.expect is not None], named or sources or Path())


def draft_claims(draft: Path, expected: Path, sources: Path, name: str = "draft") -> Dataset:
    """A draft's checkable sentences, labelled by an expected-verdicts YAML list of `{text, expect}` (as examples/ has)."""
    import yaml

    from claimcheck.draft import load_draft
    from claimcheck.text import normalise

    entries = yaml.safe_load(expected.read_text(encoding="utf-8")) or []
    labels = {normalise(e["text"]): e["expect"] for e in entries}
    claims = [c for c in load_draft(draft).claims() if normalise(c.text) in labels]
    found = {normalise(c.text) for c in claims}
    missing = [text for text in labels if text not in found]
    if missing:
        # A sentence edited in the draft but not in the expected file would otherwise drop out of the score unseen.
        print(f"({name}: {len(missing)} of {len(labels)} expected sentences are not sentences of {draft}; first: {missing[0][:80]!r})", file=sys.stderr)
    return Dataset(name, claims, [labels[normalise(c.text)] for c in claims], sources)


def corpus_sets(folder: Path, wanted: set[str]) -> tuple[list[Dataset], list[str]]:
    """The dev corpora under `folder`/NAME/ (claims.yaml and optionally draft.md + draft.expected.yaml), and why any were skipped."""
    datasets: list[Dataset] = []
    skipped: list[str] = []
    if not folder.is_dir():
        return datasets, skipped
    blind = folder.resolve() == HELDOUT.resolve()
    for corpus in sorted(p for p in folder.iterdir() if p.is_dir()):
        if not (corpus / "claims.yaml").is_file() and not (corpus / "draft.md").is_file():
            skipped.append(f"{corpus}: no claims.yaml or draft.md; skipped")
            continue
        sources = corpus / "sources"
        # The dev set (claims.yaml, draft.md) and, beside it, a held-out set written blind (heldout.yaml, heldout_draft.md).
        for stem, draft_stem, name in (("claims", "draft", corpus.name), ("heldout", "heldout_draft", f"{corpus.name}-heldout")):
            claims, draft, expected = corpus / f"{stem}.yaml", corpus / f"{draft_stem}.md", corpus / f"{draft_stem}.expected.yaml"
            try:
                if claims.is_file():
                    # Loaded even when only the draft is asked for: its `sources:` says what the draft is checked against.
                    dataset = replace(project_claims(claims, name, sources), blind=blind or stem == "heldout")
                    sources = dataset.sources
                    if not wanted or name in wanted:
                        datasets.append(dataset)
                if draft.is_file() and (not wanted or f"{name}-draft" in wanted):
                    if expected.is_file():
                        datasets.append(replace(draft_claims(draft, expected, sources, f"{name}-draft"), blind=blind or stem == "heldout"))
                    else:
                        skipped.append(f"{draft}: no {expected.name} beside it to give the gold labels; draft skipped")
            except ClaimcheckError as exc:
                skipped.append(f"{exc.file or corpus}:{exc.line or ''}: {exc.message}; {name} skipped")
    return datasets, skipped


def subsample(records: list[dict[str, object]], size: int) -> list[dict[str, object]]:
    """The `size` records whose ids hash lowest (sha256), in their original order: the same sample on every run."""
    chosen = set(sorted(range(len(records)), key=lambda i: hashlib.sha256(str(records[i]["id"]).encode("utf-8")).hexdigest())[:size])
    return [r for i, r in enumerate(records) if i in chosen]


def bench_set(folder: Path, limit: int | None = None, sample: int | None = None, use_cite: bool = True) -> Dataset:
    """A ../shared/bench dataset: sources/, claims.dev.jsonl and, when present, passages.jsonl or per-claim gold lines."""
    passages = {}
    if (folder / "passages.jsonl").is_file():
        for line in (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            passages[record["id"]] = (Path(record["source_file"]).name, record["start"], record["end"])
    records = [json.loads(line) for line in (folder / "claims.dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    total, note = len(records), ""
    if limit:
        records = records[:limit]
        note = f"first {len(records)} of {total} claims"
    if sample and sample < len(records):
        records = subsample(records, sample)
        note = f"deterministic sample of {sample} of {total} claims (lowest sha256 of id)"
    claims, gold, spans = [], [], []
    by_line = not passages and any("gold_lines" in r for r in records)
    for record in records:
        cite = tuple(record.get("cite") or ()) if use_cite else ()
        claims.append(Claim(id=str(record["id"]), text=record["claim"], cite=cite))
        gold.append(record["label"])
        if by_line:
            # Gold lines name lines of the cited article (WiCE); a claim citing one file only is unambiguous.
            cited = tuple(record.get("cite") or ())
            spans.append([(cited[0], n, n) for n in record.get("gold_lines") or []] if len(cited) == 1 else [])
        else:
            spans.append([passages[p] for p in record.get("gold_passage_ids") or [] if p in passages])
    scoped = any(c.cite for c in claims)
    return Dataset(folder.name, claims, gold, folder / "sources", spans, "line" if by_line else "char", scoped, note)


def binary_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float | int | None]:
    """Supported vs not: balanced accuracy and the false-support rate (None when a side has no gold claims)."""
    positives = [p for g, p in zip(gold, predicted) if g == Label.SUPPORTED.value]
    negatives = [p for g, p in zip(gold, predicted) if g != Label.SUPPORTED.value]
    true_positive_rate = positives.count(Label.SUPPORTED.value) / len(positives) if positives else None
    false_support = negatives.count(Label.SUPPORTED.value)
    false_support_rate = false_support / len(negatives) if negatives else None
    balanced = (true_positive_rate + 1.0 - false_support_rate) / 2 if true_positive_rate is not None and false_support_rate is not None else None
    return {
        "balanced_accuracy": balanced,
        "supported_recall": true_positive_rate,
        "false_support_rate": false_support_rate,
        "false_support": false_support,
        "not_supported": len(negatives),
    }


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, object]:
    """Per-label precision/recall/F1, macro-F1 over labels present in gold, accuracy and the supported-vs-not figures."""
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
    table.update(binary_scores(gold, predicted))
    return table


def overlaps(passage: Passage, span: Span, unit: str) -> bool:
    """Whether a passage covers part of a gold span (character offsets or 1-based lines)."""
    name, start, end = span
    if passage.source.split("/")[-1] != name:
        return False
    if unit == "line":
        return passage.line_start <= end and start <= passage.line_end
    return passage.char_start < end and start < passage.char_end


def recall_at(candidates: Sequence[Sequence[Candidate]], spans: Sequence[Sequence[Span]], k: int = 5, unit: str = "char") -> float | None:
    """Share of claims with gold passages whose top-k candidates overlap one of them."""
    hits = total = 0
    for found, gold in zip(candidates, spans):
        if not gold:
            continue
        total += 1
        hits += any(overlaps(c.passage, span, unit) for c in found[:k] for span in gold)
    return hits / total if total else None


@dataclass
class Run:
    """A dataset checked in one or more groups (one Checker per cited-document scope), re-assembled in claim order."""

    claims: list[Claim]
    groups: list[tuple[Checker, list[int], list[list[Candidate]]]] = field(default_factory=list)
    unscoped: int = 0  # claims whose cited documents were not found, checked against the whole corpus

    def candidates(self) -> list[list[Candidate]]:
        """Every claim's candidates, in claim order."""
        ordered: list[list[Candidate]] = [[] for _ in self.claims]
        for _, positions, found in self.groups:
            for position, candidates in zip(positions, found):
                ordered[position] = candidates
        return ordered

    def decide(self, thresholds: Thresholds | None = None) -> list[Verdict]:
        """Every claim's verdict, in claim order."""
        ordered: list[Verdict | None] = [None] * len(self.claims)
        for checker, positions, found in self.groups:
            for position, verdict in zip(positions, checker.decide([self.claims[p] for p in positions], found, thresholds)):
                ordered[position] = verdict
        return [v for v in ordered if v is not None]


def cite_scopes(corpus: Corpus, claims: Sequence[Claim]) -> tuple[list[tuple[tuple[str, ...], list[int]]], list[int]]:
    """Claims grouped by the corpus documents their `cite` names (an empty scope: the whole corpus), and the claims whose citations were not found."""
    known = {d.path for d in corpus.documents}
    groups: dict[tuple[str, ...], list[int]] = {}
    lost = []
    for position, claim in enumerate(claims):
        scope = tuple(dict.fromkeys(c for c in claim.cite if c in known))
        if claim.cite and not scope:
            lost.append(position)
        groups.setdefault(scope, []).append(position)
    return list(groups.items()), lost


def run(dataset: Dataset) -> Run:
    """Retrieve candidates for every claim: against the whole corpus, or per claim against its cited documents only."""
    result = Run(dataset.claims)
    if not dataset.scoped:
        checker = Checker(dataset.sources, progress=None)
        result.groups.append((checker, list(range(len(dataset.claims))), checker.retrieve(dataset.claims)))
        return result
    corpus = load_corpus([dataset.sources])
    passages_of: dict[str, list[Passage]] = {}
    for passage in corpus.passages:
        passages_of.setdefault(passage.source, []).append(passage)
    scopes, lost = cite_scopes(corpus, dataset.claims)
    result.unscoped = len(lost)
    for scope, positions in scopes:
        # Documents are embedded and cached one by one, so a sub-corpus reuses the whole corpus's vectors.
        sub = Corpus([d for d in corpus.documents if d.path in scope], [p for path in scope for p in passages_of.get(path, [])]) if scope else corpus
        checker = Checker(sub, progress=None)
        claims = [replace(dataset.claims[p], cite=tuple(c for c in dataset.claims[p].cite if c in scope)) for p in positions]
        result.groups.append((checker, positions, checker.retrieve(claims)))
    return result


def fmt(value: object) -> str:
    """A rate with three decimals, or n/a."""
    return f"{value:.3f}" if isinstance(value, float) else "n/a"


def first_cite_right(verdicts: Sequence[Verdict], gold: Sequence[str]) -> tuple[int, int]:
    """Of the claims rightly called supported or conflicting that name a `cite`, how many quote a cited source first (issue 11's bar)."""
    right = total = 0
    for verdict, expected in zip(verdicts, gold):
        if expected not in ("supported", "conflicting") or verdict.label.value != expected or not verdict.claim.cite or not verdict.evidence:
            continue
        total += 1
        source = verdict.evidence[0].passage.source
        named = {c.strip().replace("\\", "/").removeprefix("./") for c in verdict.claim.cite}
        right += source in named or source.rsplit("/", 1)[-1] in named
    return right, total


def print_table(name: str, table: dict[str, object], recall: float | None, seconds: float, count: int, note: str = "", cites: tuple[int, int] = (0, 0)) -> None:
    """One dataset's figures as a Markdown table."""
    print(f"\n### {name} ({count} claims, {seconds:.1f} s{'; ' + note if note else ''})\n")
    print("| label | precision | recall | F1 | n |")
    print("|---|---|---|---|---|")
    for label in LABELS:
        row = table[label]
        print(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")  # type: ignore[index]
    extra = f", recall@5 {recall:.3f}" if recall is not None else ""
    print(f"\nmacro-F1 {table['macro_f1']:.3f}, accuracy {table['accuracy']:.3f}, false-contradiction rate {table['false_contradiction_rate']:.3f}{extra}")
    print(
        f"supported vs not: balanced accuracy {fmt(table['balanced_accuracy'])}, "
        f"false-support rate {fmt(table['false_support_rate'])} ({table['false_support']} of {table['not_supported']} not-supported claims called supported)"
    )
    if cites[1]:
        print(f"first cited passage from a source the claim cites: {cites[0]} of {cites[1]} right verdicts (supported or conflicting, with `cite`)")
    if name in PUBLISHED:
        print("published balanced accuracy, test half: " + ", ".join(f"{system} {value:.3f}" for system, value in PUBLISHED[name]))


def print_summary(rows: list[tuple[str, int, dict[str, object], float | None, tuple[int, int]]]) -> None:
    """One line per dataset: the figures issue 11 tracks."""
    print("\n### Summary\n")
    print("| dataset | n | macro-F1 | balanced accuracy | false-support rate | false-contradiction rate | recall@5 | first cite from a cited source |")
    print("|---|---|---|---|---|---|---|---|")
    for name, count, table, recall, cites in rows:
        false_support = f"{fmt(table['false_support_rate'])} ({table['false_support']}/{table['not_supported']})"
        print(
            f"| {name} | {count} | {table['macro_f1']:.3f} | {fmt(table['balanced_accuracy'])} | {false_support} | {table['false_contradiction_rate']:.3f} | {fmt(recall)} "
            f"| {f'{cites[0]}/{cites[1]}' if cites[1] else 'n/a'} |"
        )


def rule_tally(rows: Sequence[Mapping[str, object]]) -> dict[tuple[str, str], list[int]]:
    """For each (group, rule) that decided a verdict: [conflicts it made, of them gold conflicting, claims it left unsourced, of
    them gold supported]; group is "dev" or "blind" (the verdict's dataset was written blind)."""
    tally: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        rule, label = row["rule"], row["predicted"]
        if rule is None or label == "supported":
            continue
        counts = tally.setdefault(("blind" if row["blind"] else "dev", str(rule)), [0, 0, 0, 0])
        if label == "conflicting":
            counts[0] += 1
            counts[1] += row["gold"] == "conflicting"
        else:
            counts[2] += 1
            counts[3] += row["gold"] == "supported"
    return tally


def print_rules(tally: dict[tuple[str, str], list[int]]) -> None:
    """How often each rule's conflicts are right, and how often each blocker withheld a true support, dev and blind apart."""
    print("\n### Rules\n")
    print("| rule | dev: conflicts right | dev: unsourced, gold supported | blind: conflicts right | blind: unsourced, gold supported |")
    print("|---|---|---|---|---|")
    decided: dict[str, int] = {}
    for (_, rule), counts in tally.items():
        decided[rule] = decided.get(rule, 0) + counts[0] + counts[2]
    for rule in sorted(decided, key=lambda r: (-decided[r], r)):  # the rules that decide most first
        cells = []
        for group in ("dev", "blind"):
            made, right, left, withheld = tally.get((group, rule), [0, 0, 0, 0])
            cells += [f"{right}/{made}" if made else "", f"{withheld}/{left}" if left else ""]
        print(f"| {rule} | " + " | ".join(cells) + " |")


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


def load_datasets(args: argparse.Namespace, wanted: set[str]) -> list[Dataset]:
    """Every dataset asked for that exists here; a missing one is named on stderr, never silently dropped."""
    datasets: list[Dataset] = []
    if not wanted or "claims" in wanted:
        datasets.append(project_claims(ROOT / "claims", "claims"))
    if not wanted or "news" in wanted:
        datasets.append(project_claims(ROOT / "benchmarks" / "news_dev.yaml", "news"))
    heldout = ROOT / "benchmarks" / "news_heldout.yaml"
    if heldout.is_file() and (not wanted or "heldout" in wanted):
        datasets.append(replace(project_claims(heldout, "heldout"), blind=True))
    if not wanted or "draft" in wanted:
        datasets.append(draft_claims(ROOT / "examples" / "draft.md", ROOT / "examples" / "draft.expected.yaml", ROOT / "seeds"))
    heldout_draft = ROOT / "benchmarks" / "news_heldout_draft.md"
    if heldout_draft.is_file() and (not wanted or "heldout-draft" in wanted):
        datasets.append(replace(draft_claims(heldout_draft, heldout_draft.with_suffix(".expected.yaml"), ROOT / "seeds", "heldout-draft"), blind=True))
    skipped = []
    for folder in args.corpora or [CORPORA, HELDOUT]:
        found, passed_over = corpus_sets(folder, wanted)
        datasets += found
        skipped += passed_over
    for message in skipped:
        print(f"({message})", file=sys.stderr)
    if args.bench_dir.is_dir():
        for folder in sorted(p for p in args.bench_dir.iterdir() if (p / "claims.dev.jsonl").is_file()):
            if not wanted or folder.name in wanted:
                datasets.append(bench_set(folder, args.limit, args.sample, not args.ignore_cite))
    else:
        print(
            f"(no benchmark folder at {args.bench_dir}: skipping the shared dev sets climate-fever, covidfact, healthver, wice; pass --bench-dir)",
            file=sys.stderr,
        )
    absent = sorted(wanted - {d.name for d in datasets})
    if absent:
        print(f"(asked for but not found here: {', '.join(absent)}; skipped)", file=sys.stderr)
    return datasets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench", help="folder of benchmark datasets (default ../shared/bench)")
    parser.add_argument(
        "--corpora", type=Path, action="append", help="folder of corpora, one per sub-folder; repeatable (default benchmarks/corpora and benchmarks/heldout)"
    )
    parser.add_argument(
        "--only", default="", help="comma list of dataset names (claims, news, heldout, draft, corpus names, climate-fever, covidfact, healthver, wice)"
    )
    parser.add_argument("--limit", type=int, default=None, help="at most the first N claims per bench dataset")
    parser.add_argument("--sample", type=int, default=None, metavar="N", help="a deterministic sample of N claims per bench dataset (lowest sha256 of id)")
    parser.add_argument("--ignore-cite", action="store_true", help="check cited bench claims (wice) against the whole corpus, not their cited article")
    parser.add_argument("--sweep", action="store_true", help="also score single-threshold variants")
    parser.add_argument("--json", type=Path, default=None, help="write all figures to this JSON file")
    parser.add_argument("--errors", type=Path, default=None, help="write misclassified claims (JSONL) here")
    parser.add_argument(
        "--per-claim", type=Path, default=None, metavar="JSONL", help="write every claim's result (dataset, id, gold, predicted, explanation, …) here"
    )
    parser.add_argument(
        "--embedding-only",
        type=float,
        default=None,
        metavar="COSINE",
        help="score the naive baseline instead: supported when the best passage's cosine reaches COSINE, else unsourced",
    )
    args = parser.parse_args()
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}

    try:
        datasets = load_datasets(args, wanted)
    except ClaimcheckError as exc:
        print(f"{exc.file or ''}:{exc.line or ''}: {exc.message}", file=sys.stderr)
        return 2
    results: dict[str, object] = {"thresholds": asdict(DEFAULT)}
    errors, per_claim, summary = [], [], []
    for dataset in datasets:
        started = time.perf_counter()
        checked = run(dataset)
        candidates = checked.candidates()
        verdicts = checked.decide()
        seconds = time.perf_counter() - started
        predicted = [v.label.value for v in verdicts]
        if args.embedding_only is not None:
            predicted = ["supported" if found and max(c.similarity for c in found) >= args.embedding_only else "unsourced" for found in candidates]
        table = scores(dataset.gold, predicted)
        recall = recall_at(candidates, dataset.gold_spans, unit=dataset.span_unit) if dataset.gold_spans else None
        note = dataset.note
        if dataset.scoped:
            note = "; ".join(filter(None, [note, "each claim against its cited article"]))
        if checked.unscoped:
            note += f"; {checked.unscoped} claims' cited files not found, checked against the whole corpus"
        cites = first_cite_right(verdicts, dataset.gold) if args.embedding_only is None else (0, 0)
        print_table(dataset.name, table, recall, seconds, len(dataset.claims), note, cites)
        summary.append((dataset.name, len(dataset.claims), table, recall, cites))
        results[dataset.name] = {"scores": table, "recall_at_5": recall, "seconds": seconds, "note": note, "first_cite_right": list(cites)}
        for verdict, gold, label in zip(verdicts, dataset.gold, predicted):
            top = verdict.evidence[0].passage if verdict.evidence else None
            row = {
                "dataset": dataset.name,
                "id": verdict.claim.id,
                "gold": gold,
                "predicted": label,
                "explanation": verdict.explanation,
                "claim": verdict.claim.text,
                "evidence": top.place if top else "",
                "top": top.text[:300] if top else "",
                "signals": verdict.evidence[0].signals if verdict.evidence else {},
                "rule": verdict.evidence[0].rule if verdict.evidence else None,
                # every passage shown, for error analysis of verdicts resting on several (supporting and contradicting)
                "shown": [{"place": e.passage.place, "stance": e.stance.value, "rule": e.rule, "signals": e.signals} for e in verdict.evidence],
                "blind": dataset.blind,
            }
            per_claim.append(row)
            if label != gold:
                errors.append(row)
        if args.sweep:
            print("\n| variant | macro-F1 | balanced accuracy | false-support rate | false-contradiction rate |\n|---|---|---|---|---|")
            for name, values in SWEEP.items():
                for value in values:
                    variant: Thresholds = replace(DEFAULT, **{name: value})
                    t = scores(dataset.gold, [v.label.value for v in checked.decide(variant)])
                    print(
                        f"| {name}={value} | {t['macro_f1']:.3f} | {fmt(t['balanced_accuracy'])} | {fmt(t['false_support_rate'])} | {t['false_contradiction_rate']:.3f} |"
                    )
    if len(summary) > 1:
        print_summary(summary)
    if args.embedding_only is None:
        print_rules(rule_tally(per_claim))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.errors:
        args.errors.write_text("".join(json.dumps(e) + "\n" for e in errors))
    if args.per_claim:
        args.per_claim.write_text("".join(json.dumps(row) + "\n" for row in per_claim))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
