"""`--format html`: one self-contained, print-friendly page (inline CSS, no scripts, no external assets)."""

from __future__ import annotations

from .. import __version__
from ..models import Citation, Evidence, Label, Stance, Verdict
from .base import (
    VERDICT_NAMES,
    ReportContext,
    by_stance,
    citation_note,
    cited_sources,
    claim_positions,
    claim_slugs,
    claims_count,
    gate_failures,
    gate_note,
    lines_label,
    ordered,
    place,
    safe_url,
    source_line,
    source_metadata,
    summary,
)
from .escape import html_text
from .marks import Layer, Span, conflict_spans, merged, paragraph_layers, part_layers, quote_layers, render, trimmed, unescape

CSS = """
:root { color-scheme: light; --red: #b42318; --red-bg: #fde8e7; --amber: #8a5a00; --amber-bg: #fff3d1;
  --green: #146c2e; --green-bg: #e3f5e8; --grey: #5b6270; --rule: #d9dce1; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1d2127; background: #fff; max-width: 68rem;
  margin: 0 auto; padding: 1.5rem; }
h1, h2, h3, .badge, .meta, .counts, .gate, footer, .side-title { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; }
.meta { color: var(--grey); font-size: .9rem; margin: 0; }
.counts { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.counts li { display: flex; align-items: center; gap: .4rem; }
.gate { font-weight: 600; }
.gate.failed { color: var(--red); }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .8rem; font-weight: 700;
  letter-spacing: .02em; text-transform: uppercase; border: 1px solid currentColor; }
.badge-conflicting { color: var(--red); background: var(--red-bg); }
.badge-unsourced { color: var(--amber); background: var(--amber-bg); }
.badge-supported { color: var(--green); background: var(--green-bg); }
.claim { border: 1px solid var(--rule); border-left: 6px solid var(--grey); border-radius: 6px; padding: .75rem 1rem;
  margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.claim.verdict-conflicting { border-left-color: var(--red); }
.claim.verdict-unsourced { border-left-color: var(--amber); }
.claim.verdict-supported { border-left-color: var(--green); }
.claim h3 { font-size: 1rem; margin: 0 0 .4rem; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
.claim-text { font-size: 1.1rem; margin: .3rem 0; }
.explanation { color: var(--grey); font-style: italic; margin: .3rem 0 .6rem; }
.fails { color: var(--red); font-weight: 700; font-size: .85rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.sides.single { grid-template-columns: 1fr; }
.side-title { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--grey); margin: .4rem 0; }
.quote { margin: .4rem 0 .8rem; padding: .3rem .8rem; border-left: 4px solid var(--rule); break-inside: avoid; }
.quote p { margin: 0 0 .3rem; }
.stance-contradicts { border-left-color: var(--red); }
.stance-supports { border-left-color: var(--green); }
.stance-related { border-left-color: var(--rule); }
.quote footer, .none { font-size: .85rem; color: var(--grey); }
.quote .why { display: block; font-style: italic; }
.failing-part { text-decoration: underline wavy #c0392b; text-underline-offset: 3px; }
mark.diff { background: #ffe08a; color: inherit; padding: 0 .1em; border-radius: 2px; font-weight: 600; }
details.context { margin: .2rem 0 .3rem; font-size: .9rem; }
details.context summary { cursor: pointer; color: var(--grey); font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: .8rem; }
details.context p { margin: .3rem 0; color: #3a3f47; }
details.context .quoted { background: #eef2ff; }
#bibliography li { margin: .3rem 0; }
body > footer { margin-top: 2rem; color: var(--grey); font-size: .8rem; }
a { color: #1d4ed8; }
@media (max-width: 720px) { .sides { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  details.context summary { display: none; }
  *, .badge, .claim { background: transparent !important; box-shadow: none !important; }
  .badge { color: #000 !important; border-color: #000; }
  .claim { border-color: #999; break-inside: avoid; page-break-inside: avoid; }
  .sides:not(.single) { grid-template-columns: 1fr 1fr; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  #bibliography a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; }
}
""".strip()


# Every piece of data in the page, text or attribute, goes through this one function.
_e = html_text


def _badge(label: Label) -> str:
    return f'<span class="badge badge-{label.value}">{_e(VERDICT_NAMES[label])}</span>'


def _shown(text: str) -> str:
    """A piece of quoted text: white space folded (a quote may span lines), then escaped."""
    return _e(" ".join(text.split()) if text.strip() else (" " if text else ""))


