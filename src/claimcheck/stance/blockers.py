"""Support blockers: why a passage that reads like the claim still does not say it."""

from __future__ import annotations

import itertools
import math
import re

from ..analysis import CALENDAR_NAMES, Analysis, analyse
from ..figures import Quantity, dates, quantities
from ..index.lexical import paraphrase_stems
from ..lexicon import (
    ACCEPTING_WORDS,
    CHOOSING_VERBS,
    CORRECTION_WORDS,
    CURRENT_WORDS,
    DECIDING_VERBS,
    FUTURE_FRAME,
    LIGHT_VERBS,
    MODALS,
    OBLIGATION_MODALS,
    OPEN_AHEAD,
    OPEN_BEHIND,
    ORDERING_VERBS,
    OWED_BEFORE_TO,
    PAST_FORMS,
    PLAN_WORDS,
    PROCESS_STAGES,
    PROPOSING_VERBS,
    REVERSALS,
    REVERSING_WORD,
    ROLE_NOUNS,
    STOP_WORDS,
    TIME_BOUNDS,
    VIEW_NOUNS,
)
from ..models import Conflict
from ..names import name_present, speaker_name
from ..text import stem, words
from .base import Blocker, Finding, Pair, Rule
from .compare import ABOUT_REPORTING, date_conflict, figure_conflict, same_noun
from .compare import RETRACTED as _RETRACTED
from .compare import STATEMENT_END as _STATEMENT_END
from .grounding import past_forms, verb_forms
from .matching import (
    asked_stems,
    context_stems,
    coverage,
    denies_asked,
    leaves_amount,
    matches,
    negated_near,
    negated_words,
    opposites,
    other_counted_groups,
    point_in_time,
    qualifier_stems,
    same_subject,
)
from .slots import other_clause_subject
from .tables import gives, stems_of


class DoubtBlocker(Blocker):
    """A contradiction rule found a conflict on a passage not quite on the claim's assertion: it may say otherwise."""

    name = "may_say_otherwise"

    def check(self, pair: Pair) -> Finding | None:
        return Finding(self.name, reason=f"source may say otherwise: {pair.doubt.statement}") if pair.doubt else None


class ConditionBlocker(Blocker):
    """The passage says what the claim says only in a condition ("If the seat was made before June, ..."): it asserts none of it."""

    # "If the model is a C210 and was made between March and June, it may be affected" does not say C210s were made then.
    name = "conditional"

    def check(self, pair: Pair) -> Finding | None:
        if _CONDITION_WORDS & set(words(pair.claim.text.lower())):
            return None
        said = [s for s in pair.claim.content if matches(s, pair.passage)]
        if len(said) < 3:
            return None
        for sentence in _STATEMENT_END.split(pair.passage_text):
            opening = _CONDITION_OPENING.match(sentence)
            # The condition runs to the comma before the main clause: the last one, as "If A, B or C, it may be" has more.
            end = sentence.rfind(",")
            if opening is None or end < 0:
                continue
            condition, main = analyse(sentence[:end]), analyse(sentence[end:])
            inside = [s for s in said if matches(s, condition) and not matches(s, main)]
            if len(inside) >= _CONDITION_SHARE * len(said):
                return Finding(self.name, reason=f"source says it only as a condition (“{sentence[:end].strip()[:80]}”)")
        return None


# A sentence opening on a condition, and the words by which a claim states one of its own.
_CONDITION_OPENING = re.compile(r"^[\s*_>-]*(?:if|unless|provided|providing|should|in\s+case)\b", re.IGNORECASE)
_CONDITION_WORDS = frozenset("if unless provided providing whether when whenever".split())
# How much of what the claim and passage share must lie in the condition alone.
_CONDITION_SHARE = 0.6


class QuestionBlocker(Blocker):
    """A passage asking a question asserts nothing by it; asking whether, it says so only with a "yes" (its denial with a "no")."""

    # "Does the tool delete files?" alone says nothing; "No." or "Only on Sundays." after it does not say it does. A question
    # offering alternatives says none of them.

    name = "question"

    def check(self, pair: Pair) -> Finding | None:
        found = pair.question
        if found is not None and not found[1]:
            return Finding(self.name, reason="source asks this, it does not say it")
        # A question offering alternatives ("Do I get a refund or a replacement?") takes none of them as given.
        if found is not None and "or" in words(found[0].lower()):
            return Finding(self.name, reason=f"source asks “{found[0]}”; its answer says which")
        # A question asking what, when or who takes what it asks as given ("When did the mill close?" / "In 1931."): the
        # answer says it with the question, when it gives something of the claim ("We cannot say yet." gives nothing).
        answered = pair.answered
        if found is not None and answered is None and not _answer_gives(pair.claim, *found):
            return Finding(self.name, reason=f"source's answer to “{found[0]}” does not give what the claim says")
        if answered is None:
            return None
        if answered.says != (not denies_asked(pair.claim, answered.question)) and not _answer_repeats_denial(pair.claim, found[1] if found else ""):
            return Finding(self.name, reason=f"source answers “{answered.reply}” to “{answered.question}”")
        # A "no" bears out a claim denying a word of what is asked: "Is there parking at the ground?" / "No." and "There is no
        # parking for supporters".
        if not answered.says:
            return None
        # A "yes" says what the question asks, so the claim must say it too: "open at the same time as the rest?" / "Yes."
        # does not say it opens after the rest.
        if all(matches(s, pair.claim) for s in asked_stems(answered.question, pair.topic)):
            return None
        return Finding(self.name, reason=f"source answers “{answered.reply}” to “{answered.question}”, which the claim does not ask")


def _answer_repeats_denial(claim: Analysis, answer: str) -> bool:
    """Whether a "No." answer goes on to deny, in a sentence of its own, the very word the claim denies: "Can I go up the
    lighthouse?" / "No. It has never been open to the public" bears out "has never been open to visitors"."""
    body = re.split(r"(?<=[.!;])\s", answer.strip(), maxsplit=1)
    if len(body) < 2:
        return False
    denied = set(claim.negated)
    return bool(denied) and bool(denied & analyse(body[1]).negated.keys())


def _answer_gives(claim: Analysis, question: str, answer: str) -> bool:
    """Whether the first sentence of an answer has a word or figure of the claim that its question does not."""
    first = analyse(re.split(r"(?<=[.!;])\s", answer, maxsplit=1)[0])
    asked = analyse(question)
    said = {s for t, s in zip(claim.tokens, claim.stems) if t not in STOP_WORDS}
    return any(s in first.stems and s not in asked.stems for s in said) or any(matches(s, first) and not matches(s, asked) for s in claim.content)


class HeadingBlocker(Blocker):
    """A passage that is only a heading ("## Compression level") names a topic; it asserts nothing about it."""

    name = "heading"

    def check(self, pair: Pair) -> Finding | None:
        raw = pair.passage_text.strip()
        return Finding(self.name, reason="source only has it as a heading") if raw.startswith("#") and "\n" not in raw else None


class QuotationBlocker(Blocker):
    """A quotation in the claim (a title, a phrase) that the passage does not contain nearly verbatim."""

    name = "missing_quotation"

    def check(self, pair: Pair) -> Finding | None:
        from rapidfuzz import fuzz

        for match in re.finditer(r'"([^"]{3,200})"', pair.claim.text):
            quoted = match.group(1).strip(" ,.")
            if quoted and fuzz.partial_ratio(quoted.lower(), pair.passage.text.lower()) < 85:
                return Finding(self.name, reason=f"source does not have the quoted words “{quoted}”")
        return None


