"""Slot alignment across a passage's clauses: what the claim says of its subject must be said, in the passage, of that subject.

A window of two sentences, or a sentence of two clauses, can hold the claim's subject in one clause and the claim's
figure or words in another clause about someone else: "Acme grew 3%. Initech grew 12%." does not say Acme grew 12%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from ..analysis import Analysis, analyse
from ..figures import Quantity, quantities
from ..lexicon import LIGHT_NOUNS, STOP_WORDS
from ..names import name_present, read_as_name
from ..text import stem, words
from .base import Blocker, Finding, Pair
from .matching import matches

# Where one clause ends and the next begins: a sentence end, a semicolon, or a contrast ("X rose, while Y fell", ", although").
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)|,?\s+\b(?:while|whereas)\b\s+|,\s+(?:but|although|though|even\s+though)\s+")
# A sentence that opens on a lower-case word other than a function word names a thing written in lower case ("brine
# uses one thread"): English sentences open on a capital.
_LOWER_OPENING = re.compile(r"^[\s\-*>|#]*([a-z][\w-]*)\s+[a-z]")


@dataclass(frozen=True)
class Clause:
    """One clause of a passage, with where it starts and ends in the passage's analysed text."""

    text: str
    start: int
    end: int
    opens_sentence: bool = True  # False for a clause after "while", "whereas" or ", but"

    @cached_property
    def analysis(self) -> Analysis:
        return analyse(self.text)


def clauses(text: str) -> list[Clause]:
    """A text cut into its clauses (sentences, semicolon clauses and contrasted clauses), with their offsets."""
    found, at, opens = [], 0, True
    for match in _CLAUSE_END.finditer(text):
        # "3.9 or later", "U.S. officials": only a break before a word that can open a sentence or a clause.
        if text[match.start() - 1 : match.start()] == "." and re.search(r"\b(?:[A-Z]|[A-Z][a-z]?|vs|e\.g|i\.e|etc|No)\.$", text[at : match.start()]):
            continue
        found.append(Clause(text[at : match.start()], at, match.start(), opens))
        at, opens = match.end(), text[match.start() - 1 : match.start()] in ".!?"
    found.append(Clause(text[at:], at, len(text), opens))
    return [c for c in found if c.text.strip()]


def whole(text: str) -> Clause:
    """A text read as one clause."""
    return Clause(text, 0, len(text))


def clause_at(parts: list[Clause], at: int) -> Clause | None:
    """The clause of `parts` that holds offset `at`."""
    return next((c for c in parts if c.start <= at < c.end), None)


# A clause opening on a personal pronoun goes on about what the clause before it was about.
_GOES_ON = re.compile(r"\s*(?:it|they|he|she|its|their|his|her)\b", re.IGNORECASE)
# A sentence's subject comes first: a name among its first words ("More than 300 Acme workers signed") is what it is about.
SUBJECT_REACH = 5
# A name this many characters or fewer from a claim figure is the figure's owner ("150 for Initech").
FIGURE_REACH = 12


@dataclass(frozen=True)
class Subject:
    """What a claim (or one of its figures) is said of: names, or the stems of the parser's topic."""

    words: tuple[str, ...]
    stems: bool = False  # `words` are topic stems, matched as words rather than as names

    def __bool__(self) -> bool:
        return bool(self.words)

    def __str__(self) -> str:
        return " ".join(self.words)

    def held_by(self, clause: Clause) -> bool:
        """Whether the clause names it."""
        if self.stems:
            return any(matches(s, clause.analysis) for s in self.words)
        return any(name_present(name, clause.analysis) for name in self.words)


def _names(pair: Pair) -> list[str]:
    """The claim's names, less the sentence-opening words the corpus does not write as names."""
    claim = pair.claim
    return [n for n in claim.entities if read_as_name(n, claim, pair.names)]


def subject_of(pair: Pair) -> Subject:
    """What the claim is about: its topic as the parser reads it, else a name among its first words."""
    if pair.topic:
        return Subject(tuple(sorted(pair.topic)), stems=True)
    for name in _names(pair)[:1]:
        at = pair.claim.text.find(name)
        if at >= 0 and len(words(pair.claim.text[:at])) < SUBJECT_REACH:
            return Subject((name,))
    return Subject(())


