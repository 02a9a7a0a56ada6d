"""Contradiction rules on wording: a negated qualifier, a negated assertion, an antonym on the same thing, a rule forbidding what the claim allows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analysis import Analysis, analyse
from ..figures import NUMBER_WORDS
from ..lexicon import CHOOSING_VERBS, DEONTIC, EXCEPTING, FUTURE_FRAME, NEGATION_CUES, NEGATION_SKIP, QUANTITY_WORDS, STOP_WORDS
from ..models import Conflict
from ..text import stem, words
from .base import Finding, OnAssertionRule, Pair, Rule
from .matching import (
    antonyms,
    asked,
    context_stems,
    count_after,
    leaves_amount,
    matches,
    negated_near,
    negated_words,
    opposed_states,
    other_counted_groups,
    other_groups,
    point_in_time,
    position,
    qualifier_stems,
    removed,
    same_subject,
)
from .slots import other_clause_subject

SAYS = "source says '{source}'; claim says '{claim}'"


class NegatedQualifierRule(Rule):
    """The passage negates a qualifier the claim asserts ("not directly"), next to a name the claim also uses."""

    name = "negated_qualifier"
    signal = "negated_qualifier"

    def admits(self, pair: Pair) -> bool:
        return not pair.missing and pair.similarity >= pair.thresholds.align_similarity - 0.1

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for head, phrase in passage.negated.items():
            if head not in qualifier_stems() or head not in claim.stems or passage.stems.count(head) > 1:
                continue
            at_claim, at_passage = claim.stems.index(head), passage.stems.index(head)
            shared = context_stems(claim, at_claim, 4) & context_stems(passage, at_passage, 4)
            if shared & claim.entity_stems and not negated_near(claim, at_claim):
                return Finding(self.name, Conflict(self.name, claim.tokens[at_claim], phrase, SAYS))
        return None


# Modals by which a claim says what may or should be done: what a source advises or decides against.
_ADVISING = frozenset("can could may might should".split())


class PolarityRule(OnAssertionRule):
    """One side negates an assertion the other makes plainly ("no direct flights" vs "a direct flight")."""

    name = "polarity"
    signal = "polarity_conflict"

    def decisive(self, pair: Pair) -> bool:
        # A passage that denies the claim's verb with its object ("did not measure tide heights") denies every narrower form of
        # it ("measured tide heights at every nest"), however much more the claim says.
        return pair.on_assertion or _denies_phrase(pair)

    def check(self, pair: Pair) -> Finding | None:
        # A question asserts nothing ("Will there be through trains?"); asking whether, its answer gives the polarity
        # (`answered_question`).
        if pair.question is not None and (not pair.question[1] or pair.answered is not None):
            return None
        for negating, plain, who in ((pair.passage, pair.claim, "source"), (pair.claim, pair.passage, "claim")):
            if _excepted(negating, plain):
                continue
            phrases: dict[str, list[str]] = {}
            for head, phrase in negating.negated.items():
                phrases.setdefault(phrase, []).append(head)
            for phrase, heads in phrases.items():
                # A source's decision against an act ("voted against closing the library") is no denial that the act was
                # done: it may be done later, another way. Only a claim's decision, or the same decision, is set against it,
                # or what the claim says may or should be done ("could safely be scaled up" against "cautions against scaling").
                if who == "source" and "against" in phrase.split() and CHOOSING_VERBS.isdisjoint(plain.tokens) and _ADVISING.isdisjoint(plain.tokens):
                    continue
                # "It did not include the temporary footbridge" denies the inclusion, not the footbridge: a denied verb the
                # word list passes over must be on the other side too.
                relation = next((t for t in words(phrase.lower()) if t not in NEGATION_SKIP and t not in NEGATION_CUES and not t.endswith("n't")), "")
                if relation in _INCLUDING and _INCLUDING.isdisjoint(plain.tokens):
                    continue
                # Every word the negation governs must be asserted plainly on the other side, and only once negated here.
                heads = [h for h in heads if h not in plain.entity_stems and h not in negating.entity_stems]
                if not heads or any(negating.stems.count(h) > 1 for h in heads):
                    continue
                positions = [position(plain, h) for h in heads]
                # The word right after the negation must be asserted plainly on the other side ("no direct
                # flights" vs "flies directly"); a second governed word, where the other side has it, too.
                if positions[0] < 0 or any(i >= 0 and negated_near(plain, i) for i in positions):
                    continue
                # "reviewing whether it should be referred" asks; it asserts nothing a denial could contradict. Nor does the
                # standard of a comparison ("more consistent with overloading than with corrosion") assert corrosion.
                if asked(plain, positions[0]) or "than" in plain.tokens[max(0, positions[0] - 3) : positions[0]]:
                    continue
                # Nor does a condition or a time to come ("may change once it has seen the records", "if it is approved").
                if not _CONDITIONS.isdisjoint(plain.tokens[max(0, positions[0] - 5) : positions[0]]):
                    continue
                # "dropped HTTP/2 support" says what "no HTTP/2" says.
                if removed(plain, positions[0]):
                    continue
                # The same subject, or every word advised against said plainly ("against scaling the figures" and "its figures
                # could be scaled": the object made a passive's subject). (Measured: for every negation, this made "not in
                # spring 2026" deny a plan's original date.)
                aligned = "against" in phrase.split() and len(heads) >= 2 and all(i >= 0 for i in positions)
                at = negating.stems.index(heads[0])
                if not aligned and not same_subject(negating, at, plain, positions[0]) and not _set_aside_alike(phrase, negating, at, plain, positions[0]):
                    continue
                # "33 had eaten" and "the other three had not eaten": each is said of its own group.
                if other_groups(negating, at, plain, positions[0]):
                    continue
                # "no plans to add an async client" denies nothing of "plans to add rotation by log volume".
                if _other_objects(negating, heads, plain, positions):
                    continue
                # "followed 298 nests rather than 312" sets 312 aside for 298; a side telling of both tells of the change.
                if _told_both(phrase, negating, at, plain):
                    continue
                word = plain.tokens[positions[0]]
                # The explanation quotes the negating side first.
                if who == "source":
                    return Finding(self.name, Conflict(self.name, word, phrase, SAYS))
                return Finding(self.name, Conflict(self.name, phrase, word, "claim says '{claim}'; source says '{source}'"))
        return None


# Words opening a condition or a time to come, whose clause asserts nothing yet.
_CONDITIONS = frozenset("once if unless until".split())
# The forms of a verb the negation's word list passes over as a function word.
_INCLUDING = frozenset("include includes included including".split())


def _set_aside_alike(phrase: str, negating: Analysis, at: int, plain: Analysis, plain_at: int) -> bool:
    """Whether a word set aside for another ("moderate rather than substantial") and the word asserted plainly stand among
    the same words a little further off: the alternative sits between the setting-aside and what both speak of."""
    if not phrase.startswith(("rather than", "instead of")):
        return False
    return bool(context_stems(negating, at, 6) & context_stems(plain, plain_at, 6))


def _other_objects(negating: Analysis, heads: list[str], plain: Analysis, positions: list[int]) -> bool:
    """Whether the words right after a denial's last governed word and those right after the plain side's name different
    things, none of either said on the other side: "no plans to add an async client" and "plan to add rotation"."""
    if any(i < 0 for i in positions):
        return False
    last = max(negating.stems.index(h) for h in heads)
    # Only a verb's object, opening on a determiner: "no turbine base would sit on peat" goes on to its verb, not an object.
    if last + 1 >= len(negating.tokens) or negating.tokens[last + 1] not in _DETERMINERS:
        return False
    theirs = _object_words(negating.tokens[last + 1 : last + 6])
    mine = _object_words(plain.tokens[max(positions) + 1 : max(positions) + 6])
    if not theirs or not mine:
        return False

    def said(word: str, other: Analysis) -> bool:
        return stem(word) in other.stems or matches(stem(word), other)

    return not any(said(w, plain) for w in theirs) and not any(said(w, negating) for w in mine)


def _object_words(tokens: Sequence[str]) -> list[str]:
    """The first content words of what follows a verb, up to three, before any preposition ("an async client"); none when a
    preposition comes first ("in every nest" is where, not what)."""
    found: list[str] = []
    for token in tokens:
        if token.lower() in _PREPOSITIONS:
            break
        if token.lower() not in STOP_WORDS:
            found.append(token)
        if len(found) == 3:
            break
    return found


_DETERMINERS = frozenset("a an the any its their his her our this that these those".split())
_PREPOSITIONS = frozenset("in on at by for from with within to of into over under after before since until during".split())


def _told_both(phrase: str, negating: Analysis, at: int, plain: Analysis) -> bool:
    """Whether the plain side also gives the figure a "rather than" or "instead of" puts in its figure's place: "298 nests
    rather than 312" against "the total went down from 312 to 298" is the same change, told twice."""
    if not phrase.startswith(("rather than", "instead of")):
        return False
    cue = next((n for n in range(at - 1, max(-1, at - 5), -1) if negating.tokens[n] in ("rather", "instead")), None)
    if cue is None or not _is_number(negating.tokens[at]):
        return False
    # Only a figure: what "gaining ice rather than losing it" sets aside a word for is less sure than "298 ... rather than 312".
    found = next((n for n in range(cue - 1, max(-1, cue - 4), -1) if _is_number(negating.tokens[n])), None)
    return found is not None and negating.stems[found] in plain.stems


