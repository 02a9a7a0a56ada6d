"""Figure and date comparisons of a claim with a passage: the first claim figure or date the passage gives otherwise."""

from __future__ import annotations

import itertools
import math
import re
from typing import NamedTuple

from ..analysis import CALENDAR_NAMES, Analysis, analyse
from ..figures import NUMBER_WORDS, DateMention, Quantity, derived_figures, unit_scale
from ..index.lexical import paraphrase_stems
from ..lexicon import (
    APPROXIMATORS,
    CHANGE_PARTICLE_AFTER,
    CHANGE_VERBS,
    CHANGE_WORDS,
    FALLING_WORDS,
    PAST_FORMS,
    REPEATING,
    RISING_WORDS,
    SPAN_FRAMES,
    STOP_WORDS,
    UNITS,
)
from ..text import stem, words
from .matching import matches, opposites


def describe(q: Quantity) -> str:
    """A figure as written, with its rate when the rate was written elsewhere in the sentence."""
    if not q.rate_text:
        return q.text
    return f"{q.text} {q.rate_text}" if q.rate_text.split()[-1] not in ("annual", "yearly", "monthly", "weekly", "daily") else f"{q.text} ({q.rate_text})"


def same_noun(a: Quantity, b: Quantity) -> bool:
    """Whether two figures count the same noun, or nouns the lexicon gives as paraphrases ("290,000 trips", "290,000 journeys")."""
    if not (a.noun and b.noun):
        return False
    first, second = stem(a.noun), stem(b.noun)
    return first == second or second in paraphrase_stems().get(first, frozenset()) or unit_scale(a.noun, b.noun) is not None


def figure_alike(given: Quantity, figure: Quantity) -> bool:
    """Whether a passage's figure may be the claim's: of its kind, of an amount it may be, counting the same thing if both say."""
    return given.kind == figure.kind and given.overlaps(figure) and (same_noun(given, figure) or not (given.noun and figure.noun))


def _counted_phrase(analysis: Analysis, q: Quantity) -> set[str]:
    """Stems of the words naming what a count counts, up to its noun and past an "of" after it: "46.5 FTE reductions" and
    "46.5 FTE of reductions" both count FTE reductions, "three of them children" children."""
    after = words(analysis.text[q.end : q.end + 60].lower())
    # "three of them children": what the part is, after the pronoun of its whole.
    if len(after) > 2 and after[0] == "of" and after[1] in ("them", "whom", "these", "those") and after[2] not in STOP_WORDS:
        return {stem(after[2])}
    if not q.noun or q.noun.lower() not in after[:4]:
        return set()
    at = after.index(q.noun.lower())
    named = after[: at + 1] + (after[at + 2 : at + 3] if after[at + 1 : at + 2] == ["of"] else [])
    return {stem(w) for w in named if w not in STOP_WORDS}


