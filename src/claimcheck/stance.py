"""Stance of one passage toward one claim: supports, contradicts (with a checkable reason) or related."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .calibration import DEFAULT, Thresholds
from .figures import NUMBER_WORDS, DateMention, Quantity, dates, quantities
from .lexicon import ANTONYM_PAIRS, HEDGES, NEGATING_VERBS, NEGATION_CUES, NEGATION_SKIP, PARAPHRASES, QUALIFIERS, STOP_WORDS, TITLES
from .models import Stance
from .nli import Entailment
from .text import normalise, stem, words

_ENTITY = re.compile(r"\b(?:[A-Z][\w&'’.\-]*[A-Za-z0-9]|[A-Z])(?:\s+(?:of|and|for|de|the|&)?\s*[A-Z][\w&'’.\-]*[A-Za-z0-9])*")
_CALENDAR_NAMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_CAPITALISED_STOPS = (
    frozenset(w.capitalize() for w in STOP_WORDS | NUMBER_WORDS | TITLES)
    | _CALENDAR_NAMES
    | {"I", "A", "On", "In", "The", "Last", "Next", "This", "That", "Yet", "Meanwhile", "Unlike", "Dr.", "Mr.", "Mrs.", "Ms.", "Sen.", "Gov.", "Rep."}
)
_RATE_WORDS = frozenset("day daily week weekly month monthly year yearly annual annually quarter quarterly hour hourly".split())
_SPEAKER = re.compile(
    r"according to (?P<a>(?:the |an? )?[\w’'.\- ]{2,60}?)(?=[,.;]|$)|(?P<b>[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){0,3}) (?:said|says|told|wrote|stated|added|explained)|[,\"]\s*(?:said|says) (?P<c>[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){0,3})"
)


@lru_cache(maxsize=1)
def _paraphrase_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for group in PARAPHRASES:
        stems = {stem(w) for w in group}
        for s in stems:
            groups.setdefault(s, set()).update(stems)
    return {k: frozenset(v) for k, v in groups.items()}


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for a, b in ANTONYM_PAIRS:
        table.setdefault(stem(a), set()).add(stem(b))
        table.setdefault(stem(b), set()).add(stem(a))
    return {k: frozenset(v) for k, v in table.items()}


@dataclass(frozen=True)
class Analysis:
    """What stance needs to know about one text, computed once and reused across pairs."""

    text: str
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    content: frozenset[str]
    entities: tuple[str, ...]
    uncertain: frozenset[str]  # sentence-opening words that may or may not be names
    entity_stems: frozenset[str]
    acronyms: frozenset[str]
    figures: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    negated: dict[str, str]  # stem → the negated phrase, e.g. "contract" → "no direct contracts"
    negation_cues: int
    speaker: str | None
    hedged: bool


def _entities(text: str, *, sentence_initial: bool = True) -> list[str]:
    """Capitalised names, without leading titles and function words.

    With `sentence_initial=False`, a lone capitalised word opening a sentence is left out: it may be an
    ordinary word ("Physicians treated...").
    """
    names = []
    for match in _ENTITY.finditer(text):
        name = match.group(0).strip(" .’'")
        parts = name.split()
        while parts and (parts[0] in _CAPITALISED_STOPS or parts[0].rstrip(".").lower() in TITLES or parts[0].lower() in _CONNECTORS):
            parts = parts[1:]
        while parts and (parts[-1] in _CAPITALISED_STOPS or parts[-1].lower() in _CONNECTORS):
            parts = parts[:-1]
        if not parts:
            continue
        if not sentence_initial and len(parts) == 1 and parts[0] == name and not parts[0].isupper() and _opens_sentence(text, match.start()):
            continue
        names.append(" ".join(parts))
    return names


_CONNECTORS = frozenset(("of", "and", "for", "de", "the", "&"))


def _opens_sentence(text: str, position: int) -> bool:
    return re.search(r"(?:^|[.!?:;\"“(\[]\s*)$", text[:position]) is not None


def _uncertain_names(text: str) -> frozenset[str]:
    """Single capitalised words that open a sentence: names only if the corpus shows them as names."""
    found = set()
    for match in _ENTITY.finditer(text):
        name = match.group(0).strip(" .’'")
        if " " not in name and not name.isupper() and _opens_sentence(text, match.start()):
            found.add(name)
    return frozenset(found)


def _acronyms(entities: list[str]) -> set[str]:
    """Initialisms of multi-word names ("Immigration and Customs Enforcement" → "ice")."""
    result = set()
    for name in entities:
        parts = [p for p in re.split(r"[\s\-]+", name) if p and p.lower() not in ("of", "and", "for", "the", "&", "de")]
        if len(parts) >= 2:
            result.add("".join(p[0] for p in parts).lower())
            if len(parts) >= 3:
                result.add("".join(p[0] for p in parts[:-1]).lower())
    return result


def _negated_heads(tokens: tuple[str, ...]) -> tuple[dict[str, str], int]:
    """The content-word stems a negation cue governs (each with its negated phrase), and how many cues there are."""
    heads: dict[str, str] = {}
    cues = 0
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        is_cue = token in NEGATION_CUES or token.endswith("n't") or (token in NEGATING_VERBS and following == "to")
        if not is_cue:
            continue
        cues += 1
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
    return heads, cues


_AUXILIARIES = frozenset("do does did will would is are was were has have had can could should shall may might must".split())


@lru_cache(maxsize=50000)
def analyse(raw: str) -> Analysis:
    """Tokens, stems, names, figures, dates, negations and speaker of a text."""
    text = normalise(raw)
    tokens = tuple(words(text))
    stems = tuple(stem(t) for t in tokens)
    # Figures and calendar words are compared by their own detectors, not as plain words.
    content = frozenset(
        s
        for t, s in zip(tokens, stems)
        if t not in STOP_WORDS and t not in NUMBER_WORDS and t not in _RATE_WORDS and not t[0].isdigit() and len(t) > 1 and t.capitalize() not in _CALENDAR_NAMES
    )
    entities = _entities(text)
    uncertain = _uncertain_names(text)
    entity_stems = frozenset(stem(w.lower()) for name in entities for w in words(name) if w not in STOP_WORDS)
    negated, cues = _negated_heads(tokens)
    speaker = None
    if (m := _SPEAKER.search(text)) is not None:
        speaker = next(g for g in m.groups() if g).strip()
    acronyms = _acronyms(entities) | {t.replace(".", "") for t in tokens if "." in t}
    return Analysis(
        text, tokens, stems, content, tuple(entities), uncertain, entity_stems, frozenset(acronyms),
        tuple(quantities(text)), tuple(dates(text)), negated, cues, speaker, any(t in HEDGES for t in tokens),
    )


def _matches(word_stem: str, other: Analysis, opposites: bool = False) -> bool:
    """Whether a claim stem is present in the other text: directly, as an acronym, as a paraphrase,
    or (with `opposites`) as its antonym, which speaks about the same thing."""
    if word_stem in other.content or word_stem in other.acronyms:
        return True
    group = _paraphrase_groups().get(word_stem)
    if group and group & other.content:
        return True
    return opposites and bool(_antonyms().get(word_stem, frozenset()) & other.content)


def _name_present(name: str, passage: Analysis) -> bool:
    """A name is present whole, by its initials, or by its last word written as a name ("Alvarez")."""
    name_words = [w for w in words(name) if w not in STOP_WORDS]
    if not name_words:
        return True
    dotless = {t.replace(".", "") for t in passage.tokens}
    if len(name_words) == 1:
        word = name_words[0].replace(".", "")
        return stem(name_words[0]) in passage.content or word in passage.acronyms or word in dotless
    initials = "".join(w[0] for w in name_words)
    if initials in dotless or initials in passage.acronyms:
        return True
    if all(stem(w) in passage.content for w in name_words):
        return True
    last = re.sub(r"['’]s?$", "", name.split()[-1])
    return re.search(rf"\b{re.escape(last)}\b", passage.text) is not None


def _missing_entities(
    claim: Analysis, passage: Analysis, context: Analysis | None, known_names: frozenset[str] | None, *, lenient: bool = False
) -> list[str]:
    """Claim names neither the passage nor its lead-in sentences mention (`lenient`: any lead-in name counts)."""
    foreign = [
        n for n in passage.entities
        if (n not in passage.uncertain or (known_names is not None and n.lower() in known_names)) and not _name_present(n, claim)
    ]
    refers_back = bool(_REFERRING & set(passage.tokens))
    missing = []
    for name in claim.entities:
        if name in claim.uncertain and (known_names is None or name.lower() not in known_names):
            continue
        if _name_present(name, passage):
            continue
        # The lead-in names who "he" or "the project" is: used when the passage refers back (a personal
        # pronoun, or "the <word of the name>"), or names nobody the claim does not.
        definite = any(re.search(rf"\b(?:the|this|that)\s+{re.escape(w)}s?\b", passage.text, re.IGNORECASE) for w in words(name) if w not in STOP_WORDS)
        if context is not None and (lenient or not foreign or refers_back or definite) and _name_present(name, context):
            continue
        missing.append(name)
    return missing


_REFERRING = frozenset("he she they him her them his hers their theirs".split())


def known_names(texts: list[str]) -> frozenset[str]:
    """Lower-cased words a corpus writes capitalised mid-sentence: what it treats as names."""
    found: set[str] = set()
    for text in texts:
        for name in _entities(normalise(text), sentence_initial=False):
            found.update(re.sub(r"'s?$", "", w) for w in words(name) if w not in STOP_WORDS)
    return frozenset(found)


@dataclass(frozen=True)
class Judgement:
    """A passage's stance toward a claim, with the reason and the signals behind it."""

    stance: Stance
    explanation: str
    signals: dict[str, float] = field(default_factory=dict)