class PronounSpeakerBlocker(Blocker):
    """The claim names who said it; the passage gives the words to "he", "she" or "they", and names that person only after."""

    # 'She said the turbines would "industrialise the moor"' then the next speaker's label, "Alasdair Brennan (applicant)": a
    # pronoun points back to someone named before it, never to a name that follows.
    name = "pronoun_speaker"

    def check(self, pair: Pair) -> Finding | None:
        claimed, found = pair.claim.speaker, _PRONOUN_SAID.search(pair.passage.text)
        if not claimed or found is None or claimed.lower() in _PRONOUNS:
            return None
        before = analyse(pair.passage.text[: found.start()])
        if name_present(claimed, before) or not name_present(claimed, pair.passage):
            return None
        if pair.context is not None and name_present(claimed, pair.context):
            return None
        return Finding(self.name, reason=f"source gives the words to '{found.group(1)}', and names {claimed} only after them")


class LabelledSpeakerBlocker(Blocker):
    """The claim gives the words to one speaker; a transcript's or minutes' label gives the passage's paragraph to another."""

    # "7.2 PROFESSOR SOLHEIM: ... Until that is decided, the findings stand" are not the Vice-Chancellor's words.
    name = "other_speaker_label"

    def check(self, pair: Pair) -> Finding | None:
        if not pair.speaker:
            return None
        claimed = speaker_name(pair.claim) or pair.claim.speaker or _role_speaker(pair.claim.text)
        if not claimed or claimed.lower() in _PRONOUNS or name_present(claimed, analyse(pair.speaker)):
            return None
        # The passage may itself give the words to the claim's speaker: "As Ortiz told the board, ...".
        own = speaker_name(pair.passage)
        if own is not None and name_present(claimed, analyse(own)):
            return None
        return Finding(self.name, reason=f"source gives the words to {pair.speaker}, not {claimed}")


def _role_speaker(text: str) -> str | None:
    """The post a claim gives its words to, written in lower case: "the dean told the meeting" gives "dean"."""
    match = _ROLE_SAID.search(text)
    return match.group(1) if match is not None and match.group(1).split()[-1].lower() in ROLE_NOUNS else None


_ROLE_SAID = re.compile(r"\bthe\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:said|says|told|tells|wrote|added|explained|insisted|warned|argued)\b", re.IGNORECASE)
_PRONOUNS = frozenset("he she they i we".split())
# A pronoun as the speaker: "She said", "he told", "they added".
_PRONOUN_SAID = re.compile(r"\b(he|she|they)\s+(?:said|says|told|added|argued|warned|explained|stated)\b", re.IGNORECASE)


class RetractedBlocker(Blocker):
    """The passage repeats, to correct it, what was published before ("We also said that Rovers finished three points clear")."""

    name = "retracted"

    def check(self, pair: Pair) -> Finding | None:
        # A claim about the correction itself ("The Gazette had to correct its report that ...") is what the passage says.
        if ABOUT_REPORTING.search(pair.claim.text):
            return None
        found = _RETRACTED.search(pair.passage.text)
        return Finding(self.name, reason=f"source repeats what was published before, to correct it (“{found.group(0).strip()}”)") if found else None


# What marks a correcting sentence in a notice cut into sentences: "the correct figure is", "was in fact".
_CORRECTING = re.compile(r"\b(?:correct|in\s+fact|actually|should\s+have)\b", re.IGNORECASE)


def corrects(text: str, wrong: str, right: str) -> bool:
    """Whether a correction notice's `text` repeats `wrong` as what was published ("We also said that 1,400 savers were
    affected") and gives `right` in the sentence after it ("the correct figure is 1,140")."""
    if not wrong or not right:
        return False
    for found in _RETRACTED.finditer(text):
        ends = _STATEMENT_END.search(text, found.end())
        end = ends.end() if ends else len(text)
        following = _STATEMENT_END.search(text, end)
        # The correction may follow in the same sentence, after a semicolon ("...; the correct figure is 1,140").
        repeated, corrected = text[found.end() : end], text[found.end() : following.end() if following else len(text)]
        said = repeated.split(";")[0]
        # A notice, or a correcting sentence in a notice cut into sentences: "the correct figure is", "was in fact".
        marked = CORRECTION_WORDS.search(text) or _CORRECTING.search(corrected[len(said) :])
        if marked and wrong in said and right in corrected[len(said) :]:
            return True
    return False


class CorrectedRule(Rule):
    """A correction notice repeats the claim as the error it corrects: "We also said that X finished three points clear."."""

    # The notice says the claim is wrong, whichever report still says it: the claim is contradicted, not merely unsupported.
    name = "corrected"
    signal = "corrected"

    def admits(self, pair: Pair) -> bool:
        return pair.similarity >= pair.thresholds.align_similarity

    def check(self, pair: Pair) -> Finding | None:
        text = pair.passage.text
        if ABOUT_REPORTING.search(pair.claim.text):
            return None
        around = " ".join(ground.text for ground in (pair.passage, pair.about, pair.context) if ground is not None)
        if not CORRECTION_WORDS.search(around):
            return None
        # A notice may correct several statements ("we said that … We also said that …"): each is weighed in turn.
        for found in _RETRACTED.finditer(text):
            finding = self._corrects(pair, found)
            if finding is not None:
                return finding
        return None

    def _corrects(self, pair: Pair, found: re.Match[str]) -> Finding | None:
        """The conflict when the statement a notice repeats at `found` is the claim."""
        text = pair.passage.text
        ends = _STATEMENT_END.search(text, found.end())
        end = ends.end() if ends else len(text)
        repeated = analyse(text[found.end() : end])
        # The repeated statement is the claim: it gives every figure the claim gives and every date, or no other date (the
        # notice need not repeat when it happened; a claim with neither is left to the blocker), and most of the claim's
        # words are in it or in what it is read with (the notice's line on which report).
        claim = pair.claim
        following = _STATEMENT_END.search(text, end)
        # "...; the correct figure is 1,140.": the correction may follow the repeated statement in its own sentence.
        correction = text[end : following.end() if following else len(text)].strip()
        if ";" in text[found.end() : end]:
            correction = text[text.index(";", found.end()) + 1 : end].strip()
        # Every claim figure is one the statement gives, bounded as the claim's is: "about 86,000 seats" is not repeated as
        # "more than 21,000 of the seats", which it allows.
        figures_given = not claim.figures or (
            figure_conflict(claim, repeated)[1]
            and all(any(q.overlaps(f) and math.isinf(q.high) == math.isinf(f.high) for q in repeated.figures) for f in claim.figures)
        )
        other_date, every_date = date_conflict(claim, repeated)
        dates_given = every_date or (bool(claim.figures) and other_date is None)
        # A claim with neither figures nor dates is the repeated statement when the notice names who or what it should have
        # named instead ("attributed a remark ... to Raymond Ortiz. The remark was made by Dana Whitfield.").
        # Or when the sentence after it takes the statement back whole: "That is no longer the case."
        renamed = not (claim.figures or claim.dates) and (
            _renames(claim, repeated, analyse(correction)) or _recasts(claim, repeated, correction) or _WITHDRAWN.match(correction) is not None
        )
        if not renamed and (not (claim.figures or claim.dates) or not figures_given or not dates_given):
            return None
        read_with = analyse(" ".join([repeated.text, *(ground.text for ground in (pair.about, pair.context) if ground is not None)]))
        # Or the claim's figures are the repeated statement's, counting the same things ("1,400 savers"), however the rest is worded.
        counted = bool(claim.figures) and all(any(q.overlaps(f) and same_noun(q, f) for q in repeated.figures) for f in claim.figures)
        if not counted and coverage(claim, read_with, pair.idf, pair.thresholds.default_idf) < pair.thresholds.align_coverage:
            return None
        said = found.group(0).strip()
        source = correction or f"{said} {text[found.end() : end].strip()}"
        return Finding(self.name, Conflict(self.name, claim.text.rstrip(". "), source, "source corrects it: “{source}”; claim: {claim}"))


