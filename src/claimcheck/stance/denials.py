"""Support blockers for a passage that denies what it shares words with: a negative answer, another default, a negated
clause, a figure it replaces."""

from __future__ import annotations

import re

from ..analysis import CALENDAR_NAMES, Analysis, analyse
from ..figures import Quantity
from ..index.lexical import paraphrase_stems
from ..lexicon import EFFECT_WORDS, EXCEPTING, NEGATING_VERBS, NEGATION_CUES, NEGATIVE_MEANING, PLAN_WORDS, PRIVATIVE_VERBS
from ..models import Conflict
from ..names import name_present
from ..text import stem, words
from .base import Blocker, Finding, OnAssertionRule, Pair, Rule
from .compare import ABOUT_REPORTING, STATEMENT_END, date_conflict, figure_conflict, is_change, is_change_start, same_noun
from .matching import DENIAL, EXCEPTION, asked, asked_stems, denies_asked, first_negated, matches, negated_words, position, removed
from .slots import Clause, clauses
from .wording import SAYS


def _negates(analysis: Analysis) -> bool:
    return bool(analysis.negated)


# A question as a heading writes it, from its opening word: "Can it compress a folder?"
_QUESTION = re.compile(r"\b(?:Can|Could|Does|Do|Did|Is|Are|Was|Were|Will|Would|Should|Has|Have|How|What|Why|When|Where|Which|Who)\b[^?]*\?")


class NegativeAnswerBlocker(Blocker):
    """A passage that opens on a denial ("No. The tool copies files one at a time.") answers a question in the negative."""

    name = "negative_answer"

    def check(self, pair: Pair) -> Finding | None:
        opening = DENIAL.match(pair.passage.text)
        if opening is None or _negates(pair.claim) or pair.about is None:
            return None
        # The denial answers the question the passage sits under ("## Can it compress a folder?"): it denies a claim that
        # asks the same, not every claim the rest of the answer bears out.
        questions = _QUESTION.findall(pair.about.text)
        if not questions:
            return None
        asked = analyse(questions[-1]).content - pair.topic
        if len(asked) < 2 or sum(1 for s in asked if matches(s, pair.claim)) * 2 < len(asked):
            return None
        return Finding(self.name, reason=f"source answers “{opening.group(0).strip()}” to “{questions[-1].strip()}”")


class UnnegatedBlocker(Blocker):
    """The claim denies something; the passage says nothing negative, and no opposite of the denied word."""

    name = "unnegated"

    def check(self, pair: Pair) -> Finding | None:
        # "There is no light at Carrick Point" is not borne out by "Scaffolding wraps Carrick Point Light": sharing the words of a
        # denial says nothing of it. A passage negating anything, or saying a word of absence or an opposite, is left to
        # the rules that read what it denies.
        # A word set aside ("£4 million instead of £3 million", "rather than finished") is contrasted, not denied.
        # Nor is a figure the claim denies ("opened in 1901, not 1899"): the figure rules read it against the passage's.
        denied = {
            head: phrase
            for head, phrase in pair.claim.negated.items()
            if _says_negative(analyse(phrase), absence=False) and not all(word[0].isdigit() for word in negated_words(phrase))
        }
        # A denial with an exception ("will not print unless the cartridge is in") is borne out by the exception's case.
        if not denied or pair.passage.negated or _says_negative(pair.passage) or EXCEPTING.search(pair.claim_text):
            return None
        if any(matches(word_stem, pair.passage, opposites=True) and not matches(word_stem, pair.passage) for word_stem in denied):
            return None
        return Finding(self.name, reason=f"source does not say the claim's denial ('{next(iter(denied.values()))}')")


# Words of absence made with a prefix or suffix: "unharmed", "non-binding", "harmless".
_NEGATIVE_FORM = re.compile(r"^(?:un\w{4,}|non-?\w{3,}|\w{3,}less)$")


