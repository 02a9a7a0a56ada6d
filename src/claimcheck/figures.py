"""Figures and dates in text: numbers in digits or words, scales, currencies, percentages, ranges, rates."""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .lexicon import FIGURE_ADVERBS, IDENTIFIER_NOUNS, METRIC_UNITS, STOP_WORDS, STREET_WORDS, TIME_UNITS, UNITS

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Vague plural quantities read as the ranges a reader would accept.
_VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2e6, 9.99e8),
    "billions": (2e9, 9.99e11),
    "several": (3, 9),
    "a few": (2, 5),
    "a couple": (2, 3),
    "a handful": (3, 6),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a hundred": (100, 100),
    "a thousand": (1000, 1000),
    "several dozen": (36, 120),
    "a few dozen": (24, 60),
    "several hundred": (200, 999),
    "a few hundred": (200, 500),
    "several thousand": (2000, 9999),
    "a few thousand": (2000, 5000),
    "tens of thousands": (20000, 99999),
    "hundreds of thousands": (200000, 999999),
    "several million": (2e6, 9.99e6),
}
_RATE_WORDS = {
    "day": "day",
    "daily": "day",
    "week": "week",
    "weekly": "week",
    "month": "month",
    "monthly": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "quarter": "quarter",
    "quarterly": "quarter",
    "hour": "hour",
    "hourly": "hour",
}
# The months by their full names, and with their abbreviations (`_MONTHS`).
MONTH_NUMBERS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTHS = {
    **MONTH_NUMBERS,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_SCALE_WORD = r"hundred|thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b"
_LARGE_SCALE = "thousand|million|billion|trillion"
# "a hundred and fifty", "two hundred and twelve", "one hundred twenty": hundreds written out, read whole.
_HUNDREDS = rf"(?:(?:a|{'|'.join(sorted(_UNITS, key=len, reverse=True))})\s+hundred(?:(?:\s+and)?\s+(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}))?)?(?![\w-]))"
# ISO 4217 codes of the most traded currencies, written before or after an amount ("EUR 4.8 million", "12 million CHF").
_CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "CNY", "INR", "HKD", "SGD", "ZAR", "PLN", "CZK")
_CODES = "|".join(_CURRENCY_CODES)
# A figure written in digits: "1,108", "2.35", "37".
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUANTITY = re.compile(
    rf"""
    (?P<prefix>(?:no|not)\s+(?:more|fewer|less|greater)\s+than|an?\s+(?:maximum|minimum)\s+of|(?:more|fewer|less|greater)\s+than|over|under|below|above|at\s+least|at\s+most|up\s+to|upwards\s+of|within|
       nearly|almost|about|around|approximately|roughly|some|close\s+to|an\s+estimated|estimated|just\s+over|just\s+under|
       as\s+(?:many|much|long|high|large)\s+as|exactly|only|just)?\s*
    (?P<currency>\$|US\$|€|£|¥|\b(?:{_CODES})\b)?\s*
    (?:
      (?P<digits>{_DIGITS})
      |(?P<words>{_HUNDREDS}|(?:(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}))?)|(?:half\s+a\s+dozen|half\s+an?(?=\s+(?:{_LARGE_SCALE})\b)|a\s+dozen|a\s+thousand))
    )
    (?:\s*(?P<dozen>dozen)(?![a-z]))?
    (?:\s*(?P<scale>{_SCALE_WORD})(?![a-z]))?
    (?:\s*(?P<percent>%|percentage\s+points?|percent|per\s+cent))?
    (?:\s*(?P<currency_word>dollars|euros|pounds|(?:{_CODES})\b))?
    (?:\s*(?P<hundredth>cents?|pence)(?![a-z]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_VAGUE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_RATE = re.compile(
    r"^\s*(?:[a-z\-]+\s+){0,2}?(?:of\s+[a-z\-]+\s+)?(?:a|an|per|each|every|/)\s*(day|week|month|year|annum|quarter|hour)\b(?!\s+(?:ago|earlier|later|before|after)\b)|^\s*(daily|weekly|monthly|yearly|annual|annually|quarterly|hourly)\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(r"\b(annual|yearly|monthly|weekly|daily|quarterly|hourly)(?:\s+[\w']+){0,8}\s*$", re.IGNORECASE)
_PER_UNIT = re.compile(r"/([a-z]+\d?)\b", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^[\s\-]*(?:of\s+)?(?:(?:the|its|their|new|additional|other|more|total)\s+)*([a-z][a-z\-]+)", re.IGNORECASE)


_YEAR_BEFORE = re.compile(r"(?<![\d.,])(?:1[6-9]|20)\d\d$")


# The word after a figure's first noun: "56 league matches" counts matches, not leagues.
_NEXT_WORD = re.compile(r"[ \-]([a-z][a-z\-]+)\b")


def _plural(word: str) -> bool:
    """Whether a word looks like a regular plural ("matches", "officers"; not "bus", "class", "analysis")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _counted_noun(tail: str, value: float = 2.0) -> str | None:
    """The noun a figure counts, from the text after it; none when a function word follows ("36,500 in 2023", "64 were").

    In a compound the last noun counts: "56 league matches" counts matches. After a singular word a plural-looking one
    is a noun (a verb after a plural figure takes no -s); after "1" it may be a verb ("1 patient dies"), so it is left.
    """
    match = _NOUN_AFTER.match(tail)
    noun = match.group(1).lower() if match else None
    # "48 km/h", "3 m/s": a unit per another is a measure of its own, not a length.
    per = _PER_UNIT.match(tail, match.end()) if match else None
    if noun and per:
        return f"{noun}/{per.group(1).lower()}"
    # "reports" is a stop word for matching, but a noun a figure can count.
    if (noun in STOP_WORDS and noun not in ("report", "reports")) or noun in FIGURE_ADVERBS:
        return None
    # "the three coolest reaches" is often cut to "the three coolest": a superlative stays the noun.
    if match and noun and value != 1 and not noun.endswith("est"):
        following = _NEXT_WORD.match(tail, match.end())
        head = following.group(1) if following else ""
        # A plural-looking first word is a noun too when another follows it: "18,862 statistics students".
        if _plural(head) and head not in STOP_WORDS:
            return head
    return noun


# "a population of 6,150", "a crowd of about 4,800": the noun a figure measures, written before it.
_MEASURE_BEFORE = re.compile(r"\b([a-z][a-z\-]+)\s+of\s*$", re.IGNORECASE)
# Words that frame a figure without saying what it counts: "a total of 56", "the number of 12".
_FRAMING_NOUNS = frozenset("total number sum amount figure value count maximum minimum average mean median tally level".split())


def measure_before(before: str) -> str | None:
    """The noun before "of" that a nounless figure measures ("a population of 6,150"), if any."""
    match = _MEASURE_BEFORE.search(before)
    noun = match.group(1).lower() if match else None
    if noun is None or noun in STOP_WORDS or noun in _FRAMING_NOUNS or noun in FIGURE_ADVERBS or noun in NUMBER_WORDS:
        return None
    return noun


@dataclass(frozen=True)
class Quantity:
    """A figure as an interval [low, high] with its kind (count, money, percent), rate and counted noun."""

    low: float
    high: float
    kind: str  # "count" | "money" | "percent" | "points" | "age" | "duration" | "identifier" | "clock" (minutes after midnight)
    rate: str | None
    noun: str | None
    text: str
    start: int
    end: int
    exact: bool
    currency: str | None = None
    rate_text: str = ""
    # A share given as a ratio ("one in five"): loose talk, which bears out a figure near it but contradicts none.
    ratio: bool = False

    @property
    def is_limit(self) -> bool:
        """An upper bound ("at most 32", "up to 64", "fewer than 50"): everything up to an edge."""
        return not self.exact and self.low == 0 and self.high != math.inf

    @property
    def is_floor(self) -> bool:
        """A lower bound ("more than 25", "at least 40", "over 300"): everything from an edge up."""
        return not self.exact and self.low > 0 and self.high == math.inf

    def overlaps(self, other: Quantity) -> bool:
        """Whether the two figures can be the same amount: same currency, and intervals that meet once
        both are put on the same rate (a month ↔ a year), allowing rounding of about 1%."""
        if self.currency and other.currency and self.currency != other.currency:
            return False
        a_low, a_high, b_low, b_high = self.low, self.high, other.low, other.high
        # "115 mm" and "11.5 cm": a figure in another metric unit of the same quantity is put in this one's.
        scale = unit_scale(other.noun, self.noun) or 1.0
        b_low, b_high = b_low * scale, b_high * scale
        if self.rate and other.rate and self.rate != other.rate:
            a_low, a_high = a_low * _PER_YEAR[self.rate], a_high * _PER_YEAR[self.rate]
            b_low, b_high = b_low * _PER_YEAR[other.rate], b_high * _PER_YEAR[other.rate]
        # "Within 30 days" is a time allowed, its edge: against a plain figure it is that figure ("given 30 days"), not every
        # figure below it ("took 20 days").
        if self.text.lower().startswith("within") and other.exact:
            a_low = a_high
        if other.text.lower().startswith("within") and self.exact:
            b_low = b_high
        # Two limits ("at most 32 clients", "up to 64 clients") state the limit itself: different edges are different limits.
        if self.is_limit and other.is_limit and not math.isclose(a_high, b_high, rel_tol=0.01):
            return False
        # So do two floors: "slips more than 25 mm" and "more than 41 mm" are different thresholds, and a writer giving "more
        # than 400" where the source says "more than 300" has the figure wrong, whatever the logic of bounds allows.
        if self.is_floor and other.is_floor and not math.isclose(a_low, b_low, rel_tol=0.01):
            return False
        # Rounding ("$3.63 million" vs "$3.6 million") is allowed between plain figures only: a
        # comparative such as "fewer than a dozen" has an exact edge.
        # An identifier names one thing: batch 4417 is not batch 4418; nor is 21:52 the time 21:47.
        identifiers = self.kind in ("identifier", "clock") or other.kind in ("identifier", "clock")
        tolerance = (
            0.0
            if identifiers
            else 0.01 * max(abs(a_high) if a_high != math.inf else 0, abs(b_high) if b_high != math.inf else 0, 1e-9)
            if self.exact and other.exact
            else 0.0
        )
        # Rounding reaches no further than the coarser figure's last digit: "412" and "413" are two counts, while "$3.6
        # million" may be "$3.63 million" rounded. (Rates converted to another period keep the plain allowance.)
        rounded = (half_unit(self), None if (other_half := half_unit(other)) is None else other_half * scale)
        if tolerance and not (self.rate and other.rate and self.rate != other.rate) and None not in rounded:
            tolerance = min(tolerance, max(r for r in rounded if r is not None))
        return a_low <= b_high + tolerance and b_low <= a_high + tolerance


_NUMERAL = re.compile(_DIGITS)


def _measure(noun: str | None) -> tuple[str, str, float] | None:
    """A unit's name, the quantity it measures and its size in that quantity's base unit, for a metric unit or a span of time."""
    word = (noun or "").lower()
    if word in TIME_UNITS:
        measured, size = TIME_UNITS[word]
        return word.removesuffix("s") if word != "centuries" else "century", measured, size
    unit = UNITS.get(word)
    return (unit, *METRIC_UNITS[unit]) if unit in METRIC_UNITS else None


def unit_scale(written: str | None, wanted: str | None) -> float | None:
    """What a figure in the unit `written` is multiplied by to be in `wanted` ("mm" in "cm": 0.1, "months" in "years": 1/12),
    when both are metric units or spans of time measuring one quantity and differ; None otherwise."""
    given, asked = _measure(written), _measure(wanted)
    if given is None or asked is None or given[0] == asked[0] or given[1] != asked[1]:
        return None
    return given[2] / asked[2]


def half_unit(q: Quantity) -> float | None:
    """Half the step of a plain figure's last written digit, in its own scale ("3.6 million": 50,000); None for words."""
    match = _NUMERAL.search(q.text)
    if match is None or not q.exact or not float(match.group(0).replace(",", "")):
        return None
    return 0.5 * _unit(match.group(0), abs(q.low))


_TIME_UNITS = frozenset("second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries".split())
# "over four breeding seasons", "over two nights": "over" a span of time says during it ...
_OVER_A_SPAN = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:seasons?|years?|months?|weeks?|days?|nights?|decades?|centuries|summers?|winters?|quarters?|hours?|sessions?|visits?)\b(?!\s+ago\b)",
    re.IGNORECASE,
)
# ... but "for over four years", "in over a decade", "of over ten years" say more than.
_MORE_THAN_SPAN = re.compile(r"\b(?:for|in|of|than|after|within|lasting|lasted|last|took|take|takes|spent|spend|spanning|aged|just)\s+$", re.IGNORECASE)
_PER_YEAR = {"hour": 2080, "day": 365, "week": 52, "month": 12, "quarter": 4, "year": 1}
_CURRENCY = {"$": "USD", "us$": "USD", "dollars": "USD", "€": "EUR", "euros": "EUR", "£": "GBP", "pounds": "GBP", "pence": "GBP", "¥": "JPY"} | {
    code.lower(): code for code in _CURRENCY_CODES
}
_ID_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+((?:no|number|nos)\.?\s+)?(?:\d[\w-]*\s*(?:,|and|or|to|-|–)\s*)*$", re.IGNORECASE)
_STREET_AFTER = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){1,3}([A-Za-z]+)\b")
# A time of day: "21:47", "9:05"; and "10 p.m.", "7 am".
_CLOCK = re.compile(r".{0,3}?(?<!\d)\d{1,2}:\d{2}(?!\d)")
_CLOCK_AT = re.compile(r"\d{1,2}:(\d{2})(?!\d)")
_CLOCK_HEDGE = re.compile(r"\b(shortly\s+|just\s+|soon\s+)?(?:(after)|(before|by)|about|around|approximately|roughly)\s+$", re.IGNORECASE)
_DOTTED_CLOCK = re.compile(r"\d{1,2}\.\d{2}")
_MERIDIEM = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
# "4. The developer shall ...", "2) Fees": a number opening a text or following a sentence's end, with a full stop or
# bracket after it, numbers an item (texts are matched with their lines folded, so a line's start is not seen).
_ENUMERATOR = re.compile(r"[.)](?:\s|$)")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,2}")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")


