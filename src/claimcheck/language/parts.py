"""A claim cut into its parts: each assertion of a compound sentence as a sentence that can be checked on its own.

"The ferry line, founded in 1921, carried 3 million passengers and its rival 2 million" makes three assertions.
A claim is supported only when every part is, so each part is checked like a claim of its own; a part keeps its
span in the claim so the report can mark the one that fails. Parts are cached by the claim's text, so a re-run
with unchanged claims parses nothing and loads no parser.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..index import ByteStore
from ..lexicon import (
    AGENT_NOUNS,
    AMOUNT_VERBS,
    CHANGE_VERBS,
    DIRECTING_VERBS,
    FRAMING_PREPOSITIONS,
    INSTITUTION_NOUNS,
    LIGHT_NOUNS,
    LIGHT_VERBS,
    OPINION_VERBS,
    PEOPLE_NOUNS,
    PHRASAL_VERBS,
    REFLEXIVE_PRONOUNS,
    ROLE_NOUNS,
    SOURCING,
    STOP_WORDS,
    UNASSERTING_VERBS,
    UNIT_NOUNS,
    WORK_NOUNS,
)
from .assertions import SAY_VERBS, Assertion, assertions, assertions_of, is_adjective
from .parser import PIPELINE_VERSION

if TYPE_CHECKING:
    from spacy.tokens import Doc

_NOUNS = frozenset({"NOUN", "PROPN"})
# Nouns naming a kind of thing, which a word before them narrows to one ("the sluice service", "the Acme app"): general English.
_KIND_NOUNS = frozenset(
    """service daemon library tool program package project server client utility application app plugin extension command
    format protocol company firm brand platform product device software""".split()
)

# A noun made from a verb, naming an act: "decision", "payment", "approval", "acceptance".
_ACT_NOUN = re.compile(r"(?:[st]ion|ment|[sv]al|ance|ence)s?$")
# Bump when the way parts are cut changes: cached parts of an older scheme are not reused.
PARTS_SCHEME = "parts-v67"
# Frames that are not an assertion of their own: a verbless fragment restates the sentence.
_NOT_PARTS = frozenset({"fragment"})
# Frames whose verb is the sentence's own assertion, with a mood of its own; an attached one ("X, founded in 1921, ...")
# is its own part.
INDEPENDENT_KINDS = frozenset({"clause", "coordinated"})
# Verbs whose figure, when they have one, carries the assertion (`required_verbs`).
_FIGURE_VERBS = CHANGE_VERBS | AMOUNT_VERBS
# Frames with no verb of their own: "X, the chair, ..." and "X, with 40 staff, ..." say what they say with nouns.
_VERBLESS = frozenset({"fragment", "appositive", "with"})
# Slots whose filler is what is said of the subject (`required_heads`).
_HEAD_SLOTS = frozenset({"object", "attribute"})
_NAMED = frozenset({"PERSON", "ORG"})
_STOPPED_SHORT = re.compile(r"\bstop(?:s|ped|ping)?\s+short\s+of\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"to\s", re.IGNORECASE)
_RELATIVE_PRONOUNS = re.compile(r"^(?:which|who|that)\s+", re.IGNORECASE)
_WITH = re.compile(r"^with\s+", re.IGNORECASE)
_DANGLING = re.compile(r"[\s,]+(?:and|or|but|nor)$", re.IGNORECASE)
_SUBJECT_PRONOUNS = frozenset("it he she they".split())
_POSSESSIVE_PRONOUNS = frozenset("its his her their".split())
_PRONOUN_PATTERN = re.compile(r"^(?:it|he|she|they|its|his|her|their|this|that|these|those|we|i|you)\b", re.IGNORECASE)
_POSSESSOR = re.compile(r"^.*?['’]s?(?=\s)")
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


@dataclass(frozen=True)
class Part:
    """One assertion of a claim: `text` is checked on its own; `start`/`end` mark its words in the claim."""

    text: str
    start: int
    end: int
    kind: str
    # What the part says things of and with: its subject and arguments ("the airline", "3 million", "June"), not its verb.
    slots: tuple[str, ...] = ()
    subject: str = ""  # the words naming the particular thing it is about, if its subject names one ("sluice" in "sluice's option")
    verbs: tuple[str, ...] = ()  # the verbs a source must say (see `required_verbs`)
    heads: tuple[str, ...] = ()  # the nouns and adjectives a source must say (see `required_heads`)
    doers: tuple[str, ...] = ()  # "verb doer" of its acts done by people or bodies (see `required_doers`)


@dataclass(frozen=True)
class Shape:
    """What the parser tells about a claim: who or what it is about, its parts when it makes several assertions, and the
    verbs, nouns and adjectives a source must say for it."""

    subject: str
    parts: tuple[Part, ...]
    verbs: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    doers: tuple[str, ...] = ()


def required_verbs(found: Sequence[Assertion], kinds: frozenset[str] = INDEPENDENT_KINDS) -> tuple[str, ...]:
    """The lemmas of the verbs that carry the assertions of `kinds` ("turn down" for a phrasal verb): a passage that says none
    of them tells of another event."""
    verbs = []
    for assertion in found:
        lemma = assertion.predicate.lemma
        if kinds == INDEPENDENT_KINDS and _wanted(assertion):
            assertion = replace(assertion, kind="clause")  # said with the main verb that wants it
        # A verb directing the infinitive's event says something of its own: a passage on an application for costs does not say
        # anyone was ordered to pay them. (Verbs of deciding, promising or starting are borne out by the event itself.)
        if assertion.kind in kinds:
            verbs += [v for v in assertion.predicate.chain[:-1] if v in DIRECTING_VERBS]
        # A verb with its particle says what neither says alone: "turned down" is required whole ("took over", "put off").
        written = assertion.predicate.text.split()
        phrasal = f"{lemma} {written[-1].lower()}" if len(written) >= 2 else ""
        if assertion.kind in kinds and phrasal in PHRASAL_VERBS:
            verbs.append(phrasal)
            continue
        # Light verbs say little on their own, and reporting verbs are the speaker's.
        if assertion.kind not in kinds or not lemma.isalpha() or lemma in LIGHT_VERBS or lemma in SAY_VERBS:
            continue
        if lemma in OPINION_VERBS and assertion.predicate.passive:
            continue
        # "stopped short of finding" says only that the finding was not made: the negation rules weigh it.
        if lemma == "stop" and _STOPPED_SHORT.search(assertion.text):
            continue
        # A change or an amount is said with its figure, weighed by the figure rules: "cut jobs by 12%" is "12% fewer
        # jobs", "costs $200" is "is $200".
        if lemma in _FIGURE_VERBS and any(a.quantity is not None for a in assertion.arguments):
            continue
        verbs.append(lemma)
    return tuple(dict.fromkeys(verbs))


def required_heads(found: Sequence[Assertion], kinds: frozenset[str] = INDEPENDENT_KINDS) -> tuple[str, ...]:
    """The common nouns and adjectives, as the claim writes them, that fill the object, attribute and prepositional slots of the
    assertions of `kinds`: what the claim says its subject does or is, with what or to whom ("free for students")."""
    heads = []
    for assertion in found:
        if assertion.kind not in kinds and not (kinds == INDEPENDENT_KINDS and _held(assertion)):
            continue
        # A passive with a named doer ("The consent was granted by Wendmoor Council") says of the doer what its active does
        # ("Wendmoor Council granted the consent"): what was done is then said, as an object is. (Not a piece of work a
        # document reports, "The study was paid for by ...", which its own text may never name.)
        named_doer = assertion.predicate.passive and any(a.slot == "subject" and a.type in _NAMED for a in assertion.arguments)
        for argument in assertion.arguments:
            head = argument.word.lower()
            # A passive subject ("The study was paid for by ...") is what the claim is about, not what it says of it.
            # The doer of a passive ("taken ashore by lifeboat") is said of the subject too: another doer is another event.
            doer = argument.slot == "subject" and assertion.predicate.passive
            # A light verb's passive subject is the act itself: "The decision to defer it was taken by the cabinet" says a
            # decision was made; a passage naming the cabinet and the deferral does not say who decided.
            # (The parser gives a passive's subject the object's slot, before the verb.) Only a noun naming an act: "The injured
            # were taken to the infirmary" is about the injured.
            done = named_doer and head not in WORK_NOUNS
            act = (
                assertion.predicate.passive
                and argument.slot == "object"
                and (done or (assertion.predicate.lemma in LIGHT_VERBS and _ACT_NOUN.search(head) is not None))
            )
            if argument.type != "NP" or not (_says_of_subject(argument.slot) or doer) or (argument.start < assertion.predicate.start and not act):
                continue
            # A comparison or superlative ("2 °C warmer than the coolest", "the longest in the region") is the degree rules' to
            # weigh, and where a figure comes from ("by one count") is not what the claim says.
            if " than " in f" {argument.text.lower()} " or not head.isalpha() or len(head) < 3 or _graded(head, argument.head):
                continue
            if argument.slot == "prep:by" and SOURCING.match(f"by {argument.text}"):
                continue
            if head in UNIT_NOUNS:
                # "the cardiology department" is "cardiology" wherever it is said to be headed or run.
                before = re.findall(r"[^\W\d_]+", argument.text[: argument.text.lower().rfind(head)])
                head = before[-1].lower() if before else head
            if head in STOP_WORDS or head in LIGHT_NOUNS or head in REFLEXIVE_PRONOUNS:
                continue
            heads.append(head)
    if kinds == INDEPENDENT_KINDS and not any(a.kind in kinds for a in found):
        heads += _fragment_heads(found)
    return tuple(dict.fromkeys(heads))


def _fragment_heads(found: Sequence[Assertion]) -> list[str]:
    """The head nouns of a sentence the parser read with no verb: a claim is a sentence, so its head noun is most often a verb
    taken for a noun ("Signal crayfish prey on mussels"), and whatever it is, the claim says it."""
    heads = []
    for assertion in found:
        lemma = assertion.predicate.lemma
        # Written in lower case somewhere in the sentence: a common word, not a name ("Record rainfall in May", not "Acme").
        if assertion.kind != "fragment" or not lemma.isalpha() or len(lemma) < 3 or not re.search(rf"\b{lemma}", assertion.text):
            continue
        if lemma not in STOP_WORDS and lemma not in LIGHT_NOUNS and lemma not in UNIT_NOUNS:
            heads.append(lemma)
    return heads


def _graded(word: str, lemma: str) -> bool:
    """Whether a word is the comparative or superlative of an adjective ("longest" of "long", "warmer" of "warm")."""
    return word != lemma and word.endswith(("er", "est")) and is_adjective(lemma)


def _says_of_subject(slot: str) -> bool:
    """Whether a slot holds what the assertion says of its subject: an object, an attribute, or a prepositional phrase
    other than one that only frames it in time or against something ("until its closure", "despite the promise")."""
    if slot.startswith("prep:"):
        return slot.removeprefix("prep:") not in FRAMING_PREPOSITIONS
    return slot in _HEAD_SLOTS


@lru_cache(maxsize=4096)
def verbs_of(text: str) -> tuple[str, ...]:
    """The verbs a claim's text says (`Shape.verbs`), parsed here (a checker passes the verbs of its cached parse instead)."""
    if not text.strip():
        return ()
    from .parser import parse

    doc = parse(text)
    return tuple(dict.fromkeys(required_verbs(assertions_of(doc)) + _ranked_acts(doc)))


