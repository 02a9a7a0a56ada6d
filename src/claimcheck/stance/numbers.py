"""Contradiction rules on figures and dates: another amount, another date, a figure given to another name, a comparison reversed."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ..analysis import Analysis, analyse, find_names
from ..figures import Quantity, measure_before, unit_scale
from ..lexicon import FALLING_WORDS, RISING_WORDS, SIDE_AGAINST, SIDE_FOR, STOP_WORDS
from ..models import Conflict
from ..names import plain_name, read_as_name
from ..text import stem, words
from .base import Finding, OnAssertionRule, Pair, Rule
from .compare import (
    describe,
    directed_changes,
    given_by_part,
    governed_alike,
    in_tally,
    is_change,
    is_change_end,
    is_change_start,
    measured_alike,
    opposite_acts,
    opposite_change,
    other_unit,
    reversed_change,
    row_of,
    same_noun,
    words_before,
)
from .degrees import CONTRASTS, periods_of_year
from .matching import matches
from .slots import clause_at, clauses, foreign, owner_of, subject_of


def bound_entity(analysis: Analysis, figure: Quantity, window: int) -> str | None:
    """The name written right before a figure ("Beta's 150", "Acme has 204") within `window` characters."""
    before = analysis.text[max(0, figure.start - window) : figure.start]
    # Stop at the previous figure or a contrast ("204, compared to Beta's 150"): what precedes it is another's.
    before = re.split(r"\d[\d,.]*|\b(?:compared|while|whereas|versus|vs)\b", before)[-1]
    names = find_names(before, sentence_initial=True)
    return names[-1] if names else None


# A figure joined to another by a dash ("beat Dunmere 2–1"): one side of a score or a pair, which the name before it does
# not own alone.
_PAIRED_AFTER = re.compile(r"\s?[–-]\s?\d")
_PAIRED_BEFORE = re.compile(r"\d\s?[–-]\s?$")


def _paired(analysis: Analysis, figure: Quantity) -> bool:
    """Whether a count is one side of a score or pair written "2–1"."""
    text = analysis.text
    return figure.kind == "count" and bool(_PAIRED_AFTER.match(text, figure.end) or _PAIRED_BEFORE.search(text[max(0, figure.start - 3) : figure.start]))


def _gives_after(pair: Pair, figure: Quantity, source: Quantity) -> bool:
    """Whether the passage gives the claim's figure later in the row of its own figure, with no other name between, not as
    where a change started ("down from 69%"), and as the figure of words of the claim as much as its own: "has planted 1,300
    of its promised 4,000 alders" gives the owner both figures for "promised to plant 4,000 alders", but not for "had
    planted all 4,000"."""
    passage = pair.passage
    row_end = source.end + len(row_of(passage.text[source.end :], 0))
    claimed = words_before(pair.claim, figure)

    def said(q: Quantity) -> int:
        return len(claimed & words_before(passage, q))

    return any(
        p.kind == figure.kind
        and p.overlaps(figure)
        and source.end <= p.start < row_end
        and not find_names(passage.text[source.end : p.start])
        and not is_change_start(passage, p)
        and said(p) >= said(source)
        for p in passage.figures
    )


def _said_of_both(pair: Pair, figure: Quantity, other: Quantity) -> bool:
    """The sentence (or table row) around the passage's figure says a word (not a name) of the claim's clause around its
    figure, or says nothing else: "Acme paid $38 million in cash" says nothing of Acme's revenue."""
    claim_clause = clause_at(clauses(pair.claim.text), figure.start)
    if claim_clause is None:
        return True
    around = analyse(row_of(pair.passage.text, other.start))
    said = (claim_clause.analysis.content & pair.claim.content) - pair.claim.entity_stems
    own = around.content - pair.claim.content - around.entity_stems
    return not said or not own or any(matches(s, around) for s in said)


def _tallied(pair: Pair, figure: Quantity, source: Quantity) -> bool:
    """Whether the claim's figure is in a vote's tally and the passage's in its only tally: one vote's count, told twice."""
    return in_tally(pair.claim.text, figure.start) and in_tally(pair.passage.text, source.start, only=True)