def _piece(text: str) -> str:
    """Like `_shown`, keeping one space at either end so that marked words stay apart from their neighbours."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + _shown(text).strip() + trail if text.strip() else _shown(text)


def _quote(item: Evidence, context: ReportContext, source_ids: dict[tuple[str, str], str], spans: list[Span], said: str) -> str:
    """One quoted passage: its opposed words marked, its place, and its paragraph to expand; `said` is what the page already explains."""
    p = item.passage
    attrs = f'class="quote stance-{item.stance.value}" data-source="{_e(p.source)}" data-lines="{_e(lines_label(item))}"'
    if len(context.roots) > 1:
        attrs += f' data-root="{_e(p.root)}"'
    about = source_line(context, p.root, p.source)
    anchor = source_ids.get((p.root, p.source))
    cite = f"<cite><code>{_e(place(item))}</code></cite>"
    if anchor:
        cite = f'<a href="#{anchor}">{cite}</a>'
    footer = f"— {cite}" + (f", {_e(about)}" if about else "")
    if item.explanation and item.explanation not in said:  # each explanation once
        footer += f'<span class="why">{_e(item.explanation)}</span>'
    text, layers = unescape(p.text, quote_layers(item, spans, '<mark class="diff">', "</mark>"))
    body = render(text, layers, _piece).strip()
    parts = [f"<blockquote {attrs}>", f"<p>{body}</p>"]
    paragraph = context.paragraph(item)
    if paragraph is not None and paragraph.text.strip() != p.text.strip():
        layers = paragraph_layers(item, paragraph, spans, ('<span class="quoted">', "</span>"), ('<mark class="diff">', "</mark>"))
        text, layers = unescape(paragraph.text, layers)
        parts.append(f'<details class="context"><summary>Paragraph</summary><p>{render(text, layers, _piece).strip()}</p></details>')
    parts += [f"<footer>{footer}</footer>", "</blockquote>"]
    return "\n".join(parts)


def _side(
    kind: str,
    title: str,
    items: list[Evidence],
    empty: str,
    context: ReportContext,
    source_ids: dict[tuple[str, str], str],
    marks: dict[int, list[Span]],
    verdict: Verdict,
) -> str:
    index = {id(e): n for n, e in enumerate(verdict.evidence)}
    said = verdict.explanation
    body = "\n".join(_quote(item, context, source_ids, marks.get(index[id(item)], []), said) for item in items) or f'<p class="none">{_e(empty)}</p>'
    return f'<div class="side side-{kind}">\n<h4 class="side-title">{_e(title)}</h4>\n{body}\n</div>'


def _evidence(verdict: Verdict, context: ReportContext, source_ids: dict[tuple[str, str], str], marks: dict[int, list[Span]]) -> str:
    groups = by_stance(verdict)

    def side(kind: str, title: str, items: list[Evidence], empty: str) -> str:
        return _side(kind, title, items, empty, context, source_ids, marks, verdict)

    if verdict.label is Label.CONFLICTING:
        # "Other sources" only when a source supports the claim: an empty column reads as a missing part of the page.
        sides = [side("contradicting", "Source says", groups[Stance.CONTRADICTS], "No passage contradicts it.")]
        if groups[Stance.SUPPORTS]:
            sides.append(side("supporting", "Other sources", groups[Stance.SUPPORTS], ""))
        parts = ['<div class="sides">' if len(sides) > 1 else '<div class="sides single">', *sides, "</div>"]
        if groups[Stance.RELATED]:
            parts.append(side("related", "Related passages", groups[Stance.RELATED], ""))
        return "\n".join(parts)
    if verdict.label is Label.SUPPORTED:
        parts = [side("supporting", "Evidence", groups[Stance.SUPPORTS], "No passage quoted.")]
        others = groups[Stance.CONTRADICTS] + groups[Stance.RELATED]
        if others:
            parts.append(side("related", "Related passages", others, ""))
        return "\n".join(parts)
    return side("related", "Closest passages", list(verdict.evidence), "No source passage bears on this claim.")


def quote_layers_for_claim(text: str, spans: list[Span]) -> list[Layer]:
    """The claim's opposed words, marked as in the quotes."""
    return [Layer(*trimmed(text, span), '<mark class="diff">', "</mark>") for span in merged(spans)]


def _part_title(verdict: Verdict) -> str:
    """The failing part's verdict and explanation, shown when the reader points at its words."""
    part = verdict.failing_part
    return f"this part is {part.label.value}: {part.explanation}" if part is not None else ""


