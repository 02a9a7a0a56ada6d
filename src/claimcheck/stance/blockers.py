"""Support blockers: why a passage that reads like the claim still does not say it."""

from __future__ import annotations

import re

from .base import Blocker, Finding, Pair
from .matching import qualifier_stems


class DoubtBlocker(Blocker):
    """A contradiction rule found a conflict on a passage not quite on the claim's assertion: it may say otherwise."""

    name = "may_say_otherwise"

    def check(self, pair: Pair) -> Finding | None:
        return Finding(self.name, reason=f"source may say otherwise: {pair.doubt.statement}") if pair.doubt else None


class QuotationBlocker(Blocker):
    """A quotation in the claim (a title, a phrase) that the passage does not contain nearly verbatim."""

    name = "missing_quotation"

    def check(self, pair: Pair) -> Finding | None:
        from rapidfuzz import fuzz

        for match in re.finditer(r'"([^"]{3,200})"', pair.claim.text):
            quoted = match.group(1).strip(" ,.")
            if quoted and fuzz.partial_ratio(quoted.lower(), pair.passage.text.lower()) < 85:
                return Finding(self.name, reason=f"source does not have the quoted words “{quoted}”")
        return None


class QualifierBlocker(Blocker):
    """A qualifier the claim asserts ("directly", "only") that the passage does not have."""

    name = "missing_qualifier"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        unqualified = [t for t, s in zip(claim.tokens, claim.stems) if s in qualifier_stems() and s not in passage.stems]
        return Finding(self.name, reason=f"source does not say '{unqualified[0]}'") if unqualified else None


class HedgeBlocker(Blocker):
    """The passage reports with doubt ("might", "reportedly") what the claim states flatly."""

    name = "hedge"

    def check(self, pair: Pair) -> Finding | None:
        return Finding(self.name, reason="source reports it with doubt") if pair.passage.hedged and not pair.claim.hedged else None


class NameBlocker(Blocker):
    """A name in the claim that neither the passage, its lead-in nor its byline mentions."""

    name = "missing_name"

    def check(self, pair: Pair) -> Finding | None:
        return Finding(self.name, reason=f"source does not name {', '.join(pair.missing)}") if pair.missing else None


class FigureBlocker(Blocker):
    """A figure in the claim that the passage does not give (or gives without the claim's rate)."""

    name = "missing_figure"

    def check(self, pair: Pair) -> Finding | None:
        return None if pair.figures[1] else Finding(self.name, reason="source does not give the claim's figure")


class DateBlocker(Blocker):
    """A date in the claim that the passage does not give."""

    name = "missing_date"

    def check(self, pair: Pair) -> Finding | None:
        return None if pair.dates[1] else Finding(self.name, reason="source does not give the claim's date")


class PeriodBlocker(Blocker):
    """A passage that names no year, in a document about another year than the claim's ("Revenue rose 4%" in last year's report)."""

    name = "other_period"

    def check(self, pair: Pair) -> Finding | None:
        if not pair.other_period:
            return None
        return Finding(self.name, reason=f"source speaks of {', '.join(str(y) for y in sorted(pair.period[1]))}")
