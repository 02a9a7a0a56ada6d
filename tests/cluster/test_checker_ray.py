"""ClusterChecker in process: encoding and judging really go through the cluster, and the verdicts equal a local Checker's."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from claimcheck.api import Checker
from claimcheck.claims import load_claims_file
from claimcheck.cluster import ClusterChecker, RayExecutor, judge_batch
from claimcheck.index.encoding import encode_job
from claimcheck.index.store import JOB_TEXTS
from claimcheck.text import normalise

ROOT = Path(__file__).resolve().parents[2]


class Counting:
    """The real executor, recording which functions it mapped over how many items."""

    def __init__(self, executor: RayExecutor) -> None:
        self.executor = executor
        self.workers = executor.workers
        self.calls: list[tuple[Callable[..., Any], int]] = []

    def map(self, function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        self.calls.append((function, len(items)))
        return self.executor.map(function, items)

    def map_shared(self, function: Callable[[Any, Any], Any], shared: Any, items: Sequence[Any], on_result: Any = None) -> list[Any]:
        self.calls.append((function, len(items)))
        return self.executor.map_shared(function, shared, items, on_result)


def test_encoding_and_judging_run_as_tasks_and_agree_with_a_local_checker(executor: RayExecutor, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(ROOT / "seeds" / name, sources / name)
    # Without their `cite:`, which may name a seed left out here.
    claims = [replace(claim, cite=()) for claim in load_claims_file(str(ROOT / "claims" / "seeds.yaml")).claims[:20]]
    counting = Counting(executor)
    remote = ClusterChecker(str(sources), executor=counting, cache_dir=tmp_path / "ray-cache")  # type: ignore[arg-type]
    local = Checker(str(sources), cache_dir=tmp_path / "local-cache")
    assert remote.check(claims) == local.check(claims)
    mapped = dict(counting.calls)
    distinct = len({normalise(p.text) for p in local.corpus.passages})
    assert mapped[encode_job] == -(-distinct // JOB_TEXTS)  # both documents' distinct texts, in jobs of up to JOB_TEXTS
    assert mapped[judge_batch] == 2  # 20 claims in batches of 16
    assert remote.index_report.passages_encoded == local.index_report.passages_encoded > 0
