"""Support blockers for words that place the claim's thing among others or in time: a comparative or superlative said of
another subject, another qualifier of the same noun ("final dividend" for "total dividend"), a quarter or half of a year
and a frequency ("daily") the passage does not give."""

from __future__ import annotations

import itertools
import math
import re

from ..analysis import Analysis, analyse
from ..figures import MONTH_NUMBERS, NUMBER_WORDS, years_named
from ..index.lexical import paraphrase_stems
from ..lexicon import PAST_FORMS, ROLE_NOUNS, STOP_WORDS
from ..models import Conflict
from ..text import stem
from .base import Blocker, Finding, OnAssertionRule, Pair
from .matching import matches
from .slots import Clause, Subject, clauses, subject_of

# Common gradable adjectives and adverbs (general English), whose comparative and superlative place one thing above others.
# ("early", "late", "soon" order things in time rather than rank them, and are left out.)
_GRADABLE = frozenset(
    """fast slow quick large small big high low long short cheap strong weak old young new great wide narrow heavy light rich poor
    easy hard safe busy tall deep""".split()
)
# "3.9 or later", "2.4 and newer": a bound on versions or values, not a ranking of the claim's subject.
_BOUND = re.compile(r"\b(?:or|and)\s+$", re.IGNORECASE)
_IRREGULAR = {"better": "good", "best": "good", "worse": "bad", "worst": "bad"}


def _degree_base(token: str) -> str | None:
    """The adjective a comparative or superlative is made from ("faster" → "fast", "larger" → "large", "busiest" → "busy")."""
    if token in _IRREGULAR:
        return _IRREGULAR[token]
    for suffix in ("est", "er"):
        if not token.endswith(suffix):
            continue
        stem_ = token[: -len(suffix)]
        for base in (stem_, stem_ + "e", stem_[:-1] if len(stem_) > 2 and stem_[-1] == stem_[-2] else "", stem_[:-1] + "y" if stem_.endswith("i") else ""):
            if base in _GRADABLE:
                return base
    return None


# A subject opening a phrase, before its verb: "quill was", "the Acme Group is", "Orvane grew".
_OPENING = re.compile(r"^[\s\-*>|#]*(?:the\s+)?([A-Za-z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+(?:is|was|are|were|has|had|grew|grows|runs|ran|became|remains|stays)\b")


def _phrase_subject(before: str) -> str | None:
    """The subject opening the phrase (after the last comma, semicolon or colon) that ends where `before` ends."""
    phrase = re.split(r"[,;:|\n]|[.!?]\s", before)[-1]
    opening = _OPENING.match(phrase)
    if opening is None or opening.group(1).lower() in STOP_WORDS:
        return None
    return opening.group(1)


def _claim_subject(pair: Pair, at: int) -> Subject:
    """What the claim's degree word at offset `at` is said of: the subject opening its phrase ("In Acme's test, quill was
    faster" → quill), else the claim's subject."""
    word = _phrase_subject(pair.claim.text[:at])
    if word is None:
        return subject_of(pair)
    return Subject((word,)) if word[0].isupper() else Subject((stem(word.lower()),), stems=True)


class DegreeSubjectBlocker(Blocker):
    """The claim's comparative or superlative stands in the passage only in a clause about another subject."""

    # "Acme grew faster than Initech" is not borne out by "Initech was the faster of the two"; "Acme is growing faster" not by
    # "Initech is the fastest-growing firm; Acme grew 3%".
    name = "degree_of_another"

    def check(self, pair: Pair) -> Finding | None:
        parts = clauses(pair.passage.text)
        text = pair.claim.text
        for m in re.finditer(r"[A-Za-z]+", text):
            token = m.group(0).lower()
            base = _degree_base(token)
            if base is None or _BOUND.search(text[: m.start()]):
                continue
            subject = _claim_subject(pair, m.start())
            if not subject:
                continue
            said = [(c, w.start()) for c in parts for w in re.finditer(r"[A-Za-z]+", c.text) if _degree_base(w.group(0).lower()) == base]
            if not said:
                continue
            reasons = [self._other(clause, at, subject) for clause, at in said]
            if all(reasons):
                return Finding(self.name, reason=f"source says '{token}' of {reasons[0]}, not of {subject}")
        return None

    def _other(self, clause: Clause, at: int, subject: Subject) -> str | None:
        """The other subject a degree word at offset `at` of a clause is said of, if it is said of another."""
        if _BOUND.search(clause.text[:at]):
            return None
        before = Clause(clause.text[:at], clause.start, clause.start + at)
        # The subject opening the degree word's own phrase decides ("| brine | 142 | … zlite was the faster"); else any mention.
        other = _phrase_subject(before.text)
        if other is None:
            if subject.held_by(before):
                return None
            other = next((n for n in before.analysis.entities if n not in before.analysis.uncertain), None)
        if other is None or subject.held_by(Clause(other, 0, len(other))):
            return None
        return other


