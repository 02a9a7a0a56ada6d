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
