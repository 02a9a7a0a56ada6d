"""`--format markdown`: the citation report for editors."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from claimcheck.models import Label
from claimcheck.report import render
from claimcheck.report.base import cited_sources, source_metadata
from claimcheck.report.markdown import escape


def _plain(markdown: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_structure(verdicts, context):
    output = render(verdicts, "markdown", context)
    assert output.startswith("# Report \\<test\\> & co\n")
    counts = {label: sum(1 for v in verdicts if v.label is label) for label in Label}
    assert f"| Conflicting | {counts[Label.CONFLICTING]} |" in output
    assert f"| Unsourced | {counts[Label.UNSOURCED]} |" in output
    assert f"| Supported | {counts[Label.SUPPORTED]} |" in output
    headings = [h for h in re.findall(r"^## (\w+)", output, re.M) if h != "Bibliography"]
    order = ["Conflicting", "Unsourced", "Supported"]
    assert headings == [name for name in order if counts[Label(name.lower())]]
    assert output.index("## Bibliography") > max(output.index(f"## {h}") for h in headings)


def test_every_claim_with_its_text_and_quotes(verdicts, context):
    output = render(verdicts, "markdown", context)
    visible = _plain(output)
    for verdict in verdicts:
        assert " ".join(verdict.claim.text.split()) in visible
        assert f"{verdict.claim.file}:{verdict.claim.line}" in output
        for item in verdict.evidence:
            # Markdown escapes in a source (`\$41`) are shown as the characters they stand for.
            assert " ".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", item.passage.text).split()) in visible
            assert f"`{item.passage.source}:{item.passage.line_start}" in output


def test_conflict_shows_both_sides(verdicts, context, mixed_verdict):
    output = render(verdicts, "markdown", context)
    section = output.split("### Conflicting: mixed-evidence", 1)[1].split("\n### ", 1)[0]
    says, others = section.index("**Source says**"), section.index("**Other sources**")
    assert says < others
    against, agreeing = mixed_verdict.evidence[0].passage, mixed_verdict.evidence[1].passage
    assert escape(against.text) in section[says:others]
    assert escape(agreeing.text) in section[others:]
    metadata = source_metadata(context, against.root, against.source)
    assert escape(metadata["title"]) in section and metadata["date"] in section


def test_bibliography_lists_each_cited_source_once(verdicts, context):
    output = render(verdicts, "markdown", context)
    bibliography = output.split("## Bibliography", 1)[1]
    entries = [line for line in bibliography.splitlines() if line.startswith("- ")]
    sources = cited_sources(verdicts, context)
    assert len(entries) == len(sources)
    for (root, source), entry in zip(sources, entries):
        assert entry.startswith(f"- `{source}`")
        metadata = source_metadata(context, root, source)
        for key in ("title", "outlet", "author", "date"):
            if key in metadata:
                assert escape(metadata[key]) in entry


def test_draft_mode_names_lines(draft_verdicts, draft_context):
    output = render(draft_verdicts, "markdown", draft_context)
    assert "Draft: `drafts/story.md`" in output
    for verdict in draft_verdicts:
        assert f"(line {verdict.claim.line})" in output


@pytest.mark.parametrize(
    "text",
    [
        "$41 million, not $14 million",
        "*not* emphasis and _not_ either, but snake_case stays",
        "1. not a list",
        "- nor this",
        "# nor a heading",
        "<b>no tags</b> &amp; no entities",
        "a \\ backslash and `code` and [a](link) | pipe ~~strike~~",
        "+ plus",
    ],
)
def test_escape_round_trips(text):
    assert _plain(escape(text)).strip() == text
    assert "snake\\_case" not in escape("snake_case")