def _is_number(token: str) -> bool:
    """Whether a token is a figure or a number word."""
    return token[:1].isdigit() or token in NUMBER_WORDS


# "X does not happen unless C": the exception, up to the end of its clause.
_UNLESS = re.compile(r"\b(?:unless|except\s+(?:when|if|with)|until)\s+([^,;.]+)", re.IGNORECASE)


def _excepted(negating: Analysis, plain: Analysis) -> bool:
    """Whether the negating side makes an exception that the plain side names: "will not overwrite a file unless --force is
    passed" and "--force: overwrite existing files" agree."""
    for found in _UNLESS.finditer(negating.text):
        condition = analyse(found.group(1)).content - negating.entity_stems
        # Half its words: "--force is passed" is named by "-f, --force: overwrite existing files".
        if condition and 2 * sum(1 for s in condition if matches(s, plain)) >= len(condition):
            return True
    return False


def _asserts(analysis: Analysis, word_stem: str) -> bool:
    """Whether a text uses a word other than as denied ("closed five stores and opened none" does not assert "opened")."""
    return any(s == word_stem and not negated_near(analysis, n) for n, s in enumerate(analysis.stems))


DENIED_PHRASE_WORDS = 2


def _denies_phrase(pair: Pair) -> bool:
    """Whether a passage negation governs at least DENIED_PHRASE_WORDS words that the claim asserts plainly, the first of them
    the negated verb's, and the claim names no name the passage lacks."""
    if pair.missing or pair.claim.negated:
        return False
    for phrase in set(pair.passage.negated.values()):
        governed = negated_words(phrase)
        if len(governed) >= DENIED_PHRASE_WORDS and all(position(pair.claim, s) >= 0 for s in governed[:DENIED_PHRASE_WORDS]):
            return True
    return False