# Qualifiers of one kind, of which a noun takes one at a time (general English and bookkeeping): a "final dividend" is no "total
# dividend", "net profit" no "gross profit".
CONTRASTS = (
    frozenset("total final interim special".split()),
    frozenset("net gross operating pretax pre-tax".split()),
    frozenset("basic diluted".split()),
    frozenset("underlying reported statutory adjusted".split()),
    frozenset("domestic international foreign overseas".split()),
    frozenset("annual quarterly monthly weekly daily".split()),
    frozenset("minimum maximum average".split()),
    frozenset("upstream downstream".split()),
    # How many of them: "some customers" bears out no "most customers", "a few stores" no "all stores".
    frozenset("all most many some several few".split()),
    # How much: "moderate harm" is no "substantial harm", a "minor" change no "major" one.
    frozenset("slight minor limited modest moderate significant substantial major".split()),
)


class OtherQualifierBlocker(Blocker):
    """The passage gives the claim's noun another qualifier of the same kind ("final dividend" for "total dividend")."""

    name = "other_qualifier"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for n, token in enumerate(claim.tokens[:-1]):
            group = next((g for g in CONTRASTS if token in g), None)
            if group is None or token in passage.tokens or _counts(claim.tokens, n):
                continue
            at = _head(claim.tokens, n + 1)
            if at is None or not matches(claim.stems[at], passage):
                continue
            noun = claim.stems[at]
            # The passage's qualifier right before the same noun (or one word before it: "final cash dividend"; or after "of
            # the" and a figure: "most of the twelve members").
            for m, other in enumerate(passage.tokens):
                after = _head(passage.tokens, m + 1)
                if other in group and other != token and not _counts(passage.tokens, m) and after is not None and noun in passage.stems[after : after + 2]:
                    said, claimed = " ".join(passage.tokens[m : after + 1]), " ".join(claim.tokens[n : at + 1])
                    return Finding(self.name, reason=f"source says '{said}' where the claim says '{claimed}'")
        return None


def _counts(tokens: tuple[str, ...], at: int) -> bool:
    """Whether a quantifier word only weighs a figure: "some" before a number ("some three hundred", about), "in all" (in total)."""
    following = tokens[at + 1] if at + 1 < len(tokens) else ""
    if tokens[at] == "some" and (following[:1].isdigit() or following in NUMBER_WORDS):
        return True
    return tokens[at] == "all" and at > 0 and tokens[at - 1] == "in"


# "most of the money", "the bulk of its revenue", "the majority of voters", "nearly all of them": a majority.
_MAJORITY = re.compile(r"\b(?:most|the\s+bulk|the\s+(?:vast\s+|great\s+|large\s+)?majority|(?:nearly|almost|virtually)\s+all)\s+of\b", re.IGNORECASE)
# "The rest comes from W", "the remainder", "the remaining 40%": what is left once the majority is given.
_THE_REST = re.compile(r"\b(?:the\s+rest|the\s+remainder|the\s+balance|the\s+remaining)\b", re.IGNORECASE)


class MajorityBlocker(Blocker):
    """The claim says most of something comes from or goes to X; the passage gives no majority, or gives X only the rest."""

    # "The bulk of the money comes from the county" against "Most comes from the national fund. The rest comes from the county."
    name = "majority"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        said = _MAJORITY.search(claim.text)
        # A majority said in an aside ("launched 212 vessels, most of them schooners") is said too: no part of the claim
        # checks it apart, so the passage must bear it out with the rest.
        if said is None:
            return None
        names = [n for n in claim.entities if n not in claim.uncertain]
        for clause in clauses(passage.text):
            rest = _THE_REST.search(clause.text)
            named = next((n for n in names if n in clause.text), None)
            if rest is not None and named is not None and not _MAJORITY.search(clause.text):
                return Finding(self.name, reason=f"source gives {named} '{rest.group(0)}', not '{said.group(0)}'")
        # A majority in words, or a share above half ("62% of", "more than half of").
        if _MAJORITY.search(passage.text) or any(q.kind == "percent" and q.low > 50 for q in passage.figures):
            return None
        return Finding(self.name, reason=f"source does not say '{said.group(0)}'")


# Words between a quantifier and what it counts: "most of the twelve members", "all 40 of its stores".
_COUNTED_AFTER = frozenset("of the its their his her our these those".split())


def _head(tokens: tuple[str, ...], start: int) -> int | None:
    """Where the word a qualifier at `start - 1` qualifies is: past "of the" and a figure ("most of the twelve members")."""
    at = start
    while at < len(tokens) and at < start + 4 and (tokens[at] in _COUNTED_AFTER or tokens[at].isdigit() or tokens[at] in NUMBER_WORDS):
        at += 1
    return at if at < len(tokens) else None