def _part_of_year(pair: Pair, source: Quantity) -> bool:
    """The passage gives its figure for a quarter or half the claim does not name, in its sentence or its document's title
    or heading: "revenue of $74 million in the first quarter", or in a half-year report, is not the year's revenue."""
    periods = periods_of_year(row_of(pair.passage.text, source.start)) | (periods_of_year(pair.about.text) if pair.about is not None else set())
    return bool(periods - periods_of_year(pair.claim.text))


def said_of_another(pair: Pair, claimed: tuple[int, int], source: tuple[int, int]) -> bool:
    """Whether the passage gives its figure or date (at `source`) in a clause about another subject or thing than the one the
    claim's (at `claimed`) is said of: "Brightway closed five stores" gives no count of Corliss's closures."""
    owner = owner_of(pair, *claimed, subject_of(pair))
    return foreign(pair, *source, clauses(pair.passage.text), owner) is not None


_COMPARATIVE = re.compile(
    r"\b(?P<word>more|fewer|less|greater|larger|bigger|smaller|higher|lower)\b(?P<between>[^.;]{0,60}?)\bthan\b\s+(?P<other>[^.;,]{1,60})",
    re.IGNORECASE,
)
_MORE = frozenset("more greater larger bigger higher".split())


class AttributionRule(Rule):
    """A figure the claim gives to one name that the passage gives to another."""

    name = "attribution"
    signal = "attribution_conflict"

    def admits(self, pair: Pair) -> bool:
        # A figure given to the wrong name is checkable even when the passage omits other names; not in a passage about
        # another year, which gives that year's figures.
        return pair.aligned and not pair.other_period

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for figure in claim.figures:
            owner = None if _paired(claim, figure) else bound_entity(claim, figure, 40)
            # A sentence-opening word the corpus does not write as a name owns nothing ("Sales rose 4%").
            if not owner or (pair.names is not None and not read_as_name(owner, claim, pair.names)):
                continue
            owner_stems = {stem(w) for w in words(owner)}
            for q in passage.figures:
                # "rose from 3,140 to 3,480": a passage giving the change's end agrees with its start.
                # One side of a score ("won 1-0") is no name's amount.
                if q.kind != figure.kind or is_change_end(claim, figure, q) or _paired(passage, q):
                    continue
                # "1.6 nautical miles" is not set against "3 kilometres", nor "13.8 knots" against "212 passengers".
                if other_unit(q, figure) or (q.noun and figure.noun and q.noun.endswith("s") and figure.noun.endswith("s") and not same_noun(q, figure)):
                    continue
                source_owner = bound_entity(passage, q, 25)
                if not source_owner:
                    continue
                source_stems = {stem(w) for w in words(source_owner)}
                same_amount = q.low <= figure.high and figure.low <= q.high
                # The same amount at another rate is the figure rule's to explain ("a month" vs "a year").
                if not source_stems & owner_stems or q.overlaps(figure) or same_amount:
                    continue
                # Another amount of another thing, or of another period, is no conflict; nor a share against a change
                # ("accounted for 27% of revenue" against "revenue rose 6%").
                if not _said_of_both(pair, figure, q) or _part_of_year(pair, q) or is_change(claim, figure) != is_change(passage, q):
                    continue
                # "Rovers won 20 games" and "Rovers lost 12 games": figures of opposite acts.
                if opposite_acts(claim, figure, passage, q):
                    continue
                if given_by_part(claim, figure, q):
                    continue
                if _gives_after(pair, figure, q):
                    continue
                # The passage gives this name another figure, and the claim's figure is not also given to it.
                if not any(p.overlaps(figure) and (o := bound_entity(passage, p, 25)) and {stem(w) for w in words(o)} & owner_stems for p in passage.figures):
                    conflict = Conflict(
                        self.name,
                        f"{plain_name(owner)} {figure.text}",
                        f"{plain_name(source_owner)} {q.text}",
                        "source gives {source}; claim gives {claim}",
                        claim_span=pair.span("claim", figure.start, figure.end),
                        source_span=pair.span("passage", q.start, q.end),
                    )
                    return Finding(self.name, conflict)
        return None


def _words_before(analysis: Analysis, figure: Quantity, reach: int) -> list[str]:
    """The last `reach` words before a figure in its sentence, lower case."""
    before = re.split(r"[.;!?](?:\s|$)", analysis.text[max(0, figure.start - 100) : figure.start])[-1]
    return [w.lower() for w in words(before)][-reach:]


