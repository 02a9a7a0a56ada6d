"""Window vectors derived from sentence vectors (`claimcheck.index.windows`) against encoded ones: closeness and verdicts.

python benchmarks/windows.py --cosine --sources /tmp/archive/archive-10k --cache-dir /tmp/archive/cache-10k --claims /tmp/archive/archive-10k.claims.yaml   # cosine of derived vs encoded windows
python benchmarks/windows.py --accuracy [--margin N] -- --only claims,news --sample 155     # every window encoded vs derived rows: verdicts
python benchmarks/windows.py --accuracy --judge sentences [--current-claims C.jsonl --current-json C.json] -- ARGS   # the checker vs a variant

--cosine encodes every passage of the sources per document (as the index does), derives each two-sentence
window's vector from its sentences' vectors two ways (the normalised sum; the sum weighted by each sentence's
length in characters) and prints the distribution of cosine(derived, encoded), plus how many of each claim's
top-10 passages by exact search stay the same when window rows are derived (claims: 100 archive claims or
`--claims FILE`).

--accuracy runs `benchmarks/accuracy.py` twice with the arguments after `--`: off, with every window encoded at
index time (`claimcheck.index.windows.DERIVE_WINDOWS` switched off in this benchmark only), and on, as the checker
runs (window rows derived for retrieval, the windows about to be judged encoded exactly; `--margin N` changes how
many passages past the candidates are re-ranked), and prints, per set: claims, verdicts changed, new false supports
(gold conflicting or unsourced, supported only when on), and balanced accuracy and false-support rate off → on.

--accuracy --judge MODE compares the checker as it runs (off) against a variant that encodes no window at check time
(on): MODE `derived` judges a window by its derived row's cosine, `sentences` by the higher of its two sentences'
(exact) cosines (`claimcheck.index.windows.JUDGE_WINDOWS`, switched in this benchmark only). `--current-claims` and
`--current-json` take the checker's run from an `accuracy.py` run with the same arguments instead of running it again.
"""

from __future__ import annotations

import argparse
import json
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402


def _windows():  # type: ignore[no-untyped-def]
    from claimcheck.index import windows

    return windows


def cosine_rows(sources: list[Path], claims_file: Path | None, cache_dir: Path | None) -> None:
    """Print the cosine distribution of derived against encoded window vectors, and the top-10 overlap for the claims."""
    from claimcheck.embed import Embedder
    from claimcheck.index import build_index
    from claimcheck.sources import Limits, load_corpus

    windows = _windows()
    corpus = load_corpus(sources, warn=lambda _: None, limits=Limits(files=10**6, total_bytes=10**11, passages=10**8))
    embedder = Embedder()
    by_document: dict[tuple[str, str], list[int]] = {}
    for position, passage in enumerate(corpus.passages):
        by_document.setdefault((passage.root, passage.source), []).append(position)
    # Every passage encoded per document, as the index does (from the embedding cache when `cache_dir` holds them).
    encoded = build_index(corpus, embedder, cache_dir=cache_dir, use_cache=cache_dir is not None).vectors
    derived = windows.derive_windows(corpus.passages, encoded)
    weighted = encoded.copy()
    window_rows: list[int] = []
    for positions in by_document.values():
        local = [corpus.passages[p] for p in positions]
        for n, pair in enumerate(windows.window_sources(local)):
            if pair is None:
                continue
            a, b = positions[pair[0]], positions[pair[1]]
            la, lb = len(corpus.passages[a].text), len(corpus.passages[b].text)
            total = la * encoded[a] + lb * encoded[b]
            weighted[positions[n]] = total / max(float(np.linalg.norm(total)), 1e-12)
            window_rows.append(positions[n])
    rows = np.array(window_rows)
    print(f"{len(corpus.passages):,} passages, {len(rows):,} windows derived ({len(rows) / len(corpus.passages):.0%} of the encodes saved)\n")
    print("| derivation | min | 1st pct | 5th pct | median | mean |\n|---|---|---|---|---|---|")
    for name, matrix in (("normalised sum (windows.derive)", derived), ("length-weighted sum", weighted)):
        cosines = np.einsum("ij,ij->i", matrix[rows], encoded[rows])
        p = np.percentile(cosines, [1, 5, 50])
        print(f"| {name} | {cosines.min():.3f} | {p[0]:.3f} | {p[1]:.3f} | {p[2]:.3f} | {cosines.mean():.3f} |")
    if claims_file is not None:
        import yaml

        claims = [c["text"] for c in yaml.safe_load(claims_file.read_text(encoding="utf-8"))["claims"]]
        queries = embedder.encode(claims)
        k = 10
        exact = np.argsort(-(queries @ encoded.T), axis=1, kind="stable")[:, :k]
        print(f"\n| derivation | top-{k} passages kept, {len(claims)} claims (mean) | claims with the same top 1 |\n|---|---|---|")
        for name, matrix in (("normalised sum", derived), ("length-weighted sum", weighted)):
            found = np.argsort(-(queries @ matrix.T), axis=1, kind="stable")[:, :k]
            kept = np.mean([len(set(a) & set(b)) / k for a, b in zip(exact, found)])
            same = int(np.sum(exact[:, 0] == found[:, 0]))
            print(f"| {name} | {kept:.3f} | {same}/{len(claims)} |")