def _renames(claim: Analysis, repeated: Analysis, correction: Analysis) -> bool:
    """Whether a notice repeats every name of the claim and its correction names someone or something the claim does not."""
    return (
        bool(claim.entities)
        and all(name_present(name, repeated) for name in claim.entities)
        and any(not name_present(name, claim) and not name_present(name, repeated) for name in correction.entities)
    )


def _recasts(claim: Analysis, repeated: Analysis, correction: str) -> bool:
    """Whether a notice repeats every name of the claim and then says what one of them was instead ("The same report described
    Colm Feeney as her campaign manager. Mr Feeney was her election agent."), in words the claim does not use."""
    if not claim.entities or not all(name_present(name, repeated) for name in claim.entities):
        return False
    said = _RECAST.match(correction)
    if said is None or not any(name_present(name, analyse(said.group(1))) for name in claim.entities):
        return False
    new = {stem(w) for w in words(said.group(2)) if w.lower() not in STOP_WORDS}
    return bool(new) and not new <= set(claim.stems)


# A sentence taking back the statement before it whole: "That is no longer the case.", "This was incorrect."
_WITHDRAWN = re.compile(
    r"(?:that|this|it)\s+(?:is|was)\s+(?:no\s+longer\s+(?:the\s+case|correct|true|accurate)|not\s+(?:the\s+case|correct|true|accurate)|wrong|incorrect)\b",
    re.IGNORECASE,
)
# "Mr Feeney was her election agent": who someone named was, in the sentence after the error a notice repeats.
_RECAST = re.compile(r"\s*((?:[A-Z][\w'’.-]*\s+){1,3})(?:was|is|were|are)\s+((?:her|his|their|its|the|a|an)\s+[^,.;]+)")


class QualifierBlocker(Blocker):
    """A qualifier the claim asserts ("directly", "only", "by default") that the passage does not have, in its word or otherwise."""

    name = "missing_qualifier"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        # A qualifier's word inside a name ("Castermere First", "Only Fools") qualifies nothing, on either side.
        named = {w.lower() for name in claim.entities for w in name.split()}
        asserted = [(t, s) for t, s in zip(claim.tokens, claim.stems) if s in qualifier_stems() and t.lower() not in named]
        said = passage.stems if not any(s in passage.stems for _, s in asserted) else _stems_outside_names(passage, claim)
        unqualified = [t for t, s in asserted if s not in said and not _said_otherwise(t, pair)]
        # "by default" says what happens unless configured: a distribution's or a team's configuration is not it ("defaults to"
        # is a verb, and says nothing the passage's plain statement of the value does not).
        if not unqualified and _BY_DEFAULT.search(claim.text) and "default" not in passage.stems:
            unqualified = ["by default"]
        return Finding(self.name, reason=f"source does not say '{unqualified[0]}'") if unqualified else None


_BY_DEFAULT = re.compile(r"\bby\s+default\b", re.IGNORECASE)


def _stems_outside_names(analysis: Analysis, claim: Analysis) -> set[str]:
    """The stems of a text's words that stand outside the names it gives the claim does not ("Castermere First")."""
    others = [
        name for name in analysis.entities if len(name.split()) >= 2 and not re.search(r"\W+".join(map(re.escape, words(name))), claim.text, re.IGNORECASE)
    ]
    return _stems_outside(analysis.text, [m.span() for name in others for m in re.finditer(re.escape(name), analysis.text)])


def _said_otherwise(qualifier: str, pair: Pair) -> bool:
    """Whether the passage says a claim's qualifier without its word: an "only" weighing an amount, a "never" as a denial."""
    if qualifier == "only":
        return _only_of_amounts(pair)
    if qualifier == "first":
        # "The Courier, which first reported that 186 ..." against "An earlier version of this article said that 186 ...".
        if _FIRST_DONE.search(pair.claim.text) is not None and not _EARLIER_WORDS.isdisjoint(pair.passage.tokens):
            return True
        # "its first estimate" is "the initial estimate": the same thing, first of its kind.
        numbered = {stem(m.group(1)) for m in re.finditer(r"\bfirst\s+([a-z]+)", pair.claim.text, re.IGNORECASE)}
        return any(stem(m.group(1)) in numbered for m in _FIRST_OF_KIND.finditer(pair.passage.text))
    return qualifier == "never" and _never_as_denial(pair)


# "first" as an adverb of a past act ("first reported", "first said"), which "earlier" or "originally" says too.
_FIRST_DONE = re.compile(rf"\bfirst\s+(?:[a-z]+ed|{'|'.join(sorted(f for f in PAST_FORMS if f.isalpha()))})\b", re.IGNORECASE)
_EARLIER_WORDS = frozenset("earlier initially originally previously".split())
_FIRST_OF_KIND = re.compile(r"\b(?:initial|original|earliest|opening)\s+([a-z]+)", re.IGNORECASE)


def _only_of_amounts(pair: Pair) -> bool:
    """Every "only" of the claim weighs an amount the passage gives ("conceded only 11 goals", "lost only once")."""
    # The amount is the fact, which the figure rules compare; "only" adds the writer's view of it, not another assertion.
    claim = pair.claim
    at = [m.start() for m in re.finditer(r"\bonly\b", claim.text, re.IGNORECASE)]
    amounts = [q for q in claim.figures if q.text.lower().startswith("only")]

    def weighs(start: int) -> bool:
        times = re.match(r"only\s+(once|twice)\b", claim.text[start:], re.IGNORECASE)
        return any(q.start == start for q in amounts) or (times is not None and times.group(1).lower() in pair.passage.tokens)

    return bool(at) and all(weighs(start) for start in at) and pair.figures_given


def _never_as_denial(pair: Pair) -> bool:
    """The passage denies, without bounds in time, the verb the claim says "never" of ("did not try" for "never tried")."""
    cue = re.search(r"\b(?:not|no)\b|n't\b", pair.passage.text, re.IGNORECASE)
    denial = pair.passage.text[cue.start() :] if cue else ""
    # A negation bounded in time ("did not visit last week", "has not yet", "not since 2019") denies only that stretch.
    if not denial or any(c.isdigit() for c in denial) or TIME_BOUNDS & set(words(denial)):
        return False
    denied = analyse(" ".join(negated_words(denial)))
    return any(matches(s, denied) for s in negated_words(pair.claim.text)[:1])


# A reason the claim gives: "closed in 1965 because of falling passenger numbers", "was delayed due to the storms".
_CAUSE = re.compile(
    r"\b(?:because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+result\s+of|on\s+account\s+of|thanks\s+to|in\s+order\s+to|so\s+that)\s+([^,;.]+)",
    re.IGNORECASE,
)


class CauseBlocker(Blocker):
    """The claim gives a reason ("because of falling passenger numbers") that nothing the passage is read with gives."""

    # A reason is an assertion of its own, and the commonest thing a writer adds: "The station closed in 1965" does not
    # bear out "The station closed in 1965 because of falling passenger numbers".
    name = "missing_cause"

    def check(self, pair: Pair) -> Finding | None:
        ground = pair.grounding or pair.passage
        # So is the event that occasioned it: "called after the death of a sitting councillor".
        for found in [*_CAUSE.finditer(pair.claim.text), *_OCCASION.finditer(pair.claim.text)]:
            reason = analyse(found.group(1)).content - pair.claim.entity_stems
            held = sum(1 for s in reason if matches(s, ground))
            if reason and held * 2 < len(reason):
                return Finding(self.name, reason=f"source does not give the reason “{found.group(0).strip()}”")
        return None


# An event that occasions what the claim tells: "after the death of", "following the resignation of" (general English).
_OCCASION = re.compile(
    r"\b(?:after|following|upon)\s+(?:the|a|an|his|her|its|their)\s+((?:sudden\s+|unexpected\s+)?(?:death|resignation|retirement|collapse|closure|departure"
    r"|dismissal|sacking|removal|withdrawal|suspension|arrest|bankruptcy|failure)\b[^,;.]*)",
    re.IGNORECASE,
)


