"""Freed heap memory given back to the operating system, where the C library allows it (glibc's `malloc_trim`).

glibc serves a freed block of up to 32 MiB from its heap afterwards rather than unmapping it (its mmap threshold rises to
the largest block freed), so a check's cosine block (up to 16 MiB per claim batch) and other temporaries stay in the
process's RSS after they are freed, and add to the peak that the next phase (encoding windows, judging) reaches.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

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
