"""The session's one local Ray cluster (starting one takes seconds, so every `--ray` test shares it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from local_ray import LocalCluster, local_cluster, ray_or_skip

from claimcheck.cluster import RayExecutor


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[LocalCluster]:
    """A head and one worker node on 127.0.0.1, 1 CPU each; skipped without Ray (failed in CI)."""
    ray_or_skip()
    with local_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="module")
def executor(ray_cluster: LocalCluster) -> Iterator[RayExecutor]:
    """This process connected to the cluster as a driver for one test module, disconnected after it."""
    with RayExecutor(ray_cluster.address) as connected:
        yield connected
