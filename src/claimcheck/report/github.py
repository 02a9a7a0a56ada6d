"""`--format github`: GitHub Actions workflow commands that annotate the claims file or draft."""

from __future__ import annotations

from ..models import Citation, Verdict
from .base import (
    VERDICT_NAMES,
    ReportContext,
    baseline_note,
    citation_note,
    claim_positions,
    claims_count,
    fails,
    gate_note,
    place,
    quote_groups,
    relative_path,
    reported,
    shorten,
    summary,
)
from .escape import fold, github_data, github_property

QUOTE_LIMIT = 300
QUOTES_PER_GROUP = 2


# GitHub's documented escapes (https://github.com/actions/toolkit, `command.ts`), plus unsafe characters shown.
escape_data = github_data
escape_property = github_property


def _message(verdict: Verdict, context: ReportContext) -> str:
    lines = [f"{VERDICT_NAMES[verdict.label]}: {fold(verdict.claim.text)}"]
    standing = baseline_note(verdict, context)
    if standing:
        lines.append(f"Baseline: {standing}")
    note = gate_note(verdict, context)
    if note and (verdict.claim.expect is not None or verdict.citation is Citation.WRONG_SOURCE):
        lines.append(note[0].upper() + note[1:])
    if verdict.explanation:
        lines.append(fold(verdict.explanation))
    if citation_note(verdict):
        lines.append(citation_note(verdict)[0].upper() + citation_note(verdict)[1:])
    for heading, items in quote_groups(verdict):
        for item in items[:QUOTES_PER_GROUP]:
            lines.append(f"{heading} ({place(item)}): \u201c{shorten(item.passage.text, QUOTE_LIMIT)}\u201d")
    return "\n".join(lines)


def _command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}\n"


def render_github(verdicts: list[Verdict], context: ReportContext) -> str:
    """`::error` for claims that fail the gate, `::warning` for other unsupported ones, one closing `::notice`."""
    positions = claim_positions(verdicts, context)
    out = []
    for verdict in reported(verdicts, context):
        position = positions[id(verdict)]
        properties: dict[str, object] = {
            "file": relative_path(position.path) if position.path else None,
            "line": position.line if position.path else None,
            "col": position.column if position.path and context.mode == "draft" else None,
            "title": f"claimcheck: {verdict.label.value} claim {verdict.claim.id}"
            + (f" ({standing})" if (standing := baseline_note(verdict, context)) else ""),
        }
        out.append(_command("error" if fails(verdict, context) else "warning", properties, _message(verdict, context)))
    counts = summary(verdicts)
    failing = sum(1 for v in verdicts if fails(v, context))
    closing = f"{claims_count(len(verdicts))}: {counts['supported']} supported, {counts['conflicting']} conflicting, {counts['unsourced']} unsourced; " + (
        f"{failing} fail the gate" if failing else "gate passed"
    )
    out.append(_command("notice", {"title": "claimcheck"}, closing))
    return "".join(out)
