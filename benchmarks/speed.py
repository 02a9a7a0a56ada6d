"""Speed of claimcheck: start-up, indexing (cold and cached) and checking, printed as a table.

python benchmarks/speed.py                 # the seeds and claims/
python benchmarks/speed.py --bench-dir ../shared/bench --dataset climate-fever
python benchmarks/speed.py --compare 2683355 --dataset climate-fever   # warm runs: that commit against this tree
python benchmarks/speed.py --watch-only    # only the draft rows: cold `draft` against save-to-report in `draft --watch`
python benchmarks/speed.py --archive 1k,10k --archive-dir /tmp/archive   # the archive rows (issue 13), one column per size

Archive rows (`--archive`): each size's corpus and 100 claims are built by `benchmarks/archive.py` into
`--archive-dir` (outside the repository; reused when already built). Per size, in one run, each in a child
process with a fresh cache folder: cold `claimcheck index` (time, passages/s), a warm `check` of the 100
claims, the same check again (everything cached), `index` again (everything cached), and, side by side,
the floor (import + load the embedding model + encode the 100 claims, with torch and with the encoder a check uses:
ONNX Runtime on the export `index` made) and a bare
`python -c "import rapidfuzz, click, rich, yaml"`; the warm check's and the floor's CPU time too (user + system, the
check's forked judging workers included), steadier than wall time on a shared machine. Peak RSS is each child's own (`os.wait4`); index size
is the cache folder on disk. The run's config raises the file, byte and passage caps. A 1M-passage row is
extrapolated on paper from the largest size measured, and labelled so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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


# CPU seconds (user + system) of the last `run_child`, its reaped children (forked judging workers) included: on a
# machine shared with other work, CPU time moves far less than wall time.
LAST_CPU = 0.0


def run_child(command: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB and stdout of a child process (its own rusage, via wait4); a failure stops the benchmark."""
    global LAST_CPU
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        LAST_CPU = usage.ru_utime + usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)}: exit {process.returncode}\n{err.read().decode(errors='replace')[-2000:]}")
        return seconds, usage.ru_maxrss // 1024, out.read().decode(errors="replace")


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


FLOOR = """
import sys, time, yaml
started = time.perf_counter()
from claimcheck.embed import Embedder
claims = [c["text"] for c in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["claims"]]
vectors = Embedder().encode(claims)
print(len(vectors))
"""
# The same with the encoder a check uses for claims (ONNX Runtime on the export `index` left in the cache, when usable).
FLOOR_CHECK = """
import sys, yaml
from pathlib import Path
from claimcheck.bytestore import ByteStore
from claimcheck.embed import Embedder
from claimcheck.index.ort import check_time_embedder
claims = [c["text"] for c in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["claims"]]
encoder = check_time_embedder(Embedder(), ByteStore(Path(sys.argv[2]), print))
print(len(encoder.encode(claims)), type(encoder).__name__)
"""


def archive_column(size: str, archive_dir: Path, bench_dir: Path) -> dict[str, str]:
    """The archive measurements of one corpus size, in one run (see the module docstring)."""
    from archive import build_archive

    archive = build_archive(size, archive_dir, bench_dir)
    run = archive_dir / f"run-{archive.folder.name}"
    if run.exists():
        shutil.rmtree(run)
    run.mkdir()
    cache = run / "cache"
    # The defaults cap a run at 10,000 files, 50 MB and 100,000 passages: an archive needs more.
    (run / ".claimcheck.toml").write_text("max-files = 10000000\nmax-total-size = 100000000000\nmax-passages = 100000000\n", encoding="utf-8")
    claimcheck = [sys.executable, "-m", "claimcheck"]
    index = claimcheck + ["index", "--sources", str(archive.folder), "--cache-dir", str(cache)]
    check = claimcheck + ["check", str(archive.claims), "--cache-dir", str(cache), "--no-fail", "--format", "json", "--output", str(run / "report.json")]
    column: dict[str, str] = {}
    load = os.getloadavg()[0]
    cold, cold_rss, said = run_child(index, run)
    indexed = cache_size = folder_bytes(cache) if cache.exists() else 0
    column["corpus"] = f"{archive.documents:,} files, {archive.passages:,} passages"
    column["`index`, cold"] = f"{cold:.1f} s ({archive.passages / cold:.0f} passages/s)"
    column["`index` says"] = said.strip().split(" (")[0]
    warm, warm_rss, _ = run_child(check, run)
    warm_cpu = LAST_CPU
    column["warm `check` of 100 claims"] = f"{warm:.2f} s"
    again, _again_rss, _ = run_child(check, run)
    column["the same `check` again (all cached)"] = f"{again:.2f} s"
    rerun, _rerun_rss, _ = run_child(index, run)
    column["`index` again (all cached)"] = f"{rerun:.2f} s"
    torch_floor, torch_floor_rss, _ = run_child([sys.executable, "-c", FLOOR, str(archive.claims)], run)
    column["floor with torch: import + load model + encode 100 claims (RSS)"] = f"{torch_floor:.2f} s ({torch_floor_rss} MiB)"
    floor, floor_rss, _ = run_child([sys.executable, "-c", FLOOR_CHECK, str(archive.claims), str(cache)], run)
    floor_cpu = LAST_CPU
    column["floor: the same with the check's encoder"] = f"{floor:.2f} s"
    bare, _bare_rss, _ = run_child([sys.executable, "-c", "import rapidfuzz, click, rich, yaml"], run)
    column['bare `python -c "import rapidfuzz, click, rich, yaml"`'] = f"{bare:.2f} s"
    column["warm check / floor (/ torch's floor); cached check / bare"] = f"{warm / floor:.2f}× ({warm / torch_floor:.2f}×); {again / bare:.1f}×"
    column["CPU (user + system): warm check / floor"] = f"{warm_cpu:.1f} s / {floor_cpu:.1f} s = {warm_cpu / floor_cpu:.2f}×"
    column["peak RSS: cold index / warm check / floor (MiB)"] = f"{cold_rss} / {warm_rss} / {floor_rss}"
    cache_size = folder_bytes(cache)
    column["index size on disk (after index; after check)"] = f"{indexed / 2**20:.1f} MiB; {cache_size / 2**20:.1f} MiB"
    column["load average (1 min) at start / end"] = f"{load:.1f} / {os.getloadavg()[0]:.1f}"
    column["_passages"] = str(archive.passages)
    column["_rate"] = f"{archive.passages / cold}"
    column["_disk"] = str(indexed)
    column["_check_rss"] = str(warm_rss)
    column["_floor_rss"] = str(floor_rss)
    column["_warm"] = str(warm)
    shutil.rmtree(run)
    return column