def owner_of(pair: Pair, start: int, end: int, subject: Subject) -> Subject:
    """Whose a claim figure is: the claim name written nearest it ("204 for Acme, 150 for Initech"), else the claim's subject."""
    text = pair.claim.text
    placed = [(name, at) for name in _names(pair) if (at := text.find(name)) >= 0]
    near = [(min(abs(start - (at + len(name))), abs(at - end)), name) for name, at in placed]
    # Within reach and in the same phrase: "Initech, with 150" gives the figure to the sentence's subject, not to Initech.
    near = [
        (gap, name) for (gap, name), (_, at) in zip(near, placed) if gap <= FIGURE_REACH and not re.search(r"[,;:(—–]", text[min(at, end) : max(at, start)])
    ]
    return Subject((min(near)[1],)) if near else subject


def other_subject(clause: Clause, before: int, pair: Pair, after: int | None = None) -> str | None:
    """A name the claim does not use that the clause says something of: written before offset `before` in the clause (or
    right after it, "4,000 Initech employees"), or a lower-case name opening the clause."""
    analysis = clause.analysis
    for name in analysis.entities:
        if not read_as_name(name, analysis, pair.names):
            continue
        if name_present(name, pair.claim) or any(stem(w) in pair.claim.content for w in words(name)):
            continue
        at = clause.text.find(name)
        if name.isupper() and len(name) <= 3 and re.search(r"\d\s*$", clause.text[:at]):
            continue  # a unit after a figure ("90 MB")
        if 0 <= at < before or (at >= before and len(words(clause.text[before if after is None else after : at])) <= 1):
            return name
    opening = _LOWER_OPENING.match(clause.text) if clause.opens_sentence else None
    if opening is not None:
        word = opening.group(1)
        if word not in STOP_WORDS and not matches(stem(word), pair.claim) and opening.start(1) < before:
            return word
    return None


def _share(said: frozenset[str], clause: Clause) -> int:
    """How many of the claim's words (`said`, stems) a clause has."""
    return sum(1 for s in said if matches(s, clause.analysis))


def elsewhere(clause: Clause, parts: list[Clause], subject: Subject) -> bool:
    """Whether another clause of the passage names the subject."""
    return any(other is not clause and subject.held_by(other) for other in parts)


def _markers(clause: Clause, names: frozenset[str] | None) -> set[str]:
    """The stems of what a clause names: its names, and a lower-case word opening it ("brine uses one thread")."""
    analysis = clause.analysis
    found = {stem(w) for n in analysis.entities if read_as_name(n, analysis, names) for w in words(n)}
    opening = re.match(r"^[\s\-*>|#]*([a-z][\w-]*)\s+[a-z]", clause.text)
    if opening is not None and opening.group(1) not in STOP_WORDS:
        found.add(stem(opening.group(1)))
    return found - {stem(w) for w in STOP_WORDS}


def other_clause_subject(pair: Pair, claim_stem: str, passage_stem: str) -> bool:
    """Whether a passage word is said of what another clause of the claim is about, not of what the claim word's clause is
    about: for "zlite uses all cores, whereas brine defaults to one thread", "zlite uses every core" says "every" of zlite."""
    parts = clauses(pair.claim.text)
    claim_clause = next((c for c in parts if claim_stem in c.analysis.stems), None)
    passage_clause = next((c for c in clauses(pair.passage.text) if passage_stem in c.analysis.stems), None)
    if claim_clause is None or passage_clause is None:
        return False
    ours, theirs = _markers(claim_clause, pair.names), _markers(passage_clause, pair.names)
    others = {m for c in parts if c is not claim_clause for m in _markers(c, pair.names)} - ours
    return bool(ours and theirs) and not ours & theirs and bool(theirs & others)


def foreign(pair: Pair, at: int, end: int, parts: list[Clause], subject: Subject) -> str | None:
    """Why the passage figure or date at [at, end) is not the claim's: the other subject or thing its clause is about, if any."""
    clause = clause_at(parts, at)
    if clause is None:
        return None
    analysis = clause.analysis
    # A clause sharing no claim word but the figure, with words of its own, is about another thing ("parking income rose 9%").
    own = analysis.content - pair.claim.content
    shares = [c for c in parts if any(matches(s, c.analysis) for s in pair.claim.content)]
    if shares and clause not in shares and len(own) >= 2:
        return f"in “{clause.text.strip()}”, a clause about something else"
    if not subject or subject.held_by(clause) or not elsewhere(clause, parts, subject):
        return None
    # "X was not found upstream. They have been in the lower river, below the bridge, since 2019": "they" goes on about X.
    at_clause = parts.index(clause)
    if at_clause > 0 and _GOES_ON.match(clause.text) and subject.held_by(parts[at_clause - 1]):
        return None
    other = other_subject(clause, at - clause.start, pair, end - clause.start)
    return f"of {other}, not of {subject}" if other else None


