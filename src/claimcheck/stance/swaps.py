"""Support blockers for another filler of the claim's slot: another doer of the claim's action, another name where a claim
opens on a capitalised word that may or may not be a name."""

from __future__ import annotations

import re

from ..analysis import Analysis, analyse
from ..language.assertions import SAY_VERBS
from ..lexicon import AGENT_NOUNS, STOP_WORDS
from ..names import name_present
from ..text import stem, words
from .base import Blocker, Finding, Pair
from .grounding import past_forms, verb_forms
from .matching import matches

_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&.'’-]*)*"
# "compiled by Empower LLC", "commissioned by advocacy groups Acme": the doer of a passive verb.
_PASSIVE = re.compile(rf"\b([A-Za-z][a-z]+ed)\s+by\s+(?:the\s+)?(?:[a-z]+\s+){{0,3}}?({_NAME})")
# "Empower LLC commissioned": a name right before a verb in the past, or with a short aside between ("Josiah Penhale, a
# builder, designed").
_ACTIVE = re.compile(rf"({_NAME})(?:,\s+(?:a|an|the)\s+[^,.;]{{1,40}},)?\s+([a-z]+ed)\b")
# "ARCHITECT   Edwin Marl", "Architect: Edwin Marl", "architect Edwin Marl": a doer under the title of what it did.
_LINE_NAME = r"[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+)?[A-Z][\w&.'’-]*)*"
_AGENT = re.compile(rf"\b({'|'.join(AGENT_NOUNS)})\b[ \t]*:?[ \t]+(?:the[ \t]+)?({_LINE_NAME})", re.IGNORECASE)
# "Proposed: Fiona Lisle", "Seconded: Mr Dunnet": a doer under the past participle of what it did, as minutes label them.
_LABELLED = re.compile(rf"(?<![\w-])([A-Z][a-z]+ed)[ \t]*:[ \t]+({_LINE_NAME})")
# "maintained by the community": the doer of a passive verb written as a common noun.
_PASSIVE_COMMON = re.compile(
    r"\b([a-z]+ed)\s+by\s+(?:the|its|their|a|an)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\b(?=\s*(?:[,.;:)]|$|\s+(?:and|in|on|at|for|since|with)\b))"
)
# "the brine team maintains": a doer written as a common noun, after an article, right before a verb in the present or past.
_ACTIVE_COMMON = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+((?:[\w-]+\s+){0,2}?[a-z][\w-]*)\s+([a-z]+(?:ed|es|s))\s+(?:a|an|the|its|their)\b")


def _doers(text: str, active: bool) -> list[tuple[str, str, str]]:
    """(verb stem, verb, name) for each doer of an action a text names (passive "X-ed by N", and with `active` also "N X-ed")."""
    return _passive_doers(text) + (_active_doers(text) if active else [])


def _passive_doers(text: str) -> list[tuple[str, str, str]]:
    """(verb stem, verb, name) for each "X-ed by N" in a text."""
    return [(stem(m.group(1).lower()), m.group(1), m.group(2).rstrip(".'’")) for m in _PASSIVE.finditer(text)]


def _titled_doers(text: str) -> list[tuple[str, str, str]]:
    """(verb stem, title, name) for each doer a text names under the title of what it did ("Architect: Edwin Marl")."""
    return [(stem(AGENT_NOUNS[m.group(1).lower()]), m.group(1).lower(), m.group(2).rstrip(".'’")) for m in _AGENT.finditer(text)]


def _active_doers(text: str) -> list[tuple[str, str, str]]:
    """(verb stem, verb, name) for each "N X-ed" in a text."""
    return [(stem(m.group(2)), m.group(2), m.group(1).rstrip(".'’")) for m in _ACTIVE.finditer(text)]


class OtherDoerBlocker(Blocker):
    """The passage gives the claim's action to another doer: "compiled by Acme", "Acme compiled it" or "Compiler: Acme" for "Initech compiled it"."""

    name = "other_doer"

    def check(self, pair: Pair) -> Finding | None:
        # A doer before the verb only when the passage reads it as a name and the claim names it in another role ("Stanning
        # scored the penalty" for "Tait scored the penalty after fouling Stanning"): in a list ("A opened in 1994; B opened
        # in 2006") another name before the verb is another item's.
        # Only the claim's own names as doers ("Last year" before "opened" is no doer).
        claimed = [(verb, said, name) for verb, said, name in _doers(pair.claim.text, active=True) if name in pair.claim.entities]
        # Or another name the passage gives the act while it gives the claim's doer another act ("Rob Quayle proposed an
        # amendment ... Aisling Fenner seconded." for "proposed by Aisling Fenner").
        acting = _active_doers(pair.passage.text)
        elsewhere = any(verb != done and name_present(name, analyse(doer)) for verb, _, name in claimed for done, _, doer in acting)
        offered = _offered_doers(pair)
        offered += [(verb, said, name) for verb, said, name in acting if name in pair.passage.entities and (name_present(name, pair.claim) or elsewhere)]
        if not offered:
            return None
        for verb, said, name in claimed:
            theirs = [(done, other) for v, done, other in offered if v == verb]
            if theirs and not any(name_present(name, analyse(other)) or name_present(other, analyse(name)) for _, other in theirs):
                done, other = theirs[0]
                return Finding(self.name, reason=f"source: {_done_by(done, other)}; claim: {said} by {name}")
        return None


