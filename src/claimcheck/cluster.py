"""Run work as Ray tasks on an existing Ray cluster (`--ray ADDRESS`): an `Executor` whose map spans the cluster's nodes.

Ray is an optional extra (`pip install 'claimcheck[ray]'`) and is imported only here, only when `--ray` is given. The
executor connects to a cluster someone started (`ray start --head` ...); it never starts one, because a driver that
silently starts a one-machine cluster would hide a wrong address behind a slow local run.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .api import Checker
from .batches import ClaimBatch, JudgingContext, judge_batch, judge_in_batches
from .calibration import Thresholds
from .errors import ClaimcheckError
from .models import Claim, Verdict
from .retrieve import Candidate

if TYPE_CHECKING:
    from types import ModuleType

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

CONNECT_SECONDS = 15.0  # how long to wait for the cluster's address to answer before giving up
INSTALL_HINT = "pip install 'claimcheck[ray]'"
# Tasks in flight per CPU slot: enough to keep every worker busy while results stream back in order, few enough that
# a million-document map does not hold a million task specs (and their arguments) at once.
IN_FLIGHT_PER_SLOT = 4
ENCODE_THREADS = 1

__all__ = ["ClaimBatch", "ClusterChecker", "JudgingContext", "RayExecutor", "judge_batch"]


def _import_ray() -> ModuleType:
    """The `ray` module, or a one-line error saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ClaimcheckError(f"--ray: Ray is not installed ({INSTALL_HINT})") from None
    return ray


def _host_port(address: str) -> tuple[str, int] | None:
    """The TCP endpoint behind a cluster address (`HOST:PORT` or `ray://HOST:PORT`), or None for `auto` and other forms."""
    bare = address.removeprefix("ray://")
    host, colon, port = bare.rpartition(":")
    if not colon or not port.isdigit():
        return None
    return host.strip("[]") or "127.0.0.1", int(port)


# A gRPC server (Ray's GCS is one) answers the HTTP/2 client preface with a SETTINGS frame; a closed port refuses and
# anything else stays silent or says something else. Checked before `ray.init`, which would retry for minutes.
HTTP2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
SETTINGS_FRAME = 4


def _check_reachable(address: str, seconds: float) -> None:
    """Fail plainly within `seconds` unless a gRPC server (a Ray head's GCS) answers at the address."""
    endpoint = _host_port(address)
    if endpoint is None:
        return
    try:
        with socket.create_connection(endpoint, timeout=seconds) as connection:
            connection.sendall(HTTP2_PREFACE)
            header = b""
            while len(header) < 9:
                chunk = connection.recv(9 - len(header))
                if not chunk:
                    break
                header += chunk
    except TimeoutError:
        raise ClaimcheckError(f"--ray: no Ray cluster answers at {address} (no reply within {seconds:g} s)") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ClaimcheckError(f"--ray: no Ray cluster answers at {address} ({reason}); start one with `ray start --head` or check the address") from None
    if len(header) < 9 or header[3] != SETTINGS_FRAME:
        raise ClaimcheckError(f"--ray: {address} is not a Ray cluster's head (it does not speak gRPC)")


def _threads(item: object) -> int:
    """The CPUs one item's task needs: its `threads` (an `EncodeJob`'s torch threads), else one."""
    threads = getattr(item, "threads", 1)
    return threads if isinstance(threads, int) and threads > 0 else 1


def _apply(function: Callable[[S, T], R], shared: S, item: T) -> R:
    """Run `function(shared, item)` on a worker; Ray has already fetched `shared` from the object store (once per node)."""
    return function(shared, item)


