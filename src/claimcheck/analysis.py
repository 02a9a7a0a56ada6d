"""One text, analysed once for stance: tokens, stems, names, figures, dates, negations, speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .figures import NUMBER_WORDS, DateMention, Quantity, dates, quantities
from .lexicon import CHOOSING_VERBS, HEDGES, NEGATING_VERBS, NEGATION_CUES, NEGATION_SKIP, STOP_WORDS, TITLES
from .text import normalise, stem, words

# A capitalised run of words: a word ending in a plural's apostrophe goes on into the next ("Brenn Valley Anglers' Club").
_NAME_WORD = r"[A-Z][\w&'’.\-]*(?:[A-Za-z0-9]|(?<=s)['’](?=\s+[A-Z]))"
_ENTITY = re.compile(rf"\b(?:{_NAME_WORD}|[A-Z])(?:\s+(?:of|and|for|de|the|&)?\s*{_NAME_WORD})*")
CALENDAR_NAMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_CAPITALISED_STOPS = (
    # "New" opens names ("New York Times", "New Zealand"); a stop word elsewhere, it is kept in a capitalised run.
    frozenset(w.capitalize() for w in STOP_WORDS | TITLES if w != "new")
    | CALENDAR_NAMES
    | {"I", "A", "On", "In", "The", "Last", "Next", "This", "That", "Yet", "Meanwhile", "Unlike", "Dr.", "Mr.", "Mrs.", "Ms.", "Sen.", "Gov.", "Rep."}
)
_SENTENCE_STOP = re.compile(r"(?<=[a-z])\.$")
_QUOTATION = re.compile(r"[\"“][^\"“”]*(?:[\"”]|$)")
_RATE_WORDS = frozenset("day daily week weekly month monthly year yearly annual annually quarter quarterly hour hourly".split())
_SPEAKER = re.compile(
    r"[Aa]ccording to (?P<a>(?:the |an? )?[\w’'.\- ]{2,60}?)(?=[,.;]|$)|(?P<b>[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){0,3})(?:, [^,\"“”]{2,60},)? (?:said|says|told|wrote|stated|added|explained)|[,\"]\s*(?:said|says) (?P<c>[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){0,3})"
)


@dataclass(frozen=True)
class Analysis:
    """What stance needs to know about one text, computed once and reused across pairs.

    Figures, dates, negations and speaker are worked out on first use: judging reads only the words and names of some
    texts (a passage read with its lead-in and title, for one), and figures are the costliest part of an analysis.
    """

    text: str  # normalised
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    content: frozenset[str]
    entities: tuple[str, ...]
    uncertain: frozenset[str]  # sentence-opening words that may or may not be names
    entity_stems: frozenset[str]
    acronyms: frozenset[str]
    hedged: bool

    @cached_property
    def figures(self) -> tuple[Quantity, ...]:
        """The figures in the text (`figures.quantities`)."""
        return tuple(quantities(self.text))

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        """The years, months, weekdays and decades in the text."""
        return tuple(dates(self.text))

    @cached_property
    def negated(self) -> dict[str, str]:
        """Stem → the negated phrase, e.g. "flight" → "no direct flights"."""
        # Without an answering "No." or code the text's words are its tokens: no need to split it again. Code is a literal,
        # never a negation: "`None` disables the timeout", "headers=None".
        text = _CODE.sub(" ", _ANSWER_NO.sub("", self.text)) if _ANSWER_NO.search(self.text) or _CODE.search(self.text) else self.text
        # A negation governs words of its own sentence only: "... than after nights without. Lapses fell by 15%." And of
        # its own table cell: "| Honest error | No |" says no in another column.
        sentences = [cell for sentence in _SENTENCE_END.split(text) for cell in sentence.split("|")] if "|" in text else _SENTENCE_END.split(text)
        if len(sentences) == 1:
            return _negated_heads(self.tokens if text is self.text else tuple(words(text)))
        heads: dict[str, str] = {}
        for sentence in sentences:
            for head, phrase in _negated_heads(tuple(words(sentence))).items():
                heads.setdefault(head, phrase)
        return heads

    @cached_property
    def dotless(self) -> frozenset[str]:
        """The tokens without their dots ("U.S." → "us"): what a one-word name is looked up in."""
        return frozenset(t.replace(".", "") for t in self.tokens)

    @cached_property
    def initialisms(self) -> frozenset[str]:
        """The initialisms the text writes, lower-cased without their dots ("U.S." → "us", "NHS" → "nhs"): what a name's
        initials are looked up in. Not the same letters written as a word: "of" is not Owen Felton, nor "us" the U.S."""
        return frozenset(found.replace(".", "").lower() for found in INITIALISM.findall(self.text))

    @cached_property
    def speaker(self) -> str | None:
        """Who the text says is speaking ("according to ...", "... said"), if anyone."""
        # Not one a quotation reports ("Felton said: \"The people of Wrenbury said no.\"" is Felton speaking).
        quoted = [m.span() for m in _QUOTATION.finditer(self.text)]
        for m in _SPEAKER.finditer(self.text):
            group = next(name for name, said in m.groupdict().items() if said)
            if not any(start < m.start(group) < end for start, end in quoted):
                return _SENTENCE_STOP.sub("", m.group(group).strip())  # "said Mary Jones." ends a sentence
        return None


def find_names(text: str, *, sentence_initial: bool = True) -> list[str]:
    """Capitalised names, without leading titles and function words.

    With `sentence_initial=False`, a lone capitalised word opening a sentence is left out: it may be an
    ordinary word ("Physicians treated...").
    """
    return _names(_capitalised(text), sentence_initial)


def _capitalised(text: str) -> list[tuple[str, bool]]:
    """Each capitalised run `_ENTITY` finds, stripped, and whether it opens a sentence: what `find_names` and `_uncertain_names` read."""
    return [(match.group(0).strip(" .’'"), _opens_sentence(text, match.start())) for match in _ENTITY.finditer(text)]


def _names(runs: list[tuple[str, bool]], sentence_initial: bool) -> list[str]:
    """`find_names` over a text's capitalised runs."""
    names = []
    for name, opens in runs:
        parts = name.split()
        # A number word opening a sentence ("Three Hawks players") is a count; inside one it may be
        # part of a name ("Seven Hills Capital").
        while parts and (
            parts[0] in _CAPITALISED_STOPS
            or parts[0].rstrip(".").lower() in TITLES
            or parts[0].lower() in _CONNECTORS
            or (opens and parts[0].lower() in NUMBER_WORDS)
        ):
            parts = parts[1:]
        while parts and (parts[-1] in _CAPITALISED_STOPS or parts[-1].lower() in _CONNECTORS):
            parts = parts[:-1]
        if not parts:
            continue
        if not sentence_initial and len(parts) == 1 and parts[0] == name and not parts[0].isupper() and opens:
            continue
        # "State Sen. Ann Roe", "Acme Chief Financial Officer John Doe": a title before a
        # person's full name separates the person from the organisation or place before it.
        titled = [n for n, part in enumerate(parts[:-2]) if part.rstrip(".").lower() in TITLES]
        if titled:
            first_title, last_title = titled[0], titled[-1]
            before = [p for p in parts[:first_title] if p not in _CAPITALISED_STOPS and p.lower() not in _CONNECTORS]
            if before:
                names.append(" ".join(before))
            parts = parts[last_title + 1 :]
        names.append(" ".join(parts))
    return names


