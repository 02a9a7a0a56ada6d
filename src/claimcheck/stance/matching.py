"""Word matching the stance rules share: paraphrases, antonyms, coverage, negation scope and word context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..analysis import CALENDAR_NAMES, Analysis, analyse
from ..calibration import DEFAULT
from ..figures import NUMBER_WORDS, count_value, quantities
from ..index.lexical import paraphrase_stems
from ..lexicon import (
    AFFIRMATIONS,
    ANTONYM_PAIRS,
    IRREGULAR_VERBS,
    NEGATING_VERBS,
    NEGATION_CUES,
    NEGATION_SKIP,
    OPPOSED_PAIRS,
    PRIVATIVE_VERBS,
    QUALIFIERS,
    STOP_WORDS,
    TIME_BOUNDS,
    YES_NO_OPENERS,
)
from ..names import name_present
from ..text import stem, words


def _pair_table(pairs: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    """Each stem of a list of word pairs → the stems it is paired with, both ways."""
    table: dict[str, set[str]] = {}
    for a, b in pairs:
        table.setdefault(stem(a), set()).add(stem(b))
        table.setdefault(stem(b), set()).add(stem(a))
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def antonyms() -> dict[str, frozenset[str]]:
    """Each stem → the stems of its antonyms."""
    return _pair_table(ANTONYM_PAIRS)


@lru_cache(maxsize=1)
def opposed_states() -> dict[str, frozenset[str]]:
    """Each stem → the stems of its opposed states and actions only (keep/delete, enable/disable, ...)."""
    return _pair_table(OPPOSED_PAIRS)


@lru_cache(maxsize=1)
def opposites() -> dict[str, frozenset[str]]:
    """Each stem → the stems of its antonyms and opposed states (keep/delete, enable/disable, ...)."""
    either, states = antonyms(), opposed_states()
    return {k: either.get(k, frozenset()) | states.get(k, frozenset()) for k in either.keys() | states.keys()}


@lru_cache(maxsize=1)
def qualifier_stems() -> frozenset[str]:
    """Stems of the qualifiers ("directly", "only") a claim may not drop or add."""
    return frozenset(stem(w) for w in QUALIFIERS)


def _compound_head(word_stem: str, content: frozenset[str]) -> bool:
    """Whether a closed compound's head stands in the other text: "shipyard" and "boatyard" are yards, "farmhouse" a
    house (head of four letters or more, after a part of three or more)."""
    return any(word_stem[cut:] in content for cut in range(3, len(word_stem) - 3))


def matches(word_stem: str, other: Analysis, opposites: bool = False) -> bool:
    """Whether a claim stem is present in the other text: directly, as an acronym, as a paraphrase,
    or (with `opposites`) as its antonym, which speaks about the same thing."""
    if word_stem in other.content or word_stem in other.acronyms:
        return True
    if _compound_head(word_stem, other.content):
        return True
    group = paraphrase_stems().get(word_stem)
    if group and group & other.content:
        return True
    return opposites and bool(antonyms().get(word_stem, frozenset()) & other.content)


def coverage(
    claim: Analysis,
    passage: Analysis,
    idf: dict[str, float] | None = None,
    default_idf: float = DEFAULT.default_idf,
    missing: list[str] | None = None,
    *,
    names_count: bool = True,
    opposites: bool = False,
    ignore: list[str] | None = None,
) -> float:
    """IDF-weighted share of the claim's content words the passage also has (names it or its lead-in mentions count).

    With `names_count=False` only the words outside names count: how much of what the claim says
    *about* its names the passage says too.
    """
    content = claim.content if names_count else claim.content - claim.entity_stems
    if ignore:
        content = content - {s for name in ignore for s in _word_stems(name)}
    if not content:
        return 1.0 if not names_count and claim.content else 0.0

    def weight(word_stem: str) -> float:
        return idf.get(word_stem, default_idf) if idf else 1.0

    if missing is None:
        named = {s for name in claim.entities if name_present(name, passage) for s in _word_stems(name)}
    else:
        named = {s for name in claim.entities if name not in missing for s in _word_stems(name)}
    total = sum(weight(s) for s in content)
    found = sum(weight(s) for s in content if s in named or matches(s, passage, opposites))
    return found / total if total else 0.0


@lru_cache(maxsize=16384)
def _word_stems(name: str) -> frozenset[str]:
    """The stems of every word of a name (bounded cache: a claim's names are looked up against each of its passages)."""
    return frozenset(stem(w) for w in words(name))


# Words after "not" that leave what follows asserted or merely timed: "not only", "not just", "not until".
_NOT_DENYING = frozenset("only just merely simply solely until unless before after least".split())


def first_negated(phrase: str) -> str | None:
    """The first content word's stem after the negation cue of a negated phrase."""
    return next(iter(negated_words(phrase)), None)


def negated_words(phrase: str) -> list[str]:
    """The content words' stems after the negation cue of a negated phrase; none after "not only", "not just", "not until"
    (the words after them are asserted, or merely timed, not denied)."""
    tokens = words(phrase)
    cue = next((n for n, t in enumerate(tokens) if t in NEGATION_CUES or t.endswith("n't")), None)
    if cue is None or (cue + 1 < len(tokens) and tokens[cue + 1] in _NOT_DENYING):
        return []
    return [stem(t) for t in tokens[cue + 1 :] if t not in STOP_WORDS and t not in NEGATION_SKIP and t not in NEGATION_CUES]


def point_in_time(analysis: Analysis, index: int) -> bool:
    """Whether the word at `index` names a point of a stretch of time ("the end of 2027", "the start of the season")."""
    following = [t for t in analysis.tokens[index + 1 : index + 4] if t not in _TIME_DETERMINERS]
    if len(following) < 2 or following[0] != "of":
        return False
    what = following[1]
    return what[0].isdigit() or what in TIME_BOUNDS or what.capitalize() in CALENDAR_NAMES


_TIME_DETERMINERS = frozenset("the this that next last its their".split())


def removed(analysis: Analysis, index: int) -> bool:
    """Whether a verb of removal governs the token at `index` ("dropped HTTP/2 support"): it says what a negation of it says."""
    return not PRIVATIVE_VERBS.isdisjoint(analysis.tokens[max(0, index - 3) : index])


# Words after a verb that say it was done to nothing: "linked none of the papers", "sold nothing".
NOTHING = frozenset("none nothing nobody".split())


def negated_near(analysis: Analysis, index: int) -> bool:
    """Whether a negation cue governs the token at `index` (within the eight tokens before it, or "none" right after it)."""
    window = analysis.tokens[max(0, index - 8) : index]
    if index + 1 < len(analysis.tokens) and analysis.tokens[index + 1] in NOTHING:
        return True
    # Or a negation the analysis reads in its own way ("decided against referring").
    return any(t in NEGATION_CUES or t.endswith("n't") or t in NEGATING_VERBS for t in window) or analysis.stems[index] in analysis.negated


def leaves_amount(analysis: Analysis, index: int) -> bool:
    """Whether the word at `index` is "leave" before an amount ("leaving 46.5 posts", "leaves 13,000 seats"): what remains,
    as "the remaining 46.5 posts" says, not a departure."""
    following = analysis.tokens[index + 1 : index + 3]
    return analysis.stems[index] == "leav" and any(t[0].isdigit() or t in NUMBER_WORDS for t in following if t)


def count_after(analysis: Analysis, index: int) -> float | None:
    """The count right after the word at `index` ("won 20 games", "scored only ten goals"), if one follows within three words."""
    for token in analysis.tokens[index + 1 : index + 4]:
        if token[:1].isdigit() or token in NUMBER_WORDS:
            found = quantities(token)
            return found[0].low if found and found[0].kind == "count" else None
    return None


def _nearest_count(analysis: Analysis, index: int, reach: int = 15) -> int | None:
    """Where the count nearest before the token at `index` stands, within `reach` tokens: how many the word is said of ("33
    had eaten")."""
    return next((at for at in range(index - 1, max(-1, index - reach - 1), -1) if count_value(analysis.tokens[at]) is not None), None)


def other_groups(negating: Analysis, negated_at: int, plain: Analysis, plain_at: int) -> bool:
    """Whether a denial and a plain statement are each said of a group of another size ("33 had eaten" / "the other three had
    not eaten", "36 were confirmed by laboratory tests" / "51 were probable, with no laboratory test")."""
    mine, theirs = _nearest_count(negating, negated_at), _nearest_count(plain, plain_at)
    return mine is not None and theirs is not None and count_value(negating.tokens[mine]) != count_value(plain.tokens[theirs])


def other_counted_groups(claim: Analysis, claim_at: int, passage: Analysis, passage_at: int) -> bool:
    """Whether two opposite words are each said of its own number of the same things ("1,236 candidates ... would have dropped
    a grade" / "the 3,947 candidates whose grade rose"): the nearest counts before them differ and count the same noun."""

    def counted(analysis: Analysis, index: int) -> tuple[float | None, str] | None:
        at = _nearest_count(analysis, index)
        if at is None or at + 1 >= index or count_value(analysis.tokens[at + 1]) is not None:
            return None
        return count_value(analysis.tokens[at]), analysis.stems[at + 1]

    mine, theirs = counted(claim, claim_at), counted(passage, passage_at)
    return mine is not None and theirs is not None and mine[0] != theirs[0] and mine[1] == theirs[1]


def asked(analysis: Analysis, index: int) -> bool:
    """Whether the token at `index` stands in a "whether" clause (within the ten tokens after it): asked, not asserted."""
    return "whether" in analysis.tokens[max(0, index - 10) : index]


@lru_cache(maxsize=1)
def verb_form_stems() -> dict[str, frozenset[str]]:
    """Each stem of an irregular verb's forms → the stems of all its forms ("bound" ↔ "bind", "held" ↔ "hold")."""
    table: dict[str, frozenset[str]] = {}
    for verb, forms in IRREGULAR_VERBS.items():
        stems = frozenset(stem(form) for form in (verb, *forms))
        for form_stem in stems:
            table[form_stem] = table.get(form_stem, frozenset()) | stems
    return table


def position(analysis: Analysis, word_stem: str) -> int:
    """Where a stem, or failing that another form of its verb ("bound" for "binding") or a paraphrase of it ("answered" for
    "respond"), stands; -1 if nowhere."""
    if word_stem in analysis.stems:
        return analysis.stems.index(word_stem)
    for alternative in sorted(verb_form_stems().get(word_stem, frozenset()) | paraphrase_stems().get(word_stem, frozenset())):
        if alternative in analysis.stems:
            return analysis.stems.index(alternative)
    return -1


def context_stems(analysis: Analysis, index: int, reach: int = 3) -> set[str]:
    """Content stems within `reach` tokens of a token: what the word is said about."""
    around = list(range(max(0, index - reach), index)) + list(range(index + 1, min(len(analysis.tokens), index + reach + 1)))
    return {analysis.stems[i] for i in around if analysis.tokens[i] not in STOP_WORDS and not analysis.tokens[i][0].isdigit()}


def same_standard(a: Analysis, a_index: int, b: Analysis, b_index: int) -> bool:
    """Whether two comparatives are measured against the same thing: "later than in 2023" and "four days earlier than in 2023"."""

    def standard(analysis: Analysis, index: int) -> set[str]:
        following = analysis.tokens[index + 1 : index + 5]
        if not following or following[0] != "than":
            return set()
        return {analysis.stems[index + 1 + n] for n, t in enumerate(following[1:], start=1) if t not in STOP_WORDS}

    return bool(standard(a, a_index) & standard(b, b_index))


def same_subject(a: Analysis, a_index: int, b: Analysis, b_index: int) -> bool:
    """Whether two words stand among the same words (so they speak of the same thing)."""
    a_near, b_near = context_stems(a, a_index), context_stems(b, b_index)
    if a_near & b_near or same_standard(a, a_index, b, b_index):
        return True
    groups = paraphrase_stems()
    return any(groups.get(s, frozenset()) & b_near for s in a_near)


# A passage that opens on a question (an FAQ heading and the first sentence of its answer): the question, then the answer.
# Full stops inside the question ("Is v2.0 faster?") do not end it; markup around a heading or bold question, and the
# "Q:" and "A:" of a question-and-answer list, are not part of either.
_OPENING_QUESTION = re.compile(
    r"^[\s#*_>]*(?:Q(?:uestion)?\s*[:.)][\s*_]*)?(?P<question>(?:[^.!?\n]|[.!](?!\s))+\?)[\s*_]*(?:A(?:nswer)?\s*[:.)][\s*_]*)?(?P<answer>.*)$", re.DOTALL
)


def question_and_answer(text: str) -> tuple[str, str] | None:
    """(the question, the answer) of a passage that opens on a question; the answer is empty when it asks only."""
    found = _OPENING_QUESTION.match(text)
    return (found.group("question").strip(), found.group("answer").strip()) if found else None


# An answer that opens on a denial: "No.", "No, …", "Not by default.", "Not yet."
DENIAL = re.compile(r"^\s*(?:no\b[.,;:!]|not(?:\s+\w+){0,3}\s*[.;!])", re.IGNORECASE)
# What makes a denial partial: "not retried unless asked", "not charged except on Sundays", "not open until May".
EXCEPTION = re.compile(r"\b(?:unless|except|until|only|if|but)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Answered:
    """A passage that asks whether something is so, and its answer: "yes" (True), "no" (False) or neither (None)."""

    question: str
    reply: str  # the answer's opening sentence
    says: bool | None


def answered_yes_no(text: str) -> Answered | None:
    """The yes-or-no question a passage opens on, with its answer; None when it opens on no such question or has no answer.

    A denial with an exception ("No, unless you pass -r") answers neither way."""
    found = question_and_answer(text)
    if found is None or not found[1] or not set(words(found[0].lower())[:1]) & YES_NO_OPENERS:
        return None
    question, answer = found
    reply = re.split(r"(?<=[.!;])\s", answer.split("\n")[0], maxsplit=1)[0].strip()
    opening = words(reply.lower())[:2]
    # "Certainly not." denies as "No." does.
    denies = bool(DENIAL.match(answer)) or (opening[:1] != ["yes"] and opening[1:] == ["not"])
    if denies and not EXCEPTION.search(reply):
        return Answered(question, reply, False)
    if set(opening[:1]) & AFFIRMATIONS and not denies:
        return Answered(question, reply, True)
    return Answered(question, reply, None)


def asked_stems(question: str, topic: frozenset[str]) -> frozenset[str]:
    """The content stems of what a question asks, what it is about (`topic`) aside."""
    return analyse(question).content - topic


# Words that set aside what follows them as not so: "funded by a levy rather than by taxpayers", "by rail instead of road".
_SET_ASIDE = re.compile(r"\b(?:rather\s+than|instead\s+of|in\s+place\s+of|as\s+opposed\s+to)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)


def denies_asked(claim: Analysis, question: str) -> bool:
    """Whether the claim denies, drops or sets aside a word of what the question asks ("not open", "dropped support",
    "rather than by taxpayers"), or says its opposite ("will remain open" for "Will it be closed?")."""
    for word_stem in analyse(question).content:
        at = position(claim, word_stem)
        if at >= 0 and (negated_near(claim, at) or removed(claim, at) or _SET_ASIDE.search(" ".join(claim.tokens[:at]) + " ")):
            return True
        # Or says its opposite: "Will the crossing be closed?" / "it will remain open".
        if at < 0 and any(opposite in claim.stems and not negated_near(claim, claim.stems.index(opposite)) for opposite in antonyms().get(word_stem, ())):
            return True
    return False
