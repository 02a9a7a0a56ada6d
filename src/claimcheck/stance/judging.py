"""`judge`: one passage against one claim, by trying the registered contradiction rules, then the support blockers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..analysis import Analysis, analyse
from ..calibration import DEFAULT, Thresholds
from ..lexicon import SOURCING, TITLES
from ..models import Stance
from ..names import missing_names, name_present
from ..nli import Entailment
from ..text import sentence_spans, stem, words
from .base import Judgement, Pair
from .matching import coverage, matches
from .registry import BLOCKERS, CONTRADICTIONS


def judge(
    claim_text: str,
    passage_text: str,
    similarity: float,
    idf: dict[str, float] | None = None,
    thresholds: Thresholds = DEFAULT,
    *,
    context: str = "",
    section: str | None = None,
    names: frozenset[str] | None = None,
    nli: Entailment | None = None,
    byline: str = "",
    subject: str = "",
    verbs: Sequence[str] | None = None,
    heads: Sequence[str] | None = None,
    doers: Sequence[str] | None = None,
    about: str = "",
    lowercase: frozenset[str] = frozenset(),
    author: str = "",
    frame: str = "",
    after: str = "",
    speaker: str = "",
) -> Judgement:
    """How `passage_text` bears on `claim_text`, given their embedding cosine similarity.

    `context` is the text just before the passage (where "the agency" or "he" was named), `section` the part of it under the
    passage's own heading (by default all of it); `names` are the
    words the corpus writes as names, to tell "Globex" from "Physicians" at the start of a claim;
    `byline` is the passage's document's outlet and author, `author` its author alone; `lowercase` the names the corpus
    writes in lower case ("brine"); `frame` the lead-in a draft's list item hangs from ("Targets for 2025:"); `after` the sentence after the passage; `speaker`
    the label a transcript or minutes open the passage's paragraph with ("AGNES TULLY"); `verbs` the
    verbs the claim's assertions turn on (`language.parts.required_verbs`), `heads` the nouns and adjectives they say
    of their subjects (`language.parts.required_heads`) and `doers` who did their acts (`language.parts.required_doers`),
    each parsed from `claim_text` when not given.
    """
    claim = analyse(claim_text)
    passage = analyse(passage_text)
    lead_in = analyse(context) if context else None
    # The document's author stands for "we" and "I" in it, and is who the claim may say told it ("..., Jane Roe wrote");
    # a claim giving the author another role ("maintained by Jane Roe") finds that role in the passage or nowhere.
    # Words the passage gives to someone else ("Owen Felton said: ...") are not the author's, whoever the claim credits.
    if author and (
        (passage.speaker is not None and not name_present(passage.speaker, analyse(author)))
        or (not _FIRST_PERSON.search(passage_text) and not _credits_author(claim_text, author))
    ):
        byline = " ".join(byline.replace(author, " ").split())
    credited = analyse(byline) if byline else None
    framing = analyse(about) if about else None
    # A dateline ("*Press release — Lyon, 3 May 2025*") says where the document's issuer is, not where anything else it reports is.
    undated = DATELINE.sub("", passage_text)
    issuer = credited is not None and any(name_present(name, credited) for name in claim.entities)
    # Where the passage's pronouns or its omitted subject were named: the sentences before it, and its title and heading.
    named_around = analyse(f"{context}\n{about}") if context and about else lead_in or framing
    missing = missing_names(claim, passage if undated == passage_text or issuer else analyse(undated), named_around, names)
    if credited is not None and missing:
        # "..., the Daily Planet reported": the outlet or author of the passage's own document is named in its byline.
        missing = [name for name in missing if not name_present(name, credited)]
    if speaker and missing:
        # A transcript's label names who speaks the whole paragraph: "AGNES TULLY: ... I was in court" names Tully.
        labelled = analyse(speaker)
        missing = [name for name in missing if not name_present(name, labelled)]
    grounds = [passage, lead_in, framing, credited]
    if lowercase:
        missing += unnamed_lowercase(claim, lowercase, missing, grounds)
    topic = analyse(subject) if subject else None
    if topic is not None:
        missing += ungrounded_subject(topic, missing, grounds)
    cover = coverage(claim, passage, idf, thresholds.default_idf, missing)
    # What the claim says about its names, with antonyms counted as speaking of the same thing.
    predicate = coverage(claim, passage, idf, thresholds.default_idf, missing, names_count=False, opposites=True)
    # What the claim says about its names, in the passage or in what it is read with (a heading may give the predicate's object).
    # What the lead-in's sentences under another heading say is not what the passage says: only names carry across headings.
    own_context = context if section is None else section
    read_with = "\n".join(text for text in (own_context, about, byline) if text)
    grounding = analyse("\n".join(text for text in (passage_text, read_with) if text))
    sourcing = [w for m in SOURCING.finditer(claim.text) for w in words(m.group(1))]
    grounded = coverage(claim, grounding, idf, thresholds.default_idf, missing, names_count=False, opposites=True, ignore=sourcing)
    topic_stems = topic.content if topic is not None else frozenset()
    pair = Pair(
        claim,
        passage,
        claim_text,
        passage_text,
        float(similarity),
        thresholds,
        idf,
        lead_in,
        names,
        nli,
        missing,
        cover,
        predicate,
        about=framing,
        topic=topic_stems,
        grounding=grounding,
        grounded=grounded,
        credited=credited,
        frame=analyse(frame) if frame else None,
        after=after,
        speaker=speaker,
        read_with=read_with,
        verbs=tuple(verbs) if verbs is not None else None,
        heads=tuple(heads) if heads is not None else None,
        doers=tuple(doers) if doers is not None else None,
    )
    signals = {
        "similarity": round(float(similarity), 4),
        "coverage": round(cover, 4),
        "missing_names": float(len(missing)),
        "predicate_coverage": round(predicate, 4),
        "grounded_predicate": round(grounded, 4),
    }
    if nli is not None:
        signals |= {"nli_entailment": round(nli.entailment, 4), "nli_contradiction": round(nli.contradiction, 4)}

    for rule in CONTRADICTIONS:
        # Once a rule has cast doubt, rules that could only cast doubt too have nothing to add.
        if not rule.admits(pair) or (pair.doubt is not None and not rule.decisive(pair)):
            continue
        finding = rule.check(pair)
        if finding is None or finding.conflict is None:
            continue
        if rule.decisive(pair):
            conflict = replace(finding.conflict, speaker=passage.speaker or "")
            fired = {rule.signal: 1.0} if rule.signal else {}
            return Judgement(Stance.CONTRADICTS, conflict.explanation, signals | fired, conflict, rule.name)
        pair.doubt = finding.conflict

    t = thresholds
    support = t.support_similarity_weight * similarity + (1 - t.support_similarity_weight) * cover
    if nli is not None and nli.entailment >= t.nli_entailment and similarity >= t.support_min_similarity:
        support = max(support, t.support)  # the model's entailment stands in for word overlap
    signals["support"] = round(support, 4)
    blocked = next((finding for blocker in BLOCKERS if (finding := blocker.check(pair)) is not None), None)
    strong = support >= t.support and similarity >= t.support_min_similarity and cover >= t.support_min_coverage and predicate >= t.support_min_predicate
    # A table's row says its figures without the words of a sentence: the cosine of a whole table against one claim is low.
    if blocked is None and (strong or pair.table_row is not None):
        if pair.table_row is not None:
            return Judgement(Stance.SUPPORTS, f"source says so (its table's row “{pair.table_row[0]}”)", signals | {"table_row": 1.0})
        speaker = f" ({passage.speaker} said)" if passage.speaker else ""
        return Judgement(Stance.SUPPORTS, f"source says so{speaker}", signals)
    if blocked is None:
        return Judgement(Stance.RELATED, "only related", signals)
    return Judgement(Stance.RELATED, blocked.explanation, signals, rule=blocked.rule)


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Uu]s|[Oo]urs?|I|[Mm]e|[Mm]y|[Mm]ine)\b")
# Verbs and phrases crediting someone with telling or finding something: "..., Jane Roe wrote", "according to Jane Roe",
# "Roe found that ...".
_TELLING = re.compile(
    r"\b(?:say|says|said|tell|tells|told|write|writes|wrote|written|report|reports|reported|post|posts|posted|announce|announces|"
    r"announced|state|states|stated|note|notes|noted|explain|explains|explained|add|adds|added|argue|argues|argued|claim|claims|"
    r"claimed|find|finds|found|measure|measures|measured|test|tests|tested|conclude|concludes|concluded|estimate|estimates|"
    r"estimated|observe|observes|observed|record|records|recorded|according\s+to)\b",
    re.IGNORECASE,
)


def _credits_author(claim_text: str, author: str) -> bool:
    """Whether a claim credits a document's author with it: a verb of telling ("..., Jane Roe wrote") or the author's own
    work ("In Roe's tests", "Roe's survey")."""
    if _TELLING.search(claim_text):
        return True
    surnames = {name.split()[-1] for name in re.split(r",|\band\b", author) if name.split()}
    return any(re.search(rf"\b{re.escape(surname)}['’]s?\b", claim_text) for surname in surnames)


# A line that is only a place and a date, perhaps after a label: "*Press release — Lyon, 3 May 2025*", "Columbus, Ohio, March 18, 2025".
DATELINE = re.compile(
    r"^[ \t*_>]*(?:[A-Z][\w ]{0,30}?\s+[—–-]\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?,\s*"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}[ \t*_]*$",
    re.MULTILINE,
)


def part_coverage(
    part_text: str,
    passages: list[str],
    idf: dict[str, float] | None = None,
    thresholds: Thresholds = DEFAULT,
    *,
    context: str = "",
    names: frozenset[str] | None = None,
) -> tuple[float, list[str]]:
    """How much of a claim's part the passages that support the whole claim state together, and the part's names they lack."""
    part = analyse(part_text)
    if not part.content:
        return 1.0, []  # only pronouns and function words: nothing the passages could lack
    # What the passages are about (their lead-in, byline, title) counts for the part's subject and names, as in `judge`.
    joined = analyse(" ".join([*passages, context]))
    missing = missing_names(part, joined, None, names)
    return coverage(part, joined, idf, thresholds.default_idf, missing), missing


def described(subject: str, description: str, passages: list[str]) -> bool:
    """Whether `passages` bear out a description of `subject`: one of its common words in a sentence naming the subject (by
    its last name, or its last word when it has none), or all of them in the passages themselves. "Rhys Vale, a marine
    biologist" is not borne out by "Rhys Vale of the Institute" beside "Dr Ann Roe, a biologist", with "marine" only in a title."""
    # An age stands as a figure in either form: "a 44-year-old developer" is "developer ..., 44".
    describing = analyse(_AGE.sub(r"\1", description))
    wanted = describing.content - describing.entity_stems
    if not wanted:
        return True
    capitalised = [w for w in words(subject) if w[:1].isupper() and w not in TITLES]
    key = stem((capitalised[-1:] or words(subject)[-1:] or [""])[0].lower())
    naming = [
        text[span.start : span.end]
        for text in passages
        for span in sentence_spans(text)
        if key in {stem(w.lower()) for w in words(text[span.start : span.end])}
    ]
    near = analyse(" ".join(naming))
    if any(matches(word_stem, near) for word_stem in wanted):
        return True
    anywhere = analyse(" ".join(passages))
    return all(matches(word_stem, anywhere) for word_stem in wanted)


