"""`--format json`: the DESIGN.md report shape, byte-identical for identical inputs."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Conflict, PartVerdict, Verdict
from .base import ReportContext, claim_record, evidence_record, summary
from .escape import json_text


def conflict_record(conflict: Conflict) -> dict[str, object]:
    """A conflict in the DESIGN.md JSON shape: the rule that found it and the two sides it opposes."""
    return {"rule": conflict.rule, "claim_side": conflict.claim_side, "source_side": conflict.source_side}


def part_record(part: PartVerdict, text: str, context: ReportContext) -> dict[str, object]:
    """One part of a compound claim: its words in the claim (`text` == claim text[char_start:char_end]), what was checked, its verdict."""
    return {
        "text": text[part.start : part.end],
        "char_start": part.start,
        "char_end": part.end,
        "checked_as": part.text,
        "verdict": part.label.value,
        "explanation": part.explanation,
        "evidence": [evidence_record(e, context) for e in part.evidence[:1]],
    }


def json_claim_record(verdict: Verdict, context: ReportContext) -> dict[str, object]:
    """One claim as the JSON formats write it: the DESIGN.md record, with `conflict` on a conflicting claim (after its
    explanation, which is rendered from it), on each contradicting evidence item, and `parts` for a compound claim."""
    record = claim_record(verdict, context)
    if verdict.parts:
        record["parts"] = [part_record(p, verdict.claim.text, context) for p in verdict.parts]
    items = record.get("evidence")
    if isinstance(items, list):
        for item, evidence in zip(items, verdict.evidence):
            if evidence.conflict is not None and isinstance(item, dict):
                item["conflict"] = conflict_record(evidence.conflict)
    if verdict.conflict is None:
        return record
    ordered: dict[str, object] = {}
    for key, value in record.items():
        ordered[key] = value
        if key == "explanation":
            ordered["conflict"] = conflict_record(verdict.conflict)
    return ordered


def report_dict(verdicts: list[Verdict], context: ReportContext) -> dict[str, object]:
    """The report as plain data, claims in input order."""
    return {"claims": [json_claim_record(v, context) for v in verdicts], "summary": summary(verdicts)}


def render_json(verdicts: list[Verdict], context: ReportContext) -> str:
    """Pretty JSON with a trailing newline; the exact data, terminal-unsafe characters as `\\u` escapes."""
    return "".join(stream_json(verdicts, context))


def _indented(text: str, prefix: str) -> str:
    return text.replace("\n", "\n" + prefix)


def stream_json(verdicts: list[Verdict], context: ReportContext) -> Iterator[str]:
    """The JSON report a claim at a time, byte for byte what one `json.dumps(..., indent=2)` of the whole would write.

    A large claims set is never held as one string (JSON strings hold no raw line breaks, so re-indenting is exact).
    """
    if not verdicts:
        yield '{\n  "claims": [],\n'
    else:
        yield '{\n  "claims": [\n'
        for n, verdict in enumerate(verdicts):
            yield ("    " if n == 0 else ",\n    ") + _indented(json_text(json_claim_record(verdict, context), indent=2), "    ")
        yield "\n  ],\n"
    yield '  "summary": ' + _indented(json_text(summary(verdicts), indent=2), "  ") + "\n}\n"