class RayExecutor:
    """Maps a picklable top-level function over items as Ray tasks on an existing cluster, results in input order."""

    def __init__(self, address: str, connect_seconds: float = CONNECT_SECONDS) -> None:
        if not address.strip():
            raise ClaimcheckError("--ray: give the cluster's address (HOST:PORT of its head, or 'auto')")
        ray = _import_ray()
        self.address = address
        _check_reachable(address, connect_seconds)
        # Ray reads these when it connects: no usage report from a newsroom's machine, and no worker output relayed to the
        # driver's stdout (log_to_driver) or Ray's own info lines, so stdout stays byte-identical to a local run's report.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        os.environ.setdefault("RAY_DEDUP_LOGS", "0")
        try:
            if not ray.is_initialized():
                ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR, configure_logging=True, include_dashboard=False)
            resources = ray.cluster_resources()
            nodes = [node for node in ray.nodes() if node.get("Alive")]
        except ClaimcheckError:
            raise
        except Exception as exc:  # ConnectionError, RuntimeError, grpc errors: Ray raises several for a wrong address
            raise ClaimcheckError(f"--ray: cannot connect to the Ray cluster at {address}: {_first_line(exc)}") from None
        self.workers = int(resources.get("CPU", 0))
        # The most CPUs one task may ask for: a request no single node can meet would wait forever.
        self.largest_node = max((int(node.get("Resources", {}).get("CPU", 0)) for node in nodes), default=0)
        if self.workers < 1 or self.largest_node < 1:
            raise ClaimcheckError(f"--ray: the Ray cluster at {address} has no CPUs to run tasks on")

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`[function(item) for item in items]`, each call a Ray task asking for the item's `threads` CPUs."""
        ray = _import_ray()
        remote = ray.remote(function)
        return self._run(lambda item: remote.options(num_cpus=self._cpus(item)).remote(item), items)

    def map_shared(self, function: Callable[[S, T], R], shared: S, items: Sequence[T], on_result: Callable[[R], None] | None = None) -> list[R]:
        """`[function(shared, item) for item in items]` with `shared` put in the object store once, not shipped per task;
        `on_result` sees each result as it arrives, in order (for progress)."""
        ray = _import_ray()
        reference = ray.put(shared)
        remote = ray.remote(_apply)
        return self._run(lambda item: remote.options(num_cpus=self._cpus(item)).remote(function, reference, item), items, on_result)

    def close(self) -> None:
        """Disconnect this driver from the cluster (the cluster itself keeps running)."""
        ray = _import_ray()
        if ray.is_initialized():
            ray.shutdown()

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cpus(self, item: object) -> int:
        # A task keeps its thread count (vectors are a function of it) but never asks for more CPUs than a node has.
        return min(_threads(item), self.largest_node)

    def _run(self, submit: Callable[[T], Any], items: Sequence[T], on_result: Callable[[R], None] | None = None) -> list[R]:
        """Submit tasks with a bounded number in flight and collect results in input order; a failed task is one line."""
        ray = _import_ray()
        window = max(1, IN_FLIGHT_PER_SLOT * self.workers)
        results: list[R] = []
        pending: deque[Any] = deque()
        try:
            for item in items:
                pending.append(submit(item))
                if len(pending) >= window:
                    results.append(ray.get(pending.popleft()))
                    if on_result:
                        on_result(results[-1])
            while pending:
                results.append(ray.get(pending.popleft()))
                if on_result:
                    on_result(results[-1])
        except ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, ClaimcheckError):  # the task's own one-line error, as a local run would print it
                raise ClaimcheckError(cause.message, cause.file, cause.line) from None
            what = f"{type(cause).__name__}: {_first_line(cause)}" if cause is not None else _first_line(exc)
            raise ClaimcheckError(f"--ray: a task failed on the cluster: {what}") from None
        except ray.exceptions.RayError as exc:  # a worker or node died, an object was lost, the cluster went away
            raise ClaimcheckError(f"--ray: the Ray cluster at {self.address} failed: {type(exc).__name__}: {_first_line(exc)}") from None
        finally:
            for reference in pending:  # after a failure, do not leave the rest running on someone's cluster
                try:
                    ray.cancel(reference)
                except Exception:  # already finished, or the cluster is gone: nothing left to stop
                    pass
        return results


def _first_line(exc: BaseException) -> str:
    """An exception's message, first non-empty line only (Ray's carry tracebacks)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


class ClusterChecker(Checker):
    """A checker whose encoding and claim judging run on a Ray cluster; retrieval and the report stay on the driver."""

    def __init__(self, sources: Any, *, executor: RayExecutor, **options: Any) -> None:
        self.executor = executor
        # One torch thread per encoding task, so the cluster runs a task per CPU: throughput is then CPUs x one thread's
        # rate, where threads within a task add less (2 give 1.87x here) and oversubscribe a busy node. The vectors are the
        # same bits as a local run's with more threads (measured with 1, 2 and 4; the --ray tests compare byte for byte).
        options.setdefault("threads", ENCODE_THREADS)
        options.setdefault("judge_workers", 1)  # judging runs on the cluster, never in forks of the driver
        super().__init__(sources, executor=executor, **options)

    def decide(self, claims: list[Claim], candidates: Sequence[list[Candidate]], thresholds: Thresholds | None = None) -> list[Verdict]:
        """Judge claims in batches as Ray tasks; the same verdicts, in the same order, as `Checker.decide` here."""
        return judge_in_batches(self, self.executor, claims, candidates, thresholds)
