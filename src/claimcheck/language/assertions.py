"""A sentence decomposed into assertions: who or what, what is said of it, with which typed arguments, how sure, said by whom.

Built on a spaCy dependency parse. The small pipeline is noisy, so the typed arguments are cross-checked:
figures and dates come from the project's own figure/date analysis (`claimcheck.figures`), a "name" with no
capital letter is not a name, and a capitalised adjective or title is trimmed from the front of a person.
Every span is a pair of character offsets into the text given to `assertions` (or the parsed doc's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..figures import DateMention, Quantity, dates, quantities
from ..lexicon import TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Phrase:
    """Some words of the text and where they are: text == source[start:end]."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Argument:
    """A typed filler of a slot: PERSON, ORG, GPE, LOC, NORP, DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL,
    ORDINAL, another spaCy name type (PRODUCT, EVENT, ...), NAME (a proper name of unknown type) or NP (a noun phrase)."""

    text: str
    type: str
    # "subject", "object" (also a passive subject), "attribute", "recipient", "adverbial", "prep:<preposition>".
    slot: str
    start: int
    end: int
    head: str  # lemma of the noun the filler is about ("passenger" for "2 million passengers")
    quantity: Quantity | None = None  # the figure, for MONEY/PERCENT/CARDINAL/QUANTITY read by claimcheck.figures
    date: DateMention | None = None
    word: str = ""  # the head noun as the text writes it ("children" for the lemma "child")


@dataclass(frozen=True)
class Predicate:
    """What is said of the subject: the verb's lemma, its phrase (auxiliaries, particle, infinitive chain) and span."""

    lemma: str
    text: str
    start: int
    end: int
    chain: tuple[str, ...] = ()  # lemmas of a verb chain ("agree", "pay") for "agreed to pay"
    passive: bool = False


@dataclass(frozen=True)
class Attribution:
    """Who is reported as saying an assertion ("X said that Y"), and with which verb."""

    speaker: Phrase | None
    verb: str  # lemma: "say", "tell", "deny", ..., or "according to"


@dataclass(frozen=True)
class Assertion:
    """One assertion of a sentence, with the span of the words that make it (for marking the failing part)."""

    text: str
    start: int
    end: int
    # "clause", "coordinated" (shares a subject), "gapped" ("and 3 million in June"), "split" (one of coordinated
    # objects with their own figures), "appositive", "with", "relative", "participial", "adverbial", "complement", "fragment"
    kind: str
    subject: Phrase | None
    predicate: Predicate
    negated: bool
    modality: tuple[str, ...]  # modal verbs and hedges: "may", "could", "reportedly", "about", "if", "question", ...
    arguments: tuple[Argument, ...]
    attribution: Attribution | None = None

    def of_type(self, *types: str) -> list[Argument]:
        """Arguments of the given types."""
        return [a for a in self.arguments if a.type in types]

    def in_slot(self, slot: str) -> list[Argument]:
        """Arguments filling one slot."""
        return [a for a in self.arguments if a.slot == slot]