# Words right before a figure that make it a forecast or a plan: "is expected to cost", "will cost", "is forecast at".
_FORECAST = frozenset("will expected expects expect forecast forecasts projected planned budgeted".split())


def _forecast_against_outcome(pair: Pair, figure: Quantity, source: Quantity) -> bool:
    """The passage forecasts its figure ("is expected to cost about £75,000") where the claim says what came to pass ("ended
    up costing £90,000"): a plan is not contradicted by its outcome."""
    return not _FORECAST.isdisjoint(_words_before(pair.passage, source, 5)) and _FORECAST.isdisjoint(_words_before(pair.claim, figure, 8))


def _other_qualifier(pair: Pair, figure: Quantity, source: Quantity) -> bool:
    """The two figures are of differently qualified measures: "net profit fell 13%" against "operating profit fell 6%"."""
    claimed, given = set(_words_before(pair.claim, figure, 5)), set(_words_before(pair.passage, source, 5))
    return any((claimed & group) and (given & group) and not (claimed & group) & (given & group) for group in CONTRASTS)


def _words_after(analysis: Analysis, figure: Quantity, reach: int) -> set[str]:
    """The first `reach` words after a figure in its clause, lower case."""
    after = re.split(r"[.;,!?](?:\s|$)", analysis.text[figure.end : figure.end + 100])[0]
    return {w.lower() for w in words(after)[:reach]}


def _other_side(pair: Pair, figure: Quantity, source: Quantity) -> bool:
    """The figures count the two sides of a vote: "11.7% voted against it" and "94% of votes cast supported it"."""
    claimed, given = _words_after(pair.claim, figure, 4), _words_after(pair.passage, source, 6)
    return bool((claimed & SIDE_FOR and given & SIDE_AGAINST) or (claimed & SIDE_AGAINST and given & SIDE_FOR))


def figure_finding(rule: str, pair: Pair, figure: Quantity, source: Quantity) -> Finding:
    """A conflict between the claim's figure and the passage's, as the rule that found it words it."""
    if unit_scale(figure.noun, source.noun) is not None:
        # "source: 115 mm; claim: 12 cm": figures in two units are quoted with them.
        figure, source = _with_unit(pair.claim, figure), _with_unit(pair.passage, source)
    conflict = Conflict(
        rule,
        describe(figure),
        describe(source),
        claim_span=pair.span("claim", figure.start, figure.end),
        source_span=pair.span("passage", source.start, source.end),
    )
    return Finding(rule, conflict)


def _with_unit(analysis: Analysis, figure: Quantity) -> Quantity:
    """The figure with the unit written right after it ("115 mm", "12-centimetre") in its text."""
    unit = re.match(rf"[\s-]?{re.escape(figure.noun or '')}\b", analysis.text[figure.end :], re.IGNORECASE)
    if not figure.noun or unit is None:
        return figure
    end = figure.end + unit.end()
    return replace(figure, text=analysis.text[figure.start : end], end=end)


# Between a figure and the one it corrects: "will cost £640,000, not £460,000", "fell 11% in 2023, not 14%". ("30 days
# instead of 14" may be a change over time, which leaves the older figure true of its time.)
_IN_PLACE_OF = re.compile(r"^(?:\s+[\w-]+){0,2}\s*,?\s*(?:and\s+)?not\s+$", re.IGNORECASE)


class CorrectedFigureRule(Rule):
    """The passage corrects the claim's very figure to another: "will cost £640,000, not £460,000"."""

    name = "corrected_figure"
    signal = "figure_conflict"

    def admits(self, pair: Pair) -> bool:
        # Naming the claim's figure to replace it pins the passage to the claim's fact, though it may leave some of the claim's
        # names to the article it corrects; it must still name one of them, in it or around it.
        claim = pair.claim
        return pair.aligned and (not claim.entities or len(pair.missing) < len(claim.entities))

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for figure in claim.figures:
            for given, replaced in itertools.pairwise(passage.figures):
                if not (given.kind == replaced.kind == figure.kind) or not _IN_PLACE_OF.match(passage.text[given.end : replaced.start]):
                    continue
                if given.overlaps(figure) or not (replaced.exact and replaced.overlaps(figure)):
                    continue
                # The replacing figure is a figure of what the claim's is ("cost £640,000" for "costing £460,000").
                if not words_before(claim, figure) & words_before(passage, given) and not same_noun(figure, given):
                    continue
                return figure_finding(self.name, pair, figure, given)
        return None