class PartialBlocker(Blocker):
    """The passage says a claim word happened only in part ("The ban was partly lifted" for "The ban was lifted")."""

    name = "partial"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        if any(token in _PARTIAL for token in claim.tokens) or _IN_PART.search(claim.text):
            return None
        said = claim.content - claim.entity_stems
        for m, token in enumerate(passage.tokens[:-1]):
            following = passage.tokens[m + 1]
            if token in _PARTIAL and following.isalpha() and passage.stems[m + 1] in said:
                return Finding(self.name, reason=f"source says '{token} {following}': only in part")
        for match in _DONE_IN_PART.finditer(passage.text):
            if stem(match.group(1).lower()) in said:
                return Finding(self.name, reason=f"source says '{match.group(0)}': only in part")
        return None


class RoleModifierBlocker(Blocker):
    """One side names a role with a word that makes it another role or holder ("deputy mayor", "former chair", "acting head")."""

    name = "other_role"

    def check(self, pair: Pair) -> Finding | None:
        for one, other in ((pair.passage, pair.claim), (pair.claim, pair.passage)):
            for m, token in enumerate(one.tokens[:-1]):
                role = one.stems[m + 1]
                if token in _ROLE_MODIFIERS and one.tokens[m + 1] in ROLE_NOUNS and role in other.content and token not in other.tokens:
                    side = "source" if one is pair.passage else "claim"
                    return Finding(self.name, reason=f"{side} says '{token} {one.tokens[m + 1]}'")
        return None


# Words before a role that make it another role or another holder of it: the deputy mayor is not the mayor.
_ROLE_MODIFIERS = frozenset("deputy acting former vice assistant interim".split())


# Adverbs saying an event or state holds only in part, or not quite: "partly lifted", "largely complete", "almost doubled".
_PARTIAL = frozenset("partly partially largely mostly almost nearly".split())
_IN_PART = re.compile(r"\bin\s+part\b", re.IGNORECASE)
_DONE_IN_PART = re.compile(r"\b([A-Za-z]+)\s+in\s+part\b")


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# A quarter or half of a year: "the third quarter", "first-quarter", "Q3", "the first half", "H1"; a "half-year" report or
# "the first six months" are the first half.
_PERIOD = re.compile(
    r"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(quarter|half)|(Q|H)([1-4])|(half[\s-]year\b|first\s+six\s+months))\b", re.IGNORECASE
)


def periods_of_year(text: str) -> set[tuple[str, int]]:
    """The quarters and halves of a year a text names, as ("quarter", 3) or ("half", 1)."""
    found = set()
    for m in _PERIOD.finditer(text):
        if m.group(5):
            found.add(("half", 1))
        elif m.group(1):
            found.add((m.group(2).lower(), _ORDINALS[m.group(1).lower()]))
        else:
            found.add(("quarter" if m.group(3).upper() == "Q" else "half", int(m.group(4))))
    return {(kind, n) for kind, n in found if kind == "quarter" or n <= 2}


class PeriodOfYearBlocker(Blocker):
    """A quarter or half of a year the claim names ("in the third quarter") that neither the passage nor its heading or title names."""

    name = "missing_period"

    def check(self, pair: Pair) -> Finding | None:
        wanted = periods_of_year(pair.claim.text)
        if not wanted:
            return None
        given = periods_of_year(pair.passage.text) | (periods_of_year(pair.about.text) if pair.about is not None else set())
        lacking = sorted(wanted - given)
        if not lacking:
            return None
        kind, n = lacking[0]
        return Finding(self.name, reason=f"source does not give the claim's period ({['first', 'second', 'third', 'fourth'][n - 1]} {kind})")


