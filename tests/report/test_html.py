"""`--format html`: a self-contained, print-friendly page; parsed with the standard library."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from claimcheck.models import Label, Stance
from claimcheck.report import render
from claimcheck.report.base import cited_sources, claim_slugs, lines_label

VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "area", "base", "col", "embed", "track"}


class Page(HTMLParser):
    """The elements of a page, with the claim section and quote each sits in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.claims: dict[str, dict[str, object]] = {}
        self.bibliography: list[dict[str, str]] = []
        self.in_bibliography = False
        self.current: str | None = None
        self.section_depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in VOID:
            self.stack.append(tag)
        classes = attributes.get("class", "").split()
        if tag == "section" and "claim" in classes:
            self.current = attributes["id"]
            self.section_depth = len(self.stack)
            self.claims[self.current] = {"classes": classes, "quotes": [], "side_titles": []}
        if tag == "blockquote" and self.current:
            self.claims[self.current]["quotes"].append(attributes)
        if tag == "section" and attributes.get("id") == "bibliography":
            self.in_bibliography = True
        if tag == "li" and self.in_bibliography:
            self.bibliography.append(attributes)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        if tag == "section" and self.current and len(self.stack) == self.section_depth:
            self.current = None
        if tag == "section" and self.in_bibliography:
            self.in_bibliography = False
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(output: str) -> Page:
    page = Page()
    page.feed(output)
    page.close()
    return page


def test_well_formed_and_self_contained(run):
    verdicts, context = run
    output = render(verdicts, "html", context)
    assert output.startswith("<!DOCTYPE html>")
    page = _parse(output)
    assert not page.errors
    assert page.stack == []
    for tag, attributes in page.tags:
        assert tag not in ("script", "iframe", "object", "embed"), tag
        if tag in ("link", "script", "img"):
            for name in ("src", "href"):
                assert not attributes.get(name, "").lower().startswith(("http", "//")), (tag, attributes)
        for name in attributes:
            assert not name.startswith("on"), name  # no inline script handlers either
    style = output.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@media print" in style
    assert "url(" not in style and "@import" not in style
    assert re.search(r"@media print \{.*break-inside: avoid", style, re.S)


def test_every_claim_present(run):
    verdicts, context = run
    page = _parse(render(verdicts, "html", context))
    slugs = claim_slugs(verdicts)
    assert len(page.claims) == len(verdicts)
    for verdict in verdicts:
        section = page.claims[f"claim-{slugs[id(verdict)]}"]
        assert f"verdict-{verdict.label.value}" in section["classes"]
        quotes = section["quotes"]
        assert len(quotes) == len(verdict.evidence)
        for quote, item in zip(
            sorted(quotes, key=lambda q: (q["data-source"], q["data-lines"])), sorted(verdict.evidence, key=lambda e: (e.passage.source, lines_label(e)))
        ):
            assert quote["data-source"] == item.passage.source
            assert quote["data-lines"] == lines_label(item)


def test_conflicts_show_both_quotes(run):
    verdicts, context = run
    page = _parse(render(verdicts, "html", context))
    slugs = claim_slugs(verdicts)
    conflicts = [v for v in verdicts if v.label is Label.CONFLICTING]
    assert conflicts
    for verdict in conflicts:
        quotes = page.claims[f"claim-{slugs[id(verdict)]}"]["quotes"]
        stances = [q["class"].split()[1] for q in quotes]
        assert "stance-contradicts" in stances
        if any(e.stance is Stance.SUPPORTS for e in verdict.evidence):
            assert "stance-supports" in stances


def test_mixed_conflict_side_by_side(verdicts, context, mixed_verdict):
    output = render(verdicts, "html", context)
    section = output.split('id="claim-mixed-evidence"', 1)[1].split("</section>", 1)[0]
    sides = section.split('<div class="sides">', 1)[1]
    contradicting = sides.index('class="side side-contradicting"')
    supporting = sides.index('class="side side-supporting"')
    assert contradicting < supporting
    assert 'class="quote stance-contradicts"' in sides[contradicting:supporting]
    assert 'class="quote stance-supports"' in sides[supporting:]
    assert "grid-template-columns: 1fr 1fr" in output
    assert 'class="badge badge-conflicting"' in section


def test_everything_escaped(verdicts, context):
    output = render(verdicts, "html", context)
    assert "<script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert "<title>Report &lt;test&gt; &amp; co</title>" in output
    page = _parse(output)
    text = "".join(page.text)
    tricky = next(v for v in verdicts if v.claim.id.startswith("tricky"))
    assert tricky.claim.text in text


def test_bibliography(verdicts, context):
    output = render(verdicts, "html", context)
    page = _parse(output)
    sources = cited_sources(verdicts, context)
    assert [entry["data-source"] for entry in page.bibliography] == [source for _, source in sources]
    assert len({entry["id"] for entry in page.bibliography}) == len(sources)
    # Every quote links to its bibliography entry.
    anchors = {entry["id"] for entry in page.bibliography}
    links = {attributes["href"][1:] for tag, attributes in page.tags if tag == "a" and attributes.get("href", "").startswith("#")}
    assert links == anchors


def test_unsafe_metadata_url_is_not_a_link(verdicts, context, checker):
    from dataclasses import replace

    from claimcheck.reporting import report_context

    documents = tuple(replace(d, metadata=dict(d.metadata) | {"url": "javascript:alert(1)"}) for d in checker.corpus.documents)
    unsafe = report_context(verdicts, mode="check", roots=context.roots, documents=documents)
    output = render(verdicts, "html", unsafe)
    assert 'href="javascript' not in output
    assert "javascript:alert(1)" in output