def _opposite_word(pair: Pair, table: dict[str, frozenset[str]], *, strict: bool) -> tuple[str, str] | None:
    """(claim word, passage word) where the passage uses a word `table` opposes to a claim word, about the same thing and not
    saying the claim's word too, neither side negated; `strict`: not a quantity word, not said of another clause's subject."""
    claim, passage = pair.claim, pair.passage
    for index, (token, word_stem) in enumerate(zip(claim.tokens, claim.stems)):
        if strict and token in QUANTITY_WORDS:
            continue
        for opposite in sorted(table.get(word_stem, ())):
            if opposite not in passage.stems or _asserts(passage, word_stem) or opposite in claim.stems:
                continue
            at = passage.stems.index(opposite)
            # "leaving 46.5 posts" says what remains, as "the remaining 46.5 posts" does.
            if leaves_amount(claim, index) or leaves_amount(passage, at):
                continue
            # "won 20 games" and "lost 12 games": each count is its own act's, both may be true.
            counts = count_after(claim, index), count_after(passage, at)
            if None not in counts and counts[0] != counts[1]:
                continue
            # "1,236 candidates ... would have dropped a grade" and "the 3,947 candidates whose grade rose": each word is said
            # of its own group.
            if other_counted_groups(claim, index, passage, at):
                continue
            # A negated word agrees with its opposite: "did not approve the plan" and "rejected the plan".
            if negated_near(claim, index) or negated_near(passage, at):
                continue
            if strict and other_clause_subject(pair, word_stem, opposite):
                continue
            # "by the end of 2027" names a time, not an ending: it opposes no "began" (but "the start of the season" does).
            if point_in_time(claim, index) != point_in_time(passage, at):
                continue
            # "plans to close the route in 2026" and "opened the route in April" speak of different times (a claim of fact
            # still meets a plan's opposite: "raised its dividend" and "proposes an unchanged dividend").
            if _in_future_frame(claim, index) and not _in_future_frame(passage, at):
                continue
            if same_subject(claim, index, passage, at):
                return token, passage.tokens[at]
    return None