def _is_enumerator(text: str, start: int, end: int) -> bool:
    """Whether a number numbers a list item ("4." opening the text or after a sentence's end): no figure at all."""
    opening = text[:start].rstrip()
    at_start = not opening or (opening[-1] in ".!?" and opening != text[:start]) or text[:start].endswith("\n")
    # A numbered paragraph's number ("2.3 Drainage.", "1.2  We counted ...") opens it before a capital letter.
    return at_start and (
        _ENUMERATOR.match(text, end) is not None or (_SECTION_NUMBER.fullmatch(text, start, end) is not None and _CAPITAL_AFTER.match(text, end) is not None)
    )


def _is_identifier(text: str, start: int, end: int) -> bool:
    """Whether a number names one thing: after "batch", "flight", "section", "No." (also the later numbers of a list or
    range of them: "lots 22 and 23"), or a street number ("14 Quay Street")."""
    before = _ID_BEFORE.search(text, max(0, start - 60), start)
    if before is not None and (before.group(2) or before.group(1).lower() in IDENTIFIER_NOUNS):
        return True
    street = _STREET_AFTER.match(text, end)
    return street is not None and street.group(1).lower() in STREET_WORDS


# "a decade-long contract": a span of years written as a word, as "a 10-year contract" is. (A lone "a decade" is left
# alone: "for over a decade" is loose talk, and a passage giving the span as dates would then lack the claim's figure.)
_YEARS_WORD = re.compile(r"\b(decade|century)-long\b", re.IGNORECASE)
_SPAN_PREPOSITION = re.compile(r"\b(?:within|in|inside|after|before|for|over|under|about|around|than|nearly|almost|by|until|of)\s+$", re.IGNORECASE)
_TALLY_TO = re.compile(r"\bvotes?\s+to\s+$", re.IGNORECASE)
_YEARS_IN = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}
# "a year of free credit monitoring", "a fortnight's notice": one span of time given as a thing, as "two years of" is. (Not
# "£50 a year", a rate, nor "for a year", loose talk.)
_ONE_SPAN = re.compile(r"\b(?:an?|one)\s+(hour|day|week|fortnight|month|year|decade)(?:\s+of\b|['’]s\b)", re.IGNORECASE)
# "half of the fare", and "half the fare" with a determiner after it (not "half a dozen", "half an hour"). And a change by a
# share: "cut by a fifth", "rose by up to a third". (Measured: reading "two-thirds of" as a share too let a share of another
# group through as support on a held-out set; written with a hyphen it stays a count.)
_FRACTION_WORDS = r"half|(?:a|one|two){gap}thirds?|(?:a|one|three){gap}quarters?|(?:a|one)[\s-]fifth|(?:a|one)[\s-]tenth"
_FRACTION_OF = _FRACTION_WORDS.format(gap=r"\s+")  # before "of": "two thirds of"
_FRACTION_BY = _FRACTION_WORDS.format(gap=r"[\s-]")  # after "by": "cut by two-thirds"
_FRACTION = re.compile(
    rf"(?:\b({_FRACTION_OF})(?:\s+of\b|(?=\s+(?:the|its|their|his|her|our|all)\b))"
    r"|(?<=\bby\s)(?:(?:up\s+to|as\s+much\s+as|about|around|almost|nearly|roughly|more\s+than|over)\s+)?"
    rf"({_FRACTION_BY})\b)",
    re.IGNORECASE,
)
_FRACTION_HEDGE = re.compile(
    r"\b(nearly|almost|close\s+to|about|around|roughly|approximately|some|more\s+than|over|less\s+than|under|just\s+over|just\s+under|at\s+least|at\s+most|up\s+to|as\s+much\s+as)\s+$",
    re.IGNORECASE,
)
# A bound's noun before its figure: "a cap of 150 homes", "a limit of 30 days", "a minimum of 40%".
_BOUND_BEFORE = re.compile(r"\b(limit|cap|ceiling|maximum|minimum|floor)\s+of\s*$", re.IGNORECASE)
# A noun after a figure that makes it a bound: "the league's 70% limit", "a 50-seat cap", "a 10% minimum".
_BOUND_AFTER = re.compile(r"^[\s\-]*(?:[a-z]+[\s\-]+)?(limit|cap|ceiling|maximum|minimum|floor)\b", re.IGNORECASE)
# A comparison with a bound, past its determiner: "fall below the 3 percent minimum", "worked beyond the 91-hour maximum".
_COMPARED_WITH = re.compile(
    r"\b(?:(below|under|within|inside)|(above|over|beyond|exceed(?:s|ed|ing)?|breach(?:es|ed|ing)?))\s+(?:the|a|an|its|their|his|her|our|this|that)(?:\s+[\w'’-]+)?\s*$",
    re.IGNORECASE,
)
# A ratio: "one in seven", "nine in 10", "four out of every five", "one of every three". A share, not two counts; "3 out
# of 10 members" without "every" stays two counts, since it may count ten members.
_RATIO = re.compile(
    rf"\b({_NUMBER_WORD}|\d{{1,3}})\s+(?:in|(?:in|(?:out\s+)?of)\s+every)\s+({_NUMBER_WORD}|\d{{1,3}})\b(?![.,]?\d|\s*(?:%|per\s*cent|percent))",
    re.IGNORECASE,
)
_ALL_BUT = re.compile(
    rf"\ball\s+but\s+(?P<but>{_NUMBER_WORD}|\d{{1,4}})\s+of\s+(?:(?:the|its|their|his|her|our|these|those)\s+)?(?:[\w-]+['’]s?\s+)?(?P<whole>{_NUMBER_WORD}|\d{{1,5}})\b",
    re.IGNORECASE,
)
# Each fraction by its words, singular ("two thirds" is read as "two third").
_FRACTION_PERCENT = {
    "half": 50,
    "a third": 33.3,
    "one third": 33.3,
    "two third": 66.7,
    "a quarter": 25,
    "one quarter": 25,
    "three quarter": 75,
    "a fifth": 20,
    "one fifth": 20,
    "a tenth": 10,
    "one tenth": 10,
}
NUMBER_WORDS = frozenset(
    list(_UNITS)
    + list(_TENS)
    + [
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "percent",
        # Money's units: the figure carries them ("13 cents" is $0.13).
        "cent",
        "cents",
        "pence",
        "dollars",
        "euros",
        "half",
        "third",
        "quarter",
        "couple",
        "handful",
        "several",
    ]
)