def switched_accuracy(arguments: list[str], encoded: bool, margin: int | None, judge: str | None = None) -> None:
    """Run accuracy.py in this process with every window encoded at index time (`encoded`), another window margin, or windows judged another way."""
    from dataclasses import replace

    from claimcheck.index import retriever

    if encoded:
        _windows().DERIVE_WINDOWS = False
    if judge is not None:
        _windows().JUDGE_WINDOWS = judge
    if margin is not None:
        settings_of = retriever.RetrievalSettings.of
        retriever.RetrievalSettings.of = classmethod(lambda cls, values: replace(settings_of(values), window_margin=margin))  # type: ignore[method-assign, assignment]
    sys.argv = [str(ROOT / "benchmarks" / "accuracy.py"), *arguments]
    runpy.run_path(str(ROOT / "benchmarks" / "accuracy.py"), run_name="__main__")


def compare(arguments: list[str], margin: int | None, judge: str | None = None, current: tuple[Path, Path] | None = None) -> None:
    """accuracy.py off and on, and the verdict differences per set.

    Off: every window encoded at index time, or with `judge` the checker as it runs (or its run `current`: per-claim
    JSONL, figures JSON). On: the checker as it runs (derived window rows), or with `judge` windows judged that way.
    """
    with tempfile.TemporaryDirectory() as folder:
        runs = {}
        for which in ("off", "on"):
            per_claim, figures = Path(folder) / f"{which}.jsonl", Path(folder) / f"{which}.json"
            if which == "off" and judge is not None and current is not None:
                per_claim, figures = current
            else:
                if judge is not None:
                    switches = ["--judge", judge, "--switched-accuracy"] if which == "on" else []
                else:
                    switches = ["--encoded-accuracy"] if which == "off" else ([] if margin is None else ["--margin", str(margin), "--switched-accuracy"])
                command = [sys.executable, __file__, *switches, "--"] if switches else [sys.executable, str(ROOT / "benchmarks" / "accuracy.py")]
                subprocess.run([*command, *arguments, "--per-claim", str(per_claim), "--json", str(figures)], check=True, stdout=subprocess.DEVNULL)
            rows = [json.loads(line) for line in per_claim.read_text().splitlines()]
            runs[which] = ({(r["dataset"], r["id"]): r for r in rows}, json.loads(figures.read_text()))
    (off, off_figures), (on, on_figures) = runs["off"], runs["on"]
    print("| set | claims | verdicts changed | new false supports | balanced accuracy off → on | false-support rate off → on |\n|---|---|---|---|---|---|")
    for dataset in dict.fromkeys(d for d, _ in off):
        keys = [k for k in off if k[0] == dataset]
        changed = [k for k in keys if off[k]["predicted"] != on[k]["predicted"]]
        new_false = [k for k in changed if on[k]["predicted"] == "supported" and on[k]["gold"] != "supported"]

        def figure(figures: dict[str, dict[str, dict[str, float | None]]], name: str, dataset: str = dataset) -> str:
            value = figures[dataset]["scores"][name]
            return "–" if value is None else f"{value:.3f}"

        ba = f"{figure(off_figures, 'balanced_accuracy')} → {figure(on_figures, 'balanced_accuracy')}"
        fs = f"{figure(off_figures, 'false_support_rate')} → {figure(on_figures, 'false_support_rate')}"
        print(f"| {dataset} | {len(keys)} | {len(changed)} | {len(new_false)} | {ba} | {fs} |")
        for key in changed:
            print(f"|  | {key[1]}: {off[key]['predicted']} → {on[key]['predicted']} (gold {off[key]['gold']}) | | | | |", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cosine", action="store_true")
    parser.add_argument("--sources", type=Path, action="append", default=[])
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedding cache to take (and leave) the encoded passages in")
    parser.add_argument("--claims", type=Path, default=None, help="claims file for the top-10 overlap (e.g. an archive-SIZE.claims.yaml)")
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--margin", type=int, default=None, help="with --accuracy: the window margin of the derived run (default: the setting's)")
    parser.add_argument("--judge", choices=("derived", "sentences"), default=None, help="with --accuracy: the checker against windows judged this way")
    parser.add_argument("--current-claims", type=Path, default=None, help="with --judge: the checker's per-claim JSONL from accuracy.py (same arguments)")
    parser.add_argument("--current-json", type=Path, default=None, help="with --judge: the checker's figures JSON from the same run")
    parser.add_argument("--encoded-accuracy", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--switched-accuracy", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    if args.encoded_accuracy or args.switched_accuracy:
        switched_accuracy(rest, args.encoded_accuracy, args.margin, args.judge)
    elif args.accuracy:
        if (args.current_claims is None) != (args.current_json is None) or (args.current_claims is not None and args.judge is None):
            parser.error("--current-claims and --current-json go together, with --judge")
        current = (args.current_claims, args.current_json) if args.current_claims is not None and args.current_json is not None else None
        compare(rest, args.margin, args.judge, current)
    elif args.cosine:
        cosine_rows(args.sources or [ROOT / "seeds"], args.claims, args.cache_dir)
    else:
        parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
