"""`draft --annotate`: a copy of the draft with footnote citations and flags; the original is never touched."""

from __future__ import annotations

from ..models import Evidence, Label, Stance, Verdict
from .base import ReportContext, place
from .escape import markdown, markdown_code

FLAG = {Label.CONFLICTING: "⚠ CONFLICTING", Label.UNSOURCED: "⚠ UNSOURCED"}


def _field(meta: dict[str, str], key: str) -> str:
    """A metadata field as escaped Markdown ("" when absent or blank)."""
    value = str(meta.get(key) or "").strip()
    return markdown(value) if value else ""


def _citation(evidence: Evidence, context: ReportContext) -> str:
    """Title, outlet, date, `file:line` and the quote, for one footnote; every piece of source data escaped as Markdown."""
    meta = context.metadata(evidence.passage.root, evidence.passage.source)
    title = _field(meta, "title")
    parts = [f"*{title}*" if title else "", _field(meta, "outlet"), _field(meta, "date")]
    where = ", ".join(p for p in parts if p)
    quote = markdown(evidence.passage.text)
    label = {Stance.SUPPORTS: "", Stance.CONTRADICTS: "contradicts: ", Stance.RELATED: "closest: "}[evidence.stance]
    return f"{label}{where + ' — ' if where else ''}{markdown_code(place(evidence))}: “{quote}”"


def annotate(draft_text: str, verdicts: list[Verdict], context: ReportContext) -> str:
    """The draft with `[^n]` after each checked sentence, a flag on conflicting and unsourced ones, and the failing part of a
    compound sentence marked `<ins>…</ins>`."""
    notes: list[str] = []
    insertions: list[tuple[int, str]] = []
    for verdict in sorted(verdicts, key=lambda v: v.claim.char_start or 0):
        if verdict.claim.char_end is None:
            continue
        cited = [e for e in verdict.evidence if e.stance is not Stance.RELATED] or list(verdict.evidence[:1])
        marks = ""
        if verdict.label in FLAG:
            notes.append(f"{FLAG[verdict.label]}: {markdown(verdict.explanation)}")
            marks += f" **[{FLAG[verdict.label]}]**[^cc-{len(notes)}]"
        for evidence in cited[:2]:
            notes.append(_citation(evidence, context))
            marks += f"[^cc-{len(notes)}]"
        if marks:
            insertions.append((verdict.claim.char_end, marks))
        part = verdict.failing_part
        start = verdict.claim.char_start
        # The failing part of a compound sentence is marked in place, where the sentence is the draft's text as it stands
        # (no inline markup the marks could cut through).
        if part is not None and start is not None and draft_text[start : verdict.claim.char_end] == verdict.claim.text:
            insertions += [(start + part.end, "</ins>"), (start + part.start, "<ins>")]
    annotated = draft_text
    # From the end backwards, so offsets stay valid; at one offset a closing mark goes after the sentence's own words
    # and before the flags that follow them (the list's order among equal offsets is kept by the stable sort).
    for offset, marks in sorted(insertions, key=lambda item: item[0], reverse=True):
        annotated = annotated[:offset] + marks + annotated[offset:]
    newline = "\r\n" if "\r\n" in draft_text else "\n"
    # Notes are numbered "cc-1", "cc-2", … so they never collide with the draft's own footnotes.
    footer = [f"[^cc-{n}]: {text}" for n, text in enumerate(notes, start=1)]
    if footer:
        annotated = annotated.rstrip() + newline * 2 + "---" + newline * 2 + newline.join(footer) + newline
    return annotated