_DOERS = PEOPLE_NOUNS | ROLE_NOUNS | INSTITUTION_NOUNS | frozenset(AGENT_NOUNS)


def required_doers(found: Sequence[Assertion], kinds: frozenset[str] = INDEPENDENT_KINDS) -> tuple[str, ...]:
    """ "verb doer" of each active assertion done by people or a body named by a common noun ("The second officer moved
    waypoint 7" → "move officer") among the assertions of `kinds`: who did the act, which a passive without its agent
    leaves unsaid."""
    doings = []
    for assertion in found:
        lemma = assertion.predicate.lemma
        # One verb of its own: in "voted to close", the council's act is the vote.
        if assertion.kind not in kinds or assertion.predicate.passive or len(assertion.predicate.chain) > 1:
            continue
        if not lemma.isalpha() or lemma in LIGHT_VERBS or lemma in SAY_VERBS:
            continue
        # People and bodies act; "the collapse left savers unable" gives a cause, which a passive may leave unsaid.
        doers = [a for a in assertion.in_slot("subject") if a.type == "NP" and a.word.islower() and (a.word in _DOERS or a.head in _DOERS)]
        doings += [f"{lemma} {doer.word}" for doer in doers]
    return tuple(dict.fromkeys(doings))


@lru_cache(maxsize=4096)
def doers_of(text: str) -> tuple[str, ...]:
    """`required_doers` of a claim's text, parsed here (a checker passes the doers of its cached parse instead)."""
    return required_doers(assertions(text))


