"""`--ray` end to end: the CLI on a real two-node cluster gives byte-identical reports and the same index as a local run."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from local_ray import LocalCluster, ray_or_skip

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench" / "healthver"


def claimcheck(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    """The real CLI in a fresh process (as a user runs it), stdout kept as bytes for an exact comparison."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, env=env, capture_output=True, timeout=900)


def index_files(cache: Path) -> dict[str, object]:
    """What a run wrote under a cache folder, by relative path: each file's sha256, a manifest's list of files and their
    sha256 (a generation's folder name is random, so it is left out)."""
    found: dict[str, object] = {}
    for path in sorted(cache.rglob("*")):
        if not path.is_file():
            continue
        parts = ["g-*" if re.fullmatch(r"g-[0-9a-f]+", part) else part for part in path.relative_to(cache).parts]
        if path.name == "manifest.json":
            found["/".join(parts)] = json.loads(path.read_text(encoding="utf-8"))["files"]
        else:
            found["/".join(parts)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def same_report(arguments: list[str], caches: tuple[Path, Path], address: str) -> bytes:
    """Run `arguments` locally and with --ray, each with its own cache (so the Ray run really encodes); the reports must
    match byte for byte, and so must the exit status."""
    local = claimcheck(*arguments, "--cache-dir", str(caches[0]))
    remote = claimcheck(*arguments, "--cache-dir", str(caches[1]), "--ray", address)
    assert local.returncode in (0, 1), local.stderr.decode()
    assert remote.returncode == local.returncode, remote.stderr.decode()
    assert remote.stdout == local.stdout
    return local.stdout


def test_index_check_and_draft_on_the_seeds_are_byte_identical(ray_cluster: LocalCluster, tmp_path: Path) -> None:
    local_cache, ray_cache = tmp_path / "local", tmp_path / "ray"
    # `index --ray` encodes every passage on the cluster into its cache, `index` here into another; the same sequence on
    # both sides (a results memo written after a fresh build and after a reopened index differ in dict order).
    local_index = claimcheck("index", "--sources", str(ROOT / "seeds"), "--cache-dir", str(local_cache))
    indexed = claimcheck("index", "--sources", str(ROOT / "seeds"), "--cache-dir", str(ray_cache), "--ray", ray_cluster.address)
    assert local_index.returncode == indexed.returncode == 0, indexed.stderr.decode()
    assert indexed.stdout == local_index.stdout
    assert re.search(rb"passages? \(0 reused, [1-9][\d,]* encoded\)", indexed.stderr), indexed.stderr  # the closing line
    # `check --ray` then judges on the cluster.
    local = claimcheck("check", str(ROOT / "claims"), "--format", "json", "--cache-dir", str(local_cache))
    remote = claimcheck("check", str(ROOT / "claims"), "--format", "json", "--cache-dir", str(ray_cache), "--ray", ray_cluster.address)
    assert local.returncode == 0, local.stderr.decode()  # every `expect` in claims/ holds
    assert remote.returncode == 0, remote.stderr.decode()
    assert remote.stdout == local.stdout
    assert len(json.loads(local.stdout)["claims"]) >= 30  # the whole claims file was checked
    # Everything the runs cached is the same: the corpus index with its vectors, the claims' vectors, parses and results.
    assert index_files(ray_cache) == index_files(local_cache)
    # The sentences of a draft, judged on the cluster.
    report = same_report(
        ["draft", str(ROOT / "examples" / "draft.md"), "--sources", str(ROOT / "seeds"), "--format", "json"], (local_cache, ray_cache), ray_cluster.address
    )
    assert json.loads(report)["claims"]


@pytest.fixture(scope="module")
def healthver(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A few dozen benchmark sources and claims about them, when ../shared/bench is beside the clone (as in CI)."""
    if not (BENCH / "claims.dev.jsonl").is_file():
        pytest.skip(f"no benchmark corpus at {BENCH}")
    folder = tmp_path_factory.mktemp("healthver")
    sources = folder / "sources"
    sources.mkdir()
    claims = [json.loads(line) for line in (BENCH / "claims.dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()][:24]
    wanted = sorted({s for claim in claims for s in claim.get("gold_source_ids", [])})
    # The claims' own sources, then others in name order, to a few dozen documents.
    names = [f"{s}.txt" for s in wanted] + [p.name for p in sorted((BENCH / "sources").glob("*.txt"))]
    for name in list(dict.fromkeys(names))[:48]:
        if (BENCH / "sources" / name).is_file():
            (sources / name).write_bytes((BENCH / "sources" / name).read_bytes())
    document = {"sources": "sources", "claims": [{"id": c["id"], "text": c["claim"]} for c in claims]}
    claims_file = folder / "claims.yaml"
    claims_file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return claims_file, sources


def test_check_on_a_benchmark_corpus_is_byte_identical(ray_cluster: LocalCluster, healthver: tuple[Path, Path], tmp_path: Path) -> None:
    claims_file, _ = healthver
    caches = (tmp_path / "local", tmp_path / "ray")
    report = same_report(["check", str(claims_file), "--format", "json", "--no-fail"], caches, ray_cluster.address)
    assert len(json.loads(report)["claims"]) == 24
    assert index_files(caches[1]) == index_files(caches[0])


def test_a_wrong_address_is_one_line_and_exit_2(tmp_path: Path) -> None:
    ray_or_skip()
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = claimcheck("check", str(ROOT / "claims"), "--ray", f"127.0.0.1:{port}", "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 2
    assert result.stdout == b""
    assert (
        result.stderr.decode().strip()
        == f"--ray: no Ray cluster answers at 127.0.0.1:{port} (Connection refused); start one with `ray start --head` or check the address"
    )