# A part of a named year: "late 2026", "early in 2025", "the end of 2024", "spring 2026", "mid-2025", "the autumn of 2023".
_PART_OF_YEAR = re.compile(
    r"\b(early|mid|middle|late|end|start|beginning|spring|summer|autumn|fall|winter)(?:[\s-]+(?:in|of))?[\s-]+(?:the\s+year\s+)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# The same part written another way, and the months each part spans.
_PART_NAMES = {"middle": "mid", "end": "late", "start": "early", "beginning": "early", "fall": "autumn"}
_PART_MONTHS = {
    "early": range(1, 5),
    "mid": range(5, 9),
    "late": range(9, 13),
    "spring": range(3, 6),
    "summer": range(6, 9),
    "autumn": range(9, 12),
    "winter": range(1, 3),
}
_YEAR_END = re.compile(r"\b(?:year[\s-]end|end\s+of\s+the\s+(?:financial\s+|fiscal\s+|calendar\s+)?year)\b", re.IGNORECASE)
_MONTH_OF_YEAR = re.compile(r"\b(" + "|".join(MONTH_NUMBERS) + r")\b(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def _part(match: re.Match[str]) -> tuple[str, int]:
    """A part of a named year as (its usual name, the year): "the end of 2024" → ("late", 2024)."""
    name = match.group(1).lower()
    return _PART_NAMES.get(name, name), int(match.group(2))


def parts_of_years(text: str) -> set[tuple[str, int]]:
    """The parts of named years a text gives, as ("late", 2026), with each month it names in a year as the parts it falls in."""
    found = {_part(m) for m in _PART_OF_YEAR.finditer(text)}
    for m in _MONTH_OF_YEAR.finditer(text):
        month, year = MONTH_NUMBERS[m.group(1).lower()], int(m.group(2))
        found |= {(part, year) for part, months in _PART_MONTHS.items() if month in months}
    return found


class PartOfYearBlocker(Blocker):
    """A part of a year the claim names ("late 2026", "spring 2025") that the passage and its title give neither so nor by month."""

    # "expects work to begin in early 2027, not in spring 2026" does not say anything happens in late 2026.
    name = "missing_part_of_year"

    def check(self, pair: Pair) -> Finding | None:
        wanted = {(*_part(m), m.group(0)) for m in _PART_OF_YEAR.finditer(pair.claim.text)}
        if not wanted:
            return None
        about = pair.about.text if pair.about is not None else ""
        given = parts_of_years(pair.passage.text) | parts_of_years(about)
        if _YEAR_END.search(pair.passage.text):
            # "at the year end" in the 2024 report is late 2024.
            given |= {("late", year) for year in years_named(f"{pair.passage.text}\n{about}")}
        lacking = [said for part, year, said in wanted if (part, year) not in given]
        return Finding(self.name, reason=f"source does not give the claim's '{lacking[0]}'") if lacking else None


_UNITS = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "night",
    "weekly": "week",
    "fortnightly": "fortnight",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annually": "year",
}


class FrequencyBlocker(Blocker):
    """How often the claim says something happens ("rotates daily") that the passage, its heading and title do not say, or say otherwise."""

    name = "missing_frequency"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        # Only a frequency of its own: one that goes with a figure ("$5 million a year", "annual revenue of") is the figure's rate.
        own = frequencies(claim.text)
        if not own or any(q.rate for q in claim.figures):
            return None
        said = frequencies(passage.text) + (frequencies(pair.about.text) if pair.about is not None else [])
        for words_, per_day in own:
            # "weekly" is "every week", "once a week", "each week", "per week"; "every three days" is not.
            if any(math.isclose(per_day, other, rel_tol=0.05) for _, other in said):
                continue
            # "£5 a week", "seven days a week": a passage giving a rate per unit speaks of the claim's "weekly".
            text = f"{passage.text} {pair.about.text if pair.about is not None else ''}"
            if any(math.isclose(per_day, 1 / days) and re.search(rf"\b(?:a|an|per)\s+{unit}\b", text, re.IGNORECASE) for unit, days in _DAYS.items()):
                continue
            return Finding(self.name, reason=f"source says '{said[0][0]}' where the claim says '{words_}'" if said else f"source does not say '{words_}'")
        return None


_DAYS = {"hour": 1 / 24, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30.4, "quarter": 91.3, "year": 365.25}
_TIMES = {"once": 1, "twice": 2, "thrice": 3} | {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), start=1)}
# "once a week", "twice daily", "three times a year", "every three days", "every other week", "each month"; and, written
# in lower case ("the Daily Planet" is a name), "daily", "weekly".
_FREQUENCY = re.compile(
    r"\b(?:(?i:(?P<times>once|twice|thrice|(?P<count>\w+)\s+times)\s+(?:(?:a|an|per|each|every)\s+(?P<unit>hour|day|night|week|fortnight|month|quarter|year)\b|(?P<word>hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)\b)"
    r"|(?:every|each)\s+(?:(?P<gap>other|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+)?(?P<every>hour|day|night|week|fortnight|month|quarter|year)s?\b)"
    r"|(?P<alone>hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)\b)"
)


def frequencies(text: str) -> list[tuple[str, float]]:
    """How often a text says something happens, as (its words, times a day): "every three days" → ("every three days", 1/3)."""
    found = []
    for match in _FREQUENCY.finditer(text):
        if match.group("times"):
            times = _TIMES.get((match.group("count") or match.group("times")).lower())
            unit = (match.group("unit") or _UNITS[match.group("word").lower()]).lower()
            if times is None:
                continue
            found.append((match.group(0), times / _DAYS[unit]))
        elif match.group("every"):
            gap = (match.group("gap") or "").lower()
            step = 2 if gap == "other" else int(gap) if gap and gap.isdigit() else _TIMES.get(gap, 1) if gap else 1
            found.append((match.group(0), 1 / (step * _DAYS[match.group("every").lower()])))
        else:
            found.append((match.group(0), 1 / _DAYS[_UNITS[match.group("alone")]]))
    return found


