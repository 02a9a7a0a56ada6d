"""What the stance rules work on and return: a claim–passage pair, a finding, and the rule and blocker interfaces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

from ..analysis import Analysis, analyse
from ..calibration import Thresholds
from ..figures import DateMention, Quantity
from ..language.parts import doers_of, heads_of, verbs_of
from ..models import Conflict, Stance
from ..names import missing_names, name_in_same_slot, name_present, read_as_name, without_opening_article
from ..nli import Entailment
from .compare import DATED_BYLINE, date_conflict, figure_conflict
from .matching import Answered, answered_yes_no, coverage, question_and_answer


@dataclass(frozen=True)
class Finding:
    """What one rule found on a pair: a conflict (contradiction rules) or the reason support is withheld (blockers)."""

    rule: str
    conflict: Conflict | None = None
    reason: str = ""

    @property
    def explanation(self) -> str:
        """The finding in words, as reports show it."""
        return self.conflict.explanation if self.conflict is not None else self.reason


@dataclass(frozen=True)
class Judgement:
    """A passage's stance toward a claim, with the reason, the rule that decided it and the signals behind it."""

    stance: Stance
    explanation: str
    signals: dict[str, float] = field(default_factory=dict)
    conflict: Conflict | None = None  # set when the passage contradicts the claim
    rule: str | None = None  # the contradiction rule or support blocker that decided, if one did


