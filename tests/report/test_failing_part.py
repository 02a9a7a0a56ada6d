"""A compound claim's failing part is marked in the editor-facing reports and listed in the JSON."""

from __future__ import annotations

import json

from claimcheck.models import Claim, Label, PartVerdict, Verdict
from claimcheck.report import render
from claimcheck.reporting import report_context

TEXT = "The mill hired 40 staff in May and opened a second site in Leeds."
FAILING = "opened a second site in Leeds"


def _compound() -> Verdict:
    start = TEXT.index(FAILING)
    parts = (
        PartVerdict("The mill hired 40 staff in May", 0, TEXT.index(" and"), Label.SUPPORTED, "source says so"),
        PartVerdict("The mill opened a second site in Leeds", start, start + len(FAILING), Label.UNSOURCED, "no source says this"),
    )
    return Verdict(Claim("mill", TEXT), Label.UNSOURCED, 0.6, f"“{FAILING}” is not in the sources: no source says this", (), parts=parts)


def test_html_marks_the_failing_part_inside_the_claim():
    output = render([_compound()], "html", report_context([_compound()]))
    assert f'<span class="failing-part" title="this part is unsourced: no source says this">{FAILING}</span>' in output


def test_markdown_marks_the_failing_part_inside_the_claim():
    output = render([_compound()], "markdown", report_context([_compound()]))
    assert f"<ins>{FAILING}</ins>" in output


def test_json_lists_each_part_with_its_words_and_verdict():
    record = json.loads(render([_compound()], "json", report_context([_compound()])))["claims"][0]
    assert [(p["text"], p["verdict"]) for p in record["parts"]] == [("The mill hired 40 staff in May", "supported"), (FAILING, "unsourced")]
    assert all(TEXT[p["char_start"] : p["char_end"]] == p["text"] for p in record["parts"])


def test_a_claim_without_parts_marks_nothing():
    single = Verdict(Claim("one", "The mill closed."), Label.UNSOURCED, 0.9, "no source passage bears on this claim")
    assert 'class="failing-part"' not in render([single], "html", report_context([single]))
    assert "<ins>" not in render([single], "markdown", report_context([single]))
