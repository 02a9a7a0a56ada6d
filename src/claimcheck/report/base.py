"""What every report format shares: run context, ordering, summaries and evidence records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..gate import fails_gate
from ..models import Document, Evidence, Label, Verdict

# Reports list conflicts first, then unsourced claims, then supported ones.
LABEL_ORDER = {Label.CONFLICTING: 0, Label.UNSOURCED: 1, Label.SUPPORTED: 2}


@dataclass
class ReportContext:
    """Facts about the run that a report may show."""

    mode: str = "check"  # "check" | "draft"
    roots: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    fail_on: tuple[Label, ...] = (Label.CONFLICTING, Label.UNSOURCED)
    draft_path: str | None = None
    draft_text: str | None = None
    title: str = "claimcheck report"
    color: bool = False
    width: int | None = None
    baseline: dict[str, Label] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def metadata(self, root: str, source: str) -> dict[str, str]:
        """Bibliographic metadata of a source, if known."""
        for document in self.documents:
            if document.root == root and document.path == source:
                return document.metadata
        return {}

    def encoding(self, root: str, source: str) -> str:
        """The text encoding a source was decoded with."""
        for document in self.documents:
            if document.root == root and document.path == source:
                return document.encoding
        return "utf-8"


def ordered(verdicts: list[Verdict]) -> list[Verdict]:
    """Conflicts first, then unsourced, then supported; stable within each."""
    return sorted(verdicts, key=lambda v: LABEL_ORDER[v.label])


def summary(verdicts: list[Verdict]) -> dict[str, int]:
    """Counts per verdict, every verdict present."""
    counts = Counter(v.label.value for v in verdicts)
    return {label.value: counts.get(label.value, 0) for label in Label}


def gate_failures(verdicts: list[Verdict], context: ReportContext) -> list[Verdict]:
    """The verdicts that fail the gate."""
    return [v for v in verdicts if fails_gate(v, context.fail_on, context.baseline)]


def evidence_record(evidence: Evidence, context: ReportContext) -> dict[str, object]:
    """One evidence item in the DESIGN.md JSON shape."""
    p = evidence.passage
    record: dict[str, object] = {
        "source": p.source,
        "line_start": p.line_start,
        "line_end": p.line_end,
        "char_start": p.char_start,
        "char_end": p.char_end,
        "quote": p.text,
        "stance": evidence.stance.value,
        "score": round(min(1.0, max(0.0, evidence.score)), 4),
    }
    if len(context.roots) > 1:
        record["root"] = p.root
    encoding = context.encoding(p.root, p.source)
    if encoding.replace("-", "").lower() not in ("utf8", "ascii"):
        record["encoding"] = encoding
    return record


def claim_record(verdict: Verdict, context: ReportContext) -> dict[str, object]:
    """One claim in the DESIGN.md JSON shape (draft mode adds its place in the draft)."""
    claim = verdict.claim
    record: dict[str, object] = {"id": claim.id, "text": claim.text}
    if context.mode == "draft":
        record |= {"line": claim.line, "char_start": claim.char_start, "char_end": claim.char_end}
    record |= {
        "verdict": verdict.label.value,
        "confidence": round(min(1.0, max(0.0, verdict.confidence)), 4),
        "explanation": verdict.explanation,
        "evidence": [evidence_record(e, context) for e in verdict.evidence],
    }
    return record


def place(evidence: Evidence) -> str:
    """`file:line` (or `file:first-last`) of a passage."""
    p = evidence.passage
    return f"{p.source}:{p.line_start}" if p.line_start == p.line_end else f"{p.source}:{p.line_start}-{p.line_end}"