class FigureSubjectBlocker(Blocker):
    """The claim's figure stands in the passage only in a clause about another subject or another thing altogether."""

    # "Acme's revenue grew 12%" is not borne out by "Acme opened shops. Initech's revenue grew 12%", nor "Fares made up 9% of
    # revenue" by "Fare revenue rose 4%. Parking income rose 9%.".
    name = "figure_of_another"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        if not claim.figures or not passage.figures:
            return None
        parts = clauses(passage.text)
        subject = subject_of(pair)
        for figure in claim.figures:
            compatible = [q for q in passage.figures if q.kind == figure.kind and q.overlaps(figure)]
            if not compatible:
                continue
            # "more than 100" is compatible with "more than 4,000", but "more than 4,000" is the claim's figure when both stand.
            same = [q for q in compatible if abs(q.low - figure.low) <= 0.01 * max(abs(figure.low), 1e-9)]
            compatible = same or compatible
            owner = owner_of(pair, figure.start, figure.end, subject)
            reasons = [foreign(pair, q.start, q.end, parts, owner) or _given_by_another(pair, q, owner) for q in compatible]
            if all(reasons):
                return Finding(self.name, reason=f"source gives {figure.text} {reasons[0]}")
        return None


# "the £50 offered to each member by Brackley & Dale": the doer of a passive right after a figure, in its clause.
_BY_AFTER = re.compile(r"^[^,.;:()]{0,60}?\b[a-z]+ed\s+(?:[^,.;:()]{0,40}?\s)?by\s+(?:the\s+)?")


def _given_by_another(pair: Pair, given: Quantity, owner: Subject) -> str | None:
    """Why a passage figure is another's: a passive right after it names its doer, a name the claim does not have."""
    found = _BY_AFTER.match(pair.passage.text[given.end :])
    # A claim naming no one ("Each member was offered £50") may be of that doer.
    if found is None or not pair.claim.entities:
        return None
    at = given.end + found.end()
    doer = next((n for n in pair.passage.entities if pair.passage.text.startswith(n, at)), None)
    if doer is None or name_present(doer, pair.claim) or any(name_present(name, analyse(doer)) for name in pair.claim.entities):
        return None
    return f"of {doer}, not of {owner}" if owner else f"of {doer}"


class YearSubjectBlocker(FigureSubjectBlocker):
    """The claim's year stands in the passage only in a clause about another subject ("A opened in 1994; B opened in 2006")."""

    name = "year_of_another"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        years = [d for d in claim.dates if d.kind == "year"]
        if not years or not passage.dates:
            return None
        parts = clauses(passage.text)
        subject = subject_of(pair)
        for year in years:
            same = [d for d in passage.dates if d.kind == "year" and d.value == year.value]
            if not same:
                continue
            owner = owner_of(pair, year.start, year.start + len(year.text), subject)
            reasons = [foreign(pair, d.start, d.start + len(d.text), parts, owner) for d in same]
            if all(reasons):
                return Finding(self.name, reason=f"source gives {year.text} {reasons[0]}")
        return None


class WithAsideBlocker(Blocker):
    """The claim's date stands in the passage only in a "with ..." aside giving it to another thing than the claim's."""

    # "A hearing is scheduled for June 10, with adoption set for June 17" does not set the hearing for June 17. (Figures in
    # such asides are the figure rules': measured, a figure's aside more often restated the claim's measure in other words.)
    name = "date_of_aside"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage, text = pair.claim, pair.passage, pair.passage.text
        wanted = [(d.text, [m for m in passage.dates if (m.kind, m.value, m.day) == (d.kind, d.value, d.day)]) for d in claim.dates if d.day is not None]
        for said, found in wanted:
            owners = [_aside_owner(text, m.start) for m in found]
            if found and all(owners) and not any(matches(stem(w), claim) for owner in owners for w in words(owner or "")):
                return Finding(self.name, reason=f"source gives {said} for {owners[0]}, not for what the claim is about")
        return None


