"""Archive corpora for the scale benchmarks: 1k / 10k / 100k passages built from `../shared/bench/*/sources`, copied with variations.

python benchmarks/archive.py 10k DIR                 # writes DIR/archive-10k/ (the corpus) and DIR/archive-10k.claims.yaml
python benchmarks/archive.py 1k DIR --verify         # ... and counts the passages again with claimcheck's own loader
python benchmarks/speed.py --archive 10k --archive-dir DIR   # the archive rows (speed.py imports `build_archive`)

The benchmark sources are evaluation data that must not be copied into the project: generate into a
temporary or user-given folder only (never inside the repository).

How a corpus is made (deterministic: the same sources and size give the same bytes, on any machine):
- the `.txt` files of every dataset under `bench-dir/*/sources`, each dataset's in sorted name order,
  interleaved round-robin across datasets so even the 1k corpus mixes all of them;
- copy 0 of every file first, then copy 1 of every file, and so on, until the corpus holds the target
  number of passages as claimcheck counts them (sentences plus two-sentence windows, the same split the
  tool uses); a file that would overshoot the target by more than 3% is passed over, so the count lands
  within a few percent of the target;
- every copy gets a header line of its own (an edition number and a dateline drawn from a seeded
  generator), so no two files are byte- or text-identical (claimcheck indexes identical texts once);
- copy k ≥ 1 also has its paragraphs (or, in a file of one paragraph, its lines) after the first
  shuffled, and about one number in five changed (n → n + 1..9), each by `random.Random` seeded with
  "dataset/name/copy", as an archive holds updated and re-edited versions of a story;
- files land in `archive-SIZE/DATASET/cNN/NAME`; `archive-SIZE.json` beside the folder records the counts,
  and a folder whose record matches (same builder version, sources and target) is reused, not rebuilt.

Claims: 100 claims (25 from each dataset's claims.dev.jsonl, a seeded sample), written as a claims file
`archive-SIZE.claims.yaml` whose `sources:` is the corpus folder; a speed run checks these.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

BUILDER_VERSION = 1  # bump when the variations change, so old corpora on disk are rebuilt
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
OVERSHOOT = 0.03  # a file that would take the count past target × (1 + this) is passed over
CLAIMS = 100
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
_NUMBER = re.compile(r"(?<![\w.,])\d{1,6}(?![\w]|[.,]\d)")  # a whole number, not part of a decimal, a code or a word


@dataclass(frozen=True)
class Archive:
    """A built corpus: its folder, its claims file, and what claimcheck will count in it."""

    folder: Path
    claims: Path
    passages: int
    documents: int
    target: int


def parse_size(size: str) -> int:
    """A target passage count from "1k", "10k", "100k", "1m" or a plain number."""
    text = size.strip().lower().replace("_", "")
    if text in SIZES:
        return SIZES[text]
    multiplier = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if multiplier > 1 else text
    if not number.isdigit() or int(number) <= 0:
        raise ValueError(f"not a corpus size: {size!r} (1k, 10k, 100k or a number)")
    return int(number) * multiplier


def size_name(target: int) -> str:
    """ "10k" for 10,000, else the number."""
    for name, value in SIZES.items():
        if value == target:
            return name
    return str(target)


def source_files(bench_dir: Path) -> list[tuple[str, Path]]:
    """(dataset, file) of every benchmark source, interleaved round-robin across datasets."""
    datasets = sorted(p.parent for p in bench_dir.glob("*/sources") if p.is_dir())
    if not datasets:
        raise SystemExit(f"no benchmark sources under {bench_dir}/*/sources")
    lists = [(folder.name, sorted((folder / "sources").glob("*.txt"))) for folder in datasets]
    order: list[tuple[str, Path]] = []
    for position in range(max(len(files) for _, files in lists)):
        order.extend((name, files[position]) for name, files in lists if position < len(files))
    return order


def vary(text: str, dataset: str, name: str, copy: int) -> str:
    """Copy `copy` of a source text: a header line of its own; from copy 1, shuffled paragraphs (or lines) and some numbers changed."""
    rng = random.Random(f"{dataset}/{name}/{copy}")
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    header = f"Archive edition {copy + 1}, filed {day:%d %B %Y}."
    body = text.strip("\n")
    if copy > 0:
        paragraphs = re.split(r"\n\s*\n", body)
        units, joiner = (paragraphs, "\n\n") if len(paragraphs) >= 3 else (body.split("\n"), "\n")
        rest = units[1:]  # the first stays put: a title, a headline
        rng.shuffle(rest)
        body = joiner.join(units[:1] + rest)
        body = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)) if rng.random() < 0.2 else m.group(), body)
    return f"{header}\n\n{body}\n"


def count_passages(text: str, name: str) -> int:
    """How many passages claimcheck makes of a `.txt` source with this text (its own reader and splitter)."""
    from claimcheck.models import Document
    from claimcheck.sources import ReadOptions, split_passages
    from claimcheck.sources.plain import TextReader

    extracted = TextReader().read(text.encode("utf-8"), name, lambda _: None, ReadOptions())
    document = Document(name, ".", extracted.text, hashlib.sha256(extracted.text.encode()).hexdigest(), headings=extracted.headings)
    return len(split_passages(document))


def _record(bench_dir: Path, target: int, files: list[tuple[str, Path]]) -> dict[str, object]:
    """What identifies a built corpus: builder version, target and the sources (names and sizes)."""
    digest = hashlib.sha256()
    for dataset, path in files:
        digest.update(f"{dataset}/{path.name}:{path.stat().st_size}\n".encode())
    return {"builder": BUILDER_VERSION, "target": target, "sources": digest.hexdigest()}


def build_archive(size: str | int, directory: Path, bench_dir: Path = DEFAULT_BENCH, *, log: bool = True) -> Archive:
    """Build (or reuse) the corpus of `size` passages and its claims file under `directory`."""
    target = size if isinstance(size, int) else parse_size(size)
    directory = Path(directory).resolve()
    if ROOT in (directory, *directory.parents):
        raise SystemExit(f"{directory}: inside the repository; benchmark data must not be copied into the project")
    name = f"archive-{size_name(target)}"
    folder, manifest, claims = directory / name, directory / f"{name}.json", directory / f"{name}.claims.yaml"
    files = source_files(bench_dir)
    identity = _record(bench_dir, target, files)
    if manifest.is_file() and folder.is_dir() and claims.is_file():
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: recorded.get(k) for k in identity} == identity:
            return Archive(folder, claims, int(recorded["passages"]), int(recorded["documents"]), target)
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=directory))
    passages = documents = 0
    ceiling = target * (1 + OVERSHOOT)
    copy = 0
    while passages < target:
        added = 0
        for dataset, path in files:
            text = vary(path.read_text(encoding="utf-8", errors="replace"), dataset, path.name, copy)
            count = count_passages(text, path.name)
            if count == 0 or passages + count > ceiling:
                continue
            out = staging / dataset / f"c{copy:02d}" / path.name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            passages += count
            documents += 1
            added += 1
            if passages >= target:
                break
        if added == 0:
            break  # every file overshoots: as close as it gets
        copy += 1
        if log:
            print(f"archive {name}: copy {copy} done, {passages:,} passages", file=sys.stderr)
    if folder.exists():
        shutil.rmtree(folder)
    staging.rename(folder)
    claims.write_text(claims_yaml(bench_dir, folder.name), encoding="utf-8")
    manifest.write_text(json.dumps({**identity, "passages": passages, "documents": documents, "copies": copy + 1}, indent=1) + "\n", encoding="utf-8")
    return Archive(folder, claims, passages, documents, target)


def sample_claims(bench_dir: Path, count: int = CLAIMS) -> list[dict[str, str]]:
    """`count` claims, an equal seeded sample from each dataset's claims.dev.jsonl: [{id, text}]."""
    datasets = sorted(p.parent for p in bench_dir.glob("*/claims.dev.jsonl"))
    chosen: list[dict[str, str]] = []
    for position, folder in enumerate(datasets):
        rows = [json.loads(line) for line in (folder / "claims.dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        share = count // len(datasets) + (1 if position < count % len(datasets) else 0)
        for row in random.Random(f"claims/{folder.name}").sample(rows, min(share, len(rows))):
            ident = str(row["id"])
            chosen.append({"id": ident if ident.startswith(folder.name) else f"{folder.name}-{ident}", "text": str(row["claim"])})
    return chosen


def claims_yaml(bench_dir: Path, sources: str) -> str:
    """A claims file of the sampled claims over `sources` (relative to the file)."""
    import yaml

    return "# 100 benchmark dev claims for the archive speed rows (benchmarks/archive.py)\n" + yaml.safe_dump(
        {"sources": sources, "claims": sample_claims(bench_dir)}, sort_keys=False, allow_unicode=True, width=1000
    )


def verify(archive: Archive) -> tuple[int, int]:
    """(documents, passages) as claimcheck's own loader counts the built folder (limits raised)."""
    from claimcheck.sources import Limits, load_corpus

    corpus = load_corpus([archive.folder], warn=lambda _: None, limits=Limits(files=10**7, total_bytes=10**12, passages=10**9))
    return len(corpus.documents), len(corpus.passages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", help="1k, 10k, 100k or a passage count")
    parser.add_argument("directory", type=Path, help="where to build (outside the repository)")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--verify", action="store_true", help="count the passages again with claimcheck's loader")
    args = parser.parse_args()
    archive = build_archive(args.size, args.directory, args.bench_dir)
    print(f"{archive.folder}: {archive.documents:,} documents, {archive.passages:,} passages (target {archive.target:,}); claims {archive.claims}")
    if args.verify:
        documents, passages = verify(archive)
        print(f"claimcheck's loader: {documents:,} documents, {passages:,} passages")
        return 0 if (documents, passages) == (archive.documents, archive.passages) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