def _word_value(words: str) -> float | None:
    """The value of a number written in words: "twenty-five", "a hundred and fifty", "half a" (of a scale after it)."""
    words = " ".join(words.lower().replace("-", " ").split())
    if words in ("a dozen",):
        return 12
    if words == "half a dozen":
        return 6
    if words in ("half a", "half an"):
        return 0.5
    if words in ("a thousand",):
        return 1000
    total = 0
    for word in words.split():
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in _UNITS:
            total += _UNITS[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word not in ("a", "and"):
            return None
    return total


def count_value(token: str) -> float | None:
    """The value of one token written as a count ("33", "1,108", "three"); None for anything else, a year among them."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?", token):
        value = float(token.replace(",", ""))
        return None if is_year(value, token) else value
    return float(_UNITS[token.lower()]) if token.lower() in _UNITS and token.lower() != "one" else None


def _unit(written: str, value: float) -> float:
    """The step of a figure's last significant digit, as written: 1 for "37", 10 for "340", 0.1 for "2.1", 5 for "25"."""
    plain = written.replace(",", "")
    if "." in plain:
        step = 10.0 ** -len(plain.split(".")[1])
        digits = plain.replace(".", "").rstrip("0")
    else:
        whole = plain or str(int(value))
        digits = whole.rstrip("0") or "0"
        step = 10.0 ** (len(whole) - len(digits))
    if digits.endswith("5"):
        step *= 5
    # The step is of the figure as written: "1.5 million" steps by 0.1 million.
    return step * (value / float(plain)) if plain and float(plain) else step


def _interval(value: float, prefix: str, unit: float = 0.0) -> tuple[float, float, bool]:
    """The values a hedge or comparative admits around `value`; "about" admits less around a figure written precisely
    ("some 37 metres" is not 34) than around a round one ("about 40" may be 34)."""
    prefix = " ".join(prefix.lower().split())
    # "no more than 10" is at most ten, not more than ten; "not less than 10" is at least ten.
    if prefix in ("no more than", "not more than", "no greater than", "not greater than", "a maximum of"):
        return (0, value, False)
    if prefix in ("no fewer than", "not fewer than", "no less than", "not less than", "a minimum of"):
        return (value, math.inf, False)
    if prefix in ("more than", "over", "above", "greater than", "upwards of", "just over"):
        return (value * 1.0001, math.inf if prefix != "just over" else value * 1.15, False)
    if prefix in ("fewer than", "less than", "under", "below", "just under"):
        return (0 if prefix != "just under" else value * 0.85, value * 0.9999, False)
    if prefix == "at least":
        return (value, math.inf, False)
    # "within 24 hours" of something, "within 10 metres": no further than the figure.
    if prefix in ("at most", "up to", "within", "as many as", "as much as", "as long as", "as high as", "as large as"):
        return (0, value, False)
    # A hedge admits the figure's rounding: at least 5% and a step of its last digit, at most 15% either way.
    spread = min(value * 0.15, max(value * 0.05, unit)) if unit else value * 0.15
    if prefix in ("nearly", "almost", "close to"):
        return (value - spread, value, False)
    if prefix in ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated"):
        return (value - spread, value + spread, False)
    return (value, value, True)


def is_year(value: float, text: str) -> bool:
    """Four-digit whole numbers from 1800 to 2100 written plainly are years, not figures."""
    return value.is_integer() and 1800 <= value <= 2100 and _FOUR_DIGITS.fullmatch(text.strip()) is not None


_FOUR_DIGITS = re.compile(r"\d{4}")
_NAME_BEFORE_AGE = re.compile(r"[A-Z][\w'’.]+,\s*$")  # searched up to the figure: "Jane Roe, " before "31,"
_AGE_AFTER = re.compile(r"(?:-year-old|\s+years?\s+old)\b")


# `_QUANTITY` opens with optional parts (a hedge, a currency), so the regex engine tries its ~70 alternatives at every
# character of a text: most of judging's CPU. `_quantity_matches` finds the same matches by trying it only where one
# can start: at or a few words before a digit or a number word (its anchors), found by cheap scans.
_ANCHOR_WORDS = tuple(_UNITS) + tuple(_TENS)
_DIGIT = re.compile(r"\d")
_PHRASE_ANCHOR = re.compile(r"(?=half\s+an?\s|a\s+dozen|a\s+hundred|a\s+thousand)")  # on ASCII-lowered text
# The first words of the hedges, and "US$": where a match can start on a letter, if not at its figure (lower case).
_HEDGE_STARTS = tuple(
    "no not a more fewer less greater over under below above at up upwards nearly almost about around approximately roughly some close an estimated just as exactly only within us$".split()
) + tuple(code.lower() for code in _CURRENCY_CODES)
_CURRENCY_MARKS = frozenset("$€£¥")
# Characters other than A-Z and a-z that IGNORECASE matches to an ASCII letter (İ ı ſ K; tested against a scan of Unicode):
# a text holding one is searched the slow way, since lower-casing alone would not find a number word written with it.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Words a hedge and a currency before a figure can span: three (e.g. "as many as") and "US" (of "US$").
_HEDGE_RUNS = 4


def _quantity_matches(text: str) -> list[re.Match[str]]:
    """Exactly the matches of `_QUANTITY.finditer(text)`, trying the pattern only where a match can start.

    A match's figure starts at an anchor (a digit, a number word, "a dozen", ...), and between the match's start and its
    anchor there are only a hedge's letters, white space and a currency mark: so every match starts at an anchor or
    within the last `_HEDGE_RUNS` runs of letters (with white space and currency marks) before one. Trying those
    positions in order, each from the end of the last match, is what `finditer` does with the positions skipped that
    cannot start a match.
    """
    if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text):
        return list(_QUANTITY.finditer(text))
    low = text.lower() if text.isascii() else text.translate(_ASCII_LOWER)
    anchors = [m.start() for m in _DIGIT.finditer(text)]
    for word in _ANCHOR_WORDS:
        at = low.find(word)
        while at >= 0:
            anchors.append(at)
            at = low.find(word, at + 1)
    if "dozen" in low or "hundred" in low or "thousand" in low or "half" in low:
        anchors += [m.start() for m in _PHRASE_ANCHOR.finditer(low)]
    if not anchors:
        return []
    candidates = set(anchors)
    for anchor in anchors:
        position, runs, in_word = anchor, 0, False
        while position > 0:
            character = text[position - 1]
            if character.isalpha():
                if not in_word:
                    runs += 1
                    if runs > _HEDGE_RUNS:
                        break
                    in_word = True
            elif character.isspace() or character in _CURRENCY_MARKS:
                in_word = False
            else:
                break
            position -= 1
            # A match can start at a currency mark, at a hedge's first word (even inside a word: "someone" holds "some"),
            # or in white space, where starting at the first of a run finds whatever starting later would.
            if (
                character in _CURRENCY_MARKS
                or (not in_word and (position == 0 or not text[position - 1].isspace()))
                or (in_word and low.startswith(_HEDGE_STARTS, position))
            ):
                candidates.add(position)
    found: list[re.Match[str]] = []
    end = 0
    for position in sorted(candidates):
        if position < end:
            continue
        match = _QUANTITY.match(text, position)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