def counted_alike(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether two figures count the same thing: the same noun, or one's noun named in the other's phrase ("46.5 FTE of
    reductions" and "the remaining 46.5 FTE reductions")."""
    if same_noun(figure, given):
        return True
    if not (figure.noun and given.noun):
        return False
    return stem(figure.noun) in _counted_phrase(passage, given) or stem(given.noun) in _counted_phrase(claim, figure)


# Where a figure's own clause begins or ends, in a sentence of coordinated clauses.
_CLAUSE_BREAK = re.compile(r"[,;:.!?]|\b(?:and|but|while|whereas)\b", re.IGNORECASE)


def _gapped(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity, counted: list[Quantity]) -> bool:
    """Whether a count with no noun of its own counts, by ellipsis, what an earlier count of its sentence counts, and its own
    clause says something the claim says: "employed about 90 men, and at its peak about 140" gives "at its peak it employed
    about 140 men" (but "opened nine stores in Ohio and three in Texas" gives no three stores in Ohio)."""
    if given.noun or not figure.noun or given.kind != "count":
        return False
    earlier = [q for q in counted if q.end <= given.start and not re.search(r"[.!?](?:\s|$)", passage.text[q.end : given.start])]
    if not earlier:
        return False
    if opposite_acts(claim, figure, passage, given):
        return False
    return bool(_own_clause(passage, given, earlier[-1].end) & _own_clause(claim, figure, 0))


def _own_clause(analysis: Analysis, figure: Quantity, start: int) -> set[str]:
    """Stems of the content words of a figure's own clause, from `start` at the earliest."""
    before = _CLAUSE_BREAK.split(analysis.text[max(start, figure.start - 80) : figure.start])[-1]
    after = _CLAUSE_BREAK.split(analysis.text[figure.end : figure.end + 80])[0]
    return {stem(w) for w in words(f"{before} {after}") if w.lower() not in STOP_WORDS and not w[0].isdigit()}


def other_unit(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are in different units of measure ("12 km" and "12 miles")."""
    units = UNITS.get((a.noun or "").lower()), UNITS.get((b.noun or "").lower())
    return None not in units and units[0] != units[1] and unit_scale(a.noun, b.noun) is None


def words_before(analysis: Analysis, figure: Quantity) -> set[str]:
    """Stems of the content words just before a figure, back to the figure before it: what the figure is a figure of."""
    before = re.split(r"\d[\d,.]*", analysis.text[max(0, figure.start - 40) : figure.start])[-1]
    # "deliberated for a little under 11 hours": words saying how near the figure is say nothing of what it measures.
    return {stem(w) for w in [w for w in words(before) if w.lower() not in APPROXIMATORS][-3:] if w not in STOP_WORDS}


# A vote's tally: "by eight votes to one", "carried by 7 votes to 2", "a 5-4 vote".
_TALLY = re.compile(
    r"\b[\w,]+\s+votes?\s+to\s+[\w,]+\b|\b\d+\s?[–-]\s?\d+\s+(?:vote|majority|decision)\b|(?<=\bvoted\s)(?:by\s+)?[\w,]+\s+to\s+[\w,]+\b", re.IGNORECASE
)


def in_tally(text: str, at: int, *, only: bool = False) -> bool:
    """Whether offset `at` (a figure's start) is in a vote's tally (`only`: the text's only tally, so that of its only vote):
    two tallies of the votes on one question are one quantity."""
    found = list(_TALLY.finditer(text))
    return (not only or len(found) == 1) and any(m.start() <= at < m.end() for m in found)


def governed_alike(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether the word right before two figures of one kind, past words saying how near they are, is the same word or
    a paraphrase: what both are figures of ("expected to save $5.1 million" / "to save $4.4 million", "slipped 25 millimetres"
    / "slipped 41 mm")."""
    # A bare number after a word may be a label ("brine 3.1", "Route 9"), which says which thing, not how much of it.
    if figure.kind != given.kind or figure.kind == "identifier" or (figure.kind == "count" and not figure.noun) or other_unit(given, figure):
        return False
    mine, theirs = _last_word_before(claim, figure), _last_word_before(passage, given)
    if mine is None or theirs is None or mine in claim.entity_stems or mine in _CHANGES:
        return False
    return mine == theirs or theirs in paraphrase_stems().get(mine, frozenset())


# Verbs of change say how a figure moved, not what it is a figure of: "churn fell to 5.1%" and "sales fell 3%".
_CHANGES = frozenset(stem(w) for w in CHANGE_VERBS)


def _last_word_before(analysis: Analysis, figure: Quantity) -> str | None:
    """The stem of the word right before a figure in its sentence, past approximators ("a little under") and function words
    ("for", "to")."""
    before = re.split(r"\d[\d,.]*|[.!?:;\n]", analysis.text[max(0, figure.start - 40) : figure.start])[-1]
    kept = [w for w in words(before) if w.lower() not in APPROXIMATORS and w.lower() not in STOP_WORDS]
    return stem(kept[-1]) if kept else None


def measured_alike(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether two figures come after the same words naming a measure, two or more of them ("net revenue retention was")."""
    if figure.kind == "identifier":  # a label ("count 4") names one thing; "counts 1, 2 and 5" name others
        return False
    named = words_before(claim, figure)
    return len(named) >= 2 and named <= words_before(passage, given) and not (figure.noun and given.noun) and not other_unit(given, figure)


def _done_after(analysis: Analysis, figure: Quantity) -> str | None:
    """The stem of the first content word in a figure's clause after it, within six words: what was done with an amount
    ("£1.35m already paid out" → "paid")."""
    # The base of a rate ("3.9 cents per $100 of assessed value") and an amount of something ("$100 of assessed value")
    # are no amounts of an act.
    if re.search(r"\b(?:per|every|each)\s*$", analysis.text[max(0, figure.start - 12) : figure.start], re.IGNORECASE):
        return None
    after = re.split(r"[,;:.!?()]", analysis.text[figure.end : figure.end + 60])[0]
    found = words(after)[:6]
    if len(found) >= 2 and found[0].lower() == "of" and found[1].lower() not in STOP_WORDS:
        return None
    kept = [w.lower() for w in found if w.lower() not in STOP_WORDS | APPROXIMATORS | _ADVERBS and not w.lower().endswith("ly") and not w[0].isdigit()]
    # Only an act's participle ("paid", "spent", "raised"): a noun after the amount ("the £2.4m grant") says what it is.
    return stem(kept[0]) if kept and (kept[0].endswith("ed") or kept[0] in PAST_FORMS) else None


_ADVERBS = frozenset("already still yet also just since now once then".split())


def _done_alike(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether two amounts with no noun are followed by the same act: "£1.05m of it had already been paid out" and "some of
    the £1.35m already paid out" are both the amount paid."""
    if figure.kind != given.kind or figure.kind not in ("money", "count") or figure.noun or given.noun or other_unit(given, figure):
        return False
    mine = _done_after(claim, figure)
    return mine is not None and mine not in claim.entity_stems and mine == _done_after(passage, given)


def _same_span(claim: Analysis, figure: Quantity, passage: Analysis, span: Quantity) -> bool:
    """Whether two spans of time are spans of the same thing: the same word right before them ("a store for ten years" /
    "has been a store for thirty years"), not only a frame ("the past 30 years"). The end of a change is a span of what the
    change is of: "the sentence was reduced from seven years to five" and "is reduced to six years"."""

    def before(analysis: Analysis, q: Quantity) -> set[str]:
        return words_before(analysis, q).union(*(words_before(analysis, start) for start, end in changes(analysis) if end is q))

    shared = before(claim, figure) & before(passage, span)
    return bool(shared - {stem(w) for w in SPAN_FRAMES})


# "two of them", "three of the seven papers", "six of its stores": a count of some of the things counted.
_PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:them|these|those|which|whom|the|its|their|his|her|our|your|all)\b", re.IGNORECASE)


def partitive(analysis: Analysis, figure: Quantity) -> bool:
    """Whether a count is of some of the things it counts ("two of them", "six of the new stores"), not of them all."""
    return figure.kind == "count" and _PART_OF.match(analysis.text, figure.end) is not None


def given_by_part(claim: Analysis, figure: Quantity, given: Quantity) -> bool:
    """Whether a passage figure is that of a part the claim counts after its whole ("19 reports, seven of them of injuries"
    and "seven injury reports"; "six counts, four of fraud" and "four counts of fraud"), not the whole's counterpart."""
    return any(
        part.start > figure.end and part.kind == given.kind and part.overlaps(given) and re.match(r"\s+(?:out\s+)?of\b", claim.text[part.end :])
        for part in claim.figures
    )


# "£3,500 per MW", "$40 a head", "12 each": an amount for each one of something, not a total.
_PER_UNIT = re.compile(
    r"\s+(?:(?:[a-z\-]+\s+){0,2}?(?:per|for\s+(?:each|every))\s+(?!cent\b|(?:day|week|month|year|annum|quarter|hour)s?\b)([\w\-]+)|apiece\b|each\b|a\s+head\b)",
    re.IGNORECASE,
)


def per_unit(analysis: Analysis, figure: Quantity) -> str | None:
    """What a figure is an amount for each of ("£3,500 per MW" → "mw"; "" for "each", "apiece"); None for a total."""
    found = _PER_UNIT.match(analysis.text, figure.end)
    return None if found is None else stem(found.group(1)) if found.group(1) else ""


def _each_against_all(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether one figure is an amount for each of something and the other a total: "£3,500 per MW" against "£10m" (but
    "$1 per test" is what "the test costs $1" says)."""
    mine, theirs = per_unit(claim, figure), per_unit(passage, given)
    if mine == theirs:
        return False
    return not (theirs and theirs in claim.content) and not (mine and mine in passage.content)


def opposite_acts(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether the words right before two figures are opposite acts ("won" / "lost"), other than changes ("rose" / "fell"):
    each is a figure of its own act."""
    mine = {w for w in (_last_word_before(claim, figure), _word_after(claim, figure)) if w and w not in _CHANGES}
    theirs = {w for w in (_last_word_before(passage, given), _word_after(passage, given)) if w}
    return any(not theirs.isdisjoint(opposites().get(word, frozenset())) for word in mine)


def _change_size(claim: Analysis, figure: Quantity, given: Quantity) -> bool:
    """Whether a source figure is the size of the change the claim's `figure` is an end of: "cut from 16 turbines to 14"
    against "two turbines were removed"."""
    return any(figure in (start, end) and given.kind == figure.kind and given.exact and given.low == abs(start.low - end.low) for start, end in changes(claim))


def _other_acts(claim: Analysis, figure: Quantity, passage: Analysis, given: Quantity) -> bool:
    """Whether two counts of the same thing are counts of different acts done by or to it, each a verb right after the counted
    noun: "87 people fell ill" and "14 people were admitted to hospital" are two facts, not two counts of one."""
    mine, theirs = _act_after(claim, figure), _act_after(passage, given)
    if mine is None or theirs is None or mine == theirs:
        return False
    return theirs not in paraphrase_stems().get(mine, frozenset()) and theirs not in opposites().get(mine, frozenset())


def _act_after(analysis: Analysis, figure: Quantity) -> str | None:
    """The stem of a past verb right after a figure's counted noun, past auxiliaries and adverbs ("people were admitted" →
    "admit")."""
    if not figure.noun:
        return None
    after = words(re.split(r"[,;:.!?()]", analysis.text[figure.end : figure.end + 60])[0])
    if len(after) < 2 or after[0].lower() != figure.noun.lower():
        return None
    for word in after[1:5]:
        lowered = word.lower()
        if lowered in _AUXILIARIES or lowered in _ADVERBS or (lowered.endswith("ly") and len(lowered) > 4):
            continue
        return stem(lowered) if lowered.endswith("ed") or lowered in PAST_FORMS else None
    return None


_AUXILIARIES = frozenset("was were had have has been be being is are got".split())


def _word_after(analysis: Analysis, figure: Quantity) -> str | None:
    """The stem of a word between a figure and its counted noun, as an act's participle ("the three closed stores")."""
    after = words(analysis.text[figure.end : figure.end + 30])
    if len(after) < 2 or not figure.noun or after[1].lower() != figure.noun.lower() or after[0].lower() in STOP_WORDS:
        return None
    return stem(after[0])


def _pins(source: Quantity, figure: Quantity) -> bool:
    """Whether a compatible source figure gives the claim's figure: an open-ended one ("more than two") gives only an open-ended claim.
    A time limit gives its edge: "within ninety days" is the "90 days" someone was given."""
    if source.kind == "duration" and source.is_limit and figure.exact and math.isclose(source.high, figure.high):
        return True
    return (not math.isinf(source.high) or math.isinf(figure.high)) and (source.low > 0 or figure.low <= 0)


# A correction repeating what was published before: "We also said that ...", "An article on 3 May stated that ...", "A Sept. 19
# article incorrectly said that ...", "An earlier Herald report, published on 25 July, incorrectly said that ...",
# "The report wrongly gave ...", "In our report "Title" (11 May) we said that ...". What follows is the error being corrected, not what the source now says.
RETRACTED = re.compile(
    r"(?:^|(?<=[.!?:]\s))\s*(?:(?:in\s+(?:our|an?|the|this)\s+(?:earlier\s+)?(?:article|report|story|piece|item|post)\b[^.]{0,120}?\s+)?we|"
    r"an?\s+(?:earlier\s+)?(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?),?\s+(?:\d{4},?\s+)?)?(?:[A-Z][\w&'’-]*\s+){0,3}"
    r"(?:article|report|story|version|item|caption|headline|post)\b[^.]{0,80}?|"
    # "Our report "Recount hands the ward to ..." (10 March) said", "The same report described": a quoted headline may name it.
    r"(?:this|the|our)\s+(?:same\s+)?(?:article|report|story|piece|caption|headline|post)\b(?:\s+[\"“][^\"”]{1,120}[\"”])?[^.]{0,40}?|"
    # "Our earlier statement said": a statement of one's own that a later one replaces.
    r"(?:our|the|an?)\s+(?:earlier|previous|first|original|initial)\s+(?:statement|update|announcement|release|notice|letter)\b[^.]{0,40}?)\s+"
    r"(?:also\s+|previously\s+|originally\s+|earlier\s+|wrongly\s+|incorrectly\s+|mistakenly\s+|erroneously\s+)*"
    rf"(?:{REPEATING}|referred)\b",
    re.IGNORECASE,
)
STATEMENT_END = re.compile(r"[.!?](?=\s|$)")


# A claim about what was reported or corrected ("The Courier said ...", "The Gazette corrected its report that ...").
ABOUT_REPORTING = re.compile(
    r"\b(?:correct\w*|error\w*|mistake\w*|wrong\w*|report\w*|said|says|stated|states|wrote|writes|claimed|claims|published|retract\w*|apologi\w*)\b",
    re.IGNORECASE,
)


def retracted_spans(text: str) -> list[tuple[int, int]]:
    """Where a text repeats what was published before, to correct it: from "We also said" to the statement's end or its
    semicolon ("...; the correct figure is 1,140" is the correction, not the error)."""
    spans = []
    for found in RETRACTED.finditer(text):
        ends = STATEMENT_END.search(text, found.end())
        end = ends.end() if ends else len(text)
        semicolon = text.find(";", found.end(), end)
        spans.append((found.start(), semicolon if semicolon >= 0 else end))
    return spans


# "not" right before a figure denies it ("..., not 23% as stated"; "not more than 20" is a bound, read as one by
# `figures`), and so does a replacement ("298 nests rather than 312", "7120 instead of 873").
# "thousands, if not millions" raises the figure; it denies nothing.
_DENIED_FIGURE = re.compile(r"(?:(?<!\bif )\bnot|\binstead\s+of|\brather\s+than|\bin\s+place\s+of)\s+$", re.IGNORECASE)


# A figure asked about, not given: in a "whether" clause ("asked whether the £750 would be paid").
_ASKING = re.compile(r"\bwhether\b", re.IGNORECASE)
_SENTENCE_MARK = re.compile(r"[.!?\n](?!\d)")


def _asked_about(text: str, at: int) -> bool:
    """Whether offset `at` stands after "whether" in its sentence. (A question's own figures are not set aside: an FAQ's
    question names what its answer is about, "Is the 14-17 April strike going ahead?")"""
    opening = max((m.end() for m in _SENTENCE_MARK.finditer(text, 0, at)), default=0)
    return _ASKING.search(text, opening, at) is not None


def _denied_at(analysis: Analysis, start: int) -> bool:
    """Whether the figure or date at offset `start` is denied or replaced ("not 23%", "rather than 1899")."""
    return _DENIED_FIGURE.search(analysis.text[max(0, start - 16) : start]) is not None


_CHANGE_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)


def is_change_start(analysis: Analysis, figure: Quantity) -> bool:
    """Whether a figure is where a change started ("rose from 3,140 to 3,480"): its end, not it, is the current figure."""
    return _CHANGE_FROM.search(analysis.text, 0, figure.start) is not None


def is_change_end(claim: Analysis, figure: Quantity, source: Quantity) -> bool:
    """Whether a source figure is the end of the change the claim's `figure` starts ("rose from 3,140 to 3,480" against
    "averaged 3,480"): it gives another of the claim's figures, not another start."""
    return is_change_start(claim, figure) and any(source.overlaps(other) for other in claim.figures if other is not figure)


# Between the two ends of a change: "from 4 to 2", "from $3m to $5m".
_CHANGE_TO = re.compile(r"^\s*to\s+$", re.IGNORECASE)


def changes(analysis: Analysis) -> list[tuple[Quantity, Quantity]]:
    """Every change a text gives from one figure to another ("rose from 2 to 4", "from seven years to six"), as (start, end)."""

    def between(start: Quantity, end: Quantity) -> str:
        text = analysis.text[start.end : end.start]
        # A span's unit or a count's noun stands outside its figure's text: "seven" of "seven years", "16" of "16 turbines".
        return text.lstrip()[len(start.noun) :] if start.kind in ("duration", "count") and start.noun and text.lstrip().startswith(start.noun) else text

    return [
        (start, end)
        for start, end in itertools.pairwise(analysis.figures)
        if start.kind == end.kind and is_change_start(analysis, start) and _CHANGE_TO.match(between(start, end))
    ]


# Words giving the way a figure changed something, just after it ("15% fewer lapses", "3% more than in 2023") or just
# before it ("rose by 5%", "up 4%", "a fall of 12%"); figures "to" or "from" a level give the level, not the change.
_UP_AFTER = frozenset("more higher greater larger bigger longer up".split())
_DOWN_AFTER = frozenset("fewer less lower smaller shorter down".split())
_CHANGE_NOUNS = {
    "increase": "up",
    "rise": "up",
    "growth": "up",
    "gain": "up",
    "jump": "up",
    "fall": "down",
    "drop": "down",
    "decline": "down",
    "decrease": "down",
    "cut": "down",
    "reduction": "down",
    "loss": "down",
}
_AFTER_FIGURE = re.compile(r"\s*(?:per\s*cent\s+|percent\s+)?([a-z]+)\b")
_BEFORE_FIGURE = re.compile(r"\b([a-z]+)\s+(?:(?:by|of)\s+)?(?:(?:about|some|nearly|almost|around|roughly|just|over|under|a\s+further|another)\s+)?$")
_DIRECTED_KINDS = frozenset("count money percent points".split())


def is_change(analysis: Analysis, figure: Quantity) -> bool:
    """Whether a figure is a change ("rose 6%", "up 3%", "fell by 7%") rather than a level or a share ("accounted for
    27%", "fell to 7%")."""
    text = analysis.text[max(0, figure.start - 30) : figure.start]
    before = words(text)[-3:]
    if before and before[-1] == "by":
        before = before[:-1]
    if not before:
        return False
    if before[-1] in ("up", "down"):
        # "Revenue, up 3%", "was up 3%", "went down 2%"; not "ate up 69% of turnover".
        return len(before) == 1 or before[-2] in CHANGE_PARTICLE_AFTER or re.search(r",\s*(?:up|down)\s*$", text, re.IGNORECASE) is not None
    return before[-1] in CHANGE_WORDS


class Directed(NamedTuple):
    """A figure a text gives as a change, the way it went ("up", "down"), and where the words saying so stand."""

    way: str
    start: int
    end: int
    figure: Quantity


def directed_figures(analysis: Analysis) -> list[Directed]:
    """Every figure a text gives as a change with its direction: ("down", "15% fewer") in "made 15% fewer lapses"."""
    found = []
    text = analysis.text
    for figure in analysis.figures:
        if figure.kind not in _DIRECTED_KINDS:
            continue
        after = _AFTER_FIGURE.match(text, figure.end)
        if after and after.group(1) in _UP_AFTER | _DOWN_AFTER:
            found.append(Directed("up" if after.group(1) in _UP_AFTER else "down", figure.start, after.end(), figure))
            continue
        opening = max(0, figure.start - 40)
        before = _BEFORE_FIGURE.search(text[opening : figure.start])
        if not before:
            continue
        word = before.group(1)
        if " of " in f" {before.group(0)} ":
            way = _CHANGE_NOUNS.get(word)
        elif is_change(analysis, figure):
            way = "up" if word in RISING_WORDS or word == "up" else "down" if word in FALLING_WORDS or word == "down" else None
        else:
            way = None
        if way:
            found.append(Directed(way, opening + before.start(), figure.end, figure))
    return found


def opposite_change(claim: Analysis, passage: Analysis) -> tuple[Directed, Directed] | None:
    """A claim figure of change the passage gives going the other way, and nowhere the claim's way: "rose by 5%" against
    "fell by 5%", "3% less" against "3% more" → (the claim's, the source's)."""
    given = directed_figures(passage)
    for change in directed_figures(claim):
        same = [other for other in given if other.figure.kind == change.figure.kind and other.figure.overlaps(change.figure)]
        if same and all(other.way != change.way for other in same):
            return change, same[0]
    return None


# A figure given with where it came from: "41,000, up from 36,500", "64% of turnover, down from 69%".
_UP_OR_DOWN_FROM = re.compile(r"\b(up|down)\s+from\s+$", re.IGNORECASE)


def directed_changes(analysis: Analysis) -> list[tuple[str, Quantity, Quantity]]:
    """Every change a text gives between two figures, with its direction: ("up", 36,500, 41,000) for "rose from 36,500 to
    41,000" or "41,000, up from 36,500"; a change whose words and figures disagree is left out."""

    def moved(start: Quantity, end: Quantity) -> str:
        return "up" if end.low > start.high else "down" if end.high < start.low else ""

    found = [(moved(start, end), start, end) for start, end in changes(analysis)]
    for end, start in itertools.pairwise(analysis.figures):
        between = analysis.text[end.end : start.start]
        said = _UP_OR_DOWN_FROM.search(between) if len(between) <= 40 and not re.search(r"[.;]", between) else None
        if said and start.kind == end.kind and moved(start, end) == said.group(1).lower():
            found.append((said.group(1).lower(), start, end))
    return [change for change in found if change[0]]


def reversed_change(claim: Analysis, passage: Analysis) -> tuple[tuple[Quantity, Quantity], tuple[Quantity, Quantity]] | None:
    """A change the passage gives the other way round: the claim's "from 4 to 2" against "from 2 to 4"."""
    for start, end in changes(claim):
        if start.overlaps(end):
            continue
        for other_start, other_end in changes(passage):
            if other_start.overlaps(end) and other_end.overlaps(start):
                return (start, end), (other_start, other_end)
    return None


def figure_conflict(claim: Analysis, passage: Analysis) -> tuple[tuple[Quantity, Quantity] | None, bool]:
    """A claim figure that no compatible passage figure allows → ((claim figure, source figure), every claim figure matched)."""
    all_matched = True
    # "19% more often, not 23% as stated": a figure the passage denies is not one it gives.
    # Nor is a figure a correction notice repeats as its error ("We also said that 1,400 savers were affected").
    # A claim about what was reported ("The Courier said ...") is borne out by the repeated statement itself.
    retracted = retracted_spans(passage.text) if passage.figures and not ABOUT_REPORTING.search(claim.text) else []
    given = [q for q in passage.figures if not _denied_at(passage, q.start) and not any(start <= q.start < end for start, end in retracted)]
    # Nor is a figure the passage only asks about ("Asked whether the £750 would be paid to part-time staff"), unless the
    # claim tells of the asking.
    if not _ASKING.search(claim.text):
        given = [q for q in given if not _asked_about(passage.text, q.start)]

    def derived() -> list[Quantity]:
        return derived_figures(passage.text, given, passage.dates, claim.dates)

    for figure in claim.figures:
        # The claim's own denied figure ("£4 million rather than £3 million", "1901, not 1899") is not one it asserts: its
        # other figure is set against the passage's.
        if _denied_at(claim, figure.start):
            continue
        same_kind = [q for q in given if q.kind == figure.kind]
        # A figure counting something else ("320 beds" for "320 staff") does not match when the passage counts that too.
        counted = [q for q in same_kind if counted_alike(claim, figure, passage, q)]
        counted += [q for q in same_kind if _gapped(claim, figure, passage, q, counted)]
        pool = counted or [q for q in same_kind if not (figure.noun and q.noun)] or [q for q in same_kind if not other_unit(q, figure)]
        compatible = [q for q in pool if q.overlaps(figure)]
        # A vote's tally is counted in votes however it is written: "by 31 votes to 12" is "voted 31 to 12", and is set
        # against the passage's tally, not another count of votes ("won the seat by 43 votes").
        tallied = [q for q in same_kind if in_tally(passage.text, q.start)] if not compatible and in_tally(claim.text, figure.start) else []
        if tallied:
            compatible = [q for q in tallied if q.overlaps(figure)]
            if not compatible and all(partitive(passage, q) == partitive(claim, figure) for q in tallied):
                return (figure, min(tallied, key=lambda q: abs(q.low - figure.low))), False
        if compatible:
            # "$600,000" does not establish "$600,000 a month"; "more than two" allows "52" but does not give it.
            if (figure.rate and not any(q.rate for q in compatible)) or not any(_pins(q, figure) for q in compatible):
                all_matched = False
            continue
        # A share or a distance in time the passage gives by its own counts and dates ("three of its six goals" for "half of its
        # goals"): it bears the claim's figure out, but is never set against it: what the arithmetic counts is less sure.
        if any(figure_alike(d, figure) and _pins(d, figure) for d in derived()):
            continue
        all_matched = False
        if figure.ratio:
            continue  # "one in five" against 23%: the claim talks loosely, it does not disagree
        # A time the passage gives only as a bound ("left shortly after 8pm") times an act without pinning it: it bears a
        # claim's time out when it allows it, and is set against none.
        same_kind = [q for q in same_kind if q.kind != "clock" or q.exact]
        if figure.kind == "duration":
            # "the past 30 years" against "the past 50 years" often frames different facts; a span of the same thing does not.
            spans = [q for q in same_kind if same_noun(q, figure) and _same_span(claim, figure, passage, q)]
            # The start of the claim's own change ("from seven years to five") is not the end's counterpart.
            starts = [start for start, end in changes(claim) if end is figure]
            spans = [q for q in spans if not any(q.overlaps(start) for start in starts)]
            # A span the passage replaces ("30 days instead of 14 days") may be an older setting, true in its time.
            replaced = any(q.kind == figure.kind and q.overlaps(figure) for q in passage.figures)
            if len(spans) == 1 and not replaced:
                return (figure, spans[0]), False
            continue
        same_value_other_rate = [q for q in same_kind if q.rate and figure.rate and q.rate != figure.rate and q.low <= figure.high and figure.low <= q.high]
        if same_value_other_rate:
            return (figure, same_value_other_rate[0]), False
        # A count of some of the things is not set against a count of them all: "two of them" is not "fourteen people".
        counterparts = [q for q in counted if partitive(passage, q) == partitive(claim, figure)]
        # With no counted noun to pair them by, a lone figure of the same kind is the counterpart; for plain
        # counts only when neither side names what it counts.
        if not counterparts and len(same_kind) == 1 and (figure.kind != "count" or (not same_kind[0].noun and not figure.noun)):
            counterparts = [q for q in same_kind if partitive(passage, q) == partitive(claim, figure)]
        # Among several, the figure of the claim's named measure ("net revenue retention was 112%" for "... was 93%"), not
        # another figure of the sentence ("revenue rose 21%").
        if not counterparts:
            counterparts = [q for q in same_kind if measured_alike(claim, figure, passage, q) or _done_alike(claim, figure, passage, q)]
        # Nor an amount of each ("£3,500 per MW") against an amount in all, nor a figure of the opposite act ("won 20
        # games" / "lost 12 games", "opened nine stores" / "closed three stores").
        counterparts = [
            q
            for q in counterparts
            if not q.ratio
            and not is_change_end(claim, figure, q)
            and not _each_against_all(claim, figure, passage, q)
            and not opposite_acts(claim, figure, passage, q)
            and not _other_acts(claim, figure, passage, q)
            and not _change_size(claim, figure, q)
            and not given_by_part(claim, figure, q)
        ]
        if any(q.overlaps(figure) for q in counterparts):
            continue  # the figure's counterpart gives it, though it counts nothing the claim names
        if counterparts:
            nearest = min(counterparts, key=lambda q: abs(math.log10(max(q.low, 1e-9) + 1) - math.log10(max(figure.low, 1e-9) + 1)))
            return (figure, nearest), False
    return None, all_matched


def _named_with(claim: Analysis, passage: Analysis, same: list[DateMention], others: list[DateMention]) -> bool:
    """A claim name stands in the row of the passage's copy of the claim's date and in none of the other dates' rows."""
    rows = [row_of(passage.text, d.start) for d in same]
    other_rows = [row_of(passage.text, d.start) for d in others]
    names = [n for n in claim.entities if n not in claim.uncertain]
    return any(n in row for n in names for row in rows) and not any(n in row for n in names for row in other_rows)


# Where a sentence or a line ends; in analysed text a table's rows run on one line, "| a | b | | c | d |".
_ROW_END = re.compile(r"[.;!?](?:\s|$)|\n|\|\s+(?=\|)")


def row_of(text: str, at: int) -> str:
    """The sentence, line or table row around offset `at`."""
    start = max((m.end() for m in _ROW_END.finditer(text, 0, at)), default=0)
    after = _ROW_END.search(text, at)
    return text[start : after.start() if after else len(text)]


def _date_anchor(analysis: Analysis, mention: DateMention) -> str | None:
    """The content word a date hangs on ("reopened in 2021" → "reopen"), if close before it.

    A name between them is passed over: in "became mayor of Lyon in 1990" the year hangs on "mayor", not on "Lyon".
    """
    before = words(analysis.text[max(0, mention.start - 80) : mention.start])
    looked = 0
    for token in reversed(before):
        # "planned for 14 to 17 April": the other end of a range is no word the date hangs on.
        if (stem(token) in analysis.entity_stems and token not in STOP_WORDS) or token[0].isdigit():
            continue
        looked += 1
        if looked > 3:
            break
        if token not in STOP_WORDS and token not in NUMBER_WORDS and token.capitalize() not in CALENDAR_NAMES:
            return stem(token)
    return None


# What a change is measured against: "up 2% on the first quarter of 2024", "higher than in 2022", "compared with 2023",
# "twice as many as in 2023".
_BASE_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|than|versus|vs\.?|as\s+(?:many|much|high|low|large)\s+as|(?:up|down|higher|lower|rise|fall|increase|decrease)\s+(?:by\s+)?[\d.,]+\s*(?:%|per\s*cent|percent)?\s+(?:on|from|over))"
    r"\s+(?:[\w-]+\s+){0,5}$",
    re.IGNORECASE,
)


def _comparison_base(analysis: Analysis, mention: DateMention) -> bool:
    """Whether a date is what a change is measured against ("up 5% on the first quarter of 2024"), not when it happened."""
    return _BASE_BEFORE.search(analysis.text[max(0, mention.start - 80) : mention.start]) is not None


def _date_of_telling(analysis: Analysis, mention: DateMention) -> bool:
    """Whether a date dates the telling, between a verb of saying and the "that" of what was said ("told Senate in November
    that ..."): it is not the date of anything told."""
    before, after = analysis.text[max(0, mention.start - 60) : mention.start], analysis.text[mention.start + len(mention.text) :]
    return _TELLING_BEFORE.search(before) is not None and _THAT_AFTER.match(after) is not None


_TELLING_BEFORE = re.compile(
    r"\b(?:said|told|wrote|stated|announced|testified|confirmed|reported|explained|added|argued|warned|insisted|admitted)"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:in|on|at|during|last|this)?\s*$"
)
_THAT_AFTER = re.compile(r"^[\s\d,]*(?:that)\b")


def _after_since(analysis: Analysis, mention: DateMention) -> bool:
    """Whether a date follows "since" ("since 1994", "since May 2020")."""
    before = words(analysis.text[max(0, mention.start - 20) : mention.start])[-2:]
    return "since" in before


# A capitalised word before a year and one after it: the year is part of a name ("the Baku 2015 European Games").
_NAMED_YEAR = re.compile(r"\b([A-Z][\w'’-]*)\s+$"), re.compile(r"^\s+([A-Z][\w'’-]*)")
_MID_SENTENCE = re.compile(r"\b[a-z][\w'’-]*,?\s+$")


def _in_name(analysis: Analysis, mention: DateMention) -> bool:
    """Whether a year stands inside a name, between two capitalised words that are not function words or calendar names."""
    if mention.kind != "year":
        return False
    text = analysis.text[max(0, mention.start - 40) : mention.start]
    before = _NAMED_YEAR[0].search(text)
    after = _NAMED_YEAR[1].search(analysis.text[mention.start + len(mention.text) :][:40])

    def naming(m: re.Match[str] | None) -> bool:
        return m is not None and m.group(1).lower() not in STOP_WORDS and m.group(1) not in CALENDAR_NAMES

    # "the Baku 2015 European Games"; or a place before it in mid-sentence, "including London 2012 and ...".
    return naming(before) and (naming(after) or _MID_SENTENCE.search(text[: before.start()] if before else "") is not None)


# Nouns of time a date is part of ("the first week of May", "the end of 2024"): the date still dates an event.
_TIME_NOUNS = frozenset(
    """week weeks month months year years day days end start beginning middle half quarter part rest course period season
    spring summer autumn fall winter weekend morning afternoon evening night date dates""".split()
)
# Words joining the dates of one expression: "15 February 2024", "2022 and 2023", "14 to 17 April".
_DATE_JOIN = re.compile(r"^(?:[\s,]*|\s+(?:and|or|to|-|–)\s+)$")
# A date written before its noun, after a determiner: "the 18 March offer", "a 2019 investigative report", "the developer's
# 2022 and 2023 surveys" (not "in 2012 saw a low": a year as a subject).
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|your|this|that|last|next|[\w-]+['’]s)\s+$", re.IGNORECASE)
_NOUN_PHRASE_AFTER = re.compile(r"\s+((?:[a-z][a-z\-]+\s+){0,2}[a-z][a-z\-]+)\b")
_NOUN_OF_BEFORE = re.compile(r"\b([a-z][a-z\-]+)\s+(?:of|dated)\s+$")
# A preposition before the noun's phrase makes the phrase say when the sentence's event was: "In a November 2016 speech, ...".
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|during|on|after|before|since|until|by|for|throughout|from)\s+(?:(?:the|a|an|its|their|his|her|our|your|this|that|[\w-]+['’]s)\s+)?$",
    re.IGNORECASE,
)


# Function words that end a date's noun phrase: "the 2019 survey found", "the 18 March offer was" (not the stop words, which
# hold nouns such as "report").
_PHRASE_END = frozenset(
    "the a an of in on at to for by with from and or but that which who was were is are be been has have had will would can could may might must shall should do does did".split()
)


def _dated_noun(analysis: Analysis, mention: DateMention) -> frozenset[str]:
    """Stems of the words of the noun phrase a date stands in ("the 18 March offer", "its decision of 15 February 2024",
    "the 2022 and 2023 surveys"), when that phrase is not itself when the sentence's event happened; none otherwise."""
    text, start, end = analysis.text, mention.start, mention.start + len(mention.text)
    for other in sorted(analysis.dates, key=lambda d: d.start):
        if other.start >= end and _DATE_JOIN.match(text[end : other.start]):
            end = other.start + len(other.text)
    for other in sorted(analysis.dates, key=lambda d: -d.start):
        if other.start + len(other.text) <= start and _DATE_JOIN.match(text[other.start + len(other.text) : start]):
            start = other.start
    determiner = _DETERMINER_BEFORE.search(text, max(0, start - 40), start)
    after = _NOUN_PHRASE_AFTER.match(text, end) if determiner else None
    if determiner and after:
        # The two words after the date, to a function word: "investigative report" (which says what the date dates).
        phrase = list(itertools.takewhile(lambda w: w not in _PHRASE_END, after.group(1).split()))[:2]
        if phrase and phrase[0] not in _TIME_NOUNS and not _PREPOSITION_BEFORE.search(text, max(0, determiner.start() - 30), determiner.end()):
            return frozenset(stem(w) for w in phrase)
        return frozenset()
    before = _NOUN_OF_BEFORE.search(text, max(0, start - 40), start)
    noun = before.group(1) if before else ""
    if before and noun not in STOP_WORDS and noun not in _TIME_NOUNS and not _PREPOSITION_BEFORE.search(text, max(0, before.start() - 30), before.start()):
        return frozenset({stem(noun)})
    return frozenset()


# The date a notice or document was issued: "Issued 10 April 2026", "Published: 3 May", "Last updated on 2 June".
_ISSUED_BEFORE = re.compile(r"\b(issued|published|posted|updated|dated|released)\s*(?:on\s+|:\s*)?(?:\d{1,2}\s+)?$", re.IGNORECASE)


# An upper-case field label before a date, perhaps past an earlier value: "USE BY: ", "USE BY: 14 July (A); ".
_FIELD_BEFORE = re.compile(r"\b([A-Z]{2,}(?:\s+[A-Z]{2,}){0,3})\s*:\s*(?:[^:.]{0,40}?[;,]\s*)?(?:[A-Z][a-z]+\s+)?$")


def _dates_other(claim: Analysis, date: DateMention, anchor: str | None, passage: Analysis, given: DateMention) -> bool:
    """Whether a passage date dates something else than the claim's date does: a word the claim says without dating it
    while the claim's date hangs on another, or the issue of the notice it heads."""
    issued = _ISSUED_BEFORE.search(passage.text, max(0, given.start - 30), given.start)
    if issued and not matches(stem(issued.group(1).lower()), claim):
        return True
    # A form's field ("USE BY: 14 July 2025") dates what its label names.
    field = _FIELD_BEFORE.search(passage.text, max(0, given.start - 40), given.start)
    if field and not any(matches(stem(w.lower()), claim) for w in words(field.group(1)) if w.lower() not in STOP_WORDS):
        return True
    # "left the laboratory in August 2024": the word may stand a little before the claim's date, as part of its phrase.
    theirs = _date_anchor(passage, given)
    # "opened in April 2023" dates the opposite act of the claim's "plans to close ... in 2026".
    if theirs is not None and theirs not in claim.stems and any(theirs in opposites().get(s, frozenset()) for s in claim.stems):
        return True
    return anchor is not None and theirs is not None and theirs != anchor and theirs in claim.content and theirs not in _stems_before(claim, date, 6)


def _dates_alike(claim: Analysis, date: DateMention, dated: frozenset[str], passage: Analysis, given: DateMention) -> bool:
    """Whether two dates date alike: both the sentence's event, or the same thing ("the 2019 survey" / "a survey in 2021")."""
    theirs = _dated_noun(passage, given)
    if not dated and not theirs:
        return True
    return bool(dated & theirs) or bool(dated & _stems_before(passage, given)) or bool(theirs & _stems_before(claim, date))


def _stems_before(analysis: Analysis, mention: DateMention, reach: int = 4) -> set[str]:
    """Stems of the `reach` words before a date in its sentence: "a report published in 2017" → report, publish."""
    before = re.split(r"[.;!?]\s", analysis.text[max(0, mention.start - 80) : mention.start])[-1]
    return {stem(w) for w in words(before)[-reach:]}


def _date_key(mention: DateMention) -> object:
    return (mention.value, mention.day) if mention.kind == "month" and mention.day else mention.value


# A life in brackets right after a name: "Walter (1848-1919)", "Ada Roe (born 1871)", "(b. 1871)", "(d. 1940)"; not "for
# three years (2021-2023)".
_LIFE_SPAN = re.compile(r"\(\s*(?:(?:born|died|b\.|d\.)\s*)?\d{4}\s*(?:[–-]\s*\d{4}\s*)?\)")
_NAME_END = re.compile(r"\b[A-Z][\w'’-]*\s*$")


def _life_date(analysis: Analysis, mention: DateMention) -> bool:
    """Whether a year is part of a life span in brackets after a name, which dates a person, not what the sentence reports."""
    if mention.kind != "year":
        return False
    text = analysis.text
    return any(m.start() <= mention.start < m.end() and _NAME_END.search(text, 0, m.start()) for m in _LIFE_SPAN.finditer(text))


# A line of its own, set in italics or bold, that dates the document: "*Gazette - Jane Roe - 11 September 2025*",
# "**11 April 2025**", "*Posted by Noor Haddad on 18 February 2025*". It dates the writing, not what the text reports.
DATED_BYLINE = re.compile(r"^[ \t]*[*_]{1,2}[^*_\n]{0,100}\b(?:1[6-9]|20)\d\d\b[^*_\n]{0,40}[*_]{1,2}[ \t]*$", re.MULTILINE)


def date_conflict(claim: Analysis, passage: Analysis) -> tuple[tuple[DateMention, list[DateMention]] | None, bool]:
    """A claim year, month, day or weekday the passage gives otherwise → ((claim date, source dates), every claim date matched)."""
    all_matched = True
    for kind in ("year", "decade", "century", "month", "weekday"):
        # A year the claim only counts ("two years later") is what its other dates and figures say; it is not required.
        # Nor is a date the claim denies ("in 1901, not 1899").
        wanted = [d for d in claim.dates if d.kind == kind and not d.counted and not _date_of_telling(claim, d) and not _denied_at(claim, d.start)]
        offered = [d for d in passage.dates if d.kind == kind]
        if kind == "decade":
            # A year inside the decade ("1994" for "the 1990s") gives it.
            offered += [DateMention("decade", int(d.value) // 10 * 10, d.text, d.start) for d in passage.dates if d.kind == "year"]
        if kind == "century":
            # A year or decade inside the century ("1349", "the 1340s" for "the fourteenth century") gives it.
            offered += [DateMention("century", (int(d.value) - 1) // 100 + 1, d.text, d.start) for d in passage.dates if d.kind == "year"]
            offered += [DateMention("century", int(d.value) // 100 + 1, d.text, d.start) for d in passage.dates if d.kind == "decade"]
        if not wanted:
            continue
        if not offered:
            all_matched = False
            continue
        for date in wanted:
            same = [d for d in offered if d.value == date.value]
            # A passage date the claim names too is that date's counterpart, never another claim date's: "later than in 2023"
            # says nothing against the claim's 2024. A date after "since" ("our first new route since 1994") dates what came
            # before, not the event, unless the claim's date is a "since" too.
            since, base = _after_since(claim, date), _comparison_base(claim, date)
            # A date in a noun's phrase dates that thing ("its decision of 15 February 2024", "the 18 March offer"): it is the
            # counterpart only of a date of the same thing.
            dated = _dated_noun(claim, date)
            offered_here = [
                d
                for d in offered
                if d.value == date.value
                or (
                    all(d.value != other.value for other in wanted)
                    and (since or not _after_since(passage, d))
                    and (base or not _comparison_base(passage, d))
                    and not _in_name(passage, d)
                    and not _life_date(passage, d)
                    and _dates_alike(claim, date, dated, passage, d)
                )
            ]
            # "July 11" vs "July 12": the month agrees, the day does not (when both date the same thing).
            anchor = _date_anchor(claim, date)
            if date.day and same and all(d.day and d.day != date.day for d in same):
                same_here = next((d for d in same if _dates_alike(claim, date, dated, passage, d) and not _dates_other(claim, date, anchor, passage, d)), None)
                if same_here is not None:
                    return (date, [same_here]), False
                all_matched = False  # the passage gives the month on another day, of something else
                continue
            anchored = [d for d in offered_here if anchor and _date_anchor(passage, d) == anchor]
            # The claim's date is in the passage, but hung on another event: "closed in 2019, reopened in 2021". Not when the
            # claim's date stands with a claim name that the other date's line lacks ("Timetables start on 19 April." and a
            # row "| Ridgeway shuttle | ... | 3 May |": the shuttle is the exception).
            hung_elsewhere = same and anchored and not any(_date_key(d) == _date_key(date) or d.value == date.value for d in anchored)
            if hung_elsewhere and not _named_with(claim, passage, same, anchored):
                return (date, [anchored[0]]), False
            # Another date is a conflict when it hangs on the same word, or is the passage's only date
            # (one date, or one range such as "between July 1 and September 30"). A claim's "since" date says when a state
            # began ("listed since 1974", "first title since 1998"): the passage's only date counts when it is a "since" too.
            # In a window, the only date must stand in a sentence that names or says something the claim does: "Varcoe also
            # served as mayor. The yard closed in 1927." gives no year for the mayoralty.
            # Nor is a date the passage hangs on another word of the claim ("It was suspended on 11 April" for "the strike planned
            # for 14 to 17 April was suspended": the claim does not say when it was suspended), nor the date a notice was issued.
            alone = [
                d
                for d in offered_here
                if (not since or _after_since(passage, d))
                and (not claim.content or analyse(row_of(passage.text, d.start)).content & claim.content)
                and not _dates_other(claim, date, anchor, passage, d)
            ]
            one_phrase = bool(alone) and max(d.start for d in alone) - min(d.start for d in alone) < 40
            if not same and (anchored or one_phrase):
                return (date, anchored or alone), False
            if not same:
                all_matched = False
    return None, all_matched and _months_in_years(claim, passage)


def _months_in_years(claim: Analysis, passage: Analysis) -> bool:
    """Whether each month the claim writes with its year ("March 2022") the passage gives in that year, or with no year of
    its own: "merged in March 2021 ... replaced in 2022" has the month and the year, but not March 2022."""
    offered = _month_years(passage)
    for month, year in _month_years(claim):
        years = [y for m, y in offered if m == month]
        if year is not None and years and None not in years and year not in years:
            return False
    return True


def _month_years(text: Analysis) -> list[tuple[int | str, int | str | None]]:
    """(month, the year written right after it, or None) of each month a text names."""
    found = text.dates
    paired = []
    for n, date in enumerate(found):
        if date.kind != "month":
            continue
        after = found[n + 1] if n + 1 < len(found) else None
        end = date.start + len(date.text)
        joined = after is not None and after.kind == "year" and not after.counted and re.fullmatch(r"[\s,]*", text.text[end : after.start]) is not None
        paired.append((date.value, after.value if joined and after is not None else None))
    return paired