def coverage(
    claim: Analysis,
    passage: Analysis,
    idf: dict[str, float] | None = None,
    default_idf: float = DEFAULT.default_idf,
    missing: list[str] | None = None,
    *,
    names_count: bool = True,
    opposites: bool = False,
    ignore: list[str] | None = None,
) -> float:
    """IDF-weighted share of the claim's content words the passage also has (names it or its lead-in mentions count).

    With `names_count=False` only the words outside names count: how much of what the claim says
    *about* its names the passage says too.
    """
    content = claim.content if names_count else claim.content - claim.entity_stems
    if ignore:
        content = content - {stem(w) for name in ignore for w in words(name)}
    if not content:
        return 1.0 if not names_count and claim.content else 0.0
    weight = (lambda s: idf.get(s, default_idf)) if idf else (lambda s: 1.0)
    if missing is None:
        named = {stem(w) for name in claim.entities if _name_present(name, passage) for w in words(name)}
    else:
        named = {stem(w) for name in claim.entities if name not in missing for w in words(name)}
    total = sum(weight(s) for s in content)
    found = sum(weight(s) for s in content if s in named or _matches(s, passage, opposites))
    return found / total if total else 0.0



def _describe(q: Quantity) -> str:
    """A figure as written, with its rate when the rate was written elsewhere in the sentence."""
    if not q.rate_text:
        return q.text
    return f"{q.text} {q.rate_text}" if q.rate_text.split()[-1] not in ("annual", "yearly", "monthly", "weekly", "daily") else f"{q.text} ({q.rate_text})"