def _claim(verdict: Verdict, context: ReportContext, slug: str, where: str, failing: bool, source_ids: dict[tuple[str, str], str]) -> str:
    claim = verdict.claim
    head = [_badge(verdict.label), f"<code>{_e(claim.id)}</code>"]
    if where:
        head.append(f'<span class="meta where">{_e(where)}</span>')
    head.append(f'<span class="meta confidence">confidence {verdict.confidence:.2f}</span>')
    if failing:
        note = f": {gate_note(verdict, context)}" if claim.expect is not None or verdict.citation is Citation.WRONG_SOURCE else ""
        head.append(f'<span class="fails">fails the gate{_e(note)}</span>')
    claim_marks, quote_marks = conflict_spans(verdict)
    failing_part = part_layers(verdict, f'<span class="failing-part" title="{_e(_part_title(verdict))}">', "</span>", merged(claim_marks))
    text = render(claim.text, failing_part + quote_layers_for_claim(claim.text, claim_marks), _piece).strip()
    parts = [
        f'<section class="claim verdict-{verdict.label.value}" id="claim-{_e(slug)}" data-citation="{_e(verdict.citation.value)}">',
        f"<h3>{' '.join(head)}</h3>",
        f'<p class="claim-text">{text}</p>',
    ]
    if verdict.explanation:
        parts.append(f'<p class="explanation">{_e(verdict.explanation)}</p>')
    if citation_note(verdict):
        parts.append(f'<p class="meta citation citation-{_e(verdict.citation.value)}">{_e(citation_note(verdict))}</p>')
    parts += [_evidence(verdict, context, source_ids, quote_marks), "</section>"]
    return "\n".join(parts)


def _bibliography(sources: list[tuple[str, str]], context: ReportContext, source_ids: dict[tuple[str, str], str]) -> str:
    items = []
    for key in sources:
        root, source = key
        metadata = source_metadata(context, root, source)
        parts = [f"<code>{_e(source)}</code>" + (f" (in <code>{_e(root)}</code>)" if len(context.roots) > 1 else "")]
        if "title" in metadata:
            parts.append(f"<cite>{_e(metadata['title'])}</cite>")
        for field in ("outlet", "author", "date"):
            if field in metadata:
                parts.append(f'<span class="{field}">{_e(metadata[field])}</span>')
        if "url" in metadata:
            url = safe_url(metadata["url"])
            # Only an http(s) URL becomes a link; any other is shown as text.
            parts.append(f'<a href="{_e(url)}">{_e(url)}</a>' if url else f'<span class="url">{_e(metadata["url"])}</span>')
        encoding = context.encoding(root, source)
        if encoding.replace("-", "").lower() not in ("utf8", "ascii"):
            parts.append(f"decoded as {_e(encoding)}")
        items.append(f'<li id="{source_ids[key]}" data-source="{_e(source)}">{". ".join(parts)}</li>')
    body = "<ol>\n" + "\n".join(items) + "\n</ol>" if items else '<p class="none">No sources quoted.</p>'
    return f'<section id="bibliography">\n<h2>Bibliography</h2>\n{body}\n</section>'


def render_html(verdicts: list[Verdict], context: ReportContext) -> str:
    """A complete HTML page: summary, claims grouped by verdict (conflicts side by side), bibliography."""
    counts = summary(verdicts)
    failing = {id(v) for v in gate_failures(verdicts, context)}
    positions = claim_positions(verdicts, context)
    claims = ordered(verdicts)
    slugs = claim_slugs(verdicts)  # input order, as claimreview's anchors
    sources = cited_sources(verdicts, context)
    source_ids = {key: f"source-{n}" for n, key in enumerate(sources, start=1)}
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="claimcheck {_e(__version__)}">',
        f"<title>{_e(context.title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(context.title)}</h1>",
    ]
    if context.mode == "draft" and context.draft_path:
        out.append(f'<p class="meta">Draft: <code>{_e(context.draft_path)}</code></p>')
    if context.roots:
        out.append(f'<p class="meta">Sources: {", ".join(f"<code>{_e(r)}</code>" for r in context.roots)}</p>')
    out += ["</header>", '<section id="summary">', "<h2>Summary</h2>", '<ul class="counts">']
    for label in (Label.CONFLICTING, Label.UNSOURCED, Label.SUPPORTED):
        out.append(f'<li class="count count-{label.value}">{_badge(label)} <strong>{counts[label.value]}</strong></li>')
    out.append("</ul>")
    if failing:
        out.append(f'<p class="gate failed">{claims_count(len(verdicts))} — {len(failing)} fail the gate.</p>')
    else:
        out.append(f'<p class="gate passed">{claims_count(len(verdicts))} — gate passed.</p>')
    out.append("</section>")
    out.append('<main id="claims">')
    current: Label | None = None
    for verdict in claims:
        if verdict.label is not current:
            if current is not None:
                out.append("</section>")
            current = verdict.label
            out.append(f'<section class="group" id="group-{current.value}">')
            out.append(f"<h2>{_e(VERDICT_NAMES[current])} ({counts[current.value]})</h2>")
        position = positions[id(verdict)]
        if context.mode == "draft":
            where = f"line {position.line}" if position.line else ""
        else:
            where = f"{position.path}:{position.line}" if position.path and position.line else ""
        out.append(_claim(verdict, context, slugs[id(verdict)], where, id(verdict) in failing, source_ids))
    if current is not None:
        out.append("</section>")
    out.append("</main>")
    out.append(_bibliography(sources, context, source_ids))
    out += [f"<footer>Generated by claimcheck {_e(__version__)}.</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