@lru_cache(maxsize=4096)
def heads_of(text: str) -> tuple[str, ...]:
    """`required_heads` of a claim's text, parsed here (a checker passes the heads of its cached parse instead)."""
    return required_heads(assertions(text))


def parts_of(text: str, found: Sequence[Assertion], topic: Callable[[Assertion], str] = lambda a: "") -> list[Part]:
    """The claim's parts, or [] when it makes a single assertion (the claim is then its own only part).

    `topic` gives the words of an assertion's subject that name one particular thing (see `shape_of`)."""
    widened, held = _with_held(text, [a for a in found if a.kind not in _NOT_PARTS])
    usable = [a for a in widened if len(_WORD.findall(a.text)) >= 2 and not _bare_copula(a)]
    if len(usable) < 2:
        first = usable[0] if usable else None
        whole = Part(
            text,
            0,
            len(text),
            first.kind if first else "clause",
            (),
            topic(first) if first else "",
            required_verbs(found),
            required_heads(found),
            required_doers(found),
        )
        split = _partitive_parts(text, whole)
        return split if len(split) >= 2 else []
    parts: list[Part] = []
    main = usable[0].subject.text if usable[0].subject is not None else None
    for assertion in usable:
        standalone = _standalone(text, assertion, usable)
        if main is not None and assertion is not usable[0]:
            standalone = _resolve_pronoun(standalone, main)
        if len(_WORD.findall(standalone)) < 3 or any(p.text == standalone for p in parts):
            continue
        slots = tuple(dict.fromkeys(a.text for a in assertion.arguments))
        # A pronoun subject ("its fuel costs", "it") is about what the first part is about.
        own = assertion.subject is not None and _PRONOUN_PATTERN.match(assertion.subject.text) is None
        subject = topic(assertion) if own or assertion is usable[0] else topic(usable[0])
        # A part is checked as a sentence of its own: its verb is its main verb, whatever frame it came from.
        # A wanted clause inside it says what its verb wants: its own verb and nouns are said too.
        # (An infinitive of purpose is said in its nouns: its verb may be put another way, "asked him to wipe" as "to delete".)
        framed = [assertion, *held.get(id(assertion), [])]
        kinds = frozenset(a.kind for a in framed) - _VERBLESS
        verbs = required_verbs([a for a in framed if not _purpose(a)], kinds=kinds)
        heads = required_heads(framed, kinds=kinds)
        parts.extend(
            _partitive_parts(
                text, Part(standalone, assertion.start, assertion.end, assertion.kind, slots, subject, verbs, heads, required_doers(framed, kinds=kinds))
            )
        )
    return parts if len(parts) >= 2 else []