def _says_negative(analysis: Analysis, absence: bool = True) -> bool:
    """Whether a text has a word saying a thing is not: a negation or a verb of refusing, and with `absence` a verb of
    removal, a word of absence (`lexicon.NEGATIVE_MEANING`), a negative prefix or suffix, or a zero."""
    return any(
        token in NEGATION_CUES
        or token.endswith("n't")
        or token in NEGATING_VERBS
        or (absence and (token in PRIVATIVE_VERBS or token in NEGATIVE_MEANING or token == "0" or _NEGATIVE_FORM.match(token) is not None))
        for token in analysis.tokens
    )


class AnsweredQuestionRule(OnAssertionRule):
    """The passage asks whether what the claim says is so and answers the other way: "Can it read PDF?" / "No." denies it."""

    # It denies any claim saying what the question asks and more: "It reads PDF files over the network".

    name = "answered_question"
    signal = "polarity_conflict"

    def decisive(self, pair: Pair) -> bool:
        # The claim says all the question asks, which aligns it with the question however much more it says.
        return True

    def check(self, pair: Pair) -> Finding | None:
        found = pair.answered
        if found is None or found.says is None or found.says != denies_asked(pair.claim, found.question):
            return None
        # "Is there a station?" / "No." denies that there is one now, not what the claim says of it ("closed in 1965").
        if words(found.question.lower())[1:2] == ["there"]:
            return None
        # A figure the question asks about that the claim does not give is another assertion: "Did 94.9% of us vote for
        # strikes?" / "No." says nothing against "88.2% backed strike action".
        asked_figures = analyse(found.question).figures
        if asked_figures and not any(q.overlaps(f) for q in asked_figures for f in pair.claim.figures if q.kind == f.kind):
            return None
        # The claim says all the question asks (what it is about aside), in its own words or a paraphrase.
        asked = asked_stems(found.question, pair.topic)
        if len(asked) < 2 or not all(matches(s, pair.claim) for s in asked):
            return None
        at = pair.passage_text.find(found.reply)
        template = f"source answers “{{source}}” to “{found.question}”"
        return Finding(self.name, Conflict(self.name, pair.claim_text, found.reply, template, source_span=(at, at + len(found.reply))))


# A stated default: "off by default", "is enabled by default", "Default: off".
_STATES = {"on": "on", "off": "off", "enabled": "on", "disabled": "off", "true": "on", "false": "off", "yes": "on", "no": "off"}
_STATE = re.compile(
    r"\b(?P<a>on|off|enabled|disabled|true|false)\s+by\s+default\b|\bdefault(?:s)?\s*(?::|is|=)\s*[`'\"]?(?P<b>on|off|enabled|disabled|true|false|yes|no)\b",
    re.IGNORECASE,
)
_NEGATED_DEFAULT = re.compile(r"\b(?:not|n't|never)\b[^.;]{0,40}\bby\s+default\b|\bnot\s+by\s+default\b", re.IGNORECASE)


def _state(text: str) -> str | None:
    """The default a clause states ("on" or "off"), if it states one."""
    found = {_STATES[(m.group("a") or m.group("b")).lower()] for m in _STATE.finditer(text)}
    return found.pop() if len(found) == 1 else None


class DefaultStateBlocker(Blocker):
    """The passage states the other default: "Compression is off by default" for "compresses files by default"."""

    name = "default_state"

    def check(self, pair: Pair) -> Finding | None:
        claim = pair.claim.text
        if "default" not in claim.lower():
            return None
        # The claim's default: stated ("is off by default"), denied ("does not … by default") or implied ("rotates … by default").
        wanted = _state(claim) or ("off" if _NEGATED_DEFAULT.search(claim) else "on")
        parts = clauses(pair.passage.text)
        # A default is of the claim's thing when its clause, or the one before ("Rotate empty logs. Off by default."), has claim words.
        stated = [(n, s) for n, c in enumerate(parts) if (s := _state(c.text)) is not None and any(_shares(x, pair) for x in [c] + parts[max(0, n - 1) : n])]
        # A clause of the claim's own words that states the claim's default ("A is on by default, B off by default") settles it.
        if any(s == wanted and _shares(parts[n], pair) for n, s in stated):
            return None
        other = next((s for _, s in stated if s != wanted), None)
        return Finding(self.name, reason=f"source: {other} by default; claim: {wanted} by default") if other else None


