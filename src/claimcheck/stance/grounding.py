"""Support blockers for a passage that shares the claim's names but not enough of what the claim says of them."""

from __future__ import annotations

from ..text import stem
from .base import Blocker, Finding, Pair
from .matching import matches


class WeakPredicateBlocker(Blocker):
    """Too little of what the claim says about its names is in the passage, its lead-in, title, heading or byline."""

    name = "weak_predicate"

    def check(self, pair: Pair) -> Finding | None:
        if pair.grounding is None or pair.grounded >= pair.thresholds.support_min_grounded or not _reads_like_claim(pair):
            return None
        # The claim's own words (not its names) that nothing around the passage has, as the claim writes them.
        claim, ground = pair.claim, pair.grounding
        lacking = [
            t for t, s in zip(claim.tokens, claim.stems) if s in claim.content and s not in claim.entity_stems and not matches(s, ground, opposites=True)
        ]
        said = ", ".join(f"'{w}'" for w in list(dict.fromkeys(lacking))[:3])
        return Finding(self.name, reason=f"source does not say what the claim says of them ({said})" if said else "source says too little of the claim")


class MissingVerbBlocker(Blocker):
    """The verb the claim's assertion turns on, or a paraphrase or opposite of it, is nowhere in or around the passage."""

    name = "missing_verb"

    def check(self, pair: Pair) -> Finding | None:
        if pair.grounding is None or not _reads_like_claim(pair):
            return None
        # Same names, another event: "the mayor visited the bridge" does not say she opened it.
        claim = pair.claim
        # A verb the analysis reads as a name ("Amazon Web Services"), or not as a content word, is weighed elsewhere.
        stems = [(verb, stem(verb)) for verb in pair.verbs]
        lacking = [verb for verb, s in stems if s in claim.content and s not in claim.entity_stems and not matches(s, pair.grounding, opposites=True)]
        if not lacking:
            return None
        return Finding(self.name, reason=f"source does not say the claim's '{lacking[0]}'")


def _reads_like_claim(pair: Pair) -> bool:
    """The passage clears every floor but the blockers': only then is what it lacks the reason it is withheld (below, it is only related)."""
    t = pair.thresholds
    return pair.similarity >= t.support_min_similarity and pair.cover >= t.support_min_coverage and pair.predicate >= t.support_min_predicate