# A "with" aside giving a date to a thing of its own: ", with adoption set for", ", with the final vote due on".
_WITH_ASIDE = re.compile(
    r",\s+with\s+(?:the\s+|its\s+|their\s+|an?\s+)?(?P<owner>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)\s+"
    r"(?:(?:set|scheduled|due|expected|planned|slated|booked)\s+)?(?:(?:for|on|in|by|at)\s+)?$",
    re.IGNORECASE,
)


def _aside_owner(text: str, at: int) -> str | None:
    """The thing a "with" aside gives the date at offset `at` to, if it stands in one."""
    found = _WITH_ASIDE.search(text, max(0, at - 60), at)
    if found is None:
        return None
    owner = found.group("owner")
    return owner if any(w not in STOP_WORDS for w in words(owner)) else None


def _opening_noun(text: str) -> Subject:
    """The common nouns a claim opens on after "the", as a subject the parser gives no topic for ("The chicken used in the
    wraps came from ..."): up to two words, past function words, light nouns and participles."""
    found = _OPENING_NOUN.match(text)
    if found is None:
        return Subject(())
    kept = [w for w in words(found.group(1)) if w not in STOP_WORDS and w not in LIGHT_NOUNS and not w.endswith(("ed", "ing"))]
    return Subject(tuple(stem(w) for w in kept), stems=True)


_OPENING_NOUN = re.compile(r"^(?:The|These|Those)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\b")


class PredicateSubjectBlocker(Blocker):
    """What the claim says stands in a passage clause about another subject, while the claim's subject is in another clause."""

    # "Acme uses one thread" is not borne out by "Acme uses every core. Initech uses one thread.".
    name = "said_of_another"

    def check(self, pair: Pair) -> Finding | None:
        parts = clauses(pair.passage.text)
        # A claim opening on a common noun the parser gives no topic for ("The chicken used in the wraps came from ...") is
        # about that noun, but only a clause opening on another common noun says it of something else: a name or a pronoun
        # there may stand for it ("The Board raised it").
        subject, common_only = subject_of(pair), False
        if not subject:
            subject, common_only = _opening_noun(pair.claim.text), True
        if len(parts) < 2 or not subject:
            return None
        said = pair.claim.content - pair.claim.entity_stems - pair.topic - set(subject.words)
        if not said:
            return None

        best = max(parts, key=lambda clause: _share(said, clause))
        top = _share(said, best)
        if top < 2 or subject.held_by(best) or not elsewhere(best, parts, subject):
            return None
        # The clause that says it best must say more of it than every clause naming the claim's subject.
        if any(_share(said, c) >= top for c in parts if subject.held_by(c)):
            return None
        lower = best.text.lower()
        first = min((lower.find(t) for t, s in zip(best.analysis.tokens, best.analysis.stems) if s in said and lower.find(t) >= 0), default=len(best.text))
        if common_only and _PRONOUN.search(best.text):
            return None
        other = other_subject(best, first, pair) if not common_only else None
        if other is None and not common_only:
            # Or of the claim's other party, opening the clause: "Dunmere arrived a point ahead" for "Rovers started a point ahead of Dunmere".
            opening = _opening_name(best, pair, first=True) if best.opens_sentence else None
            other = opening if opening is not None and _claim_party(opening, pair) and not subject.held_by(whole(opening)) else None
            if other is not None and _PASSIVE_AFTER.match(best.text[best.text.find(other) + len(other) :]):
                other = None
        if other is None and subject.stems and not set(subject.words) & pair.claim.entity_stems:
            # Or a common noun the claim never uses, as the clause's subject right before what it says: "The eggs came from
            # Hollowmead Farm" for "The chicken came from a farm" (a topic that is a name may be called "the company").
            common = _COMMON_SUBJECT.match(best.text[:first])
            named = words(common.group(1)) if common is not None else []
            if named and not any(w in STOP_WORDS or stem(w) in pair.claim.content or stem(w) in pair.topic for w in named):
                other = "the " + " ".join(named)
        return Finding(self.name, reason=f"source says it of {other}, not of {subject}") if other else None