# A release number: three or four dotted parts, or two after "v" ("v2.3"); a dotted date ("12.03.2024") has a year.
_RELEASE = re.compile(r"(?<![\w.])(?:v(?P<short>\d{1,3}(?:\.\d{1,3}){1,3})|(?P<parts>\d{1,3}(?:\.\d{1,3}){2,3}))(?!\w|\.\d)")


def _release_value(parts: str) -> float:
    """A release number as its major and minor parts, the figure "version 4.2" and "4.2.0" both give (4.2.0 → 4.2)."""
    major, minor = parts.split(".")[:2]
    return float(f"{major}.{minor}")


# "twice", "thrice": a count of times, unless a multiplier ("twice as many", "twice the size", "twice a day" is a rate).
_TIMES_WORD = re.compile(r"\b(twice|thrice)\b(?!\s+(?:as|the|that|a|an|per|each|every|daily|weekly|monthly|yearly|annually)\b)", re.IGNORECASE)


def quantities(text: str) -> list[Quantity]:
    """Every figure in `text` (years and day-of-month numbers excluded: see `dates`)."""
    found: list[Quantity] = []
    # A release number ("4.2.0", "v2.3") is one figure, not the figures 4.2 and 0.
    releases = list(_RELEASE.finditer(text)) if "." in text else []
    for release in releases:
        value = _release_value(release.group("parts") or release.group("short"))
        found.append(Quantity(value, value, "count", None, None, release.group(0), release.start(), release.end(), True))
    for match in _quantity_matches(text):
        digits, words = match.group("digits"), match.group("words")
        if digits and any(r.start() <= match.start("digits") < r.end() for r in releases):
            continue
        if digits:
            first, last = match.span("digits")
            # A digit glued to letters (a model number such as "F-35" or "B2B") is not a figure.
            before = text[first - 1] if first > 0 else " "
            after = text[last] if last < len(text) else " "
            glued = before == "-" and first > 1 and text[first - 2].isalpha()
            # "2024-25", "2024/25": the end of a season or financial year, not a figure.
            season = before in "-–/" and last - first == 2 and _YEAR_BEFORE.search(text, 0, first - 1) is not None
            # "6am", "2.54am", "6.30 pm": a time of day written with its meridiem, glued or with a dot for the minutes.
            told = (
                _MERIDIEM.match(text, last) if before not in ":." and not before.isalpha() and (digits.isdigit() or _DOTTED_CLOCK.fullmatch(digits)) else None
            )
            if told is not None:
                hours, _, minutes_text = digits.partition(".")
                hours_value = int(hours) % 12 + (12 if told.group(0).strip().lower().startswith("p") else 0)
                minutes_value = int(minutes_text or 0)
                if int(hours) <= 12 and minutes_value < 60:
                    at = hours_value * 60 + minutes_value
                    # "after 1am" is any time from one on, "shortly before 6am" up to six, "about 6pm" near it.
                    hedge = _CLOCK_HEDGE.search(text, max(0, first - 30), first)
                    low, high, start = float(at), float(at), first
                    if hedge is not None:
                        reach = 60 if hedge.group(1) else 180
                        low, high = (at, at + reach) if hedge.group(2) else (at - reach, at) if hedge.group(3) else (at - 15, at + 15)
                        start = hedge.start()
                    found.append(Quantity(low, high, "clock", None, None, text[start : told.end()].strip(), start, told.end(), hedge is None))
                continue
            if before.isalpha() or glued or season or (after.isalpha() and not match.group("scale") and not match.group("percent")):
                continue
            # "At 21:47", "10 p.m.": a time of day, compared only with times of day.
            if before == ":" and _CLOCK.match(text, max(0, first - 3)):
                continue  # the minutes of a time read at its hours
            clock = _CLOCK_AT.match(text, first) if after == ":" and digits.isdigit() else None
            meridiem = _MERIDIEM.match(text, clock.end() if clock else last) if digits.isdigit() else None
            if clock or meridiem:
                hours = int(digits) % 12 + (12 if meridiem and meridiem.group(0).strip().lower().startswith("p") else 0) if meridiem else int(digits)
                minutes = int(clock.group(1)) if clock else 0
                close = clock.end() if clock else meridiem.end() if meridiem else last
                if hours < 24 and minutes < 60:
                    found.append(Quantity(hours * 60 + minutes, hours * 60 + minutes, "clock", None, None, text[first:close].strip(), first, close, True))
                continue
            value = float(digits.replace(",", ""))
            # "Jane Roe, 31, of Springfield" and "a 31-year-old": ages, compared only with ages (the cheap tests first).
            if (text[last : last + 1] == "," and not match.group("currency") and _NAME_BEFORE_AGE.search(text, 0, first)) or _AGE_AFTER.match(text, last):
                found.append(Quantity(value, value, "age", None, None, digits, first, last, True))
                continue
        else:
            if not re.match(r"\b", text[match.start("words") :]) or (match.start("words") > 0 and text[match.start("words") - 1].isalpha()):
                continue
            if match.end("words") < len(text) and text[match.end("words")].isalpha():
                continue
            # A capitalised number word inside a name ("Seven Hills Capital") is not a figure; one that
            # opens a sentence ("Three Hawks players...") is.
            opens_sentence = re.search(r"(?:^|[.!?:;\"“(]\s*)$", text[: match.start("words")]) is not None
            if words[0].isupper() and not opens_sentence and re.match(r"\s+[A-Z]", text[match.end("words") :]):
                continue
            value_or_none = _word_value(words)
            if value_or_none is None:
                continue
            value = float(value_or_none)
            # "one" is mostly a pronoun ("one of the companies"), but in a vote's tally a count: "by nine votes to one".
            if words.lower() == "one" and not match.group("scale") and not match.group("currency") and not _TALLY_TO.search(text, 0, match.start("words")):
                continue
        if match.group("dozen"):
            value *= 12
        if match.group("scale"):
            scale = match.group("scale").lower()
            # Lone letters only count as scales right after a figure, as in "$41m" or "2.5bn".
            if len(scale) == 1 and text[match.start("scale") - 1].isspace():
                continue
            value *= _SCALES[scale]
        if digits and not match.group("currency") and not match.group("scale") and not match.group("percent") and is_year(value, digits):
            continue
        if digits and _is_day_of_month(text, match.start("digits"), match.end("digits")):
            continue
        hundredth = match.group("hundredth") and not (match.group("currency") or match.group("currency_word") or match.group("percent"))
        if hundredth:
            value /= 100  # "13 cents" is 0.13 of the currency, "50p" half a pound
        kind = "percent" if match.group("percent") else "money" if (match.group("currency") or match.group("currency_word") or hundredth) else "count"
        if kind == "count" and digits and not match.group("scale") and _is_enumerator(text, match.start("digits"), match.end("digits")):
            continue
        if kind == "count" and digits and not match.group("scale") and _is_identifier(text, match.start("digits"), match.end("digits")):
            # "batch 4417", "14 Quay Street": a number naming one thing, compared only with such numbers.
            found.append(Quantity(value, value, "identifier", None, None, digits, match.start("digits"), match.end("digits"), True))
            continue
        if match.group("percent") and "point" in match.group("percent").lower():
            kind = "points"
        low, high, exact = _interval(value, match.group("prefix") or "", _unit(digits or "", value))
        tail = text[match.end() :]
        bound = (_BOUND_AFTER.match(tail) or _BOUND_BEFORE.search(text, max(0, match.start() - 20), match.start())) if exact else None
        if bound:
            # "the league's 70% limit", "a 50-seat cap": the figure is a bound, as "up to 70%" is; one the sentence compares
            # with is the other side of it ("fall below the 3 percent minimum": under 3 percent).
            compared = _COMPARED_WITH.search(text, max(0, match.start() - 40), match.start())
            if compared is not None:
                low, high, exact = (0, value, False) if compared.group(1) else (value, math.inf, False)
            else:
                low, high, exact = (value, math.inf, False) if bound.group(1).lower() in ("minimum", "floor") else (0, value, False)
        if _OVER_A_SPAN.match(tail) and (match.group("prefix") or "").lower() == "over" and not _MORE_THAN_SPAN.search(text[: match.start()]):
            low, high, exact = value, value, True  # "over four seasons": during four seasons, not more than four
        rate_match = _RATE.match(tail)
        if not rate_match and kind == "money":
            # "an annual salary of $210,000": a rate adjective before an amount of money is its rate.
            rate_match = _RATE_BEFORE.search(text[max(0, match.start() - 60) : match.start()])
        rate = None
        rate_text = ""
        if rate_match:
            word = next(g for g in rate_match.groups() if g)
            rate = _RATE_WORDS[word.lower()]
            rate_text = " ".join(rate_match.group(0).split())
        noun = _counted_noun(tail, value) if kind == "count" else None
        if kind == "count" and noun is None:
            noun = measure_before(text[max(0, match.start() - 40) : match.start()])
        if noun in _TIME_UNITS:
            kind = "duration"  # "the past 30 years": a span of time, not a count of things
            if noun in _YEARS_IN:
                # "two decades" is twenty years.
                low, high, noun = low * _YEARS_IN[noun], high * _YEARS_IN[noun], "years"
        start = (
            match.start("prefix")
            if match.group("prefix")
            else match.start("currency")
            if match.group("currency")
            else (match.start("digits") if digits else match.start("words"))
        )
        currency_mark = (match.group("currency") or match.group("currency_word") or match.group("hundredth") or "").lower()
        currency = _CURRENCY.get(currency_mark)
        if match.group("currency") == "$" and match.start("currency") > 0 and text[match.start("currency") - 1].isalpha():
            # "C$41 million", "A$2bn": another country's dollars.
            prefix_letters = re.search(r"[A-Za-z]+$", text[: match.start("currency")])
            currency = (prefix_letters.group(0).upper() if prefix_letters else "") + "$"
        found.append(Quantity(low, high, kind, rate, noun, text[start : match.end()].strip(), start, match.end(), exact, currency, rate_text))
    for match in _VAGUE_RE.finditer(text):
        if any(q.start <= match.start() < q.end for q in found):
            continue
        low, high = _VAGUE[match.group(1).lower()]
        found.append(Quantity(low, high, "count", None, _counted_noun(text[match.end() :]), match.group(0), match.start(), match.end(), False))
    for match in _YEARS_WORD.finditer(text):
        if any(q.end >= match.start() and q.start <= match.start() for q in found):
            continue
        years = _YEARS_IN[match.group(1).lower()]
        found.append(Quantity(years, years, "duration", None, "years", match.group(0), match.start(), match.end(), True))
    for match in _ONE_SPAN.finditer(text):
        # "within a week of the festival", "after a year of talks": a time relative to something, not a span given.
        relative = _SPAN_PREPOSITION.search(text, 0, match.start()) is not None
        if not relative and not any(q.start <= match.start() < q.end or 0 <= match.start() - q.end <= 1 for q in found):
            unit = match.group(1).lower()
            found.append(Quantity(1.0, 1.0, "duration", None, f"{unit}s", text[match.start() : match.end(1)], match.start(), match.end(1), True))
    for match in _TIMES_WORD.finditer(text):
        # "cut counselors twice in four years" counts times as "three times" does ("twice as many" is a multiplier).
        value = 2.0 if match.group(1).lower() == "twice" else 3.0
        found.append(Quantity(value, value, "count", None, "times", match.group(1), match.start(1), match.end(1), True))
    for match in _FRACTION.finditer(text):
        if re.search(r"\b(?:first|second|third|fourth|last|latter|former)\s+$", text[: match.start()], re.IGNORECASE):
            continue  # "the first half of 2024", "the third quarter of the year": a period, not a share
        named = match.group(1) or match.group(2)
        value = _FRACTION_PERCENT[" ".join(named.lower().replace("-", " ").split()).removesuffix("s")]
        low, high, start = value * 0.97, value * 1.03, match.start(1 if match.group(1) else 2)
        # "almost a quarter", "more than half", "by up to a fifth": a hedge or comparative before a fraction, as before a figure.
        hedge = _FRACTION_HEDGE.search(text, 0, start)
        if hedge:
            low, high, _ = _interval(value, hedge.group(1))
            start = hedge.start(1)
        # "two thirds of": the "two" is the fraction's, not a count.
        found = [q for q in found if not start <= q.start < match.end()]
        found.append(Quantity(low, high, "percent", None, None, text[start : match.end()], start, match.end(), False))
    # "all but two of the eight outlets" counts six of them.
    for match in _ALL_BUT.finditer(text):
        but = next((q for q in found if q.kind == "count" and q.exact and q.start == match.start("but")), None)
        whole = next((q for q in found if q.kind == "count" and q.exact and q.start == match.start("whole")), None)
        if but is not None and whole is not None and 0 < but.low < whole.low:
            rest = whole.low - but.low
            found[found.index(but)] = replace(but, low=rest, high=rest, noun=whole.noun, text=text[match.start() : but.end], start=match.start())
    for match in _RATIO.finditer(text):
        some, out_of = (_word_value(group) if group[0].isalpha() else float(group) for group in match.groups())
        if some is None or out_of is None or not 0 < some < out_of:
            continue
        value = 100 * some / out_of
        # A ratio is a rounded share: "one in five" is between one in four and a half and one in five and a half (18-22%),
        # "nine in ten" between eight and a half and nine and a half in ten.
        low, high = (100 / (out_of + 0.5), 100 / (out_of - 0.5)) if some == 1 else (100 * (some - 0.5) / out_of, 100 * (some + 0.5) / out_of)
        start = match.start()
        hedge = _FRACTION_HEDGE.search(text, 0, start)
        if hedge:
            low, high, _ = _interval(value, hedge.group(1))
            start = hedge.start(1)
        found = [q for q in found if not start <= q.start < match.end()]
        found.append(Quantity(low, high, "percent", None, None, text[start : match.end()], start, match.end(), False, ratio=True))
    return _understood_nouns(text, sorted(found, key=lambda q: q.start))


