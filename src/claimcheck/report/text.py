"""`--format text`: a rich table for the terminal, plain text elsewhere; conflicts first."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Citation, Label, Stance, Verdict
from .base import ReportContext, baseline_note, citation_note, gate_failures, new_failures, ordered, place, summary
from .escape import terminal

STYLE = {Label.CONFLICTING: "bold red", Label.UNSOURCED: "yellow", Label.SUPPORTED: "green"}
MARK = {Label.CONFLICTING: "✗", Label.UNSOURCED: "?", Label.SUPPORTED: "✓"}
QUOTE_LIMIT = 240


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return terminal(text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…")


def render_text(verdicts: list[Verdict], context: ReportContext) -> str:
    """The claims table, a summary line and the gate result."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=context.color, no_color=not context.color, width=context.width or 120, highlight=False, emoji=False)
    # Data only ever enters as `Text` (never as a markup string) and through `terminal`.
    table = Table(show_lines=True, expand=True, title=Text(terminal(context.title)))
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim", ratio=2)
    table.add_column("evidence", ratio=3)
    failing = {id(v) for v in gate_failures(verdicts, context)}
    for verdict in ordered(verdicts):
        label = Text(f"{MARK[verdict.label]} {verdict.label.value}", style=STYLE[verdict.label])
        label.append(f"\n{verdict.confidence:.2f}", style="dim")
        if id(verdict) in failing:
            expect = verdict.claim.expect
            label.append("\nFAILS GATE" if expect is None or expect is verdict.label else f"\nexpected {expect.value}", style="bold")
        standing = baseline_note(verdict, context)
        if standing:
            label.append(f"\n{standing.upper() if id(verdict) in failing else standing}", style="bold magenta" if id(verdict) in failing else "dim")
        claim = Text()
        claim.append(terminal(verdict.claim.id), style="bold")
        where = f" (line {verdict.claim.line})" if context.mode == "draft" and verdict.claim.line else ""
        claim.append(f"{where}\n{terminal(verdict.claim.text)}\n")
        claim.append(terminal(verdict.explanation), style="italic dim")
        if citation_note(verdict):
            claim.append(f"\n{terminal(citation_note(verdict))}", style="bold" if verdict.citation is Citation.WRONG_SOURCE else "dim")
        evidence = Text()
        for n, item in enumerate(verdict.evidence[:3]):
            if n:
                evidence.append("\n")
            tag = {Stance.SUPPORTS: "supports", Stance.CONTRADICTS: "contradicts", Stance.RELATED: "related"}[item.stance]
            evidence.append(f"{terminal(place(item))} [{tag}] ", style="cyan")
            evidence.append(f"“{_quote(item.passage.text)}”")
        table.add_row(label, claim, evidence)
    console.print(table)
    counts = summary(verdicts)
    failures = len(failing)
    line = f"{len(verdicts)} claims: {counts['supported']} supported, {counts['conflicting']} conflicting, {counts['unsourced']} unsourced"
    new = f" ({new_failures(verdicts, context)} new or changed since the baseline)" if context.baseline_given and failures else ""
    console.print(line + (f" — {failures} fail the gate{new}" if failures else " — gate passed"))
    return buffer.getvalue()
