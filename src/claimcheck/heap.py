"""Memory given back to the operating system: freed heap memory (glibc's `malloc_trim`), a mapped file's pages once read.

glibc serves a freed block of up to 32 MiB from its heap afterwards rather than unmapping it (its mmap threshold rises to
the largest block freed), so a check's cosine block (up to 16 MiB per claim batch) and other temporaries stay in the
process's RSS after they are freed, and add to the peak that the next phase (encoding windows, judging) reaches.
"""

from __future__ import annotations

import ctypes
import mmap
import sys
from collections.abc import Callable

import numpy as np

_trim: Callable[[int], int] | None = None
_looked = False


def release() -> bool:
    """Return the heap's free pages to the system (True when the C library could); a no-op off glibc."""
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                # glibc's soname, named directly: `ctypes.util.find_library` runs `ldconfig` in a child process.
                _trim = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):  # musl and others: no such library, or no malloc_trim
                _trim = None
    if _trim is None:
        return False
    _trim(0)
    return True


def release_mapped(array: np.ndarray) -> bool:
    """Drop the pages of the file map under `array` from this process (True when it is one and the system can).

    The file's pages stay in the page cache and are mapped again, unchanged, when next read (a corpus index's files are
    never changed in place); an array in ordinary memory is left alone.
    """
    base: object = array
    while isinstance(base, (np.ndarray, memoryview)):  # views, then the buffer `np.frombuffer` read
        base = base.base if isinstance(base, np.ndarray) else base.obj
    if not isinstance(base, mmap.mmap) or not hasattr(mmap, "MADV_DONTNEED") or base.closed:
        return False
    base.madvise(mmap.MADV_DONTNEED)
    return True