class HedgeBlocker(Blocker):
    """The passage reports with doubt ("might", "reportedly") what the claim states flatly."""

    name = "hedge"

    def check(self, pair: Pair) -> Finding | None:
        return Finding(self.name, reason="source reports it with doubt") if pair.passage.hedged and not pair.claim.hedged else None


class PossibilityBlocker(Blocker):
    """Claim words the passage has only where it leaves them open ("whether X is unknown", "may indicate X", "X, but this was not tested")."""

    name = "possibility"

    def check(self, pair: Pair) -> Finding | None:
        if _leaves_open(pair.claim.text) or OPEN_BEHIND.search(pair.claim.text) or _MODAL.search(pair.claim.text):
            return None
        # A list item takes its mood from its lead-in: "We plan to open:" or "Targets for 2025:" / "- Eight to ten new stores."
        # A part of a sentence takes it only from words that leave the part open ("plans to close it and reopen it in May"),
        # not from another clause ("The dig finished in May, as planned").
        if pair.frame is not None:
            at = pair.frame.text.find(pair.claim.text.rstrip(". "))
            if at < 0 and (_leaves_open(pair.frame.text) or _AIMS.search(pair.frame.text)):
                return None
            if at >= 0 and any(start <= at < end or (at <= start < at + len(pair.claim.text)) for start, end, _ in open_scopes(pair.frame.text)):
                return None
        # A claim telling of the vote itself ("The amendment to cut it was defeated") is not what a lost proposal leaves open.
        defeated = _DEFEAT_WORDS.search(pair.claim.text) is None
        # The answer's opening sentence is the passage's own, or its lead-in's under the same heading.
        unknown = _NOT_KNOWN.match(pair.passage_text) or _NOT_KNOWN_AFTER_QUESTION.search(pair.read_with)
        if unknown is not None and pair.about is not None and "?" in pair.about.text:
            # An answer that opens on not knowing ("Did the spill kill more fish?" / "We don't know. ...") leaves its question
            # open: the words the claim has only from the question are not said.
            asked = [s for s in pair.claim.content - pair.claim.entity_stems if matches(s, pair.about) and not matches(s, pair.passage)]
            if asked:
                return Finding(self.name, reason=f"source leaves it open ('{unknown.group(unknown.lastindex or 0).strip(' ?*_>-')}')")
        text = pair.passage.text
        scopes = open_scopes(text, defeated=defeated)
        # A belief the claim reports as someone's ("Fauci says he wears a mask to ...") is what "he believes that ..." tells.
        if _REPORTED.search(pair.claim.text):
            scopes = [scope for scope in scopes if not scope[2].lower().startswith("believ") and not _HELD_VIEW.search(scope[2])]
        if not scopes:
            return None
        scope_stems = [{stem(w) for w in words(text[start:end])} for start, end, _ in scopes]
        inside = set().union(*scope_stems)
        outside = _stems_outside(text, [(start, end) for start, end, _ in scopes])
        said = pair.claim.content - pair.claim.entity_stems
        left_open = sorted(word_stem for word_stem in said if word_stem in inside and word_stem not in outside)
        if not left_open:
            # A figure the passage gives only where it leaves it open: "sold for a sum believed to be about 5,000".
            given = [[q for q in pair.passage.figures if q.overlaps(figure)] for figure in pair.claim.figures]
            hedged = next((q for alike in given for q in alike if all(_within(other.start, scopes) for other in alike)), None)
            cue = next((cue for start, end, cue in scopes if hedged is not None and start <= hedged.start < end), None)
            return Finding(self.name, reason=f"source leaves it open ('{cue}')") if cue is not None else None
        cue = next(cue for (_, _, cue), stems in zip(scopes, scope_stems) if left_open[0] in stems)
        return Finding(self.name, reason=f"source leaves it open ('{cue}')")


class ReversedBlocker(Blocker):
    """A decision or plan the passage goes on to say was reversed does not stand: "decided to close it, but reversed that decision"."""

    name = "reversed"

    def check(self, pair: Pair) -> Finding | None:
        reversal = REVERSALS.search(pair.passage.text)
        if reversal is None or REVERSING_WORD.search(pair.claim.text):
            return None
        # What was undone: told before the reversal, or after it as the decision's content ("reversed the decision to close it",
        # "dropped its promise that every trader would need a licence").
        after = pair.passage.text[reversal.end() :]
        content = re.match(r"\s+(?:to|that)\s+[^.;]*", after)
        before = analyse(pair.passage.text[: reversal.start()] + (content.group(0) if content else ""))
        # The claim says what was decided ...
        said = [s for s in pair.claim.content - pair.claim.entity_stems if matches(s, before)]
        if len(said) < 2:
            return None
        # ... and not as the decision it was: "In 2024 the council decided to close it" is true whatever came after.
        if any(t in CHOOSING_VERBS and stem(t) in before.stems for t in pair.claim.tokens):
            return None
        # Nor as the promise or plan it was: "pledged that every bus would ..." for "dropped its pledge that every bus would ...".
        if stem(words(reversal.group(0))[-1]) in pair.claim.stems:
            return None
        return Finding(self.name, reason=f"source says it was undone (“{reversal.group(0)}”)")


class UndoneBlocker(Blocker):
    """The claim says an act was done that the passage has only as owed, ordered or planned ("paid" for "has 28 days to pay")."""

    name = "undone"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        for verb, forms in _verb_forms(pair):
            verb_stem = stem(verb)
            at = next((n for n, (token, word_stem) in enumerate(zip(claim.tokens, claim.stems)) if token in forms or word_stem == verb_stem), None)
            if at is None:
                continue
            # Only a plain statement of fact: "would not talk", "plans to close", "to pay" are the claim's own modality. A
            # decision is a fact ("voted to publish"), which a proposal does not bear out, nor does an agreement gainsay.
            before = claim.tokens[max(0, at - 3) : at]
            decided = len(before) >= 2 and before[-1] == "to" and before[-2] in DECIDING_VERBS
            if not decided and ((before and before[-1] == "to") or not (MODALS | FUTURE_FRAME).isdisjoint(before)):
                continue
            carried = not ACCEPTING_WORDS.isdisjoint(passage.tokens)
            taken_up = carried or not PROPOSING_VERBS.isdisjoint(claim.tokens)
            found = [index for index, (token, word_stem) in enumerate(zip(passage.tokens, passage.stems)) if token in forms or word_stem == verb_stem]
            # A motion's text, or a list of what should be done, in the claim's verb or a paraphrase ("requesting" for "ask").
            alike = paraphrase_stems().get(verb_stem, frozenset())
            said = forms | {token for token, word_stem in zip(passage.tokens, passage.stems) if word_stem in alike}
            # "voted to ask the Minister" is a decision, which a motion asking it does not bear out until it is carried.
            if said and not carried and (decided or not taken_up) and _all_within(_MOTION, pair.passage_text, said):
                return Finding(self.name, reason=f"source has '{verb}' only as proposed (a motion's text)")
            if said and not decided and _all_within(_OWED_LIST, pair.passage_text, said):
                return Finding(self.name, reason=f"source has '{verb}' only as yet to be done (a list of what should be done)")
            if found and all((not decided and _undone(passage, index)) or (not taken_up and _proposed(passage, index)) for index in found):
                at = found[0]
                how = "proposed" if not taken_up and _proposed(passage, at) else "yet to be done"
                return Finding(self.name, reason=f"source has '{passage.tokens[at]}' only as {how} ('{' '.join(passage.tokens[max(0, at - 2) : at + 1])}')")
        return None