_PRONOUN = re.compile(r"\b(?:it|its|they|them|their)\b", re.IGNORECASE)
# A clause opening on a determiner and a few lower-case words before what it says: "The eggs ", "Its older plants ".
_COMMON_SUBJECT = re.compile(r"^[\s\-*>]*(?:The|A|An|These|Those|Its|Their|His|Her|Our)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+$")
# A passage opening on a personal pronoun as its subject: "They led after twelve minutes", "He was elected in 1864".
_OPENING_PRONOUN = re.compile(r"^[\s\-*>]*(?:they|he|she|it)\b(?!['’])", re.IGNORECASE)
# A transcript's speaker label opening a line ("**Marwood:** Tomas gave away the penalty"): who speaks, not the subject.
_SPEAKER_LABEL = re.compile(r"^[\s*_]*[A-Z][\w .'’()-]{0,40}?[*_]*:[*_]*\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])")


class ReferentBlocker(Blocker):
    """The passage opens on a pronoun whose sentence before names another subject than the claim's."""

    # "Rovers took the lead" is not borne out by "Dunmere arrived a point ahead. They led after twelve minutes."
    name = "other_referent"

    def check(self, pair: Pair) -> Finding | None:
        if pair.context is None or not _OPENING_PRONOUN.match(pair.passage.text):
            return None
        subject = subject_of(pair)
        parts = clauses(pair.passage.text)
        if not subject or subject.held_by(parts[0]):
            return None
        # A window may go on to a sentence about the claim's subject: when that one says more of the claim, it is the one.
        said = pair.claim.content - pair.claim.entity_stems - pair.topic
        if any(_share(said, c) > _share(said, parts[0]) for c in parts[1:] if subject.held_by(c)):
            return None
        sentence = _SPEAKER_LABEL.sub("", _SENTENCE_END.split(pair.context.text.strip())[-1])
        previous = whole(sentence)
        if subject.held_by(previous):
            return None
        referent = _opening_name(previous, pair)
        # "your captain, Tomas Berrin? — Tomas gave away the penalty. He is 34.": a fuller name before says who the referent is.
        if referent is None or any(name_present(referent, analyse(name)) and subject.held_by(whole(name)) for name in pair.context.entities):
            return None
        return Finding(self.name, reason=f"source's “{pair.passage.text.split()[0]}” is {referent}, not {subject}")


class SubjectRoleBlocker(Blocker):
    """The passage opens on a name the claim gives another role, and names nowhere the claim's subject."""

    # "Rovers started the day a point ahead of Dunmere" is not borne out by "Dunmere arrived a point ahead": the passage says
    # it of the claim's other party.
    name = "other_party"

    def check(self, pair: Pair) -> Finding | None:
        subject = subject_of(pair)
        if not subject:
            return None
        # The document's title names both parties of a match report; its byline names who issued a report ("we").
        byline = pair.credited.text if pair.credited is not None else ""
        if subject.held_by(whole(pair.passage.text)) or (byline and subject.held_by(whole(byline))):
            return None
        first = clauses(pair.passage.text)[0]
        opening = _opening_name(first, pair, first=True)
        if opening is None or not _claim_party(opening, pair) or subject.held_by(whole(opening)):
            return None
        # "Korvo was sold in March": a passive subject is the claim's object too, in the same role.
        if _PASSIVE_AFTER.match(first.text[first.text.find(opening) + len(opening) :]):
            return None
        return Finding(self.name, reason=f"source says it of {opening}, which the claim gives another role, not of {subject}")


_PASSIVE_AFTER = re.compile(
    r"^[\w'’]*\s+(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be|to\s+be)\s+)(?:\w+\s+)?\w+(?:ed|en|wn|un|ld|lt|nt|pt|st)\b"
)


def _claim_party(name: str, pair: Pair) -> bool:
    """Whether the claim writes `name` as one of its names ("Dunmere"), not as a common word ("files")."""
    return any(name_present(name, analyse(own)) for own in _names(pair))


def _opening_name(clause: Clause, pair: Pair, *, first: bool = False) -> str | None:
    """A name among a sentence's first words (its subject), unless it is a sentence-opening word the corpus writes as no name;
    with `first`, only a name the sentence opens on ("Dunmere arrived", "The Rovers", not "He uses AWS")."""
    analysis = clause.analysis
    for name in analysis.entities:
        if not read_as_name(name, analysis, pair.names):
            continue
        at = clause.text.find(name)
        before = words(clause.text[:at]) if at >= 0 else []
        if first:
            return name if at >= 0 and set(before) <= {"the"} else None
        return name if at >= 0 and len(before) < SUBJECT_REACH else None
    return None