def _bare_copula(assertion: Assertion) -> bool:
    """A clause the parser left with "be" and its subject alone ("Marsh-Teller is", its complement misread as another
    clause): it says nothing by itself, so the sentence is no set of parts a passage could each bear out."""
    return assertion.predicate.lemma == "be" and not assertion.predicate.chain[1:] and all(a.slot == "subject" for a in assertion.arguments)


def _wanted(assertion: Assertion) -> bool:
    """A "that"-clause a verb wants or proposes ("recommended that the scheme be refused"): not said to have happened.

    An infinitive ("expects it to grow 10%") is not one: it stays a part of its own, its figure read as expected there."""
    return (
        assertion.kind == "complement"
        and bool(assertion.modality)
        and assertion.modality[-1] in UNASSERTING_VERBS
        and _INFINITIVE.match(assertion.predicate.text) is None
    )


def _purpose(assertion: Assertion) -> bool:
    """An infinitive of purpose ("amended to keep the ferry clear of the reef"): why its clause's act was done, which said
    alone ("The route to keep the ferry clear of the reef") a passage on any other act with that aim would bear out."""
    return assertion.kind == "adverbial" and _INFINITIVE.match(assertion.predicate.text) is not None


def _held(assertion: Assertion) -> bool:
    """Whether an assertion is said only within another's frame: a wanted clause or an infinitive of purpose."""
    return _wanted(assertion) or _purpose(assertion)