class _SamePeriodRule(Rule):
    """A rule comparing figures or dates: on the claim's very assertion, or aligned with it where the figure or date is plainly
    the same quantity or event, and only for the claim's period."""

    def admits(self, pair: Pair) -> bool:
        # A passage about another year (by its document's title or heading) states another fact, not a conflicting one.
        return (pair.same_assertion and not pair.other_period) or (self.loosely_admits(pair) and self.same_quantity(pair))

    def loosely_admits(self, pair: Pair) -> bool:
        """Aligned and naming every claim name, with less of the claim's predicate than the very assertion needs."""
        return pair.aligned and not pair.missing and not pair.other_period and pair.predicate >= pair.thresholds.measure_coverage

    def same_quantity(self, pair: Pair) -> bool:
        """Whether the conflicting figure or date is plainly the same quantity or event as the claim's, however the rest is worded."""
        return False


class FigureRule(_SamePeriodRule):
    """A claim figure the passage gives otherwise: another amount, or the same amount at another rate."""

    name = "figure"
    signal = "figure_conflict"

    def admits(self, pair: Pair) -> bool:
        # Or the passage names the claim's names and gives its figure of the same word, whatever else the claim adds ("After
        # the May rescissions, the remaining cuts are expected to save $5.1 million" against "... expected to save $4.4 million").
        return super().admits(pair) or (self.governed(pair) and self.same_quantity(pair))

    def governed(self, pair: Pair) -> bool:
        """Close in meaning, naming every claim name, saying some of its predicate, and giving the claim's figure of the same
        word (`compare.governed_alike`)."""
        t = pair.thresholds
        if pair.missing or pair.other_period or pair.similarity < t.align_similarity or pair.predicate < t.measure_coverage:
            return False
        found = pair.figures[0]
        return found is not None and governed_alike(pair.claim, found[0], pair.passage, found[1])

    def same_quantity(self, pair: Pair) -> bool:
        # Two figures of one named measure ("a population of 6,150" for "a population of about 5,000") or the same amount
        # at another rate ("$600,000 a month" for "a year") are the same quantity given otherwise, though the rest of the
        # claim is worded differently ("today has" for "had"). Counted nouns alone do not make one measure: "the remaining
        # 86 stores" are not the 12 bought, "four goals before Saturday" not the season's six.
        found = pair.figures[0]
        if found is None:
            return False
        figure, source = found
        if figure.rate and source.rate and figure.rate != source.rate:
            return True
        if _tallied(pair, figure, source):
            return True
        claim_measure = measure_before(pair.claim.text[max(0, figure.start - 40) : figure.start])
        source_measure = measure_before(pair.passage.text[max(0, source.start - 40) : source.start])
        if claim_measure and source_measure and stem(claim_measure) == stem(source_measure):
            return True
        return measured_alike(pair.claim, figure, pair.passage, source) or governed_alike(pair.claim, figure, pair.passage, source)

    def check(self, pair: Pair) -> Finding | None:
        if pair.figures[0] is None:
            return None
        figure, source = pair.figures[0]
        # A tally is the voting body's, whatever the claim's sentence is about ("the station was reinstated by 8 votes to 1").
        said_of_other = not _tallied(pair, figure, source) and said_of_another(pair, (figure.start, figure.end), (source.start, source.end))
        if _part_of_year(pair, source) or said_of_other:
            return None
        if _forecast_against_outcome(pair, figure, source) or _other_qualifier(pair, figure, source) or _other_side(pair, figure, source):
            return None
        return figure_finding(self.name, pair, figure, source)


class ReversedChangeRule(_SamePeriodRule):
    """A change the passage gives the other way round: "cut from 4 to 2" against "rose from 2 to 4"."""

    name = "reversed_change"
    signal = "figure_conflict"

    def check(self, pair: Pair) -> Finding | None:
        found = reversed_change(pair.claim, pair.passage)
        if found is None:
            return None
        (start, end), (source_start, source_end) = found
        conflict = Conflict(
            self.name,
            f"from {start.text} to {end.text}",
            f"from {source_start.text} to {source_end.text}",
            claim_span=pair.span("claim", start.start, end.end),
            source_span=pair.span("passage", source_start.start, source_end.end),
        )
        return Finding(self.name, conflict)


