"""Compatibility: the sources stage moved to `claimcheck.sources`; this module re-exports its public names."""

from __future__ import annotations

from .sources import *  # noqa: F403
from .sources import __all__  # noqa: F401
