"""Names in claims and passages: whether a passage mentions a claim's names, and swapped names and roles."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from .analysis import INITIALISM, Analysis, analyse, find_names
from .index.lexical import paraphrase_stems
from .lexicon import (
    AGENT_NOUNS,
    CLUB_DESIGNATORS,
    CORPORATE_DESIGNATORS,
    DEMONYMS,
    FIGURE_ADVERBS,
    INSTITUTION_NOUNS,
    PEOPLE_NOUNS,
    PREPOSITIONS,
    ROLE_FORMS,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    ROLE_TIME_WORDS,
    STOP_WORDS,
)
from .text import ABBREVIATIONS, normalise, stem, words


def name_present(name: str, passage: Analysis) -> bool:
    """A name is present whole, by its initials, or by its last word written as a name ("Alvarez")."""
    parts = _name_parts(name)
    name_words = parts.words
    if not name_words:
        return True
    if len(name_words) == 1:
        # An initialism is found written as one ("US", "U.S."), not as a word ("us"); another one-word name as a word.
        written = passage.initialisms if INITIALISM.fullmatch(name_words[0]) else passage.dotless
        said = parts.stems[0] in passage.content or parts.initials in passage.acronyms or parts.initials in written
        adjective = _place_adjective(name_words[0])
        return said or (adjective is not None and adjective.search(passage.text) is not None)
    # Written as initials ("AWS" for "Amazon Web Services"), or word for word with some words contracted ("Cllr Baird" for
    # "Councillor Baird"); another name with the same initials ("Hollinside Ward" for "Hollin Ward") is not this one.
    if parts.initials in passage.initialisms:
        return True
    if parts.initials in passage.acronyms and any(_contracted(name_words, e.split()) for e in passage.entities):
        return True
    if all(s in passage.content for s in parts.stems):
        return True
    if parts.brand and _brand_mentioned(parts.brand, passage.text, parts.designators):
        return True
    last = parts.last
    found = len(_whole_word(last).findall(passage.text))
    if not found:
        return False
    # The last word standing only as the end of another name ("Mozilla Public License" for "Apache License", "Ann Roe"
    # for "Jane Roe") is that other name's, not a short mention of this one; "Amazon Web Services Summit" is "AWS Summit".
    own = parts.own
    # So is an institution's noun inside another's name: "University" in "the University of Brackmere" is not "Halden University".
    inside = last.lower() in INSTITUTION_NOUNS
    others = [e for e in passage.entities if len(e.split()) >= 2 and last in [_POSSESSIVE.sub("", w) for w in (e.split() if inside else e.split()[-1:])]]
    taken = sum(passage.text.count(e) for e in others if not own & _leading_forms(e))
    return found > taken


def _contracted(name_words: Sequence[str], other: Sequence[str]) -> bool:
    """Whether two names are the same words, some written as contractions ("Cllr" for "Councillor", "Supt" for "Superintendent")."""
    return len(name_words) == len(other) and all(a.lower() == b.lower() or _contraction(a, b) or _contraction(b, a) for a, b in zip(name_words, other))


def _contraction(short: str, word: str) -> bool:
    """Whether `short` contracts `word`: its first and last letters and some between, in order ("Cllr", "Dr", "Supt")."""
    short, word = short.rstrip(".").lower(), word.lower()
    if not 2 <= len(short) <= 5 or len(short) >= len(word) or short[0] != word[0] or short[-1] != word[-1]:
        return False
    letters = iter(word)
    return all(letter in letters for letter in short)


@lru_cache(maxsize=256)
def _place_adjective(place: str) -> re.Pattern[str] | None:
    """A place's adjectives before a noun ("Norwegian adults" for Norway), not a language ("written in Norwegian", "French
    speakers" aside); `lexicon.DEMONYMS`."""
    adjectives = _DEMONYMS_BY_PLACE.get(place.lower())
    if adjectives is None:
        return None
    return re.compile(rf"(?<!\bin\s)(?<!\binto\s)(?<!\bfrom\s)\b(?:{'|'.join(adjectives)})\s+(?!language\b|speak)[a-z]")


_DEMONYMS_BY_PLACE = {place.lower(): adjectives.split() for place, adjectives in DEMONYMS.items()}