class RequestedFigureBlocker(Blocker):
    """The passage gives the claim's figure only as what someone requests or proposes ("requests £198,000 towards ...")."""

    name = "requested_figure"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        # A claim about the request itself ("asked for £198,000"), or a request the passage says was granted, is borne out.
        said = claim.tokens + (pair.frame.tokens if pair.frame is not None else ())
        if not claim.figures or not PROPOSING_VERBS.isdisjoint(said) or not ACCEPTING_WORDS.isdisjoint(passage.tokens):
            return None
        requested = None
        for figure in claim.figures:
            same = [q for q in passage.figures if q.kind == figure.kind and q.overlaps(figure)]
            if not same or not all(_REQUESTED.search(passage.text, max(0, q.start - 40), q.start) for q in same):
                return None
            requested = requested or same[0]
        return Finding(self.name, reason=f"source gives {requested.text} only as requested") if requested is not None else None


_CALLING = frozenset("call calls called calling".split())
# A proposing verb up to three words before a figure: "requests £198,000", "asked for a 5% rise", "requests a contribution of £2m".
_REQUESTED = re.compile(rf"\b(?:{'|'.join(sorted(PROPOSING_VERBS))})\b(?:\s+[\w'’-]+){{0,3}}\s*$", re.IGNORECASE)


def _verb_forms(pair: Pair) -> list[tuple[str, frozenset[str]]]:
    """The claim's required verbs, and the light verbs it writes that carry an act ("has made a lookout compulsory"), each
    with its written forms ("make": make, makes, made, making)."""
    # Only in the past ("made", "held"): "becomes chief financial officer on 1 April" is as good as "will become".
    light = [verb for verb in sorted(LIGHT_VERBS - _STATE_VERBS) if not past_forms(verb).isdisjoint(pair.claim.tokens)]
    return [(verb, verb_forms(verb)) for verb in dict.fromkeys([*pair.claim_verbs, *light])]


# Light verbs of state or help, which say no act of their own: "is", "has", "did", "got".
_STATE_VERBS = frozenset("be have do get let seem appear mean".split())


def _undone(analysis: Analysis, index: int) -> bool:
    """Whether the verb at `index` is owed, ordered or planned, not done: "ordered to pay", "three months to pay", "will be
    paid", "must pay", "plans to close", "calls on the authority to make"."""
    before = analysis.tokens[max(0, index - 3) : index]
    if before and before[-1] == "to":
        ahead = analysis.tokens[max(0, index - 5) : index - 1]
        if (ahead and ahead[-1] in OWED_BEFORE_TO) or not ORDERING_VERBS.isdisjoint(ahead):
            return True
        # "calling on the company to think again, and on the Authority to make": a call on someone asks the act.
        called = analysis.tokens[max(0, index - 16) : index - 1]
        if any(word in _CALLING and after in ("on", "upon") for word, after in itertools.pairwise(called)):
            return True
    # A frame word puts the verb ahead only as "will" does or with "to" after it: "plans to close", not "the plan was approved".
    framed = any(word in FUTURE_FRAME and (word in _WILL or following == "to") for word, following in itertools.pairwise([*before, ""]))
    # "should be securely deleted": an adverb between the modal and the verb leaves it owed.
    plain = [t for t in analysis.tokens[max(0, index - 4) : index] if not (t.endswith("ly") and len(t) > 4)]
    # "intends to complete this deletion": the act named by a noun, the object of a verb that is itself ahead.
    ahead = analysis.tokens[max(0, index - 6) : index]
    named = (
        len(ahead) >= 4 and ahead[-1] in _DETERMINERS and any(word in FUTURE_FRAME and following == "to" for word, following in itertools.pairwise(ahead[:-2]))
    )
    return framed or named or not OBLIGATION_MODALS.isdisjoint(plain[-2:])


_WILL = frozenset("will shall".split())
_DETERMINERS = frozenset("the this that these those its their his her our a an".split())


# A motion's text: "Proposed by Mrs Dunmore, seconded by Mr Bannerman: "That the council commissions an audit ..."".
_MOTION = re.compile(r"(?:\b(?:proposed|moved|seconded)\b[^.!?\n]{0,80}?|\bmotion\b[^.!?\n]{0,40}?)[:,]\s*[\"“]?That\b[^\n]*", re.IGNORECASE)


# The items of a list whose lead-in owes them ("Stannard should:", "The council must:", "We recommend:").
_OWED_LIST = re.compile(
    r"\b(?:should|must|shall|will|to|recommends?|recommendations?)\s*:[ \t]*\n(?:[ \t]*\n)?(?:[ \t]*(?:\d+[.)]|[-*•])[ \t]+[^\n]*\n?)+", re.IGNORECASE
)


def _all_within(spans: re.Pattern[str], text: str, forms: frozenset[str]) -> bool:
    """Whether every use of a verb (in any of its `forms`) stands in a span `spans` finds: a motion's text, which proposes
    it, or a list of what should be done."""
    found = [m.span() for m in spans.finditer(text)]
    if not found:
        return False
    uses = [m.start() for m in re.finditer(rf"\b(?:{'|'.join(map(re.escape, sorted(forms)))})\b", text, re.IGNORECASE)]
    return bool(uses) and all(any(start <= at < end for start, end in found) for at in uses)


def _proposed(analysis: Analysis, index: int) -> bool:
    """Whether the verb at `index` is what someone proposes: "proposed that the report be published", "suggested closing"."""
    before = analysis.tokens[max(0, index - 8) : index]
    if before and before[-1] in PROPOSING_VERBS:
        return True
    that = len(before) - 1 - before[::-1].index("that") if "that" in before else -1
    return that > 0 and before[that - 1] in PROPOSING_VERBS


class ExceptedBlocker(Blocker):
    """Claim words the passage has only where it makes an exception of them ("all cars except imported ones" for "imported cars")."""

    name = "excepted"

    def check(self, pair: Pair) -> Finding | None:
        if _EXCEPT.search(pair.claim.text):
            return None
        text = pair.passage.text
        # Each exception from its cue to the end of its clause; what it excepts is the words after the cue.
        spans = []
        for match in _EXCEPT.finditer(text):
            stop = _CLAUSE_STOP.search(text, match.end())
            spans.append((match.start(), match.end(), stop.start() if stop else len(text)))
        inside = {stem(w) for _, after, end in spans for w in words(text[after:end])}
        if not inside:
            return None
        said_outside = _stems_outside(text, [(start, end) for start, _, end in spans])
        # Any claim word but a small one, names and days too ("open on Monday" against "every day except Monday").
        claimed = {s for t, s in zip(pair.claim.tokens, pair.claim.stems) if t not in STOP_WORDS}
        excepted = sorted(s for s in claimed if s in inside and s not in said_outside)
        if not excepted:
            return None
        word = next(t for t, s in zip(pair.claim.tokens, pair.claim.stems) if s == excepted[0])
        return Finding(self.name, reason=f"source makes an exception of '{word}'")


# Words that take what follows them out of what the clause says: "all cars except imported ones", "other than Monday".
_EXCEPT = re.compile(r"\b(?:except(?:\s+for)?|excepting|excluding|other\s+than|apart\s+from|with\s+the\s+exception\s+of|but\s+not)\b", re.IGNORECASE)