def _offered_doers(pair: Pair) -> list[tuple[str, str, str]]:
    """(verb stem, verb or title, name) for each doer the passage names by a passive ("Proposed by X") or a title ("Proposer: X")."""
    labelled = [(stem(m.group(1).lower()), f"{m.group(1)}:", re.split(r"\.\s", m.group(2))[0].rstrip(".'’")) for m in _LABELLED.finditer(pair.passage_text)]
    return _passive_doers(pair.passage.text) + _titled_doers(pair.passage_text) + labelled


def _done_by(done: str, doer: str) -> str:
    """How the passage gives a doer: "Architect Edwin Marl" under a title, "compiled by Acme" after a verb."""
    return f"{done} {doer}" if done in AGENT_NOUNS or done.endswith(":") else f"{done} by {doer}"


def doer_counterpart(pair: Pair, name: str) -> str | None:
    """The passage's doer of the act the claim gives `name` ("Proposed by Mr Dunnet" or "Proposer: Mr Dunnet" for "Elspeth
    Rowe proposed the motion"), when the claim writes `name` right before its verb."""
    acts = {verb for verb, _, doer in _active_doers(pair.claim.text) if doer == name}
    if not acts:
        return None
    return next((doer for verb, _, doer in _offered_doers(pair) if verb in acts and not name_present(doer, pair.claim)), None)


def doer_swap(pair: Pair) -> tuple[str, str] | None:
    """(the claim's doer of an act, the passage's) when the passage gives the act to another of the claim's own names:
    "compiled by Empower LLC" against "Empower LLC commissioned the report, which was compiled by Mijente"."""
    offered = _offered_doers(pair)
    if not offered:
        return None
    names = list(pair.claim.entities)
    for verb, said, name in _doers(pair.claim.text, active=True):
        if name not in names:
            continue
        for done_verb, done, other in offered:
            if done_verb != verb or name_present(name, analyse(other)) or name_present(other, analyse(name)):
                continue
            if any(n != name and name_present(n, analyse(other)) for n in names):
                return f"{said} by {name}", _done_by(done, other)
    return None


def _common_doers(text: str, active: bool) -> list[tuple[str, str, str]]:
    """(verb stem, verb, doer) for each doer written as a common noun ("by the community"; with `active`, "the team maintains a")."""
    pattern, verb_at, doer_at = (_ACTIVE_COMMON, 2, 1) if active else (_PASSIVE_COMMON, 1, 2)
    return [(stem(m.group(verb_at)), m.group(verb_at), m.group(doer_at)) for m in pattern.finditer(text)]


class OtherCommonDoerBlocker(Blocker):
    """The passage gives the claim's action to another doer named by a common noun: "maintained by the community" for "the team maintains"."""

    name = "other_common_doer"

    def check(self, pair: Pair) -> Finding | None:
        offered = _common_doers(pair.passage.text, active=False)
        if not offered:
            return None
        for verb, said, doer in _common_doers(pair.claim.text, active=True):
            mine = {stem(w) for w in words(doer)}
            theirs = [other for v, _, other in offered if v == verb]
            if theirs and not any(mine & {stem(w) for w in words(other)} for other in theirs):
                return Finding(self.name, reason=f"source: {said} by the {theirs[0]}; claim: by the {doer}")
        return None


class OpeningWordBlocker(Blocker):
    """Where the claim opens on a capitalised word the passage lacks, the passage has another name in the same place."""

    # "Queens resident Ann Roe" against "Brooklyn resident Ann Roe". The opening word may be no name, so this only withholds.
    name = "opening_word"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for word in claim.uncertain:
            if name_present(word, passage):
                continue
            at = claim.text.find(word)
            following = words(claim.text[at + len(word) :])[:2]
            if len(following) < 2:
                continue
            # Before a person's name ("Queens resident Ann Roe") the opening word names a place or body, whatever the corpus shows.
            before_name = re.match(r"\s+\S+\s+[A-Z]", claim.text[at + len(word) :]) is not None
            # The passage's capitalised word before the same two words, which the corpus writes as a name (or before a name).
            pattern = re.compile(rf"\b([A-Z][\w'’-]+)\s+{re.escape(following[0])}\W+{re.escape(following[1])}\b", re.IGNORECASE)
            for match in pattern.finditer(passage.text):
                other = match.group(1)
                if ((pair.names is not None and other.lower() in pair.names) or before_name) and not name_present(other, claim) and other[0].isupper():
                    return Finding(self.name, reason=f"source has '{other} {following[0]}' where the claim has '{word} {following[0]}'")
        return None


# "the senator's party opposed": a possessor, what it has (one or two words) and the word after, as the text writes them.
_POSSESSED = re.compile(r"\b([A-Za-z][\w-]*)['’]s\s+([a-z][\w-]*)\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")


