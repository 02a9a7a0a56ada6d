"""Helpers every format shares: positions, slugs, citations."""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.report import base
from claimcheck.report.base import (
    TextPositions,
    cited_sources,
    claim_positions,
    claim_slugs,
    relative_path,
    reported,
    safe_url,
    slugify,
    source_line,
)


def test_text_positions_every_line_ending():
    text = "ab\r\ncd\ref\ngh"
    positions = TextPositions(text)
    assert positions.at(0) == (1, 1)
    assert positions.at(1) == (1, 2)
    assert positions.at(4) == (2, 1)  # CRLF is one line break
    assert positions.at(7) == (3, 1)  # so is a lone CR
    assert positions.at(10) == (4, 1)
    assert positions.at(len(text)) == (4, 3)


def test_draft_positions_point_at_the_claim(draft_verdicts, draft_context):
    lines = re.split(r"\r\n|\r|\n", draft_context.draft_text)
    positions = claim_positions(draft_verdicts, draft_context)
    for verdict in draft_verdicts:
        position = positions[id(verdict)]
        claim = verdict.claim
        assert position.path == draft_context.draft_path
        assert position.line == claim.line
        sentence = draft_context.draft_text[claim.char_start : claim.char_end].splitlines()
        assert lines[position.line - 1][position.column - 1 :].startswith(sentence[0])
        assert lines[position.end_line - 1][: position.end_column - 1].endswith(sentence[-1])


def test_check_positions_use_claims_file(verdicts, context):
    positions = claim_positions(verdicts, context)
    for verdict in verdicts:
        assert positions[id(verdict)].path == verdict.claim.file
        assert positions[id(verdict)].line == verdict.claim.line
        assert positions[id(verdict)].column == 1


def test_slugs_unique_and_stable(verdicts):
    slugs = claim_slugs(verdicts)
    assert len(set(slugs.values())) == len(verdicts)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs.values())
    assert slugify("L12:3") == "l12-3"
    assert slugify("Ünïcode — claim") == "unicode-claim"


def test_duplicate_ids_get_numbered(verdicts):
    twice = [verdicts[0], replace(verdicts[0])]
    assert sorted(claim_slugs(twice).values()) == ["palantir-contract", "palantir-contract-2"]


def test_cited_sources_once_each(verdicts, context):
    sources = cited_sources(verdicts, context)
    assert len(sources) == len(set(sources))
    assert {(e.passage.root, e.passage.source) for v in verdicts for e in v.evidence} == set(sources)
    assert all(source_line(context, root, source) for root, source in sources)  # the seeds have metadata


def test_reported_lists_unsupported_and_gate_failures(verdicts, context):
    listed = reported(verdicts, context)
    assert all(v.label.value != "supported" for v in listed)
    assert len(listed) == sum(1 for v in verdicts if v.label.value != "supported")


def test_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relative_path(str(tmp_path / "claims" / "a.yaml")) == "claims/a.yaml"
    assert relative_path("./claims/a.yaml") == "claims/a.yaml"


def test_safe_url():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None


# --- the citation check, in every format ---------------------------------------------------------------


def test_every_format_shows_the_citation(verdicts, context, checker):
    from claimcheck.gate import GateCheck
    from claimcheck.models import Citation, Label
    from claimcheck.report import FORMATS, render
    from claimcheck.reporting import report_context

    supported = next(v for v in verdicts if v.label is Label.SUPPORTED and v.claim.expect is None)
    bearing = supported.evidence[0].passage
    other = next(d.path for d in checker.corpus.documents if d.path != bearing.source)
    miscited = replace(supported, citation=Citation.WRONG_SOURCE, cited=((bearing.root, other),))
    right = replace(supported, claim=replace(supported.claim, id="right-cite"), citation=Citation.OK, cited=((bearing.root, bearing.source),))
    # The gate's decisions reach the reports as data: computed here once for these two verdicts, failing on `miscited`.
    gate = report_context([miscited, right], documents=checker.corpus.documents, fail_on=(GateCheck.MISCITED,), roots=context.roots)
    for name in FORMATS:
        output = render([miscited, right], name, gate)
        assert "wrong-source" in output, name
        if name not in ("json", "jsonl", "claimreview"):
            assert other in output, name  # the source the claim cites, named beside the value
        if name not in ("line", "github", "sarif"):  # a linter lists only what fails; these list every claim
            assert re.search(r"\bok\b", output), name
    note = base.citation_note(miscited)
    assert note.startswith(f"citation wrong-source: cites {other}; the verdict rests on {bearing.source}")
    assert base.citation_note(replace(supported, citation=Citation.NONE)) == ""
    assert base.gate_note(miscited, gate) == "the cited source does not bear it out (miscited fails the gate)"
    assert base.gate_note(right, gate) == ""
    assert base.claim_record(right, gate)["citation"] == "ok"
