"""`heap.release`: freed heap memory given back to the system."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimcheck import heap

# In a child process, so this process's heap does not matter: a freed 16 MiB block is kept by glibc once its mmap threshold
# has risen past it (as it does after a larger block is freed), until `release` trims the heap.
CHILD = """
import numpy as np
from claimcheck import heap

def rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 >> 20

big = np.ones(30 << 18, dtype=np.float32)  # 30 MiB, mapped apart; freeing it raises the threshold to its size
del big
block = np.ones(16 << 18, dtype=np.float32)  # 16 MiB, now from the heap
del block
kept = rss()
print(heap.release(), kept - rss())
"""


def test_release_gives_a_freed_block_back_on_glibc() -> None:
    if not heap.release():
        pytest.skip("no malloc_trim here (not glibc)")
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
    released, freed = done.stdout.split()
    assert released == "True" and int(freed) >= 12  # MiB of the 16


def test_release_can_be_called_again() -> None:
    assert heap.release() == heap.release()


def test_release_mapped_drops_a_file_maps_pages_and_they_read_back_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import mmap
    import os

    import numpy as np

    def rss() -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * 4096 >> 20

    if not hasattr(mmap, "MADV_DONTNEED") or not os.path.exists("/proc/self/statm"):
        pytest.skip("no madvise or /proc here")
    values = np.arange(8 << 20, dtype="<f4")  # 32 MiB
    (tmp_path / "vectors.f32").write_bytes(values.tobytes())
    with open(tmp_path / "vectors.f32", "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    array = np.frombuffer(mapped, dtype="<f4").reshape(-1, 4)
    total = float(array.sum())  # every page read: in this process's RSS
    read = rss()
    assert heap.release_mapped(array[10:])
    assert read - rss() >= 24  # MiB of the 32
    assert float(array.sum()) == total and np.array_equal(array.reshape(-1), values)
    assert not heap.release_mapped(values) and not heap.release_mapped(values.reshape(-1, 4)[1:])  # ordinary memory: left alone
