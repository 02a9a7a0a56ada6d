"""Candidate recall of retrieval on the dev sets: does judging ever see the passage that decides a claim?

For every dev claim whose gold is supported or conflicting and that names a `cite:` source, the candidates
`Checker.retrieve` returns (what judging sees) are searched for a passage of a cited document. Printed per
dataset: the share with one at rank 1, within the claim's judged candidates (the whole claim's: the top
`candidates` plus the rare-word passages), within them or a part's candidates (compound claims), the mean rank
of the first such passage where found, and, from a deeper ranking (`--deep` candidates, nothing else changed),
the share found within that depth and its mean rank: how far out the misses sit.

A second table does the same for the deciding passage itself, where a claim's comment quotes it: the corpora's
claims.yaml give each claim a comment `# file.md "quoted words" ...`; a passage of that file holding a quoted
fragment (quotes split at "..." and " / "), or held whole by one, is a gold passage. Claims whose quotes match no passage
are left out of that table (the count says how many are in).

Datasets: claims (claims/), news (benchmarks/news_dev.yaml) and benchmarks/corpora/NAME/claims.yaml. Drafts cite
nothing; the held-out sets are never read.

    CLAIMCHECK_CACHE_DIR=/tmp/recall-cache python benchmarks/candidate_recall.py
    python benchmarks/candidate_recall.py --only annual_reports,science --misses   # and list each claim never given its cited document
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from accuracy import CORPORA, Dataset, project_claims  # noqa: E402

from claimcheck.api import Checker  # noqa: E402
from claimcheck.index.retriever import Candidate, ExactRetriever  # noqa: E402
from claimcheck.models import Claim, Passage  # noqa: E402

CORPUS_NAMES = ("annual_reports", "science", "software_docs")


def dev_sets(wanted: set[str]) -> list[Dataset]:
    """The dev claim sets with gold labels (never a held-out file: only each corpus's claims.yaml is opened)."""
    found: list[Dataset] = []
    if not wanted or "claims" in wanted:
        found.append(project_claims(ROOT / "claims", "claims"))
    if not wanted or "news" in wanted:
        found.append(project_claims(ROOT / "benchmarks" / "news_dev.yaml", "news"))
    for name in CORPUS_NAMES:
        if (not wanted or name in wanted) and (CORPORA / name / "claims.yaml").is_file():
            found.append(project_claims(CORPORA / name / "claims.yaml", name, CORPORA / name / "sources"))
    return found


def cited_names(claim: Claim) -> set[str]:
    """The claim's `cite` entries as the corpus spells document paths (as accuracy.py's first-cite check reads them)."""
    return {c.strip().replace("\\", "/").removeprefix("./") for c in claim.cite}


def cited_rank(found: list[Candidate], named: set[str]) -> int | None:
    """1-based rank of the first candidate from a cited document, or None."""
    for rank, candidate in enumerate(found, start=1):
        source = candidate.passage.source
        if source in named or source.rsplit("/", 1)[-1] in named:
            return rank
    return None


FILE = re.compile(r"[\w.-]+\.(?:md|txt|html|pdf|docx|rst)\b")
QUOTE = re.compile(r'"([^"]+)"')
Gold = list[tuple[str, str]]  # (file name, fragment of a quoted passage, whitespace-collapsed)


def squash(text: str) -> str:
    """Whitespace collapsed, for comparing a quote with a passage that wraps lines."""
    return " ".join(text.split())


def comment_gold(path: Path) -> dict[str, Gold]:
    """Each claim id's quoted passages, from the comment lines between its `- id:` line and its `text:` line."""
    gold: dict[str, Gold] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- id:"):
            current = stripped.removeprefix("- id:").strip()
            gold[current] = []
        elif stripped.startswith("text:"):
            current = None
        elif current is not None and stripped.startswith("#"):
            # Each quote belongs to the file named last before it.
            events = sorted(
                [(m.start(), "file", m.group(0)) for m in FILE.finditer(stripped)] + [(m.start(), "quote", m.group(1)) for m in QUOTE.finditer(stripped)]
            )
            name = ""
            for _, kind, value in events:
                if kind == "file":
                    name = value
                elif name and not FILE.fullmatch(value):
                    for fragment in re.split(r"\.\.\.|…| / ", value):
                        fragment = squash(fragment.strip().lstrip("#"))
                        if len(fragment.split()) >= 2:
                            gold[current].append((name, fragment))
    return gold


def is_gold(passage: Passage, gold: Gold) -> bool:
    """Whether a passage holds a quoted fragment of its file, or is held whole by one."""
    name = passage.source.rsplit("/", 1)[-1]
    text = squash(passage.text)
    return any(name == file and (fragment in text or text in fragment) for file, fragment in gold)


def gold_rank(found: list[Candidate], gold: Gold) -> int | None:
    """1-based rank of the first gold passage among the candidates, or None."""
    for rank, candidate in enumerate(found, start=1):
        if is_gold(candidate.passage, gold):
            return rank
    return None


@dataclass
class Tally:
    """One dataset's counts for one notion of a right passage."""

    n: int = 0
    first: int = 0
    within: int = 0
    with_parts: int = 0
    found_deep: int = 0
    ranks: list[int] = field(default_factory=list)
    deep_ranks: list[int] = field(default_factory=list)

    def add(self, rank: int | None, parts: list[int | None], far: int | None) -> None:
        """Count one claim: its rank among its judged candidates, among each part's, and in the deeper ranking."""
        self.n += 1
        self.first += rank == 1
        self.within += rank is not None
        self.with_parts += rank is not None or any(r is not None for r in parts)
        if rank is not None:
            self.ranks.append(rank)
        if far is not None:
            self.found_deep += 1
            self.deep_ranks.append(far)

    def merge(self, other: Tally) -> None:
        """Add another dataset's counts."""
        for name in ("n", "first", "within", "with_parts", "found_deep"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.ranks += other.ranks
        self.deep_ranks += other.deep_ranks


def measure(dataset: Dataset, gold: dict[str, Gold], deep: int, misses: bool) -> tuple[Tally, Tally]:
    """The cited-document and the gold-passage tallies of one dataset."""
    chosen = [c for c, g in zip(dataset.claims, dataset.gold) if g in ("supported", "conflicting") and c.cite]
    checker = Checker(dataset.sources, progress=None)
    judged = checker.retrieve(chosen)
    retriever = checker.retriever
    assert isinstance(retriever, ExactRetriever)
    checker.retriever = ExactRetriever(
        retriever.index, retriever.lexical, replace(retriever.settings, candidates=deep, pool=max(deep, retriever.settings.pool)), windows=retriever.windows
    )
    deeper = checker.retrieve(chosen)
    corpus = checker.corpus.passages
    documents, passages = Tally(), Tally()
    for claim, candidates, long in zip(chosen, judged, deeper):
        named = cited_names(claim)
        rank, far = cited_rank(candidates, named), cited_rank(long, named)
        documents.add(rank, [cited_rank(own, named) for _, own in getattr(candidates, "parts", [])], far)
        quoted = gold.get(claim.id, [])
        passage_rank: int | None = None
        if quoted and any(is_gold(p, quoted) for p in corpus):
            passage_rank = gold_rank(candidates, quoted)
            passages.add(passage_rank, [gold_rank(own, quoted) for _, own in getattr(candidates, "parts", [])], gold_rank(long, quoted))
        if misses and (rank is None or (quoted and passage_rank is None)):
            top = candidates[0].passage if candidates else None
            what = "document" if rank is None else "passage"
            depth = far if rank is None else gold_rank(long, quoted)
            print(
                f"  {what} miss {dataset.name}/{claim.id} (deep rank {depth}): {claim.text!r}; top: {top.source if top else '-'} {top.text[:90] if top else ''!r}"
            )
    return documents, passages


def share(count: int, total: int) -> str:
    """A share with three decimals and its counts."""
    return f"{count / total:.3f} ({count}/{total})" if total else "n/a"


def print_table(title: str, rows: list[tuple[str, Tally]], deep: int) -> None:
    """One Markdown table of tallies, with an `all` row."""
    print(f"\n{title}\n")
    print(f"| dataset | n | at rank 1 | within judged | within judged or a part's | mean rank (found) | within {deep} | mean rank within {deep} |")
    print("|---|---|---|---|---|---|---|---|")
    total = Tally()
    for name, tally in rows + ([("all", total)] if len(rows) > 1 else []):
        if name != "all":
            total.merge(tally)
        mean = f"{sum(tally.ranks) / len(tally.ranks):.2f}" if tally.ranks else "n/a"
        mean_deep = f"{sum(tally.deep_ranks) / len(tally.deep_ranks):.2f}" if tally.deep_ranks else "n/a"
        print(
            f"| {name} | {tally.n} | {share(tally.first, tally.n)} | {share(tally.within, tally.n)} | {share(tally.with_parts, tally.n)} | {mean} "
            f"| {share(tally.found_deep, tally.n)} | {mean_deep} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma list of: claims, news, " + ", ".join(CORPUS_NAMES))
    parser.add_argument("--deep", type=int, default=64, help="candidates in the deeper ranking (default 64)")
    parser.add_argument(
        "--misses", action="store_true", help="list every claim whose judged candidates hold no passage of its cited document, or no gold passage"
    )
    args = parser.parse_args()
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    documents, passages = [], []
    for dataset in dev_sets(wanted):
        file = CORPORA / dataset.name / "claims.yaml"
        gold = comment_gold(file) if dataset.name in CORPUS_NAMES else {}
        by_document, by_passage = measure(dataset, gold, args.deep, args.misses)
        documents.append((dataset.name, by_document))
        if by_passage.n:
            passages.append((dataset.name, by_passage))
    print_table("### A passage of the cited document among the candidates", documents, args.deep)
    print_table("### The quoted deciding passage among the candidates", passages, args.deep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
