"""Support blockers for a passage that shares the claim's names but not enough of what the claim says of them."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..analysis import Analysis, analyse
from ..figures import unit_scale
from ..lexicon import IRREGULAR_VERBS, PHRASAL_VERBS
from ..text import sentence_spans, stem
from .base import Blocker, Finding, Pair
from .matching import matches


class WeakPredicateBlocker(Blocker):
    """Too little of what the claim says about its names is in the passage, its lead-in, title, heading or byline."""

    name = "weak_predicate"

    def check(self, pair: Pair) -> Finding | None:
        if pair.grounding is None or pair.grounded >= pair.thresholds.support_min_grounded or not pair.reads_like_claim:
            return None
        if pair.table_row is not None:
            return None  # the row, its headings and lead-in say every word of the claim (`tables.read_row`)
        # The claim's own words (not its names) that nothing around the passage has, as the claim writes them.
        claim, ground = pair.claim, pair.grounding
        lacking = [t for t, s in zip(claim.tokens, claim.stems) if _unsaid(s, claim, ground)]
        said = ", ".join(f"'{w}'" for w in list(dict.fromkeys(lacking))[:3])
        return Finding(self.name, reason=f"source does not say what the claim says of them ({said})" if said else "source says too little of the claim")


class MissingVerbBlocker(Blocker):
    """The verb the claim's assertion turns on, or a paraphrase or opposite of it, is nowhere in or around the passage."""

    name = "missing_verb"

    def check(self, pair: Pair) -> Finding | None:
        # Same names, another event: "the mayor visited the bridge" does not say she opened it. The verb must be in the
        # passage or its title and heading: the sentences before it tell of other events ("was awarded a contract" before
        # "subject to consent, the parapets will be raised" does not grant the consent).
        return _first_unsaid(self.name, pair, lambda: pair.claim_verbs, lambda: pair.framed or pair.passage, _unsaid_lemma)


class MissingArgumentBlocker(Blocker):
    """A noun or adjective filling the claim's object, attribute or prepositional slot is nowhere in or around the passage."""

    name = "missing_argument"

    def check(self, pair: Pair) -> Finding | None:
        # Same names, same verb, another filler: "free for students" is not "free for teachers".
        return _first_unsaid(self.name, pair, lambda: pair.claim_heads, lambda: _own_ground(pair), _unsaid_head)


# A word that points back to something named before the passage.
_REFERS_BACK = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|these|those|that|such)\b", re.IGNORECASE)


def _own_ground(pair: Pair) -> Analysis | None:
    """Where the claim's slot fillers must be: the passage from its first sentence saying the claim's verb on (all of it when
    none does), with its title and heading, when it points back to nothing (else None: everything it is read with). "The
    trial was paid for by X" after "The rooms will cost €40,000", in the passage or its lead-in, has its own filler for the
    verb's slot; "rooms" are not what X paid for."""
    if _REFERS_BACK.search(pair.passage_text):
        return None
    sentences = [analyse(pair.passage_text[span.start : span.end]) for span in sentence_spans(pair.passage_text)] or [pair.passage]
    saying = [n for n, s in enumerate(sentences) if any(says_lemma(verb, s) for verb in pair.claim_verbs)]
    # The sentences with the claim's own verb, when there are any: "will cost" is near "paid for" but says nothing of a payer.
    saying = [n for n in saying if any(lemma_stems(verb.split()[0]) & set(sentences[n].stems) for verb in pair.claim_verbs)] or saying
    # A claim whose verb is too light to require ("were taken ... by lifeboat") still has its fillers said in the passage:
    # "The lifeboat ferried the others" before "A helicopter took the two injured people" is not how they were taken.
    saying = saying or [0]
    # What follows may go on about the same event ("We ordered two ferries. The vessels will cost £96 million."); what comes
    # before it is another's.
    about = pair.about.text if pair.about is not None else ""
    return analyse("\n".join([about, *(s.text for s in sentences[saying[0] :])]))


