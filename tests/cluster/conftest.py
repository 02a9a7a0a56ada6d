"""The session's one local Ray cluster (starting one takes seconds, so every `--ray` test shares it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from local_ray import LocalCluster, local_cluster, ray_or_skip


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[LocalCluster]:
    """A head and one worker node on 127.0.0.1, 1 CPU each; skipped without Ray (failed in CI)."""
    ray_or_skip()
    with local_cluster() as cluster:
        yield cluster