_AGE = re.compile(r"\b(\d+)-year-old\b", re.IGNORECASE)


def unnamed_lowercase(claim: Analysis, lowercase: frozenset[str], missing: list[str], grounds: list[Analysis | None]) -> list[str]:
    """The claim's names written in lower case ("sluice") that neither the passage nor what it is read with mentions.

    The parser takes no lower-case word for a name, so without this a passage from brine's changelog bore out a claim about
    sluice's defaults.
    """
    named = [(token, word_stem) for token, word_stem in zip(claim.tokens, claim.stems) if token in lowercase]
    return _ungrounded(named, {stem(w) for name in missing for w in words(name)}, grounds)


def ungrounded_subject(core: Analysis, missing: list[str], grounds: list[Analysis | None]) -> list[str]:
    """Words of the claim's subject that neither the passage nor what it is about (lead-in, title, heading, byline) has.

    "tallow accepts donations" is not borne out by "The project accepts donations" in another project's
    documentation: a passage speaks of its own subject, named in it or around it.
    """
    already = {stem(w) for name in missing for w in words(name)}
    # A name of the subject that is there by its short form ("Brightway" for "Brightway Markets") has all its words there.
    already |= {stem(w) for name in core.entities if any(g is not None and name_present(name, g) for g in grounds) for w in words(name)}
    said = [(token, word_stem) for token, word_stem in zip(core.tokens, core.stems) if word_stem in core.content and not token.isdigit()]
    acronyms = frozenset(w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", core.text))
    return _ungrounded(said, already, grounds, acronyms)


def _shortened(token: str, text: str, acronym: bool) -> bool:
    """Whether a text writes a word by a short form: an acronym the claim writes ("CTO") by the words it stands for ("Chief
    Technology Officer"), or a title by its abbreviation before a name ("Sen." for "senator", "Gov." for "governor")."""
    if acronym:
        initials = r"\s+".join(rf"{letter}[\w'’-]*" for letter in token.upper())
        return re.search(rf"\b{initials}\b", text) is not None
    return any(len(m.group(1)) < len(token) and token.startswith(m.group(1).lower()) for m in _TITLE_ABBREVIATION.finditer(text))


# An abbreviated title before a name: "Sen. Chuck Schumer", "Gov. Jane Roe", "Prof. Ann Lee".
_TITLE_ABBREVIATION = re.compile(r"\b([A-Z][a-z]{2,4})\.\s+[A-Z]")


def _ungrounded(candidates: list[tuple[str, str]], already: set[str], grounds: list[Analysis | None], acronyms: frozenset[str] = frozenset()) -> list[str]:
    """The (token, stem) pairs' tokens, each stem once and none of `already`, that no ground has."""
    lacking = []
    for token, word_stem in candidates:
        if word_stem not in already and not any(
            ground is not None and (matches(word_stem, ground) or _shortened(token, ground.text, token in acronyms)) for ground in grounds
        ):
            lacking.append(token)
            already.add(word_stem)
    return lacking