def _shares(clause: Clause, pair: Pair) -> bool:
    """Whether a clause has a claim word other than "default"."""
    return any(s != "default" and matches(s, clause.analysis) for s in pair.claim.content)


def _removed(claim: Analysis, word_stem: str) -> bool:
    """Whether the claim says the word's thing is gone ("dropped HTTP/2 support"), as a denial of it would."""
    at = position(claim, word_stem)
    return at >= 0 and removed(claim, at)


def denied_clause(pair: Pair) -> tuple[str, str, Clause] | None:
    """The claim's word, the negated phrase and its clause, where the passage clause that best matches the claim (its names first, then
    its words) negates the claim's word: "POST requests are not retried" against "retries failed POST requests"."""
    claim = pair.claim
    if _negates(claim):
        return None
    parts = clauses(pair.passage.text)
    said = claim.content - claim.entity_stems

    def names_held(clause: Clause) -> int:
        return sum(1 for s in claim.entity_stems if s in clause.analysis.content)

    def shared(clause: Clause) -> int:
        return sum(1 for s in claim.content if matches(s, clause.analysis))

    # Clauses that say one of the claim's own words (not a name), best matched first.
    saying = [c for c in parts if any(matches(s, c.analysis) for s in said)]
    if not saying:
        return None
    # The best-matching clause first; then a clause that goes on about the same thing ("It ...") and says two of the claim's
    # words, denying one ("The award pays for a student. It does not include a new camera." against "the award paid for a new camera").
    ranked = sorted(saying, key=lambda c: (names_held(c), shared(c)), reverse=True)
    for clause in ranked[:1] + [c for c in ranked[1:] if _GOES_ON.match(c.text) or _refers_back(c.text, claim)]:
        # A clause about another named thing denies nothing of the claim's: "The Cove infant seat is not affected" against
        # "Harbour Sport seats are affected".
        if _names_another(clause.analysis, claim):
            continue
        # The word the negation governs first (the verb of "are not retried"), not a later one ("do not exist at the source").
        negated = [
            head
            for head, phrase in clause.analysis.negated.items()
            if first_negated(phrase) == head and any(_same(head, s) for s in said) and not _removed(claim, head)
        ]
        if clause is not ranked[0]:
            # Off the best clause, only a denial of the claim's own words counts, not of the same verb with another object
            # ("..., although it did not approve funding" against "approved the plans").
            negated = [head for head in negated if all(matches(w, pair.claim) for w in negated_words(clause.analysis.negated[head]))]
        # A clause that goes on about the clause before it says, with it, what that one says.
        before = parts.index(clause) - 1
        read = clause.analysis if clause is ranked[0] or before < 0 else analyse(f"{parts[before].text} {clause.text}")
        # Two of the claim's words, or its only word besides names when the clause holds every name ("X is the spokesperson,
        # not its chair" against "The trust is chaired by X").
        whole = len(said) == 1 and all(s in read.content for s in claim.entity_stems)
        if negated and (sum(1 for s in said if matches(s, read)) >= 2 or whole):
            head = negated[0]
            word = next((t for t, s in zip(claim.tokens, claim.stems) if s in said and _same(head, s)), head)
            return word, clause.analysis.negated[head], clause
    return None


class NegatedClauseBlocker(Blocker):
    """The passage clause that best matches the claim (its names first, then its words) negates the claim's word."""

    # "The client retries failed POST requests" is not borne out by "GET requests are retried; POST requests are not retried".
    name = "negated_clause"

    def check(self, pair: Pair) -> Finding | None:
        found = denied_clause(pair)
        return Finding(self.name, reason=f"source says “{found[1]}”") if found else None