def _same_noun(a: Quantity, b: Quantity) -> bool:
    return bool(a.noun and b.noun and stem(a.noun) == stem(b.noun))


def _figure_conflict(claim: Analysis, passage: Analysis) -> tuple[str | None, bool]:
    """A claim figure that no compatible passage figure allows → (explanation, every claim figure matched)."""
    all_matched = True
    for figure in claim.figures:
        same_kind = [q for q in passage.figures if q.kind == figure.kind]
        # A figure counting something else ("320 beds" for "320 staff") does not match when the passage counts that too.
        counted = [q for q in same_kind if _same_noun(q, figure)]
        pool = counted or [q for q in same_kind if not (figure.noun and q.noun)] or same_kind
        compatible = [q for q in pool if q.overlaps(figure)]
        if compatible:
            # "$600,000" does not establish "$600,000 a month".
            if figure.rate and not any(q.rate for q in compatible):
                all_matched = False
            continue
        all_matched = False
        if figure.kind == "duration":
            continue  # "the past 30 years" against "the past 50 years" often frames different facts
        same_value_other_rate = [q for q in same_kind if q.rate and figure.rate and q.rate != figure.rate and q.low <= figure.high and figure.low <= q.high]
        if same_value_other_rate:
            return f"source: {_describe(same_value_other_rate[0])}; claim: {_describe(figure)}", False
        counterparts = counted
        # With no counted noun to pair them by, a lone figure of the same kind is the counterpart; for plain
        # counts only when neither side names what it counts.
        if not counterparts and len(same_kind) == 1 and (figure.kind != "count" or (not same_kind[0].noun and not figure.noun)):
            counterparts = same_kind
        if counterparts:
            nearest = min(counterparts, key=lambda q: abs(math.log10(max(q.low, 1e-9) + 1) - math.log10(max(figure.low, 1e-9) + 1)))
            return f"source: {_describe(nearest)}; claim: {_describe(figure)}", False
    return None, all_matched


