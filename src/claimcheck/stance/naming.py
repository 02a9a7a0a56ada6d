"""Contradiction rules on names: roles reversed, another name in the claim name's place, another speaker."""

from __future__ import annotations

from ..models import Conflict
from ..names import name_in_same_slot, other_post, other_speaker, role_swap
from .base import Finding, OnAssertionRule, Pair, Rule


class RoleSwapRule(OnAssertionRule):
    """Two names on either side of the same verb, in the opposite order: "A acquired B" vs "B acquired A"."""

    name = "role_swap"
    signal = "role_swap"

    def check(self, pair: Pair) -> Finding | None:
        sides = role_swap(pair.claim, pair.passage)
        return Finding(self.name, Conflict(self.name, sides[0], sides[1])) if sides else None


class OtherPostRule(OnAssertionRule):
    """The passage gives a person the claim names another post ("Amazon CEO Ann Roe" against "CTO Ann Roe")."""

    name = "other_post"
    signal = "other_post"

    def check(self, pair: Pair) -> Finding | None:
        sides = other_post(pair.claim, pair.passage)
        return Finding(self.name, Conflict(self.name, sides[0], sides[1])) if sides else None


class _Swap(Rule):
    """A rule for a pair where one claim name is missing and everything else in the claim is there."""

    signal = "swapped_entity"

    def admits(self, pair: Pair) -> bool:
        return pair.swappable


class SwappedNameRule(_Swap):
    """The passage has another name where the claim has its name ("the mayor of Springfield" vs "of Shelbyville")."""

    name = "swapped_name"

    def check(self, pair: Pair) -> Finding | None:
        name = pair.swap_missing[0]
        other = name_in_same_slot(pair.claim, pair.passage, name, pair.names)
        if other is None:
            return None
        return Finding(self.name, Conflict(self.name, name, other, claim_span=_span(pair, "claim", name), source_span=_span(pair, "passage", other)))


class SpeakerRule(_Swap):
    """The claim puts the words in one person's mouth, the passage in another's."""

    name = "speaker"

    def check(self, pair: Pair) -> Finding | None:
        name = pair.swap_missing[0]
        speaker = other_speaker(pair.claim, pair.passage, name)
        if speaker is None:
            return None
        conflict = Conflict(
            self.name,
            name,
            speaker,
            "source: {source} said it; claim: {claim}",
            claim_span=_span(pair, "claim", name),
            source_span=_span(pair, "passage", speaker),
        )
        return Finding(self.name, conflict)


def _span(pair: Pair, side: str, name: str) -> tuple[int, int] | None:
    """Where a name first stands in one side's text."""
    text = pair.claim.text if side == "claim" else pair.passage.text
    at = text.find(name)
    return pair.span(side, at, at + len(name)) if at >= 0 else None