class DeniedClauseRule(OnAssertionRule):
    """On the claim's assertion, the passage clause that best matches the claim negates the claim's word."""

    # The polarity rule needs the passage to negate the word once and nowhere assert it; here another clause of the
    # passage may assert it of something else ("GET requests are retried; POST requests are not retried").
    name = "denied_clause"
    signal = "polarity_conflict"

    def admits(self, pair: Pair) -> bool:
        # Off the assertion the negated-clause blocker withholds support as it did; this rule adds no doubt of its own.
        return super().admits(pair) and pair.on_assertion

    def check(self, pair: Pair) -> Finding | None:
        found = denied_clause(pair)
        if found is None or not _predicated(pair, found[0]) or not _PLAIN_DENIAL.search(found[1]):
            return None
        word, phrase, clause = found
        # "are not retried unless the client asks", "not brine's own level": a denial with an exception or of a name
        # only withholds support. The phrase is the clause's own analysed words, written as in its text.
        at = clause.analysis.text.find(phrase)
        # ", not Y" sets Y aside as an alternative to what the clause gives ("uses level 9, not brine's own default"): it denies
        # the claim's word only as said of the clause's subject, "X is the spokesperson, not its chair", where Y names nothing.
        aside = clause.analysis.text[:at].rstrip().endswith(",")
        if at < 0 or EXCEPTION.search(clause.analysis.text[at:]) or (aside and (analyse(phrase).entities or _owned(phrase))):
            return None
        return Finding(self.name, Conflict(self.name, word, phrase, SAYS))


def _names_another(clause: Analysis, claim: Analysis) -> bool:
    """Whether a clause names things, none of them the claim's, while the claim names some of its own."""
    theirs = [n for n in clause.entities if n not in clause.uncertain and n not in CALENDAR_NAMES]
    mine = [n for n in claim.entities if n not in claim.uncertain and n not in CALENDAR_NAMES]
    return bool(theirs and mine) and not any(name_present(n, clause) for n in mine) and not any(name_present(n, claim) for n in theirs)


def _owned(phrase: str) -> bool:
    """Whether a phrase names an owner ("brine's own level"): the thing set aside belongs to another."""
    return bool(re.search(r"\w['’]s\b", phrase))


# A denial by "not", "n't" or "never" of a verb ("are not retried", "does not raise"); "no"/"without" deny a noun.
_PLAIN_DENIAL = re.compile(r"\b(?:not|never)\b|n't\b|n’t\b", re.IGNORECASE)


# Words after which a claim word is a noun (a thing named), not what the claim asserts: "with brine", "each file".
_BEFORE_A_NOUN = frozenset("a an the each every its their his her this that these those no any some with of for by from in on at to".split())


def _predicated(pair: Pair, word: str) -> bool:
    """The claim word is what the claim asserts (a verb or a predicate), not what it is about: not its subject's word nor its
    first, not after an article or a preposition."""
    tokens = pair.claim.tokens
    if word not in tokens:
        return False
    at = tokens.index(word)
    # What follows "whether" is asked, not asserted ("reviewing whether the sentence should be referred"); what follows
    # "until" or "unless" is awaited ("deferred the order until the government decides").
    if asked(pair.claim, at) or not _AWAITING.isdisjoint(tokens[max(0, at - 6) : at]):
        return False
    # The first word is what the claim is about ("brine compresses ...").
    return pair.claim.stems[at] not in pair.topic | pair.claim.entity_stems and at > 0 and tokens[at - 1] not in _BEFORE_A_NOUN


_AWAITING = frozenset("until till unless".split())


# A clause that opens on a pronoun goes on about what the clause before it was about.
_GOES_ON = re.compile(r"\s*(?:it|this|these|they|he|she)\b", re.IGNORECASE)


# A clause opening on a definite noun ("The agreement has not yet been signed.") goes on about the thing named before.
_DEFINITE_OPENING = re.compile(r"\s*(?:the|this|that)\s+([a-z]+)\b", re.IGNORECASE)


def _refers_back(text: str, claim: Analysis) -> bool:
    """Whether a clause opens on "the <noun>" for a noun of the claim's: it goes on about what the claim speaks of."""
    opening = _DEFINITE_OPENING.match(text)
    return opening is not None and stem(opening.group(1).lower()) in claim.content - claim.entity_stems


def _same(head: str, claim_stem: str) -> bool:
    return head == claim_stem or head in paraphrase_stems().get(claim_stem, frozenset())