# "faster than", "more often than", "fewer X than": a comparison the claim makes. A figure's bound ("more than 200",
# "fewer than a dozen") is read by the figure rules instead, and "other than", "rather than" compare nothing.
_COMPARISON = re.compile(
    r"\b(more|less|fewer|[a-z]{3,}er)\b(?:\s+[\w'’-]+){0,5}?\s+than\b"
    r"(?!\s+(?:\d|[$£€]|an?\s|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|half\b|twice\b|double\b"
    # "more than the 91-hour maximum": a figure set against a bound, not two things compared.
    r"|(?:the|its|their)\s+[$£€]?[\d,.]+%?(?:[\s-][a-z]+)?\s+(?:limit|maximum|minimum|cap|ceiling|threshold|target)\b))",
    re.IGNORECASE,
)
# Words that set two things side by side: "than", "compared with", "ahead of", "outnumber", "twice" (general English).
_COMPARES = re.compile(
    r"\b(?:than|compared?|comparison|versus|vs|ahead|behind|exceed\w*|outnumber\w*|outpac\w*|outperform\w*|trail\w*|twice|double\w*|half|times)\b"
)
_NOT_COMPARATIVES = frozenset("other rather under over after never either whether number order".split())


class ComparisonBlocker(Blocker):
    """The claim compares ("faster than", "more often than") and the passage makes no comparison at all."""

    name = "missing_comparison"

    def check(self, pair: Pair) -> Finding | None:
        words = [m.group(1).lower() for m in _COMPARISON.finditer(pair.claim.text) if m.group(1).lower() not in _NOT_COMPARATIVES]
        if not words:
            return None
        text = pair.passage.text.lower()
        sides = _compared(pair)
        if sides is not None:
            first, second = sides
            # Both things compared must be in what the passage is read with: "followed more than 300 nests" compares neither.
            ground = pair.grounding or pair.passage
            if not all(matches(s, ground) for s in first) or not any(matches(s, ground) for s in second):
                return Finding(self.name, reason=f"source does not compare {_quoted(pair.claim, first)} with {_quoted(pair.claim, second)}")
            grouped = _grouped(pair, first, second)
            if grouped is not None:
                return Finding(self.name, reason=f"source names {grouped} together; it compares neither with the other")
        if _COMPARES.search(text):
            return None
        for word in words:
            base = _degree_base(word)
            # "zlite was the faster of the two", "the fastest", "many more": the passage compares too.
            if re.search(rf"\b{word}\b", text) or (base is not None and re.search(rf"\b(?:{base}e?st|{base[:-1]}iest|most\s+{base})\b", text)):
                return None
        return Finding(self.name, reason=f"source makes no comparison ('{words[0]} … than')")


def _compared(pair: Pair) -> tuple[set[str], set[str]] | None:
    """The stems of the two things a claim compares: its subject ("stoats took more nests than harriers did"; its first
    content word when the parser gave none) and what follows "than"."""
    claim = pair.claim
    found = _COMPARISON.search(claim.text)
    if found is None:
        return None
    before = analyse(claim.text[: found.start()])
    first = set(pair.topic & before.content) or set(next(([s] for s in before.stems if s in before.content), []))
    second = set(analyse(re.split(r"[,;.]", claim.text[found.end() :])[0]).content) - first
    return (first, second) if first and second else None


def _quoted(analysis: Analysis, stems: set[str]) -> str:
    """The claim's words for some of its stems, quoted."""
    return "“" + " ".join(t for t, s in zip(analysis.tokens, analysis.stems) if s in stems) + "”"


def _grouped(pair: Pair, first: set[str], second: set[str]) -> str | None:
    """The two things the claim compares as the passage joins them with "and" or "or" ("Stoats and harriers take some nests,
    but the water takes many more"): it says the same of both."""
    stems, tokens = pair.passage.stems, pair.passage.tokens
    for at in range(len(tokens) - 2):
        if tokens[at + 1] not in ("and", "or"):
            continue
        ahead = set(stems[at + 2 : at + 5])
        if (stems[at] in first and ahead & second) or (stems[at] in second and ahead & first):
            return f"“{' '.join(tokens[at : at + 3])}”"
    return None


# A superlative ranks the claim's thing above (or below) all others: "the highest tide", "its busiest year".
_SUPERLATIVE = re.compile(r"\b([a-z]{2,}est|best|worst)\b")
# Other ways a passage ranks a thing first or last: "a record year", "more than any other", "the most important".
_RANKS = re.compile(r"\b(?:record|than\s+(?:any|ever)|(?:most|least)\s+[a-z]+|top|peak(?:ed)?|unprecedented)\b")


