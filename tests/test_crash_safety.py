"""A real `claimcheck` process killed (SIGKILL) at random points while it fills the cache: the next run's report is a clean run's, byte for byte."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from cache_cases import entry_scheme

from claimcheck.index.windows import ExactWindows

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def environment(cache: Path) -> dict[str, str]:
    """One torch thread in every run: a vector's last bits depend on the thread count, and the runs must be alike."""
    return {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-c", "from claimcheck.cli import main; main()", *arguments]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixteen documents (the seed articles cut at paragraph breaks) and the curated claims' texts, without cites."""
    folder = tmp_path_factory.mktemp("crash")
    sources = folder / "src"
    sources.mkdir()
    count = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs = seed.read_text(encoding="utf-8").split("\n\n")
        third = max(1, len(paragraphs) // 3)
        for part in range(0, len(paragraphs), third):
            (sources / f"{seed.stem}-{part:03d}.txt").write_text("\n\n".join(paragraphs[part : part + third]), encoding="utf-8")
            count += 1
    assert count >= 12
    texts = [c["text"] for c in yaml.safe_load((ROOT / "claims" / "seeds.yaml").read_text(encoding="utf-8"))["claims"]]
    (folder / "claims.yaml").write_text(yaml.safe_dump({"claims": [{"id": f"c{n}", "text": t} for n, t in enumerate(texts)]}), encoding="utf-8")
    return folder


def check(folder: Path, cache: Path) -> subprocess.CompletedProcess[bytes]:
    """A JSON check of the claims against the sources with this cache."""
    arguments = ("check", "claims.yaml", "--sources", "src", "--format", "json", "--no-fail", "--cache-dir", str(cache))
    return subprocess.run(command(*arguments), cwd=folder, env=environment(cache), capture_output=True, timeout=600, check=False)


_CLEAN: dict[Path, subprocess.CompletedProcess[bytes]] = {}


def clean_report(folder: Path) -> subprocess.CompletedProcess[bytes]:
    """The report of an uninterrupted run on an empty cache (computed once)."""
    if folder not in _CLEAN:
        _CLEAN[folder] = check(folder, folder / "clean")
    return _CLEAN[folder]


def entries(cache: Path) -> int:
    """Vector entries of documents and claims (the parse entries of a `check`, one per claim, and its judged windows' are counted apart)."""
    return sum(1 for entry in cache.rglob("*.entry") if "vectors" in entry.parts and entry_scheme(entry) != ExactWindows.SCHEME)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_run_killed_while_caching_leaves_nothing_that_changes_the_next_report(workspace: Path, seed: int, request: pytest.FixtureRequest) -> None:
    clean = clean_report(workspace)
    assert clean.returncode == 0 and clean.stderr == b"", clean.stderr.decode()
    documents = len(list((workspace / "src").iterdir()))
    chooser = random.Random(seed)
    cache = workspace / f"killed-{seed}"
    # Seed 3 kills a `check`, which also writes the claims' entry; the others an `index`.
    arguments = (
        ("index", "--sources", "src", "--cache-dir", str(cache))
        if seed != 3
        else ("check", "claims.yaml", "--sources", "src", "--format", "json", "--cache-dir", str(cache))
    )
    kill_after = chooser.randrange(1, documents)  # entries written before the kill: somewhere in the middle of the work
    extra = chooser.uniform(0, 0.05)  # and a little later still, so the kill lands mid-encoding or mid-write
    process = subprocess.Popen(command(*arguments), cwd=workspace, env=environment(cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while entries(cache) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(extra)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run ended before the kill: the test proved nothing"
    written = entries(cache)
    assert 0 < written < documents + 1
    after = check(workspace, cache)
    assert after.returncode == 0 and after.stderr == b"", after.stderr.decode()  # nothing damaged was left to warn about
    assert after.stdout == clean.stdout
    assert entries(cache) == documents + 2  # every document's entry and the claims' (their wholes, then their parts)
    assert sum(1 for _ in cache.rglob("*.entry") if "parts" in _.parts) == len(yaml.safe_load((workspace / "claims.yaml").read_text())["claims"])
