"""Evidence for a claim → one verdict, with confidence and a one-line explanation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .analysis import analyse
from .citations import SourceKey, citation
from .figures import years_named
from .models import Claim, Evidence, Label, PartVerdict, Passage, Stance, Verdict
from .names import name_present
from .stance.blockers import corrects
from .stance.compare import figure_alike, in_tally, row_of
from .stance.matching import matches

MAX_EVIDENCE = 5
# Parts that say something of the sentence's subject in passing ("Mirelle, the Lyon maker of ...", "built at Varcoe's yard").
MODIFIER_PARTS = frozenset({"appositive", "relative", "participial", "with"})
MAX_RELATED = 3
# Conflicts between one figure or date and another: in a compound sentence they may pair a figure with another clause's.
CROSS_CLAUSE_RULES = frozenset({"figure", "date"})
# Support blockers that say why a passage on the claim's very words does not bear it out: parts borne out one by one
# do not outweigh them.
WITHHOLDING_BLOCKERS = frozenset({"may_say_otherwise", "opposite_word", "other_owner", "other_period", "missing_name", "superlative_of_another_date"})
# Support blockers that find the passage denying the claim (it answers "No", says the opposite word, negates the claim's
# verb, gives the other default), and the rule that finds such a denial on the claim's assertion: such a passage outweighs
# a passage of the same document that matches less of the claim.
DENYING_BLOCKERS = frozenset({"negative_answer", "opposite_word", "negated_clause", "default_state", "denied_clause", "no_effect"})

# Support blockers that find the passage leaving the claim open, and by how much more of the claim it must say than a
# supporting passage to outweigh it.
LEAVING_OPEN_BLOCKERS = frozenset({"possibility"})
# Support blockers that find the passage telling the claim's plan or decision was undone.
UNDOING_BLOCKERS = frozenset({"reversed"})
OPEN_MARGIN = 0.2
# Support blockers that find the passage saying the claim's words in another mood: as possible, proposed, asked, denied or
# taken back. A part of a claim blocked so by a passage is not borne out by that passage's support of the rest of the claim.
MOOD_BLOCKERS = frozenset({"possibility", "hedge", "conditional", "question", "undone", "retracted", "reversed", "negated_clause", "denied_clause", "disputed"})
# How much of what the claim says of its figure a passage giving another figure must say to disagree with a supporting one.
SAID_ALIKE = 0.8


def overlaps(a: Evidence, b: Evidence) -> bool:
    """Whether two passages share text in the same source."""
    p, q = a.passage, b.passage
    return p.root == q.root and p.source == q.source and p.char_start < q.char_end and q.char_start < p.char_end


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    """Drop passages that overlap a better one already kept (a sentence and its window)."""
    kept: list[Evidence] = []
    for item in evidence:
        p = item.passage
        if any(
            k.passage.root == p.root and k.passage.source == p.source and k.passage.char_start < p.char_end and p.char_start < k.passage.char_end for k in kept
        ):
            continue
        kept.append(item)
    return kept


def _outweighed(support: Evidence, judged: list[Evidence]) -> bool:
    """Whether a passage of the same document denies the claim while matching at least as much of what it says: "Not by
    default. It uses one thread." outweighs "Pass --threads 0 to use every core" for "it uses every core by default"."""
    matched = support.signals.get("predicate_coverage", 0.0)
    here = (support.passage.root, support.passage.source)
    # Within one document only: another document's denial is often about another thing (measured: across documents it took
    # back as many true supports as false ones).
    if any(e.rule in DENYING_BLOCKERS and (e.passage.root, e.passage.source) == here and e.signals.get("predicate_coverage", 0.0) >= matched for e in judged):
        return True
    # A passage that says what the claim says and leaves it open ("whether X is unknown") outweighs, in any document, a passage
    # that says clearly less of it: that one bears on the topic, not on the open question.
    if any(e.rule in LEAVING_OPEN_BLOCKERS and e.signals.get("predicate_coverage", 0.0) >= matched + OPEN_MARGIN for e in judged):
        return True
    # A passage telling that the plan or promise the claim states was dropped ("has dropped its promise that every trader
    # would need ...") outweighs, in any document, one that states it and says no more of it: the plan no longer stands.
    return any(e.rule in UNDOING_BLOCKERS and e.signals.get("predicate_coverage", 0.0) >= matched for e in judged)