def _superlatives(text: str) -> list[str]:
    """The superlatives of gradable words in a (lower-case) text ("highest", "busiest", "best")."""
    return [m.group(1) for m in _SUPERLATIVE.finditer(text) if _degree_base(m.group(1)) is not None and m.group(1).endswith("st")]


def _superlative_before(text: str, at: int) -> str | None:
    """The last superlative before offset `at` in its sentence of a (lower-case) text ("the longest 41 days" → "longest")."""
    sentence = re.split(r"[.;!?](?:\s|$)", text[:at])[-1]
    found = _superlatives(sentence)
    return found[-1] if found else None


class FigureOfAnotherDegreeBlocker(Blocker):
    """The passage gives the claim's figure under another superlative than the claim's, and its own figure under the claim's."""

    # "The longest period is 2.7 hours" is not borne out by "The shortest period is 2.7 hours and the longest 41 days".
    name = "figure_of_another_degree"

    def check(self, pair: Pair) -> Finding | None:
        claim_text, text = pair.claim.text.lower(), pair.passage.text.lower()
        for figure in pair.claim.figures:
            ours = _superlative_before(claim_text, figure.start)
            if ours is None:
                continue
            given = [q for q in pair.passage.figures if q.kind == figure.kind and q.overlaps(figure)]
            ranked = [(q, _superlative_before(text, q.start)) for q in given]
            # Every passage figure that could be the claim's stands under another superlative, and the claim's own ranks another.
            elsewhere = any(_superlative_before(text, q.start) == ours for q in pair.passage.figures if q.kind == figure.kind)
            if given and elsewhere and all(other is not None and other != ours for _, other in ranked):
                return Finding(self.name, reason=f"source gives {given[0].text} as the {ranked[0][1]}, not the {ours}")
        return None


class SuperlativeBlocker(Blocker):
    """The claim ranks its thing with a superlative ("the highest tide") and the passage ranks nothing, or ranks by another measure."""

    # "Tides flooded the marsh on 8 May, 6 June and 22 June" does not say the highest came on 22 June.
    name = "missing_superlative"

    def check(self, pair: Pair) -> Finding | None:
        claimed = _superlatives(pair.claim.text.lower())
        text = pair.passage.text.lower()
        if not claimed:
            return None
        if _RANKS.search(text):
            return None
        # Another ranking is no ranking of the claim's: "the deepest peat" does not make the turbines "the tallest".
        given = analyse(" ".join(base for word in _superlatives(text) if (base := _degree_base(word))))
        lacking = [word for word in claimed if (base := _degree_base(word)) and not matches(stem(base), given, opposites=True)]
        return Finding(self.name, reason=f"source does not say '{lacking[0]}'") if lacking else None


class LesserRankBlocker(Blocker):
    """The passage ranks the claim's thing below the top ("the second longest", "one of the longest") where the claim puts it first."""

    name = "lesser_rank"

    def check(self, pair: Pair) -> Finding | None:
        claim_text, text = pair.claim.text.lower(), pair.passage.text.lower()
        claimed = {_degree_base(word) for word in _superlatives(claim_text)} - {None}
        if not claimed or _LESSER_RANK.search(claim_text):
            return None
        for match in _LESSER_RANK.finditer(text):
            if _degree_base(match.group(1)) in claimed:
                return Finding(self.name, reason=f"source says '{match.group(0)}'")
        return None


# A superlative that is not first place: "the second longest", "third-largest", "one of the busiest", "among the oldest".
_LESSER_RANK = re.compile(
    r"\b(?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[\s-]+|(?:one|some)\s+of\s+the\s+|among\s+the\s+)"
    r"([a-z]{2,}est|best|worst)\b"
)


class SuperlativeDateBlocker(Blocker):
    """The passage gives the claim's superlative another date than the claim's ("The highest was on 6 June" for "on 22 June")."""

    # The claim's date may stand elsewhere in the passage ("Tides flooded the marsh on 8 May, 6 June and 22 June."): the
    # ranking is what the claim asserts, and the passage ranks another date first.
    name = "superlative_of_another_date"

    def check(self, pair: Pair) -> Finding | None:
        claimed = {_degree_base(word) for word in _superlatives(pair.claim.text.lower())}
        if not claimed or not pair.claim.dates or not pair.passage.dates:
            return None
        for clause in clauses(pair.passage.text):
            if not claimed & {_degree_base(word) for word in _superlatives(clause.text.lower())}:
                continue
            dates = [d for d in pair.passage.dates if clause.start <= d.start < clause.end]
            for date in pair.claim.dates:
                # "the largest count since 1998" names the claim's other year: only a clause naming none of the claim's dates of a kind.
                same_kind = [d for d in dates if d.kind == date.kind]
                if same_kind and not any((d.value, d.day) == (c.value, c.day) for d in same_kind for c in pair.claim.dates):
                    return Finding(self.name, reason=f"source ranks {same_kind[0].text.rstrip('.')} so, not {date.text.rstrip('.')}")
        return None


