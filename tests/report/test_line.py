"""`--format line`: `path:line:col: verdict: message`, like a compiler or linter."""

from __future__ import annotations

import re

from claimcheck.models import Claim, Label, Verdict
from claimcheck.report import render
from claimcheck.reporting import with_verdicts

LINE = re.compile(r"^[^:]+:(\d+):(\d+): (conflicting|unsourced): .+$")


def test_every_unsupported_claim_once(verdicts, context):
    output = render(verdicts, "line", context)
    lines = output.splitlines()
    unsupported = [v for v in verdicts if v.label is not Label.SUPPORTED]
    assert len(lines) == len(unsupported)
    for line, verdict in zip(lines, unsupported):
        match = LINE.match(line)
        assert match, line
        assert line.startswith(f"{verdict.claim.file}:{verdict.claim.line}:1: {verdict.label.value}: ")
        assert f"[{verdict.claim.id}]" in line


def test_draft_columns(draft_verdicts, draft_context):
    output = render(draft_verdicts, "line", draft_context)
    lines = re.split(r"\r\n|\r|\n", draft_context.draft_text)
    listed = [v for v in draft_verdicts if v.label is not Label.SUPPORTED]
    assert len(output.splitlines()) == len(listed)
    for line, verdict in zip(output.splitlines(), listed):
        match = LINE.match(line)
        assert match, line
        assert line.startswith(f"{draft_context.draft_path}:")
        row, column = int(match.group(1)), int(match.group(2))
        sentence = draft_context.draft_text[verdict.claim.char_start : verdict.claim.char_end]
        assert lines[row - 1][column - 1 :].startswith(sentence.splitlines()[0])
    # The bullet's sentence starts after "- ".
    bullet = next(v for v in draft_verdicts if "Bezos" in v.claim.text)
    if bullet.label is not Label.SUPPORTED:
        assert f":{bullet.claim.line}:3: " in output


def test_expectation_mismatch_is_listed(context):
    claim = Claim("x", "A claim.", expect=Label.CONFLICTING, file="c.yaml", line=4)
    output = render(
        [Verdict(claim, Label.SUPPORTED, 0.9, "source says so")], "line", with_verdicts(context, [Verdict(claim, Label.SUPPORTED, 0.9, "source says so")])
    )
    assert output.startswith("c.yaml:4:1: supported: expected conflicting, got supported: ")


def test_one_line_per_claim_whatever_the_text(context):
    claim = Claim("x", "two\nlines\r\nhere", file="c.yaml", line=2)
    output = render([Verdict(claim, Label.UNSOURCED, 0.9, "why\nso")], "line", with_verdicts(context, [Verdict(claim, Label.UNSOURCED, 0.9, "why\nso")]))
    assert len(output.splitlines()) == 1