@dataclass
class Pair:
    """A claim and a passage, analysed, with how closely they align: computed once, read by every rule."""

    claim: Analysis
    passage: Analysis
    claim_text: str  # as given, before normalising: spans are offsets in it when it needed no normalising
    passage_text: str
    similarity: float
    thresholds: Thresholds
    idf: dict[str, float] | None
    context: Analysis | None  # the sentences before the passage, where "he" or "the agency" was named
    names: frozenset[str] | None  # words the corpus writes as names
    nli: Entailment | None
    missing: list[str]  # claim names neither the passage, its lead-in nor its byline mention
    cover: float  # share of the claim's content words the passage has
    predicate: float  # share of what the claim says about its names the passage says (antonyms count)
    # A conflict found on a passage that is not on the claim's very assertion: it cannot contradict, but it blocks support.
    doubt: Conflict | None = None
    about: Analysis | None = None  # what the passage's document is about: its title, file name and section heading
    topic: frozenset[str] = frozenset()  # stems of the words naming what the claim is about ("sluice" in "sluice's option")
    grounding: Analysis | None = None  # the passage with its lead-in, title, heading and byline: everything it is read with
    grounded: float = 1.0  # share of what the claim says about its names that `grounding` says (antonyms count)
    credited: Analysis | None = None  # the passage's document's outlet and author
    frame: Analysis | None = None  # the lead-in the claim hangs from, when it is a draft's list item
    # Lemmas of the verbs the claim's assertions turn on ("open" in "The mayor opened the bridge"); None: not parsed yet.
    verbs: tuple[str, ...] | None = None
    # The nouns and adjectives filling the claim's object, attribute and prepositional slots ("water" in "supplies water to
    # Arno"), as the claim writes them; None: not parsed yet.
    heads: tuple[str, ...] | None = None
    # "verb doer" of the claim's acts done by people or bodies ("move officer"); None: not parsed yet.
    doers: tuple[str, ...] | None = None
    after: str = ""  # the sentence after the passage in its document, where what it reports may be disputed
    speaker: str = ""  # who a transcript's or minutes' label gives the passage's paragraph to ("AGNES TULLY"), if anyone
    read_with: str = ""  # what the passage is read with: the lead-in under its heading, its title and heading, its byline

    @cached_property
    def table(self) -> list[list[str]]:
        """The rows of the passage's table, each a list of its cells (`tables.table_rows`); [] when it holds none."""
        from .tables import table_rows  # tables reads pairs

        return table_rows(self.passage_text)

    @cached_property
    def table_row(self) -> list[str] | None:
        """The row of the passage's table the claim's figures are read from, if it is one (`tables.read_row`)."""
        from .tables import read_row  # tables reads pairs

        return read_row(self)

    @cached_property
    def claim_verbs(self) -> tuple[str, ...]:
        """`verbs`, or when the caller gave none the claim's own, parsed here: only the few blockers that read them parse."""
        return self.verbs if self.verbs is not None else verbs_of(self.claim_text)

    @cached_property
    def claim_doers(self) -> list[tuple[str, str]]:
        """(verb, doer) of the claim's acts done by people or bodies: `doers`, or when the caller gave none parsed here."""
        found = self.doers if self.doers is not None else doers_of(self.claim_text)
        return [(pair[0], pair[1]) for pair in (doing.split() for doing in found) if len(pair) == 2]

    @cached_property
    def claim_heads(self) -> tuple[str, ...]:
        """`heads`, or when the caller gave none the claim's own, parsed here."""
        return self.heads if self.heads is not None else heads_of(self.claim_text)

    @cached_property
    def question(self) -> tuple[str, str] | None:
        """(the question, its answer) when the passage opens on a question (`matching.question_and_answer`)."""
        return question_and_answer(self.passage_text)

    @cached_property
    def answered(self) -> Answered | None:
        """The yes-or-no question the passage opens on, with its answer (`matching.answered_yes_no`)."""
        return answered_yes_no(self.passage_text) if self.question is not None else None

    @cached_property
    def period(self) -> tuple[frozenset[int], frozenset[int]]:
        """(the claim's years, or when it names none its lead-in's; the years the passage speaks of: its own, or when it names
        none, its document's title and heading)."""
        claim_years = _years(self.claim) or (_years(self.frame) if self.frame is not None else frozenset())
        own = _years(self.passage)
        if own or self.about is None:
            return claim_years, own
        # "next year" in a 2025 document speaks of 2026 too; "last year" of 2024.
        shift = {_RELATIVE_YEARS[m.group(1).lower()] for m in _RELATIVE_YEAR.finditer(self.passage.text)}
        about = _years(self.about)
        return claim_years, about | {year + step for year in about for step in shift}

    @cached_property
    def framed(self) -> Analysis | None:
        """The passage with what its document is about (title, file name, heading) around it: "- Rewritten in Go." under
        "## 3.0.0 (2021-10-01)" gives the version and the date. None when nothing is known about it."""
        if self.about is None:
            return None
        # "next year" in a document of 2025 gives 2026.
        resolved = sorted(self.period[1] - _years(self.about)) if not _years(self.passage) else []
        return analyse("\n".join([self.about.text, self.passage.text, *map(str, resolved)]))

    @property
    def figures_given(self) -> bool:
        """Every claim figure is in the passage or in its heading or title."""
        return self.figures[1] or (self.framed is not None and figure_conflict(self.claim, self.framed)[1])

    @property
    def dates_given(self) -> bool:
        """Every claim date is in the passage or in its heading or title."""
        return self.dates[1] or (self.framed is not None and date_conflict(self.claim, self.framed)[1])

    @property
    def other_period(self) -> bool:
        """The passage names no year, but its document is about another year than the claim's ("Revenue rose 4%" in a 2023 report);
        or the claim takes its year from its lead-in, and the passage names only other years (the date rules cannot weigh a
        year the claim does not write)."""
        claim_years, years = self.period
        framed = not _years(self.claim)
        return bool(claim_years) and bool(years) and (not _years(self.passage) or framed) and not claim_years & years

    @property
    def aligned(self) -> bool:
        """The passage is on the claim's assertion: close in meaning and sharing most of its words."""
        return self.similarity >= self.thresholds.align_similarity and self.cover >= self.thresholds.align_coverage

    @property
    def reads_like_claim(self) -> bool:
        """The passage clears every support floor but the blockers': only then is what it lacks the reason it is withheld (below,
        it is only related)."""
        t = self.thresholds
        return self.similarity >= t.support_min_similarity and self.cover >= t.support_min_coverage and self.predicate >= t.support_min_predicate

    @property
    def same_assertion(self) -> bool:
        """Aligned, naming every claim name, and saying most of what the claim says about them."""
        return self.aligned and not self.missing and self.predicate >= self.thresholds.contradict_coverage

    @property
    def on_assertion(self) -> bool:
        """Close enough for a negation or antonym, which names the very word at issue, to contradict.

        A close paraphrase (high cosine) is on the same assertion whatever else the claim adds; a passage holding every word of
        the claim is on it however much more it says.
        """
        t = self.thresholds
        aligned_loosely = self.similarity >= t.align_similarity and self.cover >= t.polarity_coverage
        whole = min(self.cover, self.predicate) >= t.polarity_whole_coverage and self.similarity >= t.polarity_whole_similarity
        return (aligned_loosely and self.predicate >= t.polarity_coverage) or self.similarity >= t.polarity_similarity or whole

    @cached_property
    def figures(self) -> tuple[tuple[Quantity, Quantity] | None, bool]:
        """(claim figure and the source figure that contradicts it, every claim figure matched)."""
        return figure_conflict(self.claim, self.passage)

    @cached_property
    def dates(self) -> tuple[tuple[DateMention, list[DateMention]] | None, bool]:
        """(claim date and the source dates that contradict it, every claim date matched).

        A dated byline gives the passage its date ("*Gazette - 11 September 2025*" over "was sentenced today") but does not
        contradict the date of an event the text tells of ("reversed last year's decision")."""
        conflict, matched = date_conflict(self.claim, self.passage)
        if conflict is not None and DATED_BYLINE.search(self.passage_text):
            conflict = date_conflict(self.claim, analyse(DATED_BYLINE.sub("", self.passage_text)))[0]
        return conflict, matched

    @cached_property
    def swap_missing(self) -> list[str]:
        """Claim names the passage lacks: candidates for a swapped name.

        A name the passage's document stands for (its byline, title or heading: "we" in Acme's report) is not missing, nor
        the claim's first name when its lead-in names it ("It opened..." after "Acme"). Other names must be in the passage:
        "retries at WARNING level" swaps the claim's ERROR even when the sentence before mentions an error."""
        lacking = missing_names(self.claim, self.passage, None, self.names)
        grounds = [ground for ground in (self.credited, self.about) if ground is not None]
        # Unless the passage puts another name where the claim has it: the catalogue of the sale at Marlowe's saying "bought at
        # Harcourt's in 1978" swaps the claim's "bought at Marlowe's", whatever its title names.
        lacking = [name for name in lacking if not any(name_present(name, ground) for ground in grounds) or self._placed_elsewhere(name)]
        first = self.claim.entities[0] if self.claim.entities else None  # names come in the order the text gives them
        if first in lacking and self.context is not None and name_present(first, self.context) and not self._opens_on_another_name:
            lacking.remove(first)
        return lacking

    def _placed_elsewhere(self, name: str) -> bool:
        """Whether the passage puts another name after the preposition the claim puts `name` after ("bought at X" against
        "bought at Y"): "of" and a possessive tie a name to another word, not to the claim's event."""
        before = _PREPOSITION_BEFORE.search(self.claim.text, 0, max(0, self.claim.text.find(name)))
        other = name_in_same_slot(self.claim, self.passage, name, self.names) if before else None
        if before is None or other is None:
            return False
        return re.search(rf"\b{before.group(1)}\s+(?:the\s+)?{re.escape(other)}", self.passage.text, re.IGNORECASE) is not None

    @property
    def _opens_on_another_name(self) -> bool:
        """The passage opens on a name of its own that the claim lacks ("Amazon has ..."): its subject is that name, not
        the one its lead-in named."""
        passage = self.passage
        opening = without_opening_article(passage.text)
        first = next((name for name in passage.entities if opening.startswith(name)), None)
        if first is None or name_present(first, self.claim):
            return False
        return read_as_name(first, passage, self.names)

    @property
    def swappable(self) -> bool:
        """One claim name is missing, and everything else in the claim is there: room for a swapped name."""
        t = self.thresholds
        if len(self.swap_missing) != 1 or self.similarity < t.swap_similarity:
            return False
        return coverage(self.claim, self.passage, self.idf, t.default_idf, self.swap_missing, ignore=self.swap_missing) >= t.swap_coverage

    def span(self, side: str, start: int, end: int) -> tuple[int, int] | None:
        """Offsets in the analysed `side` ("claim" or "passage") as offsets in the text as given, when normalising left it alone."""
        analysed, given = (self.claim, self.claim_text) if side == "claim" else (self.passage, self.passage_text)
        return (start, end) if analysed.text == given else None