_CONNECTORS = frozenset(("of", "and", "for", "de", "the", "&"))


# A table's cell opens afresh too: "| Average annual tax rate |" is no name.
_SENTENCE_OPENERS = frozenset('.!?:;"“([|')


def _opens_sentence(text: str, position: int) -> bool:
    """Whether `text[:position]` is empty (or a line break), or ends in a sentence mark and white space.

    What the regex `(?:^|[.!?:;"“([]\\s*)$` searched in `text[:position]` says, without scanning all of it.
    """
    at = position
    while at > 0 and text[at - 1].isspace():
        at -= 1
    if at == 0:
        return position == 0 or (position == 1 and text[0] == "\n")
    return text[at - 1] in _SENTENCE_OPENERS


def _uncertain_names(text: str, runs: list[tuple[str, bool]] | None = None) -> frozenset[str]:
    """Single capitalised words that open a sentence: names only if the corpus shows them as names."""
    found = set()
    for name, opens in _capitalised(text) if runs is None else runs:
        if " " not in name and not name.isupper() and opens:
            found.add(name)
    return frozenset(found)


def _acronyms(entities: list[str]) -> set[str]:
    """Initialisms of multi-word names ("Immigration and Customs Enforcement" → "ice")."""
    result: set[str] = set()
    for name in entities:
        result.update(_name_acronyms(name))
    return result


_NAME_BREAK = re.compile(r"[\s\-]+")
# Initials as a text writes them: dotted ("U.S.", "e.g.") or in capitals ("NHS", "AT&T").
INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b[A-Z][A-Z0-9&]*\b")


@lru_cache(maxsize=16384)
def _name_acronyms(name: str) -> tuple[str, ...]:
    """`_acronyms` of one name (bounded cache: a corpus repeats its names in passage after passage)."""
    parts = [p for p in _NAME_BREAK.split(name) if p and p.lower() not in ("of", "and", "for", "the", "&", "de")]
    if len(parts) < 2:
        return ()
    whole = "".join(p[0] for p in parts).lower()
    found: tuple[str, ...] = (whole, "".join(p[0] for p in parts[:-1]).lower()) if len(parts) >= 3 else (whole,)
    # A name with an initialism inside gives it whole: "Veldmark FA" → "vfa", as "Veldmark Football Association" does.
    if any(len(p) > 1 and p.isupper() and p.isalpha() for p in parts):
        found += ("".join(p if p.isupper() and p.isalpha() else p[0] for p in parts).lower(),)
    return found


@lru_cache(maxsize=16384)
def _name_stems(name: str) -> tuple[str, ...]:
    """Stems of a name's words that are not function words (bounded cache, as for `_name_acronyms`)."""
    return tuple(stem(w.lower()) for w in words(name) if w not in STOP_WORDS)