# Where what is said of a figure ends: another clause, or a subordinate one ("when Pellworth collapsed").
_SAID_ENDS = re.compile(r"[,;:]|\b(?:when|while|whereas|after|before|because|as|since|which|who|although|though|but|and)\b", re.IGNORECASE)


def _doubted_beside(window: Evidence, judged: list[Evidence], supporting: list[Evidence]) -> bool:
    """Whether a sentence of a contradicting window beside its supporting sentence already casts the window's very doubt read
    alone: the supporting sentence then reads as the claim only through it, and the window's contradiction stands ("Julius
    left Morvenfeld in 1937. He died in 1952." for "Julius remained in Morvenfeld until his death in 1952")."""
    return any(
        e.rule == "may_say_otherwise"
        and e.explanation.endswith(window.explanation)
        and e.passage.sentence_count == 1
        and overlaps(e, window)
        and not any(overlaps(e, s) for s in supporting)
        for e in judged
    )


def said_alike(claim_text: str, contradiction: Evidence) -> bool:
    """Whether a figure or date conflict's passage says of its figure what the claim says of its own, though it matches less of
    the rest: "1,140 savers were left unable to withdraw their money" for "1,400 savers were left unable to reach their money
    when Pellworth collapsed". Nearly every content word from the claim's clause opening to the end of what it says of its
    figure is in the passage's sentence, in some form."""
    conflict = contradiction.conflict
    if conflict is None or conflict.claim_span is None or conflict.source_span is None:
        return False
    start, end = conflict.claim_span
    opening = max((m.end() for m in _SAID_ENDS.finditer(claim_text, 0, start)), default=0)
    closing = _SAID_ENDS.search(claim_text, end)
    said = analyse(claim_text[opening : closing.start() if closing else len(claim_text)])
    own = said.content - said.entity_stems
    sentence = analyse(row_of(contradiction.passage.text, conflict.source_span[0]))
    return len(own) >= 3 and sum(matches(s, sentence) for s in own) >= SAID_ALIKE * len(own)