# Verbs that report what someone says, finds or believes: "X said (that) Y" is one frame around Y.
SAY_VERBS = frozenset(
    """say tell state add note write argue insist explain claim allege announce report confirm deny acknowledge admit
    testify warn assert declare maintain contend reply respond answer estimate believe think suggest predict show find
    reveal indicate conclude recall tweet post hear""".split()
)
# Reporting verbs that leave the reported assertion in doubt.
_DOUBTING_SAY = frozenset("claim allege believe think suggest estimate predict".split())
# Verbs whose infinitive carries the content and whose own meaning is a hedge: "appears to have closed".
_RAISING = frozenset("seem appear tend".split())
_RAISING_PASSIVE = frozenset("expect set schedule due believe think say report rumor rumour".split())
_RAISING_ADJECTIVES = frozenset("likely unlikely certain sure due set able unable poised".split())
# Verbs that negate their infinitive: "declined to comment", "failed to pay".
_NEGATING = frozenset("refuse decline fail neglect".split())
_NEGATING_ADJECTIVES = frozenset({"unable"})
_HEDGE_ADVERBS = frozenset("reportedly allegedly possibly probably perhaps likely apparently maybe presumably supposedly purportedly seemingly".split())
_APPROXIMATORS = frozenset("about around approximately roughly nearly almost some estimated up".split())
_CONDITIONAL_MARKS = frozenset("if unless whether".split())
_NEGATIVE_DETERMINERS = frozenset("no neither".split())
_NEGATIVE_PRONOUNS = frozenset("nobody nothing none noone".split())
_NON_HEDGE_MODALS = frozenset("will shall".split())
_VERBAL = frozenset(("VERB", "AUX"))
_NOMINAL = frozenset(("NOUN", "PROPN", "PRON", "NUM", "X", "SYM"))
_NAMED = frozenset("PERSON ORG GPE LOC NORP FAC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
_NUMERIC = frozenset("CARDINAL MONEY PERCENT QUANTITY".split())
_UNITS = frozenset(
    """ton tons tonne tonnes mile miles kilometre kilometres kilometer kilometers km metre metres meter meters m cm mm
    foot feet inch inches acre acres hectare hectares kg kilogram kilograms gram grams pound pounds lb lbs ounce ounces
    gallon gallons litre litres liter liters barrel barrels degree degrees mph kmh watt watts megawatt megawatts
    kilowatt kilowatts gigawatt gigawatts square""".split()
)
_ORGANISATION_WORDS = frozenset(
    """inc corp corporation co ltd llc plc gmbh labs lab group holdings bank partners capital systems technologies university
    college institute foundation association agency department ministry council committee company airlines airways motors
    media press news times""".split()
)
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass", "csubj", "csubjpass"))
_FILLER_SLOTS = {"dobj": "object", "dative": "recipient", "attr": "attribute", "acomp": "attribute", "oprd": "attribute", "npadvmod": "adverbial"}


@dataclass
class _Mention:
    """A typed stretch of a sentence (a name, figure or date) over tokens [first, last]."""

    start: int
    end: int
    type: str
    first: int
    last: int
    quantity: Quantity | None = None
    date: DateMention | None = None


@dataclass
class _Filler:
    """One slot's filler: its head token and the tokens of its phrase (clauses and appositives cut off)."""

    slot: str
    head: Token
    tokens: list[Token]
    own: bool = True  # False when inherited (a shared subject, a gapped clause's other arguments)
    noun: str | None = None  # the noun a bare figure counts, taken from the conjunct before ("3 million [passengers]")


@dataclass
class _Frame:
    """An assertion under construction."""

    kind: str
    head: Token
    predicate_tokens: list[Token]
    lemma: str
    chain: list[str]
    passive: bool
    subject: _Filler | None
    fillers: list[_Filler]
    negated: bool
    modality: list[str]
    attribution: Attribution | None
    own_tokens: list[Token] = field(default_factory=list)
    implicit_at: int | None = None  # for an appositive or "with" frame: where the unspoken "is"/"has" would be


def _gapped(frame: _Frame, fillers: list[_Filler], negated: bool, own_tokens: list[Token]) -> _Frame:
    """A clause whose verb the text left out ("3 million in June"): `frame`'s predicate and subject, its own fillers."""
    subject = _Filler(frame.subject.slot, frame.subject.head, frame.subject.tokens, own=False) if frame.subject else None
    gap = _Frame("gapped", frame.head, [], frame.lemma, list(frame.chain), frame.passive, subject, fillers, negated, list(frame.modality), frame.attribution)
    gap.own_tokens = own_tokens
    return gap


def assertions(text: str) -> list[Assertion]:
    """The assertions `text` makes, in order, each with spans into `text`; [] for text with no words."""
    if not text or not text.strip():
        return []
    from .parser import parse

    return assertions_of(parse(text))


def assertions_of(doc: Doc) -> list[Assertion]:
    """The assertions of an already parsed text (e.g. one loaded from a parse cache)."""
    found: list[Assertion] = []
    for sentence in doc.sents:
        if not any(t.is_alpha or t.like_num for t in sentence):
            continue
        _reattach_opening_object(sentence)
        found.extend(_Sentence(sentence).assertions())
    return found


def _reattach_opening_object(sentence: Span) -> None:
    """Mend a parser slip on a sentence opening with a preposition: in "Like Fairview Heights, the Hollins Creek district issued
    notices" the small model makes "Fairview Heights" (or "Like" itself) the subject and the real subject an appositive of the
    name. The name is the preposition's object, and the appositive after the comma the verb's subject."""
    opening = sentence[0]
    if opening.pos_ != "ADP" or opening.head.i == opening.i:
        return
    verb = opening.head
    if opening.dep_ == "prep" and not any(True for _ in opening.children):
        # "Like [Fairview Heights]nsubj, [the ... district]appos issued": the name hangs on the verb.
        named = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.left_edge.i == opening.i + 1), None)
    elif opening.dep_ in _SUBJECT_DEPS:
        # "[Like]nsubj [Oslo]pobj, [the city of Bergen]appos banned": the preposition stands as the subject.
        named = next((c for c in opening.children if c.dep_ == "pobj"), None)
    else:
        return
    if named is None:
        return
    comma = next((c for c in named.children if c.dep_ == "punct" and c.lower_ == ","), None)
    real = next((c for c in named.children if c.dep_ == "appos" and comma is not None and c.i > comma.i), None)
    if real is None or any(t.i > verb.i for t in named.subtree):
        return
    real.head, real.dep_ = verb, (named.dep_ if named.dep_ in _SUBJECT_DEPS else opening.dep_)
    opening.head, opening.dep_ = verb, "prep"
    named.head, named.dep_ = opening, "pobj"