class PossessorBlocker(Blocker):
    """One side gives the other's doer to someone of its own: "the senator's party opposed" for "the senator opposed", and back."""

    # Who owns the doer is not the doer: the senator's party, the mayor's husband, the company's founder. Speaking for
    # someone is another matter ("Acme's spokesman said" for "Acme said"), so a verb of saying after it is left alone.
    name = "possessor"

    def check(self, pair: Pair) -> Finding | None:
        if pair.grounding is None or not pair.reads_like_claim:
            return None
        for first, second in ((pair.claim, pair.passage), (pair.passage, pair.claim)):
            found = _possessed_doer(first.text, second)
            if found is not None:
                owner, owned, verb = found
                side = "source" if first is pair.passage else "claim"
                other = "claim" if side == "source" else "source"
                return Finding(self.name, reason=f"{side} says '{owner}'s {owned} {verb}' where the {other} says '{owner} {verb}'")
        return None


def _possessed_doer(text: str, other: Analysis) -> tuple[str, str, str] | None:
    """In `text`, "X's N V" where `other` has "X V" and none of N's words: (X, N, V)."""
    for match in _POSSESSED.finditer(text):
        owner, first, second, third = match.groups()
        for owned, verb in ((first, second), (f"{first} {second}", third)):
            if verb is None or verb in STOP_WORDS or stem(verb) in _SAYING:
                continue
            if any(stem(w) in other.content or w in STOP_WORDS for w in owned.split()):
                continue
            # The other side's "X V", which this side does not say as well ("the senator opposed it; her party opposed it too").
            said = re.compile(rf"\b{re.escape(owner)}\s+{re.escape(verb)}\b", re.IGNORECASE)
            if said.search(other.text) and not said.search(text):
                return owner, owned, verb
    return None


_SAYING = frozenset(stem(w) for w in SAY_VERBS)


class MissingFinderBlocker(Blocker):
    """The claim credits its statement to what found it ("An examination has confirmed that"), which no passage names."""

    # "A physical examination of the stock book has confirmed that the entry is in a different ink" is not borne out by a
    # party's statement that it is: the finding is part of what the claim says.
    name = "missing_finder"

    def check(self, pair: Pair) -> Finding | None:
        found = _FINDING.match(pair.claim.text)
        if found is None:
            return None
        # The finder's head noun: its last word before a preposition ("examination" of "A physical examination of the book").
        finder = re.split(r"\s(?:of|in|at|by|from|on|for|into|with)\s", found.group("finder").strip(), maxsplit=1)[0].split()
        head = finder[-1].strip(",") if finder else ""
        if not head.isalpha() or not head.islower() or head in STOP_WORDS or head in _PRONOUNS:
            return None
        ground = pair.grounding or pair.passage
        if matches(stem(head), ground):
            return None
        return Finding(self.name, reason=f"source does not say the claim's {head} found it")


# A claim crediting a finding to what found it: "Tests have shown that ...", "A review of the files found that ...".
_FINDING = re.compile(
    r"^\s*(?P<finder>(?:(?!that\b)[\w'’,-]+\s+){1,9}?)(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?"
    r"(?:confirmed|shown|showed|found|established|proved|proven|revealed|concluded|determined|demonstrated)\s+that\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset("it they he she we this these those which who".split())


# A subject denying an act of everyone, right before its passive: "none has", "no ransom was", "nothing has".
_DENIED_BEFORE = re.compile(r"\b(?:no|none|nothing|nobody|never)\b(?:\s+[\w'’-]+)?\s+(?:has|have|had)?\s*$", re.IGNORECASE)


class UnstatedDoerBlocker(Blocker):
    """The passage has the claim's act only in a passive without its doer, and nowhere names the one the claim says did it."""

    # "The second officer moved waypoint 7" against "When waypoint 7 was moved, the new leg was drawn across the reef".
    name = "unstated_doer"

    def check(self, pair: Pair) -> Finding | None:
        ground = pair.grounding or pair.passage
        for verb, doer in pair.claim_doers:
            if stem(doer) in ground.stems:
                continue
            past = past_forms(verb)
            done = "|".join(sorted(re.escape(form) for form in past))
            said_passive = rf"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?(?:{done})\b"
            # Said without its doer, and neither in the active ("she moved it") nor with the doer ("moved by the officer").
            passive = re.search(said_passive + r"(?!\s+by\b)", pair.passage.text, re.IGNORECASE)
            active = [form for form in verb_forms(verb) - past if form in pair.passage.tokens]
            said_actively = re.search(rf"\b(?:{done})\b", re.sub(said_passive, " ", pair.passage.text))
            # "No ransom was demanded and none has been paid": an act denied of everyone is denied of the claim's doer too.
            denied = passive is not None and _DENIED_BEFORE.search(pair.passage.text, max(0, passive.start() - 40), passive.start()) is not None
            if passive is not None and not active and said_actively is None and not denied:
                return Finding(self.name, reason=f"source does not say who did it ('{passive.group(0)}'), nor names the claim's {doer}")
        return None