class OppositeChangeRule(_SamePeriodRule):
    """A change the claim gives a figure the passage gives going the other way: "rose by 5%" against "fell by 5%"."""

    # "3% less carbon dioxide" against "3% more than in 2023": the same amount of change, opposite ways, is the same change
    # told otherwise, however the rest is worded; a passage giving the figure both ways (two measures) decides nothing.
    name = "opposite_change"
    signal = "figure_conflict"

    def same_quantity(self, pair: Pair) -> bool:
        return True

    def check(self, pair: Pair) -> Finding | None:
        found = opposite_change(pair.claim, pair.passage)
        if found is None:
            return None
        claimed, given = found
        conflict = Conflict(
            self.name,
            pair.claim.text[claimed.start : claimed.end],
            pair.passage.text[given.start : given.end],
            "source says '{source}'; claim says '{claim}'",
            claim_span=pair.span("claim", claimed.start, claimed.end),
            source_span=pair.span("passage", given.start, given.end),
        )
        return Finding(self.name, conflict)


class DirectionRule(OnAssertionRule):
    """The claim says a measure rose (or fell), and the passage gives it going the other way."""

    # "visitor numbers fell" against "41,000 visitors in 2024, up from 36,500 in 2023".
    name = "direction"
    signal = "figure_conflict"

    def decisive(self, pair: Pair) -> bool:
        # A change of the claim's measure between the claim's own dates is the claim's change, however it is worded.
        return pair.on_assertion or (bool(pair.claim.dates) and pair.dates_given)

    def check(self, pair: Pair) -> Finding | None:
        claim = pair.claim
        rising, falling = not RISING_WORDS.isdisjoint(claim.tokens), not FALLING_WORDS.isdisjoint(claim.tokens)
        # A claim with figures of its own is the figure rules' to weigh; one saying both ways is a comparison of two things.
        if rising == falling or claim.figures:
            return None
        said = "up" if rising else "down"

        # Only a measure the passage names as such: the figures' counted noun or the noun before "of" ("a population of").
        def of_claims_measure(start: Quantity, end: Quantity) -> bool:
            measure = {stem(q.noun) for q in (start, end) if q.noun}
            measure |= {stem(m) for q in (start, end) if (m := measure_before(pair.passage.text[max(0, q.start - 40) : q.start]))}
            return bool(measure & (claim.content - claim.entity_stems))

        measured = [(moved, start, end) for moved, start, end in directed_changes(pair.passage) if of_claims_measure(start, end)]
        if not measured or any(moved == said for moved, _, _ in measured):
            return None
        word = next(t for t in claim.tokens if t in (RISING_WORDS if rising else FALLING_WORDS))
        _, start, end = measured[0]
        where = pair.span("passage", min(start.start, end.start), max(start.end, end.end))
        return Finding(self.name, Conflict(self.name, word, f"from {start.text} to {end.text}", source_span=where))


def _word_before(analysis: Analysis, at: int) -> str | None:
    """The stem of the content word right before offset `at` past function words only ("closed in 1927" → "close"), if near;
    none when it is a name ("Walter (1848-1919)" dates Walter, not an event)."""
    for token in reversed(words(analysis.text[max(0, at - 40) : at])[-4:]):
        if token not in STOP_WORDS:
            return None if stem(token) in analysis.entity_stems else stem(token)
    return None


class DateRule(_SamePeriodRule):
    """A claim year, month, day or weekday the passage gives otherwise for the same event."""

    name = "date"
    signal = "date_conflict"

    def same_quantity(self, pair: Pair) -> bool:
        # A date the passage hangs on the same word ("closed in 1927" for "closed in 1931") is the same event dated
        # otherwise, though the rest of the claim is worded differently ("shipyard" for "yard").
        found = pair.dates[0]
        if found is None:
            return False
        date, sources = found
        if any(d.kind == date.kind and d.value == date.value for d in pair.passage.dates):
            return False  # the passage gives the claim's date too, for something
        anchor = _word_before(pair.claim, date.start)
        return anchor is not None and all(_word_before(pair.passage, source.start) == anchor for source in sources)

    def check(self, pair: Pair) -> Finding | None:
        if pair.dates[0] is None:
            return None
        date, found = pair.dates[0]
        claimed = (date.start, date.start + len(date.text))
        sources = [d for d in found if not said_of_another(pair, claimed, (d.start, d.start + len(d.text)))]
        if not sources:
            return None
        # A span only where the source side is one date.
        one = sources[0] if len(sources) == 1 else None
        conflict = Conflict(
            self.name,
            date.text,
            ", ".join(dict.fromkeys(d.text for d in sources)),
            claim_span=pair.span("claim", date.start, date.start + len(date.text)),
            source_span=pair.span("passage", one.start, one.start + len(one.text)) if one else None,
        )
        return Finding(self.name, conflict)