class _NameParts(NamedTuple):
    """What `name_present` reads of a name, worked out once per name rather than once per passage it is looked for in."""

    words: tuple[str, ...]  # its words that are not function words
    stems: tuple[str, ...]  # their stems
    initials: str  # a one-word name: the word without dots; a longer one: its words' first letters
    last: str  # its last word as written, without a possessive ending
    own: frozenset[str]  # stems and dotless lower-case forms of every word before the last
    brand: str  # a company's own words, before the words that say it is a company ("Brightway" of "Brightway Markets"), else ""
    designators: frozenset[str]  # those words, lower case and dotless ("markets")


_POSSESSIVE = re.compile(r"['’]s?$")
_DESIGNATORS = CORPORATE_DESIGNATORS | CLUB_DESIGNATORS  # words after an organisation's own name that say what it is


@lru_cache(maxsize=16384)
def _name_parts(name: str) -> _NameParts:
    """`name_present`'s view of a name (bounded: names repeat across the passages of a check)."""
    name_words = tuple(w for w in words(name) if w not in STOP_WORDS)
    if not name_words:
        return _NameParts((), (), "", "", frozenset(), "", frozenset())
    initials = name_words[0].replace(".", "") if len(name_words) == 1 else "".join(w[0] for w in name_words)
    own = frozenset({stem(w) for w in name_words[:-1]} | {_dotless(w) for w in name_words[:-1]})
    written = [_POSSESSIVE.sub("", w) for w in re.findall(r"[\w.&'’-]+", name)]
    kept = list(written)
    while kept and _dotless(kept[-1]) in _DESIGNATORS:
        kept.pop()
    brand = " ".join(kept) if 0 < len(kept) < len(written) and kept[0][:1].isupper() else ""
    designators = frozenset(_dotless(w) for w in written[len(kept) :]) if brand else frozenset()
    return _NameParts(name_words, tuple(stem(w) for w in name_words), initials, _POSSESSIVE.sub("", name.split()[-1]), own, brand, designators)


def _dotless(word: str) -> str:
    """A designator as the lexicon writes it: lower case, without dots ("N.V." → "nv")."""
    return word.lower().replace(".", "")


def _brand_mentioned(brand: str, text: str, designators: frozenset[str]) -> bool:
    """Whether a company's own words stand in a text as its name ("Brightway closed five stores"), not as the start of
    another name ("Brightway Capital", or "Fellside Rangers" for "Fellside United")."""
    for match in _whole_word(brand).finditer(text):
        after = re.match(r"\s+([A-Z][\w.]*)", text[match.end() :])
        if after is None or _dotless(after.group(1)) in designators:
            return True
    return False


@lru_cache(maxsize=16384)
def _leading_forms(entity: str) -> frozenset[str]:
    """Stems and initialisms of every word of a name before its last: what says whose last word it is."""
    return frozenset({stem(w) for w in words(entity)[:-1]} | _initials(entity.split()[:-1]))


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    """`word` as a whole word (compiled once: `re`'s own cache is too small for every name of an archive)."""
    return re.compile(rf"\b{re.escape(word)}\b")


@lru_cache(maxsize=4096)
def _definite(word: str) -> re.Pattern[str]:
    """A passage referring back to a name by one of its words: "the <word>", "this <word>s"."""
    return re.compile(rf"\b(?:the|this|that)\s+{re.escape(word)}s?\b", re.IGNORECASE)


def _initials(name_words: list[str]) -> set[str]:
    """The initialisms a run of name words may be written as ("Amazon Web Services" → "aws")."""
    kept = [w for w in name_words if w.lower() not in STOP_WORDS]
    return {"".join(w[0] for w in kept).lower()} if len(kept) >= 2 else set()


def read_as_name(name: str, analysis: Analysis, known_names: frozenset[str] | None) -> bool:
    """Whether a name the analysis found stands: not a sentence-opening word the corpus does not write as a name."""
    return name not in analysis.uncertain or (known_names is not None and name.lower() in known_names)


def missing_names(claim: Analysis, passage: Analysis, context: Analysis | None, known_names: frozenset[str] | None, *, lenient: bool = False) -> list[str]:
    """Claim names neither the passage nor its lead-in sentences mention (`lenient`: any lead-in name counts)."""
    foreign: list[str] | None = None  # the passage's names the claim lacks: worked out only when a lead-in is weighed

    def names_nobody_else() -> bool:
        nonlocal foreign
        if foreign is None:
            foreign = [n for n in passage.entities if read_as_name(n, passage, known_names) and not name_present(n, claim)]
        return not foreign

    refers_back = not _REFERRING.isdisjoint(passage.tokens)
    missing = []
    for name in claim.entities:
        if not read_as_name(name, claim, known_names):
            continue
        if name_present(name, passage):
            continue
        # The lead-in names who "he" or "the project" is: used when the passage refers back (a personal
        # pronoun, or "the <word of the name>"), or names nobody the claim does not.
        if context is not None and (lenient or names_nobody_else() or refers_back or _refers_to(name, passage)) and name_present(name, context):
            continue
        missing.append(name)
    return missing