# What a figure is an amount of: written before it ("sales of about $230 million") or after it ("$230 million in sales").
_MEASURE_BEFORE = re.compile(r"\b([a-z][a-z-]+)\s+of\s+$")
_MEASURE_AFTER = re.compile(r"^\s+in\s+([a-z][a-z-]+)\b")
# Nouns that say how a figure stands (a total, an increase, a price), not what it measures: general English.
_GENERIC_MEASURES = frozenset(
    """total sum amount value figure level average maximum minimum increase decrease rise fall drop gain growth change cut reduction
    price cost payment consideration rate share portion majority fraction number count base loss deficit surplus estimate
    range excess outlay instead place terms ahead front spite top part cash stock shares kind""".split()
)


def _measure(text: str, start: int, end: int) -> str | None:
    """The noun a figure at [start, end) of a text is written as an amount of, if one is written."""
    before = _MEASURE_BEFORE.search(text[max(0, start - 40) : start])
    after = _MEASURE_AFTER.match(text[end : end + 40])
    found = before or after
    if found is None:
        return None
    noun = found.group(1).lower()
    return None if noun in _GENERIC_MEASURES or noun in STOP_WORDS else noun


class FigureMeasureBlocker(Blocker):
    """The claim's figure stands in the passage only as an amount of something the claim does not speak of: "sales of $9 million" for "paid"."""

    name = "figure_of_other_measure"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for figure in claim.figures:
            compatible = [q for q in passage.figures if q.kind == figure.kind and q.overlaps(figure)]
            if not compatible:
                continue
            measures = [_measure(passage.text, q.start, q.end) for q in compatible]
            if all(m is not None and not matches(stem(m), claim) for m in measures):
                return Finding(self.name, reason=f"source gives {compatible[0].text} as {measures[0]}, which the claim does not speak of")
        return None


class ShareOfPartBlocker(Blocker):
    """The claim's share is of a whole; the passage gives it only as a share of a part ("62% of high-impact contracts")."""

    # "62% of all contracts" is not borne out by "62% of high-impact contracts", nor "44% of all respondents" by "58% said
    # they would. Of those, 44% ...": a share of a narrower group, or of a group the passage has just narrowed, is another
    # share.
    name = "share_of_part"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for figure in claim.figures:
            if figure.kind != "percent":
                continue
            whole = _share_whole(claim.text, figure.end)
            if not whole or _BACK_REFERENCE.match(claim.text, figure.end):
                continue
            compatible = [q for q in passage.figures if q.kind == "percent" and q.overlaps(figure)]
            reasons = [_part(passage, q, whole, claim) for q in compatible]
            if compatible and all(reasons):
                return Finding(self.name, reason=f"source gives {compatible[0].text} {reasons[0]}")
        return None


# "62% of all FedRAMP authorizations": the group a share is of, after "of" and its determiners, to the first function word.
_SHARE_OF = re.compile(r"\s*(?:per\s*cent\s+|percent\s+)?of\s+((?:(?:all|the|its|their|our|his|her|a|an)\s+)*)((?:[\w'’-]+\s*)+)", re.IGNORECASE)
# A share of a group just named: "Of those, 44% ...", "Of these, 31 are ...", "of them".
_BACK_REFERENCE = re.compile(r"\s*(?:per\s*cent\s+|percent\s+)?of\s+(?:those|these|them|this|that)\b", re.IGNORECASE)
# Words that say over what time or how a group is counted, not which part of it: "annual recurring revenue" is the revenue.
_NOT_NARROWING = frozenset(stem(w) for w in "annual yearly monthly weekly daily quarterly total overall entire whole combined".split())
_OF_THOSE_BEFORE = re.compile(r"\b[Oo]f\s+(?:those|these|them|this\s+group|that\s+group)\s*,?\s*$")


def _share_whole(text: str, end: int) -> frozenset[str]:
    """Stems of the content words naming the group a share ending at `end` is of, or none when no "of" follows."""
    # A fraction's figure takes its "of" in ("two thirds of"): the group follows it.
    if re.search(r"\bof$", text[:end], re.IGNORECASE):
        end -= 2
    found = _SHARE_OF.match(text, end)
    if found is None:
        return frozenset()
    named = []
    for word in words(found.group(2)):
        if word in STOP_WORDS:
            break
        named.append(stem(word))
    return frozenset(named)


