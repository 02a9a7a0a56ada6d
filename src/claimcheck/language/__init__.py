"""Linguistic structure for stance: a spaCy parse (loaded lazily) and the assertions a sentence makes.

Importing this package imports neither spaCy nor the pipeline: both load on the first parse.
"""

from __future__ import annotations

from .assertions import Argument, Assertion, Attribution, Phrase, Predicate, assertions, assertions_of
from .parser import locate_pipeline, parse, parse_many, verify_pipeline

__all__ = [
    "Argument",
    "Assertion",
    "Attribution",
    "Phrase",
    "Predicate",
    "assertions",
    "assertions_of",
    "locate_pipeline",
    "parse",
    "parse_many",
    "verify_pipeline",
]
