"""Support blockers for a passage that shares the claim's names but not enough of what the claim says of them."""

from __future__ import annotations

from .base import Blocker, Finding, Pair
from .matching import matches


class WeakPredicateBlocker(Blocker):
    """Too little of what the claim says about its names is in the passage, its lead-in, title, heading or byline."""

    name = "weak_predicate"

    def check(self, pair: Pair) -> Finding | None:
        t = pair.thresholds
        if pair.grounding is None or pair.grounded >= t.support_min_grounded:
            return None
        # Only the reason a passage that otherwise reads like the claim is withheld: a passage below the other floors is only related.
        if pair.similarity < t.support_min_similarity or pair.cover < t.support_min_coverage or pair.predicate < t.support_min_predicate:
            return None
        # The claim's own words (not its names) that nothing around the passage has, as the claim writes them.
        claim, ground = pair.claim, pair.grounding
        lacking = [
            t for t, s in zip(claim.tokens, claim.stems) if s in claim.content and s not in claim.entity_stems and not matches(s, ground, opposites=True)
        ]
        said = ", ".join(f"'{w}'" for w in list(dict.fromkeys(lacking))[:3])
        return Finding(self.name, reason=f"source does not say what the claim says of them ({said})" if said else "source says too little of the claim")