# A figure the passage names as the one replaced: "port 7120 instead of 873", "now 30 days, previously 14".
_REPLACED = re.compile(
    r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|replacing|replaces|formerly|previously|no\s+longer)\s+(?:[\w$€£'’-]+\s+){0,2}$", re.IGNORECASE
)


# A finding of no effect or no difference: "had no detectable effect on predation", "did not differ significantly between
# the groups", "was not associated with", "showed no significant change in".
_NO_EFFECT = re.compile(
    r"\b(?:no|not\s+any|little\s+or\s+no)\s+(?:(?:statistically\s+)?(?:significant|detectable|measurable|meaningful|clear|apparent|"
    r"discernible|noticeable|consistent|overall)\s+)?(?:effect|difference|change|association|link|impact|influence|relationship|"
    r"correlation|benefit|improvement|reduction|increase|decrease)s?\b"
    r"|\b(?:did|does|do|was|were|is|are|has|have|had)\s*(?:not|n't|n’t)\s+(?:\w+ly\s+)?(?:differ|vary|change|affect|improve|reduce|"
    r"increase|decrease|influence|alter|predict|associated|linked|related|correlated|affected|changed|improved|reduced|"
    r"increased|decreased|altered)\w*",
    re.IGNORECASE,
)


def no_effect_clause(pair: Pair) -> tuple[str, str, float] | None:
    """(the claim's effect word, the passage's finding of no effect, the share of the claim's other words its clause holds)
    where the claim asserts an effect or a difference ("were less likely to be taken by predators") and a passage clause finds
    none on the same thing ("had no detectable effect on predation"): the clause holds two of the claim's words, one not of
    its subject."""

    claim = pair.claim
    if _negates(claim):
        return None
    # The last of them says what changed ("nests built higher were less likely ..."): the word to quote.
    effect = next((t for t in reversed(claim.tokens) if t in EFFECT_WORDS), None)
    if effect is None:
        return None
    effects = {s for t, s in zip(claim.tokens, claim.stems) if t in EFFECT_WORDS}
    # What the claim is about: its parser subject and its sure names ("Mortality" opening a sentence may be neither).
    subject = pair.topic | {stem(w) for name in claim.entities if name not in claim.uncertain for w in words(name)}
    parts = clauses(pair.passage.text)
    for clause in parts:
        found = _NO_EFFECT.search(clause.text)
        # "candidates at centres that were not affected": a relative clause picks out a group; it reports no finding.
        if found is None or re.search(r"\b(?:that|which|who|whom)\s+$", clause.text[: found.start()], re.IGNORECASE):
            continue
        shared = {s for s in claim.content - effects if matches(s, clause.analysis)}
        measured = {s for s in shared - subject if matches(s, analyse(_measure(clause.text, found)))}
        if len(shared) < 2 or not measured:
            continue
        # "had no effect on barley yields, but raised wheat yields": another clause that gives the claim's effect on the same
        # measure is what the passage says of the claim.
        if any(
            all(matches(s, other.analysis) for s in measured) and any(matches(s, other.analysis) for s in effects) for other in parts if other is not clause
        ):
            continue
        return effect, found.group(0), len(shared) / max(1, len(claim.content - effects))
    return None


NO_EFFECT_SHARE = 0.5
# Where the measure a finding of no effect names ends: "no effect on heart rate | in the trial".
_MEASURE_END = re.compile(r"[,;:()]|\b(?:in|at|for|between|among|after|before|during|with|than|from|over|across|when|while|because)\b", re.IGNORECASE)


def _measure(text: str, found: re.Match[str]) -> str:
    """The measure a finding of no effect is about: what follows "no effect on", or what stands before "did not differ"."""
    after = text[found.end() :]
    opening = re.match(r"\s*(?:on|upon|in|of|to)\b", after, re.IGNORECASE)
    if found.group(0).lower().startswith(("no", "not any", "little")) and opening:
        rest = after[opening.end() :]
        end = _MEASURE_END.search(rest)
        return rest[: end.start()] if end else rest
    return text[: found.start()]


class NoEffectRule(OnAssertionRule):
    """The claim asserts an effect or a difference; the passage finds none on the same thing."""

    # "Nests built higher were less likely to be taken by predators" against "Nest height had no detectable effect on
    # predation": studies report what they did not find in words that share little with a claim of the opposite.
    name = "no_effect"
    signal = "polarity_conflict"

    def decisive(self, pair: Pair) -> bool:
        # A clause of the finding that holds most of the claim's words is on its assertion, however short the passage is.
        found = no_effect_clause(pair)
        return pair.on_assertion or (found is not None and found[2] >= NO_EFFECT_SHARE)

    def check(self, pair: Pair) -> Finding | None:
        found = no_effect_clause(pair)
        return Finding(self.name, Conflict(self.name, found[0], found[1], SAYS)) if found else None


class ReplacedFigureBlocker(Blocker):
    """The claim's figure stands in the passage first as the one replaced ("listens on 7120 instead of 873")."""

    name = "replaced_figure"

    def check(self, pair: Pair) -> Finding | None:
        text = pair.passage.text
        for figure in pair.claim.figures:
            # Once the passage gives the figure as the one replaced, a later mention of it ("... rather than 4.2, because 4.2
            # came out late") names the replaced figure again, not the one in force.
            compatible = [q for q in pair.passage.figures if q.kind == figure.kind and q.overlaps(figure)]
            if compatible and _REPLACED.search(text[max(0, compatible[0].start - 40) : compatible[0].start]):
                return Finding(self.name, reason=f"source gives {figure.text} as what was replaced")
            # "now £5,000 a year, up from the £3,500 first proposed": the figure a change started from, given only as that,
            # is no longer in force, unless the claim speaks of then ("originally", a date) or of the change itself.
            # ("up to £294,000" allows £3,500 but does not give it.)
            # "450,000 crowns - sorry, I'm being corrected, it was 540,000": a speaker's figure taken back at once.
            if compatible and all(_taken_back(pair.passage, q) for q in compatible):
                return Finding(self.name, reason=f"source takes {figure.text} back and gives another figure")
            given = [q for q in compatible if not q.is_limit]
            if given and all(_started_from(text, q) for q in given) and not _of_then(pair.claim, figure):
                return Finding(self.name, reason=f"source gives {figure.text} as what it changed from or is compared with")
        return None


# A change's starting point: "up from the £3,500", "down from 69%", "rose from 12" (not a range's: "from 9 to 5").
_STARTED_FROM = re.compile(
    r"\b(?:up|down|rose|risen|rising|increased|increasing|fell|fallen|falling|dropped|cut|raised|lowered|reduced|grew|grown|climbed|jumped|slipped)"
    r"\s+from\s+(?:the\s+|an?\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)


# A comparison's baseline: "$11 million, well above the $6 million to $8 million it forecast", "compared with 4,200 in 2023".
_COMPARED_WITH = re.compile(
    r"\b(?:(?:well|far|much|slightly|just|way)\s+)?(?:above|below|compared\s+(?:with|to)|against)\s+(?:the\s+|an?\s+|its\s+|their\s+)?"
    r"(?:\S+(?:\s+(?:million|billion|thousand|m|bn))?\s+(?:to|or)\s+)?$",
    re.IGNORECASE,
)


def _taken_back(passage: Analysis, figure: Quantity) -> bool:
    """Whether a speaker takes a figure back in the words after it ("- sorry, it was 540,000", "or rather 12") for another."""
    after = passage.text[figure.start + len(figure.text) : figure.start + len(figure.text) + 80]
    marker = _TAKING_BACK.search(after)
    if marker is None:
        return False
    at = figure.start + len(figure.text) + marker.end()
    return any(q.kind == figure.kind and q.start >= at and q.start < at + 60 and not q.overlaps(figure) for q in passage.figures)


# Words by which a speaker takes back what they just said: "sorry", "I mean", "or rather", "I'm being corrected", "make that".
_TAKING_BACK = re.compile(
    r"^[^.!?]{0,60}?\b(?:sorry|I\s+mean|or\s+rather|I\s+should\s+say|I'?m\s+being\s+corrected|I\s+stand\s+corrected|make\s+that|correction)\b",
    re.IGNORECASE,
)


def _started_from(text: str, figure: Quantity) -> bool:
    """Whether a passage gives a figure as where a change started, or as what another figure is compared with."""
    before = max(0, figure.start - 50)
    return _STARTED_FROM.search(text, before, figure.start) is not None or _COMPARED_WITH.search(text, before, figure.start) is not None


def _of_then(claim: Analysis, figure: Quantity) -> bool:
    """Whether a claim gives its figure for the time before a change: with a date, a plan word ("originally"), or as the start
    of its own change."""
    return bool(claim.dates) or not PLAN_WORDS.isdisjoint(claim.tokens) or is_change_start(claim, figure) or is_change(claim, figure)


# "Your Spring issue repeated that X", "critics claim that X": a statement the passage reports as someone's ...
_REPORTED_THAT = re.compile(
    r"\b(?:say|said|says|repeat|repeated|repeats|claim|claimed|claims|state|stated|states|write|wrote|writes|report|reported|"
    r"reports|suggest|suggested|suggests|insist|insisted|insists|argue|argued|argues|assert|asserted|asserts|allege|alleged|alleges)\s+(?:(?:once\s+)?again\s+|repeatedly\s+|often\s+)?that\s+",
    re.IGNORECASE,
)
# ... and the sentence after it disputing it: "I do not believe he did.", "This is not true.", "It did not."
_DISPUTING = re.compile(
    r"\s*(?:but\s+)?(?:"
    r"(?:I|we)\s+(?:do|did)\s*(?:not|n['’]t)\s+(?:believe|think|accept)\s+(?:it|this|that|he|she|they|so|a\s+word\s+of\s+it)\b"
    r"|(?:this|that|it|the\s+claim|the\s+story|the\s+report)\s+(?:is|was)\s+(?:simply\s+|just\s+)?"
    r"(?:not\s+true|untrue|false|wrong|incorrect|mistaken|not\s+so|not\s+the\s+case|a\s+myth)\b"
    r"|(?:he|she|it|they)\s+(?:did|does|do|was|were|is|are|has|have|had)\s*(?:not|n['’]t)\s*[.!]"
    r")",
    re.IGNORECASE,
)


def disputed_statements(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every statement a text reports as someone's ("... repeated that X."), with where the sentence after it disputes it."""
    found = []
    for reported in _REPORTED_THAT.finditer(text):
        end = STATEMENT_END.search(text, reported.end())
        dispute = _DISPUTING.match(text, end.end()) if end is not None else None
        if end is not None and dispute is not None:
            start = dispute.start() + len(dispute.group(0)) - len(dispute.group(0).lstrip())
            closes = STATEMENT_END.search(text, start)
            found.append((text[reported.end() : end.start()], (start, closes.start() if closes else len(text))))
    return found


class DeniedFigureRule(Rule):
    """The passage gives a figure in place of the claim's, which it names to deny it: "passed 4-3, not 5-2", "11%, not 14%"."""

    # The claim's figure stands in the passage, but only as the one denied; the figure before it is what the passage says.
    # Its own signal, not "figure_conflict": a denial names the claim's very figure, so it is not taken for a figure of
    # another fact when a supporting passage matches more of the claim (see `verdict.decide`).
    name = "denied_figure"
    signal = "denied_figure"

    def admits(self, pair: Pair) -> bool:
        return pair.similarity >= pair.thresholds.align_similarity and not pair.missing

    def check(self, pair: Pair) -> Finding | None:
        claim_text, text = pair.claim.text, pair.passage.text
        for found in _INSTEAD_OF.finditer(text):
            denied = found.group("denied").rstrip(".,")
            # What the passage gives instead: the last figure of the same shape before the denial, in its sentence ("fell
            # 11% in 2023, not 14%" gives 11%, not the year).
            opening = max((m.end() for m in _CLAUSE_STOP.finditer(text, 0, found.start())), default=0)
            given = next((m for m in reversed(list(re.finditer(_FIGURE_TEXT, text[opening : found.start()]))) if _shape(m.group(0)) == _shape(denied)), None)
            at = _written(denied, claim_text)
            if given is None or at is None:
                continue
            given_text, start = given.group(0).rstrip(".,"), opening + given.start()
            if _written(given_text, claim_text) is not None:
                continue
            # The denied figure counts what the one given does ("30 masons, not 40"): the claim's must count that too.
            ours = next((q for q in pair.claim.figures if q.start <= at.start() < q.end), None)
            theirs = next((q for q in pair.passage.figures if q.start <= start < q.end), None)
            if ours is not None and theirs is not None and ours.noun and theirs.noun and not same_noun(ours, theirs):
                continue
            end = start + len(given_text)
            conflict = Conflict(
                self.name,
                denied,
                text[start:end],
                claim_span=pair.span("claim", at.start(), at.end()),
                source_span=pair.span("passage", start, end),
            )
            return Finding(self.name, conflict)
        return None


# A figure or score named to deny it, after another given in its place: "4-3, not 5-2", "£8.4m, not £4.8m".
_CLAUSE_STOP = re.compile(r"[.;!?](?=\s)")
_FIGURE_TEXT = r"[$£€]?\d[\d,.]*(?:\s?[–-]\s?\d+)?(?:\s?%|\s+(?:million|billion|thousand|per\s*cent|percent))?"
# ("instead of" and "rather than" name what was replaced, perhaps true in its time: `ReplacedFigureBlocker`.)
_INSTEAD_OF = re.compile(rf",?\s+not\s+(?P<denied>{_FIGURE_TEXT})(?![\w–-])", re.IGNORECASE)


def _shape(figure: str) -> tuple[bool, bool, bool, bool]:
    """What kind of figure a text is, by its form: a share, an amount of money, a score or tally, a year."""
    digits = figure.strip(" .,")
    year = re.fullmatch(r"(?:18|19|20)\d\d", digits) is not None
    return ("%" in figure or "cent" in figure.lower(), bool(re.match(r"[$£€]", figure)), bool(re.search(r"\d\s?[–-]\s?\d", figure)), year)


def _written(figure: str, text: str) -> re.Match[str] | None:
    """Where a figure is written in a text as a whole figure (not inside a longer one)."""
    return re.search(rf"(?<![\w.,–-]){re.escape(figure)}(?![\w–-]|[.,]\d)", text)


class DisputedRule(Rule):
    """The passage reports the claim as someone's statement and disputes it: "your issue said that X. I do not believe it."."""

    # Like a correction notice, the passage repeats the claim's very statement to dispute it: it contradicts the claim though
    # the claim adds what the statement leaves out ("Amos Varcoe, a shipwright from Pendry, founded ...").
    name = "disputed"
    signal = "polarity_conflict"

    def admits(self, pair: Pair) -> bool:
        return pair.similarity >= pair.thresholds.align_similarity

    def check(self, pair: Pair) -> Finding | None:
        claim = pair.claim
        if ABOUT_REPORTING.search(claim.text):
            return None  # a claim about what was said is borne out by the report of it
        text = pair.passage.text
        # The dispute may open the sentence after the passage: "... repeated that X." then "I do not believe he did."
        read = f"{text} {pair.after}" if pair.after else text
        for statement, (start, end) in disputed_statements(read):
            if read.find(statement) >= len(text):
                continue  # a statement of the sentence after, not the passage's
            said = analyse(statement)
            # The disputed statement is the claim's: it names the claim's names that the passage names (one at least), gives
            # its figures and dates, and says most of its other words.
            names = [n for n in claim.entities if n not in claim.uncertain and n not in pair.missing]
            if any(n not in statement for n in names) or (claim.entities and not names):
                continue
            if not figure_conflict(claim, said)[1] or not date_conflict(claim, said)[1]:
                continue
            own = claim.content - claim.entity_stems
            if own and sum(matches(s, said) for s in own) < 0.6 * len(own):
                continue
            if start >= len(text):
                # Quote the passage's own words: the dispute is in the sentence after it.
                return Finding(
                    self.name, Conflict(self.name, claim.text.rstrip("."), statement, "source reports '{source}' and the sentence after it disputes it")
                )
            conflict = Conflict(
                self.name, statement, text[start:end], "source reports '{claim}' and says '{source}'", source_span=pair.span("passage", start, end)
            )
            return Finding(self.name, conflict)
        return None