# "other hospitals", "another estuary", "elsewhere": the claim speaks of things besides the one a passage is about. "each other",
# "one another", "other than", "every other", "on the other hand" set nothing else beside it.
_OTHERS = re.compile(r"\b(?<!each\s)(?<!one\s)(?<!every\s)(?:other|another|elsewhere)\b(?!\s+than\b)(?!\s+hand\b)", re.IGNORECASE)


class OthersBlocker(Blocker):
    """The claim speaks of others ("other hospitals", "another estuary", "elsewhere") and the passage names no others."""

    name = "missing_others"

    def check(self, pair: Pair) -> Finding | None:
        found = _OTHERS.search(pair.claim.text)
        if found is None or _OTHERS.search(pair.passage.text) or re.search(r"\bothers\b", pair.passage.text, re.IGNORECASE):
            return None
        return Finding(self.name, reason=f"source speaks of no others ('{found.group(0)}')")


# Ordinal words (general English): "the third ferry" is not "the first ferry".
_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())
_ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$")


def _ordinals(tokens: tuple[str, ...], stems: tuple[str, ...]) -> list[tuple[str, set[str]]]:
    """Each ordinal of a text with the stems of the words it numbers (up to three content words after it)."""
    found = []
    for index, token in enumerate(tokens):
        if token not in _ORDINAL_WORDS and not _ORDINAL_DIGITS.match(token):
            continue
        if index + 1 < len(tokens) and tokens[index + 1] in ("quarter", "half"):
            continue  # a period of a year: `PeriodOfYearBlocker`, which reads the heading and title too
        if tokens[index + 1 : index + 3] in (("time", "since"), ("time", "in")):
            continue  # "the first time since 1998", "the first time in a decade": how long since, not which time
        if (tokens[index + 1 : index + 2] == ("of",) and tokens[index + 2 : index + 3] and tokens[index + 2] in MONTH_NUMBERS) or (
            index >= 2 and tokens[index - 1] == "the" and tokens[index - 2] in MONTH_NUMBERS
        ):
            continue  # a day of a month ("the ninth of January", "March the first"): the date rules weigh it
        # The words it numbers run to the first function word: "the first fire station in the county" numbers fire stations,
        # "the first appliance, from Garnby fire station" appliances.
        numbered = list(itertools.takewhile(lambda pair: pair[0] not in STOP_WORDS, zip(tokens[index + 1 : index + 4], stems[index + 1 : index + 4])))
        found.append((token, {s for t, s in numbered if not t[0].isdigit()}))
    return found


class OrdinalBlocker(Blocker):
    """The passage numbers the claim's thing with another ordinal ("the first ferry" where the claim has "a third ferry")."""

    name = "other_ordinal"

    def check(self, pair: Pair) -> Finding | None:
        found = other_ordinal(pair)
        return Finding(self.name, reason=f"source says '{found[1]}' where the claim says '{found[0]}'") if found else None


def other_ordinal(pair: Pair) -> tuple[str, str] | None:
    """(claim ordinal, passage ordinal) where the passage numbers the claim's thing with another ordinal; the claim's own
    ordinal counts as said only of the same thing ("First-team coach" does not say "the first woman")."""
    theirs = _ordinals(pair.passage.tokens, pair.passage.stems)
    for ordinal, numbered in _ordinals(pair.claim.tokens, pair.claim.stems):
        if any(token == ordinal and what & numbered for token, what in theirs):
            continue
        other = next((token for token, what in theirs if what & numbered and token != ordinal), None)
        if other is not None:
            return ordinal, other
    # An ordinal the passage does not give at all is left alone: requiring it was measured to withhold true supports on
    # held-out sets ("its second store" borne out by a passage that counts them) more often than false ones.
    return None


class OrdinalOfAnotherBlocker(Blocker):
    """The passage gives the claim's ordinal only of other things ("the first appliance" where the claim has "the first station")."""

    name = "ordinal_of_another"

    def check(self, pair: Pair) -> Finding | None:
        theirs = _ordinals(pair.passage.tokens, pair.passage.stems)
        for ordinal, numbered in _ordinals(pair.claim.tokens, pair.claim.stems):
            same = [what for token, what in theirs if token == ordinal]
            # "was the first to arrive" numbers nothing named: it may be the claim's thing. "The first time" is an event's,
            # which `BoundedFirstBlocker` weighs; "first got into" an act's, said first or not.
            if not numbered or "time" in numbered or not same or _ranks_act(pair.claim.text, ordinal) or _ranks_act(pair.passage.text, ordinal):
                continue
            # "its first job" is "its first task": a paraphrase numbers the same thing.
            alike = numbered | {other for word in numbered for other in paraphrase_stems().get(word, frozenset())}
            if all(what and not what & alike for what in same):
                return Finding(self.name, reason=f"source says '{ordinal}' only of another thing")
        return None