def _part(passage: Analysis, share: Quantity, whole: frozenset[str], claim: Analysis) -> str | None:
    """How the passage's share is of a part of the claim's whole: of a group with words the claim lacks ("high-impact"), or
    of a group the passage has just narrowed ("Of those, 44%"); None when it is of the claim's group."""
    if _OF_THOSE_BEFORE.search(passage.text, max(0, share.start - 30), share.start):
        return "as a share of a group named before it"
    given = _share_whole(passage.text, share.end)
    extra = {s for s in given - whole if s not in claim.content and s not in _NOT_NARROWING}
    if whole <= given and extra:
        return f"as a share of a narrower group ({', '.join(sorted(extra))})"
    # "two thirds of the town's adults who use the library": a relative clause the claim does not have narrows the group.
    narrowed = _NARROWED.match(passage.text, share.end)
    if whole <= given and narrowed is not None:
        extra = {stem(w) for w in words(narrowed.group(2)) if w.lower() not in STOP_WORDS} - claim.content
        if extra:
            return f"as a share of a narrower group (those {narrowed.group(1)} {' '.join(narrowed.group(2).split()[:3])} …)"
    return None


# A group named after a share, then narrowed by a relative clause: " of the town's adults who use the library".
_NARROWED = re.compile(r"\s*(?:per\s*cent\s+|percent\s+)?(?:of\s+)?(?:[\w'’-]+\s+){1,4}?(who|that|which|whose)\s+([^,;.]+)", re.IGNORECASE)


class FigureOfAnotherItemBlocker(Blocker):
    """In a passage listing figures item by item, the claim's figure is another item's, and the claim's item has another figure."""

    # "Four of the stars are pulsating" is not borne out by "31 are eclipsing binaries, 12 are pulsating stars and 4 could not
    # be classified". Two items ("the shortest is 2.7 hours and the longest 41 days") often leave a noun understood in the
    # second, which then names nothing of its own: the blocker stands aside.
    name = "figure_of_another_item"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for figure in claim.figures:
            for sentence in _SENTENCE_END.split(passage.text):
                items = _items(sentence, figure)
                if len(items) < 3:
                    continue  # a list: three items or more, each with a figure of its own
                # The words that tell one item from the others: those of one item only.
                counts: dict[str, int] = {}
                for _, label in items:
                    for word in label:
                        counts[word] = counts.get(word, 0) + 1
                ours = [(q, label) for q, label in items if claim.content & {w for w in label if counts[w] == 1}]
                if len(ours) != 1:
                    continue
                own = ours[0][0]
                others = [q for q, _ in items if q is not own and q.overlaps(figure)]
                if others and not any(own.overlaps(f) for f in claim.figures):
                    return Finding(self.name, reason=f"source gives {others[0].text} for another item, and {own.text} for the claim's")
        return None


class FiguresMixedBlocker(Blocker):
    """The passage gives the claim's figures in two parallel statements, none of them with all the claim's figures together."""

    # "There is a 68.3% probability that he died between 385 and 200 BC" is not borne out by "a 95.4% probability that he
    # died between 385 and 200 BC, and a 68.3% probability that death occurred between 370 and 210 BC": each figure is
    # there, but the claim pairs one statement's figure with the other's.
    name = "figures_mixed"

    def check(self, pair: Pair) -> Finding | None:
        if len(pair.claim.figures) < 2:
            return None  # nothing to mix (and most claims end here, before any statement is read)
        # Parallel statements of one sentence: as many figures each, two or more, each holding some of the claim's. (Two
        # sentences may each give one of a claim's figures: "It is 62 metres across. The ditch is 1.9 metres deep.")
        sentences = [[quantities(s) for s in _STATEMENT_BREAK.split(sentence)] for sentence in _SENTENCE_END.split(pair.passage.text)]
        statements = [found for sentence in sentences for found in sentence]
        claimed = [quantities(s) for s in _STATEMENT_BREAK.split(pair.claim.text)]
        for first, second in (two for sentence in sentences for two in combinations(sentence, 2)):
            if len(first) < 2 or [q.kind for q in first] != [q.kind for q in second]:
                continue
            # The claim's figures these two give, all in one statement of the claim's own.
            held = [f for f in pair.claim.figures if any(q.overlaps(f) for q in first + second)]
            if len(held) < 2 or not any(all(any(f.overlaps(q) for q in own) for f in held) for own in claimed):
                continue
            if any(all(any(q.overlaps(f) for q in found) for f in held) for found in statements):
                continue
            # Where each claim figure stands: (which statement, which place in it). A claim taking one place from each
            # statement mixes them; one giving the same place of both ("£2.4m ... and £680,000") tells of both.
            places = [next((n, at) for n, found in enumerate((first, second)) for at, q in enumerate(found) if q.overlaps(f)) for f in held]
            if len({at for _, at in places}) == len(places) and len({n for n, _ in places}) == 2:
                return Finding(self.name, reason=f"source gives {', '.join(q.text for q in first)} together, and {', '.join(q.text for q in second)}")
        return None