# "from 3,140 to 3,480 fans", "between 20 and 30 people", "54 x 72 cm": the first figure of a range counts what the second does.
_RANGE_BETWEEN = re.compile(r"^\s*(?:to|and|or|-|–|x|×|by)\s*(?:about|around|nearly|almost|some|over|under)?\s*$", re.IGNORECASE)
# "212 pairs, up from 180", "30 staff in 2020 compared with 45": the base of a comparison counts what the figure does.
_BASE_BETWEEN = re.compile(
    r"^[\s\-]*(?:[\w\-]+\s+){0,4}?[\w\-]+\s*,?\s*(?:(?:up|down|rising|falling|increasing|decreasing)\s+)?"
    r"(?:from|than|compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:about|around|nearly|almost|some|over|under|just)?\s*$",
    re.IGNORECASE,
)


# "from seven years to six": the end of a change written without its unit has the start's.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about|around|nearly|almost|some|over|under|just)?\s*$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"^\s*(?:[a-z][\w'’-]*\s+)?to\s+(?:about|around|nearly|almost|some|over|under|just)?\s*$", re.IGNORECASE)


_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those|which|whom)\b", re.IGNORECASE)
# "1,846 responses: 1,702 online and 144 on paper": the figures after a count's colon, in its sentence, break it down.
_BREAKDOWN = re.compile(r"^\s*[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?\s*:[^.;:!?]*$", re.IGNORECASE)


