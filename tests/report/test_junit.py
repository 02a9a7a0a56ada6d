"""`--format junit`: JUnit XML that CI systems read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from claimcheck.models import Claim, Label, Verdict
from claimcheck.report import render
from claimcheck.report.base import gate_failures
from claimcheck.reporting import with_verdicts


def _suite(output: str) -> ET.Element:
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(output.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "claimcheck"
    return suites[0]


def test_counts_and_cases(run):
    verdicts, context = run
    suite = _suite(render(verdicts, "junit", context))
    failing = gate_failures(verdicts, context)
    assert suite.get("tests") == str(len(verdicts))
    assert suite.get("failures") == str(len(failing))
    assert suite.get("errors") == "0" and suite.get("skipped") == "0"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [v.claim.id for v in verdicts]
    failing_ids = {v.claim.id for v in failing}
    for case, verdict in zip(cases, verdicts):
        assert case.get("classname") == (context.draft_path if context.mode == "draft" else verdict.claim.file)
        failure = case.find("failure")
        if verdict.claim.id in failing_ids:
            assert failure is not None
            assert failure.get("type") == verdict.label.value
            assert verdict.explanation.split(" (")[0] in failure.get("message")
            for item in verdict.evidence:
                assert " ".join(item.passage.text.split()) in failure.text
                assert f"{item.passage.source}:{item.passage.line_start}" in failure.text
        else:
            assert failure is None


def test_no_failures_without_gate(verdicts, context):

    suite = _suite(render(verdicts, "junit", with_verdicts(context, verdicts, fail_on=())))
    assert suite.get("failures") == "0"
    assert not suite.findall("testcase/failure")


def test_control_characters_are_shown_as_escapes(context):
    """XML 1.0 cannot hold them: each is shown as an escape (not replaced by U+FFFD, so a reader sees which it was)."""
    claim = Claim("ctl", "bell \x07 and nul \x00 text", file="c.yaml", line=1)
    output = render([Verdict(claim, Label.UNSOURCED, 0.9, "why \x1b")], "junit", with_verdicts(context, [Verdict(claim, Label.UNSOURCED, 0.9, "why \x1b")]))
    suite = _suite(output)
    failure = suite.find("testcase/failure")
    assert "bell \\x07 and nul \\x00 text" in failure.text
    assert failure.get("message").endswith("why \\x1b")
