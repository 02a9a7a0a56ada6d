"""Contradiction rules on names: roles reversed, another name in the claim name's place, another speaker."""

from __future__ import annotations

from ..analysis import analyse
from ..lexicon import PEOPLE_NOUNS, ROLE_NOUNS
from ..models import Conflict
from ..names import name_in_same_slot, name_present, other_post, other_speaker, post_of_another, role_swap
from .base import Blocker, Finding, OnAssertionRule, Pair, Rule
from .slots import list_items
from .swaps import doer_counterpart, doer_swap


class RoleSwapRule(OnAssertionRule):
    """Two names on either side of the same verb, in the opposite order: "A acquired B" vs "B acquired A"."""

    name = "role_swap"
    signal = "role_swap"

    def check(self, pair: Pair) -> Finding | None:
        # Or the passage gives the claim's act to the claim's other name ("compiled by Empower LLC" for "compiled by Mijente").
        sides = role_swap(pair.claim, pair.passage) or doer_swap(pair)
        return Finding(self.name, Conflict(self.name, sides[0], sides[1])) if sides else None


class OtherPostRule(OnAssertionRule):
    """The passage gives a person the claim names another post ("Amazon CEO Ann Roe" against "CTO Ann Roe")."""

    name = "other_post"
    signal = "other_post"

    def check(self, pair: Pair) -> Finding | None:
        sides = other_post(pair.claim, pair.passage)
        return Finding(self.name, Conflict(self.name, sides[0], sides[1])) if sides else None


class PostOfAnotherBlocker(Blocker):
    """The passage gives the post the claim gives a person to someone else, and that person none ("Priya Danvers (Chief Risk Officer)")."""

    # Withheld, not contradicted: two people may hold posts of one name in two bodies, or one after the other.
    name = "post_of_another"

    def check(self, pair: Pair) -> Finding | None:
        sides = post_of_another(pair.claim, pair.passage)
        return Finding(self.name, reason=f"source: {sides[1]}; claim: {sides[0]}") if sides else None


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
        if _names_a_member(pair.claim.text, name):
            return None
        other = name_in_same_slot(pair.claim, pair.passage, name, pair.names) or doer_counterpart(pair, name)
        if other is None or _of_another_item(pair, name, other):
            return None
        # A transcript's label ("HOST: The depot flooded") is who speaks, not a name in the claim name's place.
        if pair.speaker and name_present(other, analyse(pair.speaker)):
            return None
        return Finding(self.name, Conflict(self.name, name, other, claim_span=_span(pair, "claim", name), source_span=_span(pair, "passage", other)))


def _names_a_member(text: str, name: str) -> bool:
    """Whether the claim's name only says whose a person is ("the Students' Union member", "a Labour councillor"): the
    person, not the body, stands in the slot, and the passage may name them."""
    after = text[text.find(name) + len(name) :].split()
    return bool(after) and after[0].strip(",.;:") in PEOPLE_NOUNS | ROLE_NOUNS


def _of_another_item(pair: Pair, name: str, other: str) -> bool:
    """In a passage listing items line by line, the other name stands in another item than the claim's other names: "- Gull
    Point Light (1856)" then "- The Town Hall (1902): designed by Harold Quiller" names no other designer of the light."""
    items = list_items(pair.passage_text)[1]
    holding = [item for item in items if other in item]
    if not holding:
        return False
    others = [n for n in pair.claim.entities if n != name and name_present(n, pair.passage)]
    return any(not name_present(n, analyse(holding[0])) for n in others)


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