# "six of her nine crew": a part of a whole; "all nine", "all of its 12", "every one of the 40": the whole.
_PART_OF = re.compile(r"^\s+(?:out\s+)?of\s+(?:the|its|their|his|her|our|those|these)?\s*(?:[\w-]+['’]s\s+)?$", re.IGNORECASE)
_ALL_BEFORE = re.compile(r"\b(?:all|all\s+of\s+(?:the|its|their|his|her|our)|every\s+one\s+of\s+(?:the|its|their|his|her|our))\s+$", re.IGNORECASE)


def _parts_of_wholes(analysis: Analysis) -> list[tuple[Quantity, Quantity]]:
    """Every "M of N" a text gives with M less than N, as (part, whole)."""
    return [
        (part, whole)
        for part, whole in itertools.pairwise(analysis.figures)
        if part.kind == whole.kind == "count" and part.high < whole.low and _PART_OF.match(analysis.text[part.end : whole.start])
    ]


def _wholes(analysis: Analysis) -> list[tuple[int, Quantity]]:
    """Every figure a text gives as all of something ("all nine crew"), with where its "all" starts."""
    found = []
    for q in analysis.figures:
        all_of = _ALL_BEFORE.search(analysis.text, max(0, q.start - 30), q.start) if q.kind == "count" else None
        if all_of is not None:
            found.append((all_of.start(), q))
    return found


_AFTER_PREPOSITION = re.compile(r"\b(?:of|at|on|in|for|to|from|with|across|among|between)\s+$", re.IGNORECASE)
# "all of the viaduct's brickwork", "the whole fleet", "every branch": what follows is said of the whole.
_ALL_OF = re.compile(r"\b(?:all|every|the\s+whole|the\s+entire)\s+(?:of\s+)?(?:(?:the|its|their|his|her|our)\s+)?", re.IGNORECASE)
# "31 per cent of the brickwork": what follows a share is what it is a share of.
_SHARE_OF = re.compile(r"^\s+of\s+(?:(?:the|its|their|his|her|our)\s+)?", re.IGNORECASE)


def _share_of_all(claim: Analysis, passage: Analysis) -> tuple[str, str] | None:
    """(the claim's "all of the X", the passage's "N per cent of the X") where the passage gives less than the whole of X."""
    for found in _ALL_OF.finditer(claim.text):
        if re.search(r"\bof\s+$", claim.text[: found.start()], re.IGNORECASE):
            continue  # "two thirds of all adults": a share of the whole, not the whole
        whole = [w for w in words(claim.text[found.end() :])[:4] if w.lower() not in STOP_WORDS]
        for share in passage.figures:
            of = _SHARE_OF.match(passage.text[share.end :])
            if share.kind != "percent" or share.high >= 100 or of is None:
                continue
            part = [w for w in words(passage.text[share.end + of.end() :])[:3] if w.lower() not in STOP_WORDS][:2]
            if not part or not {stem(w) for w in part} <= {stem(w) for w in whole[:3]}:
                continue
            end = share.end + of.end() + passage.text[share.end + of.end() :].find(part[-1]) + len(part[-1])
            # Both go on to say the same of it ("... brickwork needs repointing"), not one its share and the other its whole.
            whole_end = found.end() + claim.text[found.end() :].find(whole[min(2, len(whole) - 1)]) + len(whole[min(2, len(whole) - 1)])
            if {stem(w) for w in _said_after(claim.text[whole_end:])} & {stem(w) for w in _said_after(passage.text[end:])}:
                return claim.text[found.start() : whole_end], passage.text[share.start : end]
    return None


