"""Where index work runs: in this process by default; a cluster executor (Ray) implements the same protocol."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Maps a picklable top-level function over items, results in the items' order."""

    workers: int

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`[function(item) for item in items]`, however it is spread."""
        ...


class LocalExecutor:
    """One worker: a plain in-order map in this process."""

    workers: int = 1

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Each item in turn."""
        return [function(item) for item in items]