def _refers_to(name: str, passage: Analysis) -> bool:
    """Whether the passage says "the <word of the name>" ("the bureau" for "Weather Bureau")."""
    return any(_definite(w).search(passage.text) for w in _name_parts(name).words)


_REFERRING = frozenset("he she they him her them his hers their theirs".split())


def known_names(texts: list[str]) -> frozenset[str]:
    """Lower-cased words a corpus writes capitalised mid-sentence: what it treats as names."""
    found: set[str] = set()
    for text in texts:
        # Each cell of a fixed-width table or each line of a list opens afresh: "Package   Version   Section" names nothing.
        for cell in _CELL_BREAK.split(text):
            for name in find_names(normalise(cell), sentence_initial=False):
                found.update(re.sub(r"'s?$", "", w) for w in words(name) if w not in STOP_WORDS)
    return frozenset(found)


_CELL_BREAK = re.compile(r"[ \t]{2,}|\t|\n")


# A title's first word, when it opens in lower case: "# brine changelog", "pipit: common questions" (not "e.g.", "v2", "x-ray").
_LOWERCASE_OPENING = re.compile(r"[\s#*_`>-]*([a-z][a-z0-9]+)\b(?![.'’-]\w)")


def lowercase_names(titles: Iterable[str]) -> frozenset[str]:
    """Names a corpus writes in lower case (a tool, a package): the words its titles open on in lower case, where English
    capitalises the first word of a title."""
    found = {m.group(1) for title in titles if (m := _LOWERCASE_OPENING.match(title))}
    return frozenset(found - STOP_WORDS)


def _sentence_before(text: str, start: int) -> str:
    """The text of a span's sentence before it."""
    before_text = text[:start]
    # The last sentence end before the span; "Sen. " or "U.S. " is an abbreviation, not an end.
    for match in reversed(list(re.finditer(r"(\w+)[.!?;]\s", before_text))):
        if len(match.group(1)) > 1 and match.group(1).lower() not in ABBREVIATIONS:
            return before_text[match.end() :]
    return before_text