class _Sentence:
    """The extraction for one sentence: typed mentions first, then frames from the dependency tree."""

    def __init__(self, sentence: Span) -> None:
        self.sentence = sentence
        self.doc = sentence.doc
        self.text = sentence.doc.text
        self.frames: list[_Frame] = []
        self.visited: set[int] = set()
        self.phrases: dict[int, list[Token]] = {}
        self.mentions = _mentions(sentence)
        self.mention_of: dict[int, _Mention] = {}
        for mention in self.mentions:
            for i in range(mention.first, mention.last + 1):
                self.mention_of[i] = mention
        self.question = sentence.text.rstrip().endswith("?")

    # ---- driving ----

    def assertions(self) -> list[Assertion]:
        """Frames for the sentence's root and everything hanging off it, turned into assertions."""
        root = self.sentence.root
        if root.pos_ in _VERBAL or any(c.dep_ in _SUBJECT_DEPS for c in root.children):
            self._clause(root, "clause", None, None, [], False)
        else:
            self._fragment(root)
        result = []
        for frame in sorted(self.frames, key=lambda f: (min((t.i for t in f.own_tokens), default=f.head.i), f.head.i)):
            assertion = self._build(frame)
            if assertion is not None:
                result.append(assertion)
        return result

    def _fragment(self, root: Token) -> None:
        """A sentence without a verb ("Revenue up 4% in May."): one frame whose arguments are its noun phrases."""
        filler = _Filler("object", root, self._phrase(root, None))
        frame = _Frame("fragment", root, [], root.lemma_.lower(), [], False, None, [filler], False, [], None)
        frame.own_tokens = list(filler.tokens)
        self.frames.append(frame)

    # ---- clauses ----

    def _clause(self, verb: Token, kind: str, subject: _Filler | None, attribution: Attribution | None, modality: list[str], negated: bool) -> None:
        """Frames for one verb and its coordinated verbs and gapped clauses; `subject` is inherited when the verb has none."""
        if verb.i in self.visited:
            return
        self.visited.add(verb.i)
        children = list(verb.children)

        # "X said (that) Y": one frame around Y with X as the speaker.
        complements = [c for c in children if c.dep_ == "ccomp" and c.pos_ in _VERBAL]
        if verb.lemma_.lower() in SAY_VERBS and complements:
            speaker = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
            said = Attribution(self._phrase_of(self._phrase(speaker, None)) if speaker is not None and speaker.dep_ == "nsubj" else None, verb.lemma_.lower())
            doubt = [verb.lemma_.lower()] if verb.lemma_.lower() in _DOUBTING_SAY else []
            for complement in complements:
                self._clause(complement, kind, None, said, modality + doubt, False)
            for child in children:
                if child.dep_ == "conj" and child.pos_ in _VERBAL:
                    self._clause(child, "coordinated", None, attribution, modality, False)
            return

        # "Y, X said" as a parenthetical, and "according to X".
        for child in children:
            if child.dep_ == "parataxis" and child.lemma_.lower() in SAY_VERBS and not any(c.dep_ == "ccomp" for c in child.children):
                speaker = next((c for c in child.children if c.dep_ == "nsubj"), None)
                attribution = Attribution(self._phrase_of(self._phrase(speaker, None)) if speaker is not None else None, child.lemma_.lower())
                self.visited.add(child.i)
            elif child.dep_ == "prep" and child.lower_ == "according":
                target = next((g for c in child.children for g in c.children if g.dep_ == "pobj"), None)
                attribution = Attribution(self._phrase_of(self._phrase(target, None)) if target is not None else None, "according to")

        frame = self._frame(verb, kind, subject, attribution, modality, negated)
        self._coordination(verb, frame, attribution, modality)

    def _frame(self, verb: Token, kind: str, subject: _Filler | None, attribution: Attribution | None, modality: list[str], negated: bool) -> _Frame:
        """The frame of one verb: its subject, slot fillers, polarity and modality (not its conjuncts)."""
        head = verb
        predicate_tokens = [verb]
        chain = [verb.lemma_.lower()]
        modality = list(modality)
        passive = any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)
        # "Founded in 1990, the bank ...": a bare past participle opening a clause is passive.
        if kind in ("adverbial", "participial") and verb.tag_ == "VBN" and not any(c.dep_ in _SUBJECT_DEPS | {"aux"} for c in verb.children):
            passive = True
        negated = negated != self._negation(verb)
        verbs = [verb]
        # Follow an infinitive chain: raising and negating verbs hand the content to their infinitive.
        while True:
            nxt = self._infinitive(head)
            if nxt is None:
                break
            link, infinitive = nxt
            lemma = head.lemma_.lower()
            link_lemma = link.lemma_.lower()
            raising = lemma in _RAISING or (passive and lemma in _RAISING_PASSIVE) or link_lemma in _RAISING_ADJECTIVES - _NEGATING_ADJECTIVES
            if raising:
                modality.append(link_lemma if link.i != head.i else lemma)
                chain = chain[:-1]
            elif lemma in _NEGATING or link_lemma in _NEGATING_ADJECTIVES:
                negated = not negated
            if link.i != head.i:
                predicate_tokens.append(link)
            predicate_tokens.append(infinitive)
            predicate_tokens.extend(c for c in infinitive.children if c.dep_ in ("aux", "auxpass", "neg", "prt"))
            negated = negated != self._negation(infinitive)
            if raising:
                # "is expected to reopen": the subject's role is the infinitive's, active here.
                passive = any(c.dep_ == "auxpass" for c in infinitive.children)
            chain.append(infinitive.lemma_.lower())
            head = infinitive
            verbs.append(infinitive)
        for v in verbs:
            for child in v.children:
                if child.dep_ in ("aux", "auxpass", "neg", "prt"):
                    predicate_tokens.append(child)
                    if child.tag_ == "MD" and child.lemma_.lower() not in _NON_HEDGE_MODALS:
                        modality.append(child.lower_ if child.lower_ not in ("'d",) else "would")
                elif (child.dep_ == "advmod" and child.lower_ in _HEDGE_ADVERBS) or (child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS):
                    modality.append(child.lower_)
        if self.question and "question" not in modality:
            modality.append("question")

        # The subject hangs on the verb, or (a parser slip) on its auxiliary: "that the bridge [was] closed".
        own_subject = next((c for v in verbs for c in v.children if c.dep_ in _SUBJECT_DEPS), None) or next(
            (g for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ in _SUBJECT_DEPS), None
        )
        frame_subject = subject
        if own_subject is not None:
            slot = "object" if passive else "subject"
            frame_subject = _Filler(slot, own_subject, self._phrase(own_subject, attribution))
        elif subject is not None:
            slot = "object" if passive else "subject"
            frame_subject = _Filler(slot, subject.head, subject.tokens, own=False)

        fillers: list[_Filler] = []
        for v in verbs:
            for child in v.children:
                if child.i in self.visited and child.dep_ != "conj":
                    continue
                # "The shop, with 14 employees, closed": set off between subject and verb, "with N" describes the subject.
                if (
                    child.dep_ == "prep"
                    and child.lower_ == "with"
                    and own_subject is not None
                    and own_subject.i < child.i < v.i
                    and child.i > 0
                    and self.doc[child.i - 1].text == ","
                ):
                    self._attached("with", child, own_subject, attribution)
                    continue
                filler = self._verb_filler(child, attribution, passive)
                if filler is not None:
                    fillers.append(filler)
                elif child.dep_ in ("advcl", "ccomp") and child.pos_ in _VERBAL and not _comparative(child):
                    extra = [v.lemma_.lower()] if child.dep_ == "ccomp" else []
                    inherited = frame_subject if child.dep_ == "advcl" else None
                    sub_kind = "adverbial" if child.dep_ == "advcl" else "complement"
                    self._clause(child, sub_kind, inherited, attribution, modality + extra if extra else [], False)
                elif child.dep_ == "parataxis" and child.pos_ in _VERBAL and child.i not in self.visited:
                    self._clause(child, "clause", None, attribution, [], False)
        for filler in fillers:
            if self._negative_filler(filler.head):
                negated = not negated
        if frame_subject is not None and frame_subject.own and self._negative_filler(frame_subject.head):
            negated = not negated

        frame = _Frame(kind, head, predicate_tokens, head.lemma_.lower(), chain, passive, frame_subject, fillers, negated, modality, attribution)
        frame.own_tokens = (
            list(predicate_tokens) + [t for f in fillers for t in f.tokens] + (frame_subject.tokens if frame_subject and frame_subject.own else [])
        )
        self.frames.append(frame)
        return frame

    def _infinitive(self, verb: Token) -> tuple[Token, Token] | None:
        """The infinitive a verb (or its predicative adjective, as in "is likely to rise") governs, with the link token."""
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in _VERBAL:
                return verb, child
        for child in verb.children:
            if child.dep_ == "acomp" and child.lower_ in _RAISING_ADJECTIVES:
                for grandchild in child.children:
                    if grandchild.dep_ == "xcomp" and grandchild.pos_ in _VERBAL:
                        return child, grandchild
        return None

    def _verb_filler(self, child: Token, attribution: Attribution | None, passive: bool) -> _Filler | None:
        """A verb's dependent as a slot filler, or None when it is not one."""
        dep = child.dep_
        if dep in _FILLER_SLOTS and not (dep == "dative" and child.pos_ == "ADP"):
            if dep == "acomp" and child.lower_ in _RAISING_ADJECTIVES:
                return None
            return _Filler(_FILLER_SLOTS[dep], child, self._phrase(child, attribution))
        if dep == "xcomp" and child.pos_ not in _VERBAL:
            return _Filler("attribute", child, self._phrase(child, attribution))
        if dep == "advmod" and child.i in self.mention_of and self.mention_of[child.i].type != "NP":
            # "came third", "trained twice": a typed adverb is an argument.
            return _Filler("attribute" if self.mention_of[child.i].type == "ORDINAL" else "adverbial", child, self._phrase(child, attribution))
        if dep == "advmod" and any(c.dep_ == "prep" for c in child.children):
            return _Filler("adverbial", child, self._phrase(child, attribution))  # "up from 7 million in 2018"
        if (dep in ("prep", "agent") or (dep == "dative" and child.pos_ == "ADP")) and child.lower_ != "according":
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is None:
                return None
            slot = "subject" if dep == "agent" and passive else "recipient" if dep == "dative" else f"prep:{child.lower_}"
            # The whole prepositional phrase: a coordinated or negated second preposition ("on weekdays but not on Sundays") too.
            return _Filler(slot, target, self._phrase(child, attribution))
        return None

    def _negation(self, verb: Token) -> bool:
        """Whether an odd number of negation words ("not", "never", "n't") govern the verb."""
        count = sum(1 for c in verb.children if c.dep_ == "neg" or (c.dep_ == "preconj" and c.lower_ == "neither"))
        return count % 2 == 1

    def _negative_filler(self, head: Token) -> bool:
        """'no flights', 'nobody', 'none of them': a filler that negates the assertion."""
        if head.lower_ in _NEGATIVE_PRONOUNS:
            return True
        return any(c.dep_ in ("det", "preconj") and c.lower_ in _NEGATIVE_DETERMINERS for c in head.children)

    def _coordination(self, verb: Token, frame: _Frame, attribution: Attribution | None, modality: list[str]) -> None:
        """Coordinated verbs, gapped clauses ("... in May and 3 million in June") and coordinated objects with their own figures."""
        conjuncts = [c for c in verb.children if c.dep_ == "conj"]
        shared_modality = [m for m in frame.modality if m != "question"]
        for conj in conjuncts:
            if conj.pos_ in _VERBAL or any(c.dep_ in _SUBJECT_DEPS for c in conj.children):
                own_subject = any(c.dep_ in _SUBJECT_DEPS for c in conj.children)
                # A bare or participle conjunct shares the first verb's auxiliaries ("may rise and fall"); a finite one does not.
                shares_aux = conj.tag_ in ("VB", "VBN", "VBG") and not own_subject and not any(c.dep_ in ("aux", "auxpass", "neg") for c in conj.children)
                # "neither confirmed nor denied": "nor" negates the verb it joins.
                nor = any(c.dep_ == "cc" and c.lower_ == "nor" and c.i < conj.i for c in verb.children)
                self._clause(
                    conj,
                    "clause" if own_subject else "coordinated",
                    None if own_subject else frame.subject,
                    attribution,
                    shared_modality if shares_aux else list(modality),
                    (frame.negated and shares_aux) or nor,
                )
                # "built in 1931 and renamed in 1960": a participle coordinated with a passive one is passive too.
                added_frame = self._frame_of(conj)
                if frame.passive and shares_aux and conj.tag_ == "VBN" and added_frame is not None:
                    added = added_frame
                    added.passive = True
                    if added.subject is not None and not added.subject.own:
                        added.subject.slot = "object"
                conj_frame = self._frame_of(conj)
                if conj_frame is None:
                    continue
                # A filler of the first verb placed after the second one belongs to the second (a parser slip).
                if own_subject:
                    stray = [f for f in frame.fillers if f.head.i > conj.i]
                    if stray:
                        frame.fillers = [f for f in frame.fillers if f.head.i <= conj.i]
                        frame.own_tokens = [t for t in frame.own_tokens if t.i <= conj.left_edge.i or t in frame.predicate_tokens]
                        conj_frame.fillers.extend(stray)
                        conj_frame.own_tokens.extend(t for f in stray for t in f.tokens)
                # "hired and fired 20 people": the first verb takes the arguments of the verb right after it.
                between = self.doc[verb.i + 1 : conj.i]
                if not frame.fillers and not own_subject and conj.i > verb.i and all(t.dep_ in ("cc", "punct") for t in between):
                    frame.fillers = [_Filler(f.slot, f.head, f.tokens, own=False) for f in conj_frame.fillers]
        gapped = [c for c in conjuncts if c.pos_ not in _VERBAL and not any(g.dep_ in _SUBJECT_DEPS for g in c.children)]
        gapped.extend(self._misattached_conjuncts(frame))
        self._gapping(verb, frame, sorted(gapped, key=lambda t: t.i))
        self._negated_conjuncts(frame)
        self._split_objects(frame)

    def _negated_conjuncts(self, frame: _Frame) -> None:
        """'sells bread on weekdays but not on Sundays': a negated conjunct inside a filler is its own, negated, part."""
        for filler in list(frame.fillers):
            if not filler.own:
                continue
            for token in list(filler.tokens):
                if token.dep_ != "conj" or not any(c.dep_ == "neg" for c in token.children):
                    continue
                subtree = list(token.subtree)
                cut = {t.i for t in subtree} | {c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i}
                filler.tokens = [t for t in filler.tokens if t.i not in cut]
                frame.own_tokens = [t for t in frame.own_tokens if t.i not in cut]
                words = [t for t in subtree if t.dep_ != "neg"]
                if token.pos_ == "ADP":
                    target = next((c for c in token.children if c.dep_ in ("pobj", "pcomp")), None)
                    if target is None:
                        continue
                    part = _Filler(f"prep:{token.lower_}", target, words)
                else:
                    part = _Filler(filler.slot, token, words)
                inherited = [_Filler(f.slot, f.head, f.tokens, own=False) for f in frame.fillers if f.slot != part.slot]
                negated = _gapped(frame, [part, *inherited], not frame.negated, subtree)
                self.frames.append(negated)

    def _misattached_conjuncts(self, frame: _Frame) -> list[Token]:
        """'in July and 95,000 in August', 'in 2018 and Brazil in 2019': a figure or name conjoined to a mention of another
        type inside a filler is a gapped clause the parser hung on the wrong word; it is cut out of the filler and returned."""
        found = []
        for filler in frame.fillers:
            if not filler.own:
                continue
            for token in list(filler.tokens):
                if token.dep_ != "conj":
                    continue
                mine, theirs = self.mention_of.get(token.i), self.mention_of.get(token.head.i)
                if mine is None or (theirs is None and token.head.pos_ != "PROPN") or (theirs is not None and theirs.type == mine.type):
                    continue
                if self._is_figure(token.head) or not (self._is_figure(token) or mine.type in _NAMED or mine.type == "NAME"):
                    continue
                cut = {t.i for t in token.subtree} | {c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i}
                filler.tokens = [t for t in filler.tokens if t.i not in cut]
                frame.own_tokens = [t for t in frame.own_tokens if t.i not in cut]
                found.append(token)
        return found

    def _gapping(self, verb: Token, frame: _Frame, gapped: list[Token]) -> None:
        """'flew 2 million in May and 3 million in June' (a gapped conjunct) or 'sold 2 million cars in 2020 and 3 million
        trucks in 2021' (a slot filled again after "and"): one frame per segment, each with the arguments between its
        conjunction and the next."""
        boundaries: dict[int, Token | None] = {}
        for conj in gapped:
            cc = [c for c in list(verb.children) + list(conj.head.children) if c.dep_ in ("cc", "punct") and verb.i < c.i < conj.i]
            boundaries[max((c.i for c in cc), default=conj.left_edge.i)] = conj
        verb_conjuncts = sorted(c.i for c in verb.children if c.dep_ == "conj" and c.pos_ in _VERBAL)
        for word in verb.children:
            if word.dep_ != "cc" or word.i < verb.i or word.i in boundaries or any(word.i < v for v in verb_conjuncts):
                continue
            before = {f.slot for f in frame.fillers if f.head.i < word.i}
            after = {f.slot for f in frame.fillers if f.head.i > word.i}
            if before & after:
                boundaries[word.i] = None
        if not boundaries:
            return
        order = sorted(boundaries)
        segments: list[list[_Filler]] = [[] for _ in range(len(order) + 1)]
        for filler in frame.fillers:
            segments[sum(1 for b in order if filler.head.i > b)].append(filler)
        first = segments[0]
        default_slot = next((f.slot for f in first if f.slot in ("object", "attribute")), "object")
        frame.fillers = list(first)
        frame.own_tokens = (
            list(frame.predicate_tokens) + [t for f in first for t in f.tokens] + (frame.subject.tokens if frame.subject and frame.subject.own else [])
        )
        first_slots = {f.slot for f in first}
        for boundary, segment in zip(order, segments[1:]):
            standing_in = boundaries[boundary]
            replaced = self._replaced_slot(standing_in, first) if standing_in is not None else default_slot
            elided = self._elided_noun(standing_in, first, replaced) if standing_in is not None else None
            own = ([_Filler(replaced, standing_in, self._phrase(standing_in, frame.attribution), noun=elided)] if standing_in is not None else []) + segment
            slots = {f.slot for f in own} | {f"prep:{t.lower_}" for f in own for t in f.tokens if t.dep_ == "prep"}
            inherited = [_Filler(f.slot, f.head, f.tokens, own=False) for f in first if f.slot not in slots]
            gap = _gapped(frame, own + inherited, frame.negated, [t for f in own for t in f.tokens])
            self.frames.append(gap)
        # An argument after the last conjunct in a slot the first clause lacks ("... and 30 in Texas last year") is shared.
        last = boundaries[order[-1]]
        last_replaced = self._replaced_slot(last, first) if last is not None else default_slot
        for filler in segments[-1]:
            if filler.slot not in first_slots and filler.slot != last_replaced:
                frame.fillers.append(_Filler(filler.slot, filler.head, filler.tokens, own=False))

    def _split_objects(self, frame: _Frame) -> None:
        """Coordinated fillers that each carry a figure ("2 million cars and 3 million trucks") become one frame each."""
        for position, filler in enumerate(frame.fillers):
            if not filler.own:
                continue
            conjuncts = [filler.head] + [t for t in filler.head.subtree if t.dep_ == "conj" and self._conj_root(t) == filler.head]
            if len(conjuncts) < 2:
                continue
            pieces = [self._conjunct_tokens(c, filler) for c in conjuncts]
            with_figures = [p for p in pieces if any(self._is_figure(t) for t in p)]
            if len(with_figures) < 2:
                continue
            prefix = [t for t in filler.tokens if t.i < filler.head.left_edge.i]  # the preposition of a prepositional filler
            first = pieces[0]
            frame.fillers = frame.fillers[:position] + [_Filler(filler.slot, filler.head, prefix + first)] + frame.fillers[position + 1 :]
            frame.own_tokens = [t for t in frame.own_tokens if t not in filler.tokens or t in first or t in prefix]
            for conj, piece in zip(conjuncts[1:], pieces[1:]):
                others = [_Filler(f.slot, f.head, f.tokens, own=False) for n, f in enumerate(frame.fillers) if n != position]
                subject = _Filler(frame.subject.slot, frame.subject.head, frame.subject.tokens, own=False) if frame.subject else None
                noun = self._elided_noun(conj, [filler], filler.slot)
                split = _Frame(
                    "split",
                    frame.head,
                    [],
                    frame.lemma,
                    list(frame.chain),
                    frame.passive,
                    subject,
                    [_Filler(filler.slot, conj, piece, noun=noun)] + others,
                    frame.negated,
                    list(frame.modality),
                    frame.attribution,
                )
                split.own_tokens = list(piece)
                self.frames.append(split)
            return

    def _replaced_slot(self, conj: Token, first: list[_Filler]) -> str:
        """The slot a gapped conjunct fills: that of the first clause's filler of the same type (a place for a place,
        a figure for a figure), else its object or attribute."""
        mention = self.mention_of.get(conj.i)
        if mention is not None:
            for filler in first:
                head_mention = self.mention_of.get(filler.head.i)
                if head_mention is not None and head_mention.type == mention.type:
                    return filler.slot
        if any(self._is_figure(t) for t in conj.subtree):
            for filler in first:
                if any(self._is_figure(t) for t in filler.tokens):
                    return filler.slot
        return next((f.slot for f in first if f.slot in ("object", "attribute")), "object")

    def _elided_noun(self, conj: Token, fillers: list[_Filler], slot: str) -> str | None:
        """'... 2 million passengers and 3 million': a bare figure counts the noun of the same slot before it."""
        if conj.pos_ != "NUM":
            return None
        before = next((f for f in fillers if f.slot == slot), None)
        return self._head_lemma(before.head) if before is not None and before.head.pos_ in ("NOUN", "PROPN") else None

    def _conj_root(self, token: Token) -> Token:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return token

    def _conjunct_tokens(self, conj: Token, filler: _Filler) -> list[Token]:
        """One conjunct's words within a filler: its subtree without the following conjuncts and their conjunction."""
        inside = {t.i for t in filler.tokens}
        cut: set[int] = set()
        for child in conj.children:
            if child.dep_ == "conj":
                cut.update(t.i for t in child.subtree)
            elif child.dep_ == "cc" or (child.dep_ == "punct" and child.i > conj.i):
                cut.add(child.i)
        return [t for t in conj.subtree if t.i in inside and t.i not in cut]

    def _is_figure(self, token: Token) -> bool:
        mention = self.mention_of.get(token.i)
        return mention is not None and mention.type in _NUMERIC

    # ---- noun phrases and what hangs off them ----

    def _phrase(self, head: Token | None, attribution: Attribution | None) -> list[Token]:
        """The words of a noun phrase, with relative and participial clauses, appositives and "with N" cut off
        (each becomes its own frame, made once)."""
        if head is None:
            return []
        if head.i in self.phrases:
            return self.phrases[head.i]
        self.phrases[head.i] = []  # guards against a cyclic or re-entrant visit
        tokens: list[Token] = []
        detached: list[tuple[str, Token]] = []
        stack = [head]
        while stack:
            token = stack.pop()
            tokens.append(token)
            for child in token.children:
                nominal = token.pos_ in _NOMINAL or token.pos_ == "ADJ"
                if child.dep_ in ("relcl", "acl") and child.pos_ in _VERBAL and not any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children):
                    detached.append(("relative" if child.dep_ == "relcl" else "participial", child))
                elif child.dep_ == "appos" and nominal:
                    detached.append(("appositive", child))
                elif child.dep_ == "prep" and child.lower_ == "with" and token.pos_ in _NOMINAL:
                    detached.append(("with", child))
                elif child.dep_ in ("advcl", "ccomp", "parataxis") and child.pos_ in _VERBAL and not _comparative(child):
                    detached.append(("adverbial", child))
                else:
                    stack.append(child)
        tokens.sort(key=lambda t: t.i)
        # Punctuation at the edges (the commas around an appositive) is not part of the phrase.
        while tokens and tokens[-1].pos_ == "PUNCT" and tokens[-1].i != head.i:
            tokens.pop()
        while tokens and tokens[0].pos_ == "PUNCT" and tokens[0].i != head.i:
            tokens.pop(0)
        self.phrases[head.i] = tokens
        for kind, dependent in detached:
            self._attached(kind, dependent, head if dependent.head.i == head.i else dependent.head, attribution)
        return tokens

    def _attached(self, kind: str, dependent: Token, noun: Token, attribution: Attribution | None) -> None:
        """A frame for a relative or participial clause, an appositive or a "with N" phrase attached to `noun`."""
        if dependent.i in self.visited:
            return
        antecedent_tokens = self.phrases.get(noun.i) or self._phrase(noun, attribution)
        antecedent = _Filler("subject", noun, antecedent_tokens, own=False)
        if kind == "appositive":
            self.visited.add(dependent.i)
            filler = _Filler("attribute", dependent, self._phrase(dependent, attribution))
            self.frames.append(
                _Frame(
                    "appositive", dependent, [], "be", ["be"], False, antecedent, [filler], False, [], attribution, list(filler.tokens), dependent.left_edge.i
                )
            )
            return
        if kind == "with":
            self.visited.add(dependent.i)
            target = next((c for c in dependent.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is None:
                return
            filler = _Filler("object", target, self._phrase(target, attribution))
            self.frames.append(
                _Frame("with", dependent, [dependent], "have", ["have"], False, antecedent, [filler], False, [], attribution, [dependent] + filler.tokens)
            )
            return
        if kind == "adverbial":
            self._clause(dependent, "adverbial", None, attribution, [], False)
            return
        # Relative and participial clauses: the antecedent fills the relative pronoun's place (or the gap).
        children = list(dependent.children)
        relative = next((c for c in children if c.tag_ in ("WDT", "WP") or (c.lower_ == "that" and c.dep_ in _SUBJECT_DEPS | {"dobj"})), None)
        passive_participle = kind == "participial" and dependent.tag_ == "VBN"
        if relative is not None and relative.dep_ in ("dobj", "pobj"):
            # "the fine that the court imposed": the antecedent is the object.
            self.visited.add(relative.i)
            self._clause(dependent, kind, None, attribution, [], False)
            frame = self._frame_of(dependent)
            if frame is not None:
                slot = "object" if relative.dep_ == "dobj" else f"prep:{relative.head.lower_}"
                frame.fillers = [f for f in frame.fillers if f.head.i != relative.i] + [_Filler(slot, noun, antecedent_tokens, own=False)]
            return
        if relative is not None:
            self.visited.add(relative.i)
            # Drop the pronoun as subject so the antecedent stands in.
            self._clause_with_subject(dependent, kind, antecedent, attribution, relative)
            return
        if passive_participle or not any(c.dep_ in _SUBJECT_DEPS for c in children):
            self._clause_with_subject(dependent, kind, antecedent, attribution, None)
            if passive_participle:
                frame = self._frame_of(dependent)
                if frame is not None:
                    frame.passive = True
                    if frame.subject is not None:
                        frame.subject.slot = "object"
            return
        # "the car she bought": the antecedent is the object.
        self._clause(dependent, kind, None, attribution, [], False)
        frame = self._frame_of(dependent)
        if frame is not None and not any(f.slot == "object" for f in frame.fillers):
            frame.fillers.append(_Filler("object", noun, antecedent_tokens, own=False))

    def _clause_with_subject(self, verb: Token, kind: str, antecedent: _Filler, attribution: Attribution | None, pronoun: Token | None) -> None:
        """A relative clause whose subject is the antecedent (the relative pronoun, if any, stands for it)."""
        if verb.i in self.visited:
            return
        if pronoun is not None:
            # The pronoun is the verb's subject; mark it seen so `_frame` takes the antecedent instead.
            self.phrases[pronoun.i] = [pronoun]
        before = len(self.frames)
        self._clause(verb, kind, antecedent, attribution, [], False)
        if pronoun is not None:
            for frame in self.frames[before:]:
                if frame.subject is not None and frame.subject.head.i == pronoun.i:
                    slot = "object" if pronoun.dep_ in ("nsubjpass", "csubjpass") else "subject"
                    frame.subject = _Filler(slot, antecedent.head, antecedent.tokens, own=False)
                    frame.own_tokens = [t for t in frame.own_tokens if t.i != pronoun.i] + [pronoun]

    def _frame_of(self, verb: Token) -> _Frame | None:
        return next((f for f in self.frames if f.head.i == verb.i or (f.predicate_tokens and f.predicate_tokens[0].i == verb.i)), None)

    # ---- output ----

    def _phrase_of(self, tokens: list[Token]) -> Phrase | None:
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        return Phrase(self.text[start:end], start, end)

    def _build(self, frame: _Frame) -> Assertion | None:
        """The frame as an Assertion with typed arguments and spans."""
        own = sorted({t.i: t for t in frame.own_tokens if not t.is_space}.values(), key=lambda t: t.i)
        while own and own[-1].pos_ == "PUNCT":
            own.pop()
        while own and own[0].pos_ == "PUNCT":
            own.pop(0)
        if not own:
            return None
        start, end = own[0].idx, own[-1].idx + len(own[-1])
        predicate_tokens = sorted({t.i: t for t in frame.predicate_tokens}.values(), key=lambda t: t.i)
        if predicate_tokens:
            p_start, p_end = predicate_tokens[0].idx, predicate_tokens[-1].idx + len(predicate_tokens[-1])
            predicate = Predicate(frame.lemma, self.text[p_start:p_end], p_start, p_end, tuple(frame.chain), frame.passive)
        else:
            at = self.doc[frame.implicit_at].idx if frame.implicit_at is not None else start
            predicate = Predicate(frame.lemma, "", at, at, tuple(frame.chain), frame.passive)
        arguments: list[Argument] = []
        fillers = ([frame.subject] if frame.subject is not None else []) + frame.fillers
        seen: set[tuple[int, int, str]] = set()
        for filler in fillers:
            for argument in self._arguments(filler):
                key = (argument.start, argument.end, argument.slot)
                if key not in seen:
                    seen.add(key)
                    arguments.append(argument)
        subject = self._phrase_of(frame.subject.tokens) if frame.subject is not None else None
        modality = tuple(dict.fromkeys(frame.modality + self._approximators(frame)))
        return Assertion(self.text[start:end], start, end, frame.kind, subject, predicate, frame.negated, modality, tuple(arguments), frame.attribution)

    def _approximators(self, frame: _Frame) -> list[str]:
        """'about 40,000', 'nearly half': hedged figures in the frame's own words."""
        found = []
        for filler in frame.fillers:
            if not filler.own:
                continue
            for token in filler.tokens:
                if token.lower_ in _APPROXIMATORS and token.dep_ in ("advmod", "quantmod", "amod") and token.head.like_num:
                    found.append(token.lower_)
        return found

    def _arguments(self, filler: _Filler) -> list[Argument]:
        """The filler's phrase (typed by the mention at its head, else NP) and every typed mention inside it."""
        tokens = [t for t in filler.tokens if t.pos_ != "PUNCT" or t.i == filler.head.i]
        if not tokens:
            return []
        # A prepositional filler carries its preposition as its first token: the phrase starts after it.
        body = (
            tokens[1:]
            if len(tokens) > 1 and (tokens[0].dep_ in ("prep", "agent", "dative") or tokens[0].pos_ == "ADP") and tokens[0].i == filler.head.head.i
            else tokens
        )
        start, end = body[0].idx, body[-1].idx + len(body[-1])
        head_mention = self.mention_of.get(filler.head.i)
        head_lemma = filler.noun or self._head_lemma(filler.head)
        found: list[Argument] = []
        inside = {t.i for t in tokens}
        if head_mention is not None and head_mention.start == start and head_mention.end == end:
            found.append(self._argument(head_mention, filler.slot, head_lemma))
        else:
            found.append(Argument(self.text[start:end], "NP", filler.slot, start, end, head_lemma, word=filler.noun or filler.head.text))
        leading = tokens[0].i if body is not tokens else -1
        for prep in tokens:
            if prep.dep_ != "prep" or prep.i == leading:
                continue
            target = next((c for c in prep.children if c.dep_ == "pobj" and c.i in inside), None)
            if target is None:
                continue
            words = [t for t in target.subtree if t.i in inside]
            p_start, p_end = words[0].idx, words[-1].idx + len(words[-1])
            mention = self.mention_of.get(target.i)
            if mention is None or (mention.start, mention.end) != (p_start, p_end):
                found.append(Argument(self.text[p_start:p_end], "NP", f"prep:{prep.lower_}", p_start, p_end, self._head_lemma(target), word=target.text))
        for mention in self.mentions:
            if mention.first not in inside and mention.last not in inside:
                continue
            if mention.start == start and mention.end == end:
                continue
            slot = self._slot_within(mention, filler)
            found.append(
                self._argument(
                    mention,
                    slot,
                    self._head_lemma(self._mention_root(mention).head)
                    if self._mention_root(mention).dep_ in ("nummod", "quantmod", "compound", "amod")
                    else head_lemma,
                )
            )
        return found

    def _argument(self, mention: _Mention, slot: str, head: str) -> Argument:
        return Argument(self.text[mention.start : mention.end], mention.type, slot, mention.start, mention.end, head, mention.quantity, mention.date)

    def _mention_root(self, mention: _Mention) -> Token:
        for i in range(mention.first, mention.last + 1):
            token = self.doc[i]
            if not (mention.first <= token.head.i <= mention.last) or token.head.i == token.i:
                return token
        return self.doc[mention.last]

    def _slot_within(self, mention: _Mention, filler: _Filler) -> str:
        """A mention's slot: the nearest preposition between it and the filler's head, else the filler's slot."""
        token = self._mention_root(mention)
        steps = 0
        while token.i != filler.head.i and token.head.i != token.i and steps < 64:
            if token.dep_ == "prep" and token.head.i != token.i:
                return f"prep:{token.lower_}"
            token = token.head
            steps += 1
        return filler.slot

    def _head_lemma(self, token: Token) -> str:
        lemma: str = token.lemma_.lower() if token.lemma_ else token.lower_
        return lemma


def _mentions(sentence: Span) -> list[_Mention]:
    """Typed mentions in a sentence: spaCy's names (corrected), figures and dates read by claimcheck.figures."""
    doc = sentence.doc
    base = sentence.start_char
    text = sentence.text
    tokens = list(sentence)

    def token_range(start: int, end: int) -> tuple[int, int] | None:
        covered = [t.i for t in tokens if t.idx < end and t.idx + len(t) > start]
        return (covered[0], covered[-1]) if covered else None

    found: list[_Mention] = []
    for entity in sentence.ents:
        label = entity.label_
        first, last = entity.start, entity.end - 1
        if label in _NAMED:
            # The small model takes a capitalised adjective or a title before a name as part of it.
            while first < last and (doc[first].pos_ in ("ADJ", "DET") or doc[first].lower_.rstrip(".") in TITLES or not doc[first].text[:1].isupper()):
                first += 1
            # "Brave Sarah Lin": a known adjective before a first and last name (two-word names such as "Frank Lee" are left alone).
            while label == "PERSON" and last - first >= 2 and is_adjective(doc[first].lower_):
                first += 1
            while last > first and (doc[last].pos_ == "PUNCT" or doc[last].lower_ in ("'s", "’s")):
                last -= 1
            words = [doc[i] for i in range(first, last + 1)]
            # "Orbit Labs" taken for a person: a name ending in an organisation word is an organisation.
            if label == "PERSON" and words[-1].lower_.rstrip(".") in _ORGANISATION_WORDS:
                label = "ORG"
            # A "name" with no capital letter (a product written in lower case) is an ordinary noun phrase.
            if not any(w.text[:1].isupper() or (w.text[:1].isdigit() and label in ("ORG", "PRODUCT")) for w in words):
                continue
        found.append(_Mention(doc[first].idx, doc[last].idx + len(doc[last]), label, first, last))

    # Figures: claimcheck.figures decides what is a figure and of which kind; spaCy's numeric labels yield to it.
    for quantity in quantities(text):
        span = token_range(base + quantity.start, base + quantity.end)
        if span is None:
            continue
        kind = _quantity_type(quantity)
        overlapping = [m for m in found if m.first <= span[1] and span[0] <= m.last]
        if any(m.type in ("DATE", "TIME") for m in overlapping) and kind == "DATE":
            for m in overlapping:
                if m.type in ("DATE", "TIME"):
                    m.quantity = quantity
            continue
        found = [m for m in found if m not in overlapping or (m.type in _NAMED and m.type != "CARDINAL" and not _is_numeric_text(m, doc))]
        found.append(_Mention(base + quantity.start, base + quantity.end, kind, span[0], span[1], quantity=quantity))
    for date in dates(text):
        start, end = base + date.start, base + date.start + len(date.text)
        span = token_range(start, end)
        if span is None:
            continue
        overlapping = [m for m in found if m.first <= span[1] and span[0] <= m.last]
        dated = [m for m in overlapping if m.type in ("DATE", "TIME")]
        if dated:
            for m in dated:
                m.date = m.date or date
            continue
        if any(m.quantity is not None for m in overlapping):
            continue
        found = [m for m in found if m not in overlapping]
        found.append(_Mention(start, end, "DATE", span[0], span[1], date=date))
    # A spaCy number the figure reader rejected ("one of them") is not a figure unless written in digits.
    found = [m for m in found if not (m.type in _NUMERIC and m.quantity is None and not any(ch.isdigit() for ch in doc.text[m.start : m.end]))]
    # Proper nouns the model left untyped: a name of unknown type.
    covered = {i for m in found for i in range(m.first, m.last + 1)}
    run: list[Token] = []
    scan: list[Token | None] = [*tokens, None]
    for token in scan:
        if token is not None and token.pos_ == "PROPN" and token.i not in covered and token.text[:1].isupper() and token.lower_.rstrip(".") not in TITLES:
            run.append(token)
            continue
        # A lone adjective right before a name ("Brave Sarah Lin") describes the person; it is not a name.
        if run and len(run) == 1 and run[0].i + 1 in covered and is_adjective(run[0].lower_):
            run = []
        if run:
            found.append(_Mention(run[0].idx, run[-1].idx + len(run[-1]), "NAME", run[0].i, run[-1].i))
        run = []
    return sorted(found, key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def _comparative(verb: Token) -> bool:
    """Whether a clause completes a comparison ("than harriers did"): the other side of the claim's assertion, not one of its own."""
    return any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children)


def _adjectives() -> frozenset[str]:
    """English adjectives known to the pipeline's lemmatizer (its WordNet index)."""
    from .parser import load

    try:
        table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(table["adj"])
    except (KeyError, ValueError):
        return frozenset()


def is_adjective(word: str) -> bool:
    """Whether the pipeline's lemmatizer knows `word` as an English adjective."""
    return word in _adjectives()


def _is_numeric_text(mention: _Mention, doc: Doc) -> bool:
    return re.fullmatch(r"[\d.,\s$€£%-]+", doc.text[mention.start : mention.end]) is not None


def _quantity_type(quantity: Quantity) -> str:
    """The spaCy-style type of a figure read by claimcheck.figures."""
    if quantity.kind == "money":
        return "MONEY"
    if quantity.kind in ("percent", "points"):
        return "PERCENT"
    if quantity.kind == "duration":
        return "DATE"
    if quantity.noun is not None and quantity.noun in _UNITS:
        return "QUANTITY"
    return "CARDINAL"
