"""Speed of claimcheck: start-up, indexing (cold and cached) and checking, printed as a table.

python benchmarks/speed.py                 # the seeds and claims/
python benchmarks/speed.py --bench-dir ../shared/bench --dataset climate-fever
python benchmarks/speed.py --compare 2683355 --dataset climate-fever   # warm runs: that commit against this tree
python benchmarks/speed.py --watch-only    # only the draft rows: cold `draft` against save-to-report in `draft --watch`
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def timed(command: list[str]) -> float:
    """Wall-clock seconds of a command (its output discarded)."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def timed_in(source: Path, command: list[str]) -> float:
    """Wall-clock seconds of a command run with `source` (a `src` folder) first on the import path."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env={**os.environ, "PYTHONPATH": str(source)})
    return time.perf_counter() - started


def compare_warm(revision: str, dataset: Path | None, repeats: int = 5) -> list[tuple[str, str]]:
    """Warm runs of `revision` and of this tree, interleaved (a busy machine drifts), median of `repeats` each."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        before = Path(folder) / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        jobs = [("check claims/ on seeds", ["check", str(ROOT / "claims"), "--no-fail", "--format", "json"])]
        if dataset is not None:
            jobs.append((f"index {dataset.parent.name}", ["index", "--sources", str(dataset)]))
        for name, arguments in jobs:
            times: dict[str, list[float]] = {"before": [], "now": []}
            caches = {which: Path(folder) / f"cache-{which}" for which in times}
            sources = {"before": before / "src", "now": ROOT / "src"}
            for which in times:  # fill each cache (the formats differ)
                timed_in(sources[which], [sys.executable, "-m", "claimcheck", *arguments, "--cache-dir", str(caches[which])])
            for _ in range(repeats):
                for which in times:
                    times[which].append(timed_in(sources[which], [sys.executable, "-m", "claimcheck", *arguments, "--cache-dir", str(caches[which])]))
            old, new = statistics.median(times["before"]), statistics.median(times["now"])
            rows.append((f"warm {name}: {revision} / now (median of {repeats})", f"{old:.2f} s / {new:.2f} s ({(new / old - 1) * 100:+.0f}%)"))
    return rows


DRAFT = ROOT / "examples" / "draft.md"
EDITED = "Palantir pays Amazon about $600,000 a year for hosting."


def watch_rows(edits: int = 7) -> list[tuple[str, str]]:
    """A cold `draft` of the example draft, then save-to-report in `draft --watch` for one-sentence edits of it.

    Save-to-report: from the moment the edited file is renamed into place (as an editor saves) to the moment
    the watching process says the report is written (its status line follows the write).
    """
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work, cache = Path(folder), Path(folder) / "cache"
        draft = work / "draft.md"
        text = DRAFT.read_text(encoding="utf-8")
        assert EDITED in text, "the example draft changed: pick another sentence to edit"
        draft.write_text(text, encoding="utf-8")
        sentences = len(__import__("claimcheck.draft", fromlist=["load_draft"]).load_draft(draft).claims())
        base = [sys.executable, "-m", "claimcheck", "draft", str(draft), "--sources", str(ROOT / "seeds"), "--cache-dir", str(cache), "--no-fail"]
        cold = timed(base + ["--format", "json", "--output", str(work / "cold.json")])
        warm = timed(base + ["--format", "json", "--output", str(work / "warm.json")])
        rows.append((f"`draft` of the example draft ({sentences} sentences), new process, cold cache", f"{cold:.2f} s"))
        rows.append((f"`draft` of the example draft ({sentences} sentences), new process, warm cache", f"{warm:.2f} s"))
        process = subprocess.Popen(
            base + ["--watch", "--format", "html", "--output", str(work / "report.html")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        arrivals: list[tuple[float, str]] = []

        def read() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                arrivals.append((time.perf_counter(), line.decode()))

        threading.Thread(target=read, daemon=True).start()

        def wait(count: int, timeout: float = 300) -> float:
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:
                done = [at for at, line in arrivals if line.startswith("claimcheck: checked")]
                if len(done) >= count:
                    return done[count - 1]
                time.sleep(0.002)
            raise RuntimeError("the watching process never redrew: " + "".join(line for _, line in arrivals))

        try:
            started = time.perf_counter()
            first = wait(1) - started
            while not any(line.startswith("claimcheck: watching") for _, line in arrivals):  # the model loads after the first report
                time.sleep(0.01)
            ready = time.perf_counter() - started
            seconds = []
            for n in range(1, edits + 1):
                fresh = work / "draft.md.tmp"
                fresh.write_text(text.replace(EDITED, EDITED.replace("$600,000", f"${600 + n},000")), encoding="utf-8")
                saved = time.perf_counter()
                os.replace(fresh, draft)
                seconds.append(wait(n + 1) - saved)
                time.sleep(0.3)
        finally:
            process.kill()
        rechecked = [line.split(" in ")[0].removeprefix("claimcheck: ") for _, line in arrivals if line.startswith("claimcheck: checked")][1:]
        rows.append(("`draft --watch`: start to first report (warm cache), to model loaded", f"{first:.2f} s, {ready:.2f} s"))
        rows.append(
            (
                f"`draft --watch`: save to redrawn HTML report, one-sentence edit ({rechecked[0]}), {edits} saves",
                f"median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s",
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--dataset", default=None, help="also time a ../shared/bench dataset (e.g. climate-fever)")
    parser.add_argument("--compare", metavar="REVISION", default=None, help="only time warm runs of REVISION against this tree")
    parser.add_argument("--watch-only", action="store_true", help="only time `draft` cold against save-to-report in `draft --watch`")
    args = parser.parse_args()
    if args.watch_only:
        print("| measurement | time |\n|---|---|")
        for name, value in watch_rows():
            print(f"| {name} | {value} |")
        return 0
    claimcheck = [sys.executable, "-m", "claimcheck"]
    rows: list[tuple[str, str]] = []
    if args.compare:
        dataset = args.bench_dir / args.dataset / "sources" if args.dataset else None
        if dataset is not None and not dataset.is_dir():
            print(f"(no dataset at {dataset}; skipped)", file=sys.stderr)
            dataset = None
        rows = compare_warm(args.compare, dataset)
        print("| measurement | time |\n|---|---|")
        for name, value in rows:
            print(f"| {name} | {value} |")
        return 0
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
    rows += watch_rows()

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