def _stems_outside(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """The stems of the words of `text` outside every (start, end) span (spans may overlap)."""
    outside, at = [], 0
    for start, end in sorted(spans):
        outside.append(text[at:start])
        at = max(at, end)
    outside.append(text[at:])
    return {stem(w) for w in words(" ".join(outside))}


def open_scopes(text: str, defeated: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, cue) of each stretch of `text` a possibility word leaves open: ahead of it to the end of its clause, or behind it
    to the clause's start (and the clause before, when the words behind it only point back: "..., but this was not tested");
    with `defeated`, also what a proposal voted down would have done ("An amendment ... to reduce the budget to £3,000 was
    put to the vote and lost")."""
    found = []
    if defeated:
        for match in _DEFEATED.finditer(text):
            sentence = text[_clause_start(text, match.start(), _SENTENCE_STOP) : match.start()]
            if _PROPOSAL.search(sentence):
                found.append((match.start() - len(sentence), match.start(), match.group(0)))
    for match in OPEN_AHEAD.finditer(text):
        if _naming(text, match):
            continue
        stop = _CLAUSE_STOP.search(text, match.end()) if match.group(0).lower() != "whether" else _SENTENCE_STOP.search(text, match.end())
        # An aside between commas does not end the clause: "we believe the Society knew, or should have known, that ...".
        aside = _ASIDE.match(text, stop.start()) if stop else None
        if aside:
            stop = _CLAUSE_STOP.search(text, aside.end())
        found.append((match.end(), stop.start() if stop else len(text), match.group(0)))
    for match in OPEN_BEHIND.finditer(text):
        start = _clause_start(text, match.start())
        if not words(text[start : match.start()]) or _BACK_REFERENCE.fullmatch(text[start : match.start()].strip(" ,")):
            start = _clause_start(text, len(text[:start].rstrip(" ,;:")))
        found.append((start, match.start(), match.group(0)))
    return found


# A proposal voted down or dropped: "was put to the vote and lost", "were defeated", "was withdrawn", "the motion fell".
_DEFEATED = re.compile(
    r"\b(?:(?:was|were)\s+(?:put\s+to\s+the\s+vote\s+and\s+|then\s+)?(?:lost|defeated|rejected|withdrawn|voted\s+down|not\s+carried)|fell)\b",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(r"\b(?:amendments?|motions?|proposals?|recommendations?|resolutions?)\b", re.IGNORECASE)
# The words of a claim that tells of such a vote.
_DEFEAT_WORDS = re.compile(
    r"\b(?:los[et]|losing|defeat(?:s|ed|ing)?|reject(?:s|ed|ing)?|withdr[ae]w(?:s|n|ing)?|vot(?:e|es|ed|ing)\s+down|fell|fall(?:s|en)?|carried)\b",
    re.IGNORECASE,
)


def _clause_start(text: str, before: int, stop: re.Pattern[str] | None = None) -> int:
    """Where the clause (or with `stop=_SENTENCE_STOP`, the sentence) holding offset `before` starts: after the last stop before it."""
    stops = [m.end() for m in (stop or _CLAUSE_STOP).finditer(text, 0, before)]
    return stops[-1] if stops else 0


def _within(at: int, scopes: list[tuple[int, int, str]]) -> bool:
    """Whether an offset lies in one of the stretches a possibility word leaves open."""
    return any(start <= at < end for start, end, _ in scopes)


def _leaves_open(claim_text: str) -> bool:
    """Whether a claim leaves something open itself, as a passage's "may" does: not by a participle naming a thing ("the
    shelved 2019 repainting caused the corrosion" asserts the cause)."""
    return any(not _naming(claim_text, match) for match in OPEN_AHEAD.finditer(claim_text))


def _naming(text: str, match: re.Match[str]) -> bool:
    """Whether a possibility word is a participle naming a thing after a determiner ("the cancelled flights"): it leaves open
    only its noun, not the rest of its clause."""
    return match.group(0).lower().endswith("ed") and _NAMING_PARTICIPLE.search(text, 0, match.start()) is not None


# A lead-in listing aims: "The company's targets for 2025:", "Goals for next year:".
_AIMS = re.compile(r"\b(?:targets?|goals?|aims?|plans?|planned|forecasts?|outlook|guidance|objectives?|expect(?:s|ed|ations?)?)\b", re.IGNORECASE)
# A claim telling what someone says or thinks: "Fauci says", "according to the firm", "the firm believes".
_REPORTED = re.compile(
    r"\b(?:say|says|said|tells?|told|according\s+to|believes?|believed|thinks?|thought|argues?|argued|claims?|claimed|insists?|insisted|maintains?|maintained"
    r"|estimat(?:e|es|ed|ing)|reckon(?:s|ed)?|alleg(?:e|es|ed|ing)|contend(?:s|ed)?|predict(?:s|ed)?"
    r"|in\s+(?:the|his|her|their|its|our|my|[\w-]+['’]s?)\s+(?:[\w'’-]+\s+)?(?:view|opinion|judg(?:e)?ment))\b",
    re.IGNORECASE,
)
# The cue of a view held or put forward: "estimate that", "claim that" (a claim reporting the view is borne out by it).
_HELD_VIEW = re.compile(rf"\b(?:{VIEW_NOUNS})s?\s+that$", re.IGNORECASE)
# A determiner right before a word: "the shelved scheme", "its cancelled order".
_NAMING_PARTICIPLE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+$", re.IGNORECASE)
# A claim that says what can happen ("can lose a few lines") is read against a passage's "may", not blocked by it.
_MODAL = re.compile(r"\b(?:can|cannot)\b", re.IGNORECASE)
# An answer that opens on not knowing: "We don't know.", "It is not yet known whether", "Too early to say."
_NOT_KNOWING = (
    r"(?:(?:we|i)\s+(?:do\s+not|don['’]t|cannot|can['’]t)\s+(?:yet\s+)?(?:know|say|tell)\b"
    r"|(?:it\s+is|it['’]s)\s+(?:not\s+(?:yet\s+)?known|(?:still\s+)?(?:unknown|unclear)|too\s+early\s+to\s+(?:say|tell))"
    r"|(?:nobody|no\s+one)\s+knows\b|not\s+(?:yet\s+)?known\b|unknown\b|too\s+early\s+to\s+(?:say|tell)\b)"
)
_NOT_KNOWN = re.compile(rf"^[\s*_>-]*{_NOT_KNOWING}", re.IGNORECASE)
# The same answer right after its question, in what the passage is read with: "### Did it kill fish? We don't know."
_NOT_KNOWN_AFTER_QUESTION = re.compile(rf"\?[\s*_>-]*({_NOT_KNOWING})", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[,;:.!?](?:\s|$)")
_SENTENCE_STOP = re.compile(r"[;.!?](?:\s|$)")
_ASIDE = re.compile(r",[^,;:.!?]{1,40},\s*(?=that\b)", re.IGNORECASE)
# The words before "was not tested" when they only point back at the clause before: "but this", "and that", "which".
_BACK_REFERENCE = re.compile(r"(?:(?:but|and|although|though)\s+)?(?:this|that|it|which|these|those)(?:\s+\w+)?", re.IGNORECASE)


class OppositeBlocker(Blocker):
    """The passage uses the opposite of a claim word about the same thing ("removes the input file" for "keeps the input file")."""

    name = "opposite_word"

    def check(self, pair: Pair) -> Finding | None:
        claim, passage = pair.claim, pair.passage
        table = opposites()
        # A question asserts nothing: "Will the crossing be closed? No. It will stay open" says no "closed".
        answer = analyse(pair.question[1]) if pair.question is not None else None
        for index, (token, word_stem) in enumerate(zip(claim.tokens, claim.stems)):
            for opposite in sorted(table.get(word_stem, ())):
                if answer is not None and opposite not in answer.stems:
                    continue
                if opposite in passage.stems and opposite not in claim.stems:
                    at = passage.stems.index(opposite)
                    # A denied word is what its plain opposite says: "did not approve the plan" and "rejected the plan".
                    if negated_near(claim, index) and not negated_near(passage, at):
                        continue
                    if leaves_amount(claim, index) or leaves_amount(passage, at) or other_counted_groups(claim, index, passage, at):
                        continue
                    # The passage saying the claim's own word of the same thing too ("X fell, while Y rose") is no opposition.
                    says_it = word_stem in passage.stems and _said_of_same(pair, index, passage.stems.index(word_stem))
                    # "by the end of 2027" names a time, not an ending.
                    timed = point_in_time(claim, index) != point_in_time(passage, at)
                    if same_subject(claim, index, passage, at) and not says_it and not timed and not other_clause_subject(pair, word_stem, opposite):
                        return Finding(self.name, reason=f"source may say otherwise: '{passage.tokens[at]}' where the claim says '{token}'")
        return None


def _said_of_same(pair: Pair, claim_at: int, passage_at: int) -> bool:
    """Whether a passage word stands by the claim's names or topic as the claim's word does (not merely by the same nouns)."""
    if not same_subject(pair.claim, claim_at, pair.passage, passage_at):
        return False
    key = pair.claim.entity_stems | pair.topic
    if not key:
        return True
    return bool(context_stems(pair.claim, claim_at, reach=6) & context_stems(pair.passage, passage_at, reach=6) & key)


# "Harrowgate's revenue": a capitalised owner, then the first word of what it owns.
_OWNED = re.compile(r"\b((?:[A-Z][\w&-]*\s+)*[A-Z][\w&-]*)['’]s?\s+([a-z][\w-]*)")


class OwnerBlocker(Blocker):
    """The passage gives the claim's thing to another owner ("Kestrel's operating margin" for "Talbot's operating margin")."""

    name = "other_owner"

    def check(self, pair: Pair) -> Finding | None:
        passage_owned = _OWNED.findall(pair.passage.text)
        for owner, thing in _OWNED.findall(pair.claim.text):
            others = [o for o, t in passage_owned if t == thing]
            if others and not any(_same_owner(owner, o) for o in others):
                return Finding(self.name, reason=f"source speaks of {others[0]}'s {thing}, not {owner}'s")
        return None


def _same_owner(a: str, b: str) -> bool:
    """Whether two owners' names share a word ("Harrowgate Ferries" and "Harrowgate")."""
    return bool({w.lower() for w in a.split()} & {w.lower() for w in b.split()})


class NameBlocker(Blocker):
    """A name in the claim that neither the passage, its lead-in nor its byline mentions."""

    name = "missing_name"

    def check(self, pair: Pair) -> Finding | None:
        return Finding(self.name, reason=f"source does not name {', '.join(pair.missing)}") if pair.missing else None


class FigureBlocker(Blocker):
    """A figure in the claim that neither the passage nor its heading or title gives (or gives without the claim's rate)."""

    name = "missing_figure"

    def check(self, pair: Pair) -> Finding | None:
        # A table's cell gives a figure without its unit, which stands in the column's heading ("14" under "Vessels").
        given = pair.figures_given or pair.table_row is not None
        return None if given else Finding(self.name, reason="source does not give the claim's figure")


class ColumnBlocker(Blocker):
    """The claim's figure stands in a table column whose heading the claim does not name, and another column's it does."""

    # "An off-peak return costs £6.40" against a row "| £6.40 | £4.60 |" under "| Anytime Return | Off-Peak Return |".
    # A plan's column ("Baseline", "Budget") beside what is now expected ("Forecast", "Actual") is named by any claim that
    # does not say it speaks of the plan.
    name = "other_column"

    def check(self, pair: Pair) -> Finding | None:
        claim = pair.claim
        if not (claim.figures or claim.dates):
            return None
        rows = pair.table
        if len(rows) < 2:
            return None
        header = [stems_of(cell) for cell in rows[0]]
        said = claim.content | {stem(w) for w in words(claim.text.lower())}
        # The claim's figure under a column it names, or under one nothing sets apart, is borne out whatever other rows hold.
        findings = []
        for row in rows[1:]:
            # A row labelled with none of the claim's words is about something else ("Stations complete").
            if stems_of(row[0]) and not stems_of(row[0]) & said:
                continue
            # The first column labels the rows ("Line", "Version"): a claim figure there picks the row, under no heading.
            for column, cell in enumerate(row[: len(header)]):
                if column == 0 or not _holds(claim, cell):
                    continue
                own = header[column]
                # The first column labels the rows ("Line", "Journey"): it sets no figure apart.
                others = [(n, h) for n, h in enumerate(header) if n not in (0, column) and h]
                # The heading words that set this column apart are not the claim's, and another column's are.
                if own - set().union(*(h for _, h in others)) & said:
                    return None
                named = next((n for n, h in others if (h - own) & said), None)
                # A plan's column beside what is now expected: the claim takes the plan for the expectation unless it
                # says it speaks of the plan ("as originally planned", "the budget was").
                if named is None and own & _PLAN_HEADINGS and not said & _PLAN_HEADINGS:
                    named = next((n for n, h in others if h & _CURRENT_HEADINGS), None)
                # The column the claim names holds a value of the same kind in this row (a price beside a price, a date
                # beside a date), not a release date beside a version number.
                # And it holds something the claim does not give: "from 6,530 in 2024 to 6,710 in 2025" reads two columns.
                other = row[named] if named is not None and named < len(row) else ""
                if named is None or not _same_kind(claim, cell, other) or _holds(claim, other):
                    return None
                findings.append(Finding(self.name, reason=f"source gives {cell} under “{rows[0][column]}”, not “{rows[0][named]}”"))
        return findings[0] if findings else None


_PLAN_HEADINGS = frozenset(stem(w) for w in PLAN_WORDS)
_CURRENT_HEADINGS = frozenset(stem(w) for w in CURRENT_WORDS)


class RowBlocker(Blocker):
    """The claim's figure stands in a table only in rows the claim does not name, and the table has a row the claim names."""

    # "In the 56 km/h test the C210 recorded a load of 10.2 kN" is not borne out by a table whose C210 rows read 7.9 and 9.6
    # and whose C220 row reads 10.2. A row is named by the name in its label (first cell) that no row labelled otherwise has.
    name = "figure_of_another_row"

    def check(self, pair: Pair) -> Finding | None:
        found = row_mismatch(pair)
        if found is None:
            return None
        rows, figure, holding, _, named = found
        return Finding(self.name, reason=f"source gives {figure.text} in the row for “{rows[holding][0]}”, not “{rows[named[0]][0]}”")


class NameOfAnotherRowBlocker(Blocker):
    """The claim names a row of a table, and a name the claim gives stands in the table only in other rows."""

    # "The 2021 kinase paper appeared in Delta Letters" is not borne out by a table whose kinase row gives "Omega Reports"
    # and whose other rows give "Delta Letters". A row is named by the words of its label (first cell) no other row has.
    name = "name_of_another_row"

    def check(self, pair: Pair) -> Finding | None:
        rows = [row for row in pair.table if len(row) >= 2]
        if len(rows) < 3:
            return None
        claim = pair.claim
        named = rows_named(pair, rows, claim.content | claim.entity_stems)
        if len(named) != 1:
            return None
        own = analyse(" | ".join(rows[named[0]]))
        for name in claim.entities:
            if name in claim.uncertain or name in CALENDAR_NAMES or name_present(name, own):
                continue
            elsewhere = [row for n, row in enumerate(rows) if n != named[0] and name_present(name, analyse(" | ".join(row)))]
            if elsewhere:
                return Finding(self.name, reason=f"source gives {name} in the row for “{elsewhere[0][0]}”, not “{rows[named[0]][0]}”")
        return None


class OtherRowRule(Rule):
    """A table row the claim names, by its label and its other figures, gives another figure in the column where the claim's stands."""

    # "In the 56 km/h test the C210 recorded 10.2 kN": the C210 row at 56 km/h reads 9.6 under the heading where the C220's
    # 10.2 stands. Only one named row may hold the claim's other figures: else which row it speaks of is unclear.
    name = "other_row"
    signal = "figure_conflict"

    def admits(self, pair: Pair) -> bool:
        return not pair.missing

    def check(self, pair: Pair) -> Finding | None:
        found = row_mismatch(pair)
        if found is None:
            return None
        rows, figure, _, column, named = found
        others = [f for f in pair.claim.figures if f is not figure]
        fitting = [n for n in named if column < len(rows[n]) and all(any(gives(f, cell) for cell in rows[n]) for f in others)]
        if len(fitting) != 1:
            return None
        cell = rows[fitting[0]][column]
        if not any(q.kind == figure.kind or not q.noun for q in quantities(cell)):
            return None
        return Finding(self.name, Conflict(self.name, figure.text, cell, claim_span=pair.span("claim", figure.start, figure.end)))


def rows_named(pair: Pair, rows: list[list[str]], said: frozenset[str]) -> list[int]:
    """The rows of a passage's table whose label (first cell) has one of the `said` stems that no row labelled otherwise has."""
    # A heading over the rows ("| Model | Speed |", above a rule of dashes) labels no row.
    headed = re.search(r"^[\s|:]*-{2,}", pair.passage_text, re.MULTILINE) is not None
    labels = [set() if headed and n == 0 else stems_of(row[0]) for n, row in enumerate(rows)]
    return [n for n, label in enumerate(labels) if label - set().union(*(other for other in labels if other != label)) & said]


def row_mismatch(pair: Pair) -> tuple[list[list[str]], Quantity, int, int, list[int]] | None:
    """(the table's rows, the claim figure, the row holding it, its column, the rows the claim names) when a passage's table
    holds a claim figure only in rows the claim does not name, and has rows it does name."""
    claim = pair.claim
    if not claim.figures:
        return None
    rows = [row for row in pair.table if len(row) >= 2]
    if len(rows) < 3:
        return None
    # Rows labelled by names ("BN-C210", "Varro K4"): a claim naming one speaks of it. A label of common words ("Highest
    # annual rate") is a measure the claim may say another way ("peaking at").
    named = rows_named(pair, rows, claim.entity_stems)
    if not named:
        return None
    for figure in claim.figures:
        # A figure labelling a row picks that row ("2.0.8 | Not affected").
        if any(gives(figure, row[0]) for row in rows):
            continue
        holding = [(n, c) for n, row in enumerate(rows) for c, cell in enumerate(row) if c > 0 and gives(figure, cell)]
        if holding and not {n for n, _ in holding} & set(named):
            return rows, figure, holding[0][0], holding[0][1], named
    return None


def _same_kind(claim: Analysis, cell: str, other: str) -> bool:
    """Whether another cell holds what the claim's cell does: a date if it is a date, a figure of the kind of the claim's."""
    if bool(dates(cell)) != bool(dates(other)):
        return False
    if dates(cell) and not any(figure.text in cell for figure in claim.figures):
        return True
    kinds = {q.kind for q in quantities(cell)}
    return bool(kinds & {q.kind for q in quantities(other)})


def _holds(claim: Analysis, cell: str) -> bool:
    """Whether a table cell gives one of the claim's figures, or only dates the claim gives ("Mar 2026" for "March 2026")."""
    if any(figure.text in cell for figure in claim.figures):
        return True
    written = {(d.kind, d.value, d.day) for d in dates(cell)}
    return bool(written) and written <= {(d.kind, d.value, d.day) for d in claim.dates}


class DateBlocker(Blocker):
    """A date in the claim that neither the passage nor its heading or title gives."""

    name = "missing_date"

    def check(self, pair: Pair) -> Finding | None:
        return None if pair.dates_given else Finding(self.name, reason="source does not give the claim's date")


class SpanBlocker(Blocker):
    """The claim says for how many decades or centuries something has held ("for the past decade"); nothing around the passage does."""

    # "Steve Rudd, the club's water bailiff for the past decade" is not borne out by "Steve Rudd, water bailiff for the club".
    # A span in figures ("for 20 years") is the figure rules' to weigh; a word span may be given as years or from a year.
    name = "missing_span"

    def check(self, pair: Pair) -> Finding | None:
        found = _WORD_SPAN.search(pair.claim.text)
        if found is None:
            return None
        ground = pair.grounding or pair.passage
        unit = stem(found.group("unit").lower())
        if unit in ground.stems or any(q.kind == "duration" for q in ground.figures) or _SINCE_YEAR.search(ground.text):
            return None
        return Finding(self.name, reason=f"source does not say '{found.group(0).strip()}'")


# A span of decades or centuries in words: "for the past decade", "for decades", "over the last century".
_WORD_SPAN = re.compile(
    r"\b(?:for|over|in)\s+(?:(?:the|a)\s+)?(?:(?:past|last|previous|nearly|almost|more\s+than|over|two|three|several|many)\s+)*(?P<unit>decades?|century|centuries)\b",
    re.IGNORECASE,
)
_SINCE_YEAR = re.compile(r"\bsince\s+(?:the\s+)?\d{4}", re.IGNORECASE)


class PeriodBlocker(Blocker):
    """A passage that names no year, in a document about another year than the claim's ("Revenue rose 4%" in last year's report)."""

    name = "other_period"

    def check(self, pair: Pair) -> Finding | None:
        if not pair.other_period:
            return None
        return Finding(self.name, reason=f"source speaks of {', '.join(str(y) for y in sorted(pair.period[1]))}")


class PastStateBlocker(Blocker):
    """The claim says what holds now; the passage says it held once ("employed 300 people until 2019", "was once the largest")."""

    name = "past_state"

    def check(self, pair: Pair) -> Finding | None:
        match = _PAST_STATE.search(pair.passage.text)
        if match is None or _PAST_STATE.search(pair.claim.text) or not (_NOW.search(pair.claim.text) or _in_present(pair)):
            return None
        return Finding(self.name, reason=f"source says it held until then ('{match.group(0)}')")


def _in_present(pair: Pair) -> bool:
    """Whether the claim's own verb is in the present tense ("employs 400 people", "runs the depot")."""
    return any(f"{verb}{ending}" in pair.claim.tokens for verb in pair.claim_verbs for ending in ("s", "es"))


# A claim about the present: a present-tense "be", or "still", "now", "currently", "remains" (not "has": "has cut" is past).
_NOW = re.compile(r"\b(?:is|are|still|now|currently|remains?)\b", re.IGNORECASE)
# A state that held and ended: "until 2019", "until March 2020", "was once", "was originally", "formerly", "used to"
# ("no longer" is the polarity rule's).
_PAST_STATE = re.compile(
    r"\b(?:until|till)\s+(?:(?:early|mid|late|the\s+end\s+of)\s+)?(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+)?\d{4}\b|\b(?:was|were)\s+(?:once|originally|initially|at\s+first)\b|\bformerly\b|\bused\s+to\b"
    # "once employed 400": "once" before a verb in the past, not opening a clause ("Once opened, the jar ...").
    r"|(?<=\w\s)once\s+[a-z]+ed\b(?!\s*,)"
)


class EarlierStageBlocker(Blocker):
    """The passage gives an earlier step of the claim's process and not the step itself ("was charged" for "was convicted")."""

    name = "earlier_stage"

    def check(self, pair: Pair) -> Finding | None:
        # The passage's title and heading say it too: "Interim update" over "So far the panel has found 41 records".
        said = pair.framed or pair.passage
        for later, earlier in _STAGES.items():
            if later not in pair.claim.content or matches(later, said):
                continue
            given = [token for token, word_stem in zip(said.tokens, said.stems) if word_stem in earlier]
            if given:
                return Finding(self.name, reason=f"source says '{given[0]}', an earlier step than the claim's")
        return None


_STAGES = {stem(later): frozenset(stem(w) for w in earlier.split()) for later, earlier in PROCESS_STAGES.items()}
