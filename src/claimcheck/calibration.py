"""Calibrated thresholds, kept in one place.

Fitted with `python benchmarks/accuracy.py --sweep` on benchmarks/news_dev.yaml together with the
../shared/bench dev sets; benchmarks/RESULTS.md records what each setting gave. Users may override
any of them in `[thresholds]` of `.claimcheck.toml`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

from .errors import ClaimcheckError


@dataclass(frozen=True)
class Thresholds:
    """Every tunable number of retrieval, stance and verdict."""

    # Retrieval: weight of the embedding cosine against rapidfuzz's token-set ratio, and candidates kept.
    fusion_embedding_weight: float = 0.75
    candidates: int = 8
    # A passage is on the *same assertion* as a claim (so it may contradict it) above both of these.
    align_similarity: float = 0.45
    align_coverage: float = 0.6
    # A figure, date, negation or antonym conflict needs this much of the claim in the passage.
    contradict_coverage: float = 0.6
    # An entity swap needs almost every other claim word in the passage, and a close paraphrase.
    swap_coverage: float = 0.7
    swap_similarity: float = 0.6
    # Support: a blend of cosine similarity and IDF-weighted word coverage, with floors on each.
    support_similarity_weight: float = 0.5
    support: float = 0.55
    support_min_coverage: float = 0.3
    support_min_similarity: float = 0.5
    # ... and this much of what it says about its names (a claim is not supported by its names alone).
    support_min_predicate: float = 0.2
    # IDF given to words the corpus has never seen.
    default_idf: float = 8.0

    def with_overrides(self, overrides: dict[str, object], origin: str = "thresholds") -> Thresholds:
        """A copy with some values replaced; unknown names and non-numbers are errors."""
        known = {f.name: f.type for f in fields(self)}
        changes: dict[str, float | int] = {}
        for name, value in overrides.items():
            key = name.replace("-", "_")
            if key not in known:
                raise ClaimcheckError(f"unknown threshold '{name}' (known: {', '.join(sorted(known))})", origin)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ClaimcheckError(f"threshold '{name}' must be a number", origin)
            changes[key] = int(value) if key == "candidates" else float(value)
        return replace(self, **changes)


DEFAULT = Thresholds()