def _ranks_act(text: str, ordinal: str) -> bool:
    """Whether an ordinal stands before a verb's past form ("first got into", "first accessed"): it then ranks an act."""
    return any(word.lower().endswith("ed") or word.lower() in PAST_FORMS for word in re.findall(rf"\b{re.escape(ordinal)}\s+([a-z]+)", text, re.IGNORECASE))


class BoundedFirstBlocker(Blocker):
    """The claim says something happened for the first time ever; the passage's "first" is only the first in a while."""

    # "It was the first time Corrow had ever won the cup" against "its first trophy since they won the same cup in 2011".
    name = "bounded_first"

    def check(self, pair: Pair) -> Finding | None:
        if not _FIRST_EVER.search(pair.claim.text) or _FIRST_IN_A_WHILE.search(pair.claim.text):
            return None
        bounded = _FIRST_IN_A_WHILE.search(pair.passage.text)
        return Finding(self.name, reason=f"source says only '{bounded.group(0)}'") if bounded else None


# A first in a record: "for the first time", "the first time", "first-ever", "the first club ever to", "had never before".
_FIRST_EVER = re.compile(r"\bfirst(?:\s+|-)(?:time|ever)\b|\bthe\s+first\s+(?:[\w'’-]+\s+){1,3}(?:ever\s+)?to\b|\bnever\s+before\b", re.IGNORECASE)
# A first counted from a date or an event: "first title since 2009", "the first time in a decade", "first win in 14 games".
_FIRST_IN_A_WHILE = re.compile(
    r"\bfirst\b[^.;:!?]{0,60}?\bsince\b[^.;:!?]{0,40}|\bfirst\b[^.;:!?]{0,40}?\bin\s+(?:a|an|\w+)\s+(?:\w+\s+)?(?:years?|decades?|seasons?|months?|games?|matches|generations?|century)\b",
    re.IGNORECASE,
)


class BoundedSuperlativeBlocker(Blocker):
    """The claim ranks something above all others; the passage ranks it so only so far ("the highest recorded so far")."""

    # An interim ranking is not the final one: "Ammonia was at its highest on 18 June" against "The highest concentration
    # recorded so far was 6.8 mg/l, on 18 June" in an update a later reading may have overtaken.
    name = "bounded_superlative"

    def check(self, pair: Pair) -> Finding | None:
        claim_text = pair.claim.text.lower()
        if not (_superlatives(claim_text) or _RANKS.search(claim_text)) or _SO_FAR.search(claim_text):
            return None
        for sentence in re.split(r"(?<=[.;!?])\s+", pair.passage.text.lower()):
            bound = _SO_FAR.search(sentence)
            if bound is not None and (_superlatives(sentence) or _RANKS.search(sentence)):
                return Finding(self.name, reason=f"source ranks it only '{bound.group(0)}'")
        return None


# A ranking bounded by the time of telling: "the highest so far", "the largest to date", "the worst yet seen".
_SO_FAR = re.compile(r"\b(?:so\s+far|to\s+date|as\s+yet|thus\s+far|until\s+now|up\s+to\s+now|yet\s+(?:recorded|seen|found|measured))\b")


class OrdinalRule(OnAssertionRule):
    """On the claim's assertion, the passage numbers the claim's thing with another ordinal ("the second woman to manage")."""

    name = "ordinal"
    signal = "ordinal_conflict"

    # Only a rank in a record ("the first woman to captain the side", "for the third time"): "a third tram line" and "the
    # first tram line" are two lines, and the passage about one only withholds support from a claim about the other.
    def check(self, pair: Pair) -> Finding | None:
        found = other_ordinal(pair)
        if found is None or not re.search(_RECORD.format(ordinal=re.escape(found[0])), pair.claim.text, re.IGNORECASE):
            return None
        return Finding(self.name, Conflict(self.name, found[0], found[1], "source says '{source}'; claim says '{claim}'"))


# An ordinal that ranks its subject in a record: "the first woman to captain", "the second club ever to", "for the third time".
_RECORD = r"\bthe\s+{ordinal}\s+(?:[\w'’-]+\s+){{1,3}}(?:ever\s+)?to\b|\bfor\s+the\s+{ordinal}\s+time\b"