# Where one statement of a sentence ends and a parallel one starts: "..., and a 68.3% probability ...", "...; ...".
_STATEMENT_BREAK = re.compile(r";\s+|,\s+(?:and|while|whereas|but)\s+", re.IGNORECASE)


# A line opening a list item: a bullet, or a number or letter with a stop or bracket ("- ", "3.", "(b)", "b)").
_ITEM_LINE = re.compile(r"^[ \t]*(?:[-*•]|\(?(?:[a-z]|\d{1,2})[.)])[ \t]+", re.IGNORECASE | re.MULTILINE)


def list_items(text: str) -> tuple[str, list[str]]:
    """(the text outside its list items, the items) of a passage listing items line by line; no items when it lists none."""
    starts = [m.start() for m in _ITEM_LINE.finditer(text)]
    if len(starts) < 2:
        return text, []
    items = []
    for start, end in zip(starts, [*starts[1:], len(text)]):
        # An item runs to the next item or to a blank line, whichever comes first.
        items.append(re.split(r"\n[ \t]*\n", text[start:end])[0])
    outside = text
    for item in items:
        outside = outside.replace(item, " ")
    return outside, items


class WordOfAnotherItemBlocker(Blocker):
    """In a passage listing items line by line, a word of the claim is said only of another item than the one it matches."""

    # "The committee's backing for the reservoir was unanimous" against "(b) to support the reservoir, carried by 7 votes to
    # 5; (c) to ask officers to report on water use, carried unanimously": "unanimous" is (c)'s.
    name = "word_of_another_item"

    def check(self, pair: Pair) -> Finding | None:
        outside, items = list_items(pair.passage_text)
        if not items:
            return None
        claim = pair.claim
        said = [frozenset(w for w in claim.content if matches(w, analyse(item))) for item in items]
        most = max(len(s) for s in said)
        ours = [s for s in said if len(s) == most]
        if len(ours) != 1:
            return None  # no one item is the claim's
        lead_in = analyse(outside)
        for word in sorted(claim.content - claim.entity_stems - ours[0]):
            # An item saying that word and nothing else of the claim's is about something else; one saying more of it is a
            # part of what the claim tells ("found the flaw on 14 January" then "reported it on 19 January").
            if any(s == {word} for s in said) and not matches(word, lead_in):
                return Finding(self.name, reason=f"source says the claim's '{word}' of another item in its list")
        return None


# Where one item of a list ends and the next begins: "31 are binaries, 12 are pulsating and 4 are not classified".
_ITEM_BREAK = re.compile(r",\s+(?:and\s+|or\s+|while\s+|whereas\s+)?|;\s*|\s+(?:and|or|while|whereas)\s+")


def _items(sentence: str, figure: Quantity) -> list[tuple[Quantity, frozenset[str]]]:
    """The items of a sentence listing figures of the claim figure's kind, one figure each, with the stems of their words."""
    found = []
    for chunk in _ITEM_BREAK.split(sentence):
        figures = [q for q in quantities(chunk) if q.kind == figure.kind]
        if len(figures) != 1:
            continue
        # The figure's unit ("hours", "tonnes") is what every item counts in, not what tells them apart.
        unit = stem(figures[0].noun) if figures[0].noun and figures[0].kind == "duration" else None
        label = frozenset(stem(w) for w in words(chunk) if w not in STOP_WORDS and not w[0].isdigit()) - {unit}
        found.append((figures[0], label))
    return found