def _with_held(text: str, found: list[Assertion]) -> tuple[list[Assertion], dict[int, list[Assertion]]]:
    """The assertions with each wanted clause kept inside the frame of the verb that wants it (checked on its own, it would
    be checked as though it had happened), and each infinitive of purpose inside the clause before it; and the clauses each
    widened frame now holds, by the frame's id."""
    kept = list(found)
    held: dict[int, list[Assertion]] = {}
    for inner in filter(_held, found):
        if _wanted(inner):
            governor = next((n for n, a in enumerate(kept) if a is not inner and a.predicate.lemma == inner.modality[-1] and a.start < inner.start), None)
        else:
            governor = max((n for n, a in enumerate(kept) if a is not inner and a.end <= inner.start), key=lambda n: kept[n].end, default=None)
        if governor is None:
            continue
        frame = kept[governor]
        end = max(frame.end, inner.end)
        kept[governor] = replace(frame, end=end, text=text[frame.start : end])
        held[id(kept[governor])] = [*held.pop(id(frame), []), inner]
        kept.remove(inner)
    return kept, held


# A share of the things just counted, said in an aside: "212 vessels, most of them schooners", "340 people, six of whom say
# they were burned", "nine stores, six of them around Indianapolis, and closed three".
_PARTITIVE = re.compile(
    r",\s+(?P<share>most|many|some|all|half|several|none|a\s+third|a\s+quarter|\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|twenty|thirty|forty|fifty)\s+of\s+(?:them|which|whom)\s+(?P<rest>[^,;]+?)(?:,(?=\s+\S)|(?=\s*[;.]?\s*$))",
    re.IGNORECASE,
)
# What the aside counts a share of: the figure just before it and the words after the figure ("212 vessels").
_COUNTED = re.compile(
    r"(?:^|\s)(?P<counted>(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+-?(?:ty|teen))(?:\s+[^\s,;]+){1,6})$", re.IGNORECASE
)


def _partitive_parts(claim: str, part: Part) -> list[Part]:
    """The part without its partitive aside, and the aside as a part of its own ("Most of the vessels schooners"), so
    each is borne out on its own, possibly by different passages; the part alone when it has no such aside."""
    found = _PARTITIVE.search(part.text)
    counted = _COUNTED.search(part.text[: found.start()]) if found else None
    if found is None or counted is None:
        return [part]
    rest = part.text[found.end() :]
    main = _tidy(part.text[: found.start()] + ("" if not rest.strip() or rest.lstrip()[0] in ".;" else " ") + rest.lstrip())
    # The share counts the aside's noun, without the whole's figure (the main part's) or what is said of it: "Four of the
    # awards" for "nine awards worth 2.9 million euros, four of them ...".
    after = counted.group("counted").split()[1:]
    cut = next((n for n, w in enumerate(after) if n and (w.lower() in STOP_WORDS or w.lower() == "worth" or w[0].isdigit())), len(after))
    things = " ".join(after[:cut])
    share = found.group("share")
    aside = f"{share[0].upper()}{share[1:]} of the {things} {found.group('rest').strip()}"
    at = claim.find(found.group(0).strip(" ,"))
    span = (at, at + len(found.group(0).strip(" ,"))) if at >= 0 else (part.start, part.end)
    # The nouns and adjectives a source must say stay with the words they are in.
    heads = tuple(h for h in part.heads if re.search(rf"\b{re.escape(h)}\b", main, re.IGNORECASE))
    return [
        Part(main, part.start, part.end, part.kind, part.slots, part.subject, part.verbs, heads, part.doers),
        Part(aside, span[0], span[1], "partitive", (), part.subject, (), ()),
    ]


