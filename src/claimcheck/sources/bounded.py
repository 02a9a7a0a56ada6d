"""Running a reader under a time and memory bound: in a forked child, killed when over time, refused memory past its limit.

A hostile file (a PDF whose content stream loops, a page nested a million levels deep, a zip bomb) must
cost a warning, never an endless run or an exhausted machine. Where fork is unavailable the reader runs
in-process, bounded only by the readers' own checks.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

from ..errors import ClaimcheckError

T = TypeVar("T")


def _address_space() -> int:
    """This process's current virtual memory size in bytes (0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(connection: Connection, work: Callable[[], T], memory: int) -> None:
    """Run `work` with the address space capped at its current size plus `memory`, and send back its result or its error."""
    try:
        import resource

        current = _address_space()
        if memory > 0 and current > 0:
            limit = current + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # no limit can be set here: the timeout still bounds the child
    try:
        connection.send(("ok", work()))
    except ClaimcheckError as exc:
        connection.send(("error", exc.message))
    except MemoryError:
        connection.send(("error", "needs more memory than max-extract-memory allows"))
    except RecursionError:
        connection.send(("error", "nested too deeply to read"))
    except Exception as exc:  # a library's own error on a corrupt file: its message, one line
        connection.send(("error", f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"))
    finally:
        connection.close()


def run_bounded(work: Callable[[], T], seconds: float, memory: int) -> T:
    """`work()` in a forked child under `seconds` of wall time and `memory` more bytes; its error or overrun as a `ClaimcheckError`."""
    import multiprocessing  # here, not at the top: a run that extracts nothing (all cached) never pays for it

    if seconds <= 0 or sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods():
        return work()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    with warnings.catch_warnings():
        # Python warns that fork in a threaded process may deadlock; the child only parses bytes, and the timeout bounds it anyway.
        warnings.simplefilter("ignore", DeprecationWarning)
        process = context.Process(target=_child, args=(sender, work, memory), daemon=True)
        process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ClaimcheckError(f"reading took longer than {seconds:g} s (max-extract-seconds); the file may be damaged or hostile")
        try:
            status, value = receiver.recv()
        except (EOFError, OSError):
            raise ClaimcheckError("the reader stopped without a result (out of memory? see max-extract-memory)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
        with contextlib.suppress(ValueError):
            process.close()
    if status != "ok":
        raise ClaimcheckError(str(value))
    return value  # type: ignore[no-any-return]
