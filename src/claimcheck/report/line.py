"""`--format line`: `path:line:col: verdict: message`, one line per claim a linter would list."""

from __future__ import annotations

from ..models import Verdict
from .base import ReportContext, baseline_note, citation_note, claim_positions, gate_note, reported, shorten
from .escape import fold, visible_line

CLAIM_LIMIT = 120


def message(verdict: Verdict, context: ReportContext) -> str:
    """One line: the claim, why, and its id (and the gate's expectation when it differs)."""
    note = gate_note(verdict, context)
    parts = [f"\u201c{shorten(verdict.claim.text, CLAIM_LIMIT)}\u201d"]
    if verdict.explanation:
        parts.append(fold(verdict.explanation))
    if citation_note(verdict):
        parts.append(citation_note(verdict))
    text = " \u2014 ".join(parts) + f" [{verdict.claim.id}]"
    standing = baseline_note(verdict, context)  # with --baseline: which failures are new
    if standing:
        text += f" ({standing})"
    return f"{note}: {text}" if verdict.claim.expect is not None and note else text


def render_line(verdicts: list[Verdict], context: ReportContext) -> str:
    """Every claim that is not supported or that fails the gate, in input order; nothing for the rest."""
    positions = claim_positions(verdicts, context)
    out = []
    for verdict in reported(verdicts, context):
        position = positions[id(verdict)]
        path = position.path or "<claims>"
        record = f"{path}:{position.line or 1}:{position.column or 1}: {verdict.label.value}: {fold(message(verdict, context))}"
        # The record's own parts hold no control character: every one left is data, shown as an escape.
        out.append(visible_line(record) + "\n")
    return "".join(out)