def _in_future_frame(analysis: Analysis, index: int) -> bool:
    """Whether the word at `index` is planned, expected or future ("plans to close", "will close", "is expected to close")."""
    return not FUTURE_FRAME.isdisjoint(analysis.tokens[max(0, index - 3) : index])


class AntonymRule(OnAssertionRule):
    """The claim uses a word whose antonym the passage uses instead, about the same thing."""

    name = "antonym"
    signal = "antonym_conflict"

    def check(self, pair: Pair) -> Finding | None:
        found = _opposite_word(pair, antonyms(), strict=False)
        return Finding(self.name, Conflict(self.name, found[0], found[1], SAYS)) if found else None


class OpposedStateRule(OnAssertionRule):
    """The passage gives the opposite state or action of a claim word, about the same thing ("keeps its input" for "deletes")."""

    # Opposed states are common in true sentences ("zlite keeps its input, whereas brine deletes it"): the word must stand in
    # a clause about the claim's own subject, plainly on both sides, and the pair must be on the claim's assertion to contradict.
    name = "opposed_state"
    signal = "opposed_state"

    def check(self, pair: Pair) -> Finding | None:
        found = _opposite_word(pair, opposed_states(), strict=True)
        return Finding(self.name, Conflict(self.name, found[0], found[1], SAYS)) if found else None


class TestResultRule(OnAssertionRule):
    """The claim finds something in what the passage's tests came back negative on, or the other way round."""

    # "Salmonella was found in the hens" against "samples from the hens were negative".
    name = "test_result"
    signal = "polarity_conflict"

    def check(self, pair: Pair) -> Finding | None:
        for found_in, negative in ((pair.claim_text, pair.passage_text), (pair.passage_text, pair.claim_text)):
            for found in _FOUND.finditer(found_in):
                where = {stem(w) for w in words(found.group("where") or found.group("tested")) if w.lower() not in STOP_WORDS}
                for tested in _NEGATIVE.finditer(negative):
                    # The tested thing is the subject of the last clause before "negative": "X was found in a jar, but
                    # samples from the hens were negative" tested the hens, not the jar.
                    subject = _CLAUSE_BREAK.split(tested.group("what"))[-1]
                    if where and where <= {stem(w) for w in words(subject)}:
                        result = negative[tested.end("what") - len(subject) : tested.end()]
                        claimed, source = (found.group(0), result) if found_in is pair.claim_text else (result, found.group(0))
                        return Finding(self.name, Conflict(self.name, claimed.strip(), source.strip(), SAYS))
        return None


