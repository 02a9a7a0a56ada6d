"""Stance of one passage toward one claim: supports, contradicts (with a checkable reason) or related."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .analysis import CALENDAR_NAMES, Analysis, analyse, find_names
from .calibration import DEFAULT, Thresholds
from .figures import NUMBER_WORDS, DateMention, Quantity
from .lexicon import ANTONYM_PAIRS, NEGATING_VERBS, NEGATION_CUES, PARAPHRASES, QUALIFIERS, STOP_WORDS
from .models import Stance
from .names import missing_names, name_present, role_swap, swapped_name
from .nli import Entailment
from .text import stem, words

__all__ = ["Judgement", "coverage", "judge"]


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


def _matches(word_stem: str, other: Analysis, opposites: bool = False) -> bool:
    """Whether a claim stem is present in the other text: directly, as an acronym, as a paraphrase,
    or (with `opposites`) as its antonym, which speaks about the same thing."""
    if word_stem in other.content or word_stem in other.acronyms:
        return True
    group = _paraphrase_groups().get(word_stem)
    if group and group & other.content:
        return True
    return opposites and bool(_antonyms().get(word_stem, frozenset()) & other.content)


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
        named = {stem(w) for name in claim.entities if name_present(name, passage) for w in words(name)}
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
    """The name written right before a figure ("Beta's 150", "Acme has 204") within `window` characters."""
    before = analysis.text[max(0, figure.start - window) : figure.start]
    # Stop at the previous figure or a contrast ("204, compared to Beta's 150"): what precedes it is another's.
    before = re.split(r"\d[\d,.]*|\b(?:compared|while|whereas|versus|vs)\b", before)[-1]
    names = find_names(before, sentence_initial=True)
    return names[-1] if names else None


_COMPARATIVE = re.compile(
    r"\b(?P<word>more|fewer|less|greater|larger|bigger|smaller|higher|lower)\b(?P<between>[^.;]{0,60}?)\bthan\b\s+(?P<other>[^.;,]{1,60})",
    re.IGNORECASE,
)
_MORE = frozenset("more greater larger bigger higher".split())


def _comparison_conflict(claim: Analysis, passage: Analysis) -> str | None:
    """"A has more X than B" where the passage gives A a smaller figure than B (or the reverse)."""
    match = _COMPARATIVE.search(claim.text)
    if not match:
        return None
    subjects = find_names(claim.text[: match.start()], sentence_initial=True)
    objects = find_names(match.group("other"), sentence_initial=True)
    if not subjects or not objects:
        return None
    first, second = subjects[-1], objects[0]
    owned: dict[str, Quantity] = {}
    for figure in passage.figures:
        owner = _bound_entity(passage, figure, 25)
        for name in (first, second):
            if owner and name not in owned and {stem(w) for w in words(owner)} & {stem(w) for w in words(name)}:
                owned[name] = figure
    if len(owned) < 2 or owned[first].kind != owned[second].kind:
        return None
    a, b = owned[first], owned[second]
    says_more = match.group("word").lower() in _MORE
    if (says_more and a.high < b.low) or (not says_more and a.low > b.high):
        return f"source gives {_plain(first)} {a.text} and {_plain(second)} {b.text}; claim says {_plain(first)} has {match.group('word').lower()}"
    return None


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
        if token not in STOP_WORDS and token not in NUMBER_WORDS and token.capitalize() not in CALENDAR_NAMES:
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
    """One side negates an assertion the other makes plainly ("no direct flights" vs "a direct flight")."""
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
            # flights" vs "flies directly"); a second governed word, where the other side has it, too.
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
    byline: str = "",
) -> Judgement:
    """How `passage_text` bears on `claim_text`, given their embedding cosine similarity.

    `context` is the text just before the passage (where "the agency" or "he" was named); `names` are the
    words the corpus writes as names, to tell "Globex" from "Physicians" at the start of a claim;
    `byline` is the passage's document's outlet and author.
    """
    claim = analyse(claim_text)
    passage = analyse(passage_text)
    missing = missing_names(claim, passage, analyse(context) if context else None, names)
    if byline and missing:
        # "..., the Daily Planet reported": the outlet or author of the passage's own document is named in its byline.
        credited = analyse(byline)
        missing = [name for name in missing if not name_present(name, credited)]
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
        for detector in (_comparison_conflict, _polarity_conflict, _antonym_conflict, role_swap):
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
    swap_missing = missing_names(claim, passage, analyse(context) if context else None, names, lenient=True)
    rest = coverage(claim, passage, idf, thresholds.default_idf, swap_missing, ignore=swap_missing)
    if len(swap_missing) == 1 and similarity >= thresholds.swap_similarity and rest >= thresholds.swap_coverage:
        reason = swapped_name(claim, passage, swap_missing)
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
