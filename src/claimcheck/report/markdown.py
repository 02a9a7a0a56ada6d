"""`--format markdown`: a citation report for editors, conflicts first, with a bibliography."""

from __future__ import annotations

from ..models import Citation, Evidence, Label, Verdict
from .base import (
    VERDICT_NAMES,
    ReportContext,
    citation_note,
    cited_sources,
    claim_positions,
    claims_count,
    gate_failures,
    gate_note,
    ordered,
    place,
    quote_groups,
    safe_url,
    source_line,
    source_metadata,
    summary,
)
from .escape import markdown, markdown_code
from .marks import Layer, Span, conflict_spans, merged, paragraph_layers, part_layers, quote_layers, render, trimmed, unescape

# The one escaping policy for Markdown lives in `escape.py` (the `--annotate` notes use it too).
escape = markdown
_code = markdown_code


def _piece(text: str) -> str:
    """Escaped Markdown for a piece of marked text, keeping one space at either end so marks stay apart from their neighbours."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[:1].isspace() else "") + escape(text) + (" " if text[-1:].isspace() else "")


def _quote(item: Evidence, context: ReportContext, spans: list[Span], said: str) -> list[str]:
    """A block quote, opposed words in bold, with its place, the source's title, outlet and date, and its paragraph to expand."""
    p = item.passage
    attribution = f"— {_code(place(item))}"
    about = source_line(context, p.root, p.source)
    if about:
        attribution += f", {escape(about)}"
    if len(context.roots) > 1:
        attribution += f" (in {_code(p.root)})"
    text, layers = unescape(p.text, quote_layers(item, spans, "**", "**"))
    lines = [f"> {render(text, layers, _piece).strip()}", ">", f"> {attribution}"]
    if item.explanation and item.explanation not in said:  # each explanation once
        lines.append(f"> *{escape(item.explanation)}*")
    paragraph = context.paragraph(item)
    if paragraph is not None and paragraph.text.strip() != p.text.strip():
        # GitHub and most Markdown viewers fold a <details> block; the quote is in italics within its paragraph.
        text, layers = unescape(paragraph.text, paragraph_layers(item, paragraph, spans, ("*", "*"), ("**", "**")))
        lines += [">", "> <details><summary>Paragraph</summary>", ">", f"> {render(text, layers, _piece).strip()}", ">", "> </details>"]
    return lines + [""]


def _quotes(heading: str, items: list[Evidence], context: ReportContext, verdict: Verdict, marks: dict[int, list[Span]]) -> list[str]:
    index = {id(e): n for n, e in enumerate(verdict.evidence)}
    lines = [f"**{heading}**", ""]
    for item in items:
        lines += _quote(item, context, marks.get(index[id(item)], []), verdict.explanation)
    return lines


def _claim(verdict: Verdict, context: ReportContext, where: str, failing: bool) -> list[str]:
    claim = verdict.claim
    name = VERDICT_NAMES[verdict.label]
    claim_marks, quote_marks = conflict_spans(verdict)
    marks = merged(claim_marks)
    text = render(
        claim.text, part_layers(verdict, "<ins>", "</ins>", marks) + [Layer(*trimmed(claim.text, span), "**", "**") for span in marks], _piece
    ).strip()
    lines = [f"### {name}: {escape(claim.id)}", ""]
    lines.append(f"**Claim:** {text}" + (f" ({where})" if where else ""))
    lines.append("")
    status = f"**Verdict:** {name.lower()} (confidence {verdict.confidence:.2f})"
    if failing:
        status += " — **fails the gate**"
        if claim.expect is not None or verdict.citation is Citation.WRONG_SOURCE:
            status += f": {escape(gate_note(verdict, context))}"
    lines += [status, ""]
    if verdict.explanation:
        lines += [f"**Why:** {escape(verdict.explanation)}", ""]
    if citation_note(verdict):
        lines += [f"**Citation:** {escape(citation_note(verdict).removeprefix('citation '))}", ""]
    for heading, items in quote_groups(verdict):
        lines += _quotes(heading, items, context, verdict, quote_marks)
    return lines


def _bibliography(verdicts: list[Verdict], context: ReportContext) -> list[str]:
    sources = cited_sources(verdicts, context)
    if not sources:
        return []
    lines = ["## Bibliography", ""]
    for root, source in sources:
        metadata = source_metadata(context, root, source)
        entry = f"- {_code(source)}"
        if len(context.roots) > 1:
            entry += f" (in {_code(root)})"
        parts = []
        if "title" in metadata:
            parts.append(f"*{escape(metadata['title'])}*")
        for key in ("outlet", "author", "date"):
            if key in metadata:
                parts.append(escape(metadata[key]))
        if "url" in metadata:
            url = safe_url(metadata["url"])
            parts.append(f"<{url}>" if url else escape(metadata["url"]))  # only http(s) becomes a link
        encoding = context.encoding(root, source)
        if encoding.replace("-", "").lower() not in ("utf8", "ascii"):
            parts.append(f"decoded as {escape(encoding)}")
        if parts:
            entry += ": " + ". ".join(parts)
        lines.append(entry)
    return lines + [""]


def render_markdown(verdicts: list[Verdict], context: ReportContext) -> str:
    """Title, summary counts, claims grouped by verdict (conflicts first) with quoted evidence, bibliography."""
    counts = summary(verdicts)
    failing = {id(v) for v in gate_failures(verdicts, context)}
    positions = claim_positions(verdicts, context)
    lines = [f"# {escape(context.title)}", ""]
    if context.mode == "draft" and context.draft_path:
        lines += [f"Draft: {_code(context.draft_path)}", ""]
    lines += [
        f"{claims_count(len(verdicts))}: {counts['conflicting']} conflicting, {counts['unsourced']} unsourced, "
        f"{counts['supported']} supported — " + (f"{len(failing)} fail the gate." if failing else "gate passed."),
        "",
        "| Verdict | Claims |",
        "| --- | ---: |",
    ]
    lines += [f"| {VERDICT_NAMES[label]} | {counts[label.value]} |" for label in (Label.CONFLICTING, Label.UNSOURCED, Label.SUPPORTED)]
    lines.append("")
    current: Label | None = None
    for verdict in ordered(verdicts):
        if verdict.label is not current:
            current = verdict.label
            lines += [f"## {VERDICT_NAMES[current]} ({counts[current.value]})", ""]
        position = positions[id(verdict)]
        if context.mode == "draft":
            where = f"line {position.line}" if position.line else ""
        else:
            where = _code(f"{position.path}:{position.line}") if position.path and position.line else ""
        lines += _claim(verdict, context, where, id(verdict) in failing)
    lines += _bibliography(verdicts, context)
    return "\n".join(lines).rstrip("\n") + "\n"