def _bound_entity(analysis: Analysis, figure: Quantity, window: int) -> str | None:
    """The name written right before a figure ("Microsoft's 150", "Acme has 204") within `window` characters."""
    before = analysis.text[max(0, figure.start - window) : figure.start]
    # Stop at the previous figure or a contrast ("204, compared to Microsoft's 150"): what precedes it is another's.
    before = re.split(r"\d[\d,.]*|\b(?:compared|while|whereas|versus|vs)\b", before)[-1]
    names = _entities(before, sentence_initial=True)
    return names[-1] if names else None


def _plain(name: str) -> str:
    """A name without its possessive ending."""
    return re.sub(r"['’]s?$", "", name)


def _attribution_conflict(claim: Analysis, passage: Analysis) -> str | None:
    """A figure the claim gives to one name that the passage gives to another."""
    for figure in claim.figures:
        owner = _bound_entity(claim, figure, 40)
        if not owner:
            continue
        owner_stems = {stem(w) for w in words(owner)}
        for q in passage.figures:
            if q.kind != figure.kind:
                continue
            source_owner = _bound_entity(passage, q, 25)
            if not source_owner:
                continue
            source_stems = {stem(w) for w in words(source_owner)}
            same_amount = q.low <= figure.high and figure.low <= q.high
            # The same amount at another rate is the figure detector's to explain ("a month" vs "a year").
            if source_stems & owner_stems and not q.overlaps(figure) and not same_amount:
                # The passage gives this name another figure, and the claim's figure is not also given to it.
                if not any(p.overlaps(figure) and (o := _bound_entity(passage, p, 25)) and {stem(w) for w in words(o)} & owner_stems for p in passage.figures):
                    return f"source gives {_plain(source_owner)} {q.text}; claim gives {_plain(owner)} {figure.text}"
    return None


def _date_anchor(analysis: Analysis, mention: DateMention) -> str | None:
    """The content word a date hangs on ("reopened in 2021" → "reopen"), if close before it."""
    before = words(analysis.text[max(0, mention.start - 40) : mention.start])[-3:]
    for token in reversed(before):
        if token not in STOP_WORDS and token not in NUMBER_WORDS and token.capitalize() not in _CALENDAR_NAMES:
            return stem(token)
    return None


def _date_key(mention: DateMention) -> object:
    return (mention.value, mention.day) if mention.kind == "month" and mention.day else mention.value


