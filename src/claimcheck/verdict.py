"""Evidence for a claim → one verdict, with confidence and a one-line explanation."""

from __future__ import annotations

from collections.abc import Sequence

from .citations import SourceKey, citation
from .models import Claim, Evidence, Label, Stance, Verdict

MAX_EVIDENCE = 5
MAX_RELATED = 3


def _overlaps(a: Evidence, b: Evidence) -> bool:
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
    contradicting = _distinct([e for e in by_score if e.stance is Stance.CONTRADICTS])
    supporting = _distinct([e for e in by_score if e.stance is Stance.SUPPORTS])
    if supporting:
        # A window holding a supporting sentence takes its contradiction from the sentence beside it,
        # which is judged on its own anyway.
        contradicting = [e for e in contradicting if not any(_overlaps(e, s) for s in supporting)]
        # A different figure or date in a passage that matches less of the claim than a supporting
        # passage does is about another fact ("300 signed a letter" vs "a dozen resigned"), not a disagreement.
        best_coverage = max(e.signals.get("predicate_coverage", 0.0) for e in supporting)
        contradicting = [
            e
            for e in contradicting
            if not (("figure_conflict" in e.signals or "date_conflict" in e.signals) and e.signals.get("predicate_coverage", 0.0) < best_coverage)
        ]
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