def paper_million(columns: list[dict[str, str]], dimension: int = 384) -> list[str]:
    """The 1M-passage row, extrapolated from the measured columns (not measured): linear through the two largest sizes."""
    last = columns[-1]
    passages, rate, disk = int(last["_passages"]), float(last["_rate"]), int(last["_disk"])
    first = columns[-2] if len(columns) > 1 else None
    vectors = 1_000_000 * dimension * 4
    if first is not None and int(first["_passages"]) < passages:
        slope = (int(last["_check_rss"]) - int(first["_check_rss"])) / (passages - int(first["_passages"]))  # MiB per passage
        memory = f"{(int(last['_check_rss']) + slope * (1_000_000 - passages)) / 1024:.1f} GiB (linear through the {first['_passages']}- and {passages}-passage checks)"
    else:
        memory = f"{(int(last['_check_rss']) + vectors / 2**20) / 1024:.1f} GiB (the measured check plus the float32 vectors; one size measured)"
    return [
        f"1M passages, ON PAPER (extrapolated from the {passages:,}-passage run, not measured):",
        f"- vectors alone: 1M × {dimension} × 4 B = {vectors / 2**30:.2f} GiB float32 ({vectors / 2**31:.2f} GiB float16)",
        f"- index on disk, linear in passages: {disk / passages * 1_000_000 / 2**30:.2f} GiB",
        f"- cold index at the measured {rate:.0f} passages/s: {1_000_000 / rate / 3600:.1f} h on this machine (divide by workers on a cluster)",
        f"- warm check peak RSS: {memory}",
    ]


def archive_rows(sizes: list[str], archive_dir: Path, bench_dir: Path) -> None:
    """Print the archive table: one column per size, then the 1M row on paper."""
    # Timed as installed: `pip install .` (and `make install`) compile the package; an edited tree's stale bytecode would not count.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__import__("claimcheck").__file__).parent)], stdout=subprocess.DEVNULL, check=True)
    columns = [archive_column(size, archive_dir, bench_dir) for size in sizes]
    names = [name for name in columns[0] if not name.startswith("_")]
    print("| measurement | " + " | ".join(sizes) + " |\n|---|" + "---|" * len(sizes))
    for name in names:
        print(f"| {name} | " + " | ".join(column[name] for column in columns) + " |")
    print()
    print("\n".join(paper_million(columns)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--dataset", default=None, help="also time a ../shared/bench dataset (e.g. climate-fever)")
    parser.add_argument("--compare", metavar="REVISION", default=None, help="only time warm runs of REVISION against this tree")
    parser.add_argument("--watch-only", action="store_true", help="only time `draft` cold against save-to-report in `draft --watch`")
    parser.add_argument("--archive", metavar="SIZES", default=None, help="only the archive rows: comma list of 1k, 10k, 100k")
    parser.add_argument("--archive-dir", type=Path, default=None, help="where the archive corpora are built (outside the repository)")
    args = parser.parse_args()
    if args.archive:
        if args.archive_dir is None:
            parser.error("--archive needs --archive-dir (a folder outside the repository)")
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        archive_rows([size.strip() for size in args.archive.split(",") if size.strip()], args.archive_dir.resolve(), args.bench_dir)
        return 0
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
