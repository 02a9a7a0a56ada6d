"""RayExecutor on a real two-node local cluster: tasks spread over both nodes, order kept, failures one line."""

from __future__ import annotations

import time

import pytest
from local_ray import LocalCluster, ray_or_skip

from claimcheck.cluster import RayExecutor
from claimcheck.errors import ClaimcheckError


def where(seconds: float) -> tuple[float, str]:
    """Sleep (so one node's single CPU is busy and the scheduler must use the other), then name the node."""
    import ray

    time.sleep(seconds)
    return seconds, ray.get_runtime_context().get_node_id()


def fail(value: int) -> int:
    """Fail on one value, as a task on a worker would."""
    if value == 3:
        raise ClaimcheckError("this item is bad", "item.txt", value)
    if value == 5:
        raise ValueError("not a claimcheck error\nsecond line")
    return value


def test_tasks_run_on_both_nodes_in_order(executor: RayExecutor) -> None:
    assert executor.workers == 2  # one CPU on each node
    delays = [0.8, 0.6, 0.7, 0.5, 0.4, 0.9]
    results = executor.map(where, delays)
    assert [seconds for seconds, _ in results] == delays  # input order, whatever order the tasks finished in
    assert len({node for _, node in results}) == 2


def test_a_task_raising_claimcheck_error_keeps_its_file_and_line(executor: RayExecutor) -> None:
    with pytest.raises(ClaimcheckError) as raised:
        executor.map(fail, [1, 2, 3])
    assert str(raised.value) == "item.txt:3: this item is bad"


def test_another_task_failure_is_one_line(executor: RayExecutor) -> None:
    with pytest.raises(ClaimcheckError) as raised:
        executor.map(fail, [5])
    assert str(raised.value) == "--ray: a task failed on the cluster: ValueError: not a claimcheck error"


def chatty(value: int) -> int:
    """Print on the worker's stdout and stderr and log, as library code on a worker might."""
    import logging
    import sys

    print(f"worker stdout {value}")
    print(f"worker stderr {value}", file=sys.stderr)
    logging.getLogger("somewhere").warning("worker log %d", value)
    return value * 2


DRIVER = """
import sys
from claimcheck.cluster import RayExecutor
from test_executor import chatty
with RayExecutor(sys.argv[1]) as executor:
    print(executor.map(chatty, [1, 2, 3, 4]))
"""


def test_the_driver_stdout_carries_only_its_own_output(ray_cluster: LocalCluster) -> None:
    # A report on stdout must be byte-identical to a local run's: nothing Ray or a worker prints may reach it.
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-c", DRIVER, ray_cluster.address], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[2, 4, 6, 8]\n"
    assert "worker" not in result.stderr


def test_nothing_listening_is_a_prompt_one_line_error() -> None:
    ray_or_skip()
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(ClaimcheckError, match=r"^--ray: no Ray cluster answers at 127\.0\.0\.1:\d+ \(Connection refused\)"):
        RayExecutor(f"127.0.0.1:{port}")


def test_a_silent_listener_is_given_up_on_in_bounded_time() -> None:
    ray_or_skip()
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        started = time.monotonic()
        with pytest.raises(ClaimcheckError, match=r"no reply within 1 s"):
            RayExecutor(f"127.0.0.1:{silent.getsockname()[1]}", connect_seconds=1)
        assert time.monotonic() - started < 30  # ray.init alone would retry for minutes


def test_a_listener_that_is_not_grpc_is_refused(tmp_path) -> None:
    ray_or_skip()
    import socket
    import threading

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)

        def answer() -> None:
            connection, _ = server.accept()
            with connection:
                connection.recv(64)
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        with pytest.raises(ClaimcheckError, match=r"is not a Ray cluster's head"):
            RayExecutor(f"127.0.0.1:{server.getsockname()[1]}", connect_seconds=5)
        thread.join(5)


def test_without_ray_the_error_says_how_to_install_it(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError, as where it is not installed
    with pytest.raises(ClaimcheckError) as raised:
        RayExecutor("127.0.0.1:6379")
    assert str(raised.value) == "--ray: Ray is not installed (pip install 'claimcheck[ray]')"