def _first_unsaid(
    rule: str, pair: Pair, required: Callable[[], tuple[str, ...]], ground: Callable[[], Analysis | None], unsaid: Callable[[str, Analysis, Analysis], bool]
) -> Finding | None:
    """A finding naming the first of the claim's `required()` words that nothing around a passage reading like the claim has
    (`ground()`, or when it gives None everything the passage is read with). Both are asked only then: without a cached
    parse, the words are parsed from the claim."""
    # A table's row the claim's figures are read from says every word of the claim but the verb of having them (`tables.read_row`).
    if pair.grounding is None or not pair.reads_like_claim or pair.table_row is not None:
        return None
    where = ground() or pair.grounding
    lacking = next((word for word in required() if unsaid(word, pair.claim, where)), None)
    return Finding(rule, reason=f"source does not say the claim's '{lacking}'") if lacking is not None else None


def _unsaid(word_stem: str, claim: Analysis, ground: Analysis) -> bool:
    """A content word of the claim, not one of its names, that `ground` has in no form (paraphrases and antonyms count)."""
    return word_stem in claim.content and word_stem not in claim.entity_stems and not matches(word_stem, ground, opposites=True)


def _unsaid_head(word: str, claim: Analysis, ground: Analysis) -> bool:
    """A parsed slot filler of the claim, a content word as the claim writes it, that `ground` has in no form. A metric unit
    is said by a figure in another unit of its quantity ("40 tonnes" by "40,000 kg")."""
    if " " in word:
        return not says_phrasal(word, ground)
    return _unsaid(stem(word), claim, ground) and not any(unit_scale(q.noun, word) is not None for q in ground.figures)


def _unsaid_lemma(lemma: str, claim: Analysis, ground: Analysis) -> bool:
    """A parsed word of the claim, in a form the claim writes ("led" for "lead"), that `ground` says in none of its forms."""
    if " " in lemma:
        return not says_phrasal(lemma, ground)
    forms = lemma_stems(lemma)
    return bool(forms & claim.content) and not forms & claim.entity_stems and not any(matches(form, ground, opposites=True) for form in forms)


def says_lemma(lemma: str, ground: Analysis) -> bool:
    """Whether a text says a parsed word in any of its forms ("born" for "bear"), or a phrasal verb whole."""
    return says_phrasal(lemma, ground) if " " in lemma else any(matches(form, ground) for form in lemma_stems(lemma))


def lemma_stems(lemma: str) -> frozenset[str]:
    """The stems of a word's forms: its own, and for an irregular verb its past forms ("lead", "led")."""
    return frozenset(stem(form) for form in (lemma, *IRREGULAR_VERBS.get(lemma, ())))


def verb_forms(verb: str) -> frozenset[str]:
    """A one-word verb's written forms: the regular ones and the irregular (`lexicon.IRREGULAR_VERBS`)."""
    if " " in verb:
        return frozenset()
    base = verb[:-1] if verb.endswith("e") else verb
    return frozenset({verb, f"{verb}s", f"{base}ing"}) | past_forms(verb)


def past_forms(verb: str) -> frozenset[str]:
    """A verb's past tense and participle: "held", "made", "received"."""
    base = verb[:-1] if verb.endswith("e") else verb
    return frozenset(IRREGULAR_VERBS.get(verb, (f"{base}ed",)))


def says_phrasal(verb: str, ground: Analysis) -> bool:
    """Whether a text says a phrasal verb ("turn down"): the verb with its particle up to five words on ("turned the offer
    down"), or a single verb saying the same ("rejected"). Not its opposite: "approved" does not tell whether it was turned down."""
    lemma, particle = verb.split()
    verb_stem = stem(lemma)
    for at, word_stem in enumerate(ground.stems):
        if word_stem == verb_stem and particle in ground.tokens[at + 1 : at + 6]:
            return True
    return any(matches(stem(single), ground) for single in PHRASAL_VERBS[verb])