def _standalone(text: str, assertion: Assertion, others: Sequence[Assertion]) -> str:
    """The assertion as a sentence of its own: its subject and, for a reported one, its speaker put back."""
    start, end = assertion.start, assertion.end
    attribution = assertion.attribution
    if attribution is not None and attribution.speaker is not None and attribution.speaker.start < start:
        start = attribution.speaker.start  # "X said (that) Y" stays one frame around Y
    # Other parts inside this one's words ("X, founded in 1921, is based in Y") are checked on their own.
    inner = sorted((o.start, o.end) for o in others if o is not assertion and start <= o.start and o.end <= end and (o.start, o.end) != (start, end))
    pieces, at = [], start
    for inner_start, inner_end in inner:
        if inner_start >= at:
            # An inserted phrase goes with the commas around it: "X, founded in 1921, is" → "X is".
            before = text[at:inner_start]
            after = text[inner_end:end]
            if before.rstrip().endswith(",") and after.lstrip().startswith(","):
                before = before.rstrip()[:-1] + " "
                inner_end += len(after) - len(after.lstrip()) + 1
            pieces.append(before)
            at = inner_end
    pieces.append(text[at:end])
    body = _tidy("".join(pieces))
    subject = assertion.subject
    if subject is None or start <= subject.start < end:
        return body
    said = subject.text
    if assertion.kind == "appositive":
        return f"{said} {_be(assertion)} {body}"
    if assertion.kind == "with":
        return f"{said} has {_WITH.sub('', body)}"
    if assertion.kind == "relative" and body.lower().startswith("whose "):
        return f"{said}'s {body[6:]}"
    if assertion.kind == "relative" and _RELATIVE_PRONOUNS.match(body):
        return _RELATIVE_PRONOUNS.sub(f"{said} ", body, count=1)
    if assertion.kind == "gapped":
        verb = next((o.predicate.text for o in others if o.predicate.lemma == assertion.predicate.lemma and o.predicate.text), "")
        return f"{said} {verb} {body}" if verb else f"{said} {body}"
    if assertion.kind == "participial" and assertion.predicate.passive:
        return f"{said} {_be(assertion)} {body}"
    return f"{said} {body}"


def _resolve_pronoun(part: str, main: str) -> str:
    """A part opening on a pronoun ("its fuel costs rose") said of the first part's subject, as a reader takes it."""
    first, _, rest = part.partition(" ")
    word = first.lower()
    if word in _SUBJECT_PRONOUNS and rest and not _PRONOUN_PATTERN.match(main):
        return f"{main} {rest}"
    if word in _POSSESSIVE_PRONOUNS and rest and not _PRONOUN_PATTERN.match(main):
        owner = _POSSESSOR.match(main)
        return f"{owner.group(0) if owner else main + chr(39) + 's'} {rest}"
    return part


def _be(assertion: Assertion) -> str:
    """'is' or 'was' for an implied copula: past when the assertion's dates or verb are past."""
    return "was" if assertion.predicate.passive or assertion.of_type("DATE") else "is"


def _tidy(words: str) -> str:
    """Whitespace and punctuation left by cutting words out, tidied."""
    words = re.sub(r"\s+", " ", words)
    words = re.sub(r"\s+([,;:.])", r"\1", words)
    words = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", words)
    words = words.strip(" ,;:")
    return _DANGLING.sub("", words)


def shape_of(doc: Doc) -> Shape:
    """A claim's topic (the words naming what its first assertion is about) and parts."""
    found = assertions_of(doc)

    def topic(assertion: Assertion) -> str:
        return _topic(doc, assertion.subject.start, assertion.subject.end) if assertion.subject is not None else ""

    first = next((a for a in found if a.subject is not None and a.kind not in _NOT_PARTS), None)
    verbs = tuple(dict.fromkeys(required_verbs(found) + _ranked_acts(doc)))
    return Shape(topic(first) if first is not None else "", tuple(parts_of(doc.text, found, topic)), verbs, required_heads(found), required_doers(found))