# Tokens are lower case, so a calendar name's token is its lower-cased form ("january").
_NOT_CONTENT = STOP_WORDS | NUMBER_WORDS | _RATE_WORDS | {name.lower() for name in CALENDAR_NAMES}


def _negated_heads(tokens: tuple[str, ...]) -> dict[str, str]:
    """The content-word stems a negation cue governs, each with its negated phrase."""
    heads: dict[str, str] = {}
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        is_cue = token in NEGATION_CUES or token.endswith("n't") or (token in NEGATING_VERBS and following == "to")
        # "decided (on 6 May) against referring it": the choice is not to do what follows.
        is_cue = is_cue or (token == "against" and following.endswith("ing") and not CHOOSING_VERBS.isdisjoint(tokens[max(0, position - 5) : position]))
        # "have yet to be found": it has not been found.
        is_cue = is_cue or (token == "yet" and following == "to" and position > 0 and tokens[position - 1] in _AUXILIARIES)
        # "stopped short of finding": what follows was not done.
        is_cue = is_cue or (token == "short" and following == "of" and position > 0 and tokens[position - 1] in _STOPPING)
        # "moderate rather than substantial", "fined instead of jailed": what follows is set aside for what went before.
        is_cue = is_cue or (token, following) in _SETTING_ASIDE
        # "not only", "not just": what follows is asserted, not denied.
        if not is_cue or following in _NOT_DENYING:
            continue
        # "Without the one-off costs, the margin would have been 14%": a condition imagined away, not a denial.
        if token == "without" and not _CONDITIONAL.isdisjoint(tokens[position + 1 :]):
            continue
        # "no more than 150 can be occupied", "not later than May": a bound on a figure or date, not a denial.
        if following in _BOUND_WORDS and tokens[position + 2 : position + 3] == ("than",):
            continue
        # "was not opened until March 2025": it was opened, then; "not ... until" dates an event, it does not deny it.
        if (token == "not" or token.endswith("n't")) and not _UNTIL.isdisjoint(tokens[position + 1 : position + 5]):
            continue
        governed: list[str] = []
        last = position
        for offset, follower in enumerate(tokens[position + 1 : position + 6], start=position + 1):
            if follower in NEGATION_SKIP:
                continue
            if follower in STOP_WORDS or follower in NEGATION_CUES:
                if governed:
                    break
                continue
            governed.append(stem(follower))
            last = offset
            if len(governed) == 2:
                break
        first = position - 1 if position and tokens[position - 1] in _AUXILIARIES else position
        phrase = " ".join(tokens[first : last + 1])
        for head in governed:
            heads.setdefault(head, phrase)
    return heads


_NOT_DENYING = frozenset("only just merely simply".split())
_BOUND_WORDS = frozenset("more less fewer greater higher lower later earlier sooner longer".split())
_UNTIL = frozenset({"until", "till"})
_STOPPING = frozenset("stop stops stopped stopping".split())
_SETTING_ASIDE = frozenset({("rather", "than"), ("instead", "of")})
# Where a sentence ends: a full stop, question or exclamation mark before white space (not "2.0", not "e.g.x").
_SENTENCE_END = re.compile(r"(?<=[.!?])[`'\"”’)*_]*\s+")
_CONDITIONAL = frozenset("would could might".split())
# Inline code and a keyword argument set to None: literals, never negations.
_CODE = re.compile(r"`[^`\n]+`|\w+=None\b")
# A bare "No." or "No," answers a question; it does not negate the words of the next sentence. Nor does a table's "No"
# with its reason in brackets ("No (honest error)") negate the reason.
_ANSWER_NO = re.compile(r"\bno(?=[.,;:!?](?:\s|$))|(?:^|(?<=\|))\s*(?-i:No)(?=\s*\()", re.IGNORECASE | re.MULTILINE)
_AUXILIARIES = frozenset("do does did will would is are was were has have had can could should shall may might must".split())


@lru_cache(maxsize=50000)
def analyse(raw: str) -> Analysis:
    """Tokens, stems, names, figures, dates, negations and speaker of a text."""
    text = normalise(raw)
    tokens = tuple(words(text))
    stems = tuple(map(stem, tokens))
    # Figures and calendar words are compared by their own detectors, not as plain words.
    # Each distinct token is looked at once (a token's stem is always the same), function words set aside in one step.
    stem_of = dict(zip(tokens, stems))
    content = frozenset(stem_of[t] for t in stem_of.keys() - _NOT_CONTENT if len(t) > 1 and not t[0].isdigit())
    runs = _capitalised(text)
    entities = _names(runs, True)
    uncertain = _uncertain_names(text, runs)
    entity_stems = frozenset(s for name in entities for s in _name_stems(name))
    acronyms = _acronyms(entities) | {t.replace(".", "") for t in tokens if "." in t}
    return Analysis(text, tokens, stems, content, tuple(entities), uncertain, entity_stems, frozenset(acronyms), not HEDGES.isdisjoint(tokens))