def _whole_said_to_act(claim: Analysis, passage: Analysis) -> tuple[str, str] | None:
    """(the claim's "38 ... said", the passage's "11 of those 38") where the passage gives the act to only part of the
    claim's number: "38 heads said the marks did not match" against "11 of those 38 say that marks do not match"."""
    given = {q.low for q in claim.figures if q.kind == "count"}
    for part, whole in _parts_of_wholes(passage):
        if part.low in given:
            continue  # the claim gives the part too ("eleven of the 38")
        # What the passage says its part did: its first words after the whole, all said after the claim's figure.
        act = {stem(w) for w in _said_after(passage.text[whole.end :])}
        for figure in claim.figures:
            if figure.kind != "count" or figure.low != whole.low or re.search(r"\bof\s+(?:\w+\s+)?$", claim.text[: figure.start]):
                continue
            after = {stem(w) for w in words(claim.text[figure.end :])}
            if act and act <= after and not _PART_OF.match(claim.text[figure.end : figure.end + 12] + " "):
                return figure.text, passage.text[part.start : whole.end]
    return None


def _said_after(text: str) -> list[str]:
    """The first content words of what a text goes on to say."""
    return [w for w in words(text)[:4] if w.lower() not in STOP_WORDS][:2]


class PartOfAllRule(OnAssertionRule):
    """One side says all N did it, the other only M of the N: "all nine crew were lost" against "six of her nine crew drowned"."""

    # And "all of the brickwork needs repointing" against "about 31 per cent of the brickwork needs repointing"; and "38 heads
    # said ..." against "11 of those 38 say ...".
    name = "part_of_all"
    signal = "figure_conflict"

    def check(self, pair: Pair) -> Finding | None:
        found = _share_of_all(pair.claim, pair.passage)
        if found is not None:
            return Finding(self.name, Conflict(self.name, *found))
        for said_all, said_part, who in ((pair.claim, pair.passage, "claim"), (pair.passage, pair.claim, "source")):
            for opening, whole in _wholes(said_all):
                # "was measured at the lower connection of all 22 hangers": all 22 stand after a preposition, where nothing is
                # said they did, so "seven of the 22 had lost ..." tells of another act.
                if _AFTER_PREPOSITION.search(said_all.text, max(0, opening - 12), opening):
                    continue
                for part, of in _parts_of_wholes(said_part):
                    if not of.overlaps(whole):
                        continue
                    # A side giving the part's count too tells of both: "measured at all 22 hangers. Seven hangers showed
                    # loss" bears out "seven of the 22 hangers".
                    if any(q.kind == part.kind and q.overlaps(part) and not q.overlaps(whole) for q in said_all.figures):
                        continue
                    everything = said_all.text[opening : whole.end]
                    some = said_part.text[part.start : of.end]
                    claim_side, source_side = (everything, some) if who == "claim" else (some, everything)
                    return Finding(self.name, Conflict(self.name, claim_side, source_side))
        found = _whole_said_to_act(pair.claim, pair.passage)
        return Finding(self.name, Conflict(self.name, *found)) if found is not None else None


class ComparisonRule(OnAssertionRule):
    """ "A has more X than B" where the passage gives A a smaller figure than B (or the reverse)."""

    name = "comparison"
    signal = "comparison_conflict"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        match = _COMPARATIVE.search(claim.text)
        if not match:
            return None
        subjects = find_names(claim.text[: match.start()], sentence_initial=True)
        objects = find_names(match.group("other"), sentence_initial=True)
        if not subjects or not objects:
            return None
        first, second = subjects[-1], objects[0]
        owned: dict[str, Quantity] = {}
        for figure in passage.figures:
            owner = bound_entity(passage, figure, 25)
            for name in (first, second):
                if owner and name not in owned and {stem(w) for w in words(owner)} & {stem(w) for w in words(name)}:
                    owned[name] = figure
        if len(owned) < 2 or owned[first].kind != owned[second].kind:
            return None
        a, b = owned[first], owned[second]
        word = match.group("word").lower()
        says_more = word in _MORE
        if (says_more and a.high < b.low) or (not says_more and a.low > b.high):
            conflict = Conflict(
                self.name,
                f"{plain_name(first)} has {word}",
                f"{plain_name(first)} {a.text} and {plain_name(second)} {b.text}",
                "source gives {source}; claim says {claim}",
                claim_span=pair.span("claim", match.start("word"), match.end("word")),
            )
            return Finding(self.name, conflict)
        return None