def _date_conflict(claim: Analysis, passage: Analysis) -> tuple[str | None, bool]:
    """A claim year, month, day or weekday the passage gives otherwise → (explanation, every claim date matched)."""
    all_matched = True
    for kind in ("year", "decade", "month", "weekday"):
        wanted = [d for d in claim.dates if d.kind == kind]
        offered = [d for d in passage.dates if d.kind == kind]
        if kind == "decade":
            # A year inside the decade ("1994" for "the 1990s") gives it.
            offered += [DateMention("decade", int(d.value) // 10 * 10, d.text, d.start) for d in passage.dates if d.kind == "year"]
        if not wanted:
            continue
        if not offered:
            all_matched = False
            continue
        for date in wanted:
            same = [d for d in offered if d.value == date.value]
            # "July 11" vs "July 12": the month agrees, the day does not.
            if same and date.day and all(d.day and d.day != date.day for d in same):
                return f"source: {same[0].text}; claim: {date.text}", False
            anchor = _date_anchor(claim, date)
            anchored = [d for d in offered if anchor and _date_anchor(passage, d) == anchor]
            # The claim's date is in the passage, but hung on another event: "closed in 2019, reopened in 2021".
            if same and anchored and not any(_date_key(d) == _date_key(date) or d.value == date.value for d in anchored):
                return f"source: {anchored[0].text}; claim: {date.text}", False
            # Another date is a conflict when it hangs on the same word, or is the passage's only date
            # (one date, or one range such as "between July 1 and September 30").
            one_phrase = max(d.start for d in offered) - min(d.start for d in offered) < 40
            if not same and (anchored or one_phrase):
                return f"source: {', '.join(dict.fromkeys(d.text for d in (anchored or offered)))}; claim: {date.text}", False
            if not same:
                all_matched = False
    return None, all_matched


def _negated_near(analysis: Analysis, index: int) -> bool:
    """Whether a negation cue governs the token at `index` (within the eight tokens before it)."""
    window = analysis.tokens[max(0, index - 8) : index]
    return any(t in NEGATION_CUES or t.endswith("n't") or t in NEGATING_VERBS for t in window)


@lru_cache(maxsize=1)
def _qualifier_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in QUALIFIERS)


def _negated_qualifier(claim: Analysis, passage: Analysis) -> str | None:
    """The passage negates a qualifier the claim asserts, next to a name the claim also uses."""
    for head, phrase in passage.negated.items():
        if head not in _qualifier_stems() or head not in claim.stems or passage.stems.count(head) > 1:
            continue
        at_claim, at_passage = claim.stems.index(head), passage.stems.index(head)
        shared = _context_stems(claim, at_claim, 4) & _context_stems(passage, at_passage, 4)
        if shared & claim.entity_stems and not _negated_near(claim, at_claim):
            return f"source says '{phrase}'; claim says '{claim.tokens[at_claim]}'"
    return None


def _position(analysis: Analysis, word_stem: str) -> int:
    """Where a stem, or failing that a paraphrase of it ("answered" for "respond"), stands; -1 if nowhere."""
    if word_stem in analysis.stems:
        return analysis.stems.index(word_stem)
    for alternative in sorted(_paraphrase_groups().get(word_stem, frozenset())):
        if alternative in analysis.stems:
            return analysis.stems.index(alternative)
    return -1


def _polarity_conflict(claim: Analysis, passage: Analysis) -> str | None:
    """One side negates an assertion the other makes plainly ("no direct contracts" vs "a direct contract")."""
    for negating, plain, who in ((passage, claim, "source"), (claim, passage, "claim")):
        phrases: dict[str, list[str]] = {}
        for head, phrase in negating.negated.items():
            phrases.setdefault(phrase, []).append(head)
        for phrase, heads in phrases.items():
            # Every word the negation governs must be asserted plainly on the other side, and only once negated here.
            heads = [h for h in heads if h not in plain.entity_stems and h not in negating.entity_stems]
            if not heads or any(negating.stems.count(h) > 1 for h in heads):
                continue
            positions = [_position(plain, h) for h in heads]
            # The word right after the negation must be asserted plainly on the other side ("no direct
            # contracts" vs "buys directly"); a second governed word, where the other side has it, too.
            if positions[0] < 0 or any(i >= 0 and _negated_near(plain, i) for i in positions):
                continue
            if not _same_subject(negating, negating.stems.index(heads[0]), plain, positions[0]):
                continue
            word = plain.tokens[positions[0]]
            other = "claim" if who == "source" else "source"
            return f"{who} says '{phrase}'; {other} says '{word}'"
    return None


def _context_stems(analysis: Analysis, index: int, reach: int = 3) -> set[str]:
    """Content stems within `reach` tokens of a token: what the word is said about."""
    around = list(range(max(0, index - reach), index)) + list(range(index + 1, min(len(analysis.tokens), index + reach + 1)))
    return {analysis.stems[i] for i in around if analysis.tokens[i] not in STOP_WORDS and not analysis.tokens[i][0].isdigit()}


def _same_subject(a: Analysis, a_index: int, b: Analysis, b_index: int) -> bool:
    """Whether two words stand among the same words (so they speak of the same thing)."""
    a_near, b_near = _context_stems(a, a_index), _context_stems(b, b_index)
    if a_near & b_near:
        return True
    groups = _paraphrase_groups()
    return any(groups.get(s, frozenset()) & b_near for s in a_near)


def _antonym_conflict(claim: Analysis, passage: Analysis) -> str | None:
    """The claim uses a word whose antonym the passage uses instead, about the same thing."""
    table = _antonyms()
    for index, (token, word_stem) in enumerate(zip(claim.tokens, claim.stems)):
        for opposite in table.get(word_stem, ()):
            if opposite in passage.stems and word_stem not in passage.stems and opposite not in claim.stems:
                at = passage.stems.index(opposite)
                if _same_subject(claim, index, passage, at):
                    return f"source says '{passage.tokens[at]}'; claim says '{token}'"
    return None


def _neighbours(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Two words before and after a span, not crossing a sentence end."""
    before_text = re.split(r"[.!?;]\s", text[:start])[-1]
    after_text = re.split(r"[.!?;](?:\s|$)", text[end:])[0]
    return words(before_text)[-2:], words(after_text)[:2]


def _swapped_entity(claim: Analysis, passage: Analysis, missing: list[str]) -> str | None:
    """A claim name missing from the passage where the passage has another name in the same slot
    ("a native of Guatemala" vs "a native of Ecuador")."""
    if len(missing) != 1:
        return None
    name = missing[0]
    position = claim.text.find(name)
    before, after = _neighbours(claim.text, position, position + len(name))
    for other in passage.entities:
        # "CO" for "CO2" or "Washington" for "Washington Post" is the same name cut short, not another.
        if other in passage.uncertain or _name_present(other, claim) or other.lower() in name.lower() or name.lower() in other.lower():
            continue
        at = passage.text.find(other)
        p_before, p_after = _neighbours(passage.text, at, at + len(other))
        same_two_before = len(before) == 2 and before == p_before and any(w not in STOP_WORDS for w in before)
        same_before = bool(before and p_before and before[-1] == p_before[-1])
        same_after = bool(after and p_after and after[0] == p_after[0])
        meaningful = (same_before and before[-1] not in STOP_WORDS) or (same_after and after[0] not in STOP_WORDS)
        if same_two_before or meaningful or (same_before and same_after):
            return f"source: {other}; claim: {name}"
    # Who said it: the claim puts the words in one person's mouth, the passage in another's.
    claim_speaker, passage_speaker = _speaker_name(claim), _speaker_name(passage)
    if claim_speaker == name and passage_speaker and not _name_present(passage_speaker, claim):
        return f"source: {passage_speaker} said it; claim: {name}"
    return None


_SAYS = re.compile(r"\b(?:said|says|told|tells|stated|wrote|added|explained|argued|insisted)\b")


def _speaker_name(analysis: Analysis) -> str | None:
    """Who speaks: the first name (a person's full name first) before the first verb of saying, in its clause."""
    match = _SAYS.search(analysis.text)
    if not match:
        return None
    clause = re.split(r"[.;!?]\s|[\"“”]", analysis.text[: match.start()])[-1][-120:]
    names = [n for n in _entities(clause) if n not in analysis.uncertain or n in _entities(clause, sentence_initial=False)]
    # A person's full name ("ICE spokesman Matthew Bourke") before an organisation's.
    people = [n for n in names if len(n.split()) >= 2]
    return (people or names or [None])[0]


def _role_swap(claim: Analysis, passage: Analysis) -> str | None:
    """Two names on either side of the same verb, in the opposite order: "A acquired B" vs "B acquired A"."""
    claim_names = _entities(claim.text, sentence_initial=True)
    passage_names = _entities(passage.text, sentence_initial=True)
    for first, second in zip(claim_names, claim_names[1:]):
        c_start, c_end = claim.text.find(first), claim.text.find(second)
        between = [stem(w) for w in words(claim.text[c_start + len(first) : c_end]) if w not in STOP_WORDS]
        if not between or " by " in f" {claim.text[c_start:c_end]} ":
            continue
        a = next((n for n in passage_names if _name_present(second, analyse(n))), None)
        b = next((n for n in passage_names if _name_present(first, analyse(n))), None)
        if not a or not b or a == b:
            continue
        p_start, p_end = passage.text.find(a), passage.text.find(b)
        if p_start < p_end:
            p_between = [stem(w) for w in words(passage.text[p_start + len(a) : p_end]) if w not in STOP_WORDS]
            if p_between and p_between[0] == between[0] and " by " not in f" {passage.text[p_start:p_end]} ":
                return f"source: {a} {passage.text[p_start + len(a) : p_end].strip()} {b}; claim: {first} {claim.text[c_start + len(first) : c_end].strip()} {second}"
    return None


def _missing_quotation(claim: Analysis, passage: Analysis) -> str | None:
    """A quotation in the claim (a title, a phrase) that the passage does not contain nearly verbatim."""
    from rapidfuzz import fuzz

    for match in re.finditer(r'"([^"]{3,200})"', claim.text):
        quoted = match.group(1).strip(" ,.")
        if quoted and fuzz.partial_ratio(quoted.lower(), passage.text.lower()) < 85:
            return quoted
    return None


def judge(
    claim_text: str,
    passage_text: str,
    similarity: float,
    idf: dict[str, float] | None = None,
    thresholds: Thresholds = DEFAULT,
    *,
    context: str = "",
    names: frozenset[str] | None = None,
    nli: Entailment | None = None,
) -> Judgement:
    """How `passage_text` bears on `claim_text`, given their embedding cosine similarity.

    `context` is the text just before the passage (where "the agency" or "he" was named); `names` are the
    words the corpus writes as names, to tell "Microsoft" from "Physicians" at the start of a claim.
    """
    claim = analyse(claim_text)
    passage = analyse(passage_text)
    missing = _missing_entities(claim, passage, analyse(context) if context else None, names)
    cover = coverage(claim, passage, idf, thresholds.default_idf, missing)
    signals = {"similarity": round(float(similarity), 4), "coverage": round(cover, 4), "missing_names": float(len(missing))}
    speaker = f" ({passage.speaker} said)" if passage.speaker else ""

    aligned = similarity >= thresholds.align_similarity and cover >= thresholds.align_coverage
    aligned_loosely = similarity >= thresholds.align_similarity and cover >= thresholds.polarity_coverage
    if aligned:
        # A figure given to the wrong name is checkable even when the passage omits other names.
        reason = _attribution_conflict(claim, passage)
        if reason:
            return Judgement(Stance.CONTRADICTS, reason + speaker, signals | {"attribution_conflict": 1.0})
    figure_reason, figures_matched = _figure_conflict(claim, passage)
    date_reason, dates_matched = _date_conflict(claim, passage)
    # What the claim says about its names, with antonyms counted as speaking of the same thing.
    predicate = coverage(claim, passage, idf, thresholds.default_idf, missing, names_count=False, opposites=True)
    signals["predicate_coverage"] = round(predicate, 4)
    same_assertion = aligned and not missing and predicate >= thresholds.contradict_coverage
    if same_assertion:
        for reason, name in ((figure_reason, "figure_conflict"), (date_reason, "date_conflict")):
            if reason:
                return Judgement(Stance.CONTRADICTS, reason + speaker, signals | {name: 1.0})
    if not missing and similarity >= thresholds.align_similarity - 0.1:
        reason = _negated_qualifier(claim, passage)
        if reason:
            return Judgement(Stance.CONTRADICTS, reason + speaker, signals | {"negated_qualifier": 1.0})
    # A negation or antonym names the very word at issue, and must stand among the same words:
    # that is specific enough to ask for less of the rest of the claim.
    # A close paraphrase (high cosine) is on the same assertion whatever else the claim adds.
    on_assertion = (aligned_loosely and predicate >= thresholds.polarity_coverage) or similarity >= thresholds.polarity_similarity
    opposed = None
    if not missing:
        for detector in (_polarity_conflict, _antonym_conflict, _role_swap):
            opposed = detector(claim, passage)
            if opposed and on_assertion:
                return Judgement(Stance.CONTRADICTS, opposed + speaker, signals | {detector.__name__.strip("_"): 1.0})
            if opposed:
                break
    if nli is not None:
        signals |= {"nli_entailment": round(nli.entailment, 4), "nli_contradiction": round(nli.contradiction, 4)}
        # The rules above speak first; an NLI model adds contradictions they cannot name.
        if aligned and not missing and nli.contradiction >= thresholds.nli_contradiction:
            return Judgement(Stance.CONTRADICTS, f"NLI model: the passage contradicts the claim (p={nli.contradiction:.2f})" + speaker, signals)
    # A swapped name: everything else in the claim is there (names the lead-in gives count), one name is not.
    swap_missing = _missing_entities(claim, passage, analyse(context) if context else None, names, lenient=True)
    rest = coverage(claim, passage, idf, thresholds.default_idf, swap_missing, ignore=swap_missing)
    if len(swap_missing) == 1 and similarity >= thresholds.swap_similarity and rest >= thresholds.swap_coverage:
        reason = _swapped_entity(claim, passage, swap_missing)
        if reason:
            return Judgement(Stance.CONTRADICTS, reason + speaker, signals | {"swapped_entity": 1.0})

    support = thresholds.support_similarity_weight * similarity + (1 - thresholds.support_similarity_weight) * cover
    if nli is not None and nli.entailment >= thresholds.nli_entailment and similarity >= thresholds.support_min_similarity:
        support = max(support, thresholds.support)  # the model's entailment stands in for word overlap
    signals["support"] = round(support, 4)
    unqualified = [t for t, s in zip(claim.tokens, claim.stems) if s in _qualifier_stems() and s not in passage.stems]
    unquoted = _missing_quotation(claim, passage)
    # Why this passage cannot support the claim, most telling first.
    blockers = [
        (bool(opposed), f"source may say otherwise: {opposed}"),
        (bool(unquoted), f"source does not have the quoted words “{unquoted}”"),
        (bool(unqualified), f"source does not say '{unqualified[0]}'" if unqualified else ""),
        (passage.hedged and not claim.hedged, "source reports it with doubt"),
        (bool(missing), f"source does not name {', '.join(missing)}"),
        (not figures_matched, "source does not give the claim's figure"),
        (not dates_matched, "source does not give the claim's date"),
    ]
    blocked = next((reason for applies, reason in blockers if applies), None)
    strong = (
        support >= thresholds.support
        and similarity >= thresholds.support_min_similarity
        and cover >= thresholds.support_min_coverage
        and predicate >= thresholds.support_min_predicate
    )
    if strong and blocked is None:
        return Judgement(Stance.SUPPORTS, f"source says so{speaker}", signals)
    return Judgement(Stance.RELATED, blocked or "only related", signals)
