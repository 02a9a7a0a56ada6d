"""Stance of one passage toward one claim: supports, contradicts (with a structured conflict) or related.

Each contradiction rule and each support blocker is a small class in this package, tried in the order
`registry` lists them; `judge` is the loop over them.
"""

from __future__ import annotations

from .base import Blocker, Finding, Judgement, Pair, Rule
from .judging import described, judge, part_coverage
from .matching import coverage
from .registry import BLOCKERS, CONTRADICTIONS

__all__ = ["BLOCKERS", "CONTRADICTIONS", "Blocker", "Finding", "Judgement", "Pair", "Rule", "coverage", "described", "judge", "part_coverage"]
