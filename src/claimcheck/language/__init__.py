"""Linguistic structure for stance: a spaCy parse (loaded lazily).

Importing this package imports neither spaCy nor the pipeline: both load on the first parse.
"""

from __future__ import annotations

from .parser import locate_pipeline, parse, parse_many, verify_pipeline

__all__ = ["locate_pipeline", "parse", "parse_many", "verify_pipeline"]
