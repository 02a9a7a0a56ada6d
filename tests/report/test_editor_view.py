"""HTML and Markdown reports read at a glance: opposed words marked in both quotes, each explanation once, no empty
"Other sources" column, Markdown escapes in sources shown as their characters, and each quote's paragraph to expand."""

from __future__ import annotations

import json
import re

import pytest

from claimcheck.models import Claim, Conflict, Document, Evidence, Label, Passage, Stance, Verdict
from claimcheck.report import render
from claimcheck.reporting import paragraph_around, report_context

ROOT = "sources"
# Invented text: a Markdown source with an escaped dollar sign, the quoted sentence in the middle of a paragraph.
TEXT = (
    "# Budget\n\n"
    "The council met on Monday. It approved a \\$41 million budget for roads in 2024. Members then adjourned.\n\n"
    "A second paragraph says nothing more.\n"
)
QUOTE = "It approved a \\$41 million budget for roads in 2024."
CLAIM = "The council approved a $14 million budget for roads in 2024."


def _passage(text: str = TEXT, quote: str = QUOTE) -> Passage:
    start = text.index(quote)
    line = text.count("\n", 0, start) + 1
    return Passage("budget.md", ROOT, quote, start, start + len(quote), line, line)


def _document() -> Document:
    return Document("budget.md", ROOT, TEXT, "0" * 64, metadata={"title": "Council budget"})


def _verdict(spans: bool = True, supporting: bool = False) -> Verdict:
    passage = _passage()
    claim_at, source_at = CLAIM.index("$14 million"), QUOTE.index("\\$41 million")
    conflict = Conflict(
        "figure",
        "$14 million",
        "$41 million",
        claim_span=(claim_at, claim_at + len("$14 million")) if spans else None,
        source_span=(source_at, source_at + len("\\$41 million")) if spans else None,
    )
    explanation = "source: $41 million; claim: $14 million"
    evidence = [Evidence(passage, Stance.CONTRADICTS, 0.9, explanation, conflict=conflict)]
    if supporting:
        other = _passage(quote="The council met on Monday.")
        evidence.append(Evidence(other, Stance.SUPPORTS, 0.5, "another source agrees on the meeting"))
    return Verdict(Claim("budget", CLAIM, file="claims.yaml", line=3), Label.CONFLICTING, 0.9, explanation + " (budget.md:3)", tuple(evidence))


def _context(verdicts: list[Verdict]):
    return report_context(verdicts, roots=(ROOT,), documents=[_document()])


@pytest.mark.parametrize("spans", [True, False], ids=["rule-spans", "found-by-side"])
def test_opposed_words_are_marked_in_claim_and_quote(spans: bool) -> None:
    verdicts = [_verdict(spans=spans)]
    html = render(verdicts, "html", _context(verdicts))
    assert '<p class="claim-text">The council approved a <mark class="diff">$14 million</mark> budget for roads in 2024.</p>' in html
    assert '<p>It approved a <mark class="diff">$41 million</mark> budget for roads in 2024.</p>' in html
    markdown = render(verdicts, "markdown", _context(verdicts))
    assert "**Claim:** The council approved a **\\$14 million** budget for roads in 2024." in markdown
    assert "> It approved a **\\$41 million** budget for roads in 2024." in markdown


def test_markdown_escapes_in_sources_are_shown_as_their_characters_and_offsets_stay() -> None:
    verdicts = [_verdict()]
    html = render(verdicts, "html", _context(verdicts))
    assert "\\$" not in html and "$41 million" in html
    markdown = render(verdicts, "markdown", _context(verdicts))
    assert "\\\\$" not in markdown  # not the backslash itself, escaped
    record = json.loads(render(verdicts, "json", _context(verdicts)))["claims"][0]["evidence"][0]
    assert record["quote"] == QUOTE == TEXT[record["char_start"] : record["char_end"]]


def test_each_explanation_is_shown_once() -> None:
    verdicts = [_verdict(supporting=True)]
    for format_name in ("html", "markdown"):
        output = render(verdicts, format_name, _context(verdicts))
        assert output.count("source: $41 million; claim: $14 million") + output.count("source: \\$41 million; claim: \\$14 million") == 1, format_name
        assert "another source agrees on the meeting" in output


def test_other_sources_column_only_when_something_is_in_it() -> None:
    alone, both = [_verdict()], [_verdict(supporting=True)]
    assert "Other sources" not in render(alone, "html", _context(alone))
    assert "Other sources" not in render(alone, "markdown", _context(alone))
    assert '<div class="sides single">' in render(alone, "html", _context(alone))
    assert "Other sources" in render(both, "html", _context(both)) and "Other sources" in render(both, "markdown", _context(both))


def test_each_quote_expands_to_its_paragraph() -> None:
    verdicts = [_verdict()]
    html = render(verdicts, "html", _context(verdicts))
    details = re.search(r'<details class="context"><summary>Paragraph</summary><p>(.*?)</p></details>', html)
    assert details
    assert details.group(1) == (
        'The council met on Monday. <span class="quoted">It approved a <mark class="diff">$41 million</mark> budget for roads in 2024.</span> '
        "Members then adjourned."
    )
    markdown = render(verdicts, "markdown", _context(verdicts))
    assert "> The council met on Monday. *It approved a **\\$41 million** budget for roads in 2024.* Members then adjourned." in markdown
    assert "> <details><summary>Paragraph</summary>" in markdown
    # Without the paragraph in the report input (a report never reads a source itself), there is nothing to expand.
    bare = report_context(verdicts, roots=(ROOT,))
    assert "<details" not in render(verdicts, "html", bare)


def test_paragraph_around_a_passage() -> None:
    start = TEXT.index(QUOTE)
    paragraph = paragraph_around(TEXT, start, start + len(QUOTE))
    assert paragraph.text == "The council met on Monday. It approved a \\$41 million budget for roads in 2024. Members then adjourned."
    assert TEXT[paragraph.start : paragraph.start + len(paragraph.text)] == paragraph.text
    crlf = TEXT.replace("\n", "\r\n")
    start = crlf.index(QUOTE)
    assert paragraph_around(crlf, start, start + len(QUOTE)).text == paragraph.text
    # A paragraph far longer than the limit: a window of whole words around the quote.
    long = "word " * 2000 + QUOTE + " word" * 2000
    start = long.index(QUOTE)
    window = paragraph_around(long, start, start + len(QUOTE), limit=200)
    assert QUOTE in window.text and len(window.text) <= 260
    assert long[window.start : window.start + len(window.text)] == window.text
    assert window.text.startswith("word") and window.text.endswith("word")