def _understood_nouns(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give a nounless count the noun it leaves understood: the other end of its range, or what its comparison compares."""
    result = list(found)
    for i, q in enumerate(found):
        if q.kind != "count" or q.noun:
            continue
        after = found[i + 1] if i + 1 < len(found) else None
        before = found[i - 1] if i > 0 else None
        if after and after.kind == "count" and after.noun and _RANGE_BETWEEN.match(text[q.end : after.start]):
            result[i] = replace(q, noun=after.noun)
        elif after and after.kind in ("duration", "percent", "points") and _RANGE_BETWEEN.match(text[q.end : after.start]):
            # "from 24 to 36 months", "from 23 to 19 percent": the first figure is in the second's unit.
            result[i] = replace(q, kind=after.kind, noun=after.noun)
        elif before and before.kind == "count" and before.noun and _BASE_BETWEEN.match(text[before.end : q.start]):
            result[i] = replace(q, noun=before.noun)
        elif _OF_THEM.match(text, q.end) and (counted := next((p for p in reversed(found[:i]) if p.kind == "count" and p.noun), None)):
            # "nine awards ... Four of them": a share of the things last counted counts them too.
            result[i] = replace(q, noun=counted.noun)
        elif total := next((p for p in reversed(found[:i]) if p.kind == "count" and p.noun and _BREAKDOWN.match(text[p.end : q.start])), None):
            result[i] = replace(q, noun=total.noun)
        elif before and before.kind == "duration" and _FROM_BEFORE.search(text, 0, before.start) and _TO_BETWEEN.match(text[before.end : q.start]):
            result[i] = replace(q, kind="duration", noun=before.noun)
    return result


def _is_day_of_month(text: str, start: int, end: int) -> bool:
    """'July 1' or '1 July': a number that is part of a date ("may" in lower case is a verb)."""
    before = text[max(0, start - 10) : start].split()
    after = text[end : end + 10].split()

    def month(word: str) -> bool:
        word = word.strip(",.")
        return word[:1].isupper() and word.lower() in _MONTHS

    # "from Friday 4 to Sunday 6 July": a weekday before it makes it a day.
    weekday = bool(before) and before[-1].strip(",.") in _WEEKDAYS
    return bool((before and month(before[-1])) or (after and month(after[0])) or weekday)


_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split())


@dataclass(frozen=True)
class DateMention:
    """A year, month (with optional day) or weekday named in text."""

    kind: str  # "year" | "month" | "weekday" | "decade" | "century"
    value: int | str
    text: str
    start: int
    day: int | None = None
    # Counted from a year written before it ("two years later" after "in 1983"): the text gives it without writing it.
    counted: bool = False


# A month's days as ordinal words: "the ninth of January", "March the twenty-first".
_DAY_WORDS = {
    word: n
    for n, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth
        sixteenth seventeenth eighteenth nineteenth twentieth""".split(),
        start=1,
    )
} | {f"twenty-{word}": 20 + n for word, n in zip("first second third fourth fifth sixth seventh eighth ninth".split(), range(1, 10))}
_DAY_WORDS |= {"thirtieth": 30, "thirty-first": 31}
_DAY_WORD = "|".join(sorted(_DAY_WORDS, key=len, reverse=True))
_MONTH_NAMES = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_RANGE_START = re.compile(
    r"(?<![\d$.,:/])\b(?P<start>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and|until|till|through)\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_NAMES
)
_RANGE_END = re.compile(r"\b" + _MONTH_NAMES + r"\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:-|–|to|until|till|through)\s*(?P<end>\d{1,2})(?:st|nd|rd|th)?\b(?!\d|[.,:]\d)")
_DATE = re.compile(
    r"(?:\b(?P<lead>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?|\b(?P<leadword>" + _DAY_WORD + r")\s+of\s+)?"
    r"\b" + _MONTH_NAMES + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b|\s+the\s+(?P<dayword>" + _DAY_WORD + r")\b)?"
    r"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
    r"|(?<![\d$.,])(?P<year>1[89]\d\d|20\d\d)(?:s\b|(?!\d|,\d))"
    r"|(?:['‘’]|\b(?P<century>1[89]|20))(?P<decade>\d)0s\b"
)