# Words by which a passage gives a figure as one it replaces: "not "about 150" as we said", "our earlier estimate of 1,200".
_REPLACED = re.compile(
    r"\b(?:not|earlier|previous(?:ly)?|initial(?:ly)?|original(?:ly)?|provisional|instead\s+of|rather\s+than|replac(?:es|ed|ing)|supersed(?:es|ed|ing))\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


# Words giving a figure as a count not yet final: "has so far burned", "initial estimates put", "a provisional total of".
_PROVISIONAL_WORDS = r"so\s+far|to\s+date|at\s+this\s+stage|initial(?:ly)?|provisional(?:ly)?|preliminary|first\s+estimates?"
_PROVISIONAL = re.compile(rf"\b(?:{_PROVISIONAL_WORDS})\W+(?:\w+\W+){{0,3}}$", re.IGNORECASE)
# A claim that gives its figure as such a count itself, or as an early one.
_PROVISIONAL_CLAIM = re.compile(rf"\b(?:{_PROVISIONAL_WORDS}|first|early|earlier)\b", re.IGNORECASE)


def _provisional(claim_text: str, supporting: list[Evidence]) -> bool:
    """Whether every supporting passage gives the claim's figures only as a count not yet final, which the claim states
    flatly: a final figure elsewhere then disagrees with it."""
    claim = analyse(claim_text)
    if not claim.figures or _PROVISIONAL_CLAIM.search(claim_text):
        return False
    for support in supporting:
        passage = analyse(support.passage.text)
        text = passage.text
        given = [q for q in passage.figures if any(figure_alike(q, figure) for figure in claim.figures)]
        if not given or not all(_PROVISIONAL.search(text, max(0, q.start - 40), q.start) for q in given):
            return False
    return True


def _replaces(claim_text: str, contradiction: Evidence) -> bool:
    """Whether a figure conflict's passage gives the claim's own figure as one its figure replaces ("203 residents were
    evacuated, not "about 150" as we said"; "puts the area at 820 hectares. Our earlier estimate of 1,200 hectares ..."): it
    speaks of the very figure, however little else of the claim it says."""
    if "figure_conflict" not in contradiction.signals:
        return False
    passage = analyse(contradiction.passage.text)
    claimed = analyse(claim_text).figures
    return any(
        _REPLACED.search(passage.text, max(0, given.start - 40), given.start) is not None
        for given in passage.figures
        if any(figure_alike(given, figure) for figure in claimed)
    )


def _in_voice(speaker: str, evidence: Evidence) -> bool:
    """Whether a passage speaks in the voice a claim credits ("according to the investigators"): its words, title or heading
    name the speaker (every content word of it, in some form)."""
    wanted = analyse(speaker).content
    if not wanted or speaker.lower() in _PRONOUNS:
        return False
    passage = evidence.passage
    around = analyse("\n".join((passage.title, passage.heading, passage.text)))
    return all(matches(s, around) for s in wanted)


_PRONOUNS = frozenset("he she they it we i you".split())


def _tallies(claim_text: str, contradiction: Evidence) -> bool:
    """Whether a figure conflict sets one vote's tally against another ("by eight votes to one", "by 7 votes to 2"): a tally
    is specific to its vote, so two of them disagree however differently the rest is worded."""
    conflict = contradiction.conflict
    if conflict is None or conflict.claim_span is None or not in_tally(claim_text, conflict.claim_span[0]):
        return False
    text = contradiction.passage.text
    # The source side's offset is known only when the passage needed no normalising; else where it is written.
    starts = [conflict.source_span[0]] if conflict.source_span else [m.start() for m in re.finditer(re.escape(conflict.source_side), text)]
    return any(in_tally(text, start) for start in starts)


def _period(passage: Passage) -> frozenset[int]:
    """The years a passage speaks of: those it names, or when it names none, its document's (title, file name, heading)."""
    own = years_named(passage.text)
    return own or years_named(passage.about)


def _of_another_period(contradiction: Evidence, supporting: list[Evidence]) -> bool:
    """Whether a figure or date conflict comes from another period than a supporting passage, for a claim naming no year: a
    2023 report's "raised the dividend to $0.12" and a 2024 report's "to $0.13" tell two years, not a disagreement."""
    if not ("figure_conflict" in contradiction.signals or "date_conflict" in contradiction.signals):
        return False
    theirs = _period(contradiction.passage)
    return bool(theirs) and any((ours := _period(e.passage)) and not ours & theirs for e in supporting)


def _corrected_since(contradiction: Evidence, judged: list[Evidence]) -> bool:
    """Whether another document's correction notice retracts what the contradicting passage says and gives the claim's side."""
    conflict = contradiction.conflict
    if conflict is None:
        return False
    here = (contradiction.passage.root, contradiction.passage.source)
    return any((e.passage.root, e.passage.source) != here and corrects(e.passage.text, conflict.source_side, conflict.claim_side) for e in judged)


def _showing_cited(shown: list[Evidence], decisive: list[Evidence], cited: Sequence[SourceKey]) -> list[Evidence]:
    """The evidence shown, its last item traded for the best decisive passage of a cited source when none is shown (a citation
    called `ok` is always one the reader can see)."""

    def in_cited(e: Evidence) -> bool:
        return (e.passage.root, e.passage.source) in cited

    if not cited or any(in_cited(e) for e in shown):
        return shown
    best = next((e for e in decisive if in_cited(e)), None)
    return shown if best is None else [*shown[: MAX_EVIDENCE - 1], best]


def decide(claim: Claim, judged: list[Evidence], cited: Sequence[SourceKey] = ()) -> Verdict:
    """Conflicting if any passage contradicts, else supported if one supports, else unsourced; and whether a cited source bears that out."""
    # Equal (rounded) scores in a stable order of place, so the evidence shown never depends on how candidates arrived.
    by_score = sorted(judged, key=lambda e: (-e.score, e.passage.root, e.passage.source, e.passage.char_start, e.passage.char_end))
    contradicting = [e for e in by_score if e.stance is Stance.CONTRADICTS]
    supporting = _distinct([e for e in by_score if e.stance is Stance.SUPPORTS and not _outweighed(e, judged)])
    if supporting:
        # A window holding a supporting sentence takes its contradiction from the sentence beside it, which is judged
        # on its own anyway. A sentence that contradicts keeps its contradiction, whatever a window around it reads as
        # (so windows go before overlapping passages are merged: the sentence must not be dropped for the window).
        contradicting = [
            e for e in contradicting if e.passage.sentence_count == 1 or not any(overlaps(e, s) for s in supporting) or _doubted_beside(e, judged, supporting)
        ]
    contradicting = _distinct(contradicting)
    if supporting and not _provisional(claim.text, supporting):
        # A different figure or date in a passage that matches less of the claim than a supporting
        # passage does is about another fact ("300 signed a letter" vs "a dozen resigned"), not a disagreement. (Unless every
        # supporting passage gives the claim's figure as a running or first count: "has so far burned an estimated 1,200".)
        best_coverage = max(e.signals.get("predicate_coverage", 0.0) for e in supporting)
        contradicting = [
            e
            for e in contradicting
            if not (("figure_conflict" in e.signals or "date_conflict" in e.signals) and e.signals.get("predicate_coverage", 0.0) < best_coverage)
            or said_alike(claim.text, e)
            or _tallies(claim.text, e)
            or _replaces(claim.text, e)
        ]
    # A report its own outlet has since corrected ("We also said that 1,400 savers were affected; the correct figure is
    # 1,140") no longer stands against the corrected figure.
    contradicting = [e for e in contradicting if not _corrected_since(e, judged)]
    if supporting and not years_named(claim.text):
        contradicting = [e for e in contradicting if not _of_another_period(e, supporting)]
    # "According to the investigators, he worked 94 hours" is borne out by the investigators' passage, whoever disputes it in
    # another document: only a passage in the same voice, or of the same document ("... they said"), stands against it.
    speaker = analyse(claim.text).speaker
    voiced = [e for e in supporting if _in_voice(speaker, e)] if speaker and contradicting else []
    if speaker and voiced:
        documents = {(e.passage.root, e.passage.source) for e in voiced}
        contradicting = [e for e in contradicting if _in_voice(speaker, e) or (e.passage.root, e.passage.source) in documents]
    related = _distinct([e for e in by_score if e.stance is Stance.RELATED])
    if contradicting:
        top = contradicting[0]
        explanation = f"{top.explanation} ({top.passage.place})"
        if supporting:
            explanation = f"sources disagree: {explanation}; but {supporting[0].passage.place} supports it"
        evidence = _showing_cited((contradicting + supporting)[:MAX_EVIDENCE], contradicting + supporting, cited)
        confidence = min(0.95, 0.6 + 0.35 * top.score + (0.0 if supporting else 0.05))
        cites = citation(Label.CONFLICTING, supporting, contradicting, cited)
        return Verdict(claim, Label.CONFLICTING, round(confidence, 3), explanation, tuple(evidence), cites, tuple(cited))
    if supporting:
        top = supporting[0]
        support = top.signals.get("support", top.score)
        explanation = f"{top.explanation} ({top.passage.place})"
        confidence = min(0.99, 0.5 + support / 2)
        evidence = _showing_cited(supporting[:MAX_EVIDENCE], supporting, cited)
        cites = citation(Label.SUPPORTED, supporting, contradicting, cited)
        return Verdict(claim, Label.SUPPORTED, round(confidence, 3), explanation, tuple(evidence), cites, tuple(cited))
    closest = related[:MAX_RELATED]
    if closest:
        explanation = f"no source says this; closest: {closest[0].passage.place} ({closest[0].explanation})"
        confidence = max(0.3, min(0.95, 1.0 - closest[0].signals.get("support", closest[0].score) / 1.5))
    else:
        explanation = "no source passage bears on this claim"
        confidence = 0.95
    cites = citation(Label.UNSOURCED, supporting, contradicting, cited)
    return Verdict(claim, Label.UNSOURCED, round(confidence, 3), explanation, tuple(closest), cites, tuple(cited))


def combine(whole: Verdict, parts: Sequence[PartVerdict]) -> Verdict:
    """A compound claim's verdict from the whole sentence's and its parts': its worst part's, supported only when every part is.

    A part no source states leaves the claim unsourced, however well the sentence as a whole reads like a passage;
    parts may be borne out by different passages (one citation each). The part a conflict of the whole sentence falls in
    is the conflicting part.
    """
    if not parts:
        return whole
    return _cited(_combined(whole, tuple(parts)))


def _combined(whole: Verdict, parts: tuple[PartVerdict, ...]) -> Verdict:
    if whole.label is Label.CONFLICTING:
        conflict = whole.conflict
        # A figure or date of one clause set against a passage about another clause is no conflict: when the parts carry
        # figures of their own and none of them is contradicted, the parts decide instead.
        crossed = conflict is not None and conflict.rule in CROSS_CLAUSE_RULES and len(_figure_sets(parts)) >= 2
        if not crossed or any(p.label is Label.CONFLICTING for p in parts):
            at = _part_at(parts, conflict.claim_span if conflict is not None else None)
            # The part the sentence's conflict falls in is the conflicting part; others contradicted only when read alone
            # are doubted, as below.
            marked = tuple(
                replace(p, label=Label.CONFLICTING, explanation=whole.explanation, evidence=whole.evidence)
                if p is at
                else _doubted(p)
                if p.label is Label.CONFLICTING
                else p
                for p in parts
            )
            return replace(whole, parts=marked)
        whole = replace(whole, label=Label.UNSOURCED, confidence=0.6, explanation="no source states the claim as a whole", evidence=())
    # A part read out of its sentence loses the words around it, so a conflict found on it alone is not trusted to make
    # the claim conflicting (measured: it added false contradictions on every set); it withholds support.
    parts = tuple(_doubted(p) if p.label is Label.CONFLICTING and not _stands(p, parts, whole.claim.text) else p for p in parts)
    if any(p.label is Label.CONFLICTING for p in parts):
        at = next(p for p in parts if p.label is Label.CONFLICTING)
        return replace(whole, label=Label.CONFLICTING, explanation=at.explanation, evidence=at.evidence, parts=parts)
    quoted = {id(p): f"“{whole.claim.text[p.start : p.end]}”" for p in parts}
    unsourced = [p for p in parts if p.label is not Label.SUPPORTED]
    if unsourced:
        if whole.label is not Label.SUPPORTED:
            part = unsourced[0]
            return replace(whole, explanation=f"{quoted[id(part)]}: {part.explanation}", parts=parts)
        part = unsourced[0]
        return replace(whole, label=Label.UNSOURCED, confidence=0.6, explanation=f"{quoted[id(part)]} is not in the sources: {part.explanation}", parts=parts)
    # Every part is supported: one citation per part, after the whole sentence's own support. A sentence that a passage
    # specifically withholds support from (it says the opposite, speaks of another year or another subject) stays unsourced.
    withholding = [e for e in whole.evidence if e.rule in WITHHOLDING_BLOCKERS and not _named_by_parts(whole.claim.text, e, parts)]
    if whole.label is not Label.SUPPORTED and withholding:
        telling = withholding[0]
        # The claim's verdict is its worst part's: the part that passage bore out (else the first) is the one withheld.
        at = next((p for p in parts if p.evidence and p.evidence[0].passage.key == telling.passage.key), parts[0])
        withheld = f"{telling.explanation} ({telling.passage.place})"
        parts = tuple(replace(p, label=Label.UNSOURCED, explanation=f"read with the whole sentence: {withheld}") if p is at else p for p in parts)
        return replace(whole, explanation=f"every part reads as supported, but {withheld}", parts=parts)
    own = whole.evidence if whole.label is Label.SUPPORTED else ()
    evidence = _merge(own, *(p.evidence[:1] for p in parts))
    if whole.label is Label.SUPPORTED:
        return replace(whole, evidence=evidence, parts=parts)
    places = "; ".join(f"{quoted[id(p)]} ({p.evidence[0].passage.place})" for p in parts if p.evidence)
    confidence = round(min(0.9, min(_confidence(p) for p in parts)), 3)
    return replace(whole, label=Label.SUPPORTED, confidence=confidence, explanation=f"every part is supported: {places}", evidence=evidence, parts=parts)


def _named_by_parts(claim_text: str, withheld: Evidence, parts: Sequence[PartVerdict]) -> bool:
    """Whether every name a passage lacks, withholding support from the sentence, is said in passing (an appositive, relative,
    participial or "with" part) and named by the passage bearing that part out: "Mirelle Software, the Lyon maker of payroll
    software, grew revenue 21%" is not withheld by a passage on the software that leaves out Lyon, when another bears out
    that the maker is in Lyon."""
    if withheld.rule != "missing_name":
        return False
    passage = analyse(withheld.passage.text)
    lacking = [name for name in analyse(claim_text).entities if not name_present(name, passage)]

    def borne_out(name: str) -> bool:
        # The name is in what the sentence says of its subject in passing, and a passage bearing that out names it.
        at = claim_text.find(name)
        holding = [p for p in parts if p.start <= at < p.end]
        inner = min(holding, key=lambda p: p.end - p.start) if holding else None
        return (
            inner is not None
            and inner.kind in MODIFIER_PARTS
            and inner.label is Label.SUPPORTED
            and bool(inner.evidence)
            and name_present(name, analyse(inner.evidence[0].passage.text))
        )

    return bool(lacking) and all(borne_out(name) for name in lacking)


def _cited(verdict: Verdict) -> Verdict:
    """The combined verdict's citation, from every decisive passage of the sentence and its parts."""
    shown = [*verdict.evidence, *(e for p in verdict.parts for e in p.evidence)]
    supporting = [e for e in shown if e.stance is Stance.SUPPORTS]
    contradicting = [e for e in shown if e.stance is Stance.CONTRADICTS]
    return replace(verdict, citation=citation(verdict.label, supporting, contradicting, verdict.cited))


def _part_at(parts: Sequence[PartVerdict], span: tuple[int, int] | None) -> PartVerdict | None:
    """The part whose words hold a span of the claim (the innermost), else the first part not supported, else the first."""
    if span is not None:
        holding = [p for p in parts if p.start <= span[0] and span[1] <= p.end]
        if holding:
            return min(holding, key=lambda p: p.end - p.start)
    return next((p for p in parts if p.label is not Label.SUPPORTED), parts[0] if parts else None)


def _stands(part: PartVerdict, parts: Sequence[PartVerdict], text: str) -> bool:
    """Whether a part's figure or date conflict holds though found on the part alone: the part is the sentence's main clause,
    the others only narrow what it is about ("The median age of those who fell ill was 34"; not ", whose visitors rose to
    41,000", which tells more), and the passage's sentence says every word the part says of its figure ("the median age was 31")."""
    if part.kind != "clause" or not part.evidence:
        return False
    evidence = part.evidence[0]
    conflict = evidence.conflict
    if conflict is None or conflict.rule not in CROSS_CLAUSE_RULES or conflict.source_span is None:
        return False
    if any(p is not part and (p.kind not in _NARROWING_KINDS or text[: p.start].rstrip().endswith(",")) for p in parts):
        return False
    said = analyse(part.text)
    own = said.content - said.entity_stems
    sentence = analyse(row_of(evidence.passage.text, conflict.source_span[0]))
    return len(own) >= 2 and all(matches(s, sentence) for s in own)


# Parts that only narrow what the main clause is about: "those who fell ill", "the plant built in 1990".
_NARROWING_KINDS = frozenset({"relative", "participial"})


def _doubted(part: PartVerdict) -> PartVerdict:
    """A part contradicted only when read on its own: unsourced, with the conflict named."""
    return replace(part, label=Label.UNSOURCED, explanation=f"may be contradicted: {part.explanation}")


def _confidence(part: PartVerdict) -> float:
    """A supported part's confidence, from its best passage's support."""
    top = part.evidence[0] if part.evidence else None
    return 0.5 + (top.signals.get("support", top.score) / 2 if top else 0.0)


def _merge(*groups: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """Evidence from several lists, each passage once, in order, at most MAX_EVIDENCE."""
    seen: set[tuple[str, str, int, int]] = set()
    merged: list[Evidence] = []
    for group in groups:
        for item in group:
            if item.passage.key not in seen:
                seen.add(item.passage.key)
                merged.append(item)
    return tuple(merged[:MAX_EVIDENCE])


def _figure_sets(parts: Sequence[PartVerdict]) -> set[frozenset[str]]:
    """The distinct sets of figures the parts carry ("2 million", "May 3"): two or more when clauses have figures of their own."""
    found = {frozenset(w for slot in p.slots for w in slot.split() if any(c.isdigit() for c in w)) for p in parts}
    return {s for s in found if s}