def _neighbours(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Two words before and after a span, not crossing a sentence end."""
    after_text = re.split(r"[.!?;](?:\s|$)", text[end:])[0]
    return words(_sentence_before(text, start))[-2:], words(after_text)[:2]


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _slot(text: str, start: int, count: int, reach: int = 5) -> tuple[str, list[str]]:
    """The nearest preposition before a span and the stems of the first `count` content words within `reach` words
    before it in its sentence, passing over function words and capitalised words (names and their parts): "designed by X"
    and "to designs by the Pendry architect Y" both hang their name on "design", with "by"."""
    preposition, governors = "", []
    for token in list(reversed(_TOKEN.findall(_sentence_before(text, start))))[:reach]:
        lowered = token.lower()
        if lowered in PREPOSITIONS and not preposition:
            preposition = lowered
        if token[0].isupper() or lowered in STOP_WORDS or not token.isalpha():
            continue
        governors.append(stem(lowered))
        if len(governors) == count:
            break
    return preposition, governors


def name_in_same_slot(claim: Analysis, passage: Analysis, name: str, known_names: frozenset[str] | None = None) -> str | None:
    """The passage's name that stands where the claim has `name`: the same words before or after it, the same word
    governing it with the same preposition, or (for the claim's opening subject) the subject of the passage's sentence
    saying the same of it. `known_names` are the words the corpus writes as names."""
    position = claim.text.find(name)
    before, after = _neighbours(claim.text, position, position + len(name))
    preposition, governor = _slot(claim.text, position, 1)
    governed: list[str] = []
    for other in passage.entities:
        # "CO" for "CO2" or "Washington" for "Washington Post" is the same name cut short, not another.
        # "Anneke Velden" is not the claim's "Velden" (a company named after her) when the claim never writes "Anneke".
        other_words = other.split()
        another_person = len(other_words) >= 2 and other_words[0] not in claim.text
        if other in passage.uncertain or (name_present(other, claim) and not another_person) or other.lower() in name.lower() or name.lower() in other.lower():
            continue
        if _abbreviates(other, claim.text):
            continue  # "OCT" is the claim's "outbreak control team"
        if _called_by_kind(other, claim):
            continue  # "the Transport Workers' Union" is the claim's "the union"
        at = passage.text.find(other)
        p_before, p_after = _neighbours(passage.text, at, at + len(other))
        same_two_before = len(before) == 2 and before == p_before and any(w not in STOP_WORDS for w in before)
        same_before = bool(before and p_before and before[-1] == p_before[-1])
        same_after = bool(after and p_after and after[0] == p_after[0])
        meaningful = (same_before and before[-1] not in STOP_WORDS) or (same_after and after[0] not in STOP_WORDS)
        if same_two_before or meaningful or (same_before and same_after):
            return other
        # The same word governs both names, with the same preposition, past function words and names.
        if governor:
            passage_preposition, passage_governors = _slot(passage.text, at, 2)
            # The governing word may be a paraphrase ("headquartered in X", "based in Y"), when the passage does not use it.
            alike = paraphrase_stems().get(governor[0], frozenset()) if governor[0] not in passage.stems else frozenset()
            if passage_preposition == preposition and (governor[0] in passage_governors or alike & set(passage_governors)):
                governed.append(other)
    # Of the names a word governs ("by the Pendry architect Edwin Marl"), one as long as the claim's is its counterpart.
    found = next((other for other in governed if len(other.split()) == len(name.split())), governed[0] if governed else None)
    if found is None:
        found = _owner_counterpart(claim, passage, name, known_names) or _post_counterpart(claim, passage, name)
    return found if found is not None else _subject_counterpart(claim, passage, name, known_names)


def _called_by_kind(other: str, claim: Analysis) -> bool:
    """Whether the claim speaks of a passage's name of a body by the kind of body it is ("the union" or "the union's" for
    "the Transport Workers' Union"), which makes it no rival of the claim's names."""
    kind = other.split()[-1].lower()
    return len(other.split()) > 1 and kind in INSTITUTION_NOUNS and re.search(rf"\b[Tt]he\s+{kind}\b", claim.text) is not None


def _post_counterpart(claim: Analysis, passage: Analysis, name: str) -> str | None:
    """The person the passage gives the post the claim gives `name` ("Moira Tulloch, national secretary of the union" against
    "the union's national secretary, Janet Ure"); none when either side dates the post ("former", "acting")."""
    if len(name.split()) < 2 or name.split()[-1].lower() in CORPORATE_DESIGNATORS:
        return None
    claimed, dated = posts_of(claim.text, name)
    if not claimed or dated or any(not ROLE_TIME_WORDS.isdisjoint(c.form) for c in claimed):
        return None
    for other in passage.entities:
        if len(other.split()) < 2 or other.split()[-1].lower() in CORPORATE_DESIGNATORS or name_present(other, claim):
            continue
        given, other_dated = posts_of(passage.text, other)
        held = [g for g in given if ROLE_TIME_WORDS.isdisjoint(g.form)]
        if not other_dated and any(c.form <= g.form or g.form <= c.form for c in claimed for g in held):
            return other
    return None


def _abbreviates(initialism: str, text: str) -> bool:
    """Whether a word of capitals is the initials of consecutive words of `text` ("OCT" of "the outbreak control team")."""
    if not (2 <= len(initialism) <= 6 and initialism.isalpha() and initialism.isupper()):
        return False
    found = words(text)
    return any("".join(w[0] for w in window).lower() == initialism.lower() for window in zip(*(found[i:] for i in range(len(initialism)))))


# "the solicitor representing Irene Voss", "the mayor of Springfield": a role and whom it is of, written after the role ...
_ROLE_BEFORE = re.compile(r"\b([a-z][a-z-]+)\s+(?:of|for|to|representing)\s+(?:the\s+)?$")
# ... or before it: "Marsh's solicitor", "Shelbyville's long-serving mayor".
_OWNER_OF = r"['’]s?\s+(?:[a-z-]+\s+)?{role}\b"


def _owner_counterpart(claim: Analysis, passage: Analysis, name: str, known_names: frozenset[str] | None) -> str | None:
    """The passage's name that owns the role the claim gives its name ("the solicitor representing Irene Voss" against
    "Marsh's solicitor", "Springfield's mayor" against "the mayor of Shelbyville")."""
    position = claim.text.find(name)
    if position < 0:
        return None
    role_before = _ROLE_BEFORE.search(claim.text[max(0, position - 40) : position])
    owned = re.match(r"['’]s?\s+(?:[a-z-]+\s+)?([a-z][a-z-]+)\b", claim.text[position + len(name) :])
    role = role_before.group(1) if role_before else owned.group(1) if owned else None
    if role is None or role in STOP_WORDS:
        return None
    for other in passage.entities:
        plain = plain_name(other)
        # A sentence-opening owner ("Marsh's solicitor, …") stands when the corpus writes it as a name.
        known = other not in passage.uncertain or known_names is None or plain.lower() in known_names
        if not known or name_present(plain, claim):
            continue
        at = passage.text.find(plain)
        after = re.match(_OWNER_OF.format(role=re.escape(role)), passage.text[at + len(plain) :])
        before = _ROLE_BEFORE.search(passage.text[max(0, at - 40) : at])
        if after is not None or (before is not None and before.group(1) == role):
            return plain
    return None


def _subject_counterpart(claim: Analysis, passage: Analysis, name: str, known_names: frozenset[str] | None) -> str | None:
    """The subject of the passage's sentence saying what the claim says of its opening subject `name`: "Microsoft is the
    lead contender for X" against "Amazon has many contracts and is the lead contender for X" (a coordinated predicate,
    which the words right beside the names do not show)."""

    def uncertain(analysis: Analysis, other: str) -> bool:
        # A capitalised word opening a sentence ("Admission", "Now") is a name only if the corpus writes it as one, and an
        # adverb of time never is.
        return other.lower() in FIGURE_ADVERBS or not read_as_name(other, analysis, known_names)

    position = claim.text.find(name)
    if position < 0 or words(claim.text[:position]) not in ([], ["the"]) or uncertain(claim, name):
        return None
    # The claim's first two content words after its subject, in a row in the passage.
    said = [w for w in words(claim.text[position + len(name) :])[:6] if w not in STOP_WORDS][:2]
    if len(said) < 2:
        return None
    tokens = list(_TOKEN.finditer(passage.text))
    for first, second in itertools.pairwise(tokens):
        if [first.group(0).lower(), second.group(0).lower()] != said:
            continue
        # The sentence up to there opens on its one name (perhaps after "The"): that name is its subject.
        sentence = _sentence_before(passage.text, first.start())
        opening = without_opening_article(sentence)
        names = find_names(sentence, sentence_initial=True)
        if len(names) != 1 or not opening.startswith(names[0]):
            return None
        other = names[0]
        if uncertain(analyse(sentence), other) or name_present(other, claim) or other.lower() in name.lower() or name.lower() in other.lower():
            return None
        return other
    return None


_OPENING_ARTICLE = re.compile(r"^[\s*_>\"“-]*(?:the\s+)?", re.IGNORECASE)


def without_opening_article(text: str) -> str:
    """A text without the markup and the "The" it opens on: where its subject's name starts, if it opens on one."""
    return _OPENING_ARTICLE.sub("", text, count=1)


def other_speaker(claim: Analysis, passage: Analysis, name: str) -> str | None:
    """Who said it in the passage, when the claim puts the words in `name`'s mouth and the passage in another's."""
    claim_speaker, passage_speaker = speaker_name(claim), speaker_name(passage)
    if claim_speaker != name or not passage_speaker or name_present(passage_speaker, claim):
        return None
    # "Councillor Parfitt" is "Dennis Parfitt": a title and a surname name the person the full name does.
    if passage_speaker.split()[-1].lower() == name.split()[-1].lower():
        return None
    return passage_speaker


_SAYS = re.compile(
    r"\b(?:said|says|told|tells|stated|wrote|added|explained|argued|insisted|warned|warns|claimed|claims|admitted|admits|"
    r"noted|notes|complained|complains|conceded|concedes|acknowledged|acknowledges|maintained|maintains)\b"
)


def speaker_name(analysis: Analysis) -> str | None:
    """Who speaks: the first name (a person's full name first) before the first verb of saying, in its clause."""
    match = _SAYS.search(analysis.text)
    if not match:
        return None
    clause = re.split(r"[.;!?]\s|[\"“”]", analysis.text[: match.start()])[-1][-120:]
    names = [n for n in find_names(clause) if n not in analysis.uncertain or n in find_names(clause, sentence_initial=False)]
    # A person's full name ("city spokesman John Doe") before an organisation's.
    people = [n for n in names if len(n.split()) >= 2]
    return (people or names)[0] if names else None


def label_speaker(sentence: str, initials: dict[str, str] | None = None) -> str | None:
    """Who a transcript or minutes give a sentence to by a label opening it ("AGNES TULLY: I was.", "7.2 PROFESSOR SOLHEIM:
    ...", "The Chair (Ms. Louise Tremblay-Okoro): Order."): the label with its parenthesis, or None when it has none. Initials
    ("PV:") are looked up in `initials` (`defined_initials`); without them, they are returned as written, and "" when
    `initials` does not define them: a label naming nobody a claim could be checked against."""
    match = _LABEL.match(sentence)
    if match is None:
        return None
    label = match.group("label")
    words_of_label = label.split()
    # A one-letter label ("Q:", "A:") or a label of form words ("Note:", "Date:", "Update:") names no speaker.
    if len(label) < 2 or all(w.lower().strip(".") in _FORM_LABELS for w in words_of_label):
        return None
    if _INITIALS.fullmatch(label):
        return label if initials is None else initials.get(label, "")
    # Minutes write labels in capitals ("PROFESSOR SOLHEIM"); a name is looked for as a name is written.
    label = label.title() if label.isupper() else label
    return f"{label} {match.group('aside')}" if match.group("aside") else label


def defined_initials(text: str) -> dict[str, str]:
    """The initials a document defines for people, as minutes do in their list of those present: "Priya Venn, HR director
    (PV)" gives PV → Priya Venn."""
    return {m.group("initials"): m.group("name") for m in _DEFINED_INITIALS.finditer(text)}


_INITIALS = re.compile(r"[A-Z]{2,3}")
_DEFINED_INITIALS = re.compile(r"\b(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3})\b[^()\n]{0,60}?\((?P<initials>[A-Z]{2,3})\)")
# A label of up to six capitalised words (a title's dot allowed, "of" and "the" inside), perhaps after a paragraph number and
# before a parenthesis, then a colon and the words said.
_LABEL = re.compile(
    r"^[\s*_>#-]*(?:\d+(?:\.\d+)*\.?\s+)?(?P<label>[A-Z][\w.'’-]*(?:\s+(?:of|the|for|and|[A-Z][\w.'’-]*)){0,5})\s*"
    r"(?P<aside>\([^()]{1,120}\))?[*_]*:[*_]*\s+\S"
)
# Words that label a form's field or a document's part, not a speaker.
_FORM_LABELS = frozenset(
    """note notes date dated time re subject source sources update updated correction clarification editor's editors q a question
    answer key result results status broadcast guests guest present apologies attendees action summary background tel phone email
    web address location venue ref reference version contact contacts customer care minutes agenda item motion decision
    resolved""".split()
)


def plain_name(name: str) -> str:
    """A name without its possessive ending."""
    return re.sub(r"['’]s?$", "", name)


def _role_owner(first: str, between: str, second: str) -> str | None:
    """Whose role the words between two names give: the second's after "of" ("X, the coach of Y"), the first's after a
    possessive ("Y's coach, X"); None when they say neither."""
    if re.search(r"\b(?:of|for|representing)\s+(?:the\s+)?$", between):
        return second
    if re.search(r"['’]s?$", first) or re.match(r"['’]s?\b", between):
        return first
    return None


def role_swap(claim: Analysis, passage: Analysis) -> tuple[str, str] | None:
    """Two names on either side of the same verb, in the opposite order: "A acquired B" vs "B acquired A" → (claim's words, source's)."""
    # Each text's names as `find_names` gives them, already found when the text was analysed.
    claim_names, passage_names = claim.entities, passage.entities
    for first, second in itertools.pairwise(claim_names):
        c_start, c_end = claim.text.find(first), claim.text.find(second)
        between = [stem(w) for w in words(claim.text[c_start + len(first) : c_end]) if w not in STOP_WORDS]
        if not between or " by " in f" {claim.text[c_start:c_end]} ":
            continue
        # A post or a trade between the names is no verb: "Ivo Brandt is an engineer from Tarrow" is "Tarrow engineer Ivo Brandt".
        # So is one whose noun, a person's, ends the words between: "the Morvenfeld textile manufacturer Emil Asterbeck".
        kept = [w.lower() for w in words(claim.text[c_start + len(first) : c_end]) if w not in STOP_WORDS]
        if any(w in ROLE_NOUNS or w in AGENT_NOUNS or w in PEOPLE_NOUNS for w in (kept[0], kept[-1])) or _PERSON_NOUN_END.search(kept[-1]):
            continue
        a = next((n for n in passage_names if name_present(second, analyse(n))), None)
        b = next((n for n in passage_names if name_present(first, analyse(n))), None)
        if not a or not b or a == b:
            continue
        p_start, p_end = passage.text.find(a), passage.text.find(b)
        if p_start < p_end:
            p_between = [stem(w) for w in words(passage.text[p_start + len(a) : p_end]) if w not in STOP_WORDS]
            # "Ada Lowe, the coach of Harbour United" and "Harbour United's coach, Ada Lowe" give the role the same owner.
            claim_owner = _role_owner(first, claim.text[c_start + len(first) : c_end], second)
            passage_owner = _role_owner(a, passage.text[p_start + len(a) : p_end], b)
            if claim_owner and passage_owner and name_present(plain_name(claim_owner), analyse(plain_name(passage_owner))):
                continue
            if p_between and p_between[0] == between[0] and " by " not in f" {passage.text[p_start:p_end]} ":
                return f"{first} {claim.text[c_start + len(first) : c_end].strip()} {second}", f"{a} {passage.text[p_start + len(a) : p_end].strip()} {b}"
    return None


# The endings of nouns naming people by what they do ("manufacturer", "merchant", "collector", "historian"), which a
# verb between two names in a claim (a third person's "-s" or a past "-ed") does not have.
_PERSON_NOUN_END = re.compile(r"(?:er|or|ist|ant|ent|ian)$")
# The words just before a name, up to a comma after them ("Quillon's chair, Ann Roe"), and the words after a name's
# appositive comma or opening bracket, past an owner ("Ann Roe, Quillon's chief executive", "Ann Roe (Chief Executive)").
_BEFORE_NAME = re.compile(r"((?:[\w'’-]+\s+){0,4}[\w'’-]+)\s*,?\s*$")
_AFTER_NAME = re.compile(
    r"^(?:\s*,|\s*\(|\s+(?:is|was)\s)\s*(?:(?:the|a|an|its|their|his|her|our)\s+)?(?:(?:[\w&.-]+\s+){0,3}?[\w&.-]+['’]s?\s+)?((?:[\w-]+\s+){0,4}[\w-]+)"
)
_ROLE_WORDS = ROLE_NOUNS | ROLE_QUALIFIERS


class Post(NamedTuple):
    """A post a text gives a person: the words naming both as written ("Amazon CEO Ann Roe", "Ann Roe, its chair") and the
    post in one form ("chief executive")."""

    written: str
    form: frozenset[str]


def _post_form(run: list[str]) -> frozenset[str] | None:
    """The post a run of words names, in one form, if it ends in a post's noun; None for a run of other words."""
    if not run or run[-1].lower() not in ROLE_NOUNS:
        return None
    form = [w for word in run for w in ROLE_FORMS.get(word.lower(), word.lower()).split()]
    # "chief executive officer" is the chief executive: "officer" after a chief's field adds nothing.
    if len(form) >= 3 and form[0] == "chief" and form[-1] == "officer":
        form = form[:-1]
    return frozenset(form)


def _chief_before(tokens: list[str], at: int) -> int | None:
    """Where "chief" stands, at most two words of a field before `at` and the "officer" after it ("Chief Information Security")."""
    return next((n for n in range(at, max(at - 3, -1), -1) if tokens[n].lower() == "chief"), None)


def posts_of(text: str, name: str) -> tuple[list[Post], bool]:
    """(the posts a text gives the person `name` where it names them, whether any is dated: "former", "acting", "new")."""
    found: list[Post] = []
    dated = False
    last = name.split()[-1]
    for match in re.finditer(rf"\b(?:{re.escape(name)}|{re.escape(last)})\b", text):
        start = max(0, match.start() - 80)
        before = _BEFORE_NAME.search(text[start : match.start()])
        if before:
            run: list[str] = []
            tokens_before = before.group(1).split()
            at = len(tokens_before) - 1
            while at >= 0:
                token = tokens_before[at]
                if token.lower() not in _ROLE_WORDS:
                    # "chief risk officer": a chief's field between "chief" and "officer" is part of the post.
                    chief = _chief_before(tokens_before, at) if run and run[0].lower() == "officer" else None
                    if chief is None:
                        dated |= token.lower().rstrip("-") in ROLE_TIME_WORDS
                        break
                    run[:0] = tokens_before[chief : at + 1]
                    at = chief - 1
                    continue
                run.insert(0, token)
                at -= 1
            form = _post_form(run)
            if form is not None:
                opening = text.rindex(run[0], start, match.start())
                found.append(Post(text[opening : match.end()], form))
        after = _AFTER_NAME.match(text[match.end() : match.end() + 80])
        if after:
            dated |= not ROLE_TIME_WORDS.isdisjoint(text[match.end() : match.end() + after.start(1)].lower().split())
            tokens = list(re.finditer(r"\S+", after.group(1)))
            count = next((n for n, token in enumerate(tokens) if token.group().lower() not in _ROLE_WORDS), len(tokens))
            if 0 < count < len(tokens) and tokens[count - 1].group().lower() == "chief":
                count = next((n + 1 for n in range(count, min(count + 3, len(tokens))) if tokens[n].group().lower() == "officer"), count)
            # A post's own modifier before its noun ("branch secretary", "regional organiser") is part of the post.
            if count == 0:
                count = next((n + 1 for n, token in enumerate(tokens[:3]) if token.group().lower() in ROLE_NOUNS), 0)
            form = _post_form([token.group() for token in tokens[:count]])
            if form is not None:
                end = match.end() + after.start(1) + tokens[count - 1].end()
                # "Priya Danvers (Chief Risk Officer)": a post in brackets is quoted with its closing bracket.
                end += text.startswith(")", end) and "(" in text[match.end() : end]
                found.append(Post(text[match.start() : end], form))
    return found, dated


def _claimed_posts(claim: Analysis) -> Iterator[tuple[str, list[Post]]]:
    """(name, posts) for each person the claim names in full with posts it does not date ("former chair")."""
    for name in claim.entities:
        if len(name.split()) < 2 or name.split()[-1].lower() in CORPORATE_DESIGNATORS:
            continue
        claimed, dated = posts_of(claim.text, name)
        if claimed and not dated:
            yield name, claimed


def post_of_another(claim: Analysis, passage: Analysis) -> tuple[str, str] | None:
    """(claim's post and name, source's) when the passage gives the post the claim gives a person to someone else, and that
    person no such post ("Priya Danvers (Chief Risk Officer)" against "chief risk officer Joel Whitcombe")."""
    for name, claimed in _claimed_posts(claim):
        given, _ = posts_of(passage.text, name)
        if any(c.form <= g.form or g.form <= c.form for c in claimed for g in given):
            continue
        for other in passage.entities:
            if len(other.split()) < 2 or name_present(name, analyse(other)) or name_present(other, analyse(name)):
                continue
            theirs, other_dated = posts_of(passage.text, other)
            held = next((t for t in theirs for c in claimed if t.form == c.form), None)
            if held is not None and not other_dated:
                return claimed[0].written, held.written
    return None


def other_post(claim: Analysis, passage: Analysis) -> tuple[str, str] | None:
    """(claim's post and name, source's) when the passage gives a person the claim names another post ("Amazon CEO Werner
    Vogels" against "Chief Technology Officer Werner Vogels"); None when it gives the same post, a wider or narrower one
    ("director" and "managing director"), or dates either ("former chair")."""
    for name, claimed in _claimed_posts(claim):
        given, passage_dated = posts_of(passage.text, name)
        if not given or passage_dated:
            continue
        # A person holds more than one post ("chair and chief executive"): any post of the passage's that fits will do.
        if any(c.form <= g.form or g.form <= c.form for c in claimed for g in given):
            continue
        # The claimed post said elsewhere in the passage may be the person's too, unless it is another person's there ("Carys
        # Maddox, regional organiser" above "Tom Ferriby, branch secretary").
        others = {
            form for other in passage.entities if other != name and len(other.split()) >= 2 for form in (p.form for p in posts_of(passage.text, other)[0])
        }
        if any(all(stem(w) in passage.content for w in c.form) and c.form not in others for c in claimed):
            continue
        return claimed[0].written, given[0].written
    return None
