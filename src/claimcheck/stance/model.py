"""A contradiction an optional NLI model finds where no rule can name one."""

from __future__ import annotations

from ..models import Conflict
from .base import Finding, Pair, Rule


class NLIRule(Rule):
    """An NLI cross-encoder judges the passage a contradiction of the claim, with high probability."""

    name = "nli"
    signal = None  # the probability is already among the signals

    def admits(self, pair: Pair) -> bool:
        # The rules before it speak first; the model adds contradictions they cannot name, on the same assertion only.
        return pair.nli is not None and pair.aligned and not pair.missing

    def check(self, pair: Pair) -> Finding | None:
        if pair.nli is None or pair.nli.contradiction < pair.thresholds.nli_contradiction:
            return None
        # The model names no words: the sides stay empty, and the explanation gives its probability.
        return Finding(self.name, Conflict(self.name, "", "", f"NLI model: the passage contradicts the claim (p={pair.nli.contradiction:.2f})"))