def _ranked_acts(doc: Doc) -> tuple[str, ...]:
    """The verb of an infinitive ranking what a copula says the subject is ("the first to be built", "the only firm to bid"):
    the act is what the claim says the subject does, and a passage without it tells of another."""
    acts = []
    for token in doc:
        ranked = token.head
        if token.dep_ not in ("relcl", "acl") or token.tag_ not in ("VB", "VBN") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue
        if ranked.dep_ != "attr" or ranked.head.lemma_ != "be":
            continue
        if not (ranked.tag_ == "JJS" or ranked.lower_ in _RANKS or any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in _RANKS) for c in ranked.children)):
            continue
        lemma = token.lemma_.lower()
        if lemma.isalpha() and lemma not in LIGHT_VERBS and lemma not in SAY_VERBS:
            acts.append(lemma)
    return tuple(acts)


_RANKS = frozenset("first second third last next only sole".split())


def _topic(doc: Doc, start: int, end: int) -> str:
    """The words of a subject that name one particular thing: an owner ("sluice's option", "the firm's revenue"), or a bare
    singular noun and its compounds ("tallow accepts"). A subject with an article ("the flaw") or a plural is left alone."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    head = span.root
    owners = [t for t in span if t.dep_ == "poss" and t.pos_ in _NOUNS]
    words = [t for owner in owners for t in owner.subtree if t.pos_ in _NOUNS]
    # A determiner anywhere before the head, whatever the parser hung it on ("The average wait": "The" on "average").
    bare = not any(t.dep_ in ("det", "poss") for t in span if t.i < head.i) and not any(c.dep_ in ("det", "poss") for c in head.children)
    # "Version 4.2", "Room 12": a noun with a number after it is a label; the number says which one, and no word names it.
    labelled = any(c.dep_ == "nummod" and c.i > head.i for c in head.children)
    if bare and not labelled and head.tag_ in ("NN", "NNP") and head.pos_ in _NOUNS:
        words += [t for t in head.lefts if t.dep_ == "compound" and t.pos_ in _NOUNS] + [head]
    elif head.lemma_.lower() in _KIND_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        # "the sluice service", "the Acme app": the word before a noun naming a kind of thing names the one thing meant.
        words += [t for t in head.lefts if t.dep_ == "compound" and t.pos_ in _NOUNS]
    return " ".join(t.text for t in sorted(dict.fromkeys(words), key=lambda t: t.i))


def claim_shapes(texts: Sequence[str], store: ByteStore | None = None) -> list[Shape]:
    """Each text's shape, from the cache where the same text was parsed before; the parser loads only for the rest."""
    found: dict[int, Shape] = {}
    todo: list[int] = []
    for n, text in enumerate(texts):
        cached = cached_shape(store, text)
        if cached is None:
            todo.append(n)
        else:
            found[n] = cached
    if todo:
        from .parser import parse_many

        for n, doc in zip(todo, parse_many([texts[n] for n in todo])):
            shape = shape_of(doc)
            found[n] = shape
            if store is not None:
                store.put_bytes(_key(texts[n]), json.dumps(asdict(shape)).encode("utf-8"))
    return [found[n] for n in range(len(texts))]


def _key(text: str) -> dict[str, str]:
    return {"kind": "parts", "scheme": PARTS_SCHEME, "parser": PIPELINE_VERSION, "text": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def cached_shape(store: ByteStore | None, text: str) -> Shape | None:
    """A text's cached shape, or None (a sound entry of the wrong form counts as missing)."""
    if store is None:
        return None
    entry = store.get_bytes(_key(text))
    if entry is None:
        return None
    try:
        data = json.loads(entry[1].decode("utf-8"))
        parts = tuple(
            Part(
                str(r["text"]),
                int(r["start"]),
                int(r["end"]),
                str(r["kind"]),
                _words(r["slots"]),
                str(r["subject"]),
                _words(r["verbs"]),
                _words(r["heads"]),
                _words(r["doers"]),
            )
            for r in data["parts"]
        )
        return Shape(str(data["subject"]), parts, _words(data["verbs"]), _words(data["heads"]), _words(data["doers"]))
    except (ValueError, KeyError, TypeError):
        return None


def _words(value: object) -> tuple[str, ...]:
    """A cached list of words, or a TypeError for anything else."""
    if not isinstance(value, list):
        raise TypeError("not a list")
    return tuple(str(w) for w in value)