# The preposition right before a name: where or from whom an event took place ("at Marlowe & Finch", "from Acme").
_PREPOSITION_BEFORE = re.compile(r"\b(at|from|to|in|with|by|for|into|via)\s+(?:the\s+)?$", re.IGNORECASE)


_RELATIVE_YEAR = re.compile(r"\b(next|last|previous|following|coming)\s+year\b", re.IGNORECASE)
_RELATIVE_YEARS = {"next": 1, "following": 1, "coming": 1, "last": -1, "previous": -1}


def _years(analysis: Analysis) -> frozenset[int]:
    """The years a text names."""
    return frozenset(int(d.value) for d in analysis.dates if d.kind == "year")


class Rule:
    """A contradiction rule: finds, on a pair, a claim side and a source side that cannot both be true."""

    name: ClassVar[str]
    signal: ClassVar[str | None]  # the key recorded in the judgement's signals when the rule fires, if any

    def admits(self, pair: Pair) -> bool:
        """Whether the pair is close enough to the claim's assertion for this rule to look at it."""
        return True

    def decisive(self, pair: Pair) -> bool:
        """Whether a finding contradicts the claim; when not, it only keeps the passage from supporting it."""
        return True

    def check(self, pair: Pair) -> Finding | None:
        """The conflict on this pair, if any."""
        raise NotImplementedError


class OnAssertionRule(Rule):
    """A rule that names the very word at issue (a negation, an antonym, a comparison, a role): it looks at any passage
    naming the claim's names, contradicts one on the claim's assertion, and otherwise keeps it from supporting the claim."""

    def admits(self, pair: Pair) -> bool:
        return not pair.missing

    def decisive(self, pair: Pair) -> bool:
        return pair.on_assertion


class Blocker:
    """A support blocker: a reason a passage that reads like the claim still does not say it."""

    name: ClassVar[str]

    def check(self, pair: Pair) -> Finding | None:
        """The reason this passage cannot support the claim, if any."""
        raise NotImplementedError
