"""A real two-node Ray cluster on 127.0.0.1 for the `--ray` tests: a head and one worker node, each its own process group."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

START_SECONDS = 120  # both nodes alive within this, or the fixture fails (a loaded 2-core machine takes ~10-20 s)
# SIGTERM, then this long for a graceful exit: the worker node's `ray start --block` leaves in about a second, the
# head's waits on its GCS for over 30 s here; what is left of the group after the grace period gets SIGKILL.
STOP_GRACE_SECONDS = 5


@dataclass(frozen=True)
class LocalCluster:
    """A running two-node cluster: the address drivers connect to and how long it took to start."""

    address: str
    temp_dir: Path
    started_in: float


def _free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the kernel's choice; another process could take it before Ray does)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ray_command() -> list[str]:
    """The `ray` CLI of the interpreter running the tests, so the nodes run the same Ray and claimcheck."""
    script = Path(sys.executable).parent / "ray"
    return [str(script)] if script.is_file() else [sys.executable, "-c", "from ray.scripts.scripts import main; main()"]


def _node_ports() -> list[str]:
    """Every listening port a node opens, picked free, so the cluster never collides with another on this machine."""
    return [
        f"--node-manager-port={_free_port()}",
        f"--object-manager-port={_free_port()}",
        f"--dashboard-agent-listen-port={_free_port()}",
        f"--dashboard-agent-grpc-port={_free_port()}",
        f"--runtime-env-agent-port={_free_port()}",
        f"--metrics-export-port={_free_port()}",
    ]


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End one node: SIGTERM to the process group this fixture created for it, then SIGKILL if it lingers."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    try:
        # The node's own children (raylet, GCS, workers) share its group; any still there go now.
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=STOP_GRACE_SECONDS)


def _alive_nodes(address: str, wanted: int, timeout: float) -> int:
    """How many nodes the cluster reports alive, asked by a separate driver so this process never joins the cluster."""
    probe = (
        "import logging, sys, time, ray\n"
        "ray.init(address=sys.argv[1], logging_level=logging.ERROR, log_to_driver=False)\n"
        "deadline = time.monotonic() + float(sys.argv[2])\n"
        "alive = 0\n"
        "while time.monotonic() < deadline:\n"
        "    alive = sum(1 for node in ray.nodes() if node['Alive'])\n"
        "    if alive >= int(sys.argv[3]):\n"
        "        break\n"
        "    time.sleep(0.5)\n"
        "print(alive)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, address, str(timeout), str(wanted)], capture_output=True, text=True, timeout=timeout + 60)
    return int(result.stdout.strip() or 0)


def _tail(log: Path) -> str:
    """The end of a node's output, for a failure message (the temp dir is removed at teardown)."""
    return log.read_text(errors="replace")[-2000:] if log.is_file() else "(no output)"


def ray_or_skip() -> None:
    """Skip when Ray is not installed, except in CI (CI=true), where `.ci/run` installs it and its absence is a failure."""
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("ray is not importable in CI: .ci/run installs the 'ray' extra (pip install -e '.[test,ray]')")
        pytest.skip("ray is not installed (pip install -e '.[ray]')")


@contextmanager
def local_cluster(nodes: int = 2, cpus: int = 1) -> Iterator[LocalCluster]:
    """Start a head and `nodes - 1` worker nodes as separate processes with `cpus` CPUs each; stop exactly those at the end."""
    # Ray's unix sockets live under the temp dir and a socket path has ~107 bytes: keep the root short.
    temp_dir = Path(tempfile.mkdtemp(prefix="ccray", dir="/tmp"))
    port = _free_port()
    address = f"127.0.0.1:{port}"
    # Workers import task functions by module name: the tests' own (tests/cluster) as well as claimcheck's.
    python_path = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "PYTHONPATH": python_path}
    common = ["--block", "--node-ip-address=127.0.0.1", f"--num-cpus={cpus}", "--object-store-memory=100000000", "--disable-usage-stats"]
    logs = temp_dir / "logs"
    logs.mkdir()
    processes: list[subprocess.Popen[bytes]] = []
    started = time.monotonic()
    try:
        # The worker node takes the head's temp dir from the GCS, so nothing lands in /tmp/ray (another cluster's).
        head = [*_ray_command(), "start", "--head", f"--port={port}", f"--temp-dir={temp_dir}", "--include-dashboard=false", *common, *_node_ports()]
        with open(logs / "head.out", "wb") as out:
            processes.append(subprocess.Popen(head, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True))
        # The worker node joins only once the head's GCS answers: wait for its port (bounded).
        deadline = started + START_SECONDS
        while True:
            if processes[0].poll() is not None:
                raise RuntimeError(f"the Ray head exited with {processes[0].returncode}: {_tail(logs / 'head.out')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the Ray head did not listen on {address} within {START_SECONDS} s: {_tail(logs / 'head.out')}") from None
                time.sleep(0.2)
        for n in range(1, nodes):
            worker = [*_ray_command(), "start", f"--address={address}", *common, *_node_ports()]
            with open(logs / f"worker{n}.out", "wb") as out:
                processes.append(subprocess.Popen(worker, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True))
        alive = _alive_nodes(address, nodes, max(1.0, deadline - time.monotonic()))
        if alive < nodes:
            raise RuntimeError(f"only {alive} of {nodes} Ray nodes came up within {START_SECONDS} s: {_tail(logs / 'worker1.out')}")
        cluster = LocalCluster(address, temp_dir, time.monotonic() - started)
        if os.environ.get("CLAIMCHECK_RAY_TIMING"):  # for the README's figures (pytest -s shows it)
            print(f"\nray cluster: {nodes} nodes alive in {cluster.started_in:.1f} s", file=sys.stderr)
        yield cluster
    finally:
        stopping = time.monotonic()
        for process in reversed(processes):
            _stop(process)
        if os.environ.get("CLAIMCHECK_RAY_TIMING"):
            print(f"\nray cluster: stopped in {time.monotonic() - stopping:.1f} s", file=sys.stderr)
        shutil.rmtree(temp_dir, ignore_errors=True)
