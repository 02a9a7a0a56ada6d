"""Calibrated thresholds, kept in one place.

Fitted with `python benchmarks/accuracy.py --sweep` on benchmarks/news_dev.yaml together with the
../shared/bench dev sets; benchmarks/RESULTS.md records what each setting gave. Users may override
any of them in `[thresholds]` of `.claimcheck.toml`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import ClaimcheckError


@dataclass(frozen=True)
class Thresholds:
    """Every tunable number of retrieval, stance and verdict."""

    # Retrieval (read by `index.retriever.RetrievalSettings.of`, which retrieval takes instead of these thresholds;
    # kept here so `[thresholds]` configs that set them keep working): weights of the embedding cosine and of
    # IDF-weighted stem overlap (rapidfuzz's token-set ratio gets the rest), and how many candidates are judged.
    fusion_embedding_weight: float = 0.6
    fusion_lexical_weight: float = 0.25
    candidates: int = 8
    # ... plus, for each of the claim's two rarest words, this many passages holding it.
    rare_word_candidates: int = 2
    # A passage is on the *same assertion* as a claim (so it may contradict it) above both of these.
    align_similarity: float = 0.45
    align_coverage: float = 0.6
    # A negation or antonym conflict (which must share the negated word's neighbours) needs this much.
    polarity_coverage: float = 0.6
    # ... or a cosine at least this high (a close paraphrase that adds detail).
    polarity_similarity: float = 0.75
    # ... or every word of the claim in the passage (its cosine low only because the passage is long or says more) and a
    # cosine of at least this much: "said that he understands the protesters' concerns, but added ..." for "does not understand".
    polarity_whole_coverage: float = 0.95
    polarity_whole_similarity: float = 0.3
    # A figure or date conflict needs this much of what the claim says about its names in the passage.
    contradict_coverage: float = 0.6
    # ... or this much when the two figures are of one named measure ("a population of"), or one amount at two rates,
    # or two dates hang on the same word ("closed in 1927" / "closed in 1931").
    measure_coverage: float = 0.4
    # An entity swap needs almost every other claim word in the passage, and a close paraphrase (the other name itself
    # costs the cosine: 0.6 left "opened its plant in X" against "we opened our plant in Y, and closed Z" unsourced).
    swap_coverage: float = 0.6
    swap_similarity: float = 0.55
    # Support: a blend of cosine similarity and IDF-weighted word coverage, with floors on each.
    support_similarity_weight: float = 0.5
    support: float = 0.55
    support_min_coverage: float = 0.3
    support_min_similarity: float = 0.5
    # ... and this much of what it says about its names (a claim is not supported by its names alone).
    support_min_predicate: float = 0.2
    # ... and this much of it in the passage together with its lead-in, title, heading and byline (measured on the dev
    # sets: below it the support rests on the claim's names and a few of its words, and is as often false as true).
    support_min_grounded: float = 0.4
    # A part of a compound claim is borne out by the passages supporting the whole claim when they hold this much of it.
    part_coverage: float = 0.5
    # With --nli-model: probabilities at which the model's contradiction or entailment counts.
    nli_contradiction: float = 0.9
    nli_entailment: float = 0.9
    # IDF given to words the corpus has never seen.
    default_idf: float = 8.0

    def with_overrides(self, overrides: dict[str, object], origin: str = "thresholds") -> Thresholds:
        """A copy with some values replaced; unknown names and non-numbers are errors."""
        known = {f.name: f.type for f in fields(self)}
        changes: dict[str, Any] = {}  # each value checked against its field above
        for name, value in overrides.items():
            key = name.replace("-", "_")
            if key not in known:
                raise ClaimcheckError(f"unknown threshold '{name}' (known: {', '.join(sorted(known))})", origin)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ClaimcheckError(f"threshold '{name}' must be a number", origin)
            changes[key] = int(value) if key in ("candidates", "rare_word_candidates") else float(value)
        return replace(self, **changes)


DEFAULT = Thresholds()
