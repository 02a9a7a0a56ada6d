"""Four `claimcheck check` processes started at once on one empty cache folder and one output path: all succeed, one complete report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def test_four_checks_at_once_on_one_empty_cache_and_one_output(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "claims.yaml").write_text(
        "claims:\n"
        "  - id: invented-contract\n    text: The agency signed a $41 million contract with the vendor in 2014.\n"
        "  - id: invented-cloud\n    text: The company pays about $600,000 a month for cloud hosting.\n"
        "  - id: invented-moon\n    text: The agency opened an office on the Moon in 1999.\n",
        encoding="utf-8",
    )
    # One torch thread each: the vectors' last bits depend on the thread count, and four runs share two cores anyway.
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

    def arguments(output: str) -> list[str]:
        return [
            "check",
            "claims.yaml",
            "--sources",
            str(SEEDS),
            "--format",
            "json",
            "--no-fail",
            "--cache-dir",
            str(cache),
            "--output",
            output,
        ]

    def start(output: str) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-c", "from claimcheck.cli import main; main()", *arguments(output)]
        return subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    runs = [start("report.json") for _ in range(4)]
    results = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, results):
        assert run.returncode == 0, err.decode()
        assert err == b"", err.decode()  # not a single damaged or torn entry was seen
    # The one output holds a whole report, the same bytes a lone run on the now warm cache writes.
    lone = start("lone.json")
    _, err = lone.communicate(timeout=600)
    assert lone.returncode == 0 and err == b"", err.decode()
    report = (tmp_path / "report.json").read_bytes()
    assert report and report == (tmp_path / "lone.json").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "claims.yaml", "lone.json", "report.json"]  # no temporary output left
    assert [p.name for p in cache.rglob("*") if p.name.endswith(".tmp")] == []  # no temporary file left
    # Besides entries, only the corpus index: its manifest, naming a whole generation (each writer's generation is whole too).
    from claimcheck.index.corpus import FILES

    others = [p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".entry")]
    (manifest,) = [p for p in others if p.name == "manifest.json"]
    generations = {p.parent for p in others if p != manifest}
    assert all(sorted(f.name for f in g.iterdir()) == sorted(FILES) for g in generations)
    assert manifest.parent / json.loads(manifest.read_text(encoding="utf-8"))["generation"] in generations
    # Vectors: one entry per document, the claims (wholes, then parts), and the windows judged; parses: one entry per claim.
    from cache_cases import entry_scheme

    from claimcheck.index.windows import ExactWindows, vector_scheme

    schemes = [entry_scheme(entry) for entry in (cache / "v2" / "vectors").rglob("*.entry")]
    assert schemes.count(vector_scheme()) == len(list(SEEDS.glob("*.txt")))
    assert schemes.count("claims-v1") in (1, 2) and schemes.count(ExactWindows.SCHEME) >= 1
    assert len(schemes) == len(list(SEEDS.glob("*.txt"))) + schemes.count("claims-v1") + schemes.count(ExactWindows.SCHEME)
    assert len(list((cache / "v2" / "parts").rglob("*.entry"))) == 3