# "was found in the hens", "were detected on two chopping boards", "the hens tested positive": something found in a thing.
_FOUND = re.compile(
    r"\b(?:was|were|is|are|been|be)\s+(?:found|detected|identified|isolated|confirmed)\s+(?:in|on|at|among)\s+"
    r"(?P<where>[^,.;:]{3,80}?)(?=\s*(?:[,.;:]|$|\s(?:and|but|which|that|after|when|by)\b))"
    r"|(?P<tested>\b(?:[Tt]he|[Aa]ll)\s+[^,.;:]{3,60}?)\s+(?:all\s+)?(?:tested|were|was|came\s+back|proved)\s+positive\b"
)
# "samples from the hens at the farm were negative", "all 40 swabs tested negative": a thing tested and nothing found.
_NEGATIVE = re.compile(r"(?P<what>[^.;:!?]{3,240}?)\s+(?:all\s+)?(?:tested|were|was|came\s+back|proved|returned)\s+(?:all\s+)?negative\b")
_CLAUSE_BREAK = re.compile(r",\s*(?:but|and|while|whereas|though|although)\s+|\s+but\s+|\bwhile\s+")


class PermissionRule(OnAssertionRule):
    """The claim says a thing is allowed where the passage forbids it, or the other way round ("exempt" against "must not")."""

    # The passage's rule must name most of what the claim is about, in the sentence (or the list it opens) where it forbids
    # or allows; a passage that also excepts something ("unless", "except") or rules both ways decides nothing.
    name = "permission"
    signal = "permission_conflict"

    def decisive(self, pair: Pair) -> bool:
        # A rule naming everything the claim is about rules on the claim's own assertion, however it words the rest.
        ruling = _opposite_ruling(pair)
        return pair.on_assertion or (ruling is not None and ruling[2])

    def check(self, pair: Pair) -> Finding | None:
        ruling = _opposite_ruling(pair)
        return Finding(self.name, Conflict(self.name, ruling[0], ruling[1], SAYS)) if ruling else None


def _opposite_ruling(pair: Pair) -> tuple[str, str, bool] | None:
    """(the claim's word, the passage's opposite one, whether the passage's sentence names all the claim is about) when the
    passage forbids what the claim allows or allows what it forbids (`PermissionRule`)."""
    said = _deontic(pair.claim_text)
    if len(said) != 1:
        return None
    way, claimed = said[0]
    things = {_thing(w) for w in words(DEONTIC.sub(" ", pair.claim_text)) if w not in STOP_WORDS}
    if len(things) < 2:
        return None
    named = []
    for ruled, phrase, sentence in _ruled_sentences(pair.passage_text):
        shared = things & {_thing(t) for t in words(sentence)}
        if len(shared) * 3 >= len(things) * 2:
            named.append((ruled, phrase, sentence, shared == things))
    if not named or any(ruled == way for ruled, _, _, _ in named) or any(EXCEPTING.search(sentence) for _, _, sentence, _ in named):
        return None
    return claimed, named[0][1], named[0][3]


def _thing(word: str) -> str:
    """A word's stem, kept apart from its past participle: "parked cars" do not name a park, though "filling" is "fill"."""
    return stem(word) + ("/ed" if word.endswith("ed") else "")


def _deontic(text: str) -> list[tuple[str, str]]:
    """Each phrase of a text that lets or forbids, as ("let" or "forbid", the phrase): "must not" → ("forbid", "must not")."""
    return [("forbid" if m.group("forbid") else "let", m.group(0)) for m in DEONTIC.finditer(text)]


def _ruled_sentences(text: str) -> list[tuple[str, str, str]]:
    """(way, phrase, its sentence) for each phrase of a text that lets or forbids; a sentence ending in a colon runs on
    through the list it opens."""
    found: list[tuple[str, str, str]] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text):
        found.extend((way, phrase, sentence) for way, phrase in _deontic(sentence))
    return found