def dates(text: str) -> list[DateMention]:
    """Years, months and weekdays named in text; "May" counts only before a day or year or after "in"."""
    found: list[DateMention] = []
    for match in _DATE.finditer(text):
        if match.group("month"):
            month = match.group("month")
            if (
                month == "May"
                and not match.group("day")
                and not match.group("lead")
                and not match.group("leadword")
                and not re.search(r"\b(?:in|of|since|until|by)\s+$", text[: match.start()])
                and not re.match(r"\s+\d{4}", text[match.end() :])
            ):
                continue
            # "June 22" and "22 June" (or "the 22nd of June") alike.
            written = match.group("lead") or match.group("day")
            spelled = match.group("leadword") or match.group("dayword")
            day = int(written) if written else _DAY_WORDS[spelled.lower()] if spelled else None
            found.append(DateMention("month", _MONTHS[month.lower().rstrip(".")], match.group(0), match.start(), day))
        elif match.group("weekday"):
            found.append(DateMention("weekday", match.group("weekday").lower(), match.group(0), match.start()))
        elif match.group("year") and not match.group(0).endswith("s"):
            found.append(DateMention("year", int(match.group("year")), match.group(0), match.start()))
        elif match.group("decade") is not None:
            # "the '80s" is read as the 1980s for decades 30-90 and the 2000s/2010s/2020s otherwise.
            tens = int(match.group("decade")) * 10
            century = int(match.group("century")) * 100 if match.group("century") else (1900 if tens >= 30 else 2000)
            found.append(DateMention("decade", century + tens, match.group(0), match.start()))
        elif match.group("year"):
            year = int(match.group("year"))
            if year % 10 == 0:
                found.append(DateMention("decade", year, match.group(0), match.start()))
    # The first day of a range takes its month from the second's: "from Friday 4 to Sunday 6 July", "between 4 and 12 July";
    # the second day of "July 4-6" from the first's.
    for pattern, end in ((_RANGE_START, "start"), (_RANGE_END, "end")):
        for match in pattern.finditer(text):
            found.append(DateMention("month", _MONTHS[match.group("month").lower().rstrip(".")], match.group(end), match.start(end), int(match.group(end))))
    # An ISO date ("2024-11-05", as changelogs and data files write them) names its month and day as well as its year.
    for match in _ISO_DATE.finditer(text):
        found.append(DateMention("month", int(match.group(1)), match.group(0), match.start(), int(match.group(2))))
    if "entury" in text:
        found += centuries(text)
    if " year" in text:
        found += _counted_years(text, found)
    return sorted(found, key=lambda d: d.start)


def years_named(text: str) -> frozenset[int]:
    """The years a text names ("2024", "in May 2025")."""
    return frozenset(int(d.value) for d in dates(text) if d.kind == "year")


# A year told by its distance from the one before it: "two years later", "three years afterwards", "ten years on", "the next
# year", "the following year", "a year later", "four years earlier". Not "next year" (counted from today) nor "two years after
# the war" (counted from what follows).
_COUNTED_YEAR = re.compile(
    r"\b(?:(?P<count>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+years?\s+(?P<way>later|afterwards|on|earlier)"
    r"|the\s+(?P<next>next|following|previous|preceding)\s+year)\b(?!\s+(?:after|before|than|from)\b)",
    re.IGNORECASE,
)


def _counted_years(text: str, written: list[DateMention]) -> list[DateMention]:
    """The years a text tells by their distance from the year it wrote last before them (`_COUNTED_YEAR`)."""
    found = []
    for match in _COUNTED_YEAR.finditer(text):
        base = [d for d in written if d.kind == "year" and d.start < match.start()]
        if not base:
            continue
        if match.group("next"):
            step = 1 if match.group("next").lower() in ("next", "following") else -1
        else:
            count = match.group("count").lower()
            value = int(count) if count.isdigit() else _word_value("one" if count == "a" else count)
            if not value:
                continue
            step = -int(value) if match.group("way").lower() == "earlier" else int(value)
        found.append(DateMention("year", int(base[-1].value) + step, match.group(0), match.start(), counted=True))
    # "maintained the bridge for 11 years until 2022": the span's first year, 2011.
    for match in _SPAN_UNTIL.finditer(text):
        count = match.group("count").lower()
        span = int(count) if count.isdigit() else _word_value(count)
        if span:
            found.append(DateMention("year", int(match.group("end")) - int(span), match.group(0), match.start(), counted=True))
    return found


_SPAN_UNTIL = re.compile(
    r"\bfor\s+(?:the\s+)?(?:(?:nearly|almost|about|some|over)\s+)?(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
    r"\s+years\s+(?:until|till|to|up\s+to)\s+(?P<end>1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)


_CENTURY_ORDINALS = {
    word: n
    for n, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth
        sixteenth seventeenth eighteenth nineteenth twentieth""".split(),
        start=1,
    )
}
# "the fourteenth century", "the 14th-century tower", "the twenty-first century".
_CENTURY = re.compile(
    r"\b(?:(?P<twenty>twenty[\s-]+)?(?P<word>" + "|".join(_CENTURY_ORDINALS) + r")|(?P<digits>\d{1,2})(?:st|nd|rd|th))[\s-]+century\b",
    re.IGNORECASE,
)


_OWN_CENTURY = re.compile(r"\s+of\s+(?:its|their|his|her|our|the)\b", re.IGNORECASE)


def centuries(text: str) -> list[DateMention]:
    """The centuries a text names by their ordinal ("the fourteenth century", "14th-century"), as dates of kind "century"."""
    found = []
    for match in _CENTURY.finditer(text):
        ordinal = match.group("word")
        value = int(match.group("digits")) if ordinal is None else _CENTURY_ORDINALS[ordinal.lower()] + (20 if match.group("twenty") else 0)
        # "the first century of its life" counts from the thing's own start, not the calendar's.
        if 1 <= value <= 22 and not _OWN_CENTURY.match(text, match.end()):
            found.append(DateMention("century", value, match.group(0), match.start()))
    return found


_ISO_DATE = re.compile(r"(?<![\d-])(?:1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])")


# "three of Saltmoor's six goals", "12 out of 40 members": a count taken from a larger count of the same things.
_SHARE_BETWEEN = re.compile(r"^\s+(?:out\s+)?of\s+(?:(?:the|its|their|his|her|our|your|these|those|all)\s+)?(?:[\w\-]+['’]s\s+)?$", re.IGNORECASE)
# "420 jars, of which 260", "87 cases, of whom 36": a count taken from the one before it.
_SHARE_OF_WHICH = re.compile(r"^(?:\s+[\w\-]+){0,3}\s*,\s*of\s+(?:which|whom|these|them)\s+$", re.IGNORECASE)
# A year written just after a day's date: "4 November 2022", "June 22, 2024".
_YEAR_AFTER = re.compile(r"^,?\s+(1[89]\d\d|20\d\d)\b")


def derived_figures(text: str, figures: Sequence[Quantity], named: Sequence[DateMention], anchors: Sequence[DateMention] = ()) -> list[Quantity]:
    """Figures a text gives by arithmetic on its own: the share one count is of another ("three of its six goals" is 50%),
    and the days or years between two of its dates ("arrested on 4 November and 9 November" is five days apart).

    A distance counts only between a date in `anchors` (the claim's dates) and another, or between the text's only two
    dates of their kind: any two of many years are some number of years apart.
    """
    found = []
    for part, whole in itertools.pairwise(figures):
        if (
            part.kind == whole.kind == "count"
            and part.exact
            and whole.exact
            and 0 < part.low < whole.low
            and _SHARE_BETWEEN.match(text[part.end : whole.start])
        ):
            share = 100 * part.low / whole.low
            found.append(Quantity(share, share, "percent", None, whole.noun, text[part.start : whole.end], part.start, whole.end, False))
        # "420 jars, of which about 260 had been sold": the count after "of which" is taken from the one before it.
        total, taken = part, whole
        if (
            total.kind == taken.kind == "count"
            and total.exact
            and 0 < taken.low <= taken.high < total.low
            and _SHARE_OF_WHICH.match(text[total.end : taken.start])
        ):
            low, high = 100 * taken.low / total.low, 100 * taken.high / total.low
            found.append(Quantity(low, high, "percent", None, total.noun, text[total.start : taken.end], total.start, taken.end, False))
    # "received the first call at 02:47 ... The first appliance arrived at 02:54": seven minutes between times of day told
    # one after the other (only those: any two of many times are some minutes apart).
    clocks = [q for q in figures if q.kind == "clock" and q.exact]
    for earlier, later in itertools.pairwise(clocks):
        gap = later.low - earlier.low
        if gap > 0:
            between = text[earlier.start : later.end]
            found.append(Quantity(gap, gap, "duration", None, "minutes", between, earlier.start, later.end, True))
            found.append(Quantity(gap / 60, gap / 60, "duration", None, "hours", between, earlier.start, later.end, True))
    days = [d for d in named if d.kind == "month" and d.day and not d.counted]
    years = [d for d in named if d.kind == "year" and not d.counted]
    for group, unit in ((days, "days"), (years, "years")):
        anchored = [(a, b) for a, b in itertools.combinations(group, 2) if any(_same_date(x, y) for x in (a, b) for y in anchors)]
        for first, second in anchored or (list(itertools.combinations(group, 2)) if len(group) == 2 else []):
            apart = _days_apart(text, first, second) if unit == "days" else abs(int(first.value) - int(second.value))
            if not apart:
                continue
            start, end = min(first.start, second.start), max(first.start + len(first.text), second.start + len(second.text))
            found.append(Quantity(apart, apart, "duration", None, unit, text[start:end], start, end, True))
            # A span from one day to another counts both: "from Friday 4 to Sunday 6 July" is three days of a festival.
            if unit == "days" and _SPAN_BETWEEN.match(text[start:end]):
                found.append(Quantity(apart + 1, apart + 1, "duration", None, unit, text[start:end], start, end, True))
            if unit == "days" and apart % 7 == 0:
                found.append(Quantity(apart // 7, apart // 7, "duration", None, "weeks", text[start:end], start, end, True))
    return found


# Two days as the ends of one span ("4 to 6 July", "4 July - 6 July", "Friday 4 to Sunday 6 July").
_SPAN_BETWEEN = re.compile(
    r"^(?:[A-Z][a-z]+\.?\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+[A-Z][a-z]+\.?)?\s*(?:-|–|to|until|till|through)\s*(?:[A-Z][a-z]+day\s+)?\d{1,2}\b"
)


def _same_date(date: DateMention, other: DateMention) -> bool:
    return (date.kind, date.value, date.day) == (other.kind, other.value, other.day)


def _days_apart(text: str, first: DateMention, second: DateMention) -> int | None:
    """The days between two days' dates, each in the year written after it, or the other's when it has none."""
    written = [_YEAR_AFTER.match(text[d.start + len(d.text.rstrip(".")) :]) for d in (first, second)]
    years = [int(w.group(1)) if w else None for w in written]
    fallback = next((y for y in years if y), 2001)
    try:
        days = [datetime.date(y or fallback, int(d.value), d.day or 1) for y, d in zip(years, (first, second))]
    except ValueError:
        return None
    return abs((days[0] - days[1]).days)
